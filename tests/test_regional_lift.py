"""The regional competence lift read by its own findings (rules/42-regionalt-kompetanseloft.yaml):
trondelag-2019's broad needs (1.2 (5)), the politicians' training on a knowledge or skills gap
(1.2 (14)), the leaders' benefits work (1.2 (6)) and the region's part in courses and academia
(ch. 5 Utdanning og kurs). Each fires on its finding, in the partnership, and is graded."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.engine import Engine

LIFT = {"strategiske-analyseverktoy", "kommuneutvikling-med-ekspertteam", "ekspertteam-mentorer",
        "kommunett", "e-laering-digital-transformasjon", "regionsamlinger",
        "kontaktpunkt-kommune-og-region", "digitale-fremskritt-seminar",
        # the lift's third tool, the shared benefits method (5 Verktøy 3; held-out set 10)
        "gevinstrealisering"}


def profile(kind: str = "organisation", roles: tuple[str, ...] = (),
            competence: dict[str, Any] | None = None,
            sectors: tuple[str, ...] = ("region",)) -> dict[str, Any]:
    return {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": "test", "roles": list(roles)},
        "competence": competence or {},
        "context": {"sectors": list(sectors)},
    }


def fired(engine: Engine, data: dict[str, Any], rule: str) -> dict[str, float]:
    """The measures ``rule`` recommended, with each one's whole score."""
    result = engine.suggest(data)
    return {r.measure: r.score for r in result.recommendations
            if rule in {x.rule for x in r.reasons}}


BROAD = {"digitalisering": {"skills": {"level": 2.3}},
         "innovasjon": {"abilities": {"level": 2.3}},
         "samarbeid-og-medvirkning": {"abilities": {"level": 2.3}}}


@pytest.mark.parametrize(("kind", "competence", "sectors", "lift", "politicians"), [
    # the KS survey's broad needs, in a municipality in the partnership: the whole lift
    ("organisation", BROAD, ("region",), LIFT, True),
    # several municipalities together: the lift, but no council of their own to train
    ("region", BROAD, ("region",), LIFT, False),
    ("region", BROAD, (), LIFT, False),
    # a digital gap alone is not the broad finding
    ("organisation", {"digitalisering": {"skills": {"level": 2.3}}}, ("region",), set(), False),
    # abilities alone, without the digital half, neither
    ("organisation", {"innovasjon": {"abilities": {"level": 2.3}}}, ("region",), set(), False),
    # outside a regional partnership the lift is not there
    ("organisation", BROAD, (), set(), False),
    # a group or a unit: the finding is the municipalities' report on their staff
    ("unit", BROAD, ("region",), set(), False),
])
def test_broad_needs_get_the_competence_lift_at_every_level(
        default_engine: Engine, kind: str, competence: dict[str, Any],
        sectors: tuple[str, ...], lift: set[str], politicians: bool) -> None:
    data = profile(kind=kind, competence=competence, sectors=sectors)
    assert set(fired(default_engine, data, "region-bredde-behov")) == lift
    assert ("politikeropplaering" in fired(default_engine, data, "region-bredde-politikere")
            ) is politicians


def test_the_broader_the_needs_the_higher_the_lift_ranks(default_engine: Engine) -> None:
    """Graded, no cliff: each further point of abilities gap adds to every lift measure."""
    scores = []
    for level in (3.0, 2.6, 2.3, 1.8):
        data = profile(competence={"digitalisering": {"skills": {"level": 2.3}},
                                   "innovasjon": {"abilities": {"level": level}},
                                   "laerende-organisasjon": {"abilities": {"level": level}}})
        scores.append(fired(default_engine, data, "region-bredde-behov")["kommunett"])
    assert scores == sorted(scores) and len(set(scores)) == len(scores)


@pytest.mark.parametrize(("competence", "rule"), [
    ({"digitalisering": {"skills": {"level": 2.3}}}, "region-kommune-politikere-kunnskap"),
    ({"digitalisering": {"knowledge": {"level": 2.5}}}, "region-kommune-politikere-kunnskap"),
    # the ability to lead digital change: the training as before, counted once
    ({"digitalisering": {"skills": {"level": 2.3}, "abilities": {"level": 2.3}}},
     "rolle-region-kommune"),
])
def test_a_municipality_in_the_lift_trains_its_politicians_on_any_digital_gap(
        default_engine: Engine, competence: dict[str, Any], rule: str) -> None:
    result = default_engine.suggest(profile(competence=competence))
    recs = {r.measure: r for r in result.recommendations}
    rules = {x.rule for x in recs["politikeropplaering"].reasons}
    assert rule in rules
    assert not {"rolle-region-kommune", "region-kommune-politikere-kunnskap"} <= rules


def test_politicians_training_needs_the_partnership(default_engine: Engine) -> None:
    data = profile(competence={"digitalisering": {"skills": {"level": 2.3}}}, sectors=())
    assert "politikeropplaering" not in fired(
        default_engine, data, "region-kommune-politikere-kunnskap")


@pytest.mark.parametrize(("roles", "competence", "expected"), [
    (("leader", "top-leader"), {"digitalisering": {"knowledge": {"level": 2.3}}}, True),
    (("middle-leader",), {"digitalisering": {"skills": {"level": 2.5}}}, True),
    # employees: the benefits finding is the leaders'
    (("employee",), {"digitalisering": {"knowledge": {"level": 2.3}}}, False),
    # attitudes low: attitudes first (lesson 3)
    (("leader",), {"digitalisering": {"knowledge": {"level": 2.3},
                                      "attitudes": {"level": 2.5}}}, False),
    # the ability gap is graded by rolle-kommune-gevinster already
    (("leader",), {"digitalisering": {"knowledge": {"level": 2.3},
                                      "abilities": {"level": 2.3}}}, False),
])
def test_leaders_in_the_lift_get_the_benefits_tools_on_a_knowledge_gap(
        default_engine: Engine, roles: tuple[str, ...], competence: dict[str, Any],
        expected: bool) -> None:
    got = fired(default_engine, profile(kind="group", roles=roles, competence=competence),
                "region-ledere-gevinster")
    assert (set(got) == {"gevinstrealisering", "kommunett"}) is expected
    assert got or not expected


@pytest.mark.parametrize(("kind", "expected"), [("region", True), ("organisation", False)])
def test_courses_and_academia_are_the_regions_own(
        default_engine: Engine, kind: str, expected: bool) -> None:
    data = profile(kind=kind, competence={"digitalisering": {"knowledge": {"level": 2.8}}})
    got = fired(default_engine, data, "region-utdanning-og-kurs")
    assert (set(got) == {"akademia-pavirkning", "kurskatalog"}) is expected


def test_the_reasons_show_the_profiles_own_gap(default_engine: Engine) -> None:
    """Gaps are filled in for the language (decimal comma in nb) and name the area."""
    result = default_engine.suggest(profile(competence=BROAD))
    reasons = [x.because for r in result.recommendations for x in r.reasons
               if x.rule == "region-bredde-behov"]
    assert reasons
    assert all("i et regionalt samarbeid" in x.nb and "innovasjon" in x.nb
               and "regional partnership" in x.en for x in reasons)
    assert all("ferdigheter 1,2" in x.nb and "skills 1.2" in x.en for x in reasons)
