"""tiltak: plan competence development in Norwegian municipalities.

Competence profiles are matched by declarative YAML rules against a catalogue
of measures (tiltak), giving ranked suggestions with reasons::

    import tiltak

    engine = tiltak.load()                      # the bundled rules and catalogue
    result = engine.suggest("profile.json")     # or a dict, JSON text, a Profile
    for rec in result.recommendations:
        print(rec.rank, rec.measure, rec.score, rec.main_reason.because.en)
"""

from __future__ import annotations

__version__ = "0.2.0"

from tiltak.catalogue import Catalogue, Measure, load_catalogue
from tiltak.engine import Engine, load
from tiltak.errors import (
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

__all__ = [
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
