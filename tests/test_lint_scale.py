"""`tiltak check` compares only rules that can interact, with the findings of all pairs."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiltak._validation import Text
from tiltak.authoring import lint
from tiltak.authoring.lint import Finding, lint_rules
from tiltak.catalogue import Catalogue
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
    Recommend,
    Rule,
    RuleSet,
)
from tiltak.rules._logic import Logic, _TooLarge, consistent, dnf

_NEEDS = ("n1", "n2", "n3")


def _leaf(rng: random.Random) -> Condition:
    fact = rng.choice(["ledelse.knowledge.level", "ledelse.skills.gap",
                       "digitalisering.abilities.level"])
    return Compare(fact, rng.choice([">=", "<=", ">", "<"]), float(rng.randint(1, 5)))


def _condition(rng: random.Random, pool: list[Condition]) -> Condition | None:
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.5:
        return rng.choice(pool)  # shared conditions make duplicates and shadows
    parts = [rng.choice(pool), _leaf(rng)]
    if rng.random() < 0.2:
        parts.append(NeedHeld(rng.choice(_NEEDS)))
    if rng.random() < 0.1:
        return AnyOf((AllOf(tuple(parts)), Not(_leaf(rng))))
    return AllOf(tuple(parts))


def generated(catalogue: Catalogue, count: int, seed: int) -> RuleSet:
    """``count`` rules drawing conditions and actions from small pools, so they interact."""
    rng = random.Random(seed)
    measures = list(catalogue.measures)[:5]
    pool = [_leaf(rng) for _ in range(6)] + [AllOf((_leaf(rng), _leaf(rng))) for _ in range(3)]
    rules: list[Rule] = []
    for i in range(count):
        if rules and i % 10 == 9:  # now and then a copy of an earlier rule, as authors make
            copy = rng.choice(rules)
            rules.append(dataclasses.replace(copy, id=f"r{i:04d}", line=i + 1))
            continue
        recommends: tuple[Recommend, ...] = ()
        if rng.random() < 0.6:
            recommends = (Recommend(rng.choice(measures), float(rng.choice([1, 2]))),)
        pick = lambda items, p: tuple(sorted(x for x in items if rng.random() < p))  # noqa: E731
        rules.append(Rule(
            id=f"r{i:04d}", reason=Text(nb="grunn", en="reason"),
            when=_condition(rng, pool), recommends=recommends,
            derives=pick(_NEEDS, 0.15), suppresses=pick(measures, 0.08),
            defers=pick(measures, 0.05), file="generated.yaml", line=i + 1,
        ))
    return RuleSet(rules=tuple(rules), needs=frozenset(_NEEDS), fingerprint=f"gen-{seed}")


def _all_pairs(rules: list[Rule], limit: int | None = None) -> list[tuple[int, int]]:
    return list(itertools.combinations(range(len(rules)), 2))[:limit]


def _findings(ruleset: RuleSet, catalogue: Catalogue) -> list[tuple[str, str]]:
    return sorted((f.code, f.render("en")) for f in lint_rules(ruleset, catalogue))


@pytest.mark.parametrize("seed", range(8))
def test_indexed_pairs_find_what_all_pairs_find(seed: int, mini_catalogue: Catalogue,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ruleset = generated(mini_catalogue, 60 + 20 * seed, seed)
    indexed = _findings(ruleset, mini_catalogue)
    monkeypatch.setattr(lint, "_candidate_pairs", _all_pairs)
    assert indexed == _findings(ruleset, mini_catalogue)
    assert "W103" in {code for code, _ in indexed}


def test_the_generator_makes_every_pairwise_finding(mini_catalogue: Catalogue) -> None:
    codes = {f.code for seed in range(8)
             for f in lint_rules(generated(mini_catalogue, 100, seed), mini_catalogue)}
    assert codes >= {"W103", "W104", "W105", "I101"}


def test_bundled_rules_give_the_same_findings_as_all_pairs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    report = lint.check()
    assert report.ruleset is not None
    monkeypatch.setattr(lint, "_candidate_pairs", _all_pairs)
    assert lint.check().findings == report.findings


def test_only_interacting_rules_are_paired(mini_catalogue: Catalogue) -> None:
    ruleset = generated(mini_catalogue, 300, 99)
    rules = list(ruleset.rules)
    pairs = lint._candidate_pairs(rules)
    assert len(pairs) < len(_all_pairs(rules)) // 2
    for i, j in pairs:
        first, second = rules[i], rules[j]
        shares = ({(m.measure, m.weight) for m in first.recommends}
                  & {(m.measure, m.weight) for m in second.recommends}
                  or set(first.derives) & set(second.derives)
                  or set(first.suppresses) & set(second.suppresses)
                  or set(first.defers) & set(second.defers))
        no_actions = [r for r in (first, second) if not (r.recommends or r.derives
                                                        or r.suppresses or r.defers)]
        assert shares or no_actions or lint._actions(first) == lint._actions(second)


def test_a_finding_is_reported_once(mini_catalogue: Catalogue) -> None:
    found: list[Finding] = lint_rules(generated(mini_catalogue, 150, 3), mini_catalogue)
    keys = [(f.code, f.problem.rule, tuple(sorted(f.problem.params.items()))) for f in found]
    assert len(keys) == len(set(keys))


# ---- the reasoning's shortcuts give the answers of the plain definition ----------------

class _Definition(Logic):
    """Logic as defined: the whole normal form, every conjunction through ``consistent``."""

    def may_hold(self, cond: Condition | None, needs: frozenset[str] | None = None) -> bool:
        try:
            terms = dnf(cond)
        except _TooLarge:
            return True
        return any(consistent(t, self.derivable if needs is None else needs) for t in terms)

    def implies(self, first: Condition | None, second: Condition | None) -> bool:
        if second is None:
            return True
        try:
            terms = dnf(Not(second) if first is None else AllOf((first, Not(second))))
        except _TooLarge:
            return False
        return not any(consistent(t, self.all_needs) for t in terms)

    def overlap(self, first: Condition | None, second: Condition | None) -> bool:
        if first is None or second is None:
            return self.may_hold(first if second is None else second)
        return self.may_hold(AllOf((first, second)))


_AREAS = ("ledelse", "digitalisering", "innovasjon")
_DIMS = ("knowledge", "skills")


def _realistic_leaf(rng: random.Random) -> Condition:
    """Conditions like the bundled rules': levels, gaps and shares of several areas, roles,
    the subject, sectors and needs, so that conjunctions span and share bases."""
    base = f"{rng.choice(_AREAS)}.{rng.choice(_DIMS)}"
    roll = rng.random()
    if roll < 0.3:
        return Compare(f"{base}.level", rng.choice([">=", "<=", ">", "<"]),
                       rng.randint(2, 9) / 2)
    if roll < 0.55:
        return Compare(f"{base}.gap", rng.choice([">=", ">", "<"]), rng.randint(0, 6) / 2)
    if roll < 0.65:
        return Compare(f"{base}.share_at_or_below_2", ">=", rng.randint(1, 9) / 10)
    if roll < 0.75:
        return HasAny("roles", frozenset(rng.sample(["leder", "verneombud", "tillitsvalgt"], 2)))
    if roll < 0.85:
        return Equals("subject.kind", rng.choice(["employee", "organisation", "unit"]))
    if roll < 0.9:
        return InSet("sectors.count", frozenset({1, 2}))
    if roll < 0.95:
        return Not(_realistic_leaf(rng))
    return NeedHeld(rng.choice(_NEEDS))


def _realistic_condition(rng: random.Random) -> Condition | None:
    roll = rng.random()
    if roll < 0.03:
        return None
    parts = tuple(_realistic_leaf(rng) for _ in range(rng.randint(1, 3)))
    if roll < 0.15:
        return AnyOf(parts)
    return parts[0] if len(parts) == 1 else AllOf(parts)


def realistic(catalogue: Catalogue, count: int, seed: int) -> RuleSet:
    """Rules over several areas with shared measures, suppressions and deferrals."""
    rng = random.Random(seed)
    measures = list(catalogue.measures)[:6]
    rules: list[Rule] = []
    for i in range(count):
        if rules and i % 12 == 11:
            rules.append(dataclasses.replace(rng.choice(rules), id=f"r{i:04d}", line=i + 1))
            continue
        roll = rng.random()
        recommends = (Recommend(rng.choice(measures), float(rng.randint(1, 3))),) \
            if roll < 0.6 else ()
        rules.append(Rule(
            id=f"r{i:04d}", reason=Text(nb="grunn", en="reason"),
            when=_realistic_condition(rng), recommends=recommends,
            derives=(rng.choice(_NEEDS),) if 0.6 <= roll < 0.75 else (),
            suppresses=(rng.choice(measures),) if 0.75 <= roll < 0.9 else (),
            defers=(rng.choice(measures),) if roll >= 0.9 else (),
            file="generated.yaml", line=i + 1,
        ))
    return RuleSet(rules=tuple(rules), needs=frozenset(_NEEDS), fingerprint=f"real-{seed}")


@pytest.mark.parametrize("seed", range(4))
def test_realistic_rules_give_the_findings_of_all_pairs_by_definition(
        seed: int, mini_catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    ruleset = realistic(mini_catalogue, 150, seed)
    fast = _findings(ruleset, mini_catalogue)
    monkeypatch.setattr(lint, "_candidate_pairs", _all_pairs)
    monkeypatch.setattr(lint, "Logic", _Definition)
    assert fast == _findings(ruleset, mini_catalogue)
    assert {"W104", "W105", "I101"} <= {code for code, _ in fast}


def test_bundled_rules_give_the_findings_of_all_pairs_by_definition(
        monkeypatch: pytest.MonkeyPatch) -> None:
    report = lint.check()
    monkeypatch.setattr(lint, "_candidate_pairs", _all_pairs)
    monkeypatch.setattr(lint, "Logic", _Definition)
    assert lint.check().findings == report.findings


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 25))
def test_logic_answers_as_the_definition(seed: int, count: int) -> None:
    rng = random.Random(seed)
    rules = [Rule(id=f"r{i}", reason=Text(nb="g", en="r"), when=_realistic_condition(rng),
                  derives=(rng.choice(_NEEDS),) if rng.random() < 0.3 else ())
             for i in range(count)]
    fast, definition = Logic(rules), _Definition(rules)
    assert fast.derivable == definition.derivable
    conditions = [r.when for r in rules]
    for first in conditions:
        assert fast.may_hold(first) == definition.may_hold(first)
        for second in conditions:
            assert fast.implies(first, second) == definition.implies(first, second)
            assert fast.overlap(first, second) == definition.overlap(first, second)
