"""The public surface: explicit __all__ per module, one exception tree."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

import tiltak
from tiltak import errors

PUBLIC_MODULES = [
    "tiltak",
    "tiltak.authoring",
    "tiltak.authoring.diff",
    "tiltak.authoring.explain",
    "tiltak.authoring.lint",
    "tiltak.authoring.scenarios",
    "tiltak.authoring.schema",
    "tiltak.catalogue",
    "tiltak.cli",
    "tiltak.compare",
    "tiltak.engine",
    "tiltak.errors",
    "tiltak.graph",
    "tiltak.plan",
    "tiltak.profile",
    "tiltak.report",
    "tiltak.result",
    "tiltak.rules",
    "tiltak.survey",
    "tiltak.testing",
]


def _public_names(module: object) -> set[str]:
    """Names a module defines itself at top level (not imports), without a leading _."""
    tree = ast.parse(inspect.getsource(module))  # type: ignore[arg-type]
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_lists_exactly_the_public_names(name: str) -> None:
    module = importlib.import_module(name)
    exported = set(module.__all__)
    assert all(hasattr(module, n) for n in exported)
    if name != "tiltak":  # the package re-exports from its modules
        missing = _public_names(module) - exported
        assert not missing, f"{name} defines public names not in __all__: {sorted(missing)}"


def _public_modules() -> set[str]:
    """Every module under tiltak whose dotted name has no part starting with ``_``."""
    import pkgutil

    return {m.name for m in pkgutil.walk_packages(tiltak.__path__, "tiltak.")
            if not any(part.startswith("_") for part in m.name.split("."))}


def test_every_public_module_is_listed() -> None:
    found = {m for m in _public_modules() if not m.startswith("tiltak.cli.")}
    assert found == set(PUBLIC_MODULES) - {"tiltak"}


def test_cli_submodules_are_commands() -> None:
    """Modules inside tiltak.cli are its commands, not a library API: each one registers."""
    commands = sorted(m for m in _public_modules() if m.startswith("tiltak.cli."))
    assert "tiltak.cli.suggest" in commands
    for name in commands:
        module = importlib.import_module(name)
        assert isinstance(module.NAME, str) and callable(module.register), name


def test_exception_tree_is_rooted_in_tiltak_error() -> None:
    classes = [getattr(errors, n) for n in errors.__all__ if inspect.isclass(getattr(errors, n))]
    exceptions = [c for c in classes if issubclass(c, BaseException)]
    assert exceptions
    for cls in exceptions:
        assert issubclass(cls, errors.TiltakError)
        assert cls.__name__ in (errors.__doc__ or ""), f"{cls.__name__} not drawn in the docstring"


def test_version_matches_metadata() -> None:
    from importlib.metadata import version

    assert tiltak.__version__ == version("tiltak")
