"""Who owns a measure, and why: the sectors that need it and the sectors that supply it.

The model (docs/plan.md, "Owners"), in the spirit of a RACI chart:

* **Needs it** (responsible): an ordinary sector of the organisation whose own
  segment in the profile (``segments`` with ``by: sector``) has a gap in one of
  the measure's areas and dimensions. Weight: its largest such gap.
* **No figures** (responsible by the catalogue): a sector the catalogue says the
  measure involves (``sectors``/``owners``) and for which the profile has no
  figures in the measure's areas and dimensions. Weight: the mean weight of
  the sectors that need it (1 when none does), i.e. an equally good candidate.
* **Supplies it** (contributes competence): a sector the measure involves that
  another owner relies on (``relies_on`` in the catalogue, the cross-sector
  graph), where a document describes the reliance and the measure in the same
  section (first two levels, e.g. bindal-2024 6.3). Weight: half the weight of
  the sector it supplies (or, when the profile has no figures for it, the same
  weight as the other sectors without figures: the reason then names what it
  supplies).
* A sector whose figures show no gap in the measure's areas and that supplies
  no owner is never an owner.

Shares follow the weights, with a floor (:data:`FLOOR`) so no owner has a
token share: at most ``1 / FLOOR`` owners (the weakest, then the most loaded
so far, become *contributors*, listed with their reason but without a share);
an owner whose share would fall below the floor is raised to it and the rest
share what is left in proportion. Cross-sector bodies coordinate (RACI
"accountable" for bringing the sectors together); roles named as owners carry
the work out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from tiltak.catalogue import Catalogue, Measure, Reliance
from tiltak.profile import Profile

FLOOR = 0.2
"""No owner below a fifth of a measure's work; so at most five co-owners."""

Basis = Literal["need", "no-figures", "supply"]


@dataclass(frozen=True, slots=True)
class Gap:
    """A sector's largest gap in a measure's areas and dimensions."""

    area: str
    dimension: str
    gap: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sector with a reason to own a measure: its basis, weight and what the reason names."""

    sector: str
    basis: Basis
    weight: float
    gap: Gap | None = None
    supplies: str | None = None
    competence_nb: str = ""
    competence_en: str = ""


@dataclass(frozen=True, slots=True)
class Ownership:
    """Owners with shares (adding up to 1) and contributors without a share."""

    owners: tuple[tuple[Candidate, float], ...]
    contributors: tuple[Candidate, ...]


SectorFigures = Mapping[str, Mapping[tuple[str, str], float]]
"""Per sector: (area, dimension) -> gap (0 when none), for the values its segment gives."""


def sector_figures(profile: Profile | None, catalogue: Catalogue) -> dict[str, dict[tuple[str, str],
                                                                              float]]:
    """The gaps of each sector segment of the profile (``by: sector``), where known."""
    out: dict[str, dict[tuple[str, str], float]] = {}
    if profile is None:
        return out
    for segment in profile.segments:
        if segment.by != "sector" or not isinstance(segment.value, str):
            continue
        figures = out.setdefault(segment.value, {})
        for area, dims in segment.competence.items():
            for dim, value in dims.items():
                gap = value.gap(catalogue.target(area, dim))  # type: ignore[arg-type]
                if gap is not None:
                    figures[(area, dim)] = round(gap, 9)
    return out


def _chapter(section: str) -> tuple[str, ...]:
    return tuple(section.split(".")[:2])


def relevant(reliance: Reliance, measure: Measure) -> bool:
    """Whether a reliance between sectors concerns the measure: a document describes both in
    the same section (the same first two levels of its numbering, e.g. 6.3)."""
    return any(a.document == b.document and _chapter(a.section) == _chapter(b.section)
               for a in reliance.sources for b in measure.sources)


def candidates(measure: Measure, catalogue: Catalogue, org_sectors: Sequence[str],
               figures: SectorFigures) -> list[Candidate]:
    """The sectors with a reason to own ``measure``, strongest first (ties by sector order)."""
    involved = [s for s in (*measure.sectors, *measure.owners)
                if s in catalogue.sectors and not catalogue.sectors[s].cross_sector]
    pool = list(dict.fromkeys([*org_sectors, *figures])) if org_sectors or figures \
        else list(dict.fromkeys(involved))
    pool = [s for s in pool if s in catalogue.sectors and not catalogue.sectors[s].cross_sector]
    pairs = [(a, d) for a in measure.areas for d in measure.dimensions]
    needing: list[Candidate] = []
    unknown: list[str] = []
    for sector in pool:
        known = {pair: figures[sector][pair] for pair in pairs
                 if sector in figures and pair in figures[sector]}
        if known:
            pair, gap = max(known.items(), key=lambda kv: (kv[1], -pairs.index(kv[0])))
            if gap > 0:
                needing.append(Candidate(sector, "need", gap, Gap(pair[0], pair[1], gap)))
        elif sector in involved:
            unknown.append(sector)
    base = sum(c.weight for c in needing) / len(needing) if needing else 1.0
    out = [*needing, *(Candidate(s, "no-figures", base) for s in unknown)]
    # A sector without figures that another candidate relies on is there as a supplier:
    # say so (the catalogue's relies_on names the competence).
    for k, cand in enumerate(out):
        if cand.basis != "no-figures":
            continue
        for other in out:
            rel = next((r for r in catalogue.sectors[other.sector].relies_on
                        if r.sector == cand.sector and relevant(r, measure)), None)
            if other.sector != cand.sector and rel is not None:
                out[k] = Candidate(cand.sector, "supply", cand.weight, supplies=other.sector,
                                   competence_nb=rel.competence.nb,
                                   competence_en=rel.competence.en)
                break
    chosen = {c.sector for c in out}
    for owner in list(out):
        for rel in catalogue.sectors[owner.sector].relies_on:
            if rel.sector in chosen or rel.sector not in involved or rel.sector not in pool \
                    or not relevant(rel, measure):
                continue
            chosen.add(rel.sector)
            out.append(Candidate(rel.sector, "supply", owner.weight / 2, supplies=owner.sector,
                                 competence_nb=rel.competence.nb,
                                 competence_en=rel.competence.en))
    position = {s: i for i, s in enumerate(pool)}
    return sorted(out, key=lambda c: (-c.weight, position[c.sector]))


def share_out(found: Sequence[Candidate], load: Mapping[str, float]) -> Ownership:
    """Shares by weight with the floor; the strongest ``1 / FLOOR`` candidates own.

    Among equally strong candidates the less loaded so far (``load``, hours
    already owned in the plan) come first: load is balanced only among equals.
    """
    ranked = sorted(found, key=lambda c: (-c.weight, load.get(c.sector, 0.0)))
    limit = round(1 / FLOOR)
    owners, contributors = list(ranked[:limit]), list(ranked[limit:])
    if not owners:
        return Ownership((), tuple(contributors))
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(owners)) if i not in fixed]
        room = 1.0 - FLOOR * len(fixed)
        total = sum(owners[i].weight for i in free)
        shares = {i: FLOOR for i in fixed}
        for i in free:
            shares[i] = room * owners[i].weight / total if total else room / len(free)
        low = [i for i in free if shares[i] < FLOOR - 1e-12]
        if not low:
            break
        fixed.update(low)
    pairs = tuple((owners[i], shares[i]) for i in range(len(owners)))
    return Ownership(pairs, tuple(contributors))
