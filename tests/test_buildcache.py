"""Work kept by content (hooks/core/buildcache.py): in the process, and the source checks on disk."""
from __future__ import annotations

import json
import os

from fixture_sites import SITES
from hooks.core import buildcache
from hooks.checks import run as checks


def _counting(value):
    calls = []

    def compute():
        calls.append(1)
        return value
    return compute, calls


def test_a_result_on_disk_serves_the_next_process(tmp_path):
    compute, calls = _counting([1, 2])
    args = dict(encode=list, decode=list)
    assert buildcache.remember_on_disk(tmp_path, "k", "key-a", compute, **args) == [1, 2]
    buildcache.clear()                                   # as a new process would start
    assert buildcache.remember_on_disk(tmp_path, "k", "key-a", compute, **args) == [1, 2]
    assert len(calls) == 1
    assert buildcache.remember_on_disk(tmp_path, "k", "key-b", compute, **args) == [1, 2]
    assert len(calls) == 2                               # another key: worked out again


def test_a_damaged_file_is_worked_out_again_not_trusted(tmp_path):
    compute, calls = _counting({"n": 1})
    args = dict(encode=dict, decode=lambda d: {"n": d["n"]})
    buildcache.remember_on_disk(tmp_path, "k", "key", compute, **args)
    (file,) = tmp_path.glob("k-*.json")
    for damage in ("{not json", json.dumps({"other": 1})):
        file.write_text(damage, encoding="utf-8")
        buildcache.clear()
        assert buildcache.remember_on_disk(tmp_path, "k", "key", compute, **args) == {"n": 1}
    assert len(calls) == 3


def test_a_change_of_the_checks_code_is_never_answered_from_the_cache(tmp_path, monkeypatch):
    compute, calls = _counting(1)
    buildcache.remember_on_disk(tmp_path, "k", "key", compute, encode=int, decode=int)
    buildcache.clear()
    monkeypatch.setattr(buildcache, "code_digest", lambda: "another version of the rules")
    buildcache.remember_on_disk(tmp_path, "k", "key", compute, encode=int, decode=int)
    assert len(calls) == 2


def test_only_the_newest_files_are_kept_and_a_read_only_folder_still_answers(tmp_path):
    for i in range(buildcache.DISK_LIMIT + 5):
        buildcache.remember_on_disk(tmp_path, "k", f"key-{i}", lambda: i, encode=int, decode=int)
    assert len(list(tmp_path.glob("k-*.json"))) == buildcache.DISK_LIMIT
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        assert buildcache.remember_on_disk(locked / "sub", "k", "x", lambda: 7, encode=int, decode=int) == 7
    finally:
        os.chmod(locked, 0o700)


def test_the_source_checks_see_an_edit_after_a_cached_run(tmp_path):
    import shutil
    site = tmp_path / "site"
    shutil.copytree(SITES / "_base", site)
    project, _ = checks.load_project(site)
    before = checks.checked_sources(project)
    assert not [f for f in before if f.severity == "error"], [f.format() for f in before]
    assert list((site / ".cache" / "checks").glob("source-checks-*.json"))
    buildcache.clear()
    project, _ = checks.load_project(site)
    assert checks.checked_sources(project) == before          # read back, the same findings
    page = site / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("[$72 billion]", "[$73 billion]"),
                    encoding="utf-8")
    buildcache.clear()
    project, _ = checks.load_project(site)
    after = checks.checked_sources(project)
    assert any(f.rule.startswith("fact-") and f.severity == "error" for f in after), after
