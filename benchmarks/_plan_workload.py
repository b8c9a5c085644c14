"""Seeded plan-selection workloads: n ranked measures with prerequisites and two tight limits."""

from __future__ import annotations

import random

from tiltak.plan._select import Item


def plan_items(n: int, seed: int = 1, tight: float = 0.3) -> tuple[list[Item], float, float]:
    """n measures in rank order (scores 0.5-10.0 in steps of 0.1, so many tie), each with up to
    two prerequisites among the others; budget and capacity at ``tight`` of the totals."""
    rng = random.Random(seed)
    scores = sorted((rng.randint(5, 100) for _ in range(n)), reverse=True)
    order = list(range(n))
    rng.shuffle(order)  # prerequisite structure independent of rank; acyclic by this order
    place = {m: k for k, m in enumerate(order)}
    items = []
    for i in range(n):
        earlier = [m for m in order[:place[i]]]
        picks = rng.sample(earlier, min(len(earlier), rng.randint(0, 2)))
        items.append(Item(id=f"m{i}", value=scores[i] * 1000,
                          cost=rng.randint(1, 60) * 5000, hours=rng.randint(1, 80) * 10,
                          prereqs=tuple(sorted(f"m{j}" for j in picks))))
    budget = tight * sum(item.cost for item in items)
    capacity = tight * sum(item.hours for item in items)
    return items, budget, capacity
