"""Hindi outside the pages (issue 29): the words a Hindi reader sees that no page holds.

The Hindi pages and the open questions are linted by hooks/checks/hindi_lint.py. The same reader also
sees the registry's Hindi labels and notes (footnotes, Sources, What changed), the strings the
hooks write into pages (Sources and What changed entries, the timeline strip, the status tags,
the 404, the notices, the share cards), the calculator and step-through strings in
docs/assets/js/*.js, the theme strings in overrides/ and the text of the Hindi diagrams. This
module reads each of them as it is written and holds it to the project's controlled list
(hooks/data/spelling.yaml: `words` and `phrases`): a listed variant is an error at its file,
line and column (`hi-spelling`, `hi-phrase`), the registry line for registry text.

Only the Hindi in each file is read: in Python the string literals (tokenize), in JavaScript
the quoted strings, in templates and diagrams the text between tags, in the registry the lines
that hold Devanagari. Everything else is blanked to spaces, so positions stay those of the file.
"""
from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path
from types import SimpleNamespace


from hooks.checks.hindi import base, wordlists
from hooks.core.findings import Finding

DEV_RE = re.compile(f"[{base.DEV}]")
# Files that hold the variants on purpose: the linter (hindi_lint.py and its rule families in
# hooks/checks/hindi/) and this module, which name them, and hooks/facts/values.py and written.py, which read
# what a writer types (हजार as well as हज़ार) and prints neither.
SKIP = {"hooks/checks/hindi_lint.py", "hooks/checks/hindi_outside.py", "hooks/facts/values.py",
        "hooks/facts/written.py",
        *(f"hooks/checks/hindi/{name}.py" for name in ("base", "typography", "variants", "wordlists",
                                                       "gender", "coverage"))}
JS_STRING_RE = re.compile(r"""(["'`])((?:\\.|(?!\1)[^\\\n])*)\1""")
# Tags and template comments; a template's {{ ... }} and {% ... %} stay, so the quoted
# interface strings of overrides/partials/languages/hi.html are read as text.
TAG_RE = re.compile(r"<[^>]*>|\{#.*?#\}", re.S)
OK_MARKER = base.OK_MARKER.strip("<!-> ")   # a code comment may say it bare
BLANK_RE = re.compile(r"[^\n]")
# Python 3.12 splits an f-string into parts; 3.11 gives it as one STRING token.
STRING_TOKENS = {tokenize.STRING} | ({tokenize.FSTRING_MIDDLE} if hasattr(tokenize, "FSTRING_MIDDLE") else set())


def _blank(text: str, keep) -> str:
    """`text` with everything outside the (start, end) spans of `keep` turned into spaces
    (line breaks kept), so offsets in the result are offsets in the file."""
    out, at = [], 0
    for start, end in sorted(keep):
        if start < at:
            continue
        out.append(BLANK_RE.sub(" ", text[at:start]))
        out.append(text[start:end])
        at = end
    out.append(BLANK_RE.sub(" ", text[at:]))
    return "".join(out)


def _python_strings(text: str) -> list[tuple[int, int]]:
    if not DEV_RE.search(text):
        return []
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type in STRING_TOKENS and DEV_RE.search(tok.string):
                (l1, c1), (l2, c2) = tok.start, tok.end
                spans.append((starts[l1 - 1] + c1, starts[l2 - 1] + c2))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
    return spans


def _js_strings(text: str) -> list[tuple[int, int]]:
    return [m.span(2) for m in JS_STRING_RE.finditer(text) if DEV_RE.search(m.group(2))]


def _markup_text(text: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for m in TAG_RE.finditer(text):
        if DEV_RE.search(text, at, m.start()):
            spans.append((at, m.start()))
        # attribute values a reader hears or sees (title, aria-label, alt, placeholder, content)
        for a in re.finditer(r"""(?:title|aria-label|alt|placeholder|content)=(["'])(.*?)\1""", m.group(0)):
            if DEV_RE.search(a.group(2)):
                spans.append((m.start() + a.start(2), m.start() + a.end(2)))
        at = m.end()
    spans.append((at, len(text)))
    return spans


HI_KEY_RE = re.compile(r"^(\s*)(?:-\s+)?hi:\s?(.*)$|[{,]\s*hi:\s?(.*)$")


def _registry_hindi(text: str) -> list[tuple[int, int]]:
    """The values of the registry's `hi:` keys (labels, notes, series, text values, speakers,
    topics, quotes' Hindi renderings), a folded `hi: >-` block line by line; the English
    fields, which may quote a Hindi original word for word, are left out."""
    spans, at, block = [], 0, None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (indent > block or not line.strip()):
            spans.append((at, at + len(line)))
        else:
            block = None
            m = HI_KEY_RE.search(line)
            if m:
                value_at = m.start(2) if m.group(1) is not None else m.start(3)
                if (m.group(2) or "").strip() in (">-", ">", "|", "|-"):
                    block = len(m.group(1))
                else:
                    spans.append((at + value_at, at + len(line)))
        at += len(line)
    return spans


def sources(root: Path) -> list[tuple[str, Path, object]]:
    """(shown path, file, span finder) for every file whose Hindi a reader sees."""
    found = []

    def add(pattern: str, finder):
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in SKIP:
                found.append((rel, path, finder))
    add("facts/registry.yaml", _registry_hindi)
    add("hooks/**/*.py", _python_strings)
    add("docs/assets/js/*.js", _js_strings)
    add("overrides/**/*.html", _markup_text)
    add("docs/assets/img/*.hi.svg", _markup_text)
    return found


def check_text(shown: str, text: str, skip: set | None = None) -> list[Finding]:
    """The controlled list over one file's Hindi (already blanked around it); lines in `skip`
    (the file's lines marked hi-lint-ok) are left alone."""
    if not DEV_RE.search(text):
        return []
    page = SimpleNamespace(path=shown)
    where = base.Where(text)
    skip = skip or set()
    return (wordlists.check_spelling(page, text, where, skip)
            + wordlists.check_phrases(page, text, where, skip))


def check(root: Path) -> list[Finding]:
    """Every listed variant in the Hindi a reader sees outside the pages, at its file and line."""
    found: list[Finding] = []
    for shown, path, finder in sources(Path(root)):
        try:
            original = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        skip = {i for i, line in enumerate(original.split("\n"), start=1) if OK_MARKER in line}
        found += check_text(shown, _blank(original, finder(original)), skip)
    from hooks.render import search_synonyms  # the list search swaps typed words by (a broken one fails)
    return found + search_synonyms.check(root)
