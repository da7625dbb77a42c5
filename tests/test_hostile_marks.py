"""Titles of marks with no letter to carry them (issue 25; ../shared/reviews/2026-12-07/hostile.md
T03, T06): a Hindi front-matter title or nav title of vowel signs only ("ािीुूेैोौ्ंः") built
clean, and the tab, the nav and the share card showed dotted circles. hooks/core/text.py
stray_mark follows Devanagari's cluster rules (a vowel sign, virama or nukta after a consonant,
a bindu after a letter or sign); hooks/checks/titles.py reports page-title-mark for every title
and front-matter string, and for headings, at its line.
"""
from __future__ import annotations


import pytest

from fixture_sites import ROOT
from hooks.checks import titles
from hooks.core.mdscan import parse, read_pages
from hooks.core.text import stray_mark

SIGNS = "ािीुूेैोौ्ंः"


@pytest.mark.parametrize("text, at", [
    (SIGNS, 0),
    ("ा", 0), ("्", 0), ("ं", 0), ("़", 0), ("ँ", 0),
    ("कािी", 2),            # a sign after a sign
    ("क्ा", 2),             # a sign after the virama
    ("क ि", 2),             # a sign after a space
    ("(ि)", 1),             # after punctuation
    ("अि", 1),              # a vowel sign on an independent vowel
    ("अ़", 1),              # a nukta on a vowel
    ("कं ः", 3),            # a visarga after a space
    ("a\u0301 \u0301", 3),  # another script's accent after a space
    ("\u20e3", 0),          # a keycap with nothing under it
])
def test_a_mark_with_nothing_to_carry_it_is_found(text, at):
    assert stray_mark(text) == at


@pytest.mark.parametrize("text", [
    "शब्दावली", "हिंदी", "मॉडल", "क़ि", "क़ि", "अँ", "किं", "कः", "ड़े", "स्पार्क", "श्रृंखला", "ऑ",
    "ज़्यादा", "क्\u200dष", "Llama 4", "cafe\u0301", "1\ufe0f\u20e3", "\U0001F44D\ufe0f", "", "यूँ ही", "आँकड़े",
])
def test_whole_syllables_carry_their_marks(text):
    assert stray_mark(text) is None


def test_the_real_site_has_no_stray_mark_in_any_text():
    # (CONTRIBUTING shows the rule with an example of stray signs, so it is not read here)
    files = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "mkdocs.yml", ROOT / "facts" / "registry.yaml",
             ROOT / "facts" / "questions.yaml", ROOT / "HINDI-STYLE.md", *sorted((ROOT / "overrides").rglob("*.html"))]
    words = [w for f in files if f.exists() for w in f.read_text(encoding="utf-8").split()]
    assert len(words) > 10000
    assert [w for w in words if stray_mark(w) is not None] == []


def _moe_hi(edit_old: str, edit_new: str):
    text = (ROOT / "docs" / "moe.hi.md").read_text(encoding="utf-8")
    assert edit_old in text
    return parse(text.replace(edit_old, edit_new, 1), "moe.hi.md", "docs/moe.hi.md")


def test_t03_a_front_matter_title_of_vowel_signs_is_a_finding_at_its_line():
    page = _moe_hi("---\ndescription:", f'---\ntitle: "{SIGNS}"\ndescription:')
    assert [(f.path, f.line, f.col, f.rule) for f in titles.check_page(page)] == \
        [("docs/moe.hi.md", 2, 8, "page-title-mark")]
    assert "U+093E" in titles.check_page(page)[0].message


def test_t06_a_nav_title_of_vowel_signs_is_a_finding_at_its_line():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    old = "            Glossary: शब्दावली"
    assert old in config
    edited = config.replace(old, f'            Glossary: "{SIGNS}"', 1)
    line = edited[:edited.index(SIGNS)].count("\n") + 1
    assert [(f.line, f.rule) for f in titles.check_config(edited)] == [(line, "page-title-mark")]


@pytest.mark.parametrize("field", ["title", "subtitle", "description"])
def test_every_front_matter_string_is_read(field):
    page = parse(f"---\n{field}: कािी\n---\n# T\n", "p.hi.md", "docs/p.hi.md")
    assert [(f.line, f.rule) for f in titles.check_page(page)] == [(2, "page-title-mark")]


def test_a_heading_of_signs_is_a_finding_at_its_line_and_column():
    page = parse(f"# ठीक\n\nपाठ।\n\n## {SIGNS} {{#signs}}\n", "p.hi.md", "docs/p.hi.md")
    assert [(f.line, f.col, f.rule) for f in titles.check_page(page)] == [(5, 4, "page-title-mark")]


def test_nav_and_site_name_are_read():
    config = f"site_name: '{SIGNS}'\nnav:\n  - '{SIGNS}': index.md\n"
    assert sorted((f.line, f.rule) for f in titles.check_config(config)) == [(1, "page-title-mark"), (3, "page-title-mark")]


def test_the_real_titles_and_headings_pass():
    pages = read_pages(ROOT / "docs", ROOT)
    assert [f.format() for p in pages.values() for f in titles.check_page(p) if f.rule == "page-title-mark"] == []
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert [f.format() for f in titles.check_config(config) if f.rule == "page-title-mark"] == []
