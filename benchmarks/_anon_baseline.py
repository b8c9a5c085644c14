"""The baseline: tiltak's anonymity audit before it worked on cells (on respondents).

Kept unchanged from src/tiltak/survey/_anon.py as it was, for the benchmarks only.

Anonymity: which groups may be published without revealing a small group.

Groups are sets of respondents, held as bit masks (bit i = respondent i). A
group with fewer than ``minimum`` members is withheld (primary suppression).
Then more groups are withheld until no small group can be computed from the
published ones (complementary suppression):

* within a variable, the respondents in no published segment (hidden segments
  plus those who did not answer the background question) must be none or at
  least ``minimum``; otherwise "total minus the rest" would reveal them;
* then an exact audit: every published number (count, mean, share at each
  level) is a sum over the group's members, so a reader can compute the same
  numbers for any set whose indicator vector is a linear combination of the
  published groups' indicators. :func:`find_leak` searches that span for a set
  of 1..minimum-1 respondents, exactly (rational arithmetic).

When a check fails, the smallest published segment involved is withheld and
the checks run again, so the result only ever withholds more.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

Cell = tuple[int, int]  # (variable index, value index)


def _size(mask: int) -> int:
    return mask.bit_count()


def _atoms(population: int, groups: Sequence[int]) -> list[int]:
    """The population split into sets no published group tells apart, in bit order."""
    by_signature: dict[tuple[bool, ...], int] = {}
    rest, i = population, 0
    while rest:
        if rest & 1:
            key = tuple(bool(g >> i & 1) for g in groups)
            by_signature[key] = by_signature.get(key, 0) | (1 << i)
        rest >>= 1
        i += 1
    return sorted(by_signature.values(), key=lambda m: (m & -m))


def find_leak(population: int, groups: Sequence[int], minimum: int) -> int | None:
    """A set of 1..minimum-1 respondents whose aggregates follow from ``groups``, or None.

    A set is computable exactly when its indicator lies in the span of the
    groups' indicators. Such a set is a union of atoms; in the reduced row
    echelon form of the groups x atoms matrix it is fixed by which pivot atoms
    it holds, so we enumerate small sets of pivot atoms and check the rest.
    """
    import numpy as np  # on first use: only surveys need it

    atoms = _atoms(population, groups)
    sizes = [_size(a) for a in atoms]
    rows = [[Fraction(1) if g & a else Fraction(0) for a in atoms] for g in groups]
    pivots: list[int] = []  # pivot column of each reduced row
    r = 0
    for col in range(len(atoms)):
        pivot = next((k for k in range(r, len(rows)) if rows[k][col] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][col]
        if lead != 1:
            rows[r] = [x / lead for x in rows[r]]
        for k in range(len(rows)):
            if k != r and rows[k][col] != 0:
                factor = rows[k][col]
                rows[k] = [x - factor * y if y else x
                           for x, y in zip(rows[k], rows[r], strict=True)]
        pivots.append(col)
        r += 1
        if r == len(rows):
            break
    small = [k for k, col in enumerate(pivots) if sizes[col] < minimum]
    # Search with floats, confirm with the exact rows: a float sum further than 1e-9 from
    # 0 or 1 cannot be exactly 0 or 1 at these sizes, so nothing is missed.
    approx = np.array([[float(x) for x in row] for row in rows[:len(pivots)]])
    width = len(atoms)

    def exact(chosen: list[int]) -> int | None:
        total = [sum((rows[k][c] for k in chosen), Fraction(0)) for c in range(width)]
        if any(x not in (0, 1) for x in total):
            return None
        members = [c for c, x in enumerate(total) if x == 1]
        if not 0 < sum(sizes[c] for c in members) < minimum:
            return None
        mask = 0
        for c in members:
            mask |= atoms[c]
        return mask

    def search(start: int, chosen: list[int], acc: Any, budget: int) -> int | None:
        for i in range(start, len(small)):
            k = small[i]
            size = sizes[pivots[k]]
            if size > budget:
                continue
            chosen.append(k)
            now = acc + approx[k]
            near_one = np.abs(now - 1.0) < 1e-9
            found = None
            if bool(np.all(near_one | (np.abs(now) < 1e-9))) and \
                    int(np.dot(near_one, sizes_f)) < minimum:
                found = exact(chosen)
            if found is None:
                found = search(i + 1, chosen, now, budget - size)
            chosen.pop()
            if found is not None:
                return found
        return None

    sizes_f = np.array(sizes)
    return search(0, [], np.zeros(width), minimum - 1)


def protect(population: int, variables: Sequence[Sequence[int]], minimum: int,
            forced: frozenset[Cell] = frozenset()) -> tuple[bool, frozenset[Cell]]:
    """Whether the total may be published, and which (variable, value) segments may.

    ``variables[v][j]`` is the mask of the respondents with value j of variable v
    (within ``population``); ``forced`` segments are withheld regardless.
    """
    if _size(population) < minimum:
        return False, frozenset()
    segs = [[s & population for s in values] for values in variables]
    published: list[list[int]] = [
        [j for j, s in enumerate(values) if _size(s) >= minimum and (v, j) not in forced]
        for v, values in enumerate(segs)
    ]

    def hide_smallest(candidates: list[Cell]) -> None:
        v, j = min(candidates, key=lambda c: (_size(segs[c[0]][c[1]]), c))
        published[v].remove(j)

    changed = True
    while changed:
        changed = False
        for v, values in enumerate(segs):
            union = 0
            for j in published[v]:
                union |= values[j]
            residual = _size(population & ~union)
            if 0 < residual < minimum:
                hide_smallest([(v, j) for j in published[v]])
                changed = True
                break
        if changed:
            continue
        groups = [population] + [segs[v][j] for v in range(len(segs)) for j in published[v]]
        leak = find_leak(population, groups, minimum)
        if leak is not None:
            touching = [(v, j) for v in range(len(segs)) for j in published[v]
                        if segs[v][j] & leak]
            hide_smallest(touching or [(v, j) for v in range(len(segs)) for j in published[v]])
            changed = True
    return True, frozenset((v, j) for v, js in enumerate(published) for j in js)
