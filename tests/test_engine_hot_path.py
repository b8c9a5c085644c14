"""The engine's shortcuts change nothing a user sees: facts no rule reads are not computed,
and results equal those made with every fact."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

import tiltak
from tiltak.engine import Engine
from tiltak.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
AREAS = ("digitalisering", "ledelse", "tverrfaglighet", "laerende-organisasjon", "rekruttering",
         "innovasjon", "samarbeid-og-medvirkning")


@pytest.fixture(scope="module")
def engines() -> tuple[Engine, Engine]:
    """The bundled engine, and the same with every fact computed."""
    engine = tiltak.load()
    every = tiltak.load()
    object.__setattr__(every, "_wanted", None)
    return engine, every


def _employee(rng: random.Random, number: int) -> dict[str, Any]:
    competence: dict[str, Any] = {}
    for area in rng.sample(AREAS, rng.randint(1, 4)):
        dims: dict[str, Any] = {}
        for dim in ("knowledge", "skills", "abilities", "attitudes"):
            value: dict[str, Any] = {"level": rng.randint(2, 10) / 2}
            if rng.random() < 0.3:
                value["target"] = rng.randint(6, 10) / 2
            if rng.random() < 0.5:
                raw = [rng.random() for _ in range(5)]
                value["distribution"] = [round(x / sum(raw), 2) for x in raw[:4]]
                value["distribution"].append(round(1 - sum(value["distribution"]), 2))
            dims[dim] = value
        competence[area] = dims
    kind = rng.choice(["employee", "group", "unit", "organisation"])
    return {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": f"p{number}",
                    "roles": rng.sample(["leader", "employee", "superuser"], rng.randint(0, 2))
                    if kind in ("employee", "group") else []},
        "respondents": None if kind == "employee" else rng.randint(5, 300),
        "competence": competence,
    }


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_give_the_same_result_as_with_every_fact(
        engines: tuple[Engine, Engine], path: Path) -> None:
    engine, every = engines
    profile = load_profile(path)
    assert engine.suggest(profile).to_json() == every.suggest(profile).to_json()


def test_generated_profiles_give_the_same_result_as_with_every_fact(
        engines: tuple[Engine, Engine]) -> None:
    engine, every = engines
    rng = random.Random(14)
    profiles = [_employee(rng, n) for n in range(300)]
    assert [r.to_json() for r in engine.suggest_many(profiles)] == \
        [r.to_json() for r in every.suggest_many(profiles)]


def test_engine_facts_are_every_fact(engines: tuple[Engine, Engine]) -> None:
    """Engine.facts (what explain shows) still computes every fact, read by a rule or not."""
    engine, _ = engines
    facts = engine.facts(load_profile(ROOT / "examples" / "bindal-organisasjon.json"))
    assert "digitalisering.knowledge.share_at_or_above_5" in facts
    assert "digitalisering.knowledge.target" in facts
