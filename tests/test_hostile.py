"""Hostile and broken input: markup in the registry comes out as text, and every bad file or
field is a finding at its line (never a traceback, never a silent pass)."""
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from hooks.checks import content_check
from hooks.facts import registry
from hooks.core.mdscan import parse, twins

from fixture_sites import ROOT, assemble, run_build

BASE = Path(__file__).parent / "sites" / "_base"
PAYLOAD = "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)> } {: onclick=a }"


class LiveMarkup(HTMLParser):
    """Collects what a browser would run: event handlers, javascript: URLs, script text."""

    def __init__(self):
        super().__init__()
        self.live, self.in_script = [], False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.live.append(f"<{tag} {name}={value}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.live.append("<img src=x>")

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.live.append(data[:60])

    def handle_endtag(self, tag):
        self.in_script = False


def live_markup(html: str) -> list:
    parser = LiveMarkup()
    parser.feed(html)
    return parser.live

# Every string field of the base registry, as the text that follows it on its line.
FIELDS = ["en: Spending", "en: The 2025 spending plan", "title: Results", "publisher: Example"]


@pytest.mark.parametrize("field", FIELDS)
def test_markup_in_a_registry_field_is_published_as_text(fixture_site, field):
    text = (BASE / "facts/registry.yaml").read_text(encoding="utf-8")
    key = field.split(":")[0]
    hostile = text.replace(field, f"{key}: '{PAYLOAD}'", 1)
    assert hostile != text
    result, site = fixture_site(edits={"facts/registry.yaml": hostile})
    assert "Traceback" not in result.output
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not live_markup(html), f"{page}: {live_markup(html)}"
    sources = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in sources  # shown, as text


def load_text(tmp_path, text: str):
    path = tmp_path / "registry.yaml"
    path.write_text(text, encoding="utf-8") if isinstance(text, str) else path.write_bytes(text)
    return registry.load(path, "facts/registry.yaml")


BASE_TEXT = (BASE / "facts/registry.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit,rule,says", [
    (lambda t: "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi")) + t, "registry-alias", "anchors and aliases"),
    (lambda t: t.replace("value: 72.22", "value: NaN"), "registry-field", "not a finite number"),
    (lambda t: t.replace("value: 72.22", "value: 1e999"), "registry-field", "not a finite number"),
    (lambda t: t.replace("    status: superseded\n", "    notes: x\n    status: superseded\n", 1),
     "registry-unknown-field", "did you mean 'note'"),
    (lambda t: t.replace("superseded_by: capex-actual", "superseded_by: capex-plan"),
     "registry-field", "names the fact itself"),
    (lambda t: t.replace("topics:\n  capex:\n    en: Spending\n    hi: ख़र्च\n",
                         "topics:\n  - capex\n"), "registry-field", "must be a map"),
    (lambda t: t.replace("url: https://example.org/results", 'url: https://example.org/"onmouseover=x'),
     "registry-source", "without spaces, quotes or brackets"),
])
def test_registry_problem_is_one_finding_at_its_line(tmp_path, edit, rule, says):
    text = edit(BASE_TEXT)
    assert text != BASE_TEXT
    start = time.monotonic()
    _, findings = load_text(tmp_path, text)
    assert time.monotonic() - start < 1.0
    matching = [f for f in findings if f.rule == rule and says in f.message + f.hint]
    assert matching, [f.format() for f in findings]
    assert all(f.path == "facts/registry.yaml" and f.line >= 1 for f in findings)


def test_registry_not_utf8_names_the_line(tmp_path):
    data = BASE_TEXT.encode("utf-8").replace(b"publisher: Example", b"publisher: Ex\xe9ample", 1)
    reg, findings = load_text(tmp_path, data)
    line = BASE_TEXT[:BASE_TEXT.index("publisher: Example")].count("\n") + 1
    assert [(f.rule, f.line) for f in findings] == [("registry-encoding", line)]
    assert reg.unreadable


def test_supersession_cycle_is_found(tmp_path):
    text = BASE_TEXT.replace("    status: confirmed\n", "    status: superseded\n    superseded_by: capex-plan\n", 1)
    assert text != BASE_TEXT
    _, findings = load_text(tmp_path, text)
    assert any("comes back to itself" in f.message for f in findings), [f.format() for f in findings]


@pytest.mark.parametrize("page,rule", [
    ("---\ntitle: x\n\n# Page\n", "page-front-matter"),
    ("---\ntranslated_from: [abc\n---\n# Page\n", "page-front-matter"),
    ("# Page\n\nLater [this](fact:a-b ) month.\n", "fact-syntax"),
    ("# Page\n\nLater [this](fact: a-b) month.\n", "fact-syntax"),
    ("# Page\n\nLater [this [x] month](fact:a-b).\n", "fact-syntax"),
    ('# Page\n\n<script src="https://evil.example/x.js"></script>\n', "content-third-party"),
    ('# Page\n\n<img srcset="a.png 1x, //cdn.example/b.png 2x" alt="">\n', "content-third-party"),
    ('# Page\n\n<div style="background:url(https://t.example/p.gif)">x</div>\n', "content-third-party"),
    ("# Page\n\n<style>@import 'https://fonts.example/css';</style>\n", "content-third-party"),
    ('# Page\n\n<link rel="stylesheet" href="https://fonts.example/css">\n', "content-third-party"),
    ('# Page\n\n<video poster="https://t.example/p.jpg"></video>\n', "content-third-party"),
    ("# Page\n\n![t](https://t.example/p.gif)\n", "content-third-party"),
    ("# Page\n\n[details](javascript:alert(1))\n", "content-unsafe-link"),
    ('# Page\n\n<a href="data:text/html,x">x</a>\n', "content-unsafe-link"),
    ('# Page\n\n<b onclick="x()">x</b>\n', "content-script"),
    ("# Page\n\nA \u202etxt.exe\n", "content-bidi"),
    ("# Page\n\nzero\u200bwidth\n", "text-invisible"),
    ("# Page\n\nsoft\u00adhyphen\n", "text-invisible"),
    ("# Page\n\ncafe\u0301 is not NFC\n", "text-nfc"),
])
def test_page_problem_is_a_finding(page, rule):
    findings = content_check.check_page(parse(page, "p.md", "docs/p.md"))
    assert any(f.rule == rule and f.path == "docs/p.md" for f in findings), [f.format() for f in findings]


def test_english_byte_order_mark_is_harmless_but_hindi_is_linted_once():
    assert content_check.check_page(parse("\ufeff# Page\n", "p.md", "docs/p.md")) == []
    hindi = content_check.check_page(parse("# पन्ना\n\nशून्य\u200bचौड़ाई\n", "p.hi.md", "docs/p.hi.md"))
    assert not any(f.rule.startswith("text-") for f in hindi)  # the Hindi lint reports it as hi-invisible


def test_safe_page_has_no_content_findings():
    page = ('# Page\n\n[Meta](https://ai.meta.com/) and ![d](assets/img/a.svg)\n\n'
            '<a href="https://example.org/">x</a> [a fact](fact:a-b)\n\n    [](fact:not-read)\n')
    assert content_check.check_page(parse(page, "p.md", "docs/p.md")) == []


def test_indented_code_is_code_but_list_content_is_not():
    code = parse("# P\n\nText.\n\n    [](fact:in-code)\n", "p.md")
    assert code.fact_refs == []
    item = parse("# P\n\n- item\n\n    [](fact:in-list)\n", "p.md")
    assert [r.id for r in item.fact_refs] == ["in-list"]


@settings(max_examples=150, deadline=1000)
@given(st.binary(max_size=400))
def test_registry_loader_never_raises_on_bytes(data):
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.yaml"
        path.write_bytes(data)
        _, findings = registry.load(path, "facts/registry.yaml")
    assert all(f.path == "facts/registry.yaml" and f.line >= 1 for f in findings)


@settings(max_examples=150, deadline=1000)
@given(st.lists(st.sampled_from(list("-:[](){}<>*&!#`\n x=fact\"'\u202e") + ["---\n", "    "]), max_size=120).map("".join))
def test_page_scanner_never_raises(text):
    page = parse(text, "p.md", "docs/p.md")
    for f in content_check.check_page(page):
        assert f.path == "docs/p.md" and f.line >= 1 and f.col >= 1


def test_page_not_utf8_is_a_finding_at_its_line(tmp_path):
    from hooks.core.mdscan import read_page
    file = tmp_path / "p.md"
    file.write_bytes(b"# Page\n\ncaf\xe9\n")
    findings = content_check.check_page(read_page(file, "p.md", "docs/p.md"))
    assert [(f.rule, f.line, f.col) for f in findings] == [("page-encoding", 3, 4)]


# ---------------------------------------------------------------- the rest of the review's cases

def test_a_repeated_id_is_a_finding_at_the_line_that_repeats_it(fixture_site):
    pages = {}
    for rel, heading in (("docs/index.md", "## Again {#again}\n\nText.\n\n"),
                         ("docs/index.hi.md", "## फिर से {#again}\n\nपाठ।\n\n")):
        text = (BASE / rel).read_text(encoding="utf-8")
        pages[rel] = text + "\n" + heading + '<div id="again" markdown>\n\nx\n\n</div>\n'
    result, _ = fixture_site(edits=pages)
    assert result.returncode == 1 and "Traceback" not in result.output
    line = pages["docs/index.md"].splitlines().index('<div id="again" markdown>') + 1
    assert f"docs/index.md:{line}:5: page-duplicate-id: the id 'again'" in result.output, result.output


def test_repeated_ids_unit():
    from hooks.checks import html_ids
    html = '<h2 id="a">x</h2><span id=\'a\'></span><p id="b"></p><i id=c></i><i id=c></i>'
    assert html_ids.repeated_ids(html) == ["a", "c"]
    assert html_ids.where_written("x\n## H {#a}\n", "a") == (2, 6)


def test_a_folder_link_into_itself_stops_the_build_with_a_message(fixture_site, tmp_path):
    import os
    config = assemble(None, tmp_path / "loop")
    os.symlink(".", tmp_path / "loop" / "docs" / "again")
    result = run_build(config, tmp_path / "loop-site")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "docs/again:1:1: page-symlink-loop" in output and "Traceback" not in output, output


def test_not_translated_entries_name_untranslated_english_pages():
    from hooks.checks import parity
    pages = {rel: parse("# T\n", rel, f"docs/{rel}") for rel in ("a.md", "b.md", "b.hi.md")}
    config = "extra:\n  checks:\n    not_translated:\n      - a.md\n      - b.md\n      - nope.md\n"
    found = parity.check_not_translated(twins(pages), ("a.md", "b.md", "nope.md"), config)
    assert [(f.rule, f.line, f.severity) for f in found] == [
        ("i18n-not-translated-done", 5, "warning"), ("i18n-not-translated-unknown", 6, "error")]


def test_a_page_in_an_unknown_language_is_one_finding():
    from hooks.checks import parity
    pages = {rel: parse("# T\n", rel, f"docs/{rel}") for rel in ("g.md", "g.hi.md", "g.fr.md")}
    found = parity.check_languages(pages) + parity.check_missing(twins(pages))
    assert [f.rule for f in found] == ["i18n-unknown-language"]


def test_a_site_without_its_published_address_is_a_finding(fixture_site):
    text = (BASE / "mkdocs.yml").read_text(encoding="utf-8")
    result, _ = fixture_site(edits={"mkdocs.yml": re.sub(r"(?m)^site_url:.*\n", "", text)})
    assert result.returncode == 1
    assert "mkdocs.yml:1:1: config-site-url: site_url is missing" in result.output, result.output


def test_the_build_says_how_many_problems_the_checks_found(fixture_site):
    """MkDocs counts each language pass's warnings apart (review case 106): the checks say the total."""
    pages = {rel: (BASE / rel).read_text(encoding="utf-8") + "\n\nSee [x](nope.md).\n"
             for rel in ("docs/index.md", "docs/index.hi.md")}
    pages["docs/index.md"] = pages["docs/index.md"].replace("(fact:launch-date)", "(fact:launch-datez)")
    result, _ = fixture_site(edits=pages)
    listed = len(re.findall(r"ERROR   -  checks: ", result.output))
    assert listed >= 3, result.output
    assert f"the checks found {listed} errors and " in result.output, result.output


def test_front_matter_reaches_the_head_as_text(fixture_site):
    """A page's description and author land in attributes of the site's own templates, escaped."""
    config = (BASE / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n")
    hostile = "---\ndescription: 'x\"><script>alert(1)</script>'\nauthor: 'a\" onload=\"alert(2)'\n---\n"
    pages = {"docs/index.md": hostile + (BASE / "docs/index.md").read_text(encoding="utf-8")}
    result, site = fixture_site(edits={"mkdocs.yml": config, **pages}, strict=False)
    assert "Traceback" not in result.output
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'content="x&#34;&gt;&lt;script&gt;' in html or 'content="x&quot;&gt;&lt;script&gt;' in html, html[:3000]
    assert not live_markup(html), live_markup(html)
