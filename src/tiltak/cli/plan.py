"""``tiltak plan``: the suggestions for a profile as a phased, owned plan within budget."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator

from tiltak._i18n import Lang
from tiltak.cli._common import (
    PLAN_FORMATS,
    add_kb,
    add_lang,
    add_output,
    amount,
    emit,
    pick,
    positive_int,
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
    parser.add_argument("--top", type=positive_int, default=None, metavar="N",
                        help=pick(lang, "planlegg fra de N beste forslagene (standard: alle)",
                                  "plan from the N best suggestions (default: all)"))
    parser.add_argument("--budget", type=amount(lang), default=None, metavar="NOK",
                        help=pick(lang, "budsjett i kroner (overstyrer context.budget_nok)",
                                  "budget in NOK (overrides context.budget_nok)"))
    parser.add_argument("--capacity", type=amount(lang), default=None, metavar="HOURS",
                        help=pick(lang, "kapasitet i timer (overstyrer context.capacity_hours)",
                                  "capacity in hours (overrides context.capacity_hours)"))
    add_kb(parser, lang)
    parser.set_defaults(run=run)


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

    engine = load(args.rules, args.catalogue)
    with _solver_prints_to_stderr():
        plan = make_plan(args.profile, engine, top=args.top, budget_nok=args.budget,
                         capacity_hours=args.capacity)
    emit(render_plan(plan, args.format, lang), args.output, lang)
    return 0
