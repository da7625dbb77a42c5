"""`python -m hooks status` (which Hindi pages are up to date with their English), `python -m
hooks status PAGE` (one page; when outdated, the English diff since the Hindi was acknowledged)
and `python -m hooks ack PAGE` (record that a Hindi page was reviewed against the current English).

The Hindi page records a fingerprint of the English text (`translated_from:`, hooks/core/freshness.py),
not a commit: the diff starts at the newest commit whose English has that fingerprint."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from hooks.core import freshness, settings
from hooks.core.mdscan import read_pages, twins
from hooks.commands.common import EXIT_OK, UsageError, page_key, project_root


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


def _git(root: Path, *argv: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run(["git", "-C", str(root), *argv], capture_output=True, text=True,
                              encoding="utf-8", errors="replace")
    except OSError:            # no git on this machine
        return None


def acknowledged_commit(root: Path, rel_path: str, mark: str) -> tuple[str | None, str]:
    """The newest commit whose copy of the English file has the fingerprint the Hindi page
    records (freshness.fingerprint), following renames; or None and why not."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside is None:
        return None, "git is not installed, so the English history cannot be read"
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None, f"{root} is not a git clone, so the English history cannot be read"
    log = _git(root, "log", "--follow", "--format=%H", "--name-only", "--", rel_path)
    if log is None or log.returncode != 0:
        return None, f"git log failed: {(log.stderr if log else '').strip()}"
    lines = [l for l in log.stdout.splitlines() if l.strip()]
    pairs = list(zip(lines[::2], lines[1::2]))       # (commit, the file's path in that commit)
    for commit, path in pairs:
        shown = _git(root, "show", f"{commit}:{path}")
        if shown is not None and shown.returncode == 0 and freshness.fingerprint(shown.stdout) == mark:
            return commit, path
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    why = (f"none of the {len(pairs)} commits of {rel_path} has the English text the Hindi page "
           f"records ({freshness.KEY}: {mark})")
    if shallow is not None and shallow.stdout.strip() == "true":
        why += "; this clone is shallow: git fetch --unshallow brings the older commits"
    else:
        why += ": the Hindi was acknowledged against English that was never committed"
    return None, why


def show_page(root: Path, name: str, out) -> int:
    """One page's status; when outdated, the English diff since the Hindi was acknowledged."""
    pages = read_pages(root / "docs", root)
    key = page_key(name, pages)
    pair = twins(pages)[key]
    en, hi = pair.get("en"), pair.get("hi")
    if en is None:
        print(f"{hi.path}: no English original docs/{key}", file=out)
        return EXIT_OK
    state = freshness.status(en, hi, tuple(_not_translated(root)))
    print(f"{en.path}: {state}" + (f" ({hi.path})" if hi else ""), file=out)
    if state != freshness.OUTDATED:
        if state == freshness.UNRECORDED:
            print(f"{hi.path} records no English version ({freshness.KEY}:), so there is nothing to "
                  f"compare with: review it against {en.path}, then python -m hooks ack {key[:-3]}",
                  file=out)
        return EXIT_OK
    mark = str(hi.meta.get(freshness.KEY, "") or "")
    commit, detail = acknowledged_commit(root, en.path, mark)
    if commit is None:
        print(f"cannot show what changed in {en.path}: {detail}. Compare the two pages by hand, "
              f"then python -m hooks ack {key[:-3]}", file=out)
        return EXIT_OK
    when = _git(root, "show", "-s", "--format=%h %cs %s", commit)
    print(f"the Hindi follows {en.path} as of commit {when.stdout.strip() if when else commit[:12]}; "
          f"what the English changed since then:", file=out)
    diff = _git(root, "diff", "--no-color", "--find-renames", commit, "--", f":(top){detail}", en.path)
    text = diff.stdout if diff is not None and diff.returncode == 0 else ""
    print(text.rstrip("\n") if text.strip() else "(no change in git: the edit is in the working "
          "tree only, and git diff shows nothing for it)", file=out)
    print(f"after bringing {hi.path} up to date: python -m hooks ack {key[:-3]}", file=out)
    return EXIT_OK


def cmd_status(args) -> int:
    if getattr(args, "page", None):
        if args.json:
            raise UsageError("--json lists every page; give a page or --json, not both")
        return show_page(project_root(args), args.page, sys.stdout)
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
        if counts.get(freshness.OUTDATED):
            print("what the English changed since: python -m hooks status PAGE")
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
    p.add_argument("page", nargs="?", help="one page (moe, moe.md, docs/moe.hi.md ...): its status "
                   "and, when outdated, the English diff since the Hindi was acknowledged (git)")
    p.add_argument("--json", action="store_true", help="print JSON (for CI)")


def add_ack_arguments(p) -> None:
    p.add_argument("page", nargs="?", help="the page: moe, moe.md, docs/moe.hi.md ...")
    p.add_argument("--all", action="store_true", help="every page that has both languages")
