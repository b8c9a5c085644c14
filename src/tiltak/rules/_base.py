"""Shared state and helpers of the rule parser: locations, problems, numbers, ids, texts."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tiltak._limits import MAX_AMOUNT
from tiltak._validation import DIMENSION_ALIASES, DIMENSIONS, Text
from tiltak._yaml import YamlDoc
from tiltak.catalogue import FORMATS, Catalogue, Source
from tiltak.errors import Problem
from tiltak.profile import SUBJECT_KINDS
from tiltak.rules._ir import AllOf, Compare, Condition, Op

_COMPARISONS: dict[str, Op] = {"at_least": ">=", "at_most": "<=", "above": ">", "below": "<"}
_Loc = tuple[str | int, ...]
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")



@dataclass
class ParserBase:
    """What every part of the parser shares: the catalogue, the document and the problems."""

    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    doc: YamlDoc | None = None
    rule_id: str | None = None
    tested: list[tuple[str, YamlDoc, _Loc, str | None]] = field(default_factory=list)

    def fail(self, loc: _Loc, key: str, *, at_key: bool = False, **params: Any) -> None:
        assert self.doc is not None
        self.problems.append(self.doc.problem(loc, key, at_key=at_key, rule=self.rule_id,
                                              **params))

    def number(self, value: object, loc: _Loc) -> float | None:
        number, refused = _usable_number(value)
        if refused is not None:
            self.fail(loc, refused[0], **refused[1])
        return number

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
            self.fail(loc, "rule-unknown-area", area=area, known=", ".join(self.catalogue.areas),
                      near=(area, tuple(self.catalogue.areas)))
            ok = False
        if dim not in DIMENSIONS:
            self.fail(loc, "rule-unknown-dimension", dimension=value.split(".")[1],
                      near=(dim, (*DIMENSIONS, *DIMENSION_ALIASES)))
            ok = False
        return f"{area}.{dim}" if ok else None

    def check_ids(self, kind: str, values: list[tuple[str, _Loc]]) -> None:
        for value, loc in values:
            if kind == "subject" and value not in SUBJECT_KINDS:
                self.fail(loc, "v-choice", value=value, expected=", ".join(SUBJECT_KINDS),
                          near=(value, tuple(SUBJECT_KINDS)))
            elif kind in ("sector", "has_sector") and value not in self.catalogue.sectors:
                self.fail(loc, "rule-unknown-sector", value=value,
                          near=(value, tuple(self.catalogue.sectors)))
            elif kind == "role" and value not in self.catalogue.roles:
                self.fail(loc, "rule-unknown-role", value=value,
                          near=(value, tuple(self.catalogue.roles)))
            elif kind == "running" and value not in self.catalogue.measures:
                self.fail(loc, "rule-unknown-measure", value=value,
                          near=(value, tuple(self.catalogue.measures)))
            elif kind == "avoids" and value not in FORMATS:
                self.fail(loc, "rule-unknown-format", value=value, expected=", ".join(FORMATS),
                          near=(value, tuple(FORMATS)))

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
        previous: object = None
        for name in cond:
            if name not in (kind, *fields) and not split_decimal(self, cond, loc, name, previous):
                self.fail((*loc, name), "rule-condition-field", at_key=True, field=name,
                          kind=kind, expected=", ".join((kind, *fields)),
                          near=(name, (kind, *fields)))
            previous = cond[name]


def decimal_comma(value: object) -> object:
    """``"0,5"`` -> 0.5: a Norwegian decimal comma, which YAML reads as text; else unchanged."""
    if isinstance(value, str) and _DECIMAL_COMMA.match(value.strip()):
        return float(value.strip().replace(",", "."))
    return value


def split_decimal(parser: ParserBase, cond: dict[str, Any], loc: _Loc, name: str,
                  previous: object) -> bool:
    """``{at_least: 0,5}``: in a flow mapping the comma split 0,5 into 0 and a key 5."""
    if name.isdigit() and cond[name] is None and isinstance(previous, int) and not isinstance(
            previous, bool):
        parser.fail((*loc, name), "rule-decimal-comma-flow", at_key=True, field=name,
                    whole=previous)
        return True
    return False


def yes_no(parser: ParserBase, loc: _Loc, value: object) -> bool:
    """An unquoted ja/nei/yes/no where a value is compared: refused, with the fix."""
    if parser.doc is not None and loc in parser.doc.yes_no:
        parser.fail(loc, "yaml-yes-no", value=value)
        return True
    return False


def _all(parts: list[Condition]) -> Condition | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else AllOf(tuple(parts))



def _usable_number(raw: object) -> tuple[float | None, tuple[str, dict[str, Any]] | None]:
    """A number in a rule, or why it cannot be used: not a number, not finite, beyond +-1e12.

    "0,5" (YAML reads it as text) is understood. Bounded so that no sum of weights and
    gaps can overflow to infinity.
    """
    value = decimal_comma(raw)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, ("v-type", {"expected": "a number", "expected_nb": "et tall",
                                 "got": _shown(value)})
    if isinstance(value, float) and not math.isfinite(value):
        return None, ("v-finite", {"got": str(value)})
    if abs(value) > MAX_AMOUNT:
        return None, (("v-le", {"value": _shown(value), "limit": "1e12"}) if value > 0 else
                      ("v-ge", {"value": _shown(value), "limit": "-1e12"}))
    return float(value), None


def _shown(value: object) -> str:
    if isinstance(value, str):
        return value if len(value) <= 60 else value[:57] + "..."
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number with more than 19 digits"
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

