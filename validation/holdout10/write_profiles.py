"""Write the held-out profiles of set 10 (validation/holdout10/profiles/*.json).

Each level comes from a finding in one of the five documents, turned into a level by the table
in README.md ("How a finding becomes a level"); the document key, section and the words or
share it rests on stand beside every figure. What a document does not say is left out.

Run: python validation/holdout10/write_profiles.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent

BINDAL_SECTORS = ("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab",
                  # bindal-2024 4.1.2-4.1.3: Bindal takes part in Digitale Helgeland KO and
                  # Kystriket IKT KO (inter-municipal partnerships); docs/profile.md: a
                  # municipality in a regional partnership lists `region` among its sectors.
                  "region")


@dataclass(frozen=True)
class Finding:
    """One level, where it comes from and the row of the level table that gave it."""

    area: str
    dimension: str
    level: float
    source: str   # document key and section
    basis: str    # the share or words, and the table row


@dataclass(frozen=True)
class Profile:
    """One subject a document describes, as a user would type it."""

    file: str
    document: str
    kind: str
    id: str
    name: str
    roles: tuple[str, ...] = ()
    attributes: dict[str, object] = field(default_factory=dict)
    sector: str | None = None
    respondents: int | None = None
    sectors: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()


PROFILES: tuple[Profile, ...] = (
    # ---------------------------------------------------------------- bindal-2024
    Profile(
        file="bindal-kommune.json", document="bindal-2024", kind="organisation",
        id="bindal", name="Bindal kommune", respondents=97,  # bindal-2024 2.1, 5: 97 respondents
        sectors=BINDAL_SECTORS,
        findings=(
            Finding("digitalisering", "knowledge", 3.5, "bindal-2024 5.1.2",
                    "'ganske mye kunnskap' (all three areas) -> words 3.5"),
            Finding("digitalisering", "skills", 3.5, "bindal-2024 5.2.1",
                    "68 % use many digital services in their everyday life -> share 55-69 % = 3.5"),
            Finding("digitalisering", "abilities", 1.5, "bindal-2024 5.2.1",
                    "'meget få som føler seg skikket til å lede digitaliseringsprosesser' -> 1.5"),
            Finding("digitalisering", "attitudes", 4.25, "bindal-2024 5.2.1",
                    "good end 22 % decisive + 56 % usually more efficient = 78 % -> 4.0; "
                    "low end 2 of 97 (2 %) 'feil vei' -> 4.5; both ends -> mean 4.25"),
            Finding("ledelse", "knowledge", 3.5, "bindal-2024 5.1.2",
                    "'potensiale i organisasjonen i forhold til kunnskap og evner' -> words 3.5"),
            Finding("ledelse", "skills", 2.5, "bindal-2024 5.3.1",
                    "good end 18 % (have leader tasks and want to develop more) -> 2.0; low end "
                    "23 % (not interested in developing such skills) -> 3.0; mean 2.5"),
            Finding("ledelse", "abilities", 3.0, "bindal-2024 5.3.1",
                    "43 % have abilities in leadership (no leader tasks now) -> 40-54 % = 3.0"),
            Finding("ledelse", "attitudes", 3.5, "bindal-2024 5.3.1",
                    "61 % say leadership is important with great influence -> 55-69 % = 3.5"),
            Finding("tverrfaglighet", "knowledge", 3.0, "bindal-2024 5.4.1",
                    "47 % have formal knowledge from education and/or courses -> 3.0"),
            Finding("tverrfaglighet", "skills", 2.5, "bindal-2024 5.4.1 (fig. 5)",
                    "37 % have skills that let them help others -> 25-39 % = 2.5"),
            Finding("tverrfaglighet", "abilities", 1.5, "bindal-2024 5.4.1",
                    "only 7 % can lead more cross-disciplinary work processes -> under 10 % = 1.5"),
            Finding("tverrfaglighet", "attitudes", 4.0, "bindal-2024 5.4.1",
                    "36 % decisive + 36 % effective = 72 % -> 70-84 % = 4.0"),
        )),
    Profile(
        # bindal-2024 6.2.2, 6.2.4: lederforum (ledergruppen + the four largest units' leaders)
        # takes part in the process-leadership programme. The document states no level for it.
        file="bindal-lederforum.json", document="bindal-2024", kind="group",
        id="bindal-lederforum", name="Lederforum i Bindal kommune", roles=("leader",),
        sectors=BINDAL_SECTORS),
    Profile(
        # bindal-2024 6.1.5-6.1.7: superusers and system administrators; the management of
        # ~30 specialist systems "ikke er systematisert i tilstrekkelig grad" (no level stated).
        file="bindal-systemroller.json", document="bindal-2024", kind="group",
        id="bindal-systemroller", name="Superbrukere og systemadministratorer i Bindal kommune",
        roles=("superuser", "system-administrator"), sectors=BINDAL_SECTORS),
    # ---------------------------------------------------------- kristiansand-2023
    Profile(
        # kristiansand-2023 2 "Leders rolle på arbeidsplassen", 3.4, 3.10, 3.11: every leader
        # with staff, professional and budget responsibility. No level stated.
        file="kristiansand-ledere.json", document="kristiansand-2023", kind="group",
        id="kristiansand-ledere", name="Ledere med personal-, fag- og budsjettansvar",
        roles=("leader",)),
    Profile(
        file="kristiansand-nokkelressurser.json", document="kristiansand-2023", kind="group",
        id="kristiansand-nokkelressurser", name="Nøkkelressurser for digitalisering",
        roles=("key-resource",),
        findings=(
            Finding("digitalisering", "knowledge", 2.5, "kristiansand-2023 3.5",
                    "'må styrkes spesifikt med kunnskap om arkitektur, integrasjon, utvikling og "
                    "sikkerhet' -> words 'må styrkes' = 2.5"),
        )),
    Profile(
        # kristiansand-2023 2 "Alle skal med": the oldest employees take part less in learning
        # at work than younger ones; seniors: competence development central in senior policy.
        file="kristiansand-seniorer.json", document="kristiansand-2023", kind="group",
        id="kristiansand-seniorer", name="Seniorer (de eldste arbeidstakerne)",
        roles=("employee",),
        attributes={"age_group": "senior", "low_learning_participation": True}),
    # --------------------------------------------------------------- drammen-2021
    Profile(
        file="drammen-kommune.json", document="drammen-2021", kind="organisation",
        id="drammen", name="Drammen kommune",
        findings=(
            Finding("digitalisering", "knowledge", 3.0, "drammen-2021 Utfordringsbildet",
                    "'et stort strekk i laget når det gjelder digital kompetanse' -> words 3.0; "
                    "'kompetanse' without a dimension -> knowledge and skills"),
            Finding("digitalisering", "skills", 3.0, "drammen-2021 Utfordringsbildet",
                    "as above"),
        )),
    Profile(
        # drammen-2021 Strategisk kompetanseledelse, Den lærende organisasjon: the goals for all
        # leaders. No level stated (the goals are not findings).
        file="drammen-ledere.json", document="drammen-2021", kind="group",
        id="drammen-ledere", name="Ledere i Drammen kommune", roles=("leader",)),
    # ------------------------------------------------------------- trondelag-2019
    Profile(
        file="trondelag-kommune.json", document="trondelag-2019", kind="organisation",
        id="trondelag-kommune", name="En kommune i Kompetanseløft Trøndelag",
        # trondelag-2019 3 Nivå 2, 5: the municipality takes part in its region's part of the lift
        sectors=("region",),
        findings=(
            Finding("digitalisering", "skills", 2.5, "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
                    "88 % of municipalities 'i stor grad behov for å utvikle IKT-ferdigheter/"
                    "digital kompetanse blant medarbeiderne' -> words 2.5 (national figure)"),
            Finding("innovasjon", "abilities", 2.5, "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
                    "'stort behov for å utvikle evner og kompetanser innen innovasjon, samhandling "
                    "og læring/omstilling' -> words 2.5 (national figure)"),
            Finding("samarbeid-og-medvirkning", "abilities", 2.5,
                    "trondelag-2019 1.2 (5) Arbeidsgivermonitoren", "as above (samhandling)"),
            Finding("laerende-organisasjon", "abilities", 2.5,
                    "trondelag-2019 1.2 (5) Arbeidsgivermonitoren", "as above (læring/omstilling)"),
        )),
    Profile(
        file="trondelag-mellomledere.json", document="trondelag-2019", kind="group",
        id="trondelag-mellomledere", name="Mellomledere i trønderske kommuner",
        roles=("middle-leader",),
        findings=(
            Finding("digitalisering", "knowledge", 2.5, "trondelag-2019 1.2 (6) IT i praksis",
                    "70 % of middle leaders do not get a good score on competence for "
                    "digitalisation -> good end 30 % = 2.5; 'kompetanse' -> knowledge and "
                    "skills (national figure)"),
            Finding("digitalisering", "skills", 2.5, "trondelag-2019 1.2 (6) IT i praksis",
                    "as above"),
        )),
    Profile(
        file="trondelag-folkevalgte.json", document="trondelag-2019", kind="group",
        id="trondelag-folkevalgte", name="Folkevalgte i en trøndersk kommune",
        roles=("politician",),
        findings=(
            Finding("digitalisering", "knowledge", 2.0, "trondelag-2019 1.2 (14)",
                    "'mangelfull kompetanse blant politikere i forhold til hva som kreves for å få "
                    "til Digital Transformasjon' -> words 'mangelfull' = 2.0; 'kompetanse' -> "
                    "knowledge and skills"),
            Finding("digitalisering", "skills", 2.0, "trondelag-2019 1.2 (14)", "as above"),
        )),
    # -------------------------------------------------------------- saman-om-2013
    Profile(
        # saman-om-2013 "Større stillinger reduserer rekrutteringsbehovet": KS' recruitment model,
        # skilled workers (incl. health workers) averaged 68.8 % positions in 2011.
        file="saman-om-fagarbeidere.json", document="saman-om-2013", kind="group",
        id="fagarbeidere", name="Fagarbeidere (inkl. helsefagarbeidere)", roles=("employee",),
        attributes={"average_position_percent": 68.8}),
    Profile(
        # saman-om-2013 "Prosessmål for nettverkssamlingene" (roller og partssamarbeid),
        # "Medledelse og trepartssamarbeid": the local project group of a municipality in
        # Nettverk Kompetanse Nord, leaders and union representatives together. No level stated.
        file="saman-om-prosjektgruppe.json", document="saman-om-2013", kind="group",
        id="saman-om-prosjektgruppe",
        name="Partssammensatt prosjektgruppe i en kommune i Nettverk Kompetanse Nord",
        roles=("leader", "union-representative"), sectors=("region",)),
)


def as_json(profile: Profile) -> dict[str, object]:
    """The tiltak.profile/1 document for one profile."""
    competence: dict[str, dict[str, dict[str, float]]] = {}
    for finding in profile.findings:
        competence.setdefault(finding.area, {})[finding.dimension] = {"level": finding.level}
    doc: dict[str, object] = {
        "format": "tiltak.profile/1",
        "subject": {"kind": profile.kind, "id": profile.id, "name": profile.name,
                    "sector": profile.sector, "roles": list(profile.roles),
                    "attributes": dict(profile.attributes)},
    }
    if profile.respondents is not None:
        doc["respondents"] = profile.respondents
    doc["competence"] = competence
    if profile.sectors:
        doc["context"] = {"sectors": list(profile.sectors)}
    return doc


def main(out: Path = HERE / "profiles") -> None:
    """Write every profile to OUT as indented UTF-8 JSON with a final newline."""
    out.mkdir(parents=True, exist_ok=True)
    for profile in PROFILES:
        text = json.dumps(as_json(profile), ensure_ascii=False, indent=2) + "\n"
        (out / profile.file).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "profiles")
