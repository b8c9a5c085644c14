"""``tiltak plan`` and tiltak.plan: phases, added prerequisites, owners, limits, relaxations."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import pytest

import tiltak
from tiltak.catalogue import Catalogue
from tiltak.cli import main
from tiltak.engine import Engine
from tiltak.errors import PlanError
from tiltak.plan import PLAN_FORMAT, Plan, make_plan, plan_from_result, plan_graph
from tiltak.profile import Context, load_profile

from .conftest import EXAMPLES, MINI
from .test_plan_props import make_catalogue, make_result

BINDAL = EXAMPLES / "bindal-organisasjon.json"


@pytest.fixture(scope="module")
def bindal_plan(default_engine: Engine) -> Plan:
    return make_plan(BINDAL, default_engine)


def test_bindal_plan_respects_prerequisites_limits_and_sharing(
        bindal_plan: Plan, default_engine: Engine) -> None:
    catalogue = default_engine.catalogue
    profile = load_profile(BINDAL)
    assert bindal_plan.limits.budget_nok == profile.context.budget_nok
    assert bindal_plan.limits.budget_from == "profile"
    assert bindal_plan.totals.cost_nok <= (profile.context.budget_nok or 0)
    assert bindal_plan.totals.effort_hours <= (profile.context.capacity_hours or 0)
    phase = {pm.measure: pm.phase for pm in bindal_plan.measures}
    assert bindal_plan.measures and bindal_plan.left_out  # the limits bind for Bindal
    for pm in bindal_plan.measures:
        for pre in catalogue.measures[pm.measure].prerequisites:
            assert pre in phase and phase[pre] < pm.phase  # type: ignore[operator]
        if len(pm.sectors) >= 2:
            assert len(pm.owners) >= 2
            assert all(o.share <= 0.5 for o in pm.owners)
    own = set(profile.context.sectors)
    assert {row.sector for row in bindal_plan.sectors} <= own
    assert bindal_plan.sector_concentration is not None
    assert bindal_plan.sector_concentration >= 1 / len(bindal_plan.sectors) - 1e-9


def test_missing_prerequisite_is_added_and_phased_first(mini_catalogue: Catalogue) -> None:
    # programme requires strategy; only programme is suggested
    result = make_result(mini_catalogue, {"programme": 3.0})
    plan = plan_from_result(result, mini_catalogue)
    by_id = {pm.measure: pm for pm in plan.measures}
    assert by_id["strategy"].origin == "prerequisite"
    assert by_id["strategy"].rank is None
    assert by_id["programme"].origin == "suggested"
    assert [p.measures for p in plan.phases] == [["strategy"], ["programme"]]
    assert plan.totals.added_prerequisites == 1


def test_running_prerequisite_counts_as_in_place(mini_catalogue: Catalogue) -> None:
    result = make_result(mini_catalogue, {"programme": 3.0})
    plan = plan_from_result(result, mini_catalogue, Context(running_measures=("strategy",)))
    assert plan.chosen() == ["programme"]


def test_added_prerequisite_is_dropped_when_its_dependant_does_not_fit() -> None:
    catalogue = make_catalogue([
        {"prereqs": [], "sectors": [], "body": False, "cost": 1000, "hours": 0},
        {"prereqs": [0], "sectors": [], "body": False, "cost": 9000, "hours": 0},
    ])
    plan = plan_from_result(make_result(catalogue, {"m1": 2.0}), catalogue,
                            Context(budget_nok=5000))
    assert plan.chosen() == []
    [relax] = plan.relaxations
    assert relax.needs == ["m0", "m1"]
    assert relax.budget_nok == 5000


@pytest.mark.parametrize(("budget", "capacity", "raise_budget", "raise_capacity"), [
    (0.0, None, 10000.0, None),
    (None, 0.0, None, 100.0),
    (0.0, 0.0, 10000.0, 100.0),
    (10000.0, 50.0, 0.0, 50.0),
])
def test_nothing_fits_names_the_limit_and_amount(
        budget: float | None, capacity: float | None, raise_budget: float | None,
        raise_capacity: float | None) -> None:
    catalogue = make_catalogue([
        {"prereqs": [], "sectors": ["s1", "s2"], "body": True, "cost": 10000, "hours": 100},
    ])
    plan = plan_from_result(make_result(catalogue, {"m0": 1.0}), catalogue,
                            Context(budget_nok=budget, capacity_hours=capacity))
    assert plan.chosen() == []
    [relax] = plan.relaxations
    assert (relax.budget_nok, relax.capacity_hours) == (raise_budget, raise_capacity)
    relaxed = plan_from_result(
        make_result(catalogue, {"m0": 1.0}), catalogue,
        Context(budget_nok=None if budget is None else budget + (raise_budget or 0),
                capacity_hours=None if capacity is None else capacity + (raise_capacity or 0)))
    assert relaxed.chosen() == ["m0"]


def test_prerequisite_cycle_is_an_error_naming_the_cycle() -> None:
    catalogue = make_catalogue([
        {"prereqs": [], "sectors": [], "body": False, "cost": 0, "hours": 0},
        {"prereqs": [], "sectors": [], "body": False, "cost": 0, "hours": 0},
    ])
    # make m0 <-> m1 a cycle (the loader rejects only self-references)
    measures = {k: v for k, v in catalogue.measures.items()}
    measures["m0"] = measures["m0"].model_copy(update={"prerequisites": ("m1",)})
    measures["m1"] = measures["m1"].model_copy(update={"prerequisites": ("m0",)})
    cyclic = Catalogue.from_parts(sectors=catalogue.sectors.values(),
                                  measures=measures.values())
    with pytest.raises(PlanError) as info:
        plan_from_result(make_result(cyclic, {"m1": 1.0}), cyclic)
    assert "m0 -> m1 -> m0" in str(info.value)
    assert "m0 -> m1 -> m0" in info.value.render("nb")
    assert "ring" in info.value.render("nb")


def test_bad_limit_is_a_plan_error(mini_catalogue: Catalogue) -> None:
    with pytest.raises(PlanError, match="budget_nok"):
        plan_from_result(make_result(mini_catalogue, {"arena": 1.0}), mini_catalogue,
                         budget_nok=-1)


def test_plan_graph_has_phases_and_owner_edges(bindal_plan: Plan) -> None:
    graph = plan_graph(bindal_plan)
    for pm in bindal_plan.measures:
        node = graph.nodes[f"measure:{pm.measure}"]
        assert node["phase"] == pm.phase
        owned = {v for _, v, k in graph.out_edges(f"measure:{pm.measure}", keys=True)
                 if k == "owned-by"}
        assert owned == {f"sector:{o.sector}" for o in pm.owners}
    prereq = nx.DiGraph([(u, v) for u, v, k in graph.edges(keys=True) if k == "prerequisite"])
    for u, v in prereq.edges:
        assert graph.nodes[u]["phase"] < graph.nodes[v]["phase"]


# ---- CLI -----------------------------------------------------------------------------------


def test_cli_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(BINDAL), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == PLAN_FORMAT
    assert set(data) >= {"subject", "limits", "totals", "phases", "measures", "left_out",
                         "relaxations", "relax_all", "sectors", "sector_concentration",
                         "method", "warnings", "exact"}
    planned = [m for p in data["phases"] for m in p["measures"]]
    assert planned == [m["measure"] for m in data["measures"]]


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", ["År for år", "Budsjett", "Valgt fordi", "Eiere", "Venter på", "Utføres av",
            "Sektorenes del av planen", "utelatt fordi budsjettet for planen er brukt",
            "øk budsjettet med", "Slik er planen laget (metode)", "400 000 kr"]),
    ("en", ["Year by year", "Budget", "Chosen because", "Owners", "Waits for", "Carried out by",
            "Each sector's part of the plan", "left out because the plan's budget is used",
            "raise the budget by", "How the plan was made (method)", "NOK 400,000"]),
])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_cli_renderings_in_both_languages(capsys: pytest.CaptureFixture[str], lang: str,
                                          words: list[str], fmt: str) -> None:
    assert main(["plan", str(BINDAL), "--format", fmt, "--lang", lang, "--budget", "400000",
                 "--start", "2027-01"]) == 0
    out = capsys.readouterr().out
    for word in words:
        assert word in out
    if fmt == "markdown":
        assert out.startswith("# ")
    # solver and economics terms only in the method appendix at the end
    body, _, appendix = out.partition("Slik er planen laget" if lang == "nb"
                                      else "How the plan was made")
    for term in ("HiGHS", "Herfindahl", "MILP", "HHI", "min-cost", "heltallsprogram",
                 "integer programme"):
        assert term not in body
    assert "HiGHS" in appendix


def test_cli_options_override_the_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(BINDAL), "--format", "json", "--budget", "0", "--capacity",
                 "100000", "--top", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["limits"]["budget_nok"] == 0
    assert data["limits"]["budget_from"] == "option"
    assert data["limits"]["capacity_from"] == "option"
    assert data["totals"]["suggested"] == 3
    assert all(m["cost_nok"] == 0 for m in data["measures"])
    assert len(data["relaxations"]) == 3 - sum(1 for m in data["measures"]
                                               if m["origin"] == "suggested")


@pytest.mark.parametrize(("lang", "nothing", "capacity"), [
    ("en", "Nothing fits within the limits.", "raise the capacity by"),
    ("nb", "Ingenting får plass innenfor grensene.", "øk kapasiteten med"),
])
def test_cli_nothing_fits_says_so(capsys: pytest.CaptureFixture[str], lang: str, nothing: str,
                                  capacity: str) -> None:
    code = main(["plan", str(BINDAL), "--budget", "0", "--capacity", "0", "--lang", lang])
    out = capsys.readouterr().out
    assert code == 0
    assert nothing in out
    assert capacity in out


def test_cli_writes_output_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "plan.md"
    assert main(["plan", str(BINDAL), "--format", "markdown", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


@pytest.mark.parametrize("args", [["--budget", "-5"], ["--capacity", "lots"], ["--top", "0"],
                                  ["--format", "pdf"]])
def test_cli_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["plan", str(BINDAL), *args])
    assert info.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_cli_cycle_is_exit_1_with_the_cycle(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    cat = tmp_path / "catalogue"
    cat.mkdir()
    source = (MINI / "catalogue" / "catalogue.yaml").read_text(encoding="utf-8")
    source = source.replace("    cost: low\n  - id: pipeline",
                            "    cost: low\n    prerequisites: [programme]\n  - id: pipeline")
    (cat / "catalogue.yaml").write_text(source, encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "rules.yaml").write_text(textwrap.dedent("""\
        rules:
          - id: always
            reason: {nb: Alltid., en: Always.}
            then: {recommend: [programme]}
        """), encoding="utf-8")
    profile = tmp_path / "profile.json"
    profile.write_text('{"format": "tiltak.profile/1", "subject": {"kind": "organisation"}}',
                       encoding="utf-8")
    code = main(["plan", str(profile), "--catalogue", str(cat), "--rules", str(rules),
                 "--lang", "nb"])
    err = capsys.readouterr().err
    assert code == 1
    assert "programme -> strategy -> programme" in err
    assert "Traceback" not in err


def test_cli_missing_profile_is_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "no-such-profile.json"]) == 1
    assert "no-such-profile.json" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["graphml", "dot", "mermaid"])
def test_cli_plan_graph_exports(fmt: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / f"plan.{fmt}"
    assert main(["plan", str(BINDAL), "--format", fmt, "-o", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    if fmt == "graphml":
        graph = nx.read_graphml(target, force_multigraph=True)
        assert any(d.get("phase") == 2 for _, d in graph.nodes(data=True))
    elif fmt == "mermaid":
        assert "subgraph phase1" in text
    else:
        assert "cluster_phase_1" in text


def test_plan_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for _ in range(2):
        assert main(["plan", str(BINDAL), "--format", "json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def test_subprocess_plan_json() -> None:
    proc = subprocess.run([sys.executable, "-m", "tiltak", "plan", str(BINDAL), "--format",
                           "json", "--budget", "200000"], capture_output=True, text=True,
                          check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["totals"]["cost_nok"] <= 200000
    assert data["limits"]["budget_from"] == "option"


def test_library_mirrors_cli(default_engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    plan = make_plan(BINDAL, default_engine, budget_nok=300000)
    assert main(["plan", str(BINDAL), "--format", "json", "--budget", "300000"]) == 0
    assert capsys.readouterr().out == plan.to_json()
    assert isinstance(tiltak.load(), Engine)
