"""The set-up the README and CONTRIBUTING give: `pip install --no-deps -e .` is quiet, and the
quick test run they name (`-m "not browser"`) leaves out exactly the browser tests."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# This machine's pip configuration adds index locations pip reports as ignored: not the project's.
MACHINE_NOISE = re.compile(r"^WARNING: Location '.*' is ignored")


def test_the_editable_install_prints_no_warning(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "pyproject.toml", project)
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-e", str(project)],
                            capture_output=True, text=True, cwd=tmp_path,
                            env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"))
    if result.returncode != 0 and "No matching distribution found for setuptools" in result.stderr:
        pytest.skip("no package index to fetch setuptools from")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [l for l in (result.stdout + result.stderr).splitlines() if not MACHINE_NOISE.match(l)]
    noisy = [l for l in lines if re.search(r"warn|!!|#####", l, re.I)]
    assert not noisy, "\n".join(lines)
    # The package and its data folder are importable from outside the project.
    where = subprocess.run([str(python), "-c", "import hooks.data, hooks.commands, sys; "
                            "print(hooks.data.__path__[0])"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()) == project / "hooks" / "data"


def _collected(*args) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return [l for l in result.stdout.splitlines() if "::" in l]


def test_the_quick_run_leaves_out_the_browser_tests_only():
    quick = _collected("-m", "not browser", "tests/browser", "tests/test_install.py")
    browser = _collected("-m", "browser", "tests/browser", "tests/test_install.py")
    assert quick and all(not l.startswith("tests/browser/") for l in quick), quick
    assert browser and all(l.startswith("tests/browser/") for l in browser), browser
