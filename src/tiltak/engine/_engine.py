"""The Engine and load() (public names in ``tiltak.engine``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tiltak._data import default_dir
from tiltak._validation import Text
from tiltak.catalogue import STRATEGIES, Catalogue, load_catalogue
from tiltak.engine._facts import Facts, Subjectview, build_facts, segment_view, shown_fact, whole
from tiltak.engine._python import PythonMatcher, holds
from tiltak.errors import BackendUnavailableError, ProfileError, TiltakError
from tiltak.profile import Profile, load_profile
from tiltak.result import (
    Deferral,
    FactValue,
    Reason,
    Recommendation,
    Result,
    SegmentResult,
    SubjectRef,
    Suppression,
)
from tiltak.rules import (
    AllOf,
    AnyOf,
    Condition,
    HasAny,
    NeedHeld,
    Not,
    Rule,
    RuleSet,
    load_rules,
)

__all__ = ["ENGINES", "Engine", "Matcher", "assemble", "load", "make_matcher", "trace"]

ENGINES = ("python", "rete")
_LEVEL_ORDER = {"organisation": 0, "region": 1, "sector": 2, "unit": 3, "individual": 4}
_STRATEGY_ORDER = {s: i for i, s in enumerate(STRATEGIES)}
_DIGITS = 4


class Matcher(Protocol):
    """A backend: which rules fire for some facts (indices in evaluation order)."""

    name: str

    def fired(self, facts: Facts) -> tuple[list[int], frozenset[str]]: ...


def make_matcher(ruleset: RuleSet, engine: str) -> Matcher:
    if engine == "python":
        return PythonMatcher(ruleset)
    if engine == "rete":
        try:
            from tiltak.engine._rete import ReteMatcher  # type: ignore[import-untyped,import-not-found,unused-ignore]
        except ImportError:
            raise BackendUnavailableError(
                "engine-unavailable", name="rete", install="pip install 'tiltak[rete]'"
            ) from None
        matcher: Matcher = ReteMatcher(ruleset)
        return matcher
    raise TiltakError("engine-unknown", name=engine, expected=", ".join(ENGINES))


@dataclass(frozen=True)
class Engine:
    """Compiled rules and their catalogue, ready to evaluate profiles."""

    rules: RuleSet
    catalogue: Catalogue
    backend: str = "python"
    _matcher: Matcher = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_matcher", make_matcher(self.rules, self.backend))

    def with_backend(self, backend: str) -> Engine:
        """The same rules and catalogue evaluated by another backend."""
        return Engine(self.rules, self.catalogue, backend)

    def suggest(self, profile: Profile | Mapping[str, Any] | str | Path,
                top: int | None = None) -> Result:
        """Ranked, explained suggestions for a profile (and for each of its segments)."""
        loaded = load_profile(profile)
        problems = loaded.problems_against(self.catalogue)
        if problems:
            raise ProfileError(problems)
        main, warnings = self._evaluate(whole(loaded))
        segments = None
        if loaded.segments:
            segments = []
            for segment in loaded.segments:
                part, _ = self._evaluate(segment_view(loaded, segment))
                segments.append(SegmentResult(
                    by=segment.by,
                    value=segment.value,
                    respondents=segment.respondents,
                    recommendations=part.recommendations,
                    suppressed=part.suppressed,
                    needs=part.needs,
                ))
        result = Result(
            subject=SubjectRef(kind=loaded.subject.kind, id=loaded.subject.id,
                               name=loaded.subject.name),
            respondents=loaded.respondents,
            recommendations=main.recommendations,
            suppressed=main.suppressed,
            needs=main.needs,
            warnings=warnings,
            segments=segments,
        )
        return result.top(top)

    def facts(self, profile: Profile) -> Facts:
        """The named facts the rules see for the whole profile."""
        return build_facts(whole(profile), self.catalogue)[0]

    def fired(self, facts: Facts) -> tuple[list[Rule], frozenset[str]]:
        indices, needs = self._matcher.fired(facts)
        return [self.rules.rules[i] for i in indices], needs

    def _evaluate(self, view: Subjectview) -> tuple[SegmentResult, list[Text]]:
        facts, warnings = build_facts(view, self.catalogue)
        fired, needs = self.fired(facts)
        return assemble(fired, needs, facts, self.catalogue, view), warnings


def assemble(fired: list[Rule], needs: frozenset[str], facts: Facts, catalogue: Catalogue,
             view: Subjectview) -> SegmentResult:
    """Turn the rules that fired into ranked recommendations and suppressions."""
    scores: dict[str, float] = {}
    reasons: dict[str, list[tuple[float, int, Reason]]] = {}
    suppressed_by: dict[str, list[Rule]] = {}
    deferred_by: dict[str, list[Rule]] = {}
    for order, rule in enumerate(fired):
        matched: dict[str, FactValue] | None = None
        for rec in rule.recommends:
            points = rec.weight + sum(
                mult * float(facts.get(gap_fact, 0.0)) for gap_fact, mult in rec.per_gap
            )
            points = round(points, _DIGITS)
            if matched is None:
                matched = trace(rule.when, facts, needs)
            scores[rec.measure] = scores.get(rec.measure, 0.0) + points
            reasons.setdefault(rec.measure, []).append(
                (points, order, Reason(rule=rule.id, because=rule.reason, points=points,
                                       facts=matched))
            )
        for measure_id in rule.suppresses:
            suppressed_by.setdefault(measure_id, []).append(rule)
        for measure_id in rule.defers:
            deferred_by.setdefault(measure_id, []).append(rule)

    recommendations: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    suppressed: list[Suppression] = []
    running = set(view.context.running_measures)
    avoided = set(view.context.avoid_formats)
    for measure_id in sorted(scores):
        score = round(scores[measure_id], _DIGITS)
        if score <= 0:
            continue
        measure = catalogue.measures[measure_id]
        if measure_id in running:
            suppressed.append(Suppression(
                measure=measure_id, title=measure.title, rule=None, context="running_measures",
                because=Text.of("excluded-running")))
            continue
        if measure.format in avoided:
            suppressed.append(Suppression(
                measure=measure_id, title=measure.title, rule=None, context="avoid_formats",
                because=Text.of("excluded-avoided-format", format=measure.format)))
            continue
        if measure_id in suppressed_by:
            suppressed.extend(
                Suppression(measure=measure_id, title=measure.title, rule=r.id, because=r.reason)
                for r in suppressed_by[measure_id]
            )
            continue
        ordered = [r for _, _, r in sorted(reasons[measure_id], key=lambda t: (-t[0], t[1]))]
        deferred = [Deferral(rule=r.id, because=r.reason) for r in deferred_by.get(measure_id, [])]
        key = (
            bool(deferred),
            -score,
            _STRATEGY_ORDER[measure.strategy],
            _LEVEL_ORDER[measure.level],
            measure_id,
        )
        recommendations.append((key, {
            "measure": measure_id,
            "score": score,
            "title": measure.title,
            "strategy": measure.strategy,
            "format": measure.format,
            "level": measure.level,
            "areas": list(measure.areas),
            "dimensions": list(measure.dimensions),
            "sources": list(measure.sources),
            "reasons": ordered,
            "deferred": deferred,
        }))
    recommendations.sort(key=lambda item: item[0])
    return SegmentResult(
        by="",
        value="",
        respondents=view.respondents,
        recommendations=[Recommendation(rank=i + 1, **data)
                         for i, (_, data) in enumerate(recommendations)],
        suppressed=suppressed,
        needs=sorted(needs),
    )




def trace(cond: Condition | None, facts: Facts, needs: frozenset[str]) -> dict[str, FactValue]:
    """The facts a (held) condition matched: leaves that held, in satisfied branches."""
    out: dict[str, FactValue] = {}

    def walk(node: Condition) -> bool:
        if isinstance(node, AllOf):
            found = [walk(item) for item in node.items]
            return all(found)
        if isinstance(node, AnyOf):
            found = [walk(item) for item in node.items]
            return any(found)
        if isinstance(node, Not):
            return not holds(node.item, facts, needs)
        held = holds(node, facts, needs)
        if held:
            if isinstance(node, NeedHeld):
                out[f"need.{node.need}"] = True
            elif isinstance(node, HasAny):
                out[node.fact] = sorted(node.values & facts.get(node.fact, frozenset()))
            else:
                out[node.fact] = shown_fact(facts[node.fact])
        return held

    if cond is not None:
        walk(cond)
    return dict(sorted(out.items()))


def load(
    rules: str | Path | None = None,
    catalogue: str | Path | None = None,
    *,
    engine: str = "python",
) -> Engine:
    """Load and compile rules and catalogue (the bundled defaults where not given)."""
    cat = load_catalogue(catalogue if catalogue is not None else default_dir("catalogue"))
    ruleset = load_rules(rules if rules is not None else default_dir("rules"), cat)
    return Engine(ruleset, cat, engine)
