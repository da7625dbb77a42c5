"""YAML with lines: the registry's files read so that every value keeps the line it starts on,
a key met twice in one mapping is a finding (YAML loaders keep the last value silently), and
anchors and aliases are refused. Used by every reader of the project's YAML data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from hooks.core.findings import Finding
from hooks.core.mdscan import decode

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster, same marks

@dataclass
class Node:
    """A YAML value with the line it starts on (1-based)."""
    value: object
    line: int


class _Alias(Exception):
    """A node met twice: the YAML repeats a value through an anchor and an alias."""


def _plain(node, seen: set, twice: list | None = None) -> Node:
    """The node as Nodes; a key met twice in one mapping (YAML loaders keep the last value
    silently) is added to `twice` as (line, col, key) of its second use."""
    if id(node) in seen:
        raise _Alias
    seen.add(id(node))
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping: dict = {}
        for k, v in node.value:
            key = str(k.value)
            if key in mapping and twice is not None:
                twice.append((k.start_mark.line + 1, k.start_mark.column + 1, key))
            mapping[key] = _plain(v, seen, twice)
        return Node(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_plain(v, seen, twice) for v in node.value], line)
    if node.tag == "tag:yaml.org,2002:null" or (node.value in ("", "~", "null") and not node.style):
        return Node(None, line)
    return Node(str(node.value), line)


def _first_anchor(text: str) -> tuple[int, int]:
    """Line and column of the first anchor or alias (the events carry no expansion)."""
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return event.start_mark.line + 1, event.start_mark.column + 1
    return 1, 1


# Invisible controls that reorder the text around them (U+202A-202E, U+2066-2069): a label
# "a free \u202eweiverp hcraeser\u202c" is shown as "a free research preview" while its text says
# otherwise. Neither language of the site needs one (content-bidi on the pages, the titles too).
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_controls(text: str, shown: str) -> list[Finding]:
    """A content-bidi finding at the line and column of each direction control in a YAML file's
    text (comments and keys included: the file is read as it is written)."""
    found = []
    for m in BIDI_RE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        found.append(Finding(shown, line, col, "content-bidi",
                             f"an invisible direction control U+{ord(m.group(0)):04X}: the text around "
                             "it is shown in another order than it is written",
                             "delete it: neither language of the site needs it"))
    return found


def read_yaml(path: Path) -> tuple[Node | None, list[Finding]]:
    """The file's YAML as Nodes with their lines, and its problems as findings (a direction
    control anywhere in it is one, and the file is still read)."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError:
        return _read_yaml(path, shown)
    text, _ = decode(data)
    root, found = _read_yaml(path, shown)
    return root, (bidi_controls(text, shown) if text else []) + found


def _read_yaml(path: Path, shown: str) -> tuple[Node | None, list[Finding]]:
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [Finding(shown, 1, 1, "registry-missing",
                              f"cannot read the registry: {err.strerror or err}",
                              "create facts/registry.yaml (see facts/SCHEMA.md)")]
    text, bad = decode(data)
    if bad:
        line, col, raw = bad
        return None, [Finding(shown, line, col, "registry-encoding",
                              f"the file is not UTF-8 (byte {raw})",
                              "save the file as UTF-8 and retype the character there")]
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        return None, [Finding(shown, line, col, "registry-yaml",
                              f"the file is not valid YAML: {err.problem}",
                              "fix the indentation or quoting on that line (an unclosed quote "
                              "may start a few lines above)")]
    except (yaml.YAMLError, RecursionError) as err:
        return None, [Finding(shown, 1, 1, "registry-yaml", f"the file is not valid YAML: {err}",
                              "fix the YAML")]
    if root is None:
        return None, [Finding(shown, 1, 1, "registry-empty", "the registry is empty",
                              "add topics: and facts: (see facts/SCHEMA.md)")]
    twice: list = []
    try:
        plain = _plain(root, set(), twice)
        return plain, [Finding(shown, line, col, "registry-duplicate-key",
                               f"'{key}' is given twice in the same block: YAML keeps only the "
                               "last one, silently", "delete one of the two lines")
                       for line, col, key in twice]
    except _Alias:
        line, col = _first_anchor(text)
        return None, [Finding(shown, line, col, "registry-alias",
                              "YAML anchors and aliases (&name, *name) are not allowed here",
                              "write each value out in full")]
    except RecursionError:
        return None, [Finding(shown, 1, 1, "registry-yaml", "the file is nested too deeply",
                              "a fact needs two levels of nesting at most (see facts/SCHEMA.md)")]
