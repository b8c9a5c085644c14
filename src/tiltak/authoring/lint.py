"""Checks that find mistakes in rules and catalogue before they go live (``tiltak check``).

:func:`check` loads a catalogue and rules, reports every validation error, and
then analyses the compiled rules (:func:`lint_rules`) for things that are valid
but almost certainly not meant: rules that can never fire, duplicated or
shadowed rules, recommendations a suppression always removes, needs nobody
uses, measures no rule reaches and areas without rules. Each finding has a
stable code, a severity and the file and line it concerns; messages exist in
Norwegian and English.

Codes: ``E001`` catalogue error, ``E002`` rule error, ``E003`` a reason that names a
municipality (the names are data: ``municipalities.txt``), ``W101`` contradictory
conditions, ``W102`` needs that are never derived, ``W103`` duplicate rule,
``W104`` shadowed rule, ``W105`` recommendation always suppressed, ``W106``
need derived but never used, ``W107`` measure no rule reaches, ``W108`` area
without rules, ``W109`` an audience whose roles can never apply, ``I101`` recommendation
and suppression that may overlap, ``I102`` not every pair of rules compared (a work
limit, TILTAK_MAX_LINT_PAIRS).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from tiltak import _limits
from tiltak._args import checked
from tiltak._data import default_dir
from tiltak._i18n import Lang, add_messages, message
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.errors import CatalogueError, Problem, RuleError
from tiltak.rules import Rule, RuleSet, load_rules
from tiltak.rules._ir import facts_of
from tiltak.rules._logic import Logic

__all__ = ["CODES", "Finding", "Report", "Severity", "check", "lint_rules"]

Severity = Literal["error", "warning", "info"]

#: code -> (severity, message key)
CODES: Mapping[str, tuple[Severity, str]] = {
    "E001": ("error", ""),
    "E002": ("error", ""),
    "E003": ("error", "lint-names-municipality"),
    "W101": ("warning", "lint-never-fires"),
    "W102": ("warning", "lint-need-never-derived"),
    "W103": ("warning", "lint-duplicate"),
    "W104": ("warning", "lint-shadowed"),
    "W105": ("warning", "lint-always-suppressed"),
    "W106": ("warning", "lint-need-unused"),
    "W107": ("warning", "lint-measure-unreachable"),
    "W108": ("warning", "lint-area-without-rules"),
    "W109": ("warning", "lint-audience-roles-unused"),
    "I101": ("info", "lint-suppress-overlap"),
    "I102": ("info", "lint-pairs-budget"),
}

add_messages({
    "lint-pairs-budget": (
        "bare de første {limit} parene av regler ble sammenlignet (W103-W105, I101); "
        "hev grensen med {variable} for å sammenligne alle",
        "only the first {limit} pairs of rules were compared (W103-W105, I101); raise the "
        "limit with {variable} to compare them all",
    ),
    "lint-never-fires": (
        "regelen slår aldri til: betingelsene motsier hverandre",
        "the rule can never fire: its conditions contradict each other",
    ),
    "lint-need-never-derived": (
        "regelen slår aldri til: behovet {needs} utledes ikke av noen regel som kan slå til",
        "the rule can never fire: need {needs} is not derived by any rule that can fire",
    ),
    "lint-duplicate": (
        "regelen er en kopi av {other} ({where}): samme betingelser og samme handlinger",
        "the rule duplicates {other} ({where}): same conditions and same actions",
    ),
    "lint-shadowed": (
        "regelen skygges av {other} ({where}): når den slår til, slår {other} også til og "
        "gjør allerede alt denne gjør",
        "the rule is shadowed by {other} ({where}): whenever it fires, {other} fires too and "
        "already does everything it does",
    ),
    "lint-always-suppressed": (
        "regelen anbefaler {measure}, men når den slår til, undertrykker {other} ({where}) "
        "alltid tiltaket",
        "the rule recommends {measure}, but whenever it fires, {other} ({where}) suppresses it",
    ),
    "lint-suppress-overlap": (
        "regelen anbefaler {measure}, som {other} ({where}) undertrykker når begge kan slå til",
        "the rule recommends {measure}, which {other} ({where}) suppresses when both may fire",
    ),
    "lint-need-unused": (
        "behovet {need} utledes, men ingen regel tester det",
        "need {need} is derived but no rule tests it",
    ),
    "lint-measure-unreachable": (
        "tiltaket {measure} anbefales ikke av noen regel som kan slå til",
        "measure {measure} is not recommended by any rule that can fire",
    ),
    "lint-area-without-rules": (
        "kompetanseområdet {area} brukes ikke av noen regel",
        "competence area {area} is not used by any rule",
    ),
    "lint-audience-roles-unused": (
        "målgruppen til {measure} nevner rollene {roles}, men roller gjelder bare grupper og "
        "ansatte, og subjects har ingen av dem; legg til group (eller employee) eller fjern "
        "rollene",
        "the audience of {measure} lists the roles {roles}, but roles apply only to groups and "
        "employees and its subjects include neither; add group (or employee) or drop the roles",
    ),
    "lint-names-municipality": (
        "begrunnelsen ({lang}) nevner «{name}»; en begrunnelse leses av alle kommunene regelen "
        "slår til for, så den skal vise profilens egne tall, ikke én kommunes",
        "the reason ({lang}) names '{name}'; a reason is read by every municipality its rule fires "
        "for, so it must show the profile's own numbers, not one municipality's",
    ),
    "lint-severity-error": ("feil", "error"),
    "lint-severity-warning": ("advarsel", "warning"),
    "lint-severity-info": ("merknad", "note"),
    "lint-summary": (
        "{errors} feil, {warnings} {warnings|advarsel|advarsler}, "
        "{infos} {infos|merknad|merknader}",
        "{errors} {errors|error|errors}, {warnings} {warnings|warning|warnings}, "
        "{infos} {infos|note|notes}",
    ),
    "lint-skipped-rules": (
        "reglene er ikke sjekket fordi katalogen har feil",
        "the rules were not checked because the catalogue has errors",
    ),
})


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem or warning, with a stable code and a location."""

    code: str
    problem: Problem

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def render(self, lang: Lang = "en") -> str:
        """``file:line: warning W101: rule ID: message`` in ``lang``."""
        p = self.problem
        text = message(p.key, lang, **p.params)
        if p.rule:
            text = message("in-rule", lang, rule=p.rule) + " " + text
        head = f"{message('lint-severity-' + self.severity, lang)} {self.code}"
        where = p.location()
        return f"{where}: {head}: {text}" if where else f"{head}: {text}"

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        p = self.problem
        return {
            "code": self.code,
            "severity": self.severity,
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "path": p.path,
            "rule": p.rule,
            "message": {"nb": self.render("nb"), "en": self.render("en")},
        }

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        p = self.problem
        return (p.file or "", p.line or 0, p.column or 0, self.code, p.rule or "", repr(
            sorted(p.params.items())))


@dataclass(frozen=True)
class Report:
    """Everything ``check`` found, sorted by file, line and code."""

    findings: tuple[Finding, ...] = ()
    rules_checked: bool = True
    ruleset: RuleSet | None = field(default=None, compare=False, repr=False)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def exit_code(self, strict: bool = False) -> int:
        """1 when there are errors (or, with ``strict``, warnings); else 0."""
        if self.count("error") or (strict and self.count("warning")):
            return 1
        return 0

    def summary(self, lang: Lang = "en") -> str:
        return message("lint-summary", lang, errors=self.count("error"),
                       warnings=self.count("warning"), infos=self.count("info"))

    def render(self, lang: Lang = "en") -> str:
        lines = [f.render(lang) for f in self.findings]
        if not self.rules_checked:
            lines.append(message("lint-skipped-rules", lang))
        lines.append(self.summary(lang))
        return "\n".join(lines) + "\n"

    def to_json(self, lang: Lang = "en") -> str:
        data = {
            "format": "tiltak.check/1",
            "errors": self.count("error"),
            "warnings": self.count("warning"),
            "infos": self.count("info"),
            "rules_checked": self.rules_checked,
            "findings": [f.to_dict(lang) for f in self.findings],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@checked
def check(rules: str | Path | None = None, catalogue: str | Path | None = None) -> Report:
    """Validate catalogue and rules (bundled defaults where not given) and lint the rules."""
    try:
        cat = load_catalogue(catalogue if catalogue is not None else default_dir("catalogue"))
    except CatalogueError as exc:
        return Report(tuple(Finding("E001", p) for p in exc.problems), rules_checked=False)
    try:
        ruleset = load_rules(rules if rules is not None else default_dir("rules"), cat)
    except RuleError as exc:
        return Report(tuple(Finding("E002", p) for p in exc.problems))
    found = sorted(lint_rules(ruleset, cat), key=Finding.sort_key)
    return Report(tuple(found), ruleset=ruleset)


def _at(rule: Rule) -> str:
    return f"{rule.file}:{rule.line}"


def _finding(code: str, rule: Rule | None = None, *, file: str | None = None,
             line: int | None = None, **params: Any) -> Finding:
    key = CODES[code][1]
    if rule is not None:
        return Finding(code, Problem(key, params, file=rule.file, line=rule.line, rule=rule.id))
    return Finding(code, Problem(key, params, file=file, line=line))


def _actions(rule: Rule) -> tuple[Any, ...]:
    return (
        sorted((r.measure, r.weight, r.per_gap, r.per_share, r.per_below)
               for r in rule.recommends),
        sorted(rule.derives),
        sorted(rule.suppresses),
        sorted(rule.defers),
    )


@checked
def lint_rules(ruleset: RuleSet, catalogue: Catalogue) -> list[Finding]:
    """Warnings about valid rules that are probably wrong (see the module docstring)."""
    rules = sorted(ruleset.rules, key=lambda r: (r.file, r.line, r.id))
    logic = Logic(rules)
    out: list[Finding] = []
    live: list[Rule] = []
    for rule in rules:
        if not logic.may_hold(rule.when, logic.all_needs):
            out.append(_finding("W101", rule))
        elif not logic.may_hold(rule.when):
            missing = sorted(rule.tested_needs() - logic.derivable)
            out.append(_finding("W102", rule, needs=", ".join(missing)))
        else:
            live.append(rule)
    out.extend(_pairs(live, logic))
    out.extend(_place_names(rules))
    tested = {n for r in rules for n in r.tested_needs()}
    reported: set[str] = set()
    for rule in rules:
        for need in rule.derives:
            if need not in tested and need not in reported:
                reported.add(need)
                out.append(_finding("W106", rule, need=need))
    reached = {rec.measure for r in live for rec in r.recommends}
    for measure in catalogue.measures:
        if measure not in reached:
            file, line = catalogue.origin.get(f"measure:{measure}", ("", 0))
            out.append(_finding("W107", file=file or None, line=line or None, measure=measure))
    for measure, entry in catalogue.measures.items():
        audience = entry.audience
        if (audience is not None and audience.roles and audience.subjects
                and not {"group", "employee"} & set(audience.subjects)):
            file, line = catalogue.origin.get(f"measure:{measure}", ("", 0))
            out.append(_finding("W109", file=file or None, line=line or None, measure=measure,
                                roles=", ".join(audience.roles)))
    used_areas = {f.split(".")[0] for r in rules for f in facts_of(r.when) if "." in f}
    used_areas |= {g.split(".")[0] for r in rules for rec in r.recommends for g, _ in rec.per_gap}
    for area in catalogue.areas:
        if area not in used_areas:
            file, line = catalogue.origin.get(f"area:{area}", ("", 0))
            out.append(_finding("W108", file=file or None, line=line or None, area=area))
    return out


_PLACE_NAMES = Path(__file__).resolve().parent / "municipalities.txt"


@cache
def _place_names_pattern() -> re.Pattern[str]:
    """One pattern matching, as whole words, every name in ``municipalities.txt``."""
    names = [line.strip() for line in _PLACE_NAMES.read_text(encoding="utf-8").splitlines()]
    names = sorted({n for n in names if n and not n.startswith("#")}, key=lambda n: (-len(n), n))
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _place_names(rules: list[Rule]) -> list[Finding]:
    """Reasons that name a municipality (or a town or region) are errors."""
    out: list[Finding] = []
    pattern = _place_names_pattern()
    for rule in rules:
        for lang in ("nb", "en"):
            found = pattern.search(rule.reason.get(lang))
            if found is not None:
                out.append(_finding("E003", rule, lang=lang, name=found.group(1)))
    return out


def _pairs(live: list[Rule], logic: Logic) -> list[Finding]:
    """Duplicates, shadowing and recommendation/suppression conflicts between two rules.

    Only pairs that can interact are compared (see :func:`_candidate_pairs`), so this grows
    with the rules that share actions, not with the square of all rules.
    """
    out: list[Finding] = []
    suppressors: dict[str, list[Rule]] = {}
    for rule in live:
        for measure in rule.suppresses:
            suppressors.setdefault(measure, []).append(rule)
    # Comparing two rules asks the condition logic; a hostile (or huge) rule set could ask
    # it for every pair. Within a budget, so `tiltak check` ends in bounded time.
    limits = _limits.current()
    budget = limits.lint_pairs
    candidates = _candidate_pairs(live, budget)
    budget_hit = len(candidates) > budget
    candidates = candidates[:budget]
    budget -= len(candidates)
    actions = [_actions(rule) for rule in live]
    for i, j in candidates:
        first, second = live[i], live[j]
        # Each implication is asked only when a finding depends on it: a duplicate needs
        # both, a shadow the one towards the rule that covers the other.
        forward: bool | None = None  # second's condition implies first's
        backward: bool | None = None
        if actions[i] == actions[j]:
            forward = logic.implies(second.when, first.when)
            if forward:
                backward = logic.implies(first.when, second.when)
                if backward:
                    out.append(_finding("W103", second, other=first.id, where=_at(first)))
                    continue
        if _covered(second, first):
            if forward is None:
                forward = logic.implies(second.when, first.when)
            if forward:
                out.append(_finding("W104", second, other=first.id, where=_at(first)))
                continue
        if _covered(first, second):
            if backward is None:
                backward = logic.implies(first.when, second.when)
            if backward:
                out.append(_finding("W104", first, other=second.id, where=_at(second)))
    for rule in live:
        for measure in sorted({r.measure for r in rule.recommends}):
            for other in suppressors.get(measure, []):
                if other is rule:
                    continue
                if budget <= 0:
                    budget_hit = True
                    break
                budget -= 1
                if logic.implies(rule.when, other.when):
                    out.append(_finding("W105", rule, measure=measure, other=other.id,
                                        where=_at(other)))
                elif logic.overlap(rule.when, other.when):
                    out.append(_finding("I101", rule, measure=measure, other=other.id,
                                        where=_at(other)))
    if budget_hit:
        first = live[0]
        out.append(_finding("I102", file=first.file, line=first.line, limit=limits.lint_pairs,
                            variable=_limits.Limits.variable("lint_pairs")))
    return out


def _candidate_pairs(rules: list[Rule], limit: int | None = None) -> list[tuple[int, int]]:
    """The pairs (i < j) of rules that can be duplicates or shadow one another.

    Duplicates have equal actions, so they share an index entry of their actions. A rule
    can only be shadowed by one that derives, suppresses and defers at least what it does,
    so its candidates are the rules holding every one of its actions; only a rule with no
    action at all (which every rule covers) is paired with all the others. At most
    ``limit + 1`` pairs are collected (in rule order), so the caller can tell it was cut.
    """
    limit = sys.maxsize - 1 if limit is None else limit
    pairs: set[tuple[int, int]] = set()
    by_actions: dict[tuple[Any, ...], list[int]] = {}
    holders: dict[tuple[str, str], set[int]] = {}
    for index, rule in enumerate(rules):
        by_actions.setdefault(_action_key(rule), []).append(index)
        for key in _action_items(rule):
            holders.setdefault(key, set()).add(index)
    for group in by_actions.values():
        pairs.update(itertools.islice(itertools.combinations(group, 2), limit + 1 - len(pairs)))
        if len(pairs) > limit:
            return sorted(pairs)
    everyone = set(range(len(rules)))
    for index, rule in enumerate(rules):
        if len(pairs) > limit:
            break
        if rule.recommends:
            continue
        keys = _action_items(rule)
        found = set.intersection(*(holders[k] for k in keys)) if keys else everyone
        for other in found:
            if other != index and _covered(rule, rules[other]):
                pairs.add((min(index, other), max(index, other)))
    return sorted(pairs)


def _action_items(rule: Rule) -> list[tuple[str, str]]:
    return ([("derive", n) for n in rule.derives] + [("suppress", m) for m in rule.suppresses]
            + [("defer", m) for m in rule.defers])


def _action_key(rule: Rule) -> tuple[Any, ...]:
    return tuple(tuple(part) for part in _actions(rule))


def _covered(rule: Rule, by: Rule) -> bool:
    """``by`` already does everything ``rule`` does (and ``rule`` adds no score)."""
    return (
        not rule.recommends
        and set(rule.derives) <= set(by.derives)
        and set(rule.suppresses) <= set(by.suppresses)
        and set(rule.defers) <= set(by.defers)
    )
