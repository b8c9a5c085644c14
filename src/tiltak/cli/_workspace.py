"""A workspace of the adviser's own: ``tiltak init`` and the ``tiltak.toml`` commands find.

``tiltak init DIR`` copies the bundled rules, catalogue, survey definitions, scenarios,
examples and schemas into DIR with a small ``tiltak.toml``. Every later command run in DIR
(or below it) finds that file and uses the workspace's rules and catalogue instead of the
copy inside the installed package, and says on stderr, in one line, which it uses.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tiltak._data import default_dir
from tiltak._i18n import Lang, add_messages, message
from tiltak._io import kind_words, read_limited, write_atomic, write_failed
from tiltak._limits import current as current_limits
from tiltak.cli._common import note
from tiltak.errors import InputError, Problem, TiltakError

CONFIG = "tiltak.toml"
FOLDERS = ("rules", "catalogue", "surveys", "scenarios", "examples", "schemas")
"""What ``tiltak init`` copies (schemas too: the YAML files' schema line points at them)."""
_KEYS = ("rules", "catalogue", "surveys", "scenarios")

add_messages({
    "ws-toml-syntax": ("ugyldig TOML ({problem})", "invalid TOML ({problem})"),
    "ws-unknown-key": ("ukjent innstilling «{key}» (kjente: {known})",
                       "unknown setting '{key}' (known: {known})"),
    "ws-not-text": ("«{key}» må være en mappe i anførselstegn, f.eks. {key} = \"{key}\"",
                    "'{key}' must be a folder in quotes, e.g. {key} = \"{key}\""),
    "ws-missing-dir": ("mappen {path} finnes ikke", "the folder {path} does not exist"),
    "ws-exists": ("{path} finnes allerede og er ikke tom; velg en ny mappe",
                  "{path} already exists and is not empty; choose a new folder"),
    "ws-not-folder": ("{path} er en {kind_nb}, ikke en mappe; oppgi navnet på en ny (eller tom) "
                      "mappe",
                      "{path} is a {kind}, not a folder; give the name of a new (or empty) "
                      "folder"),
    "ws-parent-not-folder": ("kan ikke lage {path}: {parent} er en {kind_nb}, ikke en mappe",
                             "cannot make {path}: {parent} is a {kind}, not a folder"),
    "ws-inside": ("{path} ligger allerede i arbeidsområdet {config}",
                  "{path} is already inside the workspace {config}"),
    "ws-uses": ("bruker {what}", "using {what}"),
    "ws-rules": ("regler fra {where}", "rules from {where}"),
    "ws-catalogue": ("katalog fra {where}", "catalogue from {where}"),
    "ws-rules-catalogue": ("regler og katalog fra {where}", "rules and catalogue from {where}"),
    "ws-and": ("og", "and"),
    "ws-from-option": ("{path} (valget {option})", "{path} (option {option})"),
    "ws-from-workspace": ("arbeidsområdet {config} ({path})", "the workspace {config} ({path})"),
    "ws-from-checkout": ("kildekoden ({path})", "the source checkout ({path})"),
    "ws-from-bundled": ("de medfølgende i pakken ({path})", "the copy bundled in the package "
                        "({path})"),
    "ws-checkout-hint": ("./{folder} brukes ikke: kjør i et arbeidsområde (tiltak init MAPPE) "
                         "eller gi --{folder} {folder}",
                         "./{folder} is not used: work in a workspace (tiltak init DIR) or "
                         "give --{folder} {folder}"),
    "ws-created": ("Arbeidsområdet {path} er klart: regler, katalog, kartlegginger, scenarioer, "
                   "eksempler og skjemaer. Neste steg:",
                   "The workspace {path} is ready: rules, catalogue, surveys, scenarios, "
                   "examples and schemas. Next:"),
    "ws-toml-header": (
        "# Arbeidsområde for tiltak. Kommandoer som kjøres i denne mappen (eller under den)\n"
        "# bruker reglene og katalogen her i stedet for dem som følger med pakken.\n"
        "# Stiene er relative til denne filen.",
        "# A tiltak workspace. Commands run in this folder (or below it) use the rules and\n"
        "# catalogue here instead of the ones bundled with the package.\n"
        "# Paths are relative to this file."),
})


@dataclass(frozen=True)
class Workspace:
    """A ``tiltak.toml`` and the folders it names (absolute paths)."""

    config: Path
    folders: Mapping[str, Path]

    def folder(self, name: str) -> Path | None:
        """A folder the config names, or (for examples and schemas) the one next to it."""
        if name in self.folders:
            return self.folders[name]
        beside = self.config.parent / name
        return beside if name not in _KEYS and beside.is_dir() else None


def find_config(start: Path) -> Path | None:
    """The nearest ``tiltak.toml`` in ``start`` or a folder above it."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG
        if candidate.is_file():
            return candidate
    return None


_TOML_WHERE = re.compile(r"^(?P<problem>.*?) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")


def load_workspace(config: Path) -> Workspace:
    """Read ``tiltak.toml``; every problem names the file (and line for syntax errors)."""
    shown = str(config)
    raw, read_problems = read_limited(config, shown, current_limits().yaml_bytes,
                                      "TILTAK_MAX_YAML_BYTES")
    if raw is None:
        raise InputError(read_problems)
    import tomllib  # only where there is a tiltak.toml

    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise InputError([Problem("ws-toml-syntax", {"problem": "nested too deeply"},
                                  file=shown)]) from None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_WHERE.match(str(exc))
        problem = found.group("problem") if found else str(exc)
        line = int(found.group("line")) if found else None
        column = int(found.group("column")) if found else None
        raise InputError([Problem("ws-toml-syntax", {"problem": problem}, file=shown,
                                  line=line, column=column)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TiltakError("file-unreadable", path=shown, reason=str(exc)) from None
    problems: list[Problem] = []
    folders: dict[str, Path] = {}
    for key, value in data.items():
        if key not in _KEYS:
            problems.append(Problem("ws-unknown-key", {
                "key": key, "known": ", ".join(_KEYS), "near": (key, _KEYS)}, file=shown))
        elif not isinstance(value, str) or not value:
            problems.append(Problem("ws-not-text", {"key": key}, file=shown))
        else:
            path = (config.parent / value).resolve()
            if not path.is_dir():
                problems.append(Problem("ws-missing-dir", {"path": str(path)}, file=shown,
                                        path=key))
            folders[key] = path
    if problems:
        raise InputError(problems)
    return Workspace(config, folders)


def current(cwd: Path | None = None) -> Workspace | None:
    """The workspace of ``cwd`` (default: the current directory), if there is one."""
    config = find_config(cwd or Path.cwd())
    return load_workspace(config) if config is not None else None


# --- what a command uses, said in one line -------------------------------------------------


def _rel(path: Path) -> str:
    """``path`` relative to the current directory when it is below it (shorter to read)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def resolve_sources(args: argparse.Namespace, lang: Lang,
                    workspace: Workspace | None) -> str | None:
    """Fill in the rules and catalogue a command left to its default; say where they come from.

    Returns the one line to show on stderr, or None when the command uses neither.
    """
    origins: list[tuple[str, str, str]] = []  # (rules|catalogue, option|workspace|bundled, path)
    for name in ("rules", "catalogue"):
        if not hasattr(args, name):
            continue
        value = getattr(args, name)
        given = [v for v in value if v is not None] if isinstance(value, list) else (
            [value] if value is not None else [])
        folder = workspace.folder(name) if workspace is not None else None
        if given:
            origins.append((name, "option", ", ".join(str(v) for v in given)))
        elif folder is not None:
            shown = Path(_rel(folder))  # file names in messages stay short
            setattr(args, name, [shown] if isinstance(value, list) else shown)
            origins.append((name, "workspace", _rel(folder)))
        else:
            origins.append((name, "bundled", str(_bundled(name))))
    if workspace is not None:
        _workspace_defaults(args, workspace)
    if not origins:
        return None
    config = _rel(workspace.config) if workspace is not None else ""

    def where(kind: str, path: str, name: str) -> str:
        if kind == "option":
            return message("ws-from-option", lang, path=path, option=f"--{name}")
        if kind == "workspace":
            return message("ws-from-workspace", lang, path=path, config=config)
        installed = _bundled("rules").parent.name == "_data"
        return message("ws-from-bundled" if installed else "ws-from-checkout", lang, path=path)

    kinds = {kind for _, kind, _ in origins}
    if len(origins) == 2 and kinds == {"bundled"}:
        what = message("ws-rules-catalogue", lang,
                       where=where("bundled", str(_bundled("rules").parent), ""))
    elif len(origins) == 2 and kinds == {"workspace"}:
        what = message("ws-rules-catalogue", lang, where=message(
            "ws-from-workspace", lang, config=config,
            path=f"{origins[0][2]}, {origins[1][2]}"))
    else:
        what = f" {message('ws-and', lang)} ".join(
            message(f"ws-{name}", lang, where=where(kind, path, name))
            for name, kind, path in origins)
    line = message("ws-uses", lang, what=what)
    if workspace is None:
        hint = _checkout_hint(args, lang)
        if hint:
            line += f"; {hint}"
    return line


def _workspace_defaults(args: argparse.Namespace, workspace: Workspace) -> None:
    """A survey definition named by its name, and ``tiltak test`` without paths: the workspace's."""
    surveys = workspace.folder("surveys")
    name = getattr(args, "survey", None)
    if surveys is not None and isinstance(name, str) and "/" not in name and "\\" not in name:
        for suffix in (".yaml", ".yml"):
            if (surveys / f"{name}{suffix}").is_file() and not Path(name).exists():
                args.survey = str(surveys / f"{name}{suffix}")
                break
    scenarios = workspace.folder("scenarios")
    if scenarios is not None and getattr(args, "command", None) == "test" and hasattr(
            args, "paths") and not args.paths:
        args.paths = [scenarios]


def _checkout_hint(args: argparse.Namespace, lang: Lang) -> str | None:
    """Outside a workspace, a ./rules or ./catalogue that is not the one in use is named."""
    for name in ("rules", "catalogue"):
        if not hasattr(args, name) or getattr(args, name):
            continue
        local = Path.cwd() / name
        if local.is_dir() and local.resolve() != default_dir(name).resolve():
            return message("ws-checkout-hint", lang, folder=name)
    return None


# --- tiltak init -----------------------------------------------------------------------------


def _config_text(lang: Lang) -> str:
    lines = [message("ws-toml-header", lang), ""]
    lines += [f'{key} = "{key}"' for key in _KEYS]
    return "\n".join(lines) + "\n"


def _bundled(name: str) -> Path:
    return default_dir(name)  # type: ignore[arg-type]


def init_workspace(target: Path, lang: Lang,
                   source: Callable[[str], Path] = _bundled) -> list[Path]:
    """Create the workspace ``target``: copies of the bundled folders and a ``tiltak.toml``.

    Built next to ``target`` and moved into place at the end, so an interrupted
    init leaves no half workspace behind. Refuses a non-empty ``target``.
    """
    shown = str(target)
    target = _usable_target(target)
    parent = target.parent
    _make_parent(parent, shown)
    try:
        # mkdir, not mkdtemp: the workspace gets the usual permissions (umask), not 0700
        build = parent / f".{target.name}-{os.getpid()}-{os.urandom(4).hex()}"
        build.mkdir()
    except OSError as exc:
        raise write_failed(shown, exc) from None
    try:
        copied = []
        for name in FOLDERS:
            origin = source(name)
            if origin.is_dir():
                shutil.copytree(origin, build / name,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
                copied.append(target / name)
        write_atomic(build / CONFIG, _config_text(lang))
        if target.exists():
            target.rmdir()
        os.replace(build, target)
    except OSError as exc:
        shutil.rmtree(build, ignore_errors=True)
        raise write_failed(shown, exc) from None
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return [target / CONFIG, *copied]


def _usable_target(target: Path) -> Path:
    """The folder a workspace can be made in (a symlink's target), or the TiltakError that
    says why ``target`` cannot be one: a file, a broken link or a link loop, a folder with
    something in it, a folder that cannot be read."""
    shown = str(target)
    if target.is_symlink():
        try:
            target = target.resolve(strict=True)
        except FileNotFoundError:
            raise TiltakError("file-broken-link", path=shown,
                              target=os.readlink(target)) from None
        except (OSError, RuntimeError):  # RuntimeError: a loop, on Python before 3.13
            raise TiltakError("file-unreadable", path=shown, reason="symlink loop") from None
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):  # new (a file above: _make_parent says)
        return target.absolute()
    except OSError as exc:
        raise TiltakError("file-unreadable", path=shown,
                          reason=exc.strerror or str(exc)) from None
    if not stat.S_ISDIR(mode):
        raise TiltakError("ws-not-folder", path=shown, **kind_words(mode))
    try:
        empty = not any(target.iterdir())
    except OSError as exc:
        raise TiltakError("file-unreadable", path=shown,
                          reason=exc.strerror or str(exc)) from None
    if not empty:
        raise TiltakError("ws-exists", path=shown)
    return target.absolute()


def _make_parent(parent: Path, shown: str) -> None:
    """Create the folders above a new workspace, or say which one is in the way."""
    for above in (parent, *parent.parents):
        try:
            mode = above.stat().st_mode
        except OSError:
            continue
        if not stat.S_ISDIR(mode):
            raise TiltakError("ws-parent-not-folder", path=shown, parent=str(above),
                              **kind_words(mode))
        break
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failed(shown, exc) from None


def files(root: Path) -> Iterator[Path]:
    """Every file below ``root``, sorted (deterministic listings)."""
    return iter(sorted(p for p in root.rglob("*") if p.is_file()))


def announce(line: str | None, quiet: bool) -> None:
    """Say on standard error which rules and catalogue are used (unless ``quiet``)."""
    if line and not quiet:
        note(line)
