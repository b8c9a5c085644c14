"""``tiltak check``: validate rules and catalogue, and warn about likely mistakes."""

from __future__ import annotations

import argparse

from tiltak._i18n import Lang
from tiltak.cli._common import add_kb, add_lang, add_output, emit, pick

ORDER = 40
NAME = "check"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "sjekk regler og katalog for feil og sannsynlige tabber",
                  "check rules and catalogue for errors and likely mistakes"),
        description=pick(
            lang,
            "Validerer katalogen og reglene og advarer om regler som aldri slår til, kopier, "
            "skyggede regler, undertrykte anbefalinger, ubrukte behov, tiltak ingen regel når "
            "og områder uten regler. Avslutter med 1 ved feil (og ved advarsler med --strict).",
            "Validates the catalogue and the rules and warns about rules that never fire, "
            "duplicates, shadowed rules, suppressed recommendations, unused needs, measures no "
            "rule reaches and areas without rules. Exits 1 on errors (and on warnings with "
            "--strict).",
        ),
    )
    add_kb(parser, lang)
    parser.add_argument("--strict", action="store_true",
                        help=pick(lang, "la advarsler gi avslutningskode 1",
                                  "make warnings fail (exit code 1)"))
    add_output(parser, lang, ("text", "json"))
    add_lang(parser, lang)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.authoring.lint import check

    report = check(args.rules, args.catalogue)
    text = report.to_json(lang) if args.format == "json" else report.render(lang)
    emit(text, args.output, lang, args.format)
    return report.exit_code(args.strict)
