"""Deterministic text exports of tiltak graphs: JSON, GraphML, DOT and Mermaid.

Node and edge order is the graph's insertion order, so the same catalogue
(or plan) always gives byte-identical text. Nodes that carry a ``phase``
attribute are grouped (DOT clusters, Mermaid subgraphs) by phase.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal, get_args

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from tiltak._args import checked
from tiltak._escape import printable
from tiltak._i18n import Lang, add_messages, message
from tiltak.errors import TiltakError

GRAPH_FORMAT = "tiltak.graph/1"
GraphFormat = Literal["json", "graphml", "dot", "mermaid"]
GRAPH_FORMATS: tuple[GraphFormat, ...] = get_args(GraphFormat)

add_messages({
    "graph-format-unknown": (
        "ukjent grafformat «{value}»; forventet en av: {expected}",
        "unknown graph format '{value}'; expected one of: {expected}",
    ),
    "graph-json-invalid": (
        "{path}: ikke en tiltak-graf ({detail})",
        "{path}: not a tiltak graph ({detail})",
    ),
    "graph-edge-prerequisite": ("forutsetning for", "prerequisite of"),
    "graph-edge-involves": ("involverer", "involves"),
    "graph-edge-can-own": ("kan eies av", "can be owned by"),
    "graph-edge-develops": ("utvikler", "develops"),
    "graph-edge-targets": ("retter seg mot", "targets"),
    "graph-edge-relies-on": ("trenger kompetanse fra", "relies on"),
    "graph-edge-owned-by": ("eies av", "owned by"),
    "graph-edge-coordinated-by": ("koordineres av", "coordinated by"),
    "graph-phase": ("Fase {phase}", "Phase {phase}"),
})

_SHAPES = {"measure": "box", "sector": "ellipse", "area": "hexagon", "role": "diamond"}


@checked
def export_graph(graph: nx.MultiDiGraph, fmt: str, lang: Lang = "en") -> str:
    """The graph as text in ``fmt`` (json, graphml, dot or mermaid); labels in ``lang``."""
    if fmt == "json":
        return _to_json(graph)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(_printable(graph), prettyprint=True)) + "\n"
    if fmt == "dot":
        return _to_dot(graph, lang)
    if fmt == "mermaid":
        return _to_mermaid(graph, lang)
    raise TiltakError("graph-format-unknown", value=fmt, expected=", ".join(GRAPH_FORMATS))


def _printable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose texts are :func:`tiltak._escape.printable`: GraphML is XML,
    which cannot hold a control character from a catalogue text (and networkx writes one
    as it is, or U+FFFE as a reference no XML reader accepts)."""

    def clean(attrs: dict[str, Any]) -> dict[str, Any]:
        return {k: printable(v) if isinstance(v, str) else v for k, v in attrs.items()}

    out = nx.MultiDiGraph(**clean(graph.graph))
    out.add_nodes_from((printable(n), clean(a)) for n, a in graph.nodes(data=True))
    out.add_edges_from((printable(u), printable(v), k, clean(a))
                       for u, v, k, a in graph.edges(keys=True, data=True))
    return out


def _to_json(graph: nx.MultiDiGraph) -> str:
    data = {
        "format": GRAPH_FORMAT,
        "directed": True,
        "multigraph": True,
        "graph": {k: v for k, v in graph.graph.items() if k != "format"},
        "nodes": [{"node": n, **attrs} for n, attrs in graph.nodes(data=True)],
        "edges": [{"source": u, "target": v, "key": k, **attrs}
                  for u, v, k, attrs in graph.edges(keys=True, data=True)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@checked
def graph_from_json(text: str, source: str = "<json>") -> nx.MultiDiGraph:
    """Read a graph written by the JSON export back into networkx."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != GRAPH_FORMAT:
            raise ValueError(f"format must be {GRAPH_FORMAT}")
        graph = nx.MultiDiGraph(**data.get("graph", {}), format=GRAPH_FORMAT)
        for node in data["nodes"]:
            attrs = dict(node)
            graph.add_node(attrs.pop("node"), **attrs)
        for edge in data["edges"]:
            attrs = dict(edge)
            graph.add_edge(attrs.pop("source"), attrs.pop("target"), key=attrs.pop("key"),
                           **attrs)
    except (ValueError, KeyError, TypeError) as exc:
        raise TiltakError("graph-json-invalid", path=source, detail=str(exc)) from None
    return graph


def _label(attrs: dict[str, Any], node: str, lang: Lang) -> str:
    text = attrs.get(f"label_{lang}") or attrs.get("label_en") or node
    return str(text)


def _edge_label(attrs: dict[str, Any], lang: Lang) -> str:
    kind = str(attrs.get("kind", ""))
    text = message(f"graph-edge-{kind}", lang) if kind else ""
    share = attrs.get("share")
    if isinstance(share, int | float):
        text += f" {round(100 * share)} %"
    return text


def _groups(graph: nx.MultiDiGraph) -> tuple[dict[int, list[str]], list[str]]:
    grouped: dict[int, list[str]] = {}
    loose: list[str] = []
    for node, attrs in graph.nodes(data=True):
        phase = attrs.get("phase")
        if isinstance(phase, int) and not isinstance(phase, bool):
            grouped.setdefault(phase, []).append(node)
        else:
            loose.append(node)
    return dict(sorted(grouped.items())), loose


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _to_dot(graph: nx.MultiDiGraph, lang: Lang) -> str:
    lines = ["digraph tiltak {", "  rankdir=LR;", "  node [fontname=\"Helvetica\"];"]

    def node_line(node: str, indent: str) -> str:
        attrs = graph.nodes[node]
        shape = _SHAPES.get(str(attrs.get("kind")), "box")
        style = ', style="dashed"' if attrs.get("cross_sector") else ""
        return (f"{indent}{_dot_quote(node)} [label={_dot_quote(_label(attrs, node, lang))}, "
                f"shape={shape}{style}];")

    grouped, loose = _groups(graph)
    for phase, nodes in grouped.items():
        lines.append(f"  subgraph cluster_phase_{phase} {{")
        lines.append(f"    label={_dot_quote(message('graph-phase', lang, phase=phase))};")
        lines.extend(node_line(n, "    ") for n in nodes)
        lines.append("  }")
    lines.extend(node_line(n, "  ") for n in loose)
    for u, v, attrs in graph.edges(data=True):
        style = ', style="dashed"' if attrs.get("kind") == "relies-on" else ""
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} "
                     f"[label={_dot_quote(_edge_label(attrs, lang))}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


_MERMAID_UNSAFE = re.compile(r'["<>#\[\]{}()|`;]')


def _mermaid_text(text: str) -> str:
    """Label text safe inside ``["..."]`` and ``|...|``: entity codes for special characters."""
    return _MERMAID_UNSAFE.sub(lambda m: f"#{ord(m.group(0))};", text.replace("\n", " "))


def _to_mermaid(graph: nx.MultiDiGraph, lang: Lang) -> str:
    ids = {node: f"n{i}" for i, node in enumerate(graph.nodes)}
    brackets = {"measure": ('["', '"]'), "sector": ('(["', '"])'), "area": ('{{"', '"}}'),
                "role": ('>"', '"]')}

    def node_line(node: str, indent: str) -> str:
        attrs = graph.nodes[node]
        left, right = brackets.get(str(attrs.get("kind")), ('["', '"]'))
        return f"{indent}{ids[node]}{left}{_mermaid_text(_label(attrs, node, lang))}{right}"

    lines = ["flowchart LR"]
    grouped, loose = _groups(graph)
    for phase, nodes in grouped.items():
        title = _mermaid_text(message("graph-phase", lang, phase=phase))
        lines.append(f'  subgraph phase{phase}["{title}"]')
        lines.extend(node_line(n, "    ") for n in nodes)
        lines.append("  end")
    lines.extend(node_line(n, "  ") for n in loose)
    for u, v, attrs in graph.edges(data=True):
        arrow = "-.->" if attrs.get("kind") == "relies-on" else "-->"
        label = _mermaid_text(_edge_label(attrs, lang))
        lines.append(f"  {ids[u]} {arrow}|{label}| {ids[v]}" if label
                     else f"  {ids[u]} {arrow} {ids[v]}")
    return "\n".join(lines) + "\n"
