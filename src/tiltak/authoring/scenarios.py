"""Scenario files: regression tests for rules that HR advisers write themselves.

A scenario file is YAML with a list ``scenarios``; each names a profile
(inline, or a path relative to the file) and what the suggestions must
contain::

    scenarios:
      - id: bindal-hele-kommunen
        description: {nb: ..., en: ...}        # optional
        profile: ../examples/bindal-organisasjon.json
        top: 5                                 # default 5
        expect_top: [teknologivalg-arena]      # must rank within the top N
        expect_absent: [e-laeringskurs]        # must not be recommended at all
        expect_suppressed: [e-laeringskurs]    # must be listed as suppressed
        segment: {by: sector, value: helse-og-velferd}   # optional: check one segment

Expectations on segments name the segment with ``segment``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import pydantic

from tiltak._args import checked
from tiltak._data import default_dir
from tiltak._i18n import did_you_mean
from tiltak._validation import Id, Model, Text, problems_from_validation
from tiltak._yaml import YamlDoc, dotted, load_yaml_file, yaml_sources
from tiltak.catalogue import Catalogue
from tiltak.engine import Engine
from tiltak.errors import InputError, Problem, ProfileError, TiltakError
from tiltak.profile import Profile, load_profile
from tiltak.result import Recommendation, Suppression

__all__ = [
    "Outcome",
    "Scenario",
    "SegmentRef",
    "default_scenarios",
    "load_scenarios",
    "run_scenario",
    "run_scenarios",
]


class SegmentRef(Model):
    by: str
    value: str | int | float | bool


class Scenario(Model):
    """One expectation about the suggestions for one profile."""

    id: Id
    description: Text | None = None
    profile: str | dict[str, Any]
    top: Annotated[int, pydantic.Field(ge=1, le=10_000, strict=True)] = 5
    expect_top: tuple[Id, ...] = ()
    expect_absent: tuple[Id, ...] = ()
    expect_suppressed: tuple[Id, ...] = ()
    segment: SegmentRef | None = None
    file: str = ""
    line: int = 0
    #: (line, column) in ``file`` of each value in the scenario, by its path in the scenario
    #: (``expect_top[1]``, ``profile.subject.roles[0]``): errors point at the entry itself.
    where: dict[str, tuple[int, int]] = pydantic.Field(default_factory=dict)

    def load_profile(self, catalogue: Catalogue | None = None) -> Profile:
        """The scenario's profile: inline, or a path relative to the scenario file. Every
        problem (with ``catalogue``, ids it does not know too) is named where it is: in the
        profile's file, or at its line and column in the scenario file."""
        if isinstance(self.profile, dict):
            try:
                return load_profile(self.profile, catalogue=catalogue)
            except ProfileError as error:
                raise self.located(error) from None
        path = Path(self.profile)
        if not path.is_absolute() and self.file:
            path = Path(self.file).parent / path
        return load_profile(path, catalogue=catalogue)

    def position(self, path: str) -> tuple[int, int]:
        """(line, column) of the value at ``path`` in the scenario, or of its nearest
        enclosing value; the scenario's own line when none is known."""
        while path:
            if path in self.where:
                return self.where[path]
            parent = _PARENT.sub("", path, count=1)
            path = "" if parent == path else parent
        return self.line, 1

    def located(self, error: ProfileError) -> ProfileError:
        """The problems of this scenario's inline profile placed in the scenario file."""
        problems = []
        for problem in error.problems:
            path = "profile" + ("" if not problem.path else
                                problem.path if problem.path.startswith("[")
                                else "." + problem.path)
            line, column = self.position(path)
            problems.append(dataclasses.replace(problem, file=self.file or None, line=line,
                                                column=column, path=path))
        return ProfileError(problems)


# The last part of a dotted path ("a.b[2]" -> "a.b" -> "a"): a quoted key is shown whole.
_PARENT = re.compile(r'(\[\d+\]|\.?"(?:[^"\\]|\\.)*"|\.?[^.\["]*)$')


@dataclass(frozen=True)
class Outcome:
    """What running one scenario gave: ``failures`` is empty when it passed."""

    scenario: Scenario
    top: tuple[str, ...]
    failures: tuple[Text, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return not self.failures


def _parse_file(doc: YamlDoc, problems: list[Problem]) -> list[Scenario]:
    data = doc.data
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"scenarios"}:
        problems.append(doc.problem((), "v-type", expected="a mapping with 'scenarios'",
                                    expected_nb="en tabell med «scenarios»", got="?"))
        return []
    out: list[Scenario] = []
    items = data.get("scenarios") or []
    if not isinstance(items, list):
        problems.append(doc.problem(("scenarios",), "v-type", expected="a list",
                                    expected_nb="en liste", got=type(items).__name__))
        return []
    for index, item in enumerate(items):
        loc = ("scenarios", index)
        if isinstance(item, dict):
            where = {dotted(key[2:]): position for key, position in doc.positions.items()
                     if key[:2] == loc and len(key) > 2}
            item = {**item, "file": doc.file, "line": doc.where(loc)[0], "where": where}
        try:
            out.append(Scenario.model_validate(item))
        except pydantic.ValidationError as exc:
            problems.extend(problems_from_validation(
                exc, loc, lambda where, k, p, a: doc.problem(where, k, at_key=a, **p)))
    return out


@checked
def load_scenarios(paths: Iterable[str | Path]) -> list[Scenario]:
    """Scenarios from files and directories (every .yaml file in them, by name)."""
    problems: list[Problem] = []
    scenarios: list[Scenario] = []
    for raw in paths:
        files, found_here = yaml_sources(Path(raw), single_file=True)
        # An empty directory is reported below as "no scenarios found".
        problems.extend(p for p in found_here if p.key != "no-yaml-files")
        for file in files:
            doc, found = load_yaml_file(file)
            problems.extend(found)
            if doc is not None:
                scenarios.extend(_parse_file(doc, problems))
    if problems:
        raise InputError(problems)
    return scenarios


def default_scenarios() -> list[Scenario]:
    """The bundled scenarios that check the bundled rules."""
    return load_scenarios([default_dir("scenarios")])


def _check(scenario: Scenario, recs: Sequence[Recommendation],
           suppressed: Sequence[Suppression],
           known: Iterable[str] | None = None) -> tuple[tuple[str, ...], list[Text]]:
    """The failed expectations, each at the line and column of its entry; one on a measure
    ``known`` does not hold is left to :func:`_unknown`, which says that, not also that it
    was not suggested."""
    top = tuple(r.measure for r in recs[: scenario.top])
    held = None if known is None else set(known)
    every = {r.measure for r in recs}
    gone = {s.measure for s in suppressed}
    failures: list[Text] = []

    def fail(name: str, i: int, nb: str, en: str) -> None:
        where = _at(scenario, f"{name}[{i}]")
        failures.append(Text(nb=where + nb, en=where + en))

    def checked(name: str) -> Iterable[tuple[int, str]]:
        return ((i, m) for i, m in enumerate(getattr(scenario, name))
                if held is None or m in held)

    for i, measure in checked("expect_top"):
        if measure not in top:
            rank = next((r.rank for r in recs if r.measure == measure), None)
            shown_nb = f"på plass {rank}" if rank else "ikke foreslått"
            shown_en = f"at rank {rank}" if rank else "not suggested"
            fail("expect_top", i,
                 f"{measure} skulle vært blant de {scenario.top} beste, men er {shown_nb}",
                 f"{measure} should be in the top {scenario.top}, but is {shown_en}")
    for i, measure in checked("expect_absent"):
        if measure in every:
            rank = next(r.rank for r in recs if r.measure == measure)
            fail("expect_absent", i,
                 f"{measure} skulle ikke vært foreslått, men er på plass {rank}",
                 f"{measure} should not be suggested, but is at rank {rank}")
    for i, measure in checked("expect_suppressed"):
        if measure not in gone:
            fail("expect_suppressed", i, f"{measure} skulle vært undertrykt, men er ikke det",
                 f"{measure} should be suppressed, but is not")
    return top, failures


def _at(scenario: Scenario, path: str) -> str:
    """``file:line:column: `` of the value at ``path`` in the scenario (empty without a file),
    so that an editor jumps to the entry, not to the scenario's start."""
    if not scenario.file:
        return ""
    line, column = scenario.position(path)
    return f"{scenario.file}:{line}:{column}: "


@checked
def run_scenario(engine: Engine, scenario: Scenario) -> Outcome:
    """Evaluate one scenario; profile problems become failures, not exceptions."""
    try:
        result = engine.suggest(scenario.load_profile(engine.catalogue))
    except InputError as exc:  # one failure per problem, each where it is
        return Outcome(scenario, (), tuple(Text(nb=p.render("nb"), en=p.render("en"))
                                           for p in exc.problems))
    except TiltakError as exc:
        return Outcome(scenario, (), (Text(nb=exc.render("nb"), en=exc.render("en")),))
    recs, suppressed = result.recommendations, result.suppressed
    if scenario.segment is not None:
        match = [s for s in result.segments or []
                 if s.by == scenario.segment.by and s.value == scenario.segment.value]
        if not match:
            missing = f"{scenario.segment.by}={scenario.segment.value}"
            where = _at(scenario, "segment")
            return Outcome(scenario, (), (Text(nb=f"{where}profilen har ikke segmentet {missing}",
                                               en=f"{where}the profile has no segment {missing}"),))
        recs, suppressed = match[0].recommendations, match[0].suppressed
    top, failures = _check(scenario, recs, suppressed, engine.catalogue.measures)
    return Outcome(scenario, top, (*_unknown(engine, scenario), *failures))


def _unknown(engine: Engine, scenario: Scenario) -> list[Text]:
    """A failure per expected measure the catalogue does not have, at the line and column
    of the entry: a typo in ``expect_absent`` would otherwise pass whatever the rules do (and
    one in ``expect_top`` fail without saying why)."""
    known = engine.catalogue.measures
    found: list[Text] = []
    for name in ("expect_top", "expect_absent", "expect_suppressed"):
        for i, m in enumerate(getattr(scenario, name)):
            if m in known:
                continue
            where = _at(scenario, f"{name}[{i}]")
            found.append(Text(nb=f"{where}ukjent tiltak «{m}»: det finnes ikke i katalogen"
                                 f"{did_you_mean(m, known, 'nb')}",
                              en=f"{where}unknown measure '{m}': it is not in the catalogue"
                                 f"{did_you_mean(m, known, 'en')}"))
    return found


@checked
def run_scenarios(engine: Engine, scenarios: Iterable[Scenario]) -> list[Outcome]:
    return [run_scenario(engine, s) for s in scenarios]

