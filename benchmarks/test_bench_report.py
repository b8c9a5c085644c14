"""The Bindal example report end to end (target: under 3 s), beside ``tiltak plan`` as baseline.

Run with ``.venv/bin/python -m pytest benchmarks/test_bench_report.py --benchmark-only``.
Two groups: the command as a user runs it (a fresh interpreter: start-up, imports, rules,
suggestions, plan, charts, writing), and the library in a warm process (build, then render).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import tiltak
from tiltak.report import build, render_docx, render_html, render_xlsx

BINDAL = Path(__file__).resolve().parent.parent / "examples" / "bindal-organisasjon.json"
RENDER = {"html": render_html, "docx": render_docx, "xlsx": render_xlsx}


@pytest.mark.parametrize("what", ["plan (baseline)", "report html", "report docx",
                                  "report xlsx"])
def test_command_end_to_end(benchmark: Any, what: str, tmp_path: Path) -> None:
    benchmark.group = "bindal end to end: a fresh `tiltak` process"
    if what.startswith("plan"):
        args = ["plan", str(BINDAL), "-o", str(tmp_path / "plan.txt")]
    else:
        args = ["report", str(BINDAL), "-o", str(tmp_path / f"plan.{what.split()[1]}")]

    def run() -> None:
        subprocess.run([sys.executable, "-m", "tiltak", *args, "--lang", "nb"], check=True,
                       capture_output=True)

    benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=1)


@pytest.mark.parametrize("fmt", list(RENDER))
def test_library_build_and_render(benchmark: Any, fmt: str) -> None:
    benchmark.group = "bindal in a warm process: build + render"
    engine = tiltak.load()
    render = RENDER[fmt]

    def run() -> int:
        return len(render(build(BINDAL, lang="nb", engine=engine)))

    benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=1)
