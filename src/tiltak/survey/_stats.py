"""Segment differences: rank tests for ordinal answers (scipy), with effect sizes.

Two groups: Mann-Whitney U (two-sided) with the rank-biserial correlation
``r = 2U/(n1 n2) - 1``. More groups: Kruskal-Wallis H with
``epsilon^2 = H / (n - 1)``. The p-values of all tests in one import are
adjusted together (Benjamini-Hochberg), because a survey with a dozen cells
and several background variables runs dozens of tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def _stats() -> Any:
    """scipy.stats, imported on first use: it takes most of a second, and only surveys need it."""
    from scipy import stats  # type: ignore[import-untyped,unused-ignore]

    return stats

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
        res = _stats().mannwhitneyu(a, b, alternative="two-sided")
        u = float(res.statistic)
        effect = 2.0 * u / (len(a) * len(b)) - 1.0
        return Test(area, dimension, by, "mann-whitney", u, float(res.pvalue), "r",
                    effect, n, scores)
    h, p = _stats().kruskal(*(xs for _, xs in arrays))
    return Test(area, dimension, by, "kruskal-wallis", float(h), float(p), "epsilon2",
                float(h) / (n - 1), n, scores)


def adjust(tests: Sequence[Test]) -> list[Test]:
    """The same tests with Benjamini-Hochberg adjusted p-values in ``q``."""
    if not tests:
        return []
    qs = _stats().false_discovery_control([t.p for t in tests], method="bh")
    return [
        Test(t.area, t.dimension, t.by, t.test, t.statistic, t.p, t.effect_name, t.effect,
             t.n, t.groups, float(q))
        for t, q in zip(tests, qs, strict=True)
    ]
