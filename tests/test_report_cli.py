"""``tiltak report`` end to end: survey export or profile in, document out, errors located."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from tiltak.cli import main

ROOT = Path(__file__).resolve().parent.parent
BINDAL = ROOT / "examples" / "bindal-organisasjon.json"
SURVEY = ROOT / "examples" / "survey-ksaa.csv"
SURVEY_2025 = ROOT / "examples" / "survey-ksaa-2025.csv"


def test_survey_export_to_word_and_html_in_norwegian(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    code = main(["report", str(SURVEY), "--survey", "ksaa", "--name", "Bindal kommune",
                 "--lang", "nb", "-o", str(tmp_path / "plan.docx"), "-o",
                 str(tmp_path / "plan.html")])
    assert code == 0
    err = capsys.readouterr().err
    assert "97 svar brukt" in err
    html = (tmp_path / "plan.html").read_text("utf-8")
    assert "<h1>Kompetanseplan for Bindal kommune</h1>" in html
    assert "Forskjeller mellom grupper" in html
    doc = docx.Document(str(tmp_path / "plan.docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Sammendrag", "Hva kompetanse betyr her", "Analyse: nivå mot mål",
                        "Tiltakene", "Planen", "Oppfølging og evaluering", "Vedlegg: metode"]


def test_format_option_overrides_suffix_and_limits_are_used(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "plan.data"
    assert main(["report", str(BINDAL), "--format", "xlsx", "--budget", "200000",
                 "--lang", "en", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    budget = wb["Budget"]
    assert budget["B3"].value == 200000
    assert budget["C3"].value <= 200000
    assert "Left out" in wb.sheetnames


def test_calendar_and_money_per_year(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "plan.xlsx"
    assert main(["report", str(BINDAL), "--start", "2027-03", "--years", "3",
                 "--budget-per-year", "150000", "--lang", "en", "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    years = wb["Per year"]
    assert [years.cell(row=r, column=1).value for r in range(3, years.max_row + 1)] == [
        "2027/28", "2028/29", "2029/30"]
    for r in range(3, years.max_row + 1):
        assert years.cell(row=r, column=3).value <= 150000
    plan = wb["Plan"]
    assert all(str(plan.cell(row=r, column=1).value) >= "2027-03"
               for r in range(3, plan.max_row + 1))


def test_change_since_last_year_is_shown_with_previous(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "plan.xlsx"
    assert main(["report", str(SURVEY_2025), "--survey", "ksaa", "--id", "bindal",
                 "--previous", str(SURVEY), "--lang", "en", "-q", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["Change"]
    verdicts = {ws.cell(row=r, column=6).value for r in range(3, ws.max_row + 1)}
    assert "improved" in verdicts and "no clear change" in verdicts
    html = tmp_path / "plan.html"
    assert main(["report", str(SURVEY_2025), "--survey", "ksaa", "--id", "bindal",
                 "--previous", str(SURVEY), "--lang", "nb", "-q", "-o", str(html)]) == 0
    text = html.read_text("utf-8")
    assert "Endring siden forrige kartlegging" in text
    assert 'id="figure-change"' in text


@pytest.mark.parametrize("args", [
    ["-o", "plan.pdf"],                       # no format from the suffix
    ["--format", "pdf", "-o", "plan.html"],   # not a report format
    ["--date", "15.01.2026", "-o", "plan.html"],
    ["--format", "html", "-o", "plan.html", "-o", "plan.docx"],
    [],                                       # -o is required
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["report", str(BINDAL), *[str(tmp_path / a) if a.startswith("plan.") else a
                                       for a in args]])
    assert info.value.code == 2


def test_bad_profile_is_a_located_error_and_leaves_the_old_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tiltak.profile/1", "subject": {"kind": "organisation"}, '
                   '"competence": {"ledelse": {"skills": {"level": 9}}}}', "utf-8")
    out = tmp_path / "plan.html"
    out.write_text("old", "utf-8")
    assert main(["report", str(bad), "--lang", "nb", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.json: competence.ledelse.skills.level: 9 er over 5" in err
    assert "Traceback" not in err
    assert out.read_text("utf-8") == "old"


def test_bad_survey_export_names_the_file(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "export.csv"
    export.write_text("a;b\n1;2\n", "utf-8")
    assert main(["report", str(export), "--survey", "ksaa", "-o",
                 str(tmp_path / "plan.html")]) == 1
    assert "export.csv" in capsys.readouterr().err


def test_the_clis_copy_of_the_formats_equals_the_librarys() -> None:
    from tiltak.cli import report as command
    from tiltak.report import REPORT_FORMATS

    assert command.REPORT_FORMATS == REPORT_FORMATS


def test_same_command_gives_same_bytes_in_a_subprocess(tmp_path: Path) -> None:
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / f"{run}.xlsx"
        subprocess.run([sys.executable, "-m", "tiltak", "report", str(BINDAL), "--lang", "nb",
                        "-o", str(out)], check=True, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    import openpyxl

    assert openpyxl.load_workbook(io.BytesIO(outputs[0])).sheetnames[0] == "Sammendrag"


# Each kind of character a document must never carry, as it might come in a name typed into a
# survey tool or pasted from a web page: a zero-width space, a right-to-left override, a
# C0 and a C1 control, a non-character XML cannot hold, a byte-order mark.
_HIDDEN = "\u200b\u202e\x01\x85\ufffe\ufeff\u2066"


@pytest.mark.parametrize("source", ["profile", "survey"])
def test_hidden_characters_in_names_never_reach_a_document(tmp_path: Path, source: str) -> None:
    """A name full of hidden characters (in the profile, or given to a survey import with
    --name): Word and Excel open the files, no document carries any of them, and the name
    reads as a person sees it."""
    import json

    import docx
    import openpyxl

    name = f"Bin{_HIDDEN}dal kom{_HIDDEN}mune"
    if source == "profile":
        profile = json.loads(BINDAL.read_text("utf-8"))
        profile["subject"]["name"] = name
        path = tmp_path / "profile.json"
        path.write_text(json.dumps(profile), encoding="utf-8")
        args = [str(path)]
    else:
        args = [str(SURVEY), "--survey", "ksaa", "--name", name]
    outputs = [tmp_path / f"plan.{fmt}" for fmt in ("html", "docx", "xlsx")]
    assert main(["report", *args, "--lang", "en", "-q",
                 *(arg for out in outputs for arg in ("-o", str(out)))]) == 0
    html = outputs[0].read_text("utf-8")
    word = docx.Document(str(outputs[1]))
    book = openpyxl.load_workbook(str(outputs[2]))
    texts = [html, *(p.text for p in word.paragraphs),
             *(c.text for t in word.tables for r in t.rows for c in r.cells),
             *(str(c.value) for s in book for r in s.iter_rows() for c in r if c.value)]
    assert "<h1>Competence plan for Bindal kommune</h1>" in html
    assert "Competence plan for Bindal kommune" in [p.text for p in word.paragraphs]
    for text in texts:
        assert not set(_HIDDEN) & set(text)
