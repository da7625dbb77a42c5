"""Links: the pure checks on small HTML and Markdown, and fixture sites built with the hooks.

Each fixture site under tests/sites/links-<case>/ is laid over tests/sites/_base and breaks
one rule; links-ok uses every way of linking and must build with --strict.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hooks.checks import linkcheck as links
from hooks.core.mdscan import parse

SITES = Path(__file__).parent / "sites"


# ---------------------------------------------------------------- helpers

def source(rel: str, text: str):
    return parse(text, rel, f"docs/{rel}")


def sources(**texts):
    """sources(index_md="...", moe_hi_md="...") -> pages keyed like read_pages."""
    pages = {}
    for name, text in texts.items():
        rel = name.replace("__", "/").replace("_hi_md", ".hi.md").replace("_md", ".md")
        pages[rel] = source(rel, text)
    return pages


def page_html(body: str = "", ids=(), head: str = "", lang: str = "en") -> str:
    heads = "".join(f'<h2 id="{i}">{i}</h2>\n' for i in ids)
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n{head}\n</head>\n<body>\n'
            f'<nav class="md-nav md-nav--primary"><a href="#__drawer" class="md-nav__link">x</a></nav>\n'
            f'<article class="md-content__inner md-typeset">\n{heads}{body}\n</article>\n</body>\n</html>\n')


def write_site(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def rules(findings):
    return sorted(f.rule for f in findings)


# A tiny bilingual site: home and moe in both languages, glossary only in English (so /hi/glossary/
# is the English fallback).
MD = {
    "index_md": "# Home\n\nRead [MoE](moe.md#router).\n",
    "index_hi_md": "# होम\n\n[एमओई](moe.md#router) पढ़ें।\n",
    "moe_md": "# MoE\n\n## Router {#router}\n\nText.\n",
    "moe_hi_md": "# एमओई\n\n## राउटर {#router}\n\nपाठ।\n",
    "glossary_md": "# Glossary\n\n## Terms {#terms}\n",
}


def built(tmp_path, overrides=None):
    files = {
        "index.html": page_html('<p><a href="moe/#router">MoE</a></p>'),
        "moe/index.html": page_html("<p>Text.</p>", ids=["router"]),
        "glossary/index.html": page_html("", ids=["terms"]),
        "hi/index.html": page_html('<p><a href="moe/#router">एमओई</a></p>', lang="hi"),
        "hi/moe/index.html": page_html("<p>पाठ।</p>", ids=["router"], lang="hi"),
        "hi/glossary/index.html": page_html("", ids=["terms"], lang="hi"),
        "assets/site.css": "body {}",
    }
    files.update(overrides or {})
    return write_site(tmp_path / "site", files)


# ---------------------------------------------------------------- scanning and URLs

def test_scan_html_finds_ids_and_links():
    html = ('<a id="top" name="old"></a><a href="moe/#router" hreflang="hi" class="md-select__link">x</a>'
            "<img src='img/a.png' srcset=\"img/a.png 1x, img/b.png 2x\"><a href=\"a?x=1&amp;y=2\">q</a>")
    ids, found = links.scan_html(html.encode())
    assert {"top", "old"} <= ids
    assert ("href", "moe/#router", "hi") in found
    assert ("src", "img/a.png", "") in found
    assert ("srcset", "img/b.png", "") in found
    assert ("href", "a?x=1&y=2", "") in found


@pytest.mark.parametrize("url,problem", [
    ("https://www.mkdocs.org/user-guide/", None),
    ("https://example.com", None),
    ("http://www.mkdocs.org/", "is not https"),
    ("ftp://ftp.example.org/file", "is not https"),
    ("https://exa mple.com/", "malformed"),
    ("https:///path", "has no host"),
    ("https://localhost:8000/", "local machine"),
    ("https://127.0.0.1/", "local machine"),
    ("http://localhost/", "local machine"),
    ("https://intranet/", "malformed host"),
    ("//cdn.example.com/x.js", "protocol-relative"),
    ("https://example.com:99999/", "malformed"),
    ("https://भारत.भारत/", None),
    ("https://xn--h2brj9c.xn--h2brj9c/", None),
    ("https://-bad-.com/", "malformed host"),
])
def test_external_problem(url, problem):
    found = links.external_problem(url)
    assert (found is None) if problem is None else (problem in found), found


@pytest.mark.parametrize("key,lang,url", [
    ("index.md", "en", ""), ("moe.md", "en", "moe/"), ("llama4/index.md", "en", "llama4/"),
    ("llama4/after.md", "hi", "hi/llama4/after/"), ("index.md", "hi", "hi/"),
])
def test_page_url(key, lang, url):
    assert links.page_url(key, lang) == url
    assert links.built_file(url) == url + "index.html"


# ---------------------------------------------------------------- the built site

def test_clean_site_has_no_findings(tmp_path):
    assert links.check_built_site(built(tmp_path), sources(**MD), ["en", "hi"]) == []


def test_broken_md_link_is_reported_at_its_source_line(tmp_path):
    md = dict(MD, index_md="# Home\n\nRead [MoE](moe.md#router).\n\nAnd [this](mooe.md).\n")
    site = built(tmp_path, {"index.html": page_html('<a href="moe/#router">MoE</a> <a href="mooe.md">this</a>')})
    found = links.check_built_site(site, sources(**md), ["en", "hi"])
    assert [f.format() for f in found] == [
        "docs/index.md:5:12: link-broken: link 'mooe.md': there is no page docs/mooe.md"
        " -> did you mean moe.md? (fix: link an existing page by its .md file)"]


def test_missing_anchor_names_the_nearest_id(tmp_path):
    md = dict(MD, index_md="# Home\n\nRead [MoE](moe.md#routr).\n")
    site = built(tmp_path, {"index.html": page_html('<p><a href="moe/#routr">MoE</a></p>')})
    (finding,) = links.check_built_site(site, sources(**md), ["en", "hi"])
    assert (finding.path, finding.line, finding.col, finding.rule) == ("docs/index.md", 3, 12, "link-anchor")
    assert "docs/moe.md (/moe/) has no anchor #routr -> did you mean moe.md#router?" in finding.message


def test_same_page_anchor(tmp_path):
    md = dict(MD, moe_md="# MoE\n\n## Router {#router}\n\nSee [above](#ruoter).\n")
    site = built(tmp_path, {"moe/index.html": page_html('<a href="#ruoter">above</a>', ids=["router"])})
    (finding,) = links.check_built_site(site, sources(**md), ["en", "hi"])
    assert (finding.path, finding.line, finding.rule) == ("docs/moe.md", 5, "link-anchor")
    assert "did you mean moe.md#router" in finding.message or "did you mean ./#router" in finding.message


def test_every_occurrence_is_reported(tmp_path):
    md = dict(MD, index_md="# Home\n\n[a](nope.md)\n\n[b](nope.md)\n")
    site = built(tmp_path, {"index.html": page_html('<a href="nope.md">a</a>\n<a href="nope.md">b</a>')})
    found = links.check_built_site(site, sources(**md), ["en", "hi"])
    assert [(f.line, f.rule) for f in found] == [(3, "link-broken"), (5, "link-broken")]


def test_hindi_page_linking_to_english_twin_by_url(tmp_path):
    md = dict(MD, index_hi_md="# होम\n\n[एमओई](moe.md#router) पढ़ें, और [यह](../moe/)।\n")
    site = built(tmp_path, {"hi/index.html": page_html(
        '<a href="moe/#router">एमओई</a> <a href="../moe/">यह</a>', lang="hi")})
    (finding,) = links.check_built_site(site, sources(**md), ["en", "hi"])
    assert (finding.path, finding.line, finding.rule) == ("docs/index.hi.md", 3, "link-cross-language")
    assert "from a Hindi page to the English page /moe/, which has a Hindi twin" in finding.message
    assert "did you mean moe.md?" in finding.message


def test_english_page_linking_into_hindi(tmp_path):
    md = dict(MD, index_md="# Home\n\nRead [MoE](moe.md#router), or [in Hindi](hi/moe/).\n")
    site = built(tmp_path, {"index.html": page_html('<a href="moe/#router">MoE</a> <a href="hi/moe/">h</a>')})
    (finding,) = links.check_built_site(site, sources(**md), ["en", "hi"])
    assert finding.rule == "link-cross-language" and finding.path == "docs/index.md"
    assert "from an English page to the Hindi page /hi/moe/" in finding.message


def test_hindi_page_may_link_to_an_english_only_page(tmp_path):
    md = dict(MD, index_hi_md="# होम\n\n[एमओई](moe.md#router), [शब्द](../glossary/)।\n")
    site = built(tmp_path, {"hi/index.html": page_html(
        '<a href="moe/#router">एमओई</a> <a href="../glossary/">शब्द</a>', lang="hi")})
    assert links.check_built_site(site, sources(**md), ["en", "hi"]) == []


def test_language_switcher_and_alternates_must_point_to_the_twin(tmp_path):
    head_ok = ('<link rel="alternate" href="../../moe/" hreflang="en">\n'
               '<link rel="alternate" href="./" hreflang="hi">')
    switcher = ('<div class="md-select"><a href="../../moe/" hreflang="en" class="md-select__link">English</a>'
                '<a href="./" hreflang="hi" class="md-select__link">हिन्दी</a></div>')
    site = built(tmp_path, {"hi/moe/index.html": page_html(switcher, ids=["router"], head=head_ok, lang="hi")})
    assert links.check_built_site(site, sources(**MD), ["en", "hi"]) == []
    wrong = head_ok.replace('href="../../moe/" hreflang="en"', 'href="../../" hreflang="en"')
    site = built(tmp_path, {"hi/moe/index.html": page_html(switcher, ids=["router"], head=wrong, lang="hi")})
    (finding,) = links.check_built_site(site, sources(**MD), ["en", "hi"])
    assert finding.rule == "link-cross-language"
    assert "hreflang='en' link of this page but leads to /, not to its twin /moe/" in finding.message


def test_external_http_link(tmp_path):
    md = dict(MD, moe_md="# MoE\n\n## Router {#router}\n\nSee [paper](http://arxiv.org/abs/1701.06538).\n")
    site = built(tmp_path, {"moe/index.html": page_html(
        '<a href="http://arxiv.org/abs/1701.06538">paper</a>', ids=["router"])})
    (finding,) = links.check_built_site(site, sources(**md), ["en", "hi"])
    assert finding.format().startswith("docs/moe.md:5:13: link-external: external link "
                                       "'http://arxiv.org/abs/1701.06538' is not https")
    assert "fix: link https://arxiv.org/abs/1701.06538" in finding.format()


def test_nav_link_broken_on_every_page_is_reported_once(tmp_path):
    nav = '<a href="{}missing/" class="md-nav__link">Missing</a>'
    site = built(tmp_path, {
        "index.html": page_html(nav.format("") + '<a href="moe/#router">MoE</a>'),
        "moe/index.html": page_html(nav.format("../"), ids=["router"]),
    })
    config = write_site(tmp_path / "project", {"mkdocs.yml": "nav:\n  - Home: index.md\n  - Missing: missing/\n"})
    (finding,) = links.check_built_site(site, sources(**MD), ["en", "hi"], config / "mkdocs.yml")
    assert finding.rule == "link-broken" and finding.path.endswith("mkdocs.yml") and finding.line == 3
    assert "in the nav or theme of 2 pages" in finding.message


def test_links_in_html_comments_are_ignored(tmp_path):
    site = built(tmp_path, {"moe/index.html": page_html('<!-- <a href="old/">old</a> -->', ids=["router"])})
    assert links.check_built_site(site, sources(**MD), ["en", "hi"]) == []


def test_site_url_from_canonical(tmp_path):
    canonical = '<link rel="canonical" href="https://example.org/docs/{}">'
    site = built(tmp_path, {
        "index.html": page_html('<a href="moe/#router">MoE</a> <a href="/docs/glossary/">g</a> '
                                '<a href="https://example.org/docs/moe/">m</a> <a href="/elsewhere/">e</a>',
                                head=canonical.format("")),
    })
    (finding,) = links.check_built_site(site, sources(**MD), ["en", "hi"])
    assert "'/elsewhere/' is outside the site (which lives under /docs/)" in finding.message


def test_links_above_the_root_and_missing_assets(tmp_path):
    site = built(tmp_path, {"index.html": page_html(
        '<a href="moe/#router">MoE</a><link rel="stylesheet" href="assets/site.css">'
        '<script src="assets/gone.js"></script><a href="../outside/">o</a>')})
    found = links.check_built_site(site, sources(**MD), ["en", "hi"])
    assert rules(found) == ["link-broken", "link-broken"]
    assert any("climbs above the site's root folder" in f.message for f in found)
    assert any("assets/gone.js" in f.message for f in found)


def test_nav_links_of_many_pages_reported_once(tmp_path):
    files = {}
    for i in range(30):
        files[f"p{i}/index.html"] = page_html(f'<a href="../p{(i + 1) % 30}/#h">n</a> <a href="../gone{i % 3}/">x</a>',
                                              ids=["h"])
    site = built(tmp_path, files)
    one = links.check_built_site(site, sources(**MD), ["en", "hi"])
    two = links.check_built_site(site, sources(**MD), ["en", "hi"])
    assert sorted(one) == sorted(two)
    # pages with no Markdown source: each broken link is reported once, with how many pages have it
    assert len(one) == 3 and all("in the nav or theme of 10 pages" in f.message for f in one)


# ---------------------------------------------------------------- Markdown only (the CLI)

def test_source_links_clean():
    assert links.check_source_links(sources(**MD)) == []


def test_source_links_hindi_md_link_means_the_hindi_twin():
    md = dict(MD, moe_hi_md="# एमओई\n\n## राउटर {#router-hi}\n\nपाठ।\n")
    (finding,) = links.check_source_links(sources(**md))
    assert (finding.path, finding.line, finding.rule) == ("docs/index.hi.md", 3, "link-anchor")
    assert "docs/moe.hi.md (/hi/moe/) has no anchor #router -> did you mean moe.md#router-hi?" in finding.message


def test_source_links_every_rule():
    md = dict(MD, index_md=("# Home\n\n[a](moe.md#router) [b](nope.md) [c](moe.md#nope) [d](moe.hi.md)\n"
                            "[e](http://example.com/) [f](https://exa mple.com/)\n"),
              index_hi_md="# होम\n\n[a](moe.md#router) [b](../moe/) [c](../glossary/#terms) [d](../nope/)\n")
    found = links.check_source_links(sources(**md))
    got = sorted((f.path, f.rule, f.col) for f in found)
    assert got == [
        ("docs/index.hi.md", "link-broken", 61),
        ("docs/index.hi.md", "link-cross-language", 24),
        ("docs/index.md", "link-anchor", 37),
        ("docs/index.md", "link-broken", 24),
        ("docs/index.md", "link-cross-language", 54),
        ("docs/index.md", "link-external", 5),
    ]
    # "[f](https://exa mple.com/)" is not a Markdown link at all: nothing to check


def test_source_links_sources_page_anchors():
    md = dict(MD, sources_md="# Sources\n\n<!-- sources -->\n",
              index_md="# Home\n\nRead [MoE](moe.md#router) and [the fact](sources.md#fact-x).\n")
    assert links.check_source_links(sources(**md)) == []   # without the registry: accepted

    class Registry:
        topics = {"models": {}}
        facts = {"y": None}
    (finding,) = links.check_source_links(sources(**md), registry=Registry())
    assert finding.rule == "link-anchor" and "#fact-x" in finding.message


def test_source_links_files_and_localized_images(tmp_path):
    docs = write_site(tmp_path / "docs", {"assets/img/chart.en.svg": "<svg/>", "assets/img/chart.hi.svg": "<svg/>",
                                          "assets/site.css": ""})
    md = dict(MD, moe_md="# MoE\n\n## Router {#router}\n\n![c](assets/img/chart.svg) ![d](assets/img/none.svg)\n")
    (finding,) = links.check_source_links(sources(**md), docs)
    assert finding.rule == "link-broken" and "assets/img/none.svg" in finding.message


# ---------------------------------------------------------------- fixture sites, built

CASES = [
    # case, rule, where (path:line:), something the message says
    ("links-broken-md", "link-broken", "docs/guide.md:7:71:", "there is no page docs/source.md -> did you mean sources.md?"),
    ("links-broken-anchor", "link-anchor", "docs/guide.hi.md:10:25:", "has no anchor #detail -> did you mean index.md#details?"),
    ("links-broken-html", "link-broken", "docs/guide.md:12:30:", "'../source/#capex' does not resolve"),
    ("links-broken-nav", "link-broken", "mkdocs.yml:33:", "in the nav or theme of"),
    ("links-cross-language", "link-cross-language", "docs/guide.hi.md:11:48:",
     "from a Hindi page to the English page /sources/, which has a Hindi twin -> did you mean sources.md?"),
    ("links-external-http", "link-external", "docs/guide.md:10:21:", "is not https"),
]


def test_links_ok_fixture_builds(fixture_site):
    result, site = fixture_site("links-ok")
    assert result.returncode == 0, result.output
    assert ": link-" not in result.output
    assert (site / "hi" / "guide" / "index.html").exists()


@pytest.mark.parametrize("case,rule,where,says", CASES, ids=[c[0] for c in CASES])
def test_links_fixture_breaks_its_rule(fixture_site, case, rule, where, says):
    result, _ = fixture_site(case)
    assert result.returncode != 0, f"{case} built although it breaks {rule}:\n{result.output}"
    lines = [l for l in result.output.splitlines() if f": {rule}: " in l]
    assert any(where in l and says in l for l in lines), result.output
    assert not [l for l in result.output.splitlines() if ": link-" in l and f": {rule}: " not in l]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case,rule", [(c[0], c[1]) for c in CASES if c[0] != "links-broken-nav"] +
                         [("links-ok", None)])
def test_links_fixture_without_a_build(tmp_path, case, rule):
    """The Markdown-only check (the CLI's) finds the same problems in the same places."""
    from hooks.core.mdscan import read_pages
    from hooks.facts.registry import load
    root = tmp_path / "src"
    shutil.copytree(SITES / "_base", root)
    shutil.copytree(SITES / case, root, dirs_exist_ok=True)
    registry, _ = load(root / "facts" / "registry.yaml")
    site_url = re.search(r"^site_url: (\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    found = links.check_source_links(read_pages(root / "docs", root), root / "docs", site_url, registry=registry)
    assert {f.rule for f in found} == ({rule} if rule else set()), [f.format() for f in found]


def test_escaped_ampersands_are_matched_to_the_source(tmp_path):
    md = dict(MD, moe_md="# MoE\n\n## Router {#router}\n\nSee [q](http://example.com/a?x=1&y=2).\n")
    site = built(tmp_path, {"moe/index.html": page_html('<a href="http://example.com/a?x=1&amp;y=2">q</a>',
                                                        ids=["router"])})
    (finding,) = links.check_built_site(site, sources(**md), ["en", "hi"])
    assert finding.format().startswith("docs/moe.md:5:9: link-external: external link "
                                       "'http://example.com/a?x=1&y=2' is not https")


def test_no_network_is_not_recorded_as_dead_links():
    """Hostile-inputs row 97: a run that reaches no host (no probe, no network) must not call
    every URL dead, or the cache would replay them all as broken."""
    from hooks.checks.external_links import BROKEN, UNVERIFIED, no_network_is_not_dead
    dead = {"status": None, "result": BROKEN, "message": "host not found (Name or service not known)"}
    cut_off = {f"https://site{i}.example.org/": dict(dead) for i in range(3)}
    assert {r["result"] for r in no_network_is_not_dead(cut_off).values()} == {UNVERIFIED}
    # one answer from anywhere: the network works, and an unknown host is a dead link
    mixed = dict(cut_off, **{"https://ok.example.org/": {"status": 404, "result": BROKEN, "message": "answered 404"}})
    assert no_network_is_not_dead(mixed)["https://site0.example.org/"]["result"] == BROKEN
