"""The compiled, engine-neutral form of rules: an immutable tree of plain dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from tiltak._args import checked
from tiltak._validation import Text
from tiltak.catalogue import Source

Op = Literal[">=", "<=", ">", "<"]
_Scalar = str | int | float | bool | None



@dataclass(frozen=True, slots=True)
class Compare:
    """A numeric fact compared with a constant; false when the fact is unknown."""

    fact: str
    op: Op
    value: float


@dataclass(frozen=True, slots=True)
class Equals:
    """A scalar fact equal to a constant; false when the fact is unknown."""

    fact: str
    value: _Scalar


@dataclass(frozen=True, slots=True)
class InSet:
    """A scalar fact that is one of the values."""

    fact: str
    values: frozenset[_Scalar]


@dataclass(frozen=True, slots=True)
class HasAny:
    """A set-valued fact that contains at least one of the values."""

    fact: str
    values: frozenset[str]


@dataclass(frozen=True, slots=True)
class NeedHeld:
    """A need derived by a rule that fired earlier in the same evaluation."""

    need: str


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Condition



Condition: TypeAlias = Compare | Equals | InSet | HasAny | NeedHeld | AllOf | AnyOf | Not



@dataclass(frozen=True, slots=True)
class Recommend:
    """Score for a measure: ``weight + sum(multiplier * gap) + sum(multiplier * share)``.

    ``per_gap`` pairs gap facts with points per point of gap; ``per_share`` pairs share facts
    (the share answering 1 or 2) with points for a share of 1 (all respondents), so the score
    rises smoothly with the gap and with the share of low answers. ``per_below`` holds
    ``(attribute fact, threshold, points)``: points for each unit a numeric subject attribute
    lies below the threshold (``per_attribute`` in a rule file), so a figure such as the
    average position size grades the score as a gap does.
    """

    measure: str
    weight: float
    per_gap: tuple[tuple[str, float], ...] = ()
    per_share: tuple[tuple[str, float], ...] = ()
    per_below: tuple[tuple[str, float, float], ...] = ()



@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule. ``suppresses``/``defers`` are measure ids (formats expanded)."""

    id: str
    reason: Text
    when: Condition | None
    recommends: tuple[Recommend, ...] = ()
    derives: tuple[str, ...] = ()
    suppresses: tuple[str, ...] = ()
    defers: tuple[str, ...] = ()
    suppress_in_matched_areas: bool = False
    defer_in_matched_areas: bool = False
    sources: tuple[Source, ...] = ()
    lesson: int | None = None
    #: A standing task: the rule reads who the subject is, not a finding; what it alone
    #: recommends ranks after every measure a finding supports (docs/rule-language.md).
    standing: bool = False
    file: str = ""
    line: int = 0

    def tested_needs(self) -> frozenset[str]:
        return frozenset(_needs_in(self.when)) if self.when is not None else frozenset()



@dataclass(frozen=True)
class RuleSet:
    """Compiled rules in evaluation order (rules deriving a need before rules testing it)."""

    rules: tuple[Rule, ...]
    needs: frozenset[str]
    fingerprint: str
    catalogue_fingerprint: str = ""
    by_id: Mapping[str, Rule] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.rules)



def _needs_in(cond: Condition | None) -> Iterable[str]:
    if isinstance(cond, NeedHeld):
        yield cond.need
    elif isinstance(cond, AllOf | AnyOf):
        for item in cond.items:
            yield from _needs_in(item)
    elif isinstance(cond, Not):
        yield from _needs_in(cond.item)



@checked
def condition_facts(cond: Condition | None) -> list[str]:
    """Every fact a condition reads, in order of first appearance."""
    return facts_of(cond)


def facts_of(cond: Condition | None) -> list[str]:
    """:func:`condition_facts` without the argument check, for the parser and lint, which
    call it once per rule with conditions they compiled themselves."""
    out: dict[str, None] = {}
    _facts_into(cond, out)
    return list(out)


def _facts_into(node: Condition | None, out: dict[str, None]) -> None:
    # Module level, not a recursive closure: that would be a reference cycle per call, and
    # the engine calls this for every rule with a placeholder in its reason.
    if isinstance(node, Compare | Equals | InSet | HasAny):
        out.setdefault(node.fact, None)
    elif isinstance(node, AllOf | AnyOf):
        for item in node.items:
            _facts_into(item, out)
    elif isinstance(node, Not):
        _facts_into(node.item, out)

