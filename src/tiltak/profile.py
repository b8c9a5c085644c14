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
from pydantic import AfterValidator, Field, PrivateAttr, field_validator, model_validator

from tiltak import _limits
from tiltak._args import check_value, checked
from tiltak._i18n import add_messages
from tiltak._io import decode_text, read_limited, read_stdin, undecodable
from tiltak._limits import MAX_AMOUNT, MAX_COUNT
from tiltak._validation import (
    DIMENSIONS,
    ID_MAX_LENGTH,
    ID_PATTERN,
    LEVEL_MAX,
    LEVEL_MIN,
    Amount,
    Count,
    Dimension,
    Id,
    Level,
    Model,
    Scalar,
    _got,
    built,
    keyed_error,
    new_model,
    normalise_dimension,
    problems_from_validation,
    set_dict,
    set_extra,
    set_fields_set,
    set_private,
)
from tiltak._yaml import dotted
from tiltak.catalogue import Catalogue, Format
from tiltak.errors import Problem, ProfileError

__all__ = [
    "PROFILE_FORMAT",
    "SEGMENT_VALUE_NAMES",
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
SubjectKind = Literal["organisation", "county", "region", "sector", "unit", "group", "employee"]
SUBJECT_KINDS: tuple[SubjectKind, ...] = get_args(SubjectKind)
#: What each kind of subject is called, in Norwegian and English.
SUBJECT_KIND_NAMES: dict[str, tuple[str, str]] = {
    "organisation": ("organisasjon", "organisation"),
    "county": ("fylke", "county"),
    "region": ("region", "region"),
    "sector": ("sektor", "sector"),
    "unit": ("enhet", "unit"),
    "group": ("gruppe", "group"),
    "employee": ("medarbeider", "employee"),
}
#: What the background values of the bundled survey (surveys/ksaa.yaml) are called, in
#: Norwegian and English: a segment holds the id ("over-10-years"), a heading shows the words.
SEGMENT_VALUE_NAMES: dict[str, tuple[str, str]] = {
    "under-2-years": ("under 2 år", "under 2 years"),
    "2-5-years": ("2–5 år", "2–5 years"),
    "6-10-years": ("6–10 år", "6–10 years"),
    "over-10-years": ("mer enn 10 år", "more than 10 years"),
    "upper-secondary": ("grunnskole eller videregående", "lower or upper secondary"),
    "vocational": ("fagbrev eller fagskole", "trade certificate or vocational college"),
    "bachelor": ("inntil 4 års høyere utdanning", "up to 4 years of higher education"),
    "master": ("mer enn 4 års høyere utdanning", "more than 4 years of higher education"),
}
# Bounds the models declare and the fast path (below) checks by hand: written once, here.
_SHARES = 5  # a distribution: the share of respondents at each level 1-5
_SUM_TOLERANCE = 0.01  # how far from 1 the shares of a distribution may sum
_BY_MAX_LENGTH = 200
_Share = Annotated[float, Field(ge=0.0, le=1.0, strict=True, allow_inf_nan=False)]
#: Attributes the bundled rules read as numbers, with the range each may take
#: (docs/profile.md). Any other attribute is free: a municipality's own rules read it.
_NUMERIC_ATTRIBUTES: dict[str, tuple[float, float]] = {"average_position_percent": (0.0, 100.0)}
#: Attributes the bundled rules read as true/false, and as text (one of a vocabulary that
#: varies between documents, so any text): a value of another type would never match, and
#: the measures it should bring would silently not come.
_BOOLEAN_ATTRIBUTES = ("competence_unused", "high_sick_leave", "involuntary_part_time",
                       "low_learning_participation", "part_time", "wants_leader_tasks")
_TEXT_ATTRIBUTES = ("age_group", "contact_point", "education")
# What each expects, as the type errors of every other field say it (tiltak._validation).
_ATTRIBUTE_TYPES = {**dict.fromkeys(_BOOLEAN_ATTRIBUTES, (bool, "true or false",
                                                          "true eller false")),
                    **dict.fromkeys(_TEXT_ATTRIBUTES, (str, "text", "tekst"))}
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
        if value is not None and abs(sum(value) - 1.0) > _SUM_TOLERANCE:
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


# What `tiltak schema profile` says about the subject's roles and attributes: the role ids of
# the bundled catalogue (catalogue/02-roles.yaml; tests check the list is complete) and the
# attributes the bundled rules read (docs/profile.md). A municipality may add its own.
_ROLES_DESCRIPTION = (
    "Role ids from the catalogue (catalogue/02-roles.yaml; a narrower role counts as the "
    "broader roles it is a kind of). Bundled: leader, top-leader, middle-leader, "
    "first-line-leader, sector-leader, process-leader, leader-candidate, system-owner, "
    "system-responsible, system-administrator, superuser, key-resource, digital-mentor, "
    "specialist, procurement-resource, union-representative, safety-representative, "
    "politician, hr-adviser, recruitment-team (an HR recruitment team), central-hr (HR in "
    "the central administration), employee, new-employee, apprentice, expert-team-member, "
    "contact-point (a contact point for a regional competence drive). "
    "See docs/profile.md.")
_ATTRIBUTES_DESCRIPTION = (
    "Scalar facts about the subject. The bundled rules read age_group (eldre, senior, "
    "seniorer, older), low_learning_participation (true), education (grunnskole, ingen, "
    "compulsory, none), high_sick_leave (true), involuntary_part_time (true), part_time "
    "(true), average_position_percent (a number from 0 to 100, e.g. 68.8), competence_unused "
    "(true), "
    "wants_leader_tasks (true/false) and contact_point (kommune, municipality, region, "
    "fylke, county); see docs/profile.md. "
    "Other attributes are kept for a municipality's own rules.")


class Subject(Model):
    """Who the profile describes."""

    kind: SubjectKind
    id: str | None = None
    name: str | None = None
    sector: Id | None = None
    roles: tuple[Id, ...] = Field(default=(), description=_ROLES_DESCRIPTION)
    attributes: dict[str, _Scalar] = Field(default_factory=dict,
                                           description=_ATTRIBUTES_DESCRIPTION)


class Context(Model):
    """The organisation around the subject: sectors, running measures and limits."""

    sectors: tuple[Id, ...] = ()
    running_measures: tuple[Id, ...] = ()
    budget_nok: Amount | None = None
    capacity_hours: Amount | None = None
    avoid_formats: tuple[Format, ...] = ()


class Segment(Model):
    """A sub-profile: the respondents with one value of a background variable."""

    by: Annotated[str, Field(min_length=1, max_length=_BY_MAX_LENGTH)]
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

    # Where the profile was read from: (file, line), the line for a line of a JSON Lines
    # file; None for a profile built in memory. Not a field: it is not part of the profile.
    _source: tuple[str, int | None] | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Equal when every field is, wherever each profile was read from."""
        if not isinstance(other, Profile):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    @property
    def source(self) -> str | None:
        """The file (or ``<stdin>``) the profile was read from, named in its errors; None for
        a profile built in memory."""
        located = self._located()
        return None if located is None else located[0]

    @property
    def source_line(self) -> int | None:
        """The line of :attr:`source` the profile stands on (a line of a JSON Lines file), or
        None when it is the whole file."""
        located = self._located()
        return None if located is None else located[1]

    def _located(self) -> tuple[str, int | None] | None:
        private = self.__pydantic_private__  # None for a model built without validation
        return None if not private else private.get("_source")

    def with_source(self, file: str | None, line: int | None = None) -> Profile:
        """This profile, marked as read from ``file`` (at ``line``): its errors name them."""
        located = None if file is None else (file, line)
        if located == self._located():
            return self
        copy = self.model_copy()
        object.__setattr__(copy, "__pydantic_private__", {"_source": located})
        return copy

    def problems_against(self, catalogue: Catalogue) -> list[Problem]:
        """What in this profile the catalogue does not know (areas, sectors, roles, measures),
        each named with the profile's source (file, line) and its JSON path."""
        if self._knows_all(catalogue):  # the usual case, checked without building anything
            return []
        data = {
            "competence": self.competence,
            "segments": [{"by": s.by, "value": s.value, "competence": s.competence}
                         for s in self.segments],
            "context": {"sectors": self.context.sectors,
                        "running_measures": self.context.running_measures},
            "subject": {"roles": self.subject.roles, "sector": self.subject.sector},
        }
        return _unknown_ids(data, catalogue, self.source, self.source_line)


    def _knows_all(self, catalogue: Catalogue) -> bool:
        """Whether ``catalogue`` knows every id in the profile (what :func:`_unknown_ids`
        checks, at a third of its cost: the engine asks it for every line of a batch)."""
        areas, sectors, roles = catalogue.areas, catalogue.sectors, catalogue.roles
        subject, context = self.subject, self.context
        if subject.sector is not None and subject.sector not in sectors:
            return False
        if not all(r in roles for r in subject.roles) or not all(
                s in sectors for s in context.sectors) or not all(
                m in catalogue.measures for m in context.running_measures):
            return False
        if not all(a in areas for a in self.competence):
            return False
        for segment in self.segments:
            if not all(a in areas for a in segment.competence):
                return False
            known = (sectors if segment.by == "sector" else roles if segment.by == "role"
                     else None)
            if known is not None and segment.value not in known:
                return False
        return True


def _unknown_ids(data: Mapping[str, Any], catalogue: Catalogue, source: str | None,
                 line: int | None = None) -> list[Problem]:
    """The ids in a profile's data that ``catalogue`` does not know. Read defensively, so
    that it also reads data that is not a valid profile: its unknown ids are then reported
    with its other problems, in one round. A value that is not an id at all is left to the
    field's own check (one problem per place)."""
    found: list[Problem] = []
    known_areas = ", ".join(catalogue.areas)

    def add(key: str, params: dict[str, Any], loc: _Loc) -> None:
        found.append(Problem(key, params, file=source, line=line, path=dotted(loc)))

    def part(parent: object, name: str) -> object:
        return parent.get(name) if isinstance(parent, Mapping) else None

    def areas(competence: object, base: _Loc) -> None:
        for area in competence if isinstance(competence, Mapping) else ():
            if area not in catalogue.areas:
                add("profile-unknown-area", {"area": area, "known": known_areas,
                                             "near": (area, tuple(catalogue.areas))},
                    (*base, area))

    def is_id(value: object) -> bool:
        return (isinstance(value, str) and len(value) <= ID_MAX_LENGTH
                and _ID.fullmatch(value) is not None)

    areas(data.get("competence"), ("competence",))
    segments = data.get("segments")
    segments = segments if isinstance(segments, list | tuple) else ()
    for i, segment in enumerate(segments):
        areas(part(segment, "competence"), ("segments", i, "competence"))
    context, subject = data.get("context"), data.get("subject")
    lists: list[tuple[str, str, object, Mapping[str, object], str]] = [
        ("context", "sectors", part(context, "sectors"), catalogue.sectors,
         "profile-unknown-sector"),
        ("context", "running_measures", part(context, "running_measures"), catalogue.measures,
         "profile-unknown-measure"),
        ("subject", "roles", part(subject, "roles"), catalogue.roles, "profile-unknown-role"),
    ]
    for parent, name, values, known, key in lists:
        for i, value in enumerate(values if isinstance(values, list | tuple) else ()):
            if is_id(value) and value not in known:
                add(key, {"value": value, "near": (value, tuple(known))}, (parent, name, i))
    sector = part(subject, "sector")
    if is_id(sector) and sector not in catalogue.sectors:
        add("profile-unknown-sector", {"value": sector,
                                       "near": (sector, tuple(catalogue.sectors))},
            ("subject", "sector"))
    for i, segment in enumerate(segments):
        # A segment split by sector or role becomes a group in that sector or role.
        by, value = part(segment, "by"), part(segment, "value")
        known_ids: Mapping[str, object] | None = (
            catalogue.sectors if by == "sector" else catalogue.roles if by == "role" else None
        )
        if (known_ids is not None and isinstance(value, str | int | float | bool)
                and value not in known_ids):
            add("profile-segment-unknown-id",
                {"by": by, "value": _shown(value), "known": ", ".join(known_ids),
                 "near": (_shown(value), tuple(known_ids))},
                ("segments", i, "value"))
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
        "profile-dimension-respondents": (
            "{part} har svart på dimensjonen, flere enn de {whole} som svarte i alt",
            "{part} answered for the dimension, more than the {whole} who answered in all",
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


# Numbers as the json module's scanner reads them, so that "1E400e+16" gives the token it
# refused ("1E400"), not one float() cannot read.
_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|-?(?:NaN|Infinity)'
    r"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|[a-zA-Z]+",
    re.DOTALL,
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


def _validate(data: object, source: str | None, limits: _limits.Limits | None = None,
              catalogue: Catalogue | None = None) -> Profile:
    """The profile ``data`` holds, or a ProfileError with every problem in it: with
    ``catalogue``, the ids it does not know too (not these after the others are fixed)."""
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
        raise ProfileError([
            *problems_from_validation(
                exc,
                (),
                lambda loc, key, params, _at_key: Problem(
                    key, params, file=source,
                    path=dotted(loc) or ("format" if key == "profile-format" else None)),
            ),
            *_consistency(data, source),  # every problem at once, not these after a fix
            *(() if catalogue is None else _unknown_ids(data, catalogue, source)),
        ]) from None
    except RecursionError:
        raise ProfileError([Problem("json-too-deep", {"limit": limits.depth,
                                                      "variable": _limits.Limits.variable("depth")},
                                    file=source)]) from None
    problems = _consistency(data, source)
    if problems:
        if catalogue is not None:
            problems.extend(_unknown_ids(data, catalogue, source))
        raise ProfileError(problems)
    return _marked(profile, source)


def _marked(profile: Profile, source: str | None) -> Profile:
    """``profile``, just made and seen by no one else, marked as read from ``source``."""
    object.__setattr__(profile, "__pydantic_private__",
                       {"_source": None if source is None else (source, None)})
    return profile


def _number_problem(value: object, low: float, high: float) -> tuple[str, dict[str, Any]] | None:
    """What is wrong with ``value`` as a number from ``low`` to ``high``; None if nothing (or
    if the field's own validation already says it: a non-finite float)."""
    if value.__class__ is not int and value.__class__ is not float:
        return "v-type", {"expected": "a number", "expected_nb": "et tall", "got": _got(value)}
    assert isinstance(value, int | float)
    if not math.isfinite(value):
        return None
    shown = int(low) if low.is_integer() else low, int(high) if high.is_integer() else high
    if value < low:
        return "v-ge", {"value": _got(value), "limit": shown[0]}
    if value > high:
        return "v-le", {"value": _got(value), "limit": shown[1]}
    return None


def _count_of(value: object) -> int | None:
    """``value`` if it is a whole number (not true/false), else None."""
    return value if isinstance(value, int) and value.__class__ is not bool else None


def _consistency(data: dict[str, Any], source: str | None) -> list[Problem]:
    """What the fields' own types do not say: the range of the attributes the bundled rules
    read as numbers, and counts that cannot be true together (a segment or a dimension
    answered by more people than the whole). Read from the raw data, defensively, so that
    these problems are reported together with every other one."""
    found: list[Problem] = []

    def add(key: str, params: dict[str, Any], loc: _Loc) -> None:
        found.append(Problem(key, params, file=source, path=dotted(loc)))

    subject = data.get("subject")
    attributes = subject.get("attributes") if isinstance(subject, dict) else None
    if isinstance(attributes, dict):
        for name, (low, high) in _NUMERIC_ATTRIBUTES.items():
            value = attributes.get(name)
            wrong = None if value is None else _number_problem(value, low, high)
            if wrong is not None:
                add(*wrong, ("subject", "attributes", name))
        for name, (cls, expected, expected_nb) in _ATTRIBUTE_TYPES.items():
            value = attributes.get(name)
            if value is not None and value.__class__ is not cls:
                add("v-type", {"expected": expected, "expected_nb": expected_nb,
                               "got": _got(value)}, ("subject", "attributes", name))

    def dimensions(competence: object, whole: int | None, base: _Loc) -> None:
        if whole is None or not isinstance(competence, dict):
            return
        for area, dims in competence.items():
            for dim, value in (dims.items() if isinstance(dims, dict) else ()):
                part = _count_of(value.get("respondents")) if isinstance(value, dict) else None
                if part is not None and part > whole:
                    add("profile-dimension-respondents", {"part": part, "whole": whole},
                        (*base, area, dim, "respondents"))

    whole = _count_of(data.get("respondents"))
    dimensions(data.get("competence"), whole, ("competence",))
    segments = data.get("segments")
    for i, segment in enumerate(segments if isinstance(segments, list | tuple) else ()):
        if not isinstance(segment, dict):
            continue
        part = _count_of(segment.get("respondents"))
        if whole is not None and part is not None and part > whole:
            add("profile-segment-respondents", {"part": part, "whole": whole},
                ("segments", i, "respondents"))
        dimensions(segment.get("competence"), part if part is not None else whole,
                   ("segments", i, "competence"))
    return found


@checked
def parse_profile(text: str | bytes, *, source: str | None = None,
                  catalogue: Catalogue | None = None) -> Profile:
    """Parse a profile from JSON text. ``source`` names it in error messages (and stays with
    the profile: :attr:`Profile.source`). With ``catalogue``, ids it does not know (areas,
    sectors, roles, measures) are reported together with every other problem."""
    return _checked(_parse_with_limits(text, source, _limits.current(), catalogue), catalogue)


def _checked(profile: Profile, catalogue: Catalogue | None) -> Profile:
    problems = None if catalogue is None else profile.problems_against(catalogue)
    if problems:
        raise ProfileError(problems)
    return profile


def _parse_with_limits(text: str | bytes, source: str | None, limits: _limits.Limits,
                       catalogue: Catalogue | None = None) -> Profile:
    """:func:`parse_profile` under limits read once by the caller (the batch path reads them
    once per batch, not once per line). ``catalogue`` only adds its unknown ids to the
    problems of a profile that is not valid; the caller checks a valid one
    (:meth:`Profile.problems_against`).

    A valid profile is read by :func:`_fast_profile`; anything it does not accept goes
    through the strict path below, which finds and words the error.
    """
    if not isinstance(text, str | bytes):
        raise ProfileError([Problem("profile-source-type", {"got": type(text).__name__})])
    if len(text) > limits.file_bytes:
        raise ProfileError([Problem("file-too-large",
                                    {"path": source or "<text>", "limit": limits.file_bytes,
                                     "variable": _limits.Limits.variable("file_bytes")})])
    fast = _fast_profile(text, limits)
    if fast is not None:
        return _marked(fast, source)
    return _parse_strict(text, source, limits, catalogue)


def _parse_strict(text: str | bytes, source: str | None, limits: _limits.Limits,
                  catalogue: Catalogue | None = None) -> Profile:
    """The strict path: every check with its own error, located in the text."""
    if isinstance(text, bytes):
        raw = text
        try:
            text = decode_text(raw)
        except UnicodeDecodeError as exc:
            raise ProfileError([undecodable(raw, exc, source)]) from None
    return _validate(_strict_json(text, source, limits), source, limits, catalogue)


# The json module's problem texts (English) in Norwegian, by how they start.
_JSON_PROBLEMS_NB = (
    ("Expecting value", "forventet en verdi"),
    ("Expecting property name", "forventet et feltnavn i doble anførselstegn"),
    ("Expecting ':'", "forventet kolon (:)"),
    ("Expecting ','", "forventet komma (,)"),
    ("Extra data", "mer tekst etter slutten av JSON-verdien"),
    ("Unterminated string", "teksten i anførselstegn slutter ikke"),
    ("Invalid control character", "kontrolltegn i en tekst (skriv det som \\uXXXX)"),
    ("Invalid \\uXXXX", "ugyldig \\uXXXX-escape"),
    ("Invalid \\escape", "ugyldig escape-tegn (\\) i en tekst"),
    ("Illegal trailing comma", "komma foran slutten av en liste eller et objekt"),
)


def _json_problem_nb(problem: str) -> str:
    """The json module's (English) problem text in Norwegian; unknown ones are marked so."""
    return next((nb for start, nb in _JSON_PROBLEMS_NB if problem.startswith(start)),
                f"syntaksfeil (JSON-leserens tekst: {problem})")


def _strict_json(text: str, source: str | None, limits: _limits.Limits) -> Any:
    """JSON text read as tiltak reads every JSON input (profiles, last year's plan): a
    duplicate key, NaN or Infinity, a number too large or nesting past the limit is a
    ProfileError located at its line, column and JSON path, never a value taken silently."""
    if _depth(text) > limits.depth:
        raise _located(text, "depth", source, limits)
    try:
        return json.loads(text, object_pairs_hook=_pairs_no_duplicates,
                          parse_constant=_reject_constant, parse_int=_parse_int,
                          parse_float=_parse_float)
    except _Refused as exc:
        raise _located(text, exc.kind, source, limits) from None
    except json.JSONDecodeError as exc:
        raise ProfileError([Problem("json-syntax", {"problem": exc.msg,
                                                    "problem_nb": _json_problem_nb(exc.msg)},
                                    file=source or "<text>", line=exc.lineno,
                                    column=exc.colno)]) from None
    except RecursionError:
        raise _located(text, "depth", source, limits) from None


# --- the fast path ----------------------------------------------------------------------------
#
# The strict path above scans the text twice with regexes (nesting depth), decodes it with
# Python hooks for every key and number (duplicate keys, non-finite and oversized numbers) and
# validates it with pydantic, calling Python validators for every dimension and attribute:
# three quarters of a batch line's time went there. The fast path decodes with orjson and
# checks the decoded values by hand, field by field, against the same rules the models
# declare, and builds the same immutable models without validating them again. It only ever
# accepts: whatever it does not accept (an error, or anything it is not sure about) goes to
# the strict path, so every error keeps its wording and location. tests/test_profile_fast.py
# checks with hypothesis that both paths accept the same profiles and build equal models.

_FAST_DEPTH = 7  # the deepest a valid profile nests (segments[].competence.area.dim.distribution)
_ID = re.compile(ID_PATTERN)
_KINDS = frozenset(SUBJECT_KINDS)
_FORMATS = frozenset(get_args(Format))
_PROFILE_KEYS = frozenset(Profile.model_fields)
_SUBJECT_KEYS = frozenset(Subject.model_fields)
_CONTEXT_KEYS = frozenset(Context.model_fields)
_SEGMENT_KEYS = frozenset(Segment.model_fields)
_VALUE_KEYS = frozenset(DimensionValue.model_fields)
_MAX_JSON_INT = 10**_MAX_INT_DIGITS  # the strict path refuses integers of more digits


class _NotFast(Exception):
    """The fast path does not accept the input; the strict path takes over."""


_NO = _NotFast()


def _fast_profile(text: str | bytes, limits: _limits.Limits) -> Profile | None:
    """The profile the strict path would build from ``text``, or None when it is not sure."""
    if limits.depth < _FAST_DEPTH:
        return None
    import orjson  # fast to import; only reading profiles needs it

    try:
        data = orjson.loads(text)
    except (ValueError, TypeError):  # orjson.JSONDecodeError is a ValueError
        return None
    keys = [0]
    try:
        profile = _profile_of(data, limits, keys)
    except _NotFast:
        return None
    # orjson keeps the last of duplicate keys where the strict path refuses them. Outside
    # strings a colon only ends a key, so with no duplicates the text has one colon per key
    # plus those inside strings (written as they are unless escaped as \u003a).
    if isinstance(text, str):
        colons, escaped = text.count(":"), "\\u003" in text
    else:
        colons, escaped = text.count(b":"), b"\\u003" in text
    if colons != keys[0] and (escaped or colons != keys[0] + _colons_in_strings(data)):
        return None
    return profile


def _colons_in_strings(value: Any) -> int:
    if isinstance(value, str):
        return value.count(":")
    if isinstance(value, dict):
        return sum(key.count(":") + _colons_in_strings(item) for key, item in value.items())
    if isinstance(value, list):
        return sum(_colons_in_strings(item) for item in value)
    return 0


def _object(value: Any, allowed: frozenset[str] | None, keys: list[int]) -> dict[str, Any]:
    """A JSON object with only ``allowed`` keys (any keys when None), its keys counted."""
    if value.__class__ is not dict or (allowed is not None and not allowed.issuperset(value)):
        raise _NO
    keys[0] += len(value)
    return value


def _count(value: Any) -> int | None:
    if value is None or (value.__class__ is int and 0 <= value <= MAX_COUNT):
        return value
    raise _NO


def _number(value: Any, low: float, high: float) -> float:
    """A strict, finite float within bounds (a JSON integer becomes a float, as in pydantic)."""
    if (value.__class__ is float or value.__class__ is int) and low <= value <= high:
        return float(value)  # NaN fails the bounds; orjson never gives an infinity
    raise _NO


def _amount(value: Any) -> float | None:
    return None if value is None else _number(value, 0.0, MAX_AMOUNT)


def _ids(value: Any) -> tuple[str, ...]:
    if value.__class__ is not list:
        raise _NO
    for item in value:
        if item.__class__ is not str or len(item) > ID_MAX_LENGTH or _ID.fullmatch(item) is None:
            raise _NO
    return tuple(value)


def _scalar(value: Any) -> Any:
    cls = value.__class__
    if cls is str or cls is bool:
        return value
    # orjson reads an integer beyond 64 bits as a float: keep the strict path's refusal of
    # integers of more than 18 digits by sending every number that large there.
    if (cls is int or cls is float) and -_MAX_JSON_INT < value < _MAX_JSON_INT:
        return value
    raise _NO


def _competence(value: Any, keys: list[int], whole: int | None) -> Competence:
    """The competence part; no dimension answered by more than the ``whole`` who answered
    (the strict path says so with its path)."""
    if value.__class__ is not dict:
        raise _NO
    count = len(value)
    out: Competence = {}
    for area, dims in value.items():
        if dims.__class__ is not dict:
            raise _NO
        count += len(dims)
        named: dict[str, DimensionValue] = {}
        for key, raw in dims.items():
            # An English key is its own name; only others go through the aliases.
            name = key if key in _DIMENSION_SET else normalise_dimension(key)
            if name not in DIMENSIONS or name in named:
                raise _NO
            if raw.__class__ is not dict or not _VALUE_KEYS.issuperset(raw):
                raise _NO
            count += len(raw)
            named[name] = value = _dimension_value(raw)
            if whole is not None and value.respondents is not None and value.respondents > whole:
                raise _NO
        out[area] = named
    keys[0] += count
    return out


def _dimension_value(raw: dict[str, Any]) -> DimensionValue:
    level = raw.get("level")
    # _number, inline for the level and the target (a profile has a dozen or more of them)
    if (level.__class__ is not float and level.__class__ is not int) or not (
            LEVEL_MIN <= level <= LEVEL_MAX):
        raise _NO
    target = raw.get("target")
    if target is not None:
        if (target.__class__ is not float and target.__class__ is not int) or not (
                LEVEL_MIN <= target <= LEVEL_MAX):
            raise _NO
        target = float(target)
    distribution = raw.get("distribution")
    if distribution is not None:
        if distribution.__class__ is not list or len(distribution) != _SHARES:
            raise _NO
        distribution = tuple([_number(share, 0.0, 1.0) for share in distribution])
        if abs(sum(distribution) - 1.0) > _SUM_TOLERANCE:
            raise _NO
    respondents = raw.get("respondents")
    if respondents is not None:
        _count(respondents)
    # built(DimensionValue, ...), inline
    model = new_model(DimensionValue)
    set_dict(model, {"level": float(level), "target": target, "distribution": distribution,
                     "respondents": respondents})
    set_fields_set(model, set(raw))
    set_extra(model, None)
    set_private(model, None)
    return model


def _subject(raw: dict[str, Any], keys: list[int]) -> Subject:
    kind = raw.get("kind")
    if kind.__class__ is not str or kind not in _KINDS:
        raise _NO
    sector = raw.get("sector")
    if sector is not None:
        _ids([sector])
    for name in ("id", "name"):
        if raw.get(name) is not None and raw[name].__class__ is not str:
            raise _NO
    attributes = raw.get("attributes", _MISSING)
    if attributes is _MISSING:
        attributes = {}
    else:
        attributes = _object(attributes, None, keys)
        for item in attributes.values():
            if item is not None:
                _scalar(item)
        for name, (low, high) in _NUMERIC_ATTRIBUTES.items():
            value = attributes.get(name)
            if value is not None and (value.__class__ is bool or value.__class__ is str
                                      or not low <= value <= high):
                raise _NO
        for name, (cls, _, _) in _ATTRIBUTE_TYPES.items():
            value = attributes.get(name)
            if value is not None and value.__class__ is not cls:
                raise _NO
    values = {
        "kind": kind,
        "id": raw.get("id"),
        "name": raw.get("name"),
        "sector": sector,
        "roles": _ids(raw["roles"]) if "roles" in raw else (),
        "attributes": attributes,
    }
    return built(Subject, values, set(raw))  # type: ignore[no-any-return]


_MISSING = object()
_DIMENSION_SET = frozenset(DIMENSIONS)
_NO_CONTEXT = Context.model_construct()  # what Context() gives, without building its validator


def _context(raw: dict[str, Any]) -> Context:
    formats = raw.get("avoid_formats", ())
    if formats != ():
        if formats.__class__ is not list:
            raise _NO
        for item in formats:
            if item.__class__ is not str or item not in _FORMATS:
                raise _NO
    values = {
        "sectors": _ids(raw["sectors"]) if "sectors" in raw else (),
        "running_measures": (_ids(raw["running_measures"]) if "running_measures" in raw
                             else ()),
        "budget_nok": _amount(raw.get("budget_nok")),
        "capacity_hours": _amount(raw.get("capacity_hours")),
        "avoid_formats": tuple(formats),
    }
    return built(Context, values, set(raw))  # type: ignore[no-any-return]


def _segment(raw: dict[str, Any], keys: list[int], whole: int | None) -> Segment:
    by = raw.get("by")
    if by.__class__ is not str or not 1 <= len(by) <= _BY_MAX_LENGTH or "value" not in raw:
        raise _NO
    respondents = _count(raw.get("respondents"))
    values = {
        "by": by,
        "value": _scalar(raw["value"]),
        "respondents": respondents,
        "competence": (_competence(raw["competence"], keys, whole if respondents is None
                                   else respondents) if "competence" in raw else {}),
    }
    return built(Segment, values, set(raw))  # type: ignore[no-any-return]


def _profile_of(data: Any, limits: _limits.Limits, keys: list[int]) -> Profile:
    raw = _object(data, _PROFILE_KEYS, keys)
    if raw.get("format") != PROFILE_FORMAT or "subject" not in raw:
        raise _NO
    respondents = _count(raw.get("respondents"))
    segments: Any = raw.get("segments", ())
    if segments != ():
        if segments.__class__ is not list or len(segments) > limits.segments:
            raise _NO
        segments = tuple([_segment(_object(item, _SEGMENT_KEYS, keys), keys, respondents)
                          for item in segments])
        if respondents is not None and any(
                s.respondents is not None and s.respondents > respondents for s in segments):
            raise _NO
    competence = _competence(raw["competence"], keys, respondents) if "competence" in raw else {}
    values = {
        "format": PROFILE_FORMAT,
        "subject": _subject(_object(raw["subject"], _SUBJECT_KEYS, keys), keys),
        "respondents": respondents,
        "competence": competence,
        "context": (_context(_object(raw["context"], _CONTEXT_KEYS, keys))
                    if "context" in raw else _NO_CONTEXT),
        "segments": segments,
    }
    profile: Profile = built(Profile, values, set(raw))
    set_private(profile, {"_source": None})  # as validation leaves it: read from nowhere yet
    return profile


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


def load_profile(source: Profile | Mapping[str, Any] | str | Path, *,
                 catalogue: Catalogue | None = None) -> Profile:
    """Load a profile from a Profile, a dict, JSON text, a file path or ``"-"`` (stdin).

    A string is JSON text when it is wrapped in braces (and names no file);
    otherwise it is a path, so a file named ``{x}.json`` is read as a file. The file's name
    stays with the profile (:attr:`Profile.source`) and every error names it. With
    ``catalogue``, ids it does not know (areas, sectors, roles, measures) are reported
    together with every other problem, in one error.
    """
    check_value("load_profile", "catalogue", catalogue is None or isinstance(catalogue, Catalogue),
                catalogue, "a Catalogue or None", "en Catalogue eller None")
    return _checked(_load(source, catalogue), catalogue)


def _load(source: Profile | Mapping[str, Any] | str | Path,
          catalogue: Catalogue | None) -> Profile:
    if isinstance(source, Profile):
        return source
    if isinstance(source, Mapping):
        return _validate(dict(source), None, catalogue=catalogue)
    if isinstance(source, bytes):
        return _parse_with_limits(source, None, _limits.current(), catalogue)
    if not isinstance(source, str | os.PathLike):
        raise ProfileError([Problem("profile-source-type", {"got": type(source).__name__})])
    limits = _limits.current()
    if isinstance(source, str) and _looks_like_json(source):
        return _parse_with_limits(source, None, limits, catalogue)
    if isinstance(source, str) and source == "-":
        raw, problems = read_stdin(limits.file_bytes)
        if raw is None:
            raise ProfileError(problems)
        return _parse_with_limits(raw, "<stdin>", limits, catalogue)
    path = Path(source)
    raw, problems = read_limited(path, str(path), limits.file_bytes)
    if raw is None:
        raise ProfileError(problems)
    return _parse_with_limits(raw, str(path), limits, catalogue)
