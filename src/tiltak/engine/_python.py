"""The default backend: rules compiled into nested Python closures.

Each condition becomes a closure over its constants; nothing from a rule file
is passed to ``eval``. Evaluation keeps no state between calls, so one
compiled matcher serves any number of threads.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Set
from typing import Any

from tiltak.engine._facts import ALWAYS_PRESENT, Facts, same_value
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
    RuleSet,
)

Test = Callable[[Facts, set[str]], bool]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


def _number(value: object) -> bool:
    """Facts are plain int or float (pydantic converts numpy and the like); bool is not a number."""
    return value.__class__ is float or value.__class__ is int


def compile_condition(cond: Condition | None) -> Test:
    """A closure that tests ``cond`` against facts and the needs derived so far."""
    if cond is None:
        return lambda facts, needs: True
    if isinstance(cond, Compare):
        key, bound, op = cond.fact, cond.value, _OPS[cond.op]
        # The number test inline (value.__class__), not through _number: a call per
        # comparison cost as much as the comparison.
        return lambda facts, needs: ((value := facts.get(key)).__class__ is float
                                     or value.__class__ is int) and op(value, bound)
    if isinstance(cond, Equals):
        key, expected = cond.fact, cond.value
        if expected.__class__ is str:  # same_value: only an equal text is the same
            return lambda facts, needs: facts.get(key) == expected
        if expected.__class__ is bool:  # same_value: only the same boolean is the same
            return lambda facts, needs: facts.get(key) is expected
        return lambda facts, needs: key in facts and same_value(facts[key], expected)
    if isinstance(cond, InSet):
        key, values = cond.fact, cond.values
        if all(isinstance(v, str) for v in values):
            return lambda facts, needs: isinstance(value := facts.get(key), str) and value in values
        options = tuple(values)
        return lambda facts, needs: key in facts and any(
            same_value(facts[key], v) for v in options
        )
    if isinstance(cond, HasAny):
        key, wanted = cond.fact, cond.values
        return lambda facts, needs: not wanted.isdisjoint(facts.get(key, ()))
    if isinstance(cond, NeedHeld):
        need = cond.need
        return lambda facts, needs: need in needs
    if isinstance(cond, Not):
        item = cond.item
        if isinstance(item, Equals) and item.value.__class__ is str:
            key, expected = item.fact, item.value
            return lambda facts, needs: facts.get(key) != expected
        inner = compile_condition(item)
        return lambda facts, needs: not inner(facts, needs)
    if isinstance(cond, AllOf | AnyOf):
        compares = tuple((c.fact, _OPS[c.op], c.value) for c in cond.items
                         if isinstance(c, Compare))
        if len(compares) == len(cond.items):  # numeric comparisons only: one loop
            return (_all_compare if isinstance(cond, AllOf) else _any_compare)(compares)
        parts = tuple(compile_condition(c) for c in cond.items)
        if isinstance(cond, AnyOf):
            return _any_of(parts)
        if len(parts) == 2:
            first, second = parts
            return lambda facts, needs: first(facts, needs) and second(facts, needs)
        return _all_of(parts)
    raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover


Check = tuple[str, Callable[[Any, Any], bool], float]


def _all_compare(checks: tuple[Check, ...]) -> Test:
    def all_compare(facts: Facts, needs: set[str]) -> bool:
        get = facts.get
        for key, op, bound in checks:
            value = get(key)
            if (value.__class__ is not float and value.__class__ is not int) or not op(value,
                                                                                      bound):
                return False
        return True

    return all_compare


def _any_compare(checks: tuple[Check, ...]) -> Test:
    def any_compare(facts: Facts, needs: set[str]) -> bool:
        get = facts.get
        for key, op, bound in checks:
            value = get(key)
            if (value.__class__ is float or value.__class__ is int) and op(value, bound):
                return True
        return False

    return any_compare


# Plain loops, not all()/any() over a generator: a generator object per call cost more than
# the tests it ran (an "any" is evaluated about 20 times per profile).
def _all_of(parts: tuple[Test, ...]) -> Test:
    def all_of(facts: Facts, needs: set[str]) -> bool:
        for part in parts:  # noqa: SIM110 (a loop, not a generator: see above)
            if not part(facts, needs):
                return False
        return True

    return all_of


def _any_of(parts: tuple[Test, ...]) -> Test:
    def any_of(facts: Facts, needs: set[str]) -> bool:
        for part in parts:  # noqa: SIM110 (a loop, not a generator: see above)
            if part(facts, needs):
                return True
        return False

    return any_of


def holds(node: Condition, facts: Facts, needs: Set[str]) -> bool:
    """Whether ``node`` holds: the same answer as its compiled closure, without compiling.

    For one-off questions (reasons, explanations); evaluation uses the closures.
    """
    if isinstance(node, Compare):
        value = facts.get(node.fact)
        return _number(value) and _OPS[node.op](value, node.value)
    if isinstance(node, Equals):
        return node.fact in facts and same_value(facts[node.fact], node.value)
    if isinstance(node, InSet):
        return node.fact in facts and any(same_value(facts[node.fact], v) for v in node.values)
    if isinstance(node, HasAny):
        return not node.values.isdisjoint(facts.get(node.fact, ()))
    if isinstance(node, NeedHeld):
        return node.need in needs
    if isinstance(node, AllOf):
        return all(holds(i, facts, needs) for i in node.items)
    if isinstance(node, AnyOf):
        return any(holds(i, facts, needs) for i in node.items)
    if isinstance(node, Not):
        return not holds(node.item, facts, needs)
    raise TypeError(node)  # pragma: no cover


#: A token a subject's facts either give or not: a fact's name (the fact is present), or
#: ``(fact, value)``: that text is the fact's value (``subject.kind``) or one of its values
#: (``subject.roles``, ``context.sectors``, ...).
Token = str | tuple[str, str]


def _guard(cond: Condition) -> frozenset[Token] | None:
    """Tokens of which at least one must be given for ``cond`` to hold, or None (any
    subject may satisfy it).

    Every test of a fact is false when the fact is absent (see :func:`holds`); the facts every
    subject has (its kind and roles, the context) are indexed by their values instead: a role
    condition holds only for a subject holding one of its roles.
    """
    if isinstance(cond, HasAny):
        if cond.fact in ALWAYS_PRESENT:
            return _value_tokens(cond.fact, cond.values)
        return frozenset([cond.fact])
    if isinstance(cond, Equals | InSet):
        if cond.fact in ALWAYS_PRESENT:
            values = (cond.value,) if isinstance(cond, Equals) else tuple(cond.values)
            return _value_tokens(cond.fact, values) if cond.fact in _SCALAR_FACTS else None
        return frozenset([cond.fact])
    if isinstance(cond, Compare):
        return None if cond.fact in ALWAYS_PRESENT else frozenset([cond.fact])
    if isinstance(cond, AllOf):  # each part must hold: any part's guard will do
        guards = [g for g in map(_guard, cond.items) if g is not None]
        return min(guards, key=len) if guards else None
    if isinstance(cond, AnyOf):  # some part must hold: one of their guards
        found = [_guard(item) for item in cond.items]
        if not found or any(g is None for g in found):
            return None
        return frozenset().union(*found)  # type: ignore[arg-type]
    return None  # a need, or "not": nothing must be present


def _value_tokens(fact: str, values: Iterable[object]) -> frozenset[Token] | None:
    """``(fact, value)`` for each value, when every value is a text (else None)."""
    if any(v.__class__ is not str for v in values):
        return None
    return frozenset((fact, v) for v in values if isinstance(v, str))  # isinstance for mypy


#: The always-present facts that hold one text (tested for equality); the others hold sets.
_SCALAR_FACTS = frozenset({"subject.kind"})


def _split(cond: Condition | None) -> tuple[list[Compare], Condition | None]:
    """The numeric comparisons a rule requires at top level, and the rest of its condition."""
    if cond is None:
        return [], None
    items = cond.items if isinstance(cond, AllOf) else (cond,)
    compares = [c for c in items if isinstance(c, Compare)]
    rest = [c for c in items if not isinstance(c, Compare)]
    if not rest:
        return compares, None
    return compares, rest[0] if len(rest) == 1 else AllOf(tuple(rest))


class PythonMatcher:
    """Finds the rules that fire for a set of facts, in evaluation order.

    Rules are indexed by what must be given for them to hold (:func:`_guard`): a fact that
    must be present, a role the subject must hold, a kind it must be. A subject's facts name
    the rules worth trying (an employee's profile has a few of the areas the rules test, and
    one or two roles); only those are tried, in rule order, so the work per subject grows with
    the rules that concern it, not with the size of the knowledge base. Most rules are an
    "all" whose parts are numeric comparisons; those are kept as flat (fact, operator, bound)
    tuples and checked in a tight loop before any closure is called. Rules with the same
    condition (standing tasks often share one) that tests no need are answered once per
    evaluation: the answer depends on the facts alone.
    """

    name = "python"

    def __init__(self, ruleset: RuleSet) -> None:
        steps = []
        unguarded: list[int] = []
        index: dict[Token, list[int]] = {}
        groups = same_conditions(ruleset)
        for number, rule in enumerate(ruleset.rules):
            compares, rest = _split(rule.when)
            checks = tuple((c.fact, _OPS[c.op], c.value) for c in compares)
            test = compile_condition(rest) if rest is not None else None
            steps.append((checks, test, rule.derives,
                          groups[number] if not rule.tested_needs() else None))
            guard = _guard(rule.when) if rule.when is not None else None
            if guard is None:
                unguarded.append(number)
            else:
                for token in guard:
                    index.setdefault(token, []).append(number)
        self._steps = tuple(steps)
        self._unguarded = frozenset(unguarded)
        self._index = {token: tuple(numbers) for token, numbers in index.items()}
        # The fact names rules are filed under: a subject's facts are intersected with them in
        # one set operation, not looked up one by one.
        self._names = frozenset(t for t in index if isinstance(t, str))
        self._scalar = tuple(sorted({t[0] for t in index if isinstance(t, tuple)
                                     and t[0] in _SCALAR_FACTS}))
        self._members = tuple(sorted({t[0] for t in index if isinstance(t, tuple)
                                      and t[0] not in _SCALAR_FACTS}))

    def candidates(self, facts: Facts) -> list[int]:
        """The rules whose guard the facts give (and those without one), in rule order."""
        index = self._index
        lookup = index.get
        # One union over every present fact's rules, in C (a call per fact cost more).
        found = set(self._unguarded)
        found.update(*map(index.__getitem__, self._names.intersection(facts)))
        for fact in self._scalar:
            value = facts.get(fact)
            if isinstance(value, str):
                numbers = lookup((fact, value))
                if numbers is not None:
                    found.update(numbers)
        for fact in self._members:
            values = facts.get(fact)
            if values:
                for value in values:
                    if isinstance(value, str):
                        numbers = lookup((fact, value))
                        if numbers is not None:
                            found.update(numbers)
        return sorted(found)

    def fired(self, facts: Facts) -> tuple[list[int], frozenset[str]]:
        needs: set[str] = set()
        out: list[int] = []
        get = facts.get
        steps = self._steps
        answers: dict[int, bool] = {}  # per shared condition (see same_conditions)
        for number in self.candidates(facts):
            checks, test, derives, group = steps[number]
            if group is not None:  # a condition other rules share: answered once
                held = answers.get(group)
                if held is None:
                    held = answers[group] = _holds(checks, test, facts, needs)
                if held:
                    out.append(number)
                    if derives:
                        needs.update(derives)
                continue
            for fact, op, bound in checks:
                value = get(fact)
                if (value.__class__ is not float and value.__class__ is not int) or not op(
                    value, bound
                ):
                    break
            else:
                if test is None or test(facts, needs):
                    out.append(number)
                    if derives:
                        needs.update(derives)
        return out, frozenset(needs)


def _holds(checks: tuple[Check, ...], test: Test | None, facts: Facts, needs: set[str]) -> bool:
    """Whether a rule's numeric checks and the rest of its condition hold (as ``fired``)."""
    get = facts.get
    for fact, op, bound in checks:
        value = get(fact)
        if (value.__class__ is not float and value.__class__ is not int) or not op(value, bound):
            return False
    return test is None or bool(test(facts, needs))


def same_conditions(ruleset: RuleSet) -> list[int | None]:
    """For each rule, the number of the first rule with the same condition when another rule
    shares it (None when none does, or the rule has no condition). The same means the same
    text of the compiled condition: equal dataclasses are not enough, since ``1 == True``
    while a condition tells them apart."""
    first: dict[str, int] = {}
    keys = [repr(rule.when) if rule.when is not None else None for rule in ruleset.rules]
    for number, key in enumerate(keys):
        if key is not None:
            first.setdefault(key, number)
    counts: dict[int, int] = {}
    for key in keys:
        if key is not None:
            counts[first[key]] = counts.get(first[key], 0) + 1
    return [first[key] if key is not None and counts[first[key]] > 1 else None
            for key in keys]
