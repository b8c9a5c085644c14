"""The ``tiltak`` command: a thin layer over the library.

Errors are printed to stderr in one or a few lines, with exit code 1 (2 for
usage errors) and never a traceback. The language comes from ``--lang``,
``TILTAK_LANG`` or the locale (nb for a Norwegian locale, else en).
"""

from __future__ import annotations

import argparse
import os
import pkgutil
import sys
from collections.abc import Sequence
from importlib import import_module
from types import ModuleType

import tiltak._cli as _cli_package
from tiltak import __version__
from tiltak._cli.common import fail, pick, prescan_lang
from tiltak._i18n import Lang, message
from tiltak.errors import TiltakError

__all__ = ["build_parser", "entry", "main"]


def _commands() -> list[ModuleType]:
    """The command modules in tiltak._cli, ordered by their ORDER (then name).

    Each has ORDER, NAME and register(subparsers, lang), which sets a
    run(args, lang) -> int as the parser's default.
    """
    modules = [
        import_module(f"tiltak._cli.{info.name}")
        for info in pkgutil.iter_modules(_cli_package.__path__)
        if info.name != "common" and not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.NAME))


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiltak",
        description=pick(
            lang,
            "Planlegg kompetanseutvikling: fra kompetanseprofiler til rangerte tiltak.",
            "Plan competence development: from competence profiles to ranked measures.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"tiltak {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                title=pick(lang, "kommandoer", "commands"))
    sub.required = True
    for module in _commands():
        module.register(sub, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = prescan_lang(args_list)
    parser = build_parser(lang)
    args = parser.parse_args(args_list)
    if getattr(args, "lang", None):
        lang = args.lang
    try:
        code: int = args.run(args, lang)
        return code
    except TiltakError as error:
        return fail(error, lang)
    except KeyboardInterrupt:
        sys.stderr.write(f"tiltak: {message('cli-interrupted', lang)}\n")
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from
        # complaining about the unflushed stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # a bug in tiltak: one line, the traceback only on request
        if os.environ.get("TILTAK_DEBUG"):
            raise
        text = message("cli-internal", lang, error=type(exc).__name__, detail=exc)
        sys.stderr.write(f"tiltak: {text}\n")
        return 70


def entry() -> None:
    sys.exit(main())
