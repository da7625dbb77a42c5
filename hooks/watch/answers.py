"""Each source's answer as Items: Atom and RSS through feedparser, and the documented JSON of
Hugging Face's model listing and of the SEC's submissions file. A malformed answer raises
SourceError, in words for the editor."""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from hooks.watch.config import DATE_RE, Source


class SourceError(Exception):
    """What went wrong with one source, in words for the editor."""



@dataclass(frozen=True)
class Item:
    source: str
    key: str          # what identifies the item in its source (entry id, model id, accession number)
    date: str         # YYYY-MM-DD, or "" when the source gives none
    title: str
    link: str
    questions: tuple = ()
    facts: tuple = ()



def _day(value) -> str:
    """YYYY-MM-DD from an ISO timestamp or a time.struct_time, else ""."""
    if value is None:
        return ""
    if hasattr(value, "tm_year"):
        return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    text = str(value)
    return text[:10] if DATE_RE.match(text[:10]) else ""


def _one_line(text) -> str:
    """Text on one line, without control or format characters (a feed's title must not move the
    terminal's cursor or start a CI workflow command)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in str(text or ""))
    return " ".join(printable.split())


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
        link = _one_line(entry.get("link", ""))
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
        link = _one_line(f"https://www.sec.gov/Archives/edgar/data/{cik}/{folder}/{document}")
        title = f"{_one_line(form)}: {_one_line(what)}" if _one_line(what) else _one_line(form)
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
