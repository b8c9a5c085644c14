"""The planner's machinery: prerequisite closure, selection under two limits, phases.

Everything here is a pure function of its arguments (no module state), so
plans are deterministic and can be made from many threads at once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from tiltak._i18n import add_messages
from tiltak.catalogue import Catalogue
from tiltak.errors import PlanError

add_messages({
    "plan-cycle": (
        "tiltakene er forutsetninger for hverandre i ring: {cycle}; bryt ringen i katalogen "
        "(prerequisites)",
        "the measures are prerequisites of each other in a cycle: {cycle}; break the cycle in "
        "the catalogue (prerequisites)",
    ),
    "plan-unknown-measure": (
        "tiltaket «{measure}» finnes ikke i katalogen",
        "measure '{measure}' is not in the catalogue",
    ),
    "plan-no-estimate": (
        "tiltaket «{measure}» mangler kostnad eller innsats i katalogen; regnet som 0",
        "measure '{measure}' has no cost or effort estimate in the catalogue; counted as 0",
    ),
    "plan-not-proven": (
        "søket etter beste utvalg ble avbrutt; utvalget er godt, men ikke bevist best",
        "the search for the best selection was cut short; the selection is good but not "
        "proven best",
    ),
    "plan-work-limit": (
        "søket etter beste utvalg stoppet etter en fast arbeidsmengde; utvalget "
        "holder grensene, men er ikke bevist best",
        "the search for the best selection stopped after a fixed amount of work"
        "; the selection keeps the limits but is not proven best",
    ),
    "plan-milp-failed": (
        "den vanlige beregningen av det beste utvalget ga ikke et gyldig svar; utvalget er "
        "funnet med et enklere søk i stedet (vedlegget om metode sier hvordan)",
        "the usual calculation of the best selection gave no valid answer; the selection was "
        "found by a simpler search instead (the method appendix says how)",
    ),
    "plan-all-left-out": ("alle utelatte tiltak", "all left-out measures"),
    "plan-bad-limit": (
        "{name} må være et tall på 0 eller mer, fant {value}",
        "{name} must be a number of 0 or more, found {value}",
    ),
})

SCALE = 10_000
"""Scores are compared in integer units of 1/SCALE so selection is exact."""

NODE_LIMIT = 500_000
"""Branch-and-bound gives up proving optimality after this many nodes (keeps the best found)."""

NODE_LIMIT_MILP = 1_000_000
"""HiGHS stops after this many branch-and-bound nodes (a work limit, not a clock)."""

EXACT_LIMIT = 2**50
"""Objectives below this are exact integers in floating point, with room for HiGHS' sums."""

Solver = Literal["milp", "branch-and-bound"]
Fallback = Literal["work-limit", "failed"]


@dataclass(frozen=True, slots=True)
class Item:
    """A measure the selection may take: its value (score units), cost, hours and prerequisites."""

    id: str
    value: int
    cost: int
    hours: int
    prereqs: tuple[str, ...]


def closure(wanted: Sequence[str], catalogue: Catalogue,
            satisfied: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """The wanted measures plus every prerequisite they need, transitively.

    Prerequisites in ``satisfied`` (already running) are in place and are not
    added. Returns (all ids: wanted first, then added ones in discovery order; added).
    """
    done = set(satisfied)
    seen: set[str] = set()
    order: list[str] = []
    added: list[str] = []
    for measure_id in wanted:
        if measure_id not in catalogue.measures:
            raise PlanError("plan-unknown-measure", measure=measure_id)
        seen.add(measure_id)
        order.append(measure_id)
    stack = list(wanted)
    while stack:
        current = stack.pop(0)
        for pre in catalogue.measures[current].prerequisites:
            if pre in seen or pre in done:
                continue
            seen.add(pre)
            order.append(pre)
            added.append(pre)
            stack.append(pre)
    check_acyclic(catalogue, set(order))
    return order, added


def check_acyclic(catalogue: Catalogue, measures: set[str]) -> None:
    """Raise PlanError naming a prerequisite cycle among ``measures``, if there is one."""
    graph = nx.DiGraph()
    for measure_id in sorted(measures):
        graph.add_node(measure_id)
        for pre in catalogue.measures[measure_id].prerequisites:
            if pre in measures:
                graph.add_edge(pre, measure_id)
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    cycle = [u for u, _ in edges]
    start = cycle.index(min(cycle))
    cycle = cycle[start:] + cycle[:start]
    raise PlanError("plan-cycle", cycle=" -> ".join([*cycle, cycle[0]]))


def topological(items: Sequence[Item]) -> list[Item]:
    """Items in an order where prerequisites come first; ties keep the given order."""
    position = {item.id: i for i, item in enumerate(items)}
    graph = nx.DiGraph()
    graph.add_nodes_from(position)
    for item in items:
        for pre in item.prereqs:
            if pre in position:
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
    """HiGHS gave no usable answer (``reason`` is failed)."""

    def __init__(self, reason: Fallback) -> None:
        super().__init__(reason)
        self.reason: Fallback = reason


@dataclass(frozen=True, slots=True)
class Program:
    """A 0/1 programme: maximise objective.x subject to rows (sparse) <= upper, x binary."""

    objective: Sequence[int]
    rows: Sequence[Mapping[int, int]]
    upper: Sequence[int]


def solve01(program: Program, node_limit: int = NODE_LIMIT_MILP) -> tuple[list[int], bool]:
    """Solve a 0/1 programme with HiGHS; returns (x, proven optimal).

    No wall-clock limit: HiGHS stops only at ``node_limit`` branch-and-bound
    nodes (a work limit, the same on any machine), and then its best answer
    so far is returned with ``proven`` false. The answer is re-checked in
    integer arithmetic. Raises _MilpGaveUp when HiGHS fails or the answer
    does not check out.
    """
    import numpy as np
    from scipy.optimize import (  # type: ignore[import-untyped,unused-ignore]
        Bounds,
        LinearConstraint,
        milp,
    )
    from scipy.sparse import coo_matrix  # type: ignore[import-untyped,unused-ignore]

    n = len(program.objective)
    constraints: list[Any] = []
    if program.rows:
        r: list[int] = []
        c: list[int] = []
        d: list[int] = []
        for k, row in enumerate(program.rows):
            for i, coef in sorted(row.items()):
                r.append(k)
                c.append(i)
                d.append(coef)
        matrix = coo_matrix((np.array(d, dtype=float), (r, c)),
                            shape=(len(program.rows), n)).tocsr()
        constraints.append(LinearConstraint(matrix, -np.inf,
                                            np.array(program.upper, dtype=float)))
    try:
        res = milp(-np.array(program.objective, dtype=float), integrality=np.ones(n),
                   bounds=Bounds(np.zeros(n), np.ones(n)), constraints=constraints,
                   options={"node_limit": node_limit, "mip_rel_gap": 0.0, "disp": False})
    except (ValueError, RuntimeError, MemoryError) as exc:
        raise _MilpGaveUp("failed") from exc
    if res.x is None or res.status not in (0, 1):
        raise _MilpGaveUp("failed")
    x = [round(float(v)) for v in res.x]
    if any(abs(v - xi) > 1e-4 or xi not in (0, 1) for v, xi in zip(res.x, x, strict=True)):
        raise _MilpGaveUp("failed")
    for row, upper in zip(program.rows, program.upper, strict=True):
        if sum(coef * x[i] for i, coef in row.items()) > upper:
            raise _MilpGaveUp("failed")
    return x, res.status == 0


def lexmax(levels: Sequence[Sequence[int]], rows: list[dict[int, int]], upper: list[int],
           node_limit: int = NODE_LIMIT_MILP) -> tuple[list[int], bool]:
    """Maximise ``levels[0]``, then ``levels[1]`` among its optima, ... (all non-negative).

    Folded into one objective (level k times the room the later levels need)
    when that stays an exact integer in floating point; otherwise solved one
    level after the other, each holding the earlier ones at their optimum.
    """
    folded = [0] * len(levels[0])
    room = 1
    for level in reversed(levels):
        folded = [f + room * v for f, v in zip(folded, level, strict=True)]
        room *= sum(level) + 1
    if room < EXACT_LIMIT:
        return solve01(Program(folded, rows, upper), node_limit)
    rows, upper = list(rows), list(upper)
    proven_all = True
    x: list[int] = []
    for level in levels:
        x, proven = solve01(Program(level, rows, upper), node_limit)
        proven_all = proven_all and proven
        rows.append({i: -v for i, v in enumerate(level) if v})
        upper.append(-sum(v for v, xi in zip(level, x, strict=True) if xi))
    return x, proven_all


def tie_weights(values: Sequence[int]) -> list[int]:
    """Rank weights for the tie-break: the best-ranked valued item n, the next n-1, ... 1."""
    valued = [i for i, v in enumerate(values) if v > 0]
    weights = [0] * len(values)
    for k, i in enumerate(valued):
        weights[i] = len(valued) - k
    return weights


def select(items: Sequence[Item], budget: float | None, capacity: float | None, *,
           node_limit: int = NODE_LIMIT_MILP) -> Selection:
    """The best-valued prerequisite-closed set of items within budget and capacity.

    Solved as one 0/1 MILP with HiGHS (see :func:`milp_select`); if HiGHS
    fails, :func:`branch_and_bound` decides instead and ``fallback`` says so.
    Both stop only at work limits (nodes), never at a clock.
    """
    try:
        chosen, proven = milp_select(items, budget, capacity, node_limit=node_limit)
    except _MilpGaveUp as gave_up:
        chosen, exact = branch_and_bound(items, budget, capacity)
        return Selection(chosen, exact, "branch-and-bound", gave_up.reason)
    return Selection(chosen, proven, "milp", None if proven else "work-limit")


def milp_select(items: Sequence[Item], budget: float | None, capacity: float | None, *,
                node_limit: int = NODE_LIMIT_MILP) -> tuple[frozenset[str], bool]:
    """The optimal selection by one MILP, ties to the better-ranked items; (ids, proven).

    Maximise total value subject to total cost <= budget, total hours <=
    capacity and x[m] <= x[p] for each prerequisite p of m (x binary; a limit
    that is None is absent). The tie-break is folded into the objective:
    value * K + rank weight (the best-ranked valued item weighs n, the next
    n-1 ...), with K larger than all rank weights together, so the total
    value is maximised first and, among sets of equal value, the sum of rank
    weights. Values are integers (score units, divided by their common
    divisor), so the optimum is exact. Value-0 items that no chosen item
    needs are dropped.
    """
    n = len(items)
    index = {item.id: i for i, item in enumerate(items)}
    pres = [tuple(index[p] for p in item.prereqs if p in index) for item in items]
    costs = [item.cost for item in items]
    hours = [item.hours for item in items]
    if _fits(sum(costs), budget) and _fits(sum(hours), capacity):
        return _prune(items, set(range(n)), pres), True
    divisor = math.gcd(*(item.value for item in items)) or 1
    values = [item.value // divisor for item in items]
    weights = tie_weights(values)
    rows: list[dict[int, int]] = []
    upper: list[int] = []
    if budget is not None:
        rows.append({i: c for i, c in enumerate(costs) if c})
        upper.append(math.floor(budget))
    if capacity is not None:
        rows.append({i: h for i, h in enumerate(hours) if h})
        upper.append(math.floor(capacity))
    for i in range(n):
        for p in pres[i]:
            rows.append({i: 1, p: -1})
            upper.append(0)
    x, proven = lexmax([values, weights], rows, upper, node_limit)
    return _prune(items, {i for i in range(n) if x[i]}, pres), proven


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


def phases(chosen: Iterable[str], catalogue: Catalogue,
           position: Mapping[str, int]) -> list[list[str]]:
    """Topological generations of the chosen measures' prerequisite graph, each in plan order."""
    ids = set(chosen)
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(ids, key=position.__getitem__))
    for measure_id in ids:
        for pre in catalogue.measures[measure_id].prerequisites:
            if pre in ids:
                graph.add_edge(pre, measure_id)
    return [sorted(gen, key=position.__getitem__) for gen in nx.topological_generations(graph)]


def needed_for(measure_id: str, chosen: frozenset[str], items: Mapping[str, Item]) -> list[str]:
    """The measure and its prerequisites (within the items) that are not chosen yet."""
    out: list[str] = []
    stack = [measure_id]
    while stack:
        current = stack.pop()
        if current in chosen or current in out:
            continue
        out.append(current)
        stack.extend(p for p in items[current].prereqs if p in items)
    return sorted(out)


def relaxation(extra: Sequence[Item], chosen: Sequence[Item], budget: float | None,
               capacity: float | None) -> tuple[float | None, float | None]:
    """How much budget and capacity must grow for ``extra`` to fit beside ``chosen``.

    Minimal: with any less on either limit the chosen measures plus ``extra``
    do not fit. None means that limit is not set.
    """
    cost = sum(i.cost for i in chosen) + sum(i.cost for i in extra)
    hour = sum(i.hours for i in chosen) + sum(i.hours for i in extra)
    more_b = None if budget is None else max(0.0, cost - budget)
    more_h = None if capacity is None else max(0.0, hour - capacity)
    return more_b, more_h


def herfindahl(shares: Iterable[float]) -> float:
    """Herfindahl-Hirschman index of shares (1 = one holder, 1/n = n equal holders)."""
    return sum(s * s for s in shares)

