"""Declarative rules: the YAML rule language and its compiled, engine-neutral form.

:func:`load_rules` reads a directory of rule files, validates them against a
catalogue and compiles them into a :class:`RuleSet`: an immutable tree of
plain dataclasses that every evaluation backend reads. The language is
documented in ``docs/rule-language.md``.

Facts are named by strings: ``AREA.DIM.level``, ``AREA.DIM.target``,
``AREA.DIM.gap``, ``AREA.DIM.share_at_or_below_L`` and
``AREA.DIM.share_at_or_above_L`` (numbers); ``respondents`` and
``sectors.count`` (numbers); ``subject.kind``, ``subject.sector`` and
``attribute.NAME`` (scalars); ``subject.roles``, ``context.sectors``,
``context.running_measures`` and ``context.avoid_formats`` (sets of ids).
"""

from __future__ import annotations

import graphlib
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias

from tiltak._validation import DIMENSION_ALIASES, DIMENSIONS, ID_PATTERN, Text
from tiltak._yaml import YamlDoc, load_yaml_file, yaml_files
from tiltak.catalogue import FORMATS, Catalogue, Source
from tiltak.errors import Problem, RuleError
from tiltak.profile import SUBJECT_KINDS

__all__ = [
    "AllOf",
    "AnyOf",
    "Compare",
    "Condition",
    "Equals",
    "HasAny",
    "InSet",
    "NeedHeld",
    "Not",
    "Op",
    "Recommend",
    "Rule",
    "RuleSet",
    "condition_facts",
    "load_rules",
    "parse_rules",
    "rules_from_mapping",
]

Op = Literal[">=", "<=", ">", "<"]
_COMPARISONS: dict[str, Op] = {"at_least": ">=", "at_most": "<=", "above": ">", "below": "<"}
_Scalar = str | int | float | bool | None


# --- the compiled form -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Compare:
    """A numeric fact compared with a constant; false when the fact is unknown."""

    fact: str
    op: Op
    value: float


@dataclass(frozen=True, slots=True)
class Equals:
    """A scalar fact equal to a constant; false when the fact is unknown."""

    fact: str
    value: _Scalar


@dataclass(frozen=True, slots=True)
class InSet:
    """A scalar fact that is one of the values."""

    fact: str
    values: frozenset[_Scalar]


@dataclass(frozen=True, slots=True)
class HasAny:
    """A set-valued fact that contains at least one of the values."""

    fact: str
    values: frozenset[str]


@dataclass(frozen=True, slots=True)
class NeedHeld:
    """A need derived by a rule that fired earlier in the same evaluation."""

    need: str


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition


Condition: TypeAlias = Compare | Equals | InSet | HasAny | NeedHeld | AllOf | AnyOf | Not


@dataclass(frozen=True, slots=True)
class Recommend:
    """Score for a measure: ``weight + sum(multiplier * gap)`` over ``per_gap``."""

    measure: str
    weight: float
    per_gap: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule. ``suppresses``/``defers`` are measure ids (formats expanded)."""

    id: str
    reason: Text
    when: Condition | None
    recommends: tuple[Recommend, ...] = ()
    derives: tuple[str, ...] = ()
    suppresses: tuple[str, ...] = ()
    defers: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    lesson: int | None = None
    file: str = ""
    line: int = 0

    def tested_needs(self) -> frozenset[str]:
        return frozenset(_needs_in(self.when)) if self.when is not None else frozenset()


@dataclass(frozen=True)
class RuleSet:
    """Compiled rules in evaluation order (rules deriving a need before rules testing it)."""

    rules: tuple[Rule, ...]
    needs: frozenset[str]
    fingerprint: str
    catalogue_fingerprint: str = ""
    by_id: Mapping[str, Rule] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.rules)


def _needs_in(cond: Condition | None) -> Iterable[str]:
    if isinstance(cond, NeedHeld):
        yield cond.need
    elif isinstance(cond, AllOf | AnyOf):
        for item in cond.items:
            yield from _needs_in(item)
    elif isinstance(cond, Not):
        yield from _needs_in(cond.item)


def condition_facts(cond: Condition | None) -> list[str]:
    """Every fact a condition reads, in order of first appearance."""
    out: dict[str, None] = {}

    def walk(node: Condition | None) -> None:
        if isinstance(node, Compare | Equals | InSet | HasAny):
            out.setdefault(node.fact, None)
        elif isinstance(node, AllOf | AnyOf):
            for item in node.items:
                walk(item)
        elif isinstance(node, Not):
            walk(node.item)

    walk(cond)
    return list(out)


# --- parsing -------------------------------------------------------------------------------------

_Loc = tuple[str | int, ...]

_RANGES: dict[str, tuple[float, float, str]] = {
    "level": (1.0, 5.0, "rule-level-range"),
    "target": (1.0, 5.0, "rule-level-range"),
    "gap": (0.0, 4.0, "v-other"),
    "share": (0.0, 1.0, "rule-share-range"),
}
_REF_KINDS = ("gap", "level", "target", "share")
_SCALAR_KINDS = {
    "subject": "subject.kind",
    "sector": "subject.sector",
}
_SET_KINDS = {
    "role": "subject.roles",
    "has_sector": "context.sectors",
    "running": "context.running_measures",
    "avoids": "context.avoid_formats",
}
_CONDITION_KINDS = (
    *_REF_KINDS,
    "respondents",
    "sectors",
    *_SCALAR_KINDS,
    *_SET_KINDS,
    "attribute",
    "need",
    "all",
    "any",
    "not",
)
_RULE_FIELDS = ("id", "reason", "when", "then", "sources", "lesson", "description")
_THEN_FIELDS = ("recommend", "derive", "suppress", "defer")


@dataclass
class _Parser:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    doc: YamlDoc | None = None
    rule_id: str | None = None
    tested: list[tuple[str, YamlDoc, _Loc, str | None]] = field(default_factory=list)

    # -- helpers --
    def fail(self, loc: _Loc, key: str, *, at_key: bool = False, **params: Any) -> None:
        assert self.doc is not None
        self.problems.append(self.doc.problem(loc, key, at_key=at_key, rule=self.rule_id,
                                              **params))

    def number(self, value: object, loc: _Loc) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(loc, "v-type", expected="a number", expected_nb="et tall",
                      got=_shown(value))
            return None
        return float(value)

    def id_list(self, value: object, loc: _Loc) -> list[tuple[str, _Loc]]:
        items = value if isinstance(value, list) else [value]
        out: list[tuple[str, _Loc]] = []
        for i, item in enumerate(items):
            item_loc = (*loc, i) if isinstance(value, list) else loc
            if not isinstance(item, str) or not item:
                self.fail(item_loc, "v-type", expected="an id", expected_nb="en id",
                          got=_shown(item))
            else:
                out.append((item, item_loc))
        if isinstance(value, list) and not value:
            self.fail(loc, "v-too-short", limit=1)
        return out

    def mapping(self, value: object, loc: _Loc) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(loc, "v-type", expected="a mapping (key: value)",
                      expected_nb="en tabell (nøkkel: verdi)", got=_shown(value))
            return None
        return value

    def ref(self, value: object, loc: _Loc) -> str | None:
        """Parse ``AREA.DIM`` into ``area.dimension`` with the English dimension."""
        if not isinstance(value, str) or value.count(".") != 1:
            self.fail(loc, "rule-bad-ref", value=_shown(value))
            return None
        area, dim = value.split(".")
        dim = DIMENSION_ALIASES.get(dim.lower(), dim)
        ok = True
        if area not in self.catalogue.areas:
            self.fail(loc, "rule-unknown-area", area=area, known=", ".join(self.catalogue.areas))
            ok = False
        if dim not in DIMENSIONS:
            self.fail(loc, "rule-unknown-dimension", dimension=value.split(".")[1])
            ok = False
        return f"{area}.{dim}" if ok else None

    def comparisons(self, cond: dict[str, Any], loc: _Loc, kind: str, fact: str | None,
                    bounds: tuple[float, float, str] | None) -> list[Condition]:
        out: list[Condition] = []
        lo, hi = float("-inf"), float("inf")
        lo_strict = hi_strict = False
        for name, op in _COMPARISONS.items():
            if name not in cond:
                continue
            value = self.number(cond[name], (*loc, name))
            if value is None:
                continue
            if bounds is not None and not bounds[0] <= value <= bounds[1]:
                key = bounds[2]
                params: dict[str, Any] = {"value": value}
                if key == "v-other":
                    params = {"detail": f"{value} is outside {bounds[0]}-{bounds[1]}"}
                self.fail((*loc, name), key, **params)
                continue
            if op in (">=", ">"):
                if value > lo or (value == lo and op == ">"):
                    lo, lo_strict = value, op == ">"
            elif value < hi or (value == hi and op == "<"):
                hi, hi_strict = value, op == "<"
            if fact is not None:
                out.append(Compare(fact, op, value))
        if not any(name in cond for name in _COMPARISONS):
            self.fail(loc, "rule-no-comparison", kind=kind, expected=", ".join(_COMPARISONS))
        if lo > hi or (lo == hi and (lo_strict or hi_strict)):
            self.fail(loc, "rule-impossible-range", detail=_range_text(lo, lo_strict, hi,
                                                                         hi_strict))
        return out

    def allowed(self, cond: dict[str, Any], loc: _Loc, kind: str, fields: Sequence[str]) -> None:
        for name in cond:
            if name != kind and name not in fields:
                self.fail((*loc, name), "rule-condition-field", at_key=True, field=name,
                          kind=kind, expected=", ".join((kind, *fields)))

    # -- conditions --
    def condition(self, value: object, loc: _Loc) -> Condition | None:
        cond = self.mapping(value, loc)
        if cond is None:
            return None
        kinds = [k for k in cond if k in _CONDITION_KINDS]
        if len(kinds) != 1:
            self.fail(loc, "rule-condition-kind", expected=", ".join(_CONDITION_KINDS),
                      got=", ".join(cond) or "{}")
            return None
        kind = kinds[0]
        if kind in ("all", "any"):
            self.allowed(cond, loc, kind, ())
            items = cond[kind]
            if not isinstance(items, list) or not items:
                self.fail((*loc, kind), "v-type", expected="a non-empty list of conditions",
                          expected_nb="en liste med betingelser", got=_shown(items))
                return None
            parsed = [self.condition(item, (*loc, kind, i)) for i, item in enumerate(items)]
            if any(p is None for p in parsed):
                return None
            group = tuple(p for p in parsed if p is not None)
            return AllOf(group) if kind == "all" else AnyOf(group)
        if kind == "not":
            self.allowed(cond, loc, kind, ())
            inner = self.condition(cond["not"], (*loc, "not"))
            return Not(inner) if inner is not None else None
        if kind in _REF_KINDS:
            extra = ("at_or_below", "at_or_above") if kind == "share" else ()
            self.allowed(cond, loc, kind, (*_COMPARISONS, *extra))
            raw = cond[kind]
            if isinstance(raw, str) and raw.startswith("*."):
                # "*.attitudes": the condition holds for at least one area.
                refs = [self.ref(f"{area}.{raw[2:]}", (*loc, kind))
                        for area in self.catalogue.areas]
                if not refs or refs[0] is None:
                    return None
                parts = [self.ref_condition(cond, loc, kind, ref, report=i == 0)
                         for i, ref in enumerate(refs)]
                found = [p for p in parts if p is not None]
                return AnyOf(tuple(found)) if len(found) == len(parts) and found else None
            ref = self.ref(raw, (*loc, kind))
            return self.ref_condition(cond, loc, kind, ref, report=True)
        if kind in ("respondents", "sectors"):
            self.allowed(cond, loc, kind, ())
            inner_map = self.mapping(cond[kind], (*loc, kind))
            if inner_map is None:
                return None
            self.allowed_inner(inner_map, (*loc, kind), kind)
            fact = "respondents" if kind == "respondents" else "sectors.count"
            return _all(self.comparisons(inner_map, (*loc, kind), kind, fact, (0, 1e9, "v-other")))
        if kind == "need":
            self.allowed(cond, loc, kind, ())
            need = cond["need"]
            if not isinstance(need, str) or not need:
                self.fail((*loc, "need"), "v-type", expected="a need id", expected_nb="en behov-id",
                          got=_shown(need))
                return None
            assert self.doc is not None
            self.tested.append((need, self.doc, (*loc, "need"), self.rule_id))
            return NeedHeld(need)
        if kind == "attribute":
            return self.attribute(cond, loc)
        self.allowed(cond, loc, kind, ())
        values = self.id_list(cond[kind], (*loc, kind))
        self.check_ids(kind, values)
        ids = frozenset(v for v, _ in values)
        if not ids:
            return None
        if kind in _SCALAR_KINDS:
            return InSet(_SCALAR_KINDS[kind], frozenset(ids))
        return HasAny(_SET_KINDS[kind], ids)

    def ref_condition(self, cond: dict[str, Any], loc: _Loc, kind: str, ref: str | None,
                      report: bool) -> Condition | None:
        """The comparisons of a gap/level/target/share condition on one AREA.DIM."""
        before = len(self.problems)
        fact = None
        if kind == "share":
            fact = self.share_fact(cond, loc, ref)
        elif ref is not None:
            fact = f"{ref}.{kind}"
        result = _all(self.comparisons(cond, loc, kind, fact, _RANGES[kind]))
        if not report:
            del self.problems[before:]  # the same problems were reported for the first area
        return result

    def allowed_inner(self, cond: dict[str, Any], loc: _Loc, kind: str) -> None:
        for name in cond:
            if name not in _COMPARISONS:
                self.fail((*loc, name), "rule-condition-field", at_key=True, field=name,
                          kind=kind, expected=", ".join(_COMPARISONS))

    def share_fact(self, cond: dict[str, Any], loc: _Loc, ref: str | None) -> str | None:
        sides = [s for s in ("at_or_below", "at_or_above") if s in cond]
        if len(sides) != 1:
            self.fail(loc, "rule-share-level")
            return None
        side = sides[0]
        level = cond[side]
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            self.fail((*loc, side), "rule-level-range", value=_shown(level))
            return None
        return f"{ref}.share_{side}_{level}" if ref is not None else None

    def attribute(self, cond: dict[str, Any], loc: _Loc) -> Condition | None:
        self.allowed(cond, loc, "attribute", ("equals", "in", *_COMPARISONS))
        name = cond["attribute"]
        if not isinstance(name, str) or not name:
            self.fail((*loc, "attribute"), "v-type", expected="an attribute name",
                      expected_nb="et attributtnavn", got=_shown(name))
            return None
        fact = f"attribute.{name}"
        parts: list[Condition] = []
        if "equals" in cond:
            value = cond["equals"]
            if isinstance(value, dict | list):
                self.fail((*loc, "equals"), "v-type", expected="a single value",
                          expected_nb="én verdi", got=_shown(value))
            else:
                parts.append(Equals(fact, value))
        if "in" in cond:
            values = cond["in"]
            if not isinstance(values, list) or not values or any(
                isinstance(v, dict | list) for v in values
            ):
                self.fail((*loc, "in"), "v-type", expected="a list of values",
                          expected_nb="en liste med verdier", got=_shown(values))
            else:
                parts.append(InSet(fact, frozenset(values)))
        if any(name in cond for name in _COMPARISONS):
            parts.extend(self.comparisons(cond, loc, "attribute", fact, None))
        if not parts and not any(k in cond for k in ("equals", "in", *_COMPARISONS)):
            self.fail(loc, "rule-no-comparison", kind="attribute",
                      expected=", ".join(("equals", "in", *_COMPARISONS)))
        return _all(parts)

    def check_ids(self, kind: str, values: list[tuple[str, _Loc]]) -> None:
        for value, loc in values:
            if kind == "subject" and value not in SUBJECT_KINDS:
                self.fail(loc, "v-choice", value=value, expected=", ".join(SUBJECT_KINDS))
            elif kind in ("sector", "has_sector") and value not in self.catalogue.sectors:
                self.fail(loc, "rule-unknown-sector", value=value)
            elif kind == "role" and value not in self.catalogue.roles:
                self.fail(loc, "rule-unknown-role", value=value)
            elif kind == "running" and value not in self.catalogue.measures:
                self.fail(loc, "rule-unknown-measure", value=value)
            elif kind == "avoids" and value not in FORMATS:
                self.fail(loc, "rule-unknown-format", value=value, expected=", ".join(FORMATS))

    # -- actions --
    def recommend(self, value: object, loc: _Loc) -> list[Recommend]:
        items = value if isinstance(value, list) else [value]
        out: list[Recommend] = []
        for i, item in enumerate(items):
            item_loc = (*loc, i) if isinstance(value, list) else loc
            if isinstance(item, str):
                item = {"measure": item}
            entry = self.mapping(item, item_loc)
            if entry is None:
                continue
            for name in entry:
                if name not in ("measure", "weight", "per_gap"):
                    self.fail((*item_loc, name), "v-extra", at_key=True, field=name)
            measure = entry.get("measure")
            if not isinstance(measure, str):
                self.fail((*item_loc, "measure"), "v-missing" if measure is None else "v-type",
                          expected="a measure id", expected_nb="en tiltaks-id",
                          got=_shown(measure))
                continue
            if measure not in self.catalogue.measures:
                self.fail((*item_loc, "measure"), "rule-unknown-measure", value=measure)
            weight = self.number(entry.get("weight", 1), (*item_loc, "weight"))
            per_gap: list[tuple[str, float]] = []
            raw_gap = entry.get("per_gap", {})
            gap_map = self.mapping(raw_gap, (*item_loc, "per_gap"))
            for ref_text, mult in (gap_map or {}).items():
                ref = self.ref(ref_text, (*item_loc, "per_gap", ref_text))
                factor = self.number(mult, (*item_loc, "per_gap", ref_text))
                if ref is not None and factor is not None:
                    per_gap.append((f"{ref}.gap", factor))
            if weight is not None:
                out.append(Recommend(measure, weight, tuple(per_gap)))
        return out

    def measure_set(self, value: object, loc: _Loc) -> list[str]:
        entry = self.mapping(value, loc)
        if entry is None:
            return []
        chosen: dict[str, None] = {}
        for name in entry:
            if name not in ("measures", "formats"):
                self.fail((*loc, name), "v-extra", at_key=True, field=name)
        for measure, m_loc in self.id_list(entry.get("measures", []), (*loc, "measures")) if (
            "measures" in entry
        ) else []:
            if measure not in self.catalogue.measures:
                self.fail(m_loc, "rule-unknown-measure", value=measure)
            chosen[measure] = None
        for fmt, f_loc in self.id_list(entry.get("formats", []), (*loc, "formats")) if (
            "formats" in entry
        ) else []:
            if fmt not in FORMATS:
                self.fail(f_loc, "rule-unknown-format", value=fmt, expected=", ".join(FORMATS))
            for m in self.catalogue.measures.values():
                if m.format == fmt:
                    chosen[m.id] = None
        if not entry:
            self.fail(loc, "rule-no-comparison", kind="suppress/defer",
                      expected="measures, formats")
        return list(chosen)

    # -- rules --
    def rule(self, value: object, loc: _Loc) -> Rule | None:
        entry = self.mapping(value, loc)
        if entry is None:
            return None
        raw_id = entry.get("id")
        self.rule_id = raw_id if isinstance(raw_id, str) else None
        for name in entry:
            if name not in _RULE_FIELDS:
                self.fail((*loc, name), "v-extra", at_key=True, field=name)
        if not isinstance(raw_id, str) or not re.match(ID_PATTERN, raw_id):
            if raw_id is None:
                self.fail((*loc, "id"), "v-missing")
            else:
                self.fail((*loc, "id"), "v-pattern", value=_shown(raw_id))
        reason = self.text(entry.get("reason"), (*loc, "reason"))
        sources = self.sources(entry.get("sources", []), (*loc, "sources"))
        lesson = entry.get("lesson")
        if lesson is not None and (
            isinstance(lesson, bool) or not isinstance(lesson, int) or not 1 <= lesson <= 10
        ):
            self.fail((*loc, "lesson"), "v-choice", value=_shown(lesson), expected="1-10")
            lesson = None
        when = None
        if "when" in entry:
            when = self.condition(entry["when"], (*loc, "when"))
        then = self.mapping(entry.get("then"), (*loc, "then"))
        recommends: list[Recommend] = []
        derives: list[str] = []
        suppresses: list[str] = []
        defers: list[str] = []
        if then is not None:
            for name in then:
                if name not in _THEN_FIELDS:
                    self.fail((*loc, "then", name), "v-extra", at_key=True, field=name)
            if not any(k in then for k in _THEN_FIELDS):
                self.fail((*loc, "then"), "rule-empty-then")
            if "recommend" in then:
                recommends = self.recommend(then["recommend"], (*loc, "then", "recommend"))
            if "derive" in then:
                for need, n_loc in self.id_list(then["derive"], (*loc, "then", "derive")):
                    if not re.match(ID_PATTERN, need):
                        self.fail(n_loc, "v-pattern", value=need)
                    derives.append(need)
            if "suppress" in then:
                suppresses = self.measure_set(then["suppress"], (*loc, "then", "suppress"))
            if "defer" in then:
                defers = self.measure_set(then["defer"], (*loc, "then", "defer"))
        if not isinstance(raw_id, str) or reason is None:
            return None
        assert self.doc is not None
        return Rule(
            id=raw_id,
            reason=reason,
            when=when,
            recommends=tuple(recommends),
            derives=tuple(dict.fromkeys(derives)),
            suppresses=tuple(suppresses),
            defers=tuple(defers),
            sources=tuple(sources),
            lesson=lesson,
            file=self.doc.file,
            line=self.doc.where(loc)[0],
        )

    def text(self, value: object, loc: _Loc) -> Text | None:
        entry = self.mapping(value, loc) if value is not None else None
        if value is None:
            self.fail(loc, "v-missing")
            return None
        if entry is None:
            return None
        ok = True
        for lang in ("nb", "en"):
            text = entry.get(lang)
            if lang in entry and text is not None and not isinstance(text, str):
                self.fail((*loc, lang), "v-type", expected="text", expected_nb="tekst",
                          got=_shown(text))
                ok = False
            elif not isinstance(text, str) or not text.strip():
                self.fail((*loc, lang) if lang in entry else loc, "rule-reason-missing",
                          lang=lang)
                ok = False
        for name in entry:
            if name not in ("nb", "en"):
                self.fail((*loc, name), "v-extra", at_key=True, field=name)
        return Text(nb=entry["nb"], en=entry["en"]) if ok else None

    def sources(self, value: object, loc: _Loc) -> list[Source]:
        if not isinstance(value, list):
            self.fail(loc, "v-type", expected="a list", expected_nb="en liste", got=_shown(value))
            return []
        out: list[Source] = []
        for i, item in enumerate(value):
            entry = self.mapping(item, (*loc, i))
            if entry is None:
                continue
            for name in entry:
                if name not in ("document", "section"):
                    self.fail((*loc, i, name), "v-extra", at_key=True, field=name)
            doc_key, section = entry.get("document"), entry.get("section")
            if not isinstance(doc_key, str) or section is None:
                self.fail((*loc, i), "v-missing")
                continue
            out.append(Source(document=doc_key, section=str(section)))
        return out


def _all(parts: list[Condition]) -> Condition | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))


def _shown(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    return str(value)


def _range_text(lo: float, lo_strict: bool, hi: float, hi_strict: bool) -> str:
    left = f"{'>' if lo_strict else '>='} {lo:g}"
    right = f"{'<' if hi_strict else '<='} {hi:g}"
    return f"{left} and {right}"


# --- compiling a rule set ---------------------------------------------------------------------


def _order(rules: list[Rule], parser: _Parser) -> list[Rule]:
    """Order rules so that every need is derived before it is tested; reject cycles."""
    derived_by: dict[str, list[Rule]] = {}
    for rule in rules:
        for need in rule.derives:
            derived_by.setdefault(need, []).append(rule)
    for need, doc, loc, rule_id in parser.tested:
        if need not in derived_by:
            parser.problems.append(doc.problem(loc, "rule-unknown-need", rule=rule_id, value=need))
    graph: dict[str, set[str]] = {}
    for rule in rules:
        for need in rule.derives:
            graph.setdefault(need, set()).update(n for n in rule.tested_needs() if n in derived_by)
    sorter = graphlib.TopologicalSorter(graph)
    try:
        need_order = list(sorter.static_order())
    except graphlib.CycleError as exc:
        cycle = list(exc.args[1])
        first = derived_by[cycle[0]][0]
        parser.problems.append(
            Problem("rule-need-cycle", {"cycle": " -> ".join(cycle)}, file=first.file,
                    line=first.line, column=None, rule=first.id)
        )
        return rules
    depth: dict[str, int] = {}
    for need in need_order:
        depth[need] = 1 + max(
            (
                max((depth.get(n, 0) for n in r.tested_needs()), default=0)
                for r in derived_by[need]
            ),
            default=0,
        )
    position = {id(r): i for i, r in enumerate(rules)}

    def stratum(rule: Rule) -> int:
        return max((depth.get(n, 0) for n in rule.tested_needs()), default=0)

    return sorted(rules, key=lambda r: (stratum(r), position[id(r)]))


def _fingerprint(rules: Sequence[Rule], catalogue: Catalogue) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, frozenset):
            return sorted(value, key=repr)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, Text | Source):
            return value.model_dump()
        return value

    payload = [
        {**{k: plain(v) for k, v in asdict(rule).items() if k not in ("file", "line", "when")},
         "when": _cond_json(rule.when)}
        for rule in rules
    ]
    blob = json.dumps({"rules": payload, "catalogue": catalogue.fingerprint}, sort_keys=True,
                      ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _cond_json(cond: Condition | None) -> Any:
    if cond is None:
        return None
    if isinstance(cond, AllOf | AnyOf):
        return {type(cond).__name__: [_cond_json(c) for c in cond.items]}
    if isinstance(cond, Not):
        return {"Not": _cond_json(cond.item)}
    data = {k: getattr(cond, k) for k in cond.__slots__}
    if "values" in data:
        data["values"] = sorted(data["values"], key=repr)
    return {type(cond).__name__: data}


def parse_rules(
    docs: Iterable[YamlDoc], catalogue: Catalogue, problems: list[Problem] | None = None
) -> RuleSet:
    """Compile parsed rule documents against ``catalogue``; raise RuleError on any problem."""
    parser = _Parser(catalogue, problems=list(problems or []))
    rules: list[Rule] = []
    first_seen: dict[str, str] = {}
    for doc in docs:
        parser.doc = doc
        parser.rule_id = None
        data = doc.data
        if data is None:
            continue
        if not isinstance(data, dict):
            parser.fail((), "v-type", expected="a mapping with 'rules'",
                        expected_nb="en tabell med «rules»", got=_shown(data))
            continue
        for key in data:
            if key != "rules":
                parser.fail((key,), "v-extra", at_key=True, field=key)
        raw = data.get("rules") or []
        if not isinstance(raw, list):
            parser.fail(("rules",), "v-type", expected="a list", expected_nb="en liste",
                        got=_shown(raw))
            continue
        for index, item in enumerate(raw):
            rule = parser.rule(item, ("rules", index))
            if rule is None:
                continue
            if rule.id in first_seen:
                parser.fail(("rules", index, "id"), "rule-duplicate-id", id=rule.id,
                            other=first_seen[rule.id])
                continue
            first_seen[rule.id] = f"{rule.file}:{rule.line}"
            rules.append(rule)
    parser.rule_id = None
    ordered = _order(rules, parser)
    if parser.problems:
        raise RuleError(parser.problems)
    return RuleSet(
        rules=tuple(ordered),
        needs=frozenset(n for r in ordered for n in r.derives),
        fingerprint=_fingerprint(ordered, catalogue),
        catalogue_fingerprint=catalogue.fingerprint,
        by_id={r.id: r for r in ordered},
    )


def load_rules(directory: str | Path, catalogue: Catalogue) -> RuleSet:
    """Load, validate and compile every rule file in ``directory``.

    Raises :class:`~tiltak.errors.RuleError` listing every problem found.
    """
    root = Path(directory)
    if root.is_file():
        files = [root]
    elif root.is_dir():
        files = list(yaml_files(root))
        if not files:
            raise RuleError([Problem("no-yaml-files", {"path": str(root)})])
    else:
        raise RuleError([Problem("dir-not-found", {"path": str(root)})])
    docs: list[YamlDoc] = []
    problems: list[Problem] = []
    for path in files:
        doc, found = load_yaml_file(path)
        problems.extend(found)
        # Duplicate keys leave a usable document (the first value kept): check the rest too.
        if doc is not None and all(p.key == "yaml-duplicate-key" for p in found):
            docs.append(doc)
    return parse_rules(docs, catalogue, problems)


def rules_from_mapping(data: Mapping[str, Any], catalogue: Catalogue,
                       file: str = "<rules>") -> RuleSet:
    """Compile rules given as a Python mapping (``{"rules": [...]}``), e.g. in tests."""
    doc = YamlDoc(file, dict(data), {(): (1, 1)}, {})
    return parse_rules([doc], catalogue)
