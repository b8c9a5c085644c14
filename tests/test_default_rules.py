"""The bundled knowledge base: rules and catalogue load, cite their lessons, cover the catalogue,
and rank the way the plans reason (attitudes first, mobilise first, bigger gaps score higher)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tiltak
from tiltak.cli import main
from tiltak.engine import Engine
from tiltak.result import Recommendation
from tiltak.rules import condition_facts

from .conftest import EXAMPLES

COURSE_FORMATS = {"course", "e-learning"}
DIMENSIONS = ("knowledge", "skills", "abilities", "attitudes")


def profile(kind: str = "group", competence: dict[str, Any] | None = None,
            roles: tuple[str, ...] = (), sectors: tuple[str, ...] = (),
            running: tuple[str, ...] = (), attributes: dict[str, Any] | None = None,
            respondents: int | None = 40) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": "test", "roles": list(roles),
                    "attributes": attributes or {}},
        "competence": competence or {},
        "context": {"sectors": list(sectors), "running_measures": list(running)},
    }
    if respondents is not None and kind != "employee":
        data["respondents"] = respondents
    return data


def area(knowledge: float, skills: float, abilities: float, attitudes: float) -> dict[str, Any]:
    values = (knowledge, skills, abilities, attitudes)
    return {dim: {"level": value} for dim, value in zip(DIMENSIONS, values, strict=True)}


# --- the knowledge base as data ------------------------------------------------------------------

def test_bundled_rules_and_catalogue_load(default_engine: Engine) -> None:
    assert len(default_engine.catalogue.measures) >= 80
    assert 35 <= len(default_engine.rules.rules) <= 200


def test_every_rule_cites_a_lesson_and_a_source(default_engine: Engine) -> None:
    missing = [r.id for r in default_engine.rules.rules if r.lesson is None or not r.sources]
    assert missing == []


def test_every_lesson_is_encoded(default_engine: Engine) -> None:
    lessons = {r.lesson for r in default_engine.rules.rules}
    assert lessons >= set(range(1, 11))


def test_reasons_exist_in_both_languages(default_engine: Engine) -> None:
    for rule in default_engine.rules.rules:
        assert rule.reason.nb.strip() and rule.reason.en.strip(), rule.id
        assert rule.reason.nb != rule.reason.en, rule.id


def test_every_referenced_measure_exists(default_engine: Engine) -> None:
    known = set(default_engine.catalogue.measures)
    for rule in default_engine.rules.rules:
        used = {r.measure for r in rule.recommends} | set(rule.suppresses) | set(rule.defers)
        assert used <= known, (rule.id, used - known)


def test_every_measure_is_reachable(default_engine: Engine) -> None:
    """Keep the list of measures no rule can recommend empty (or short and deliberate)."""
    reachable = {r.measure for rule in default_engine.rules.rules for r in rule.recommends}
    deliberately_unreachable: set[str] = set()
    assert set(default_engine.catalogue.measures) - reachable == deliberately_unreachable


def test_every_area_is_tested_by_some_rule(default_engine: Engine) -> None:
    tested = {fact.split(".")[0] for rule in default_engine.rules.rules
              for fact in condition_facts(rule.when)}
    assert set(default_engine.catalogue.areas) <= tested


def test_derived_needs_are_used_and_used_needs_are_derived(default_engine: Engine) -> None:
    derived = {n for rule in default_engine.rules.rules for n in rule.derives}
    tested = {n for rule in default_engine.rules.rules for n in rule.tested_needs()}
    assert derived == tested
    chains = {"digital-ledelse", "prosessledelse", "tverrfaglig-ledelse"}
    assert chains <= derived


# --- lesson 3: attitudes before knowledge ---------------------------------------------------------

AREAS = ("digitalisering", "ledelse", "tverrfaglighet", "strategisk-kompetanseledelse",
         "laerende-organisasjon", "samarbeid-og-medvirkning",
         "sosiale-og-emosjonelle-ferdigheter", "grunnleggende-ferdigheter", "rekruttering",
         "innovasjon")


def _course_areas(engine: Engine, measure: str) -> set[str]:
    return set(engine.catalogue.measures[measure].areas)


@pytest.mark.parametrize("low_area", AREAS)
def test_low_attitudes_stop_courses_in_that_area_and_say_so(default_engine: Engine,
                                                            low_area: str) -> None:
    """Lesson 3, scoped: courses in the area where attitudes are low leave the list, with a
    reason naming the area and its level; courses in other areas stay."""
    # Knowledge gaps that, with good attitudes, bring courses and e-learning into the list.
    competence = {
        "digitalisering": area(2.5, 3.5, 3.5, 4.0),
        "strategisk-kompetanseledelse": area(2.5, 3.0, 3.5, 4.0),
        "rekruttering": area(2.5, 3.0, 3.5, 4.0),
    }
    baseline = default_engine.suggest(profile(competence=competence))
    courses = {r.measure for r in baseline.recommendations if r.format in COURSE_FORMATS}
    assert courses
    low = dict(competence)
    low[low_area] = {**low.get(low_area, area(3.5, 3.5, 3.5, 4.0)),
                     "attitudes": {"level": 2.0}}
    result = default_engine.suggest(profile(competence=low))
    recommended = {r.measure for r in result.recommendations}
    in_area = {m for m in courses if low_area in _course_areas(default_engine, m)}
    assert not in_area & recommended
    assert (courses - in_area) <= recommended
    area_name = default_engine.catalogue.areas[low_area].name
    for item in result.suppressed:
        if item.measure in in_area and item.rule == "felles-ingen-kurs-uten-motivasjon":
            assert area_name.nb.lower() in item.because.nb.lower()
            assert "(nivå 2)" in item.because.nb and "(level 2)" in item.because.en


@settings(max_examples=60, deadline=None)
@given(levels=st.dictionaries(st.sampled_from(AREAS),
                              st.tuples(*[st.sampled_from([1.5, 2.5, 2.9, 3.0, 3.5, 4.5])] * 4),
                              min_size=1, max_size=4),
       kind=st.sampled_from(["organisation", "unit", "group", "employee"]))
def test_no_course_in_an_area_whose_attitudes_are_below_3(default_engine: Engine,
                                                          levels: dict[str, tuple[float, ...]],
                                                          kind: str) -> None:
    competence = {name: area(*values) for name, values in levels.items()}
    result = default_engine.suggest(profile(kind=kind, competence=competence))
    low = {name for name, values in levels.items() if values[3] < 3.0}
    assert not [r.measure for r in result.recommendations
                if r.format in COURSE_FORMATS and low & set(r.areas)]


# --- lessons 1 and 10: mobilise first; no gaps means only evaluation ------------------------------

def _equal_score_pairs(recs: list[Recommendation]) -> list[tuple[Recommendation, Recommendation]]:
    return [(a, b) for a, b in itertools.pairwise(recs)
            if a.score == b.score and bool(a.deferred) == bool(b.deferred)]


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_mobilise_outranks_develop_at_equal_score(default_engine: Engine, example: str) -> None:
    result = default_engine.suggest(EXAMPLES / example)
    for a, b in _equal_score_pairs(result.recommendations):
        assert not (a.strategy == "develop" and b.strategy == "mobilise"), (a.measure, b.measure)


@pytest.mark.parametrize(("example", "mobilise", "develop"), [
    ("bindal-organisasjon.json", "rolleforum", "rollekompetanse-og-insentiver"),
])
def test_mobilise_measure_first_in_known_ties(default_engine: Engine, example: str,
                                              mobilise: str, develop: str) -> None:
    recs = {r.measure: r for r in default_engine.suggest(EXAMPLES / example).recommendations}
    assert recs[mobilise].score == recs[develop].score
    assert recs[mobilise].rank < recs[develop].rank


@settings(max_examples=40, deadline=None)
@given(levels=st.dictionaries(st.sampled_from(AREAS),
                              st.tuples(*[st.floats(4.0, 5.0)] * 4), min_size=1, max_size=10))
def test_organisation_without_gaps_gets_only_evaluation(default_engine: Engine,
                                                        levels: dict[str, tuple[float, ...]],
                                                        ) -> None:
    """Lesson 10: with no gap, only evaluation is left (the annual survey first, then a review
    of which ways of learning to retire)."""
    competence = {name: area(*values) for name, values in levels.items()}
    result = default_engine.suggest(profile(kind="organisation", competence=competence,
                                            sectors=("helse-og-velferd", "oppvekst-og-kultur")))
    assert [r.measure for r in result.recommendations] == [
        "arlig-medarbeiderundersokelse", "avvikle-laeringsformer-uten-effekt"]


# --- lessons 2, 5, 6: group measures, per_gap, the leadership pipeline ---------------------------

def test_bigger_gap_scores_higher(default_engine: Engine) -> None:
    scores = []
    for abilities in (2.5, 2.0, 1.5, 1.0):
        competence = {"digitalisering": area(3.5, 3.5, abilities, 4.0)}
        recs = default_engine.suggest(profile(kind="organisation", competence=competence))
        scores.append(next(r.score for r in recs.recommendations
                           if r.measure == "teknologivalg-arena"))
    assert scores == sorted(scores) and len(set(scores)) == len(scores)


@pytest.mark.parametrize("kind", ["organisation", "sector", "unit", "group"])
def test_single_person_e_learning_comes_after_group_measures(default_engine: Engine,
                                                             kind: str) -> None:
    competence = {"digitalisering": area(2.5, 3.5, 3.5, 4.0)}
    recs = default_engine.suggest(profile(kind=kind, competence=competence)).recommendations
    elearning = next(r for r in recs if r.measure == "e-laeringskurs")
    assert elearning.deferred
    assert all(r.rank < elearning.rank for r in recs if r.format not in COURSE_FORMATS
               and not r.deferred)


@pytest.mark.parametrize(("wants", "roles", "expected"), [
    (True, (), True),
    (False, (), False),
    (True, ("leader",), False),
    (False, ("leader-candidate",), False),
])
def test_leadership_pipeline(default_engine: Engine, wants: bool, roles: tuple[str, ...],
                             expected: bool) -> None:
    competence = {"ledelse": area(3.5, 3.5, 4.5, 4.5)}
    result = default_engine.suggest(profile(kind="employee", competence=competence, roles=roles,
                                            attributes={"wants_leader_tasks": wants}))
    recommended = {r.measure for r in result.recommendations}
    assert ("intern-lederrekruttering" in recommended) is expected


@pytest.mark.parametrize(("roles", "expected_first"), [
    (("politician",), "politikeropplaering"),
    (("union-representative",), "trepartssamarbeid"),
    (("new-employee",), "onboarding-offboarding"),
    (("apprentice",), "praksisplasser-og-laerlinger"),
    (("key-resource",), "nokkelressurs-fagprogram"),
    (("specialist",), "kartleggingsnettverk"),
    (("procurement-resource",), "anskaffelsesgruppe"),
    (("top-leader",), "kompetanse-i-ledelsesstrukturen"),
    (("first-line-leader",), "lederutviklingsprogram"),
])
def test_each_group_gets_its_own_first_measure(default_engine: Engine, roles: tuple[str, ...],
                                               expected_first: str) -> None:
    result = default_engine.suggest(profile(roles=roles, competence={
        "digitalisering": area(3.6, 3.6, 3.8, 4.2)}))
    assert result.recommendations[0].measure == expected_first


def test_cross_sector_forum_needs_both_sectors(default_engine: Engine) -> None:
    competence = {"tverrfaglighet": area(3.4, 3.1, 2.0, 4.2)}
    both = default_engine.suggest(profile(kind="organisation", competence=competence,
                                          sectors=("helse-og-velferd", "oppvekst-og-kultur")))
    one = default_engine.suggest(profile(kind="organisation", competence=competence,
                                         sectors=("helse-og-velferd",)))
    assert both.recommendations[0].measure == "tverrsektorielt-forum-barn-unge"
    assert "tverrsektorielt-forum-barn-unge" not in {r.measure for r in one.recommendations}


def test_running_pilots_are_followed_up_not_repeated(default_engine: Engine) -> None:
    competence = {"digitalisering": area(3.7, 3.0, 2.8, 4.1)}
    result = default_engine.suggest(profile(kind="organisation", competence=competence,
                                            running=("kultiver-piloter",)))
    recommended = [r.measure for r in result.recommendations]
    assert "utfasing-av-teknologi" in recommended[:3]
    assert "kultiver-piloter" in {s.measure for s in result.suppressed}


def test_cli_shows_attitude_measures_and_no_course(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(EXAMPLES / "negative-holdninger.json"), "--lang", "nb",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    top = [r["measure"] for r in data["recommendations"][:3]]
    assert "brukerkafe" in top
    low = {"digitalisering", "strategisk-kompetanseledelse", "laerende-organisasjon"}
    assert not [r for r in data["recommendations"]
                if r["format"] in COURSE_FORMATS and low & set(r["areas"])]
    assert "e-laeringskurs" in {s["measure"] for s in data["suppressed"]}


# --- held-out classes of issue #11: what a document found, not a strength it did not state -----

def _ranks(result: Any) -> dict[str, int]:
    return {r.measure: r.rank for r in result.recommendations}


def _digital(knowledge: float | None, abilities: float, low_share: float) -> dict[str, Any]:
    high = (1 - low_share) / 3
    dims: dict[str, Any] = {
        "skills": {"level": 3.8},
        "abilities": {"level": abilities,
                      "distribution": [low_share / 2, low_share / 2, high, high, 1 - low_share
                                       - 2 * high]},
        "attitudes": {"level": 4.0},
    }
    if knowledge is not None:
        dims["knowledge"] = {"level": knowledge}
    return {"digitalisering": dims}


@pytest.mark.parametrize(("knowledge", "expected"), [
    (None, True),    # not stated: no finding either way, the lagging abilities decide
    (3.8, True),     # stated to be in place
    (2.8, False),    # stated to be low: training first (bindal-2024 6.1.8 does not apply)
])
def test_practice_measures_follow_what_lags_not_a_stated_strength(
        default_engine: Engine, knowledge: float | None, expected: bool) -> None:
    """bindal-2024 6.1.8: cafés and short pilots answer lagging skills and abilities; an absent
    knowledge dimension neither blocks them nor is claimed in the reason."""
    result = default_engine.suggest(profile(kind="sector", competence=_digital(
        knowledge, 2.3, 0.58)))
    recs = {r.measure: r for r in result.recommendations}
    assert ("brukerkafe" in recs and "kultiver-piloter" in recs) is expected
    if expected:
        reason = next(x for x in recs["brukerkafe"].reasons
                      if x.rule == "digi-knowledge-not-applied")
        assert "kunnskap" not in reason.because.nb.lower()
        assert "digitalisering.knowledge.level" not in reason.facts


@pytest.fixture(scope="module")
def rete_engine() -> Engine:
    return tiltak.load(engine="rete")


@pytest.mark.parametrize(("kind", "roles", "expected"), [
    ("sector", (), True),
    ("unit", (), True),
    ("group", ("employee",), True),            # staff: the cafés' own audience (6.1.8)
    ("group", ("employee", "leader"), False),  # leaders are present at cafés, not taught
    ("group", ("leader",), False),
    ("group", (), False),                      # a mixed survey segment keeps its body's ranking
    ("employee", ("employee",), False),        # one person is no café or pilot
    ("region", (), False),
])
def test_practice_measures_follow_the_finding_for_bodies_and_groups_of_staff(
        default_engine: Engine, rete_engine: Engine, kind: str, roles: tuple[str, ...],
        expected: bool) -> None:
    """bindal-2024 6.1.8 holds for the staff who use the solutions, not only for their body."""
    for engine in (default_engine, rete_engine):
        result = engine.suggest(profile(kind=kind, roles=roles, competence=_digital(
            None, 2.3, 0.58)))
        fired = any(x.rule == "digi-knowledge-not-applied"
                    for r in result.recommendations for x in r.reasons)
        assert fired is expected


def test_practice_measures_grow_with_the_gap_and_the_share_of_low_answers(
        default_engine: Engine) -> None:
    scores = []
    for abilities, share in ((3.3, 0.2), (2.9, 0.35), (2.5, 0.5), (2.1, 0.65)):
        result = default_engine.suggest(profile(kind="unit", competence=_digital(
            None, abilities, share)))
        scores.append(next(r.score for r in result.recommendations
                           if r.measure == "kultiver-piloter"))
    assert scores == sorted(scores) and len(set(scores)) == len(scores)


def test_leader_group_gets_its_programme_before_the_organisations_structures(
        default_engine: Engine) -> None:
    """kristiansand-2023 3.5: leaders lacking the ability to lead digital change get their own
    programme; bindal-2024's strategy, arena and system roles are the organisation's."""
    competence = {"digitalisering": {"abilities": {
        "level": 2.9, "distribution": [0.1, 0.22, 0.4, 0.2, 0.08]}}}
    leaders = _ranks(default_engine.suggest(profile(competence=competence,
                                                    roles=("leader", "middle-leader"))))
    staff = _ranks(default_engine.suggest(profile(kind="organisation", competence=competence)))
    assert leaders["digitaliseringsprogram-ledere"] == 1
    for structure in ("teknologivalg-arena", "digitaliseringsstrategi",
                      "kartlegg-systemroller"):
        assert leaders[structure] > leaders["digitaliseringsprogram-ledere"]
        assert staff[structure] <= 3


def test_wide_spread_and_cooperation_gaps_get_drammens_peer_learning_and_networks(
        default_engine: Engine) -> None:
    """drammen-2021: a wide spread ("stort strekk i laget") and a cooperation gap are answered
    with peer learning and learning networks, without a learning-organisation gap."""
    spread = {"skills": {"level": 3.1, "distribution": [0.2, 0.2, 0.15, 0.25, 0.2]}}
    result = default_engine.suggest(profile(kind="unit", competence={
        "digitalisering": spread,
        "samarbeid-og-medvirkning": {"skills": {"level": 2.9}}}))
    ranks = _ranks(result)
    assert ranks["kollegial-laering"] <= 10 and ranks["laerende-nettverk"] <= 10
    cooperation_only = _ranks(default_engine.suggest(profile(kind="unit", competence={
        "samarbeid-og-medvirkning": {"skills": {"level": 2.9}}})))
    assert "laerende-nettverk" in cooperation_only and "kollegial-laering" in cooperation_only


def test_weak_strategic_competence_planning_gets_strategic_nano_learning(
        default_engine: Engine) -> None:
    """saman-om-2013: the network answers a weak ability for strategic competence planning with
    e-learning used strategically (nano-learning), more the larger the gap."""
    def score(level: float) -> float | None:
        result = default_engine.suggest(profile(kind="organisation", competence={
            "strategisk-kompetanseledelse": {"abilities": {"level": level}}}))
        return next((r.score for r in result.recommendations if r.measure == "nanolaering"),
                    None)
    assert score(3.3) is None
    low, lower = score(2.9), score(2.4)
    assert low is not None and lower is not None and lower > low


# --- held-out set 2 of issue #11: classes of miss, fixed by the documents' reasoning -------------

def _dist(low: float, high: float) -> list[float]:
    """A five-share distribution with ``low`` at 1-2 and ``high`` at 4-5 (the rest at 3)."""
    return [low / 2, low / 2, round(1 - low - high, 4), high / 2, high / 2]


@pytest.mark.parametrize("roles", [("superuser", "system-administrator"), ("system-owner",)])
def test_system_role_holders_get_their_role_map_and_phase_out(default_engine: Engine,
                                                              roles: tuple[str, ...]) -> None:
    """bindal-2024 6.1.5 (roles mapped and described), 6.1.4 (phase out what gives no effect):
    the role triggers them, whatever the holders' knowledge (here a middling 3.1)."""
    result = default_engine.suggest(profile(roles=roles, competence={
        "digitalisering": {"knowledge": {"level": 3.1}}}))
    ranks = _ranks(result)
    assert ranks["kartlegg-systemroller"] <= 5 and "utfasing-av-teknologi" in ranks


@pytest.mark.parametrize(("kind", "roles", "high", "expected"), [
    ("sector", (), 0.43, True),      # bindal-2024 5.3.1: 43 % with abilities, no skills gap given
    ("organisation", (), 0.2, False),
    ("group", ("leader",), 0.43, False),   # a group of leaders is not the pool of future leaders
])
def test_internal_leader_pipeline_follows_the_share_with_abilities(
        default_engine: Engine, kind: str, roles: tuple[str, ...], high: float,
        expected: bool) -> None:
    result = default_engine.suggest(profile(kind=kind, roles=roles, competence={
        "ledelse": {"abilities": {"level": 3.3, "distribution": _dist(0.2, high)}}}))
    reasons = [x for r in result.recommendations if r.measure == "intern-lederrekruttering"
               for x in r.reasons if x.rule == "led-pipeline-organisation"]
    assert bool(reasons) is expected
    if expected:
        assert "43 %" in reasons[0].because.nb and "43%" in reasons[0].because.en


def test_retiring_old_ways_follows_lagging_use_not_a_knowledge_level(
        default_engine: Engine) -> None:
    """trondelag-2019 1.2 (12): "ikke fortsetter i gamle spor" is asked where knowledge itself
    needs to develop too."""
    result = default_engine.suggest(profile(kind="unit", competence={"digitalisering": {
        "knowledge": {"level": 2.9}, "skills": {"level": 2.9}}}))
    assert "avvikle-gamle-arbeidsformer" in _ranks(result)


def test_new_leaders_get_the_leader_training(default_engine: Engine) -> None:
    """kristiansand-2023 3.4: a training plan for newly employed leaders."""
    ranks = _ranks(default_engine.suggest(profile(roles=("leader", "new-employee"))))
    assert ranks["lederutviklingsprogram"] <= 2 and ranks["onboarding-offboarding"] <= 2


@pytest.mark.parametrize(("kind", "attitudes", "expected"), [
    ("unit", None, True),           # drammen-2021: the unit's leaders analyse the needs
    ("unit", 2.7, False),           # low attitudes to the area: motivation first
    ("organisation", None, False),  # the organisation's answer is the system (skl-i-system)
])
def test_steering_gap_in_a_unit_gets_its_leaders_trained(
        default_engine: Engine, kind: str, attitudes: float | None, expected: bool) -> None:
    area_values: dict[str, Any] = {"abilities": {"level": 2.9}}
    if attitudes is not None:
        area_values["attitudes"] = {"level": attitudes}
    result = default_engine.suggest(profile(kind=kind, competence={
        "strategisk-kompetanseledelse": area_values}))
    rules = {x.rule for r in result.recommendations for x in r.reasons}
    assert ("skl-virksomhetens-ledere" in rules) is expected


@pytest.mark.parametrize(("kind", "left_out"), [
    ("region", {"digitaliseringsstrategi", "teknologivalg-arena"}),
    ("unit", {"digitaliseringsstrategi", "plan-bruk-av-spesialkompetanse",
              "plan-anskaffe-spesialkompetanse"}),
])
def test_a_municipalitys_own_strategy_and_plans_are_not_a_regions_or_a_units(
        default_engine: Engine, kind: str, left_out: set[str]) -> None:
    result = default_engine.suggest(profile(kind=kind, competence={
        "digitalisering": area(3.6, 3.6, 2.3, 4.0), "tverrfaglighet": area(3.4, 3.1, 2.1, 4.0)},
        sectors=("helse-og-velferd", "oppvekst-og-kultur")))
    assert not left_out & set(_ranks(result))
    assert left_out <= {s.measure for s in result.suppressed if s.context == "audience"}


@pytest.mark.parametrize(("low", "high", "spread"), [
    (0.4, 0.45, True),    # drammen-2021 "stort strekk i laget": both tails heavy
    (0.35, 0.3, False),   # "needs to develop" on the word scale: not a spread
])
def test_a_wide_spread_is_both_tails_heavy(default_engine: Engine, low: float, high: float,
                                           spread: bool) -> None:
    result = default_engine.suggest(profile(kind="unit", competence={"digitalisering": {
        "skills": {"level": 3.0, "distribution": _dist(low, high)}}}))
    rules = {x.rule for r in result.recommendations for x in r.reasons}
    assert ("digi-wide-spread" in rules) is spread


@pytest.mark.parametrize(("high", "low_attitudes"), [(0.2, True), (0.4, False)])
def test_many_low_answers_beside_as_many_high_are_not_low_attitudes(
        default_engine: Engine, high: float, low_attitudes: bool) -> None:
    """bindal-2024 6.1.6: *some* must work on their attitude; a spread is not low attitudes."""
    result = default_engine.suggest(profile(kind="unit", competence={"digitalisering": {
        "attitudes": {"level": 3.1, "distribution": _dist(0.4, high)}}}))
    rules = {x.rule for r in result.recommendations for x in r.reasons}
    assert ("digi-low-attitudes" in rules) is low_attitudes


@pytest.mark.parametrize(("knowledge_and_skills", "per_point"), [
    # only the ability to lead is stated: the lift's own finding, graded fully
    ((), 1.5),
    # knowledge and skills stated in place (bindal-2024 5.2.1's shape): the lift joins the
    # subject's own answers with less weight (region-lede-egne-funn-forst)
    (("knowledge", "skills"), 0.5),
])
def test_measures_listed_together_grow_together(
        default_engine: Engine, knowledge_and_skills: tuple[str, ...], per_point: float) -> None:
    """trondelag-2019 5 lists the contact point beside the gatherings and expert teams;
    bindal-2024 6.1.2 learning capacity follows the gap in leading digital work."""
    def scores(abilities: float) -> dict[str, float]:
        digital = {k: v for k, v in area(3.6, 3.6, abilities, 4.0).items()
                   if k in knowledge_and_skills or k in ("abilities", "attitudes")}
        result = default_engine.suggest(profile(kind="region", competence={
            "digitalisering": digital}))
        return {r.measure: r.score for r in result.recommendations}
    low, lower = scores(3.2), scores(2.2)
    for measure in ("kontaktpunkt-kommune-og-region", "ekspertteam-mentorer"):
        assert lower[measure] - low[measure] == pytest.approx(per_point)
    organisation = [default_engine.suggest(profile(kind="organisation", competence={
        "digitalisering": area(3.6, 3.6, a, 4.0)})) for a in (3.2, 2.2)]
    capacity = [next(r.score for r in o.recommendations if r.measure == "laeringskapasitet")
                for o in organisation]
    assert capacity[1] > capacity[0]


def _benefit_reasons(result: Any) -> dict[str, float]:
    """Score per benefits-work rule that recommended the shared benefits method."""
    rec = next((r for r in result.recommendations if r.measure == "gevinstrealisering"), None)
    if rec is None:
        return {}
    return {x.rule: x.points for x in rec.reasons
            if x.rule.startswith("rolle-kommune-gevinster")}


@pytest.mark.parametrize(("dims", "sectors", "expected_rule"), [
    # trondelag-2019 1.2 (6): leaders poor at benefits realisation, stated as knowledge
    ({"knowledge": 2.3}, ("region",), "rolle-kommune-gevinster-kunnskap"),
    # trondelag-2019 1.2 (5): employees' ICT skills
    ({"skills": 2.7}, ("region",), "rolle-kommune-gevinster-kunnskap"),
    # an ability gap as well: the existing rule answers, the gap is not counted twice
    ({"knowledge": 2.3, "abilities": 2.3}, ("region",), "rolle-kommune-gevinster"),
    # without the regional marker a knowledge gap alone is not trondelag-2019's context
    ({"knowledge": 2.3}, (), None),
    # low digital attitudes: motivation first (lesson 3)
    ({"knowledge": 2.3, "attitudes": 2.5}, ("region",), None),
])
def test_benefits_work_follows_any_dimension_it_develops_in_the_regional_context(
        default_engine: Engine, dims: dict[str, float], sectors: tuple[str, ...],
        expected_rule: str | None) -> None:
    """Held-out set 3, class 1: trondelag-2019 states the benefits-work need without pinning
    a dimension, so a knowledge or skills gap fires it like an ability gap, once, graded."""
    competence = {"digitalisering": {d: {"level": v} for d, v in dims.items()}}
    result = default_engine.suggest(profile(
        competence=competence, roles=("leader", "middle-leader"), sectors=sectors))
    fired = _benefit_reasons(result)
    assert list(fired) == ([expected_rule] if expected_rule else [])


def test_benefits_work_from_knowledge_grows_with_the_gap(default_engine: Engine) -> None:
    scores = []
    for knowledge in (3.0, 2.6, 2.2, 1.8):
        result = default_engine.suggest(profile(
            competence={"digitalisering": {"knowledge": {"level": knowledge}}},
            roles=("leader",), sectors=("region",)))
        scores.append(_benefit_reasons(result)["rolle-kommune-gevinster-kunnskap"])
    assert scores == sorted(scores) and len(set(scores)) == len(scores)


def _recommended_by(result: Any) -> dict[str, set[str]]:
    """The rules that recommended each measure in the list."""
    return {r.measure: {x.rule for x in r.reasons} for r in result.recommendations}


REGIONAL = {"regionsamlinger", "ekspertteam-mentorer", "kontaktpunkt-kommune-og-region",
            "strategiske-analyseverktoy", "kommuneutvikling-med-ekspertteam"}


@pytest.mark.parametrize(("dims", "roles", "sectors", "expected"), [
    # trondelag-2019 1.2 (6): leaders poor at benefits realisation, stated as knowledge
    ({"knowledge": 2.3}, ("leader", "top-leader"), ("region",), "kunnskap"),
    # 1.2 (5): ICT skills
    ({"skills": 2.6}, ("leader",), ("region",), "kunnskap"),
    # the ability to lead lags as well: the ability rules answer, the gap counts once
    ({"knowledge": 2.3, "abilities": 2.5}, ("leader",), ("region",), "evner"),
    # the measures exist only in a regional partnership: without the marker the lift's
    # rules do not give them; the leaders' own rule gives the gatherings and the expert
    # team, saying they need a partnership (held-out sets 9 and 10, class B)
    ({"knowledge": 2.3}, ("leader",), (), "partnerskap"),
    # the gatherings and the analysis are for leaders, key roles and HR, not employees
    ({"knowledge": 2.3}, ("employee",), ("region",), None),
])
def test_regional_measures_answer_the_leaders_need_in_any_dimension(
        default_engine: Engine, dims: dict[str, float], roles: tuple[str, ...],
        sectors: tuple[str, ...], expected: str | None) -> None:
    """Held-out set 3, class 1: trondelag-2019 states the leaders' need as competence."""
    competence = {"digitalisering": {d: {"level": v} for d, v in dims.items()}}
    result = default_engine.suggest(profile(competence=competence, roles=roles,
                                            sectors=sectors))
    by = _recommended_by(result)
    regional = {m: rules for m, rules in by.items() if m in REGIONAL}
    if expected is None:
        assert regional == {}
        return
    if expected == "partnerskap":
        assert regional == {"regionsamlinger": {"ledere-digital-laering-regionalt"},
                            "ekspertteam-mentorer": {"ledere-digital-laering-regionalt"}}
        return
    assert set(regional) == REGIONAL
    knowledge_rules = {r for rules in regional.values() for r in rules if r.endswith("-kunnskap")}
    assert bool(knowledge_rules) is (expected == "kunnskap")
    assert all(len([r for r in rules if r.startswith("rolle-region-")]) == 1
               for rules in regional.values())


LEVEL_4 = {"e-laering-digital-transformasjon", "kurskatalog", "ansattes-kompetanseprosjekt"}


@pytest.mark.parametrize(("attitudes", "sectors", "expected"), [
    (4.0, (), True),          # trondelag-2019 1.2 (4), (12): positive, but lacking
    (None, (), False),        # only a gap: not that finding (a Drammen unit silent on attitudes)
    (3.2, (), False),         # middling attitudes: not "positive"
    (None, ("region",), True),  # in the competence lift itself level 4 is for every municipality
])
def test_trondelag_level_4_measures_answer_positive_but_lacking(
        default_engine: Engine, attitudes: float | None, sectors: tuple[str, ...],
        expected: bool) -> None:
    """Held-out sets 1 and 2, cross-document crowding: without the regional marker the
    e-learning modules, the course catalogue and employees' own projects need the positive
    half of the finding they answer."""
    dims: dict[str, Any] = {"knowledge": {"level": 2.9}, "skills": {"level": 2.9}}
    if attitudes is not None:
        dims["attitudes"] = {"level": attitudes}
    result = default_engine.suggest(profile(kind="unit", competence={"digitalisering": dims},
                                            sectors=sectors))
    found = LEVEL_4 & set(_ranks(result))
    assert found == (LEVEL_4 if expected else set())


@pytest.mark.parametrize(("kind", "expected"), [
    ("unit", "eval-laeringsformer"),      # drammen-2021: every unit, leaders and employees
    ("group", "eval-laeringsformer"),
    ("organisation", "eval-arlig-maling"),  # the yearly survey already gives the review
])
def test_ways_of_learning_are_tested_where_learning_lags(
        default_engine: Engine, kind: str, expected: str) -> None:
    result = default_engine.suggest(profile(kind=kind, roles=("leader",) if kind == "group"
                                            else (), competence={
        "laerende-organisasjon": {"abilities": {"level": 2.9}}}))
    by = _recommended_by(result)
    assert by["avvikle-laeringsformer-uten-effekt"] == {expected}


@pytest.mark.parametrize(("attitudes", "expected"), [(None, True), (2.7, False)])
def test_a_skills_gap_in_competence_management_gets_the_conversation_template(
        default_engine: Engine, attitudes: float | None, expected: bool) -> None:
    """kristiansand-2023 3.4/3.6, drammen-2021 'maler': the template is one of the tools."""
    dims: dict[str, Any] = {"skills": {"level": 2.9}}
    if attitudes is not None:
        dims["attitudes"] = {"level": attitudes}
    result = default_engine.suggest(profile(roles=("leader",), competence={
        "strategisk-kompetanseledelse": dims}))
    rules = _recommended_by(result).get("utviklingssamtale-mal", set())
    assert ("skl-verktoy-for-ferdigheter" in rules) is expected


@pytest.mark.parametrize(("kind", "roles", "competence", "rule"), [
    ("group", ("procurement-resource", "leader"), {}, "tverr-procurement"),
    ("sector", (), {"tverrfaglighet": {"knowledge": {"level": 2.4}}}, "tverr-acquire-missing"),
])
def test_special_competence_is_also_acquired_through_municipal_cooperation(
        default_engine: Engine, kind: str, roles: tuple[str, ...],
        competence: dict[str, Any], rule: str) -> None:
    """bindal-2024 6.3.3 lists municipal cooperation first among the ways to acquire it."""
    result = default_engine.suggest(profile(kind=kind, roles=roles, competence=competence))
    assert rule in _recommended_by(result)["interkommunalt-kompetansesamarbeid"]


def test_kommunett_is_offered_on_the_finding_without_a_regional_partnership(
        default_engine: Engine) -> None:
    """Decision beside the catalogue entry: trondelag-2019 puts its use at levels 3 and 4."""
    result = default_engine.suggest(profile(kind="unit", competence={
        "digitalisering": {"knowledge": {"level": 2.9}, "abilities": {"level": 3.0}}}))
    assert "rolle-kommune-gevinster" in _recommended_by(result)["kommunett"]
    assert default_engine.catalogue.measures["kommunett"].level == "organisation"


PROGRAMME_MODULES = {"prosessledelse-lederutfordringer", "prosessledelse-innforing",
                     "prosessledelse-internkontroll", "prosessledelse-inkluderende-prosesser",
                     "prosessledelse-krevende-prosesser"}


@pytest.mark.parametrize("cross_disciplinary", [None, 2.5])
def test_a_leaders_forum_in_the_programme_gets_every_module(
        default_engine: Engine, cross_disciplinary: float | None) -> None:
    """bindal-2024 6.2.4-6.2.9: one programme; 6.2.8 is a theme of it, not a separate answer
    to a cross-disciplinary gap (held-out set 3, class 4)."""
    competence: dict[str, Any] = {"ledelse": {"skills": {"level": 2.5}}}
    if cross_disciplinary is not None:
        competence["tverrfaglighet"] = {"abilities": {"level": cross_disciplinary}}
    result = default_engine.suggest(profile(roles=("leader", "top-leader", "sector-leader"),
                                            competence=competence))
    assert set(_ranks(result)) >= PROGRAMME_MODULES
    module = _recommended_by(result)["prosessledelse-inkluderende-prosesser"]
    assert ("led-inclusive-processes" in module) is (cross_disciplinary is not None)


# --- held-out set 5 of issue #11: classes 3-5, fixed by the documents' reasoning ----------------

@pytest.mark.parametrize(("kind", "roles", "abilities", "skills", "high", "expected"), [
    # bindal-2024 5.3.1 as a profile from the document holds it: levels, no distribution
    ("organisation", (), 3.0, 2.4, None, True),
    ("sector", (), 3.4, 2.8, None, True),
    ("organisation", (), 2.8, 2.4, None, False),   # abilities below midway: no finding
    ("organisation", (), 3.5, 3.0, None, False),   # skills not below abilities' band
    ("group", ("leader",), 3.0, 2.4, None, False),  # leaders are not the pool
    ("organisation", (), 3.0, 2.4, 0.1, False),    # a distribution decides: 10 % at 4-5
])
def test_internal_leader_pipeline_level_form_without_a_distribution(
        default_engine: Engine, kind: str, roles: tuple[str, ...], abilities: float,
        skills: float, high: float | None, expected: bool) -> None:
    """bindal-2024 5.3.1 (abilities without leader tasks, skills scarce) read from levels when
    the profile has no distribution; never on a level that does not show it, and never beside
    a distribution, where the share rule decides."""
    dims: dict[str, Any] = {"abilities": {"level": abilities}, "skills": {"level": skills}}
    if high is not None:
        dims["abilities"]["distribution"] = _dist(0.2, high)
    result = default_engine.suggest(profile(kind=kind, roles=roles,
                                            competence={"ledelse": dims}))
    reasons = [x for r in result.recommendations if r.measure == "intern-lederrekruttering"
               for x in r.reasons if x.rule == "led-pipeline-organisation-level"]
    assert bool(reasons) is expected
    if expected:
        nb = reasons[0].because.nb   # the profile's own levels, in Norwegian number format
        assert f"nivå {abilities:g}".replace(".", ",") in nb
        assert f"nivå {skills:g}".replace(".", ",") in nb


DRAMMEN_GOALS = ("grunnleggende-digitale-ferdigheter", "profesjonsfaglig-digital-kompetanse",
                 "eksperimenteringskultur", "personvernpraksis")


@pytest.mark.parametrize(("kind", "roles", "skills", "expected"), [
    ("organisation", (), 3.0, True),      # drammen-2021: "stort strekk", levels only
    ("unit", (), 2.5, True),
    ("sector", (), 2.9, True),
    ("organisation", (), 3.2, False),     # gap 0.3: within reach of the target
    ("region", (), 2.5, False),           # the goals are a municipality's and its units'
    ("group", ("leader",), 2.5, False),
])
def test_drammens_four_digital_goals_follow_a_digital_skills_gap(
        default_engine: Engine, kind: str, roles: tuple[str, ...], skills: float,
        expected: bool) -> None:
    """drammen-2021 Digitalisering og teknologisk kompetanse: basic digital skills from each
    one's level, profession-specific competence in the unit's plan, a culture of experimenting
    and safe privacy practice answer digital skills below what the work needs, with or
    without a distribution showing the spread."""
    result = default_engine.suggest(profile(kind=kind, roles=roles, competence={
        "digitalisering": {"skills": {"level": skills}}}))
    fired = {r.measure for r in result.recommendations
             for x in r.reasons if x.rule == "digi-competence-goals"}
    assert (fired == set(DRAMMEN_GOALS)) is expected
    assert bool(fired) is expected
    if expected:
        ranks = _ranks(result)
        assert all(ranks[m] <= 10 for m in DRAMMEN_GOALS)


@pytest.mark.parametrize(("kind", "expected"), [("unit", True), ("organisation", False),
                                                 ("sector", False)])
def test_a_unit_taking_solutions_into_use_gets_the_adoption_run_and_retires_old_ways(
        default_engine: Engine, kind: str, expected: bool) -> None:
    """bindal-2024 6.1.8: in the unit where a solution is used, skills, abilities and attitudes
    grow in long-term runs that show the effect, with the old ways retired; the
    organisation-wide structures of 6.1.1-6.1.7 are the organisation's."""
    result = default_engine.suggest(profile(kind=kind, competence={"digitalisering": area(
        3.7, 3.7, 1.8, 4.2)}))
    ranks = _ranks(result)
    fired = any(x.rule == "digi-unit-adoption" for r in result.recommendations
                for x in r.reasons)
    assert fired is expected
    if expected:
        assert ranks["brukeradopsjonslop"] <= 10 and ranks["avvikle-gamle-arbeidsformer"] <= 10


@pytest.mark.parametrize(("kind", "roles"), [("employee", ()), ("employee", ("new-employee",)),
                                             ("organisation", ())])
def test_safe_privacy_practice_is_for_every_employee(default_engine: Engine, kind: str,
                                                      roles: tuple[str, ...]) -> None:
    """drammen-2021 Digitalisering, goal 4: every employee has the competence for a safe
    privacy practice, so a single employee's digital knowledge gap gives it as well."""
    result = default_engine.suggest(profile(kind=kind, roles=roles, competence={
        "digitalisering": {"knowledge": {"level": 2.7}}}))
    assert any(x.rule == "digi-privacy" for r in result.recommendations
               if r.measure == "personvernpraksis" for x in r.reasons)


@pytest.mark.parametrize(("kind", "competence", "fires"), [
    # kristiansand-2023 ch. 2 Digital kompetanse: the organisation's ability for digital change
    # is low and its knowledge not measured: a plan for digital training per group (3.5)
    ("organisation", {"digitalisering": {"abilities": {"level": 2.5}}}, True),
    # knowledge measured: the rules that read it decide (middling: digi-plan-for-groups; high:
    # the strategy, arena and system roles)
    ("organisation", {"digitalisering": {"abilities": {"level": 2.5},
                                         "knowledge": {"level": 3.8}}}, False),
    ("organisation", {"digitalisering": {"abilities": {"level": 3.6}}}, False),
    # the chapter speaks of the whole organisation
    ("sector", {"digitalisering": {"abilities": {"level": 2.5}}}, False),
    ("group", {"digitalisering": {"abilities": {"level": 2.5}}}, False),
])
def test_an_organisation_low_in_digital_change_gets_a_plan_for_digital_training(
        default_engine: Engine, kind: str, competence: dict[str, Any], fires: bool) -> None:
    result = default_engine.suggest(profile(kind, competence))
    rule = "digi-plan-for-groups-knowledge-unmeasured"
    plan = [r for r in result.recommendations if r.measure == "digital-kompetanseplan"]
    assert (bool(plan) and rule in {x.rule for x in plan[0].reasons}) is fires
