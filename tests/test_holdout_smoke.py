"""Smoke test for the held-out profiles (validation/holdout/).

They are a measurement, not a gate: this test only checks that the profiles load and rank,
that the generator and the files agree, that expected.yaml names real profiles and catalogue
measures, and that the report runs. It deliberately asserts nothing about recall."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import tiltak
from tiltak._yaml import load_yaml_file
from tiltak.engine import Engine
from tiltak.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
HOLDOUT = ROOT / "validation" / "holdout"
PROFILES = sorted((HOLDOUT / "profiles").glob("*.json"))


@cache
def _engine() -> Engine:
    return tiltak.load()


def _expected() -> list[dict[str, Any]]:
    doc, problems = load_yaml_file(HOLDOUT / "expected.yaml")
    assert doc is not None and not problems, problems
    entries: list[dict[str, Any]] = doc.data["profiles"]
    return entries


def test_there_are_six_holdout_profiles_and_expected_names_exactly_them() -> None:
    assert len(PROFILES) == 6
    assert {e["profile"] for e in _expected()} == {p.name for p in PROFILES}


def test_expected_names_only_catalogue_measures() -> None:
    known = set(_engine().catalogue.measures)
    for entry in _expected():
        chosen = {item["measure"] for item in entry["chosen"]}
        assert chosen and chosen <= known, (entry["profile"], chosen - known)
        assert set(entry.get("outside_audience", ())) <= known, entry["profile"]


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_profile_loads_and_ranks(path: Path) -> None:
    load_profile(path)
    result = _engine().suggest(path)
    assert result.recommendations
    assert [r.rank for r in result.recommendations] == list(
        range(1, len(result.recommendations) + 1))


def test_generator_writes_the_committed_profiles(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("holdout_write", HOLDOUT / "write_profiles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    written = sorted(tmp_path.glob("*.json"))
    assert [p.name for p in written] == [p.name for p in PROFILES]
    for new, old in zip(written, PROFILES, strict=True):
        assert new.read_bytes() == old.read_bytes(), old.name


def test_report_runs_and_prints_a_row_per_profile() -> None:
    done = subprocess.run([sys.executable, str(HOLDOUT / "report.py")], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[0]
    assert header.split()[:3] == ["profile", "r@10", "r@20"]
    for path in PROFILES:
        assert any(line.startswith(path.name) for line in done.stdout.splitlines())
