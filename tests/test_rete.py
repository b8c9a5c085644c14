"""The durable_rules (Rete) adapter: its defences against durable's defects, and the CLI."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# The Rete backend is optional (durable-rules needs a C compiler): without it this module is
# skipped and pytest -ra shows why. CI installs '.[test,rete]' and runs it.
pytest.importorskip("durable.engine", reason="durable-rules is not installed: "
                    "pip install '.[rete]' (needs a C compiler) runs the Rete tests")

import tiltak
from tiltak._validation import Text
from tiltak.cli import main
from tiltak.engine import Engine, _rete
from tiltak.engine._python import PythonMatcher
from tiltak.errors import BackendUnavailableError, EngineError
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
)

from .conftest import EXAMPLES, MINI

_REASON = Text(nb="grunn", en="reason")


def ruleset(*conds: Condition | None, derives: dict[int, tuple[str, ...]] | None = None,
            tag: str = "t") -> RuleSet:
    """A compiled rule set straight from IR conditions (rule i derives ``derives[i]``)."""
    derives = derives or {}
    rules = tuple(
        Rule(id=f"{tag}-{i}", reason=_REASON, when=cond, derives=derives.get(i, ()))
        for i, cond in enumerate(conds)
    )
    needs = frozenset(n for r in rules for n in r.derives)
    return RuleSet(rules=rules, needs=needs, fingerprint=f"test-{tag}-{conds!r}-{derives!r}")


def both(rs: RuleSet, facts: dict[str, Any]) -> tuple[Any, Any]:
    return PythonMatcher(rs).fired(facts), _rete.ReteMatcher(rs).fired(facts)


# --- durable defects, one test each ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "facts", "held"),
    [
        ("Bodø", {"attribute.town": "Bodø"}, True),  # escaped JSON would not match
        ("Bodø", {"attribute.town": "Bodo"}, False),
        ("Tromsø \"sentrum\"\n", {"attribute.town": "Tromsø \"sentrum\"\n"}, True),
        (True, {"attribute.town": True}, True),
        (True, {"attribute.town": 1}, False),  # booleans are not numbers
        (1, {"attribute.town": 1.0}, True),
        (1, {"attribute.town": True}, False),
        (None, {"attribute.town": None}, True),
        (None, {}, False),  # unknown is not null
    ],
)
def test_equals_keeps_types_and_non_ascii(value: Any, facts: dict[str, Any], held: bool) -> None:
    rs = ruleset(Equals("attribute.town", value), Not(Equals("attribute.town", value)))
    py, rete = both(rs, facts)
    assert rete == py
    assert rete[0] == ([0] if held else [1])


@pytest.mark.parametrize(
    "threshold",
    [1e-05, 3e-09, 1e17, -1e-07, 0.0, -0.0, 1e300, math.inf, -math.inf, 0.1 + 0.2],
)
def test_numbers_that_durable_cannot_parse_still_compare(threshold: float) -> None:
    # durable's JSON parser rejects exponents ("1e-05"); numbers go as ordered integers.
    near = [threshold, math.nextafter(threshold, -math.inf), math.nextafter(threshold, math.inf)]
    rs = ruleset(*(Compare("x", op, threshold) for op in (">=", "<=", ">", "<")),
                 Not(Compare("x", ">=", threshold)))
    for value in near:
        py, rete = both(rs, {"x": value})
        assert rete == py, value


@given(st.floats(allow_nan=False), st.floats(allow_nan=False))
def test_ordered_integers_keep_the_order_of_floats(a: float, b: float) -> None:
    oa, ob = _rete._ordered(a), _rete._ordered(b)
    assert (a < b) == (oa < ob)
    assert (a == b) == (oa == ob)
    assert -(2**63) < oa < 2**63


def test_unknown_facts_are_false_and_their_negation_true() -> None:
    conds: list[Condition] = [
        Compare("gap", ">=", 1.0),
        Not(Compare("gap", ">=", 1.0)),
        Equals("attribute.a", "x"),
        Not(InSet("subject.sector", frozenset({"helse", "oppvekst"}))),
        HasAny("subject.roles", frozenset({"leader"})),
        Not(HasAny("subject.roles", frozenset({"leader"}))),
        Compare("attribute.a", ">=", 1.0),  # a string never compares
        Not(Compare("attribute.a", ">=", 1.0)),
    ]
    rs = ruleset(*conds)
    for facts in ({}, {"attribute.a": "x", "subject.roles": frozenset({"leader"})}):
        py, rete = both(rs, facts)
        assert rete == py


@pytest.mark.parametrize("op", [">=", "<=", ">", "<"])
@pytest.mark.parametrize("value", [None, "3", True, math.nan, math.inf, -math.inf, 2.0, 3.0])
def test_a_comparison_and_its_negation_agree_on_every_kind_of_value(op: str,
                                                                    value: Any) -> None:
    # Each direction reads the copy whose stand-in for an unknown number makes it false and
    # its negation true; the number itself, infinities included, compares as in python.
    facts = {} if value is None else {"x": value}
    rs = ruleset(Compare("x", op, 3.0), Not(Compare("x", op, 3.0)),
                 Equals("x", 3.0), Not(Equals("x", 3.0)), InSet("x", frozenset({3.0, "3"})),
                 Not(InSet("x", frozenset({3.0, "3"}))), tag=f"copies-{op}")
    py, rete = both(rs, facts)
    assert rete == py


def test_a_negated_disjunction_of_comparisons_stays_one_durable_rule() -> None:
    # "No level is stated" over 10 areas x 4 dimensions: as 'absent or below' per fact its
    # DNF had 2^40 conjunctions (hundreds of helper rules and ~100 actions per profile on
    # the bundled rules); with the stand-ins for unknown numbers it is one conjunction.
    levels = tuple(Compare(f"a{i}.{d}.level", ">=", 1.0) for i in range(10)
                   for d in ("knowledge", "skills", "abilities", "attitudes"))
    rs = ruleset(AllOf((HasAny("subject.roles", frozenset({"leader"})), Not(AnyOf(levels)))),
                 Not(AllOf(levels)), tag="no-levels")
    matcher = _rete.ReteMatcher(rs)
    assert len(matcher._plan.definition) == 1 + 1 + len(levels)  # + the catch-all
    roles = {"subject.roles": frozenset({"leader"})}
    for facts in ({}, roles, {**roles, "a3.skills.level": 2.0},
                  {**roles, "a3.skills.level": math.nan},
                  {**roles, **{c.fact: 3.0 for c in levels}}):
        assert matcher.fired(facts) == PythonMatcher(rs).fired(facts)


def test_the_bundled_rules_stay_a_few_durable_rules_each(default_engine: Engine) -> None:
    # A rule's DNF that grows with the catalogue (wildcards over every area) shows here
    # first: 116 rules were 1,210 durable rules and 25 facts per profile before 'not' of a
    # comparison became one literal, and the slow differential run took four times as long.
    plan = _rete.ReteMatcher(default_engine.rules)._plan
    assert len(plan.definition) <= 4 * len(default_engine.rules)
    assert sum(len(groups) for groups in plan.levels) <= len(default_engine.rules) // 10


def test_needs_chain_through_levels_and_negation_waits_for_them() -> None:
    rs = ruleset(
        Compare("gap", ">=", 1.0),
        AllOf((NeedHeld("a"), Compare("level", "<", 3.0))),
        Not(NeedHeld("b")),  # must see b from rule 1, not fire before it
        AnyOf((NeedHeld("b"), NeedHeld("a"))),
        derives={0: ("a",), 1: ("b",)},
    )
    for gap, level in [(2.0, 2.0), (2.0, 4.0), (0.0, 2.0)]:
        py, rete = both(rs, {"gap": gap, "level": level})
        assert rete == py
    assert _rete.ReteMatcher(rs).fired({"gap": 2.0, "level": 2.0}) == (
        [0, 1, 3], frozenset({"a", "b"}))


def test_wide_disjunctions_become_helper_rules() -> None:
    # AllOf of 6 AnyOf of 3 is 729 conjunctions in DNF; durable fails beyond 63 matches
    # of one rule per fact, so sub-conditions become helper rules on an earlier level.
    groups = tuple(
        AnyOf(tuple(Compare(f"f{g}.{i}", ">=", 2.0) for i in range(3))) for g in range(6)
    )
    rs = ruleset(AllOf(groups), Not(AllOf(groups)))
    matcher = _rete.ReteMatcher(rs)
    assert len(matcher._plan.definition) < 100
    everything = {f"f{g}.{i}": 3.0 for g in range(6) for i in range(3)}
    for drop in range(7):
        facts = {k: v for k, v in everything.items() if not k.startswith(f"f{drop}.")}
        assert matcher.fired(facts) == PythonMatcher(rs).fired(facts)


def test_action_errors_that_durable_swallows_are_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    rs = ruleset(Compare("x", ">=", 1.0), tag="boom")
    matcher = _rete.ReteMatcher(rs)

    def explode(*args: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(_rete._Pool, "record", staticmethod(explode))
    with pytest.raises(EngineError, match="kaboom") as caught:
        matcher.fired({"x": 2.0})
    assert "feilet" in caught.value.render("nb")
    monkeypatch.undo()
    assert matcher.fired({"x": 2.0}) == ([0], frozenset())  # the session was cleaned up


def test_sessions_are_deleted_so_the_1024_limit_is_never_reached() -> None:
    rs = ruleset(Compare("x", ">=", 1.0), tag="sessions")
    matcher = _rete.ReteMatcher(rs)
    for i in range(1500):
        assert matcher.fired({"x": float(i % 3)})[0] == ([0] if i % 3 else [])


def test_loading_the_same_rules_twice_is_harmless(mini_engine: Engine) -> None:
    first = mini_engine.with_backend("rete")
    before = first.fired(first.facts(tiltak.load_profile(MINI.parent / "mini-profile.json")))
    second = mini_engine.with_backend("rete")
    after = second.fired(second.facts(tiltak.load_profile(MINI.parent / "mini-profile.json")))
    assert before == after
    assert first._matcher._plan.digest == second._matcher._plan.digest  # type: ignore[attr-defined]


def test_many_threads_share_one_matcher(default_engine: Engine) -> None:
    rete = default_engine.with_backend("rete")
    profiles = sorted(EXAMPLES.glob("*.json"))
    expected = [default_engine.suggest(p).to_json() for p in profiles]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda p: rete.suggest(p).to_json(), profiles * 4))
    assert got == expected * 4


def test_a_rule_set_out_of_need_order_is_refused() -> None:
    rs = ruleset(NeedHeld("a"), None, derives={1: ("a",)})
    with pytest.raises(EngineError) as caught:
        _rete.ReteMatcher(rs)
    assert "'a'" in str(caught.value) and "«a»" in caught.value.render("nb")


def test_a_condition_wider_than_a_durable_fact_is_refused() -> None:
    rs = ruleset(AllOf(tuple(Compare(f"f{i}", ">=", 1.0) for i in range(260))), tag="wide")
    with pytest.raises(EngineError, match="260 facts"):
        _rete.ReteMatcher(rs)


def test_many_rules_are_split_over_facts_below_durables_property_limit() -> None:
    conds = [Compare(f"f{i}", ">=", 1.0) for i in range(450)]
    rs = ruleset(*conds, tag="split")
    matcher = _rete.ReteMatcher(rs)
    assert len(matcher._plan.levels[0]) >= 3
    facts = {f"f{i}": float(i % 2) for i in range(450)}
    assert matcher.fired(facts) == PythonMatcher(rs).fired(facts)


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0  # pragma: no cover


def _reload_many(count: int) -> list[float]:
    samples: list[float] = []
    for n in range(count):
        conds = [AllOf((Compare(f"f{i % 9}", ">=", float(n + i)), Not(NeedHeld("a"))))
                 for i in range(40)]
        rs = ruleset(None, *conds, derives={0: ("a",)}, tag=f"mem{n}")
        assert _rete.ReteMatcher(rs).fired({"f1": 1e9})[0][0] == 0
        assert _rete.loaded_rulesets() <= _rete.POOL_SIZE
        if n % 50 == 49:
            samples.append(_rss_mb())
    return samples


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_reloading_distinct_rule_sets_keeps_memory_bounded() -> None:
    # Without deleting rulesets from the C engine each 40-rule set keeps ~0.8 MB: 200 reloads
    # would grow by ~160 MB. With the bounded pool growth stops once the pool is full.
    samples = _reload_many(200)
    assert samples[-1] - samples[0] < 40, samples


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_three_thousand_reloads_keep_memory_bounded() -> None:
    samples = _reload_many(3000)
    assert samples[-1] - samples[1] < 60, samples


# --- the backend through the API and the CLI ------------------------------------------------------


def test_missing_durable_is_a_clear_install_hint(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delitem(sys.modules, "tiltak.engine._rete", raising=False)
    monkeypatch.setitem(sys.modules, "durable", None)
    monkeypatch.setitem(sys.modules, "durable.engine", None)
    with pytest.raises(BackendUnavailableError, match=r"pip install 'tiltak\[rete\]'"):
        tiltak.load(MINI / "rules", MINI / "catalogue", engine="rete")
    code = main(["suggest", "--engine", "rete", "--lang", "nb", "--rules", str(MINI / "rules"),
                 "--catalogue", str(MINI / "catalogue"), str(MINI.parent / "mini-profile.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert "pip install 'tiltak[rete]'" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_cli_rete_prints_what_python_prints(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    profile = str(EXAMPLES / "bindal-organisasjon.json")
    outputs = []
    for engine in ("python", "rete"):
        assert main(["suggest", "--engine", engine, "--format", fmt, "--lang", "en",
                     profile]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    assert outputs[0].strip()


def test_cli_rete_in_a_subprocess() -> None:
    profile = str(EXAMPLES / "enhet-hjemmetjeneste.json")
    runs = [
        subprocess.run([sys.executable, "-m", "tiltak", "suggest", "--engine", engine,
                        "--format", "json", profile], capture_output=True, text=True,
                       check=False, timeout=120)
        for engine in ("python", "rete")
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[1].stderr
    assert json.loads(runs[0].stdout) == json.loads(runs[1].stdout)
    assert runs[0].stdout == runs[1].stdout


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["helse", "oppvekst", "Ålesund", "kultur"]), max_size=4))
def test_set_members_are_flags(members: list[str]) -> None:
    rs = ruleset(HasAny("context.sectors", frozenset({"helse", "Ålesund"})),
                 Not(HasAny("context.sectors", frozenset({"kultur"}))), tag="members")
    facts = {"context.sectors": frozenset(members)}
    py, rete = both(rs, facts)
    assert rete == py
