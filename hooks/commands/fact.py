"""`python -m hooks fact add` (write a new fact into the registry) and `python -m hooks fact find
WORDS` (search the registry's ids, labels and values).

`fact add` takes every field as an option, and asks for the missing ones when it runs in a
terminal. The entry is written as YAML by ruamel.yaml (the layout of the file's own entries:
two-space indents, quoted titles) and inserted as text after the last fact of its topic, so that
every other byte of the registry, comments and order included, stays as it was. Before anything
is written, the registry with the new entry is checked by hooks/facts/registry.py, the loader the build
uses: a problem with the new entry is refused with the build's own message, and nothing changes.
An id that exists, or a value and date that another fact already records, is refused with the
line of the fact that has it.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import sys
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path

from hooks.facts import registry as registry_mod
from hooks.facts.yamlnodes import read_yaml
from hooks.facts.values import LANGS, SCALES, UNITS, Date, Quantity, ValueError_, parse_iso_date, render
from hooks.facts.written import parse_quantity
from hooks.commands.common import EXIT_FOUND, EXIT_OK, UsageError, project_root

REGISTRY = "facts/registry.yaml"
SCALE_NAMES = {factor: name for name, factor in SCALES.items()}
DATE_VALUE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

# (option, prompt) in the order a contributor is asked; None: optional, not asked.
FIELDS = (
    ("id", "id (lower-case words, digits and hyphens, e.g. llama3-1-family-gpu-hours)"),
    ("topic", "topic"),
    ("label_en", "label in English (what the fact is, one short phrase)"),
    ("label_hi", "label in Hindi"),
    ("value", "value (e.g. 39.3 million, $60-65 billion, 17%, 2025-04-05)"),
    ("date", "as of (YYYY, YYYY-MM or YYYY-MM-DD: the date the value holds as of)"),
    ("source_title", "source title"),
    ("source_publisher", "source publisher"),
    ("source_url", "source url (https)"),
    ("source_published", "source published (YYYY, YYYY-MM, YYYY-MM-DD or undated)"),
    ("source_kind", "source kind (primary: the party's own record; report: a news "
                    "organisation's report; relay: a copy of someone else's report)"),
)


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="fact_command", metavar="add|find|schema")
    a = sub.add_parser("add", help="add a fact to facts/registry.yaml (asks for what is missing)",
                       description="Add a fact to facts/registry.yaml. Missing options are asked "
                       "for when the command runs in a terminal.")
    a.add_argument("--root", help="the project folder (default: the nearest folder with mkdocs.yml)")
    a.add_argument("--id", help="the fact's id: lower-case words, digits and hyphens")
    a.add_argument("--topic", help="one of the topics at the top of the registry")
    a.add_argument("--label-en", help="what the fact is, in English")
    a.add_argument("--label-hi", help="what the fact is, in Hindi")
    a.add_argument("--value", help="39.3 million, 405B, $60-65 billion, 17%%, or a date 2025-04-05")
    a.add_argument("--unit", choices=UNITS, help="count (default), USD, INR or percent "
                   "($ and %% in --value say it too)")
    a.add_argument("--date", help="as_of: the date the value holds as of (YYYY, YYYY-MM or YYYY-MM-DD)")
    a.add_argument("--status", choices=registry_mod.STATUSES,
                   help="default: confirmed for a primary source, reported otherwise")
    a.add_argument("--confidence", choices=registry_mod.CONFIDENCES)
    a.add_argument("--checked", metavar="YYYY-MM-DD", help="the day you compared it with its source")
    a.add_argument("--source-title")
    a.add_argument("--source-publisher")
    a.add_argument("--source-url")
    a.add_argument("--source-published", help="YYYY, YYYY-MM, YYYY-MM-DD or undated")
    a.add_argument("--source-kind", choices=registry_mod.KINDS)
    a.add_argument("--note", help="free text shown on the English Sources page (needs --note-hi)")
    a.add_argument("--note-hi", help="the same note in Hindi, written as Hindi (STYLE.hi.md)")
    f = sub.add_parser("find", help="search the registry's ids, labels and values",
                       description="Every fact whose id, labels (English or Hindi) or value, as "
                       "the site writes it, contains all the words.")
    f.add_argument("--root", help="the project folder (default: the nearest folder with mkdocs.yml)")
    f.add_argument("words", nargs="+", help="words to look for, e.g. 405B parameters")


    s = sub.add_parser("schema", help="write facts/registry.schema.json from the registry reader's tables",
                       description="The JSON Schema editors use for facts/registry.yaml, generated from "
                       "hooks/facts/registry.py's fields and choices (hooks/facts/schema.py).")
    s.add_argument("--root", help="the project folder (default: the nearest folder with mkdocs.yml)")
    s.add_argument("--check", action="store_true", help="only say whether the file is up to date (exit 1 if not)")


def cmd_schema(args, out) -> int:
    from hooks.facts import schema
    path = project_root(args) / schema.SCHEMA_FILE
    text = schema.schema_text()
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if current == text:
            print(f"{schema.SCHEMA_FILE} is up to date", file=out)
            return EXIT_OK
        print(f"{schema.SCHEMA_FILE} differs from what the registry reader's tables make: "
              "run python -m hooks fact schema", file=out)
        return EXIT_FOUND
    if current != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {schema.SCHEMA_FILE}", file=out)
    else:
        print(f"{schema.SCHEMA_FILE} is up to date", file=out)
    return EXIT_OK


def run(args, out=None, ask=None) -> int:
    out = out or sys.stdout
    if args.fact_command == "schema":
        return cmd_schema(args, out)
    if args.fact_command == "find":
        return cmd_find(args, out)
    if args.fact_command == "add":
        return cmd_add(args, out, ask)
    raise UsageError("say what to do: python -m hooks fact add ..., python -m hooks fact find WORDS "
                     "or python -m hooks fact schema")


# ---------------------------------------------------------------- find

def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _haystack(fact) -> str:
    parts = [fact.id, *fact.label.values()]
    for lang in LANGS:
        try:
            parts.append(render(fact.value, lang))
        except TypeError:
            pass
    if isinstance(fact.value, Quantity):
        parts += [str(fact.value.lo), str(fact.value.hi or "")]
        word = fact.value.scale or ""
        short = {"thousand": "K", "million": "M", "billion": "B", "trillion": "T"}.get(word)
        if short and not fact.value.is_range:   # 405B, 10M: how the site writes model sizes
            digits = render(Quantity(fact.value.lo, None, "count", word), "en").split()[0]
            parts.append(f"{digits}{short}")
    if isinstance(fact.value, Date):
        parts.append(fact.value.iso())
    return _fold(" ".join(parts))


def _load(root: Path):
    path = root / REGISTRY
    registry, findings = registry_mod.load(path, REGISTRY)
    if registry.unreadable:
        problems = "\n".join(f.format() for f in findings if f.severity == "error")
        raise UsageError(f"{REGISTRY} cannot be read; fix it first:\n{problems}")
    return path, registry, findings


def describe(fact) -> str:
    en, hi = render(fact.value, "en"), render(fact.value, "hi")
    return (f"{REGISTRY}:{fact.line}: {fact.id}: {fact.label['en']}: {en} / {hi} "
            f"(as of {fact.as_of.iso()}, {fact.status})")


def cmd_find(args, out) -> int:
    root = project_root(args)
    _, registry, _ = _load(root)
    words = [_fold(w) for w in args.words if w.strip()]
    if not words:
        raise UsageError("give a word to look for, e.g. python -m hooks fact find 405B")
    hits = [f for f in registry.facts.values() if all(w in _haystack(f) for w in words)]
    for fact in hits:
        print(describe(fact), file=out)
        print(f"    cite it as [](fact:{fact.id})", file=out)
    if not hits:
        print(f"no fact matches {' '.join(args.words)} (ids, labels in both languages and values "
              "are searched)", file=out)
        return EXIT_FOUND
    print(f"{len(hits)} fact{'s' if len(hits) != 1 else ''} found", file=out)
    return EXIT_OK


# ---------------------------------------------------------------- add

def _ask_terminal(prompt: str, choices=None) -> str:
    hint = f" [{'/'.join(choices)}]" if choices else ""
    try:
        return input(f"{prompt}{hint}: ").strip()
    except EOFError:
        return ""


def _fill(args, registry, ask) -> None:
    """Ask for every missing required field (in a terminal), or refuse naming them all."""
    missing = [(name, prompt) for name, prompt in FIELDS if not getattr(args, name, None)]
    if not missing:
        return
    if ask is None:
        if not sys.stdin.isatty():
            options = ", ".join("--" + name.replace("_", "-") for name, _ in missing)
            raise UsageError(f"missing {options} (run the command in a terminal to be asked "
                             "for each one)")
        ask = _ask_terminal
    for name, prompt in missing:
        choices = (list(registry.topics) if name == "topic" else
                   list(registry_mod.KINDS) if name == "source_kind" else None)
        answer = ask(prompt, choices)
        if not answer:
            raise UsageError(f"no {name.replace('_', ' ')} given; nothing was written")
        setattr(args, name, answer)


def _number(text: Decimal):
    """A registry number as YAML writes it: 16, 39.3 (never 3.93E+1)."""
    if text == text.to_integral_value():
        return int(text)
    return float(format(text.normalize(), "f"))


def _yaml_date(text: str):
    """2025-04-05 as a date (written plain, as the registry's), 2025 as a number, 2025-04 as is."""
    d = parse_iso_date(text)
    if d.day:
        return dt.date(d.year, d.month, d.day)
    return d.year if not d.month else text


def _value_fields(args) -> dict:
    """type and value (or min, max), scale and unit, from --value and --unit."""
    raw = " ".join(str(args.value).split())
    if DATE_VALUE_RE.match(raw):
        try:
            parse_iso_date(raw)
        except ValueError_ as err:
            raise UsageError(f"--value {raw}: {err}") from None
        if args.unit:
            raise UsageError(f"--value {raw} is a date: a date has no --unit")
        return {"type": "date", "value": _yaml_date(raw)}
    try:
        written = parse_quantity(raw, "en")
    except ValueError_ as err:
        raise UsageError(f"--value {raw}: {err} (write e.g. 39.3 million, 405B, $60-65 billion, "
                         "17%, or a date as YYYY-MM-DD)") from None
    unit = args.unit or written.unit or "count"
    if written.unit and args.unit and written.unit != args.unit:
        raise UsageError(f"--value {raw} says {written.unit}, --unit says {args.unit}: give one")
    scale = SCALE_NAMES.get(written.scale)
    lo, hi = written.lo, written.hi
    if scale is None:                      # lakh, crore: kept as the plain number
        lo, hi, scale = lo * written.scale, hi * written.scale if hi is not None else None, "one"
    fields = {"type": "range" if hi is not None else "number"}
    if hi is not None:
        fields.update(min=_number(lo), max=_number(hi))
    else:
        fields["value"] = _number(lo)
    if scale != "one":
        fields["scale"] = scale
    if unit != "count":
        fields["unit"] = unit
    return fields


def build_entry(args) -> dict:
    """The new fact as a ruamel mapping, fields in the order of facts/SCHEMA.md."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Quoted
    entry = CommentedMap()
    entry["id"] = args.id.strip()
    entry["topic"] = args.topic.strip()
    entry["label"] = CommentedMap(en=args.label_en.strip(), hi=args.label_hi.strip())
    entry.update(_value_fields(args))
    try:
        entry["as_of"] = _yaml_date(args.date.strip())
    except ValueError_ as err:
        raise UsageError(f"--date {args.date}: {err} (write YYYY, YYYY-MM or YYYY-MM-DD)") from None
    kind = args.source_kind.strip()
    entry["status"] = args.status or ("confirmed" if kind == "primary" else "reported")
    if args.checked:
        try:
            entry["checked"] = dt.date.fromisoformat(args.checked)
        except ValueError:
            raise UsageError(f"--checked {args.checked}: write the day as YYYY-MM-DD") from None
    if args.confidence:
        entry["confidence"] = args.confidence
    source = CommentedMap()
    source["title"] = Quoted(args.source_title.strip())
    source["publisher"] = args.source_publisher.strip()
    source["kind"] = kind
    source["url"] = args.source_url.strip()
    published = args.source_published.strip()
    try:
        source["published"] = published if published == "undated" else _yaml_date(published)
    except ValueError_ as err:
        raise UsageError(f"--source-published {published}: {err} (write YYYY, YYYY-MM, "
                         "YYYY-MM-DD or undated)") from None
    entry["sources"] = [source]
    note_hi = (getattr(args, "note_hi", None) or "").strip()
    if args.note or note_hi:
        if not (args.note or "").strip() or not note_hi:
            raise UsageError("a note needs both languages: --note \"...\" --note-hi \"...\" (the Hindi "
                             "Sources page shows the Hindi note)")
        entry["note"] = {"en": args.note.strip(), "hi": note_hi}
    return entry


def entry_text(entry, offset: int = 2) -> str:
    """The entry as the registry's own entries are written: '  - id: ...' with two-space indents."""
    from ruamel.yaml import YAML
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    buf = io.StringIO()
    y.dump([entry], buf)              # ruamel indents the list itself by `offset`
    return buf.getvalue()


def _entries(path: Path) -> list:
    """The (line, id) of every entry of facts:, read by the build's YAML reader."""
    root, _ = read_yaml(path)
    facts = root.value.get("facts") if root and isinstance(root.value, dict) else None
    if facts is None or not isinstance(facts.value, list):
        return []
    found = []
    for node in facts.value:
        idnode = node.value.get("id") if isinstance(node.value, dict) else None
        found.append((node.line, idnode.value if idnode else None))
    return found


def insertion_line(lines: list[str], entries: list, topic_lines: list[int]) -> int:
    """The 0-based index of the line after the last fact of the topic (or the last fact), its
    trailing blank lines and comments left with what follows them."""
    starts = sorted(line for line, _ in entries)
    last = max(topic_lines) if topic_lines else starts[-1]
    later = [s for s in starts if s > last]
    end = (later[0] - 1) if later else len(lines)      # 1-based line before the next entry
    while end > last and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _same_value(a, b) -> bool:
    if isinstance(a, Quantity) and isinstance(b, Quantity):
        return (a.lo, a.hi, a.unit) == (b.lo, b.hi, b.unit)
    if isinstance(a, Date) and isinstance(b, Date):
        return a == b
    return False


def cmd_add(args, out, ask=None) -> int:
    root = project_root(args)
    path, registry, before = _load(root)
    entries = _entries(path)

    def refuse_known_id():
        for line, existing in entries:
            if args.id and existing == args.id.strip():
                raise UsageError(f"{REGISTRY}:{line}: fact '{existing}' already exists (cite it "
                                 f"as [](fact:{existing}), or choose another id)")

    refuse_known_id()                  # before asking for the rest
    _fill(args, registry, ask)
    refuse_known_id()
    fact_id = args.id.strip()
    if not registry_mod.ID_RE.match(fact_id):
        raise UsageError(f"--id {fact_id}: use lower-case words, digits and hyphens, e.g. "
                         "llama3-1-family-gpu-hours")
    entry = build_entry(args)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    topic_lines = [f.line for f in registry.facts.values() if f.topic == entry["topic"]]
    at = insertion_line(lines, entries, topic_lines) if entries else len(lines)
    new = entry_text(entry).splitlines(keepends=True)
    block = (["\n"] if at and lines[at - 1].strip() and entries else []) + new
    edited = "".join(lines[:at] + block + lines[at:])
    first = at + len(block) - len(new) + 1            # 1-based first and last line of the entry
    last = first + len(new) - 1
    # The registry with the new entry, read by the build's own loader.
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / "registry.yaml"
        candidate.write_text(edited, encoding="utf-8")
        after, findings = registry_mod.load(candidate, REGISTRY)
    # Every rule of the loader that can concern a new entry reports at one of its lines (the
    # whole-registry rules too: relay-only at its status, same-event at the later fact, which
    # is the new one, since it goes after the last fact of its topic).
    mine = [f for f in findings if f.severity == "error" and first <= f.line <= last]
    if mine or fact_id not in after.facts:
        def where(f):
            if first <= f.line <= last:
                return f"new entry, its line {f.line - first + 1} ({new[f.line - first].strip()})"
            return f"{f.path}:{f.line}"
        shown = "\n".join(f"  {where(f)}: {f.rule}: {f.message}" + (f" (fix: {f.hint})" if f.hint else "")
                           for f in mine) or f"  fact '{fact_id}' was not accepted"
        raise UsageError(f"the new fact does not pass the registry's checks (the build's own); "
                         f"nothing was written:\n{shown}")
    fact = after.facts[fact_id]
    for other in registry.facts.values():
        if other.as_of == fact.as_of and _same_value(other.value, fact.value):
            raise UsageError(f"{REGISTRY}:{other.line}: fact '{other.id}' already records "
                             f"{render(fact.value, 'en')} as of {fact.as_of.iso()} "
                             f"({other.label['en']}); cite it as [](fact:{other.id}), or, if "
                             "yours is a different figure, say how in its label and value")
    path.write_text(edited, encoding="utf-8")
    print(f"{REGISTRY}:{first}: added fact '{fact_id}' ({entry['topic']}, {fact.status}):", file=out)
    print("".join(new).rstrip("\n"), file=out)
    print("cite it on both pages (the build writes the value in each page's language):", file=out)
    for lang in LANGS:
        print(f"  {lang}: [](fact:{fact_id})   prints {render(fact.value, lang)}", file=out)
    print("next: python -m hooks check (a fact no page cites is a warning)", file=out)
    return EXIT_OK
