"""Story pages in the browser (issue 16): the summary and reading time come first on screen, the
"How we know" note starts closed, and scorecard verdict labels differ without colour."""
from __future__ import annotations

import pytest

PAGES = ("", "llama4/", "llama4/after/")
LANGS = ("", "hi/")


def _open(page, site_url, path):
    page.goto(site_url.rstrip("/") + "/" + path)
    page.wait_for_load_state("domcontentloaded")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_summary_and_reading_time_on_the_first_phone_screen(mobile_page, site_url, lang, path):
    _open(mobile_page, site_url, lang + path)
    summary = mobile_page.locator("article .summary")
    reading = mobile_page.locator("article .reading-time")
    assert summary.count() == 1 and reading.count() == 1
    box_s, box_r = summary.bounding_box(), reading.bounding_box()
    h2 = mobile_page.locator("article h2").first.bounding_box()
    assert box_s["y"] < box_r["y"] < h2["y"]
    # The summary starts within the first two screens of a 375 px phone, after the stakes.
    assert box_s["y"] < 2 * 812
    assert box_s["x"] + box_s["width"] <= 375 + 1, "summary wider than the phone"
    text = reading.inner_text()
    assert text.startswith("पढ़ने में लगभग" if lang else "About")
    assert mobile_page.errors == []


@pytest.mark.parametrize("lang", LANGS)
def test_how_we_know_note_starts_closed(page, site_url, lang):
    for path in PAGES:
        _open(page, site_url, lang + path)
        note = page.locator("article details").first
        assert note.count() == 1
        assert note.get_attribute("open") is None
        assert note.locator("summary").inner_text().strip() in ("How we know", "हमें कैसे पता है")


@pytest.mark.parametrize("lang", LANGS)
def test_verdict_labels_differ_by_border_not_only_colour(page, site_url, lang):
    _open(page, site_url, lang + "llama4/")
    styles = page.evaluate("""() => [...document.querySelectorAll('#scorecard ~ table .verdict, .verdict')]
        .map(el => [el.dataset.verdict, getComputedStyle(el).borderTopStyle, el.innerText.trim()])""")
    by_status = {status: (border, word) for status, border, word in styles}
    assert set(by_status) >= {"confirmed", "reported"}
    assert by_status["confirmed"][0] != by_status["reported"][0]
    words = {"": {"confirmed": "confirmed", "reported": "reported"},
             "hi/": {"confirmed": "पुष्ट", "reported": "ख़बरों में"}}[lang]
    for status, word in words.items():
        assert by_status[status][1] == word
