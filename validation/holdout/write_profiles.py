"""Write the held-out validation profiles (validation/holdout/profiles/*.json).

Every figure is written beside the finding and section it encodes. The profiles were written from
the source documents in /work/shared/seeds/ by the `holdout` engineer *before* reading rules/ or
the tuned validation profiles, following validation/README.md "How a finding becomes a number".
They are held out: do not edit them to make a rule fire, and do not tune rules against them.

Run: python validation/holdout/write_profiles.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "profiles"


def dist(shares: list[float]) -> dict[str, Any]:
    """A distribution (shares answering 1..5) and its mean, rounded to one decimal."""
    assert len(shares) == 5 and abs(sum(shares) - 1.0) < 0.005, shares
    mean = sum((i + 1) * s for i, s in enumerate(shares))
    return {"level": round(mean + 1e-9, 1), "distribution": shares}


# The README's word scale.
FEW = [0.25, 0.33, 0.30, 0.08, 0.04]            # "very few / few": about half or more at 1-2
NEEDS_TO_DEVELOP = [0.10, 0.22, 0.40, 0.20, 0.08]  # "must be strengthened": a third at 1-2
POSITIVE = [0.02, 0.05, 0.15, 0.50, 0.28]       # "positive / good"
TWO_HUMPED = [0.20, 0.20, 0.15, 0.25, 0.20]     # "stort strekk i laget": a wide spread

BINDAL_SECTORS = ["helse-og-velferd", "oppvekst-og-kultur", "plan-og-utvikling", "stab"]

PROFILES: dict[str, dict[str, Any]] = {
    # (a) The health and care sector of a Bindal-like municipality. bindal-2024 5.1.1: "little
    # variation in answers by sector", so the sector carries the municipality's ch. 5 shares.
    # The sector's own number of respondents is not given, so `respondents` is absent.
    "bindal-helse-og-velferd": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "sector", "id": "bindal-helse-og-velferd",
                    "name": "Helse og velferd (Bindal-lik kommune)",
                    "sector": "helse-og-velferd", "roles": [], "attributes": {}},
        "competence": {
            "digitalisering": {
                # 5.2.1: "gode ferdigheter", 68 % use many digital services -> 68 % at 4-5
                "skills": dist([0.04, 0.08, 0.20, 0.40, 0.28]),
                # 5.2.1: "meget få føler seg skikket til å lede" digitalisation -> very few
                "abilities": dist(FEW),
                # 5.2.1: positive overall, only 2 of 97 think it is the wrong way -> positive
                "attitudes": dist(POSITIVE),
            },
            "ledelse": {
                # 5.3.1: 61 % say leadership is important -> 61 % at 4-5
                "attitudes": dist([0.04, 0.10, 0.25, 0.36, 0.25]),
                # 5.1.2: "ganske få ... har gode ferdigheter og samtidig lederoppgaver";
                # 5.3.1: 18 % have leader tasks and will develop more, 23 % not interested
                # -> 18 % at 4-5, about half at 1-2
                "skills": dist([0.23, 0.27, 0.32, 0.13, 0.05]),
                # 5.3.1: 43 % report leadership abilities -> 43 % at 4-5
                "abilities": dist([0.05, 0.17, 0.35, 0.30, 0.13]),
            },
            "tverrfaglighet": {
                # 5.4.1: 47 % have formal knowledge -> 47 % at 4-5
                "knowledge": dist([0.05, 0.15, 0.33, 0.32, 0.15]),
                # 5.4.1 fig. 5: 37 % have skills that let them help others -> 37 % at 4-5
                "skills": dist([0.08, 0.20, 0.35, 0.25, 0.12]),
                # 5.4.1: only 7 % can lead cross-disciplinary work -> 7 % at 4-5
                "abilities": dist([0.25, 0.38, 0.30, 0.05, 0.02]),
                # 5.4.1 / 5.1.2: important, positive attitudes -> positive
                "attitudes": dist([0.02, 0.06, 0.20, 0.36, 0.36]),
            },
        },
        # 6.2.1: the sectors of the leader group; 6.3: BTI is already running
        "context": {"sectors": BINDAL_SECTORS, "running_measures": ["bti-videreforing"]},
    },
    # (b) A health and care unit (virksomhet) in a Drammen-like municipality: drammen-2021
    # "Utfordringsbildet" and the four focus areas. No survey figures: words on the README scale.
    "drammen-helse-virksomhet": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "unit", "id": "drammen-helse-virksomhet",
                    "name": "En virksomhet i helse og omsorg (Drammen-lik kommune)",
                    "sector": "helse-og-velferd", "roles": [], "attributes": {}},
        "competence": {
            "digitalisering": {
                # Utfordringsbildet: "et stort strekk i laget når det gjelder digital kompetanse"
                "skills": dist(TWO_HUMPED),
                # Utfordringsbildet: GDPR, ethics and information security "utfordrer oss"
                "knowledge": dist(NEEDS_TO_DEVELOP),
            },
            "strategisk-kompetanseledelse": {
                # Utfordringsbildet: "ikke fullstendig oversikt over kompetansekapitalen"
                "knowledge": dist(NEEDS_TO_DEVELOP),
            },
            "samarbeid-og-medvirkning": {
                # Samarbeid og medvirkning: the Drammen model "vil kreve økt kompetanse i
                # samhandling, medvirkning og involvering"
                "skills": dist(NEEDS_TO_DEVELOP),
            },
            "innovasjon": {
                # Digitalisering og teknologisk kompetanse: innovation competence must be
                # strengthened (strategic goal 3)
                "abilities": dist(NEEDS_TO_DEVELOP),
            },
        },
        "context": {"sectors": ["helse-og-velferd"], "running_measures": []},
    },
    # (c) Kristiansand level-2 leaders (kommunalsjef level): kristiansand-2023 ch. 2-3. The plan has
    # no survey figures; the needs it states for leaders are on the README scale.
    "kristiansand-ledere-niva-2": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "group", "id": "kristiansand-ledere-niva-2",
                    "name": "Ledere på nivå 2 (Kristiansand-lik kommune)",
                    "sector": None, "roles": ["leader", "middle-leader"], "attributes": {}},
        "competence": {
            "strategisk-kompetanseledelse": {
                # 3.4: training in competence management will be offered to all leaders
                "skills": dist(NEEDS_TO_DEVELOP),
            },
            "digitalisering": {
                # 2 Digital kompetanse: the organisation's abilities for digital transformation
                # must be worked on; 3.5: programme for level-2 leaders (level 1 done)
                "abilities": dist(NEEDS_TO_DEVELOP),
            },
            "rekruttering": {
                # 3.10: structured competence-based recruitment "krever mye av leder", a
                # training programme is needed
                "skills": dist(NEEDS_TO_DEVELOP),
                # 3.11: requires "kompetanse og bevissthet om mangfoldsrekruttering" in leaders
                "knowledge": dist(NEEDS_TO_DEVELOP),
            },
        },
        "context": {"running_measures": []},
    },
    # (d) The leader group of a small Trøndelag municipality in a regional partnership:
    # trondelag-2019 1.2 (5) employer monitor and 1.2 (6) IT i praksis.
    "trondelag-liten-kommune-ledergruppe": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "group", "id": "trondelag-ledergruppe",
                    "name": "Ledergruppen i en liten trøndersk kommune",
                    "sector": None, "roles": ["leader", "top-leader"], "attributes": {}},
        "competence": {
            "digitalisering": {
                # 1.2 (6) IT i praksis 2017: 59 % of leaders poor/very poor in benefits
                # realisation, none very good -> 59 % at 1-2, 0 at 5
                "abilities": dist([0.24, 0.35, 0.26, 0.15, 0.0]),
                # 1.2 (5): 66 % say digitalisation is highly prioritised by the leadership
                "attitudes": dist([0.03, 0.08, 0.23, 0.40, 0.26]),
            },
            # 1.2 (5): leaders too need to develop abilities in innovation, cooperation and
            # learning/change ("behov for å utvikle ulike evner") -> needs to develop
            "innovasjon": {"abilities": dist(NEEDS_TO_DEVELOP)},
            "samarbeid-og-medvirkning": {"abilities": dist(NEEDS_TO_DEVELOP)},
            "laerende-organisasjon": {"abilities": dist(NEEDS_TO_DEVELOP)},
        },
        # ch. 3 levels: the municipality takes part in a regional partnership
        "context": {"sectors": ["region"], "running_measures": []},
    },
    # (e) A municipality in the saman-om-2013 network working on full-time culture and recruitment.
    "saman-om-heltid-rekruttering": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "organisation", "id": "saman-om-heltid",
                    "name": "Kommune i Saman om-nettverket (heltid og rekruttering)",
                    "sector": None, "roles": [],
                    "attributes": {
                        # Målsettinger: HELTIDSKULTUR, abolish involuntary part-time
                        "involuntary_part_time": True,
                        # "Større stillinger reduserer rekrutteringsbehovet": skilled workers'
                        # average post 68.8 % (2011)
                        "average_post_percent_skilled_workers": 68.8,
                    }},
        "competence": {
            # Målsettinger: "Styrke kommunenes evne til strategisk kompetanseplanlegging"
            "strategisk-kompetanseledelse": {"abilities": dist(NEEDS_TO_DEVELOP)},
            # Målsettinger: "... og realisere kompetanse/rekrutteringstiltak"
            "rekruttering": {"abilities": dist(NEEDS_TO_DEVELOP)},
        },
        # Recruitment model: teachers, nurses, skilled health workers; the network is
        # inter-municipal (region)
        "context": {"sectors": ["helse-og-velferd", "oppvekst-og-kultur", "region"],
                    "running_measures": []},
    },
    # (f) One employee of a Bindal-like municipality with leadership abilities and no leader
    # tasks who would like them: bindal-2024 5.3.1 and fig. 4 (43 % / 13 %).
    "bindal-ansatt-lederemne": {
        "format": "tiltak.profile/1",
        "subject": {"kind": "employee", "id": "bindal-ansatt-lederemne",
                    "name": "Ansatt med ledelsesevner uten lederoppgaver",
                    "sector": None, "roles": ["employee", "leader-candidate"],
                    "attributes": {"wants_leader_tasks": True}},
        "competence": {
            # 5.3.1: "har evner innen ledelse, men har ingen lederoppgaver nå"
            "ledelse": {"abilities": {"level": 4.0}},
        },
        "context": {"sectors": BINDAL_SECTORS, "running_measures": ["bti-videreforing"]},
    },
}


def main(out: Path = OUT) -> None:
    """Write every profile as indented JSON into ``out``."""
    out.mkdir(exist_ok=True)
    for name, profile in PROFILES.items():
        text = json.dumps(profile, ensure_ascii=False, indent=2) + "\n"
        (out / f"{name}.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
