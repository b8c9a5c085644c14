"""Print the plan selection for a seeded workload as JSON (for the determinism check).

``python -m benchmarks.plan_select N SEED TIGHT`` prints the chosen ids, whether they are
proven best and the fallback, one canonical JSON line.
"""

from __future__ import annotations

import json
import sys

from tiltak.plan._select import select

from ._plan_workload import plan_items


def main(argv: list[str]) -> None:
    n, seed, tight = int(argv[0]), int(argv[1]), float(argv[2])
    items, budget, capacity = plan_items(n, seed, tight)
    selection = select(items, budget, capacity)
    print(json.dumps({"chosen": sorted(selection.chosen, key=lambda m: int(m[1:])),
                      "exact": selection.exact, "fallback": selection.fallback}))


if __name__ == "__main__":
    main(sys.argv[1:])
