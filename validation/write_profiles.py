"""Writes validation/profiles/*.json: each figure with the finding and section it encodes.

The level is the mean of the distribution (one decimal). Run: python validation/write_profiles.py
"""
import json
from pathlib import Path
OUT = Path(__file__).resolve().parent / "profiles"

def d(*shares, level=None):
    assert len(shares) == 5 and abs(sum(shares) - 1) < 1e-9, shares
    mean = sum((i + 1) * s for i, s in enumerate(shares))
    return {"level": round(mean, 1) if level is None else level, "distribution": list(shares)}

def lv(x):
    return {"level": x}

def write(name, subject, competence, context=None, respondents=None, segments=None):
    data = {"format": "tiltak.profile/1", "subject": subject}
    if respondents is not None:
        data["respondents"] = respondents
    data["competence"] = competence
    if context is not None:
        data["context"] = context
    if segments:
        data["segments"] = segments
    (OUT / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

def subj(kind, id_, name, sector=None, roles=(), attributes=None):
    return {"kind": kind, "id": id_, "name": name, "sector": sector, "roles": list(roles),
            "attributes": attributes or {}}

def ctx(sectors, running=(), avoid=()):
    return {"sectors": list(sectors), "running_measures": list(running), "budget_nok": None,
            "capacity_hours": None, "avoid_formats": list(avoid)}

SMALL = ["helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab"]

# bindal-2024 ch. 5 (97 respondents)
write("bindal-2024-kommunen",
      subj("organisation", "bindal-validering", "Kommune som i Bindal-planen (bindal-2024 kap. 5)"),
      {
          "digitalisering": {
              "knowledge": d(0.03, 0.10, 0.30, 0.37, 0.20),     # 5.1.2 "ganske mye kunnskap"
              "skills": d(0.02, 0.08, 0.22, 0.40, 0.28),        # 5.2.1 68 % use many digital services
              "abilities": d(0.22, 0.38, 0.32, 0.06, 0.02),     # 5.2.1 very few feel fit to lead
              "attitudes": d(0.02, 0.04, 0.16, 0.56, 0.22),     # 5.2.1 56 % + 22 %, only 2 negative
          },
          "ledelse": {
              "knowledge": d(0.05, 0.15, 0.35, 0.32, 0.13),     # 5.1.2 potential in knowledge
              "skills": d(0.23, 0.08, 0.51, 0.12, 0.06),        # 5.3.1 23 % not interested, 18 % lead and develop
              "abilities": d(0.07, 0.17, 0.33, 0.30, 0.13),     # 5.3.1 43 % report abilities
              "attitudes": d(0.03, 0.08, 0.28, 0.38, 0.23),     # 5.3.1 61 % say leadership matters
          },
          "tverrfaglighet": {
              "knowledge": d(0.05, 0.13, 0.35, 0.32, 0.15),     # 5.4.1 47 % formal knowledge
              "skills": d(0.06, 0.17, 0.40, 0.27, 0.10),        # 5.4.1 37 % can help others
              "abilities": d(0.30, 0.38, 0.25, 0.05, 0.02),     # 5.4.1 only 7 % can lead
              "attitudes": d(0.02, 0.06, 0.20, 0.36, 0.36),     # 5.4.1 36 % crucial, 36 % effective
          },
      },
      ctx(SMALL, running=["bti-videreforing"]), respondents=97)

# trondelag-2019 1.2 and 1.2(14): a municipality in a regional partnership
write("trondelag-2019-kommune",
      subj("organisation", "trondelag-kommune-validering", "Kommune i Kompetanseløft Trøndelag (trondelag-2019)"),
      {
          "digitalisering": {
              "knowledge": d(0.08, 0.22, 0.40, 0.22, 0.08),     # 1.2(1): many not yet mature
              "skills": d(0.10, 0.30, 0.35, 0.18, 0.07),        # 1.2(5): 88 % need ICT skills among staff
              "abilities": d(0.18, 0.37, 0.30, 0.11, 0.04),     # 1.2(1): 80 % lack capacity/culture/knowledge for benefits work
              "attitudes": d(0.03, 0.07, 0.22, 0.45, 0.23),     # 1.2(4): employees mainly positive
          },
          "ledelse": {
              "abilities": d(0.10, 0.28, 0.37, 0.19, 0.06),     # 1.2(5), 1.3(4): leaders need change-leadership abilities
          },
          "innovasjon": {
              "abilities": d(0.10, 0.30, 0.37, 0.17, 0.06),     # 1.2(5): great need for innovation abilities
          },
      },
      ctx(SMALL + ["region"]))

# drammen-2021: "Utfordringsbildet" and the four focus areas
write("drammen-2021-kommune",
      subj("organisation", "drammen-validering", "Stor kommune som i Drammens kompetansestrategi (drammen-2021)"),
      {
          "digitalisering": {
              "knowledge": d(0.15, 0.20, 0.25, 0.25, 0.15),     # "stort strekk i laget"
              "skills": d(0.20, 0.20, 0.15, 0.25, 0.20),        # "stort strekk i laget"
              "attitudes": d(0.10, 0.18, 0.30, 0.27, 0.15),     # wide range of digital maturity between cultures
          },
          "strategisk-kompetanseledelse": {
              "knowledge": d(0.10, 0.25, 0.40, 0.20, 0.05),     # no full overview of the competence capital
              "skills": d(0.12, 0.28, 0.38, 0.17, 0.05),        # goal: every leader competent in it
          },
          "laerende-organisasjon": {
              "abilities": d(0.08, 0.25, 0.40, 0.20, 0.07),     # "mer enn noen gang behov for å være en lærende organisasjon"
          },
          "innovasjon": {
              "abilities": d(0.10, 0.25, 0.40, 0.18, 0.07),     # innovation competence must be strengthened
          },
          "samarbeid-og-medvirkning": {
              "knowledge": d(0.10, 0.27, 0.40, 0.18, 0.05),     # the Drammen model needs more competence in participation
              "skills": d(0.12, 0.28, 0.38, 0.17, 0.05),
          },
      },
      ctx(SMALL + ["teknisk"]))

# kristiansand-2023 ch. 2 (the workplace as a learning arena) and 3.1-3.12
write("kristiansand-2023-kommune",
      subj("organisation", "kristiansand-validering", "Kommune som i Kristiansands handlingsplan (kristiansand-2023)"),
      {
          "strategisk-kompetanseledelse": {
              "knowledge": d(0.08, 0.22, 0.40, 0.22, 0.08),     # ch. 2: overview of competence must be built
              "abilities": d(0.10, 0.27, 0.38, 0.18, 0.07),     # ch. 2 footnote 13: up to a quarter with unused potential
          },
          "laerende-organisasjon": {
              "abilities": d(0.12, 0.25, 0.33, 0.20, 0.10),     # ch. 2 "Alle skal med": skewed participation in learning
              "attitudes": d(0.04, 0.10, 0.28, 0.38, 0.20),
          },
          "digitalisering": {
              "knowledge": d(0.06, 0.18, 0.38, 0.28, 0.10),
              "abilities": d(0.10, 0.30, 0.38, 0.16, 0.06),     # ch. 2 Digital kompetanse: organisational abilities for digital transformation
          },
          "rekruttering": {
              "knowledge": d(0.08, 0.25, 0.40, 0.20, 0.07),     # ch. 2 Kompetanserekruttering, 3.10: the method asks a lot of leaders
              "skills": d(0.10, 0.28, 0.38, 0.18, 0.06),
          },
      },
      ctx(["helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "teknisk", "stab"]))

# saman-om-2013: a municipality in the network
write("saman-om-2013-kommune",
      subj("organisation", "saman-om-validering", "Kommune i nettverket Saman om ein betre kommune (saman-om-2013)",
           attributes={"high_sick_leave": True, "involuntary_part_time": True}),
      {
          "rekruttering": {
              "abilities": d(0.15, 0.33, 0.35, 0.12, 0.05),     # recruitment needs: "Hvordan rekruttere nye medarbeidere?"
          },
          "strategisk-kompetanseledelse": {
              "knowledge": d(0.12, 0.30, 0.37, 0.16, 0.05),     # programme goal: strengthen strategic competence planning
              "abilities": d(0.14, 0.32, 0.36, 0.13, 0.05),
          },
          "laerende-organisasjon": {
              "abilities": d(0.08, 0.27, 0.40, 0.19, 0.06),     # "Involvere alle ansatte i løpende læringsaktiviteter"
          },
      },
      ctx(["helse-og-velferd", "oppvekst-og-kultur", "stab"]))

# politicians: trondelag-2019 1.2(14) "mangelfull kompetanse blant politikere"
write("folkevalgte",
      subj("group", "folkevalgte-validering", "Folkevalgte i kommunestyret", roles=["politician"]),
      {
          "digitalisering": {
              "knowledge": d(0.20, 0.35, 0.30, 0.11, 0.04),     # lacking competence for digital transformation
              "abilities": d(0.16, 0.34, 0.34, 0.12, 0.04),     # do not see the benefits behind digitalisation
          },
          "innovasjon": {
              "knowledge": d(0.15, 0.32, 0.35, 0.14, 0.04),     # "Innovasjonspolitikeren"
          },
      },
      ctx(SMALL), respondents=27)

# union representatives: kristiansand-2023 ch. 2 Digital kompetanse and roles table
write("tillitsvalgte",
      subj("group", "tillitsvalgte-validering", "Hovedtillitsvalgte og tillitsvalgte", roles=["union-representative"]),
      {
          "digitalisering": {
              "knowledge": d(0.08, 0.22, 0.40, 0.22, 0.08),     # no figures: middle of the scale
              "abilities": d(0.10, 0.25, 0.40, 0.18, 0.07),     # role as management's discussion partner in change
          },
          "samarbeid-og-medvirkning": {
              "attitudes": d(0.02, 0.06, 0.22, 0.42, 0.28),     # saman-om-2013: tripartite cooperation valued
          },
      },
      ctx(SMALL), respondents=14)

# a unit negative to digitalisation: bindal-2024 3 and 6.1.8
write("enhet-negativ-til-digitalisering",
      subj("unit", "enhet-negativ-validering", "Enhet med negative holdninger til digitalisering", sector="helse-og-velferd"),
      {
          "digitalisering": {
              "knowledge": d(0.08, 0.22, 0.40, 0.22, 0.08),
              "skills": d(0.10, 0.27, 0.38, 0.18, 0.07),
              "abilities": d(0.14, 0.32, 0.36, 0.13, 0.05),
              "attitudes": d(0.28, 0.34, 0.22, 0.11, 0.05),     # most do not want the change
          },
      },
      ctx(["helse-og-velferd"]), respondents=31)

# new employees: kristiansand-2023 3.12
write("nyansatte",
      subj("group", "nyansatte-validering", "Nyansatte siste år", roles=["new-employee"]),
      {}, ctx(SMALL), respondents=22)

# key resources for digitalisation: kristiansand-2023 3.5 "Særskilte fag- og nøkkelressurser"
write("nokkelressurser-digitalisering",
      subj("group", "nokkelressurser-validering", "Nøkkelressurser for digitalisering", roles=["key-resource"]),
      {
          "digitalisering": {
              "knowledge": d(0.08, 0.27, 0.40, 0.19, 0.06),     # must be strengthened in architecture, integration, security
          },
      },
      ctx(SMALL), respondents=12)

# leaders: kristiansand-2023 3.4, 3.10, roles table; drammen-2021 Strategisk kompetanseledelse
write("ledere",
      subj("group", "ledere-validering", "Ledere med personal-, fag- og budsjettansvar", roles=["leader"]),
      {
          "strategisk-kompetanseledelse": {
              "knowledge": d(0.08, 0.25, 0.40, 0.20, 0.07),     # goal: all leaders competent in strategic competence management
              "skills": d(0.10, 0.28, 0.38, 0.18, 0.06),
          },
          "rekruttering": {
              "skills": d(0.10, 0.28, 0.38, 0.18, 0.06),        # 3.10: structured recruitment asks a lot of the leader
          },
          "digitalisering": {
              "abilities": d(0.08, 0.27, 0.40, 0.19, 0.06),     # 3.5 leader programmes
          },
      },
      ctx(SMALL), respondents=48)

# trondelag-2019 ch. 3 and 5: a region (the second of the four levels) in the competence lift
write("trondelag-2019-region",
      subj("region", "trondelag-region-validering", "Region i Kompetanseløft Trøndelag (trondelag-2019)"),
      {
          "digitalisering": {
              "knowledge": d(0.08, 0.22, 0.40, 0.22, 0.08),     # 1.2(1): many not yet mature
              "skills": d(0.10, 0.30, 0.35, 0.18, 0.07),        # 1.2(5): 88 % need ICT skills among staff
              "abilities": d(0.18, 0.37, 0.30, 0.11, 0.04),     # 1.2(1): 80 % lack capacity/culture/knowledge for benefits work
              "attitudes": d(0.03, 0.07, 0.22, 0.45, 0.23),     # 1.2(4): employees mainly positive
          },
      },
      ctx(["region"]), respondents=None)
