"""One resolver: what a link leads to in the site, and what is wrong with it.

The built-site check and the Markdown check (`python -m hooks check`) both describe the site as
a `SiteModel` (the files it serves, which page each HTML file is built from, the ids of each
page) and both ask `SiteModel.outcome` where a link goes and `judge` whether that is right, so
they cannot disagree. The built check takes the files and ids from the HTML; the Markdown check
works them out from the sources, as MkDocs and static-i18n will build them.
"""
from __future__ import annotations

import html
import posixpath
import re
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from hooks.checks.linkcheck.urls import (ANCHOR, BROKEN, CROSS, EXTERNAL, LANG_NAMES, SCHEME_RE, SKIP_SCHEMES, a_lang,
                   built_file, external_problem, page_url)

OK, BAD, SKIP = 0, 1, 2


class Outcome(NamedTuple):
    """Where a link leads. code OK: `target` (a served file), `frag` (bytes, b"" when none or
    not checked), `lang` (the target's language), `info` (served language, twin key, source
    page: None when the target is not a page). code BAD: `rule` and `message`, `target` the
    path that is missing. code SKIP: nothing to check (mailto:, a good external URL...)."""
    code: int
    target: str = ""
    frag: bytes = b""
    lang: str = ""
    info: tuple | None = None
    rule: str = ""
    message: str = ""


SKIPPED = Outcome(SKIP)


class Problem:
    """One problem of one link on one page (before it is located and worded)."""
    __slots__ = ("rule", "page", "href", "target", "frag", "message", "suggest")

    def __init__(self, rule, page, href, target="", frag="", message="", suggest=None):
        self.rule, self.page, self.href, self.target, self.frag = rule, page, href, target, frag
        self.message, self.suggest = message, suggest


class SiteModel:
    """The site as served: its files, the source page of each page, the ids of each page."""

    def __init__(self, files: set[str], pages: dict, languages: list[str]):
        self.files = files
        self.languages = list(languages) or ["en"]
        self.default = self.languages[0]
        self.prefixes = {lang + "/": lang for lang in self.languages[1:]}
        self.ids: dict[str, set[bytes]] = {}
        self.any_anchor: set[str] = set()   # pages whose anchors are not known (accept any)
        self.site_url = ""
        self.site_path = "/"
        self.cache: dict = {}
        # served file -> (served language, twin key, source page)
        self.info: dict[str, tuple] = {}
        self.has: set[tuple[str, str]] = {(p.twin_key, p.lang) for p in pages.values()}
        for page in pages.values():
            for lang in self.languages:
                if page.lang != lang and (page.lang != self.default or (page.twin_key, lang) in self.has):
                    continue  # served in `lang` only if written in it, or as the default's fallback
                f = self.page_file(page.twin_key, lang)
                if f in self.files:
                    self.info[f] = (lang, page.twin_key, page)

    def set_site_url(self, site_url: str) -> None:
        self.site_url = site_url
        self.site_path = (urlsplit(site_url).path or "/") if site_url else "/"
        if not self.site_path.endswith("/"):
            self.site_path += "/"
        self.cache.clear()

    def page_file(self, twin_key: str, lang: str) -> str:
        url = page_url(twin_key, lang, self.default)
        f = built_file(url)
        if f not in self.files and url:
            flat = url[:-1] + ".html"   # use_directory_urls: false
            if flat in self.files:
                return flat
        return f

    def lang_of(self, rel: str) -> str:
        i = rel.find("/")
        return self.prefixes.get(rel[: i + 1], self.default) if i > 0 else self.default

    def url_of(self, rel: str) -> str:
        return rel[: -len("index.html")] if rel.endswith("index.html") else rel

    def names_of(self, rel: str) -> set[bytes]:
        """<a name> anchors of a page, when they are not among its ids (the built check reads them)."""
        return set()

    def outcome(self, base: str | None, raw: bytes) -> Outcome:
        """What a link leads to. `base` is the folder the link is relative to ('' = the site's
        root); None when the link climbs above the root."""
        href = raw.decode("utf-8", "replace")
        if "&" in href:
            href = html.unescape(href)
        href = href.strip()
        path, _, frag = href.partition("#")
        if "?" in path:
            path = path.split("?", 1)[0]
        if ":" in path or path.startswith("//"):
            if self.site_url and path.startswith(self.site_url):
                path = self.site_path + path[len(self.site_url):]
            else:
                m = SCHEME_RE.match(path)
                if m and m.group(1).lower() in SKIP_SCHEMES:
                    return SKIPPED
                problem = external_problem(href)
                return Outcome(BAD, rule=EXTERNAL, message=problem) if problem else SKIPPED
        if "%" in path:
            path = unquote(path)
        if path.startswith("/"):
            if not (path + "/").startswith(self.site_path):
                return Outcome(BAD, path, rule=BROKEN,
                               message=f"is outside the site (which lives under {self.site_path})")
            base, path = "", path[len(self.site_path):]
        elif base is None:
            return Outcome(BAD, path, rule=BROKEN, message="climbs above the site's root folder")
        target = posixpath.normpath(base + path) if path else base.rstrip("/")
        if target == ".." or target.startswith("../"):
            return Outcome(BAD, path, rule=BROKEN, message="climbs above the site's root folder")
        target = "" if target == "." else target
        if (path.endswith("/") or path in ("", ".", "..") or path.endswith("/.")
                or path.endswith("/..")) and target:
            target += "/"
        if target == "" or target.endswith("/"):
            target_file = target + "index.html"
            if target_file not in self.files:
                return Outcome(BAD, target, rule=BROKEN)
        elif target in self.files:
            target_file = target
        elif target + "/index.html" in self.files:
            target_file = target + "/index.html"
        else:
            return Outcome(BAD, target, rule=BROKEN)
        frag_b = b""
        if frag:
            frag_b = unquote(frag).encode() if "%" in frag else frag.encode()
            if frag_b.startswith(b"__") or not target_file.endswith(".html"):
                frag_b = b""
        return Outcome(OK, target_file, frag_b, self.lang_of(target_file), self.info.get(target_file))


LANG_MD_RE = re.compile(r"\.([a-z]{2})\.md$")


def foreign_md(site: SiteModel, source, link_target: str, served: str) -> Problem | None:
    """A .md link to another language's file (moe.hi.md from an English page): MkDocs builds
    each language on its own, so the link is left as written and leads nowhere. Both checks
    call it for .md links, so they say the same."""
    path = unquote(link_target.partition("#")[0].split("?", 1)[0])
    m = LANG_MD_RE.search(path)
    if not m or m.group(1) == source.lang or SCHEME_RE.match(path):
        return None
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(source.rel), path))
    key = LANG_MD_RE.sub(".md", rel)
    written = m.group(1)
    twin = (key, source.lang) in site.has or (source.lang != site.default and (key, site.default) in site.has)
    if not twin:
        return None
    return Problem(CROSS, served, link_target, "",
                   message=(f"names the {LANG_NAMES.get(written, written)} file docs/{rel} from "
                            f"{a_lang(source.lang)} page: each language is built on its own, so "
                            "the link leads nowhere"),
                   suggest=site.page_file(key, site.lang_of(served)))


def needs_nothing(result: Outcome, hreflang: bytes, page_lang: str) -> bool:
    """The link is fine and says nothing about anchors or languages (most of a page's nav)."""
    return result.code == SKIP or (result.code == OK and not result.frag and not hreflang
                                   and (result.lang == page_lang or result.info is None))


def judge(site: SiteModel, rel: str, href: str, result: Outcome, hreflang: bytes,
          problems: list, deferred: list) -> None:
    """What is wrong with a link of the served page `rel` that leads to `result`: problems are
    appended; an anchor to look up once every page's ids are known goes to `deferred`."""
    if result.code == SKIP:
        return
    if result.code == BAD:
        problems.append(Problem(result.rule, rel, href, result.target, message=result.message or ""))
        return
    if result.frag:
        deferred.append((rel, href, result.target, result.frag))
    info = site.info.get(rel)
    page_lang = site.lang_of(rel)
    if hreflang:
        if info is not None:
            lang = hreflang.decode()
            lang = site.default if lang == "x-default" else lang
            if lang in site.languages:
                expected = site.page_file(info[1], lang)
                if expected in site.files and result.target != expected:
                    problems.append(Problem(
                        CROSS, rel, href, result.target,
                        message=(f"is the hreflang='{hreflang.decode()}' link of this page but "
                                 f"leads to /{site.url_of(result.target)}, not to its twin "
                                 f"/{site.url_of(expected)}"),
                        suggest=expected))
    elif result.lang != page_lang and result.info is not None and info is not None:
        twin_key = result.info[1]
        if (twin_key, page_lang) in site.has:
            problems.append(Problem(
                CROSS, rel, href, result.target,
                message=(f"leads from {a_lang(page_lang)} page to the "
                         f"{LANG_NAMES.get(result.lang, result.lang)} page "
                         f"/{site.url_of(result.target)}, which has a "
                         f"{LANG_NAMES.get(page_lang, page_lang)} twin"),
                suggest=site.page_file(twin_key, page_lang)))


def same_page_anchor(site: SiteModel, rel: str, href: bytes, ids: set[bytes], problems: list) -> None:
    """A link '#frag' to the page itself."""
    frag = href[1:]
    if not frag or frag in ids or frag.startswith(b"__") or rel in site.any_anchor:
        return
    if b"%" in frag:
        frag = unquote(frag.decode()).encode()
        if frag in ids:
            return
    if frag in site.names_of(rel):
        return
    problems.append(Problem(ANCHOR, rel, href.decode("utf-8", "replace"), rel,
                            frag.decode("utf-8", "replace")))


def check_anchors(site: SiteModel, deferred: list, problems: list) -> None:
    """The anchors of links to other pages, once every page's ids are known."""
    for rel, href, target_file, frag in deferred:
        ids = site.ids.get(target_file)
        if ids is None or frag in ids or target_file in site.any_anchor:
            continue
        if frag in site.names_of(target_file):
            continue
        problems.append(Problem(ANCHOR, rel, href, target_file, frag.decode("utf-8", "replace")))
