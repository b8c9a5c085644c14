"""Anonymity: no group smaller than the minimum can be computed from what is published.

The check here is independent of the library's algorithm: every published
aggregate (count, mean, distribution) is a linear function of the group's
indicator vector, so a small group S is revealed exactly when its indicator
lies in the span of the published groups' indicators. We test that over every
S with 1..minimum-1 members.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiltak.survey import import_survey
from tiltak.survey._anon import protect

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _vector(mask: int, n: int) -> list[float]:
    return [float(mask >> i & 1) for i in range(n)]


def _revealed(published: list[int], n: int, minimum: int) -> list[tuple[int, ...]]:
    """Every group of 1..minimum-1 respondents whose indicator is in the published span."""
    if not published:
        return []
    base = np.array([_vector(m, n) for m in published])
    rank = np.linalg.matrix_rank(base)
    leaks = []
    for size in range(1, minimum):
        for group in combinations(range(n), size):
            row = np.zeros(n)
            row[list(group)] = 1.0
            if np.linalg.matrix_rank(np.vstack([base, row])) == rank:
                leaks.append(group)
    return leaks


@st.composite
def populations(draw: st.DrawFn) -> tuple[int, list[list[int]], int]:
    n = draw(st.integers(min_value=3, max_value=11))
    minimum = draw(st.integers(min_value=3, max_value=4))
    nvars = draw(st.integers(min_value=1, max_value=3))
    variables = []
    for _ in range(nvars):
        k = draw(st.integers(min_value=2, max_value=4))
        # value k means "did not answer the background question"
        labels = draw(st.lists(st.integers(min_value=0, max_value=k), min_size=n, max_size=n))
        variables.append([sum(1 << i for i, lab in enumerate(labels) if lab == j)
                          for j in range(k)])
    return n, variables, minimum


@settings(max_examples=300, deadline=None)
@given(populations())
def test_no_small_group_is_computable(case: tuple[int, list[list[int]], int]) -> None:
    n, variables, minimum = case
    everyone = (1 << n) - 1
    total_ok, published = protect(everyone, variables, minimum)
    groups = ([everyone] if total_ok else []) + [variables[v][j] for v, j in sorted(published)]
    for mask in groups:
        assert mask.bit_count() >= minimum
    assert _revealed(groups, n, minimum) == []


@settings(max_examples=100, deadline=None)
@given(populations())
def test_forced_segments_stay_hidden(case: tuple[int, list[list[int]], int]) -> None:
    """A segment withheld for the whole survey stays withheld in every cell, and the
    result is still safe."""
    n, variables, minimum = case
    everyone = (1 << n) - 1
    _, published = protect(everyone, variables, minimum)
    forced = frozenset(sorted(published)[:1])
    total_ok, again = protect(everyone, variables, minimum, forced)
    assert forced.isdisjoint(again)
    groups = ([everyone] if total_ok else []) + [variables[v][j] for v, j in sorted(again)]
    assert _revealed(groups, n, minimum) == []


@pytest.mark.parametrize(("sizes", "minimum", "hidden"), [
    ([5, 5, 5], 5, set()),            # nothing small: everything published
    ([5, 5, 4], 5, {0, 2}),           # one small: the smallest other (first on ties) too
    ([6, 5, 4, 4], 5, {2, 3}),        # two small hidden together are 8 >= 5: enough
    ([9, 2], 3, {0, 1}),              # the only other segment cannot protect it alone
])
def test_complementary_suppression_table(sizes: list[int], minimum: int,
                                         hidden: set[int]) -> None:
    masks, start = [], 0
    for size in sizes:
        masks.append(((1 << size) - 1) << start)
        start += size
    _, published = protect((1 << start) - 1, [masks], minimum)
    assert {j for j in range(len(sizes)) if (0, j) not in published} == hidden


def test_example_residuals_are_safe() -> None:
    """In the example profile, total minus the published segments is never a small group."""
    result = import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa")
    data = json.loads(result.to_json())
    minimum = result.minimum
    for by in {s["by"] for s in data["segments"]}:
        segs = [s for s in data["segments"] if s["by"] == by]
        rest = data["respondents"] - sum(s["respondents"] for s in segs)
        assert rest == 0 or rest >= minimum, by
        for area, dims in data["competence"].items():
            for dim, value in dims.items():
                shown = [s["competence"].get(area, {}).get(dim) for s in segs]
                rest = value["respondents"] - sum(v["respondents"] for v in shown if v)
                assert rest == 0 or rest >= minimum, (by, area, dim)
    assert result.withheld and "teknisk" not in result.to_json().split('"segments"')[1]


def test_minimum_is_configurable_but_never_below_three() -> None:
    # three work in technical services and two did not say: with a minimum of 3 the
    # sector segment would be published, but then total minus the sectors would reveal the
    # two, so it is withheld anyway (complementary suppression).
    small = import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa", minimum=3)
    assert not any(s.value == "teknisk" for s in small.profile.segments)
    assert any(w.by == "sector" and w.groups == 1 for w in small.withheld)
    big = import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa", minimum=20)
    assert all((s.respondents or 0) >= 20 for s in big.profile.segments)
