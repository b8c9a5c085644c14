"""Start-up of ``tiltak suggest`` as a user runs it: the built wheel installed in a fresh venv.

An editable checkout measures something else: started with ``PYTHONDONTWRITEBYTECODE`` set
(as some shells and CI set it), it compiles every tiltak module again on each run, about a
fifth of a short command. So the module builds the wheel, installs it (not editable: pip
writes the bytecode, as for a user) in a fresh venv that sees the installed dependencies, and
times the venv's own ``tiltak`` script: ``tiltak suggest`` on the Bindal example with the cache
off (``TILTAK_NO_CACHE=1``: every rule and catalogue file parsed and validated) and with a
warm cache (the files only hashed), next to the venv's bare interpreter and ``tiltak --help``.

``TILTAK_BENCH_BASELINE=/path/to/an/earlier/checkout`` installs that checkout's wheel the same
way and times it in the same run, each case beside its baseline (pytest-benchmark groups them).

Wall time is what pytest-benchmark reports; the CPU time of the process (user + sys, from the
kernel's accounting of the finished child) and the load average go into ``extra_info``, since
on a shared machine wall time mostly measures the other processes. Run with::

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
_BASELINE = os.environ.get("TILTAK_BENCH_BASELINE", "")
BUILDS = {"tiltak": ROOT}
if _BASELINE:  # a checkout, or its src/ (as test_bench_batch.py takes it)
    _base = Path(_BASELINE).resolve()
    BUILDS["baseline"] = _base if (_base / "pyproject.toml").exists() else _base.parent
CASES = {
    "python -c pass": (["python", "-c", "pass"], {}),
    "tiltak --help": (["tiltak", "--help"], {}),
    "tiltak suggest, no cache": (["tiltak", "suggest", EXAMPLE], {"TILTAK_NO_CACHE": "1"}),
    "tiltak suggest, cached": (["tiltak", "suggest", EXAMPLE], {}),
}


def _user_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no bytecode switch, no cache switch."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("TILTAK_NO_CACHE", "PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env.update(extra)
    return env


def install(checkout: Path, where: Path) -> Path:
    """Build ``checkout``'s wheel and install it in a fresh venv at ``where``; its bin/."""
    wheels = where / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(checkout)], check=True, capture_output=True, env=_user_env())
    (wheel,) = wheels.glob("tiltak-*.whl")
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True, capture_output=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--no-deps", "-q",
                    str(wheel)], check=True, capture_output=True, env=_user_env())
    return venv / "bin"


@pytest.fixture(scope="module")
def bins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {name: install(checkout, tmp_path_factory.mktemp(f"startup-{name}"))
            for name, checkout in BUILDS.items()}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("startup") / "cache"


@pytest.mark.parametrize("build", list(BUILDS))
@pytest.mark.parametrize("name", list(CASES))
def test_startup_cold_and_cached(benchmark: Any, name: str, build: str, bins: dict[str, Path],
                                 cache_dir: Path) -> None:
    benchmark.group = f"start-up, the installed wheel, a whole process: {name}"
    command, extra = CASES[name]
    args = [str(bins[build] / command[0]), *command[1:]]
    env = _user_env(TILTAK_CACHE_DIR=str(cache_dir), TILTAK_LANG="en", **extra)
    cpu: list[float] = []
    expected = subprocess.run(args, check=True, capture_output=True, env=env).stdout

    def used() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def run() -> None:
        before = used()
        out = subprocess.run(args, check=True, capture_output=True, env=env).stdout
        cpu.append(used() - before)
        assert out == expected

    benchmark.pedantic(run, rounds=15, iterations=1, warmup_rounds=1)
    benchmark.extra_info["cpu_s_median"] = round(statistics.median(cpu), 3)
    benchmark.extra_info["cpu_s_min"] = round(min(cpu), 3)
    benchmark.extra_info["wall_s_median"] = round(benchmark.stats.stats.median, 3)
    benchmark.extra_info["load_average_1m"] = round(os.getloadavg()[0], 2)


@pytest.mark.parametrize("build", list(BUILDS))
def test_cold_and_cached_print_the_same(build: str, bins: dict[str, Path],
                                        cache_dir: Path) -> None:
    """The two suggest rows time the same output (also checked in tests/test_kb_cache.py)."""
    outs = []
    for extra in ({"TILTAK_NO_CACHE": "1"}, {}, {}):
        env = _user_env(TILTAK_CACHE_DIR=str(cache_dir), TILTAK_LANG="en", **extra)
        outs.append(subprocess.run([str(bins[build] / "tiltak"), "suggest", EXAMPLE],
                                   check=True, capture_output=True, env=env).stdout)
    assert outs[0] == outs[1] == outs[2]
