"""Where a command writes: never over its own input, never twice to one file, ``-o -``
is standard output, and a name that is no file is wrong usage (exit 2)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tiltak.cli import main

from .conftest import EXAMPLES

PROFILE = "bindal-organisasjon.json"
SURVEY = "survey-ksaa.csv"

# (command line with {in} for the copied profile, {csv} for the copied export; which file
#  must survive unchanged; the words the error says)
CLASHES = [
    (["suggest", "{in}", "-o", "{in}"], "{in}", "also an input"),
    (["suggest", "{in}", "--format", "json", "-o", "./{in}"], "{in}", "also an input"),
    (["suggest", "--batch", "{in}", "-o", "{in}"], "{in}", "also an input"),
    (["suggest", "{in}", "-o", "{link}"], "{in}", "also an input"),
    (["suggest", "{in}", "-o", "{hard}"], "{in}", "also an input"),
    (["plan", "{in}", "--format", "json", "-o", "{in}"], "{in}", "also an input"),
    (["explain", "{in}", "-o", "{in}"], "{in}", "also an input"),
    (["graph", "--profile", "{in}", "-o", "{in}"], "{in}", "also an input"),
    (["compare", "{in}", "{in2}", "-o", "{in2}"], "{in2}", "also an input"),
    (["compare", "{in}", "{in2}", "--next-profile", "{in}"], "{in}", "also an input"),
    (["compare", "{in}", "{in2}", "-o", "x.txt", "--next-profile", "x.txt"], None,
     "the same file"),
    (["compare", "{in}", "{in2}", "--next-profile", "-"], None, "standard output"),
    (["report", "{in}", "-o", "a.html", "-o", "./a.html"], None, "the same file"),
    (["report", "{csv}", "--survey", "ksaa", "-o", "{csv}", "--format", "html"], "{csv}",
     "also an input"),
    (["survey", "{csv}", "--survey", "ksaa", "-o", "{csv}"], "{csv}", "also an input"),
    (["survey", "init", "{csv}", "-o", "{csv}"], "{csv}", "also an input"),
    (["suggest", "{in}", "-o", ""], None, "not a file name"),
    (["suggest", "{in}", "-o", "."], None, "not a file name"),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("argv", "kept", "words"), CLASHES,
                         ids=[" ".join(c[0]) for c in CLASHES])
def test_an_output_that_would_overwrite_an_input_is_wrong_usage(
        argv: list[str], kept: str | None, words: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TILTAK_LANG", "en")
    shutil.copy(EXAMPLES / PROFILE, "p.json")
    shutil.copy(EXAMPLES / PROFILE, "p2.json")
    shutil.copy(EXAMPLES / SURVEY, "s.csv")
    os.symlink("p.json", "link.json")
    os.link("p.json", "hard.json")
    names = {"in": "p.json", "in2": "p2.json", "csv": "s.csv", "link": "link.json",
             "hard": "hard.json"}
    before = {name: _digest(tmp_path / name) for name in ("p.json", "p2.json", "s.csv")}
    with pytest.raises(SystemExit) as stop:
        main([arg.format(**names) for arg in argv])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err
    assert before == {name: _digest(tmp_path / name) for name in before}
    if kept is not None:
        assert kept.format(**names) in err
    assert not list(tmp_path.glob("*.tmp")) and not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize("argv", [
    ["suggest", "{in}", "--format", "json"],
    ["plan", "{in}", "--format", "json"],
    ["compare", "{in}", "{in}", "--format", "json"],
])
def test_dash_as_output_is_standard_output(argv: list[str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    monkeypatch.chdir(tmp_path)
    path = str(EXAMPLES / PROFILE)
    assert main([arg.format(**{"in": path}) for arg in argv]) == 0
    expected = capsysbinary.readouterr().out
    assert main([arg.format(**{"in": path}) for arg in argv] + ["-o", "-"]) == 0
    assert capsysbinary.readouterr().out == expected != b""
    assert list(tmp_path.iterdir()) == []  # no file named "-"


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_a_report_to_standard_output_is_the_file_s_bytes(
        fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    monkeypatch.chdir(tmp_path)
    path = str(EXAMPLES / PROFILE)
    assert main(["report", path, "-q", "-o", f"r.{fmt}"]) == 0
    assert main(["report", path, "-q", "-o", "-", "--format", fmt]) == 0
    out = capsysbinary.readouterr().out
    if fmt == "html":
        assert out == (tmp_path / "r.html").read_bytes()
    else:  # a Word file holds its zip entries' times: compare the text
        import io

        import docx
        texts = [[p.text for p in docx.Document(source).paragraphs]
                 for source in (io.BytesIO(out), tmp_path / "r.docx")]
        assert texts[0] == texts[1] != []
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"r.{fmt}"]


def test_the_next_profile_can_go_to_standard_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    path = str(EXAMPLES / PROFILE)
    assert main(["compare", path, path, "-o", "c.txt", "--next-profile", "-"]) == 0
    assert capsys.readouterr().out.startswith('{\n  "format": "tiltak.profile/1"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.txt"]
