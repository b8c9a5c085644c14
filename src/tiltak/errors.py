"""The exceptions tiltak raises.

Every error a user can cause is a :class:`TiltakError`; low-level errors from
YAML, JSON, pydantic and durable_rules are translated at the boundary, with
the file, line and column (YAML) or the JSON path (profiles) where they arose.
Validation collects every problem it finds and raises them together::

    TiltakError
    ├── InputError                  bad input; ``.problems`` lists each one
    │   ├── ProfileError            a profile (JSON path)
    │   ├── CatalogueError          a catalogue file (file:line:column)
    │   ├── RuleError               a rule file (file:line:column, rule id)
    │   ├── SurveyError             a survey definition or export
    │   └── ComparisonError         two years that cannot be compared, or a bad plan
    ├── ArgumentError               a library function called with a wrong argument
    ├── EngineError                 a backend failed while evaluating
    │   └── BackendUnavailableError the backend is not installed
    └── PlanError                   no valid plan (e.g. a prerequisite cycle)

Messages exist in Norwegian bokmål and English: ``str(error)`` is English,
``error.render("nb")`` is Norwegian.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tiltak._i18n import Lang, message

__all__ = [
    "ArgumentError",
    "BackendUnavailableError",
    "CatalogueError",
    "ComparisonError",
    "EngineError",
    "InputError",
    "PlanError",
    "Problem",
    "ProfileError",
    "RuleError",
    "SurveyError",
    "TiltakError",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, and where.

    ``key`` names a message in both languages; ``params`` fill it in.
    ``file``/``line``/``column`` locate YAML and CSV input (1-based);
    ``path`` is a dotted JSON path for profiles, or the field path in YAML.
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    rule: str | None = None

    def location(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

    def render(self, lang: Lang = "en") -> str:
        text = message(self.key, lang, **self.params)
        if self.rule:
            text = message("in-rule", lang, rule=self.rule) + " " + text
        where = self.location()
        return f"{where}: {text}" if where else text

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.path or "", self.key)


class TiltakError(Exception):
    """Base of every error tiltak raises on purpose."""

    key: str = "error"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        if key is not None:
            self.key = key
        self.params = params
        super().__init__(self.render("en"))

    def render(self, lang: Lang = "en") -> str:
        return message(self.key, lang, **self.params)


class InputError(TiltakError):
    """Input that tiltak cannot use; ``problems`` holds every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=Problem.sort_key))
        super().__init__("input-invalid", count=len(self.problems))

    def render(self, lang: Lang = "en") -> str:
        return "\n".join(p.render(lang) for p in self.problems)


class ProfileError(InputError):
    """A profile does not follow the profile format."""


class CatalogueError(InputError):
    """A catalogue file is invalid."""


class RuleError(InputError):
    """A rule file is invalid, or the rules do not fit the catalogue."""


class SurveyError(InputError):
    """A survey definition or export cannot be read."""


class ComparisonError(InputError):
    """Two years that cannot be compared (different areas, questions, scales or subjects),
    or last year's plan cannot be used."""


class ArgumentError(TiltakError):
    """A library function was called with an argument of the wrong type or value."""


class EngineError(TiltakError):
    """An evaluation backend failed."""


class BackendUnavailableError(EngineError):
    """The selected backend is not installed."""


class PlanError(TiltakError):
    """No plan can be made from the suggestions and the catalogue."""
