"""``tiltak suggest``: ranked, explained measures for a profile, or for many (``--batch``)."""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import os
import re
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tiltak import _limits
from tiltak._i18n import Lang, add_messages, format_number, message
from tiltak._io import bom_encoding, kind_words, open_atomic, write_failed
from tiltak.cli._common import (
    ENGINES,
    JOBS,
    TOP,
    add_kb,
    add_lang,
    add_output,
    cached,
    emit,
    note,
    pick,
    whole,
)
from tiltak.errors import TiltakError

if TYPE_CHECKING:
    from tiltak.errors import ProfileError

COMPACT = 10

ORDER = 10
NAME = "suggest"

add_messages({
    "batch-format": ("--batch skriver JSON Lines; --format {format} går ikke sammen med --batch",
                     "--batch writes JSON Lines; --format {format} does not go with --batch"),
    "batch-jobs": ("--jobs gjelder bare sammen med --batch", "--jobs only goes with --batch"),
    "batch-failed": ("{failed} av {total} {total|profil|profiler} kunne ikke brukes (se "
                     "over); de andre er skrevet", "{failed} of {total} {total|profile|profiles} "
                     "could not be used (see above); the others were written"),
    "batch-failed-only": ("profilen kunne ikke brukes (se over); ingenting er skrevet",
                          "the profile could not be used (see above); nothing was written"),
    "batch-failed-all": ("ingen av de {total} profilene kunne brukes (se over); ingenting er "
                         "skrevet", "none of the {total} profiles could be used (see above); "
                         "nothing was written"),
    "batch-progress": ("{count} {n|profil|profiler}, {rate} per sekund",
                       "{count} {n|profile|profiles}, {rate} per second"),
    "batch-unreadable": ("kan ikke lese {path}: {reason}", "cannot read {path}: {reason}"),
    "batch-not-utf8": ("{path}: {count} {count|linje|linjer} (den første er linje {line}) er ikke "
                       "UTF-8: filen er trolig lagret i en annen tegnkoding (Windows-1252?); "
                       "lagre den som UTF-8 og kjør på nytt",
                       "{path}: {count} {count|line is|lines are} not UTF-8 (the first is line "
                       "{line}): the file seems to be saved in another encoding "
                       "(Windows-1252?); save it as UTF-8 and run again"),
    "batch-bad-encoding": ("{path}:{line}: teksten er ikke gyldig {encoding} (filen begynner "
                           "som {encoding}); lagre den som UTF-8",
                           "{path}:{line}: the text is not valid {encoding} (the file starts "
                           "as {encoding}); save it as UTF-8"),
})


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "foreslå tiltak for en kompetanseprofil (eller mange med --batch)",
                  "suggest measures for a competence profile (or many with --batch)"),
        description=pick(
            lang,
            "Leser en kompetanseprofil (JSON, eller - for standard inn) og skriver rangerte, "
            "begrunnede forslag til tiltak. Med --batch leses JSON Lines (én profil per "
            "linje) og skrives ett kompakt resultat (tiltak.result/1) per linje, i samme "
            "rekkefølge; en linje som ikke kan brukes meldes på standard feil med "
            "linjenummer, og de andre fortsetter (avslutningskode 1 hvis noen feilet).",
            "Reads a competence profile (JSON, or - for standard input) and prints ranked, "
            "explained suggestions. With --batch it reads JSON Lines (one profile a line) and "
            "writes one compact result (tiltak.result/1) a line, in the same order; a line "
            "that cannot be used is reported on standard error with its line number and the "
            "others go on (exit code 1 if any failed).",
        ),
    )
    parser.add_argument("profile", metavar="PROFILE",
                        help=pick(lang, "profilfil (JSON) eller -", "profile file (JSON) or -"))
    add_output(parser, lang, ("text", "json", "markdown"))
    parser.set_defaults(format=None)
    add_lang(parser, lang)
    parser.add_argument("--top", type=whole(lang, TOP), default=None, metavar="N",
                        help=pick(lang, "vis bare de N beste (tekst viser 10 uten --all)",
                                  "show only the N best (text shows 10 without --all)"))
    parser.add_argument("--all", action="store_true",
                        help=pick(lang, "tekst: vis alle forslag med begrunnelser og det som "
                                        "ikke ble foreslått",
                                  "text: show every suggestion with its reasons, and what was "
                                  "not suggested"))
    add_kb(parser, lang, cache=True)
    parser.add_argument("--engine", choices=ENGINES, default="python",
                        help=pick(lang, "regelmotor", "rule engine"))
    parser.add_argument("--batch", action="store_true",
                        help=pick(lang, "mange profiler: PROFILE er JSON Lines (én profil per "
                                  "linje), og utdata er JSON Lines",
                                  "many profiles: PROFILE is JSON Lines (one profile a line), "
                                  "and so is the output"))
    parser.add_argument("--jobs", type=whole(lang, JOBS), default=None, metavar="N",
                        help=pick(lang, "med --batch: bruk N prosesser (samme utdata; "
                                  "standard 1)", "with --batch: use N processes (the same "
                                  "output; default 1)"))
    parser.set_defaults(run=run, parser=parser)


def run(args: argparse.Namespace, lang: Lang) -> int:
    if args.batch:
        if args.format not in (None, "json"):
            args.parser.error(message("batch-format", lang, format=args.format))
        return _run_batch(args, lang)
    if args.jobs is not None:
        args.parser.error(message("batch-jobs", lang))
    from tiltak.engine import load
    from tiltak.engine._render import render_compact, render_markdown, render_text

    engine = load(args.rules, args.catalogue, engine=args.engine, cache=cached(args))
    result = engine.suggest(args.profile, top=args.top)
    if args.format == "json":
        text = result.to_json()
    elif args.format == "markdown":
        text = render_markdown(result, lang, engine.catalogue)
    elif args.all:
        text = render_text(result, lang, engine.catalogue)
    else:
        text = render_compact(result, lang, args.top or COMPACT, engine.catalogue)
    emit(text, args.output, lang, args.format)
    return 0


def _run_batch(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.engine._batch import EngineSpec, batch, located

    spec = EngineSpec(args.rules, args.catalogue, args.engine, cached(args))
    engine = spec.load()  # errors in rules or catalogue stop here, before any output
    source = "<stdin>" if args.profile == "-" else args.profile
    progress = _Progress(lang) if sys.stderr.isatty() else None
    total = failed = 0
    reader = _Lines(source, _limits.current().file_bytes)
    with _input(args.profile) as handle, _output(args.output) as out:
        write = out.write
        for number, outcome in batch(spec, reader.lines(handle), top=args.top,
                                     jobs=args.jobs or 1, engine=engine):
            total += 1
            if isinstance(outcome, bytes):
                write(outcome)
            else:
                failed += 1
                _report(located(outcome, source, number), lang)
            if progress is not None:
                progress.tick(total)
    if progress is not None:
        progress.done()
    if reader.not_utf8:
        note(message("batch-not-utf8", lang, path=source, count=reader.not_utf8,
                     line=reader.first_not_utf8))
    if failed:
        key = ("batch-failed" if failed < total
               else "batch-failed-only" if total == 1 else "batch-failed-all")
        sys.stderr.write(f"tiltak: {message(key, lang, failed=failed, total=total)}\n")
        return 1
    return 0


def _report(error: ProfileError, lang: Lang) -> None:
    prefix = message("error", lang)
    for line in error.render(lang).split("\n"):
        note(f"{prefix}: {line}")


@contextlib.contextmanager
def _input(name: str) -> Iterator[IO[bytes]]:
    """The batch input: standard input, a file or a pipe (``<(...)``); a directory or a device
    such as ``/dev/zero`` (no lines, no end) is refused before anything is read."""
    if name == "-":
        yield sys.stdin.buffer
        return
    try:
        handle = open(name, "rb")  # noqa: SIM115  (closed below)
    except OSError as exc:
        reason = "symlink loop" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        raise TiltakError("batch-unreadable", path=name, reason=reason) from None
    with handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode) or handle.isatty()):
            raise TiltakError("file-not-regular", path=name, **kind_words(mode))
        yield handle


# How a JSON text without a byte-order mark starts (its first character is ASCII) in each
# encoding other than UTF-8 (RFC 4627, 3); the marks are tiltak._io.bom_encoding's.
_UNMARKED = ((re.compile(rb"[^\x00]\x00\x00\x00"), "utf-32-le"),
             (re.compile(rb"\x00\x00\x00[^\x00]"), "utf-32-be"),
             (re.compile(rb"[^\x00]\x00"), "utf-16-le"), (re.compile(rb"\x00[^\x00]"), "utf-16-be"))


class _Lines:
    """The lines of a JSON Lines input as UTF-8: a file in UTF-16 or UTF-32 (with a byte-order
    mark, as Windows PowerShell's ``>`` and Notepad's "Unicode" save it, or without one) is
    read in its encoding; lines that are not UTF-8 in a file without a mark are counted, so
    that the user is told once what is wrong with the file, not only line by line. A line
    longer than the limit is passed on cut just past it (the engine refuses it as too large)
    and the rest of it is skipped, so memory stays bounded."""

    def __init__(self, source: str, limit: int) -> None:
        self.source = source
        self.limit = limit
        self.not_utf8 = 0
        self.first_not_utf8 = 0

    def lines(self, handle: IO[bytes]) -> Iterator[bytes]:
        peek = getattr(handle, "peek", None)
        head = peek(4)[:4] if peek is not None else b""
        codec = bom_encoding(head)
        if codec is None and len(head) >= 2:
            codec = next((c for pattern, c in _UNMARKED if pattern.match(head)), None)
        if codec is not None:
            yield from self._recoded(handle, codec)
            return
        number = 0
        limit = self.limit
        while line := handle.readline(limit + 1):
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                line = _not_blank(line)
            elif not line.isascii():
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError:
                    self.not_utf8 += 1
                    self.first_not_utf8 = self.first_not_utf8 or number
            yield line

    def _recoded(self, handle: IO[bytes], codec: str) -> Iterator[bytes]:
        shown = codec.split("-")[0].upper() + "-" + codec.split("-")[1]
        text = io.TextIOWrapper(handle, encoding=codec, errors="strict", newline="\n")
        number = 0
        try:
            while True:
                try:
                    line = text.readline(self.limit + 1)
                except UnicodeDecodeError:
                    raise TiltakError("batch-bad-encoding", path=self.source, line=number + 1,
                                      encoding=shown) from None
                if not line:
                    return
                number += 1
                if len(line) > self.limit and not line.endswith("\n"):
                    with contextlib.suppress(UnicodeDecodeError):
                        while (rest := text.readline(1 << 20)) and not rest.endswith("\n"):
                            pass
                    line = _not_blank(line.encode("utf-8", "surrogatepass")).decode(
                        "utf-8", "surrogatepass")
                yield line.encode("utf-8", "surrogatepass")
        finally:
            text.detach()  # the handle stays open (standard input is not closed)


def _not_blank(cut: bytes) -> bytes:
    """A line cut at the limit as the engine must see it: too large. One that is blank as far
    as it was read (a long run of spaces) would otherwise be skipped as a blank line, unsaid."""
    return cut if cut.strip() else b"-" * len(cut)


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[IO[bytes]]:
    """Standard output, or a file that appears (atomically, by rename) only when complete."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with contextlib.ExitStack() as stack:
        try:
            handle = stack.enter_context(open_atomic(path))
        except OSError as exc:
            raise write_failed(str(path), exc) from None
        yield handle


class _Progress:
    """A count and a rate on standard error, rewritten in place about twice a second."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.start = self.last = time.monotonic()

    def tick(self, count: int) -> None:
        if count % 256:
            return
        now = time.monotonic()
        if now - self.last >= 0.5:
            self.last = now
            rate = count / max(now - self.start, 1e-9)
            text = message("batch-progress", self.lang, n=count,
                           count=format_number(count, self.lang),
                           rate=format_number(rate, self.lang))
            sys.stderr.write(f"\rtiltak: {text}\033[K")
            sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()

