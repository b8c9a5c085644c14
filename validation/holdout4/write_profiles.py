"""Write the holdout4 profiles (tiltak.profile/1) from the source documents' own findings.

Each level follows the fixed convention in README.md ("How a finding becomes a level"); a
dimension the document says nothing about is left out. Run: python write_profiles.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BINDAL_SECTORS = ["helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling"]


def dim(level: float) -> dict[str, float]:
    """One dimension with only the level the convention gives (no invented distribution)."""
    return {"level": level}


PROFILES: dict[str, dict[str, Any]] = {
    # bindal-2024 5.4.1 (and 5.1.2): 47 % formal knowledge ("har kunnskap"), 37 % skills to
    # help others, only 7 % abilities to lead cross-disciplinary work, positive attitudes.
    "bindal-tverrfaglighet-organisasjon.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "organisation", "id": "bindal",
                    "name": "Bindal kommune (tverrfaglighet, kap. 5.4)",
                    "sector": None, "roles": [], "attributes": {}},
        "respondents": 97,
        "competence": {"tverrfaglighet": {"knowledge": dim(3.7), "skills": dim(3.0),
                                          "abilities": dim(1.8), "attitudes": dim(3.7)}},
        "context": {"sectors": BINDAL_SECTORS, "running_measures": ["bti-videreforing"],
                    "avoid_formats": []},
    },
    # bindal-2024 5.1.1 (little variation by sector) + 5.1.2 + 5.2.1: the sector answers as the
    # whole municipality does: "ganske mye kunnskap", "stor tro på egne ferdigheter" (68 %),
    # "meget få" feel able to lead digitalisation, "offensiv holdning" (2 of 97 against).
    "bindal-plan-og-utvikling-digital.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "sector", "id": "bindal-plan-og-utvikling",
                    "name": "Bindal kommune, sektor plan og utvikling (digitalisering)",
                    "sector": "plan-og-utvikling", "roles": [], "attributes": {}},
        "competence": {"digitalisering": {"knowledge": dim(3.7), "skills": dim(4.2),
                                          "abilities": dim(1.8), "attitudes": dim(4.2)}},
        "context": {"sectors": BINDAL_SECTORS, "running_measures": [], "avoid_formats": []},
    },
    # trondelag-2019 ch. 3 "Nivå" 1 (the municipalities together in the county); 1.2 (12)
    # Trøndelagsløftet: municipalities "begynner å ha erfaring ... trenger mer kompetanse";
    # 1.3 (7): "Mange ... ennå ikke modne", the Trøndelag municipalities "ønsker å bli gode".
    "trondelag-fylket.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "region", "id": "trondelag-fylke",
                    "name": "Kommunene i Trøndelag samlet (fylkesnivå)",
                    "sector": None, "roles": [], "attributes": {}},
        "competence": {"digitalisering": {"knowledge": dim(3.0), "abilities": dim(3.0),
                                          "attitudes": dim(3.7)}},
        "context": {"sectors": ["region"], "running_measures": [], "avoid_formats": []},
    },
    # trondelag-2019 1.2 (6) IT i praksis: 70 % of middle leaders do not get a good score from
    # their IT leaders ("de som faktisk skal gjennomføre dette i praksis"); 30 % good.
    "trondelag-mellomledere.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "group", "id": "trondelag-mellomledere",
                    "name": "Mellomledere i kommunene i Trøndelag",
                    "sector": None, "roles": ["middle-leader"], "attributes": {}},
        "competence": {"digitalisering": {"abilities": dim(2.4)}},
        "context": {"sectors": ["region"], "running_measures": [], "avoid_formats": []},
    },
    # kristiansand-2023 ch. 2 "Grunnleggende ferdigheter": employees who need support to attain
    # the basic skills (lacking); ch. 2 "Alle skal med": those with least education take part least.
    "kristiansand-grunnleggende-ferdigheter.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "group", "id": "kristiansand-grunnleggende",
                    "name": "Ansatte som trenger støtte til grunnleggende ferdigheter",
                    "sector": None, "roles": ["employee"], "attributes": {}},
        "competence": {"grunnleggende-ferdigheter": {"skills": dim(2.4)}},
    },
    # kristiansand-2023 ch. 2 "Leders rolle på arbeidsplassen" and ch. 4 "Roller og ansvar"
    # (Enhetsleder): the plan states their tasks, no survey levels.
    "kristiansand-enhetsledere.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "group", "id": "kristiansand-enhetsledere",
                    "name": "Enhetsledere i Kristiansand kommune",
                    "sector": None, "roles": ["middle-leader"], "attributes": {}},
    },
    # drammen-2021 "Samarbeid og medvirkning": the Drammensmodellen "vil kreve økt kompetanse i
    # samhandling, medvirkning og involvering"; the goals are set for "virksomhetene" (units).
    "drammen-virksomhet-medvirkning.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "unit", "id": "drammen-virksomhet",
                    "name": "En virksomhet i Drammen kommune (Drammensmodellen)",
                    "sector": None, "roles": [], "attributes": {}},
        "competence": {"samarbeid-og-medvirkning": {"knowledge": dim(3.0), "skills": dim(3.0)}},
    },
    # drammen-2021 "Utfordringsbildet": "ikke fullstendig oversikt over kompetansekapitalen",
    # "behovet for kunnskap om både formal- og realkompetanse".
    "drammen-kompetanseoversikt.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "organisation", "id": "drammen",
                    "name": "Drammen kommune (oversikt over kompetansekapitalen)",
                    "sector": None, "roles": [], "attributes": {}},
        "competence": {"strategisk-kompetanseledelse": {"knowledge": dim(3.0)}},
    },
    # saman-om-2013 "Hvordan utvikle og beholde medarbeidere?": informal, practice-near learning
    # "særlig viktig for eldre arbeidstakere". No levels.
    "saman-om-eldre-arbeidstakere.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "group", "id": "saman-om-eldre",
                    "name": "Eldre arbeidstakere",
                    "sector": None, "roles": ["employee"],
                    "attributes": {"age_group": "eldre"}},
    },
    # saman-om-2013 network gathering 3 (Brønnøysund 2013): the local project groups (parts
    # cooperation: administration, union representatives, HR) "fra prosjekt til drift". No levels.
    "saman-om-prosjektgruppe.json": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "group", "id": "saman-om-prosjektgruppe",
                    "name": "Lokal prosjektgruppe i «Saman om ein betre kommune»",
                    "sector": None,
                    "roles": ["leader", "union-representative", "hr-adviser"],
                    "attributes": {}},
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
