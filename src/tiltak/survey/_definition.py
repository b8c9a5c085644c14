"""Survey definitions (``tiltak.survey/1``): models, loading and checks against the catalogue.

A definition maps export columns to competence cells (area x dimension) or to
background variables, and the answer texts respondents saw to levels 1-5 or to
"no answer". It is YAML, loaded with located errors like the rules.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BeforeValidator, Field, StringConstraints

import tiltak.survey._text  # noqa: F401  (registers the survey messages)
from tiltak._args import checked
from tiltak._validation import (
    Dimension,
    Id,
    Model,
    Text,
    normalise_dimension,
    problems_from_validation,
)
from tiltak._yaml import YamlDoc, load_yaml_file
from tiltak.catalogue import Catalogue
from tiltak.errors import Problem, SurveyError
from tiltak.profile import SubjectKind

SURVEY_FORMAT = "tiltak.survey/1"
DEFAULT_MINIMUM = 5
LOWEST_MINIMUM = 3

ColumnName = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
AnswerLevel = Annotated[int, Field(ge=1, le=5)]


# Characters that show as nothing: a byte-order mark inside a file (two exports joined, a
# re-encoded file), zero-width spaces and joiners, a word joiner and a soft hyphen (Excel
# keeps those typed into a header). A header that differs only by them is the same header.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))


def norm(text: str) -> str:
    """Normalise a header or answer for matching: invisible characters removed, NFC,
    collapsed whitespace, case-folded."""
    return " ".join(unicodedata.normalize("NFC", text.translate(_INVISIBLE)).split()).casefold()


def _code_range(value: Any) -> Any:
    """``codes: 1-5`` (a range of five whole numbers) is short for code -> level 1..5."""
    if isinstance(value, str):
        parts = value.replace("–", "-").split("-")
        if len(parts) == 2 and all(p.strip().isdigit() for p in parts):
            low, high = int(parts[0]), int(parts[1])
            if high - low == 4:
                return {low + k: k + 1 for k in range(5)}
        raise ValueError("expected a range of five whole numbers such as 1-5, or a mapping "
                         "from code to level")
    return value


class Scale(Model):
    """Answer texts and the level each stands for; null means "no answer" (e.g. "Vet ikke").

    ``codes``: for exports that give answers as numbers, each code and the level it
    stands for (or null); ``codes: 1-5`` is short for 1 -> 1 ... 5 -> 5. A scale may have
    both (an export that mixes texts and numbers).
    """

    options: dict[ColumnName, AnswerLevel | None] = Field(default_factory=dict)
    codes: Annotated[dict[int, AnswerLevel | None], BeforeValidator(_code_range)] = Field(
        default_factory=dict)


class Question(Model):
    """One export column that measures one competence cell."""

    column: ColumnName
    area: Id
    dimension: Annotated[Dimension, BeforeValidator(normalise_dimension)]
    scale: Id
    reverse: bool = False


class BackgroundValue(Model):
    """One value of a background variable: its id, the answers that mean it, and its label."""

    id: Id
    answers: tuple[ColumnName, ...] = Field(min_length=1)
    label: Text


class Background(Model):
    """One export column that splits respondents into segments (sector, seniority, ...)."""

    column: ColumnName
    by: Id
    name: Text
    values: tuple[BackgroundValue, ...] = Field(min_length=1)
    no_answer: tuple[ColumnName, ...] = ()


class SubjectDefaults(Model):
    """Who the resulting profile describes."""

    kind: SubjectKind = "organisation"
    id: str | None = None
    name: str | None = None


class SurveyDefinition(Model):
    """A survey definition in format ``tiltak.survey/1``."""

    format: Literal["tiltak.survey/1"]
    id: Id
    title: Text
    subject: SubjectDefaults = Field(default_factory=SubjectDefaults)
    respondent_id: ColumnName | None = None
    header_row: Annotated[int, Field(ge=1, le=50)] | None = None
    """The row with the column names (1 = the first); rows above it are read as extra
    header rows, rows below as answers. Default: found from the columns (rows 1-10)."""
    minimum_group: Annotated[int, Field(ge=LOWEST_MINIMUM)] = DEFAULT_MINIMUM
    scales: dict[Id, Scale] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)
    background: tuple[Background, ...] = ()

    def cells(self) -> list[tuple[str, Dimension]]:
        """The (area, dimension) cells the questions measure, in definition order."""
        seen: dict[tuple[str, Dimension], None] = {}
        for q in self.questions:
            seen.setdefault((q.area, q.dimension), None)
        return list(seen)


def survey_schema() -> dict[str, Any]:
    """The JSON Schema of what ``--survey`` reads (for editors and ``tiltak schema survey``):
    a survey definition, or a KS 10-FAKTOR mapping (``tiltak.tenfactor/1``)."""
    from tiltak.survey._tenfactor import TenFactorDefinition

    survey = SurveyDefinition.model_json_schema()
    tenfactor = TenFactorDefinition.model_json_schema()
    defs: dict[str, Any] = {**survey.pop("$defs", {}), **tenfactor.pop("$defs", {})}
    defs["SurveyDefinition"] = survey
    defs["TenFactorDefinition"] = tenfactor
    return {
        "title": "tiltak survey definition (tiltak.survey/1) or 10-FAKTOR mapping "
                 "(tiltak.tenfactor/1)",
        "anyOf": [{"$ref": "#/$defs/SurveyDefinition"},
                  {"$ref": "#/$defs/TenFactorDefinition"}],
        "$defs": defs,
    }


def _checks(defn: SurveyDefinition, doc: YamlDoc, catalogue: Catalogue | None) -> list[Problem]:
    """What pydantic cannot see: references, duplicates and catalogue ids."""
    found: list[Problem] = []
    columns: dict[str, str] = {}

    def column(text: str, loc: tuple[str | int, ...]) -> None:
        key = norm(text)
        where = ".".join(str(p) for p in loc)
        if key in columns:
            found.append(doc.problem(loc, "survey-duplicate-column", column=text,
                                     other=columns[key]))
        else:
            columns[key] = where

    if defn.respondent_id is not None:
        column(defn.respondent_id, ("respondent_id",))
    known_scales = ", ".join(defn.scales)
    for name, scale in defn.scales.items():
        if not any(v is not None for v in (*scale.options.values(), *scale.codes.values())):
            found.append(doc.problem(("scales", name, "options"), "survey-scale-no-levels"))
        seen: dict[str, str] = {}
        for answer in scale.options:
            if norm(answer) in seen:
                found.append(doc.problem(("scales", name, "options", answer),
                                         "survey-duplicate-answer", at_key=True, answer=answer,
                                         other=seen[norm(answer)]))
            seen[norm(answer)] = answer
    for i, q in enumerate(defn.questions):
        column(q.column, ("questions", i, "column"))
        if q.scale not in defn.scales:
            found.append(doc.problem(("questions", i, "scale"), "survey-unknown-scale",
                                     value=q.scale, known=known_scales))
        if catalogue is not None and q.area not in catalogue.areas:
            found.append(doc.problem(("questions", i, "area"), "profile-unknown-area",
                                     area=q.area, known=", ".join(catalogue.areas)))
    bys: set[str] = set()
    for i, bg in enumerate(defn.background):
        column(bg.column, ("background", i, "column"))
        if bg.by in bys:
            found.append(doc.problem(("background", i, "by"), "survey-duplicate-by", by=bg.by))
        bys.add(bg.by)
        answers: dict[str, str] = {}
        ids: set[str] = set()
        for j, value in enumerate(bg.values):
            vloc: tuple[str | int, ...] = ("background", i, "values", j)
            if value.id in ids:
                found.append(doc.problem((*vloc, "id"), "survey-duplicate-value", value=value.id))
            ids.add(value.id)
            if catalogue is not None and bg.by == "sector" and value.id not in catalogue.sectors:
                found.append(doc.problem((*vloc, "id"), "profile-unknown-sector", value=value.id))
            if catalogue is not None and bg.by == "role" and value.id not in catalogue.roles:
                found.append(doc.problem((*vloc, "id"), "profile-unknown-role", value=value.id))
            for k, answer in enumerate(value.answers):
                if norm(answer) in answers:
                    found.append(doc.problem((*vloc, "answers", k), "survey-duplicate-answer",
                                             answer=answer, other=answers[norm(answer)]))
                answers[norm(answer)] = value.id
        for k, answer in enumerate(bg.no_answer):
            if norm(answer) in answers:
                found.append(doc.problem(("background", i, "no_answer", k),
                                         "survey-duplicate-answer", answer=answer,
                                         other=answers[norm(answer)]))
            answers[norm(answer)] = "no_answer"
    return found


@checked
def load_definition(path: str | Path, catalogue: Catalogue | None = None) -> SurveyDefinition:
    """Load and validate a survey definition; every problem is reported with file:line:column."""
    doc, problems = load_yaml_file(Path(path))
    if doc is None:
        raise SurveyError(problems)
    if problems:
        raise SurveyError(problems)
    if doc.data is None:  # an empty file (or only comments)
        raise SurveyError([doc.problem((), "yaml-empty")])
    if not isinstance(doc.data, dict):
        got = "[...]" if isinstance(doc.data, list) else repr(doc.data)[:40]
        raise SurveyError([doc.problem((), "v-type", expected="a mapping (key: value) with "
                                       "questions and scales",
                                       expected_nb="en tabell (nøkkel: verdi) med spørsmål "
                                       "og skalaer", got=got)])
    minimum = doc.data.get("minimum_group")
    if isinstance(minimum, int) and not isinstance(minimum, bool) and minimum < LOWEST_MINIMUM:
        raise SurveyError([doc.problem(("minimum_group",), "survey-minimum-low", value=minimum)])
    try:
        defn = SurveyDefinition.model_validate(doc.data)
    except pydantic.ValidationError as exc:
        raise SurveyError(problems_from_validation(
            exc, (), lambda loc, key, params, at_key: doc.problem(loc, key, at_key=at_key,
                                                                  **params))) from None
    found = _checks(defn, doc, catalogue)
    if found:
        raise SurveyError(found)
    return defn
