"""When each page was last changed (from git where it has the history, else from the file),
and when the facts it cites were last checked against their sources.

One `git log` over docs/ gives the first and the last commit that touched each file: the
page's datePublished and dateModified (and its sitemap lastmod). A file with uncommitted changes
takes the file's modification time as its last change; a file git does not know, or a tree with
no git at all, takes it for both.

A shallow clone (`git clone --depth N`, and actions/checkout's default) has lost the older
commits: git sees every file appear in the clone's first commit, so every page would be
"published" on that day and every page last changed before it "changed" on it. That is never
silent (page-dates-shallow, shallow_finding, whenever the site's pages are in that clone): where
the dates are published (PAGE_DATES_FULL_HISTORY=1, set by the publishing workflow) it is an
error; elsewhere (a contributor's or a test machine's shallow clone) it is a warning that states
the fallback: the dates are the clone's. The fix: `git fetch --unshallow`; in CI, fetch-depth: 0.

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
from dataclasses import dataclass, field
from pathlib import Path

from hooks.core.findings import Finding
from hooks.facts.values import Date, parse_iso_date, render_date

LABEL = {"en": "Last changed", "hi": "आख़िरी बदलाव"}
CHECKED_LABEL = {"en": "Facts checked", "hi": "तथ्यों की जाँच"}


@dataclass
class History:
    """What git says of the files under a folder: {path relative to the repository's root:
    commit time} of the first commit that touched each (`first`) and of the last (`last`; none
    for a file with uncommitted changes); `shallow`: the repository is a shallow clone (then the
    oldest commit it has, "<short hash> of <date>")."""
    first: dict[str, dt.datetime] = field(default_factory=dict)
    last: dict[str, dt.datetime] = field(default_factory=dict)
    shallow: str | None = None


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30).stdout


def git_history(root: Path, folder: str = "docs") -> History:
    """The first and last commit time of every file under `folder` git knows (none outside git)."""
    history = History()
    try:
        log = _git(root, "log", "--format=%x00%cI", "--name-only", "--", folder)
        dirty = _git(root, "status", "--porcelain", "--", folder)
        if _git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
            # the commits the clone was cut at look like root commits: the oldest of them
            oldest = _git(root, "log", "--max-parents=0", "--format=%h %cI", "HEAD").splitlines()
            hash_, _, when = (oldest[-1] if oldest else "").partition(" ")
            history.shallow = f"{hash_} of {when[:10]}" if hash_ else "not known"
    except (OSError, ValueError, subprocess.SubprocessError):
        return history
    for entry in log.split("\x00")[1:]:    # newest commit first
        stamp, _, names = entry.partition("\n")
        when = dt.datetime.fromisoformat(stamp.strip())
        for name in names.split("\n"):
            if name.strip():
                history.last.setdefault(name.strip(), when)
                history.first[name.strip()] = when     # until an older commit says otherwise
    for line in dirty.splitlines():  # changed since the last commit: the file's own time
        history.last.pop(line[3:].strip().strip('"'), None)
    return history


def git_dates(root: Path, folder: str = "docs") -> dict[str, dt.datetime]:
    """{path relative to root: last commit time} for every file under `folder` git knows."""
    return git_history(root, folder).last


def _rel(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _mtime(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(microsecond=0)


def last_changed(path: Path, root: Path, dates) -> dt.datetime:
    """The last commit that touched the file, or its modification time (uncommitted changes,
    no git). `dates`: a History, or {path: time} as git_dates gives."""
    dates = dates.last if isinstance(dates, History) else dates
    rel = _rel(path, root)
    return dates[rel] if rel in dates else _mtime(path)


def first_published(path: Path, root: Path, history: History) -> dt.datetime:
    """The first commit that touched the file (git does not follow renames here: a moved page
    counts from its move), or, for a file git does not know, its modification time; never
    after the last change."""
    rel = _rel(path, root)
    when = history.first[rel] if rel in history.first else _mtime(path)
    return min(when, last_changed(path, root, history))


def shallow_finding(history: History, docs_dir: Path, root: Path,
                    required: bool = False) -> Finding | None:
    """When the history is shallow and the pages' dates come from it (the docs folder is inside
    the repository), the dates are the clone's, not the pages': an error where the full history
    is `required` (the publishing build), else a warning that says so."""
    if not history.shallow or _rel(docs_dir, root) is None:
        return None
    effect = (f"this clone's git history is shallow (its oldest commit is {history.shallow}): "
              "every page gets that commit as its datePublished, and every page last changed "
              "before it that commit as its dateModified and sitemap lastmod")
    if not required:
        effect += ("; this build uses those dates, and a publishing build "
                   "(PAGE_DATES_FULL_HISTORY=1) refuses them")
    return Finding(".git/shallow", 1, 1, "page-dates-shallow", effect,
                   "fetch the whole history: git fetch --unshallow (GitHub Actions: actions/checkout "
                   "with fetch-depth: 0)", "error" if required else "warning")


def full_history_required(environ) -> bool:
    """PAGE_DATES_FULL_HISTORY=1 (the publishing workflow): a shallow clone is an error."""
    return environ.get("PAGE_DATES_FULL_HISTORY", "").strip() not in ("", "0")


def shown(when: dt.datetime, lang: str) -> str:
    """'26 November 2026' / '26 नवंबर 2026' (Hindi with Latin digits, as the style guide asks),
    by the site's one date renderer."""
    return render_date(Date(when.year, when.month, when.day), lang)


def cited_ids(source, registry) -> list[str]:
    """The ids of the facts a page shows: those it cites, and on the Sources page (which
    lists the registry) every fact."""
    from hooks.render.sources_page import MARKER
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
    """A YYYY-MM-DD date as the site writes dates (hooks/facts/values.py render_date)."""
    return render_date(parse_iso_date(day), lang)


def json_ld(kind: str, title: str, url: str, lang: str, modified: str, checked: str | None, *,
            published: str | None = None, image: str | None = None, site_name: str = "",
            site_url: str = "") -> str:
    """The page as schema.org JSON-LD, safe inside <script> (no '<', '>' or '&' left raw).

    An article page is a WebPage whose main entity is an Article (headline, author and
    publisher: the site, as an Organization; datePublished and dateModified: the first and last
    commit of its source file; image: its share card; inLanguage); a home page is a WebPage
    with the same dates, image and publisher. lastReviewed (the day every fact the page cites
    was last checked) is a WebPage property, so it sits there, with the site as reviewedBy."""
    site = {"@type": "Organization", "@id": f"{site_url}#organization", "name": site_name,
            "url": site_url} if site_name else None
    page: dict = {"@type": "WebPage", "@id": url, "url": url, "name": title, "inLanguage": lang}
    if site_name:
        page["isPartOf"] = {"@type": "WebSite", "@id": f"{site_url}#website", "name": site_name,
                            "url": site_url, "publisher": site}
    card = {"@type": "ImageObject", "url": image, "width": 1200, "height": 630} if image else None
    dated = {"datePublished": published, "dateModified": modified}
    if kind == "article":
        article = {"@type": "Article", "@id": f"{url}#article", "mainEntityOfPage": {"@id": url},
                   "headline": title, "author": site, "publisher": site, **dated, "image": card,
                   "inLanguage": lang}
        page["mainEntity"] = {"@id": article["@id"]}
        nodes = [page, article]
    else:
        page.update(dated, publisher=site, image=card)
        nodes = [page]
    if checked:
        page["lastReviewed"] = checked
        page["reviewedBy"] = site
    graph = [{k: v for k, v in node.items() if v is not None} for node in nodes]
    data = {"@context": "https://schema.org", "@graph": graph}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
