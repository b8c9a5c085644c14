"""Text inputs saved by Windows tools: UTF-16 or UTF-32 with a byte-order mark (PowerShell 5's
``>``, Notepad's "Unicode") read as the same profile, rules or plan as UTF-8."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tiltak.cli import main

from .conftest import EXAMPLES, ROOT

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32"]


def _encode(text: str, encoding: str) -> bytes:
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        return "\ufeff".encode(codec) + text.encode(codec)
    return text.encode(encoding)


def _run(argv: list[str], capsys: pytest.CaptureFixture[bytes]) -> tuple[int, bytes, bytes]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_profile_in_any_unicode_encoding_with_a_mark_gives_the_same_result(
        encoding: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    source = EXAMPLES / "bindal-organisasjon.json"
    path = tmp_path / "p.json"
    path.write_bytes(_encode(source.read_text(encoding="utf-8"), encoding))
    expected = _run(["suggest", str(source), "--format", "json", "--no-cache"], capsysbinary)
    assert _run(["suggest", str(path), "--format", "json", "--no-cache"],
                capsysbinary)[:2] == expected[:2]
    assert _run(["compare", str(source), str(path), "--format", "json"],
                capsysbinary)[0] == 0


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_rule_file_in_any_unicode_encoding_with_a_mark_gives_the_same_rules(
        encoding: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    for path in rules.glob("*.yaml"):
        path.write_bytes(_encode(path.read_text(encoding="utf-8"), encoding))
    profile = str(EXAMPLES / "bindal-organisasjon.json")
    base = ["suggest", profile, "--format", "json", "--no-cache"]
    expected = _run([*base, "--rules", str(ROOT / "rules")], capsysbinary)
    assert expected[0] == 0
    assert _run([*base, "--rules", str(rules)], capsysbinary)[:2] == expected[:2]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "latin-1"])
def test_without_a_mark_other_encodings_are_a_located_error(
        encoding: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "p.json"
    text = (EXAMPLES / "bindal-organisasjon.json").read_text(encoding="utf-8")
    path.write_bytes(text.replace("Bindal", "Bindål").encode(encoding))
    code, out, err = _run(["suggest", str(path)], capsysbinary)
    assert code == 1 and out == b""
    assert b"p.json" in err and b"Traceback" not in err
