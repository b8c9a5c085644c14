"""The dependency graph: building and exporting (public names in ``tiltak.graph``)."""

from __future__ import annotations

from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from tiltak._args import checked
from tiltak.catalogue import Catalogue
from tiltak.graph._export import (
    GRAPH_FORMAT,
    GRAPH_FORMATS,
    GraphFormat,
    export_graph,
    graph_from_json,
)
from tiltak.profile import Context

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

NODE_KINDS = ("measure", "sector", "area", "role")
EDGE_KINDS = ("prerequisite", "involves", "can-own", "develops", "targets", "relies-on")


@checked
def node_id(kind: str, ident: str) -> str:
    """The graph's node id for a catalogue entry, e.g. ``measure:brukerkafe``."""
    return f"{kind}:{ident}"


@checked
def build_graph(catalogue: Catalogue, context: Context | None = None) -> nx.MultiDiGraph:
    """The catalogue as a graph; ``context`` marks the organisation's sectors and running measures.

    Edge directions: prerequisite -> measure; measure -> sector (``involves``,
    ``can-own``); measure -> role (``can-own``, ``targets``); measure -> area
    (``develops``); sector -> sector it relies on (``relies-on``, with the
    competence in ``competence_nb``/``competence_en``).
    """
    graph = nx.MultiDiGraph(name="tiltak", format=GRAPH_FORMAT)
    own_sectors = set(context.sectors) if context is not None else None
    running = set(context.running_measures) if context is not None else set()
    for area in catalogue.areas.values():
        graph.add_node(node_id("area", area.id), kind="area", id=area.id,
                       label_nb=area.name.nb, label_en=area.name.en)
    for sector in catalogue.sectors.values():
        attrs: dict[str, Any] = {"kind": "sector", "id": sector.id, "label_nb": sector.name.nb,
                                 "label_en": sector.name.en, "cross_sector": sector.cross_sector}
        if own_sectors is not None:
            attrs["in_context"] = sector.cross_sector or sector.id in own_sectors
        graph.add_node(node_id("sector", sector.id), **attrs)
    for role in catalogue.roles.values():
        graph.add_node(node_id("role", role.id), kind="role", id=role.id,
                       label_nb=role.name.nb, label_en=role.name.en)
    for measure in catalogue.measures.values():
        attrs = {"kind": "measure", "id": measure.id, "label_nb": measure.title.nb,
                 "label_en": measure.title.en, "strategy": measure.strategy,
                 "format": measure.format, "level": measure.level, "cost": measure.cost}
        if measure.cost_nok is not None:
            attrs["cost_nok"] = measure.cost_nok
        if measure.effort_hours is not None:
            attrs["effort_hours"] = measure.effort_hours
        if context is not None:
            attrs["running"] = measure.id in running
        graph.add_node(node_id("measure", measure.id), **attrs)
    for measure in catalogue.measures.values():
        me = node_id("measure", measure.id)
        for pre in measure.prerequisites:
            graph.add_edge(node_id("measure", pre), me, key="prerequisite", kind="prerequisite")
        for sector_id in measure.sectors:
            graph.add_edge(me, node_id("sector", sector_id), key="involves", kind="involves")
        for owner in measure.owners:
            kind = "sector" if owner in catalogue.sectors else "role"
            graph.add_edge(me, node_id(kind, owner), key="can-own", kind="can-own")
        for area_id in measure.areas:
            graph.add_edge(me, node_id("area", area_id), key="develops", kind="develops")
        for role_id in measure.roles:
            graph.add_edge(me, node_id("role", role_id), key="targets", kind="targets")
    for sector in catalogue.sectors.values():
        for j, rel in enumerate(sector.relies_on):
            graph.add_edge(node_id("sector", sector.id), node_id("sector", rel.sector),
                           key=f"relies-on:{j}", kind="relies-on",
                           competence_nb=rel.competence.nb, competence_en=rel.competence.en)
    return graph


@checked
def prerequisite_graph(catalogue: Catalogue, measures: set[str] | None = None) -> nx.DiGraph:
    """Measures (all, or those given) with an edge from each prerequisite to its dependant."""
    graph = nx.DiGraph()
    for measure in catalogue.measures.values():
        if measures is not None and measure.id not in measures:
            continue
        graph.add_node(measure.id)
        for pre in measure.prerequisites:
            if measures is None or pre in measures:
                graph.add_edge(pre, measure.id)
    return graph
