"""Reading survey exports (CSV in the encodings and separators real tools write, and XLSX).

Every cell is matched against the definition; nothing is guessed silently. A
missing column, an unknown answer, a broken row or a duplicate respondent id
is a located problem (file:row:column); empty rows and rows with no
competence answers are skipped and counted.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tiltak import _limits
from tiltak._i18n import add_messages
from tiltak._io import bom_encoding, read_limited, undecodable
from tiltak.errors import Problem, SurveyError
from tiltak.survey._definition import SurveyDefinition, norm

add_messages(
    {
        "survey-xlsx-too-large": (
            "arbeidsboken pakker ut {member} til mer enn {limit} byte (kan heves med {variable})",
            "the workbook unpacks {member} to more than {limit} bytes (raise it with {variable})",
        ),
        "survey-too-many-rows": (
            "eksporten har flere enn {limit} rader (kan heves med {variable})",
            "the export has more than {limit} rows (raise it with {variable})",
        ),
        "survey-too-many-cells": (
            "eksporten har flere enn {limit} celler (kan heves med {variable})",
            "the export has more than {limit} cells (raise it with {variable})",
        ),
        "survey-cell-too-long": (
            "cellen har {length} tegn; grensen er {limit} (kan heves med {variable})",
            "the cell holds {length} characters; the limit is {limit} (raise it with {variable})",
        ),
    }
)

# An XLSX file is a zip of XML: unpacked it may be many times its size. Each part
# may unpack to at most this many times the byte limit for exports.
_XLSX_EXPANSION = 10


class _Counter:
    """Rows and cells read so far, refused as soon as a limit is passed."""

    def __init__(self, display: str, limits: _limits.Limits) -> None:
        self.display = display
        self.limits = limits
        self.rows = 0
        self.cells = 0

    def add(self, row: tuple[str, ...], line: int) -> None:
        self.rows += 1
        self.cells += len(row)
        limits = self.limits
        if self.rows > limits.survey_rows + 1:  # the header is a row too
            raise SurveyError([Problem("survey-too-many-rows", {
                "limit": limits.survey_rows,
                "variable": _limits.Limits.variable("survey_rows")}, file=self.display,
                line=line)])
        if self.cells > limits.survey_cells:
            raise SurveyError([Problem("survey-too-many-cells", {
                "limit": limits.survey_cells,
                "variable": _limits.Limits.variable("survey_cells")}, file=self.display,
                line=line)])
        for column, cell in enumerate(row, start=1):
            if len(cell) > limits.cell_chars:
                raise SurveyError([Problem("survey-cell-too-long", {
                    "length": len(cell), "limit": limits.cell_chars,
                    "variable": _limits.Limits.variable("cell_chars")}, file=self.display,
                    line=line, column=column)])


def _check_zip(raw: bytes, display: str, limits: _limits.Limits) -> None:
    """Refuse a workbook whose parts unpack too large, before any part is unpacked."""
    limit = limits.file_bytes * _XLSX_EXPANSION
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SurveyError([Problem("survey-xlsx-unreadable", {"reason": str(exc)},
                                   file=display)]) from None
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limit or total > limit:
            raise SurveyError([Problem("survey-xlsx-too-large", {
                "member": info.filename[:80], "limit": limit,
                "variable": _limits.Limits.variable("file_bytes")}, file=display)])

_DELIMITERS = (";", ",", "\t")
_MOJIBAKE = ("Ã¦", "Ã¸", "Ã¥", "Ã†", "Ã˜", "Ã…", "â€")


@dataclass(frozen=True, slots=True)
class Table:
    """The raw export: a header and rows of text, each row with its number in the file."""

    file: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str | None = None
    delimiter: str | None = None
    header_line: int = 1
    extra_headers: tuple[tuple[str, ...], ...] = ()   # header rows above the main one


@dataclass(frozen=True, slots=True)
class Responses:
    """Answers matched against a definition: one entry per used row."""

    ids: tuple[str, ...]
    answers: tuple[tuple[int | None, ...], ...]       # per question, per respondent
    background: tuple[tuple[str | None, ...], ...]    # per background variable, per respondent
    rows_read: int
    skipped_empty: int
    skipped_unanswered: int
    warnings: tuple[Problem, ...] = field(default=())
    level_codes: Any = field(default=None, repr=False, compare=False)
    """The answers as a numpy int8 array, questions x respondents (0 = no answer)."""
    background_codes: Any = field(default=None, repr=False, compare=False)
    """The background as a numpy int64 array, respondents x variables: the index of the
    value in the definition, -1 = no answer."""

    @property
    def used(self) -> int:
        return len(self.ids)

    @property
    def skipped(self) -> int:
        return self.skipped_empty + self.skipped_unanswered


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _read_xlsx(raw: bytes, display: str) -> Table:
    import openpyxl  # type: ignore[import-untyped,unused-ignore]  # only for workbooks

    limits = _limits.current()
    _check_zip(raw, display, limits)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError,
            AttributeError, IndexError, SyntaxError) as exc:  # openpyxl on a broken workbook
        raise SurveyError([Problem("survey-xlsx-unreadable", {"reason": str(exc)[:200]},
                                   file=display)]) from None
    counter = _Counter(display, limits)
    cells: list[tuple[str, ...]] = []
    try:
        if not book.worksheets:
            raise SurveyError([Problem("survey-empty-export", file=display)])
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            row = tuple(_cell_text(v) for v in values)
            counter.add(row, number)
            cells.append(row)
        title = sheet.title
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError,
            AttributeError, IndexError, SyntaxError) as exc:
        raise SurveyError([Problem("survey-xlsx-unreadable", {"reason": str(exc)[:200]},
                                   file=display)]) from None
    finally:
        book.close()
    if not cells:
        raise SurveyError([Problem("survey-empty-export", file=display)])
    width = len(cells[0])
    while width and not cells[0][width - 1].strip():
        width -= 1
    header = cells[0][:width]
    rows = []
    for number, row in enumerate(cells[1:], start=2):
        extra = [c for c in row[width:] if c.strip()]
        padded = (row + ("",) * width)[:width]
        rows.append((number, padded if not extra else row))
    return Table(f"{display}[{title}]", header, tuple(rows))


# How a text without a byte-order mark (tiltak._io.bom_encoding) starts when its first
# character is ASCII (a header), as RFC 4627 detects JSON's encoding: Excel's "Unicode text"
# is UTF-16 with a mark, some tools write none.
_UNMARKED = ((re.compile(rb"[^\x00]\x00\x00\x00"), "utf-32-le"),
             (re.compile(rb"\x00\x00\x00[^\x00]"), "utf-32-be"),
             (re.compile(rb"[^\x00]\x00[^\x00]\x00"), "utf-16-le"),
             (re.compile(rb"\x00[^\x00]\x00[^\x00]"), "utf-16-be"))


def _decode(raw: bytes, display: str, encoding: str | None) -> tuple[str, str]:
    """The text of a CSV export and its encoding: the one given, the one its byte-order mark
    or its first bytes name, else UTF-8, else Windows-1252. Text that breaks off in the
    encoding it names, or a NUL byte in a text, is located by line and column."""
    if encoding is not None:
        try:
            return raw.decode(encoding), encoding
        except LookupError:
            raise SurveyError([Problem("survey-bad-encoding",
                                       {"encoding": encoding, "offset": 0},
                                       file=display)]) from None
        except UnicodeDecodeError as exc:
            raise SurveyError([undecodable(raw, exc, display)]) from None
    named = bom_encoding(raw) or ("utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else None)
    if named is None and b"\x00" in raw[:4]:
        named = next((codec for pattern, codec in _UNMARKED if pattern.match(raw)), None)
    if named is not None:
        try:
            text = raw.decode(named)
        except UnicodeDecodeError as exc:
            raise SurveyError([undecodable(raw, exc, display)]) from None
        used = "utf-8" if named == "utf-8-sig" else named[:6]  # utf-8, utf-16, utf-32
    else:
        text, used = _decode_unmarked(raw, display)
    nul = text.find("\x00")
    if nul >= 0:
        head = text[:nul]
        raise SurveyError([Problem("survey-nul", file=display, line=_line_of(head),
                                   column=nul - _line_start(head) + 1)])
    return text, used


def _line_of(head: str) -> int:
    """The line (1-based) at the end of ``head``, each of \\r\\n, \\n and \\r a break."""
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _line_start(head: str) -> int:
    return max(head.rfind("\n"), head.rfind("\r")) + 1


def _decode_unmarked(raw: bytes, display: str) -> tuple[str, str]:
    if b"\x00" in raw:  # not UTF-16 or UTF-32 (their first bytes say): locate the NUL
        return raw.decode("utf-8", errors="replace"), "utf-8"
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        raise SurveyError([Problem("survey-binary", file=display)]) from None


def _score_delimiter(text: str, delimiter: str, wanted: set[str]) -> tuple[int, int]:
    """How well a delimiter splits the first lines: the most wanted column names found
    on one line, then the most fields (the header need not be the first line)."""
    best = (-1, -1)
    for line in text.splitlines()[:_HEADER_SEARCH]:  # "\r\n", "\n" or old Mac "\r"
        try:
            header = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
        except csv.Error:
            continue
        best = max(best, (sum(1 for h in header if norm(h) in wanted), len(header)))
    return best


def _read_csv(raw: bytes, display: str, wanted: set[str], encoding: str | None) -> Table:
    text, used = _decode(raw, display, encoding)
    if used not in ("utf-8", "utf-16", "utf-32"):
        sample = next((m for m in _MOJIBAKE if m in text), None)
        if sample is not None:
            raise SurveyError([Problem("survey-mojibake", {"sample": sample, "encoding": used},
                                       file=display)])
    delimiter = max(_DELIMITERS, key=lambda d: _score_delimiter(text[:200_000], d, wanted))
    limits = _limits.current()
    records, lines = _records(text, delimiter, display, limits)
    _check_limits(records, lines, display, limits)
    header = tuple(records[0]) if records else None
    if not header or not any(h.strip() for h in header):
        raise SurveyError([Problem("survey-empty-export", file=display)])
    rows = tuple(zip(lines[1:], map(tuple, records[1:]), strict=True))
    return Table(display, header, rows, used, delimiter)


_SHARED_TEXTS = 200_000


def _shared(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """The records with each distinct text kept once (up to ``_SHARED_TEXTS`` of them):
    exports repeat a few texts (the answers) in most cells, so this more than halves the
    memory and makes the lookups per column cheap (one object, its hash known)."""
    known: dict[str, str] = {}
    for record in reader:
        if len(known) > _SHARED_TEXTS:
            known.clear()
        yield list(map(known.setdefault, record, record))


def _records(text: str, delimiter: str, display: str,
             limits: _limits.Limits) -> tuple[list[list[str]], list[int]]:
    """The CSV records and the line each starts on. When there are as many records as
    lines, each record is one line; only otherwise (a quoted cell with a line break, or
    broken quoting) is the text read again record by record for the line numbers."""
    whole: list[list[str]] | None
    try:
        whole = list(_shared(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                                        strict=True)))
    except csv.Error:
        whole = None
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    lines = breaks + (1 if text and not text.endswith(("\n", "\r")) else 0)
    if whole is not None and len(whole) == lines:
        return whole, list(range(1, lines + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    starts: list[int] = []
    start = 1
    try:
        for record in _shared(reader):
            records.append(record)
            starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        _check_limits(records, starts, display, limits)   # a limit passed earlier comes first
        trouble = quote_trouble(text, delimiter)
        if trouble is not None:
            raise SurveyError([trouble.problem(display)]) from None
        raise SurveyError([Problem("v-other", {"detail": str(exc)}, file=display,
                                   line=reader.line_num)]) from None
    return records, starts


_BREAK = re.compile(r"\r\n|\r|\n")
# A quoted cell: quotes inside it written twice (unrolled, so that a quote left open is found
# in one pass over the text, without backtracking).
_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')


@dataclass(frozen=True, slots=True)
class QuoteTrouble:
    """Where the quoting of a CSV text goes wrong. ``kind``: ``unclosed`` (a quote opens and is
    never closed), ``runs-on`` (a quoted cell runs over a line break to a quote followed by
    more text: most often a quote left open) or ``text-after`` (text after a closing quote on
    the same line). ``line``/``column``: where the quote opens; ``at_line``/``at_column``:
    where the text after it begins."""

    kind: str
    line: int
    column: int
    cell: int
    at_line: int = 0
    at_column: int = 0

    def problem(self, display: str) -> Problem:
        params = {"line": self.line, "column": self.column, "cell": self.cell,
                  "at_line": self.at_line, "at_column": self.at_column}
        if self.kind == "text-after":
            return Problem("survey-quote-text-after", params, file=display,
                           line=self.at_line, column=self.at_column)
        return Problem(f"survey-quote-{self.kind}", params, file=display, line=self.line,
                       column=self.column)


def quote_trouble(text: str, delimiter: str) -> QuoteTrouble | None:
    """The first quoting mistake in CSV ``text`` (lines and columns 1-based, in characters; a
    line ends at \\r\\n, \\n or \\r), or None when every quoted cell closes and is followed by
    the delimiter, a line break or the end. A quote inside an unquoted cell is text, as the
    csv module and spreadsheets read it."""
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    pos, end = 0, len(text)
    line, line_start, cell = 1, 0, 1
    while pos < end:
        if text[pos] == '"':
            opened = (line, pos - line_start + 1)
            match = _QUOTED.match(text, pos)
            if match is None:
                return QuoteTrouble("unclosed", *opened, cell)
            breaks = list(_BREAK.finditer(match.group(1)))
            if breaks:
                line += len(breaks)
                line_start = match.start(1) + breaks[-1].end()
            pos = match.end()
            if pos < end and text[pos] not in (delimiter, "\r", "\n"):
                return QuoteTrouble("runs-on" if breaks else "text-after", *opened, cell, line,
                                    pos - line_start + 1)
        else:
            found = unquoted.match(text, pos)
            pos = found.end() if found is not None else pos
        if pos >= end:
            break
        if text[pos] == delimiter:
            cell += 1
            pos += 1
            continue
        brk = _BREAK.match(text, pos)
        pos = brk.end() if brk is not None else pos + 1
        line, line_start, cell = line + 1, pos, 1
    return None


def _check_limits(records: list[list[str]], lines: list[int], display: str,
                  limits: _limits.Limits) -> None:
    """Refuse the records if they pass a limit, with the error the first row past it gets:
    checked in bulk, and row by row only when a limit is passed."""
    too_many = len(records) > limits.survey_rows + 1 or \
        sum(map(len, records)) > limits.survey_cells
    if not too_many and max(map(len, itertools.chain.from_iterable(records)),
                            default=0) <= limits.cell_chars:
        return
    counter = _Counter(display, limits)
    for record, line in zip(records, lines, strict=True):
        counter.add(tuple(record), line)


def read_table(path: str | Path, definition: SurveyDefinition,
               encoding: str | None = None) -> Table:
    """Read an export file into a :class:`Table` (XLSX by content, else CSV)."""
    wanted = [q.column for q in definition.questions]
    wanted += [b.column for b in definition.background]
    if definition.respondent_id:
        wanted.append(definition.respondent_id)
    return read_any(path, wanted, definition.header_row, encoding)


def read_any(path: str | Path, columns: list[str], header_row: int | None = None,
             encoding: str | None = None) -> Table:
    """Read an export with these column names somewhere in its header (see :func:`rehead`)."""
    source = Path(path)
    display = str(path)
    raw, problems = read_limited(source, display, _limits.current().file_bytes)
    if raw is None:
        raise SurveyError(problems)
    if raw.startswith(b"PK\x03\x04"):
        return rehead(_read_xlsx(raw, display), columns, header_row)
    if source.suffix.lower() in (".xls", ".xlsm", ".ods", ".numbers"):
        raise SurveyError([Problem("survey-unsupported-file", {"suffix": source.suffix},
                                   file=display)])
    return rehead(_read_csv(raw, display, {norm(c) for c in columns}, encoding), columns,
                  header_row)


_HEADER_SEARCH = 10


def _names(rows: list[tuple[str, ...]], position: int) -> set[str]:
    return {norm(r[position]) for r in rows if position < len(r) and r[position].strip()}


def rehead(table: Table, columns: list[str], header_row: int | None = None) -> Table:
    """The table with its header on ``header_row``, or on the row among the first ten
    where most of ``columns`` are found (the row itself or a header row above it); rows
    above the header are kept as extra header rows."""
    wanted = [norm(c) for c in columns]
    records = [table.header] + [row for _, row in table.rows[:_HEADER_SEARCH - 1]]

    def found(r: int) -> int:
        above = records[:r + 1]
        width = max(len(x) for x in above)
        names: set[str] = set()
        for position in range(width):
            names |= _names(above, position)
        return sum(1 for w in wanted if w in names)

    if header_row is not None:
        chosen = header_row - 1
        if chosen >= len(records):
            raise SurveyError([Problem("survey-header-row-missing",
                                       {"row": header_row}, file=table.file)])
    else:
        scores = [found(r) for r in range(len(records))]
        chosen = max(range(len(records)), key=lambda r: (scores[r], -r))
        if scores[chosen] == scores[0]:
            chosen = 0
    if chosen == 0:
        return table
    above = records[:chosen]
    number = table.rows[chosen - 1][0]
    return Table(table.file, records[chosen], table.rows[chosen:], table.encoding,
                 table.delimiter, number, tuple(above))


_SUMMARISE_FROM = 6      # this many cells failing the same way become one message
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def summarise(problems: list[Problem], table: Table) -> list[Problem]:
    """Unknown answers, when many cells fail the same way, as one message each with the
    likely cause: numbers where the scale has texts (the export codes answers), a second
    header row read as answers, or one column's answers not in the definition."""
    unknown = [p for p in problems if p.key == "survey-unknown-answer"]
    if len(unknown) < _SUMMARISE_FROM:
        return problems
    rest = [p for p in problems if p.key != "survey-unknown-answer"]
    out: list[Problem] = []
    first = table.rows[0][0] if table.rows else None
    in_first = [p for p in unknown if p.line == first]
    columns = {p.column for p in unknown}
    if first is not None and len(in_first) >= max(2, len(columns) // 2) and \
            not all(_NUMBER.match(str(p.params["answer"])) for p in in_first):
        sample = in_first[0]
        out.append(Problem("survey-many-header-row",
                           {"row": first, "count": len(in_first),
                            "answer": sample.params["answer"], "next": first},
                           file=table.file, line=first))
        unknown = [p for p in unknown if p.line != first]
    numeric = [p for p in unknown if _NUMBER.match(str(p.params["answer"]))]
    if len(numeric) >= _SUMMARISE_FROM:
        seen = sorted({str(p.params["answer"]) for p in numeric},
                      key=lambda a: (len(a), a))
        sample = numeric[0]
        out.append(Problem("survey-many-numeric",
                           {"count": len(numeric), "columns": len({p.column for p in numeric}),
                            "answers": ", ".join(f"«{a}»" for a in seen[:8]),
                            "row": sample.line, "col": sample.column},
                           file=table.file))
        unknown = [p for p in unknown if p not in numeric]
    by_column: dict[int | None, list[Problem]] = {}
    for p in unknown:
        by_column.setdefault(p.column, []).append(p)
    for group in by_column.values():
        if len(group) < _SUMMARISE_FROM:
            out += group
            continue
        answers = list(dict.fromkeys(str(p.params["answer"]) for p in group))
        sample = group[0]
        out.append(Problem("survey-many-unknown",
                           {"count": len(group),
                            "answers": ", ".join(f"«{a}»" for a in answers[:5]),
                            "expected": sample.params["expected"]},
                           file=table.file, line=sample.line, column=sample.column,
                           path=sample.path))
    return rest + out


def _second_header(row: tuple[str, ...], q_cols: list[int], definition: SurveyDefinition,
                   scales: dict[str, dict[str, int | None]]) -> bool:
    """Whether the first row below the header is a second header row: at least two
    question cells filled, and not one of them an answer their scale knows or a number."""
    filled = [(q, row[c]) for q, c in zip(definition.questions, q_cols, strict=True)
              if c < len(row) and row[c].strip()]
    return len(filled) >= 2 and all(norm(text) not in scales[q.scale]
                                    and not _NUMBER.match(text.strip()) for q, text in filled)


def _expected(options: list[str]) -> str:
    shown = ", ".join(f"«{o}»" for o in options[:8])
    return shown + (", ..." if len(options) > 8 else "")


def match(table: Table, definition: SurveyDefinition) -> Responses:
    """Match a table against a definition; raise every problem together."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if table.encoding not in (None, "utf-8", "utf-16", "utf-32"):
        warnings.append(Problem("survey-warn-encoding", {"encoding": table.encoding},
                                file=table.file))
    index: dict[str, int] = {}
    for i, name in enumerate(table.header):
        key = norm(name)
        if not key:
            continue
        if key in index:
            problems.append(Problem("survey-column-twice", {"column": name,
                                                            "other": index[key] + 1},
                                    file=table.file, line=table.header_line, column=i + 1))
            continue
        index[key] = i
    for above in table.extra_headers:      # e.g. question texts above sub-headings
        for i, name in enumerate(above[:len(table.header)]):
            if norm(name):
                index.setdefault(norm(name), i)
    headers = [h for h in table.header if norm(h)]

    def find(column: str, what: str) -> int:
        if norm(column) in index:
            return index[norm(column)]
        close = difflib.get_close_matches(column, headers, n=1, cutoff=0.6)
        params = {"column": column, "what": what}
        key = "survey-missing-column"
        if close:
            key, params["close"] = "survey-missing-column-close", close[0]
        problems.append(Problem(key, params, file=table.file, line=table.header_line))
        return -1

    q_cols = [find(q.column, f"{q.area}.{q.dimension}") for q in definition.questions]
    b_cols = [find(b.column, b.by) for b in definition.background]
    id_col = find(definition.respondent_id, "id") if definition.respondent_id else None
    used_cols = {c for c in (*q_cols, *b_cols, id_col) if c is not None and c >= 0}
    ignored = [h for i, h in enumerate(table.header) if norm(h) and i not in used_cols]
    if ignored:
        warnings.append(Problem("survey-warn-ignored-columns",
                                {"count": len(ignored), "columns": _expected(ignored)},
                                file=table.file))
    if problems:
        raise SurveyError(problems)

    scales: dict[str, dict[str, int | None]] = {}
    for name, scale in definition.scales.items():
        lookup: dict[str, int | None] = {}
        for code, code_level in scale.codes.items():   # numbers as exports write them
            for shown in (str(code), f"{code}.0", f"{code},0"):
                lookup[shown] = code_level
        lookup.update({norm(text): level for text, level in scale.options.items()})
        scales[name] = lookup
    scale_texts = {name: [*scale.options, *(str(c) for c in scale.codes)]
                   for name, scale in definition.scales.items()}
    bg_maps: list[dict[str, str | None]] = []
    bg_texts: list[list[str]] = []
    for bg in definition.background:
        mapping: dict[str, str | None] = {norm(a): v.id for v in bg.values for a in v.answers}
        mapping.update({norm(a): None for a in bg.no_answer})
        bg_maps.append(mapping)
        bg_texts.append([a for v in bg.values for a in v.answers] + list(bg.no_answer))

    seen: dict[str, str] = {}   # exports repeat a few texts many times: normalise each once

    def normal(text: str) -> str:
        key = seen.get(text)
        if key is None:
            key = seen[text] = norm(text)
        return key

    if table.header_line != 1 and definition.header_row is None:
        warnings.append(Problem("survey-warn-header-row", {"row": table.header_line},
                                file=table.file))
    width = len(table.header)
    ids: list[str] = []
    first_row: dict[str, int] = {}
    answers: list[list[int | None]] = [[] for _ in definition.questions]
    background: list[list[str | None]] = [[] for _ in definition.background]
    skipped_empty = skipped_unanswered = 0
    rows = table.rows
    if rows and definition.header_row is None and _second_header(rows[0][1], q_cols,
                                                                 definition, scales):
        warnings.append(Problem("survey-warn-second-header", {"row": rows[0][0]},
                                file=table.file))
        rows = rows[1:]
    fast = _match_columns(rows, width, q_cols, b_cols, id_col, definition, scales, bg_maps,
                          scale_texts, bg_texts, normal)
    if fast is not None:
        (ids, answers_t, background_t, skipped_empty, skipped_unanswered, level_codes,
         background_codes) = fast
    else:   # row by row: slower, and says which rows are wrong
        for number, row in rows:
            if not any(cell.strip() for cell in row):
                skipped_empty += 1
                continue
            if len(row) != width:
                problems.append(Problem("survey-row-width", {"got": len(row), "expected": width},
                                        file=table.file, line=number))
                continue
            row_answers: list[int | None] = []
            row_ok = True
            for q, col in zip(definition.questions, q_cols, strict=True):
                text = row[col]
                level = _level(text, scales[q.scale], q.reverse, normal)
                if level is None:
                    problems.append(Problem("survey-unknown-answer",
                                            {"answer": text.strip(),
                                             "expected": _expected(scale_texts[q.scale])},
                                            file=table.file, line=number, column=col + 1,
                                            path=table.header[col]))
                    row_ok = False
                    continue
                row_answers.append(level or None)
            row_bg: list[str | None] = []
            for b, mapping, texts, col in zip(definition.background, bg_maps, bg_texts, b_cols,
                                              strict=True):
                text = row[col]
                known, value = _value(text, mapping, normal)
                if not known:
                    problems.append(Problem("survey-unknown-answer",
                                            {"answer": text.strip(), "expected": _expected(texts)},
                                            file=table.file, line=number, column=col + 1,
                                            path=b.column))
                    row_ok = False
                    continue
                row_bg.append(value)
            rid = str(number)
            if id_col is not None:
                rid = row[id_col].strip()
                if not rid:
                    problems.append(Problem("survey-missing-id", file=table.file, line=number,
                                            column=id_col + 1, path=table.header[id_col]))
                    row_ok = False
                elif rid in first_row:
                    problems.append(Problem("survey-duplicate-id",
                                            {"id": rid, "first": first_row[rid]},
                                            file=table.file, line=number, column=id_col + 1,
                                            path=table.header[id_col]))
                    row_ok = False
                else:
                    first_row[rid] = number
            if not row_ok:
                continue
            if all(a is None for a in row_answers):
                skipped_unanswered += 1
                continue
            ids.append(rid)
            for i, a in enumerate(row_answers):
                answers[i].append(a)
            for i, v in enumerate(row_bg):
                background[i].append(v)
        if problems:
            raise SurveyError(summarise(problems, table))
        answers_t = tuple(tuple(a) for a in answers)
        background_t = tuple(tuple(b) for b in background)
        level_codes, background_codes = _codes(answers_t, background_t, definition)
    if skipped_empty:
        warnings.append(Problem("survey-skip-empty", {"count": skipped_empty}, file=table.file))
    if skipped_unanswered:
        warnings.append(Problem("survey-skip-unanswered", {"count": skipped_unanswered},
                                file=table.file))
    if not ids:
        raise SurveyError([Problem("survey-no-rows",
                                   {"skipped": skipped_empty + skipped_unanswered},
                                   file=table.file)])
    return Responses(
        ids=tuple(ids),
        answers=answers_t,
        background=background_t,
        rows_read=len(table.rows),
        skipped_empty=skipped_empty,
        skipped_unanswered=skipped_unanswered,
        warnings=tuple(warnings),
        level_codes=level_codes,
        background_codes=background_codes,
    )


def _level(text: str, scale: dict[str, int | None], reverse: bool,
           normal: Callable[[str], str]) -> int | None:
    """The level an answer cell gives (reversed for a reversed question), 0 for a blank
    cell or a no-answer option, None for a text its scale does not know. Both matches
    (column-wise and row by row) read a cell through this, so they cannot drift apart."""
    if not text.strip():
        return 0
    key = normal(text)
    if key not in scale:
        return None
    level = scale[key]
    return 0 if level is None else 6 - level if reverse else level


def _value(text: str, mapping: dict[str, str | None],
           normal: Callable[[str], str]) -> tuple[bool, str | None]:
    """Whether a background cell's text is known, and the value it gives (None for a blank
    cell or a no-answer option); shared by both matches like :func:`_level`."""
    if not text.strip():
        return True, None
    key = normal(text)
    if key not in mapping:
        return False, None
    return True, mapping[key]


def _codes(answers: tuple[tuple[int | None, ...], ...],
           background: tuple[tuple[str | None, ...], ...],
           definition: SurveyDefinition) -> tuple[Any, Any]:
    """The answers and background as arrays (see :class:`Responses`)."""
    import numpy as np  # on first use: only surveys need it

    n = len(background[0]) if background else len(answers[0]) if answers else 0
    levels = np.zeros((len(answers), n), dtype=np.int8)
    for i, column in enumerate(answers):
        levels[i] = [0 if a is None else a for a in column]
    codes = np.full((n, len(background)), -1, dtype=np.int64)
    for v, (bg, ids) in enumerate(zip(definition.background, background, strict=True)):
        index = {value.id: j for j, value in enumerate(bg.values)}
        codes[:, v] = [index[x] if x is not None else -1 for x in ids]
    return levels, codes


_RESTARTS = 16   # texts not among a column's known answers before each is looked up once


def _match_columns(rows: tuple[tuple[int, tuple[str, ...]], ...], width: int,
                   q_cols: list[int], b_cols: list[int], id_col: int | None,
                   definition: SurveyDefinition, scales: dict[str, dict[str, int | None]],
                   bg_maps: list[dict[str, str | None]], scale_texts: dict[str, list[str]],
                   bg_texts: list[list[str]], normal: Callable[[str], str],
                   ) -> tuple[Any, ...] | None:
    """What the row-by-row match gives for a table without problems, a whole column at a
    time (each distinct text looked up once); None if some row has a problem, for the
    row-by-row match to locate.

    Returns ids, answers, background, rows skipped as empty and as unanswered, and the
    arrays of :class:`Responses`.
    """
    import numpy as np  # on first use: only surveys need it

    kept = [pair for pair in rows if len(pair[1]) == width]
    if len(kept) != len(rows) and any(
            any(cell.strip() for cell in row) for _, row in rows if len(row) != width):
        return None                            # a row of the wrong width that is not empty
    m = len(kept)
    flat = list(itertools.chain.from_iterable(row for _, row in kept))
    columns = [flat[c::width] for c in range(width)]
    del flat

    filled = np.zeros(m, dtype=bool)          # rows with any text at all
    for column in columns:
        stripped = list(map(str.strip, column))
        if all(stripped):
            filled[:] = True
            break
        filled |= np.fromiter(map(bool, stripped), dtype=bool, count=m)

    def coded(column: list[str], known: list[str], code: Callable[[str], int | None],
              dtype: Any) -> Any:
        """The codes of a column's texts, or None if a text is unknown; each distinct text
        is coded once (a text not seen yet starts the column again, as they are few)."""
        lookup: dict[str, int] = {}
        for text in ("", *known):
            found = code(text)
            if found is not None:
                lookup[text] = found
        for _ in range(_RESTARTS):
            try:
                return np.fromiter(map(lookup.__getitem__, column), dtype=dtype, count=m)
            except KeyError as missing:
                text = missing.args[0]
                found = code(text)
                if found is None:
                    return None
                lookup[text] = found
        for text in set(column) - set(lookup):
            found = code(text)
            if found is None:
                return None
            lookup[text] = found
        return np.fromiter(map(lookup.__getitem__, column), dtype=dtype, count=m)

    levels = np.zeros((len(q_cols), m), dtype=np.int8)
    for i, (q, col) in enumerate(zip(definition.questions, q_cols, strict=True)):
        scale = scales[q.scale]

        def level_of(text: str, scale: dict[str, int | None] = scale,
                     reverse: bool = q.reverse) -> int | None:
            return _level(text, scale, reverse, normal)

        found = coded(columns[col], scale_texts[q.scale], level_of, np.int8)
        if found is None:
            return None
        levels[i] = found

    codes = np.full((m, len(b_cols)), -1, dtype=np.int64)
    for v, (bg, mapping, texts, col) in enumerate(zip(definition.background, bg_maps,
                                                      bg_texts, b_cols, strict=True)):
        index = {value.id: j for j, value in enumerate(bg.values)}

        def value_of(text: str, mapping: dict[str, str | None] = mapping,
                     index: dict[str, int] = index) -> int | None:
            known, found = _value(text, mapping, normal)
            if not known:
                return None                    # an unknown answer
            return -1 if found is None else index[found]

        found = coded(columns[col], texts, value_of, np.int64)
        if found is None:
            return None
        codes[:, v] = found

    if id_col is not None:
        rids_all = list(map(str.strip, columns[id_col]))
        rids = list(itertools.compress(rids_all, filled.tolist()))
        if not all(rids) or len(set(rids)) != len(rids):
            return None                        # a missing or repeated respondent id
    else:
        rids_all = [str(number) for number, _ in kept]

    used = filled & levels.any(axis=0)
    keep = used.tolist()
    ids = list(itertools.compress(rids_all, keep))
    level_objects = np.array([None, 1, 2, 3, 4, 5], dtype=object)
    answers = tuple(tuple(level_objects[levels[i, used]].tolist()) for i in range(len(q_cols)))
    codes = codes[used]
    background = tuple(
        tuple(np.array([*(value.id for value in bg.values), None], dtype=object)
              [codes[:, v]].tolist())
        for v, bg in enumerate(definition.background))
    empty = len(rows) - int(filled.sum())
    unanswered = int(filled.sum()) - len(ids)
    return ids, answers, background, empty, unanswered, levels[:, used], codes
