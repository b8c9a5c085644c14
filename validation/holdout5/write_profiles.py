"""Write the holdout5 profiles (tiltak.profile/1) from the source documents' own findings.

Every level follows the fixed mapping in README.md ("How a finding becomes a level"), declared
before the first run; a dimension the document says nothing about is left out, and so is every
distribution (no document's text gives all five shares). Run: python write_profiles.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BINDAL_SECTORS = ["helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling"]

# The declared mapping (README.md): share of respondents stated by the document -> level.
FEW = 2.4        # "få", "ganske få", 11-30 %
VERY_FEW = 1.8   # "meget få", "kun", 0-10 %
MIDDLE = 3.0     # "potensiale", "stort strekk", 31-50 %
MANY = 3.7       # "mange", "ganske mye", 51-70 %
MOST = 4.2       # "hele", "offensiv", "stor", over 70 %


def dim(level: float) -> dict[str, float]:
    """One dimension with only the level the mapping gives (no invented distribution)."""
    return {"level": level}


def subject(kind: str, ident: str, name: str, sector: str | None = None,
            roles: list[str] | None = None) -> dict[str, Any]:
    """The subject block: who the profile is about."""
    return {"kind": kind, "id": ident, "name": name, "sector": sector,
            "roles": roles or [], "attributes": {}}


PROFILES: dict[str, dict[str, Any]] = {
    # bindal-2024 5.3.1 + 5.1.2 (leadership): 61 % say leadership matters (attitudes); 43 % report
    # leadership abilities without leader tasks; 18 % have leader tasks and want to develop
    # more, "ganske få" have good skills and leader tasks (skills); "potensiale" in knowledge.
    "bindal-ledelse-organisasjon.json": {
        "format": "tiltak.profile/1",
        "subject": subject("organisation", "bindal", "Bindal kommune (ledelse, kap. 5.3)"),
        "respondents": 97,
        "competence": {"ledelse": {"knowledge": dim(MIDDLE), "skills": dim(FEW),
                                   "abilities": dim(MIDDLE), "attitudes": dim(MANY)}},
        "context": {"sectors": BINDAL_SECTORS, "running_measures": [], "avoid_formats": []},
    },
    # bindal-2024 6.1.8 (a unit taking a new, intuitive solution into use) with 5.1.1 (units and
    # sectors answer as the whole municipality) and 5.2.1/5.1.2: offensive attitudes (2 of 97
    # against), 68 % use many digital services, "meget få" able to lead, "ganske mye kunnskap".
    "bindal-enhet-ny-losning.json": {
        "format": "tiltak.profile/1",
        "subject": subject("unit", "bindal-enhet-ny-losning",
                           "Enhet i Bindal kommune som tar i bruk en ny løsning (6.1.8)"),
        "competence": {"digitalisering": {"knowledge": dim(MANY), "skills": dim(MANY),
                                          "abilities": dim(VERY_FEW), "attitudes": dim(MOST)}},
        "context": {"sectors": BINDAL_SECTORS, "running_measures": [], "avoid_formats": []},
    },
    # bindal-2024 2.2.2 + 2.2.3: the political leadership must prioritise the work, be visible,
    # give visions, goals and resources; the plan is treated politically and funded. No levels.
    "bindal-politisk-ledelse.json": {
        "format": "tiltak.profile/1",
        "subject": subject("group", "bindal-politisk-ledelse",
                           "Politisk ledelse i Bindal kommune", roles=["politician"]),
    },
    # trondelag-2019 5 (Ekspertteam, Kommuneutvikling, Verktøy 1-2): the regional expert teams,
    # mentors who need tools, methods and material. Who the subject is only; no levels.
    "trondelag-ekspertteam.json": {
        "format": "tiltak.profile/1",
        "subject": subject("group", "trondelag-ekspertteam",
                           "Regionalt ekspertteam i digital transformasjon",
                           roles=["expert-team-member"]),
        "context": {"sectors": ["region"], "running_measures": [], "avoid_formats": []},
    },
    # trondelag-2019 1.2 (6) IT i praksis: 42 % of IT leaders find the top leaders' competence
    # level in digitalisation work good (60 % not good) -> abilities, 31-50 % band.
    "trondelag-toppledere.json": {
        "format": "tiltak.profile/1",
        "subject": subject("group", "trondelag-toppledere",
                           "Toppledere i kommunene i Trøndelag", roles=["top-leader"]),
        "competence": {"digitalisering": {"abilities": dim(MIDDLE)}},
        "context": {"sectors": ["region"], "running_measures": [], "avoid_formats": []},
    },
    # drammen-2021 Utfordringsbildet: "et stort strekk i laget når det gjelder digital
    # kompetanse" -> skills, "stort strekk" = MIDDLE. Nothing else is stated as a level.
    "drammen-digital-strekk.json": {
        "format": "tiltak.profile/1",
        "subject": subject("organisation", "drammen", "Drammen kommune (digital kompetanse)"),
        "competence": {"digitalisering": {"skills": dim(MIDDLE)}},
    },
    # drammen-2021 Innledning + strategic goals: one employee; the strategy states what every
    # employee should have and take part in. Who the subject is only; no levels.
    "drammen-medarbeider.json": {
        "format": "tiltak.profile/1",
        "subject": subject("employee", "drammen-medarbeider", "Medarbeider i Drammen kommune"),
    },
    # kristiansand-2023 4 Roller og ansvar (Organisasjon v/ HR). Who the subject is only.
    "kristiansand-hr.json": {
        "format": "tiltak.profile/1",
        "subject": subject("group", "kristiansand-hr", "Organisasjon v/ HR, Kristiansand kommune",
                           roles=["hr-adviser"]),
    },
    # kristiansand-2023 2 and 3.3: an area (Helse og mestring, where the competence tool is
    # piloted) that must make its own competence plans. Who the subject is only.
    "kristiansand-helse-og-mestring.json": {
        "format": "tiltak.profile/1",
        "subject": subject("sector", "kristiansand-helse-og-mestring",
                           "Området Helse og mestring, Kristiansand kommune",
                           sector="helse-og-velferd"),
    },
    # kristiansand-2023 4 Roller og ansvar (Tillitsvalgte) and 2 Kompetanserekruttering.
    "kristiansand-tillitsvalgte.json": {
        "format": "tiltak.profile/1",
        "subject": subject("group", "kristiansand-tillitsvalgte",
                           "Tillitsvalgte i Kristiansand kommune",
                           roles=["union-representative"]),
    },
    # kristiansand-2023 3.12 and 2 Kompetanserekruttering (phase 7, onboarding): a new employee.
    "kristiansand-nyansatt.json": {
        "format": "tiltak.profile/1",
        "subject": subject("employee", "kristiansand-nyansatt", "Nyansatt i Kristiansand kommune",
                           roles=["new-employee"]),
    },
    # saman-om-2013 "Fra personal til HR", "Tidsstyringsmatrise", "Viktige læringsvilkår":
    # leaders in a participating municipality. Who the subject is only.
    "saman-om-ledere.json": {
        "format": "tiltak.profile/1",
        "subject": subject("group", "saman-om-ledere",
                           "Ledere i en kommune i «Saman om ein betre kommune»",
                           roles=["leader"]),
    },
    # saman-om-2013 participant list (Vesterålen regionråd) and "Mål for nettverkssamlingene":
    # a regional council taking part in the network on competence and recruitment.
    "saman-om-regionrad.json": {
        "format": "tiltak.profile/1",
        "subject": subject("region", "saman-om-regionrad",
                           "Regionråd i nettverket Kompetanse Nord"),
        "context": {"sectors": ["region"], "running_measures": [], "avoid_formats": []},
    },
}


def main(out: Path = HERE / "profiles") -> None:
    """Write every profile into OUT as indented JSON with a final newline."""
    out.mkdir(parents=True, exist_ok=True)
    for name, profile in PROFILES.items():
        (out / name).write_text(
            json.dumps(profile, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
