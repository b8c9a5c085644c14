"""A profile carries where it was read from, and a bad profile is reported in one round.

Every command that reads a profile names the file (or the batch line, or the scenario's line
and column) and the JSON path of each problem, and reports the problems the profile format
finds together with the ids the catalogue does not know: a user fixing a bad level is not
told only afterwards that a role is unknown too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tiltak
from tiltak.catalogue import Catalogue
from tiltak.cli import main
from tiltak.errors import ProfileError
from tiltak.profile import _unknown_ids, load_profile, parse_profile

from .conftest import EXAMPLES

# A bad level (the format's own check) with an unknown role, area and sector (the catalogue's).
BAD = {
    "format": "tiltak.profile/1",
    "subject": {"kind": "employee", "roles": ["ledr"], "sector": "helse-og-velferdd"},
    "competence": {"ledelse": {"knowledge": {"level": 7}},
                   "digitaliseing": {"skills": {"level": 2}}},
}
# Only unknown ids: a valid profile, checked against the catalogue by the engine.
UNKNOWN_ONLY = {
    "format": "tiltak.profile/1",
    "subject": {"kind": "employee", "roles": ["ledr"]},
    "competence": {"ledelse": {"knowledge": {"level": 3}}},
}
EXPECTED = {
    "en": ["competence.digitaliseing: unknown competence area 'digitaliseing'",
           "competence.ledelse.knowledge.level: 7 is above 5",
           "subject.roles[0]: unknown role 'ledr' (did you mean 'leader'?)",
           "subject.sector: unknown sector 'helse-og-velferdd'"],
    "nb": ["competence.digitaliseing: ukjent kompetanseområde «digitaliseing»",
           "competence.ledelse.knowledge.level: 7 er over 5",
           "subject.roles[0]: ukjent rolle «ledr» (mente du «leader»?)",
           "subject.sector: ukjent sektor «helse-og-velferdd»"],
}
COMMANDS = [
    ["suggest"],
    ["suggest", "--all"],
    ["explain"],
    ["explain", "--measure", "teknologivalg-arena"],
    ["plan"],
    ["report", "-o", "{tmp}/plan.html"],
]


def _write(tmp_path: Path, data: dict[str, object], name: str = "p.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_problem_at_once_with_the_file_name(command: list[str], lang: str,
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    profile = _write(tmp_path, BAD)
    args = [part.format(tmp=tmp_path) for part in command]
    assert main([args[0], str(profile), *args[1:], "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for problem in EXPECTED[lang]:
        assert f"{profile}: {problem}" in err, (problem, err)
    assert not (tmp_path / "plan.html").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_unknown_id_alone_names_the_file(command: list[str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """The engine's own check (of a profile the format accepts) names the file too."""
    profile = _write(tmp_path, UNKNOWN_ONLY)
    args = [part.format(tmp=tmp_path) for part in command]
    assert main([args[0], str(profile), *args[1:], "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert (f"tiltak: error: {profile}: subject.roles[0]: unknown role 'ledr' "
            "(did you mean 'leader'?)") in err


def test_standard_input_is_named() -> None:
    proc = subprocess.run([sys.executable, "-m", "tiltak", "suggest", "-", "--lang", "en"],
                          input=json.dumps(BAD), capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert proc.returncode == 1
    for problem in EXPECTED["en"]:
        assert f"<stdin>: {problem}" in proc.stderr


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_batch_keeps_the_line_number_and_reports_every_problem(
        lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = (EXAMPLES / "medarbeider.json").read_text(encoding="utf-8")
    lines = [json.dumps(UNKNOWN_ONLY), json.dumps(json.loads(good)), json.dumps(BAD)]
    batch = tmp_path / "b.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["suggest", "--batch", str(batch), "-o", str(out), "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert f"{batch}:1: {EXPECTED[lang][2]}" in err
    for problem in EXPECTED[lang]:
        assert f"{batch}:3: {problem}" in err, (problem, err)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_tiltak_test_places_profile_problems(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An inline profile's problems point at their line and column in the scenario file; a
    profile file's name its file; every problem once, each on its own line."""
    _write(tmp_path, BAD, "bad.json")
    scenarios = tmp_path / "s.yaml"
    scenarios.write_text(
        "scenarios:\n"
        "  - id: inline\n"
        "    profile:\n"
        "      format: tiltak.profile/1\n"
        "      subject: {kind: employee, roles: [ledr]}\n"
        "      competence:\n"
        "        ledelse:\n"
        "          knowledge: {level: 7}\n"
        "    expect_top: [lederutviklingsprogram]\n"
        "  - id: file\n"
        "    profile: bad.json\n"
        "    expect_top: [lederutviklingsprogram]\n", encoding="utf-8")
    assert main(["test", str(scenarios), "--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (f"      - {scenarios}:5:41: profile.subject.roles[0]: unknown role 'ledr' "
            "(did you mean 'leader'?)") in out
    assert f"      - {scenarios}:8:30: profile.competence.ledelse.knowledge.level: 7 is above 5" \
        in out
    for problem in EXPECTED["en"]:
        assert f"      - {tmp_path / 'bad.json'}: {problem}" in " ".join(out), problem
    assert out[-1] == "0 passed, 2 failed"


@pytest.mark.parametrize(("lang", "unknown", "not_suggested"), [
    ("en", "unknown measure 'teknologivalg-arenna': it is not in the catalogue "
           "(did you mean 'teknologivalg-arena'?)", "not suggested"),
    ("nb", "ukjent tiltak «teknologivalg-arenna»: det finnes ikke i katalogen "
           "(mente du «teknologivalg-arena»?)", "ikke foreslått"),
])
def test_tiltak_test_points_at_the_unknown_measure(lang: str, unknown: str, not_suggested: str,
                                                   tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    scenarios = tmp_path / "s.yaml"
    scenarios.write_text(
        "scenarios:\n"
        "  - id: typo\n"
        f"    profile: {EXAMPLES / 'bindal-organisasjon.json'}\n"
        "    top: 10\n"
        "    expect_top:\n"
        "      - teknologivalg-arena\n"
        "      - teknologivalg-arenna\n"
        "    expect_suppressed: [e-laeringskurs, e-laeringskur]\n", encoding="utf-8")
    assert main(["test", str(scenarios), "--lang", lang]) == 1
    out = capsys.readouterr().out
    assert f"      - {scenarios}:7:9: {unknown}\n" in out
    assert f"{scenarios}:8:41: " in out  # the second entry of the flow list
    assert "teknologivalg-arenna" not in out.replace(unknown, "")
    assert not_suggested not in out
    assert "e-laeringskur " not in out and "e-laeringskur\n" not in out


def test_the_profile_knows_its_source(tmp_path: Path) -> None:
    path = EXAMPLES / "medarbeider.json"
    from_file = load_profile(path)
    from_text = parse_profile(path.read_text(encoding="utf-8"))
    assert from_file.source == str(path) and from_file.source_line is None
    assert from_text.source is None
    assert from_file == from_text  # the same profile, wherever it was read from
    marked = from_text.with_source("employees.jsonl", 17)
    assert (marked.source, marked.source_line) == ("employees.jsonl", 17)
    assert from_text.source is None  # a copy: the profile itself is unchanged
    bad = _write(tmp_path, UNKNOWN_ONLY)
    with pytest.raises(ProfileError) as caught:
        tiltak.load().suggest(load_profile(bad).with_source("employees.jsonl", 17))
    assert caught.value.render("en").startswith("employees.jsonl:17: subject.roles[0]")


def test_load_profile_with_a_catalogue_reports_everything(default_engine: tiltak.Engine,
                                                          tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(_write(tmp_path, BAD), catalogue=default_engine.catalogue)
    assert len(caught.value.problems) == 4
    with pytest.raises(ProfileError):
        load_profile(_write(tmp_path, UNKNOWN_ONLY), catalogue=default_engine.catalogue)
    assert load_profile(_write(tmp_path, UNKNOWN_ONLY)).subject.roles == ("ledr",)


_IDS = st.sampled_from(["digitalisering", "ledelse", "helse", "oppvekst", "leader", "superuser",
                        "arena", "course", "ukjent", "ledr"])


@settings(max_examples=300, deadline=None)
@given(sector=st.none() | _IDS, roles=st.lists(_IDS, max_size=3),
       sectors=st.lists(_IDS, max_size=3), running=st.lists(_IDS, max_size=3),
       areas=st.lists(_IDS, max_size=3, unique=True),
       segments=st.lists(st.tuples(st.sampled_from(["sector", "role", "unit"]), _IDS,
                                   st.lists(_IDS, max_size=2, unique=True)), max_size=2))
def test_the_quick_check_agrees_with_the_full_one(
        mini_catalogue: Catalogue, sector: str | None, roles: list[str], sectors: list[str],
        running: list[str], areas: list[str],
        segments: list[tuple[str, str, list[str]]]) -> None:
    """The engine's quick "every id known" check never lets an unknown id through: it says
    "all known" exactly when the full check finds no problem."""
    level = {"knowledge": {"level": 3}}
    profile = load_profile({
        "format": "tiltak.profile/1",
        "subject": {"kind": "group", "sector": sector, "roles": roles},
        "competence": dict.fromkeys(areas, level),
        "context": {"sectors": sectors, "running_measures": running},
        "segments": [{"by": by, "value": value, "competence": dict.fromkeys(seg_areas, level)}
                     for by, value, seg_areas in segments],
    })
    data = {"competence": profile.competence,
            "segments": [{"by": s.by, "value": s.value, "competence": s.competence}
                         for s in profile.segments],
            "context": {"sectors": profile.context.sectors,
                        "running_measures": profile.context.running_measures},
            "subject": {"roles": profile.subject.roles, "sector": profile.subject.sector}}
    full = _unknown_ids(data, mini_catalogue, None)
    assert profile._knows_all(mini_catalogue) == (not full)
    assert profile.problems_against(mini_catalogue) == full
