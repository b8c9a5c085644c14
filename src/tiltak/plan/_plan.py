"""Plans: the model and make_plan (public names in ``tiltak.plan``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
from pydantic import BaseModel, ConfigDict

from tiltak._validation import Text
from tiltak.catalogue import Catalogue
from tiltak.engine import Engine, load
from tiltak.errors import PlanError
from tiltak.graph import node_id
from tiltak.plan import _select as _plan
from tiltak.profile import Context, Profile, load_profile
from tiltak.result import Result, SubjectRef

__all__ = [
    "PLAN_FORMAT",
    "PLAN_FORMATS",
    "Body",
    "LimitSource",
    "Limits",
    "Origin",
    "Owner",
    "Phase",
    "Plan",
    "PlannedMeasure",
    "Relaxation",
    "SectorLoad",
    "Totals",
    "make_plan",
    "plan_from_result",
    "plan_graph",
]

PLAN_FORMAT = "tiltak.plan/1"
PLAN_FORMATS = ("text", "json", "markdown", "graphml", "dot", "mermaid")
Origin = Literal["suggested", "prerequisite"]
LimitSource = Literal["profile", "option"]
_DIGITS = 4


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Owner(_Out):
    """A sector's share of a measure's work (share 0-1, hours = share x effort)."""

    sector: str
    title: Text
    share: float
    hours: float


class Body(_Out):
    """A cross-sector body (forum, management group ...) that coordinates a measure."""

    sector: str
    title: Text


class PlannedMeasure(_Out):
    """A measure in the plan (chosen or left out)."""

    measure: str
    title: Text
    origin: Origin
    rank: int | None
    score: float
    phase: int | None
    cost_nok: int
    effort_hours: int
    prerequisites: list[str]
    sectors: list[str]
    owners: list[Owner]
    bodies: list[Body]
    roles: list[str]
    concentration: float | None
    single_owner: bool


class Relaxation(_Out):
    """What it takes to add a left-out measure (with the prerequisites it still needs)."""

    measure: str
    title: Text
    rank: int | None
    score: float
    needs: list[str]
    cost_nok: int
    effort_hours: int
    budget_nok: float | None
    capacity_hours: float | None


class Phase(_Out):
    phase: int
    measures: list[str]


class SectorLoad(_Out):
    """A sector's part of the plan's work."""

    sector: str
    title: Text
    hours: float
    share: float
    measures: int


class Limits(_Out):
    budget_nok: float | None
    capacity_hours: float | None
    budget_from: LimitSource | None
    capacity_from: LimitSource | None


class Totals(_Out):
    score: float
    cost_nok: int
    effort_hours: int
    suggested: int
    chosen: int
    added_prerequisites: int


class Plan(_Out):
    """A plan in format ``tiltak.plan/1``."""

    format: Literal["tiltak.plan/1"] = "tiltak.plan/1"
    subject: SubjectRef
    method: dict[str, str]
    limits: Limits
    totals: Totals
    exact: bool
    phases: list[Phase]
    measures: list[PlannedMeasure]
    left_out: list[PlannedMeasure]
    relaxations: list[Relaxation]
    relax_all: Relaxation | None
    sectors: list[SectorLoad]
    sector_concentration: float | None
    warnings: list[Text]

    def to_json(self) -> str:
        """Canonical JSON text (two-space indent, trailing newline)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    def chosen(self) -> list[str]:
        """Chosen measure ids, phase by phase."""
        return [m for phase in self.phases for m in phase.measures]


_SELECTION = {
    "milp": "one 0/1 MILP solved by HiGHS (scipy.optimize.milp): maximise score * K + rank "
            "weight (best-ranked suggestion n, next n-1, ...; K above the sum of all rank "
            "weights) subject to total cost <= budget, total hours <= capacity and every "
            "chosen measure's prerequisites chosen; integer coefficients, optimality gap 0; "
            "only a node limit (work, not time) can stop it; unneeded added prerequisites "
            "dropped",
    "branch-and-bound": "branch-and-bound fallback (HiGHS failed): 0/1 knapsack with "
                        "two limits and prerequisite closure; maximises total score; first "
                        "optimum found wins; stops after 500,000 nodes",
}

_METHOD = {
    "prerequisites": "missing prerequisites are added to the plan (origin 'prerequisite'); "
                     "running measures count as in place",
    "selection": _SELECTION["milp"],
    "phases": "topological generations of the prerequisite graph",
    "owners": "min-cost flow (network simplex) balancing hours across sectors; "
              "multi-sector measures: at least two sectors, none above half",
    "concentration": "Herfindahl index of ownership shares",
    "relaxation": "extra budget/capacity for the left-out measure and its missing "
                  "prerequisites to fit beside the chosen plan",
}


def _r(value: float) -> float:
    return round(value, _DIGITS)


def _bad_limit(name: str, value: float | None) -> None:
    if value is not None and (not isinstance(value, int | float) or value != value or value < 0):
        raise PlanError("plan-bad-limit", name=name, value=value)


def plan_from_result(
    result: Result,
    catalogue: Catalogue,
    context: Context | None = None,
    *,
    top: int | None = None,
    budget_nok: float | None = None,
    capacity_hours: float | None = None,
) -> Plan:
    """Make a plan from suggestions; ``budget_nok``/``capacity_hours`` override the context."""
    context = context or Context()
    _bad_limit("budget_nok", budget_nok)
    _bad_limit("capacity_hours", capacity_hours)
    budget = budget_nok if budget_nok is not None else context.budget_nok
    capacity = capacity_hours if capacity_hours is not None else context.capacity_hours
    limits = Limits(
        budget_nok=budget, capacity_hours=capacity,
        budget_from=None if budget is None else ("option" if budget_nok is not None
                                                 else "profile"),
        capacity_from=None if capacity is None else ("option" if capacity_hours is not None
                                                     else "profile"),
    )
    recs = result.recommendations if top is None else result.recommendations[:top]
    wanted = [r.measure for r in recs]
    rank = {r.measure: r.rank for r in recs}
    score = {r.measure: r.score for r in recs}
    ids, _ = _plan.closure(wanted, catalogue, context.running_measures)
    position = {m: i for i, m in enumerate(ids)}
    warnings: list[Text] = []
    items: dict[str, _plan.Item] = {}
    for measure_id in ids:
        measure = catalogue.measures[measure_id]
        if measure.cost_nok is None or measure.effort_hours is None:
            warnings.append(Text.of("plan-no-estimate", measure=measure_id))
        items[measure_id] = _plan.Item(
            id=measure_id,
            value=round(score.get(measure_id, 0.0) * _plan.SCALE),
            cost=measure.cost_nok or 0,
            hours=measure.effort_hours or 0,
            prereqs=tuple(p for p in measure.prerequisites if p in position),
        )
    selection = _plan.select([items[m] for m in ids], budget, capacity)
    chosen, exact = selection.chosen, selection.exact
    if selection.fallback == "work-limit":
        warnings.append(Text.of("plan-work-limit"))
    elif selection.fallback == "failed":
        warnings.append(Text.of("plan-milp-failed"))
    if not exact and selection.fallback != "work-limit":
        warnings.append(Text.of("plan-not-proven"))
    phase_lists = _plan.phases(chosen, catalogue, position)
    phase_of = {m: i + 1 for i, gen in enumerate(phase_lists) for m in gen}

    own = {s for s in context.sectors if s in catalogue.sectors}
    tasks: list[_plan.OwnerTask] = []
    for measure_id in ids:
        measure = catalogue.measures[measure_id]
        candidates: list[str] = []
        for sector_id in (*measure.sectors, *measure.owners):
            sector = catalogue.sectors.get(sector_id)
            if sector is None or sector.cross_sector or sector_id in candidates:
                continue
            if own and sector_id not in own:
                continue
            candidates.append(sector_id)
        tasks.append(_plan.OwnerTask(measure_id, items[measure_id].hours, tuple(candidates)))
    chosen_tasks = [t for t in tasks if t.id in chosen]
    shares = _plan.balance_owners(chosen_tasks)
    # Left-out measures get a proposal too: an even split, as a flow for it alone would give.
    alone = {t.id: _plan.even_split(t) for t in tasks if t.id not in chosen}

    def planned(measure_id: str, share: Mapping[str, float], candidates: tuple[str, ...]
                ) -> PlannedMeasure:
        measure = catalogue.measures[measure_id]
        item = items[measure_id]
        owners = [Owner(sector=s, title=catalogue.sectors[s].name, share=_r(v),
                        hours=_r(v * item.hours))
                  for s, v in sorted(share.items(), key=lambda kv: (-kv[1], kv[0]))]
        bodies = [s for s in (*measure.owners, *measure.sectors)
                  if s in catalogue.sectors and catalogue.sectors[s].cross_sector]
        roles = [r for r in measure.owners if r in catalogue.roles and r not in catalogue.sectors]
        return PlannedMeasure(
            measure=measure_id, title=measure.title,
            origin="suggested" if measure_id in rank else "prerequisite",
            rank=rank.get(measure_id), score=score.get(measure_id, 0.0),
            phase=phase_of.get(measure_id), cost_nok=item.cost, effort_hours=item.hours,
            prerequisites=list(measure.prerequisites), sectors=list(candidates),
            owners=owners, roles=roles,
            bodies=[Body(sector=b, title=catalogue.sectors[b].name)
                    for b in dict.fromkeys(bodies)],
            concentration=_r(_plan.herfindahl(share.values())) if share else None,
            single_owner=len(candidates) >= 2 and len(owners) < 2,
        )

    by_task = {t.id: t for t in tasks}
    ordered = [m for gen in phase_lists for m in gen]
    chosen_measures = [planned(m, shares.get(m, {}), by_task[m].sectors) for m in ordered]
    left_ids = [m for m in ids if m not in chosen and m in rank]
    left_out = [planned(m, alone.get(m, {}), by_task[m].sectors) for m in left_ids]

    chosen_items = [items[m] for m in ordered]
    relaxations: list[Relaxation] = []
    for measure_id in left_ids:
        needs = _plan.needed_for(measure_id, chosen, items)
        relaxations.append(_relaxation(measure_id, needs, items, chosen_items, budget, capacity,
                                       catalogue, rank, score))
    relax_all = None
    if left_ids:
        needs_all = sorted({n for m in left_ids for n in _plan.needed_for(m, chosen, items)})
        relax_all = _relaxation(None, needs_all, items, chosen_items, budget, capacity,
                                catalogue, rank, score)

    loads: dict[str, float] = {}
    counts: dict[str, int] = {}
    for pm in chosen_measures:
        for owner in pm.owners:
            loads[owner.sector] = loads.get(owner.sector, 0.0) + owner.share * pm.effort_hours
            counts[owner.sector] = counts.get(owner.sector, 0) + 1
    total_load = sum(loads.values())
    sector_rows = [
        SectorLoad(sector=s, title=catalogue.sectors[s].name, hours=_r(h),
                   share=_r(h / total_load) if total_load else 0.0, measures=counts[s])
        for s, h in sorted(loads.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    concentration = (_r(_plan.herfindahl(h / total_load for h in loads.values()))
                     if total_load else None)
    return Plan(
        subject=result.subject,
        method={**_METHOD, "selection": _SELECTION[selection.solver]},
        limits=limits,
        totals=Totals(
            score=_r(sum(score.get(m, 0.0) for m in ordered)),
            cost_nok=sum(items[m].cost for m in ordered),
            effort_hours=sum(items[m].hours for m in ordered),
            suggested=len(wanted), chosen=len(ordered),
            added_prerequisites=sum(1 for m in ordered if m not in rank),
        ),
        exact=exact,
        phases=[Phase(phase=i + 1, measures=gen) for i, gen in enumerate(phase_lists)],
        measures=chosen_measures,
        left_out=left_out,
        relaxations=relaxations,
        relax_all=relax_all,
        sectors=sector_rows,
        sector_concentration=concentration,
        warnings=warnings,
    )


def _relaxation(measure_id: str | None, needs: list[str], items: Mapping[str, _plan.Item],
                chosen: list[_plan.Item], budget: float | None, capacity: float | None,
                catalogue: Catalogue, rank: Mapping[str, int], score: Mapping[str, float]
                ) -> Relaxation:
    extra = [items[n] for n in needs]
    more_b, more_h = _plan.relaxation(extra, chosen, budget, capacity)
    if measure_id is None:
        title = Text.of("plan-all-left-out")
    else:
        title = catalogue.measures[measure_id].title
    return Relaxation(
        measure=measure_id or "*", title=title,
        rank=rank.get(measure_id) if measure_id else None,
        score=score.get(measure_id, 0.0) if measure_id else _r(sum(score.get(n, 0.0)
                                                                    for n in needs)),
        needs=needs, cost_nok=sum(i.cost for i in extra), effort_hours=sum(i.hours for i in extra),
        budget_nok=more_b, capacity_hours=more_h,
    )


def make_plan(
    profile: Profile | Mapping[str, Any] | str | Path,
    engine: Engine | None = None,
    *,
    top: int | None = None,
    budget_nok: float | None = None,
    capacity_hours: float | None = None,
) -> Plan:
    """Suggest measures for ``profile`` (bundled rules unless ``engine``) and plan them."""
    engine = engine or load()
    loaded = load_profile(profile)
    result = engine.suggest(loaded)
    return plan_from_result(result, engine.catalogue, loaded.context, top=top,
                            budget_nok=budget_nok, capacity_hours=capacity_hours)


def plan_graph(plan: Plan) -> nx.MultiDiGraph:
    """The plan as a graph: chosen measures (with ``phase``), prerequisite and owner edges."""
    graph = nx.MultiDiGraph(name="tiltak-plan", format="tiltak.graph/1")
    chosen = {m.measure for m in plan.measures}
    for pm in plan.measures:
        graph.add_node(node_id("measure", pm.measure), kind="measure", id=pm.measure,
                       label_nb=pm.title.nb, label_en=pm.title.en, phase=pm.phase or 0,
                       origin=pm.origin, score=pm.score, cost_nok=pm.cost_nok,
                       effort_hours=pm.effort_hours)
    for pm in plan.measures:
        people: list[tuple[Body | Owner, bool]] = [*((b, True) for b in pm.bodies),
                                                   *((o, False) for o in pm.owners)]
        for who, cross in people:
            if node_id("sector", who.sector) not in graph:
                graph.add_node(node_id("sector", who.sector), kind="sector", id=who.sector,
                               label_nb=who.title.nb, label_en=who.title.en, cross_sector=cross)
    for pm in plan.measures:
        me = node_id("measure", pm.measure)
        for pre in pm.prerequisites:
            if pre in chosen:
                graph.add_edge(node_id("measure", pre), me, key="prerequisite",
                               kind="prerequisite")
        for owner in pm.owners:
            graph.add_edge(me, node_id("sector", owner.sector), key="owned-by", kind="owned-by",
                           share=owner.share, hours=owner.hours)
        for body in pm.bodies:
            graph.add_edge(me, node_id("sector", body.sector), key="coordinated-by",
                           kind="coordinated-by")
    return graph


