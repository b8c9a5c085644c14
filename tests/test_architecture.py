"""The folders of src/tiltak import each other in one direction only (docs/architecture.md).

Each module belongs to a *unit*: its top-level folder (``tiltak.survey._read`` is in
``survey``) or its top-level module (``tiltak.profile``). A unit may import only the
units listed for it below; the lists form layers, so there is no cycle between units.
Inside the package, no module imports another at module level in a cycle.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

import tiltak

SRC = Path(tiltak.__file__).parent

SHARED = frozenset({"errors", "_i18n", "_io", "_data", "_yaml", "_validation", "_limits",
                    "_escape", "_args"})
CORE = frozenset({"catalogue", "profile", "result"})

#: unit -> the units it may import (besides itself). Keep in step with docs/architecture.md.
ALLOWED: dict[str, frozenset[str]] = {
    "_i18n": frozenset(),
    "_data": frozenset(),
    "_escape": frozenset(),
    "errors": frozenset({"_i18n"}),
    "_limits": frozenset({"errors", "_i18n"}),
    "_args": frozenset({"errors", "_i18n"}),
    "_io": frozenset({"errors", "_i18n", "_escape"}),
    "_yaml": frozenset({"errors", "_i18n", "_limits", "_io"}),
    "_validation": frozenset({"errors", "_i18n", "_limits"}),
    "catalogue": SHARED,
    "profile": SHARED | {"catalogue"},
    "result": SHARED | {"catalogue"},
    "rules": SHARED | CORE,
    "engine": SHARED | CORE | {"rules"},
    "graph": SHARED | CORE,
    "survey": SHARED | CORE,
    "plan": SHARED | CORE | {"rules", "engine", "graph"},
    "compare": SHARED | CORE | {"engine", "survey", "plan"},
    "report": SHARED | CORE | {"rules", "engine", "survey", "graph", "plan", "compare"},
    "authoring": SHARED | CORE | {"rules", "engine", "survey", "graph", "plan", "compare"},
    "testing": SHARED | CORE | {"rules", "engine"},
    "tiltak": SHARED | CORE | {"rules", "engine"},
    "cli": SHARED | CORE | {"tiltak", "rules", "engine", "survey", "graph", "plan", "compare",
                            "report", "authoring"},
    "__main__": frozenset({"cli"}),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# The installed package also carries data (tiltak/_data/: bundled examples, one a script).
MODULES = {_module_name(p): ast.parse(p.read_text(encoding="utf-8"))
           for p in sorted(SRC.rglob("*.py")) if "_data" not in p.relative_to(SRC).parts[:-1]}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "tiltak"


def _imports(tree: ast.Module, *, top_level_only: bool) -> set[str]:
    """The tiltak modules a module imports (``from tiltak import x`` counts as tiltak.x)."""
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "tiltak")
        elif (isinstance(node, ast.ImportFrom) and node.module and node.level == 0
              and node.module.split(".")[0] == "tiltak"):
            for alias in node.names:  # a submodule by name, else the module itself
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return found




def test_every_unit_has_its_allowed_imports_listed() -> None:
    assert {_unit(m) for m in MODULES} <= set(ALLOWED)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_flow_one_way(module: str) -> None:
    unit = _unit(module)
    for target in sorted(_imports(MODULES[module], top_level_only=False)):
        other = _unit(target)
        if other == unit:
            continue
        assert other in ALLOWED[unit], f"{module} imports {target}: {unit} may not import {other}"


def test_units_form_layers_without_cycles() -> None:
    graphlib.TopologicalSorter({u: set(a) for u, a in ALLOWED.items()}).prepare()


def test_no_import_cycle_between_modules() -> None:
    graph: dict[str, set[str]] = {}
    for module, tree in MODULES.items():
        graph[module] = {t for t in _imports(tree, top_level_only=True)
                         if t in MODULES and t != module}
    graphlib.TopologicalSorter(graph).prepare()


def test_the_rule_parser_has_no_oversized_class() -> None:
    for module, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and module.startswith("tiltak.rules"):
                length = (node.end_lineno or node.lineno) - node.lineno
                assert length <= 160, f"{module}.{node.name} has {length} lines"
