"""The contributor's command line: `python -m hooks <command>`.

    check    every Markdown-level check (facts, translations, Hindi, links), as the build runs them
    new      start a page in both languages and add it to the nav
    status   which Hindi pages are up to date with their English
    ack      record that a Hindi page was reviewed against the current English
    links    the links of the sources; with --online, external URLs over the network
    facts    facts with review dates; --due lists those due to be checked again (exit 1 if any)

Exit status: 0 when all is well, 1 when a check found errors, 2 for a bad command or argument.
The same commands run in pre-commit, CI and on a laptop.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, replace
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import checks, freshness, links, review
from .external_links import (BROKEN, DEFAULT_PROBE, OK, UNVERIFIED, USER_AGENT, OnlineChecker,
                             collect_external_urls, network_available, parse_time, read_cache,
                             write_cache)
from .findings import Finding
from .mdscan import read_pages, twins

PROJECT = "llama4-explainer"
EXIT_OK, EXIT_FOUND, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad command, argument or page name: reported in one line, exit status 2."""


# ---------------------------------------------------------------- shared helpers

def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds mkdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise UsageError(f"no mkdocs.yml in {start} or above: run this in the project, or pass --root")


def _root(args) -> Path:
    if args.root is None:
        return find_root(Path.cwd())
    root = Path(args.root).resolve()
    if not (root / "mkdocs.yml").is_file():
        raise UsageError(f"{root} has no mkdocs.yml")
    return root


def load_config(root: Path) -> dict:
    """mkdocs.yml as data, tolerating MkDocs' custom tags (!ENV, !!python/name...)."""
    try:
        return checks.mkdocs_config(root)
    except yaml.YAMLError as err:
        raise UsageError(f"mkdocs.yml is not valid YAML: {err}") from None


def shown_path(path: str, root: Path) -> str:
    """A finding's path relative to the project root (the registry is loaded by absolute path)."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(root).as_posix()
        except ValueError:
            return path
    return path


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(findings) -> str:
    n_err = sum(1 for f in findings if f.severity == "error")
    return f"{_plural(n_err, 'error')}, {_plural(len(findings) - n_err, 'warning')}"


def on_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def print_findings(findings, fmt: str = "text", out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        n_err = sum(1 for f in findings if f.severity == "error")
        json.dump({"findings": [asdict(f) for f in findings], "errors": n_err,
                   "warnings": len(findings) - n_err}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "text":
        for f in findings:
            print(f.format() + (" [warning]" if f.severity == "warning" else ""), file=out)
    if fmt == "github" or on_github():
        for f in findings:
            print(f.github(), file=out)
    print(summary(findings), file=out)


def page_key(name: str, pages: dict) -> str:
    """The twin key (English file name, docs-relative) for what a contributor may type:
    moe, moe.md, moe.hi.md, docs/moe.hi.md, llama4/index."""
    key = name.strip().replace("\\", "/")
    key = re.sub(r"^\./", "", key)
    key = re.sub(r"^docs/", "", key)
    key = re.sub(r"\.hi\.md$", ".md", key)
    if not key.endswith(".md"):
        key += ".md"
    if any(p.twin_key == key for p in pages.values()):
        return key
    known = sorted({p.twin_key for p in pages.values()})
    import difflib
    close = difflib.get_close_matches(key, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; pages are: {', '.join(known)}"
    raise UsageError(f"no page '{name}' in docs/{hint}")


# ---------------------------------------------------------------- check

def run_checks(root: Path) -> list[Finding]:
    """What the build checks in the Markdown, plus the source link check, without a build."""
    project, findings = checks.load_project(root)
    findings = list(findings) + checks.source_checks(project)
    findings += links.check_source_links(project.pages, docs_dir=project.docs_dir,
                                         languages=project.languages, registry=project.registry)
    return sorted({replace(f, path=shown_path(f.path, root)) for f in findings})


def cmd_check(args) -> int:
    root = _root(args)
    started = time.perf_counter()
    findings = run_checks(root)
    print_findings(findings, args.format)
    if args.format == "text":
        print(f"checked in {time.perf_counter() - started:.2f}s", file=sys.stderr)
    return EXIT_FOUND if any(f.severity == "error" for f in findings) else EXIT_OK


# ---------------------------------------------------------------- status and ack

def translation_status(root: Path) -> list[dict]:
    pages = read_pages(root / "docs", root)
    not_translated = tuple(checks.settings(root).get("not_translated") or ())
    rows = []
    for key, pair in sorted(twins(pages).items()):
        en, hi = pair.get("en"), pair.get("hi")
        if en is None:
            rows.append({"page": key, "status": "no-english", "english": None, "hindi": hi.path})
            continue
        rows.append({"page": key, "status": freshness.status(en, hi, not_translated),
                     "english": en.path, "hindi": hi.path if hi else None})
    return rows


def cmd_status(args) -> int:
    rows = translation_status(_root(args))
    counts = Counter(r["status"] for r in rows)
    if args.json:
        json.dump({"pages": rows, "summary": dict(sorted(counts.items()))}, sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    width = max([len("page")] + [len(r["page"]) for r in rows])
    print(f"{'page':<{width}}  {'status':<14}  hindi")
    for r in rows:
        print(f"{r['page']:<{width}}  {r['status']:<14}  {r['hindi'] or '-'}")
    print(", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "no pages")
    if counts.get(freshness.OUTDATED) or counts.get(freshness.UNRECORDED):
        print("after bringing a translation up to date: python -m hooks ack PAGE")
    return EXIT_OK


def cmd_ack(args) -> int:
    root = _root(args)
    pages = read_pages(root / "docs", root)
    grouped = twins(pages)
    if args.all and args.page:
        raise UsageError("give a page or --all, not both")
    if args.all:
        keys = [k for k, pair in sorted(grouped.items()) if "en" in pair and "hi" in pair]
    elif args.page:
        keys = [page_key(args.page, pages)]
    else:
        raise UsageError("name the page to acknowledge (e.g. python -m hooks ack moe), or pass --all")
    for key in keys:
        pair = grouped[key]
        if "en" not in pair:
            raise UsageError(f"docs/{pair['hi'].rel} has no English original docs/{key}")
        if "hi" not in pair:
            raise UsageError(f"docs/{key} has no Hindi translation yet (docs/{key[:-3]}.hi.md)")
    for key in keys:
        en, hi = grouped[key]["en"], grouped[key]["hi"]
        before = str(hi.meta.get(freshness.KEY, "") or "")
        english = (root / "docs" / en.rel).read_text(encoding="utf-8")
        mark = freshness.record(root / "docs" / hi.rel, english)
        if before == mark:
            print(f"{hi.path}: already up to date with {en.path} ({mark})")
        else:
            print(f"{hi.path}: recorded as a translation of {en.path} as it is now "
                  f"({before or 'nothing recorded'} -> {mark})")
    return EXIT_OK


# ---------------------------------------------------------------- new

PAGE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*$")

EN_TEMPLATE = """# {title}

Say in a sentence or two what this page explains and who it is for.

## Overview {{#overview}}

Write the first section here. Every number and date comes from the fact registry: cite it
as `[text](fact:ID)` (see facts/SCHEMA.md). Give every h2 and h3 an explicit id, as above.
"""

HI_TEMPLATE = """# {title}

एक-दो वाक्यों में बताएँ कि यह पन्ना क्या समझाता है और किसके लिए है।

## एक नज़र में {{#overview}}

पहला हिस्सा यहाँ लिखें। हर आँकड़ा और हर तारीख़ तथ्यों की सूची से आती है: उसे
`[पाठ](fact:ID)` की तरह लिखें (देखें facts/SCHEMA.md)। हर h2 और h3 का वही id रखें जो अंग्रेज़ी पन्ने पर है।
"""


def yaml_scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    try:
        plain_ok = (yaml.safe_load(f"k: {text}") == {"k": text} and ": " not in text
                    and " #" not in text and not text.startswith(("'", '"', "-", "?", "!", "&", "*")))
    except yaml.YAMLError:
        plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    s = line.strip()
    return bool(s) and not s.startswith("#")


def add_nav_entry(config: str, title: str, target: str) -> str | None:
    """Append `- title: target` to the top-level nav list, keeping the rest of the text as it is.
    None when there is no block-style nav to append to."""
    lines = config.split("\n")
    start = next((i for i, l in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", l)), None)
    if start is None:
        return None
    items = [i for i in range(start + 1, len(lines)) if _content(lines[i])]
    if not items or not lines[items[0]].lstrip().startswith("-"):
        return None
    item_indent = _indent(lines[items[0]])
    last = items[0]
    for i in items:
        line = lines[i]
        if _indent(line) < item_indent or (_indent(line) == item_indent
                                           and not line.lstrip().startswith("-")):
            break
        last = i
    entry = " " * item_indent + f"- {yaml_scalar(title)}: {target}"
    return "\n".join(lines[: last + 1] + [entry] + lines[last + 1:])


def add_nav_translation(config: str, english: str, hindi: str, locale: str = "hi") -> str | None:
    """Add `english: hindi` to nav_translations of the i18n language `locale`. None if there is
    no such language block."""
    lines = config.split("\n")
    at = next((i for i, l in enumerate(lines)
               if re.match(rf"^\s*(-\s+)?locale:\s*[\"']?{locale}[\"']?\s*(#.*)?$", l)), None)
    if at is None:
        return None
    m = re.match(r"^(\s*)(-\s+)?", lines[at])
    key_indent = len(m.group(0)) if m.group(2) else _indent(lines[at])
    item_start = at
    if not m.group(2):
        while item_start > 0 and not (lines[item_start].lstrip().startswith("-")
                                      and _indent(lines[item_start]) == key_indent - 2):
            item_start -= 1
    end = item_start + 1
    while end < len(lines) and (not _content(lines[end]) or _indent(lines[end]) >= key_indent):
        end += 1
    while end - 1 > item_start and not _content(lines[end - 1]):
        end -= 1                       # blank lines and comments after the item stay after it
    entry_key = yaml_scalar(english)
    for i in range(item_start, end):
        if re.match(rf"^ {{{key_indent}}}nav_translations:\s*(#.*)?$", lines[i]):
            last, indent, j = i, None, i + 1
            while j < end and (not _content(lines[j]) or _indent(lines[j]) > key_indent):
                if _content(lines[j]):
                    last, indent = j, indent or _indent(lines[j])
                j += 1
            indent = indent or key_indent + 2
            entry = " " * indent + f"{entry_key}: {yaml_scalar(hindi)}"
            return "\n".join(lines[: last + 1] + [entry] + lines[last + 1:])
    new = [" " * key_indent + "nav_translations:", " " * (key_indent + 2) + f"{entry_key}: {yaml_scalar(hindi)}"]
    return "\n".join(lines[:end] + new + lines[end:])


def _nav_has(nav, title: str, target: str) -> bool:
    if isinstance(nav, list):
        return any(_nav_has(item, title, target) for item in nav)
    if isinstance(nav, dict):
        return any((k == title and v == target) or _nav_has(v, title, target) for k, v in nav.items())
    return False


def _hi_translations(config: dict) -> dict:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for lang in (plugin["i18n"] or {}).get("languages") or []:
                if isinstance(lang, dict) and lang.get("locale") == "hi":
                    return lang.get("nav_translations") or {}
    return {}


def cmd_new(args) -> int:
    root = _root(args)
    name = re.sub(r"^docs/", "", args.page.strip().replace("\\", "/"))
    name = re.sub(r"(\.hi)?\.md$", "", name)
    if not PAGE_RE.match(name):
        raise UsageError(f"'{args.page}' is not a page name: use lower-case words, digits and "
                         "hyphens, with / for a folder, e.g. moe/routing")
    en_path, hi_path = root / "docs" / f"{name}.md", root / "docs" / f"{name}.hi.md"
    for path in (en_path, hi_path):
        if path.exists():
            raise UsageError(f"{path.relative_to(root).as_posix()} already exists")
    title_en = (args.title_en or name.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize()).strip()
    title_hi = (args.title_hi or title_en).strip()
    if not title_en or not title_hi:
        raise UsageError("a title cannot be empty")

    config_path = root / "mkdocs.yml"
    config_text = config_path.read_text(encoding="utf-8")
    target = f"{name}.md"
    edited = add_nav_entry(config_text, title_en, target)
    nav_added = edited is not None
    notes = []
    if not nav_added:
        notes.append(f"mkdocs.yml has no nav list to append to: add '- {title_en}: {target}' by hand")
        edited = config_text
    else:
        notes.append(f"mkdocs.yml: added '- {title_en}: {target}' at the end of nav "
                     "(move it into a section if it belongs there)")
    translations = _hi_translations(load_config(root))
    label_added = False
    if title_en in translations:
        notes.append(f"mkdocs.yml: nav_translations already has '{title_en}: {translations[title_en]}'")
    else:
        with_label = add_nav_translation(edited, title_en, title_hi)
        if with_label is None:
            notes.append(f"mkdocs.yml has no i18n language 'hi': add '{title_en}: {title_hi}' "
                         "to its nav_translations by hand")
        else:
            edited, label_added = with_label, True
            notes.append(f"mkdocs.yml: added '{title_en}: {title_hi}' to the Hindi nav_translations")
    # Check the edit before writing it: the file must still parse and say what was meant.
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        parsed = yaml.load(edited, Loader=Loader) or {}
        ok = ((not nav_added or _nav_has(parsed.get("nav"), title_en, target))
              and (not label_added or _hi_translations(parsed).get(title_en) == title_hi))
    except yaml.YAMLError:
        ok = False
    if not ok:
        raise UsageError("could not add the page to mkdocs.yml automatically (unusual layout); "
                         f"nothing was changed. Add '- {title_en}: {target}' to nav and "
                         f"'{title_en}: {title_hi}' to the hi nav_translations by hand, then rerun")

    en_path.parent.mkdir(parents=True, exist_ok=True)
    english = EN_TEMPLATE.format(title=title_en)
    en_path.write_text(english, encoding="utf-8")
    hi_path.write_text(HI_TEMPLATE.format(title=title_hi), encoding="utf-8")
    mark = freshness.record(hi_path, english)
    if edited != config_text:
        config_path.write_text(edited, encoding="utf-8")
    print(f"created docs/{name}.md")
    print(f"created docs/{name}.hi.md (translated_from: {mark})")
    for note in notes:
        print(note)
    if not args.title_hi:
        print("the Hindi title is still the English one: translate it in "
              f"docs/{name}.hi.md and in mkdocs.yml (nav_translations)")
    print(f"next: write both pages, then run python -m hooks check; after changing the English "
          f"later, update the Hindi and run python -m hooks ack {name}")
    return EXIT_OK


# ---------------------------------------------------------------- links (offline and online)



def user_agent(root: Path) -> str:
    """The User-Agent names the project and where to find it, so a site owner can tell who asks."""
    try:
        config = load_config(root)
    except UsageError:
        config = {}
    home = config.get("repo_url") or config.get("site_url") or ""
    name = config.get("site_name") or PROJECT
    return (f"{PROJECT}-linkcheck/1.0 (+{home}; external link check of '{name}', "
            "one request at a time per host)" if home else USER_AGENT)
def cmd_links(args) -> int:
    root = _root(args)
    if not args.online:
        project, _ = checks.load_project(root)
        findings = sorted(set(links.check_source_links(project.pages, docs_dir=project.docs_dir)))
        print_findings(findings, args.format)
        return EXIT_FOUND if any(f.severity == "error" for f in findings) else EXIT_OK

    if args.rate <= 0 or args.max_age_days < 0 or args.timeout <= 0 or args.retries < 0:
        raise UsageError("--rate and --timeout must be positive, --max-age-days and --retries not negative")
    places = collect_external_urls(root)
    cache_path = Path(args.cache)
    if not cache_path.is_absolute():
        cache_path = root / cache_path
    cache = read_cache(cache_path)
    now = dt.datetime.now(dt.timezone.utc)
    max_age = dt.timedelta(days=args.max_age_days)
    fresh = {u: cache[u] for u in places if u in cache and isinstance(cache[u], dict)
             and (t := parse_time(cache[u].get("checked_at"))) is not None and now - t < max_age}
    todo = [u for u in places if u not in fresh]
    hosts = {urlsplit(u).netloc.lower() for u in places}
    print(f"{_plural(len(places), 'external URL')} on {_plural(len(hosts), 'host')}: "
          f"{len(fresh)} checked less than {args.max_age_days:g} days ago (cache), {len(todo)} to check")
    if todo and not network_available(args.probe, min(args.timeout, 5.0)):
        print("skipped: no network")
        return EXIT_OK
    checker = OnlineChecker(rate=args.rate, timeout=args.timeout, retries=args.retries,
                            backoff=args.backoff, user_agent=user_agent(root))
    results = checker.check_all(todo) if todo else {}
    entries = {**fresh, **results}
    write_cache(cache_path, entries)
    findings = []
    for url, where in sorted(places.items()):
        entry = entries.get(url, {})
        if entry.get("result") == BROKEN:
            rule, severity, hint = "link-dead", "error", "fix or replace the URL (an archived copy will do)"
        elif entry.get("result") == UNVERIFIED:
            rule, severity, hint = ("link-unverified", "warning",
                                    "open it in a browser; if it works there, the site refuses robots")
        else:
            continue
        for path, line, col in where:
            findings.append(Finding(path, line, col, rule, f"{url} {entry.get('message', '')}".rstrip(),
                                    hint, severity))
    findings.sort()
    for f in findings:
        print(f.format() + (" [warning]" if f.severity == "warning" else ""))
    if on_github():
        for f in findings:
            print(f.github())
    counts = Counter(entries[u].get("result") for u in places if u in entries)
    print(f"{_plural(len(places), 'URL')}: {counts.get(OK, 0)} ok, {counts.get(BROKEN, 0)} broken, "
          f"{counts.get(UNVERIFIED, 0)} unverified ({checker.requests} requests; cache: "
          f"{cache_path.relative_to(root).as_posix() if cache_path.is_relative_to(root) else cache_path})")
    return EXIT_FOUND if counts.get(BROKEN) else EXIT_OK


# ---------------------------------------------------------------- argument parsing

def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", help="the project folder (default: the nearest folder with mkdocs.yml)")
    parser = argparse.ArgumentParser(
        prog="python -m hooks", description="Checks and chores for the bilingual Llama 4 site.",
        epilog="Exit status: 0 all well, 1 problems found, 2 bad command or argument.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", parents=[common], help="run every Markdown check (as the build does)")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text (default), github (workflow annotations) or json")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("new", parents=[common], help="start a page in English and Hindi, add it to the nav")
    p.add_argument("page", help="the page to create, e.g. moe/routing (docs/moe/routing.md and .hi.md)")
    p.add_argument("--title-en", help="the English title (default: from the page name)")
    p.add_argument("--title-hi", help="the Hindi title (default: the English one, to translate)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("status", parents=[common], help="translation status of every page")
    p.add_argument("--json", action="store_true", help="print JSON (for CI)")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("ack", parents=[common],
                       help="record that a Hindi page was reviewed against the current English")
    p.add_argument("page", nargs="?", help="the page: moe, moe.md, docs/moe.hi.md ...")
    p.add_argument("--all", action="store_true", help="every page that has both languages")
    p.set_defaults(func=cmd_ack)

    p = sub.add_parser("links", parents=[common],
                       help="check the links of the sources; --online: external URLs over the network")
    p.add_argument("--online", action="store_true", help="request every external URL (politely)")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="output of the offline check")
    p.add_argument("--cache", default=".cache/external-links.json",
                   help="JSON file with each URL's last result (default: %(default)s)")
    p.add_argument("--max-age-days", type=float, default=7.0,
                   help="re-check a URL only when its cached result is older (default: %(default)s)")
    p.add_argument("--rate", type=float, default=1.0,
                   help="requests per second to one host (default: %(default)s)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: %(default)s)")
    p.add_argument("--retries", type=int, default=2, help="retries after a transient failure (default: %(default)s)")
    p.add_argument("--backoff", type=float, default=2.0,
                   help="seconds before the first retry, doubled each time (default: %(default)s)")
    p.add_argument("--probe", default=os.environ.get("LINKCHECK_PROBE_URL", DEFAULT_PROBE),
                   help="a well-known URL tried first; if it cannot be reached the check is skipped "
                        "(default: %(default)s; '' to skip the probe; NO_NETWORK=1 skips the check)")
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("facts", parents=[common],
                       help="facts with review dates; --due: those due to be checked again")
    review.add_arguments(p)
    p.set_defaults(func=review.cmd_facts)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:            # `python -m hooks status | head`
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
        return EXIT_OK
