"""How suggestions change when the rules change (``tiltak diff``).

Both rule sets are evaluated on the same profiles; per profile the report
lists measures added to and removed from the suggestions, measures that moved
in rank (or changed score) and changes in what is suppressed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tiltak._args import checked
from tiltak._i18n import Lang, add_messages, format_number, message
from tiltak.engine import Engine
from tiltak.profile import Profile
from tiltak.result import Result

__all__ = ["Change", "Diff", "Kind", "ProfileDiff", "compare_results", "diff"]

add_messages({
    "diff-added": ("+ {measure}: ny, nr. {rank} ({score} poeng)",
                   "+ {measure}: added at rank {rank} (score {score})"),
    "diff-removed": ("- {measure}: fjernet, var nr. {rank} ({score} poeng)",
                     "- {measure}: removed, was rank {rank} (score {score})"),
    "diff-moved": ("~ {measure}: nr. {old_rank} -> {new_rank} (poeng {old_score} -> {new_score})",
                   "~ {measure}: rank {old_rank} -> {new_rank} (score {old_score} -> {new_score})"),
    "diff-now-suppressed": ("! {measure}: undertrykkes nå ({rules})",
                            "! {measure}: now suppressed ({rules})"),
    "diff-no-longer-suppressed": ("! {measure}: undertrykkes ikke lenger",
                                  "! {measure}: no longer suppressed"),
    "diff-unchanged": ("uendret", "unchanged"),
    "diff-summary": ("{changed} av {total} {total|profil|profiler} endret seg",
                     "{changed} of {total} {total|profile|profiles} changed"),
    "diff-no-profiles": (
        "ingen profiler å sammenligne: oppgi PROFILER, eller legg til medfølgende scenarioer",
        "no profiles to compare: give PROFILES, or add bundled scenarios",
    ),
})

Kind = Literal["added", "removed", "moved", "now-suppressed", "no-longer-suppressed"]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Change(_Out):
    kind: Kind
    measure: str
    old_rank: int | None = None
    new_rank: int | None = None
    old_score: float | None = None
    new_score: float | None = None
    rules: list[str] = []


class ProfileDiff(_Out):
    profile: str
    changes: list[Change]


class Diff(_Out):
    format: Literal["tiltak.diff/1"] = "tiltak.diff/1"
    profiles: list[ProfileDiff]

    @property
    def changed(self) -> int:
        return sum(1 for p in self.profiles if p.changes)

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    def render(self, lang: Lang = "en") -> str:
        lines: list[str] = []
        for item in self.profiles:
            lines.append(f"{item.profile}:")
            if not item.changes:
                lines.append("  " + message("diff-unchanged", lang))
            lines.extend("  " + _line(c, lang) for c in item.changes)
        lines.append(message("diff-summary", lang, changed=self.changed,
                             total=len(self.profiles)))
        return "\n".join(lines) + "\n"


def _num(value: float | None, lang: Lang) -> str:
    return format_number(value, lang, None) if value is not None else "-"


def _line(change: Change, lang: Lang) -> str:
    return message(
        f"diff-{change.kind}", lang, measure=change.measure, rank=change.new_rank
        if change.kind == "added" else change.old_rank,
        score=_num(change.new_score if change.kind == "added" else change.old_score, lang),
        old_rank=change.old_rank, new_rank=change.new_rank,
        old_score=_num(change.old_score, lang), new_score=_num(change.new_score, lang),
        rules=", ".join(change.rules),
    )


@checked
def compare_results(old: Result, new: Result, top: int | None = None) -> list[Change]:
    """The changes from ``old`` to ``new`` (only the top ``top`` when given)."""
    old_recs = {r.measure: r for r in old.recommendations[:top]}
    new_recs = {r.measure: r for r in new.recommendations[:top]}
    changes: list[Change] = []
    for measure, rec in new_recs.items():
        if measure not in old_recs:
            changes.append(Change(kind="added", measure=measure, new_rank=rec.rank,
                                  new_score=rec.score))
    for measure, rec in old_recs.items():
        if measure not in new_recs:
            changes.append(Change(kind="removed", measure=measure, old_rank=rec.rank,
                                  old_score=rec.score))
        elif (rec.rank, rec.score) != (new_recs[measure].rank, new_recs[measure].score):
            after = new_recs[measure]
            changes.append(Change(kind="moved", measure=measure, old_rank=rec.rank,
                                  new_rank=after.rank, old_score=rec.score,
                                  new_score=after.score))
    old_gone = {s.measure for s in old.suppressed}
    new_gone: dict[str, list[str]] = {}
    for s in new.suppressed:
        new_gone.setdefault(s.measure, []).append(s.rule or s.context or "")
    for measure in sorted(set(new_gone) - old_gone):
        changes.append(Change(kind="now-suppressed", measure=measure, rules=new_gone[measure]))
    for measure in sorted(old_gone - set(new_gone)):
        changes.append(Change(kind="no-longer-suppressed", measure=measure))
    order = {"added": 0, "removed": 1, "moved": 2, "now-suppressed": 3,
             "no-longer-suppressed": 4}
    changes.sort(key=lambda c: (order[c.kind], c.new_rank or c.old_rank or 0, c.measure))
    return changes


@checked
def diff(old: Engine, new: Engine, profiles: Sequence[tuple[str, Profile]],
         top: int | None = None) -> Diff:
    """Evaluate every labelled profile under both engines and list what changed."""
    return Diff(profiles=[
        ProfileDiff(profile=label,
                    changes=compare_results(old.suggest(profile), new.suggest(profile), top))
        for label, profile in profiles
    ])
