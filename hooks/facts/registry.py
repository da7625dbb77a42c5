"""The fact registry: load `facts/registry.yaml`, check its schema, give typed values.

Every scalar is read as text (so 17 stays the Decimal 17 and 2025-04-05 stays a date string),
and every field keeps its line so a problem names `file:line`, the fact id and the field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path


from hooks.core.findings import Finding
from hooks.facts.entries import EntryReader, did_you_mean
from hooks.facts.registry_rules import (_check_events, _check_review_needed, _check_source_kinds,
                                        _check_supersession)
from hooks.facts.values import LANGS, SCALES, UNITS, Date, Quantity, Quote, Text, ValueError_, parse_iso_date
from hooks.facts.yamlnodes import Node, read_yaml

TYPES = ("number", "range", "date", "text", "quote")
STATUSES = ("reported", "confirmed", "superseded", "disputed")
CONFIDENCES = ("verified-primary", "verified-secondary", "unverified")
# What a source is: the party's own record (company, paper, filing, model card), a news
# organisation's report of it, or a relay (a copy or retelling of someone else's report).
KINDS = ("primary", "report", "relay")
QUOTE_FIELDS = ("original", "lang", *LANGS)   # a rendering in each language the site has
LANG_TAG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DEVANAGARI_RE = re.compile("[\u0900-\u097f]")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An https URL that cannot break out of an HTML attribute or a Markdown link: no spaces,
# quotes, angle brackets, parentheses, square or curly brackets, backticks or backslashes.
URL_RE = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#][^\s\"'<>()\[\]{}`\\]*)?$")
# A figure whose commas separate thousands: 1,700 and 12,345,678 (groups of three), or 1,00,000
# and 12,34,56,789 (lakh and crore: groups of two, then three); a decimal part may follow.
# Any other comma (1,7 or 1,70 or 17,) may be a decimal comma and is refused.
GROUPED_RE = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})(?:\.\d+)?")
# The largest number a fact may hold (after its scale): anything bigger is a typo, not a figure.
LIMIT = Decimal(10) ** 18
FACT_FIELDS = ("id", "topic", "label", "type", "unit", "scale", "value", "min", "max", "as_of",
               "status", "superseded_by", "confidence", "sources", "note", "speaker", "event",
               "checked", "review_by", "settled", "series")
SOURCE_FIELDS = ("title", "publisher", "url", "published", "kind", "about")
# The fields an entry must have: the reader refuses an entry without one, and the JSON Schema
# (hooks/facts/schema.py) requires the same. Others are optional, or required by the type.
REQUIRED_FACT_FIELDS = ("id", "topic", "label", "type", "as_of", "status", "sources")
REQUIRED_SOURCE_FIELDS = ("title", "publisher", "url", "published", "kind")
TOP_FIELDS = ("topics", "facts")


@dataclass
class Source:
    title: str
    publisher: str
    url: str
    published: str
    kind: str = "report"   # primary | report | relay
    about: dict | None = None   # {en:, hi:}: our remark on the source ("citing Reuters"), not its title


@dataclass
class Fact:
    id: str
    topic: str
    label: dict
    value: object          # Quantity | Date | Text
    as_of: Date
    status: str
    sources: list
    line: int
    superseded_by: str | None = None
    confidence: str | None = None
    note: dict | None = None       # {en:, hi:}: shown on the Sources page (a Hindi note is required)
    type: str = ""                 # number | range | date | text | quote
    checked: str | None = None     # YYYY-MM-DD: last checked against its source
    review_by: str | None = None   # YYYY-MM-DD: check it again by then
    speaker: dict | None = None    # quotes: {en:, hi:}
    event: str | None = None       # dated facts: the event it records (one event, one fact)
    settled: bool = False          # the latest of a chain whose value can no longer change
    series: dict | None = None     # first fact of a chain: what the chain follows {en:, hi:}
    lines: dict = field(default_factory=dict)   # field name -> line


@dataclass
class Registry:
    path: str
    topics: dict = field(default_factory=dict)   # key -> {en:, hi:}
    facts: dict = field(default_factory=dict)    # id -> Fact
    invalid: set = field(default_factory=set)    # ids of entries refused for a problem
    unreadable: bool = False                     # the file could not be read as a registry

    def publishers(self) -> set[str]:
        """Every source's publisher, as the source lists print it."""
        return {source.publisher for fact in self.facts.values() for source in fact.sources
                if source.publisher}


# ---------------------------------------------------------------- schema

class _Fact(EntryReader):
    """Collects the problems of one fact while reading its fields."""

    KIND = "fact"
    FIELDS = FACT_FIELDS
    UNKNOWN_RULE = "registry-unknown-field"

    def required(self, name: str) -> bool:
        return name in REQUIRED_FACT_FIELDS

    def by_lang(self, name: str, required: bool | None = None) -> dict | None:
        required = name in REQUIRED_FACT_FIELDS if required is None else required
        node = self.fields.get(name)
        if node is None:
            if required:
                self.problem(name, "is missing", f"add '{name}:' with 'en:' and 'hi:' under it")
            return None
        if not isinstance(node.value, dict) or any(
                not isinstance(node.value.get(lang), Node) or not node.value[lang].value
                for lang in LANGS):
            self.problem(name, "needs an English and a Hindi text",
                         f"write '{name}:' with 'en:' and 'hi:' under it")
            return None
        return {lang: node.value[lang].value for lang in LANGS}

    def decimal(self, name: str) -> Decimal | None:
        raw = self.text(name, required=True)   # value, min, max: required by the fact's type
        if raw is None:
            return None
        if "," in raw and not GROUPED_RE.fullmatch(raw.strip()):
            self.problem(name, f"'{raw}' is ambiguous: a comma here is not a thousands separator "
                         "(groups of three digits, or lakh and crore), so it may be a decimal comma",
                         f"write a decimal point ({raw.replace(',', '.')}) or the digits without "
                         f"commas ({raw.replace(',', '')})")
            return None
        try:
            number = Decimal(raw.replace(",", "").replace("_", ""))
        except InvalidOperation:
            self.problem(name, f"'{raw}' is not a number", "write digits, e.g. 65 or 5.576")
            return None
        if not number.is_finite() or abs(number) >= LIMIT:
            self.problem(name, f"'{raw}' is not a finite number of a sensible size",
                         "write the figure in digits, with scale: for millions or billions")
            return None
        return number

    def date(self, name: str, required: bool | None = None) -> Date | None:
        raw = self.text(name, required)
        if raw is None:
            return None
        try:
            return parse_iso_date(raw)
        except ValueError_ as err:
            self.problem(name, str(err), "write YYYY, YYYY-MM or YYYY-MM-DD", "registry-date")
            return None

    def choice(self, name: str, options, default=None) -> str | None:
        raw = self.text(name, required=default is None)
        if raw is None:
            return default
        if raw not in options:
            self.problem(name, f"'{raw}' is not one of {', '.join(options)}",
                         f"use one of: {', '.join(options)}")
            return None
        return raw


def _value(entry: _Fact) -> object | None:
    kind = entry.choice("type", TYPES)
    unit = entry.choice("unit", UNITS, default="count")
    scale_name = entry.choice("scale", tuple(SCALES), default="one")
    scale = SCALES.get(scale_name or "one", Decimal(1))
    if kind == "number":
        value = entry.decimal("value")
        if value is not None and unit == "count" and value <= 0:
            entry.problem("value", f"a count must be above zero, not {value}",
                          "write the number of things counted")
            return None
        return None if value is None else Quantity(value * scale, None, unit, scale_name)
    if kind == "range":
        lo, hi = entry.decimal("min"), entry.decimal("max")
        if lo is None or hi is None:
            return None
        if unit == "count" and lo <= 0:
            entry.problem("min", f"a count must be above zero, not {lo}",
                          "write the number of things counted")
            return None
        if lo >= hi:
            entry.problem("max", f"max {hi} is not above min {lo}", "swap min and max")
            return None
        return Quantity(lo * scale, hi * scale, unit, scale_name)
    if kind == "date":
        return entry.date("value", required=True)
    if kind == "text":
        texts = entry.by_lang("value", required=True)
        return None if texts is None else Text(tuple(texts.items()))
    if kind == "quote":
        return _quote(entry)
    return None


def _quote(entry: _Fact) -> Quote | None:
    """value: {original, lang, en, hi}: the words as said, their language, both renderings."""
    node = entry.fields.get("value")
    if node is None or not isinstance(node.value, dict):
        entry.problem("value", "a quote needs original:, lang:, en: and hi: under value:",
                      "write 'value:' with 'original:' (the words exactly as said), 'lang:', "
                      "'en:' and 'hi:' under it", "registry-quote")
        return None
    data = node.value
    for key in data:
        if key not in QUOTE_FIELDS:
            entry.findings.append(Finding(entry.path, data[key].line, 1, "registry-quote",
                                          f"fact '{entry.id}', field 'value.{key}': is not a part "
                                          "of a quote", did_you_mean(key, QUOTE_FIELDS)))
    got = {}
    for key in QUOTE_FIELDS:
        sub = data.get(key)
        if sub is None or not isinstance(sub.value, str) or not sub.value.strip():
            what = ("a quote without its original: write the words exactly as said or written, "
                    "copied from the source" if key == "original" else "is missing")
            entry.findings.append(Finding(entry.path, sub.line if sub else node.line, 1,
                                          "registry-quote", f"fact '{entry.id}', field "
                                          f"'value.{key}': {what}",
                                          f"add '{key}:' under value: (see facts/SCHEMA.md, quotes)"))
            continue
        got[key] = sub.value
    if len(got) < len(QUOTE_FIELDS):
        return None
    if not LANG_TAG_RE.match(got["lang"]):
        entry.findings.append(Finding(entry.path, data["lang"].line, 1, "registry-quote",
                                      f"fact '{entry.id}', field 'value.lang': '{got['lang']}' is "
                                      "not a language code", "write a code such as en, hi or fr"))
        return None
    if got["lang"] in LANGS and " ".join(got[got["lang"]].split()) != " ".join(got["original"].split()):
        entry.findings.append(Finding(entry.path, data[got["lang"]].line, 1, "registry-quote",
                                      f"fact '{entry.id}', field 'value.{got['lang']}': differs "
                                      f"from the original, which is in that language",
                                      f"make '{got['lang']}:' the original words exactly"))
        return None
    return Quote(got["original"], got["lang"], got["en"], got["hi"])


SOURCE_FIELD_HINTS = {"kind": "add 'kind: primary' (the party's own record), 'kind: report' (a news "
                                "organisation's report) or 'kind: relay' (a copy of someone else's report)"}


def _sources(entry: _Fact) -> list[Source]:
    node = entry.fields.get("sources")
    if node is None or not isinstance(node.value, list) or not node.value:
        entry.problem("sources", "a fact needs at least one source",
                      "add 'sources:' with title, publisher, url and published", "registry-source")
        return []
    found = []
    for item in node.value:
        data = item.value if isinstance(item.value, dict) else {}
        if not isinstance(item.value, dict):
            entry.findings.append(Finding(entry.path, item.line, 1, "registry-source",
                                          f"fact '{entry.id}', field 'sources': each source must be "
                                          "a map of title, publisher, url and published",
                                          "write '- title: ...' with the other fields under it"))
            continue
        def get(key):
            sub = data.get(key)
            return sub.value if sub and isinstance(sub.value, str) else None
        def bad(key, message, hint):
            line = data[key].line if key in data else item.line
            entry.findings.append(Finding(entry.path, line, 1, "registry-source",
                                          f"fact '{entry.id}', field 'sources.{key}': {message}", hint))
        for key in data:
            if key not in SOURCE_FIELDS:
                bad(key, "is not a field of a source", did_you_mean(key, SOURCE_FIELDS))
        title, publisher, url, published = get("title"), get("publisher"), get("url"), get("published")
        kind = get("kind")
        for key in REQUIRED_SOURCE_FIELDS:
            if not get(key):
                bad(key, "is missing", SOURCE_FIELD_HINTS.get(key, f"add '{key}:' to the source"))
        if kind and kind not in KINDS:
            bad("kind", f"'{kind}' is not one of {', '.join(KINDS)}", did_you_mean(kind, KINDS))
            kind = None
        if url and not URL_RE.match(url):
            bad("url", f"'{url}' is not an https URL without spaces, quotes or brackets",
                "link the https address of the page; write a space as %20, ( ) as %28 %29, "
                "quotes as %22 %27")
        if published and published != "undated":
            try:
                parse_iso_date(published)
            except ValueError_ as err:
                bad("published", str(err), "write YYYY, YYYY-MM or YYYY-MM-DD, or the word undated")
        if title and publisher and url and published and kind:
            found.append(Source(title, publisher, url, published, kind, _about(data, bad)))
    return found


def _about(data: dict, bad) -> dict | None:
    """A source's `about: {en:, hi:}`: what we say about it (whose report it cites, that it is a
    copy), kept out of its title so that each page shows it in its own language."""
    node = data.get("about")
    if node is None:
        return None
    got = node.value if isinstance(node.value, dict) else {}
    texts = {lang: got[lang].value for lang in LANGS
             if isinstance(got.get(lang), Node) and isinstance(got[lang].value, str) and got[lang].value.strip()}
    if len(texts) < len(LANGS):
        bad("about", "needs an English and a Hindi text", "write 'about: {en: ..., hi: ...}'")
        return None
    if not _DEVANAGARI_RE.search(texts["hi"]):
        bad("about", "has no Hindi in its hi: text", "write the remark in Hindi (names stay as they are)")
        return None
    return texts


def parse_registry(root: Node | None, path: str) -> tuple[Registry, list[Finding]]:
    registry = Registry(path)
    findings: list[Finding] = []
    if root is None:
        return registry, findings
    if not isinstance(root.value, dict):
        registry.unreadable = True
        return registry, [Finding(path, root.line, 1, "registry-field",
                                  "the registry must be a map with topics: and facts:",
                                  "start the file with 'topics:' (see facts/SCHEMA.md)")]
    top = root.value
    for key, node in top.items():
        if key not in TOP_FIELDS:
            findings.append(Finding(path, node.line, 1, "registry-unknown-field",
                                    f"'{key}:' is not a part of the registry",
                                    did_you_mean(key, TOP_FIELDS)))
    topics = top.get("topics")
    if topics is None:
        findings.append(Finding(path, root.line, 1, "registry-field", "'topics:' is missing",
                                "add a topics: map (see facts/SCHEMA.md)"))
    elif not isinstance(topics.value, dict):
        findings.append(Finding(path, topics.line, 1, "registry-field",
                                "'topics:' must be a map of topic keys, each with en: and hi: names",
                                "write 'topics:', then '  key:' with 'en:' and 'hi:' under it"))
    else:
        for key, node in topics.value.items():
            names = node.value if isinstance(node.value, dict) else {}
            if not all(isinstance(names.get(lang), Node) and isinstance(names[lang].value, str)
                       and names[lang].value for lang in LANGS):
                findings.append(Finding(path, node.line, 1, "registry-field",
                                        f"topic '{key}' needs en: and hi: names", "add both names"))
                continue
            registry.topics[key] = {lang: names[lang].value for lang in LANGS}
    facts = top.get("facts")
    if facts is None or not isinstance(facts.value, list):
        findings.append(Finding(path, facts.line if facts else root.line, 1, "registry-field",
                                "'facts:' is missing" if facts is None else "'facts:' must be a list",
                                "add a facts: list of '- id: ...' entries (see facts/SCHEMA.md)"))
        registry.unreadable = True
        return registry, findings
    for index, node in enumerate(facts.value):
        entry = _Fact(path, node, index)
        fact_id = entry.text("id")
        if fact_id and not ID_RE.match(fact_id):
            entry.problem("id", f"'{fact_id}' is not lower-case words joined by hyphens",
                          "use a-z, 0-9 and hyphens, e.g. llama4-release-date")
        if fact_id in registry.facts:
            entry.problem("id", f"the id is already used on line {registry.facts[fact_id].line}",
                          "give each fact its own id", "registry-duplicate")
        topic = entry.text("topic")
        if topic and registry.topics and topic not in registry.topics:
            entry.problem("topic", f"unknown topic '{topic}'", f"use one of: {', '.join(registry.topics)}")
        label = entry.by_lang("label")
        value = _value(entry)
        as_of = entry.date("as_of")
        status = entry.choice("status", STATUSES)
        superseded_by = entry.text("superseded_by", required=False)
        if status == "superseded" and not superseded_by:
            entry.problem("superseded_by", "a superseded fact must name the fact that replaced it",
                          "add 'superseded_by: <id>'")
        confidence = entry.choice("confidence", CONFIDENCES, default="verified-secondary")
        sources = _sources(entry)
        note = _note(entry)
        kind = entry.fields["type"].value if "type" in entry.fields else ""
        kind = kind if isinstance(kind, str) else ""
        speaker = entry.by_lang("speaker", required=kind == "quote")
        event = entry.text("event", required=False)
        if event and not ID_RE.match(event):
            entry.problem("event", f"'{event}' is not lower-case words joined by hyphens",
                          "name the event like an id, e.g. llama4-release")
        checked, review_by = _review_dates(entry)
        series = entry.by_lang("series", required=False)
        settled = entry.choice("settled", ("true", "false"), default="false") == "true"
        findings.extend(entry.findings)
        if fact_id and not entry.findings:
            registry.facts[fact_id] = Fact(fact_id, topic, label, value, as_of, status, sources,
                                           node.line, superseded_by, confidence, note,
                                           type=kind, checked=checked, review_by=review_by,
                                           speaker=speaker, event=event, settled=settled,
                                           series=series,
                                           lines={k: v.line for k, v in entry.fields.items()})
        elif fact_id:
            registry.invalid.add(fact_id)
    findings += _check_supersession(registry, path)
    findings += _check_source_kinds(registry, path)
    findings += _check_review_needed(registry, path)
    findings += _check_events(registry, path)
    return registry, findings


def _note(entry: _Fact) -> dict | None:
    """note: {en:, hi:}. The Hindi Sources page shows the Hindi note, so an English note without
    one (a bare string, or en: alone), or a Hindi note with no Hindi in it, is a finding."""
    node = entry.fields.get("note")
    if node is None or node.value is None:
        return None
    hint = ("write 'note:' with 'en:' and 'hi:' under it; the Hindi is Hindi prose written to "
            "HINDI-STYLE.md, names and quoted originals as they are")
    if isinstance(node.value, str):
        entry.problem("note", "is English only: the Hindi Sources page would show it in English",
                      hint, "registry-note-hindi")
        return None
    data = node.value if isinstance(node.value, dict) else {}
    hi = data.get("hi")
    if data.get("en") is not None and (hi is None or not isinstance(hi.value, str) or not hi.value.strip()):
        entry.problem("note", "has an English text and no Hindi one", hint, "registry-note-hindi")
        return None
    if isinstance(hi, Node) and isinstance(hi.value, str) and not _DEVANAGARI_RE.search(hi.value):
        entry.findings.append(Finding(entry.path, hi.line, 1, "registry-note-hindi",
                                      f"fact '{entry.id}', field 'note.hi': has no Hindi in it", hint))
        return None
    return entry.by_lang("note", required=False)


def _review_dates(entry: _Fact) -> tuple[str | None, str | None]:
    """checked: and review_by: are full dates; review_by needs checked, and comes after it.
    checked: alone is a fact that does not change, compared with its source on that day."""
    got = {}
    for name in ("checked", "review_by"):
        raw = entry.text(name, required=False)
        if raw is None:
            continue
        if not FULL_DATE_RE.match(raw):
            entry.problem(name, f"'{raw}' is not a full date", "write YYYY-MM-DD", "registry-date")
            continue
        try:
            parse_iso_date(raw)
        except ValueError_ as err:
            entry.problem(name, str(err), "write YYYY-MM-DD", "registry-date")
            continue
        got[name] = raw
    checked, review_by = got.get("checked"), got.get("review_by")
    if review_by and checked is None and not any(
            f.rule == "registry-date" for f in entry.findings):
        entry.problem("checked", "a fact to check again by a date needs the date it was last checked",
                      "write 'checked: YYYY-MM-DD' (the day you compared it with its source)",
                      "registry-review")
    elif checked and review_by and checked >= review_by:
        entry.problem("review_by", f"{review_by} is not after checked: {checked}",
                      "review_by is the date to check the fact again, after the last check",
                      "registry-review")
    return checked, review_by


def load(path: Path, shown: str | None = None) -> tuple[Registry, list[Finding]]:
    """Read and check the registry; problems name the file as `shown` (default: path)."""
    shown = shown or str(path)
    root, findings = read_yaml(path)
    findings = [Finding(shown, f.line, f.col, f.rule, f.message, f.hint) for f in findings]
    registry, more = parse_registry(root, shown)
    registry.unreadable = registry.unreadable or root is None
    return registry, findings + more
