"""``tiltak plan``: the suggestions for a profile as a phased, owned plan within budget."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator

from tiltak._i18n import Lang
from tiltak.cli._common import (
    PLAN_FORMATS,
    TOP,
    YEARS,
    add_kb,
    add_lang,
    add_output,
    amount,
    cached,
    emit,
    pick,
    whole,
)

ORDER = 30
NAME = "plan"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "lag en plan: faser, eiere, budsjett og kapasitet",
                  "make a plan: phases, owners, budget and capacity"),
        description=pick(
            lang,
            "Gjør forslagene for en profil om til en plan: faser etter forutsetninger, delt "
            "eierskap på tvers av sektorer, og det beste utvalget innenfor budsjett og "
            "kapasitet (fra profilens context eller --budget/--capacity).",
            "Turns the suggestions for a profile into a plan: phases from prerequisites, "
            "ownership shared across sectors, and the best selection within budget and "
            "capacity (from the profile's context or --budget/--capacity).",
        ),
    )
    parser.add_argument("profile", metavar="PROFILE",
                        help=pick(lang, "profilfil (JSON) eller -", "profile file (JSON) or -"))
    add_output(parser, lang, PLAN_FORMATS)
    add_lang(parser, lang)
    parser.add_argument("--top", type=whole(lang, TOP), default=None, metavar="N",
                        help=pick(lang, "planlegg fra de N beste forslagene (standard: alle)",
                                  "plan from the N best suggestions (default: all)"))
    add_limits(parser, lang)
    parser.add_argument("--by", choices=("sector",), default=None,
                        help=pick(lang, "sector: hver sektors del av planen (tekst og Markdown)",
                                  "sector: each sector's part of the plan (text and Markdown)"))
    add_kb(parser, lang, cache=True)
    parser.set_defaults(run=run)


def add_limits(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """The plan's limits and calendar (also taken by ``tiltak report``)."""
    parser.add_argument("--budget", type=amount(lang), default=None, metavar="NOK",
                        help=pick(lang, "budsjett i kroner (overstyrer context.budget_nok)",
                                  "budget in NOK (overrides context.budget_nok)"))
    parser.add_argument("--capacity", type=amount(lang), default=None, metavar="HOURS",
                        help=pick(lang, "kapasitet i timer (overstyrer context.capacity_hours)",
                                  "capacity in hours (overrides context.capacity_hours)"))
    parser.add_argument("--start", type=_month(lang), default=None, metavar="YYYY-MM",
                        help=pick(lang, "første måned i planen (standard: januar neste år)",
                                  "the plan's first month (default: next January)"))
    parser.add_argument("--years", type=whole(lang, YEARS), default=4, metavar="N",
                        help=pick(lang, "planperioden i år (standard: 4)",
                                  "the plan period in years (default: 4)"))
    parser.add_argument("--budget-per-year", type=_per_year(lang), default=None,
                        metavar="NOK|YEAR=NOK,...",
                        help=pick(lang, "budsjett for hvert år: ett beløp for alle år, eller "
                                  "2027=400000,2028=300000",
                                  "budget for each year: one amount for every year, or "
                                  "2027=400000,2028=300000"))
    parser.add_argument("--capacity-per-year", type=_per_year(lang), default=None,
                        metavar="HOURS|YEAR=HOURS,...",
                        help=pick(lang, "kapasitet i timer for hvert år (som --budget-per-year; "
                                  "standard: kapasiteten for hele planen delt likt på årene)",
                                  "capacity in hours for each year (as --budget-per-year; "
                                  "default: the whole plan's capacity shared equally by the "
                                  "years)"))


def _month(lang: Lang) -> Callable[[str], str]:
    """argparse type: a month as YYYY-MM, from 1900 on (as tiltak.plan takes it)."""

    def parse(text: str) -> str:
        if re.fullmatch(r"(19[0-9]{2}|2[0-9]{3})-(0[1-9]|1[0-2])", text.strip()) is None:
            raise argparse.ArgumentTypeError(pick(
                lang, f"«{text}»: forventet år (fra 1900) og måned som ÅÅÅÅ-MM, f.eks. 2027-01",
                f"'{text}': expected year (from 1900) and month as YYYY-MM, e.g. 2027-01"))
        return text.strip()

    return parse


def _per_year(lang: Lang) -> Callable[[str], float | dict[int, float]]:
    """argparse type: one amount for every year, or YEAR=AMOUNT pairs separated by commas."""
    one = amount(lang)

    def parse(text: str) -> float | dict[int, float]:
        if "=" not in text:
            return one(text)
        out: dict[int, float] = {}
        for part in text.split(","):
            year, _, value = part.partition("=")
            if re.fullmatch(r"\s*[12][0-9]{3}\s*", year) is None or not value.strip():
                raise argparse.ArgumentTypeError(pick(
                    lang, f"«{part}»: forventet ÅR=BELØP, f.eks. 2027=400000",
                    f"'{part}': expected YEAR=AMOUNT, e.g. 2027=400000"))
            if int(year) in out:  # 2027=400000,2027=300000: which did they mean?
                raise argparse.ArgumentTypeError(pick(
                    lang, f"«{text}»: {int(year)} står to ganger; gi hvert år én gang",
                    f"'{text}': {int(year)} is given twice; give each year once"))
            out[int(year)] = one(value)
        return out

    return parse


@contextlib.contextmanager
def _solver_prints_to_stderr() -> Iterator[None]:
    """Send anything written to file descriptor 1 meanwhile to stderr.

    HiGHS (1.7-1.12) may print a debug line to the C stdout in the middle of a
    solve (HiGHS issue 2783); it must not end up in a plan written to stdout.
    The command is one thread, so swapping the descriptor here is safe.
    """
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):  # no real stdout (embedded, captured): nothing to guard
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.engine import load
    from tiltak.plan import make_plan, render_plan

    engine = load(args.rules, args.catalogue, cache=cached(args))
    with _solver_prints_to_stderr():
        plan = make_plan(args.profile, engine, top=args.top, budget_nok=args.budget,
                         capacity_hours=args.capacity, start=args.start,
                         horizon_years=args.years, budget_per_year=args.budget_per_year,
                         capacity_per_year=args.capacity_per_year)
    emit(render_plan(plan, args.format, lang, by=args.by), args.output, lang, args.format)
    return 0
