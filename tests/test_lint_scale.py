"""`tiltak check` compares only rules that can interact, with the findings of all pairs."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest

from tiltak._validation import Text
from tiltak.authoring import lint
from tiltak.authoring.lint import Finding, lint_rules
from tiltak.catalogue import Catalogue
from tiltak.rules import AllOf, AnyOf, Compare, Condition, NeedHeld, Not, Recommend, Rule, RuleSet

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
