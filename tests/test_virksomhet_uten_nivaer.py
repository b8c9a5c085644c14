"""Subjects stated only by who they are (held-out set 7, class C): a unit or a sector with no
level gets the documents' goals for every virksomhet and workplace
(rules/46-virksomheten-som-arbeidsplass.yaml), and specialists get bindal-2024 6.3.2's plan for
using their competence across sectors where the plan's audience admits them."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak.engine import Engine


def profile(kind: str, roles: tuple[str, ...] = (),
            competence: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"format": "tiltak.profile/1",
            "subject": {"kind": kind, "id": "test", "roles": list(roles)},
            "competence": competence or {}}


def by_rule(engine: Engine, data: dict[str, Any], rule: str) -> set[str]:
    result = engine.suggest(data)
    return {r.measure for r in result.recommendations if rule in {x.rule for x in r.reasons}}


DRAMMEN = "fast-virksomhet-felles-mal"   # (merged with fast-virksomhet-medvirkning-og-...)
PARTICIPATION_AND_EXPERIMENT = {"medvirkningskompetanse", "eksperimenteringskultur"}
SAMAN_OM = "fast-virksomhet-laeringsvilkar"
LEVEL = {"digitalisering": {"skills": {"level": 2.5}}}


@pytest.mark.parametrize(("kind", "competence", "drammen", "saman_om"), [
    # a unit (a virksomhet, a workplace) stated only by who it is: both
    ("unit", None, {"medvirkningskompetanse", "eksperimenteringskultur"},
     {"laeringsvilkar-gjennomgang", "kollegial-laering", "rydde-tid-til-utvikling"}),
    # a sector (a programme area) takes the goals into its plans; it is not a workplace
    ("sector", None, {"medvirkningskompetanse", "eksperimenteringskultur"}, set()),
    # the organisation, a group, one employee: not these rules
    ("organisation", None, set(), set()),
    ("group", None, set(), set()),
    ("employee", None, set(), set()),
    # a level stated (a digital skills gap): the gap rules come first; the standing tasks fill
    # in after them, except where a gap rule gives the measure already (experimentation)
    ("unit", LEVEL, {"medvirkningskompetanse"},
     {"laeringsvilkar-gjennomgang", "kollegial-laering", "rydde-tid-til-utvikling"}),
    ("sector", LEVEL, {"medvirkningskompetanse"}, set()),
])
def test_a_unit_stated_by_who_it_is_gets_the_goals_for_every_workplace(
        default_engine: Engine, kind: str, competence: dict[str, Any] | None,
        drammen: set[str], saman_om: set[str]) -> None:
    data = profile(kind, competence=competence)
    assert by_rule(default_engine, data, DRAMMEN) & PARTICIPATION_AND_EXPERIMENT == drammen
    assert by_rule(default_engine, data, SAMAN_OM) == saman_om
    if competence:
        recs = default_engine.suggest(data).recommendations
        rank = {r.measure: r.rank for r in recs}
        gap_ranks = [r.rank for r in recs if any(".gap" in f for x in r.reasons for f in x.facts)]
        assert min(rank[m] for m in drammen | saman_om) > max(gap_ranks)


def test_a_unit_with_nothing_stated_is_not_left_empty(default_engine: Engine) -> None:
    assert default_engine.suggest(profile("unit")).recommendations


@pytest.mark.parametrize(("kind", "roles", "plan"), [
    # a group of specialists: the municipality's plan across sectors (6.3.2) is theirs
    ("group", ("specialist",), True),
    # one specialist: the plan is not one person's (catalogue audience; the networks stay)
    ("employee", ("specialist",), False),
    # no specialist role: not this rule
    ("group", ("employee",), False),
])
def test_specialists_get_the_plan_for_using_their_competence_across_sectors(
        default_engine: Engine, kind: str, roles: tuple[str, ...], plan: bool) -> None:
    result = default_engine.suggest(profile(kind, roles))
    ranked = [r.measure for r in result.recommendations]
    assert ("plan-bruk-av-spesialkompetanse" in ranked) is plan
    if "specialist" in roles:
        assert "kartleggingsnettverk" in ranked
        if not plan:
            # the plan has a rule of its own that does not fire for one person, so no reason
            # the specialist reads names a plan they do not get
            assert all("plan" not in x.because.nb.lower() and "plan" not in x.because.en.lower()
                       for r in result.recommendations for x in r.reasons
                       if x.rule.startswith("tverr-specialists"))
