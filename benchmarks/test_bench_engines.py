"""Latency, throughput and compile time of the backends on one generated workload.

Run with ``.venv/bin/python -m pytest benchmarks --benchmark-only``. Groups put the
python backend, the rete backend and the indexed baseline side by side.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import pytest

# The Rete backend is optional (durable-rules needs a C compiler): without it this module is
# skipped and pytest -ra shows why. CI installs '.[test,rete]' and runs it.
pytest.importorskip("durable.engine", reason="durable-rules is not installed: "
                    "pip install '.[rete]' (needs a C compiler) runs the Rete tests")

from tiltak.engine._python import PythonMatcher
from tiltak.engine._rete import ReteMatcher

from ._baseline import IndexedMatcher
from ._workload import profiles, ruleset

RULES = ruleset(50)
PROFILES = profiles(10_000)
RETE_PROFILES = PROFILES[:2_000]  # rete is ~10x slower; throughput is per profile anyway
MATCHERS: dict[str, Any] = {
    "baseline": IndexedMatcher, "python": PythonMatcher, "rete": ReteMatcher,
}


def test_all_matchers_agree_on_the_workload() -> None:
    expected = [PythonMatcher(RULES).fired(f) for f in PROFILES[:500]]
    for make in (IndexedMatcher, ReteMatcher):
        matcher = make(RULES)
        assert [matcher.fired(f) for f in PROFILES[:500]] == expected


@pytest.mark.parametrize("name", list(MATCHERS))
def test_single_profile_latency(benchmark: Any, name: str) -> None:
    benchmark.group = "latency: one profile, 50 rules"
    matcher = MATCHERS[name](RULES)
    facts = PROFILES[0]
    benchmark(matcher.fired, facts)


@pytest.mark.parametrize("name", list(MATCHERS))
def test_batch_throughput(benchmark: Any, name: str) -> None:
    benchmark.group = "throughput: 50 rules (python/baseline 10k profiles, rete 2k)"
    matcher = MATCHERS[name](RULES)
    batch = RETE_PROFILES if name == "rete" else PROFILES
    benchmark.extra_info["profiles"] = len(batch)

    def run() -> int:
        fired = matcher.fired
        return sum(len(fired(f)[0]) for f in batch)

    benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=1)


@pytest.mark.parametrize("count", [10, 100, 1000])
@pytest.mark.parametrize("name", ["python", "rete"])
def test_compile_time(benchmark: Any, name: str, count: int) -> None:
    benchmark.group = f"compile: {count} rules"
    rules = ruleset(count, seed=count)
    if name == "python":
        benchmark(PythonMatcher, rules)
    else:
        # rete: translate and register in the C engine (first evaluation registers it)
        fresh = itertools.count()

        def build() -> None:  # a new fingerprint each round, so the pool cannot help
            ReteMatcher(dataclasses.replace(rules, fingerprint=f"c{next(fresh)}")).fired({})

        benchmark.pedantic(build, rounds=3, iterations=1)
