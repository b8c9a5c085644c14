"""The cell-based anonymity audit against an independent brute force, and its work limit.

The brute force here knows nothing of cells, atoms or spanning sets: it builds the
indicator vector of every published group over the respondents and, in exact rational
arithmetic, tests every set of 1..minimum-1 respondents for membership in their span
(a set is computable by differencing exactly when it is).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiltak.cli import main
from tiltak.survey import import_survey
from tiltak.survey._anon import audit, cells_of


def _rank(rows: list[list[Fraction]]) -> int:
    """Exact rank by Gaussian elimination over the rationals."""
    m = [list(r) for r in rows]
    rank, width = 0, len(m[0]) if m else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(m)) if m[i][col] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for i in range(len(m)):
            if i != rank and m[i][col] != 0:
                f = m[i][col] / m[rank][col]
                m[i] = [a - f * b for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
    return rank


def _computable_small_sets(groups: list[list[int]], n: int, minimum: int) -> list[tuple[int, ...]]:
    """Every set of 1..minimum-1 respondents whose indicator is in the span of ``groups``."""
    if not groups:
        return []
    base = [[Fraction(x) for x in g] for g in groups]
    rank = _rank(base)
    found = []
    for size in range(1, minimum):
        for members in combinations(range(n), size):
            row = [Fraction(1 if i in members else 0) for i in range(n)]
            if _rank([*base, row]) == rank:
                found.append(members)
    return found


@st.composite
def surveys(draw: st.DrawFn) -> tuple[list[list[int]], list[int], int, list[bool]]:
    """Respondents' background values (-1 = no answer), values per variable, the minimum,
    and which respondents are in the population audited."""
    n = draw(st.integers(min_value=3, max_value=10))
    minimum = draw(st.integers(min_value=3, max_value=4))
    values = draw(st.lists(st.integers(min_value=2, max_value=4), min_size=1, max_size=4))
    rows = [[draw(st.integers(min_value=-1, max_value=k - 1)) for k in values]
            for _ in range(n)]
    if len(values) > 1 and draw(st.booleans()):
        # nested, as workplaces in sectors: variable 0's value follows from variable 1's
        parent = [draw(st.integers(min_value=0, max_value=values[0] - 1))
                  for _ in range(values[1])]
        for row in rows:
            if row[1] >= 0:
                row[0] = parent[row[1]]
    inside = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return rows, values, minimum, inside


def _published_groups(rows: list[list[int]], inside: list[bool], total: bool,
                      published: frozenset[tuple[int, int]]) -> list[list[int]]:
    groups = [[1 if inside[i] else 0 for i in range(len(rows))]] if total else []
    for v, j in sorted(published):
        groups.append([1 if inside[i] and rows[i][v] == j else 0 for i in range(len(rows))])
    return groups


def _run(rows: list[list[int]], values: list[int], minimum: int, inside: list[bool],
         **kwargs: object) -> tuple[bool, frozenset[tuple[int, int]], int]:
    codes = np.array(rows, dtype=np.int64).reshape(len(rows), len(values))
    cells, cell_of = cells_of(codes)
    counts = np.bincount(cell_of[np.array(inside, dtype=bool)], minlength=len(cells))
    result = audit(cells, counts, values, minimum, **kwargs)  # type: ignore[arg-type]
    return result.total, result.published, result.limited


def _check(rows: list[list[int]], values: list[int], minimum: int, inside: list[bool],
           total: bool, published: frozenset[tuple[int, int]]) -> None:
    groups = _published_groups(rows, inside, total, published)
    for g in groups:
        assert sum(g) >= minimum                       # primary suppression
    outside = [i for i in range(len(rows)) if not inside[i]]
    leaks = [s for s in _computable_small_sets(groups, len(rows), minimum)
             if not set(s) & set(outside)]
    assert leaks == []


@settings(max_examples=200, deadline=None)
@given(surveys())
def test_no_published_combination_reveals_a_small_group(
        case: tuple[list[list[int]], list[int], int, list[bool]]) -> None:
    rows, values, minimum, inside = case
    total, published, limited = _run(rows, values, minimum, inside)
    assert limited == 0
    _check(rows, values, minimum, inside, total, published)


@settings(max_examples=80, deadline=None)
@given(surveys())
def test_past_the_work_limit_it_withholds_more_and_never_leaks(
        case: tuple[list[list[int]], list[int], int, list[bool]]) -> None:
    rows, values, minimum, inside = case
    total, published, limited = _run(rows, values, minimum, inside, limit=0)
    _check(rows, values, minimum, inside, total, published)
    _, exact, _ = _run(rows, values, minimum, inside)
    if limited == 0:
        assert published == exact       # nothing was cut short: the same answer
    else:
        # cut short: never more than the exact audit publishes (it may, by luck, be the same)
        assert len(published) <= len(exact)


@settings(max_examples=80, deadline=None)
@given(surveys(), st.data())
def test_a_proof_from_a_sub_population_is_reused_safely(
        case: tuple[list[list[int]], list[int], int, list[bool]], data: st.DataObject) -> None:
    """The import proves safety once for a sub-population and reuses the proof for the
    populations that contain it: the result must stay safe and equal to a fresh audit."""
    rows, values, minimum, inside = case
    sub = [a and data.draw(st.booleans()) for a in inside]
    codes = np.array(rows, dtype=np.int64).reshape(len(rows), len(values))
    cells, cell_of = cells_of(codes)
    sub_counts = np.bincount(cell_of[np.array(sub, dtype=bool)], minlength=len(cells))
    everyone = [True] * len(rows)
    first = audit(cells, np.bincount(cell_of, minlength=len(cells)), values, minimum,
                  sub_counts=sub_counts)
    forced = frozenset((v, j) for v, k in enumerate(values) for j in range(k)
                       if (v, j) not in first.published)
    total, published, _ = _run(rows, values, minimum, inside, forced=forced, hint=first.hint,
                               sub_counts=sub_counts)
    _check(rows, values, minimum, inside, total, published)
    assert forced.isdisjoint(published)
    _check(rows, values, minimum, everyone, first.total, first.published)
    assert (total, published) == _run(rows, values, minimum, inside, forced=forced)[:2]


DEFINITION = """\
format: tiltak.survey/1
id: nested
title: {nb: Test, en: Test}
minimum_group: 5
scales:
  s: {options: {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}}
questions:
  - {column: Q, area: digitalisering, dimension: ferdigheter, scale: s}
background:
  - column: Sektor
    by: sector
    name: {nb: sektor, en: sector}
    values:
      - {id: helse-og-velferd, answers: [Helse], label: {nb: helse, en: health}}
      - {id: teknisk, answers: [Teknisk], label: {nb: teknisk, en: technical}}
  - column: Arbeidssted
    by: workplace
    name: {nb: arbeidssted, en: workplace}
    values:
      - {id: w1, answers: [W1], label: {nb: W1, en: W1}}
      - {id: w2, answers: [W2], label: {nb: W2, en: W2}}
      - {id: w3, answers: [W3], label: {nb: W3, en: W3}}
      - {id: w4, answers: [W4], label: {nb: W4, en: W4}}
"""
# Workplaces sit inside sectors: health = W1 (5) + W3 (2), technical = W2 (6) + W4 (3).
# W3 and W4 are too small; their 5 together pass "total minus the rest", but health minus
# W1 would reveal W3's two.
PEOPLE = [("Helse", "W1")] * 5 + [("Helse", "W3")] * 2 + [("Teknisk", "W2")] * 6 + \
    [("Teknisk", "W4")] * 3


@pytest.fixture
def nested(tmp_path: Path) -> tuple[Path, Path]:
    definition = tmp_path / "nested.yaml"
    definition.write_text(DEFINITION, encoding="utf-8")
    export = tmp_path / "nested.csv"
    lines = ["Q;Sektor;Arbeidssted"] + [f"{1 + i % 5};{s};{w}" for i, (s, w) in
                                        enumerate(PEOPLE)]
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return export, definition


def _revealed_by_profile(result: object) -> bool:
    segs = {(s.by, s.value): s.respondents for s in result.profile.segments}  # type: ignore[attr-defined]
    return ("sector", "helse-og-velferd") in segs and ("workplace", "w1") in segs


def test_nested_workplaces_are_protected(nested: tuple[Path, Path]) -> None:
    export, definition = nested
    result = import_survey(export, definition)
    assert not _revealed_by_profile(result)
    assert result.limited == 0


@pytest.mark.parametrize(("lang", "words"), [("nb", "arbeidsgrensen"), ("en", "work limit")])
def test_work_limit_is_reported_and_still_safe(nested: tuple[Path, Path], lang: str,
                                               words: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    export, definition = nested
    code = main(["survey", str(export), "--survey", str(definition), "--audit-limit", "0",
                 "--lang", lang])
    _, err = capsys.readouterr()
    assert code == 0
    assert words in err
    result = import_survey(export, definition, work_limit=0)
    assert result.limited >= 1
    assert not _revealed_by_profile(result)
    assert words in "\n".join(result.summary(lang)) and words in result.report(lang)


def test_cli_default_work_limit_is_the_library_default() -> None:
    from tiltak.cli import survey as cli_survey
    from tiltak.survey import DEFAULT_WORK_LIMIT

    assert cli_survey.DEFAULT_WORK_LIMIT == DEFAULT_WORK_LIMIT


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 40), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_cells_and_pair_counts_are_numpys(rows: int, width: int, seed: int) -> None:
    """The cells are numpy's distinct rows in numpy's order, and the pair counts of a 0/1
    matrix are its Gram matrix (both computed a faster way in the audit)."""
    from tiltak.survey._anon import _gram, _unique_rows

    rng = np.random.default_rng(seed)
    codes = rng.integers(-1, rng.integers(1, 8), size=(rows, width)).astype(np.int64)
    unique, inverse = np.unique(codes, axis=0, return_inverse=True)
    mine, mine_inverse = _unique_rows(codes)
    assert np.array_equal(mine, unique) and np.array_equal(mine_inverse, inverse.reshape(-1))
    incidence = (rng.random((rows, width + 3)) < 0.4).astype(np.int64)
    assert np.array_equal(_gram(incidence), incidence.T @ incidence)
