"""Competence profiles (format ``tiltak.profile/1``), the public input contract.

A profile describes a subject (an organisation, sector, unit, group or one
employee): its level per competence area and dimension, optional targets and
answer distributions, its context and optional segments. See
``docs/profile-format.md`` in the design brief. Errors name the JSON path.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import pydantic
from pydantic import AfterValidator, Field, field_validator, model_validator

from tiltak._validation import (
    DIMENSIONS,
    Dimension,
    Id,
    Level,
    Model,
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
SubjectKind = Literal["organisation", "sector", "unit", "group", "employee"]
SUBJECT_KINDS: tuple[SubjectKind, ...] = get_args(SubjectKind)
_Share = Annotated[float, Field(ge=0.0, le=1.0)]
_Scalar = str | bool | int | float | None


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
    respondents: Annotated[int, Field(ge=0)] | None = None

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
    budget_nok: Annotated[float, Field(ge=0)] | None = None
    capacity_hours: Annotated[float, Field(ge=0)] | None = None
    avoid_formats: tuple[Format, ...] = ()


class Segment(Model):
    """A sub-profile: the respondents with one value of a background variable."""

    by: Annotated[str, Field(min_length=1)]
    value: str | int | float | bool
    respondents: Annotated[int, Field(ge=0)] | None = None
    competence: Competence = Field(default_factory=dict)


class Profile(Model):
    """A competence profile in format ``tiltak.profile/1``."""

    format: Literal["tiltak.profile/1"]
    subject: Subject
    respondents: Annotated[int, Field(ge=0)] | None = None
    competence: Competence = Field(default_factory=dict)
    context: Context = Field(default_factory=Context)
    segments: tuple[Segment, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _known_format(cls, data: Any) -> Any:
        if isinstance(data, dict) and "format" in data and data["format"] != PROFILE_FORMAT:
            raise keyed_error("profile-format", value=data["format"])
        return data

    def problems_against(self, catalogue: Catalogue) -> list[Problem]:
        """What in this profile the catalogue does not know (areas, sectors, roles, measures)."""
        found: list[Problem] = []
        known_areas = ", ".join(catalogue.areas)

        def areas(competence: Competence, base: tuple[str | int, ...]) -> None:
            for area in competence:
                if area not in catalogue.areas:
                    found.append(Problem("profile-unknown-area", {"area": area,
                                                                  "known": known_areas},
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
                    found.append(Problem(key, {"value": value}, path=dotted((parent, name, i))))
        sector = self.subject.sector
        if sector is not None and sector not in catalogue.sectors:
            found.append(Problem("profile-unknown-sector", {"value": sector},
                                 path="subject.sector"))
        return found


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _pairs_no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _validate(data: object, source: str | None) -> Profile:
    if not isinstance(data, dict):
        raise ProfileError([Problem("profile-not-object", {"got": type(data).__name__},
                                    file=source)])
    try:
        return Profile.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ProfileError(
            problems_from_validation(
                exc,
                (),
                lambda loc, key, params, _at_key: Problem(key, params, file=source,
                                                          path=dotted(loc) or None),
            )
        ) from None


def parse_profile(text: str | bytes, *, source: str | None = None) -> Profile:
    """Parse a profile from JSON text. ``source`` names it in error messages."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ProfileError([Problem("not-utf8", {"offset": exc.start}, file=source)]) from None
    try:
        data = json.loads(text, object_pairs_hook=_pairs_no_duplicates,
                          parse_constant=_reject_constant)
    except _DuplicateKey as exc:
        raise ProfileError([Problem("yaml-duplicate-key", {"key": exc.key, "first_line": "?"},
                                    file=source)]) from None
    except json.JSONDecodeError as exc:
        raise ProfileError([Problem("json-syntax", {"line": exc.lineno, "column": exc.colno,
                                                    "problem": exc.msg}, file=source)]) from None
    except ValueError as exc:
        raise ProfileError([Problem("v-other", {"detail": str(exc)}, file=source)]) from None
    return _validate(data, source)


def load_profile(source: Profile | Mapping[str, Any] | str | Path) -> Profile:
    """Load a profile from a Profile, a dict, JSON text, a file path or ``"-"`` (stdin)."""
    if isinstance(source, Profile):
        return source
    if isinstance(source, Mapping):
        return _validate(dict(source), None)
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return parse_profile(source)
    if isinstance(source, str) and source == "-":
        return parse_profile(sys.stdin.buffer.read(), source="<stdin>")
    path = Path(source)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProfileError([Problem("file-not-found", {"path": str(path)})]) from None
    except OSError as exc:
        raise ProfileError([Problem("file-unreadable", {"path": str(path),
                                                        "reason": exc.strerror})]) from None
    return parse_profile(raw, source=str(path))
