"""Text from the registry or front matter made safe for the page it goes into."""
from __future__ import annotations

import html

# Markdown punctuation written as character references: registry text stays text (no links,
# emphasis or attribute lists), and html.escape has already made it safe as HTML.
_MARKDOWN_CHARS = str.maketrans({c: f"&#{ord(c)};" for c in "[]*_`\\{}|~<>"})


def inert(text) -> str:
    """Registry text for a Markdown page: escaped as HTML (quotes too, so it may stand in an
    attribute value), with no Markdown left in it."""
    escaped = html.escape(str(text), quote=True)
    return escaped.translate(_MARKDOWN_CHARS)
