"""What machines read in the built site (issue 32): the 404 pages (language, noindex, alternates,
switcher), the JSON-LD of every page, the sitemap's per-page lastmod."""
from __future__ import annotations

import html as htmllib
import re

from selectolax.lexbor import LexborHTMLParser

SITE_URL = "https://example.github.io/llama4-explainer/"


def _read(site, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))


# ---- the 404 pages

def test_404_pages_are_not_indexed_and_speak_their_language(built_site):
    for rel, lang, h1, title in [
            ("404.html", "en", "404: page not found", "Page not found - Llama 4, explained"),
            ("hi/404.html", "hi", "404: यह पन्ना नहीं मिला", "यह पन्ना नहीं मिला - Llama 4 की पूरी कहानी")]:
        doc = _read(built_site, rel)
        assert doc.css_first("html").attributes["lang"] == lang, rel
        robots = [m.attributes.get("content") for m in doc.css('meta[name="robots"]')]
        assert robots == ["noindex"], (rel, robots)
        assert doc.css_first("h1").text(deep=True).strip() == h1, rel
        assert doc.css_first("title").text().strip() == title, rel


def test_404_alternates_and_switcher_lead_to_each_languages_404(built_site):
    for rel, to_en, to_hi in [("404.html", "404.html", "hi/404.html"),
                              ("hi/404.html", "../404.html", "404.html")]:
        doc = _read(built_site, rel)
        alternates = {link.attributes["hreflang"]: link.attributes["href"]
                      for link in doc.css('link[rel="alternate"][hreflang]')}
        assert alternates == {"en": SITE_URL + "404.html", "hi": SITE_URL + "hi/404.html",
                              "x-default": SITE_URL + "404.html"}, rel
        switcher = {a.attributes["hreflang"]: a.attributes["href"] for a in doc.css("a.md-select__link")}
        assert switcher == {"en": to_en, "hi": to_hi}, rel
        # the relative links resolve against the base the 404's root script sets: the page's folder
        assert all(a.attributes.get("lang") == a.attributes["hreflang"] for a in doc.css("a.md-select__link"))


def test_root_404_carries_the_hindi_headline_for_hindi_addresses(built_site):
    """GitHub Pages answers every missing address with the root 404: at a /hi/ address its script
    shows the Hindi 404's headline and title, which the Hindi help block carries."""
    root = _read(built_site, "404.html")
    hi = _read(built_site, "hi/404.html")
    block = root.css_first('.lost[lang="hi"]')
    assert block.attributes["data-headline"] == hi.css_first("h1").text(deep=True).strip()
    assert block.attributes["data-title"] == hi.css_first("title").text().strip()
    assert root.css_first('.lost[lang="en"]').attributes.get("data-headline") is None


def test_headline_and_title_read_from_a_built_page():
    from hooks.site_fixes import _help_block, headline_and_title
    page = '<title>A &amp; "B"</title><h1 id="x">404: <em>C</em> &lt;D&gt;</h1>'
    assert headline_and_title(page) == ('404: C <D>', 'A & "B"')
    block = _help_block("hi", "", None, headline_and_title(page))
    assert 'data-headline="404: C &lt;D&gt;"' in block and 'data-title="A &amp; &quot;B&quot;"' in block
    assert htmllib.unescape(re.search(r'data-title="([^"]*)"', block).group(1)) == 'A & "B"'
