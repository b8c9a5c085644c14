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
