"""The import graph of hooks/ has no cycle, counting imports inside functions; its folders by role
import only downward, in the order pyproject.toml's layers contract gives (the one list, which
lint-imports keeps too); and the engine looks up none of its own modules by name (importlib),
which a graph of import statements cannot see.

The graph is read from the source with `ast` (nothing is imported), so the test judges whatever
modules are in hooks/ when it runs. `python tests/test_imports.py` prints the cycles it finds.
"""
from __future__ import annotations

import ast
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "hooks"


@dataclass(frozen=True)
class Edge:
    source: str      # importing module, dotted
    target: str      # imported module, dotted
    path: str        # file of the import, relative to the project
    line: int


def modules(package_dir: Path, package: str) -> dict[str, Path]:
    """dotted name -> file, for every module and package under package_dir."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join([package, *parts])] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Every Import/ImportFrom node at any depth (functions included), except the ones under
    `if TYPE_CHECKING:`, which never run."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _parents(name: str, source: str) -> list[str]:
    """The packages Python runs before `name`, less the top package (it imports nothing of its
    own) and the packages that hold `source` (they have started before `source` runs)."""
    parts = name.split(".")
    return [parent for parent in (".".join(parts[:i]) for i in range(2, len(parts)))
            if not source.startswith(parent + ".")]


def import_edges(package_dir: Path, package: str = PACKAGE, root: Path = ROOT) -> tuple[list[Edge], dict]:
    """The edges between modules of `package`, and the module table. `from X import name` is an
    edge to the submodule X.name when there is one, else to X itself."""
    table = modules(package_dir, package)
    edges = []
    for name, path in table.items():
        is_package = path.name == "__init__.py"
        here = name if is_package else name.rpartition(".")[0]
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    base_parts = here.split(".")
                    base_parts = base_parts[:len(base_parts) - (node.level - 1)]
                    base = ".".join(base_parts + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in table else base)
            for target in targets:
                if not (target == package or target.startswith(package + ".")):
                    continue
                for module in [*_parents(target, name), target]:
                    if module in table and module != name:
                        edges.append(Edge(name, module, rel, node.lineno))
    return edges, table


def cycles(edges: list[Edge]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        graph.setdefault(e.source, set()).add(e.target)
        graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups = []
    counter = 0

    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return sorted(groups)


def describe(group: list[str], edges: list[Edge]) -> str:
    members = set(group)
    inside = sorted({(e.path, e.line, e.source, e.target) for e in edges
                     if e.source in members and e.target in members})
    lines = [f"  {path}:{line}: {source} imports {target}" for path, line, source, target in inside]
    return f"import cycle among {', '.join(group)}:\n" + "\n".join(lines)


def importlib_lookups(package_dir: Path, root: Path = ROOT) -> list[str]:
    """`importlib.import_module(...)`, `importlib.util.find_spec(...)` and `__import__(...)`
    calls: a module found by name is an import the graph cannot see."""
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "find_spec", "__import__"):
                rel = path.relative_to(root) if path.is_relative_to(root) else path
                found.append(f"{rel}:{node.lineno}: {name}(...) looks a module up by name; "
                             "import it with an import statement")
    return found


def contract_layers(pyproject: Path = ROOT / "pyproject.toml") -> list[list[str]]:
    """The layers contract of [tool.importlinter], top first, each layer its independent parts."""
    contracts = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    return [[part.strip() for part in layer.split("|")] for layer in layers]


def layer_violations(edges: list[Edge], table: dict, layers: list[list[str]],
                     package: str = PACKAGE) -> list[str]:
    """Each import that goes up, or sideways between independent parts of one layer; and each
    module of the package's top level that no layer names."""
    where = {part: i for i, layer in enumerate(layers) for part in layer}
    found = []

    def top(module: str) -> str:
        return module.split(".")[1] if module.count(".") else ""

    for name in sorted(table):
        if top(name) and top(name) not in where:
            found.append(f"{name}: in no layer of pyproject.toml's contract; add it to one")
    deepest: dict = {}   # an import of pkg.x.y is also an edge to pkg.x: report it once
    for e in edges:
        key = (e.path, e.line, e.source, top(e.target))
        if key not in deepest or len(e.target) > len(deepest[key].target):
            deepest[key] = e
    for e in sorted(deepest.values(), key=lambda e: (e.path, e.line, e.target)):
        a, b = top(e.source), top(e.target)
        if not a or not b or a == b or a not in where or b not in where:
            continue
        if where[b] < where[a]:
            found.append(f"{e.path}:{e.line}: {e.source} imports {e.target}, a layer above it")
        elif where[b] == where[a]:
            found.append(f"{e.path}:{e.line}: {e.source} imports {e.target}, an independent part of its layer")
    return found


# ---------------------------------------------------------------------------- the tests

def test_hooks_import_graph_has_no_cycle():
    edges, table = import_edges(ROOT / PACKAGE)
    assert len(table) > 30, "the package was not found"
    found = cycles(edges)
    assert not found, "\n\n".join(describe(g, edges) for g in found) + (
        "\n\nmove the shared piece down into a module both can import (see CONTRIBUTING)")


def test_hooks_folders_import_only_downward():
    edges, table = import_edges(ROOT / PACKAGE)
    layers = contract_layers()
    assert [p for layer in layers for p in layer][-4:] == ["checks", "render", "facts", "core"]
    assert layer_violations(edges, table, layers) == []


def test_an_upward_import_and_an_unlisted_folder_are_found(tmp_path):
    package = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/core/__init__.py": "",
        "pkg/core/base.py": "def helper():\n    from pkg.facts import registry  # late, upward\n",
        "pkg/facts/__init__.py": "",
        "pkg/facts/registry.py": "from pkg.core import base\n",
        "pkg/site/__init__.py": "", "pkg/site/a.py": "from pkg.watch import b\n",
        "pkg/watch/__init__.py": "", "pkg/watch/b.py": "",
        "pkg/extra.py": "",
    })
    edges, table = import_edges(package, "pkg", tmp_path)
    found = layer_violations(edges, table, [["site", "watch"], ["facts"], ["core"]], "pkg")
    assert found == [
        "pkg.extra: in no layer of pyproject.toml's contract; add it to one",
        "pkg/core/base.py:2: pkg.core.base imports pkg.facts.registry, a layer above it",
        "pkg/site/a.py:1: pkg.site.a imports pkg.watch.b, an independent part of its layer",
    ], found


def test_the_engine_looks_up_no_module_by_name():
    assert importlib_lookups(ROOT / PACKAGE) == []


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    package = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from .b import helper\n",
        "pkg/b.py": "def helper():\n    from . import c  # late\n    return c\n",
        "pkg/c.py": "import pkg.a\n",
        "pkg/d.py": "from .a import helper\n",        # imports into the cycle, not part of it
    })
    edges, _ = import_edges(package, "pkg", tmp_path)
    found = cycles(edges)
    assert found == [["pkg.a", "pkg.b", "pkg.c"]]
    text = describe(found[0], edges)
    assert "pkg/b.py:2: pkg.b imports pkg.c" in text


def test_a_cycle_through_a_subpackage_and_its_init_is_found(tmp_path):
    package = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/top.py": "from .sub.leaf import x\n",
        "pkg/sub/__init__.py": "from ..top import y\n",      # runs before sub.leaf
        "pkg/sub/leaf.py": "x = 1\n",
    })
    edges, _ = import_edges(package, "pkg", tmp_path)
    assert cycles(edges) == [["pkg.sub", "pkg.top"]]


def test_from_package_import_submodule_is_an_edge_to_the_submodule(tmp_path):
    package = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from . import b\n",
        "pkg/b.py": "from .a import thing\n",
    })
    edges, _ = import_edges(package, "pkg", tmp_path)
    assert cycles(edges) == [["pkg.a", "pkg.b"]]


def test_type_checking_imports_and_outside_packages_are_not_edges(tmp_path):
    package = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from typing import TYPE_CHECKING\nimport json\nif TYPE_CHECKING:\n"
                    "    from .b import B\n",
        "pkg/b.py": "from .a import thing\n",
    })
    edges, _ = import_edges(package, "pkg", tmp_path)
    assert cycles(edges) == []
    assert [(e.source, e.target) for e in edges] == [("pkg.b", "pkg.a")]


def test_an_importlib_lookup_is_found(tmp_path):
    package = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "import importlib\nq = importlib.import_module('pkg.b')\n",
    })
    found = importlib_lookups(package, tmp_path)
    assert found and found[0].startswith("pkg/a.py:2: import_module")


if __name__ == "__main__":
    edges, _ = import_edges(ROOT / PACKAGE)
    for group in cycles(edges):
        print(describe(group, edges), end="\n\n")
    print("\n".join(importlib_lookups(ROOT / PACKAGE)))
    sys.exit(0)
