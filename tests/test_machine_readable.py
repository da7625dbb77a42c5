"""What machines read in the built site (issue 32): the 404 pages (language, noindex, alternates,
switcher), the JSON-LD of every page, the sitemap's per-page lastmod."""
from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from hooks.render import pagedates

ROOT = Path(__file__).resolve().parent.parent

SITE_URL = "https://example.github.io/llama4-explainer/"


def _read(site, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / rel).read_text(encoding="utf-8"))


# ---- the 404 pages

def test_404_pages_are_not_indexed_and_speak_their_language(built_site):
    for rel, lang, h1, title in [
            ("404.html", "en", "404: page not found", "Page not found - Llama 4, explained"),
            ("hi/404.html", "hi", "404: यह पन्ना नहीं मिला", "यह पन्ना नहीं मिला - Llama 4 की पूरी कहानी")]:
        doc = _read(built_site, rel)
        assert doc.css_first("html").attributes["lang"] == lang, rel
        robots = [m.attributes.get("content") for m in doc.css('meta[name="robots"]')]
        assert robots == ["noindex"], (rel, robots)
        assert doc.css_first("h1").text(deep=True).strip() == h1, rel
        assert doc.css_first("title").text().strip() == title, rel


def test_404_alternates_and_switcher_lead_to_each_languages_404(built_site):
    for rel, to_en, to_hi in [("404.html", "404.html", "hi/404.html"),
                              ("hi/404.html", "../404.html", "404.html")]:
        doc = _read(built_site, rel)
        alternates = {link.attributes["hreflang"]: link.attributes["href"]
                      for link in doc.css('link[rel="alternate"][hreflang]')}
        assert alternates == {"en": SITE_URL + "404.html", "hi": SITE_URL + "hi/404.html",
                              "x-default": SITE_URL + "404.html"}, rel
        switcher = {a.attributes["hreflang"]: a.attributes["href"] for a in doc.css("a.md-select__link")}
        assert switcher == {"en": to_en, "hi": to_hi}, rel
        # the relative links resolve against the base the 404's root script sets: the page's folder
        assert all(a.attributes.get("lang") == a.attributes["hreflang"] for a in doc.css("a.md-select__link"))


def test_root_404_carries_the_hindi_headline_for_hindi_addresses(built_site):
    """GitHub Pages answers every missing address with the root 404: at a /hi/ address its script
    shows the Hindi 404's headline and title, which the Hindi help block carries."""
    root = _read(built_site, "404.html")
    hi = _read(built_site, "hi/404.html")
    block = root.css_first('.lost[lang="hi"]')
    assert block.attributes["data-headline"] == hi.css_first("h1").text(deep=True).strip()
    assert block.attributes["data-title"] == hi.css_first("title").text().strip()
    assert root.css_first('.lost[lang="en"]').attributes.get("data-headline") is None


def test_headline_and_title_read_from_a_built_page():
    from hooks.render.site_fixes import _help_block, headline_and_title
    page = '<title>A &amp; "B"</title><h1 id="x">404: <em>C</em> &lt;D&gt;</h1>'
    assert headline_and_title(page) == ('404: C <D>', 'A & "B"')
    block = _help_block("hi", "", None, headline_and_title(page))
    assert 'data-headline="404: C &lt;D&gt;"' in block and 'data-title="A &amp; &quot;B&quot;"' in block
    assert htmllib.unescape(re.search(r'data-title="([^"]*)"', block).group(1)) == 'A & "B"'


# ---- JSON-LD: complete and true, on every built page

def _json_ld(doc: LexborHTMLParser, rel: str) -> dict:
    # the page's own (overrides/main.html); a report page's ClaimReview data is another script
    # (hooks/site_llama4/verdicts.py, tests/test_verdicts.py)
    scripts = doc.css('script[type="application/ld+json"]:not(.claim-review)')
    assert len(scripts) == 1, f"{rel}: {len(scripts)} JSON-LD scripts"
    text = scripts[0].text(deep=True)
    assert "<" not in text and ">" not in text and "&" not in text, f"{rel}: JSON-LD not escaped"
    return json.loads(text)


def _nodes(data: dict) -> dict[str, dict]:
    assert data["@context"] == "https://schema.org"
    kinds = [n["@type"] for n in data["@graph"]]
    assert len(kinds) == len(set(kinds)), kinds
    return {n["@type"]: n for n in data["@graph"]}


def _meta(doc: LexborHTMLParser, prop: str) -> str:
    return doc.css_first(f'meta[property="{prop}"]').attributes["content"]


def _organization(value, site_name: str, rel: str) -> None:
    assert isinstance(value, dict) and value.get("@type") == "Organization", (rel, value)
    assert value["name"] == site_name and value["url"] == SITE_URL, (rel, value)


def _iso(value: str, rel: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(value)
    assert when.tzinfo is not None, (rel, value)
    return when


def _content_pages(site):
    for path in sorted(site.rglob("index.html")):
        yield path.relative_to(site).as_posix()


def test_every_page_has_complete_structured_data(built_site):
    pages = list(_content_pages(built_site))
    assert len(pages) >= 20
    articles = 0
    for rel in pages:
        doc = _read(built_site, rel)
        lang = doc.css_first("html").attributes["lang"]
        site_name = _meta(doc, "og:site_name")
        nodes = _nodes(_json_ld(doc, rel))
        page = nodes["WebPage"]
        assert page["url"] == page["@id"] == _meta(doc, "og:url") == SITE_URL + rel.removesuffix("index.html")
        assert page["inLanguage"] == lang, rel
        _organization(page["isPartOf"]["publisher"], site_name, rel)
        home = rel in ("index.html", "hi/index.html")
        main = page if home else nodes["Article"]
        assert set(nodes) == ({"WebPage"} if home else {"WebPage", "Article"}), rel
        if not home:
            articles += 1
            assert page["mainEntity"] == {"@id": main["@id"]} and main["mainEntityOfPage"] == {"@id": page["@id"]}
            assert main["headline"] == _meta(doc, "og:title"), rel
            assert main["inLanguage"] == lang, rel
            assert "lastReviewed" not in main, f"{rel}: lastReviewed is a WebPage property"
            _organization(main["author"], site_name, rel)
        _organization(main["publisher"], site_name, rel)
        assert _iso(main["datePublished"], rel) <= _iso(main["dateModified"], rel), rel
        assert main["dateModified"] == _meta(doc, "article:modified_time"), rel
        image = main["image"]
        assert image["@type"] == "ImageObject" and image["url"] == _meta(doc, "og:image"), rel
        assert (built_site / image["url"].removeprefix(SITE_URL)).is_file(), rel
        if "lastReviewed" in page:
            dt.date.fromisoformat(page["lastReviewed"])
            _organization(page["reviewedBy"], site_name, rel)
    assert articles >= 18


def _source_of(rel: str) -> str:
    """docs/ path of a built page: hi/moe/index.html -> docs/moe.hi.md (or the English file
    where the page has no Hindi twin)."""
    lang = "hi" if rel.startswith("hi/") else "en"
    path = rel.removeprefix("hi/").removesuffix("index.html").strip("/") or "index"
    suffix = ".hi.md" if lang == "hi" else ".md"
    for candidate in (f"docs/{path}{suffix}", f"docs/{path}/index{suffix}", f"docs/{path}.md",
                      f"docs/{path}/index.md"):
        if (ROOT / candidate).exists():
            return candidate
    raise AssertionError(f"no source for {rel}")


def _git(*args: str, cwd=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd or ROOT, capture_output=True, text=True, check=True).stdout


def test_page_dates_are_the_first_and_last_commit_of_the_source_file(built_site):
    """datePublished and dateModified (and the sitemap's lastmod) against git itself, for every
    page whose source file has no uncommitted change."""
    if _git("rev-parse", "--is-shallow-repository").strip() == "true":
        pytest.skip("this clone is shallow: the build reports page-dates-shallow")
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))
    checked = 0
    for rel in _content_pages(built_site):
        source = _source_of(rel)
        nodes = _nodes(_json_ld(_read(built_site, rel), rel))
        main = nodes.get("Article", nodes["WebPage"])
        assert lastmod.get(nodes["WebPage"]["url"]) == main["dateModified"], rel
        if _git("status", "--porcelain", "--", source).strip():
            continue   # uncommitted: the file's own time
        stamps = _git("log", "--format=%cI", "--", source).split()
        assert main["dateModified"] == stamps[0] and main["datePublished"] == stamps[-1], (rel, source)
        checked += 1
    assert checked >= 10


def test_every_sitemap_url_has_a_per_page_lastmod(built_site):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    blocks = re.findall(r"<url>.*?</url>", sitemap, re.S)
    stamps = [re.search(r"<lastmod>([^<]+)</lastmod>", b).group(1) for b in blocks]
    assert len(stamps) >= 20 and all(_iso(s, "sitemap") for s in stamps)
    assert len(set(stamps)) > 1, "every lastmod is the same: the build date?"


# ---- a shallow clone: never silently wrong dates (an error where they are published)

def _commit(repo, name: str, text: str, when: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "add", name], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", name], cwd=repo, check=True, env=env)


@pytest.fixture
def history_repo(tmp_path):
    repo = tmp_path / "full"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    _commit(repo, "docs/a.md", "one", "2026-01-05T10:00:00+00:00")
    _commit(repo, "docs/b.md", "two", "2026-02-05T10:00:00+00:00")
    _commit(repo, "docs/a.md", "one again", "2026-03-05T10:00:00+00:00")
    _commit(repo, "README", "x", "2026-04-05T10:00:00+00:00")
    return repo


def test_full_history_gives_first_and_last_commit(history_repo):
    history = pagedates.git_history(history_repo)
    assert history.shallow is None
    a = history_repo / "docs" / "a.md"
    assert pagedates.first_published(a, history_repo, history).isoformat() == "2026-01-05T10:00:00+00:00"
    assert pagedates.last_changed(a, history_repo, history).isoformat() == "2026-03-05T10:00:00+00:00"
    assert history.first["docs/b.md"] == history.last["docs/b.md"]
    assert pagedates.shallow_finding(history, history_repo / "docs", history_repo) is None


def test_shallow_clone_is_an_error_naming_the_cause(history_repo, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone)], check=True)
    history = pagedates.git_history(clone)
    assert history.shallow and history.shallow.endswith("of 2026-04-05")
    # what git alone would say there: both files "appear" in the clone's one commit
    assert history.first["docs/a.md"].isoformat() == "2026-04-05T10:00:00+00:00"
    # where the dates are published, an error; elsewhere a warning that states the fallback
    finding = pagedates.shallow_finding(history, clone / "docs", clone, required=True)
    assert finding is not None and finding.severity == "error" and finding.rule == "page-dates-shallow"
    text = finding.format()
    assert text.startswith(".git/shallow:1:1: page-dates-shallow: ") and "shallow" in text
    assert "fetch-depth: 0" in text and "git fetch --unshallow" in text
    stated = pagedates.shallow_finding(history, clone / "docs", clone)
    assert stated is not None and stated.severity == "warning" and stated.rule == "page-dates-shallow"
    assert "uses those dates" in stated.message and "PAGE_DATES_FULL_HISTORY=1" in stated.message
    # a site whose pages are not in that clone (a fixture site elsewhere) takes no date from it
    assert pagedates.shallow_finding(history, tmp_path / "elsewhere", clone) is None


def test_ci_publishing_job_fetches_the_whole_history():
    workflow = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    job = workflow[workflow.index("build-and-test:"):workflow.index("upload-pages-artifact")]
    assert re.search(r"uses: actions/checkout@v\d+\s+with:\s+fetch-depth: 0\b", job), job[:400]


# ---- the small ones: header cells, Hindi titles and descriptions for a preview

def test_no_empty_table_header_cell(built_site):
    empty = []
    for path in sorted(built_site.rglob("*.html")):
        doc = LexborHTMLParser(path.read_text(encoding="utf-8"))
        empty += [f"{path.relative_to(built_site)}: {th.html[:60]}" for th in doc.css("th")
                  if not th.text(deep=True).strip() and not th.attributes.get("aria-label")]
    assert not empty, empty


def test_hindi_titles_and_descriptions_fit_a_preview(built_site):
    """A preview cuts a description after about 160 characters; the Hindi home's <title> is the
    site's name, as the English home's is, not the nav's "होम - ..."."""
    pages = [rel for rel in _content_pages(built_site) if rel.startswith("hi/")]
    assert len(pages) >= 10
    for rel in pages:
        doc = _read(built_site, rel)
        description = doc.css_first('meta[name="description"]').attributes["content"]
        assert 40 <= len(description) <= 160, (rel, len(description), description)
        assert _meta(doc, "og:description") == description, rel
        title = doc.css_first("title").text().strip()
        assert title.endswith("Llama 4 की पूरी कहानी") and not title.startswith("होम"), (rel, title)
    assert _read(built_site, "hi/index.html").css_first("title").text().strip() == "Llama 4 की पूरी कहानी"
    assert _read(built_site, "index.html").css_first("title").text().strip() == "Llama 4, explained"


@pytest.mark.parametrize("value, required", [("1", True), ("yes", True), ("", False), ("0", False)])
def test_publishing_build_requires_the_full_history(value, required):
    environ = {"PAGE_DATES_FULL_HISTORY": value} if value else {}
    assert pagedates.full_history_required(environ) is required
