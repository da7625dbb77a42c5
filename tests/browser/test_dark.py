"""Both colour schemes readable (issue 15): axe-core's contrast rules on every built page, in
both languages, in the light scheme (Material's "default") and the dark one ("slate"), the
scheme chosen the way a reader's system chooses it (prefers-color-scheme), and the 404 page
in each language. Collapsed notes are opened first, so the text inside them is checked too.

axe-core is the copy the pinned axe-playwright-python package ships (requirements.txt),
injected into the page: nothing is loaded from another host.
"""
from __future__ import annotations

import pytest

import weigh
from weigh import without_search_worker as _without_search_worker

SCHEMES = {"light": "default", "dark": "slate"}
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]


@pytest.fixture(scope="module")
def axe_js():
    from pathlib import Path

    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def contrast_problems(page, axe_js) -> list[str]:
    weigh.inject_script(page, axe_js)
    violations = page.evaluate(
        """rules => axe.run(document, {runOnly: {type: 'rule', values: rules},
                                       resultTypes: ['violations']}).then(r => r.violations)""",
        CONTRAST_RULES)
    found = []
    for v in violations:
        for node in v["nodes"][:8]:
            found.append(f"{v['id']}: {' '.join(map(str, node['target']))}: "
                         f"{(node.get('failureSummary') or '').splitlines()[-1].strip()}")
    return found


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_page_has_enough_contrast_in_both_schemes(browser, site_dir, site_url, axe_js, scheme):
    # every built page, and the 404 page as a lost reader meets it in each language
    pages = weigh.html_pages(site_dir) + ["no-such-page/", "hi/no-such-page/"]
    assert any(p.startswith("hi/") for p in pages) and any(not p.startswith("hi/") for p in pages)
    context = _without_search_worker(browser.new_context(
        color_scheme=scheme, viewport={"width": 1280, "height": 900}))
    context.set_default_timeout(30_000)
    problems = []
    try:
        page = context.new_page()
        for rel in pages:
            page.goto(site_url + rel, wait_until="load")
            got = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert got == SCHEMES[scheme], (rel, got)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.evaluate("document.fonts.ready.then(() => true)")
            problems += [f"/{rel} ({scheme}): {p}" for p in contrast_problems(page, axe_js)]
    finally:
        context.close()
    assert not problems, f"{len(problems)} contrast problems:\n" + "\n".join(problems)


def test_contrast_check_catches_pale_text(browser, site_url, axe_js):
    """The rule broken on purpose: grey text on the dark background fails, so a pass above
    means the check looked."""
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_url + "hi/moe/", wait_until="load")
        page.evaluate("""() => { const p = document.querySelector('.md-content p');
                                 p.style.color = '#4a4a55'; }""")
        problems = contrast_problems(page, axe_js)
        assert any(p.startswith("color-contrast") for p in problems), problems
    finally:
        context.close()
