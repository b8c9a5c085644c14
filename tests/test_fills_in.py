"""Standing tasks that fill in after the findings (`fills_in`): marked in every form of the
result, and a plan within a budget takes them only after what the findings support."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiltak.engine import Engine
from tiltak.plan import plan_from_result
from tiltak.profile import load_profile

EXAMPLES = Path(__file__).parent.parent / "examples"
STATED = sorted(p.name for p in EXAMPLES.glob("*.json")
                if any(load_profile(p).competence.values()))


@pytest.mark.parametrize("example", STATED)
def test_fills_in_is_marked_alike_in_every_form(default_engine: Engine, example: str) -> None:
    result = default_engine.suggest(EXAMPLES / example)
    standing = {r.id for r in default_engine.rules.rules if r.standing}
    for rec in result.recommendations:
        assert rec.fills_in is ({x.rule for x in rec.reasons} <= standing)
    data = json.loads(result.to_json())
    assert [("fills_in" in r) for r in data["recommendations"]] == \
        [r.fills_in for r in result.recommendations]
    assert all(r["fills_in"] is True for r in data["recommendations"] if "fills_in" in r)
    line = next(iter(default_engine.suggest_many_json([(EXAMPLES / example).read_bytes()])))
    assert json.loads(line) == json.loads(result.to_json_line())


@pytest.mark.parametrize("budget", [100_000, 250_000, 500_000, 1_000_000])
@pytest.mark.parametrize("example", STATED)
def test_a_budget_goes_to_the_findings_first(default_engine: Engine, example: str,
                                             budget: int) -> None:
    """The plan's score from measures the findings support is what it would be without any
    fill-in: fill-ins only take what is left."""
    profile = load_profile(EXAMPLES / example)
    result = default_engine.suggest(profile)
    fills = {r.measure for r in result.recommendations if r.fills_in}
    if not fills:
        pytest.skip("no fill-ins for this profile")
    score = {r.measure: r.score for r in result.recommendations}
    without = result.model_copy(update={"recommendations": [
        r for r in result.recommendations if not r.fills_in]})
    plans = [plan_from_result(r, default_engine.catalogue, profile.context, profile=profile,
                              budget_nok=budget) for r in (result, without)]
    found = [round(sum(score.get(m, 0.0) for m in p.chosen() if m not in fills), 4)
             for p in plans]
    assert found[0] == found[1]


@pytest.mark.parametrize(("lang", "mark", "note"), [
    ("nb", "(fast oppgave)", "«Fast oppgave»: gis ut fra hvem profilen gjelder"),
    ("en", "(standing task)", "'Standing task': given for who the profile is about"),
])
@pytest.mark.parametrize("form", [["--all"], ["--format", "markdown"]])
def test_the_adviser_sees_which_suggestions_fill_in(capsys: pytest.CaptureFixture[str],
                                                    lang: str, mark: str, note: str,
                                                    form: list[str]) -> None:
    """A fill-in may score more than the finding-backed measure above it; the table says why."""
    from tiltak.cli import main
    assert main(["suggest", str(EXAMPLES / "kristiansand-ledere.json"), "--lang", lang,
                 *form]) == 0
    out = capsys.readouterr().out
    assert mark in out and note in out
    assert main(["suggest", str(EXAMPLES / "ingen-gap.json"), "--lang", lang, *form]) == 0
    out = capsys.readouterr().out
    assert mark not in out and note not in out


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "To fit every left-out measure the findings support: "),
    ("nb", "For å få med alle utelatte tiltak som funnene støtter: "),
])
def test_what_it_takes_to_include_them_all_is_for_the_findings(default_engine: Engine,
                                                               lang: str, said: str) -> None:
    """A municipality that surveyed gets its plan's standing tasks as fill-ins; where the
    budget leaves findings out, 'what it takes to include them all' is for the findings,
    not inflated by every fill-in, and the plan says how many fill-ins did not fit."""
    from tiltak.plan import render_plan

    path = EXAMPLES / "bindal-organisasjon.json"
    profile = load_profile(path)
    result = default_engine.suggest(profile)
    fills = {r.measure for r in result.recommendations if r.fills_in}
    plan = plan_from_result(result, default_engine.catalogue, profile.context, profile=profile)
    left = [pm.measure for pm in plan.left_out]
    assert plan.left_out_fills_in == [m for m in left if m in fills]
    assert plan.left_out_fills_in and any(m not in fills for m in left)
    assert plan.relax_all is not None
    assert not fills & set(plan.relax_all.needs)
    text = render_plan(plan, "text", lang).replace("\u00a0", " ").replace("\u202f", " ")
    assert said in text
    assert f" {len(plan.left_out_fills_in)} " in text.split(said, 1)[1].split("\n", 1)[0]
