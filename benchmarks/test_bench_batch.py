"""Issue #14 side by side: batch throughput, single-profile latency, lint and start-up.

Run with ``.venv/bin/python -m pytest benchmarks --benchmark-only`` (or ``-k batch``). Each
group puts tiltak next to a reference measured in the same run: the hand-written evaluator
(``_evaluator.py``) for batch work, all pairs of rules for lint, a bare interpreter for
start-up. Figures a benchmark cannot time itself (profiles per second, RSS, p99) go into
``extra_info`` (``--benchmark-json`` keeps them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import tiltak
from tiltak.authoring import lint
from tiltak.cli import main
from tiltak.profile import load_profile

from ._employees import employee_lines
from ._evaluator import Evaluator
from ._rules import write_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
ENGINE = tiltak.load()
BATCH = 5_000  # profiles per round in the throughput group
LINES = list(employee_lines(BATCH))


def test_the_evaluator_writes_the_engines_bytes() -> None:
    evaluator = Evaluator(ENGINE.rules, ENGINE.catalogue)
    assert list(evaluator.lines(LINES[:2_000])) == list(ENGINE.suggest_many_json(LINES[:2_000]))


def _throughput(benchmark: Any, run: Any) -> None:
    benchmark.extra_info["profiles"] = BATCH
    benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=1)
    benchmark.extra_info["profiles_per_s"] = round(BATCH / benchmark.stats.stats.min)


@pytest.mark.parametrize("name", ["suggest_many_json", "evaluator", "cli --batch",
                                  "suggest_many + to_json_line", "suggest + to_json"])
def test_batch_throughput(benchmark: Any, name: str, tmp_path: Path) -> None:
    benchmark.group = f"batch: {BATCH:,} employee profiles, JSON Lines in, results out"
    if name == "suggest_many_json":
        _throughput(benchmark, lambda: sum(len(x) for x in ENGINE.suggest_many_json(LINES)))
    elif name == "evaluator":
        evaluator = Evaluator(ENGINE.rules, ENGINE.catalogue)
        test_the_evaluator_writes_the_engines_bytes()  # also under --benchmark-only
        _throughput(benchmark, lambda: sum(len(x) for x in evaluator.lines(LINES)))
    elif name == "cli --batch":  # the whole command in process: load, read, evaluate, write
        source = tmp_path / "profiles.jsonl"
        source.write_bytes(b"".join(LINES))
        out = tmp_path / "results.jsonl"
        _throughput(benchmark, lambda: main(["suggest", "--batch", str(source), "-o", str(out)]))
    elif name == "suggest_many + to_json_line":
        _throughput(benchmark, lambda: sum(len(r.to_json_line())
                                           for r in ENGINE.suggest_many(LINES)))
    else:  # what a loop over the library did before the batch path
        _throughput(benchmark, lambda: sum(len(ENGINE.suggest(x.decode()).to_json())
                                           for x in LINES))


def _rss_of_batch(count: int, tmp_path: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of ``tiltak suggest --batch`` on ``count`` profiles."""
    source = tmp_path / f"profiles-{count}.jsonl"
    with source.open("wb") as out:
        out.writelines(employee_lines(count))
    code = ("import resource, sys; from tiltak.cli import main; code = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); "
            "sys.exit(code)")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, "suggest", "--batch", str(source),
                           "-o", os.devnull], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, int(done.stderr.split()[-1])


def test_batch_memory_is_flat(benchmark: Any, tmp_path: Path) -> None:
    """Peak RSS after 2,000 and after 50,000 profiles: the same, give or take."""
    benchmark.group = "batch memory"
    small = _rss_of_batch(2_000, tmp_path)
    seconds, rss = benchmark.pedantic(lambda: _rss_of_batch(50_000, tmp_path), rounds=1,
                                      iterations=1)
    benchmark.extra_info.update(rss_kib_2k=small[1], rss_kib_50k=rss,
                                profiles_per_s_50k=round(50_000 / seconds))
    assert rss < 2 * small[1]  # a sanity check on the measurement, not a timing


LATENCY_CALLS = 10_000  # calls timed one by one per example


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_single_profile_latency(benchmark: Any, path: Path) -> None:
    """``Engine.suggest`` on one parsed example, each of 10,000 calls timed on its own.

    pytest-benchmark keeps few percentiles, so the run times every call with
    ``perf_counter_ns`` and puts p50, p99 and the maximum in ``extra_info``, with the CPU time
    per call (``process_time`` around the loop), which scheduling on a shared machine does
    not inflate.
    """
    benchmark.group = "latency: Engine.suggest on one bundled example (p50/p99 in extra_info)"
    profile = load_profile(str(path))
    for _ in range(50):  # warm: the engine's caches of texts
        ENGINE.suggest(profile)

    def run() -> tuple[list[int], float]:
        clock, suggest = time.perf_counter_ns, ENGINE.suggest
        times: list[int] = []
        cpu = time.process_time()
        for _ in range(LATENCY_CALLS):
            start = clock()
            suggest(profile)
            times.append(clock() - start)
        return times, time.process_time() - cpu

    times, cpu = benchmark.pedantic(run, rounds=1, iterations=1)
    times.sort()
    benchmark.extra_info.update(
        calls=LATENCY_CALLS,
        p50_us=round(times[len(times) // 2] / 1e3, 1),
        p99_us=round(times[int(len(times) * 0.99)] / 1e3, 1),
        max_us=round(times[-1] / 1e3, 1),
        cpu_us_per_call=round(cpu / LATENCY_CALLS * 1e6, 1),
    )


@pytest.fixture(scope="module")
def rule_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    base = tmp_path_factory.mktemp("rules")
    return {n: write_rules(base / str(n), n) for n in (1_000, 5_000)}


def _all_pairs(rules: list[Any], limit: int | None = None) -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(rules)) for j in range(i + 1, len(rules))][:limit]


@pytest.mark.parametrize(("count", "pairs"), [(1_000, "interacting"), (1_000, "all"),
                                              (5_000, "interacting")])
def test_check_generated_rules(benchmark: Any, rule_dirs: dict[int, Path], count: int,
                               pairs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    benchmark.group = f"check: {count:,} generated rules (tiltak check, whole)"
    monkeypatch.setenv("TILTAK_MAX_LINT_PAIRS", str(10**9))  # the whole work, no budget
    if pairs == "all":  # the pairwise comparison tiltak check made before
        monkeypatch.setattr(lint, "_candidate_pairs", _all_pairs)
    report = benchmark.pedantic(lint.check, (rule_dirs[count],), rounds=1, iterations=1)
    benchmark.extra_info["findings"] = len(report.findings)


# A checkout of an earlier tiltak (its src/ folder) to time `tiltak check` against, in the
# same run: e.g. `git worktree add /tmp/base main~5` and TILTAK_BENCH_BASELINE=/tmp/base/src.
# Both then check the same rules against the baseline's catalogue (the catalogue format may
# have grown since).
BASELINE_SRC = os.environ.get("TILTAK_BENCH_BASELINE")
CHECK_CATALOGUE = (Path(BASELINE_SRC).parent / "catalogue" if BASELINE_SRC
                   else ROOT / "catalogue")


@pytest.fixture(scope="module")
def process_rule_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    base = tmp_path_factory.mktemp("process-rules")
    return {n: write_rules(base / str(n), n, catalogue_dir=CHECK_CATALOGUE)
            for n in (1_000, 5_000)}


@pytest.mark.parametrize("count", [1_000, 5_000])
@pytest.mark.parametrize("which", ["tiltak", "baseline"])
def test_check_process(benchmark: Any, process_rule_dirs: dict[int, Path], count: int,
                       which: str, tmp_path: Path) -> None:
    """`tiltak check` as a user runs it: a whole process, start-up and output included."""
    benchmark.group = f"check process: {count:,} generated rules (CPU s in extra_info)"
    env = {**os.environ, "TILTAK_MAX_LINT_PAIRS": str(10**9)}
    if which == "baseline":
        if not BASELINE_SRC:
            pytest.skip("set TILTAK_BENCH_BASELINE to an earlier checkout's src/")
        env["PYTHONPATH"] = BASELINE_SRC
    out = tmp_path / "findings.txt"
    args = [sys.executable, "-m", "tiltak", "check", "--rules", str(process_rule_dirs[count]),
            "--catalogue", str(CHECK_CATALOGUE), "-o", str(out)]
    before = os.times()
    benchmark.pedantic(subprocess.run, (args,), {"check": True, "capture_output": True,
                                                 "env": env}, rounds=3, iterations=1)
    after = os.times()
    cpu = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    benchmark.extra_info["cpu_s_per_run"] = round(cpu / 3, 3)
    benchmark.extra_info["summary"] = out.read_text(encoding="utf-8").splitlines()[-1]


@pytest.mark.parametrize("name", ["python -c pass", "import tiltak", "tiltak --help",
                                  "tiltak suggest (example)"])
def test_startup(benchmark: Any, name: str) -> None:
    benchmark.group = "start-up: a whole process"
    args = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import tiltak": [sys.executable, "-c", "import tiltak"],
        "tiltak --help": [sys.executable, "-m", "tiltak", "--help"],
        "tiltak suggest (example)": [sys.executable, "-m", "tiltak", "suggest",
                                     str(ROOT / "examples" / "bindal-organisasjon.json")],
    }[name]
    benchmark.pedantic(subprocess.run, (args,), {"check": True, "capture_output": True},
                       rounds=7, iterations=1, warmup_rounds=1)
