"""The county subject kind (docs/profile.md): the municipalities of a county together,
trondelag-2019's level 1. A compatible extension of tiltak.profile/1: the profile model, the
schemas, rule conditions in both engines, catalogue audiences and the CLI all know it, and a
county gets level 1's measures and not the region's gatherings or expert teams."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import tiltak
from tiltak.authoring.schema import schema
from tiltak.cli import main
from tiltak.engine import Engine
from tiltak.profile import SUBJECT_KINDS, load_profile

LEVEL_1 = {"digitale-fremskritt-seminar", "podcast-digitale-fremskritt", "kommunett",
           "strategiske-analyseverktoy", "gevinstrealisering", "akademia-pavirkning",
           "kurskatalog", "kontaktpunkt-kommune-og-region"}
LEVELS_2_AND_3 = {"regionsamlinger", "ekspertteam-mentorer", "kommuneutvikling-med-ekspertteam"}


def profile(kind: str = "county", competence: dict[str, Any] | None = None,
            sectors: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": "fylket", "name": "Kommunene i fylket samlet"},
        "competence": competence or {},
        "context": {"sectors": list(sectors)},
    }


DIGITAL_GAP = {"digitalisering": {"knowledge": {"level": 3.0}, "abilities": {"level": 3.0}}}


def test_a_county_profile_is_valid_by_the_model_and_the_schema() -> None:
    data = profile(competence=DIGITAL_GAP)
    assert "county" in SUBJECT_KINDS
    assert load_profile(data).subject.kind == "county"
    jsonschema.Draft202012Validator(schema("profile")).validate(data)


@pytest.mark.parametrize("name", ["rules", "catalogue", "survey", "comparison"])
def test_every_schema_that_names_subject_kinds_names_the_county(name: str) -> None:
    assert '"county"' in json.dumps(schema(name))


@pytest.mark.parametrize("engine_name", ["python", "rete"])
def test_a_county_gets_level_1_and_not_the_regions_gatherings(engine_name: str) -> None:
    engine = tiltak.load(engine=engine_name)
    result = engine.suggest(profile(competence=DIGITAL_GAP))
    got = {r.measure: {x.rule for x in r.reasons} for r in result.recommendations}
    assert {m for m, rules in got.items() if "fylke-niva-1" in rules} >= LEVEL_1
    assert not LEVELS_2_AND_3 & set(got)
    # level 1 comes first: every level-1 measure ranks above anything else recommended
    ranks = {r.measure: r.rank for r in result.recommendations}
    assert max(ranks[m] for m in LEVEL_1) < min(
        (rank for m, rank in ranks.items() if m not in LEVEL_1), default=99)


def test_with_the_partnership_marker_the_levels_2_and_3_are_left_out_by_the_audience(
        default_engine: Engine) -> None:
    result = default_engine.suggest(profile(competence=DIGITAL_GAP, sectors=("region",)))
    suppressed = {s.measure: s for s in result.suppressed}
    assert set(suppressed) >= LEVELS_2_AND_3
    assert all(suppressed[m].context == "audience" for m in LEVELS_2_AND_3)
    assert {r.measure for r in result.recommendations} >= LEVEL_1


def test_a_county_is_not_a_region_nor_a_region_a_county(default_engine: Engine) -> None:
    """`{subject: region}` rules (the region's own level 2) do not fire for a county, and the
    county's rules do not fire for a region: results for regions are as before."""
    county = default_engine.suggest(profile(competence=DIGITAL_GAP, sectors=("region",)))
    region = default_engine.suggest(profile(kind="region", competence=DIGITAL_GAP,
                                            sectors=("region",)))
    county_rules = {x.rule for r in county.recommendations for x in r.reasons}
    region_rules = {x.rule for r in region.recommendations for x in r.reasons}
    assert "fylke-niva-1" in county_rules and "fylke-niva-1" not in region_rules
    assert "region-utdanning-og-kurs" in region_rules
    assert "region-utdanning-og-kurs" not in county_rules
    assert {"regionsamlinger", "ekspertteam-mentorer"} <= {
        r.measure for r in region.recommendations}


def test_a_county_stating_no_level_gets_level_1_as_standing_tasks(
        default_engine: Engine) -> None:
    result = default_engine.suggest(profile())
    got = {r.measure: r for r in result.recommendations}
    assert {"digitale-fremskritt-seminar", "podcast-digitale-fremskritt",
            "akademia-pavirkning"} <= set(got)
    assert all(r.score <= 1 for r in got.values())
    measured = default_engine.suggest(profile(competence=DIGITAL_GAP))
    assert all("fylke-niva-1-faste" not in {x.rule for x in r.reasons}
               for r in measured.recommendations)


def test_rules_can_name_the_county_and_check_accepts_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: fylkes-egen\n"
        "    reason: {nb: Kommunene i fylket samlet., en: The county's municipalities.}\n"
        "    when: {subject: county}\n"
        "    then:\n"
        "      recommend: [{measure: digitale-fremskritt-seminar, weight: 1}]\n",
        encoding="utf-8")
    engine = tiltak.load(rules=rules)
    assert [r.measure for r in engine.suggest(profile()).recommendations] == [
        "digitale-fremskritt-seminar"]
    assert not engine.suggest(profile(kind="region")).recommendations
    assert main(["check", "--rules", str(rules)]) == 0


def test_the_cli_names_the_county_in_both_languages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fylke.json"
    data = profile(competence=DIGITAL_GAP)
    del data["subject"]["name"], data["subject"]["id"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["suggest", str(path), "--lang", "nb"]) == 0
    assert "Forslag til tiltak for fylke (fylke)" in capsys.readouterr().out
    assert main(["suggest", str(path), "--lang", "en"]) == 0
    assert "Suggested measures for county (county)" in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "words"), [("nb", "kommunene i fylket"),
                                             ("en", "the county's municipalities")])
def test_the_plan_document_names_a_county_without_a_name(
        tmp_path: Path, lang: str, words: str) -> None:
    path = tmp_path / "fylke.json"
    data = profile(competence=DIGITAL_GAP)
    del data["subject"]["name"], data["subject"]["id"]
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "plan.html"
    assert main(["report", str(path), "--lang", lang, "-o", str(out)]) == 0
    assert words in out.read_text(encoding="utf-8").replace("&#x27;", "'").replace("&#39;", "'")
