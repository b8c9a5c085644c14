"""JSON Schemas: up to date in schemas/, faithful to the loaders on real files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tiltak import cli
from tiltak._yaml import load_yaml_file
from tiltak.authoring.schema import SCHEMA_NAMES, schema, schema_text
from tiltak.engine import load
from tiltak.errors import TiltakError

ROOT = Path(__file__).parent.parent


def available() -> list[str]:
    names = []
    for name in SCHEMA_NAMES:
        try:
            schema(name)
        except TiltakError:
            continue
        names.append(name)
    return names


def validator(name: str) -> jsonschema.Draft202012Validator:
    s = schema(name)
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s)


@pytest.mark.parametrize("name", available())
def test_committed_schema_is_up_to_date(name: str) -> None:
    path = ROOT / "schemas" / f"{name}.schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(name), (
        f"run: tiltak schema --write schemas  ({path} is stale)")


def _yaml_files(pattern: str) -> list[Path]:
    return sorted(ROOT.glob(pattern))


@pytest.mark.parametrize("path", _yaml_files("rules/*.yaml") + _yaml_files(
    "tests/data/*/rules/*.yaml"), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_rule_file_validates(path: Path) -> None:
    doc, problems = load_yaml_file(path)
    assert doc is not None and not problems
    errors = [e.message for e in validator("rules").iter_errors(doc.data)]
    assert errors == []


@pytest.mark.parametrize("path", _yaml_files("catalogue/*.yaml") + _yaml_files(
    "tests/data/*/catalogue/*.yaml"), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_catalogue_file_validates(path: Path) -> None:
    doc, _ = load_yaml_file(path)
    assert doc is not None
    assert [e.message for e in validator("catalogue").iter_errors(doc.data)] == []


@pytest.mark.parametrize("condition", [
    {"level": "digitalisering.evner", "at_least": 7},          # out of range
    {"gap": "digitalisering.evner"},                             # no comparison
    {"share": "digitalisering.evner", "at_least": 0.5},          # no at_or_below/above
    {"level": "digitalisering", "at_least": 2},                  # not AREA.DIM
    {"role": "leader", "level": "ledelse.evner", "at_least": 2},  # two kinds
    {"avoids": "lecture"},                                       # unknown format
    {"all": []},                                                 # empty group
    {"levle": "ledelse.evner", "at_least": 2},                   # typo
])
def test_rule_schema_rejects_what_the_parser_rejects(condition: dict[str, object]) -> None:
    doc = {"rules": [{"id": "x", "reason": {"nb": "a", "en": "b"}, "when": condition,
                      "then": {"recommend": ["arena"]}}]}
    assert not validator("rules").is_valid(doc)


def test_profiles_and_results_validate() -> None:
    engine = load(ROOT / "tests" / "data" / "authoring" / "rules",
                  ROOT / "tests" / "data" / "authoring" / "catalogue")
    for path in sorted((ROOT / "tests" / "data" / "authoring" / "profiles").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert validator("profile").is_valid(data)
        result = json.loads(engine.suggest(data).to_json())
        assert [e.message for e in validator("result").iter_errors(result)] == []
    assert not validator("profile").is_valid({"format": "tiltak.profile/1"})


def test_cli_prints_a_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", "rules"]) == 0
    assert json.loads(capsys.readouterr().out) == schema("rules")


def test_cli_writes_all_schemas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schema", "--write", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{n}.schema.json" for n in available())
