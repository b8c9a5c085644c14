"""`import tiltak` and building the CLI parser import no heavy library (issue #14, part 6).

Each check runs in a fresh interpreter, since this test process has imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bindal-organisasjon.json"
HEAVY = ("networkx", "scipy", "numpy", "openpyxl", "durable", "durable_rules_engine",
         "matplotlib", "docx", "jinja2")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        check=True, capture_output=True, text=True,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


def test_import_tiltak_imports_no_heavy_library() -> None:
    assert _heavy(_modules_after("import tiltak")) == []


def test_import_tiltak_does_not_even_load_pydantic_until_used() -> None:
    modules = _modules_after("import tiltak")
    assert "pydantic" not in modules
    assert "pydantic" in _modules_after("import tiltak; tiltak.Profile")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_building_the_cli_parser_imports_no_library(lang: str) -> None:
    modules = _modules_after(f"from tiltak.cli import build_parser; build_parser({lang!r})")
    assert _heavy(modules) == []
    assert "pydantic" not in modules and "yaml" not in modules
    assert not [m for m in modules if m.startswith(("tiltak.engine", "tiltak.plan",
                                                    "tiltak.graph", "tiltak.survey"))]


def test_suggest_imports_no_heavy_library() -> None:
    code = ("from tiltak.cli import main\nimport contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['suggest', {str(EXAMPLE)!r}, '--format', 'json'])")
    assert _heavy(_modules_after(code)) == []


def test_a_cached_suggest_neither_imports_pyyaml_nor_the_rule_parser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILTAK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TILTAK_NO_CACHE", raising=False)
    code = ("from tiltak.cli import main\nimport contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['suggest', {str(EXAMPLE)!r}])")
    parsing = {"yaml", "tiltak.rules._parser"}
    assert parsing <= _modules_after(code)  # the first run parses, and fills the cache
    assert not parsing & _modules_after(code)  # the next one only hashes the files


def test_the_clis_copies_of_choices_equal_the_librarys() -> None:
    from tiltak.authoring.schema import SCHEMA_NAMES
    from tiltak.cli import _common
    from tiltak.engine import ENGINES
    from tiltak.graph import GRAPH_FORMATS
    from tiltak.plan import PLAN_FORMATS
    from tiltak.survey import DEFAULT_ALPHA, LOWEST_MINIMUM

    assert _common.ENGINES == ENGINES
    assert _common.PLAN_FORMATS == PLAN_FORMATS
    assert _common.GRAPH_FORMATS == GRAPH_FORMATS
    assert _common.SCHEMA_NAMES == SCHEMA_NAMES
    assert _common.DEFAULT_ALPHA == DEFAULT_ALPHA
    assert _common.LOWEST_MINIMUM == LOWEST_MINIMUM


def test_lazy_names_are_the_modules_own() -> None:
    import tiltak
    from tiltak import engine, profile

    assert tiltak.load is engine.load
    assert tiltak.Profile is profile.Profile
    with pytest.raises(AttributeError):
        tiltak.no_such_name  # noqa: B018
