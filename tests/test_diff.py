"""`tiltak diff`: how suggestions change when the rules change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tiltak import cli
from tiltak.authoring.diff import diff
from tiltak.engine import load

DATA = Path(__file__).parent / "data" / "authoring"
PROFILES = [str(DATA / "profiles" / "few-can-lead.json"), str(DATA / "profiles" / "almost.json")]


def new_rules(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the fixture rules with one edit."""
    target = tmp_path / "new"
    shutil.copytree(DATA / "rules", target)
    path = target / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(("old", "new", "expected"), [
    # lower the arena's weight (5.8 -> 1.3): strategy and programme overtake it
    ("measure: arena\n          weight: 3", "measure: arena\n          weight: -1.5",
     {("moved", "arena"), ("moved", "strategy"), ("moved", "programme")}),
    # the leadership need no longer recommends the programme, a survey instead
    ("recommend: [{measure: programme, weight: 1.5}]",
     "recommend: [{measure: survey, weight: 1.5}]", {("removed", "programme"),
                                                      ("added", "survey")}),
    # a new suppression
    ("derive: [digital-leadership]", "derive: [digital-leadership]\n      suppress: "
     "{measures: [strategy]}", {("removed", "strategy"), ("now-suppressed", "strategy"),
                                ("moved", "programme")}),
])
def test_changes_are_classified(tmp_path: Path, old: str, new: str,
                                expected: set[tuple[str, str]]) -> None:
    before = load(DATA / "rules", DATA / "catalogue")
    after = load(new_rules(tmp_path, old, new), DATA / "catalogue")
    from tiltak.profile import load_profile

    report = diff(before, after, [(PROFILES[0], load_profile(PROFILES[0]))])
    assert {(c.kind, c.measure) for c in report.profiles[0].changes} == expected


def test_same_rules_give_no_changes(capsys: pytest.CaptureFixture[str]) -> None:
    rules = str(DATA / "rules")
    code = cli.main(["diff", "--rules", rules, "--rules", rules, "--catalogue",
                     str(DATA / "catalogue"), *PROFILES, "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("unchanged") == 2 and out.endswith("0 of 2 profiles changed\n")


def test_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changed = new_rules(tmp_path, "{measure: cafe, weight: 2}", "{measure: cafe, weight: 9}")
    argv = ["diff", "--rules", str(DATA / "rules"), "--rules", str(changed), "--catalogue",
            str(DATA / "catalogue"), *PROFILES]
    assert cli.main([*argv, "--lang", "nb"]) == 0
    text = capsys.readouterr().out
    assert "~ cafe: nr. 1 -> 1 (poeng 2 -> 9)" in text
    assert "1 av 2 profiler endret seg" in text
    assert cli.main([*argv, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "tiltak.diff/1"
    assert [p["changes"] != [] for p in data["profiles"]] == [False, True]


def test_rules_must_be_given_twice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["diff", "--rules", str(DATA / "rules"), PROFILES[0]])
    assert exc.value.code == 2
    assert "--rules" in capsys.readouterr().err
