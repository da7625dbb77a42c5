"""The story watch: primary feeds that tell the editors when the story moves.

`python -m hooks watch` (hooks/commands/watch.py) reads the sources that `facts/watch.yaml`
lists (Atom or RSS feeds, a Hugging Face model listing, an SEC EDGAR submissions file), and
lists every item that is not yet in the state file `facts/watch-state.json`, with its date,
title, link and the open questions and facts it may touch. `--ack` records the listed items as
reviewed. It is editorial monitoring, not a check of the site: the build never runs it.

The parts, each testable apart:

- `load_config(path, shown, env)`: the sources, the contact and the HTTP settings, with every
  problem as a Finding at its line (unknown key, bad kind or URL, bad pattern, no contact);
- `check_ids(config, questions, facts)`: question and fact ids that the registry files do not
  hold (`known_ids` reads them, with their lines);
- `parse(kind, body, base_url)`: one source's answer as Items (feedparser for Atom and RSS;
  the documented JSON of the two APIs); a malformed answer raises `SourceError`;
- `fetch_all(config, cache_dir)`: every source over HTTP with requests and requests-cache:
  one request per host at a time (a worker per host, hosts in parallel), timeouts, retries with
  backoff (urllib3's Retry), conditional requests (the cache sends If-None-Match and
  If-Modified-Since, and a 304 answers from the cache) and no redirect to another host;
- `new_items(results, state, since)` and `acknowledge(state, items, day)`: what the state has
  not seen, and the state once those are reviewed.

Nothing here prints or exits; the command does.
"""
from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .findings import Finding
from .registry import read_yaml

CONTACT_ENV = "STORY_WATCH_CONTACT"
KINDS = ("feed", "hf-models", "sec-submissions")
TOP_KEYS = ("contact", "since", "timeout", "retries", "backoff", "sources")
SOURCE_KEYS = ("id", "kind", "url", "questions", "facts", "only", "also", "note")
RULE_KEYS = ("match", "questions", "facts")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A contact the SEC can write to: some words and an e-mail address ("Jane Doe jane@example.org").
EMAIL_RE = re.compile(r"[^\s@<>()]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
RETRY_STATUSES = (429, 500, 502, 503, 504)
STATE_VERSION = 1


class SourceError(Exception):
    """What went wrong with one source, in words for the editor."""


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    questions: tuple = ()
    facts: tuple = ()


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    url: str
    line: int
    questions: tuple = ()
    facts: tuple = ()
    only: re.Pattern | None = None
    also: tuple = ()            # Rules: items whose title matches touch more questions or facts
    id_lines: tuple = ()        # (("question"|"fact", id, line), ...) for the id check

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()


@dataclass
class Config:
    path: str
    contact: str = ""
    since: str | None = None
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 2.0
    sources: list = field(default_factory=list)

    @property
    def user_agent(self) -> str:
        # The SEC asks automated tools to declare who they are: "Company Name admin@example.com".
        return f"{self.contact} (story watch, python -m hooks watch)"


@dataclass(frozen=True)
class Item:
    source: str
    key: str          # what identifies the item in its source (entry id, model id, accession number)
    date: str         # YYYY-MM-DD, or "" when the source gives none
    title: str
    link: str
    questions: tuple = ()
    facts: tuple = ()


@dataclass
class Result:
    source: Source
    items: list = field(default_factory=list)
    error: str = ""
    status: str = ""   # "fetched", "not modified" (a 304: the cached copy was used)


# ---------------------------------------------------------------- configuration

def _did_you_mean(name: str, known) -> str:
    import difflib
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"


def _ids(node, what: str, shown: str, findings: list) -> list[tuple[str, int]]:
    """A list of ids (questions or facts) with their lines."""
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        findings.append(Finding(shown, node.line, 1, "watch-config",
                                f"{what} must be a list of ids", f"write {what}: [id-one, id-two]"))
        return []
    found = []
    for item in node.value:
        if not isinstance(item.value, str) or not ID_RE.match(item.value):
            findings.append(Finding(shown, item.line, 1, "watch-config",
                                    f"'{item.value}' is not an id in {what}",
                                    "ids are lower-case words, digits and hyphens"))
        else:
            found.append((item.value, item.line))
    return found


def _pattern(node, shown: str, findings: list) -> re.Pattern | None:
    if node is None or node.value is None:
        return None
    if not isinstance(node.value, str):
        findings.append(Finding(shown, node.line, 1, "watch-config", "a pattern must be text",
                                "quote the regular expression"))
        return None
    try:
        return re.compile(node.value)
    except re.error as err:
        findings.append(Finding(shown, node.line, 1, "watch-config",
                                f"'{node.value}' is not a regular expression: {err}",
                                "fix the pattern (Python's re syntax)"))
        return None


def _number(node, name: str, shown: str, findings: list, default, cast, low):
    if node is None or node.value is None:
        return default
    try:
        value = cast(node.value)
    except (TypeError, ValueError):
        value = None
    if value is None or value < low:
        findings.append(Finding(shown, node.line, 1, "watch-config",
                                f"{name}: '{node.value}' is not a number of at least {low}",
                                f"write {name}: {default}"))
        return default
    return value


def _keys(mapping: dict, allowed, where: str, shown: str, findings: list) -> None:
    for key, node in mapping.items():
        if key not in allowed:
            findings.append(Finding(shown, node.line, 1, "watch-config",
                                    f"unknown key '{key}' in {where}", _did_you_mean(key, allowed)))


def _source(node, shown: str, findings: list) -> Source | None:
    if not isinstance(node.value, dict):
        findings.append(Finding(shown, node.line, 1, "watch-config", "a source must be a mapping",
                                "give it id:, kind:, url: and the questions: and facts: it may touch"))
        return None
    entry = node.value
    _keys(entry, SOURCE_KEYS, "a source", shown, findings)
    before = len(findings)
    values = {}
    for key in ("id", "kind", "url"):
        item = entry.get(key)
        if item is None or not isinstance(item.value, str) or not item.value.strip():
            findings.append(Finding(shown, (item or node).line, 1, "watch-config",
                                    f"a source has no {key}:", "every source needs id:, kind: and url:"))
        else:
            values[key] = item.value.strip()
    if "id" in values and not ID_RE.match(values["id"]):
        findings.append(Finding(shown, entry["id"].line, 1, "watch-config",
                                f"source id '{values['id']}' is not lower-case words and hyphens",
                                "write it like meta-newsroom"))
    if "kind" in values and values["kind"] not in KINDS:
        findings.append(Finding(shown, entry["kind"].line, 1, "watch-config",
                                f"unknown kind '{values['kind']}'", f"use one of: {', '.join(KINDS)}"))
    if "url" in values:
        parts = urlsplit(values["url"])
        if parts.scheme not in ("https", "http") or not parts.hostname:
            findings.append(Finding(shown, entry["url"].line, 1, "watch-config",
                                    f"'{values['url']}' is not an http(s) URL",
                                    "give the feed's or the API's full address"))
    questions = _ids(entry.get("questions"), "questions", shown, findings)
    facts = _ids(entry.get("facts"), "facts", shown, findings)
    only = _pattern(entry.get("only"), shown, findings)
    rules, id_lines = [], [("question", q, line) for q, line in questions]
    id_lines += [("fact", f, line) for f, line in facts]
    also = entry.get("also")
    if also is not None and also.value is not None:
        if not isinstance(also.value, list):
            findings.append(Finding(shown, also.line, 1, "watch-config", "also: must be a list",
                                    "each entry: match:, questions:, facts:"))
        else:
            for rule in also.value:
                if not isinstance(rule.value, dict) or "match" not in rule.value:
                    findings.append(Finding(shown, rule.line, 1, "watch-config",
                                            "an also: entry needs match:",
                                            "match: a pattern of the titles it applies to"))
                    continue
                _keys(rule.value, RULE_KEYS, "an also: entry", shown, findings)
                pattern = _pattern(rule.value["match"], shown, findings)
                rq = _ids(rule.value.get("questions"), "questions", shown, findings)
                rf = _ids(rule.value.get("facts"), "facts", shown, findings)
                id_lines += [("question", q, line) for q, line in rq]
                id_lines += [("fact", f, line) for f, line in rf]
                if pattern is not None:
                    rules.append(Rule(pattern, tuple(q for q, _ in rq), tuple(f for f, _ in rf)))
    if len(findings) > before:
        return None
    return Source(values["id"], values["kind"], values["url"], node.line,
                  tuple(q for q, _ in questions), tuple(f for f, _ in facts), only,
                  tuple(rules), tuple(id_lines))


def load_config(path: Path, shown: str | None = None, env=None) -> tuple[Config, list[Finding]]:
    """Read facts/watch.yaml. The contact comes from $STORY_WATCH_CONTACT, else `contact:`;
    without one, or without an e-mail address in it, the config is refused (never a made-up one)."""
    shown = shown or str(path)
    env = os.environ if env is None else env
    config = Config(shown)
    root, problems = read_yaml(path)
    findings = [Finding(shown, f.line, f.col, "watch-config",
                        f.message.replace("the registry", "the watch configuration"), f.hint)
                for f in problems]
    if root is None:
        return config, findings or [Finding(shown, 1, 1, "watch-config", "the file is empty",
                                            "list the sources under sources:")]
    if not isinstance(root.value, dict):
        return config, [Finding(shown, root.line, 1, "watch-config",
                                "the file must be a mapping with sources:", "see CONTRIBUTING.md")]
    top = root.value
    _keys(top, TOP_KEYS, "the file", shown, findings)
    config.timeout = _number(top.get("timeout"), "timeout", shown, findings, 20.0, float, 0.01)
    config.retries = _number(top.get("retries"), "retries", shown, findings, 3, int, 0)
    config.backoff = _number(top.get("backoff"), "backoff", shown, findings, 2.0, float, 0)
    since = top.get("since")
    if since is not None and since.value is not None:
        if not isinstance(since.value, str) or not DATE_RE.match(since.value):
            findings.append(Finding(shown, since.line, 1, "watch-config",
                                    f"since: '{since.value}' is not a date", "write since: YYYY-MM-DD"))
        else:
            config.since = since.value
    contact_node = top.get("contact")
    from_file = contact_node.value if contact_node is not None and isinstance(contact_node.value, str) else ""
    contact = (env.get(CONTACT_ENV) or "").strip() or (from_file or "").strip()
    where = f"${CONTACT_ENV}" if (env.get(CONTACT_ENV) or "").strip() else f"{shown} contact:"
    line = contact_node.line if contact_node is not None else 1
    if not contact:
        findings.append(Finding(shown, line, 1, "watch-contact",
                                "no contact for the User-Agent: the SEC asks every automated tool "
                                "for a name and an e-mail address it can write to",
                                f"set ${CONTACT_ENV} (for example in the CI's repository "
                                f"variables) or contact: in {shown} to a real name and address "
                                "of the project's editors"))
    elif not EMAIL_RE.search(contact) or "\n" in contact or "\r" in contact:
        findings.append(Finding(shown, line, 1, "watch-contact",
                                f"the contact from {where} has no e-mail address (or spans lines)",
                                "write a name and an address on one line: Name name@example.org"))
    else:
        config.contact = contact
    sources = top.get("sources")
    if sources is None or not isinstance(sources.value, list) or not sources.value:
        findings.append(Finding(shown, (sources or root).line, 1, "watch-config",
                                "no sources: to watch", "list the feeds under sources:"))
        return config, findings
    seen: dict[str, int] = {}
    for node in sources.value:
        source = _source(node, shown, findings)
        if source is None:
            continue
        if source.id in seen:
            findings.append(Finding(shown, node.line, 1, "watch-config",
                                    f"source id '{source.id}' is used twice (first at line {seen[source.id]})",
                                    "give each source its own id"))
            continue
        seen[source.id] = node.line
        config.sources.append(source)
    return config, findings


def _ids_with_lines(root, key: str) -> dict[str, int] | None:
    """The ids of a registry-like file: `key:` as a list of mappings with id:, or as a mapping
    keyed by id, or the file as such a list. None when the shape is none of these."""
    if root is None:
        return None
    value = root.value
    if isinstance(value, dict) and key in value:
        value = value[key].value
    if isinstance(value, dict):
        return {k: v.line for k, v in value.items()}
    if isinstance(value, list):
        found = {}
        for entry in value:
            if isinstance(entry.value, dict) and "id" in entry.value and isinstance(entry.value["id"].value, str):
                found[entry.value["id"].value] = entry.line
        return found
    return None


def known_ids(path: Path, key: str) -> dict[str, int] | None:
    """The ids `path` defines under `key` (questions, facts), or None when the file is absent
    or unreadable (then nothing is checked against it)."""
    if not path.is_file():
        return None
    root, problems = read_yaml(path)
    if problems:
        return None
    return _ids_with_lines(root, key)


def check_ids(config: Config, questions: dict | None, facts: dict | None,
              questions_file: str, facts_file: str) -> list[Finding]:
    """An error at its watch.yaml line for each id that is not in its file (files that do not
    exist yet are not checked: the command says so)."""
    import difflib
    found = []
    for source in config.sources:
        for what, ident, line in source.id_lines:
            known, file = (questions, questions_file) if what == "question" else (facts, facts_file)
            if known is None or ident in known:
                continue
            close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"add it to {file} or remove it here"
            found.append(Finding(config.path, line, 1, "watch-unknown-id",
                                 f"unknown {what} '{ident}' (source {source.id}): not in {file}", hint))
    return found


# ---------------------------------------------------------------- parsing answers

def _day(value) -> str:
    """YYYY-MM-DD from an ISO timestamp or a time.struct_time, else ""."""
    if value is None:
        return ""
    if hasattr(value, "tm_year"):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    text = str(value)
    return text[:10] if DATE_RE.match(text[:10]) else ""


def _one_line(text) -> str:
    return " ".join(str(text or "").split())


def parse_feed(body: bytes) -> list[tuple[str, str, str, str]]:
    """(key, date, title, link) of each entry of an Atom or RSS document (feedparser)."""
    import feedparser
    parsed = feedparser.parse(body)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        where = ""
        if hasattr(problem, "getLineNumber"):
            where = f" at line {problem.getLineNumber()}, column {problem.getColumnNumber()}"
        raise SourceError(f"malformed feed{where}: {getattr(problem, 'getMessage', lambda: problem)()}")
    if not parsed.get("version"):
        raise SourceError("the answer is not an RSS or Atom feed")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link", "")
        title = _one_line(entry.get("title", "")) or "(no title)"
        key = entry.get("id") or link or title
        date = _day(entry.get("published_parsed") or entry.get("updated_parsed"))
        entries.append((key, date, title, link))
    return entries


def _json(body: bytes):
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise SourceError(f"malformed JSON: {err}") from None


def parse_hf_models(body: bytes, base_url: str) -> list[tuple[str, str, str, str]]:
    """GET /api/models (https://huggingface.co/docs/hub/api): a JSON list of models, each with
    `id` (older answers: `modelId`), `createdAt` and, when sorted or expanded, `lastModified`.
    The key is the repository id: a new repository is news; an edit of an old one is not."""
    data = _json(body)
    if not isinstance(data, list):
        raise SourceError("malformed model listing: expected a JSON list of models")
    base = "{0.scheme}://{0.netloc}/".format(urlsplit(base_url))
    entries = []
    for model in data:
        ident = model.get("id") or model.get("modelId") if isinstance(model, dict) else None
        if not isinstance(ident, str) or not ident:
            raise SourceError("malformed model listing: an entry has no id")
        date = _day(model.get("createdAt")) or _day(model.get("lastModified"))
        entries.append((ident, date, ident, urljoin(base, ident)))
    return entries


def parse_sec_submissions(body: bytes) -> list[tuple[str, str, str, str]]:
    """data.sec.gov/submissions/CIK##########.json
    (https://www.sec.gov/search-filings/edgar-application-programming-interfaces): `cik` and
    `filings.recent`, columns of equal length (accessionNumber, filingDate, form,
    primaryDocument, primaryDocDescription). The title starts with the form ("8-K: ...")."""
    data = _json(body)
    try:
        recent = data["filings"]["recent"]
        cik = int(str(data["cik"]))
        columns = [recent[k] for k in ("accessionNumber", "filingDate", "form", "primaryDocument")]
    except (KeyError, TypeError, ValueError):
        raise SourceError("malformed submissions file: no cik or filings.recent columns") from None
    described = recent.get("primaryDocDescription") or [""] * len(columns[0])
    if any(not isinstance(c, list) or len(c) != len(columns[0]) for c in (*columns, described)):
        raise SourceError("malformed submissions file: the filings.recent columns differ in length")
    entries = []
    for number, filed, form, document, what in zip(*columns, described):
        folder = str(number).replace("-", "")
        link = f"https://www.sec.gov/Archives/edgar/data/{cik}/{folder}/{document}"
        title = f"{form}: {_one_line(what)}" if _one_line(what) else str(form)
        entries.append((str(number), _day(filed), title, link))
    return entries


def parse(source: Source, body: bytes) -> list[Item]:
    """One source's answer as Items, with the questions and facts each may touch."""
    if source.kind == "feed":
        entries = parse_feed(body)
    elif source.kind == "hf-models":
        entries = parse_hf_models(body, source.url)
    else:
        entries = parse_sec_submissions(body)
    items = []
    for key, date, title, link in entries:
        if source.only is not None and not source.only.search(title):
            continue
        questions, facts = list(source.questions), list(source.facts)
        for rule in source.also:
            if rule.pattern.search(title):
                questions += [q for q in rule.questions if q not in questions]
                facts += [f for f in rule.facts if f not in facts]
        items.append(Item(source.id, key, date, title, link, tuple(questions), tuple(facts)))
    return items


# ---------------------------------------------------------------- fetching

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
            expire_after=requests_cache.EXPIRE_IMMEDIATELY,   # kept, but always asked again:
            always_revalidate=True,                           # If-None-Match / If-Modified-Since
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
    from urllib3.exceptions import (ConnectTimeoutError, MaxRetryError, NameResolutionError,
                                    NewConnectionError, ReadTimeoutError)
    tries = f"{config.retries + 1} tries" if config.retries else "1 try"
    if isinstance(err, RedirectRefused):
        return str(err)
    inner = err.args[0] if err.args else None
    if isinstance(inner, MaxRetryError):
        reason = inner.reason
    else:
        reason = inner if isinstance(inner, BaseException) else None
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


# ---------------------------------------------------------------- state

def empty_state() -> dict:
    return {"version": STATE_VERSION, "reviewed_on": None, "seen": {}}


def load_state(path: Path, shown: str) -> tuple[dict, list[Finding]]:
    """The items already reviewed, per source. A missing file is an empty state (a first run
    lists everything); a damaged one is an error at its line."""
    if not path.exists():
        return empty_state(), []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        return empty_state(), [Finding(shown, err.lineno, err.colno, "watch-state",
                                       f"the state file is not valid JSON: {err.msg}",
                                       "restore it from git (git log -p " + shown + ")")]
    except (OSError, UnicodeDecodeError) as err:
        return empty_state(), [Finding(shown, 1, 1, "watch-state", f"cannot read the state file: {err}",
                                       "restore it from git")]
    seen = data.get("seen") if isinstance(data, dict) else None
    if (not isinstance(seen, dict) or data.get("version") != STATE_VERSION
            or not all(isinstance(v, list) and all(isinstance(k, str) for k in v) for v in seen.values())):
        return empty_state(), [Finding(shown, 1, 1, "watch-state",
                                       f"the state file is not a version {STATE_VERSION} state "
                                       '({"version": 1, "seen": {"source-id": ["item key", ...]}})',
                                       "restore it from git, or write it with python -m hooks watch --ack")]
    return data, []


def new_items(results: list[Result], state: dict, since: str | None) -> list[Item]:
    """Items of the sources that answered which the state has not seen, newest first; items
    dated before `since` are older than the story the site tells and are left out."""
    seen = state.get("seen", {})
    found = []
    for result in results:
        known = set(seen.get(result.source.id, ()))
        for item in result.items:
            if item.key in known or (since and item.date and item.date < since):
                continue
            found.append(item)
    return sorted(found, key=lambda i: (i.date or "9999", i.source, i.key), reverse=True)


def acknowledge(state: dict, items: list[Item], day: str) -> dict:
    """The state once `items` are reviewed: their keys added to their sources' lists (sorted,
    so that the file's diffs stay small)."""
    seen = {k: set(v) for k, v in state.get("seen", {}).items()}
    for item in items:
        seen.setdefault(item.source, set()).add(item.key)
    return {"version": STATE_VERSION, "reviewed_on": day,
            "seen": {k: sorted(v) for k, v in sorted(seen.items())}}


def write_state(path: Path, state: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
