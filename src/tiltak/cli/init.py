"""``tiltak init``: a workspace of the adviser's own, with copies of everything bundled."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tiltak._escape import terminal
from tiltak._i18n import Lang, message
from tiltak.cli._common import add_lang, pick
from tiltak.cli._workspace import init_workspace

ORDER = 1
NAME = "init"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "lag et eget arbeidsområde med regler, katalog og eksempler",
                  "make a workspace of your own with rules, catalogue and examples"),
        description=pick(
            lang,
            "Kopierer de medfølgende reglene, katalogen, kartleggingsdefinisjonene, "
            "scenarioene, eksemplene og skjemaene til MAPPE og skriver tiltak.toml. "
            "Kommandoer som kjøres i MAPPE (eller under den) bruker da disse kopiene, "
            "som du kan redigere.",
            "Copies the bundled rules, catalogue, survey definitions, scenarios, examples "
            "and schemas into DIR and writes tiltak.toml. Commands run in DIR (or below it) "
            "then use these copies, which you can edit.",
        ),
    )
    parser.add_argument("directory", metavar=pick(lang, "MAPPE", "DIR"), type=Path,
                        help=pick(lang, "ny (eller tom) mappe", "a new (or empty) folder"))
    add_lang(parser, lang)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, lang: Lang) -> int:
    target: Path = args.directory
    init_workspace(target, lang)
    sys.stdout.write(terminal(message("ws-created", lang, path=str(target))) + "\n")
    steps = [
        f"cd {target}",
        "tiltak check",
        "tiltak suggest examples/bindal-organisasjon.json",
        "tiltak survey examples/survey-ksaa.csv --survey ksaa -o profile.json",
        "tiltak suggest profile.json",
    ]
    sys.stdout.write("".join(f"  {step}\n" for step in steps))
    return 0
