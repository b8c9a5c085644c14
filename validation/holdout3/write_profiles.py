"""Write the third held-out set of validation profiles (issue #11) and FINDINGS.md.

Written by the `holdout3` engineer from the source documents' own situation descriptions
(/work/shared/seeds), before reading rules/, docs/veileder-regler.md or any other validation
profile, and before seeing a ranking. Beside every number: the section it encodes and how the
document's words or shares became a level (the scale in validation/README.md, "How a finding
becomes a number"):

- a share is a distribution that matches it ("59 % poor or very poor" is 59 % at 1-2);
- *must be strengthened / needs to develop / a need for* (*må styrkes*, *forsterke*, *behov
  for*): a third at 1-2, level 2.9;
- *a large need* (*stort behov*, *i stor grad behov*): a stronger form, over 40 % at 1-2,
  level 2.7;
- *limited / lacking* (*begrenset*, *mangler*): over half at 1-2, level 2.4;
- the level is the mean of the distribution, one decimal.

Run: python validation/holdout3/write_profiles.py   (rewrites profiles/ and FINDINGS.md)
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# One distribution per word on the scale (shares answering 1..5); the level is its mean.
MUST_STRENGTHEN = (0.10, 0.25, 0.35, 0.22, 0.08)   # 35 % at 1-2, mean 2.93
LARGE_NEED = (0.14, 0.30, 0.35, 0.16, 0.05)        # 44 % at 1-2, mean 2.68
LIMITED = (0.22, 0.36, 0.28, 0.10, 0.04)           # 58 % at 1-2, mean 2.38

BINDAL_SECTORS = ("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab")


@dataclass(frozen=True)
class Finding:
    """One competence finding: area, dimension, distribution and where it comes from."""

    area: str
    dimension: str
    distribution: tuple[float, float, float, float, float]
    source: str      # "document section"
    words: str       # what the document says, and how it became this distribution

    @property
    def level(self) -> float:
        return round(sum((i + 1) * s for i, s in enumerate(self.distribution)), 1)


@dataclass(frozen=True)
class Profile:
    """One held-out profile and the findings it encodes."""

    name: str
    kind: str
    subject_id: str
    subject_name: str
    written_from: str
    findings: tuple[Finding, ...]
    roles: tuple[str, ...] = ()
    sector: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    attribute_sources: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    sectors_source: str = ""
    not_encoded: tuple[str, ...] = ()

    def document(self) -> dict[str, Any]:
        competence: dict[str, dict[str, Any]] = {}
        for f in self.findings:
            competence.setdefault(f.area, {})[f.dimension] = {
                "level": f.level, "distribution": list(f.distribution)}
        doc: dict[str, Any] = {
            "format": "tiltak.profile/1",
            "subject": {"kind": self.kind, "id": self.subject_id, "name": self.subject_name,
                        "sector": self.sector, "roles": list(self.roles),
                        "attributes": dict(self.attributes)},
            "competence": competence,
        }
        if self.sectors:
            doc["context"] = {"sectors": list(self.sectors)}
        return doc


PROFILES: tuple[Profile, ...] = (
    Profile(
        name="bindal-lederforum",
        kind="group", subject_id="bindal-lederforum", subject_name="Lederforum i Bindal",
        roles=("leader", "top-leader", "sector-leader"),
        written_from="bindal-2024 6.2.2 (who sits in the leader forum), 6.2.4 goals 3, 4 and 6",
        findings=(
            Finding("ledelse", "skills", MUST_STRENGTHEN, "bindal-2024 6.2.4",
                    "goal 3: 'Forsterke den enkelte leders ferdigheter innenfor utøvelse av "
                    "prosessledelse og lederskap innenfor internkontroll' (must be "
                    "strengthened -> a third at 1-2)"),
            Finding("ledelse", "abilities", MUST_STRENGTHEN, "bindal-2024 6.2.4",
                    "goal 4: 'Styrke administrasjonens evne til å lede utviklingsprosesser og "
                    "utredninger' (must be strengthened -> a third at 1-2)"),
        ),
        sectors=BINDAL_SECTORS,
        sectors_source="bindal-2024 6.2.1: sector leaders for helse og velferd, oppvekst og "
                       "kultur, plan og utvikling; the chief officer's staff",
        not_encoded=(
            "bindal-2024 5.1.2/5.3.1 ('ganske få' with good leadership skills who also have "
            "leader tasks; 18 % have leader tasks): shares of all 97 respondents, not of the "
            "leader forum, so not used as this group's level",
            "bindal-2024 5.2.1 'meget få' feel able to lead digitalisation: all respondents, "
            "not this group",
            "bindal-2024 6.2.4 says the forum already takes part in the programme; it is not put "
            "in running_measures because the plan lists 6.2.4-6.2.10 as its own measures",
        ),
    ),
    Profile(
        name="bindal-anskaffelser",
        kind="group", subject_id="bindal-anskaffelser",
        subject_name="Ledere og ansatte med anskaffelsesoppgaver i Bindal",
        roles=("procurement-resource", "leader", "employee"),
        written_from="bindal-2024 6.3.3 (limited procurement competence; no systematic use of "
                     "the ways to acquire special competence), 4.3",
        findings=(
            Finding("tverrfaglighet", "knowledge", LIMITED, "bindal-2024 6.3.3",
                    "'Kommunen har i dag begrenset kompetanse innen bruk av "
                    "anskaffelsesforskriften ..., anskaffelsesmetoder, ... kontraktsformer' "
                    "(limited -> over half at 1-2); special competence that must be used across "
                    "sectors (4.3, 6.3) is the tverrfaglighet area"),
            Finding("tverrfaglighet", "skills", LIMITED, "bindal-2024 6.3.3",
                    "same sentence: 'gjennomføring av forhandlinger, evaluering av tilbud' are "
                    "things done (limited -> over half at 1-2)"),
            Finding("strategisk-kompetanseledelse", "abilities", LIMITED, "bindal-2024 6.3.3",
                    "'Kommunen mangler en systematisk bruk av slike virkemidler og det synes "
                    "tilfeldig hvilke som brukes' (lacking -> over half at 1-2)"),
        ),
        sectors=BINDAL_SECTORS,
        sectors_source="bindal-2024 6.3.3 a): the group should be cross-sector",
        not_encoded=(
            "bindal-2024 5.4.1 (36 % crucial, 47 % formal knowledge, 7 % can lead): all "
            "respondents and cross-disciplinary work in general, not procurement",
        ),
    ),
    Profile(
        name="kristiansand-nokkelroller",
        kind="group", subject_id="kristiansand-nokkelroller",
        subject_name="Ansatte med nøkkelroller for digitalisering",
        roles=("key-resource",),
        written_from="kristiansand-2023 2 Digital kompetanse (categories incl. key roles), "
                     "3.5 Særskilte fag- og nøkkelressurser",
        findings=(
            Finding("digitalisering", "knowledge", MUST_STRENGTHEN, "kristiansand-2023 3.5",
                    "'Nøkkelressurser og relevante fagmiljø må styrkes spesifikt med kunnskap om "
                    "arkitektur, integrasjon, utvikling og sikkerhet'; knowledge of the rules for "
                    "sharing data 'må styrkes' (must be strengthened -> a third at 1-2)"),
        ),
        not_encoded=(
            "kristiansand-2023 has no figures; skills, abilities and attitudes of key roles are "
            "not described",
        ),
    ),
    Profile(
        name="saman-om-naervaer",
        kind="organisation", subject_id="saman-om-naervaer",
        subject_name="Kommune i nettverket med høyt sykefravær",
        attributes={"high_sick_leave": True},
        attribute_sources=(
            "high_sick_leave: saman-om-2013 'Målsettinger i programmet: SYKEFRAVÆR' and "
            "'Sammen skal vi skape en kultur for nærvær!'; the employer-monitor slide "
            "(figure 19, total sick leave rated as a challenge)",),
        written_from="saman-om-2013 programme goal SYKEFRAVÆR, 'Sammen skal vi skape en kultur "
                     "for nærvær', Kommunesektorens arbeidsgivermonitor, network goals",
        findings=(),
        not_encoded=(
            "saman-om-2013 gives no competence figures for the sick-leave situation; the "
            "competence-planning goal belongs to the programme's competence-and-recruitment "
            "strand, not this situation",
            "involuntary part-time (HELTIDSKULTUR) is a separate programme goal, not this "
            "situation",
        ),
    ),
    Profile(
        name="drammen-ledergruppe",
        kind="group", subject_id="drammen-ledergruppe",
        subject_name="Ledergruppe i en virksomhet i Drammen",
        roles=("leader",),
        written_from="drammen-2021 Utfordringsbildet, Strategiens innsatsområder, Strategisk "
                     "kompetanseledelse, Den lærende organisasjon (words only)",
        findings=(
            Finding("strategisk-kompetanseledelse", "knowledge", MUST_STRENGTHEN,
                    "drammen-2021 Utfordringsbildet",
                    "'Kommunen har per i dag ikke fullstendig oversikt over kompetansekapitalen' "
                    "and the goal that all leaders know the external funds (not yet there -> "
                    "needs to develop, a third at 1-2)"),
            Finding("strategisk-kompetanseledelse", "skills", MUST_STRENGTHEN,
                    "drammen-2021 Strategiens innsatsområder",
                    "'Dette stiller igjen krav til kompetanseledelse og strategisk "
                    "kompetansestyring på alle nivå'; goal 'Alle ledere i kommunen er kompetente "
                    "i strategisk kompetanseledelse' (a need -> a third at 1-2)"),
            Finding("laerende-organisasjon", "abilities", MUST_STRENGTHEN,
                    "drammen-2021 Den lærende organisasjon",
                    "'Kommunen har mer enn noen gang behov for å være en organisasjon som kan "
                    "lære'; 'Tradisjonelle læringsformer må utfordres' (a need -> a third at "
                    "1-2)"),
        ),
        not_encoded=(
            "drammen-2021 'stort strekk i laget' in digital competence describes employees "
            "across the municipality, not the leader group",
        ),
    ),
    Profile(
        name="trondelag-ansatte",
        kind="group", subject_id="trondelag-ansatte",
        subject_name="Ansatte i en kommune i Trøndelag (individnivå)",
        roles=("employee",),
        written_from="trondelag-2019 1.2 (5) Arbeidsgivermonitoren (employees generally), "
                     "1.1 continuous learning, 3 Nivå 4 Individnivå",
        findings=(
            Finding("digitalisering", "skills", LARGE_NEED, "trondelag-2019 1.2 (5)",
                    "88 % of municipalities 'opplever i stor grad behov for å utvikle "
                    "IKT-ferdigheter/digital kompetanse blant medarbeiderne generelt' (a share of "
                    "municipalities, not of employees: read as 'a large need' -> over 40 % at "
                    "1-2)"),
            Finding("innovasjon", "abilities", LARGE_NEED, "trondelag-2019 1.2 (5)",
                    "'stort behov for å utvikle evner og kompetanser innen innovasjon, "
                    "samhandling og læring/omstilling' (a large need -> over 40 % at 1-2)"),
            Finding("samarbeid-og-medvirkning", "abilities", LARGE_NEED,
                    "trondelag-2019 1.2 (5)", "same sentence: samhandling (a large need)"),
            Finding("laerende-organisasjon", "abilities", LARGE_NEED, "trondelag-2019 1.2 (5)",
                    "same sentence: læring/omstilling (a large need)"),
        ),
        sectors=("region",),
        sectors_source="trondelag-2019 3 Nivå: the municipalities take part as regions",
        not_encoded=(
            "trondelag-2019 1.2 (4) SINTEF (a third do not experience participation when "
            "technology is introduced): national, about participation, no dimension stated",
        ),
    ),
    Profile(
        name="trondelag-ledere-gevinstrealisering",
        kind="group", subject_id="trondelag-ledere-gevinst",
        subject_name="Topp- og mellomledere i en kommune i Trøndelag",
        roles=("leader", "top-leader", "middle-leader"),
        written_from="trondelag-2019 1.2 (6) IT i praksis (benefits realisation), 1.2 (1) "
                     "Gevinstarbeid, 1.2 (5), 1.2 (14) start-up gatherings (themes, tools wanted)",
        findings=(
            Finding("digitalisering", "knowledge", (0.20, 0.39, 0.30, 0.11, 0.00),
                    "trondelag-2019 1.2 (6)",
                    "IT i praksis 2017: '59% av ledere vurderes til å ha dårlig eller svært "
                    "dårlig kompetanse innen gevinstrealisering', no leader rated very good "
                    "(59 % at 1-2, none at 5)"),
            Finding("digitalisering", "attitudes", (0.04, 0.10, 0.20, 0.40, 0.26),
                    "trondelag-2019 1.2 (5)",
                    "'66 prosent av kommunene ... svarer at digitalisering i stor grad er "
                    "prioritert av folkevalgt- og administrativ ledelse' (66 % at 4-5)"),
        ),
        sectors=("region",),
        sectors_source="trondelag-2019 3 Nivå: the municipalities take part as regions",
        not_encoded=(
            "trondelag-2019 1.2 (1) Gevinstarbeid: 80 % name lack of capacity, culture and "
            "knowledge as obstacles (municipalities, not a level of these leaders)",
            "trondelag-2019 1.2 (14): gevinstarbeid is the theme most municipalities "
            "prioritised and leaders want better tools for it (a wish, not a level)",
        ),
    ),
)


def findings_markdown() -> str:
    """FINDINGS.md: every encoded figure with its section, and what was not encoded."""
    out = ["# Held-out set 3: how each finding became a number",
           "",
           "Generated by `write_profiles.py`; do not edit by hand. Scale: see the generator's "
           "docstring and `../README.md` (How a finding becomes a number).", ""]
    for p in PROFILES:
        out.append(f"## {p.name} ({p.kind})")
        out.append("")
        out.append(f"Written from: {p.written_from}.")
        if p.roles:
            out.append(f"Roles: {', '.join(p.roles)}.")
        out.append("")
        for f in p.findings:
            dist = ", ".join(f"{s:.2f}" for s in f.distribution)
            out.append(f"- `{f.area}.{f.dimension}` = {f.level} [{dist}] ({f.source}): "
                       f"{f.words}")
        for a in p.attribute_sources:
            out.append(f"- attribute {a}")
        if p.sectors:
            out.append(f"- context.sectors {list(p.sectors)}: {p.sectors_source}")
        if p.not_encoded:
            out.append("")
            out.append("Not encoded:")
            for n in p.not_encoded:
                out.append(f"- {n}")
        out.append("")
    return "\n".join(out)


def main(out: Path = HERE / "profiles", findings: Path = HERE / "FINDINGS.md") -> None:
    """Write every profile (sorted keys, two-space indent) and FINDINGS.md."""
    out.mkdir(parents=True, exist_ok=True)
    for p in PROFILES:
        text = json.dumps(p.document(), indent=2, ensure_ascii=False) + "\n"
        (out / f"{p.name}.json").write_text(text, encoding="utf-8")
    findings.write_text(findings_markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
    sys.exit(0)
