"""Every distribution the code imports is declared in requirements.in, and every declared one is
pinned in requirements.txt (compiled from it with pip-compile; see the file's header).

The imports are read from the source with `ast` (imports inside functions and `try:` blocks
count: an optional import still needs its distribution), in hooks/, bench/ and tests/. A name
is the standard library's (`sys.stdlib_module_names`), the project's own (a module or package
under those folders), or an installed distribution's (`importlib.metadata.packages_distributions`).
"""
from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("hooks", "bench", "tests")
OWN_DISTRIBUTION = "llama4-explainer-checks"   # pyproject.toml: the hooks package itself


def normalise(name: str) -> str:
    """PEP 503 name: 'ruamel.yaml' and 'Ruamel_YAML' are the same distribution."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements_in: Path) -> dict[str, int]:
    """Normalised distribution name -> its line in requirements.in."""
    names = {}
    for number, line in enumerate(requirements_in.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        m = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
        if m:
            names[normalise(m.group(0))] = number
    return names


def pinned(requirements_txt: Path) -> dict[str, str]:
    """Normalised distribution name -> pinned version, from a compiled requirements.txt."""
    pins = {}
    for line in requirements_txt.read_text(encoding="utf-8").splitlines():
        m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", line)
        if m:
            pins[normalise(m.group(1))] = m.group(2)
    return pins


def own_modules(folders: list[Path]) -> set[str]:
    """Top-level names the project's own files provide (test helpers, bench scripts, hooks)."""
    names = set()
    for folder in folders:
        names.add(folder.name)
        for path in folder.rglob("*.py"):
            names.add(path.stem)
            names.update(p.name for p in path.relative_to(folder).parents if p.name)
    return names


def imports(path: Path):
    """(top-level name, line) of every absolute import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.module.split(".")[0], node.lineno


def undeclared(folders: list[Path], requirements_in: Path, root: Path) -> list[str]:
    """One message per import of a distribution requirements.in does not name, or of a module
    that nothing installed provides, at its file and line."""
    wanted = declared(requirements_in)
    providers = packages_distributions()
    local = own_modules(folders)
    problems = []
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            for name, line in imports(path):
                if name in sys.stdlib_module_names or name == "__future__":
                    continue
                dists = [d for d in providers.get(name, []) if normalise(d) != OWN_DISTRIBUTION]
                if not dists and (name in local or name in providers):
                    continue  # the project's own module (or the installed hooks package)
                if not dists:
                    problems.append(f"{rel}:{line}: imports '{name}', which no installed "
                                    "distribution provides: install it and add it to requirements.in")
                elif not any(normalise(d) in wanted for d in dists):
                    problems.append(f"{rel}:{line}: imports '{name}' (distribution "
                                    f"{' or '.join(sorted(set(dists)))}), which requirements.in "
                                    "does not declare: add a line for it there, with a comment "
                                    "saying what needs it, and compile requirements.txt")
    return problems


# ---------------------------------------------------------------------------- the project

def test_every_imported_distribution_is_declared():
    problems = undeclared([ROOT / f for f in FOLDERS], ROOT / "requirements.in", ROOT)
    assert problems == [], "\n".join(problems)


# Needed at run time although no file of the project imports them by name.
NEEDED_UNIMPORTED = {
    "brotli": "fontTools writes the subset fonts as WOFF2 with it (hooks/render/fontsubset.py)",
}


def test_distributions_needed_without_an_import_are_declared_and_installed():
    wanted = declared(ROOT / "requirements.in")
    providers = {normalise(d) for dists in packages_distributions().values() for d in dists}
    for name, why in NEEDED_UNIMPORTED.items():
        assert normalise(name) in wanted, f"requirements.in must name {name}: {why}"
        assert normalise(name) in providers, f"{name} is not installed: {why}"


def test_every_declared_distribution_is_pinned():
    pins = pinned(ROOT / "requirements.txt")
    missing = [f"requirements.in:{line}: {name} has no '{name}==VERSION' line in requirements.txt"
               for name, line in declared(ROOT / "requirements.in").items() if name not in pins]
    assert missing == [], "\n".join(missing) + (
        "\ncompile it: pip-compile --no-emit-index-url --strip-extras requirements.in")


def test_requirements_txt_is_compiled_with_its_via_lines():
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "pip-compile" in text.split("\n\n", 1)[0], "requirements.txt is not pip-compile's output"
    pins = pinned(ROOT / "requirements.txt")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    without_via = [b.split("==")[0] for b in blocks if "==" in b and "# via" not in b]
    assert without_via == [], f"pins no requirement explains: {without_via}"
    assert len(pins) > 40


# ---------------------------------------------------------------------------- the rule itself

def _project(tmp_path: Path, requirements: str, files: dict[str, str]) -> list[str]:
    (tmp_path / "requirements.in").write_text(requirements, encoding="utf-8")
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return undeclared([tmp_path / "hooks", tmp_path / "tests"], tmp_path / "requirements.in", tmp_path)


def test_an_undeclared_import_is_found_at_its_line(tmp_path):
    found = _project(tmp_path, "# comment\nPyYAML>=6  # yaml\n", {
        "hooks/__init__.py": "",
        "hooks/a.py": "import json\nimport yaml\nfrom . import b\n\n\ndef late():\n"
                      "    from babel.dates import format_date\n    return format_date\n",
        "hooks/b.py": "import os.path\n",
    })
    assert found == ["hooks/a.py:7: imports 'babel' (distribution babel), which requirements.in "
                     "does not declare: add a line for it there, with a comment saying what needs "
                     "it, and compile requirements.txt"]


def test_a_declared_import_passes_whatever_the_spelling(tmp_path):
    found = _project(tmp_path, "pyyaml\nruamel-YAML==0.19.1\npillow\nfonttools[woff]\n", {
        "hooks/a.py": "import yaml\nfrom ruamel.yaml import YAML\nfrom PIL import Image\n"
                      "from fontTools import subset\n",
    })
    assert found == []


def test_an_optional_import_still_needs_its_distribution(tmp_path):
    found = _project(tmp_path, "PyYAML\n", {
        "tests/test_x.py": "try:\n    import hypothesis\nexcept ImportError:\n    hypothesis = None\n",
    })
    assert len(found) == 1 and found[0].startswith("tests/test_x.py:2: imports 'hypothesis'")


def test_a_module_nothing_provides_is_found(tmp_path):
    found = _project(tmp_path, "PyYAML\n", {
        "tests/helper.py": "X = 1\n",
        "tests/test_x.py": "import helper\nimport no_such_distribution_here\n",
    })
    assert found == ["tests/test_x.py:2: imports 'no_such_distribution_here', which no installed "
                     "distribution provides: install it and add it to requirements.in"]


def test_pins_are_read_with_extras_and_markers(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text("# via x\nFoo_Bar[extra]==1.2 ; python_version >= '3.11'\n    # via -r in\n"
                    "baz==3 \\\n    --hash=sha256:00\n", encoding="utf-8")
    assert pinned(path) == {"foo-bar": "1.2", "baz": "3"}
