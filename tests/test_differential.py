"""Differential tests: both backends must fire the same rules and give the same result.

Every example and test profile, hypothesis-generated profiles against the bundled rules,
hypothesis-generated rule sets over a small catalogue, and raw IR conditions against raw
facts. A short run goes in CI; ``-m slow`` runs 100,000 seeded random profiles (about 200 CPU
seconds; benchmarks/README.md says what made it grow to 555 and how it came down).
"""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path
from typing import Any

import pytest

# The Rete backend is optional (durable-rules needs a C compiler): without it this module is
# skipped and pytest -ra shows why. CI installs '.[test,rete]' and runs it.
pytest.importorskip("durable.engine", reason="durable-rules is not installed: "
                    "pip install '.[rete]' (needs a C compiler) runs the Rete tests")
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tiltak
from tiltak._validation import Text
from tiltak._yaml import parse_yaml
from tiltak.catalogue import Catalogue
from tiltak.engine import Engine
from tiltak.engine._python import PythonMatcher, compile_condition, holds
from tiltak.engine._rete import ReteMatcher
from tiltak.errors import TiltakError
from tiltak.profile import load_profile
from tiltak.rules import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Equals,
    HasAny,
    InSet,
    NeedHeld,
    Not,
    Rule,
    RuleSet,
    parse_rules,
)

from .conftest import DATA, EXAMPLES, MINI

_PROFILES = (sorted(EXAMPLES.glob("*.json")) + sorted(DATA.rglob("*.json"))
             + sorted((EXAMPLES.parent / "validation" / "profiles").glob("*.json")))


def _engines_for(path: Path) -> list[Engine]:
    """The bundled knowledge base, plus the test catalogue the file sits next to."""
    engines = [tiltak.load()]
    for kb in (path.parent.parent, MINI):
        if (kb / "rules").is_dir() and (kb / "catalogue").is_dir():
            engines.append(tiltak.load(kb / "rules", kb / "catalogue"))
            break
    return engines


def _outcome(engine: Engine, profile: Any) -> str:
    try:
        return engine.suggest(profile).to_json()
    except TiltakError as error:
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("path", _PROFILES, ids=lambda p: str(p.relative_to(EXAMPLES.parent)))
def test_every_example_and_test_profile_agrees(path: Path) -> None:
    for engine in _engines_for(path):
        rete = engine.with_backend("rete")
        assert _outcome(rete, path) == _outcome(engine, path)
        try:
            facts = engine.facts(load_profile(path))
        except TiltakError:
            continue
        assert rete.fired(facts) == engine.fired(facts)


# --- generated profiles against the bundled rules -------------------------------------------------

_LEVELS = st.one_of(
    st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0]),  # thresholds sit here
    st.floats(min_value=1.0, max_value=5.0),
)


@st.composite
def distributions(draw: st.DrawFn) -> list[float]:
    raw = draw(st.lists(st.integers(0, 20), min_size=5, max_size=5).filter(lambda v: sum(v) > 0))
    return [round(v / sum(raw), 6) for v in raw[:4]] + [round(1 - sum(
        round(v / sum(raw), 6) for v in raw[:4]), 6)] if sum(raw) else [0.2] * 5


@st.composite
def profiles(draw: st.DrawFn, catalogue: Catalogue) -> dict[str, Any]:
    areas = list(catalogue.areas)
    competence: dict[str, Any] = {}
    for area in draw(st.lists(st.sampled_from(areas), unique=True, max_size=len(areas))):
        dims: dict[str, Any] = {}
        for dim in draw(st.lists(st.sampled_from(["knowledge", "skills", "abilities",
                                                  "attitudes"]), unique=True, min_size=1)):
            value: dict[str, Any] = {"level": draw(_LEVELS)}
            if draw(st.booleans()):
                value["target"] = draw(_LEVELS)
            if draw(st.booleans()):
                dist = draw(distributions())
                if abs(sum(dist) - 1.0) <= 0.01 and min(dist) >= 0:
                    value["distribution"] = dist
            dims[dim] = value
        competence[area] = dims
    subject: dict[str, Any] = {
        "kind": draw(st.sampled_from(["organisation", "sector", "unit", "group", "employee"])),
        "roles": draw(st.lists(st.sampled_from(list(catalogue.roles)), unique=True, max_size=3)),
        "attributes": draw(st.dictionaries(
            st.sampled_from(["wants_leader_tasks", "new_employee", "leader_tasks", "by"]),
            st.one_of(st.booleans(), st.sampled_from(["ja", "nei", "Bodø"]),
                      st.integers(0, 3)), max_size=3)),
    }
    if draw(st.booleans()):
        subject["sector"] = draw(st.sampled_from(list(catalogue.sectors)))
    profile: dict[str, Any] = {
        "format": "tiltak.profile/1",
        "subject": subject,
        "competence": competence,
        "context": {
            "sectors": draw(st.lists(st.sampled_from(list(catalogue.sectors)), unique=True)),
            "running_measures": draw(st.lists(st.sampled_from(list(catalogue.measures)[:12]),
                                              unique=True, max_size=3)),
            "avoid_formats": draw(st.lists(st.sampled_from(["course", "e-learning", "cafe"]),
                                           unique=True, max_size=2)),
        },
    }
    if draw(st.booleans()):
        profile["respondents"] = draw(st.integers(0, 400))
    return profile


_DEFAULT = tiltak.load()
_DEFAULT_RETE = _DEFAULT.with_backend("rete")


def _check_profile(data: dict[str, Any]) -> None:
    try:
        profile = load_profile(data)
    except TiltakError:
        assume(False)
        return
    facts = _DEFAULT.facts(profile)
    assert _DEFAULT_RETE.fired(facts) == _DEFAULT.fired(facts)
    assert _outcome(_DEFAULT_RETE, profile) == _outcome(_DEFAULT, profile)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(_DEFAULT.catalogue))
def test_generated_profiles_agree(data: dict[str, Any]) -> None:
    _check_profile(data)


def _seeded_profile(rng: random.Random, catalogue: Catalogue) -> dict[str, Any]:
    """A random valid profile, made without hypothesis so 100,000 of them take minutes."""
    competence: dict[str, Any] = {}
    for area in rng.sample(list(catalogue.areas), rng.randint(1, 4)):
        dims: dict[str, Any] = {}
        for dim in rng.sample(["knowledge", "skills", "abilities", "attitudes"], rng.randint(1, 4)):
            value: dict[str, Any] = {"level": round(rng.uniform(1, 5), rng.choice([0, 1, 2]))}
            if rng.random() < 0.3:
                value["target"] = round(rng.uniform(1, 5), 1)
            if rng.random() < 0.5:
                counts = [rng.randint(0, 20) for _ in range(5)]
                counts[rng.randrange(5)] += 1
                value["distribution"] = [c / sum(counts) for c in counts]
            dims[dim] = value
        competence[area] = dims
    return {
        "format": "tiltak.profile/1",
        "subject": {
            "kind": rng.choice(["organisation", "sector", "unit", "group", "employee"]),
            "sector": rng.choice([None, *catalogue.sectors]),
            "roles": rng.sample(list(catalogue.roles), rng.randint(0, 3)),
            "attributes": {"wants_leader_tasks": rng.choice([True, False]),
                           "seniority_years": rng.randint(0, 40)},
        },
        "respondents": rng.choice([None, rng.randint(1, 400)]),
        "competence": competence,
        "context": {
            "sectors": rng.sample(list(catalogue.sectors), rng.randint(0, 5)),
            "running_measures": rng.sample(list(catalogue.measures), rng.randint(0, 3)),
            "avoid_formats": rng.sample(["course", "e-learning", "cafe"], rng.randint(0, 1)),
        },
    }


@pytest.mark.slow
def test_100k_seeded_profiles_agree() -> None:
    rng = random.Random(20261126)
    python, rete = _DEFAULT.fired, _DEFAULT_RETE.fired
    for i in range(100_000):
        profile = load_profile(_seeded_profile(rng, _DEFAULT.catalogue))
        facts = _DEFAULT.facts(profile)
        assert rete(facts) == python(facts), i
        if i % 100 == 0:  # whole results too, for a sample
            assert _outcome(_DEFAULT_RETE, profile) == _outcome(_DEFAULT, profile), i


# --- generated rule sets over a small generated catalogue -----------------------------------------

_NEEDS = ["n-a", "n-b", "n-c"]


def _catalogue_yaml(areas: list[str], sectors: list[str]) -> str:
    dims = ["knowledge", "skills", "abilities", "attitudes"]
    data = {
        "areas": [{"id": a, "name": {"nb": a, "en": a},
                   "targets": dict.fromkeys(dims[:3], 3.5)} for a in areas],
        "sectors": [{"id": s, "name": {"nb": s, "en": s}} for s in sectors],
        "roles": [{"id": r, "name": {"nb": r, "en": r}} for r in ("leader", "superuser")],
        "measures": [
            {"id": m, "title": {"nb": m, "en": m}, "description": {"nb": m, "en": m},
             "sources": [{"document": "bindal-2024", "section": "6"}], "areas": [areas[0]],
             "dimensions": ["knowledge"], "strategy": strategy, "format": fmt,
             "level": "unit", "cost": "low"}
            for m, strategy, fmt in (("m-cafe", "mobilise", "cafe"),
                                     ("m-course", "develop", "course"),
                                     ("m-arena", "mobilise", "arena"))
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _conditions(areas: list[str], sectors: list[str], needs: list[str]) -> Any:
    dims = st.sampled_from(["knowledge", "kunnskaper", "skills", "abilities", "attitudes"])
    ref = st.builds(lambda a, d: f"{a}.{d}", st.sampled_from(areas), dims)
    bound = st.sampled_from(["at_least", "at_most", "above", "below"])
    lvl = st.sampled_from([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5])
    leaves = [
        st.builds(lambda r, b, v: {"level": r, b: v}, ref, bound, lvl),
        st.builds(lambda r, b, v: {"target": r, b: v}, ref, bound, lvl),
        st.builds(lambda r, b, v: {"gap": r, b: v}, ref, bound,
                  st.sampled_from([0, 0.5, 1, 1.5, 2])),
        st.builds(lambda r, s, lv, b, v: {"share": r, s: lv, b: v}, ref,
                  st.sampled_from(["at_or_below", "at_or_above"]), st.integers(1, 5), bound,
                  st.sampled_from([0, 0.25, 0.5, 0.75, 1])),
        st.builds(lambda b, v: {"respondents": {b: v}}, bound, st.sampled_from([0, 10, 20])),
        st.builds(lambda b, v: {"sectors": {b: v}}, bound, st.integers(0, 3)),
        st.builds(lambda k: {"subject": k},
                  st.lists(st.sampled_from(["organisation", "unit", "employee"]), min_size=1,
                           unique=True)),
        st.builds(lambda s: {"sector": s}, st.lists(st.sampled_from(sectors), min_size=1,
                                                    unique=True)),
        st.builds(lambda s: {"has_sector": s}, st.sampled_from(sectors)),
        st.builds(lambda r: {"role": r}, st.lists(st.sampled_from(["leader", "superuser"]),
                                                  min_size=1, unique=True)),
        st.builds(lambda m: {"running": m}, st.sampled_from(["m-cafe", "m-arena"])),
        st.builds(lambda f: {"avoids": f}, st.sampled_from(["course", "cafe"])),
        st.builds(lambda v: {"attribute": "flag", "equals": v},
                  st.sampled_from([True, False, "ja", "Bodø", 1, 2.5])),
        st.builds(lambda v: {"attribute": "flag", "in": v},
                  st.lists(st.sampled_from([True, "ja", "Bodø", 1]), min_size=1, unique=True)),
        st.builds(lambda b, v: {"attribute": "flag", b: v}, bound, st.sampled_from([0, 1, 2])),
    ]
    if needs:
        leaves.append(st.builds(lambda n: {"need": n}, st.sampled_from(needs)))
    return st.recursive(
        st.one_of(leaves),
        lambda inner: st.one_of(
            st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=4)),
            st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=4)),
            st.builds(lambda x: {"not": x}, inner),
        ),
        max_leaves=12,
    )


@st.composite
def knowledge_bases(draw: st.DrawFn) -> tuple[str, str]:
    areas = draw(st.lists(st.sampled_from(["digi", "leiing", "samarbeid"]), min_size=1,
                          max_size=3, unique=True))
    sectors = draw(st.lists(st.sampled_from(["helse", "oppvekst", "kultur"]), min_size=1,
                            unique=True))
    rules: list[dict[str, Any]] = []
    derived: list[str] = []
    for i in range(draw(st.integers(1, 10))):
        rule: dict[str, Any] = {"id": f"r{i}", "reason": {"nb": "grunn", "en": "reason"}}
        if draw(st.integers(0, 9)):
            rule["when"] = draw(_conditions(areas, sectors, derived))
        then: dict[str, Any] = {"recommend": [{"measure": draw(st.sampled_from(
            ["m-cafe", "m-course", "m-arena"])), "weight": draw(st.sampled_from([1, 2, -1]))}]}
        if draw(st.booleans()):
            need = draw(st.sampled_from(_NEEDS))
            then["derive"] = [need]
            derived.append(need)
        if draw(st.integers(0, 4)) == 0:
            then["suppress"] = {"formats": ["course"]}
        rule["then"] = then
        rules.append(rule)
    order = draw(st.permutations(list(range(len(rules)))))  # the compiler must reorder
    text = yaml.safe_dump({"rules": [rules[i] for i in order]}, allow_unicode=True)
    return _catalogue_yaml(areas, sectors), text


def _engine_from(catalogue_text: str, rules_text: str, tmp: Path) -> Engine | None:
    (tmp / "catalogue").mkdir(exist_ok=True)
    (tmp / "catalogue" / "catalogue.yaml").write_text(catalogue_text, encoding="utf-8")
    catalogue = tiltak.load_catalogue(tmp / "catalogue")
    doc, problems = parse_yaml(rules_text, "generated.yaml")
    assert doc is not None and not problems
    try:
        ruleset = parse_rules([doc], catalogue)
    except TiltakError:
        return None  # e.g. a need tested before any rule derives it: rejected by design
    return Engine(ruleset, catalogue)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(knowledge_bases(), st.data())
def test_generated_rule_sets_agree(tmp_path: Path, kb: tuple[str, str], data: st.DataObject,
                                   ) -> None:
    engine = _engine_from(*kb, tmp_path)
    assume(engine is not None)
    assert engine is not None
    rete = engine.with_backend("rete")
    for _ in range(5):
        profile = data.draw(profiles(engine.catalogue))
        try:
            loaded = load_profile(profile)
        except TiltakError:
            continue
        facts = engine.facts(loaded)
        assert rete.fired(facts) == engine.fired(facts)
        assert _outcome(rete, loaded) == _outcome(engine, loaded)


# --- raw IR against raw facts ---------------------------------------------------------------------

_FACT_NAMES = ["a", "b", "c"]
_SCALARS = st.one_of(st.booleans(), st.integers(-2, 3), st.sampled_from([0.5, 1.0, 2.5, -0.0]),
                     st.sampled_from(["x", "y", "ø"]), st.none())


def _ir(needs: list[str]) -> Any:
    name = st.sampled_from(_FACT_NAMES)
    leaves: list[Any] = [
        st.builds(Compare, name, st.sampled_from([">=", "<=", ">", "<"]),
                  st.sampled_from([-1.0, 0.0, 0.5, 1.0, 2.5, 3.0])),
        st.builds(Equals, name, _SCALARS),
        st.builds(InSet, name, st.frozensets(_SCALARS, min_size=1, max_size=3)),
        st.builds(HasAny, st.just("s"),  # set-valued facts only, as compiled rules
                  st.frozensets(st.sampled_from(["x", "y", "ø"]), min_size=1)),
    ]
    if needs:
        leaves.append(st.builds(NeedHeld, st.sampled_from(needs)))
    return st.recursive(
        st.one_of(leaves),
        lambda inner: st.one_of(
            st.builds(lambda xs: AllOf(tuple(xs)), st.lists(inner, min_size=0, max_size=4)),
            st.builds(lambda xs: AnyOf(tuple(xs)), st.lists(inner, min_size=0, max_size=4)),
            st.builds(Not, inner),
        ),
        max_leaves=16,
    )


@st.composite
def ir_rulesets(draw: st.DrawFn) -> RuleSet:
    rules: list[Rule] = []
    derived: list[str] = []
    tested: set[str] = set()
    for i in range(draw(st.integers(1, 8))):
        when: Condition | None = draw(st.none() | _ir(sorted(set(derived))))
        rule = Rule(id=f"r{i}", reason=Text(nb="g", en="r"), when=when)
        tested |= rule.tested_needs()
        free = [n for n in _NEEDS if n not in tested]  # no rule derives a need tested earlier
        if free and draw(st.booleans()):
            rule = dataclasses.replace(rule, derives=(draw(st.sampled_from(free)),))
        rules.append(rule)
        derived.extend(rule.derives)
    # needs are derived before they are tested, so this order is one the compiler gives
    return RuleSet(rules=tuple(rules), needs=frozenset(derived),
                   fingerprint=json.dumps(repr(rules)))


_FACTS = st.fixed_dictionaries({}, optional={
    "a": _SCALARS, "b": _SCALARS, "c": _SCALARS,
    "s": st.frozensets(st.sampled_from(["x", "y", "ø", "z"])),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ir_rulesets(), st.lists(_FACTS, min_size=1, max_size=4))
def test_generated_ir_agrees_on_raw_facts(rs: RuleSet, many: list[dict[str, Any]]) -> None:
    python, rete = PythonMatcher(rs), ReteMatcher(rs)
    for facts in many:
        assert rete.fired(facts) == python.fired(facts)


@settings(max_examples=300, deadline=None)
@given(_ir(list(_NEEDS)), _FACTS, st.frozensets(st.sampled_from(list(_NEEDS))))
def test_interpreter_agrees_with_compiled_closures(cond: Condition, facts: dict[str, Any],
                                                   needs: frozenset[str]) -> None:
    # `holds` answers reasons and explanations; the closures decide what fires.
    assert holds(cond, facts, needs) is compile_condition(cond)(facts, set(needs))
