"""Survey import and its anonymity audit, side by side with the audit before (issue #14).

* ``audit-*``: the audit of the whole population alone, the cell-based audit (``cells``)
  against the respondent-based one it replaced (``baseline``, ``_anon_baseline.py``),
  on the same generated respondents; the baseline only where it finishes in minutes.
* ``import-*``: ``import_survey`` end to end (read, audit every population, statistics).

Both audits must publish the same segments on the cases they share.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from benchmarks._anon_baseline import protect as baseline_protect
from benchmarks._survey_workload import ksaa_export, workplaces_export
from tiltak.survey import import_survey, resolve_definition
from tiltak.survey._anon import audit, cells_of
from tiltak.survey._read import match, read_table

MINIMUM = 5


def _responses(kind: str, n: int, directory: Path) -> tuple[Any, Any]:
    if kind == "ksaa":
        path, definition = ksaa_export(directory, n), resolve_definition("ksaa")
    else:
        path, def_path = workplaces_export(directory, n)
        definition = resolve_definition(def_path)
    return match(read_table(path, definition), definition), definition


def _cells(responses: Any, definition: Any) -> tuple[Any, Any, list[int]]:
    codes = np.full((responses.used, len(definition.background)), -1, dtype=np.int64)
    for v, (bg, ids) in enumerate(zip(definition.background, responses.background,
                                      strict=True)):
        index = {value.id: j for j, value in enumerate(bg.values)}
        codes[:, v] = [index[x] if x is not None else -1 for x in ids]
    cells, cell_of = cells_of(codes)
    return cells, np.bincount(cell_of, minlength=len(cells)), [len(b.values) for b in
                                                               definition.background]


def _masks(responses: Any, definition: Any) -> list[list[int]]:
    return [[sum(1 << i for i, x in enumerate(ids) if x == value.id) for value in bg.values]
            for bg, ids in zip(definition.background, responses.background, strict=True)]


def _populations(responses: Any, definition: Any) -> list[Any]:
    """Who answered each area and dimension (the populations an import audits)."""
    out = []
    for cell in definition.cells():
        answered = np.zeros(responses.used, dtype=bool)
        for q, levels in zip(definition.questions, responses.answers, strict=True):
            if (q.area, q.dimension) == cell:
                answered |= np.array([a is not None for a in levels])
        out.append(answered)
    return out


def audit_cells(responses: Any, definition: Any) -> list[frozenset[tuple[int, int]]]:
    """Every population's audit as the import runs it: the whole, then each area and
    dimension with the whole's hidden segments forced and its proof as a hint."""
    cells, counts, values = _cells(responses, definition)
    codes_of = _cell_index(responses, definition)
    pops = _populations(responses, definition)
    in_all = np.logical_and.reduce(pops)
    sub = np.bincount(codes_of[in_all], minlength=len(cells))
    base = audit(cells, counts, values, MINIMUM, sub_counts=sub)
    forced = frozenset((v, j) for v, k in enumerate(values) for j in range(k)
                       if (v, j) not in base.published)
    out = [base.published]
    for pop in pops:
        result = audit(cells, np.bincount(codes_of[pop], minlength=len(cells)), values,
                       MINIMUM, forced, hint=base.hint, sub_counts=sub)
        out.append(result.published)
    return out


def audit_baseline(responses: Any, definition: Any) -> list[frozenset[tuple[int, int]]]:
    """The same audits with the respondent-based audit, as the import ran them before."""
    masks = _masks(responses, definition)
    everyone = (1 << responses.used) - 1
    _, published = baseline_protect(everyone, masks, MINIMUM)
    forced = frozenset((v, j) for v, m in enumerate(masks) for j in range(len(m))
                       if (v, j) not in published)
    out = [published]
    for pop in _populations(responses, definition):
        answered = sum(1 << i for i, x in enumerate(pop.tolist()) if x)
        out.append(baseline_protect(answered, masks, MINIMUM, forced)[1])
    return out


def _cell_index(responses: Any, definition: Any) -> Any:
    codes = np.full((responses.used, len(definition.background)), -1, dtype=np.int64)
    for v, (bg, ids) in enumerate(zip(definition.background, responses.background,
                                      strict=True)):
        index = {value.id: j for j, value in enumerate(bg.values)}
        codes[:, v] = [index[x] if x is not None else -1 for x in ids]
    return cells_of(codes)[1]


AUDITS = [("ksaa", 10_000, True), ("workplaces", 500, True), ("ksaa", 100_000, False),
          ("workplaces", 10_000, False)]


@pytest.mark.parametrize(("kind", "n", "with_baseline"), AUDITS)
@pytest.mark.parametrize("method", ["cells", "baseline"])
def test_audit(benchmark: Any, tmp_path: Path, kind: str, n: int, with_baseline: bool,
               method: str) -> None:
    if method == "baseline" and not with_baseline:
        pytest.skip("the baseline does not finish in reasonable time at this size")
    responses, definition = _responses(kind, n, tmp_path)
    benchmark.group = f"audit-{kind}-{n}"
    run = audit_cells if method == "cells" else audit_baseline
    published = benchmark.pedantic(run, (responses, definition),
                                   rounds=3 if method == "cells" else 1, iterations=1)
    if method == "baseline":
        assert published == audit_cells(responses, definition)


IMPORTS = [("workplaces", 10_000), ("ksaa", 100_000)]


@pytest.mark.parametrize(("kind", "n"), IMPORTS)
def test_import(benchmark: Any, tmp_path: Path, kind: str, n: int,
                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TILTAK_MAX_FILE_BYTES", str(10**8))   # 100,000 rows are 34 MB
    if kind == "ksaa":
        path, definition = ksaa_export(tmp_path, n), "ksaa"
    else:
        path, def_path = workplaces_export(tmp_path, n)
        definition = str(def_path)
    import_survey(path, definition)   # warm: imports scipy once, outside the timing
    benchmark.group = f"import-{kind}-{n}"
    result = benchmark.pedantic(import_survey, (path, definition), rounds=3, iterations=1)
    assert result.limited == 0
    assert result.profile.respondents is not None
