"""Hostile and careless input, class by class (issue #12): a located error, in bounded time.

Each table holds cases of one class; every case must end in a TiltakError whose
message names where the problem is, never in another exception.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from tiltak import _limits
from tiltak._escape import html, markdown, spreadsheet, terminal, without_surrogates
from tiltak._io import read_limited, write_atomic
from tiltak._yaml import parse_yaml
from tiltak.errors import ProfileError, TiltakError
from tiltak.profile import load_profile, parse_profile

HEAD = '{"format": "tiltak.profile/1", "subject": {"kind": "organisation"}'


def _bomb(levels: int) -> str:
    """The classic 'billion laughs': each anchor is nine uses of the one before."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        uses = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{uses}]")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- YAML ----

# (name, text, message fragment, line)
YAML_CASES: list[tuple[str, str, str, int]] = [
    ("alias bomb", _bomb(10), "aliases (*name) expand to more than", 5),
    ("self-referring alias", "a: &a [1, *a]\n", "does not refer to an anchor", 1),
    ("alias before its anchor", "a: *b\nb: &b 1\n", "does not refer to an anchor", 1),
    ("deep flow nesting", "x: " + "[" * 100_000 + "]" * 100_000, "nested deeper than 64", 1),
    ("deep block nesting", "".join(" " * i + f"k{i}:\n" for i in range(80)) + " " * 80 + "v\n",
     "nested deeper than 64", 65),
    ("infinite float", "weight: .inf\n", "not a finite number", 1),
    ("not a number", "weight: .nan\n", "not a finite number", 1),
    ("empty tagged integer", "a: 1\nb: !!int\n", "marked as a number", 2),
    ("tagged sign alone", "a: !!int '-'\n", "marked as a number", 1),
    ("huge integer", "cost: " + "9" * 5000 + "\n", "too large", 1),
    ("two documents", "a: 1\n---\nb: 2\n", "single document", 2),
    ("collection as key", "? [a, b]\n: 1\n", "keys must be text", 1),
    ("python tag", "a: !!python/object/apply:os.system [ls]\n", "not allowed", 1),
]


@pytest.mark.parametrize(("name", "text", "fragment", "line"), YAML_CASES,
                         ids=[c[0] for c in YAML_CASES])
def test_yaml_refused_with_location(name: str, text: str, fragment: str, line: int) -> None:
    _doc, problems = parse_yaml(text, "f.yaml")
    rendered = [p.render("en") for p in problems]
    assert problems, name
    assert any(fragment in r for r in rendered), rendered
    assert problems[0].file == "f.yaml"
    assert problems[0].line == line


def test_yaml_aliases_within_the_budget_are_values() -> None:
    doc, problems = parse_yaml("base: &b {level: 2}\nuse: *b\n", "f.yaml")
    assert not problems and doc is not None
    assert doc.data == {"base": {"level": 2}, "use": {"level": 2}}


def test_yaml_limits_are_raised_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "x: " + "[" * 70 + "]" * 70
    assert parse_yaml(text, "f.yaml")[1]
    monkeypatch.setenv("TILTAK_MAX_DEPTH", "100")
    assert not parse_yaml(text, "f.yaml")[1]
    monkeypatch.setenv("TILTAK_MAX_ALIAS_NODES", "100000000")
    monkeypatch.setenv("TILTAK_MAX_YAML_NODES", "1000")
    assert "more than 1000 values" in parse_yaml(_bomb(6), "f.yaml")[1][0].render("en")


@pytest.mark.parametrize("value", ["0", "-3", "ten", "1" * 30, "201"])
def test_a_bad_limit_in_the_environment_is_a_tiltak_error(value: str) -> None:
    with pytest.raises(TiltakError, match="TILTAK_MAX_DEPTH"):
        _limits.current({"TILTAK_MAX_DEPTH": value})


# -------------------------------------------------------- reading files ----

def test_special_files_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    cases = {fifo: "pipe", tmp_path: "directory", Path("/dev/zero"): "device"}
    for path, kind in cases.items():
        raw, problems = read_limited(path, str(path), 1000)
        assert raw is None
        assert f"not a regular file ({kind})" in problems[0].render("en")
    with pytest.raises(ProfileError, match="not a regular file"):
        load_profile(fifo)


def test_a_file_over_the_limit_is_refused(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.json"
    path.write_text(HEAD + ', "respondents": 5}')
    monkeypatch.setenv("TILTAK_MAX_FILE_BYTES", "20")
    with pytest.raises(ProfileError, match="larger than the limit of 20 bytes"):
        load_profile(path)


def test_a_looping_symlink_is_a_located_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(ProfileError, match=r"loop\.json"):
        load_profile(loop)


# --------------------------------------------------------------- JSON ----

# (name, JSON text, message fragment, JSON path, line or None)
PROFILE_CASES: list[tuple[str, str, str, str, int | None]] = [
    ("level as text", HEAD + ',\n"competence": {"a": {"knowledge": {"level": "2.1"}}}}',
     "expected a number, found '2.1'", "competence.a.knowledge.level", None),
    ("level as boolean", HEAD + ',\n"competence": {"a": {"knowledge": {"level": true}}}}',
     "expected a number, found true", "competence.a.knowledge.level", None),
    ("respondents as boolean", HEAD + ', "respondents": true}',
     "expected a whole number, found true", "respondents", None),
    ("respondents as float", HEAD + ', "respondents": 3.5}',
     "expected a whole number", "respondents", None),
    ("respondents beyond sense", HEAD + ', "respondents": 99999999999}',
     "is above 10000000", "respondents", None),
    ("integer of 400 digits", HEAD + ',\n "respondents": 1' + "0" * 400 + "}",
     "too large", "respondents", 2),
    ("float that overflows", HEAD + ',\n"context": {"budget_nok": 1e400}}',
     "1e400 is not a number JSON allows", "context.budget_nok", 2),
    ("NaN", HEAD + ',\n"competence": {"a": {"knowledge": {"level": NaN}}}}',
     "NaN is not a number JSON allows", "competence.a.knowledge.level", 2),
    ("Infinity", HEAD + ',\n"context": {"capacity_hours": -Infinity}}',
     "-Infinity is not a number JSON allows", "context.capacity_hours", 2),
    ("duplicate key", HEAD + ',\n"respondents": 1,\n"respondents": 2}',
     "duplicate key 'respondents' (first on line 2)", "respondents", 3),
    ("duplicate nested key", HEAD + ',\n"segments": [{"by": "a",\n "by": "b", "value": 1}]}',
     "duplicate key 'by' (first on line 2)", "segments[0].by", 3),
    ("deep nesting", HEAD + ', "x": ' + "[" * 5000 + "]" * 5000 + "}",
     "nested deeper than 64", "x" + "[0]" * 7 + " ...", 1),
    ("union value a mapping", HEAD + ', "segments": [{"by": "x", "value": {"a": 1}}]}',
     "expected text, a number or true/false", "segments[0].value", None),
    ("segment larger than the whole", HEAD + ', "respondents": 5, "segments": '
     '[{"by": "x", "value": 1, "respondents": 9}]}',
     "more than the whole profile (5)", "segments[0].respondents", None),
    ("attribute a list", HEAD[:-1] + ', "attributes": {"a": [1]}}}',
     "expected text, a number or true/false", "subject.attributes.a", None),
]


@pytest.mark.parametrize(("name", "text", "fragment", "path", "line"), PROFILE_CASES,
                         ids=[c[0] for c in PROFILE_CASES])
def test_profile_refused_with_path(name: str, text: str, fragment: str, path: str,
                                   line: int | None) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="p.json")
    problems = caught.value.problems
    assert any(fragment in p.render("en") for p in problems), caught.value.render("en")
    first = next(p for p in problems if fragment in p.render("en"))
    assert first.path == path
    assert first.file == "p.json"
    if line is not None:
        assert first.line == line
    assert ".str" not in first.render("en") and ".bool" not in first.render("en")


def test_too_many_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILTAK_MAX_SEGMENTS", "3")
    segments = [{"by": "x", "value": i} for i in range(4)]
    text = HEAD + ', "segments": ' + json.dumps(segments) + "}"
    with pytest.raises(ProfileError, match="4 segments; the limit is 3"):
        parse_profile(text)


def test_segments_by_sector_or_role_name_known_ids(mini_engine: object) -> None:
    from tiltak.engine import Engine

    assert isinstance(mini_engine, Engine)
    for by in ("sector", "role"):
        profile = json.loads(HEAD + "}")
        profile["segments"] = [{"by": by, "value": "Helse og omsorg"}]
        with pytest.raises(ProfileError) as caught:
            mini_engine.suggest(profile)
        text = caught.value.render("en")
        assert f"segments by {by} must use an id" in text
        assert "segments[0].value" in text


def test_a_file_named_like_json_is_a_path(tmp_path: Path) -> None:
    path = tmp_path / "{x}.json"
    path.write_text(HEAD + "}")
    assert load_profile(str(path)).subject.kind == "organisation"
    with pytest.raises(ProfileError, match="file not found"):
        load_profile(str(tmp_path / "{y}.json"))
    assert load_profile(HEAD + "}").subject.kind == "organisation"


@pytest.mark.parametrize("source", [None, 42, 3.5, ["a"], object()])
def test_load_profile_of_a_wrong_type(source: object) -> None:
    with pytest.raises(ProfileError, match="give a profile as"):
        load_profile(source)  # type: ignore[arg-type]


# -------------------------------------------------------------- writing ----

def test_write_keeps_mode_and_follows_symlinks(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.txt"
    write_atomic(fresh, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


def test_a_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    """`-o /dev/null` or a pipe: replacing it with a file would break it for everyone."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "findings\n")
    reader.join(timeout=10)
    assert got == [b"findings\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    dead = tmp_path / "out.json~tiltak-999999999-abcd.tmp"
    dead.write_text("half")
    other = tmp_path / "other.json~tiltak-999999999-abcd.tmp"
    other.write_text("half")
    live = tmp_path / f"out.json~tiltak-{os.getppid()}-abcd.tmp"
    live.write_text("being written")
    write_atomic(target, "whole")
    assert target.read_text() == "whole"
    assert not dead.exists()
    assert other.exists() and live.exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_lone_surrogates_are_written_as_replacement_characters(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "a\ud800b")
    assert target.read_text(encoding="utf-8") == "a\ufffdb"


def test_concurrent_writes_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    texts = [str(i) * 10_000 for i in range(8)]
    threads = [threading.Thread(target=write_atomic, args=(target, t)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_text() in texts
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


# ------------------------------------------------------------- escaping ----

HOSTILE = "=HYPERLINK(\"http://x\")\x1b[2J<script>alert(1)</script>\u202e|*a*\ud800"


def test_each_output_kind_neutralises_hostile_text() -> None:
    shown = terminal(HOSTILE)
    assert "\x1b" not in shown and "\\x1b" in shown and "\u202e" not in shown
    md = markdown(HOSTILE)
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\|" in md and "\\*a\\*" in md
    assert "<" not in html(HOSTILE) and "&lt;script&gt;" in html(HOSTILE)
    assert spreadsheet(HOSTILE).startswith("'=")
    assert spreadsheet(" -1+2").startswith("'")
    assert spreadsheet("Bindal kommune") == "Bindal kommune"
    for out in (shown, md, html(HOSTILE), spreadsheet(HOSTILE), without_surrogates(HOSTILE)):
        out.encode("utf-8")  # no lone surrogate survives
