"""Shared fixtures: assemble fixture sites and build them with the real hooks."""
from __future__ import annotations

import os

import pytest

from fixture_sites import HOOK, ROOT, SITES, assemble, run_build  # noqa: E402,F401


def pytest_configure(config):
    """The builds and commands the tests start are fresh Python processes, each importing the
    hooks: they keep the compiled bytecode in .cache/pycache/ (outside the tree, ignored by git)
    instead of compiling every module again (PYTHONDONTWRITEBYTECODE=1 would make each build
    compile the hooks' ~50 modules: about 0.17 s of CPU a build). A PYTHONPYCACHEPREFIX the
    runner sets is kept."""
    if not os.environ.get("PYTHONPYCACHEPREFIX"):
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(ROOT / ".cache" / "pycache")


def pytest_collection_modifyitems(items):
    """Every test under tests/browser/ carries the `browser` mark (pyproject.toml registers it):
    `python -m pytest -m "not browser"` is the quick run."""
    browser = ROOT / "tests" / "browser"
    for item in items:
        if browser in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def fixture_site(tmp_path):
    """Build a fixture site: fixture_site(case, edits=None) -> (CompletedProcess, site_dir)."""
    def build(case=None, edits=None, strict=True):
        config = assemble(case, tmp_path / "src", edits)
        site = tmp_path / "site"
        result = run_build(config, site, strict)
        result.output = result.stdout + result.stderr
        return result, site
    return build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT / "mkdocs.yml", site)
    if result.returncode != 0:
        pytest.fail("the real site does not build with --strict:\n" + result.stdout + result.stderr)
    return site
