"""Speed on a phone network (issue 15): the largest contentful paint of a first visit.

Chromium's DevTools emulation, as the issue sets it: 1.6 Mbps down, 750 kbps up, 150 ms
added to each request's round trip (Network.emulateNetworkConditions) and the CPU slowed
four times (Emulation.setCPUThrottlingRate), on a phone-sized screen with an empty cache.
The site is served gzip-compressed, as GitHub Pages sends it (HTML, CSS, JS, JSON, SVG, XML;
fonts and images as they are), because the emulated line carries the compressed bytes.

LCP is read from a PerformanceObserver for 'largest-contentful-paint' (buffered), the way
web-vitals reads it: the last entry before the reader touches the page. Each page is loaded
five times in fresh contexts and the median is held to 2.5 s; the report names the element
and every resource that blocked the first render, so a slow run says why.

Measured (2026-12-02, 8 interleaved runs each): preloading the Devanagari font made /hi/moe/
slower (median FCP 1.1 to 2.0 s, LCP 1.95 to 2.3 s): on this line its 33 KiB compete with the
render-blocking stylesheets, and with font-display: swap the text does not wait for it anyway.
So the pages preload nothing.

    BROWSER_TEST_SITE=/tmp/site .venv/bin/python -m pytest tests/browser/test_lcp.py -s
"""
from __future__ import annotations

import gzip
import mimetypes
import os
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import weigh  # noqa: E402

LCP_BUDGET_MS = 2500
RUNS = 5  # a median: one run in a few is slow when the machine is busy
PHONE_NETWORK = {  # Network.emulateNetworkConditions takes bytes per second and ms
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
CPU_SLOWDOWN = 4
PAGES = ["hi/moe/", "hi/"]
# what GitHub Pages compresses (by content type)
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                    "application/xml", "application/manifest+json")


class _GzipHandler(weigh._Handler):
    """weigh's handler (site under its path prefix, Cache-Control, 404.html for a miss),
    answering text with Content-Encoding: gzip to a client that accepts it."""

    def do_GET(self):  # noqa: N802 - http.server's name
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlparse(self.path).path.endswith("/"):
            path = path / "index.html"
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype == "text/javascript":
            ctype = "application/javascript"
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not ctype.startswith(COMPRESSED_TYPES)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_gzip(site_dir: Path, prefix: str = weigh.PREFIX):
    """weigh.serve, answering text files gzipped as GitHub Pages does."""
    return weigh.serve(site_dir, prefix, handler_class=_GzipHandler)


OBSERVE_LCP = """
window.__lcp = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) {
    const el = e.element;
    window.__lcp.push({time: e.startTime, size: e.size, url: e.url || '',
      element: el ? (el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '')) : '',
      text: el ? (el.textContent || '').trim().slice(0, 60) : ''});
  }
}).observe({type: 'largest-contentful-paint', buffered: true});
"""

TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
  const res = performance.getEntriesByType('resource').map(r => ({
    name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.transferSize,
    blocking: r.renderBlockingStatus || '', type: r.initiatorType}));
  return {ttfb: nav.responseStart, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          htmlBytes: nav.transferSize, fcp: paint['first-contentful-paint'] || null, res};
}"""


def measure(browser, url: str, network: bool = True) -> dict:
    """One first visit to `url` on the emulated phone network (or, network=False, with only
    the CPU slowed): LCP and what led up to it."""
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE_LCP)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if network:
            cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=60_000)
        page.wait_for_timeout(1500)  # a late paint (a web font swapping in) is still counted
        entries = page.evaluate("window.__lcp")
        timings = page.evaluate(TIMINGS)
    finally:
        context.close()
    assert entries, f"no largest-contentful-paint entry for {url}"
    last = entries[-1]
    return {"lcp": last["time"], "element": last["element"], "text": last["text"],
            "url": last["url"], **timings}


def explain(rel: str, runs: list[dict]) -> str:
    median = statistics.median(r["lcp"] for r in runs)
    first = runs[0]
    lines = [f"/{rel}: LCP median {median:,.0f} ms of {[round(r['lcp']) for r in runs]}"
             f" (budget {LCP_BUDGET_MS} ms); FCP {first['fcp'] or 0:,.0f} ms, TTFB {first['ttfb']:,.0f} ms,"
             f" DOMContentLoaded {first['dcl']:,.0f} ms, load {first['load']:,.0f} ms",
             f"  LCP element: {first['element']} {first['text']!r} {first['url']}"]
    for r in sorted(first["res"], key=lambda r: r["start"]):
        if r["start"] <= first["lcp"]:
            mark = " render-blocking" if r["blocking"] == "blocking" else ""
            lines.append(f"  {r['start']:7,.0f}-{r['end']:7,.0f} ms {r['bytes'] / 1024:6.1f} KiB"
                         f" {urlparse(r['name']).path}{mark}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def gzip_url(site_dir):
    with serve_gzip(site_dir) as url:
        yield url


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


FETCH_TIMED = """async url => {
  const t0 = performance.now();
  const body = await (await fetch(url, {cache: 'no-store'})).arrayBuffer();
  const ms = performance.now() - t0;
  const entry = performance.getEntriesByName(new URL(url, location.href).href).pop();
  return {ms, bytes: entry ? entry.transferSize : 0, size: body.byteLength};
}"""


def timed_fetch(browser, page_url: str, file_url: str, network: bool) -> dict:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_url, wait_until="load")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        if network:
            cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        return page.evaluate(FETCH_TIMED, file_url)
    finally:
        context.close()


def test_emulation_slows_the_network_down(browser, gzip_url):
    """The throttling takes hold (a test that measured an unthrottled page would pass
    anything): fetching the Hindi search index takes at least a round trip plus its
    compressed bytes over 1.6 Mbps; unthrottled, on the loopback, it takes far less."""
    index = gzip_url + "search/index.hi.json"
    fast = timed_fetch(browser, gzip_url + "hi/", index, network=False)
    slow = timed_fetch(browser, gzip_url + "hi/", index, network=True)
    assert 0 < slow["bytes"] < slow["size"], slow  # compressed on the wire
    line_ms = PHONE_NETWORK["latency"] + slow["bytes"] * 8 / 1_600_000 * 1000
    assert fast["ms"] < 0.5 * line_ms, (fast, line_ms)
    assert slow["ms"] >= 0.9 * line_ms, (slow, line_ms)


@pytest.mark.parametrize("rel", PAGES)
def test_largest_contentful_paint_on_a_phone_network(browser, gzip_url, rel):
    runs = [measure(browser, gzip_url + rel) for _ in range(RUNS)]
    report = explain(rel, runs)
    print(report)
    out = os.environ.get("LCP_REPORT")
    if out:
        with open(out, "a", encoding="utf-8") as f:
            f.write(report + "\n")
    assert statistics.median(r["lcp"] for r in runs) <= LCP_BUDGET_MS, report
