"""What `tiltak suggest` prints by default: short, whole titles, Norwegian numbers (issue #13)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tiltak.cli import main

from .conftest import EXAMPLES, MINI, ROOT

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


def _profile(tmp_path: Path, **parts: object) -> str:
    data = {"format": "tiltak.profile/1", "subject": {"kind": "organisation"}, **parts}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


_KNOWLEDGE_GAP = {"digitalisering": {"knowledge": {"level": 2.0, "target": 3.5}}}
_FORMS = [[], ["--all"], ["--format", "markdown"]]
_NOTHING = {  # (case, lang) -> the sentence said instead of a list
    ("none", "nb"): "Profilen viser ingen mangler som reglene kjenner igjen, så ingen tiltak "
                    "foreslås.",
    ("none", "en"): "The profile shows no shortfall the rules recognise, so no measures are "
                    "suggested.",
    ("suppressed", "nb"): "Det foreslås ingen tiltak: alt reglene ville foreslått, er tatt ut.",
    ("suppressed", "en"): "No measures are suggested: everything the rules would suggest has "
                          "been taken out.",
    ("segment", "nb"): "Denne gruppens svar viser ingen mangler som reglene kjenner igjen: "
                       "ingen egne tiltak.",
    ("segment", "en"): "This group's answers show no shortfall the rules recognise: no "
                       "measures of its own.",
}
_CASES: dict[str, dict[str, object]] = {
    "none": {},
    "suppressed": {"competence": _KNOWLEDGE_GAP,
                   "context": {"running_measures": ["course", "elearning"]}},
    "segment": {"competence": _KNOWLEDGE_GAP, "segments": [
        {"by": "seniority", "value": "over-10-years", "respondents": 12,
         "competence": {"digitalisering": {"knowledge": {"level": 4.0, "target": 3.5}}}}]},
}


@pytest.mark.parametrize("form", _FORMS, ids=" ".join)
@pytest.mark.parametrize(("case", "lang"), sorted(_NOTHING))
def test_nothing_suggested_is_said_in_plain_words(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, lang: str,
        form: list[str]) -> None:
    """Where nothing is suggested the reader is told why in words an HR adviser uses, not
    "no rule fired"."""
    out = _run(capsys, _profile(tmp_path, **_CASES[case]), "--rules", str(MINI / "rules"),
               "--catalogue", str(MINI / "catalogue"), "--lang", lang, *form)
    assert _NOTHING[case, lang] in " ".join(out.split())
    assert "rule fired" not in out and "regler slo til" not in out


@pytest.mark.parametrize("form", _FORMS, ids=" ".join)
@pytest.mark.parametrize(("by", "value", "lang", "title"), [
    ("seniority", "over-10-years", "nb", "Ansiennitet: mer enn 10 år (12 svar)"),
    ("seniority", "over-10-years", "en", "Years of service: more than 10 years (12 respondents)"),
    ("seniority", "under-2-years", "nb", "Ansiennitet: under 2 år (12 svar)"),
    ("education", "master", "en",
     "Education: more than 4 years of higher education (12 respondents)"),
    ("education", "vocational", "nb", "Utdanning: fagbrev eller fagskole (12 svar)"),
    ("sector", "helse", "en", "Sector: Health (12 respondents)"),
])
def test_segments_are_named_in_words_not_ids(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, by: str, value: str, lang: str,
        title: str, form: list[str]) -> None:
    segment = {"by": by, "value": value, "respondents": 12, "competence": _KNOWLEDGE_GAP}
    out = _run(capsys, _profile(tmp_path, competence=_KNOWLEDGE_GAP, segments=[segment]),
               "--rules", str(MINI / "rules"), "--catalogue", str(MINI / "catalogue"),
               "--lang", lang, *form)
    assert title in out
    assert value not in out.replace(f"`{value}`", "")


def _readme_examples() -> list[tuple[list[str], str]]:
    """Each command the README shows the output of ("`tiltak ...` prints"), with that output."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(r"`tiltak ([^`]+)` prints[^`]*?```text\n(.*?)```", text, re.DOTALL)
    return [(command.split(), shown) for command, shown in found]


@pytest.mark.parametrize(("command", "shown"), _readme_examples(),
                         ids=lambda value: " ".join(value) if isinstance(value, list) else "")
def test_the_readme_shows_what_the_command_prints(
        command: list[str], shown: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's example output is the command's real output, byte for byte: when the
    rules change it, paste the new output into README.md."""
    monkeypatch.chdir(ROOT)
    assert main(command) == 0
    assert capsys.readouterr().out == shown


def test_the_readme_shows_an_example_output() -> None:
    assert any(command[0] == "suggest" for command, _ in _readme_examples())
