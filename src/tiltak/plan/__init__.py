"""Plans (format ``tiltak.plan/1``): suggestions ordered into phases, owned, within limits.

A plan takes the ranked suggestions for a profile and

* pulls in every prerequisite a suggestion needs that is neither suggested
  nor already running (marked ``origin: "prerequisite"``); a prerequisite
  cycle is a :class:`~tiltak.errors.PlanError` naming the cycle;
* chooses the best-scoring set that fits the budget (NOK) and capacity
  (hours), where a chosen measure's prerequisites are always chosen too
  (a 0/1 MILP solved exactly by HiGHS; ties go to better-ranked measures);
* orders the chosen measures into phases (topological generations of the
  prerequisite graph);
* proposes owners: a measure involving two or more of the organisation's
  sectors gets at least two co-owning sectors (none above half) balanced by
  a min-cost flow, plus the cross-sector bodies and roles the catalogue names;
* reports ownership concentration (Herfindahl index) per measure and per
  sector, and for each suggestion left out the minimal extra budget and
  capacity that would let it in.

See ``docs/plan.md``. ``Plan.to_json()`` is canonical (byte-identical for
the same input)::

    import tiltak
    from tiltak.plan import make_plan
    plan = make_plan("profile.json", budget_nok=500_000)
    for phase in plan.phases:
        print(phase.phase, phase.measures)
"""

from tiltak.plan._plan import (
    PLAN_FORMAT,
    PLAN_FORMATS,
    Basis,
    Body,
    Calendar,
    Contributor,
    LeftOutKind,
    Limits,
    LimitSource,
    Origin,
    Owner,
    PerYear,
    PerYearSource,
    Phase,
    Plan,
    PlannedMeasure,
    PlanYear,
    Relaxation,
    SectorLoad,
    Totals,
    YearAmount,
    make_plan,
    next_january,
    plan_from_result,
    plan_graph,
)
from tiltak.plan._render import render_plan

__all__ = [
    "PLAN_FORMAT",
    "PLAN_FORMATS",
    "Basis",
    "Body",
    "Calendar",
    "Contributor",
    "LeftOutKind",
    "LimitSource",
    "Limits",
    "Origin",
    "Owner",
    "PerYear",
    "PerYearSource",
    "Phase",
    "Plan",
    "PlanYear",
    "PlannedMeasure",
    "Relaxation",
    "SectorLoad",
    "Totals",
    "YearAmount",
    "make_plan",
    "next_january",
    "plan_from_result",
    "plan_graph",
    "render_plan",
]
