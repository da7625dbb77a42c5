"""The glossary defines every term the pages link to (hooks/checks/glossary.py): small pages, a fixture
site that links an undefined term, the real sources and the built site."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks.checks import run as checks, glossary
from hooks.core.mdscan import parse, plain_text

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY_EN = "# Glossary\n\n| English | Hindi | Meaning |\n|---|---|---|\n" \
              '| <span id="token"></span>token | टोकन | A unit. |\n' \
              '| <span id="licence"></span><span id="license"></span>licence | लाइसेंस | Terms. |\n'


def pages(**texts):
    out = {}
    for rel, text in texts.items():
        rel = rel.replace("__", "/").replace("_hi_md", ".hi.md").replace("_md", ".md")
        out[rel] = parse(text, rel, f"docs/{rel}")
    return out


@pytest.fixture(scope="module")
def project():
    project, _ = checks.load_project(ROOT)
    return project


def test_link_to_an_undefined_term_names_file_line_and_anchor():
    found = glossary.check_all(pages(
        glossary_md=GLOSSARY_EN,
        moe_md="# MoE\n\nA [token](glossary.md#token) meets the\n[router](glossary.md#router).\n",
        llama4__index_md="# Story\n\nSee [the licence](../glossary.md#license) and [x](../glossary.md#nope).\n"))
    got = sorted((f.path, f.line, f.rule, f.message.split(": ")[-1]) for f in found)
    assert got == [
        ("docs/llama4/index.md", 3, "page-glossary-undefined", "the glossary (docs/glossary.md) defines no term #nope"),
        ("docs/moe.md", 4, "page-glossary-undefined", "the glossary (docs/glossary.md) defines no term #router"),
    ]


def test_links_elsewhere_are_not_glossary_links():
    found = glossary.check_all(pages(
        glossary_md=GLOSSARY_EN,
        moe_md="# MoE\n\n[a](moe.md#x) [b](https://example.org/glossary.md#x) [c](#router)\n"))
    assert found == []


def test_hindi_pages_are_checked_against_the_hindi_glossary_and_both_define_the_same_terms():
    hindi = GLOSSARY_EN.replace('| <span id="token"></span>token | टोकन | A unit. |\n', "")
    found = glossary.check_all(pages(glossary_md=GLOSSARY_EN, glossary_hi_md=hindi,
                                     moe_hi_md="# MoE\n\nहर [टोकन](glossary.md#token)।\n"))
    rules = sorted((f.path, f.rule) for f in found)
    assert rules == [("docs/glossary.hi.md", "page-glossary-parity"), ("docs/moe.hi.md", "page-glossary-undefined")]


def test_real_pages_link_only_defined_terms_and_link_the_glossary_a_lot(project):
    assert glossary.check_all(project.pages) == []
    linked = {link.target.split("#")[1] for p in project.pages.values() for link in p.links
              if re.search(r"(^|/)glossary\.md#", link.target)}
    assert len(linked) >= 30
    for rel in ("race.md", "release.md", "race.hi.md", "release.hi.md"):
        assert any("glossary.md#" in link.target for link in project.pages[rel].links), rel


def test_real_glossaries_define_the_terms_the_pages_use(project):
    defined = set(glossary.terms(project.pages["glossary.md"]))
    for term in ("moe", "expert", "router", "token", "parameter", "active-parameters", "open-weights",
                 "licence", "acceptable-use-policy", "benchmark", "lmarena", "context-window",
                 "distillation", "capex", "model-card", "gpu-hour", "test-set", "depreciation"):
        assert term in defined, term
    assert set(glossary.terms(project.pages["glossary.hi.md"])) == defined


def test_fixture_site_linking_an_undefined_term_fails(fixture_site):
    result, _ = fixture_site("glossary-undefined")
    assert result.returncode != 0
    assert re.search(r"docs/guide\.md:3:\d+: page-glossary-undefined: link 'glossary\.md#router'", result.output)
    assert re.search(r"docs/guide\.hi\.md:3:\d+: page-glossary-undefined: link 'glossary\.md#router'", result.output)


def test_built_glossary_has_an_element_for_every_linked_term(built_site):
    """From the built site: every href to glossary/#x on any page finds id="x" on the glossary."""
    ids = {}
    for lang, folder in (("en", built_site), ("hi", built_site / "hi")):
        text = (folder / "glossary" / "index.html").read_text(encoding="utf-8")
        ids[lang] = set(re.findall(r'\bid="([^"]+)"', text))
    checked = 0
    for html_file in built_site.rglob("*.html"):
        rel = html_file.relative_to(built_site).as_posix()
        lang = "hi" if rel.startswith("hi/") else "en"
        for anchor in re.findall(r'href="(?:\.\./)*glossary/#([^"]+)"', html_file.read_text(encoding="utf-8")):
            assert anchor in ids[lang], f"{rel} links glossary/#{anchor}, which the glossary lacks"
            checked += 1
    assert checked >= 60


def test_glossary_has_no_maintainer_text(project):
    for rel in ("glossary.md", "glossary.hi.md", "race.md", "race.hi.md", "release.md",
                "release.hi.md", "timeline.md", "timeline.hi.md"):
        text = plain_text(project.pages[rel]).lower()
        for word in ("registry", "contributor", "maintainer", "hooks/", "anchor", "glossary.md#", "एंकर",
                     "रजिस्ट्री", "mkdocs"):
            assert word not in text, (rel, word)
