"""Bad rules, catalogues and profiles give located errors, every problem at once."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

import tiltak
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.errors import CatalogueError, ProfileError, RuleError
from tiltak.profile import load_profile, parse_profile
from tiltak.rules import load_rules

from .conftest import MINI

GOOD_RULE = """\
  - id: ok
    reason: {nb: Ja., en: Yes.}
    when: {gap: digitalisering.evner, at_least: 1}
    then: {recommend: [arena]}
"""

# (name, rule text (indented list items), line within the text (0: any), message fragment)
RULE_CASES: list[tuple[str, str, int, str]] = [
    ("duplicate key", """\
  - id: a
    id: b
    reason: {nb: Ja., en: Yes.}
    then: {recommend: [arena]}
""", 2, "duplicate key 'id'"),
    ("unknown field", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    weight: 3
    then: {recommend: [arena]}
""", 3, "unknown field 'weight'"),
    ("unknown area", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {gap: digitalsering.evner, at_least: 1}
    then: {recommend: [arena]}
""", 3, "unknown competence area 'digitalsering'"),
    ("unknown dimension", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {gap: digitalisering.motivasjon, at_least: 1}
    then: {recommend: [arena]}
""", 3, "unknown dimension 'motivasjon'"),
    ("unknown measure", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    then: {recommend: [arenaen]}
""", 3, "unknown measure 'arenaen'"),
    ("unknown need", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {need: noe}
    then: {recommend: [arena]}
""", 3, "need 'noe' is not derived by any rule"),
    ("unknown role", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {role: sjef}
    then: {recommend: [arena]}
""", 3, "unknown role 'sjef'"),
    ("wrong type", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {level: ledelse.evner, at_least: mye}
    then: {recommend: [arena]}
""", 3, "expected a number, found mye"),
    ("level of 6", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {level: ledelse.evner, at_least: 6}
    then: {recommend: [arena]}
""", 3, "6.0 is outside the level scale 1-5"),
    ("share of 1.5", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {share: ledelse.evner, at_or_below: 2, at_least: 1.5}
    then: {recommend: [arena]}
""", 3, "1.5 is not a share between 0 and 1"),
    ("share level 7", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {share: ledelse.evner, at_or_below: 7, at_least: 0.5}
    then: {recommend: [arena]}
""", 3, "7 is outside the level scale 1-5"),
    ("impossible range", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {level: ledelse.evner, at_least: 3, at_most: 2}
    then: {recommend: [arena]}
""", 3, "can never hold"),
    ("missing english reason", """\
  - id: a
    reason: {nb: Ja.}
    then: {recommend: [arena]}
""", 2, "the reason is missing in language 'en'"),
    ("two condition kinds", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    when: {level: ledelse.evner, gap: ledelse.evner, at_least: 1}
    then: {recommend: [arena]}
""", 3, "a condition must have exactly one of"),
    ("empty then", """\
  - id: a
    reason: {nb: Ja., en: Yes.}
    then: {}
""", 3, "the rule does nothing"),
    ("python tag", """\
  - id: a
    reason: !!python/object/apply:os.system ["echo hacked"]
    then: {recommend: [arena]}
""", 2, "not allowed; rules are data, not code"),
    ("duplicate rule id", """\
  - id: ok
    reason: {nb: Ja., en: Yes.}
    then: {recommend: [arena]}
""", 1, "rule id 'ok' is used twice"),
    ("yaml syntax", """\
  - id: a
    reason: {nb: Ja., en: Yes.
    then: {recommend: [arena]}
""", 0, "YAML syntax error"),
]


def write_rules(directory: Path, body: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "rules.yaml"
    path.write_text("rules:\n" + GOOD_RULE + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "line", "fragment"), [c[1:] for c in RULE_CASES],
                         ids=[c[0] for c in RULE_CASES])
def test_rule_error_is_located(tmp_path: Path, mini_catalogue: Catalogue, body: str, line: int,
                               fragment: str) -> None:
    path = write_rules(tmp_path, body)
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path, mini_catalogue)
    text = info.value.render("en")
    assert fragment in text
    hit = next(row for row in text.splitlines() if fragment in row)
    match = re.match(rf"{re.escape(str(path))}:(\d+):(\d+): ", hit)
    assert match, hit
    if line:
        assert int(match.group(1)) == line + GOOD_RULE.count("\n") + 1
    assert info.value.render("nb") != text  # Norwegian too


def test_all_rule_problems_are_reported_together(tmp_path: Path,
                                                 mini_catalogue: Catalogue) -> None:
    body = "".join(case[1].replace("id: a", f"id: a{i}").replace("id: ok", "id: ok")
                   for i, case in enumerate(RULE_CASES[:13]))
    write_rules(tmp_path, body)
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path, mini_catalogue)
    assert len(info.value.problems) >= 13


def test_need_cycle_is_named(tmp_path: Path, mini_catalogue: Catalogue) -> None:
    (tmp_path / "r.yaml").write_text(textwrap.dedent("""\
        rules:
          - id: x
            reason: {nb: X., en: X.}
            when: {need: b}
            then: {derive: a}
          - id: y
            reason: {nb: Y., en: Y.}
            when: {need: a}
            then: {derive: b, recommend: [arena]}
        """), encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path, mini_catalogue)
    text = info.value.render("en")
    assert "needs depend on each other in a cycle" in text
    assert re.search(r"a -> b -> a|b -> a -> b", text)


def test_rules_directory_missing(mini_catalogue: Catalogue, tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="directory not found"):
        load_rules(tmp_path / "nope", mini_catalogue)


# --- catalogue ---------------------------------------------------------------------------------

def test_catalogue_problems_are_located_and_collected(tmp_path: Path) -> None:
    source = (MINI / "catalogue" / "catalogue.yaml").read_text(encoding="utf-8")
    broken = (
        source.replace("    targets: {knowledge: 3.5, skills: 3.5, abilities: 3.5, "
                       "attitudes: 4.0}",
                       "    targets: {knowledge: 6, skills: 3.5, abilities: 3.5, "
                       "attitudes: 4.0}", 1)
        .replace("    format: cafe\n", "    format: kaffe\n", 1)
        .replace("    prerequisites: [strategy]\n", "    prerequisites: [strategi]\n", 1)
        .replace("  - id: leader\n", "  - id: helse\n", 1)
    )
    (tmp_path / "c.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    text = info.value.render("en")
    for fragment in ("6 is above 5\n", "'kaffe' is not valid", "unknown measure 'strategi'",
                     "role 'helse' is defined twice"):
        assert fragment in text, text
    for row in text.splitlines():
        assert re.match(rf"{re.escape(str(tmp_path / 'c.yaml'))}:\d+:\d+: ", row), row


# --- profiles ----------------------------------------------------------------------------------

def profile_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "tiltak.profile/1",
        "subject": {"kind": "organisation", "id": "x"},
        "competence": {"digitalisering": {"evner": {"level": 2.0}}},
    }
    data.update(changes)
    return data


PROFILE_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("level above 5", profile_data(competence={"digitalisering": {"evner": {"level": 7}}}),
     "competence.digitalisering.evner.level: 7 is above 5"),
    ("level below 1", profile_data(competence={"ledelse": {"skills": {"level": 0.5}}}),
     "competence.ledelse.skills.level: 0.5 is below 1"),
    ("unknown dimension", profile_data(competence={"ledelse": {"mot": {"level": 3}}}),
     "competence.ledelse.mot: unknown dimension 'mot'"),
    ("dimension twice", profile_data(competence={"ledelse": {"evner": {"level": 3},
                                                            "abilities": {"level": 3}}}),
     "competence.ledelse: dimension abilities is given twice"),
    ("distribution sum", profile_data(competence={"ledelse": {"skills": {
        "level": 3, "distribution": [0.5, 0.5, 0.5, 0, 0]}}}),
     "competence.ledelse.skills.distribution: the shares add up to 1.5"),
    ("distribution length", profile_data(competence={"ledelse": {"skills": {
        "level": 3, "distribution": [0.5, 0.5]}}}),
     "competence.ledelse.skills.distribution"),
    ("unknown top-level key", profile_data(extra=1), "extra: unknown field 'extra'"),
    ("missing subject", {"format": "tiltak.profile/1"}, "subject: missing"),
    ("wrong format", profile_data(format="tiltak.profile/9"), "unknown format 'tiltak.profile/9'"),
    ("bad kind", profile_data(subject={"kind": "kommune"}), "subject.kind: 'kommune' is not valid"),
    ("respondents negative", profile_data(respondents=-1), "respondents: -1 is below 0"),
    ("segment level", profile_data(segments=[{"by": "a", "value": "b", "competence": {
        "ledelse": {"skills": {"level": 9}}}}]),
     "segments[0].competence.ledelse.skills.level: 9 is above 5"),
    ("avoid format", profile_data(context={"avoid_formats": ["kurs"]}),
     "context.avoid_formats[0]: 'kurs' is not valid"),
]


@pytest.mark.parametrize(("data", "fragment"), [c[1:] for c in PROFILE_CASES],
                         ids=[c[0] for c in PROFILE_CASES])
def test_profile_error_names_json_path(data: dict[str, Any], fragment: str) -> None:
    with pytest.raises(ProfileError) as info:
        load_profile(data)
    assert fragment in info.value.render("en")
    assert info.value.render("nb")


@pytest.mark.parametrize(("data", "fragment"), [
    (profile_data(competence={"okonomi": {"skills": {"level": 3}}}),
     "competence.okonomi: unknown competence area 'okonomi'"),
    (profile_data(context={"sectors": ["helse", "skole"]}),
     "context.sectors[1]: unknown sector 'skole'"),
    (profile_data(context={"running_measures": ["kaffe"]}),
     "context.running_measures[0]: unknown measure 'kaffe'"),
    (profile_data(subject={"kind": "employee", "roles": ["sjef"]}),
     "subject.roles[0]: unknown role 'sjef'"),
])
def test_profile_checked_against_catalogue(mini_engine: tiltak.Engine, data: dict[str, Any],
                                           fragment: str) -> None:
    with pytest.raises(ProfileError) as info:
        mini_engine.suggest(data)
    assert fragment in info.value.render("en")


@pytest.mark.parametrize(("text", "fragment"), [
    ('{"format": "tiltak.profile/1",', "p.json:1:31: invalid JSON"),
    ('{"format": "tiltak.profile/1", "format": "x"}', "duplicate key 'format'"),
    ('{"format": "tiltak.profile/1", "respondents": NaN}', "NaN"),
    ("[1, 2]", "a profile must be a JSON object"),
])
def test_profile_json_problems(text: str, fragment: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(text, source="p.json")
    rendered = info.value.render("en")
    assert fragment in rendered
    assert rendered.startswith("p.json")


def test_profile_sources_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = profile_data()
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    from_path = load_profile(path)
    assert load_profile(str(path)) == from_path
    assert load_profile(data) == from_path
    assert load_profile(json.dumps(data)) == from_path
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(data).encode())))
    assert load_profile("-") == from_path
    assert from_path.competence["digitalisering"]["abilities"].level == 2.0  # alias normalised


@pytest.mark.parametrize(("text", "value"), [
    ("a: Yes", "Yes"), ("a: no", "no"), ("a: on", "on"), ("a: N", "N"),
    ("a: true", True), ("a: False", False),
])
def test_only_true_and_false_are_booleans(text: str, value: object) -> None:
    # YAML 1.1 would read `no` (Norway) or `en: Yes` as booleans without a word.
    from tiltak._yaml import parse_yaml

    doc, problems = parse_yaml(text, "x.yaml")
    assert not problems and doc is not None
    assert doc.data == {"a": value}


def test_reason_that_is_not_text(tmp_path: Path, mini_catalogue: Catalogue) -> None:
    path = write_rules(tmp_path, "  - id: a\n    reason: {nb: Ja, en: 12}\n"
                                 "    then: {recommend: [arena]}\n")
    with pytest.raises(RuleError) as info:
        load_rules(tmp_path, mini_catalogue)
    assert f"{path}:7:" in info.value.render("en")
    assert "expected text, found 12" in info.value.render("en")
