"""JSON Schemas for the files advisers edit and the documents tiltak reads and writes.

Editors use them for completion and inline errors (a ``# yaml-language-server:
$schema=...`` line at the top of a YAML file). The rule language is parsed by
hand in :mod:`tiltak.rules`, so its schema is written by hand here, following
``docs/rule-language.md``; catalogue, profile and result schemas come from the
pydantic models. The schemas help while typing; ``tiltak check`` stays the
authority (it also knows the catalogue's ids).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from tiltak._args import checked
from tiltak._i18n import add_messages
from tiltak._io import write_atomic, write_failed
from tiltak._validation import DIMENSION_ALIASES, DIMENSIONS, ID_PATTERN
from tiltak.catalogue import FORMATS, Area, Measure, Role, Sector
from tiltak.errors import TiltakError
from tiltak.profile import SUBJECT_KINDS, Profile
from tiltak.result import Result

__all__ = ["SCHEMA_NAMES", "schema", "schema_text", "write_schemas"]

SCHEMA_NAMES = ("rules", "catalogue", "profile", "result", "survey", "comparison", "plan")
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SUBJECT_KINDS = list(SUBJECT_KINDS)
_ALL_DIMENSIONS = [*DIMENSIONS, *DIMENSION_ALIASES]

add_messages({
    "schema-unknown": ("ukjent skjema «{name}»; forventet en av: {expected}",
                       "unknown schema '{name}'; expected one of: {expected}"),
    "schema-survey-unavailable": (
        "skjemaet for spørreundersøkelser er ikke tilgjengelig i denne versjonen",
        "the survey schema is not available in this version",
    ),
})


# --- the rule language, by hand ------------------------------------------------------------------


def _obj(properties: dict[str, Any], required: list[str], **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required,
            "additionalProperties": False, **extra}


def _comparisons(low: float | None, high: float | None) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number"}
    if low is not None:
        number["minimum"] = low
    if high is not None:
        number["maximum"] = high
    return {name: {**number, "description": text} for name, text in (
        ("at_least", "minst / at least (>=)"),
        ("at_most", "høyst / at most (<=)"),
        ("above", "over / above (>)"),
        ("below", "under / below (<)"),
    )}


_NEEDS_COMPARISON = {"anyOf": [{"required": [n]} for n in ("at_least", "at_most", "above",
                                                            "below")]}


def _ref_condition(kind: str, low: float, high: float, text: str) -> dict[str, Any]:
    props = {kind: {"$ref": "#/$defs/ref", "description": text}, **_comparisons(low, high)}
    return _obj(props, [kind], **_NEEDS_COMPARISON)


def _rules_schema() -> dict[str, Any]:
    one_or_more = {"oneOf": [{"$ref": "#/$defs/id"},
                             {"type": "array", "items": {"$ref": "#/$defs/id"}, "minItems": 1}]}
    formats = {"oneOf": [{"enum": list(FORMATS)},
                         {"type": "array", "items": {"enum": list(FORMATS)}, "minItems": 1}]}
    kinds = {"oneOf": [{"enum": _SUBJECT_KINDS},
                       {"type": "array", "items": {"enum": _SUBJECT_KINDS}, "minItems": 1}]}
    scalar = {"type": ["string", "number", "boolean", "null"]}
    count = _obj(_comparisons(0, None), [], minProperties=1)
    share_props = {
        "share": {"$ref": "#/$defs/ref",
                  "description": "andel svar / share of respondents (AREA.DIM)"},
        "at_or_below": {"type": "integer", "minimum": 1, "maximum": 5},
        "at_or_above": {"type": "integer", "minimum": 1, "maximum": 5},
        **_comparisons(0, 1),
    }
    conditions = [
        _ref_condition("gap", 0, 4, "gap = max(0, mål - nivå) / max(0, target - level)"),
        _ref_condition("level", 1, 5, "nivå 1-5 / level 1-5"),
        _ref_condition("target", 1, 5, "målnivå 1-5 / target level 1-5"),
        _obj(share_props, ["share"], allOf=[
            {"oneOf": [{"required": ["at_or_below"]}, {"required": ["at_or_above"]}]},
            _NEEDS_COMPARISON]),
        _obj({"respondents": count}, ["respondents"]),
        _obj({"sectors": count}, ["sectors"]),
        _obj({"subject": kinds}, ["subject"]),
        _obj({"sector": one_or_more}, ["sector"]),
        _obj({"role": one_or_more}, ["role"]),
        _obj({"has_sector": one_or_more}, ["has_sector"]),
        _obj({"running": one_or_more}, ["running"]),
        _obj({"avoids": formats}, ["avoids"]),
        _obj({"attribute": {"type": "string", "minLength": 1}, "equals": scalar,
              "in": {"type": "array", "items": scalar, "minItems": 1},
              **_comparisons(None, None)}, ["attribute"],
             anyOf=[{"required": [n]} for n in ("equals", "in", "at_least", "at_most",
                                                 "above", "below")]),
        _obj({"need": {"$ref": "#/$defs/id"}}, ["need"]),
        _obj({"all": {"type": "array", "items": {"$ref": "#/$defs/condition"},
                      "minItems": 1}}, ["all"]),
        _obj({"any": {"type": "array", "items": {"$ref": "#/$defs/condition"},
                      "minItems": 1}}, ["any"]),
        _obj({"not": {"$ref": "#/$defs/condition"}}, ["not"]),
    ]
    recommend_item = {"oneOf": [
        {"$ref": "#/$defs/id"},
        _obj({"measure": {"$ref": "#/$defs/id"}, "weight": {"type": "number"},
              "per_gap": {"type": "object",
                          "propertyNames": {"$ref": "#/$defs/ref"},
                          "additionalProperties": {"type": "number"}},
              "per_share": {"type": "object",
                            "propertyNames": {"$ref": "#/$defs/ref"},
                            "additionalProperties": {"type": "number"}},
              "per_attribute": {"type": "object",
                                "additionalProperties": _obj(
                                    {"below": {"type": "number"},
                                     "per_point": {"type": "number"}},
                                    ["below", "per_point"])}}, ["measure"]),
    ]}
    measure_set = _obj({"measures": one_or_more, "formats": formats,
                        "scope": {"enum": ["matched-areas"]}}, [], minProperties=1)
    then = _obj({
        "recommend": {"oneOf": [recommend_item,
                                {"type": "array", "items": recommend_item, "minItems": 1}]},
        "derive": one_or_more,
        "suppress": measure_set,
        "defer": measure_set,
    }, [], minProperties=1)
    text = _obj({"nb": {"type": "string", "minLength": 1},
                 "en": {"type": "string", "minLength": 1}}, ["nb", "en"])
    source = _obj({"document": {"type": "string", "minLength": 1},
                   "section": {"type": ["string", "number"]}}, ["document", "section"])
    rule = _obj({
        "id": {"$ref": "#/$defs/id"},
        "reason": {"$ref": "#/$defs/text"},
        "description": {"oneOf": [{"type": "string"}, {"$ref": "#/$defs/text"}]},
        "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
        "lesson": {"type": "integer", "minimum": 1, "maximum": 10},
        "standing": {"type": "boolean"},
        "when": {"$ref": "#/$defs/condition"},
        "then": then,
    }, ["id", "reason", "then"])
    dims = "|".join(_ALL_DIMENSIONS)
    return {
        "$schema": _DRAFT,
        "title": "tiltak rules",
        "description": "Regler for tiltak / tiltak rules: see docs/rule-language.md",
        "type": ["object", "null"],
        "properties": {"rules": {"type": ["array", "null"], "items": {"$ref": "#/$defs/rule"}}},
        "additionalProperties": False,
        "$defs": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "ref": {"type": "string", "pattern": rf"^([a-z0-9][a-z0-9_-]*|\*)\.({dims})$",
                    "description": "OMRÅDE.DIMENSJON / AREA.DIMENSION (* = any area)"},
            "text": text,
            "source": source,
            "condition": {"oneOf": conditions},
            "rule": rule,
        },
    }


# --- schemas from the models ---------------------------------------------------------------------


class _CatalogueFile(BaseModel):
    """One catalogue file: any of the four lists."""

    model_config = ConfigDict(extra="forbid", title="tiltak catalogue file")

    areas: list[Area] = []
    sectors: list[Sector] = []
    roles: list[Role] = []
    measures: list[Measure] = []


def _accept_input_forms(node: Any) -> Any:
    """Widen model schemas to what the loaders accept: Norwegian dimensions, numeric sections."""
    if isinstance(node, dict):
        out = {k: _accept_input_forms(v) for k, v in node.items()}
        if out.get("enum") == list(DIMENSIONS):
            out["enum"] = list(_ALL_DIMENSIONS)
        props = out.get("properties")
        if isinstance(props, dict) and "document" in props and "section" in props:
            props["section"] = {**props["section"], "type": ["string", "number"]}
            props["section"].pop("anyOf", None)
        return out
    if isinstance(node, list):
        return [_accept_input_forms(v) for v in node]
    return node


def _model_schema(model: type[BaseModel], mode: str, title: str) -> dict[str, Any]:
    raw = model.model_json_schema(mode=mode)  # type: ignore[arg-type]
    body = _accept_input_forms(raw) if mode == "validation" else raw
    return {"$schema": _DRAFT, **body, "title": title}


def _catalogue_schema() -> dict[str, Any]:
    out = _model_schema(_CatalogueFile, "validation", "tiltak catalogue file")
    # Area.targets: a mapping from dimension (English or Norwegian) to a level
    out["type"] = ["object", "null"]
    return out


def _plan_schema() -> dict[str, Any]:
    from tiltak.plan import Plan  # networkx and the planner only when this schema is asked for

    return _model_schema(Plan, "serialization", "tiltak plan (tiltak.plan/1)")


def _survey_schema() -> dict[str, Any]:
    try:
        from tiltak import survey  # type: ignore[attr-defined,unused-ignore]

        make: Callable[[], dict[str, Any]] = survey.survey_schema
    except (ImportError, AttributeError):
        raise TiltakError("schema-survey-unavailable") from None
    widened: dict[str, Any] = _accept_input_forms(make())  # Norwegian dimension names too
    return widened


def _comparison_schema() -> dict[str, Any]:
    from tiltak.compare import Comparison

    return _model_schema(Comparison, "serialization", "tiltak comparison (tiltak.comparison/1)")


_BUILDERS: dict[str, Callable[[], dict[str, Any]]] = {
    "rules": _rules_schema,
    "catalogue": _catalogue_schema,
    "profile": lambda: _model_schema(Profile, "validation", "tiltak profile (tiltak.profile/1)"),
    "result": lambda: _model_schema(Result, "serialization", "tiltak result (tiltak.result/1)"),
    "survey": _survey_schema,
    "comparison": _comparison_schema,
    "plan": _plan_schema,
}


@checked
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (one of :data:`SCHEMA_NAMES`)."""
    builder = _BUILDERS.get(name)
    if builder is None:
        raise TiltakError("schema-unknown", name=name, expected=", ".join(SCHEMA_NAMES))
    return builder()


@checked
def schema_text(name: str) -> str:
    """The schema as canonical JSON text (the bytes in ``schemas/NAME.schema.json``)."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"


@checked
def write_schemas(directory: str | Path) -> list[Path]:
    """Write every available schema to ``directory/NAME.schema.json`` (atomically)."""
    root = Path(directory)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failed(str(root), exc) from None
    written: list[Path] = []
    for name in SCHEMA_NAMES:
        try:
            text = schema_text(name)
        except TiltakError:
            continue
        path = root / f"{name}.schema.json"
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise write_failed(str(path), exc) from None
        written.append(path)
    return written
