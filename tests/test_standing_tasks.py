"""Measures a document gives a role or a group outright (held-out set 4, classes 1, 2 and 4):
the role, the group or a participation finding gives them without a measured gap, with
modest scores, and regional reasons are true for every kind of subject they fire on."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.engine import Engine


def profile(kind: str = "group", roles: tuple[str, ...] = (),
            attributes: dict[str, Any] | None = None,
            competence: dict[str, Any] | None = None,
            sectors: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": "test", "roles": list(roles),
                    "attributes": attributes or {}},
        "competence": competence or {},
        "context": {"sectors": list(sectors)},
    }


def _recs(engine: Engine, data: dict[str, Any]) -> dict[str, Any]:
    return {r.measure: r for r in engine.suggest(data).recommendations}


# kristiansand-2023: the roles table (ch. 4), the leaders' tasks (ch. 2) and 3.x.
UNIT_LEADER_TASKS = [
    ("kompetanseregistreringsverktoy", "fast-ledere-kartlegger-kompetanse"),
    ("permisjonsreglement", "fast-ledere-oppgaver-pa-arbeidsplassen"),
    ("prosesskart-rekruttering", "fast-ledere-oppgaver-pa-arbeidsplassen"),
    ("kompetanseutvalg", "fast-ledere-oppgaver-pa-arbeidsplassen"),
    ("kompetansebasert-rekruttering-opplaering", "fast-ledere-opplaering"),
    ("mangfoldsrekruttering", "fast-ledere-opplaering"),
    ("digitaliseringsprogram-ledere", "fast-ledere-opplaering"),
]


@pytest.mark.parametrize("role", ["middle-leader", "first-line-leader"])
@pytest.mark.parametrize(("measure", "rule"), UNIT_LEADER_TASKS)
def test_unit_leaders_get_their_standing_tasks_without_levels(
        default_engine: Engine, role: str, measure: str, rule: str) -> None:
    recs = _recs(default_engine, profile(roles=(role,)))
    assert measure in recs
    assert rule in {x.rule for x in recs[measure].reasons}


def test_standing_tasks_rank_below_measures_answering_a_stated_gap(
        default_engine: Engine) -> None:
    """A stated gap outranks a standing task: the standing tasks stay modest (at most 1 point
    from these rules) and come after every measure a gap rule recommended."""
    data = profile(roles=("middle-leader",), competence={
        "rekruttering": {"skills": {"level": 2.4}},
        "laerende-organisasjon": {"abilities": {"level": 2.4}}})
    result = default_engine.suggest(data)
    standing = {"fast-ledere-kartlegger-kompetanse", "fast-ledere-oppgaver-pa-arbeidsplassen",
                "fast-ledere-opplaering"}
    only_standing = [r for r in result.recommendations
                     if {x.rule for x in r.reasons} <= standing]
    with_gap = [r for r in result.recommendations
                if any("gap" in key for x in r.reasons for key in x.facts)]
    assert only_standing and with_gap
    assert all(r.score <= 1 for r in only_standing)
    assert max(r.rank for r in with_gap) < min(r.rank for r in only_standing)


def test_top_leaders_map_competence_but_get_no_workplace_tasks(default_engine: Engine) -> None:
    recs = _recs(default_engine, profile(roles=("top-leader",)))
    assert "kompetanseregistreringsverktoy" in recs
    assert "permisjonsreglement" not in recs and "mangfoldsrekruttering" not in recs


@pytest.mark.parametrize(("roles", "expected"), [
    (("leader", "union-representative", "hr-adviser"), True),
    (("middle-leader", "union-representative"), True),
    (("union-representative",), False),   # the parties together, not one of them
    (("leader", "hr-adviser"), False),
])
def test_a_group_of_the_parties_gets_the_networks_measures(
        default_engine: Engine, roles: tuple[str, ...], expected: bool) -> None:
    """saman-om-2013: the local project groups, where leaders and union representatives work
    together, get the network, tripartite cooperation, the innovation question, benefits
    after the project and the employer monitor."""
    recs = _recs(default_engine, profile(roles=roles))
    fired = {m for m, r in recs.items() if "gruppe-partssamarbeid" in {x.rule for x in r.reasons}}
    wanted = {"kommunenettverk-kompetanse", "trepartssamarbeid", "innovasjonssporsmal-verksted",
              "gevinstrealisering", "arbeidsgivermonitor"}
    assert (fired == wanted) is expected
    assert bool(fired) is expected


@pytest.mark.parametrize("value", ["eldre", "senior", "older"])
def test_older_employees_get_practice_near_learning_and_the_life_phase_policy(
        default_engine: Engine, value: str) -> None:
    """saman-om-2013 and kristiansand-2023 2 Alle skal med single out older employees."""
    recs = _recs(default_engine, profile(roles=("employee",), attributes={"age_group": value}))
    assert {"kollegial-laering", "livsfasepolitikk", "laeringsarena-veiledning"} <= set(recs)
    assert not _recs(default_engine, profile(roles=("employee",)))


def test_one_older_employee_gets_the_learning_but_not_the_municipal_policy(
        default_engine: Engine) -> None:
    result = default_engine.suggest(profile(kind="employee", roles=("employee",),
                                            attributes={"age_group": "eldre"}))
    assert "kollegial-laering" in {r.measure for r in result.recommendations}
    assert "livsfasepolitikk" in {s.measure for s in result.suppressed}


@pytest.mark.parametrize(("attributes", "competence", "expected"), [
    ({"low_learning_participation": True}, None, True),
    ({"education": "grunnskole"}, None, True),
    ({}, {"grunnleggende-ferdigheter": {"skills": {"level": 2.4}}}, True),
    ({"education": "hoyere"}, None, False),
    ({"low_learning_participation": False}, None, False),
])
def test_those_who_take_part_least_get_the_learning_arena_guidance(
        default_engine: Engine, attributes: dict[str, Any],
        competence: dict[str, Any] | None, expected: bool) -> None:
    """kristiansand-2023 2 Alle skal med: informal learning that all can take part in, for the
    groups that take part least (those with least education, lacking basic skills)."""
    recs = _recs(default_engine, profile(roles=("employee",), attributes=attributes,
                                         competence=competence))
    fired = "laeringsarena-veiledning" in recs and bool(
        {"gruppe-deltar-minst", "gruppe-grunnleggende-deltar-minst"}
        & {x.rule for x in recs["laeringsarena-veiledning"].reasons})
    assert fired is expected


@pytest.mark.parametrize(("kind", "roles"), [
    ("region", ()),
    ("group", ("middle-leader",)),
])
def test_regional_reasons_are_true_for_every_kind(default_engine: Engine, kind: str,
                                                  roles: tuple[str, ...]) -> None:
    """A county or a group of leaders in a regional partnership is not told "the municipality
    is part of a regional partnership"."""
    data = profile(kind=kind, roles=roles, sectors=("region",), competence={
        "digitalisering": {"knowledge": {"level": 2.8}, "abilities": {"level": 2.4},
                           "attitudes": {"level": 3.8}}})
    result = default_engine.suggest(data)
    reasons = [x for r in result.recommendations for x in r.reasons
               if x.rule.startswith("rolle-region")]
    assert reasons
    for reason in reasons:
        if reason.rule == "rolle-region-kommune":   # fires for an organisation only
            continue
        assert "Kommunen er med" not in reason.because.nb
        assert "municipality is part" not in reason.because.en


def test_cross_disciplinary_finding_gets_bindals_role_forums_and_cafes(
        default_engine: Engine) -> None:
    """bindal-2024 6.3 points to 6.1.7 and 6.1.8 as cross-disciplinary measures; where the
    digital finding is there too, the digital rules give them and they are not counted twice."""
    tverr = {"tverrfaglighet": {"knowledge": {"level": 3.7}, "abilities": {"level": 1.8}}}
    recs = _recs(default_engine, profile(kind="organisation", competence=tverr))
    for measure in ("rolleforum", "brukerkafe"):
        assert "tverr-digitale-fellesskap" in {x.rule for x in recs[measure].reasons}
    both = dict(tverr, digitalisering={"knowledge": {"level": 3.7}, "abilities": {"level": 1.8},
                                       "attitudes": {"level": 4.2}})
    recs = _recs(default_engine, profile(kind="organisation", competence=both))
    assert "rolleforum" in recs and "brukerkafe" in recs
    assert all("tverr-digitale-fellesskap" not in {x.rule for x in recs[m].reasons}
               for m in ("rolleforum", "brukerkafe"))


@pytest.mark.parametrize(("competence", "expected"), [
    ({"knowledge": {"level": 3.0}}, True),    # drammen-2021: no full overview of its competence
    ({"knowledge": {"level": 3.0}, "attitudes": {"level": 2.5}}, False),   # attitudes first
    ({"knowledge": {"level": 4.2}}, False),   # no gap
    # the abilities gap gives the template through skl-i-system; not counted twice
    ({"knowledge": {"level": 3.0}, "abilities": {"level": 2.6}}, False),
])
def test_a_knowledge_gap_in_competence_management_gets_the_conversation_template(
        default_engine: Engine, competence: dict[str, Any], expected: bool) -> None:
    recs = _recs(default_engine, profile(kind="organisation", competence={
        "strategisk-kompetanseledelse": competence}))
    fired = "utviklingssamtale-mal" in recs and "skl-oversikt-i-utviklingssamtalen" in {
        x.rule for x in recs["utviklingssamtale-mal"].reasons}
    assert fired is expected
