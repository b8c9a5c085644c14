"""`tiltak compare` end to end: both languages, JSON contract, next profile, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tiltak.authoring.schema import schema
from tiltak.cli import main

from .conftest import EXAMPLES

Y2024 = str(EXAMPLES / "survey-ksaa.csv")
Y2025 = str(EXAMPLES / "survey-ksaa-2025.csv")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES",
                                                                  "TILTAK_LANG")}
    return subprocess.run([sys.executable, "-m", "tiltak", *args], capture_output=True,
                          text=True, env=environ, check=False, encoding="utf-8")


@pytest.fixture(scope="module")
def year_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("years")
    out = {"2024": root / "profil-2024.json", "plan": root / "plan-2024.json"}
    assert main(["survey", Y2024, "--survey", "ksaa", "--id", "bindal", "-q",
                 "-o", str(out["2024"])]) == 0
    assert main(["plan", str(out["2024"]), "--format", "json", "--top", "8",
                 "-o", str(out["plan"])]) == 0
    return out


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", ["Sammenligning av to målinger", "Hele organisasjonen", "ingen klar endring",
            "bedre", "svakere", "2,38 → 3,08", "Holm-korreksjon"]),
    ("en", ["Comparison of two surveys", "The whole organisation", "no clear change",
            "improved", "declined", "2.38 → 3.08", "Holm correction"]),
])
def test_two_exports_in_both_languages(lang: str, words: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", Y2024, Y2025, "--survey", "ksaa", "--lang", lang]) == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out, word


def test_markdown_with_plan_to_file(tmp_path: Path, year_files: dict[str, Path]) -> None:
    target = tmp_path / "oppfolging.md"
    proc = run("compare", str(year_files["2024"]), Y2025, "--survey", "ksaa", "--id", "bindal",
               "--plan", str(year_files["plan"]), "--format", "markdown", "-o", str(target),
               "--lang", "nb")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Sammenligning av to målinger: bindal")
    assert "## Tiltakene i fjorårets plan" in text
    assert "| Digitalisering | evner | 2,38 | 3,08 |" in text


def test_json_is_the_contract_and_validates(year_files: dict[str, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(year_files["2024"]), Y2025, "--survey", "ksaa", "--id",
                 "bindal", "--plan", str(year_files["plan"]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    s = schema("comparison")
    jsonschema.Draft202012Validator.check_schema(s)
    errors = [e.message for e in jsonschema.Draft202012Validator(s).iter_errors(data)]
    assert errors == []
    assert data["format"] == "tiltak.comparison/1" and data["plan"] is True
    plan = json.loads(year_files["plan"].read_text(encoding="utf-8"))
    assert [m["measure"] for m in data["measures"]] == [m["measure"] for m in plan["measures"]]
    broken = dict(data, groups=[dict(data["groups"][0], cells=[{"verdict": "better"}])])
    assert list(jsonschema.Draft202012Validator(s).iter_errors(broken))


def test_next_profile_is_a_profile_that_suggest_does_not_repeat(
        tmp_path: Path, year_files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    nxt = tmp_path / "profil-2025.json"
    plan = json.loads(year_files["plan"].read_text(encoding="utf-8"))
    chosen = [m["measure"] for m in plan["measures"]]
    assert main(["compare", str(year_files["2024"]), Y2025, "--survey", "ksaa", "--id",
                 "bindal", "--plan", str(year_files["plan"]), "--next-profile", str(nxt),
                 "--end", chosen[0], "--format", "json"]) == 0
    capsys.readouterr()
    data = json.loads(nxt.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema("profile")).iter_errors(data))
    assert errors == []
    running = data["context"]["running_measures"]
    assert running == chosen[1:]
    assert main(["suggest", str(nxt), "--format", "json"]) == 0
    suggested = {r["measure"] for r in json.loads(capsys.readouterr().out)["recommendations"]}
    assert not suggested & set(running)
    # without carrying forward, this year's suggestions repeat last year's plan
    assert main(["survey", Y2025, "--survey", "ksaa", "-q", "-o", str(tmp_path / "p.json")]) == 0
    assert main(["suggest", str(tmp_path / "p.json"), "--format", "json"]) == 0
    plain = {r["measure"] for r in json.loads(capsys.readouterr().out)["recommendations"]}
    assert plain & set(running)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "area 'ledelse' is not in"),
    ("nb", "området «ledelse» finnes ikke i"),
])
def test_mismatched_years_are_one_located_error(tmp_path: Path, lang: str,
                                                expected: str) -> None:
    before = tmp_path / "before.json"
    after = tmp_path / "after.json"
    profile = {"format": "tiltak.profile/1", "subject": {"kind": "organisation"},
               "respondents": 50,
               "competence": {"ledelse": {"skills": {"level": 3.0, "respondents": 50}}}}
    before.write_text(json.dumps(profile), encoding="utf-8")
    profile["competence"] = {"digitalisering": {"skills": {"level": 3.0, "respondents": 50}}}
    after.write_text(json.dumps(profile), encoding="utf-8")
    proc = run("compare", str(before), str(after), "--lang", lang)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{before}: competence.ledelse: {expected} {after}" in proc.stderr


def test_export_without_survey_and_usage_errors() -> None:
    proc = run("compare", Y2024, Y2025)
    assert proc.returncode == 1
    assert "give its definition with --survey" in proc.stderr
    assert run("compare", Y2024).returncode == 2
    assert run("compare", Y2024, Y2025, "--survey", "ksaa", "--alpha", "2").returncode == 2
    assert run("compare", Y2024, Y2025, "--survey", "ksaa", "--end", "x").returncode == 2
    nb = run("compare", Y2024, Y2025, "--survey", "ksaa", "--end", "x", "--lang", "nb")
    assert "--end trenger --next-profile" in nb.stderr


def test_importing_compare_stays_light() -> None:
    code = ("import sys, tiltak.compare; heavy = [m for m in ('scipy', 'networkx', 'openpyxl') "
            "if m in sys.modules]; print(heavy)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert proc.stdout.strip() == "[]"


def test_cli_defaults_agree_with_the_library() -> None:
    import tiltak.compare as lib
    from tiltak.cli import compare as command

    assert command.FORMATS == lib.COMPARISON_FORMATS
    assert command.CORRECTIONS == lib.CORRECTIONS
    assert (command.DEFAULT_ALPHA, command.DEFAULT_MONTHS) == (lib.DEFAULT_ALPHA,
                                                               lib.DEFAULT_MONTHS)
    from tiltak.cli import _common
    from tiltak.survey import DEFAULT_ALPHA

    assert lib.DEFAULT_ALPHA is DEFAULT_ALPHA and _common.DEFAULT_ALPHA == DEFAULT_ALPHA


def test_schema_command_prints_the_comparison_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "comparison"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == schema("comparison")
    assert printed["title"] == "tiltak comparison (tiltak.comparison/1)"


def test_whole_organisation_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", Y2024, Y2025, "--survey", "ksaa", "--no-segments", "--format",
                 "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["groups"]) == 1 and data["method"]["segments"] is False
    assert data["method"]["comparisons"] == len(data["groups"][0]["cells"]) == 12
