"""Search synonyms (issue 29): what a Hindi reader types, and the word the pages use.

`pairs(lang)` gives [[typed, use], ...] for one language's search index: the entries of
hooks/data/search-synonyms.yaml and the Devanagari spellings of names in hooks/data/names.yaml
(मेटा -> Meta). hooks/render/site_fixes.py writes them into search/index.<lang>.json as "synonyms";
docs/assets/js/search-worker.js swaps a typed form for the page's word before it searches.
The English index takes only the pairs whose word is in Latin script. `check(root)` reports a
broken list at its line: the build fails on it, never on a traceback.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hooks.core.findings import Finding
from hooks.facts.yamlnodes import Node, read_yaml

DATA = Path(__file__).resolve().parents[1] / "data"
SYNONYMS = DATA / "search-synonyms.yaml"
NAMES = DATA / "names.yaml"
SHOWN = "hooks/data/search-synonyms.yaml"
LATIN_RE = re.compile(r"^[A-Za-z0-9 .-]+$")


def _key(text: str) -> str:
    """How the worker compares words: NFC, lower case, single spaces, no nukta, chandrabindu
    as anusvara (docs/assets/js/search-worker.js fold())."""
    text = unicodedata.normalize("NFD", " ".join(str(text).split()).lower())
    text = text.replace("\u093c", "").replace("\u0901", "\u0902")
    return unicodedata.normalize("NFC", text)


def _read(path: Path, shown: str, key: str, use_key: str, typed_key: str):
    """(pairs with their lines, findings) from one YAML list of {use, typed: [...]}."""
    root, found = read_yaml(path)
    found = [Finding(shown, f.line, f.col, "hi-search-synonyms", f.message, f.hint) for f in found]
    pairs = []
    if root is None:
        return pairs, found
    items = root.value.get(key) if isinstance(root.value, dict) else None
    if items is None or not isinstance(items.value, list):
        return pairs, found + [Finding(shown, root.line, 1, "hi-search-synonyms",
                                       f"'{key}:' is missing or not a list",
                                       f"write '{key}:' and one '- {{{use_key}: ..., {typed_key}: [...]}}' a line")]
    for item in items.value:
        data = item.value if isinstance(item.value, dict) else {}
        use = data.get(use_key)
        typed = data.get(typed_key)
        if not isinstance(use, Node) or not isinstance(use.value, str) or not use.value.strip():
            found.append(Finding(shown, item.line, 1, "hi-search-synonyms", f"an entry without '{use_key}:'",
                                 f"write {{{use_key}: <the word the pages use>, {typed_key}: [...]}}"))
            continue
        if typed is None:
            continue
        if not isinstance(typed.value, list) or not all(isinstance(t.value, str) and t.value.strip()
                                                        for t in typed.value):
            found.append(Finding(shown, typed.line, 1, "hi-search-synonyms",
                                 f"'{typed_key}:' of '{use.value}' must be a list of words",
                                 f"write {typed_key}: [word, word]"))
            continue
        pairs += [(t.value, use.value, t.line) for t in typed.value]
    return pairs, found


def load(synonyms: Path = SYNONYMS, names: Path = NAMES) -> tuple[list, list]:
    """([(typed, use, shown path, line)], findings)."""
    own, found = _read(synonyms, SHOWN if synonyms == SYNONYMS else str(synonyms), "synonyms", "use", "typed")
    named, more = _read(names, "hooks/data/names.yaml" if names == NAMES else str(names), "names",
                        "latin", "devanagari")
    shown = SHOWN if synonyms == SYNONYMS else str(synonyms)
    pairs = [(t, u, shown, line) for t, u, line in own]
    pairs += [(t, u, "hooks/data/names.yaml", line) for t, u, line in named]
    uses = {_key(u) for _, u, _, _ in pairs}
    seen: dict = {}
    out = []
    for typed, use, path, line in pairs:
        k = _key(typed)
        if k == _key(use):
            continue                                  # the same word once folded: nothing to do
        if k in seen:                                 # the same form (nukta aside) twice
            if seen[k][1] != _key(use):
                found.append(Finding(path, line, 1, "hi-search-synonyms",
                                     f"'{typed}' leads to two words ({seen[k][1]} at {seen[k][0]}, "
                                     f"and {use})", "keep one entry: a typed form leads to one word"))
            continue
        if k in uses:
            found.append(Finding(path, line, 1, "hi-search-synonyms",
                                 f"'{typed}' is a word the pages use (it is a 'use' of another entry): "
                                 "searching for it would find something else",
                                 "delete it from typed:"))
            continue
        seen[k] = (f"{path}:{line}", _key(use))
        out.append((typed, use, path, line))
    return out, found + more


def pairs(lang: str) -> list[list[str]]:
    """[[typed, use], ...] for a language's search index, compared as the worker folds them."""
    found, _ = load()
    return [[_key(t), _key(u)] for t, u, _, _ in found if lang == "hi" or LATIN_RE.match(u)]


def check(root: Path | None = None) -> list[Finding]:
    return load()[1]
