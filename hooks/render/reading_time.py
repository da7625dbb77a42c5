"""Reading time of story pages, and the check that every story page opens with its summary.

A story page is marked in its front matter with `story: true` (both twins). It opens, right
after the H1, with a stakes paragraph and then

    <div class="summary" markdown>
    Three sentences that tell the whole story of the page.
    </div>

The build inserts `<p class="reading-time">About N min read</p>` (Hindi: "पढ़ने में लगभग N
मिनट") right after that div. A page without a summary gets no reading time; a story page
without one is a finding (`page-summary-missing`).

Words are counted in the rendered HTML of the page body: every whitespace-separated token
that holds at least one letter or digit, in any script, so a Devanagari word with its vowel
signs is one word and a lone danda or dash is none. Left out: scripts, styles, inline
diagrams (their labels are read as part of the figure, not as prose), the numbered citation
marks, the contents of collapsed notes (`??? note`: closed unless the reader opens them), and
the "Sources on this page" list at the end (a reference list that readers consult, not read).

Reading speeds:
- English, 200 words a minute. Brysbaert's meta-analysis of 190 studies (2019) puts silent
  reading of English non-fiction at about 238 words a minute; these pages are dense with
  figures, names and tables, so we round down.
- Hindi, 250 words a minute. The same story takes more words in Hindi than in English: case
  markers and auxiliaries are separate words (मॉडल का, जारी किया गया है), so each word carries
  less. The same meta-analysis finds that reading rates in other languages follow the number of
  words a language needs to say what English says, and our twins need about 1.25 Hindi words
  per English word (1.24 over the whole built site, December 2026; tests/test_story.py checks
  that the ratio stays between 1.1 and 1.4). 200 x 1.25 = 250: the same story, about the same
  minutes, in either language. A figure such as 150 would tell a Hindi reader that the same
  page takes two-thirds longer than in English, which nothing we found supports.
"""
from __future__ import annotations

import html as html_lib
import re

from hooks.core.findings import Finding

WPM = {"en": 200, "hi": 250}
LABEL = {"en": "About {n} min read", "hi": "पढ़ने में लगभग {n} मिनट"}

# The summary div as the Markdown source writes it, and as MkDocs renders it.
SUMMARY_SOURCE_RE = re.compile(r'^<div class="summary" markdown(?:="1")?>[ \t]*$', re.M)
SUMMARY_OPEN_RE = re.compile(r'<div class="summary"[^>]*>')
READING_TIME_RE = re.compile(r'<p class="reading-time">')
# The "Sources on this page" section the citation marks build at the end of a page.
SOURCES_LIST_RE = re.compile(r'<ol class="page-sources"')
_WORD_RE = re.compile(r"\S+")
# A whitespace-separated token with a letter or digit in it ([^\W_] is str.isalnum), in one scan.
_COUNTED_RE = re.compile(r"(?<!\S)\S*?[^\W_]\S*")
# Skipped with everything inside them.
_SKIP_TAGS = {"script", "style", "svg", "template", "noscript"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


# One scan of the HTML (the page body MkDocs rendered: well-formed), read as html.parser reads
# it: comments and declarations are nothing, a start or end tag of an element separates words
# (a void element such as <br> does not), script and style hold no markup.
_TOKEN_RE = re.compile(r"<!--.*?(?:-->|\Z)|<[!?][^>]*>"
                       r"|<(/?)([a-zA-Z][^\s/>]*)((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>", re.S)
_ATTR_RE = re.compile(r"""([^\s/>"'=][^\s/>=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_RAW_END = {tag: re.compile(rf"</{tag}[\s>/]", re.I) for tag in ("script", "style")}


def _attrs(rest: str) -> dict:
    out = {}
    for m in _ATTR_RE.finditer(rest):
        value = m.group(2)
        if value is not None:
            if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1:
                value = value[1:-1]
            value = html_lib.unescape(value)
        out[m.group(1).lower()] = value
    return out


def _skips(tag: str, rest: str) -> bool:
    """Does this element hide its contents from the count?"""
    if tag in _SKIP_TAGS:
        return True
    if tag not in ("a", "details") and "data-n" not in rest and "headerlink" not in rest:
        return False
    attrs = _attrs(rest)
    classes = (attrs.get("class") or "").split()
    # Citation marks (their number in data-n, or a link to a fact's source): skipped too.
    href = attrs.get("href") or ""
    return ("data-n" in attrs or "headerlink" in classes
            or (tag == "a" and ("#fact-" in href or href.startswith("#src-")))
            or (tag == "details" and "open" not in attrs))


def visible_text(html: str) -> str:
    parts: list[str] = []
    stack: list[bool] = []   # one entry per open element: does it start a skip?
    skip_depth = pos = 0
    while True:
        m = _TOKEN_RE.search(html, pos)
        data = html[pos: m.start() if m else len(html)]
        if data and not skip_depth:
            parts.append(html_lib.unescape(data) if "&" in data else data)
        if m is None:
            break
        pos = m.end()
        close, tag, rest = m.groups()
        if tag is None:                      # a comment, a declaration
            continue
        tag = tag.lower()
        if close:
            if tag in _VOID or not stack:
                continue
            if stack.pop():
                skip_depth -= 1
            parts.append(" ")
            continue
        if rest.rstrip().endswith("/"):     # <x/>: a boundary, no element to close
            parts.append(" ")
            continue
        if tag in _VOID:
            continue
        skip = _skips(tag, rest)
        stack.append(skip)
        if skip:
            skip_depth += 1
        # Block boundaries separate words ("</td><td>" must not glue two cells together).
        parts.append(" ")
        if tag in _RAW_END:                  # script/style text is not markup (and is skipped)
            end = _RAW_END[tag].search(html, pos)
            if end is None:
                break
            pos = end.start()
    return "".join(parts)


def count_words(html: str) -> int:
    """Words a reader reads in this rendered HTML (see the module docstring)."""
    return len(_COUNTED_RE.findall(visible_text(html)))


def minutes(words: int, lang: str) -> int:
    return max(1, round(words / WPM.get(lang, WPM["en"])))


def label(n: int, lang: str) -> str:
    return LABEL.get(lang, LABEL["en"]).format(n=n)


def _summary_end(html: str) -> int | None:
    """Offset just after the summary div's closing tag (divs inside it are matched)."""
    m = SUMMARY_OPEN_RE.search(html)
    if not m:
        return None
    depth, pos = 1, m.end()
    tag = re.compile(r"<(/?)div\b[^>]*>", re.I)
    while depth:
        t = tag.search(html, pos)
        if not t:
            return None
        depth += -1 if t.group(1) else 1
        pos = t.end()
    return pos


def _reading_part(html: str) -> str:
    """The body without the page's list of sources at its end (a reference list, not read):
    cut at the list's heading, the last h2 before the list, whatever its id or language."""
    m = SOURCES_LIST_RE.search(html)
    if not m:
        return html
    heading = html.rfind("<h2", 0, m.start())
    return html[:heading] if heading >= 0 else html[:m.start()]


def insert(html: str, lang: str) -> str:
    """The page body with its reading time after the summary; unchanged without a summary."""
    if READING_TIME_RE.search(html):
        return html
    end = _summary_end(html)
    if end is None:
        return html
    n = minutes(count_words(_reading_part(html)), lang)
    text = html_lib.escape(label(n, lang))
    return f'{html[:end]}\n<p class="reading-time">{text}</p>{html[end:]}'


def is_story(page) -> bool:
    return page.meta.get("story") is True


def check_page(page) -> list[Finding]:
    """A story page has its summary div after the H1 and before its first section (h2)."""
    if "story" in page.meta and not isinstance(page.meta.get("story"), bool):
        return [Finding(page.path, 1, 1, "page-story-value",
                        f"'story: {page.meta.get('story')}' is not true or false",
                        "write story: true for a story page, or leave the key out")]
    if not is_story(page):
        return []
    m = SUMMARY_SOURCE_RE.search(page.prose)
    h1 = next((h for h in page.headings if h.level == 1), None)
    h2 = next((h for h in page.headings if h.level == 2), None)
    if m is None:
        line = (h1.line + 1) if h1 else 1
        return [Finding(page.path, line, 1, "page-summary-missing",
                        "this story page has no summary, so it gets no reading time",
                        'after the H1 and its stakes paragraph, add <div class="summary" '
                        'markdown> with three sentences that tell the whole story, then </div>')]
    line, col = page.line_col(m.start())
    found = []
    if h2 is not None and line > h2.line:
        found.append(Finding(page.path, line, col, "page-summary-late",
                             f"the summary comes after the first section ('{h2.text}', line {h2.line})",
                             "move the summary up, right after the H1 and its stakes paragraph"))
    if h1 is not None and line < h1.line:
        found.append(Finding(page.path, line, col, "page-summary-late",
                             "the summary comes before the page's H1",
                             "put it after the H1 and its stakes paragraph"))
    close = page.prose.find("</div>", m.end())
    if close < 0:
        found.append(Finding(page.path, line, col, "page-summary-unclosed",
                             "the summary div is never closed", "end it with a line </div>"))
    return found


def check_pages(pages) -> list[Finding]:
    found = []
    for page in pages:
        found += check_page(page)
    return found
