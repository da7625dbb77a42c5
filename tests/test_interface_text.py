"""Interface text in the page's language: no English on Hindi pages, no Hindi on English ones
(except the language's own name in the language menu). Read from the real built site."""
from __future__ import annotations

import re

import pytest

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
# Material's English strings, and this site's, that must not reach a Hindi page
ENGLISH_UI = ["Made with", "Permanent link", "Not found", "page not found", "Table of contents",
              "Back to top", "Skip to content", "Type to start searching", "No matching documents",
              "Wide table", "Go to the home page"]
BAD_HINDI_UI = ["विषय - सूची", "डाक्यूमेंट्स", "शीर्षभाग पर लौटें"]


def hindi_pages(site):
    pages = sorted(site.glob("hi/**/index.html")) + [site / "hi" / "404.html"]
    assert len(pages) > 10 and pages[-1].is_file()
    return pages


def visible(html: str) -> str:
    """Text and the attributes a reader meets (title, aria-label, placeholder); scripts out."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    attrs = " ".join(re.findall(r'\b(?:title|aria-label|placeholder)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attrs


def test_hindi_pages_hold_no_english_interface_string(built_site):
    found = []
    for page in hindi_pages(built_site):
        html = page.read_text(encoding="utf-8")
        text = visible(html)
        config = re.search(r'<script id="__config"[^>]*>(.*?)</script>', html, re.S).group(1)
        for needle in ENGLISH_UI + BAD_HINDI_UI:
            if needle in text or needle in config:
                found.append(f"{page.relative_to(built_site)}: {needle!r}")
    assert not found, "\n".join(found)


def test_the_hindi_404_page_speaks_hindi_and_links_home(built_site):
    html = (built_site / "hi" / "404.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert DEVANAGARI.search(h1), h1
    # Home is /hi/, written absolute or, on /hi/404.html, as its own folder ./
    assert re.search(r'<a href="(?:[^"]*/hi/|\./)">[^<]*[\u0900-\u097F]', html)


@pytest.mark.parametrize("rel", ["index.html", "moe/index.html", "404.html"])
def test_english_pages_hold_no_hindi_interface_text(built_site, rel):
    html = (built_site / rel).read_text(encoding="utf-8")
    html = re.sub(r'<article\b.*?</article>', " ", html, flags=re.S)  # the page's own text may quote Hindi
    hindi = set(re.findall(r"[\u0900-\u097F][\u0900-\u097F\s]*[\u0900-\u097F]", visible(html)))
    assert hindi <= {"हिंदी"}, hindi
