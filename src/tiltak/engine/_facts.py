"""Flatten a profile (or a segment of one) into the named facts rules read.

Numbers are rounded to 9 decimals so that, e.g., a gap of 3.5 - 2.1 is 1.4
exactly as far as every backend and every threshold is concerned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from tiltak._validation import Text, built, own_text
from tiltak.catalogue import Catalogue
from tiltak.profile import Competence, Context, Profile, Segment, Subject

Facts = dict[str, Any]
_DIGITS = 9
#: The facts build_facts gives every subject (the matcher never waits for them).
ALWAYS_PRESENT = frozenset({"subject.kind", "subject.roles", "context.sectors", "sectors.count",
                            "context.running_measures", "context.avoid_formats"})


class Subjectview(NamedTuple):
    """What one evaluation is about: the whole profile or one segment. A named tuple, not a
    frozen dataclass, whose ``__init__`` (a guarded ``object.__setattr__`` per field) cost a
    microsecond per evaluation."""

    subject: Subject
    respondents: int | None
    competence: Competence
    context: Context
    parent_targets: Mapping[tuple[str, str], float]


def whole(profile: Profile) -> Subjectview:
    return Subjectview(profile.subject, profile.respondents, profile.competence, profile.context,
                       {})


def segment_view(profile: Profile, segment: Segment,
                 targets: Mapping[tuple[str, str], float] | None = None) -> Subjectview:
    """A segment as a group: the parent's context, and its own sector or role if split by it.
    ``targets``: :func:`parent_targets` of the profile, when the caller made them once for
    all its segments."""
    parent = profile.subject
    attributes = {**parent.attributes, segment.by: segment.value}
    sector = parent.sector
    roles = parent.roles
    if segment.by == "sector" and isinstance(segment.value, str):
        sector = segment.value
    if segment.by == "role" and isinstance(segment.value, str):
        roles = (*roles, segment.value) if segment.value not in roles else roles
    # Valid by construction: the parent's own values, and a segment's sector or role only
    # after Profile.problems_against found it in the catalogue (whose ids are valid ids).
    subject: Subject = built(Subject, {
        "kind": "group",
        "id": f"{parent.id or 'profile'}:{segment.by}={segment.value}",
        "name": parent.name,
        "sector": sector,
        "roles": roles,
        "attributes": attributes,
    })
    if targets is None:
        targets = parent_targets(profile)
    return Subjectview(subject, segment.respondents, segment.competence, profile.context, targets)


def parent_targets(profile: Profile) -> dict[tuple[str, str], float]:
    """The targets the profile states, per area and dimension: a segment's where it states
    none of its own."""
    return {
        (area, dim): value.target
        for area, dims in profile.competence.items()
        for dim, value in dims.items()
        if value.target is not None
    }


#: The names of one area and dimension's facts: level, target, gap and the share pairs.
FactNames = tuple[str, str, str, tuple[tuple[str, str], ...]]
#: The facts of one area and dimension an engine's rules read (None: none reads it): level,
#: target, gap, and the shares as (name, level, whether at or above); and the catalogue's
#: target for it.
WantedNames = tuple[str | None, str | None, str | None, tuple[tuple[str, int, bool], ...],
                    float | None]
_NAMES_CACHE = 4096
_ROUNDED_LIMIT = 65_536  # values a Rounded keeps


class Rounded(dict[float, float]):
    """``round(value, digits)`` of the floats seen before: a bounded memo, since ``round`` of a
    float to some digits costs several dict look-ups, and evaluations round the same few
    values (levels, gaps, points) over and over.

    Look up only a float that is not zero: ``2`` and ``2.0``, ``0.0`` and ``-0.0`` are equal
    keys but round to values written differently.
    """

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        super().__init__()
        self.digits = digits

    def __missing__(self, value: float) -> float:
        rounded = round(value, self.digits)
        if len(self) < _ROUNDED_LIMIT:
            self[value] = rounded
        return rounded


def fact_names(area: str, dim: str) -> FactNames:
    base = f"{area}.{dim}"
    return (f"{base}.level", f"{base}.target", f"{base}.gap",
            tuple((f"{base}.share_at_or_below_{level}", f"{base}.share_at_or_above_{level}")
                  for level in range(1, 6)))


def wanted_names(area: str, dim: str, wanted: frozenset[str] | None,
                 catalogue: Catalogue) -> WantedNames:
    """The fact names of one area and dimension, those not in ``wanted`` left out, and the
    catalogue's target."""
    level, target, gap, pairs = fact_names(area, dim)
    shares = tuple((name, k, above) for k, pair in enumerate(pairs, start=1)
                   for above, name in enumerate(pair) if wanted is None or name in wanted)
    return (level if wanted is None or level in wanted else None,
            target if wanted is None or target in wanted else None,
            gap if wanted is None or gap in wanted else None,
            tuple((name, k, bool(above)) for name, k, above in shares),
            catalogue.target(area, dim))  # type: ignore[arg-type]


def build_facts(view: Subjectview, catalogue: Catalogue,
                names: dict[tuple[str, str], WantedNames] | None = None,
                wanted: frozenset[str] | None = None,
                memo: FactMemo | None = None,
                ) -> tuple[Facts, list[Text]]:
    """The facts of one subject, and warnings about what could not be computed.

    ``wanted``: the only competence facts to compute (an engine's: those its rules read; the
    others would never be looked at); None for all of them. ``names`` is an engine's cache of
    those names per area and dimension (made once, not per profile), for that ``wanted`` and
    that ``catalogue``; ``memo`` its memo of what many subjects share (see :class:`FactMemo`).
    """
    facts: Facts = {}
    if memo is None:
        memo = FactMemo()
    r9 = memo.r9
    warnings: list[Text] = []
    parent_targets = view.parent_targets
    for area, dims in view.competence.items():
        for dim, value in dims.items():
            found = None if names is None else names.get((area, dim))
            if found is None:
                found = wanted_names(area, dim, wanted, catalogue)
                if names is not None and len(names) < _NAMES_CACHE:
                    names[(area, dim)] = found
            level_name, target_name, gap_name, share_names, default_target = found
            level = value.level
            if level_name is not None:
                facts[level_name] = (r9[level] if level.__class__ is float and level
                                     else round(level, _DIGITS))
            target = value.target
            if target is None and parent_targets:
                target = parent_targets.get((area, dim))
            if target is None:
                target = default_target
            if target is None:
                base = f"{area}.{dim}"
                warnings.append(own_text(
                    f"{base}: ingen målnivå, så gapet er ukjent",
                    f"{base}: no target level, so the gap is unknown",
                ))
            else:
                if target_name is not None:
                    facts[target_name] = (r9[target] if target.__class__ is float and target
                                          else round(target, _DIGITS))
                if gap_name is not None:
                    gap = max(0.0, target - level)
                    facts[gap_name] = (r9[gap] if gap.__class__ is float and gap
                                       else round(gap, _DIGITS))
            if value.distribution is not None and share_names:
                shares = value.distribution
                for name, k, above in share_names:
                    share = sum(shares[k - 1:] if above else shares[:k])
                    facts[name] = (r9[share] if share.__class__ is float and share
                                   else round(share, _DIGITS))
    subject = view.subject
    facts["subject.kind"] = subject.kind
    if subject.sector is not None:
        facts["subject.sector"] = subject.sector
    # A role condition matches a role and every narrower one (a top leader holds `leader`),
    # as audiences do (docs/rule-language.md, `role:`; docs/catalogue-format.md, kind_of).
    closures = memo.roles
    closure = closures.get(subject.roles)
    if closure is None:
        closure = catalogue.role_closure(subject.roles)
        if len(closures) < _MEMO_LIMIT:
            closures[subject.roles] = closure
    facts["subject.roles"] = closure
    if subject.attributes:
        attribute_names = memo.attributes
        for name, attr in subject.attributes.items():
            if attr is not None:
                key = attribute_names.get(name)
                if key is None:
                    key = f"attribute.{name}"
                    if len(attribute_names) < _MEMO_LIMIT:
                        attribute_names[name] = key
                facts[key] = attr
    if view.respondents is not None:
        facts["respondents"] = float(view.respondents)
    context = view.context
    sectors, running, avoided = context.sectors, context.running_measures, context.avoid_formats
    if sectors or running or avoided:
        facts["context.sectors"] = frozenset(sectors)
        facts["sectors.count"] = float(len(set(sectors)))
        facts["context.running_measures"] = frozenset(running)
        facts["context.avoid_formats"] = frozenset(avoided)
    else:  # no context: the same facts each time
        facts["context.sectors"] = _NOTHING
        facts["sectors.count"] = 0.0
        facts["context.running_measures"] = _NOTHING
        facts["context.avoid_formats"] = _NOTHING
    return facts, warnings


_NOTHING: frozenset[str] = frozenset()
_MEMO_LIMIT = 4096  # role sets and attribute names a FactMemo keeps


class FactMemo:
    """What building facts can take from earlier subjects (one per engine): numbers rounded
    to 9 digits, the role closure of a set of roles (from the catalogue the engine holds),
    the fact names of attributes. Bounded; filling it from two threads gives equal values."""

    __slots__ = ("attributes", "r9", "roles")

    def __init__(self) -> None:
        self.r9 = Rounded(_DIGITS)
        self.roles: dict[tuple[str, ...], frozenset[str]] = {}
        self.attributes: dict[str, str] = {}


def shown_fact(value: Any) -> Any:
    """A fact as results show it: sets as sorted lists, numbers to 4 decimals."""
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, float):
        return round(value, 4)
    return value


def same_value(a: object, b: object) -> bool:
    """Equality that keeps booleans apart from numbers (``True != 1`` here)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b
