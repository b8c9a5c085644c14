"""Every bundled scenario (scenarios/*.yaml) passes against the bundled rules and catalogue."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tiltak.authoring.scenarios import Scenario, default_scenarios, run_scenario
from tiltak.cli import main
from tiltak.engine import Engine

from .conftest import ROOT

SCENARIOS = default_scenarios()


def test_enough_scenarios_with_real_expectations() -> None:
    assert len(SCENARIOS) >= 15
    assert len({s.id for s in SCENARIOS}) == len(SCENARIOS)
    for s in SCENARIOS:
        assert s.expect_top, s.id
        assert s.expect_absent or s.expect_suppressed, s.id


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_bundled_scenario(default_engine: Engine, scenario: Scenario) -> None:
    outcome = run_scenario(default_engine, scenario)
    assert outcome.passed, "; ".join(f.en for f in outcome.failures) + f" (top: {outcome.top})"


def test_expectations_can_fail(default_engine: Engine) -> None:
    """A scenario that contradicts the rules is reported, so the scenarios above can fail."""
    first = SCENARIOS[0]
    wrong = first.model_copy(update={"expect_absent": first.expect_top[:1],
                                     "expect_top": ("e-laeringskurs",)})
    outcome = run_scenario(default_engine, wrong)
    assert len(outcome.failures) == 2


def test_tiltak_test_runs_the_bundled_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "--lang", "en"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == f"{len(SCENARIOS)} passed, 0 failed"


def test_tiltak_test_in_a_subprocess() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "TILTAK_LANG")}
    proc = subprocess.run([sys.executable, "-m", "tiltak", "test", str(ROOT / "scenarios"),
                           "--lang", "nb"], capture_output=True, text=True, env=env,
                          check=False, encoding="utf-8")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == f"{len(SCENARIOS)} passed, 0 failed"
