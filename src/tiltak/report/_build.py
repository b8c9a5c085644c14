"""Build the document model from the library's results: suggestions, plan, survey tests."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiltak._args import checked
from tiltak._i18n import Lang, known_keys, message
from tiltak._validation import Dimension
from tiltak.catalogue import STRATEGIES, Catalogue, Measure
from tiltak.engine import Engine, load
from tiltak.plan import Plan, PlannedMeasure, Relaxation, plan_from_result
from tiltak.profile import SEGMENT_VALUE_NAMES, DimensionValue, Profile, load_profile
from tiltak.report import _text
from tiltak.report._format import dec, hours, join, nok, number, pct
from tiltak.report._model import (
    Block,
    Bullets,
    Cell,
    Chart,
    Facts,
    Paragraph,
    Report,
    Section,
    Series,
    Table,
)
from tiltak.result import Recommendation, Result
from tiltak.survey import SurveyImport

if TYPE_CHECKING:
    from tiltak.compare import Comparison

DIMENSIONS = ("knowledge", "skills", "abilities", "attitudes")
DIMENSIONS_TYPED: tuple[Dimension, ...] = ("knowledge", "skills", "abilities", "attitudes")
_MAX_FINDINGS = 5
_FACT = re.compile(r"^([a-z0-9_-]+)\.(knowledge|skills|abilities|attitudes)\."
                   r"(level|target|gap|share_at_or_below_(\d)|share_at_or_above_(\d))$")


@dataclass(frozen=True, slots=True)
class _Cell:
    """One area and dimension of the profile, with its target and gap."""

    area: str
    dimension: str
    value: DimensionValue
    target: float | None

    @property
    def gap(self) -> float:
        return self.value.gap(self.target) or 0.0

    @property
    def low(self) -> float | None:
        d = self.value.distribution
        return None if d is None else d[0] + d[1]

    @property
    def high(self) -> float | None:
        d = self.value.distribution
        return None if d is None else d[3] + d[4]


def _short_name(name: str) -> str:
    """A sector's name without its bracketed explanation: "Stab og støtte (HR, økonomi, IT,
    kommunikasjon)" is "Stab og støtte" (a name that is all brackets stays whole)."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name) or name


def _months(value: str) -> int:
    """A "YYYY-MM" month as a month count, to measure distances on the calendar."""
    year, month = value.split("-")
    return int(year) * 12 + int(month) - 1


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    """Lower-case the first letter for use mid-sentence, but not an acronym (HR, BTI)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


class _Builder:
    """Holds the inputs and the language while the parts are built."""

    def __init__(self, profile: Profile, result: Result, plan: Plan, catalogue: Catalogue,
                 survey: SurveyImport | None, source: str | None, lang: Lang,
                 rules: int, comparison: Comparison | None = None) -> None:
        self.comparison = comparison
        self.profile = profile
        self.result = result
        self.plan = plan
        self.cat = catalogue
        self.survey = survey
        self.source = source
        self.lang = lang
        self.rules = rules
        self.recs = {r.measure: r for r in result.recommendations}
        self.chosen = {pm.measure: pm for pm in plan.measures}
        self.left = {pm.measure: pm for pm in plan.left_out}
        self.cells = [
            _Cell(area, dim, values[dim], self._target(area, dim, values[dim]))
            for area, values in profile.competence.items()
            for dim in DIMENSIONS if dim in values
        ]

    # --- words -------------------------------------------------------------------------
    def m(self, key: str, **params: object) -> str:
        return message(key, self.lang, **params)

    def pick(self, pair: tuple[str, str]) -> str:
        return pair[0] if self.lang == "nb" else pair[1]

    def area(self, area: str) -> str:
        found = self.cat.areas.get(area)
        return found.name.get(self.lang) if found else area

    def dim(self, dimension: str) -> str:
        return self.pick(_text.DIMENSION_NAMES[dimension])

    def topic(self, area: str, dimension: str) -> str:
        name = self.area(area)
        if not name.isupper():
            name = name[:1].lower() + name[1:]
        return self.pick(_text.TOPIC[dimension]).format(area=name)

    def sector(self, sector: str) -> str:
        found = self.cat.sectors.get(sector)
        return found.name.get(self.lang) if found else sector

    def role(self, role: str) -> str:
        found = self.cat.roles.get(role)
        return _lower(found.name.get(self.lang)) if found else role

    def title(self, measure: str) -> str:
        return self.cat.measures[measure].title.get(self.lang)

    def _target(self, area: str, dim: str, value: DimensionValue) -> float | None:
        if value.target is not None:
            return value.target
        found = self.cat.areas.get(area)
        return found.target(dim) if found else None  # type: ignore[arg-type]

    # --- the parts ---------------------------------------------------------------------
    def name(self) -> str:
        s = self.profile.subject
        return s.name or s.id or self.pick(_text.SUBJECT_KINDS.get(s.kind, (s.kind, s.kind)))

    def ranked_gaps(self) -> list[_Cell]:
        gaps = [c for c in self.cells if c.gap > 0]
        return sorted(gaps, key=lambda c: (-round(c.gap, 6), c.area, DIMENSIONS.index(c.dimension)))

    def measures_for(self, cell: _Cell) -> list[PlannedMeasure]:
        """Chosen measures that develop this area and dimension, best-ranked first."""
        out = []
        for pm in self.plan.measures:
            measure = self.cat.measures[pm.measure]
            if cell.area in measure.areas and cell.dimension in measure.dimensions:
                out.append(pm)
        return sorted(out, key=lambda pm: (pm.rank or 10**6, pm.measure))

    def summary(self) -> Section:
        lang = self.lang
        gaps = self.ranked_gaps()
        n = self.profile.respondents
        who = (self.m("report-summary-who-n", n=number(n, lang)) if n else
               self.m("report-summary-who", name=self.name()))
        blocks: list[Block] = []
        if not self.result.recommendations:
            blocks.append(Paragraph(f"{who} {self.m('report-summary-nothing')}", "lead"))
        else:
            count = f"{self.count_text()} {self.cost_text()}"
            if not self.cells:
                lead = f"{who} {self.m('report-summary-no-levels')} {count}"
            elif not gaps:
                lead = f"{who} {self.m('report-summary-no-gap')} {count}"
            else:
                top = [self.topic(c.area, c.dimension).lower() for c in gaps[:2]]
                lead = self.m("report-summary-lead", who=who, top=join(top, lang), count=count)
            blocks.append(Paragraph(lead, "lead"))
        blocks.append(Facts(self.key_figures(), "figures"))
        rows = []
        for cell in gaps[:_MAX_FINDINGS]:
            finding = self.topic(cell.area, cell.dimension)
            if cell.high is not None and cell.high < 0.25:
                finding += ": " + self.m("report-finding-high", share=pct(cell.high, lang))
            elif cell.low is not None and cell.low >= 0.25:
                finding += ": " + self.m("report-finding-low", share=pct(cell.low, lang))
            chosen = [pm.title.get(lang) for pm in self.measures_for(cell)[:3]]
            rows.append((
                Cell(finding),
                Cell(dec(cell.value.level, lang), round(cell.value.level, 2)),
                Cell(dec(cell.target or 0, lang), cell.target),
                Cell("; ".join(chosen) or self.m("report-none-chosen")),
            ))
        if rows:
            blocks.append(Table(
                self.m("report-findings"),
                (self.m("report-col-finding"), self.m("report-col-level"),
                 self.m("report-col-target"), self.m("report-col-measures-for")),
                tuple(rows), (False, True, True, False), sheet=self.m("report-summary")))
        if self.survey is not None and self.survey.findings:
            items = [self.m("report-segment-finding",
                            text=self.survey.finding_text(t, lang), n=t.n)
                     for t in self.survey.findings[:2]]
            blocks.append(Paragraph(self.m("report-also") + ":", "body"))
            blocks.append(Bullets(tuple(items)))
        return Section("summary", self.m("report-summary"), 2, tuple(blocks), page_break=True)

    def count_text(self) -> str:
        """How the plan's number of measures follows from the suggestions, in words: those
        considered (all, or the best-ranked with ``top``), those that did not fit, and those
        added because measures in the plan build on them."""
        plan = self.plan
        suggested = len(self.result.recommendations)
        considered = plan.totals.suggested
        added = plan.totals.added_prerequisites
        left = len(plan.left_out)
        taken = plan.totals.chosen - added
        which = self.m("report-which-considered" if considered < suggested
                       else "report-which-suggested")
        others = "report-others-long" if added else "report-others"
        params = {"chosen": plan.totals.chosen, "considered": considered, "taken": taken,
                  "added": added, "which": which, "section": self.m("report-left"),
                  "others": self.m(others + ("-one" if left == 1 else ""), left=left,
                                   which=which)}
        if taken == 0 and left:
            key = "report-count-none"
        elif left:
            key = "report-count-left-added" if added else "report-count-left"
        elif added:
            key = "report-count-added"
        else:
            key = {1: "report-count-one", 2: "report-count-two"}.get(considered,
                                                                      "report-count-all")
        text = self.m(key, **params)
        if considered < suggested:
            text = self.m("report-count-top", considered=considered,
                          suggested=suggested) + " " + text
        return text

    def cost_text(self) -> str:
        """What the plan's measures cost and take, and over which period."""
        lang, plan = self.lang, self.plan
        cost, work = nok(plan.totals.cost_nok, lang), hours(plan.totals.effort_hours, lang)
        if self.dated() and plan.calendar is not None:
            return self.m("report-summary-cost", cost=cost, hours=work,
                          years=plan.calendar.horizon_years,
                          start=self.month(plan.calendar.start))
        return self.m("report-summary-cost-phases", cost=cost, hours=work,
                      phases=len(plan.phases))

    def not_considered(self) -> list[Recommendation]:
        """Suggestions outside the best-ranked ones the plan was made from (``top``)."""
        return [r for r in self.result.recommendations
                if r.measure not in self.chosen and r.measure not in self.left]

    def key_figures(self) -> tuple[tuple[str, str], ...]:
        lang, plan = self.lang, self.plan
        items = []
        if self.profile.respondents:
            items.append((self.m("report-meta-respondents"),
                          number(self.profile.respondents, lang)))
        items.append((self.m("report-kf-suggested"), str(len(self.result.recommendations))))
        items.append((self.m("report-meta-measures"), str(plan.totals.chosen)))
        if plan.totals.added_prerequisites:
            items.append((self.m("report-kf-added"), str(plan.totals.added_prerequisites)))
        items.append((self.m("report-kf-cost"), nok(plan.totals.cost_nok, lang)))
        items.append((self.m("report-kf-hours"), hours(plan.totals.effort_hours, lang)))
        budget, capacity = plan.limits.budget_nok, plan.limits.capacity_hours
        items.append((self.m("report-kf-budget"), nok(budget, lang) if budget is not None
                      else self.m("report-no-limit")))
        items.append((self.m("report-kf-capacity"), hours(capacity, lang)
                      if capacity is not None else self.m("report-no-limit")))
        if plan.left_out:
            items.append((self.m("report-kf-left-out"), str(len(plan.left_out))))
        outside = self.not_considered()
        if outside:
            items.append((self.m("report-kf-not-considered", top=plan.totals.suggested),
                          str(len(outside))))
        return tuple(items)

    def competence(self) -> Section:
        lang = self.lang
        dims = Facts(tuple((self.dim(d), self.pick(_text.DIMENSION_TEXT[d]))
                           for d in DIMENSIONS))
        rows = []
        for area_id in self.profile.competence:
            area = self.cat.areas.get(area_id)
            if area is None:
                continue
            targets = " / ".join(dec(t, lang) if (t := area.target(d)) is not None else "–"
                                 for d in DIMENSIONS_TYPED)
            rows.append((Cell(area.name.get(lang)),
                         Cell(area.description.get(lang) if area.description else ""),
                         Cell(targets)))
        blocks: list[Block] = [Paragraph(self.m("report-competence-lead"), "lead"), dims,
                               Paragraph(self.m("report-attitudes-note"), "note")]
        children = []
        if rows:
            children.append(Section("competence-areas", self.m("report-areas"), 3, (
                Table(self.m("report-areas"), (self.m("report-col-area"),
                                               self.m("report-col-description"),
                                               self.m("report-col-targets")),
                      tuple(rows), (False, False, True)),)))
        return Section("competence", self.m("report-competence"), 2, tuple(blocks),
                       tuple(children), page_break=True)

    def analysis(self) -> Section:
        lang = self.lang
        rows = []
        for c in self.cells:
            rows.append((
                Cell(self.area(c.area)), Cell(self.dim(c.dimension)),
                Cell(dec(c.value.level, lang), round(c.value.level, 2)),
                Cell(dec(c.target, lang) if c.target is not None else "–", c.target),
                Cell(dec(c.gap, lang), round(c.gap, 2)),
                Cell(number(c.value.respondents, lang) if c.value.respondents is not None
                     else "–", c.value.respondents),
                Cell(pct(c.low, lang) if c.low is not None else "–",
                     round(c.low, 4) if c.low is not None else None),
                Cell(pct(c.high, lang) if c.high is not None else "–",
                     round(c.high, 4) if c.high is not None else None),
            ))
        # A column the profile holds no value for is left out of the document (the sheet
        # keeps every column): a hand-written profile often gives the respondents only for
        # the whole, said in the caption, and no answer distributions.
        counted = any(c.value.respondents is not None for c in self.cells)
        spread = any(c.value.distribution is not None for c in self.cells)
        shown = (0, 1, 2, 3, 4, *((5,) if counted else ()), *((6, 7) if spread else ()))
        lead = ("report-analysis-no-levels" if not self.cells else "report-analysis-lead"
                if spread else "report-analysis-lead-levels")
        blocks: list[Block] = [Paragraph(self.m(lead), "lead")]
        if rows:
            whole = self.profile.respondents
            caption = (self.m("report-gap-table-total", n=number(whole, lang))
                       if not counted and whole is not None else self.m("report-gap-table"))
            blocks.append(Table(
                caption,
                tuple(self.m(k) for k in ("report-col-area", "report-col-dimension",
                                          "report-col-level", "report-col-target",
                                          "report-col-gap", "report-col-respondents",
                                          "report-col-low", "report-col-high")),
                tuple(rows), (False, False, True, True, True, True, True, True),
                sheet=self.m("report-sheet-gaps"), shown=None if len(shown) == 8 else shown))
        children = [self.area_section(area, i) for i, area in
                    enumerate(dict.fromkeys(c.area for c in self.cells))]
        children.append(self.segments())
        return Section("analysis", self.m("report-analysis"), 2, tuple(blocks), tuple(children),
                       page_break=True)

    def area_section(self, area: str, index: int) -> Section:
        lang = self.lang
        cells = [c for c in self.cells if c.area == area]
        name = self.area(area)
        worst = max(cells, key=lambda c: (round(c.gap, 6), -DIMENSIONS.index(c.dimension)))
        blocks: list[Block] = []
        if worst.gap > 0 and worst.target is not None:
            blocks.append(Paragraph(self.m("report-area-gap", dimension=self.dim(
                worst.dimension).lower(), level=dec(worst.value.level, lang),
                target=dec(worst.target, lang))))
        else:
            blocks.append(Paragraph(self.m("report-area-no-gap")))
        labels = tuple(self.dim(c.dimension) for c in cells)
        items = [self.m("report-chart-levels-item", dimension=self.dim(c.dimension),
                        level=dec(c.value.level, lang),
                        target=dec(c.target, lang) if c.target is not None else "–")
                 for c in cells]
        blocks.append(Chart(
            id=f"levels-{index + 1}", kind="levels",
            title=self.m("report-chart-levels", area=name),
            alt=self.m("report-chart-levels-alt", area=name, values="; ".join(items)),
            labels=labels,
            series=(Series(self.m("report-chart-level"),
                           tuple(c.value.level for c in cells)),
                    Series(self.m("report-chart-target"),
                           tuple(c.target if c.target is not None else 0.0 for c in cells))),
            axis=self.m("report-chart-scale"), lang=lang))
        with_dist = [c for c in cells if c.value.distribution is not None]
        if with_dist:
            shares = [c.value.distribution for c in with_dist]
            items = [self.m("report-chart-distribution-item", dimension=self.dim(c.dimension),
                            shares=", ".join(pct(s, lang) for s in d or ()))
                     for c, d in zip(with_dist, shares, strict=True)]
            names = [self.m("report-chart-answer-low"), "2", "3", "4",
                     self.m("report-chart-answer-high")]
            blocks.append(Chart(
                id=f"distribution-{index + 1}", kind="distribution",
                title=self.m("report-chart-distribution", area=name),
                alt=self.m("report-chart-distribution-alt", area=name,
                           values="; ".join(items)),
                labels=tuple(self.dim(c.dimension) for c in with_dist),
                series=tuple(Series(names[k], tuple((d or (0.0,) * 5)[k] for d in shares))
                             for k in range(5)),
                axis=self.m("report-chart-share"), lang=lang))
        else:
            blocks.append(Paragraph(self.m("report-no-distribution"), "note"))
        return Section(f"area-{area}", name, 3, tuple(blocks))

    def segment_name(self, by: str, value: object) -> str:
        if self.survey is not None:
            for bg in self.survey.definition.background:
                if bg.by == by:
                    for v in bg.values:
                        if v.id == value:
                            return v.label.get(self.lang)
        if by == "sector" and isinstance(value, str):
            return self.sector(value)
        if by == "role" and isinstance(value, str) and value in self.cat.roles:
            return _capital(self.role(value))
        # A grouping the profile names in its own words: shown as words, not as an id.
        label = self.m(f"report-by-{by}") if f"report-by-{by}" in known_keys() else by
        if isinstance(value, str) and value in SEGMENT_VALUE_NAMES:  # the bundled survey's
            shown = self.pick(SEGMENT_VALUE_NAMES[value])
        else:
            shown = str(value).replace("-", " ").replace("_", " ") if isinstance(value, str) \
                else str(value)
        return f"{_capital(label.replace('_', ' ').replace('-', ' '))}: {shown}"

    def segments(self) -> Section:
        lang = self.lang
        blocks: list[Block] = []
        if self.survey is not None:
            findings = self.survey.findings
            if findings:
                blocks.append(Paragraph(self.m("report-segments-tested")))
                blocks.append(Bullets(tuple(
                    self.m("report-segment-finding", text=self.survey.finding_text(t, lang),
                           n=t.n) for t in findings)))
            else:
                blocks.append(Paragraph(self.m("report-segments-none")))
        elif self.profile.segments:
            whole = {(c.area, c.dimension): c.value.level for c in self.cells}
            rows = []
            for seg in self.profile.segments:
                for area, values in seg.competence.items():
                    for dim in DIMENSIONS:
                        if dim not in values:
                            continue
                        level = values[dim].level
                        base = whole.get((area, dim))
                        rows.append((
                            Cell(self.segment_name(seg.by, seg.value)),
                            Cell(number(seg.respondents, lang) if seg.respondents is not None
                                 else "–", seg.respondents),
                            Cell(self.topic(area, dim)),
                            Cell(dec(level, lang), level),
                            Cell(dec(base, lang) if base is not None else "–", base),
                            Cell(("+" if base is not None and level > base else "")
                                 + (dec(level - base, lang) if base is not None else "–"),
                                 round(level - base, 2) if base is not None else None),
                        ))
            blocks.append(Paragraph(self.m("report-segments-untested")))
            if rows:
                blocks.append(Table(
                    self.m("report-segment-table"),
                    tuple(self.m(k) for k in (
                        "report-col-group", "report-col-respondents", "report-col-finding",
                        "report-col-level", "report-col-whole", "report-col-difference")),
                    tuple(rows), (False, True, False, True, True, True)))
        else:
            blocks.append(Paragraph(self.m("report-segments-absent")))
        children = []
        anonymity = self.anonymity()
        if anonymity:
            children.append(Section("anonymity", self.m("report-anonymity"), 4, anonymity))
        return Section("segments", self.m("report-segments"), 3, tuple(blocks), tuple(children))

    def anonymity(self) -> tuple[Block, ...]:
        minimum: Any = self.profile.subject.attributes.get("minimum_group")
        if self.survey is not None:
            minimum = self.survey.minimum
        if not isinstance(minimum, int) or isinstance(minimum, bool):
            return ()
        blocks: list[Block] = [Paragraph(self.m("report-anonymity-rule", minimum=minimum))]
        if self.survey is None:
            return tuple(blocks)
        names = {b.by: b.name.get(self.lang) for b in self.survey.definition.background}
        lines = []
        for w in self.survey.withheld:
            if w.by is None:
                lines.append(self.m("report-withheld-total", count=w.cells))
                continue
            variable = names.get(w.by, w.by)
            variable = variable[:1].upper() + variable[1:]
            if w.groups:
                lines.append(self.m("report-withheld-groups", variable=variable,
                                    count=w.groups))
            if w.cells:
                lines.append(self.m("report-withheld-cells", variable=variable, count=w.cells))
        blocks.append(Bullets(tuple(lines)) if lines
                      else Paragraph(self.m("report-all-shown")))
        return tuple(blocks)

    # --- measures ----------------------------------------------------------------------
    def status(self, measure: str) -> str:
        pm = self.chosen.get(measure)
        if pm is None:
            return self.m("report-left-out" if measure in self.left
                          else "report-not-considered")
        if pm.start is not None:
            return self.month(pm.start)
        return self.m("report-in-plan", phase=pm.phase)

    def owners_text(self, pm: PlannedMeasure | None, reasons: bool = False) -> str:
        if pm is None or not pm.owners:
            return self.m("report-no-owner")
        parts = []
        for o in pm.owners:
            text = f"{o.title.get(self.lang)} {pct(o.share, self.lang)}"
            if reasons and o.reason is not None:
                text += f" ({o.reason.get(self.lang)})"
            parts.append(text)
        return ("; " if reasons else ", ").join(parts)

    def owners_cell(self, pm: PlannedMeasure) -> Cell:
        """The owners as the plan table shows them: each sector by its short name (without
        the bracketed explanation the ownership section gives) on a line of its own, the
        largest share first; an even split says its share once, and one among every sector
        of the profile says so in three words. The same four sectors at 25 % each, in full,
        filled the column row after row. The sheet gets the full text on one line."""
        if not pm.owners:
            return Cell(self.m("report-no-owner"))
        lang = self.lang
        owners = sorted(pm.owners, key=lambda o: -o.share)  # stable: the plan's order on ties
        names = [_short_name(o.title.get(lang)) for o in owners]
        shares = {pct(o.share, lang) for o in owners}
        every = set(self.profile.context.sectors)
        if len(every) >= 3 and len(shares) == 1 and {o.sector for o in owners} == every:
            lines = [self.m("report-owners-all", count=len(every), share=shares.pop())]
        elif len(owners) > 1 and len(shares) == 1:
            lines = [*names, self.m("report-owners-each", share=shares.pop())]
        else:
            lines = [f"{n} {pct(o.share, lang)}" for n, o in zip(names, owners, strict=True)]
        return Cell("\n".join(lines), self.owners_text(pm), tuple(lines))

    def month(self, value: str | None) -> str:
        """ "2027-03" as "mars 2027" (nb) or "March 2027" (en)."""
        if not value:
            return "–"
        year, month = value.split("-")
        return f"{self.pick(_text.MONTHS[int(month) - 1])} {year}"

    def when(self, pm: PlannedMeasure) -> str:
        """When a measure runs, in words: "januar 2027 – juni 2027", or its rounds."""
        if pm.start is None:
            return self.m("report-in-plan", phase=pm.phase)
        if len(pm.rounds) > 1:
            return self.m("report-rounds", rounds=join([self.month(r) for r in pm.rounds],
                                                       self.lang))
        return f"{self.month(pm.start)} – {self.month(pm.end)}"

    def source_text(self, measure: Measure) -> str:
        return "; ".join(f"{s.document} {s.section}" for s in measure.sources)

    def evidence_text(self, measure: Measure) -> str:
        """The evidence criterion and where it comes from: a source, or our own suggestion."""
        if measure.evidence is None:
            return self.m("report-no-evidence")
        if measure.evidence_sources:
            origin = self.m("report-evidence-sourced", sources="; ".join(
                f"{s.document} {s.section}" for s in measure.evidence_sources))
        else:
            origin = self.m("report-evidence-own")
        return f"{measure.evidence.get(self.lang)} ({origin})"

    def fact_text(self, rec: Recommendation) -> str:
        """The profile's numbers behind a recommendation, in words."""
        lang = self.lang
        by_cell: dict[tuple[str, str], list[str]] = {}
        for reason in rec.reasons:
            for key, value in reason.facts.items():
                found = _FACT.match(key)
                if found is None or not isinstance(value, int | float) or isinstance(value,
                                                                                     bool):
                    continue
                area, dim, what = found.group(1), found.group(2), found.group(3)
                if what in ("level", "target", "gap"):
                    text = self.m(f"report-fact-{what}", value=dec(value, lang))
                elif found.group(4):
                    text = self.m("report-fact-low", value=pct(value, lang), n=found.group(4))
                else:
                    text = self.m("report-fact-high", value=pct(value, lang), n=found.group(5))
                parts = by_cell.setdefault((area, dim), [])
                if text not in parts:
                    parts.append(text)
        return "; ".join(f"{self.topic(a, d)}: {', '.join(p)}" for (a, d), p in by_cell.items())

    def for_whom(self, measure: Measure) -> str:
        parts = [self.m("report-for-level", level=self.pick(_text.LEVEL_NAMES[measure.level]))]
        if measure.roles:
            parts.append(self.m("report-for-roles",
                                roles=join([self.role(r) for r in measure.roles], self.lang)))
        if measure.sectors:
            names = [self.sector(s) for s in measure.sectors
                     if not (s in self.cat.sectors and self.cat.sectors[s].cross_sector)]
            if names:
                parts.append(self.m("report-for-sectors", sectors=join(names, self.lang)))
        return "; ".join(parts)

    def needed_by(self, measure: str) -> list[PlannedMeasure]:
        """The measures in the plan that build on ``measure`` (list it as a prerequisite)."""
        return [pm for pm in self.ordered()
                if measure in self.cat.measures[pm.measure].prerequisites]

    def cost_hours_text(self, measure: Measure, pm: PlannedMeasure | None) -> str:
        """A measure's cost and hours; a yearly one also over the plan period, as the plan
        counts it (so the figure matches the plan's tables)."""
        lang = self.lang
        cost = nok(measure.cost_nok or 0, lang)
        work = hours(measure.effort_hours or 0, lang)
        if measure.recurs == "yearly" and pm is not None and (
                pm.cost_nok != (measure.cost_nok or 0)
                or pm.effort_hours != (measure.effort_hours or 0)):
            return self.m("report-cost-rounds", cost=cost, hours=work,
                          total=nok(pm.cost_nok, lang), total_hours=hours(pm.effort_hours, lang))
        return self.m("report-cost-hours", cost=cost, hours=work)

    def measure_section(self, rec: Recommendation | None,
                        added: PlannedMeasure | None = None) -> Section:
        """A measure's details: a ranked suggestion (``rec``), or a measure ``added`` to the
        plan because measures in it build on it."""
        lang = self.lang
        measure_id = rec.measure if rec is not None else added.measure  # type: ignore[union-attr]
        measure = self.cat.measures[measure_id]
        pm = self.chosen.get(measure_id) or self.left.get(measure_id)
        items: list[tuple[str, str]] = []
        if rec is not None:
            why = " ".join(dict.fromkeys(r.because.get(lang) for r in rec.reasons))
            if rec.fills_in:
                why += " " + self.m("report-fills-in-why")
            items.append((self.m("report-f-why"), why))
            numbers = self.fact_text(rec)
            if numbers:
                items.append((self.m("report-f-numbers"), numbers))
        else:
            users = [p.title.get(lang) for p in self.needed_by(measure_id)]
            items.append((self.m("report-f-why"), self.m(
                "report-added-why", measures=_capital(join(users, lang)), count=len(users))))
        for_whom = self.for_whom(measure)
        if rec is not None and rec.for_roles is not None:
            # the subject states no roles: the measure is for some of its people
            for_whom += ". " + rec.for_roles.because.get(lang)
        items.append((self.m("report-f-for"), for_whom))
        items.append((self.m("report-f-owners"), self.owners_text(pm, reasons=True)))
        if pm is not None and (pm.bodies or pm.roles):
            bodies = [b.title.get(lang) for b in pm.bodies] + [self.role(r) for r in pm.roles]
            items.append((self.m("report-f-coordinated"), join(bodies, lang)))
        items.append((self.m("report-f-how"),
                      f"{self.pick(_text.STRATEGY_NAMES[measure.strategy])}; "
                      f"{self.pick(_text.FORMAT_NAMES[measure.format])}"))
        items.append((self.m("report-f-cost"), self.cost_hours_text(measure, pm)))
        chosen = self.chosen.get(measure_id)
        if chosen is not None and chosen.start is not None:
            status = self.m("report-status-when", when=self.when(chosen))
        elif chosen is not None:
            status = self.m("report-status-phase", phase=chosen.phase)
        elif pm is not None and pm.left_out_because is not None:
            status = self.m("report-status-left-because", why=pm.left_out_because.get(lang))
        elif pm is not None:
            status = self.m("report-status-left")
        else:
            status = self.m("report-status-not-considered", top=self.plan.totals.suggested)
        items.append((self.m("report-f-status"), status))
        if measure.prerequisites:
            items.append((self.m("report-f-requires"),
                          join([self.title(p) for p in measure.prerequisites
                                if p in self.cat.measures], lang)))
        items.append((self.m("report-f-source"), self.source_text(measure)))
        head = (self.m("report-measure-head", rank=rec.rank, title=rec.title.get(lang))
                if rec is not None else measure.title.get(lang))
        return Section(f"measure-{measure_id}", head, 4, (Facts(tuple(items)),))

    def measures(self) -> Section:
        lang = self.lang
        recs = self.result.recommendations
        lead = "report-measures-lead" if self.cells else "report-measures-lead-no-levels"
        blocks: list[Block] = [Paragraph(self.m(
            lead, suggested=len(recs), count=self.count_text() if recs else ""), "lead")]
        if not recs:
            blocks.append(Paragraph(self.m("report-summary-nothing")))
            return Section("measures", self.m("report-measures"), 2, tuple(blocks),
                           page_break=True)
        rows = []
        for rec in recs:
            measure = self.cat.measures[rec.measure]
            pm = self.chosen.get(rec.measure)
            cost, work = self.plan_cost(rec.measure)
            rows.append((
                Cell(str(rec.rank), rec.rank), Cell(rec.title.get(lang)),
                Cell(self.area(measure.areas[0])),
                Cell(self.pick(_text.STRATEGY_NAMES[rec.strategy])
                     + (f" ({self.m('report-fills-in')})" if rec.fills_in else "")),
                Cell(self.status(rec.measure), (pm.start or pm.phase) if pm else None),
                Cell(number(cost, lang), cost), Cell(number(work, lang), work),
                Cell(self.source_text(measure)),
            ))
        blocks.append(Table(
            self.m("report-ranked"),
            tuple(self.m(k) for k in ("report-col-rank", "report-col-measure",
                                      "report-col-area", "report-col-strategy",
                                      "report-col-status", "report-col-cost",
                                      "report-col-hours", "report-col-source")),
            tuple(rows), (True, False, False, False, False, True, True, False),
            sheet=self.m("report-sheet-measures"), shown=(0, 1, 3, 4, 5, 6)))
        if any(r.fills_in for r in recs):
            blocks.append(Paragraph(self.m("report-fills-in-note"), "note"))
        if any(self.cat.measures[r.measure].recurs == "yearly" for r in recs):
            blocks.append(Paragraph(self.m("report-ranked-note"), "note"))
        strategy_rows: list[tuple[Cell, ...]] = []
        totals = [0, 0, 0, 0]
        for strategy in STRATEGIES:
            group = [r for r in recs if r.strategy == strategy]
            planned = [pm for pm in self.plan.measures
                       if self.cat.measures[pm.measure].strategy == strategy]
            if not group and not planned:
                continue
            cost = sum(pm.cost_nok for pm in planned)
            work = sum(pm.effort_hours for pm in planned)
            for i, value in enumerate((len(group), len(planned), cost, work)):
                totals[i] += value
            strategy_rows.append((
                Cell(self.pick(_text.STRATEGY_NAMES[strategy])),
                Cell(self.pick(_text.STRATEGY_TEXT[strategy])),
                Cell(str(len(group)), len(group)), Cell(str(len(planned)), len(planned)),
                Cell(number(cost, lang), cost), Cell(number(work, lang), work)))
        strategy_rows.append((
            Cell(self.m("report-total")), Cell(""),
            *(Cell(number(v, lang), v) for v in totals)))
        children = [Section("by-strategy", self.m("report-by-strategy"), 3, (Table(
            self.m("report-by-strategy"),
            tuple(self.m(k) for k in ("report-col-strategy", "report-col-means",
                                      "report-col-suggested", "report-col-in-plan",
                                      "report-col-cost-plan", "report-col-hours-plan")),
            tuple(strategy_rows), (False, False, True, True, True, True)),
            Paragraph(self.m("report-by-strategy-note"), "note")))]
        areas = list(dict.fromkeys(self.cat.measures[r.measure].areas[0] for r in recs))
        order = {a: i for i, a in enumerate(self.profile.competence)}
        areas.sort(key=lambda a: (order.get(a, len(order)), a))
        for area in areas:
            group = [r for r in recs if self.cat.measures[r.measure].areas[0] == area]
            children.append(Section(
                f"measures-{area}", self.area(area), 3,
                (Paragraph(self.m("report-by-area-lead", area=self.area(area).lower()),
                           "note"),),
                tuple(self.measure_section(r) for r in group)))
        added = self.added()
        if added is not None:
            children.append(added)
        return Section("measures", self.m("report-measures"), 2, tuple(blocks),
                       tuple(children), page_break=True)

    def plan_cost(self, measure_id: str) -> tuple[int, int]:
        """A measure's cost and hours as the plan counts them (every round of a yearly
        one); a suggestion the plan did not consider, at the catalogue's figures."""
        pm = self.chosen.get(measure_id) or self.left.get(measure_id)
        if pm is not None:
            return pm.cost_nok, pm.effort_hours
        measure = self.cat.measures[measure_id]
        return measure.cost_nok or 0, measure.effort_hours or 0

    def added(self) -> Section | None:
        """The measures in the plan that were not suggested: measures in it build on them."""
        lang = self.lang
        added = [pm for pm in self.ordered() if pm.measure not in self.recs]
        if not added:
            return None
        rows = tuple((
            Cell(pm.title.get(lang)),
            Cell(join([p.title.get(lang) for p in self.needed_by(pm.measure)], lang)),
            Cell(self.when(pm), pm.start or pm.phase),
            Cell(number(pm.cost_nok, lang), pm.cost_nok),
            Cell(number(pm.effort_hours, lang), pm.effort_hours)) for pm in added)
        table = Table(self.m("report-added-table"),
                      tuple(self.m(k) for k in ("report-col-measure", "report-col-needed-by",
                                                "report-col-when-plan", "report-col-cost",
                                                "report-col-hours")),
                      rows, (False, False, False, True, True))
        return Section("measures-added", self.m("report-added"), 3,
                       (Paragraph(self.m("report-added-lead")), table),
                       tuple(self.measure_section(None, pm) for pm in added))

    # --- plan --------------------------------------------------------------------------
    def plan_section(self) -> Section:
        lang, plan = self.lang, self.plan
        lead = "report-plan-lead-calendar" if self.dated() else "report-plan-lead"
        blocks: list[Block] = [Paragraph(self.m(lead), "lead")]
        children: list[Section] = []
        if not plan.measures:
            blocks.append(Paragraph(self.m("report-plan-empty")))
        else:
            children.append(Section("timeline", self.m("report-timeline"), 3,
                                    self.timeline()))
        children.append(self.owners())
        children.append(self.budget())
        children.append(self.left_out())
        if plan.warnings:
            children.append(Section("notes", self.m("report-notes"), 3, (
                Bullets(tuple(w.get(lang) for w in plan.warnings)),)))
        return Section("plan", self.m("report-plan"), 2, tuple(blocks), tuple(children),
                       page_break=True)

    def dated(self) -> bool:
        """Whether the plan has a calendar (start month per measure), or only phases."""
        return self.plan.calendar is not None and all(pm.start for pm in self.plan.measures)

    def ordered(self) -> list[PlannedMeasure]:
        """The chosen measures in the order they start (by phase without a calendar)."""
        if self.dated():
            return sorted(self.plan.measures, key=lambda pm: (pm.start or "", pm.phase or 0))
        return [pm for p in self.plan.phases for pm in self.plan.measures
                if pm.phase == p.phase]

    def timeline(self) -> tuple[Block, ...]:
        """The Gantt chart (months on the calendar, else phases) and the plan table."""
        lang, plan = self.lang, self.plan
        dated = self.dated()
        ordered = self.ordered()
        labels = tuple(pm.title.get(lang) for pm in ordered)
        groups = tuple(pm.phase or 1 for pm in ordered)
        if dated and plan.calendar is not None:
            first = _months(plan.calendar.start)
            bars = [tuple((float(_months(r) - first), float(max(pm.months, 1)))
                          for r in (pm.rounds or [pm.start or plan.calendar.start]))
                    for pm in ordered]
            starts = tuple(b[0][0] for b in bars)
            lengths = tuple(b[0][1] for b in bars)
            extra = tuple(Series(f"round-{i}", tuple(b[i][0] if i < len(b) else -1.0
                                                     for b in bars))
                          for i in range(1, max(len(b) for b in bars)))
            ticks = tuple(y.year for y in plan.years)
            items = [f"{pm.title.get(lang)}: {self.when(pm)}." for pm in ordered]
            alt = self.m("report-chart-calendar-alt", count=len(labels),
                         start=self.month(plan.calendar.start),
                         end=self.month(plan.calendar.end), values=" ".join(items))
            note = self.m("report-calendar-note", start=self.month(plan.calendar.start),
                          years=plan.calendar.horizon_years)
        else:
            starts = tuple(float((pm.phase or 1) - 1) for pm in ordered)
            lengths = tuple(1.0 for _ in ordered)
            extra = ()
            ticks = tuple(self.m("report-phase", phase=p.phase) for p in plan.phases)
            by_id = {pm.measure: pm for pm in plan.measures}
            items = [self.m("report-chart-gantt-item", phase=p.phase, measures=join(
                [by_id[m].title.get(lang) for m in p.measures], lang)) for p in plan.phases]
            alt = self.m("report-chart-gantt-alt", count=len(labels), phases=len(plan.phases),
                         values=" ".join(items))
            note = self.m("report-timeline-note")
        chart = Chart(id="timeline", kind="gantt",
                      title=self.m("report-chart-calendar" if dated else "report-chart-gantt"),
                      alt=alt, labels=labels,
                      series=(Series("start", starts), Series("length", lengths), *extra),
                      ticks=ticks, groups=groups, axis="months" if dated else "phases",
                      lang=lang)
        rows = []
        for pm in ordered:
            bodies = [b.title.get(lang) for b in pm.bodies]
            rows.append((
                Cell(self.when(pm) if dated else str(pm.phase),
                     pm.start if dated else pm.phase),
                Cell(pm.title.get(lang)), self.owners_cell(pm), Cell(", ".join(bodies)),
                Cell(number(pm.cost_nok, lang), pm.cost_nok),
                Cell(number(pm.effort_hours, lang), pm.effort_hours)))
        first_col = "report-col-when-plan" if dated else "report-col-phase"
        table = Table(self.m("report-plan-table-calendar" if dated else "report-plan-table"),
                      tuple(self.m(k) for k in (first_col, "report-col-measure",
                                                "report-col-owners", "report-f-coordinated",
                                                "report-col-cost", "report-col-hours")),
                      tuple(rows), (not dated, False, False, False, True, True),
                      sheet=self.m("report-sheet-plan"))
        return (chart, Paragraph(note, "note"), table)

    def owners(self) -> Section:
        lang, plan = self.lang, self.plan
        if not plan.sectors:
            return Section("owners", self.m("report-owners"), 3,
                           (Paragraph(self.m("report-owners-none")),))
        rows = tuple((Cell(s.title.get(lang)), Cell(number(s.hours, lang), round(s.hours, 1)),
                      Cell(pct(s.share, lang), s.share), Cell(str(s.measures), s.measures))
                     for s in plan.sectors)
        alt = "; ".join(f"{s.title.get(lang)} {hours(s.hours, lang)}" for s in plan.sectors)
        shared = sum(s.measures for s in plan.sectors) > plan.totals.chosen
        lead = self.m("report-owners-lead" if shared else "report-owners-lead-single",
                      chosen=plan.totals.chosen)
        unowned = [pm.title.get(lang) for pm in self.ordered() if not pm.owners]
        if unowned:
            lead += " " + self.m("report-owners-unowned", count=len(unowned),
                                 measures=join(unowned, lang))
        return Section("owners", self.m("report-owners"), 3, (
            Paragraph(lead),
            Chart(id="owners", kind="hbar", title=self.m("report-chart-owners"),
                  alt=self.m("report-chart-owners-alt", values=alt),
                  labels=tuple(s.title.get(lang) for s in plan.sectors),
                  series=(Series(self.m("report-col-hours"),
                                 tuple(s.hours for s in plan.sectors)),),
                  axis=self.m("report-col-hours"), lang=lang),
            Table(self.m("report-owners"),
                  tuple(self.m(k) for k in ("report-col-sector", "report-col-hours",
                                            "report-col-share", "report-col-measure-count")),
                  rows, (False, True, True, True), sheet=self.m("report-sheet-owners"))))

    def budget(self) -> Section:
        lang, plan = self.lang, self.plan

        def row(label: str, limit: float | None, used: float) -> tuple[Cell, ...]:
            left = None if limit is None else limit - used
            return (Cell(label),
                    Cell(number(limit, lang) if limit is not None
                         else self.m("report-no-limit"), limit),
                    Cell(number(used, lang), used),
                    Cell(number(left, lang) if left is not None else "–", left))

        notes = [self.m("report-budget-whole")]
        if "profile" in (plan.limits.budget_from, plan.limits.capacity_from):
            notes.append(self.m("report-budget-from-profile"))
        per_year: list[Block] = []
        # A year without a limit of its own under a limit for the whole plan is not free.
        no_budget = self.m("report-no-year-limit" if plan.limits.budget_nok is not None
                           else "report-no-limit")
        no_capacity = self.m("report-no-year-limit" if plan.limits.capacity_hours is not None
                             else "report-no-limit")
        if plan.years and any(
                (y.budget_nok is None and plan.limits.budget_nok is not None)
                or (y.capacity_hours is None and plan.limits.capacity_hours is not None)
                for y in plan.years):
            notes.append(self.m("report-budget-years-own"))
        if plan.years:
            year_rows = tuple((
                Cell(y.year),
                Cell(number(y.budget_nok, lang) if y.budget_nok is not None
                     else no_budget, y.budget_nok),
                Cell(number(y.cost_nok, lang), y.cost_nok),
                Cell(number(y.capacity_hours, lang) if y.capacity_hours is not None
                     else no_capacity, y.capacity_hours),
                Cell(number(y.effort_hours, lang), y.effort_hours),
                Cell(str(len(y.starts)), len(y.starts)),
                Cell(str(len(y.running)), len(y.running))) for y in plan.years)
            per_year.append(Table(
                self.m("report-per-year-table"),
                tuple(self.m(k) for k in ("report-col-year", "report-col-budget-limit",
                                          "report-col-cost", "report-col-capacity-limit",
                                          "report-col-hours", "report-col-starts",
                                          "report-col-running")),
                year_rows, (False, True, True, True, True, True, True),
                sheet=self.m("report-sheet-years")))
        return Section("budget", self.m("report-budget"), 3, (*per_year,
            Table(self.m("report-budget-table"),
                  tuple(self.m(k) for k in ("report-col-what", "report-col-limit",
                                            "report-col-used", "report-col-left")),
                  (row(self.m("report-row-budget"), plan.limits.budget_nok,
                       plan.totals.cost_nok),
                   row(self.m("report-row-capacity"), plan.limits.capacity_hours,
                       plan.totals.effort_hours)),
                  (False, True, True, True), sheet=self.m("report-sheet-budget")),
            Paragraph(" ".join(notes), "note")))

    def relax_text(self, relax: Relaxation) -> str:
        lang = self.lang
        parts = []
        if relax.budget_nok:
            parts.append(self.m("report-raise-budget", more=nok(relax.budget_nok, lang)))
        if relax.capacity_hours:
            parts.append(self.m("report-raise-capacity", more=hours(relax.capacity_hours, lang)))
        text = join(parts, lang) or self.m("report-fits")
        extra = [self.title(n) for n in relax.needs if n != relax.measure]
        if extra and relax.measure != "*":
            text += " " + self.m("report-with-needs", needs=join(extra, lang))
        return text

    def left_cost(self, relax: Relaxation, kind: str | None) -> tuple[Cell, Cell]:
        """A left-out measure's cost and hours with what it builds on. One that does not
        finish within the plan period at the catalogue's figures: the plan counts only
        the part inside the period, which is not what it costs."""
        lang = self.lang
        cost, work = relax.cost_nok, relax.effort_hours
        if kind == "horizon":
            cost = sum(self.cat.measures[n].cost_nok or 0 for n in relax.needs)
            work = sum(self.cat.measures[n].effort_hours or 0 for n in relax.needs)
        return Cell(number(cost, lang), cost), Cell(number(work, lang), work)

    def takes_text(self, relax: Relaxation, kind: str | None) -> str:
        """What it would take to include a left-out measure, by what kept it out: more
        money or hours (for the plan, or in the years that were full), a longer plan
        period, room for what it waits for, or taking out a measure with a higher priority."""
        lang = self.lang
        if kind == "horizon":
            return self.m("report-takes-horizon")
        if kind == "waits":
            return self.m("report-takes-waits")
        if kind == "no-room":
            return self.m("report-takes-no-room")
        if kind in ("budget-year", "capacity-year", "budget-years", "capacity-years") \
                and relax.years:
            parts = []
            for y in relax.years:
                if y.cost_nok:
                    parts.append(self.m("report-raise-budget-year", year=y.year,
                                        more=nok(y.cost_nok, lang)))
                if y.effort_hours:
                    parts.append(self.m("report-raise-capacity-year", year=y.year,
                                        more=hours(y.effort_hours, lang)))
            return join(parts, lang)
        return self.relax_text(relax)

    def left_out(self) -> Section:
        lang, plan = self.lang, self.plan
        outside = self.not_considered()
        note: tuple[Block, ...] = (Paragraph(self.m(
            "report-left-not-considered", count=len(outside), top=plan.totals.suggested),
            "note"),) if outside else ()
        if not plan.relaxations:
            return Section("left-out", self.m("report-left"), 3,
                           (Paragraph(self.m("report-left-none")), *note))
        why = {pm.measure: pm.left_out_because.get(lang) for pm in plan.left_out
               if pm.left_out_because is not None}
        kind = {pm.measure: pm.left_out_kind for pm in plan.left_out}
        rows = tuple((
            Cell(str(r.rank) if r.rank is not None else "–", r.rank),
            Cell(r.title.get(lang)),
            Cell(why.get(r.measure, "–") + (f" ({self.m('report-fills-in')})"
                                            if r.measure in plan.left_out_fills_in else "")),
            *self.left_cost(r, kind.get(r.measure)),
            Cell(self.takes_text(r, kind.get(r.measure)))) for r in plan.relaxations)
        blocks: list[Block] = [
            Paragraph(self.m("report-left-lead", why=self.m("report-col-left-why"))),
            Table(self.m("report-left"),
                  tuple(self.m(k) for k in ("report-col-rank", "report-col-measure",
                                            "report-col-left-why", "report-col-cost",
                                            "report-col-hours", "report-col-takes")),
                  rows, (True, False, False, True, True, False),
                  sheet=self.m("report-sheet-left"))]
        longer = sum(1 for k in kind.values() if k == "horizon")
        if plan.relax_all is not None and len(plan.relaxations) > 1:
            what = self.relax_text(plan.relax_all)
            fills = plan.fills_in_not_counted()
            keys = (("report-left-all-findings-but", "report-left-all-findings") if fills
                    else ("report-left-all-but", "report-left-all"))
            text = (self.m(keys[0], what=what, count=longer) if longer
                    else self.m(keys[1], what=what))
            if fills:
                text += " " + self.m("report-left-fills", count=len(fills))
            blocks.append(Paragraph(text))
        blocks.extend(note)
        return Section("left-out", self.m("report-left"), 3, tuple(blocks))

    # --- follow-up and appendix ---------------------------------------------------------
    def followup(self) -> Section:
        lang = self.lang
        cells = {(c.area, c.dimension): c for c in self.cells}
        rows = []
        for pm in self.ordered():
            measure = self.cat.measures[pm.measure]
            watch = []
            for area in measure.areas:
                for dim in measure.dimensions:
                    c = cells.get((area, dim))
                    if c is not None and c.gap > 0 and c.target is not None:
                        watch.append(self.m("report-watch", topic=self.topic(area, dim),
                                            level=dec(c.value.level, lang),
                                            target=dec(c.target, lang)))
            when = ("report-when-pilot" if measure.format == "pilot" else
                    "report-when-survey" if measure.format == "survey" else
                    "report-when-yearly")
            rows.append((
                Cell(pm.title.get(lang)),
                Cell(self.evidence_text(measure)),
                Cell("; ".join(watch) or "–"), Cell(self.m(when))))
        blocks: list[Block] = [Paragraph(self.m("report-followup-lead"), "lead")]
        if rows:
            blocks.append(Table(
                self.m("report-followup-table"),
                tuple(self.m(k) for k in ("report-col-measure", "report-col-evidence",
                                          "report-col-watch", "report-col-when")),
                tuple(rows), (False, False, False, False),
                sheet=self.m("report-sheet-followup")))
        children = [self.change()] if self.comparison is not None else []
        return Section("followup", self.m("report-followup"), 2, tuple(blocks),
                       tuple(children), page_break=True)

    def change(self) -> Section:
        """The change since last year's survey, judged against its noise (tiltak.compare)."""
        lang, c = self.lang, self.comparison
        assert c is not None
        whole = c.whole
        counts = {v: sum(1 for cell in whole.cells if cell.verdict == v)
                  for v in ("improved", "declined", "no_clear_change", "not_compared")}
        blocks: list[Block] = [Paragraph(self.m(
            "report-change-lead", before=c.before.respondents or "–",
            after=c.after.respondents or "–", improved=counts["improved"],
            declined=counts["declined"], unclear=counts["no_clear_change"],
            total=len(whole.cells)) + (
                " " + self.m("report-change-not-compared", count=counts["not_compared"])
                if counts["not_compared"] else ""), "lead")]
        compared = [cell for cell in whole.cells if cell.before is not None
                    and cell.after is not None]
        if compared:
            items = [self.m("report-chart-change-item", topic=self.topic(x.area, x.dimension),
                            before=dec(x.before.level, lang),  # type: ignore[union-attr]
                            after=dec(x.after.level, lang),  # type: ignore[union-attr]
                            verdict=self.pick(_text.VERDICTS[x.verdict])) for x in compared]
            blocks.append(Chart(
                id="change", kind="before-after", title=self.m("report-chart-change"),
                alt=self.m("report-chart-change-alt", values="; ".join(items)),
                labels=tuple(f"{self.area(x.area)}: {self.dim(x.dimension).lower()}"
                             for x in compared),
                series=(Series(self.m("report-before"),
                               tuple(x.before.level for x in compared)),  # type: ignore[union-attr]
                        Series(self.m("report-after"),
                               tuple(x.after.level for x in compared))),  # type: ignore[union-attr]
                axis=self.m("report-chart-scale"), lang=lang))
        rows = []
        for x in whole.cells:
            rows.append((
                Cell(self.area(x.area)), Cell(self.dim(x.dimension)),
                Cell(dec(x.before.level, lang) if x.before else "–",
                     x.before.level if x.before else None),
                Cell(dec(x.after.level, lang) if x.after else "–",
                     x.after.level if x.after else None),
                Cell(("+" if (x.difference or 0) > 0 else "") + number(x.difference, lang, 2)
                     if x.difference is not None else "–",
                     round(x.difference, 4) if x.difference is not None else None),
                Cell(self.pick(_text.VERDICTS[x.verdict]))))
        blocks.append(Table(
            self.m("report-change-table"),
            tuple(self.m(k) for k in ("report-col-area", "report-col-dimension",
                                      "report-before", "report-after", "report-col-change",
                                      "report-col-verdict")),
            tuple(rows), (False, False, True, True, True, False),
            sheet=self.m("report-sheet-change")))
        segment_lines = []
        for group in c.groups[1:]:
            for x in group.cells:
                if x.verdict in ("improved", "declined"):
                    segment_lines.append(self.m(
                        "report-change-segment", group=_capital(self.segment_name(
                            str(group.by), group.value)),
                        topic=_lower(self.topic(x.area, x.dimension)),
                        verdict=self.pick(_text.VERDICTS[x.verdict]),
                        before=dec(x.before.level, lang) if x.before else "–",
                        after=dec(x.after.level, lang) if x.after else "–"))
        if segment_lines:
            blocks.append(Paragraph(self.m("report-change-segments")))
            blocks.append(Bullets(tuple(segment_lines)))
        if c.measures:
            blocks.append(Paragraph(self.m("report-change-measures")))
            blocks.append(Bullets(tuple(f.text.get(lang) for f in c.measures)))
        blocks.append(Paragraph(self.m("report-change-honest"), "note"))
        return Section("change", self.m("report-change"), 3, tuple(blocks))

    def appendix(self) -> Section:
        lang = self.lang
        data: list[Block] = []
        if self.survey is not None:
            s = self.survey
            data.append(Paragraph(self.m(
                "report-m-data-survey", title=s.definition.title.get(lang),
                file=Path(s.source).name, used=s.responses.used,
                skipped=s.responses.skipped)))
        else:
            data.append(Paragraph(self.m("report-m-data-profile",
                                         file=Path(self.source).name if self.source
                                         else "-")))
        data.append(Paragraph(self.m("report-m-targets")))
        children = [Section("method-data", self.m("report-m-data"), 3, tuple(data))]
        if self.survey is not None:
            tests = [Paragraph(self.m("report-m-tests-text", tests=len(self.survey.tests),
                                      alpha=number(self.survey.alpha, lang, 2)))]
            findings = [f"{self.survey.finding_text(t, lang)}: "
                        f"{self.survey.finding_stats(t, lang)}" for t in self.survey.findings]
            blocks: tuple[Block, ...] = (*tests, Bullets(tuple(findings))) if findings \
                else tuple(tests)
            children.append(Section("method-tests", self.m("report-m-tests"), 3, blocks))
        children.append(Section("method-suggest", self.m("report-m-suggest"), 3, (Paragraph(
            self.m("report-m-suggest-text", rules=self.rules,
                   measures=len(self.cat.measures))),)))
        exact = "" if self.plan.exact else self.m("report-m-not-exact")
        children.append(Section("method-selection", self.m("report-m-selection"), 3, (
            Paragraph(self.m("report-m-selection-text", exact=exact)),
            Paragraph(self.m("report-m-phases")),
            Paragraph(self.m("report-m-relax")))))
        hhi = (self.m("report-m-hhi", hhi=number(self.plan.sector_concentration, lang, 2),
                      n=len(self.plan.sectors))
               if self.plan.sector_concentration is not None else "–")
        owner_blocks: list[Block] = [Paragraph(self.m("report-m-owners-text", hhi=hhi))]
        if self.plan.calendar is not None:
            owner_blocks.append(Paragraph(self.m("report-m-calendar")))
        children.append(Section("method-owners", self.m("report-m-owners"), 3,
                                tuple(owner_blocks)))
        if self.comparison is not None:
            method = self.comparison.method
            children.append(Section("method-change", self.m("report-change"), 3, (Paragraph(
                self.m("report-m-change", correction=method.correction.upper()
                       if method.correction == "bh" else "Holm",
                       confidence=pct(method.confidence, lang),
                       alpha=number(method.alpha, lang, 2), comparisons=method.comparisons,
                       minimum=method.minimum)),)))
        documents = sorted({s.document for pm in self.plan.measures
                            for s in self.cat.measures[pm.measure].sources})
        children.append(Section("method-sources", self.m("report-m-sources"), 3, (
            Paragraph(self.m("report-m-sources-text", documents=join(documents, lang))),
            Paragraph(self.m("report-m-determinism"), "note"))))
        return Section("appendix", self.m("report-appendix"), 2,
                       (Paragraph(self.m("report-appendix-lead"), "lead"),), tuple(children),
                       page_break=True)

    def report(self, date: str | None) -> Report:
        lang = self.lang
        meta: list[tuple[str, str]] = []
        if self.profile.respondents:
            meta.append((self.m("report-meta-respondents"),
                         number(self.profile.respondents, lang)))
        if self.survey is not None:
            meta.append((self.m("report-meta-survey"), self.survey.definition.title.get(lang)))
        if date:
            meta.append((self.m("report-meta-date"), _shown_date(date, lang)))
        return Report(
            lang=lang, title=self.m("report-title", name=self.name()),
            subtitle=self.m("report-subtitle"), date=date, meta=tuple(meta),
            contents_title=self.m("report-contents"),
            sections=(self.summary(), self.competence(), self.analysis(), self.measures(),
                      self.plan_section(), self.followup(), self.appendix()))


@checked
def build(
    source: SurveyImport | Profile | Mapping[str, Any] | str | Path,
    *,
    lang: Lang = "nb",
    engine: Engine | None = None,
    budget_nok: float | None = None,
    capacity_hours: float | None = None,
    top: int | None = None,
    date: str | None = None,
    previous: SurveyImport | Profile | Mapping[str, Any] | str | Path | None = None,
    previous_plan: Plan | Mapping[str, Any] | str | Path | None = None,
    start: str | None = None,
    horizon_years: int = 4,
    budget_per_year: float | Mapping[int, float] | None = None,
    capacity_per_year: float | Mapping[int, float] | None = None,
) -> Report:
    """The competence plan for ``source`` (a profile or a survey import) as a document model.

    Suggestions come from ``engine`` (default: the bundled rules and catalogue); the plan
    respects ``budget_nok`` and ``capacity_hours`` (else the profile's context) and, on its
    calendar from ``start`` (``YYYY-MM``, default next January) over ``horizon_years``, the
    limits ``budget_per_year`` and ``capacity_per_year``. ``date``
    is printed on the front page only when given, so the same input gives the same document.
    ``previous`` is last year's profile, survey import or (when ``source`` is a survey
    import) export; the follow-up then shows the change since then (:mod:`tiltak.compare`),
    and with ``previous_plan`` (last year's ``tiltak.plan/1``) how its measures fared.
    """
    if lang not in ("nb", "en"):
        raise ValueError(f"lang must be 'nb' or 'en', not {lang!r}")
    engine = engine or load()
    survey = source if isinstance(source, SurveyImport) else None
    profile = survey.profile if survey is not None else load_profile(
        source, catalogue=engine.catalogue)  # type: ignore[arg-type]
    name = None
    if survey is None and isinstance(source, str | Path) and not str(source).lstrip(
            ).startswith("{"):
        name = str(source)
    result = engine.suggest(profile)
    plan = plan_from_result(result, engine.catalogue, profile.context, top=top,
                            budget_nok=budget_nok, capacity_hours=capacity_hours,
                            profile=profile, start=start, horizon_years=horizon_years,
                            budget_per_year=budget_per_year,
                            capacity_per_year=capacity_per_year)
    comparison = None
    if previous is not None:
        from tiltak.compare import compare

        comparison = compare(previous, survey if survey is not None else profile,
                             plan=previous_plan,
                             survey=survey.definition if survey is not None else None,
                             catalogue=engine.catalogue, subject_id=profile.subject.id,
                             subject_name=profile.subject.name)
    builder = _Builder(profile, result, plan, engine.catalogue, survey, name, lang,
                       len(engine.rules), comparison)
    return builder.report(date)


def _shown_date(date: str, lang: str) -> str:
    """The document's date as its reader writes it: 29.11.2026 in Norwegian, ISO in English."""
    year, month, day = date[:4], date[5:7], date[8:10]
    if lang == "nb" and len(date) == 10 and date[4] == date[7] == "-" \
            and (year + month + day).isdigit():
        return f"{day}.{month}.{year}"
    return date
