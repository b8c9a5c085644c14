"""Size limits for untrusted input, each raisable with an environment variable.

tiltak reads files that people edit and exports that other systems produce;
none of them should make it run for minutes or fill the memory. Each limit has
a default that is far above any real municipality's data and an environment
variable (``TILTAK_MAX_...``) to raise it. The variables are read at the time
of each call (no state is kept), so a test or a long-running service can set
them per call. See SECURITY.md for the list and what tiltak promises.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from tiltak._i18n import add_messages
from tiltak.errors import TiltakError

MAX_COUNT = 10_000_000
"""Most respondents (or people) a count may hold (fixed, not configurable)."""
MAX_AMOUNT = 1e12
"""Largest amount of kroner or hours, or weight in a rule (fixed): sums stay finite."""

# Builders and validators recurse once or twice per level; keep far from
# Python's recursion limit (1000) whatever a user sets.
DEPTH_CEILING = 200


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits in force for one call (see :func:`current`)."""

    file_bytes: int = 10_000_000
    """Bytes in a profile, a survey export or standard input (TILTAK_MAX_FILE_BYTES)."""
    yaml_bytes: int = 2_000_000
    """Bytes in one YAML file: rules, catalogue, scenarios, survey definition."""
    depth: int = 64
    """Nesting levels of lists and mappings in JSON and YAML (at most 200)."""
    yaml_nodes: int = 200_000
    """Values in one YAML file, counting each use of an alias in full."""
    alias_nodes: int = 10_000
    """Values that aliases (``*name``) may add to one YAML file when expanded."""
    segments: int = 2_000
    """Segments in one profile."""
    rules: int = 10_000
    """Rules in one rule set."""
    lint_pairs: int = 100_000
    """Pairs of rules ``tiltak check`` compares for duplicates, shadowing and conflicts."""
    survey_rows: int = 200_000
    """Respondent rows in one survey export."""
    survey_cells: int = 5_000_000
    """Cells (rows times columns) in one survey export."""
    cell_chars: int = 32_767
    """Characters in one cell of a survey export (Excel's own limit)."""

    @staticmethod
    def variable(name: str) -> str:
        """The environment variable that sets the limit ``name``."""
        return _VARIABLES[name]


_VARIABLES: dict[str, str] = {
    "file_bytes": "TILTAK_MAX_FILE_BYTES",
    "yaml_bytes": "TILTAK_MAX_YAML_BYTES",
    "depth": "TILTAK_MAX_DEPTH",
    "yaml_nodes": "TILTAK_MAX_YAML_NODES",
    "alias_nodes": "TILTAK_MAX_ALIAS_NODES",
    "segments": "TILTAK_MAX_SEGMENTS",
    "rules": "TILTAK_MAX_RULES",
    "lint_pairs": "TILTAK_MAX_LINT_PAIRS",
    "survey_rows": "TILTAK_MAX_SURVEY_ROWS",
    "survey_cells": "TILTAK_MAX_SURVEY_CELLS",
    "cell_chars": "TILTAK_MAX_CELL_CHARS",
}

add_messages(
    {
        "limit-env-invalid": (
            "{variable}={value} er ikke et heltall fra 1 til {ceiling}",
            "{variable}={value} is not a whole number from 1 to {ceiling}",
        ),
    }
)


def current(environ: Mapping[str, str] | None = None) -> Limits:
    """The limits in force now: the defaults, raised or lowered by the environment."""
    env = os.environ if environ is None else environ
    values: dict[str, int] = {}
    for item in fields(Limits):
        variable = _VARIABLES[item.name]
        text = env.get(variable, "").strip().replace("_", "")
        if not text:
            continue
        ceiling = DEPTH_CEILING if item.name == "depth" else 10**15
        value = int(text) if text.isdigit() and len(text) <= 16 else 0
        if not 1 <= value <= ceiling:
            raise TiltakError("limit-env-invalid", variable=variable, value=text[:40],
                              ceiling=ceiling)
        values[item.name] = value
    return Limits(**values)
