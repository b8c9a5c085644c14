"""The catalogue: competence areas, sectors, roles and measures (tiltak).

A catalogue is a directory of YAML files; each file may hold any of the
top-level lists ``areas``, ``sectors``, ``roles`` and ``measures``. The files
are read in name order and merged; an id defined twice is an error. See
``docs/catalogue-format.md`` for the format with examples.
"""

from __future__ import annotations

import graphlib
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Literal, get_args

import pydantic
from pydantic import Field, field_validator

from tiltak._i18n import add_messages
from tiltak._validation import (
    Dimension,
    Id,
    Level,
    Model,
    Text,
    WholeAmount,
    normalise_dimension,
    problems_from_validation,
)
from tiltak._yaml import YamlDoc, load_yaml_file, yaml_sources
from tiltak.errors import CatalogueError, Problem

add_messages(
    {
        "cat-part-of-self": (
            "et tiltak kan ikke være en del av seg selv",
            "a measure cannot be part of itself",
        ),
        "cat-part-of-nested": (
            "{id} er selv en del av {parent}; oppgi programmet ({parent}) i stedet",
            "{id} is itself part of {parent}; name the programme ({parent}) instead",
        ),
        "cat-prerequisite-cycle": (
            "tiltakene er forutsetninger for hverandre i ring: {cycle}; bryt ringen",
            "the measures are prerequisites of each other in a cycle: {cycle}; break the cycle",
        ),
    }
)

__all__ = [
    "DEFAULT_DURATION_MONTHS",
    "FORMATS",
    "LEVELS",
    "STRATEGIES",
    "Area",
    "Audience",
    "Catalogue",
    "CostClass",
    "Format",
    "Measure",
    "MeasureLevel",
    "Recurrence",
    "Reliance",
    "Role",
    "Sector",
    "Source",
    "Strategy",
    "load_catalogue",
]

Strategy = Literal["mobilise", "develop", "recruit", "phase-out"]
STRATEGIES: tuple[Strategy, ...] = get_args(Strategy)

Format = Literal[
    "cafe",
    "forum",
    "arena",
    "network",
    "programme",
    "course",
    "e-learning",
    "nano-learning",
    "seminar",
    "mentoring",
    "guidance",
    "pilot",
    "plan",
    "role",
    "tool",
    "survey",
    "recruitment",
    "game",
    "podcast",
]
FORMATS: tuple[Format, ...] = get_args(Format)

MeasureLevel = Literal["individual", "unit", "sector", "organisation", "region"]
LEVELS: tuple[MeasureLevel, ...] = get_args(MeasureLevel)

CostClass = Literal["low", "medium", "high"]

Recurrence = Literal["yearly"]

DEFAULT_DURATION_MONTHS: Mapping[Format, int] = MappingProxyType({
    # bindal-2024 6.1.4: a pilot's evaluation period should be short, under 12 months.
    "pilot": 6,
    # A programme runs over more than a year (leader and key-resource programmes).
    "programme": 18,
    # The rest are our own defaults (not from a source): how long it takes to set up or
    # carry out one round of the format.
    "cafe": 6, "forum": 6, "arena": 6, "network": 6, "course": 3, "e-learning": 3,
    "nano-learning": 3, "seminar": 1, "mentoring": 12, "guidance": 6, "plan": 6, "role": 3,
    "tool": 6, "survey": 3, "recruitment": 6, "game": 3, "podcast": 6,
})
"""Months a measure runs when the catalogue gives no ``duration_months``, per format."""


class Source(Model):
    """Where a measure or rule comes from: a document key and a section in it."""

    document: Annotated[str, Field(min_length=1, max_length=80)]
    section: Annotated[str, Field(min_length=1, max_length=80)]

    @field_validator("section", mode="before")
    @classmethod
    def _section_as_text(cls, value: object) -> object:
        # "6.1" in YAML is a float; sections are labels, not numbers.
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return value


class Area(Model):
    """A competence area, with the default target level for each dimension."""

    id: Id
    name: Text
    description: Text | None = None
    targets: Mapping[Dimension, Level]
    sources: tuple[Source, ...] = ()

    @field_validator("targets", mode="before")
    @classmethod
    def _targets(cls, value: object) -> object:
        if isinstance(value, Mapping):
            return {normalise_dimension(k): v for k, v in value.items()}
        return value

    def target(self, dimension: Dimension) -> float | None:
        return self.targets.get(dimension)


class Reliance(Model):
    """One sector relying on another sector's competence (an edge in the plan graph)."""

    sector: Id
    competence: Text
    sources: tuple[Source, ...] = ()


class Sector(Model):
    """A sector of the municipality (or a cross-sector body)."""

    id: Id
    name: Text
    cross_sector: bool = False
    relies_on: tuple[Reliance, ...] = ()


class Role(Model):
    """A role a person can hold (leader, superuser, politician ...).

    ``kind_of`` names broader roles this one is a kind of (a top leader is a leader), so a
    measure for leaders reaches top leaders too.
    """

    id: Id
    name: Text
    description: Text | None = None
    kind_of: tuple[Id, ...] = ()


_AudienceKind = Literal["organisation", "county", "region", "sector", "unit", "group", "employee"]


class Audience(Model):
    """Whom a measure is for: kinds of subject and, for people (groups and employees), roles.

    An empty list means no limit. An employee without roles counts as ``employee``; a group
    without roles (a mixed group, such as a survey segment) is not limited by role.
    """

    subjects: tuple[_AudienceKind, ...] = ()
    roles: tuple[Id, ...] = ()


class Measure(Model):
    """One measure (tiltak) on the menu."""

    id: Id
    title: Text
    description: Text
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]
    areas: Annotated[tuple[Id, ...], Field(min_length=1)]
    dimensions: Annotated[tuple[Dimension, ...], Field(min_length=1)]
    strategy: Strategy
    format: Format
    level: MeasureLevel
    cost: CostClass
    cost_nok: WholeAmount | None = None
    effort_hours: WholeAmount | None = None
    duration_months: Annotated[int, Field(ge=1, le=60)] | None = None
    recurs: Recurrence | None = None
    prerequisites: tuple[Id, ...] = ()
    sectors: tuple[Id, ...] = ()
    owners: tuple[Id, ...] = ()
    roles: tuple[Id, ...] = ()
    evidence: Text | None = None
    evidence_sources: tuple[Source, ...] = ()
    audience: Audience | None = None
    #: The programme this measure is a module of: recommended beside its programme, a module
    #: counts only part of its points (see docs/catalogue-format.md, ``part_of``).
    part_of: Id | None = None

    @property
    def evidence_is_suggestion(self) -> bool:
        """True when the evidence criterion is the catalogue's own suggestion, not a source's."""
        return self.evidence is not None and not self.evidence_sources

    @field_validator("dimensions", mode="before")
    @classmethod
    def _dimensions(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return [normalise_dimension(v) for v in value]
        return value

    @property
    def months(self) -> int:
        """How long the measure runs (one round of it, if it recurs): its own
        ``duration_months`` or the default for its format."""
        return self.duration_months or DEFAULT_DURATION_MONTHS[self.format]


_SECTIONS: dict[str, type[Model]] = {
    "areas": Area,
    "sectors": Sector,
    "roles": Role,
    "measures": Measure,
}
_KIND_NAMES = {"areas": "area", "sectors": "sector", "roles": "role", "measures": "measure"}
_KIND_NAMES_NB = {"areas": "kompetanseområde", "sectors": "sektor", "roles": "rolle",
                  "measures": "tiltak"}


@dataclass(frozen=True)
class Catalogue:
    """An immutable, validated catalogue. Mappings keep file order."""

    areas: Mapping[str, Area]
    sectors: Mapping[str, Sector]
    roles: Mapping[str, Role]
    measures: Mapping[str, Measure]
    origin: Mapping[str, tuple[str, int]] = field(default_factory=dict, compare=False)
    fingerprint: str = ""

    @classmethod
    def from_parts(
        cls,
        areas: Iterable[Area] = (),
        sectors: Iterable[Sector] = (),
        roles: Iterable[Role] = (),
        measures: Iterable[Measure] = (),
        origin: Mapping[str, tuple[str, int]] | None = None,
    ) -> Catalogue:
        """Build a catalogue from model objects (after validation)."""
        parts: dict[str, dict[str, Model]] = {
            "areas": {a.id: a for a in areas},
            "sectors": {s.id: s for s in sectors},
            "roles": {r.id: r for r in roles},
            "measures": {m.id: m for m in measures},
        }
        digest = hashlib.sha256(
            json.dumps(
                {k: [v.model_dump(mode="json") for v in d.values()] for k, d in parts.items()},
                sort_keys=True,
                ensure_ascii=False,
            ).encode()
        ).hexdigest()
        return cls(
            areas=MappingProxyType(parts["areas"]),  # type: ignore[arg-type]
            sectors=MappingProxyType(parts["sectors"]),  # type: ignore[arg-type]
            roles=MappingProxyType(parts["roles"]),  # type: ignore[arg-type]
            measures=MappingProxyType(parts["measures"]),  # type: ignore[arg-type]
            origin=MappingProxyType(dict(origin or {})),
            fingerprint=digest,
        )

    def target(self, area: str, dimension: Dimension) -> float | None:
        found = self.areas.get(area)
        return found.target(dimension) if found else None

    def role_closure(self, roles: Iterable[str]) -> frozenset[str]:
        """The roles given and every broader role they are a kind of (``kind_of``)."""
        seen: set[str] = set()
        todo = list(roles)
        while todo:
            role = todo.pop()
            if role in seen:
                continue
            seen.add(role)
            found = self.roles.get(role)
            if found is not None:
                todo.extend(found.kind_of)
        return frozenset(seen)

    def outside_audience(self, measure: str, kind: str, roles: Iterable[str]) -> bool:
        """True when ``measure`` is not meant for a subject of this kind with these roles."""
        found = self.measures.get(measure)
        audience = found.audience if found is not None else None
        if audience is None:
            return False
        # One person holding a named role is as much the audience as a group of such people
        # (one system owner, a group of system owners). The plain `employee` role does not
        # count: a group of employees is the staff, which one person is not.
        as_group = (kind == "employee" and "group" in audience.subjects
                    and bool(self.role_closure(roles) & set(audience.roles) - {"employee"}))
        if audience.subjects and kind not in audience.subjects and not as_group:
            return True
        if audience.roles and kind in ("group", "employee"):
            if kind == "group" and not roles:
                return False
            held = self.role_closure(roles) or frozenset({"employee"})
            return not held & set(audience.roles)
        return False

    @staticmethod
    def holds_many_roles(kind: str, roles: Iterable[str]) -> bool:
        """Whether a subject of ``kind`` that states ``roles`` is people of many roles: a body
        (organisation, county, region, sector, unit) or a group that states no roles. One
        employee without roles is a plain employee."""
        return kind != "employee" and not any(True for _ in roles)

    def for_some_roles(self, measure: str, kind: str, roles: Iterable[str]) -> tuple[str, ...]:
        """The roles ``measure`` is for when the subject states none, else ``()``.

        A body (organisation, region, sector, unit) or a group that states no roles holds
        people with many roles. A measure whose audience names roles that not every employee
        holds (system roles, leaders, politicians) is then not outside the audience, but it is
        for some of the subject's people only: those holding one of these roles. One employee
        without roles is a plain employee (:meth:`outside_audience` decides for them).
        """
        if not self.holds_many_roles(kind, roles):
            return ()
        found = self.measures.get(measure)
        audience = found.audience if found is not None else None
        if audience is None or not audience.roles or "employee" in audience.roles:
            return ()
        return tuple(audience.roles)


def _validate_entries(
    doc: YamlDoc, section: str, problems: list[Problem]
) -> list[tuple[Model, YamlDoc, int]]:
    """Validate each entry of one section on its own, so all problems are found."""
    raw = doc.data[section]
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(doc.problem((section,), "v-type", expected="a list",
                                    expected_nb="en liste", got=type(raw).__name__))
        return []
    model = _SECTIONS[section]
    out: list[tuple[Model, YamlDoc, int]] = []
    for index, entry in enumerate(raw):
        try:
            out.append((model.model_validate(entry), doc, index))
        except pydantic.ValidationError as exc:
            problems.extend(
                problems_from_validation(
                    exc,
                    (section, index),
                    lambda loc, key, params, at_key: doc.problem(loc, key, at_key=at_key, **params),
                )
            )
    return out


def _check_references(
    entries: Mapping[str, list[tuple[Model, YamlDoc, int]]], problems: list[Problem],
    invalid: Mapping[str, set[str]] | None = None,
) -> None:
    """Every id an entry names exists. ``invalid``: ids of entries that failed validation,
    which exist but were reported already (naming them again would be a follow-on error)."""
    ids = {section: {e.id for e, _, _ in items} for section, items in entries.items()}  # type: ignore[attr-defined]
    for section, broken in (invalid or {}).items():
        ids[section] = ids[section] | broken

    def check(doc: YamlDoc, loc: tuple[str | int, ...], value: str, kinds: Iterable[str]) -> None:
        kinds = tuple(kinds)
        if not any(value in ids[k] for k in kinds):
            label = "/".join(_KIND_NAMES[k] for k in kinds)
            label_nb = "/".join(_KIND_NAMES_NB[k] for k in kinds)
            known = tuple(i for k in kinds for i in ids[k])
            problems.append(doc.problem(loc, "cat-unknown-ref", kind=label, kind_nb=label_nb,
                                        id=value, near=(value, known)))

    for sector, doc, index in entries["sectors"]:
        assert isinstance(sector, Sector)
        for j, rel in enumerate(sector.relies_on):
            check(doc, ("sectors", index, "relies_on", j, "sector"), rel.sector, ["sectors"])
    # every measure id -> the programme it is part of (None for a measure that is no module,
    # or one that failed validation and was reported already)
    parents: dict[str, str | None] = dict.fromkeys((invalid or {}).get("measures", ()))
    parents |= {m.id: m.part_of for m, _, _ in entries["measures"]}  # type: ignore[attr-defined]
    for measure, doc, index in entries["measures"]:
        assert isinstance(measure, Measure)
        base = ("measures", index)
        for j, area in enumerate(measure.areas):
            check(doc, (*base, "areas", j), area, ["areas"])
        for j, pre in enumerate(measure.prerequisites):
            if pre == measure.id:
                problems.append(doc.problem((*base, "prerequisites", j), "cat-prerequisite-self"))
            else:
                check(doc, (*base, "prerequisites", j), pre, ["measures"])
        for j, sector_id in enumerate(measure.sectors):
            check(doc, (*base, "sectors", j), sector_id, ["sectors"])
        for j, owner in enumerate(measure.owners):
            check(doc, (*base, "owners", j), owner, ["sectors", "roles"])
        for j, role in enumerate(measure.roles):
            check(doc, (*base, "roles", j), role, ["roles"])
        if measure.audience is not None:
            for j, role in enumerate(measure.audience.roles):
                check(doc, (*base, "audience", "roles", j), role, ["roles"])
        if measure.part_of is not None:
            parent = parents.get(measure.part_of)
            if measure.part_of == measure.id:
                problems.append(doc.problem((*base, "part_of"), "cat-part-of-self"))
            elif measure.part_of not in parents:
                check(doc, (*base, "part_of"), measure.part_of, ["measures"])
            elif parent is not None:
                problems.append(doc.problem((*base, "part_of"), "cat-part-of-nested",
                                            id=measure.part_of, parent=parent))
    for role_entry, doc, index in entries["roles"]:
        assert isinstance(role_entry, Role)
        for j, broader in enumerate(role_entry.kind_of):
            check(doc, ("roles", index, "kind_of", j), broader, ["roles"])
    _check_cycles(entries["measures"], problems)


def _check_cycles(measures: list[tuple[Model, YamlDoc, int]], problems: list[Problem]) -> None:
    """A prerequisite cycle (a needs b, b needs a) makes every plan impossible: find one.

    Reported at the prerequisite that closes the cycle from its smallest id, so
    `tiltak check` names a file and line, not only `tiltak plan`.
    """
    where: dict[str, tuple[Measure, YamlDoc, int]] = {}
    for model, doc, index in measures:
        assert isinstance(model, Measure)
        where[model.id] = (model, doc, index)
    graph = {mid: [p for p in m.prerequisites if p in where and p != mid]
             for mid, (m, _, _) in where.items()}
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        cycle: list[str] = list(exc.args[1])[:-1]
        start = cycle.index(min(cycle))
        cycle = cycle[start:] + cycle[:start]
        # graphlib lists a cycle against the edges' direction: a measure, then what needs it.
        cycle = [cycle[0], *reversed(cycle[1:])]
        first, doc, index = where[cycle[0]]
        j = first.prerequisites.index(cycle[1])
        problems.append(doc.problem(("measures", index, "prerequisites", j),
                                    "cat-prerequisite-cycle",
                                    cycle=" -> ".join([*cycle, cycle[0]])))


def load_catalogue(directory: str | Path) -> Catalogue:
    """Load and validate every YAML file in ``directory``.

    Raises :class:`~tiltak.errors.CatalogueError` listing every problem found.
    """
    root = Path(directory) if isinstance(directory, str | os.PathLike) else None
    if root is None:
        raise CatalogueError([Problem("v-type", {"expected": "a directory",
                                                 "expected_nb": "en mappe",
                                                 "got": type(directory).__name__},
                                      path="catalogue")])
    files, problems = yaml_sources(root, single_file=False)
    if problems:
        raise CatalogueError(problems)
    entries: dict[str, list[tuple[Model, YamlDoc, int]]] = {s: [] for s in _SECTIONS}
    first_seen: dict[tuple[str, str], str] = {}
    unreadable = False  # a file that could not be read hides the ids it defines
    written: dict[str, set[str]] = {s: set() for s in _SECTIONS}
    for path in files:
        doc, found = load_yaml_file(path)
        problems.extend(found)
        if doc is None:
            unreadable = True
            continue
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            problems.append(doc.problem((), "v-type", expected="a mapping with areas, sectors, "
                                        "roles or measures", expected_nb="en tabell med areas, "
                                        "sectors, roles eller measures",
                                        got=type(doc.data).__name__))
            continue
        for key in doc.data:
            if key not in _SECTIONS:
                problems.append(doc.problem((key,), "v-extra", at_key=True, field=key))
        for section in _SECTIONS:
            if section not in doc.data:
                continue
            raw = doc.data[section]
            if isinstance(raw, list):
                written[section].update(e["id"] for e in raw if isinstance(e, dict)
                                        and isinstance(e.get("id"), str))
            for entry in _validate_entries(doc, section, problems):
                model, _, index = entry
                entry_id: str = model.id  # type: ignore[attr-defined]
                # Sectors and roles share one namespace: a measure's owners name either.
                space = "owners" if section in ("sectors", "roles") else section
                seen = first_seen.get((space, entry_id))
                if seen is not None:
                    problems.append(doc.problem((section, index, "id"), "cat-duplicate-id",
                                                kind=_KIND_NAMES[section],
                                                kind_nb=_KIND_NAMES_NB[section], id=entry_id,
                                                other=seen))
                    continue
                first_seen[(space, entry_id)] = f"{doc.file}:{doc.where((section, index))[0]}"
                entries[section].append(entry)
    if not entries["areas"] and not problems:
        problems.append(Problem("cat-no-areas", {}, file=str(root)))
    if not unreadable:  # else "unknown id" elsewhere would only be a follow-on error
        _check_references(entries, problems, written)
    if problems:
        raise CatalogueError(problems)
    origin: dict[str, tuple[str, int]] = {}
    for section in _SECTIONS:
        for model, doc, index in entries[section]:
            origin[f"{_KIND_NAMES[section]}:{model.id}"] = (  # type: ignore[attr-defined]
                doc.file,
                doc.where((section, index))[0],
            )
    return Catalogue.from_parts(
        areas=[m for m, _, _ in entries["areas"]],  # type: ignore[misc]
        sectors=[m for m, _, _ in entries["sectors"]],  # type: ignore[misc]
        roles=[m for m, _, _ in entries["roles"]],  # type: ignore[misc]
        measures=[m for m, _, _ in entries["measures"]],  # type: ignore[misc]
        origin=origin,
    )
