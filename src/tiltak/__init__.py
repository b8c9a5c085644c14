"""tiltak: plan competence development in Norwegian municipalities.

Competence profiles are matched by declarative YAML rules against a catalogue
of measures (tiltak), giving ranked suggestions with reasons::

    import tiltak

    engine = tiltak.load()                      # the bundled rules and catalogue
    result = engine.suggest("profile.json")     # or a dict, JSON text, a Profile
    for rec in result.recommendations:
        print(rec.rank, rec.measure, rec.score, rec.main_reason.because.en)

The public names are imported on first use (PEP 562), so ``import tiltak`` and
``tiltak --help`` do not pay for pydantic, the rule parser or the engine until
something needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from tiltak.catalogue import Catalogue, Measure, load_catalogue
    from tiltak.engine import Engine, load
    from tiltak.errors import (
        ArgumentError,
        BackendUnavailableError,
        CatalogueError,
        ComparisonError,
        EngineError,
        InputError,
        PlanError,
        Problem,
        ProfileError,
        RuleError,
        SurveyError,
        TiltakError,
    )
    from tiltak.profile import Profile, load_profile, parse_profile
    from tiltak.result import Recommendation, Result
    from tiltak.rules import RuleSet, load_rules

#: public name -> the module that defines it
_WHERE = {
    "Catalogue": "tiltak.catalogue",
    "Measure": "tiltak.catalogue",
    "load_catalogue": "tiltak.catalogue",
    "Engine": "tiltak.engine",
    "load": "tiltak.engine",
    "ArgumentError": "tiltak.errors",
    "BackendUnavailableError": "tiltak.errors",
    "CatalogueError": "tiltak.errors",
    "ComparisonError": "tiltak.errors",
    "EngineError": "tiltak.errors",
    "InputError": "tiltak.errors",
    "PlanError": "tiltak.errors",
    "Problem": "tiltak.errors",
    "ProfileError": "tiltak.errors",
    "RuleError": "tiltak.errors",
    "SurveyError": "tiltak.errors",
    "TiltakError": "tiltak.errors",
    "Profile": "tiltak.profile",
    "load_profile": "tiltak.profile",
    "parse_profile": "tiltak.profile",
    "Recommendation": "tiltak.result",
    "Result": "tiltak.result",
    "RuleSet": "tiltak.rules",
    "load_rules": "tiltak.rules",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use, then keep it here."""
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'tiltak' has no attribute {name!r}")
    value = getattr(import_module(where), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


__all__ = [
    "ArgumentError",
    "BackendUnavailableError",
    "Catalogue",
    "CatalogueError",
    "ComparisonError",
    "Engine",
    "EngineError",
    "InputError",
    "Measure",
    "PlanError",
    "Problem",
    "Profile",
    "ProfileError",
    "Recommendation",
    "Result",
    "RuleError",
    "RuleSet",
    "SurveyError",
    "TiltakError",
    "__version__",
    "load",
    "load_catalogue",
    "load_profile",
    "load_rules",
    "parse_profile",
]
