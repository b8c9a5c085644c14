"""The competence lift on the municipality's own findings (rules/43-kompetanseloft-kommunens-
funn.yaml): trondelag-2019 1.2 (1)'s cooperation, strategic focus, user involvement and project
method, read in the area each is about, for a municipality with or without a regional
partnership. Measures that need a regional structure say so in the reason."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.engine import Engine

#: What the reason must say where a measure needs a region the municipality may not have.
PARTNERSHIP = {"nb": "forutsetter et regionalt samarbeid", "en": "need a regional partnership"}
PARTNERSHIP_ONE = {"nb": "forutsetter et regionalt samarbeid",
                   "en": "needs a regional partnership"}


def profile(competence: dict[str, Any], kind: str = "organisation",
            sectors: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"format": "tiltak.profile/1",
            "subject": {"kind": kind, "id": "test", "roles": []},
            "competence": competence,
            "context": {"sectors": list(sectors)}}


def fired(engine: Engine, data: dict[str, Any], rule: str) -> dict[str, float]:
    """The measures ``rule`` recommended, with the points it gave each."""
    result = engine.suggest(data)
    return {r.measure: x.points for r in result.recommendations for x in r.reasons
            if x.rule == rule}


SAMARBEID = {"samarbeid-og-medvirkning": {"attitudes": {"level": 2.0}}}
STRATEGI = {"strategisk-kompetanseledelse": {"abilities": {"level": 2.0}}}
BRUKERE = {"samarbeid-og-medvirkning": {"skills": {"level": 2.0}}}
METODE = {"digitalisering": {"abilities": {"level": 2.5}}}
REGIONAL = {"regionsamlinger", "digitale-fremskritt-seminar", "ekspertteam-mentorer"}


@pytest.mark.parametrize(("rule", "competence", "measures"), [
    ("loft-samarbeid-holdninger", SAMARBEID, REGIONAL),
    ("loft-strategisk-styring", STRATEGI,
     {"strategiske-analyseverktoy", "kommuneutvikling-med-ekspertteam", "ekspertteam-mentorer"}),
    ("loft-brukerinvolvering", BRUKERE,
     {"strategiske-analyseverktoy", "kommuneutvikling-med-ekspertteam"}),
    ("loft-prosjektmetodikk", METODE, {"kommunett", "strategiske-analyseverktoy"}),
])
@pytest.mark.parametrize("sectors", [(), ("region",)])
def test_a_municipalitys_finding_gets_the_lifts_answer_with_or_without_a_partnership(
        default_engine: Engine, rule: str, competence: dict[str, Any],
        measures: set[str], sectors: tuple[str, ...]) -> None:
    if rule == "loft-prosjektmetodikk" and sectors:
        # in a partnership rolle-kommune-gevinster gives Kommunett on this gap already
        assert fired(default_engine, profile(competence, sectors=sectors), rule) == {}
        return
    assert set(fired(default_engine, profile(competence, sectors=sectors), rule)) == measures


@pytest.mark.parametrize(("rule", "competence", "needs_region"), [
    ("loft-samarbeid-holdninger", SAMARBEID, PARTNERSHIP),
    ("loft-strategisk-styring", STRATEGI, PARTNERSHIP),
    ("loft-brukerinvolvering", BRUKERE, PARTNERSHIP_ONE),
    # Kommunett and the steering method are the municipality's own: no partnership claimed
    ("loft-prosjektmetodikk", METODE, None),
])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_reason_says_when_a_measure_needs_a_regional_partnership(
        default_engine: Engine, rule: str, competence: dict[str, Any],
        needs_region: dict[str, str] | None, lang: str) -> None:
    result = default_engine.suggest(profile(competence))
    texts = {getattr(x.because, lang) for r in result.recommendations for x in r.reasons
             if x.rule == rule}
    assert len(texts) == 1
    text = texts.pop()
    assert "{" not in text
    if needs_region is None:
        assert "region" not in text.lower()
    else:
        assert needs_region[lang] in text


@pytest.mark.parametrize(("rule", "area", "dim", "measure"), [
    ("loft-samarbeid-holdninger", "samarbeid-og-medvirkning", "attitudes", "regionsamlinger"),
    ("loft-strategisk-styring", "strategisk-kompetanseledelse", "abilities",
     "strategiske-analyseverktoy"),
    ("loft-brukerinvolvering", "samarbeid-og-medvirkning", "skills",
     "kommuneutvikling-med-ekspertteam"),
    ("loft-prosjektmetodikk", "digitalisering", "abilities", "kommunett"),
])
def test_the_larger_the_gap_the_more_points_no_cliff(
        default_engine: Engine, rule: str, area: str, dim: str, measure: str) -> None:
    points = []
    for level in (3.3, 3.0, 2.5, 2.0, 1.5):
        got = fired(default_engine, profile({area: {dim: {"level": level}}}), rule)
        points.append(got.get(measure, 0.0))
    assert points == sorted(points) and len(set(points)) == len(points), points


@pytest.mark.parametrize(("competence", "kind"), [
    # the findings are the municipalities' own: not a unit's or a group's
    (SAMARBEID, "unit"),
    (STRATEGI, "group"),
    (BRUKERE, "sector"),
    # a gap under half a point is no finding
    ({"samarbeid-og-medvirkning": {"attitudes": {"level": 3.6}}}, "organisation"),
])
def test_no_lift_answer_without_the_municipalitys_finding(
        default_engine: Engine, competence: dict[str, Any], kind: str) -> None:
    data = profile(competence, kind=kind)
    for rule in ("loft-samarbeid-holdninger", "loft-strategisk-styring", "loft-brukerinvolvering"):
        assert fired(default_engine, data, rule) == {}


@pytest.mark.parametrize("competence", [
    # skills stated in place under the lacking ability: bindal-2024 5.2.1's finding (few can
    # lead), answered by that document's own measures
    {"digitalisering": {"skills": {"level": 3.8}, "abilities": {"level": 2.3}}},
    # knowledge stated: the shape other rules read (rolle-kommune-gevinster where it lags)
    {"digitalisering": {"knowledge": {"level": 3.2}, "abilities": {"level": 2.3}}},
    {"digitalisering": {"knowledge": {"level": 2.5}, "abilities": {"level": 2.3}}},
    # attitudes first (lesson 3)
    {"digitalisering": {"abilities": {"level": 2.3}, "attitudes": {"level": 2.5}}},
])
def test_the_project_method_finding_is_the_ability_gap_stated_alone(
        default_engine: Engine, competence: dict[str, Any]) -> None:
    assert fired(default_engine, profile(competence), "loft-prosjektmetodikk") == {}
