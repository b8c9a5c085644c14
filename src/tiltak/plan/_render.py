"""Render plans as text and Markdown, in Norwegian bokmål or English."""

from __future__ import annotations

from tiltak._i18n import Lang, add_messages, format_number, message
from tiltak.engine._render import subject_label
from tiltak.graph import export_graph
from tiltak.plan._plan import Plan, PlannedMeasure, Relaxation, plan_graph

add_messages({
    "plan-r-title": ("Plan for {name}", "Plan for {name}"),
    "plan-r-budget": ("Budsjett", "Budget"),
    "plan-r-capacity": ("Kapasitet", "Capacity"),
    "plan-r-unlimited": ("ingen grense", "no limit"),
    "plan-r-from-profile": ("fra profilen", "from the profile"),
    "plan-r-from-option": ("fra kommandolinjen", "from the command line"),
    "plan-r-used": ("brukt {used}, igjen {left}", "used {used}, left {left}"),
    "plan-r-used-only": ("brukt {used}", "used {used}"),
    "plan-r-summary": (
        "{chosen} tiltak valgt av {suggested} forslag ({added} lagt til som forutsetning), "
        "samlet poeng {score}",
        "{chosen} measures chosen from {suggested} suggestions ({added} added as "
        "prerequisite), total score {score}",
    ),
    "plan-r-how": (
        "Utvalg: det settet som gir høyest samlet poeng innenfor budsjett og kapasitet, der et "
        "valgt tiltak tar med seg forutsetningene sine, funnet eksakt som et heltallsprogram "
        "(HiGHS); blir ikke løseren ferdig, sier merknadene det. Eiere: "
        "minimumskostnadsflyt som fordeler timene jevnt på sektorene; tiltak som involverer "
        "flere sektorer får minst to sektorer som medeiere, ingen over halvparten.",
        "Selection: the set with the highest total score within budget and capacity, a chosen "
        "measure bringing its prerequisites, found exactly as an integer programme (HiGHS); "
        "the warnings say so if the solver did not finish. Owners: a min-cost flow "
        "spreading hours evenly across sectors; measures involving several sectors get at "
        "least two co-owning sectors, none above half.",
    ),
    "plan-r-phase": ("Fase {phase}", "Phase {phase}"),
    "plan-r-nothing": (
        "Ingenting får plass innenfor grensene.",
        "Nothing fits within the limits.",
    ),
    "plan-r-no-suggestions": (
        "Ingen forslag å planlegge.", "No suggestions to plan.",
    ),
    "plan-r-added": ("lagt til som forutsetning", "added as prerequisite"),
    "plan-r-score": ("poeng {score}", "score {score}"),
    "plan-r-owners": ("eiere", "owners"),
    "plan-r-no-owner": ("ingen sektor", "no sector"),
    "plan-r-bodies": ("koordineres av", "coordinated by"),
    "plan-r-roles": ("roller", "roles"),
    "plan-r-needs": ("forutsetter", "requires"),
    "plan-r-hhi": ("konsentrasjon (HHI)", "concentration (HHI)"),
    "plan-r-single": (
        "RISIKO: én sektor eier et tiltak som involverer flere",
        "RISK: one sector owns a measure that involves several",
    ),
    "plan-r-sectors": ("Eierskap per sektor", "Ownership by sector"),
    "plan-r-sector": ("Sektor", "Sector"),
    "plan-r-hours": ("Timer", "Hours"),
    "plan-r-share": ("Andel", "Share"),
    "plan-r-measures": ("Tiltak", "Measures"),
    "plan-r-sector-hhi": (
        "Konsentrasjon på tvers av sektorer (HHI, 1/{n} er helt jevnt): {hhi}",
        "Concentration across sectors (HHI, 1/{n} is perfectly even): {hhi}",
    ),
    "plan-r-left-out": ("Utelatt på grunn av grensene", "Left out by the limits"),
    "plan-r-raise-budget": ("øk budsjettet med {more} (til {to})",
                            "raise the budget by {more} (to {to})"),
    "plan-r-raise-capacity": ("øk kapasiteten med {more} (til {to})",
                              "raise the capacity by {more} (to {to})"),
    "plan-r-and": ("og", "and"),
    "plan-r-with-needs": ("med forutsetningene {needs}", "with its prerequisites {needs}"),
    "plan-r-fits-anyway": ("får plass uten å øke grensene", "fits without raising the limits"),
    "plan-r-all": ("For å få med alle utelatte tiltak: {what}.",
                   "To fit every left-out measure: {what}."),
    "plan-r-warnings": ("Merknader", "Warnings"),
    "plan-r-nok": ("{amount} kr", "NOK {amount}"),
    "plan-r-h": ("{amount} t", "{amount} h"),
    "plan-r-hours-unit": ("{amount} timer", "{amount} hours"),
})


def _m(key: str, lang: Lang, **params: object) -> str:
    return message(key, lang, **params)


def number(value: float, lang: Lang, digits: int = 0) -> str:
    """A number with thousands separators: 600 000 / 1 234,5 (nb) or 600,000 / 1,234.5 (en)."""
    return format_number(value, lang, digits)


def nok(value: float, lang: Lang) -> str:
    return _m("plan-r-nok", lang, amount=number(value, lang))


def hours(value: float, lang: Lang) -> str:
    return _m("plan-r-hours-unit", lang, amount=number(value, lang))


def _pct(share: float, lang: Lang) -> str:
    return f"{number(100 * share, lang)} %"


def _limit_lines(plan: Plan, lang: Lang) -> list[str]:
    out = []
    rows = [
        ("plan-r-budget", plan.limits.budget_nok, plan.limits.budget_from, plan.totals.cost_nok,
         nok),
        ("plan-r-capacity", plan.limits.capacity_hours, plan.limits.capacity_from,
         plan.totals.effort_hours, hours),
    ]
    for key, limit, source, used, fmt in rows:
        if limit is None:
            text = (f"{_m(key, lang)}: {_m('plan-r-unlimited', lang)}; "
                    f"{_m('plan-r-used-only', lang, used=fmt(used, lang))}")
        else:
            origin = _m("plan-r-from-option" if source == "option" else "plan-r-from-profile",
                        lang)
            usage = _m("plan-r-used", lang, used=fmt(used, lang), left=fmt(limit - used, lang))
            text = f"{_m(key, lang)}: {fmt(limit, lang)} ({origin}); {usage}"
        out.append(text)
    return out


def _summary(plan: Plan, lang: Lang) -> str:
    return _m("plan-r-summary", lang, chosen=plan.totals.chosen, suggested=plan.totals.suggested,
              added=plan.totals.added_prerequisites, score=number(plan.totals.score, lang, 1))


def _owners(pm: PlannedMeasure, lang: Lang) -> str:
    owners = ", ".join(f"{o.title.get(lang)} {_pct(o.share, lang)}" for o in pm.owners)
    parts = [f"{_m('plan-r-owners', lang)}: {owners or _m('plan-r-no-owner', lang)}"]
    if pm.bodies:
        parts.append(f"{_m('plan-r-bodies', lang)}: "
                     + ", ".join(b.title.get(lang) for b in pm.bodies))
    if pm.roles:
        parts.append(f"{_m('plan-r-roles', lang)}: {', '.join(pm.roles)}")
    if pm.concentration is not None:
        parts.append(f"{_m('plan-r-hhi', lang)} {number(pm.concentration, lang, 2)}")
    return "; ".join(parts)


def _head(pm: PlannedMeasure, lang: Lang) -> str:
    rank = f"#{pm.rank}" if pm.rank is not None else f"({_m('plan-r-added', lang)})"
    score = _m("plan-r-score", lang, score=number(pm.score, lang, 1))
    return (f"{rank} {pm.title.get(lang)} ({pm.measure}): {nok(pm.cost_nok, lang)}, "
            f"{hours(pm.effort_hours, lang)}, {score}")


def relax_text(relax: Relaxation, plan: Plan, lang: Lang) -> str:
    """What to raise, by how much and to what, for a relaxation (in ``lang``)."""
    parts = []
    if relax.budget_nok and plan.limits.budget_nok is not None:
        parts.append(_m("plan-r-raise-budget", lang, more=nok(relax.budget_nok, lang),
                        to=nok(plan.limits.budget_nok + relax.budget_nok, lang)))
    if relax.capacity_hours and plan.limits.capacity_hours is not None:
        parts.append(_m("plan-r-raise-capacity", lang, more=hours(relax.capacity_hours, lang),
                        to=hours(plan.limits.capacity_hours + relax.capacity_hours, lang)))
    text = f" {_m('plan-r-and', lang)} ".join(parts) or _m("plan-r-fits-anyway", lang)
    extra = [n for n in relax.needs if n != relax.measure]
    if extra and relax.measure != "*":
        text += " " + _m("plan-r-with-needs", lang, needs=", ".join(extra))
    return text


def render_text(plan: Plan, lang: Lang) -> str:
    name = subject_label(plan.subject, lang)
    lines = [_m("plan-r-title", lang, name=name), ""]
    lines += _limit_lines(plan, lang)
    lines += [_summary(plan, lang), "", _m("plan-r-how", lang), ""]
    if not plan.measures:
        key = "plan-r-nothing" if plan.totals.suggested else "plan-r-no-suggestions"
        lines.append(_m(key, lang))
    by_id = {pm.measure: pm for pm in plan.measures}
    for phase in plan.phases:
        lines.append(_m("plan-r-phase", lang, phase=phase.phase))
        for measure_id in phase.measures:
            pm = by_id[measure_id]
            lines.append(f"  {_head(pm, lang)}")
            lines.append(f"      {_owners(pm, lang)}")
            if pm.single_owner:
                lines.append(f"      {_m('plan-r-single', lang)}")
        lines.append("")
    if plan.sectors:
        lines.append(_m("plan-r-sectors", lang) + ":")
        width = max(len(_m("plan-r-sector", lang)), *(len(s.title.get(lang)) for s in plan.sectors))
        lines.append(f"  {_m('plan-r-sector', lang):<{width}}  {_m('plan-r-hours', lang):>8}  "
                     f"{_m('plan-r-share', lang):>6}  {_m('plan-r-measures', lang):>7}")
        for row in plan.sectors:
            lines.append(f"  {row.title.get(lang):<{width}}  {number(row.hours, lang):>8}  "
                         f"{_pct(row.share, lang):>6}  {row.measures:>7}")
        if plan.sector_concentration is not None:
            lines.append("  " + _m("plan-r-sector-hhi", lang, n=len(plan.sectors),
                                   hhi=number(plan.sector_concentration, lang, 2)))
        lines.append("")
    if plan.relaxations:
        lines.append(_m("plan-r-left-out", lang) + ":")
        for relax in plan.relaxations:
            rank = f"#{relax.rank}, " if relax.rank is not None else ""
            score = _m("plan-r-score", lang, score=number(relax.score, lang, 1))
            lines.append(f"  - {relax.title.get(lang)} ({relax.measure}; {rank}{score}): "
                         f"{relax_text(relax, plan, lang)}")
        if plan.relax_all is not None and len(plan.relaxations) > 1:
            lines.append("  " + _m("plan-r-all", lang, what=relax_text(plan.relax_all, plan, lang)))
        lines.append("")
    if plan.warnings:
        lines.append(_m("plan-r-warnings", lang) + ":")
        lines += [f"  - {w.get(lang)}" for w in plan.warnings]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(plan: Plan, lang: Lang) -> str:
    name = subject_label(plan.subject, lang)
    lines = [f"# {_md(_m('plan-r-title', lang, name=name))}", ""]
    lines += [f"- {_md(line)}" for line in _limit_lines(plan, lang)]
    lines += [f"- {_md(_summary(plan, lang))}", "", f"_{_md(_m('plan-r-how', lang))}_", ""]
    if not plan.measures:
        key = "plan-r-nothing" if plan.totals.suggested else "plan-r-no-suggestions"
        lines += [_m(key, lang), ""]
    by_id = {pm.measure: pm for pm in plan.measures}
    for phase in plan.phases:
        lines += [f"## {_m('plan-r-phase', lang, phase=phase.phase)}", ""]
        for measure_id in phase.measures:
            pm = by_id[measure_id]
            lines.append(f"- **{_md(_head(pm, lang))}**  ")
            lines.append(f"  {_md(_owners(pm, lang))}")
            if pm.single_owner:
                lines.append(f"  **{_m('plan-r-single', lang)}**")
        lines.append("")
    if plan.sectors:
        lines += [f"## {_m('plan-r-sectors', lang)}", "",
                  f"| {_m('plan-r-sector', lang)} | {_m('plan-r-hours', lang)} | "
                  f"{_m('plan-r-share', lang)} | {_m('plan-r-measures', lang)} |",
                  "|---|---:|---:|---:|"]
        for row in plan.sectors:
            lines.append(f"| {_md(row.title.get(lang))} | {number(row.hours, lang)} | "
                         f"{_pct(row.share, lang)} | {row.measures} |")
        if plan.sector_concentration is not None:
            lines += ["", _m("plan-r-sector-hhi", lang, n=len(plan.sectors),
                             hhi=number(plan.sector_concentration, lang, 2))]
        lines.append("")
    if plan.relaxations:
        lines += [f"## {_m('plan-r-left-out', lang)}", ""]
        for relax in plan.relaxations:
            lines.append(f"- **{_md(relax.title.get(lang))}** (`{relax.measure}`): "
                         f"{_md(relax_text(relax, plan, lang))}")
        if plan.relax_all is not None and len(plan.relaxations) > 1:
            lines += ["", _md(_m("plan-r-all", lang, what=relax_text(plan.relax_all, plan, lang)))]
        lines.append("")
    if plan.warnings:
        lines += [f"## {_m('plan-r-warnings', lang)}", ""]
        lines += [f"- {_md(w.get(lang))}" for w in plan.warnings]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_plan(plan: Plan, fmt: str = "text", lang: Lang = "en") -> str:
    """The plan as text, json, markdown, graphml, dot or mermaid."""
    if fmt == "json":
        return plan.to_json()
    if fmt == "text":
        return render_text(plan, lang)
    if fmt == "markdown":
        return render_markdown(plan, lang)
    return export_graph(plan_graph(plan), fmt, lang)
