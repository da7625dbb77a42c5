"""Citation marks (hooks/citations.render_refs) and each page's source list
(hooks/render/page_sources.py), in the built HTML of fixture sites. The browser side (shape, size,
copied text, search, following a mark) is tests/browser/test_marks.py."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hooks.render import citations, page_sources
from hooks.core.mdscan import parse
from hooks.facts.registry import load

BASE = Path(__file__).parent / "sites" / "_base"


class Marks(HTMLParser):
    """The marks of a built page, its list entries and the text inside each mark."""

    def __init__(self):
        super().__init__()
        self.marks, self.entries, self.record_links = [], {}, {}
        self.heading = False
        self._in_mark = None
        self._entry = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "fact-cite" in (a.get("class") or "").split():
            self._in_mark = dict(a, text="")
            self.marks.append(self._in_mark)
        if tag == "h2" and a.get("id") == page_sources.HEADING_ID:
            self.heading = True
        if tag == "li" and (a.get("id") or "").startswith("src-"):
            self._entry = a["id"]
            self.entries[a["id"]] = a
        if tag == "a" and self._entry and "#fact-" in (a.get("href") or ""):
            self.record_links[self._entry] = a["href"].split("#fact-", 1)[1]

    def handle_data(self, data):
        if self._in_mark is not None:
            self._in_mark["text"] += data

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_mark = None
        if tag == "li":
            self._entry = None


def scan(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    return parser


def list_problems(html: str, cited: set[str]) -> list[str]:
    """What is wrong with a built page's marks and source list, given the facts its source cites."""
    page = scan(html)
    problems = []
    if cited and not page.heading:
        problems.append("the page has no source list heading")
    for mark in page.marks:
        if mark["text"].strip():
            problems.append(f"mark {mark.get('id')} has text {mark['text']!r}: its number joins the figure")
        if mark.get("data-status") not in citations.STATUSES:
            problems.append(f"mark {mark.get('id')} has no status")
        target = (mark.get("href") or "").lstrip("#")
        if target not in page.entries:
            problems.append(f"mark {mark.get('id')} leads to {target!r}, which is not in the list")
        elif mark.get("data-n") != target[len("src-"):]:
            problems.append(f"mark {mark.get('id')} shows {mark.get('data-n')} but leads to {target}")
    ids = [m.get("id") for m in page.marks]
    if len(ids) != len(set(ids)):
        problems.append("two marks share an id")
    missing = cited - set(page.record_links.values())
    if missing:
        problems.append(f"the list misses {sorted(missing)}")
    return problems


def cited_ids(src: Path) -> set[str]:
    return {ref.id for ref in parse(src.read_text(encoding="utf-8"), src.name).fact_refs}


def test_marks_and_lists_of_the_fixture_site(fixture_site):
    result, site = fixture_site()
    assert result.returncode == 0, result.output
    for built, src in (("index.html", "index.md"), ("hi/index.html", "index.hi.md")):
        html = (site / built).read_text(encoding="utf-8")
        assert list_problems(html, cited_ids(BASE / "docs" / src)) == []
    en = (site / "index.html").read_text(encoding="utf-8")
    hi = (site / "hi" / "index.html").read_text(encoding="utf-8")
    # the mark is an empty link, numbered and with its fact's status; "$72 billion" stays apart
    assert re.search(r'\$72 billion<a class="fact-cite" id="cite-home-2" href="#src-2" data-n="2" '
                     r'data-status="confirmed"></a>', en)
    assert 'data-status="superseded"' in en  # capex-plan
    # the list is in the page's language: tooltip text, back link, legend
    assert 'data-tip="Source 2: Example, 28 January 2026"' in en
    assert 'data-tip="स्रोत 2: Example, 28 जनवरी 2026"' in hi
    assert "इस पन्ने के स्रोत" in hi and "पाठ पर लौटें" in hi
    assert '“<span lang="en">Results 2025</span>”' in hi and '<span lang="en">' not in en.split("sources-on-this-page")[1]
    for english in ("Source ", "back to the text", "Sources on this page", "reported, not confirmed",
                    "undated", "everything about"):
        assert english not in hi.split('<article', 1)[1].split('</article>', 1)[0], english
    # each entry writes out its source's URL and links to the fact's Sources entry
    assert '<a class="page-sources__url" href="https://example.org/results-2025">https://example.org/results-2025</a>' in en
    assert 'href="sources/#fact-capex-actual"' in en and 'href="sources/#fact-capex-actual"' in hi  # /hi/sources/
    # the script that names the marks and returns to them: only on pages with marks
    assert page_sources.SCRIPT in en and page_sources.SCRIPT in hi
    assert page_sources.SCRIPT not in (site / "sources" / "index.html").read_text(encoding="utf-8")
    # the Sources page explains the shapes, in its language
    sources_hi = (site / "hi" / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'class="cite-legend"' in sources_hi and "[1*]" in sources_hi and "पुष्ट" in sources_hi


def test_checker_finds_a_page_without_its_list_or_with_a_mark_number_in_text(fixture_site):
    """The checker above fails pages that break each rule."""
    result, site = fixture_site()
    html = (site / "index.html").read_text(encoding="utf-8")
    cited = cited_ids(BASE / "docs" / "index.md")
    start = html.index(f'<h2 id="{page_sources.HEADING_ID}"')
    no_list = html[:start] + html[html.index("</ol>", start) + 5:]
    assert any("no source list" in p for p in list_problems(no_list, cited))
    assert any("misses" in p for p in list_problems(no_list, cited))
    one_gone = re.sub(r'<li id="src-3".*?</li>', "", html, flags=re.S)
    assert any("src-3" in p for p in list_problems(one_gone, cited))
    assert any("misses ['launch-date']" in p for p in list_problems(one_gone, cited))
    old_style = html.replace('data-status="confirmed"></a>', 'data-status="confirmed">2</a>', 1)
    assert any("joins the figure" in p for p in list_problems(old_style, cited))


def test_a_page_citing_nothing_has_no_list(fixture_site):
    result, site = fixture_site(edits={
        "docs/index.md": "# Home\n\nNo figures here.\n",
        "docs/index.hi.md": "---\ntranslated_from: 8a704964dfd6\n---\n# होम\n\nयहाँ कोई आँकड़ा नहीं।\n"})
    html = (site / "index.html").read_text(encoding="utf-8")
    assert page_sources.HEADING_ID not in html and page_sources.SCRIPT not in html


def test_registry_strings_in_the_list_are_text(fixture_site):
    text = (BASE / "facts/registry.yaml").read_text(encoding="utf-8")
    hostile = text.replace("title: Results 2025", "title: '<b>Results</b> [x](fact:capex-plan) *y* _z_'", 1)
    assert hostile != text
    result, site = fixture_site(edits={"facts/registry.yaml": hostile})
    en = (site / "index.html").read_text(encoding="utf-8")
    entry = re.search(r'<li id="src-2".*?</li>', en, re.S).group(0)
    assert "<b>" not in entry and "&lt;b&gt;" in entry
    assert "<em>" not in entry and "fact-cite" not in entry  # no emphasis, no mark from the title
    assert list_problems(en, cited_ids(BASE / "docs" / "index.md")) == []


def test_numbers_marks_and_list_agree():
    """Marks and list number from the same function: first citation order, code left out."""
    registry, _ = load(BASE / "facts" / "registry.yaml", "facts/registry.yaml")
    md = ("`[](fact:launch-date)` in code\n\nA [](fact:capex-actual), B [](fact:capex-plan){.as-of}, "
          "C [](fact:capex-actual), D [](fact:nope)\n")
    assert citations.cite_numbers(md, registry) == {"capex-actual": 1, "capex-plan": 2}
    page = parse(md, "moe.md")
    out = citations.render_refs(page, md, registry, "sources/")
    assert re.findall(r'id="(cite-[^"]+)" href="#src-(\d)"', out) == [
        ("cite-moe-1", "1"), ("cite-moe-2", "2"), ("cite-moe-1-2", "1")]
    assert "`[](fact:launch-date)`" in out and "[](fact:nope)" in out
    listed = page_sources.source_list(page, md, registry, "sources/")
    assert re.findall(r'<li id="src-(\d)"', listed) == ["1", "2"]
    assert 'href="#cite-moe-1"' in listed and page_sources.SCRIPT in listed


@pytest.mark.parametrize("rel,slug", [("moe.md", "moe"), ("moe.hi.md", "moe"), ("index.md", "home"),
                                      ("llama4/index.hi.md", "llama4"), ("llama4/after.md", "llama4-after")])
def test_mark_ids_name_the_page_the_same_in_both_languages(rel, slug):
    assert citations.page_slug(parse("# x\n", rel)) == slug


def test_quote_facts_use_render_quote(monkeypatch):
    """render_refs hands quote facts to hooks/quotes.render_quote (imported, not looked up)."""
    registry, _ = load(BASE / "facts" / "registry.yaml", "facts/registry.yaml")
    fact = registry.facts["capex-actual"]
    monkeypatch.setattr(fact, "type", "quote", raising=False)
    md = "He said [](fact:capex-actual).\n"
    page = parse(md, "index.md")
    monkeypatch.setattr(citations, "render_quote", lambda f, lang: f"<q>QUOTE {f.id} {lang}</q>")
    out = citations.render_refs(page, md, registry, "sources/")
    assert "<q>QUOTE capex-actual en</q><a class=\"fact-cite\"" in out
