"""Baseline for the plan benchmark: the selection as it was before issue #14 (copied, frozen).

HiGHS with a 10 s wall-clock limit, then one tie-break solve per 16 ranked measures, then the
capped branch-and-bound when time ran out. Not used by tiltak.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from tiltak.plan._select import Item

SCALE = 10_000
"""Scores are compared in integer units of 1/SCALE so selection is exact."""

NODE_LIMIT = 500_000
"""Branch-and-bound gives up proving optimality after this many nodes (keeps the best found)."""

TIME_LIMIT = 10.0
"""Seconds HiGHS may spend on one selection before the branch-and-bound takes over."""

LEX_BLOCK = 16
"""Tie-break: measures ranked in one solve with weights 2**15 .. 1 (exact in floating point)."""

Solver = Literal["milp", "branch-and-bound"]
Fallback = Literal["timeout", "failed"]


def topological(items: Sequence[Item]) -> list[Item]:
    """Items in an order where prerequisites come first; ties keep the given order."""
    position = {item.id: i for i, item in enumerate(items)}
    graph = nx.DiGraph()
    graph.add_nodes_from(position)
    for item in items:
        for pre in item.prereqs:
            graph.add_edge(pre, item.id)
    by_id = {item.id: item for item in items}
    return [by_id[n] for n in nx.lexicographical_topological_sort(graph, key=position.__getitem__)]


def _fits(total: int, limit: float | None) -> bool:
    return limit is None or total <= limit


@dataclass(frozen=True, slots=True)
class Selection:
    """The chosen ids, whether they are proven best, which solver chose them and why not MILP."""

    chosen: frozenset[str]
    exact: bool
    solver: Solver
    fallback: Fallback | None = None


class _MilpGaveUp(Exception):
    """HiGHS stopped without a usable optimum (``reason`` is timeout or failed)."""

    def __init__(self, reason: Fallback) -> None:
        super().__init__(reason)
        self.reason: Fallback = reason


def select(items: Sequence[Item], budget: float | None, capacity: float | None, *,
           time_limit: float = TIME_LIMIT) -> Selection:
    """The best-valued prerequisite-closed set of items within budget and capacity.

    Solved as a 0/1 MILP with HiGHS (``scipy.optimize.milp``); among equally
    valued sets the one best in the items' order wins (see :func:`milp_select`).
    If HiGHS fails or needs more than ``time_limit`` seconds,
    :func:`branch_and_bound` decides instead and ``fallback`` says why.
    """
    try:
        chosen = milp_select(items, budget, capacity, time_limit=time_limit)
    except _MilpGaveUp as gave_up:
        chosen, exact = branch_and_bound(items, budget, capacity)
        return Selection(chosen, exact, "branch-and-bound", gave_up.reason)
    return Selection(chosen, True, "milp")


def milp_select(items: Sequence[Item], budget: float | None, capacity: float | None, *,
                time_limit: float = TIME_LIMIT) -> frozenset[str]:
    """The optimal selection by MILP, ties broken lexicographically in the items' order.

    Maximise total value subject to total cost <= budget, total hours <=
    capacity and x[m] <= x[p] for each prerequisite p of m (x binary; a limit
    that is None is absent). Values are integers (score units), so the optimum
    is exact; every answer is re-checked in integer arithmetic. Then, with the
    value held at the optimum, the valued items are decided in order, LEX_BLOCK
    at a time (weights 2**15 .. 1 make each block's best choice unique): an
    item is in if some optimal set that keeps the earlier decisions has it.
    Value-0 items that no chosen item needs are dropped, so the result
    depends only on the problem, never on the solver's path. Raises
    _MilpGaveUp when HiGHS does not prove optimality within ``time_limit``.
    """
    n = len(items)
    index = {item.id: i for i, item in enumerate(items)}
    pres = [tuple(index[p] for p in item.prereqs if p in index) for item in items]
    costs = [item.cost for item in items]
    hours = [item.hours for item in items]
    if _fits(sum(costs), budget) and _fits(sum(hours), capacity):
        return _prune(items, set(range(n)), pres)
    import numpy as np
    from scipy.optimize import (  # type: ignore[import-untyped,unused-ignore]
        Bounds,
        LinearConstraint,
        milp,
    )

    divisor = math.gcd(*(item.value for item in items)) or 1
    values = [item.value // divisor for item in items]
    edges = [(i, p) for i in range(n) for p in pres[i]]
    rows: list[list[int]] = []
    upper: list[float] = []
    if budget is not None:
        rows.append(costs)
        upper.append(float(math.floor(budget)))
    if capacity is not None:
        rows.append(hours)
        upper.append(float(math.floor(capacity)))
    for i, p in edges:
        row = [0] * n
        row[i], row[p] = 1, -1
        rows.append(row)
        upper.append(0.0)
    deadline = time.monotonic() + time_limit

    def solve(objective: Sequence[int], lower: Sequence[int], high: Sequence[int],
              at_least: int | None) -> list[int]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _MilpGaveUp("timeout")
        constraints: list[Any] = []
        if rows:
            constraints.append(LinearConstraint(np.array(rows, dtype=float), -np.inf,
                                                np.array(upper)))
        if at_least is not None:
            constraints.append(LinearConstraint(np.array([values], dtype=float), at_least - 0.5,
                                                np.inf))
        try:
            res = milp(-np.array(objective, dtype=float), integrality=np.ones(n),
                       bounds=Bounds(np.array(lower, dtype=float), np.array(high, dtype=float)),
                       constraints=constraints,
                       options={"time_limit": remaining, "mip_rel_gap": 0.0, "disp": False})
        except (ValueError, RuntimeError, MemoryError) as exc:
            raise _MilpGaveUp("failed") from exc
        if res.status == 1:
            raise _MilpGaveUp("timeout")
        if res.status != 0 or res.x is None:
            raise _MilpGaveUp("failed")
        x = [round(float(v)) for v in res.x]
        if any(abs(v - r) > 1e-4 for v, r in zip(res.x, x, strict=True)) or not \
                _feasible(x, costs, hours, edges, budget, capacity):
            raise _MilpGaveUp("failed")
        return x

    lower, high = [0] * n, [1] * n
    x = solve(values, lower, high, None)
    best = sum(v for v, xi in zip(values, x, strict=True) if xi)
    valued = [i for i in range(n) if values[i] > 0]
    for start in range(0, len(valued), LEX_BLOCK):
        block = valued[start:start + LEX_BLOCK]
        if not all(x[i] for i in block):  # all in is the best possible; no need to ask
            weights = [0] * n
            for k, i in enumerate(block):
                weights[i] = 1 << (len(block) - 1 - k)
            x = solve(weights, lower, high, best)
            if sum(v for v, xi in zip(values, x, strict=True) if xi) != best:
                raise _MilpGaveUp("failed")
        for i in block:
            lower[i] = high[i] = x[i]
    return _prune(items, {i for i in range(n) if x[i]}, pres)


def _feasible(x: Sequence[int], costs: Sequence[int], hours: Sequence[int],
              edges: Sequence[tuple[int, int]], budget: float | None,
              capacity: float | None) -> bool:
    """Whether the 0/1 vector ``x`` keeps both limits and every prerequisite (exact integers)."""
    if any(v not in (0, 1) for v in x):
        return False
    if not _fits(sum(c for c, xi in zip(costs, x, strict=True) if xi), budget):
        return False
    if not _fits(sum(h for h, xi in zip(hours, x, strict=True) if xi), capacity):
        return False
    return all(x[p] >= x[i] for i, p in edges)


def branch_and_bound(items: Sequence[Item], budget: float | None,
                     capacity: float | None) -> tuple[frozenset[str], bool]:
    """The best-valued prerequisite-closed set of items within budget and capacity.

    The fallback when HiGHS cannot decide. Exact branch-and-bound. Items are
    branched on in order of value density (value per share of the limits);
    taking an item takes its missing prerequisites with it, leaving it out
    leaves out everything that needs it.
    The bound is the smaller of the two fractional-knapsack relaxations. The
    first best set found wins (strict improvement only), so the answer is
    deterministic. Items of value 0 that no chosen item needs are dropped.
    Returns (chosen ids, proven optimal).
    """
    order = topological(items)
    n = len(order)
    index = {item.id: i for i, item in enumerate(order)}
    pres = [tuple(index[p] for p in item.prereqs if p in index) for item in order]
    values = [item.value for item in order]
    costs = [item.cost for item in order]
    hours = [item.hours for item in order]
    if _fits(sum(costs), budget) and _fits(sum(hours), capacity):
        return _prune(order, set(range(n)), pres), True
    anc: list[set[int]] = [set() for _ in range(n)]
    for i in range(n):  # topological: prerequisites' ancestors are known already
        for p in pres[i]:
            anc[i] |= anc[p] | {p}
    desc: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        for a in anc[i]:
            desc[a].append(i)
    scale_b = budget if budget else max(1, sum(costs))
    scale_h = capacity if capacity else max(1, sum(hours))

    def density(i: int) -> float:
        weight = (costs[i] + sum(costs[a] for a in anc[i])) / scale_b + \
            (hours[i] + sum(hours[a] for a in anc[i])) / scale_h
        return values[i] / weight if weight else math.inf

    branch = sorted(range(n), key=lambda i: (-density(i), i))

    def by_ratio(weights: list[int]) -> list[int]:
        return sorted(range(n), key=lambda i: (-(values[i] / weights[i]) if weights[i] else
                                               -math.inf, i))

    cost_order, hour_order = by_ratio(costs), by_ratio(hours)
    state = [0] * n  # 0 undecided, 1 in, -1 out
    best_value = -1
    best: set[int] = set()
    nodes = 0
    exact = True

    def fractional(ratio_order: list[int], weights: list[int], room: float | None) -> float:
        total = 0.0
        for i in ratio_order:
            if state[i] != 0 or values[i] == 0:
                continue
            if room is None or weights[i] <= room:
                total += values[i]
                if room is not None:
                    room -= weights[i]
            else:
                total += values[i] * room / weights[i]
                break
        return total

    def search(pos: int, value: int, cost: int, hour: int) -> None:
        nonlocal best_value, best, nodes, exact
        nodes += 1
        if nodes > NODE_LIMIT:
            exact = False
            return
        if value > best_value:
            best_value = value
            best = {i for i in range(n) if state[i] == 1}
        while pos < n and state[branch[pos]] != 0:
            pos += 1
        if pos == n:
            return
        room_b = None if budget is None else budget - cost
        room_h = None if capacity is None else capacity - hour
        bound = min(fractional(cost_order, costs, room_b), fractional(hour_order, hours, room_h))
        if value + bound <= best_value:
            return
        item = branch[pos]
        take = [a for a in sorted(anc[item]) if state[a] == 0] + [item]
        if all(state[a] != -1 for a in anc[item]):
            more_c = sum(costs[t] for t in take)
            more_h = sum(hours[t] for t in take)
            if _fits(cost + more_c, budget) and _fits(hour + more_h, capacity):
                for t in take:
                    state[t] = 1
                search(pos + 1, value + sum(values[t] for t in take), cost + more_c,
                       hour + more_h)
                for t in take:
                    state[t] = 0
        drop = [item] + [d for d in desc[item] if state[d] == 0]
        for d in drop:
            state[d] = -1
        search(pos + 1, value, cost, hour)
        for d in drop:
            state[d] = 0

    search(0, 0, 0, 0)
    return _prune(order, best, pres), exact


def _prune(order: Sequence[Item], chosen: set[int], pres: list[tuple[int, ...]]) -> frozenset[str]:
    """Drop value-0 items (pulled-in prerequisites) that no chosen item needs."""
    keep = set(chosen)
    changed = True
    while changed:
        changed = False
        needed = {p for i in keep for p in pres[i]}
        for i in sorted(keep):
            if order[i].value == 0 and i not in needed:
                keep.discard(i)
                changed = True
    return frozenset(order[i].id for i in keep)
