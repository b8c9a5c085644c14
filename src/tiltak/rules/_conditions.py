"""Parsing conditions (``when:``): comparisons, subject and context tests, all/any/not."""

from __future__ import annotations

from typing import Any

from tiltak.rules._base import (
    _COMPARISONS,
    ParserBase,
    _all,
    _Loc,
    _shown,
    split_decimal,
    yes_no,
)
from tiltak.rules._ir import (
    AllOf,
    AnyOf,
    Condition,
    Equals,
    HasAny,
    InSet,
    NeedHeld,
    Not,
)

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



class ConditionParser(ParserBase):
    """Turns a ``when:`` mapping into a :data:`Condition`, reporting every problem."""



    def condition(self, value: object, loc: _Loc) -> Condition | None:
        cond = self.mapping(value, loc)
        if cond is None:
            return None
        kinds = [k for k in cond if k in _CONDITION_KINDS]
        if len(kinds) != 1:
            unknown = [k for k in cond if k not in _CONDITION_KINDS and k not in _COMPARISONS]
            near = (unknown[0], _CONDITION_KINDS) if not kinds and unknown else None
            self.fail(loc, "rule-condition-kind", expected=", ".join(_CONDITION_KINDS),
                      got=", ".join(cond) or "{}", near=near)
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
        previous: object = None
        for name in cond:
            if name not in _COMPARISONS and not split_decimal(self, cond, loc, name, previous):
                self.fail((*loc, name), "rule-condition-field", at_key=True, field=name,
                          kind=kind, expected=", ".join(_COMPARISONS),
                          near=(name, tuple(_COMPARISONS)))
            previous = cond[name]

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
            elif not yes_no(self, (*loc, "equals"), value):
                parts.append(Equals(fact, value))
        if "in" in cond:
            values = cond["in"]
            if not isinstance(values, list) or not values or any(
                isinstance(v, dict | list) for v in values
            ):
                self.fail((*loc, "in"), "v-type", expected="a list of values",
                          expected_nb="en liste med verdier", got=_shown(values))
            elif not any([yes_no(self, (*loc, "in", i), v) for i, v in enumerate(values)]):
                parts.append(InSet(fact, frozenset(values)))
        if any(name in cond for name in _COMPARISONS):
            parts.extend(self.comparisons(cond, loc, "attribute", fact, None))
        if not parts and not any(k in cond for k in ("equals", "in", *_COMPARISONS)):
            self.fail(loc, "rule-no-comparison", kind="attribute",
                      expected=", ".join(("equals", "in", *_COMPARISONS)))
        return _all(parts)

