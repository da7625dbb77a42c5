"""The home page's card "what the report said, what happened" (hooks/site_llama4/verdicts.py) in
the browser: its title and all six verdicts on a 375x667 phone's first screen in both languages,
one row per claim at 1280 px, the same card without JavaScript, links by touch and keyboard, and
its text alternative (the marks are hidden from screen readers; the words carry the verdict)."""
from __future__ import annotations

import pytest

import weigh

LANGS = ("", "hi/")
WORDS = {"": ["Right", "Unproven", "Fits the record", "Right", "Wrong", "Half right"],
         "hi/": ["सही", "साबित नहीं", "रिकॉर्ड से मेल", "सही", "ग़लत", "आधा सही"]}


def _context(browser, width, height, js=True, scheme="light"):
    context = weigh.without_search_worker(browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=1, is_mobile=width < 600,
        has_touch=width < 600, java_script_enabled=js, color_scheme=scheme))
    context.set_default_timeout(20_000)
    return context


def _boxes(page):
    return page.evaluate("""() => {
        const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
        const card = document.querySelector('article section.glance');
        return {card: card && box(card), title: box(card.querySelector('.glance__title')),
                rows: [...card.querySelectorAll('li.glance__item')].map(li => ({
                    verdict: box(li.querySelector('.glance__verdict')), word: li.querySelector('.glance__verdict').innerText.trim(),
                    claim: box(li.querySelector('.glance__claim')), evidence: box(li.querySelector('.verdict'))}))};
    }""")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGS)
def test_title_and_six_verdicts_on_the_first_phone_screen(browser, site_url, screenshots_dir, lang, js):
    context = _context(browser, 375, 667, js=js)
    try:
        page = context.new_page()
        page.goto(site_url + lang)
        page.wait_for_load_state("load")
        boxes = _boxes(page)
        assert boxes["card"] is not None
        assert [r["word"] for r in boxes["rows"]] == WORDS[lang]
        assert boxes["title"][3] <= 667, boxes["title"]
        for row in boxes["rows"]:
            assert row["verdict"][3] <= 667, f"verdict {row['word']} below the first screen: {row['verdict']}"
            assert row["evidence"][2] <= 375 and row["claim"][2] <= 375, row
        assert boxes["card"][2] <= 375
        page.screenshot(path=str(screenshots_dir / f"glance-375-{lang.strip('/') or 'en'}-{'js' if js else 'nojs'}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_one_row_per_claim_at_1280(browser, site_url, screenshots_dir, lang):
    context = _context(browser, 1280, 900)
    try:
        page = context.new_page()
        page.goto(site_url + lang)
        page.wait_for_load_state("load")
        boxes = _boxes(page)
        for row in boxes["rows"]:
            # verdict, claim and evidence side by side, on one line
            assert row["verdict"][2] <= row["claim"][0] and row["claim"][2] <= row["evidence"][0], row
            assert abs(row["verdict"][1] - row["claim"][1]) < 8 and row["claim"][3] - row["claim"][1] < 40, row
        page.locator("section.glance").screenshot(path=str(screenshots_dir / f"glance-1280-{lang.strip('/') or 'en'}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_text_alternative_words_not_marks(page, site_url, lang):
    page.goto(site_url + lang)
    card = page.locator("article section.glance")
    title_id = card.get_attribute("aria-labelledby")
    assert page.locator(f"#{title_id}").inner_text().strip() == card.locator(".glance__title").inner_text().strip()
    assert card.locator("svg.glance__mark").count() == 6
    assert card.locator('svg.glance__mark:not([aria-hidden="true"])').count() == 0
    for item, word in zip(card.locator("li.glance__item").all(), WORDS[lang]):
        text = item.inner_text()
        assert word in text and item.locator(".verdict").inner_text().strip() in text
    # the evidence box differs by its border, never by colour alone (as on the scorecard)
    styles = page.evaluate("""() => [...document.querySelectorAll('section.glance .verdict')]
        .map(el => [el.dataset.verdict, getComputedStyle(el).borderTopStyle])""")
    assert {"confirmed": "solid", "reported": "dashed"}.items() <= dict(styles).items()


@pytest.mark.parametrize("lang", LANGS)
def test_claim_links_by_keyboard_and_touch(browser, page, site_url, lang):
    page.goto(site_url + lang)
    links = page.locator("section.glance a.glance__claim")
    assert links.count() == 6
    links.first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == links.nth(1).inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url("**/llama4/#scorecard")
    context = _context(browser, 375, 667)
    try:
        phone = context.new_page()
        phone.goto(site_url + lang)
        phone.locator("section.glance a.glance__claim").last.tap()
        phone.wait_for_url("**/race/#meta-plan")
        assert phone.locator("#meta-plan").is_visible()
    finally:
        context.close()
