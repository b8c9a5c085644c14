"""Write the second set of held-out profiles (validation/holdout2/profiles) and FINDINGS.md.

Every number is a `Finding`: the document and section it comes from, and how the document's
words or shares were turned into answers on the 1-5 scale. The level is the mean of the
distribution, rounded half up to one decimal. FINDINGS.md lists the same data as a table, so
a reader can check each figure against the source without reading this file.

Written from the source documents (/work/shared/seeds) before reading rules/ or any other
validation profile; see README.md.

Run: python validation/holdout2/write_profiles.py
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# --- The word scale (validation/README.md "How a finding becomes a number") ----------------
# "few / lacking / very few": about half or more at 1-2.
VERY_FEW = (0.30, 0.35, 0.25, 0.07, 0.03)          # mean 2.2
LACKING = (0.25, 0.35, 0.25, 0.10, 0.05)           # mean 2.35 -> 2.4
# "needs to develop / must be strengthened / a need for": a quarter to a third at 1-2.
NEEDS_TO_DEVELOP = (0.12, 0.23, 0.35, 0.25, 0.05)  # mean 2.88 -> 2.9
# "a wide spread" (flat or two-humped).
WIDE_SPREAD = (0.20, 0.20, 0.15, 0.25, 0.20)       # mean 3.05 -> 3.1
# "positive / good / quite a lot".
POSITIVE = (0.02, 0.05, 0.18, 0.45, 0.30)          # mean 3.96 -> 4.0
QUITE_A_LOT = (0.02, 0.08, 0.22, 0.45, 0.23)       # mean 3.79 -> 3.8

BINDAL_SECTORS = ["helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab"]


@dataclass(frozen=True)
class Finding:
    """One encoded figure: where the document says it and how it became a distribution."""

    area: str
    dimension: str
    distribution: tuple[float, float, float, float, float]
    source: str
    how: str

    @property
    def level(self) -> float:
        """Mean of the distribution, rounded half up to one decimal."""
        mean = sum((i + 1) * share for i, share in enumerate(self.distribution))
        return float(Decimal(str(round(mean, 6))).quantize(Decimal("0.1"), ROUND_HALF_UP))


@dataclass(frozen=True)
class Profile:
    """One held-out profile: subject, findings, context and what was deliberately left out."""

    name: str
    written_from: str
    subject: dict[str, Any]
    findings: tuple[Finding, ...]
    context: dict[str, Any] = field(default_factory=dict)
    respondents: int | None = None
    not_encoded: str = ""


PROFILES: tuple[Profile, ...] = (
    Profile(
        name="bindal-oppvekst-og-kultur",
        written_from="bindal-2024 5.1.1, 5.1.2, 5.2.1, 5.3.1, 5.4.1; sector-specific text in "
                     "4.3, 4.3.1, 6.3.1, 6.3.2",
        subject={"kind": "sector", "id": "bindal-oppvekst-og-kultur",
                 "name": "Oppvekst og kultur, Bindal kommune", "sector": "oppvekst-og-kultur"},
        findings=(
            Finding("digitalisering", "knowledge", QUITE_A_LOT, "bindal-2024 5.1.2",
                    "'ganske mye kunnskap' in all three areas -> 'quite a lot' (3.8). 5.1.1: "
                    "little variation by sector, so the whole-survey findings apply to the "
                    "sector"),
            Finding("digitalisering", "skills", (0.03, 0.09, 0.20, 0.43, 0.25),
                    "bindal-2024 5.2.1",
                    "'gode ferdigheter', 68 % use many digital services -> 68 % at 4-5"),
            Finding("digitalisering", "abilities", VERY_FEW, "bindal-2024 5.2.1, 5.1.2",
                    "'meget få som føler seg skikket til å lede digitaliseringsprosesser' "
                    "(no share given) -> 'very few'"),
            Finding("digitalisering", "attitudes", (0.02, 0.05, 0.15, 0.56, 0.22),
                    "bindal-2024 5.2.1",
                    "22 % 'avgjørende' -> level 5, 56 % 'gjør arbeidsprosesser mer effektive' "
                    "-> level 4, 2 of 97 'feil vei å gå' -> 2 % at 1"),
            Finding("tverrfaglighet", "knowledge", (0.05, 0.15, 0.33, 0.32, 0.15),
                    "bindal-2024 5.4.1",
                    "47 % have formal knowledge from education or courses -> 47 % at 4-5"),
            Finding("tverrfaglighet", "skills", (0.06, 0.20, 0.37, 0.27, 0.10),
                    "bindal-2024 5.4.1, fig. 5",
                    "37 % have skills that let them help others -> 37 % at 4-5"),
            Finding("tverrfaglighet", "abilities", (0.35, 0.35, 0.23, 0.05, 0.02),
                    "bindal-2024 5.4.1",
                    "only 7 % have abilities to lead more cross-disciplinary processes -> 7 % "
                    "at 4-5, the rest mostly at 1-2 ('few')"),
            Finding("tverrfaglighet", "attitudes", (0.02, 0.06, 0.20, 0.36, 0.36),
                    "bindal-2024 5.4.1",
                    "36 % 'avgjørende viktig' -> 5 and 'like mange' find it effective -> 4"),
            Finding("ledelse", "abilities", (0.05, 0.17, 0.35, 0.30, 0.13),
                    "bindal-2024 5.3.1",
                    "43 % have leadership abilities but no leader tasks -> 43 % at 4-5"),
            Finding("ledelse", "attitudes", (0.03, 0.08, 0.28, 0.35, 0.26),
                    "bindal-2024 5.3.1",
                    "61 % say leadership is important -> 61 % at 4-5"),
        ),
        context={"sectors": BINDAL_SECTORS, "running_measures": ["bti-videreforing"]},
        not_encoded="Leadership skills: 5.3.1 says 'mange oppgir ... ferdigheter' while 5.1.2 "
                    "says 'ganske få' have good skills together with leader tasks; one number "
                    "cannot say both, so the dimension is left unknown. BTI is running (6.3: "
                    "'allerede etablerte ... BTI videreføres').",
    ),
    Profile(
        name="bindal-systemroller",
        written_from="bindal-2024 6.1.5, 6.1.6 (the role holders), 5.2.1",
        subject={"kind": "group", "id": "bindal-systemroller",
                 "name": "Systemeiere, systemansvarlige, systemadministratorer og superbrukere "
                         "i Bindal kommune",
                 "roles": ["system-owner", "system-responsible", "system-administrator",
                           "superuser"]},
        findings=(
            Finding("digitalisering", "knowledge", WIDE_SPREAD, "bindal-2024 6.1.6",
                    "'noen ansatte trenger mer opplæring fra leverandør mens andre må arbeide "
                    "med sin holdning' -> a wide spread"),
            Finding("digitalisering", "skills", (0.03, 0.09, 0.20, 0.43, 0.25),
                    "bindal-2024 5.2.1, 6.1.5",
                    "68 % of all respondents report many digital services in daily use; 6.1.5 "
                    "describes superusers as 'erfarne brukere' -> 68 % at 4-5"),
            Finding("digitalisering", "abilities", NEEDS_TO_DEVELOP, "bindal-2024 6.1.5",
                    "system management 'ikke systematisert i tilstrekkelig grad', risk that "
                    "functionality is not used 'i tilstrekkelig grad' -> 'needs to develop'"),
            Finding("digitalisering", "attitudes", WIDE_SPREAD, "bindal-2024 6.1.6",
                    "'andre må arbeide med sin holdning til systemansvar' -> a wide spread "
                    "(the survey's positive attitudes in 5.2.1 are for all employees, not for "
                    "the attitude to system responsibility)"),
        ),
        context={"sectors": BINDAL_SECTORS, "running_measures": ["bti-videreforing"]},
        not_encoded="About 30 specialist systems and the lack of overview of competence needs "
                    "(6.1.5) are facts about the organisation, not levels.",
    ),
    Profile(
        name="trondelag-namdalsregionen",
        written_from="trondelag-2019 1.2 (4), (5), (6), (14), 1.3 (7), ch. 3 'Nivå' and the "
                     "proposed regions",
        subject={"kind": "region", "id": "namdalsregionen",
                 "name": "Namdalsregionen (kommunene i regionen i Kompetanseløft Trøndelag)"},
        findings=(
            Finding("digitalisering", "skills", NEEDS_TO_DEVELOP,
                    "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
                    "88 % of municipalities 'i stor grad behov for å utvikle IKT-ferdigheter/"
                    "digital kompetanse blant medarbeiderne' (a share of municipalities, not of "
                    "answers) -> 'needs to develop'"),
            Finding("digitalisering", "abilities", (0.24, 0.35, 0.26, 0.15, 0.00),
                    "trondelag-2019 1.2 (6) IT i praksis 2017",
                    "59 % of leaders have poor or very poor competence in benefits realisation "
                    "-> 59 % at 1-2; no one rated very good -> 0 % at 5"),
            Finding("digitalisering", "attitudes", POSITIVE,
                    "trondelag-2019 1.2 (7), 1.2 (4)",
                    "'bevisste det teknologiske skiftet ... ønsker å bli gode'; SINTEF: "
                    "employees 'i hovedsak positive' -> 'positive'"),
            Finding("innovasjon", "abilities", NEEDS_TO_DEVELOP,
                    "trondelag-2019 1.2 (5), 1.2 (7)",
                    "'stort behov for å utvikle evner ... innen innovasjon'; 'trenger å trene "
                    "på innovasjon' -> 'needs to develop'"),
            Finding("samarbeid-og-medvirkning", "abilities", NEEDS_TO_DEVELOP,
                    "trondelag-2019 1.2 (5)",
                    "'stort behov for å utvikle evner ... innen ... samhandling' -> 'needs to "
                    "develop'"),
            Finding("samarbeid-og-medvirkning", "attitudes", POSITIVE,
                    "trondelag-2019 1.2 (14), 1.2 (1)",
                    "'de aller fleste ... ønsker felles opplæring og samarbeid med andre "
                    "kommuner/regioner'; most agree learning from others is of great value -> "
                    "'positive'"),
            Finding("laerende-organisasjon", "abilities", NEEDS_TO_DEVELOP,
                    "trondelag-2019 1.2 (5)",
                    "'stort behov for å utvikle evner ... innen ... læring/omstilling' -> "
                    "'needs to develop'"),
        ),
        context={"sectors": []},
        not_encoded="Lack of capacity, worse in small municipalities (1.2 (6) IT i praksis "
                    "2018), is not a competence level. The share of municipalities that want "
                    "each theme (1.2 (14) Kompetansetema) is a wish list, not a level.",
    ),
    Profile(
        name="trondelag-folkevalgte",
        written_from="trondelag-2019 1.2 (14) 'Hva vi tenker om opplegg rundt kompetanseløft "
                     "for folkevalgte', 'Innovasjonspolitikeren', 'Hvilke verktøy ... savner "
                     "vi'; 1.2 (5)",
        subject={"kind": "group", "id": "folkevalgte",
                 "name": "Kommunestyret i en trøndersk kommune", "roles": ["politician"]},
        findings=(
            Finding("digitalisering", "knowledge", LACKING,
                    "trondelag-2019 1.2 (14)",
                    "'mangelfull kompetanse blant politikere i forhold til hva som kreves for å "
                    "få til Digital Transformasjon'; 'Politikerer mangler forståelse for "
                    "innsatsen og ressursene' -> 'lacking'"),
            Finding("digitalisering", "attitudes", (0.03, 0.08, 0.23, 0.41, 0.25),
                    "trondelag-2019 1.2 (5), 1.2 (14)",
                    "66 % of municipalities say digitalisation is largely prioritised by the "
                    "elected and administrative leadership -> 66 % at 4-5 (the nearest figure; "
                    "1.2 (14) also: 'velvillige til å bidra med penger', and 'ser ikke at det "
                    "er en gevinst')"),
        ),
        not_encoded="Role clarification between politicians and administration is asked for "
                    "(1.2 (14)) but no level is stated.",
    ),
    Profile(
        name="trondelag-hjemmetjeneste-velferdsteknologi",
        written_from="trondelag-2019 1.2 (12) Trøndelagsløftet and Velferdsteknologiens ABC; "
                     "1.3",
        subject={"kind": "unit", "id": "hjemmetjenesten",
                 "name": "Hjemmetjenesten i en trøndersk kommune (velferdsteknologi)",
                 "sector": "helse-og-velferd"},
        findings=(
            Finding("digitalisering", "attitudes", POSITIVE,
                    "trondelag-2019 1.2 (12)",
                    "ABC 'skaper forståelse og interesse', 'Motiverende for ansatte'; "
                    "'Tjenesten ønsker seg mer teknologi' -> 'positive'"),
            Finding("digitalisering", "knowledge", NEEDS_TO_DEVELOP,
                    "trondelag-2019 1.2 (12)",
                    "needs listed: 'Kunnskap om implementering', 'Lovverk, kartlegging og "
                    "funksjonsvurdering' -> 'needs to develop'"),
            Finding("digitalisering", "skills", NEEDS_TO_DEVELOP,
                    "trondelag-2019 1.2 (12)",
                    "'Basiskompetanse innen endring, hverdagsmestring og velferdsteknologi for "
                    "alle ansatte innen helse- og omsorgstjenesten'; ABC needs to become 'en "
                    "bærekraftig basisopplæring' -> 'needs to develop'"),
            Finding("digitalisering", "abilities", NEEDS_TO_DEVELOP,
                    "trondelag-2019 1.2 (12)",
                    "'de tenker ikke nødvendigvis lengre og at det betyr en stor omstilling'; "
                    "'Hvordan sikre at vi jobber med teknologi på en ny måte og ikke fortsetter "
                    "i gamle spor'; benefits realisation named as the need -> 'needs to "
                    "develop'"),
            Finding("tverrfaglighet", "abilities", NEEDS_TO_DEVELOP,
                    "trondelag-2019 1.2 (12)",
                    "'behov for å finne gode måter for å jobbe sammen i de forskjellige "
                    "tjenester (teknisk drift, brannvakt/responssentertjenester, "
                    "hjemmetjenester)' -> 'needs to develop'"),
        ),
        not_encoded="Resources to plan and follow up the training (1.2 (12)) are capacity, not "
                    "competence.",
    ),
    Profile(
        name="kristiansand-nye-ledere",
        written_from="kristiansand-2023 3.4 Lederopplæring og lederutvikling, 3.10, 3.12, "
                     "2 Kompetanserekruttering",
        subject={"kind": "group", "id": "nyansatte-ledere",
                 "name": "Nyansatte ledere i Kristiansand kommune",
                 "roles": ["leader", "new-employee"]},
        findings=(
            Finding("rekruttering", "knowledge", NEEDS_TO_DEVELOP,
                    "kristiansand-2023 3.10",
                    "structured competence-based recruitment 'krever mye av leder. Det er derfor "
                    "behov for ... opplæringsprogram for å sikre kunnskap', part of the "
                    "programme for all new leaders -> 'needs to develop'"),
            Finding("strategisk-kompetanseledelse", "knowledge", NEEDS_TO_DEVELOP,
                    "kristiansand-2023 3.4",
                    "'avgjørende å sikre at man har kompetansen enheten trenger ... For å bidra "
                    "til dette, vil det tilbys opplæring i kompetanseledelse for alle kommunens "
                    "ledere' -> 'needs to develop' (a judgement: the need is stated through "
                    "the measure)"),
        ),
        not_encoded="Kristiansand gives no survey figures. Diversity recruitment (3.11) is "
                    "stated for all leaders, not for new leaders, and is left out.",
    ),
    Profile(
        name="drammen-virksomhet",
        written_from="drammen-2021 'Utfordringsbildet', 'Strategiens innsatsområder' and the "
                     "four focus areas",
        subject={"kind": "unit", "id": "drammen-virksomhet",
                 "name": "En virksomhet i Drammen kommune"},
        findings=(
            Finding("digitalisering", "skills", WIDE_SPREAD,
                    "drammen-2021 Utfordringsbildet",
                    "'et stort strekk i laget når det gjelder digital kompetanse' -> a wide "
                    "spread"),
            Finding("digitalisering", "knowledge", NEEDS_TO_DEVELOP,
                    "drammen-2021 Utfordringsbildet",
                    "GDPR and fast change 'stiller nye krav til etiske refleksjoner og "
                    "informasjonssikkerhet. Dette er et tema som utfordrer oss' -> 'needs to "
                    "develop'"),
            Finding("strategisk-kompetanseledelse", "abilities", NEEDS_TO_DEVELOP,
                    "drammen-2021 Utfordringsbildet, Strategisk kompetanseledelse",
                    "'Kommunen har per i dag ikke fullstendig oversikt over "
                    "kompetansekapitalen'; every unit must have that overview -> 'needs to "
                    "develop'"),
            Finding("laerende-organisasjon", "abilities", NEEDS_TO_DEVELOP,
                    "drammen-2021 Strategiens innsatsområder, Den lærende organisasjon",
                    "'behov for å være en lærende organisasjon'; 'mer enn noen gang behov for å "
                    "være en organisasjon som kan lære' -> 'needs to develop'"),
            Finding("samarbeid-og-medvirkning", "skills", NEEDS_TO_DEVELOP,
                    "drammen-2021 Samarbeid og medvirkning",
                    "'Realisering av Drammensmodellen vil kreve økt kompetanse i samhandling, "
                    "medvirkning og involvering' -> 'needs to develop'"),
        ),
        not_encoded="'Enkelte virksomhetsområder har en andel ansatte uten relevant formell "
                    "kompetanse' names no area of the catalogue's list; innovation is stated "
                    "as a requirement ('må vi ha kunnskap, holdninger og ferdigheter'), not a "
                    "shortfall.",
    ),
    Profile(
        name="saman-om-tillitsvalgte",
        written_from="saman-om-2013 programme goals, 'Medledelse / TREPARTSSAMARBEID', "
                     "'Prosessmål for nettverkssamlingene', participant list",
        subject={"kind": "group", "id": "tillitsvalgte",
                 "name": "Tillitsvalgte i en kommune i «Saman om ein betre kommune»",
                 "roles": ["union-representative"],
                 "attributes": {"high_sick_leave": True, "involuntary_part_time": True}},
        findings=(),
        not_encoded="The slides give no competence figures for anyone. The attributes are the "
                    "situation the programme's goals name (reduce sick leave, abolish "
                    "involuntary part-time).",
    ),
)


def _dimension(finding: Finding) -> dict[str, Any]:
    return {"level": finding.level, "distribution": list(finding.distribution)}


def profile_json(profile: Profile) -> dict[str, Any]:
    """The tiltak.profile/1 document for one profile."""
    competence: dict[str, dict[str, Any]] = {}
    for finding in profile.findings:
        competence.setdefault(finding.area, {})[finding.dimension] = _dimension(finding)
    out: dict[str, Any] = {"format": "tiltak.profile/1", "subject": profile.subject}
    if profile.respondents is not None:
        out["respondents"] = profile.respondents
    out["competence"] = competence
    if profile.context:
        out["context"] = profile.context
    return out


def findings_markdown() -> str:
    """FINDINGS.md: every encoded figure with its source section and translation."""
    lines = ["# Findings encoded in the holdout2 profiles", "",
             "Generated by `write_profiles.py`; do not edit by hand. Level = mean of the "
             "distribution (shares answering 1-5), rounded half up.", ""]
    for profile in PROFILES:
        lines += [f"## {profile.name}", "", f"Written from: {profile.written_from}.", ""]
        if profile.findings:
            lines += ["| area.dimension | level | distribution 1-5 | source | how |",
                      "| --- | --- | --- | --- | --- |"]
            for f in profile.findings:
                dist = " / ".join(f"{s:.2f}" for s in f.distribution)
                lines.append(f"| {f.area}.{f.dimension} | {f.level:.1f} | {dist} | {f.source} "
                             f"| {f.how} |")
            lines.append("")
        lines += [f"Not encoded: {profile.not_encoded}", ""]
    return "\n".join(lines)


def main(out_dir: Path = HERE / "profiles", findings: Path = HERE / "FINDINGS.md") -> int:
    """Write every profile as JSON into out_dir, and the findings table to `findings`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for profile in PROFILES:
        for finding in profile.findings:
            assert abs(sum(finding.distribution) - 1) < 1e-9, (profile.name, finding)
        text = json.dumps(profile_json(profile), ensure_ascii=False, indent=2) + "\n"
        (out_dir / f"{profile.name}.json").write_text(text, encoding="utf-8")
    findings.write_text(findings_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
