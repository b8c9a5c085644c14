"""Plans: the model and make_plan (public names in ``tiltak.plan``)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
from pydantic import BaseModel, ConfigDict, Field

from tiltak._args import checked
from tiltak._i18n import Lang, add_messages, format_number, message
from tiltak._limits import MAX_AMOUNT
from tiltak._validation import DIMENSION_NAMES_NB, Text
from tiltak.catalogue import Catalogue, Recurrence
from tiltak.engine import Engine, load
from tiltak.errors import PlanError
from tiltak.graph import node_id
from tiltak.plan import _calendar, _owners
from tiltak.plan import _select as _plan
from tiltak.plan._calendar import Job
from tiltak.profile import Context, Profile, load_profile
from tiltak.result import Recommendation, Result, SubjectRef

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
]

add_messages({
    "plan-bad-start": ("start må være år og måned som ÅÅÅÅ-MM, fant «{value}»",
                       "start must be year and month as YYYY-MM, found '{value}'"),
    "plan-bad-horizon": ("planperioden må være 1 til 10 år, fant {value}",
                         "the horizon must be 1 to 10 years, found {value}"),
    "plan-year-outside": ("{year} er utenfor planperioden ({years})",
                          "{year} is outside the plan period ({years})"),
    "plan-why-prerequisite": ("forutsetning for {measures}", "a prerequisite of {measures}"),
    "plan-why-gap": ("størst gap i {area}, {dimension}: {gap}",
                     "largest gap in {area}, {dimension}: {gap}"),
    "plan-why-supply": ("leverer {competence} til {sector}", "supplies {competence} to {sector}"),
    "plan-why-involved": (
        "involvert ifølge katalogen; ingen tall for sektoren her",
        "involved according to the catalogue; no figures for the sector here",
    ),
    "plan-why-horizon": (
        "får ikke plass innen planperioden på {years} år (med forutsetningene)",
        "does not fit within the plan period of {years} years (with its prerequisites)",
    ),
    "plan-why-budget-year": ("budsjettet for {year} er brukt", "the budget for {year} is used"),
    "plan-why-capacity-year": ("kapasiteten for {year} er brukt",
                               "the capacity for {year} is used"),
    "plan-why-budget": ("budsjettet for planen er brukt", "the plan's budget is used"),
    "plan-why-capacity": ("kapasiteten for planen er brukt", "the plan's capacity is used"),
    "plan-why-no-room": (
        "får bare plass hvis tiltak med høyere prioritet tas ut",
        "would only fit if measures with a higher priority were taken out",
    ),
    "plan-why-later-order": (
        "arbeidet fordeles jevnt over planperioden",
        "the work is spread evenly over the plan period",
    ),
    "plan-why-years-and": ("{first} og {last}", "{first} and {last}"),
    "plan-why-waits": ("venter på «{measure}», som ikke får plass",
                       "waits for '{measure}', which does not fit"),
    "plan-per-year-not-proven": (
        "noen tiltak i det beste utvalget for hele planen fikk ikke plass innenfor grensene "
        "for hvert år; de er tatt ut, og planen er ikke bevist best",
        "some measures of the best selection for the whole plan did not fit within each "
        "year's limits; they were left out, and the plan is not proven best",
    ),
})

PLAN_FORMAT = "tiltak.plan/1"
PLAN_FORMATS = ("text", "json", "markdown", "graphml", "dot", "mermaid")
Origin = Literal["suggested", "prerequisite"]
LimitSource = Literal["profile", "option"]
PerYearSource = Literal["option"]
LeftOutKind = Literal["budget-year", "capacity-year", "budget", "capacity", "budget-years",
                      "capacity-years", "horizon", "waits", "no-room"]
_DIGITS = 4


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Basis = Literal["need", "no-figures", "supply"]


class Owner(_Out):
    """A sector's share of a measure's work (share 0-1, hours = share x effort), and why.

    ``basis``: ``need`` (its own figures show a gap in the measure's areas),
    ``no-figures`` (the catalogue involves it and the profile has no figures for
    it), ``supply`` (another owner relies on its competence); ``reason`` says it
    in words.
    """

    sector: str
    title: Text
    share: float
    hours: float
    basis: Basis = "no-figures"
    reason: Text | None = None


class Contributor(_Out):
    """A sector with a reason to take part that does not own a share (beyond the owner limit)."""

    sector: str
    title: Text
    basis: Basis
    reason: Text


class Body(_Out):
    """A cross-sector body (forum, management group ...) that coordinates a measure."""

    sector: str
    title: Text


class YearAmount(_Out):
    """Money and hours in one plan year."""

    year: str
    cost_nok: float
    effort_hours: float


class PlannedMeasure(_Out):
    """A measure in the plan (chosen or left out), with its schedule and owners."""

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
    contributors: list[Contributor] = Field(default_factory=list)
    role_names: list[Text] = Field(default_factory=list)
    months: int = 0
    recurs: Recurrence | None = None
    start: str | None = None
    end: str | None = None
    rounds: list[str] = Field(default_factory=list)
    years: list[YearAmount] = Field(default_factory=list)
    reasons: list[Text] = Field(default_factory=list)
    waits_for: list[str] = Field(default_factory=list)
    delayed_by: Text | None = None
    left_out_because: Text | None = None
    left_out_kind: LeftOutKind | None = None


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
    years: list[YearAmount] = Field(default_factory=list)


class Phase(_Out):
    phase: int
    measures: list[str]


class SectorLoad(_Out):
    """A sector's part of the plan's work: hours, money by share, per year, which measures."""

    sector: str
    title: Text
    hours: float
    share: float
    measures: int
    cost_nok: float = 0.0
    years: list[YearAmount] = Field(default_factory=list)
    own_measures: list[str] = Field(default_factory=list)
    shared_measures: list[str] = Field(default_factory=list)
    contributes_to: list[str] = Field(default_factory=list)


class Limits(_Out):
    budget_nok: float | None
    capacity_hours: float | None
    budget_from: LimitSource | None
    capacity_from: LimitSource | None
    budget_per_year_from: PerYearSource | None = None
    capacity_per_year_from: PerYearSource | None = None


class Calendar(_Out):
    """When the plan runs: first month, number of years, how starts are spaced."""

    start: str
    start_from: Literal["option", "default"]
    horizon_years: int
    end: str


class PlanYear(_Out):
    """One plan year: its limits, what it spends, which measures start and run."""

    year: str
    start: str
    budget_nok: float | None
    capacity_hours: float | None
    cost_nok: int
    effort_hours: int
    starts: list[str]
    running: list[str]


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
    calendar: Calendar | None = None
    years: list[PlanYear] = Field(default_factory=list)
    #: Left-out suggestions that only standing tasks give (``fills_in``); where findings are
    #: left out too, ``relax_all`` is for those the findings support.
    left_out_fills_in: list[str] = Field(default_factory=list)

    def to_json(self) -> str:
        """Canonical JSON text (two-space indent, trailing newline)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    def chosen(self) -> list[str]:
        """Chosen measure ids, phase by phase."""
        return [m for phase in self.phases for m in phase.measures]

    def fills_in_not_counted(self) -> list[str]:
        """Left-out fill-ins that ``relax_all`` leaves out (it is for the findings' measures
        where those are left out too): the texts count them apart."""
        if self.relax_all is None:
            return []
        return [m for m in self.left_out_fills_in if m not in self.relax_all.needs]


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
    "calendar": "start (YYYY-MM, default next January) and horizon (years); a measure runs "
                "duration_months (catalogue, or the format's default) from its start; "
                "'recurs: yearly' repeats it every 12 months to the end of the horizon, cost "
                "and hours per round; without limits per year a measure starts in the month "
                "its last prerequisite ends; cost and hours split over its months in whole "
                "kroner and hours",
    "owners": "RACI-style: sectors that need it (their segment's largest gap in the measure's "
              "areas and dimensions, weight = gap), sectors the catalogue involves where the "
              "profile has no figures (weight = mean need, or 1), sectors another owner relies "
              "on (relies_on, weight = half of that owner's); shares by weight, floor 0.2 "
              "(at most 5 owners; others contribute without a share); ties among equals go to "
              "the sector with fewer hours so far; cross-sector bodies coordinate",
    "concentration": "Herfindahl index of ownership shares",
    "relaxation": "extra budget/capacity for the left-out measure and its missing "
                  "prerequisites to fit beside the chosen plan",
}


def _r(value: float) -> float:
    return round(value, _DIGITS)


def _bad_limit(name: str, value: float | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                              or not 0 <= value <= MAX_AMOUNT):
        raise PlanError("plan-bad-limit", name=name, value=str(value)[:40])


def _num(value: float, lang: Lang, digits: int = 1) -> str:
    """A short decimal in the language's style: 1,6 (nb) or 1.6 (en)."""
    return format_number(value, lang, digits)


def _both(key: str, nb: Mapping[str, object], en: Mapping[str, object]) -> Text:
    """A message with parameters that differ by language (names, number formats)."""
    return Text(nb=message(key, "nb", **nb), en=message(key, "en", **en))


@checked
def next_january(today: date | None = None) -> str:
    """The default start: January of the year after ``today`` (UTC today when not given)."""
    today = today or datetime.now(UTC).date()
    return f"{today.year + 1:04d}-01"


def _parse_start(start: str) -> tuple[int, int]:
    try:
        year_text, month_text = start.split("-")
        year, month = int(year_text), int(month_text)
    except ValueError:
        raise PlanError("plan-bad-start", value=start) from None
    if not (1 <= month <= 12 and 1900 <= year <= 9999 and len(month_text) == 2):
        raise PlanError("plan-bad-start", value=start)
    return year, month


PerYear = float | Mapping[int, float] | Mapping[str, float] | None
"""A limit per year: one number for every plan year, or calendar year -> limit."""


def _per_year(name: str, value: PerYear, labels: list[int]) -> list[float | None]:
    """Each plan year's limit (None: no limit of its own) from one number or year -> limit."""
    if value is None:
        return [None] * len(labels)
    if isinstance(value, Mapping):
        limits: dict[int, float] = {}
        for year, limit in value.items():
            _bad_limit(f"{name}[{year}]", limit)
            key = int(year) if isinstance(year, str) and year.strip().isdigit() else year
            if key not in labels:
                raise PlanError("plan-year-outside", year=year,
                                years=", ".join(str(y) for y in labels))
            limits[key] = float(limit)
        return [limits.get(y) for y in labels]
    _bad_limit(name, value)
    return [float(value)] * len(labels)


@checked
def plan_from_result(
    result: Result,
    catalogue: Catalogue,
    context: Context | None = None,
    *,
    top: int | None = None,
    budget_nok: float | None = None,
    capacity_hours: float | None = None,
    profile: Profile | None = None,
    start: str | None = None,
    horizon_years: int = 4,
    budget_per_year: PerYear = None,
    capacity_per_year: PerYear = None,
) -> Plan:
    """Make a plan from suggestions; ``budget_nok``/``capacity_hours`` override the context.

    ``profile`` gives the sector segments that owners are drawn from; ``start``
    (``YYYY-MM``, default next January) and ``horizon_years`` set the calendar;
    ``budget_per_year``/``capacity_per_year`` are limits for each plan year
    (one number, or calendar year -> limit).
    """
    context = context or Context()
    _bad_limit("budget_nok", budget_nok)
    _bad_limit("capacity_hours", capacity_hours)
    if not isinstance(horizon_years, int) or not 1 <= horizon_years <= 10:
        raise PlanError("plan-bad-horizon", value=horizon_years)
    start_text = start or next_january()
    start_year, start_month = _parse_start(start_text)
    years = horizon_years
    horizon = 12 * years
    year_first = [start_year + (start_month - 1 + 12 * y) // 12 for y in range(years)]
    year_names = [_calendar.year_label(start_year, start_month, y) for y in range(years)]
    budgets = _per_year("budget_per_year", budget_per_year, year_first)
    capacities = _per_year("capacity_per_year", capacity_per_year, year_first)
    budget = budget_nok if budget_nok is not None else context.budget_nok
    capacity = capacity_hours if capacity_hours is not None else context.capacity_hours
    limits = Limits(
        budget_nok=budget, capacity_hours=capacity,
        budget_from=None if budget is None else ("option" if budget_nok is not None
                                                 else "profile"),
        capacity_from=None if capacity is None else ("option" if capacity_hours is not None
                                                     else "profile"),
        budget_per_year_from="option" if budget_per_year is not None else None,
        capacity_per_year_from="option" if capacity_per_year is not None else None,
    )
    recs = result.recommendations if top is None else result.recommendations[:top]
    wanted = [r.measure for r in recs]
    rank = {r.measure: r.rank for r in recs}
    score = {r.measure: r.score for r in recs}
    value = _values(recs)
    because = {r.measure: [reason.because for reason in r.reasons] for r in recs}
    ids, _ = _plan.closure(wanted, catalogue, context.running_measures)
    position = {m: i for i, m in enumerate(ids)}
    warnings: list[Text] = []
    jobs: dict[str, Job] = {}
    for measure_id in ids:
        measure = catalogue.measures[measure_id]
        if measure.cost_nok is None or measure.effort_hours is None:
            warnings.append(Text.of("plan-no-estimate", measure=measure_id))
        jobs[measure_id] = Job(
            id=measure_id, months=measure.months, recurs=measure.recurs == "yearly",
            cost=measure.cost_nok or 0, hours=measure.effort_hours or 0,
            prereqs=tuple(p for p in measure.prerequisites if p in position))
    base_items = [_plan.Item(id=m, value=value.get(m, 0),
                             cost=jobs[m].cost, hours=jobs[m].hours, prereqs=jobs[m].prereqs)
                  for m in ids]
    order = [i.id for i in _plan.topological(base_items)]
    earliest = _calendar.first_start(jobs, order)
    too_long: set[str] = set()
    for m in order:
        if not _calendar.fits_horizon(jobs[m], earliest[m], horizon) or \
                any(p in too_long for p in jobs[m].prereqs):
            too_long.add(m)
    spend = {m: _calendar.per_year(jobs[m], earliest[m], years) for m in ids}
    items: dict[str, _plan.Item] = {}
    for measure_id in ids:
        cost_years, hour_years = spend[measure_id]
        items[measure_id] = _plan.Item(
            id=measure_id, value=value.get(measure_id, 0),
            cost=sum(cost_years), hours=sum(hour_years), prereqs=jobs[measure_id].prereqs)
    pool = [items[m] for m in ids if m not in too_long]
    lump_budget = _lump(budget, budgets)
    lump_capacity = _lump(capacity, capacities)
    selection = _plan.select(pool, lump_budget, lump_capacity)
    exact, solver, fallback = selection.exact, selection.solver, selection.fallback
    # The calendar: the chosen measures one by one, best-ranked first, each at the earliest
    # month its prerequisites and every year's limits allow.
    # The pace: the chosen measures' hours spread evenly over the plan's months.
    pace = sum(items[m].hours for m in selection.chosen) / horizon
    sched = _calendar.schedule(_calendar.priority_order(jobs, [m for m in ids
                                                               if m in selection.chosen]),
                               jobs, years, budgets, capacities, pace=pace)
    starts = dict(sched.start)
    starts = _drop_unneeded(starts, jobs, rank)

    def booked(placed: Mapping[str, int]) -> None:
        """The schedule decides what a measure spends in each year (a yearly measure that
        starts later has fewer rounds)."""
        for m, begin in placed.items():
            spend[m] = _calendar.per_year(jobs[m], begin, years)
            items[m] = _plan.Item(id=m, value=items[m].value, cost=sum(spend[m][0]),
                                  hours=sum(spend[m][1]), prereqs=items[m].prereqs)

    booked(starts)
    if len(starts) < len(selection.chosen):
        exact = False
        warnings.append(Text.of("plan-per-year-not-proven"))
    # Room left by measures that did not fit a year: try the left-out suggestions in rank order.
    left_why: dict[str, tuple[str, int | str | tuple[int, ...]]] = {}
    for m in ids:
        if m not in rank or m in starts:
            continue
        needs = [n for n in _plan.needed_for(m, frozenset(starts), items)]
        if any(n in too_long for n in needs):
            left_why[m] = ("horizon", 0)
            continue
        trial = _calendar.schedule(_calendar.priority_order(jobs, needs), jobs, years, budgets,
                                   capacities, start=starts, pace=pace)
        if trial.dropped:
            left_why[m] = next(iter(trial.dropped.values()))
            continue
        total = [items[n] for n in starts]
        for n in needs:
            cost_years, hour_years = _calendar.per_year(jobs[n], trial.start[n], years)
            total.append(_plan.Item(n, 0, sum(cost_years), sum(hour_years), ()))
        lump_hit = _lump_hit(total, lump_budget, lump_capacity, budget, capacity)
        if lump_hit is not None:
            left_why[m] = lump_hit
            continue
        starts.update(trial.start)
        booked(trial.start)
    chosen = frozenset(starts)
    if fallback == "work-limit":
        warnings.append(Text.of("plan-work-limit"))
    elif fallback == "failed":
        warnings.append(Text.of("plan-milp-failed"))
    if not selection.exact and fallback is None:
        warnings.append(Text.of("plan-not-proven"))
    phase_lists = _plan.phases(chosen, catalogue, position)
    phase_of = {m: i + 1 for i, gen in enumerate(phase_lists) for m in gen}
    ordered = [m for gen in phase_lists for m in gen]
    by_start = sorted(ordered, key=lambda m: (starts[m], phase_of[m], position[m]))

    org = [s for s in context.sectors if s in catalogue.sectors
           and not catalogue.sectors[s].cross_sector]
    figures = _owners.sector_figures(profile, catalogue)
    load: dict[str, float] = {}
    ownership: dict[str, _owners.Ownership] = {}
    candidates: dict[str, list[str]] = {}
    for measure_id in [*ordered, *(m for m in ids if m not in chosen)]:
        measure = catalogue.measures[measure_id]
        found = _owners.candidates(measure, catalogue, org, figures)
        candidates[measure_id] = [c.sector for c in found]
        share = _owners.share_out(found, load)
        ownership[measure_id] = share
        if measure_id in chosen:
            for cand, part in share.owners:
                load[cand.sector] = load.get(cand.sector, 0.0) + part * items[measure_id].hours

    used_cost = [sum(spend[m][0][y] for m in chosen) for y in range(years)]
    used_hours = [sum(spend[m][1][y] for m in chosen) for y in range(years)]

    def label(offset: int) -> str:
        return _calendar.month_label(start_year, start_month, offset)

    def involved(measure_id: str) -> list[str]:
        measure = catalogue.measures[measure_id]
        return [s for s in dict.fromkeys((*measure.sectors, *measure.owners))
                if s in catalogue.sectors and not catalogue.sectors[s].cross_sector
                and (not org or s in org)]

    def planned(measure_id: str) -> PlannedMeasure:
        measure = catalogue.measures[measure_id]
        item = items[measure_id]
        job = jobs[measure_id]
        share = ownership[measure_id]
        owners = [Owner(sector=c.sector, title=catalogue.sectors[c.sector].name, share=_r(v),
                        hours=_r(v * item.hours), basis=c.basis,
                        reason=_owner_reason(c, catalogue))
                  for c, v in share.owners]
        contributors = [Contributor(sector=c.sector, title=catalogue.sectors[c.sector].name,
                                    basis=c.basis, reason=_owner_reason(c, catalogue))
                        for c in share.contributors]
        bodies = [s for s in (*measure.owners, *measure.sectors)
                  if s in catalogue.sectors and catalogue.sectors[s].cross_sector]
        roles = [r for r in measure.owners if r in catalogue.roles and r not in catalogue.sectors]
        is_chosen = measure_id in chosen
        begin = starts.get(measure_id)
        rounds = _calendar.rounds(job, begin, horizon) if begin is not None else []
        cost_years, hour_years = spend[measure_id]
        reasons = list(because.get(measure_id, []))
        if measure_id not in rank:
            needed_by = [m for m in ordered if measure_id in jobs[m].prereqs] if is_chosen \
                else [m for m in ids if measure_id in jobs[m].prereqs]
            reasons = [_both("plan-why-prerequisite",
                             {"measures": ", ".join(catalogue.measures[m].title.nb
                                                    for m in needed_by)},
                             {"measures": ", ".join(catalogue.measures[m].title.en
                                                    for m in needed_by)})]
        waits: list[str] = []
        delayed: Text | None = None
        if is_chosen and begin is not None:
            ready = max((_calendar.end(jobs[p], starts[p]) for p in job.prereqs if p in starts),
                        default=0)
            waits = [p for p in job.prereqs if p in starts
                     and _calendar.end(jobs[p], starts[p]) == ready and ready > 0]
            if begin > ready:
                delayed = _delay_reason(job, ready, begin, years, used_cost, used_hours,
                                        spend[measure_id], budgets, capacities, year_names)
        return PlannedMeasure(
            measure=measure_id, title=measure.title,
            origin="suggested" if measure_id in rank else "prerequisite",
            rank=rank.get(measure_id), score=score.get(measure_id, 0.0),
            phase=phase_of.get(measure_id), cost_nok=item.cost, effort_hours=item.hours,
            prerequisites=list(measure.prerequisites), sectors=candidates[measure_id],
            owners=owners, roles=roles, contributors=contributors,
            role_names=[catalogue.roles[r].name for r in roles],
            bodies=[Body(sector=b, title=catalogue.sectors[b].name)
                    for b in dict.fromkeys(bodies)],
            concentration=_r(_plan.herfindahl(v for _, v in share.owners))
            if share.owners else None,
            single_owner=len(involved(measure_id)) >= 2 and len(owners) < 2,
            months=job.months, recurs=measure.recurs,
            start=label(begin) if begin is not None else None,
            end=label(rounds[-1] + job.round_months - 1) if rounds else None,
            rounds=[label(r) for r in rounds] if job.recurs else [],
            years=[YearAmount(year=year_names[y], cost_nok=cost_years[y],
                              effort_hours=hour_years[y])
                   for y in range(years) if is_chosen and (cost_years[y] or hour_years[y])],
            reasons=reasons, waits_for=waits, delayed_by=delayed,
        )

    chosen_measures = [planned(m) for m in ordered]
    left_ids = [m for m in ids if m not in chosen and m in rank]
    chosen_items = [items[m] for m in ordered]
    left_out: list[PlannedMeasure] = []
    for m in left_ids:
        kind = left_why.get(m, ("no-room", 0))
        why = _why_text(kind, years, year_names, catalogue)
        left_out.append(planned(m).model_copy(update={"left_out_because": why,
                                                      "left_out_kind": _KINDS[kind[0]]}))

    relaxations: list[Relaxation] = []
    for measure_id in left_ids:
        needs = _plan.needed_for(measure_id, chosen, items)
        relax = _relaxation(measure_id, needs, items, chosen_items, budget, capacity,
                            catalogue, rank, score)
        if any(v is not None for v in (*budgets, *capacities)) and \
                not any(n in too_long for n in needs):
            extra = _year_relaxation(needs, jobs, starts, years, used_cost, used_hours, budgets,
                                     capacities)
            relax = relax.model_copy(update={"years": [
                YearAmount(year=year_names[y], cost_nok=c, effort_hours=h)
                for y, (c, h) in enumerate(extra) if c or h]})
        relaxations.append(relax)
    relax_all = None
    # Raising the limits cannot fit a measure that does not finish within the plan period.
    # Standing tasks that fill in are taken where room is left; what it takes to include
    # them all is not asked of the limits while findings are left out too.
    fills = {r.measure for r in recs if r.fills_in}
    left_fills = [m for m in left_ids if m in fills]
    fitting = [m for m in left_ids if left_why.get(m, ("no-room", 0))[0] != "horizon"]
    if left_fills and any(m not in fills for m in fitting):
        fitting = [m for m in fitting if m not in fills]
    if fitting:
        needs_all = sorted({n for m in fitting for n in _plan.needed_for(m, chosen, items)})
        relax_all = _relaxation(None, needs_all, items, chosen_items, budget, capacity,
                                catalogue, rank, score)

    loads: dict[str, float] = {}
    money: dict[str, float] = {}
    counts: dict[str, int] = {}
    per_year_hours: dict[str, list[float]] = {}
    per_year_cost: dict[str, list[float]] = {}
    own: dict[str, list[str]] = {}
    shared: dict[str, list[str]] = {}
    helps: dict[str, list[str]] = {}
    for pm in chosen_measures:
        cost_years, hour_years = spend[pm.measure]
        for owner in pm.owners:
            sid = owner.sector
            loads[sid] = loads.get(sid, 0.0) + owner.share * pm.effort_hours
            money[sid] = money.get(sid, 0.0) + owner.share * pm.cost_nok
            counts[sid] = counts.get(sid, 0) + 1
            hy = per_year_hours.setdefault(sid, [0.0] * years)
            cy = per_year_cost.setdefault(sid, [0.0] * years)
            for y in range(years):
                hy[y] += owner.share * hour_years[y]
                cy[y] += owner.share * cost_years[y]
            (own if len(pm.owners) == 1 else shared).setdefault(sid, []).append(pm.measure)
        for contributor in pm.contributors:
            helps.setdefault(contributor.sector, []).append(pm.measure)
    total_load = sum(loads.values())
    sector_ids = sorted(set(loads) | set(helps), key=lambda s: (-loads.get(s, 0.0), s))
    sector_rows = [
        SectorLoad(sector=s, title=catalogue.sectors[s].name, hours=_r(loads.get(s, 0.0)),
                   share=_r(loads.get(s, 0.0) / total_load) if total_load else 0.0,
                   measures=counts.get(s, 0), cost_nok=_r(money.get(s, 0.0)),
                   years=[YearAmount(year=year_names[y],
                                     cost_nok=_r(per_year_cost.get(s, [0.0] * years)[y]),
                                     effort_hours=_r(per_year_hours.get(s, [0.0] * years)[y]))
                          for y in range(years)],
                   own_measures=own.get(s, []), shared_measures=shared.get(s, []),
                   contributes_to=helps.get(s, []))
        for s in sector_ids
    ]
    concentration = (_r(_plan.herfindahl(h / total_load for h in loads.values()))
                     if total_load else None)
    plan_years = [
        PlanYear(year=year_names[y], start=label(12 * y), budget_nok=budgets[y],
                 capacity_hours=capacities[y], cost_nok=used_cost[y],
                 effort_hours=used_hours[y],
                 starts=[m for m in by_start if starts[m] // 12 == y],
                 running=[m for m in by_start if spend[m][0][y] or spend[m][1][y]
                          or (starts[m] // 12 <= y < _year_after(jobs[m], starts[m], horizon)
                              )])
        for y in range(years)
    ]
    return Plan(
        subject=result.subject,
        method={**_METHOD, "selection": _SELECTION[solver]},
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
        left_out_fills_in=left_fills,
        sectors=sector_rows,
        sector_concentration=concentration,
        warnings=warnings,
        calendar=Calendar(start=label(0), start_from="option" if start else "default",
                          horizon_years=years, end=label(horizon - 1)),
        years=plan_years,
    )


def _values(recs: Sequence[Recommendation]) -> dict[str, int]:
    """What each suggestion is worth to the selection, in integer score units.

    Measures that only standing tasks give where the profile states a level (``fills_in``)
    come after the findings here too: each is worth one unit and every unit of a measure the
    findings support outweighs all of them together, so a budget goes to the findings first
    and the fill-ins take what is left (as many as fit, better-ranked first). Small numbers
    on purpose: an objective of widely spread magnitudes troubles the solver."""
    units = {r.measure: round(r.score * _plan.SCALE) for r in recs}
    fills = {r.measure for r in recs if r.fills_in}
    if not fills:
        return units
    room = len(fills) + 1
    return {m: 1 if m in fills else v * room for m, v in units.items()}


def _year_after(job: Job, start: int, horizon: int) -> int:
    """The plan year after the job's last month (for the years it runs in)."""
    rounds = _calendar.rounds(job, start, horizon)
    return (rounds[-1] + job.round_months - 1) // 12 + 1


def _owner_reason(candidate: _owners.Candidate, catalogue: Catalogue) -> Text:
    """Why a sector owns (or contributes to) a measure, in words."""
    if candidate.basis == "need" and candidate.gap is not None:
        gap = candidate.gap
        area = catalogue.areas.get(gap.area)
        area_nb = area.name.nb if area else gap.area
        area_en = area.name.en if area else gap.area
        return _both("plan-why-gap",
                     {"area": area_nb, "dimension": DIMENSION_NAMES_NB.get(gap.dimension,
                                                                           gap.dimension),
                      "gap": _num(gap.gap, "nb")},
                     {"area": area_en, "dimension": gap.dimension, "gap": _num(gap.gap, "en")})
    if candidate.basis == "supply" and candidate.supplies is not None:
        other = catalogue.sectors[candidate.supplies].name
        return _both("plan-why-supply",
                     {"competence": _lower_first(candidate.competence_nb), "sector": other.nb},
                     {"competence": _lower_first(candidate.competence_en), "sector": other.en})
    return Text.of("plan-why-involved")


def _lower_first(text: str) -> str:
    """The competence as a phrase inside a sentence: its first clause, lower-cased start
    (the full text stays in the catalogue and the graph's ``relies-on`` edges)."""
    for stop in (" (", ", "):
        head = text.split(stop, 1)[0]
        if len(head) >= 20:
            text = head
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _lump(whole: float | None, yearly: Sequence[float | None]) -> float | None:
    """The limit for the whole plan: the given one, or less if every year has a lower sum."""
    if any(v is None for v in yearly):
        return whole
    total = sum(v for v in yearly if v is not None)
    return total if whole is None else min(whole, total)


def _lump_hit(items: Sequence[_plan.Item], lump_budget: float | None,
              lump_capacity: float | None, budget: float | None, capacity: float | None
              ) -> tuple[str, int] | None:
    if lump_budget is not None and sum(i.cost for i in items) > lump_budget:
        return ("plan-budget" if budget is not None and lump_budget >= budget
                else "budget-years"), 0
    if lump_capacity is not None and sum(i.hours for i in items) > lump_capacity:
        return ("plan-capacity" if capacity is not None and lump_capacity >= capacity
                else "capacity-years"), 0
    return None


def _drop_unneeded(starts: dict[str, int], jobs: Mapping[str, Job],
                   rank: Mapping[str, int]) -> dict[str, int]:
    """Drop added prerequisites that no scheduled measure needs any more."""
    keep = dict(starts)
    changed = True
    while changed:
        changed = False
        needed = {p for m in keep for p in jobs[m].prereqs}
        for m in sorted(keep):
            if m not in rank and m not in needed:
                del keep[m]
                changed = True
    return keep


_KINDS: dict[str, LeftOutKind] = {
    "budget": "budget-year", "capacity": "capacity-year", "plan-budget": "budget",
    "plan-capacity": "capacity", "budget-years": "budget-years",
    "capacity-years": "capacity-years", "horizon": "horizon", "waits": "waits",
    "no-room": "no-room",
}


def _why_text(why: tuple[str, int | str | tuple[int, ...]], years: int,
              names: Sequence[str], catalogue: Catalogue) -> Text:
    """A left-out measure's reason in words a management group reads."""
    kind, where = why
    if kind in ("budget", "capacity") and isinstance(where, tuple):
        labels = [names[y] for y in where]
        return Text(nb=message(f"plan-why-{kind}-year", "nb", year=_years_text(labels, "nb")),
                    en=message(f"plan-why-{kind}-year", "en", year=_years_text(labels, "en")))
    if kind == "waits" and isinstance(where, str):
        title = catalogue.measures[where].title
        return _both("plan-why-waits", {"measure": title.nb}, {"measure": title.en})
    if kind == "horizon":
        return Text.of("plan-why-horizon", years=years)
    if kind == "plan-budget":
        return Text.of("plan-why-budget")
    if kind == "plan-capacity":
        return Text.of("plan-why-capacity")
    if kind in ("budget-years", "capacity-years"):
        key = f"plan-why-{kind[:-6]}-year"
        return Text(nb=message(key, "nb", year=_years_text(list(names), "nb")),
                    en=message(key, "en", year=_years_text(list(names), "en")))
    return Text.of("plan-why-no-room")


def _years_text(years: list[str], lang: Lang) -> str:
    if len(years) == 1:
        return years[0]
    return message("plan-why-years-and", lang, first=", ".join(years[:-1]), last=years[-1])


def _delay_reason(job: Job, ready: int, begin: int, years: int, used_cost: Sequence[int],
                  used_hours: Sequence[int], own: tuple[list[int], list[int]],
                  budgets: Sequence[float | None], capacities: Sequence[float | None],
                  names: Sequence[str]) -> Text | None:
    """Why a measure starts later than its prerequisites allow: years' limits, or pacing."""
    base_cost = [c - o for c, o in zip(used_cost, own[0], strict=True)]
    base_hours = [h - o for h, o in zip(used_hours, own[1], strict=True)]
    hits: dict[str, list[str]] = {}
    for early in range(ready, begin):
        cost, hours = _calendar.per_year(job, early, years)
        hit = _calendar.over_limit(cost, hours, base_cost, base_hours, budgets, capacities)
        if hit is None:
            return Text.of("plan-why-later-order")
        kind, year = hit
        if names[year] not in hits.setdefault(kind, []):
            hits[kind].append(names[year])
    if not hits:
        return None
    kind = "budget" if "budget" in hits else "capacity"
    return Text(nb=message(f"plan-why-{kind}-year", "nb", year=_years_text(hits[kind], "nb")),
                en=message(f"plan-why-{kind}-year", "en", year=_years_text(hits[kind], "en")))


def _year_relaxation(needs: list[str], jobs: Mapping[str, Job], starts: Mapping[str, int],
                     years: int, used_cost: Sequence[int], used_hours: Sequence[int],
                     budgets: Sequence[float | None], capacities: Sequence[float | None]
                     ) -> list[tuple[float, float]]:
    """How much each year's limits must grow for ``needs`` to start as early as their
    prerequisites allow, beside the scheduled plan: (money, hours) per year, 0 where it fits."""
    order = _calendar.priority_order(jobs, needs)
    begin: dict[str, int] = dict(starts)
    cost = list(used_cost)
    hours = list(used_hours)
    for n in order:
        begin[n] = max((_calendar.end(jobs[p], begin[p]) for p in jobs[n].prereqs
                        if p in begin), default=0)
        add_c, add_h = _calendar.per_year(jobs[n], begin[n], years)
        cost = [a + b for a, b in zip(cost, add_c, strict=True)]
        hours = [a + b for a, b in zip(hours, add_h, strict=True)]
    out: list[tuple[float, float]] = []
    for y in range(years):
        limit_b, limit_h = budgets[y], capacities[y]
        out.append((max(0.0, cost[y] - limit_b) if limit_b is not None else 0.0,
                    max(0.0, hours[y] - limit_h) if limit_h is not None else 0.0))
    return out


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


@checked
def make_plan(
    profile: Profile | Mapping[str, Any] | str | Path,
    engine: Engine | None = None,
    *,
    top: int | None = None,
    budget_nok: float | None = None,
    capacity_hours: float | None = None,
    start: str | None = None,
    horizon_years: int = 4,
    budget_per_year: PerYear = None,
    capacity_per_year: PerYear = None,
) -> Plan:
    """Suggest measures for ``profile`` (bundled rules unless ``engine``) and plan them."""
    engine = engine or load()
    loaded = load_profile(profile, catalogue=engine.catalogue)  # every problem in one error
    result = engine.suggest(loaded)
    return plan_from_result(result, engine.catalogue, loaded.context, top=top,
                            budget_nok=budget_nok, capacity_hours=capacity_hours,
                            profile=loaded, start=start, horizon_years=horizon_years,
                            budget_per_year=budget_per_year,
                            capacity_per_year=capacity_per_year)


def _dated(title: str, start: str | None, lang: str) -> str:
    return f"{title} ({_calendar.month_name(start, lang)})" if start else title


@checked
def plan_graph(plan: Plan) -> nx.MultiDiGraph:
    """The plan as a graph: chosen measures (with ``phase`` and the schedule: ``start``,
    ``end``, ``months``, ``recurs``, ``rounds``; labels name the start month), prerequisite,
    owner and coordinator edges."""
    graph = nx.MultiDiGraph(name="tiltak-plan", format="tiltak.graph/1")
    chosen = {m.measure for m in plan.measures}
    for pm in plan.measures:
        graph.add_node(node_id("measure", pm.measure), kind="measure", id=pm.measure,
                       label_nb=_dated(pm.title.nb, pm.start, "nb"),
                       label_en=_dated(pm.title.en, pm.start, "en"), phase=pm.phase or 0,
                       origin=pm.origin, score=pm.score, cost_nok=pm.cost_nok,
                       effort_hours=pm.effort_hours, start=pm.start or "", end=pm.end or "",
                       months=pm.months, recurs=pm.recurs or "",
                       rounds=" ".join(pm.rounds))
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


