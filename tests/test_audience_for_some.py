"""An audience when the subject states no roles (held-out set 7, class E).

A body or a group that states no roles holds people with many roles: a measure for system
roles given to it is not outside its audience, but it is for some of its people, and the
result, the text and Markdown output and the report say so (``for_roles``)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tiltak.cli import main
from tiltak.engine import Engine

SYSTEM_ROLES = ["system-owner", "system-responsible", "system-administrator", "superuser"]
#: A cross-disciplinary abilities gap: tverr-digitale-fellesskap recommends rolleforum
#: (audience: the system roles) beside measures for everyone.
GAP = {"tverrfaglighet": {"knowledge": {"level": 3.0}, "abilities": {"level": 1.5}}}


def profile(kind: str, roles: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"format": "tiltak.profile/1",
            "subject": {"kind": kind, "id": "test", "roles": list(roles)},
            "competence": GAP}


@pytest.mark.parametrize(("measure", "kind", "roles", "expected"), [
    # no roles stated: a body or a group holds people of many roles; the measure is for some
    ("rolleforum", "unit", (), tuple(SYSTEM_ROLES)),
    ("rolleforum", "organisation", (), tuple(SYSTEM_ROLES)),
    ("rolleforum", "sector", (), tuple(SYSTEM_ROLES)),
    ("rolleforum", "group", (), tuple(SYSTEM_ROLES)),
    ("politikeropplaering", "organisation", (), ("politician",)),
    # roles stated: the audience check decides (in or out), nothing is "for some"
    ("rolleforum", "group", ("superuser",), ()),
    ("rolleforum", "group", ("leader",), ()),
    # one employee without roles is a plain employee, not a body of people
    ("rolleforum", "employee", (), ()),
    # an audience that admits the staff as such is for everyone in the subject
    ("kurskatalog", "unit", (), ()),
    ("brukerkafe", "group", (), ()),
    # no audience: for everyone
    ("kartleggingsnettverk", "unit", (), ()),
])
def test_for_whom_a_measure_is_when_no_roles_are_stated(
        default_engine: Engine, measure: str, kind: str, roles: tuple[str, ...],
        expected: tuple[str, ...]) -> None:
    catalogue = default_engine.catalogue
    assert catalogue.for_some_roles(measure, kind, roles) == expected
    if expected:  # for some of them, never outside
        assert not catalogue.outside_audience(measure, kind, roles)


@pytest.mark.parametrize(("kind", "roles", "for_some"), [
    ("group", (), True),
    ("unit", (), True),
    ("group", ("system-owner",), False),
])
def test_the_result_says_for_whom_among_the_subject(
        default_engine: Engine, kind: str, roles: tuple[str, ...], for_some: bool) -> None:
    result = default_engine.suggest(profile(kind, roles))
    recs = {r.measure: r for r in result.recommendations}
    assert "rolleforum" in recs
    note = recs["rolleforum"].for_roles
    data = json.loads(result.to_json())
    dumped = next(r for r in data["recommendations"] if r["measure"] == "rolleforum")
    if for_some:
        assert note is not None and list(note.roles) == SYSTEM_ROLES
        assert "systemeier" in note.because.nb and "system owner" in note.because.en
        assert "ingen roller" in note.because.nb and "states no roles" in note.because.en
        assert dumped["for_roles"]["roles"] == SYSTEM_ROLES
    else:
        assert note is None and "for_roles" not in dumped
    # measures for everyone carry no note, and the JSON has no key for them
    assert all("for_roles" not in r for r in data["recommendations"]
               if r["measure"] != "rolleforum" and recs[r["measure"]].for_roles is None)


@pytest.mark.parametrize("kind", ["group", "unit"])
def test_the_batch_line_carries_the_same_note(default_engine: Engine, kind: str) -> None:
    data = profile(kind)
    (line,) = default_engine.suggest_many_json([json.dumps(data).encode()])
    assert line == default_engine.suggest(data).to_json_line()
    assert b'"for_roles"' in line


@pytest.mark.parametrize(("fmt", "lang", "expected"), [
    ("text", "nb", "ingen roller"),
    ("text", "en", "states no roles"),
    ("markdown", "nb", "ingen roller"),
    ("markdown", "en", "states no roles"),
])
def test_the_cli_output_says_the_measure_is_for_some_roles(
        tmp_path: Any, capsys: pytest.CaptureFixture[str], fmt: str, lang: str,
        expected: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile("group")), encoding="utf-8")
    assert main(["suggest", str(path), "--all", "--format", fmt, "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert expected in out
    path.write_text(json.dumps(profile("group", ("system-owner",))), encoding="utf-8")
    assert main(["suggest", str(path), "--all", "--format", fmt, "--lang", lang]) == 0
    assert expected not in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "mark"), [
    ("en", "(for system owner, system responsible, system administrator or superuser)"),
    ("nb", "(for systemeier, systemansvarlig, systemadministrator eller superbruker)"),
])
def test_the_short_list_names_the_roles_the_measure_is_for(
        tmp_path: Any, capsys: pytest.CaptureFixture[str], lang: str, mark: str) -> None:
    """'(for some roles)' left the reader to guess which: the mark names them."""
    path = tmp_path / "p.json"
    path.write_text(json.dumps(profile("unit")), encoding="utf-8")
    assert main(["suggest", str(path), "--lang", lang, "--top", "20"]) == 0
    out = capsys.readouterr().out
    lines = [x for x in out.splitlines() if "systemrollene" in x or "system roles" in x]
    assert lines and all(x.endswith(mark) for x in lines), lines
    assert "some roles" not in out and "noen roller" not in out


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_output_names_the_roles_of_every_measure_for_some(
        default_engine: Engine, lang: str) -> None:
    """Wherever a measure is marked as for some of the subject's people (the short list, the
    table with --all, Markdown, the report's details of the measure), the roles are named, in
    the language of the output."""
    from pathlib import Path

    from tiltak.engine._engine import role_names
    from tiltak.engine._render import render_compact, render_markdown, render_text
    from tiltak.report import build, render_html

    bindal = Path(__file__).resolve().parent.parent / "examples" / "bindal-organisasjon.json"
    result = default_engine.suggest(bindal)
    marked = [r for r in result.recommendations if r.for_roles is not None]
    assert len(marked) >= 3
    catalogue = default_engine.catalogue
    page = render_html(build(bindal, lang=lang, engine=default_engine)).decode()  # type: ignore[arg-type]
    outputs = {
        "short": render_compact(result, lang, len(result.recommendations), catalogue),
        "all": render_text(result, lang, catalogue),
        "markdown": render_markdown(result, lang, catalogue),
        "report": page,
    }
    for rec in marked:
        assert rec.for_roles is not None
        names = role_names(catalogue, rec.for_roles.roles, 0 if lang == "nb" else 1)
        title = rec.title.get(lang)
        row = next(x for x in outputs["short"].splitlines() if x.endswith(")") and title in x)
        assert row.endswith(", ".join(names[:-1]) + (" eller " if lang == "nb" else " or ")
                            + names[-1] + ")") if len(names) > 1 else row.endswith(
            f"(for {names[0]})"), row
        for where, text in outputs.items():
            # a name of several words may wrap onto the next line of the table
            flat = " ".join(text.split())
            assert all(name in flat for name in names), (where, rec.measure)


@pytest.mark.parametrize(("lang", "label", "expected"), [
    ("nb", "For hvem", "ingen roller"),
    ("en", "For whom", "states no roles"),
])
def test_the_report_says_for_whom_among_the_municipality(
        default_engine: Engine, lang: str, label: str, expected: str) -> None:
    from pathlib import Path

    from tiltak.report import build
    bindal = Path(__file__).resolve().parent.parent / "examples" / "bindal-organisasjon.json"
    report = build(bindal, lang=lang, engine=default_engine)  # type: ignore[arg-type]
    result = default_engine.suggest(bindal)
    notes = {r.measure: r.for_roles for r in result.recommendations}
    assert notes.get("rolleforum") is not None  # the municipality states no roles
    seen = 0
    for section in report.sections[3].walk():
        measure = section.id.removeprefix("measure-")
        if not section.id.startswith("measure-") or measure not in notes:
            continue
        facts = dict(section.blocks[0].items)  # type: ignore[union-attr]
        assert (expected in facts[label]) is (notes[measure] is not None), measure
        seen += 1
    assert seen
