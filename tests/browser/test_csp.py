"""The Content-Security-Policy proven in a browser (issue 24): every page of both languages and
both 404 pages, with search, the MoE calculator, the step-through, the language switch and the
dark scheme exercised, gives no securitypolicyviolation event, no Content-Security-Policy
message on the console, and no request to another host."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

import weigh

# Recorded before any of the page's own scripts run (an init script is not subject to the CSP).
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at '
    + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + (e.sample || '').slice(0, 80));
}, true);
"""
SEARCH_WORDS = {"": "Llama", "hi/": "MoE"}


@pytest.fixture(scope="module")
def audit(browser, site_url):
    """A context with the real search worker that records, across all its pages and workers,
    requests to another host and console messages about the policy."""
    own = urlparse(site_url).netloc
    seen = {"requests": [], "console": []}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    context.add_init_script(WATCH)

    def on_request(request):
        url = urlparse(request.url)
        if url.scheme not in ("data", "blob", "about") and url.netloc != own:
            seen["requests"].append(request.url)

    def on_console(message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            seen["console"].append(f"{message.type}: {text[:300]}")

    context.on("request", on_request)
    context.on("console", on_console)
    yield context, seen
    context.close()


def _problems(page, seen, where: str) -> list[str]:
    found = [f"{where}: violation: {v}" for v in page.evaluate("window.__cspViolations || []")]
    found += [f"{where}: console: {c}" for c in seen["console"]]
    found += [f"{where}: request to another host: {r}" for r in seen["requests"]]
    seen["console"].clear()
    seen["requests"].clear()
    return found


def _scroll_through(page):
    """Down the whole page (lazy scripts load near their widgets), then back up."""
    page.evaluate("""() => new Promise(done => {
        let y = 0;
        const step = () => { y += 800; window.scrollTo(0, y);
            if (y < document.body.scrollHeight) setTimeout(step, 30); else { window.scrollTo(0, 0); done(); } };
        step(); })""")


def _toggle_scheme(page):
    """Click the header's palette toggle (to dark, and back)."""
    for _ in range(2):
        toggle = page.locator("form[data-md-component=palette] label:visible").first
        if toggle.count():
            toggle.click()
            page.wait_for_timeout(50)


def test_csp_meta_on_every_page(site_dir):
    """Every built HTML file carries the policy, filled in, before any script."""
    from hooks.checks import html_policy

    missing = []
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        head = text[: text.find("<script")]
        if 'http-equiv="Content-Security-Policy"' not in head or html_policy.CSP_PLACEHOLDER_SCRIPTS in text:
            missing.append(path.relative_to(site_dir).as_posix())
    assert not missing, f"pages without a filled CSP meta before their first script: {missing}"


def test_every_page_runs_within_its_policy(audit, site_dir, site_url):
    context, seen = audit
    pages = weigh.html_pages(site_dir) + ["no-such-page/", "hi/no-such-page/"]
    assert any(p.startswith("hi/") for p in pages) and any(not p.startswith("hi/") for p in pages)
    problems = []
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        for rel in pages:
            page.goto(site_url + rel, wait_until="load")
            _scroll_through(page)
            _toggle_scheme(page)
            if rel in SEARCH_WORDS:
                field = page.locator("input.md-search__input")
                field.click()
                field.fill(SEARCH_WORDS[rel])
                page.keyboard.press("End")
                page.wait_for_selector(".md-search-result__item", state="attached")
                problems += _problems(page, seen, f"/{rel} (search)")
                # Enter opens the first result by script: the search form itself never submits
                # (form-action 'none')
                with page.expect_navigation():
                    page.keyboard.press("Enter")
                page.wait_for_load_state("load")
            problems += _problems(page, seen, "/" + rel)
    finally:
        page.close()
    assert not problems, "\n".join(problems)
    assert not errors, errors


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_calculator_step_through_and_language_switch_within_policy(audit, site_url, lang):
    context, seen = audit
    page = context.new_page()
    prefix = "hi/" if lang == "hi" else ""
    try:
        page.goto(site_url + prefix + "moe/#exact")
        page.locator("#moe-calc").scroll_into_view_if_needed()
        page.wait_for_selector("#moe-calc[data-moe-ready] .moe-steps__inner")
        steps = page.locator("#moe-calc")
        radios = steps.locator("input[type=radio]")
        for i in range(radios.count()):
            radios.nth(i).check()
            page.keyboard.press("ArrowRight")
        page.locator("#moe-size").scroll_into_view_if_needed()
        page.wait_for_selector("#moe-size form")
        calc = page.locator("#moe-size")
        calc.locator("select[name=precision]").select_option(index=1)
        calc.locator("input[name=experts]").fill("16")
        calc.locator("input[name=activeExperts]").fill("2")
        calc.locator("input[name=experts]").fill("")      # an error message is shown too
        page.wait_for_timeout(100)
        _toggle_scheme(page)
        problems = _problems(page, seen, f"/{prefix}moe/")
        select = page.locator(".md-header .md-select").first
        select.hover()
        link = select.locator(f"a[hreflang={'en' if lang == 'hi' else 'hi'}]")
        link.wait_for(state="visible")
        with page.expect_navigation():
            link.click()
        page.wait_for_load_state("load")
        problems += _problems(page, seen, "after the language switch")
    finally:
        page.close()
    assert not problems, "\n".join(problems)


def test_the_policy_is_enforced(audit, site_url):
    """The net holds: a script added to a served page at run time is refused and reported, so
    a pass above means the browser was watching."""
    context, seen = audit
    page = context.new_page()
    try:
        page.goto(site_url)
        page.evaluate("""() => { const s = document.createElement('script');
                                 s.textContent = 'window.__ran = 1'; document.body.appendChild(s); }""")
        page.wait_for_timeout(100)
        assert page.evaluate("window.__ran") is None
        found = _problems(page, seen, "/")
        assert any("script-src" in p for p in found), found
    finally:
        page.close()
