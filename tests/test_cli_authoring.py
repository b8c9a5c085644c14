"""The authoring commands end to end: `tiltak test` and a real subprocess run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tiltak import cli

DATA = Path(__file__).parent / "data" / "authoring"
KB = ["--rules", str(DATA / "rules"), "--catalogue", str(DATA / "catalogue")]

FAILING = """scenarios:
  - id: wrong-expectations
    profile: {profile}
    top: 1
    expect_top: [strategy]
    expect_absent: [arena]
    expect_suppressed: [course]
"""


def test_scenarios_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["test", str(DATA / "scenarios"), *KB, "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert "PASS few-can-lead" in out and "PASS low-attitudes-inline" in out
    assert out.splitlines()[-1] == "2 passed, 0 failed"


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["FAIL wrong-expectations", "strategy should be in the top 1, but is at rank 2",
            "arena should not be suggested, but is at rank 1",
            "course should be suppressed, but is not", "top 1: arena"]),
    ("nb", ["FEIL wrong-expectations", "strategy skulle vært blant de 1 beste",
            "beste 1: arena"]),
])
def test_failures_are_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
                               words: list[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(FAILING.format(profile=DATA / "profiles" / "few-can-lead.json"),
                    encoding="utf-8")
    code = cli.main(["test", str(path), str(DATA / "scenarios"), *KB, "--lang", lang])
    out = capsys.readouterr().out
    assert code == 1
    for word in words:
        assert word in out
    assert f"{path}:2" in out
    assert out.splitlines()[-1] == "2 passed, 1 failed"


def test_bad_scenario_file_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("scenarios:\n  - id: x\n    profile: p.json\n    expect_topp: [a]\n",
                    encoding="utf-8")
    code = cli.main(["test", str(path), *KB, "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path}:4" in err and "expect_topp" in err and "Traceback" not in err


@pytest.mark.parametrize("field", ["expect_top", "expect_absent", "expect_suppressed"])
def test_a_misspelt_measure_fails_the_scenario(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               field: str) -> None:
    """A typo must never make an expectation pass (an absent typo is always absent)."""
    path = tmp_path / "s.yaml"
    path.write_text(f"scenarios:\n  - id: typo\n    profile: "
                    f"{DATA / 'profiles' / 'few-can-lead.json'}\n    {field}: [arenna]\n",
                    encoding="utf-8")
    code = cli.main(["test", str(path), *KB, "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "unknown measure 'arenna': it is not in the catalogue" in out
    assert out.splitlines()[-1] == "0 passed, 1 failed"


@pytest.mark.parametrize(("top", "said"), [
    ("0", "0 is below 1"), ("-2", "is below 1"), ("true", "expected a whole number"),
    ('"3"', "expected a whole number"), ("2.5", "whole number"), ("100000", "10000"),
])
def test_top_must_be_a_whole_number_from_1(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           top: str, said: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"scenarios:\n  - id: t\n    profile: p.json\n    top: {top}\n",
                    encoding="utf-8")
    code = cli.main(["test", str(path), *KB, "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{path}:4:10" in err and said in err.replace(",", "") and "Traceback" not in err


def test_no_scenarios_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["test", str(tmp_path), *KB, "--lang", "en"])
    assert code == 1
    assert "no scenarios found" in capsys.readouterr().err


def test_json_summary(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    assert cli.main(["test", str(DATA / "scenarios"), *KB, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["passed"], data["failed"]) == (2, 0)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TILTAK_LANG": "nb"}
    return subprocess.run([sys.executable, "-m", "tiltak", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120, check=False)


def test_subprocess_check_test_explain(tmp_path: Path) -> None:
    dead = tmp_path / "rules"
    dead.mkdir()
    text = (DATA / "rules" / "rules.yaml").read_text(encoding="utf-8")
    (dead / "rules.yaml").write_text(text + """  - id: dead
    reason: {nb: Død., en: Dead.}
    when: {all: [{level: ledelse.skills, at_least: 4}, {level: ledelse.skills, below: 4}]}
    then: {recommend: [cafe]}
""", encoding="utf-8")
    cat = str(DATA / "catalogue")
    checked = _run("check", "--rules", str(dead), "--catalogue", cat)
    assert checked.returncode == 0, checked.stderr
    assert "advarsel W101: regel dead:" in checked.stdout
    strict = _run("check", "--rules", str(dead), "--catalogue", cat, "--strict")
    assert strict.returncode == 1
    tested = _run("test", str(DATA / "scenarios"), *KB)
    assert tested.returncode == 0 and tested.stdout.endswith("2 passed, 0 failed\n")
    explained = _run("explain", str(DATA / "profiles" / "almost.json"), "--measure", "arena",
                     *KB)
    assert explained.returncode == 0 and "(mangler 0,2)" in explained.stdout


@pytest.mark.parametrize(("lang", "failure"), [
    ("en", "{path}:5:18: strategy should be in the top 1, but is at rank 2"),
    ("en", "{path}:6:21: arena should not be suggested, but is at rank 1"),
    ("en", "{path}:7:25: course should be suppressed, but is not"),
    ("nb", "{path}:5:18: strategy skulle vært blant de 1 beste, men er på plass 2"),
    ("nb", "{path}:7:25: course skulle vært undertrykt, men er ikke det"),
])
def test_each_failure_points_at_its_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          lang: str, failure: str) -> None:
    """An editor jumps from a failure to the expectation that failed (line and column of
    the entry), not to the start of the scenario."""
    path = tmp_path / "s.yaml"
    path.write_text(FAILING.format(profile=DATA / "profiles" / "few-can-lead.json"),
                    encoding="utf-8")
    assert cli.main(["test", str(path), *KB, "--lang", lang]) == 1
    assert f"      - {failure.format(path=path)}\n" in capsys.readouterr().out


def test_a_missing_segment_points_at_the_segment(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(FAILING.format(profile=DATA / "profiles" / "few-can-lead.json")
                    + "    segment: {by: sector, value: helse}\n", encoding="utf-8")
    assert cli.main(["test", str(path), *KB, "--lang", "en"]) == 1
    assert f"      - {path}:8:14: the profile has no segment sector=helse\n" \
        in capsys.readouterr().out
