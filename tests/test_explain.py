"""`tiltak explain`: why (not) a measure, with the distance to each failed condition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiltak import cli
from tiltak.authoring.explain import explain
from tiltak.engine import Engine, load

DATA = Path(__file__).parent / "data" / "authoring"
KB = ["--rules", str(DATA / "rules"), "--catalogue", str(DATA / "catalogue")]
ALMOST = str(DATA / "profiles" / "almost.json")
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    return load(DATA / "rules", DATA / "catalogue")


def test_why_not_names_the_gap_and_the_threshold(engine) -> None:  # type: ignore[no-untyped-def]
    result = explain(engine, ALMOST, measure="arena")
    [item] = result.measures
    assert item.status == "not-recommended"
    [rule] = item.rules
    assert rule.rule == "few-can-lead" and not rule.fired and rule.recommends
    assert rule.condition is not None
    gap, share = rule.condition.items
    assert (gap.held, gap.actual, gap.expected, gap.short_by) == (False, 0.8, 1.0, 0.2)
    assert share.held and share.short_by is None


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "[-] gap digitalisering.abilities = 0.8, needs at least 1 (0.2 short)"),
    ("nb", "[-] gap digitalisering.evner = 0,8, må være minst 1 (mangler 0,2)"),
])
def test_why_not_text(capsys: pytest.CaptureFixture[str], lang: str, expected: str) -> None:
    code = cli.main(["explain", ALMOST, "--measure", "arena", "--lang", lang, *KB])
    out = capsys.readouterr().out
    assert code == 0
    assert expected in out


def test_suppression_and_deferral_are_explained(engine) -> None:  # type: ignore[no-untyped-def]
    course = explain(engine, ALMOST, measure="course").measures[0]
    roles = {(t.rule, t.fired, t.suppresses, t.recommends) for t in course.rules}
    assert ("low-attitudes", True, True, False) in roles
    assert ("knowledge-gap", False, False, True) in roles
    elearning = explain(engine, ALMOST, measure="elearning").measures[0]
    assert any(t.defers and t.fired for t in elearning.rules)


def test_needs_are_traced_to_the_deriving_rule(engine) -> None:  # type: ignore[no-untyped-def]
    item = explain(engine, DATA / "profiles" / "few-can-lead.json",
                   measure="programme").measures[0]
    assert item.status == "recommended" and item.rank is not None
    [need_rule] = item.needs
    assert need_rule.rule == "few-can-lead" and need_rule.fired
    assert need_rule.derives == ["digital-leadership"]
    assert item.rules[0].condition is not None
    assert item.rules[0].condition.kind == "need" and item.rules[0].condition.held


def test_without_measure_explains_the_top(engine) -> None:  # type: ignore[no-untyped-def]
    profile = DATA / "profiles" / "few-can-lead.json"
    result = explain(engine, profile, top=2)
    top = engine.suggest(profile).measures()[:2]
    assert [m.measure for m in result.measures] == top
    assert all(m.status == "recommended" and m.rules for m in result.measures)


def test_json_is_canonical(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["explain", ALMOST, "--measure", "course", "--format", "json", *KB]
    cli.main(argv)
    first = capsys.readouterr().out
    cli.main(argv)
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert data["format"] == "tiltak.authoring.explain/1"
    assert data["measures"][0]["status"] == "not-recommended"


def test_unknown_measure_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["explain", ALMOST, "--measure", "nope", "--lang", "nb", *KB])
    err = capsys.readouterr().err
    assert code == 1
    assert "ukjent tiltak «nope»" in err and "Traceback" not in err


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_explain_never_shows_a_raw_placeholder(default_engine: Engine, lang: str) -> None:
    """A rule that fired reads in the profile's numbers; one that did not has its placeholders
    named (a number there would read as a finding the rule did not make)."""
    found = explain(default_engine, EXAMPLES / "medarbeider.json",
                    measure="intern-lederrekruttering")
    text = found.render(lang)
    assert "{" not in text and "}" not in text
    assert ("[andel]" if lang == "nb" else "[share]") in text
    fired = explain(default_engine, EXAMPLES / "bindal-organisasjon.json",
                    measure="plan-bruk-av-spesialkompetanse")
    assert ("nivå 1,9, gap 2,1" if lang == "nb" else "level 1.9, gap 2.1") in fired.render(lang)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_explain_points_are_the_points_the_result_counts(default_engine: Engine,
                                                         example: str) -> None:
    """Graded scores (per_gap and per_share) included: explain and suggest agree."""
    result = default_engine.suggest(EXAMPLES / example)
    found = explain(default_engine, EXAMPLES / example, top=8)
    for item in found.measures:
        rec = next(r for r in result.recommendations if r.measure == item.measure)
        given = {x.rule: x.points for x in rec.reasons}
        for trace in item.rules:
            if trace.rule in given:
                assert trace.points == given[trace.rule]
