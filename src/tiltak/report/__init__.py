"""The competence plan as one document: HTML, Word (DOCX) or Excel (XLSX), with charts.

:func:`build` turns a profile (or a survey import) into an immutable document
model: summary, what competence means, the analysis with charts per area, the
measures grouped by area and strategy, the plan (timeline, owners, budget, what
was left out), follow-up and a method appendix, worded in one language. The
renderers only lay that model out::

    from tiltak.report import build, render_html, render_docx, render_xlsx

    report = build("examples/bindal-organisasjon.json", lang="nb")
    render_html(report, "plan.html")     # one self-contained file, charts as inline SVG
    render_docx(report, "plan.docx")     # Word's own heading styles, real tables
    render_xlsx(report, "plan.xlsx")     # one sheet per part, numbers as numbers

The same input gives the same bytes (HTML, XLSX) or the same text (DOCX).
matplotlib, python-docx and Jinja2 are imported only when a report is rendered.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TypeVar

from tiltak import _escape as escape
from tiltak._args import checked
from tiltak.report._build import build
from tiltak.report._model import (
    Block,
    Bullets,
    Cell,
    Chart,
    Facts,
    Paragraph,
    Report,
    Section,
    Series,
    Table,
)

__all__ = [
    "REPORT_FORMATS",
    "Block",
    "Bullets",
    "Cell",
    "Chart",
    "Facts",
    "Paragraph",
    "Report",
    "Section",
    "Series",
    "Table",
    "build",
    "format_for",
    "render",
    "render_docx",
    "render_html",
    "render_xlsx",
]

REPORT_FORMATS = ("html", "docx", "xlsx")


@checked
def render_html(report: Report, path: str | Path | None = None) -> bytes:
    """The report as one self-contained HTML file (UTF-8); written atomically to ``path``."""
    from tiltak.report._html import to_html

    return _write(to_html(_printable(report)), path)


@checked
def render_docx(report: Report, path: str | Path | None = None) -> bytes:
    """The report as a Word document; written atomically to ``path``."""
    from tiltak.report._docx import to_docx

    return _write(to_docx(_printable(report)), path)


@checked
def render_xlsx(report: Report, path: str | Path | None = None) -> bytes:
    """The report's tables as a workbook, one sheet per part; written atomically to ``path``."""
    from tiltak.report._xlsx import to_xlsx

    return _write(to_xlsx(_printable(report)), path)


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` if given, else from the file suffix (.html/.htm, .docx, .xlsx).

    Raises ValueError when neither says.
    """
    if fmt is not None:
        if fmt not in REPORT_FORMATS:
            raise ValueError(fmt)
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = "html" if suffix == "htm" else suffix
    if suffix not in REPORT_FORMATS:
        raise ValueError(suffix)
    return suffix


@checked
def render(report: Report, path: str | Path, fmt: str | None = None) -> bytes:
    """Render ``report`` in the format of ``path``'s suffix (or ``fmt``) and write it."""
    chosen = format_for(path, fmt)
    renderer = {"html": render_html, "docx": render_docx, "xlsx": render_xlsx}[chosen]
    return renderer(report, path)


_T = TypeVar("_T")


def _printable(value: _T) -> _T:
    """``value`` (the report or a part of it) with every text made printable
    (:func:`tiltak._escape.printable`): names, segment values and reasons come from input,
    and a control character in one made Word and Excel fail (XML cannot hold it) and HTML
    carry an escape sequence or a reversed name."""
    if isinstance(value, str):
        return escape.printable(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_printable(item) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _printable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _write(data: bytes, path: str | Path | None) -> bytes:
    if path is not None:
        from tiltak._io import write_atomic

        write_atomic(path, data)
    return data
