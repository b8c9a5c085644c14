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
from tiltak._i18n import did_you_mean
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


def _seen(result: Result) -> tuple[set[str], set[str]]:
    """The measure and rule ids a result names itself (recommended, suppressed, a reason's
    rule, a programme's module), also in its segments."""
    measures: set[str] = set()
    rules: set[str] = set()
    for part in (result, *(result.segments or ())):
        for rec in part.recommendations:
            measures.add(rec.measure)
            rules.update(reason.rule for reason in rec.reasons)
            if rec.part_of is not None:
                measures.add(rec.part_of.measure)
        for sup in part.suppressed:
            measures.add(sup.measure)
            if sup.rule is not None:
                rules.add(sup.rule)
    return measures, rules


def _known(result: Result, catalogue: Catalogue | Engine | None) -> tuple[frozenset[str] | None,
                                                                           frozenset[str] | None]:
    """The measure ids and rule ids to check a test's ids against: the ``catalogue`` (or
    engine) given, else those of the engine that made the result; None where neither says
    (a result read back from JSON; rule ids with a Catalogue given)."""
    if isinstance(catalogue, Engine):
        return (frozenset(catalogue.catalogue.measures),
                frozenset(r.id for r in catalogue.rules.rules))
    known = (result.__pydantic_private__ or {}).get("_known")
    rules = known.rules if known is not None else None
    if isinstance(catalogue, Catalogue):
        return frozenset(catalogue.measures), rules
    return (known.measures if known is not None else None), rules


def _check_id(helper: str, what: str, value: str, known: frozenset[str] | None,
              seen: set[str]) -> None:
    """Fail loudly unless ``value`` is a known ``what`` ("measure", "rule"): a mistyped id in
    a test must never make it pass (a measure that does not exist is never recommended)."""
    if value in seen or (known is not None and value in known):
        return
    if known is None:
        raise AssertionError(
            f"{helper}: cannot tell whether {what} {value!r} exists: it is not in the result, "
            f"and the result does not say which engine made it (was it read from JSON?); "
            f"pass catalogue=engine")
    raise AssertionError(f"{helper}: unknown {what} {value!r}: the engine that made the result "
                         f"has no such {what}{did_you_mean(value, sorted(known), 'en')}")


def _check_measure(helper: str, result: Result, measure: str,
                   catalogue: Catalogue | Engine | None) -> None:
    check_value(helper, "measure", isinstance(measure, str), measure, "a measure id",
                "en tiltaks-id")
    _check_id(helper, "measure", measure, _known(result, catalogue)[0], _seen(result)[0])


@checked
def assert_in_top(result: Result, measure: str, n: int = 5, *,
                  catalogue: Catalogue | Engine | None = None) -> None:
    """Fail unless ``measure`` is recommended within the top ``n`` (at least 1).

    Like every helper here it fails, saying so, for an id the engine does not know;
    ``catalogue`` (a Catalogue or an Engine) names what is known for a result read from JSON.
    """
    check_count("assert_in_top", "n", n)
    _check_measure("assert_in_top", result, measure, catalogue)
    ranks = _ranks(result)
    if ranks.get(measure, n + 1) > n:
        where = f"rank {ranks[measure]}" if measure in ranks else "not recommended"
        raise AssertionError(
            f"{measure} is {where}, expected in the top {n}; top {n}: {result.measures()[:n]}"
        )


@checked
def assert_not_recommended(result: Result, measure: str, *,
                           catalogue: Catalogue | Engine | None = None) -> None:
    """Fail if ``measure`` is among the recommendations, or is not a measure at all."""
    _check_measure("assert_not_recommended", result, measure, catalogue)
    ranks = _ranks(result)
    if measure in ranks:
        raise AssertionError(f"{measure} is recommended at rank {ranks[measure]}")


@checked
def assert_suppressed(result: Result, measure: str, rule: str | None = None, *,
                      catalogue: Catalogue | Engine | None = None) -> None:
    """Fail unless ``measure`` is suppressed (by ``rule``, if given); an unknown measure or
    rule id fails too."""
    _check_measure("assert_suppressed", result, measure, catalogue)
    if rule is not None:
        check_value("assert_suppressed", "rule", isinstance(rule, str), rule, "a rule id",
                    "en regel-id")
        _check_id("assert_suppressed", "rule", rule, _known(result, catalogue)[1],
                  _seen(result)[1])
    hits = [s for s in result.suppressed if s.measure == measure]
    if rule is not None:
        hits = [s for s in hits if s.rule == rule]
    if not hits:
        by = f" by rule {rule}" if rule else ""
        raise AssertionError(f"{measure} is not suppressed{by}; suppressed: "
                             f"{[(s.measure, s.rule) for s in result.suppressed]}")
