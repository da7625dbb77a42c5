"""What a phone's first render waits for (issue 15), held in bytes, not in milliseconds.

The largest contentful paint on an emulated phone network is a benchmark
(`python bench/lcp.py`, with the machine's load printed), because a timed test fails on a busy
machine and passes on a fast one. What decides it on a slow line does not depend on the
machine: the bytes and the number of files the browser must fetch before it may paint. By the
HTML standard those are the stylesheets and the classic scripts without async or defer in the
page's <head> (read from the built HTML with selectolax); Chromium, on a first visit served
gzipped as GitHub Pages serves it, must mark each of them render-blocking
(PerformanceResourceTiming.renderBlockingStatus; it marks the scripts at the end of <body> too,
which do not hold the first paint) and gives the bytes on the wire.

Budget: 36 KiB on the wire in at most 8 files. On the 1.6 Mbps line of the benchmark that is
about 0.19 s of transfer; the rest of its 2.5 s goes to round trips and the slowed CPU.
"""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from selectolax.lexbor import LexborHTMLParser

sys.path.insert(0, str(Path(__file__).resolve().parent))
import weigh  # noqa: E402

BLOCKING_BUDGET_BYTES = 36 * 1024
BLOCKING_BUDGET_FILES = 8
PAGES = ["hi/moe/", "hi/", "moe/"]

RESOURCES = """() => performance.getEntriesByType('resource').map(r => ({
  path: new URL(r.name).pathname, bytes: r.transferSize, blocking: r.renderBlockingStatus || ''}))"""


@pytest.fixture(scope="module")
def gzip_url(site_dir):
    with weigh.serve_gzip(site_dir) as url:
        yield url


def first_visit(browser, url: str) -> list[dict]:
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.goto(url, wait_until="load")
        return page.evaluate(RESOURCES)
    finally:
        context.close()


def head_blockers(html: str) -> set[str]:
    """Paths of the files a browser must have before its first paint, by the HTML standard."""
    head = LexborHTMLParser(html).css_first("head")
    found = set()
    for link in head.css("link[rel~=stylesheet][href]"):
        if (link.attributes.get("media") or "all") in ("all", "screen") and "disabled" not in link.attributes:
            found.add(link.attributes["href"])
    for script in head.css("script[src]"):
        attrs = script.attributes
        if not ({"async", "defer"} & set(attrs)) and attrs.get("type") not in ("module",):
            found.add(attrs["src"])
    return found


def blocking(site_dir: Path, rel: str, resources: list[dict]) -> list[dict]:
    """The page's head blockers as the browser fetched them; each must be fetched and marked."""
    page_path = weigh.PREFIX + rel
    wanted = {urlparse(urljoin(page_path, href)).path
              for href in head_blockers((site_dir / rel / "index.html").read_text(encoding="utf-8"))}
    fetched = {r["path"]: r for r in resources}
    missing = sorted(wanted - set(fetched))
    assert not missing, f"/{rel}: the head names files the browser did not fetch: {missing}"
    unmarked = sorted(p for p in wanted if fetched[p]["blocking"] != "blocking")
    assert not unmarked, f"/{rel}: Chromium does not mark these head files render-blocking: {unmarked}"
    return [fetched[p] for p in sorted(wanted)]


def test_server_compresses_text_like_github_pages(browser, gzip_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        encodings = {}
        page.on("response", lambda r: encodings.setdefault(urlparse(r.url).path, r.headers.get("content-encoding")))
        page.goto(gzip_url + "hi/moe/", wait_until="load")
        html = encodings[urlparse(gzip_url).path + "hi/moe/"]
        css = [e for p, e in encodings.items() if p.endswith(".css")]
        fonts = [e for p, e in encodings.items() if p.endswith(".woff2")]
        assert html == "gzip" and css and all(e == "gzip" for e in css), encodings
        assert all(e is None for e in fonts), encodings  # woff2 is compressed already
    finally:
        context.close()


def test_chromium_reports_what_blocks_the_first_render(browser, gzip_url):
    """The mark the budget relies on is there (a browser without it would pass any page):
    Material's stylesheet blocks, the search worker and the fonts do not."""
    resources = first_visit(browser, gzip_url + "hi/")
    paths = {r["path"]: r["blocking"] for r in resources}
    main_css = [p for p in paths if "/assets/stylesheets/main." in p]
    assert main_css and paths[main_css[0]] == "blocking", paths
    fonts = [p for p in paths if p.endswith(".woff2")]
    assert all(paths[p] != "blocking" for p in fonts), paths


@pytest.mark.parametrize("rel", PAGES)
def test_first_render_waits_for_few_bytes(browser, gzip_url, site_dir, rel):
    files = blocking(site_dir, rel, first_visit(browser, gzip_url + rel))
    total = sum(r["bytes"] for r in files)
    report = "\n".join(f"  {r['bytes'] / 1024:5.1f} KiB {r['path']}" for r in files)
    assert files, f"/{rel}: no render-blocking file reported"
    assert len(files) <= BLOCKING_BUDGET_FILES, (
        f"/{rel}: {len(files)} files block the first render (budget {BLOCKING_BUDGET_FILES}):\n{report}")
    assert total <= BLOCKING_BUDGET_BYTES, (
        f"/{rel}: {total / 1024:.1f} KiB block the first render (budget"
        f" {BLOCKING_BUDGET_BYTES // 1024} KiB; on a 1.6 Mbps line each KiB costs 5 ms):\n{report}")
    assert not any(p["path"].endswith((".woff2", ".png", ".svg")) for p in files), report


def test_head_blockers_follow_the_standard():
    html = ("<head><link rel=stylesheet href=a.css><link rel=stylesheet media=print href=p.css>"
            "<link rel='preload stylesheet' href=b.css><link rel=icon href=i.png>"
            "<script src=s.js></script><script defer src=d.js></script><script async src=x.js>"
            "</script><script type=module src=m.js></script><script>inline()</script></head>"
            "<body><script src=late.js></script></body>")
    assert head_blockers(html) == {"a.css", "b.css", "s.js"}
