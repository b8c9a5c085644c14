"""Anonymity: which groups may be published without revealing a small group.

The audit works on the cells of the cross-classification (each distinct
combination of background values, with its count of respondents), as
statistical offices audit tables (tau-ARGUS, sdcTable), not on respondents.

Every published number (count, mean, share at each level) is a sum over a
group's members, so a reader can compute the same numbers for any set whose
indicator is a linear combination of the published groups' indicators. The
published groups are the total and some segments (variable v has value j).
Respondents whose values agree on every published segment ("atoms": a cell,
or several cells that differ only in withheld values) are never told apart,
so a computable set is a union of atoms, and the span of the published groups
over atoms is the set of additive functions ``x(c) = a + sum_v f_v(c_v)``.
A set of 1..minimum-1 respondents is revealed exactly when its indicator is
such a function. The audit:

1. withholds every segment below the minimum (primary suppression);
2. withholds more while the respondents in no published segment of a variable
   are 1..minimum-1 ("total minus the rest"; complementary suppression);
3. proves that no small set is computable, or finds one and withholds the
   smallest published segment it touches, and repeats:

   * a proof (fast, exact): a small set S can only be computed if removing its
     atoms lowers the rank of the published groups over the atoms (then some
     published combination is non-zero only on S). If the atoms can be packed
     into ``minimum`` spanning sets in which an atom of c respondents is used at
     most c times (atoms of ``minimum`` or more respondents in all of them), a
     set of fewer than ``minimum`` respondents misses one spanning set, so no
     small set is computable. Ranks are computed modulo a prime and checked
     exactly: a rank modulo p is never above the rational rank, and the rank
     of all atoms is confirmed by verifying its null vectors in integers;
   * a search (exact, rational arithmetic) when the proof fails: it finds a
     small computable set or shows there is none.

The search is bounded by a work limit (arithmetic operations, counted, so the
outcome does not depend on the machine's speed). Past the limit the audit
withholds the smallest segment involved in the failed proof without searching
and counts it in ``Audit.limited``: it may withhold more than needed, never less.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    IntArray = NDArray[np.int64]
    FloatArray = NDArray[np.float64]

Cell = tuple[int, int]  # (variable index, value index)

PRIME = 2_147_483_647          # 2**31 - 1: products of two residues fit in int64
DEFAULT_WORK_LIMIT = 50_000_000
"""Arithmetic operations the exact search may spend in one audit before withholding more."""


@dataclass(frozen=True, slots=True)
class Audit:
    """The outcome of an audit: may the total be published, which segments may, and
    how many segments were withheld only because the search reached its work limit."""

    total: bool
    published: frozenset[Cell]
    limited: int = 0
    work: int = 0
    hint: Hint | None = None
    """The spanning sets of the last proof, to try on populations of the same cells."""


class _OverLimit(Exception):
    """The exact search would exceed its work limit."""


def _np() -> Any:
    import numpy  # on first use: only surveys need it

    return numpy


# --------------------------------------------------------------------------------------
# Arithmetic modulo PRIME


def _rref_mod(matrix: IntArray, full: bool = True) -> tuple[IntArray, list[int]]:
    """Reduced row echelon form modulo PRIME and its pivot columns (``full=False``: only
    below the pivots, enough for the rank)."""
    np = _np()
    m = np.array(matrix, dtype=np.int64) % PRIME
    rows, cols = m.shape
    pivots: list[int] = []
    r = 0
    for c in range(cols):
        if r == rows:
            break
        nz = np.nonzero(m[r:, c])[0]
        if nz.size == 0:
            continue
        k = r + int(nz[0])
        if k != r:
            m[[r, k]] = m[[k, r]]
        inv = pow(int(m[r, c]), PRIME - 2, PRIME)
        m[r] = (m[r] * inv) % PRIME
        factors = m[:, c].copy()
        factors[r] = 0
        if not full:
            factors[:r] = 0
        touched = np.nonzero(factors)[0]
        if touched.size:   # columns left of c are zero in the pivot row
            m[touched, c:] = (m[touched, c:] - (factors[touched, None] * m[r, c:][None, :])
                              % PRIME) % PRIME
        pivots.append(c)
        r += 1
    return m, pivots


def _gram(incidence: IntArray) -> IntArray:
    """``incidence.T @ incidence`` for a 0/1 matrix: how many rows hold each pair of
    columns, counted from the few ones in each row (a row holds the total and at most
    one value per variable) rather than by a dense product."""
    np = _np()
    rows, cols = np.nonzero(incidence)
    width = incidence.shape[1]
    if not rows.size:
        return np.zeros((width, width), dtype=np.int64)  # type: ignore[no-any-return]
    per_row = np.bincount(rows, minlength=incidence.shape[0])
    slot = np.arange(rows.size) - (np.cumsum(per_row) - per_row)[rows]
    held = np.full((incidence.shape[0], int(per_row.max())), -1, dtype=np.int64)
    held[rows, slot] = cols
    gram = np.zeros(width * width, dtype=np.int64)
    for s in range(held.shape[1]):
        for t in range(held.shape[1]):
            both = (held[:, s] >= 0) & (held[:, t] >= 0)
            gram += np.bincount(held[both, s] * width + held[both, t], minlength=width * width)
    return gram.reshape(width, width)  # type: ignore[no-any-return]


def _unique_rows(codes: IntArray) -> tuple[IntArray, IntArray]:
    """``np.unique(codes, axis=0, return_inverse=True)`` for codes of -1 and up: the rows
    as one number each (their order is the same), sorted once as integers."""
    np = _np()
    if codes.shape[1] == 0 or codes.shape[0] == 0 or int(codes.min()) < -1:
        unique, inverse = np.unique(codes, axis=0, return_inverse=True)
        return unique, inverse.reshape(-1)
    radix = codes.max(axis=0).astype(object) + 2
    if int(np.prod(radix)) >= 1 << 62:     # too many combinations for one int64
        unique, inverse = np.unique(codes, axis=0, return_inverse=True)
        return unique, inverse.reshape(-1)
    weights = np.ones(codes.shape[1], dtype=np.int64)
    for v in range(codes.shape[1] - 2, -1, -1):
        weights[v] = weights[v + 1] * int(radix[v + 1])
    key = (codes + 1) @ weights
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return codes[first], inverse.reshape(-1)


def _rank_mod(matrix: IntArray) -> int:
    return len(_rref_mod(matrix, full=False)[1])


def _null_mod(matrix: IntArray) -> list[IntArray]:
    """A basis of the null space modulo PRIME (one vector per free column)."""
    np = _np()
    reduced, pivots = _rref_mod(matrix)
    cols = reduced.shape[1]
    free = [c for c in range(cols) if c not in set(pivots)]
    basis = []
    for f in free:
        theta = np.zeros(cols, dtype=np.int64)
        theta[f] = 1
        for i, p in enumerate(pivots):
            theta[p] = (-int(reduced[i, f])) % PRIME
        basis.append(theta)
    return basis


def _rational(value: int) -> Fraction | None:
    """The fraction n/d with |n|, d below sqrt(PRIME/2) that is ``value`` modulo PRIME."""
    bound = 32_767
    r0, r1 = PRIME, value % PRIME
    s0, s1 = 0, 1
    while r1 > bound:
        q = r0 // r1
        r0, r1 = r1, r0 - q * r1
        s0, s1 = s1, s0 - q * s1
    if s1 == 0 or abs(s1) > bound:
        return None
    return Fraction(r1, s1)


# --------------------------------------------------------------------------------------
# Atoms


@dataclass(frozen=True, slots=True)
class _Atoms:
    """The population's atoms under the current publication: incidence and counts."""

    incidence: IntArray          # atoms x parameters (total first, then published segments)
    counts: IntArray             # respondents per atom
    lumped: IntArray             # atoms x variables: published value index, or -1
    params: list[Cell | None]    # parameter -> segment (None = the total)
    cell_atom: IntArray          # the atom of each cell given


def _atoms(codes: IntArray, counts: IntArray, published: list[list[int]],
           values: Sequence[int]) -> _Atoms:
    np = _np()
    lumped = np.full(codes.shape, -1, dtype=np.int64)
    params: list[Cell | None] = [None]
    for v, js in enumerate(published):
        keep = np.full(values[v] + 1, -1, dtype=np.int64)   # index 0 = no answer (-1)
        for j in js:
            keep[j + 1] = j
        lumped[:, v] = keep[codes[:, v] + 1]
        params += [(v, j) for j in js]
    if lumped.shape[1]:
        unique, inverse = _unique_rows(lumped)
    else:
        unique = np.zeros((1, 0), dtype=np.int64)
        inverse = np.zeros(len(counts), dtype=np.int64)
    atom_counts = np.bincount(inverse, weights=counts, minlength=len(unique)).astype(np.int64)
    index = {c: i for i, c in enumerate(params)}
    incidence = np.zeros((len(unique), len(params)), dtype=np.int64)
    incidence[:, 0] = 1
    for v, js in enumerate(published):
        for j in js:
            incidence[unique[:, v] == j, index[(v, j)]] = 1
    return _Atoms(incidence, atom_counts, unique, params, inverse)


# --------------------------------------------------------------------------------------
# The proof: m spanning sets


@dataclass(frozen=True, slots=True)
class _Gap:
    """Why the proof failed: a direction some spanning set lacks, and the atoms it needs."""

    params: frozenset[int]
    atoms: frozenset[int]


def _verified_rank(atoms: _Atoms) -> tuple[int, IntArray] | None:
    """The exact rank of the published groups over the atoms and integer vectors spanning
    the null space (parameters x vectors), or None if not confirmed."""
    np = _np()
    a = atoms.incidence
    gram = _gram(a)
    null = _null_mod(gram)
    rank = gram.shape[0] - len(null)
    verified = []
    for theta in null:
        fractions = []
        for x in theta.tolist():
            f = _rational(int(x))
            if f is None:
                return None
            fractions.append(f)
        scale = math.lcm(*(f.denominator for f in fractions))
        ints = [int(f * scale) for f in fractions]
        if max(abs(x) for x in ints) * a.shape[1] >= 1 << 60:
            return None
        vector = np.array(ints, dtype=np.int64)
        if np.any(a @ vector):
            return None
        verified.append(vector)
    return rank, np.array(verified, dtype=np.int64).reshape(len(verified), a.shape[1]).T


def _spanning_sets(atoms: _Atoms, minimum: int, rank: int) -> _Gap | list[list[int]]:
    """The atoms of ``minimum`` spanning sets in which an atom of c respondents is used
    at most c times (a proof of safety), or the direction the first failing set lacks.

    Each set is built greedily, modulo SMALL_PRIME: atoms with the most uses left first
    and, among those, atoms whose groups are common (least sum of 1/uses left over the
    groups it belongs to), so that scarce atoms are saved for the directions they carry.
    """
    np = _np()
    a, counts = atoms.incidence, atoms.counts
    left = np.minimum(counts, minimum)
    af = a.astype(np.float64)
    # segments, and per variable "no published value", each atom belongs to
    member = np.hstack([a, (atoms.lumped < 0).astype(np.int64)]) > 0
    rounds: list[list[int]] = []
    for _ in range(minimum):
        supply = left.astype(np.float64) @ member           # uses left per group
        scarcity = member.astype(np.float64) @ (1.0 / np.maximum(supply, 1.0))
        order = np.lexsort((np.arange(len(left)), scarcity, -left))
        order = order[left[order] > 0]
        basis, pivots, chosen = _greedy_basis(af, order, rank)
        if len(chosen) < rank:
            return _gap_of(a, basis, pivots)
        left[chosen] -= 1
        rounds.append(chosen)
    return rounds


def _rounds_to_cells(rounds: list[list[int]], atoms: _Atoms, counts: IntArray,
                     cells: IntArray) -> list[IntArray]:
    """The spanning sets as cells (indices into ``cells``), each cell used at most as
    often as it has respondents, so that they can be tried on another population."""
    np = _np()
    members: dict[int, list[int]] = {}
    for i, atom in enumerate(atoms.cell_atom.tolist()):
        members.setdefault(atom, []).append(i)
    used = np.zeros(len(counts), dtype=np.int64)
    out = []
    for chosen in rounds:
        picked = []
        for atom in chosen:
            cell = next(c for c in members[atom] if used[c] < counts[c])
            used[cell] += 1
            picked.append(int(cells[cell]))
        out.append(np.array(picked, dtype=np.int64))
    return out


@dataclass(frozen=True, slots=True)
class Hint:
    """Spanning sets that proved one population safe, as cells, with what they were
    proved for: the published segments, the rank and the verified null vectors."""

    rounds: tuple[IntArray, ...]
    published: frozenset[Cell]
    rank: int
    null: IntArray


def _hint_holds(hint: Hint, atoms: _Atoms, counts: IntArray, cells: IntArray,
                published: frozenset[Cell], minimum: int) -> bool:
    """Whether spanning sets found before still prove this population safe: every cell
    still has a respondent for each use, the population adds no direction (the verified
    null vectors still hold, so its rank is not above theirs) and every set still spans
    (the same vectors if the same segments are published, else checked again)."""
    np = _np()
    if len(hint.rounds) < minimum:
        return False
    position = {int(c): i for i, c in enumerate(cells.tolist())}
    uses: dict[int, int] = {}
    for chosen in hint.rounds:
        for c in chosen.tolist():
            uses[c] = uses.get(c, 0) + 1
    if any(c not in position or counts[position[c]] < u for c, u in uses.items()):
        return False
    if published == hint.published:
        return not bool(np.any(atoms.incidence @ hint.null))
    checked = _verified_rank(atoms)
    if checked is None:
        return False
    for chosen in hint.rounds:
        rows = np.unique(atoms.cell_atom[[position[c] for c in chosen.tolist()]])
        if _rank_mod(_gram(atoms.incidence[rows])) < checked[0]:
            return False
    return True


SMALL_PRIME = 2_097_143        # below 2**21: float64 sums of 1024 products stay exact
_CHUNK = 512
_BLOCK = 4096


def _reduce(x: FloatArray, basis: FloatArray, pivots: list[int]) -> FloatArray:
    """Rows ``x`` minus their components along the (fully reduced) basis, mod SMALL_PRIME."""
    np = _np()
    for start in range(0, len(pivots), 1024):
        block = slice(start, start + 1024)
        coef = x[:, pivots[block]]
        x = np.mod(x - np.mod(coef @ basis[block], SMALL_PRIME), SMALL_PRIME)
    return x


def _greedy_basis(a: FloatArray, order: IntArray,
                  rank: int) -> tuple[FloatArray, list[int], list[int]]:
    """The first independent atoms in ``order`` (modulo SMALL_PRIME), up to ``rank``:
    the fully reduced basis, its pivot columns and the atoms chosen. Arithmetic in
    float64 on residues below 2**21, where every product and sum of up to 1024 is exact.
    Rows are reduced a chunk at a time against the basis so far (one matrix product),
    then one by one against the rows found in the chunk."""
    np = _np()
    p = SMALL_PRIME
    width = a.shape[1]
    basis = np.zeros((0, width))
    pivots: list[int] = []
    chosen: list[int] = []
    pos = 0
    pending = order[:0]
    while len(chosen) < rank and (len(pending) or pos < len(order)):
        if not len(pending):
            pending, pos = order[pos:pos + _BLOCK], pos + _BLOCK
        if pivots:
            # only atoms that still add a direction: a non-zero product with the null space
            missing = _null_of(basis, pivots, width)
            pending = pending[np.mod(a[pending] @ missing, p).any(axis=1)]
            if not len(pending):
                continue
        rows, pending = pending[:_CHUNK], pending[_CHUNK:]
        x = _reduce(a[rows], basis, pivots)
        fresh = np.zeros((0, width))
        new: list[int] = []
        for t in np.flatnonzero(x.any(axis=1)).tolist():
            row = x[t]
            if new:
                row = np.mod(row - np.mod(row[new] @ fresh, p), p)
            nz = np.flatnonzero(row)
            if nz.size == 0:
                continue
            c = int(nz[0])
            row = np.mod(row * pow(int(row[c]), p - 2, p), p)
            if new:
                fresh = np.mod(fresh - np.mod(fresh[:, c:c + 1] * row[None, :], p), p)
            fresh = np.vstack([fresh, row[None, :]])
            new.append(c)
            chosen.append(int(rows[t]))
            if len(chosen) == rank:
                break
        if new:
            if pivots:
                basis = _reduce(basis, fresh, new)
            basis = np.vstack([basis, fresh])
            pivots += new
    return basis, pivots, chosen


def _null_of(basis: FloatArray, pivots: list[int], width: int) -> FloatArray:
    """Columns spanning the null space of a fully reduced basis, mod SMALL_PRIME."""
    np = _np()
    free = [c for c in range(width) if c not in set(pivots)]
    null = np.zeros((width, len(free)))
    for i, f in enumerate(free):
        null[f, i] = 1.0
        if pivots:
            null[pivots, i] = np.mod(-basis[:, f], SMALL_PRIME)
    return null  # type: ignore[no-any-return]


def _gap_of(a: IntArray, basis: FloatArray, pivots: list[int]) -> _Gap:
    """A direction the basis does not span but the atoms do, and the atoms that carry it."""
    np = _np()
    width = a.shape[1]
    for f in (c for c in range(width) if c not in set(pivots)):
        theta = np.zeros(width, dtype=np.int64)
        theta[f] = 1
        for k, p in enumerate(pivots):
            theta[p] = (-int(basis[k, f])) % SMALL_PRIME
        hit = np.nonzero((a @ theta) % SMALL_PRIME)[0]
        if hit.size:
            return _Gap(frozenset(np.nonzero(theta)[0].tolist()), frozenset(hit.tolist()))
    return _Gap(frozenset(), frozenset(range(a.shape[0])))


# --------------------------------------------------------------------------------------
# The search: exact, rational


def _find_leak(atoms: _Atoms, minimum: int, budget: int) -> tuple[frozenset[int] | None, int]:
    """A set of atoms of 1..minimum-1 respondents in the span of the published groups
    (None if there is none) and the work spent; raises _OverLimit past ``budget``.

    In the reduced row echelon form of the groups x atoms matrix a computable set is fixed
    by which pivot atoms it holds, so small sets of pivot atoms are enumerated.
    """
    np = _np()
    groups, width = atoms.incidence.shape[1], atoms.incidence.shape[0]
    work = groups * width * min(groups, width)
    if work > budget:
        raise _OverLimit
    sizes = [int(c) for c in atoms.counts]
    rows = [[Fraction(int(x)) for x in atoms.incidence[:, g]] for g in range(groups)]
    pivots: list[int] = []
    r = 0
    for col in range(width):
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
    sizes_f = np.array(sizes)
    spent = [work]

    def exact(chosen: list[int]) -> frozenset[int] | None:
        total = [sum((rows[k][c] for k in chosen), Fraction(0)) for c in range(width)]
        if any(x not in (0, 1) for x in total):
            return None
        members = [c for c, x in enumerate(total) if x == 1]
        if not 0 < sum(sizes[c] for c in members) < minimum:
            return None
        return frozenset(members)

    def search(start: int, chosen: list[int], acc: Any, left: int) -> frozenset[int] | None:
        for i in range(start, len(small)):
            k = small[i]
            size = sizes[pivots[k]]
            if size > left:
                continue
            spent[0] += width
            if spent[0] > budget:
                raise _OverLimit
            chosen.append(k)
            now = acc + approx[k]
            near_one = np.abs(now - 1.0) < 1e-9
            found = None
            if bool(np.all(near_one | (np.abs(now) < 1e-9))) and \
                    int(np.dot(near_one, sizes_f)) < minimum:
                found = exact(chosen)
            if found is None:
                found = search(i + 1, chosen, now, left - size)
            chosen.pop()
            if found is not None:
                return found
        return None

    found = search(0, [], np.zeros(width), minimum - 1)
    return found, spent[0]


# --------------------------------------------------------------------------------------
# The audit


def audit(codes: IntArray, counts: IntArray, values: Sequence[int], minimum: int,
          forced: frozenset[Cell] = frozenset(), limit: int = DEFAULT_WORK_LIMIT,
          progress: Callable[[], None] | None = None,
          hint: Hint | None = None, sub_counts: IntArray | None = None) -> Audit:
    """Audit one population given as cells of the cross-classification.

    ``codes[c, v]`` is the value index of variable v in cell c (-1: no answer),
    ``counts[c]`` the population's respondents in the cell, ``values[v]`` how
    many values variable v has. ``forced`` segments are withheld regardless.
    ``progress`` is called after each round (for a progress display).

    A proof (spanning sets) holds for every population that contains the one it was
    built for, as long as no cell it uses loses respondents and no direction is added.
    ``hint``: a proof from an earlier audit (``Audit.hint``), tried first;
    ``sub_counts``: a sub-population (per cell) to build the proof for first, so
    that it can serve as the hint for other populations that contain it.
    """
    np = _np()
    codes = np.asarray(codes, dtype=np.int64).reshape(len(counts), len(values))
    counts = np.asarray(counts, dtype=np.int64)
    present = np.flatnonzero(counts > 0)
    codes, counts = codes[present], counts[present]
    total = int(counts.sum())
    if total < minimum:
        return Audit(False, frozenset())
    size = []
    for v, k in enumerate(values):
        answered = codes[:, v] >= 0
        size.append(np.bincount(codes[answered, v], weights=counts[answered],
                                minlength=k).astype(np.int64).tolist())
    published: list[list[int]] = [
        [j for j in range(k) if size[v][j] >= minimum and (v, j) not in forced]
        for v, k in enumerate(values)
    ]
    work = limited = 0
    proof: Hint | None = None

    def hide_smallest(candidates: Sequence[Cell]) -> None:
        v, j = min(candidates, key=lambda c: (size[c[0]][c[1]], c))
        published[v].remove(j)

    def everything() -> list[Cell]:
        return [(v, j) for v, js in enumerate(published) for j in js]

    while True:
        if progress is not None:
            progress()
        residual = next((v for v, js in enumerate(published)
                         if 0 < total - sum(size[v][j] for j in js) < minimum), None)
        if residual is not None:
            hide_smallest([(residual, j) for j in published[residual]])
            continue
        if not everything():
            break
        atoms = _atoms(codes, counts, published, values)
        if not bool(np.any(atoms.counts < minimum)):
            break              # a computable set is a union of atoms: none is small
        proof, gap = _prove(atoms, codes, counts, present, frozenset(everything()),
                            minimum, hint, sub_counts, published, values)
        if gap is None:
            break              # proved: no small set is computable
        try:
            leak, spent = _find_leak(atoms, minimum, limit - work)
            work += spent
        except _OverLimit:
            work = limit
            hide_smallest(_suspects(atoms, gap) or everything())
            limited += 1
            continue
        if leak is None:
            break
        touching = [c for c in everything()
                    if any(atoms.lumped[a, c[0]] == c[1] for a in leak)]
        hide_smallest(touching or everything())
    return Audit(True, frozenset(everything()), limited, work, proof)


def _prove(atoms: _Atoms, codes: IntArray, counts: IntArray, present: IntArray,
           pub: frozenset[Cell], minimum: int, hint: Hint | None,
           sub_counts: IntArray | None, published: list[list[int]],
           values: Sequence[int]) -> tuple[Hint | None, _Gap | None]:
    """A proof that no small set is computable (spanning sets), or why there is none:
    first the spanning sets given, then spanning sets built for the sub-population
    ``sub_counts`` (cheaper to reuse: see :func:`audit`), then for this population."""
    np = _np()
    if hint is not None and _hint_holds(hint, atoms, counts, present, pub, minimum):
        return hint, None
    if sub_counts is not None:
        sub = np.asarray(sub_counts, dtype=np.int64)[present]
        keep = np.flatnonzero(sub > 0)
        if int(sub.sum()) >= minimum:
            sub_atoms = _atoms(codes[keep], sub[keep], published, values)
            built = _build_proof(sub_atoms, sub[keep], present[keep], pub, minimum)
            if isinstance(built, Hint) and \
                    _hint_holds(built, atoms, counts, present, pub, minimum):
                return built, None
    built = _build_proof(atoms, counts, present, pub, minimum)
    if isinstance(built, Hint):
        return built, None
    return None, built


def _build_proof(atoms: _Atoms, counts: IntArray, cells: IntArray, pub: frozenset[Cell],
                 minimum: int) -> Hint | _Gap:
    np = _np()
    checked = _verified_rank(atoms)
    if checked is None:
        return _Gap(frozenset(), frozenset(np.nonzero(atoms.counts < minimum)[0].tolist()))
    rounds = _spanning_sets(atoms, minimum, checked[0])
    if isinstance(rounds, _Gap):
        return rounds
    return Hint(tuple(_rounds_to_cells(rounds, atoms, counts, cells)), pub, checked[0],
                checked[1])


def _suspects(atoms: _Atoms, gap: _Gap) -> list[Cell]:
    """Published segments to withhold when the search cannot run: those of the failed
    proof's direction that hold the atoms it lacked, else any that hold them."""
    touching = {c for c in atoms.params[1:] if c is not None
                and any(atoms.lumped[a, c[0]] == c[1] for a in gap.atoms)}
    direction = {atoms.params[p] for p in gap.params} - {None}
    return sorted(touching & direction) or sorted(touching)


def cells_of(codes: IntArray) -> tuple[IntArray, IntArray]:
    """The distinct rows of ``codes`` (respondents x variables) and each respondent's row."""
    np = _np()
    if codes.shape[1] == 0:
        return np.zeros((1, 0), dtype=np.int64), np.zeros(codes.shape[0], dtype=np.int64)
    unique, inverse = _unique_rows(np.asarray(codes, dtype=np.int64))
    return unique.astype(np.int64), inverse.astype(np.int64)


def protect(population: int, variables: Sequence[Sequence[int]], minimum: int,
            forced: frozenset[Cell] = frozenset(),
            limit: int = DEFAULT_WORK_LIMIT) -> tuple[bool, frozenset[Cell]]:
    """Whether the total may be published, and which (variable, value) segments may,
    for groups given as bit masks of respondents (bit i = respondent i).

    ``variables[v][j]`` is the mask of the respondents with value j of variable v;
    a respondent is in at most one value per variable.
    """
    np = _np()
    n = population.bit_length()
    members = [i for i in range(n) if population >> i & 1]
    codes = np.full((len(members), len(variables)), -1, dtype=np.int64)
    for v, masks in enumerate(variables):
        for j, mask in enumerate(masks):
            for row, i in enumerate(members):
                if mask >> i & 1:
                    codes[row, v] = j
    cells, inverse = cells_of(codes)
    counts = np.bincount(inverse, minlength=len(cells)).astype(np.int64)
    result = audit(cells, counts, [len(m) for m in variables], minimum, forced, limit)
    return result.total, result.published
