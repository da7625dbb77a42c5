"""The site's own scripts and styles as a reader's browser gets them: without their comments
and spaces. The files in docs/assets/ keep their comments for contributors; the copies MkDocs
wrote into the built site are minified in place after the build (rjsmin and rcssmin, the
minifiers of Django-compressor and webassets). On the MoE page this is about 2 KiB of the
150 KiB first-visit budget.

Only the site's own folders (assets/js, assets/css); Material's files are minified already.
The preview (mkdocs serve) keeps them as written, so that the browser's tools show the source.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

FOLDERS = {"assets/js": ".js", "assets/css": ".css"}


def minify_text(text: str, suffix: str) -> str:
    """`text` of a .js or .css file, minified; any other kind unchanged."""
    if suffix == ".js":
        return rjsmin.jsmin(text)
    if suffix == ".css":
        return rcssmin.cssmin(text)
    return text


def minify_site(site_dir: Path) -> int:
    """Minify the site's own scripts and styles under `site_dir` in place; the bytes saved."""
    saved = 0
    for folder, suffix in FOLDERS.items():
        for path in sorted((site_dir / folder).glob(f"*{suffix}")):
            text = path.read_text(encoding="utf-8")
            small = minify_text(text, suffix)
            if len(small) < len(text):
                path.write_text(small, encoding="utf-8")
                saved += len(text.encode("utf-8")) - len(small.encode("utf-8"))
    return saved
