"""Every built page is valid HTML by the Nu HTML Checker (vnu-jar from npm, on the system's Java).

vnu.jar is looked for at $VNU_JAR, else where `.ci/run` installs it:
`npm install --prefix .tools vnu-jar@26.9.27` -> .tools/node_modules/vnu-jar/build/dist/vnu.jar.
Without java or vnu.jar the tests are skipped here and fail under CI (env CI set), as the browser
tests do (tests/browser/conftest.py): CI must never pass by skipping them.
"""
from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hooks.render import site_fixes

ROOT = Path(__file__).resolve().parent.parent
VNU_VERSION = "26.9.27"   # keep in step with .ci/run
VNU_JAR = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _missing(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the HTML validity test must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def vnu():
    """Runs vnu over files: vnu(paths) -> its messages (errors only), as vnu's JSON gives them."""
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR") or VNU_JAR)
    if java is None:
        _missing("java is not installed (Debian: apt-get install default-jre-headless)")
    if not jar.is_file():
        _missing(f"vnu.jar is not at {jar} (npm install --prefix .tools vnu-jar@{VNU_VERSION}, "
                 "as .ci/run does; or set VNU_JAR)")

    def run(paths: list[Path]) -> list[dict]:
        done = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json",
                               *map(str, paths)], capture_output=True, text=True, timeout=600)
        try:
            return json.loads(done.stderr)["messages"]   # vnu writes its JSON report to stderr
        except (ValueError, KeyError):
            pytest.fail(f"vnu gave no JSON report (exit {done.returncode}): {done.stderr[:500]}")
    return run


def _summary(messages: list[dict], root: Path) -> str:
    counts = collections.Counter(m["message"] for m in messages)
    first = {}
    for m in messages:
        url = m.get("url", "").removeprefix("file:")
        first.setdefault(m["message"], f"{Path(url).relative_to(root) if url.startswith(str(root)) else url}"
                                       f":{m.get('lastLine', '?')}")
    return "\n".join(f"{n} x {msg} (first: {first[msg]})" for msg, n in counts.most_common())


def test_every_built_page_is_valid_html(built_site, vnu):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 24 and built_site / "404.html" in pages and built_site / "hi" / "404.html" in pages
    messages = vnu(pages)
    assert not messages, f"{len(messages)} errors from the Nu HTML Checker:\n" + _summary(messages, built_site)


def test_the_checker_finds_what_the_theme_got_wrong(tmp_path, vnu):
    """The rule broken: Material's own markup (autocomplete on a checkbox, tabindex="" on a
    label) is an error; the page as site_fixes.valid_toggles leaves it has none of the first."""
    toggles = "".join(tag + ' autocomplete="off">' for tag in site_fixes.CHECKBOX_TOGGLES)
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
            f'{toggles}<label for="__drawer" tabindex="">x</label></body></html>')
    (tmp_path / "bad.html").write_text(page, encoding="utf-8")
    (tmp_path / "fixed.html").write_text(site_fixes.valid_toggles(page).replace(' tabindex=""', ""),
                                         encoding="utf-8")
    messages = vnu([tmp_path / "bad.html", tmp_path / "fixed.html"])
    bad = [m["message"] for m in messages if m["url"].endswith("bad.html")]
    assert sum("autocomplete" in m for m in bad) == 2 and sum("tabindex" in m for m in bad) == 1, bad
    assert not [m for m in messages if m["url"].endswith("fixed.html")]


def test_valid_toggles_drops_only_the_checkboxes_autocomplete():
    search = '<input type="text" class="md-search__input" autocomplete="off">'
    page = "".join(tag + ' autocomplete="off">' for tag in site_fixes.CHECKBOX_TOGGLES) + search
    fixed = site_fixes.valid_toggles(page)
    assert fixed == "".join(tag + ">" for tag in site_fixes.CHECKBOX_TOGGLES) + search
    assert site_fixes.valid_toggles(fixed) == fixed


def test_ci_installs_the_pinned_checker():
    for path in (".ci/run", ".github/workflows/ci.yml"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "npm install --prefix .tools --ignore-scripts" in text and f"vnu-jar@{VNU_VERSION}" in text, path
