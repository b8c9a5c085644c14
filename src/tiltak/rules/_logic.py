"""Reasoning about compiled conditions: can a condition hold, does one imply another.

Conditions are turned into disjunctive normal form (a list of conjunctions of
literals) and each conjunction is checked with per-fact interval reasoning for
:class:`~tiltak.rules.Compare`, set reasoning for ``Equals``/``InSet``/``HasAny``
and the needs that rules can derive. The analysis is conservative: when it
cannot decide (the normal form would be too large), it answers "may hold", so
lint never reports a rule that could fire as dead.

The semantics follow the engine: a condition on an unknown fact is false and
its negation true; a gap exists only together with its level and target; a
share only together with its level.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

from tiltak.profile import SUBJECT_KINDS
from tiltak.rules import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    Equals,
    HasAny,
    InSet,
    NeedHeld,
    Not,
    Op,
    Rule,
)

Scalar: TypeAlias = str | int | float | bool | None
Atom: TypeAlias = Compare | Equals | InSet | HasAny | NeedHeld
Literal_: TypeAlias = tuple[bool, Atom]
Term: TypeAlias = frozenset[Literal_]

MAX_TERMS = 256
_INF = float("inf")
_NEGATED: dict[Op, Op] = {">=": "<", ">": "<=", "<=": ">", "<": ">="}
# facts every profile has, so a negated comparison on them is a plain complement
_ALWAYS_KNOWN = frozenset({"subject.kind", "sectors.count"})


class _TooLarge(Exception):
    pass


def dnf(cond: Condition | None, negate: bool = False) -> list[Term]:
    """``cond`` (or its negation) as a list of conjunctions; raises _TooLarge past MAX_TERMS."""
    if cond is None:
        return [] if negate else [frozenset()]
    if isinstance(cond, Not):
        return dnf(cond.item, not negate)
    if isinstance(cond, AllOf | AnyOf):
        conjunctive = isinstance(cond, AllOf) != negate
        parts = [dnf(item, negate) for item in cond.items]
        if not conjunctive:
            out = [term for part in parts for term in part]
            if len(out) > MAX_TERMS:
                raise _TooLarge
            return out
        terms: list[Term] = [frozenset()]
        for part in parts:
            terms = [a | b for a in terms for b in part]
            if len(terms) > MAX_TERMS:
                raise _TooLarge
        return terms
    return [frozenset({(not negate, cond)})]


@dataclass
class _Interval:
    lo: float = -_INF
    lo_strict: bool = False
    hi: float = _INF
    hi_strict: bool = False

    def add(self, op: Op, value: float) -> None:
        if op in (">=", ">"):
            strict = op == ">"
            if value > self.lo or (value == self.lo and strict):
                self.lo, self.lo_strict = value, strict
        else:
            strict = op == "<"
            if value < self.hi or (value == self.hi and strict):
                self.hi, self.hi_strict = value, strict

    def empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_strict or self.hi_strict))

    def holds(self, value: float) -> bool:
        above = value > self.lo or (value == self.lo and not self.lo_strict)
        below = value < self.hi or (value == self.hi and not self.hi_strict)
        return above and below


def _domain(fact: str) -> tuple[float, float] | None:
    if fact.endswith((".level", ".target")):
        return 1.0, 5.0
    if fact.endswith(".gap"):
        return 0.0, 4.0
    if ".share_at_or_" in fact:
        return 0.0, 1.0
    if fact in ("respondents", "sectors.count"):
        return 0.0, _INF
    return None


def _key(value: Scalar) -> tuple[bool, Scalar]:
    """Keep booleans apart from numbers (True is not 1 to the engine)."""
    return isinstance(value, bool), value


def _numeric(value: Scalar) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _known_facts(term: Term) -> set[str]:
    known = set(_ALWAYS_KNOWN)
    for positive, atom in term:
        if positive and isinstance(atom, Compare | Equals | InSet):
            known.add(atom.fact)
    for fact in list(known):
        base, _, tail = fact.rpartition(".")
        if tail == "gap":
            known.update({f"{base}.level", f"{base}.target"})
        elif tail.startswith("share_at_or_"):
            known.add(f"{base}.level")
    return known


def consistent(term: Term, derivable: frozenset[str]) -> bool:
    """Whether some profile makes every literal of ``term`` true."""
    needs_pos = {a.need for p, a in term if p and isinstance(a, NeedHeld)}
    needs_neg = {a.need for p, a in term if not p and isinstance(a, NeedHeld)}
    if needs_pos - derivable or needs_pos & needs_neg:
        return False
    known = _known_facts(term)
    by_fact: dict[str, list[Literal_]] = {}
    for lit in term:
        if not isinstance(lit[1], NeedHeld):
            by_fact.setdefault(lit[1].fact, []).append(lit)
    intervals: dict[str, _Interval] = {}
    for fact, lits in sorted(by_fact.items()):
        if any(isinstance(a, HasAny) for _, a in lits):
            if not _sets_consistent(lits):
                return False
            continue
        interval = _fact_interval(fact, lits, fact in known)
        if interval is not None:
            if interval.empty():
                return False
            intervals[fact] = interval
        if not _values_consistent(fact, lits, interval, fact in known):
            return False
    return _gaps_consistent(intervals, known)


def _fact_interval(fact: str, lits: list[Literal_], known: bool) -> _Interval | None:
    compares = [(p, a) for p, a in lits if isinstance(a, Compare)]
    domain = _domain(fact)
    if not compares and not (known and domain):
        return None
    interval = _Interval()
    if domain is not None:
        interval.add(">=", domain[0])
        interval.add("<=", domain[1])
    for positive, atom in compares:
        assert isinstance(atom, Compare)
        if positive:
            interval.add(atom.op, atom.value)
        elif known:
            interval.add(_NEGATED[atom.op], atom.value)
    return interval


def _values_consistent(fact: str, lits: list[Literal_], interval: _Interval | None,
                       known: bool) -> bool:
    allowed: set[tuple[bool, Scalar]] | None = None
    if fact == "subject.kind":
        allowed = {_key(k) for k in SUBJECT_KINDS}
    banned: set[tuple[bool, Scalar]] = set()
    for positive, atom in lits:
        if isinstance(atom, Equals | InSet):
            values = {atom.value} if isinstance(atom, Equals) else set(atom.values)
            keys = {_key(v) for v in values}
            if positive:
                allowed = keys if allowed is None else allowed & keys
            else:
                banned |= keys
    has_compare = any(isinstance(a, Compare) for _, a in lits)
    if allowed is not None:
        left = allowed - banned
        if has_compare and interval is not None:
            left = {k for k in left if _numeric(k[1]) and interval.holds(float(k[1]))}  # type: ignore[arg-type]
        return bool(left)
    if known and has_compare and interval is not None and interval.lo == interval.hi:
        return _key(interval.lo) not in banned and _key(int(interval.lo)) not in banned
    return True


def _sets_consistent(lits: list[Literal_]) -> bool:
    banned: set[str] = set()
    for positive, atom in lits:
        if not positive and isinstance(atom, HasAny):
            banned |= atom.values
    return all(
        bool(atom.values - banned)
        for positive, atom in lits
        if positive and isinstance(atom, HasAny)
    )


def _gaps_consistent(intervals: dict[str, _Interval], known: set[str]) -> bool:
    """gap = max(0, target - level): check the gap's range against level and target."""
    for fact in known:
        if not fact.endswith(".gap"):
            continue
        base = fact[: -len(".gap")]
        gap = intervals.get(fact, _Interval(0.0, False, 4.0, False))
        level = intervals.get(f"{base}.level", _Interval(1.0, False, 5.0, False))
        target = intervals.get(f"{base}.target", _Interval(1.0, False, 5.0, False))
        most = max(0.0, target.hi - level.lo)
        least = max(0.0, target.lo - level.hi)
        if gap.lo > most or (gap.lo == most and gap.lo_strict):
            return False
        if gap.hi < least or (gap.hi == least and gap.hi_strict):
            return False
    return True


def _base(fact: str) -> str:
    """The part of a fact that ties it to others: ``area.dim`` for its level, target, gap, share."""
    return fact.rpartition(".")[0]


@dataclass(frozen=True, slots=True)
class _Split:
    """One conjunction taken apart: its needs, and its other literals by the base of their fact.

    Literals on facts of different bases constrain each other in no way (in
    :func:`consistent` intervals, values, known facts and gaps all stay within one base), so
    a conjunction is consistent exactly when its needs are and each base's part is.
    """

    needs: frozenset[str]
    not_needs: frozenset[str]
    parts: dict[str, Term]
    parts_ok: bool


class Logic:
    """Satisfiability and implication of conditions, given the needs rules can derive.

    Lint asks this for many pairs of rules, so each rule's normal form (and its negation's)
    is computed once and taken apart by base (:class:`_Split`); a pair then only checks the
    bases both sides constrain, with each merged part's answer kept. The answers are those
    of :func:`consistent` on the whole conjunction.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = tuple(rules)
        self._dnf: dict[tuple[int, bool], tuple[Condition | None, list[_Split] | None]] = {}
        self._parts: dict[Term, bool] = {}
        self._merged: dict[tuple[Term, Term], bool] = {}
        self.all_needs = frozenset(n for r in self.rules for n in r.derives)
        self.derivable = self._derivable()

    def _derivable(self) -> frozenset[str]:
        derivable: frozenset[str] = frozenset()
        changed = True
        while changed:
            changed = False
            for rule in self.rules:
                if set(rule.derives) <= derivable:
                    continue
                if self.may_hold(rule.when, derivable):
                    derivable = derivable | set(rule.derives)
                    changed = True
        return derivable

    def _terms(self, cond: Condition | None, negate: bool = False) -> list[_Split] | None:
        """``dnf(cond, negate)`` taken apart, remembered per condition; None when too large."""
        key = (id(cond), negate)
        found = self._dnf.get(key)
        if found is not None and found[0] is cond:
            return found[1]
        try:
            splits: list[_Split] | None = [self._split(t) for t in dnf(cond, negate)]
        except _TooLarge:
            splits = None
        self._dnf[key] = (cond, splits)  # the condition is kept, so its id stays its own
        return splits

    def _split(self, term: Term) -> _Split:
        needs: set[str] = set()
        not_needs: set[str] = set()
        by_base: dict[str, set[Literal_]] = {}
        for lit in term:
            atom = lit[1]
            if isinstance(atom, NeedHeld):
                (needs if lit[0] else not_needs).add(atom.need)
            else:
                by_base.setdefault(_base(atom.fact), set()).add(lit)
        parts = {base: self._part(frozenset(lits)) for base, lits in by_base.items()}
        ok = all(self._parts[part] for part in parts.values())
        return _Split(frozenset(needs), frozenset(not_needs), parts, ok)

    def _part(self, part: Term) -> Term:
        """``part``, with its answer kept (the needs play no part in it)."""
        if part not in self._parts:
            self._parts[part] = consistent(part, frozenset())
        return part

    def _pair(self, a: _Split, b: _Split, derivable: frozenset[str]) -> bool:
        """``consistent(a | b, derivable)`` for two conjunctions taken apart."""
        if not (a.parts_ok and b.parts_ok):
            return False
        if a.needs or b.needs or a.not_needs or b.not_needs:
            needs = a.needs | b.needs
            if needs - derivable or needs & (a.not_needs | b.not_needs):
                return False
        if len(b.parts) < len(a.parts):
            a, b = b, a
        merged = self._merged
        for base, part in a.parts.items():
            other = b.parts.get(base)
            if other is None:
                continue
            key = (part, other)
            answer = merged.get(key)
            if answer is None:
                answer = merged[key] = consistent(part | other, derivable)
            if not answer:
                return False
        return True

    def may_hold(self, cond: Condition | None, needs: frozenset[str] | None = None) -> bool:
        """False only when ``cond`` can never hold (with ``needs`` derivable)."""
        usable = self.derivable if needs is None else needs
        splits = self._terms(cond)
        if splits is None:
            return True
        return any(t.parts_ok and not (t.needs - usable or t.needs & t.not_needs)
                   for t in splits)

    def implies(self, first: Condition | None, second: Condition | None) -> bool:
        """True only when ``second`` holds whenever ``first`` holds."""
        if second is None:
            return True
        # dnf(AllOf((first, Not(second)))) is the product of the two normal forms.
        negated = self._terms(second, negate=True)
        firsts = [_EMPTY] if first is None else self._terms(first)
        if firsts is None or negated is None or len(firsts) * len(negated) > MAX_TERMS:
            return False
        return not any(self._pair(a, b, self.all_needs) for a in firsts for b in negated)

    def overlap(self, first: Condition | None, second: Condition | None) -> bool:
        """True when some profile may make both conditions hold."""
        if first is None or second is None:
            return self.may_hold(first if second is None else second)
        # may_hold(AllOf((first, second))) is the product of the two normal forms.
        firsts, seconds = self._terms(first), self._terms(second)
        if firsts is None or seconds is None or len(firsts) * len(seconds) > MAX_TERMS:
            return True
        return any(self._pair(a, b, self.derivable) for a in firsts for b in seconds)


_EMPTY = _Split(frozenset(), frozenset(), {}, True)
