"""The report's level table and plan table as a reader sees them (HTML, Word, Excel).

The level table showed "–" in the respondents column of every row of a profile that gives
its respondents only for the whole, and the plan table repeated the same four owner sectors,
names in full, row after row.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tiltak.cli import main

from .conftest import EXAMPLES

BINDAL = EXAMPLES / "bindal-organisasjon.json"  # respondents for the whole, distributions
NO_SPREAD = EXAMPLES / "kristiansand-ledere.json"  # respondents for the whole, no distributions
SURVEY = EXAMPLES / "survey-ksaa.csv"  # a survey: respondents per question, distributions

COLUMNS = {
    "nb": ("Svar", "Andel 1–2", "Andel 4–5"),
    "en": ("Respondents", "Share 1–2", "Share 4–5"),
}
CAPTION = {"nb": "Nivå, mål og gap", "en": "Level, target and gap"}
TOTAL = {"nb": "({n} svar i alt)", "en": "({n} respondents in all)"}


def _report(tmp_path: Path, source: Path, lang: str, *suffixes: str) -> list[Path]:
    outputs = [tmp_path / f"plan.{suffix}" for suffix in suffixes]
    args = ["report", str(source), "--lang", lang, "--date", "2026-11-30"]
    if source.suffix == ".csv":
        args += ["--survey", "ksaa", "--name", "Bindal kommune"]
    for out in outputs:
        args += ["-o", str(out)]
    assert main(args) == 0
    return outputs


def _table(page: str, caption: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows (cell texts) of the HTML table whose caption starts so."""
    found = re.search(r"<caption>" + re.escape(caption) + r".*?</table>", page, re.DOTALL)
    assert found, caption
    text = found.group(0)
    header = [html.unescape(h) for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', text)]
    rows = [[html.unescape(re.sub(r"<br>", "\n", re.sub(r"</?span[^>]*>", "", c)))
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)]
            for row in re.findall(r"<tr>(.*?)</tr>", text.split("<tbody>")[1], re.DOTALL)]
    return header, rows


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize(("source", "counted", "spread"), [
    (BINDAL, False, True),
    (NO_SPREAD, False, False),
    (SURVEY, True, True),
])
def test_the_level_table_shows_only_what_the_profile_holds(
        tmp_path: Path, lang: str, source: Path, counted: bool, spread: bool) -> None:
    """A column the profile holds no value for is not a column of dashes: it is left out of
    the document (the whole's respondents go in the caption) and kept in the sheet."""
    import openpyxl

    page_path, book_path = _report(tmp_path, source, lang, "html", "xlsx")
    page = page_path.read_text(encoding="utf-8")
    header, rows = _table(page, CAPTION[lang])
    respondents, low, high = COLUMNS[lang]
    assert (respondents in header) == counted
    assert (low in header and high in header) == spread
    assert rows and all(cell != "–" for row in rows for cell in row[5:])
    if not counted and source.suffix == ".json":
        whole = json.loads(source.read_text(encoding="utf-8"))["respondents"]
        assert TOTAL[lang].format(n=whole) in page
    if counted:  # each dimension's own count, as the survey gives it
        assert all(row[header.index(respondents)].isdigit() for row in rows)
    sheet = openpyxl.load_workbook(book_path)["Gap" if lang == "nb" else "Gaps"]
    values = {c.value for row in sheet.iter_rows(max_row=5) for c in row}
    assert set(COLUMNS[lang]) <= values  # the sheet keeps its columns


@pytest.mark.parametrize(("lang", "every", "full_name"), [
    ("nb", "Alle 4 sektorene (25\u00a0% hver)", "Stab og støtte (HR, økonomi, IT, kommunikasjon)"),
    ("en", "All 4 sectors (25% each)", "(HR, finance, IT, communication)"),
])
def test_the_plan_tables_owners_are_short_and_not_repeated_in_full(
        tmp_path: Path, lang: str, every: str, full_name: str) -> None:
    import docx

    page_path, word_path = _report(tmp_path, BINDAL, lang, "html", "docx")
    caption = "Tiltak, tidspunkt og eiere" if lang == "nb" else "Measures, timing and owners"
    header, rows = _table(page_path.read_text(encoding="utf-8"), caption)
    owners = [row[header.index("Eiere" if lang == "nb" else "Owners")] for row in rows]
    assert every in owners  # a measure shared evenly by every sector says so in three words
    for cell in owners:
        assert full_name not in cell
        lines = cell.split("\n")
        # one owner a line, and an even split says its share once
        assert len(lines) == 1 or lines[-1].startswith("(") or all("%" in x for x in lines)
    assert len(set(owners)) > 1
    word = docx.Document(str(word_path))
    table = next(t for t in word.tables
                 if t.rows[0].cells[2].text == ("Eiere" if lang == "nb" else "Owners"))
    assert [row.cells[2].text for row in table.rows[1:]] == owners


def test_the_level_table_picture(tmp_path: Path) -> None:
    """The HTML a browser shows: the level table's caption carries the whole's count."""
    page_path, = _report(tmp_path, BINDAL, "nb", "html")
    page = page_path.read_text(encoding="utf-8")
    assert "<caption>Nivå, mål og gap (97 svar i alt)</caption>" in page
    # the owners one a line, each short name kept whole, escaped as every other cell text
    assert ('<td><span class="line">Helse og velferd</span><br><span class="line">Oppvekst og '
            'kultur</span><br>') in page
    assert ".line { white-space: nowrap; }" in page


@pytest.mark.parametrize(("lang", "group"), [
    ("nb", "Ansiennitet: mer enn 10 år"),
    ("en", "Years of service: more than 10 years"),
])
def test_a_group_of_the_bundled_survey_is_named_in_words(tmp_path: Path, lang: str,
                                                          group: str) -> None:
    """Bindal's profile groups by "over-10-years": the report said "over 10 years" in a
    Norwegian document; the bundled survey's words are used, in the reader's language."""
    page_path, = _report(tmp_path, BINDAL, lang, "html")
    page = page_path.read_text(encoding="utf-8")
    assert f"<th scope=\"row\">{group}</th>" in page
    assert "over 10 years" not in page and "over-10-years" not in page


@pytest.mark.parametrize("text", ["a\nb", "Helse og velferd\nOppvekst og kultur", "<br>\n<b>"])
def test_a_newline_from_the_input_stays_text(text: str) -> None:
    """Only the model's own lists become lines: a newline inside a text from the input (a
    name, a label) adds no tag to the page (hypothesis found this one)."""
    from tiltak.report import render_html

    from .test_report import _PLAIN_STRUCTURE, _report_with_texts, _structure

    assert _structure(render_html(_report_with_texts([text])).decode()) == _PLAIN_STRUCTURE
