"""Year-over-year comparison: changes found, noise not taken for change, plans followed up."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

import tiltak
from tiltak.catalogue import Catalogue
from tiltak.compare import Comparison, compare
from tiltak.compare._stats import Sample, adjust, sample, welch
from tiltak.errors import ComparisonError, TiltakError
from tiltak.profile import load_profile
from tiltak.survey import SurveyImport, import_survey

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DIMS = ("knowledge", "skills", "abilities", "attitudes")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_survey_compare",
                                                  EXAMPLES / "generate_survey.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GEN = _generator()


@pytest.fixture(scope="module")
def catalogue(default_engine: tiltak.Engine) -> Catalogue:
    return default_engine.catalogue


@pytest.fixture(scope="module")
def years() -> tuple[SurveyImport, SurveyImport]:
    kw: dict[str, Any] = {"subject_id": "bindal", "subject_name": "Bindal kommune"}
    return (import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa", **kw),
            import_survey(EXAMPLES / "survey-ksaa-2025.csv", "ksaa", **kw))


@pytest.fixture(scope="module")
def example(years: tuple[SurveyImport, SurveyImport], catalogue: Catalogue) -> Comparison:
    return compare(years[0], years[1], catalogue=catalogue)


# --- the bundled two-year example --------------------------------------------------------------


def test_committed_2025_export_matches_the_generator() -> None:
    import csv
    import io

    defn = GEN.resolve_definition("ksaa")
    rows = GEN.table(defn, GEN.respondents(defn, GEN.YEAR_2025), GEN.YEAR_2025)
    text = (EXAMPLES / "survey-ksaa-2025.csv").read_bytes().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text, newline=""))) == rows, (
        "run python examples/generate_survey.py")


def test_example_changes_are_found_and_the_rest_is_no_clear_change(example: Comparison) -> None:
    changes = GEN.CHANGES_2025
    assert changes, "the example must change something"
    seen = set()
    for cell in example.whole.cells:
        seen.add((cell.area, cell.dimension))
        true = changes.get((cell.area, cell.dimension), 0.0)
        if true > 0:
            assert cell.verdict == "improved", cell
        elif true < 0:
            assert cell.verdict == "declined", cell
        else:
            assert cell.verdict == "no_clear_change", cell
            assert cell.why in ("within_noise", "not_clear_after_correction")
    assert set(changes) <= seen
    assert len(seen) - len(changes) >= 6  # both outcomes are shown


def test_example_cells_carry_levels_shares_interval_and_p(example: Comparison) -> None:
    for cell in example.whole.cells:
        assert cell.before is not None and cell.after is not None
        assert cell.difference == pytest.approx(cell.after.level - cell.before.level, abs=0.006)
        assert cell.interval is not None and cell.p is not None and cell.p_adjusted is not None
        assert cell.interval.low <= cell.difference <= cell.interval.high
        assert cell.p_adjusted >= cell.p
        for side in (cell.before, cell.after):
            assert side.variance == "distribution"
            assert side.low_share is not None and side.high_share is not None
            assert 0 <= side.low_share + side.high_share <= 1
        # the verdict follows the adjusted p-value, never the raw one
        clear = cell.verdict in ("improved", "declined")
        assert clear == (cell.p_adjusted < example.method.alpha)
        if cell.verdict == "improved":
            assert cell.interval.low > 0


def test_segments_withheld_in_either_year_stay_withheld(
        years: tuple[SurveyImport, SurveyImport], example: Comparison) -> None:
    before, after = (y.profile for y in years)
    published = [{(s.by, s.value) for s in p.segments} for p in (before, after)]
    assert published[0] != published[1], "the example withholds a segment in one year only"
    for group in example.segments:
        key = (group.by, group.value)
        if key in published[0] and key in published[1]:
            continue
        assert all(c.verdict == "not_compared" for c in group.cells)
        assert all(c.p is None and c.difference is None for c in group.cells)
        missing = 0 if key not in published[0] else 1
        assert all((c.before if missing == 0 else c.after) is None for c in group.cells)
        assert {c.why for c in group.cells} <= {"not_published_before", "not_published_after"}
    # groups hidden in both years do not appear at all
    shown = {(g.by, g.value) for g in example.segments}
    assert shown == published[0] | published[1]


def test_comparison_json_is_canonical_and_deterministic(
        years: tuple[SurveyImport, SurveyImport], catalogue: Catalogue,
        example: Comparison) -> None:
    again = compare(years[0].profile, years[1].profile.model_dump(mode="json"),
                    catalogue=catalogue)
    assert again.to_json() == example.to_json()
    data = json.loads(example.to_json())
    assert data["format"] == "tiltak.comparison/1"
    assert data["method"]["comparisons"] == sum(
        1 for g in example.groups for c in g.cells if c.verdict != "not_compared")


def test_segments_false_compares_the_whole_subject_only(
        years: tuple[SurveyImport, SurveyImport], catalogue: Catalogue) -> None:
    c = compare(years[0], years[1], catalogue=catalogue, segments=False)
    assert len(c.groups) == 1 and c.method.comparisons == len(c.whole.cells)


def test_benjamini_hochberg_finds_at_least_what_holm_finds(
        years: tuple[SurveyImport, SurveyImport], catalogue: Catalogue,
        example: Comparison) -> None:
    bh = compare(years[0], years[1], catalogue=catalogue, correction="bh")
    assert bh.method.correction == "bh"
    holm_found = {(g.by, g.value, c.area, c.dimension) for g, c in example.changed()}
    bh_found = {(g.by, g.value, c.area, c.dimension) for g, c in bh.changed()}
    assert holm_found <= bh_found
    for _g, c in bh.changed():
        assert c.p_adjusted is not None and c.p_adjusted < 0.05


# --- the statistics ----------------------------------------------------------------------------


@pytest.mark.parametrize(("b", "a"), [
    ((3.1, 0.9, 40), (3.5, 1.3, 55)),
    ((2.0, 0.2, 8), (2.4, 2.5, 300)),
    ((4.5, 0.5, 12), (4.1, 0.5, 12)),
])
def test_welch_agrees_with_scipy(b: tuple[float, float, int], a: tuple[float, float, int]
                                 ) -> None:
    before = Sample(b[0], b[1], b[2], "distribution")
    after = Sample(a[0], a[1], a[2], "distribution")
    w = welch(before, after, 0.05)
    ref = stats.ttest_ind_from_stats(a[0], a[1] ** 0.5, a[2], b[0], b[1] ** 0.5, b[2],
                                     equal_var=False)
    assert w.p == pytest.approx(ref.pvalue, rel=1e-9)
    assert (w.low + w.high) / 2 == pytest.approx(a[0] - b[0])


def test_variance_from_distribution_and_bound_without_it() -> None:
    s = sample(3.0, (0.0, 0.5, 0.0, 0.5, 0.0), 10)
    assert s.variance == pytest.approx(1.0 * 10 / 9) and s.source == "distribution"
    b = sample(3.0, None, 10)
    assert b.variance == pytest.approx(4.0) and b.source == "bound"  # the widest on 1-5
    assert sample(5.0, None, 10).variance == 0.0


@pytest.mark.parametrize(("ps", "method", "expected"), [
    ([0.01, 0.04, 0.03, 0.5], "holm", [0.04, 0.09, 0.09, 0.5]),
    ([0.01, 0.04, 0.03, 0.5], "bh", [0.04, 0.0533333, 0.0533333, 0.5]),
    ([0.02, 0.02], "holm", [0.04, 0.04]),
    ([], "holm", []),
])
def test_corrections(ps: list[float], method: str, expected: list[float]) -> None:
    assert adjust(ps, method) == pytest.approx(expected, rel=1e-5)  # type: ignore[arg-type]


def _profile(levels: dict[str, tuple[float, list[float] | None, int]],
             area: str = "digitalisering", **extra: Any) -> dict[str, Any]:
    return {
        "format": "tiltak.profile/1",
        "subject": {"kind": "organisation", "id": "x"},
        "respondents": max(n for *_, n in levels.values()),
        "competence": {area: {d: {"level": lvl, "respondents": n,
                                  **({"distribution": dist} if dist else {})}
                              for d, (lvl, dist, n) in levels.items()}},
        **extra,
    }


def _draw(rng: np.random.Generator, probs: np.ndarray, n: int
          ) -> tuple[float, list[float], int]:
    counts = rng.multinomial(n, probs)
    level = float((counts * np.arange(1, 6)).sum() / n)
    return round(level, 2), [round(float(c) / n, 4) for c in counts], n


_PROBS = st.lists(st.floats(0.02, 1.0), min_size=5, max_size=5)


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(weights=st.lists(_PROBS, min_size=4, max_size=4), n1=st.integers(20, 200),
       n2=st.integers(20, 200), seed=st.integers(0, 2**32 - 1))
def test_no_true_change_gives_false_changes_at_most_at_the_error_rate(
        weights: list[list[float]], n1: int, n2: int, seed: int,
        catalogue: Catalogue) -> None:
    """Both years drawn from the same population: any 'changed' verdict is false.

    Holm's promise: the chance of even one false change in a comparison is at
    most alpha. 300 simulated comparisons of four dimensions each; the bound
    allows three standard errors of simulation noise. Without the correction
    about 19 % of these comparisons would report a false change.
    """
    rng = np.random.default_rng(seed)
    probs = [np.array(w) / sum(w) for w in weights]
    runs, alpha = 300, 0.05
    false = 0
    for _ in range(runs):
        before = _profile({d: _draw(rng, p, n1) for d, p in zip(DIMS, probs, strict=True)})
        after = _profile({d: _draw(rng, p, n2) for d, p in zip(DIMS, probs, strict=True)})
        c = compare(before, after, catalogue=catalogue, alpha=alpha)
        false += any(cell.verdict in ("improved", "declined") for cell in c.whole.cells)
    assert false / runs <= alpha + 3 * (alpha * (1 - alpha) / runs) ** 0.5


@settings(max_examples=5, deadline=None, derandomize=True)
@given(weights=_PROBS, seed=st.integers(0, 2**32 - 1), up=st.booleans())
def test_a_large_true_change_with_enough_respondents_is_found(
        weights: list[float], seed: int, up: bool, catalogue: Catalogue) -> None:
    rng = np.random.default_rng(seed)
    base = np.array(weights) / sum(weights)
    # move every answer one level up (or down), staying on the scale
    moved = np.zeros(5)
    for k, share in enumerate(base):
        moved[min(4, k + 1) if up else max(0, k - 1)] += share
    shift = float(((moved - base) * np.arange(1, 6)).sum())
    if abs(shift) < 0.5:
        return  # almost everyone already at the end of the scale: no large change possible
    for _ in range(20):
        before = _profile({"abilities": _draw(rng, base, 150), "skills": _draw(rng, base, 150)})
        after = _profile({"abilities": _draw(rng, moved, 150), "skills": _draw(rng, base, 150)})
        c = compare(before, after, catalogue=catalogue)
        cell = c.whole.cell("digitalisering", "abilities")
        assert cell is not None
        assert cell.verdict == ("improved" if up else "declined"), cell


# --- what is not compared ----------------------------------------------------------------------


def test_below_minimum_unknown_counts_and_missing_distributions(catalogue: Catalogue) -> None:
    before = _profile({"knowledge": (3.0, [0.1, 0.2, 0.4, 0.2, 0.1], 40),
                       "skills": (3.0, None, 40), "abilities": (3.0, [0.2] * 5, 4)})
    after = _profile({"knowledge": (3.1, [0.1, 0.2, 0.3, 0.3, 0.1], 40),
                      "skills": (3.1, None, 40), "abilities": (3.0, [0.2] * 5, 40)})
    del after["competence"]["digitalisering"]["knowledge"]["respondents"]
    del after["respondents"]
    c = compare(before, after, catalogue=catalogue)
    cells = {cell.dimension: cell for cell in c.whole.cells}
    assert cells["knowledge"].verdict == "not_compared"
    assert cells["knowledge"].why == "no_respondent_count"
    assert cells["skills"].before is not None and cells["skills"].before.variance == "bound"
    assert cells["skills"].verdict == "no_clear_change"
    assert cells["abilities"].why == "below_minimum" and cells["abilities"].before is None
    assert any("widest spread" in w.en for w in c.warnings)
    # the bound is never narrower than the distribution's own spread
    with_dist = compare(_profile({"skills": (3.0, [0.1, 0.2, 0.4, 0.2, 0.1], 40)}),
                        _profile({"skills": (3.1, [0.1, 0.2, 0.3, 0.3, 0.1], 40)}),
                        catalogue=catalogue).whole.cells[0]
    assert with_dist.interval is not None and cells["skills"].interval is not None
    assert (cells["skills"].interval.high - cells["skills"].interval.low
            > with_dist.interval.high - with_dist.interval.low)


def test_segment_below_minimum_is_not_compared(catalogue: Catalogue) -> None:
    seg = {"by": "role", "value": "leader", "respondents": 4,
           "competence": {"digitalisering": {"skills": {"level": 2.0, "respondents": 4}}}}
    big = copy.deepcopy(seg) | {"respondents": 30}
    big["competence"]["digitalisering"]["skills"]["respondents"] = 30
    before = _profile({"skills": (3.0, [0.2] * 5, 60)}, segments=[seg])
    after = _profile({"skills": (3.0, [0.2] * 5, 60)}, segments=[big])
    c = compare(before, after, catalogue=catalogue)
    group = c.segments[0]
    assert group.before_respondents is None and group.after_respondents == 30
    assert [cell.why for cell in group.cells] == ["below_minimum"]


# --- errors ------------------------------------------------------------------------------------


def _two() -> tuple[dict[str, Any], dict[str, Any]]:
    p = _profile({"skills": (3.0, [0.2] * 5, 60)})
    return p, copy.deepcopy(p)


def _problems(exc: pytest.ExceptionInfo[TiltakError]) -> list[str]:
    return [p.render("en") for p in exc.value.problems]  # type: ignore[attr-defined]


def test_mismatched_areas_are_a_located_error(catalogue: Catalogue) -> None:
    before, after = _two()
    after["competence"]["ledelse"] = after["competence"].pop("digitalisering")
    with pytest.raises(ComparisonError) as exc:
        compare(before, after, catalogue=catalogue)
    text = "\n".join(_problems(exc))
    assert "BEFORE: competence.digitalisering: area 'digitalisering' is not in AFTER" in text
    assert "AFTER: competence.ledelse: area 'ledelse' is not in BEFORE" in text
    assert "«ledelse» finnes ikke" in exc.value.render("nb")


def test_different_surveys_or_subjects_are_errors(catalogue: Catalogue) -> None:
    before, after = _two()
    before["subject"]["attributes"] = {"survey": "ksaa"}
    after["subject"]["attributes"] = {"survey": "medarbeiderundersokelse"}
    after["subject"]["id"] = "drammen"
    with pytest.raises(ComparisonError) as exc:
        compare(before, after, catalogue=catalogue)
    text = "\n".join(_problems(exc))
    assert "AFTER: subject.attributes.survey: the survey is 'medarbeiderundersokelse'" in text
    assert "AFTER: subject.id: subject.id is 'drammen' here but 'x' in BEFORE" in text


def test_changed_questions_or_scales_between_years_are_errors(
        tmp_path: Path, catalogue: Catalogue) -> None:
    text = (ROOT / "surveys" / "ksaa.yaml").read_text(encoding="utf-8")
    changed_scale = tmp_path / "ksaa-scale.yaml"
    changed_scale.write_text(text.replace("Nokså enig: 4", "Nokså enig: 3"), encoding="utf-8")
    with pytest.raises(ComparisonError) as exc:
        compare(EXAMPLES / "survey-ksaa.csv", EXAMPLES / "survey-ksaa-2025.csv", survey="ksaa",
                before_survey=changed_scale, catalogue=catalogue)
    problems = _problems(exc)
    assert len(problems) == 12  # every cell uses the changed scale
    assert "(different answer scales)" in problems[0]
    assert problems[0].startswith(str(EXAMPLES / "survey-ksaa-2025.csv"))


def test_plan_errors_are_located(tmp_path: Path, catalogue: Catalogue) -> None:
    before, after = _two()
    bad = tmp_path / "plan.json"
    bad.write_text(json.dumps({"format": "tiltak.result/1"}), encoding="utf-8")
    with pytest.raises(ComparisonError, match="is not a plan"):
        compare(before, after, plan=bad, catalogue=catalogue)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ComparisonError, match=r"plan.json:1:2: invalid JSON"):
        compare(before, after, plan=bad, catalogue=catalogue)


def test_export_without_definition_and_bad_options_are_errors(catalogue: Catalogue) -> None:
    before, after = _two()
    with pytest.raises(ComparisonError, match="give its definition with --survey"):
        compare(EXAMPLES / "survey-ksaa.csv", after, catalogue=catalogue)
    with pytest.raises(ComparisonError, match="alpha"):
        compare(before, after, alpha=0.7, catalogue=catalogue)
    with pytest.raises(ComparisonError, match="correction"):
        compare(before, after, correction="none", catalogue=catalogue)  # type: ignore[arg-type]


# --- last year's plan, and carrying it forward -------------------------------------------------


def _plan_for(measures: list[str], subject: str = "x", *, start: str = "2024-03",
              months: int = 6) -> dict[str, Any]:
    """A real plan's JSON with its measures replaced: all start in ``start``, run ``months``."""
    from tiltak.plan import make_plan

    plan = json.loads(make_plan(_profile({"abilities": (2.0, [0.3, 0.4, 0.2, 0.1, 0.0], 50)}),
                                top=3).to_json())
    template = plan["measures"][0]
    plan["measures"] = [dict(template, measure=m, prerequisites=[], start=start, months=months,
                             recurs=None) for m in measures]
    plan["phases"] = [{"phase": 1, "measures": measures}]
    plan["subject"]["id"] = subject
    plan["calendar"]["start"] = "2024-03"
    return plan


_LOW = (2.0, [0.3, 0.4, 0.2, 0.1, 0.0], 60)


@pytest.mark.parametrize(("after", "schedule", "status", "why", "run", "planned"), [
    ((4.3, [0.0, 0.0, 0.1, 0.5, 0.4], 60), {}, "propose_ending", "targets_reached", 12, 6),
    ((3.2, [0.0, 0.2, 0.4, 0.3, 0.1], 60), {}, "continue", "improving", 12, 6),
    (_LOW, {}, "review", "no_movement", 12, 6),
    (_LOW, {"months": 6}, "review", "no_movement", 6, 6),
    (_LOW, {"months": 5}, "continue", "too_early", 5, 6),
    (_LOW, {"start": "2024-09", "plan_months": 12}, "continue", "too_early", 6, 12),
    (_LOW, {"start": "2025-06"}, "continue", "not_started", 0, 6),
    (_LOW, {"duration_months": 24}, "continue", "too_early", 12, 24),
])
def test_measure_status(after: tuple[float, list[float], int], schedule: dict[str, Any],
                        status: str, why: str, run: int, planned: int,
                        catalogue: Catalogue) -> None:
    measure = catalogue.measures["teknologivalg-arena"]
    area = measure.areas[0]
    before = _profile({d: _LOW for d in measure.dimensions}, area=area)
    later = _profile({d: after for d in measure.dimensions}, area=area)
    plan = _plan_for(["teknologivalg-arena"], start=schedule.get("start", "2024-03"),
                     months=schedule.get("plan_months", 6))
    c = compare(before, later, plan=plan, months=schedule.get("months", 12),
                duration_months=schedule.get("duration_months"), catalogue=catalogue)
    (fm,) = c.measures
    assert (fm.status, fm.why, fm.months_run, fm.duration_months) == (status, why, run, planned)
    assert {(t.area, t.dimension) for t in fm.targets} == {(area, d) for d in measure.dimensions}
    if why == "improving":
        assert "cannot say whether the measure made the difference" in fm.text.en
        assert "kan ikke si om det var tiltaket" in fm.text.nb
    if why == "not_started":
        assert "2025-06" in fm.text.en and "2025-06" in fm.text.nb


def test_planned_duration_from_the_catalogue_when_the_plan_has_none(
        catalogue: Catalogue) -> None:
    before, after = _two()
    plan = _plan_for(["teknologivalg-arena"], months=0)
    del plan["calendar"]
    (fm,) = compare(before, after, plan=plan, catalogue=catalogue).measures
    assert fm.duration_months == catalogue.measures["teknologivalg-arena"].months
    assert fm.months_run == 12


def test_measure_targeting_unsurveyed_areas_is_not_assessed(catalogue: Catalogue) -> None:
    before, after = _two()
    plan = _plan_for(["prosesskart-kompetanseplaner"])
    (fm,) = compare(before, after, plan=plan, catalogue=catalogue).measures
    assert fm.status == "not_assessed"


def test_unknown_plan_measure_is_located(catalogue: Catalogue) -> None:
    before, after = _two()
    plan = _plan_for(["teknologivalg-arena", "finnes-ikke"])
    with pytest.raises(ComparisonError) as exc:
        compare(before, after, plan=plan, catalogue=catalogue)
    assert _problems(exc) == ["PLAN: measures[1].measure: measure 'finnes-ikke' is not in the "
                              "catalogue"]


def test_next_profile_carries_running_measures_so_suggest_does_not_repeat_them(
        years: tuple[SurveyImport, SurveyImport], default_engine: tiltak.Engine) -> None:
    from tiltak.plan import make_plan
    from tiltak.survey import profile_json

    plan = make_plan(years[0].profile, default_engine, top=8)
    c = compare(years[0], years[1], plan=plan, catalogue=default_engine.catalogue)
    plain = default_engine.suggest(years[1].profile)
    repeated = {r.measure for r in plain.recommendations} & set(plan.chosen())
    assert repeated, "without carrying forward, next year's suggestions repeat the plan"
    nxt = c.next_profile()
    again = load_profile(json.loads(profile_json(nxt)))  # a valid profile, round-tripped
    assert set(plan.chosen()) <= set(again.context.running_measures)
    assert again.competence == years[1].profile.competence
    carried = default_engine.suggest(again)
    assert not {r.measure for r in carried.recommendations} & set(plan.chosen())
    ended = plan.chosen()[0]
    assert ended not in c.next_profile(ended=[ended]).context.running_measures
    with pytest.raises(ComparisonError, match="is not running"):
        c.next_profile(ended=["finnes-ikke"])


def test_render_in_both_languages(years: tuple[SurveyImport, SurveyImport],
                                  catalogue: Catalogue) -> None:
    c = compare(years[0], years[1], plan=_plan_for(["teknologivalg-arena"], "bindal"),
                catalogue=catalogue)
    nb, en = c.render_text("nb"), c.render_text("en")
    assert "Hele organisasjonen" in nb and "ingen klar endring" in nb and "bedre" in nb
    assert "The whole organisation" in en and "no clear change" in en and "improved" in en
    assert "2,38 → 3,08" in nb and "2.38 → 3.08" in en
    assert "95 % konfidensintervall" in nb
    md = c.render_markdown("nb")
    assert md.startswith("# Sammenligning av to målinger: Bindal kommune")
    assert "| Digitalisering | evner | 2,38 | 3,08 | +0,70 |" in md
    assert "Tiltakene i fjorårets plan" in md
