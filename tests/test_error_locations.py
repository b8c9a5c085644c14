"""Every input path says where its error is in the same way: ``file:line:column`` for what the
text itself locates (a JSON syntax error, a duplicate key, a byte that is not UTF-8, nesting
too deep, a YAML or CSV problem), the JSON path for what a valid JSON text says wrongly, and
in JSON Lines the line of the file, not of the one profile on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiltak.cli import main
from tiltak.errors import ProfileError
from tiltak.profile import parse_profile

from .conftest import EXAMPLES, MINI

_GOOD = json.dumps({"format": "tiltak.profile/1", "subject": {"kind": "employee"}})
_KB = ["--rules", str(MINI / "rules"), "--catalogue", str(MINI / "catalogue")]


def _errors(err: str) -> list[str]:
    return [line.split(": ", 2)[2] for line in err.splitlines() if ": error: " in line
            or ": feil: " in line]


# (what, the bad line as bytes, what standard error says of it, placed on line 3 of the file)
_LINES = [
    ("syntax", b'{"format": "tiltak.profile/1", "subject": {"kind": "employee",}}',
     "p.jsonl:3:63: invalid JSON: Expecting property name enclosed in double quotes"),
    ("extra-data", _GOOD.encode() + b" x", f"p.jsonl:3:{len(_GOOD) + 2}: invalid JSON: Extra data"),
    ("duplicate-key", b'{"format": "tiltak.profile/1", "format": "tiltak.profile/1"}',
     "p.jsonl:3:32: format: duplicate key 'format' (first on line 1)"),
    ("not-utf8", b'{"format": "tiltak.profile/1", "subject": {"kind": "employee", "name": "\xe5"}}',
     "p.jsonl:3:73: the text is not valid UTF-8: byte 0xE5"),
    ("nan", b'{"format": "tiltak.profile/1", "respondents": NaN}',
     "p.jsonl:3:47: respondents: NaN is not a number JSON allows"),
    ("validation", b'{"format": "tiltak.profile/1", "subject": {"kind": "emplo"}}',
     "p.jsonl:3: subject.kind: 'emplo' is not valid"),
    ("not-object", b"[1, 2]", "p.jsonl:3: a profile must be a JSON object, found list"),
]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(("line", "said"), [case[1:] for case in _LINES],
                         ids=[case[0] for case in _LINES])
def test_a_bad_json_line_is_placed_at_its_line_and_column_in_the_file(
        line: bytes, said: str, jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.jsonl").write_bytes(_GOOD.encode() + b"\n\n" + line + b"\n" + _GOOD.encode() + b"\n")
    code = main(["suggest", "--batch", "p.jsonl", "--jobs", jobs, "--lang", "en", *_KB])
    captured = capsysbinary.readouterr()
    assert code == 1 and captured.out.count(b"\n") == 2  # the good lines are written
    errors = _errors(captured.err.decode())
    assert len(errors) == 1 and errors[0].startswith(said), errors


@pytest.mark.parametrize(("text", "said"), [
    ('{"format": "tiltak.profile/1",\n "subject": {"kind": "employee",}}',
     "p.json:2:33: invalid JSON: Expecting property name"),
    ('{"format": "tiltak.profile/1",\n "format": "x"}', "p.json:2:2: format: duplicate key"),
    ('{"format": "tiltak.profile/1",\n "respondents": -1, "subject": {"kind": "employee"}}',
     "p.json: respondents: -1 is below 0"),
])
def test_a_single_profile_is_located_the_same_way(
        text: str, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("p.json").write_text(text, encoding="utf-8")
    assert main(["suggest", "p.json", "--lang", "en", *_KB]) == 1
    errors = _errors(capsys.readouterr().err)
    assert errors and errors[0].startswith(said), errors


def test_a_json_syntax_error_is_worded_in_norwegian_too() -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile('{"format": "tiltak.profile/1" "subject": {}}', source="p.json")
    assert info.value.render("nb") == "p.json:1:31: ugyldig JSON: forventet komma (,)"
    assert info.value.render("en") == "p.json:1:31: invalid JSON: Expecting ',' delimiter"


def test_text_without_a_name_is_still_located() -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile('{\n  "format": }')
    assert info.value.render("en").startswith("<text>:2:13: invalid JSON")


def test_a_line_over_the_limit_is_called_a_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TILTAK_MAX_FILE_BYTES", str(len(_GOOD) + 5))
    Path("p.jsonl").write_bytes(_GOOD.encode() + b"\n" + b" " * 100 + _GOOD.encode() + b"\n")
    assert main(["suggest", "--batch", "p.jsonl", "--lang", "nb", *_KB]) == 1
    errors = _errors(capsysbinary.readouterr().err.decode())
    assert errors == ["p.jsonl:2: linjen er større enn grensen på "
                      f"{len(_GOOD) + 5} byte (kan heves med TILTAK_MAX_FILE_BYTES)"]


def test_a_lone_surrogate_in_a_line_is_written_as_a_replacement_character(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """A JSON escape may name half a surrogate pair; the batch wrote an internal error for
    it where a single profile gives U+FFFD."""
    monkeypatch.chdir(tmp_path)
    data = {"format": "tiltak.profile/1", "subject": {"kind": "employee", "name": "A\ud800B"}}
    Path("p.jsonl").write_text(json.dumps(data) + "\n", encoding="utf-8")
    assert main(["suggest", "--batch", "p.jsonl", *_KB]) == 0
    out = capsysbinary.readouterr().out
    assert json.loads(out)["subject"]["name"] == "A\ufffdB"


def test_survey_and_yaml_errors_are_located_by_line_and_column(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    export = (EXAMPLES / "survey-ksaa.csv").read_text("utf-8-sig").splitlines()
    header, first = export[0], export[1].split(",")
    first[9] = "Kanskje"
    Path("svar.csv").write_text(header + "\n" + ",".join(first) + "\n", encoding="utf-8")
    assert main(["survey", "svar.csv", "--survey", "ksaa"]) == 1
    assert _errors(capsys.readouterr().err)[0].startswith("svar.csv:2:10: ")
    Path("rules").mkdir()
    Path("rules/r.yaml").write_text("rules:\n  - id: x\n    when: [\n", encoding="utf-8")
    assert main(["check", "--rules", "rules", "--catalogue", str(MINI / "catalogue")]) == 1
    assert capsys.readouterr().out.startswith("rules/r.yaml:4:1: error E002: YAML syntax error")
