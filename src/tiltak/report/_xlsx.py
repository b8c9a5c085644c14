"""The report's tables as a workbook: one sheet per part, numbers as numbers.

Text that a spreadsheet could take for a formula (starting with = + - @, a tab,
a carriage return or their full-width forms) is stored as text with Excel's
quote prefix, so opening or editing the file never evaluates anything that came
from the input; characters XLSX cannot store are dropped (``tiltak._escape``).
"""

from __future__ import annotations

import io
import re
from typing import Any

from tiltak._escape import spreadsheet_text
from tiltak.report._model import Cell, Report, Table
from tiltak.report._zip import normalise

_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
_ACCENT = "1F4E79"


def _sheet_name(name: str, used: set[str]) -> str:
    """A sheet name Excel opens without repairing the file: none of ``[]:*?/\\``, at most 31
    characters, no apostrophe first or last, not the reserved "History"."""
    base = _BAD_SHEET.sub(" ", name).strip().strip("'").strip()[:31].strip().strip("'")
    if not base or base.lower() == "history":
        base = (base + " 1") if base else "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" {n}"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _put(ws: Any, row: int, column: int, cell: Cell) -> Any:
    value = cell.raw
    target = ws.cell(row=row, column=column)
    if isinstance(value, str):
        value, formula_like = spreadsheet_text(value.replace("\u00a0", " ").replace("\u202f", " "))
        target.value = value
        target.data_type = "s"
        if formula_like:
            target.quotePrefix = True
    else:
        target.value = value
        if isinstance(value, float) and cell.text.rstrip().endswith("%"):
            target.number_format = "0%"
        elif isinstance(value, float):
            target.number_format = "0.00"
        elif isinstance(value, int) and not isinstance(value, bool):
            target.number_format = "#,##0"
    return target


def _write_table(wb: Any, table: Table, used: set[str]) -> None:
    from openpyxl.styles import (  # type: ignore[import-untyped,unused-ignore]
        Alignment,
        Font,
        PatternFill,
    )
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped,unused-ignore]

    ws = wb.create_sheet(_sheet_name(table.sheet or table.caption, used))
    title = _put(ws, 1, 1, Cell(table.caption))
    title.font = Font(bold=True, size=13, color=_ACCENT)
    header_font = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=_ACCENT)
    for c, text in enumerate(table.header, start=1):
        cell = _put(ws, 2, c, Cell(text))
        cell.font = header_font
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True,
                                   horizontal="right" if table.numeric[c - 1] else "left")
    widths = [len(h) for h in table.header]
    for r, row in enumerate(table.rows, start=3):
        for c, cell in enumerate(row, start=1):
            written = _put(ws, r, c, cell)
            if isinstance(cell.raw, str):
                written.alignment = Alignment(vertical="top", wrap_text=True)
            widths[c - 1] = max(widths[c - 1], min(len(cell.text), 60))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(8, min(width + 2, 62))
    ws.freeze_panes = "A3"
    if table.rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(table.header))}{len(table.rows) + 2}"


def to_xlsx(report: Report) -> bytes:
    """The workbook as bytes (byte-identical for the same report)."""
    from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = report.title
    wb.properties.creator = "tiltak"
    wb.properties.language = "nb-NO" if report.lang == "nb" else "en-GB"
    used: set[str] = set()
    for table in report.tables():
        if table.sheet is not None:
            _write_table(wb, table, used)
    if not wb.sheetnames:
        ws = wb.create_sheet(_sheet_name(report.title, used))
        _put(ws, 1, 1, Cell(report.title))
    out = io.BytesIO()
    wb.save(out)
    return normalise(out.getvalue(), report.date)
