"""Serve a built site on 127.0.0.1 and weigh pages in Debian's chromium.

Shared by the browser tests (tests/browser/) and bench/page_weight.py, so the figures the
README states and the budget the tests enforce are measured the same way.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import mimetypes
import os
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
# The site is published under this path (site_url in mkdocs.yml); serving it under the same
# prefix catches any URL that only works at the root of a host.
PREFIX = "/llama4-explainer/"

# The pages whose first visit the README states and the tests hold to a budget.
WEIGHED_PAGES = ["hi/moe/", "hi/llama4/"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def end_headers(self):
        # as GitHub Pages does: lets a reused context load pages from its cache
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    prefix = PREFIX

    def translate_path(self, path):
        parsed = urlparse(path).path
        if not parsed.startswith(self.prefix):
            return str(Path(self.directory) / "__outside-the-site-prefix__" / "missing")  # 404
        return super().translate_path("/" + parsed[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's root 404.html, as GitHub Pages answers."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # a browser that drops a connection it no longer needs is not an error
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path, prefix: str = PREFIX, handler_class=None):
    """Serve `site_dir` at http://127.0.0.1:<free port>/llama4-explainer/ (or `prefix`); yield
    that URL. A missing file is answered with the site's 404.html, status 404. `handler_class`
    (a subclass of the default handler) changes how files are answered, e.g. compressed."""
    base = handler_class or _Handler
    handler = functools.partial(type("Handler", (base,), {"prefix": prefix}), directory=str(site_dir))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


# what GitHub Pages compresses (by content type)
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                    "application/xml", "application/manifest+json")


class _GzipHandler(_Handler):
    """The handler above (site under its path prefix, Cache-Control, 404.html for a miss),
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


def serve_gzip(site_dir: Path, prefix: str = PREFIX):
    """serve(), answering text files gzipped as GitHub Pages does."""
    return serve(site_dir, prefix, handler_class=_GzipHandler)


def chromium_path() -> str | None:
    """$CHROMIUM_PATH if set (e.g. a CI runner's Chrome), else Debian's chromium, or None."""
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        return override if os.access(override, os.X_OK) else None
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS,
                                      headless=True)


def html_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every built page ("", "moe/", "hi/moe/", ...), 404 pages left out."""
    urls = []
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.relative_to(site_dir).as_posix()
        urls.append(rel[: -len("index.html")])
    return urls


class Traffic:
    """Counts a context's requests in flight, to wait until the network has been quiet."""

    def __init__(self, context):
        self.in_flight = 0
        context.on("request", self._start)
        context.on("requestfinished", self._end)
        context.on("requestfailed", self._end)

    def _start(self, request):
        self.in_flight += 1

    def _end(self, request):
        self.in_flight = max(0, self.in_flight - 1)

    def settle(self, page, quiet_ms: int = 250, timeout_ms: int = 15_000):
        """Wait until no request has been in flight for `quiet_ms` (like Playwright's
        "networkidle", which waits a fixed 500 ms, but shorter)."""
        quiet = waited = 0
        step = 50
        while quiet < quiet_ms and waited < timeout_ms:
            page.wait_for_timeout(step)  # lets playwright deliver the events
            waited += step
            quiet = quiet + step if self.in_flight == 0 else 0


TEXT_KINDS = {"html", "css", "js", "search-index", "other"}


def kind(url: str, resource_type: str, content_type: str) -> str:
    """What a response counts as: html, css, js, font, search-index, image or other."""
    path = urlparse(url).path
    if path.endswith("search/search_index.json"):
        return "search-index"
    if resource_type == "document" or "text/html" in content_type:
        return "html"
    if resource_type == "stylesheet" or path.endswith(".css"):
        return "css"
    if resource_type == "script" or path.endswith(".js") or "javascript" in content_type:
        return "js"
    if resource_type == "font" or path.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "font"
    if resource_type == "image" or path.endswith((".png", ".svg", ".jpg", ".webp", ".ico")):
        return "image"
    return "other"


def weigh(browser, url: str) -> dict:
    """The bytes a first visit to `url` transfers, by kind, in a fresh (cache-less) context.

    Each response is counted by its Content-Length, or by its body size where that header is
    missing. Requests made by the search worker (the index) are counted too: the context sees
    them. Returns {"kinds": {kind: bytes}, "files": [(kind, bytes, url)], "page": total of
    html+css+js+font+image+other, "search-index": bytes}.
    """
    context = browser.new_context()
    responses = []
    context.on("response", lambda response: responses.append(response))
    traffic = Traffic(context)
    page = context.new_page()
    try:
        page.goto(url, wait_until="load")
        traffic.settle(page, quiet_ms=400)
        files, seen = [], set()
        for response in responses:
            if response.url in seen or response.url.startswith(("data:", "blob:")):
                continue
            seen.add(response.url)
            headers = response.headers
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - a body that cannot be read (a redirect) is empty
                body = b""
            size = int(headers.get("content-length") or len(body))
            k = kind(response.url, response.request.resource_type, headers.get("content-type", ""))
            # what a host that compresses text (GitHub Pages does) would send
            text = k in TEXT_KINDS or urlparse(response.url).path.endswith(".svg")
            gz = len(gzip.compress(body, 6)) if text and body else size
            files.append((k, size, gz, response.url))
    finally:
        context.close()
    kinds: dict[str, int] = {}
    gzipped: dict[str, int] = {}
    for k, size, gz, _ in files:
        kinds[k] = kinds.get(k, 0) + size
        gzipped[k] = gzipped.get(k, 0) + gz
    return {"kinds": kinds, "files": files,
            "page": sum(size for k, size in kinds.items() if k != "search-index"),
            "search-index": kinds.get("search-index", 0),
            "page-gzip": sum(size for k, size in gzipped.items() if k != "search-index"),
            "search-index-gzip": gzipped.get("search-index", 0), "kinds-gzip": gzipped}


def report(url: str, result: dict, files: bool = False) -> str:
    kib = lambda n: f"{n / 1024:,.1f} KiB"  # noqa: E731
    lines = [f"{url}: {kib(result['page'])} for the page (HTML, CSS, JS, fonts, images)"
             f" + {kib(result['search-index'])} search index;"
             f" gzipped text: {kib(result['page-gzip'])} + {kib(result['search-index-gzip'])}"]
    for k in ("html", "css", "js", "font", "image", "other", "search-index"):
        if k in result["kinds"]:
            lines.append(f"  {k:<13}{kib(result['kinds'][k]):>14}"
                         f"{kib(result.get('kinds-gzip', {}).get(k, 0)):>14} gzipped")
            if files:
                for fk, size, _, file_url in sorted(result["files"], key=lambda f: -f[1]):
                    if fk == k:
                        lines.append(f"      {kib(size):>12}  {urlparse(file_url).path}")
    return "\n".join(lines)


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def without_search_worker(context):
    """Answer Material's search worker script with an idle one. Building the search index
    (and Material's 660 KiB word-cutter it loads for Hindi) costs each page load a second of
    CPU; tests that do not search skip it. Search tests, the request audit and the page
    weight use contexts with the real worker."""
    for pattern in ("**/assets/javascripts/workers/search.*.js", "**/assets/js/search-worker.js*"):
        context.route(pattern, lambda route: route.fulfill(
            status=200, content_type="text/javascript", body="self.onmessage = function () {};"))
    return context


def open_at(browser, width, url):
    """A new context at `width` (a phone below 600 px), a page in it that records script
    errors, loaded at `url` with its fonts ready: (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1,
                                  is_mobile=width < 600, has_touch=width < 600)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    return context, page


# A test's own tools (axe-core, a style that pins a font) go into the page through the DevTools
# protocol, which the page's Content-Security-Policy does not govern: an injected <script> or
# <style> element would be refused by it (script-src 'self' with hashes, style-src 'self'), as a
# planted one must be. The policy itself stays on: tests/browser/test_csp.py watches it.

def inject_script(page, source: str) -> None:
    """Run `source` (a whole script, e.g. axe.min.js) in the page's main world."""
    page.evaluate(source)


def inject_style(page, css: str) -> None:
    """Add `css` to the page as a constructed style sheet (CSSOM, not a <style> element)."""
    page.evaluate("""css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""", css)
