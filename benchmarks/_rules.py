"""Generated rule files in the rule language, for timing ``tiltak check`` (seeded).

The rules use the bundled catalogue's areas, roles and measures and look like the bundled
ones: one to three conditions on levels, gaps, roles and the subject, sometimes a need
derived by an earlier rule; they recommend, derive, suppress or defer. Their reasons are
placeholders: they exist to be checked, not to be used.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from tiltak._data import default_dir
from tiltak.catalogue import load_catalogue

_DIMENSIONS = ("kunnskap", "ferdigheter", "evner", "holdninger")


def _leaf(rng: random.Random, areas: list[str], roles: list[str]) -> dict[str, Any]:
    roll = rng.random()
    ref = f"{rng.choice(areas)}.{rng.choice(_DIMENSIONS)}"
    if roll < 0.4:
        return {"level": ref, rng.choice(["below", "at_most", "at_least"]): rng.randint(4, 9) / 2}
    if roll < 0.7:
        return {"gap": ref, "at_least": rng.randint(1, 6) / 2}
    if roll < 0.85:
        return {"role": rng.choice(roles)}
    if roll < 0.95:
        return {"not": {"subject": "employee"}}
    return {"share": ref, "at_or_below": 2, "at_least": rng.randint(2, 8) / 10}


def rules_document(count: int, seed: int = 5,
                   catalogue_dir: Path | None = None) -> dict[str, Any]:
    """``count`` generated rules as the data of one rule file (over the bundled catalogue,
    or the one in ``catalogue_dir``)."""
    rng = random.Random(seed)
    catalogue = load_catalogue(catalogue_dir or default_dir("catalogue"))
    areas, roles, measures = list(catalogue.areas), list(catalogue.roles), list(catalogue.measures)
    needs: list[str] = []
    rules: list[dict[str, Any]] = []
    for i in range(count):
        parts = [_leaf(rng, areas, roles) for _ in range(rng.randint(1, 3))]
        if needs and rng.random() < 0.15:
            parts.append({"need": rng.choice(needs)})
        then: dict[str, Any] = {}
        roll = rng.random()
        if roll < 0.75:
            then["recommend"] = [{"measure": m, "weight": rng.randint(1, 3)}
                                 for m in rng.sample(measures, rng.randint(1, 2))]
        elif roll < 0.85:
            need = f"behov-{i}"
            needs.append(need)
            then["derive"] = [need]
        elif roll < 0.93:
            then["suppress"] = {"measures": [rng.choice(measures)]}
        else:
            then["defer"] = {"measures": [rng.choice(measures)]}
        rules.append({
            "id": f"generert-{i:05d}",
            "reason": {"nb": f"Generert regel {i}.", "en": f"Generated rule {i}."},
            "when": parts[0] if len(parts) == 1 else {"all": parts},
            "then": then,
        })
    return {"rules": rules}


def write_rules(directory: Path, count: int, seed: int = 5,
                catalogue_dir: Path | None = None) -> Path:
    """Write ``count`` generated rules to ``directory/generated.yaml``; return the directory."""
    directory.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(rules_document(count, seed, catalogue_dir), allow_unicode=True,
                          sort_keys=False)
    (directory / "generated.yaml").write_text(text, encoding="utf-8")
    return directory
