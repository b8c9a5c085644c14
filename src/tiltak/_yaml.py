"""Safe YAML loading that remembers where every value came from.

PyYAML's safe loader is used to compose the node tree; we build plain Python
values from it ourselves so that duplicate keys are errors (PyYAML keeps the
last one silently) and every value has a (line, column) for messages. Only the
standard scalar tags are accepted: nothing in a file is ever executed.
"""

from __future__ import annotations

import errno
import functools
import json
import math
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiltak import _limits
from tiltak._i18n import add_messages
from tiltak._io import decode_text, kind_words, read_limited, undecodable
from tiltak.errors import Problem

if TYPE_CHECKING:
    import yaml

Loc = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """A safe loader whose only booleans are true and false (YAML 1.2).

    YAML 1.1 also reads yes/no/on/off/y/n as booleans: `en: Yes` in a reason, or
    `no` (Norway), would silently become true/false. libyaml's composer is used
    when present: several times faster, with the same node tree and marks.
    Made on first use, so that PyYAML is imported only when a file is parsed (a
    cached knowledge base needs none: tiltak.engine._cache).
    """
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag != _BOOL]
        for first, entries in base.yaml_implicit_resolvers.items()
    }
    loader: type[yaml.SafeLoader] = type(
        "TiltakLoader", (base,), {"yaml_implicit_resolvers": resolvers}
    )
    loader.add_implicit_resolver(
        _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return loader

add_messages(
    {
        "yaml-too-deep": (
            "lister og tabeller er nestet dypere enn {limit} nivåer (kan heves med {variable})",
            "lists and mappings are nested deeper than {limit} levels (raise it with {variable})",
        ),
        "yaml-too-many-nodes": (
            "filen har flere enn {limit} verdier (kan heves med {variable})",
            "the file holds more than {limit} values (raise it with {variable})",
        ),
        "yaml-alias-budget": (
            "aliasene (*navn) blir til flere enn {limit} verdier når de foldes ut; "
            "skriv verdiene ut, eller hev grensen med {variable}",
            "the aliases (*name) expand to more than {limit} values; write the values out, "
            "or raise the limit with {variable}",
        ),
        "yaml-number-too-large": (
            "tallet {value} er for stort", "the number {value} is too large",
        ),
        "yaml-not-a-number": (
            "«{value}» er merket som et tall, men er ikke et tall",
            "'{value}' is marked as a number but is not one",
        ),
        "yaml-not-finite": (
            "{value} er ikke et endelig tall; oppgi et vanlig tall",
            "{value} is not a finite number; give an ordinary number",
        ),
        "yaml-not-directory": (
            "{path} er ikke en mappe ({kind_nb}); oppgi en mappe med .yaml-filer",
            "{path} is not a directory ({kind}); give a directory of .yaml files",
        ),
        "yaml-not-directory-or-file": (
            "{path} er verken en mappe eller en fil ({kind_nb}); oppgi en mappe med .yaml-filer "
            "eller én .yaml-fil",
            "{path} is neither a directory nor a file ({kind}); give a directory of .yaml "
            "files or one .yaml file",
        ),
        "yaml-alias-undefined": (
            "aliaset *{name} viser ikke til et anker (&{name}) som er definert før det",
            "the alias *{name} does not refer to an anchor (&{name}) defined before it",
        ),
    }
)

YES_NO_WORDS = frozenset({"ja", "nei", "yes", "no", "y", "n", "on", "off", "sann", "usann"})

_ALLOWED_TAGS = frozenset(
    {
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """A parsed YAML file: its data and the position of every value in it."""

    file: str
    data: Any
    positions: Mapping[Loc, tuple[int, int]]
    key_positions: Mapping[Loc, tuple[int, int]]
    yes_no: frozenset[Loc] = frozenset()
    """Where an unquoted ja/nei/yes/no/on/off stands: text in YAML 1.2, but likely meant as a
    boolean (a rule comparing with it can say so; quoted, it is surely text)."""

    def where(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """(line, column) of the value at ``loc``, or of its nearest ancestor."""
        table = self.key_positions if key else self.positions
        path = tuple(loc)
        while path:
            if path in table:
                return table[path]
            if not key and path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(
        self,
        loc: Sequence[str | int],
        msg: str,
        *,
        at_key: bool = False,
        rule: str | None = None,
        **params: Any,
    ) -> Problem:
        line, column = self.where(loc, key=at_key)
        return Problem(
            msg,
            params,
            file=self.file,
            line=line,
            column=column,
            path=dotted(loc),
            rule=rule,
        )


def dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            shown = part if part and part.strip() == part else json.dumps(part)
            out += ("." if out else "") + shown
    return out


# The composed graph is made of plain tuples, not yaml.Node objects: a scalar is
# (_SCALAR, tag, value, (line, column), plain) and a collection (_SEQ or _MAP, tag, children,
# (line, column)), a mapping's children being key, value, key, value... Tuples of plain values
# are soon ignored by the garbage collector, while a tree of nodes with their marks made the
# collector, not the parsing, most of the time spent on a large file.
_SCALAR, _SEQ, _MAP = 0, 1, 2
_STR = "tag:yaml.org,2002:str"


class _Builder:
    """Plain values and their positions from the composed tuples, checking every scalar."""

    def __init__(self, file: str) -> None:
        import yaml  # imported on first use (see _loader)

        self._yaml = yaml
        self.file = file
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.key_positions: dict[Loc, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.yes_no: set[Loc] = set()
        self._constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
        yaml.constructor.SafeConstructor.__init__(self._constructor)
        self._constructed: dict[tuple[str, str], Any] = {}

    def problem(self, pos: tuple[int, int], loc: Loc, msg: str, **params: Any) -> None:
        self.problems.append(
            Problem(msg, params, file=self.file, line=pos[0], column=pos[1], path=dotted(loc))
        )

    def build(self, node: tuple[Any, ...], loc: Loc) -> Any:
        self.positions[loc] = node[3]
        kind = node[0]
        if kind == _SCALAR:
            return self._scalar(node, loc)
        if node[1] not in _ALLOWED_TAGS:
            self.problem(node[3], loc, "yaml-tag", tag=node[1])
            return None
        if kind == _MAP:
            return self._mapping(node, loc)
        return [self.build(item, (*loc, i)) for i, item in enumerate(node[2])]

    def _scalar(self, node: tuple[Any, ...], loc: Loc) -> Any:
        _, tag, text, pos, plain = node
        yaml = self._yaml
        if tag == _STR:
            value: Any = text
        elif tag not in _ALLOWED_TAGS:
            self.problem(pos, loc, "yaml-tag", tag=tag)
            return None
        elif tag == _INT and len(text.lstrip("+-0").replace("_", "")) > 18:
            # No field needs more; Python would refuse over 4300 digits anyway.
            self.problem(pos, loc, "yaml-number-too-large", value=text[:12] + "...")
            return None
        elif (tag, text) in self._constructed:  # values are immutable: build each text once
            value = self._constructed[tag, text]
        else:
            try:
                value = self._constructor.construct_object(yaml.ScalarNode(tag, text), deep=True)
            except (yaml.YAMLError, ValueError) as exc:
                self.problem(pos, loc, "yaml-syntax", problem=str(exc).splitlines()[0])
                return None
            except IndexError:  # PyYAML reads past the end of an empty `!!int` or `!!float`
                self.problem(pos, loc, "yaml-not-a-number", value=text[:40])
                return None
            self._constructed[tag, text] = value
        if isinstance(value, str):
            if plain and value.lower() in YES_NO_WORDS:
                self.yes_no.add(loc)
        elif isinstance(value, float) and not math.isfinite(value):
            # .inf, .nan or 1e400: no field in any tiltak file means infinity.
            self.problem(pos, loc, "yaml-not-finite", value=text[:40])
            return None
        return value

    def _mapping(self, node: tuple[Any, ...], loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        children = node[2]
        for index in range(0, len(children), 2):
            key_node, value_node = children[index], children[index + 1]
            if key_node[0] != _SCALAR:
                kind = "list" if key_node[0] == _SEQ else "mapping"
                self.problem(key_node[3], loc, "yaml-key-type", got=kind)
                continue
            key = self._scalar(key_node, (*loc, "<key>"))
            if not isinstance(key, str):
                if isinstance(key, bool | int | float):
                    key = str(key).lower() if isinstance(key, bool) else str(key)
                else:
                    self.problem(key_node[3], loc, "yaml-key-type", got=type(key).__name__)
                    continue
            at = (*loc, key)
            if key in first:
                self.problem(key_node[3], at, "yaml-duplicate-key", key=key,
                             first_line=first[key])
                continue
            first[key] = key_node[3][0]
            self.key_positions[at] = key_node[3]
            out[key] = self.build(value_node, at)
        return out


class _Refused(Exception):
    """The document breaks a limit; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.key)


def _at(file: str, mark: Any, key: str, **params: Any) -> Problem:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Problem(key, params, file=file, line=line, column=column)


def _compose(loader: Any, file: str, limits: _limits.Limits) -> tuple[Any, ...] | None:
    """Compose the node graph from the event stream, without recursion, within limits.

    The graph is checked while it is composed, before any value is built: nesting
    depth, the number of values with every alias counted in full, and the values
    that aliases add. An alias bomb (a few lines whose aliases expand to
    billions of values) is refused after at most ``alias_nodes`` values, and
    deep nesting never reaches a recursive parser.
    """
    import yaml

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    start_events = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    end_events = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    anchors: dict[str, tuple[tuple[Any, ...], int]] = {}
    # Open collections: [kind, tag, children, expanded size so far, anchor, (line, column)].
    stack: list[list[Any]] = []
    top: list[Any] | None = None
    root: tuple[Any, ...] | None = None
    total = 0
    aliased = 0
    documents = 0
    max_nodes, max_depth, max_aliased = limits.yaml_nodes, limits.depth, limits.alias_nodes
    # A scalar's tag depends only on its text and how it was written: resolve each once.
    tags: dict[tuple[str, Any], str] = {}
    get_event, resolve = loader.get_event, loader.resolve
    node: tuple[Any, ...]

    while True:
        event: Any = get_event()
        cls = type(event)
        if cls is scalar_event:
            tag = event.tag
            if tag is None or tag == "!":
                implicit = (event.value, event.implicit)
                tag = tags.get(implicit)
                if tag is None:
                    tag = tags[implicit] = resolve(yaml.ScalarNode, event.value, event.implicit)
            mark = event.start_mark
            node = (_SCALAR, tag, event.value, (mark.line + 1, mark.column + 1), not event.style)
            if event.anchor is not None:
                anchors[event.anchor] = (node, 1)
            size = 1
        elif cls in end_events:
            kind, tag, children, size, anchor, pos = stack.pop()
            node = (kind, tag, children, pos)
            if anchor is not None:
                anchors[anchor] = (node, size)
            top = stack[-1] if stack else None
            if top is not None:
                top[2].append(node)
                top[3] += size
            else:
                root = node
            continue
        elif cls in start_events:
            if len(stack) >= max_depth:
                raise _Refused(_at(file, event.start_mark, "yaml-too-deep", limit=max_depth,
                                   variable=_limits.Limits.variable("depth")))
            sequence = cls is yaml.SequenceStartEvent
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(yaml.SequenceNode if sequence else yaml.MappingNode, None,
                              event.implicit)
            total += 1
            if total > max_nodes:
                raise _Refused(_at(file, event.start_mark, "yaml-too-many-nodes",
                                   limit=max_nodes,
                                   variable=_limits.Limits.variable("yaml_nodes")))
            mark = event.start_mark
            top = [_SEQ if sequence else _MAP, tag, [], 1, event.anchor,
                   (mark.line + 1, mark.column + 1)]
            stack.append(top)
            continue
        elif cls is alias_event:
            found = anchors.get(str(event.anchor))
            if found is None:
                raise _Refused(_at(file, event.start_mark, "yaml-alias-undefined",
                                   name=event.anchor))
            node, size = found
            aliased += size
            if aliased > max_aliased:
                raise _Refused(_at(file, event.start_mark, "yaml-alias-budget",
                                   limit=max_aliased,
                                   variable=_limits.Limits.variable("alias_nodes")))
        elif cls is yaml.StreamEndEvent:
            return root
        elif cls is yaml.StreamStartEvent or cls is yaml.DocumentEndEvent:
            continue
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refused(_at(file, event.start_mark, "yaml-syntax",
                                   problem="expected a single document in the file"))
            continue
        else:
            raise _Refused(_at(file, getattr(event, "start_mark", None), "yaml-syntax",
                               problem=f"unexpected {cls.__name__}"))
        # A scalar or an alias: a value of the open collection (or the whole document).
        total += size
        if total > max_nodes:
            raise _Refused(_at(file, event.start_mark, "yaml-too-many-nodes", limit=max_nodes,
                               variable=_limits.Limits.variable("yaml_nodes")))
        if top is not None:
            top[2].append(node)
            top[3] += size
        else:
            root = node


def parse_yaml(text: str, file: str,
               limits: _limits.Limits | None = None) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document; return it with any problems found.

    Aliases (``&name`` / ``*name``) are allowed within a small budget (see
    :mod:`tiltak._limits`); an alias may only refer to an anchor defined
    before it, so a document cannot contain itself.
    """
    limits = _limits.current() if limits is None else limits
    if len(text) > limits.yaml_bytes:  # characters; bytes are checked when the file is read
        variable = _limits.Limits.variable("yaml_bytes")
        return None, [Problem("file-too-large",
                              {"path": file, "limit": limits.yaml_bytes, "variable": variable})]
    import yaml

    loader = _loader()(text)
    try:
        node = _compose(loader, file, limits)
    except _Refused as refused:
        return None, [refused.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "syntax error"
        if "maximum nesting depth" in problem:  # newer libyaml stops deep nesting itself
            return None, [Problem("yaml-too-deep", {"limit": limits.depth,
                                                    "variable": _limits.Limits.variable("depth")},
                                  file=file, line=line, column=column)]
        return None, [Problem("yaml-syntax", {"problem": problem}, file=file, line=line,
                              column=column)]
    except yaml.YAMLError as exc:
        return None, [Problem("yaml-syntax", {"problem": str(exc).splitlines()[0]}, file=file)]
    finally:
        loader.dispose()
    if node is None:
        return YamlDoc(file, None, {(): (1, 1)}, {}), []
    builder = _Builder(file)
    data = builder.build(node, ())
    doc = YamlDoc(file, data, builder.positions, builder.key_positions,
                  frozenset(builder.yes_no))
    return doc, builder.problems


def read_text(path: Path, display: str,
              limits: _limits.Limits | None = None) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 (optionally BOM-prefixed) YAML file within the size limit."""
    limits = _limits.current() if limits is None else limits
    raw, problems = read_limited(path, display, limits.yaml_bytes,
                                 _limits.Limits.variable("yaml_bytes"))
    if raw is None:
        return None, problems
    try:
        return decode_text(raw), []
    except UnicodeDecodeError as exc:
        return None, [undecodable(raw, exc, display)]


def load_yaml_file(path: Path, display: str | None = None) -> tuple[YamlDoc | None, list[Problem]]:
    shown = display if display is not None else str(path)
    limits = _limits.current()
    text, problems = read_text(path, shown, limits)
    if text is None:
        return None, problems
    return parse_yaml(text, shown, limits)


def yaml_files(directory: Path) -> Iterator[Path]:
    """The .yaml/.yml entries in ``directory`` that are not directories, sorted by name.

    Broken or looping symlinks and special files are included, so that reading
    them reports the problem instead of skipping them without a word.
    """
    return iter(
        sorted(
            (p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir()),
            key=lambda p: p.name,
        )
    )


def yaml_sources(path: str | Path, *, single_file: bool) -> tuple[list[Path], list[Problem]]:
    """The YAML files ``path`` names: its .yaml files if a directory, itself if a file.

    A file is accepted only when ``single_file``. Anything else (a device such
    as /dev/null, a FIFO, a broken or looping symlink, a directory without
    YAML files) is a problem, never an empty list of files.
    """
    root = Path(path)
    shown = str(root)
    try:
        info = os.stat(root)
    except FileNotFoundError:
        key = "file-broken-link" if os.path.islink(root) else "dir-not-found"
        return [], [Problem(key, {"path": shown, "target": _link_target(root)})]
    except OSError as exc:
        reason = "symlink loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
        return [], [Problem("file-unreadable", {"path": shown, "reason": reason})]
    except ValueError as exc:
        return [], [Problem("file-unreadable", {"path": shown[:200], "reason": str(exc)})]
    if stat.S_ISDIR(info.st_mode):
        try:
            files = list(yaml_files(root))
        except OSError as exc:
            return [], [Problem("file-unreadable", {"path": shown,
                                                    "reason": exc.strerror or str(exc)})]
        if not files:
            return [], [Problem("no-yaml-files", {"path": shown})]
        return files, []
    if single_file and stat.S_ISREG(info.st_mode):
        return [root], []
    key = "yaml-not-directory-or-file" if single_file else "yaml-not-directory"
    return [], [Problem(key, {"path": shown, **kind_words(info.st_mode)})]


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"
