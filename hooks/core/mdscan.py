"""Read a Markdown source page once into what every check needs.

Code (fenced blocks and inline code) is blanked out in `prose` with the line and column
layout kept, so positions found in `prose` are positions in the file.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from pymdownx.superfences import RE_NESTED_FENCE_START

from hooks.core.htmltok import comments, tokens
from hooks.core.settings import SUPPORTED

# page.<lang>.md for every language but the default (English, whose pages have no suffix)
LANG_SUFFIX = re.compile(r"\.(" + "|".join(lang for lang in SUPPORTED if lang != "en") + r")\.md$")

FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
# A block whose indented lines are its content, not code: list items, admonitions, tabs.
CONTAINER_RE = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])[ \t]|^ {0,3}(?:!!!|\?\?\?\+?|===)[ \t]")
INDENTED_RE = re.compile(r"^(?: {4}|\t)")
# The options superfences' default formatter knows on a fence line (```py title="x" linenums="1").
FENCE_OPTIONS = {"title", "linenums", "hl_lines"}
# A line that starts with a tag (a raw HTML block if the tag is block-level, as Python-Markdown
# counts them).
BLOCK_TAG_RE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
BLOCK_LEVEL = set(markdown.Markdown().block_level_elements)
# Python-Markdown's BACKTICK_RE: a backslash-escaped backtick opens no code span; the span
# closes at a run of exactly as many backticks.
INLINE_CODE_RE = re.compile(r"(?<![\\`])((?:\\\\)*)(`+)(.+?)(?<!`)\2(?!`)")
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ATTR_ID_RE = re.compile(r"\{[^}]*#([^\s}]+)[^}]*\}\s*$")
FACT_RE = re.compile(r"\[(?P<text>[^\[\]]*)\]\(fact:(?P<id>[^)\s]*)\)(?P<asof>\{\.as-of\})?")
# Anything that looks like an attempt at a fact reference: each must also match FACT_RE.
FACT_ATTEMPT_RE = re.compile(r"\]\(\s*fact\s*:|\(\s*fact\s*:\s*[A-Za-z0-9-]+\s*\)", re.I)
LINK_RE = re.compile(r"(?P<img>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<target><[^<>\n]*>|[^()\s]++(?:\([^()\s]*\)[^()\s]*+)*+)(?:\s+\"[^\"\n]*\")?\)")
# A reference-style link's definition: [label]: target "title" (footnotes, [^1]:, are not links).
REF_DEF_RE = re.compile(r"^ {0,3}\[(?!\^)(?P<label>[^\]\n]+)\]:[ \t]*(?P<target><[^>\n]*>|[^\s<]\S*)", re.M)


# What is not prose even outside code: link targets, HTML tags and comments, bare URLs and
# attribute lists ({#id}, {.class}, {key=value}).
# Each bounded by the first delimiter it meets, so that the time is linear in the text.
# A link target: <...>, or text with balanced parentheses one level deep (a scan from one "](" stops
# at the next unbalanced parenthesis, so the time stays linear).
_TARGET = r"(?:<[^<>\n]*>|[^()\s]*+(?:\([^()\s]*\)[^()\s]*+)*+)"
LINK_TARGET_RE = re.compile(r"\]\(" + _TARGET + r"(?:\s+\"[^\"\n]*\")?\)")
URL_RE = re.compile(r"<https?://[^<>\s]*>|https?://[^\s<>()\"]+")
ATTR_RE = re.compile(r"\{:?\s*[#.\w][^{}\n]*\}")


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
    problems: list = field(default_factory=list)  # (line, col, rule, message, hint) found reading it
    cache: dict = field(default_factory=dict, repr=False)  # derived data, computed once per page

    @property
    def title(self) -> str:
        for h in self.headings:
            if h.level == 1:
                return h.text
        return self.meta.get("title", self.twin_key)

    def line_col(self, offset: int) -> tuple[int, int]:
        starts = self.cache.get("line_starts")
        if starts is None:   # where each line starts, found once per page
            starts = self.cache["line_starts"] = [0] + [m.end() for m in re.finditer("\n", self.text)]
        i = bisect.bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1


def plain_text(page: SourcePage) -> str:
    """The page's prose with link targets, tags, URLs and attribute lists blanked too.

    Positions are kept (a link keeps its "]" so the text before it stays in place), and the
    result is computed once per page: every prose check reads it.
    """
    if "plain" not in page.cache:
        text = LINK_TARGET_RE.sub(lambda m: "]" + blank(m.group(0))[1:], page.prose)
        text = _blank_tags(text)
        for pattern in (URL_RE, ATTR_RE):
            text = pattern.sub(lambda m: blank(m.group(0)), text)
        page.cache["plain"] = text
    return page.cache["plain"]


def _blank_tags(text: str) -> str:
    """The text with every HTML tag and comment that ends on its own line blanked (a tag left
    open is text to the prose checks)."""
    spans = [(tag.start, tag.end) for tag in tokens(text)
             if tag.closed and "\n" not in text[tag.start:tag.end]]
    spans += [(a, b) for a, b in comments(text)]
    if not spans:
        return text
    out, last = [], 0
    for a, b in sorted(spans):
        if a < last:
            continue
        out += [text[last:a], blank(text[a:b])]
        last = b
    out.append(text[last:])
    return "".join(out)


def lang_of(rel: str) -> tuple[str, str]:
    """('hi', 'moe.md') for 'moe.hi.md'; ('en', 'moe.md') for 'moe.md'."""
    m = LANG_SUFFIX.search(rel)
    if m:
        return m.group(1), rel[: m.start()] + ".md"
    return "en", rel


_FRONT_MATTER_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER_END_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def split_front_matter(text: str) -> tuple[dict, int, tuple | None]:
    """The front matter as a dict, the offset where the body starts, and its problem if any.

    A problem is (line, col, message, hint). MkDocs publishes front matter that does not
    close or does not parse as page text, so each is a finding, not a silent pass.
    """
    if not re.match(r"---[ \t]*\n", text):
        return {}, 0, None
    start = text.index("\n") + 1
    end = FRONT_MATTER_END_RE.search(text, start)
    if end is None:
        return {}, 0, (1, 1, "the front matter that starts on line 1 is never closed",
                       "end it with a line of three hyphens: ---")
    body = text.find("\n", end.end())
    body = len(text) if body < 0 else body + 1
    try:
        meta = yaml.load(text[start:end.start()], Loader=_FRONT_MATTER_LOADER) or {}
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 2) if mark else 2
        col = (mark.column + 1) if mark else 1
        return {}, body, (line, col, f"the front matter is not valid YAML: {err.problem}",
                          "fix the quoting or brackets on that line")
    except (yaml.YAMLError, RecursionError) as err:
        return {}, body, (2, 1, f"the front matter is not valid YAML: {err}", "fix the YAML")
    if not isinstance(meta, dict):
        return {}, body, (2, 1, "the front matter must be 'key: value' lines",
                          "write one 'key: value' per line")
    return meta, body, None


def blank(text: str) -> str:
    """Same length, newlines kept, everything else a space."""
    if "\n" not in text:
        return " " * len(text)
    return _NOT_NEWLINE_RE.sub(lambda m: " " * len(m.group(0)), text)


_NOT_NEWLINE_RE = re.compile(r"[^\n]+")


def _fence_opening(line: str, container: bool) -> tuple[str, str, bool] | None:
    """(indent, fence, valid) when superfences would start a fenced block at this line: no
    indentation outside a list item or admonition, and its own start pattern. `valid`: no option
    it does not know (`~~~ x y` is text to it; a later fence line may open a block)."""
    body = line.rstrip("\n")
    stripped = body.lstrip(" \t")
    indent = body[:len(body) - len(stripped)]
    if not stripped.startswith(("```", "~~~")) or (indent and not container) or len(indent) > 12:
        return None
    m = RE_NESTED_FENCE_START.match(stripped)
    if not m:
        return None
    valid = not m.group("unrecognized")
    if m.group("options"):
        names = re.findall(r"(?:^|[ \t])([a-zA-Z][a-zA-Z0-9_]*)(?==|[ \t]|$)", m.group("options"))
        valid = valid and all(name in FENCE_OPTIONS for name in names)
    return indent, m.group("fence"), valid


def _raw_html_start(line: str) -> str | None:
    """The block-level tag a raw HTML block starts with at this line (Python-Markdown passes the
    block through as HTML, indented lines and backticks included), unless md_in_html reads its
    content as Markdown (a markdown attribute)."""
    m = BLOCK_TAG_RE.match(line)
    if not m or m.group(1).lower() not in BLOCK_LEVEL:
        return None
    tag = next(tokens(line), None)
    if tag is None or tag.get("markdown") is not None:
        return None
    return tag.name


def mask_code(text: str) -> tuple[str, int]:
    """Blank what Python-Markdown and superfences take as code; count the fenced blocks.

    A fenced block is code only when superfences opens it (_fence_opening) and a closing fence
    of the same characters and indentation follows: an unclosed fence is text, and so is every
    fence after it (superfences stops looking). An indented
    block is code when it follows a blank line and is not the content of a list item,
    admonition or tab (whose indented lines are prose), nor inside a raw HTML block (whose lines
    Markdown passes as HTML); a stretch of blank lines and indented lines keeps it going. Inline
    code follows Python-Markdown's backtick rule (an escaped backtick opens nothing).
    """
    lines = text.splitlines(keepends=True)
    closers: dict = {}      # (indent, fence) -> the line numbers that could close it
    for n, line in enumerate(lines):
        body = line.rstrip("\n").rstrip(" \t")
        stripped = body.lstrip(" \t")
        if stripped[:3] in ("```", "~~~") and stripped.strip(stripped[0]) == "":
            closers.setdefault((body[:len(body) - len(stripped)], stripped), []).append(n)
    out, blocks = [], 0
    close_at = -1           # the line that closes the open fenced block
    raw_tag, raw_depth = None, 0   # the raw HTML block being passed through
    container = False      # inside a list item, admonition or tab
    after_blank = True     # the previous line was blank (or the file starts here)
    in_indented = False    # inside an indented code block
    fences = True          # a fence can still open
    raw_comment = False    # inside a comment Python-Markdown passes as a raw block
    for n, line in enumerate(lines):
        if close_at >= n:
            out.append(blank(line))
            continue
        opening = _fence_opening(line, container) if fences else None
        if opening:
            later = closers.get(opening[:2], [])
            k = bisect.bisect_right(later, n)
            if k < len(later) and opening[2]:
                close_at, blocks = later[k], blocks + 1
                out.append(blank(line))
                continue
            if k >= len(later):
                fences = False   # superfences looks for no fence after one it cannot close
        if raw_comment:         # Python-Markdown's comment block runs to the first "-->"
            raw_comment = "-->" not in line
            out.append(line)
            after_blank = not line.strip()
            continue
        if raw_tag is not None:
            for tag in tokens(line):
                if tag.name == raw_tag:
                    raw_depth += -1 if tag.closing else 1
            if raw_depth <= 0:
                raw_tag = None
            out.append(line)
            after_blank = not line.strip()
            continue
        if not line.strip():
            after_blank = True
            out.append(line)
            continue
        indented = bool(INDENTED_RE.match(line))
        if indented and (in_indented or (after_blank and not container)):
            in_indented = True
            after_blank = False
            out.append(blank(line))
            continue
        in_indented = False
        if not indented and line.startswith("<!--") and "-->" not in line[4:]:
            raw_comment, after_blank = True, False
            out.append(line)
            continue
        if not indented:
            raw_tag = _raw_html_start(line) if after_blank or n == 0 else None
            if raw_tag is not None:
                raw_depth = sum(-1 if t.closing else 1 for t in tokens(line) if t.name == raw_tag)
                if raw_depth <= 0:
                    raw_tag = None
                after_blank = False
                out.append(line)
                continue
            container = bool(CONTAINER_RE.match(line)) or (container and not after_blank)
        after_blank = False
        out.append(INLINE_CODE_RE.sub(lambda mm: mm.group(1) + blank(mm.group(0)[len(mm.group(1)):]), line)
                   if "`" in line else line)
    return "".join(out), blocks


def parse(text: str, rel: str, path: str | None = None) -> SourcePage:
    lang, twin_key = lang_of(rel)
    meta, body_start, front_problem = split_front_matter(text)
    prose, blocks = mask_code(blank(text[:body_start]) + text[body_start:])
    prose = _blank_comments(prose)
    page = SourcePage(path or rel, rel, lang, twin_key, text, meta, prose, code_blocks=blocks)
    if front_problem:
        line, col, message, hint = front_problem
        page.problems.append((line, col, "page-front-matter", message, hint))
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
    spans = []
    for m in FACT_RE.finditer(prose):
        line, col = page.line_col(m.start())
        page.fact_refs.append(FactRef(m.group("text"), m.group("id"), bool(m.group("asof")),
                                      line, col, m.start(), m.end()))
        spans.append((m.start(), m.end()))
    for m in FACT_ATTEMPT_RE.finditer(prose):
        if any(a <= m.start() < b for a, b in spans):
            continue
        line, col = page.line_col(m.start())
        page.problems.append((line, col, "fact-syntax",
                              f"'{_snippet(prose, m.start())}' is not a fact reference the build "
                              "can read", "write [text](fact:id): no spaces around 'fact:' or the "
                              "id, no brackets inside the text, the id in lower case"))
    for m in LINK_RE.finditer(prose):
        target = m.group("target").strip("<>")
        if target.startswith("fact:"):
            continue
        line, col = page.line_col(m.start("target"))
        page.links.append(Link(target, line, col, "image" if m.group("img") else "md"))
    for m in REF_DEF_RE.finditer(prose):   # [text][label] uses it: checked once, where it is defined
        target = m.group("target").strip("<>")
        if target.startswith("fact:"):
            continue
        line, col = page.line_col(m.start("target"))
        page.links.append(Link(target, line, col, "md"))
    for tag in tokens(prose):
        for attr in tag.attrs:
            if attr.name in ("href", "src") and attr.value_start >= 0 and not tag.closing:
                line, col = page.line_col(attr.value_start)
                kind = "image" if tag.name in ("img", "image", "source") else "html"
                page.links.append(Link(attr.raw, line, col, kind))
    return page


def _blank_comments(text: str) -> str:
    """HTML comments blanked, ended where a browser ends them (`<!-->` ends at once, `--!>`
    ends one): what follows is live. A comment holding 'numbers-ok' is kept for the number
    checks' exemption."""
    out, last = [], 0
    for a, b in comments(text):
        if "numbers-ok" in text[a:b]:
            continue
        out += [text[last:a], blank(text[a:b])]
        last = b
    return "".join(out) + text[last:] if out else text


def _snippet(text: str, start: int) -> str:
    end = text.find(")", start)
    end = len(text) if end < 0 else end + 1
    begin = text.rfind("[", max(0, start - 60), start + 1)
    return text[begin if begin >= 0 else start:min(end, start + 80)].replace("\n", " ")


def decode(data: bytes) -> tuple[str | None, tuple[int, int, str] | None]:
    """UTF-8 text (a leading BOM dropped), or the line, column and bytes of the first bad byte."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        start = data.rfind(b"\n", 0, err.start) + 1
        line = data.count(b"\n", 0, err.start) + 1
        col = len(data[start:err.start].decode("utf-8", "replace")) + 1
        return None, (line, col, data[err.start:err.end].hex(" "))


def read_page(file: Path, rel: str, shown: str) -> SourcePage:
    """One page; a file that is not UTF-8 is read with its bad bytes replaced, and says so.
    An unchanged file is scanned once per process (mkdocs serve: hooks/core/buildcache.py)."""
    from hooks.core import buildcache
    data = file.read_bytes()
    return buildcache.remember("page", buildcache.digest(rel, shown, data), lambda: _scan(data, rel, shown))


def _scan(data: bytes, rel: str, shown: str) -> SourcePage:
    text, bad = decode(data)
    if not bad:
        return parse(text, rel, shown)
    page = parse(data.decode("utf-8", "replace"), rel, shown)
    line, col, raw = bad
    page.problems.append((line, col, "page-encoding", f"the file is not UTF-8 (byte {raw})",
                          "save the file as UTF-8 and retype the character there"))
    return page


def read_pages(docs_dir: Path, root: Path | None = None) -> dict[str, SourcePage]:
    """Every Markdown page under docs_dir, keyed by its docs-relative path."""
    pages = {}
    for file in sorted(docs_dir.rglob("*.md")):
        rel = file.relative_to(docs_dir).as_posix()
        shown = file.relative_to(root).as_posix() if root else file.as_posix()
        pages[rel] = read_page(file, rel, shown)
    return pages


def _symlinks(docs_dir: Path, folders_only: bool):
    """(link, its resolved target or None when it cannot be resolved: links in a circle) for
    each symbolic link under docs_dir, folders only or files and folders, in walk order."""
    import os

    for folder, dirs, files in os.walk(docs_dir):
        for name in (dirs if folders_only else sorted(dirs + files)):
            link = Path(folder) / name
            if not link.is_symlink():
                continue
            try:
                yield link, link.resolve(strict=True)
            except (OSError, RuntimeError):
                yield link, None


def _shown(link: Path, root: Path | None) -> str:
    return (link.relative_to(root) if root else link).as_posix()


def symlink_loops(docs_dir: Path, root: Path | None = None) -> list[tuple[str, str]]:
    """Links to folders that lead back into themselves: (shown path of the link, its target).

    MkDocs follows folder links while it collects files, and a loop ends its build in a
    traceback; the build stops before that with this list instead. A link that cannot be
    resolved is a loop or dangling: listed too.
    """
    import os

    return [(_shown(link, root), os.readlink(link)) for link, target in _symlinks(docs_dir, True)
            if target is None or target == link.parent.resolve() or target in link.parent.resolve().parents]


def links_outside(docs_dir: Path, root: Path | None = None) -> list[tuple[str, str]]:
    """Files and folders under docs_dir that are symbolic links to somewhere outside it (MkDocs
    would publish what they point at: /etc/hostname, .git/config, mkdocs.yml): (shown path of
    the link, where it leads). A link that cannot be resolved is left to symlink_loops."""
    docs = Path(docs_dir).resolve()
    return [(_shown(link, root), str(target)) for link, target in _symlinks(docs_dir, False)
            if target is not None and target != docs and docs not in target.parents]


def twins(pages: dict[str, SourcePage]) -> dict[str, dict[str, SourcePage]]:
    """twin_key -> {lang: page}"""
    grouped: dict[str, dict[str, SourcePage]] = {}
    for page in pages.values():
        grouped.setdefault(page.twin_key, {})[page.lang] = page
    return grouped
