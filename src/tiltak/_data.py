"""Where the bundled default rules and catalogue are.

A wheel carries them inside the package (``tiltak/_data``); a source checkout
(editable install or tests run from the tree) has them at the repository root.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

_PACKAGE = Path(__file__).resolve().parent


def default_dir(
    name: Literal["rules", "catalogue", "scenarios", "surveys", "examples", "schemas"],
) -> Path:
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    return bundled
