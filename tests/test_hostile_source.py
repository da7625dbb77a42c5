"""The source check reads raw HTML and Markdown as the browser and Python-Markdown do (issue 25;
../shared/reviews/2026-12-07/hostile.md, H01-H33): one tokenizer for raw HTML (hooks/core/htmltok.py),
attribute lists, every image form, character references decoded, a code masking that agrees
with Python-Markdown and superfences (a differential test against Markdown's own output over
the real pages and generated ones), and time linear in the input.
"""
from __future__ import annotations

import subprocess
import sys

import markdown
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from fixture_sites import ROOT
from hooks.checks import content_check
from hooks.core import htmltok
from hooks.core.mdscan import parse, read_pages

EVIL = "https://evil.example"

# (case, text appended to a page, rule, line of the finding in the text)
CASES = [
    ("H01 slash separator", f'<p><img/src="{EVIL}/slash.png" alt=""></p>', "content-third-party", 1),
    ("H02 indented line in a div", f'<div>\n\n    <img src="{EVIL}/indented.png" alt="">\n\n</div>',
     "content-third-party", 3),
    ("H03 escaped backticks", f'See \\`<img src="{EVIL}/tick.png" alt="">\\` here.', "content-third-party", 1),
    ("H04 iframe srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "content-script", 1),
    ("H05 meta refresh", f'<meta http-equiv="refresh" content="5;url={EVIL}/r">', "content-script", 1),
    ("H06 base", f'<base href="{EVIL}/">', "content-script", 1),
    ("H07 ping", f'<a href="#x" ping="{EVIL}/ping">x</a>', "content-third-party", 1),
    ("H08 svg image href", f'<svg><image href="{EVIL}/i.png"/></svg>', "content-third-party", 1),
    ("H08 feImage href", f'<svg><filter><feImage href="{EVIL}/f.png"/></filter></svg>', "content-third-party", 1),
    ("H09 image-set", f'<style>.x{{background:image-set("{EVIL}/s.png" 1x)}}</style>', "content-third-party", 1),
    ("H10 css escapes", '<style>.b{background:u\\72l(https://evil.example/e.png)}</style>', "content-third-party", 1),
    ("H10 escaped slashes", '<style>@import url(\\2f\\2f evil.example/esc.css);</style>', "content-third-party", 1),
    ("H11 entity in style", '<div style="background:url(&#47;&#47;evil.example/e.png)">x</div>',
     "content-third-party", 1),
    ("H12 entity scheme", '<a href="&#106;avascript:alert(1)">x</a>', "content-unsafe-link", 1),
    ("H12 colon entity", '<a href="javascript&colon;alert(3)">x</a>', "content-unsafe-link", 1),
    ("H12 tab in scheme", '<a href="java&Tab;script:alert(2)">x</a>', "content-unsafe-link", 1),
    ("H13 md link entity", "[read more](&#106;avascript:alert(document.domain))", "content-unsafe-link", 1),
    ("H14 backslash host", '<object data="https:\\\\evil.example\\obj.svg"></object>', "content-third-party", 1),
    ("H14 slash backslash", '<img src="/\\evil.example/b.png">', "content-third-party", 1),
    ("H15 entity in src", '<img src="&#104;ttps://evil.example/e.png">', "content-third-party", 1),
    ("H17 attr list handler", 'A paragraph.\n{: onclick="alert(1)" }', "content-script", 2),
    ("H17 attr list style", f'A paragraph.\n{{: style="background:url({EVIL}/a.png)" }}', "content-third-party", 2),
    ("H18 attr list src", f'![](../assets/img/x.svg){{: src="{EVIL}/attrlist-src.png" }}', "content-third-party", 1),
    ("H19 nested brackets", f"![a [b] c]({EVIL}/nested-alt.png)", "content-third-party", 1),
    ("H20 reference image", f"![logo][evil-ref]\n\n[evil-ref]: {EVIL}/ref-image.png", "content-third-party", 1),
    ("H20 collapsed reference", f"![evil-ref][]\n\n[Evil-Ref]: {EVIL}/ref-image.png", "content-third-party", 1),
    ("H21 comment ended early", f'<!--><img src="{EVIL}/c1.png" alt=""><!-- -->', "content-third-party", 1),
    ("H21 --!> ends a comment", f'<!-- x --!><img src="{EVIL}/c2.png" alt=""> -->', "content-third-party", 1),
    ("H22 animate href", '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>',
     "content-unsafe-link", 1),
    ("H23 form action", f'<form action="{EVIL}/collect"><button>x</button></form>', "content-third-party", 1),
    ("H31 unclosed fence", f'~~~\n<img src="{EVIL}/unclosed-fence.png" alt="">', "content-third-party", 2),
    ("H32 fence superfences refuses", f'~~~ x y\n<img src="{EVIL}/bad-info.png" alt="">\n~~~',
     "content-third-party", 2),
    ("H33 heading attr list", '## Handler heading {: onmouseover="alert(1)" #handler-heading }', "content-script", 1),
]


@pytest.mark.parametrize("name, text, rule, line", CASES, ids=[c[0] for c in CASES])
def test_each_review_case_is_a_finding_at_its_line(name, text, rule, line):
    page = parse("# Race\n\nSome text.\n\n" + text + "\n", "race.md", "docs/race.md")
    found = [(f.rule, f.line - 4) for f in content_check.check_page(page)]
    assert (rule, line) in found, found


@pytest.mark.parametrize("text", [
    "```html\n<img src=\"https://evil.example/in-code.png\">\n```",
    "~~~ py title=\"x\"\n<script>alert(1)</script>\n~~~",
    "Code:\n\n    <img src=\"https://evil.example/indented.png\">",
    "Inline `<img src=\"https://evil.example/inline.png\">` code.",
    "Escaped then code: \\\\`<img src=\"https://evil.example/x.png\">` code.",
    "<!-- <img src=\"https://evil.example/comment.png\"> -->",
    "<a href=\"https://example.org/page\">a link to another host is fine</a>",
    "{: #an-id .a-class }",
    "<img src=\"../assets/img/x.svg\" alt=\"a > b\">",
])
def test_code_comments_and_plain_links_are_not_findings(text):
    page = parse("# Race\n\n" + text + "\n", "race.md", "docs/race.md")
    assert content_check.check_resources(page) == []


def test_the_real_pages_have_no_findings_from_the_new_readings():
    pages = read_pages(ROOT / "docs", ROOT)
    assert [f.format() for p in pages.values() for f in content_check.check_resources(p)] == []


def test_a_200_kb_line_of_open_tags_is_read_in_linear_time():
    """The review's P06: one line of 'a <b ' (here 40,000 times, 200 KB). Run in a child process
    with a generous timeout: the quadratic patterns took minutes; it must simply finish."""
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from hooks.core.mdscan import parse, plain_text\n"
            "from hooks.checks import content_check, facts_check\n"
            "for text in ('a <b ' * 40000, '<a x=\"' * 30000, '![' * 60000, '{' * 100000, '](<' * 60000,\n"
            "             '<!-- ' * 40000, '`` ` ' * 40000, '<style>' * 20000, '<div>\\n' * 20000):\n"
            "    page = parse('# x\\n\\n' + text + '\\n', 'race.md', 'docs/race.md')\n"
            "    content_check.check_page(page); plain_text(page)\n"
            "print('done')\n") % str(ROOT)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "done", done.stderr[-2000:]


# --- the code masking agrees with Markdown --------------------------------------------------

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
              "pymdownx.superfences"]


def live_sources(html_text: str) -> set[str]:
    """The img sources a browser would load from Markdown's output."""
    return {t.get("src") for t in htmltok.tokens(html_text) if t.name == "img" and not t.closing and t.get("src")}


def scanned_sources(text: str) -> set[str]:
    page = parse(text, "x.md", "docs/x.md")
    return {t.get("src") for t in htmltok.tokens(page.prose) if t.name == "img" and not t.closing and t.get("src")}


def markdown_sources(text: str) -> set[str]:
    return live_sources(markdown.markdown(text, extensions=EXTENSIONS))


def _img(n: int) -> str:
    return f'<img src="u{n}.png" alt="">'


# Blocks a page is made of, each holding one img marker: code to Markdown or not.
BLOCKS = [
    lambda n: f"```\n{_img(n)}\n```",
    lambda n: f"~~~ py\n{_img(n)}\n~~~",
    lambda n: f"~~~ x y\n{_img(n)}\n~~~",
    lambda n: f"~~~\n{_img(n)}",                              # unclosed: text
    lambda n: f"```\n{_img(n)}\n~~~",                         # wrong closer: text
    lambda n: f"    {_img(n)}",                               # indented code
    lambda n: f"<div>\n\n    {_img(n)}\n\n</div>",            # raw HTML, indented
    lambda n: f"<div markdown>\n\n{_img(n)}\n\n</div>",
    lambda n: f"Text `{_img(n)}` text.",
    lambda n: f"Text \\`{_img(n)}\\` text.",
    lambda n: f"Text ``{_img(n)}`` and `` ` `` too.",
    lambda n: f"Text {_img(n)} text.",
    lambda n: f"<!-- {_img(n)} -->",
    lambda n: f"<!-->{_img(n)}",
    lambda n: f"- item\n\n    {_img(n)}",                     # a list item's paragraph, not code
    lambda n: f'!!! note\n\n    {_img(n)}',                   # an admonition's body
    lambda n: f"> quoted {_img(n)}",
]


def _page(choices) -> str:
    return "# Page\n\n" + "\n\n".join(BLOCKS[b](i) for i, b in enumerate(choices)) + "\n"


@pytest.mark.parametrize("block", range(len(BLOCKS)))
def test_each_block_alone_agrees_with_markdown(block):
    text = _page([block])
    assert scanned_sources(text) == markdown_sources(text), text


@hsettings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=len(BLOCKS) - 1), min_size=1, max_size=6))
def test_generated_pages_hide_nothing_markdown_passes(choices):
    """Whatever Markdown passes through as live HTML, the scanner reads (it never takes for code
    what Markdown does not). The other way it may read a little more: Markdown's code spans can
    run over lines (a ``` pair after an unclosed fence), which the scanner reads line by line."""
    text = _page(choices)
    assert markdown_sources(text) <= scanned_sources(text), text


def test_the_real_pages_agree_with_markdown():
    """Every real page: the raw HTML sources (img/src, a/href) the scanner reads are the ones
    Markdown's output carries (the hooks' own inserts are not in the source)."""
    for file in sorted((ROOT / "docs").rglob("*.md")):
        text = file.read_text(encoding="utf-8")
        page = parse(text, file.name, str(file))
        scanned = {(t.name, a.value) for t in htmltok.tokens(page.prose) if not t.closing
                   for a in t.attrs if a.name in ("src", "href")}
        body = text[len(text) - len(text.lstrip()):]
        out = {(t.name, a.value) for t in htmltok.tokens(markdown.markdown(body, extensions=EXTENSIONS))
               if not t.closing for a in t.attrs if a.name in ("src", "href")}
        raw = {pair for pair in out if pair[0] not in ("a", "img")} | \
              {pair for pair in out if pair in scanned}
        assert scanned <= out | {p for p in scanned if p[1].startswith("fact:")}, (file, scanned - out)
        assert raw <= scanned | {p for p in out if p[0] in ("a", "img")}, file


def test_a_fact_reference_hidden_by_the_old_masking_is_read():
    """The same masking feeds the fact checks: a reference after escaped backticks is read."""
    page = parse("# x\n\nSee \\`[](fact:no-such-fact)\\` here.\n", "x.md", "docs/x.md")
    assert [r.id for r in page.fact_refs] == ["no-such-fact"]
    page = parse("# x\n\n~~~\n[](fact:no-such-fact)\n", "x.md", "docs/x.md")
    assert [r.id for r in page.fact_refs] == ["no-such-fact"]
