"""Titles are text (issue 25): front-matter strings, nav titles, nav_translations and site_name.

The source rules (hooks/checks/titles.py) name the line; the overrides (overrides/main.html's htmltitle,
overrides/partials/{header,nav,nav-item,footer,content}.html) print every title escaped. The build
test writes hostile strings into every front-matter string and every nav title of a fixture site
built with the project's own overrides, and parses every built page for live markup (not one
spelling of the output).
"""
from __future__ import annotations

import json
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from fixture_sites import ROOT, assemble, run_build
from hooks.checks import titles
from hooks.core.mdscan import parse

ATTR_BREAK = '" onmouseover="alert(11)'
TAG_BREAK = "</title><img src=x onerror=alert(12)>"
ATTR_LIST = '{: onclick="alert(13)" }'
PAYLOADS = (ATTR_BREAK, TAG_BREAK, ATTR_LIST)


def rules(found) -> list[tuple[str, int, str]]:
    return sorted((f.path, f.line, f.rule) for f in found)


# --- the source rules -------------------------------------------------------------------------

@pytest.mark.parametrize("title, rule", [
    ("Race </title><img src=x onerror=alert(3)>", "page-title-markup"),
    ("Race <b>bold</b>", "page-title-markup"),
    ("Race <!-- x -->", "page-title-markup"),
    ("Race &#106;avascript", "page-title-markup"),
    ("Race &lt;b&gt;", "page-title-markup"),
    ("Race since [](fact:chatgpt-launch-date)", "page-title-fact"),
    ("Race since [x]( fact: chatgpt-launch-date)", "page-title-fact"),
])
def test_front_matter_title_is_a_finding_at_its_line(title, rule):
    text = f'---\ndescription: x\ntitle: "{title}"\n---\n# Race\n'
    found = titles.check_page(parse(text, "race.md", "docs/race.md"))
    assert ("docs/race.md", 3, rule) in rules(found), found
    assert all(f.col == 8 for f in found)


@pytest.mark.parametrize("title", ["Race, then ChatGPT", "R&D and Q&As", "a < b, 3 > 2", "होड़ (2025)",
                                   '" onmouseover="x" (a quote is text)'])
def test_plain_titles_pass(title):
    text = f"---\ntitle: {title!r}\n---\n# Race\n".replace("\\'", "''")
    assert titles.check_page(parse(text, "race.md", "docs/race.md")) == []


def test_every_front_matter_string_is_read_nested_too():
    text = "---\ndescription: ok\nextra:\n  - sub: '<img src=x>'\nauthor: A &amp; B\n---\nx\n"
    assert rules(titles.check_page(parse(text, "a.md", "docs/a.md"))) == [
        ("docs/a.md", 4, "page-title-markup"), ("docs/a.md", 5, "page-title-markup")]


def test_front_matter_bidi_is_left_to_the_page_text_rule():
    # check_bidi reads the whole file, front matter included: no second finding here
    text = "---\ntitle: \"a\u202eb\"\n---\nx\n"
    assert titles.check_page(parse(text, "a.md", "docs/a.md")) == []


CONFIG = """site_name: "Fixture <b>x</b>"
nav:
  - Home: index.md
  - "The AI race since [](fact:chatgpt-launch-date)": race.md
  - Reference:
      - "\u202eecar IA\u202c": moe.md
      - Sources: sources.md
plugins:
  - i18n:
      languages:
        - locale: hi
          site_name: "ठीक"
          nav_translations:
            Home: "होम &amp; <i>x</i>"
            Sources: स्रोत
"""


def test_config_titles_each_class_at_its_line():
    assert rules(titles.check_config(CONFIG)) == [
        ("mkdocs.yml", 1, "page-title-markup"),
        ("mkdocs.yml", 4, "page-title-fact"),
        ("mkdocs.yml", 6, "content-bidi"),
        ("mkdocs.yml", 14, "page-title-markup"),
        ("mkdocs.yml", 14, "page-title-markup"),
    ]


def test_the_real_site_has_plain_titles():
    assert titles.check_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) == []


def test_not_yaml_is_left_to_its_own_rule():
    assert titles.check_config("nav: [unclosed\n") == []
    assert titles.check_page(parse("---\ntitle: [x\n---\nx\n", "a.md", "docs/a.md")) == []


# --- the built pages --------------------------------------------------------------------------

def live_markup(html: str) -> list[str]:
    """What a browser would act on that a hostile string could have written: an event-handler
    attribute, an element the payloads carry (img src=x), a script that alerts, a second title."""
    tree = LexborHTMLParser(html)
    live = []
    for node in tree.css("*"):
        for name, value in (node.attributes or {}).items():
            if name.lower().startswith("on"):
                live.append(f"<{node.tag} {name}={value!r}>")
        if node.tag == "img" and (node.attributes.get("src") or "") == "x":
            live.append("<img src=x>")
        if node.tag == "script" and (node.attributes.get("type") or "") == "application/ld+json":
            try:        # data, not code: whole (a payload that closed it would leave broken JSON)
                json.loads(node.text())
            except ValueError:
                live.append(f"broken JSON-LD {node.text()[:40]}")
        elif node.tag == "script" and "alert(" in (node.text() or ""):
            live.append(f"<script>{node.text()[:40]}")
    if len(tree.css("title")) > 1:
        live.append("two <title> elements")
    return live


def _front(text: str, strings: dict) -> str:
    lines = "".join(f"{k}: {v!r}\n".replace("\\'", "''") for k, v in strings.items())
    if text.startswith("---\n"):
        return "---\n" + lines + text[4:]
    return "---\n" + lines + "---\n" + text


@pytest.fixture(scope="module")
def hostile_titles(tmp_path_factory):
    base = tmp_path_factory.mktemp("titles")
    src = base / "src"
    config = assemble(None, src)
    payload = " ".join(PAYLOADS)
    for name in ("index.md", "index.hi.md", "sources.md", "sources.hi.md"):
        page = src / "docs" / name
        strings = {key: f"{key} {payload}" for key in ("title", "subtitle", "description", "author")}
        if name.startswith("sources"):
            del strings["title"]    # its title comes from the nav: the nav's payload
        page.write_text(_front(page.read_text(encoding="utf-8"), strings), encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    text = text.replace("site_name: Fixture", f"site_name: {('Fixture ' + payload)!r}".replace("\\'", "''"))
    text = text.replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n"
                        "  features:\n    - navigation.footer\n")
    text = text.replace("  - Sources: sources.md", f"  - {('Sources ' + payload)!r}: sources.md")
    text = text.replace("            language: hi\n",
                        "            language: hi\n          nav_translations:\n"
                        f"            {('Sources ' + payload)!r}: {('स्रोत ' + payload)!r}\n")
    config.write_text(text, encoding="utf-8")
    result = run_build(config, base / "site", strict=False)
    result.config = config
    return result, result.stdout + result.stderr, base / "site"


def test_hostile_titles_build_without_live_markup(hostile_titles):
    result, output, site = hostile_titles
    assert "Traceback" not in output, output[-3000:]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 4, output[-2000:]
    live = {str(p.relative_to(site)): live_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {k: v for k, v in live.items() if v} == {}
    # the payloads did reach the pages, as text: the title of the home page shows them
    home = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    assert "onerror=alert(12)" in home.css_first("title").text()
    assert "onerror=alert(12)" in home.css_first(".md-header__topic").text()


def test_hostile_titles_are_findings_at_their_lines(hostile_titles):
    result, output, site = hostile_titles
    found = set(re.findall(r"(\S+?):(\d+):\d+: (page-title-[a-z]+)", output))
    for name in ("index.md", "index.hi.md"):
        for line in (2, 3, 4, 5):     # title, subtitle, description, author
            assert (f"docs/{name}", str(line), "page-title-markup") in found, (name, line, output[-3000:])
    assert ("mkdocs.yml", "1", "page-title-markup") in found          # site_name
    nav_line = next(i for i, line in enumerate(result.config.read_text(encoding="utf-8").splitlines(), 1)
                    if line.startswith("  - 'Sources "))
    assert ("mkdocs.yml", str(nav_line), "page-title-markup") in found


def test_a_title_alone_fails_the_strict_build(fixture_site):
    result, _ = fixture_site(edits={"docs/index.md": '---\ntitle: "Home </title><img src=x onerror=alert(1)>"\n'
                                                     '---\n# Home\n'})
    assert result.returncode != 0
    assert "docs/index.md:2:8: page-title-markup" in result.output
