"""Tools for people who write rules: check (lint), explain, diff, scenarios and schemas.

Each tool is its own public module: :mod:`tiltak.authoring.lint` (``tiltak check``),
:mod:`tiltak.authoring.explain`, :mod:`tiltak.authoring.diff`,
:mod:`tiltak.authoring.scenarios` (``tiltak test``) and :mod:`tiltak.authoring.schema`.
"""

__all__: list[str] = []
