"""Reading an export a column at a time gives what reading it row by row gives, and the
published levels, shares and counts are what a plain count over the respondents gives.

The import matches whole columns (each distinct text looked up once) and sums answers
per segment with numpy; the row-by-row match (still used to locate problems) and a
plain-Python count here are the references.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiltak.survey import _read, import_survey, load_definition, resolve_definition
from tiltak.survey._import import _shares

DEFINITION = """\
format: tiltak.survey/1
id: columns
title: {nb: Kolonner, en: Columns}
respondent_id: Nr
minimum_group: 3
scales:
  agree:
    options: {Uenig: 1, Litt uenig: 2, Nøytral: 3, Litt enig: 4, Enig: 5, Vet ikke: null}
    codes: 1-5
questions:
  - {column: Q1, area: digitalisering, dimension: knowledge, scale: agree}
  - {column: Q2, area: digitalisering, dimension: knowledge, scale: agree, reverse: true}
  - {column: Q3, area: ledelse, dimension: skills, scale: agree}
background:
  - column: Sektor
    by: sector
    name: {nb: sektor, en: sector}
    values:
      - {id: stab, answers: [Stab], label: {nb: stab, en: staff}}
      - {id: teknisk, answers: [Teknisk, Drift], label: {nb: teknisk, en: technical}}
    no_answer: [Vil ikke svare]
  - column: Leder
    by: leader
    name: {nb: leder, en: leader}
    values:
      - {id: ja, answers: [Ja], label: {nb: ja, en: yes}}
      - {id: nei, answers: [Nei], label: {nb: nei, en: no}}
"""

HEADER = ["Nr", "Q1", "Q2", "Q3", "Sektor", "Leder", "Kommentar"]
# texts as exports write them: other case and spacing, codes as numbers, blanks
ANSWERS = ["Uenig", "litt uenig", " Nøytral ", "Litt  enig", "ENIG", "Vet ikke", "", " ",
           "3", "4.0", "2,0"]
SECTORS = ["Stab", "teknisk", "Drift", "Vil ikke svare", "", "  "]
LEADERS = ["Ja", "nei", "", "NEI"]


@pytest.fixture(scope="module")
def definition(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("columns") / "columns.yaml"
    path.write_text(DEFINITION, encoding="utf-8")
    return load_definition(path)


rows_strategy = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(ANSWERS), st.sampled_from(ANSWERS), st.sampled_from(ANSWERS),
                  st.sampled_from(SECTORS), st.sampled_from(LEADERS),
                  st.sampled_from(["", "fin", " "])).map(lambda r: ("row", r)),
        st.sampled_from([("empty", ()), ("empty", ("",)), ("empty", ("", " ", "", "", "", "",
                                                                     ""))]),
    ),
    max_size=40,
)


def _table(rows: list[tuple[str, tuple[str, ...]]], ids: bool) -> _read.Table:
    out = []
    for number, (kind, cells) in enumerate(rows, start=2):
        if kind == "empty":
            out.append((number, cells))
        else:
            rid = f" {number * 7} " if ids else ""
            out.append((number, (rid, *cells)))
    return _read.Table("export.csv", tuple(HEADER), tuple(out))


def _both(table: _read.Table, definition: Any,
          monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The match a column at a time and row by row: each a Responses or the error text."""
    def run() -> Any:
        try:
            return _read.match(table, definition)
        except Exception as exc:   # compared as text
            return f"{type(exc).__name__}: {exc}"

    fast = run()
    with monkeypatch.context() as patch:
        patch.setattr(_read, "_match_columns", lambda *args: None)
        slow = run()
    return fast, slow


@settings(max_examples=200, deadline=None)
@given(rows=rows_strategy, ids=st.booleans())
def test_columns_match_like_rows(definition: Any, rows: list[tuple[str, tuple[str, ...]]],
                                 ids: bool) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, slow = _both(_table(rows, ids), definition, monkeypatch)
    assert type(fast) is type(slow)
    if isinstance(fast, str):
        assert fast == slow
        return
    assert fast == slow
    assert np.array_equal(fast.level_codes, slow.level_codes)
    assert np.array_equal(fast.background_codes, slow.background_codes)
    assert fast.level_codes.dtype == slow.level_codes.dtype
    assert fast.background_codes.dtype == slow.background_codes.dtype


@pytest.mark.parametrize(("cells", "message"), [
    (("1", "Enig", "Uenig", "Svært enig", "Stab", "Ja", ""), "Svært enig"),    # unknown answer
    (("1", "Enig", "Uenig", "Enig", "Kontor", "Ja", ""), "Kontor"),           # unknown value
    (("1", "Enig", "Uenig", "Enig", "Stab", "Ja"), "6"),                      # short row
    (("", "Enig", "Uenig", "Enig", "Stab", "Ja", ""), "id"),                  # missing id
    (("2", "Enig", "Uenig", "Enig", "Stab", "Ja", ""), "2"),                  # repeated id
])
def test_a_problem_is_located_as_row_by_row(definition: Any, monkeypatch: pytest.MonkeyPatch,
                                            cells: tuple[str, ...], message: str) -> None:
    good = ("2", "Enig", "Uenig", "Enig", "Stab", "Ja", "")
    other = ("3", *good[1:])
    table = _read.Table("export.csv", tuple(HEADER), ((2, good), (3, other), (4, cells)))
    fast, slow = _both(table, definition, monkeypatch)
    assert isinstance(fast, str) and fast == slow
    assert "export.csv:4" in fast and message in fast


# --------------------------------------------------------------------------------------
# Published values against a plain count

LEVELS = ["Helt uenig", "Nokså uenig", "Verken enig eller uenig", "Nokså enig", "Helt enig"]


def _plain(people: list[dict[str, Any]], questions: Sequence[tuple[str, str]],
           area: str, dim: str) -> dict[str, object] | None:
    answers = [lvl for person in people
               for (a, d), lvl in zip(questions, person["levels"], strict=True)
               if (a, d) == (area, dim) and lvl is not None]
    answered = sum(1 for person in people
                   if any(lvl is not None and q == (area, dim)
                          for q, lvl in zip(questions, person["levels"], strict=True)))
    if not answers:
        return None
    counts = [answers.count(level) for level in range(1, 6)]
    # shares from the counts as the library rounds them (largest remainder in floats)
    return {"level": round(sum(answers) / len(answers), 2), "distribution": list(_shares(counts)),
            "respondents": answered}


def test_published_values_are_a_plain_count(tmp_path: Path) -> None:
    """1,500 seeded respondents of the bundled survey, with skewed groups (so that some
    segments and cells are withheld) and missing answers."""
    defn = resolve_definition("ksaa")
    rng = random.Random(14)
    questions = [(q.area, q.dimension) for q in defn.questions]
    people: list[dict[str, Any]] = []
    for number in range(1, 1_501):
        base = rng.uniform(1.5, 4.5)
        levels = [None if rng.random() < 0.08 else min(5, max(1, round(rng.gauss(base, 1))))
                  for _ in questions]
        background = [None if rng.random() < 0.03 else
                      rng.choices(range(len(b.values)), [3 ** -j for j in
                                                          range(len(b.values))])[0]
                      for b in defn.background]
        people.append({"id": str(number), "levels": levels, "background": background})
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["ID", *(q.column for q in defn.questions),
                         *(b.column for b in defn.background)])
        for p in people:
            writer.writerow([p["id"], *("" if lvl is None else LEVELS[lvl - 1]
                                        for lvl in p["levels"]),
                             *("" if j is None else b.values[j].answers[0]
                               for b, j in zip(defn.background, p["background"],
                                               strict=True))])
    profile = json.loads(import_survey(path, "ksaa").to_json())
    used = [p for p in people if any(lvl is not None for lvl in p["levels"])]
    assert profile["respondents"] == len(used)
    for area, dims in profile["competence"].items():
        for dim, value in dims.items():
            assert value == _plain(used, questions, area, dim)
    assert profile["segments"], "the seeded survey publishes segments"
    withheld_cells = 0
    for segment in profile["segments"]:
        v = next(i for i, b in enumerate(defn.background) if b.by == segment["by"])
        j = next(i for i, x in enumerate(defn.background[v].values)
                 if x.id == segment["value"])
        members = [p for p in used if p["background"][v] == j]
        assert segment["respondents"] == len(members)
        for area, dim in defn.cells():
            shown = segment["competence"].get(area, {}).get(dim)
            if shown is None:
                withheld_cells += 1
                continue
            assert shown == _plain(members, questions, area, dim)
    assert withheld_cells, "the seeded survey withholds some cells of published segments"
