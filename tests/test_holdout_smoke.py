"""Smoke test for the held-out profiles (validation/holdout/, holdout2/ to holdout6/, holdout9/,
holdout10/, holdout11/, holdout12/, holdout13/, holdout14/, holdout15/).

They are a measurement, not a gate: this test only checks that the profiles load and rank,
that the generator and the files agree, that expected.yaml names real profiles and catalogue
measures, and that the report runs on each folder. It deliberately asserts nothing about
recall."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import tiltak
from tiltak._yaml import load_yaml_file
from tiltak.engine import Engine
from tiltak.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "validation" / "holdout" / "report.py"


@dataclass(frozen=True)
class HeldOut:
    """One folder of held-out profiles and how many profiles it holds."""

    name: str
    count: int

    @property
    def folder(self) -> Path:
        return ROOT / "validation" / self.name

    @property
    def profiles(self) -> list[Path]:
        return sorted((self.folder / "profiles").glob("*.json"))


SETS = (HeldOut("holdout", 6), HeldOut("holdout2", 8), HeldOut("holdout3", 7),
        HeldOut("holdout4", 10), HeldOut("holdout5", 13),
        HeldOut("holdout6", 13), HeldOut("holdout9", 14),
        HeldOut("holdout10", 13), HeldOut("holdout11", 14), HeldOut("holdout12", 14),
        HeldOut("holdout13", 13), HeldOut("holdout14", 14), HeldOut("holdout15", 14))
SET_IDS = [s.name for s in SETS]
ALL_PROFILES = [(s, p) for s in SETS for p in s.profiles]


@cache
def _engine() -> Engine:
    return tiltak.load()


def _expected(held: HeldOut) -> list[dict[str, Any]]:
    doc, problems = load_yaml_file(held.folder / "expected.yaml")
    assert doc is not None and not problems, problems
    entries: list[dict[str, Any]] = doc.data["profiles"]
    return entries


def _generator(held: HeldOut) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"{held.name}_write",
                                                  held.folder / "write_profiles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


@pytest.mark.parametrize("held", SETS, ids=SET_IDS)
def test_set_has_its_profiles_and_expected_names_exactly_them(held: HeldOut) -> None:
    assert len(held.profiles) == held.count
    assert {e["profile"] for e in _expected(held)} == {p.name for p in held.profiles}


@pytest.mark.parametrize("held", SETS, ids=SET_IDS)
def test_expected_names_only_catalogue_measures_with_a_section(held: HeldOut) -> None:
    known = set(_engine().catalogue.measures)
    for entry in _expected(held):
        chosen = {item["measure"] for item in entry["chosen"]}
        assert chosen and chosen <= known, (entry["profile"], chosen - known)
        assert all(str(item.get("section", "")).strip() for item in entry["chosen"]), entry
        assert set(entry.get("outside_audience", ())) <= known, entry["profile"]
        assert not chosen & set(entry.get("outside_audience", ())), entry["profile"]


@pytest.mark.parametrize(("held", "path"), ALL_PROFILES,
                         ids=[f"{s.name}/{p.stem}" for s, p in ALL_PROFILES])
def test_profile_loads_and_ranks(held: HeldOut, path: Path) -> None:
    profile = load_profile(path)
    result = _engine().suggest(path)
    # holdout4-6 encode no level where a document states none; such a profile may rank nothing
    assert result.recommendations or not profile.competence
    assert [r.rank for r in result.recommendations] == list(
        range(1, len(result.recommendations) + 1))


@pytest.mark.parametrize("held", SETS, ids=SET_IDS)
def test_generator_writes_the_committed_profiles(held: HeldOut, tmp_path: Path) -> None:
    module = _generator(held)
    out = tmp_path / "profiles"
    if held.name in {"holdout", "holdout4", "holdout5", "holdout6", "holdout9",
                     "holdout10", "holdout11", "holdout12", "holdout13", "holdout14"}:
        module.main(out)
    else:
        module.main(out, tmp_path / "FINDINGS.md")
        findings = held.folder / "FINDINGS.md"
        assert (tmp_path / "FINDINGS.md").read_bytes() == findings.read_bytes()
    written = sorted(out.glob("*.json"))
    assert [p.name for p in written] == [p.name for p in held.profiles]
    for new, old in zip(written, held.profiles, strict=True):
        assert new.read_bytes() == old.read_bytes(), old.name


@pytest.mark.parametrize("held", SETS[1:3], ids=SET_IDS[1:3])
def test_every_encoded_level_is_the_mean_of_its_distribution(held: HeldOut) -> None:
    for profile in _generator(held).PROFILES:
        for finding in profile.findings:
            mean = sum((i + 1) * s for i, s in enumerate(finding.distribution))
            assert abs(finding.level - mean) <= 0.05 + 1e-9, (profile.name, finding)
            assert finding.source.split()[0] in {
                "bindal-2024", "trondelag-2019", "drammen-2021", "kristiansand-2023",
                "saman-om-2013"}, finding.source


@pytest.mark.parametrize("held", SETS, ids=SET_IDS)
def test_report_runs_and_prints_a_row_per_profile(held: HeldOut) -> None:
    args = [] if held.name == "holdout" else [str(held.folder)]
    done = subprocess.run([sys.executable, str(REPORT), *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[0]
    assert header.split()[:3] == ["profile", "r@10", "r@20"]
    for path in held.profiles:
        assert any(line.startswith(path.name + " ") for line in done.stdout.splitlines())


@pytest.mark.parametrize("args", [["--help"], ["a", "b"], ["validation/no-such-folder"]])
def test_report_usage_errors_exit_2_without_a_traceback(args: list[str]) -> None:
    done = subprocess.run([sys.executable, str(REPORT), *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip()
