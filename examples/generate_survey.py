"""Generate the example survey exports, reproducibly: two years of the same survey.

March 2024 (examples/survey-ksaa.csv and .xlsx): 97 made-up respondents answer
the bundled KSAA survey (surveys/ksaa.yaml) the way a Microsoft Forms export
looks: ID, times, e-mail and name columns, then the background questions and
the 18 statements. The answers are drawn from a seeded random generator with a
few built-in differences, so that ``tiltak survey`` has something to find:

* staff with more than 10 years of service have more positive attitudes to leadership;
* staff in health and welfare report lower digital abilities;
* leaders report higher leadership abilities;
* only three respondents work in technical services, so that segment is withheld.

March 2025 (examples/survey-ksaa-2025.csv): the same survey a year later, 100
other made-up respondents drawn the same way with their own seed, and with
known changes for ``tiltak compare`` to find (``CHANGES_2025``):

* digitalisation, abilities: +0.8 (a clear improvement);
* leadership, skills: +0.7 (a clear improvement);
* cross-disciplinary work, attitudes: -0.7 (a clear decline);
* the other nine dimensions are drawn exactly as in 2024 (no true change);
* only four respondents work in planning and development, so that segment,
  published in 2024, is withheld in 2025 and cannot be compared.

Run ``python examples/generate_survey.py`` to rewrite the files; the tests
check that the committed files are what this script produces.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from tiltak.survey import SurveyDefinition, resolve_definition

SEED = 2024
COUNT = 97
HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "survey-ksaa.csv"
XLSX_PATH = HERE / "survey-ksaa.xlsx"
CSV_2025_PATH = HERE / "survey-ksaa-2025.csv"

_BASE = {  # (area, dimension) -> mean level
    ("digitalisering", "knowledge"): 3.6, ("digitalisering", "skills"): 3.8,
    ("digitalisering", "abilities"): 2.6, ("digitalisering", "attitudes"): 4.0,
    ("ledelse", "knowledge"): 3.1, ("ledelse", "skills"): 3.0,
    ("ledelse", "abilities"): 2.6, ("ledelse", "attitudes"): 3.5,
    ("tverrfaglighet", "knowledge"): 3.0, ("tverrfaglighet", "skills"): 3.2,
    ("tverrfaglighet", "abilities"): 2.3, ("tverrfaglighet", "attitudes"): 4.1,
}
CHANGES_2025 = {  # (area, dimension) -> true change of the mean from 2024 to 2025
    ("digitalisering", "abilities"): 0.8,
    ("ledelse", "skills"): 0.7,
    ("tverrfaglighet", "attitudes"): -0.7,
}


@dataclass(frozen=True)
class Year:
    """What differs between the two years of the example: people, seed, dates, true changes."""

    seed: int
    count: int
    sectors: tuple[tuple[str | None, int], ...]
    seniority: tuple[tuple[str | None, int], ...]
    education: tuple[tuple[str | None, int], ...]
    changes: tuple[tuple[tuple[str, str], float], ...]
    start: dt.datetime
    saved: dt.datetime


YEAR_2024 = Year(SEED, COUNT,
                 (("helse-og-velferd", 38), ("oppvekst-og-kultur", 30),
                  ("plan-og-utvikling", 12), ("stab", 12), ("teknisk", 3), (None, 2)),
                 (("under-2-years", 14), ("2-5-years", 22), ("6-10-years", 20),
                  ("over-10-years", 41)),
                 (("upper-secondary", 15), ("vocational", 24), ("bachelor", 40), ("master", 18)),
                 (), dt.datetime(2024, 3, 4, 8, 0), dt.datetime(2024, 3, 18, 12, 0))
YEAR_2025 = Year(2025, 100,
                 (("helse-og-velferd", 42), ("oppvekst-og-kultur", 35),
                  ("plan-og-utvikling", 4), ("stab", 14), ("teknisk", 3), (None, 2)),
                 (("under-2-years", 12), ("2-5-years", 24), ("6-10-years", 21),
                  ("over-10-years", 43)),
                 (("upper-secondary", 14), ("vocational", 25), ("bachelor", 42), ("master", 19)),
                 tuple(CHANGES_2025.items()), dt.datetime(2025, 3, 3, 8, 0),
                 dt.datetime(2025, 3, 17, 12, 0))


@dataclass(frozen=True)
class Respondent:
    """One made-up respondent: background value ids and a level (or None) per question."""

    id: str
    background: tuple[str | None, ...]   # in the definition's background order
    levels: tuple[int | None, ...]       # in the definition's question order
    blank: tuple[bool, ...]              # True where the question was left empty


def _shuffled(rng: random.Random, spec: list[tuple[str | None, int]]) -> list[str | None]:
    values = [value for value, count in spec for _ in range(count)]
    rng.shuffle(values)
    return values


def respondents(definition: SurveyDefinition, year: Year = YEAR_2024) -> list[Respondent]:
    """The made-up respondents of one year, the same every time."""
    rng = random.Random(year.seed)
    sectors = _shuffled(rng, list(year.sectors))
    seniority = _shuffled(rng, list(year.seniority))
    education = _shuffled(rng, list(year.education))
    changes = dict(year.changes)
    out: list[Respondent] = []
    for i in range(year.count):
        leader = rng.random() < 0.18
        bg = {"sector": sectors[i], "seniority": seniority[i], "education": education[i],
              "role": "leader" if leader else "employee"}
        person = rng.gauss(0.0, 0.4)
        levels: list[int | None] = []
        blank: list[bool] = []
        for q in definition.questions:
            mean = _BASE[(q.area, q.dimension)] + changes.get((q.area, q.dimension), 0.0) + person
            if q.area == "ledelse" and q.dimension == "attitudes" and bg["seniority"] == \
                    "over-10-years":
                mean += 0.9
            if q.area == "digitalisering" and q.dimension == "abilities" and bg["sector"] == \
                    "helse-og-velferd":
                mean -= 0.8
            if q.area == "ledelse" and q.dimension == "abilities" and leader:
                mean += 1.0
            roll = rng.random()
            if roll < 0.03:
                levels.append(None)
                blank.append(True)
            elif roll < 0.07:
                levels.append(None)
                blank.append(False)
            else:
                levels.append(min(5, max(1, round(rng.gauss(mean, 0.8)))))
                blank.append(False)
        out.append(Respondent(
            id=str(i + 1),
            background=tuple(bg[b.by] for b in definition.background),
            levels=tuple(levels),
            blank=tuple(blank),
        ))
    return out


def table(definition: SurveyDefinition, people: list[Respondent],
          year: Year = YEAR_2024) -> list[list[str]]:
    """The export as rows of text (header first), as Microsoft Forms lays it out."""
    texts: dict[str, dict[int | None, str]] = {}
    for name, scale in definition.scales.items():
        texts[name] = {}
        for text, level in scale.options.items():
            texts[name].setdefault(level, text)
    header = ["ID", "Starttidspunkt", "Fullføringstidspunkt", "E-post", "Navn"]
    header += [b.column for b in definition.background]
    header += [q.column for q in definition.questions]
    rows = [header]
    start = year.start
    rng = random.Random(year.seed + 1)
    for person in people:
        begun = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 14))
        done = begun + dt.timedelta(seconds=rng.randrange(240, 1500))
        row = [person.id, begun.strftime("%d.%m.%Y %H:%M:%S"),
               done.strftime("%d.%m.%Y %H:%M:%S"), "anonym", ""]
        for b, value in zip(definition.background, person.background, strict=True):
            if value is None:
                row.append(b.no_answer[0])
            else:
                row.append(next(v.answers[0] for v in b.values if v.id == value))
        for q, level, empty in zip(definition.questions, person.levels, person.blank,
                                   strict=True):
            row.append("" if empty else texts[q.scale][level])
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8-sig",
              delimiter: str = ",") -> None:
    """Write rows as CSV the way Excel's "CSV UTF-8" does (BOM, CRLF)."""
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    """Write rows to the first sheet of a workbook (ID as a number, like Forms does)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for n, row in enumerate(rows):
        sheet.append([int(row[0]) if n else row[0], *row[1:]])
    book.properties.creator = "tiltak examples/generate_survey.py"
    book.properties.created = YEAR_2024.saved
    book.save(path)


def main(argv: list[str]) -> int:
    definition = resolve_definition("ksaa")
    rows = table(definition, respondents(definition))
    write_csv(CSV_PATH, rows)
    write_xlsx(XLSX_PATH, rows)
    print(f"wrote {CSV_PATH.name} and {XLSX_PATH.name} ({len(rows) - 1} respondents)")
    rows = table(definition, respondents(definition, YEAR_2025), YEAR_2025)
    write_csv(CSV_2025_PATH, rows)
    print(f"wrote {CSV_2025_PATH.name} ({len(rows) - 1} respondents)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
