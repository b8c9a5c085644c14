"""The shared benchmark workload: a generated rule set and generated facts (seeded)."""

from __future__ import annotations

import random
from typing import Any

from tiltak._validation import Text
from tiltak.rules import AllOf, AnyOf, Compare, Condition, HasAny, NeedHeld, Not, Rule, RuleSet

FACTS = [f"area{a}.{d}.{k}" for a in range(2) for d in ("knowledge", "skills")
         for k in ("level", "gap", "share_at_or_below_2")]  # 12 numeric facts
ROLES = ["leader", "superuser", "politician", "union"]


def _leaf(rng: random.Random) -> Condition:
    fact = rng.choice(FACTS)
    bound = round(rng.uniform(0.0, 1.0) if "share" in fact else rng.uniform(0.0, 4.0), 1)
    return Compare(fact, rng.choice([">=", "<=", ">", "<"]), bound)


def ruleset(count: int, seed: int = 7) -> RuleSet:
    """``count`` rules of 1-3 comparisons; some test roles, some derive or test needs."""
    rng = random.Random(seed)
    rules: list[Rule] = []
    needs: list[str] = []
    for i in range(count):
        parts: list[Condition] = [_leaf(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.2:
            parts.append(HasAny("subject.roles", frozenset(rng.sample(ROLES, 2))))
        if rng.random() < 0.1:
            parts.append(Not(_leaf(rng)))
        if rng.random() < 0.1:
            parts = [AnyOf((AllOf(tuple(parts)), _leaf(rng)))]
        if needs and rng.random() < 0.1:
            parts.append(NeedHeld(rng.choice(needs)))
        derives: tuple[str, ...] = ()
        if i < count // 2 and rng.random() < 0.1:
            derives = (f"need-{i}",)
        rules.append(Rule(id=f"r{i}", reason=Text(nb="g", en="r"),
                          when=parts[0] if len(parts) == 1 else AllOf(tuple(parts)),
                          derives=derives))
        needs.extend(derives)
    # testers of a need come after its deriver already, as the compiler would order them
    return RuleSet(rules=tuple(rules), needs=frozenset(needs), fingerprint=f"bench-{count}-{seed}")


def profiles(count: int, seed: int = 11) -> list[dict[str, Any]]:
    """Facts of ``count`` profiles: 12 numbers (some unknown) and a set of roles."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        facts: dict[str, Any] = {}
        for fact in FACTS:
            if rng.random() < 0.9:
                facts[fact] = round(rng.uniform(0.0, 1.0) if "share" in fact
                                    else rng.uniform(0.0, 4.0), 9)
        facts["subject.roles"] = frozenset(rng.sample(ROLES, rng.randint(0, 2)))
        out.append(facts)
    return out
