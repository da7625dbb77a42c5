"""The built-HTML policy check (hooks/checks/html_policy.py) judged against its specification
(tests/policy_spec.py): every URL form in every place, whole elements, and property tests that put
arbitrary mixes of those fragments, entity-encoded and case-changed, into a page. Then the
Content-Security-Policy it fills in, where findings are placed, and its time per page."""
from __future__ import annotations

import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from hooks.checks import html_policy
from policy_spec import ELEMENTS, OWN, PLACES, URLS, expected, fits

PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body>\n{}\n</body></html>"


def rules(fragment: str) -> set[str]:
    report = html_policy.judge_page(PAGE.format(fragment), {OWN})
    return {v.rule for v in report.violations}


def _fits(url: str, template: str, place: str) -> bool:
    if not fits(url, place):
        return False
    # inside a srcset, whitespace ends a URL (the rest is its descriptor)
    return not ("srcset" in template and any(c in url for c in " \t\n\r\f"))


CASES = [(template, place, url, cls) for template, place in PLACES for url, cls in URLS
         if _fits(url, template, place)]


def test_every_url_form_in_every_place():
    assert len(CASES) > 1000
    wrong = []
    for template, place, url, cls in CASES:
        want = {expected(cls, place, url)} - {None}
        got = rules(template.format(u=url))
        if got != want:
            wrong.append(f"{template.format(u=url)!r}: {sorted(got)}, the specification says {sorted(want)}")
    assert not wrong, f"{len(wrong)} of {len(CASES)}:\n" + "\n".join(wrong[:40])


@pytest.mark.parametrize("fragment,want", ELEMENTS, ids=[e[0][:60] for e in ELEMENTS])
def test_element(fragment, want):
    assert rules(fragment) == want


# ------------------------------------------------------------------ property tests

def _entity(c: str, how: int) -> str:
    named = {":": "&colon;", "\t": "&Tab;", "\n": "&NewLine;", "/": "&sol;", ".": "&period;",
             "(": "&lpar;", ")": "&rpar;", "\\": "&bsol;"}
    if how == 0:
        return f"&#{ord(c)};"
    if how == 1:
        return f"&#x{ord(c):X};"
    if how == 2:
        return f"&#0000{ord(c)}"          # no semicolon, leading zeros: still decoded
    return named.get(c, f"&#{ord(c)};")


@st.composite
def fragments(draw):
    """A fragment from the specification, with its expected rules: a URL in a place (its value
    entity-encoded in parts, attribute names in any case) or a whole element."""
    if draw(st.booleans()):
        fragment, want = draw(st.sampled_from(ELEMENTS))
        return fragment, set(want)
    template, place, url, cls = draw(st.sampled_from(CASES))
    in_attribute = not template.startswith("<style>")
    if in_attribute:
        hows = draw(st.lists(st.integers(min_value=-1, max_value=3), min_size=len(url), max_size=len(url)))
        out = []
        for i, (c, how) in enumerate(zip(url, hows)):
            nxt = url[i + 1:i + 2]
            # a numeric reference without ";" must not run into a following digit or letter
            how = 0 if how == 2 and (nxt.isalnum() or nxt == ";") else how
            out.append(c if how < 0 or c in "&;" else _entity(c, how))
        written = "".join(out)
    else:
        written = url
    fragment = template.format(u=written)
    if in_attribute and draw(st.booleans()):
        fragment = re.sub(r" ([a-z:-]+)=", lambda m: " " + m.group(1).upper() + "=", fragment)
    return fragment, {expected(cls, place, url)} - {None}


PROSE = st.text(alphabet=st.characters(blacklist_characters="<&\x00\r", blacklist_categories=("Cs",)),
                max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(PROSE, fragments()), min_size=1, max_size=4), PROSE)
def test_any_mix_of_fragments_gets_the_specified_verdict(parts, tail):
    """Arbitrary fragments in a page, among arbitrary text: the check finds exactly the rules
    the specification gives the fragments."""
    html = "".join(f"<p>{text}</p>{fragment}" for text, (fragment, _) in parts) + f"<p>{tail}</p>"
    want = set().union(*(w for _, (_, w) in parts))
    assert rules(html) == want, html


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_judged_without_error(text):
    """Whatever the bytes, a verdict and no exception (a page is never skipped)."""
    report = html_policy.judge_page(text, {OWN}, require_csp=True)
    assert isinstance(report.violations, list)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_urls_parse_without_error_and_stay_relative_without_scheme_or_slashes(value):
    url = html_policy.parse_url(value)
    stripped = value.strip("".join(chr(i) for i in range(0x21))).replace("\t", "").replace("\n", "").replace("\r", "")
    if ":" not in stripped and not re.match(r"[/\\]{2}", stripped):
        assert url == html_policy.URL("", "")


def test_css_escapes_and_comments_do_not_hide_a_url():
    assert html_policy.css_urls(r"a{b:u\72l(https://e.example/x)}") == ["https://e.example/x"]
    assert html_policy.css_urls(r"@import url(\2f\2f e.example/x.css);") == ["//e.example/x.css"]
    assert "https://e.example/c.css" in html_policy.css_urls('@import/**/"https://e.example/c.css";')
    assert "https://e.example/k.png" in html_policy.css_urls('a{content:"/*"} b{background:url(https://e.example/k.png)} /*"*/')


def test_srcset_candidates():
    assert html_policy.srcset_urls("a.png 1x, //e.example/b.png 2x") == ["a.png", "//e.example/b.png"]
    assert html_policy.srcset_urls("data:image/png;base64,AA,BB 1x,c.png") == ["data:image/png;base64,AA,BB", "c.png"]
    assert html_policy.srcset_urls("a.png,b.png") == ["a.png,b.png"]


# ------------------------------------------------------------------ the theme's own, on the list

def test_the_sites_inline_scripts_are_on_the_list_with_reasons():
    names = [name for name, reason, _ in html_policy.inline_scripts()]
    assert len(names) == len(set(names))
    assert all(len(reason) > 30 for _, reason, _ in html_policy.inline_scripts())
    assert all(len(reason) > 20 for _, reason in html_policy.SCRIPT_FILES)
    scope = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
             '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
             '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
    assert html_policy.allowed_script(scope) == "material-scope"
    # the same script with anything else in its one variable is not
    assert html_policy.allowed_script(scope.replace('"../.."', '"x",alert(1),"')) is None
    assert html_policy.allowed_script(scope + ";alert(1)") is None


# ------------------------------------------------------------------ the Content-Security-Policy

META = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\' '
        "'inline-script-hashes'; style-src 'self' 'inline-style-hashes'; base-uri 'none'\">")
TABBED = ('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
          '(target.checked=target.name.startsWith("__tabbed_"))')


def _page(head: str, body: str) -> str:
    return f'<!doctype html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


def test_csp_filled_with_the_hashes_of_listed_scripts_only():
    text = _page(META, f'<p style="color:red">x</p><style>.a{{color:red}}</style><style>.b{{background:url(//e.example/x)}}</style>'
                       f'<script>{TABBED}</script><script>alert(1)</script>')
    report = html_policy.judge_page(text, {OWN}, require_csp=True, csp_filled_later=True)
    # alert(1), not the listed one; the <style> that loads from another host
    assert sorted(v.rule for v in report.violations) == ["html-script", "html-third-party"]
    filled = html_policy.fill_csp(text, report)
    import base64
    import hashlib
    listed = "'sha256-" + base64.b64encode(hashlib.sha256(TABBED.encode()).digest()).decode() + "'"
    refused = "'sha256-" + base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode() + "'"
    style = "'sha256-" + base64.b64encode(hashlib.sha256(b".a{color:red}").digest()).decode() + "'"
    attribute = "'sha256-" + base64.b64encode(hashlib.sha256(b"color:red").digest()).decode() + "'"
    assert f"script-src 'self' {listed};" in filled
    assert refused not in filled
    # the style attribute and the clean <style> element by their hashes, the other not
    assert f"style-src 'self' 'unsafe-hashes' {attribute} {style};" in filled
    again = html_policy.judge_page(filled, {OWN}, require_csp=True)
    assert sorted(v.rule for v in again.violations) == ["html-script", "html-third-party"]


def test_csp_problems():
    def csp(text):
        return [v.message for v in html_policy.judge_page(text, {OWN}, require_csp=True).violations
                if v.rule == "html-csp"]
    assert csp(_page("", "")) == ["has no Content-Security-Policy meta"]
    assert any("before its Content-Security-Policy" in m
               for m in csp(_page(f'<script src="assets/js/lang-switch.js"></script>{META}', "")))
    assert any("never filled" in m for m in csp(_page(META, "")))
    lacking = META.replace("'inline-script-hashes'", "").replace("'inline-style-hashes'", "")
    assert any("lacks" in m for m in csp(_page(lacking, f"<script>{TABBED}</script>")))
    unsafe = lacking.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    assert any("unsafe-inline" in m for m in csp(_page(unsafe, "")))
    assert any("outside <head>" in m for m in csp(_page("", lacking)))
    assert csp(_page(lacking, "")) == []


def test_the_project_template_declares_the_policy():
    root = Path(__file__).resolve().parent.parent
    assert html_policy.declares_csp(root / "overrides")
    assert not html_policy.declares_csp(None)
    template = (root / "overrides" / "main.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="(.*)">\n', template).group(1)
    for directive in ("object-src 'none'", "default-src 'none'", "form-action 'none'", "font-src 'self'",
                      "connect-src 'self'", "img-src 'self' data:"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # the meta is the first thing after charset and viewport: before any script of the theme
    block = template[template.index("{% block site_meta %}"):]
    assert block.index("Content-Security-Policy") < block.index("{% if page.meta and page.meta.description")


# ------------------------------------------------------------------ where a finding is reported

def test_finding_placed_at_the_source_line_or_the_built_file(tmp_path):
    site = tmp_path / "site"
    (site / "race").mkdir(parents=True)
    (site / "hi" / "race").mkdir(parents=True)
    body = '<p>x</p>\n<img src="https://evil.example/a.png" alt="">'
    (site / "race" / "index.html").write_text(_page("", body), encoding="utf-8")
    (site / "hi" / "race" / "index.html").write_text(_page("", '<a href="#">x</a>\n<p onclick="go()">y</p>'),
                                                    encoding="utf-8")
    page = SimpleNamespace(path="docs/race.md", rel="race.md", lang="en", twin_key="race.md",
                           text="# Race\n\nSome text.\n\n<img src=\"https://evil.example/a.png\" alt=\"\">\n")
    found = html_policy.check_site(site, {"race.md": page}, ["en", "hi"], "https://example.github.io/x/")
    by_path = {f.path: f for f in found}
    assert by_path["docs/race.md"].line == 5 and by_path["docs/race.md"].rule == "html-third-party"
    assert "race/index.html" in by_path["docs/race.md"].message
    # the Hindi page has no twin: it is the English page, whose text has no handler: the built file
    built = by_path[str(site / "hi" / "race" / "index.html")]
    assert built.rule == "html-handler" and built.line == 2
    assert "theme or the hooks" in built.message


# ------------------------------------------------------------------ the real site, and the budget

@pytest.fixture(scope="module")
def real_pages(built_site):
    return {p.relative_to(built_site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(built_site.rglob("*.html"))}


def test_the_real_site_passes(built_site):
    assert html_policy.check_site(built_site, None, ["en", "hi"], "https://example.github.io/llama4-explainer/",
                                  require_csp=True) == []


def test_two_milliseconds_a_page(real_pages):
    """Issue 24's budget: at most 2 ms of CPU a page (parse and judgement; best of 7 rounds over
    the real site's pages, in CPU time). Measured 1.5 to 2.1 ms at loads 4 to 6 on 2 cores. A
    machine busy enough to slow lexbor itself past the budget still holds the check to twice the
    least any check of every element costs (parse, walk, read each element's attributes),
    measured in the same rounds: a rule that scans each page again, or grows with its square,
    fails it."""
    from selectolax.lexbor import LexborHTMLParser

    def floor(text):
        for node in LexborHTMLParser(text).root.traverse(include_text=False):
            _ = node.attributes

    def judge(text):
        html_policy.judge_page(text, {OWN}, require_csp=True)

    best = {floor: float("inf"), judge: float("inf")}
    for _ in range(7):
        for run in best:
            start = time.process_time()
            for text in real_pages.values():
                run(text)
            best[run] = min(best[run], (time.process_time() - start) / len(real_pages))
    judged, least = best[judge], best[floor]
    assert judged < max(0.002, 2 * least), f"{judged * 1000:.2f} ms a page (the floor {least * 1000:.2f} ms)"


def test_check_site_fills_the_hashes_and_the_dev_server_drops_the_meta(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    text = _page(META, f"<script>{TABBED}</script>")
    page.write_text(text, encoding="utf-8")
    assert html_policy.check_site(site, require_csp=True, fill=True) == []
    filled = page.read_text(encoding="utf-8")
    assert html_policy.CSP_PLACEHOLDER_SCRIPTS not in filled and "'sha256-" in filled
    assert html_policy.check_site(site, require_csp=True) == []          # as hooks check --site sees it
    page.write_text(text, encoding="utf-8")
    assert html_policy.check_site(site, require_csp=True, drop=True) == []
    assert "Content-Security-Policy" not in page.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    assert [f.rule for f in html_policy.check_site(site, require_csp=True)] == ["html-csp"]   # never filled
