"""The built site: every href/src of every HTML file, checked with the shared resolver.

Speed matters: at 1,000 pages per language the built site is ~700 MB of HTML, most of it the
navigation Material repeats on every page. Each file is read once and searched by three regular
expressions that start with a literal (href=, src, id=), which the regex engine finds at memory
speed. The links of a page, as a set, minus the links already found to need nothing more from
the same folder (the shared nav), leaves a few dozen to look at; what a link leads to is worked
out once per (folder it climbs to, rest of the link) and cached. Problems are located (line,
comments, hreflang) only when there are some (report.py).

A language link is an <a>/<link> whose hreflang attribute comes right after its href (as
Material and static-i18n write them): it is exempt from the cross-language rule, and must lead
to the page's twin in that language.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

from hooks.core.findings import Finding
from hooks.checks.linkcheck.report import config_file_guess, report
from hooks.checks.linkcheck.resolve import SiteModel, check_anchors, judge, needs_nothing, same_page_anchor

HREF_RE = re.compile(rb"""href=(?:"([^"]*)"|'([^']*)')(?: hreflang=["']([^"']*))?""")
SRC_RE = re.compile(rb"""src(set)?=(?:"([^"]*)"|'([^']*)')""")
ID_RE = re.compile(rb"""id=(?:"([^"]*)"|'([^']*)')""")
NAME_RE = re.compile(rb"""name=(?:"([^"]*)"|'([^']*)')""")
CANONICAL_RE = re.compile(rb'<link rel="canonical" href="([^"]*)"')
NAV_START = b'<nav class="md-nav md-nav--primary"'
NAV_ENDS = (b'<div class="md-sidebar md-sidebar--secondary"', b'<div class="md-content"')


def scan_html(data: bytes) -> tuple[set[str], list[tuple[str, str, str]]]:
    """The ids of a page, and its links as (attribute, value, hreflang).

    A small, readable view of what the fast path looks at (used by the tests).
    """
    ids = {(a or b).decode("utf-8", "replace") for a, b in ID_RE.findall(data)}
    ids |= {(a or b).decode("utf-8", "replace") for a, b in NAME_RE.findall(data)}
    links = [("href", html.unescape((a or b).decode("utf-8", "replace")), lang.decode())
             for a, b, lang in HREF_RE.findall(data) if a or b]
    for is_set, a, b in SRC_RE.findall(data):
        value = html.unescape((a or b).decode("utf-8", "replace"))
        if is_set:
            links += [("srcset", v.strip().split(" ")[0], "") for v in value.split(",") if v.strip()]
        elif value:
            links.append(("src", value, ""))
    return ids, links


def site_files(site_dir: Path) -> set[str]:
    files = set()
    root = str(site_dir)
    cut = len(root) + 1
    for dirpath, _dirnames, filenames in os.walk(root):
        rel = dirpath[cut:].replace(os.sep, "/")
        prefix = rel + "/" if rel else ""
        for name in filenames:
            files.add(prefix + name)
    return files


class BuiltSite(SiteModel):
    """The model of a built site: its files from the folder, each page's ids from its HTML."""

    def __init__(self, site_dir: Path, pages: dict, languages: list[str]):
        self.site_dir = site_dir
        super().__init__(site_files(site_dir), pages, languages)
        self.clean: dict = {}
        self._names: dict[str, set[bytes]] = {}

    def names_of(self, rel: str) -> set[bytes]:
        if rel not in self._names:  # <a name="..."> anchors, looked up only when needed
            try:
                data = (self.site_dir / rel).read_bytes()
            except OSError:
                data = b""
            self._names[rel] = {a or b for a, b in NAME_RE.findall(data)}
        return self._names[rel]

    def find_site_url(self, rel: str, data: bytes) -> None:
        m = CANONICAL_RE.search(data, 0, 20000)
        if not m:
            return
        canonical = m.group(1).decode()
        here = self.url_of(rel)
        if canonical.endswith(here):
            self.set_site_url(canonical[: len(canonical) - len(here)])
        self.clean.clear()


def _ancestors(page_rel: str) -> list[str]:
    """ancestors[k]: the folder k levels above the page's folder, as a prefix ('' = root)."""
    parts = page_rel.split("/")[:-1]
    return ["/".join(parts[: len(parts) - k]) + "/" if len(parts) > k else "" for k in range(len(parts) + 1)]


def _outside_nav(data: bytes) -> list[tuple[int, int]]:
    """The parts of a Material page around its primary navigation, which holds only links (its
    ids are Material's own __nav ones): ids and src= are looked for there only. The links of
    the nav are all checked. Without Material's markers: the whole page."""
    start = data.find(NAV_START)
    if start < 0:
        return [(0, len(data))]
    for marker in NAV_ENDS:
        end = data.find(marker, start)
        if end >= 0:
            return [(0, start), (end, len(data))]
    return [(0, len(data))]


def check_page(site: BuiltSite, rel: str, data: bytes, problems: list, deferred: list) -> None:
    parts = _outside_nav(data)
    ids = {a or b for lo, hi in parts for a, b in ID_RE.findall(data, lo, hi)}
    site.ids[rel] = ids
    page_lang = site.lang_of(rel)
    folders = _ancestors(rel)
    here = folders[0]
    parent = folders[1] if len(folders) > 1 else None
    cache = site.cache
    outcome = site.outcome
    # Links already seen, from this page's folder, to need nothing more (most of the nav):
    # one set difference instead of a thousand lookups.
    clean = site.clean.setdefault((parent, page_lang), set())
    todo = set(HREF_RE.findall(data))
    for is_set, a, b in (m for lo, hi in parts for m in SRC_RE.findall(data, lo, hi)):
        if is_set:
            todo.update((v.strip().split(b" ")[0], b"", b"") for v in (a or b).split(b",") if v.strip())
        else:
            todo.add((a or b, b"", b""))
    todo -= clean
    for item in todo:
        a, b, hreflang = item
        h = a or b
        if not h:
            continue
        first = h[0]
        if first == 35:  # "#": an anchor on this page
            same_page_anchor(site, rel, h, ids, problems)
            continue
        # What a link leads to is worked out once per (folder it climbs to, rest): "../../x/"
        # from any page two levels down is "x/" from the root.
        shared = True
        if first == 46 and h.startswith(b"../"):
            i, up = 3, 1
            while h.startswith(b"../", i):
                i += 3
                up += 1
            key = (folders[up] if up < len(folders) else None, h[i:])
        elif first == 104 and (h.startswith(b"https:") or h.startswith(b"http:")):
            key = ("", h)
        else:
            key = (here, h)
            shared = False
        result = cache.get(key)
        if result is None:
            result = cache[key] = outcome(key[0], key[1])
        if needs_nothing(result, hreflang, page_lang):
            if shared:
                clean.add(item)
            continue
        # One problem per (page, link): the report finds each place the link is on the page.
        judge(site, rel, h.decode("utf-8", "replace"), result, hreflang, problems, deferred)


def check_built_site(site_dir: Path, pages: dict, languages: list[str],
                     config_file: Path | None = None, reuse: bool = False) -> list[Finding]:
    """Every internal link, anchor, cross-language link and external link of the built site.

    Reads each HTML file once (the search index and the sitemap are not pages). `pages` are the
    Markdown sources (to name `docs/<page>.md:line` for each problem), `languages` the site's
    languages, default first (the others are built under /<lang>/). `config_file` (mkdocs.yml)
    lets problems in the nav be reported at their line there (by default: ./mkdocs.yml when the
    build runs from the project's folder). `reuse` (mkdocs serve): a page whose HTML, and the
    site's list of files, did not change since the last check is not scanned again.
    """
    site_dir = Path(site_dir)
    site = BuiltSite(site_dir, pages, list(languages))
    html_files = sorted(f for f in site.files if f.endswith(".html") and not f.startswith("search/"))
    if "index.html" in site.files:  # site_url, from the home page's canonical link
        with open(site_dir / "index.html", "rb") as fh:
            site.find_site_url("index.html", fh.read(8000))
    problems: list = []
    deferred: list = []
    if reuse:
        from hooks.core import buildcache
        context = buildcache.digest(tuple(sorted(site.files)), site.site_url, tuple(site.languages),
                                    tuple(sorted((f, i[0], i[1], i[2].path) for f, i in site.info.items())))
    for rel in html_files:
        with open(site_dir / rel, "rb") as fh:
            data = fh.read()
        if not reuse:
            check_page(site, rel, data, problems, deferred)
            continue

        def scan(rel=rel, data=data):
            mine, later = [], []
            check_page(site, rel, data, mine, later)
            return site.ids[rel], mine, later
        ids, mine, later = buildcache.remember("built-page", buildcache.digest(context, rel, data), scan)
        site.ids[rel] = ids
        problems += mine
        deferred += later
    check_anchors(site, deferred, problems)
    return report(site, problems, Path(config_file) if config_file else config_file_guess(pages))
