"""Every source over HTTP: requests with requests-cache (conditional requests: If-None-Match and
If-Modified-Since from the cached copy; a 304 answers from it) and urllib3's Retry (timeouts,
retries with backoff, Retry-After); one worker per host, so that a host gets one request at a
time; a redirect to another host (or from https to http) refused."""
from __future__ import annotations

import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from hooks.watch.answers import SourceError, _one_line, parse
from hooks.watch.config import Config, Source

RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass
class Result:
    source: Source
    items: list = field(default_factory=list)
    error: str = ""
    status: str = ""   # "fetched", "not modified" (a 304: the cached copy was used)



class RedirectRefused(Exception):
    pass


def _refuse_other_hosts(source: Source):
    """A response hook: a redirect to another host (or from https to http) stops the request."""
    def hook(response, *args, **kwargs):
        if response.is_redirect:
            target = urljoin(response.url, response.headers.get("location", ""))
            parts = urlsplit(target)
            if (parts.hostname or "").lower() != source.host:
                raise RedirectRefused(f"redirected to another host ({target}); if the source "
                                      "moved, put its new address in the watch configuration")
            if urlsplit(source.url).scheme == "https" and parts.scheme != "https":
                raise RedirectRefused(f"redirected from https to {target}")
        return response
    return hook


def make_session(config: Config, cache_file: Path | None):
    """A requests session with the cache, the retries and the User-Agent."""
    import requests
    import requests_cache
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    if cache_file is None:
        session = requests.Session()
    else:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        session = requests_cache.CachedSession(
            str(cache_file), backend="sqlite",
            # kept, but expired at once: every run asks again, with If-None-Match and
            # If-Modified-Since from the kept copy, and a 304 answers from it
            expire_after=requests_cache.EXPIRE_IMMEDIATELY,
            allowable_codes=(200,), stale_if_error=False,     # a failure is reported, never masked
            cache_control=False)
    retry = Retry(total=config.retries, connect=config.retries, read=config.retries,
                  status=config.retries, backoff_factor=config.backoff,
                  status_forcelist=RETRY_STATUSES, allowed_methods=frozenset({"GET"}),
                  respect_retry_after_header=True, raise_on_status=False, redirect=False)
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = config.user_agent
    session.headers["Accept-Encoding"] = "gzip, deflate"
    return session


def describe(err: BaseException, config: Config) -> str:
    """An HTTP failure in words (never a traceback)."""
    import requests
    from urllib3.exceptions import (
        ConnectTimeoutError,
        MaxRetryError,
        NameResolutionError,
        NewConnectionError,
        ReadTimeoutError,
    )
    tries = f"{config.retries + 1} tries" if config.retries else "1 try"
    if isinstance(err, RedirectRefused):
        return str(err)
    inner = err.args[0] if err.args else None
    reason: BaseException | None = None
    if isinstance(inner, MaxRetryError):
        reason = inner.reason
    elif isinstance(inner, BaseException):
        reason = inner
    if isinstance(reason, RedirectRefused):
        return str(reason)
    # urllib3's NewConnectionError (and NameResolutionError) subclass ConnectTimeoutError: ask first
    if isinstance(reason, NameResolutionError):
        return f"the host's name did not resolve (offline?) ({tries})"
    if isinstance(reason, NewConnectionError):
        return f"could not connect (offline, or the server is down) ({tries})"
    if isinstance(err, requests.Timeout) or isinstance(reason, (ReadTimeoutError, ConnectTimeoutError)):
        return f"timed out after {config.timeout:g} s ({tries})"
    if isinstance(err, requests.exceptions.SSLError):
        return "the TLS certificate was refused"
    if isinstance(err, requests.exceptions.RetryError):
        return f"the server kept answering with an error ({tries}): {reason}"
    return f"{type(err).__name__}: {_one_line(err)[:200]}"


def fetch(session, source: Source, config: Config) -> Result:
    """One source: fetched and parsed, or the reason it could not be."""
    import requests
    result = Result(source)
    try:
        response = session.get(source.url, timeout=(config.timeout, config.timeout),
                               hooks={"response": _refuse_other_hosts(source)})
        if response.status_code >= 400:
            result.error = f"HTTP {response.status_code} {response.reason or ''}".rstrip()
            if response.status_code in RETRY_STATUSES and config.retries:
                result.error += f" after {config.retries + 1} tries"
            return result
        if response.status_code >= 300:
            result.error = f"HTTP {response.status_code} with no usable redirect"
            return result
        result.status = "not modified" if getattr(response, "revalidated", False) else "fetched"
        result.items = parse(source, response.content)
    except SourceError as err:
        result.error = str(err)
    except (requests.RequestException, RedirectRefused) as err:
        result.error = describe(err, config)
    return result


def cache_file(cache_dir: Path, host: str) -> Path:
    return cache_dir / (re.sub(r"[^a-z0-9.-]", "_", host) + ".sqlite")


def fetch_all(config: Config, cache_dir: Path | None) -> list[Result]:
    """Every source, in the configuration's order. One worker per host: a host gets one request
    at a time, different hosts are asked at once."""
    by_host: dict[str, list[Source]] = defaultdict(list)
    for source in config.sources:
        by_host[source.host].append(source)

    def run(host: str) -> list[Result]:
        session = make_session(config, None if cache_dir is None else cache_file(cache_dir, host))
        with session:
            return [fetch(session, source, config) for source in by_host[host]]

    results: dict[str, Result] = {}
    if by_host:
        with ThreadPoolExecutor(max_workers=min(8, len(by_host))) as pool:
            for batch in pool.map(run, list(by_host)):
                for result in batch:
                    results[result.source.id] = result
    return [results[s.id] for s in config.sources]
