"""Installing and starting out (issue #13): no compiler for the test install, CI still runs the
Rete tests, README commands whose files follow each other, a licence, did-you-mean on the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tiltak.cli import main

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_test_install_needs_no_compiler_and_ci_installs_rete() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert not any(dep.startswith("durable") for dep in extras["test"])
    assert any(dep.startswith("durable-rules") for dep in extras["rete"])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # CI installs exactly as the README's first command says, then the rete extra as the
    # README's engine section says, so the Rete tests run in CI too.
    assert ci.index("pip install -q '.[test]'") < ci.index("pip install -q '.[rete]'")
    assert README.index("python3 -m pip install '.[test]'") < README.index("## ")
    assert "python3 -m pip install '.[rete]'" in README
    assert "'.[test,rete]'" in README  # the development install with the Rete backend


def test_rete_tests_skip_visibly_without_durable_rules(tmp_path: Path) -> None:
    blocker = tmp_path / "sitecustomize.py"
    blocker.write_text('import sys\nfor name in ("durable", "durable.engine", '
                       '"durable_rules_engine"):\n    sys.modules[name] = None\n',
                       encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "tests/test_rete.py",
         "tests/test_differential.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode in (0, 5), proc.stdout + proc.stderr  # 5: every test skipped
    assert proc.stdout.count("SKIPPED") == 2 and "failed" not in proc.stdout
    assert "durable-rules is not installed" in proc.stdout


def test_licence_matches_pyproject() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_readme_survey_step_writes_the_file_the_next_steps_read() -> None:
    commands = re.findall(r"^(tiltak [^\n#]*)", README, re.MULTILINE)
    written = [m.group(1) for c in commands if c.startswith("tiltak survey")
               for m in [re.search(r"-o (\S+\.json)", c)] if m]
    assert written, "the README shows the survey step writing a profile"
    read = {word for c in commands if not c.startswith("tiltak survey")
            for word in c.split() if word.endswith(".json") and not word.startswith("examples/")}
    assert set(written) <= read, (written, read)


@pytest.mark.parametrize(("argv", "lang", "hint"), [
    (["sugest", "x.json"], "nb", "(mente du «suggest»?)"),
    (["sugest", "x.json"], "en", "(did you mean 'suggest'?)"),
    (["suggest", "x.json", "--formt", "json"], "en", "(did you mean '--format'?)"),
    (["suggest", "x.json", "--format", "jsn"], "nb", "(mente du «json»?)"),
    (["plan", "x.json", "--budjet", "5"], "en", "(did you mean '--budget'?)"),
    (["suggest", "x.json", "--engine", "reet"], "en", "(did you mean 'rete'?)"),
])
def test_did_you_mean_for_commands_and_options(argv: list[str], lang: str, hint: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([*argv, "--lang", lang])
    assert info.value.code == 2
    assert hint in capsys.readouterr().err
