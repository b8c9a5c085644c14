"""KS' 10-FAKTOR results: factor means per unit become one profile per unit.

Municipalities get 10-FAKTOR results from KS as a table with one row per unit
(enhet) and the mean of each of the ten factors (1-5), often with the number of
respondents. A mapping (YAML, format ``tiltak.tenfactor/1``; the bundled one is
``surveys/10-faktor.yaml``) says which competence area and dimension each
factor stands for; factors mapped to the same area and dimension are averaged.
Units with fewer respondents than the mapping's minimum (KS: 3) get no profile.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import pydantic
from pydantic import BeforeValidator, Field

from tiltak._args import checked
from tiltak._i18n import Lang, message
from tiltak._validation import (
    Dimension,
    Id,
    Model,
    Text,
    normalise_dimension,
    problems_from_validation,
)
from tiltak._yaml import load_yaml_file
from tiltak.catalogue import Catalogue
from tiltak.errors import Problem, SurveyError
from tiltak.profile import PROFILE_FORMAT, Profile, SubjectKind
from tiltak.survey._definition import ColumnName, norm
from tiltak.survey._read import read_any

TENFACTOR_FORMAT = "tiltak.tenfactor/1"
KS_MINIMUM = 3


class Source(Model):
    """Material the mapping follows."""

    key: str
    title: str
    url: str | None = None


class Factor(Model):
    """One of the ten factors: the columns that hold its mean, and what it maps to."""

    number: Annotated[int, Field(ge=1, le=10)]
    id: Id
    name: Text
    columns: tuple[ColumnName, ...] = Field(min_length=1)
    area: Id
    dimension: Annotated[Dimension, BeforeValidator(normalise_dimension)]
    basis: Text
    judgement: bool = True
    """True where the mapping is our own judgement rather than the cited material's."""


class TenFactorDefinition(Model):
    """A 10-FAKTOR mapping in format ``tiltak.tenfactor/1``."""

    format: Literal["tiltak.tenfactor/1"]
    id: Id
    title: Text
    subject_kind: SubjectKind = "unit"
    minimum_group: Annotated[int, Field(ge=KS_MINIMUM)] = KS_MINIMUM
    unit_columns: tuple[ColumnName, ...] = Field(min_length=1)
    respondent_columns: tuple[ColumnName, ...] = ()
    sources: tuple[Source, ...] = ()
    factors: tuple[Factor, ...] = Field(min_length=1)


@checked
def load_tenfactor(path: str | Path, catalogue: Catalogue | None = None) -> TenFactorDefinition:
    """Load and check a 10-FAKTOR mapping (located errors, areas against the catalogue)."""
    doc, problems = load_yaml_file(Path(path))
    if doc is None or problems:
        raise SurveyError(problems)
    try:
        defn = TenFactorDefinition.model_validate(doc.data)
    except pydantic.ValidationError as exc:
        raise SurveyError(problems_from_validation(
            exc, (), lambda loc, key, params, at_key: doc.problem(loc, key, at_key=at_key,
                                                                  **params))) from None
    found: list[Problem] = []
    numbers: set[int] = set()
    for i, factor in enumerate(defn.factors):
        if factor.number in numbers:
            found.append(doc.problem(("factors", i, "number"), "tenfactor-duplicate-factor",
                                     number=factor.number))
        numbers.add(factor.number)
        if catalogue is not None and factor.area not in catalogue.areas:
            found.append(doc.problem(("factors", i, "area"), "profile-unknown-area",
                                     area=factor.area, known=", ".join(catalogue.areas)))
    if found:
        raise SurveyError(found)
    return defn


def is_tenfactor(path: Path) -> bool:
    """Whether a YAML file is a 10-FAKTOR mapping (by its ``format``)."""
    doc, _ = load_yaml_file(path)
    return doc is not None and isinstance(doc.data, dict) and \
        doc.data.get("format") == TENFACTOR_FORMAT


def unit_id(name: str) -> str:
    """A lower-case id from a unit's name: "Bø sykehjem" -> "bo-sykehjem"."""
    text = name.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = re.sub(r"[\W_]+", "-", text)         # any punctuation or dash separates words
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug[:80] or "enhet"


@dataclass(frozen=True, slots=True)
class TenFactorImport:
    """Profiles per unit from a 10-FAKTOR table, and what a reader should know."""

    profiles: tuple[Profile, ...]
    definition: TenFactorDefinition
    source: str
    withheld: int
    warnings: tuple[Problem, ...]

    def to_jsonl(self) -> str:
        """One profile per line (compact JSON), in table order."""
        return "".join(json.dumps(p.model_dump(mode="json", exclude_none=True),
                                  ensure_ascii=False, separators=(",", ":")) + "\n"
                       for p in self.profiles)

    def summary(self, lang: Lang = "en") -> list[str]:
        """Lines for stderr: units read, warnings, units withheld."""
        lines = [message("tenfactor-summary", lang, units=len(self.profiles),
                         file=self.source)]
        lines += [p.render(lang) for p in self.warnings]
        if self.withheld:
            lines.append(message("tenfactor-withheld", lang, count=self.withheld,
                                 minimum=self.definition.minimum_group))
        return lines


_NUMBER = re.compile(r"^\s*(\d+)(?:[.,](\d+))?\s*$")


def _number(text: str) -> float | None:
    m = _NUMBER.match(text)
    if m is None:
        return None
    return float(m.group(1) + ("." + m.group(2) if m.group(2) else ""))


@checked
def import_tenfactor(table_path: str | Path, definition: TenFactorDefinition, *,
                     encoding: str | None = None,
                     minimum: int | None = None) -> TenFactorImport:
    """Read a 10-FAKTOR unit table and build one profile per unit (see module docs)."""
    least = definition.minimum_group if minimum is None else max(minimum, KS_MINIMUM)
    columns = [c for f in definition.factors for c in f.columns]
    columns += list(definition.unit_columns) + list(definition.respondent_columns)
    table = read_any(table_path, columns, None, encoding)
    index: dict[str, int] = {}
    for block in (*table.extra_headers, table.header):
        for i, name in enumerate(block[:len(table.header)]):
            if norm(name):
                index[norm(name)] = i

    def find(names: tuple[ColumnName, ...]) -> int | None:
        return next((index[norm(n)] for n in names if norm(n) in index), None)

    problems: list[Problem] = []
    unit_col = find(definition.unit_columns)
    if unit_col is None:
        problems.append(Problem("tenfactor-missing-unit",
                                {"names": ", ".join(f"«{n}»" for n in definition.unit_columns)},
                                file=table.file, line=table.header_line))
    count_col = find(definition.respondent_columns) if definition.respondent_columns else None
    factor_cols = [(f, find(f.columns)) for f in definition.factors]
    found = [(f, c) for f, c in factor_cols if c is not None]
    if not found:
        problems.append(Problem("tenfactor-no-factors",
                                {"names": ", ".join(f"«{f.columns[0]}»"
                                                    for f in definition.factors)},
                                file=table.file, line=table.header_line))
    if problems:
        raise SurveyError(problems)
    assert unit_col is not None
    warnings: list[Problem] = []
    missing = [f for f, c in factor_cols if c is None]
    if missing:
        warnings.append(Problem("tenfactor-warn-missing-factors",
                                {"names": ", ".join(f.name.nb for f in missing)},
                                file=table.file))
    if count_col is None:
        warnings.append(Problem("tenfactor-warn-no-counts", {"minimum": least},
                                file=table.file))
    cells: dict[tuple[str, Dimension], list[tuple[Factor, int]]] = {}
    for f, c in found:
        cells.setdefault((f.area, f.dimension), []).append((f, c))
    profiles: list[Profile] = []
    ids: dict[str, int] = {}
    withheld = 0
    for number, row in table.rows:
        if not any(cell.strip() for cell in row):
            continue
        name = row[unit_col].strip() if unit_col < len(row) else ""
        if not name:
            problems.append(Problem("tenfactor-missing-name", file=table.file, line=number,
                                    column=unit_col + 1))
            continue
        respondents: int | None = None
        if count_col is not None:
            value = _number(row[count_col]) if count_col < len(row) else None
            if value is None or not value.is_integer():
                problems.append(Problem("tenfactor-bad-count",
                                        {"value": row[count_col] if count_col < len(row)
                                         else ""},
                                        file=table.file, line=number, column=count_col + 1))
                continue
            respondents = int(value)
        means: dict[int, float] = {}
        for f, c in found:
            text = row[c].strip() if c < len(row) else ""
            if not text or text in ("-", "*"):
                continue          # no result for this factor (KS leaves such cells empty)
            value = _number(text)
            if value is None or not 1.0 <= value <= 5.0:
                problems.append(Problem("tenfactor-bad-mean", {"value": text,
                                                               "factor": f.name.nb},
                                        file=table.file, line=number, column=c + 1))
                continue
            means[f.number] = value
        if respondents is not None and respondents < least:
            withheld += 1
            continue
        uid = unit_id(name)
        if uid in ids:
            problems.append(Problem("tenfactor-duplicate-unit", {"unit": name,
                                                                 "first": ids[uid]},
                                    file=table.file, line=number, column=unit_col + 1))
            continue
        ids[uid] = number
        competence: dict[str, dict[str, object]] = {}
        for (area, dim), members in cells.items():
            values = [means[f.number] for f, _ in members if f.number in means]
            if not values:
                continue
            cell: dict[str, object] = {"level": round(sum(values) / len(values), 2)}
            if respondents is not None:
                cell["respondents"] = respondents
            competence.setdefault(area, {})[dim] = cell
        profiles.append(Profile.model_validate({
            "format": PROFILE_FORMAT,
            "subject": {"kind": definition.subject_kind, "id": uid, "name": name,
                        "attributes": {"survey": definition.id, "minimum_group": least}},
            "respondents": respondents,
            "competence": competence,
        }))
    if problems:
        raise SurveyError(problems)
    if not profiles:
        raise SurveyError([Problem("tenfactor-no-units", {"withheld": withheld,
                                                           "minimum": least},
                                   file=table.file)])
    return TenFactorImport(tuple(profiles), definition, str(table_path), withheld,
                           tuple(warnings))
