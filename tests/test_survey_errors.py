"""Bad survey input never silently misreads: each case is a located error or a counted warning."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_survey import EXAMPLES, GEN, ROOT, ROWS
from tiltak.cli import main
from tiltak.errors import SurveyError
from tiltak.survey import import_survey, load_definition

DEF = ROOT / "surveys" / "ksaa.yaml"
Q0 = ROWS[0][9]   # the first competence question's column
ANSWER_COL = 10   # 1-based column of Q0


def _write(tmp_path: Path, rows: list[list[str]], **kwargs: str) -> Path:
    path = tmp_path / "export.csv"
    GEN.write_csv(path, rows, **kwargs)
    return path


def _rows() -> list[list[str]]:
    return copy.deepcopy(ROWS)


def _drop_column(rows: list[list[str]], index: int) -> list[list[str]]:
    return [r[:index] + r[index + 1:] for r in rows]


def _error(path: Path, lang: str, capsys: pytest.CaptureFixture[str],
           *extra: str) -> str:
    code = main(["survey", str(path), "--survey", "ksaa", "--lang", lang, *extra])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    assert "Traceback" not in captured.err
    return captured.err


def test_missing_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, _drop_column(_rows(), 9))
    err = _error(path, "en", capsys)
    assert f"export.csv:1: column '{Q0}' (digitalisering.knowledge) is missing" in err


def test_renamed_column_suggests_the_close_one(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    rows[0][9] = Q0.replace("godt ", "")
    err = _error(_write(tmp_path, rows), "nb", capsys)
    assert "mangler i eksporten; mente du «Jeg kjenner til" in err


def test_header_case_and_spaces_do_not_matter(tmp_path: Path) -> None:
    rows = _rows()
    rows[0][9] = "  " + Q0.upper().replace(" ", "  ") + " "
    result = import_survey(_write(tmp_path, rows), "ksaa")
    assert result.profile.respondents == 97


def test_unknown_answer_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    rows[5][9] = "Kanskje"
    rows[7][5] = "Helse og omsorg"
    err = _error(_write(tmp_path, rows), "en", capsys)
    assert f"export.csv:6:{ANSWER_COL}: {Q0}: answer 'Kanskje' is not in the definition; " \
           "expected one of: «Helt uenig»" in err
    assert "export.csv:8:6: Hvilken sektor arbeider du i?: answer 'Helse og omsorg'" in err
    assert "2 problems" in err


def test_empty_rows_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    blank = [""] * len(rows[0])
    unanswered = rows[3][:9] + [""] * (len(rows[0]) - 9)
    unanswered[0] = "1001"
    rows[10:10] = [blank, blank]
    rows.append(unanswered)
    path = _write(tmp_path, rows)
    code = main(["survey", str(path), "--survey", "ksaa", "--lang", "en"])
    captured = capsys.readouterr()
    assert code == 0
    assert "97 responses used, 3 rows skipped" in captured.err
    assert "2 empty rows skipped" in captured.err
    assert "1 row with no answer to any competence question skipped" in captured.err
    assert captured.out == import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa").to_json()


def test_duplicate_respondent_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    rows[20][0] = rows[4][0]
    err = _error(_write(tmp_path, rows), "en", capsys)
    assert f"export.csv:21:1: ID: respondent id '{rows[4][0]}' appears twice (first on row 5)" \
        in err


def test_short_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    rows[3] = rows[3][:-2]
    err = _error(_write(tmp_path, rows), "en", capsys)
    assert "export.csv:4: the row has 25 fields but the header has 27" in err


@pytest.mark.parametrize(("encoding", "option", "expected"), [
    ("utf-8", "cp1252", "probably UTF-8 but was read as cp1252"),
    ("cp1252", "utf-8", "the text is not valid UTF-8: byte 0x"),
])
def test_wrong_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str,
                        option: str | None, expected: str) -> None:
    path = _write(tmp_path, _rows(), encoding=encoding)
    extra = ("--encoding", option) if option else ()
    err = _error(path, "en", capsys, *extra)
    assert expected in err


def test_xlsx_renamed_csv_and_broken_xlsx(tmp_path: Path) -> None:
    disguised = tmp_path / "export.csv"
    disguised.write_bytes((EXAMPLES / "survey-ksaa.xlsx").read_bytes())
    assert import_survey(disguised, "ksaa").profile.respondents == 97
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes((EXAMPLES / "survey-ksaa.xlsx").read_bytes()[:500])
    with pytest.raises(SurveyError) as info:
        import_survey(broken, "ksaa")
    assert "cannot read the Excel file" in str(info.value.render("en"))


def test_too_few_respondents(tmp_path: Path) -> None:
    with pytest.raises(SurveyError) as info:
        import_survey(_write(tmp_path, _rows()[:5]), "ksaa")
    assert "only 4 responses; at least 5" in info.value.render("en")


def test_minimum_below_three_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey", "ksaa",
              "--minimum", "2"])
    assert info.value.code == 2
    with pytest.raises(SurveyError):
        import_survey(EXAMPLES / "survey-ksaa.csv", "ksaa", minimum=2)


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda t: t.replace("    area: ledelse\n    dimension: kunnskaper",
                         "    area: ledelse\n    area: ledelse\n    dimension: kunnskaper", 1),
     ":55:5: questions[6].area: duplicate key 'area' (first on line 54)"),
    (lambda t: t.replace("area: tverrfaglighet", "area: tverfaglighet", 1),
     "questions[12].area: unknown competence area 'tverfaglighet'"),
    (lambda t: t.replace("minimum_group: 5", "minimum_group: 2"),
     ":14:16: minimum_group: the minimum group must be at least 3"),
    (lambda t: t.replace("scale: enighet", "scale: enig", 1),
     ":31:12: questions[0].scale: unknown answer scale 'enig'"),
    (lambda t: t.replace("dimension: evner", "dimension: kompetanse", 1),
     "questions[2].dimension: 'kompetanse' is not valid"),
    (lambda t: t.replace("- id: stab", "- id: staben"),
     "background[0].values[4].id: unknown sector 'staben'"),
    (lambda t: t.replace("answers: [Nei]", "answers: [Ja]"),
     "answer 'Ja' is listed twice"),
])
def test_definition_errors_are_located(tmp_path: Path, edit: object, expected: str) -> None:
    text = DEF.read_text(encoding="utf-8")
    changed = edit(text)  # type: ignore[operator]
    assert changed != text
    path = tmp_path / "def.yaml"
    path.write_text(changed, encoding="utf-8")
    from tiltak.catalogue import load_catalogue

    with pytest.raises(SurveyError) as info:
        load_definition(path, load_catalogue(ROOT / "catalogue"))
    assert expected in info.value.render("en")


def test_unknown_definition_name(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey", "nosuch",
                 "--lang", "nb"])
    err = capsys.readouterr().err
    assert code == 1
    assert "finner ikke kartleggingsdefinisjonen «nosuch»; medfølgende: 10-faktor, ksaa" in err


def test_error_through_subprocess(tmp_path: Path) -> None:
    rows = _rows()
    rows[5][9] = "Kanskje"
    path = _write(tmp_path, rows, delimiter=";")
    proc = subprocess.run(
        [sys.executable, "-m", "tiltak", "survey", str(path), "--survey", str(DEF),
         "--lang", "nb"], capture_output=True, text=True,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert f"export.csv:6:{ANSWER_COL}: {Q0}: svaret «Kanskje» står ikke i definisjonen" \
        in proc.stderr
    assert "Traceback" not in proc.stderr
