"""The state file (facts/watch-state.json): the items already reviewed, per source; what is new
against it; the state once the new items are reviewed. And the list a run showed
(.cache/watch/listed.json), which `--ack` records: exactly what the editor saw, nothing that
appeared after."""
from __future__ import annotations

import json
import os
from dataclasses import asdict, fields
from pathlib import Path

from hooks.core.findings import Finding
from hooks.watch.answers import Item
from hooks.watch.fetch import Result

STATE_VERSION = 1


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


def write_listed(path: Path, items: list[Item], day: str, failed: tuple[str, ...] | list[str] = ()) -> None:
    """Keep what a run listed (and which sources failed in it), for `--ack`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": STATE_VERSION, "listed_on": day, "failed": list(failed),
            "items": [asdict(i) for i in items]}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def load_listed(path: Path) -> tuple[list[Item], list[str]] | None:
    """What the last run listed and the sources that failed in it, or None when no run left a
    readable list."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        failed = [str(f) for f in data.get("failed", [])]
        names = {f.name for f in fields(Item)}
        items = []
        for entry in data["items"]:
            if set(entry) != names:
                return None
            entry["questions"], entry["facts"] = tuple(entry["questions"]), tuple(entry["facts"])
            items.append(Item(**entry))
        return items, failed
    except (OSError, ValueError, KeyError, TypeError):
        return None
