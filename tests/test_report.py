"""tiltak.report: the document model and its HTML, DOCX and XLSX renderings."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiltak.errors import ProfileError
from tiltak.report import (
    Bullets,
    Cell,
    Chart,
    Facts,
    Paragraph,
    Report,
    Section,
    Series,
    Table,
    build,
    format_for,
    render_docx,
    render_html,
    render_xlsx,
)
from tiltak.survey import import_survey

ROOT = Path(__file__).resolve().parent.parent
BINDAL = ROOT / "examples" / "bindal-organisasjon.json"
SURVEY = ROOT / "examples" / "survey-ksaa.csv"


@pytest.fixture(scope="module")
def reports(default_engine: object) -> dict[str, Report]:
    return {lang: build(BINDAL, lang=lang, engine=default_engine)  # type: ignore[arg-type]
            for lang in ("nb", "en")}


@pytest.fixture(scope="module")
def survey_report(default_engine: object) -> Report:
    return build(import_survey(SURVEY, "ksaa"), lang="nb",
                 engine=default_engine)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def html_nb(reports: dict[str, Report]) -> str:
    return render_html(reports["nb"]).decode("utf-8")


class _Page(HTMLParser):
    """Collects headings, charts, figures, tables and every URL-bearing attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.svgs: list[dict[str, str | None]] = []
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.th_scopes: list[str | None] = []
        self._heading: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading, self._text = int(tag[1]), []
        if tag == "svg":
            self.svgs.append(values)
        if tag == "th":
            self.th_scopes.append(values.get("scope"))
        for name in ("href", "src", "xlink:href", "action", "poster", "data"):
            if values.get(name):
                self.urls.append(str(values[name]))

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading}":
            self.headings.append((self._heading, "".join(self._text).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


# --- the model ----------------------------------------------------------------------------

def test_parts_follow_ks_method_order(reports: dict[str, Report]) -> None:
    ids = [s.id for s in reports["nb"].sections]
    assert ids == ["summary", "competence", "analysis", "measures", "plan", "followup",
                   "appendix"]


def test_summary_names_largest_gaps_and_the_measures_chosen_for_them(
        reports: dict[str, Report]) -> None:
    summary = reports["en"].sections[0]
    table = next(b for b in summary.blocks if isinstance(b, Table))
    assert 3 <= len(table.rows) <= 5
    # Bindal: abilities in cross-disciplinary work (1.9 against 4.0) is the largest gap.
    assert table.rows[0][0].text.startswith("Abilities in cross-disciplinary work")
    assert table.rows[0][1].value == 1.9 and table.rows[0][2].value == 4.0
    assert "forum for children and young people" in table.rows[0][3].text.lower() or \
        table.rows[0][3].text


def test_analysis_has_a_level_and_a_distribution_chart_per_area(
        reports: dict[str, Report]) -> None:
    analysis = reports["nb"].sections[2]
    areas = [s for s in analysis.sections if s.id.startswith("area-")]
    assert [s.title for s in areas] == ["Digitalisering", "Ledelse", "Tverrfaglighet"]
    for area in areas:
        kinds = [b.kind for b in area.blocks if isinstance(b, Chart)]
        assert kinds == ["levels", "distribution"]


def test_measures_are_grouped_by_area_and_strategy_with_reasons_owners_cost_and_source(
        reports: dict[str, Report]) -> None:
    measures = reports["nb"].sections[3]
    ids = [s.id for s in measures.sections]
    assert ids[0] == "by-strategy"
    assert "measures-digitalisering" in ids
    entry = next(s for s in measures.walk() if s.id == "measure-teknologivalg-arena")
    facts = dict(entry.blocks[0].items)  # type: ignore[union-attr]
    for label in ("Hvorfor", "Tallene", "For hvem", "Eiere", "Kostnad og arbeidstid", "Kilde"):
        assert facts[label], label
    assert "bindal-2024 6.1.3" in facts["Kilde"]
    assert "1,4" in facts["Tallene"]  # the profile's own gap (3,5 - 2,1), in Norwegian form


def test_plan_part_has_timeline_owners_budget_and_left_out(reports: dict[str, Report]) -> None:
    plan = reports["en"].sections[4]
    ids = [s.id for s in plan.sections]
    assert ids[:4] == ["timeline", "owners", "budget", "left-out"]
    timeline = plan.sections[0].blocks[0]
    assert isinstance(timeline, Chart) and timeline.kind == "gantt"
    # Bindal's budget (600,000) leaves measures out; each has what it would take.
    left = next(b for b in plan.sections[3].blocks if isinstance(b, Table))
    assert left.rows and all(row[-1].text for row in left.rows)


def test_followup_gives_evidence_for_every_chosen_measure(reports: dict[str, Report]) -> None:
    follow = reports["en"].sections[5]
    table = next(b for b in follow.blocks if isinstance(b, Table))
    chosen = next(b for b in reports["en"].sections[4].sections[0].blocks
                  if isinstance(b, Table))
    assert [r[0].text for r in table.rows] == [r[1].text for r in chosen.rows]
    assert all(r[1].text for r in table.rows)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_followup_says_where_each_evidence_criterion_comes_from(
        reports: dict[str, Report], default_engine: object, lang: str) -> None:
    """A criterion from a source names it; one the catalogue made up says it is our own."""
    catalogue = default_engine.catalogue  # type: ignore[attr-defined]
    titles = {m.title.get(lang): m for m in catalogue.measures.values()}
    follow = reports[lang].sections[5]
    table = next(b for b in follow.blocks if isinstance(b, Table))
    own = {"nb": "vårt eget forslag", "en": "our own suggestion"}[lang]
    seen = set()
    for row in table.rows:
        measure = titles[row[0].text]
        cell = row[1].text
        if measure.evidence is None:
            assert own not in cell
        elif measure.evidence_sources:
            seen.add("sourced")
            assert all(f"{s.document} {s.section}" in cell for s in measure.evidence_sources)
            assert own not in cell
        else:
            seen.add("own")
            assert cell.endswith(f"({own}, " + ("ikke fra kildene)" if lang == "nb"
                                                else "not from the sources)"))
    assert seen == {"sourced", "own"}, "Bindal's plan should show both kinds"


def test_no_jargon_outside_the_appendix(reports: dict[str, Report]) -> None:
    for report in reports.values():
        for top in report.sections[:-1]:
            for section in top.walk():
                text = " ".join(str(b) for b in section.blocks) + section.title
                for word in ("HiGHS", "MILP", "Herfindahl", "HHI", "min-cost", "simplex"):
                    assert word not in text, (section.id, word)


def test_survey_report_words_segment_differences_and_anonymity(survey_report: Report) -> None:
    segments = next(s for s in survey_report.walk() if s.id == "segments")
    text = " ".join(str(b) for s in segments.walk() for b in s.blocks)
    assert "(97 svar)" in text
    assert "Sektor: 1 gruppe vises ikke." in text  # one group: singular, not "gruppe(r)"
    assert "minst" in text or "færre enn 5" in text


def test_bad_profile_is_a_located_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "tiltak.profile/1", "subject": {"kind": "organisation"},
                               "competence": {"ledelse": {"skills": {"level": 7}}}}))
    with pytest.raises(ProfileError) as info:
        build(bad)
    assert "competence.ledelse.skills.level" in str(info.value)


@pytest.mark.parametrize(("path", "fmt", "expected"), [
    ("plan.html", None, "html"), ("plan.HTM", None, "html"), ("plan.docx", None, "docx"),
    ("plan.xlsx", None, "xlsx"), ("plan.out", "docx", "docx"),
])
def test_format_from_suffix_or_option(path: str, fmt: str | None, expected: str) -> None:
    assert format_for(path, fmt) == expected


def test_unknown_suffix_is_refused() -> None:
    with pytest.raises(ValueError):
        format_for("plan.pdf")


# --- HTML -----------------------------------------------------------------------------------

def test_html_headings_are_nested_and_start_at_h1(html_nb: str) -> None:
    page = _parse(html_nb)
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, page.headings


def test_every_html_chart_has_alt_text(html_nb: str, reports: dict[str, Report]) -> None:
    page = _parse(html_nb)
    assert len(page.svgs) == len(reports["nb"].charts()) >= 8
    for svg in page.svgs:
        assert svg.get("role") == "img"
        assert len(svg.get("aria-label") or "") > 20


def test_html_is_self_contained(html_nb: str) -> None:
    page = _parse(html_nb)
    assert all(url.startswith("#") for url in page.urls), page.urls
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert not re.search(r"url\(\s*['\"]?(?!#)", html_nb)  # only in-page references
    assert "@import" not in html_nb


def test_html_tables_have_header_cells(html_nb: str) -> None:
    page = _parse(html_nb)
    assert page.th_scopes and set(page.th_scopes) <= {"col", "row"}


def test_html_escapes_input_text_in_text_and_charts() -> None:
    evil = "<script>alert('x')</script> & =1+1"
    chart = Chart(id="c1", kind="hbar", title=evil, alt=evil, labels=(evil,),
                  series=(Series(evil, (3.0,)),), axis=evil)
    report = Report(lang="en", title=evil, subtitle=evil, date=None, meta=((evil, evil),),
                    contents_title="Contents",
                    sections=(Section("s", evil, 2, (Paragraph(evil), chart, Table(
                        evil, (evil,), ((Cell(evil),),), (False,))),),))
    html = render_html(report).decode("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


# --- DOCX -----------------------------------------------------------------------------------

def _docx_sequence(data: bytes) -> list[tuple[str, str]]:
    import docx

    doc = docx.Document(io.BytesIO(data))
    body = doc.element.body
    seq: list[tuple[str, str]] = []
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            style = child.xpath("string(./w:pPr/w:pStyle/@w:val)")
            text = "".join(child.xpath(".//w:t/text()"))
            if style.startswith("Heading"):
                seq.append((style, text))
            for prop in child.iter(f"{wp}docPr"):
                seq.append(("image", prop.get("descr") or ""))
        elif tag == "tbl":
            first = "".join(child.xpath("./w:tr[1]/w:tc[1]//w:t/text()"))
            seq.append(("table", first))
    return seq


def _expected_sequence(report: Report) -> list[tuple[str, str]]:
    seq: list[tuple[str, str]] = []

    def walk(section: Section) -> None:
        seq.append((f"Heading{section.level - 1}", section.title))
        for block in section.blocks:
            if isinstance(block, Chart):
                seq.append(("image", block.alt))
            elif isinstance(block, Table):
                seq.append(("table", block.header[0]))
        for child in section.sections:
            walk(child)

    for top in report.sections:
        walk(top)
    return seq


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_docx_has_headings_tables_and_images_in_order(reports: dict[str, Report],
                                                      lang: str) -> None:
    report = reports[lang]
    assert _docx_sequence(render_docx(report)) == _expected_sequence(report)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_docx_columns_are_as_wide_as_their_longest_short_word(reports: dict[str, Report],
                                                              lang: str) -> None:
    # LibreOffice broke "Mobilisere" as "Mobil/isere" and "Timer" as "Time/r" when a text
    # column's share followed only its longest cell. A 9 pt letter is at least 0.15 cm wide.
    import docx

    doc = docx.Document(io.BytesIO(render_docx(reports[lang])))
    checked = 0
    for table in doc.tables:
        for i, column in enumerate(table.columns):
            words = [w for cell in column.cells for w in cell.text.split()]
            longest = max((len(w) for w in words), default=0)
            if 0 < longest <= 12:
                assert column.width.cm >= 0.15 * longest + 0.3, (table.rows[0].cells[i].text,
                                                                  longest, column.width.cm)
                checked += 1
    assert checked > 20


def test_docx_uses_word_heading_styles_and_a4(reports: dict[str, Report]) -> None:
    import docx

    doc = docx.Document(io.BytesIO(render_docx(reports["nb"])))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3"} <= styles
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert doc.core_properties.title == "Kompetanseplan for Bindal kommune"


# --- XLSX -----------------------------------------------------------------------------------

def test_xlsx_has_one_sheet_per_part_with_numbers_as_numbers(reports: dict[str, Report]) -> None:
    import openpyxl

    report = reports["en"]
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    exported = [t for t in report.tables() if t.sheet]
    assert wb.sheetnames == [t.sheet for t in exported]
    assert {"Gaps", "Measures", "Plan", "Owners"} <= set(wb.sheetnames)
    for table in exported:
        ws = wb[table.sheet]
        assert [c.value for c in ws[2]] == list(table.header)
        assert ws.max_row == len(table.rows) + 2
    gaps = wb["Gaps"]
    assert gaps["A3"].value == "Digitalisation"
    assert isinstance(gaps["C3"].value, float) and gaps["C3"].value == 3.6


def test_xlsx_cells_cannot_become_formulas() -> None:
    import openpyxl

    nasty = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    table = Table("t", ("a",), tuple((Cell(v),) for v in nasty), (False,), sheet="S")
    report = Report(lang="en", title="t", subtitle="", date=None, meta=(),
                    contents_title="", sections=(Section("s", "s", 2, (table,)),))
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))["S"]
    for row, text in enumerate(nasty, start=3):
        cell = ws.cell(row=row, column=1)
        assert cell.data_type == "s" and cell.value == text
        assert cell.quotePrefix


def test_xlsx_stores_any_input_text_safely() -> None:
    """Full-width formula starts are marked as text; control characters and lone surrogates
    (which XLSX cannot store) are dropped instead of breaking the workbook."""
    import openpyxl

    nasty = ["\uff1dHYPERLINK(\"http://x\")", "  =1+1", "a\x1b[31mb", "x\ud800y", "plain"]
    table = Table("t", ("a",), tuple((Cell(v),) for v in nasty), (False,), sheet="S")
    report = Report(lang="en", title="t", subtitle="", date=None, meta=(),
                    contents_title="", sections=(Section("s", "s", 2, (table,)),))
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))["S"]
    cells = [ws.cell(row=row, column=1) for row in range(3, 3 + len(nasty))]
    assert [c.quotePrefix for c in cells] == [True, True, False, False, False]
    assert cells[2].value == "a[31mb"
    assert cells[3].value == "x\ufffdy"
    assert cells[4].value == "plain"


# --- determinism and languages --------------------------------------------------------------

def test_same_input_gives_same_bytes_across_processes(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from tiltak.report import build, render_html, render_xlsx, render_docx\n"
        "import docx, io\n"
        "r = build(sys.argv[1], lang='nb')\n"
        "sys.stdout.buffer.write(render_html(r) + b'\\0' + render_xlsx(r) + b'\\0')\n"
        "d = docx.Document(io.BytesIO(render_docx(r)))\n"
        "sys.stdout.buffer.write('\\n'.join(p.text for p in d.paragraphs).encode())\n"
    )
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.append(subprocess.run([sys.executable, "-c", script, str(BINDAL)], env=env,
                                   capture_output=True, check=True).stdout)
    assert outs[0] == outs[1]
    assert len(outs[0]) > 100_000


def test_no_date_unless_asked(default_engine: object) -> None:
    plain = build(BINDAL, lang="en", engine=default_engine)  # type: ignore[arg-type]
    dated = build(BINDAL, lang="en", engine=default_engine,  # type: ignore[arg-type]
                  date="2026-01-15")
    assert plain.date is None and "Date" not in dict(plain.meta)
    assert dict(dated.meta)["Date"] == "2026-01-15"
    assert b"2026-01-15" in render_html(dated)


def test_norwegian_document_shows_its_date_the_norwegian_way(default_engine: object) -> None:
    dated = build(BINDAL, lang="nb", engine=default_engine,  # type: ignore[arg-type]
                  date="2026-01-15")
    assert dict(dated.meta)["Dato"] == "15.01.2026"
    assert "15.01.2026" in render_html(dated).decode("utf-8")


@pytest.mark.parametrize(("lang", "expected", "foreign"), [
    ("nb", ["Sammendrag", "Tiltakene", "600\u202f000\u00a0kr", "2,1"], ["Summary", "NOK"]),
    ("en", ["Summary", "The measures", "NOK\u00a0600,000", "2.1"], ["Sammendrag", "\u00a0kr"]),
])
def test_both_languages(reports: dict[str, Report], lang: str, expected: list[str],
                        foreign: list[str]) -> None:
    html = render_html(reports[lang]).decode("utf-8")
    assert f'<html lang="{lang}">' in html
    for text in expected:
        assert text in html, text
    visible = html.split("<main>", 1)[1]
    for text in foreign:
        assert text not in visible, text
    assert "report-" not in visible  # no message key left untranslated


def test_import_tiltak_does_not_import_rendering_libraries() -> None:
    code = ("import sys, tiltak, tiltak.report\n"
            "print(sorted(m for m in ('matplotlib', 'docx', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_bundled_example_makes_a_report(path: Path, default_engine: object) -> None:
    import openpyxl

    for lang in ("nb", "en"):
        report = build(path, lang=lang, engine=default_engine)  # type: ignore[arg-type]
        assert report.sections[0].id == "summary"
        wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
        assert wb.sheetnames


@pytest.mark.parametrize("profile", [
    {"format": "tiltak.profile/1", "subject": {"kind": "unit"}},
    {"format": "tiltak.profile/1", "subject": {"kind": "organisation", "name": "X"},
     "competence": {"ledelse": {"skills": {"level": 5.0}}}},
], ids=["nothing-known", "no-gap"])
def test_thin_profiles_still_make_a_readable_document(profile: dict[str, object],
                                                      default_engine: object) -> None:
    report = build(profile, lang="nb", engine=default_engine)  # type: ignore[arg-type]
    html = render_html(report).decode("utf-8")
    page = _parse(html)
    assert [t for level, t in page.headings if level == 2][1:] == [
        s.title for s in report.sections]
    assert report.title in ("Kompetanseplan for enheten", "Kompetanseplan for X")


# Text a document cannot show: C0 and C1 controls, a terminal escape, bidirectional
# overrides and isolates, a lone surrogate (each came from a name or a segment value).
_UNPRINTABLE = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9b",
                "\u202a", "\u202e", "\u2066", "\u2069", "\ud800", "\u200b", "\u200d", "\u200f",
                "\u061c", "\ufeff", "\ufffe", "\uffff", "\u00ad", "\U000e0041"]


def _report_with_text(text: str) -> Report:
    chart = Chart(id="c1", kind="hbar", title=text, alt=text, labels=(text,),
                  series=(Series(text, (3.0,)),), axis=text)
    return Report(lang="en", title=text, subtitle=text, date=None, meta=((text, text),),
                  contents_title=text,
                  sections=(Section("s", text, 2, (Paragraph(text), chart, Table(
                      text, (text,), ((Cell(text),),), (False,), sheet=text)),),))


# What no document may carry from its input, whatever the input: C0 controls (but tab,
# newline, carriage return), DEL and C1, bidirectional overrides, embeddings, isolates and
# marks, characters that show as nothing, what XML 1.0 cannot hold, lone surrogates.
_NEVER_IN_A_DOCUMENT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2069\ufeff\ufffe\uffff\ud800-\udfff\u00ad\u2028\u2029\U000e0000-\U000e007f]")
_HOSTILE = ["\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85", "\x9b", "\u00ad", "\u061c", "\u200b",
            "\u200d", "\u200e", "\u200f", "\u2028", "\u202a", "\u202e", "\u2060", "\u2066",
            "\u2069", "\ufeff", "\ufffe", "\uffff", "\ud800", "\udfff", "\U000e0041", "<",
            "&", '"', "=", "\r", "\n", "\t", "ø", "\U0001f600", "'", "[", "/"]


def _report_with_texts(texts: list[str]) -> Report:
    """A small report with every kind of block but charts (drawing one takes a second; the
    test below checks their texts), each text field taken from ``texts`` in turn."""
    t = itertools.cycle(texts)
    blocks = (Paragraph(next(t)), Bullets((next(t), next(t))),
              Facts(((next(t), next(t)),)),
              Table(next(t), (next(t), next(t)), ((Cell(next(t)), Cell(next(t), 2.0)),),
                    (False, True), sheet=next(t)))
    return Report(lang="nb", title=next(t), subtitle=next(t), date=next(t),
                  meta=((next(t), next(t)),), contents_title=next(t),
                  sections=(Section("s", next(t), 2, blocks,
                                    (Section("t", next(t), 3, (Paragraph(next(t)),)),)),))


class _Structure(HTMLParser):
    """The tags of a page outside its charts (a chart draws its text as it likes)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self._svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._svg += tag == "svg"
        if not self._svg:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._svg -= tag == "svg"


def _structure(html: str) -> list[str]:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser.tags


_PLAIN_STRUCTURE = _structure(render_html(_report_with_texts(["x"])).decode())


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.one_of(
    st.text(st.one_of(st.characters(), st.sampled_from(_HOSTILE)), max_size=12),
    st.sampled_from(["History", "'Plan'", "'", "a" * 40])),  # sheet names Excel refuses
    min_size=1, max_size=6))
def test_any_text_in_any_field_gives_files_that_open_without_hidden_characters(
        texts: list[str]) -> None:
    """Whatever a name, a label, a segment value or a catalogue text holds, the HTML parses
    into the same structure as with plain text, Word and Excel open the file, and no control,
    bidirectional or invisible character reaches any of them."""
    import docx
    import openpyxl

    report = _report_with_texts(texts)
    html = render_html(report).decode("utf-8")
    assert _structure(html) == _PLAIN_STRUCTURE
    word, excel = render_docx(report), render_xlsx(report)
    document = docx.Document(io.BytesIO(word))
    book = openpyxl.load_workbook(io.BytesIO(excel))
    shown = [html, str(document.core_properties.title),
             *(p.text for p in document.paragraphs),
             *(c.text for t in document.tables for r in t.rows for c in r.cells),
             str(book.properties.title), *(s.title for s in book),
             *(str(c.value) for s in book for r in s.iter_rows() for c in r if c.value)]
    for text in shown:
        assert not _NEVER_IN_A_DOCUMENT.search(text), ascii(text)
    for sheet in book:  # what Excel itself refuses in a sheet name (openpyxl does not)
        assert sheet.title and not sheet.title.startswith("'") and not sheet.title.endswith("'")
        assert len(sheet.title) <= 31 and sheet.title.lower() != "history"
    for data in (word, excel):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.endswith((".xml", ".rels")):
                    ElementTree.fromstring(archive.read(name))  # well-formed XML 1.0


@pytest.mark.parametrize("char", _UNPRINTABLE, ids=lambda c: f"U+{ord(c[0]):04X}")
def test_every_format_renders_unprintable_input_text_without_it(char: str) -> None:
    import docx
    import openpyxl

    name = f"Bindal{char}kommune"
    report = _report_with_text(name)
    html = render_html(report).decode("utf-8")
    document = docx.Document(io.BytesIO(render_docx(report)))
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    texts = [html, document.core_properties.title,
             *(p.text for p in document.paragraphs),
             *(c.text for t in document.tables for r in t.rows for c in r.cells),
             str(book.properties.title),
             *(str(c.value) for s in book for r in s.iter_rows() for c in r if c.value)]
    shown = {"Bindalkommune", "Bindal[31mkommune", "Bindal\ufffdkommune"}
    assert all(any(s in t for s in shown) for t in texts[:2])
    for text in texts:
        assert char not in text
        assert "\x1b" not in text


@pytest.mark.parametrize(("lang", "said", "unsaid"), [
    ("nb", ("Profilen oppgir ingen nivåer, så ingen gap er målt.",
            "Ut fra hvem profilen beskriver, foreslås",
            "Profilen har ingen grupper å sammenligne.",
            "Profilen oppgir ingen nivåer for kompetanseområdene"),
     ("Ingen område ligger under målet", "Ut fra funnene", "Kartleggingen viser",
      "Tabellen viser nivå")),
    ("en", ("The profile states no levels, so no gap is measured.",
            "From whom the profile describes,", "The profile has no groups to compare.",
            "The profile states no levels for the competence areas"),
     ("No area is below its target", "From the findings", "The survey shows",
      "The table shows level")),
])
def test_a_profile_without_levels_is_not_reported_as_having_no_gaps(
        default_engine: object, tmp_path: Path, lang: str, said: tuple[str, ...],
        unsaid: tuple[str, ...]) -> None:
    """A role-only profile (a roles table, a task list) gets the sources' standing tasks; the
    report must not tell a management group that no area is below target or that a survey
    found no differences, since nothing was measured."""
    path = tmp_path / "roles.json"
    path.write_text(json.dumps({"format": "tiltak.profile/1", "subject": {
        "kind": "group", "name": "Enhetsledere", "roles": ["middle-leader"]}}), encoding="utf-8")
    report = build(path, lang=lang, engine=default_engine)  # type: ignore[arg-type]
    html = render_html(report).decode("utf-8")
    assert all(text in html for text in said)
    assert not any(text in html for text in unsaid)


class _Captions(HTMLParser):
    """Each caption and figure caption a reader sees, with the heading it stands under."""

    def __init__(self) -> None:
        super().__init__()
        self.heading = ""
        self.shown: list[tuple[str, str]] = []
        self.hidden: list[str] = []
        self._in: str | None = None
        self._hidden = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3", "h4", "caption", "figcaption"):
            self._in, self._text = tag, []
            self._hidden = "visually-hidden" in (dict(attrs).get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        text = " ".join("".join(self._text).split())
        if tag.startswith("h"):
            self.heading = text
        elif self._hidden:
            self.hidden.append(text)
        else:
            self.shown.append((self.heading, text))
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text.append(data)


@pytest.mark.parametrize("which", ["nb", "en", "survey"])
def test_no_caption_repeats_the_heading_above_it(
        which: str, reports: dict[str, Report], survey_report: Report) -> None:
    """'Kompetanseområdene i planen' stood as a heading and again, word for word, as its
    table's caption (so did 'Tiltakene etter strategi'). A document shows it once; HTML keeps
    the caption for screen readers, hidden."""
    import docx

    report = survey_report if which == "survey" else reports[which]
    parser = _Captions()
    parser.feed(render_html(report).decode("utf-8"))
    assert parser.shown and all(heading != caption for heading, caption in parser.shown), \
        [pair for pair in parser.shown if pair[0] == pair[1]]
    assert len(parser.hidden) >= 2  # the competence areas and the strategies
    previous = ""
    word = docx.Document(io.BytesIO(render_docx(report)))
    for paragraph in word.paragraphs:
        if paragraph.style.name == "Caption":
            assert paragraph.text != previous, paragraph.text
        if paragraph.text.strip():
            previous = paragraph.text


@pytest.mark.parametrize(("lang", "mark", "why"), [
    ("nb", "Mobilisere (fast oppgave)", "I kildene er dette en fast oppgave"),
    ("en", "Mobilise (standing task)", "In the sources this is a standing task"),
])
def test_standing_task_suggestions_are_marked_and_explained(
        default_engine: object, lang: str, mark: str, why: str) -> None:
    """A suggestion only standing tasks give (``fills_in``) says so in the ranked table, with
    a note, and in its details: an HR adviser must not read it as an answer to a finding."""
    profile = ROOT / "examples" / "kristiansand-ledere.json"
    result = default_engine.suggest(profile)  # type: ignore[attr-defined]
    standing = {r.measure for r in result.recommendations if r.fills_in}
    assert standing  # the example's leader group has standing tasks after its findings
    report = build(profile, lang=lang, engine=default_engine)  # type: ignore[arg-type]
    measures = report.sections[3]
    table = next(b for b in measures.blocks if isinstance(b, Table))
    marked = {row[1].text for row in table.rows if "(" in row[3].text}
    titles = {r.title.get(lang) for r in result.recommendations if r.fills_in}
    assert marked == titles
    assert all(row[3].text == mark for row in table.rows if row[1].text in titles)
    notes = [b.text for b in measures.blocks if isinstance(b, Paragraph)]
    assert any(("«Fast oppgave»" if lang == "nb" else "'Standing task'") in n for n in notes)
    for measure in standing:
        entry = next(s for s in measures.walk() if s.id == f"measure-{measure}")
        assert why in dict(entry.blocks[0].items)[  # type: ignore[union-attr]
            "Hvorfor" if lang == "nb" else "Why"]
    html = render_html(report).decode("utf-8")
    assert mark in html


def test_measures_sheet_says_when_as_the_plan_sheet_does(default_engine: object) -> None:
    """The spreadsheet's 'In the plan' column holds the start month (as the Plan sheet), not
    the internal phase number the shown text does not mention."""
    import openpyxl

    report = build(BINDAL, lang="en", engine=default_engine)  # type: ignore[arg-type]
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = book["Measures"]
    header = [c.value for c in sheet[2]]
    when = [row[header.index("In the plan")] for row in sheet.iter_rows(min_row=3,
                                                                         values_only=True)]
    plan = book["Plan"]
    months = {row[0] for row in plan.iter_rows(min_row=3, values_only=True)}
    dated = [w for w in when if isinstance(w, str) and re.fullmatch(r"\d{4}-\d{2}", w)]
    assert dated and set(dated) <= months
    assert not any(isinstance(w, int) for w in when)
