"""Write the holdout7 validation profiles (validation/holdout7/profiles/*.json).

Held out and independent: written from the source documents in /work/shared/seeds/ by the
`holdout7` engineer without reading rules/, the rule guides or the other validation sets'
profiles and expectations, and committed before the default knowledge base was run on them.
Every level is written beside the finding and section it encodes and follows the word/share
scale in README.md ("How a finding becomes a level"). Anything a document does not state for the
subject is left out (unknown, not zero). Do not edit these to make a rule fire.

Run: python validation/holdout7/write_profiles.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "profiles"


def level(value: float) -> dict[str, float]:
    """One stated level (the README scale); no distribution: the documents give none."""
    return {"level": value}


def profile(kind: str, pid: str, name: str, *, sector: str | None = None,
            roles: list[str] | None = None, attributes: dict[str, Any] | None = None,
            competence: dict[str, Any] | None = None,
            sectors: list[str] | None = None) -> dict[str, Any]:
    """A tiltak.profile/1 document; context only where the document names sectors."""
    doc: dict[str, Any] = {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": pid, "name": name, "sector": sector,
                    "roles": roles or [], "attributes": attributes or {}},
        "competence": competence or {},
    }
    if sectors:
        doc["context"] = {"sectors": sectors}
    return doc


PROFILES: dict[str, dict[str, Any]] = {
    # 1. bindal-2024: the employees (not leaders) and digitalisation, as the survey of 97
    #    employees found it (ch. 5; 5.1.1: little variation by sector, education or seniority).
    "bindal-ansatte-digitalisering": profile(
        "group", "bindal-ansatte", "Ansatte i en Bindal-lik kommune (digitalisering)",
        roles=["employee"],
        competence={"digitalisering": {
            # 5.2.1: "hele 68 % ... bruker mange digitale tjenester i egen hverdag" -> 56-70 %
            "skills": level(3.5),
            # 5.2.1: "meget få som føler seg skikket til å lede digitaliseringsprosesser"
            "abilities": level(1.5),
            # 5.2.1: 22 % decisive + 56 % more effective = 78 % in the top two -> 71-85 %;
            # only 2 respondents think digitalisation is the wrong way
            "attitudes": level(4.0),
        }}),

    # 2. bindal-2024: the people working with children and youth across the education and the
    #    health sectors (BTI, 4.3.1), for whom 6.3.1 proposes a cross-sector forum. Their own
    #    numbers are not given; 5.1.1 says answers vary little by sector, so the municipality's
    #    cross-disciplinary shares (5.4.1) are theirs.
    "bindal-barn-og-unge-tverrsektorielt": profile(
        "group", "bindal-barn-og-unge", "Ansatte i oppvekst og helse som arbeider med barn og unge",
        sectors=["oppvekst-og-kultur", "helse-og-velferd"],
        competence={"tverrfaglighet": {
            # 5.4.1: 47 % have formal knowledge of cross-disciplinary work -> 41-55 %
            "knowledge": level(3.0),
            # Figure 5: 37 % have skills that let them help others -> 26-40 %
            "skills": level(2.5),
            # 5.4.1: "kun 7 %" can lead more cross-disciplinary processes -> up to 10 %
            "abilities": level(1.5),
            # 5.4.1: 36 % decisive + "like mange" effective = 72 % in the top two -> 71-85 %
            "attitudes": level(4.0),
        }}),

    # 3. bindal-2024 6.3.2: employees with special competence that stays inside one unit or
    #    sector (GPs, social educators, those doing IPLOS or reading/writing assessments).
    #    No level is measured for them: who they are only.
    "bindal-spesialister": profile(
        "group", "bindal-spesialister", "Spesialister (fastleger, vernepleiere, kartleggere)",
        roles=["specialist"],
        sectors=["helse-og-velferd", "oppvekst-og-kultur"]),

    # 4. trondelag-2019 1.2 (1) "Interkommunale samarbeid": "rundt 1 av 4 ser ikke mulighetene
    #    eller gevinstene ved samarbeid". One municipality in that quarter.
    "trondelag-kommune-ser-ikke-samarbeid": profile(
        "organisation", "trondelag-kommune-samarbeid",
        "Trøndersk kommune som ikke ser gevinsten av interkommunalt samarbeid",
        competence={"samarbeid-og-medvirkning": {
            # "ser ikke mulighetene eller gevinstene" -> 2.0
            "attitudes": level(2.0),
        }}),

    # 5. trondelag-2019 1.2 (1) "Digital kompetanse 2": "manglende strategisk fokus samt
    #    manglende kontinuerlig oppfølging" are the largest obstacles to starting measures
    #    for digital competence.
    "trondelag-kommune-strategisk-fokus": profile(
        "organisation", "trondelag-kommune-strategi",
        "Trøndersk kommune uten strategisk fokus og oppfølging av digital kompetanse",
        competence={"strategisk-kompetanseledelse": {
            # the largest obstacle named -> 2.0 (planning and following through: abilities)
            "abilities": level(2.0),
        }}),

    # 6. trondelag-2019 1.2 (1) "Digital modenhet" / "Brukeren i sentrum": user involvement is
    #    where the sector "scorer dårligst"; obstacles: time, no established method and tools,
    #    and "mangel på kompetanse mht anvendelse av metodikk og verktøy".
    "trondelag-kommune-brukerinvolvering": profile(
        "organisation", "trondelag-kommune-brukere",
        "Trøndersk kommune som involverer brukerne lite i digitale tjenester",
        competence={"samarbeid-og-medvirkning": {
            # "scorer dårligst"; lacking competence in applying method and tools -> 2.0
            "skills": level(2.0),
        }}),

    # 7. trondelag-2019 1.2 (1) "Felles metodikk": "godt over halvparten ... i liten eller bare
    #    i noen grad bruker enhetlig metodikk for styring og gjennomføring av prosjekter".
    "trondelag-kommune-prosjektmetodikk": profile(
        "organisation", "trondelag-kommune-metodikk",
        "Trøndersk kommune uten enhetlig metodikk for digitaliseringsprosjekter",
        competence={"digitalisering": {
            # "i liten eller bare i noen grad" -> 2.5 (planning and carrying out: abilities)
            "abilities": level(2.5),
        }}),

    # 8. kristiansand-2023 ch. 4 roles table "Nærmeste leder" and ch. 2 "Leders rolle på
    #    arbeidsplassen". Roles only: the plan measures no level.
    "kristiansand-naermeste-leder": profile(
        "group", "kristiansand-naermeste-ledere", "Nærmeste ledere (personalansvar)",
        roles=["first-line-leader"]),

    # 9. kristiansand-2023 2 "Kompetansemobilisering": employees whose relevant competence is
    #    not in use. Who they are only (no level is measured).
    "kristiansand-ubrukt-kompetanse": profile(
        "group", "kristiansand-ubrukt-kompetanse", "Ansatte med kompetanse som ikke er i bruk",
        roles=["employee"], attributes={"competence_unused": True}),

    # 10. drammen-2021 "Digitalisering og teknologisk kompetanse" (strategic goal 3) and
    #     "Samarbeid og medvirkning": a unit (virksomhet) that is to strengthen the innovation
    #     competence digital transformation depends on. No level is measured.
    "drammen-virksomhet-innovasjon": profile(
        "unit", "drammen-virksomhet-innovasjon",
        "Virksomhet som skal styrke innovasjonskompetansen"),

    # 11. saman-om-2013 "Medledelse og trepartssamarbeid": the elected politicians, one of the
    #     three parties (politicians, union representatives, administration). Who they are only.
    "saman-om-politikere": profile(
        "group", "saman-om-politikere", "Folkevalgte i en Saman om-kommune",
        roles=["politician"]),

    # 12. saman-om-2013 "Hvordan utvikle og beholde medarbeidere?", "Viktige læringsvilkår"
    #     (Dalin) and "Tidsstyringsmatrise": a workplace that is to involve all its employees in
    #     ongoing learning. No level is measured.
    "saman-om-arbeidsplass-laering": profile(
        "unit", "saman-om-arbeidsplass", "Arbeidsplass som skal involvere alle i løpende læring"),
}


def main() -> None:
    """Write every profile as indented JSON in a fixed key order (deterministic)."""
    OUT.mkdir(exist_ok=True)
    for name, doc in PROFILES.items():
        (OUT / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")


if __name__ == "__main__":
    main()
