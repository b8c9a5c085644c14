"""Subjects stated only by who they are (issue #11, held-out sets 9 and 10): a whole
municipality or a group of leaders with no level gets each document's own measures for that
kind of subject, balanced across the documents (rules/47-hele-kommunen-og-ledergrupper.yaml),
and courses come after the measures done at work."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.engine import Engine

COURSE_FORMATS = {"course", "e-learning"}


def profile(kind: str, roles: tuple[str, ...] = (), competence: dict[str, Any] | None = None,
            sectors: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"format": "tiltak.profile/1",
            "subject": {"kind": kind, "id": "test", "roles": list(roles)},
            "competence": competence or {},
            "context": {"sectors": list(sectors)}}


def ranking(engine: Engine, data: dict[str, Any]) -> list[str]:
    return [r.measure for r in engine.suggest(data).recommendations]


# Roles whose own part in the documents is a course: politicians' training is what the
# documents give them first (trondelag-2019 5, kristiansand-2023 2 Digital kompetanse,
# bindal-2024 2.2); the recruitment team makes the recruitment course (kristiansand-2023
# 3.10) and central HR runs the leaders' training (3.4, drammen-2021 Innledning).
COURSE_IS_THEIR_OWN = {"politician", "recruitment-team", "central-hr"}
KINDS = ("organisation", "region", "county", "sector", "unit", "group", "employee")


def _who_only_subjects(engine: Engine) -> list[tuple[str, tuple[str, ...]]]:
    roles = sorted(set(engine.catalogue.roles) - COURSE_IS_THEIR_OWN)
    return ([(kind, ()) for kind in KINDS]
            + [(kind, (role,)) for kind in ("group", "employee") for role in roles])


def test_no_course_in_the_top_3_for_any_subject_stated_only_by_who_it_is(
        default_engine: Engine) -> None:
    """Learning at work comes before courses (bindal-2024 3 and 6; kristiansand-2023 2 Alle
    skal med): with nothing measured, no kind and no role (but those whose own part is a
    course) gets a course or e-learning among its first three."""
    offenders = []
    for kind, roles in _who_only_subjects(default_engine):
        recs = default_engine.suggest(profile(kind, roles)).recommendations[:3]
        courses = [r.measure for r in recs if r.format in COURSE_FORMATS]
        if courses:
            offenders.append((kind, roles, courses))
    assert offenders == []
    # the exceptions are real: without them the test would not say anything about them
    assert any(r.format == "course" for r in default_engine.suggest(
        profile("group", ("politician",))).recommendations[:3])


@pytest.mark.parametrize(("kind", "roles", "sectors"), [
    ("organisation", (), ()),
    ("group", ("leader",), ()),
    ("group", ("leader",), ("region",)),
])
def test_courses_come_after_the_measures_done_at_work(
        default_engine: Engine, kind: str, roles: tuple[str, ...],
        sectors: tuple[str, ...]) -> None:
    recs = default_engine.suggest(profile(kind, roles, sectors=sectors)).recommendations
    assert len(recs) >= 15
    assert not [r.measure for r in recs[:10] if r.format in COURSE_FORMATS]
    assert [r.measure for r in recs if r.format in COURSE_FORMATS]  # still listed, later


# Each document's firmest measures for the subject, and where it must stand.
@pytest.mark.parametrize(("kind", "roles", "measure", "within", "document"), [
    # the whole municipality
    ("organisation", (), "kompetanseregistreringsverktoy", 10, "kristiansand-2023 3.3"),
    ("organisation", (), "utviklingssamtale-mal", 10, "kristiansand-2023 3.6"),
    ("organisation", (), "arbeidsgiverprofilering", 10, "kristiansand 3.8, saman-om goals"),
    ("organisation", (), "praksisplasser-og-laerlinger", 10, "saman-om-2013 recruitment"),
    ("organisation", (), "rydde-tid-til-utvikling", 10, "drammen-2021, saman-om-2013"),
    ("organisation", (), "naervaerskultur", 20, "saman-om-2013 programme goal"),
    ("organisation", (), "heltidskultur", 20, "saman-om-2013 programme goal"),
    ("organisation", (), "laeringsarena-veiledning", 20, "kristiansand-2023 3.1"),
    ("organisation", (), "digital-kompetanseplan", 20, "kristiansand-2023 3.5"),
    # a group of leaders
    ("group", ("leader",), "kompetanseregistreringsverktoy", 3, "kristiansand 2, drammen"),
    ("group", ("leader",), "lederutviklingsprogram", 3, "kristiansand-2023 3.4"),
    ("group", ("leader",), "prosessledelse-program", 3, "bindal-2024 6.2.4"),
    ("group", ("leader",), "arlig-medarbeiderundersokelse", 10, "bindal-2024 6.2.10"),
    ("group", ("leader",), "kompetansebudsjett-og-tilskudd", 10, "drammen-2021"),
    ("group", ("leader",), "laeringsarena-veiledning", 10, "kristiansand-2023 2, 3.1"),
    ("group", ("leader",), "utviklingssamtale-mal", 10, "kristiansand-2023 2, 3.6"),
    ("group", ("leader",), "internkontroll-verktoy", 20, "bindal-2024 6.2.4 goal 6"),
    ("group", ("leader",), "kompetanseledelse-opplaering", 20, "kristiansand 3.4, drammen"),
    ("group", ("leader",), "digitaliseringsprogram-ledere", 20, "kristiansand-2023 3.5"),
    ("group", ("leader",), "prosesskart-rekruttering", 20, "kristiansand-2023 2, 3.9"),
    # advice, after what the other plans adopt or set as goals for their leaders
    ("group", ("leader",), "relasjonsledelse", 25, "saman-om-2013 Fra personal til HR"),
])
def test_each_documents_firmest_measures_reach_the_top(
        default_engine: Engine, kind: str, roles: tuple[str, ...], measure: str,
        within: int, document: str) -> None:
    ranked = ranking(default_engine, profile(kind, roles))
    assert measure in ranked[:within], (document, ranked.index(measure) + 1
                                        if measure in ranked else None)


def test_a_leader_group_gets_the_plans_firm_measures_before_a_networks_advice(
        default_engine: Engine) -> None:
    """The tiers of rules/47 hold across rule files: saman-om-2013's slides advise leaders
    (relational leadership, tripartite cooperation, time for development, the learning
    conditions; fast-ledere-relasjon-og-tid), so that advice comes after what the other
    plans adopt or set as goals for their leaders (held-out set 12: at 0.75 and 0.5 the
    advice stood at 2-8, above one plan's adopted leader tasks at 11-21)."""
    ranked = ranking(default_engine, profile("group", ("leader",)))
    advice = ["relasjonsledelse", "trepartssamarbeid", "rydde-tid-til-utvikling",
              "laeringsvilkar-gjennomgang"]
    firm = ["kompetanseregistreringsverktoy", "lederutviklingsprogram", "prosessledelse-program",
            "laeringsarena-veiledning", "utviklingssamtale-mal", "permisjonsreglement",
            "prosesskart-rekruttering", "kompetansebudsjett-og-tilskudd", "laerende-nettverk"]
    assert max(ranked.index(m) for m in firm) < min(ranked.index(m) for m in advice)


@pytest.mark.parametrize(("roles", "gets_them"), [
    (("leader",), True),
    # the roles table's leader levels have their own rules (45)
    (("middle-leader",), False),
    (("top-leader",), False),
    # leaders and union representatives together are a party-composed group (gruppe-partssamarbeid)
    (("leader", "union-representative"), False),
])
def test_the_leader_group_rules_reach_plain_leader_groups_only(
        default_engine: Engine, roles: tuple[str, ...], gets_them: bool) -> None:
    result = default_engine.suggest(profile("group", roles))
    fired = {x.rule for r in result.recommendations for x in r.reasons}
    ours = {"fast-ledergruppe-oppgaver-pa-arbeidsplassen", "fast-ledergruppe-utviklingsprogram",
            "fast-ledergruppe-strategisk-kompetanseledelse"}
    assert (ours <= fired) is gets_them
    assert not (ours & fired) or gets_them


WHOLE_MUNICIPALITY = ("fast-kommune-handlingsplanens-tiltak", "fast-kommune-programmets-mal",
                      "fast-kommune-strategiens-mal")


@pytest.mark.parametrize(("competence", "fires", "fills_in"), [
    # nothing measured: the plans' lists count like any rule
    (None, True, False),
    # a gap in one area: the lists fill in after what the finding supports
    ({"ledelse": {"skills": {"level": 2.5}}}, True, True),
    ({"digitalisering": {"abilities": {"level": 2.5}}}, True, True),
    # measured, and no gap anywhere: nothing to fill in
    ({"digitalisering": {"attitudes": {"level": 4.5}}}, False, False),
    ({"ledelse": {"skills": {"level": 4.0, "target": 4.0}},
      "digitalisering": {"skills": {"level": 4.5}}}, False, False),
])
@pytest.mark.parametrize("rule", WHOLE_MUNICIPALITY)
def test_the_plans_lists_fill_in_for_a_municipality_that_shows_a_gap(
        default_engine: Engine, competence: dict[str, Any] | None, fires: bool,
        fills_in: bool, rule: str) -> None:
    """A municipality's plan is for the whole organisation, also in areas its survey did not
    cover (held-out 11 and 12: a municipality stating one area's level got none of its plan's
    other measures). Where a level is stated they are standing tasks: they come after every
    measure a finding supports; where the profile shows no gap at all, they are not given."""
    result = default_engine.suggest(profile("organisation", competence=competence))
    mine = [r for r in result.recommendations if {x.rule for x in r.reasons} == {rule}]
    assert bool(mine) is fires
    assert all(r.fills_in is fills_in for r in mine)
    if fills_in:
        findings = [r.rank for r in result.recommendations if not r.fills_in]
        assert findings and max(findings) < min(r.rank for r in mine)


def test_the_leaders_training_is_for_a_municipality_that_has_not_measured(
        default_engine: Engine) -> None:
    """Not a standing task: where levels are stated, the rules reading them decide whether the
    leaders need training, and a plan that warns against courses is not handed other plans'
    courses as fill-ins."""
    rule = "fast-kommune-lederopplaering-uten-nivaer"
    for competence, fires in ((None, True), ({"ledelse": {"skills": {"level": 2.5}}}, False)):
        result = default_engine.suggest(profile("organisation", competence=competence))
        assert (rule in {x.rule for r in result.recommendations for x in r.reasons}) is fires


@pytest.mark.parametrize("roles", [("leader",)])
def test_where_a_level_is_stated_the_leader_group_measures_fill_in_after_the_findings(
        default_engine: Engine, roles: tuple[str, ...]) -> None:
    data = profile("group", roles, competence={"digitalisering": {"skills": {"level": 2.5}}})
    recs = default_engine.suggest(data).recommendations
    standing = {r.id for r in default_engine.rules.rules if r.standing}
    found = [r.rank for r in recs if not {x.rule for x in r.reasons} <= standing]
    filled = [r.rank for r in recs if {x.rule for x in r.reasons} <= standing]
    assert found and filled
    assert max(found) < min(filled)
