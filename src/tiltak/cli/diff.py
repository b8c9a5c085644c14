"""``tiltak diff``: how suggestions change between two versions of the rules."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tiltak._i18n import Lang
from tiltak.cli._common import (
    TOP,
    add_lang,
    add_output,
    emit,
    pick,
    whole,
)
from tiltak.errors import TiltakError

if TYPE_CHECKING:
    from tiltak.profile import Profile

ORDER = 55
NAME = "diff"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "se hvordan forslagene endres når reglene endres",
                  "see how suggestions change when the rules change"),
        description=pick(
            lang,
            "Kjører to versjoner av reglene på de samme profilene (eller profilene i de "
            "medfølgende scenarioene) og viser tiltak som er lagt til, fjernet eller flyttet.",
            "Runs two versions of the rules on the same profiles (or the bundled scenarios' "
            "profiles) and shows measures added, removed or moved.",
        ),
    )
    parser.add_argument("profiles", nargs="*", metavar="PROFILE",
                        help=pick(lang, "profilfiler (JSON)", "profile files (JSON)"))
    parser.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR",
                        required=True,
                        help=pick(lang, "gammel og ny regelmappe: --rules GAMMEL --rules NY",
                                  "old and new rules: --rules OLD --rules NEW"))
    parser.add_argument("--catalogue", action="append", type=Path, default=[], metavar="DIR",
                        help=pick(lang, "katalog (én for begge, eller gammel og ny)",
                                  "catalogue (one for both, or old and new)"))
    parser.add_argument("--top", type=whole(lang, TOP), default=None, metavar="N",
                        help=pick(lang, "sammenlign bare de N beste",
                                  "compare only the N best"))
    add_output(parser, lang, ("text", "json"))
    add_lang(parser, lang)
    parser.set_defaults(run=run, parser=parser)


def _profiles(paths: list[str]) -> list[tuple[str, Profile]]:
    from tiltak.profile import load_profile

    if paths:
        return [(path, load_profile(path)) for path in paths]
    from tiltak.authoring.scenarios import default_scenarios

    return [(s.id, s.load_profile()) for s in default_scenarios()]


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.authoring.diff import diff
    from tiltak.engine import load

    parser: argparse.ArgumentParser = args.parser
    if len(args.rules) != 2:
        parser.error(pick(lang, "oppgi --rules nøyaktig to ganger (GAMMEL og NY)",
                          "give --rules exactly twice (OLD and NEW)"))
    if len(args.catalogue) > 2:
        parser.error(pick(lang, "oppgi --catalogue høyst to ganger",
                          "give --catalogue at most twice"))
    cats = args.catalogue or [None]
    old = load(args.rules[0], cats[0])
    new = load(args.rules[1], cats[-1])
    profiles = _profiles(args.profiles)
    if not profiles:
        raise TiltakError("diff-no-profiles")
    report = diff(old, new, profiles, args.top)
    emit(report.to_json() if args.format == "json" else report.render(lang), args.output, lang,
         args.format)
    return 0
