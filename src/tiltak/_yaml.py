"""Safe YAML loading that remembers where every value came from.

PyYAML's safe loader is used to compose the node tree; we build plain Python
values from it ourselves so that duplicate keys are errors (PyYAML keeps the
last one silently) and every value has a (line, column) for messages. Only the
standard scalar tags are accepted: nothing in a file is ever executed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tiltak.errors import Problem

Loc = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"


def _loader() -> type[yaml.SafeLoader]:
    """A safe loader whose only booleans are true and false (YAML 1.2).

    YAML 1.1 also reads yes/no/on/off/y/n as booleans: `en: Yes` in a reason, or
    `no` (Norway), would silently become true/false. libyaml's composer is used
    when present: several times faster, with the same node tree and marks.
    """
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


_LOADER = _loader()

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
            out += ("." if out else "") + part
    return out


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.key_positions: dict[Loc, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
        yaml.constructor.SafeConstructor.__init__(self._constructor)

    def problem(self, node: yaml.Node, loc: Loc, msg: str, **params: Any) -> None:
        line, column = _mark(node)
        self.problems.append(
            Problem(msg, params, file=self.file, line=line, column=column, path=dotted(loc))
        )

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.positions[loc] = _mark(node)
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, loc, "yaml-tag", tag=node.tag)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problem(node, loc, "yaml-syntax", problem=str(exc).splitlines()[0])
            return None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
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


def parse_yaml(text: str, file: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document; return it with any problems found."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "syntax error"
        return None, [Problem("yaml-syntax", {"problem": problem}, file=file, line=line,
                              column=column)]
    except yaml.YAMLError as exc:
        return None, [Problem("yaml-syntax", {"problem": str(exc)}, file=file)]
    if node is None:
        return YamlDoc(file, None, {(): (1, 1)}, {}), []
    builder = _Builder(file)
    data = builder.build(node, ())
    doc = YamlDoc(file, data, builder.positions, builder.key_positions)
    return doc, builder.problems


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 (optionally BOM-prefixed) file, as a problem if it cannot be."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem("file-not-found", {"path": display})]
    except OSError as exc:
        return None, [Problem("file-unreadable", {"path": display, "reason": exc.strerror})]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        return None, [Problem("not-utf8", {"offset": exc.start}, file=display)]


def load_yaml_file(path: Path, display: str | None = None) -> tuple[YamlDoc | None, list[Problem]]:
    shown = display if display is not None else str(path)
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return parse_yaml(text, shown)


def yaml_files(directory: Path) -> Iterator[Path]:
    """The .yaml/.yml files in ``directory``, sorted by name (deterministic)."""
    return iter(
        sorted(
            (p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()),
            key=lambda p: p.name,
        )
    )
