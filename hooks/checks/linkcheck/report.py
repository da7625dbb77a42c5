"""Reporting: each problem at the Markdown line it came from, worded with the nearest fix.

A problem found in a built page is matched back to the link of its source page (`locate`); one
in the nav or theme of many pages is reported once, at its line of mkdocs.yml. The Markdown check
knows its link already and only words it (`explain`).
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from hooks.core.findings import Finding
from hooks.checks.linkcheck.resolve import Problem, SiteModel, foreign_md
from hooks.checks.linkcheck.urls import (ANCHOR, BROKEN, CROSS, EXTERNAL, HINT_ANCHOR, HINT_CROSS, HINT_MD, HINT_URL, LANG_NAMES,
                   SCHEME_RE, did_you_mean, external_finding, nearest)

THEME_CLASSES = (b"md-nav", b"md-tabs", b"md-header", b"md-footer", b"md-logo", b"md-source",
                 b"md-select", b"md-skip", b"md-top")



def _md_target(link_target: str, source, served_lang: str, site: SiteModel):
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


def _locate(problem: Problem, source, served_lang: str, site: SiteModel, used: set):
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


def explain(problem: Problem, site: SiteModel, link, source, cache: dict) -> tuple[str, str]:
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
        finding = external_finding("", 0, 0, href, problem.message)
        return finding.message, finding.hint
    if problem.rule == ANCHOR:
        ids = sorted(i.decode("utf-8", "replace") for i in site.ids.get(problem.target, ())
                     if not i.startswith(b"__"))
        near = nearest(problem.frag, ids)
        return (f"link '{href}': {_target_name(site, problem.target)} has no anchor #{problem.frag}"
                + did_you_mean(written(problem.target, near[0]) if near else None),
                HINT_ANCHOR.format(frag=problem.frag))
    if problem.rule == CROSS:
        lang = site.lang_of(problem.page)
        return (f"link '{href}' {problem.message}"
                + did_you_mean(written(problem.suggest, problem.href.partition("#")[2])),
                HINT_CROSS.format(lang=LANG_NAMES.get(lang, lang)))
    if is_md and source is not None and not problem.message:
        path = unquote(link.target.partition("#")[0].split("?")[0])
        rel = re.sub(r"\.[a-z]{2}\.md$", ".md", posixpath.normpath(posixpath.join(src_dir, path)))
        keys = sorted({key for key, _ in site.has})
        near = nearest(rel, keys)
        return (f"link '{href}': there is no page docs/{rel}"
                + did_you_mean(posixpath.relpath(near[0], src_dir) if near else None),
                HINT_MD)
    lang = site.lang_of(problem.page)
    key = (lang, problem.target)
    if key not in cache:
        cache[key] = _nearest_file(problem.target, lang, site) if problem.target else None
    what = (problem.message if problem.message
            else f"does not resolve (/{problem.target} is missing)")
    return (f"link '{href}' {what}" + did_you_mean(written(cache[key])),
            HINT_URL)


def _target_name(site, target: str) -> str:
    """A page as the writer knows it: docs/moe.hi.md (/hi/moe/); else its URL."""
    info = site.info.get(target)
    url = "/" + site.url_of(target)
    return f"{info[2].path} ({url})" if info is not None else url


def _nearest_file(wanted: str, lang: str, site: SiteModel) -> str | None:
    """The existing page (in the same language) or file whose path is closest to `wanted`."""
    wanted = wanted.removesuffix("index.html").rstrip("/")
    ext = re.search(r"\.(\w+)$", wanted)
    if ext and ext.group(1) not in ("md", "html"):
        candidates = {f: f for f in site.files if not f.endswith(".html")}
    else:
        wanted = re.sub(r"\.(md|html)$", "", wanted)
        candidates = {site.url_of(f).rstrip("/"): f for f in site.info if site.lang_of(f) == lang}
    near = nearest(wanted, sorted(candidates))
    return candidates[near[0]] if near else None


def _is_theme_link(data: bytes, pos: int) -> bool:
    start = data.rfind(b"<", 0, pos)
    end = data.find(b">", pos)
    tag = data[start:end]
    return any(c in tag for c in THEME_CLASSES) or tag.startswith(b"<link")


def shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def config_file_guess(pages: dict) -> Path | None:
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


def _placed(site: SiteModel, problems: list):
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


def report(site, problems: list, config_file: Path | None) -> list[Finding]:
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
        if link is not None and problem.rule == BROKEN:
            problem = foreign_md(site, source, link.target, problem.page) or problem
        message, hint = explain(problem, site, link, source, cache)
        if located is not None:
            path, line, col = source.path, located[0], located[1]
        else:
            line = data.count(b"\n", 0, pos) + 1
            col = pos - data.rfind(b"\n", 0, pos)
            path = shown(site.site_dir / problem.page)
            message = _insert(message, f" (on the page built from {source.path}, but not written "
                                       "there: added by the build)")
        findings.append(Finding(path, line, col, problem.rule, message, hint))
    for key, group in theme.items():
        pages = sorted({p.page for p, _, _ in group}, key=lambda p: (p not in site.info, p))
        first, pos, data = next(item for item in group if item[0].page == pages[0])
        message, hint = explain(first, site, None, None, cache)
        if len(pages) == 1 and site.info.get(first.page) is None:
            # One page with no Markdown source (404.html, a page of the theme): its own line.
            line = data.count(b"\n", 0, pos) + 1
            col = pos - data.rfind(b"\n", 0, pos)
            findings.append(Finding(shown(site.site_dir / first.page), line, col, first.rule,
                                    message, hint))
            continue
        where = (f" (in the nav or theme of {len(pages)} page{'s' if len(pages) > 1 else ''}, "
                 f"e.g. {shown(site.site_dir / pages[0])})")
        message = _insert(message, where)
        if first.rule != EXTERNAL:
            hint = "fix the nav entry, or the theme setting, in mkdocs.yml"
        line = _config_line(config_file, first.href, first.target)
        shown_config = shown(config_file) if config_file else "mkdocs.yml"
        findings.append(Finding(shown_config, line, 1, first.rule, message, hint))
    return findings
