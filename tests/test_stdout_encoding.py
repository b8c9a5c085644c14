"""Standard output is UTF-8 whatever the locale's encoding (as the files tiltak writes), so a
command never fails half-way on a character the locale cannot hold (issue: cp1252 on Windows
had no '→', an ASCII or Latin-1 locale no 'å' or '–')."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tiltak.cli import entry

from .conftest import EXAMPLES

PROFILE = str(EXAMPLES / "bindal-organisasjon.json")
SURVEY = str(EXAMPLES / "survey-ksaa.csv")
COMMANDS = [
    ["suggest", PROFILE, "--all"],
    ["plan", PROFILE],
    ["explain", PROFILE],
    ["compare", PROFILE, PROFILE],
    ["survey", SURVEY, "--survey", "ksaa", "--report", "-q"],
    ["graph", "--format", "mermaid"],
]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_standard_output_is_utf8_in_any_locale(argv: list[str], encoding: str, lang: str,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, write_through=True)
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setattr(sys, "argv", ["tiltak", *argv, "--lang", lang])
    monkeypatch.setattr("gc.freeze", lambda: None)  # entry() freezes the collector at exit
    with pytest.raises(SystemExit) as stop:
        entry()
    assert stop.value.code == 0
    stream.flush()
    out = raw.getvalue().decode("utf-8")  # UTF-8, and whole
    if argv[0] == "survey":  # with -o, the profile goes to the file, the report stays here
        assert out.strip()
        return
    target = tmp_path / "out.txt"
    monkeypatch.setattr(sys, "argv", ["tiltak", *argv, "--lang", lang, "-o", str(target)])
    with pytest.raises(SystemExit):
        entry()
    assert out == target.read_text(encoding="utf-8")


def test_an_explicit_encoding_is_kept_and_never_fails() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "TILTAK_LANG": "nb"}
    done = subprocess.run([sys.executable, "-m", "tiltak", "compare", PROFILE, PROFILE],
                          capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert b"\\xe5" in done.stdout or b"\\u2192" in done.stdout
