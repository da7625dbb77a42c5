"""lychee, offline, over a finished site (hooks/checks/linkcheck/lychee_site.py; `python -m hooks links
--site`): a second opinion on the site's own links and anchors, beside the build's check."""
from __future__ import annotations

import subprocess
import sys

import pytest

from fixture_sites import ROOT, assemble, run_build
from hooks.checks.linkcheck.lychee_site import check_site


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lychee")
    config = assemble(None, tmp / "s")
    result = run_build(config, tmp / "site")
    assert result.returncode == 0, result.stderr
    return config.parent, tmp / "site"


def test_a_good_site_has_no_finding_with_its_published_path_remapped(built):
    _, site = built
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="/fixture/hi/"' in page       # the language switcher: root-absolute, published path
    assert check_site(site, "https://example.org/fixture/") == []


def test_broken_page_and_anchor_are_reported_at_their_line(built, tmp_path):
    _, site = built
    broken = tmp_path / "site"
    subprocess.run(["cp", "-r", str(site), str(broken)], check=True)
    page = broken / "index.html"
    text = page.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "<article" in line) + 1
    lines.insert(at, '<a href="nowhere/">x</a> <a href="#no-such-anchor">y</a> <a href="/fixture/hi/">z</a>')
    page.write_text("\n".join(lines), encoding="utf-8")
    found = check_site(broken, "https://example.org/fixture/")
    assert [(f.path.rsplit("/", 1)[-1], f.line, f.rule) for f in found] == [
        ("index.html", at + 1, "link-lychee"), ("index.html", at + 1, "link-lychee")], found
    text = " ".join(f.message for f in found)
    assert "/nowhere" in text and "#no-such-anchor" in text


def test_cli_exit_codes(built, tmp_path):
    project, site = built
    cmd = [sys.executable, "-m", "hooks", "links", "--root", str(project), "--site"]
    good = subprocess.run(cmd + [str(site)], capture_output=True, text=True, cwd=ROOT)
    assert good.returncode == 0, good.stdout + good.stderr
    none = subprocess.run(cmd + [str(tmp_path / "empty")], capture_output=True, text=True, cwd=ROOT)
    assert none.returncode == 2 and "no built site there" in none.stderr
