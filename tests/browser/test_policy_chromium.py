"""Chromium against the policy check (slow: `python -m pytest -m slow`; outside the default run).

A seeded corpus of fragments from the specification (tests/policy_spec.py), URLs entity-encoded
in parts, each put alone in a page that has no Content-Security-Policy and loaded in Chromium.
Whatever Chromium does with a fragment on its own (a request to another host, a script run, an
alert), the check must have refused that fragment: the check may refuse more than a browser acts
on (a <noscript> image, dns-prefetch), never less.
"""
from __future__ import annotations

import random
from urllib.parse import urlparse

import pytest

from hooks.checks import html_policy
from policy_spec import ELEMENTS, OWN, PLACES, URLS, fits

pytestmark = pytest.mark.slow

SEED = 20261207
SIZE = 240
ORIGIN = "http://site.test/"


def _encode(url: str, rng: random.Random) -> str:
    out = []
    for c in url:
        how = rng.randrange(4)
        out.append(f"&#{ord(c)};" if how == 0 and c not in "&;" else c)
    return "".join(out)


def corpus(seed: int = SEED, size: int = SIZE) -> list[str]:
    """The same fragments on every run: a URL form in a place (the URL's characters encoded as
    character references at random), or a whole element, with a script that tells when it ran."""
    rng = random.Random(seed)
    cases = [(t, u) for t, place in PLACES for u, _ in URLS
             if fits(u, place) and not ("srcset" in t and any(c in u for c in " \t\n\r\f"))]
    out = []
    for _ in range(size):
        if rng.random() < 0.3:
            out.append(rng.choice(ELEMENTS)[0])
        else:
            template, url = rng.choice(cases)
            out.append(template.format(u=url if template.startswith("<style>") else _encode(url, rng)))
    return out


@pytest.fixture(scope="module")
def chromium(browser):
    own = {urlparse(ORIGIN).netloc, OWN}
    state = {"page": "", "off": []}
    context = browser.new_context()

    def route(route):
        url = urlparse(route.request.url)
        if url.netloc == urlparse(ORIGIN).netloc and url.path == "/":
            return route.fulfill(status=200, content_type="text/html; charset=utf-8", body=state["page"])
        if url.scheme in ("http", "https") and (url.hostname or "").rstrip(".") not in own:
            state["off"].append(route.request.url)
        route.fulfill(status=200, body="")

    context.route("**/*", route)
    yield context, state
    context.close()


def test_chromium_never_does_what_the_check_allows(chromium):
    context, state = chromium
    page = context.new_page()
    ran = []
    page.on("dialog", lambda d: (ran.append(d.message), d.dismiss()))
    missed = []
    acted = 0
    try:
        for fragment in corpus():
            state["page"] = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>"
                             + fragment + "</body></html>")
            state["off"].clear()
            ran.clear()
            try:
                page.goto(ORIGIN, wait_until="load", timeout=10_000)
                page.wait_for_timeout(150)
            except Exception as err:   # a fragment that navigates away, or never loads
                state["off"].append(f"(load: {str(err).splitlines()[0]})")
            if not state["off"] and not ran:
                continue
            acted += 1
            report = html_policy.judge_page(state["page"], {OWN})
            if not report.violations:
                missed.append(f"{fragment!r}: Chromium requested {state['off']} and ran {ran}; the check allowed it")
    finally:
        page.close()
    assert acted > 20, f"only {acted} fragments made Chromium act: the corpus is not testing much"
    assert not missed, "\n".join(missed)


def test_the_corpus_is_seeded():
    assert corpus() == corpus()
    assert len(set(corpus())) > SIZE // 2
