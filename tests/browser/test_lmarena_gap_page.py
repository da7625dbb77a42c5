"""The leaderboard gap on "What happened after" (hooks/site_llama4/lmarena_gap.py) in the
browser: at 375 and 1280 px, with and without JavaScript, in both languages and both schemes:
inside the page, no text drawn under 12 px, text contrast at least 4.5:1 against the page, and
its text alternative (role img, a title and a description in the page's language)."""
from __future__ import annotations

import pytest

import weigh

LANGS = ("", "hi/")

MEASURE = """() => {
  const svg = document.querySelector('article svg.lmarena-gap');
  if (!svg) return null;
  const scale = svg.getScreenCTM().a;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let el = svg, bg = 'rgba(0, 0, 0, 0)';
  while (el && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) { bg = getComputedStyle(el).backgroundColor; el = el.parentElement; }
  const fg = getComputedStyle(svg.querySelector('g')).fill === 'currentcolor' ? getComputedStyle(svg).color : getComputedStyle(svg.querySelector('text')).fill;
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  const box = svg.getBoundingClientRect();
  return {min: Math.min(...sizes), contrast: (a + 0.05) / (b + 0.05), left: box.left, right: box.right,
          width: box.width, title: svg.querySelector('title').textContent, desc: svg.querySelector('desc').textContent,
          role: svg.getAttribute('role'), lang: svg.getAttribute('lang'), visible: box.height > 100};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", LANGS)
def test_gap_reads_at_both_widths(browser, site_url, screenshots_dir, lang, width, js, scheme):
    context = weigh.without_search_worker(browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=js, color_scheme=scheme))
    try:
        page = context.new_page()
        page.goto(site_url + lang + "llama4/after/")
        page.wait_for_load_state("load")
        if scheme == "dark":   # the reader's choice of scheme, as Material's toggle sets it
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        m = page.evaluate(MEASURE)
        assert m is not None and m["visible"]
        assert m["min"] >= 12, f"SVG text drawn at {m['min']:.1f} px"
        assert m["contrast"] >= 4.5, f"text contrast {m['contrast']:.2f}:1 in the {scheme} scheme"
        assert 0 <= m["left"] and m["right"] <= width
        assert m["role"] == "img" and m["lang"] == (lang.strip("/") or "en")
        assert "LMArena" in m["title"] and "32" in m["desc"]
        if js and scheme == "light":
            page.locator("figure:has(svg.lmarena-gap)").screenshot(
                path=str(screenshots_dir / f"lmarena-gap-{width}-{lang.strip('/') or 'en'}.png"))
    finally:
        context.close()
