"""The Rete backend: compiled rules evaluated by durable_rules 2.0.28.

Everything durable_rules-specific lives here, behind :class:`ReteMatcher`, which
answers exactly what :class:`tiltak.engine._python.PythonMatcher` answers: the indices
of the rules whose ``when`` held and the needs they derived. ``docs/engines.md``
lists the defects of durable_rules this adapter works around; in short:

* the rule IR is turned into durable's JSON ruleset format with no ``$or``
  (durable fires an action once per satisfied branch and fails beyond 63), so
  every condition goes to disjunctive normal form, one durable rule per
  conjunction, with large disjunctions hoisted into *helper* rules;
* numbers travel as order-preserving 64-bit integers (durable cannot parse
  ``1e-05``), in up to two copies per fact that stand in for an unknown number
  with a value below or above every number, so that a comparison and its
  negation are each one test (a negated disjunction of comparisons stays one
  conjunction instead of growing as 2^n); strings, booleans, set members and
  needs travel as one flag key per value a rule mentions (no string hashing, no
  escaping questions);
* needs are evaluated in levels: one fact per level (and per group of at most
  ``_MAX_KEYS`` keys), asserted into one fresh session per evaluation after the
  flags of every earlier level are known; a catch-all rule makes every fact
  match something, so durable never raises "not handled";
* one process-wide :class:`durable.engine.Host` without its timer threads, a
  lock around every call into it, and a bounded pool of registered rulesets
  (named by a hash of the compiled rules, deleted from the C engine on eviction)
  so that loading many rule sets does not grow memory without bound;
* actions only record which rule matched; an exception inside one (which
  durable swallows into the session state) is raised as :class:`EngineError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
import struct
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import durable.engine as durable_engine  # type: ignore[import-untyped]
import durable_rules_engine  # type: ignore[import-not-found]

from tiltak._i18n import add_messages
from tiltak.engine._facts import Facts
from tiltak.errors import EngineError
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
    RuleSet,
)

__all__ = ["POOL_SIZE", "ReteMatcher", "loaded_rulesets"]

add_messages({
    "rete-failed": (
        "durable_rules-motoren feilet: {detail}",
        "the durable_rules engine failed: {detail}",
    ),
    "rete-action-failed": (
        "en handling i durable_rules-motoren feilet: {detail}",
        "an action in the durable_rules engine failed: {detail}",
    ),
    "rete-unordered": (
        "regel nr. {index} tester behovet «{need}» før regelen som utleder det; "
        "regelsettet må være kompilert med tiltak.rules",
        "rule #{index} tests the need '{need}' before the rule that derives it; "
        "compile the rule set with tiltak.rules",
    ),
    "rete-too-wide": (
        "regelen «{rule}» leser {count} fakta i én betingelse; durable_rules tåler {limit}",
        "rule '{rule}' reads {count} facts in one condition; durable_rules allows {limit}",
    ),
})

POOL_SIZE = 16
"""Rulesets kept registered in the C engine at once (least recently used are deleted)."""

_MAX_KEYS = 200  # durable rejects facts with more than ~252 properties (error 302)
# durable fails (error 303, or a crash in free()) when one fact matches more than about 63
# distinct alpha nodes, so each fact is only offered this many distinct conjunctions.
_MAX_PER_FACT = 48
_MAX_TERMS = 32  # durable rules per IR rule/helper before sub-conditions become helpers
_TAG = "t"  # which level/group a fact belongs to; every durable rule tests it

# --- translation: IR -> literals in disjunctive normal form ------------------------------------

# A literal is a durable expression over one fact key, as a hashable tuple:
# ("ex", key) / ("nex", key) / (op, key, int) with op in $gte $lte $gt $lt $eq $neq.
Literal = tuple[Any, ...]
Term = frozenset[Literal]  # a conjunction
Dnf = list[Term]  # a disjunction of conjunctions; [] is false, [frozenset()] is true

_NEGATED = {"$gte": "$lt", "$lt": "$gte", "$lte": "$gt", "$gt": "$lte"}
_OPS = {">=": "$gte", "<=": "$lte", ">": "$gt", "<": "$lt"}
# An unknown number (absent, not a number, NaN) compares false and its negation true. Each
# numeric fact travels in the copy its comparisons need: "low" holds an unknown number as
# _BELOW (so x >= v and x > v are false, x < v and x <= v true), "high" as _ABOVE (the
# reverse). Both lie outside every _ordered(float) (|_ordered(inf)| is 0x7FF0...), so x == v
# is false and x != v true for an unknown number in either copy.
_BELOW = -0x7FFF_FFFF_FFFF_FFFF
_ABOVE = 0x7FFF_FFFF_FFFF_FFFF
_COPY = {">=": "low", ">": "low", "<=": "high", "<": "high"}
_RESERVED = ("sid", "id", "$s", _TAG)


def _ordered(value: float) -> int:
    """A signed 64-bit integer with the same order as the float (exact, no exponent)."""
    bits: int = struct.unpack("<q", struct.pack("<d", value))[0]
    return bits if bits >= 0 else -(bits & 0x7FFF_FFFF_FFFF_FFFF)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _atom(value: object) -> tuple[str, object] | None:
    """The flag a non-numeric scalar value is matched by (None for numbers)."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, str):
        return ("s", value)
    if value is None:
        return ("z", None)
    return None


def _djb2(name: str) -> int:
    """The 32-bit hash durable uses for property names (distinct names must differ)."""
    h = 5381
    for byte in name.encode():
        h = (h * 33 + byte) & 0xFFFFFFFF
    return h


class _Keys:
    """Short fact keys for every fact, value, member, need and helper the rules mention."""

    def __init__(self) -> None:
        self.by_ref: dict[tuple[Any, ...], str] = {}
        self.by_key: dict[str, tuple[Any, ...]] = {}
        self._hashes = {_djb2(name) for name in _RESERVED}

    def key(self, ref: tuple[Any, ...]) -> str:
        found = self.by_ref.get(ref)
        if found is not None:
            return found
        n = len(self.by_ref)
        name = f"k{n}"
        while _djb2(name) in self._hashes:  # durable would confuse the two names
            name += "_"
        self._hashes.add(_djb2(name))
        self.by_ref[ref] = name
        self.by_key[name] = ref
        return name


@dataclass
class _Node:
    """A rule (``rule >= 0``) or a helper sub-condition (``rule == -1``)."""

    name: str
    terms: Dnf
    rule: int = -1
    derives: tuple[str, ...] = ()
    deps: set[str] = field(default_factory=set)  # helper names this node's terms test
    needs: set[str] = field(default_factory=set)  # needs this node's terms test
    level: int = 0


@dataclass
class _Translator:
    keys: _Keys = field(default_factory=_Keys)
    nodes: list[_Node] = field(default_factory=list)

    def node(self, name: str, terms: Dnf, rule: int = -1,
             derives: tuple[str, ...] = ()) -> _Node:
        node = _Node(name=name, terms=terms, rule=rule, derives=derives)
        for term in terms:
            for lit in term:
                ref = self.keys.by_key[lit[1]]
                if ref[0] == "need":
                    node.needs.add(ref[1])
                elif ref[0] == "helper":
                    node.deps.add(ref[1])
        self.nodes.append(node)
        return node

    def helper(self, terms: Dnf) -> Dnf:
        """A sub-condition's DNF as its own node; the caller tests the node's flag."""
        name = f"h{len(self.nodes)}"
        self.node(name, terms)
        return [frozenset({("ex", self.keys.key(("helper", name)))})]

    def dnf(self, cond: Condition, positive: bool) -> Dnf:
        k = self.keys.key
        if isinstance(cond, Not):
            return self.dnf(cond.item, not positive)
        if isinstance(cond, Compare):
            if math.isnan(cond.value):  # compares false, so its negation holds
                return [] if positive else [frozenset()]
            # One literal either way: the copy's stand-in for an unknown number makes the
            # comparison false and its negation true (see _COPY).
            key = k(("num", cond.fact, _COPY[cond.op]))
            op = _OPS[cond.op] if positive else _NEGATED[_OPS[cond.op]]
            return [frozenset({(op, key, _ordered(cond.value))})]
        if isinstance(cond, Equals | InSet):
            values = [cond.value] if isinstance(cond, Equals) else sorted(cond.values, key=repr)
            lits: list[Literal] = []
            for value in values:
                atom = _atom(value)
                if atom is not None:
                    lits.append(("ex", k(("atom", cond.fact, *atom))))
                elif _is_number(value) and not math.isnan(float(value)):  # type: ignore[arg-type]
                    lits.append(("$eq", k(("num", cond.fact, "low")),
                                 _ordered(float(value))))  # type: ignore[arg-type]
            return self.either(lits, positive)
        if isinstance(cond, HasAny):
            lits = [("ex", k(("member", cond.fact, v))) for v in sorted(cond.values)]
            return self.either(lits, positive)
        if isinstance(cond, NeedHeld):
            flag: Literal = ("ex" if positive else "nex", k(("need", cond.need)))
            return [frozenset({flag})]
        if isinstance(cond, AllOf | AnyOf):
            conjunctive = isinstance(cond, AllOf) == positive
            parts = [self.dnf(item, positive) for item in cond.items]
            return self.combine(list(cond.items), parts, positive, conjunctive)
        raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover

    def either(self, lits: list[Literal], positive: bool) -> Dnf:
        """Any of the literals holds (positive), or none of them does."""
        if positive:
            return [frozenset({lit}) for lit in lits]
        # not ($eq key v) is $neq: an unknown number's stand-in differs from every v.
        return [frozenset(("nex", lit[1]) if lit[0] == "ex" else ("$neq", lit[1], lit[2])
                          for lit in lits)]

    def combine(self, items: list[Condition], parts: list[Dnf], positive: bool,
                conjunctive: bool) -> Dnf:
        def size() -> int:
            if conjunctive:
                return math.prod(len(p) for p in parts)
            return sum(len(p) for p in parts)

        while size() > _MAX_TERMS:
            widest = max(range(len(parts)), key=lambda i: (len(parts[i]), -i))
            if len(parts[widest]) <= 1:
                break
            parts[widest] = self.helper(parts[widest])
        if conjunctive:
            result: Dnf = [frozenset()]
            for part in parts:
                result = _product(result, part)
            return result
        return _simplify([term for part in parts for term in part])


def _product(left: Dnf, right: Dnf) -> Dnf:
    return _simplify([a | b for a in left for b in right])


def _simplify(terms: Iterable[Term]) -> Dnf:
    """Drop contradictory terms (a key both present and absent) and duplicates."""
    out: dict[Term, None] = {}
    for term in terms:
        present = {lit[1] for lit in term if lit[0] != "nex"}
        if any(lit[0] == "nex" and lit[1] in present for lit in term):
            continue
        out.setdefault(term, None)
    return list(out)


# --- the plan: levels, groups and the durable ruleset definition -------------------------------


@dataclass(frozen=True)
class _Group:
    tag: int
    numeric: tuple[tuple[str, str, int], ...]  # (fact, key, stand-in for an unknown number)
    atoms: tuple[tuple[str, dict[tuple[str, object], str]], ...]  # (fact, {atom: key})
    members: tuple[tuple[str, dict[str, str]], ...]  # (fact, {member: key})
    needs: tuple[tuple[str, str], ...]  # (need, key)
    helpers: tuple[tuple[str, str], ...]  # (helper, key)


@dataclass(frozen=True)
class _Plan:
    """Everything needed to register the rules with durable and to encode facts."""

    digest: str
    definition: dict[str, dict[str, Any]]  # durable rule name -> {"all": [...]}
    actions: dict[str, tuple[int, str]]  # durable rule name -> (rule index or -1, node name)
    levels: tuple[tuple[_Group, ...], ...]
    derives: dict[int, tuple[str, ...]]


def _expression(tag: int, term: Term) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [{_TAG: tag}]
    for lit in sorted(term, key=repr):
        if lit[0] in ("ex", "nex"):
            parts.append({"$" + lit[0]: {lit[1]: 1}})
        elif lit[0] == "$eq":
            parts.append({lit[1]: lit[2]})
        else:
            parts.append({lit[0]: {lit[1]: lit[2]}})
    return {"m": parts[0] if len(parts) == 1 else {"$and": parts}}


def _plan(ruleset: RuleSet) -> _Plan:
    tr = _Translator()
    derivers: dict[str, list[int]] = {}
    for index, rule in enumerate(ruleset.rules):
        for need in sorted(rule.tested_needs()):
            # PythonMatcher lets rule i see needs derived by rules before it only;
            # levels reproduce that when every deriver comes first (as compiled).
            if any(need in r.derives for r in ruleset.rules[index:]):
                raise EngineError("rete-unordered", index=index + 1, need=need)
        terms = tr.dnf(rule.when, positive=True) if rule.when is not None else [frozenset()]
        tr.node(f"r{index}", terms, rule=index, derives=rule.derives)
        for need in rule.derives:
            derivers.setdefault(need, []).append(index)

    by_name = {node.name: node for node in tr.nodes}
    rule_nodes = {node.rule: node for node in tr.nodes if node.rule >= 0}
    done: set[str] = set()

    def level(node: _Node) -> int:
        if node.name in done:
            return node.level
        deps = [level(by_name[h]) for h in node.deps]
        deps += [level(rule_nodes[j]) for n in node.needs for j in derivers.get(n, ())]
        node.level = 1 + max(deps) if deps else 0
        done.add(node.name)
        return node.level

    for node in tr.nodes:
        level(node)

    reverse = dict(tr.keys.by_ref)
    definition: dict[str, dict[str, Any]] = {}
    actions: dict[str, tuple[int, str]] = {}
    levels: list[tuple[_Group, ...]] = []
    tag = 0
    for depth in range(1 + max((n.level for n in tr.nodes), default=0)):
        batches: list[list[tuple[_Node, int, Term]]] = [[]]
        batch_keys: list[set[str]] = [set()]
        batch_terms: list[set[Term]] = [set()]
        for node in tr.nodes:
            if node.level != depth:
                continue
            for i, term in enumerate(node.terms):
                term_keys = {lit[1] for lit in term}
                if len(term_keys) > _MAX_KEYS:
                    rule_id = ruleset.rules[node.rule].id if node.rule >= 0 else node.name
                    raise EngineError("rete-too-wide", rule=rule_id, count=len(term_keys),
                                      limit=_MAX_KEYS)
                if len(batch_keys[-1] | term_keys) > _MAX_KEYS or (
                    term not in batch_terms[-1] and len(batch_terms[-1]) >= _MAX_PER_FACT
                ):
                    batches.append([])
                    batch_keys.append(set())
                    batch_terms.append(set())
                batches[-1].append((node, i, term))
                batch_keys[-1] |= term_keys
                batch_terms[-1].add(term)
        groups: list[_Group] = []
        for batch, keys in zip(batches, batch_keys, strict=True):
            if not batch:
                continue
            for node, i, term in batch:
                name = f"{node.name}_{i}"
                definition[name] = {"all": [_expression(tag, term)]}
                actions[name] = (node.rule, node.name)
            groups.append(_group(tag, keys, reverse))
            tag += 1
        if groups:
            levels.append(tuple(groups))
    definition["catch_all"] = {"all": [{"m": {"$ex": {_TAG: 1}}}]}
    actions["catch_all"] = (-1, "")
    blob = json.dumps({"fingerprint": ruleset.fingerprint, "rules": definition},
                      sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(blob.encode()).hexdigest()[:20]
    derives = {node.rule: node.derives for node in tr.nodes if node.rule >= 0 and node.derives}
    return _Plan(digest, definition, actions, tuple(levels), derives)


def _group(tag: int, keys: set[str], reverse: dict[tuple[Any, ...], str]) -> _Group:
    numeric: list[tuple[str, str, int]] = []
    atoms: dict[str, dict[tuple[str, object], str]] = {}
    members: dict[str, dict[str, str]] = {}
    needs: list[tuple[str, str]] = []
    helpers: list[tuple[str, str]] = []
    for ref, key in reverse.items():
        if key not in keys:
            continue
        kind = ref[0]
        if kind == "num":
            numeric.append((ref[1], key, _BELOW if ref[2] == "low" else _ABOVE))
        elif kind == "atom":
            atoms.setdefault(ref[1], {})[(ref[2], ref[3])] = key
        elif kind == "member":
            members.setdefault(ref[1], {})[ref[2]] = key
        elif kind == "need":
            needs.append((ref[1], key))
        else:
            helpers.append((ref[1], key))
    return _Group(tag, tuple(numeric), tuple(atoms.items()), tuple(members.items()),
                  tuple(needs), tuple(helpers))


def _encode(group: _Group, facts: Facts, needs: set[str], helpers: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {_TAG: group.tag}
    for fact, key, unknown in group.numeric:
        value = facts.get(fact)
        if _is_number(value) and value == value:  # NaN compares as nothing
            out[key] = _ordered(float(value))  # type: ignore[arg-type]
        else:
            out[key] = unknown
    for fact, table in group.atoms:
        if fact in facts:
            atom = _atom(facts[fact])
            if atom is not None:
                flag = table.get(atom)
                if flag is not None:
                    out[flag] = 1
    for fact, by_member in group.members:
        value = facts.get(fact)
        if isinstance(value, frozenset | set | list | tuple | str):
            for member in value:
                found = by_member.get(member) if isinstance(member, str) else None
                if found is not None:
                    out[found] = 1
    for need, key in group.needs:
        if need in needs:
            out[key] = 1
    for helper, key in group.helpers:
        if helper in helpers:
            out[key] = 1
    return out


# --- the process-wide host and its bounded pool of rulesets ------------------------------------


class _QuietHost(durable_engine.Host):  # type: ignore[misc]
    """A Host without the two timer threads durable starts (and never stops) per Host.

    Actions run synchronously inside ``assert_fact``; nothing here uses timers,
    so no background thread may run actions behind the lock's back.
    """

    def _run(self) -> None:
        return None


class _Loaded:
    """One plan registered in the C engine under a unique name."""

    def __init__(self, host: _QuietHost, plan: _Plan, name: str) -> None:
        self.name = name
        self.plan = plan
        self.records: dict[str, list[tuple[int, str]]] = {}
        definition: dict[str, dict[str, Any]] = {}
        for rule_name, body in plan.definition.items():
            definition[rule_name] = {**body, "run": self._action(plan.actions[rule_name])}
        host.register_rulesets({name: definition})
        self.ruleset = host.get_ruleset(name)

    def _action(self, node: tuple[int, str]) -> Callable[[Any], None]:
        def action(c: Any) -> None:
            _Pool.record(self, str(c.s["sid"]), node)

        return action


class _Pool:
    """The Host, its lock and the registered rulesets, least recently used first."""

    lock: ClassVar[threading.Lock] = threading.Lock()
    host: ClassVar[_QuietHost | None] = None
    loaded: ClassVar[OrderedDict[str, _Loaded]] = OrderedDict()
    generation: ClassVar[itertools.count[int]] = itertools.count()
    sessions: ClassVar[itertools.count[int]] = itertools.count()

    @staticmethod
    def record(loaded: _Loaded, sid: str, node: tuple[int, str]) -> None:
        """What every durable action does: note which node matched in which session."""
        if node[1]:
            loaded.records[sid].append(node)

    @classmethod
    def get(cls, plan: _Plan) -> _Loaded:
        """The registered ruleset for ``plan`` (call with the lock held)."""
        found = cls.loaded.get(plan.digest)
        if found is not None:
            cls.loaded.move_to_end(plan.digest)
            return found
        if cls.host is None:
            cls.host = _QuietHost()
        name = f"tiltak_{plan.digest}_{next(cls.generation)}"
        try:
            loaded = _Loaded(cls.host, plan, name)
        except durable_rules_engine.error as exc:
            raise EngineError("rete-failed", detail=str(exc)) from None
        cls.loaded[plan.digest] = loaded
        while len(cls.loaded) > POOL_SIZE:
            _, old = cls.loaded.popitem(last=False)
            cls.unload(old)
        return loaded

    @classmethod
    def unload(cls, loaded: _Loaded) -> None:
        """Free a ruleset in the C engine; durable's Host has no API for this."""
        assert cls.host is not None
        cls.host._ruleset_directory.pop(loaded.name, None)
        if loaded.ruleset in cls.host._ruleset_list:
            cls.host._ruleset_list.remove(loaded.ruleset)
        durable_rules_engine.delete_ruleset(loaded.ruleset._handle)


def loaded_rulesets() -> int:
    """How many rulesets are registered in durable right now (at most :data:`POOL_SIZE`)."""
    with _Pool.lock:
        return len(_Pool.loaded)


# --- the matcher ---------------------------------------------------------------------------------


class ReteMatcher:
    """Finds the rules that fire for a set of facts with durable_rules' Rete network."""

    name = "rete"

    def __init__(self, ruleset: RuleSet) -> None:
        self._plan = _plan(ruleset)

    def fired(self, facts: Facts) -> tuple[list[int], frozenset[str]]:
        plan = self._plan
        fired: set[int] = set()
        needs: set[str] = set()
        helpers: set[str] = set()
        with _Pool.lock:
            loaded = _Pool.get(plan)
            host = _Pool.host
            assert host is not None
            sid = str(next(_Pool.sessions))
            loaded.records[sid] = []
            try:
                for groups in plan.levels:
                    found: list[tuple[int, str]] = []
                    for group in groups:
                        fact = _encode(group, facts, needs, helpers)
                        found.extend(_assert(host, loaded, sid, fact, group.tag))
                    for rule, node in found:
                        if rule >= 0:
                            fired.add(rule)
                            needs.update(plan.derives.get(rule, ()))
                        else:
                            helpers.add(node)
                state = host.get_state(loaded.name, sid) if plan.levels else {}
                if "exception" in state:
                    raise EngineError("rete-action-failed", detail=str(state["exception"]))
            except durable_rules_engine.error as exc:
                raise EngineError("rete-failed", detail=str(exc)) from None
            finally:
                del loaded.records[sid]
                with contextlib.suppress(durable_rules_engine.error):
                    host.delete_state(loaded.name, sid)
        return sorted(fired), frozenset(needs)


def _assert(host: _QuietHost, loaded: _Loaded, sid: str, fact: dict[str, Any],
            tag: int) -> Sequence[tuple[int, str]]:
    """Assert one fact and return the nodes it matched.

    Facts are identified by a 32-bit hash in durable; should this one collide
    with an earlier fact of the session, it is asserted again with another id.
    """
    records = loaded.records[sid]
    start = len(records)
    for attempt in range(8):
        fact["sid"] = sid
        fact["id"] = f"{tag}.{attempt}"
        try:
            host.assert_fact(loaded.name, fact)
        except durable_engine.MessageObservedException:
            continue
        except durable_engine.MessageNotHandledException:  # pragma: no cover - catch-all rule
            raise EngineError("rete-failed", detail="fact not handled") from None
        return records[start:]
    raise EngineError("rete-failed", detail="fact id collisions")  # pragma: no cover
