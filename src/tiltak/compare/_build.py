"""Building a comparison: cells per group, the correction across them, and the plan's measures."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tiltak._i18n import Lang, message
from tiltak._validation import DIMENSION_NAMES_NB, DIMENSIONS, Dimension, Text
from tiltak.catalogue import Catalogue
from tiltak.compare._inputs import Year
from tiltak.compare._model import (
    COMPARISON_FORMAT,
    Cell,
    Comparison,
    Group,
    Interval,
    MeasureFollowUp,
    MeasureStatus,
    MeasureWhy,
    Method,
    Side,
    SubjectInfo,
    TargetFollowUp,
    Verdict,
    Why,
    YearInfo,
)
from tiltak.compare._stats import Correction, Sample, adjust, sample, welch
from tiltak.compare._text import message_text
from tiltak.errors import ComparisonError, Problem
from tiltak.profile import AreaValues, Competence, DimensionValue, Profile

if TYPE_CHECKING:
    from tiltak.plan import Plan, PlannedMeasure


@dataclass(frozen=True, slots=True)
class _Half:
    """One year of one group: its competence and respondents (None when not published)."""

    competence: Competence | None
    respondents: int | None


@dataclass(slots=True)
class _Pending:
    """A cell being built; compared cells wait here for the correction."""

    area: str
    dimension: Dimension
    before: Side | None
    after: Side | None
    why: Why | None
    samples: tuple[Sample, Sample] | None = None
    difference: float | None = None
    interval: tuple[float, float] | None = None
    p: float | None = None
    p_adjusted: float | None = None


def _sig(value: float) -> float:
    """Four significant digits, the same on every machine."""
    return float(f"{value:.4g}")


def _share(values: Sequence[float] | None, levels: tuple[int, ...]) -> float | None:
    return None if values is None else round(sum(values[k - 1] for k in levels), 4)


def _target(value: DimensionValue, area: str, dim: Dimension,
            catalogue: Catalogue) -> float | None:
    if value.target is not None:
        return value.target
    known = catalogue.areas.get(area)
    return known.target(dim) if known is not None else None


def _cells_of(whole_before: Competence, whole_after: Competence) -> list[tuple[str, Dimension]]:
    areas = list(whole_after) + [a for a in whole_before if a not in whole_after]
    out: list[tuple[str, Dimension]] = []
    for area in areas:
        for dim in DIMENSIONS:
            if dim in whole_after.get(area, {}) or dim in whole_before.get(area, {}):
                out.append((area, dim))
    return out


class _Notes:
    """Which fallbacks were used, for the warnings."""

    def __init__(self) -> None:
        self.bound = False
        self.group_count = False


def _pending(area: str, dim: Dimension, before: _Half, after: _Half, minimum: int,
             catalogue: Catalogue, notes: _Notes) -> _Pending:
    sides: list[Side | None] = []
    samples: list[Sample | None] = []
    why: Why | None = None
    pairs: tuple[tuple[_Half, Why], ...] = ((before, "not_published_before"),
                                            (after, "not_published_after"))
    for half, missing in pairs:
        area_values: AreaValues | None = (None if half.competence is None
                                          else half.competence.get(area))
        value = None if area_values is None else area_values.get(dim)
        if value is None:
            sides.append(None)
            samples.append(None)
            why = why or missing
            continue
        n = value.respondents if value.respondents is not None else half.respondents
        if n is None:
            sides.append(None)
            samples.append(None)
            why = why or "no_respondent_count"
            continue
        if n < minimum:
            sides.append(None)
            samples.append(None)
            why = why or "below_minimum"
            continue
        if value.respondents is None:
            notes.group_count = True
        s = sample(value.level, value.distribution, n)
        notes.bound = notes.bound or s.source == "bound"
        sides.append(Side(level=value.level, respondents=n,
                          low_share=_share(value.distribution, (1, 2)),
                          high_share=_share(value.distribution, (4, 5)),
                          target=_target(value, area, dim, catalogue), variance=s.source))
        samples.append(s)
    b, a = samples
    cell = _Pending(area, dim, sides[0], sides[1], why)
    if why is None and b is not None and a is not None:
        cell.samples = (b, a)
    return cell


def _finish(cell: _Pending, alpha: float) -> Cell:
    verdict: Verdict = "not_compared"
    why = cell.why
    if cell.p is not None and cell.p_adjusted is not None and cell.difference is not None:
        if cell.p_adjusted < alpha:
            verdict = "improved" if cell.difference > 0 else "declined"
            why = "clear_change"
        else:
            verdict = "no_clear_change"
            why = "within_noise" if cell.p >= alpha else "not_clear_after_correction"
    assert why is not None
    interval = None if cell.interval is None else Interval(low=round(cell.interval[0], 3),
                                                           high=round(cell.interval[1], 3))
    return Cell(area=cell.area, dimension=cell.dimension, before=cell.before, after=cell.after,
                difference=None if cell.difference is None else round(cell.difference, 2),
                interval=interval,
                p=None if cell.p is None else _sig(cell.p),
                p_adjusted=None if cell.p_adjusted is None else _sig(cell.p_adjusted),
                verdict=verdict, why=why)


def _key(by: str, value: object) -> tuple[str, str]:
    return by, json.dumps(value)


def _halves(before: Profile, after: Profile
            ) -> list[tuple[str | None, str | int | float | bool | None, _Half, _Half]]:
    out: list[tuple[str | None, str | int | float | bool | None, _Half, _Half]] = [
        (None, None, _Half(before.competence, before.respondents),
         _Half(after.competence, after.respondents)),
    ]
    bseg = {_key(s.by, s.value): s for s in before.segments}
    aseg = {_key(s.by, s.value): s for s in after.segments}
    order = [_key(s.by, s.value) for s in after.segments]
    order += [k for k in (_key(s.by, s.value) for s in before.segments) if k not in aseg]
    for key in order:
        b, a = bseg.get(key), aseg.get(key)
        seg = a if a is not None else b
        assert seg is not None
        out.append((seg.by, seg.value,
                    _Half(None if b is None else b.competence,
                          None if b is None else b.respondents),
                    _Half(None if a is None else a.competence,
                          None if a is None else a.respondents)))
    return out


def _published_count(n: int | None, minimum: int) -> int | None:
    return None if n is None or n < minimum else n


def build(before: Year, after: Year, *, alpha: float, correction: Correction, minimum: int,
          catalogue: Catalogue, plan: Plan | None, months: int,
          duration_months: int | None, segments: bool = True) -> Comparison:
    """The comparison of two checked years (see :func:`tiltak.compare.compare`)."""
    notes = _Notes()
    cells = _cells_of(before.profile.competence, after.profile.competence)
    groups: list[tuple[str | None, str | int | float | bool | None, _Half, _Half,
                       list[_Pending]]] = []
    halves = _halves(before.profile, after.profile)
    for by, value, bh, ah in (halves if segments else halves[:1]):
        pending = [_pending(area, dim, bh, ah, minimum, catalogue, notes)
                   for area, dim in cells]
        groups.append((by, value, bh, ah, pending))
    compared = [c for *_, pending in groups for c in pending if c.samples is not None]
    for c in compared:
        assert c.samples is not None
        w = welch(c.samples[0], c.samples[1], alpha)
        c.difference, c.p, c.interval = w.difference, w.p, (w.low, w.high)
    for c, q in zip(compared, adjust([c.p or 0.0 for c in compared], correction),
                    strict=True):
        c.p_adjusted = q
    out_groups = tuple(
        Group(by=by, value=value,
              before_respondents=_published_count(bh.respondents, minimum),
              after_respondents=_published_count(ah.respondents, minimum),
              cells=tuple(_finish(c, alpha) for c in pending))
        for by, value, bh, ah, pending in groups
    )
    warnings: list[Text] = []
    if notes.bound:
        warnings.append(message_text("compare-warn-bound"))
    if notes.group_count:
        warnings.append(message_text("compare-warn-group-count"))
    if not compared:
        warnings.append(message_text("compare-warn-nothing"))
    measures = () if plan is None else _follow_up(plan, out_groups[0], catalogue, months,
                                                  duration_months)
    subject = after.profile.subject
    result = Comparison(
        format=COMPARISON_FORMAT,
        subject=SubjectInfo(kind=subject.kind, id=subject.id, name=subject.name),
        before=YearInfo(respondents=before.profile.respondents),
        after=YearInfo(respondents=after.profile.respondents),
        method=Method(test="welch", correction=correction, alpha=alpha,
                      confidence=round(1 - alpha, 6), comparisons=len(compared),
                      segments=segments,
                      minimum=minimum, months=months, duration_months=duration_months),
        groups=out_groups,
        plan=plan is not None,
        measures=measures,
        warnings=tuple(warnings),
    )
    running = list(before.profile.context.running_measures)
    if plan is not None:
        running += [pm.measure for pm in plan.measures]
    running += list(after.profile.context.running_measures)
    result._after_profile = after.profile
    result._running = tuple(dict.fromkeys(running))
    return result


def _dim_label(area: str, dim: str, catalogue: Catalogue, lang: Lang) -> str:
    known = catalogue.areas.get(area)
    name = known.name.get(lang) if known is not None else area
    return f"{name}: {DIMENSION_NAMES_NB[dim] if lang == 'nb' else dim}"


def _listing(targets: Iterable[TargetFollowUp], catalogue: Catalogue, lang: Lang) -> str:
    return ", ".join(_dim_label(t.area, t.dimension, catalogue, lang) for t in targets)


def _month_index(label: str | None) -> int | None:
    if not label:
        return None
    try:
        year, month = label.split("-")
        return int(year) * 12 + int(month) - 1
    except ValueError:
        return None


def _schedule(plan: Plan, pm: PlannedMeasure, catalogue: Catalogue, months: int,
              duration: int | None) -> tuple[int, int]:
    """(months the measure had run at the second survey, its planned duration).

    The plan is taken to start at the first survey; a measure starts at its
    own start month in the plan's calendar (at once in plans without one).
    """
    first = _month_index(plan.calendar.start if plan.calendar is not None else None)
    own = _month_index(pm.start)
    offset = own - first if first is not None and own is not None else 0
    if duration is None:
        planned = pm.months or catalogue.measures[pm.measure].months
        if pm.recurs == "yearly":
            planned = min(planned, 12)
    else:
        planned = duration
    return max(0, months - max(0, offset)), planned


def _follow_up(plan: Plan, whole: Group, catalogue: Catalogue, months: int,
               duration: int | None) -> tuple[MeasureFollowUp, ...]:
    out: list[MeasureFollowUp] = []
    for pm in plan.measures:
        measure = catalogue.measures[pm.measure]
        run, planned = _schedule(plan, pm, catalogue, months, duration)
        targets: list[TargetFollowUp] = []
        for area in measure.areas:
            for dim in measure.dimensions:
                cell = whole.cell(area, dim)
                if cell is None:
                    continue
                after = cell.after
                reached = None
                if cell.verdict != "not_compared" and after is not None and \
                        after.target is not None:
                    reached = after.level >= after.target
                targets.append(TargetFollowUp(
                    area=area, dimension=dim, verdict=cell.verdict,
                    difference=cell.difference,
                    after_level=None if after is None else after.level,
                    target=None if after is None else after.target, reached=reached))
        surveyed = [t for t in targets if t.verdict != "not_compared"]
        status: MeasureStatus
        why: MeasureWhy
        if not surveyed:
            status, why = "not_assessed", "targets_not_surveyed"
        elif all(t.reached for t in surveyed):
            status, why = "propose_ending", "targets_reached"
        elif any(t.verdict == "improved" for t in surveyed):
            status, why = "continue", "improving"
        elif run <= 0:
            status, why = "continue", "not_started"
        elif run >= planned:
            status, why = "review", "no_movement"
        else:
            status, why = "continue", "too_early"
        words = {"areas": measure.areas, "dims": measure.dimensions, "run": run,
                 "planned": planned, "start": pm.start or ""}
        out.append(MeasureFollowUp(
            measure=pm.measure, title=pm.title, phase=pm.phase, start=pm.start,
            months_run=run, duration_months=planned, targets=tuple(targets),
            status=status, why=why,
            text=Text(nb=_wording(targets, why, catalogue, words, "nb"),
                      en=_wording(targets, why, catalogue, words, "en"))))
    return tuple(out)


def _wording(targets: list[TargetFollowUp], why: MeasureWhy, catalogue: Catalogue,
             words: dict[str, Any], lg: Lang) -> str:
    parts: list[str] = []
    if why == "targets_not_surveyed":
        wanted = ", ".join(_dim_label(a, d, catalogue, lg)
                           for a in words["areas"] for d in words["dims"])
        return message("compare-m-not-surveyed", lg, dims=wanted)
    for verdict, key in (("improved", "compare-m-improved"), ("declined", "compare-m-declined"),
                         ("no_clear_change", "compare-m-unchanged")):
        chosen = [t for t in targets if t.verdict == verdict]
        if chosen:
            parts.append(message(key, lg, dims=_listing(chosen, catalogue, lg)))
    parts.append(message(f"compare-m-{why.replace('_', '-')}", lg, months=words["run"],
                         duration=words["planned"], start=words["start"]))
    return " ".join(parts)


def carry_forward(comparison: Comparison, ended: Iterable[str]) -> Profile:
    """The later profile with the running measures carried forward (see next_profile)."""
    after = comparison._after_profile
    assert after is not None, "a Comparison made by tiltak.compare.compare() has its profile"
    running = list(comparison._running)
    stop = list(dict.fromkeys(ended))
    unknown = [m for m in stop if m not in running]
    if unknown:
        raise ComparisonError([Problem("compare-not-running",
                                       {"value": m, "running": ", ".join(running) or "-"})
                               for m in unknown])
    kept = tuple(m for m in running if m not in stop)
    context = after.context.model_copy(update={"running_measures": kept})
    return after.model_copy(update={"context": context})
