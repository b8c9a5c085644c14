"""Helpers for tests of rules and applications built on tiltak.

Use them in your own pytest suites::

    from tiltak.testing import make_profile, assert_in_top, assert_not_recommended

    def test_low_attitudes_get_no_courses(engine):
        profile = make_profile(digitalisering={"attitudes": 2.0, "knowledge": 2.0})
        result = engine.suggest(profile)
        assert_not_recommended(result, "e-laeringskurs")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tiltak._args import check_count, check_value, checked
from tiltak.catalogue import Catalogue
from tiltak.engine import Engine
from tiltak.profile import PROFILE_FORMAT, Profile, load_profile
from tiltak.result import Result
from tiltak.rules import rules_from_mapping

__all__ = [
    "assert_in_top",
    "assert_not_recommended",
    "assert_suppressed",
    "engine_from_rules",
    "make_profile",
]

_Level = float | Mapping[str, Any]


@checked
def make_profile(
    *,
    kind: str = "organisation",
    id: str = "test",
    sector: str | None = None,
    roles: Sequence[str] = (),
    attributes: Mapping[str, Any] | None = None,
    respondents: int | None = None,
    context: Mapping[str, Any] | None = None,
    segments: Sequence[Mapping[str, Any]] = (),
    **areas: Mapping[str, _Level],
) -> Profile:
    """A valid profile from short keyword arguments.

    Each area is a mapping of dimension to a level, or to a full dimension
    value (``{"level": 2.1, "distribution": [...]}``)::

        make_profile(digitalisering={"abilities": 2.1, "attitudes": {"level": 4, "target": 4.5}})
    """
    competence = _competence(areas, "")
    data: dict[str, Any] = {
        "format": PROFILE_FORMAT,
        "subject": {
            "kind": kind,
            "id": id,
            "sector": sector,
            "roles": list(roles),
            "attributes": dict(attributes or {}),
        },
        "competence": competence,
        "context": dict(context or {}),
        "segments": [
            {**s, "competence": _competence(s.get("competence", {}), f"segments[{i}].competence")}
            for i, s in enumerate(segments)
        ],
    }
    if respondents is not None:
        data["respondents"] = respondents
    return load_profile(data)  # a ProfileError naming the JSON path, as for any profile


def _competence(areas: Mapping[str, Mapping[str, _Level]], where: str) -> dict[str, Any]:
    """The competence part of a profile from keyword arguments (``where`` empty) or from a
    segment's ``competence`` mapping (``where`` its path), each area a mapping of dimension to
    level: anything else is an ArgumentError that names the area."""
    check_value("make_profile", where or "competence", isinstance(areas, Mapping), areas,
                "a mapping of area to {dimension: level}", "en mapping fra område til "
                "{dimensjon: nivå}")
    for area, dims in areas.items():
        name = f"{where}.{area}" if where else str(area)
        check_value("make_profile", name, isinstance(dims, Mapping), dims,
                    "a mapping of dimension to level, e.g. {'knowledge': 2.1}",
                    "en mapping fra dimensjon til nivå, f.eks. {'knowledge': 2.1}")
    return {
        area.replace("_", "-"): {
            dim: (dict(value) if isinstance(value, Mapping) else {"level": value})
            for dim, value in dims.items()
        }
        for area, dims in areas.items()
    }


@checked
def engine_from_rules(rules: Sequence[Mapping[str, Any]], catalogue: Catalogue,
                      backend: str = "python") -> Engine:
    """An engine for rules given as Python data (the same shape as a rule file's list)."""
    return Engine(rules_from_mapping({"rules": list(rules)}, catalogue), catalogue, backend)


def _ranks(result: Result) -> dict[str, int]:
    return {r.measure: r.rank for r in result.recommendations}


@checked
def assert_in_top(result: Result, measure: str, n: int = 5) -> None:
    """Fail unless ``measure`` is recommended within the top ``n`` (at least 1)."""
    check_count("assert_in_top", "n", n)
    ranks = _ranks(result)
    if ranks.get(measure, n + 1) > n:
        where = f"rank {ranks[measure]}" if measure in ranks else "not recommended"
        raise AssertionError(
            f"{measure} is {where}, expected in the top {n}; top {n}: {result.measures()[:n]}"
        )


@checked
def assert_not_recommended(result: Result, measure: str) -> None:
    """Fail if ``measure`` is among the recommendations."""
    ranks = _ranks(result)
    if measure in ranks:
        raise AssertionError(f"{measure} is recommended at rank {ranks[measure]}")


@checked
def assert_suppressed(result: Result, measure: str, rule: str | None = None) -> None:
    """Fail unless ``measure`` is suppressed (by ``rule``, if given)."""
    hits = [s for s in result.suppressed if s.measure == measure]
    if rule is not None:
        hits = [s for s in hits if s.rule == rule]
    if not hits:
        by = f" by rule {rule}" if rule else ""
        raise AssertionError(f"{measure} is not suppressed{by}; suppressed: "
                             f"{[(s.measure, s.rule) for s in result.suppressed]}")
