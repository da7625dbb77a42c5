"""No layout jumps and deep links that land (issue 31), on every page of both languages at a
phone's width (375 px) and a desktop's (1280 px).

Layout shift: the Devanagari font files are held back by a route until the page has painted
(the slow-network case, made deterministic), then let through; the page's layout-shift entries
(PerformanceObserver, buffered, before any of its scripts) must add up to at most 0.02. No touch
emulation: with it Chrome marks such a shift as following input and leaves it out.

Deep links: one load per page and width; once the page has settled (fonts ready, widgets
started), the page is sent to each heading id in turn by setting location.hash, as a link would;
when the heading stops moving, its top must be between the header's bottom edge and 80 px below
it. Then the language switcher takes the last id to the twin page, where the same holds.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CLS_BUDGET = 0.02
LAND_BELOW_HEADER = 80  # px: the heading's top at most this far below the header's bottom
WIDTHS = (375, 1280)

OBSERVE_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) {
    if (e.hadRecentInput) return;
    window.__shifts.push({value: e.value, at: Math.round(e.startTime), sources: e.sources.map(function (s) {
      var n = s.node, name = n ? (n.nodeName + (n.id ? '#' + n.id : '') + (n.className && n.className.baseVal === undefined ? '.' + String(n.className).split(' ')[0] : '')) : '?';
      return name + ' y ' + Math.round(s.previousRect.y) + '->' + Math.round(s.currentRect.y);
    })});
  });
}).observe({type: 'layout-shift', buffered: true});
"""

HEADINGS = """() => [...document.querySelectorAll('.md-content article :is(h1,h2,h3,h4,h5,h6)[id]')]
  .filter(h => h.getClientRects().length).map(h => h.id)"""

SECTIONS = """() => [...document.querySelectorAll('.md-content article :is(h2,h3)[id]')]
  .filter(h => h.getClientRects().length).map(h => h.id)"""

POSITION = """(id) => {
  const h = document.getElementById(id), header = document.querySelector('.md-header');
  return {top: h.getBoundingClientRect().top, header: header.getBoundingClientRect().bottom,
          y: window.scrollY, max: document.documentElement.scrollHeight - innerHeight};
}"""


def site_pages(site_dir) -> list[str]:
    """Every page of the built site, both languages, as a path under the site (the 404 pages,
    which have no headings to land on, are in the layout-shift test only)."""
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        if rel.startswith(("assets", "search")) or "/assets/" in rel:
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def poll(page, expression: str, timeout: float = 10.0, arg=None):
    """page.wait_for_function evaluates a string, which the site's CSP (no 'unsafe-eval')
    forbids; evaluate is not subject to it."""
    end = time.monotonic() + timeout
    while True:
        value = page.evaluate(expression, arg)
        if value or time.monotonic() > end:
            return value
        page.wait_for_timeout(50)


def settle(page):
    """Fonts ready, and the MoE widgets drawn by their script once the page has asked for it
    (it does when they come within 1000 px of the screen)."""
    poll(page, "() => document.readyState === 'complete' && document.fonts.status === 'loaded'")
    poll(page, """() => { const w = document.querySelector('#moe-calc');
        const asked = document.querySelector('script[src*="moe-calculator"]');
        return !w || !asked || w.children.length > 0; }""")


def landing(page, heading: str, timeout: float = 8.0) -> dict:
    """Where the heading sits once it has stopped moving (600 ms unchanged)."""
    end = time.monotonic() + timeout
    last, still = None, 0
    while time.monotonic() < end:
        now = page.evaluate(POSITION, heading)
        still = still + 1 if last and abs(now["top"] - last["top"]) < 1 else 0
        if still >= 6:
            break
        last = now
        page.wait_for_timeout(100)
    return now


def lands(position: dict) -> bool:
    """The heading's top is between the header's bottom and 80 px below it; a heading too near
    the page's end to be scrolled that far up counts when the page is scrolled to its end."""
    top, header = position["top"], position["header"]
    if header - 1 <= top <= header + LAND_BELOW_HEADER:
        return True
    return top > header and position["y"] >= position["max"] - 1


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width_context(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 812})
    context.set_default_timeout(20_000)
    yield context
    context.close()


def measure_shift(context, url: str) -> tuple[float, list]:
    """The page's layout shift with the Devanagari fonts held until it has painted."""
    held = []

    def hold(route):
        held.append(route)

    context.route("**/*devanagari*.woff2", hold)
    page = context.new_page()
    try:
        page.add_init_script(OBSERVE_SHIFTS)
        page.goto(url, wait_until="commit")
        assert poll(page, "() => performance.getEntriesByType('paint').length > 0"), f"{url}: never painted"
        released = 0
        while released < len(held) or page.evaluate("document.readyState") != "complete":
            for route in held[released:]:
                route.continue_()
            released = len(held)
            page.wait_for_timeout(100)
        settle(page)
        page.wait_for_timeout(500)
        shifts = page.evaluate("window.__shifts")
    finally:
        page.close()
        context.unroute("**/*devanagari*.woff2")
    return sum(s["value"] for s in shifts), shifts


def test_no_layout_shift_when_the_devanagari_font_comes_late(width_context, site_dir, site_url):
    over = []
    pages = site_pages(site_dir) + ["404.html", "hi/404.html"]
    for path in pages:
        cls, shifts = measure_shift(width_context, site_url + path)
        if cls > CLS_BUDGET:
            worst = max(shifts, key=lambda s: s["value"])
            over.append(f"/{path}: CLS {cls:.3f} (worst {worst['value']:.3f} at {worst['at']} ms: "
                        f"{', '.join(worst['sources'][:3])})")
    assert not over, "layout shift over 0.02:\n" + "\n".join(over)


def test_layout_shift_measure_sees_a_late_font_swap(width_context, site_url):
    """The measure itself: a page whose Devanagari font is swapped in after first paint (the
    site's CSS as it was, font-display: swap, with Roboto behind it) is caught."""
    page = width_context.new_page()
    held = []

    def hold(route):
        held.append(route)

    width_context.route("**/*devanagari*.woff2", hold)

    def swap_css(route):
        response = route.fetch()
        body = response.text().replace("font-display:optional", "font-display:swap").replace(
            "font-display: optional", "font-display: swap")
        body += '\nhtml[lang="hi"]{--md-text-font:"Noto Sans Devanagari","Roboto"}'
        route.fulfill(response=response, body=body)

    width_context.route("**/assets/css/fonts.css", swap_css)
    try:
        page.add_init_script(OBSERVE_SHIFTS)
        page.goto(site_url + "hi/moe/", wait_until="commit")
        poll(page, "() => performance.getEntriesByType('paint').length > 0")
        page.wait_for_timeout(300)
        for route in held:
            route.continue_()
        poll(page, "() => document.readyState === 'complete' && document.fonts.status === 'loaded'")
        page.wait_for_timeout(500)
        cls = sum(s["value"] for s in page.evaluate("window.__shifts"))
    finally:
        page.close()
        width_context.unroute("**/*devanagari*.woff2")
        width_context.unroute("**/assets/css/fonts.css")
    assert cls > CLS_BUDGET, f"a late swap measured only {cls:.3f}"


def test_every_heading_link_lands_below_the_header(width_context, site_dir, site_url):
    missed = []
    for path in site_pages(site_dir):
        page = width_context.new_page()
        try:
            page.goto(site_url + path)
            settle(page)
            ids = page.evaluate(HEADINGS)
            for heading in ids:
                page.evaluate("(id) => { location.hash = id; }", heading)
                where = landing(page, heading)
                if not lands(where):
                    missed.append(f"/{path}#{heading}: top {where['top']:.0f} px, header ends at "
                                  f"{where['header']:.0f} px")
            sections = page.evaluate(SECTIONS)
            if not sections:
                continue
            # The language switcher carries the hash to the twin page (section ids are the same
            # in both languages; a page title's id is not).
            heading = sections[-1]
            with page.expect_navigation():
                page.evaluate("""() => document.querySelector(
                    '.md-select a[hreflang]:not([hreflang="' + document.documentElement.lang + '"])').click()""")
            poll(page, "(id) => location.hash === '#' + id", arg=heading)
            settle(page)
            twin = page.evaluate("location.pathname")
            if page.evaluate("(id) => !!document.getElementById(id)", heading):
                where = landing(page, heading)
                if not lands(where):
                    missed.append(f"/{path} switched to {twin}#{heading}: top {where['top']:.0f} px, "
                                  f"header ends at {where['header']:.0f} px")
            else:
                missed.append(f"/{path} switched to {twin}: no #{heading} there")
        finally:
            page.close()
    assert not missed, "deep links that do not land:\n" + "\n".join(missed)


def test_landing_rule():
    """lands(): the window is the header's bottom to 80 px below it, or the page's end."""
    assert lands({"top": 72, "header": 48, "y": 0, "max": 1000})
    assert lands({"top": 48, "header": 48, "y": 0, "max": 1000})
    assert not lands({"top": 129, "header": 48, "y": 0, "max": 1000})
    assert not lands({"top": 20, "header": 48, "y": 0, "max": 1000})
    assert lands({"top": 400, "header": 48, "y": 1000, "max": 1000})
    assert not lands({"top": 400, "header": 48, "y": 900, "max": 1000})


def test_deep_link_measure_sees_a_widget_pushing_the_heading(browser, site_url):
    """The measure itself: without lang-switch.js's re-scroll (the site's script cut before it),
    the MoE calculator, drawn after the jump, pushes #shared-experts far below the header."""
    source = (ROOT / "docs" / "assets" / "js" / "lang-switch.js").read_text(encoding="utf-8")
    cut = source.split("// Land on the #anchor")[0]
    assert cut != source, "lang-switch.js no longer has its re-scroll part"
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.route("**/assets/js/lang-switch.js",
                  lambda route: route.fulfill(body=cut, content_type="text/javascript"))
    page = context.new_page()
    try:
        page.goto(site_url + "moe/")
        settle(page)
        page.evaluate("(id) => { location.hash = id; }", "shared-experts")
        poll(page, "() => document.querySelector('#moe-calc').children.length > 0")
        where = landing(page, "shared-experts")
    finally:
        context.close()
    assert not lands(where), f"landed anyway: top {where['top']:.0f} px"


# Every citation mark's box against the text around it: the boxes of the text nodes outside the
# mark (one rectangle per line) that it overlaps by more than half a pixel each way.
COVERED_JS = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || n.parentElement.closest('a.fact-cite, svg, .md-typeset__scrollwrap ~ *')) continue;
    const r = document.createRange(); r.selectNodeContents(n);
    for (const box of r.getClientRects()) if (box.width > 0) texts.push({box, text: n.textContent.trim().slice(0, 30)});
  }
  const out = [];
  for (const a of document.querySelectorAll('article a.fact-cite')) {
    for (const m of a.getClientRects()) {
      for (const t of texts) {
        const w = Math.min(m.right, t.box.right) - Math.max(m.left, t.box.left);
        const h = Math.min(m.bottom, t.box.bottom) - Math.max(m.top, t.box.top);
        if (w > 0.5 && h > 0.5) out.push('[' + a.dataset.n + '] covers "' + t.text + '" by ' + w.toFixed(1) + 'x' + h.toFixed(1) + ' px');
      }
    }
  }
  return out;
}"""


def covered_text(page) -> list[str]:
    return page.evaluate(COVERED_JS)


# Not yet (issue 31, open): there the marks' 24 px padded target overflows a short line (table
# cells, small type) onto the line below it, or the next cell; the old negative margins are gone.
STILL_COVERING = {("hi/race/", 375), ("moe/", 375), ("hi/moe/", 375), ("llama4/", 375),
                  ("hi/llama4/", 375), ("moe/", 1280), ("hi/moe/", 1280), ("llama4/", 1280),
                  ("hi/llama4/", 1280)}


@pytest.mark.parametrize("rel", ["race/", "hi/race/", "moe/", "hi/moe/", "llama4/", "hi/llama4/"])
def test_citation_marks_never_cover_other_text(width_context, site_url, rel, request):
    width = request.node.callspec.params["width_context"]
    if (rel, width) in STILL_COVERING:
        # not strict: whether the Noto file made the optional block period changes the lines
        request.applymarker(pytest.mark.xfail(reason="marks still cover text here (issue 31, open)"))
    page = width_context.new_page()
    try:
        page.goto(site_url + rel)
        settle(page)
        found = covered_text(page)
    finally:
        page.close()
    assert not found, f"/{rel}: " + "\n".join(found[:20])


def test_cover_check_catches_a_mark_pulled_over_its_neighbour(page, site_url):
    """The check itself: a mark given the old negative right margin overlaps what follows."""
    page.set_content("""<article><p style="font: 16px/1.6 sans-serif">the figure 42<a class="fact-cite" data-n="1"
        style="padding: 6px; margin-right: -8px">[1]</a><a>as of 2025</a></p></article>""")
    assert covered_text(page), "a mark pulled over its neighbour was not seen"
