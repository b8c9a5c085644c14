"""The plan's calendar: plan years, months a measure runs, money and hours per year, schedules.

Months are counted from the plan's start (month 0 is the start month). A plan
year is 12 months from the start (year 0 = months 0-11). A measure runs
``months`` months from its start; a yearly recurring measure runs one round
of ``min(months, 12)`` months every 12 months from its start to the end of
the horizon, and its cost and hours are per round. Money and hours are split
over the months a measure runs in whole kroner and hours (the first months
take the remainder), so the years add up exactly to the total.

Everything here is a pure function of its arguments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Job:
    """A measure as the calendar sees it: how long, whether it recurs, what a round costs."""

    id: str
    months: int
    recurs: bool
    cost: int
    hours: int
    prereqs: tuple[str, ...]

    @property
    def round_months(self) -> int:
        """Months one round takes (a recurring round is at most 12 months)."""
        return min(self.months, 12) if self.recurs else self.months


MONTH_NAMES = {
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def month_name(text: str | None, lang: str) -> str:
    """``2027-03`` as ``mars 2027`` (nb) / ``March 2027`` (en); empty for None."""
    if not text:
        return ""
    year, mon = text.split("-")
    return f"{MONTH_NAMES['nb' if lang == 'nb' else 'en'][int(mon) - 1]} {year}"


def month_label(start_year: int, start_month: int, offset: int) -> str:
    """``YYYY-MM`` of the month ``offset`` months after the start (start_month 1-12)."""
    index = start_year * 12 + start_month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def year_label(start_year: int, start_month: int, year: int) -> str:
    """A plan year's name: the calendar year (start in January) or e.g. ``2027/28``."""
    first = start_year + (start_month - 1 + 12 * year) // 12
    if start_month == 1:
        return str(first)
    return f"{first}/{(first + 1) % 100:02d}"


def rounds(job: Job, start: int, horizon_months: int) -> list[int]:
    """Start months of the job's rounds within the horizon (one for a one-off measure)."""
    if not job.recurs:
        return [start]
    out = []
    at = start
    while at + job.round_months <= horizon_months:
        out.append(at)
        at += 12
    return out or [start]


def fits_horizon(job: Job, start: int, horizon_months: int) -> bool:
    """Whether the job (its first round, if it recurs) ends within the horizon."""
    return start + job.round_months <= horizon_months


def split(total: int, parts: int) -> list[int]:
    """``total`` in ``parts`` whole pieces that add up to it; the first take the remainder."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def per_year(job: Job, start: int, years: int) -> tuple[list[int], list[int]]:
    """Cost and hours of the job in each plan year when it starts in month ``start``."""
    cost = [0] * years
    hours = [0] * years
    length = job.round_months
    for begin in rounds(job, start, 12 * years):
        for offset, (c, h) in enumerate(zip(split(job.cost, length), split(job.hours, length),
                                            strict=True)):
            year = (begin + offset) // 12
            if year < years:
                cost[year] += c
                hours[year] += h
    return cost, hours


def end(job: Job, start: int) -> int:
    """The month after the job's (first round's) last month: when dependants may start."""
    return start + job.round_months


def first_start(jobs: Mapping[str, Job], order: Sequence[str]) -> dict[str, int]:
    """The earliest start month of each job: when its last prerequisite (in ``jobs``) ends.

    ``order`` lists the jobs with prerequisites first.
    """
    start: dict[str, int] = {}
    for job_id in order:
        job = jobs[job_id]
        start[job_id] = max((end(jobs[p], start[p]) for p in job.prereqs if p in start),
                            default=0)
    return start


@dataclass(frozen=True, slots=True)
class Schedule:
    """Start months of the scheduled jobs; for each job left out, why (see :func:`schedule`)."""

    start: Mapping[str, int]
    dropped: Mapping[str, tuple[str, int | str | tuple[int, ...]]]


def priority_order(jobs: Mapping[str, Job], ids: Sequence[str]) -> list[str]:
    """Prerequisites first; otherwise by the best position among a job and what needs it."""
    position = {m: i for i, m in enumerate(ids)}
    best = dict(position)
    changed = True
    while changed:  # a prerequisite inherits the best position of its dependants
        changed = False
        for m in ids:
            for p in jobs[m].prereqs:
                if p in best and best[m] < best[p]:
                    best[p] = best[m]
                    changed = True
    done: set[str] = set()
    out: list[str] = []
    waiting = sorted(ids, key=lambda m: (best[m], position[m]))
    while waiting:
        for m in waiting:
            if all(p in done or p not in position for p in jobs[m].prereqs):
                out.append(m)
                done.add(m)
                waiting.remove(m)
                break
        else:  # a cycle cannot happen (checked before); keep the rest in order
            out.extend(waiting)
            break
    return out


def schedule(order: Sequence[str], jobs: Mapping[str, Job], years: int,
             budgets: Sequence[float | None], capacities: Sequence[float | None],
             start: Mapping[str, int] | None = None, pace: float = 0.0) -> Schedule:
    """Place jobs one by one in ``order``, each at the earliest month that its prerequisites
    allow, where every plan year's money and hours stay within that year's limits (hard)
    and, if possible, every month's hours within ``pace`` (soft: the plan's hours spread
    evenly over its months, so the work does not all start at once; if no month keeps the
    pace, the one with the lowest peak). A yearly measure is not held back by the pace.
    A job that fits no month within the limits (or whose
    prerequisite was left out) is left out: ``dropped`` says which limit and year,
    ``("horizon", 0)`` or ``("waits", prerequisite)``. ``start`` holds jobs placed already.
    """
    horizon = 12 * years
    placed: dict[str, int] = dict(start or {})
    cost_used = [0] * years
    hours_used = [0] * years
    monthly = [0] * horizon
    for job_id, begin in placed.items():
        _book(jobs[job_id], begin, years, cost_used, hours_used, monthly)
    dropped: dict[str, tuple[str, int | str | tuple[int, ...]]] = {}
    # The pace may delay a job only as far as leaves its dependants (in order) room to end
    # within the horizon after it.
    tail: dict[str, int] = dict.fromkeys(order, 0)
    for job_id in reversed(order):
        for p in jobs[job_id].prereqs:
            if p in tail:
                tail[p] = max(tail[p], jobs[job_id].round_months + tail[job_id])
    for job_id in order:
        job = jobs[job_id]
        missing = next((p for p in job.prereqs if p in jobs and p not in placed
                        and (p in dropped or p in order)), None)
        if missing is not None:
            dropped[job_id] = ("waits", missing)
            continue
        ready = max((end(jobs[p], placed[p]) for p in job.prereqs if p in placed), default=0)
        hits: dict[str, list[int]] = {}
        best: tuple[int, int] | None = None
        chosen: int | None = None
        for begin in range(ready, horizon - job.round_months + 1):
            cost, hours = per_year(job, begin, years)
            hit = over_limit(cost, hours, cost_used, hours_used, budgets, capacities)
            if hit is not None:
                if hit[1] not in hits.setdefault(hit[0], []):
                    hits[hit[0]].append(hit[1])
                continue
            if best is not None and begin + job.round_months + tail[job_id] > horizon:
                break  # later would squeeze out what depends on it
            peak = max(monthly[m] + h for m, h in _months(job, begin, horizon))
            if peak <= pace or not job.hours or job.recurs:
                # a yearly measure starts as soon as it can: every year it waits is a round lost
                chosen = begin
                break
            if best is None or peak < best[0]:
                best = (peak, begin)
        if chosen is None and best is not None:
            chosen = best[1]
        if chosen is None:
            kind = next(iter(hits), None)
            dropped[job_id] = (kind, tuple(sorted(hits[kind]))) if kind else ("horizon", 0)
            continue
        placed[job_id] = chosen
        _book(job, chosen, years, cost_used, hours_used, monthly)
    return Schedule({m: placed[m] for m in placed if start is None or m not in start},
                    dropped)


def _months(job: Job, begin: int, horizon: int) -> list[tuple[int, int]]:
    """(month, hours) for every month the job runs within the horizon."""
    out = []
    for first in rounds(job, begin, horizon):
        for offset, h in enumerate(split(job.hours, job.round_months)):
            if first + offset < horizon:
                out.append((first + offset, h))
    return out


def over_limit(cost: Sequence[int], hours: Sequence[int], cost_used: Sequence[int],
               hours_used: Sequence[int], budgets: Sequence[float | None],
               capacities: Sequence[float | None]) -> tuple[str, int] | None:
    """The first (``budget``/``capacity``, year) whose limit the extra money or hours break."""
    for y, (c, h) in enumerate(zip(cost, hours, strict=True)):
        limit_b, limit_h = budgets[y], capacities[y]
        if c and limit_b is not None and cost_used[y] + c > limit_b:
            return "budget", y
        if h and limit_h is not None and hours_used[y] + h > limit_h:
            return "capacity", y
    return None


def _book(job: Job, begin: int, years: int, cost_used: list[int], hours_used: list[int],
          monthly: list[int]) -> None:
    cost, hours = per_year(job, begin, years)
    for y in range(years):
        cost_used[y] += cost[y]
        hours_used[y] += hours[y]
    for m, h in _months(job, begin, 12 * years):
        monthly[m] += h
