"""The timeline and the strip of key moments in chromium, both languages, at 375 and 1280 px:
the timeline reads as a list on a phone and as tables on a desktop, key moments carry a word
(not colour alone), the home pages' strip scrolls sideways on a phone and its links land on
the timeline rows. Screenshots go to test-artifacts/screenshots/timeline/."""
from __future__ import annotations

import pytest

from weigh import ARTIFACTS

SHOTS = ARTIFACTS / "screenshots" / "timeline"
CASES = [("en", "", "timeline/", "Key moment"), ("hi", "hi/", "hi/timeline/", "अहम पड़ाव")]


from weigh import open_at  # noqa: E402


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang,home,timeline,word", CASES)
def test_timeline_is_a_list_on_a_phone_and_marks_key_moments_in_words(browser, site_url, lang, home,
                                                                      timeline, word, width):
    context, page = open_at(browser, width, site_url + timeline)
    try:
        page.wait_for_function("document.querySelectorAll('article table[data-stack]').length >= 5")
        layout = page.evaluate("""() => {
            const tables = [...document.querySelectorAll('article table')];
            const row = tables[0].tBodies[0].rows[0];
            const keys = [...document.querySelectorAll('article .key-moment')];
            return {tables: tables.length,
                    stacked: tables.every(t => t.hasAttribute('data-stack')),
                    display: getComputedStyle(row).display,
                    widest: Math.max(...tables.map(t => t.getBoundingClientRect().right)),
                    viewport: document.documentElement.clientWidth,
                    keys: keys.map(k => k.textContent.trim()),
                    star: keys.length ? getComputedStyle(keys[0], '::before').content : ''};
        }""")
        assert layout["tables"] >= 5 and layout["stacked"]
        assert layout["display"] == ("block" if width < 600 else "table-row")
        assert layout["widest"] <= layout["viewport"] + 1  # nothing runs off the screen
        assert len(layout["keys"]) >= 5 and set(layout["keys"]) == {word}
        assert "★" in layout["star"]
        assert page.errors == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator("#llama4-release").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"timeline-{lang}-{width}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang,home,timeline,word", CASES)
def test_home_strip_scrolls_on_a_phone_and_links_to_the_rows(browser, site_url, lang, home, timeline,
                                                             word, width):
    context, page = open_at(browser, width, site_url + home)
    try:
        strip = page.locator("nav.timeline-strip")
        assert strip.count() == 1
        info = strip.evaluate("""s => ({overflow: getComputedStyle(s).overflowX,
                                        scroll: s.scrollWidth, client: s.clientWidth,
                                        height: s.getBoundingClientRect().height,
                                        pageWide: document.documentElement.scrollWidth
                                                  > document.documentElement.clientWidth + 1,
                                        items: s.querySelectorAll('li').length})""")
        assert info["overflow"] == "auto" and info["items"] >= 6
        assert not info["pageWide"]  # the strip scrolls, the page does not
        if width < 600:
            assert info["scroll"] > info["client"]
        assert info["height"] < 140  # one line of moments, not a column
        strip.scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"strip-{lang}-{width}.png"))
        link = strip.locator("li a").nth(4)
        anchor = link.get_attribute("href").split("#")[1]
        link.click()
        page.wait_for_url(f"**/{timeline}#{anchor}")
        assert page.locator(f"[id='{anchor}']").count() == 1
        assert page.errors == []
    finally:
        context.close()
