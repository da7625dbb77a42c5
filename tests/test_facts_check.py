"""The fact checks as pure functions over Markdown text."""
from hooks.checks.facts_check import check_prose_numbers, check_twin_numbers, prose_numbers
from hooks.core.mdscan import parse


def page(text, rel="p.md"):
    return parse(text, rel, "docs/" + rel)


def test_numbers_in_names_code_links_and_lists_are_not_prose_numbers():
    text = ("# T\n\n1. Llama 3.1 and GPT-4.5 and Mixtral 8x7B on H100 chips, `x = 42`,\n"
            "a [link](https://example.org/2024/page) and [](fact:a-b){.as-of} and top-1 routing.\n\n"
            "```\ncode 99\n```\n## Heading {#h2-id}\n")
    assert check_prose_numbers(page(text)) == []
    assert sorted(n for n, *_ in prose_numbers(page(text))) == ["1", "3.1", "4.5"]


def test_bare_numbers_are_found_with_line_and_column():
    found = check_prose_numbers(page("# T\n\nIn 2025 it cost 65 billion.\n"))
    assert [(f.line, f.col, f.rule) for f in found] == [(3, 4, "fact-bare-number"), (3, 17, "fact-bare-number")]


def test_marked_exception():
    assert check_prose_numbers(page("# T\n\nThe year 1991 matters. <!-- numbers-ok -->\n")) == []


def test_twin_numbers_compare_names():
    en = page("# T\n\nLlama 3.1 spoke more languages.\n", "p.md")
    hi = page("# T\n\nLlama 3 ने ज़्यादा भाषाएं बोलीं।\n", "p.hi.md")
    found = check_twin_numbers(en, hi)
    assert {f.path for f in found} == {"docs/p.md", "docs/p.hi.md"}
