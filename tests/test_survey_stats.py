"""The segment tests give exactly what scipy.stats gives (to the last bit), on scores
shaped like survey means: few distinct values, many ties, groups of any size."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from tiltak.survey._stats import bh_adjusted, kruskal_wallis, mann_whitney

# means of one to three answers on a 1-5 scale, as an import tests them
SCORES = sorted({a / k for k in (1, 2, 3) for a in range(k, 5 * k + 1)})

groups = st.lists(st.sampled_from(SCORES), min_size=1, max_size=60)
distinct = st.lists(st.floats(min_value=1, max_value=5), min_size=1, max_size=12,
                    unique=True)


def _varied(*samples: list[float]) -> bool:
    return len({x for s in samples for x in s}) > 1


@settings(max_examples=300, deadline=None)
@given(a=st.one_of(groups, distinct), b=st.one_of(groups, distinct))
def test_mann_whitney_is_scipys(a: list[float], b: list[float]) -> None:
    if not _varied(a, b):
        return
    x, y = np.array(a), np.array(b)
    expected = stats.mannwhitneyu(x, y, alternative="two-sided")
    assert mann_whitney(x, y) == (float(expected.statistic), float(expected.pvalue))


@settings(max_examples=300, deadline=None)
@given(samples=st.lists(groups, min_size=3, max_size=6))
def test_kruskal_wallis_is_scipys(samples: list[list[float]]) -> None:
    if not _varied(*samples):
        return
    arrays = [np.array(s) for s in samples]
    h, p = stats.kruskal(*arrays)
    if h < 0:  # groups with the same answers: rounding gives scipy H < 0 and p NaN
        assert kruskal_wallis(*arrays) == (0.0, 1.0)
    else:
        assert kruskal_wallis(*arrays) == (float(h), float(p))


def test_groups_with_the_same_answers_do_not_differ() -> None:
    """Found by hypothesis: rounding made H negative and the p-value NaN, which then spread
    through the adjustment to every test of the survey."""
    same = [1.0] * 20 + [4 / 3] * 2
    h, p = kruskal_wallis(*(np.array(same) for _ in range(3)))
    assert (h, p) == (0.0, 1.0)
    assert bh_adjusted([p, 0.01, 0.2]) == [1.0, 0.03, 0.30000000000000004]


def test_large_groups_are_scipys() -> None:
    rng = np.random.default_rng(14)
    arrays = [rng.choice(SCORES, size=size) + shift
              for size, shift in ((40_000, 0.0), (25_000, 0.05), (9_000, 0.0))]
    h, p = stats.kruskal(*arrays)
    assert kruskal_wallis(*arrays) == (float(h), float(p))
    res = stats.mannwhitneyu(arrays[0], arrays[1], alternative="two-sided")
    assert mann_whitney(arrays[0], arrays[1]) == (float(res.statistic), float(res.pvalue))


@settings(max_examples=300, deadline=None)
@given(ps=st.lists(st.one_of(st.floats(min_value=0, max_value=1),
                             st.sampled_from([0.0, 0.01, 0.05, 0.5, 1.0])), max_size=40))
def test_benjamini_hochberg_is_scipys(ps: list[float]) -> None:
    expected = stats.false_discovery_control(ps, method="bh") if ps else []
    assert bh_adjusted(ps) == [float(q) for q in np.atleast_1d(expected)]
