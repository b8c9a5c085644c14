"""An independent, hand-written evaluator of a rule set, for the batch benchmark.

It reads the same compiled rules and catalogue as tiltak but shares none of the engine's code:
profiles are parsed with orjson and trusted (no validation), facts are built for the fields
the generated employee profiles have (levels and targets per area and dimension, subject,
attributes; no distributions, segments or context), conditions are interpreted directly, and
each result is dumped with orjson from dicts whose per-measure parts were dumped once. Only
reasons with placeholders are filled by the rule language's own ``fill_reason``. It is
the reference the batch path is measured against, and ``test_bench_batch`` checks first that
it writes the same bytes as ``Engine.suggest_many_json``. It is not used by tiltak.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from tiltak._i18n import message
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
    condition_facts,
    fact_area,
    fact_kind,
    fill_reason,
)

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
_LEVELS = {"organisation": 0, "region": 1, "sector": 2, "unit": 3, "individual": 4}
_STRATEGIES = {s: i for i, s in enumerate(STRATEGIES)}
_EMPTY: frozenset[str] = frozenset()
_KINDS = {"organisation": ("organisasjon", "organisation"), "region": ("region", "region"),
          "sector": ("sektor", "sector"), "unit": ("enhet", "unit"),
          "group": ("gruppe", "group"), "employee": ("medarbeider", "employee")}


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
    """Record the leaves that held, only from branches that held: a leaf inside one part of
    an "all" that failed is not recorded (every branch is visited)."""
    if isinstance(node, AllOf | AnyOf):
        branches: list[tuple[bool, dict[str, Any]]] = []
        for item in node.items:
            branch: dict[str, Any] = {}
            branches.append((_matched(item, facts, needs, branch), branch))
        if isinstance(node, AllOf) and not all(held for held, _ in branches):
            return False
        for held, branch in branches:
            if held:
                out.update(branch)
        return isinstance(node, AllOf) or any(held for held, _ in branches)
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
        self.evidence = {
            m.id: None if m.evidence is None else {
                "text": m.evidence.model_dump(), "suggestion": m.evidence_is_suggestion,
                "sources": [s.model_dump(mode="json") for s in m.evidence_sources]}
            for m in catalogue.measures.values()
        }
        self.order = {m.id: (_STRATEGIES[m.strategy], _LEVELS[m.level])
                      for m in catalogue.measures.values()}
        self.reasons = {r.id: r.reason.model_dump() for r in self.rules}

    def _held(self, roles: Iterable[str]) -> frozenset[str]:
        """The roles stated and every broader role they are a kind of (the catalogue's kind_of)."""
        held: set[str] = set()
        todo = list(roles)
        while todo:
            role = todo.pop()
            if role not in held:
                held.add(role)
                found = self.catalogue.roles.get(role)
                todo.extend(found.kind_of if found is not None else ())
        return frozenset(held)

    def _roles(self, ids: Iterable[str], i: int) -> list[str]:
        out = []
        for role in ids:
            found = self.catalogue.roles.get(role)
            name = (found.name.nb, found.name.en)[i] if found is not None else role
            out.append(name[:1].lower() + name[1:] if name[1:2].islower() else name)
        return out

    def audience(self, measure: str, kind: str, roles: list[str]) -> dict[str, str]:
        """Why a measure is not for this subject, in both languages."""
        audience = self.catalogue.measures[measure].audience
        assert audience is not None
        out = {}
        for i, lang in enumerate(("nb", "en")):
            subject = _KINDS.get(kind, (kind, kind))[i]
            if roles and kind in ("group", "employee"):
                subject += ": " + ", ".join(self._roles(roles, i))
            parts = [_KINDS.get(k, (k, k))[i] for k in audience.subjects]
            if audience.roles:
                parts.append(", ".join(self._roles(audience.roles, i)))
            out[lang] = message("excluded-audience", lang,  # type: ignore[arg-type]
                                subject=subject, audience="; ".join(parts))
        return out

    def for_some(self, measure: str, kind: str, roles: list[str]) -> dict[str, Any] | None:
        """For whom a measure is when the subject states no roles, or None."""
        some = self.catalogue.for_some_roles(measure, kind, roles)
        if not some:
            return None
        because = {}
        for i, lang in enumerate(("nb", "en")):
            because[lang] = message("for-some-roles", lang,  # type: ignore[arg-type]
                                    roles=", ".join(self._roles(some, i)),
                                    subject=_KINDS.get(kind, (kind, kind))[i])
        return {"roles": list(some), "because": because}

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
        facts["subject.roles"] = self._held(subject.get("roles", ()))
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
        suppressed_by: dict[str, list[tuple[str, Any]]] = {}
        deferred_by: dict[str, list[tuple[str, Any]]] = {}
        # Standing tasks, where a level is stated: kept apart, they fill in after the findings.
        levels = any(profile.get("competence", {}).values())
        standing_scores: dict[str, float] = {}
        standing_reasons: dict[str, list[tuple[float, int, dict[str, Any]]]] = {}
        order = 0
        for rule in self.rules:
            if rule.when is not None and not _holds(rule.when, facts, needs):
                continue
            needs.update(rule.derives)
            matched: dict[str, Any] = {}
            because: Any = self.reasons[rule.id]
            if rule.recommends or rule.suppresses or rule.defers:
                if rule.when is not None:
                    _matched(rule.when, facts, needs, matched)
                matched = dict(sorted(matched.items()))
                if "{" in rule.reason.nb or "{" in rule.reason.en:
                    because = fill_reason(rule.reason, matched, condition_facts(rule.when),
                                          facts, self.catalogue).model_dump()
            for rec in rule.recommends:
                points = rec.weight
                if rec.per_gap:
                    points += sum(m * float(facts.get(g, 0.0)) for g, m in rec.per_gap)
                if rec.per_share:
                    points += sum(m * float(facts.get(g, 0.0)) for g, m in rec.per_share)
                for g, below, m in rec.per_below:
                    value = facts.get(g)
                    if isinstance(value, int | float) and not isinstance(value, bool) \
                            and value < below:
                        points += m * (below - float(value))
                points = float(round(points, 4))
                into, why = ((standing_scores, standing_reasons) if levels and rule.standing
                             else (scores, reasons))
                into[rec.measure] = into.get(rec.measure, 0.0) + points
                why.setdefault(rec.measure, []).append((points, order, {
                    "rule": rule.id, "because": because, "points": points, "facts": matched}))
            for into, ids, scoped in ((suppressed_by, rule.suppresses,
                                       rule.suppress_in_matched_areas),
                                      (deferred_by, rule.defers, rule.defer_in_matched_areas)):
                areas = {fact_area(f) for f in matched if fact_kind(f) is not None}
                for m in ids:
                    if scoped and not areas.intersection(self.catalogue.measures[m].areas):
                        continue
                    into.setdefault(m, []).append((rule.id, because))
            order += 1
        later = set()
        for measure, score in standing_scores.items():
            if measure in scores:
                continue
            gaps = [facts[f"{a}.{d}.gap"] for a in self.catalogue.measures[measure].areas
                    for d in self.catalogue.measures[measure].dimensions
                    if f"{a}.{d}.gap" in facts]
            if gaps and max(gaps) <= 0:  # the profile shows no need here
                continue
            scores[measure] = score
            reasons[measure] = standing_reasons[measure]
            later.add(measure)
        ranked: list[tuple[Any, ...]] = []
        suppressed: list[dict[str, Any]] = []
        for measure in sorted(scores):
            score = float(round(scores[measure], 4))
            if score <= 0:
                continue
            subject = profile["subject"]
            roles = subject.get("roles", [])
            if self.catalogue.outside_audience(measure, subject["kind"], roles):
                suppressed.append({"measure": measure, "title": self.measures[measure]["title"],
                                   "rule": None, "context": "audience",
                                   "because": self.audience(measure, subject["kind"], roles)})
                continue
            if measure in suppressed_by:
                suppressed.extend({"measure": measure, "title": self.measures[measure]["title"],
                                   "rule": r, "context": None, "because": b}
                                  for r, b in suppressed_by[measure])
                continue
            deferred = [{"rule": r, "because": b} for r, b in deferred_by.get(measure, ())]
            ranked.append((bool(deferred), measure in later, -score, *self.order[measure],
                           measure, deferred,
                           [r for _, _, r in sorted(reasons[measure],
                                                   key=lambda t: (-t[0], t[1]))],
                           self.for_some(measure, subject["kind"], roles)))
        ranked.sort(key=lambda t: t[:6])
        return orjson.dumps({
            "format": "tiltak.result/1",
            "subject": {"kind": profile["subject"]["kind"], "id": profile["subject"].get("id"),
                        "name": profile["subject"].get("name")},
            "respondents": profile.get("respondents"),
            "recommendations": [
                {"measure": t[5], "rank": rank, "score": -t[2], **self.measures[t[5]],
                 "reasons": t[7], "deferred": t[6], "evidence": self.evidence[t[5]],
                 **({} if t[8] is None else {"for_roles": t[8]}),
                 **({"fills_in": True} if t[1] else {})}
                for rank, t in enumerate(ranked, start=1)
            ],
            "suppressed": suppressed,
            "needs": sorted(needs),
            "warnings": warnings,
        }, option=orjson.OPT_APPEND_NEWLINE)

    def lines(self, texts: Iterable[bytes]) -> Iterator[bytes]:
        return map(self.line, texts)
