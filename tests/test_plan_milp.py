"""Plan selection by one MILP (HiGHS): optimal, exact, ties by rank, no clock, fallbacks.

The optimum is checked against brute force (small instances) and against the
branch-and-bound (mid-sized ones); the tie-break against a brute-force best by
(value, rank weight); the fallbacks by making HiGHS stop at its work limit or fail.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from itertools import combinations
from types import SimpleNamespace
from typing import Any

import pytest
import scipy.optimize
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiltak.cli import main
from tiltak.plan import _select as _plan
from tiltak.plan import plan_from_result
from tiltak.plan._select import Item
from tiltak.profile import Context

from .test_plan import BINDAL
from .test_plan_props import make_catalogue, make_result


def generated(seed: int, n: int, tight: float = 0.3) -> tuple[list[Item], float, float]:
    """A seeded random instance: n measures (up to 2 prerequisites each), limits at ``tight``."""
    rng = random.Random(seed)
    items = []
    for i in range(n):
        picks = rng.sample(range(i), min(i, rng.randint(0, 2))) if i else []
        items.append(Item(id=f"m{i}", value=rng.randint(1, 100_000),
                          cost=rng.randint(1, 60) * 5000, hours=rng.randint(1, 80) * 10,
                          prereqs=tuple(sorted(f"m{j}" for j in picks))))
    budget = tight * sum(item.cost for item in items)
    capacity = tight * sum(item.hours for item in items)
    return items, budget, capacity


def feasible(chosen: frozenset[str] | set[str], items: list[Item], budget: float | None,
             capacity: float | None) -> bool:
    by_id = {item.id: item for item in items}
    closed = all(p in chosen for m in chosen for p in by_id[m].prereqs)
    cost = sum(by_id[m].cost for m in chosen)
    hours = sum(by_id[m].hours for m in chosen)
    return closed and (budget is None or cost <= budget) and \
        (capacity is None or hours <= capacity)


def value(chosen: frozenset[str] | set[str], items: list[Item]) -> int:
    return sum(item.value for item in items if item.id in chosen)


def rank_weight(chosen: frozenset[str] | set[str], items: list[Item]) -> int:
    """The tie-break: the best-ranked valued item weighs n, the next n-1, ..."""
    valued = [item.id for item in items if item.value > 0]
    return sum(len(valued) - k for k, m in enumerate(valued) if m in chosen)


def brute_force(items: list[Item], budget: float | None, capacity: float | None
                ) -> frozenset[str]:
    """Best value, then best rank weight (first such set); unneeded value-0 items dropped."""
    best: tuple[int, int] | None = None
    best_set: frozenset[str] = frozenset()
    for k in range(len(items) + 1):
        for subset in combinations(range(len(items)), k):
            chosen = {items[i].id for i in subset}
            if not feasible(chosen, items, budget, capacity):
                continue
            key = (value(chosen, items), rank_weight(chosen, items))
            if best is None or key > best:
                best, best_set = key, frozenset(chosen)
    # keep the valued items and what they need, transitively
    by_id = {item.id: item for item in items}
    keep = {m for m in best_set if by_id[m].value > 0}
    stack = list(keep)
    while stack:
        for pre in by_id[stack.pop()].prereqs:
            if pre not in keep:
                keep.add(pre)
                stack.append(pre)
    return frozenset(keep)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_eighty_tight_measures_are_solved_exactly(seed: int) -> None:
    items, budget, capacity = generated(seed, 80)
    selection = _plan.select(items, budget, capacity)
    assert selection.solver == "milp"
    assert selection.fallback is None
    assert selection.exact
    assert feasible(selection.chosen, items, budget, capacity)
    # the limits bind, and no left-out measure could simply be added with what it needs
    assert len(selection.chosen) < len(items)
    by_id = {item.id: item for item in items}
    for item in items:
        if item.id not in selection.chosen:
            grown = set(selection.chosen) | set(_plan.needed_for(item.id, selection.chosen,
                                                                 by_id))
            assert not feasible(grown, items, budget, capacity)
    assert selection == _plan.select(items, budget, capacity)  # deterministic


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(10))
def test_eighty_tight_measures_beat_the_capped_branch_and_bound(seed: int) -> None:
    items, budget, capacity = generated(seed, 80)
    selection = _plan.select(items, budget, capacity)
    bnb, _ = _plan.branch_and_bound(items, budget, capacity)  # hits its node cap (seconds)
    assert selection.exact
    assert value(bnb, items) <= value(selection.chosen, items)


@pytest.mark.parametrize(("seed", "tight"), [(3, 0.3), (4, 0.2), (5, 0.5), (6, 0.1)])
def test_milp_matches_brute_force_and_branch_and_bound(seed: int, tight: float) -> None:
    items, budget, capacity = generated(seed, 13, tight)
    selection = _plan.select(items, budget, capacity)
    bnb, bnb_exact = _plan.branch_and_bound(items, budget, capacity)
    assert selection.exact and bnb_exact
    assert value(selection.chosen, items) == value(bnb, items)
    expected = brute_force(items, budget, capacity)
    assert (value(selection.chosen, items), rank_weight(selection.chosen, items)) == \
        (value(expected, items), rank_weight(expected, items))


@st.composite
def small_instances(draw: st.DrawFn) -> tuple[list[Item], float | None, float | None]:
    n = draw(st.integers(1, 8))
    items = []
    for i in range(n):
        pres = sorted(draw(st.sets(st.integers(0, i - 1), max_size=2))) if i else []
        items.append(Item(id=f"m{i}", value=draw(st.sampled_from([0, 10_000, 20_000, 30_000])),
                          cost=draw(st.integers(0, 4)) * 1000, hours=draw(st.integers(0, 4)),
                          prereqs=tuple(f"m{j}" for j in pres)))
    budget = draw(st.none() | st.integers(0, 10).map(lambda k: k * 1000.0))
    capacity = draw(st.none() | st.integers(0, 10).map(float))
    return items, budget, capacity


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_instances())
def test_ties_go_to_the_best_in_rank_order(
        case: tuple[list[Item], float | None, float | None]) -> None:
    # few distinct values and small weights: many optimal sets tie
    items, budget, capacity = case
    selection = _plan.select(items, budget, capacity)
    assert selection.exact
    expected = brute_force(items, budget, capacity)
    assert value(selection.chosen, items) == value(expected, items)
    assert rank_weight(selection.chosen, items) == rank_weight(expected, items)
    assert feasible(selection.chosen, items, budget, capacity)


def test_a_better_ranked_measure_wins_a_tie() -> None:
    # m0 and m1 score the same and only one fits: the better-ranked m0 is chosen
    items = [Item("m0", 10_000, 5, 0, ()), Item("m1", 10_000, 5, 0, ()),
             Item("m2", 20_000, 5, 0, ())]
    assert _plan.select(items, 10, None).chosen == {"m0", "m2"}
    assert _plan.select(items[1:] + items[:1], 10, None).chosen == {"m1", "m2"}


def _status(code: int) -> Any:
    def fake(*args: Any, **kwargs: Any) -> Any:
        return SimpleNamespace(status=code, x=None)
    return fake


def _raises(*args: Any, **kwargs: Any) -> Any:
    raise ValueError("HiGHS broke")


@pytest.mark.parametrize("fake", [_status(4), _raises])
def test_solver_failure_falls_back_to_branch_and_bound(
        monkeypatch: pytest.MonkeyPatch, fake: Any) -> None:
    items, budget, capacity = generated(7, 10)
    expected = brute_force(items, budget, capacity)
    monkeypatch.setattr(scipy.optimize, "milp", fake)
    selection = _plan.select(items, budget, capacity)
    assert (selection.solver, selection.fallback, selection.exact) == \
        ("branch-and-bound", "failed", True)
    assert value(selection.chosen, items) == value(expected, items)
    catalogue = make_catalogue([
        {"prereqs": [], "sectors": [], "body": False, "cost": 1000, "hours": 0},
        {"prereqs": [0], "sectors": [], "body": False, "cost": 2000, "hours": 0},
        {"prereqs": [], "sectors": [], "body": False, "cost": 2000, "hours": 0},
    ])
    plan = plan_from_result(make_result(catalogue, {"m1": 2.0, "m2": 1.0}), catalogue,
                            Context(budget_nok=3000))
    assert plan.chosen() == ["m0", "m1"]
    assert plan.exact
    assert plan.method["selection"].startswith("branch-and-bound fallback")
    assert any("gave no valid answer" in w.en and "ga ikke et gyldig svar" in w.nb
               for w in plan.warnings)


def test_work_limit_keeps_the_best_found_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # HiGHS stopped by its node limit (status 1) with an answer: kept, not proven, said
    seen: dict[str, Any] = {}

    def stopped(c: Any, **kwargs: Any) -> Any:
        seen.update(kwargs["options"])
        return SimpleNamespace(status=1, x=[0.0] * len(c))

    monkeypatch.setattr(scipy.optimize, "milp", stopped)
    items, budget, capacity = generated(8, 10)
    selection = _plan.select(items, budget, capacity)
    assert (selection.solver, selection.fallback, selection.exact) == \
        ("milp", "work-limit", False)
    assert "time_limit" not in seen and seen["node_limit"] == _plan.NODE_LIMIT_MILP
    catalogue = make_catalogue([
        {"prereqs": [], "sectors": [], "body": False, "cost": 1000, "hours": 0},
        {"prereqs": [], "sectors": [], "body": False, "cost": 2000, "hours": 0},
    ])
    plan = plan_from_result(make_result(catalogue, {"m0": 2.0, "m1": 1.0}), catalogue,
                            Context(budget_nok=2000))
    assert not plan.exact
    assert any("fixed amount of work" in w.en and "fast arbeidsmengde" in w.nb
               for w in plan.warnings)


def test_an_answer_breaking_a_limit_is_not_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    def everything(c: Any, **kwargs: Any) -> Any:
        return SimpleNamespace(status=0, x=[1.0] * len(c))

    monkeypatch.setattr(scipy.optimize, "milp", everything)
    items, budget, capacity = generated(9, 10)
    selection = _plan.select(items, budget, capacity)
    assert selection.solver == "branch-and-bound"
    assert feasible(selection.chosen, items, budget, capacity)


def test_everything_fits_needs_no_solver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scipy.optimize, "milp", _raises)
    items, _, _ = generated(9, 12)
    selection = _plan.select(items, None, 10.0 ** 12)
    assert selection.solver == "milp" and selection.exact
    assert selection.chosen == {item.id for item in items}


def test_cli_plan_says_how_it_was_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(BINDAL), "--format", "json", "--budget", "150000"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exact"] is True
    assert data["method"]["selection"].startswith("one 0/1 MILP solved by HiGHS")
    assert not any("HiGHS" in w["en"] for w in data["warnings"])


def test_subprocess_plan_is_exact_and_suggest_does_not_load_scipy() -> None:
    proc = subprocess.run([sys.executable, "-m", "tiltak", "plan", str(BINDAL), "--format",
                           "json", "--budget", "150000", "--capacity", "900"],
                          capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["exact"] is True and "HiGHS" in data["method"]["selection"]
    assert data["totals"]["cost_nok"] <= 150000 and data["totals"]["effort_hours"] <= 900
    code = ("import sys; from tiltak.cli import main; import tiltak.plan; "
            f"main(['suggest', {str(BINDAL)!r}]); print('scipy' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("False")
