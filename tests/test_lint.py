"""The lint gate: `ruff check` with pyproject.toml's [tool.ruff] is clean over the project, and
`lint-imports` keeps [tool.importlinter]'s contract (no import cycle in a package of hooks/).
The same commands run in pre-commit (.pre-commit-config.yaml) and CI (.github/workflows/ci.yml),
with mypy, which is left out of the test suite for its time."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format",
                           "concise", *args], capture_output=True, text=True, cwd=cwd)


def test_ruff_is_clean():
    result = _ruff()
    assert result.returncode == 0, (
        result.stdout + result.stderr + "\nfix each line above (or, for a rule that does not fit "
        "the project, turn it off in pyproject.toml [tool.ruff.lint] with the reason)")


def test_ruff_with_the_project_settings_finds_what_the_review_found(tmp_path):
    """The settings select the rules: an unused import, a duplicate set member and a name used
    before it exists each fail, at their line."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "bad.py").write_text(
        "from collections import Counter\n"
        "WORDS = {'Of', 'In', 'Of'}\n"
        "print(undefined_name)\n", encoding="utf-8")
    result = _ruff("bad.py", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    for expected in ("bad.py:1:25: F401", "bad.py:2:22: B033", "bad.py:3:7: F821"):
        assert expected in result.stdout, result.stdout


def test_a_syntax_error_fails_ruff(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "broken.py").write_text("def f(:\n    pass\n", encoding="utf-8")
    result = _ruff("broken.py", cwd=tmp_path)
    assert result.returncode == 1 and "broken.py:1:" in result.stdout, result.stdout


def test_the_import_contract_is_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports)] if lint_imports.is_file() else ["lint-imports"]
    result = subprocess.run([*command, "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
