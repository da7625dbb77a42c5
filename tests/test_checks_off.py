"""CHECKS=off: the same site, file by file, and no check run (bench/overhead.py's baseline).

The builds run in a subprocess whose check entry points are wrapped to write their names to a
file before they run (the hooks call them through their modules, so the wrapping is what the
build calls): under CHECKS=off none is called and nothing is reported; with the checks on every
one is, so the wrapping is known to reach them.
"""
from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_sites import ROOT, assemble

# (module, function): every check the build runs; html_policy.check_site is not among them: it
# fills the CSP hashes (generation) in both modes.
CHECKS = [("hooks.checks.run", "source_checks"), ("hooks.checks.html_ids", "check_built_page"),
          ("hooks.checks.linkcheck", "check_built_site")]

RUNNER = """
import importlib, sys
sys.path.insert(0, {root!r})
calls = {calls!r}
for mod_name, fn in {checks!r}:
    mod = importlib.import_module(mod_name)
    real = getattr(mod, fn)
    def wrapped(*a, _real=real, _name=mod_name + "." + fn, **k):
        with open(calls, "a", encoding="utf-8") as out:
            out.write(_name + "\\n")
        return _real(*a, **k)
    setattr(mod, fn, wrapped)
from mkdocs.__main__ import cli
sys.argv = ["mkdocs"] + sys.argv[1:]
cli()
"""


def build(config: Path, site: Path, checks: str | None, calls: Path) -> tuple[subprocess.CompletedProcess, set]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    env.pop("CHECKS", None)
    if checks is not None:
        env["CHECKS"] = checks
    script = RUNNER.format(root=str(ROOT), calls=str(calls), checks=CHECKS)
    r = subprocess.run([sys.executable, "-c", script, "build", "--strict", "-f", str(config), "-d", str(site)],
                       capture_output=True, text=True, env=env, cwd=config.parent)
    r.output = r.stdout + r.stderr
    called = set(calls.read_text(encoding="utf-8").split()) if calls.exists() else set()
    return r, called


def same_tree(a: Path, b: Path) -> list[str]:
    """The files that differ between two folders (present in one only, or other bytes)."""
    diff = []

    def walk(cmp: filecmp.dircmp, rel: str) -> None:
        diff.extend(f"{rel}{n}" for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        diff.extend(f"{rel}{n}" for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")
    walk(filecmp.dircmp(a, b), "")
    return diff


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A fixture site with generated pages (the What changed pages, Sources, marks, questions),
    built with the checks on and with CHECKS=off."""
    tmp = tmp_path_factory.mktemp("checks-off")
    config = assemble("facts-changes", tmp / "src", None)
    on = build(config, tmp / "on", None, tmp / "calls-on")
    off = build(config, tmp / "off", "off", tmp / "calls-off")
    return tmp, on, off


def test_same_site_file_by_file(generated):
    tmp, (on, _), (off, _) = generated
    assert on.returncode == 0, on.output
    assert off.returncode == 0, off.output
    files = sorted(p.relative_to(tmp / "on").as_posix() for p in (tmp / "on").rglob("*") if p.is_file())
    assert "changes/index.html" in files and "hi/changes/index.html" in files and "sources/index.html" in files
    assert same_tree(tmp / "on", tmp / "off") == []


def test_no_check_runs_and_the_log_says_so(generated):
    _, (on, called_on), (off, called_off) = generated
    assert called_on == {f"{m}.{f}" for m, f in CHECKS}, on.output   # the wrapping reaches them
    assert called_off == set(), off.output
    assert "CHECKS=off" in off.output and "no check runs" in off.output
    assert "CHECKS=off" not in on.output


def test_a_broken_site_builds_under_checks_off_and_says_nothing(tmp_path):
    """A figure that disagrees with the registry and an anchor no heading has fail the normal
    build; under CHECKS=off neither is looked for, so neither is reported, and the site is still
    published."""
    config = assemble("facts-mismatch-en", tmp_path / "src", {
        "docs/index.hi.md": "# मुखपृष्ठ\n\n[कहीं नहीं](#nowhere)\n"})
    on, _ = build(config, tmp_path / "on", "on", tmp_path / "calls-on")
    off, called = build(config, tmp_path / "off", "OFF", tmp_path / "calls-off")
    assert on.returncode != 0 and "fact-" in on.output
    assert off.returncode == 0, off.output
    assert called == set()
    assert "fact-" not in off.output and "link-" not in off.output and "error" not in off.output.lower()
    assert (tmp_path / "off" / "hi" / "index.html").is_file()


def test_another_value_is_refused_with_a_message(tmp_path):
    config = assemble(None, tmp_path / "src", None)
    r, called = build(config, tmp_path / "site", "no", tmp_path / "calls")
    assert r.returncode != 0
    assert "CHECKS='no'" in r.output and "CHECKS=off" in r.output
    assert "Traceback" not in r.output
    assert called == set()
