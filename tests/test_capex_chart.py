"""The race page's spending chart, drawn from the registry at build time
(hooks/site_llama4/capex_chart.py): what it reads from the meta-capex-* facts, what it draws in
each language and layout, and that a changed registry figure reaches the built SVG."""
from __future__ import annotations

import re
import pytest

from fixture_sites import ROOT, SITES, assemble, run_build
from hooks.checks import run as checks
from hooks.core.mdscan import parse
from hooks.facts.registry import load
from hooks.site_llama4 import capex_chart

REGISTRY = (ROOT / "facts" / "registry.yaml").read_text(encoding="utf-8")
TEXT_RE = re.compile(r"<text\b([^>]*)>([^<]*)</text>")
FIGURE_RE = re.compile(r"^\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?$")


def registry_from(tmp_path, text=REGISTRY):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8")
    registry, findings = load(path, "facts/registry.yaml")
    assert not [f for f in findings if f.severity == "error"], [f.format() for f in findings]
    return registry


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def shown(fact) -> str:
    q = fact.value
    b = lambda x: format((x / 10**9).normalize(), "f")  # noqa: E731
    return f"{b(q.lo)}-{b(q.hi)}" if q.is_range else b(q.lo)


# ------------------------------------------------------------------ the real registry

def test_rows_follow_the_registry_chains_and_mark_the_latest():
    project, _ = checks.load_project(ROOT)
    rows, problems = capex_chart.rows(project.registry)
    assert problems == []
    ids = [r.fact.id for r in rows]
    capex = [f.id for f in project.registry.facts.values()
             if f.id.startswith("meta-capex-") and f.value.__class__.__name__ == "Quantity"]
    assert sorted(ids) == sorted(capex)                      # every capex figure, once
    years = [r.year for r in rows]
    assert years == sorted(years)
    latest = [r for r in rows if r.latest]
    assert len(latest) == 1 and latest[0].fact.status != "superseded" and not latest[0].fact.superseded_by
    assert latest[0] is [r for r in rows if not r.actual][-1]
    # each year's outlooks in the order of their superseded_by chain
    for a, b in zip(rows, rows[1:]):
        if a.year == b.year and not a.actual and not b.actual:
            assert a.fact.superseded_by == b.fact.id


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_both_layouts_show_every_figure_in_the_pages_language(lang):
    project, _ = checks.load_project(ROOT)
    rows, _ = capex_chart.rows(project.registry)
    wide, narrow = svgs(capex_chart.chart_html(project.registry, lang))
    expected = [shown(r.fact) for r in rows]
    for svg in (wide, narrow):
        values = [t for _, t in TEXT_RE.findall(svg) if FIGURE_RE.match(t) and ("-" in t or "." in t)]
        assert values == [e for e in expected if "-" in e or "." in e]
        assert f'lang="{lang}"' in svg and "<title id=" in svg and "<desc id=" in svg
        labels = " ".join(t for _, t in TEXT_RE.findall(svg))
        assert (("revised" in labels) == (lang == "en")) and (("बढ़ाकर" in labels) == (lang == "hi"))
        assert capex_chart.WORDS[lang]["latest"] in labels
    assert 'class="diagram diagram--wide capex-chart"' in wide
    assert 'class="diagram diagram--narrow capex-chart"' in narrow


def test_phone_layout_keeps_labels_legible_at_375_px():
    project, _ = checks.load_project(ROOT)
    for lang in ("en", "hi"):
        _, narrow = svgs(capex_chart.chart_html(project.registry, lang))
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', narrow).group(1))
        assert width <= 343                   # shown at 1:1 or larger in a 375 px screen's column
        default = float(re.search(r'<g[^>]*font-size="([\d.]+)"', narrow).group(1))
        sizes = [float((re.search(r'font-size="([\d.]+)"', a) or [None, default])[1]) for a, _ in TEXT_RE.findall(narrow)]
        assert min(sizes) >= 12


def test_colours_follow_the_page():
    """Text in currentColor, bars by class: site.css gives them the theme's colours, so the chart
    reads in the light and the dark scheme."""
    project, _ = checks.load_project(ROOT)
    html = capex_chart.chart_html(project.registry, "en")
    assert '<g fill="currentColor"' in html
    assert not re.search(r"<text\b[^>]*\bfill=", html)
    css = (ROOT / "docs" / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    for cls in set(re.findall(r'class="(capex-[a-z]+)', html)):
        assert f"svg.capex-chart .{cls}" in css, cls
    assert "style=" not in html           # nothing for the Content-Security-Policy to refuse


def test_a_changed_figure_and_a_new_outlook_are_drawn(tmp_path):
    """The next outlook is one new registry entry (plus superseded_by on the one it replaces)."""
    text = REGISTRY.replace("  - id: meta-capex-2026-q2-revision\n", "  - id: meta-capex-2026-q2-revision\n", 1)
    start = text.index("  - id: meta-capex-2026-q2-revision\n")
    end = text.index("\n  - id: ", start + 1)
    entry = text[start:end]
    changed = entry.replace("    min: 130\n", "    min: 133\n")
    registry = registry_from(tmp_path, text[:start] + changed + text[end:])
    wide, narrow = svgs(capex_chart.chart_html(registry, "en"))
    assert "133-145" in wide and "133-145" in narrow and "130-145" not in wide
    assert "$133-145 billion" in wide                                  # the text alternative
    q3 = (changed.replace("meta-capex-2026-q2-revision", "meta-capex-2026-q3-revision")
          .replace("    min: 133\n", "    min: 140\n").replace("as_of: 2026-07-29", "as_of: 2026-10-29"))
    superseded = re.sub(r"    status: \w+\n", "    status: superseded\n    superseded_by: meta-capex-2026-q3-revision\n",
                        changed, count=1)
    superseded = re.sub(r"    review_by: .*\n", "", superseded)
    registry = registry_from(tmp_path, text[:start] + superseded + "\n" + q3 + text[end:])
    rows, problems = capex_chart.rows(registry)
    assert problems == []
    assert [r.fact.id for r in rows if r.latest] == ["meta-capex-2026-q3-revision"]
    wide, _ = svgs(capex_chart.chart_html(registry, "en"))
    assert "revised, Oct 2026 (latest)" in wide and "revised, Jul 2026<" in wide and "140-145" in wide


def test_the_latest_is_the_newest_outlook_still_standing(tmp_path):
    """A first outlook for the next year, given while this year's still stands, is the latest."""
    start = REGISTRY.index("  - id: meta-capex-2026-q2-revision\n")
    end = REGISTRY.index("\n  - id: ", start + 1)
    entry = REGISTRY[start:end]
    next_year = (entry.replace("meta-capex-2026-q2-revision", "meta-capex-2027-outlook")
                 .replace("as_of: 2026-07-29", "as_of: 2026-10-29"))
    registry = registry_from(tmp_path, REGISTRY[:end] + "\n" + next_year + REGISTRY[end:])
    rows, problems = capex_chart.rows(registry)
    assert problems == [] and [r.fact.id for r in rows if r.latest] == ["meta-capex-2027-outlook"]
    wide, _ = svgs(capex_chart.chart_html(registry, "en"))
    assert "2027 outlook, Oct 2026 (latest)" in wide and "revised, Jul 2026<" in wide


def test_every_text_is_escaped(tmp_path, monkeypatch):
    project, _ = checks.load_project(ROOT)
    monkeypatch.setitem(capex_chart.WORDS["en"], "row_revised", "<b>revised</b> & {when}")
    monkeypatch.setitem(capex_chart.WORDS["en"], "title", 'a "title" <script>')
    html = capex_chart.chart_html(project.registry, "en")
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;revised&lt;/b&gt; &amp; Apr 2025" in html and "&quot;title&quot;" in html


# ------------------------------------------------------------------ problems, at the page's line

def _finding(tmp_path, text):
    registry = registry_from(tmp_path, text)
    page = parse("# Race\n\n<figure markdown>\n<!-- capex-chart -->\n</figure>\n", "race.md", "docs/race.md")
    return capex_chart.replace_marker(page.text, page, registry, "en")[1]


def test_two_chains_for_one_year_is_reported_at_the_marker(tmp_path):
    text = REGISTRY.replace("superseded_by: meta-capex-2025-q2-revision", "superseded_by: meta-capex-2026-guidance-jan", 1)
    found = _finding(tmp_path, text)
    assert [(f.path, f.line, f.rule) for f in found] == [("docs/race.md", 4, "page-capex-chart")]
    assert "2025 outlooks are not one chain" in found[0].message


def test_a_chain_out_of_date_order_is_reported(tmp_path):
    start = REGISTRY.index("  - id: meta-capex-2025-q2-revision\n")
    text = REGISTRY[:start] + REGISTRY[start:].replace("as_of: 2025-07-30", "as_of: 2025-04-01", 1)
    found = _finding(tmp_path, text)
    assert any("dated before it" in f.message and "meta-capex-2025-q2-revision" in f.message for f in found)


def test_real_registry_has_no_problem(tmp_path):
    assert _finding(tmp_path, REGISTRY) == []


# ------------------------------------------------------------------ built sites

def test_fixture_site_draws_its_registry_and_a_changed_figure(fixture_site, tmp_path):
    result, site = fixture_site("capex-chart")
    assert result.returncode == 0, result.output
    en = (site / "index.html").read_text(encoding="utf-8")
    hi = (site / "hi" / "index.html").read_text(encoding="utf-8")
    for html, latest in ((en, "(latest)"), (hi, "(सबसे नया)")):
        wide, narrow = svgs(html[html.index("<figure"):])[:2]
        for svg in (wide, narrow):
            assert "41.5" in svg and "50-60" in svg and "55-63" in svg and latest in svg
    assert "<!--" not in en[en.index("<figure"):en.index("</figure>")]
    registry = (SITES / "capex-chart" / "facts" / "registry.yaml").read_text(encoding="utf-8")
    config = assemble("capex-chart", tmp_path / "changed", {"facts/registry.yaml": registry.replace("max: 63", "max: 64.5")})
    result = run_build(config, tmp_path / "changed-site")
    assert result.returncode == 0, result.stdout + result.stderr
    built = (tmp_path / "changed-site" / "hi" / "index.html").read_text(encoding="utf-8")
    assert "55-64.5" in built and "55-63" not in built


def test_real_race_pages_hold_the_marker_and_no_svg_file():
    for rel in ("race.md", "race.hi.md"):
        text = (ROOT / "docs" / rel).read_text(encoding="utf-8")
        assert text.count(capex_chart.MARKER) == 1 and "race-capex" not in text
    assert not list((ROOT / "docs" / "assets" / "img").glob("race-capex*"))
