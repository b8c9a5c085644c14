"""The hand-tuned reference: an indexed plain-Python matcher for the benchmark workload.

Each rule is flattened to a tuple of (fact, op, bound) comparisons plus a generic
closure for the rest; rules are indexed by one comparison fact they require, so a
profile only visits rules whose guard fact it has. Same answers as PythonMatcher.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from tiltak.engine._python import compile_condition
from tiltak.rules import AllOf, Compare, Condition, RuleSet

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
}


class IndexedMatcher:
    name = "baseline"

    def __init__(self, ruleset: RuleSet) -> None:
        self._by_guard: dict[str | None, list[int]] = {}
        self._steps: list[tuple[tuple[tuple[str, Callable[[Any, Any], bool], float], ...],
                                Callable[[dict[str, Any], set[str]], bool] | None,
                                tuple[str, ...], bool]] = []
        for index, rule in enumerate(ruleset.rules):
            compares, rest = _split(rule.when)
            test = compile_condition(AllOf(tuple(rest))) if rest else None
            self._steps.append((tuple((c.fact, _OPS[c.op], c.value) for c in compares), test,
                                rule.derives, bool(rule.tested_needs())))
            guard = compares[0].fact if compares else None
            self._by_guard.setdefault(guard, []).append(index)

    def fired(self, facts: dict[str, Any]) -> tuple[list[int], frozenset[str]]:
        candidates = list(self._by_guard.get(None, ()))
        for fact in facts:
            found = self._by_guard.get(fact)
            if found:
                candidates.extend(found)
        candidates.sort()
        needs: set[str] = set()
        out: list[int] = []
        steps = self._steps
        for index in candidates:
            compares, test, derives, _ = steps[index]
            for fact, op, bound in compares:
                value = facts.get(fact)
                if value is None or value.__class__ is bool or not op(value, bound):
                    break
            else:
                if test is None or test(facts, needs):
                    out.append(index)
                    if derives:
                        needs.update(derives)
        return out, frozenset(needs)


def _split(cond: Condition | None) -> tuple[list[Compare], list[Condition]]:
    if cond is None:
        return [], []
    items = cond.items if isinstance(cond, AllOf) else (cond,)
    compares = [c for c in items if isinstance(c, Compare)]
    rest = [c for c in items if not isinstance(c, Compare)]
    return compares, rest
