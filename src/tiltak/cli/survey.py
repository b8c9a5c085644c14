"""``tiltak survey``: a survey export (CSV/XLSX) -> a competence profile (and a report)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from tiltak._data import default_dir
from tiltak._i18n import Lang
from tiltak.cli._common import (
    AUDIT_LIMIT,
    DEFAULT_ALPHA,
    HEADER_ROW,
    LOWEST_MINIMUM,
    MINIMUM,
    add_lang,
    bundled_survey_names,
    catalogue_of,
    decimal,
    emit,
    encoding,
    h,
    note,
    pick,
    whole,
)

ORDER = 5
NAME = "survey"
DEFAULT_WORK_LIMIT = 50_000_000   # = tiltak.survey.DEFAULT_WORK_LIMIT (a test checks), kept
                                  # here so that building the parser imports no survey code


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    known = bundled_survey_names()
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "lag en kompetanseprofil av en spørreundersøkelse (CSV/XLSX)",
                  "make a competence profile from a survey export (CSV/XLSX)"),
        description=pick(
            lang,
            "Leser en eksport fra en spørreundersøkelse (CSV fra Microsoft Forms, Questback "
            "eller Excel, eller XLSX) og skriver en kompetanseprofil (JSON) med nivå, "
            "fordeling og antall svar per område og dimensjon, og grupper per "
            "bakgrunnsvariabel. Grupper med for få svar publiseres ikke. Antall rader brukt "
            "og hoppet over skrives til standard feil.",
            "Reads a survey export (CSV from Microsoft Forms, Questback or Excel, or XLSX) and "
            "writes a competence profile (JSON) with level, distribution and respondents per "
            "area and dimension, and segments per background variable. Groups with too few "
            "respondents are withheld. Rows used and skipped are reported on standard error.",
        ),
    )
    parser.add_argument("export", metavar="EXPORT",
                        help=pick(lang, "eksportfil (.csv eller .xlsx), eller «init» fulgt av "
                                  "en eksportfil for å lage et utkast til definisjon (-o FIL)",
                                  "export file (.csv or .xlsx), or 'init' followed by an "
                                  "export file to draft a definition (-o FILE)"))
    parser.add_argument("init_export", nargs="?", metavar="EXPORT", help=argparse.SUPPRESS)
    parser.add_argument("--header-row", type=whole(lang, HEADER_ROW), default=None, metavar="N",
                        help=pick(lang, "med init: raden med kolonnenavnene (standard 1)",
                                  "with init: the row with the column names (default 1)"))
    parser.add_argument("--survey", default=None, metavar="DEF",
                        help=pick(lang, f"kartleggingsdefinisjon (YAML) eller navnet på en "
                                  f"medfølgende ({known})",
                                  f"survey definition (YAML) or the name of a bundled one "
                                  f"({known}); 10-faktor reads KS' 10-FAKTOR means per unit "
                                  f"(one profile per unit)"))
    parser.add_argument("-o", "--output", default=None, metavar="FILE",
                        help=pick(lang, "skriv profilen til FIL (atomisk) i stedet for "
                                  "standard ut", "write the profile to FILE (atomically) "
                                  "instead of standard output"))
    parser.add_argument("--report", action="store_true",
                        help=pick(lang, "skriv en lesbar rapport (nivå, forskjeller mellom "
                                  "grupper, anonymitet) til standard ut i stedet for profilen; "
                                  "med -o skrives profilen til filen og rapporten til "
                                  "standard ut",
                                  "print a readable report (levels, differences between "
                                  "groups, anonymity) to standard output instead of the "
                                  "profile; with -o the profile goes to the file and the "
                                  "report to standard output"))
    parser.add_argument("--minimum", type=whole(lang, MINIMUM, why=("anonymitet", "anonymity")),
                        default=None, metavar="N",
                        help=pick(lang, f"minste gruppe som publiseres (minst "
                                  f"{LOWEST_MINIMUM}; standard fra definisjonen, ellers 5)",
                                  f"smallest group published (at least {LOWEST_MINIMUM}; "
                                  f"default from the definition, else 5)"))
    parser.add_argument("--encoding", type=encoding(lang), default=None, metavar="ENC",
                        help=pick(lang, "tegnkoding for CSV (standard: UTF-8 med eller uten "
                                  "BOM, UTF-16 med BOM, ellers Windows-1252)",
                                  "CSV encoding (default: UTF-8 with or without BOM, UTF-16 "
                                  "with BOM, else Windows-1252)"))
    parser.add_argument("--alpha", type=decimal(lang, 0.0, 1.0), default=DEFAULT_ALPHA, metavar="A",
                        help=pick(lang, "signifikansnivå for forskjeller mellom grupper "
                                  "(etter Benjamini-Hochberg-justering; standard 0,05)",
                                  "significance level for differences between groups "
                                  "(after Benjamini-Hochberg adjustment; default 0.05)"))
    limit_nb = f"{DEFAULT_WORK_LIMIT:,}".replace(",", "\u00a0")
    parser.add_argument("--audit-limit", type=whole(lang, AUDIT_LIMIT),
                        default=DEFAULT_WORK_LIMIT, metavar="N",
                        help=pick(lang, f"arbeidsgrense for anonymitetskontrollen "
                                  f"(regneoperasjoner per gruppe svar; standard {limit_nb}); "
                                  f"over grensen holdes mer tilbake, og det sies fra",
                                  f"work limit of the anonymity check (arithmetic operations "
                                  f"per population; default {DEFAULT_WORK_LIMIT:,}); past it "
                                  f"more is withheld, and the summary says so"))
    parser.add_argument("--id", default=None, metavar="ID", dest="subject_id",
                        help=pick(lang, "subject.id i profilen (f.eks. bindal)",
                                  "subject.id in the profile (e.g. bindal)"))
    parser.add_argument("--name", default=None, metavar="NAME", dest="subject_name",
                        help=pick(lang, "subject.name i profilen (f.eks. «Bindal kommune»)",
                                  "subject.name in the profile (e.g. 'Bindal kommune')"))
    parser.add_argument("--catalogue", default=None, metavar="DIR",
                        help=pick(lang, "mappe med tiltakskatalogen; standard: den medfølgende",
                                  "catalogue directory; default: the bundled one"))
    parser.add_argument("--no-cache", action="store_true", help=h("no-cache-catalogue", lang))
    parser.add_argument("-q", "--quiet", action="store_true",
                        help=pick(lang, "ikke skriv sammendraget til standard feil",
                                  "do not print the summary on standard error"))
    add_lang(parser, lang)
    # For the output check every command shares (tiltak.cli._check_outputs): --report prints
    # to standard output, and -o DIR/ writes one profile per unit (10-FAKTOR) into DIR.
    parser.set_defaults(run=run, parser=parser, stdout_flags=("report",), output_folder=True)


def _progress(lang: Lang) -> Callable[[int, int], None] | None:
    """A progress line for the anonymity check on a terminal (stderr); None elsewhere."""
    if not sys.stderr.isatty():
        return None
    label = pick(lang, "anonymitetskontroll", "anonymity check")

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\rtiltak: {label} {min(done + 1, total)}/{total} ")
        sys.stderr.flush()
    return show


def _init(args: argparse.Namespace, lang: Lang) -> int:
    """``tiltak survey init EXPORT -o definition.yaml``: a draft definition."""
    from tiltak.survey._draft import draft_definition

    catalogue = catalogue_of(args, args.catalogue if args.catalogue is not None
                             else default_dir("catalogue"))
    draft = draft_definition(args.init_export, catalogue, lang, args.header_row,
                             args.encoding)
    emit(draft.text, args.output, lang)
    if not args.quiet:
        sys.stderr.write("tiltak: " + pick(
            lang, f"utkast med {draft.questions} spørsmål og {draft.background} "
                  f"bakgrunnsvariabler ({draft.ignored} kolonner ikke brukt); fyll inn der det "
                  f"står fyll-inn",
            f"draft with {draft.questions} questions and {draft.background} background "
            f"variables ({draft.ignored} columns not used); fill in where it says fyll-inn")
            + "\n")
    return 0


def _tenfactor(args: argparse.Namespace, lang: Lang, path: Path) -> int:
    """KS 10-FAKTOR means per unit: one profile per unit (JSON Lines, or files in -o DIR/)."""
    from tiltak.survey import profile_json
    from tiltak.survey._tenfactor import import_tenfactor, load_tenfactor

    catalogue = catalogue_of(args, args.catalogue if args.catalogue is not None
                             else default_dir("catalogue"))
    result = import_tenfactor(args.export, load_tenfactor(path, catalogue),
                              encoding=args.encoding, minimum=args.minimum)
    if not args.quiet:
        for line in result.summary(lang):
            note(line)
    out = args.output
    if out is not None and (str(out).endswith(("/", "\\")) or Path(out).is_dir()):
        Path(out).mkdir(parents=True, exist_ok=True)
        for profile in result.profiles:
            emit(profile_json(profile), Path(out) / f"{profile.subject.id}.json", lang)
    else:
        emit(result.to_jsonl(), out, lang)
    return 0


def _definition_path(name: str) -> Path | None:
    path = Path(name)
    if path.exists():
        return path
    root = default_dir("surveys")
    for suffix in (".yaml", ".yml"):
        if (root / f"{name}{suffix}").is_file():
            return root / f"{name}{suffix}"
    return None


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.survey import import_survey
    from tiltak.survey._tenfactor import is_tenfactor

    if args.export == "init" and args.init_export is not None:
        return _init(args, lang)
    if args.init_export is not None:
        args.parser.error(pick(lang, f"uventet argument: {args.init_export}",
                               f"unexpected argument: {args.init_export}"))
    if args.survey is None:
        args.parser.error(pick(lang, "--survey DEF mangler (eller bruk «tiltak survey init "
                               "EKSPORT» for å lage en definisjon)",
                               "--survey DEF is missing (or use 'tiltak survey init EXPORT' "
                               "to draft a definition)"))
    found = _definition_path(args.survey)
    if found is not None and found.suffix in (".yaml", ".yml") and is_tenfactor(found):
        return _tenfactor(args, lang, found)

    progress = None if args.quiet else _progress(lang)
    try:
        catalogue = catalogue_of(args, args.catalogue if args.catalogue is not None
                                 else default_dir("catalogue"))
        result = import_survey(
            args.export, args.survey, minimum=args.minimum, catalogue=catalogue,
            encoding=args.encoding, alpha=args.alpha, subject_id=args.subject_id,
            subject_name=args.subject_name, work_limit=args.audit_limit, progress=progress,
        )
    finally:
        if progress is not None:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
    if not args.quiet:
        for line in result.summary(lang):
            note(line)
    if args.report:
        if args.output is not None:
            emit(result.to_json(), args.output, lang, "json")
        emit(result.report(lang), None, lang)
    else:
        emit(result.to_json(), args.output, lang, "json")
    return 0
