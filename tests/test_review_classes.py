"""Review leftovers fixed as classes: what a user sees of invisible characters, a workspace
that cannot be made, numbers on the command line past any sensible use, and wrong arguments
to the helpers users call in their own tests. Each class is a table; errors are checked in
both languages, through the CLI where a user meets them."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tiltak
from tiltak._escape import json_text, markdown, terminal
from tiltak._validation import Text
from tiltak.cli import build_parser, main
from tiltak.errors import ArgumentError
from tiltak.rules import fact_area, fact_kind, fill_reason, placeholders
from tiltak.testing import assert_in_top, assert_suppressed, engine_from_rules, make_profile

from .conftest import EXAMPLES

PROFILE = str(EXAMPLES / "bindal-organisasjon.json")

# ---------------------------------------------------- invisible characters ----

# (character, what it is): each shows as nothing (or as a space) in a terminal.
INVISIBLE = [
    ("\ufeff", "byte-order mark"),
    ("\u200b", "zero-width space"),
    ("\u200c", "zero-width non-joiner"),
    ("\u200d", "zero-width joiner"),
    ("\u200e", "left-to-right mark"),
    ("\u200f", "right-to-left mark"),
    ("\u061c", "Arabic letter mark"),
    ("\u2060", "word joiner"),
    ("\u2062", "invisible times"),
    ("\u00ad", "soft hyphen"),
    ("\u180e", "Mongolian vowel separator"),
    ("\u3164", "Hangul filler"),
    ("\u2028", "line separator"),
    ("\U000e0041", "tag latin capital letter A"),
    ("\u202e", "right-to-left override"),
    ("\u2067", "right-to-left isolate"),
]


@pytest.mark.parametrize(("char", "what"), INVISIBLE, ids=[w for _, w in INVISIBLE])
def test_a_character_that_shows_as_nothing_is_shown_escaped(char: str, what: str) -> None:
    code = ord(char)
    escaped = (f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF
               else f"\\U{code:08x}")
    for multiline in (True, False):
        shown = terminal(f"bindal{char}kommune", multiline=multiline)
        assert shown == f"bindal{escaped}kommune", what
    # JSON keeps the value and shows the escape
    text = json_text(json.dumps(f"a{char}b", ensure_ascii=False))
    assert json.loads(text) == f"a{char}b"
    assert char not in text
    assert char not in markdown(f"a{char}b")


@pytest.mark.parametrize("text", ["Bindal kommune", "Tromsø – Romsa", "400\u202f000 kr",
                                  "7\u00a0%", "æøå ÆØÅ é ü", "tab\there", "emoji ❤ ok"])
def test_visible_text_is_unchanged(text: str) -> None:
    assert terminal(text) == text
    assert json.loads(json_text(json.dumps(text, ensure_ascii=False))) == text


def _profile_named(tmp_path: Path, name: str, **subject: Any) -> Path:
    data = json.loads(Path(PROFILE).read_text(encoding="utf-8"))
    data["subject"]["name"] = name
    data["subject"].update(subject)
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_suggest_shows_an_invisible_character_in_a_name(
        fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _profile_named(tmp_path, "\ufeffBindal\u200b kommune")
    assert main(["suggest", str(path), "--format", fmt, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "\ufeff" not in out and "\u200b" not in out
    assert "\\ufeff" in out and "\\u200b" in out
    if fmt == "json":
        assert json.loads(out)["subject"]["name"] == "\ufeffBindal\u200b kommune"


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_an_error_quoting_an_id_shows_its_invisible_character(
        lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _profile_named(tmp_path, "Bindal", sector="helse\u200b-og-velferd")
    assert main(["suggest", str(path), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert "helse\\u200b-og-velferd" in err and "\u200b" not in err
    assert "Traceback" not in err


# ------------------------------------------------------------- tiltak init ----

def _file(root: Path) -> str:
    (root / "notes.txt").write_text("mine\n", encoding="utf-8")
    return "notes.txt"


def _broken_link(root: Path) -> str:
    (root / "ws").symlink_to(root / "nowhere")
    return "ws"


def _link_loop(root: Path) -> str:
    (root / "ws").symlink_to(root / "ws")
    return "ws"


def _file_above(root: Path) -> str:
    (root / "notes.txt").write_text("mine\n", encoding="utf-8")
    return "notes.txt/sub/ws"


def _full_folder(root: Path) -> str:
    (root / "ws").mkdir()
    (root / "ws" / "keep.txt").write_text("mine\n", encoding="utf-8")
    return "ws"


# (name, make the target, nb fragment, en fragment)
INIT_CASES: list[tuple[str, Callable[[Path], str], str, str]] = [
    ("a file", _file, "notes.txt er en fil, ikke en mappe",
     "notes.txt is a file, not a folder"),
    ("a file above", _file_above, "notes.txt er en fil, ikke en mappe",
     "notes.txt is a file, not a folder"),
    ("a broken link", _broken_link, "symbolsk lenke til", "is a symlink to"),
    ("a link loop", _link_loop, "symlink loop", "symlink loop"),
    ("a folder with files", _full_folder, "finnes allerede og er ikke tom",
     "already exists and is not empty"),
]


@pytest.mark.parametrize(("name", "make", "nb", "en"), INIT_CASES, ids=[c[0] for c in INIT_CASES])
def test_init_says_why_a_target_cannot_be_a_workspace(
        name: str, make: Callable[[Path], str], nb: str, en: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    target = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    for lang, fragment in (("nb", nb), ("en", en)):
        assert main(["init", target, "--lang", lang]) == 1
        err = capsys.readouterr().err
        assert fragment in err, err
        assert "Traceback" not in err and "internal error" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing left behind
    if (tmp_path / "notes.txt").exists():
        assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_init_through_a_link_to_an_empty_folder_fills_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "ws").symlink_to(tmp_path / "real")
    assert main(["init", "ws", "--lang", "en"]) == 0
    capsys.readouterr()
    assert (tmp_path / "ws").is_symlink()
    assert (tmp_path / "real" / "tiltak.toml").is_file()


def test_a_new_workspace_gets_the_usual_permissions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        assert main(["init", "ws", "--lang", "en"]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    assert stat.S_IMODE((tmp_path / "ws").stat().st_mode) == 0o755  # not mkdtemp's 0700


# ------------------------------------------------- numbers on the command line ----

def _argv(command: str) -> list[str]:
    if command == "report":
        return ["report", PROFILE, "-o", "never.html"]
    if command == "compare":
        return ["compare", PROFILE, PROFILE]
    if command == "survey":
        return ["survey", "x.csv", "--survey", "ksaa"]
    if command == "diff":
        return ["diff", "--rules", "a", "--rules", "b"]
    return [command, PROFILE]


# (command, option, too small, too large, lowest, highest)
NUMBERS: list[tuple[str, str, str, str, int, int]] = [
    ("suggest", "--top", "0", "10001", 1, 10_000),
    ("suggest", "--jobs", "0", "257", 1, 256),
    ("explain", "--top", "0", "1e6", 1, 10_000),
    ("diff", "--top", "-1", "99999999999", 1, 10_000),
    ("plan", "--top", "0", "10001", 1, 10_000),
    ("plan", "--years", "0", "11", 1, 10),
    ("report", "--top", "0", "10001", 1, 10_000),
    ("report", "--minimum", "2", "1000001", 3, 1_000_000),
    ("compare", "--months", "-1", "1000000000000", 0, 600),
    ("compare", "--duration", "-1", "601", 0, 600),
    ("compare", "--minimum", "2", "1000001", 3, 1_000_000),
    ("survey", "--minimum", "2", "10000000000000000000000", 3, 1_000_000),
    ("survey", "--audit-limit", "-1", "1" + "0" * 16, 0, 10**15),
]


@pytest.mark.parametrize(("command", "option", "small", "large", "low", "high"), NUMBERS,
                         ids=[f"{c[0]} {c[1]}" for c in NUMBERS])
def test_a_number_out_of_range_is_wrong_usage(
        command: str, option: str, small: str, large: str, low: int, high: int,
        capsys: pytest.CaptureFixture[str]) -> None:
    for value in (small, large, "nan", "1.5", "ti"):
        for lang, words in (("nb", "må være et heltall fra"),
                            ("en", "must be a whole number from")):
            with pytest.raises(SystemExit) as stop:
                main([*_argv(command), option, value, "--lang", lang])
            assert stop.value.code == 2
            err = capsys.readouterr().err
            assert option in err and words in err, err
            assert "Traceback" not in err
    parser = build_parser("en")
    for value, expected in ((str(low), low), (str(high), high)):
        args = parser.parse_args([*_argv(command), option, value])
        assert getattr(args, option[2:].replace("-", "_")) == expected


def test_grouped_digits_are_read_as_people_write_them() -> None:
    parser = build_parser("nb")
    for text in ("50 000 000", "50_000_000", "50\u00a0000\u00a0000"):
        args = parser.parse_args([*_argv("survey"), "--audit-limit", text])
        assert args.audit_limit == 50_000_000


@pytest.mark.parametrize(("lang", "fragment"), [("nb", "må være en dato som ÅÅÅÅ-MM-DD"),
                                                ("en", "must be a date as YYYY-MM-DD")])
def test_report_date_is_checked_in_both_languages(lang: str, fragment: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*_argv("report"), "--date", "2027-13-01", "--lang", lang])
    assert stop.value.code == 2
    assert fragment in capsys.readouterr().err


# ----------------------------------------------- helpers users call in their tests ----

@pytest.fixture(scope="module")
def result() -> tiltak.Result:
    return tiltak.load().suggest(PROFILE)


# (call, argument named in the error, what it expects)
HELPER_CASES: list[tuple[str, Callable[[Any], object], str, str]] = [
    ("placeholders int", lambda r: placeholders(5), "text", "str"),  # type: ignore[arg-type]
    ("fact_kind None", lambda r: fact_kind(None), "fact", "str"),  # type: ignore[arg-type]
    ("fact_kind bytes", lambda r: fact_kind(b"a.knowledge.gap"), "fact",  # type: ignore[arg-type]
     "str"),
    ("fact_area list", lambda r: fact_area(["a"]), "fact", "str"),  # type: ignore[arg-type]
    ("fill_reason str reason", lambda r: fill_reason(
        "x", {}, [], {}, tiltak.load().catalogue), "reason", "Text"),  # type: ignore[arg-type]
    ("fill_reason one str tested", lambda r: fill_reason(
        Text(nb="{gap}", en="{gap}"), {}, "abc", {}, tiltak.load().catalogue), "tested",
     "an iterable of fact names"),
    ("fill_reason list facts", lambda r: fill_reason(
        Text(nb="{gap}", en="{gap}"), {}, [], [], tiltak.load().catalogue),  # type: ignore[arg-type]
     "facts", "a mapping"),
    ("fill_reason no catalogue", lambda r: fill_reason(
        Text(nb="{gap}", en="{gap}"), {}, [], {}, "catalogue"),  # type: ignore[arg-type]
     "catalogue", "Catalogue"),
    ("make_profile area a number", lambda r: make_profile(digitalisering=5),  # type: ignore[arg-type]
     "digitalisering", "Mapping"),
    ("make_profile segment a number", lambda r: make_profile(segments=[1]),  # type: ignore[list-item]
     "segments[0]", "Mapping"),
    ("make_profile segment competence", lambda r: make_profile(
        segments=[{"by": "x", "value": "y", "competence": {"digitalisering": 3}}]),
     "segments[0].competence.digitalisering", "a mapping of dimension to level"),
    ("make_profile roles a str", lambda r: make_profile(roles="leader"), "roles", "Sequence"),
    ("assert_in_top n 0", lambda r: assert_in_top(r, "x", n=0), "n", "a whole number >= 1"),
    ("assert_in_top a dict", lambda r: assert_in_top({}, "x"), "result",  # type: ignore[arg-type]
     "Result"),
    ("assert_suppressed rule a number", lambda r: assert_suppressed(r, "x", rule=5),  # type: ignore[arg-type]
     "rule", "str or None"),
    ("engine_from_rules ints", lambda r: engine_from_rules(
        [1], tiltak.load().catalogue), "rules[0]", "Mapping"),  # type: ignore[list-item]
]


@pytest.mark.parametrize(("name", "call", "argument", "expected"), HELPER_CASES,
                         ids=[c[0] for c in HELPER_CASES])
def test_a_wrong_argument_to_a_helper_says_what_was_expected(
        name: str, call: Callable[[Any], object], argument: str, expected: str,
        result: tiltak.Result) -> None:
    with pytest.raises(ArgumentError) as raised:
        call(result)
    text = str(raised.value)
    assert f"argument {argument} must be" in text and expected in text, text
    assert f"argumentet {argument} må være" in raised.value.render("nb")


def test_the_helpers_still_fill_and_check(result: tiltak.Result) -> None:
    catalogue = tiltak.load().catalogue
    fact = "digitalisering.knowledge.gap"
    filled = fill_reason(Text(nb="gap {gap}", en="gap {gap}"), {fact: 1.5}, [fact], {fact: 1.5},
                         catalogue)
    assert filled.en == "gap 1.5" and filled.nb == "gap 1,5"
    assert fact_kind("digitalisering.knowledge.gap") == "gap"
    assert fact_area("digitalisering.knowledge.gap") == "digitalisering"
    first = result.recommendations[0].measure
    assert_in_top(result, first, n=1)
    with pytest.raises(AssertionError):
        assert_in_top(result, result.recommendations[1].measure, n=1)


def test_python_is_new_enough_for_the_tests() -> None:
    assert sys.version_info >= (3, 11)


# ------------------------------------------------------- text encodings of inputs ----

def _line() -> str:
    data = json.loads((EXAMPLES / "medarbeider.json").read_text(encoding="utf-8"))
    data["subject"]["name"] = "Kåre Ødegård"
    return json.dumps(data, ensure_ascii=False)


def _batch(path: str, capsysbinary: pytest.CaptureFixture[bytes], *extra: str,
           lang: str = "en") -> tuple[int, bytes, str]:
    code = main(["suggest", "--batch", path, "--lang", lang, *extra])
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "utf-32-le", "utf-32-be"])
def test_batch_reads_a_file_in_utf16_or_utf32_as_utf8(
        encoding: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    line = _line()
    plain = tmp_path / "plain.jsonl"
    plain.write_text(f"{line}\n\n{line}\n", encoding="utf-8")
    other = tmp_path / "other.jsonl"
    other.write_bytes(f"{line}\r\n\r\n{line}\r\n".encode(encoding))
    code, expected, _ = _batch(str(plain), capsysbinary)
    assert code == 0 and expected.count(b"\n") == 2
    code, out, err = _batch(str(other), capsysbinary)
    assert (code, out) == (0, expected), err


@pytest.mark.parametrize(("lang", "once", "each"), [
    ("nb", "2 linjer (den første er linje 1) er ikke UTF-8", "i Windows-1252 er den «å»"),
    ("en", "2 lines are not UTF-8 (the first is line 1)", "in Windows-1252 it is 'å'"),
])
def test_batch_says_once_that_a_file_is_not_utf8(
        lang: str, once: str, each: str, tmp_path: Path,
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "latin.jsonl"
    line = _line()
    path.write_bytes(f"{line}\n{line}\n".encode("cp1252") + line.encode("utf-8") + b"\n")
    code, out, err = _batch(str(path), capsysbinary, lang=lang)
    assert code == 1 and out.count(b"\n") == 1  # the UTF-8 line is still written
    assert err.count(once) == 1, err
    assert "latin.jsonl:1:" in err and "latin.jsonl:2:" in err and each in err


def test_batch_says_where_a_utf16_file_breaks_off(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "cut.jsonl"
    line = _line()
    path.write_bytes(f"{line}\n{line}\n".encode("utf-16")[:-1])
    code, _, err = _batch(str(path), capsysbinary)
    assert code == 1
    assert "cut.jsonl:2: the text is not valid UTF-16" in err
    assert "Traceback" not in err


def test_batch_refuses_a_device_or_a_directory_before_reading(
        tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    for path, words in (("/dev/zero", "is not a regular file (device)"),
                        (str(tmp_path), "Is a directory")):
        code, out, err = _batch(path, capsysbinary)
        assert (code, out) == (1, b"")
        assert words in err, err


def test_batch_skips_a_line_longer_than_the_limit_and_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    line = _line()
    monkeypatch.setenv("TILTAK_MAX_FILE_BYTES", str(len(line.encode()) + 10))
    path = tmp_path / "long.jsonl"
    path.write_bytes(b"x" * 100_000 + b"\n" + line.encode() + b"\n")
    code, out, err = _batch(str(path), capsysbinary)
    assert code == 1 and out.count(b"\n") == 1
    assert "long.jsonl:1:" in err and "larger than the limit" in err


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", "teksten er ikke gyldig UTF-8: byten 0xE5 kan ikke leses (i Windows-1252 er den «å»"),
    ("en", "the text is not valid UTF-8: byte 0xE5 cannot be read (in Windows-1252 it is 'å'"),
])
def test_a_file_that_is_not_utf8_is_located_by_line_and_column(
        lang: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.json"
    text = json.dumps(json.loads(_line()), ensure_ascii=False, indent=2)
    before = text[:text.index("å")]
    line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
    profile.write_bytes(text.encode("cp1252"))
    rules = tmp_path / "r.yaml"
    rules.write_bytes('rules:\n  - id: x\n    title: "å"\n'.encode("cp1252"))
    assert main(["suggest", str(profile), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert f"p.json:{line}:{column}: {words}" in err, err
    assert main(["check", "--rules", str(rules), "--lang", lang]) == 1
    out = capsys.readouterr()
    assert "r.yaml:3:13: " in out.out + out.err and words in out.out + out.err


# ----------------------------------------------------------- CSV malformations ----

KSAA = (EXAMPLES / "survey-ksaa.csv").read_text(encoding="utf-8-sig")
KSAA_LINES = KSAA.split("\n")


def _ksaa_rows() -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(KSAA)))


def _written(rows: list[list[str]], delimiter: str = ",", terminator: str = "\r\n") -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return out.getvalue()


def _profile_of(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["survey", str(path), "--survey", "ksaa", "--lang", "en"]) == 0
    return capsys.readouterr().out


def _cell_opened(line: int, old: str, new: str) -> bytes:
    """The export with one cell of ``line`` (1-based) changed from ``old`` to ``new``."""
    lines = list(KSAA_LINES)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return "\n".join(lines).encode("utf-8")


def _column(line: int, old: str) -> int:
    return KSAA_LINES[line - 1].index(old) + 2  # the quote after the comma


# (name, export bytes, location, en fragment, nb fragment)
CSV_BROKEN: list[tuple[str, bytes, str, str, str]] = [
    ("a quote never closed", _cell_opened(98, ",Nokså enig", ',"Nokså enig'),
     f"98:{_column(98, ',Nokså enig')}",
     f"the quote starting at line 98, column {_column(98, ',Nokså enig')} (cell 11) is never "
     f"closed",
     f"anførselstegnet som begynner på linje 98, kolonne {_column(98, ',Nokså enig')} "
     f"(celle 11) blir aldri lukket"),
    ("a quote left open", _cell_opened(5, ",Nokså enig", ',"Nokså enig'),
     f"5:{_column(5, ',Nokså enig')}",
     "is not closed on its line: the cell runs on to line 6",
     "lukkes ikke på sin linje: cellen fortsetter til linje 6"),
    ("text after a closing quote", _cell_opened(5, ",Nokså enig", ',"Nokså" enig'),
     f"5:{_column(5, ',Nokså enig') + 7}",
     "text after the quote that closes cell 11", "tekst etter anførselstegnet som lukker celle 11"),
    ("a NUL byte", _cell_opened(7, ",Nokså enig", ",Nok\x00så enig"),
     f"7:{_column(7, ',Nokså enig') + 3}", "a NUL character (byte 0x00) is here",
     "et NUL-tegn (byte 0x00) står her"),
    ("a UTF-8 mark on Windows-1252", b"\xef\xbb\xbf" + KSAA.encode("cp1252"),
     f"1:{KSAA_LINES[0].index('ø') + 1}",
     "the text is not valid UTF-8: byte 0xF8 cannot be read (in Windows-1252 it is 'ø'",
     "teksten er ikke gyldig UTF-8: byten 0xF8 kan ikke leses (i Windows-1252 er den «ø»"),
]


@pytest.mark.parametrize(("name", "data", "where", "en", "nb"), CSV_BROKEN,
                         ids=[c[0] for c in CSV_BROKEN])
def test_a_broken_export_is_located_and_explained(
        name: str, data: bytes, where: str, en: str, nb: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    for lang, fragment in (("en", en), ("nb", nb)):
        assert main(["survey", str(path), "--survey", "ksaa", "--lang", lang, "-o",
                     str(tmp_path / "never.json")]) == 1
        captured = capsys.readouterr()
        assert f"export.csv:{where}: " in captured.err, captured.err
        assert fragment in captured.err, captured.err
        assert "Traceback" not in captured.err and captured.out == ""
    assert not (tmp_path / "never.json").exists()


def _multiline_name(rows: list[list[str]]) -> list[list[str]]:
    rows = [list(r) for r in rows]
    rows[3][rows[0].index("Navn")] = 'Kari "K" \nNordmann'  # a cell over two lines, quotes in it
    return rows


# (name, how the export is written): each reads as the plain UTF-8 export does.
CSV_READABLE: list[tuple[str, Callable[[list[list[str]]], bytes]]] = [
    ("semicolons, Windows-1252 (Norwegian Excel)",
     lambda rows: _written(rows, ";").encode("cp1252")),
    ("semicolons, UTF-8 with a mark", lambda rows: _written(rows, ";").encode("utf-8-sig")),
    ("tabs, UTF-16 (Excel's Unicode text)", lambda rows: _written(rows, "\t").encode("utf-16")),
    ("UTF-16 without a mark", lambda rows: _written(rows).encode("utf-16-le")),
    ("UTF-16 big-endian without a mark", lambda rows: _written(rows).encode("utf-16-be")),
    ("UTF-32 with a mark", lambda rows: _written(rows).encode("utf-32")),
    ("two marks", lambda rows: ("\ufeff" + _written(rows)).encode("utf-8-sig")),
    ("mixed line endings", lambda rows: "".join(
        _written([row], terminator=("\r\n", "\n", "\r")[i % 3])
        for i, row in enumerate(rows)).encode("utf-8")),
    ("a cell over two lines", lambda rows: _written(_multiline_name(rows)).encode("utf-8")),
]


@pytest.mark.parametrize(("name", "write"), CSV_READABLE, ids=[c[0] for c in CSV_READABLE])
def test_exports_as_tools_write_them_are_read_alike(
        name: str, write: Callable[[list[list[str]]], bytes], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.csv"
    plain.write_text(_written(_ksaa_rows()), encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_bytes(write(_ksaa_rows()))
    assert _profile_of(other, capsys) == _profile_of(plain, capsys)


@given(st.lists(st.lists(st.text(alphabet=st.sampled_from('ab;,"\r\n ø\t'), max_size=6),
                         min_size=1, max_size=4), min_size=1, max_size=5),
       st.sampled_from([",", ";", "\t"]))
@settings(max_examples=200, deadline=None)
def test_whatever_a_csv_writer_writes_has_no_quote_trouble(rows: list[list[str]],
                                                           delimiter: str) -> None:
    from tiltak.survey._read import quote_trouble

    assert quote_trouble(_written(rows, delimiter), delimiter) is None


@pytest.mark.parametrize(("text", "kind", "where"), [
    ('a,"b\nc,d\n', "unclosed", (1, 3, 2)),
    ('a,"b" c,d\n', "text-after", (1, 3, 2)),
    ('x\ny,"b\nc,"d",e\n', "runs-on", (2, 3, 2)),
    ('a;"b;c";d\r"x', "unclosed", (2, 1, 1)),
    ('a,b"c,d\n', None, None),  # a quote inside an unquoted cell is text
    ('"a""b",c\r\n"",\n', None, None),
])
def test_quote_trouble_names_the_opening_quote(text: str, kind: str | None,
                                               where: tuple[int, int, int] | None) -> None:
    from tiltak.survey._read import quote_trouble

    found = quote_trouble(text, ";" if ";" in text else ",")
    if kind is None:
        assert found is None
    else:
        assert found is not None and found.kind == kind
        assert (found.line, found.column, found.cell) == where


# ------------------------------------------------------------ outputs and more inputs ----

# (name, output relative to tmp_path, en fragment, nb fragment)
OUTPUTS: list[tuple[str, str, str, str]] = [
    ("in a missing folder", "missing/deeper/out.txt",
     "cannot write missing/deeper/out.txt: the folder missing does not exist",
     "kan ikke skrive missing/deeper/out.txt: mappen missing finnes ikke"),
    ("a folder", "folder", "cannot write folder: it is a folder; give a file name",
     "kan ikke skrive folder: det er en mappe; oppgi et filnavn"),
    ("below a file", "notes.txt/out.txt", "cannot write notes.txt/out.txt: notes.txt is not a "
     "folder", "kan ikke skrive notes.txt/out.txt: notes.txt er ikke en mappe"),
]


@pytest.mark.parametrize("command", ["suggest", "plan", "compare", "survey", "report"])
@pytest.mark.parametrize(("name", "output", "en", "nb"), OUTPUTS, ids=[c[0] for c in OUTPUTS])
def test_an_output_that_cannot_be_written_is_refused_before_any_work(
        command: str, name: str, output: str, en: str, nb: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    argv = _argv(command)
    if command == "report":
        argv = argv[:2]
    if command == "survey":
        argv = ["survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey", "ksaa"]
    # survey -o FOLDER is where 10-FAKTOR's profiles go: a single profile is refused there
    # when it is written, with the same words
    late = command == "survey" and name == "a folder"
    for lang, fragment in (("en", en), ("nb", nb)):
        if late:
            assert main([*argv, "-o", output, "--lang", lang]) == 1
        else:
            with pytest.raises(SystemExit) as stop:
                main([*argv, "-o", output, "--lang", lang])
            assert stop.value.code == 2
        err = capsys.readouterr().err
        assert fragment in err, err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert list((tmp_path / "folder").iterdir()) == []


def test_a_write_that_fails_late_says_why_in_both_languages(tmp_path: Path) -> None:
    import errno

    from tiltak._io import write_failed

    for code, en, nb in ((errno.EACCES, "no permission to write in", "ingen tilgang til å skrive"),
                         (errno.EROFS, "the file system is read-only", "skrivebeskyttet"),
                         (errno.ENOSPC, "the disk is full", "disken er full")):
        error = write_failed(tmp_path / "out.txt", OSError(code, os.strerror(code)))
        assert en in error.render("en") and nb in error.render("nb")


# (name, plan text with the problem, location, en fragment)
PLANS: list[tuple[str, Callable[[str], str], str, str]] = [
    ("a duplicate key", lambda text: text.replace('{\n  "format"', '{\n  "format": 1,\n  "format"',
                                                   1), "3:3", "duplicate key 'format'"),
    ("NaN", lambda text: text.replace('"format"', '"x": NaN, "format"', 1), "2:8",
     "NaN is not a number JSON allows"),
    ("too deep", lambda text: "[" * 100 + "]" * 100, "1:", "nested deeper than"),
]


@pytest.mark.parametrize(("name", "change", "where", "en"), PLANS, ids=[c[0] for c in PLANS])
def test_last_years_plan_is_read_as_strictly_as_a_profile(
        name: str, change: Callable[[str], str], where: str, en: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", PROFILE, "--format", "json", "-o", str(tmp_path / "plan.json")]) == 0
    text = (tmp_path / "plan.json").read_text(encoding="utf-8")
    (tmp_path / "bad.json").write_text(change(text), encoding="utf-8")
    capsys.readouterr()
    assert main(["compare", PROFILE, PROFILE, "--plan", str(tmp_path / "bad.json"),
                 "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"bad.json:{where}" in err and en in err, err


@pytest.mark.parametrize(("text", "en", "nb"), [
    ("", "the file is empty", "filen er tom"),
    ("# only a comment\n", "the file is empty", "filen er tom"),
    ("- a\n", "expected a mapping (key: value) with questions and scales, found [...]",
     "forventet en tabell (nøkkel: verdi) med spørsmål og skalaer, fant [...]"),
])
def test_a_survey_definition_that_is_not_one_says_so(
        text: str, en: str, nb: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    definition = tmp_path / "def.yaml"
    definition.write_text(text, encoding="utf-8")
    for lang, fragment in (("en", en), ("nb", nb)):
        assert main(["survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey", str(definition),
                     "--lang", lang]) == 1
        err = capsys.readouterr().err
        assert f"def.yaml:1:1: {fragment}" in err, err


def test_a_survey_definition_behind_a_broken_link_or_a_loop_is_said_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    for name, words in (("broken.yaml", "is a symlink to"), ("loop.yaml", "symlink loop")):
        assert main(["survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey",
                     str(tmp_path / name), "--lang", "en"]) == 1
        err = capsys.readouterr().err
        assert words in err and "not found; bundled" not in err, err


@pytest.mark.parametrize(("lang", "fragment"), [
    ("nb", "filen er skrivebeskyttet; gjør den skrivbar eller velg en annen fil"),
    ("en", "the file is read-only; make it writable or choose another file"),
])
def test_a_read_only_output_is_not_replaced(lang: str, fragment: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from tiltak._io import write_atomic

    kept = tmp_path / "kept.txt"
    kept.write_text("mine\n", encoding="utf-8")
    kept.chmod(0o444)
    with pytest.raises(SystemExit) as stop:
        main(["suggest", PROFILE, "-o", str(kept), "--lang", lang])
    assert stop.value.code == 2
    assert fragment in capsys.readouterr().err
    with pytest.raises(PermissionError):  # the library's writes too (root may write anything)
        write_atomic(kept, "other\n")
    assert kept.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(("argv", "nb", "en"), [
    (["survey", "x.csv", "--survey", "ksaa", "--encoding", "utf8x"],
     "«utf8x» er ikke en tegnkoding tiltak kjenner", "'utf8x' is not an encoding tiltak knows"),
    (["plan", PROFILE, "--start", "1899-12"], "forventet år (fra 1900) og måned",
     "expected year (from 1900) and month"),
])
def test_an_unknown_encoding_or_a_month_before_1900_is_wrong_usage(
        argv: list[str], nb: str, en: str, capsys: pytest.CaptureFixture[str]) -> None:
    for lang, fragment in (("nb", nb), ("en", en)):
        with pytest.raises(SystemExit) as stop:
            main([*argv, "--lang", lang])
        assert stop.value.code == 2
        assert fragment in capsys.readouterr().err
