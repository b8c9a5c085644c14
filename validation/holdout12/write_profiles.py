"""Write the holdout12 profiles (validation/holdout12/profiles/*.json).

Each stated level carries the document key and section it comes from, and the line of the
level table (README.md) used to turn the document's words or shares into a level. A
dimension the document does not state is left out: unknown is not zero. Run:

    python validation/holdout12/write_profiles.py [OUT_DIR]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Level:
    """One stated level: the value, where the document says it, and the table line used."""

    area: str
    dimension: str
    level: float
    source: str   # document key and section
    reading: str  # the document's words or share, and the level-table line


@dataclass(frozen=True)
class Subject:
    """One profile as an HR adviser in the municipality would type it."""

    file: str
    kind: str
    id: str
    name: str
    source: str
    sector: str | None = None
    roles: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)
    respondents: int | None = None
    levels: tuple[Level, ...] = ()
    sectors: tuple[str, ...] = ()


PROFILES: tuple[Subject, ...] = (
    # --- bindal-2024 -------------------------------------------------------------------
    Subject(
        file="bindal-kommune.json", kind="organisation", id="bindal",
        name="Bindal kommune", source="bindal-2024 2.1, 5",
        respondents=97,  # bindal-2024 2.1, 5: 97 respondents, May 2023
        sectors=("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab"),
        # bindal-2024 6.2.1: sector leaders for helse og velferd, oppvekst og kultur,
        # plan og utvikling; økonomisjef and HR-sjef (stab)
        levels=(
            Level("digitalisering", "knowledge", 3.5, "bindal-2024 5.1.2",
                  "'ganske mye kunnskap' -> words: quite a lot = 3.5"),
            Level("digitalisering", "skills", 3.5, "bindal-2024 5.2.1",
                  "68 % use many digital services daily -> share 55-69 % = 3.5"),
            Level("digitalisering", "abilities", 1.5, "bindal-2024 5.2.1, 5.1.2",
                  "'meget få som føler seg skikket til å lede' -> words: very few = 1.5"),
            Level("digitalisering", "attitudes", 4.0, "bindal-2024 5.2.1",
                  "22 % crucial + 56 % more efficient = 78 % positive -> share 70-84 % = 4.0"),
            Level("ledelse", "knowledge", 3.5, "bindal-2024 5.1.2",
                  "'et potensiale i organisasjonen i forhold til kunnskap' -> words: "
                  "potential = 3.5"),
            Level("ledelse", "skills", 2.0, "bindal-2024 5.3.1, 5.1.2",
                  "18 % have leader tasks and want to develop more -> share 10-24 % = 2.0"),
            Level("ledelse", "abilities", 3.0, "bindal-2024 5.3.1",
                  "43 % have leadership abilities (no leader tasks) -> share 40-54 % = 3.0"),
            Level("ledelse", "attitudes", 3.5, "bindal-2024 5.3.1",
                  "61 % say leadership is important -> share 55-69 % = 3.5"),
            Level("tverrfaglighet", "knowledge", 3.0, "bindal-2024 5.4.1",
                  "47 % have formal knowledge -> share 40-54 % = 3.0"),
            Level("tverrfaglighet", "skills", 2.5, "bindal-2024 5.4.1 (figure 5)",
                  "37 % can help others -> share 25-39 % = 2.5"),
            Level("tverrfaglighet", "abilities", 1.5, "bindal-2024 5.4.1",
                  "only 7 % can lead cross-disciplinary work -> share 0-9 % = 1.5"),
            Level("tverrfaglighet", "attitudes", 4.0, "bindal-2024 5.4.1",
                  "36 % crucial + 36 % effective = 72 % -> share 70-84 % = 4.0"),
        ),
    ),
    Subject(
        file="bindal-lederforum.json", kind="group", id="bindal-lederforum",
        name="Lederforum i Bindal kommune", source="bindal-2024 2.1 note 1, 6.2.2, 6.2.4",
        roles=("leader",),
        # who they are (bindal-2024 2.1 note 1, 6.2.2): kommunedirektør, sector leaders,
        # HR-sjef, økonomisjef and the leaders of school, kindergarten, institution and home
        # care. The survey reports no levels for the leaders on their own.
    ),
    Subject(
        file="bindal-systemroller.json", kind="group", id="bindal-systemroller",
        name="Superbrukere og systemadministratorer i Bindal kommune",
        source="bindal-2024 6.1.5-6.1.7",
        roles=("superuser", "system-administrator"),
        # bindal-2024 6.1.5: up to 30 specialist systems, management not systematised; no
        # level stated for the role holders (6.1.6: some need training, others attitude).
    ),
    # --- kristiansand-2023 -------------------------------------------------------------
    Subject(
        file="kristiansand-ledere.json", kind="group", id="kristiansand-ledere",
        name="Ledere med personal-, fag- og budsjettansvar i Kristiansand kommune",
        source="kristiansand-2023 2 Leders rolle på arbeidsplassen, 4 Roller og ansvar",
        roles=("leader",),
    ),
    Subject(
        file="kristiansand-nye-ledere.json", kind="group", id="kristiansand-nye-ledere",
        name="Nyansatte ledere i Kristiansand kommune",
        source="kristiansand-2023 3.4, 3.10",
        roles=("leader", "new-employee"),
    ),
    Subject(
        file="kristiansand-tillitsvalgte.json", kind="group",
        id="kristiansand-tillitsvalgte", name="Tillitsvalgte i Kristiansand kommune",
        source=("kristiansand-2023 2 Digital kompetanse, 2 Kompetanserekruttering, "
                "4 Roller og ansvar"),
        roles=("union-representative",),
    ),
    # --- drammen-2021 ------------------------------------------------------------------
    Subject(
        file="drammen-kommune.json", kind="organisation", id="drammen",
        name="Drammen kommune (ca. 6500 ansatte)",
        source="drammen-2021 Innledning, Utfordringsbildet",
        levels=(
            Level("digitalisering", "knowledge", 3.0, "drammen-2021 Utfordringsbildet",
                  "'et stort strekk i laget når det gjelder digital kompetanse' -> words: "
                  "wide spread = 3.0 (competence without a dimension: knowledge and skills)"),
            Level("digitalisering", "skills", 3.0, "drammen-2021 Utfordringsbildet",
                  "as above"),
        ),
    ),
    Subject(
        file="drammen-virksomhet.json", kind="unit", id="drammen-virksomhet-helse",
        name="En virksomhet i helse og omsorg, Drammen kommune",
        source="drammen-2021 Strategiens plassering, Utfordringsbildet, strategic goals",
        sector="helse-og-velferd",
        # drammen-2021 Utfordringsbildet: health and care faces large restructuring with new
        # and changed tasks; no level is stated for a unit.
    ),
    Subject(
        file="drammen-ledere.json", kind="group", id="drammen-ledere",
        name="Alle ledere i Drammen kommune", source="drammen-2021 Strategisk kompetanseledelse",
        roles=("leader",),
    ),
    # --- trondelag-2019 ----------------------------------------------------------------
    Subject(
        file="trondelag-kommune.json", kind="organisation", id="trondelag-kommune",
        name="En kommune i Kompetanseløft Trøndelag",
        source="trondelag-2019 1.2 (4), 1.2 (5), 3 Nivå 3",
        sectors=("region",),  # takes part in the regional competence lift (3 Nivå 2)
        levels=(
            Level("digitalisering", "knowledge", 2.5, "trondelag-2019 1.2 (5)",
                  "88 % of municipalities 'i stor grad behov for å utvikle IKT-ferdigheter/"
                  "digital kompetanse blant medarbeiderne' -> words: great need to develop = 2.5"),
            Level("digitalisering", "skills", 2.5, "trondelag-2019 1.2 (5)", "as above"),
            Level("digitalisering", "attitudes", 4.0, "trondelag-2019 1.2 (4)",
                  "'Norske arbeidstakere er i hovedsak positive til digitalisering' -> "
                  "words: positive = 4.0"),
            Level("innovasjon", "abilities", 2.5, "trondelag-2019 1.2 (5)",
                  "'stort behov for å utvikle evner ... innen innovasjon' -> great need = 2.5"),
            Level("samarbeid-og-medvirkning", "abilities", 2.5, "trondelag-2019 1.2 (5)",
                  "'... samhandling' -> great need = 2.5"),
            Level("laerende-organisasjon", "abilities", 2.5, "trondelag-2019 1.2 (5)",
                  "'... læring/omstilling' -> great need = 2.5"),
        ),
    ),
    Subject(
        file="trondelag-folkevalgte.json", kind="group", id="trondelag-folkevalgte",
        name="Folkevalgte i en trøndersk kommune",
        source="trondelag-2019 1.2 (14) folkevalgte",
        roles=("politician",),
        levels=(
            Level("digitalisering", "knowledge", 2.0, "trondelag-2019 1.2 (14)",
                  "'mangelfull kompetanse blant politikere i forhold til hva som kreves for å "
                  "få til Digital Transformasjon' -> words: lacking = 2.0 (competence without "
                  "a dimension: knowledge and skills)"),
            Level("digitalisering", "skills", 2.0, "trondelag-2019 1.2 (14)", "as above"),
        ),
    ),
    Subject(
        file="trondelag-namdalsregionen.json", kind="region", id="namdalsregionen",
        name="Namdalsregionen (kommunene i regionen)",
        source="trondelag-2019 3 Nivå 2, Foreslått regioninndeling",
        sectors=("region",),
    ),
    # --- saman-om-2013 -----------------------------------------------------------------
    Subject(
        file="saman-om-fagarbeidere.json", kind="group", id="fagarbeidere",
        name="Fagarbeidere (inkl. helsefagarbeidere) i en deltakerkommune",
        source="saman-om-2013 Større stillinger reduserer rekrutteringsbehovet",
        roles=("employee",),
        # saman-om-2013 "Større stillinger reduserer rekrutteringsbehovet": average position
        # 68.8 % in 2011 (KS' recruitment model)
        attributes={"average_position_percent": 68.8},
    ),
    Subject(
        file="saman-om-prosjektgruppe.json", kind="group", id="saman-om-prosjektgruppe",
        name="Partssammensatt prosjektgruppe for kompetanse og rekruttering i en deltakerkommune",
        source="saman-om-2013 Prosessmål for nettverkssamlingene, Medledelse og trepartssamarbeid",
        roles=("leader", "union-representative"),
    ),
)


def profile_json(subject: Subject) -> dict[str, Any]:
    """The tiltak.profile/1 document for one subject."""
    competence: dict[str, dict[str, dict[str, float]]] = {}
    for lv in subject.levels:
        competence.setdefault(lv.area, {})[lv.dimension] = {"level": lv.level}
    doc: dict[str, Any] = {
        "format": "tiltak.profile/1",
        "subject": {"kind": subject.kind, "id": subject.id, "name": subject.name,
                    "sector": subject.sector, "roles": list(subject.roles),
                    "attributes": dict(subject.attributes)},
    }
    if subject.respondents is not None:
        doc["respondents"] = subject.respondents
    doc["competence"] = competence
    if subject.sectors:
        doc["context"] = {"sectors": list(subject.sectors)}
    return doc


def main(out: Path = HERE / "profiles") -> None:
    """Write every profile into OUT (created if absent)."""
    out.mkdir(parents=True, exist_ok=True)
    for subject in PROFILES:
        text = json.dumps(profile_json(subject), ensure_ascii=False, indent=2) + "\n"
        (out / subject.file).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "profiles")
