"""The engine's shortcuts change nothing a user sees: facts no rule reads are not computed,
and results equal those made with every fact."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import tiltak
from tiltak._validation import own_text
from tiltak.catalogue import Catalogue
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


BINDAL = ROOT / "examples" / "bindal-organisasjon.json"


def test_results_share_evidence_that_cannot_change() -> None:
    """One evidence model per measure serves every result (the engine makes it once); it is
    frozen and its sources a tuple, so no result can change another's. The lists a user may
    change (areas, reasons, ...) stay each result's own."""
    engine = tiltak.load()
    first, second = engine.suggest(BINDAL), engine.suggest(BINDAL)
    pairs = [(a, b) for a, b in zip(first.recommendations, second.recommendations, strict=True)
             if a.evidence is not None]
    assert pairs
    for a, b in pairs:
        assert a.evidence is b.evidence
        assert isinstance(a.evidence.sources, tuple)
        with pytest.raises(ValidationError):
            a.evidence.suggestion = not a.evidence.suggestion  # type: ignore[misc]
        assert a.areas is not b.areas and a.reasons is not b.reasons
    expected = second.to_json()
    first.recommendations[0].areas.append("changed")
    first.recommendations[0].reasons.clear()
    assert engine.suggest(BINDAL).to_json() == expected == second.to_json()


def test_two_engines_keep_their_own_per_measure_parts() -> None:
    """What an engine keeps per measure (evidence, audience verdicts, for-some-roles notes,
    programme shares) is its own catalogue's: two engines in one process, called in turn and
    from threads, each answer as a fresh engine of their own knowledge does."""
    bundled = tiltak.load()
    catalogue = bundled.catalogue
    measure = "tverrsektorielt-forum-barn-unge"
    assert measure in bundled.suggest(BINDAL).measures()
    changed = catalogue.measures[measure].model_copy(update={
        "evidence": own_text("Endret kriterium", "Changed criterion"),
        "audience": catalogue.measures["prosessledelse-program"].audience,
    })
    other = Catalogue.from_parts(
        catalogue.areas.values(), catalogue.sectors.values(), catalogue.roles.values(),
        [changed if m.id == measure else m for m in catalogue.measures.values()])
    expected = {}
    for cat in (catalogue, other):
        fresh = Engine(bundled.rules, cat)
        expected[id(cat)] = [fresh.suggest(p).to_json() for p in EXAMPLES]
    mine = expected[id(catalogue)][EXAMPLES.index(BINDAL)]
    theirs = expected[id(other)][EXAMPLES.index(BINDAL)]
    assert "Changed criterion" in theirs and "Changed criterion" not in mine
    assert theirs.count('"for_roles"') > mine.count('"for_roles"')

    engines = [Engine(bundled.rules, catalogue), Engine(bundled.rules, other)]
    for _ in range(2):  # in turn, the second time from the caches
        for engine in engines:
            got = [engine.suggest(p).to_json() for p in EXAMPLES]
            assert got == expected[id(engine.catalogue)]
    engines = [Engine(bundled.rules, catalogue), Engine(bundled.rules, other)]  # caches cold
    jobs = [(engine, p) for engine in engines for p in EXAMPLES] * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: job[0].suggest(job[1]).to_json(), jobs))
    for (engine, path), text in zip(jobs, results, strict=True):
        assert text == expected[id(engine.catalogue)][EXAMPLES.index(path)]


def _ruleset(*whens: tuple[str, Any, tuple[str, ...]]) -> Any:
    from tiltak.rules import Rule, RuleSet

    rules = tuple(Rule(id=rule_id, reason=own_text("g", "r"), when=when, derives=derives)
                  for rule_id, when, derives in whens)
    return RuleSet(rules=rules, needs=frozenset(n for r in rules for n in r.derives),
                   fingerprint=repr(rules))


def test_rules_sharing_a_condition_fire_as_each_would_alone() -> None:
    """The matcher answers a condition several rules share once per evaluation: only where
    the answer cannot differ. ``x == true`` and ``x == 1`` are equal dataclasses but different
    conditions; a shared condition on a need sees the needs derived before each rule."""
    from tiltak.engine._python import PythonMatcher, holds
    from tiltak.rules import Equals, NeedHeld

    ruleset = _ruleset(("a", Equals("attribute.x", True), ()),
                       ("b", Equals("attribute.x", 1), ()),
                       ("c", Equals("attribute.x", True), ()),
                       ("needs-before", NeedHeld("n"), ()),
                       ("derives", Equals("attribute.x", True), ("n",)),
                       ("needs-after", NeedHeld("n"), ()))
    matcher = PythonMatcher(ruleset)
    ids = [rule.id for rule in ruleset.rules]
    for value in (True, 1, 1.0, False, 0, "x"):
        facts = {"attribute.x": value}
        fired, needs = matcher.fired(facts)
        seen: set[str] = set()
        expected = []
        for number, rule in enumerate(ruleset.rules):  # one rule at a time, as defined
            if rule.when is not None and holds(rule.when, facts, seen):
                expected.append(number)
                seen.update(rule.derives)
        assert fired == expected, (value, [ids[i] for i in fired])
        assert needs == frozenset(seen)
    assert [ids[i] for i in matcher.fired({"attribute.x": True})[0]] == [
        "a", "c", "derives", "needs-after"]
    assert [ids[i] for i in matcher.fired({"attribute.x": 1})[0]] == ["b"]
