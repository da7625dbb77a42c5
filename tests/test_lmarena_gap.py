"""The leaderboard gap on "What happened after" (hooks/site_llama4/lmarena_gap.py): drawn from
the two lmarena-*rank facts, labels in the page's language, nothing under 13 units, every string
escaped, a clear finding when the facts cannot be drawn."""
from __future__ import annotations

import dataclasses
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from fixture_sites import ROOT
from hooks.facts.registry import load as load_registry
from hooks.site_llama4 import lmarena_gap as g
from hooks.facts.values import Quantity, Text


@pytest.fixture(scope="module")
def registry():
    reg, _ = load_registry(ROOT / "facts" / "registry.yaml", "facts/registry.yaml")
    return reg


def with_value(registry, fid, value):
    reg = dataclasses.replace(registry, facts=dict(registry.facts))
    reg.facts[fid] = dataclasses.replace(reg.facts[fid], value=value)
    return reg


class Source:
    path = "docs/llama4/after.md"
    text = "# T\n\n<figure>\n<!-- lmarena-gap -->\n</figure>\n"


def texts(svg: str) -> list[str]:
    return [t.text() for t in LexborHTMLParser(svg).css("text")]


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_both_ranks_and_their_distance_come_from_the_registry(registry, lang):
    exp = int(registry.facts[g.EXPERIMENTAL].value.lo)
    pub = int(registry.facts[g.PUBLIC].value.lo)
    words = " ".join(texts(g.svg(registry, lang)))
    assert f"{exp}:" in words and f"{pub}:" in words and str(pub - exp) in words
    moved = with_value(registry, g.PUBLIC, Quantity(47))
    svg = g.svg(moved, lang)
    assert "47:" in " ".join(texts(svg)) and str(47 - exp) in " ".join(texts(svg))
    # the ladder reaches the first multiple of five past the public rank
    assert "50" in texts(svg) and "55" not in texts(svg)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_labels_in_the_page_language_with_a_text_alternative(registry, lang):
    doc = LexborHTMLParser(g.svg(registry, lang))
    svg = doc.css_first("svg")
    assert svg.attributes["role"] == "img" and svg.attributes["lang"] == lang
    ids = svg.attributes["aria-labelledby"].split()
    title, desc = (doc.css_first(f"#{i}") for i in ids)
    assert title.tag == "title" and desc.tag == "desc"
    assert title.text() == g.WORDS[lang]["title"]
    assert "32" in desc.text() and "2025" in desc.text()
    devanagari = re.compile(r"[\u0900-\u097F]")
    assert bool(devanagari.search(desc.text())) == (lang == "hi")


def test_no_text_under_13_units_and_shown_at_its_size(registry):
    for lang in ("en", "hi"):
        svg = g.svg(registry, lang)
        doc = LexborHTMLParser(svg)
        root = doc.css_first("svg")
        assert root.attributes["width"] == "340" and root.attributes["viewBox"].startswith("0 0 340 ")
        group = float(doc.css_first("g").attributes["font-size"])
        for t in doc.css("text"):
            assert float(t.attributes.get("font-size", group)) >= 13


def test_strings_are_escaped(registry, monkeypatch):
    monkeypatch.setitem(g.WORDS, "en", {**g.WORDS["en"], "title": "<script>alert(1)</script>&"})
    svg = g.svg(registry, "en")
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;&amp;" in svg


@pytest.mark.parametrize("value, words", [
    (Quantity(40), "is not above the public one"),
    (Quantity(2, 5), "one whole rank"),
    (Quantity(2.5), "one whole rank"),
    (Text((("en", "two"), ("hi", "दो"))), "one whole rank"),
])
def test_facts_that_cannot_be_drawn_are_named(registry, value, words):
    reg = with_value(registry, g.EXPERIMENTAL, value)
    out, found = g.replace_marker(Source.text, Source, reg, "en")
    assert g.MARKER not in out and "<svg" not in out
    assert found and words in found[0].message and found[0].line == 4 and found[0].path == Source.path
    assert found[0].rule == "page-lmarena-gap"


def test_the_built_page_carries_it_in_both_languages(built_site):
    for lang in ("", "hi/"):
        doc = LexborHTMLParser((built_site / lang / "llama4/after/index.html").read_text(encoding="utf-8"))
        svg = doc.css_first("article figure svg.lmarena-gap")
        assert svg is not None and svg.attributes["lang"] == (lang.strip("/") or "en")
