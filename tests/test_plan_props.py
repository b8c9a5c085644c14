"""Invariants of plans over generated catalogues, scores and limits (hypothesis).

Phases respect every prerequisite, the chosen set is prerequisite-closed and
within both limits and is as good as the best set found by brute force, no
multi-sector measure has a single owner, and every relaxation, applied, makes
its measure fit (and no smaller relaxation would).
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiltak.catalogue import Area, Catalogue, Measure, Sector
from tiltak.plan import Plan, plan_from_result
from tiltak.profile import Context
from tiltak.result import Recommendation, Result, SubjectRef

SECTORS = ("s1", "s2", "s3", "s4")
BODY = "forum"


def make_catalogue(specs: list[dict[str, Any]]) -> Catalogue:
    """A catalogue of measures m0..mN from specs (prereqs, sectors, cost, hours)."""
    sectors = [Sector.model_validate({"id": s, "name": {"nb": s, "en": s}}) for s in SECTORS]
    sectors.append(Sector.model_validate({"id": BODY, "name": {"nb": "Forum", "en": "Forum"},
                                          "cross_sector": True}))
    measures = []
    for i, spec in enumerate(specs):
        measures.append(Measure.model_validate({
            "id": f"m{i}", "title": {"nb": f"Tiltak {i}", "en": f"Measure {i}"},
            "description": {"nb": "-", "en": "-"},
            "sources": [{"document": "bindal-2024", "section": "6"}],
            "areas": ["a"], "dimensions": ["skills"], "strategy": "develop",
            "format": "forum", "level": "organisation", "cost": "low",
            "cost_nok": spec["cost"], "effort_hours": spec["hours"],
            "prerequisites": [f"m{j}" for j in spec["prereqs"]],
            "sectors": list(spec["sectors"]), "owners": [BODY] if spec["body"] else [],
        }))
    area = Area.model_validate({"id": "a", "name": {"nb": "A", "en": "A"},
                                "targets": {"skills": 3.5}})
    return Catalogue.from_parts(areas=[area], sectors=sectors, measures=measures)


def make_result(catalogue: Catalogue, scores: dict[str, float]) -> Result:
    """A result recommending the measures in ``scores``, ranked by score then id."""
    ordered = sorted(scores, key=lambda m: (-scores[m], m))
    recs = []
    for rank, measure_id in enumerate(ordered, start=1):
        m = catalogue.measures[measure_id]
        recs.append(Recommendation(
            measure=measure_id, rank=rank, score=scores[measure_id], title=m.title,
            strategy=m.strategy, format=m.format, level=m.level, areas=list(m.areas),
            dimensions=list(m.dimensions), sources=list(m.sources), reasons=[]))
    return Result(subject=SubjectRef(kind="organisation", id="test"), recommendations=recs,
                  suppressed=[], needs=[])


@st.composite
def instances(draw: st.DrawFn) -> tuple[Catalogue, Result, float | None, float | None]:
    n = draw(st.integers(min_value=1, max_value=8))
    specs = []
    for i in range(n):
        specs.append({
            "prereqs": sorted(draw(st.sets(st.integers(0, i - 1), max_size=2))) if i else [],
            "sectors": draw(st.lists(st.sampled_from(SECTORS), unique=True, max_size=4)),
            "body": draw(st.booleans()),
            "cost": draw(st.integers(0, 20)) * 5000,
            "hours": draw(st.integers(0, 30)) * 10,
        })
    catalogue = make_catalogue(specs)
    suggested = draw(st.sets(st.sampled_from([f"m{i}" for i in range(n)]), min_size=1))
    scores = {m: draw(st.integers(1, 100)) / 10 for m in sorted(suggested)}
    budget = draw(st.none() | st.integers(0, 150).map(lambda k: k * 1000.0))
    capacity = draw(st.none() | st.integers(0, 100).map(lambda k: k * 10.0))
    return catalogue, make_result(catalogue, scores), budget, capacity


def closure_ok(chosen: set[str], catalogue: Catalogue) -> bool:
    return all(p in chosen for m in chosen for p in catalogue.measures[m].prerequisites)


def brute_force_best(plan: Plan, catalogue: Catalogue, budget: float | None,
                     capacity: float | None) -> float:
    """The best total score of any prerequisite-closed subset of the planned measures."""
    pool = [pm.measure for pm in plan.measures] + [pm.measure for pm in plan.left_out]
    pool += [n for r in plan.relaxations for n in r.needs]
    pool = sorted(set(pool))
    scores = {pm.measure: pm.score for pm in [*plan.measures, *plan.left_out]}
    best = 0.0
    for k in range(len(pool) + 1):
        for subset in combinations(pool, k):
            chosen = set(subset)
            if not closure_ok(chosen, catalogue):
                continue
            cost = sum(catalogue.measures[m].cost_nok or 0 for m in chosen)
            hours = sum(catalogue.measures[m].effort_hours or 0 for m in chosen)
            if budget is not None and cost > budget:
                continue
            if capacity is not None and hours > capacity:
                continue
            best = max(best, sum(scores.get(m, 0.0) for m in chosen))
    return best


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_plan_invariants(case: tuple[Catalogue, Result, float | None, float | None]) -> None:
    catalogue, result, budget, capacity = case
    plan = plan_from_result(result, catalogue, Context(budget_nok=budget,
                                                       capacity_hours=capacity))
    chosen = set(plan.chosen())
    phase = {pm.measure: pm.phase for pm in plan.measures}
    assert closure_ok(chosen, catalogue)
    for pm in plan.measures:
        assert pm.phase is not None
        for pre in catalogue.measures[pm.measure].prerequisites:
            assert phase[pre] is not None and phase[pre] < pm.phase, (pre, pm.measure)
    # limits are never exceeded
    assert plan.totals.cost_nok == sum(catalogue.measures[m].cost_nok or 0 for m in chosen)
    if budget is not None:
        assert plan.totals.cost_nok <= budget
    if capacity is not None:
        assert plan.totals.effort_hours <= capacity
    # optimal: no prerequisite-closed subset within the limits scores more
    assert plan.exact
    assert plan.totals.score >= brute_force_best(plan, catalogue, budget, capacity) - 1e-6
    # ownership: measures involving >= 2 sectors have >= 2 co-owners, none above half
    for pm in plan.measures:
        involved = set(catalogue.measures[pm.measure].sectors)
        if len(involved) >= 2:
            assert len(pm.owners) >= 2 and not pm.single_owner
            assert max(o.share for o in pm.owners) <= 0.5 + 1e-9
            assert pm.concentration is not None and pm.concentration <= 0.5 + 1e-9
        if pm.owners:
            assert abs(sum(o.share for o in pm.owners) - 1) < 1e-3
            assert {o.sector for o in pm.owners} <= involved
    # relaxations: applied, the measure and its missing prerequisites fit beside the plan
    left = {pm.measure for pm in plan.left_out}
    assert left == {r.measure for r in plan.relaxations}
    assert left.isdisjoint(chosen)
    for relax in plan.relaxations:
        assert relax.measure in relax.needs
        extra = set(relax.needs)
        assert closure_ok(chosen | extra, catalogue)
        cost = plan.totals.cost_nok + sum(catalogue.measures[m].cost_nok or 0 for m in extra)
        hours = plan.totals.effort_hours + sum(catalogue.measures[m].effort_hours or 0
                                               for m in extra)
        if budget is None:
            assert relax.budget_nok is None
        else:
            assert relax.budget_nok is not None
            assert cost <= budget + relax.budget_nok
            assert relax.budget_nok == 0 or cost > budget + relax.budget_nok - 0.5
        if capacity is None:
            assert relax.capacity_hours is None
        else:
            assert relax.capacity_hours is not None
            assert hours <= capacity + relax.capacity_hours
            assert relax.capacity_hours == 0 or hours > capacity + relax.capacity_hours - 0.5


@settings(max_examples=40, deadline=None)
@given(instances())
def test_plan_is_deterministic(case: tuple[Catalogue, Result, float | None, float | None]
                               ) -> None:
    catalogue, result, budget, capacity = case
    context = Context(budget_nok=budget, capacity_hours=capacity)
    first = plan_from_result(result, catalogue, context).to_json()
    assert plan_from_result(result, catalogue, context).to_json() == first
