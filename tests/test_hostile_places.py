"""Fact references where a citation mark cannot stand (issue 25; ../shared/reviews/2026-12-07/
hostile.md F05, F06): a reference becomes its text and a mark that is a link, so a reference
inside an HTML tag breaks the tag (the mark is written into the attribute), one in an image's
text loses its mark (alt keeps no HTML) and one in a link's text is a link inside a link. The
source check says so at the reference's line and column (hooks/checks/facts_check.py
check_ref_places); the same places elsewhere on the line are fine.
"""
from __future__ import annotations

import pytest

from fixture_sites import ROOT
from hooks.checks import facts_check
from hooks.core.mdscan import parse, read_pages

HEAD = "# Race\n\nSome text.\n\n"


def found(text: str, rel: str = "race.md"):
    page = parse(HEAD + text + "\n", rel, "docs/" + rel)
    return [(f.path, f.line - 4, f.col, f.rule) for f in facts_check.check_ref_places(page)]


# (case, text, column of the reference, rule)
BROKEN = [
    ("F05 in an attribute", '<span title="launched [](fact:chatgpt-launch-date)">ChatGPT</span>', 23,
     "fact-mark-lost"),
    ("F05 Hindi", '<span title="जारी [](fact:chatgpt-launch-date)">ChatGPT</span>', 19, "fact-mark-lost"),
    ("F05 with its own text", "<abbr title='[2022](fact:chatgpt-launch-date)'>x</abbr>", 14, "fact-mark-lost"),
    ("attribute of a block tag on its own lines", '<div\n  title="[](fact:x)">\n\nx\n\n</div>', 10,
     "fact-mark-lost"),
    ("heading attribute list", '## Details {: #details title="[](fact:x)" }', 31, "fact-mark-lost"),
    ("paragraph attribute list", 'A paragraph.\n{: title="launched [](fact:x)" }', 20, "fact-mark-lost"),
    ("image text", "![launched [](fact:x)](../assets/img/x.svg)", 12, "fact-mark-lost"),
    ("reference image text", "![launched [](fact:x)][img]\n\n[img]: ../assets/img/x.svg", 12, "fact-mark-lost"),
    ("F06 in a link's text", "[see [](fact:chatgpt-launch-date)](https://openai.com/index/chatgpt/)", 6,
     "fact-mark-in-link"),
    ("F06 Hindi", "[देखें [](fact:chatgpt-launch-date)](https://openai.com/index/chatgpt/)", 8,
     "fact-mark-in-link"),
    ("reference link", "[see [](fact:x)][openai]\n\n[OpenAI]: https://openai.com/", 6, "fact-mark-in-link"),
    ("reference link with a space", "[see [](fact:x)] [OpenAI]\n\n[openai]: https://openai.com/", 6,
     "fact-mark-in-link"),
    ("html link", '<a href="https://openai.com/">see [](fact:x)</a>', 35, "fact-mark-in-link"),
]


@pytest.mark.parametrize("name, text, col, rule", BROKEN, ids=[c[0] for c in BROKEN])
def test_a_reference_where_its_mark_cannot_stand_is_a_finding_at_it(name, text, col, rule):
    line = 1 + text[:text.index("(fact:")].count("\n")
    assert found(text) == [("docs/race.md", line, col, rule)]


@pytest.mark.parametrize("text", [
    '<span title="launched">ChatGPT</span> launched [](fact:x).',
    '<span title="x">launched [](fact:x)</span>',                 # in an element's text: fine
    "[see the post](https://openai.com/) [](fact:x)",
    "[](fact:x) [see the post](https://openai.com/)",
    '<a href="https://openai.com/">the post</a> [](fact:x) <a href="#y">y</a>',
    "![a chart](../assets/img/x.svg) [](fact:x)",
    "[see [](fact:x)] without a target is text",
    "[see [](fact:x)][undefined] names no definition",
    '`<span title="[](fact:x)">` is code',
    '<!-- <span title="[](fact:x)"> --> [](fact:y)',
    "a <b [](fact:x) with no closing bracket is text",
    "launched [](fact:x){.as-of} and {: .note }",
    "## Details [](fact:x) {#details}",
])
def test_the_same_references_in_running_text_are_fine(text):
    assert found(text) == []


def test_the_review_s_cases_are_one_finding_each_in_both_languages():
    en = found('<span title="launched [](fact:chatgpt-launch-date)">ChatGPT</span>')
    hi = found('<span title="जारी [](fact:chatgpt-launch-date)">ChatGPT</span>', "race.hi.md")
    assert [r for *_, r in en] == [r for *_, r in hi] == ["fact-mark-lost"]
    assert hi[0][0] == "docs/race.hi.md"


def test_check_all_reports_them(tmp_path):
    from hooks.facts.registry import Registry
    page = parse(HEAD + "[see [](fact:x)](https://openai.com/)\n", "race.md", "docs/race.md")
    rules = {f.rule for f in facts_check.check_all({"race.md": page}, Registry("facts/registry.yaml"))}
    assert "fact-mark-in-link" in rules


def test_the_real_pages_cite_facts_only_where_a_mark_can_stand():
    pages = read_pages(ROOT / "docs", ROOT)
    assert sum(len(p.fact_refs) for p in pages.values()) > 100
    assert [f.format() for p in pages.values() for f in facts_check.check_ref_places(p)] == []


def test_the_build_reports_a_lost_mark_once_at_its_reference(tmp_path):
    """A reference in a heading's attribute list: the build published `title="5 April 2025<a
    class="fact-cite" ...>"` (a broken tag) with no finding. Now the source check refuses it, and
    the build's own report of the lost mark (hooks/mkdocs_hooks.py) does not say it twice."""
    from fixture_sites import SITES, assemble, run_build
    home = (SITES / "_base" / "docs" / "index.md").read_text(encoding="utf-8")
    assert "## Details {#details}" in home
    home = home.replace("## Details {#details}", '## Details {: #details title="[](fact:launch-date)" }', 1)
    line = home[:home.index("[](fact:launch-date)\"")].count("\n") + 1
    result = run_build(assemble(None, tmp_path / "s", {"docs/index.md": home}), tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lost = [x for x in result.stderr.splitlines() if "fact-mark-lost" in x]
    assert len(lost) == 1 and f"docs/index.md:{line}:" in lost[0], result.stderr
