"""The import contract: layers point one way, and no module imports itself back.

Every ``standoff`` module's imports are read from its source (module-level, ``TYPE_CHECKING`` and
function-local imports alike) and checked against the layers of docs/architecture.md::

    base (errors, _version, _display, _text, runner) → scenario → conflict → analyses → pipeline
    → report → cli, web (the workspace, beside the command line)

A module may import from its own layer or a layer before it, never from a later one. Module-level
imports (those that run, or that a type checker follows) must not form a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
LAYERS: dict[str, int] = {
    "standoff._version": 0,
    "standoff.errors": 0,
    "standoff._display": 0,
    "standoff._frames": 0,
    "standoff._text": 0,
    "standoff.runner": 0,
    "standoff._files": 0,
    "standoff.scenario": 1,
    "standoff.conflict": 2,
    "standoff.stability": 3,
    "standoff.evolution": 3,
    "standoff.perception": 3,
    "standoff.bargaining": 3,
    "standoff.compliance": 3,
    "standoff.talks": 3,
    "standoff.forecast": 3,
    "standoff.robustness": 3,
    "standoff.negotiation": 3,
    "standoff.interop": 3,
    "standoff.pipeline": 4,
    "standoff.report": 5,
    "standoff.cli": 6,
    "standoff.web": 6,
}
"""Each top-level part of the package and its layer (the package facade is above them all)."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, package: str = "standoff") -> tuple[set[str], set[str]]:
    """(every standoff name imported, those imported at module level), for one file of
    ``package``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    every: set[str] = set()
    top: set[str] = set()
    nested = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    }
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                kept = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*kept, base]).strip(".")
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            names = submodules if all(n in KNOWN for n in submodules) else [base, *submodules]
        for name in (n for n in names if n.split(".")[0] == "standoff"):
            every.add(name)
            if id(node) not in nested:
                top.add(name)
    return every, top


MODULES = {_module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}
KNOWN = set(MODULES)


def _package(module: str) -> str:
    """The package a module's relative imports start from."""
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def _resolve(name: str) -> str | None:
    """The module an imported name refers to (``from a import b`` may import module a.b)."""
    while name and name not in KNOWN:
        name = name.rpartition(".")[0]
    return name or None


def _layer(module: str) -> int | None:
    for prefix, layer in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return layer
    return None


def test_every_part_of_the_package_has_a_layer() -> None:
    assert {m for m in MODULES if m != "standoff" and _layer(m) is None} == set()


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "standoff"))
def test_no_module_imports_from_a_later_layer(module: str) -> None:
    own = _layer(module)
    assert own is not None
    every, _ = _imports(MODULES[module], _package(module))
    later = sorted(
        f"{target} (layer {_layer(target)})"
        for target in {_resolve(name) for name in every} - {None, module}
        if target is not None and target != "standoff" and (_layer(target) or 0) > own
    )
    assert later == [], f"{module} (layer {own}) imports from a later layer"
    assert "standoff" not in {_resolve(n) for n in every} - {None}, "only the facade is 'standoff'"


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of ``graph`` (its modules in order, the first repeated at the end), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        stack.append(module)
        for target in sorted(graph.get(module, set())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return []


def test_module_level_imports_have_no_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        _, top = _imports(path, _package(module))
        graph[module] = {t for t in (_resolve(n) for n in top) if t is not None} - {module}
    for module in graph:  # importing a.b.c runs a and a.b first: not an edge back
        graph[module] -= {p for p in graph[module] if module.startswith(p + ".")}
    assert _cycle(graph) == []


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_contract_catches_a_back_arrow(tmp_path: Path) -> None:
    file = tmp_path / "module.py"
    file.write_text("def f():\n    from standoff.report import json_document\n")
    every, top = _imports(file)
    assert "standoff.report.json_document" in every
    assert top == set()
