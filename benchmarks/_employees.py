"""Generated employee profiles (``tiltak.profile/1``) for the batch benchmarks, seeded.

Each profile is one employee of a municipality: a sector, a few roles, some background
attributes and levels (sometimes targets) for two to five competence areas. The values are
drawn at random: they exercise the engine, they describe nobody.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

AREAS = ("digitalisering", "ledelse", "tverrfaglighet", "strategisk-kompetanseledelse",
         "laerende-organisasjon", "samarbeid-og-medvirkning",
         "sosiale-og-emosjonelle-ferdigheter", "grunnleggende-ferdigheter", "rekruttering",
         "innovasjon")
SECTORS = ("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "teknisk", "stab")
ROLES = ("leader", "middle-leader", "first-line-leader", "leader-candidate", "superuser",
         "key-resource", "digital-mentor", "specialist", "union-representative",
         "safety-representative", "employee", "new-employee", "apprentice")
DIMENSIONS = ("knowledge", "skills", "abilities", "attitudes")
EDUCATION = ("fagbrev", "bachelor", "master", "none")


def employee(rng: random.Random, number: int) -> dict[str, object]:
    """One generated employee profile."""
    competence: dict[str, dict[str, dict[str, float]]] = {}
    for area in rng.sample(AREAS, rng.randint(2, 5)):
        dims: dict[str, dict[str, float]] = {}
        for dim in DIMENSIONS:
            value: dict[str, float] = {"level": rng.randint(2, 10) / 2}
            if rng.random() < 0.2:
                value["target"] = rng.randint(6, 10) / 2
            dims[dim] = value
        competence[area] = dims
    return {
        "format": "tiltak.profile/1",
        "subject": {
            "kind": "employee",
            "id": f"ansatt-{number:07d}",
            "sector": rng.choice(SECTORS),
            "roles": sorted(rng.sample(ROLES, rng.randint(0, 2))),
            "attributes": {
                "seniority_years": rng.randint(0, 40),
                "education": rng.choice(EDUCATION),
                "wants_leader_tasks": rng.random() < 0.3,
            },
        },
        "competence": competence,
    }


def employee_lines(count: int, seed: int = 14) -> Iterator[bytes]:
    """``count`` profiles as JSON Lines (UTF-8, one profile and a newline each)."""
    rng = random.Random(seed)
    for number in range(count):
        yield json.dumps(employee(rng, number), ensure_ascii=False).encode() + b"\n"


if __name__ == "__main__":  # write a file for the CLI: python -m benchmarks._employees N FILE
    import sys

    with open(sys.argv[2], "wb") as out:
        out.writelines(employee_lines(int(sys.argv[1])))
