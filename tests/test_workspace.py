"""A workspace of the adviser's own (issue #13): tiltak init, tiltak.toml, tiltak info, and
bundled YAML files that editors validate against the bundled schemas."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tiltak._yaml import load_yaml_file
from tiltak.cli import main

from .conftest import ROOT

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
BUNDLED = {"rules": "rules", "catalogue": "catalogue", "surveys": "survey"}


def _bundled_yaml() -> list[Path]:
    return sorted(p for folder in BUNDLED for p in (ROOT / folder).glob("*.yaml"))


def _check_schema_line(path: Path, schema_name: str) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{path}: first line must be the yaml-language-server schema line"
    schema_file = (path.parent / match.group(1)).resolve()
    assert schema_file.name == f"{schema_name}.schema.json"
    assert schema_file.is_file(), f"{path}: {match.group(1)} does not exist"
    import json

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    doc, problems = load_yaml_file(path)
    assert doc is not None and not problems
    errors = [f"{list(e.path)}: {e.message}"
              for e in jsonschema.Draft202012Validator(schema).iter_errors(doc.data)]
    assert errors == []


@pytest.mark.parametrize("path", _bundled_yaml(), ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_yaml_names_and_fits_its_schema(path: Path) -> None:
    # Norwegian dimension names (kunnskaper, ...) in surveys/ksaa.yaml must be accepted too.
    _check_schema_line(path, BUNDLED[path.parent.name])


@pytest.fixture()
def workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    target = tmp_path / "mitt-arbeid"
    assert main(["init", str(target), "--lang", "nb"]) == 0
    out = capsys.readouterr().out
    assert "tiltak suggest" in out
    return target


def test_init_copies_everything_with_working_schema_lines(workspace: Path) -> None:
    for folder in ("rules", "catalogue", "surveys", "scenarios", "examples", "schemas"):
        assert any((workspace / folder).iterdir()), folder
    assert (workspace / "tiltak.toml").is_file()
    for folder, schema_name in BUNDLED.items():
        for path in sorted((workspace / folder).glob("*.yaml")):
            _check_schema_line(path, schema_name)


def test_init_refuses_a_folder_in_use(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(workspace), "--lang", "en"]) == 1
    assert "already exists" in capsys.readouterr().err


def _cli(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TILTAK_LANG": "nb"}
    return subprocess.run([sys.executable, "-m", "tiltak", *argv], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def test_editing_a_rule_in_the_workspace_changes_check_and_suggest(workspace: Path) -> None:
    sub = workspace / "examples"  # commands find tiltak.toml from below too
    before = _cli(sub, "suggest", "medarbeider.json", "--format", "json")
    assert before.returncode == 0, before.stderr
    assert "arbeidsområdet" in before.stderr.splitlines()[0]
    assert "tiltak.toml" in before.stderr.splitlines()[0]
    rules = workspace / "rules" / "40-roller-og-grupper.yaml"
    text = rules.read_text(encoding="utf-8")
    # A typo in a measure id: check finds it in the workspace's copy, with a suggestion.
    first_measure = re.search(r"measure: ([a-z0-9-]+)", text)
    assert first_measure
    broken = text.replace(first_measure.group(0), first_measure.group(0)[:-1] + "x", 1)
    rules.write_text(broken, encoding="utf-8")
    check = _cli(workspace, "check")
    assert check.returncode == 1
    assert "40-roller-og-grupper.yaml" in check.stdout + check.stderr
    assert f"mente du «{first_measure.group(1)}»" in check.stdout + check.stderr
    # Remove the rule's effect entirely: suggest changes accordingly.
    rules.write_text("rules: []\n", encoding="utf-8")
    after = _cli(sub, "suggest", "medarbeider.json", "--format", "json")
    assert after.returncode == 0, after.stderr
    assert after.stdout != before.stdout


def test_info_says_what_is_used(workspace: Path) -> None:
    info = _cli(workspace, "info")
    assert info.returncode == 0
    out = info.stdout
    assert "tiltak 0." in out and "Språk: nb (fra TILTAK_LANG=nb)" in out
    assert str(workspace.resolve() / "tiltak.toml") in out
    assert "rete:" in out and "python:" in out


def test_outside_a_workspace_the_bundled_copy_is_named(tmp_path: Path) -> None:
    proc = _cli(tmp_path, "check")
    line = proc.stderr.splitlines()[0]
    assert line.startswith("tiltak: bruker regler og katalog fra")
    # A folder called rules/ here that is not the one in use is pointed out.
    (tmp_path / "rules").mkdir()
    proc = _cli(tmp_path, "check")
    assert "./rules brukes ikke" in proc.stderr.splitlines()[0]


@pytest.mark.parametrize(("content", "expected"), [
    ('rules = "rules"\ncatalog = "catalogue"\n', "ukjent innstilling «catalog»"),
    ('rules = "rules\n', "ugyldig TOML"),
    ('rules = "finnes-ikke"\n', "finnes ikke"),
])
def test_a_broken_config_is_a_clear_error(tmp_path: Path, content: str, expected: str) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "tiltak.toml").write_text(content, encoding="utf-8")
    proc = _cli(tmp_path, "check")
    assert proc.returncode == 1
    assert expected in proc.stderr
    assert "tiltak.toml" in proc.stderr
    assert "Traceback" not in proc.stderr
