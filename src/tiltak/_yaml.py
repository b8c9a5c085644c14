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
from tiltak._io import kind_of, read_limited
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
        "yaml-not-finite": (
            "{value} er ikke et endelig tall; oppgi et vanlig tall",
            "{value} is not a finite number; give an ordinary number",
        ),
        "yaml-not-directory": (
            "{path} er ikke en mappe ({kind}); oppgi en mappe med .yaml-filer",
            "{path} is not a directory ({kind}); give a directory of .yaml files",
        ),
        "yaml-not-directory-or-file": (
            "{path} er verken en mappe eller en fil ({kind}); oppgi en mappe med .yaml-filer "
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


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, file: str) -> None:
        import yaml

        self.file = file
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.key_positions: dict[Loc, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.yes_no: set[Loc] = set()
        self._constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
        yaml.constructor.SafeConstructor.__init__(self._constructor)
        self._yaml = yaml  # imported on first use (see _loader); build() runs per value

    def problem(self, node: yaml.Node, loc: Loc, msg: str, **params: Any) -> None:
        line, column = _mark(node)
        self.problems.append(
            Problem(msg, params, file=self.file, line=line, column=column, path=dotted(loc))
        )

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        yaml = self._yaml
        self.positions[loc] = _mark(node)
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, loc, "yaml-tag", tag=node.tag)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == _INT and len(node.value.lstrip("+-0").replace("_", "")) > 18:
            # No field needs more; Python would refuse over 4300 digits anyway.
            self.problem(node, loc, "yaml-number-too-large", value=node.value[:12] + "...")
            return None
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            self.problem(node, loc, "yaml-syntax", problem=str(exc).splitlines()[0])
            return None
        if not node.style and isinstance(value, str) and value.lower() in YES_NO_WORDS:
            self.yes_no.add(loc)
        if isinstance(value, float) and not math.isfinite(value):
            # .inf, .nan or 1e400: no field in any tiltak file means infinity.
            self.problem(node, loc, "yaml-not-finite", value=node.value[:40])
            return None
        return value

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        yaml = self._yaml
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                kind = "list" if isinstance(key_node, yaml.SequenceNode) else "mapping"
                self.problem(key_node, loc, "yaml-key-type", got=kind)
                continue
            key = self.build(key_node, (*loc, "<key>"))
            if not isinstance(key, str):
                if isinstance(key, bool | int | float):
                    key = str(key).lower() if isinstance(key, bool) else str(key)
                else:
                    self.problem(key_node, loc, "yaml-key-type", got=type(key).__name__)
                    continue
            if key in first:
                self.problem(key_node, (*loc, key), "yaml-duplicate-key", key=key,
                             first_line=first[key])
                continue
            first[key] = key_node.start_mark.line + 1
            self.key_positions[(*loc, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*loc, key))
        self.positions.pop((*loc, "<key>"), None)
        return out


class _Refused(Exception):
    """The document breaks a limit; carries the problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.key)


def _at(file: str, mark: Any, key: str, **params: Any) -> Problem:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Problem(key, params, file=file, line=line, column=column)


def _compose(loader: Any, file: str, limits: _limits.Limits) -> yaml.Node | None:
    """Compose the node graph from the event stream, without recursion, within limits.

    The graph is checked while it is composed, before any value is built: nesting
    depth, the number of values with every alias counted in full, and the values
    that aliases add. An alias bomb (a few lines whose aliases expand to
    billions of values) is refused after at most ``alias_nodes`` values, and
    deep nesting never reaches a recursive parser.
    """
    import yaml

    anchors: dict[str, tuple[yaml.Node, int]] = {}
    # Open collections: node, children, expanded size so far, anchor.
    stack: list[tuple[yaml.Node, list[yaml.Node], int, str | None]] = []
    root: yaml.Node | None = None
    total = 0
    aliased = 0
    documents = 0

    def count(added: int, mark: Any) -> None:
        nonlocal total
        total += added
        if total > limits.yaml_nodes:
            raise _Refused(_at(file, mark, "yaml-too-many-nodes", limit=limits.yaml_nodes,
                               variable=_limits.Limits.variable("yaml_nodes")))

    def attach(node: yaml.Node, size: int) -> None:
        nonlocal root
        if stack:
            parent, children, parent_size, anchor = stack[-1]
            children.append(node)
            stack[-1] = (parent, children, parent_size + size, anchor)
        else:
            root = node

    while True:
        event: Any = loader.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            return root
        if isinstance(event, yaml.StreamStartEvent | yaml.DocumentEndEvent):
            continue
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(_at(file, event.start_mark, "yaml-syntax",
                                   problem="expected a single document in the file"))
            continue
        if isinstance(event, yaml.AliasEvent):
            found = anchors.get(str(event.anchor))
            if found is None:
                raise _Refused(_at(file, event.start_mark, "yaml-alias-undefined",
                                   name=event.anchor))
            node, size = found
            aliased += size
            if aliased > limits.alias_nodes:
                raise _Refused(_at(file, event.start_mark, "yaml-alias-budget",
                                   limit=limits.alias_nodes,
                                   variable=_limits.Limits.variable("alias_nodes")))
            count(size, event.start_mark)
            attach(node, size)
            continue
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            start: Any = event.start_mark
            end: Any = event.end_mark
            scalar = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
            if event.anchor is not None:
                anchors[event.anchor] = (scalar, 1)
            count(1, event.start_mark)
            attach(scalar, 1)
            continue
        if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(stack) >= limits.depth:
                raise _Refused(_at(file, event.start_mark, "yaml-too-deep", limit=limits.depth,
                                   variable=_limits.Limits.variable("depth")))
            kind: Any = (
                yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent)
                else yaml.MappingNode
            )
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            count(1, event.start_mark)
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            stack.append((node, [], 1, event.anchor))
            continue
        if isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            node, children, size, anchor = stack.pop()
            node.end_mark = event.end_mark
            if isinstance(node, yaml.MappingNode):
                node.value = list(zip(children[0::2], children[1::2], strict=True))
            else:
                node.value = children
            if anchor is not None:
                anchors[anchor] = (node, size)
            attach(node, size)
            continue
        raise _Refused(_at(file, getattr(event, "start_mark", None), "yaml-syntax",
                           problem=f"unexpected {type(event).__name__}"))


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
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return None, [Problem("not-utf8", {"offset": exc.start}, file=display)]


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
    kind = "file" if stat.S_ISREG(info.st_mode) else kind_of(info.st_mode)
    key = "yaml-not-directory-or-file" if single_file else "yaml-not-directory"
    return [], [Problem(key, {"path": shown, "kind": kind})]


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"
