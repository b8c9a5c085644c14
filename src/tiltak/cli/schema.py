"""``tiltak schema``: print (or write) the JSON Schemas for editor support."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tiltak._escape import terminal
from tiltak._i18n import Lang
from tiltak.cli._common import SCHEMA_NAMES, add_lang, emit, pick

ORDER = 60
NAME = "schema"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "skriv JSON-skjema for regler, katalog, profil, resultat, "
                  "spørreundersøkelse, sammenligning eller plan", "print the JSON Schema for "
                  "rules, catalogue, profile, result, survey, comparison or plan"),
        description=pick(
            lang,
            "Skriver et JSON-skjema. Med en linje «# yaml-language-server: $schema=...» øverst "
            "i en YAML-fil gir VS Code (YAML-utvidelsen) forslag og feil mens du skriver.",
            "Prints a JSON Schema. With a '# yaml-language-server: $schema=...' line at the "
            "top of a YAML file, VS Code (the YAML extension) completes and flags errors as "
            "you type.",
        ),
    )
    parser.add_argument("name", nargs="?", choices=SCHEMA_NAMES, metavar="NAME",
                        help=" | ".join(SCHEMA_NAMES))
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help=pick(lang, "skriv til FIL (atomisk)", "write to FILE (atomically)"))
    parser.add_argument("--write", type=Path, default=None, metavar="DIR",
                        help=pick(lang, "skriv alle skjemaene til DIR/NAVN.schema.json",
                                  "write every schema to DIR/NAME.schema.json"))
    add_lang(parser, lang)
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.authoring.schema import schema_text, write_schemas

    if args.write is not None:
        for path in write_schemas(args.write):
            sys.stdout.write(f"{terminal(str(path), multiline=False)}\n")
        return 0
    if args.name is None:
        args.parser.error(pick(lang, "oppgi NAVN eller --write DIR", "give NAME or --write DIR"))
    emit(schema_text(args.name), args.output, lang, "json")
    return 0
