"""Strengths the documents build on, facts stated in the documents' own terms, and who a mixed
group is (held-out set 8, classes A, B and D; rules/48-styrker-og-blandede-grupper.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.engine import Engine


def profile(kind: str = "group", roles: tuple[str, ...] = (),
            attributes: dict[str, Any] | None = None,
            competence: dict[str, dict[str, float]] | None = None) -> dict[str, Any]:
    return {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": "test", "roles": list(roles),
                    "attributes": attributes or {}},
        "competence": {area: {dim: {"level": level} for dim, level in dims.items()}
                       for area, dims in (competence or {}).items()},
    }


def _recs(engine: Engine, data: dict[str, Any]) -> dict[str, Any]:
    return {r.measure: r for r in engine.suggest(data).recommendations}


def _rules(rec: Any) -> set[str]:
    return {x.rule for x in rec.reasons}


# A stated strength alone (no gap anywhere) gets what the document chose for it.
STRENGTHS = [
    # bindal-2024 5.3.1 -> 6.2.4-6.2.10: leaders who want to develop.
    ("group", ("leader",), {"ledelse": {"attitudes": 4.2}},
     "styrke-ledere-vil-utvikle",
     ["prosessledelse-program", "arlig-medarbeiderundersokelse", "prosessledelse-innforing"]),
    # bindal-2024 5.4.1, Figure 5 -> 6.3.2: employees who can help others across disciplines.
    ("group", ("employee",), {"tverrfaglighet": {"skills": 4.2}},
     "styrke-tverrfaglige-ferdigheter",
     ["plan-bruk-av-spesialkompetanse", "kompetansedeling-pa-tvers"]),
    # trondelag-2019 1.2 (4), 1.3, ch. 3: a unit positive to digitalisation.
    ("unit", (), {"digitalisering": {"attitudes": 4.2}},
     "styrke-digitale-holdninger-ny-arbeidsform", ["avvikle-gamle-arbeidsformer"]),
]


@pytest.mark.parametrize(("kind", "roles", "competence", "rule", "measures"), STRENGTHS)
def test_a_stated_strength_gets_the_measures_the_document_built_on_it(
        default_engine: Engine, kind: str, roles: tuple[str, ...],
        competence: dict[str, dict[str, float]], rule: str, measures: list[str]) -> None:
    recs = _recs(default_engine, profile(kind, roles, competence=competence))
    top = sorted(recs.values(), key=lambda r: r.rank)[:10]
    for measure in measures:
        assert measure in {r.measure for r in top}, (measure, [r.measure for r in top])
    assert rule in _rules(recs[measures[0]])


@pytest.mark.parametrize(("kind", "roles", "competence", "rule", "measures"), STRENGTHS)
def test_strength_reasons_state_the_level_and_never_a_gap(
        default_engine: Engine, kind: str, roles: tuple[str, ...],
        competence: dict[str, dict[str, float]], rule: str, measures: list[str]) -> None:
    result = default_engine.suggest(profile(kind, roles, competence=competence))
    reasons = [x.because for r in result.recommendations for x in r.reasons if x.rule == rule]
    assert reasons
    for lang, level, words in (("nb", "4,2", ("under målet", "gap", "mangl")),
                               ("en", "4.2", ("below target", "gap", "lack"))):
        for reason in reasons:
            text = reason.get(lang)
            assert level in text
            assert not any(word in text for word in words), text


@pytest.mark.parametrize(("kind", "roles", "area", "rule"), [
    ("group", ("leader",), "ledelse", "styrke-ledere-vil-utvikle"),
    ("group", ("employee",), "tverrfaglighet", "styrke-tverrfaglige-ferdigheter"),
    ("unit", (), "digitalisering", "styrke-digitale-holdninger-ny-arbeidsform"),
])
def test_a_strength_steps_aside_where_skills_and_abilities_are_at_target(
        default_engine: Engine, kind: str, roles: tuple[str, ...], area: str, rule: str) -> None:
    """Lesson 10: with nothing lacking, the strength has nothing to make up for."""
    full = {area: {"knowledge": 4.5, "skills": 4.5, "abilities": 4.5, "attitudes": 4.5}}
    recs = _recs(default_engine, profile(kind, roles, competence=full))
    assert all(rule not in _rules(r) for r in recs.values())


def test_positive_digital_attitudes_beside_a_gap_leave_the_ranking_to_the_gap(
        default_engine: Engine) -> None:
    competence = {"digitalisering": {"attitudes": 4.0, "skills": 2.5}}
    recs = _recs(default_engine, profile("unit", competence=competence))
    assert _rules(recs["avvikle-gamle-arbeidsformer"]) >= {"eval-avvikle-gamle-arbeidsformer"}
    assert "styrke-digitale-holdninger-ny-arbeidsform" not in _rules(
        recs["avvikle-gamle-arbeidsformer"])


def test_politicians_positive_to_leadership_get_no_leaders_programme(
        default_engine: Engine) -> None:
    recs = _recs(default_engine, profile(roles=("politician",),
                                         competence={"ledelse": {"attitudes": 4.5}}))
    assert "prosessledelse-program" not in recs


# saman-om-2013 "Større stillinger reduserer rekrutteringsbehovet": the average position size.
@pytest.mark.parametrize(("percent", "expected"), [
    (95.0, False), (90.0, False), (89.9, True), (76.9, True), (68.8, True)])
def test_average_position_size_below_90_gets_the_full_time_culture(
        default_engine: Engine, percent: float, expected: bool) -> None:
    recs = _recs(default_engine, profile(roles=("employee",),
                                         attributes={"average_position_percent": percent}))
    assert ("heltidskultur" in recs) is expected
    assert ("innovasjonssporsmal-verksted" in recs) is expected


def test_the_full_time_culture_weighs_more_the_smaller_the_positions(
        default_engine: Engine) -> None:
    scores = [_recs(default_engine, profile(roles=("employee",),
                                            attributes={"average_position_percent": p}))
              ["heltidskultur"].score for p in (86.8, 76.9, 68.8)]
    assert scores == sorted(scores) and len(set(scores)) == 3


# Who a mixed group is (class B).
def test_the_technology_arena_gets_its_own_work_first(default_engine: Engine) -> None:
    """bindal-2024 6.1.3-6.1.4: employees, union representatives and leaders together choose
    and discard technology; the gap is the group's, not the leaders' own."""
    arena = profile(roles=("employee", "union-representative", "leader"),
                    competence={"digitalisering": {"attitudes": 4.0, "skills": 3.7,
                                                   "abilities": 1.5}})
    result = default_engine.suggest(arena)
    ranked = [r.measure for r in result.recommendations]
    assert ranked[0] == "teknologivalg-arena"
    assert {"kultiver-piloter", "utfasing-av-teknologi"} <= set(ranked[:10])
    assert all(x.rule != "digi-leaders-programme-first"
               for r in result.recommendations for x in r.reasons)


def test_a_leader_group_still_gets_its_own_programme_first(default_engine: Engine) -> None:
    leaders = profile(roles=("leader",), competence={"digitalisering": {"abilities": 1.5}})
    ranked = [r.measure for r in default_engine.suggest(leaders).recommendations]
    assert ranked.index("digitaliseringsprogram-ledere") < ranked.index("teknologivalg-arena")


@pytest.mark.parametrize(("roles", "attributes", "kind", "expected"), [
    # kristiansand-2023 roles table: the co-determination group follows up 10-faktor.
    (("leader", "union-representative", "safety-representative"), {}, "group",
     {"mestringsklima", "oppgavedeling"}),
    # kristiansand-2023 2 Alle skal med: regardless of position size, age or education.
    (("employee",), {"part_time": True}, "group", {"mestringsklima"}),
    (("employee",), {"education": "grunnskole"}, "employee", {"mestringsklima"}),
    # bindal-2024 4.1.3, 6.3.3: a region shares competence across its municipalities.
    ((), {}, "region", {"interkommunalt-kompetansesamarbeid"}),
    # drammen-2021 goals for every unit and its leader.
    (("middle-leader",), {}, "group",
     {"kompetansebudsjett-og-tilskudd", "laerende-nettverk",
      "profesjonsfaglig-digital-kompetanse"}),
])
def test_who_the_group_is_gets_what_its_document_gives_it(
        default_engine: Engine, roles: tuple[str, ...], attributes: dict[str, Any],
        kind: str, expected: set[str]) -> None:
    recs = _recs(default_engine, profile(kind, roles, attributes=attributes))
    assert expected <= set(recs)


def test_parties_without_safety_representatives_are_not_the_co_determination_group(
        default_engine: Engine) -> None:
    recs = _recs(default_engine, profile(roles=("leader", "union-representative")))
    assert all("medbestemmelsesgruppe-10-faktor" not in _rules(r) for r in recs.values())


def test_leaders_with_stated_skills_are_left_to_the_gap_rule(default_engine: Engine) -> None:
    """A positive attitude beside stated leadership skills and abilities (a little under
    target) is no reason for another plan's programme: the gap rule decides."""
    leaders = profile(roles=("leader", "middle-leader"),
                      competence={"ledelse": {"attitudes": 4.2, "skills": 3.6,
                                              "abilities": 3.4}})
    recs = _recs(default_engine, leaders)
    assert all("styrke-ledere-vil-utvikle" not in _rules(r) for r in recs.values())
