"""The validation set (validation/): profiles written from the source documents' own situation
descriptions, each with the measures its document chose. The default knowledge base must put
what the documents chose near the top (recall@10, recall@20), keep courses out of the top 3
where a document warns against them, and recommend nothing outside its audience.

Run ``python -m tests.test_validation`` for the recall table."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import tiltak
from tiltak._yaml import load_yaml_file
from tiltak.engine import Engine
from tiltak.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
VALIDATION = ROOT / "validation"
COURSE_FORMATS = frozenset({"course", "e-learning"})
RECALL_AT_10 = 0.8
RECALL_AT_20 = 0.9


@dataclass(frozen=True)
class Case:
    """One validation profile and what its document chose for it."""

    profile: str
    document: str
    chosen: tuple[str, ...]
    warns_against_courses: str | None
    outside_audience: tuple[str, ...]


def _cases() -> list[Case]:
    doc, problems = load_yaml_file(VALIDATION / "expected.yaml")
    assert doc is not None and not problems, problems
    data: Any = doc.data
    return [
        Case(
            profile=entry["profile"],
            document=entry["document"],
            chosen=tuple(item["measure"] for item in entry["chosen"]),
            warns_against_courses=(entry["warns_against_courses"]["section"]
                                   if "warns_against_courses" in entry else None),
            outside_audience=tuple(entry.get("outside_audience", ())),
        )
        for entry in data["profiles"]
    ]


CASES = _cases()


@cache
def _engine() -> Engine:
    return tiltak.load()


@dataclass(frozen=True)
class Outcome:
    """How the default knowledge base ranks one validation profile."""

    ranking: tuple[str, ...]
    formats: dict[str, str]
    recall10: float
    recall20: float
    missing20: tuple[str, ...]


def outcome(case: Case) -> Outcome:
    """Rank a validation profile and measure recall against its document's choices."""
    result = _engine().suggest(VALIDATION / "profiles" / case.profile)
    ranking = tuple(r.measure for r in result.recommendations)
    formats = {r.measure: r.format for r in result.recommendations}
    chosen = set(case.chosen)
    n = len(chosen)
    recall10 = len(chosen & set(ranking[:10])) / min(10, n)
    recall20 = len(chosen & set(ranking[:20])) / min(20, n)
    missing = tuple(m for m in case.chosen if m not in ranking[:20])
    return Outcome(ranking, formats, recall10, recall20, missing)


def recall_table() -> str:
    """One line per validation profile: recall@10, recall@20 and what is missing from the top 20."""
    lines = [f"{'profile':40} {'r@10':>5} {'r@20':>5}  missing from top 20"]
    for case in CASES:
        out = outcome(case)
        lines.append(f"{case.profile:40} {out.recall10:5.2f} {out.recall20:5.2f}  "
                     f"{', '.join(out.missing20) or '-'}")
    return "\n".join(lines)


def test_validation_set_refers_to_real_profiles_and_measures() -> None:
    catalogue = _engine().catalogue
    known = set(catalogue.measures)
    profiles = {p.name for p in (VALIDATION / "profiles").glob("*.json")}
    assert len(CASES) >= 8
    assert {c.profile for c in CASES} == profiles
    for case in CASES:
        assert case.chosen, case.profile
        assert set(case.chosen) <= known, (case.profile, set(case.chosen) - known)
        assert set(case.outside_audience) <= known, case.profile
        assert not set(case.chosen) & set(case.outside_audience), case.profile


@pytest.mark.parametrize("case", CASES, ids=[c.profile for c in CASES])
def test_document_choices_rank_high(case: Case) -> None:
    out = outcome(case)
    assert out.recall10 >= RECALL_AT_10 and out.recall20 >= RECALL_AT_20, (
        f"{case.profile}: recall@10 {out.recall10:.2f}, recall@20 {out.recall20:.2f}; "
        f"missing from top 20: {out.missing20}; top 10: {out.ranking[:10]}")


@pytest.mark.parametrize("case", [c for c in CASES if c.warns_against_courses],
                         ids=[c.profile for c in CASES if c.warns_against_courses])
def test_no_course_in_top_three_where_the_document_warns(case: Case) -> None:
    out = outcome(case)
    courses = [m for m in out.ranking[:3] if out.formats[m] in COURSE_FORMATS]
    assert courses == [], f"{case.profile} ({case.document} {case.warns_against_courses})"


@pytest.mark.parametrize("case", CASES, ids=[c.profile for c in CASES])
def test_nothing_outside_the_audience(case: Case) -> None:
    """Neither the measures the case lists nor any whose catalogue audience excludes the subject."""
    out = outcome(case)
    assert [m for m in out.ranking if m in case.outside_audience] == []
    profile = load_profile(VALIDATION / "profiles" / case.profile)
    catalogue = _engine().catalogue
    outside = [m for m in out.ranking
               if catalogue.outside_audience(m, profile.subject.kind, profile.subject.roles)]
    assert outside == []


if __name__ == "__main__":
    print(recall_table())
