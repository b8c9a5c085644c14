"""HR functions a profile can name (held-out set 6, class 2): a recruitment team and central HR
are kinds of HR adviser with work of their own, so three HR groups from three documents need not
get one list. The roles are a compatible extension: every profile valid before stays valid."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tiltak.authoring.schema import schema
from tiltak.cli import main
from tiltak.engine import Engine

ROOT = Path(__file__).resolve().parent.parent


def profile(roles: tuple[str, ...], competence: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"format": "tiltak.profile/1",
            "subject": {"kind": "group", "id": "hr", "roles": list(roles)},
            "competence": competence or {}}


def ranks(engine: Engine, data: dict[str, Any]) -> dict[str, int]:
    return {r.measure: r.rank for r in engine.suggest(data).recommendations}


FUNCTIONS = [
    # kristiansand-2023 3.8, 3.10, 3.11, 3.9, 2 Kompetanserekruttering
    ("recruitment-team", "fast-rekrutteringsteam",
     {"arbeidsgiverprofilering", "kompetansebasert-rekruttering-opplaering",
      "mangfoldsrekruttering", "prosesskart-rekruttering", "onboarding-offboarding",
      "praksisplasser-og-laerlinger", "samarbeid-med-akademia"}),
    # kristiansand-2023 4 (Organisasjon v/ HR), 3.3, 3.4; drammen-2021 (developed centrally)
    ("central-hr", "fast-sentral-hr",
     {"kompetanseledelse-opplaering", "lederutviklingsprogram", "laeringsstopp-og-arshjul",
      "kompetanseregistreringsverktoy", "avvikle-laeringsformer-uten-effekt"}),
]


@pytest.mark.parametrize(("role", "rule", "own"), FUNCTIONS)
@pytest.mark.parametrize("competence", [None, {"digitalisering": {"skills": {"level": 3.0}}}])
def test_an_hr_function_ranks_its_own_work_above_hrs_general_list(
        default_engine: Engine, role: str, rule: str, own: set[str],
        competence: dict[str, Any] | None) -> None:
    """Every measure of the function's own work ranks higher than for a plain HR group, and
    where nothing is measured it is all in the top 10; the role is its own task, so a stated
    level does not turn it off (measures answering the level may then come between)."""
    named = default_engine.suggest(profile((role,), competence))
    named_ranks = {r.measure: r.rank for r in named.recommendations}
    plain = ranks(default_engine, profile(("hr-adviser",), competence))
    assert {r.measure for r in named.recommendations
            if rule in {x.rule for x in r.reasons}} == own
    for measure in own:
        assert competence is not None or named_ranks[measure] <= 10
        assert named_ranks[measure] < plain.get(measure, len(plain) + 1), measure


@pytest.mark.parametrize(("role", "rule", "own"), FUNCTIONS)
def test_a_plain_hr_group_does_not_get_a_functions_rule(
        default_engine: Engine, role: str, rule: str, own: set[str]) -> None:
    result = default_engine.suggest(profile(("hr-adviser",)))
    assert all(rule not in {x.rule for x in r.reasons} for r in result.recommendations)


@pytest.mark.parametrize("role", ["recruitment-team", "central-hr"])
def test_an_hr_function_is_in_every_audience_hr_is_in(default_engine: Engine, role: str) -> None:
    """A narrower role counts as the broader one it is a kind of, so nothing HR may be
    given is dropped for a recruitment team or central HR."""
    catalogue = default_engine.catalogue
    for measure in catalogue.measures:
        assert (catalogue.outside_audience(measure, "group", (role,))
                == catalogue.outside_audience(measure, "group", ("hr-adviser",))), measure


def test_the_cli_reads_a_profile_naming_an_hr_function(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "team.json"
    path.write_text(json.dumps(profile(("recruitment-team",))), encoding="utf-8")
    assert main(["suggest", str(path), "--format", "json", "--top", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["measure"] for r in data["recommendations"]] == [
        "kompetansebasert-rekruttering-opplaering", "arbeidsgiverprofilering"]
    assert data["warnings"] == []
    typo = tmp_path / "typo.json"
    typo.write_text(json.dumps(profile(("recruiting-team",))), encoding="utf-8")
    assert main(["suggest", str(typo)]) == 1
    assert "recruitment-team" in capsys.readouterr().err


def _attributes_read(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["attribute"]} if isinstance(node.get("attribute"), str) else set()
        return found.union(*(_attributes_read(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_attributes_read(v) for v in node))
    return set()


def test_the_profile_schema_names_every_bundled_role_and_attribute(
        default_engine: Engine) -> None:
    """`tiltak schema profile` documents the role ids of the bundled catalogue and the
    attributes the bundled rules read, so a user writing a profile can find them."""
    import yaml

    subject = schema("profile")["$defs"]["Subject"]["properties"]
    roles_text = subject["roles"]["description"]
    assert set(default_engine.catalogue.roles) <= set(re.findall(r"[a-z][a-z-]*", roles_text))
    read: set[str] = set()
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        read |= _attributes_read(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert read
    for name in read:
        assert name in subject["attributes"]["description"], name
