"""Fixture sites: copy the base site, lay a case over it, build it with the real hooks.

A module of its own (not conftest.py) so that tests can import it by name: with a conftest.py
in tests/ and another in tests/browser/, `import conftest` would find whichever came first.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
HOOK = ROOT / "hooks" / "mkdocs_hooks.py"

sys.path.insert(0, str(ROOT))


def run_build(config: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config),
           "-d", str(site_dir)]
    if strict:
        cmd.insert(4, "--strict")
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=config.parent)


def assemble(case: str | None, dest: Path, edits=None) -> Path:
    """Copy the base fixture site, lay the case's files over it, apply edits; return mkdocs.yml.

    `edits` maps a site-relative path to new text, or to None to delete the file.
    """
    shutil.copytree(SITES / "_base", dest)
    if case:
        shutil.copytree(SITES / case, dest, dirs_exist_ok=True)
    for rel, text in (edits or {}).items():
        path = dest / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../../hooks/mkdocs_hooks.py", str(HOOK))
    config.write_text(text, encoding="utf-8")
    return config
