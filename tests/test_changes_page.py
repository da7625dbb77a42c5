"""The "what changed" page is generated from the registry's chains of superseded figures."""
import re
import shutil
from pathlib import Path

from hooks.checks import run as checks
from hooks.render.changes_page import MARKER, changes_markdown, chain_title
from hooks.facts.registry_rules import chains

SITES = Path(__file__).resolve().parent / "sites"
ROOT = Path(__file__).resolve().parent.parent
FILE_HREF = lambda page: page.rel   # noqa: E731  (links to the pages' files, for reading)


def fixture_project(tmp_path):
    dest = tmp_path / "facts-changes"
    shutil.copytree(SITES / "_base", dest)
    shutil.copytree(SITES / "facts-changes", dest, dirs_exist_ok=True)
    project, findings = checks.load_project(dest)
    assert not [f for f in findings if f.severity == "error"], [f.format() for f in findings]
    return project


def test_chain_in_order_with_dates_sources_and_citing_pages(tmp_path):
    project = fixture_project(tmp_path)
    found = chains(project.registry)
    assert [[f.id for f in c] for c in found] == [["capex-plan", "capex-revision", "capex-actual"]]
    en = changes_markdown(project.registry, "en", "changes.md", project.pages.values(), FILE_HREF)
    assert en.startswith("## Spending in 2025 {#chain-capex-plan}")
    order = [en.index(f'id="change-{i}"') for i in ("capex-plan", "capex-revision", "capex-actual")]
    assert order == sorted(order)
    assert "<strong>$60-65 billion</strong>, as of 24 January 2025" in en
    assert "<strong>$64-72 billion</strong>, as of 30 April 2025" in en
    assert "(the latest figure)" in en.split('id="change-capex-actual"')[1]
    assert "news report" not in en and "copy of another outlet's report" in en and "primary record" in en
    # the Home page cites the plan as the figure of its time, and the actual as the latest
    plan = en.split('id="change-capex-plan"')[1].split('id="change-capex-revision"')[0]
    assert 'Cited as the figure of its time on: <a href="index.md">Home</a>' in plan
    assert '<a href="sources.md#fact-capex-plan">Sources page entry</a>' in plan
    hi = changes_markdown(project.registry, "hi", "changes.hi.md", project.pages.values(), FILE_HREF)
    assert hi.startswith("## 2025 का ख़र्च {#chain-capex-plan}")
    # Hindi: what the figure is first, then the figure and its date (issue 29)
    assert "2025 के ख़र्च की योजना: <strong>60-65 अरब डॉलर</strong> (24 जनवरी 2025 की स्थिति में) · अब पुराना" in hi
    assert "(31 दिसंबर 2025 की स्थिति में; सबसे ताज़ा आँकड़ा) · पुष्ट" in hi
    assert "स्रोत पन्ने पर देखें" in hi and "नक़ल" not in hi
    assert '<a href="index.hi.md">होम</a>' in hi and '"sources.hi.md#fact-capex-plan"' in hi


def test_chain_title_falls_back_to_the_first_label():
    class F:
        series = None
        label = {"en": "Weekly users (November 2023)", "hi": "साप्ताहिक यूज़र (नवंबर 2023)"}
    assert chain_title([F()], "en") == "Weekly users"
    assert chain_title([F()], "hi") == "साप्ताहिक यूज़र"


def test_changes_page_is_built_in_both_languages(fixture_site):
    result, site = fixture_site("facts-changes", strict=False)
    assert "Traceback" not in result.output
    en = (site / "changes" / "index.html").read_text(encoding="utf-8")
    hi = (site / "hi" / "changes" / "index.html").read_text(encoding="utf-8")
    assert MARKER not in en and MARKER not in hi
    for html in (en, hi):
        ids = re.findall(r'id="change-([a-z0-9-]+)"', html)
        assert ids == ["capex-plan", "capex-revision", "capex-actual"]
        assert 'id="chain-capex-plan"' in html
        assert 'href="https://example.org/results-q1"' in html
    assert "<strong>$64-72 billion</strong>" in en
    assert "<strong>64-72 अरब डॉलर</strong>" in hi
    # the Sources page links each figure of a chain to its place on this page
    sources = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./changes/#change-capex-revision"', sources), sources[:2000]


def test_real_changes_page_lists_the_known_chains():
    project, _ = checks.load_project(ROOT)
    en = changes_markdown(project.registry, "en", "changes.md", project.pages.values(), FILE_HREF)
    for first in ("chatgpt-wau-2023-11", "meta-capex-2025-plan", "meta-capex-2026-guidance-jan"):
        assert f"{{#chain-{first}}}" in en
    assert "Checked 2 December 2026" in en   # the latest figures carry their last check


def test_as_of_link_points_at_the_figure_in_its_chain(tmp_path):
    from hooks.render.changes_page import as_of_link
    project = fixture_project(tmp_path)
    fact = project.registry.facts["capex-plan"]
    assert as_of_link(fact, "en", "../changes/") == (
        '<a class="as-of-link" href="../changes/#change-capex-plan">(as of 24 January 2025)</a>')
    assert "(24 जनवरी 2025 की स्थिति में)" in as_of_link(fact, "hi", "../changes/")


def test_figures_of_their_time_link_to_their_chain_and_show_when_checked(fixture_site):
    """A page's `{.as-of}` figure links its "as of" phrase to its place on the changes page; the
    page's source list says when a changing figure was last checked, in the page's language."""
    registry = (Path(__file__).parent / "sites" / "facts-changes" / "facts" / "registry.yaml").read_text(encoding="utf-8")
    registry = registry.replace("    value: 72.22\n", "    value: 72.22\n    checked: 2026-12-02\n    review_by: 2027-06-01\n", 1)
    result, site = fixture_site("facts-changes", edits={"facts/registry.yaml": registry}, strict=False)
    assert "Traceback" not in result.output
    en = (site / "index.html").read_text(encoding="utf-8")
    hi = (site / "hi" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="as-of-link" href="changes/#change-capex-plan">\(as of 24 January 2025\)</a>', en), en
    assert re.search(r'<a class="as-of-link" href="changes/#change-capex-plan">\(24 जनवरी 2025 की स्थिति में\)</a>', hi)
    assert '<span class="cite-checked">(checked 2 December 2026)</span>' in en
    assert '<span class="cite-checked">(2 दिसंबर 2026 को जाँचा गया)</span>' in hi
