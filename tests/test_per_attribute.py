"""`per_attribute`: points graded by a numeric subject attribute below a threshold (issue #11:
saman-om-2013 states the average position size as a figure, which three step rules read)."""

from __future__ import annotations

from typing import Any

import pytest

import tiltak
from tiltak.engine import Engine
from tiltak.errors import RuleError
from tiltak.rules import rules_from_mapping

GRADED = {"id": "heltid", "lesson": 1,
          "reason": {"nb": "Stillingene er små.", "en": "Positions are small."},
          "when": {"attribute": "average_position_percent", "below": 90},
          "then": {"recommend": [{"measure": "heltidskultur", "weight": 2, "per_attribute": {
              "average_position_percent": {"below": 90, "per_point": 0.1}}}]}}


@pytest.fixture(scope="module")
def engines() -> list[Engine]:
    catalogue = tiltak.load().catalogue
    ruleset = rules_from_mapping({"rules": [GRADED]}, catalogue)
    return [Engine(ruleset, catalogue, "python"), Engine(ruleset, catalogue, "rete")]


def _score(engine: Engine, value: Any) -> float | None:
    data = {"format": "tiltak.profile/1",
            "subject": {"kind": "group", "id": "g", "roles": ["employee"],
                        "attributes": {"average_position_percent": value}}}
    recs = {r.measure: r.score for r in engine.suggest(data).recommendations}
    return recs.get("heltidskultur")


@pytest.mark.parametrize(("value", "expected"), [
    (89.0, 2.1), (80.0, 3.0), (68.8, 4.12), (50, 6.0),
    (90.0, None),      # at the threshold the rule does not fire
])
def test_points_grow_with_every_point_below_the_threshold(
        engines: list[Engine], value: float, expected: float | None) -> None:
    for engine in engines:
        assert _score(engine, value) == expected


def test_the_score_rises_smoothly_as_the_figure_falls(engines: list[Engine]) -> None:
    scores = [_score(engines[0], v) for v in (89.5, 85, 79.5, 75, 69.5, 60)]
    assert all(isinstance(s, float) for s in scores)
    assert scores == sorted(scores)                       # type: ignore[type-var]
    assert len(set(scores)) == len(scores)


@pytest.mark.parametrize(("grading", "message"), [
    ({"below": 90}, "missing"),
    ({"below": "ninety", "per_point": 0.1}, "expected a number"),
    ({"below": 90, "per_point": 0.1, "above": 3}, "unknown field 'above'"),
])
def test_check_refuses_a_malformed_grading(grading: dict[str, Any], message: str) -> None:
    rule = {**GRADED, "then": {"recommend": [{"measure": "heltidskultur", "per_attribute": {
        "average_position_percent": grading}}]}}
    with pytest.raises(RuleError) as caught:
        rules_from_mapping({"rules": [rule]}, tiltak.load().catalogue)
    assert message in caught.value.render("en")


def test_check_refuses_grading_by_an_attribute_the_rule_does_not_test() -> None:
    rule = {**GRADED, "when": {"role": "employee"}}
    with pytest.raises(RuleError) as caught:
        rules_from_mapping({"rules": [rule]}, tiltak.load().catalogue)
    text = caught.value.render("en")
    assert "does not test it" in text and "average_position_percent" in text
    assert "testar" not in caught.value.render("nb")   # a Norwegian message exists
    assert "tester det ikke" in caught.value.render("nb")


def test_the_bundled_position_size_rule_is_graded_not_stepped() -> None:
    """saman-om-2013: one rule, the points rising with every point below 90 %."""
    engine = tiltak.load()
    ids = {r.id for r in engine.rules.rules}
    assert "heltid-stillingsstorrelse" in ids
    assert not {"heltid-stillingsstorrelse-under-80", "heltid-stillingsstorrelse-under-70"} & ids
    scores = [_score(engine, v) for v in (85.0, 75.0, 68.8)]
    assert scores[0] is not None and scores[0] < scores[1] < scores[2]   # type: ignore[operator]
