"""One table of link cases, run through both paths of the one resolver: the check of the built
site (hooks.checks.linkcheck.check_built_site over a real MkDocs + static-i18n build) and the check of
the Markdown alone (check_source_links, what `python -m hooks check` runs). Both must report
exactly the table's rule for each case page, so they cannot disagree.
"""
from __future__ import annotations

import pytest

from fixture_sites import assemble, run_build
from hooks.checks.linkcheck import check_built_site, check_source_links
from hooks.core.mdscan import read_pages
from hooks.facts.registry import load

TARGET = "# Target\n\n## Section {#sec}\n\nText.\n"
TARGET_HI = "# लक्ष्य\n\n## हिस्सा {#sec}\n\nपाठ।\n"

# page (docs/cases/...), its Markdown after the title, the rule both checks must report (None: none)
CASES = [
    ("md-ok.md", "[a](target.md#sec)", None),
    ("url-ok.md", "[a](../target/#sec)", None),
    ("same-page-ok.md", "## Here {#here}\n\n[a](#here)", None),
    ("external-ok.md", "[a](https://example.com/page)", None),
    ("site-url-ok.md", "[a](https://example.org/fixture/cases/only/)", None),
    ("asset-ok.md", "![a picture](../assets/pic.svg)", None),
    ("localized-asset-ok.md", "![a chart](../assets/chart.svg)", None),
    ("fallback-ok.hi.md", "[a](only.md)", None),
    ("reference-ok.md", "[a][r]\n\n[r]: target.md#sec", None),
    ("indented-code-ok.md", "Text.\n\n    [not a link](gone.md)", None),
    ("md-missing.md", "[a](nosuch.md)", "link-broken"),
    ("url-missing.md", "[a](../nosuch/)", "link-broken"),
    ("html-missing.md", '<a href="../nosuch/">a</a>', "link-broken"),
    ("climbs.md", "[a](../../../../x/)", "link-broken"),
    ("outside-site.md", "[a](/elsewhere/)", "link-broken"),
    ("site-url-missing.md", "[a](https://example.org/fixture/nosuch/)", "link-broken"),
    ("asset-missing.md", "![a picture](../assets/nopic.svg)", "link-broken"),
    ("anchor-missing.md", "[a](target.md#nosuch)", "link-anchor"),
    ("url-anchor-missing.md", "[a](../target/#nosuch)", "link-anchor"),
    ("same-page-missing.md", "[a](#nowhere)", "link-anchor"),
    ("reference-anchor-missing.md", "[a][r]\n\n[r]: target.md#zzz", "link-anchor"),
    ("cross-md.md", "[a](target.hi.md)", "link-cross-language"),
    ("cross-url.hi.md", "[a](../../../cases/target/)", "link-cross-language"),
    # an English page without a Hindi twin is also served under /hi/, where this English URL
    # leads out of the Hindi site (target.md would lead to the twin in each language)
    ("site-url-cross.md", "[a](https://example.org/fixture/cases/target/#sec)", "link-cross-language"),
    ("external-http.md", "[a](http://example.com/page)", "link-external"),
    ("external-local.md", "[a](https://localhost/page)", "link-external"),
]


def _edits():
    edits = {"docs/cases/target.md": TARGET, "docs/cases/target.hi.md": TARGET_HI,
             "docs/cases/only.md": "# Only in English\n\nText.\n",
             "docs/assets/pic.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
             "docs/assets/chart.en.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
             "docs/assets/chart.hi.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"}
    for page, body, _ in CASES:
        edits[f"docs/cases/{page}"] = f"# Case\n\n{body}\n"
    return edits


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """(findings of the built-site check, findings of the source check) over the same sources."""
    tmp = tmp_path_factory.mktemp("resolver")
    config = assemble(None, tmp / "src", _edits())
    site = tmp / "site"
    result = run_build(config, site, strict=False)
    assert (site / "cases" / "md-ok" / "index.html").exists(), result.stdout + result.stderr
    root = config.parent
    pages = read_pages(root / "docs", root)
    registry, _ = load(root / "facts" / "registry.yaml")
    built = check_built_site(site, pages, ["en", "hi"], config_file=config)
    source = check_source_links(pages, root / "docs", "https://example.org/fixture/", ["en", "hi"],
                                registry=registry)
    return built, source


def _rules(findings, page):
    return {f.rule for f in findings if f.path == f"docs/cases/{page}"}


@pytest.mark.parametrize("page,body,rule", CASES, ids=[c[0] for c in CASES])
def test_both_paths_agree(both, page, body, rule):
    built, source = both
    expected = {rule} if rule else set()
    assert _rules(built, page) == expected, [f.format() for f in built if page in f.path]
    assert _rules(source, page) == expected, [f.format() for f in source if page in f.path]


def test_same_places_and_words(both):
    """Where a case breaks its rule, both checks name the same line and say the same thing."""
    built, source = both
    cases = {f"docs/cases/{page}" for page, _, rule in CASES if rule}
    shown = {(f.path, f.line, f.rule, f.message) for f in built if f.path in cases}
    assert shown == {(f.path, f.line, f.rule, f.message) for f in source if f.path in cases}


def test_nothing_else_reported(both):
    built, source = both
    assert [f.format() for f in built if not f.path.startswith("docs/cases/")] == []
    assert [f.format() for f in source if not f.path.startswith("docs/cases/")] == []
