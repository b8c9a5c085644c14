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


def _assert_gap_measures_first(result: Any, standing: set[str]) -> None:
    """Measures that only the ``standing`` rules give score at most 1 and rank after every
    measure a gap rule recommended (and the profile has both kinds)."""
    only_standing = [r for r in result.recommendations
                     if {x.rule for x in r.reasons} <= standing]
    with_gap = [r for r in result.recommendations
                if any("gap" in key for x in r.reasons for key in x.facts)]
    assert only_standing and with_gap
    assert all(r.score <= 1 for r in only_standing)
    assert max(r.rank for r in with_gap) < min(r.rank for r in only_standing)


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
    _assert_gap_measures_first(result, standing)


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
    plain = _recs(default_engine, profile(roles=("employee",)))
    # a plain group of employees gets the goals for every employee, not the older ones' measures
    assert not {"livsfasepolitikk", "laeringsarena-veiledning"} & set(plain)
    assert all("gruppe-eldre-arbeidstakere" not in {x.rule for x in r.reasons}
               for r in plain.values())


def test_one_older_employee_gets_the_learning_but_not_the_municipal_policy(
        default_engine: Engine) -> None:
    result = default_engine.suggest(profile(kind="employee", roles=("employee",),
                                            attributes={"age_group": "eldre"}))
    assert "kollegial-laering" in {r.measure for r in result.recommendations}
    assert "livsfasepolitikk" not in {r.measure for r in result.recommendations}
    # the policy has a rule of its own that does not fire for one person: no reason the
    # employee reads names a policy they do not get
    assert all("livsfase" not in x.because.nb and "life-phase" not in x.because.en
               for r in result.recommendations for x in r.reasons)


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


# Held-out set 5, class 1: roles and kinds the documents give tasks outright, without a gap.
ROLE_AND_KIND_TASKS = [
    # bindal-2024 2.2.2-2.2.3: the political leadership funds the plan
    ("group", ("politician",), "kompetansebudsjett-og-tilskudd",
     "fast-politikere-finansierer-planen"),
    # kristiansand-2023 ch. 4 (Organisasjon v/ HR), 3.4, 3.9, 3.10
    ("group", ("hr-adviser",), "prosesskart-rekruttering", "fast-hr-oppgaver"),
    ("group", ("hr-adviser",), "kompetansebasert-rekruttering-opplaering", "fast-hr-oppgaver"),
    ("group", ("hr-adviser",), "lederutviklingsprogram", "fast-hr-lederopplaering"),
    # kristiansand-2023 2 Kompetanserekruttering, 3.11
    ("group", ("union-representative",), "prosesskart-rekruttering",
     "fast-tillitsvalgte-rekruttering"),
    ("group", ("union-representative",), "mangfoldsrekruttering",
     "fast-tillitsvalgte-rekruttering"),
    # kristiansand-2023 ch. 2, 3.1-3.5, ch. 4: each area's competence plan
    ("sector", (), "prosesskart-kompetanseplaner", "fast-omrade-kompetanseplan"),
    ("sector", (), "kompetanseregistreringsverktoy", "fast-omrade-kompetanseplan"),
    ("sector", (), "digital-kompetanseplan", "fast-omrade-kompetanseplan"),
    ("sector", (), "grunnleggende-ferdigheter-pa-jobb", "fast-omrade-kompetanseplan"),
    ("sector", (), "laeringsarena-veiledning", "fast-omrade-kompetanseplan"),
    # trondelag-2019 ch. 5: expert teams
    ("group", ("expert-team-member",), "ekspertteam-mentorer", "fast-ekspertteam"),
    ("group", ("expert-team-member",), "kommuneutvikling-med-ekspertteam", "fast-ekspertteam"),
    ("group", ("expert-team-member",), "strategiske-analyseverktoy", "fast-ekspertteam"),
    ("group", ("expert-team-member",), "kommunett", "fast-ekspertteam"),
    # saman-om-2013: leaders
    ("group", ("leader",), "relasjonsledelse", "fast-ledere-relasjon-og-tid"),
    ("group", ("leader",), "trepartssamarbeid", "fast-ledere-relasjon-og-tid"),
    ("group", ("leader",), "rydde-tid-til-utvikling", "fast-ledere-relasjon-og-tid"),
    ("group", ("leader",), "laeringsvilkar-gjennomgang", "fast-ledere-relasjon-og-tid"),
    # saman-om-2013: a regional partnership
    ("region", (), "kommunenettverk-kompetanse", "fast-region-nettverk-og-rekruttering"),
    ("region", (), "arbeidsgivermonitor", "fast-region-nettverk-og-rekruttering"),
    ("region", (), "samarbeid-med-akademia", "fast-region-nettverk-og-rekruttering"),
    ("region", (), "differensiert-arbeidsgiverpolitikk", "fast-region-nettverk-og-rekruttering"),
    ("region", (), "praksisplasser-og-laerlinger", "fast-region-nettverk-og-rekruttering"),
    # drammen-2021: goals that name every employee
    ("employee", (), "kollegial-laering", "fast-medarbeider-mal-for-alle"),
    ("employee", (), "laerende-nettverk", "fast-medarbeider-mal-for-alle"),
    ("employee", (), "grunnleggende-digitale-ferdigheter", "fast-medarbeider-mal-for-alle"),
    ("employee", (), "personvernpraksis", "fast-medarbeider-mal-for-alle"),
    # Held-out set 6, classes 1 and 2: who the subject is, where nothing is measured.
    # kristiansand-2023 3.4, drammen-2021 Strategisk kompetanseledelse: every leader
    ("employee", ("leader", "top-leader"), "kompetanseledelse-opplaering",
     "fast-ledere-kompetanseledelse"),
    ("employee", ("leader", "top-leader"), "lederutviklingsprogram",
     "fast-ledere-kompetanseledelse"),
    # a group of plain leaders gets 3.4 from its own per-document rule (47), after the
    # measures done at work (held-out sets 9 and 10: the course stood first)
    ("group", ("leader",), "kompetanseledelse-opplaering",
     "fast-ledergruppe-oppgaver-pa-arbeidsplassen"),
    # kristiansand-2023 ch. 4 (HR), 3.4; drammen-2021 (measures developed centrally)
    ("group", ("hr-adviser",), "kompetanseledelse-opplaering", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "laeringsstopp-og-arshjul", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "avvikle-laeringsformer-uten-effekt",
     "fast-hr-for-hele-organisasjonen"),
    # kristiansand-2023 ch. 2 Kompetanserekruttering, 3.8, 3.11, 3.12; saman-om-2013
    ("group", ("hr-adviser",), "arbeidsgiverprofilering", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "mangfoldsrekruttering", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "onboarding-offboarding", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "praksisplasser-og-laerlinger", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "samarbeid-med-akademia", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "differensiert-arbeidsgiverpolitikk",
     "fast-hr-for-hele-organisasjonen"),
    # saman-om-2013 "Fra personal til HR", the employer monitor
    ("group", ("hr-adviser",), "relasjonsledelse", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "trepartssamarbeid", "fast-hr-for-hele-organisasjonen"),
    ("group", ("hr-adviser",), "arbeidsgivermonitor", "fast-hr-for-hele-organisasjonen"),
    # drammen-2021: the goals for every employee reach a group of employees
    *[("group", ("employee",), measure, "fast-ansattgruppe-mal-for-alle") for measure in (
        "kollegial-laering", "laerende-nettverk", "grunnleggende-digitale-ferdigheter",
        "personvernpraksis")],
    # kristiansand-2023 2 Alle skal med, 2 Digital kompetanse, 3.1, 3.5: every workplace
    *[("unit", (), measure, "fast-enhet-arbeidsplassen-laerer") for measure in (
        "laeringsarena-veiledning", "digital-kompetanseplan", "openspace", "brukeradopsjonslop",
        "digitale-mentorer", "e-laeringskurs", "nanolaering", "digital-etikk-spill")],
    # drammen-2021: the shared goals an area or a unit takes into its plans
    *[(kind, (), measure, "fast-virksomhet-felles-mal") for kind in ("sector", "unit")
      for measure in ("profesjonsfaglig-digital-kompetanse", "grunnleggende-digitale-ferdigheter",
                      "personvernpraksis", "laerende-nettverk", "kollegial-laering",
                      "kompetansedeling-pa-tvers", "kompetanseregistreringsverktoy")],
]

NEW_STANDING = {rule for *_, rule in ROLE_AND_KIND_TASKS}


@pytest.mark.parametrize(("kind", "roles", "measure", "rule"), ROLE_AND_KIND_TASKS)
def test_a_role_or_kind_alone_gets_what_the_documents_give_it(
        default_engine: Engine, kind: str, roles: tuple[str, ...], measure: str,
        rule: str) -> None:
    """A profile that states only who the subject is (no levels) gets the measures the
    document gives that role or kind, and none is dropped as outside its audience."""
    result = default_engine.suggest(profile(kind=kind, roles=roles))
    recs = {r.measure: r for r in result.recommendations}
    assert measure in recs, [s.measure for s in result.suppressed]
    assert rule in {x.rule for x in recs[measure].reasons}
    assert recs[measure].score <= 4


@pytest.mark.parametrize(("roles", "measure"), [
    (("politician",), "kompetansebudsjett-og-tilskudd"),      # bindal-2024 2.2.3
    (("union-representative",), "prosesskart-rekruttering"),   # kristiansand-2023 ch. 2
    (("union-representative",), "mangfoldsrekruttering"),      # kristiansand-2023 3.11
    (("expert-team-member",), "strategiske-analyseverktoy"),   # trondelag-2019 ch. 5
])
def test_the_audience_includes_the_role_the_document_gives_the_measure(
        default_engine: Engine, roles: tuple[str, ...], measure: str) -> None:
    """Held-out set 5, class 2: the catalogue's audience follows the document."""
    assert not default_engine.catalogue.outside_audience(measure, "group", roles)


@pytest.mark.parametrize(("kind", "roles", "competence"), [
    ("sector", (), {"digitalisering": {"skills": {"level": 2.4}, "attitudes": {"level": 3.8}},
                    "laerende-organisasjon": {"abilities": {"level": 2.4}}}),
    ("region", (), {"digitalisering": {"knowledge": {"level": 2.8}, "abilities": {"level": 2.4},
                                       "attitudes": {"level": 3.8}}}),
    ("employee", (), {"digitalisering": {"knowledge": {"level": 2.4}}}),
    ("group", ("hr-adviser",), {"rekruttering": {"skills": {"level": 2.4}}}),
    ("group", ("union-representative",), {"laerende-organisasjon": {"abilities": {"level": 2.4}}}),
    ("group", ("politician",), {"digitalisering": {"knowledge": {"level": 2.4}}}),
])
def test_role_tasks_rank_below_measures_answering_a_stated_gap(
        default_engine: Engine, kind: str, roles: tuple[str, ...],
        competence: dict[str, Any]) -> None:
    """Where a profile states levels, every measure that only a standing task gives scores
    at most 1 and comes after every measure a gap rule recommended."""
    result = default_engine.suggest(profile(kind=kind, roles=roles, competence=competence))
    _assert_gap_measures_first(result, NEW_STANDING)


def test_leaders_advice_fills_in_after_the_findings_where_a_level_is_stated(
        default_engine: Engine) -> None:
    """saman-om-2013's advice to leaders is given to a leader group that states nothing; where
    levels are stated, the measures answering them are the documents' choice and the advice
    only fills in after them."""
    bare = _recs(default_engine, profile(roles=("leader",)))
    assert "fast-ledere-relasjon-og-tid" in {x.rule for x in bare["relasjonsledelse"].reasons}
    measured = default_engine.suggest(profile(roles=("leader",), competence={
        "ledelse": {"skills": {"level": 2.4}}}))
    _assert_gap_measures_first(measured, {"fast-ledere-relasjon-og-tid", *NEW_STANDING,
                                          *(r.id for r in default_engine.rules.rules
                                            if r.standing)})


def test_hr_leader_programme_is_not_counted_twice(default_engine: Engine) -> None:
    """Where the ability to steer competence lags, skl-i-system gives the leader programme;
    HR's standing task does not add to it again."""
    recs = _recs(default_engine, profile(roles=("hr-adviser",), competence={
        "strategisk-kompetanseledelse": {"abilities": {"level": 2.6}}}))
    rules = {x.rule for x in recs["lederutviklingsprogram"].reasons}
    assert "skl-i-system" in rules and "fast-hr-lederopplaering" not in rules


@pytest.mark.parametrize(("kind", "rule", "measures"), [
    # Level 2 also names the gatherings' preparation and follow-up: "Bruk av Kommunett,
    # e-læring og måling av digital modenhet" (the maturity measurement is a strategic
    # self-assessment tool).
    ("region", "fast-region-niva-2",
     {"regionsamlinger", "kontaktpunkt-kommune-og-region", "ekspertteam-mentorer",
      "kommunett", "e-laering-digital-transformasjon", "strategiske-analyseverktoy"}),
    ("organisation", "fast-region-niva-3",
     {"strategiske-analyseverktoy", "kommuneutvikling-med-ekspertteam", "kommunett"}),
    ("employee", "fast-region-niva-4", {"kurskatalog", "kommunett"}),
])
def test_each_of_the_four_levels_gets_its_measures_in_a_regional_partnership(
        default_engine: Engine, kind: str, rule: str, measures: set[str]) -> None:
    """trondelag-2019 ch. 3: region, municipality and individual each have their measures;
    only with the partnership marker, and only where no level is stated (the gap rules grade
    them otherwise)."""
    def fired(data: dict[str, Any]) -> set[str]:
        return {m for m, r in _recs(default_engine, data).items()
                if rule in {x.rule for x in r.reasons}}
    assert fired(profile(kind=kind, sectors=("region",))) == measures
    assert fired(profile(kind=kind)) == set()
    assert fired(profile(kind=kind, sectors=("region",), competence={
        "digitalisering": {"skills": {"level": 3.0}}})) == set()


@pytest.mark.parametrize(("kind", "roles", "competence", "expected"), [
    ("employee", ("leader", "top-leader"), None, True),     # a director (kristiansand-2023 4)
    ("group", ("sector-leader",), None, True),              # heads of sector (Kommunalsjef)
    ("group", ("leader",), None, False),                    # general leaders: not the table's
    ("group", ("middle-leader",), None, False),             # led-roller-og-ansvar's, not these
])
def test_top_leaders_get_the_roles_tables_learning_culture_and_plan_where_no_level_is_stated(
        default_engine: Engine, kind: str, roles: tuple[str, ...],
        competence: dict[str, Any] | None, expected: bool) -> None:
    result = default_engine.suggest(profile(kind=kind, roles=roles, competence=competence))
    fired = {r.measure for r in result.recommendations for x in r.reasons
             if x.rule == "fast-toppledere-laeringskultur-og-plan"}
    assert fired == ({"laeringsarena-veiledning", "prosesskart-kompetanseplaner"}
                     if expected else set())


NO_LEVEL_ONLY = [
    ("employee", ("leader", "top-leader"), "fast-ledere-kompetanseledelse"),
    ("group", ("hr-adviser",), "fast-hr-for-hele-organisasjonen"),
    ("unit", (), "fast-enhet-arbeidsplassen-laerer"),
    ("unit", (), "fast-virksomhet-felles-mal"),
    ("sector", (), "fast-virksomhet-felles-mal"),
    ("group", ("employee",), "fast-ansattgruppe-mal-for-alle"),
]


@pytest.mark.parametrize(("kind", "roles", "rule"), NO_LEVEL_ONLY)
def test_held_out_6_standing_tasks_fill_in_after_the_findings_where_a_level_is_stated(
        default_engine: Engine, kind: str, roles: tuple[str, ...], rule: str) -> None:
    """Where a profile states a level, the measures answering it are what a document chose;
    these standing tasks (``standing: true``) then only fill in after them."""
    def given(data: dict[str, Any]) -> list[int]:
        return [r.rank for r in default_engine.suggest(data).recommendations
                if rule in {x.rule for x in r.reasons}]
    assert given(profile(kind=kind, roles=roles))
    leveled = profile(kind=kind, roles=roles,
                      competence={"rekruttering": {"skills": {"level": 3.0}}})
    recs = default_engine.suggest(leveled).recommendations
    standing = {r.id for r in default_engine.rules.rules if r.standing}
    findings = [r.rank for r in recs if not {x.rule for x in r.reasons} <= standing]
    if given(leveled) and findings:
        assert min(given(leveled)) > max(findings)


@pytest.mark.parametrize("roles", [("middle-leader",), ("first-line-leader",)])
def test_unit_and_line_leaders_get_the_leader_training_from_their_own_rule_only(
        default_engine: Engine, roles: tuple[str, ...]) -> None:
    """led-line-leaders already gives unit and line leaders the training, with more weight;
    the rule for every leader does not count it a second time."""
    recs = _recs(default_engine, profile(roles=roles))
    rules = {x.rule for x in recs["kompetanseledelse-opplaering"].reasons}
    assert "led-line-leaders" in rules and "fast-ledere-kompetanseledelse" not in rules


@pytest.mark.parametrize(("role", "named"), [
    ("middle-leader", "enhets- og avdelingsnivå"),
    ("first-line-leader", "enhets- og avdelingsnivå"),
    ("top-leader", "toppledere"),
    ("sector-leader", "sektorledere"),
])
def test_the_mapping_reason_names_the_leader_it_fires_for(
        default_engine: Engine, role: str, named: str) -> None:
    """A reason is true for every profile its rule fires on: the competence-mapping duty
    names each leader level it is given to, heads of sector included."""
    recs = _recs(default_engine, profile(roles=(role,)))
    reason = next(x for x in recs["kompetanseregistreringsverktoy"].reasons
                  if x.rule == "fast-ledere-kartlegger-kompetanse")
    assert named in reason.because.nb


def test_a_system_owner_gets_the_forum_of_the_mapped_roles(default_engine: Engine) -> None:
    """bindal-2024 6.1.7: the roles 6.1.5 maps, the system owner among them, get forums of
    their own; the owner's weighs less than the administrators' and superusers' it names."""
    owner = _recs(default_engine, profile(kind="employee", roles=("system-owner",)))
    assert "digi-system-owners" in {x.rule for x in owner["rolleforum"].reasons}
    superuser = _recs(default_engine, profile(roles=("superuser",)))
    assert owner["rolleforum"].score < superuser["rolleforum"].score


@pytest.mark.parametrize("role", ["union-representative", "hr-adviser", "superuser"])
def test_a_role_groups_own_tasks_come_before_the_goals_for_every_employee(
        default_engine: Engine, role: str) -> None:
    """The goals for all employees (and trondelag-2019's offer of an own competence project)
    reach a group of union representatives or HR advisers too, but after what the sources
    give the role itself."""
    for_every_employee = {"fast-ansattgruppe-mal-for-alle", "fast-ansatte-eget-kompetanseprosjekt"}
    result = default_engine.suggest(profile(roles=(role,)))
    goals_only = [r.rank for r in result.recommendations
                  if {x.rule for x in r.reasons} <= for_every_employee]
    own = [r.rank for r in result.recommendations
           if not {x.rule for x in r.reasons} & for_every_employee]
    assert goals_only and own
    assert max(own) < min(goals_only)


# --- issue #11, held-out sets 6 and 8: who the subject is in trondelag-2019 ---------------------

TRONDELAG_EMPLOYEE_OFFER = {"ansattes-kompetanseprosjekt", "kommunett",
                            "e-laering-digital-transformasjon", "podcast-digitale-fremskritt",
                            "kurskatalog"}


@pytest.mark.parametrize(("kind", "roles", "competence", "expected"), [
    ("group", ("employee",), None, True),
    ("employee", (), None, True),
    # a level stated that no rule reads as a finding: the standing offer still fills in
    ("group", ("employee",), {"ledelse": {"attitudes": {"level": 4.0}}}, True),
    ("group", ("leader",), None, False),
    ("unit", (), None, False),
])
def test_an_employee_or_group_of_employees_gets_the_own_competence_project_offer(
        default_engine: Engine, kind: str, roles: tuple[str, ...],
        competence: dict[str, Any] | None, expected: bool) -> None:
    """trondelag-2019 5 Ansatteutvikling: "Ansatt eller gruppe av ansatte jobber med eget
    kompetanseprosjekt", with Kommunett, e-learning, podcast and the course catalogue;
    a standing offer, after every employee's goals (and after any finding)."""
    result = default_engine.suggest(profile(kind=kind, roles=roles, competence=competence))
    fired = {r.measure: r.rank for r in result.recommendations for x in r.reasons
             if x.rule == "fast-ansatte-eget-kompetanseprosjekt"}
    assert (set(fired) == TRONDELAG_EMPLOYEE_OFFER) is expected
    assert bool(fired) is expected
    if expected:
        goals = [r.rank for r in result.recommendations
                 if r.measure in {"kollegial-laering", "laerende-nettverk"}]
        assert max(goals) < min(fired.values())


@pytest.mark.parametrize(("roles", "attributes", "recommended", "outside"), [
    (("contact-point",), {}, {"kontaktpunkt-kommune-og-region", "regionsamlinger"}, set()),
    (("contact-point",), {"contact_point": "region"},
     {"kontaktpunkt-kommune-og-region", "regionsamlinger", "digitale-fremskritt-seminar"},
     set()),
    (("contact-point",), {"contact_point": "kommune"},
     {"kontaktpunkt-kommune-og-region", "regionsamlinger"}, set()),
    # Stated only as an attribute, one employee is a plain employee to the audience: the
    # measures are listed as outside it, with the reason, not silently lost.
    ((), {"contact_point": "region"}, set(),
     {"kontaktpunkt-kommune-og-region", "regionsamlinger", "digitale-fremskritt-seminar"}),
    (("employee",), {}, set(), set()),
])
def test_a_contact_point_gets_its_own_work(
        default_engine: Engine, roles: tuple[str, ...], attributes: dict[str, Any],
        recommended: set[str], outside: set[str]) -> None:
    """trondelag-2019 5 Koordinering av regionene, ch. 3 Nivå: the contact point in each
    municipality and region, the contact for the regional measures; a region's contact
    point is also the county seminar's."""
    result = default_engine.suggest(profile(kind="employee", roles=roles,
                                            attributes=attributes))
    own = {"kontaktpunkt-kommune-og-region", "regionsamlinger", "digitale-fremskritt-seminar"}
    assert {r.measure for r in result.recommendations} & own == recommended
    assert {s.measure for s in result.suppressed if s.measure in own} == outside


def _leaders(digital_attitudes: float | None, roles: tuple[str, ...] = ("leader",),
             innovation: float = 2.0) -> dict[str, Any]:
    competence: dict[str, Any] = {"innovasjon": {"abilities": {"level": innovation}}}
    if digital_attitudes is not None:
        competence["digitalisering"] = {"attitudes": {"level": digital_attitudes}}
    return profile(roles=roles, competence=competence)


@pytest.mark.parametrize(("data", "expected"), [
    (_leaders(3.6), True),
    (_leaders(3.6, roles=("middle-leader",)), True),
    (_leaders(3.0), False),            # digitalisation not a priority: not this finding
    (_leaders(None), False),
    (_leaders(3.6, roles=("employee",)), False),
    (_leaders(3.6, innovation=3.4), False),   # no gap of 0.5
])
def test_leaders_who_prioritise_digitalisation_but_lack_change_abilities_get_the_lifts_answer(
        default_engine: Engine, data: dict[str, Any], expected: bool) -> None:
    """trondelag-2019 1.2 (5): leaders need abilities in innovation, cooperation and change,
    while they give digitalisation high priority; the lift answers with gatherings on change
    leadership, the digital-leadership seminar, e-learning and Kommunett."""
    recs = _recs(default_engine, data)
    fired = {m for m, r in recs.items()
             if "loft-ledere-endringsledelse" in {x.rule for x in r.reasons}}
    assert fired == ({"regionsamlinger", "digitale-fremskritt-seminar",
                      "e-laering-digital-transformasjon", "kommunett"} if expected else set())


def test_hr_gets_the_recruitment_grips_both_sources_name_before_those_one_names(
        default_engine: Engine) -> None:
    """kristiansand-2023 ch. 2 and saman-om-2013 both name placements/apprentices and
    cooperation with colleges; the grips only one source names come after them."""
    recs = _recs(default_engine, profile(roles=("hr-adviser",)))
    both = [recs[m].score for m in ("praksisplasser-og-laerlinger", "samarbeid-med-akademia")]
    one = [recs[m].score for m in ("arbeidsgiverprofilering", "mangfoldsrekruttering",
                                   "differensiert-arbeidsgiverpolitikk")]
    assert min(both) > max(one)


def test_one_hr_adviser_reads_no_reason_naming_a_measure_the_audience_leaves_out(
        default_engine: Engine) -> None:
    """The year wheel with learning stops is for the organisation, not one HR adviser; the
    HR rule's reason must not name it where it is left out."""
    result = default_engine.suggest(profile(kind="employee", roles=("hr-adviser",)))
    assert "laeringsstopp-og-arshjul" in {s.measure for s in result.suppressed
                                          if s.context == "audience"}
    assert all("læringsstopp" not in x.because.nb and "learning stops" not in x.because.en
               for r in result.recommendations for x in r.reasons
               if x.rule == "fast-hr-for-hele-organisasjonen")
