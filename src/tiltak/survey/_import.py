"""Survey import: read an export, protect small groups, build the profile."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tiltak._data import default_dir
from tiltak._i18n import Lang, format_number, message
from tiltak._validation import DIMENSION_NAMES_NB, DIMENSIONS, Dimension
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.errors import Problem, SurveyError
from tiltak.profile import PROFILE_FORMAT, Profile
from tiltak.survey._anon import protect
from tiltak.survey._definition import (
    DEFAULT_MINIMUM,
    LOWEST_MINIMUM,
    SURVEY_FORMAT,
    Background,
    BackgroundValue,
    Question,
    Scale,
    SubjectDefaults,
    SurveyDefinition,
    load_definition,
    survey_schema,
)
from tiltak.survey._read import Responses, match, read_table
from tiltak.survey._stats import DEFAULT_ALPHA, GroupScore, Test, adjust, run_test

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_MINIMUM",
    "LOWEST_MINIMUM",
    "SURVEY_FORMAT",
    "Background",
    "BackgroundValue",
    "GroupScore",
    "Question",
    "Responses",
    "Scale",
    "SubjectDefaults",
    "SurveyDefinition",
    "SurveyImport",
    "Test",
    "Withheld",
    "bundled_definitions",
    "import_survey",
    "load_definition",
    "profile_json",
    "resolve_definition",
    "survey_schema",
]


@dataclass(frozen=True, slots=True)
class Withheld:
    """How much of one background variable (``by``; None = the whole organisation) is withheld.

    Counts only: which groups are hidden, and why each one, is not said, so
    that the note itself reveals nothing.
    """

    by: str | None
    groups: int
    cells: int


@dataclass(frozen=True, slots=True)
class SurveyImport:
    """The outcome of an import: the profile and what a reader should know about it."""

    profile: Profile
    definition: SurveyDefinition
    source: str
    responses: Responses
    minimum: int
    alpha: float
    withheld: tuple[Withheld, ...]
    tests: tuple[Test, ...]
    catalogue: Catalogue | None = field(default=None, repr=False)

    @property
    def findings(self) -> tuple[Test, ...]:
        """The tests whose adjusted p-value is below ``alpha``, strongest first."""
        found = [t for t in self.tests if t.q < self.alpha]
        return tuple(sorted(found, key=lambda t: (t.q, -abs(t.effect), t.area, t.dimension,
                                                   t.by)))

    def to_json(self) -> str:
        """The profile as canonical JSON."""
        return profile_json(self.profile)

    def summary(self, lang: Lang = "en") -> list[str]:
        """Lines for stderr: rows used and skipped, warnings, what was withheld."""
        r = self.responses
        lines = [message("survey-summary", lang, used=r.used, skipped=r.skipped,
                         file=self.source)]
        lines += [p.render(lang) for p in r.warnings]
        lines += self._withheld_lines(lang)
        return lines

    def _withheld_lines(self, lang: Lang) -> list[str]:
        lines: list[str] = []
        names = {b.by: b.name.get(lang) for b in self.definition.background}
        for w in self.withheld:
            if w.by is None:
                lines.append(message("survey-withheld-total", lang, count=w.cells,
                                     minimum=self.minimum))
                continue
            if w.groups:
                lines.append(message("survey-withheld", lang, variable=names[w.by],
                                     count=w.groups, minimum=self.minimum))
            if w.cells:
                lines.append(message("survey-withheld-cells", lang, variable=names[w.by],
                                     count=w.cells))
        return lines

    def finding_text(self, test: Test, lang: Lang = "en") -> str:
        """A finding worded as plans word them, e.g. "attitudes to leadership are higher
        among those with more than 10 years of service than among ..."."""
        bg = next(b for b in self.definition.background if b.by == test.by)
        labels = {v.id: v.label.get(lang) for v in bg.values}
        topic = _topic(test.area, test.dimension, lang, self.catalogue)
        verb = "is" if test.dimension == "knowledge" else "are"
        key = "survey-finding-two" if len(test.groups) == 2 else "survey-finding-many"
        text = message(key, lang, topic=topic, verb=verb, high=labels[test.high.value],
                       low=labels[test.low.value], variable=bg.name.get(lang))
        return text[:1].upper() + text[1:]

    def finding_stats(self, test: Test, lang: Lang = "en") -> str:
        name = "Mann-Whitney U" if test.test == "mann-whitney" else "Kruskal-Wallis H"
        effect_name = "r" if test.effect_name == "r" else "ε²"
        return message("survey-finding-stats", lang, test=name, p=_num(test.p, lang),
                       q=_num(test.q, lang), effect_name=effect_name,
                       effect=_dec(test.effect, 2, lang), n=test.n)

    def report(self, lang: Lang = "en") -> str:
        """A readable report: counts, levels, segment differences, anonymity, warnings."""
        out: list[str] = [message("survey-report-title", lang,
                                  title=self.definition.title.get(lang))]
        r = self.responses
        out.append(message("survey-report-respondents", lang, count=r.used, skipped=r.skipped))
        out += ["", message("survey-report-levels", lang)]
        for area, dims in self.profile.competence.items():
            parts = []
            for dim in DIMENSIONS:
                value = dims.get(dim)
                shown = (_dec(value.level, 2, lang) + f" (n = {value.respondents})"
                         if value is not None else message("survey-report-hidden-cell", lang))
                parts.append(f"{_dim_name(dim, lang)} {shown}")
            out.append(f"  {_area_name(area, lang, self.catalogue)}: " + ", ".join(parts))
        out += ["", message("survey-report-findings", lang)]
        findings = self.findings
        if not findings:
            out.append("  " + message("survey-report-no-findings", lang,
                                      alpha=_dec(self.alpha, 2, lang)))
        for test in findings:
            out.append(f"  - {self.finding_text(test, lang)}.")
            out.append(f"    {self.finding_stats(test, lang)}")
        out.append("  " + message("survey-report-method", lang, tests=len(self.tests),
                                  alpha=_dec(self.alpha, 2, lang)))
        out += ["", message("survey-report-anonymity", lang)]
        withheld = self._withheld_lines(lang)
        if withheld:
            out += [f"  - {line}" for line in withheld]
        else:
            out.append("  " + message("survey-report-all-published", lang,
                                      minimum=self.minimum))
        if r.warnings:
            out += ["", message("survey-report-warnings", lang)]
            out += [f"  - {p.render(lang)}" for p in r.warnings]
        return "\n".join(out) + "\n"


_TOPIC: dict[str, tuple[str, str]] = {
    "knowledge": ("kunnskaper om", "knowledge of"),
    "skills": ("ferdigheter i", "skills in"),
    "abilities": ("evner innen", "abilities in"),
    "attitudes": ("holdninger til", "attitudes to"),
}


def _dim_name(dim: str, lang: Lang) -> str:
    return DIMENSION_NAMES_NB[dim] if lang == "nb" else dim


def _area_name(area: str, lang: Lang, catalogue: Catalogue | None) -> str:
    if catalogue is not None and area in catalogue.areas:
        return catalogue.areas[area].name.get(lang)
    return area


def _topic(area: str, dim: str, lang: Lang, catalogue: Catalogue | None) -> str:
    nb, en = _TOPIC[dim]
    name = _area_name(area, lang, catalogue)
    if not name.isupper():
        name = name[:1].lower() + name[1:]
    return f"{nb if lang == 'nb' else en} {name}"


def _dec(value: float, digits: int, lang: Lang) -> str:
    return format_number(value, lang, digits)


def _num(p: float, lang: Lang) -> str:
    return ("< " + _dec(0.001, 3, lang)) if p < 0.001 else "= " + _dec(p, 3, lang)


def bundled_definitions() -> dict[str, Path]:
    """The survey definitions shipped with tiltak, by name (file stem)."""
    root = default_dir("surveys")
    if not root.is_dir():
        return {}
    return {p.stem: p for p in sorted(root.iterdir()) if p.suffix in (".yaml", ".yml")}


def resolve_definition(definition: SurveyDefinition | str | Path,
                       catalogue: Catalogue | None = None) -> SurveyDefinition:
    """A definition from a model, a YAML file, or the name of a bundled definition."""
    if isinstance(definition, SurveyDefinition):
        return definition
    path = Path(definition)
    bundled = bundled_definitions()
    if not path.exists() and str(definition) in bundled:
        path = bundled[str(definition)]
    elif not path.exists():
        raise SurveyError([Problem("survey-unknown-definition",
                                   {"value": str(definition),
                                    "known": ", ".join(bundled) or "-"})])
    return load_definition(path, catalogue)


def profile_json(profile: Profile) -> str:
    """Canonical JSON of a profile: UTF-8 text, two-space indent, trailing newline."""
    data = profile.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _shares(counts: Sequence[int]) -> tuple[float, float, float, float, float]:
    """Shares in hundredths that sum to exactly 1 (largest remainder, ties to lower level)."""
    total = sum(counts)
    exact = [100 * c / total for c in counts]
    base = [int(x) for x in exact]
    order = sorted(range(5), key=lambda i: (-(exact[i] - base[i]), i))
    for i in order[: 100 - sum(base)]:
        base[i] += 1
    a, b, c, d, e = (x / 100 for x in base)
    return (a, b, c, d, e)


def _cell_value(answers: Sequence[int]) -> dict[str, object]:
    counts = [0] * 5
    for a in answers:
        counts[a - 1] += 1
    return {
        "level": round(sum(answers) / len(answers), 2),
        "distribution": list(_shares(counts)),
    }


def import_survey(
    export: str | Path,
    definition: SurveyDefinition | str | Path,
    *,
    minimum: int | None = None,
    catalogue: Catalogue | str | Path | None = None,
    encoding: str | None = None,
    alpha: float = DEFAULT_ALPHA,
    subject_id: str | None = None,
    subject_name: str | None = None,
) -> SurveyImport:
    """Read a survey export and build its profile, withheld groups and segment tests.

    ``minimum`` overrides the definition's smallest publishable group (at
    least 3). ``catalogue`` (default: the bundled one) checks area and sector
    ids and names areas in findings.
    """
    cat = catalogue if isinstance(catalogue, Catalogue) else load_catalogue(
        catalogue if catalogue is not None else default_dir("catalogue"))
    defn = resolve_definition(definition, cat)
    least = defn.minimum_group if minimum is None else minimum
    if least < LOWEST_MINIMUM:
        raise SurveyError([Problem("survey-minimum-low", {"value": least})])
    table = read_table(export, defn, encoding)
    responses = match(table, defn)
    return _build(defn, responses, least, alpha, cat, str(export), subject_id, subject_name)


def _build(defn: SurveyDefinition, responses: Responses, minimum: int, alpha: float,
           catalogue: Catalogue | None, source: str, subject_id: str | None,
           subject_name: str | None) -> SurveyImport:
    n = responses.used
    if n < minimum:
        raise SurveyError([Problem("survey-too-few", {"count": n, "minimum": minimum},
                                   file=source)])
    everyone = (1 << n) - 1
    variables: list[list[int]] = []
    for bg, ids in zip(defn.background, responses.background, strict=True):
        masks: list[int] = []
        for value in bg.values:
            mask = 0
            for i, found in enumerate(ids):
                if found == value.id:
                    mask |= 1 << i
            masks.append(mask)
        variables.append(masks)
    _, seg_published = protect(everyone, variables, minimum)
    seg_hidden = frozenset(
        (v, j) for v, masks in enumerate(variables) for j in range(len(masks))
        if (v, j) not in seg_published
    )

    cells = defn.cells()
    per_cell: dict[tuple[str, Dimension], list[list[int]]] = {}
    for cell in cells:
        per_cell[cell] = [[] for _ in range(n)]
    for q, levels in zip(defn.questions, responses.answers, strict=True):
        lists = per_cell[(q.area, q.dimension)]
        for i, a in enumerate(levels):
            if a is not None:
                lists[i].append(a)

    competence: dict[str, dict[str, object]] = {}
    seg_competence: dict[tuple[int, int], dict[str, dict[str, object]]] = {
        c: {} for c in seg_published
    }
    hidden_total = 0
    hidden_cells = [0] * len(variables)
    tests: list[Test] = []
    for area, dim in cells:
        lists = per_cell[(area, dim)]
        answered = 0
        for i, xs in enumerate(lists):
            if xs:
                answered |= 1 << i
        if not answered:
            continue
        total_ok, published = protect(answered, variables, minimum, seg_hidden)

        def value_of(mask: int, lists: list[list[int]] = lists) -> dict[str, object]:
            flat = [a for i, xs in enumerate(lists) if mask >> i & 1 for a in xs]
            return {**_cell_value(flat), "respondents": mask.bit_count()}

        if not total_ok:
            hidden_total += 1
            continue
        competence.setdefault(area, {})[dim] = value_of(answered)
        for v, masks in enumerate(variables):
            groups: list[tuple[str, list[float]]] = []
            for j, mask in enumerate(masks):
                inside = mask & answered
                if (v, j) in published:
                    seg_competence[(v, j)].setdefault(area, {})[dim] = value_of(inside)
                    groups.append((defn.background[v].values[j].id,
                                   [sum(lists[i]) / len(lists[i])
                                    for i in range(n) if inside >> i & 1]))
                elif (v, j) in seg_published and inside:
                    hidden_cells[v] += 1
            test = run_test(area, dim, defn.background[v].by, groups)
            if test is not None:
                tests.append(test)

    segments = [
        {
            "by": defn.background[v].by,
            "value": defn.background[v].values[j].id,
            "respondents": variables[v][j].bit_count(),
            "competence": seg_competence[(v, j)],
        }
        for v, masks in enumerate(variables) for j in range(len(masks))
        if (v, j) in seg_published
    ]
    withheld: list[Withheld] = []
    if hidden_total:
        withheld.append(Withheld(None, 0, hidden_total))
    for v, masks in enumerate(variables):
        groups_hidden = sum(1 for j, m in enumerate(masks) if m and (v, j) in seg_hidden)
        if groups_hidden or hidden_cells[v]:
            withheld.append(Withheld(defn.background[v].by, groups_hidden, hidden_cells[v]))
    sectors = [v.id for b in defn.background if b.by == "sector" for v in b.values]
    profile = Profile.model_validate({
        "format": PROFILE_FORMAT,
        "subject": {
            "kind": defn.subject.kind,
            "id": subject_id if subject_id is not None else defn.subject.id,
            "name": subject_name if subject_name is not None else defn.subject.name,
            "attributes": {"survey": defn.id, "minimum_group": minimum},
        },
        "respondents": n,
        "competence": competence,
        "context": {"sectors": sectors},
        "segments": segments,
    })
    return SurveyImport(profile, defn, source, responses, minimum, alpha, tuple(withheld),
                        tuple(adjust(tests)), catalogue)
