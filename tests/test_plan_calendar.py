"""Owners with reasons, the calendar, limits per year and segment plans (issue #17).

Hypothesis properties: a sector with no gap in a measure's areas and no
supplying edge is never its owner; shares respect the floor; prerequisites
end before their dependants start; each year's limits hold; recurring measures
recur every year to the horizon; the same input gives the same plan. The CLI
is exercised in both languages.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiltak.catalogue import DEFAULT_DURATION_MONTHS, Area, Catalogue, Measure, Sector
from tiltak.cli import main
from tiltak.engine import Engine
from tiltak.plan import Plan, make_plan, plan_from_result
from tiltak.plan._calendar import Job, per_year, rounds
from tiltak.plan._owners import FLOOR
from tiltak.profile import Profile

from .test_plan import BINDAL
from .test_plan_props import make_result

SECTORS = ("s1", "s2", "s3", "s4")
SOURCE = {"document": "bindal-2024", "section": "6.3.1"}
ELSEWHERE = {"document": "bindal-2024", "section": "4.1"}


def _catalogue(specs: list[dict[str, Any]], relies: dict[str, list[tuple[str, bool]]]
               ) -> Catalogue:
    """Sectors s1..s4 (relies_on: sector, same-section source?) and measures m0.. from specs."""
    sectors = []
    for s in SECTORS:
        sectors.append(Sector.model_validate({
            "id": s, "name": {"nb": f"Sektor {s}", "en": f"Sector {s}"},
            "relies_on": [{"sector": other, "competence": {"nb": f"fag fra {other}",
                                                           "en": f"skills from {other}"},
                           "sources": [SOURCE if same else ELSEWHERE]}
                          for other, same in relies.get(s, [])]}))
    sectors.append(Sector.model_validate({"id": "forum", "name": {"nb": "Forum", "en": "Forum"},
                                          "cross_sector": True}))
    measures = []
    for i, spec in enumerate(specs):
        measures.append(Measure.model_validate({
            "id": f"m{i}", "title": {"nb": f"Tiltak {i}", "en": f"Measure {i}"},
            "description": {"nb": "-", "en": "-"}, "sources": [SOURCE],
            "areas": [spec.get("area", "a")], "dimensions": ["skills"], "strategy": "develop",
            "format": spec.get("format", "forum"), "level": "organisation", "cost": "low",
            "cost_nok": spec["cost"], "effort_hours": spec["hours"],
            "duration_months": spec.get("months"), "recurs": spec.get("recurs"),
            "prerequisites": [f"m{j}" for j in spec["prereqs"]],
            "sectors": list(spec["sectors"]), "owners": ["forum"],
        }))
    areas = [Area.model_validate({"id": a, "name": {"nb": a.upper(), "en": a.upper()},
                                  "targets": {"skills": 3.5}}) for a in ("a", "b")]
    return Catalogue.from_parts(areas=areas, sectors=sectors, measures=measures)


def _profile(levels: dict[str, dict[str, float]]) -> Profile:
    """A profile with one sector segment per entry: sector -> area -> skills level."""
    return Profile.model_validate({
        "format": "tiltak.profile/1", "subject": {"kind": "organisation", "id": "t"},
        "competence": {"a": {"skills": {"level": 3.0}}},
        "context": {"sectors": list(SECTORS)},
        "segments": [{"by": "sector", "value": s,
                      "competence": {a: {"skills": {"level": v}} for a, v in areas.items()}}
                     for s, areas in levels.items()],
    })


@st.composite
def owner_cases(draw: st.DrawFn) -> tuple[Catalogue, Profile, dict[str, float]]:
    n = draw(st.integers(1, 5))
    specs = [{"prereqs": [], "sectors": draw(st.lists(st.sampled_from(SECTORS), unique=True,
                                                      max_size=4)),
              "area": draw(st.sampled_from(["a", "b"])), "cost": 1000, "hours": 10}
             for _ in range(n)]
    relies = {s: draw(st.lists(st.tuples(st.sampled_from(SECTORS), st.booleans()),
                               max_size=2, unique_by=lambda t: t[0]))
              for s in SECTORS}
    relies = {s: [(o, same) for o, same in rel if o != s] for s, rel in relies.items()}
    levels = {s: draw(st.dictionaries(st.sampled_from(["a", "b"]),
                                      st.sampled_from([2.0, 3.0, 3.5, 4.5]), max_size=2))
              for s in draw(st.lists(st.sampled_from(SECTORS), unique=True, max_size=4))}
    scores = {f"m{i}": draw(st.integers(1, 9)) / 2 for i in range(n)}
    return _catalogue(specs, relies), _profile(levels), scores


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(owner_cases())
def test_owners_always_have_a_reason(case: tuple[Catalogue, Profile, dict[str, float]]) -> None:
    catalogue, profile, scores = case
    plan = plan_from_result(make_result(catalogue, scores), catalogue, profile.context,
                            profile=profile, start="2027-01")
    figures = {str(seg.value): seg.competence for seg in profile.segments}

    def known(sector: str, area: str) -> bool:
        return area in figures.get(sector, {})

    def gap(sector: str, area: str) -> float:
        return max(0.0, 3.5 - figures[sector][area]["skills"].level)

    def supplies(sector: str, owner_ids: set[str]) -> bool:
        return any(rel.sector == sector and rel.sources[0].section == "6.3.1"
                   for other in owner_ids - {sector}
                   for rel in catalogue.sectors[other].relies_on)

    for pm in [*plan.measures, *plan.left_out]:
        measure = catalogue.measures[pm.measure]
        area = measure.areas[0]
        owner_ids = {o.sector for o in pm.owners} | {c.sector for c in pm.contributors}

        for who in [*pm.owners, *pm.contributors]:
            s = who.sector
            # the property of issue #17: no gap in the measure's areas and no supplying edge
            # -> never an owner
            assert not (known(s, area) and gap(s, area) == 0
                        and not supplies(s, owner_ids)), (pm.measure, s)
            assert who.reason is not None and who.reason.nb and who.reason.en
            if who.basis == "need":
                assert known(s, area) and gap(s, area) > 0
            elif who.basis == "supply":
                assert supplies(s, owner_ids)
            else:
                assert not known(s, area) and s in measure.sectors
        if pm.owners:
            assert abs(sum(o.share for o in pm.owners) - 1) < 1e-3
            assert all(o.share >= FLOOR - 1e-3 for o in pm.owners)
            assert len(pm.owners) <= round(1 / FLOOR)
        # a sector with a gap in the measure's area is an owner or a contributor
        for s in figures:
            if known(s, area) and gap(s, area) > 0:
                assert s in owner_ids


@st.composite
def calendar_cases(draw: st.DrawFn) -> tuple[Catalogue, dict[str, float], dict[str, Any]]:
    n = draw(st.integers(1, 7))
    specs = []
    for i in range(n):
        specs.append({
            "prereqs": sorted(draw(st.sets(st.integers(0, i - 1), max_size=2))) if i else [],
            "sectors": ["s1", "s2"], "cost": draw(st.integers(0, 12)) * 5000,
            "hours": draw(st.integers(0, 12)) * 10,
            "months": draw(st.none() | st.integers(1, 30)),
            "recurs": draw(st.sampled_from([None, None, "yearly"])),
            "format": draw(st.sampled_from(["pilot", "programme", "course", "survey"])),
        })
    catalogue = _catalogue(specs, {})
    scores = {f"m{i}": draw(st.integers(1, 9)) / 2
              for i in sorted(draw(st.sets(st.integers(0, n - 1), min_size=1)))}
    options = {
        "horizon_years": draw(st.integers(1, 4)),
        "budget_per_year": draw(st.none() | st.integers(0, 8).map(lambda k: k * 10_000.0)),
        "capacity_per_year": draw(st.none() | st.integers(0, 8).map(lambda k: k * 20.0)),
        "budget_nok": draw(st.none() | st.integers(0, 30).map(lambda k: k * 10_000.0)),
        "start": draw(st.sampled_from(["2027-01", "2026-08"])),
    }
    return catalogue, scores, options


def _job(catalogue: Catalogue, measure_id: str) -> Job:
    m = catalogue.measures[measure_id]
    return Job(measure_id, m.months, m.recurs == "yearly", m.cost_nok or 0, m.effort_hours or 0,
               ())


def _offset(plan: Plan, month: str) -> int:
    assert plan.calendar is not None
    y0, m0 = map(int, plan.calendar.start.split("-"))
    y, m = map(int, month.split("-"))
    return (y - y0) * 12 + m - m0


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calendar_cases())
def test_schedule_keeps_prerequisites_limits_and_recurrence(
        case: tuple[Catalogue, dict[str, float], dict[str, Any]]) -> None:
    catalogue, scores, options = case
    plan = plan_from_result(make_result(catalogue, scores), catalogue, None, **options)
    assert plan.calendar is not None
    years = plan.calendar.horizon_years
    horizon = 12 * years
    start = {pm.measure: _offset(plan, pm.start) for pm in plan.measures if pm.start}
    assert set(start) == set(plan.chosen())
    for pm in plan.measures:
        job = _job(catalogue, pm.measure)
        for pre in catalogue.measures[pm.measure].prerequisites:
            assert pre in start  # chosen with it
            pre_job = _job(catalogue, pre)
            assert start[pre] + pre_job.round_months <= start[pm.measure]
        assert start[pm.measure] + job.round_months <= horizon
        if job.recurs:  # every 12 months from the start while a round fits
            expected = list(range(start[pm.measure], horizon - job.round_months + 1, 12))
            assert [_offset(plan, r) for r in pm.rounds] == expected
        cost, hours = per_year(job, start[pm.measure], years)
        assert sum(cost) == pm.cost_nok and sum(hours) == pm.effort_hours
    for y, row in enumerate(plan.years):
        spent = [per_year(_job(catalogue, m), start[m], years) for m in start]
        assert row.cost_nok == sum(c[0][y] for c in spent)
        assert row.effort_hours == sum(c[1][y] for c in spent)
        if options["budget_per_year"] is not None:
            assert row.cost_nok <= options["budget_per_year"]
        if options["capacity_per_year"] is not None:
            assert row.effort_hours <= options["capacity_per_year"]
    if options["budget_nok"] is not None:
        assert plan.totals.cost_nok <= options["budget_nok"]
    for pm in plan.left_out:
        assert pm.left_out_because is not None and pm.left_out_kind is not None
    if options["budget_per_year"] is None and options["capacity_per_year"] is None:
        # the even pace is only a preference: it never costs the plan a measure
        assert plan.exact
        assert not any(pm.left_out_kind in ("waits", "budget-year", "capacity-year")
                       for pm in plan.left_out)
    again = plan_from_result(make_result(catalogue, scores), catalogue, None, **options)
    assert again.to_json() == plan.to_json()


def test_rounds_and_money_per_year_add_up() -> None:
    survey = Job("s", 3, True, 25_000, 80, ())
    assert rounds(survey, 2, 48) == [2, 14, 26, 38]
    cost, hours = per_year(survey, 2, 4)
    assert cost == [25_000] * 4 and hours == [80] * 4
    programme = Job("p", 18, False, 350_000, 600, ())
    cost, hours = per_year(programme, 6, 4)
    assert sum(cost) == 350_000 and sum(hours) == 600
    assert cost[0] == 6 * (350_000 // 18) + 6 and cost[2] == 0  # 6 months, then 12
    assert DEFAULT_DURATION_MONTHS["pilot"] < 12 < DEFAULT_DURATION_MONTHS["programme"]


# ---- the bundled example -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bindal(default_engine: Engine) -> Plan:
    return make_plan(BINDAL, default_engine, start="2027-01")


def test_bindal_owners_follow_the_figures_and_the_graph(bindal: Plan) -> None:
    need = [(pm.measure, o) for pm in bindal.measures for o in pm.owners if o.basis == "need"]
    supply = [(pm.measure, o) for pm in bindal.measures for o in pm.owners
              if o.basis == "supply"]
    # the profile's only sector segment is Helse og velferd, with digitalisation figures
    assert need and all(o.sector == "helse-og-velferd" for _, o in need)
    assert all("Digitalisering" in o.reason.nb and "2,1" in o.reason.nb  # type: ignore[union-attr]
               for m, o in need if o.reason and "evner" in o.reason.nb)
    assert any(o.sector == "helse-og-velferd" and o.reason is not None
               and "leverer" in o.reason.nb and "BTI" in o.reason.nb
               and "Oppvekst og kultur" in o.reason.nb for _, o in supply)
    for pm in bindal.measures:
        assert all(o.reason is not None for o in pm.owners)
        assert all(o.share >= FLOOR - 1e-3 for o in pm.owners)


def test_bindal_calendar_recurs_and_spreads(bindal: Plan) -> None:
    assert bindal.calendar is not None
    assert (bindal.calendar.start, bindal.calendar.end) == ("2027-01", "2030-12")
    assert [y.year for y in bindal.years] == ["2027", "2028", "2029", "2030"]
    survey = next(pm for pm in bindal.measures if pm.measure == "arlig-medarbeiderundersokelse")
    assert survey.recurs == "yearly" and len(survey.rounds) >= 2
    assert survey.delayed_by is None  # the pace does not hold a yearly measure back
    assert all(b[5:] == survey.rounds[0][5:] for b in survey.rounds)  # same month every year
    first_month = [pm for pm in bindal.measures if pm.start == "2027-01"]
    assert len(first_month) < len(bindal.measures) / 2  # not everything starts at once
    assert sum(y.cost_nok for y in bindal.years) == bindal.totals.cost_nok


# ---- the CLI -------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", ["per sektor", "Timer per år", "Deler med andre", "leverer", "januar 2027"]),
    ("en", ["by sector", "Hours a year", "Shares with others", "supplies", "January 2027"]),
])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_cli_by_sector(capsys: pytest.CaptureFixture[str], lang: str, words: list[str],
                       fmt: str) -> None:
    assert main(["plan", str(BINDAL), "--by", "sector", "--lang", lang, "--format", fmt,
                 "--start", "2027-01"]) == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out
    for sector in (("Helse og velferd", "Oppvekst og kultur") if lang == "nb"
                   else ("Health and welfare", "Childhood, education and culture")):
        assert sector in out


@pytest.mark.parametrize(("lang", "left", "advice"), [
    ("nb", "utelatt fordi budsjettet for 2027 er brukt", "øk budsjettet for 2027 med"),
    ("en", "left out because the budget for 2027 is used", "raise the budget for 2027 by"),
])
def test_cli_budget_per_year(capsys: pytest.CaptureFixture[str], lang: str, left: str,
                             advice: str) -> None:
    assert main(["plan", str(BINDAL), "--lang", lang, "--start", "2027-01", "--years", "1",
                 "--budget-per-year", "2027=60000", "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert left in out and advice in out
    assert main(["plan", str(BINDAL), "--start", "2027-01", "--years", "1",
                 "--budget-per-year", "2027=60000", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["years"][0]["budget_nok"] == 60000 and data["years"][0]["cost_nok"] <= 60000
    assert data["limits"]["budget_per_year_from"] == "option"
    assert any(m["left_out_kind"] in ("budget-year", "budget-years") for m in data["left_out"])
    # the advice per year, applied, lets the measure in
    relax = next(r for r in data["relaxations"] if r["years"])
    more = 60000 + relax["years"][0]["cost_nok"]
    assert main(["plan", str(BINDAL), "--start", "2027-01", "--years", "1", "--budget-per-year",
                 f"2027={more:.0f}", "--format", "json", "--top", str(relax["rank"])]) == 0
    assert relax["measure"] in {m["measure"] for m in json.loads(capsys.readouterr().out)[
        "measures"]}


def test_cli_later_start_because_of_a_year(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(BINDAL), "--lang", "nb", "--start", "2027-01", "--years", "2",
                 "--capacity-per-year", "400", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(y["effort_hours"] <= 400 for y in data["years"])
    delayed = [m for m in data["measures"] if m["delayed_by"]]
    assert any("kapasiteten for 2027 er brukt" in m["delayed_by"]["nb"] for m in delayed)


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--start", "2027-13"], 2, "YYYY-MM"),
    (["--start", "januar"], 2, "YYYY-MM"),
    (["--budget-per-year", "2027:5"], 2, "2027:5"),
    (["--budget-per-year", "2040=5"], 1, "2040"),
    (["--years", "0"], 2, "0"),
    (["--years", "11"], 2, "11"),
])
def test_cli_calendar_errors(capsys: pytest.CaptureFixture[str], args: list[str], code: int,
                             words: str) -> None:
    argv = ["plan", str(BINDAL), "--lang", "en", "--start", "2027-01", *args]
    if code == 2:
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    else:
        assert main(argv) == code
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err


def test_cli_json_is_byte_identical_and_schedule_in_graphs(
        capsys: pytest.CaptureFixture[str]) -> None:
    args = ["plan", str(BINDAL), "--format", "json", "--start", "2027-01"]
    assert main(args) == 0
    first = capsys.readouterr().out
    proc = subprocess.run([sys.executable, "-m", "tiltak", *args], capture_output=True,
                          text=True, check=True, timeout=300)
    assert proc.stdout == first
    data = json.loads(first)
    assert data["calendar"]["horizon_years"] == 4
    assert all(m["start"] and m["end"] for m in data["measures"])
    assert main(["plan", str(BINDAL), "--format", "graphml", "--start", "2027-01"]) == 0
    graphml = capsys.readouterr().out
    assert 'attr.name="start"' in graphml and "2027-01" in graphml
    assert main(["plan", str(BINDAL), "--format", "mermaid", "--lang", "nb",
                 "--start", "2027-01"]) == 0
    assert "januar 2027" in capsys.readouterr().out


def test_plan_json_validates_against_its_schema(bindal: Plan,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    assert main(["schema", "plan"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(bindal.to_json()), schema)
    assert {"calendar", "years"} <= set(schema["properties"])
