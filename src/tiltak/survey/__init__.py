"""Survey import: from a survey export (CSV or XLSX) to a competence profile.

A survey definition (YAML, ``tiltak.survey/1``) says which export column
measures which competence area and dimension, which columns are background
variables (sector, seniority, education, role ...), and what level each answer
text stands for. :func:`import_survey` reads the export, builds a profile
(format ``tiltak.profile/1``) with a segment per published background value,
withholds every group a reader could identify (fewer than ``minimum_group``
respondents, directly or by differencing), and tests whether segments differ::

    from tiltak.survey import import_survey

    result = import_survey("export.csv", "ksaa")   # a file or a bundled definition
    print(result.to_json())                          # the profile, for tiltak suggest
    print(result.report("nb"))                       # levels, differences, anonymity

KS' 10-FAKTOR means per unit: :func:`import_tenfactor` with a mapping from
:func:`load_tenfactor` (the bundled ``surveys/10-faktor.yaml``) gives one profile per unit.
"""

from tiltak.survey._import import (
    DEFAULT_ALPHA,
    DEFAULT_MINIMUM,
    DEFAULT_WORK_LIMIT,
    LOWEST_MINIMUM,
    SURVEY_FORMAT,
    Background,
    BackgroundValue,
    GroupScore,
    Question,
    Responses,
    Scale,
    SubjectDefaults,
    SurveyDefinition,
    SurveyImport,
    Test,
    Withheld,
    bundled_definitions,
    import_survey,
    load_definition,
    profile_json,
    resolve_definition,
    survey_schema,
)
from tiltak.survey._tenfactor import (
    TENFACTOR_FORMAT,
    TenFactorDefinition,
    TenFactorImport,
    import_tenfactor,
    load_tenfactor,
)

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_MINIMUM",
    "DEFAULT_WORK_LIMIT",
    "LOWEST_MINIMUM",
    "SURVEY_FORMAT",
    "TENFACTOR_FORMAT",
    "Background",
    "BackgroundValue",
    "GroupScore",
    "Question",
    "Responses",
    "Scale",
    "SubjectDefaults",
    "SurveyDefinition",
    "SurveyImport",
    "TenFactorDefinition",
    "TenFactorImport",
    "Test",
    "Withheld",
    "bundled_definitions",
    "import_survey",
    "import_tenfactor",
    "load_definition",
    "load_tenfactor",
    "profile_json",
    "resolve_definition",
    "survey_schema",
]
