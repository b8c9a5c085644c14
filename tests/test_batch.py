"""The batch path: suggest_many, compact JSON lines, and ``tiltak suggest --batch`` (#14)."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tiltak
from tiltak.cli import main
from tiltak.errors import ProfileError, TiltakError
from tiltak.profile import load_profile
from tiltak.result import Result

from .conftest import EXAMPLES
from .test_differential import profiles

_ENGINE = tiltak.load()
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def _jsonl(paths: list[Path]) -> bytes:
    """Profiles as JSON Lines: each file's JSON on one line."""
    return b"".join(json.dumps(json.loads(p.read_bytes()), ensure_ascii=False).encode() + b"\n"
                    for p in paths)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_a_compact_line_is_the_results_own(path: Path) -> None:
    result = _ENGINE.suggest(str(path))
    (line,) = _ENGINE.suggest_many_json([str(path)])
    assert line == result.to_json_line()
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == json.loads(result.to_json())


@pytest.mark.parametrize("top", [None, 1, 3])
def test_compact_lines_respect_top(top: int | None) -> None:
    path = EXAMPLES / "bindal-organisasjon.json"
    (line,) = _ENGINE.suggest_many_json([path.read_bytes()], top)
    assert line == _ENGINE.suggest(str(path), top=top).to_json_line()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles(_ENGINE.catalogue))
def test_fast_path_equals_the_validated_models(data: dict[str, Any]) -> None:
    try:
        profile = load_profile(data)
    except TiltakError:
        assume(False)
        return
    result = _ENGINE.suggest(profile)
    # The engine builds its models without validation: they must still be valid results.
    assert Result.model_validate_json(result.to_json()).to_json() == result.to_json()
    (line,) = _ENGINE.suggest_many_json([profile])
    assert line == result.to_json_line()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(profiles(_ENGINE.catalogue), min_size=2, max_size=6))
def test_cached_reasons_and_exclusions_do_not_leak_between_profiles(
        datas: list[dict[str, Any]]) -> None:
    # One engine caches filled reasons and audience exclusions over profiles; each result
    # must be what an engine that saw no other profile gives.
    warm = tiltak.Engine(_ENGINE.rules, _ENGINE.catalogue)
    for data in datas:
        try:
            profile = load_profile(data)
        except TiltakError:
            continue
        fresh = tiltak.Engine(_ENGINE.rules, _ENGINE.catalogue)
        assert warm.suggest(profile).to_json() == fresh.suggest(profile).to_json()
        assert list(warm.suggest_many_json([profile])) == list(fresh.suggest_many_json([profile]))


def test_suggest_many_is_lazy_and_equals_suggest() -> None:
    consumed: list[Path] = []

    def source() -> Any:
        for path in EXAMPLE_FILES:
            consumed.append(path)
            yield str(path)

    results = _ENGINE.suggest_many(source())
    first = next(results)
    assert consumed == EXAMPLE_FILES[:1]
    assert first == _ENGINE.suggest(str(EXAMPLE_FILES[0]))
    assert [r.to_json() for r in results] == [
        _ENGINE.suggest(str(p)).to_json() for p in EXAMPLE_FILES[1:]]


def test_suggest_many_raises_at_a_bad_profile_and_json_lines_go_on() -> None:
    good = (EXAMPLES / "medarbeider.json").read_bytes()
    bad = b'{"format": "tiltak.profile/1", "subject": {"kind": "boss"}}'
    with pytest.raises(ProfileError):
        list(_ENGINE.suggest_many([good, bad, good]))
    out = list(_ENGINE.suggest_many_json([good, bad, good]))
    assert isinstance(out[1], ProfileError)
    assert out[0] == out[2] == _ENGINE.suggest(good.decode()).to_json_line()
    assert "subject.kind" in out[1].render("en")


def test_python_and_rete_give_the_same_lines() -> None:
    pytest.importorskip("durable")
    lines = _jsonl(EXAMPLE_FILES).splitlines()
    rete = _ENGINE.with_backend("rete")
    assert list(rete.suggest_many_json(lines)) == list(_ENGINE.suggest_many_json(lines))


# --- the command ---------------------------------------------------------------------------


def _run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tiltak", *args], input=stdin,
                          capture_output=True, check=False)


def test_batch_writes_one_line_per_profile_in_order(tmp_path: Path) -> None:
    source = tmp_path / "profiles.jsonl"
    source.write_bytes(_jsonl(EXAMPLE_FILES))
    done = _run(["suggest", "--batch", str(source)])
    assert done.returncode == 0, done.stderr
    expected = b"".join(_ENGINE.suggest(str(p)).to_json_line() for p in EXAMPLE_FILES)
    assert done.stdout == expected
    assert b"\r" not in done.stderr  # no progress when standard error is not a terminal
    assert b"error" not in done.stderr


def test_batch_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    good = _jsonl([EXAMPLES / "medarbeider.json"])
    text = (good + b'{"format": "tiltak.profile/1", "subject": {"kind": "boss"}}\n'
            + b"\n" + b"not json\n" + good)
    done = _run(["suggest", "--batch", "-", "--lang", "en"], stdin=text)
    assert done.returncode == 1
    assert done.stdout == _ENGINE.suggest(good.decode()).to_json_line() * 2
    err = done.stderr.decode()
    assert "<stdin>:2: subject.kind:" in err
    assert "<stdin>:4:" in err and "Traceback" not in err
    assert "2 of 4 profiles could not be used" in err
    nb = _run(["suggest", "--batch", "-", "--lang", "nb"], stdin=text).stderr.decode()
    assert "2 av 4 profiler kunne ikke brukes" in nb


@pytest.mark.parametrize(("lang", "stdin", "said"), [
    ("en", b'{"format": "tiltak.profile/1"}\nnot json\n',
     "none of the 2 profiles could be used (see above); nothing was written"),
    ("nb", b'{"format": "tiltak.profile/1"}\nnot json\n',
     "ingen av de 2 profilene kunne brukes (se over); ingenting er skrevet"),
    ("en", b"not json\n", "the profile could not be used (see above); nothing was written"),
    ("nb", b"not json\n", "profilen kunne ikke brukes (se over); ingenting er skrevet"),
])
def test_batch_where_every_line_fails_says_nothing_was_written(lang: str, stdin: bytes,
                                                               said: str) -> None:
    done = _run(["suggest", "--batch", "-", "--lang", lang], stdin=stdin)
    assert done.returncode == 1 and done.stdout == b""
    assert said in done.stderr.decode()


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "1 of 2 profiles could not be used"),
    ("nb", "1 av 2 profiler kunne ikke brukes"),
])
def test_batch_failure_count_agrees_with_the_number(lang: str, said: str) -> None:
    good = _jsonl([EXAMPLES / "medarbeider.json"])
    done = _run(["suggest", "--batch", "-", "--lang", lang], stdin=good + b"[]\n")
    assert done.returncode == 1
    assert said in done.stderr.decode()


def test_batch_over_processes_gives_identical_output(tmp_path: Path) -> None:
    source = tmp_path / "profiles.jsonl"
    bad = b'{"format": "tiltak.profile/1", "subject": {"kind": "employee"}, "competence": 3}\n'
    source.write_bytes((_jsonl(EXAMPLE_FILES) + bad) * 5)
    one = _run(["suggest", "--batch", str(source), "--jobs", "1"])
    two = _run(["suggest", "--batch", str(source), "--jobs", "2"])
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert one.stdout.count(b"\n") == len(EXAMPLE_FILES) * 5


def test_batch_with_small_chunks_keeps_order() -> None:
    from tiltak.engine._batch import EngineSpec, batch

    lines = _jsonl(EXAMPLE_FILES).splitlines(keepends=True) * 3
    serial = list(batch(EngineSpec(), lines, jobs=1))
    parallel = list(batch(EngineSpec(), lines, jobs=2, chunk=2))
    assert [n for n, _ in parallel] == list(range(1, len(lines) + 1))
    assert parallel == serial


def test_batch_output_file_is_written_whole(tmp_path: Path) -> None:
    source = tmp_path / "profiles.jsonl"
    source.write_bytes(_jsonl(EXAMPLE_FILES[:3]))
    out = tmp_path / "results.jsonl"
    assert main(["suggest", "--batch", str(source), "-o", str(out), "--top", "2"]) == 0
    lines = out.read_bytes().splitlines()
    assert len(lines) == 3 and all(len(json.loads(x)["recommendations"]) <= 2 for x in lines)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_batch_output_through_a_symlink_keeps_the_link_and_the_mode(tmp_path: Path) -> None:
    """The batch writes its file as every other output does (tiltak._io.open_atomic)."""
    source = tmp_path / "profiles.jsonl"
    source.write_bytes(_jsonl(EXAMPLE_FILES[:1]))
    real = tmp_path / "real.jsonl"
    real.write_bytes(b"old\n")
    real.chmod(0o640)
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert main(["suggest", "--batch", str(source), "-o", str(link)]) == 0
    assert link.is_symlink() and real.read_bytes().count(b"\n") == 1
    assert real.read_bytes() != b"old\n" and (real.stat().st_mode & 0o777) == 0o640


@pytest.mark.parametrize("args", [
    ["--batch", "--format", "text"],
    ["--batch", "--format", "markdown"],
    ["--jobs", "2"],
])
def test_batch_usage_errors(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["suggest", str(EXAMPLES / "medarbeider.json"), *args, "--lang", "en"])
    assert stop.value.code == 2
    assert "--batch" in capsys.readouterr().err


def test_batch_missing_file_is_one_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--batch", "no-such-file.jsonl", "--lang", "en"]) == 1
    errors = [x for x in capsys.readouterr().err.splitlines() if "error" in x]
    assert len(errors) == 1 and errors[0].startswith("tiltak: error: cannot read no-such-file")


def test_batch_into_a_special_file_writes_through_it(tmp_path: Path) -> None:
    source = tmp_path / "profiles.jsonl"
    source.write_bytes(_jsonl(EXAMPLE_FILES[:2]))
    assert main(["suggest", "--batch", str(source), "-o", os.devnull]) == 0
    assert Path(os.devnull).is_char_device()


def test_progress_on_a_terminal_is_a_count_and_a_rate(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from tiltak.cli import suggest

    clock = iter([100.0, 101.0, 101.1, 102.0])
    monkeypatch.setattr(suggest.time, "monotonic", lambda: next(clock))
    progress = suggest._Progress("nb")  # starts at 100.0
    progress.tick(100)  # not a multiple of 256: no clock read, nothing written
    progress.tick(2048)  # 101.0: one second on
    progress.tick(2304)  # 101.1: too soon to write again
    progress.done()
    err = capsys.readouterr().err
    assert err.count("\r") == 2 and "profiler, 2" in err and "per sekund" in err
    assert err.endswith("\r\x1b[K")


def test_evaluations_leave_no_reference_cycles() -> None:
    """The garbage collector has nothing to do after the batch path or suggest()."""
    texts = [p.read_bytes() for p in EXAMPLE_FILES]
    profiles = [load_profile(t.decode()) for t in texts]
    list(_ENGINE.suggest_many_json(texts))  # caches filled once
    gc.collect()
    gc.disable()
    try:
        list(_ENGINE.suggest_many_json(texts))
        assert gc.collect() == 0
        for profile in profiles:
            _ENGINE.suggest(profile).to_json_line()
        assert gc.collect() == 0
    finally:
        gc.enable()
