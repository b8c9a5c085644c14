"""``tiltak graph``: export the catalogue's cross-sector dependency graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from tiltak._i18n import Lang
from tiltak.cli._common import GRAPH_FORMATS, add_lang, add_output, catalogue_of, emit, h, pick

ORDER = 40
NAME = "graph"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "eksporter avhengighetsgrafen på tvers av sektorer",
                  "export the cross-sector dependency graph"),
        description=pick(
            lang,
            "Skriver katalogen som graf (tiltak, sektorer, kompetanseområder og roller; "
            "forutsetninger, involvering, eierskap og sektorer som trenger hverandres "
            "kompetanse) som JSON, GraphML, DOT eller Mermaid.",
            "Writes the catalogue as a graph (measures, sectors, areas and roles; "
            "prerequisites, involvement, ownership and sectors relying on each other's "
            "competence) as JSON, GraphML, DOT or Mermaid.",
        ),
    )
    add_output(parser, lang, GRAPH_FORMATS)
    add_lang(parser, lang)
    parser.add_argument("--catalogue", type=Path, default=None,
                        metavar="DIR", help=h("catalogue", lang))
    parser.add_argument("--no-cache", action="store_true", help=h("no-cache-catalogue", lang))
    parser.add_argument("--profile", default=None, metavar="PROFILE",
                        help=pick(lang, "marker organisasjonens sektorer og løpende tiltak fra "
                                  "profilens context", "mark the organisation's sectors and "
                                  "running measures from the profile's context"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak._data import default_dir
    from tiltak.graph import build_graph, export_graph
    from tiltak.profile import load_profile

    catalogue = catalogue_of(args, args.catalogue or default_dir("catalogue"))
    context = None
    if args.profile is not None:
        profile = load_profile(args.profile)
        context = profile.context
    emit(export_graph(build_graph(catalogue, context), args.format, lang), args.output, lang,
         args.format)
    return 0
