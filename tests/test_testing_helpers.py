"""tiltak.testing: the helpers pass and fail where a test relies on them, and a mistyped id
never makes a test pass (a measure that does not exist is never recommended, so "not
recommended" held for every typo)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tiltak
from tiltak.authoring.scenarios import load_scenarios, run_scenario
from tiltak.result import Result
from tiltak.testing import (
    assert_in_top,
    assert_not_recommended,
    assert_suppressed,
    make_profile,
)


@pytest.fixture(scope="module")
def result(mini_engine: tiltak.Engine) -> Result:
    """Low attitudes and few who can lead: cafe and arena recommended, course suppressed."""
    profile = make_profile(digitalisering={
        "attitudes": 2.0, "knowledge": 2.0,
        "abilities": {"level": 1.8, "distribution": [0.4, 0.3, 0.2, 0.1, 0.0]}})
    return mini_engine.suggest(profile)


def test_the_fixture_is_what_the_cases_assume(result: Result) -> None:
    assert {"arena", "cafe"} <= set(result.measures())
    assert ("course", "low-attitudes") in {(s.measure, s.rule) for s in result.suppressed}
    assert "survey" not in result.measures()


# (helper, arguments after the result, what the failure says): each a typo of a real id
_TYPOS: list[tuple[Callable[..., None], tuple[Any, ...], str]] = [
    (assert_not_recommended, ("surveyy",), "unknown measure 'surveyy'"),
    (assert_in_top, ("arenaa",), "unknown measure 'arenaa'"),
    (assert_in_top, ("arenaa", 10), "unknown measure 'arenaa'"),
    (assert_suppressed, ("coursee",), "unknown measure 'coursee'"),
    (assert_suppressed, ("course", "low-attitude"), "unknown rule 'low-attitude'"),
]


@pytest.mark.parametrize(("helper", "args", "said"), _TYPOS,
                         ids=[f"{h.__name__}-{a}" for h, a, _ in _TYPOS])
def test_a_mistyped_id_fails_and_says_what_was_meant(
        result: Result, helper: Callable[..., None], args: tuple[Any, ...], said: str) -> None:
    with pytest.raises(AssertionError, match="did you mean") as info:
        helper(result, *args)
    assert said in str(info.value)


@pytest.mark.parametrize(("helper", "args"), [
    (assert_not_recommended, ("survey",)),   # a real measure, absent: passes
    (assert_not_recommended, ("course",)),   # suppressed, so not recommended
    (assert_in_top, ("arena", 5)),
    (assert_suppressed, ("course",)),
    (assert_suppressed, ("course", "low-attitudes")),
])
def test_real_ids_still_pass(result: Result, helper: Callable[..., None],
                             args: tuple[Any, ...]) -> None:
    helper(result, *args)


@pytest.mark.parametrize(("helper", "args", "said"), [
    (assert_not_recommended, ("arena",), "arena is recommended at rank"),
    (assert_in_top, ("survey",), "survey is not recommended, expected in the top 5"),
    (assert_suppressed, ("arena",), "arena is not suppressed"),
    (assert_suppressed, ("course", "few-can-lead"), "course is not suppressed by rule few-can"),
])
def test_real_ids_fail_where_the_result_says_otherwise(
        result: Result, helper: Callable[..., None], args: tuple[Any, ...], said: str) -> None:
    with pytest.raises(AssertionError, match=said):
        helper(result, *args)


def test_a_result_read_from_json_asks_for_the_catalogue(result: Result,
                                                         mini_engine: tiltak.Engine) -> None:
    """A result read back from JSON does not know its engine: an id it does not name cannot
    be told from a typo, so the helper says so rather than pass; with the engine (or its
    catalogue) given it checks as before."""
    back = Result.model_validate_json(result.to_json())
    assert back == result
    with pytest.raises(AssertionError, match="cannot tell whether measure 'survey' exists"):
        assert_not_recommended(back, "survey")
    assert_not_recommended(back, "survey", catalogue=mini_engine)
    assert_not_recommended(back, "survey", catalogue=mini_engine.catalogue)
    with pytest.raises(AssertionError, match="unknown measure 'surveyy'"):
        assert_not_recommended(back, "surveyy", catalogue=mini_engine.catalogue)
    assert_in_top(back, "arena")  # named by the result itself
    with pytest.raises(AssertionError, match="cannot tell whether rule 'nope' exists"):
        assert_suppressed(back, "course", "nope", catalogue=mini_engine.catalogue)
    with pytest.raises(AssertionError, match="unknown rule 'nope'"):
        assert_suppressed(back, "course", "nope", catalogue=mini_engine)


def test_a_shortened_result_still_knows_its_engine(result: Result) -> None:
    with pytest.raises(AssertionError, match="unknown measure"):
        assert_not_recommended(result.top(1), "surveyy")


def test_a_scenario_expecting_an_unknown_measure_fails(tmp_path: Path,
                                                       mini_engine: tiltak.Engine) -> None:
    """``tiltak test``: each unknown id in the expectations is one failure, at the line and
    column of its entry, naming what was probably meant, in both languages (and not also
    "should be suppressed, but is not")."""
    path = tmp_path / "s.yaml"
    path.write_text("scenarios:\n  - id: typo\n"
                    "    profile: {format: tiltak.profile/1, subject: {kind: employee}}\n"
                    "    expect_absent: [surveyy]\n    expect_suppressed: [coursee]\n",
                    encoding="utf-8")
    outcome = run_scenario(mini_engine, load_scenarios([path])[0])
    assert not outcome.passed
    assert [f.en for f in outcome.failures] == [
        f"{path}:4:21: unknown measure 'surveyy': it is not in the catalogue "
        "(did you mean 'survey'?)",
        f"{path}:5:25: unknown measure 'coursee': it is not in the catalogue "
        "(did you mean 'course'?)"]
    assert outcome.failures[0].nb.startswith(f"{path}:4:21: ukjent tiltak «surveyy»")
    assert outcome.failures[0].nb.endswith("(mente du «survey»?)")
