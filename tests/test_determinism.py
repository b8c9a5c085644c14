"""Same input, byte-identical output; many threads may share one engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tiltak.engine import Engine
from tiltak.profile import Profile
from tiltak.testing import make_profile

from .conftest import EXAMPLES

AREAS = ("digitalisering", "ledelse", "tverrfaglighet")
DIMS = ("knowledge", "skills", "abilities", "attitudes")
levels = st.floats(min_value=1.0, max_value=5.0, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def distributions(draw: st.DrawFn) -> list[float]:
    raw = draw(st.lists(st.integers(0, 20), min_size=5, max_size=5).filter(lambda xs: sum(xs)))
    total = sum(raw)
    shares = [round(x / total, 4) for x in raw]
    shares[-1] = round(1 - sum(shares[:-1]), 4)
    return shares if shares[-1] >= 0 else [0.2] * 5


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    areas: dict[str, dict[str, Any]] = {}
    for area in draw(st.sets(st.sampled_from(AREAS), min_size=1)):
        dims: dict[str, Any] = {}
        for dim in draw(st.sets(st.sampled_from(DIMS), min_size=1)):
            value: dict[str, Any] = {"level": draw(levels)}
            if draw(st.booleans()):
                value["distribution"] = draw(distributions())
            dims[dim] = value
        areas[area] = dims
    return make_profile(
        kind=draw(st.sampled_from(["organisation", "sector", "unit", "group", "employee"])),
        roles=draw(st.lists(st.sampled_from(["leader", "superuser", "politician",
                                             "key-resource"]), unique=True, max_size=2)),
        respondents=draw(st.none() | st.integers(1, 500)),
        attributes={"wants_leader_tasks": draw(st.booleans())},
        context={"sectors": draw(st.lists(st.sampled_from(
            ["helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab"]),
            unique=True))},
        **areas,
    )


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_results_are_deterministic_and_well_formed(default_engine: Engine,
                                                   profile: Profile) -> None:
    first = default_engine.suggest(profile)
    assert default_engine.suggest(profile).to_json() == first.to_json()
    recs = first.recommendations
    assert [r.rank for r in recs] == list(range(1, len(recs) + 1))
    assert all(r.score > 0 and r.reasons for r in recs)
    assert len({r.measure for r in recs}) == len(recs)
    suppressed = {s.measure for s in first.suppressed}
    assert suppressed.isdisjoint(r.measure for r in recs)
    non_deferred = [r for r in recs if not r.deferred]
    # By score, except that where a level is stated, what standing tasks alone recommend
    # fills in after the rest (docs/rule-language.md).
    standing = {r.id for r in default_engine.rules.rules if r.standing}
    levels = any(profile.competence.values())
    tiers = [levels and {x.rule for x in r.reasons} <= standing for r in non_deferred]
    assert tiers == sorted(tiers)
    for tier in (False, True):
        scores = [r.score for r, t in zip(non_deferred, tiers, strict=True) if t == tier]
        assert scores == sorted(scores, reverse=True)
    assert all(r.deferred for r in recs[len(non_deferred):])


def test_identical_output_across_processes() -> None:
    example = str(EXAMPLES / "bindal-organisasjon.json")
    outputs = {
        subprocess.run([sys.executable, "-m", "tiltak", "suggest", example, "--format", "json"],
                       capture_output=True, check=True, env={"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_concurrent_calls_match_sequential(default_engine: Engine) -> None:
    examples = sorted(EXAMPLES.glob("*.json"))
    examples = [p for p in examples if not p.name.startswith("survey")]
    expected = {p: default_engine.suggest(p).to_json() for p in examples}
    jobs = examples * 40
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda p: (p, default_engine.suggest(p).to_json()), jobs))
    assert all(text == expected[p] for p, text in results)


def _fingerprint_by_definition(rules: Any, catalogue: Any) -> str:
    """The rule set's fingerprint as first written: ``dataclasses.asdict`` of every rule."""
    import dataclasses
    import hashlib
    import json

    from tiltak._validation import Text
    from tiltak.catalogue import Source
    from tiltak.rules._parser import _cond_json

    def plain(value: Any) -> Any:
        if isinstance(value, frozenset):
            return sorted(value, key=repr)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, Text | Source):
            return value.model_dump()
        return value

    payload = [{**{k: plain(v) for k, v in dataclasses.asdict(rule).items()
                   if k not in ("file", "line", "when")}, "when": _cond_json(rule.when)}
               for rule in rules]
    blob = json.dumps({"rules": payload, "catalogue": catalogue.fingerprint}, sort_keys=True,
                      ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def test_the_rule_fingerprint_is_unchanged(default_engine: Engine) -> None:
    """Rules fingerprinted without asdict's copies give the digest they always had."""
    ruleset, catalogue = default_engine.rules, default_engine.catalogue
    assert ruleset.fingerprint == _fingerprint_by_definition(ruleset.rules, catalogue)


_FIRST_USE = """
import json, sys, threading
from pathlib import Path
from tiltak.engine import load
from tiltak.profile import Profile

engine = load(cache=True)  # from the cache this test filled: no model has built a validator
raw = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
assert not Profile.__pydantic_complete__
gate = threading.Barrier(8)
out = {}

def work(i):
    gate.wait()  # all at once: each may find the validator not built yet and build it
    profile = Profile.model_validate(raw)  # the strict path: Profile's validator
    out[i] = (profile.model_dump_json(), engine.suggest(profile).to_json())

threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
assert len(out) == 8, "a thread failed"
print(json.dumps(sorted(set(out.values()))))
"""


def test_validators_built_on_first_use_from_many_threads_at_once_agree(
        tmp_path: Path, default_engine: Engine) -> None:
    """Models build their validators and serializers on first use (defer_build): threads that
    all use them first at the same moment get the same profiles and results as one thread."""
    example = EXAMPLES / "bindal-organisasjon.json"
    env = {**os.environ, "TILTAK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TILTAK_NO_CACHE", None)
    subprocess.run([sys.executable, "-m", "tiltak", "suggest", str(example)], env=env,
                   check=True, capture_output=True)  # fills the cache
    out = subprocess.run([sys.executable, "-c", _FIRST_USE, str(example)], env=env, check=True,
                         capture_output=True, text=True).stdout
    (found,) = json.loads(out)
    profile = Profile.model_validate_json(example.read_bytes())
    assert found == [profile.model_dump_json(), default_engine.suggest(profile).to_json()]
