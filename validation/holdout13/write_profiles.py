"""Write held-out set 13: subjects with survey data, typed as an HR adviser would type them.

Every level comes from the level table in README.md (fixed before any profile was written)
through `from_shares` (the document gives shares) or `from_words` (the document describes the
level in words). Beside every figure: the finding it encodes, quoted, and its section.

Run: python validation/holdout13/write_profiles.py   (writes validation/holdout13/profiles/)
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# Table B of README.md: the document's words -> level (no distribution is written).
WORDS: dict[str, float] = {
    "very few": 2.1,
    "few": 2.3,
    "great need to develop": 2.7,
    "needs to develop": 2.9,
    "partly": 3.2,
    "quite a lot": 3.5,
    "good": 3.9,
    "very good": 4.2,
}
# Table B, last paragraph: a wide spread in words ("stort strekk i laget").
SPREAD = (0.15, 0.20, 0.30, 0.20, 0.15)


def _round_shares(shares: list[float]) -> tuple[float, ...]:
    """Round to three decimals; the highest level with a non-zero share absorbs the rounding."""
    rounded = [round(s, 3) for s in shares]
    last = max(i for i, s in enumerate(shares) if s > 0)
    rounded[last] = round(1.0 - sum(r for i, r in enumerate(rounded) if i != last), 3)
    return tuple(rounded)


def from_shares(named: dict[int, float] | None = None, top: float | None = None,
                low: float | None = None,
                empty: tuple[int, ...] = ()) -> tuple[float, tuple[float, ...]]:
    """Table A: shares the document gives -> (level, distribution over levels 1..5).

    `named`: share at a named answer category's level (A1); `top`: share "having it" at 4-5,
    split 60/40 (A2); `low`: share "poor" at 1-2, split 40/60 (A3); `empty`: levels the document
    says nobody chose (A4). The rest is spread evenly over the levels that got no share (A5).
    """
    shares: dict[int, float] = dict(named or {})
    if top is not None:
        shares[4] = shares.get(4, 0.0) + 0.6 * top
        shares[5] = shares.get(5, 0.0) + 0.4 * top
    if low is not None:
        shares[1] = shares.get(1, 0.0) + 0.4 * low
        shares[2] = shares.get(2, 0.0) + 0.6 * low
    for level in empty:
        shares[level] = 0.0
    rest = [lv for lv in range(1, 6) if lv not in shares]
    left = 1.0 - sum(shares.values())
    assert left >= -1e-9 and rest, (named, top, low, empty)
    for lv in rest:
        shares[lv] = left / len(rest)
    dist = [shares[lv] for lv in range(1, 6)]
    level = round(sum(lv * s for lv, s in zip(range(1, 6), dist, strict=True)), 2)
    return level, _round_shares(dist)


def from_words(words: str) -> float:
    """Table B: the document's words -> level."""
    return WORDS[words]


@dataclass(frozen=True)
class Finding:
    """One area/dimension of a profile and the document's finding behind it."""

    area: str
    dimension: str
    level: float
    distribution: tuple[float, ...] | None
    source: str   # document key and section
    quote: str    # the finding, in the document's words

    def value(self) -> dict[str, Any]:
        out: dict[str, Any] = {"level": self.level}
        if self.distribution is not None:
            out["distribution"] = list(self.distribution)
        return out


def shares(area: str, dimension: str, source: str, quote: str, **kw: Any) -> Finding:
    """A finding the document gives as shares (table A)."""
    level, dist = from_shares(**kw)
    return Finding(area, dimension, level, dist, source, quote)


def words(area: str, dimension: str, said: str, source: str, quote: str) -> Finding:
    """A finding the document gives in words (table B)."""
    return Finding(area, dimension, from_words(said), None, source, quote)


def spread(area: str, dimension: str, source: str, quote: str) -> Finding:
    """A wide spread the document describes in words (table B, last paragraph)."""
    level = round(sum(lv * s for lv, s in zip(range(1, 6), SPREAD, strict=True)), 2)
    return Finding(area, dimension, level, SPREAD, source, quote)


@dataclass(frozen=True)
class Profile:
    """One held-out profile: who the subject is and what the document found about it."""

    name: str
    kind: str
    id: str
    title: str
    why: str   # why this subject, and where the document describes it
    findings: tuple[Finding, ...] = ()
    sector: str | None = None
    roles: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)
    respondents: int | None = None
    sectors: tuple[str, ...] = ()

    def document(self) -> dict[str, Any]:
        competence: dict[str, dict[str, Any]] = {}
        for f in self.findings:
            assert f.dimension not in competence.get(f.area, {}), (self.name, f)
            competence.setdefault(f.area, {})[f.dimension] = f.value()
        doc: dict[str, Any] = {
            "format": "tiltak.profile/1",
            "subject": {"kind": self.kind, "id": self.id, "name": self.title,
                        "sector": self.sector, "roles": list(self.roles),
                        "attributes": dict(self.attributes)},
        }
        if self.respondents is not None:
            doc["respondents"] = self.respondents
        doc["competence"] = competence
        doc["context"] = {"sectors": list(self.sectors), "running_measures": []}
        return doc


# --- bindal-2024: the survey of May 2023, 97 respondents, 18 questions (2.1, ch. 5) ----------

BINDAL_SECTORS = ("helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab",
                  # 4.1.2-4.1.3: member of two inter-municipal partnerships (Digitale
                  # Helgeland, Kystriket IKT) that require its competence
                  "region")


def bindal_survey(source_note: str = "") -> tuple[Finding, ...]:
    """The survey's findings for all respondents (bindal-2024 5.1-5.4)."""
    n = source_note
    return (
        # digitalisering (5.1.2, 5.2.1)
        words("digitalisering", "knowledge", "quite a lot", "bindal-2024 5.1.2" + n,
              "respondentene mener at de tre kompetanseområdene er viktige, det er positive "
              "holdninger knyttet til dem og ganske mye kunnskap"),
        shares("digitalisering", "skills", "bindal-2024 5.2.1" + n,
               "Respondentene har også gode ferdigheter og hele 68 % har svart at de har "
               "bruker mange digitale tjenester i egen hverdag", top=0.68),
        words("digitalisering", "abilities", "very few", "bindal-2024 5.2.1" + n,
              "det er meget få som føler seg skikket til å lede digitaliseringsprosesser i "
              "kommunen"),
        shares("digitalisering", "attitudes", "bindal-2024 5.2.1" + n,
               "22% ... mener at digitalisering er avgjørende [5] ... 56 % mener digitalisering "
               "som regel gjør arbeidsprosesser mer effektive [4] ... kun 2 respondenter mener "
               "digitalisering er feil vei å gå [1; 2 of 97]",
               named={5: 0.22, 4: 0.56, 1: 2 / 97}),
        # ledelse (5.1.2, 5.3.1)
        words("ledelse", "knowledge", "quite a lot", "bindal-2024 5.1.2" + n,
              "Når det gjelder ledelse er det et potensiale i organisasjonen i forhold til "
              "kunnskap og evner"),
        shares("ledelse", "skills", "bindal-2024 5.3.1" + n,
               "den største gruppen (23 %) av respondenter oppgir å ikke være opptatt av å "
               "utvikle slike ferdigheter [1]. Vi finner 18 % av respondentene i den andre "
               "skalaen – som har lederoppgaver nå og vil være med på å utvikle flere [5]",
               named={1: 0.23, 5: 0.18}),
        shares("ledelse", "abilities", "bindal-2024 5.3.1" + n,
               "43 % svarer at de har evner innen ledelse, men har ingen lederoppgaver nå",
               top=0.43),
        shares("ledelse", "attitudes", "bindal-2024 5.3.1" + n,
               "hele 61 % at ledelse er viktig og har stor påvirkning på utførelse av "
               "arbeidsoppgaver [4]; 'avgjørende' [5] is named, its share is not given",
               named={4: 0.61}),
        # tverrfaglighet (5.4.1)
        shares("tverrfaglighet", "knowledge", "bindal-2024 5.4.1" + n,
               "47 % har formelle kunnskaper om tverrfaglighet fra egen utdanning og/eller kurs",
               top=0.47),
        shares("tverrfaglighet", "skills", "bindal-2024 5.4.1 (Figur 5)" + n,
               "37 % (35 ansatte) i kommunen har ferdigheter inn tverrfaglig arbeid som gjør "
               "dem i stand til å hjelpe andre", top=0.37),
        shares("tverrfaglighet", "abilities", "bindal-2024 5.4.1" + n,
               "Kun 7 % svarer imidlertid at de har «evner som gjør at jeg kan lede etablering "
               "av flere tverrfaglige arbeidsprosesser i kommunen»", top=0.07),
        shares("tverrfaglighet", "attitudes", "bindal-2024 5.4.1" + n,
               "Hele 36 % av respondentene mener at tverrfaglighet er avgjørende viktig for "
               "kommunen [5] og like mange mener at tverrfaglighet er effektivt [4]",
               named={5: 0.36, 4: 0.36}),
    )


PROFILES: tuple[Profile, ...] = (
    Profile(
        name="bindal-2024-kommunen", kind="organisation", id="bindal", title="Bindal kommune",
        why="The whole organisation as surveyed in May 2023 (bindal-2024 2.1, 5).",
        respondents=97,  # bindal-2024 2.1, 5: "97 respondenter"
        findings=bindal_survey(), sectors=BINDAL_SECTORS),
    Profile(
        name="bindal-2024-helse-og-velferd", kind="sector", id="bindal-helse-og-velferd",
        title="Helse og velferd, Bindal kommune", sector="helse-og-velferd",
        why="A sector of the surveyed organisation. bindal-2024 5.1.1: 'Analysen viser få "
            "variasjoner' by sector, education or seniority, so the organisation's answers "
            "stand for the sector; the sector's own respondent count is not given.",
        findings=bindal_survey(" via 5.1.1 (få variasjoner etter sektor)"),
        sectors=BINDAL_SECTORS),
    Profile(
        name="bindal-2024-lederforum", kind="group", id="bindal-lederforum",
        title="Lederforum, Bindal kommune",
        roles=("top-leader", "sector-leader", "middle-leader"),  # 2.1 footnote 1, 6.2.2
        why="The leaders' forum (kommunedirektør, sector leaders, HR and finance heads, the "
            "heads of school, kindergarten, institution and home care; 2.1 footnote 1, 6.2.2) "
            "and the goals it set for its own development programme (6.2.4).",
        findings=(
            words("ledelse", "skills", "needs to develop", "bindal-2024 6.2.4 (mål 3)",
                  "Forsterke den enkelte leders ferdigheter innenfor utøvelse av "
                  "prosessledelse og lederskap innenfor internkontroll"),
            words("ledelse", "abilities", "needs to develop", "bindal-2024 6.2.4 (mål 4)",
                  "Styrke administrasjonens evne til å lede utviklingsprosesser og "
                  "utredninger"),
        ),
        sectors=BINDAL_SECTORS),
    # --- trondelag-2019: background surveys of ch. 1.2 ------------------------------------
    Profile(
        name="trondelag-2019-kommunene-i-fylket", kind="county", id="trondelag",
        title="Kommunene i Trøndelag samlet",
        why="Level 1 of ch. 3 ('Kommunene samlet i fylket'); its competence as the employer "
            "monitor the study cites describes the municipalities (1.2 (5)).",
        findings=(
            words("digitalisering", "skills", "great need to develop",
                  "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
                  "88 prosent av kommunene, og 13 av 14 fylkeskommuner opplever i stor grad "
                  "behov for å utvikle IKT-ferdigheter/digital kompetanse blant medarbeiderne "
                  "generelt (a share of municipalities: words, README A7)"),
            words("innovasjon", "abilities", "great need to develop",
                  "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
                  "Det rapporteres videre et stort behov for å utvikle evner og kompetanser "
                  "innen innovasjon"),
            words("samarbeid-og-medvirkning", "abilities", "great need to develop",
                  "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
                  "... stort behov for å utvikle evner og kompetanser innen ... samhandling"),
            words("laerende-organisasjon", "abilities", "great need to develop",
                  "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
                  "... stort behov for å utvikle evner og kompetanser innen ... "
                  "læring/omstilling"),
            words("ledelse", "abilities", "needs to develop",
                  "trondelag-2019 1.2 (5) Arbeidsgivermonitoren",
                  "Også blant ledere er det behov for å utvikle ulike evner og tverrfaglige "
                  "kompetanser"),
        )),
    Profile(
        name="trondelag-2019-mellomledere", kind="group", id="trondelag-mellomledere",
        title="Mellomledere i en kommune i Kompetanseløft Trøndelag", roles=("middle-leader",),
        why="Middle managers as IT leaders rate them in 'IT i praksis', the survey the study "
            "uses as background for its leader measures (1.2 (6)).",
        findings=(
            shares("digitalisering", "knowledge", "trondelag-2019 1.2 (6) IT i praksis",
                   "på mellomledernivået ... er det 70 prosent som ikke får god score av "
                   "IT-lederne sine (so 30 % good: 4-5)", top=0.30),
            shares("digitalisering", "abilities", "trondelag-2019 1.2 (6) IT i praksis",
                   "59% av ledere vurderes til å ha dårlig eller svært dårlig kompetanse innen "
                   "gevinstrealisering [1-2]; ingen IT-ledere vurderer toppleder eller "
                   "mellomleder til å ha svært god kompetanse innen gevinstrealisering [5 = 0]",
                   low=0.59, empty=(5,)),
        ),
        sectors=("region",)),  # ch. 3: the municipality takes part in the regional lift
    Profile(
        name="trondelag-2019-folkevalgte", kind="group", id="trondelag-folkevalgte",
        title="Folkevalgte i en kommune i Kompetanseløft Trøndelag", roles=("politician",),
        why="Elected politicians, as the 36 municipalities at the start-up gatherings "
            "described them (1.2 (14)).",
        findings=(
            words("digitalisering", "knowledge", "few",
                  "trondelag-2019 1.2 (14) Hva vi tenker om opplegg rundt kompetanseløft for "
                  "folkevalgte",
                  "Det er mangelfull kompetanse blant politikere i forhold til hva som kreves "
                  "for å få til Digital Transformasjon"),
        ),
        sectors=("region",)),
    Profile(
        name="trondelag-2019-helse-og-omsorg", kind="sector", id="trondelag-helse-og-omsorg",
        title="Helse og omsorg i en kommune i Trøndelag", sector="helse-og-velferd",
        why="The health and care services as the Trøndelagsløftet survey (36 answers from the "
            "municipalities, Sept. 2018) describes them (1.2, after (12)).",
        findings=(
            words("digitalisering", "knowledge", "needs to develop",
                  "trondelag-2019 1.2 Trøndelagsløftet",
                  "De fleste nevner samtidig at dette er områder de også trenger mer kompetanse "
                  "på ... Basiskompetanse innen endring, hverdagsmestring og velferdsteknologi "
                  "for alle ansatte innen helse- og omsorgstjenesten"),
            words("digitalisering", "attitudes", "good", "trondelag-2019 1.2 Trøndelagsløftet",
                  "ABC-en skaper forståelse og interesse for området ... «Motiverende for "
                  "ansatte, gir inspirasjon og forståelse.»"),
            words("innovasjon", "knowledge", "needs to develop",
                  "trondelag-2019 1.2 Trøndelagsløftet",
                  "kommunene begynner å ha erfaring med og kompetanse innen tjenstedesign og "
                  "tjenesteutvikling ... De fleste nevner samtidig at dette er områder de også "
                  "trenger mer kompetanse på"),
        ),
        sectors=("region",)),
    # --- drammen-2021: Utfordringsbildet --------------------------------------------------
    Profile(
        name="drammen-2021-kommunen", kind="organisation", id="drammen", title="Drammen kommune",
        why="The whole municipality (about 6 500 employees; Innledning) as the challenge "
            "picture describes it (Utfordringsbildet); no survey count is given.",
        findings=(
            spread("digitalisering", "skills", "drammen-2021 Utfordringsbildet",
                   "I Drammen kommune kommer dette til uttrykk gjennom et stort strekk i laget "
                   "når det gjelder digital kompetanse"),
            words("digitalisering", "knowledge", "needs to develop",
                  "drammen-2021 Utfordringsbildet",
                  "Arbeidet med GDPR og den raske utviklingstakten innen digitalisering stiller "
                  "nye krav til etiske refleksjoner og informasjonssikkerhet. Dette er et tema "
                  "som utfordrer oss"),
            words("strategisk-kompetanseledelse", "knowledge", "needs to develop",
                  "drammen-2021 Utfordringsbildet",
                  "Kommunen har per i dag ikke fullstendig oversikt over kompetansekapitalen"),
        ),
        sectors=("helse-og-velferd", "stab")),  # Utfordringsbildet; SKL: "stabsområder"
    Profile(
        name="drammen-2021-ledere", kind="group", id="drammen-ledere",
        title="Ledere i Drammen kommune", roles=("leader",),
        why="All leaders, to whom the strategy gives the overview of the competence capital "
            "(Strategisk kompetanseledelse) that the municipality lacks (Utfordringsbildet).",
        findings=(
            words("strategisk-kompetanseledelse", "knowledge", "needs to develop",
                  "drammen-2021 Utfordringsbildet; Strategisk kompetanseledelse",
                  "Kommunen har per i dag ikke fullstendig oversikt over kompetansekapitalen; "
                  "the tools are to 'gi lederne oversikt over kompetansebehov i den enkelte "
                  "virksomhet'"),
        ),
        sectors=("helse-og-velferd", "stab")),
    # --- kristiansand-2023: ch. 2 --------------------------------------------------------
    Profile(
        name="kristiansand-2023-eldre-arbeidstakere", kind="group",
        id="kristiansand-eldre", title="Eldre arbeidstakere i Kristiansand kommune",
        roles=("employee",),
        attributes={
            # 2 Alle skal med: "De eldste arbeidstakerne deltar sjeldnere enn yngre deltakere"
            # (NOU 2019, KBU, the surveys the plan cites)
            "age_group": "eldre",
            "low_learning_participation": True,
        },
        why="Older employees, the group ch. 2 'Alle skal med' names as taking part least in "
            "learning at work; no level is given, so no competence is encoded."),
    Profile(
        name="kristiansand-2023-enhet-kompetanse-ikke-i-bruk", kind="unit",
        id="kristiansand-enhet", title="En enhet i Kristiansand kommune",
        attributes={
            # 2 Kompetansemobilisering: the use of competence is measured in 10-faktor and
            # followed up; "I mange bedrifter har så mange som en fjerdedel av medarbeiderne et
            # betydelig uutnyttet kompetansepotensial" (footnote 13, Lai)
            "competence_unused": True,
        },
        why="A unit whose 10-faktor result shows competence that is not used (ch. 2 "
            "Kompetansemobilisering); no level is given, so no competence is encoded."),
    # --- saman-om-2013: position sizes from KS' recruitment model --------------------------
    Profile(
        name="saman-om-2013-fagarbeidere", kind="group", id="fagarbeidere",
        title="Fagarbeidere (inkl. helsefagarbeidere)", roles=("employee",),
        attributes={
            # "Større stillinger reduserer rekrutteringsbehovet": "For fagarbeidere (inkl.
            # helsefagarbeidere) må stillingsprosenten økes fra 68,8 prosent i 2011"
            "average_position_percent": 68.8,
        },
        why="Skilled workers, whose average position size the slide 'Større stillinger "
            "reduserer rekrutteringsbehovet' gives."),
    Profile(
        name="saman-om-2013-sykepleiere", kind="group", id="sykepleiere",
        title="Sykepleiere", roles=("employee",),
        attributes={
            # "For sykepleiere må stillingsstørrelsen økes fra 76,9 prosent i 2011"
            "average_position_percent": 76.9,
        },
        why="Nurses, whose average position size the same slide gives."),
)


def main(out: Path = HERE / "profiles") -> None:
    """Write every profile as `out/NAME.json` (sorted keys kept as written, UTF-8)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):
        old.unlink()
    for profile in PROFILES:
        text = json.dumps(profile.document(), ensure_ascii=False, indent=2) + "\n"
        (out / f"{profile.name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "profiles")
