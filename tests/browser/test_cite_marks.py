"""Citation marks as a reader meets them (issue 11): their own shape beside a figure, never a
number joined to one (page text, search index, copied text), a 24x24 px target, one shape per
status, and a mark that leads to a highlighted source entry which leads back. Every page that
cites facts ends with its source list (checked on every built page). Each check is a function
that also runs on a small page built to break its rule, so that it is seen to fail."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from test_marks import list_problems  # noqa: E402  (tests/test_marks.py)

from hooks.core.mdscan import parse  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["llama4/", "hi/llama4/", "moe/", "hi/moe/"]
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}

# Each mark that follows a digit: the text just before it, its number, and how it is drawn.
MARKS_JS = """() => {
  const out = [];
  for (const a of document.querySelectorAll('article a.fact-cite')) {
    const block = a.closest('p, li, td, th, dd, dt, h1, h2, h3, h4, figcaption, div') || a.parentNode;
    const r = document.createRange();
    r.setStart(block, 0); r.setEndBefore(a);
    const before = r.toString();
    const r2 = document.createRange();
    r2.setStartAfter(a); r2.setEnd(block, block.childNodes.length);
    const after = r2.toString();
    const box = a.getBoundingClientRect();
    const style = getComputedStyle(a), pseudo = getComputedStyle(a, '::before');
    out.push({id: a.id, n: a.dataset.n || '', status: a.dataset.status || '', text: a.textContent,
              before: before.slice(-24), after: after.slice(0, 12), digit: /[0-9%]$/.test(before),
              content: pseudo.content, valign: style.verticalAlign,
              sup: !!a.closest('sup'), width: box.width, height: box.height,
              shown: a.checkVisibility() && box.width > 0});  // not inside a closed note
  }
  return out;
}"""


def shape_problems(marks) -> list[str]:
    """A mark after a digit must be its own shape: no text of its own, a bracket drawn around
    its number, on the baseline (not raised like an exponent)."""
    problems = []
    for m in marks:
        if not m["digit"]:
            continue
        where = f"mark {m['id'] or '?'} after {m['before'][-12:]!r}"
        if re.search(r"\d", m["text"]):
            problems.append(f"{where}: its number is text ({m['text']!r})")
        if not m["content"].startswith('"['):
            problems.append(f"{where}: no bracket of its own (content {m['content']})")
        if m["valign"] != "baseline" or m["sup"]:
            problems.append(f"{where}: raised like an exponent ({m['valign']})")
    return problems


def size_problems(marks) -> list[str]:
    return [f"mark {m['id']} is {m['width']:.0f}x{m['height']:.0f} px" for m in marks
            if m["shown"] and (m["width"] < 24 or m["height"] < 24)]


def joined(text: str, marks) -> list[str]:
    """Marks whose number follows the figure before them in `text` ("2025" + "3" = "20253")."""
    flat = re.sub(r"\s+", " ", text)
    found = []
    for m in marks:
        tail = re.sub(r"\s+", " ", m["before"]).lstrip()[-12:]
        if not m["digit"] or not m["n"] or m["after"].startswith(m["n"]) or len(tail) < 4:
            continue
        if tail + m["n"] in flat:
            found.append(f"{tail + m['n']!r} (mark {m['id']})")
    return found


def _open(browser, url, width):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=width == "phone",
                                  has_touch=width == "phone")
    page = context.new_page()
    page.goto(url)
    return context, page


# ------------------------------------------------------------------ the checks fail where they should

BAD_PAGE = """<html lang="en"><head><style>
.fact-cite { font-size: 0.7em; vertical-align: super; }
.two .fact-cite::before { content: "[" attr(data-n) "]"; }
</style></head><body><article>
<p class="one">after at least 2<a class="fact-cite" id="m1" href="#s" data-n="3" data-status="confirmed">3</a> delays</p>
<p class="two">5 April 2025<a class="fact-cite" id="m2" href="#s" data-n="4" data-status="reported"></a> and
16<a class="fact-cite" id="m3" href="#s" data-n="5" data-status="confirmed"></a> experts</p>
</article></body></html>"""


def test_checks_catch_old_marks(page):
    page.set_content(BAD_PAGE)
    marks = page.evaluate(MARKS_JS)
    problems = shape_problems(marks)
    assert any("number is text" in p for p in problems) and any("exponent" in p for p in problems)
    assert any("no bracket" in p for p in problems)
    assert size_problems(marks)
    assert joined(page.evaluate("document.querySelector('.one').innerText"), marks)
    # two statuses drawn alike
    shapes = {m["status"]: re.sub(r"\d+", "N", m["content"]) for m in marks if m["id"] != "m1"}
    assert len(set(shapes.values())) == 1


# ------------------------------------------------------------------ the site's marks

@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("rel", PAGES)
def test_marks_have_their_own_shape_size_and_never_join_a_number(browser, site_url, rel, width):
    context, page = _open(browser, site_url + rel, width)
    try:
        # marks inside "for the curious" boxes too: a closed box's text is not in innerText
        page.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
        marks = page.evaluate(MARKS_JS)
        after_digit = [m for m in marks if m["digit"]]
        assert len(after_digit) >= 3, f"{rel}: too few marks after a figure to test ({len(marks)} marks)"
        assert shape_problems(marks) == []
        assert size_problems(marks) == []
        text = page.evaluate("document.querySelector('article').innerText")
        assert joined(text, marks) == [], f"{rel}: page text joins a mark's number to a figure"
        # the tail before each mark is in the page text: the check above looks at real text
        seen = sum(re.sub(r"\s+", " ", m["before"]).strip()[-8:] in re.sub(r"\s+", " ", text)
                   for m in after_digit)
        assert seen >= 0.9 * len(after_digit)
        # copied text: select each paragraph that has a mark after a figure
        copied = page.evaluate("""() => [...document.querySelectorAll('article p')]
          .filter(p => [...p.querySelectorAll('a.fact-cite')].some(a => {
              const r = document.createRange(); r.setStart(p, 0); r.setEndBefore(a);
              return /[0-9%]$/.test(r.toString()); }))
          .slice(0, 12).map(p => { const s = getSelection(); s.selectAllChildren(p);
                                   const t = s.toString(); s.removeAllRanges(); return t; })""")
        assert copied, f"{rel}: no paragraph with a mark after a figure"
        assert joined("\n".join(copied), marks) == [], f"{rel}: copied text joins a mark to a figure"
        # a tap at the mark's centre lands on the mark itself
        hit = page.evaluate("""() => [...document.querySelectorAll('article a.fact-cite')]
          .filter(a => a.checkVisibility()).slice(0, 20)
          .filter(a => { a.scrollIntoView({block: 'center'}); const b = a.getBoundingClientRect();
                         return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) !== a; })
          .map(a => a.id)""")
        assert hit == [], f"{rel}: marks covered by something else: {hit}"
    finally:
        context.close()


def test_search_index_never_joins_a_mark_to_a_number(browser, site_url, site_dir):
    indexes = sorted(site_dir.rglob("search/*.json"))
    assert indexes, "no search index in the built site"
    docs = []
    for path in indexes:
        docs += json.loads(path.read_text(encoding="utf-8")).get("docs", [])
    context, page = _open(browser, site_url + PAGES[0], "desktop")
    try:
        for rel in PAGES:
            page.goto(site_url + rel)
            marks = page.evaluate(MARKS_JS)
            text = " ".join(re.sub(r"<[^>]+>", "", d.get("text", "")) + " " + d.get("title", "")
                            for d in docs if d.get("location", "").split("#")[0] == rel)
            assert text.strip(), f"{rel} is not in the search index"
            assert joined(text, marks) == [], f"{rel}: the search index joins a mark's number to a figure"
            tails = [re.sub(r"\s+", " ", m["before"]).strip()[-8:] for m in marks if m["digit"]]
            assert sum(t in re.sub(r"\s+", " ", text) for t in tails) >= 0.8 * len(tails)
    finally:
        context.close()


@pytest.mark.parametrize("rel", ["llama4/", "hi/llama4/"])
def test_each_status_has_its_own_shape(page, site_url, rel):
    """Marks of differently labelled facts look different, and not by colour alone: the drawn
    text differs. Every status is tried, also those this page does not cite."""
    page.goto(site_url + rel)
    shapes = page.evaluate("""() => {
      const p = document.querySelector('article p');
      const out = {};
      for (const s of ['confirmed', 'reported', 'disputed', 'superseded']) {
        const a = document.createElement('a');
        a.className = 'fact-cite'; a.dataset.n = '7'; a.dataset.status = s; a.href = '#';
        p.appendChild(a);
        out[s] = getComputedStyle(a, '::before').content;
        a.remove();
      }
      const real = {};
      for (const a of document.querySelectorAll('article a.fact-cite'))
        real[getComputedStyle(a, '::before').content.replace(/\\d+/g, 'N')] = a.dataset.status;
      return {out, real};
    }""")
    drawn = {s: re.sub(r"\d+", "N", c) for s, c in shapes["out"].items()}
    assert len(set(drawn.values())) == 4, drawn
    assert all(c.startswith('"[') for c in drawn.values())
    # on the page itself: more than one status, each with one shape
    assert len(shapes["real"]) >= 2, shapes["real"]


# ------------------------------------------------------------------ following a mark and back

@pytest.mark.parametrize("rel,back_words", [("moe/", "back to the text"), ("hi/moe/", "पाठ पर लौटें")])
def test_mark_leads_to_a_highlighted_entry_that_leads_back(browser, site_url, screenshots_dir, rel, back_words):
    context, page = _open(browser, site_url + rel, "phone")
    try:
        # a source cited more than once: follow its second mark, so "back" must find that one
        mark = page.locator("article a.fact-cite[id$='-2']").first
        mark_id = mark.get_attribute("id")
        n = mark.get_attribute("data-n")
        mark.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -200)")
        before_y = page.evaluate("scrollY")
        label = mark.get_attribute("aria-label") or ""
        assert label.startswith("Source " + n if rel == "moe/" else "स्रोत " + n), label
        assert mark.get_attribute("title") == label
        assert accessible_name(context, page, "#" + mark_id) == label
        mark.click()
        page.wait_for_function(f"location.hash === '#src-{n}'")
        page.wait_for_timeout(300)
        entry = page.locator(f"#src-{n}")
        state = entry.evaluate("""li => { const b = li.getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return {bg: getComputedStyle(li).backgroundColor, top: b.top, bottom: b.bottom,
                    header: header.bottom, vh: innerHeight,
                    back: li.querySelector('.cite-back').innerText,
                    href: li.querySelector('.cite-back').getAttribute('href')}; }""")
        assert state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), "the entry is not highlighted"
        assert state["header"] <= state["top"] < state["vh"], f"the entry is not in view: {state}"
        assert back_words in state["back"], state["back"]
        assert state["href"] == "#" + mark_id
        page.screenshot(path=str(screenshots_dir / f"marks-{rel.replace('/', '_')}entry.png"))
        entry.locator(".cite-back").click()
        page.wait_for_function(f"location.hash !== '#src-{n}'")
        page.wait_for_timeout(300)
        back = page.evaluate(f"""() => {{ const b = document.getElementById('{mark_id}').getBoundingClientRect();
            return {{y: scrollY, top: b.top, vh: innerHeight}}; }}""")
        assert 0 <= back["top"] < back["vh"], f"back did not return to the mark: {back}"
        assert abs(back["y"] - before_y) < 40, f"back did not return to the reader's place: {back} vs {before_y}"
        page.screenshot(path=str(screenshots_dir / f"marks-{rel.replace('/', '_')}back.png"))
    finally:
        context.close()


def accessible_name(context, page, selector: str) -> str:
    """The name Chromium gives an element in its accessibility tree (what a screen reader says)."""
    cdp = context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
    return ax["nodes"][0].get("name", {}).get("value", "")


@pytest.mark.parametrize("rel,word", [("moe/", "Source"), ("hi/moe/", "स्रोत")])
def test_marks_without_the_script(browser, site_url, rel, word):
    """With JavaScript off a mark is still announced as a source, in the page's language, and
    the entry's back link still leads to a mark of that source."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 812})
    page = context.new_page()
    try:
        page.goto(site_url + rel + "#src-1")
        href = page.locator("#src-1 .cite-back").get_attribute("href")
        assert page.locator(f"a.fact-cite{href}").count() == 1
        assert page.evaluate("getComputedStyle(document.getElementById('src-1')).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert accessible_name(context, page, href) == f"{word} 1"
    finally:
        context.close()


def test_hindi_marks_speak_hindi(page, site_url, site_dir):
    for rel in [r for r in ("hi/", "hi/llama4/", "hi/llama4/after/", "hi/race/", "hi/moe/", "hi/release/",
                            "hi/timeline/") if (site_dir / r / "index.html").exists()]:
        page.goto(site_url + rel)
        names = page.evaluate("[...document.querySelectorAll('a.fact-cite')].map(a => a.getAttribute('aria-label'))")
        # the site's own words are Hindi (a publisher's name, "Open Source Initiative", may be English)
        bad = [n for n in names if not n or not n.startswith("स्रोत ")
               or re.search(r"\bSource \d|\bundated\b|not confirmed|unconfirmed|figure of its time", n)]
        assert not bad, f"{rel}: {bad[:3]}"


# ------------------------------------------------------------------ every page ends with its sources

def test_every_citing_page_ends_with_its_sources(site_dir):
    pages = 0
    for src in sorted((ROOT / "docs").rglob("*.md")):
        rel = src.relative_to(ROOT / "docs").as_posix()
        cited = {r.id for r in parse(src.read_text(encoding="utf-8"), rel).fact_refs}
        if not cited:
            continue
        lang = "hi" if rel.endswith(".hi.md") else "en"
        stem = rel[: -len(".hi.md")] if lang == "hi" else rel[: -len(".md")]
        stem = "" if stem == "index" else stem[: -len("index")] if stem.endswith("/index") else stem + "/"
        built = site_dir / ("hi/" if lang == "hi" else "") / stem / "index.html"
        assert built.exists(), built
        assert list_problems(built.read_text(encoding="utf-8"), cited) == [], rel
        pages += 1
    assert pages >= 10


@pytest.mark.parametrize("rel", ["moe/", "hi/moe/"])
def test_print_shows_the_source_list_with_urls(page, site_url, rel):
    page.goto(site_url + rel)
    page.emulate_media(media="print")
    state = page.evaluate("""() => { const list = document.querySelector('ol.page-sources');
        return {shown: !!list && list.getClientRects().length > 0, text: list ? list.innerText : '',
                back: [...document.querySelectorAll('.cite-back')].some(b => b.getClientRects().length),
                urls: [...document.querySelectorAll('ol.page-sources .page-sources__url')].map(a => a.href)}; }""")
    assert state["shown"] and state["urls"]
    assert all(url in state["text"] for url in state["urls"][:20]), "a URL is not written out"
    assert not state["back"], "back links print"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_screenshots_of_marks(browser, site_url, screenshots_dir, width):
    for rel in PAGES:
        context, page = _open(browser, site_url + rel, width)
        try:
            name = f"marks-{rel.replace('/', '_') or 'home'}{width}"
            para = page.locator("article p:has(a.fact-cite)").first
            para.scroll_into_view_if_needed()
            para.screenshot(path=str(screenshots_dir / f"{name}-text.png"))
            page.locator("#sources-on-this-page").scroll_into_view_if_needed()
            page.screenshot(path=str(screenshots_dir / f"{name}-list.png"))
        finally:
            context.close()
