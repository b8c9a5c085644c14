"""Programme modules (catalogue ``part_of``): a module recommended beside its programme counts
a diminishing share of its points, so a programme and its modules do not each take a place at
the top (#11, held-out class 9). Checked on a small catalogue written here, through the result
models, the JSON contract, the compact batch line and both backends, and on the bundled
Bindal programme."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

import tiltak
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.engine import Engine
from tiltak.errors import CatalogueError
from tiltak.rules import rules_from_mapping

from .conftest import EXAMPLES

MEASURE = """
  - id: {id}
    title: {{nb: "Tittel {id}", en: "Title {id}"}}
    description: {{nb: Beskrivelse., en: Description.}}
    sources: [{{document: bindal-2024, section: "6.2"}}]
    areas: [ledelse]
    dimensions: [skills]
    strategy: develop
    format: programme
    level: organisation
    cost: low
"""
AREAS = """
areas:
  - id: ledelse
    name: {nb: Ledelse, en: Leadership}
    targets: {knowledge: 3.5, skills: 3.5, abilities: 3.5, attitudes: 4.0}
measures:
"""
POINTS = {"program": 3.0, "modul-a": 2.4, "modul-b": 2.0, "modul-c": 1.0, "annet": 1.5}
BACKENDS = ["python"] + (["rete"] if importlib.util.find_spec("durable") else [])


def write_catalogue(root: Path, part_of: dict[str, str]) -> Path:
    text = AREAS + "".join(
        MEASURE.format(id=mid) + (f"    part_of: {part_of[mid]}\n" if mid in part_of else "")
        for mid in POINTS)
    (root / "catalogue.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    root = tmp_path_factory.mktemp("cat")
    return load_catalogue(write_catalogue(root, {m: "program" for m in POINTS
                                                 if m.startswith("modul")}))


def engine(catalogue: Catalogue, backend: str) -> Engine:
    """One rule recommends the programme and the other measure, another the modules: the
    modules come from a rule that does not give them with their programme."""
    programme = {"id": "alltid", "lesson": 6, "reason": {"nb": "Begrunnelse.", "en": "Reason."},
                 "then": {"recommend": [{"measure": m, "weight": w} for m, w in POINTS.items()
                                        if not m.startswith("modul")]}}
    modules = {"id": "moduler", "lesson": 6, "reason": {"nb": "Moduler.", "en": "Modules."},
               "then": {"recommend": [{"measure": m, "weight": w} for m, w in POINTS.items()
                                      if m.startswith("modul")]}}
    return Engine(rules_from_mapping({"rules": [programme, modules]}, catalogue), catalogue,
                  backend)


def together(catalogue: Catalogue, backend: str, module_points: dict[str, float]) -> Engine:
    """One rule gives the programme with its modules (``module_points``); a second rule adds
    points to the modules on its own (modul-b 1.2)."""
    rule = {"id": "med-moduler", "lesson": 9, "reason": {"nb": "Program.", "en": "Programme."},
            "then": {"recommend": [{"measure": "program", "weight": 3.0},
                                   {"measure": "annet", "weight": 1.5},
                                   *({"measure": m, "weight": w}
                                     for m, w in module_points.items())]}}
    extra = {"id": "ekstra", "lesson": 6, "reason": {"nb": "Ekstra.", "en": "Extra."},
             "then": {"recommend": [{"measure": "modul-b", "weight": 1.2}]}}
    return Engine(rules_from_mapping({"rules": [rule, extra]}, catalogue), catalogue, backend)


def profile(running: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"format": "tiltak.profile/1", "subject": {"kind": "organisation"},
            "respondents": 20, "competence": {},
            "context": {"running_measures": list(running)}}


@pytest.mark.parametrize("backend", BACKENDS)
def test_modules_beside_their_programme_count_a_diminishing_share(
        catalogue: Catalogue, backend: str) -> None:
    result = engine(catalogue, backend).suggest(profile())
    recs = {r.measure: r for r in result.recommendations}
    assert recs["program"].score == 3.0 and recs["program"].part_of is None
    assert recs["annet"].score == 1.5 and recs["annet"].part_of is None
    # the best-scoring module counts 1/2, the next 1/3, then 1/4
    for module, share in (("modul-a", 0.5), ("modul-b", 0.3333), ("modul-c", 0.25)):
        part = recs[module].part_of
        assert part is not None and part.measure == "program" and part.counted == share
        assert recs[module].score == round(share * sum(r.points for r in recs[module].reasons), 4)
    assert [r.measure for r in result.recommendations] == [
        "program", "annet", "modul-a", "modul-b", "modul-c"]
    because = recs["modul-b"].part_of.because  # type: ignore[union-attr]
    assert "«Tittel program»" in because.nb and "33 %" in because.nb
    assert "'Title program'" in because.en and "33%" in because.en


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_module_whose_programme_is_not_in_the_list_counts_in_full(
        catalogue: Catalogue, backend: str) -> None:
    result = engine(catalogue, backend).suggest(profile(running=("program",)))
    recs = {r.measure: r for r in result.recommendations}
    assert "program" not in recs
    assert [(m, recs[m].score, recs[m].part_of) for m in ("modul-a", "modul-b", "modul-c")] == [
        ("modul-a", 2.4, None), ("modul-b", 2.0, None), ("modul-c", 1.0, None)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_modules_a_rule_gives_with_their_programme_count_in_full(
        catalogue: Catalogue, backend: str) -> None:
    """A rule that recommends a programme and its modules together (bindal-2024 6.2.4-6.2.9
    for a leaders' forum) has weighed them as one: those points count in full, so the modules
    follow their programme as the rule weighs them; points from another rule still count a
    diminishing share beside the programme."""
    result = together(catalogue, backend, {"modul-a": 2.4, "modul-c": 1.0}).suggest(profile())
    recs = {r.measure: r for r in result.recommendations}
    assert [r.measure for r in result.recommendations] == [
        "program", "modul-a", "annet", "modul-c", "modul-b"]
    assert (recs["modul-a"].score, recs["modul-a"].part_of) == (2.4, None)
    assert (recs["modul-c"].score, recs["modul-c"].part_of) == (1.0, None)
    # modul-b has points only from the other rule: the share of the first module beside it
    part = recs["modul-b"].part_of
    assert part is not None and part.counted == 0.5 and recs["modul-b"].score == 0.6
    # a module with points from both: the programme's rule's in full, the rest by share
    mixed = together(catalogue, backend, {"modul-b": 0.8}).suggest(profile())
    got = {r.measure: r for r in mixed.recommendations}["modul-b"]
    assert got.score == round(0.8 + 1.2 / 2, 4)
    assert got.part_of is not None and got.part_of.counted == round(1.4 / 2.0, 4)
    assert [x.rule for x in got.reasons] == ["ekstra", "med-moduler"]


def test_modules_given_with_their_programme_keep_one_order_in_both_backends(
        catalogue: Catalogue) -> None:
    if len(BACKENDS) < 2:
        pytest.skip("durable_rules is not installed")
    lines = {backend: together(catalogue, backend, {"modul-a": 2.4, "modul-b": 0.8})
             .suggest(profile()).to_json() for backend in BACKENDS}
    assert lines["python"] == lines["rete"]


def test_json_names_the_programme_only_for_modules_and_batch_lines_agree(
        catalogue: Catalogue) -> None:
    eng = engine(catalogue, "python")
    for running in ((), ("program",)):
        result = eng.suggest(profile(running))
        data = json.loads(result.to_json())
        parts = {r["measure"]: r.get("part_of") for r in data["recommendations"]}
        if running:
            assert all("part_of" not in r for r in data["recommendations"])
        else:
            assert parts["modul-a"] == {
                "measure": "program", "counted": 0.5,
                "because": result.recommendations[2].part_of.because.model_dump()}  # type: ignore[union-attr]
            assert parts["program"] is None and "part_of" not in data["recommendations"][0]
        line = next(iter(eng.suggest_many_json([profile(running)])))
        assert line == result.to_json_line()


@pytest.mark.parametrize(("part_of", "message"), [
    ({"modul-a": "modul-a"}, "cannot be part of itself"),
    ({"modul-a": "finnes-ikke"}, "finnes-ikke"),
    ({"modul-a": "program", "modul-b": "modul-a"}, "name the programme (program) instead"),
])
def test_catalogue_refuses_a_bad_part_of_with_its_place(tmp_path: Path, part_of: dict[str, str],
                                                        message: str) -> None:
    write_catalogue(tmp_path, part_of)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path)
    text = caught.value.render("en")
    assert message in text and "catalogue.yaml:" in text and "part_of" in text


def test_a_leader_group_gets_the_programme_modules_the_document_gives_its_forum() -> None:
    """bindal-2024 6.2.4-6.2.9 give the programme with its modules to the leaders' forum, and
    fast-ledergruppe-utviklingsprogram gives them together: the modules count in full and
    stand in the top 20 with the programme, not at 19-25 behind other plans' courses."""
    group = {"format": "tiltak.profile/1", "competence": {},
             "subject": {"kind": "group", "id": "ledere", "roles": ["leader"]}}
    result = tiltak.load().suggest(group)
    ranks = {r.measure: r.rank for r in result.recommendations}
    modules = [m for m, measure in tiltak.load().catalogue.measures.items()
               if measure.part_of == "prosessledelse-program"]
    assert len(modules) == 5
    assert all(ranks[m] <= 20 and ranks[m] > ranks["prosessledelse-program"] for m in modules)
    assert all(r.part_of is None for r in result.recommendations if r.measure in modules)


def test_bindal_programme_modules_follow_the_programme() -> None:
    """bindal-2024 6.2.5-6.2.9 are modules of the process-leadership programme (6.2.4): beside
    it they no longer take top places of their own."""
    result = tiltak.load().suggest(EXAMPLES / "bindal-organisasjon.json")
    ranks = {r.measure: r.rank for r in result.recommendations}
    modules = [r for r in result.recommendations if r.part_of is not None]
    assert {r.measure for r in modules} >= {"prosessledelse-lederutfordringer",
                                            "prosessledelse-innforing"}
    assert all(r.part_of.measure == "prosessledelse-program"  # type: ignore[union-attr]
               and r.rank > ranks["prosessledelse-program"] and r.rank > 10 for r in modules)
