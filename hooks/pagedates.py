"""When each page was last changed: from git where it has the history, else from the file.

One `git log` over docs/ gives the date of the last commit that touched each file. A file
with uncommitted changes, or a tree with no git at all, takes the file's modification time.
In a shallow clone, a file last changed before the clone's first commit gets that commit's
date (git sees the whole tree appear there): a date on or after the real one, never wrong by
more than the clone's depth.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from babel.dates import format_date

LABEL = {"en": "Last changed", "hi": "आख़िरी बदलाव"}


def git_dates(root: Path, folder: str = "docs") -> dict[str, dt.datetime]:
    """{path relative to root: last commit time} for every file under `folder` git knows."""
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cI", "--name-only", "--", folder],
                             cwd=root, capture_output=True, text=True, timeout=30).stdout
        dirty = subprocess.run(["git", "status", "--porcelain", "--", folder], cwd=root,
                               capture_output=True, text=True, timeout=30).stdout
    except (OSError, ValueError, subprocess.SubprocessError):
        return {}
    dates: dict[str, dt.datetime] = {}
    for entry in log.split("\x00")[1:]:
        stamp, _, names = entry.partition("\n")
        when = dt.datetime.fromisoformat(stamp.strip())
        for name in names.split("\n"):
            if name.strip():
                dates.setdefault(name.strip(), when)
    for line in dirty.splitlines():  # changed since the last commit: the file's own time
        dates.pop(line[3:].strip().strip('"'), None)
    return dates


def last_changed(path: Path, root: Path, dates: dict) -> dt.datetime:
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = None
    if rel in dates:
        return dates[rel]
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(microsecond=0)


def shown(when: dt.datetime, lang: str) -> str:
    """'26 November 2026' / '26 नवंबर 2026' (Hindi with Latin digits, as the style guide asks)."""
    return format_date(when.date(), "d MMMM y", locale="hi" if lang == "hi" else "en")
