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
from tiltak.rules._parser import load_rules, parse_rules, rules_from_mapping
from tiltak.rules._reason import PLACEHOLDER_KINDS, fact_area, fact_kind, fill_reason, placeholders

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
