"""``tiltak explain``: why (not) a measure, condition by condition."""

from __future__ import annotations

import argparse

from tiltak._i18n import Lang
from tiltak.cli._common import (
    TOP,
    add_kb,
    add_lang,
    add_output,
    cached,
    emit,
    pick,
    whole,
)

ORDER = 50
NAME = "explain"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "forklar hvorfor et tiltak (ikke) foreslås",
                  "explain why a measure is (not) suggested"),
        description=pick(
            lang,
            "Viser for hver regel som nevner tiltaket hvilke betingelser som holdt og hvilke "
            "som ikke gjorde det, og hvor mye som manglet; også undertrykkinger og behov. Uten "
            "--measure forklares de beste forslagene.",
            "Shows, for every rule that mentions the measure, which conditions held and which "
            "failed and by how much, including suppressions and needs. Without --measure, the "
            "top suggestions are explained.",
        ),
    )
    parser.add_argument("profile", metavar="PROFILE",
                        help=pick(lang, "profilfil (JSON) eller -", "profile file (JSON) or -"))
    parser.add_argument("--measure", metavar="ID", default=None,
                        help=pick(lang, "tiltaket som skal forklares",
                                  "the measure to explain"))
    parser.add_argument("--top", type=whole(lang, TOP), default=3, metavar="N",
                        help=pick(lang, "uten --measure: forklar de N beste (standard 3)",
                                  "without --measure: explain the N best (default 3)"))
    add_output(parser, lang, ("text", "json"))
    add_lang(parser, lang)
    add_kb(parser, lang, cache=True)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.authoring.explain import explain
    from tiltak.engine import load

    engine = load(args.rules, args.catalogue, cache=cached(args))
    result = explain(engine, args.profile, measure=args.measure, top=args.top)
    text = result.to_json() if args.format == "json" else result.render(lang, engine.catalogue)
    emit(text, args.output, lang, args.format)
    return 0
