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


def test_a_command_imports_no_other_command() -> None:
    code = ("from tiltak.cli import main\nimport contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['suggest', {str(EXAMPLE)!r}])")
    commands = sorted(m for m in _modules_after(code)
                      if m.startswith("tiltak.cli.") and not m.startswith("tiltak.cli._"))
    assert commands == ["tiltak.cli.suggest"]


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


_BUILT = ("from tiltak import _validation, catalogue, profile, result\n"
          "models = [m for mod in (_validation, catalogue, profile, result)\n"
          "          for m in vars(mod).values() if isinstance(m, type)\n"
          "          and issubclass(m, _validation.BaseModel) and m.__module__ == mod.__name__]\n"
          "assert len(models) > 20\n"
          "import json\n"
          "print(json.dumps(sorted(m.__name__ for m in models if m.__pydantic_complete__)))")


_RESULT_MODELS = {"Deferral", "Evidence", "PartOf", "Reason", "Recommendation", "Result",
                  "SegmentResult", "SubjectRef", "Suppression"}


@pytest.mark.parametrize(("args", "allowed"), [
    ([], set()),
    (["--all", "--lang", "nb"], set()),
    (["--format", "markdown"], set()),
    # JSON is written by pydantic's serializer: the result models may build theirs
    (["--format", "json"], _RESULT_MODELS),
])
def test_a_cached_suggest_builds_no_validator(args: list[str], allowed: set[str],
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """With rules and catalogue from the cache and the profile through the fast path, nothing
    is validated: no model builds its validator (defer_build), and pydantic's plugin loader,
    which imports importlib.metadata when the first one is built, is not imported."""
    monkeypatch.setenv("TILTAK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TILTAK_NO_CACHE", raising=False)
    code = ("from tiltak.cli import main\nimport contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['suggest', {str(EXAMPLE)!r}, *{args!r}])\n" + _BUILT)

    def run() -> tuple[set[str], set[str]]:
        out = subprocess.run([sys.executable, "-c", code + "\nimport sys, json; "
                              "print(json.dumps(sorted(sys.modules)))"],
                             check=True, capture_output=True, text=True).stdout
        lines = out.splitlines()
        return set(json.loads(lines[-2])), set(json.loads(lines[-1]))

    first, _ = run()  # fills the cache: the catalogue and rules are validated
    assert {"Measure", "Text"} <= first
    built, modules = run()
    assert built <= allowed
    if not allowed:
        assert "pydantic.plugin._loader" not in modules
        assert "importlib.metadata" not in modules
