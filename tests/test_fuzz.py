"""Fuzzing every input kind (hypothesis): any input ends in a result or a located TiltakError.

Valid files (a profile, the mini rules and catalogue, a scenario, a survey
export) are mutated at a random place into a hostile value — wrong types,
huge or non-finite numbers, control characters, lone surrogates, deep nesting
— or replaced by random text. Through the library, the only exception allowed
is a TiltakError whose problems say where; through the CLI, exit 0, 1 or 2 and
never "internal error". Longer runs: ``pytest -m slow tests/test_fuzz.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiltak.authoring.scenarios import load_scenarios
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.cli import main
from tiltak.engine import Engine
from tiltak.errors import InputError, TiltakError
from tiltak.profile import parse_profile
from tiltak.rules import load_rules
from tiltak.survey import import_survey

from .conftest import EXAMPLES, MINI

FAST = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=1000, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_SPECIAL = st.sampled_from(["\x1b[2J", "\x00", "\u202e", "=cmd|' /C calc'!A0", "<script>", "|",
                           "\n", "{x}", "\ud800", "&a", "*a"])
_TEXT = st.lists(st.text(max_size=8) | _SPECIAL, max_size=5).map("".join)
HOSTILE_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**18, max_value=10**30),
    st.just(10**400), st.floats(), st.sampled_from([math.inf, -math.inf, math.nan, 1.7e308]),
    _TEXT, st.sampled_from(["2.1", "true", "", "digitalisering", "sector", "role", "\ud800"]),
)
HOSTILE = st.recursive(
    HOSTILE_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12,
) | st.integers(min_value=60, max_value=300).map(lambda n: json.loads("[" * n + "]" * n))


def mutate(data: Any, draw: st.DrawFn) -> Any:
    """``data`` with one randomly chosen place (or a new key) replaced by a hostile value."""
    if isinstance(data, dict) and data and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(data)) | _TEXT)
        out = dict(data)
        out[key] = mutate(data[key], draw) if key in data else draw(HOSTILE)
        return out
    if isinstance(data, list) and data and draw(st.booleans()):
        index = draw(st.integers(0, len(data) - 1))
        out_list = list(data)
        out_list[index] = mutate(data[index], draw)
        return out_list
    return draw(HOSTILE)


def assert_located(error: TiltakError) -> None:
    """An input error names where: a file, a line, a JSON path or the path it could not use."""
    if isinstance(error, InputError):
        for problem in error.problems:
            assert (problem.file or problem.line or problem.path
                    or problem.params.get("path")), problem
    error.render("nb")
    error.render("en")


def _json(data: Any) -> str:
    return json.dumps(data, allow_nan=True)  # NaN/Infinity on purpose


BINDAL = json.loads((EXAMPLES / "bindal-organisasjon.json").read_text(encoding="utf-8"))


@FAST
@given(data=st.data())
def test_mutated_profiles_through_the_library(data: st.DataObject,
                                              default_engine: Engine) -> None:
    profile = mutate(BINDAL, data.draw)
    for source in (profile, _json(profile)):
        try:
            result = default_engine.suggest(source)
        except TiltakError as error:
            assert_located(error)
        else:
            json.loads(result.to_json(), parse_constant=lambda name: pytest.fail(name))


@FAST
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(
    lambda b: b.decode("latin-1")))
def test_random_text_as_a_profile(text: str) -> None:
    with contextlib.suppress(TiltakError):
        parse_profile(text, source="p.json")
    with contextlib.suppress(TiltakError):
        parse_profile(HEAD_TEXT + text, source="p.json")


HEAD_TEXT = '{"format": "tiltak.profile/1", "subject": {"kind": "organisation"}, "x": '


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


@settings(FAST, max_examples=12)
@given(data=st.data())
def test_mutated_profiles_through_the_cli(data: st.DataObject) -> None:
    profile = mutate(BINDAL, data.draw)
    fmt = data.draw(st.sampled_from(["text", "json", "markdown"]))
    command = data.draw(st.sampled_from(["suggest", "plan"]))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.json"
        path.write_text(_json(profile), encoding="utf-8")
        code, out, err = _cli([command, str(path), "--format", fmt, "--lang", "en"])
    assert code in (0, 1, 2), err
    assert "internal error" not in err and "Traceback" not in err
    assert "\x1b" not in out and "\x1b" not in err
    if code == 1:
        assert "p.json" in err, err


MINI_RULES = yaml.safe_load((MINI / "rules" / "rules.yaml").read_text(encoding="utf-8"))
MINI_CATALOGUE = yaml.safe_load((MINI / "catalogue" / "catalogue.yaml").read_text(
    encoding="utf-8"))


def _dump(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:  # a lone surrogate cannot be written as YAML: write it escaped
        return yaml.safe_dump(data, allow_unicode=False)


@FAST
@given(data=st.data())
def test_mutated_rule_files(data: st.DataObject, mini_catalogue: Catalogue) -> None:
    text = _dump(mutate(MINI_RULES, data.draw))
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "r.yaml").write_text(text, encoding="utf-8")
        try:
            load_rules(tmp, mini_catalogue)
        except TiltakError as error:
            assert_located(error)
        code, _, err = _cli(["check", "--rules", tmp, "--catalogue", str(MINI / "catalogue")])
    assert code in (0, 1, 2) and "internal error" not in err, err


@FAST
@given(text=st.text(max_size=400))
def test_random_text_as_a_rule_file(text: str, mini_catalogue: Catalogue) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "r.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_rules(tmp, mini_catalogue)
        except TiltakError as error:
            assert_located(error)


@FAST
@given(data=st.data())
def test_mutated_catalogues(data: st.DataObject) -> None:
    text = _dump(mutate(MINI_CATALOGUE, data.draw))
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "c.yaml").write_text(text, encoding="utf-8")
        try:
            load_catalogue(tmp)
        except TiltakError as error:
            assert_located(error)
        code, _, err = _cli(["graph", "--catalogue", tmp])
    assert code in (0, 1, 2) and "internal error" not in err, err


SCENARIO = {"scenarios": [{
    "id": "s", "description": {"nb": "B.", "en": "D."},
    "profile": {"format": "tiltak.profile/1", "subject": {"kind": "organisation"}},
    "top": 3, "expect_top": ["arena"], "expect_absent": ["course"],
}]}


@FAST
@given(data=st.data())
def test_mutated_scenarios(data: st.DataObject, mini_engine: Engine) -> None:
    text = _dump(mutate(SCENARIO, data.draw))
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "s.yaml").write_text(text, encoding="utf-8")
        try:
            load_scenarios([tmp])
        except TiltakError as error:
            assert_located(error)
        code, _, err = _cli(["test", tmp, "--rules", str(MINI / "rules"),
                             "--catalogue", str(MINI / "catalogue")])
    assert code in (0, 1, 2) and "internal error" not in err, err


EXPORT_LINES = (EXAMPLES / "survey-ksaa.csv").read_text(encoding="utf-8-sig").splitlines()
ANSWERS = ["Helt uenig", "Nokså uenig", "Verken enig eller uenig", "Nokså enig", "Helt enig",
           "Vet ikke", "", "Helse og velferd", "Ja", "Nei"]


@settings(FAST, max_examples=10)
@given(data=st.data())
def test_mutated_survey_exports(data: st.DataObject) -> None:
    rows = [line.split(",") for line in EXPORT_LINES[1:40]]
    for _ in range(data.draw(st.integers(1, 8))):
        row = data.draw(st.integers(0, len(rows) - 1))
        col = data.draw(st.integers(0, len(rows[row]) - 1))
        rows[row][col] = data.draw(st.sampled_from(ANSWERS) | _TEXT.map(
            lambda t: '"' + t.replace('"', '""') + '"'))
    header = EXPORT_LINES[0] if data.draw(st.booleans()) else data.draw(_TEXT)
    text = "\n".join([header, *(",".join(r) for r in rows)]) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            import_survey(path, "ksaa")
        except TiltakError as error:
            assert_located(error)
        code, out, err = _cli(["survey", str(path), "--survey", "ksaa", "--report", "-q"])
    assert code in (0, 1, 2) and "internal error" not in err, err
    assert "\x1b" not in out


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_mutated_profiles_long_run(data: st.DataObject, default_engine: Engine) -> None:
    test_mutated_profiles_through_the_library.hypothesis.inner_test(  # type: ignore[attr-defined]
        data, default_engine)


@pytest.mark.slow
@SLOW
@given(data=st.data())
def test_mutated_rule_files_long_run(data: st.DataObject, mini_catalogue: Catalogue) -> None:
    test_mutated_rule_files.hypothesis.inner_test(data, mini_catalogue)  # type: ignore[attr-defined]
