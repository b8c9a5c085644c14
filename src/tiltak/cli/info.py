"""``tiltak info``: what this tiltak is and uses: version, language, rules, catalogue, engines."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from tiltak import __version__
from tiltak._data import default_dir
from tiltak._escape import terminal
from tiltak._i18n import Lang, add_messages, detect_lang_source, message
from tiltak.cli._common import add_lang, pick
from tiltak.cli._workspace import current, resolve_sources

ORDER = 95
NAME = "info"

add_messages({
    "info-version": ("tiltak {version} (Python {python}), installert i {path}",
                     "tiltak {version} (Python {python}), installed in {path}"),
    "info-lang": ("Språk: {lang} (fra {source})", "Language: {lang} (from {source})"),
    "info-workspace": ("Arbeidsområde: {config}", "Workspace: {config}"),
    "info-no-workspace": ("Arbeidsområde: ingen tiltak.toml her eller over; "
                          "tiltak init MAPPE lager et",
                          "Workspace: no tiltak.toml here or above; tiltak init DIR makes one"),
    "info-sources": ("Regler og katalog: {line}", "Rules and catalogue: {line}"),
    "info-folder": ("{name}: {path}", "{name}: {path}"),
    "info-engines": ("Regelmotorer: {engines}", "Rule engines: {engines}"),
    "info-cache-on": ("Hurtiglager for kompilerte regler og katalog: {path}",
                      "Cache of compiled rules and catalogue: {path}"),
    "info-cache-off": ("Hurtiglager for kompilerte regler og katalog: av (TILTAK_NO_CACHE)",
                       "Cache of compiled rules and catalogue: off (TILTAK_NO_CACHE)"),
    "info-cache-no-home": ("Hurtiglager for kompilerte regler og katalog: ingen (ingen "
                           "hjemmemappe; sett TILTAK_CACHE_DIR)",
                           "Cache of compiled rules and catalogue: none (no home folder; "
                           "set TILTAK_CACHE_DIR)"),
    "info-cache-no-owners": ("Hurtiglager for kompilerte regler og katalog: ingen (systemet "
                             "har ikke eiere av filer)",
                             "Cache of compiled rules and catalogue: none (the system has no "
                             "file owners)"),
    "info-cache-not-private": ("Hurtiglager for kompilerte regler og katalog: brukes ikke, "
                               "{path} er ikke en privat mappe (0700) som tilhører deg",
                               "Cache of compiled rules and catalogue: not used, {path} is "
                               "not a private folder (0700) of yours"),
    "info-available": ("tilgjengelig", "available"),
    "info-missing": ("ikke installert ({install})", "not installed ({install})"),
})


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "vis versjon, språk, regler, katalog og regelmotorer",
                  "show version, language, rules, catalogue and rule engines"),
        description=pick(
            lang,
            "Viser hvilken tiltak som kjører, hvilket språk som brukes og hvorfor, hvilke "
            "regler og hvilken katalog kommandoene i denne mappen bruker, og hvilke "
            "regelmotorer som er installert.",
            "Shows which tiltak runs, which language is used and why, which rules and "
            "catalogue commands in this folder use, and which rule engines are installed.",
        ),
    )
    add_lang(parser, lang)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, lang: Lang) -> int:
    source = "--lang" if args.lang else detect_lang_source()[1]
    workspace = current()
    probe = argparse.Namespace(rules=None, catalogue=None, command=NAME)
    line = resolve_sources(probe, lang, workspace) or ""
    package = Path(__file__).resolve().parent.parent
    out = [
        message("info-version", lang, version=__version__,
                python=".".join(map(str, sys.version_info[:3])), path=package),
        message("info-lang", lang, lang=lang, source=source),
        message("info-workspace", lang, config=workspace.config) if workspace is not None
        else message("info-no-workspace", lang),
        message("info-sources", lang, line=line),
    ]
    for name in ("surveys", "scenarios", "examples"):
        folder = workspace.folder(name) if workspace is not None else None
        out.append(message("info-folder", lang, name=name,
                           path=folder or default_dir(name)))
    rete = importlib.util.find_spec("durable") is not None
    engines = [f"python: {message('info-available', lang)}",
               "rete: " + (message("info-available", lang) if rete else
                           message("info-missing", lang, install="pip install 'tiltak[rete]'"))]
    out.append(message("info-engines", lang, engines="; ".join(engines)))
    from tiltak.engine._cache import cache_state

    state, folder = cache_state()
    out.append(message(f"info-cache-{state}", lang, path=folder))
    sys.stdout.write(terminal("\n".join(out)) + "\n")
    return 0
