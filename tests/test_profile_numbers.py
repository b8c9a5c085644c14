"""Every number in a profile: its type and its range (docs/profile.md, "Numbers and their
ranges"), and the type of each attribute the bundled rules read, checked the same way whether
the profile is a file, JSON text or a dict, and every problem reported at once with its JSON
path."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiltak.cli import main
from tiltak.errors import ProfileError
from tiltak.profile import load_profile, parse_profile


def _profile(**extra: Any) -> dict[str, Any]:
    return {"format": "tiltak.profile/1", "subject": {"kind": "organisation"}, **extra}


def _attributes(value: Any) -> dict[str, Any]:
    return _profile(subject={"kind": "group", "attributes": {"average_position_percent": value}})


def _dimension(**value: Any) -> dict[str, Any]:
    return {"ledelse": {"skills": {"level": 3, **value}}}


_APP = "subject.attributes.average_position_percent"
_DIM = "competence.ledelse.skills"

# (what, profile, JSON path, what is said): one wrong number each
_WRONG: list[tuple[str, dict[str, Any], str, str]] = [
    ("percent-above-100", _attributes(150), _APP, "150 is above 100"),
    ("percent-just-above", _attributes(100.5), _APP, "100.5 is above 100"),
    ("percent-negative", _attributes(-1), _APP, "-1 is below 0"),
    ("percent-bool", _attributes(True), _APP, "expected a number, found true"),
    ("percent-text", _attributes("68,8"), _APP, "expected a number, found '68,8'"),
    ("percent-nan", _attributes(math.nan), _APP, "expected a finite number, found nan"),
    ("percent-inf", _attributes(math.inf), _APP, "expected a finite number, found inf"),
    ("level-0", _profile(competence={"ledelse": {"skills": {"level": 0}}}), f"{_DIM}.level",
     "0 is below 1"),
    ("level-bool", _profile(competence={"ledelse": {"skills": {"level": True}}}),
     f"{_DIM}.level", "expected a number, found true"),
    ("target-6", _profile(competence=_dimension(target=6)), f"{_DIM}.target", "6 is above 5"),
    ("share-negative", _profile(competence=_dimension(distribution=[-0.1, 0.3, 0.3, 0.3, 0.2])),
     f"{_DIM}.distribution[0]", "-0.1 is below 0"),
    ("respondents-float", _profile(respondents=9.5), "respondents",
     "expected a whole number, found 9.5"),
    ("respondents-bool", _profile(respondents=True), "respondents",
     "expected a whole number, found true"),
    ("dimension-over-whole", _profile(respondents=5, competence=_dimension(respondents=6)),
     f"{_DIM}.respondents", "6 answered for the dimension, more than the 5 who answered"),
    ("segment-dimension-over-segment", _profile(respondents=50, segments=[
        {"by": "alder", "value": "u30", "respondents": 9, "competence": _dimension(
            respondents=10)}]),
     f"segments[0].{_DIM}.respondents", "10 answered for the dimension, more than the 9"),
    ("segment-over-whole", _profile(respondents=5, segments=[
        {"by": "alder", "value": "u30", "respondents": 9}]),
     "segments[0].respondents", "the segment has 9 respondents, more than the whole profile"),
    ("budget-negative", _profile(context={"budget_nok": -1}), "context.budget_nok",
     "-1 is below 0"),
    ("capacity-bool", _profile(context={"capacity_hours": False}), "context.capacity_hours",
     "expected a number, found false"),
    ("budget-too-large", _profile(context={"budget_nok": 1e13}), "context.budget_nok",
     "is above 1000000000000"),
]


@pytest.mark.parametrize(("data", "path", "said"), [case[1:] for case in _WRONG],
                         ids=[case[0] for case in _WRONG])
def test_a_wrong_number_is_refused_with_its_path(data: dict[str, Any], path: str,
                                                 said: str) -> None:
    with pytest.raises(ProfileError) as info:
        load_profile(data)
    assert [p.path for p in info.value.problems] == [path]
    assert said in info.value.render("en")
    if all(not isinstance(v, float) or math.isfinite(v)
           for v in _numbers(data)):  # JSON text can hold it: the same answer from text
        with pytest.raises(ProfileError) as again:
            parse_profile(json.dumps(data), source="p.json")
        assert again.value.render("en") == "p.json: " + info.value.render("en")


def _numbers(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    return [value]


@pytest.mark.parametrize("value", [0, 0.0, 68.8, 100, None])
def test_a_position_percent_within_its_range_is_kept(value: Any) -> None:
    profile = load_profile(_attributes(value))
    assert profile.subject.attributes["average_position_percent"] == value


def test_other_attributes_stay_free() -> None:
    """Only the attributes the bundled rules read as numbers have a range; a municipality's
    own attributes keep any scalar value."""
    profile = load_profile(_profile(subject={"kind": "group", "attributes": {
        "position_percent_target": 150, "andel": -3, "merknad": "68,8"}}))
    assert profile.subject.attributes["position_percent_target"] == 150


def test_every_problem_is_reported_at_once(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A field's own type error and a count that cannot be true together come in one
    message: the user does not fix one to be shown the next."""
    data = _profile(respondents=5, competence={"ledelse": {"skills": {
        "level": 0, "respondents": 6}}}, segments=[{"by": "x", "value": "a", "respondents": 9}],
        context={"budget_nok": -3},
        subject={"kind": "group", "attributes": {"average_position_percent": 101.5}})
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["suggest", str(path), "--lang", "nb"]) == 1
    err = capsys.readouterr().err
    assert "5 feil i inndata" in err
    for fragment in (f"{_DIM}.level: 0 er under 1",
                     f"{_DIM}.respondents: 6 har svart på dimensjonen, flere enn de 5",
                     "context.budget_nok: -3 er under 0",
                     "segments[0].respondents: segmentet har 9 svar",
                     f"{_APP}: 101.5 er over 100"):
        assert fragment in err, err


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6),
                 st.booleans(), st.text(max_size=5)))
def test_a_position_percent_is_kept_exactly_when_it_is_a_number_from_0_to_100(
        value: Any) -> None:
    ok = (type(value) in (int, float)) and math.isfinite(value) and 0 <= value <= 100
    try:
        load_profile(_attributes(value))
    except ProfileError as error:
        assert not ok
        assert [p.path for p in error.problems] == [_APP]
    else:
        assert ok


@pytest.mark.parametrize(("name", "value", "said"), [
    ("part_time", "ja", "expected true or false, found 'ja'"),
    ("part_time", "true", "expected true or false, found 'true'"),
    ("wants_leader_tasks", 0, "expected true or false, found 0"),
    ("high_sick_leave", 1.0, "expected true or false, found 1.0"),
    ("involuntary_part_time", "false", "expected true or false, found 'false'"),
    ("low_learning_participation", "yes", "expected true or false, found 'yes'"),
    ("competence_unused", "x", "expected true or false, found 'x'"),
    ("age_group", 60, "expected text, found 60"),
    ("education", True, "expected text, found true"),
    ("contact_point", 3, "expected text, found 3"),
])
def test_an_attribute_the_rules_read_must_have_their_type(name: str, value: Any,
                                                          said: str) -> None:
    """A rule compares part_time with true: "ja" or "true" (text) would never match, and the
    measures it should bring would silently not come."""
    data = _profile(subject={"kind": "group", "attributes": {name: value}})
    for load in (lambda: load_profile(data),
                 lambda: parse_profile(json.dumps(data), source="p.json")):
        with pytest.raises(ProfileError) as info:
            load()
        assert [p.path for p in info.value.problems] == [f"subject.attributes.{name}"]
        assert info.value.render("en").endswith(said)


def test_attributes_of_the_right_type_are_kept() -> None:
    attributes = {"part_time": True, "wants_leader_tasks": False, "age_group": "eldre",
                  "education": "grunnskole", "contact_point": None, "egen": "ja"}
    profile = parse_profile(json.dumps(_profile(subject={"kind": "group",
                                                         "attributes": attributes})))
    assert profile.subject.attributes == attributes
