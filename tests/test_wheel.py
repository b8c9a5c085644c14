"""The built wheel works on its own: bundled rules and catalogue found from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("tiltak-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    return target


def test_wheel_carries_data_and_types(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "tiltak/py.typed" in names
    for folder in ("rules", "catalogue", "scenarios", "surveys"):
        assert any(n.startswith(f"tiltak/_data/{folder}/") and n.endswith(".yaml")
                   for n in names), folder
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "tiltak = tiltak.cli:entry" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_suggests_from_any_directory(installed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed), "TILTAK_LANG": "en"}
    code = ("import tiltak, tiltak._data as d; print(tiltak.__file__); "
            "print(d.default_dir('rules')); print(len(tiltak.load().catalogue.measures))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)
    module_file, rules_dir, measures = proc.stdout.splitlines()
    assert module_file.startswith(str(installed))
    assert rules_dir == str(installed / "tiltak" / "_data" / "rules")
    assert int(measures) >= 10
    proc = subprocess.run(
        [sys.executable, "-m", "tiltak", "suggest", str(EXAMPLES / "bindal-organisasjon.json"),
         "--format", "json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert json.loads(proc.stdout)["recommendations"]
    # The bundled scenarios find their profiles inside the installed package.
    proc = subprocess.run([sys.executable, "-m", "tiltak", "test"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.rstrip().endswith(" 0 failed")


def test_wheel_carries_schemas(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for schema in ("rules", "catalogue", "survey", "profile", "result"):
        assert f"tiltak/_data/schemas/{schema}.schema.json" in names


def test_installed_wheel_names_its_copy_and_reaches_the_examples(installed: Path,
                                                                 tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed), "TILTAK_LANG": "nb"}

    def cli(cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tiltak", *argv], cwd=cwd, env=env,
                              capture_output=True, text=True, check=False)

    # In the checkout, without tiltak.toml: the copy inside the package, and ./rules is unused.
    proc = cli(ROOT, "check")
    first = proc.stderr.splitlines()[0]
    assert "de medfølgende i pakken" in first and str(installed) in first
    assert "./rules brukes ikke" in first
    # Only the wheel: tiltak init reaches the examples, and the workspace works.
    assert cli(tmp_path, "init", "ws").returncode == 0
    ws = tmp_path / "ws"
    rule = ws / "rules" / "10-digitalisering.yaml"
    head = rule.read_text(encoding="utf-8").splitlines()[0]
    assert head == "# yaml-language-server: $schema=../schemas/rules.schema.json"
    assert (ws / "schemas" / "rules.schema.json").is_file()
    proc = cli(ws, "suggest", "examples/bindal-organisasjon.json")
    assert proc.returncode == 0, proc.stderr
    assert "arbeidsområdet tiltak.toml" in proc.stderr
    assert cli(ws, "test").stdout.rstrip().endswith(" 0 failed")
