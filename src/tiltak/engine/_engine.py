"""The Engine and load() (public names in ``tiltak.engine``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

from tiltak import _limits
from tiltak._args import check_count, check_profiles, checked
from tiltak._data import default_dir
from tiltak._i18n import add_messages, format_percent, message
from tiltak._validation import Text, built, own_text
from tiltak._validation import new_model as _new
from tiltak._validation import set_dict as _set_dict
from tiltak._validation import set_extra as _set_extra
from tiltak._validation import set_fields_set as _set_fields
from tiltak._validation import set_private as _set_private
from tiltak.catalogue import STRATEGIES, Catalogue, Measure, load_catalogue
from tiltak.engine._compact import CompactEncoder, evidence_of
from tiltak.engine._facts import (
    FactMemo,
    Facts,
    Rounded,
    Subjectview,
    WantedNames,
    build_facts,
    parent_targets,
    segment_view,
    shown_fact,
    whole,
)
from tiltak.engine._python import _OPS, PythonMatcher, compile_condition, same_conditions
from tiltak.errors import BackendUnavailableError, ProfileError, TiltakError
from tiltak.profile import (
    SUBJECT_KIND_NAMES,
    Profile,
    Segment,
    _load,
    _parse_with_limits,
)
from tiltak.result import (
    RESULT_FORMAT,
    Deferral,
    FactValue,
    ForRoles,
    PartOf,
    Reason,
    Recommendation,
    Result,
    SegmentResult,
    SubjectRef,
    Suppression,
    _Known,
)
from tiltak.rules import (
    AllOf,
    AnyOf,
    Compare,
    Condition,
    HasAny,
    NeedHeld,
    Not,
    Rule,
    RuleSet,
    condition_facts,
    fact_area,
    fact_kind,
    fill_reason,
    placeholders,
)

__all__ = ["ENGINES", "Engine", "Matcher", "assemble", "load", "make_matcher", "trace"]

ENGINES = ("python", "rete")
_LEVEL_ORDER = {"organisation": 0, "region": 1, "sector": 2, "unit": 3, "individual": 4}
_STRATEGY_ORDER = {s: i for i, s in enumerate(STRATEGIES)}
_DIGITS = 4

add_messages(
    {
        "part-of-programme": (
            "Modul i «{title}», som også er foreslått. Modulene følger programmet og teller "
            "mindre for hver modul: denne teller {share} av poengene sine.",
            "A module of '{title}', which is recommended too. The modules come with the "
            "programme and count less for each further module: this one counts {share} of "
            "its points.",
        ),
        "for-some-roles": (
            "Tiltaket er for {roles}. Profilen ({subject}) oppgir ingen roller, så det gjelder "
            "dem som har en av disse rollene, ikke alle.",
            "The measure is for {roles}. The profile ({subject}) states no roles, so it is "
            "meant for those who hold one of these roles, not for everyone.",
        ),
    }
)


class Matcher(Protocol):
    """A backend: which rules fire for some facts (indices in evaluation order)."""

    name: str

    def fired(self, facts: Facts) -> tuple[list[int], frozenset[str]]: ...


@checked
def make_matcher(ruleset: RuleSet, engine: str) -> Matcher:
    if engine == "python":
        return PythonMatcher(ruleset)
    if engine == "rete":
        try:
            from tiltak.engine._rete import ReteMatcher  # type: ignore[import-untyped,import-not-found,unused-ignore]
        except ImportError:
            raise BackendUnavailableError(
                "engine-unavailable", name="rete", install="pip install 'tiltak[rete]'"
            ) from None
        matcher: Matcher = ReteMatcher(ruleset)
        return matcher
    raise TiltakError("engine-unknown", name=engine, expected=", ".join(ENGINES))


#: One reason a measure is recommended: rule id, its reason, the points it added, the facts.
ReasonRow = tuple[str, Text, float, dict[str, FactValue]]
#: One rule deferring a measure: rule id and its reason.
DeferralRow = tuple[str, Text]
#: A module of a recommended programme: the programme's id, the share counted, why.
PartRow = tuple[str, float, Text]
#: One recommendation, in rank order: its ranking key (deferred, filling in, minus the score,
#: the measure's place: unique, so rows sort on it alone), the measure's id, the measure, its
#: score, its reasons and deferrals, the programme it is a module of (when that is
#: recommended too), and for whom it is when the subject states no roles and the measure is
#: for some roles. The rows are sorted as they are made, not copied into other tuples.
RecRow = tuple[bool, bool, float, int, str, Measure, float, list[ReasonRow],
               Sequence[DeferralRow], PartRow | None, ForRoles | None]
#: One suppressed measure: the measure, the rule (or None), the context field (or None), why.
SuppressionRow = tuple[Measure, str | None,
                       Literal["running_measures", "avoid_formats", "audience"] | None, Text]


class Outcome(NamedTuple):
    """One evaluation (the whole profile or a segment) as plain rows, before it becomes
    result models (``suggest``) or compact JSON (``suggest_many_json``): both are made from
    the same rows, so they cannot disagree."""

    respondents: int | None
    recommendations: list[RecRow]
    suppressed: list[SuppressionRow]
    needs: list[str]
    #: The measures only standing tasks give where the profile states a level (they fill in).
    fills_in: frozenset[str] = frozenset()


#: An evaluated profile: the profile, the whole-profile outcome, warnings, per-segment outcomes.
Evaluated = tuple[Profile, Outcome, list[Text], list[tuple[Segment, Outcome]]]
ProfileSource = Profile | Mapping[str, Any] | str | bytes | Path


@checked
def _check_parts(rules: RuleSet, catalogue: Catalogue, backend: str) -> None:
    """Engine(...) given the wrong things: say so, not AttributeError later."""


@dataclass(frozen=True)
class Engine:
    """Compiled rules and their catalogue, ready to evaluate profiles."""

    rules: RuleSet
    catalogue: Catalogue
    backend: str = "python"
    _matcher: Matcher = field(init=False, repr=False, compare=False)
    _texts: _Texts = field(init=False, repr=False, compare=False)
    _plans: tuple[RulePlan, ...] = field(init=False, repr=False, compare=False)
    _wanted: frozenset[str] = field(init=False, repr=False, compare=False)
    _known: _Known = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_parts(self.rules, self.catalogue, self.backend)
        object.__setattr__(self, "_matcher", make_matcher(self.rules, self.backend))
        object.__setattr__(self, "_texts", _Texts())
        object.__setattr__(self, "_plans", _rule_plans(self.rules))
        object.__setattr__(self, "_wanted", _read_facts(self.rules))
        object.__setattr__(self, "_known", _Known(frozenset(self.catalogue.measures),
                                                  frozenset(r.id for r in self.rules.rules)))

    @checked
    def with_backend(self, backend: str) -> Engine:
        """The same rules and catalogue evaluated by another backend."""
        return Engine(self.rules, self.catalogue, backend)

    @checked
    def suggest(self, profile: Profile | Mapping[str, Any] | str | Path,
                top: int | None = None) -> Result:
        """Ranked, explained suggestions for a profile (and for each of its segments)."""
        check_count("Engine.suggest", "top", top)
        return result_of(self._evaluate_profile(_load(profile, self.catalogue)), top,
                         self._texts)._with_known(self._known)

    def suggest_many(self, profiles: Iterable[ProfileSource],
                     top: int | None = None) -> Iterator[Result]:
        """``suggest`` for each profile in turn, lazily: one result in memory at a time.

        A profile may also be one JSON text as bytes (a line of a JSON Lines file). The first
        invalid profile raises its :class:`~tiltak.errors.ProfileError` and ends the
        iteration; :meth:`suggest_many_json` reports it and goes on.
        """
        check_count("Engine.suggest_many", "top", top)
        check_profiles("Engine.suggest_many", profiles)
        limits = _limits.current()  # once per iteration, as suggest_many_json does
        texts, known = self._texts, self._known
        for profile in profiles:
            yield result_of(self._evaluate_profile(_loaded(profile, limits, self.catalogue)), top,
                            texts)._with_known(known)

    def suggest_many_json(self, profiles: Iterable[ProfileSource],
                          top: int | None = None) -> Iterator[bytes | ProfileError]:
        """Each profile's result as one line of compact JSON (UTF-8 bytes ending in a newline),
        or, for a profile that is not valid, its :class:`~tiltak.errors.ProfileError` (yielded,
        not raised, so the others go on). Lazy: constant memory however many profiles.

        A line holds the same values as ``suggest(profile, top).to_json()`` and is byte for byte
        ``to_json_line()`` of that result; static parts are encoded once per engine.
        """
        check_count("Engine.suggest_many_json", "top", top)
        check_profiles("Engine.suggest_many_json", profiles)
        encoder = self._encoder()
        limits = _limits.current()  # once per batch: reading the environment costs 20 us
        for profile in profiles:
            try:
                evaluated = self._evaluate_profile(_loaded(profile, limits, self.catalogue))
            except ProfileError as error:
                yield error
                continue
            yield encoder.line(evaluated, top)

    @checked
    def facts(self, profile: Profile) -> Facts:
        """The named facts the rules see for the whole profile."""
        return build_facts(whole(profile), self.catalogue)[0]

    def fired(self, facts: Facts) -> tuple[list[Rule], frozenset[str]]:
        indices, needs = self._matcher.fired(facts)
        return [self.rules.rules[i] for i in indices], needs

    def _evaluate_profile(self, loaded: Profile) -> Evaluated:
        problems = loaded.problems_against(self.catalogue)
        if problems:
            raise ProfileError(problems)
        main, warnings = self._evaluate(whole(loaded))
        segments = []
        if loaded.segments:
            targets = parent_targets(loaded)  # once for all segments
            segments = [(segment, self._evaluate(segment_view(loaded, segment, targets))[0])
                        for segment in loaded.segments]
        return loaded, main, warnings, segments

    def _evaluate(self, view: Subjectview) -> tuple[Outcome, list[Text]]:
        texts = self._texts
        facts, warnings = build_facts(view, self.catalogue, texts.fact_names, self._wanted,
                                      texts.facts)
        indices, needs = self._matcher.fired(facts)
        plans = self._plans
        fired = [plans[i] for i in indices]
        return _assemble(fired, needs, facts, self.catalogue, view, texts), warnings

    def _encoder(self) -> CompactEncoder:
        """The compact JSON encoder of this engine (made on first use; static parts cached)."""
        encoder: CompactEncoder | None = self._texts.encoder
        if encoder is None:
            encoder = CompactEncoder(self.catalogue, self.rules)
            self._texts.encoder = encoder
        return encoder


#: What a rule's filled reason depends on: the facts its condition tests; its competence facts
#: and their kinds (None: not cached); per kind of number a placeholder shows, the tested
#: facts of that kind and whether it is a share; whether a placeholder names one fact
#: ({gap:AREA.DIM}). ``{area}`` names the areas of the matched facts, which the key holds.
ReasonPlan = tuple[list[str], dict[str, str] | None, tuple[tuple[str, tuple[str, ...], bool], ...],
                   bool]


def _reason_plan(rule: Rule) -> ReasonPlan:
    tested = condition_facts(rule.when)
    kinds = {f: kind for f in tested if (kind := fact_kind(f)) is not None}
    # An attribute named like a competence fact ("x.level") may hold any scalar; such a
    # rule's reasons are not worth a careful key: they are not cached.
    if any(f.startswith("attribute.") for f in kinds):
        return tested, None, (), False
    found = [ph for text in (rule.reason.nb, rule.reason.en) for ph in placeholders(text)[0]]
    shown = tuple((kind, tuple(f for f, k in kinds.items() if k == kind), kind == "share")
                  for kind in sorted({ph.kind for ph in found} - {"area"}))
    return tested, kinds, shown, any(ph.ref for ph in found)


# Entries in a per-engine cache keyed by profile values; past it, no caching. The filled
# reasons of 200,000 generated employees take 17,000 keys; at 8,192 a long batch made one
# reason in thirty afresh (about 100 us each). Each entry holds a text and, in the compact
# encoder, its JSON: at 65,536 the million employees peaked at 250 MB, so 32,768.
_CACHE_LIMIT = 32_768
_VIEWS_LIMIT = 1024  # kinds and role sets whose measure views are kept (a dict each)
_UNKNOWN = object()


class _Texts:
    """Per-engine caches of texts that do not depend on the profile (made on first use), and
    of texts that depend only on a few of its values (filled reasons, audience exclusions):
    many employees share them, and making them costs more than the rest of an evaluation.

    Filling a cache twice from two threads gives equal values, so no lock is needed; the
    caches keyed by profile values stop growing at ``_CACHE_LIMIT`` entries.
    """

    __slots__ = (
        "avoided",
        "encoder",
        "fact_names",
        "facts",
        "for_some",
        "measures",
        "parts",
        "programme_ids",
        "r2",
        "r4",
        "ranks",
        "reasons",
        "running",
        "tested",
        "views",
    )

    def __init__(self) -> None:
        self.measures: dict[str, MeasureParts] = {}
        self.ranks: dict[str, MeasureRanking] | None = None
        self.running: Text | None = None
        self.avoided: dict[str, Text] = {}
        self.parts: dict[tuple[str, float], Text] = {}
        self.encoder: CompactEncoder | None = None
        self.tested: dict[str, ReasonPlan] = {}
        self.reasons: dict[tuple[Any, ...], Text] = {}
        self.views: dict[tuple[str, tuple[str, ...]], dict[str, MeasureView]] = {}
        self.programme_ids: frozenset[str] | None = None
        self.for_some: dict[str, dict[str, ForRoles | None]] = {}
        self.fact_names: dict[tuple[str, str], WantedNames] = {}
        self.facts = FactMemo()
        self.r4 = Rounded(_DIGITS)  # points, scores and shown facts
        self.r2 = Rounded(2)  # numbers in the keys of filled reasons

    def filled(self, rule: Rule, matched: Mapping[str, FactValue], facts: Facts,
               catalogue: Catalogue) -> Text:
        """``fill_reason`` of a rule that fired, from the cache when the same facts were seen.

        A filled reason depends on the rule, on which of its competence facts matched and on
        the values of the competence facts its condition tests; nothing else goes in.
        """
        plan = self.tested.get(rule.id)
        if plan is None:
            plan = self.tested[rule.id] = _reason_plan(rule)
        tested, kinds, shown, named = plan
        if kinds is None:
            return fill_reason(rule.reason, matched, tested, facts, catalogue)
        get = facts.get
        r2 = self.r2
        mine = tuple([f for f in matched if f in kinds])
        key: list[Any] = [rule.id, mine]
        for kind, names, share in shown:
            # A placeholder shows the matched facts of its kind or, when none matched, those
            # the condition tests (with a named fact, any of them may be shown); a share as a
            # percentage of the value itself, any other number rounded to 2 decimals.
            chosen = [] if named else [f for f in mine if kinds[f] == kind]
            for name in chosen or names:
                value = get(name)
                if share or value is None:
                    key.append(value)
                else:  # round(float(value), 2), memoised (0.0 and -0.0 are equal keys)
                    number = float(value)
                    key.append(r2[number] if number else number)
            key.append(bool(chosen))
        frozen = tuple(key)
        text = self.reasons.get(frozen)
        if text is None:
            text = fill_reason(rule.reason, matched, tested, facts, catalogue)
            if len(self.reasons) < _CACHE_LIMIT:
                self.reasons[frozen] = text
        return text

    def measure_views(self, kind: str, roles: tuple[str, ...]) -> dict[str, MeasureView]:
        """What assembly reads of each measure asked so far for a subject of this kind with
        these roles (:meth:`measure_view`): one dict per kind and roles. Many subjects share a
        kind and roles; past ``_VIEWS_LIMIT`` of them, a subject's dict is its own."""
        key = (kind, roles)
        found = self.views.get(key)
        if found is None:
            found = {}
            if len(self.views) < _VIEWS_LIMIT:
                self.views[key] = found
        return found

    def measure_view(self, views: dict[str, MeasureView], catalogue: Catalogue,
                     measure_id: str, kind: str, roles: tuple[str, ...]) -> MeasureView:
        """One measure as assembly reads it for a subject of this kind with these roles, made
        once per measure, kind and roles: its ranking entry, why it is not for the subject
        (None when it is or the measure has no audience), and for
        whom among a subject that states no roles it is (only a body or a group: one
        employee without roles is a plain employee, whom the audience itself decides on;
        :meth:`Catalogue.holds_many_roles`)."""
        measure, fmt, audience, place, part_of = self.ranking(catalogue)[measure_id]
        outside = some = None
        if audience:
            if catalogue.outside_audience(measure_id, kind, roles):
                outside = _audience_reason(catalogue, measure_id, kind, roles)
            elif Catalogue.holds_many_roles(kind, roles):
                some = self.for_some_roles(catalogue, measure_id, kind)
        view = views[measure_id] = (measure, fmt, place, part_of, outside, some,
                                    measure_id in self.programmes(catalogue))
        return view

    def for_some_roles(self, catalogue: Catalogue, measure_id: str,
                       kind: str) -> ForRoles | None:
        """For whom a measure is when a subject of this kind states no roles, or None when
        it is for everyone: one immutable model per measure and kind of subject, shared by
        every result that needs it (bounded by the catalogue; see
        :meth:`Catalogue.for_some_roles`)."""
        cache = self.for_some.get(kind)
        if cache is None:
            cache = self.for_some[kind] = {}
        if measure_id in cache:
            return cache[measure_id]
        roles = catalogue.for_some_roles(measure_id, kind, ())
        row = None if not roles else built(ForRoles, {
            "roles": roles, "because": _for_some_reason(catalogue, roles, kind)})
        cache[measure_id] = row
        return row

    def programmes(self, catalogue: Catalogue) -> frozenset[str]:
        """The measures some other measure is a module of (catalogue ``part_of``)."""
        found = self.programme_ids
        if found is None:
            found = self.programme_ids = frozenset(
                m.part_of for m in catalogue.measures.values() if m.part_of is not None)
        return found

    def part_of(self, programme: Measure, share: float) -> Text:
        key = (programme.id, share)
        text = self.parts.get(key)
        if text is None:
            text = self.parts[key] = own_text(
                message("part-of-programme", "nb", title=programme.title.nb,
                        share=format_percent(share, "nb")),
                message("part-of-programme", "en", title=programme.title.en,
                        share=format_percent(share, "en")))
        return text

    def ranking(self, catalogue: Catalogue) -> dict[str, MeasureRanking]:
        """What assembly reads of each measure of the catalogue (made on first use); a
        measure's place is its place among all by strategy, level and id, the ranking's
        tie-break after the score."""
        ranking = self.ranks
        if ranking is None:
            order = sorted(catalogue.measures.values(), key=lambda m: (
                _STRATEGY_ORDER[m.strategy], _LEVEL_ORDER[m.level], m.id))
            ranking = self.ranks = {
                m.id: (m, m.format, m.audience is not None, place, m.part_of)
                for place, m in enumerate(order)}
        return ranking

    def measure_parts(self, measure: Measure) -> MeasureParts:
        """The parts of a recommendation that depend only on the measure: its fields as a
        recommendation's dict holds them, in the model's order (the others None, set per
        recommendation), and its areas, dimensions and sources (each recommendation gets
        lists of its own)."""
        parts = self.measures.get(measure.id)
        if parts is None:
            template: dict[str, Any] = dict.fromkeys(Recommendation.model_fields)
            template.update(measure=measure.id, title=measure.title, strategy=measure.strategy,
                            format=measure.format, level=measure.level,
                            evidence=evidence_of(measure), fills_in=False)
            parts = self.measures[measure.id] = (
                template, tuple(measure.areas), tuple(measure.dimensions),
                tuple(measure.sources))
        return parts

    def excluded_running(self) -> Text:
        if self.running is None:
            self.running = Text.of("excluded-running")
        return self.running

    def excluded_format(self, fmt: str) -> Text:
        text = self.avoided.get(fmt)
        if text is None:
            text = self.avoided[fmt] = Text.of("excluded-avoided-format", format=fmt)
        return text


def _loaded(profile: ProfileSource, limits: _limits.Limits, catalogue: Catalogue) -> Profile:
    """A profile from what a batch gives: JSON bytes read under ``limits`` (read once by
    the caller), anything else as :func:`load_profile` takes it. The ids ``catalogue`` does
    not know are reported with the other problems of a profile that is not valid; the
    caller checks them in a valid one."""
    if isinstance(profile, bytes | bytearray):
        return _parse_with_limits(bytes(profile), None, limits, catalogue)
    return _load(profile, catalogue)


def result_of(evaluated: Evaluated, top: int | None = None,
              texts: _Texts | None = None) -> Result:
    """The result models of an evaluation, built without re-validating what the engine made
    (``texts``: the engine's, whose per-measure parts are made once)."""
    if texts is None:
        texts = _Texts()
    loaded, main, warnings, segments = evaluated
    subject = loaded.subject
    result: Result = built(Result, {
        "format": RESULT_FORMAT,
        "subject": built(SubjectRef, {"kind": subject.kind, "id": subject.id,
                                      "name": subject.name}),
        "respondents": loaded.respondents,
        "recommendations": _recommendations(main.recommendations, top, texts, main.fills_in),
        "suppressed": _suppressions(main.suppressed),
        "needs": main.needs,
        "warnings": warnings,
        "segments": None if not loaded.segments else [
            _segment_model(segment.by, segment.value, part, top, texts)
            for segment, part in segments
        ],
    }, set(_RESULT_GIVEN))
    return result


# What Result.model_construct(...) without "format" (its default) records as given.
_RESULT_GIVEN = frozenset(Result.model_fields) - {"format"}
#: What assembly reads of a measure: the measure, its format, whether it has an audience, its
#: place in the ranking's tie-break (strategy, level, id), the programme it is a module of.
MeasureRanking = tuple[Measure, str, bool, int, str | None]
#: A measure as assembly reads it for one kind of subject and its roles: the measure, its
#: format, its place in the ranking's tie-break, the programme it is a module of, why it is not
#: for the subject (None when it is), for whom among a role-less subject's people it is (None:
#: everyone), whether it is a programme (some measure is a module of it).
MeasureView = tuple[Measure, str, int, str | None, Text | None, ForRoles | None, bool]
#: The parts of a recommendation that depend only on its measure: a template of its dict (the
#: measure's own fields filled, among them its evidence: one immutable model per measure and
#: engine, shared by every recommendation of the measure, as the ``for_roles`` note is), its
#: areas, dimensions and sources.
MeasureParts = tuple[dict[str, Any], tuple[str, ...], tuple[str, ...], tuple[Any, ...]]


def _segment_model(by: str, value: str | int | float | bool, outcome: Outcome,
                   top: int | None, texts: _Texts) -> SegmentResult:
    return built(SegmentResult, {  # type: ignore[no-any-return]
        "by": by,
        "value": value,
        "respondents": outcome.respondents,
        "recommendations": _recommendations(outcome.recommendations, top, texts,
                                            outcome.fills_in),
        "suppressed": _suppressions(outcome.suppressed),
        "needs": outcome.needs,
    })


# The result models are built from the engine's own rows without validation, as ``built``
# builds them, inline: a result has a hundred or more of them, and a call each cost a fifth
# of the time. Each model gets a fields set and lists of its own; the texts and sources in
# them are immutable and shared.
_REC_FIELDS = frozenset(Recommendation.model_fields)
_REASON_FIELDS = frozenset(Reason.model_fields)
_DEFERRAL_FIELDS = frozenset(Deferral.model_fields)
_PART_FIELDS = frozenset(PartOf.model_fields)


def _recommendations(rows: list[RecRow], top: int | None, texts: _Texts,
                     fills_in: frozenset[str]) -> list[Recommendation]:
    known = texts.measures
    out: list[Recommendation] = []
    new, set_dict, set_fields, set_extra, set_private = (_new, _set_dict, _set_fields,
                                                         _set_extra, _set_private)
    for rank, (_, _, _, _, measure_id, measure, score, reasons, deferred, part, some) in (
            enumerate(rows if top is None else rows[:top], start=1)):
        template, areas, dimensions, sources = (known.get(measure_id)
                                                or texts.measure_parts(measure))
        made = []
        for rule, because, points, facts in reasons:
            reason = new(Reason)
            set_dict(reason, {"rule": rule, "because": because, "points": points,
                              "facts": facts})
            set_fields(reason, set(_REASON_FIELDS))
            set_extra(reason, None)
            set_private(reason, None)
            made.append(reason)
        deferrals = []
        for rule, because in deferred:
            deferral = new(Deferral)
            set_dict(deferral, {"rule": rule, "because": because})
            set_fields(deferral, set(_DEFERRAL_FIELDS))
            set_extra(deferral, None)
            set_private(deferral, None)
            deferrals.append(deferral)
        # The measure's own fields from its template (copying a dict costs less than
        # building one of fifteen entries), then the recommendation's.
        values = template.copy()
        values["rank"] = rank
        values["score"] = score
        values["areas"] = [*areas]  # a list display: no call
        values["dimensions"] = [*dimensions]
        values["sources"] = [*sources]
        values["reasons"] = made
        values["deferred"] = deferrals
        if part is not None:
            counted = new(PartOf)
            set_dict(counted, {"measure": part[0], "counted": part[1], "because": part[2]})
            set_fields(counted, set(_PART_FIELDS))
            set_extra(counted, None)
            set_private(counted, None)
            values["part_of"] = counted
        if some is not None:
            values["for_roles"] = some
        if fills_in and measure_id in fills_in:
            values["fills_in"] = True
        rec = new(Recommendation)
        set_dict(rec, values)
        set_fields(rec, set(_REC_FIELDS))
        set_extra(rec, None)
        set_private(rec, None)
        out.append(rec)
    return out


def _suppressions(rows: list[SuppressionRow]) -> list[Suppression]:
    return [
        built(Suppression, {"measure": measure.id, "title": measure.title, "rule": rule,
                            "context": context, "because": because})
        for measure, rule, context, because in rows
    ]


@checked
def assemble(fired: list[Rule], needs: frozenset[str], facts: Facts, catalogue: Catalogue,
             view: Subjectview) -> SegmentResult:
    """Turn the rules that fired into ranked recommendations and suppressions.

    Scores are ``weight + per_gap x gap + per_share x share`` (and ``per_attribute`` points
    below a threshold) summed over the rules. A measure
    leaves the list when it is running, of an avoided format, outside its audience (the
    catalogue's ``audience``) or suppressed by a rule; a rule's suppression or deferral with
    ``scope: matched-areas`` reaches only measures in the areas its condition matched. Reasons
    have their placeholders filled from the facts each rule matched.
    """
    texts = _Texts()
    outcome = _assemble([_rule_plan(rule) for rule in fired], needs, facts, catalogue, view,
                        texts)
    return _segment_model("", "", outcome, None, texts)


def _assemble(fired: list[RulePlan], needs: frozenset[str], facts: Facts, catalogue: Catalogue,
              view: Subjectview, texts: _Texts) -> Outcome:
    """The rows of one evaluation: what the rules that fired recommend, suppress and defer.

    ``fired`` are the plans (:func:`_rule_plan`, made once per rule and engine) of the rules
    that fired, in evaluation order.
    """
    # Per measure: its reasons in the order the rules fired.
    found: dict[str, list[ReasonRow]] = {}
    suppressed_by: dict[str, list[tuple[str, Text]]] = {}
    deferred_by: dict[str, list[tuple[str, Text]]] = {}
    # Where the profile states a level, the findings come first: what standing tasks
    # recommend is kept apart and only fills in after every measure a finding supports.
    standing: dict[str, list[ReasonRow]] | None = (
        {} if any(view.competence.values()) else None)
    get = facts.get
    r4 = texts.r4
    traces: dict[int, dict[str, FactValue]] = {}  # of the conditions rules share
    for (rule_id, because, fill, plan, recommends, suppresses, suppress_scoped, defers,
         defer_scoped, rule, shared) in fired:
        if plan is None:  # the rule only derives needs
            continue
        into = standing if standing is not None and rule.standing else found
        if not shared:
            matched = _traced(plan, facts, needs, r4)
        else:  # traced once per condition; each rule's reasons get a dict of their own
            earlier = traces.get(id(plan))
            if earlier is None:
                matched = traces[id(plan)] = _traced(plan, facts, needs, r4)
            else:
                matched = dict(earlier)
        if fill:
            because = texts.filled(rule, matched, facts, catalogue)
        for measure_id, weight, per_gap, per_share, per_below in recommends:
            points = weight  # rounded already when it is all the points (see _rule_plan)
            if per_gap or per_share or per_below:
                # One term (most rules) without a list: 0.0 + term is what sum() of it gives.
                if per_gap:
                    if len(per_gap) == 1:
                        gap_fact, mult = per_gap[0]
                        points += 0.0 + mult * float(get(gap_fact, 0.0))
                    else:
                        points += sum([mult * float(get(gap_fact, 0.0))
                                       for gap_fact, mult in per_gap])
                if per_share:
                    if len(per_share) == 1:
                        share_fact, mult = per_share[0]
                        points += 0.0 + mult * float(get(share_fact, 0.0))
                    else:
                        points += sum([mult * float(get(share_fact, 0.0))
                                       for share_fact, mult in per_share])
                if per_below:
                    points += _below_points(per_below, facts)
                points = r4[points] if points else round(points, _DIGITS)
            reasons = into.get(measure_id)
            if reasons is None:
                into[measure_id] = [(rule_id, because, points, matched)]
            else:
                reasons.append((rule_id, because, points, matched))
        if suppresses:
            _scoped(suppressed_by, suppresses, suppress_scoped, matched, plan[4], rule_id,
                    because, catalogue)
        if defers:
            _scoped(deferred_by, defers, defer_scoped, matched, plan[4], rule_id, because,
                    catalogue)

    later: set[str] = set()
    if standing:
        measures = catalogue.measures
        for measure_id, reasons in standing.items():
            if measure_id not in found and not _met(measures[measure_id], view, catalogue):
                found[measure_id] = reasons
                later.add(measure_id)
    suppressed: list[SuppressionRow] = []
    running = view.context.running_measures
    avoided = view.context.avoid_formats
    kind, roles = view.subject.kind, view.subject.roles
    views = texts.measure_views(kind, roles)
    # Modules kept: (programme, module, score, where in ``ranked``).
    modules: list[tuple[str, str, float, int]] | None = None
    present: dict[str, Measure] | None = None  # programmes kept
    ranked: list[RecRow] = []
    # Whether anything but the audience can keep a measure out (most subjects: nothing).
    excluding = bool(running or avoided or suppressed_by)
    for measure_id, reasons in found.items():
        many = len(reasons) > 1
        if not many:  # its points are rounded already (and -0.0 is left out below)
            score = reasons[0][2]
        else:  # summed in the order the rules fired, then rounded
            score = 0.0
            for reason in reasons:
                score += reason[2]
            score = r4[score] if score else round(score, _DIGITS)
        if score <= 0:
            continue
        measure, fmt, place, part_of, outside, some, programme = (
            views.get(measure_id) or texts.measure_view(views, catalogue, measure_id, kind,
                                                         roles))
        if excluding or outside is not None:  # the first reason to leave it out is given
            if running and measure_id in running:
                suppressed.append((measure, None, "running_measures", texts.excluded_running()))
                continue
            if avoided and fmt in avoided:
                suppressed.append((measure, None, "avoid_formats", texts.excluded_format(fmt)))
                continue
            if outside is not None:
                suppressed.append((measure, None, "audience", outside))
                continue
            if suppressed_by and measure_id in suppressed_by:
                suppressed.extend((measure, rule_id, None, text)
                                  for rule_id, text in suppressed_by[measure_id])
                continue
        if many:
            # Most points first; a stable sort keeps equal points in the order the rules fired.
            reasons.sort(key=_minus_points)
        deferred = deferred_by.get(measure_id) if deferred_by else None
        if part_of is not None:
            if modules is None:
                modules = []
            modules.append((part_of, measure_id, score, len(ranked)))
        if programme:
            if present is None:
                present = {}
            present[measure_id] = measure
        # The ranking: deferred last, then what standing tasks fill in, then by score, then
        # by place (strategy, level, id; one place per measure, so the rows themselves are
        # never compared).
        ranked.append((deferred is not None, measure_id in later, -score, place, measure_id,
                       measure, score, reasons, deferred or (), None, some))
    if len(suppressed) > 1:  # by measure; a stable sort keeps one measure's rules in order
        suppressed.sort(key=_suppressed_id)
    if modules and present:  # modules of a programme recommended too count a share
        # Points a module has from a rule that recommends its programme too count in full:
        # that rule gives the programme with its modules and has weighed them as one.
        alone: list[tuple[str, str, float, int]] = []
        given: dict[str, float] = {}
        for whole, measure_id, score, at in modules:
            if whole in present:
                with_it = {row[0] for row in found[whole]}
                together = sum([row[2] for row in ranked[at][7] if row[0] in with_it])
                if together:
                    given[measure_id] = together
                    score = round(score - together, _DIGITS)
            if score > 0:
                alone.append((whole, measure_id, score, at))
        parts = _programme_parts(alone, present, texts)
        for _, measure_id, score, at in alone:
            part = parts.get(measure_id)
            if part is not None:
                deferred_last, filled_in, _, place, _, measure, _, reasons, deferrals, _, some = (
                    ranked[at])
                full = given.get(measure_id, 0.0)
                counted = round(full + score * part[1], _DIGITS)
                if full:  # the share of all its points it counts
                    share = round(counted / (full + score), _DIGITS)
                    part = (part[0], share, texts.part_of(present[part[0]], share))
                ranked[at] = (deferred_last, filled_in, -counted, place, measure_id, measure,
                              counted, reasons, deferrals, part, some)
    if len(ranked) > 1:
        ranked.sort()
    return Outcome(view.respondents, ranked, suppressed, sorted(needs),
                   frozenset(later) if later else frozenset())


def _met(measure: Measure, view: Subjectview, catalogue: Catalogue) -> bool:
    """Whether the profile shows no gap where the measure works: it states a level with a
    target in one of the measure's areas and dimensions, and none of those is below target."""
    stated = False
    competence = view.competence
    for area in measure.areas:
        values = competence.get(area)
        if not values:
            continue
        for dim in measure.dimensions:
            value = values.get(dim)
            if value is None:
                continue
            target = value.target
            if target is None:
                target = view.parent_targets.get((area, dim), catalogue.target(area, dim))
            if target is None:
                continue
            if value.level < target:
                return False
            stated = True
    return stated


def _suppressed_id(row: SuppressionRow) -> str:
    return row[0].id


def _scoped(target: dict[str, list[tuple[str, Text]]], ids: tuple[str, ...], scoped: bool,
            matched: dict[str, FactValue], area_of: dict[str, str], rule_id: str, because: Text,
            catalogue: Catalogue) -> None:
    """Record a rule's suppression or deferral of ``ids``; with ``scope: matched-areas`` only
    of the measures in an area its condition matched (``area_of``: the area of each competence
    fact the rule can match)."""
    if scoped:
        areas = {area_of[f] for f in matched if f in area_of}
        measures = catalogue.measures
        for measure_id in ids:
            if areas.intersection(measures[measure_id].areas):
                target.setdefault(measure_id, []).append((rule_id, because))
    else:
        for measure_id in ids:
            target.setdefault(measure_id, []).append((rule_id, because))


def _minus_points(row: ReasonRow) -> float:
    return -row[2]


def _programme_parts(modules: list[tuple[str, str, float, int]], present: dict[str, Measure],
                     texts: _Texts) -> dict[str, PartRow]:
    """The modules (catalogue ``part_of``) whose programme is recommended too, each with the
    share of its points it counts: the best-scoring module 1/2, the next 1/3, then 1/4 ...

    A module comes with its programme; without this, a programme's modules each take a place
    at the top beside it and push other chosen measures down. A module whose programme is not
    in the list (not recommended, running, suppressed) counts in full. ``modules``: each kept
    module as (programme, module, score, ...); ``present``: the kept programmes.
    """
    members: dict[str, list[tuple[float, str]]] = {}
    for programme, measure_id, score, _ in modules:
        if programme in present:
            members.setdefault(programme, []).append((-score, measure_id))
    parts: dict[str, PartRow] = {}
    for programme, found in members.items():
        found.sort()
        for k, (_, measure_id) in enumerate(found, start=1):
            share = round(1 / (k + 1), _DIGITS)
            parts[measure_id] = (programme, share, texts.part_of(present[programme], share))
    return parts


def role_names(catalogue: Catalogue, ids: Iterable[str], i: int) -> list[str]:
    """The roles' names in one language (0 nb, 1 en), lower-cased where a name is a word."""
    out = []
    for role in ids:
        found = catalogue.roles.get(role)
        name = (found.name.nb, found.name.en)[i] if found is not None else role
        out.append(name[:1].lower() + name[1:] if name[1:2].islower() else name)
    return out


def _for_some_reason(catalogue: Catalogue, roles: tuple[str, ...], kind: str) -> Text:
    """Why a measure is for some of a role-less subject's people, naming the roles."""
    def text(lang: Literal["nb", "en"]) -> str:
        i = 0 if lang == "nb" else 1
        return message("for-some-roles", lang,
                       roles=", ".join(role_names(catalogue, roles, i)),
                       subject=SUBJECT_KIND_NAMES.get(kind, (kind, kind))[i])

    return own_text(text("nb"), text("en"))


def _audience_reason(catalogue: Catalogue, measure_id: str, kind: str,
                     roles: tuple[str, ...]) -> Text:
    """Why a measure is not for this subject, naming the subject and the audience."""
    audience = catalogue.measures[measure_id].audience
    assert audience is not None

    def text(lang: Literal["nb", "en"]) -> str:
        i = 0 if lang == "nb" else 1
        subject = SUBJECT_KIND_NAMES.get(kind, (kind, kind))[i]
        if roles and kind in ("group", "employee"):
            subject += ": " + ", ".join(role_names(catalogue, roles, i))
        parts = [SUBJECT_KIND_NAMES.get(k, (k, k))[i] for k in audience.subjects]
        if audience.roles:
            parts.append(", ".join(role_names(catalogue, audience.roles, i)))
        return message("excluded-audience", lang, subject=subject, audience="; ".join(parts))

    return own_text(text("nb"), text("en"))


@checked
def trace(cond: Condition | None, facts: Facts, needs: frozenset[str]) -> dict[str, FactValue]:
    """The facts a (held) condition matched: leaves that held, in satisfied branches."""
    out: dict[str, FactValue] = {}
    if cond is not None:
        _tracer(cond)(facts, needs, out)
    return dict(sorted(out.items()))


def _record(node: Condition, facts: Facts, out: dict[str, FactValue]) -> None:
    if isinstance(node, NeedHeld):
        out[f"need.{node.need}"] = True
    elif isinstance(node, HasAny):
        out[node.fact] = sorted(node.values & facts.get(node.fact, frozenset()))
    else:
        out[node.fact] = shown_fact(facts[node.fact])  # type: ignore[union-attr]


#: A compiled walk of one condition: whether it holds, the facts that made it hold put into
#: the dict given. A leaf that held inside a branch that did not (one part of an "all" under
#: an "any") is not recorded: a reason names only what matched (``{area}``, ``{gap}``), and a
#: suppression scoped to the matched areas reaches only those.
Tracer = Callable[[Facts, frozenset[str], dict[str, FactValue]], bool]


def _tracer(node: Condition) -> Tracer:
    """The walk of ``node`` compiled into closures (once per rule and engine for the engine's
    own tracing; as the matcher compiles conditions), so that tracing a rule with an "all"
    under an "any" does not ask what each node is on every evaluation."""
    if isinstance(node, AllOf):
        if node.items and all(isinstance(item, Compare) for item in node.items):
            return _all_compare_tracer(tuple((item.fact, _OPS[item.op], item.value)
                                             for item in node.items
                                             if isinstance(item, Compare)))
        return _all_tracer(tuple(_tracer(item) for item in node.items))
    if isinstance(node, AnyOf):
        return _any_tracer(tuple(_tracer(item) for item in node.items))
    if isinstance(node, Not):
        inner: Any = compile_condition(node.item)  # needs: any set, as holds() takes them
        return lambda facts, needs, out: not inner(facts, needs)
    if isinstance(node, Compare):
        return _compare_tracer(node.fact, _OPS[node.op], node.value)
    return _leaf_tracer(node, compile_condition(node))


def _all_tracer(parts: tuple[Tracer, ...]) -> Tracer:
    def all_of(facts: Facts, needs: frozenset[str], out: dict[str, FactValue]) -> bool:
        mine: dict[str, FactValue] = {}
        for part in parts:
            if not part(facts, needs, mine):
                return False
        out.update(mine)
        return True

    return all_of


def _all_compare_tracer(checks: tuple[tuple[str, Callable[[Any, Any], bool], float], ...],
                        ) -> Tracer:
    """An "all" of numeric comparisons: each checked, then each fact recorded (no dict of
    its own to fill while it is not known whether all hold)."""
    def all_compare(facts: Facts, needs: frozenset[str], out: dict[str, FactValue]) -> bool:
        get = facts.get
        for key, op, bound in checks:
            value = get(key)
            if (value.__class__ is not float and value.__class__ is not int) or not op(value,
                                                                                      bound):
                return False
        for key, _, _ in checks:
            value = get(key)
            out[key] = round(value, 4) if value.__class__ is float else value
        return True

    return all_compare


def _any_tracer(parts: tuple[Tracer, ...]) -> Tracer:
    # Every tracer records only when it holds (an "all" fills a dict of its own first), so
    # each part records straight into ``out``, in order, as a dict per branch merged would.
    def any_of(facts: Facts, needs: frozenset[str], out: dict[str, FactValue]) -> bool:
        held = False
        for part in parts:
            if part(facts, needs, out):
                held = True
        return held

    return any_of


def _compare_tracer(key: str, op: Callable[[Any, Any], bool], bound: float) -> Tracer:
    def compare(facts: Facts, needs: frozenset[str], out: dict[str, FactValue]) -> bool:
        value = facts.get(key)
        if value.__class__ is float:
            if op(value, bound):
                out[key] = round(value, 4)
                return True
            return False
        if value.__class__ is int and op(value, bound):
            out[key] = value
            return True
        return False

    return compare


def _leaf_tracer(node: Condition, test: Any) -> Tracer:
    def leaf(facts: Facts, needs: frozenset[str], out: dict[str, FactValue]) -> bool:
        if test(facts, needs):
            _record(node, facts, out)
            return True
        return False

    return leaf


#: How to trace one rule: whether every leaf holds when it fired; the compiled walk (a
#: Tracer) when a leaf that holds may lie in a branch that did not (None when leaves can be
#: checked one by one); its leaves in the order of the fact each records (stable, so a fact
#: recorded twice keeps its last value), with the operator and bound of numeric comparisons
#: (checked inline) or what another leaf records (True for a need, the values of a "has any",
#: None for the fact as shown), the fact's name and the leaf's compiled test (what holds()
#: answers); when the rule is an
#: "all" of numeric comparisons only, their facts' names (each one recorded); the area of each
#: competence fact it can record.
TracePlan = tuple[bool, Tracer | None, tuple[tuple[Condition, Any, Any, str, Any], ...],
                  tuple[str, ...] | None, dict[str, str]]


def _trace_plan(cond: Condition | None) -> TracePlan:
    """The leaves :func:`trace` records from: every leaf not under a "not", ordered so that
    the facts come out sorted as ``trace`` gives them.

    When the condition is made only of "all" and leaves, every leaf held if the rule fired.
    When no "all" lies under an "any" (the shape "all of ... any of ... leaf"), a leaf that
    holds makes every branch above it hold, so it can be recorded on its own.
    """
    leaves: list[tuple[Condition, Any, Any, str, Any]] = []
    conjunctive = True
    flat = True

    def visit(node: Condition, under_any: bool) -> None:  # runs once per rule and engine
        nonlocal conjunctive, flat
        if isinstance(node, AllOf | AnyOf):
            conjunctive = conjunctive and isinstance(node, AllOf)
            flat = flat and not (under_any and isinstance(node, AllOf))
            for item in node.items:
                visit(item, under_any or isinstance(node, AnyOf))
        elif isinstance(node, Not):
            conjunctive = False
        elif isinstance(node, Compare):
            leaves.append((node, _OPS[node.op], node.value, node.fact, None))
        elif isinstance(node, NeedHeld):
            leaves.append((node, None, True, f"need.{node.need}", compile_condition(node)))
        elif isinstance(node, HasAny):  # records the values it found
            leaves.append((node, None, node.values, node.fact, compile_condition(node)))
        else:  # records the fact as results show it
            leaves.append((node, None, None, node.fact, compile_condition(node)))

    if cond is not None:
        visit(cond, False)
    leaves.sort(key=_recorded_fact)
    numeric = conjunctive and all(leaf[1] is not None for leaf in leaves)
    areas = {leaf[3]: fact_area(leaf[3]) for leaf in leaves if fact_kind(leaf[3]) is not None}
    return (conjunctive, (None if flat or cond is None else _tracer(cond)), tuple(leaves),
            tuple(dict.fromkeys(leaf[3] for leaf in leaves)) if numeric else None, areas)


def _recorded_fact(leaf: tuple[Condition, Any, Any, str, Any]) -> str:
    return leaf[3]


def _traced(plan: TracePlan, facts: Facts, needs: frozenset[str],
            r4: Rounded) -> dict[str, FactValue]:
    """``trace(rule.when, facts, needs)`` for a rule that fired, from its plan."""
    conjunctive, nested, leaves, numeric, _ = plan
    if nested is not None:
        walked: dict[str, FactValue] = {}
        nested(facts, needs, walked)
        return dict(sorted(walked.items()))
    out: dict[str, FactValue] = {}
    get = facts.get
    if numeric is not None:  # every comparison held: each fact is a number
        for name in numeric:
            value = get(name)
            out[name] = (r4[value] if value else value) if value.__class__ is float else value
        return out
    for _leaf, op, bound, name, test in leaves:
        if op is not None:  # a numeric comparison: the fact is a number (see holds)
            value = get(name)
            if conjunctive or ((value.__class__ is float or value.__class__ is int)
                               and op(value, bound)):
                out[name] = ((r4[value] if value else value) if value.__class__ is float
                             else value)
        elif conjunctive or test(facts, needs):  # _record(leaf, facts, out), inline
            if bound is None:
                out[name] = shown_fact(facts[name])
            elif bound is True:
                out[name] = True
            else:
                out[name] = sorted(bound & get(name, _NONE))
    return out


_NONE: frozenset[str] = frozenset()


def _below_points(per_below: tuple[tuple[str, float, float], ...],
                  facts: Mapping[str, Any]) -> float:
    """``per_attribute`` points: ``per_point x (below - value)`` for each numeric subject
    attribute under its threshold; nothing for one that is absent, not a number, or at or
    above the threshold (docs/rule-language.md, "Graded by an attribute")."""
    total = 0.0
    for fact, below, mult in per_below:
        value = facts.get(fact)
        if isinstance(value, int | float) and not isinstance(value, bool) and value < below:
            total += mult * (below - float(value))
    return total


#: How one rule takes part in assembling a result, made once per rule and engine: its id;
#: its reason and whether that has placeholders to fill; how to trace it (None when it only
#: derives needs); what it recommends as (measure, weight, per_gap, per_share, per_below); the
#: measures it suppresses and defers, each with whether only in the matched areas; the rule;
#: whether other rules have the same condition (then they share one trace plan, and an
#: evaluation traces that condition once).
RulePlan = tuple[str, Text, bool, TracePlan | None,
                 tuple[tuple[str, float, tuple[tuple[str, float], ...],
                             tuple[tuple[str, float], ...],
                             tuple[tuple[str, float, float], ...]], ...],
                 tuple[str, ...], bool, tuple[str, ...], bool, Rule, bool]


def _read_facts(rules: RuleSet) -> frozenset[str]:
    """Every fact a rule can read: in its condition (so in its trace and its filled reason) and
    in its points (per_gap, per_share)."""
    names: set[str] = set()
    for rule in rules.rules:
        names.update(condition_facts(rule.when))
        for rec in rule.recommends:
            names.update(name for name, _ in rec.per_gap)
            names.update(name for name, _ in rec.per_share)
            names.update(name for name, _, _ in rec.per_below)
    return frozenset(names)


def _rule_plans(ruleset: RuleSet) -> tuple[RulePlan, ...]:
    """Every rule's plan; rules with the same condition share one trace plan."""
    traces: dict[int, TracePlan] = {}
    plans = []
    for rule, group in zip(ruleset.rules, same_conditions(ruleset), strict=True):
        if group is None:
            plans.append(_rule_plan(rule))
            continue
        trace = traces.get(group)
        if trace is None:
            trace = traces[group] = _trace_plan(rule.when)
        plans.append(_rule_plan(rule, trace))
    return tuple(plans)


def _rule_plan(rule: Rule, trace: TracePlan | None = None) -> RulePlan:
    """How ``rule`` takes part in assembly; ``trace``: the trace plan it shares with the rules
    of the same condition (None: a plan of its own)."""
    reason = rule.reason
    acts = bool(rule.recommends or rule.suppresses or rule.defers)
    if acts and trace is None:
        own: TracePlan | None = _trace_plan(rule.when)
    else:
        own = trace if acts else None
    return (
        rule.id,
        reason,
        "{" in reason.nb or "{" in reason.en,
        own,
        # float(weight): round() of a float is a float, as the points always were; a weight
        # that is all the points is rounded here, once.
        tuple((rec.measure,
               float(rec.weight) if rec.per_gap or rec.per_share or rec.per_below
               else round(float(rec.weight), _DIGITS), rec.per_gap, rec.per_share,
               rec.per_below)
              for rec in rule.recommends),
        rule.suppresses,
        rule.suppress_in_matched_areas,
        rule.defers,
        rule.defer_in_matched_areas,
        rule,
        trace is not None,
    )


@checked
def load(
    rules: str | Path | None = None,
    catalogue: str | Path | None = None,
    *,
    engine: str = "python",
    cache: bool = False,
) -> Engine:
    """Load and compile rules and catalogue (the bundled defaults where not given).

    ``cache=True``: keep the compiled rules and catalogue in the user's cache folder and take
    them from there while no file changed (``tiltak.engine._cache``; the command line does
    this); the engine is the same either way. ``TILTAK_NO_CACHE=1`` turns it off.
    """
    rules_dir = rules if rules is not None else default_dir("rules")
    catalogue_dir = catalogue if catalogue is not None else default_dir("catalogue")
    if cache:
        from tiltak.engine._cache import cache_enabled, load_knowledge

        if cache_enabled():
            ruleset, cat = load_knowledge(rules_dir, catalogue_dir)
            return Engine(ruleset, cat, engine)
    from tiltak.rules._parser import load_rules  # not needed to evaluate a cached rule set

    cat = load_catalogue(catalogue_dir)
    ruleset = load_rules(rules_dir, cat)
    return Engine(ruleset, cat, engine)
