"""Browser fixtures: the real built site served on 127.0.0.1, Debian's chromium, a page per test.

Without /usr/bin/chromium the browser tests are skipped on a laptop and fail under CI
(env CI set): CI must never pass by skipping them.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import weigh  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
from weigh import ARTIFACTS, without_search_worker as _without_search_worker  # noqa: E402


def _no_browser(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run, not be skipped)",
                    pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_dir(request):
    """The built site: the session's strict build, or BROWSER_TEST_SITE (a folder already
    built, to iterate on the browser tests quickly; never set in CI)."""
    given = os.environ.get("BROWSER_TEST_SITE")
    if given and not os.environ.get("CI"):
        return Path(given)
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def site_url(site_dir):
    """Base URL of the built site, served under its published path prefix; stopped after."""
    with weigh.serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if weigh.chromium_path() is None:
        _no_browser("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the playwright Python package is not installed")
    with sync_playwright() as playwright:
        browser = weigh.launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def _new_page(context):
    page = context.new_page()
    page.errors = []  # uncaught errors in the page's scripts
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page




@pytest.fixture(scope="session")
def context(browser):
    """One desktop-sized context for the session: its cache stays warm between tests."""
    context = _without_search_worker(browser.new_context(viewport={"width": 1280, "height": 900}))
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture(scope="session")
def search_context(browser):
    """Like `context`, with Material's real search worker."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def search_page(search_context):
    page = _new_page(search_context)
    yield page
    page.close()


@pytest.fixture
def page(context):
    page = _new_page(context)
    yield page
    page.close()


@pytest.fixture(scope="session")
def mobile_context(browser):
    context = _without_search_worker(browser.new_context(
        viewport={"width": 375, "height": 812}, device_scale_factor=1, is_mobile=True, has_touch=True))
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def mobile_page(mobile_context):
    page = _new_page(mobile_context)
    yield page
    page.close()


@pytest.fixture(scope="session")
def screenshots_dir():
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
