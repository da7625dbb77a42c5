"""Ids written twice on one page: a link to `#id` can reach only the first.

The toc extension numbers the ids it makes itself (`id`, `id_1`), so a repeat comes from ids
a writer set: `{#id}` on a heading, `id="..."` in raw HTML. Pure functions over text.
"""
from __future__ import annotations

import re
from collections import Counter

from hooks.core.findings import Finding

ID_ATTR_RE = re.compile(r"""<[A-Za-z][^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")


def repeated_ids(html: str) -> list[str]:
    """Ids that more than one element of the page carries, in order of first appearance."""
    counts = Counter(a or b or c for a, b, c in ID_ATTR_RE.findall(html))
    return [name for name, n in counts.items() if n > 1 and name]


def where_written(source_text: str, name: str) -> tuple[int, int]:
    """The line and column of the last place the source sets this id (1, 1 when not found)."""
    pattern = re.compile(r"\{[^}\n]*#" + re.escape(name) + r"[\s}]|\sid\s*=\s*[\"']?" + re.escape(name) + r"\b")
    last = None
    for last in pattern.finditer(source_text):
        pass
    if last is None:
        return 1, 1
    line = source_text.count("\n", 0, last.start()) + 1
    return line, last.start() - (source_text.rfind("\n", 0, last.start()) + 1) + 1


def check_built_page(html: str, source_path: str, source_text: str) -> list[Finding]:
    return [Finding(source_path, *where_written(source_text, name), "page-duplicate-id",
                    f"the id '{name}' is used more than once on the built page",
                    "give each heading and element its own id: links to #" + name +
                    " reach only the first")
            for name in repeated_ids(html)]
