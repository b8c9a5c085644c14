"""The knowledge-base cache (tiltak.engine._cache): never a different result, never a crash.

A command that loads rules and a catalogue keeps them compiled in the user's cache folder; a
later run whose files are unchanged unpickles them instead of parsing YAML. Every test here
compares with a run without the cache: the cache may only ever change the time taken.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tiltak.cli import main
from tiltak.engine import _cache, load

from .conftest import EXAMPLES, ROOT

BINDAL = str(EXAMPLES / "bindal-organisasjon.json")
TITLE = "Cross-disciplinary, cross-sector forum for children and youth"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's (made by tiltak on first use)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TILTAK_CACHE_DIR", str(folder))
    monkeypatch.delenv("TILTAK_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A copy of the bundled rules and catalogue that a test may edit."""
    root = tmp_path / "kb"
    shutil.copytree(ROOT / "rules", root / "rules")
    shutil.copytree(ROOT / "catalogue", root / "catalogue")
    return root


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _uncached(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
              *args: str) -> tuple[int, str, str]:
    with monkeypatch.context() as patch:
        patch.setenv("TILTAK_NO_CACHE", "1")
        return _run(capsys, *args)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("kb-*.pickle")) if folder.is_dir() else []


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if rules or the catalogue are parsed (a hit must only hash files)."""

    def refuse(*args: object) -> None:
        raise AssertionError("parsed although the cache holds the knowledge base")

    with monkeypatch.context() as patch:
        patch.setattr(_cache, "_load", refuse)
        yield


COMMANDS = [
    ("suggest", BINDAL),
    ("suggest", BINDAL, "--all"),
    ("suggest", BINDAL, "--format", "json"),
    ("suggest", BINDAL, "--format", "markdown"),
    ("suggest", str(EXAMPLES / "medarbeider.json"), "--top", "3"),
    ("explain", BINDAL),
    # commands that read a catalogue and no rules keep it alone
    ("graph",),
    ("graph", "--format", "mermaid", "--profile", BINDAL),
    ("survey", str(EXAMPLES / "survey-ksaa.csv"), "--survey", "ksaa"),
    ("survey", "init", str(EXAMPLES / "survey-ksaa.csv")),
    ("survey", str(EXAMPLES / "10-faktor-enheter.csv"), "--survey", "10-faktor"),
]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:1] + c[2:]))
def test_a_hit_prints_what_a_run_without_the_cache_prints(
        command: tuple[str, ...], lang: str, cache: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    args = (*command, "--lang", lang)
    expected = _uncached(capsys, monkeypatch, *args)
    assert _entries(cache) == []
    assert _run(capsys, *args) == expected  # a miss: loads, then stores
    assert len(_entries(cache)) == 1
    request.getfixturevalue("no_parsing")
    assert _run(capsys, *args) == expected  # a hit


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_hit_through_the_installed_command_is_byte_identical(
        lang: str, tmp_path: Path) -> None:
    def run(**env: str) -> subprocess.CompletedProcess[bytes]:
        environ = {k: v for k, v in os.environ.items() if k != "TILTAK_NO_CACHE"}
        environ.update(TILTAK_CACHE_DIR=str(tmp_path / "cache"), **env)
        return subprocess.run([sys.executable, "-m", "tiltak", "suggest", BINDAL, "--all",
                               "--lang", lang], capture_output=True, check=True, env=environ)

    cold = run(TILTAK_NO_CACHE="1")
    first, second = run(), run()
    assert len(_entries(tmp_path / "cache")) == 1
    for run_ in (first, second):
        assert (run_.stdout, run_.stderr) == (cold.stdout, cold.stderr)


def test_batch_and_its_workers_give_the_same_lines(
        cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    lines = tmp_path / "profiles.jsonl"
    lines.write_bytes(b"".join((EXAMPLES / name).read_bytes().replace(b"\n", b"") + b"\n"
                               for name in ("bindal-organisasjon.json", "medarbeider.json")))
    expected = _uncached(capsys, monkeypatch, "suggest", "--batch", str(lines))
    assert _run(capsys, "suggest", "--batch", str(lines)) == expected
    assert _run(capsys, "suggest", "--batch", str(lines), "--jobs", "2") == expected
    assert len(_entries(cache)) == 1


@pytest.mark.parametrize("damage", [
    "empty", "truncated", "flipped byte", "other format", "other key", "not a pickle",
    "wrong object", "a directory",
])
def test_a_damaged_entry_is_ignored_and_rebuilt(
        damage: str, cache: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("suggest", BINDAL, "--format", "json")
    expected = _run(capsys, *args)
    (entry,) = _entries(cache)
    blob = entry.read_bytes()
    head = len(_cache._MAGIC)
    payload = {
        "empty": b"",
        "truncated": blob[: len(blob) // 2],
        "flipped byte": blob[:-100] + bytes([blob[-100] ^ 0xFF]) + blob[-99:],
        "other format": b"tiltak knowledge base cache\x00\x00" + blob[head:],
        "other key": blob[:head] + bytes(32) + blob[head + 32:],
        "not a pickle": _framed(blob, b"this is not a pickle"),
        "wrong object": _framed(blob, pickle.dumps({"rules": []})),
        "a directory": None,
    }[damage]
    entry.unlink()
    if payload is None:
        entry.mkdir()
    else:
        entry.write_bytes(payload)
        entry.chmod(0o600)
    assert _run(capsys, *args) == expected
    if damage != "a directory":  # rewritten whole: the next run is a hit again
        assert entry.read_bytes() == blob
        with monkeypatch.context() as patch:
            patch.setattr(_cache, "_load", _refuse)
            assert _run(capsys, *args) == expected


def _framed(blob: bytes, payload: bytes) -> bytes:
    """An entry for the same key with a valid checksum around ``payload``."""
    import hashlib

    head = len(_cache._MAGIC)
    return blob[: head + 32] + hashlib.sha256(payload).digest() + payload


def _refuse(*args: object) -> None:
    raise AssertionError("parsed although the cache holds the knowledge base")


@pytest.mark.parametrize(("folder", "old", "new"), [
    ("catalogue", TITLE, "Forum for the young"),
    ("rules", "Education and health must work together for children and young people.",
     "Schools and health services share the work."),
])
def test_an_edited_file_is_read_again(folder: str, old: str, new: str, kb: Path, cache: Path,
                                      capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("suggest", BINDAL, "--format", "json", "--rules", str(kb / "rules"),
            "--catalogue", str(kb / "catalogue"))
    before = _run(capsys, *args)
    assert old in before[1]
    (source,) = [p for p in (kb / folder).iterdir() if old in p.read_text("utf-8")]
    source.write_text(source.read_text("utf-8").replace(old, new), "utf-8")
    after = _run(capsys, *args)
    assert after == _uncached(capsys, monkeypatch, *args)
    assert new in after[1] and old not in after[1]
    assert len(_entries(cache)) == 2


def test_an_edited_rule_file_that_breaks_gives_its_error_not_the_cached_rules(
        kb: Path, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("suggest", BINDAL, "--rules", str(kb / "rules"), "--catalogue",
            str(kb / "catalogue"))
    assert _run(capsys, *args)[0] == 0
    rule_file = sorted((kb / "rules").iterdir())[0]
    rule_file.write_text(rule_file.read_text("utf-8") + "\n  - id: [broken\n", "utf-8")
    code, out, err = _run(capsys, *args)
    assert code == 1 and out == "" and rule_file.name in err


def test_another_path_to_the_same_files_is_another_entry(
        kb: Path, cache: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Rules remember the file they came from (explain shows it): paths are part of the key.
    monkeypatch.chdir(kb)
    relative = ("explain", BINDAL, "--rules", "rules", "--catalogue", "catalogue")
    absolute = ("explain", BINDAL, "--rules", str(kb / "rules"), "--catalogue",
                str(kb / "catalogue"))
    assert _run(capsys, *relative) == _uncached(capsys, monkeypatch, *relative)
    assert _run(capsys, *absolute) == _uncached(capsys, monkeypatch, *absolute)
    assert len(_entries(cache)) == 2


def test_limits_from_the_environment_are_part_of_the_key(
        cache: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(capsys, "suggest", BINDAL)[0] == 0
    monkeypatch.setenv("TILTAK_MAX_RULES", "3")  # the cached rule set has more
    code, out, err = _run(capsys, "suggest", BINDAL)
    assert (code, out) == (1, "") and "TILTAK_MAX_RULES" in err


def test_a_catalogue_alone_and_with_rules_are_two_entries_neither_taken_for_the_other(
        kb: Path, cache: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    graph = ("graph", "--catalogue", str(kb / "catalogue"))
    suggest = ("suggest", BINDAL, "--rules", str(kb / "rules"), "--catalogue",
               str(kb / "catalogue"))
    expected = [_uncached(capsys, monkeypatch, *args) for args in (graph, suggest)]
    assert [_run(capsys, *args) for args in (graph, suggest)] == expected
    assert len(_entries(cache)) == 2
    request.getfixturevalue("no_parsing")
    assert [_run(capsys, *args) for args in (graph, suggest)] == expected
    assert _cache.load_catalogue_cached(kb / "catalogue") == load(
        kb / "rules", kb / "catalogue", cache=True).catalogue


def test_a_broken_rule_file_does_not_stop_a_command_that_reads_no_rules(
        kb: Path, cache: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    rule_file = sorted((kb / "rules").iterdir())[0]
    rule_file.write_text(rule_file.read_text("utf-8") + "\n  - id: [broken\n", "utf-8")
    graph = ("graph", "--catalogue", str(kb / "catalogue"))
    expected = _uncached(capsys, monkeypatch, *graph)
    assert expected[0] == 0
    assert _run(capsys, *graph) == _run(capsys, *graph) == expected


@pytest.mark.parametrize("command", [("suggest", BINDAL), ("graph",)])
@pytest.mark.parametrize("how", ["TILTAK_NO_CACHE=1", "--no-cache"])
def test_the_cache_can_be_turned_off(how: str, command: tuple[str, ...], cache: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    args: tuple[str, ...] = command
    if how == "--no-cache":
        args = (*args, "--no-cache")
    else:
        monkeypatch.setenv("TILTAK_NO_CACHE", "1")
    first, second = _run(capsys, *args), _run(capsys, *args)
    assert first == second and first[0] == 0
    assert not cache.exists()


def test_the_library_does_not_cache_unless_asked(cache: Path) -> None:
    engine = load()
    assert not cache.exists()
    cached = load(cache=True)
    assert len(_entries(cache)) == 1
    assert cached.rules == engine.rules and cached.catalogue == engine.catalogue
    assert cached.rules.fingerprint == engine.rules.fingerprint
    assert cached.catalogue.fingerprint == engine.catalogue.fingerprint


def test_a_cache_folder_that_cannot_be_made_is_no_cache(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TILTAK_CACHE_DIR", str(blocker / "tiltak"))
    expected = _uncached(capsys, monkeypatch, "suggest", BINDAL)
    assert _run(capsys, "suggest", BINDAL) == expected
    assert blocker.read_text() == "not a folder"


def test_a_cache_folder_that_cannot_be_written_is_no_cache(
        cache: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    cache.mkdir(mode=0o700)

    def fail(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_cache, "write_atomic", fail)  # as root, mode bits do not stop it
    expected = _uncached(capsys, monkeypatch, "suggest", BINDAL)
    assert _run(capsys, "suggest", BINDAL) == expected
    assert _entries(cache) == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners: no cache")
def test_nothing_is_unpickled_from_a_folder_or_file_others_may_write(
        cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pickle runs code: a planted entry (here: one that makes a folder) is never loaded."""
    assert _run(capsys, "suggest", BINDAL)[0] == 0
    (entry,) = _entries(cache)
    marker = tmp_path / "planted-code-ran"
    planted = _framed(entry.read_bytes(), pickle.dumps(_Planted(str(marker))))

    def attempt(dir_mode: int, file_mode: int) -> bool:
        entry.write_bytes(planted)
        entry.chmod(file_mode)
        cache.chmod(dir_mode)
        try:
            assert _run(capsys, "suggest", BINDAL)[0] == 0
        finally:
            cache.chmod(0o700)
        ran = marker.exists()
        if ran:
            marker.rmdir()
        return ran

    assert not attempt(0o755, 0o600)  # others may enter the folder
    assert not attempt(0o770, 0o600)  # the group may write into it
    assert not attempt(0o700, 0o666)  # others may write the file
    assert not attempt(0o700, 0o620)  # the group may write the file
    # The control: the same file in a private folder would be read (so the checks above,
    # not the file's framing, kept it out). The planted object is not a knowledge base, so
    # even then the result comes from the files.
    assert attempt(0o700, 0o600)


class _Planted:
    """Pickles as a call that makes a folder: the stand-in for a hostile entry."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.mkdir, (self.path,)


def test_a_symlinked_entry_is_not_followed(cache: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("suggest", BINDAL, "--format", "json")
    expected = _run(capsys, *args)
    (entry,) = _entries(cache)
    elsewhere = tmp_path / "elsewhere.pickle"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    with monkeypatch.context() as patch:
        calls: list[object] = []
        real = _cache._load

        def counted(*a: object) -> object:
            calls.append(a)
            return real(*a)  # type: ignore[arg-type]

        patch.setattr(_cache, "_load", counted)
        assert _run(capsys, *args) == expected
        assert calls  # loaded from the files, not through the link
    assert not entry.is_symlink()  # replaced by a file of its own


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_pipe_in_place_of_an_entry_neither_blocks_nor_is_read(
        cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("suggest", BINDAL, "--format", "json")
    expected = _run(capsys, *args)
    (entry,) = _entries(cache)
    entry.unlink()
    os.mkfifo(entry, 0o600)
    done = subprocess.run([sys.executable, "-m", "tiltak", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "TILTAK_LANG": "en"})
    assert (done.returncode, done.stdout) == (0, expected[1])
    assert entry.is_file() and not entry.is_fifo()


def test_old_entries_are_pruned(kb: Path, cache: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    args = ("suggest", BINDAL, "--rules", str(kb / "rules"), "--catalogue",
            str(kb / "catalogue"))
    source = kb / "catalogue" / "00-areas.yaml"
    for round_ in range(_cache._KEEP + 3):
        source.write_text(source.read_text("utf-8") + f"\n# edit {round_}\n", "utf-8")
        assert _run(capsys, *args)[0] == 0
    assert len(_entries(cache)) == _cache._KEEP


@pytest.mark.parametrize(("setup", "expected"), [
    ("fresh", "Cache of compiled rules and catalogue: {cache}"),
    ("off", "Cache of compiled rules and catalogue: off (TILTAK_NO_CACHE)"),
    ("shared", "Cache of compiled rules and catalogue: not used, {cache} is not a private "
               "folder (0700) of yours"),
])
def test_info_says_where_the_cache_is_and_whether_it_is_used(
        setup: str, expected: str, cache: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    if setup == "off":
        monkeypatch.setenv("TILTAK_NO_CACHE", "1")
    elif setup == "shared":
        cache.mkdir(mode=0o755)
        cache.chmod(0o755)
    code, out, _ = _run(capsys, "info", "--lang", "en")
    assert code == 0
    assert out.splitlines()[-1] == expected.format(cache=cache)
    if setup == "fresh":
        assert not cache.exists()  # info only looks


def test_info_in_norwegian(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "info", "--lang", "nb")[1].splitlines()[-1] == (
        f"Hurtiglager for kompilerte regler og katalog: {cache}")
