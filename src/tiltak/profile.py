"""Competence profiles (format ``tiltak.profile/1``), the public input contract.

A profile describes a subject (an organisation, sector, unit, group or one
employee): its level per competence area and dimension, optional targets and
answer distributions, its context and optional segments. See
``docs/profile-format.md`` in the design brief. Errors name the JSON path.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import pydantic
from pydantic import AfterValidator, Field, field_validator, model_validator

from tiltak import _limits
from tiltak._i18n import add_messages
from tiltak._io import read_limited, read_stdin
from tiltak._validation import (
    DIMENSIONS,
    Amount,
    Count,
    Dimension,
    Id,
    Level,
    Model,
    Scalar,
    keyed_error,
    normalise_dimension,
    problems_from_validation,
)
from tiltak._yaml import dotted
from tiltak.catalogue import Catalogue, Format
from tiltak.errors import Problem, ProfileError

__all__ = [
    "PROFILE_FORMAT",
    "SUBJECT_KINDS",
    "SUBJECT_KIND_NAMES",
    "AreaValues",
    "Competence",
    "Context",
    "DimensionValue",
    "Profile",
    "Segment",
    "Subject",
    "SubjectKind",
    "load_profile",
    "parse_profile",
]

PROFILE_FORMAT = "tiltak.profile/1"
SubjectKind = Literal["organisation", "region", "sector", "unit", "group", "employee"]
SUBJECT_KINDS: tuple[SubjectKind, ...] = get_args(SubjectKind)
#: What each kind of subject is called, in Norwegian and English.
SUBJECT_KIND_NAMES: dict[str, tuple[str, str]] = {
    "organisation": ("organisasjon", "organisation"),
    "region": ("region", "region"),
    "sector": ("sektor", "sector"),
    "unit": ("enhet", "unit"),
    "group": ("gruppe", "group"),
    "employee": ("medarbeider", "employee"),
}
_Share = Annotated[float, Field(ge=0.0, le=1.0, strict=True, allow_inf_nan=False)]
_Scalar = Scalar | None
_Loc = tuple[str | int, ...]


def _dimension_key(value: str) -> str:
    if normalise_dimension(value) not in DIMENSIONS:
        raise keyed_error("profile-unknown-dimension", dimension=value)
    return value


_DimensionKey = Annotated[str, AfterValidator(_dimension_key)]


class DimensionValue(Model):
    """Level (1-5) for one dimension, with optional target, distribution and count."""

    level: Level
    target: Level | None = None
    distribution: tuple[_Share, _Share, _Share, _Share, _Share] | None = None
    respondents: Count | None = None

    @field_validator("distribution")
    @classmethod
    def _sums_to_one(
        cls, value: tuple[float, ...] | None
    ) -> tuple[float, ...] | None:
        if value is not None and abs(sum(value) - 1.0) > 0.01:
            raise keyed_error("profile-distribution-sum", total=round(sum(value), 4))
        return value

    def gap(self, target: float | None) -> float | None:
        """max(0, target - level), or None when no target is known."""
        goal = self.target if self.target is not None else target
        return None if goal is None else max(0.0, goal - self.level)


def _normalise_area(value: dict[str, DimensionValue]) -> dict[Dimension, DimensionValue]:
    out: dict[Dimension, DimensionValue] = {}
    for key, dim_value in value.items():
        name = normalise_dimension(key)
        assert name in DIMENSIONS  # checked by _DimensionKey
        if name in out:
            raise keyed_error("profile-dimension-twice", dimension=name)
        out[name] = dim_value
    return out


AreaValues = Annotated[dict[_DimensionKey, DimensionValue], AfterValidator(_normalise_area)]
Competence = dict[str, AreaValues]


class Subject(Model):
    """Who the profile describes."""

    kind: SubjectKind
    id: str | None = None
    name: str | None = None
    sector: Id | None = None
    roles: tuple[Id, ...] = ()
    attributes: dict[str, _Scalar] = Field(default_factory=dict)


class Context(Model):
    """The organisation around the subject: sectors, running measures and limits."""

    sectors: tuple[Id, ...] = ()
    running_measures: tuple[Id, ...] = ()
    budget_nok: Amount | None = None
    capacity_hours: Amount | None = None
    avoid_formats: tuple[Format, ...] = ()


class Segment(Model):
    """A sub-profile: the respondents with one value of a background variable."""

    by: Annotated[str, Field(min_length=1, max_length=200)]
    value: Scalar
    respondents: Count | None = None
    competence: Competence = Field(default_factory=dict)


class Profile(Model):
    """A competence profile in format ``tiltak.profile/1``."""

    format: Literal["tiltak.profile/1"]
    subject: Subject
    respondents: Count | None = None
    competence: Competence = Field(default_factory=dict)
    context: Context = Field(default_factory=Context)
    segments: tuple[Segment, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _known_format(cls, data: Any) -> Any:
        if isinstance(data, dict) and "format" in data and data["format"] != PROFILE_FORMAT:
            raise keyed_error("profile-format", value=_shown(data["format"]))
        return data

    def problems_against(self, catalogue: Catalogue) -> list[Problem]:
        """What in this profile the catalogue does not know (areas, sectors, roles, measures)."""
        found: list[Problem] = []
        known_areas = ", ".join(catalogue.areas)

        def areas(competence: Competence, base: tuple[str | int, ...]) -> None:
            for area in competence:
                if area not in catalogue.areas:
                    found.append(Problem("profile-unknown-area", {
                        "area": area, "known": known_areas,
                        "near": (area, tuple(catalogue.areas))},
                                         path=dotted((*base, area))))

        areas(self.competence, ("competence",))
        for i, segment in enumerate(self.segments):
            areas(segment.competence, ("segments", i, "competence"))
        lists: list[tuple[str, str, tuple[str, ...], Mapping[str, object], str]] = [
            ("context", "sectors", self.context.sectors, catalogue.sectors,
             "profile-unknown-sector"),
            ("context", "running_measures", self.context.running_measures, catalogue.measures,
             "profile-unknown-measure"),
            ("subject", "roles", self.subject.roles, catalogue.roles, "profile-unknown-role"),
        ]
        for parent, name, values, known, key in lists:
            for i, value in enumerate(values):
                if value not in known:
                    found.append(Problem(key, {"value": value, "near": (value, tuple(known))},
                                         path=dotted((parent, name, i))))
        sector = self.subject.sector
        if sector is not None and sector not in catalogue.sectors:
            found.append(Problem("profile-unknown-sector", {
                "value": sector, "near": (sector, tuple(catalogue.sectors))},
                                 path="subject.sector"))
        for i, segment in enumerate(self.segments):
            # A segment split by sector or role becomes a group in that sector or role.
            known_ids: Mapping[str, object] | None = (
                catalogue.sectors if segment.by == "sector"
                else catalogue.roles if segment.by == "role" else None
            )
            if known_ids is not None and segment.value not in known_ids:
                found.append(Problem("profile-segment-unknown-id",
                                     {"by": segment.by, "value": _shown(segment.value),
                                      "known": ", ".join(known_ids),
                                      "near": (_shown(segment.value), tuple(known_ids))},
                                     path=dotted(("segments", i, "value"))))
        return found


add_messages(
    {
        "profile-segment-unknown-id": (
            "segmenter etter {by} må bruke en id fra katalogen, fant «{value}»; kjente: {known}",
            "segments by {by} must use an id from the catalogue, found '{value}'; known: {known}",
        ),
        "profile-segment-respondents": (
            "segmentet har {part} svar, flere enn hele profilen ({whole})",
            "the segment has {part} respondents, more than the whole profile ({whole})",
        ),
        "profile-too-many-segments": (
            "profilen har {count} segmenter; grensen er {limit} (kan heves med {variable})",
            "the profile has {count} segments; the limit is {limit} (raise it with {variable})",
        ),
        "json-too-deep": (
            "JSON-en er nestet dypere enn {limit} nivåer (kan heves med {variable})",
            "the JSON is nested deeper than {limit} levels (raise it with {variable})",
        ),
        "json-duplicate-key": (
            "nøkkelen «{key}» står to ganger (første gang på linje {first_line})",
            "duplicate key '{key}' (first on line {first_line})",
        ),
        "json-not-finite": (
            "{value} er ikke et tall JSON tillater; oppgi et endelig tall",
            "{value} is not a number JSON allows; give a finite number",
        ),
        "json-number-too-large": (
            "tallet {value} er for stort",
            "the number {value} is too large",
        ),
        "profile-source-type": (
            "en profil oppgis som Profile, dict, JSON-tekst, filsti eller «-», ikke {got}",
            "give a profile as a Profile, a dict, JSON text, a file path or '-', not {got}",
        ),
    }
)


def _shown(value: object) -> str:
    text = str(value) if not isinstance(value, int) or value.bit_length() < 64 else "..."
    return text if len(text) <= 60 else text[:57] + "..."


class _Refused(ValueError):
    """A JSON token the profile format does not allow; located afterwards by a second scan."""

    def __init__(self, kind: str, text: str = "") -> None:
        self.kind = kind
        self.text = text
        super().__init__(kind)


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused("duplicate", key)
        out[key] = value
    return out


def _reject_constant(name: str) -> float:
    raise _Refused("constant", name)


# JSON's own integers may have any number of digits; no field needs more than 18.
_MAX_INT_DIGITS = 18


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise _Refused("int", text)
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused("float", text)
    return value


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DELTA = {"[": 1, "{": 1, "]": -1, "}": -1}


def _depth(text: str) -> int:
    """Deepest nesting of a JSON text, found without parsing (C-speed regex passes)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(itertools.accumulate(map(_DELTA.__getitem__, brackets)), default=0)


_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|-?(?:NaN|Infinity)|[-0-9][-+.0-9eE]*|[a-zA-Z]+', re.DOTALL
)


def _locate(text: str, kind: str, depth_limit: int) -> tuple[_Loc, int, dict[str, Any]]:
    """Where in ``text`` the first token of ``kind`` is: (JSON path, offset, message params).

    Only run after the fast parser refused something, so it may be slow-ish.
    """
    # frames: [is_object, key or index, {key: offset}]
    stack: list[list[Any]] = []
    expect_key = False

    def path() -> _Loc:
        return tuple(frame[1] for frame in stack if frame[1] is not None)

    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        offset = match.start()
        if first in "{[":
            if kind == "depth" and len(stack) >= depth_limit:
                return path(), offset, {}
            stack.append([first == "{", None if first == "{" else 0, {}])
            expect_key = first == "{"
        elif first in "}]":
            if stack:
                stack.pop()
            expect_key = False
        elif first == ",":
            if stack and stack[-1][0]:
                expect_key = True
            elif stack:
                stack[-1][1] += 1
        elif first == ":":
            continue
        elif expect_key and first == '"':
            key = json.loads(token)
            frame = stack[-1]
            frame[1] = key
            if kind == "duplicate" and key in frame[2]:
                return path(), offset, {"key": key,
                                        "first_line": text.count("\n", 0, frame[2][key]) + 1}
            frame[2][key] = offset
            expect_key = False
        elif kind == "constant" and token.lstrip("-") in ("NaN", "Infinity"):
            return path(), offset, {"value": token}
        elif first in "-0123456789" and kind in ("int", "float"):
            is_int = not any(c in token for c in ".eE")
            if kind == "int" and is_int and len(token.lstrip("-")) > _MAX_INT_DIGITS:
                return path(), offset, {"value": token[:12] + "..."}
            if kind == "float" and not is_int and not math.isfinite(float(token)):
                return path(), offset, {"value": token[:40]}
    return (), 0, {}


_REFUSAL_KEYS = {
    "duplicate": "json-duplicate-key",
    "constant": "json-not-finite",
    "float": "json-not-finite",
    "int": "json-number-too-large",
}


def _located(text: str, kind: str, source: str | None, limits: _limits.Limits) -> ProfileError:
    loc, offset, params = _locate(text, kind, limits.depth)
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    if kind == "depth":
        key = "json-too-deep"
        params = {"limit": limits.depth, "variable": _limits.Limits.variable("depth")}
    else:
        key = _REFUSAL_KEYS[kind]
    shown = dotted(loc[:8]) + (" ..." if len(loc) > 8 else "")
    return ProfileError([Problem(key, params, file=source or "<text>", line=line, column=column,
                                 path=shown or None)])


def _validate(data: object, source: str | None, limits: _limits.Limits | None = None) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError([Problem("profile-not-object", {"got": type(data).__name__},
                                    file=source)])
    limits = _limits.current() if limits is None else limits
    segments = data.get("segments")
    if isinstance(segments, list | tuple) and len(segments) > limits.segments:
        raise ProfileError([Problem("profile-too-many-segments",
                                    {"count": len(segments), "limit": limits.segments,
                                     "variable": _limits.Limits.variable("segments")},
                                    file=source, path="segments")])
    try:
        profile = Profile.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ProfileError(
            problems_from_validation(
                exc,
                (),
                lambda loc, key, params, _at_key: Problem(
                    key, params, file=source,
                    path=dotted(loc) or ("format" if key == "profile-format" else None)),
            )
        ) from None
    except RecursionError:
        raise ProfileError([Problem("json-too-deep", {"limit": limits.depth,
                                                      "variable": _limits.Limits.variable("depth")},
                                    file=source)]) from None
    problems = _consistency(profile, source)
    if problems:
        raise ProfileError(problems)
    return profile


def _consistency(profile: Profile, source: str | None) -> list[Problem]:
    """What the format allows field by field but cannot be true as a whole."""
    found: list[Problem] = []
    whole = profile.respondents
    if whole is not None:
        for i, segment in enumerate(profile.segments):
            if segment.respondents is not None and segment.respondents > whole:
                found.append(Problem("profile-segment-respondents",
                                     {"part": segment.respondents, "whole": whole},
                                     file=source, path=dotted(("segments", i, "respondents"))))
    return found


def parse_profile(text: str | bytes, *, source: str | None = None) -> Profile:
    """Parse a profile from JSON text. ``source`` names it in error messages."""
    limits = _limits.current()
    if not isinstance(text, str | bytes):
        raise ProfileError([Problem("profile-source-type", {"got": type(text).__name__})])
    if len(text) > limits.file_bytes:
        raise ProfileError([Problem("file-too-large",
                                    {"path": source or "<text>", "limit": limits.file_bytes,
                                     "variable": _limits.Limits.variable("file_bytes")})])
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ProfileError([Problem("not-utf8", {"offset": exc.start}, file=source)]) from None
    if _depth(text) > limits.depth:
        raise _located(text, "depth", source, limits)
    try:
        data = json.loads(text, object_pairs_hook=_pairs_no_duplicates,
                          parse_constant=_reject_constant, parse_int=_parse_int,
                          parse_float=_parse_float)
    except _Refused as exc:
        raise _located(text, exc.kind, source, limits) from None
    except json.JSONDecodeError as exc:
        raise ProfileError([Problem("json-syntax", {"line": exc.lineno, "column": exc.colno,
                                                    "problem": exc.msg}, file=source)]) from None
    except RecursionError:
        raise _located(text, "depth", source, limits) from None
    return _validate(data, source, limits)


def _looks_like_json(text: str) -> bool:
    """JSON text rather than a path: braces at both ends, and no file of that name."""
    stripped = text.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return False
    if len(text) > 4000 or "\n" in text or "\0" in text:
        return True
    try:
        return not Path(text).exists()
    except (OSError, ValueError):
        return True


def load_profile(source: Profile | Mapping[str, Any] | str | Path) -> Profile:
    """Load a profile from a Profile, a dict, JSON text, a file path or ``"-"`` (stdin).

    A string is JSON text when it is wrapped in braces (and names no file);
    otherwise it is a path, so a file named ``{x}.json`` is read as a file.
    """
    if isinstance(source, Profile):
        return source
    if isinstance(source, Mapping):
        return _validate(dict(source), None)
    if isinstance(source, bytes):
        return parse_profile(source)
    if not isinstance(source, str | os.PathLike):
        raise ProfileError([Problem("profile-source-type", {"got": type(source).__name__})])
    limits = _limits.current()
    if isinstance(source, str) and _looks_like_json(source):
        return parse_profile(source)
    if isinstance(source, str) and source == "-":
        raw, problems = read_stdin(limits.file_bytes)
        if raw is None:
            raise ProfileError(problems)
        return parse_profile(raw, source="<stdin>")
    path = Path(source)
    raw, problems = read_limited(path, str(path), limits.file_bytes)
    if raw is None:
        raise ProfileError(problems)
    return parse_profile(raw, source=str(path))
