"""Report how the default knowledge base ranks the held-out profiles (report only, no gate).

For each profile in DIR/profiles (default: this folder, validation/holdout): recall@10 and
recall@20 against what its document chose (counted against min(k, number chosen), as in
tests/test_validation.py), the rank of every chosen measure, course-type measures in the top
3 where the document warns against courses, and recommended measures outside the subject's
audience (those the case lists and those the catalogue's audience excludes).

Run: python validation/holdout/report.py [DIR]   (e.g. validation/holdout2)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tiltak
from tiltak._yaml import load_yaml_file
from tiltak.engine import Engine
from tiltak.profile import load_profile

HERE = Path(__file__).resolve().parent
COURSE_FORMATS = frozenset({"course", "e-learning"})


@dataclass(frozen=True)
class Case:
    """One held-out profile and what its document chose for it."""

    profile: str
    document: str
    chosen: tuple[str, ...]
    warns_against_courses: str | None
    outside_audience: tuple[str, ...]


@dataclass(frozen=True)
class Measured:
    """What the default knowledge base did with one held-out profile."""

    case: Case
    ranking: tuple[str, ...]
    recall10: float
    recall20: float
    courses_top3: tuple[str, ...]
    outside: tuple[str, ...]


def cases(path: Path = HERE / "expected.yaml") -> list[Case]:
    """Read the held-out expectations (DIR/expected.yaml)."""
    doc, problems = load_yaml_file(path)
    if doc is None or problems:
        raise SystemExit(f"{path}: {problems}")
    data: Any = doc.data
    return [Case(profile=e["profile"], document=e["document"],
                 chosen=tuple(item["measure"] for item in e["chosen"]),
                 warns_against_courses=(e["warns_against_courses"]["section"]
                                        if "warns_against_courses" in e else None),
                 outside_audience=tuple(e.get("outside_audience", ())))
            for e in data["profiles"]]


def measure(engine: Engine, case: Case, directory: Path = HERE) -> Measured:
    """Rank one held-out profile (in DIR/profiles) and compare with its document's choices."""
    path = directory / "profiles" / case.profile
    result = engine.suggest(path)
    ranking = tuple(r.measure for r in result.recommendations)
    formats = {r.measure: r.format for r in result.recommendations}
    chosen = set(case.chosen)
    n = len(chosen)
    recall10 = len(chosen & set(ranking[:10])) / min(10, n)
    recall20 = len(chosen & set(ranking[:20])) / min(20, n)
    courses = tuple(m for m in ranking[:3] if formats[m] in COURSE_FORMATS) \
        if case.warns_against_courses else ()
    subject = load_profile(path).subject
    outside = tuple(m for m in ranking if m in case.outside_audience
                    or engine.catalogue.outside_audience(m, subject.kind, subject.roles))
    return Measured(case, ranking, recall10, recall20, courses, outside)


def report(engine: Engine, directory: Path = HERE) -> str:
    """The recall table and, per profile, the rank of each chosen measure."""
    rows = [measure(engine, c, directory) for c in cases(directory / "expected.yaml")]
    width = max([40, *(len(m.case.profile) for m in rows)])
    out = [f"{'profile':{width}} {'r@10':>5} {'r@20':>5}  courses-top3  outside-audience"]
    for m in rows:
        out.append(f"{m.case.profile:{width}} {m.recall10:5.2f} {m.recall20:5.2f}  "
                   f"{','.join(m.courses_top3) or '-':12}  {','.join(m.outside) or '-'}")
    mean10 = sum(m.recall10 for m in rows) / len(rows)
    mean20 = sum(m.recall20 for m in rows) / len(rows)
    out.append(f"{'mean':{width}} {mean10:5.2f} {mean20:5.2f}")
    for m in rows:
        out.append("")
        out.append(f"{m.case.profile} ({m.case.document}); top 10: {', '.join(m.ranking[:10])}")
        for chosen in m.case.chosen:
            rank = m.ranking.index(chosen) + 1 if chosen in m.ranking else None
            out.append(f"  {rank if rank else '--':>4}  {chosen}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Print the report for DIR (default: validation/holdout); 2 on a usage error."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: report.py [DIR]  (a folder with expected.yaml and profiles/)",
              file=sys.stderr)
        return 2
    directory = Path(args[0]) if args else HERE
    if not (directory / "expected.yaml").is_file() or not (directory / "profiles").is_dir():
        print(f"{directory}: expected a folder with expected.yaml and profiles/",
              file=sys.stderr)
        return 2
    print(report(tiltak.load(), directory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
