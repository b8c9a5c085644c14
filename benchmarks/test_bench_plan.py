"""Plan selection at 200, 500 and 1,000 measures: one deterministic MILP against the old way.

Run with ``.venv/bin/python -m pytest benchmarks/test_bench_plan.py --benchmark-only``.
``milp`` is tiltak's selection (one HiGHS solve, tie-break folded into the objective, no
clock); ``baseline`` is the selection before issue #14 (``_plan_baseline.py``: HiGHS with a
10 s limit, a tie-break solve per 16 ranked measures, then the capped branch-and-bound).
Each round is one full selection; ``extra_info`` records whether the answer is proven best,
the solver that decided and the total score, so the tables show quality beside time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tiltak.plan._select import select

from . import _plan_baseline
from ._plan_workload import plan_items

SIZES = [200, 500, 1000]
ROOT = Path(__file__).resolve().parent.parent


def _value(chosen: frozenset[str], items: list[Any]) -> int:
    return sum(item.value for item in items if item.id in chosen)


@pytest.mark.parametrize("tight", [0.3, 0.1])
@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("name", ["milp", "baseline"])
def test_plan_selection(benchmark: Any, name: str, n: int, tight: float) -> None:
    benchmark.group = f"plan selection: {n} measures, limits at {tight:.0%} of the totals"
    items, budget, capacity = plan_items(n, seed=1, tight=tight)
    run = select if name == "milp" else _plan_baseline.select
    selection = benchmark.pedantic(run, args=(items, budget, capacity), rounds=1,
                                   iterations=1)
    benchmark.extra_info.update(exact=selection.exact, solver=selection.solver,
                                fallback=selection.fallback,
                                score=_value(selection.chosen, items) / 10_000)
    if name == "milp":
        assert selection.exact and selection.fallback is None


def _run(prefix: list[str]) -> str:
    proc = subprocess.run([*prefix, sys.executable, "-m", "benchmarks.plan_select", "1000", "1",
                           "0.1"], cwd=ROOT, capture_output=True, text=True, check=True,
                          timeout=600)
    return proc.stdout


def _cli(prefix: list[str]) -> str:
    proc = subprocess.run([*prefix, sys.executable, "-m", "tiltak", "plan",
                           str(ROOT / "examples" / "bindal-organisasjon.json"), "--format",
                           "json", "--start", "2027-01", "--capacity-per-year", "700"],
                          cwd=ROOT, capture_output=True, text=True, check=True, timeout=600)
    return proc.stdout


def test_same_plan_when_the_machine_is_slowed() -> None:
    """1,000 measures, and the bundled example's whole plan through the CLI: byte-identical
    answers in two runs and on one core shared with a busy loop (taskset), where the work
    takes several times as long."""
    first, plan = _run([]), _cli([])
    assert json.loads(first)["exact"] is True
    assert _run([]) == first
    if shutil.which("taskset") is None or not hasattr(os, "sched_getaffinity"):
        pytest.skip("taskset is not available")
    busy = subprocess.Popen(["taskset", "-c", "0", sys.executable, "-c", "while True: pass"])
    try:
        assert _run(["taskset", "-c", "0"]) == first
        assert _cli(["taskset", "-c", "0"]) == plan
    finally:
        busy.kill()
        busy.wait()
