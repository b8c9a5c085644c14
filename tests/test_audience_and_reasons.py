"""Audience, scoped suppression, graded scores and reasons in the profile's own numbers (#11).

Each feature is tested on a small catalogue written here, through both backends where the
result is an engine result, and through ``tiltak check`` where an author relies on it.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tiltak
from tiltak import cli
from tiltak.authoring.lint import check
from tiltak.catalogue import load_catalogue
from tiltak.engine import Engine
from tiltak.errors import RuleError
from tiltak.rules import rules_from_mapping

CATALOGUE = """
areas:
  - id: digitalisering
    name: {nb: Digitalisering, en: Digitalisation}
    targets: {knowledge: 3.5, skills: 3.5, abilities: 4.0, attitudes: 4.0}
  - id: ledelse
    name: {nb: Ledelse, en: Leadership}
    targets: {knowledge: 3.5, skills: 3.5, abilities: 3.5, attitudes: 4.0}
roles:
  - id: leader
    name: {nb: Leder, en: Leader}
  - id: top-leader
    name: {nb: Toppleder, en: Top leader}
    kind_of: [leader]
  - id: politician
    name: {nb: Folkevalgt, en: Elected politician}
  - id: employee
    name: {nb: Medarbeider, en: Employee}
measures:
  - id: leder-kurs
    title: {nb: Lederkurs, en: Leader course}
    description: {nb: Kurs., en: Course.}
    sources: [{document: kristiansand-2023, section: "3.4"}]
    areas: [ledelse]
    dimensions: [knowledge]
    strategy: develop
    format: course
    level: organisation
    cost: low
    audience: {roles: [leader]}
    evidence: {nb: Alle ledere har deltatt., en: Every leader has taken part.}
  - id: digi-kurs
    title: {nb: Digitalt kurs, en: Digital course}
    description: {nb: Kurs., en: Course.}
    sources: [{document: kristiansand-2023, section: "3.5"}]
    areas: [digitalisering]
    dimensions: [knowledge]
    strategy: develop
    format: course
    level: organisation
    cost: low
    evidence: {nb: Flere bruker systemet., en: More use the system.}
    evidence_sources: [{document: kristiansand-2023, section: "3.5"}]
  - id: leder-nettverk
    title: {nb: Ledernettverk, en: Leaders' network}
    description: {nb: Nettverk., en: Network.}
    sources: [{document: kristiansand-2023, section: "3.4"}]
    areas: [ledelse]
    dimensions: [abilities]
    strategy: mobilise
    format: network
    level: organisation
    cost: low
    audience: {subjects: [organisation, group], roles: [leader, employee]}
  - id: strategi
    title: {nb: Strategi, en: Strategy}
    description: {nb: Strategi., en: Strategy.}
    sources: [{document: bindal-2024, section: "6.1.1"}]
    areas: [digitalisering]
    dimensions: [knowledge]
    strategy: develop
    format: plan
    level: organisation
    cost: low
    audience: {subjects: [organisation, group]}
  - id: arena
    title: {nb: Arena, en: Arena}
    description: {nb: Arena., en: Arena.}
    sources: [{document: bindal-2024, section: "6.1.3"}]
    areas: [digitalisering]
    dimensions: [abilities]
    strategy: mobilise
    format: arena
    level: organisation
    cost: low
"""


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("cat")
    (root / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    return load_catalogue(root)


def engines(catalogue: Any, rules: list[dict[str, Any]]) -> list[Engine]:
    ruleset = rules_from_mapping({"rules": rules}, catalogue)
    return [Engine(ruleset, catalogue, "python"), Engine(ruleset, catalogue, "rete")]


def profile(kind: str = "organisation", roles: tuple[str, ...] = (),
            competence: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"format": "tiltak.profile/1",
                            "subject": {"kind": kind, "roles": list(roles)},
                            "competence": competence or {}}
    if kind != "employee":
        data["respondents"] = 20
    return data


REASON = {"nb": "Begrunnelse.", "en": "Reason."}
ALWAYS = {"id": "alltid", "reason": REASON, "lesson": 1,
          "then": {"recommend": ["leder-kurs", "digi-kurs"]}}


@pytest.mark.parametrize(("kind", "roles", "dropped"), [
    ("organisation", (), False),            # whole bodies are not limited by role
    ("group", ("leader",), False),
    ("group", ("top-leader",), False),      # a top leader is a kind of leader
    ("group", ("politician",), True),
    ("group", (), False),                   # a mixed group (a survey segment)
    ("employee", (), True),                 # an employee without roles counts as employee
])
def test_a_measure_outside_its_audience_is_dropped_and_listed(
        catalogue: Any, kind: str, roles: tuple[str, ...], dropped: bool) -> None:
    for engine in engines(catalogue, [ALWAYS]):
        result = engine.suggest(profile(kind, roles))
        recommended = {r.measure for r in result.recommendations}
        assert ("leder-kurs" not in recommended) is dropped
        assert "digi-kurs" in recommended        # no audience: for everyone
        listed = [s for s in result.suppressed if s.measure == "leder-kurs"]
        assert bool(listed) is dropped
        if dropped:
            assert listed[0].context == "audience" and listed[0].rule is None
            assert "leder" in listed[0].because.nb and "leader" in listed[0].because.en


KINDS_AND_ROLES = {"id": "alltid-2", "reason": REASON, "lesson": 1,
                   "then": {"recommend": ["leder-nettverk", "strategi"]}}


@pytest.mark.parametrize(("kind", "roles", "network", "strategy"), [
    ("organisation", (), True, True),
    ("group", ("leader",), True, True),
    ("group", ("politician",), False, True),
    ("group", ("employee",), True, True),        # a group of employees: the staff
    ("employee", ("leader",), True, False),      # one leader is the audience a leader group is
    ("employee", ("top-leader",), True, False),  # ... also through kind_of
    ("employee", ("politician",), False, False),
    ("employee", (), False, False),              # counts as employee: one is not the staff
    ("employee", ("employee",), False, False),
    ("sector", (), False, False),                # the kind is not admitted
])
def test_an_employee_holding_a_named_role_is_in_an_audience_that_admits_groups(
        catalogue: Any, kind: str, roles: tuple[str, ...], network: bool,
        strategy: bool) -> None:
    """Roles admit one person as they admit a group; an audience without roles keeps its kinds."""
    for engine in engines(catalogue, [KINDS_AND_ROLES]):
        result = engine.suggest(profile(kind, roles))
        recommended = {r.measure for r in result.recommendations}
        suppressed = {s.measure for s in result.suppressed if s.context == "audience"}
        assert ("leder-nettverk" in recommended) is network
        assert ("strategi" in recommended) is strategy
        assert suppressed == {"leder-nettverk", "strategi"} - recommended
        assert catalogue.outside_audience("leder-nettverk", kind, roles) is not network


LOW_ATTITUDE_RULE = {
    "id": "ingen-kurs", "lesson": 3,
    "reason": {"nb": "Holdningene til {area} er lave (nivå {level}).",
               "en": "Attitudes to {area} are low (level {level})."},
    "when": {"level": "*.holdninger", "below": 3.0},
    "then": {"suppress": {"formats": ["course"], "scope": "matched-areas"}},
}


def test_suppression_scoped_to_the_matched_area_names_area_and_level(catalogue: Any) -> None:
    competence = {"ledelse": {"knowledge": {"level": 2.5}, "attitudes": {"level": 2.5}},
                  "digitalisering": {"knowledge": {"level": 2.5}, "attitudes": {"level": 3.8}}}
    for engine in engines(catalogue, [ALWAYS, LOW_ATTITUDE_RULE]):
        result = engine.suggest(profile("group", ("leader",), competence))
        assert [r.measure for r in result.recommendations] == ["digi-kurs"]
        (stopped,) = result.suppressed
        assert stopped.measure == "leder-kurs" and stopped.rule == "ingen-kurs"
        assert stopped.because.nb == "Holdningene til ledelse er lave (nivå 2,5)."
        assert stopped.because.en == "Attitudes to leadership are low (level 2.5)."


def test_unscoped_suppression_still_reaches_every_area(catalogue: Any) -> None:
    rule = {**LOW_ATTITUDE_RULE, "then": {"suppress": {"formats": ["course"]}}}
    competence = {"ledelse": {"attitudes": {"level": 2.5}}}
    for engine in engines(catalogue, [ALWAYS, rule]):
        result = engine.suggest(profile("group", ("leader",), competence))
        assert result.recommendations == []


def test_score_rises_smoothly_with_gap_and_share_of_low_answers(catalogue: Any) -> None:
    rule = {"id": "gradert", "reason": REASON, "lesson": 5,
            "when": {"gap": "digitalisering.evner", "at_least": 0.5},
            "then": {"recommend": [{"measure": "arena", "weight": 1,
                                    "per_gap": {"digitalisering.evner": 2},
                                    "per_share": {"digitalisering.evner": 4}}]}}
    scores = []
    for level, low in [(3.4, 0.1), (2.8, 0.3), (2.7, 0.42), (2.6, 0.5), (2.0, 0.7)]:
        rest = (1 - low) / 3
        dist = [low / 2, low / 2, rest, rest, rest]
        competence = {"digitalisering": {"abilities": {"level": level, "distribution": dist}}}
        results = [e.suggest(profile(competence=competence)) for e in engines(catalogue, [rule])]
        assert results[0] == results[1]
        score = results[0].recommendations[0].score
        assert score == pytest.approx(1 + 2 * (4.0 - level) + 4 * low, abs=1e-3)
        scores.append(score)
    assert scores == sorted(scores)
    # no cliff: neighbouring profiles differ by little
    assert max(b - a for a, b in itertools.pairwise(scores)) < 3


def test_share_and_several_areas_are_formatted_per_language(catalogue: Any) -> None:
    rule = {"id": "fa", "lesson": 5,
            "reason": {"nb": "Bare {share} kan lede; gap {gap}.",
                       "en": "Only {share} can lead; gap {gap}."},
            "when": {"all": [{"share": "digitalisering.evner", "at_or_above": 4, "at_most": 0.2},
                             {"gap": "*.evner", "at_least": 0.5}]},
            "then": {"recommend": ["arena"]}}
    competence = {
        "digitalisering": {"abilities": {"level": 2.4,
                                         "distribution": [0.3, 0.38, 0.25, 0.05, 0.02]}},
        "ledelse": {"abilities": {"level": 2.9}},
    }
    for engine in engines(catalogue, [rule]):
        reason = engine.suggest(profile(competence=competence)).recommendations[0].reasons[0]
        assert reason.because.nb == ("Bare 7 % kan lede; gap digitalisering 1,6 og "
                                     "ledelse 0,6.")
        assert reason.because.en == ("Only 7% can lead; gap digitalisation 1.6 and "
                                     "leadership 0.6.")


def test_several_dimensions_of_one_area_are_named_in_reading_order(catalogue: Any) -> None:
    # "Ferdigheter eller evner ... (gap 1,6 og 0,9)" left the reader to guess which is which
    # (facts sorted by English name put abilities before skills).
    rule = {"id": "fd", "lesson": 5,
            "reason": {"nb": "Ferdigheter eller evner er lave (gap {gap}).",
                       "en": "Skills or abilities are low (gap {gap})."},
            "when": {"any": [{"gap": "digitalisering.ferdigheter", "at_least": 0.5},
                             {"gap": "digitalisering.evner", "at_least": 0.5}]},
            "then": {"recommend": ["arena"]}}
    cases = [
        ({"skills": {"level": 2.6}, "abilities": {"level": 2.4}},
         "Ferdigheter eller evner er lave (gap ferdigheter 0,9 og evner 1,6).",
         "Skills or abilities are low (gap skills 0.9 and abilities 1.6)."),
        ({"skills": {"level": 2.6}},
         "Ferdigheter eller evner er lave (gap 0,9).",
         "Skills or abilities are low (gap 0.9)."),
    ]
    for dims, nb, en in cases:
        for engine in engines(catalogue, [rule]):
            result = engine.suggest(profile(competence={"digitalisering": dims}))
            reason = result.recommendations[0].reasons[0]
            assert (reason.because.nb, reason.because.en) == (nb, en)


# {area} and the numbers name only what matched: a leaf that held inside a part of the condition
# that did not hold (one half of an "all" under an "any", or one bound of a band) is no finding.
_TWO_BRANCHES = {"any": [
    {"all": [{"gap": "digitalisering.evner", "at_least": 0.5},
             {"level": "digitalisering.kunnskaper", "at_least": 3.5}]},
    {"all": [{"gap": "ledelse.evner", "at_least": 0.5},
             {"level": "ledelse.kunnskaper", "at_least": 3.5}]},
]}
_BAND = {"gap": "*.evner", "at_least": 0.5, "below": 1.0}


@pytest.mark.parametrize(("when", "competence", "nb", "en"), [
    # digital: the gap holds but knowledge is low, so only leadership's branch held
    (_TWO_BRANCHES,
     {"digitalisering": {"knowledge": {"level": 2.5}, "abilities": {"level": 2.5}},
      "ledelse": {"knowledge": {"level": 4.0}, "abilities": {"level": 2.9}}},
     "Evnen i ledelse (gap 0,6).", "The ability in leadership (gap 0.6)."),
    # both branches held: both areas, each number with its area
    (_TWO_BRANCHES,
     {"digitalisering": {"knowledge": {"level": 3.6}, "abilities": {"level": 2.5}},
      "ledelse": {"knowledge": {"level": 4.0}, "abilities": {"level": 2.9}}},
     "Evnen i digitalisering og ledelse (gap digitalisering 1,5 og ledelse 0,6).",
     "The ability in digitalisation and leadership (gap digitalisation 1.5 and "
     "leadership 0.6)."),
    # a band: digital's gap 1.5 is at least 0.5 but not below 1.0
    (_BAND,
     {"digitalisering": {"abilities": {"level": 2.5}}, "ledelse": {"abilities": {"level": 2.9}}},
     "Evnen i ledelse (gap 0,6).", "The ability in leadership (gap 0.6)."),
    (_BAND,
     {"digitalisering": {"abilities": {"level": 3.3}}, "ledelse": {"abilities": {"level": 2.9}}},
     "Evnen i digitalisering og ledelse (gap digitalisering 0,7 og ledelse 0,6).",
     "The ability in digitalisation and leadership (gap digitalisation 0.7 and "
     "leadership 0.6)."),
])
def test_a_reason_names_only_the_areas_whose_facts_matched(
        catalogue: Any, when: dict[str, Any], competence: dict[str, Any], nb: str,
        en: str) -> None:
    rule = {"id": "omraade", "lesson": 5, "when": when,
            "reason": {"nb": "Evnen i {area} (gap {gap}).",
                       "en": "The ability in {area} (gap {gap})."},
            "then": {"recommend": ["arena"],
                     "suppress": {"formats": ["course"], "scope": "matched-areas"}}}
    for engine in engines(catalogue, [ALWAYS, rule]):
        result = engine.suggest(profile(competence=competence))
        arena = next(r for r in result.recommendations if r.measure == "arena")
        (reason,) = arena.reasons
        assert (reason.because.nb, reason.because.en) == (nb, en)
        matched_areas = {fact.split(".")[0] for fact in reason.facts}
        stopped = {s.measure for s in result.suppressed}
        # the scoped suppression reaches the same areas the reason names
        assert ("digi-kurs" in stopped) == ("digitalisering" in matched_areas)
        assert ("leder-kurs" in stopped) == ("ledelse" in matched_areas)
        assert ("digitalisering" in matched_areas) == ("digitalisering" in nb)


@pytest.mark.parametrize(("when", "accepted"), [
    ({"any": [{"role": "leader"}, {"gap": "ledelse.evner", "at_least": 0.5}]}, False),
    ({"all": [{"role": "leader"}, {"gap": "ledelse.evner", "at_least": 0.5}]}, True),
    ({"all": [{"gap": "ledelse.evner", "at_least": 0.5},
              {"not": {"level": "ledelse.holdninger", "below": 3}}]}, True),
    ({"any": [{"not": {"level": "ledelse.holdninger", "below": 3}},
              {"gap": "ledelse.evner", "at_least": 0.5}]}, False),
])
def test_check_rejects_an_area_placeholder_that_may_have_no_area(
        catalogue: Any, when: dict[str, Any], accepted: bool) -> None:
    rule = {"id": "omraade", "lesson": 5, "when": when,
            "reason": {"nb": "Gap i {area}.", "en": "A gap in {area}."},
            "then": {"recommend": ["arena"]}}
    if accepted:
        rules_from_mapping({"rules": [rule]}, catalogue)
        return
    with pytest.raises(RuleError) as caught:
        rules_from_mapping({"rules": [rule]}, catalogue)
    assert "may have no area" in caught.value.render("en")


@pytest.mark.parametrize(("text", "message"), [
    ("Gapet er {gap}.", "does not test"),
    ("Bare {share} kan lede.", "does not test"),
    ("Nivå {level:ledelse.evner}.", "does not test"),
    ("Hei {kommune}.", "unknown placeholder"),
])
def test_a_placeholder_must_name_a_fact_the_rule_tests(catalogue: Any, text: str,
                                                       message: str) -> None:
    rule = {"id": "feil", "lesson": 1, "reason": {"nb": text, "en": text},
            "when": {"level": "digitalisering.evner", "below": 3},
            "then": {"recommend": ["arena"]}}
    with pytest.raises(RuleError) as caught:
        rules_from_mapping({"rules": [rule]}, catalogue)
    assert message in caught.value.render("en")


def test_a_qualified_placeholder_names_one_fact(catalogue: Any) -> None:
    rule = {"id": "ok", "lesson": 1,
            "reason": {"nb": "Nivå {level:digitalisering.evner}.",
                       "en": "Level {level:digitalisering.abilities}."},
            "when": {"level": "digitalisering.evner", "below": 3},
            "then": {"recommend": ["arena"]}}
    for engine in engines(catalogue, [rule]):
        competence = {"digitalisering": {"abilities": {"level": 2.25}}}
        reason = engine.suggest(profile(competence=competence)).recommendations[0].reasons[0]
        assert (reason.because.nb, reason.because.en) == ("Nivå 2,25.", "Level 2.25.")


def test_evidence_in_the_output_says_whether_a_source_states_it(catalogue: Any) -> None:
    result = engines(catalogue, [ALWAYS])[0].suggest(profile("group", ("leader",)))
    evidence = {r.measure: r.evidence for r in result.recommendations}
    assert evidence["leder-kurs"] is not None and evidence["leder-kurs"].suggestion
    assert evidence["digi-kurs"] is not None and not evidence["digi-kurs"].suggestion
    assert evidence["digi-kurs"].sources[0].section == "3.5"


def test_check_rejects_a_reason_that_names_a_municipality(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text(
        "rules:\n  - id: sju-prosent\n    lesson: 7\n"
        "    reason: {nb: Bare 7 % i Bindal kan lede., en: Only 7 % can lead in Midtre Gauldal.}\n"
        "    then: {recommend: [plan-bruk-av-spesialkompetanse]}\n", encoding="utf-8")
    report = check(rules, None)
    found = [(f.code, f.problem.params["name"]) for f in report.findings if f.code == "E003"]
    assert sorted(found) == [("E003", "Bindal"), ("E003", "Midtre Gauldal")]
    assert cli.main(["check", "--rules", str(rules), "--lang", "nb"]) == 1
    assert "Bindal" in capsys.readouterr().out


def test_bundled_reasons_name_no_municipality_and_fill_every_placeholder() -> None:
    report = check()
    assert not [f for f in report.findings if f.severity == "error"]
    engine = tiltak.load()
    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "validation" / "profiles").glob("*.json")):
        result = engine.suggest(path)
        texts = [r.because for rec in result.recommendations for r in rec.reasons]
        texts += [s.because for s in result.suppressed]
        for text in texts:
            assert "{" not in text.nb and "{" not in text.en, (path.name, text)
            assert "–" not in text.nb, (path.name, text)


# The engine caches filled reasons keyed by what they show (the matched facts of each kind, or
# every tested fact when a placeholder names one); reasons of every kind of placeholder, over
# "any" and "all", must come out as an engine that saw no other profile fills them.
PLACEHOLDER_RULES = [
    {"id": "any-of", "lesson": 1,
     "reason": {"nb": "Gap {gap}, nivå {level}, i {area}; ledelse {level:ledelse.evner}.",
                "en": "Gap {gap}, level {level}, in {area}; leadership {level:ledelse.evner}."},
     "when": {"any": [{"gap": "digitalisering.evner", "at_least": 0.5},
                      {"level": "ledelse.evner", "below": 3}]},
     "then": {"recommend": ["arena"]}},
    {"id": "all-of", "lesson": 1,
     "reason": {"nb": "Bare {share} kan lede; gap {gap}.",
                "en": "Only {share} can lead; gap {gap}."},
     "when": {"all": [{"share": "digitalisering.evner", "at_or_above": 4, "at_most": 0.5},
                      {"gap": "*.evner", "at_least": 0.3}]},
     "then": {"recommend": ["digi-kurs"]}},
    {"id": "named", "lesson": 1,
     "reason": {"nb": "Ledelse {level:ledelse.evner}, alle {level}.",
                "en": "Leadership {level:ledelse.evner}, all {level}."},
     "when": {"any": [{"level": "digitalisering.evner", "below": 3},
                      {"level": "ledelse.evner", "below": 3}]},
     "then": {"recommend": ["leder-kurs"]}},
]
_LEVELS = st.sampled_from([1, 1.5, 2.25, 2.254, 2.5, 3, 3.5, 4.75])
_DISTRIBUTIONS = st.sampled_from([None, [0.3, 0.38, 0.25, 0.05, 0.02],
                                  [0.1, 0.2, 0.3, 0.2, 0.2], [0.2, 0.2, 0.2, 0.2, 0.2]])


@st.composite
def _abilities(draw: st.DrawFn) -> dict[str, Any]:
    value: dict[str, Any] = {"level": draw(_LEVELS)}
    if draw(st.booleans()):
        value["target"] = draw(_LEVELS)
    distribution = draw(_DISTRIBUTIONS)
    if distribution is not None:
        value["distribution"] = distribution
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({}, optional={"digitalisering": _abilities(),
                                                    "ledelse": _abilities()}),
                min_size=2, max_size=8))
def test_cached_reasons_equal_freshly_filled_ones(catalogue: Any,
                                                  areas: list[dict[str, Any]]) -> None:
    ruleset = rules_from_mapping({"rules": PLACEHOLDER_RULES}, catalogue)
    warm = Engine(ruleset, catalogue, "python")
    for found in areas:
        data = profile(competence={area: {"abilities": value} for area, value in found.items()})
        fresh = Engine(ruleset, catalogue, "python")
        assert warm.suggest(data).to_json() == fresh.suggest(data).to_json()


ROLE_RULES = [
    {"id": "for-ledere", "reason": REASON, "lesson": 1, "when": {"role": "leader"},
     "then": {"recommend": ["digi-kurs"]}},
    {"id": "ikke-ledere", "reason": REASON, "lesson": 1,
     "when": {"all": [{"subject": "group"}, {"not": {"role": "leader"}}]},
     "then": {"recommend": ["arena"]}},
    {"id": "for-toppledere", "reason": REASON, "lesson": 1, "when": {"role": "top-leader"},
     "then": {"recommend": ["strategi"]}},
]


@pytest.mark.parametrize(("roles", "expected"), [
    (("leader",), {"digi-kurs"}),
    (("top-leader",), {"digi-kurs", "strategi"}),   # a top leader is a kind of leader
    (("politician",), {"arena"}),
    (("politician", "top-leader"), {"digi-kurs", "strategi"}),
    ((), {"arena"}),                                # a mixed group holds no role
])
def test_a_role_condition_matches_the_roles_that_are_a_kind_of_it(
        catalogue: Any, roles: tuple[str, ...], expected: set[str]) -> None:
    """`role:` in a rule reads kind_of as audiences do, and `not` of it excludes them too."""
    for engine in engines(catalogue, ROLE_RULES):
        result = engine.suggest(profile("group", roles))
        assert {r.measure for r in result.recommendations} == expected, engine.backend
