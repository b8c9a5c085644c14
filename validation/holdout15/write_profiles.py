"""Write the held-out profiles of set 15 (sectors, cross-sector groups, attitudes).

Every figure is written beside the finding and section of the source document it encodes,
using the level table in README.md (fixed before any profile was written). Nothing the
document does not state is encoded: an absent area or dimension is unknown, not zero.

Run: python validation/holdout15/write_profiles.py   (writes profiles/*.json and FINDINGS.md)
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

BINDAL_SECTORS = ("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab")


@dataclass(frozen=True)
class Finding:
    """One encoded level: area, dimension, level and the document section it comes from."""

    area: str
    dimension: str
    level: float
    source: str
    distribution: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Profile:
    """One held-out subject as an HR adviser would type it from the document."""

    name: str
    document: str
    kind: str
    subject_id: str
    title: str
    why: str
    sector: str | None = None
    roles: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    sectors: tuple[str, ...] = ()
    running: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The profile in the `tiltak.profile/1` format."""
        competence: dict[str, dict[str, dict[str, Any]]] = {}
        for f in self.findings:
            value: dict[str, Any] = {"level": f.level}
            if f.distribution is not None:
                value["distribution"] = list(f.distribution)
            competence.setdefault(f.area, {})[f.dimension] = value
        doc: dict[str, Any] = {
            "format": "tiltak.profile/1",
            "subject": {"kind": self.kind, "id": self.subject_id, "name": self.title,
                        "sector": self.sector, "roles": list(self.roles),
                        "attributes": dict(self.attributes)},
            "competence": competence,
        }
        if self.sectors or self.running:
            doc["context"] = {"sectors": list(self.sectors),
                              "running_measures": list(self.running)}
        return doc


PROFILES: tuple[Profile, ...] = (
    # 1. A cross-sector group for children and youth (oppvekst and helse), Bindal.
    Profile(
        name="01-bindal-barn-og-unge-tverrsektoriell.json", document="bindal-2024",
        kind="group", subject_id="bindal-barn-og-unge",
        title="Oppvekst og helse: tverrsektorielt arbeid for barn og unge",
        why="bindal-2024 4.3, 4.3.1 (tverrfaglig arbeid etablert i oppvekst og helse, BTI), "
            "5.4.1; 5.1.1 says answers vary little by sector, so the whole survey applies",
        sectors=("oppvekst-og-kultur", "helse-og-velferd"),
        findings=(
            # 5.4.1: 47 % have formal knowledge of cross-disciplinary work -> 41-55 %
            Finding("tverrfaglighet", "knowledge", 3.1, "bindal-2024 5.4.1 (47 % formelle "
                    "kunnskaper)"),
            # Figur 5: 37 % have skills that let them help others -> 26-40 %
            Finding("tverrfaglighet", "skills", 2.8, "bindal-2024 5.4.1 Figur 5 (37 % "
                    "ferdigheter)"),
            # 5.4.1: only 7 % can lead establishing more cross-disciplinary processes -> <=10 %
            Finding("tverrfaglighet", "abilities", 1.9, "bindal-2024 5.4.1 (kun 7 % evner å "
                    "lede)"),
            # 5.1.2 / 5.4.1: positive attitudes, 36 % say it is decisively important -> positive
            Finding("tverrfaglighet", "attitudes", 3.9, "bindal-2024 5.1.2, 5.4.1 (positive "
                    "holdninger)"),
        ),
    ),
    # 2. The technology-selection arena: employees, union reps and leaders across sectors.
    Profile(
        name="02-bindal-teknologivalg-pa-tvers.json", document="bindal-2024",
        kind="group", subject_id="bindal-teknologivalg",
        title="Ansatte, tillitsvalgte og ledere fra alle sektorer som skal vurdere teknologi",
        why="bindal-2024 6.1.3 (arenaen bør bestå av ansatte, tillitsvalgte og ledere, "
            "tverrfaglig og tverrsektoriell); 5.2.1 and 5.1.2 for the levels",
        roles=("employee", "union-representative", "leader"),
        sectors=BINDAL_SECTORS,
        findings=(
            # 5.1.2: "ganske mye kunnskap" -> quite a lot
            Finding("digitalisering", "knowledge", 3.4, "bindal-2024 5.1.2 (ganske mye "
                    "kunnskap)"),
            # 5.2.1: 68 % use many digital services in daily life, "gode ferdigheter" -> 56-70 %
            Finding("digitalisering", "skills", 3.7, "bindal-2024 5.2.1 (68 %, gode "
                    "ferdigheter)"),
            # 5.2.1: "meget få som føler seg skikket til å lede digitaliseringsprosesser"
            Finding("digitalisering", "abilities", 2.0, "bindal-2024 5.2.1 (meget få skikket "
                    "til å lede)"),
            # 5.2.1: 22 % + 56 % positive, only 2 of 97 think it is the wrong way -> over 70 %
            Finding("digitalisering", "attitudes", 4.0, "bindal-2024 5.2.1 (22 % + 56 %, kun "
                    "2 negative)"),
        ),
    ),
    # 3. A unit where the new platform is felt as "even more work" (attitudes).
    Profile(
        name="03-bindal-enhet-teams-mer-jobb.json", document="bindal-2024",
        kind="unit", subject_id="bindal-enhet-teams",
        title="Enhet der Teams oppleves som «enda mer jobb»",
        why="bindal-2024 6.1.8 (Teams example: knowledge is there, skills, abilities and "
            "attitudes lag; leaders still on e-mail); ch. 3 on unmotivated participants",
        findings=(
            # 6.1.8: "Teams krever få kunnskaper"; the staff know how to use the solution -> good
            Finding("digitalisering", "knowledge", 3.9, "bindal-2024 6.1.8 (kunnskap om bruk "
                    "finnes)"),
            # 6.1.8: "Ferdigheter, evner og holdninger må også utvikles" -> needs to develop
            Finding("digitalisering", "skills", 2.9, "bindal-2024 6.1.8 (ferdigheter må "
                    "utvikles)"),
            # 6.1.8: no ability to do it "i en travel hverdag" -> needs to develop
            Finding("digitalisering", "abilities", 2.7, "bindal-2024 6.1.8 (evne i en travel "
                    "hverdag)"),
            # 6.1.8: Teams is felt as "enda mer jobb, mer å lese og mer å forholde seg til"
            Finding("digitalisering", "attitudes", 2.4, "bindal-2024 6.1.8 («enda mer "
                    "jobb»)"),
        ),
    ),
    # 4. The cross-sector procurement group (stated by who it is; no level stated).
    Profile(
        name="04-bindal-anskaffelser-pa-tvers.json", document="bindal-2024",
        kind="group", subject_id="bindal-anskaffelser",
        title="Ledere og ansatte med innkjøpsoppgaver på tvers av sektorene",
        why="bindal-2024 6.3.3 a (a cross-sector group with general procurement competence, "
            "taking part in municipal cooperation); 4.1.2 Digitale Helgeland (felles innkjøp) "
            "and 4.1.3 Kystriket IKT: a regional partnership. Procurement competence has no "
            "area in the catalogue, so no level is encoded",
        roles=("procurement-resource",),
        sectors=(*BINDAL_SECTORS, "region"),
    ),
    # 5. A region in the Trøndelag competence lift.
    Profile(
        name="05-trondelag-region.json", document="trondelag-2019",
        kind="region", subject_id="namdalsregionen",
        title="Kommunene i Namdalsregionen i Kompetanseløft Trøndelag",
        why="trondelag-2019 ch. 3 Nivå 2 (kommunene som region), Foreslått regioninndeling; "
            "levels from the background surveys in 1.2",
        sectors=("region",),
        findings=(
            # 1.2 (7): "Mange kommuner har ikke tilstrekkelig kompetanse til å digitalisere"
            Finding("digitalisering", "knowledge", 2.4, "trondelag-2019 1.2 (7) (ikke "
                    "tilstrekkelig kompetanse)"),
            # 1.2 (5): 88 % need to develop ICT skills among employees -> needs to develop
            Finding("digitalisering", "skills", 2.8, "trondelag-2019 1.2 (5) (88 % behov for "
                    "å utvikle IKT-ferdigheter)"),
            # 1.2 (1) Gevinstarbeid: 80 % lack capacity, culture, knowledge; 1.2 (6): 59 % of
            # leaders poor at benefits realisation -> lacking
            Finding("digitalisering", "abilities", 2.3, "trondelag-2019 1.2 (1), (6) "
                    "(gevinstrealisering: 80 %, 59 % dårlig)"),
            # 1.2 (4): employees "i hovedsak positive til digitalisering"; 1.2 (8) "Viljen er sterk"
            Finding("digitalisering", "attitudes", 3.9, "trondelag-2019 1.2 (4), (8) (i "
                    "hovedsak positive)"),
            # 1.2 (5): "Også blant ledere er det behov for å utvikle ulike evner"
            # -> needs to develop
            Finding("ledelse", "abilities", 2.8, "trondelag-2019 1.2 (5) (ledere: behov for å "
                    "utvikle evner)"),
            # 1.2 (1) Samarbeid på tvers: 3 of 4 share experience with neighbours -> over 70 %
            Finding("samarbeid-og-medvirkning", "skills", 3.9, "trondelag-2019 1.2 (1) (3 av "
                    "4 deler erfaringer)"),
        ),
    ),
    # 6. Elected politicians in a municipality taking part in the lift.
    Profile(
        name="06-trondelag-folkevalgte.json", document="trondelag-2019",
        kind="group", subject_id="folkevalgte",
        title="Folkevalgte i en kommune i Kompetanseløft Trøndelag",
        why="trondelag-2019 1.2 (14) (Hva vi tenker om kompetanseløft for folkevalgte; "
            "Innovasjonspolitikeren), ch. 5 Politikeropplæring",
        roles=("politician",),
        sectors=("region",),
        findings=(
            # 1.2 (14): "mangelfull kompetanse blant politikere i forhold til hva som kreves"
            Finding("digitalisering", "knowledge", 2.2, "trondelag-2019 1.2 (14) (mangelfull "
                    "kompetanse blant politikere)"),
            # 1.2 (14): all get papers digitally, all have an iPad, use tablets -> good
            Finding("digitalisering", "skills", 3.8, "trondelag-2019 1.2 (14) (tatt i bruk "
                    "nettbrett)"),
        ),
    ),
    # 7. Health and care in a Trøndelag municipality (welfare technology).
    Profile(
        name="07-trondelag-helse-velferdsteknologi.json", document="trondelag-2019",
        kind="sector", subject_id="helse-og-omsorg",
        title="Helse og omsorg i en kommune i Kompetanseløft Trøndelag (velferdsteknologi)",
        why="trondelag-2019 1.2 (12) Trøndelagsløftet (velferdsteknologi, ABC, behov); "
            "ch. 3 Nivå 3 (kommune)",
        sector="helse-og-velferd",
        sectors=("helse-og-velferd", "teknisk", "region"),
        findings=(
            # 1.2 (12): "Basiskompetanse innen endring, hverdagsmestring og velferdsteknologi for
            # alle ansatte" needed -> needs to develop
            Finding("digitalisering", "knowledge", 2.8, "trondelag-2019 1.2 (12) "
                    "(basiskompetanse for alle ansatte)"),
            # 1.2 (12): implementation, "ikke fortsetter i gamle spor", gevinstrealisering
            # -> lacking
            Finding("digitalisering", "abilities", 2.4, "trondelag-2019 1.2 (12) "
                    "(implementering, gevinstrealisering)"),
            # 1.2 (12): ABC "Motiverende for ansatte"; "Tjenesten ønsker seg mer teknologi"
            Finding("digitalisering", "attitudes", 3.9, "trondelag-2019 1.2 (12) "
                    "(motiverende, ønsker mer teknologi)"),
            # 1.2 (12): "behov for å finne gode måter for å jobbe sammen i de forskjellige
            # tjenester (teknisk drift, brannvakt/responssenter, hjemmetjenester)"
            Finding("tverrfaglighet", "skills", 2.8, "trondelag-2019 1.2 (12) (jobbe sammen "
                    "på tvers av tjenester)"),
        ),
    ),
    # 8. A Drammen unit with a wide spread in digital competence.
    Profile(
        name="08-drammen-enhet-stort-strekk.json", document="drammen-2021",
        kind="unit", subject_id="drammen-enhet-helse",
        title="Enhet i helse og omsorg med stort strekk i laget digitalt",
        why="drammen-2021 Utfordringsbildet (stort strekk i laget i digital kompetanse, stor "
            "variasjonsbredde i digital modenhet; helse og omsorg står overfor store "
            "omstillinger)",
        sector="helse-og-velferd",
        findings=(
            # Utfordringsbildet: "stort strekk i laget" -> a wide spread around 3
            Finding("digitalisering", "knowledge", 3.15, "drammen-2021 Utfordringsbildet "
                    "(stort strekk i laget)", (0.10, 0.25, 0.25, 0.20, 0.20)),
            Finding("digitalisering", "skills", 3.05, "drammen-2021 Utfordringsbildet "
                    "(stort strekk i laget)", (0.15, 0.25, 0.20, 0.20, 0.20)),
        ),
    ),
    # 9. Drammen as a whole: competence overview and cooperation across sectors.
    Profile(
        name="09-drammen-kommune-samarbeid-pa-tvers.json", document="drammen-2021",
        kind="organisation", subject_id="drammen", title="Drammen kommune",
        why="drammen-2021 Utfordringsbildet (ikke fullstendig oversikt over "
            "kompetansekapitalen), Strategiens innsatsområder (på tvers av sektorer), "
            "Samarbeid og medvirkning",
        sectors=("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "teknisk",
                 "stab"),
        findings=(
            # Utfordringsbildet: "ikke fullstendig oversikt over kompetansekapitalen"
            Finding("strategisk-kompetanseledelse", "knowledge", 2.8, "drammen-2021 "
                    "Utfordringsbildet (ikke fullstendig oversikt)"),
            # Samarbeid og medvirkning: "krever ny kompetanse og nye erfaringer"
            Finding("samarbeid-og-medvirkning", "knowledge", 2.9, "drammen-2021 Samarbeid og "
                    "medvirkning (krever ny kompetanse)"),
            # Samarbeid og medvirkning: "vil kreve økt kompetanse i samhandling, medvirkning og
            # involvering"
            Finding("samarbeid-og-medvirkning", "skills", 2.8, "drammen-2021 Samarbeid og "
                    "medvirkning (krever økt kompetanse i samhandling)"),
        ),
    ),
    # 10. Kristiansand as a whole, with the measures the plan reports as done running.
    Profile(
        name="10-kristiansand-kommune-tiltak-i-gang.json", document="kristiansand-2023",
        kind="organisation", subject_id="kristiansand", title="Kristiansand kommune",
        why="kristiansand-2023 ch. 3: 3.1 veiledning vedtatt, 3.6 mal revidert, 3.7 "
            "permisjonsreglement revidert, 3.9 prosesskart oppdatert, 3.12 prosedyre revidert; "
            "the plan states no levels",
        sectors=("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "teknisk",
                 "stab"),
        running=("laeringsarena-veiledning", "utviklingssamtale-mal", "permisjonsreglement",
                 "prosesskart-rekruttering", "onboarding-offboarding"),
    ),
    # 11. A Kristiansand unit adopting a new system, with low belief in its own mastery.
    Profile(
        name="11-kristiansand-enhet-nytt-system-lav-mestringstro.json",
        document="kristiansand-2023",
        kind="unit", subject_id="kristiansand-enhet-nytt-system",
        title="Enhet i Helse og mestring som skal ta i bruk et nytt fagsystem",
        why="kristiansand-2023 5 Definisjoner (Digital kompetanse: holdninger en naturlig del; "
            "Verdier og holdninger: mestringstro), 3.5 Læring på arbeidsplassen",
        sector="helse-og-velferd",
        findings=(
            # 5 Definisjoner, Digital kompetanse: "Bruke nye systemer, bruke dem riktig" -> the
            # unit has not yet done it: needs to develop
            Finding("digitalisering", "skills", 2.8, "kristiansand-2023 5 Digital kompetanse "
                    "(bruke nye systemer)"),
            # 5 Verdier og holdninger (note 17): low "mestringstro", no "fleksibilitetsvilje" -> low
            Finding("digitalisering", "attitudes", 2.4, "kristiansand-2023 5 Verdier og "
                    "holdninger (mestringstro)"),
        ),
    ),
    # 12. Skilled workers in care with small positions and sick leave (network municipality).
    Profile(
        name="12-saman-om-pleie-og-omsorg-deltid-sykefravaer.json", document="saman-om-2013",
        kind="group", subject_id="fagarbeidere-pleie-og-omsorg",
        title="Fagarbeidere og helsefagarbeidere i pleie og omsorg",
        why="saman-om-2013 Målsettinger i programmet (SYKEFRAVÆR, HELTIDSKULTUR); Større "
            "stillinger reduserer rekrutteringsbehovet (fagarbeidere 68,8 %); Hva er uønsket "
            "deltid?",
        sector="helse-og-velferd", roles=("employee",),
        attributes={
            # Større stillinger: fagarbeidere (incl. helsefagarbeidere) 68.8 % in 2011
            "average_position_percent": 68.8,
            # Hva er uønsket deltid? / HELTIDSKULTUR: avskaffe ufrivillig deltid
            "involuntary_part_time": True,
            # SYKEFRAVÆR: etablere en nærværskultur og redusere sykefravær; Totalt sykefravær
            "high_sick_leave": True,
        },
        sectors=("helse-og-velferd", "region"),
    ),
    # 13. A regional council's project group with leaders and union representatives.
    Profile(
        name="13-saman-om-regionrad-prosjektgruppe.json", document="saman-om-2013",
        kind="group", subject_id="regionrad-prosjektgruppe",
        title="Partssammensatt prosjektgruppe i et regionråd i nettverket Kompetanse Nord",
        why="saman-om-2013 deltakerliste (Vesterålen regionråd, Fagforbundet), "
            "Prosessmål (Roller og partssamarbeid), Målsettinger: KOMPETANSE og REKRUTTERING",
        roles=("leader", "union-representative"),
        sectors=("region",),
        findings=(
            # Målsettinger: "Styrke kommunenes evne til strategisk kompetanseplanlegging"
            Finding("strategisk-kompetanseledelse", "abilities", 2.8, "saman-om-2013 "
                    "Målsettinger: KOMPETANSE og REKRUTTERING (styrke evne)"),
        ),
    ),
    # 14. Specialists whose competence is locked inside one unit (stated by who they are).
    Profile(
        name="14-bindal-spesialister-helse-og-oppvekst.json", document="bindal-2024",
        kind="group", subject_id="bindal-spesialister",
        title="Fastleger, kartleggere og vernepleiere i helse og oppvekst",
        why="bindal-2024 6.3.2 («innelukket» spesialkompetanse: fastleger, IPLOS og lese- og "
            "skrivekartlegging, vernepleiere); the survey gives no level for this group",
        roles=("specialist",),
        sectors=("helse-og-velferd", "oppvekst-og-kultur"),
    ),
)


def findings_markdown() -> str:
    """Every encoded figure with its source, one table per profile (FINDINGS.md)."""
    out = ["# Findings encoded in set 15", "",
           "Written by `write_profiles.py`; one table per profile.", ""]
    for p in PROFILES:
        out += [f"## {p.name} ({p.document})", "", f"{p.title}. {p.why}.", ""]
        facts = [f"kind `{p.kind}`"]
        if p.sector:
            facts.append(f"sector `{p.sector}`")
        if p.roles:
            facts.append("roles " + ", ".join(f"`{r}`" for r in p.roles))
        facts += [f"`{k}`: {json.dumps(v)}" for k, v in p.attributes.items()]
        if p.sectors:
            facts.append("context sectors " + ", ".join(f"`{s}`" for s in p.sectors))
        if p.running:
            facts.append("running " + ", ".join(f"`{m}`" for m in p.running))
        out += ["Who: " + "; ".join(facts) + ".", ""]
        if p.findings:
            out += ["| area | dimension | level | source |", "| --- | --- | --- | --- |"]
            out += [f"| {f.area} | {f.dimension} | {f.level} | {f.source} |"
                    for f in p.findings]
        else:
            out.append("No level: the document states none for this subject.")
        out.append("")
    return "\n".join(out)


def main(out: Path = HERE / "profiles", findings: Path | None = HERE / "FINDINGS.md") -> None:
    """Write every profile to OUT and, when given, the findings table to FINDINGS."""
    out.mkdir(parents=True, exist_ok=True)
    for p in PROFILES:
        text = json.dumps(p.to_json(), ensure_ascii=False, indent=2) + "\n"
        (out / p.name).write_text(text, encoding="utf-8")
    if findings is not None:
        findings.write_text(findings_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
    sys.exit(0)
