"""``tiltak suggest``: ranked, explained measures for a profile."""

from __future__ import annotations

import argparse

from tiltak._i18n import Lang
from tiltak.cli._common import (
    ENGINES,
    add_kb,
    add_lang,
    add_output,
    emit,
    pick,
    positive_int,
)

COMPACT = 10

ORDER = 10
NAME = "suggest"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "foreslå tiltak for en kompetanseprofil",
                  "suggest measures for a competence profile"),
        description=pick(
            lang,
            "Leser en kompetanseprofil (JSON, eller - for standard inn) og skriver rangerte, "
            "begrunnede forslag til tiltak.",
            "Reads a competence profile (JSON, or - for standard input) and prints ranked, "
            "explained suggestions.",
        ),
    )
    parser.add_argument("profile", metavar="PROFILE",
                        help=pick(lang, "profilfil (JSON) eller -", "profile file (JSON) or -"))
    add_output(parser, lang, ("text", "json", "markdown"))
    add_lang(parser, lang)
    parser.add_argument("--top", type=positive_int, default=None, metavar="N",
                        help=pick(lang, "vis bare de N beste (tekst viser 10 uten --all)",
                                  "show only the N best (text shows 10 without --all)"))
    parser.add_argument("--all", action="store_true",
                        help=pick(lang, "tekst: vis alle forslag med begrunnelser og det som "
                                        "ikke ble foreslått",
                                  "text: show every suggestion with its reasons, and what was "
                                  "not suggested"))
    add_kb(parser, lang)
    parser.add_argument("--engine", choices=ENGINES, default="python",
                        help=pick(lang, "regelmotor", "rule engine"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.engine import load
    from tiltak.engine._render import render_compact, render_markdown, render_text

    engine = load(args.rules, args.catalogue, engine=args.engine)
    result = engine.suggest(args.profile, top=args.top)
    if args.format == "json":
        text = result.to_json()
    elif args.format == "markdown":
        text = render_markdown(result, lang, engine.catalogue)
    elif args.all:
        text = render_text(result, lang, engine.catalogue)
    else:
        text = render_compact(result, lang, args.top or COMPACT, engine.catalogue)
    emit(text, args.output, lang)
    return 0
