"""Follow-up year over year: compare two surveys of the same subject, honestly.

:func:`compare` takes two profiles (or two survey exports with their
definition) and judges, per area, dimension and segment, whether the level
changed by more than the survey's noise: Welch's confidence interval for the
difference in means, from the respondent counts and answer distributions, and
a Holm correction across all the comparisons. A change within the noise is
``"no_clear_change"``, never progress. Given last year's plan, each measure
gets its targeted dimensions, whether they moved, and a status
(``propose_ending``, ``review``, ``continue``, ``not_assessed``)::

    from tiltak.compare import compare

    c = compare("2024.json", "2025.json", plan="plan-2024.json")
    for cell in c.whole.cells:
        print(cell.area, cell.dimension, cell.difference, cell.verdict)
    print(c.render_text("nb"))
    c.to_json()                  # the contract tiltak.comparison/1 (docs/compare.md)
    c.next_profile()             # 2025's profile with context.running_measures carried forward

The method and the contract are described in ``docs/compare.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tiltak._args import checked
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.compare._build import build
from tiltak.compare._inputs import check_same, read_plan, read_year
from tiltak.compare._model import (
    COMPARISON_FORMAT,
    VERDICTS,
    Cell,
    Comparison,
    Group,
    Interval,
    MeasureFollowUp,
    MeasureStatus,
    Method,
    Side,
    SubjectInfo,
    TargetFollowUp,
    Verdict,
    Why,
    YearInfo,
)
from tiltak.compare._stats import CORRECTIONS, Correction
from tiltak.errors import ComparisonError, Problem
from tiltak.profile import Profile
from tiltak.survey._stats import DEFAULT_ALPHA  # one error rate for surveys and comparisons

if TYPE_CHECKING:
    from tiltak.plan import Plan
    from tiltak.survey import SurveyDefinition, SurveyImport

__all__ = [
    "COMPARISON_FORMAT",
    "COMPARISON_FORMATS",
    "CORRECTIONS",
    "DEFAULT_ALPHA",
    "DEFAULT_MINIMUM",
    "DEFAULT_MONTHS",
    "VERDICTS",
    "Cell",
    "Comparison",
    "Correction",
    "Group",
    "Interval",
    "MeasureFollowUp",
    "MeasureStatus",
    "Method",
    "Side",
    "SubjectInfo",
    "TargetFollowUp",
    "Verdict",
    "Why",
    "YearInfo",
    "compare",
]

COMPARISON_FORMATS = ("text", "markdown", "json")
DEFAULT_MINIMUM = 5
_LOWEST_MINIMUM = 3
DEFAULT_MONTHS = 12

_Input = Profile | Mapping[str, Any] | str | Path


def _minimum(given: int | None, *profiles: Profile) -> int:
    if given is not None:
        return given
    found = [p.subject.attributes.get("minimum_group") for p in profiles]
    numbers = [int(v) for v in found if isinstance(v, int) and not isinstance(v, bool)]
    return max(numbers) if numbers else DEFAULT_MINIMUM


def _check_options(alpha: float, correction: str, minimum: int | None, months: int,
                   duration_months: int | None) -> None:
    bad: list[Problem] = []
    if not 0.0 < alpha < 0.5:
        bad.append(Problem("compare-bad-option", {"name": "alpha", "value": alpha,
                                                  "expected": "0 < alpha < 0.5"}))
    if correction not in CORRECTIONS:
        bad.append(Problem("compare-bad-option", {"name": "correction", "value": correction,
                                                  "expected": " | ".join(CORRECTIONS)}))
    if minimum is not None and minimum < _LOWEST_MINIMUM:
        bad.append(Problem("compare-bad-option", {"name": "minimum", "value": minimum,
                                                  "expected": f">= {_LOWEST_MINIMUM}"}))
    for name, value in (("months", months), ("duration_months", duration_months)):
        if value is not None and value < 0:
            bad.append(Problem("compare-bad-option", {"name": name, "value": value,
                                                      "expected": ">= 0"}))
    if bad:
        raise ComparisonError(bad)


@checked
def compare(
    before: _Input | SurveyImport,
    after: _Input | SurveyImport,
    *,
    plan: Plan | Mapping[str, Any] | str | Path | None = None,
    alpha: float = DEFAULT_ALPHA,
    correction: str = "holm",  # Correction: a wrong one is a ComparisonError, as alpha's
    minimum: int | None = None,
    survey: SurveyDefinition | str | Path | None = None,
    before_survey: SurveyDefinition | str | Path | None = None,
    catalogue: Catalogue | str | Path | None = None,
    months: int = DEFAULT_MONTHS,
    duration_months: int | None = None,
    segments: bool = True,
    subject_id: str | None = None,
    subject_name: str | None = None,
) -> Comparison:
    """Compare two years of the same subject; optionally follow up last year's plan.

    ``before`` and ``after`` are profiles (a path, a dict, JSON text or a
    :class:`tiltak.Profile`), :class:`tiltak.survey.SurveyImport` results, or,
    with ``survey`` (a definition file or bundled name), survey exports
    (``before_survey`` if the first year used another definition file; its
    questions and scales must still match; a ``.json`` path is still a
    profile; ``subject_id``/``subject_name`` name the subject of exports).
    ``alpha`` is the error rate: with Holm (the default) the chance that any reported change is only
    noise is at most ``alpha``; ``"bh"`` (Benjamini-Hochberg) bounds the
    expected share of such changes instead. ``minimum`` is the smallest
    group compared (default: the larger of the profiles' ``minimum_group``,
    else 5). ``plan`` is last year's ``tiltak.plan/1`` (path, dict, JSON text
    or :class:`tiltak.plan.Plan`); ``months`` is the time between the surveys
    (the plan is taken to start at the first survey, each measure at its own
    start month in the plan's calendar). A measure without clear improvement
    is flagged for review once it has run its planned duration: its own
    (``months`` in the plan, else the catalogue's ``duration_months`` or the
    format's default), or ``duration_months`` for every measure when given. ``segments=False``
    compares the whole subject only: fewer comparisons, so smaller changes
    can be told from noise.

    Raises :class:`tiltak.errors.ComparisonError` when the years measure
    different things (areas, survey, questions, scales, subject) or the plan
    cannot be used; input errors of the profiles and exports as elsewhere.
    """
    _check_options(alpha, correction, minimum, months, duration_months)
    if isinstance(catalogue, Catalogue):
        cat = catalogue
    else:
        from tiltak._data import default_dir

        cat = load_catalogue(catalogue if catalogue is not None else default_dir("catalogue"))
    first = read_year(before, "BEFORE", before_survey if before_survey is not None else survey,
                      minimum, subject_id, subject_name)
    second = read_year(after, "AFTER", survey, minimum, subject_id, subject_name)
    check_same(first, second)
    least = _minimum(minimum, first.profile, second.profile)
    last_plan = None if plan is None else read_plan(plan, cat, second.profile)
    result = build(first, second, alpha=alpha, correction=cast(Correction, correction),
                   minimum=least,
                   catalogue=cat, plan=last_plan, months=months,
                   duration_months=duration_months, segments=segments)
    result._catalogue = cat
    return result
