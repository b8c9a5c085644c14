"""Start-up of ``tiltak suggest`` with and without the knowledge-base cache, side by side.

Each round is a whole process, as a user runs it: ``python -m tiltak suggest`` on the Bindal
example, with the cache turned off (``TILTAK_NO_CACHE=1``: every rule and catalogue file parsed
and validated, as before the cache) and with a warm cache (the files only hashed), next to a
bare interpreter and ``tiltak --help``. Wall time is what pytest-benchmark reports; the CPU
time of the process (user + sys, from the kernel's accounting of the finished child) and the
load average go into ``extra_info``, since on a shared machine wall time mostly measures the
other processes. Run with::

    .venv/bin/python -m pytest benchmarks/test_bench_startup.py --benchmark-only \\
        --benchmark-json=startup.json
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "bindal-organisasjon.json")
SUGGEST = [sys.executable, "-m", "tiltak", "suggest", EXAMPLE]
CASES = {
    "python -c pass": ([sys.executable, "-c", "pass"], {}),
    "tiltak --help": ([sys.executable, "-m", "tiltak", "--help"], {}),
    "tiltak suggest, no cache": (SUGGEST, {"TILTAK_NO_CACHE": "1"}),
    "tiltak suggest, cached": (SUGGEST, {}),
}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("startup") / "cache"


@pytest.mark.parametrize("name", list(CASES))
def test_startup_cold_and_cached(benchmark: Any, name: str, cache_dir: Path) -> None:
    benchmark.group = "start-up: tiltak suggest (Bindal), cold vs cached, a whole process"
    args, extra = CASES[name]
    env = {k: v for k, v in os.environ.items() if k != "TILTAK_NO_CACHE"}
    env.update(TILTAK_CACHE_DIR=str(cache_dir), TILTAK_LANG="en", **extra)
    cpu: list[float] = []
    expected = subprocess.run(args, check=True, capture_output=True, env=env).stdout

    def used() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def run() -> None:
        before = used()
        out = subprocess.run(args, check=True, capture_output=True, env=env).stdout
        cpu.append(used() - before)
        assert out == expected  # the cache never changes the output

    benchmark.pedantic(run, rounds=9, iterations=1, warmup_rounds=1)
    benchmark.extra_info["cpu_s_median"] = round(statistics.median(cpu), 3)
    benchmark.extra_info["cpu_s_min"] = round(min(cpu), 3)
    benchmark.extra_info["wall_s_median"] = round(benchmark.stats.stats.median, 3)
    benchmark.extra_info["load_average_1m"] = round(os.getloadavg()[0], 2)


def test_cold_and_cached_print_the_same(cache_dir: Path) -> None:
    """The two suggest rows time the same output (also checked in tests/test_kb_cache.py)."""
    outs = []
    for extra in ({"TILTAK_NO_CACHE": "1"}, {}, {}):
        env = {k: v for k, v in os.environ.items() if k != "TILTAK_NO_CACHE"}
        env.update(TILTAK_CACHE_DIR=str(cache_dir), TILTAK_LANG="en", **extra)
        outs.append(subprocess.run(SUGGEST, check=True, capture_output=True, env=env).stdout)
    assert outs[0] == outs[1] == outs[2]
