"""Write the holdout11 profiles (validation/holdout11/profiles/*.json).

Each figure stands beside the document key and section it comes from; the level is read from the
document's words or shares with the fixed table in README.md ("Level table"), never chosen to
make a measure appear. An area or dimension a document says nothing about is left out (unknown
is not zero).

Run: python validation/holdout11/write_profiles.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Finding:
    """One level for one area and dimension, with the words it was read from."""

    area: str
    dimension: str
    level: float
    source: str  # document key and section
    words: str   # what the document says, and which row of the level table applies


@dataclass(frozen=True)
class Profile:
    """One held-out profile as a user would type it from one document."""

    name: str
    kind: str
    id: str
    title: str
    source: str
    sector: str | None = None
    roles: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)
    respondents: int | None = None
    findings: tuple[Finding, ...] = ()
    sectors: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The tiltak.profile/1 document for this profile."""
        competence: dict[str, dict[str, dict[str, float]]] = {}
        for f in self.findings:
            competence.setdefault(f.area, {})[f.dimension] = {"level": f.level}
        doc: dict[str, Any] = {
            "format": "tiltak.profile/1",
            "subject": {"kind": self.kind, "id": self.id, "name": self.title,
                        "sector": self.sector, "roles": list(self.roles),
                        "attributes": dict(self.attributes)},
        }
        if self.respondents is not None:
            doc["respondents"] = self.respondents
        doc["competence"] = competence
        if self.sectors:
            doc["context"] = {"sectors": list(self.sectors)}
        return doc


# --- Findings shared by several Trøndelag profiles ------------------------------------------
# trondelag-2019 1.2 (5) Arbeidsgivermonitoren: "88 prosent av kommunene ... opplever i stor
# grad behov for å utvikle IKT-ferdigheter/digital kompetanse blant medarbeiderne generelt.
# Det rapporteres videre et stort behov for å utvikle evner og kompetanser innen innovasjon,
# samhandling og læring/omstilling." -> row W4 (a great need to develop) = 2.5; "kompetanse"
# without a dimension -> knowledge and skills (rule R3); "evner og kompetanser" -> abilities,
# knowledge and skills.
_MONITOR = "trondelag-2019 1.2 (5) Arbeidsgivermonitoren"
MONITOR_NEEDS = tuple(
    Finding(area, dim, 2.5, _MONITOR,
            f"stort behov for å utvikle evner og kompetanser innen {word} (W4, R3)")
    for area, word in (("innovasjon", "innovasjon"), ("samarbeid-og-medvirkning", "samhandling"),
                       ("laerende-organisasjon", "læring/omstilling"))
    for dim in ("knowledge", "skills", "abilities"))
MONITOR_DIGITAL_SKILLS = Finding(
    "digitalisering", "skills", 2.5, _MONITOR,
    "88 % av kommunene: i stor grad behov for å utvikle IKT-ferdigheter (W4)")
# trondelag-2019 1.2 (4) SINTEF: "Norske arbeidstakere er i hovedsak positive til
# digitalisering" -> row W7 (positive) = 4.0.
EMPLOYEES_POSITIVE = Finding(
    "digitalisering", "attitudes", 4.0, "trondelag-2019 1.2 (4)",
    "norske arbeidstakere er i hovedsak positive til digitalisering (W7)")
# trondelag-2019 1.2 (8) Digitaliseringsrådet: "Viljen er sterk, men kompetansen, ressursene og
# evnen til å gjennomføre kompliserte endringer ved hjelp av digitalisering er svært ujevnt
# fordelt." -> row W3 (uneven) = 2.5 for abilities (the ability to carry out change).
CHANGE_ABILITY_UNEVEN = Finding(
    "digitalisering", "abilities", 2.5, "trondelag-2019 1.2 (8)",
    "evnen til å gjennomføre kompliserte endringer er svært ujevnt fordelt (W3)")

TRONDELAG_MUNICIPALITIES = (MONITOR_DIGITAL_SKILLS, CHANGE_ABILITY_UNEVEN, EMPLOYEES_POSITIVE,
                            *MONITOR_NEEDS)

PROFILES: tuple[Profile, ...] = (
    Profile(
        name="bindal-kommune", kind="organisation", id="bindal", title="Bindal kommune",
        source="bindal-2024 ch. 5", respondents=97,  # bindal-2024 2.1, 5
        sectors=("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab"),
        findings=(
            Finding("digitalisering", "knowledge", 3.5, "bindal-2024 5.1.2",
                    "ganske mye kunnskap (W6)"),
            Finding("digitalisering", "skills", 3.5, "bindal-2024 5.2.1",
                    "68 % bruker mange digitale tjenester; gode ferdigheter (S: 55-69 % = 3.5)"),
            Finding("digitalisering", "abilities", 1.5, "bindal-2024 5.2.1",
                    "meget få føler seg skikket til å lede digitaliseringsprosesser (W1)"),
            Finding("digitalisering", "attitudes", 4.0, "bindal-2024 5.2.1",
                    "samlet sett positive, kun 2 mener feil vei; 22 % 'avgjørende' is only the"
                    " top answer (R2), words decide (W7)"),
            Finding("ledelse", "knowledge", 3.0, "bindal-2024 5.1.2",
                    "et potensiale i organisasjonen i forhold til kunnskap og evner (W5)"),
            Finding("ledelse", "skills", 2.0, "bindal-2024 5.3.1, 5.1.2",
                    "18 % har lederoppgaver og vil utvikle flere (top answer, S: 10-24 % = 2.0);"
                    " 'ganske få som føler de har gode ferdigheter' (W2) agrees"),
            Finding("ledelse", "abilities", 3.0, "bindal-2024 5.3.1",
                    "43 % har evner innen ledelse, men ingen lederoppgaver (S: 40-54 % = 3.0)"),
            Finding("ledelse", "attitudes", 4.0, "bindal-2024 5.1.2, 5.3.1",
                    "det store flertall mener ledelse er viktig (W7); 61 % 'viktig og stor"
                    " påvirkning' is a lower bound (R2)"),
            Finding("tverrfaglighet", "knowledge", 3.0, "bindal-2024 5.4.1",
                    "47 % har formelle kunnskaper (S: 40-54 % = 3.0)"),
            Finding("tverrfaglighet", "skills", 2.5, "bindal-2024 5.4.1 Figur 5",
                    "37 % har ferdigheter som gjør dem i stand til å hjelpe andre"
                    " (S: 25-39 % = 2.5)"),
            Finding("tverrfaglighet", "abilities", 1.5, "bindal-2024 5.4.1",
                    "kun 7 % har evner til å lede etablering av tverrfaglige prosesser"
                    " (S: under 10 % = 1.5)"),
            Finding("tverrfaglighet", "attitudes", 4.0, "bindal-2024 5.1.2, 5.4.1",
                    "positive holdninger; ansatte mener det er viktig (W7); 36 % 'avgjørende"
                    " viktig' is only the top answer (R2)"),
        )),
    Profile(
        name="bindal-negativ-enhet", kind="unit", id="bindal-enhet-teams",
        title="Enhet der ny løsning oppleves som «enda mer jobb»",
        source="bindal-2024 6.1.8",
        findings=(
            Finding("digitalisering", "knowledge", 3.5, "bindal-2024 5.1.1, 5.1.2, 6.1.8",
                    "ganske mye kunnskap i hele kommunen, lite variasjon mellom sektorer (W6, R4);"
                    " 6.1.8: kunnskap er ikke det som mangler"),
            Finding("digitalisering", "attitudes", 2.0, "bindal-2024 6.1.8",
                    "løsningen oppleves som «enda mer jobb, mer å lese og mer å forholde seg"
                    " til» (W2)"),
        )),
    Profile(
        name="trondelag-kommune", kind="organisation", id="trondelag-kommune",
        title="En kommune i Kompetanseløft Trøndelag", source="trondelag-2019 1.2, ch. 3 Nivå 3",
        sectors=("region",),  # takes part in a regional partnership (docs/profile.md)
        findings=TRONDELAG_MUNICIPALITIES),
    Profile(
        name="trondelag-region", kind="region", id="namdalsregionen",
        title="Namdalsregionen (kommunene som region)", source="trondelag-2019 ch. 3 Nivå 2",
        sectors=("region",),
        findings=TRONDELAG_MUNICIPALITIES),
    Profile(
        name="trondelag-folkevalgte", kind="group", id="folkevalgte",
        title="Folkevalgte i en trøndersk kommune", roles=("politician",),
        source="trondelag-2019 1.2 (14)",
        findings=(
            Finding("digitalisering", "knowledge", 2.0, "trondelag-2019 1.2 (14)",
                    "mangelfull kompetanse blant politikere i forhold til hva som kreves for"
                    " digital transformasjon (W2, R3)"),
            Finding("digitalisering", "skills", 2.0, "trondelag-2019 1.2 (14)",
                    "same sentence (W2, R3: 'kompetanse' -> knowledge and skills)"),
        )),
    Profile(
        name="trondelag-mellomledere", kind="group", id="mellomledere",
        title="Mellomledere i kommunene i Trøndelag", roles=("middle-leader",),
        source="trondelag-2019 1.2 (6), 1.2 (5)",
        findings=(
            Finding("digitalisering", "knowledge", 2.5, "trondelag-2019 1.2 (6)",
                    "70 % av mellomlederne får ikke god score på kompetansenivå i"
                    " digitaliseringsarbeidet, i.e. 30 % good (S: 25-39 % = 2.5, R3)"),
            Finding("digitalisering", "skills", 2.5, "trondelag-2019 1.2 (6)",
                    "same figure (R3)"),
            *(Finding(f.area, f.dimension, f.level, f.source,
                      "ser de samme utfordringene i lederskapet som blant medarbeiderne; "
                      + f.words) for f in MONITOR_NEEDS),
        )),
    Profile(
        name="trondelag-ansatt", kind="employee", id="ansatt-trondelag",
        title="En ansatt i en trøndersk kommune", source="trondelag-2019 ch. 3 Nivå 4, ch. 5",
        findings=(MONITOR_DIGITAL_SKILLS, EMPLOYEES_POSITIVE, *MONITOR_NEEDS)),
    Profile(
        name="drammen-kommune", kind="organisation", id="drammen", title="Drammen kommune",
        source="drammen-2021 Utfordringsbildet",
        findings=(
            Finding("digitalisering", "knowledge", 2.5, "drammen-2021 Utfordringsbildet",
                    "et stort strekk i laget når det gjelder digital kompetanse (W3, R3)"),
            Finding("digitalisering", "skills", 2.5, "drammen-2021 Utfordringsbildet",
                    "same sentence (W3, R3)"),
        )),
    Profile(
        name="kristiansand-kommune", kind="organisation", id="kristiansand",
        title="Kristiansand kommune", source="kristiansand-2023 ch. 2",
        findings=(
            Finding("digitalisering", "abilities", 2.5, "kristiansand-2023 2 Digital kompetanse",
                    "behovet kommunen har for å jobbe med sine organisatoriske evner til digital"
                    " transformasjon (W4)"),
        )),
    Profile(
        name="kristiansand-tillitsvalgte", kind="group", id="tillitsvalgte",
        title="Tillitsvalgte i Kristiansand kommune", roles=("union-representative",),
        source="kristiansand-2023 2 Digital kompetanse, 4 Roller og ansvar"),
    Profile(
        name="kristiansand-nyansatte", kind="group", id="nyansatte",
        title="Nyansatte i Kristiansand kommune", roles=("new-employee",),
        source="kristiansand-2023 3.12, 2 Kompetanserekruttering (7)"),
    Profile(
        name="kristiansand-nokkelressurser", kind="group", id="nokkelressurser",
        title="Nøkkelressurser for digitalisering i Kristiansand kommune",
        roles=("key-resource",), source="kristiansand-2023 3.5 Særskilte fag- og nøkkelressurser",
        findings=(
            Finding("digitalisering", "knowledge", 2.5,
                    "kristiansand-2023 3.5 Særskilte fag- og nøkkelressurser",
                    "nøkkelressurser må styrkes spesifikt med kunnskap om arkitektur,"
                    " integrasjon, utvikling og sikkerhet (W4)"),
        )),
    Profile(
        name="saman-om-nettverkskommune", kind="organisation", id="nettverkskommune",
        title="Kommune i nettverket Kompetanse Nord (Saman om ein betre kommune)",
        source="saman-om-2013 Målsettinger i programmet",
        findings=(
            Finding("strategisk-kompetanseledelse", "abilities", 2.5,
                    "saman-om-2013 Målsettinger i programmet",
                    "styrke kommunenes evne til strategisk kompetanseplanlegging (W4)"),
        )),
    Profile(
        name="saman-om-fagarbeidere-deltid", kind="group", id="fagarbeidere",
        title="Fagarbeidere (inkl. helsefagarbeidere)", sector="helse-og-velferd",
        roles=("employee",),
        attributes={"average_position_percent": 68.8},  # saman-om-2013 "Større stillinger
        # reduserer rekrutteringsbehovet": 68,8 prosent i 2011
        source="saman-om-2013 Større stillinger reduserer rekrutteringsbehovet"),
)


def main(out: Path = HERE / "profiles") -> None:
    """Write every profile as OUT/NAME.json (sorted keys kept in writing order)."""
    out.mkdir(parents=True, exist_ok=True)
    for profile in PROFILES:
        text = json.dumps(profile.as_json(), ensure_ascii=False, indent=2) + "\n"
        (out / f"{profile.name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "profiles")
