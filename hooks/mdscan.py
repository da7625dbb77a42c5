"""Read a Markdown source page once into what every check needs.

Code (fenced blocks and inline code) is blanked out in `prose` with the line and column
layout kept, so positions found in `prose` are positions in the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LANG_SUFFIX = re.compile(r"\.(hi)\.md$")

FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
INLINE_CODE_RE = re.compile(r"(`+)(.+?)\1")
HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ATTR_ID_RE = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
FACT_RE = re.compile(r"\[(?P<text>[^\[\]]*)\]\(fact:(?P<id>[^)\s]*)\)(?P<asof>\{\.as-of\})?")
LINK_RE = re.compile(r"(?P<img>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HTML_ATTR_RE = re.compile(r"<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*?\b(?P<attr>href|src)=\"(?P<target>[^\"]*)\"")


# What is not prose even outside code: link targets, HTML tags and comments, bare URLs and
# attribute lists ({#id}, {.class}, {key=value}).
LINK_TARGET_RE = re.compile(r"\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
TAG_RE = re.compile(r"<!--.*?-->|</?[A-Za-z][^>\n]*>", re.S)
URL_RE = re.compile(r"<https?://[^>\s]*>|https?://[^\s<>()\"]+")
ATTR_RE = re.compile(r"\{:?\s*[#.\w][^}\n]*\}")


@dataclass
class Heading:
    level: int
    text: str
    id: str | None
    line: int


@dataclass
class FactRef:
    text: str
    id: str
    as_of: bool
    line: int
    col: int
    start: int   # offset in the full text
    end: int


@dataclass
class Link:
    target: str
    line: int
    col: int
    kind: str    # md | image | html


@dataclass
class SourcePage:
    path: str            # as shown in messages, e.g. docs/moe.hi.md
    rel: str             # docs-relative, e.g. moe.hi.md
    lang: str            # en | hi
    twin_key: str        # the English file name both twins share, e.g. moe.md
    text: str
    meta: dict
    prose: str           # text with code blanked
    headings: list = field(default_factory=list)
    fact_refs: list = field(default_factory=list)
    links: list = field(default_factory=list)
    code_blocks: int = 0
    cache: dict = field(default_factory=dict, repr=False)  # derived data, computed once per page

    @property
    def title(self) -> str:
        for h in self.headings:
            if h.level == 1:
                return h.text
        return self.meta.get("title", self.twin_key)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, col


def plain_text(page: SourcePage) -> str:
    """The page's prose with link targets, tags, URLs and attribute lists blanked too.

    Positions are kept (a link keeps its "]" so the text before it stays in place), and the
    result is computed once per page: every prose check reads it.
    """
    if "plain" not in page.cache:
        text = LINK_TARGET_RE.sub(lambda m: "]" + blank(m.group(0))[1:], page.prose)
        for pattern in (TAG_RE, URL_RE, ATTR_RE):
            text = pattern.sub(lambda m: blank(m.group(0)), text)
        page.cache["plain"] = text
    return page.cache["plain"]


def lang_of(rel: str) -> tuple[str, str]:
    """('hi', 'moe.md') for 'moe.hi.md'; ('en', 'moe.md') for 'moe.md'."""
    m = LANG_SUFFIX.search(rel)
    if m:
        return m.group(1), rel[: m.start()] + ".md"
    return "en", rel


def split_front_matter(text: str) -> tuple[dict, int]:
    """The front matter as a dict, and the offset where the body starts."""
    if not text.startswith("---\n"):
        return {}, 0
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, 0
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), end + 5


def blank(text: str) -> str:
    """Same length, newlines kept, everything else a space."""
    return re.sub(r"[^\n]", " ", text)


def mask_code(text: str) -> tuple[str, int]:
    """Blank fenced code blocks and inline code; count the fenced blocks."""
    out, fence, blocks = [], None, 0
    for line in text.splitlines(keepends=True):
        m = FENCE_RE.match(line)
        if fence is None and m:
            fence, blocks = m.group(2)[0] * len(m.group(2)), blocks + 1
            out.append(blank(line))
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            out.append(blank(line))
            continue
        out.append(INLINE_CODE_RE.sub(lambda mm: blank(mm.group(0)), line))
    return "".join(out), blocks


def parse(text: str, rel: str, path: str | None = None) -> SourcePage:
    lang, twin_key = lang_of(rel)
    meta, body_start = split_front_matter(text)
    prose, blocks = mask_code(blank(text[:body_start]) + text[body_start:])
    prose = HTML_COMMENT_RE.sub(lambda m: blank(m.group(0)) if "numbers-ok" not in m.group(0)
                                else m.group(0), prose)
    page = SourcePage(path or rel, rel, lang, twin_key, text, meta, prose, code_blocks=blocks)
    offset = 0
    for number, line in enumerate(prose.splitlines(keepends=True), start=1):
        m = HEADING_RE.match(line.rstrip("\n"))
        if m:
            title = m.group(2)
            idm = ATTR_ID_RE.search(title)
            heading_id = idm.group(1) if idm else None
            if idm:
                title = title[: idm.start()].rstrip()
            page.headings.append(Heading(len(m.group(1)), title.rstrip("#").strip(), heading_id, number))
        offset += len(line)
    for m in FACT_RE.finditer(prose):
        line, col = page.line_col(m.start())
        page.fact_refs.append(FactRef(m.group("text"), m.group("id"), bool(m.group("asof")),
                                      line, col, m.start(), m.end()))
    for m in LINK_RE.finditer(prose):
        target = m.group("target").strip("<>")
        if target.startswith("fact:"):
            continue
        line, col = page.line_col(m.start("target"))
        page.links.append(Link(target, line, col, "image" if m.group("img") else "md"))
    for m in HTML_ATTR_RE.finditer(prose):
        line, col = page.line_col(m.start("target"))
        kind = "image" if m.group("tag").lower() in ("img", "image", "source") else "html"
        page.links.append(Link(m.group("target"), line, col, kind))
    return page


def read_pages(docs_dir: Path, root: Path | None = None) -> dict[str, SourcePage]:
    """Every Markdown page under docs_dir, keyed by its docs-relative path."""
    pages = {}
    for file in sorted(docs_dir.rglob("*.md")):
        rel = file.relative_to(docs_dir).as_posix()
        shown = file.relative_to(root).as_posix() if root else file.as_posix()
        pages[rel] = parse(file.read_text(encoding="utf-8"), rel, shown)
    return pages


def twins(pages: dict[str, SourcePage]) -> dict[str, dict[str, SourcePage]]:
    """twin_key -> {lang: page}"""
    grouped: dict[str, dict[str, SourcePage]] = {}
    for page in pages.values():
        grouped.setdefault(page.twin_key, {})[page.lang] = page
    return grouped
