"""Write held-out set 14 (roles and levels, issue #11) to profiles/*.json.

Each profile is a group, region or county that one of the five source documents describes,
typed as an HR adviser would type it when trying tiltak on that group. Every figure says
beside it which finding and section it encodes, and its level follows the level table in
README.md (fixed before this file was written). What a document does not state is absent.

Run: python validation/holdout14/write_profiles.py
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# bindal-2024 6.2.1: the management group holds the heads of helse og velferd, oppvekst og
# kultur, plan og utvikling, and the finance and HR heads (staff functions).
BINDAL_SECTORS = ("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab")


@dataclass(frozen=True)
class Finding:
    """One level a document states, with where it states it and in which words."""

    area: str
    dimension: str
    level: float
    source: str
    says: str


@dataclass(frozen=True)
class Profile:
    """One held-out subject: who it is and what its document found for it."""

    name: str
    document: str
    kind: str
    subject_id: str
    title: str
    roles: tuple[str, ...] = ()
    attributes: tuple[tuple[str, Any], ...] = ()
    respondents: int | None = None
    findings: tuple[Finding, ...] = ()
    sectors: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The profile in the tiltak.profile/1 format."""
        competence: dict[str, dict[str, dict[str, float]]] = {}
        for f in self.findings:
            competence.setdefault(f.area, {})[f.dimension] = {"level": f.level}
        data: dict[str, Any] = {
            "format": "tiltak.profile/1",
            "subject": {"kind": self.kind, "id": self.subject_id, "name": self.title,
                        "sector": None, "roles": list(self.roles),
                        "attributes": dict(self.attributes)},
        }
        if self.respondents is not None:
            data["respondents"] = self.respondents
        data["competence"] = competence
        if self.sectors:
            data["context"] = {"sectors": list(self.sectors)}
        return data


PROFILES: tuple[Profile, ...] = (
    # --- bindal-2024 -------------------------------------------------------------------
    Profile(
        name="bindal-lederforum", document="bindal-2024", kind="group",
        subject_id="bindal-lederforum",
        title="Lederforum: kommunedirektør, sektorledere og enhetsledere",
        # 2.1 footnote 1 and 6.2.2: chief executive, heads of sector, HR and finance heads,
        # and the heads of the four largest units (institution, home care, kindergartens,
        # school).
        roles=("top-leader", "sector-leader", "middle-leader"),
        findings=(
            Finding("ledelse", "skills", 2.3, "bindal-2024 5.1.2; 6.2.4 mål 3",
                    "ganske få som føler de har gode ferdigheter og samtidig har "
                    "lederoppgaver; forsterke den enkelte leders ferdigheter i "
                    "prosessledelse (word 'få' -> 2.3)"),
            Finding("ledelse", "abilities", 2.9, "bindal-2024 6.2.4 mål 4",
                    "styrke administrasjonens evne til å lede utviklingsprosesser og "
                    "utredninger (word 'styrke' -> 2.9)"),
        ),
        sectors=BINDAL_SECTORS,
    ),
    Profile(
        name="bindal-systemroller", document="bindal-2024", kind="group",
        subject_id="bindal-systemroller",
        title="Systemeiere, systemansvarlige, systemadministratorer og superbrukere",
        # 6.1.5 names the four roles. The survey (ch. 5) is not broken down by role; 5.1.1
        # says answers hardly vary by sector, education or seniority, so the organisation's
        # digitalisation findings are typed for this group as an adviser would.
        roles=("system-owner", "system-responsible", "system-administrator", "superuser"),
        findings=(
            Finding("digitalisering", "knowledge", 3.6, "bindal-2024 5.1.2",
                    "ganske mye kunnskap (words 'ganske mye' -> 3.6)"),
            Finding("digitalisering", "skills", 3.9, "bindal-2024 5.2.1",
                    "gode ferdigheter; 68 % bruker mange digitale tjenester "
                    "(word 'gode' -> 3.9; share 68 % -> 3.9)"),
            Finding("digitalisering", "abilities", 2.1, "bindal-2024 5.2.1",
                    "meget få som føler seg skikket til å lede digitaliseringsprosesser "
                    "(words 'meget få' -> 2.1)"),
            Finding("digitalisering", "attitudes", 4.1, "bindal-2024 5.2.1",
                    "offensiv holdning; kun 2 respondenter mener digitalisering er feil vei "
                    "(positive attitude -> 4.1)"),
        ),
        sectors=BINDAL_SECTORS,
    ),
    Profile(
        name="bindal-lederemner", document="bindal-2024", kind="group",
        subject_id="bindal-lederemner",
        title="Ansatte med evner innen ledelse, men uten lederoppgaver",
        # 5.3.1: 43 % of the 97 respondents (about 42 people) say they have leadership
        # abilities but no leader tasks now. Whether this group wants leader tasks is not
        # stated (13 % of all respondents could imagine them, figure 4), so no attribute.
        roles=("leader-candidate",),
        respondents=42,
        findings=(
            Finding("ledelse", "abilities", 3.9, "bindal-2024 5.3.1",
                    "43 % svarer at de har evner innen ledelse, men har ingen "
                    "lederoppgaver nå (the group is those who say they have them: 'har' "
                    "-> 3.9)"),
        ),
        sectors=BINDAL_SECTORS,
    ),
    # --- kristiansand-2023 -------------------------------------------------------------
    Profile(
        name="kristiansand-kommunalsjefer", document="kristiansand-2023", kind="group",
        subject_id="kristiansand-kommunalsjefer",
        title="Kommunalsjefer (ledere på nivå 2)",
        # 2 Leders rolle: "ledere på nivå 1 og 2" lead strategically across areas; in the
        # roles table (ch. 4) that is the direktør (the municipality's future competence
        # needs) and the kommunalsjef ("strategisk utvikling og ledelse av kommunen"), so
        # level 2 is the kommunalsjefer. 3.5: the digital programme for level 1 is done,
        # level 2 (with key resources) is next. The catalogue's middle-leader names them.
        roles=("middle-leader",),
        findings=(
            Finding("digitalisering", "abilities", 2.9, "kristiansand-2023 2 Digital kompetanse",
                    "behovet kommunen har for å jobbe med sine organisatoriske evner til "
                    "digital transformasjon (a need to develop -> 2.9)"),
        ),
    ),
    Profile(
        name="kristiansand-enhetsledere", document="kristiansand-2023", kind="group",
        subject_id="kristiansand-enhetsledere",
        title="Enhetsledere",
        # 4 Roller og ansvar (Enhetsleder) and 2 Leders rolle på arbeidsplassen give tasks;
        # the only stated need is the organisation's digital one, which 3.5 answers for
        # "øvrige ledernivå" with area-adapted programmes.
        roles=("middle-leader",),
        findings=(
            Finding("digitalisering", "abilities", 2.9, "kristiansand-2023 2 Digital kompetanse",
                    "behovet kommunen har for å jobbe med sine organisatoriske evner til "
                    "digital transformasjon (a need to develop -> 2.9)"),
        ),
    ),
    Profile(
        name="kristiansand-nye-ledere", document="kristiansand-2023", kind="group",
        subject_id="kristiansand-nye-ledere",
        title="Nyansatte ledere",
        # 3.4 and 3.10 name newly appointed leaders; no level is stated: who-only.
        roles=("leader", "new-employee"),
    ),
    Profile(
        name="kristiansand-tillitsvalgte", document="kristiansand-2023", kind="group",
        subject_id="kristiansand-tillitsvalgte",
        title="Tillitsvalgte",
        # 4 Roller og ansvar (Tillitsvalgte), 2 Digital kompetanse, 2 Kompetanserekruttering
        # give them roles, no level: who-only.
        roles=("union-representative",),
    ),
    Profile(
        name="kristiansand-nokkelressurser", document="kristiansand-2023", kind="group",
        subject_id="kristiansand-nokkelressurser",
        title="Nøkkelressurser for digitalisering",
        roles=("key-resource",),
        findings=(
            Finding("digitalisering", "knowledge", 2.9, "kristiansand-2023 3.5",
                    "nøkkelressurser og relevante fagmiljø må styrkes spesifikt med "
                    "kunnskap om arkitektur, integrasjon, utvikling og sikkerhet "
                    "(words 'må styrkes' -> 2.9)"),
        ),
    ),
    Profile(
        name="kristiansand-nyansatte-og-laerlinger", document="kristiansand-2023",
        kind="group", subject_id="kristiansand-nyansatte-og-laerlinger",
        title="Nyansatte, lærlinger og trainees",
        # 3.12 (onboarding) and 2 Kompetanserekruttering (apprentices, trainees, placements)
        # name them; no level is stated: who-only.
        roles=("new-employee", "apprentice"),
    ),
    # --- trondelag-2019 ----------------------------------------------------------------
    Profile(
        name="trondelag-fylket", document="trondelag-2019", kind="county",
        subject_id="trondelag-fylket",
        title="Kommunene i Trøndelag samlet (nivå 1)",
        # ch. 3 Nivå 1: "Kommunene samlet i fylket". The background figures the study builds
        # on (1.2 (5), KS' employer monitor) are shares of municipalities, read through the
        # words (README level table).
        findings=(
            Finding("digitalisering", "skills", 2.7, "trondelag-2019 1.2 (5)",
                    "88 prosent av kommunene opplever i stor grad behov for å utvikle "
                    "IKT-ferdigheter/digital kompetanse blant medarbeiderne "
                    "(words 'i stor grad behov' -> 2.7)"),
            Finding("innovasjon", "abilities", 2.7, "trondelag-2019 1.2 (5)",
                    "stort behov for å utvikle evner og kompetanser innen innovasjon "
                    "(-> 2.7)"),
            Finding("samarbeid-og-medvirkning", "abilities", 2.7, "trondelag-2019 1.2 (5)",
                    "stort behov for å utvikle evner innen samhandling (-> 2.7)"),
            Finding("laerende-organisasjon", "abilities", 2.7, "trondelag-2019 1.2 (5)",
                    "stort behov for å utvikle evner innen læring/omstilling (-> 2.7)"),
            Finding("ledelse", "abilities", 2.9, "trondelag-2019 1.2 (5)",
                    "også blant ledere er det behov for å utvikle ulike evner og "
                    "tverrfaglige kompetanser (word 'behov' -> 2.9)"),
        ),
    ),
    Profile(
        name="trondelag-region", document="trondelag-2019", kind="region",
        subject_id="namdalsregionen",
        title="Namdalsregionen: kommunene i regionen (nivå 2)",
        # ch. 3 Nivå 2 and the proposed division into regions; the region takes part in the
        # regional competence lift, so 'region' is in its context (docs/profile.md).
        findings=(
            Finding("samarbeid-og-medvirkning", "attitudes", 4.1, "trondelag-2019 1.2 (14)",
                    "de aller fleste ønsker felles opplæring og samarbeid med andre "
                    "kommuner/regioner (positive attitude -> 4.1)"),
            Finding("ledelse", "knowledge", 2.9, "trondelag-2019 1.2 (12)",
                    "organisasjonsutvikling og endringsledelse: de fleste nevner at dette er "
                    "områder de også trenger mer kompetanse på (-> 2.9)"),
            Finding("innovasjon", "knowledge", 2.9, "trondelag-2019 1.2 (12)",
                    "tjenestedesign og tjenesteutvikling: trenger mer kompetanse (-> 2.9)"),
            Finding("digitalisering", "abilities", 2.9, "trondelag-2019 1.3 (7)",
                    "mange norske kommuner er ennå ikke modne for å ta i bruk nye "
                    "teknologier, og trenger støtte i en krevende omstillingsprosess "
                    "(a need to develop -> 2.9)"),
        ),
        sectors=("region",),
    ),
    Profile(
        name="trondelag-folkevalgte", document="trondelag-2019", kind="group",
        subject_id="trondelag-folkevalgte",
        title="Folkevalgte i kommunestyret",
        roles=("politician",),
        findings=(
            Finding("digitalisering", "knowledge", 2.3, "trondelag-2019 1.2 (14)",
                    "det er mangelfull kompetanse blant politikere i forhold til hva som "
                    "kreves for å få til digital transformasjon; politikere mangler "
                    "forståelse for innsatsen og ressursene som kreves "
                    "(word 'mangelfull' -> 2.3)"),
        ),
    ),
    # --- drammen-2021 ------------------------------------------------------------------
    Profile(
        name="drammen-ledere", document="drammen-2021", kind="group",
        subject_id="drammen-ledere",
        title="Alle ledere i Drammen kommune",
        roles=("leader",),
        findings=(
            Finding("strategisk-kompetanseledelse", "knowledge", 2.9,
                    "drammen-2021 Utfordringsbildet; Strategisk kompetanseledelse",
                    "kommunen har per i dag ikke fullstendig oversikt over "
                    "kompetansekapitalen; mål: alle ledere er kompetente i strategisk "
                    "kompetanseledelse (incomplete, to be developed -> 2.9)"),
        ),
    ),
    # --- saman-om-2013 -----------------------------------------------------------------
    Profile(
        name="saman-om-hr", document="saman-om-2013", kind="group",
        subject_id="saman-om-hr",
        title="HR i en nettverkskommune (Fra personal til HR)",
        roles=("hr-adviser",),
        findings=(
            Finding("strategisk-kompetanseledelse", "abilities", 2.9,
                    "saman-om-2013 Målsettinger i programmet: Kompetanse og rekruttering",
                    "styrke kommunenes evne til strategisk kompetanseplanlegging "
                    "(word 'styrke' -> 2.9)"),
        ),
    ),
)


def main(out: Path = HERE / "profiles") -> None:
    """Write every profile to OUT/NAME.json (UTF-8, sorted as listed, trailing newline)."""
    out.mkdir(parents=True, exist_ok=True)
    for profile in PROFILES:
        text = json.dumps(profile.to_json(), indent=2, ensure_ascii=False) + "\n"
        (out / f"{profile.name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
