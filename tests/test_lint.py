"""`tiltak check`: each lint is triggered by one planted defect in a clean fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiltak import cli
from tiltak.authoring.lint import CODES, Finding, check
from tiltak.engine._python import holds as _holds
from tiltak.rules import AllOf, AnyOf, Compare, Condition, Equals, NeedHeld, Not, Rule
from tiltak.rules._logic import Logic, _TooLarge, consistent, dnf

DATA = Path(__file__).parent / "data" / "authoring"
REASON = "reason: {nb: Planta feil., en: Planted defect.}"


def planted(tmp_path: Path, rules: str = "", catalogue: str = "") -> tuple[Path, Path]:
    """The clean fixture plus one extra rules file (and catalogue file)."""
    rules_dir = tmp_path / "rules"
    cat_dir = tmp_path / "catalogue"
    shutil.copytree(DATA / "rules", rules_dir)
    shutil.copytree(DATA / "catalogue", cat_dir)
    if rules:
        (rules_dir / "zz-planted.yaml").write_text("rules:\n" + rules, encoding="utf-8")
    if catalogue:
        (cat_dir / "zz-planted.yaml").write_text(catalogue, encoding="utf-8")
    return rules_dir, cat_dir


def codes(findings: tuple[Finding, ...]) -> set[tuple[str, str | None]]:
    return {(f.code, f.problem.rule) for f in findings}


def test_clean_fixture_has_no_findings() -> None:
    report = check(DATA / "rules", DATA / "catalogue")
    assert report.findings == ()
    assert report.exit_code(strict=True) == 0


CASES = [
    pytest.param(f"""
  - id: contradictory-levels
    {REASON}
    when:
      all:
        - {{level: digitalisering.knowledge, at_least: 4}}
        - {{level: digitalisering.knowledge, at_most: 3}}
    then: {{recommend: [cafe]}}
""", "", {("W101", "contradictory-levels")}, id="W101-interval"),
    pytest.param(f"""
  - id: gap-beyond-target
    {REASON}
    when:
      all:
        - {{gap: digitalisering.knowledge, at_least: 2}}
        - {{level: digitalisering.knowledge, at_least: 4}}
    then: {{recommend: [cafe]}}
""", "", {("W101", "gap-beyond-target")}, id="W101-gap-vs-level"),
    pytest.param(f"""
  - id: role-and-not-role
    {REASON}
    when:
      all:
        - {{role: leader}}
        - not: {{role: [leader, superuser]}}
    then: {{recommend: [cafe]}}
""", "", {("W101", "role-and-not-role")}, id="W101-sets"),
    pytest.param(f"""
  - id: two-kinds
    {REASON}
    when:
      all:
        - {{subject: employee}}
        - {{subject: [organisation, sector]}}
    then: {{recommend: [cafe]}}
""", "", {("W101", "two-kinds")}, id="W101-scalars"),
    pytest.param(f"""
  - id: derives-ghost
    {REASON}
    when:
      all:
        - {{level: ledelse.skills, above: 4}}
        - {{level: ledelse.skills, below: 4}}
    then: {{derive: [ghost]}}
  - id: tests-ghost
    {REASON}
    when: {{need: ghost}}
    then: {{recommend: [cafe]}}
""", "", {("W101", "derives-ghost"), ("W102", "tests-ghost")}, id="W102-need-never-derived"),
    pytest.param("""
  - id: survey-again
    reason: {nb: Igjen., en: Again.}
    when: {gap: ledelse.abilities, at_least: 0.8}
    then:
      recommend: [{measure: survey, weight: 2}]
""", "", {("W103", "survey-again")}, id="W103-duplicate"),
    pytest.param(f"""
  - id: narrower-leadership
    {REASON}
    when:
      all:
        - {{gap: digitalisering.abilities, at_least: 1.5}}
        - {{share: digitalisering.evner, at_or_below: 2, at_least: 0.6}}
    then: {{derive: [digital-leadership]}}
""", "", {("W104", "narrower-leadership")}, id="W104-shadowed"),
    pytest.param(f"""
  - id: course-when-very-low
    {REASON}
    when: {{level: digitalisering.attitudes, below: 2.5}}
    then: {{recommend: [course]}}
""", "", {("W105", "course-when-very-low")}, id="W105-always-suppressed"),
    pytest.param(f"""
  - id: course-for-gap
    {REASON}
    when: {{gap: digitalisering.knowledge, at_least: 1}}
    then: {{recommend: [course]}}
""", "", {("I101", "course-for-gap")}, id="I101-overlap"),
    pytest.param(f"""
  - id: derives-unused
    {REASON}
    when: {{gap: ledelse.skills, at_least: 1}}
    then: {{derive: [nobody-asks]}}
""", "", {("W106", "derives-unused")}, id="W106-need-unused"),
    pytest.param("", """measures:
  - id: lonely
    title: {nb: Ensom, en: Lonely}
    description: {nb: Ingen regel., en: No rule.}
    sources: [{document: bindal-2024, section: "6"}]
    areas: [digitalisering]
    dimensions: [knowledge]
    strategy: develop
    format: course
    level: individual
    cost: low
""", {("W107", None)}, id="W107-measure-unreachable"),
    pytest.param("", """areas:
  - id: tverrfaglighet
    name: {nb: Tverrfaglighet, en: Cross-disciplinary work}
    targets: {knowledge: 3.5, skills: 3.5, abilities: 3.5, attitudes: 4.0}
""", {("W108", None)}, id="W108-area-without-rules"),
    pytest.param(f"""
  - id: for-the-board
    {REASON}
    when: {{gap: ledelse.skills, at_least: 1}}
    then: {{recommend: [board-only]}}
""", """measures:
  - id: board-only
    title: {nb: Bare styret, en: Board only}
    description: {nb: Roller uten virkning., en: Roles without effect.}
    sources: [{document: bindal-2024, section: "6"}]
    areas: [ledelse]
    dimensions: [skills]
    strategy: develop
    format: arena
    level: organisation
    cost: low
    audience: {subjects: [organisation, sector], roles: [leader]}
""", {("W109", None)}, id="W109-audience-roles-unused"),
]


@pytest.mark.parametrize(("rules", "catalogue", "expected"), CASES)
def test_planted_defect_is_found(tmp_path: Path, rules: str, catalogue: str,
                                 expected: set[tuple[str, str | None]]) -> None:
    report = check(*planted(tmp_path, rules, catalogue))
    assert codes(report.findings) == expected
    for finding in report.findings:
        assert finding.problem.file and finding.problem.file.endswith("zz-planted.yaml")
        assert finding.problem.line and finding.problem.line > 1
        assert finding.severity == CODES[finding.code][0]
        for lang in ("nb", "en"):
            text = finding.render(lang)
            assert "zz-planted.yaml:" in text and finding.code in text
            assert "lint-" not in text  # a real message, not a missing key
    strict_fails = any(f.severity == "warning" for f in report.findings)
    assert report.exit_code(strict=True) == int(strict_fails)
    assert report.exit_code() == 0


def test_line_points_at_the_planted_rule(tmp_path: Path) -> None:
    rules = f"""
  - id: fine
    {REASON}
    when: {{gap: ledelse.skills, at_least: 1}}
    then: {{recommend: [cafe]}}
  - id: dead
    {REASON}
    when: {{all: [{{respondents: {{at_least: 10}}}}, {{respondents: {{below: 5}}}}]}}
    then: {{recommend: [cafe]}}
"""
    report = check(*planted(tmp_path, rules))
    [dead] = [f for f in report.findings if f.code == "W101"]
    assert dead.problem.line == 7


def test_errors_are_reported_with_location_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = f"""
  - id: bad
    {REASON}
    when: {{gap: digitalisering.evner, at_least: 9}}
    then: {{recommend: [no-such-measure]}}
"""
    rules_dir, cat_dir = planted(tmp_path, rules)
    code = cli.main(["check", "--rules", str(rules_dir), "--catalogue", str(cat_dir),
                     "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "zz-planted.yaml:5:" in out and "error E002" in out
    assert "no-such-measure" in out
    assert out.rstrip().endswith("2 errors, 0 warnings, 0 notes")


def test_catalogue_errors_skip_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules_dir, cat_dir = planted(tmp_path, catalogue="areas:\n  - id: x\n    nam: {}\n")
    code = cli.main(["check", "--rules", str(rules_dir), "--catalogue", str(cat_dir),
                     "--lang", "nb"])
    out = capsys.readouterr().out
    assert code == 1
    assert "feil E001" in out and "reglene er ikke sjekket" in out


@pytest.mark.parametrize(("strict", "expected"), [(False, 0), (True, 1)])
def test_strict_makes_warnings_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    strict: bool, expected: int) -> None:
    rules_dir, cat_dir = planted(tmp_path, CASES[0].values[0])  # type: ignore[arg-type]
    argv = ["check", "--rules", str(rules_dir), "--catalogue", str(cat_dir), "--format", "json"]
    code = cli.main([*argv, "--strict"] if strict else argv)
    data = json.loads(capsys.readouterr().out)
    assert code == expected
    assert data["warnings"] == 1 and data["errors"] == 0
    [finding] = data["findings"]
    assert finding["code"] == "W101" and finding["rule"] == "contradictory-levels"
    assert finding["message"]["nb"] != finding["message"]["en"]


def test_output_is_deterministic(tmp_path: Path) -> None:
    paths = planted(tmp_path, CASES[8].values[0])  # type: ignore[arg-type]
    assert check(*paths).render("nb") == check(*paths).render("nb")


def test_bundled_rules_have_no_errors() -> None:
    report = check()
    assert report.count("error") == 0, report.render()


# --- invariants of the reasoning ----------------------------------------------------------------

FACT = "digitalisering.knowledge.level"
_ops = st.sampled_from([">=", "<=", ">", "<"])
_values = st.sampled_from([1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
_compare = st.builds(Compare, st.sampled_from([FACT, "ledelse.skills.level"]), _ops, _values)
_leaf = st.one_of(_compare, st.builds(NeedHeld, st.just("n")),
                  st.builds(Equals, st.just("attribute.x"), st.sampled_from([True, 1, "a"])))


def _tree(children: st.SearchStrategy[Condition]) -> st.SearchStrategy[Condition]:
    items = st.lists(children, min_size=1, max_size=3).map(tuple)
    return st.one_of(st.builds(AllOf, items), st.builds(AnyOf, items), st.builds(Not, children))


_conditions = st.recursive(_leaf, _tree, max_leaves=6)
_grid = [1.0 + 0.25 * i for i in range(17)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.booleans(), _compare.filter(lambda c: c.fact == FACT)),
                max_size=4))
def test_interval_reasoning_matches_brute_force(lits: list[tuple[bool, Compare]]) -> None:
    term = frozenset(lits)
    facts_options = [{}] + [{FACT: x} for x in _grid]
    brute = any(all(_holds(a, f, frozenset()) == p for p, a in term) for f in facts_options)
    assert consistent(term, frozenset()) == brute


@settings(max_examples=200, deadline=None)
@given(_conditions, st.fixed_dictionaries({}, optional={
    FACT: st.sampled_from(_grid), "ledelse.skills.level": st.sampled_from(_grid),
    "attribute.x": st.sampled_from([True, False, 1, 2, "a", "b"])}), st.booleans())
def test_never_fires_is_sound(cond: Condition, facts: dict[str, object], need: bool) -> None:
    """A condition lint calls impossible is false for every profile (no false alarms)."""
    rule = Rule(id="r", reason=None, when=cond, derives=("n",))  # type: ignore[arg-type]
    logic = Logic([rule])
    needs = frozenset({"n"}) if need else frozenset()
    if not logic.may_hold(cond, frozenset({"n"})):
        assert not _holds(cond, facts, needs)
    other = Compare(FACT, ">=", 3.0)
    if logic.implies(cond, other) and _holds(cond, facts, needs):
        assert _holds(other, facts, needs)


def test_large_conditions_are_not_reported() -> None:
    """Past the size limit the analysis answers 'may hold' rather than guessing."""
    wide = AllOf(tuple(AnyOf((Compare(FACT, ">=", 2.0), Compare(FACT, "<", 2.0),
                              NeedHeld("n"))) for _ in range(8)))
    assert Logic([]).may_hold(AllOf((wide, Compare(FACT, ">", 9.0))))
    with pytest.raises(_TooLarge):
        dnf(wide)
