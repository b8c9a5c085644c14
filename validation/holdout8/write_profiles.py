"""Write the holdout8 validation profiles (validation/holdout8/profiles/*.json).

Held out and independent: written from the source documents in /work/shared/seeds/ by the
`holdout8` engineer without reading rules/, the rule guides or the other validation sets'
profiles and expectations, and committed before the default knowledge base was run on them.
Each level sits beside the finding and section it encodes and follows the scale in README.md
("How a finding becomes a level"). What a document does not state for the subject is left
out (unknown, not zero). Never edit these to make a rule fire.

Run: python validation/holdout8/write_profiles.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "profiles"


def level(value: float) -> dict[str, float]:
    """One stated level on the README scale (the documents give no distributions)."""
    return {"level": value}


def share(p: float) -> float:
    """README share rule: a share p of respondents who state the competence -> 1 + 4p."""
    return round(1 + 4 * p, 1)


def profile(kind: str, pid: str, name: str, *, sector: str | None = None,
            roles: list[str] | None = None, attributes: dict[str, Any] | None = None,
            competence: dict[str, Any] | None = None, respondents: int | None = None,
            sectors: list[str] | None = None) -> dict[str, Any]:
    """A tiltak.profile/1 document; context only where the document names sectors."""
    doc: dict[str, Any] = {
        "format": "tiltak.profile/1",
        "subject": {"kind": kind, "id": pid, "name": name, "sector": sector,
                    "roles": roles or [], "attributes": attributes or {}},
    }
    if respondents is not None:
        doc["respondents"] = respondents
    doc["competence"] = competence or {}
    if sectors:
        doc["context"] = {"sectors": sectors}
    return doc


PROFILES: dict[str, dict[str, Any]] = {
    # bindal-2024 6.1.3: a cross-disciplinary, cross-sector arena of employees, union
    # representatives and leaders that assesses and recommends technology. Its members are
    # Bindal employees; 5.1.1 finds little variation by sector, education or seniority, so
    # the organisation-wide digitalisation findings of 5.2.1 describe them too.
    "bindal-teknologivalg-arena": profile(
        "group", "teknologivalg-arena",
        "Arena for valg av teknologi (ansatte, tillitsvalgte og ledere)",
        roles=["employee", "union-representative", "leader"],
        competence={"digitalisering": {
            # 5.2.1: positive overall, only 2 of 97 think digitalisation is the wrong way
            "attitudes": level(4.0),
            # 5.2.1: 68 % use many digital services in daily life
            "skills": level(share(0.68)),
            # 5.2.1: "meget få" feel fit to lead digitalisation processes
            "abilities": level(1.5),
        }}),
    # bindal-2024 5.3.1: 18 % of respondents have leader tasks now and want to develop more
    # (leadership skills). Nothing else is stated for this group.
    "bindal-ledere-vil-utvikle": profile(
        "group", "ledere-vil-utvikle",
        "Ledere som har lederoppgaver og vil utvikle flere ferdigheter (18 %)",
        roles=["leader"],
        competence={"ledelse": {
            # 5.3.1: they want to take part in developing more skills -> positive attitude
            "attitudes": level(4.0),
        }}),
    # bindal-2024 5.4.1 / Figure 5: 37 % (35 employees) have cross-disciplinary skills that
    # let them help others. The group is defined by that answer.
    "bindal-tverrfaglige-ressurser": profile(
        "group", "tverrfaglige-ressurser",
        "Ansatte med tverrfaglige ferdigheter som kan hjelpe andre (35 ansatte)",
        roles=["employee"], respondents=35,
        competence={"tverrfaglighet": {
            # Figure 5: their stated skills let them help others (README: 4.0)
            "skills": level(4.0),
        }}),
    # bindal-2024 4.1.3: Kystriket IKT, an inter-municipal partnership of five municipalities
    # for IT services; its agreement says "we shall have the right competence and sufficient
    # resources", and Bindal is bound to contribute competence. No survey of the region.
    "bindal-kystriket-ikt": profile(
        "region", "kystriket-ikt",
        "Kystriket IKT (Bindal, Brønnøy, Sømna, Vega, Vevelstad)",
        sectors=["region"]),
    # trondelag-2019 1.2 (4) (SINTEF for LO, 2017): employees are mainly positive to
    # digital technology; a third do not experience participation when new technology is
    # introduced. A unit introducing new technology.
    "trondelag-enhet-ny-teknologi": profile(
        "unit", "enhet-ny-teknologi", "Enhet som innfører ny digital teknologi",
        competence={"digitalisering": {
            # 1.2 (4): "i hovedsak positive til digitalisering"
            "attitudes": level(4.0),
        }}),
    # trondelag-2019 1.2 (5) Arbeidsgivermonitoren: a great need to develop abilities in
    # innovation, cooperation and learning/change; the great majority see the same
    # challenges among leaders as among employees. 66 % say digitalisation is to a great
    # extent prioritised by the political and administrative leadership.
    "trondelag-ledere-innovasjon-samhandling": profile(
        "group", "ledere-innovasjon-samhandling",
        "Ledere i en trøndersk kommune (behov for innovasjon og samhandling)",
        roles=["leader"],
        competence={
            "innovasjon": {"abilities": level(2.0)},                # "stort behov"
            "samarbeid-og-medvirkning": {"abilities": level(2.0)},  # "stort behov" (samhandling)
            "laerende-organisasjon": {"abilities": level(2.0)},     # "stort behov" (læring)
            "digitalisering": {"attitudes": level(share(0.66))},    # 66 % prioritise highly
        }),
    # trondelag-2019 1.2 (6) IT i praksis 2018: lacking competence is a growing challenge,
    # smaller municipalities have an extra large challenge; 1.2 (11): smaller municipalities
    # may have little strategic capacity. Every municipality takes part through a region (ch 3).
    "trondelag-liten-kommune-kapasitet": profile(
        "organisation", "liten-kommune", "Liten kommune i Trøndelag",
        competence={
            "digitalisering": {"abilities": level(2.0)},                # "manglende kompetanse"
            "strategisk-kompetanseledelse": {"abilities": level(2.0)},  # "liten strategisk
                                                                        # kapasitet"
        },
        sectors=["region"]),
    # trondelag-2019 ch. 3 (Nivå 1, 2) and ch. 5 (Koordinering av regionene): a contact point
    # in each region who carries information to and from the project lead.
    "trondelag-regionkontakt": profile(
        "employee", "regionkontakt", "Kontaktpunkt for Kompetanseløftet i en region",
        attributes={"contact_point": "region"}),
    # kristiansand-2023 ch. 4 (Medbestemmelsesgruppe) and 2 Kompetansemobilisering: the
    # co-determination group works preventively with the working environment, follows up
    # 10-faktor, where use of competence is one of the measured factors.
    "kristiansand-medbestemmelsesgruppe": profile(
        "group", "medbestemmelsesgruppe", "Medbestemmelsesgruppe i en enhet",
        roles=["leader", "union-representative", "safety-representative"]),
    # kristiansand-2023 2 Alle skal med: those with high education and full positions take
    # part more in learning at work than others; part-time employees take part less.
    "kristiansand-deltidsansatte": profile(
        "group", "deltidsansatte", "Ansatte i deltidsstillinger",
        roles=["employee"],
        attributes={"part_time": True, "low_learning_participation": True}),
    # drammen-2021 Strategisk kompetanseledelse, Den lærende organisasjon, Digitalisering:
    # goals addressed to every leader and every virksomhet (unit) and its leader.
    "drammen-virksomhetsledere": profile(
        "group", "virksomhetsledere", "Virksomhetsledere i Drammen kommune",
        roles=["middle-leader"]),
    # drammen-2021 Utfordringsbildet: some service areas have a share of employees without
    # relevant formal competence; the municipality lacks a full overview of its competence.
    "drammen-omrade-uten-formell-kompetanse": profile(
        "sector", "omrade-uten-formell-kompetanse",
        "Virksomhetsområde med en andel ansatte uten relevant formell kompetanse",
        attributes={"share_without_relevant_formal_competence": True}),
    # saman-om-2013 "Større stillinger reduserer rekrutteringsbehovet": skilled workers
    # (incl. health workers) had an average position of 68.8 % in 2011; raising it to
    # 79.8 % by 2021 would remove the need to recruit over 8,000 more.
    "saman-om-fagarbeidere-stillingsstorrelse": profile(
        "group", "fagarbeidere", "Fagarbeidere (inkl. helsefagarbeidere)",
        roles=["employee"],
        attributes={"average_position_percent": 68.8}),
    # saman-om-2013 "Hvordan rekruttere nye medarbeidere?": potential in developing the
    # apprenticeship scheme as a recruitment scheme.
    "saman-om-laerling": profile(
        "employee", "laerling", "Lærling i kommunen", roles=["apprentice"]),
}


def main() -> None:
    """Write every profile as sorted, indented JSON."""
    OUT.mkdir(exist_ok=True)
    for name, doc in PROFILES.items():
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        (OUT / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
