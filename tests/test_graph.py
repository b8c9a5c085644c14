"""The cross-sector graph (tiltak.graph, ``tiltak graph``): content and exports that round-trip."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiltak._escape import printable
from tiltak.catalogue import Catalogue
from tiltak.cli import main
from tiltak.errors import TiltakError
from tiltak.graph import GRAPH_FORMATS, build_graph, export_graph, graph_from_json
from tiltak.profile import Context

from .conftest import EXAMPLES, MINI
from .test_plan_props import SECTORS, make_catalogue


def edge_set(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return {(u, v, k) for u, v, k in graph.edges(keys=True)}


def test_mini_graph_has_every_kind_of_node_and_edge(mini_catalogue: Catalogue) -> None:
    graph = build_graph(mini_catalogue)
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds == {"measure", "sector", "area", "role"}
    edges = edge_set(graph)
    assert ("measure:strategy", "measure:programme", "prerequisite") in edges
    assert ("measure:arena", "sector:helse", "involves") in edges
    assert ("measure:arena", "sector:oppvekst", "involves") in edges
    assert ("measure:arena", "area:digitalisering", "develops") in edges
    assert ("sector:oppvekst", "sector:helse", "relies-on:0") in edges
    assert graph.nodes["measure:programme"]["cost"] == "high"


def test_default_catalogue_graph_carries_reliance_and_bodies(default_engine: Any) -> None:
    catalogue = default_engine.catalogue
    graph = build_graph(catalogue)
    relies = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == "relies-on"]
    expected = sum(len(s.relies_on) for s in catalogue.sectors.values())
    assert len(relies) == expected > 0
    assert any(u == "sector:oppvekst-og-kultur" and v == "sector:helse-og-velferd"
               and "BTI" in d["competence_en"] for u, v, d in relies)
    bodies = {d["id"] for _, d in graph.nodes(data=True) if d.get("cross_sector")}
    assert {"tverrsektorielt-forum", "ledergruppen", "region"} <= bodies
    for measure in catalogue.measures.values():
        for pre in measure.prerequisites:
            assert graph.has_edge(f"measure:{pre}", f"measure:{measure.id}", key="prerequisite")


def test_context_marks_own_sectors_and_running_measures(mini_catalogue: Catalogue) -> None:
    graph = build_graph(mini_catalogue, Context(sectors=("helse",), running_measures=("cafe",)))
    assert graph.nodes["sector:helse"]["in_context"] is True
    assert graph.nodes["sector:oppvekst"]["in_context"] is False
    assert graph.nodes["measure:cafe"]["running"] is True
    assert graph.nodes["measure:arena"]["running"] is False
    assert "in_context" not in build_graph(mini_catalogue).nodes["sector:helse"]


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted((u, v, k, sorted(d.items())) for u, v, k, d in a.edges(keys=True, data=True)) \
        == sorted((u, v, k, sorted(d.items())) for u, v, k, d in b.edges(keys=True, data=True))


def test_json_round_trip(default_engine: Any) -> None:
    graph = build_graph(default_engine.catalogue)
    back = graph_from_json(export_graph(graph, "json"))
    same_graph(graph, back)


def test_graphml_round_trip(default_engine: Any, tmp_path: Path) -> None:
    graph = build_graph(default_engine.catalogue, Context(sectors=("stab",)))
    path = tmp_path / "g.graphml"
    path.write_text(export_graph(graph, "graphml"), encoding="utf-8")
    back = nx.read_graphml(path, force_multigraph=True)
    same_graph(graph, back)


@pytest.mark.parametrize("text", ['{"format": "other"}', "[]", "not json",
                                  '{"format": "tiltak.graph/1", "nodes": [{}], "edges": []}'])
def test_bad_graph_json_is_a_clear_error(text: str) -> None:
    with pytest.raises(TiltakError, match="not a tiltak graph"):
        graph_from_json(text, "g.json")


def test_unknown_format_is_an_error(mini_catalogue: Catalogue) -> None:
    with pytest.raises(TiltakError, match="unknown graph format 'svg'"):
        export_graph(build_graph(mini_catalogue), "svg")


# ---- structural checks for DOT and Mermaid (no renderer, no network) ----------------------

_LABEL = r'(?:[^"\[\]{}()<>|;#`]|#\d+;)*'  # special characters only as entity codes
_MERMAID_NODE = re.compile(
    rf'^\s*(n\d+)(\["{_LABEL}"\]|\(\["{_LABEL}"\]\)|\{{\{{"{_LABEL}"\}}\}}|>"{_LABEL}"\])$')
_MERMAID_EDGE = re.compile(rf'^\s*(n\d+) (-->|-\.->)(\|{_LABEL}\|)? (n\d+)$')
_MERMAID_SUB = re.compile(rf'^\s*subgraph (\w+)\["{_LABEL}"\]$')


def check_mermaid(text: str) -> tuple[int, int]:
    """Validate Mermaid flowchart syntax line by line; return (nodes, edges)."""
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "flowchart LR"
    defined: set[str] = set()
    edges = 0
    depth = 0
    for line in lines[1:]:
        if m := _MERMAID_NODE.match(line):
            assert m.group(1) not in defined, line
            defined.add(m.group(1))
        elif m := _MERMAID_EDGE.match(line):
            assert m.group(1) in defined and m.group(4) in defined, line
            edges += 1
        elif _MERMAID_SUB.match(line):
            depth += 1
        elif line.strip() == "end":
            depth -= 1
            assert depth >= 0
        else:
            raise AssertionError(f"not valid Mermaid: {line!r}")
    assert depth == 0
    return len(defined), edges


def check_dot(text: str) -> tuple[int, int]:
    """Validate the DOT subset we write; return (nodes, edges)."""
    quoted = r'"(?:[^"\\]|\\.)*"'
    node = re.compile(rf'^\s*({quoted}) \[label={quoted}, shape=\w+(, style="dashed")?\];$')
    edge = re.compile(rf'^\s*({quoted}) -> ({quoted}) \[label={quoted}(, style="dashed")?\];$')
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "digraph tiltak {" and lines[-1] == "}"
    defined: set[str] = set()
    edges = 0
    depth = 1
    for line in lines[1:-1]:
        if m := node.match(line):
            defined.add(m.group(1))
        elif m := edge.match(line):
            assert m.group(1) in defined and m.group(2) in defined, line
            edges += 1
        elif re.match(r"^\s*subgraph cluster_\w+ \{$", line):
            depth += 1
        elif line.strip() == "}":
            depth -= 1
        elif not re.match(rf"^\s*(rankdir=LR|node \[fontname=\"Helvetica\"\]|label={quoted});$",
                          line):
            raise AssertionError(f"not valid DOT: {line!r}")
    assert depth == 1
    return len(defined), edges


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_mermaid_and_dot_are_well_formed(default_engine: Any, lang: str) -> None:
    graph = build_graph(default_engine.catalogue)
    n, e = graph.number_of_nodes(), graph.number_of_edges()
    assert check_mermaid(export_graph(graph, "mermaid", lang)) == (n, e)
    assert check_dot(export_graph(graph, "dot", lang)) == (n, e)


def test_checkers_reject_broken_text() -> None:
    with pytest.raises(AssertionError):
        check_mermaid('flowchart LR\n  n0["a "quoted" label"]\n')
    with pytest.raises(AssertionError):
        check_mermaid('flowchart LR\n  n0["a"]\n  n0 --> n1\n')
    with pytest.raises(AssertionError):
        check_dot('digraph tiltak {\n  "a" -> "b" [label=""];\n}\n')


# ---- generated catalogues ------------------------------------------------------------------

@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    n = draw(st.integers(min_value=1, max_value=6))
    # Any character a catalogue's YAML can write as an escape: controls, bidirectional
    # overrides, invisible ones (a lone surrogate is a YAML error).
    label = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(
        ["\x01", "\x1b", "\x85", "\u200b", "\u202e", "\ufeff", "\ufffe"])),
        min_size=1, max_size=12)
    catalogue = make_catalogue([{
        "prereqs": sorted(draw(st.sets(st.integers(0, i - 1), max_size=2))) if i else [],
        "sectors": draw(st.lists(st.sampled_from(SECTORS), unique=True, max_size=3)),
        "body": draw(st.booleans()), "cost": 0, "hours": 0,
    } for i in range(n)])
    measures = [m.model_copy(update={"title": m.title.model_copy(
        update={"nb": draw(label), "en": draw(label)})}) for m in catalogue.measures.values()]
    return Catalogue.from_parts(areas=catalogue.areas.values(),
                                sectors=catalogue.sectors.values(), measures=measures)


@settings(max_examples=60, deadline=None)
@given(catalogues())
def test_exports_round_trip_for_generated_catalogues(catalogue: Catalogue) -> None:
    graph = build_graph(catalogue)
    same_graph(graph, graph_from_json(export_graph(graph, "json")))
    back = nx.parse_graphml(export_graph(graph, "graphml"), force_multigraph=True)
    assert set(back.nodes) == set(graph.nodes)
    assert edge_set(back) == edge_set(graph)
    # GraphML is XML: it holds each label as a document shows it (tiltak._escape.printable),
    # and an XML reader reads a carriage return as a line feed
    assert {n: d["label_en"] for n, d in back.nodes(data=True)} == \
        {n: re.sub("\r\n?", "\n", printable(d["label_en"])) for n, d in graph.nodes(data=True)}
    n, e = graph.number_of_nodes(), graph.number_of_edges()
    assert check_mermaid(export_graph(graph, "mermaid")) == (n, e)
    assert check_dot(export_graph(graph, "dot")) == (n, e)


# ---- CLI -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_cli_graph_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "--format", fmt, "--catalogue", str(MINI / "catalogue")]) == 0
    out = capsys.readouterr().out
    assert main(["graph", "--format", fmt, "--catalogue", str(MINI / "catalogue")]) == 0
    assert capsys.readouterr().out == out  # deterministic
    if fmt == "json":
        assert json.loads(out)["format"] == "tiltak.graph/1"
    elif fmt == "mermaid":
        check_mermaid(out)
    elif fmt == "dot":
        check_dot(out)
    else:
        assert set(nx.parse_graphml(out, force_multigraph=True).nodes) >= {"measure:arena"}


def test_cli_graph_with_profile_and_output(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "graph.json"
    assert main(["graph", "--profile", str(EXAMPLES / "bindal-organisasjon.json"),
                 "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    graph = graph_from_json(target.read_text(encoding="utf-8"))
    assert graph.nodes["sector:stab"]["in_context"] is True
    assert graph.nodes["sector:teknisk"]["in_context"] is False


def test_cli_graph_labels_follow_lang(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "--format", "mermaid", "--lang", "nb"]) == 0
    nb = capsys.readouterr().out
    assert main(["graph", "--format", "mermaid", "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "trenger kompetanse fra" in nb and "relies on" in en


def test_cli_graph_bad_catalogue_is_exit_1(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "--catalogue", str(tmp_path / "missing")]) == 1
    assert "missing" in capsys.readouterr().err


def test_subprocess_graphml_loads_in_networkx(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.graphml"
    proc = subprocess.run([sys.executable, "-m", "tiltak", "graph", "--format", "graphml",
                           "-o", str(target)], capture_output=True, text=True, check=False,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    graph = nx.read_graphml(target, force_multigraph=True)
    assert graph.has_edge("sector:oppvekst-og-kultur", "sector:helse-og-velferd")
