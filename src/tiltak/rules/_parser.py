"""Parsing and compiling rule files: a rule's fields, then the ordered, fingerprinted set."""

from __future__ import annotations

import graphlib
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from tiltak import _limits
from tiltak._args import checked
from tiltak._i18n import add_messages
from tiltak._validation import ID_PATTERN, Text
from tiltak._yaml import YamlDoc, load_yaml_file, yaml_sources
from tiltak.catalogue import Catalogue, Source
from tiltak.errors import Problem, RuleError
from tiltak.rules._actions import ActionParser
from tiltak.rules._base import _Loc, _shown
from tiltak.rules._conditions import ConditionParser
from tiltak.rules._ir import (
    AllOf,
    AnyOf,
    Condition,
    Not,
    Recommend,
    Rule,
    RuleSet,
    facts_of,
)
from tiltak.rules._reason import (
    PLACEHOLDER_KINDS,
    area_always_matched,
    placeholder_covered,
    placeholders,
)

_RULE_FIELDS = ("id", "reason", "when", "then", "sources", "lesson", "standing",
                "description")

_THEN_FIELDS = ("recommend", "derive", "suppress", "defer")



class _Parser(ConditionParser, ActionParser):
    """The whole rule parser: conditions and actions, combined into rules."""

    def reason_placeholders(self, reason: Text, when: Condition | None, loc: _Loc) -> None:
        """Every placeholder in a reason is well-formed and names a fact the rule tests."""
        tested = facts_of(when)
        for lang in ("nb", "en"):
            found, bad = placeholders(reason.get(lang))
            for text in bad:
                self.fail((*loc, lang), "rule-placeholder-unknown", value=text,
                          expected=", ".join("{" + k + "}" for k in PLACEHOLDER_KINDS))
            for ph in found:
                if not placeholder_covered(ph, tested, self.quiet_ref):
                    self.fail((*loc, lang), "rule-placeholder-untested", value=ph.text)
                elif ph.kind == "area" and not area_always_matched(when):
                    self.fail((*loc, lang), "rule-placeholder-area-unmatched", value=ph.text)

    def quiet_ref(self, text: str) -> str | None:
        """``AREA.DIM`` as ``area.dimension``, or None (no problem reported)."""
        before = len(self.problems)
        ref = self.ref(text, ())
        del self.problems[before:]
        return ref

    def rule(self, value: object, loc: _Loc) -> Rule | None:
        entry = self.mapping(value, loc)
        if entry is None:
            return None
        raw_id = entry.get("id")
        self.rule_id = raw_id if isinstance(raw_id, str) else None
        for name in entry:
            if name not in _RULE_FIELDS:
                self.fail((*loc, name), "v-extra", at_key=True, field=name)
        if not isinstance(raw_id, str) or not re.match(ID_PATTERN, raw_id):
            if raw_id is None:
                self.fail((*loc, "id"), "v-missing")
            else:
                self.fail((*loc, "id"), "v-pattern", value=_shown(raw_id))
        reason = self.text(entry.get("reason"), (*loc, "reason"))
        sources = self.sources(entry.get("sources", []), (*loc, "sources"))
        lesson = entry.get("lesson")
        if lesson is not None and (
            isinstance(lesson, bool) or not isinstance(lesson, int) or not 1 <= lesson <= 10
        ):
            self.fail((*loc, "lesson"), "v-choice", value=_shown(lesson), expected="1-10")
            lesson = None
        standing = entry.get("standing", False)
        if not isinstance(standing, bool):
            self.fail((*loc, "standing"), "v-choice", value=_shown(standing),
                      expected="true, false")
            standing = False
        when = None
        if "when" in entry:
            when = self.condition(entry["when"], (*loc, "when"))
        then = self.mapping(entry.get("then"), (*loc, "then"))
        recommends: list[Recommend] = []
        derives: list[str] = []
        suppresses: list[str] = []
        defers: list[str] = []
        suppress_scoped = defer_scoped = False
        if then is not None:
            for name in then:
                if name not in _THEN_FIELDS:
                    self.fail((*loc, "then", name), "v-extra", at_key=True, field=name)
            if not any(k in then for k in _THEN_FIELDS):
                self.fail((*loc, "then"), "rule-empty-then")
            if "recommend" in then:
                recommends = self.recommend(then["recommend"], (*loc, "then", "recommend"))
            if "derive" in then:
                for need, n_loc in self.id_list(then["derive"], (*loc, "then", "derive")):
                    if not re.match(ID_PATTERN, need):
                        self.fail(n_loc, "v-pattern", value=need)
                    derives.append(need)
            if "suppress" in then:
                suppresses = self.measure_set(then["suppress"], (*loc, "then", "suppress"))
                suppress_scoped = self.measure_scope(then["suppress"], (*loc, "then", "suppress"))
            if "defer" in then:
                defers = self.measure_set(then["defer"], (*loc, "then", "defer"))
                defer_scoped = self.measure_scope(then["defer"], (*loc, "then", "defer"))
        if reason is not None:
            self.reason_placeholders(reason, when, (*loc, "reason"))
        tested = set(facts_of(when))
        for rec in recommends:
            for fact, _, _ in rec.per_below:
                if fact not in tested:
                    self.fail((*loc, "then", "recommend"), "rule-per-attribute-untested",
                              value=fact.removeprefix("attribute."))
        if not isinstance(raw_id, str) or reason is None:
            return None
        assert self.doc is not None
        return Rule(
            id=raw_id,
            reason=reason,
            when=when,
            recommends=tuple(recommends),
            derives=tuple(dict.fromkeys(derives)),
            suppresses=tuple(suppresses),
            defers=tuple(defers),
            suppress_in_matched_areas=suppress_scoped,
            defer_in_matched_areas=defer_scoped,
            sources=tuple(sources),
            lesson=lesson,
            standing=standing,
            file=self.doc.file,
            line=self.doc.where(loc)[0],
        )



def _raw_derives(item: object) -> list[str]:
    """The needs a rule that failed to parse meant to derive (to avoid follow-on errors)."""
    then = item.get("then") if isinstance(item, dict) else None
    derive = then.get("derive") if isinstance(then, dict) else None
    values = derive if isinstance(derive, list) else [derive]
    return [v for v in values if isinstance(v, str)]


def _order(rules: list[Rule], parser: _Parser) -> list[Rule]:
    """Order rules so that every need is derived before it is tested; reject cycles."""
    derived_by: dict[str, list[Rule]] = {}
    for rule in rules:
        for need in rule.derives:
            derived_by.setdefault(need, []).append(rule)
    for need, doc, loc, rule_id in parser.tested:
        if need not in derived_by:
            parser.problems.append(doc.problem(loc, "rule-unknown-need", rule=rule_id, value=need,
                                               near=(need, tuple(derived_by))))
    graph: dict[str, set[str]] = {}
    for rule in rules:
        for need in rule.derives:
            graph.setdefault(need, set()).update(n for n in rule.tested_needs() if n in derived_by)
    sorter = graphlib.TopologicalSorter(graph)
    try:
        need_order = list(sorter.static_order())
    except graphlib.CycleError as exc:
        cycle = list(exc.args[1])
        first = derived_by[cycle[0]][0]
        parser.problems.append(
            Problem("rule-need-cycle", {"cycle": " -> ".join(cycle)}, file=first.file,
                    line=first.line, column=None, rule=first.id)
        )
        return rules
    depth: dict[str, int] = {}
    for need in need_order:
        depth[need] = 1 + max(
            (
                max((depth.get(n, 0) for n in r.tested_needs()), default=0)
                for r in derived_by[need]
            ),
            default=0,
        )
    position = {id(r): i for i, r in enumerate(rules)}

    def stratum(rule: Rule) -> int:
        return max((depth.get(n, 0) for n in rule.tested_needs()), default=0)

    return sorted(rules, key=lambda r: (stratum(r), position[id(r)]))


def _fingerprint(rules: Sequence[Rule], catalogue: Catalogue) -> str:
    """A digest of everything in the rules that changes what they do (not where they are)."""
    payload = [
        {**{name: _plain(getattr(rule, name)) for name in _FINGERPRINT_FIELDS},
         "when": _cond_json(rule.when)}
        for rule in rules
    ]
    blob = json.dumps({"rules": payload, "catalogue": catalogue.fingerprint}, sort_keys=True,
                      ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


_FINGERPRINT_FIELDS = tuple(f.name for f in fields(Rule) if f.name not in ("file", "line", "when"))


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data: what ``dataclasses.asdict`` gave, without its deep copies.

    asdict copied every pydantic model and condition of every rule only for them to be
    dumped (or dropped) here; on 5,000 rules that was most of the time spent loading them.
    """
    kind = type(value)
    if kind in _JSON_SCALARS:
        return value
    if kind is tuple or kind is list:
        return [v if type(v) in _JSON_SCALARS else _plain(v) for v in value]
    if kind is Recommend:
        return {name: _plain(getattr(value, name)) for name in _RECOMMEND_FIELDS}
    if isinstance(value, frozenset):
        return sorted(value, key=repr)
    if isinstance(value, Text | Source):
        return value.model_dump()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, str | int | float):  # subclasses: an enum, a bool
        return value
    raise TypeError(f"no fingerprint for {kind.__name__}")  # a new kind of field


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})
_RECOMMEND_FIELDS = tuple(f.name for f in fields(Recommend))


def _cond_json(cond: Condition | None) -> Any:
    if cond is None:
        return None
    if isinstance(cond, AllOf | AnyOf):
        return {type(cond).__name__: [_cond_json(c) for c in cond.items]}
    if isinstance(cond, Not):
        return {"Not": _cond_json(cond.item)}
    data = {k: getattr(cond, k) for k in cond.__slots__}
    if "values" in data:
        data["values"] = sorted(data["values"], key=repr)
    return {type(cond).__name__: data}


@checked
def parse_rules(
    docs: Iterable[YamlDoc], catalogue: Catalogue, problems: list[Problem] | None = None
) -> RuleSet:
    """Compile parsed rule documents against ``catalogue``; raise RuleError on any problem."""
    parser = _Parser(catalogue, problems=list(problems or []))
    # A file that could not be read hides the needs its rules derive, and a broken rule its
    # own: then "need not derived by any rule" elsewhere would only be a follow-on error.
    unreadable = any(p.key != "yaml-duplicate-key" for p in problems or [])  # no doc
    maybe_derived: set[str] = set()
    limits = _limits.current()
    seen_rules = 0
    rules: list[Rule] = []
    first_seen: dict[str, str] = {}
    for doc in docs:
        parser.doc = doc
        parser.rule_id = None
        data = doc.data
        if data is None:
            continue
        if not isinstance(data, dict):
            parser.fail((), "v-type", expected="a mapping with 'rules'",
                        expected_nb="en tabell med «rules»", got=_shown(data))
            continue
        for key in data:
            if key != "rules":
                parser.fail((key,), "v-extra", at_key=True, field=key)
        raw = data.get("rules") or []
        if not isinstance(raw, list):
            parser.fail(("rules",), "v-type", expected="a list", expected_nb="en liste",
                        got=_shown(raw))
            continue
        seen_rules += len(raw)
        if seen_rules > limits.rules:
            index = len(raw) - (seen_rules - limits.rules)
            parser.fail(("rules", index), "rules-too-many", limit=limits.rules,
                        variable=_limits.Limits.variable("rules"))
            raise RuleError(parser.problems)
        for index, item in enumerate(raw):
            rule = parser.rule(item, ("rules", index))
            if rule is None:
                maybe_derived.update(_raw_derives(item))
                continue
            if rule.id in first_seen:
                parser.fail(("rules", index, "id"), "rule-duplicate-id", id=rule.id,
                            other=first_seen[rule.id])
                continue
            first_seen[rule.id] = f"{rule.file}:{rule.line}"
            rules.append(rule)
    parser.rule_id = None
    if unreadable:
        parser.tested.clear()
    parser.tested[:] = [t for t in parser.tested if t[0] not in maybe_derived]
    ordered = _order(rules, parser)
    if parser.problems:
        raise RuleError(parser.problems)
    return RuleSet(
        rules=tuple(ordered),
        needs=frozenset(n for r in ordered for n in r.derives),
        fingerprint=_fingerprint(ordered, catalogue),
        catalogue_fingerprint=catalogue.fingerprint,
        by_id={r.id: r for r in ordered},
    )


add_messages(
    {
        "rules-none": (
            "ingen regler i {path}; en regelmotor uten regler foreslår aldri noe",
            "no rules in {path}; an engine without rules never suggests anything",
        ),
        "rules-too-many": (
            "flere enn {limit} regler (kan heves med {variable})",
            "more than {limit} rules (raise it with {variable})",
        ),
    }
)


@checked
def load_rules(directory: str | Path, catalogue: Catalogue) -> RuleSet:
    """Load, validate and compile every rule file in ``directory``.

    Raises :class:`~tiltak.errors.RuleError` listing every problem found.
    """
    files, problems = yaml_sources(directory, single_file=True)
    if problems:
        raise RuleError(problems)
    docs: list[YamlDoc] = []
    for path in files:
        doc, found = load_yaml_file(path)
        problems.extend(found)
        # Duplicate keys leave a usable document (the first value kept): check the rest too.
        if doc is not None and all(p.key == "yaml-duplicate-key" for p in found):
            docs.append(doc)
    ruleset = parse_rules(docs, catalogue, problems)
    if not ruleset.rules:
        # An empty rule set gives an engine that never suggests anything: surely a mistake.
        raise RuleError([Problem("rules-none", {"path": str(directory)})])
    return ruleset


@checked
def rules_from_mapping(data: Mapping[str, Any], catalogue: Catalogue,
                       file: str = "<rules>") -> RuleSet:
    """Compile rules given as a Python mapping (``{"rules": [...]}``), e.g. in tests."""
    doc = YamlDoc(file, dict(data), {(): (1, 1)}, {})
    return parse_rules([doc], catalogue)

