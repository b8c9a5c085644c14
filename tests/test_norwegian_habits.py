"""Norwegian habits in rule files (issue #13): a decimal comma, ja/nei, YAML errors in the
user's language, "did you mean" for ids, and one broken file that does not cascade."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tiltak import load
from tiltak._i18n import message
from tiltak._yaml import parse_yaml
from tiltak.cli import main
from tiltak.errors import RuleError

from .conftest import EXAMPLES, MINI

RULES = (MINI / "rules" / "rules.yaml").read_text(encoding="utf-8")


def _rules(tmp_path: Path, text: str, extra: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(parents=True)
    (folder / "rules.yaml").write_text(text, encoding="utf-8")
    for name, content in (extra or {}).items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def _check(folder: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "--rules", str(folder), "--catalogue", str(MINI / "catalogue"),
                 "--lang", lang])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_decimal_comma_in_block_style_is_understood(tmp_path: Path) -> None:
    comma = RULES.replace("          at_least: 0.5", "          at_least: 0,5", 1)
    assert comma != RULES
    point = load(_rules(tmp_path / "a", RULES), MINI / "catalogue")
    understood = load(_rules(tmp_path / "b", comma), MINI / "catalogue")
    assert [r.when for r in understood.rules.rules] == [r.when for r in point.rules.rules]


@pytest.mark.parametrize(("lang", "expected"), [
    ("nb", "«5» ser ut som desimalene i 1,5: inne i { } skiller komma feltene; skriv 1.5"),
    ("en", "'5' looks like the decimals of 1,5: inside { } a comma separates the fields; "
           "write 1.5"),
])
def test_a_decimal_comma_in_braces_gets_the_fix(tmp_path: Path, lang: str, expected: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    text = RULES.replace("{level: digitalisering.holdninger, below: 3}",
                         "{level: digitalisering.holdninger, below: 1,5}")
    code, out = _check(_rules(tmp_path, text), lang, capsys)
    assert code == 1
    assert expected in out
    assert "hører ikke til" not in out and "does not belong" not in out


@pytest.mark.parametrize("word", ["ja", "nei", "Ja", "yes", "no", "on"])
def test_ja_nei_where_a_boolean_is_meant_is_refused_with_the_fix(
        tmp_path: Path, word: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = RULES.replace("{attribute: wants_leader_tasks, equals: true}",
                         f"{{attribute: wants_leader_tasks, equals: {word}}}")
    code, out = _check(_rules(tmp_path, text), "nb", capsys)
    assert code == 1
    assert f"«{word}» er tekst, ikke ja/nei: skriv true eller false" in out
    assert "rules.yaml:" in out


def test_quoted_ja_is_text_on_purpose(tmp_path: Path) -> None:
    text = RULES.replace("{attribute: wants_leader_tasks, equals: true}",
                         '{attribute: wants_leader_tasks, in: ["ja", "nei"]}')
    load(_rules(tmp_path, text), MINI / "catalogue")  # no error


@pytest.mark.parametrize(("text", "nb"), [
    ("a: b: c\n", "kolon (:) er ikke tillatt her"),
    ("a: [1, 2\n", "forventet «,» eller «]»"),
    ("a: {x: 1\n", "forventet «,» eller «}»"),
    ("a:\n\t- 1\n", "bruk mellomrom"),
    ('a: "open\n', "anførselstegn"),
    ("a: 1\n b: 2\n", "kolon (:)"),
    ("- a\nb: 1\n", "fant ikke forventet"),
    ("a: *nope\n", "alias"),
])
def test_yaml_syntax_errors_in_norwegian(text: str, nb: str) -> None:
    _, problems = parse_yaml(text, "f.yaml")
    assert problems, text
    rendered = problems[0].render("nb")
    assert nb in rendered, rendered
    assert "YAML-leserens tekst" not in rendered  # no English problem text left over


def test_every_known_yaml_problem_text_has_a_norwegian_form() -> None:
    for english in ("mapping values are not allowed here",
                    "mapping values are not allowed in this context", "could not find expected ':'",
                    "did not find expected key", "found unexpected end of stream",
                    "did not find expected '-' indicator", "found undefined alias"):
        nb = message("yaml-syntax", "nb", problem=english)
        assert english not in nb and nb.startswith("YAML-feil: ")


def test_one_broken_file_does_not_cascade(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    # The need digital-leadership is derived in one file and tested in another; a syntax
    # error in the first must be the only error, not also "need not derived by any rule".
    deriving, testing = RULES.split("  - id: leadership-need")
    testing = "rules:\n  - id: leadership-need" + testing
    broken = deriving.replace("derive: [digital-leadership]", "derive: [digital-leadership")
    folder = _rules(tmp_path, broken, {"zz-tests.yaml": testing})
    code, out = _check(folder, "en", capsys)
    assert code == 1
    errors = [line for line in out.splitlines() if "error" in line and "rules.yaml" in line]
    assert len(errors) == 1, out
    assert "not derived" not in out


def test_a_broken_rule_does_not_cascade_into_its_need(tmp_path: Path) -> None:
    text = RULES.replace("        - {measure: strategy, weight: 2}",
                         "        - {measure: strategy, weight: 2, colour: red}")
    with pytest.raises(RuleError) as info:
        load(_rules(tmp_path, text), MINI / "catalogue")
    keys = [p.key for p in info.value.problems]
    assert keys == ["v-extra"]


@pytest.mark.parametrize(("old", "new", "near"), [
    ("measure: arena", "measure: arenaa", "arena"),
    ("role: leader", "role: leadr", "leader"),
    ("level: ledelse.abilities", "level: ledelse.abilitis", "abilities"),
    ("gap: digitalisering.evner", "gap: digitaliseing.evner", "digitalisering"),
    ("formats: [course]", "formats: [cours]", "course"),
    ("need: digital-leadership", "need: digital-leadershp", "digital-leadership"),
    ("{level: digitalisering.holdninger, below: 3}",
     "{levle: digitalisering.holdninger, below: 3}", "level"),
])
def test_did_you_mean_for_ids_in_rules(tmp_path: Path, old: str, new: str, near: str) -> None:
    assert old in RULES
    with pytest.raises(RuleError) as info:
        load(_rules(tmp_path, RULES.replace(old, new, 1)), MINI / "catalogue")
    assert f"(did you mean '{near}'" in info.value.render("en")
    assert f"(mente du «{near}»" in info.value.render("nb")


def test_did_you_mean_for_ids_in_profiles(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"format": "tiltak.profile/1", "subject": {"kind": "employee", '
                       '"roles": ["leadr"]}, "competence": {}}', encoding="utf-8")
    assert main(["suggest", str(profile), "--rules", str(MINI / "rules"), "--catalogue",
                 str(MINI / "catalogue"), "--lang", "nb"]) == 1
    assert "(mente du «leader»?)" in capsys.readouterr().err


def test_did_you_mean_for_a_survey_definition_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey", "ksa",
                 "--lang", "nb"]) == 1
    assert "(mente du «ksaa»?)" in capsys.readouterr().err


def test_one_broken_catalogue_file_does_not_cascade(tmp_path: Path) -> None:
    from tiltak.catalogue import load_catalogue
    from tiltak.errors import CatalogueError

    from .conftest import ROOT

    folder = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", folder)
    # The file defining measures others name as prerequisites gets a YAML syntax error.
    victim = sorted(folder.glob("*.yaml"))[4]
    lines = victim.read_text(encoding="utf-8").splitlines()
    lines[4] += " :: ["
    victim.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder)
    assert [p.key for p in info.value.problems] == ["yaml-syntax"]


def test_unknown_catalogue_reference_in_norwegian(tmp_path: Path) -> None:
    from tiltak.catalogue import load_catalogue
    from tiltak.errors import CatalogueError

    from .conftest import ROOT

    folder = tmp_path / "catalogue"
    shutil.copytree(ROOT / "catalogue", folder)
    path = folder / "30-drammen-2021.yaml"
    text = path.read_text(encoding="utf-8")
    assert "prerequisites: [prosesskart-kompetanseplaner]" in text
    path.write_text(text.replace("prerequisites: [prosesskart-kompetanseplaner]",
                                 "prerequisites: [prosesskart-kompetanseplan]"), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder)
    assert ("ukjent tiltak «prosesskart-kompetanseplan» (mente du «prosesskart-kompetanseplaner»?)"
            in info.value.render("nb"))
