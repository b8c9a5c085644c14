"""An independent, hand-written evaluator of a rule set, for the batch benchmark.

It reads the same compiled rules and catalogue as tiltak but shares none of the engine's code:
profiles are parsed with orjson and trusted (no validation), facts are built for the fields
the generated employee profiles have (levels and targets per area and dimension, subject,
attributes; no distributions, segments or context), conditions are interpreted directly, and
each result is dumped with orjson from dicts whose per-measure parts were dumped once. It is
the reference the batch path is measured against, and ``test_bench_batch`` checks first that
it writes the same bytes as ``Engine.suggest_many_json``. It is not used by tiltak.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from tiltak.catalogue import STRATEGIES, Catalogue
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

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
_LEVELS = {"organisation": 0, "region": 1, "sector": 2, "unit": 3, "individual": 4}
_STRATEGIES = {s: i for i, s in enumerate(STRATEGIES)}
_EMPTY: frozenset[str] = frozenset()


def _same(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def _holds(node: Condition, facts: dict[str, Any], needs: set[str]) -> bool:
    if isinstance(node, Compare):
        value = facts.get(node.fact)
        return type(value) in (int, float) and _OPS[node.op](value, node.value)
    if isinstance(node, AllOf):
        return all(_holds(i, facts, needs) for i in node.items)
    if isinstance(node, AnyOf):
        return any(_holds(i, facts, needs) for i in node.items)
    if isinstance(node, Not):
        return not _holds(node.item, facts, needs)
    if isinstance(node, HasAny):
        return not node.values.isdisjoint(facts.get(node.fact, _EMPTY))
    if isinstance(node, NeedHeld):
        return node.need in needs
    if isinstance(node, Equals):
        return node.fact in facts and _same(facts[node.fact], node.value)
    if isinstance(node, InSet):
        return node.fact in facts and any(_same(facts[node.fact], v) for v in node.values)
    raise TypeError(node)


def _shown(value: Any) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, float):
        return round(value, 4)
    return value


def _matched(node: Condition, facts: dict[str, Any], needs: set[str],
             out: dict[str, Any]) -> bool:
    """Record the leaves that held in satisfied branches (every branch is visited)."""
    if isinstance(node, AllOf | AnyOf):
        held = [_matched(i, facts, needs, out) for i in node.items]
        return all(held) if isinstance(node, AllOf) else any(held)
    if isinstance(node, Not):
        return not _holds(node.item, facts, needs)
    if not _holds(node, facts, needs):
        return False
    if isinstance(node, NeedHeld):
        out[f"need.{node.need}"] = True
    elif isinstance(node, HasAny):
        out[node.fact] = sorted(node.values & facts.get(node.fact, _EMPTY))
    else:
        out[node.fact] = _shown(facts[node.fact])  # type: ignore[union-attr]
    return True


class Evaluator:
    """Profiles (JSON bytes) in, compact result lines out."""

    def __init__(self, rules: RuleSet, catalogue: Catalogue) -> None:
        self.rules = rules.rules
        self.catalogue = catalogue
        self.measures = {
            m.id: {
                "title": m.title.model_dump(), "strategy": m.strategy, "format": m.format,
                "level": m.level, "areas": list(m.areas), "dimensions": list(m.dimensions),
                "sources": [s.model_dump(mode="json") for s in m.sources],
            }
            for m in catalogue.measures.values()
        }
        self.order = {m.id: (_STRATEGIES[m.strategy], _LEVELS[m.level])
                      for m in catalogue.measures.values()}
        self.reasons = {r.id: r.reason.model_dump() for r in self.rules}

    def facts(self, profile: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, str]]]:
        facts: dict[str, Any] = {}
        warnings: list[dict[str, str]] = []
        for area, dims in profile.get("competence", {}).items():
            defaults = self.catalogue.areas[area].targets
            for dim, value in dims.items():
                base = f"{area}.{dim}"
                level = value["level"]
                facts[base + ".level"] = round(level, 9)
                target = value.get("target", defaults.get(dim))  # type: ignore[call-overload]
                if target is None:
                    warnings.append({"nb": f"{base}: ingen målnivå, så gapet er ukjent",
                                     "en": f"{base}: no target level, so the gap is unknown"})
                    continue
                facts[base + ".target"] = round(target, 9)
                facts[base + ".gap"] = round(max(0.0, target - level), 9)
        subject = profile["subject"]
        facts["subject.kind"] = subject["kind"]
        if subject.get("sector") is not None:
            facts["subject.sector"] = subject["sector"]
        facts["subject.roles"] = frozenset(subject.get("roles", ()))
        for name, value in subject.get("attributes", {}).items():
            if value is not None:
                facts["attribute." + name] = value
        facts["context.sectors"] = _EMPTY
        facts["sectors.count"] = 0.0
        facts["context.running_measures"] = _EMPTY
        facts["context.avoid_formats"] = _EMPTY
        return facts, warnings

    def line(self, text: bytes) -> bytes:
        profile = orjson.loads(text)
        facts, warnings = self.facts(profile)
        needs: set[str] = set()
        scores: dict[str, float] = {}
        reasons: dict[str, list[tuple[float, int, dict[str, Any]]]] = {}
        suppressed_by: dict[str, list[str]] = {}
        deferred_by: dict[str, list[str]] = {}
        order = 0
        for rule in self.rules:
            if rule.when is not None and not _holds(rule.when, facts, needs):
                continue
            needs.update(rule.derives)
            matched: dict[str, Any] | None = None
            for rec in rule.recommends:
                points = float(round(rec.weight + sum(
                    m * float(facts.get(g, 0.0)) for g, m in rec.per_gap), 4))
                if matched is None:
                    found: dict[str, Any] = {}
                    if rule.when is not None:
                        _matched(rule.when, facts, needs, found)
                    matched = dict(sorted(found.items()))
                scores[rec.measure] = scores.get(rec.measure, 0.0) + points
                reasons.setdefault(rec.measure, []).append((points, order, {
                    "rule": rule.id, "because": self.reasons[rule.id], "points": points,
                    "facts": matched}))
            for m in rule.suppresses:
                suppressed_by.setdefault(m, []).append(rule.id)
            for m in rule.defers:
                deferred_by.setdefault(m, []).append(rule.id)
            order += 1
        ranked: list[tuple[Any, ...]] = []
        suppressed: list[dict[str, Any]] = []
        for measure in sorted(scores):
            score = float(round(scores[measure], 4))
            if score <= 0:
                continue
            if measure in suppressed_by:
                suppressed.extend({"measure": measure, "title": self.measures[measure]["title"],
                                   "rule": r, "context": None, "because": self.reasons[r]}
                                  for r in suppressed_by[measure])
                continue
            deferred = [{"rule": r, "because": self.reasons[r]}
                        for r in deferred_by.get(measure, ())]
            ranked.append((bool(deferred), -score, *self.order[measure], measure, deferred,
                           [r for _, _, r in sorted(reasons[measure],
                                                   key=lambda t: (-t[0], t[1]))]))
        ranked.sort(key=lambda t: t[:5])
        return orjson.dumps({
            "format": "tiltak.result/1",
            "subject": {"kind": profile["subject"]["kind"], "id": profile["subject"].get("id"),
                        "name": profile["subject"].get("name")},
            "respondents": profile.get("respondents"),
            "recommendations": [
                {"measure": t[4], "rank": rank, "score": -t[1], **self.measures[t[4]],
                 "reasons": t[6], "deferred": t[5]}
                for rank, t in enumerate(ranked, start=1)
            ],
            "suppressed": suppressed,
            "needs": sorted(needs),
            "warnings": warnings,
        }, option=orjson.OPT_APPEND_NEWLINE)

    def lines(self, texts: Iterable[bytes]) -> Iterator[bytes]:
        return map(self.line, texts)
