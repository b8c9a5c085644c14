"""Reading the two years and last year's plan, and refusing what cannot be compared.

Everything that would make a comparison silently wrong (different areas,
survey definitions, questions or answer scales, different subjects, a plan for
someone else) is a :class:`~tiltak.errors.ComparisonError` naming the file and
the JSON path or question.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydantic

from tiltak import _limits
from tiltak._io import decode_text, read_limited, undecodable
from tiltak._validation import problems_from_validation
from tiltak._yaml import dotted
from tiltak.catalogue import Catalogue
from tiltak.errors import ComparisonError, Problem, ProfileError
from tiltak.profile import Profile, _strict_json, load_profile

if TYPE_CHECKING:
    from tiltak.plan import Plan
    from tiltak.survey import SurveyDefinition, SurveyImport

_EXPORT_SUFFIXES = (".csv", ".xlsx", ".txt", ".tsv")


@dataclass(frozen=True, slots=True)
class Year:
    """One year's profile, where it came from, and its survey definition when imported."""

    profile: Profile
    source: str
    definition: SurveyDefinition | None = None


def read_year(value: object, label: str, survey: object | None, minimum: int | None,
              subject_id: str | None = None, subject_name: str | None = None) -> Year:
    """A year from a profile (path, dict, JSON text, Profile), a SurveyImport, or an export.

    With ``survey``, a path is a survey export unless it ends in ``.json``.
    """
    from tiltak.survey import SurveyImport

    if isinstance(value, SurveyImport):
        return Year(value.profile, value.source, value.definition)
    if isinstance(value, Profile):
        return Year(value, label)
    if isinstance(value, Mapping):
        return Year(load_profile(value), label)
    if not isinstance(value, str | Path):
        raise ComparisonError([Problem("compare-input-type",
                                       {"got": type(value).__name__}, file=label)])
    source = str(value)
    is_json = Path(source).suffix.lower() == ".json" or source == "-" or (
        isinstance(value, str) and value.lstrip().startswith("{"))
    if survey is not None and not is_json:
        from tiltak.survey import import_survey, resolve_definition

        defn = resolve_definition(survey)  # type: ignore[arg-type]
        imported: SurveyImport = import_survey(value, defn, minimum=minimum,
                                               subject_id=subject_id,
                                               subject_name=subject_name)
        return Year(imported.profile, source, imported.definition)
    if Path(source).suffix.lower() in _EXPORT_SUFFIXES:
        raise ComparisonError([Problem("compare-needs-survey", {}, file=source)])
    try:
        return Year(load_profile(value), source)
    except ProfileError as exc:
        if isinstance(value, str) and value.lstrip().startswith("{"):
            raise ProfileError([Problem(p.key, p.params, file=label, line=p.line,
                                        column=p.column, path=p.path)
                                for p in exc.problems]) from None
        raise


def check_same(before: Year, after: Year) -> None:
    """Raise if the two years do not measure the same thing about the same subject."""
    found: list[Problem] = []
    b, a = before.profile, after.profile
    for field in ("kind", "id"):
        bv, av = getattr(b.subject, field), getattr(a.subject, field)
        if bv is not None and av is not None and bv != av:
            found.append(Problem("compare-subject-differs",
                                 {"field": f"subject.{field}", "value": av, "other_value": bv,
                                  "other": before.source},
                                 file=after.source, path=f"subject.{field}"))
    bs, as_ = b.subject.attributes.get("survey"), a.subject.attributes.get("survey")
    if bs is not None and as_ is not None and bs != as_:
        found.append(Problem("compare-survey-differs",
                             {"value": as_, "other_value": bs, "other": before.source},
                             file=after.source, path="subject.attributes.survey"))
    for mine, theirs in ((before, after), (after, before)):
        for area in mine.profile.competence:
            if area not in theirs.profile.competence:
                found.append(Problem("compare-area-missing",
                                     {"area": area, "other": theirs.source},
                                     file=mine.source, path=dotted(("competence", area))))
    if before.definition is not None and after.definition is not None:
        found += _definition_problems(before, after)
    if found:
        raise ComparisonError(found)


def _norm(text: str) -> str:
    """Match texts as the survey import does: NFC, collapsed whitespace, case-folded."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _question_key(defn: SurveyDefinition) -> dict[tuple[str, str], list[tuple[str, str, bool]]]:
    out: dict[tuple[str, str], list[tuple[str, str, bool]]] = {}
    for q in defn.questions:
        options = defn.scales[q.scale].options
        scale = json.dumps(sorted((_norm(k), v) for k, v in options.items()))
        out.setdefault((q.area, q.dimension), []).append((_norm(q.column), scale, q.reverse))
    return {k: sorted(v) for k, v in out.items()}


def _definition_problems(before: Year, after: Year) -> list[Problem]:
    assert before.definition is not None and after.definition is not None
    bdef, adef = before.definition, after.definition
    found: list[Problem] = []
    if bdef.id != adef.id:
        found.append(Problem("compare-survey-differs",
                             {"value": adef.id, "other_value": bdef.id, "other": before.source},
                             file=after.source, path="id"))
    bq, aq = _question_key(bdef), _question_key(adef)
    for cell in sorted(set(bq) | set(aq)):
        if bq.get(cell) == aq.get(cell):
            continue
        bcols = {c for c, _, _ in bq.get(cell, [])}
        acols = {c for c, _, _ in aq.get(cell, [])}
        detail, detail_nb = (("questions", "spørsmål") if bcols != acols
                             else ("answer scales", "svarskalaer"))
        found.append(Problem("compare-questions-differ",
                             {"area": cell[0], "dimension": cell[1], "other": before.source,
                              "detail": detail, "detail_nb": detail_nb},
                             file=after.source, path=f"questions ({cell[0]}.{cell[1]})"))
    return found


def read_plan(value: object, catalogue: Catalogue, subject: Profile) -> Plan:
    """Last year's plan from a Plan, a dict, JSON text or a ``tiltak.plan/1`` file."""
    from tiltak.plan import PLAN_FORMAT, Plan

    source = "PLAN"
    if isinstance(value, Plan):
        plan = value
    else:
        data: Any = value
        if isinstance(value, str | Path) and not (isinstance(value, str)
                                                  and value.lstrip().startswith("{")):
            source = str(value)
            raw, problems = read_limited(Path(value), source, _limits.current().file_bytes)
            if raw is None:
                raise ComparisonError(problems)
            try:
                data = decode_text(raw)
            except UnicodeDecodeError as exc:
                raise ComparisonError([undecodable(raw, exc, source)]) from None
        if isinstance(data, str):
            try:  # as strictly as a profile: duplicate keys, NaN, depth are located errors
                data = _strict_json(data, source, _limits.current())
            except ProfileError as exc:
                raise ComparisonError(exc.problems) from None
        if not isinstance(data, Mapping):
            raise ComparisonError([Problem("compare-plan-not-plan",
                                           {"got": type(data).__name__}, file=source)])
        if data.get("format") != PLAN_FORMAT:
            raise ComparisonError([Problem("compare-plan-format",
                                           {"value": data.get("format"),
                                            "expected": PLAN_FORMAT},
                                           file=source, path="format")])
        try:
            plan = Plan.model_validate(dict(data))
        except pydantic.ValidationError as exc:
            raise ComparisonError(problems_from_validation(
                exc, (), lambda loc, key, params, _k: Problem(key, params, file=source,
                                                              path=dotted(loc) or None),
            )) from None
    found: list[Problem] = []
    for i, pm in enumerate(plan.measures):
        if pm.measure not in catalogue.measures:
            found.append(Problem("compare-plan-unknown-measure", {"value": pm.measure},
                                 file=source, path=dotted(("measures", i, "measure"))))
    mine, theirs = plan.subject.id, subject.subject.id
    if mine is not None and theirs is not None and mine != theirs:
        found.append(Problem("compare-plan-subject", {"value": mine, "other_value": theirs},
                             file=source, path="subject.id"))
    if found:
        raise ComparisonError(found)
    return plan
