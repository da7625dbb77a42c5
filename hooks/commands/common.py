"""What every command shares: finding the project, exit codes, printing findings."""
from __future__ import annotations

import difflib
import json
import os
import re
import sys
from dataclasses import asdict
from pathlib import Path

PROJECT = "llama4-explainer"
EXIT_OK, EXIT_FOUND, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad command, argument or page name: reported in one line, exit status 2."""


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds mkdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise UsageError(f"no mkdocs.yml in {start} or above: run this in the project, or pass --root")


def project_root(args) -> Path:
    """--root, or the nearest folder with mkdocs.yml at or above the current one."""
    if getattr(args, "root", None) is None:
        return find_root(Path.cwd())
    root = Path(args.root).resolve()
    if not (root / "mkdocs.yml").is_file():
        raise UsageError(f"{root} has no mkdocs.yml")
    return root


def shown_path(path: str, root: Path) -> str:
    """A finding's path relative to the project root (the registry is loaded by absolute path)."""
    p = Path(path)
    if p.is_absolute():
        try:
            return p.resolve().relative_to(root).as_posix()
        except ValueError:
            return path
    return path


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(findings) -> str:
    n_err = sum(1 for f in findings if f.severity == "error")
    return f"{plural(n_err, 'error')}, {plural(len(findings) - n_err, 'warning')}"


def on_github() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def print_findings(findings, fmt: str = "text", out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        n_err = sum(1 for f in findings if f.severity == "error")
        json.dump({"findings": [asdict(f) for f in findings], "errors": n_err,
                   "warnings": len(findings) - n_err}, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == "text":
        for f in findings:
            print(f.format() + (" [warning]" if f.severity == "warning" else ""), file=out)
    if fmt == "github" or on_github():
        for f in findings:
            print(f.github(), file=out)
    print(summary(findings), file=out)


def exit_status(findings) -> int:
    return EXIT_FOUND if any(f.severity == "error" for f in findings) else EXIT_OK


def page_key(name: str, pages: dict) -> str:
    """The twin key (English file name, docs-relative) for what a contributor may type:
    moe, moe.md, moe.hi.md, docs/moe.hi.md, llama4/index."""
    key = name.strip().replace("\\", "/")
    key = re.sub(r"^\./", "", key)
    key = re.sub(r"^docs/", "", key)
    key = re.sub(r"\.[a-z]{2}\.md$", ".md", key)
    if not key.endswith(".md"):
        key += ".md"
    if any(p.twin_key == key for p in pages.values()):
        return key
    known = sorted({p.twin_key for p in pages.values()})
    close = difflib.get_close_matches(key, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; pages are: {', '.join(known)}"
    raise UsageError(f"no page '{name}' in docs/{hint}")
