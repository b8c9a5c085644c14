"""Reading input files with a size limit, and writing output files atomically.

Reading: only regular files (or standard input) are read, never more than the
limit in force (see :mod:`tiltak._limits`); a directory, a device such as
``/dev/zero`` or a FIFO is refused at once, without reading or blocking.

Writing: a reader sees the old file or the new one, never half. Like an editor's
"save", the write goes through a symlink to its target and keeps the target's
permission bits. The temporary file sits next to the target under a visible
name (``NAME~tiltak-PID-XXXX.tmp``); if a write is killed, the next write to
the same target removes what the dead process left.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO

from tiltak._escape import without_surrogates
from tiltak._i18n import add_messages
from tiltak.errors import Problem, TiltakError

__all__ = [
    "bom_encoding",
    "decode_text",
    "kind_of",
    "kind_words",
    "open_atomic",
    "read_limited",
    "read_only",
    "read_stdin",
    "undecodable",
    "write_atomic",
    "write_failed",
]

add_messages(
    {
        "file-too-large": (
            "{path} er større enn grensen på {limit} byte (kan heves med {variable})",
            "{path} is larger than the limit of {limit} bytes (raise it with {variable})",
        ),
        "file-broken-link": (
            "{path} er en symbolsk lenke til {target}, som ikke finnes",
            "{path} is a symlink to {target}, which does not exist",
        ),
        "write-no-folder": ("kan ikke skrive {path}: mappen {folder} finnes ikke",
                            "cannot write {path}: the folder {folder} does not exist"),
        "write-not-folder": ("kan ikke skrive {path}: {folder} er ikke en mappe",
                             "cannot write {path}: {folder} is not a folder"),
        "write-is-folder": ("kan ikke skrive {path}: det er en mappe; oppgi et filnavn",
                            "cannot write {path}: it is a folder; give a file name"),
        "write-denied": ("kan ikke skrive {path}: ingen tilgang til å skrive i {folder}",
                         "cannot write {path}: no permission to write in {folder}"),
        "write-file-read-only": ("kan ikke skrive {path}: filen er skrivebeskyttet; gjør den "
                                 "skrivbar eller velg en annen fil",
                                 "cannot write {path}: the file is read-only; make it writable "
                                 "or choose another file"),
        "write-read-only": ("kan ikke skrive {path}: filsystemet er skrivebeskyttet",
                            "cannot write {path}: the file system is read-only"),
        "write-full": ("kan ikke skrive {path}: disken er full",
                       "cannot write {path}: the disk is full"),
        "file-not-regular": (
            "{path} er ikke en vanlig fil ({kind_nb}); oppgi en fil",
            "{path} is not a regular file ({kind}); give a file",
        ),
    }
)


def kind_of(mode: int) -> str:
    """A word for what a non-regular file is (directory, pipe, device ...)."""
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


_KIND_NB = {"file": "fil", "directory": "mappe", "pipe": "rør", "device": "enhet",
            "socket": "sokkel", "special file": "spesialfil"}


def kind_words(mode: int) -> dict[str, str]:
    """What a file is (``file`` for a regular one), as ``kind`` (English) and ``kind_nb``
    (Norwegian) message parameters."""
    kind = "file" if stat.S_ISREG(mode) else kind_of(mode)
    return {"kind": kind, "kind_nb": _KIND_NB[kind]}


def _too_large(display: str, limit: int, variable: str) -> Problem:
    return Problem("file-too-large", {"path": display, "limit": limit, "variable": variable})


# Byte-order marks of the encodings other than UTF-8 that a text input may come in; UTF-32's
# first (its little-endian mark begins with UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(head: bytes) -> str | None:
    """The encoding other than UTF-8 that a byte-order mark at the start of ``head`` names
    (``utf-16`` or ``utf-32``), or None: one table for every text input."""
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def decode_text(raw: bytes) -> str:
    """The text of a JSON or YAML input: UTF-8 with or without a byte-order mark, or UTF-16
    or UTF-32 with one, as Windows PowerShell 5's ``>`` and Notepad's "Unicode" save it
    (``tiltak survey x.csv > profile.json`` there). Raises UnicodeDecodeError, whose
    ``start`` is the byte offset of the problem."""
    codec = bom_encoding(raw)
    return raw.decode(codec or "utf-8-sig")


def undecodable(raw: bytes, error: UnicodeDecodeError, display: str | None) -> Problem:
    """The problem of text that cannot be decoded, at its line and column (in characters, as
    an editor counts them) and with the byte shown: not a byte offset into the file."""
    name = error.encoding.lower().replace("_", "-")
    encoding = next((shown for key, shown in (("utf-8", "UTF-8"), ("utf-16", "UTF-16"),
                                              ("utf-32", "UTF-32")) if name.startswith(key)),
                    error.encoding)
    if name.startswith("utf-8") and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]  # utf-8-sig counts its errors from after the mark
    line: int | None = None
    column: int | None = None
    with contextlib.suppress(LookupError):  # lines and columns of the text that could be read
        head = raw[:error.start].decode(error.encoding, errors="replace").removeprefix("\ufeff")
        line = head.count("\n") + 1
        column = len(head) - (head.rfind("\n") + 1) + 1
    bad = raw[error.start:error.start + 1]
    latin = encoding == "UTF-8" and bad and bad[0] >= 0x80
    return Problem("not-encoding", {
        "encoding": encoding, "byte": f"0x{bad[0]:02X}" if bad else "?",
        "hint_nb": f" (i Windows-1252 er den «{bad.decode('cp1252', 'replace')}»: filen er "
                   f"kanskje lagret slik)" if latin else "",
        "hint": f" (in Windows-1252 it is '{bad.decode('cp1252', 'replace')}': the file may "
                f"have been saved so)" if latin else "",
    }, file=display, line=line, column=column)


def read_only(path: str | Path) -> bool:
    """Whether ``path`` is a file whose permissions let nobody write it (``chmod a-w``): tiltak
    does not replace it, though the folder would let it (and root may write anything)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and not mode & 0o222


_WRITE_ERRORS = {errno.ENOENT: "write-no-folder", errno.ENOTDIR: "write-not-folder",
                 errno.EISDIR: "write-is-folder", errno.EACCES: "write-denied",
                 errno.EPERM: "write-denied", errno.EROFS: "write-read-only",
                 errno.ENOSPC: "write-full", getattr(errno, "EDQUOT", errno.ENOSPC): "write-full"}


def write_failed(path: str | Path, error: OSError) -> TiltakError:
    """The error to show when writing ``path`` failed: what is in the way, in words of both
    languages (a missing or read-only folder, a folder where a file was meant, a full disk),
    else the system's own reason."""
    shown = str(path)
    folder = os.path.dirname(shown) or "."
    key = _WRITE_ERRORS.get(error.errno or 0)
    if key is None:
        return TiltakError("cli-write-failed", path=shown, reason=error.strerror or str(error))
    if key == "write-denied" and read_only(shown):
        return TiltakError("write-file-read-only", path=shown)
    if key == "write-no-folder":  # the nearest folder that is missing
        missing = folder
        while os.path.dirname(missing) not in ("", missing) \
                and not os.path.exists(os.path.dirname(missing)):
            missing = os.path.dirname(missing)
        folder = missing
    return TiltakError(key, path=shown, folder=folder)


def read_limited(
    path: str | Path, display: str, limit: int, variable: str = "TILTAK_MAX_FILE_BYTES"
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file of at most ``limit`` bytes, or the problem why not.

    The file is opened without blocking (a FIFO does not hang) and checked
    with ``fstat`` before anything is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            with contextlib.suppress(OSError):
                return None, [Problem("file-broken-link", {"path": display,
                                                           "target": os.readlink(path)})]
        return None, [Problem("file-not-found", {"path": display})]
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
            reason = "symlink loop"
        return None, [Problem("file-unreadable", {"path": display, "reason": reason})]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem("file-not-regular", {"path": display,
                                                       **kind_words(info.st_mode)})]
        if info.st_size > limit:
            return None, [_too_large(display, limit, variable)]
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # the file grew while it was read
            return None, [_too_large(display, limit, variable)]
        return b"".join(chunks), []
    except OSError as exc:
        return None, [Problem("file-unreadable", {"path": display,
                                                  "reason": exc.strerror or str(exc)})]
    finally:
        os.close(fd)


def read_stdin(limit: int, stream: BinaryIO | None = None,
               variable: str = "TILTAK_MAX_FILE_BYTES") -> tuple[bytes | None, list[Problem]]:
    """Standard input (at most ``limit`` bytes), or the problem why not."""
    source = sys.stdin.buffer if stream is None else stream
    try:
        raw = source.read(limit + 1)
    except OSError as exc:
        return None, [Problem("file-unreadable", {"path": "<stdin>",
                                                  "reason": exc.strerror or str(exc)})]
    if len(raw) > limit:
        return None, [_too_large("<stdin>", limit, variable)]
    return raw, []


_TMP = re.compile(r"~tiltak-(\d+)-[0-9a-f]+\.tmp$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _clean_stale(directory: Path, name: str) -> None:
    """Remove temporary files for ``name`` left by writes whose process has died."""
    prefix = f"{name}~tiltak-"
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not entry.name.startswith(prefix):
                continue
            found = _TMP.search(entry.name)
            if found is None or found.start() != len(name):
                continue
            pid = int(found.group(1))
            if pid != os.getpid() and not _alive(pid):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _safe_str(text: str) -> bytes:
    # A lone surrogate (from JSON "\ud800") cannot be UTF-8: write U+FFFD instead of failing.
    return without_surrogates(text).encode("utf-8")


def write_atomic(path: str | Path, data: str | bytes, *, mode: int | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` via a temporary file and a rename
    (see :func:`open_atomic`)."""
    payload = _safe_str(data) if isinstance(data, str) else data
    with open_atomic(path, mode=mode) as handle:
        handle.write(payload)


@contextlib.contextmanager
def open_atomic(path: str | Path, *, mode: int | None = None) -> Iterator[IO[bytes]]:
    """A binary handle whose content appears at ``path`` (by a rename) only when the block
    ends without an exception; otherwise ``path`` is untouched.

    A symlink is followed (its target is replaced, the link stays); an existing
    target keeps its permission bits; a new file gets the usual mode (umask), or
    exactly ``mode`` when given (the cache's private files: 0o600). A device or a pipe
    (``-o /dev/null``) is written through: replacing it would put a regular file in its
    place (as root, for every program on the machine).
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        existing: int | None = os.stat(target).st_mode
    except OSError:
        existing = None
    if existing is not None and stat.S_ISREG(existing) and not existing & 0o222:
        # read-only: the owner protected it; a rename would replace it all the same (as an
        # editor's "save" does not without asking)
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))
    if existing is not None and not stat.S_ISREG(existing) and not stat.S_ISDIR(existing):
        with open(target, "wb") as special:
            yield special
        return
    directory = target.parent if str(target.parent) else Path(".")
    _clean_stale(directory, target.name)
    if mode is None and existing is not None and stat.S_ISREG(existing):
        mode = stat.S_IMODE(existing)
    tmp = directory / f"{target.name}~tiltak-{os.getpid()}-{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                 0o666 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
