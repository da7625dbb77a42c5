"""Page dates: "facts checked" is the oldest `checked:` among the facts a page cites, shown
only when every one of them has been checked, in the page's language, and in its JSON-LD."""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from hooks.render import pagedates
from hooks.facts import registry as registry_module
from hooks.core.mdscan import FactRef

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"


def ref(fact_id: str) -> FactRef:
    return FactRef(text="", id=fact_id, as_of=False, line=1, col=1, start=0, end=0)


def page(*ids: str, text: str = "") -> SimpleNamespace:
    return SimpleNamespace(text=text, fact_refs=[ref(i) for i in ids])


def facts(**checked) -> SimpleNamespace:
    """A registry whose facts carry these `checked` dates (None: no date; a fact object
    without the attribute at all, as before the registry knew the field, for 'bare')."""
    made = {}
    for fact_id, day in checked.items():
        made[fact_id] = SimpleNamespace() if day == "bare" else SimpleNamespace(checked=day)
    return SimpleNamespace(facts=made)


def test_oldest_checked_date_among_cited_facts():
    reg = facts(a="2026-11-26", b="2026-12-02", c="2026-10-01")
    assert pagedates.facts_checked(page("a", "b", "a"), reg) == "2026-11-26"
    assert pagedates.facts_checked(page("b"), reg) == "2026-12-02"


@pytest.mark.parametrize("case, reg", [
    ("one cited fact never checked", facts(a="2026-11-26", b=None)),
    ("a Fact object without the field", facts(a="2026-11-26", b="bare")),
    ("a fact missing from the registry", facts(a="2026-11-26")),
])
def test_no_date_unless_every_cited_fact_was_checked(case, reg):
    assert pagedates.facts_checked(page("a", "b"), reg) is None, case


def test_no_date_for_a_page_citing_nothing_or_no_page():
    reg = facts(a="2026-11-26")
    assert pagedates.facts_checked(page(), reg) is None
    assert pagedates.facts_checked(None, reg) is None
    assert pagedates.facts_checked(page("a"), None) is None


def test_sources_page_counts_every_fact_of_the_registry():
    sources = page(text="# Sources\n\n<!-- sources -->\n")
    assert pagedates.facts_checked(sources, facts(a="2026-11-26", b="2026-12-01")) == "2026-11-26"
    assert pagedates.facts_checked(sources, facts(a="2026-11-26", b=None)) is None


def test_checked_date_in_each_language():
    assert pagedates.shown_iso("2026-11-26", "en") == "26 November 2026"
    assert pagedates.shown_iso("2026-11-26", "hi") == "26 नवंबर 2026"


def node(data: dict, kind: str) -> dict:
    """The node of a page's JSON-LD @graph of this @type (WebPage, Article)."""
    found = [n for n in data["@graph"] if n["@type"] == kind]
    assert len(found) == 1, (kind, data)
    return found[0]


def test_json_ld_carries_both_dates_and_cannot_close_its_script():
    title = 'A </script><script>alert("x")</script> <!-- & more'
    text = pagedates.json_ld("article", title, "https://example.org/a/", "hi",
                             "2026-12-02T10:00:00+00:00", "2026-11-26", site_name="S </script>",
                             site_url="https://example.org/", published="2026-11-01T09:00:00+00:00",
                             image="https://example.org/assets/cards/a.png")
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    article, webpage = node(data, "Article"), node(data, "WebPage")
    assert article["headline"] == title and article["publisher"]["name"] == "S </script>"
    assert article["dateModified"] == "2026-12-02T10:00:00+00:00"
    assert article["datePublished"] == "2026-11-01T09:00:00+00:00"
    assert webpage["lastReviewed"] == "2026-11-26" and "lastReviewed" not in article
    home = json.loads(pagedates.json_ld("website", "Home", "https://example.org/", "en",
                                        "2026-12-02T10:00:00+00:00", None))
    assert [n["@type"] for n in home["@graph"]] == ["WebPage"] and "lastReviewed" not in home["@graph"][0]


# ---- built fixture sites: the real hooks and templates

def _with_checked(registry_text: str, dates: dict[str, str]) -> str:
    """The base registry with `checked:` (and the `review_by:` it must come with) added to
    the facts named in `dates`."""
    for fact_id, day in dates.items():
        year = int(day[:4]) + 1
        block = f"  - id: {fact_id}\n"
        assert block in registry_text, fact_id
        registry_text = registry_text.replace(
            block, f"{block}    checked: {day}\n    review_by: {year}{day[4:]}\n")
    return registry_text


def _site_with_templates() -> str:
    config = (SITES / "_base" / "mkdocs.yml").read_text(encoding="utf-8")
    return config.replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n")


def _dates(html: str):
    m = re.search(r'<p class="page-date"><small>(.*?)</small></p>', html, re.S)
    assert m, "no page-date paragraph"
    return m.group(1)


needs_field = pytest.mark.skipif(
    "checked" not in {f.name for f in dataclasses.fields(registry_module.Fact)},
    reason="the registry does not read checked: yet (interface B)")


@needs_field
def test_built_page_shows_when_its_facts_were_checked(fixture_site):
    base = (SITES / "_base" / "facts" / "registry.yaml").read_text(encoding="utf-8")
    registry = _with_checked(base, {"capex-plan": "2026-11-20", "capex-actual": "2026-11-26",
                                    "launch-date": "2026-12-01"})
    result, site = fixture_site(edits={"mkdocs.yml": _site_with_templates(),
                                       "facts/registry.yaml": registry}, strict=False)
    assert result.returncode == 0, result.output
    for rel, label, shown in (("index.html", "Facts checked", "20 November 2026"),
                              ("hi/index.html", "तथ्यों की जाँच", "20 नवंबर 2026")):
        html = (site / rel).read_text(encoding="utf-8")
        dates = _dates(html)
        assert f'{label}: <time datetime="2026-11-20">{shown}</time>' in dates, (rel, dates)
        ld = node(json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)),
                  "WebPage")
        assert ld["lastReviewed"] == "2026-11-20" and ld["inLanguage"] == rel.split("/")[0].replace(
            "index.html", "en"), ld


@needs_field
def test_built_page_with_an_unchecked_fact_shows_no_checked_date(fixture_site):
    """The rule broken: launch-date was never checked, so the home page (which cites it)
    must not claim a date for its facts; it still says when it last changed."""
    base = (SITES / "_base" / "facts" / "registry.yaml").read_text(encoding="utf-8")
    registry = _with_checked(base, {"capex-plan": "2026-11-20", "capex-actual": "2026-11-26"})
    result, site = fixture_site(edits={"mkdocs.yml": _site_with_templates(),
                                       "facts/registry.yaml": registry}, strict=False)
    assert result.returncode == 0, result.output
    for rel in ("index.html", "hi/index.html"):
        html = (site / rel).read_text(encoding="utf-8")
        dates = _dates(html)
        assert "facts-checked" not in dates and "<time" in dates, (rel, dates)
        ld = node(json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)),
                  "WebPage")
        assert "lastReviewed" not in ld and ld["dateModified"], ld


def test_real_site_dates_agree_between_page_and_metadata(built_site):
    """On every built page: the JSON-LD parses, its dateModified is the page's shown
    last-changed date and article:modified_time, and lastReviewed is there exactly when
    the page shows a facts-checked date, with the same day."""
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) >= 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(built_site).as_posix()
        m = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert m, rel
        ld = json.loads(m.group(1))
        ld = node(ld, "Article") if any(n["@type"] == "Article" for n in ld["@graph"]) else node(ld, "WebPage")
        reviewed = node(json.loads(m.group(1)), "WebPage").get("lastReviewed")
        modified = re.search(r'<meta property="article:modified_time" content="([^"]+)">', html).group(1)
        dates = _dates(html)
        assert ld["dateModified"] == modified and f'<time datetime="{modified}">' in dates, rel
        shown = re.search(r'class="facts-checked">[^<]*<time datetime="([^"]+)">', dates)
        assert (shown.group(1) if shown else None) == reviewed, rel
        assert ld["inLanguage"] == ("hi" if rel.startswith("hi/") else "en"), rel
