"""Segment differences: rank tests for ordinal answers, with effect sizes.

Two groups: Mann-Whitney U (two-sided) with the rank-biserial correlation
``r = 2U/(n1 n2) - 1``. More groups: Kruskal-Wallis H with
``epsilon^2 = H / (n - 1)``. The p-values of all tests in one import are
adjusted together (Benjamini-Hochberg), because a survey with a dozen cells
and several background variables runs dozens of tests.

The tests are computed here with the same arithmetic, step for step, as
``scipy.stats.mannwhitneyu`` (asymptotic, with tie and continuity correction),
``kruskal`` and ``false_discovery_control`` (tests/test_survey_stats.py checks that
the results are equal to the last bit), using only ``scipy.special`` for the normal
and chi-squared tails: importing ``scipy.stats`` takes most of a second. The exact
Mann-Whitney distribution (a group of at most 8 and no ties) and very large surveys
still go to ``scipy.stats``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def _stats() -> Any:
    """scipy.stats, imported on first use: it takes most of a second, and only surveys need it."""
    from scipy import stats  # type: ignore[import-untyped,unused-ignore]

    return stats


def _special() -> Any:
    """scipy.special, imported on first use (a quarter of scipy.stats' import time)."""
    from scipy import special  # type: ignore[import-untyped,unused-ignore]

    return special


# Below this many scores every sum in the tests is an exact integer or half in float64
# (ranks, rank sums, t**3 - t), so summing in another order gives the same result.
_EXACT_BELOW = 200_000


def _ranks(data: Any) -> tuple[Any, Any]:
    """Average ranks of ``data`` (1-based, ties share their mean rank) and the size of
    each group of ties, as scipy's ``rankdata`` computes them."""
    import numpy as np

    _, inverse, counts = np.unique(data, return_inverse=True, return_counts=True)
    starts = np.cumsum(counts) - counts
    ranks = (starts + 1).astype(np.float64) + (counts.astype(np.float64) - 1) / 2
    return ranks[inverse.reshape(-1)], counts.astype(np.float64)


def mann_whitney(a: Any, b: Any) -> tuple[float, float]:
    """U of the first group and the two-sided p-value: ``scipy.stats.mannwhitneyu(a, b)``."""
    import numpy as np

    n1, n2 = len(a), len(b)
    ranks, t = _ranks(np.concatenate([a, b]))
    ties = bool(np.any(t > 1))
    if ((n1 <= 8 or n2 <= 8) and not ties) or n1 + n2 >= _EXACT_BELOW:
        res = _stats().mannwhitneyu(a, b, alternative="two-sided")   # the exact method
        return float(res.statistic), float(res.pvalue)
    r1 = np.sum(ranks[:n1])
    u1 = r1 - n1 * (n1 + 1) / 2
    u2 = n1 * n2 - u1
    u = np.maximum(u1, u2)
    mu = n1 * n2 / 2
    n = n1 + n2
    tie_term = np.sum(t**3 - t)
    s = np.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term / (n * (n - 1))))
    numerator = u - mu
    numerator -= 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        z = numerator / s
    p = _special().ndtr(-z)
    p *= 2
    return float(u1), float(np.clip(p, 0.0, 1.0))


def kruskal_wallis(*groups: Any) -> tuple[float, float]:
    """H and its p-value: ``scipy.stats.kruskal(*groups)``."""
    import numpy as np

    n = [len(g) for g in groups]
    totaln = sum(n)
    if totaln >= _EXACT_BELOW:
        h, p = _stats().kruskal(*groups)
        return _no_negative_h(float(h), float(p))
    ranked, t = _ranks(np.concatenate(groups))
    ties = 1 - np.sum(t**3 - t) / (totaln**3 - totaln)
    j = [0]
    for size in n:
        j.append(j[-1] + size)
    ssbn = sum(np.sum(ranked[j[i]:j[i + 1]])**2 / n[i] for i in range(len(groups)))
    h = 12.0 / (totaln * (totaln + 1)) * ssbn - 3 * (totaln + 1)
    h /= ties
    p = _special().chdtrc(np.asarray(len(groups) - 1, dtype=np.float64), h)
    return _no_negative_h(float(h), float(p))


def _no_negative_h(h: float, p: float) -> tuple[float, float]:
    """H cannot be below 0; rounding puts it there (and scipy's p at NaN) when every group
    has the same answers. Such groups do not differ: H 0, p 1."""
    return (0.0, 1.0) if h < 0 else (h, p)


def bh_adjusted(ps: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values: ``scipy.stats.false_discovery_control(ps)``."""
    import numpy as np

    values = np.asarray(ps, dtype=np.float64)
    m = len(values)
    if m <= 1:
        return [float(x) for x in values]
    order = np.argsort(values)
    values = values[order] * (m / np.arange(1, m + 1, dtype=np.float64))
    np.minimum.accumulate(values[::-1], out=values[::-1])
    out = np.empty_like(values)
    out[order] = values
    return [float(x) for x in np.clip(out, 0.0, 1.0)]

DEFAULT_ALPHA = 0.05


@dataclass(frozen=True, slots=True)
class GroupScore:
    """One published segment in a test: its value, size and mean score."""

    value: str
    n: int
    mean: float


@dataclass(frozen=True, slots=True)
class Test:
    """One test of whether the segments of one variable differ in one cell."""

    area: str
    dimension: str
    by: str
    test: str            # "mann-whitney" or "kruskal-wallis"
    statistic: float
    p: float
    effect_name: str     # "r" (rank-biserial) or "epsilon2"
    effect: float
    n: int
    groups: tuple[GroupScore, ...]
    q: float = 1.0       # Benjamini-Hochberg adjusted p

    @property
    def high(self) -> GroupScore:
        return max(self.groups, key=lambda g: (g.mean, -self.groups.index(g)))

    @property
    def low(self) -> GroupScore:
        return min(self.groups, key=lambda g: (g.mean, self.groups.index(g)))


def run_test(area: str, dimension: str, by: str,
             groups: Sequence[tuple[str, Any]]) -> Test | None:
    """Test one cell across the groups (at least two, each non-empty); None if untestable.

    Each group is its value and its respondents' scores (a sequence or a numpy array).
    """
    import numpy as np  # on first use: only surveys need it

    arrays = [(v, np.asarray(xs, dtype=np.float64)) for v, xs in groups]
    arrays = [(v, xs) for v, xs in arrays if len(xs)]
    if len(arrays) < 2:
        return None
    first = arrays[0][1][0]
    if not any(bool(np.any(xs != first)) for _, xs in arrays):
        return None  # every answer the same: nothing to rank
    n = sum(len(xs) for _, xs in arrays)
    # the mean summed in order, as Python sums floats (a numpy sum may differ in the last bit)
    scores = tuple(GroupScore(v, len(xs), round(sum(xs.tolist()) / len(xs), 6))
                   for v, xs in arrays)
    if len(arrays) == 2:
        (_, a), (_, b) = arrays
        u, pvalue = mann_whitney(a, b)
        effect = 2.0 * u / (len(a) * len(b)) - 1.0
        return Test(area, dimension, by, "mann-whitney", u, pvalue, "r", effect, n, scores)
    h, p = kruskal_wallis(*(xs for _, xs in arrays))
    return Test(area, dimension, by, "kruskal-wallis", h, p, "epsilon2", h / (n - 1), n,
                scores)


def adjust(tests: Sequence[Test]) -> list[Test]:
    """The same tests with Benjamini-Hochberg adjusted p-values in ``q``."""
    if not tests:
        return []
    qs = bh_adjusted([t.p for t in tests])
    return [
        Test(t.area, t.dimension, t.by, t.test, t.statistic, t.p, t.effect_name, t.effect,
             t.n, t.groups, float(q))
        for t, q in zip(tests, qs, strict=True)
    ]
