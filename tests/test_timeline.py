"""The timeline: rows in date order (hooks/render/timeline.py), and the strip of key moments on the
home pages (hooks/render/timeline_strip.py), checked on small pages, a fixture site that breaks the
order, and the real site."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from hooks.checks import run as checks
from hooks.render import timeline, timeline_strip
from hooks.core.mdscan import parse
from hooks.facts.values import render_date

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).parent / "sites" / "_base"

EXTRA_FACTS = """
  - id: report-date
    topic: capex
    label:
      en: Report date
      hi: रिपोर्ट की तारीख़
    type: date
    value: 2025-04-04
    as_of: 2025-04-04
    status: reported
    sources:
      - title: A report
        publisher: Example
        url: https://example.org/report
        published: 2025-04-04
        kind: report
  - id: spring-month
    topic: capex
    label:
      en: A month
      hi: एक महीना
    type: date
    value: 2025-04
    as_of: 2025-04
    status: confirmed
    sources:
      - title: A report
        publisher: Example
        url: https://example.org/month
        published: 2025-04
        kind: report
"""


@pytest.fixture(scope="module")
def project():
    project, _ = checks.load_project(ROOT)
    return project


def page(rows: list[str], rel: str = "timeline.md"):
    head = "| Date | What happened | Told on |\n|---|---|---|\n"
    return parse("# Timeline\n\n## Era {#era}\n\n" + head + "\n".join(rows) + "\n", rel, f"docs/{rel}")


def row(fact_id: str, text: str = "Something happens.", anchor: str | None = None) -> str:
    span = f'<span id="{anchor}"></span>' if anchor else ""
    return f"| {span}[](fact:{fact_id}) | {text} | [Home](index.md) |"


# ---------------------------------------------------------------- the real pages

@pytest.mark.parametrize("rel", ["timeline.md", "timeline.hi.md"])
def test_real_timeline_is_in_date_order(project, rel):
    tl = project.pages[rel]
    found = timeline.check_page(tl, project.registry)
    assert found == [], "\n".join(f.format() for f in found)
    dates = [timeline.span(project.registry.facts[r.fact_id].value)[0] for r in timeline.rows(tl)]
    assert len(dates) > 40  # every row was read, across all the era tables
    assert len([h for h in tl.headings if h.level == 2]) >= 5  # eras


def test_real_timeline_twins_have_the_same_rows_and_key_moments(project):
    en = timeline.rows(project.pages["timeline.md"])
    hi = timeline.rows(project.pages["timeline.hi.md"])
    assert [r.fact_id for r in en] == [r.fact_id for r in hi]
    assert [(r.fact_id, r.anchor) for r in en if r.key] == [(r.fact_id, r.anchor) for r in hi if r.key]
    assert 5 <= sum(r.key for r in en) <= 9


# ---------------------------------------------------------------- the rule, on small pages

def test_swapped_rows_are_found_with_file_and_line(project):
    tl = page([row("llama4-release-date"), row("information-report-date")])
    found = timeline.check_page(tl, project.registry)
    assert [f.rule for f in found] == ["page-timeline-order"]
    assert found[0].path == "docs/timeline.md" and found[0].line == 8
    assert "'information-report-date' (2025-04-04)" in found[0].message and "line 7" in found[0].message


def test_partial_dates_only_fail_when_certainly_out_of_order(project):
    # 2025-01-26, then the month 2025-01 (could be the 31st): fine; then 2025-01-20: out of order
    # against the 26th, which is still the latest certain start.
    ok = page([row("meta-deepseek-war-rooms"), row("nvidia-drop-date"), row("meta-q4-2024-results-date")])
    assert timeline.check_page(ok, project.registry) == []
    bad = page([row("capex-post-date"), row("llama4-knowledge-cutoff")])  # 2025-01-24, then 2024-08
    assert [f.rule for f in timeline.check_page(bad, project.registry)] == ["page-timeline-order"]
    year_then_day = page([row("moe-1991-year"), row("chatgpt-launch-date")])
    assert timeline.check_page(year_then_day, project.registry) == []


def test_row_without_a_date_fact_is_a_finding(project):
    tl = page(["| Sometime | Something. | [Home](index.md) |", row("meta-fy2025")])
    found = timeline.check_page(tl, project.registry)
    assert [f.rule for f in found] == ["page-timeline-date", "page-timeline-date"] or \
        [f.rule for f in found][0] == "page-timeline-date"
    assert found[0].line == 7 and "cites no date fact" in found[0].message


def test_key_moment_needs_an_anchor_and_a_title(project):
    tl = page([row("llama4-release-date", '<span class="key-moment">Key moment</span> No title here.')])
    found = timeline.check_page(tl, project.registry)
    assert [f.rule for f in found] == ["page-timeline-key"]


def test_fixture_site_with_rows_out_of_order_fails(fixture_site):
    registry = (BASE / "facts" / "registry.yaml").read_text(encoding="utf-8") + EXTRA_FACTS
    result, _ = fixture_site("timeline-order", edits={"facts/registry.yaml": registry})
    assert result.returncode != 0
    assert re.search(r"docs/timeline\.md:8:1: page-timeline-order: 'report-date' \(2025-04-04\) comes before", result.output)
    assert re.search(r"docs/timeline\.hi\.md:8:1: page-timeline-order:", result.output)


def test_fixture_site_in_order_builds_and_shows_the_strip(fixture_site):
    registry = (BASE / "facts" / "registry.yaml").read_text(encoding="utf-8") + EXTRA_FACTS
    edits = {"facts/registry.yaml": registry}
    for rel in ("docs/timeline.md", "docs/timeline.hi.md"):
        text = (Path(__file__).parent / "sites" / "timeline-order" / rel).read_text(encoding="utf-8")
        lines = text.split("\n")
        i = next(n for n, line in enumerate(lines) if "fact:report-date" in line)
        lines[i - 1], lines[i] = lines[i], lines[i - 1]
        edits[rel] = "\n".join(lines)
    for rel in ("docs/index.md", "docs/index.hi.md"):
        text = (BASE / rel).read_text(encoding="utf-8")
        edits[rel] = text.replace("\n## ", "\n<!-- timeline-strip -->\n\n## ", 1)
    result, site = fixture_site("timeline-order", edits=edits)
    assert result.returncode == 0, result.output
    en = (site / "index.html").read_text(encoding="utf-8")
    hi = (site / "hi" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2025-04-05">5 April 2025</time> <span>The launch</span>' in en
    assert '<time datetime="2025-04-05">5 अप्रैल 2025</time> <span>लॉन्च</span>' in hi
    assert 'href="timeline/#launch"' in en and 'href="timeline/#launch"' in hi
    assert "timeline-strip" not in (BASE / "docs" / "index.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the strip

def test_strip_escapes_titles_and_shows_status_words(project):
    tl = page([row("information-report-date",
                   '<span class="key-moment">Key moment</span> **A <b>bold</b> "claim" & more.** Text.',
                   anchor='x<y&z')])
    out = timeline_strip.strip_html(tl, project.registry, "en", "timeline/")
    assert "<b>" not in out and "&lt;b&gt;bold&lt;/b&gt;" in out and "&amp; more" in out
    assert 'href="timeline/#x&lt;y&amp;z"' in out
    assert "(reported, not confirmed)" in out and 'data-status="reported"' in out


def test_marker_without_key_moments_is_a_finding(project):
    home = parse("# Home\n\n<!-- timeline-strip -->\n", "index.md", "docs/index.md")
    out, found = timeline_strip.replace_marker(home.text, home, None, project.registry, "en", "timeline/")
    assert timeline_strip.MARKER not in out
    assert [(f.path, f.line, f.rule) for f in found] == [("docs/index.md", 3, "page-timeline-strip")]


# ---------------------------------------------------------------- the built site

@pytest.mark.parametrize("lang,home,timeline_dir", [("en", "index.html", "timeline"),
                                                     ("hi", "hi/index.html", "hi/timeline")])
def test_built_home_pages_show_the_strip_with_the_registrys_dates(built_site, project, lang, home,
                                                                  timeline_dir):
    text = (built_site / home).read_text(encoding="utf-8")
    strip = re.search(r'<nav class="timeline-strip".*?</nav>', text, re.S)
    assert strip, f"no strip of key moments on {home}"
    shown = re.findall(r'href="timeline/#([^"]+)"><time datetime="([^"]+)">([^<]+)</time>', strip.group(0))
    tl = project.pages["timeline.hi.md" if lang == "hi" else "timeline.md"]
    expected = [(anchor, date.iso(), render_date(date, lang))
                for anchor, date, _, _ in timeline_strip.moments(tl, project.registry)]
    assert [(a, d, html.unescape(t)) for a, d, t in shown] == expected and len(expected) >= 5
    target = (built_site / timeline_dir / "index.html").read_text(encoding="utf-8")
    for anchor, _, _ in expected:
        assert f'id="{anchor}"' in target


def test_translation_status_is_not_in_the_reader_nav(built_site):
    for home in ("index.html", "hi/index.html", "race/index.html", "hi/release/index.html"):
        text = (built_site / home).read_text(encoding="utf-8")
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', text, re.S)
        assert nav and "glossary/" in nav.group(0), f"{home}: the reader nav was not found"
        assert "translation-status/" not in nav.group(0), home
        footer = text.split('<footer', 1)[1]
        assert "translation-status/" in footer, f"{home}: the footer does not link the status page"
    assert (built_site / "translation-status" / "index.html").exists()
    assert (built_site / "hi" / "translation-status" / "index.html").exists()
