"""`python -m hooks status` (which Hindi pages are up to date with their English) and
`python -m hooks ack PAGE` (record that a Hindi page was reviewed against the current English)."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from .. import freshness, settings
from ..mdscan import read_pages, twins
from .common import EXIT_OK, UsageError, page_key, project_root


def _not_translated(root: Path) -> tuple:
    try:
        return settings.load(root).not_translated
    except settings.SettingsError as err:
        raise UsageError(str(err)) from None


def translation_status(root: Path) -> list[dict]:
    pages = read_pages(root / "docs", root)
    not_translated = tuple(_not_translated(root))
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
    rows = translation_status(project_root(args))
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
    root = project_root(args)
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


def add_status_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="print JSON (for CI)")


def add_ack_arguments(p) -> None:
    p.add_argument("page", nargs="?", help="the page: moe, moe.md, docs/moe.hi.md ...")
    p.add_argument("--all", action="store_true", help="every page that has both languages")
