"""Render plans as text and Markdown, in Norwegian bokmål or English.

The readable plan is written for a management group that adopts it: year by
year, what starts when, why it was chosen, who owns it and why, what it waits
for, and what was left out and why. How the selection is computed (the
integer programme, the concentration index) is kept to the method appendix
at the end; the JSON has it all.
"""

from __future__ import annotations

from tiltak._args import checked
from tiltak._escape import markdown
from tiltak._i18n import Lang, add_messages, format_nok, format_number, format_percent, message
from tiltak.engine._render import subject_label
from tiltak.graph import export_graph
from tiltak.plan._calendar import month_name
from tiltak.plan._plan import Plan, PlannedMeasure, Relaxation, plan_graph

BY_CHOICES = ("sector",)

add_messages({
    "plan-r-title": ("Plan for {name}", "Plan for {name}"),
    "plan-r-period": ("{start} – {end} ({years} år)", "{start} – {end} ({years} years)"),
    "plan-r-budget": ("Budsjett", "Budget"),
    "plan-r-capacity": ("Kapasitet", "Capacity"),
    "plan-r-unlimited": ("ingen grense", "no limit"),
    "plan-r-whole": ("{amount} for hele planen", "{amount} for the whole plan"),
    "plan-r-from-profile": ("fra profilen", "from the profile"),
    "plan-r-from-option": ("fra kommandolinjen", "from the command line"),
    "plan-r-per-year-set": ("egen grense for hvert år (se tabellen)",
                            "a limit for each year (see the table)"),
    "plan-r-used": ("brukt {used}, igjen {left}", "used {used}, left {left}"),
    "plan-r-used-only": ("brukt {used}", "used {used}"),
    "plan-r-summary": (
        "{chosen} tiltak er valgt av {suggested} forslag ({added} lagt til fordi andre tiltak "
        "forutsetter dem).",
        "{chosen} measures are chosen from {suggested} suggestions ({added} added because "
        "other measures require them).",
    ),
    "plan-r-years": ("År for år", "Year by year"),
    "plan-r-year": ("År", "Year"),
    "plan-r-spent": ("Brukt", "Spent"),
    "plan-r-hours": ("Timer", "Hours"),
    "plan-r-starts": ("Starter", "Starts"),
    "plan-r-running": ("Pågår", "Running"),
    "plan-r-none": ("–", "–"),
    "plan-r-nothing": (
        "Ingenting får plass innenfor grensene.",
        "Nothing fits within the limits.",
    ),
    "plan-r-no-suggestions": (
        "Ingen forslag å planlegge.", "No suggestions to plan.",
    ),
    "plan-r-when": ("{start} – {end}", "{start} – {end}"),
    "plan-r-when-rounds": ("{start}, deretter hvert år til {last}",
                           "{start}, then every year until {last}"),
    "plan-r-chosen-because": ("Valgt fordi", "Chosen because"),
    "plan-r-owners": ("Eiere", "Owners"),
    "plan-r-no-owner": (
        "ingen sektor har tall eller oppgaver som peker på den",
        "no sector has figures or tasks that point to it",
    ),
    "plan-r-contributors": ("Bidrar også", "Also taking part"),
    "plan-r-bodies": ("Koordineres av", "Coordinated by"),
    "plan-r-roles": ("Utføres av", "Carried out by"),
    "plan-r-waits": ("Venter på", "Waits for"),
    "plan-r-ends": ("ferdig {month}", "done {month}"),
    "plan-r-later": ("Starter {month} fordi {why}", "Starts {month} because {why}"),
    "plan-r-cost": ("Kostnad og innsats", "Cost and effort"),
    "plan-r-single": (
        "Bare én sektor har grunn til å eie tiltaket, selv om det involverer flere.",
        "Only one sector has a reason to own the measure, though it involves several.",
    ),
    "plan-r-sectors": ("Sektorenes del av planen", "Each sector's part of the plan"),
    "plan-r-sector": ("Sektor", "Sector"),
    "plan-r-share": ("Andel", "Share"),
    "plan-r-measures": ("Tiltak", "Measures"),
    "plan-r-own": ("Eier alene", "Owns alone"),
    "plan-r-shared": ("Deler med andre", "Shares with others"),
    "plan-r-helps": ("Bidrar til", "Takes part in"),
    "plan-r-with": ("{share}, med {others}", "{share}, with {others}"),
    "plan-r-hours-per-year": ("Timer per år", "Hours a year"),
    "plan-r-left-out": ("Ikke med i planen", "Not in the plan"),
    "plan-r-left-because": ("utelatt fordi {why}", "left out because {why}"),
    "plan-r-raise-budget": ("øk budsjettet med {more} (til {to})",
                            "raise the budget by {more} (to {to})"),
    "plan-r-raise-capacity": ("øk kapasiteten med {more} (til {to})",
                              "raise the capacity by {more} (to {to})"),
    "plan-r-and": ("og", "and"),
    "plan-r-raise-budget-year": ("øk budsjettet for {year} med {more}",
                                 "raise the budget for {year} by {more}"),
    "plan-r-raise-capacity-year": ("øk kapasiteten for {year} med {more}",
                                   "raise the capacity for {year} by {more}"),
    "plan-r-with-needs": ("med forutsetningene {needs}", "with its prerequisites {needs}"),
    "plan-r-to-fit": ("For å få den med: {what}.", "To fit it in: {what}."),
    "plan-r-all": ("For å få med alle utelatte tiltak: {what}.",
                   "To fit every left-out measure: {what}."),
    "plan-r-all-findings": (
        "For å få med alle utelatte tiltak som funnene støtter: {what}. {count} "
        "{count|fast oppgave|faste oppgaver} fikk heller ikke plass; de er ikke regnet med her "
        "og tas med der det er plass igjen.",
        "To fit every left-out measure the findings support: {what}. {count} "
        "{count|standing task|standing tasks} did not fit either; they are not counted here "
        "and are taken where room is left."),
    "plan-r-fits-anyway": ("ingen endring i grensene for hele planen er nok alene",
                           "raising the limits for the whole plan alone is not enough"),
    "plan-r-warnings": ("Merknader", "Notes"),
    "plan-r-method": ("Slik er planen laget (metode)", "How the plan was made (method)"),
    "plan-r-how": (
        "Utvalg: det settet som gir høyest samlet poeng innenfor budsjett og kapasitet for "
        "hele planen, der et valgt tiltak tar med seg forutsetningene sine; ved likt poeng "
        "vinner tiltak som står høyere på forslagslisten. Funnet eksakt som ett "
        "heltallsprogram (HiGHS), uten tidsgrense, så samme grunnlag alltid gir samme plan. "
        "Kalender: tiltakene legges inn ett for ett, høyest prioriterte først, i den første "
        "måneden forutsetningene og hvert års grenser tillater og der arbeidet holder et jevnt "
        "tempo (planens timer fordelt likt på månedene). Eiere: sektorer med gap i "
        "tiltakets områder (egne tall i profilen), "
        "sektorer katalogen involverer der profilen ikke har tall, og sektorer de andre "
        "eierne trenger kompetanse fra (avhengighetsgrafen); andel etter gapets størrelse, "
        "minst 20 % per eier og høyst fem eiere.",
        "Selection: the set with the highest total score within the whole plan's budget and "
        "capacity, a chosen measure bringing its prerequisites; on equal scores, measures "
        "higher on the list of suggestions win. Found exactly as one integer programme "
        "(HiGHS), without a time limit, so the same input always gives the same plan. "
        "Calendar: measures are placed one by one, highest priority first, in the first "
        "month their prerequisites and every year's limits allow and where the work keeps an "
        "even pace (the plan's hours spread equally over its months). Owners: sectors with "
        "a gap in the measure's areas (their own "
        "figures in the profile), sectors the catalogue involves where the profile has no "
        "figures, and sectors the other owners rely on for competence (the dependency "
        "graph); shares by the size of the gap, at least 20 % per owner and at most five "
        "owners.",
    ),
    "plan-r-hhi": (
        "Konsentrasjon av eierskap (Herfindahl-indeks, 1 = én eier, 1/{n} er helt jevnt "
        "mellom sektorene): {hhi}.",
        "Concentration of ownership (Herfindahl index, 1 = one owner, 1/{n} is perfectly "
        "even between the sectors): {hhi}.",
    ),
    "plan-r-exact": ("Utvalget er bevist best.", "The selection is proven best."),
    "plan-r-not-exact": ("Utvalget er ikke bevist best (se merknadene).",
                         "The selection is not proven best (see the notes)."),
    "plan-r-nok": ("{amount} kr", "NOK {amount}"),
    "plan-r-hours-unit": ("{amount} timer", "{amount} hours"),
    "plan-r-by-sector-title": ("Plan for {name}, per sektor", "Plan for {name}, by sector"),
    "plan-r-no-sectors": ("Ingen sektor eier tiltak i planen.",
                          "No sector owns a measure in the plan."),
})

def _m(key: str, lang: Lang, **params: object) -> str:
    return message(key, lang, **params)


def number(value: float, lang: Lang, digits: int = 0) -> str:
    """A number with thousands separators: 600 000 / 1 234,5 (nb) or 600,000 / 1,234.5 (en)."""
    return format_number(value, lang, digits)


def nok(value: float, lang: Lang) -> str:
    return format_nok(value, lang)


def hours(value: float, lang: Lang) -> str:
    return _m("plan-r-hours-unit", lang, amount=number(value, lang))


def _pct(share: float, lang: Lang) -> str:
    return format_percent(share, lang)


def month(text: str | None, lang: Lang) -> str:
    """``2027-03`` as ``mars 2027`` / ``March 2027``."""
    return month_name(text, lang)


def _limit_lines(plan: Plan, lang: Lang) -> list[str]:
    out = []
    rows = [
        ("plan-r-budget", plan.limits.budget_nok, plan.limits.budget_from, plan.totals.cost_nok,
         nok, plan.limits.budget_per_year_from),
        ("plan-r-capacity", plan.limits.capacity_hours, plan.limits.capacity_from,
         plan.totals.effort_hours, hours, plan.limits.capacity_per_year_from),
    ]
    for key, limit, source, used, fmt, yearly_from in rows:
        parts: list[str] = []
        if limit is None and yearly_from is None:
            parts.append(_m("plan-r-unlimited", lang))
        if limit is not None:
            origin = _m("plan-r-from-option" if source == "option" else "plan-r-from-profile",
                        lang)
            parts.append(f"{_m('plan-r-whole', lang, amount=fmt(limit, lang))} ({origin})")
        if yearly_from == "option":
            parts.append(_m("plan-r-per-year-set", lang))
        if limit is not None:
            parts.append(_m("plan-r-used", lang, used=fmt(used, lang),
                            left=fmt(limit - used, lang)))
        else:
            parts.append(_m("plan-r-used-only", lang, used=fmt(used, lang)))
        out.append(f"{_m(key, lang)}: {', '.join(parts[:-1])}; {parts[-1]}"
                   if len(parts) > 1 else f"{_m(key, lang)}: {parts[0]}")
    return out


def _summary(plan: Plan, lang: Lang) -> str:
    return _m("plan-r-summary", lang, chosen=plan.totals.chosen, suggested=plan.totals.suggested,
              added=plan.totals.added_prerequisites)


def _period(plan: Plan, lang: Lang) -> str | None:
    if plan.calendar is None:
        return None
    return _m("plan-r-period", lang, start=month(plan.calendar.start, lang),
              end=month(plan.calendar.end, lang), years=plan.calendar.horizon_years)


def _year_table(plan: Plan, lang: Lang) -> tuple[list[str], list[list[str]]]:
    head = [_m("plan-r-year", lang), _m("plan-r-budget", lang), _m("plan-r-spent", lang),
            _m("plan-r-capacity", lang), _m("plan-r-hours", lang), _m("plan-r-starts", lang),
            _m("plan-r-running", lang)]
    none = _m("plan-r-none", lang)
    rows = [[y.year, nok(y.budget_nok, lang) if y.budget_nok is not None else none,
             nok(y.cost_nok, lang),
             hours(y.capacity_hours, lang) if y.capacity_hours is not None else none,
             number(y.effort_hours, lang), str(len(y.starts)), str(len(y.running))]
            for y in plan.years]
    return head, rows


def _when(pm: PlannedMeasure, lang: Lang) -> str:
    if pm.recurs and len(pm.rounds) > 1:
        return _m("plan-r-when-rounds", lang, start=month(pm.start, lang),
                  last=month(pm.rounds[-1], lang))
    return _m("plan-r-when", lang, start=month(pm.start, lang), end=month(pm.end, lang))


def _owner_text(pm: PlannedMeasure, lang: Lang) -> str:
    if not pm.owners:
        return _m("plan-r-no-owner", lang)
    return "; ".join(f"{o.title.get(lang)} {_pct(o.share, lang)}"
                     + (f" ({o.reason.get(lang)})" if o.reason else "") for o in pm.owners)


def _details(pm: PlannedMeasure, by_id: dict[str, PlannedMeasure], lang: Lang) -> list[str]:
    """The lines under a chosen measure's heading (label: text)."""
    out = []
    if pm.reasons:
        out.append(f"{_m('plan-r-chosen-because', lang)}: "
                   + "; ".join(r.get(lang).rstrip(".") for r in pm.reasons[:2]))
    out.append(f"{_m('plan-r-owners', lang)}: {_owner_text(pm, lang)}")
    if pm.single_owner:
        out.append(_m("plan-r-single", lang))
    if pm.contributors:
        out.append(f"{_m('plan-r-contributors', lang)}: " + "; ".join(
            f"{c.title.get(lang)} ({c.reason.get(lang)})" for c in pm.contributors))
    if pm.bodies:
        out.append(f"{_m('plan-r-bodies', lang)}: "
                   + ", ".join(b.title.get(lang) for b in pm.bodies))
    if pm.role_names:
        out.append(f"{_m('plan-r-roles', lang)}: "
                   + ", ".join(r.get(lang) for r in pm.role_names))
    if pm.waits_for:
        waits = []
        for pre in pm.waits_for:
            other = by_id.get(pre)
            if other is not None:
                waits.append(f"{other.title.get(lang)} "
                             f"({_m('plan-r-ends', lang, month=month(other.end, lang))})")
        if waits:
            out.append(f"{_m('plan-r-waits', lang)}: {'; '.join(waits)}")
    if pm.delayed_by is not None:
        out.append(_m("plan-r-later", lang, month=month(pm.start, lang),
                      why=pm.delayed_by.get(lang)))
    per_year = ", ".join(f"{y.year}: {nok(y.cost_nok, lang)}, {hours(y.effort_hours, lang)}"
                         for y in pm.years)
    cost = f"{nok(pm.cost_nok, lang)}, {hours(pm.effort_hours, lang)}"
    out.append(f"{_m('plan-r-cost', lang)}: {cost}" + (f" ({per_year})" if len(pm.years) > 1
                                                        else ""))
    return out


def relax_text(relax: Relaxation, plan: Plan, lang: Lang) -> str:
    """What to raise, by how much and to what, for a relaxation (in ``lang``)."""
    parts = []
    if relax.budget_nok and plan.limits.budget_nok is not None:
        parts.append(_m("plan-r-raise-budget", lang, more=nok(relax.budget_nok, lang),
                        to=nok(plan.limits.budget_nok + relax.budget_nok, lang)))
    if relax.capacity_hours and plan.limits.capacity_hours is not None:
        parts.append(_m("plan-r-raise-capacity", lang, more=hours(relax.capacity_hours, lang),
                        to=hours(plan.limits.capacity_hours + relax.capacity_hours, lang)))
    if not parts:
        return ""
    text = f" {_m('plan-r-and', lang)} ".join(parts)
    extra = [n for n in relax.needs if n != relax.measure]
    if extra and relax.measure != "*":
        text += " " + _m("plan-r-with-needs", lang, needs=", ".join(extra))
    return text


def _year_raise(relax: Relaxation, lang: Lang) -> str:
    """What to raise in which year for a measure left out by a year's limit."""
    parts = []
    for y in relax.years:
        if y.cost_nok:
            parts.append(_m("plan-r-raise-budget-year", lang, year=y.year,
                            more=nok(y.cost_nok, lang)))
        if y.effort_hours:
            parts.append(_m("plan-r-raise-capacity-year", lang, year=y.year,
                            more=hours(y.effort_hours, lang)))
    return ", ".join(parts)


def _left_lines(plan: Plan, lang: Lang) -> list[str]:
    relax = {r.measure: r for r in plan.relaxations}
    out = []
    for pm in plan.left_out:
        why = pm.left_out_because.get(lang) if pm.left_out_because else ""
        line = f"{pm.title.get(lang)}: {_m('plan-r-left-because', lang, why=why)}"
        raise_text = ""
        if pm.measure in relax and pm.left_out_kind in ("budget", "capacity"):
            raise_text = relax_text(relax[pm.measure], plan, lang)
        elif pm.measure in relax and pm.left_out_kind in ("budget-year", "capacity-year",
                                                          "budget-years", "capacity-years"):
            raise_text = _year_raise(relax[pm.measure], lang)
        if raise_text:
            line += ". " + _m("plan-r-to-fit", lang, what=raise_text)
        out.append(line)
    if plan.relax_all is not None and len(plan.relaxations) > 1:
        what = relax_text(plan.relax_all, plan, lang)
        if what:
            fills = plan.fills_in_not_counted()
            out.append(_m("plan-r-all-findings", lang, what=what, count=len(fills)) if fills
                       else _m("plan-r-all", lang, what=what))
    return out


def _method_lines(plan: Plan, lang: Lang) -> list[str]:
    out = [_m("plan-r-how", lang), _m("plan-r-exact" if plan.exact else "plan-r-not-exact", lang)]
    if plan.sector_concentration is not None:
        out.append(_m("plan-r-hhi", lang, n=len([s for s in plan.sectors if s.hours]),
                      hhi=number(plan.sector_concentration, lang, 2)))
    return out


def _sector_table(plan: Plan, lang: Lang) -> tuple[list[str], list[list[str]]]:
    years = [y.year for y in plan.years]
    head = [_m("plan-r-sector", lang), _m("plan-r-hours", lang), _m("plan-r-share", lang),
            _m("plan-r-measures", lang), *years]
    rows = []
    for row in plan.sectors:
        by_year = {y.year: y.effort_hours for y in row.years}
        rows.append([row.title.get(lang), number(row.hours, lang), _pct(row.share, lang),
                     str(row.measures), *(number(by_year.get(y, 0.0), lang) for y in years)])
    return head, rows


def _text_table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        first = f"{cells[0]:<{widths[0]}}"
        rest = [f"{c:>{w}}" for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  " + "  ".join([first, *rest]).rstrip()

    return [line(head), *(line(r) for r in rows)]


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    return [f"| {' | '.join(_md(h) for h in head)} |",
            "|" + "---|" + "---:|" * (len(head) - 1),
            *(f"| {' | '.join(_md(c) for c in r)} |" for r in rows)]


def _by_year(plan: Plan) -> list[tuple[str, list[PlannedMeasure]]]:
    groups: dict[str, list[PlannedMeasure]] = {}
    starts = {y.year: y.starts for y in plan.years}
    by_id = {pm.measure: pm for pm in plan.measures}
    for name, ids in starts.items():
        groups[name] = [by_id[m] for m in ids if m in by_id]
    placed = {m for ms in starts.values() for m in ms}
    rest = [pm for pm in plan.measures if pm.measure not in placed]
    out = [(k, v) for k, v in groups.items() if v]
    if rest:
        out.append(("", rest))
    return out


def render_text(plan: Plan, lang: Lang) -> str:
    name = subject_label(plan.subject, lang)
    lines = [_m("plan-r-title", lang, name=name)]
    period = _period(plan, lang)
    if period:
        lines.append(period)
    lines.append("")
    lines += _limit_lines(plan, lang)
    lines += [_summary(plan, lang), ""]
    if not plan.measures:
        key = "plan-r-nothing" if plan.totals.suggested else "plan-r-no-suggestions"
        lines += [_m(key, lang), ""]
    if plan.years:
        lines.append(_m("plan-r-years", lang) + ":")
        lines += _text_table(*_year_table(plan, lang))
        lines.append("")
    by_id = {pm.measure: pm for pm in plan.measures}
    for year, measures in _by_year(plan):
        if year:
            lines.append(year)
        for pm in measures:
            lines.append(f"  {_when(pm, lang)}: {pm.title.get(lang)}")
            lines += [f"      {d}" for d in _details(pm, by_id, lang)]
        lines.append("")
    if plan.sectors:
        lines.append(_m("plan-r-sectors", lang) + ":")
        lines += _text_table(*_sector_table(plan, lang))
        lines.append("")
    left = _left_lines(plan, lang)
    if left:
        lines.append(_m("plan-r-left-out", lang) + ":")
        lines += [f"  - {line}" for line in left]
        lines.append("")
    if plan.warnings:
        lines.append(_m("plan-r-warnings", lang) + ":")
        lines += [f"  - {w.get(lang)}" for w in plan.warnings]
        lines.append("")
    lines.append(_m("plan-r-method", lang) + ":")
    lines += [f"  {line}" for line in _method_lines(plan, lang)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    return markdown(text)


def render_markdown(plan: Plan, lang: Lang) -> str:
    name = subject_label(plan.subject, lang)
    lines = [f"# {_md(_m('plan-r-title', lang, name=name))}", ""]
    period = _period(plan, lang)
    if period:
        lines += [f"_{_md(period)}_", ""]
    lines += [f"- {_md(line)}" for line in _limit_lines(plan, lang)]
    lines += [f"- {_md(_summary(plan, lang))}", ""]
    if not plan.measures:
        key = "plan-r-nothing" if plan.totals.suggested else "plan-r-no-suggestions"
        lines += [_m(key, lang), ""]
    if plan.years:
        lines += [f"## {_m('plan-r-years', lang)}", ""]
        lines += _md_table(*_year_table(plan, lang))
        lines.append("")
    by_id = {pm.measure: pm for pm in plan.measures}
    for year, measures in _by_year(plan):
        if year:
            lines += [f"## {year}", ""]
        for pm in measures:
            lines.append(f"### {_md(pm.title.get(lang))}")
            lines += ["", f"_{_md(_when(pm, lang))}_", ""]
            lines += [f"- {_md(d)}" for d in _details(pm, by_id, lang)]
            lines.append("")
    if plan.sectors:
        lines += [f"## {_m('plan-r-sectors', lang)}", ""]
        lines += _md_table(*_sector_table(plan, lang))
        lines.append("")
    left = _left_lines(plan, lang)
    if left:
        lines += [f"## {_m('plan-r-left-out', lang)}", ""]
        lines += [f"- {_md(line)}" for line in left]
        lines.append("")
    if plan.warnings:
        lines += [f"## {_m('plan-r-warnings', lang)}", ""]
        lines += [f"- {_md(w.get(lang))}" for w in plan.warnings]
        lines.append("")
    lines += [f"## {_m('plan-r-method', lang)}", ""]
    lines += [_md(line) + "\n" for line in _method_lines(plan, lang)]
    return "\n".join(lines).rstrip("\n") + "\n"


def _sector_sections(plan: Plan, lang: Lang) -> list[tuple[str, list[str]]]:
    """Each sector's own part: hours a year, what it owns alone, shares, takes part in."""
    by_id = {pm.measure: pm for pm in plan.measures}
    out = []
    for row in plan.sectors:
        lines = []
        per_year = ", ".join(f"{y.year}: {number(y.effort_hours, lang)}" for y in row.years)
        lines.append(f"{_m('plan-r-hours-per-year', lang)}: {per_year} "
                     f"({hours(row.hours, lang)}, {_pct(row.share, lang)})")
        for key, ids in (("plan-r-own", row.own_measures), ("plan-r-shared", row.shared_measures),
                         ("plan-r-helps", row.contributes_to)):
            if not ids:
                continue
            lines.append(f"{_m(key, lang)}:")
            for m in sorted(ids, key=lambda m: (by_id[m].start or "", m)):
                pm = by_id[m]
                mine = next((o for o in pm.owners if o.sector == row.sector), None)
                others = [o.title.get(lang) for o in pm.owners if o.sector != row.sector]
                text = f"{pm.title.get(lang)} ({_when(pm, lang)})"
                if mine is not None and others:
                    text += ": " + _m("plan-r-with", lang, share=_pct(mine.share, lang),
                                      others=", ".join(others))
                if mine is not None and mine.reason is not None:
                    text += f"; {mine.reason.get(lang)}"
                lines.append(f"  - {text}")
        out.append((row.title.get(lang), lines))
    return out


def render_by_sector(plan: Plan, fmt: str, lang: Lang) -> str:
    """Each sector's own part of the plan and the shared measures it co-owns."""
    name = subject_label(plan.subject, lang)
    title = _m("plan-r-by-sector-title", lang, name=name)
    period = _period(plan, lang) or ""
    sections = _sector_sections(plan, lang)
    if fmt == "markdown":
        lines = [f"# {_md(title)}", "", f"_{_md(period)}_", ""]
        for head, body in sections:
            lines += [f"## {_md(head)}", ""]
            for b in body:
                if b.startswith("  - "):
                    lines.append(f"- {_md(b[4:])}")
                else:
                    if lines[-1] != "":
                        lines.append("")
                    lines += [_md(b), ""]
            lines.append("")
        if not sections:
            lines.append(_m("plan-r-no-sectors", lang))
        return "\n".join(lines).rstrip("\n") + "\n"
    lines = [title, period, ""]
    for head, body in sections:
        lines.append(head)
        lines += [f"  {b}" for b in body]
        lines.append("")
    if not sections:
        lines.append(_m("plan-r-no-sectors", lang))
    return "\n".join(lines).rstrip("\n") + "\n"


@checked
def render_plan(plan: Plan, fmt: str = "text", lang: Lang = "en", by: str | None = None) -> str:
    """The plan as text, json, markdown, graphml, dot or mermaid; ``by="sector"`` gives each
    sector's part (text and Markdown)."""
    if fmt == "json":
        return plan.to_json()
    if by == "sector" and fmt in ("text", "markdown"):
        return render_by_sector(plan, fmt, lang)
    if fmt == "text":
        return render_text(plan, lang)
    if fmt == "markdown":
        return render_markdown(plan, lang)
    return export_graph(plan_graph(plan), fmt, lang)
