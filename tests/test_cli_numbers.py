"""Numbers on the command line: a decimal comma works wherever a decimal point does (as in
rule files and survey --alpha), and a year given twice in a per-year list is wrong usage."""

from __future__ import annotations

import json

import pytest

from tiltak.cli import main

from .conftest import EXAMPLES

PROFILE = str(EXAMPLES / "bindal-organisasjon.json")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_compare_alpha_takes_a_decimal_comma(lang: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    results = []
    for alpha in ("0.01", "0,01"):
        assert main(["compare", PROFILE, PROFILE, "--format", "json", "--alpha", alpha,
                     "--lang", lang]) == 0
        results.append(json.loads(capsys.readouterr().out))
    assert results[0] == results[1]


@pytest.mark.parametrize("alpha", ["0", "0,5", "0.7", "nan", "inf", "-0,1", "x"])
def test_compare_alpha_out_of_range_is_wrong_usage(alpha: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["compare", PROFILE, PROFILE, "--alpha", alpha, "--lang", "en"])
    assert stop.value.code == 2
    assert "--alpha" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--budget-per-year", "--capacity-per-year"])
@pytest.mark.parametrize("command", ["plan", "report"])
def test_a_year_given_twice_is_wrong_usage(option: str, command: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    argv = [command, PROFILE, option, "2027=400000,2028=1,2027=300000", "--lang", "en"]
    if command == "report":
        argv += ["-o", "never-written.html"]
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "2027 is given twice" in capsys.readouterr().err


def test_survey_report_and_profile_cannot_both_go_to_standard_output(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey", "ksaa", "--report",
              "-o", "-", "--lang", "en"])
    assert stop.value.code == 2
    assert "only one output can go to standard output" in capsys.readouterr().err
