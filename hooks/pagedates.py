"""When each page was last changed (from git where it has the history, else from the file),
and when the facts it cites were last checked against their sources.

One `git log` over docs/ gives the date of the last commit that touched each file. A file
with uncommitted changes, or a tree with no git at all, takes the file's modification time.
In a shallow clone, a file last changed before the clone's first commit gets that commit's
date (git sees the whole tree appear there): a date on or after the real one, never wrong by
more than the clone's depth.

"Facts checked" is the oldest `checked:` date (facts/registry.yaml) among the facts a page
cites: every one of them was compared with its source on that day or later. It is shown only
when every cited fact carries a `checked:` date; a page citing one fact that was never
checked (or none at all) shows no such date rather than one that is true of some facts only.
The page's JSON-LD says the same: dateModified (last changed) and schema.org's lastReviewed
(facts checked), beside Open Graph's article:modified_time.
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

from babel.dates import format_date

LABEL = {"en": "Last changed", "hi": "आख़िरी बदलाव"}
CHECKED_LABEL = {"en": "Facts checked", "hi": "तथ्यों की जाँच"}


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


def cited_ids(source, registry) -> list[str]:
    """The ids of the facts a page shows: those it cites, and on the Sources page (which
    lists the registry) every fact."""
    from .sources_page import MARKER
    if source is None:
        return []
    if MARKER in (source.text or ""):
        return sorted(registry.facts)
    return sorted({ref.id for ref in source.fact_refs})


def facts_checked(source, registry) -> str | None:
    """YYYY-MM-DD: the oldest `checked` among the facts the page cites, or None when it
    cites none, or one of them has no `checked` date (or is not in the registry)."""
    if source is None or registry is None:
        return None
    dates = []
    for fact_id in cited_ids(source, registry):
        fact = registry.facts.get(fact_id)
        checked = getattr(fact, "checked", None) if fact is not None else None
        if not checked:
            return None
        dates.append(str(checked))
    return min(dates) if dates else None


def shown_iso(day: str, lang: str) -> str:
    """A YYYY-MM-DD date as the site writes dates (hooks/values.py render_date)."""
    from .values import parse_iso_date, render_date
    return render_date(parse_iso_date(day), lang)


def json_ld(kind: str, title: str, url: str, lang: str, modified: str, checked: str | None) -> str:
    """The page's dates as JSON-LD, safe inside <script> (no '<', '>' or '&' left raw)."""
    data = {"@context": "https://schema.org", "@type": "Article" if kind == "article" else "WebPage",
            "headline" if kind == "article" else "name": title, "url": url, "inLanguage": lang,
            "dateModified": modified}
    if checked:
        data["lastReviewed"] = checked
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
