"""HTML the hooks build, put into a page after Markdown and the search index have read it.

The hooks write a lot of HTML of their own: each page's citation marks and source list, the
Sources page's entries, the calculator, the timeline strip. Written into the Markdown, all of it
is parsed again by Python-Markdown (md_in_html reads every raw HTML block with html.parser) and
then by Material's search plugin, which indexes the text: on the real site that was more time
than the checks themselves, and it filled the search index with the same publishers and titles
on every page. So a hook leaves a token in the Markdown instead: an HTML comment, which Markdown
passes through untouched (inline or as a block of its own) and search skips. The page's HTML
takes the token's place when the page is put together (on_page_context, after search).

What goes in is finished HTML: every registry string in it is escaped by the code that built it.
A token carries a nonce drawn for the page, so a comment an author writes is never mistaken for
one, and `fill` reports tokens it does not know instead of leaving them behind silently.
"""
from __future__ import annotations

import re
import secrets


class Inserts:
    """The HTML held back from one page's Markdown, in the order the hooks wrote it."""

    def __init__(self) -> None:
        self.nonce = secrets.token_hex(6)
        self.pieces: list[tuple[str, str]] = []     # (HTML, what it is: for a report)
        self._token_re = re.compile(rf"<!--insert {self.nonce} (\d+)-->")

    def inline(self, html: str, what: str = "") -> str:
        """A token for HTML inside a line of text (a citation mark); `what` names it in a report."""
        self.pieces.append((html, what))
        return f"<!--insert {self.nonce} {len(self.pieces) - 1}-->"

    def block(self, html: str, what: str = "") -> str:
        """A token for HTML that stands as a block of its own (a list, a figure)."""
        return f"\n\n{self.inline(html, what)}\n\n"

    def fill(self, content: str) -> tuple[str, list[str]]:
        """(content with every token replaced by its HTML, what each missing token held).

        A token is missing when Markdown did not keep it as HTML: a fact reference in an
        image's text, say, whose alt attribute takes the comment as text. The caller reports it."""
        used: set[int] = set()

        def put(m: re.Match) -> str:
            n = int(m.group(1))
            if n >= len(self.pieces):
                return m.group(0)
            used.add(n)
            return self.pieces[n][0]

        filled = self._token_re.sub(put, content)
        return filled, [what for n, (_, what) in enumerate(self.pieces) if n not in used]
