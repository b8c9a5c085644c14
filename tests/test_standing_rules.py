"""Standing tasks (`standing: true`, docs/rule-language.md): where a profile states no level
they count like any rule; where it states one, the findings come first, standing measures fill
in after them, add nothing to them, and are left out where the profile shows no gap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tiltak
from tiltak.engine import Engine
from tiltak.errors import TiltakError

RULES = """\
rules:
  - id: finding
    reason: {nb: Et funn., en: A finding.}
    when: {gap: ledelse.ferdigheter, at_least: 0.5}
    then:
      recommend:
        - {measure: kollegial-laering, weight: 1}
        - {measure: openspace, weight: 1}
  - id: role
    standing: true
    reason: {nb: En fast oppgave., en: A standing task.}
    when: {subject: group}
    then:
      recommend:
        - {measure: brukerkafe, weight: 5}
        - {measure: openspace, weight: 5}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("standing")
    (folder / "rules.yaml").write_text(RULES, encoding="utf-8")
    return tiltak.load(folder)


def group(competence: dict[str, Any]) -> dict[str, Any]:
    return {"format": "tiltak.profile/1", "subject": {"kind": "group", "id": "g"},
            "competence": competence}


def ranking(engine: Engine, competence: dict[str, Any]) -> list[tuple[str, float, list[str]]]:
    return [(r.measure, r.score, [x.rule for x in r.reasons])
            for r in engine.suggest(group(competence)).recommendations]


LEADERSHIP_GAP = {"ledelse": {"skills": {"level": 2.0, "target": 4.0}}}


@pytest.mark.parametrize(("competence", "expected"), [
    # No level stated: the standing rule counts like any other (5 points above 1).
    ({}, [("openspace", 5.0, ["role"]), ("brukerkafe", 5.0, ["role"])]),
    # A finding: it comes first; the standing measure fills in after it, with its own points,
    # and adds nothing to the measure the finding supports.
    (LEADERSHIP_GAP, [("openspace", 1.0, ["finding"]), ("kollegial-laering", 1.0, ["finding"]),
                      ("brukerkafe", 5.0, ["role"])]),
    # A level in another area, no gap anywhere that bears on brukerkafe: it still fills in.
    ({"tverrfaglighet": {"knowledge": {"level": 4.5, "target": 4.0}}},
     [("brukerkafe", 5.0, ["role"]), ("openspace", 5.0, ["role"])]),
    # The profile shows no need where both work (digital skills at target): left out.
    ({"digitalisering": {"skills": {"level": 4.0, "target": 4.0}}}, []),
    # ... but a gap in one of its areas and dimensions keeps it.
    ({"digitalisering": {"skills": {"level": 4.0, "target": 4.0},
                         "attitudes": {"level": 3.0, "target": 4.0}}},
     [("brukerkafe", 5.0, ["role"]), ("openspace", 5.0, ["role"])]),
])
def test_standing_rules_fill_in_after_the_findings(
        engine: Engine, competence: dict[str, Any],
        expected: list[tuple[str, float, list[str]]]) -> None:
    got = ranking(engine, competence)
    assert sorted(got) == sorted(expected)
    if competence == LEADERSHIP_GAP:
        assert got[-1][0] == "brukerkafe"


@pytest.mark.parametrize("value", ['"yes"', "1", "null", "[true]"])
def test_standing_must_be_true_or_false(tmp_path: Path, value: str) -> None:
    text = RULES.replace("standing: true", f"standing: {value}")
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TiltakError) as info:
        tiltak.load(tmp_path)
    assert "rules.yaml:10:" in str(info.value)
    assert "standing" in str(info.value)


def test_a_leader_group_that_states_one_finding_keeps_its_roles_standing_tasks(
        default_engine: Engine) -> None:
    """Before, one stated level (here: leaders want to develop) switched every standing task
    of the role off; now they fill in after what the finding gives."""
    data = {"format": "tiltak.profile/1",
            "subject": {"kind": "group", "id": "l", "roles": ["leader"]},
            "competence": {"ledelse": {"attitudes": {"level": 4.0}}}}
    rules = {x.rule for r in default_engine.suggest(data).recommendations for x in r.reasons}
    assert "fast-ledere-relasjon-og-tid" in rules


_STANDING = frozenset(r.id for r in tiltak.load().rules.rules if r.standing)
_AREAS = ["digitalisering", "ledelse", "tverrfaglighet", "strategisk-kompetanseledelse",
          "laerende-organisasjon"]
_DIMS = ["knowledge", "skills", "abilities", "attitudes"]
_ROLES = ["leader", "first-line-leader", "top-leader", "hr-adviser", "union-representative",
          "employee", "politician", "superuser"]


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(["group", "unit", "sector", "organisation", "region", "employee"]),
       roles=st.lists(st.sampled_from(_ROLES), max_size=2, unique=True),
       levels=st.dictionaries(st.tuples(st.sampled_from(_AREAS), st.sampled_from(_DIMS)),
                              st.sampled_from([1.5, 2.5, 3.0, 3.5, 4.0, 4.5]),
                              min_size=1, max_size=5))
def test_where_a_level_is_stated_standing_measures_never_rank_above_a_finding(
        kind: str, roles: list[str], levels: dict[tuple[str, str], float]) -> None:
    competence: dict[str, dict[str, Any]] = {}
    for (area, dim), level in levels.items():
        competence.setdefault(area, {})[dim] = {"level": level}
    data = {"format": "tiltak.profile/1",
            "subject": {"kind": kind, "id": "x", "roles": roles}, "competence": competence}
    recs = [r for r in _ENGINE.suggest(data).recommendations if not r.deferred]
    standing_only = [r.rank for r in recs if {x.rule for x in r.reasons} <= _STANDING]
    findings = [r.rank for r in recs if not {x.rule for x in r.reasons} <= _STANDING]
    if standing_only and findings:
        assert max(findings) < min(standing_only)
    for r in recs:  # a measure a finding supports gets no points from a standing task
        if r.rank in findings:
            assert not {x.rule for x in r.reasons} & _STANDING


_ENGINE = tiltak.load()


@pytest.mark.parametrize(("competence", "measure", "status", "shown"), [
    # a finding gives openspace: the standing task's points are shown as not counted
    (LEADERSHIP_GAP, "openspace", "recommended", "not counted: a finding in the profile"),
    # only the standing task gives brukerkafe: it fills in after the findings
    (LEADERSHIP_GAP, "brukerkafe", "recommended", "standing task: comes after the measures"),
    # digital skills at target: left out, and explain says why (not "no rule fired")
    ({"digitalisering": {"skills": {"level": 4.0, "target": 4.0}}}, "brukerkafe",
     "not-recommended", "only standing tasks give it, and the profile shows no need"),
])
def test_explain_says_what_a_standing_task_did(
        engine: Engine, competence: dict[str, Any], measure: str, status: str,
        shown: str) -> None:
    from tiltak.authoring.explain import explain
    found = explain(engine, group(competence), measure=measure)
    item = found.measures[0]
    assert item.status == status
    assert shown in found.render("en")
    standing = [t for t in item.rules if t.rule == "role"]
    assert standing and standing[0].standing
    assert standing[0].counted is (measure != "openspace")
