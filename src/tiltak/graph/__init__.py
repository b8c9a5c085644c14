"""The cross-sector dependency graph of a catalogue, and its exports.

Nodes are measures, sectors (including cross-sector bodies), competence
areas and roles; edges say that a measure is a prerequisite of another, that
a measure involves a sector, which sectors and roles can own it, which areas
it develops and which roles it targets, and that one sector relies on another
sector's competence. With a profile's context the graph also marks which
sectors the organisation has and which measures are already running.

The graph is a :class:`networkx.MultiDiGraph` (node ids ``kind:id``, edge keys
name the edge kind) so other applications can analyse it directly; exports are
deterministic text in JSON (``tiltak.graph/1``), GraphML, DOT and Mermaid::

    from tiltak.graph import build_graph, export_graph
    graph = build_graph(tiltak.load().catalogue)
    print(export_graph(graph, "mermaid", lang="nb"))
"""

from tiltak.graph._graph import (
    EDGE_KINDS,
    GRAPH_FORMAT,
    GRAPH_FORMATS,
    NODE_KINDS,
    GraphFormat,
    build_graph,
    export_graph,
    graph_from_json,
    node_id,
    prerequisite_graph,
)

__all__ = [
    "EDGE_KINDS",
    "GRAPH_FORMAT",
    "GRAPH_FORMATS",
    "NODE_KINDS",
    "GraphFormat",
    "build_graph",
    "export_graph",
    "graph_from_json",
    "node_id",
    "prerequisite_graph",
]
