"""python -m hooks status PAGE: the English diff since the Hindi was acknowledged, found through
git from the fingerprint the Hindi page records; a clear message without git history."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from hooks import cli

FIXTURE = Path(__file__).resolve().parent / "sites" / "cli-project"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}


def git(where: Path, *argv: str) -> str:
    result = subprocess.run(["git", "-C", str(where), *argv], capture_output=True, text=True,
                            env=dict(os.environ, **GIT_ENV))
    assert result.returncode == 0, result.stderr
    return result.stdout


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path, capsys):
    """A git clone holding the project in a subfolder: x.md committed, acknowledged, then
    changed in a second commit."""
    top = tmp_path / "clone"
    project = top / "site"
    shutil.copytree(FIXTURE, project)
    git(top, "init", "-q")
    assert run(capsys, "ack", "x", "--root", project)[0] == 0
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "first")
    en = project / "docs" / "x.md"
    text = en.read_text(encoding="utf-8")
    assert "\n" in text
    en.write_text(text + "\nA paragraph added later.\n", encoding="utf-8")
    git(top, "commit", "-q", "-am", "second: a paragraph")
    return project


def test_an_outdated_page_shows_the_english_diff_since_the_ack(capsys, repo):
    first = git(repo, "rev-list", "--max-count=1", "HEAD~1").strip()
    code, out, _ = run(capsys, "status", "x", "--root", repo)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "docs/x.md: outdated (docs/x.hi.md)"
    assert lines[1].startswith(f"the Hindi follows docs/x.md as of commit {first[:7]}")
    assert lines[1].endswith(" first; what the English changed since then:")
    assert "+A paragraph added later." in lines
    assert "--- a/site/docs/x.md" in lines
    assert lines[-1] == "after bringing docs/x.hi.md up to date: python -m hooks ack x"


def test_the_diff_covers_uncommitted_english_too(capsys, repo):
    en = repo / "docs" / "x.md"
    en.write_text(en.read_text(encoding="utf-8") + "Not committed yet.\n", encoding="utf-8")
    out = run(capsys, "status", "docs/x.hi.md", "--root", repo)[1]
    assert "+A paragraph added later." in out and "+Not committed yet." in out


def test_an_up_to_date_page_says_so(capsys, repo):
    assert run(capsys, "ack", "x", "--root", repo)[0] == 0
    code, out, _ = run(capsys, "status", "x.md", "--root", repo)
    assert code == 0 and out == "docs/x.md: up-to-date (docs/x.hi.md)\n"


def test_without_git_history_the_message_says_why(capsys, tmp_path):
    project = tmp_path / "plain"
    shutil.copytree(FIXTURE, project)
    code, out, _ = run(capsys, "status", "old", "--root", project)
    assert code == 0
    assert out.splitlines()[0] == "docs/old.md: outdated (docs/old.hi.md)"
    assert f"cannot show what changed in docs/old.md: {project} is not a git clone" in out
    assert out.rstrip().endswith("then python -m hooks ack old")


def test_an_ack_of_english_never_committed_is_explained(capsys, repo):
    en = repo / "docs" / "x.md"
    en.write_text(en.read_text(encoding="utf-8") + "Draft.\n", encoding="utf-8")
    assert run(capsys, "ack", "x", "--root", repo)[0] == 0
    en.write_text(en.read_text(encoding="utf-8") + "Draft two.\n", encoding="utf-8")
    out = run(capsys, "status", "x", "--root", repo)[1]
    assert "none of the 2 commits of docs/x.md has the English text the Hindi page records" in out
    assert "acknowledged against English that was never committed" in out


def test_a_page_and_json_together_is_a_usage_error(capsys, repo):
    code, _, err = run(capsys, "status", "x", "--json", "--root", repo)
    assert code == 2 and "give a page or --json" in err
    code, _, err = run(capsys, "status", "nosuchpage", "--root", repo)
    assert code == 2 and "no page 'nosuchpage'" in err


def test_the_list_points_at_the_diff_of_an_outdated_page(capsys, repo):
    out = run(capsys, "status", "--root", repo)[1]
    assert "what the English changed since: python -m hooks status PAGE" in out
    assert run(capsys, "ack", "--all", "--root", repo)[0] == 0
    assert "python -m hooks status PAGE" not in run(capsys, "status", "--root", repo)[1]
