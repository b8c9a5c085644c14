"""Placeholders in reason texts: ``{gap}``, ``{level}``, ``{target}``, ``{share}``, ``{area}``.

A reason may say what the profile shows in the profile's own numbers. A placeholder names a kind of
fact the rule's condition tests; the engine fills it from the facts the condition matched, and
formats it for the language (``2,1`` and ``7 %`` in Norwegian, ``2.1`` and ``7%`` in English).
``{gap:AREA.DIM}`` names one fact. When the matched facts of a kind lie in several areas, each
value is shown with its area's name. This module parses, checks and fills them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tiltak._i18n import Lang, format_number, format_percent
from tiltak._validation import DIMENSION_ALIASES, DIMENSION_NAMES_NB, DIMENSIONS, Text, own_text
from tiltak.catalogue import Catalogue
from tiltak.errors import ArgumentError
from tiltak.rules._ir import AllOf, AnyOf, Compare, Condition, Equals, HasAny, InSet

PLACEHOLDER_KINDS = ("gap", "level", "target", "share", "area")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_NAME = re.compile(r"^([a-z]+)(?::([^{}:\s]+\.[^{}:\s]+))?$")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """One ``{kind}`` or ``{kind:AREA.DIM}`` in a reason text."""

    text: str
    kind: str
    ref: str | None


def _not_text(function: str, name: str, value: object) -> ArgumentError:
    """The error for a fact name or reason text that is not text (these helpers are public:
    users call them in their own tests)."""
    got = repr(value) if value is None else type(value).__name__
    return ArgumentError("arg-type", function=function, name=name, expected="str", got=got)


def placeholders(text: str) -> tuple[list[Placeholder], list[str]]:
    """The placeholders in ``text``, and the ones that are not well-formed."""
    if not isinstance(text, str):
        raise _not_text("placeholders", "text", text)
    found: list[Placeholder] = []
    bad: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        inner = match.group(1)
        parsed = _NAME.match(inner)
        if parsed is None or parsed.group(1) not in PLACEHOLDER_KINDS:
            bad.append(match.group(0))
            continue
        found.append(Placeholder(match.group(0), parsed.group(1), parsed.group(2)))
    if text.count("{") != text.count("}") and not bad:
        bad.append(text)
    return found, bad


def fact_kind(fact: str) -> str | None:
    """``gap``, ``level``, ``target`` or ``share`` for a competence fact, else None."""
    if not isinstance(fact, str):
        raise _not_text("fact_kind", "fact", fact)
    parts = fact.split(".")
    if len(parts) != 3:
        return None
    last = parts[2]
    if last.startswith("share_"):
        return "share"
    return last if last in ("gap", "level", "target") else None


def fact_ref(fact: str) -> str:
    """``area.dimension`` of a competence fact."""
    return ".".join(fact.split(".")[:2])


def fact_area(fact: str) -> str:
    """The area of a competence fact (``digitalisering`` of ``digitalisering.knowledge.gap``)."""
    if not isinstance(fact, str):
        raise _not_text("fact_area", "fact", fact)
    return fact.split(".")[0]


def placeholder_covered(ph: Placeholder, tested: Iterable[str],
                        resolve: Callable[[str], str | None]) -> bool:
    """Whether the rule tests a fact the placeholder can be filled from.

    ``resolve`` turns a written ``AREA.DIM`` into ``area.dimension`` (aliases allowed).
    """
    facts = [f for f in tested if fact_kind(f) is not None]
    if ph.kind == "area":
        return bool(facts)
    candidates = [f for f in facts if fact_kind(f) == ph.kind]
    if ph.ref is None:
        return bool(candidates)
    ref = resolve(ph.ref)
    return ref is not None and any(fact_ref(f) == ref for f in candidates)


def area_always_matched(cond: Condition | None) -> bool:
    """Whether every way ``cond`` can hold matches a competence fact, so ``{area}`` always
    has an area to name (a role, a need or a "not" alone names none)."""
    if isinstance(cond, AllOf):
        return any(area_always_matched(item) for item in cond.items)
    if isinstance(cond, AnyOf):
        return bool(cond.items) and all(area_always_matched(item) for item in cond.items)
    if isinstance(cond, Compare | Equals | InSet | HasAny):
        return fact_kind(cond.fact) is not None
    return False


def _value(kind: str, value: float, lang: str) -> str:
    """A matched value as a reader writes it: ``2,1`` and ``7 %`` (nb), ``2.1``, ``7%`` (en)."""
    language: Lang = "nb" if lang == "nb" else "en"
    if kind == "share":
        return format_percent(value, language)
    return format_number(round(value, 2), language, None)


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    last = " og " if lang == "nb" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def _area_name(catalogue: Catalogue, area: str, lang: str) -> str:
    found = catalogue.areas.get(area)
    name = found.name.get(lang) if found is not None else area
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _fact_dimension(fact: str) -> str:
    return fact.split(".")[1]


def _reading_order(item: tuple[str, float]) -> tuple[str, int]:
    """Area, then the dimensions in the order reasons name them (knowledge ... attitudes)."""
    dim = _fact_dimension(item[0])
    return fact_area(item[0]), DIMENSIONS.index(dim) if dim in DIMENSIONS else len(DIMENSIONS)


def _label(catalogue: Catalogue, fact: str, lang: str, area: bool, dimension: bool) -> str:
    """What a value is shown with when a placeholder shows several: its area, its dimension.

    Without the dimension, "gap 1,6 og 0,9" after "ferdigheter eller evner" leaves the reader
    to guess which number is which (and facts sort by their English names).
    """
    parts = []
    if area:
        parts.append(_area_name(catalogue, fact_area(fact), lang))
    if dimension:
        dim = _fact_dimension(fact)
        parts.append(DIMENSION_NAMES_NB.get(dim, dim) if lang == "nb" else dim)
    return " ".join(parts)


def normalise_ref(text: str) -> str:
    """``AREA.DIM`` with the dimension's English name (``ledelse.evner``: ``ledelse.abilities``)."""
    area, _, dim = text.partition(".")
    return f"{area}.{DIMENSION_ALIASES.get(dim.lower(), dim)}"


_SEQUENCES = frozenset({list, tuple, set, frozenset})


def _refuse_fill(reason: object, matched: object, tested: object, facts: object,
                 catalogue: object, resolve: object) -> None:
    """Raise the ArgumentError for the first argument of :func:`fill_reason` that is wrong
    (none, for arguments of other types that are right: a subclass, a mapping proxy)."""
    checks = (
        ("reason", reason, isinstance(reason, Text), "Text (nb and en)"),
        ("matched", matched, isinstance(matched, Mapping), "a mapping of fact to value"),
        ("tested", tested, isinstance(tested, Iterable) and not isinstance(tested, str | bytes),
         "an iterable of fact names (not one str)"),
        ("facts", facts, isinstance(facts, Mapping), "a mapping of fact to value"),
        ("catalogue", catalogue, isinstance(catalogue, Catalogue), "Catalogue"),
        ("resolve", resolve, resolve is None or callable(resolve), "a function or None"),
    )
    for name, value, ok, expected in checks:
        if not ok:
            got = repr(value) if value is None else type(value).__name__
            raise ArgumentError("arg-type", function="fill_reason", name=name,
                                expected=expected, got=got)


def fill_reason(reason: Text, matched: Mapping[str, object], tested: Iterable[str],
                facts: Mapping[str, object], catalogue: Catalogue,
                resolve: Callable[[str], str | None] | None = None) -> Text:
    """``reason`` with its placeholders filled from the facts the rule matched.

    Facts the condition matched come first; when a number's kind matched nothing (another
    branch of an ``any`` held), the values of the tested facts the profile has are used.
    ``{area}`` names only the areas of matched facts (``tiltak check`` requires that every
    way the condition can hold matches one, :func:`area_always_matched`).
    """
    # The engine's call (exact types, no resolve) passes on identity tests alone: the
    # abstract-class tests below cost a microsecond, and the engine calls this per fired rule.
    if not (type(reason) is Text and type(matched) is dict and type(facts) is dict
            and type(tested) in _SEQUENCES and type(catalogue) is Catalogue
            and resolve is None):
        _refuse_fill(reason, matched, tested, facts, catalogue, resolve)
    if "{" not in reason.nb and "{" not in reason.en:
        return reason
    tested = list(tested)

    def numbers(kind: str, ref: str | None) -> list[tuple[str, float]]:
        def pick(source: Iterable[str]) -> list[tuple[str, float]]:
            out: list[tuple[str, float]] = []
            for fact in source:
                if fact_kind(fact) != kind or (ref is not None and fact_ref(fact) != ref):
                    continue
                value = facts.get(fact)
                if isinstance(value, int | float) and not isinstance(value, bool):
                    out.append((fact, float(value)))
            return out
        return pick(sorted(matched)) or pick(tested)

    def render(text: str, lang: str) -> str:
        found, _ = placeholders(text)
        for ph in found:
            ref = None
            if ph.ref:
                ref = resolve(ph.ref) if resolve is not None else normalise_ref(ph.ref)
            if ph.kind == "area":
                # Only the areas whose facts matched: an area tested in a part of the
                # condition that did not hold is no finding about that area.
                areas = [fact_area(f) for f in sorted(matched) if fact_kind(f) is not None]
                names = [_area_name(catalogue, a, lang) for a in dict.fromkeys(areas)]
                shown = _join(names, lang) or "–"
            else:
                values = sorted(numbers(ph.kind, ref), key=_reading_order)
                areas_seen = {fact_area(f) for f, _ in values}
                dims_seen = {_fact_dimension(f) for f, _ in values}
                if len(values) > 1 and (len(areas_seen) > 1 or len(dims_seen) > 1):
                    many_areas, many_dims = len(areas_seen) > 1, len(dims_seen) > 1
                    shown = _join([_label(catalogue, f, lang, many_areas, many_dims) + " "
                                   + _value(ph.kind, v, lang) for f, v in values], lang)
                elif values:
                    shown = _join([_value(ph.kind, v, lang) for _, v in values], lang)
                else:
                    shown = "–"
            text = text.replace(ph.text, shown, 1)
        return text

    return own_text(render(reason.nb, "nb"), render(reason.en, "en"))
