"""The exports municipalities have (#13 part 2): numerically coded answers, a second header
row, drafting a definition from an export, many failing cells summarised, and KS'
10-FAKTOR means per unit. End to end through the CLI, in both languages."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml

from tiltak.cli import main
from tiltak.profile import load_profile
from tiltak.survey import import_survey, load_definition

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "examples" / "survey-ksaa.csv"
KSAA = ROOT / "surveys" / "ksaa.yaml"
TENFACTOR = ROOT / "examples" / "10-faktor-enheter.csv"
CODES = {"Helt uenig": "1", "Nokså uenig": "2", "Verken enig eller uenig": "3",
         "Nokså enig": "4", "Helt enig": "5", "Vet ikke": "9"}


def _rows() -> tuple[list[str], list[list[str]]]:
    with EXPORT.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def _competence(profile_text: str) -> tuple[object, object]:
    data = json.loads(profile_text)
    return data["competence"], data["segments"]


@pytest.fixture(scope="module")
def reference() -> tuple[object, object]:
    return _competence(import_survey(EXPORT, "ksaa").to_json())


@pytest.fixture
def numeric(tmp_path: Path) -> Path:
    header, data = _rows()
    return _write(tmp_path / "tall.csv", [header] + [[CODES.get(c, c) for c in r] for r in data],
                  ";")


def _with_codes(tmp_path: Path, codes: str) -> Path:
    text = KSAA.read_text(encoding="utf-8")
    text = text.replace("      Vet ikke: null\n", f"      Vet ikke: null\n    codes: {codes}\n", 1)
    path = tmp_path / "ksaa-tall.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("codes", ["{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 9: null}"])
def test_numerically_coded_export_becomes_the_same_profile(
        numeric: Path, tmp_path: Path, lang: str, codes: str, reference: tuple[object, object],
        capsys: pytest.CaptureFixture[str]) -> None:
    definition = _with_codes(tmp_path, codes)
    assert main(["survey", str(numeric), "--survey", str(definition), "--lang", lang]) == 0
    out, _ = capsys.readouterr()
    assert _competence(out) == reference


def test_code_range_shorthand(tmp_path: Path) -> None:
    definition = load_definition(_with_codes(tmp_path, "1-5"))
    assert definition.scales["enighet"].codes == {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}


@pytest.mark.parametrize(("lang", "words"), [("nb", "codes: 1-5"), ("en", "codes: 1-5")])
def test_numbers_without_codes_give_one_message_with_the_cause(
        numeric: Path, lang: str, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["survey", str(numeric), "--survey", "ksaa", "--lang", lang]) == 1
    _, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) <= 3                      # not one line per cell (1,600+ of them)
    assert words in err and re.search(r"\b1[0-9]{3}\b", err)   # how many, in one line


@pytest.mark.parametrize("where", ["below", "above"])
@pytest.mark.parametrize(("lang", "words"), [("nb", "rad 2"), ("en", "row 2")])
def test_export_with_two_header_rows_becomes_the_same_profile(
        tmp_path: Path, where: str, lang: str, words: str, reference: tuple[object, object],
        capsys: pytest.CaptureFixture[str]) -> None:
    header, data = _rows()
    second = ["Respondent" if i == 0 else f"Q{i}" for i in range(len(header))]
    rows = [header, second, *data] if where == "below" else [second, header, *data]
    export = _write(tmp_path / "to-rader.csv", rows)
    assert main(["survey", str(export), "--survey", "ksaa", "--lang", lang]) == 0
    out, err = capsys.readouterr()
    assert _competence(out) == reference
    assert words in err                         # says which row it read as a header


def test_header_row_in_the_definition(tmp_path: Path, reference: tuple[object, object]) -> None:
    header, data = _rows()
    export = _write(tmp_path / "tittel.csv", [["Kartlegging 2025"], [""], header, *data])
    text = KSAA.read_text(encoding="utf-8").replace("minimum_group: 5",
                                                    "header_row: 3\nminimum_group: 5")
    definition = tmp_path / "ksaa-rad3.yaml"
    definition.write_text(text, encoding="utf-8")
    assert _competence(import_survey(export, definition).to_json()) == reference


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_many_unknown_answers_in_a_column_are_one_message(
        tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    header, data = _rows()
    col = header.index("Hvilken sektor arbeider du i?")
    rows = [header] + [[("Sektor " + c if i == col else c) for i, c in enumerate(r)]
                       for r in data]
    export = _write(tmp_path / "sektor.csv", rows)
    assert main(["survey", str(export), "--survey", "ksaa", "--lang", lang]) == 1
    _, err = capsys.readouterr()
    assert len([line for line in err.splitlines() if line.strip()]) <= 2
    assert "97" in err and "Sektor Helse og velferd" in err


# -- tiltak survey init ---------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "fill"), [("nb", "FYLL INN"), ("en", "FILL IN")])
def test_init_drafts_a_definition_that_loads_once_filled_in(
        tmp_path: Path, lang: str, fill: str, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "utkast.yaml"
    assert main(["survey", "init", str(EXPORT), "-o", str(draft), "--lang", lang]) == 0
    text = draft.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert fill in text
    assert len(data["questions"]) == 18
    assert all(q["scale"] == "enighet" for q in data["questions"])
    assert data["scales"]["enighet"]["options"]["Vet ikke"] is None
    assert data["scales"]["enighet"]["options"]["Helt enig"] == 5
    assert data["respondent_id"] == "ID"
    assert {b["column"] for b in data["background"]} == \
        {b.column for b in load_definition(KSAA).background}
    assert "E-post" in text.split("background:")[1]          # listed as not used
    # unfinished, it does not load, and says where
    assert main(["survey", str(EXPORT), "--survey", str(draft), "--lang", lang]) == 1
    _, err = capsys.readouterr()
    assert "fyll-inn" in err and "utkast.yaml:" in err
    # filled in (here mechanically), it does
    filled = text.replace("area: fyll-inn", "area: digitalisering") \
        .replace("dimension: fyll-inn", "dimension: kunnskaper") \
        .replace("by: sector", "by: sektor").replace("by: role", "by: personalansvar")
    draft.write_text(filled, encoding="utf-8")
    assert main(["survey", str(EXPORT), "--survey", str(draft), "-q"]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out)["respondents"] == 97


def test_init_on_a_numeric_export_declares_codes(numeric: Path, tmp_path: Path) -> None:
    draft = tmp_path / "utkast.yaml"
    assert main(["survey", "init", str(numeric), "-o", str(draft), "-q"]) == 0
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["scales"]["tall"]["codes"] == {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 9: None}


def test_survey_needs_a_definition_or_init(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["survey", str(EXPORT), "--lang", "en"])
    assert exc.value.code == 2
    assert "survey init" in capsys.readouterr().err


# -- KS 10-FAKTOR -----------------------------------------------------------------------------


def _factor_table() -> list[dict[str, str]]:
    with TENFACTOR.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _mapping() -> dict[str, tuple[str, str]]:
    data = yaml.safe_load((ROOT / "surveys" / "10-faktor.yaml").read_text(encoding="utf-8"))
    names = {"kunnskaper": "knowledge", "ferdigheter": "skills", "evner": "abilities",
             "holdninger": "attitudes"}
    return {f["columns"][0]: (f["area"], names[f["dimension"]]) for f in data["factors"]}


@pytest.mark.parametrize(("lang", "words"), [("nb", "færre enn 3 svar"),
                                             ("en", "fewer than 3 respondents")])
def test_tenfactor_units_become_profiles(lang: str, words: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["survey", str(TENFACTOR), "--survey", "10-faktor", "--lang", lang]) == 0
    out, err = capsys.readouterr()
    profiles = [json.loads(line) for line in out.splitlines()]
    table = _factor_table()
    kept = [r for r in table if int(r["Antall svar"]) >= 3]
    assert [p["subject"]["name"] for p in profiles] == [r["Enhet"] for r in kept]
    assert len(kept) < len(table) and words in err
    mapping = _mapping()
    for profile, row in zip(profiles, kept, strict=True):
        assert profile["subject"]["kind"] == "unit"
        assert profile["respondents"] == int(row["Antall svar"])
        for column, (area, dim) in mapping.items():
            # no two factors share an area and dimension in the bundled mapping
            assert profile["competence"][area][dim]["level"] == \
                float(row[column].replace(",", "."))


def test_tenfactor_profiles_to_a_directory_work_with_suggest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "profiler"
    assert main(["survey", str(TENFACTOR), "--survey", "10-faktor", "-o", f"{out_dir}/",
                 "-q"]) == 0
    files = sorted(out_dir.glob("*.json"))
    assert [f.stem for f in files] == sorted(["boen-sykehjem", "hjemmetjenesten-sor",
                                              "nordbygda-skole", "teknisk-drift",
                                              "barnehagen-solsiden"])
    for f in files:
        load_profile(f)
    capsys.readouterr()
    assert main(["suggest", str(files[0])]) == 0


def test_tenfactor_without_counts_warns_and_bad_means_are_located(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [line.split(";") for line in TENFACTOR.read_text(encoding="utf-8").splitlines()]
    no_counts = _write(tmp_path / "uten-antall.csv", [[c for i, c in enumerate(r) if i != 1]
                                                      for r in rows], ";")
    assert main(["survey", str(no_counts), "--survey", "10-faktor", "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == len(rows) - 1 and "cannot be checked" in err
    rows[3][4] = "6,1"
    bad = _write(tmp_path / "feil.csv", rows, ";")
    assert main(["survey", str(bad), "--survey", "10-faktor", "--lang", "nb"]) == 1
    _, err = capsys.readouterr()
    assert "feil.csv:4:5" in err and "6,1" in err


@pytest.mark.parametrize("invisible", ["\ufeff", "\u200b", "\u200d", "\u2060", "\u00ad"],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_in_headers_and_answers_do_not_matter(
        invisible: str, tmp_path: Path, reference: tuple[object, object]) -> None:
    """An export whose texts carry a character that shows as nothing (a stray byte-order
    mark at the start, a zero-width space or a soft hyphen typed into a header or answer)
    gives the same profile as the clean export: the reader cannot see the difference."""
    header, rows = _rows()
    header = [invisible + header[0]] + [h.replace(" ", " " + invisible, 1) for h in header[1:]]
    rows = [[cell[:2] + invisible + cell[2:] if len(cell) > 3 and not cell.isdigit() else cell
             for cell in row] for row in rows]
    path = _write(tmp_path / "export.csv", [header, *rows])
    assert _competence(import_survey(path, "ksaa").to_json()) == reference


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"], ids=["windows", "unix", "old-mac"])
def test_any_line_ending_and_delimiter_gives_the_same_profile(
        tmp_path: Path, reference: tuple[object, object], ending: str, delimiter: str) -> None:
    """Excel for Mac still offers 'CSV (Macintosh)', whose lines end in a carriage return
    alone; such an export read as one long header row, every column 'missing'."""
    header, rows = _rows()
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=delimiter, lineterminator=ending).writerows([header, *rows])
    assert _competence(import_survey(path, "ksaa").to_json()) == reference
