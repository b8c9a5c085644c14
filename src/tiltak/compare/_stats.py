"""The statistics of a year-over-year comparison: Welch intervals and multiple-test corrections.

Kept apart from the models so the method is easy to read and to test on its own.
scipy is imported inside the functions so that ``import tiltak`` stays light.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Correction = Literal["holm", "bh"]
VarianceSource = Literal["distribution", "bound"]
CORRECTIONS: tuple[Correction, ...] = ("holm", "bh")
LOW, HIGH = 1.0, 5.0


@dataclass(frozen=True, slots=True)
class Sample:
    """One year's numbers for one cell: mean level, variance of an answer, respondents."""

    mean: float
    variance: float
    n: int
    source: VarianceSource


def sample(level: float, distribution: Sequence[float] | None, n: int) -> Sample:
    """The variance of one answer from the answer distribution, or a safe upper bound.

    With a distribution (shares at levels 1..5) the variance is that of the
    distribution, corrected for sample size (n / (n - 1)). Without one, only
    the mean is known, and the largest variance any answers on a 1-5 scale
    with that mean can have is used: (mean - 1) (5 - mean) (Bhatia-Davis).
    That can only make the interval wider, never narrower, than the truth.
    """
    if distribution is None:
        return Sample(level, max(0.0, (level - LOW) * (HIGH - level)), n, "bound")
    total = sum(distribution)
    mean = sum((k + 1) * s for k, s in enumerate(distribution)) / total
    var = sum(s * (k + 1 - mean) ** 2 for k, s in enumerate(distribution)) / total
    if n > 1:
        var *= n / (n - 1)
    return Sample(level, var, n, "distribution")


@dataclass(frozen=True, slots=True)
class Welch:
    """A difference in means (after - before) with its two-sided p-value and interval."""

    difference: float
    p: float
    low: float
    high: float


def welch(before: Sample, after: Sample, alpha: float) -> Welch:
    """Welch's t for two independent samples with unequal variances.

    The interval is the (1 - alpha) confidence interval for the difference in
    means, using Welch-Satterthwaite degrees of freedom.
    """
    from scipy import stats  # type: ignore[import-untyped,unused-ignore]  # lazy

    diff = after.mean - before.mean
    a = before.variance / before.n
    b = after.variance / after.n
    se2 = a + b
    if se2 <= 0.0:  # everyone gave the same answer in both years
        return Welch(diff, 1.0 if diff == 0 else 0.0, diff, diff)
    denom = 0.0
    if a > 0:
        denom += a * a / (before.n - 1)
    if b > 0:
        denom += b * b / (after.n - 1)
    df = se2 * se2 / denom
    se = math.sqrt(se2)
    p = float(min(1.0, 2.0 * stats.t.sf(abs(diff) / se, df)))
    half = float(stats.t.ppf(1.0 - alpha / 2.0, df)) * se
    return Welch(diff, p, diff - half, diff + half)


def adjust(ps: Sequence[float], method: Correction) -> list[float]:
    """Adjusted p-values for many comparisons (Holm step-down, or Benjamini-Hochberg).

    Holm keeps the chance of *any* false finding at or below alpha under any
    dependence between the tests; Benjamini-Hochberg keeps the expected share
    of false findings among the findings at or below alpha (positive dependence).
    Ties are ordered by position, so the result is deterministic.
    """
    m = len(ps)
    order = sorted(range(m), key=lambda i: (ps[i], i))
    out = [1.0] * m
    if method == "holm":
        running = 0.0
        for rank, i in enumerate(order):
            running = max(running, min(1.0, (m - rank) * ps[i]))
            out[i] = running
    else:
        running = 1.0
        for rank in range(m - 1, -1, -1):
            i = order[rank]
            running = min(running, min(1.0, m * ps[i] / (rank + 1)))
            out[i] = running
    return out
