"""The report as a Word document: Word's own heading styles, real tables, charts as images.

Parts use Heading 1-3 (so a municipality's template, navigation pane and table
of contents work), tables are Word tables with a repeating header row, charts
are PNG images with their alt text. Archive times and document dates are fixed.
"""

from __future__ import annotations

import io
from typing import Any

from tiltak.report import _charts
from tiltak.report._model import Block, Bullets, Chart, Facts, Paragraph, Report, Section, Table
from tiltak.report._zip import normalise, stamp

_ACCENT = (0x1F, 0x4E, 0x79)
_MUTED = (0x59, 0x59, 0x59)


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _set_lang(doc: Any, lang: str) -> None:
    from docx.oxml import OxmlElement

    code = "nb-NO" if lang == "nb" else "en-GB"
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
        rpr = doc.styles[name].element.get_or_add_rPr()
        for old in rpr.findall(_qn("w:lang")):
            rpr.remove(old)
        el = OxmlElement("w:lang")
        el.set(_qn("w:val"), code)
        rpr.append(el)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(_qn("w:val"), "true")
    trpr.append(el)


def _table(doc: Any, table: Table, section: Section) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = table.view()
    if not section.repeats(table.caption):  # shown once, as the heading
        doc.add_paragraph(table.caption, style="Caption")
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = doc.styles["Light Grid Accent 1"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = grid.rows[0]
    _repeat_header(header)
    for i, text in enumerate(table.header):
        header.cells[i].text = text
    for row in table.rows:
        cells = grid.add_row().cells
        for i, cell in enumerate(row):
            cells[i].text = cell.text
    grid.autofit = False
    widths = _widths(table)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for r in grid.rows:
        for i, cell in enumerate(r.cells):
            cell.width = widths[i]
            for p in cell.paragraphs:
                if table.numeric[i]:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in p.runs:
                    run.font.size = Pt(9)
    doc.add_paragraph()


def _widths(table: Table) -> list[Any]:
    """Column widths on a 17 cm line: numbers as wide as they need, text shares the rest.

    No column is narrower than its longest word (at 9 pt, with the cell's padding), so
    "Mobilisere" or "Timer" is not broken inside the word as "Mobil/isere" or "Time/r".
    """
    from docx.shared import Cm

    total = 17.0
    per_char, padding = 0.21, 0.5
    columns = range(len(table.header))
    cells = [[table.header[i]] + [row[i].text for row in table.rows] for i in columns]
    # the header and the first column are bold in the table style: their letters count a
    # fifth wider
    bold = [1.2 if i == 0 else 1.0 for i in columns]
    longest = [max([len(column[0]) * 1.2] + [_widest_line(text) * bold[i]
                                             for text in column[1:]])
               for i, column in enumerate(cells)]
    word = [max([len(w) * 1.2 for w in column[0].split()]
                + [len(w) * bold[i] for text in column[1:] for w in text.split()], default=0)
            for i, column in enumerate(cells)]
    # a number column is as wide as its figures or its header's longest word: the header wraps
    # between words ("Andel / 1–2"), so a long header does not squeeze the text columns
    figures = [max([len(w) * 1.2 for w in column[0].split()]
                   + [len(text) for text in column[1:]], default=0) for column in cells]
    fixed = {i: min(max(1.3, per_char * figures[i] + padding), 3.0)
             for i in columns if table.numeric[i]}
    text = [i for i in columns if i not in fixed]
    left = max(total - sum(fixed.values()), 2.0 * len(text))
    least = {i: min(per_char * word[i] + padding, left / 2) for i in text}
    # a column that lists things one a line keeps each line whole where the words of the
    # other columns leave room for it
    listed = [i for i in text if any(row[i].lines for row in table.rows)]
    wanted = {i: max(min(per_char * longest[i] + padding, left / 2) - least[i], 0.0)
              for i in listed}
    room = max(left - sum(least.values()), 0.0)
    part = min(1.0, room / (sum(wanted.values()) or 1))
    for i in listed:
        least[i] += wanted[i] * part
    spare = max(left - sum(least.values()), 0.0)
    weights = {i: min(max(longest[i], 8), 60) for i in text}
    whole = sum(weights.values()) or 1
    shares = {i: least[i] + spare * weights[i] / whole for i in text}
    scale = min(1.0, left / (sum(shares.values()) or 1))
    return [Cm(fixed[i]) if i in fixed else Cm(shares[i] * scale) for i in columns]


def _widest_line(text: str) -> int:
    """The length of the longest line of a cell (a cell may list things one a line)."""
    return max(len(line) for line in text.split("\n"))


def _chart(doc: Any, chart: Chart, section: Section) -> None:
    from docx.shared import Cm

    png = _charts.render(chart, "png", dpi=150)
    if not section.repeats(chart.title):  # shown once, as the heading
        doc.add_paragraph(chart.title, style="Caption")
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    shape = doc.inline_shapes[-1]
    props = shape._inline.docPr
    props.set("descr", chart.alt)
    props.set("title", chart.title)
    props.set("name", f"chart-{chart.id}")


def _block(doc: Any, block: Block, section: Section) -> None:
    from docx.shared import Pt, RGBColor

    if isinstance(block, Paragraph):
        p = doc.add_paragraph(block.text)
        if block.style == "lead":
            for run in p.runs:
                run.font.size = Pt(12)
        elif block.style == "note":
            for run in p.runs:
                run.font.size = Pt(9.5)
                run.font.color.rgb = RGBColor(*_MUTED)
    elif isinstance(block, Bullets):
        for item in block.items:
            doc.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Facts):
        for label, value in block.items:
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(2)
            p.add_run(f"{label}: ").bold = True
            p.add_run(value)
    elif isinstance(block, Table):
        _table(doc, block, section)
    else:
        _chart(doc, block, section)


def _section(doc: Any, section: Section) -> None:
    heading = doc.add_heading(section.title, level=min(section.level - 1, 9))
    if section.page_break:
        heading.paragraph_format.page_break_before = True
    for block in section.blocks:
        _block(doc, block, section)
    for child in section.sections:
        _section(doc, child)


def to_docx(report: Report) -> bytes:
    """The document as bytes."""
    import datetime

    import docx
    from docx.shared import Mm, Pt, RGBColor

    doc = docx.Document()
    page = doc.sections[0]
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(20)
    page.top_margin, page.bottom_margin = Mm(20), Mm(20)
    doc.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.color.rgb = RGBColor(*_ACCENT)
    _set_lang(doc, report.lang)
    when = datetime.datetime.fromisoformat(stamp(report.date).replace("Z", "+00:00"))
    props = doc.core_properties
    props.title = report.title
    props.subject = report.subtitle
    props.author = "tiltak"
    props.last_modified_by = "tiltak"
    props.language = "nb-NO" if report.lang == "nb" else "en-GB"
    props.created = props.modified = when
    props.revision = 1

    # add_run, not add_paragraph(text): a subtitle that is empty (a name of nothing but
    # invisible characters) has no run to colour.
    doc.add_paragraph().add_run(report.subtitle).font.color.rgb = RGBColor(*_MUTED)
    doc.add_heading(report.title, level=0)
    for label, value in report.meta:
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    for section in report.sections:
        _section(doc, section)
    out = io.BytesIO()
    doc.save(out)
    return normalise(out.getvalue(), report.date)
