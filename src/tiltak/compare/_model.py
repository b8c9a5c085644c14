"""The comparison contract (``tiltak.comparison/1``) as immutable models.

These field names are public: ``tiltak report`` and other applications read
them. Extend compatibly; document every change in ``docs/compare.md``.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr

from tiltak._i18n import Lang
from tiltak._validation import Dimension, Text
from tiltak.catalogue import Catalogue
from tiltak.profile import Profile, SubjectKind

COMPARISON_FORMAT = "tiltak.comparison/1"
Verdict = Literal["improved", "declined", "no_clear_change", "not_compared"]
VERDICTS: tuple[Verdict, ...] = ("improved", "declined", "no_clear_change", "not_compared")
Why = Literal[
    "clear_change",
    "within_noise",
    "not_clear_after_correction",
    "not_published_before",
    "not_published_after",
    "below_minimum",
    "no_respondent_count",
]
MeasureStatus = Literal["propose_ending", "review", "continue", "not_assessed"]
MeasureWhy = Literal[
    "targets_reached", "no_movement", "improving", "too_early", "not_started",
    "targets_not_surveyed",
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SubjectInfo(_Out):
    """Who was surveyed (from the later profile)."""

    kind: SubjectKind
    id: str | None
    name: str | None


class Side(_Out):
    """One year's published numbers for one area and dimension of one group.

    ``low_share`` / ``high_share``: share of answers at levels 1-2 / 4-5
    (None without a distribution). ``variance`` says where the spread came
    from: the answer ``distribution``, or the widest spread possible for the
    mean (``bound``) when only the mean is known.
    """

    level: float
    respondents: int | None
    low_share: float | None
    high_share: float | None
    target: float | None
    variance: Literal["distribution", "bound"]


class Interval(_Out):
    """The confidence interval for the change (after - before), in levels."""

    low: float
    high: float


class Cell(_Out):
    """The change in one area and dimension of one group, judged against the noise.

    ``difference`` = after level - before level. ``p`` is Welch's two-sided
    p-value; ``p_adjusted`` is corrected for all the comparisons in this
    comparison (Holm by default), and decides the ``verdict``. ``why`` says
    why: ``clear_change``, ``within_noise``, ``not_clear_after_correction``
    (clear on its own, not among this many comparisons), or why it was not
    compared (``not_published_before``/``_after``, ``below_minimum``,
    ``no_respondent_count``).
    """

    area: str
    dimension: Dimension
    before: Side | None
    after: Side | None
    difference: float | None
    interval: Interval | None
    p: float | None
    p_adjusted: float | None
    verdict: Verdict
    why: Why


class Group(_Out):
    """The whole subject (``by`` and ``value`` None) or one segment, with its cells."""

    by: str | None
    value: str | int | float | bool | None
    before_respondents: int | None
    after_respondents: int | None
    cells: tuple[Cell, ...]

    @property
    def is_whole(self) -> bool:
        return self.by is None

    def cell(self, area: str, dimension: str) -> Cell | None:
        """The cell for ``area`` and ``dimension``, if both years had it."""
        return next((c for c in self.cells if c.area == area and c.dimension == dimension),
                    None)


class TargetFollowUp(_Out):
    """How one dimension a measure targets moved (in the whole subject).

    ``reached``: the later level is at or above the target (None when the
    dimension was not surveyed or no target is known).
    """

    area: str
    dimension: Dimension
    verdict: Verdict
    difference: float | None
    after_level: float | None
    target: float | None
    reached: bool | None


class MeasureFollowUp(_Out):
    """A measure from last year's plan: its targeted dimensions, whether they moved, a status.

    ``status``: ``propose_ending`` (every surveyed target reached),
    ``review`` (no targeted dimension improved after the planned duration),
    ``continue``, or ``not_assessed`` (the survey does not measure its targets).
    ``start`` is the plan's start month for it (``YYYY-MM``, None in plans
    without a calendar); ``months_run`` how long it had run at the second
    survey; ``duration_months`` how long it was planned to run (one round of a
    recurring measure). ``text`` says it in words, never claiming the measure
    caused a change.
    """

    measure: str
    title: Text
    phase: int | None
    start: str | None
    months_run: int
    duration_months: int
    targets: tuple[TargetFollowUp, ...]
    status: MeasureStatus
    why: MeasureWhy
    text: Text


class Method(_Out):
    """How the change was judged: test, correction, error rate, minimum group, durations.

    ``comparisons`` is the number of cells compared (the size of the
    correction); ``segments`` is False when only the whole subject was compared.
    ``months`` is the time between the surveys; ``duration_months`` a planned
    duration given for every measure (None: each measure's own, from the plan
    or the catalogue).
    """

    test: Literal["welch"]
    correction: Literal["holm", "bh"]
    alpha: float
    confidence: float
    comparisons: int
    segments: bool
    minimum: int
    months: int
    duration_months: int | None


class YearInfo(_Out):
    """Respondents in one year (the whole subject)."""

    respondents: int | None


class Comparison(_Out):
    """Two surveys or profiles of the same subject compared (format ``tiltak.comparison/1``).

    ``groups[0]`` is the whole subject; segments follow. ``measures`` is
    empty unless last year's plan was given. ``to_json()`` is canonical.
    """

    format: Literal["tiltak.comparison/1"]
    subject: SubjectInfo
    before: YearInfo
    after: YearInfo
    method: Method
    groups: tuple[Group, ...]
    plan: bool
    measures: tuple[MeasureFollowUp, ...]
    warnings: tuple[Text, ...]

    _after_profile: Profile | None = PrivateAttr(default=None)
    _running: tuple[str, ...] = PrivateAttr(default=())
    _catalogue: Catalogue | None = PrivateAttr(default=None)

    @property
    def whole(self) -> Group:
        """The whole subject's group (the organisation, not a segment)."""
        return self.groups[0]

    @property
    def segments(self) -> tuple[Group, ...]:
        return self.groups[1:]

    def changed(self) -> list[tuple[Group, Cell]]:
        """Every cell with a clear change (improved or declined), whole subject first."""
        return [(g, c) for g in self.groups for c in g.cells
                if c.verdict in ("improved", "declined")]

    def to_json(self) -> str:
        """The contract as canonical JSON (UTF-8 text, two-space indent, trailing newline)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    def render_text(self, lang: Lang = "en") -> str:
        from tiltak.compare._render import render_text

        return render_text(self, lang)

    def render_markdown(self, lang: Lang = "en") -> str:
        from tiltak.compare._render import render_markdown

        return render_markdown(self, lang)

    def render(self, fmt: str = "text", lang: Lang = "en") -> str:
        """The comparison as ``text``, ``markdown`` or ``json``."""
        if fmt == "json":
            return self.to_json()
        if fmt == "markdown":
            return self.render_markdown(lang)
        return self.render_text(lang)

    def next_profile(self, *, ended: tuple[str, ...] | list[str] = ()) -> Profile:
        """The later year's profile with ``context.running_measures`` carried forward.

        Running = last year's running measures, the measures of last year's
        plan and any the later profile already lists, in that order, less the
        measures in ``ended``. Next year's suggestions then do not repeat them.
        """
        from tiltak.compare._build import carry_forward

        return carry_forward(self, ended)
