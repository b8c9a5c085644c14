"""Survey import: the generated example round-trips, both file formats, CLI and library agree."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

from tiltak.cli import main
from tiltak.profile import parse_profile
from tiltak.survey import import_survey, resolve_definition, survey_schema

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_survey",
                                                  EXAMPLES / "generate_survey.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GEN = _generator()
DEFN = resolve_definition("ksaa")
PEOPLE = GEN.respondents(DEFN)
ROWS = GEN.table(DEFN, PEOPLE)


def _expected(people: list, area: str, dim: str) -> tuple[float, list[int], int]:
    """Level, counts per level and respondents for one cell, straight from the generator."""
    answers: list[int] = []
    answered = 0
    for person in people:
        mine = [lvl for q, lvl in zip(DEFN.questions, person.levels, strict=True)
                if q.area == area and q.dimension == dim and lvl is not None]
        answers += mine
        answered += bool(mine)
    counts = [answers.count(level) for level in range(1, 6)]
    return sum(answers) / len(answers), counts, answered


def _check_cell(value: dict, people: list, area: str, dim: str) -> None:
    level, counts, answered = _expected(people, area, dim)
    assert value["level"] == pytest.approx(level, abs=0.005 + 1e-9)
    assert value["respondents"] == answered
    shares = value["distribution"]
    assert sum(shares) == pytest.approx(1.0, abs=1e-9)
    total = sum(counts)
    for share, count in zip(shares, counts, strict=True):
        assert abs(share - count / total) < 0.01


def test_committed_examples_match_the_generator() -> None:
    csv_text = (EXAMPLES / "survey-ksaa.csv").read_bytes()
    tmp = EXAMPLES / "survey-ksaa.csv"
    assert csv_text.startswith(b"\xef\xbb\xbf")
    import csv as csv_module
    import io

    parsed = list(csv_module.reader(io.StringIO(csv_text.decode("utf-8-sig"), newline="")))
    assert parsed == ROWS, f"{tmp} is out of date: run python examples/generate_survey.py"
    book = openpyxl.load_workbook(EXAMPLES / "survey-ksaa.xlsx", read_only=True)
    cells = [["" if v is None else str(v) for v in row]
             for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    assert cells == ROWS


@pytest.mark.parametrize("name", ["survey-ksaa.csv", "survey-ksaa.xlsx"])
def test_example_round_trips(name: str) -> None:
    result = import_survey(EXAMPLES / name, "ksaa")
    data = json.loads(result.to_json())
    assert data["respondents"] == len(PEOPLE) == 97
    for area, dim in DEFN.cells():
        _check_cell(data["competence"][area][dim], PEOPLE, area, dim)
    by_index = {b.by: i for i, b in enumerate(DEFN.background)}
    for segment in data["segments"]:
        members = [p for p in PEOPLE if p.background[by_index[segment["by"]]] == segment["value"]]
        assert segment["respondents"] == len(members)
        assert segment["respondents"] >= 5
        for area, dims in segment["competence"].items():
            for dim, value in dims.items():
                _check_cell(value, members, area, dim)
    # only three work in technical services: that segment is not published
    assert not any(s["value"] == "teknisk" for s in data["segments"])
    assert result.responses.used == 97 and result.responses.skipped == 0


def test_csv_and_xlsx_give_the_same_profile() -> None:
    a = import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa").to_json()
    b = import_survey(EXAMPLES / "survey-ksaa.xlsx", "ksaa").to_json()
    assert a == b
    assert a == import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa").to_json()  # deterministic
    parse_profile(a)  # validates as tiltak.profile/1


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"), ("cp1252", ","), ("utf-16", "\t"),
])
def test_encodings_and_separators(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "export.csv"
    GEN.write_csv(path, ROWS, encoding=encoding, delimiter=delimiter)
    result = import_survey(path, "ksaa")
    reference = import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa")
    assert result.to_json() == reference.to_json()
    warned = any(p.key == "survey-warn-encoding" for p in result.responses.warnings)
    assert warned == (encoding == "cp1252")


def test_findings_are_the_built_in_differences() -> None:
    result = import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa")
    found = {(t.area, t.dimension, t.by) for t in result.findings}
    assert ("ledelse", "attitudes", "seniority") in found
    assert ("ledelse", "abilities", "role") in found
    assert ("digitalisering", "abilities", "sector") in found
    seniority = next(t for t in result.findings if (t.area, t.dimension, t.by) ==
                     ("ledelse", "attitudes", "seniority"))
    assert seniority.high.value == "over-10-years"
    assert seniority.test == "kruskal-wallis" and seniority.effect > 0.1
    text = result.finding_text(seniority, "en")
    assert text.startswith("Attitudes to leadership are highest among those with more than 10 "
                           "years of service")
    assert result.finding_text(seniority, "nb").startswith(
        "Holdninger til ledelse er høyest blant de med mer enn 10 års tjeneste")
    role = next(t for t in result.findings if t.by == "role")
    assert role.test == "mann-whitney" and role.high.value == "leader" and role.effect > 0.3


def test_cli_writes_profile_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "profile.json"
    code = main(["survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey", "ksaa", "-o", str(out),
                 "--lang", "en", "--id", "bindal", "--name", "Bindal kommune"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out == ""
    assert "97 responses used, 0 rows skipped" in captured.err
    assert "sector: 1 group not published" in captured.err
    profile = parse_profile(out.read_text(encoding="utf-8"))
    assert profile.subject.id == "bindal" and profile.subject.name == "Bindal kommune"
    assert out.read_text(encoding="utf-8").endswith("}\n")


@pytest.mark.parametrize(("lang", "heading", "finding"), [
    ("nb", "Forskjeller mellom grupper", "Evner innen ledelse er høyere blant ledere"),
    ("en", "Differences between groups", "Abilities in leadership are higher among leaders"),
])
def test_cli_report(capsys: pytest.CaptureFixture[str], lang: str, heading: str,
                    finding: str) -> None:
    code = main(["survey", str(EXAMPLES / "survey-ksaa.xlsx"), "--survey", "ksaa", "--report",
                 "--lang", lang])
    out = capsys.readouterr().out
    assert code == 0
    assert heading in out and finding in out
    assert not out.lstrip().startswith("{")


def test_pipe_into_suggest() -> None:
    survey = subprocess.run(
        [sys.executable, "-m", "tiltak", "survey", str(EXAMPLES / "survey-ksaa.csv"),
         "--survey", str(ROOT / "surveys" / "ksaa.yaml"), "--lang", "en"],
        capture_output=True, check=True,
    )
    assert b"97 responses used" in survey.stderr
    suggest = subprocess.run(
        [sys.executable, "-m", "tiltak", "suggest", "-", "--format", "json"],
        input=survey.stdout, capture_output=True, check=True,
    )
    result = json.loads(suggest.stdout)
    assert result["format"] == "tiltak.result/1"
    assert result["recommendations"]
    assert {s["by"] for s in result["segments"]} >= {"sector", "seniority", "role"}


def test_schema_describes_the_definition() -> None:
    schema = survey_schema()
    # what --survey reads: a survey definition or a 10-FAKTOR mapping
    assert [s["$ref"] for s in schema["anyOf"]] == ["#/$defs/SurveyDefinition",
                                                    "#/$defs/TenFactorDefinition"]
    survey = schema["$defs"]["SurveyDefinition"]
    assert survey["type"] == "object"
    assert {"format", "id", "scales", "questions", "background"} <= set(survey["properties"])
    assert set(survey["required"]) >= {"format", "id", "questions", "scales"}
    assert {"factors", "unit_columns"} <= set(schema["$defs"]["TenFactorDefinition"]["required"])
