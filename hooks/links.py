"""Links: internal links and anchors resolve, each language links within itself, external
links are https and well formed.

Two entry points, the same rules and the same words:

- `check_built_site(site_dir, pages, languages)` reads every HTML file of the built site once
  (both languages: run it after the last language's build) and checks every href/src in it:
  links from the Markdown, from raw HTML, from the nav and from the theme. Each problem is
  reported at the `docs/<page>.md:line:col` of the link when the Markdown has it, else against
  `mkdocs.yml` (nav and theme links, reported once) or the built HTML file.
- `check_source_links(pages)` checks the Markdown alone, without a build (the CLI).

Rules: `link-broken` (no such page or file), `link-anchor` (no such id on the target page),
`link-cross-language` (a Hindi page linking to an English page that has a Hindi twin, or the
reverse; the language switcher and the hreflang alternates must point to the twin),
`link-external` (not https, or not a well-formed URL).
"""
from __future__ import annotations

import difflib
import html
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .findings import Finding
from .mdscan import SourcePage

BROKEN, ANCHOR, CROSS, EXTERNAL = "link-broken", "link-anchor", "link-cross-language", "link-external"
LANG_NAMES = {"en": "English", "hi": "Hindi"}
SOURCES_MARKER = "<!-- sources -->"   # the Sources page gets its fact-<id> anchors at build time
GENERATED = ("facts.json",)           # files the build adds to the site (not in docs/)

CANONICAL_RE = re.compile(rb'<link rel="canonical" href="([^"]*)"')
SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data", "blob", "fact", "sms", "geo"}
THEME_CLASSES = (b"md-nav", b"md-tabs", b"md-header", b"md-footer", b"md-logo", b"md-source",
                 b"md-select", b"md-skip", b"md-top")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"}
LOCAL_SUFFIXES = (".localhost", ".local", ".test", ".invalid", ".internal", ".lan", ".home.arpa")
HOST_RE = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9-]+)\.?$"
                     r"|^\d{1,3}(?:\.\d{1,3}){3}$")
EXPLICIT_ID_RE = re.compile(r"\{[^}\n]*#([^\s}#]+)[^}\n]*\}")
HTML_ID_RE = re.compile(r"""\s(?:id|name)=["']([^"']+)["']""")


# ---------------------------------------------------------------- URLs and pages

HINT_ANCHOR = "link an existing heading id, or give the heading that id: ## Title {{#{frag}}}"
HINT_CROSS = ("link the {lang} twin: a .md link to the English file name becomes the twin in "
              "each language")
HINT_MD = "link an existing page by its .md file"
HINT_URL = "link an existing page (best by its .md file, which MkDocs checks too)"


def page_url(twin_key: str, lang: str = "en", default: str = "en") -> str:
    """The directory URL of a page, site-relative: moe.md -> moe/, a/index.md -> a/, hi: hi/moe/."""
    stem = twin_key[:-3]
    if stem == "index" or stem == "README":
        url = ""
    elif stem.endswith("/index") or stem.endswith("/README"):
        url = stem.rsplit("/", 1)[0] + "/"
    else:
        url = stem + "/"
    return url if lang == default else f"{lang}/{url}"


def built_file(url: str) -> str:
    """The file a directory URL is served from: moe/ -> moe/index.html, '' -> index.html."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def external_problem(url: str) -> str | None:
    """Why an external URL is not acceptable, or None. https only, with a public host."""
    if any(c.isspace() for c in url) or any(c in url for c in '<>"{}|\\^`'):
        return "is malformed (spaces or characters that must be escaped)"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- raises on a bad port
    except ValueError as err:
        return f"is malformed ({err})"
    scheme = parts.scheme.lower()
    if url.startswith("//"):
        return "has no scheme (protocol-relative)"
    if scheme not in ("https", "http", "ftp", "file"):
        return f"uses the unsupported scheme '{scheme}:'"
    if not host:
        return "has no host"
    if host in LOCAL_HOSTS or host.endswith(LOCAL_SUFFIXES) or host.startswith("127."):
        return f"points to the local machine or a private name ({host})"
    if not host.isascii():  # an internationalized name: check its ASCII (punycode) form
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return f"has a malformed host '{host}'"
    if not HOST_RE.match(host):
        return f"has a malformed host '{host}'"
    if scheme != "https":
        return f"is not https ({scheme}://)"
    return None


def _external_finding(path, line, col, href, problem) -> Finding:
    https = "https://" + href.split("://", 1)[1] if href.lower().startswith("http://") else None
    hint = (f"link {https} (check it serves the same page)" if https and "not https" in problem
            else "link the page's full https:// address")
    return Finding(path, line, col, EXTERNAL, f"external link '{href}' {problem}", hint)


def _nearest(word: str, candidates, n: int = 1) -> list[str]:
    """The closest candidates to `word` (difflib); on a large site, among the word's folder."""
    if not candidates:
        return []
    folder = word
    while len(candidates) > 200 and "/" in folder:
        folder = folder.rpartition("/")[0]
        subset = [c for c in candidates if c.startswith(folder + "/")]
        if subset:
            candidates = subset
    close = difflib.get_close_matches(word, candidates, n=n, cutoff=0.4)
    if close:
        return close
    # Nothing close: the candidate sharing the longest common prefix.
    best = max(candidates, key=lambda c: (len(os.path.commonprefix([c, word])), -len(c)))
    return [best]


def _a(lang: str) -> str:
    """'an English', 'a Hindi'."""
    name = LANG_NAMES.get(lang, lang)
    return ("an " if name[:1] in "AEIOU" else "a ") + name


def _did_you_mean(suggestion: str | None) -> str:
    return f" -> did you mean {suggestion}?" if suggestion else ""


# ---------------------------------------------------------------- the built site: scanning
#
# Speed matters: at 1,000 pages per language the built site is ~700 MB of HTML, most of it the
# navigation Material repeats on every page. Each file is read once and searched by three
# regular expressions that start with a literal (href=, src, id=), which the regex engine finds
# at memory speed. The links of a page, as a set, minus the links already found to need nothing
# more from the same folder (the shared nav), leaves a few dozen to look at; what a link leads
# to is worked out once per (folder it climbs to, rest of the link) and cached. Problems are
# located (line, comments, hreflang) only when there are some.
#
# A language link is an <a>/<link> whose hreflang attribute comes right after its href (as
# Material and static-i18n write them): it is exempt from the cross-language rule, and must
# lead to the page's twin in that language.

HREF_RE = re.compile(rb"""href=(?:"([^"]*)"|'([^']*)')(?: hreflang=["']([^"']*))?""")
SRC_RE = re.compile(rb"""src(set)?=(?:"([^"]*)"|'([^']*)')""")
ID_RE = re.compile(rb"""id=(?:"([^"]*)"|'([^']*)')""")
NAME_RE = re.compile(rb"""name=(?:"([^"]*)"|'([^']*)')""")
OK, BAD, SKIP = 0, 1, 2


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


def _site_files(site_dir: Path) -> set[str]:
    files = set()
    root = str(site_dir)
    cut = len(root) + 1
    for dirpath, dirnames, filenames in os.walk(root):
        rel = dirpath[cut:].replace(os.sep, "/")
        prefix = rel + "/" if rel else ""
        for name in filenames:
            files.add(prefix + name)
    return files


class _Site:
    """What is known about the built site while its pages are read."""

    def __init__(self, site_dir: Path, pages: dict, languages: list[str]):
        self.site_dir = site_dir
        self.languages = languages or ["en"]
        self.default = self.languages[0]
        self.prefixes = {lang + "/": lang for lang in self.languages[1:]}
        self.files = _site_files(site_dir)
        self.ids: dict[str, set[bytes]] = {}
        self.site_url = ""           # from the canonical links, when site_url is set
        self.site_path = "/"
        self.cache: dict = {}
        self.clean: dict = {}
        # built file -> (served language, twin key, source page)
        self.info: dict[str, tuple[str, str, SourcePage]] = {}
        self.has: set[tuple[str, str]] = set()   # (twin key, language) written in that language
        for page in pages.values():
            self.has.add((page.twin_key, page.lang))
        for page in pages.values():
            for lang in self.languages:
                if page.lang != lang and (page.lang != self.default or (page.twin_key, lang) in self.has):
                    continue  # served in `lang` only if written in it, or as the default's fallback
                f = self.page_file(page.twin_key, lang)
                if f in self.files:
                    self.info[f] = (lang, page.twin_key, page)

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

    def find_site_url(self, rel: str, data: bytes) -> None:
        m = CANONICAL_RE.search(data, 0, 20000)
        if not m:
            return
        canonical = m.group(1).decode()
        here = self.url_of(rel)
        if canonical.endswith(here):
            self.site_url = canonical[: len(canonical) - len(here)]
            self.site_path = urlsplit(self.site_url).path or "/"
            if not self.site_path.endswith("/"):
                self.site_path += "/"
        self.cache.clear()
        self.clean.clear()

    def outcome(self, base: str | None, raw: bytes) -> tuple:
        """What a link leads to: (OK, file, fragment, language, page info), (BAD, rule, message)
        or (SKIP,). `base` is the folder the link is relative to ('' = the site's root); None
        when the link climbs above the root."""
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
                    return (SKIP,)
                problem = external_problem(href)
                return (BAD, EXTERNAL, problem, "") if problem else (SKIP,)
        if "%" in path:
            path = unquote(path)
        if path.startswith("/"):
            if not (path + "/").startswith(self.site_path):
                return (BAD, BROKEN, f"is outside the site (which lives under {self.site_path})", path)
            base, path = "", path[len(self.site_path):]
        elif base is None:
            return (BAD, BROKEN, "climbs above the site's root folder", path)
        target = posixpath.normpath(base + path) if path else base.rstrip("/")
        if target == ".." or target.startswith("../"):
            return (BAD, BROKEN, "climbs above the site's root folder", path)
        target = "" if target == "." else target
        if (path.endswith("/") or path in ("", ".", "..") or path.endswith("/.")
                or path.endswith("/..")) and target:
            target += "/"
        if target == "" or target.endswith("/"):
            target_file = target + "index.html"
            if target_file not in self.files:
                return (BAD, BROKEN, "", target)
        elif target in self.files:
            target_file = target
        elif target + "/index.html" in self.files:
            target_file = target + "/index.html"
        else:
            return (BAD, BROKEN, "", target)
        if frag:
            frag_b = unquote(frag).encode() if "%" in frag else frag.encode()
            if frag_b.startswith(b"__") or not target_file.endswith(".html"):
                frag_b = b""
        else:
            frag_b = b""
        return (OK, target_file, frag_b, self.lang_of(target_file), self.info.get(target_file))


class _Problem:
    __slots__ = ("rule", "page", "href", "target", "frag", "message", "suggest", "attr")

    def __init__(self, rule, page, href, target="", frag="", message="", suggest=None, attr="href"):
        self.rule, self.page, self.href, self.target, self.frag = rule, page, href, target, frag
        self.message, self.suggest, self.attr = message, suggest, attr


def _ancestors(page_rel: str) -> list[str]:
    """ancestors[k]: the folder k levels above the page's folder, as a prefix ('' = root)."""
    parts = page_rel.split("/")[:-1]
    return ["/".join(parts[: len(parts) - k]) + "/" if len(parts) > k else "" for k in range(len(parts) + 1)]


NAV_START = b'<nav class="md-nav md-nav--primary"'
NAV_ENDS = (b'<div class="md-sidebar md-sidebar--secondary"', b'<div class="md-content"')


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


def _check_page(site: _Site, rel: str, data: bytes, problems: list, deferred: list) -> None:
    parts = _outside_nav(data)
    ids = {a or b for lo, hi in parts for a, b in ID_RE.findall(data, lo, hi)}
    site.ids[rel] = ids
    info = site.info.get(rel)
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
            frag = h[1:]
            if frag and frag not in ids and not frag.startswith(b"__"):
                if b"%" in frag:
                    frag = unquote(frag.decode()).encode()
                    if frag in ids:
                        continue
                problems.append(_Problem(ANCHOR, rel, h.decode("utf-8", "replace"), rel,
                                         frag.decode("utf-8", "replace")))
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
            result = cache.get(key)
            if result is None:
                result = cache[key] = outcome(key[0], key[1])
        else:
            if first == 104 and (h.startswith(b"https:") or h.startswith(b"http:")):
                key = ("", h)
            else:
                key = (here, h)
                shared = False
            result = cache.get(key)
            if result is None:
                result = cache[key] = outcome(key[0], h)
        code = result[0]
        if code == SKIP or (code == OK and not result[2] and not hreflang
                            and (result[3] == page_lang or result[4] is None)):
            if shared:
                clean.add(item)
            continue
        # One problem per (page, link): the report finds each place the link is on the page.
        if code == BAD:
            problems.append(_Problem(result[1], rel, h.decode("utf-8", "replace"), result[3],
                                     message=result[2] or ""))
            continue
        if result[2]:
            deferred.append((rel, h, result[1], result[2]))
        if hreflang:
            if info is not None:
                lang = hreflang.decode()
                lang = site.default if lang == "x-default" else lang
                if lang in site.languages:
                    expected = site.page_file(info[1], lang)
                    if expected in site.files and result[1] != expected:
                        problems.append(_Problem(
                            CROSS, rel, h.decode("utf-8", "replace"), result[1],
                            message=(f"is the hreflang='{hreflang.decode()}' link of this page but "
                                     f"leads to /{site.url_of(result[1])}, not to its twin "
                                     f"/{site.url_of(expected)}"),
                            suggest=expected))
        elif result[3] != page_lang and result[4] is not None and info is not None:
            twin_key = result[4][1]
            if (twin_key, page_lang) in site.has:
                target_lang = result[3]
                problems.append(_Problem(
                    CROSS, rel, h.decode("utf-8", "replace"), result[1],
                    message=(f"leads from {_a(page_lang)} page to the "
                             f"{LANG_NAMES.get(target_lang, target_lang)} page "
                             f"/{site.url_of(result[1])}, which has a "
                             f"{LANG_NAMES.get(page_lang, page_lang)} twin"),
                    suggest=site.page_file(twin_key, page_lang)))


def _check_anchors(site: _Site, deferred: list, problems: list) -> None:
    names: dict[str, set] = {}
    for rel, href, target_file, frag in deferred:
        ids = site.ids.get(target_file)
        if ids is None or frag in ids:
            continue
        if target_file not in names:  # <a name="..."> anchors, looked up only when needed
            data = (site.site_dir / target_file).read_bytes()
            names[target_file] = {a or b for a, b in NAME_RE.findall(data)}
        if frag in names[target_file]:
            continue
        problems.append(_Problem(ANCHOR, rel, href.decode("utf-8", "replace"), target_file,
                                 frag.decode("utf-8", "replace")))


# ---------------------------------------------------------------- the built site: reporting

def _md_target(link_target: str, source: SourcePage, served_lang: str, site: _Site):
    """(built file, fragment) a Markdown .md link leads to in the given language, or None."""
    path, _, frag = link_target.partition("#")
    if not path.endswith(".md") or SCHEME_RE.match(path):
        return None
    path = unquote(path)
    rel = posixpath.normpath(posixpath.join(posixpath.dirname(source.rel), path))
    rel = re.sub(r"\.[a-z]{2}\.md$", ".md", rel)
    return site.page_file(rel, served_lang), frag


def _href_key(href: str) -> tuple[str, str]:
    path, _, frag = href.partition("#")
    last = path.rstrip("/").rsplit("/", 1)[-1]
    last = last[:-3] if last.endswith(".md") else last
    last = re.sub(r"\.[a-z]{2}$", "", last)
    return last, frag


def _locate(problem: _Problem, source: SourcePage, served_lang: str, site: _Site, used: set):
    """The source link a problem in the built page came from: (line, col, link) or None."""
    levels = [[], [], []]
    href = html.unescape(problem.href) if "&" in problem.href else problem.href
    for i, link in enumerate(source.links):
        if i in used:
            continue
        if link.target == href:
            levels[0].append(i)
            continue
        built = _md_target(link.target, source, served_lang, site)
        if built and problem.target and built == (problem.target, problem.frag if problem.rule == ANCHOR
                                                  else built[1]):
            levels[1].append(i)
            continue
        if _href_key(link.target) == _href_key(href) and _href_key(href) != ("", ""):
            levels[2].append(i)
    for level in levels:
        if level:
            used.add(level[0])
            link = source.links[level[0]]
            return link.line, link.col, link
    if problem.rule == ANCHOR and problem.frag.startswith("fact-"):
        for ref in source.fact_refs:
            if ref.id == problem.frag[len("fact-"):]:
                return ref.line, ref.col, None
    return None


def _explain(problem: _Problem, site: _Site, link, source: SourcePage | None, cache: dict) -> tuple[str, str]:
    """The message, with the nearest existing target written the way the link was, and the fix.

    `link` is the Markdown link the problem came from (None for the nav, the theme, or links
    the build added)."""
    href = link.target if link is not None else html.unescape(problem.href)
    is_md = link is not None and link.target.partition("#")[0].split("?")[0].endswith(".md")
    src_dir = (posixpath.dirname(source.rel) or ".") if source is not None else "."

    def written(target_file: str | None, frag: str = "") -> str | None:
        if target_file is None:
            return None
        suffix = f"#{frag}" if frag else ""
        if source is not None and target_file in site.info and (is_md or problem.rule == CROSS):
            return posixpath.relpath(site.info[target_file][1], src_dir) + suffix
        if source is None and target_file in site.info:  # the nav: a docs-relative file name
            return site.info[target_file][1] + suffix
        url = site.url_of(target_file)
        rel_url = posixpath.relpath(url or ".", posixpath.dirname(problem.page) or ".")
        if url.endswith("/") or url == "":
            rel_url = "./" if rel_url == "." else rel_url + "/"
        return rel_url + suffix

    if problem.rule == EXTERNAL:
        finding = _external_finding("", 0, 0, href, problem.message)
        return finding.message, finding.hint
    if problem.rule == ANCHOR:
        ids = sorted(i.decode("utf-8", "replace") for i in site.ids.get(problem.target, ())
                     if not i.startswith(b"__"))
        near = _nearest(problem.frag, ids)
        return (f"link '{href}': /{site.url_of(problem.target)} has no anchor #{problem.frag}"
                + _did_you_mean(written(problem.target, near[0]) if near else None),
                HINT_ANCHOR.format(frag=problem.frag))
    if problem.rule == CROSS:
        lang = site.lang_of(problem.page)
        return (f"link '{href}' {problem.message}"
                + _did_you_mean(written(problem.suggest, problem.href.partition("#")[2])),
                HINT_CROSS.format(lang=LANG_NAMES.get(lang, lang)))
    if is_md and source is not None and not problem.message:
        path = unquote(link.target.partition("#")[0].split("?")[0])
        rel = re.sub(r"\.[a-z]{2}\.md$", ".md", posixpath.normpath(posixpath.join(src_dir, path)))
        keys = sorted({key for key, _ in site.has})
        near = _nearest(rel, keys)
        return (f"link '{href}': there is no page docs/{rel}"
                + _did_you_mean(posixpath.relpath(near[0], src_dir) if near else None),
                HINT_MD)
    lang = site.lang_of(problem.page)
    key = (lang, problem.target)
    if key not in cache:
        cache[key] = _nearest_file(problem.target, lang, site) if problem.target else None
    what = (problem.message if problem.message
            else f"does not resolve in the built site (/{problem.target} is missing)")
    return (f"link '{href}' {what}" + _did_you_mean(written(cache[key])),
            HINT_URL)


def _nearest_file(wanted: str, lang: str, site: _Site) -> str | None:
    """The existing page (in the same language) or file whose path is closest to `wanted`."""
    wanted = wanted.removesuffix("index.html").rstrip("/")
    ext = re.search(r"\.(\w+)$", wanted)
    if ext and ext.group(1) not in ("md", "html"):
        candidates = {f: f for f in site.files if not f.endswith(".html")}
    else:
        wanted = re.sub(r"\.(md|html)$", "", wanted)
        candidates = {site.url_of(f).rstrip("/"): f for f in site.info if site.lang_of(f) == lang}
    near = _nearest(wanted, sorted(candidates))
    return candidates[near[0]] if near else None


def _is_theme_link(data: bytes, pos: int) -> bool:
    start = data.rfind(b"<", 0, pos)
    end = data.find(b">", pos)
    tag = data[start:end]
    return any(c in tag for c in THEME_CLASSES) or tag.startswith(b"<link")


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _config_file(pages: dict) -> Path | None:
    """mkdocs.yml, when the build runs from the project's folder (the pages' paths, which are
    relative to it, exist from here): nav problems are then reported at their line."""
    config = Path("mkdocs.yml")
    sample = next(iter(pages.values()), None)
    if sample is not None and config.is_file() and Path(sample.path).is_file():
        return config
    return None


def _config_line(config_file: Path | None, href: str, target: str) -> int:
    """The line of mkdocs.yml that names a link (a nav entry, a theme setting), else 1."""
    if config_file is None:
        return 1
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    stem = target.removesuffix("index.html")
    needles = [href, href.partition("#")[0], stem, stem.rstrip("/"),
               posixpath.basename(stem.rstrip("/"))]
    for needle in needles:
        if not needle or needle in (".", "/"):
            continue
        for number, line in enumerate(lines, start=1):
            text = line.split(" #", 1)[0].rstrip().rstrip("'\"")
            if not line.lstrip().startswith("#") and (text.endswith(" " + needle) or
                                                      text.endswith("'" + needle) or
                                                      text.endswith('"' + needle) or
                                                      text.endswith("/" + needle)):
                return number
    return 1


def _in_comment(data: bytes, pos: int) -> bool:
    return data.rfind(b"<!--", 0, pos) > data.rfind(b"-->", 0, pos)


def _placed(site: _Site, problems: list):
    """Each problem at each place its link is on the built page (not in HTML comments):
    yields (problem, offset, page bytes). A problem is one (page, link, rule)."""
    by_page: dict[str, list] = {}
    for problem in problems:
        by_page.setdefault(problem.page, []).append(problem)
    for page in sorted(by_page):
        data = (site.site_dir / page).read_bytes()
        for problem in by_page[page]:
            lang_link = problem.rule == CROSS and problem.message.startswith("is the hreflang")
            value = re.escape(problem.href.encode("utf-8", "replace"))
            after = rb"""["'] hreflang=""" if lang_link else rb"""(?=["' ,])(?!["'] hreflang=)"""
            spots = [m.start() for m in re.finditer(rb"""(?:(?<==["'])|(?<=, ))""" + value + after, data)]
            if not spots:  # srcset parts and other spellings
                spots = [m.start() for m in re.finditer(value, data)] or [0]
            for pos in sorted(spots):
                if not _in_comment(data, pos):
                    yield problem, pos, data


def _insert(message: str, words: str) -> str:
    """Put words before the '-> did you mean' part of a message."""
    head, sep, tail = message.partition(" -> did you mean")
    return head + words + sep + tail


def _report(site: _Site, problems: list, config_file: Path | None) -> list[Finding]:
    findings = []
    used: dict[str, set] = {}
    cache: dict = {}
    theme: dict[tuple, list] = {}
    for problem, pos, data in _placed(site, problems):
        info = site.info.get(problem.page)
        source = info[2] if info else None
        located = None
        if source is not None:
            located = _locate(problem, source, info[0], site, used.setdefault(problem.page, set()))
        if located is None and (_is_theme_link(data, pos) or source is None):
            key = (problem.rule, problem.target or problem.href, problem.frag, problem.message)
            theme.setdefault(key, []).append((problem, pos, data))
            continue
        link = located[2] if located else None
        message, hint = _explain(problem, site, link, source, cache)
        if located is not None:
            path, line, col = source.path, located[0], located[1]
        else:
            line = data.count(b"\n", 0, pos) + 1
            col = pos - data.rfind(b"\n", 0, pos)
            path = _shown(site.site_dir / problem.page)
            message = _insert(message, f" (on the page built from {source.path}, but not written "
                                       "there: added by the build)")
        findings.append(Finding(path, line, col, problem.rule, message, hint))
    for key, group in theme.items():
        pages = sorted({p.page for p, _, _ in group}, key=lambda p: (p not in site.info, p))
        first, pos, data = next(item for item in group if item[0].page == pages[0])
        message, hint = _explain(first, site, None, None, cache)
        if len(pages) == 1 and site.info.get(first.page) is None:
            # One page with no Markdown source (404.html, a page of the theme): its own line.
            line = data.count(b"\n", 0, pos) + 1
            col = pos - data.rfind(b"\n", 0, pos)
            findings.append(Finding(_shown(site.site_dir / first.page), line, col, first.rule,
                                    message, hint))
            continue
        where = (f" (in the nav or theme of {len(pages)} page{'s' if len(pages) > 1 else ''}, "
                 f"e.g. {_shown(site.site_dir / pages[0])})")
        message = _insert(message, where)
        if first.rule != EXTERNAL:
            hint = "fix the nav entry, or the theme setting, in mkdocs.yml"
        line = _config_line(config_file, first.href, first.target)
        shown_config = _shown(config_file) if config_file else "mkdocs.yml"
        findings.append(Finding(shown_config, line, 1, first.rule, message, hint))
    return findings


def _scan(site: _Site, rels: list[str]) -> tuple[dict, list, list]:
    problems: list[_Problem] = []
    deferred: list = []
    for rel in rels:
        with open(site.site_dir / rel, "rb") as fh:
            data = fh.read()
        _check_page(site, rel, data, problems, deferred)
    return {rel: site.ids[rel] for rel in rels}, problems, deferred


def check_built_site(site_dir: Path, pages: dict[str, SourcePage], languages: list[str],
                     config_file: Path | None = None) -> list[Finding]:
    """Every internal link, anchor, cross-language link and external link of the built site.

    Reads each HTML file once (the search index and the sitemap are not pages). `pages` are the
    Markdown sources (to name `docs/<page>.md:line` for each problem), `languages` the site's
    languages, default first (the others are built under /<lang>/). `config_file` (mkdocs.yml)
    lets problems in the nav be reported at their line there (by default: ./mkdocs.yml when the
    build runs from the project's folder).
    """
    site_dir = Path(site_dir)
    site = _Site(site_dir, pages, list(languages))
    html_files = sorted(f for f in site.files if f.endswith(".html") and not f.startswith("search/"))
    if "index.html" in site.files:  # site_url, from the home page's canonical link
        with open(site_dir / "index.html", "rb") as fh:
            site.find_site_url("index.html", fh.read(8000))
    _, problems, deferred = _scan(site, html_files)
    _check_anchors(site, deferred, problems)
    return _report(site, problems, Path(config_file) if config_file else _config_file(pages))


# ---------------------------------------------------------------- Markdown sources, no build

def _slugify(text: str) -> str:
    try:
        from markdown.extensions.toc import slugify
    except ImportError:  # pragma: no cover
        return re.sub(r"[\W_]+", "-", text.lower()).strip("-")
    return slugify(text, "-")


def source_ids(page: SourcePage) -> set[str]:
    """The anchors a source page will have: heading ids (explicit, or as the toc makes them),
    attribute-list ids and id/name attributes in raw HTML."""
    ids: set[str] = set()
    for h in page.headings:
        if h.id:
            ids.add(h.id)
            continue
        base = _slugify(re.sub(r"<[^>]+>|[*_`]", "", h.text))
        slug, count = base, 0
        while slug in ids or not slug:
            count += 1
            slug = f"{base}_{count}"
        ids.add(slug)
    ids.update(EXPLICIT_ID_RE.findall(page.prose))
    ids.update(HTML_ID_RE.findall(page.prose))
    return ids


def _localized(name: str, langs) -> list[str]:
    """A file and its per-language versions (static-i18n's suffix layout: x.svg may be
    x.en.svg and x.hi.svg in docs/)."""
    stem, dot, ext = name.rpartition(".")
    if not dot or "/" in ext:
        return [name]
    return [name] + [f"{stem}.{lang}.{ext}" for lang in langs]


def check_source_links(pages: dict[str, SourcePage], docs_dir: Path | None = None,
                       site_url: str = "", languages=("en", "hi"), registry=None) -> list[Finding]:
    """The links of the Markdown sources, without a build.

    Relative .md links resolve to a source file (on a Hindi page `x.md` is the Hindi twin
    `x.hi.md` when there is one, else the English page), their #anchors to an id of the
    target; URL-style links are resolved as the built site would; external links are https
    and well formed. Other files (images, assets) are checked when `docs_dir` is given. The
    Sources page gets its anchors (a topic id per section, fact-<id> per fact) from the fact
    registry at build time: with `registry` they are checked, without it any is accepted.
    """
    default = languages[0]
    by_key: dict[tuple[str, str], SourcePage] = {(p.twin_key, p.lang): p for p in pages.values()}
    url_to: dict[str, tuple[str, SourcePage]] = {}   # served URL -> (served lang, source)
    for page in pages.values():
        for lang in languages:
            if page.lang == lang or (page.lang == default and (page.twin_key, lang) not in by_key):
                url_to[page_url(page.twin_key, lang, default)] = (lang, page)
    ids_cache: dict[str, set[str]] = {}
    site_path = (urlsplit(site_url).path or "/") if site_url else "/"
    site_path = site_path if site_path.endswith("/") else site_path + "/"

    def ids_of(page):
        if page.rel not in ids_cache:
            ids = source_ids(page)
            if SOURCES_MARKER in page.text and registry is not None:
                ids |= set(registry.topics) | {f"fact-{fact_id}" for fact_id in registry.facts}
            ids_cache[page.rel] = ids
        return ids_cache[page.rel]

    def anchor_problem(page, link, target, frag):
        if not frag or frag.startswith("__"):
            return None
        ids = ids_of(target)
        if frag in ids or (registry is None and SOURCES_MARKER in target.text):
            return None
        near = _nearest(frag, sorted(i for i in ids if not i.startswith("__")))
        path = link.target.partition("#")[0]
        return Finding(page.path, link.line, link.col, ANCHOR,
                       f"link '{link.target}': {target.path} has no anchor #{frag}"
                       + _did_you_mean(f"{path}#{near[0]}" if near else None),
                       HINT_ANCHOR.format(frag=frag))

    found = []
    for page in pages.values():
        here = posixpath.dirname(page.rel)
        for link in page.links:
            target = link.target.strip()
            if not target:
                continue
            m = SCHEME_RE.match(target)
            if m or target.startswith("//"):
                if m and m.group(1).lower() in SKIP_SCHEMES:
                    continue
                if site_url and target.startswith(site_url):
                    target = site_path + target[len(site_url):]
                else:
                    problem = external_problem(target)
                    if problem:
                        found.append(_external_finding(page.path, link.line, link.col, target, problem))
                    continue
            path, _, frag = target.partition("#")
            path = unquote(path.split("?", 1)[0])
            frag = unquote(frag)
            if not path:
                problem = anchor_problem(page, link, page, frag)
                if problem:
                    found.append(problem)
                continue
            if path.endswith(".md"):
                rel = posixpath.normpath(posixpath.join(here, path))
                lang_m = re.search(r"\.([a-z]{2})\.md$", rel)
                key = rel[: lang_m.start()] + ".md" if lang_m else rel
                written = lang_m.group(1) if lang_m else None
                if written and written != page.lang and (key, page.lang) in by_key:
                    found.append(Finding(
                        page.path, link.line, link.col, CROSS,
                        f"link '{link.target}' leads from {_a(page.lang)} page "
                        f"to the {LANG_NAMES.get(written, written)} page {rel}, which has a "
                        f"{LANG_NAMES.get(page.lang, page.lang)} twin"
                        + _did_you_mean(posixpath.relpath(key, here or ".") + (f"#{frag}" if frag else "")),
                        HINT_CROSS.format(lang=LANG_NAMES.get(page.lang, page.lang))))
                    continue
                lang = written or page.lang
                dest = by_key.get((key, lang)) or by_key.get((key, default))
                if dest is None:
                    keys = sorted({p.twin_key for p in pages.values()})
                    near = _nearest(key, keys)
                    found.append(Finding(
                        page.path, link.line, link.col, BROKEN,
                        f"link '{link.target}': there is no page docs/{rel}"
                        + _did_you_mean(posixpath.relpath(near[0], here or ".") if near else None),
                        HINT_MD))
                    continue
                problem = anchor_problem(page, link, dest, frag)
                if problem:
                    found.append(problem)
                continue
            # A URL-style link: resolved from the page's URL, as the browser will.
            served = page_url(page.twin_key, page.lang, default)
            if path.startswith("/"):
                if not path.startswith(site_path):
                    found.append(Finding(page.path, link.line, link.col, BROKEN,
                                         f"link '{link.target}' is outside the site (under {site_path})",
                                         "link the page's .md file"))
                    continue
                url = path[len(site_path):]
            else:
                url = posixpath.normpath(posixpath.join(served or ".", path))
                if url == ".." or url.startswith("../"):
                    found.append(Finding(page.path, link.line, link.col, BROKEN,
                                         f"link '{link.target}' climbs above the site's root folder",
                                         "link the page's .md file"))
                    continue
                url = "" if url == "." else url
                if path.endswith("/") and url:
                    url += "/"
            if url in url_to or url + "/" in url_to or url.removesuffix("index.html") in url_to:
                lang, dest = url_to.get(url) or url_to.get(url + "/") or url_to[url.removesuffix("index.html")]
                if lang != page.lang and (dest.twin_key, page.lang) in by_key:
                    found.append(Finding(
                        page.path, link.line, link.col, CROSS,
                        f"link '{link.target}' leads from {_a(page.lang)} page "
                        f"to the {LANG_NAMES.get(lang, lang)} page /{url}, which has a "
                        f"{LANG_NAMES.get(page.lang, page.lang)} twin"
                        + _did_you_mean(posixpath.relpath(dest.twin_key, here or ".")
                                        + (f"#{frag}" if frag else "")),
                        HINT_CROSS.format(lang=LANG_NAMES.get(page.lang, page.lang))))
                    continue
                problem = anchor_problem(page, link, dest, frag)
                if problem:
                    found.append(problem)
                continue
            # Not a page: a file in docs/ (image, asset) or one the build generates.
            rel = posixpath.normpath(posixpath.join(here, path)) if not path.startswith("/") else url
            stripped = re.sub(r"^([a-z]{2})/", "", url)
            if rel in GENERATED or url in GENERATED or stripped in GENERATED:
                continue
            looks_like_page = path.endswith("/") or not re.search(r"\.\w+$", path)
            if docs_dir is None and not looks_like_page:
                continue
            if docs_dir is not None and any(
                    (Path(docs_dir) / name).is_file()
                    for candidate in (rel, url, stripped)
                    for name in _localized(candidate, (page.lang, default))):
                continue
            known = sorted({p.twin_key for p in pages.values()})
            near = _nearest(rel, known)
            found.append(Finding(page.path, link.line, link.col, BROKEN,
                                 f"link '{link.target}' does not lead to a page or a file in docs/ "
                                 f"(/{url})" + _did_you_mean(posixpath.relpath(near[0], here or ".")
                                                             if near else None),
                                 "link a page's .md file, or a file that exists in docs/"))
    return found
