"""What a reader sees, in chromium at 375 and 1280 px, both languages (issue 11): diagrams in
the site's fonts and legible on a phone, Hindi search that ignores nukta and chandrabindu,
tables that say they scroll or read as a list, print that keeps every column.
Screenshots of every page go to test-artifacts/screenshots/pages/."""
from __future__ import annotations

import json
import os
import re
import unicodedata

import pytest

from test_browser import pages, path_of, run_search, visible_paths  # noqa: F401 (pages: a fixture)

WIDTHS = {"mobile": 375, "desktop": 1280}
DIAGRAM_PAGES = ["moe/", "race/", "hi/moe/", "hi/race/"]
SITE_FONTS = {"Roboto", "Noto Sans Devanagari"}


def fold(text: str) -> str:
    """The folding search-worker.js applies: no nukta, chandrabindu read as anusvara."""
    text = unicodedata.normalize("NFD", text).replace("\u093c", "").replace("\u0901", "\u0902")
    return unicodedata.normalize("NFC", text)


import weigh  # noqa: E402
from weigh import open_at  # noqa: E402


# ------------------------------------------------------------------ diagrams

LABELS_JS = """() => [...document.querySelectorAll('article svg.diagram')]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => ({
    cls: svg.getAttribute('class'),
    width: svg.getBoundingClientRect().width,
    labels: [...svg.querySelectorAll('text')].map(t => ({
      text: t.textContent,
      px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
      right: t.getBoundingClientRect().right, left: t.getBoundingClientRect().left,
    })),
  }))"""


def rendered_fonts(page, selector):
    """{font family actually used: glyph count} for every element matching selector (CDP)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used = {}
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            key = (font["familyName"], font["isCustomFont"])
            used[key] = used.get(key, 0) + font["glyphCount"]
    cdp.detach()
    return used


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("rel", DIAGRAM_PAGES)
def test_diagrams_use_the_site_fonts_and_stay_legible(browser, site_url, rel, width):
    px = WIDTHS[width]
    context, page = open_at(browser, px, site_url + rel)
    try:
        # font-display: optional (docs/assets/css/fonts.css): a first visit whose fonts are late
        # keeps the stand-in for that page; the next page (here: the same one again) has them
        page.evaluate("document.fonts.ready.then(() => true)")
        page.reload(wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert not page.locator("article img[src$='.svg']").count(), "a diagram is still an <img>"
        shown = page.evaluate(LABELS_JS)
        assert shown, "no diagram shown"
        minimum = 12 if px == 375 else 10
        for svg in shown:
            assert ("diagram--narrow" in svg["cls"]) == (px == 375), svg["cls"]
            small = [(round(l["px"], 1), l["text"]) for l in svg["labels"] if l["px"] < minimum - 0.05]
            assert not small, f"{rel} at {px} px: labels under {minimum} px: {small}"
            outside = [l["text"] for l in svg["labels"] if l["right"] > px + 0.5 or l["left"] < -0.5]
            assert not outside, f"labels outside the screen: {outside}"
        used = rendered_fonts(page, "article svg.diagram text")
        fallback = {family: n for (family, custom), n in used.items() if not custom or family not in SITE_FONTS}
        assert not fallback, f"diagram text in fallback fonts: {fallback}"
        if rel.startswith("hi/"):
            assert used.get(("Noto Sans Devanagari", True)), used
        assert not page.errors, page.errors
    finally:
        context.close()


def test_font_check_catches_a_fallback_font(page, site_url):
    """The check above sees a label drawn with a system font (not the site's)."""
    page.goto(site_url + "hi/moe/")
    page.evaluate("document.fonts.ready.then(() => true)")
    weigh.inject_style(page, "article svg.diagram text { font-family: 'DejaVu Sans', serif !important; }")
    used = rendered_fonts(page, "article svg.diagram text")
    assert any(not custom or family not in SITE_FONTS for family, custom in used), used


# ------------------------------------------------------------------ Hindi search, folded

@pytest.fixture(scope="session")
def folded_pages(site_dir):
    """For a Hindi query: the Hindi pages whose index entries hold a word starting with it,
    nukta and chandrabindu ignored (what the search must find)."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    words = {}
    for doc in index["docs"]:
        rel = doc["location"].split("#")[0]
        if rel.startswith("hi/"):
            text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()
            words.setdefault(rel, set()).update(fold(t) for t in separator.split(text) if t)

    def pages(query):
        q = fold(query)
        return sorted({rel for rel, ws in words.items() if any(w.startswith(q) for w in ws)})
    return pages


@pytest.mark.parametrize("typed, on_page", [("ज्यादा", "ज़्यादा"), ("खर्च", "ख़र्च"), ("भांप", "भाँप")])
def test_hindi_search_ignores_nukta_and_chandrabindu(search_page, site_url, site_dir, folded_pages,
                                                      typed, on_page):
    hi_text = " ".join(p.read_text(encoding="utf-8") for p in site_dir.glob("hi/**/index.html"))
    assert on_page in hi_text and not re.search(rf"(?<![\u0900-\u097F]){typed}", hi_text), \
        f"the pages no longer spell it {on_page!r} only"
    expected = sorted(path_of(site_url, rel) for rel in folded_pages(typed))
    assert expected
    search_page.goto(site_url + "hi/")
    shown = sorted(set(visible_paths(run_search(search_page, typed))))
    assert shown == expected, f"{typed!r}: {shown}"
    # the other spelling finds the same pages; results stay Hindi
    assert sorted(set(visible_paths(run_search(search_page, on_page)))) == expected
    assert all(p.startswith(path_of(site_url, "hi/")) for p in shown)
    if typed == "खर्च":
        search_page.screenshot(path=str(search_page.screenshot_dir / "search-hi-kharch.png"))
    assert not search_page.errors, search_page.errors


@pytest.fixture
def search_page(search_page, screenshots_dir):
    search_page.screenshot_dir = screenshots_dir
    return search_page


# ------------------------------------------------------------------ tables

# Article tables, without the widgets' own (the MoE step-through's table carries its class).
TABLES_JS = """() => [...document.querySelectorAll('article table:not([class^="moe-"])')].map(table => {
  const box = table.closest('.md-typeset__scrollwrap') || table;
  const cue = box.previousElementSibling;
  const cueBox = cue && cue.classList.contains('table-cue') ? cue.getBoundingClientRect() : null;
  const cells = [...table.querySelectorAll('td')];
  return {
    columns: table.rows[0].cells.length,
    classless: !table.hasAttribute('class'),
    bordered: cells.length > 0 && getComputedStyle(cells[0]).borderTopStyle !== 'none',
    overflows: box.scrollWidth > box.clientWidth + 1,
    cue: !!(cueBox && cueBox.height > 0 && cueBox.right <= innerWidth + 0.5 && !cue.hidden),
    cueText: cue ? cue.textContent : '',
    focusable: box.tabIndex >= 0,
    stacked: cells.length > 0 && getComputedStyle(cells[0]).display === 'block',
    cellsInside: cells.every(td => td.getBoundingClientRect().right <= innerWidth + 0.5),
  };
})"""


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", ["en", "hi"])
def test_tables_show_that_they_scroll_or_read_as_a_list(browser, site_url, pages, lang, width):
    px = WIDTHS[width]
    context = browser.new_context(viewport={"width": px, "height": 900}, is_mobile=px < 600)
    seen = {"overflowing": 0, "stacked": 0}
    try:
        page = context.new_page()
        for rel in pages:
            if rel.startswith("hi/") != (lang == "hi"):
                continue
            page.goto(site_url + rel)
            page.evaluate("document.fonts.ready.then(() => new Promise(r => setTimeout(r, 100)))")
            for i, table in enumerate(page.evaluate(TABLES_JS)):
                where = f"/{rel} table {i + 1} at {px} px"
                # Material styles tables by table:not([class]): the scripts must not add one
                assert table["classless"], f"{where} has a class: Material no longer styles it"
                assert table["bordered"] or table["stacked"], f"{where} lost Material's table style"
                if table["overflows"]:
                    seen["overflowing"] += 1
                    assert table["cue"], f"{where} overflows with no cue"
                    assert table["focusable"], f"{where} scrolls but takes no keyboard focus"
                    assert bool(re.search(r"[\u0900-\u097F]", table["cueText"])) == (lang == "hi")
                else:
                    assert not table["cue"], f"{where}: a scroll cue on a table that fits"
                if table["columns"] <= 3 and px == 375:
                    seen["stacked"] += 1
                    assert table["stacked"] and table["cellsInside"], f"{where} is not a list"
                if px == 1280:
                    assert not table["stacked"], f"{where} stacked on a wide screen"
        if px == 375:
            # the MoE table has 7 columns: it cannot fit a phone, so the cue must have been seen
            assert seen["overflowing"] >= 1 and seen["stacked"] >= 3, seen
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_timeline_reads_as_dated_events_on_a_phone(mobile_page, site_url, screenshots_dir, lang):
    rel = "hi/timeline/" if lang == "hi" else "timeline/"
    mobile_page.goto(site_url + rel)
    rows = mobile_page.evaluate("""() => [...document.querySelectorAll('article table tbody tr')].slice(0, 5)
      .map(tr => [...tr.cells].map(td => ({text: td.innerText, top: td.getBoundingClientRect().top,
                                           width: td.getBoundingClientRect().width})))""")
    assert len(rows) == 5
    for cells in rows:
        date, event = cells[0], cells[1]
        assert re.search(r"\d{4}", date["text"]), date["text"]  # every entry starts with its date
        assert event["top"] > date["top"] and event["width"] > 300, cells  # the event below, full width
    mobile_page.screenshot(path=str(screenshots_dir / f"{lang}-timeline-mobile.png"))


# ------------------------------------------------------------------ print

def _pdf_text(pdf: bytes) -> str:
    import shutil
    import subprocess
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing (apt-get install poppler-utils)", pytrace=False)
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8", errors="replace")


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_print_keeps_every_table_column_and_prints_the_calculator_results(page, site_url, screenshots_dir, lang):
    rel = "hi/moe/" if lang == "hi" else "moe/"
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less Chrome's default margins, in CSS px
    page.goto(site_url + rel)
    page.locator("#moe-size").scroll_into_view_if_needed()  # its script may load on approach
    page.wait_for_selector("#moe-size[data-moe-ready]", state="attached")
    page.emulate_media(media="print")
    layout = page.evaluate("""() => {
      const article = document.querySelector('article').getBoundingClientRect();
      const tables = [...document.querySelectorAll('article table')].map(t => {
        const box = t.closest('.md-typeset__scrollwrap') || t;
        return {clipped: box.scrollWidth > box.clientWidth + 1 || t.scrollWidth > t.clientWidth + 1,
                outside: [...t.querySelectorAll('th, td')].filter(c => c.getBoundingClientRect().right > article.right + 1).length};
      });
      const shown = el => el && el.getClientRects().length > 0;
      return {tables, form: shown(document.querySelector('.moe-calc__form')),
              results: (document.querySelector('.moe-calc__list') || {}).innerText || '',
              cue: [...document.querySelectorAll('.table-cue')].some(shown)};
    }""")
    assert layout["tables"], "no table"
    for i, table in enumerate(layout["tables"]):
        assert not table["clipped"] and not table["outside"], f"table {i + 1} loses columns in print: {table}"
    assert not layout["form"], "the calculator's form prints"
    assert re.search(r"\d", layout["results"]), layout["results"]
    assert not layout["cue"]
    page.screenshot(path=str(screenshots_dir / f"{lang}-moe-print.png"), full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 50_000
    # The printed PDF itself: the last column of every table is in its text (a lost column
    # would take its figures with it). Poppler's pdftotext reads it (Debian's poppler-utils).
    last_cells = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t =>
        [...t.querySelectorAll('tr')].map(r => r.lastElementChild && r.lastElementChild.innerText.trim())
          .filter(Boolean))""")
    text = _pdf_text(pdf)
    flat = re.sub(r"\s+", "", text)
    probed = 0
    for i, cells in enumerate(last_cells):
        for cell in cells:
            # figures survive text extraction in either script: look for each cell's longest one
            runs = sorted(re.findall(r"\d[\d.,]*\d", re.sub(r"\[\d+[*?†]?\]", "", cell)), key=len)
            if runs:
                assert runs[-1] in flat, f"table {i + 1}: last column's '{cell}' is not in the printed PDF"
                probed += 1
    assert probed >= 3, f"only {probed} last-column cells could be looked for in the PDF"
    # every source list entry prints with its URL
    for url in page.evaluate("() => [...document.querySelectorAll('.page-sources__url')].map(a => a.href)")[:5]:
        assert url.split("//", 1)[1][:30] in flat, f"{url} is not in the printed PDF"


# ------------------------------------------------------------------ every page, looked at

@pytest.mark.parametrize("width", list(WIDTHS))
def test_screenshot_every_page(browser, site_url, pages, screenshots_dir, width):
    out = screenshots_dir / "pages"
    out.mkdir(exist_ok=True)
    px = WIDTHS[width]
    context = browser.new_context(viewport={"width": px, "height": 900}, is_mobile=px < 600)
    context.route("**/assets/javascripts/workers/search.*.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="self.onmessage = function () {};"))
    try:
        page = context.new_page()
        for rel in list(pages) + ["404.html", "hi/404.html"]:
            page.goto(site_url + rel)
            page.evaluate("document.fonts.ready.then(() => true)")
            name = (rel.strip("/").replace("/", "_").replace(".html", "") or "home")
            if not name.startswith("hi"):
                name = "en_" + name
            path = out / f"{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 5_000
    finally:
        context.close()
