"""``tiltak report``: the competence plan as one document (HTML, DOCX or XLSX) with charts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tiltak._i18n import Lang
from tiltak._io import write_failed
from tiltak.cli._common import (
    MINIMUM,
    TOP,
    add_kb,
    add_lang,
    bundled_survey_names,
    cached,
    iso_date,
    note,
    pick,
    whole,
)
from tiltak.cli.plan import add_limits

ORDER = 35
NAME = "report"
# A copy of tiltak.report.REPORT_FORMATS, so that building the parser imports no library
# (tests/test_report_cli.py checks they agree).
REPORT_FORMATS = ("html", "docx", "xlsx")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    known = bundled_survey_names()
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "skriv kompetanseplanen som ett dokument (HTML, Word eller Excel)",
                  "write the competence plan as one document (HTML, Word or Excel)"),
        description=pick(
            lang,
            "Lager kompetanseplanen som ett dokument til ledergruppen og kommunestyret: "
            "sammendrag, analyse med figurer, tiltakene, planen (tidslinje, eiere, budsjett, "
            "utelatte tiltak), oppfølging og et metodevedlegg. Formatet følger filendelsen "
            "(.html, .docx, .xlsx) eller --format. Samme inndata gir samme dokument.",
            "Makes the competence plan as one document for the management group and the "
            "council: summary, analysis with charts, the measures, the plan (timeline, owners, "
            "budget, measures left out), follow-up and a method appendix. The format follows "
            "the file suffix (.html, .docx, .xlsx) or --format. The same input gives the same "
            "document.",
        ),
    )
    parser.add_argument("input", metavar="INPUT",
                        help=pick(lang, "profil (JSON), eller en eksport (CSV/XLSX) med --survey",
                                  "profile (JSON), or a survey export (CSV/XLSX) with --survey"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        action="append",
                        help=pick(lang, "dokumentet som skal skrives (atomisk); kan gis flere "
                                  "ganger, f.eks. -o plan.docx -o plan.html",
                                  "the document to write (atomically); may be given more than "
                                  "once, e.g. -o plan.docx -o plan.html"))
    parser.add_argument("--format", choices=REPORT_FORMATS, default=None,
                        help=pick(lang, "html, docx eller xlsx (standard: fra filendelsen)",
                                  "html, docx or xlsx (default: from the file suffix)"))
    parser.add_argument("--survey", default=None, metavar="DEF",
                        help=pick(lang, f"INPUT er en eksport: kartleggingsdefinisjon (YAML) "
                                  f"eller navnet på en medfølgende ({known})",
                                  f"INPUT is an export: survey definition (YAML) or the name "
                                  f"of a bundled one ({known})"))
    parser.add_argument("--id", default=None, metavar="ID", dest="subject_id",
                        help=pick(lang, "subject.id for en eksport", "subject.id for an export"))
    parser.add_argument("--name", default=None, metavar="NAME", dest="subject_name",
                        help=pick(lang, "navnet i tittelen for en eksport (f.eks. «Bindal "
                                  "kommune»)", "the name in the title for an export (e.g. "
                                  "'Bindal kommune')"))
    parser.add_argument("--minimum", type=whole(lang, MINIMUM, why=("anonymitet", "anonymity")),
                        default=None, metavar="N",
                        help=pick(lang, "minste gruppe som vises (anonymitet)",
                                  "smallest group shown (anonymity)"))
    add_limits(parser, lang)
    parser.add_argument("--top", type=whole(lang, TOP), default=None, metavar="N",
                        help=pick(lang, "planlegg fra de N beste forslagene",
                                  "plan from the N best suggestions"))
    parser.add_argument("--previous", default=None, metavar="FILE",
                        help=pick(lang, "fjorårets profil (eller eksport, med --survey): viser "
                                  "endringen siden da", "last year's profile (or export, with "
                                  "--survey): shows the change since then"))
    parser.add_argument("--previous-plan", default=None, metavar="FILE",
                        help=pick(lang, "fjorårets plan (tiltak.plan/1 JSON) til oppfølging av "
                                  "tiltakene", "last year's plan (tiltak.plan/1 JSON) to follow "
                                  "up its measures"))
    parser.add_argument("--date", type=iso_date(lang), default=None, metavar="YYYY-MM-DD",
                        help=pick(lang, "dato på forsiden (standard: ingen, så dokumentet blir "
                                  "likt hver gang)", "date on the front page (default: none, so "
                                  "the document is the same every time)"))
    parser.add_argument("-q", "--quiet", action="store_true",
                        help=pick(lang, "ikke skriv kartleggingens sammendrag til standard feil",
                                  "do not print the survey summary on standard error"))
    add_lang(parser, lang)
    add_kb(parser, lang, cache=True)
    parser.set_defaults(run=run, report_parser=parser)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.engine import load
    from tiltak.report import build, format_for, render, render_docx, render_html, render_xlsx
    from tiltak.survey import import_survey

    if args.format is not None and len(args.output) > 1:
        args.report_parser.error(pick(lang, "--format gjelder bare med én -o",
                                      "--format applies only with a single -o"))
    formats = []
    for output in args.output:
        try:
            formats.append(format_for(output, args.format))
        except ValueError:
            args.report_parser.error(pick(
                lang, f"kan ikke se formatet av {output}; bruk .html, .docx, .xlsx eller "
                "--format", f"cannot tell the format of {output}; use .html, .docx, .xlsx or "
                "--format"))
    if args.previous_plan is not None and args.previous is None:
        args.report_parser.error(pick(lang, "--previous-plan krever --previous",
                                      "--previous-plan needs --previous"))
    engine = load(args.rules, args.catalogue, cache=cached(args))
    source: object = args.input
    if args.survey is not None:
        imported = import_survey(args.input, args.survey, minimum=args.minimum,
                                 catalogue=engine.catalogue, subject_id=args.subject_id,
                                 subject_name=args.subject_name)
        if not args.quiet:
            for line in imported.summary(lang):
                note(line)
        source = imported
    report = build(source, lang=lang, engine=engine,  # type: ignore[arg-type]
                   budget_nok=args.budget, capacity_hours=args.capacity, top=args.top,
                   date=args.date, previous=args.previous, previous_plan=args.previous_plan,
                   start=args.start, horizon_years=args.years,
                   budget_per_year=args.budget_per_year,
                   capacity_per_year=args.capacity_per_year)
    for output, fmt in zip(args.output, formats, strict=True):
        if str(output) == "-":  # standard output, as for every other command's -o -
            renderer = {"html": render_html, "docx": render_docx, "xlsx": render_xlsx}[fmt]
            sys.stdout.buffer.write(renderer(report))
            sys.stdout.buffer.flush()
            continue
        try:
            render(report, output, fmt)
        except OSError as exc:
            raise write_failed(str(output), exc) from None
    return 0
