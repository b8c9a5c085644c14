"""A cache on disk of loaded knowledge bases (rules and catalogue), keyed by their content.

Parsing and validating every rule and catalogue file is most of the work of a short command
such as ``tiltak suggest``. The compiled, immutable :class:`~tiltak.rules.RuleSet` and
:class:`~tiltak.catalogue.Catalogue` are therefore kept in a file, under a key made of
everything that decides them:

* every rule and catalogue file's path (as the loader names it) and bytes;
* tiltak's own code, its version included (each module's path, size and modification time),
  the versions of Python, pydantic and pydantic-core;
* the input limits in force (``TILTAK_MAX_*``).

Commands that read a catalogue and no rules (``tiltak graph``, ``tiltak survey``) keep the
catalogue alone (:func:`load_catalogue_cached`), under a key marked as such.

A hit reads and hashes the files (no YAML is parsed, PyYAML is not even imported) and
unpickles the stored objects. Anything unexpected -- no usable folder, a file that is
truncated, corrupt, of another format or written for another key, an object of the wrong
kind -- is a miss: the knowledge base is loaded as without a cache and the entry rewritten.
A rule or catalogue file with a problem is never cached: loading it reports the problem.

pickle runs code when it loads, so an entry is only read from a folder that belongs to the
user and that nobody else may enter (``0700``), from a regular file (not a symlink) that the
user owns and nobody else may write; tiltak creates both that way. Where the folder has other
permissions, or the platform has no owners (Windows), there is no cache. See SECURITY.md.

Where: ``TILTAK_CACHE_DIR``, else ``$XDG_CACHE_HOME/tiltak``, else ``~/.cache/tiltak``.
``TILTAK_NO_CACHE=1`` turns it off. The newest few entries are kept.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import io
import os
import pickle
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tiltak import _limits
from tiltak._io import read_limited, write_atomic
from tiltak._yaml import yaml_sources
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.errors import TiltakError
from tiltak.rules._ir import RuleSet

__all__ = ["cache_dir", "cache_enabled", "cache_state", "load_catalogue_cached",
           "load_knowledge"]

_MAGIC = b"tiltak knowledge base cache\x00\x01"
_PREFIX = "kb-"
_SUFFIX = ".pickle"
_KEEP = 8  # entries kept (newest used first): a few rule sets edited in turn
_MAX_ENTRY = 256 << 20  # bytes; a real entry is a few hundred kilobytes
_TILTAK = Path(__file__).resolve().parent.parent

Knowledge = tuple[RuleSet, Catalogue]
#: What an entry holds: rules and catalogue, or (for commands that read no rules) None and
#: the catalogue; the key says which.
_Entry = tuple[RuleSet | None, Catalogue]


def cache_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """False when ``TILTAK_NO_CACHE`` is set to anything but empty or ``0``."""
    env = os.environ if environ is None else environ
    return env.get("TILTAK_NO_CACHE", "").strip() in ("", "0")


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """The cache folder: ``TILTAK_CACHE_DIR``, ``$XDG_CACHE_HOME/tiltak`` or ``~/.cache/tiltak``
    (None when there is no home to put it in)."""
    env = os.environ if environ is None else environ
    chosen = env.get("TILTAK_CACHE_DIR", "")
    if chosen:
        return Path(chosen)
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative path is to be ignored
        return Path(xdg) / "tiltak"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return None
    return home / ".cache" / "tiltak"


def cache_state(environ: Mapping[str, str] | None = None) -> tuple[str, Path | None]:
    """Whether commands use the cache, for ``tiltak info``: ("on", folder) -- the folder may
    not exist yet --, ("off", None) by ``TILTAK_NO_CACHE``, ("no-home", None),
    ("no-owners", None) on a system without file owners, or ("not-private", folder)."""
    if not cache_enabled(environ):
        return "off", None
    root = cache_dir(environ)
    if root is None:
        return "no-home", None
    if not hasattr(os, "getuid"):
        return "no-owners", None
    if os.path.lexists(root) and _usable(root) is None:
        return "not-private", root
    return "on", root


def load_knowledge(rules: str | Path, catalogue: str | Path,
                   directory: Path | None = None) -> Knowledge:
    """The rule set and catalogue in ``rules`` and ``catalogue``, from the cache when it holds
    them (``directory``: the cache folder, else :func:`cache_dir`)."""
    ruleset, cat = _cached(rules, catalogue, directory)
    assert ruleset is not None
    return ruleset, cat


def load_catalogue_cached(catalogue: str | Path, directory: Path | None = None) -> Catalogue:
    """``load_catalogue(catalogue)``, from the cache when it holds it: for commands that read
    a catalogue and no rules (``tiltak graph``, ``tiltak survey``). A rule file with a problem
    does not stop them, so their entry holds the catalogue alone, under a key of its own."""
    return _cached(None, catalogue, directory)[1]


def _cached(rules: str | Path | None, catalogue: str | Path,
            directory: Path | None) -> _Entry:
    root = _usable(directory if directory is not None else cache_dir())
    key = _key(rules, catalogue) if root is not None else None
    if root is None or key is None:
        return _load(rules, catalogue)
    entry = root / f"{_PREFIX}{key.hex()[:40]}{_SUFFIX}"
    found = _read(entry, key, rules is not None)
    if found is not None:
        return found
    knowledge = _load(rules, catalogue)
    if _key(rules, catalogue) == key:  # no file changed while it was loaded
        _write(root, entry, key, knowledge)
    return knowledge


def _load(rules: str | Path | None, catalogue: str | Path) -> _Entry:
    """Load as without a cache (the catalogue first: its problems are reported first)."""
    cat = load_catalogue(catalogue)
    if rules is None:
        return None, cat
    from tiltak.rules._parser import load_rules

    return load_rules(rules, cat), cat


def _usable(root: Path | None) -> Path | None:
    """``root``, made if missing, when it is a private folder of this user; else None."""
    getuid = getattr(os, "getuid", None)
    if root is None or getuid is None:
        return None
    try:
        if not root.exists():
            root.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):
                root.mkdir(mode=0o700)
        real = Path(os.path.realpath(root))
        info = os.lstat(real)
    except (OSError, ValueError):
        return None
    if (not stat.S_ISDIR(info.st_mode) or info.st_uid != getuid()
            or stat.S_IMODE(info.st_mode) & 0o077):
        return None
    return real


def _stamp() -> bytes:
    """What, besides the files, decides the loaded objects: versions, tiltak's own code
    (its version is in ``tiltak/__init__.py``, one of the modules stamped)."""
    import pydantic
    import pydantic_core

    parts = [sys.version, sys.implementation.cache_tag or "",
             pydantic.VERSION, pydantic_core.__version__, str(pickle.HIGHEST_PROTOCOL)]
    for dirpath, dirnames, filenames in os.walk(_TILTAK):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", "_data"))
        for name in sorted(filenames):
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                info = os.stat(path)
                parts.append(f"{os.path.relpath(path, _TILTAK)} {info.st_size} "
                             f"{info.st_mtime_ns}")
    return "\n".join(parts).encode("utf-8", "surrogateescape")


def _key(rules: str | Path | None, catalogue: str | Path) -> bytes | None:
    """The key of this knowledge base now (``rules`` None: of the catalogue alone), or None
    when a file cannot be read as it is (then loading reports the problem)."""
    try:
        limits = _limits.current()
        digest = hashlib.sha256(_MAGIC)
        digest.update(_stamp())
        digest.update(repr(limits).encode())
        parts: list[tuple[bytes, str | Path, bool]] = [(b"catalogue", catalogue, False)]
        if rules is not None:
            parts.append((b"rules", rules, True))
        else:
            digest.update(b"\x00catalogue only\x00")
        for label, path, single in parts:
            files, problems = yaml_sources(path, single_file=single)
            if problems:
                return None
            digest.update(b"\x00%s %d\x00" % (label, len(files)))
            for file in files:
                shown = str(file)
                raw, problems = read_limited(file, shown, limits.yaml_bytes)
                if raw is None:
                    return None
                name = os.fsencode(shown)
                digest.update(b"%d:%s%d:" % (len(name), name, len(raw)))
                digest.update(hashlib.sha256(raw).digest())
        return digest.digest()
    except (TiltakError, OSError, ValueError):
        return None


def _read(entry: Path, key: bytes, rules: bool = True) -> _Entry | None:
    """The knowledge base stored in ``entry`` for ``key`` (with its rules, or the catalogue
    alone), or None for anything else."""
    getuid = getattr(os, "getuid", None)
    flags = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
             | getattr(os, "O_CLOEXEC", 0))
    try:
        fd = os.open(entry, flags)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if (getuid is None or not stat.S_ISREG(info.st_mode) or info.st_uid != getuid()
                    or stat.S_IMODE(info.st_mode) & 0o022 or info.st_size > _MAX_ENTRY):
                return None
            blob = handle.read(_MAX_ENTRY + 1)
            with contextlib.suppress(OSError):
                os.utime(handle.fileno())  # used now: pruned last
    except OSError:
        return None
    head = len(_MAGIC)
    if (blob[:head] != _MAGIC or blob[head:head + 32] != key
            or blob[head + 32:head + 64] != hashlib.sha256(blob[head + 64:]).digest()):
        return None
    try:
        value = pickle.loads(blob[head + 64:])
    except Exception:  # whatever a foreign or damaged pickle raises, it is a miss
        return None
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], Catalogue)):
        return None
    if not rules:
        return value if value[0] is None else None
    if isinstance(value[0], RuleSet) and value[0].catalogue_fingerprint == value[1].fingerprint:
        return value
    return None


def _proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view again, on unpickling (a mappingproxy itself cannot be pickled)."""
    return MappingProxyType(mapping)


def _dumps(knowledge: _Entry) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    table: dict[type, Any] = dict(copyreg.dispatch_table)
    table[MappingProxyType] = lambda proxy: (_proxy, (dict(proxy),))
    pickler.dispatch_table = table
    pickler.dump(knowledge)
    return buffer.getvalue()


def _write(root: Path, entry: Path, key: bytes, knowledge: _Entry) -> None:
    """Store ``knowledge`` atomically (best effort: a cache that cannot be written is none)."""
    try:
        payload = _dumps(knowledge)
        with contextlib.suppress(FileNotFoundError):
            kind = os.lstat(entry).st_mode
            if stat.S_ISDIR(kind):
                return
            if not stat.S_ISREG(kind):  # a symlink, a pipe: write_atomic would write
                entry.unlink()          # through it (and a pipe would block): an entry is a file
        write_atomic(entry, _MAGIC + key + hashlib.sha256(payload).digest() + payload,
                     mode=0o600)
    except Exception:  # a full disk or an unpicklable object: no cache, never an error
        return
    _prune(root, entry)


def _prune(root: Path, keep: Path) -> None:
    """Remove all but the ``_KEEP`` most recently used entries."""
    try:
        found: list[tuple[int, str]] = []
        with os.scandir(root) as entries:
            for item in entries:
                if item.name.startswith(_PREFIX) and item.name.endswith(_SUFFIX):
                    found.append((item.stat(follow_symlinks=False).st_mtime_ns, item.name))
    except OSError:
        return
    found.sort(reverse=True)
    for _, name in found[_KEEP:]:
        if name != keep.name:
            with contextlib.suppress(OSError):
                os.unlink(root / name)
