"""The report's document model: immutable, language-specific, display-ready.

:func:`tiltak.report.build` fills it from the library's results; the three
renderers only lay it out. Every text is already worded and every number
already formatted in the report's language; table cells also keep the raw
value for the spreadsheet, and charts keep their numbers for drawing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ChartKind = Literal["levels", "distribution", "gantt", "hbar", "before-after"]
CellValue = str | int | float | None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph; ``style`` "lead" is an introduction, "note" a small remark."""

    text: str
    style: Literal["body", "lead", "note"] = "body"


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """Label-value pairs: a description list (e.g. a measure's owners and cost), or with
    ``style`` "figures" a compact grid of key figures."""

    items: tuple[tuple[str, str], ...]
    style: Literal["list", "figures"] = "list"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: ``text`` as shown, ``value`` as written to the spreadsheet.

    ``lines``: a cell that lists things one a line (the owners of a measure) gives them here,
    and ``text`` is them joined by newlines; a document shows each on its own line.
    """

    text: str
    value: CellValue = None
    lines: tuple[str, ...] | None = None

    @property
    def raw(self) -> CellValue:
        """The spreadsheet value: the number when there is one, else the text."""
        return self.text if self.value is None else self.value


@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row. ``sheet`` names its spreadsheet sheet (None: not exported).

    ``numeric`` says which columns are numbers (right-aligned). ``shown`` lists the
    columns the document shows (None: all); the spreadsheet always has every column.
    """

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[bool, ...]
    sheet: str | None = None
    shown: tuple[int, ...] | None = None

    def view(self) -> Table:
        """The table as the document shows it (only the ``shown`` columns)."""
        if self.shown is None:
            return self
        keep = self.shown
        return Table(self.caption, tuple(self.header[i] for i in keep),
                     tuple(tuple(row[i] for i in keep) for row in self.rows),
                     tuple(self.numeric[i] for i in keep), self.sheet, None)


@dataclass(frozen=True, slots=True)
class Series:
    """One data series of a chart, with its legend name."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart to draw: its kind, the data, and the words around it.

    * ``levels``: ``labels`` are dimensions; series level and target (scale 1-5).
    * ``distribution``: ``labels`` are dimensions; five series, the share at each level.
    * ``gantt``: ``labels`` are measures; series start and length (in ``ticks`` units).
    * ``hbar``: ``labels`` are categories; one series.
    * ``before-after``: ``labels`` are dimensions; series before and after.

    ``id`` is unique in the report (file names, SVG ids); ``alt`` describes what the
    chart shows for a reader who cannot see it.
    """

    id: str
    kind: ChartKind
    title: str
    alt: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    axis: str = ""
    ticks: tuple[str, ...] = ()
    groups: tuple[int, ...] = ()
    lang: str = "en"


Block = Paragraph | Bullets | Facts | Table | Chart


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the report: a heading (``level`` 2 = a part, 3, 4 below it) and its blocks.

    ``page_break`` starts the part on a new page when printed.
    """

    id: str
    title: str
    level: int
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    page_break: bool = False

    def repeats(self, caption: str) -> bool:
        """Whether a table's or chart's ``caption`` only says this section's heading again
        (the competence areas under "The competence areas in the plan"): a document shows
        it once, as the heading; HTML keeps the caption for screen readers."""
        return " ".join(caption.split()).casefold() == " ".join(self.title.split()).casefold()

    def walk(self) -> tuple[Section, ...]:
        """This section and every section below it, in reading order."""
        out: list[Section] = [self]
        for child in self.sections:
            out.extend(child.walk())
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Report:
    """The whole competence plan as a document, in one language."""

    lang: Literal["nb", "en"]
    title: str
    subtitle: str
    date: str | None
    meta: tuple[tuple[str, str], ...]
    contents_title: str
    sections: tuple[Section, ...]

    def repeats(self, caption: str) -> bool:
        """Whether a table's or chart's ``caption`` only says this section's heading again
        (the competence areas under "The competence areas in the plan"): a document shows
        it once, as the heading; HTML keeps the caption for screen readers."""
        return " ".join(caption.split()).casefold() == " ".join(self.title.split()).casefold()

    def walk(self) -> tuple[Section, ...]:
        """Every section in reading order."""
        return tuple(s for top in self.sections for s in top.walk())

    def charts(self) -> tuple[Chart, ...]:
        """Every chart in reading order."""
        return tuple(b for s in self.walk() for b in s.blocks if isinstance(b, Chart))

    def tables(self) -> tuple[Table, ...]:
        """Every table in reading order."""
        return tuple(b for s in self.walk() for b in s.blocks if isinstance(b, Table))
