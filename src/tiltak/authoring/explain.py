"""Why (not) this measure? The condition-by-condition trace behind a suggestion.

:func:`explain` evaluates a profile and, for each measure asked about (or the
top suggestions), lists every rule that recommends, suppresses or defers it,
whether it fired, and for every condition whether it held, the profile's value
and how far it was from holding ("0.8, needs at least 1.0: 0.2 short"). Needs
the rules test are traced back to the rules that derive them. The result is a
plain, immutable model: :meth:`Explanation.to_json` is canonical JSON,
:meth:`Explanation.render` readable text in Norwegian or English.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from tiltak._args import checked
from tiltak._i18n import Lang, add_messages, format_number, message
from tiltak._validation import DIMENSION_NAMES_NB, Text
from tiltak.catalogue import Catalogue
from tiltak.engine import Engine
from tiltak.engine._facts import Facts, build_facts, shown_fact, whole
from tiltak.engine._python import holds
from tiltak.errors import TiltakError
from tiltak.profile import SUBJECT_KIND_NAMES, Profile, load_profile
from tiltak.result import FactValue, Result
from tiltak.rules import (
    PLACEHOLDER_KINDS,
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Equals,
    InSet,
    NeedHeld,
    Not,
    Rule,
    condition_facts,
    fill_reason,
)

__all__ = [
    "EXPLAIN_FORMAT",
    "ConditionTrace",
    "Explanation",
    "MeasureExplanation",
    "RuleTrace",
    "explain",
]

EXPLAIN_FORMAT = "tiltak.authoring.explain/1"
_DIGITS = 4

add_messages({
    "explain-unknown-measure": (
        "ukjent tiltak «{value}»; det finnes ikke i katalogen",
        "unknown measure '{value}'; it is not in the catalogue",
    ),
    "explain-title": ("Forklaring for {name}", "Explanation for {name}"),
    "explain-none": ("Ingen tiltak foreslås, så det er ingenting å forklare.",
                     "No measures are suggested, so there is nothing to explain."),
    "explain-recommended": ("foreslått som nr. {rank} med {score} poeng",
                            "suggested at rank {rank} with score {score}"),
    "explain-suppressed": ("ikke foreslått: undertrykt", "not suggested: suppressed"),
    "explain-not-recommended": ("ikke foreslått: ingen regel som anbefaler det, slo til",
                                "not suggested: no rule that recommends it fired"),
    "explain-low-score": ("ikke foreslått: poengsummen {score} er ikke over 0",
                          "not suggested: the score {score} is not above 0"),
    "explain-standing-met": (
        "ikke foreslått: bare faste oppgaver gir tiltaket, og profilen viser ikke behov der "
        "tiltaket virker (ingen av tiltakets områder og dimensjoner er under målet)",
        "not suggested: only standing tasks give it, and the profile shows no need where it "
        "works (none of its areas and dimensions is below target)"),
    "explain-standing-after": (
        "fast oppgave: kommer etter tiltakene funnene i profilen gir",
        "standing task: comes after the measures the profile's findings give"),
    "explain-standing": ("fast oppgave", "standing task"),
    "explain-ph-gap": ("gap", "gap"),
    "explain-ph-level": ("nivå", "level"),
    "explain-ph-target": ("mål", "target"),
    "explain-ph-share": ("andel", "share"),
    "explain-ph-area": ("område", "area"),
    "explain-not-counted": (
        "telles ikke: et funn i profilen gir tiltaket allerede, og faste oppgaver fyller bare på",
        "not counted: a finding in the profile gives the measure already, and standing tasks "
        "only fill in"),
    "explain-no-rules": ("ingen regel nevner dette tiltaket",
                         "no rule mentions this measure"),
    "explain-by-rule": ("av regel {rule}: {because}", "by rule {rule}: {because}"),
    "explain-by-context": ("av profilens kontekst ({field}): {because}",
                           "by the profile's context ({field}): {because}"),
    "explain-rule": ("regel {rule} ({where}) {roles}: {state}",
                     "rule {rule} ({where}) {roles}: {state}"),
    "explain-fired": ("slo til", "fired"),
    "explain-fired-points": ("slo til, {points} poeng", "fired, {points} points"),
    "explain-not-fired": ("slo ikke til", "did not fire"),
    "explain-always": ("ingen betingelser; gjelder alltid", "no conditions; always applies"),
    "explain-role-recommends": ("anbefaler {measure}", "recommends {measure}"),
    "explain-role-suppresses": ("undertrykker {measure}", "suppresses {measure}"),
    "explain-role-defers": ("utsetter {measure}", "defers {measure}"),
    "explain-role-derives": ("utleder behovet {need}", "derives need {need}"),
    "explain-needs": ("Behov som reglene over tester:", "Needs the rules above test:"),
    "explain-all": ("alle disse:", "all of:"),
    "explain-any": ("minst én av disse:", "at least one of:"),
    "explain-not": ("ikke dette:", "not this:"),
    "explain-value": ("{fact} = {value}", "{fact} = {value}"),
    "explain-unknown": ("{fact} er ukjent (mangler i profilen)",
                        "{fact} is unknown (not in the profile)"),
    "explain-short": ("mangler {amount}", "{amount} short"),
    "explain-over": ("{amount} for høyt", "{amount} too high"),
    "explain-need-held": ("behovet {need} er utledet", "need {need} is derived"),
    "explain-need-missing": ("behovet {need} er ikke utledet", "need {need} is not derived"),
})

_OPS: dict[str, tuple[str, str]] = {
    ">=": ("må være minst", "needs at least"),
    ">": ("må være over", "needs above"),
    "<=": ("må være høyst", "needs at most"),
    "<": ("må være under", "needs below"),
}
_SHARE_WORDS = {
    "at_or_below": ("andel på nivå {level} eller lavere", "share at level {level} or below"),
    "at_or_above": ("andel på nivå {level} eller høyere", "share at level {level} or above"),
}


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ConditionTrace(_Out):
    """One condition and whether it held; ``short_by`` is the distance to holding."""

    kind: Literal["all", "any", "not", "compare", "equals", "in", "has_any", "need"]
    held: bool
    fact: str | None = None
    op: str | None = None
    expected: FactValue = None
    actual: FactValue = None
    known: bool = True
    short_by: float | None = None
    items: list[ConditionTrace] = []


class RuleTrace(_Out):
    """A rule that mentions the measure (or derives a need such a rule tests)."""

    rule: str
    file: str
    line: int
    recommends: bool = False
    suppresses: bool = False
    defers: bool = False
    derives: list[str] = []
    fired: bool
    points: float | None = None
    #: A standing task (``standing: true``); ``counted`` False where its points did not count
    #: because the profile states a level and a finding gives the measure already.
    standing: bool = False
    counted: bool = True
    because: Text
    condition: ConditionTrace | None


class MeasureExplanation(_Out):
    measure: str
    title: Text
    status: Literal["recommended", "suppressed", "not-recommended"]
    rank: int | None = None
    score: float | None = None
    #: Only standing tasks give it and the profile states a level: ranked after the findings
    #: (recommended) or left out because the profile shows no need where it works.
    standing_only: bool = False
    suppressed_by: list[dict[str, Any]] = []
    rules: list[RuleTrace]
    needs: list[RuleTrace]


class Explanation(_Out):
    format: Literal["tiltak.authoring.explain/1"] = "tiltak.authoring.explain/1"
    subject: dict[str, str | None]
    measures: list[MeasureExplanation]

    def to_json(self) -> str:
        """Canonical JSON text (two-space indent, trailing newline)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    def render(self, lang: Lang = "en", catalogue: Catalogue | None = None) -> str:
        """Readable text: one block per measure, conditions indented under each rule.

        With the ``catalogue``, roles and sectors are named (Leder), not given as ids.
        """
        names = _names(catalogue)
        name = self.subject.get("name") or self.subject.get("id") or self.subject["kind"] or ""
        lines = [message("explain-title", lang, name=name), ""]
        if not self.measures:
            lines.append(message("explain-none", lang))
        for item in self.measures:
            lines.extend(_render_measure(item, lang, names))
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"


# --- building ------------------------------------------------------------------------------------


@checked
def explain(engine: Engine, profile: Profile | Mapping[str, Any] | str | Path,
            measure: str | None = None, top: int = 3) -> Explanation:
    """Explain ``measure`` (or the ``top`` suggestions) for ``profile`` under ``engine``."""
    loaded = load_profile(profile, catalogue=engine.catalogue)  # every problem in one error
    if measure is not None and measure not in engine.catalogue.measures:
        raise TiltakError("explain-unknown-measure", value=measure)
    facts, _ = build_facts(whole(loaded), engine.catalogue)
    fired, needs = engine.fired(facts)
    result = engine.suggest(loaded)
    wanted = [measure] if measure is not None else result.measures()[:top]
    fired_ids = {r.id for r in fired}
    levels = any(loaded.competence.values())
    measures = [_measure(engine, m, result, facts, needs, fired_ids, levels) for m in wanted]
    subject = loaded.subject
    return Explanation(subject={"kind": subject.kind, "id": subject.id, "name": subject.name},
                       measures=measures)


def _measure(engine: Engine, measure_id: str, result: Result, facts: Facts,
             needs: frozenset[str], fired: set[str], levels: bool) -> MeasureExplanation:
    measure = engine.catalogue.measures[measure_id]
    rules = [r for r in engine.rules.rules
             if measure_id in r.suppresses or measure_id in r.defers
             or any(rec.measure == measure_id for rec in r.recommends)]
    rules.sort(key=lambda r: (r.file, r.line, r.id))
    traces = [_rule(r, measure_id, facts, needs, fired) for r in rules]
    filled = _filled_reasons(result, measure_id)
    traces = [_with_reason(t, r, filled, facts, engine.catalogue)
              for t, r in zip(traces, rules, strict=True)]
    tested: list[str] = []
    queue = [n for r in rules for n in sorted(r.tested_needs())]
    while queue:
        need = queue.pop(0)
        if need in tested:
            continue
        tested.append(need)
        for r in engine.rules.rules:
            if need in r.derives:
                queue.extend(sorted(r.tested_needs()))
    need_rules = sorted((r for r in engine.rules.rules if set(r.derives) & set(tested)),
                        key=lambda r: (r.file, r.line, r.id))
    need_traces = [_with_reason(_rule(r, None, facts, needs, fired), r, {}, facts,
                                engine.catalogue) for r in need_rules]
    rec = next((r for r in result.recommendations if r.measure == measure_id), None)
    gone = [s for s in result.suppressed if s.measure == measure_id]
    # Only standing tasks give it where a level is stated: the result says so of a measure it
    # recommends (``fills_in``); of one it left out, the rules that gave points tell.
    giving = [t for t in traces if t.fired and t.points is not None]
    standing_only = (rec.fills_in if rec is not None
                     else levels and bool(giving) and all(t.standing for t in giving))
    if levels and not standing_only:
        counted = {x.rule for x in rec.reasons} if rec is not None else set()
        traces = [t.model_copy(update={"counted": False})
                  if t.standing and t.fired and t.points is not None and t.rule not in counted
                  else t for t in traces]
    score = None
    if rec is not None:
        status: Literal["recommended", "suppressed", "not-recommended"] = "recommended"
        score = rec.score
    elif gone:
        status = "suppressed"
    else:
        status = "not-recommended"
        points = [t.points for t in traces if t.fired and t.points is not None]
        score = round(sum(points), _DIGITS) if points else None
    return MeasureExplanation(
        measure=measure_id,
        title=measure.title,
        status=status,
        rank=rec.rank if rec is not None else None,
        score=score,
        suppressed_by=[s.model_dump(mode="json", include={"rule", "context", "because"})
                       for s in gone],
        standing_only=standing_only,
        rules=traces,
        needs=need_traces,
    )


def _filled_reasons(result: Result, measure_id: str) -> dict[str, Text]:
    """The reasons the result gives for ``measure_id`` by rule, with the profile's numbers."""
    filled: dict[str, Text] = {}
    for rec in result.recommendations:
        if rec.measure == measure_id:
            filled.update((x.rule, x.because) for x in rec.reasons)
            filled.update((d.rule, d.because) for d in rec.deferred)
    filled.update((s.rule, s.because) for s in result.suppressed
                  if s.measure == measure_id and s.rule is not None)
    return filled


def _with_reason(trace: RuleTrace, rule: Rule, filled: Mapping[str, Text], facts: Facts,
                 catalogue: Catalogue) -> RuleTrace:
    """The trace with its reason as the reader should see it: in the profile's numbers where
    the rule fired, with the placeholders named (``[level]``) where it did not (a number
    there would read as a finding the rule did not make)."""
    reason = rule.reason
    if "{" not in reason.nb and "{" not in reason.en:
        return trace
    if trace.rule in filled:
        because = filled[trace.rule]
    elif trace.fired:
        tested = condition_facts(rule.when) if rule.when is not None else ()
        because = fill_reason(reason, {}, tuple(tested), dict(facts), catalogue)
    else:
        because = Text(nb=_named_placeholders(reason.nb, "nb"),
                       en=_named_placeholders(reason.en, "en"))
    return trace.model_copy(update={"because": because})


def _named_placeholders(text: str, lang: Lang) -> str:
    def name(match: re.Match[str]) -> str:
        kind = match.group(1).split(":", 1)[0]
        if kind not in PLACEHOLDER_KINDS:
            return match.group(0)
        return f"[{message(f'explain-ph-{kind}', lang)}]"
    return re.sub(r"\{([^{}]*)\}", name, text)


def _rule(rule: Rule, measure: str | None, facts: Facts, needs: frozenset[str],
          fired: set[str]) -> RuleTrace:
    did_fire = rule.id in fired
    points = None
    recs = [r for r in rule.recommends if r.measure == measure]
    if recs and did_fire:
        points = round(sum(r.weight
                           + sum(m * float(facts.get(g, 0.0)) for g, m in r.per_gap)
                           + sum(m * float(facts.get(g, 0.0)) for g, m in r.per_share)
                           + sum(m * (t - float(v)) for g, t, m in r.per_below
                                 if isinstance(v := facts.get(g), int | float)
                                 and not isinstance(v, bool) and v < t)
                           for r in recs), _DIGITS)
    return RuleTrace(
        rule=rule.id,
        file=rule.file,
        line=rule.line,
        recommends=bool(recs),
        suppresses=measure in rule.suppresses,
        defers=measure in rule.defers,
        derives=list(rule.derives) if measure is None else [],
        fired=did_fire,
        points=points,
        standing=rule.standing,
        because=rule.reason,
        condition=_trace(rule.when, facts, needs) if rule.when is not None else None,
    )


def _trace(node: Condition, facts: Facts, needs: frozenset[str]) -> ConditionTrace:
    if isinstance(node, AllOf | AnyOf):
        items = [_trace(i, facts, needs) for i in node.items]
        if isinstance(node, AllOf):
            return ConditionTrace(kind="all", held=all(i.held for i in items), items=items)
        return ConditionTrace(kind="any", held=any(i.held for i in items), items=items)
    if isinstance(node, Not):
        inner = _trace(node.item, facts, needs)
        return ConditionTrace(kind="not", held=not inner.held, items=[inner])
    if isinstance(node, NeedHeld):
        return ConditionTrace(kind="need", held=node.need in needs, expected=node.need)
    known = node.fact in facts
    actual = shown_fact(facts.get(node.fact))
    held = holds(node, facts, needs)
    if isinstance(node, Compare):
        value = facts.get(node.fact)
        short = None
        if not held and isinstance(value, int | float) and not isinstance(value, bool):
            short = round(abs(node.value - float(value)), _DIGITS)
        return ConditionTrace(kind="compare", held=held, fact=node.fact, op=node.op,
                              expected=node.value, actual=actual, known=known, short_by=short)
    if isinstance(node, Equals):
        return ConditionTrace(kind="equals", held=held, fact=node.fact, expected=node.value,
                              actual=actual, known=known)
    if isinstance(node, InSet):
        return ConditionTrace(kind="in", held=held, fact=node.fact,
                              expected=sorted(str(v) for v in node.values), actual=actual,
                              known=known)
    return ConditionTrace(kind="has_any", held=held, fact=node.fact,
                          expected=sorted(node.values), actual=actual, known=known)


# --- rendering -----------------------------------------------------------------------------------


def _num(value: float, lang: Lang) -> str:
    return format_number(round(value, _DIGITS), lang, None)


def _value(value: FactValue, lang: Lang) -> str:
    if isinstance(value, bool):
        return ("ja" if value else "nei") if lang == "nb" else ("true" if value else "false")
    if isinstance(value, int | float):
        return _num(float(value), lang)
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if value is None:
        return "-"
    return str(value)


def _fact_name(fact: str, lang: Lang) -> str:
    """A fact as an adviser writes it: ``gap digitalisering.evner`` rather than a key."""
    parts = fact.split(".")
    if len(parts) == 3 and parts[0] not in ("subject", "context", "attribute"):
        area, dim, what = parts
        shown_dim = DIMENSION_NAMES_NB.get(dim, dim) if lang == "nb" else dim
        if what.startswith("share_at_or_"):
            side, level = what[len("share_"):].rsplit("_", 1)
            label = _SHARE_WORDS[side][0 if lang == "nb" else 1].format(level=level)
            return f"{label} {area}.{shown_dim}"
        names = {"level": ("nivå", "level"), "gap": ("gap", "gap"), "target": ("mål", "target")}
        label = names.get(what, (what, what))[0 if lang == "nb" else 1]
        return f"{label} {area}.{shown_dim}"
    return fact


_Names = Mapping[str, Mapping[str, Text]]
_KIND_NAMES: dict[str, Text] = {
    kind: Text(nb=nb, en=en) for kind, (nb, en) in SUBJECT_KIND_NAMES.items()
}
_ID_FACTS: dict[str, tuple[str, str]] = {
    "subject.roles": ("roller", "roles"),
    "subject.sector": ("sektor", "sector"),
    "context.sectors": ("sektorer", "sectors"),
    "subject.kind": ("profiltype", "profile kind"),
}


def _names(catalogue: Catalogue | None) -> dict[str, Mapping[str, Text]]:
    """Display names for the ids a condition compares, by fact."""
    names: dict[str, Mapping[str, Text]] = {"subject.kind": _KIND_NAMES}
    if catalogue is not None:
        roles = {k: v.name for k, v in catalogue.roles.items()}
        sectors = {k: v.name for k, v in catalogue.sectors.items()}
        names.update({"subject.roles": roles, "subject.sector": sectors,
                      "context.sectors": sectors})
    return names


def _named(value: object, table: Mapping[str, Text], lang: Lang) -> str:
    if isinstance(value, list):
        return ", ".join(_named(v, table, lang) for v in value) or "-"
    entry = table.get(str(value))
    return entry.get(lang) if entry is not None else str(value)


def _leaf(item: ConditionTrace, lang: Lang, names: _Names) -> str:
    if item.kind == "need":
        key = "explain-need-held" if item.held else "explain-need-missing"
        return message(key, lang, need=item.expected)
    table = names.get(item.fact or "")
    if table is not None and item.kind != "compare":
        fact = _ID_FACTS[item.fact or ""][0 if lang == "nb" else 1]
        shown = (message("explain-unknown", lang, fact=fact) if not item.known else
                 message("explain-value", lang, fact=fact, value=_named(item.actual, table, lang)))
        expected = sorted(item.expected) if isinstance(item.expected, list) else [item.expected]
        word = "må være en av " if lang == "nb" else "needs one of "
        if len(expected) == 1:
            word = "må være " if lang == "nb" else "needs "
        return f"{shown}, {word}{_named(expected, table, lang)}"
    fact = _fact_name(item.fact or "", lang)
    if not item.known:
        shown = message("explain-unknown", lang, fact=fact)
    else:
        shown = message("explain-value", lang, fact=fact, value=_value(item.actual, lang))
    if item.kind == "compare":
        assert item.op is not None
        want = f"{_OPS[item.op][0 if lang == 'nb' else 1]} {_value(item.expected, lang)}"
        text = f"{shown}, {want}"
        if item.short_by is not None:
            key = "explain-short" if item.op in (">=", ">") else "explain-over"
            text += f" ({message(key, lang, amount=_num(item.short_by, lang))})"
        return text
    if item.kind == "equals":
        want = ("må være " if lang == "nb" else "needs ") + _value(item.expected, lang)
    else:
        expected = item.expected if isinstance(item.expected, list) else [item.expected]
        want = ("må være en av " if lang == "nb" else "needs one of ") + ", ".join(
            str(v) for v in expected)
    return f"{shown}, {want}"


def _render_condition(item: ConditionTrace, lang: Lang, depth: int,
                      names: _Names) -> list[str]:
    mark = "[+]" if item.held else "[-]"
    pad = "    " * depth
    if item.kind in ("all", "any", "not"):
        lines = [f"{pad}{mark} {message('explain-' + item.kind, lang)}"]
        for child in item.items:
            lines.extend(_render_condition(child, lang, depth + 1, names))
        return lines
    return [f"{pad}{mark} {_leaf(item, lang, names)}"]


def _render_rule(trace: RuleTrace, measure: str | None, lang: Lang,
                 names: _Names) -> list[str]:
    roles = []
    for flag, key in ((trace.recommends, "recommends"), (trace.suppresses, "suppresses"),
                      (trace.defers, "defers")):
        if flag:
            roles.append(message(f"explain-role-{key}", lang, measure=measure))
    roles.extend(message("explain-role-derives", lang, need=n) for n in trace.derives)
    if trace.fired and trace.points is not None:
        state = message("explain-fired-points", lang, points=_num(trace.points, lang))
        if not trace.counted:
            state += "; " + message("explain-not-counted", lang)
    else:
        state = message("explain-fired" if trace.fired else "explain-not-fired", lang)
    if trace.standing:
        state = f"{state} ({message('explain-standing', lang)})"
    lines = [message("explain-rule", lang, rule=trace.rule, where=f"{trace.file}:{trace.line}",
                     roles=", ".join(roles), state=state)]
    lines.append("    " + (trace.because.nb if lang == "nb" else trace.because.en))
    if trace.condition is None:
        lines.append("    " + message("explain-always", lang))
    else:
        lines.extend(_render_condition(trace.condition, lang, 1, names))
    return lines


def _render_measure(item: MeasureExplanation, lang: Lang, names: _Names) -> list[str]:
    title = item.title.nb if lang == "nb" else item.title.en
    if item.status == "recommended":
        state = message("explain-recommended", lang, rank=item.rank,
                        score=_num(item.score or 0.0, lang))
        if item.standing_only:
            state += "; " + message("explain-standing-after", lang)
    elif item.status == "suppressed":
        state = message("explain-suppressed", lang)
    elif item.standing_only:
        state = message("explain-standing-met", lang)
    elif item.score is not None:
        state = message("explain-low-score", lang, score=_num(item.score, lang))
    else:
        state = message("explain-not-recommended", lang)
    lines = [f"{item.measure} ({title}): {state}"]
    for gone in item.suppressed_by:
        because = gone["because"]["nb" if lang == "nb" else "en"]
        if gone.get("rule"):
            lines.append("  " + message("explain-by-rule", lang, rule=gone["rule"],
                                        because=because))
        else:
            lines.append("  " + message("explain-by-context", lang, field=gone["context"],
                                        because=because))
    if not item.rules:
        lines.append("  " + message("explain-no-rules", lang))
    for trace in item.rules:
        lines.extend("  " + line for line in _render_rule(trace, item.measure, lang, names))
    if item.needs:
        lines.append("  " + message("explain-needs", lang))
        for trace in item.needs:
            lines.extend("    " + line for line in _render_rule(trace, None, lang, names))
    return lines
