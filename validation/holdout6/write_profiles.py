"""Write the holdout6 profiles (validation/holdout6/profiles/*.json).

Each profile states who the subject is and, only where a source document gives numbers or clear
words, a level from the fixed mapping in README.md (words/shares -> levels). Nothing here was
looked up in rules/; the profiles and expected.yaml were committed before the first run.

Run: python validation/holdout6/write_profiles.py [OUT_DIR]
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# The fixed mapping declared in README.md before the first run.
VERY_FEW = 1.8      # "meget få", "kun N %" with N <= 10 %
FEW = 2.3           # "få", 11-30 %; or "stort behov for å utvikle" reported by most
RATHER_FEW = 2.8    # "ganske få", a minority, 31-45 %
ABOUT_HALF = 3.2    # about half, mixed, 46-60 %
MANY = 3.9          # "mange", "ganske mye", "stor tro på", 61-80 %
NEARLY_ALL = 4.4    # "nesten alle", "overveiende", only a handful dissent, > 80 %


@dataclass(frozen=True)
class Profile:
    """One held-out profile: who the subject is and what its document found."""

    name: str
    kind: str
    id: str
    title: str
    sector: str | None = None
    roles: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)
    respondents: int | None = None
    competence: dict[str, dict[str, float]] = field(default_factory=dict)
    sectors: tuple[str, ...] = ()

    def document(self) -> dict[str, Any]:
        """The tiltak.profile/1 document for this profile."""
        doc: dict[str, Any] = {
            "format": "tiltak.profile/1",
            "subject": {"kind": self.kind, "id": self.id, "name": self.title,
                        "sector": self.sector, "roles": list(self.roles),
                        "attributes": dict(self.attributes)},
        }
        if self.respondents is not None:
            doc["respondents"] = self.respondents
        doc["competence"] = {area: {dim: {"level": level} for dim, level in dims.items()}
                             for area, dims in self.competence.items()}
        doc["context"] = {"sectors": list(self.sectors), "running_measures": [],
                          "budget_nok": None, "capacity_hours": None, "avoid_formats": []}
        return doc


# bindal-2024 5.1.1-5.2.1: the digitalisation finding for the whole survey, which 5.1.1 says
# hardly varies by sector or seniority (and refutes that older employees are more negative).
BINDAL_DIGITAL = {
    "knowledge": MANY,        # 5.1.2 "ganske mye kunnskap"
    "skills": MANY,           # 5.2.1 "stor tro på egne ferdigheter"; 68 % use many services
    "abilities": VERY_FEW,    # 5.2.1 "meget få som føler seg skikket til å lede"
    "attitudes": NEARLY_ALL,  # 5.2.1 positive overall, only 2 respondents say wrong way
}

PROFILES: tuple[Profile, ...] = (
    Profile("bindal-stab-digitalisering.json", "sector", "bindal-stab", "Stab (Bindal)",
            sector="stab", competence={"digitalisering": dict(BINDAL_DIGITAL)}),
    Profile("bindal-eldre-ansatte-digitalisering.json", "group", "bindal-eldre",
            "Ansatte med mer enn 10 års ansiennitet (Bindal)", roles=("employee",),
            attributes={"age_group": "eldre", "seniority_years": 10},
            competence={"digitalisering": dict(BINDAL_DIGITAL)}),
    Profile("bindal-systemeier.json", "employee", "bindal-systemeier",
            "Systemeier for et fagsystem (Bindal)", roles=("system-owner",)),
    Profile("bindal-superbrukere.json", "group", "bindal-superbrukere",
            "Superbrukere (Bindal)", roles=("superuser",)),
    Profile("kristiansand-direktor.json", "employee", "kristiansand-direktor",
            "Direktør for et område (Kristiansand)", roles=("leader", "top-leader")),
    Profile("kristiansand-rekrutteringsteam.json", "group", "kristiansand-rekruttering",
            "Rekrutteringsteamet (Kristiansand)", sector="stab", roles=("hr-adviser",)),
    Profile("kristiansand-enhet-digital-laering.json", "unit", "kristiansand-enhet",
            "En enhet i oppvekst (Kristiansand)", sector="oppvekst-og-kultur",
            roles=("employee",)),
    Profile("drammen-sentral-hr.json", "group", "drammen-hr", "Sentral HR (Drammen)",
            sector="stab", roles=("hr-adviser",)),
    Profile("drammen-programomrade-helse.json", "sector", "drammen-helse",
            "Programområde helse og omsorg (Drammen)", sector="helse-og-velferd"),
    Profile("trondelag-kommune-breddebehov.json", "organisation", "trondelag-kommune",
            "En kommune i Trøndelag", sectors=("region",),
            competence={"digitalisering": {"skills": FEW},
                        "innovasjon": {"abilities": FEW},
                        "samarbeid-og-medvirkning": {"abilities": FEW},
                        "laerende-organisasjon": {"abilities": FEW}}),
    Profile("trondelag-ansattgruppe-eget-prosjekt.json", "group", "trondelag-ansatte",
            "En gruppe ansatte med eget kompetanseprosjekt (Trøndelag)", roles=("employee",)),
    Profile("saman-om-personal-til-hr.json", "group", "saman-om-hr",
            "Personal- og HR-avdelingen (Saman om)", sector="stab", roles=("hr-adviser",)),
    Profile("saman-om-innovasjon-kommune.json", "organisation", "saman-om-kommune",
            "En kommune i Saman om-nettverket med innovasjonsprosjekt"),
)


def main(out: Path = HERE / "profiles") -> None:
    """Write every profile as indented JSON with a trailing newline."""
    out.mkdir(parents=True, exist_ok=True)
    for profile in PROFILES:
        text = json.dumps(profile.document(), ensure_ascii=False, indent=2) + "\n"
        (out / profile.name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "profiles")
