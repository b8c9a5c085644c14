"""Options and helpers every command shares."""

from __future__ import annotations

import argparse
import codecs
import datetime
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tiltak._escape import document, terminal
from tiltak._i18n import (
    LANGS,
    Lang,
    NumberFormatError,
    add_messages,
    detect_lang,
    format_number,
    message,
    parse_amount,
    parse_decimal,
)
from tiltak._io import write_atomic, write_failed
from tiltak._limits import MAX_AMOUNT
from tiltak.errors import TiltakError

if TYPE_CHECKING:
    from tiltak.catalogue import Catalogue

add_messages({
    "cli-lang-unknown": ("TILTAK_LANG={value} er ikke et språk tiltak har (nb, en); bruker "
                         "norsk bokmål ({source})",
                         "TILTAK_LANG={value} is not a language tiltak has (nb, en); using "
                         "English ({source})"),
    "cli-number-between": ("«{text}» må være et tall mellom {low} og {high}",
                           "'{text}' must be a number between {low} and {high}"),
    "cli-whole-between": ("«{text}» må være et heltall fra {low} til {high}{why_nb}",
                          "'{text}' must be a whole number from {low} to {high}{why}"),
    "cli-encoding": ("«{text}» er ikke en tegnkoding tiltak kjenner; for eksempel {known}",
                     "'{text}' is not an encoding tiltak knows; for example {known}"),
    "cli-date": ("«{text}» må være en dato som ÅÅÅÅ-MM-DD, f.eks. 2027-01-31",
                 "'{text}' must be a date as YYYY-MM-DD, e.g. 2027-01-31"),
    "cli-amount-too-large": ("«{text}» er for stort; høyst {limit}",
                             "'{text}' is too large; at most {limit}"),
    "cli-output-empty": ("«{path}» er ikke et filnavn å skrive til; oppgi en fil (eller - for "
                         "standard ut)",
                         "'{path}' is not a file name to write to; give a file (or - for "
                         "standard output)"),
    "cli-output-is-input": ("{path} er også inndata ({input}); å skrive den ville overskrive "
                            "inndataene: velg en annen fil",
                            "{path} is also an input ({input}); writing it would overwrite "
                            "the input: choose another file"),
    "cli-output-twice": ("{path} og {other} er samme fil; gi hvert resultat sin egen fil",
                         "{path} and {other} are the same file; give each output a file of "
                         "its own"),
    "cli-output-stdout-twice": ("bare ett resultat kan gå til standard ut; gi de andre en fil",
                                "only one output can go to standard output; give the others "
                                "a file"),
})

# Choices the parser needs before any command runs. They are copies, so that building the
# parser imports no library (tests/test_lazy_imports.py checks each equals the library's).
ENGINES = ("python", "rete")
PLAN_FORMATS = ("text", "json", "markdown", "graphml", "dot", "mermaid")
GRAPH_FORMATS = ("json", "graphml", "dot", "mermaid")
SCHEMA_NAMES = ("rules", "catalogue", "profile", "result", "survey", "comparison", "plan")
# The library's error rate (tiltak.survey, tiltak.compare), kept here so that building the
# parser imports neither; tests/test_compare_cli.py checks they agree.
DEFAULT_ALPHA = 0.05
LOWEST_MINIMUM = 3

_HELP: dict[str, tuple[str, str]] = {
    "lang": ("språk for utdata (nb eller en); standard fra TILTAK_LANG eller LANG",
             "language of the output (nb or en); default from TILTAK_LANG or LANG"),
    "rules": ("mappe (eller fil) med regler; standard: de medfølgende",
              "directory (or file) of rules; default: the bundled ones"),
    "catalogue": ("mappe med tiltakskatalogen; standard: den medfølgende",
                  "catalogue directory; default: the bundled one"),
    "format": ("utdataformat", "output format"),
    "output": ("skriv til FIL (atomisk) i stedet for standard ut",
               "write to FILE (atomically) instead of standard output"),
    "engine": ("regelmotor: python (standard) eller rete (durable_rules)",
               "rule engine: python (default) or rete (durable_rules)"),
    "no-cache": ("les regler og katalog på nytt i stedet for fra hurtiglageret (samme "
                 "resultat; også TILTAK_NO_CACHE=1)",
                 "read rules and catalogue afresh instead of from the cache (the same result; "
                 "also TILTAK_NO_CACHE=1)"),
    "no-cache-catalogue": ("les katalogen på nytt i stedet for fra hurtiglageret (samme "
                           "resultat; også TILTAK_NO_CACHE=1)",
                           "read the catalogue afresh instead of from the cache (the same "
                           "result; also TILTAK_NO_CACHE=1)"),
}


def h(key: str, lang: Lang) -> str:
    """Help text for a shared option."""
    nb, en = _HELP[key]
    return nb if lang == "nb" else en


def pick(lang: Lang, nb: str, en: str) -> str:
    return nb if lang == "nb" else en


# The ranges of the commands' whole-number options: each a count a user could mean. A
# number past them is a typing slip (10^12 months, a million processes), said as wrong usage
# before anything runs, not an hour's work, a full memory or an error from deep inside.
TOP = (1, 10_000)            # --top: recommendations shown or planned
JOBS = (1, 256)              # --jobs: processes
YEARS = (1, 10)              # plan --years: the plan's horizon (tiltak.plan checks the same)
MONTHS = (0, 600)            # compare --months, --duration: 50 years
MINIMUM = (3, 1_000_000)     # --minimum: the smallest group published (anonymity)
AUDIT_LIMIT = (0, 10**15)    # survey --audit-limit: arithmetic operations
HEADER_ROW = (1, 50)         # survey init --header-row
_DIGITS = re.compile(r"\+?[0-9]{1,30}")
_GROUPING = str.maketrans("", "", " _\u00a0\u202f")


def whole(lang: Lang, bounds: tuple[int, int],
          why: tuple[str, str] | None = None) -> Callable[[str], int]:
    """argparse type: a whole number within ``bounds`` (both included); digits may be grouped
    as people write them (``50 000 000``, ``50_000_000``). ``why`` (nb, en) is added to the
    error, e.g. ("anonymitet", "anonymity")."""
    low, high = bounds

    def parse(text: str) -> int:
        cleaned = text.strip().translate(_GROUPING)
        value = int(cleaned) if _DIGITS.fullmatch(cleaned) else None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(message(
                "cli-whole-between", lang, text=text[:40], low=format_number(low, lang, 0),
                high=format_number(high, lang, 0),
                why_nb=f" ({why[0]})" if why else "", why=f" ({why[1]})" if why else ""))
        return value

    return parse


_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "windows-1252", "iso-8859-1",
              "iso-8859-15", "cp865", "mac-roman")


def encoding(lang: Lang) -> Callable[[str], str]:
    """argparse type: the name of a text encoding Python knows (``utf-8``, ``windows-1252``);
    an unknown one is wrong usage, with a "did you mean", before the file is read."""

    def parse(text: str) -> str:
        try:
            codecs.lookup(text.strip())
        except LookupError:
            raise argparse.ArgumentTypeError(message(
                "cli-encoding", lang, text=text[:40], known=", ".join(_ENCODINGS),
                near=(text.strip().lower(), _ENCODINGS))) from None
        return text.strip()

    return parse


def iso_date(lang: Lang) -> Callable[[str], str]:
    """argparse type: a date as YYYY-MM-DD."""

    def parse(text: str) -> str:
        try:
            return datetime.date.fromisoformat(text.strip()).isoformat()
        except ValueError:
            raise argparse.ArgumentTypeError(message("cli-date", lang, text=text[:40])) from None

    return parse


def amount(lang: Lang) -> Callable[[str], float]:
    """argparse type: an amount (NOK or hours) as people write it: 400000, "400 000", 400.000."""

    def parse(text: str) -> float:
        try:
            value = parse_amount(text)
        except NumberFormatError as exc:
            raise argparse.ArgumentTypeError(message(exc.key, lang, **exc.params)) from None
        if not value <= MAX_AMOUNT:  # 1e400 or 400 digits would be infinity
            raise argparse.ArgumentTypeError(message("cli-amount-too-large", lang,
                                                     text=text[:40], limit="1e12"))
        return value

    return parse


def decimal(lang: Lang, low: float, high: float) -> Callable[[str], float]:
    """argparse type: a number strictly between ``low`` and ``high``; 0,05 and 0.05 both work."""

    def parse(text: str) -> float:
        try:
            value = parse_decimal(text)
        except NumberFormatError as exc:
            raise argparse.ArgumentTypeError(message(exc.key, lang, **exc.params)) from None
        if not low < value < high:
            raise argparse.ArgumentTypeError(message(
                "cli-number-between", lang, text=text, low=format_number(low, lang, None),
                high=format_number(high, lang, None)))
        return value

    return parse


def add_lang(parser: argparse.ArgumentParser, lang: Lang) -> None:
    parser.add_argument("--lang", choices=LANGS, default=None, help=h("lang", lang))


def add_kb(parser: argparse.ArgumentParser, lang: Lang, *, cache: bool = False) -> None:
    """--rules and --catalogue; with ``cache``, --no-cache too (for commands that load an
    engine: see :func:`cached`)."""
    parser.add_argument("--rules", type=Path, default=None, metavar="DIR", help=h("rules", lang))
    parser.add_argument("--catalogue", type=Path, default=None, metavar="DIR",
                        help=h("catalogue", lang))
    if cache:
        parser.add_argument("--no-cache", action="store_true", help=h("no-cache", lang))


def cached(args: argparse.Namespace) -> bool:
    """Whether to take the compiled rules and catalogue from the cache (tiltak.engine.load):
    yes unless --no-cache (TILTAK_NO_CACHE=1 is checked by load itself)."""
    return not getattr(args, "no_cache", False)


def catalogue_of(args: argparse.Namespace, path: str | Path) -> Catalogue:
    """The catalogue in ``path`` for a command that reads no rules (graph, survey): from the
    cache unless --no-cache or TILTAK_NO_CACHE=1, as an engine's is (tiltak.engine._cache)."""
    from tiltak.catalogue import load_catalogue
    from tiltak.engine._cache import cache_enabled, load_catalogue_cached

    if cached(args) and cache_enabled():
        return load_catalogue_cached(path)
    return load_catalogue(path)


def add_output(parser: argparse.ArgumentParser, lang: Lang, formats: tuple[str, ...]) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0], help=h("format", lang))
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help=h("output", lang))


def emit(text: str, output: Path | None, lang: Lang, kind: str = "text") -> None:
    """Print ``text`` or write it atomically to ``output``.

    ``kind`` is the output format ("json", "text", "markdown", ...): text from
    the input is made safe for it (tiltak._escape.document) on the way out.
    """
    text = document(text, kind)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise write_failed(str(output), exc) from None


def note(text: str, stream: str = "stderr") -> None:
    """Write ``text`` to standard error (or ``stream="stdout"``), each line as ``tiltak: LINE``
    (no prefix on standard output), with controls and characters that show as nothing shown
    escaped: lines quote names, headers and paths from the user's files."""
    out = sys.stderr if stream == "stderr" else sys.stdout
    prefix = "tiltak: " if stream == "stderr" else ""
    # Lines end at newlines only: a vertical tab, NEL or line separator in a quoted name is
    # shown escaped, not taken for the end of a line (str.splitlines would split there).
    lines = text.split("\n")
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    for line in lines:
        out.write(f"{prefix}{terminal(line, multiline=False)}\n")
    out.flush()


def prescan_lang(argv: list[str]) -> Lang:
    """The language asked for on the command line (before parsing), else the environment's."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGS:
            return argv[i + 1]  # type: ignore[return-value]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]  # type: ignore[return-value]
    return detect_lang()


def fail(error: TiltakError, lang: Lang) -> int:
    """Print an error to stderr the way users see every error: short, located, no traceback."""
    prefix = message("error", lang)
    # Messages quote input (names, values): show its control characters escaped.
    text = terminal(error.render(lang))
    lines = text.splitlines() or [text]
    if len(lines) == 1:
        sys.stderr.write(f"tiltak: {prefix}: {lines[0]}\n")
    else:
        sys.stderr.write(f"tiltak: {message('input-invalid', lang, count=len(lines))}:\n")
        for line in lines:
            sys.stderr.write(f"  {line}\n")
    return 1


def bundled_survey_names() -> str:
    """The bundled survey definitions' names, for help texts ("-" when there are none)."""
    from tiltak._data import default_dir

    root = default_dir("surveys")
    names = sorted(p.stem for p in root.iterdir()
                   if p.suffix in (".yaml", ".yml")) if root.is_dir() else []
    return ", ".join(names) or "-"
