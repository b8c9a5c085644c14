"""Survey import: read an export, protect small groups, build the profile."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tiltak._args import checked
from tiltak._data import default_dir
from tiltak._i18n import Lang, format_number, message
from tiltak._validation import DIMENSION_NAMES_NB, DIMENSIONS, Dimension
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.errors import Problem, SurveyError
from tiltak.profile import PROFILE_FORMAT, Profile
from tiltak.survey._anon import DEFAULT_WORK_LIMIT, Audit, Hint, audit, cells_of
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
from tiltak.survey._read import Responses, _codes, match, read_table
from tiltak.survey._stats import DEFAULT_ALPHA, GroupScore, Test, adjust, run_test

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_MINIMUM",
    "DEFAULT_WORK_LIMIT",
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
    limited: int = 0
    """Segments withheld only because the anonymity audit reached its work limit."""

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
        if self.limited:
            lines.append(message("survey-audit-limited", lang, count=self.limited))
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


@checked
def resolve_definition(definition: SurveyDefinition | str | Path,
                       catalogue: Catalogue | None = None) -> SurveyDefinition:
    """A definition from a model, a YAML file, or the name of a bundled definition."""
    if isinstance(definition, SurveyDefinition):
        return definition
    path = Path(definition)
    bundled = bundled_definitions()
    if not path.exists() and str(definition) in bundled:
        path = bundled[str(definition)]
    elif not path.exists() and not os.path.lexists(path):  # a broken link or a loop is read
        # (below), to say so
        raise SurveyError([Problem("survey-unknown-definition",
                                   {"value": str(definition),
                                    "known": ", ".join(bundled) or "-",
                                    "near": (str(definition), tuple(bundled))})])
    from tiltak.survey._tenfactor import is_tenfactor

    if path.suffix in (".yaml", ".yml") and is_tenfactor(path):
        raise SurveyError([Problem("survey-is-tenfactor", {"value": str(definition)},
                                   file=str(path))])
    return load_definition(path, catalogue)


@checked
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


def _value(counts: list[int], respondents: int) -> dict[str, object]:
    """One published cell: mean level, shares at each level and respondents, from the
    answers at levels 1..5 (``counts``)."""
    total = sum(counts)
    return {
        "level": round(sum(level * c for level, c in enumerate(counts, start=1)) / total, 2),
        "distribution": list(_shares(counts)),
        "respondents": respondents,
    }


def _patterns(counts: Any) -> tuple[Any, Any]:
    """The distinct rows of ``counts`` (respondents x answers at levels 1..5) and each
    respondent's row in them."""
    import numpy as np

    radix = int(counts.max()) + 1
    if radix ** 5 >= 1 << 62:   # thousands of questions in one cell: sort the rows instead
        unique, inverse = np.unique(counts, axis=0, return_inverse=True)
        return unique, inverse.reshape(-1)
    key = counts @ (radix ** np.arange(5, dtype=np.int64))
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return counts[first], inverse.reshape(-1)


@checked
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
    work_limit: int = DEFAULT_WORK_LIMIT,
    progress: Callable[[int, int], None] | None = None,
) -> SurveyImport:
    """Read a survey export and build its profile, withheld groups and segment tests.

    ``minimum`` overrides the definition's smallest publishable group (at
    least 3). ``catalogue`` (default: the bundled one) checks area and sector
    ids and names areas in findings. ``work_limit`` bounds the exact anonymity
    search per population (arithmetic operations); past it more is withheld and
    ``SurveyImport.limited`` says how many segments. ``progress(done, total)`` is
    called as the audit advances.
    """
    cat = catalogue if isinstance(catalogue, Catalogue) else load_catalogue(
        catalogue if catalogue is not None else default_dir("catalogue"))
    defn = resolve_definition(definition, cat)
    least = defn.minimum_group if minimum is None else minimum
    if least < LOWEST_MINIMUM:
        raise SurveyError([Problem("survey-minimum-low", {"value": least})])
    # the table (every cell as text) is not kept while the profile is built
    responses = match(read_table(export, defn, encoding), defn)
    return _build(defn, responses, least, alpha, cat, str(export), subject_id, subject_name,
                  work_limit, progress)


def _build(defn: SurveyDefinition, responses: Responses, minimum: int, alpha: float,
           catalogue: Catalogue | None, source: str, subject_id: str | None,
           subject_name: str | None, work_limit: int = DEFAULT_WORK_LIMIT,
           progress: Callable[[int, int], None] | None = None) -> SurveyImport:
    import numpy as np  # on first use: only surveys need it

    n = responses.used
    if n < minimum:
        raise SurveyError([Problem("survey-too-few", {"count": n, "minimum": minimum},
                                   file=source)])
    nvars = len(defn.background)
    levels, codes = responses.level_codes, responses.background_codes
    if levels is None or codes is None:     # a Responses made by hand
        levels, codes = _codes(responses.answers, responses.background, defn)
    values = [len(bg.values) for bg in defn.background]
    cells_codes, cell_of = cells_of(codes)

    cells = defn.cells()
    steps = [0]

    def tick(total_steps: int = len(cells) + 1) -> Callable[[], None] | None:
        if progress is None:
            return None

        def call() -> None:
            progress(steps[0], total_steps)
        return call

    def counts_of(members: Any) -> Any:
        return np.bincount(cell_of[members], minlength=len(cells_codes)).astype(np.int64)

    def run_audit(members: Any, forced: frozenset[tuple[int, int]], hint: Hint | None,
                  sub: Any) -> Audit:
        result = audit(cells_codes, counts_of(members), values, minimum, forced, work_limit,
                       tick(), hint, sub)
        steps[0] += 1
        return result

    # per area and dimension: each respondent's answer counts at levels 1..5
    per_cell: dict[tuple[str, Dimension], Any] = {
        cell: np.zeros((n, 5), dtype=np.int64) for cell in cells
    }
    for q, level in zip(defn.questions, levels, strict=True):
        table = per_cell[(q.area, q.dimension)]
        rows = np.flatnonzero(level)
        table[rows, level[rows].astype(np.int64) - 1] += 1   # one answer per row and question

    # The proof of safety is built for those who answered every area and dimension: it
    # then holds for each area and dimension's population too (which contains them),
    # unless a segment is withheld there or a cell it uses lost respondents.
    in_all = np.ones(n, dtype=bool)
    for table in per_cell.values():
        in_all &= table.any(axis=1)
    base = run_audit(np.ones(n, dtype=bool), frozenset(), None, counts_of(in_all))
    seg_published = base.published
    limited = base.limited
    seg_hidden = frozenset(
        (v, j) for v, k in enumerate(values) for j in range(k) if (v, j) not in seg_published
    )
    # respondents per segment, and per variable the respondents in order of value (stable:
    # each segment's respondents stay in file order)
    seg_size = [np.bincount(codes[:, v] + 1, minlength=k + 1)[1:] for v, k in enumerate(values)]

    competence: dict[str, dict[str, object]] = {}
    seg_competence: dict[tuple[int, int], dict[str, dict[str, object]]] = {
        c: {} for c in seg_published
    }
    hidden_total = 0
    hidden_cells = [0] * nvars
    tests: list[Test] = []
    weights = np.arange(1, 6, dtype=np.int64)
    for area, dim in cells:
        table = per_cell[(area, dim)]
        answered_n = table.sum(axis=1)
        answered = answered_n > 0
        if not answered.any():
            steps[0] += 1
            continue
        result = run_audit(answered, seg_hidden, base.hint, counts_of(in_all))
        limited += result.limited
        published = result.published
        if not result.total:
            hidden_total += 1
            continue
        rows = np.flatnonzero(answered)
        # respondents with the same answers at each level share a pattern: sums per
        # segment are counts of patterns times the patterns' answers
        patterns, pattern_of = _patterns(table[rows])
        per_pattern = np.bincount(pattern_of, minlength=len(patterns))
        competence.setdefault(area, {})[dim] = _value(
            (per_pattern @ patterns).tolist(), len(rows))
        pattern_means = (patterns @ weights) / patterns.sum(axis=1)
        means = pattern_means[pattern_of]
        for v, k in enumerate(values):
            code = codes[rows, v]
            inside = code >= 0
            by_pattern = np.bincount(code[inside] * len(patterns) + pattern_of[inside],
                                     minlength=k * len(patterns)).reshape(k, len(patterns))
            by_value = (by_pattern @ patterns).tolist()
            sizes = by_pattern.sum(axis=1).tolist()
            # each segment's respondents in file order (a stable sort; radix on int16)
            order = np.argsort(code.astype(np.int16) if k < 32_000 else code, kind="stable")
            bounds = np.cumsum([0, int(np.count_nonzero(~inside)), *sizes])
            groups: list[tuple[str, Any]] = []
            for j in range(k):
                if (v, j) in published:
                    seg_competence[(v, j)].setdefault(area, {})[dim] = _value(by_value[j],
                                                                              sizes[j])
                    groups.append((defn.background[v].values[j].id,
                                   means[order[bounds[j + 1]:bounds[j + 2]]]))
                elif (v, j) in seg_published and sizes[j]:
                    hidden_cells[v] += 1
            test = run_test(area, dim, defn.background[v].by, groups)
            if test is not None:
                tests.append(test)

    segments = [
        {
            "by": defn.background[v].by,
            "value": defn.background[v].values[j].id,
            "respondents": int(seg_size[v][j]),
            "competence": seg_competence[(v, j)],
        }
        for v, k in enumerate(values) for j in range(k)
        if (v, j) in seg_published
    ]
    withheld: list[Withheld] = []
    if hidden_total:
        withheld.append(Withheld(None, 0, hidden_total))
    for v, k in enumerate(values):
        groups_hidden = sum(1 for j in range(k) if seg_size[v][j] and (v, j) in seg_hidden)
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
                        tuple(adjust(tests)), catalogue, limited)
