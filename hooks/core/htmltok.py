"""Raw HTML in Markdown source, read as a browser's tokenizer reads it, in one pass.

The WHATWG tokenizer's states for what matters to the source checks: start tags and their
attributes (names as the browser splits them: `<img/src=x>`, `alt=""src=y`; values with their
character references decoded: `&#106;avascript:`), end tags, comments as a browser ends them
(`<!-->`, `<!--->`, `--!>`), bogus comments (`<!x>`, `<?x>`) and the raw-text elements whose
content is not markup (script, style, textarea, title, ...). A tag left open runs to the end of
the text, as it would swallow what follows in the page.

Every search moves forward from where the last one stopped and is bounded by the first
delimiter it meets, so the time is linear in the text (a 200 KB line of `a <b ` included).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

WS = "\t\n\f\r "
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"}
_NAME_END_RE = re.compile(r"[\t\n\f\r />]")
_ATTR_NAME_END_RE = re.compile(r"[\t\n\f\r />=]")
_NOT_WS_RE = re.compile(r"[^\t\n\f\r ]")
_UNQUOTED_END_RE = re.compile(r"[\t\n\f\r >]")
_COMMENT_END_RE = re.compile(r"--!?>")


@dataclass
class Attr:
    name: str       # lower case, as the browser keeps it
    value: str      # character references decoded
    raw: str        # as written
    start: int      # offset of the name in the text
    value_start: int = -1   # offset of the value as written (-1: no value)


@dataclass
class Tag:
    name: str
    start: int
    end: int                      # offset after '>' (or the end of the text)
    closing: bool = False
    attrs: list = field(default_factory=list)
    content: str | None = None    # a raw-text element's text
    content_start: int = 0
    closed: bool = True           # False: no '>' before the end of the text

    def get(self, name: str) -> str | None:
        for attr in self.attrs:
            if attr.name == name:
                return attr.value
        return None


def _search(pattern, text: str, pos: int) -> int:
    m = pattern.search(text, pos)
    return m.start() if m else len(text)


# One attribute (or the tag's '>'), from where the last one ended: separators, then a name (its
# first character may be '='), then optionally '=' and a value, double-, single- or unquoted. An
# unclosed quote runs to the end of the text, as in a browser.
_ATTR_RE = re.compile(r"""[\t\n\f\r /]*(?:(?P<gt>>)|(?P<name>[^\t\n\f\r />][^\t\n\f\r />=]*)[\t\n\f\r ]*"""
                      r"""(?:=[\t\n\f\r ]*(?:"(?P<dq>[^"]*)"?|'(?P<sq>[^']*)'?|(?P<uq>[^\t\n\f\r >]*)))?)?""")


def _start_tag(text: str, j: int) -> Tag:
    n = len(text)
    k = _search(_NAME_END_RE, text, j + 1)
    tag = Tag(text[j + 1:k].lower(), j, n, closed=False)
    seen = set()
    i = k
    while i < n:
        m = _ATTR_RE.match(text, i)
        if m.group("gt"):
            tag.end, tag.closed = m.end(), True
            break
        if m.group("name") is None:      # only separators up to the end of the text
            break
        name = m.group("name").lower()
        group = "dq" if m.group("dq") is not None else "sq" if m.group("sq") is not None else "uq"
        raw = m.group(group) or ""
        if name not in seen:            # the browser keeps the first of two same-named attributes
            seen.add(name)
            tag.attrs.append(Attr(name, html.unescape(raw) if "&" in raw else raw, raw, m.start("name"),
                                  m.start(group)))
        i = m.end()
    return tag


_RAW_END: dict = {}


def _raw_end(name: str):
    if name not in _RAW_END:
        _RAW_END[name] = re.compile(r"</" + re.escape(name) + r"[\t\n\f\r />]", re.I)
    return _RAW_END[name]


def tokens(text: str):
    """The tags of `text` in order (start and end tags), comments and text skipped."""
    n, i = len(text), 0
    while i < n:
        j = text.find("<", i)
        if j < 0 or j + 1 >= n:
            return
        c = text[j + 1]
        if c.isascii() and c.isalpha():
            tag = _start_tag(text, j)
            i = tag.end
            if tag.name in RAW_TEXT and tag.closed:
                end = _raw_end(tag.name).search(text, i)
                stop = end.start() if end else n
                tag.content, tag.content_start = text[i:stop], i
                i = stop
            yield tag
        elif c == "/":
            if j + 2 < n and text[j + 2].isascii() and text[j + 2].isalpha():
                k = _search(_NAME_END_RE, text, j + 2)
                close = text.find(">", k)
                end = n if close < 0 else close + 1
                yield Tag(text[j + 2:k].lower(), j, end, closing=True, closed=close >= 0)
                i = end
            else:                        # </> is dropped; </3 ...> is a bogus comment
                close = text.find(">", j + 2)
                i = n if close < 0 else close + 1
        elif c == "!" or c == "?":
            i = comment_end(text, j)
        else:
            i = j + 1


def comment_end(text: str, j: int) -> int:
    """Where a comment or bogus comment that starts at j ends, as a browser ends it."""
    n = len(text)
    if text.startswith("<!--", j):
        if text.startswith(">", j + 4):
            return j + 5
        if text.startswith("->", j + 4):
            return j + 6
        m = _COMMENT_END_RE.search(text, j + 4)
        return m.end() if m else n
    close = text.find(">", j + 2)
    return n if close < 0 else close + 1


def comments(text: str):
    """(start, end) of each HTML comment `<!-- ... -->` as a browser ends it; an unclosed one is
    not given (Markdown does not pass it as a comment)."""
    n, i = len(text), 0
    while True:
        j = text.find("<!--", i)
        if j < 0:
            return
        end = comment_end(text, j)
        if end >= n and not text.endswith(">"):
            return
        yield j, end
        i = end
