"""Work keyed by the content it was computed from, kept for the life of the process.

`mkdocs serve` rebuilds the whole site after every edit, in the same process (MkDocs loads the
hooks module once). What depends only on unchanged text is taken from here instead of being
worked out again: the scan of each unchanged page, and the checks whose inputs did not change.
A key is a hash of every input, so an entry can never be stale; the store is bounded.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from pathlib import Path

LIMIT = 20000          # entries; a site of 1,000 pages per language uses ~2,000 per kind
_STORE: OrderedDict = OrderedDict()


def digest(*parts) -> str:
    """A hash of strings, bytes and (nested) tuples of them."""
    h = hashlib.blake2b(digest_size=16)

    def feed(part):
        if isinstance(part, (tuple, list)):
            h.update(b"(")
            for p in part:
                feed(p)
            h.update(b")")
        elif isinstance(part, bytes):
            h.update(len(part).to_bytes(8, "little") + part)
        else:
            data = str(part).encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little") + data)
    feed(parts)
    return h.hexdigest()


def files_digest(folder: Path, pattern: str = "*") -> str:
    """A hash of the names and contents of the files under `folder` matching `pattern`."""
    folder = Path(folder)
    if not folder.is_dir():
        return digest("missing", str(folder))
    return digest(tuple((p.relative_to(folder).as_posix(), p.read_bytes())
                        for p in sorted(folder.rglob(pattern)) if p.is_file()))


def remember(kind: str, key: str, compute):
    """compute() once per (kind, key); later calls with the same key return the same value."""
    full = (kind, key)
    if full in _STORE:
        _STORE.move_to_end(full)
        return _STORE[full]
    value = compute()
    _STORE[full] = value
    if len(_STORE) > LIMIT:
        _STORE.popitem(last=False)
    return value


def clear() -> None:
    _STORE.clear()
