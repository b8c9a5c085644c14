"""Generated survey exports for the survey benchmarks (seeded, written to a directory).

* ``ksaa_export(n)``: the bundled ``ksaa`` definition, n respondents;
* ``workplaces_export(n)``: the ksaa questions with 8 background variables, one of them
  200 workplaces of skewed sizes, each inside one sector (as real workplaces are), so that
  small workplaces and "sector minus its workplaces" have to be protected.

``python -m benchmarks._survey_workload DIR`` writes the two exports the import benchmarks
use (``ksaa-100000.csv``; ``arbeidssted-10000.csv`` with ``arbeidssted.yaml``), to time the
CLI on them.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

from tiltak.survey import bundled_definitions, load_definition

LEVELS = ["Helt uenig", "Nokså uenig", "Verken enig eller uenig", "Nokså enig", "Helt enig"]
SECTORS = ["helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "teknisk", "stab"]
EXTRA = [  # (by, number of values)
    ("seniority", 4), ("education", 4), ("staff", 2), ("age", 5), ("gender", 3),
    ("position", 2),
]
WORKPLACES = 200


def _ksaa() -> dict[str, Any]:
    from tiltak._yaml import load_yaml_file

    doc, problems = load_yaml_file(bundled_definitions()["ksaa"])
    assert doc is not None and not problems
    data: dict[str, Any] = doc.data
    return data


def _answer(rng: random.Random, base: float) -> str:
    roll = rng.random()
    if roll < 0.03:
        return ""
    if roll < 0.06:
        return "Vet ikke"
    level = min(5, max(1, round(rng.gauss(base, 1.0))))
    return LEVELS[level - 1]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def ksaa_export(directory: Path, n: int, seed: int = 1) -> Path:
    """An export for the bundled definition with ``n`` respondents."""
    rng = random.Random(seed)
    data = _ksaa()
    questions = [q["column"] for q in data["questions"]]
    background = data["background"]
    header = ["ID", *questions, *(b["column"] for b in background)]
    rows = []
    for i in range(n):
        base = rng.uniform(2.0, 4.5)
        row = [str(i + 1), *(_answer(rng, base) for _ in questions)]
        for b in background:
            choices = [a for v in b["values"] for a in v["answers"]]
            weights = [1.0 / (k + 1) for k in range(len(choices))]
            row.append(rng.choices(choices, weights)[0] if rng.random() > 0.02
                       else b.get("no_answer", [""])[0])
        rows.append(row)
    path = directory / f"ksaa-{n}.csv"
    _write(path, header, rows)
    return path


def workplaces_definition(directory: Path) -> Path:
    """The ksaa questions with sector, 200 workplaces and six more background variables."""
    data = _ksaa()
    sector = next(b for b in data["background"] if b["by"] == "sector")
    background = [sector, {
        "column": "Arbeidssted", "by": "workplace",
        "name": {"nb": "arbeidssted", "en": "workplace"},
        "values": [{"id": f"ws{w:03d}", "answers": [f"Arbeidssted {w:03d}"],
                    "label": {"nb": f"arbeidssted {w:03d}", "en": f"workplace {w:03d}"}}
                   for w in range(WORKPLACES)],
    }]
    for by, k in EXTRA:
        background.append({
            "column": f"Spørsmål om {by}", "by": by, "name": {"nb": by, "en": by},
            "values": [{"id": f"{by}-{j}", "answers": [f"{by} {j}"],
                        "label": {"nb": f"{by} {j}", "en": f"{by} {j}"}} for j in range(k)],
            "no_answer": ["Ønsker ikke å svare"],
        })
    data = {**data, "id": "arbeidssted", "background": background}
    path = directory / "arbeidssted.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    load_definition(path)  # fail early if the generator drifts from the format
    return path


def workplaces_export(directory: Path, n: int, seed: int = 2) -> tuple[Path, Path]:
    """An export with ``n`` respondents for :func:`workplaces_definition`, and the definition."""
    rng = random.Random(seed)
    definition = workplaces_definition(directory)
    data = _ksaa()
    questions = [q["column"] for q in data["questions"]]
    sector = next(b for b in data["background"] if b["by"] == "sector")
    sector_answers = [v["answers"][0] for v in sector["values"]]
    weights = [1.0 / (1 + w) ** 0.7 for w in range(WORKPLACES)]   # a few big, many small
    header = ["ID", *questions, sector["column"], "Arbeidssted",
              *(f"Spørsmål om {by}" for by, _ in EXTRA)]
    rows = []
    for i in range(n):
        base = rng.uniform(2.0, 4.5)
        w = rng.choices(range(WORKPLACES), weights)[0]
        row = [str(i + 1), *(_answer(rng, base) for _ in questions),
               sector_answers[w % len(sector_answers)], f"Arbeidssted {w:03d}"]
        for by, k in EXTRA:
            row.append(f"{by} {rng.randrange(k)}" if rng.random() > 0.03
                       else "Ønsker ikke å svare")
        rows.append(row)
    path = directory / f"arbeidssted-{n}.csv"
    _write(path, header, rows)
    return path, definition


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    target.mkdir(parents=True, exist_ok=True)
    print(ksaa_export(target, 100_000))
    print(*workplaces_export(target, 10_000))
