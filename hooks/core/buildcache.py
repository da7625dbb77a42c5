"""Work keyed by the content it was computed from, kept for the life of the process and,
for the source checks, on disk.

`mkdocs serve` rebuilds the whole site after every edit, in the same process (MkDocs loads the
hooks module once). What depends only on unchanged text is taken from here instead of being
worked out again: the scan of each unchanged page, and the checks whose inputs did not change.
A key is a hash of every input, so an entry can never be stale; the store is bounded.

`remember_on_disk` keeps a result in a folder as well (the project's .cache/checks/), so that
the next process with the same inputs reads it instead: CI runs `python -m hooks check`, then
the build, then `hooks check --site`, and the source checks are worked out once among them; a
writer's second build after a change of CSS or a template does not check the pages again. The
key then includes the checks' own code, so a changed rule is never answered from the cache.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from pathlib import Path

LIMIT = 20000          # entries; a site of 1,000 pages per language uses ~2,000 per kind
DISK_LIMIT = 16        # files kept per folder on disk (the newest)
CODE = Path(__file__).resolve().parents[1]   # hooks/: the checks' code and word lists, part of a disk key
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


def code_digest() -> str:
    """A hash of the checks' own code and data (hooks/**/*.py, hooks/data/)."""
    return remember("code", str(CODE), lambda: digest(files_digest(CODE, "*.py"),
                                                      files_digest(CODE / "data")))


FORMAT = 2   # the shape of a file on disk: {"format", "kind", "key", "value"}; another is not read


class NotTrusted(ValueError):
    """A cache entry of the wrong shape: it is worked out again."""


def unwrap(data, kind: str, key: str):
    """The value of an entry read from disk, if the entry is whole: a mapping of exactly the four
    fields, this format, this kind and this key (a file copied or renamed over another key is
    not read). Anything else raises NotTrusted."""
    if not isinstance(data, dict) or set(data) != {"format", "kind", "key", "value"}:
        raise NotTrusted("not a cache entry")
    if data["format"] != FORMAT or data["kind"] != kind or data["key"] != key:
        raise NotTrusted("another format, kind or key")
    return data["value"]


_FOLDERS: dict = {}    # a cache folder -> the folder used for it in this process
PROBLEMS: list = []    # what was said about cache folders that could not be used


def folder(path: Path) -> Path:
    """`path`, created if need be, when this process can write in it; else (a file in its place,
    no permission, a read-only disk) a temporary folder for this process, and one message,
    logged and kept in PROBLEMS: the build goes on, only without its cache."""
    path = Path(path)
    if path in _FOLDERS:
        return _FOLDERS[path]
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        used = path
    except OSError as err:
        import logging
        import tempfile
        used = Path(tempfile.mkdtemp(prefix="hooks-cache-"))
        message = (f"warning: the cache folder {path} cannot be used ({err.strerror or err}): this "
                   "run keeps its work in a temporary folder (fix: delete or rename what is in "
                   "the way, e.g. a file named .cache, or make the folder writable)")
        PROBLEMS.append(message)
        logging.getLogger("mkdocs.plugins.checks").info(message)
    _FOLDERS[path] = used
    return used


def remember_on_disk(folder: Path, kind: str, key: str, compute, encode, decode):
    """remember(), and also kept as JSON in `folder` (encode(value) -> JSON data, decode(data)
    -> value). A file is used only when it is a whole entry of this format, kind and key
    (unwrap) and decode() accepts its value (decode raises ValueError, TypeError or KeyError
    for a value of the wrong shape); anything else is worked out again, never trusted."""
    key = digest(key, code_digest(), str(Path(folder).resolve()))
    path = Path(folder) / f"{kind}-{key}.json"

    def from_disk_or_compute():
        try:
            return decode(unwrap(json.loads(path.read_text(encoding="utf-8")), kind, key))
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
            pass
        value = compute()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            entry = {"format": FORMAT, "kind": kind, "key": key, "value": encode(value)}
            tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
            kept = sorted(path.parent.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime)
            for old in kept[:-DISK_LIMIT]:
                old.unlink(missing_ok=True)
        except OSError:
            pass   # a read-only checkout: the result is still right, only not kept
        return value
    return remember(kind, key, from_disk_or_compute)
