"""What each condition, combinator and action of the rule language means."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.catalogue import Catalogue
from tiltak.testing import (
    assert_in_top,
    assert_not_recommended,
    assert_suppressed,
    engine_from_rules,
    make_profile,
)

REASON = {"nb": "Grunn.", "en": "Reason."}
DIST = [0.20, 0.38, 0.30, 0.08, 0.04]  # at or below 2: 0.58; at or above 4: 0.12

BASE: dict[str, Any] = {
    "digitalisering": {
        "knowledge": 3.6,
        "skills": 3.9,
        "abilities": {"level": 2.1, "distribution": DIST},
        "attitudes": 2.5,
    },
}


def fires(catalogue: Catalogue, when: dict[str, Any], **profile: Any) -> bool:
    engine = engine_from_rules(
        [{"id": "r", "reason": REASON, "when": when, "then": {"recommend": ["arena"]}}],
        catalogue,
    )
    areas = profile.pop("areas", BASE)
    result = engine.suggest(make_profile(**profile, **areas))
    return "arena" in result.measures()


CASES: list[tuple[str, dict[str, Any], dict[str, Any], bool]] = [
    # gap = max(0, target - level); digitalisering.abilities target 3.5, level 2.1 -> 1.4
    ("gap at_least holds", {"gap": "digitalisering.abilities", "at_least": 1.4}, {}, True),
    ("gap at_least fails", {"gap": "digitalisering.abilities", "at_least": 1.5}, {}, False),
    ("gap above is strict", {"gap": "digitalisering.abilities", "above": 1.4}, {}, False),
    ("norwegian dimension", {"gap": "digitalisering.evner", "at_least": 1}, {}, True),
    ("gap is never negative", {"gap": "digitalisering.skills", "at_most": 0}, {}, True),
    ("level below", {"level": "digitalisering.holdninger", "below": 3}, {}, True),
    ("level at_most boundary", {"level": "digitalisering.attitudes", "at_most": 2.5}, {}, True),
    ("two bounds, inside", {"level": "digitalisering.knowledge", "at_least": 3,
                            "at_most": 4}, {}, True),
    ("two bounds, outside", {"level": "digitalisering.knowledge", "at_least": 3.7,
                             "at_most": 4}, {}, False),
    ("target from area default", {"target": "digitalisering.attitudes", "at_least": 4}, {},
     True),
    ("profile target overrides", {"target": "digitalisering.knowledge", "at_least": 4.5},
     {"areas": {"digitalisering": {"knowledge": {"level": 3, "target": 4.5}}}}, True),
    ("share at or below", {"share": "digitalisering.abilities", "at_or_below": 2,
                           "at_least": 0.58}, {}, True),
    ("share at or below, too high", {"share": "digitalisering.abilities", "at_or_below": 2,
                                     "at_least": 0.59}, {}, False),
    ("share at or above", {"share": "digitalisering.abilities", "at_or_above": 4,
                           "at_most": 0.12}, {}, True),
    ("share without distribution is unknown", {"share": "digitalisering.knowledge",
                                               "at_or_below": 5, "at_least": 0}, {}, False),
    # The level fallback of a share rule (docs/rule-language.md, "Levels without a
    # distribution"): `not` of an always-true share holds exactly when no distribution is given.
    ("no distribution: fallback holds", {"not": {"share": "digitalisering.knowledge",
                                                 "at_or_above": 4, "at_least": 0}}, {}, True),
    ("distribution given: fallback steps aside", {"not": {
        "share": "digitalisering.abilities", "at_or_above": 4, "at_least": 0}}, {}, False),
    ("unknown area is not zero", {"level": "ledelse.abilities", "below": 5}, {}, False),
    ("not of unknown holds", {"not": {"level": "ledelse.abilities", "below": 5}}, {}, True),
    ("respondents", {"respondents": {"at_least": 20}}, {"respondents": 20}, True),
    ("respondents unknown", {"respondents": {"at_least": 0}}, {}, False),
    ("subject kind", {"subject": ["unit", "organisation"]}, {}, True),
    ("subject kind other", {"subject": "employee"}, {}, False),
    ("sector", {"sector": "helse"}, {"sector": "helse", "kind": "unit"}, True),
    ("sector absent", {"sector": "helse"}, {}, False),
    ("role any of", {"role": ["leader", "superuser"]}, {"roles": ["superuser"]}, True),
    ("role none", {"role": "leader"}, {"roles": ["superuser"]}, False),
    ("attribute equals", {"attribute": "wants", "equals": True},
     {"attributes": {"wants": True}}, True),
    ("attribute true is not 1", {"attribute": "wants", "equals": True},
     {"attributes": {"wants": 1}}, False),
    ("attribute in", {"attribute": "education", "in": ["master", "phd"]},
     {"attributes": {"education": "master"}}, True),
    ("attribute compare", {"attribute": "seniority_years", "at_least": 10},
     {"attributes": {"seniority_years": 12}}, True),
    ("attribute compare on text", {"attribute": "seniority_years", "at_least": 10},
     {"attributes": {"seniority_years": "many"}}, False),
    ("attribute missing", {"attribute": "x", "equals": "y"}, {}, False),
    ("has_sector", {"has_sector": "oppvekst"}, {"context": {"sectors": ["helse", "oppvekst"]}},
     True),
    ("sectors count", {"sectors": {"at_least": 2}}, {"context": {"sectors": ["helse",
                                                                             "oppvekst"]}}, True),
    ("sectors count none", {"sectors": {"at_least": 1}}, {}, False),
    ("running", {"running": "cafe"}, {"context": {"running_measures": ["cafe"]}}, True),
    ("avoids", {"avoids": "course"}, {"context": {"avoid_formats": ["course"]}}, True),
    ("all", {"all": [{"subject": "organisation"}, {"level": "digitalisering.skills",
                                                   "above": 3}]}, {}, True),
    ("all with one false", {"all": [{"subject": "organisation"}, {"subject": "unit"}]}, {},
     False),
    ("any", {"any": [{"subject": "unit"}, {"subject": "organisation"}]}, {}, True),
    ("any none", {"any": [{"subject": "unit"}, {"subject": "employee"}]}, {}, False),
    ("not", {"not": {"subject": "unit"}}, {}, True),
    ("nested", {"all": [{"not": {"any": [{"role": "leader"}, {"subject": "unit"}]}},
                        {"gap": "digitalisering.abilities", "at_least": 1}]}, {}, True),
]


@pytest.mark.parametrize(("when", "profile", "expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_condition(mini_catalogue: Catalogue, when: dict[str, Any], profile: dict[str, Any],
                   expected: bool) -> None:
    assert fires(mini_catalogue, when, **profile) is expected


def test_rule_without_when_always_fires(mini_catalogue: Catalogue) -> None:
    engine = engine_from_rules([{"id": "r", "reason": REASON, "then": {"recommend": ["cafe"]}}],
                               mini_catalogue)
    assert engine.suggest(make_profile()).measures() == ["cafe"]


def test_score_adds_weight_and_gap(mini_catalogue: Catalogue) -> None:
    engine = engine_from_rules(
        [
            {"id": "a", "reason": REASON, "then": {"recommend": [
                {"measure": "arena", "weight": 3, "per_gap": {"digitalisering.evner": 2}}]}},
            {"id": "b", "reason": REASON, "then": {"recommend": [{"measure": "arena",
                                                                  "weight": 0.5}]}},
        ],
        mini_catalogue,
    )
    rec = engine.suggest(make_profile(**BASE)).recommendations[0]
    assert rec.score == pytest.approx(3 + 2 * 1.4 + 0.5)
    assert [r.rule for r in rec.reasons] == ["a", "b"]  # largest contribution first
    assert rec.reasons[0].points == pytest.approx(5.8)


def test_unknown_gap_adds_nothing(mini_catalogue: Catalogue) -> None:
    engine = engine_from_rules(
        [{"id": "a", "reason": REASON, "then": {"recommend": [
            {"measure": "arena", "weight": 1, "per_gap": {"ledelse.abilities": 5}}]}}],
        mini_catalogue,
    )
    assert engine.suggest(make_profile(**BASE)).recommendations[0].score == 1


def test_non_positive_total_is_not_recommended(mini_catalogue: Catalogue) -> None:
    engine = engine_from_rules(
        [
            {"id": "a", "reason": REASON, "then": {"recommend": [{"measure": "arena",
                                                                  "weight": 1}]}},
            {"id": "b", "reason": REASON, "then": {"recommend": [{"measure": "arena",
                                                                  "weight": -1}]}},
        ],
        mini_catalogue,
    )
    assert engine.suggest(make_profile()).recommendations == []


def test_needs_chain_across_files_order(mini_catalogue: Catalogue) -> None:
    # The rule testing the need comes first in the file; evaluation order still derives first.
    engine = engine_from_rules(
        [
            {"id": "uses", "reason": REASON, "when": {"need": "second"},
             "then": {"recommend": ["programme"]}},
            {"id": "middle", "reason": REASON, "when": {"need": "first"},
             "then": {"derive": "second"}},
            {"id": "derives", "reason": REASON, "when": {"subject": "organisation"},
             "then": {"derive": ["first"]}},
        ],
        mini_catalogue,
    )
    result = engine.suggest(make_profile())
    assert result.measures() == ["programme"]
    assert result.needs == ["first", "second"]
    assert result.recommendations[0].reasons[0].facts == {"need.second": True}


def test_negated_need(mini_catalogue: Catalogue) -> None:
    engine = engine_from_rules(
        [
            {"id": "d", "reason": REASON, "when": {"role": "leader"}, "then": {"derive": "n"}},
            {"id": "u", "reason": REASON, "when": {"not": {"need": "n"}},
             "then": {"recommend": ["cafe"]}},
        ],
        mini_catalogue,
    )
    assert engine.suggest(make_profile(roles=["leader"])).measures() == []
    assert engine.suggest(make_profile()).measures() == ["cafe"]


def test_suppress_by_format_and_defer(mini_engine: Any) -> None:
    result = mini_engine.suggest(make_profile(**{"digitalisering": {"knowledge": 2.0,
                                                                    "attitudes": 2.0}}))
    assert_not_recommended(result, "course")
    assert_suppressed(result, "course", rule="low-attitudes")
    deferred = [r for r in result.recommendations if r.deferred]
    assert [r.measure for r in deferred] == ["elearning"]
    assert result.recommendations[-1].measure == "elearning"  # deferred come last


def test_deferred_come_after_higher_scores(mini_catalogue: Catalogue) -> None:
    engine = engine_from_rules(
        [{"id": "r", "reason": REASON, "then": {
            "recommend": [{"measure": "elearning", "weight": 10}, {"measure": "cafe"}],
            "defer": {"measures": ["elearning"]}}}],
        mini_catalogue,
    )
    result = engine.suggest(make_profile())
    assert result.measures() == ["cafe", "elearning"]
    assert result.recommendations[1].deferred[0].rule == "r"


def test_running_and_avoided_are_reported_not_suggested(mini_engine: Any) -> None:
    profile = make_profile(
        digitalisering={"knowledge": 2.0, "attitudes": 2.0},
        context={"running_measures": ["cafe"], "avoid_formats": ["e-learning"]},
    )
    result = mini_engine.suggest(profile)
    assert "cafe" not in result.measures()
    assert "elearning" not in result.measures()
    contexts = {(s.measure, s.context) for s in result.suppressed}
    assert ("cafe", "running_measures") in contexts
    assert ("elearning", "avoid_formats") in contexts


def test_ties_prefer_mobilise_then_group_level_then_id(mini_catalogue: Catalogue) -> None:
    engine = engine_from_rules(
        [{"id": "all", "reason": REASON, "then": {"recommend": [
            "course", "programme", "cafe", "pipeline", "arena", "strategy"]}}],
        mini_catalogue,
    )
    # mobilise: arena (organisation), strategy (organisation), cafe (unit);
    # develop: programme (organisation), course (individual); recruit: pipeline
    assert engine.suggest(make_profile()).measures() == [
        "arena", "strategy", "cafe", "programme", "course", "pipeline"]


def test_reason_facts_are_the_matched_values(mini_engine: Any) -> None:
    result = mini_engine.suggest(make_profile(**BASE))
    arena = next(r for r in result.recommendations if r.measure == "arena")
    assert arena.reasons[0].facts == {
        "digitalisering.abilities.gap": 1.4,
        "digitalisering.abilities.share_at_or_below_2": 0.58,
    }


def test_segments_are_evaluated_as_groups(mini_engine: Any) -> None:
    profile = make_profile(
        **BASE,
        segments=[{"by": "sector", "value": "helse", "respondents": 9,
                   "competence": {"digitalisering": {"attitudes": {"level": 2.0}}}},
                  {"by": "seniority", "value": "0-2", "respondents": 5,
                   "competence": {"digitalisering": {"attitudes": {"level": 4.5}}}}],
    )
    result = mini_engine.suggest(profile)
    assert result.segments is not None
    helse, seniority = result.segments
    assert (helse.by, helse.value, helse.respondents) == ("sector", "helse", 9)
    assert_in_top(result, "cafe")
    assert "cafe" in [r.measure for r in helse.recommendations]
    assert "cafe" not in [r.measure for r in seniority.recommendations]


def test_top_limits_every_list(mini_engine: Any) -> None:
    profile = make_profile(**BASE, segments=[{"by": "x", "value": "y", "competence": BASE}])
    result = mini_engine.suggest(profile, top=1)
    assert len(result.recommendations) == 1
    assert result.segments is not None and len(result.segments[0].recommendations) == 1


@pytest.mark.parametrize(("when", "expected"), [
    ({"level": "*.attitudes", "below": 3}, True),       # digitalisering.attitudes is 2.5
    ({"level": "*.holdninger", "below": 2}, False),
    ({"gap": "*.abilities", "at_least": 1.4}, True),
    ({"not": {"level": "*.knowledge", "at_least": 1}}, False),
])
def test_any_area_wildcard(mini_catalogue: Catalogue, when: dict[str, Any],
                           expected: bool) -> None:
    assert fires(mini_catalogue, when) is expected


def test_any_area_wildcard_reports_problems_once(tmp_path: Any,
                                                 mini_catalogue: Catalogue) -> None:
    from tiltak.errors import RuleError
    from tiltak.rules import rules_from_mapping

    with pytest.raises(RuleError) as info:
        rules_from_mapping({"rules": [{"id": "r", "reason": REASON, "then": {
            "recommend": ["arena"]}, "when": {"level": "*.attitudes", "below": 9}}]},
            mini_catalogue)
    assert len(info.value.problems) == 1
