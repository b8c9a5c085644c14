"""Results as compact JSON lines, straight from an evaluation's rows (the batch path).

Building result models and dumping them costs more than the evaluation itself. Here the
parts of a recommendation that depend only on the measure (title, strategy, format, level,
areas, dimensions, sources) and every rule's reason are encoded once per engine, as orjson
fragments, and each evaluation only adds what it found. The bytes equal
``Result.to_json_line()`` of the same result; tests/test_batch.py checks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

from tiltak._validation import built
from tiltak.result import RESULT_FORMAT, Evidence, Recommendation, json_line

if TYPE_CHECKING:
    from tiltak._validation import Text
    from tiltak.catalogue import Catalogue, Measure
    from tiltak.engine._engine import Evaluated, Outcome
    from tiltak.rules import RuleSet

_STATIC = ("title", "strategy", "format", "level", "areas", "dimensions", "sources")
_TEXT_CACHE = 32_768  # texts made per profile (warnings, reasons) are encoded each time past this


class CompactEncoder:
    """Encodes evaluations of one engine's catalogue and rules as compact JSON lines."""

    def __init__(self, catalogue: Catalogue, rules: RuleSet) -> None:
        self._measures: dict[str, dict[str, Any]] = {
            measure_id: _static_parts(measure) for measure_id, measure in catalogue.measures.items()
        }
        self._evidence: dict[str, Any] = {
            measure_id: _evidence_part(measure)
            for measure_id, measure in catalogue.measures.items()
        }
        # A recommendation's keys in the order the result model dumps them, with every value
        # that depends only on the measure already in place (copied per recommendation).
        self._templates: dict[str, dict[str, Any]] = {
            measure_id: {"measure": measure_id, "rank": 0, "score": 0.0,
                         **self._measures[measure_id], "reasons": None, "deferred": None,
                         "evidence": self._evidence[measure_id]}
            for measure_id in catalogue.measures}
        self._texts: dict[tuple[str, str], Any] = {}
        # The same Text objects come back evaluation after evaluation (rule reasons, cached
        # filled reasons): looked up by identity first, each kept alive beside its encoding
        # so that its id cannot be reused by another object.
        self._seen: dict[int, tuple[Text, Any]] = {}
        for rule in rules.rules:
            self._text(rule.reason)

    def line(self, evaluated: Evaluated, top: int | None) -> bytes:
        """The result of one evaluated profile as a line of compact JSON."""
        loaded, main, warnings, segments = evaluated
        subject = loaded.subject
        data: dict[str, Any] = {
            "format": RESULT_FORMAT,
            "subject": {"kind": subject.kind, "id": subject.id, "name": subject.name},
            "respondents": loaded.respondents,
            "recommendations": self._recommendations(main, top),
            "suppressed": self._suppressed(main),
            "needs": main.needs,
            "warnings": [self._text(w) for w in warnings],
        }
        if loaded.segments:
            data["segments"] = [
                {
                    "by": segment.by,
                    "value": segment.value,
                    "respondents": part.respondents,
                    "recommendations": self._recommendations(part, top),
                    "suppressed": self._suppressed(part),
                    "needs": part.needs,
                }
                for segment, part in segments
            ]
        return json_line(data)

    def _recommendations(self, outcome: Outcome, top: int | None) -> list[dict[str, Any]]:
        text = self._text
        seen = self._seen.get
        templates = self._templates
        out: list[dict[str, Any]] = []
        rows = outcome.recommendations
        fills_in = outcome.fills_in
        for rank, (_, _, _, _, measure_id, _, score, reasons, deferred, part, some) in (
                enumerate(rows if top is None else rows[:top], start=1)):
            rec = templates[measure_id].copy()
            rec["rank"] = rank
            rec["score"] = score
            made = []
            for rule, because, points, facts in reasons:
                hit = seen(id(because))  # self._text, inline: a call each cost a tenth
                made.append({"rule": rule,
                             "because": hit[1] if hit is not None and hit[0] is because
                             else text(because),
                             "points": points, "facts": facts})
            rec["reasons"] = made
            rec["deferred"] = [{"rule": rule, "because": text(because)}
                               for rule, because in deferred] if deferred else []
            if part is not None:  # last, after the evidence, as the model dumps it
                rec["part_of"] = {"measure": part[0], "counted": part[1],
                                  "because": text(part[2])}
            if some is not None:  # after part_of, as the model dumps it
                rec["for_roles"] = {"roles": list(some.roles), "because": text(some.because)}
            if fills_in and measure_id in fills_in:  # after for_roles, as the model dumps it
                rec["fills_in"] = True
            out.append(rec)
        return out

    def _suppressed(self, outcome: Outcome) -> list[dict[str, Any]]:
        statics = self._measures
        return [
            {
                "measure": measure.id,
                "title": statics[measure.id]["title"],
                "rule": rule,
                "context": context,
                "because": self._text(because),
            }
            for measure, rule, context, because in outcome.suppressed
        ]

    def _text(self, text: Text) -> Any:
        seen = self._seen.get(id(text))
        if seen is not None and seen[0] is text:
            return seen[1]
        key = (text.nb, text.en)
        found = self._texts.get(key)
        if found is None:
            found = _encoded(text.model_dump(mode="json"))
            if len(self._texts) < _TEXT_CACHE:
                self._texts[key] = found
        if len(self._seen) < _TEXT_CACHE:
            self._seen[id(text)] = (text, found)
        return found


def evidence_of(measure: Measure) -> Evidence | None:
    """The measure's evidence criterion, marked as the catalogue's own suggestion or sourced."""
    if measure.evidence is None:
        return None
    return built(Evidence, {"text": measure.evidence,  # type: ignore[no-any-return]
                            "suggestion": measure.evidence_is_suggestion,
                            "sources": tuple(measure.evidence_sources)})


def _static_parts(measure: Measure) -> dict[str, Any]:
    """The measure's parts of a recommendation, dumped as the result model dumps them."""
    prototype = Recommendation.model_construct(
        measure=measure.id, rank=1, score=0.0, title=measure.title, strategy=measure.strategy,
        format=measure.format, level=measure.level, areas=list(measure.areas),
        dimensions=list(measure.dimensions), sources=list(measure.sources), reasons=[],
        deferred=[],
    ).model_dump(mode="json")
    return {key: _encoded(prototype[key]) for key in _STATIC}


def _evidence_part(measure: Measure) -> Any:
    """The measure's evidence as the result model dumps it (after the reasons and deferrals)."""
    evidence = evidence_of(measure)
    return None if evidence is None else _encoded(evidence.model_dump(mode="json"))


def _encoded(value: Any) -> Any:
    """A JSON value encoded once, as an orjson fragment (a string is as fast as it is)."""
    if isinstance(value, str):
        return value
    return orjson.Fragment(orjson.dumps(value))
