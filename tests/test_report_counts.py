"""The report's counts explain themselves and add up: suggested, in the plan, added because
other measures build on them, left out, not considered (``top``), and the money and hours
behind them, in every table that shows them."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tiltak.engine import Engine
from tiltak.report import Report, Section, Table, build
from tiltak.report._model import Facts, Paragraph

from .conftest import EXAMPLES


def _build(engine: Engine, name: str, lang: str = "en", **options: Any) -> Report:
    return build(EXAMPLES / f"{name}.json", lang=lang, engine=engine,  # type: ignore[arg-type]
                 start="2027-01", **options)


def _section(report: Report, section_id: str) -> Section:
    return next(s for s in report.walk() if s.id == section_id)


def _table(section: Section) -> Table:
    return next(b for b in section.blocks if isinstance(b, Table))


def _lead(section: Section) -> str:
    return next(b.text for b in section.blocks if isinstance(b, Paragraph))


def _figures(report: Report) -> dict[str, str]:
    summary = _section(report, "summary")
    return dict(next(b for b in summary.blocks if isinstance(b, Facts)).items)


def _counts(report: Report) -> dict[str, int]:
    """The counts as the report's own tables show them (not its sentences)."""
    ranked = _table(_section(report, "measures")).rows
    status = [r[4].text for r in ranked]
    out = ("left out", "utelatt", "not considered", "ikke vurdert")
    added = len(_table(_section(report, "measures-added")).rows) \
        if any(s.id == "measures-added" for s in report.walk()) else 0
    return {"n": len(ranked), "taken": sum(s not in out for s in status),
            "left": sum(s in ("left out", "utelatt") for s in status), "added": added,
            "plan": len(_table(_section(report, "timeline")).rows)}


SITUATIONS = {
    "all fit, more added": lambda c: c["left"] == 0 and c["added"] > 1,
    "some left out": lambda c: c["added"] == 0 and c["left"] > 1,
    "one added, one left out": lambda c: c["added"] == 1 and c["left"] == 1,
    "all fit": lambda c: c["added"] == 0 and c["left"] == 0,
    "two, both fit": lambda c: c["added"] == 0 and c["left"] == 0 and c["n"] == 2,
    "one left out": lambda c: c["added"] == 0 and c["left"] == 1,
}


# The numbers come from the report's own tables ({n} suggested, {taken} of them in the plan,
# {left} left out, {added} added as prerequisites, {plan} in the plan), since they move as the
# knowledge base grows; the cases pin the wording of each situation (``form``).
@pytest.mark.parametrize(("name", "options", "lang", "form", "said"), [
    # every suggestion fits, and the plan adds what they build on
    ("medarbeider", {}, "en", "all fit, more added",
     "The plan has {plan} measures: all {n} suggested, and {added} more that other measures in "
     "the plan build on, so they have to be in place first."),
    ("medarbeider", {}, "nb", "all fit, more added",
     "Planen har {plan} tiltak: alle de {n} foreslåtte, og {added} til som andre tiltak i "
     "planen bygger på, og som derfor må være på plass først."),
    # the profile's budget leaves suggestions out
    ("bindal-organisasjon", {}, "en", "some left out",
     "{taken} of the {n} suggested measures are in the plan; the other {left} did not fit (see "
     "'Left out, and what it would take')."),
    ("bindal-organisasjon", {}, "nb", "some left out",
     "{taken} av de {n} foreslåtte tiltakene er med i planen; de {left} andre fikk ikke plass "
     "(se «Utelatt, og hva som skal til»)."),
    # both at once, one of each: said as one, not 'the other 1'
    ("piloter-i-gang", {}, "en", "one added, one left out",
     "The plan has {plan} measures: {taken} of the {n} suggested, and 1 more that other "
     "measures in the plan build on, so it has to be in place first. One suggested measure did "
     "not fit (see 'Left out"),
    ("piloter-i-gang", {}, "nb", "one added, one left out",
     "Planen har {plan} tiltak: {taken} av de {n} foreslåtte, og 1 til som andre tiltak i "
     "planen bygger på, og som derfor må være på plass først. Ett av de foreslåtte tiltakene "
     "fikk ikke plass (se «Utelatt"),
    # nothing added, nothing left out
    ("kristiansand-ledere", {}, "en", "all fit",
     "All {n} suggested measures are in the plan."),
    ("kristiansand-ledere", {}, "nb", "all fit",
     "Alle de {n} foreslåtte tiltakene er med i planen."),
    ("ingen-gap", {}, "en", "two, both fit",
     "Both suggested measures are in the plan."),
    ("ingen-gap", {}, "nb", "two, both fit",
     "Begge de foreslåtte tiltakene er med i planen."),
    # a plan from the best-ranked only says so, and counts the others as not considered
    ("bindal-organisasjon", {"top": 10}, "en", "one left out",
     "The plan is made from the 10 best-ranked of the {n} suggested measures; the rest were "
     "not considered for it. {taken} of the 10 considered measures are in the plan; one did "
     "not fit"),
    ("bindal-organisasjon", {"top": 10}, "nb", "one left out",
     "Planen er laget av de 10 best rangerte av de {n} foreslåtte tiltakene; resten er ikke "
     "vurdert for planen. {taken} av de 10 vurderte tiltakene er med i planen; ett fikk ikke "
     "plass"),
])
def test_the_plan_count_says_where_it_comes_from(default_engine: Engine, name: str,
                                                 options: dict[str, Any], lang: str, form: str,
                                                 said: str) -> None:
    report = _build(default_engine, name, lang, **options)
    counts = _counts(report)
    # the situation this case is about (if the knowledge base moves it, pick another example)
    assert SITUATIONS[form](counts), (form, counts)
    said = said.format(**counts)
    assert said in _lead(_section(report, "summary"))
    assert said in _lead(_section(report, "measures"))


_CASES = [(p.stem, {}) for p in sorted(EXAMPLES.glob("*.json"))] + [
    ("drammen-digital-spredning", {"budget_nok": 300_000}),
    ("kristiansand-tillitsvalgte", {"budget_nok": 300_000}),
    ("bindal-organisasjon", {"top": 10}),
    ("medarbeider", {"top": 5, "budget_nok": 150_000}),
]


def _number(text: str) -> int:
    return int(text.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", ""))


@pytest.mark.parametrize(("name", "options"), _CASES,
                         ids=[f"{n}-{'-'.join(f'{k}{v}' for k, v in o.items())}"
                              for n, o in _CASES])
def test_every_count_in_the_report_adds_up(default_engine: Engine, name: str,
                                           options: dict[str, Any]) -> None:
    report = _build(default_engine, name, **options)
    figures = _figures(report)
    plan_rows = _table(_section(report, "timeline")).rows
    in_plan = {row[1].text: row for row in plan_rows}
    assert _number(figures["Measures in the plan"]) == len(plan_rows)

    # rank, measure, area, strategy, status, cost, hours, source
    ranked = _table(_section(report, "measures")).rows
    left = [r for r in ranked if r[4].text == "left out"]
    outside = [r for r in ranked if r[4].text == "not considered"]
    taken = [r for r in ranked if r[4].text not in ("left out", "not considered")]
    added = {r[0].text for r in _table(_section(report, "measures-added")).rows} \
        if any(s.id == "measures-added" for s in report.walk()) else set()
    # the key figures: suggested - left out - not considered + added = in the plan
    assert _number(figures["Suggested"]) == len(ranked)
    assert _number(figures.get("Did not fit", "0")) == len(left)
    assert sum(_number(v) for k, v in figures.items()
               if k.startswith("Not considered")) == len(outside)
    assert _number(figures.get("Added as prerequisites", "0")) == len(added)
    assert len(ranked) - len(left) - len(outside) + len(added) == len(plan_rows)
    # every measure in the plan is in the measures part once: ranked, or added and said why
    assert sorted([r[1].text for r in taken] + sorted(added)) == sorted(in_plan)
    # a measure costs the same in the ranked table as in the plan's table
    for row in taken:
        assert (row[5].value, row[6].value) == (in_plan[row[1].text][4].value,
                                                in_plan[row[1].text][5].value), row[1].text
    # the strategy table's totals are the plan's, and the budget table's 'used'
    strategy = _table(_section(report, "by-strategy")).rows
    total = [c.value for c in strategy[-1][2:]]
    assert total[:2] == [len(ranked), len(plan_rows)]
    assert total[2:] == [sum(r[4].value for r in plan_rows), sum(r[5].value for r in plan_rows)]
    assert [row[:-1] for row in strategy[:-1]] and \
        [sum(r[i].value for r in strategy[:-1]) for i in range(2, 6)] == total
    whole = [b for b in _section(report, "budget").blocks if isinstance(b, Table)][-1]
    assert [r[2].value for r in whole.rows] == total[2:]
    # the left-out table lists exactly the suggestions that did not fit
    left_table = [b for b in _section(report, "left-out").blocks if isinstance(b, Table)]
    assert sorted(r[1].text for r in (left_table[0].rows if left_table else ())) == \
        sorted(r[1].text for r in left)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_added_measures_say_which_measures_build_on_them(default_engine: Engine,
                                                         lang: str) -> None:
    report = _build(default_engine, "medarbeider", lang)
    catalogue = default_engine.catalogue
    titles = {m.title.get(lang): m for m in catalogue.measures.values()}  # type: ignore[arg-type]
    section = _section(report, "measures-added")
    rows = _table(section).rows
    assert len(rows) == 4
    for row in rows:
        users = [t for t in titles if t in row[1].text]
        assert users, row[1].text
        for user in users:
            assert titles[row[0].text].id in titles[user].prerequisites
    details = {s.title: dict(s.blocks[0].items) for s in section.sections}  # type: ignore[union-attr]
    assert set(details) == {r[0].text for r in rows}
    why = {"nb": "bygger på dette tiltaket, som derfor må være på plass først",
           "en": "on this measure, so it has to be in place first"}[lang]
    assert all(why in d[next(iter(d))] for d in details.values())


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "NOK 25,000 and 80 hours a round, every year; NOK 100,000 and 320 hours over the "
     "plan period"),
    ("nb", "25 000 kr og 80 timer per runde, hvert år; 100 000 kr og 320 timer over "
     "planperioden"),
])
def test_a_yearly_measure_costs_the_same_in_every_table(default_engine: Engine, lang: str,
                                                        said: str) -> None:
    report = _build(default_engine, "bindal-organisasjon", lang)
    survey = next(s for s in report.walk() if s.id == "measure-arlig-medarbeiderundersokelse")
    cost = dict(survey.blocks[0].items)["Cost and working hours" if lang == "en"  # type: ignore[union-attr]
                                        else "Kostnad og arbeidstid"]
    assert cost.replace("\u00a0", " ").replace("\u202f", " ") == said
    title = survey.title.split(". ", 1)[1]
    ranked = next(r for r in _table(_section(report, "measures")).rows if r[1].text == title)
    planned = next(r for r in _table(_section(report, "timeline")).rows if r[1].text == title)
    assert ranked[5].value == planned[4].value == 100_000


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "counts for each of them in the column 'Measures', so the column adds up to more "
     "than the plan's 17 measures. 1 measure in the plan has no owning sector: Retire the old "
     "ways of working when a new solution is adopted. Its hours are not in the table."),
    ("nb", "telles med hos hver av dem i kolonnen «Tiltak», så kolonnen summerer seg til mer "
     "enn planens 17 tiltak. 1 tiltak i planen har ingen sektor som eier: Avvikle de gamle "
     "arbeidsformene når en ny løsning tas i bruk. Timene for det er ikke med i tabellen."),
])
def test_ownership_says_why_its_counts_are_not_the_plans(default_engine: Engine, lang: str,
                                                          said: str) -> None:
    report = _build(default_engine, "medarbeider", lang)
    owners = _section(report, "owners")
    assert said in _lead(owners)
    rows = _table(owners).rows
    assert sum(r[3].value for r in rows) > 17  # shared measures count once per owner


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_year_without_its_own_limit_is_not_called_unlimited(default_engine: Engine,
                                                              lang: str) -> None:
    # Bindal's profile sets a budget for the whole plan and none per year.
    report = _build(default_engine, "bindal-organisasjon", lang)
    budget = _section(report, "budget")
    years = _table(budget).rows
    own = {"nb": "ingen egen grense", "en": "no limit of its own"}[lang]
    assert all(r[1].text == own and r[3].text == own for r in years)
    note = [b.text for b in budget.blocks if isinstance(b, Paragraph)][-1]
    assert own in note


@pytest.mark.parametrize("name", ["medarbeider", "bindal-organisasjon",
                                  "drammen-digital-spredning"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_no_solver_words_before_the_appendix(default_engine: Engine, name: str,
                                             lang: str) -> None:
    report = _build(default_engine, name, lang, budget_nok=300_000)
    for top in report.sections[:-1]:
        for section in top.walk():
            text = (" ".join(str(b) for b in section.blocks) + section.title).lower()
            for word in ("highs", "milp", "herfindahl", "hhi", "branch-and-bound", "topolog",
                         "knapsack", "heltallsprogram", "score", "poeng"):
                assert word not in text, (section.id, word)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_change_since_last_year_counts_every_figure_it_shows(default_engine: Engine,
                                                                  lang: str) -> None:
    import re

    from tiltak.survey import import_survey

    report = build(import_survey(EXAMPLES / "survey-ksaa-2025.csv", "ksaa"), lang=lang,
                   engine=default_engine, previous=EXAMPLES / "survey-ksaa.csv",  # type: ignore[arg-type]
                   start="2027-01")
    change = _section(report, "change")
    lead = _lead(change).replace("\u00a0", " ")
    pattern = (r"er (\d+) av (\d+) tall for område og dimensjon klart bedre, (\d+) klart "
               r"svakere og (\d+) uten klar endring" if lang == "nb" else
               r"of (\d+) figures per area and dimension, (\d+) are clearly better, (\d+) "
               r"clearly weaker and (\d+) show no clear change")
    found = re.search(pattern, lead)
    assert found, lead
    numbers = [int(n) for n in found.groups()]
    total, counted = (numbers[1], [numbers[0], *numbers[2:]]) if lang == "nb" \
        else (numbers[0], numbers[1:])
    missing = re.search(r"(\d+) (?:tall|figures?) (?:kunne ikke|could not)", lead)
    rows = _table(change).rows
    assert total == len(rows)
    assert sum(counted) + (int(missing.group(1)) if missing else 0) == total


@pytest.mark.parametrize(("lang", "said"), [("nb", "2,7 (mål 4,0)"),
                                           ("en", "2.7 (target 4.0)")])
def test_a_level_below_its_target_is_labelled_with_both(default_engine: Engine, lang: str,
                                                        said: str) -> None:
    # Bindal's leadership skills: the label stands beside the target marker, so the level
    # alone ('2,7' next to the diamond at 4,0) read as the target's value.
    from tiltak.report import render_html

    page = render_html(_build(default_engine, "bindal-organisasjon", lang)).decode("utf-8")
    assert said in page


@pytest.mark.parametrize(("lang", "takes", "all_but"), [
    ("en", "a longer plan period; higher limits are not enough",
     r"To include all that the findings support and that fit within the plan period: "
     r"raise the budget by NOK ([\d,]+) and "
     r"raise the capacity by ([\d,]+) hours\. (\d+) measures need a longer plan period\."),
    ("nb", "en lengre planperiode; høyere rammer er ikke nok",
     r"For å få med alle som funnene støtter og som får plass innenfor planperioden: "
     r"øk budsjettet med ([\d ]+) kr "
     r"og øk kapasiteten med ([\d ]+) timer\. (\d+) tiltak trenger en lengre planperiode\."),
])
def test_a_measure_that_outlasts_the_plan_period_is_not_offered_more_money(
        default_engine: Engine, lang: str, takes: str, all_but: str) -> None:
    # Bindal's leader programme modules do not finish within four years after the programme
    # they build on: raising the budget does not help, and they cost the catalogue's
    # figures, not the part of them inside the period.
    report = _build(default_engine, "bindal-organisasjon", lang)
    left = _section(report, "left-out")
    rows = {r[1].text: r for r in _table(left).rows}
    outlasting = [r for r in rows.values() if r[5].text == takes]
    assert len(outlasting) >= 5
    for row in outlasting:
        assert row[3].value % 1000 == 0, row  # whole catalogue figures, not a part
    texts = [b.text.replace("\u00a0", " ").replace("\u202f", " ")
             for b in left.blocks if isinstance(b, Paragraph)]
    said = [m for m in map(re.compile(all_but).match, texts) if m]
    assert len(said) == 1
    money, hours, longer = (_number(x) for x in said[0].groups())
    assert longer == len(outlasting)
    # the sum for all that fit is no more than the rows that fit, each with what it builds on
    # fill-ins (marked) are not counted in it, and the paragraph says how many did not fit
    mark = {"en": "(standing task)", "nb": "(fast oppgave)"}[lang]
    fills = [r for r in rows.values() if r[2].text.endswith(mark)]
    assert fills and f" {len(fills)} " in said[0].string[said[0].end():]
    others = [r for r in rows.values() if r[5].text != takes and r not in fills]
    assert 0 < money <= sum(r[3].value for r in others)
    assert 0 < hours <= sum(r[4].value for r in others)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "2,100 employees answered the survey."),
    ("nb", "2\u202f100 medarbeidere har svart på kartleggingen."),
])
def test_the_number_of_respondents_is_written_as_a_number(default_engine: Engine, lang: str,
                                                          said: str) -> None:
    report = _build(default_engine, "drammen-digital-spredning", lang)
    assert _lead(_section(report, "summary")).startswith(said)
