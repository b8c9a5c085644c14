"""Translate pydantic validation errors into located, bilingual problems."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, get_args

import pydantic
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WrapValidator

from tiltak._i18n import add_messages, message
from tiltak._limits import MAX_AMOUNT, MAX_COUNT
from tiltak.errors import Problem

add_messages(
    {
        "v-finite": (
            "forventet et endelig tall, fant {got}",
            "expected a finite number, found {got}",
        ),
        "v-surrogate": (
            "teksten har et ugyldig tegn (en enslig surrogat, \\ud800-\\udfff)",
            "the text holds an invalid character (a lone surrogate, \\ud800-\\udfff)",
        ),
        "v-scalar": (
            "forventet tekst, et tall eller true/false, fant {got}",
            "expected text, a number or true/false, found {got}",
        ),
    }
)

Loc = tuple[str | int, ...]
Locate = Callable[[Loc, str, dict[str, Any], bool], Problem]

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
ID_MAX_LENGTH = 80
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
Dimension = Literal["knowledge", "skills", "abilities", "attitudes"]
DIMENSIONS: tuple[Dimension, ...] = get_args(Dimension)
DIMENSION_ALIASES: dict[str, Dimension] = {
    "kunnskaper": "knowledge",
    "kunnskap": "knowledge",
    "ferdigheter": "skills",
    "evner": "abilities",
    "holdninger": "attitudes",
}
DIMENSION_NAMES_NB: dict[str, str] = {
    "knowledge": "kunnskaper",
    "skills": "ferdigheter",
    "abilities": "evner",
    "attitudes": "holdninger",
}
# Numbers at the boundary are strict: a level given as "2.1" or as true is an
# error, not silently converted; only finite numbers, and counts and amounts
# within bounds no real municipality comes near (so sums stay finite).
LEVEL_MIN, LEVEL_MAX = 1.0, 5.0
Level = Annotated[float, Field(ge=LEVEL_MIN, le=LEVEL_MAX, strict=True, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT, strict=True)]
Amount = Annotated[float, Field(ge=0, le=MAX_AMOUNT, strict=True, allow_inf_nan=False)]
WholeAmount = Annotated[int, Field(ge=0, le=int(MAX_AMOUNT), strict=True)]


def _one_scalar(value: Any, handler: pydantic.ValidatorFunctionWrapHandler) -> Any:
    # One clear error for a value that may be text, a number or true/false,
    # instead of one per union member (which named made-up paths like value.bool).
    if isinstance(value, float) and not math.isfinite(value):
        raise keyed_error("v-finite", got=_got(value))
    try:
        return handler(value)
    except pydantic.ValidationError:
        raise keyed_error("v-scalar", got=_got(value)) from None


Scalar = Annotated[str | bool | int | float, WrapValidator(_one_scalar)]
"""Text, a whole or finite number, or true/false (e.g. an attribute value)."""


def normalise_dimension(name: object) -> object:
    """Map a Norwegian dimension name to the English key; leave others as they are."""
    if isinstance(name, str):
        return DIMENSION_ALIASES.get(name.strip().lower(), name)
    return name


class Model(BaseModel):
    """Strict, immutable base for every input model: unknown fields are errors.

    The validator of each model is built when it first validates something (``defer_build``),
    not when the class is made: a ``tiltak suggest`` whose rules and catalogue come from the
    cache and whose profile takes the fast path validates nothing, and building the validators
    of every model cost a fifth of its start-up.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, defer_build=True)


# What ``built`` does, for the hot paths that build models inline (the engine's results, the
# profile's fast path): a model without __init__, and BaseModel's own slots set through their
# descriptors (half the cost of object.__setattr__ by name, which looks the name up on the
# class each time).
new_model = object.__new__
set_dict = BaseModel.__dict__["__dict__"].__set__
set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def built(cls: type[BaseModel], values: dict[str, Any], given: set[str] | None = None) -> Any:
    """An instance of ``cls`` from values already known to be valid, every field given in the
    order the class declares them: what ``model_construct`` makes (the fields the input gave,
    ``given``, default all of ``values``), at a sixth of its cost. For hot paths only."""
    model = new_model(cls)
    set_dict(model, values)
    set_fields_set(model, set(values) if given is None else given)
    set_extra(model, None)
    set_private(model, None)
    return model


class Text(Model):
    """A text a user reads, in Norwegian bokmål and English."""

    nb: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]

    def get(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en

    @classmethod
    def of(cls, key: str, /, **params: Any) -> Text:
        """The message ``key`` (see tiltak._i18n) in both languages."""
        return own_text(message(key, "nb", **params), message(key, "en", **params))


def own_text(nb: str, en: str) -> Text:
    """``Text(nb=nb, en=en)`` for texts tiltak made itself: two non-empty ``str`` are checked
    here, without building Text's validator (see :class:`Model`); anything else is validated
    as ``Text(...)`` validates it, with the same error."""
    if nb.__class__ is str and en.__class__ is str and nb and en:
        return built(Text, {"nb": nb, "en": en})  # type: ignore[no-any-return]
    return Text(nb=nb, en=en)


_TYPE_NAMES = {
    "string_type": ("tekst", "text"),
    "int_type": ("et heltall", "a whole number"),
    "int_parsing": ("et heltall", "a whole number"),
    "int_from_float": ("et heltall", "a whole number"),
    "float_type": ("et tall", "a number"),
    "float_parsing": ("et tall", "a number"),
    "bool_type": ("true eller false", "true or false"),
    "bool_parsing": ("true eller false", "true or false"),
    "list_type": ("en liste", "a list"),
    "tuple_type": ("en liste", "a list"),
    "dict_type": ("en tabell (nøkkel: verdi)", "a mapping (key: value)"),
    "model_type": ("en tabell (nøkkel: verdi)", "a mapping (key: value)"),
    "model_attributes_type": ("en tabell (nøkkel: verdi)", "a mapping (key: value)"),
    "finite_number": ("et endelig tall", "a finite number"),
}


def _got(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 64:
        return "a number with more than 19 digits"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list | tuple):
        return "[...]"
    return str(value)


def _short(value: object) -> str:
    text = value if isinstance(value, str) else _got(value)
    return text if len(text) <= 60 else text[:57] + "..."


# The names pydantic adds to a location for validators and union members
# ("function-after[...]", "tagged-union[...]", "list[...]"). A user's own key
# such as "a[1]" is kept: only these shapes are dropped.
_SYNTHETIC = re.compile(
    r"^(?:function-(?:after|before|wrap|plain)|tagged-union|union|list|dict|tuple|set|"
    r"frozenset|nullable|lax-or-strict|json-or-python|chain|default|definition-ref|"
    r"is-instance|literal|constrained-[a-z]+)\[.*\]$|^\[key\]$",
    re.DOTALL,
)


def _clean_loc(loc: Sequence[str | int]) -> Loc:
    # pydantic adds union member and validator names to locations; drop them.
    return tuple(part for part in loc if not (isinstance(part, str) and _SYNTHETIC.match(part)))


def problems_from_validation(
    exc: pydantic.ValidationError, base: Loc, locate: Locate
) -> list[Problem]:
    """One problem per pydantic error, located by ``locate(loc, key, params, at_key)``."""
    problems: list[Problem] = []
    seen: set[tuple[Loc, str]] = set()
    for err in exc.errors(include_url=False):
        loc = (*base, *_clean_loc(err["loc"]))
        kind = err["type"]
        ctx = err.get("ctx") or {}
        value = err.get("input")
        at_key = False
        params: dict[str, Any]
        if kind == "string_unicode":
            # A lone surrogate (JSON "\ud800") in a text; in an unknown key pydantic gives
            # no location, so name the key itself.
            key, params = "v-surrogate", {}
            if not loc and isinstance(value, str):
                loc = (json.dumps(value),)
        elif kind == "missing":
            key, params = "v-missing", {}
        elif kind == "extra_forbidden":
            key, params, at_key = "v-extra", {"field": _short(loc[-1]) if loc else "?"}, True
        elif kind in _TYPE_NAMES:
            nb, en = _TYPE_NAMES[kind]
            key, params = "v-type", {"expected": en, "expected_nb": nb, "got": _got(value)}
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            suffix = {"greater_than_equal": "ge", "less_than_equal": "le",
                      "greater_than": "gt", "less_than": "lt"}[kind]
            limit = next(iter(ctx.values()), "?")
            if isinstance(limit, float) and limit.is_integer():
                limit = int(limit)  # "7 is above 5", not "above 5.0"
            key, params = f"v-{suffix}", {"value": _got(value), "limit": limit}
        elif kind in ("literal_error", "enum"):
            # pydantic words the list in English ("a, b or c"); after "one of:" / "en av:" a plain
            # list reads right in both languages
            expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
            key, params = "v-choice", {"value": _short(value), "expected": expected}
        elif kind == "too_short":
            key, params = "v-too-short", {"limit": ctx.get("min_length", "?")}
        elif kind == "too_long":
            key, params = "v-too-long", {"limit": ctx.get("max_length", "?")}
        elif kind == "string_pattern_mismatch":
            key, params = "v-pattern", {"value": _short(value)}
        elif kind == "value_error" and isinstance(ctx.get("error"), _KeyedValueError):
            keyed: _KeyedValueError = ctx["error"]
            key, params = keyed.key, dict(keyed.params)
        else:
            key, params = "v-other", {"detail": err["msg"]}
        if (loc, key) in seen:
            continue
        seen.add((loc, key))
        problems.append(locate(loc, key, params, at_key))
    return problems


class _KeyedValueError(ValueError):
    """A ValueError from our own validators that carries a message key."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


def keyed_error(key: str, **params: Any) -> ValueError:
    return _KeyedValueError(key, **params)
