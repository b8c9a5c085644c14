"""A regional partnership beside the subject's own findings (issue #11, held-out sets 9 and
10, rules/44-regionalt-samarbeid-og-egne-funn.yaml): the marker says a municipality works
with others, not that its own findings matter less. The measures answering the subject's own
finding lead; the regional programme joins them, graded by what the finding is."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.engine import Engine

LIFT = ("regionsamlinger", "ekspertteam-mentorer", "kontaktpunkt-kommune-og-region",
        "strategiske-analyseverktoy", "kommuneutvikling-med-ekspertteam", "kommunett",
        "gevinstrealisering", "digitale-fremskritt-seminar")
OWN = ("teknologivalg-arena", "digitaliseringsstrategi", "kartlegg-systemroller")


def profile(kind: str = "organisation", roles: tuple[str, ...] = (),
            digital: dict[str, float] | None = None, sectors: tuple[str, ...] = ("region",),
            distribution: bool = False) -> dict[str, Any]:
    dims: dict[str, Any] = {}
    for dim, level in (digital or {}).items():
        dims[dim] = {"level": level}
        if distribution:   # a spread around the level: half low, half high, as a survey gives
            low = 0.6 if level <= 2.5 else 0.2
            dims[dim]["distribution"] = [low / 2, low / 2, 1 - low - 0.1, 0.05, 0.05]
    return {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": "test", "roles": list(roles)},
        "competence": {"digitalisering": dims} if dims else {},
        "context": {"sectors": list(sectors)},
    }


def scores(engine: Engine, data: dict[str, Any]) -> dict[str, tuple[int, float, set[str]]]:
    """Each recommended measure's rank, score and the rules behind it."""
    return {r.measure: (r.rank, r.score, {x.rule for x in r.reasons})
            for r in engine.suggest(data).recommendations}


# knowledge and skills stated in place, the ability to lead low: bindal-2024 5.2.1's finding
KNOW_BUT_CANNOT_LEAD = [
    {"knowledge": 3.5, "skills": 3.5, "abilities": 1.5, "attitudes": 4.0},
    {"knowledge": 3.6, "skills": 3.8, "abilities": 2.0, "attitudes": 4.0},
    {"knowledge": 3.5, "abilities": 2.5},
    {"skills": 3.2, "knowledge": 3.5, "abilities": 2.4},
]


@pytest.mark.parametrize("digital", KNOW_BUT_CANNOT_LEAD)
def test_own_answers_lead_and_the_regional_programme_joins_them(
        default_engine: Engine, digital: dict[str, float]) -> None:
    got = scores(default_engine, profile(digital=digital))
    own = [got[m][0] for m in OWN if m in got]
    lift = [got[m][0] for m in LIFT if m in got]
    assert own and set(LIFT) <= set(got)          # the programme is there ...
    assert max(own) < min(lift)                   # ... after the subject's own answers
    assert "region-lede-egne-funn-forst" in got["regionsamlinger"][2]
    assert "rolle-region-samlinger" not in got["regionsamlinger"][2]


@pytest.mark.parametrize("digital", [
    # the lift's own finding: knowledge or skills lag with the ability (1.2 (1), (5))
    {"knowledge": 2.5, "skills": 2.5, "abilities": 2.5, "attitudes": 4.0},
    {"skills": 2.8, "abilities": 2.3},
    # only the ability is stated: unknown is not zero, the lift grades as before
    {"abilities": 2.0},
])
def test_the_lift_keeps_its_full_grade_on_its_own_finding(
        default_engine: Engine, digital: dict[str, float]) -> None:
    got = scores(default_engine, profile(digital=digital))
    assert "rolle-region-samlinger" in got["regionsamlinger"][2]
    assert "region-lede-egne-funn-forst" not in got["regionsamlinger"][2]
    assert got["regionsamlinger"][0] <= 5


@pytest.mark.parametrize("digital", [
    *KNOW_BUT_CANNOT_LEAD,
    {"knowledge": 2.5, "skills": 2.5, "abilities": 2.5, "attitudes": 4.0},
    {"abilities": 2.0}])
@pytest.mark.parametrize("distribution", [False, True])
def test_the_marker_takes_nothing_from_the_subjects_own_answers(
        default_engine: Engine, digital: dict[str, float], distribution: bool) -> None:
    """The same findings score the same for the municipality's own measures with or without
    the partnership (before, the marker took 1-1.5 points from the strategy, the arena and
    the system roles)."""
    inside = scores(default_engine, profile(digital=digital, distribution=distribution))
    alone = scores(default_engine, profile(digital=digital, distribution=distribution,
                                           sectors=()))
    for measure in OWN:
        assert (measure in inside) is (measure in alone)
        if measure in alone:
            assert inside[measure][1] == pytest.approx(alone[measure][1])


def test_without_a_partnership_the_regional_programme_is_not_given_on_this_finding(
        default_engine: Engine) -> None:
    got = scores(default_engine, profile(digital=KNOW_BUT_CANNOT_LEAD[0], sectors=()))
    assert not any("region-lede-egne-funn-forst" in rules for _, _, rules in got.values())


@pytest.mark.parametrize(("abilities", "fires"), [
    (1.5, True), (2.0, True), (2.5, True), (2.8, False), (3.5, False)])
def test_few_can_lead_read_from_levels(default_engine: Engine, abilities: float,
                                       fires: bool) -> None:
    """"Few" or "very few" can lead (a level of 2.5 or less, no distribution) adds what the
    share of low answers adds where a survey gives it, graded by the gap; with a
    distribution the share rule decides alone."""
    digital = {"knowledge": 3.6, "skills": 3.6, "abilities": abilities}
    got = scores(default_engine, profile(digital=digital, sectors=()))
    assert ("digi-few-can-lead-levels" in got.get("teknologivalg-arena", (0, 0, set()))[2]
            ) is fires
    with_shares = scores(default_engine, profile(digital=digital, sectors=(),
                                                 distribution=True))
    assert not any("digi-few-can-lead-levels" in rules for _, _, rules in with_shares.values())


def test_the_fewer_can_lead_the_higher_the_strategy(default_engine: Engine) -> None:
    strategy = [scores(default_engine, profile(digital={
        "knowledge": 3.6, "skills": 3.6, "abilities": a}, sectors=()))[
        "digitaliseringsstrategi"][1] for a in (2.5, 2.0, 1.5)]
    assert strategy == sorted(strategy) and len(set(strategy)) == 3


# --- class B: leaders with a digital knowledge or skills gap -------------------------------------

LEADERS_OWN = ("e-laering-digital-transformasjon", "kommunett", "gevinstrealisering")
LEADERS_REGIONAL = ("regionsamlinger", "digitale-fremskritt-seminar", "ekspertteam-mentorer")
LEADER_ROLES = [("leader",), ("middle-leader",), ("first-line-leader",), ("top-leader",),
                ("sector-leader",)]
KNOWLEDGE_OR_SKILLS_GAP = [
    {"knowledge": 2.5},
    {"knowledge": 2.5, "skills": 2.5},
    {"skills": 2.8},
    {"knowledge": 3.0, "skills": 2.8, "attitudes": 3.8},
]


@pytest.mark.parametrize("roles", LEADER_ROLES)
@pytest.mark.parametrize("digital", KNOWLEDGE_OR_SKILLS_GAP)
def test_leaders_with_a_digital_gap_get_the_digital_leadership_learning(
        default_engine: Engine, roles: tuple[str, ...], digital: dict[str, float]) -> None:
    """trondelag-2019 ch. 3 and 5 (the tools, e-learning and gatherings for leaders) and
    kristiansand-2023 3.5 (the leaders' programme) reach leaders wherever the gap appears,
    in the top 10 beside the duties every leader has by role (before: none of them)."""
    got = scores(default_engine, profile(kind="group", roles=roles, digital=digital,
                                         sectors=()))
    for measure in (*LEADERS_OWN, *LEADERS_REGIONAL, "digitaliseringsprogram-ledere"):
        assert measure in got, measure
    assert max(got[m][0] for m in (*LEADERS_OWN, "regionsamlinger")) <= 10


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_measures_that_need_a_partnership_say_so_without_the_marker(
        default_engine: Engine, lang: str) -> None:
    result = default_engine.suggest(profile(kind="group", roles=("middle-leader",),
                                            digital={"knowledge": 2.5}, sectors=()))
    said = {x.rule: (x.because.nb if lang == "nb" else x.because.en)
            for r in result.recommendations for x in r.reasons}
    needs = {"nb": "forutsetter et regionalt samarbeid", "en": "need a regional partnership"}
    assert needs[lang] in said["ledere-digital-laering-regionalt"]
    assert needs[lang] not in said["ledere-digital-laering"]   # these a municipality takes up alone


@pytest.mark.parametrize(("kind", "roles", "digital", "sectors", "fires"), [
    # in the partnership the lift's own rules give the same measures on the same gap
    ("group", ("middle-leader",), {"knowledge": 2.5}, ("region",), False),
    # not leaders: a group of employees gets the staff's measures
    ("group", ("employee",), {"knowledge": 2.5}, (), False),
    # attitudes first (lesson 3)
    ("group", ("leader",), {"knowledge": 2.5, "attitudes": 2.5}, (), False),
    # no gap in knowledge or skills
    ("group", ("leader",), {"knowledge": 3.5, "skills": 3.6}, (), False),
    ("employee", ("leader",), {"skills": 2.5}, (), True),
])
def test_who_the_leaders_digital_learning_is_for(
        default_engine: Engine, kind: str, roles: tuple[str, ...], digital: dict[str, float],
        sectors: tuple[str, ...], fires: bool) -> None:
    got = scores(default_engine, profile(kind=kind, roles=roles, digital=digital,
                                         sectors=sectors))
    rules = set().union(*(r for _, _, r in got.values()))
    assert ("ledere-digital-laering" in rules) is fires
    assert ("ledere-digital-laering-regionalt" in rules) is fires
    if sectors:
        assert set(LEADERS_OWN) | {"regionsamlinger"} <= set(got)


def test_with_the_ability_gap_too_the_tools_are_not_counted_twice(
        default_engine: Engine) -> None:
    got = scores(default_engine, profile(kind="group", roles=("leader",), sectors=(),
                                         digital={"knowledge": 2.5, "abilities": 2.5}))
    assert "ledere-digital-laering" not in got["kommunett"][2]
    assert "rolle-kommune-gevinster" in got["kommunett"][2]
    assert "ledere-digital-laering-regionalt" in got["regionsamlinger"][2]


def test_the_larger_the_leaders_gap_the_higher_their_learning(default_engine: Engine) -> None:
    for measure in (*LEADERS_OWN, *LEADERS_REGIONAL):
        got = [scores(default_engine, profile(kind="group", roles=("leader",), sectors=(),
                                              digital={"knowledge": k}))[measure][1]
               for k in (3.0, 2.5, 2.0)]
        assert got == sorted(got) and len(set(got)) == 3, measure
