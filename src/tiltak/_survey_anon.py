"""Anonymity: which groups may be published without revealing a small group.

Groups are sets of respondents, held as bit masks (bit i = respondent i). A
group with fewer than ``minimum`` members is withheld (primary suppression).
Then more groups are withheld until no small group can be computed from the
published ones (complementary suppression):

* within a variable, the respondents in no published segment (hidden segments
  plus those who did not answer the background question) must be none or at
  least ``minimum``; otherwise "total minus the rest" would reveal them;
* across two variables, no set derivable from one variable (a union of its
  published segments, or the total minus such a union) may contain a set
  derivable from the other with fewer than ``minimum`` respondents to spare.

When a check fails, the smallest published segment involved is withheld and
the checks run again, so the result only ever withholds more.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

Cell = tuple[int, int]  # (variable index, value index)


def _size(mask: int) -> int:
    return mask.bit_count()


def _derivable(population: int, segments: Sequence[int], published: list[int],
               ) -> dict[int, tuple[int, ...]]:
    """Sets a reader can aggregate from one variable: unions of published segments and their
    complements in the population, each with the segments it is built from."""
    out: dict[int, tuple[int, ...]] = {population: ()}
    for r in range(1, len(published) + 1):
        for chosen in combinations(published, r):
            union = 0
            for j in chosen:
                union |= segments[j]
            for mask in (union, population & ~union):
                if mask and mask not in out:
                    out[mask] = chosen
    return out


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
        derived = [_derivable(population, segs[v], published[v]) for v in range(len(segs))]
        for v1, v2 in combinations(range(len(segs)), 2):
            by_size: dict[int, list[tuple[int, int, tuple[int, ...]]]] = {}
            for mask, members in derived[v2].items():
                by_size.setdefault(_size(mask), []).append((mask, v2, members))
            for mask, members in derived[v1].items():
                by_size.setdefault(_size(mask), []).append((mask, v1, members))
            leak = _find_leak(by_size, minimum)
            if leak is not None:
                hide_smallest(leak)
                changed = True
                break
    return True, frozenset((v, j) for v, js in enumerate(published) for j in js)


def _find_leak(by_size: dict[int, list[tuple[int, int, tuple[int, ...]]]],
               minimum: int) -> list[Cell] | None:
    """Two derivable sets, one inside the other, differing by 1..minimum-1 respondents."""
    for size in sorted(by_size):
        for big, vb, mb in by_size[size]:
            for smaller in range(max(0, size - minimum + 1), size):
                for small, vs, ms in by_size.get(smaller, ()):
                    if vs == vb or small & ~big:
                        continue
                    cells = [(vb, j) for j in mb] + [(vs, j) for j in ms]
                    if cells:
                        return cells
    return None
