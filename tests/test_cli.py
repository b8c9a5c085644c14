"""`tiltak suggest` end to end, as users type it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tiltak._i18n import Lang
from tiltak.cli import main

from .conftest import EXAMPLES, MINI

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
HEADINGS = {"nb": "Forslag til tiltak for", "en": "Suggested measures for"}


def run(*args: str, env: dict[str, str] | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES",
                                                                  "TILTAK_LANG")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "tiltak", *args], capture_output=True,
                          text=True, env=environ, input=stdin, check=False, encoding="utf-8")


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("example", [p.name for p in EXAMPLE_FILES if not
                                     p.name.startswith("survey")])
def test_suggest_examples_in_both_languages(example: str, lang: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(EXAMPLES / example), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert out.startswith(HEADINGS[lang])
    assert "\n  1  " in out  # at least one ranked measure


def test_suggest_json_is_the_result_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(EXAMPLES / "bindal-organisasjon.json"), "--format", "json",
                 "--top", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "tiltak.result/1"
    assert data["subject"] == {"kind": "organisation", "id": "bindal", "name": "Bindal kommune"}
    assert [r["rank"] for r in data["recommendations"]] == [1, 2, 3]
    first = data["recommendations"][0]
    assert {"measure", "score", "title", "strategy", "format", "areas", "dimensions", "sources",
            "reasons"} <= set(first)
    assert first["reasons"][0]["facts"]
    assert data["segments"] and {"by", "value", "recommendations", "suppressed"} <= set(
        data["segments"][0])


def test_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", str(EXAMPLES / "enhet-hjemmetjeneste.json"), "--format", "markdown",
                 "--lang", "nb"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Forslag til tiltak for Hjemmetjenesten")
    assert "| # | Tiltak | Poeng |" in out
    assert "## Ikke foreslått" in out  # brukerkafe is already running


@pytest.mark.parametrize(("env", "heading"), [
    ({"LANG": "nb_NO.UTF-8"}, HEADINGS["nb"]),
    ({"LANG": "en_GB.UTF-8"}, HEADINGS["en"]),
    ({"LC_ALL": "nn_NO.UTF-8", "LANG": "en_US.UTF-8"}, HEADINGS["nb"]),
    ({"TILTAK_LANG": "en", "LANG": "nb_NO.UTF-8"}, HEADINGS["en"]),
    ({}, HEADINGS["en"]),
])
def test_language_from_environment(env: dict[str, str], heading: str) -> None:
    proc = run("suggest", str(EXAMPLES / "medarbeider.json"), env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(heading)


def test_stdin_profile() -> None:
    text = (EXAMPLES / "medarbeider.json").read_text(encoding="utf-8")
    proc = run("suggest", "-", "--format", "json", stdin=text)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["recommendations"]


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    target.write_text("old", encoding="utf-8")
    assert main(["suggest", str(EXAMPLES / "medarbeider.json"), "--format", "json",
                 "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "tiltak.result/1"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temp files left


def test_failed_run_leaves_output_untouched(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    target.write_text("old", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "tiltak.profile/1"}', encoding="utf-8")
    assert main(["suggest", str(bad), "-o", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == "old"


BAD_INPUTS = [
    ("missing file", ["suggest", "nope.json"], "file not found: nope.json"),
    ("bad level", ["suggest", "{bad}"], "bad.json: competence.digitalisering.evner.level: "
     "7 is above 5\n"),
    ("bad rules", ["suggest", str(EXAMPLES / "medarbeider.json"), "--rules", "{rules}"],
     "rules.yaml:4:24: rules[0].then.recommend[0].measure: rule x: unknown measure"),
    ("missing catalogue", ["suggest", str(EXAMPLES / "medarbeider.json"), "--catalogue",
                           "no-such-dir"], "directory not found: no-such-dir"),
]


@pytest.mark.parametrize(("argv", "fragment"), [c[1:] for c in BAD_INPUTS],
                         ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_one_clear_line_and_exit_1(tmp_path: Path, argv: list[str],
                                                fragment: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "tiltak.profile/1", "subject": {"kind": "unit"},
                               "competence": {"digitalisering": {"evner": {"level": 7}}}}),
                   encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "rules.yaml").write_text("rules:\n  - id: x\n    reason: {nb: a, en: b}\n"
                                      "    then: {recommend: [no-such-measure]}\n",
                                      encoding="utf-8")
    argv = [a.replace("{bad}", str(bad)).replace("{rules}", str(rules)) for a in argv]
    proc = run(*argv)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert fragment.replace("{bad}", str(bad)) in proc.stderr or fragment in proc.stderr
    assert len(proc.stderr.splitlines()) <= 4


def test_usage_errors_exit_2() -> None:
    for argv in (["suggest"], ["suggest", "x.json", "--top", "0"], ["frobnicate"],
                 ["suggest", "x.json", "--format", "pdf"]):
        proc = run(*argv)
        assert proc.returncode == 2, argv
        assert "Traceback" not in proc.stderr


def test_help_in_norwegian() -> None:
    proc = run("suggest", "--help", env={"LANG": "nb_NO.UTF-8"})
    assert proc.returncode == 0
    assert "profilfil (JSON) eller -" in proc.stdout


def test_own_rules_and_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    profile = MINI.parent.parent / "data" / "mini-profile.json"
    assert main(["suggest", str(profile), "--rules", str(MINI / "rules"), "--catalogue",
                 str(MINI / "catalogue"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["measure"] for r in data["recommendations"]][:2] == ["arena", "strategy"]


@pytest.mark.parametrize(("text", "first"), [
    ("Få kan lede. Da trengs en arena.", "Få kan lede."),
    ("Ca. 7 % kan lede. Resten vil.", "Ca. 7 % kan lede."),
    ("Attitudes are low; no courses now.", "Attitudes are low; no courses now."),
    ("Uten punktum", "Uten punktum"),
])
def test_table_shows_first_sentence_of_reason(text: str, first: str) -> None:
    from tiltak.engine._render import first_sentence

    assert first_sentence(text) == first


def test_a_bug_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import tiltak.engine  # the command imports load from here when it runs

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(tiltak.engine, "load", broken)
    monkeypatch.delenv("TILTAK_DEBUG", raising=False)
    assert main(["suggest", str(EXAMPLES / "medarbeider.json"), "--lang", "en"]) == 70
    err = capsys.readouterr().err
    # The line naming the rules in use, then the bug in one line.
    assert err.splitlines()[-1].startswith("tiltak: internal error (RuntimeError: boom)")
    assert len(err.splitlines()) == 2 and "Traceback" not in err
    monkeypatch.setenv("TILTAK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["suggest", str(EXAMPLES / "medarbeider.json")])


def test_closed_pipe_is_quiet() -> None:
    proc = subprocess.run(
        f'"{sys.executable}" -m tiltak suggest "{EXAMPLES / "bindal-organisasjon.json"}" '
        "--format json | head -c 10",
        shell=True, capture_output=True, text=True, check=False)
    assert proc.stdout == '{\n  "forma'
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


@pytest.mark.parametrize(("argv", "nb", "en"), [
    (["suggest"], "disse argumentene mangler: PROFILE",
     "the following arguments are required: PROFILE"),
    (["suggest", "x.json", "--top", "0"], "«0» må være et heltall fra 1 til 10 000",
     "'0' must be a whole number from 1 to 10,000"),
    (["frobnicate"], "ugyldig valg: 'frobnicate'", "invalid choice: 'frobnicate'"),
    (["suggest", "x.json", "--zzz"], "ukjente argumenter: --zzz",
     "unrecognized arguments: --zzz"),
])
def test_usage_errors_in_both_languages(argv: list[str], nb: str, en: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    for lang, expected, word in (("nb", nb, "bruk: "), ("en", en, "usage: ")):
        with pytest.raises(SystemExit) as info:
            main([*argv, "--lang", lang])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith(word)
        assert expected in err


@pytest.mark.parametrize(("env", "numpy_loaded", "expected"), [
    ({}, False, {"OPENBLAS_NUM_THREADS": "1"}),                 # the command: one thread
    ({"OMP_NUM_THREADS": "4"}, False, {"OMP_NUM_THREADS": "4"}),  # the user's choice stays
    ({"OPENBLAS_NUM_THREADS": "2"}, False, {"OPENBLAS_NUM_THREADS": "2"}),
    ({}, True, {}),                                             # too late to matter: untouched
])
def test_blas_threads_of_the_command(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                                     numpy_loaded: bool, expected: dict[str, str]) -> None:
    import tiltak.cli as cli

    for name in cli._BLAS_THREADS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    modules = dict(sys.modules)
    if numpy_loaded:
        modules.setdefault("numpy", sys)
    else:
        modules.pop("numpy", None)
    monkeypatch.setattr(sys, "modules", modules)
    cli._one_blas_thread()
    assert {n: os.environ[n] for n in cli._BLAS_THREADS if n in os.environ} == expected


@pytest.mark.parametrize(("respondents", "lang", "shown"), [
    (1, "en", "(employee, 1 respondent)"),
    (2, "en", "(employee, 2 respondents)"),
    (1, "nb", "(medarbeider, 1 svar)"),
])
def test_heading_counts_respondents_in_the_reader_s_grammar(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], respondents: int, lang: str,
        shown: str) -> None:
    data = json.loads((EXAMPLES / "medarbeider.json").read_text(encoding="utf-8"))
    data["respondents"] = respondents
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["suggest", str(path), "--lang", lang]) == 0
    assert shown in capsys.readouterr().out


def _parsed(parse: Any, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[Any, ...]:
    """What parsing ``argv`` gives: the values (without the parser objects), or the exit
    code and what was printed."""
    try:
        args = vars(parse(argv))
    except SystemExit as stop:
        out = capsys.readouterr()
        return ("exit", stop.code, out.out, out.err)
    return ("args", {k: v for k, v in args.items() if k not in ("run", "parser")},
            capsys.readouterr())


@pytest.mark.parametrize("argv", [
    ["suggest", "x.json"], ["suggest", "x.json", "--format", "json", "--top", "3", "--all"],
    ["suggest", "-", "--batch", "--jobs", "2", "--lang", "nb"], ["suggest", "--help"],
    ["suggest"], ["suggest", "x.json", "--formt", "json"], ["suggest", "x.json", "--budjet", "5"],
    ["suggest", "x.json", "--version"], ["suggest", "x.json", "--top", "0"],
    ["plan", "x.json", "--budjet", "5"], ["plan", "--help"], ["survey", "--help"],
    ["check", "--help"], ["info"], ["graph", "--format", "dto"], ["test", "-h"],
    ["sugest", "x.json"], ["--version"], ["--help"], [], ["--lang", "nb", "suggest", "x.json"],
    ["_common", "x"], ["suggest=x"],
])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_command_is_parsed_as_the_whole_parser_parses_it(
        argv: list[str], lang: Lang, capsys: pytest.CaptureFixture[str]) -> None:
    """`tiltak COMMAND ...` is parsed by a parser of that command alone (start-up); values,
    help and every usage error (with its "did you mean") are the whole parser's."""
    import tiltak.cli as cli

    whole = _parsed(cli.build_parser(lang).parse_args, argv, capsys)
    assert _parsed(lambda a: cli._parse(a, lang), argv, capsys) == whole


@pytest.mark.parametrize(("env", "heading", "note"), [
    ({"TILTAK_LANG": "xx", "LANG": "nb_NO.UTF-8"}, HEADINGS["nb"],
     "TILTAK_LANG=xx er ikke et språk tiltak har (nb, en); bruker norsk bokmål (LANG=nb_NO.UTF-8)"),
    ({"TILTAK_LANG": "english", "LANG": "C.UTF-8"}, HEADINGS["en"],
     "TILTAK_LANG=english is not a language tiltak has (nb, en); using English (LANG=C.UTF-8)"),
    ({"TILTAK_LANG": "nb"}, HEADINGS["nb"], None),
    ({"TILTAK_LANG": "no_NO"}, HEADINGS["nb"], None),
    ({"TILTAK_LANG": " "}, HEADINGS["en"], None),
])
def test_an_unknown_language_setting_is_said_not_silently_passed_over(
        env: dict[str, str], heading: str, note: str | None) -> None:
    proc = run("suggest", str(EXAMPLES / "medarbeider.json"), env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(heading)
    assert (note in proc.stderr) if note else ("TILTAK_LANG" not in proc.stderr)
    explicit = run("suggest", str(EXAMPLES / "medarbeider.json"), "--lang", "en", env=env)
    assert "TILTAK_LANG" not in explicit.stderr  # --lang decides: nothing was passed over
