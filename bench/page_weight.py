#!/usr/bin/env python3
"""Page weight: the bytes a first visit to a page transfers, measured in a real browser.

Serves the built site on 127.0.0.1 (under its published path prefix), opens each page in a
fresh, cache-less context of Debian's chromium (/usr/bin/chromium, driven by playwright) and
adds up the responses: HTML, CSS, JS (the search worker's scripts included), fonts, images;
the search index is counted apart. Also prints what a host that gzips text (GitHub Pages
does) would send. The browser tests (tests/browser/test_browser.py) measure the same way,
with tests/browser/weigh.py, and hold the Hindi articles to a budget.

    python bench/page_weight.py                    # builds the site, weighs /hi/moe/, /hi/llama4/
    python bench/page_weight.py --site site/       # a site already built (mkdocs build)
    python bench/page_weight.py moe/ hi/ --files   # other pages, every file listed
    python bench/page_weight.py --json weights.json
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import weigh  # noqa: E402


def build(dest: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(dest)], capture_output=True, text=True, env=env, cwd=ROOT)
    if result.returncode != 0:
        sys.exit("mkdocs build failed:\n" + result.stdout + result.stderr)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", default=weigh.WEIGHED_PAGES,
                        help="site-relative page URLs (default: %(default)s)")
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one)")
    parser.add_argument("--files", action="store_true", help="list every file")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    if weigh.chromium_path() is None:
        sys.exit("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        figures = {}
        with weigh.serve(site) as url, sync_playwright() as playwright:
            browser = weigh.launch(playwright)
            try:
                for rel in args.pages:
                    result = weigh.weigh(browser, url + rel)
                    print(weigh.report("/" + rel, result, files=args.files))
                    figures[rel] = {k: v for k, v in result.items() if k != "files"}
            finally:
                browser.close()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
