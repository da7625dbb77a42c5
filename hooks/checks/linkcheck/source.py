"""The Markdown sources, without a build: the site is worked out from them (which file each
page is served as in each language, which files docs/ holds, the ids each page will have) and
every link goes through the same resolver and the same judgement as in the built site.

A relative .md link is the page MkDocs links it to: on a Hindi page `x.md` is the Hindi twin
`x.hi.md` when there is one, else the English page served under /hi/. Another relative link is
first a file of docs/ next to the page (MkDocs rewrites it), else a URL the browser resolves
from the page's address.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from hooks.core.findings import Finding
from hooks.checks.linkcheck.report import explain
from hooks.checks.linkcheck.resolve import BAD, Outcome, SiteModel, check_anchors, foreign_md, judge, same_page_anchor
from hooks.checks.linkcheck.urls import BROKEN, GENERATED, SCHEME_RE, SKIP_SCHEMES, SOURCES_MARKER, built_file, page_url

EXPLICIT_ID_RE = re.compile(r"\{[^}\n]*#([^\s}#]+)[^}\n]*\}")
HTML_ID_RE = re.compile(r"""\s(?:id|name)=["']([^"']+)["']""")
LANG_MD_RE = re.compile(r"\.([a-z]{2})\.md$")


def _slugify(text: str) -> str:
    try:
        from markdown.extensions.toc import slugify
    except ImportError:  # pragma: no cover
        return re.sub(r"[\W_]+", "-", text.lower()).strip("-")
    return slugify(text, "-")


def source_ids(page) -> set[str]:
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


def _docs_files(docs_dir: Path, languages: list[str]) -> dict[str, set[str]]:
    """language -> the paths of docs/'s other files in that language's folder (static-i18n's
    suffix layout: x.hi.svg is served as hi/x.svg, x.en.svg and x.svg as x.svg at the root,
    which the other languages' pages link to)."""
    served: dict[str, set[str]] = {lang: set() for lang in languages}
    suffix = re.compile(r"^(.*)\.(" + "|".join(map(re.escape, languages)) + r")(\.[^./]+)$")
    for file in docs_dir.rglob("*"):
        if not file.is_file() or file.suffix == ".md":
            continue
        rel = file.relative_to(docs_dir).as_posix()
        m = suffix.match(rel)
        if m:
            served[m.group(2)].add(m.group(1) + m.group(3))
        else:
            served[languages[0]].add(rel)
    return served


class SourceSite(SiteModel):
    """The model of the site the sources will build."""

    def __init__(self, pages: dict, languages: list[str], docs_dir: Path | None, registry=None):
        default = languages[0]
        has = {(p.twin_key, p.lang) for p in pages.values()}
        files = set()
        for page in pages.values():
            for lang in languages:
                if page.lang == lang or (page.lang == default and (page.twin_key, lang) not in has):
                    files.add(built_file(page_url(page.twin_key, lang, default)))
        self.docs_files = _docs_files(Path(docs_dir), languages) if docs_dir is not None else None
        generated = {default: set(GENERATED)}   # files the build adds beside the pages' files
        for lang in languages:
            prefix = "" if lang == default else f"{lang}/"
            files.update(prefix + name for name in generated.get(lang, ()))
            files.update(prefix + name for name in (self.docs_files or {}).get(lang, ()))
        self.generated = generated[default]
        super().__init__(files, pages, languages)
        for rel, (_lang, _key, page) in self.info.items():
            ids = source_ids(page)
            if SOURCES_MARKER in page.text:
                if registry is None:
                    self.any_anchor.add(rel)
                else:
                    ids |= set(registry.topics) | {f"fact-{fact_id}" for fact_id in registry.facts}
            self.ids[rel] = {i.encode() for i in ids}

def _resolve(site: SourceSite, page, served: str, target: str) -> Outcome:
    """Where a link written on `page` (served as `served`) leads."""
    path, _, frag = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    here = posixpath.dirname(page.rel)
    if SCHEME_RE.match(target) or target.startswith("//") or path.startswith("/"):
        return site.outcome("", target.encode())
    if path.endswith(".md"):
        rel = posixpath.normpath(posixpath.join(here, path))
        if rel == ".." or rel.startswith("../"):
            return Outcome(BAD, rel, rule=BROKEN, message="climbs above the docs folder")
        m = LANG_MD_RE.search(rel)
        key = rel[: m.start()] + ".md" if m else rel
        lang = m.group(1) if m else site.lang_of(served)
        url = page_url(key, lang, site.default)
        return site.outcome("", (url + (f"#{frag}" if frag else "")).encode())
    lang = site.lang_of(served)
    rel = posixpath.normpath(posixpath.join(here, path)) if path else ""
    if rel in site.generated:
        return site.outcome("", rel.encode())
    if site.docs_files is not None and path:
        if rel in site.docs_files.get(lang, ()):
            return site.outcome("", ((f"{lang}/" if lang != site.default else "") + rel).encode())
        if rel in site.docs_files[site.default]:
            return site.outcome("", rel.encode())
    folder = posixpath.dirname(served)
    result = site.outcome(folder + "/" if folder else "", target.encode())
    if (result.code == BAD and result.rule == BROKEN and site.docs_files is None
            and re.search(r"\.\w+$", path) and not path.endswith(".html")):
        return Outcome(2)   # a file, and docs/ was not given: not checked
    return result


def check_source_links(pages: dict, docs_dir: Path | None = None, site_url: str = "",
                       languages=None, registry=None) -> list[Finding]:
    """The links of the Markdown sources, without a build, through the built check's resolver.

    Other files (images, assets) are checked when `docs_dir` is given. The Sources page gets its
    anchors (a topic id per section, fact-<id> per fact) from the fact registry at build time:
    with `registry` they are checked, without it any is accepted. `languages`: default first
    (by default the languages the pages are written in, English first).
    """
    if languages is None:
        written = sorted({p.lang for p in pages.values()} | {"en"})
        languages = ["en"] + [lang for lang in written if lang != "en"]
    site = SourceSite(pages, list(languages), docs_dir, registry)
    site.set_site_url(site_url)
    found: list[Finding] = []
    # Each page in each language it is served in (an English page without a Hindi twin is also
    # served under /hi/), as the built check sees it.
    for served, (_lang, _key, page) in sorted(site.info.items()):
        problems: list = []
        deferred: list = []
        for link in page.links:
            target = link.target.strip()
            if not target:
                continue
            m = SCHEME_RE.match(target)
            if m and m.group(1).lower() in SKIP_SCHEMES:
                continue
            before = len(problems)
            if target.startswith("#"):
                same_page_anchor(site, served, target.encode(), site.ids.get(served, set()), problems)
            elif (foreign := foreign_md(site, page, target, served)) is not None:
                problems.append(foreign)
            else:
                judge(site, served, target, _resolve(site, page, served, target), b"", problems, deferred)
            check_anchors(site, deferred, problems)
            deferred.clear()
            cache: dict = {}
            for problem in problems[before:]:
                message, hint = explain(problem, site, link, page, cache)
                found.append(Finding(page.path, link.line, link.col, problem.rule, message, hint))
    return sorted(set(found))
