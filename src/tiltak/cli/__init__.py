"""The ``tiltak`` command: a thin layer over the library.

Errors are printed to stderr in one or a few lines, with exit code 1 (2 for
usage errors) and never a traceback. The language comes from ``--lang``,
``TILTAK_LANG`` or the locale (nb for a Norwegian locale, else en).
"""

from __future__ import annotations

import argparse
import codecs
import errno
import gc
import io
import os
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from importlib import import_module
from types import ModuleType
from typing import Any, NoReturn

import tiltak.cli as _cli_package  # this package: its modules are the commands
from tiltak import __version__
from tiltak._i18n import Lang, detect_lang_source, did_you_mean, message, unknown_lang_setting
from tiltak._io import read_only, write_failed
from tiltak.cli._common import fail, note, pick, prescan_lang
from tiltak.cli._workspace import announce, current, resolve_sources
from tiltak.errors import TiltakError

__all__ = ["build_parser", "entry", "main"]


def _commands() -> list[ModuleType]:
    """The command modules in tiltak.cli, ordered by their ORDER (then name).

    Each has ORDER, NAME and register(subparsers, lang), which sets a
    run(args, lang) -> int as the parser's default.
    """
    modules = [
        import_module(f"tiltak.cli.{info.name}")
        for info in pkgutil.iter_modules(_cli_package.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.NAME))


def _named_command(argv: Sequence[str]) -> ModuleType | None:
    """The module of the command ``argv`` starts with, imported alone; None when ``argv``
    starts otherwise (an option, a mistyped command)."""
    name = argv[0] if argv else ""
    if not name.isidentifier() or name.startswith("_"):
        return None
    if not any(info.name == name for info in pkgutil.iter_modules(_cli_package.__path__)):
        return None
    module = import_module(f"tiltak.cli.{name}")
    return module if getattr(module, "NAME", None) == name else None


class _Retry(Exception):
    """A parser of one command met an error: the whole parser answers it (its "did you mean"
    knows every command's options)."""


# argparse's own error messages, in Norwegian (the English ones come from argparse).
_USAGE_ERRORS_NB: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^the following arguments are required: (.*)$", r"disse argumentene mangler: \1"),
        (r"^unrecognized arguments: (.*)$", r"ukjente argumenter: \1"),
        (r"^argument (.+?): invalid choice: (.*) \(choose from (.*)\)$",
         r"argument \1: ugyldig valg: \2 (velg blant \3)"),
        (r"^argument (.+?): expected one argument$", r"argument \1: mangler en verdi"),
        (r"^argument (.+?): invalid (.+?) value: (.*)$", r"argument \1: ugyldig verdi: \3"),
    )
)


def _norwegian_usage_error(message: str) -> str:
    for pattern, replacement in _USAGE_ERRORS_NB:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


_INVALID_CHOICE = re.compile(r"invalid choice: '(.*?)' \(choose from (.*)\)$")
_UNRECOGNIZED = re.compile(r"^unrecognized arguments: (.*)$")


def _option_strings(parser: argparse.ArgumentParser) -> set[str]:
    """Every option of ``parser`` and of its subcommands (for "did you mean")."""
    found: set[str] = set()
    for action in parser._actions:
        found.update(s for s in action.option_strings if s.startswith("--"))
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _option_strings(sub)
    return found


def _near(parser: argparse.ArgumentParser, text: str, lang: Lang) -> str:
    """"Did you mean" for a mistyped command, choice or option (difflib)."""
    choice = _INVALID_CHOICE.search(text)
    if choice:
        options = re.findall(r"'([^']*)'", choice.group(2))
        return did_you_mean(choice.group(1), options, lang)
    unknown = _UNRECOGNIZED.match(text)
    if unknown:
        flags = _option_strings(parser)
        for word in unknown.group(1).split():
            if word.startswith("--"):
                hint = did_you_mean(word.split("=")[0], flags, lang)
                if hint:
                    return hint
    return ""


def _parser_class(lang: Lang) -> type[argparse.ArgumentParser]:
    """An ArgumentParser whose own words (usage, options, help, error) are in ``lang``."""

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup],
                      prefix: str | None = None) -> None:
            if prefix is None:  # argparse passes "" when it builds a subcommand's prog
                prefix = pick(lang, "bruk: ", "usage: ")
            super().add_usage(usage, actions, groups, prefix)

    class Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["add_help"] = False
            kwargs.setdefault("formatter_class", Formatter)
            super().__init__(*args, **kwargs)
            self._positionals.title = pick(lang, "argumenter", "positional arguments")
            self._optionals.title = pick(lang, "valg", "options")
            self.add_argument("-h", "--help", action="help",
                              help=pick(lang, "vis denne hjelpen og avslutt",
                                        "show this help message and exit"))

        #: While a parser of one command parses, an error is left to the whole parser.
        retry = False

        def error(self, message: str) -> NoReturn:
            if type(self).retry:
                raise _Retry
            near = _near(self, message, lang)
            if lang == "nb":
                message = _norwegian_usage_error(message)
            message += near
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: {pick(lang, 'feil i bruken', 'usage error')}: "
                         f"{message}\n")

    return Parser


def _command_parser(parser: argparse.ArgumentParser,
                    args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the command ``args`` came from (for its usage line in errors)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found = action.choices.get(getattr(args, "command", ""))
            if isinstance(found, argparse.ArgumentParser):
                return found
    return parser


def build_parser(lang: Lang) -> argparse.ArgumentParser:
    return _build(lang, _commands())


def _build(lang: Lang, commands: list[ModuleType]) -> argparse.ArgumentParser:
    parser = _parser_class(lang)(
        prog="tiltak",
        description=pick(
            lang,
            "Planlegg kompetanseutvikling: fra kompetanseprofiler til rangerte tiltak.",
            "Plan competence development: from competence profiles to ranked measures.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"tiltak {__version__}",
                        help=pick(lang, "vis versjonen og avslutt",
                                  "show the version and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                title=pick(lang, "kommandoer", "commands"))
    sub.required = True
    for module in commands:
        module.register(sub, lang)
    return parser


def _parse(argv: list[str], lang: Lang) -> argparse.Namespace:
    """``build_parser(lang).parse_args(argv)``. A command line that starts with a command is
    parsed by a parser of that command alone, which parses it the same way: importing and
    registering every other command was a twentieth of a short command's start-up. On any
    usage error the whole parser parses again and reports it, as it always did."""
    command = _named_command(argv)
    if command is not None:
        parser = _build(lang, [command])
        kind: Any = type(parser)
        kind.retry = True
        try:
            return parser.parse_args(argv)
        except _Retry:
            pass
        finally:
            kind.retry = False
    return build_parser(lang).parse_args(argv)


# Variables that set how many threads numpy's BLAS (OpenBLAS, MKL) starts.
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS",
                 "MKL_NUM_THREADS")


def _one_blas_thread() -> None:
    """Run numpy's BLAS on one thread in the ``tiltak`` process (before numpy loads),
    unless the user set one of ``_BLAS_THREADS``. tiltak's matrix work (the survey's
    anonymity audit) is many small products: a second BLAS thread mostly spins, and on a
    busy 2-core machine it made ``tiltak survey`` use half again as much CPU time and
    take longer."""
    if "numpy" not in sys.modules and not any(os.environ.get(v) for v in _BLAS_THREADS):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"


# The arguments that name files a command writes (-o may be given more than once).
_OUTPUTS = ("output", "next_profile")


def _paths(value: object) -> list[str]:
    """The file names in an argument's value (one, a list of them, or none)."""
    items = value if isinstance(value, list) else [value]
    return [str(item) for item in items if isinstance(item, (str, os.PathLike))]


def _same(a: str, b: str) -> bool:
    """Whether two names are one file: the same file now, or the same path once written."""
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _check_folder(path: str, lang: Lang, error: Callable[[str], NoReturn]) -> None:
    """Refuse, before any work is done, an output that is a folder or lies in a folder that
    does not exist (or in a file): the work would be lost at the end."""
    folder = os.path.dirname(path) or "."
    code = None
    if os.path.isdir(path):
        code = errno.EISDIR
    elif read_only(path):
        code = errno.EACCES
    elif not os.path.isdir(folder):
        code = errno.ENOTDIR if os.path.exists(folder) else errno.ENOENT
    if code is not None:
        error(write_failed(path, OSError(code, os.strerror(code))).render(lang))


def _check_outputs(args: argparse.Namespace, lang: Lang) -> None:
    """Refuse, as wrong usage, an output that would overwrite one of the command's inputs
    or another output, and an empty file name; ``-o -`` means standard output.

    Checked once here for every command, before anything is read, so that no command
    can clobber its input by an atomic rename of its own result over it.
    """

    def error(text: str) -> NoReturn:  # with the command's usage line, as argparse's own
        commands = [m for m in _commands() if getattr(args, "command", None) == m.NAME]
        parser = _build(lang, commands)
        _command_parser(parser, args).error(text)

    if getattr(args, "output", None) is not None and not isinstance(args.output, list) \
            and str(args.output) == "-":
        # a command's flag that prints to standard output too (survey --report)
        if any(getattr(args, flag, None) is True for flag in getattr(args, "stdout_flags", ())):
            error(message("cli-output-stdout-twice", lang))
        args.output = None  # "-o -": standard output, as "-" is standard input
    outputs = [path for name in _OUTPUTS for path in _paths(getattr(args, name, None))]
    if hasattr(args, "output") and args.output is None:
        outputs.insert(0, "-")  # the command prints to standard output
    inputs = [path for name, value in vars(args).items() if name not in _OUTPUTS
              for path in _paths(value) if path != "-" and os.path.isfile(path)]
    for i, path in enumerate(outputs):
        if path in ("", "."):
            error(message("cli-output-empty", lang, path=path))
        # a command that writes into a folder (survey -o DIR/), made if need be
        into_folder = getattr(args, "output_folder", False) and (
            path.endswith(("/", os.sep)) or os.path.isdir(path))
        if path != "-" and not into_folder:
            _check_folder(path, lang, error)
            clash = next((other for other in inputs if _same(path, other)), None)
            if clash is not None:
                error(message("cli-output-is-input", lang, path=path, input=clash))
        clash = next((other for other in outputs[:i]
                      if other == path == "-" or ("-" not in (path, other) and _same(path, other))),
                     None)
        if clash == "-":
            error(message("cli-output-stdout-twice", lang))
        if clash is not None:
            error(message("cli-output-twice", lang, path=path, other=clash))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = prescan_lang(args_list)
    args = _parse(args_list, lang)
    if getattr(args, "lang", None):
        lang = args.lang
    elif (unknown := unknown_lang_setting()) is not None:
        note(message("cli-lang-unknown", lang, value=unknown, source=detect_lang_source()[1]))
    _check_outputs(args, lang)
    try:
        if any(hasattr(args, name) for name in ("rules", "catalogue", "survey")):
            line = resolve_sources(args, lang, current())
            announce(line, bool(getattr(args, "quiet", False)))
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
        note(message("cli-internal", lang, error=type(exc).__name__, detail=exc))
        return 70


def _utf8_stdout() -> None:
    """Write standard output in UTF-8, as every file tiltak writes, whatever the locale's
    encoding: on Windows a redirected ``tiltak compare ... > out.txt`` used cp1252, which
    has no '→' or 'ε', and a POSIX locale in Latin-1 or ASCII none of 'å' or '–', so the
    command ended in an internal error half-way through its output. With
    ``PYTHONIOENCODING`` set, its encoding is kept and a character it cannot hold is
    written escaped instead."""
    stream = sys.stdout
    if not isinstance(stream, io.TextIOWrapper):
        return
    try:
        if codecs.lookup(stream.encoding).name == "utf-8":
            return
    except LookupError:
        pass
    if os.environ.get("PYTHONIOENCODING"):
        stream.reconfigure(errors="backslashreplace")
    else:
        stream.reconfigure(encoding="utf-8")


def entry() -> None:
    """The ``tiltak`` command as a process of its own (the console script, ``python -m``).

    When the command is done, every object start-up made (classes, validators, the knowledge
    base) is moved out of the garbage collector's sight, so that the interpreter's last
    collections at exit do not walk them all: about a sixth of a short command's time, for
    nothing. Called in process, :func:`main` leaves the collector alone. The command runs
    numpy's BLAS on one thread (see :func:`_one_blas_thread`); :func:`main` does not.
    """
    _one_blas_thread()
    _utf8_stdout()
    try:
        sys.exit(main())
    finally:  # also after --help, --version or a usage error (argparse exits itself)
        gc.freeze()
