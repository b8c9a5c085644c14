"""Declarative rules: the YAML rule language and its compiled, engine-neutral form.

:func:`load_rules` reads a directory of rule files, validates them against a
catalogue and compiles them into a :class:`RuleSet`: an immutable tree of
plain dataclasses that every evaluation backend reads. The language is
documented in ``docs/rule-language.md``.

Facts are named by strings: ``AREA.DIM.level``, ``AREA.DIM.target``,
``AREA.DIM.gap``, ``AREA.DIM.share_at_or_below_L`` and
``AREA.DIM.share_at_or_above_L`` (numbers); ``respondents`` and
``sectors.count`` (numbers); ``subject.kind``, ``subject.sector`` and
``attribute.NAME`` (scalars); ``subject.roles``, ``context.sectors``,
``context.running_measures`` and ``context.avoid_formats`` (sets of ids).
"""

from typing import TYPE_CHECKING, Any

from tiltak.rules._ir import (
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
    Recommend,
    Rule,
    RuleSet,
    condition_facts,
)
from tiltak.rules._reason import PLACEHOLDER_KINDS, fact_area, fact_kind, fill_reason, placeholders

if TYPE_CHECKING:
    from tiltak.rules._parser import load_rules, parse_rules, rules_from_mapping

_PARSER_NAMES = ("load_rules", "parse_rules", "rules_from_mapping")

__all__ = [
    "PLACEHOLDER_KINDS",
    "AllOf",
    "AnyOf",
    "Compare",
    "Condition",
    "Equals",
    "HasAny",
    "InSet",
    "NeedHeld",
    "Not",
    "Op",
    "Recommend",
    "Rule",
    "RuleSet",
    "condition_facts",
    "fact_area",
    "fact_kind",
    "fill_reason",
    "load_rules",
    "parse_rules",
    "placeholders",
    "rules_from_mapping",
]


def __getattr__(name: str) -> Any:
    """The parser on first use: evaluating compiled rules (a cached rule set) needs none."""
    if name in _PARSER_NAMES:
        from tiltak.rules import _parser

        return getattr(_parser, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
