"""Write the held-out profiles of set 9 (validation/holdout9/profiles/*.json).

Each profile is written from one source document, as an HR adviser or an outside evaluator would
type it, by someone who had not read the rules. Every level stands beside the document key and
section it comes from and the words or share it encodes; the level follows the table in README.md
("How a finding becomes a level"). What a document does not state is left out: unknown is not zero.

Run: python validation/holdout9/write_profiles.py [OUT_DIR]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Finding:
    """One level: area, dimension, the level, where it comes from and the words it encodes."""

    area: str
    dimension: str
    level: float
    source: str
    says: str


@dataclass(frozen=True)
class Fact:
    """One subject fact (attribute or context entry) with its source."""

    key: str
    value: object
    source: str


@dataclass(frozen=True)
class Profile:
    """One held-out profile and the findings it encodes."""

    file: str
    kind: str
    id: str
    name: str
    source: str
    roles: tuple[str, ...] = ()
    sector: str | None = None
    respondents: int | None = None
    attributes: tuple[Fact, ...] = ()
    sectors: tuple[Fact, ...] = ()
    findings: tuple[Finding, ...] = field(default_factory=tuple)


BINDAL_SECTORS = (
    Fact("sectors", "helse-og-velferd", "bindal-2024 6.2.1 (sektorleder helse og velferd)"),
    Fact("sectors", "oppvekst-og-kultur", "bindal-2024 6.2.1 (sektorleder oppvekst og kultur)"),
    Fact("sectors", "plan-og-utvikling", "bindal-2024 6.2.1 (sektorleder plan og utvikling)"),
    Fact("sectors", "region", "bindal-2024 4.1.2 Digitale Helgeland, 4.1.3 Kystriket IKT: "
         "Bindal er deltaker i to kommunale oppgavefellesskap"),
)

# trondelag-2019 describes the municipalities of Trøndelag together; these statements are what it
# says of them (its own conclusion 1.3 (7) and the surveys it builds on in 1.2).
TRONDELAG_DIGITAL = (
    Finding("digitalisering", "knowledge", 2.5,
            "trondelag-2019 1.2 (7) Riksrevisjonen",
            "«Mange kommuner har ikke tilstrekkelig kompetanse til å digitalisere sine "
            "tjenester» (words: mange ... ikke tilstrekkelig -> 2.5)"),
    Finding("digitalisering", "skills", 2.5,
            "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
            "88 prosent av kommunene opplever i stor grad behov for å utvikle "
            "IKT-ferdigheter/digital kompetanse blant medarbeiderne (a need share read with the "
            "words: stort behov -> 2.5)"),
    Finding("digitalisering", "abilities", 2.5,
            "trondelag-2019 1.2 (8) Digitaliseringsrådet; 1.3 (7)",
            "«evnen til å gjennomføre kompliserte endringer ved hjelp av digitalisering er svært "
            "ujevnt fordelt»; «Mange norske kommuner er ennå ikke modne» (words: svært ujevnt "
            "fordelt -> 2.5)"),
    Finding("digitalisering", "attitudes", 4.0,
            "trondelag-2019 1.3 (7); 1.2 (8)",
            "«De trønderske kommunene er bevisste det teknologiske skiftet ... og ønsker å bli "
            "gode på arbeidet med digital transformasjon»; «Viljen er sterk» (words: bevisste og "
            "ønsker -> 4.0)"),
)

PROFILES: tuple[Profile, ...] = (
    Profile(
        file="bindal-2024-kommune.json", kind="organisation", id="bindal",
        name="Bindal kommune", source="bindal-2024 ch. 5 (survey of 97 employees)",
        respondents=97,  # bindal-2024 2.1, 5: 97 respondenter
        sectors=BINDAL_SECTORS,
        findings=(
            Finding("digitalisering", "knowledge", 3.5, "bindal-2024 5.1.2",
                    "«ganske mye kunnskap» om de tre områdene (no digital share; words -> 3.5)"),
            Finding("digitalisering", "skills", 3.5, "bindal-2024 5.2.1",
                    "«hele 68 % har svart at de bruker mange digitale tjenester i egen hverdag» "
                    "(share 55-69 % -> 3.5)"),
            Finding("digitalisering", "abilities", 1.5, "bindal-2024 5.2.1; 5.1.2",
                    "«meget få som føler seg skikket til å lede digitaliseringsprosesser» "
                    "(words: meget få -> 1.5)"),
            Finding("digitalisering", "attitudes", 4.0, "bindal-2024 5.2.1",
                    "22 % avgjørende + 56 % som regel mer effektivt = 78 %; kun 2 respondenter "
                    "mener feil vei (share 70-84 % -> 4.0)"),
            Finding("ledelse", "knowledge", 3.0, "bindal-2024 5.1.2",
                    "«et potensiale i organisasjonen i forhold til kunnskap og evner» "
                    "(words: potensial -> 3.0; more specific than the general «ganske mye "
                    "kunnskap»)"),
            Finding("ledelse", "skills", 2.0, "bindal-2024 5.1.2; 5.3.1",
                    "«ganske få som føler de har gode ferdigheter og samtidig har "
                    "lederoppgaver»; 18 % har lederoppgaver og vil utvikle flere (share 10-24 % "
                    "-> 2.0, the words agree)"),
            Finding("ledelse", "abilities", 3.0, "bindal-2024 5.3.1; 5.1.2",
                    "43 % svarer at de har evner innen ledelse, men ingen lederoppgaver (share "
                    "40-54 % -> 3.0; «potensiale ... evner» agrees)"),
            Finding("ledelse", "attitudes", 4.0, "bindal-2024 5.1.2; 5.3.1",
                    "«Det store flertall mener ledelse er viktig»; 61 % is one positive option "
                    "only, the over-10-years group answers «avgjørende» (a lower bound; words: "
                    "det store flertall -> 4.0)"),
            Finding("tverrfaglighet", "knowledge", 3.0, "bindal-2024 5.4.1",
                    "47 % har formelle kunnskaper om tverrfaglighet (share 40-54 % -> 3.0)"),
            Finding("tverrfaglighet", "skills", 2.5, "bindal-2024 5.4.1 figur 5",
                    "37 % (35 ansatte) har ferdigheter som gjør dem i stand til å hjelpe andre "
                    "(share 25-39 % -> 2.5)"),
            Finding("tverrfaglighet", "abilities", 1.5, "bindal-2024 5.4.1",
                    "«Kun 7 %» har evner til å lede etablering av tverrfaglige arbeidsprosesser "
                    "(share under 10 % -> 1.5)"),
            Finding("tverrfaglighet", "attitudes", 4.0, "bindal-2024 5.4.1",
                    "36 % avgjørende viktig + «like mange» effektivt = 72 % (share 70-84 % -> "
                    "4.0)"),
        ),
    ),
    Profile(
        # The leaders' forum that takes part in the development programme (6.2.2, 6.2.4). The
        # plan states goals for it (6.2.4) but measures no level for leaders as a group: the
        # survey (ch. 5) is of all employees and is not split by leaders.
        file="bindal-2024-lederforum.json", kind="group", id="bindal-lederforum",
        name="Lederforum i Bindal kommune", source="bindal-2024 6.2.2, 6.2.4",
        roles=("leader",),
    ),
    Profile(
        # A unit whose attitude to digitalisation is negative, the situation bindal-2024 ch. 3
        # (unmotivated participants) and 6.1.8 (a tool seen as «enda mer jobb, mer å lese og mer
        # å forholde seg til») describe. Bindal itself is positive (5.2.1), so the plan names no
        # such unit; no sector, no other level is stated.
        file="bindal-2024-enhet-negativ-til-digitalisering.json", kind="unit",
        id="enhet-negativ-digitalisering",
        name="Enhet med negativ holdning til digitalisering", source="bindal-2024 3, 6.1.8",
        findings=(
            Finding("digitalisering", "attitudes", 2.0, "bindal-2024 3; 6.1.8",
                    "lite motiverte; ny løsning oppleves som «enda mer jobb» (words: negativ, "
                    "lite motivert -> 2.0)"),
        ),
    ),
    Profile(
        # kristiansand-2023 is an action plan; it reports no survey figures and no level for the
        # organisation, so none is encoded.
        file="kristiansand-2023-kommune.json", kind="organisation", id="kristiansand",
        name="Kristiansand kommune", source="kristiansand-2023 ch. 1-3",
    ),
    Profile(
        file="kristiansand-2023-tillitsvalgte.json", kind="group", id="kristiansand-tillitsvalgte",
        name="Tillitsvalgte i Kristiansand kommune",
        source="kristiansand-2023 2 Digital kompetanse, 2 Kompetanserekruttering, 4 Roller og "
               "ansvar (Tillitsvalgte)",
        roles=("union-representative",),
    ),
    Profile(
        file="kristiansand-2023-nyansatte.json", kind="group", id="kristiansand-nyansatte",
        name="Nyansatte i Kristiansand kommune",
        source="kristiansand-2023 3.12, 2 Kompetanserekruttering (fase 7 Introduksjon)",
        roles=("new-employee",),
    ),
    Profile(
        # 3.5 names the need («må styrkes spesifikt med kunnskap om arkitektur, integrasjon,
        # utvikling og sikkerhet») without a degree, so no level is encoded.
        file="kristiansand-2023-nokkelressurser.json", kind="group",
        id="kristiansand-nokkelressurser",
        name="Nøkkelressurser for digitalisering i Kristiansand kommune",
        source="kristiansand-2023 2 Digital kompetanse, 3.5 Særskilte fag- og nøkkelressurser",
        roles=("key-resource",),
    ),
    Profile(
        file="drammen-2021-kommune.json", kind="organisation", id="drammen",
        name="Drammen kommune", source="drammen-2021 Utfordringsbildet",
        findings=(
            Finding("digitalisering", "skills", 2.5, "drammen-2021 Utfordringsbildet",
                    "«et stort strekk i laget når det gjelder digital kompetanse»; the strategy "
                    "answers with training «grunnleggende digitale ferdigheter ut fra sitt nivå» "
                    "(words: stort strekk i laget -> 2.5)"),
            Finding("strategisk-kompetanseledelse", "knowledge", 3.0,
                    "drammen-2021 Utfordringsbildet",
                    "«Kommunen har per i dag ikke fullstendig oversikt over kompetansekapitalen. "
                    "Denne strategien peker derfor på behovet for kunnskap om både formal- og "
                    "realkompetanse» (words: ikke fullstendig -> 3.0)"),
        ),
    ),
    Profile(
        file="trondelag-2019-kommune.json", kind="organisation", id="trondelag-kommune",
        name="En kommune i Kompetanseløft Trøndelag",
        source="trondelag-2019 1.2, 1.3, ch. 3 (nivå 3: kommunene som selvstendige "
               "organisasjoner)",
        sectors=(Fact("sectors", "region", "trondelag-2019 3 Nivå, 5: the municipality takes "
                      "part in the regional competence lift"),),
        findings=TRONDELAG_DIGITAL,
    ),
    Profile(
        file="trondelag-2019-region.json", kind="region", id="namdalsregionen",
        name="Namdalsregionen (kommunene i regionen)",
        source="trondelag-2019 3 Foreslått regioninndeling; ch. 3 nivå 2 (kommunene som region)",
        sectors=(Fact("sectors", "region", "trondelag-2019 3 Inndeling av regionnivået"),),
        findings=TRONDELAG_DIGITAL,
    ),
    Profile(
        file="trondelag-2019-folkevalgte.json", kind="group", id="trondelag-folkevalgte",
        name="Folkevalgte i kommunene i Trøndelag",
        source="trondelag-2019 1.2 (14) Hva vi tenker om opplegg rundt kompetanseløft for "
               "folkevalgte",
        roles=("politician",),
        findings=(
            Finding("digitalisering", "knowledge", 2.0, "trondelag-2019 1.2 (14)",
                    "«Det er mangelfull kompetanse blant politikere i forhold til hva som kreves "
                    "for å få til Digital Transformasjon»; they need «en lik grunnopplæring» "
                    "(words: mangelfull -> 2.0)"),
        ),
    ),
    Profile(
        file="trondelag-2019-mellomledere.json", kind="group", id="trondelag-mellomledere",
        name="Mellomledere i kommunene i Trøndelag",
        source="trondelag-2019 1.2 (6) IT i praksis",
        roles=("middle-leader",),
        findings=(
            Finding("digitalisering", "knowledge", 2.5, "trondelag-2019 1.2 (6)",
                    "IT-ledernes vurdering av kompetansenivået: «på mellomledernivået ... er det "
                    "70 prosent som ikke får god score» (share good 30 %, 25-39 % -> 2.5)"),
        ),
    ),
    Profile(
        # saman-om-2013 is a deck of network slides; it reports no figure for a participating
        # municipality, so none is encoded.
        file="saman-om-2013-kommune.json", kind="organisation", id="saman-om-kommune",
        name="Deltakerkommune i Saman om ein betre kommune",
        source="saman-om-2013 Målsettinger i programmet; Kunnskapsstatus",
    ),
    Profile(
        file="saman-om-2013-fagarbeidere.json", kind="group", id="fagarbeidere",
        name="Fagarbeidere (inkl. helsefagarbeidere)",
        source="saman-om-2013 Større stillinger reduserer rekrutteringsbehovet",
        roles=("employee",),
        attributes=(
            Fact("average_position_percent", 68.8,
                 "saman-om-2013 Større stillinger reduserer rekrutteringsbehovet: KS' "
                 "rekrutteringsmodell, fagarbeidere 68,8 prosent i 2011"),
        ),
    ),
)


def as_json(profile: Profile) -> dict[str, object]:
    """The tiltak.profile/1 document for one profile (keys in a fixed order)."""
    subject: dict[str, object] = {"kind": profile.kind, "id": profile.id, "name": profile.name}
    if profile.sector:
        subject["sector"] = profile.sector
    if profile.roles:
        subject["roles"] = list(profile.roles)
    if profile.attributes:
        subject["attributes"] = {fact.key: fact.value for fact in profile.attributes}
    doc: dict[str, object] = {"format": "tiltak.profile/1", "subject": subject}
    if profile.respondents is not None:
        doc["respondents"] = profile.respondents
    competence: dict[str, dict[str, dict[str, float]]] = {}
    for finding in profile.findings:
        area = competence.setdefault(finding.area, {})
        if finding.dimension in area:
            raise ValueError(f"{profile.file}: {finding.area}.{finding.dimension} twice")
        area[finding.dimension] = {"level": finding.level}
    if competence:
        doc["competence"] = competence
    if profile.sectors:
        doc["context"] = {"sectors": [fact.value for fact in profile.sectors]}
    return doc


def main(out: Path = HERE / "profiles") -> None:
    """Write every profile to OUT (created if missing), one JSON file each."""
    out.mkdir(parents=True, exist_ok=True)
    for profile in PROFILES:
        text = json.dumps(as_json(profile), ensure_ascii=False, indent=2) + "\n"
        (out / profile.file).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "profiles")
