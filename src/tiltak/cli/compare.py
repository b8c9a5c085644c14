"""``tiltak compare``: two years of a survey compared, linked to last year's plan."""

from __future__ import annotations

import argparse
from pathlib import Path

from tiltak._i18n import Lang
from tiltak.cli._common import (
    DEFAULT_ALPHA,
    MINIMUM,
    MONTHS,
    add_lang,
    add_output,
    bundled_survey_names,
    decimal,
    emit,
    pick,
    whole,
)

ORDER = 35
NAME = "compare"
# Kept in step with tiltak.compare (the library is imported only when the command runs,
# so that building the parser stays light; tests/test_compare_cli.py checks they agree).
FORMATS = ("text", "markdown", "json")
CORRECTIONS = ("holm", "bh")
DEFAULT_MONTHS = 12


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    known = bundled_survey_names()
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "sammenlign to målinger (år for år) og følg opp fjorårets plan",
                  "compare two surveys (year over year) and follow up last year's plan"),
        description=pick(
            lang,
            "Sammenligner to profiler, eller to eksporter med definisjonen (--survey), per "
            "område, dimensjon og gruppe. En endring innenfor usikkerheten kalles «ingen klar "
            "endring», aldri fremgang (Welchs t-test, Holm-korreksjon). Med --plan følges "
            "tiltakene i fjorårets plan opp; med --next-profile skrives årets profil med "
            "tiltakene som er i gang.",
            "Compares two profiles, or two survey exports with their definition (--survey), per "
            "area, dimension and segment. A change within the noise is 'no clear change', "
            "never progress (Welch's t-test, Holm correction). With --plan the measures of "
            "last year's plan are followed up; with --next-profile this year's profile is "
            "written with the measures that are running.",
        ),
    )
    parser.add_argument("before", metavar="BEFORE",
                        help=pick(lang, "første måling: profil (JSON) eller eksport (med "
                                  "--survey)", "first survey: profile (JSON) or export (with "
                                  "--survey)"))
    parser.add_argument("after", metavar="AFTER",
                        help=pick(lang, "andre måling: profil (JSON) eller eksport (med "
                                  "--survey)", "second survey: profile (JSON) or export (with "
                                  "--survey)"))
    parser.add_argument("--survey", default=None, metavar="DEF",
                        help=pick(lang, f"definisjonen til eksportene (YAML) eller navnet på en "
                                  f"medfølgende ({known}); .json-filer leses fortsatt som "
                                  f"profiler", f"the exports' survey definition (YAML) or the "
                                  f"name of a bundled one ({known}); .json files are still "
                                  f"read as profiles"))
    parser.add_argument("--before-survey", default=None, metavar="DEF",
                        help=pick(lang, "en annen definisjonsfil for første måling (samme "
                                  "spørsmål og skalaer)", "another definition file for the "
                                  "first survey (same questions and scales)"))
    parser.add_argument("--plan", default=None, metavar="PLAN",
                        help=pick(lang, "fjorårets plan (tiltak plan --format json)",
                                  "last year's plan (tiltak plan --format json)"))
    add_output(parser, lang, FORMATS)
    parser.add_argument("--next-profile", type=Path, default=None, metavar="FILE",
                        help=pick(lang, "skriv årets profil med tiltakene som er i gang "
                                  "(context.running_measures) til FIL",
                                  "write this year's profile with the running measures "
                                  "(context.running_measures) to FILE"))
    parser.add_argument("--end", action="append", default=[], metavar="MEASURE",
                        help=pick(lang, "ta tiltaket ut av tiltakene som er i gang (kan "
                                  "gjentas)", "leave the measure out of the running measures "
                                  "(repeatable)"))
    add_lang(parser, lang)
    parser.add_argument("--alpha", type=decimal(lang, 0.0, 0.5), default=DEFAULT_ALPHA, metavar="A",
                        help=pick(lang, "feilrate: høyeste sjanse for at en rapportert endring "
                                  "er tilfeldig (0,05)", "error rate: the highest chance that "
                                  "a reported change is chance (0.05)"))
    parser.add_argument("--correction", choices=CORRECTIONS, default="holm",
                        help=pick(lang, "korreksjon for mange sammenligninger (holm)",
                                  "correction for many comparisons (holm)"))
    parser.add_argument("--minimum", type=whole(lang, MINIMUM, why=("anonymitet", "anonymity")),
                        default=None, metavar="N",
                        help=pick(lang, "minste gruppe som sammenlignes (minst 3; standard fra "
                                  "profilene, ellers 5)", "smallest group compared (at least "
                                  "3; default from the profiles, else 5)"))
    parser.add_argument("--no-segments", action="store_true",
                        help=pick(lang, "sammenlign bare hele organisasjonen (færre "
                                  "sammenligninger, mindre endringer blir synlige)",
                                  "compare the whole organisation only (fewer comparisons, "
                                  "smaller changes can be seen)"))
    parser.add_argument("--months", type=whole(lang, MONTHS), default=DEFAULT_MONTHS, metavar="N",
                        help=pick(lang, "måneder mellom målingene (12)",
                                  "months between the surveys (12)"))
    parser.add_argument("--duration", type=whole(lang, MONTHS), default=None, metavar="N",
                        help=pick(lang, "planlagt varighet i måneder for alle tiltakene "
                                  "(standard: hvert tiltaks egen, fra planen eller katalogen)",
                                  "planned duration in months for every measure (default: "
                                  "each measure's own, from the plan or the catalogue)"))
    parser.add_argument("--id", default=None, help=pick(lang, "id for den som måles (eksporter)",
                                                        "subject id (exports)"))
    parser.add_argument("--name", default=None,
                        help=pick(lang, "navn på den som måles (eksporter)",
                                  "subject name (exports)"))
    parser.add_argument("--catalogue", type=Path, default=None, metavar="DIR",
                        help=pick(lang, "mappe med tiltakskatalogen; standard: den medfølgende",
                                  "catalogue directory; default: the bundled one"))
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.compare import compare
    from tiltak.survey import profile_json

    if args.end and args.next_profile is None:
        args.parser.error(pick(lang, "--end trenger --next-profile",
                               "--end needs --next-profile"))
    result = compare(
        args.before, args.after, plan=args.plan, alpha=args.alpha, correction=args.correction,
        minimum=args.minimum, survey=args.survey, before_survey=args.before_survey,
        catalogue=args.catalogue, months=args.months, duration_months=args.duration,
        segments=not args.no_segments, subject_id=args.id, subject_name=args.name,
    )
    if args.next_profile is not None:
        nxt = result.next_profile(ended=args.end)
        # "-": standard output (the comparison itself then goes to -o FILE: tiltak.cli
        # refuses both on standard output)
        emit(profile_json(nxt), None if str(args.next_profile) == "-" else args.next_profile,
             lang, "json")
    emit(result.render(args.format, lang), args.output, lang, args.format)
    return 0
