"""What `tiltak suggest` prints by default: short, whole titles, Norwegian numbers (issue #13)."""

from __future__ import annotations

import json
import re

import pytest

from tiltak.cli import main

from .conftest import EXAMPLES

BINDAL = str(EXAMPLES / "bindal-organisasjon.json")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["suggest", *argv]) == 0
    return capsys.readouterr().out


def _all_titles(capsys: pytest.CaptureFixture[str], lang: str) -> list[str]:
    result = json.loads(_run(capsys, BINDAL, "--format", "json"))
    return [r["title"][lang] for r in result["recommendations"]]


def test_default_is_top_ten_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    titles = _all_titles(capsys, "nb")
    assert len(titles) > 10
    out = _run(capsys, BINDAL, "--lang", "nb")
    main_list = out.split("\n\n")[1]  # the heading, then the whole organisation's list
    rows = [line for line in main_list.splitlines() if re.match(r"^\s*\d+\s+\d+,\d\s", line)]
    assert len(rows) == 10
    for title, row in zip(titles, rows, strict=False):
        # the whole title, never cut; a measure for some of a body's roles says so after it
        assert re.sub(r" \(for [^()]+\)$", "", row).endswith(title)
    assert f"Viser 10 av {len(titles)} forslag" in out
    assert "…" not in out
    assert len(out.splitlines()) < 30


def test_all_shows_every_measure_with_wrapped_titles(capsys: pytest.CaptureFixture[str]) -> None:
    titles = _all_titles(capsys, "en")
    out = _run(capsys, BINDAL, "--lang", "en", "--all")
    assert "…" not in out
    for title in titles:  # wrapped over lines in its column, but every word there, in order
        assert re.search(r"\b" + r"\s.*?".join(map(re.escape, title.split())), out, re.DOTALL)
    assert "Main reason" in out


def test_top_limits_the_short_list(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, BINDAL, "--lang", "en", "--top", "3")
    main_list = out.split("\n\n")[1]
    rows = [line for line in main_list.splitlines() if re.match(r"^\s*\d+\s+\d+\.\d\s", line)]
    assert len(rows) == 3


def test_scores_in_the_readers_format(capsys: pytest.CaptureFixture[str]) -> None:
    nb = _run(capsys, BINDAL, "--lang", "nb", "--all")
    en = _run(capsys, BINDAL, "--lang", "en", "--all")
    assert re.search(r"\s6,2\s", nb) and not re.search(r"\s6\.2\s", nb)
    assert re.search(r"\s6\.2\s", en)
    md = _run(capsys, BINDAL, "--lang", "nb", "--format", "markdown")
    assert "| 6,2 |" in md


def test_segments_named_by_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, BINDAL, "--lang", "nb")
    assert "Sektor: Helse og velferd" in out
    assert "helse-og-velferd" not in out
    assert "Segment sector" not in _run(capsys, BINDAL, "--lang", "en")


@pytest.mark.parametrize(("lang", "shown"), [
    ("nb", "roller = Medarbeider, Superbruker, må være Lederemne"),  # the roles held and broader
    ("en", "roles = Employee, Superuser, needs Leader candidate"),
])
def test_explain_names_roles_and_kinds_not_ids(lang: str, shown: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(EXAMPLES / "medarbeider.json"), "--measure",
                 "intern-lederrekruttering", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert shown in out
    assert "= superuser" not in out and "subject.kind" not in out


_STRATEGY_CELLS = {
    "nb": {"mobilisere", "utvikle", "rekruttere", "avvikle", "(utsatt)", "(modul)",
           "(fast oppgave)", ""},
    "en": {"mobilise", "develop", "recruit", "phase out", "(deferred)", "(module)",
           "(standing task)", ""},
}


def _tables(out: str) -> list[list[str]]:
    """Each ``--all`` table: its header, the rule below it and its rows."""
    lines = out.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("-" * 20)]
    tables = []
    for start in starts:
        end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
        tables.append(lines[start - 1:end])
    return tables


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_all_fits_100_columns_with_the_marks_under_the_strategy(
        capsys: pytest.CaptureFixture[str], example: str, lang: str) -> None:
    """In a terminal of 100 columns the ``--all`` table neither wraps nor shifts: a mark
    ("(fast oppgave)", "(standing task)") stands whole under its strategy, in the strategy
    column, and does not widen the column for every row."""
    out = _run(capsys, str(EXAMPLES / example), "--lang", lang, "--all")
    assert all(len(line) <= 100 for line in out.splitlines()), out
    for header, rule, *rows in _tables(out):
        strategy = header.index("Strategi" if lang == "nb" else "Strategy")
        reason = header.index("Hovedbegrunnelse" if lang == "nb" else "Main reason")
        assert len(rule) <= 100
        for row in rows:
            assert row[strategy - 2:strategy] in ("  ", " ", ""), row
            cell = row[strategy:reason].strip()
            assert cell in _STRATEGY_CELLS[lang], row
            assert row[reason - 2:reason].strip() == "", row


@pytest.mark.parametrize(("lang", "row", "mark"), [
    ("nb", " 17  Lærende nettverk for ledere og", "(fast oppgave)"),
    ("en", " 17  Learning networks for leaders and", "(standing task)"),
])
def test_the_standing_task_mark_is_under_its_strategy(capsys: pytest.CaptureFixture[str],
                                                      lang: str, row: str, mark: str) -> None:
    out = _run(capsys, str(EXAMPLES / "kristiansand-ledere.json"), "--lang", lang, "--all")
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(row))
    header = next(line for line in lines if line.lstrip().startswith("#"))
    column = header.index("Strategi" if lang == "nb" else "Strategy")
    assert lines[at + 1][column:].startswith(mark + "  ")
