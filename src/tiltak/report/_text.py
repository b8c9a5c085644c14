"""Every word of the report, in Norwegian bokmål and English."""

from __future__ import annotations

from tiltak._i18n import add_messages

DIMENSION_NAMES: dict[str, tuple[str, str]] = {
    "knowledge": ("Kunnskaper", "Knowledge"),
    "skills": ("Ferdigheter", "Skills"),
    "abilities": ("Evner", "Abilities"),
    "attitudes": ("Holdninger", "Attitudes"),
}

DIMENSION_TEXT: dict[str, tuple[str, str]] = {
    "knowledge": ("det vi vet: fakta, regler, metoder og forståelse",
                  "what we know: facts, rules, methods and understanding"),
    "skills": ("det vi kan gjøre: å bruke kunnskapen i praktisk arbeid",
               "what we can do: applying knowledge in practical work"),
    "abilities": ("det vi får til i nye og krevende situasjoner, som å lede, samarbeide og "
                  "ta initiativ", "what we manage in new and demanding situations, such as "
                  "leading, cooperating and taking the initiative"),
    "attitudes": ("vilje og motivasjon: om vi mener noe er viktig og vil bruke det vi kan",
                  "will and motivation: whether we think something matters and want to use "
                  "what we know"),
}

STRATEGY_NAMES: dict[str, tuple[str, str]] = {
    "mobilise": ("Mobilisere", "Mobilise"),
    "develop": ("Utvikle", "Develop"),
    "recruit": ("Rekruttere", "Recruit"),
    "phase-out": ("Avvikle", "Phase out"),
}

STRATEGY_TEXT: dict[str, tuple[str, str]] = {
    "mobilise": ("ta i bruk kompetansen som allerede finnes",
                 "use the competence already there"),
    "develop": ("utvikle ny kompetanse hos dem som er ansatt",
                "develop new competence in the staff"),
    "recruit": ("skaffe kompetanse utenfra", "bring competence in from outside"),
    "phase-out": ("avvikle kompetanse som ikke lenger trengs",
                  "phase out competence no longer needed"),
}

FORMAT_NAMES: dict[str, tuple[str, str]] = {
    "cafe": ("kafé", "café"),
    "forum": ("forum", "forum"),
    "arena": ("arena", "arena"),
    "network": ("nettverk", "network"),
    "programme": ("program", "programme"),
    "course": ("kurs", "course"),
    "e-learning": ("e-læring", "e-learning"),
    "nano-learning": ("nanolæring", "nano-learning"),
    "seminar": ("seminar", "seminar"),
    "mentoring": ("mentorordning", "mentoring"),
    "guidance": ("veiledning", "guidance"),
    "pilot": ("pilot", "pilot"),
    "plan": ("plan eller strategi", "plan or strategy"),
    "role": ("rolle eller struktur", "role or structure"),
    "tool": ("verktøy", "tool"),
    "survey": ("kartlegging eller evaluering", "survey or evaluation"),
    "recruitment": ("rekruttering", "recruitment"),
    "game": ("spill", "game"),
    "podcast": ("podkast", "podcast"),
}

LEVEL_NAMES: dict[str, tuple[str, str]] = {
    "individual": ("den enkelte medarbeider", "individual employees"),
    "unit": ("enhetene", "the units"),
    "sector": ("sektorene", "the sectors"),
    "organisation": ("hele organisasjonen", "the whole organisation"),
    "region": ("regionen (flere kommuner)", "the region (several municipalities)"),
}

SUBJECT_KINDS: dict[str, tuple[str, str]] = {
    "organisation": ("organisasjonen", "the organisation"),
    "county": ("kommunene i fylket", "the county's municipalities"),
    "sector": ("sektoren", "the sector"),
    "unit": ("enheten", "the unit"),
    "group": ("gruppen", "the group"),
    "employee": ("medarbeideren", "the employee"),
}

MONTHS: tuple[tuple[str, str], ...] = (
    ("januar", "January"), ("februar", "February"), ("mars", "March"), ("april", "April"),
    ("mai", "May"), ("juni", "June"), ("juli", "July"), ("august", "August"),
    ("september", "September"), ("oktober", "October"), ("november", "November"),
    ("desember", "December"),
)

VERDICTS: dict[str, tuple[str, str]] = {
    "improved": ("bedre", "improved"),
    "declined": ("svakere", "declined"),
    "no_clear_change": ("ingen klar endring", "no clear change"),
    "not_compared": ("ikke sammenlignet", "not compared"),
}

TOPIC: dict[str, tuple[str, str]] = {
    "knowledge": ("Kunnskaper om {area}", "Knowledge of {area}"),
    "skills": ("Ferdigheter i {area}", "Skills in {area}"),
    "abilities": ("Evner innen {area}", "Abilities in {area}"),
    "attitudes": ("Holdninger til {area}", "Attitudes to {area}"),
}

add_messages({
    "report-title": ("Kompetanseplan for {name}", "Competence plan for {name}"),
    "report-subtitle": (
        "Analyse, tiltak og plan etter KS' metode for strategisk kompetanseplanlegging "
        "(trinn 4–7)",
        "Analysis, measures and plan following KS' method for strategic competence planning "
        "(steps 4–7)",
    ),
    "report-contents": ("Innhold", "Contents"),
    "report-meta-respondents": ("Svar", "Respondents"),
    "report-meta-survey": ("Kartlegging", "Survey"),
    "report-meta-date": ("Dato", "Date"),
    "report-meta-measures": ("Tiltak i planen", "Measures in the plan"),
    # summary
    "report-summary": ("Sammendrag", "Summary"),
    "report-summary-lead": (
        "{who} Størst er avstanden mellom nivå og mål for {top}. {count}",
        "{who} The distance between level and target is largest for {top}. {count}",
    ),
    "report-summary-cost": (
        "Tiltakene i planen koster {cost} og krever {hours} arbeid over {years} år fra {start}.",
        "The measures in the plan cost {cost} and take {hours} of work over {years} years "
        "from {start}.",
    ),
    "report-summary-cost-phases": (
        "Tiltakene i planen koster {cost} og krever {hours} arbeid, ordnet i {phases} faser.",
        "The measures in the plan cost {cost} and take {hours} of work, ordered in {phases} "
        "phases.",
    ),
    # How the plan's count follows from the suggestions (summary, measures, key figures)
    "report-count-all": (
        "Alle de {considered} {which} tiltakene er med i planen.",
        "All {considered} {which} measures are in the plan.",
    ),
    "report-count-added": (
        "Planen har {chosen} tiltak: alle de {considered} {which}, og {added} til som "
        "andre tiltak i planen bygger på, og som derfor må være på plass først.",
        "The plan has {chosen} measures: all {considered} {which}, and {added} more that "
        "other measures in the plan build on, so {added|it has|they have} to be in place first.",
    ),
    "report-count-left": (
        "{taken} av de {considered} {which} tiltakene er med i planen; {others} (se "
        "«{section}»).",
        "{taken} of the {considered} {which} measures are in the plan; {others} (see "
        "'{section}').",
    ),
    "report-count-left-added": (
        "Planen har {chosen} tiltak: {taken} av de {considered} {which}, og {added} til som "
        "andre tiltak i planen bygger på, og som derfor må være på plass først. "
        "{others} (se «{section}»).",
        "The plan has {chosen} measures: {taken} of the {considered} {which}, and {added} "
        "more that other measures in the plan build on, so {added|it has|they have} to be in "
        "place first. {others} (see '{section}').",
    ),
    "report-count-top": (
        "Planen er laget av de {considered} best rangerte av de {suggested} foreslåtte "
        "tiltakene; resten er ikke vurdert for planen.",
        "The plan is made from the {considered} best-ranked of the {suggested} suggested "
        "measures; the rest were not considered for it.",
    ),
    "report-count-two": (
        "Begge de {which} tiltakene er med i planen.",
        "Both {which} measures are in the plan.",
    ),
    "report-count-one": (
        "Det ene {which} tiltaket er med i planen.",
        "The one {which} measure is in the plan.",
    ),
    "report-count-none": (
        "Ingen av de {considered} {which} tiltakene fikk plass i planen (se «{section}»).",
        "None of the {considered} {which} measures fitted into the plan (see '{section}').",
    ),
    "report-others": ("de {left} andre fikk ikke plass", "the other {left} did not fit"),
    "report-others-one": ("ett fikk ikke plass", "one did not fit"),
    "report-others-long": ("De {left} andre {which} tiltakene fikk ikke plass",
                           "The other {left} {which} measures did not fit"),
    "report-others-long-one": ("Ett av de {which} tiltakene fikk ikke plass",
                               "One {which} measure did not fit"),
    "report-which-suggested": ("foreslåtte", "suggested"),
    "report-by-seniority": ("Ansiennitet", "Years of service"),
    "report-by-age": ("Alder", "Age"),
    "report-by-unit": ("Enhet", "Unit"),
    "report-by-position": ("Stilling", "Position"),
    "report-which-considered": ("vurderte", "considered"),
    "report-summary-who-n": (
        "{n} medarbeidere har svart på kartleggingen.",
        "{n} employees answered the survey.",
    ),
    "report-summary-who": ("Profilen beskriver {name}.", "The profile describes {name}."),
    "report-summary-no-gap": (
        "Ingen område ligger under målet; planen holder det som virker ved like.",
        "No area is below its target; the plan keeps what works going.",
    ),
    "report-summary-no-levels": (
        "Profilen oppgir ingen nivåer, så ingen gap er målt. Tiltakene er de kildene gir denne "
        "rollen eller typen enhet som faste oppgaver.",
        "The profile states no levels, so no gap is measured. The measures are those the "
        "sources give this role or kind of unit as standing tasks.",
    ),
    "report-segments-absent": ("Profilen har ingen grupper å sammenligne.",
                               "The profile has no groups to compare."),
    "report-measures-lead-no-levels": (
        "Ut fra hvem profilen beskriver, foreslås {suggested} tiltak. {count} "
        "Tiltakene er hentet fra en katalog skrevet ut fra fem norske kompetanseplaner, og "
        "hvert tiltak oppgir kilden.",
        "From whom the profile describes, {suggested} measures are suggested. {count} The "
        "measures come from a catalogue written from five Norwegian competence plans, and each "
        "measure names its source.",
    ),
    "report-summary-nothing": (
        "Ingen tiltak er foreslått ut fra denne profilen.",
        "No measures are suggested for this profile.",
    ),
    "report-findings": ("De viktigste funnene og tiltakene for dem",
                        "The main findings and the measures for them"),
    "report-col-finding": ("Funn", "Finding"),
    "report-col-level": ("Nivå", "Level"),
    "report-col-target": ("Mål", "Target"),
    "report-col-gap": ("Gap", "Gap"),
    "report-col-measures-for": ("Tiltak i planen", "Measures in the plan"),
    "report-finding-low": ("{share} svarer 1 eller 2", "{share} answer 1 or 2"),
    "report-finding-high": ("bare {share} svarer 4 eller 5", "only {share} answer 4 or 5"),
    "report-none-chosen": ("ingen i planen (se utelatte tiltak)",
                           "none in the plan (see measures left out)"),
    "report-also": ("Forskjeller mellom grupper", "Differences between groups"),
    "report-key-figures": ("Nøkkeltall", "Key figures"),
    "report-kf-cost": ("Kostnad", "Cost"),
    "report-kf-hours": ("Arbeidstid", "Working hours"),
    "report-kf-budget": ("Budsjett", "Budget"),
    "report-kf-capacity": ("Kapasitet", "Capacity"),
    "report-kf-left-out": ("Fikk ikke plass", "Did not fit"),
    "report-kf-suggested": ("Foreslått", "Suggested"),
    "report-kf-added": ("Lagt til som forutsetning", "Added as prerequisites"),
    "report-kf-not-considered": ("Ikke vurdert (utenfor de {top} beste)",
                                 "Not considered (outside the top {top})"),
    "report-no-limit": ("ingen grense satt", "no limit set"),
    "report-no-year-limit": ("ingen egen grense", "no limit of its own"),
    # competence
    "report-competence": ("Hva kompetanse betyr her", "What competence means here"),
    "report-competence-lead": (
        "Kompetanse er mer enn kunnskap. Planen bruker KS' og Lais fire dimensjoner, og "
        "måler hver av dem per kompetanseområde på en skala fra 1 (lav) til 5 (høy). Målet "
        "er det nivået kommunen trenger; gapet er hvor langt under målet nivået ligger.",
        "Competence is more than knowledge. The plan uses the four dimensions of KS and Lai, "
        "and measures each of them per competence area on a scale from 1 (low) to 5 (high). "
        "The target is the level the municipality needs; the gap is how far below the target "
        "the level is.",
    ),
    "report-dimensions": ("De fire dimensjonene", "The four dimensions"),
    "report-attitudes-note": (
        "Holdninger avgjør ofte om et tiltak virker i det hele tatt: kunnskap som ikke tas i "
        "bruk, er lite verdt (bindal-2024 kap. 3).",
        "Attitudes often decide whether a measure works at all: knowledge that is not used is "
        "worth little (bindal-2024 ch. 3).",
    ),
    "report-areas": ("Kompetanseområdene i planen", "The competence areas in the plan"),
    "report-col-area": ("Område", "Area"),
    "report-col-description": ("Hva det gjelder", "What it covers"),
    "report-col-targets": ("Mål (K / F / E / H)", "Targets (K / S / Ab / At)"),
    # analysis
    "report-analysis": ("Analyse: nivå mot mål", "Analysis: level against target"),
    "report-analysis-no-levels": (
        "Profilen oppgir ingen nivåer for kompetanseområdene, så her er ingenting å vise. En "
        "kartlegging gir nivå, mål og gap for hvert område.",
        "The profile states no levels for the competence areas, so there is nothing to show "
        "here. A survey gives level, target and gap for each area.",
    ),
    "report-analysis-lead": (
        "Tabellen viser nivå, mål og gap for hvert område og hver dimensjon, og hvor mange "
        "som svarte lavt (1–2) og høyt (4–5). Figurene under viser det samme per område, og "
        "hvordan svarene fordeler seg.",
        "The table shows level, target and gap for each area and dimension, and how many "
        "answered low (1–2) and high (4–5). The charts below show the same per area, and how "
        "the answers are spread.",
    ),
    "report-analysis-lead-levels": (
        "Tabellen viser nivå, mål og gap for hvert område og hver dimensjon. Profilen oppgir "
        "ikke hvordan svarene fordeler seg, så andelene som svarte lavt og høyt er ikke med.",
        "The table shows level, target and gap for each area and dimension. The profile does "
        "not give how the answers are spread, so the shares answering low and high are not "
        "shown.",
    ),
    "report-gap-table": ("Nivå, mål og gap", "Level, target and gap"),
    "report-gap-table-total": ("Nivå, mål og gap ({n} svar i alt)",
                               "Level, target and gap ({n} respondents in all)"),
    "report-col-dimension": ("Dimensjon", "Dimension"),
    "report-col-respondents": ("Svar", "Respondents"),
    "report-col-low": ("Andel 1–2", "Share 1–2"),
    "report-col-high": ("Andel 4–5", "Share 4–5"),
    "report-sheet-gaps": ("Gap", "Gaps"),
    "report-area-gap": (
        "Størst gap: {dimension} ({level} mot mål {target}).",
        "Largest gap: {dimension} ({level} against a target of {target}).",
    ),
    "report-area-no-gap": ("Alle dimensjoner er på eller over målet.",
                           "Every dimension is at or above its target."),
    "report-chart-levels": ("{area}: nivå mot mål", "{area}: level against target"),
    "report-chart-levels-alt": (
        "Søylediagram for {area} på skalaen 1 til 5: {values}.",
        "Bar chart for {area} on the scale 1 to 5: {values}.",
    ),
    "report-chart-levels-item": ("{dimension} nivå {level}, mål {target}",
                                 "{dimension} level {level}, target {target}"),
    "report-chart-level": ("Nivå", "Level"),
    "report-chart-target": ("Mål", "Target"),
    "report-chart-scale": ("Nivå (1 = lav, 5 = høy)", "Level (1 = low, 5 = high)"),
    "report-chart-distribution": ("{area}: fordeling av svarene",
                                  "{area}: distribution of the answers"),
    "report-chart-distribution-alt": (
        "Stablede søyler for {area} som viser andelen som svarte 1 til 5: {values}.",
        "Stacked bars for {area} showing the share answering 1 to 5: {values}.",
    ),
    "report-chart-distribution-item": ("{dimension} {shares}", "{dimension} {shares}"),
    "report-chart-answer": ("Svar {level}", "Answer {level}"),
    "report-chart-answer-low": ("1 (lav)", "1 (low)"),
    "report-chart-answer-high": ("5 (høy)", "5 (high)"),
    "report-chart-share": ("Andel av svarene", "Share of the answers"),
    "report-no-distribution": (
        "Profilen har ikke fordelingen av svarene for dette området.",
        "The profile does not give the distribution of the answers for this area.",
    ),
    "report-segments": ("Forskjeller mellom grupper", "Differences between groups"),
    "report-segments-tested": (
        "Forskjellene under er testet statistisk og er tydelige nok til at de neppe skyldes "
        "tilfeldigheter (metoden står i vedlegget).",
        "The differences below were tested statistically and are clear enough that chance "
        "is an unlikely explanation (the method is in the appendix).",
    ),
    "report-segments-none": (
        "Kartleggingen viser ingen klare forskjeller mellom gruppene.",
        "The survey shows no clear differences between the groups.",
    ),
    "report-segment-finding": ("{text} ({n} svar).", "{text} ({n} respondents)."),
    "report-segments-untested": (
        "Tallene for gruppene er ikke testet statistisk; små forskjeller kan skyldes "
        "tilfeldigheter.",
        "The figures for the groups have not been tested statistically; small differences "
        "may be chance.",
    ),
    "report-segment-table": ("Grupper mot hele organisasjonen",
                             "Groups against the whole organisation"),
    "report-col-group": ("Gruppe", "Group"),
    "report-col-whole": ("Hele organisasjonen", "Whole organisation"),
    "report-col-difference": ("Forskjell", "Difference"),
    "report-anonymity": ("Anonymitet", "Anonymity"),
    "report-anonymity-rule": (
        "Grupper med færre enn {minimum} svar vises ikke, og heller ikke grupper som kunne "
        "vært regnet ut fra de andre tallene.",
        "Groups with fewer than {minimum} respondents are not shown, nor any group that "
        "could be worked out from the other figures.",
    ),
    "report-withheld-groups": ("{variable}: {count} {count|gruppe|grupper} vises ikke.",
                               "{variable}: {count} {count|group is|groups are} not shown."),
    "report-withheld-cells": (
        "{variable}: {count} tall i viste grupper er holdt tilbake.",
        "{variable}: {count} {count|figure|figures} in the groups shown {count|is|are} "
        "withheld.",
    ),
    "report-withheld-total": (
        "{count} tall for område og dimensjon har for få svar til å vises.",
        "{count} {count|figure|figures} per area and dimension {count|has|have} too few "
        "answers to be shown.",
    ),
    "report-all-shown": ("Alle grupper har nok svar til å vises.",
                         "Every group has enough respondents to be shown."),
    # measures
    "report-measures": ("Tiltakene", "The measures"),
    "report-measures-lead": (
        "Ut fra funnene foreslås {suggested} tiltak, rangert etter hvor godt de svarer på "
        "dem. {count} Tiltakene er hentet fra en katalog skrevet ut fra fem norske "
        "kompetanseplaner, og hvert tiltak oppgir kilden.",
        "From the findings, {suggested} measures are suggested, ranked by how well they "
        "answer them. {count} The measures come from a catalogue written from five Norwegian "
        "competence plans, and each measure names its source.",
    ),
    "report-fills-in": ("fast oppgave", "standing task"),
    "report-fills-in-note": (
        "«Fast oppgave»: tiltaket foreslås fordi kildene gir denne rollen eller gruppen det som "
        "en fast oppgave, ikke fordi kartleggingen viser et gap. Derfor kommer det etter "
        "tiltakene funnene gir, og med et budsjett tas det inn i planen etter dem.",
        "'Standing task': the measure is suggested because the sources give this role or group "
        "it as a standing task, not because the survey shows a gap. So it comes after the "
        "measures the findings give, and within a budget it goes into the plan after them.",
    ),
    "report-fills-in-why": (
        "I kildene er dette en fast oppgave, ikke et svar på et funn i kartleggingen.",
        "In the sources this is a standing task, not an answer to a finding in the survey.",
    ),
    "report-ranked-note": (
        "Kostnad og timer gjelder hele planperioden: et tiltak som gjentas hvert år, regnes "
        "med for hver runde.",
        "Cost and hours are for the whole plan period: a measure repeated every year counts "
        "every round.",
    ),
    "report-not-considered": ("ikke vurdert", "not considered"),
    "report-added": ("Lagt til fordi andre tiltak bygger på dem",
                     "Added because other measures build on them"),
    "report-added-lead": (
        "Disse tiltakene ble ikke foreslått ut fra funnene, men er med i planen fordi andre "
        "tiltak i planen bygger på dem og ikke kan starte før de er i gang. De er derfor "
        "ikke med i den rangerte listen over.",
        "These measures were not suggested from the findings, but are in the plan because "
        "other measures in it build on them and cannot start before they are under way. "
        "That is why they are not in the ranked list above.",
    ),
    "report-added-table": ("Lagt til i planen", "Added to the plan"),
    "report-col-needed-by": ("Bygges på av", "Built on by"),
    "report-added-why": (
        "{measures} bygger på dette tiltaket, som derfor må være på plass først.",
        "{measures} {count|builds|build} on this measure, so it has to be in place first.",
    ),
    "report-added-head": ("Lagt til: {title}", "Added: {title}"),
    "report-cost-rounds": (
        "{cost} og {hours} per runde, hvert år; {total} og {total_hours} over planperioden",
        "{cost} and {hours} a round, every year; {total} and {total_hours} over the plan "
        "period",
    ),
    "report-col-suggested": ("Foreslått", "Suggested"),
    "report-col-in-plan": ("I planen", "In the plan"),
    "report-col-cost-plan": ("Kostnad i planen (kr)", "Cost in the plan (NOK)"),
    "report-col-hours-plan": ("Timer i planen", "Hours in the plan"),
    "report-total": ("Sum", "Total"),
    "report-by-strategy-note": (
        "«Foreslått» teller de rangerte tiltakene; «I planen» teller tiltakene i planen, også "
        "dem som er lagt til fordi andre bygger på dem. Kostnad og timer er planens, og "
        "summen er planens totale kostnad og arbeidstid.",
        "'Suggested' counts the ranked measures; 'In the plan' counts the measures in the "
        "plan, including those added because others build on them. Cost and hours are the "
        "plan's, and the totals are the plan's total cost and working hours.",
    ),
    "report-ranked": ("Rangerte tiltak", "Ranked measures"),
    "report-col-rank": ("Nr.", "No."),
    "report-col-measure": ("Tiltak", "Measure"),
    "report-col-strategy": ("Strategi", "Strategy"),
    "report-col-phase": ("Fase", "Phase"),
    "report-col-cost": ("Kostnad (kr)", "Cost (NOK)"),
    "report-col-hours": ("Timer", "Hours"),
    "report-col-status": ("I planen", "In the plan"),
    "report-col-owners": ("Eiere", "Owners"),
    "report-col-source": ("Kilde", "Source"),
    "report-col-why": ("Hvorfor", "Why"),
    "report-in-plan": ("fase {phase}", "phase {phase}"),
    "report-left-out": ("utelatt", "left out"),
    "report-prerequisite": ("forutsetning", "prerequisite"),
    "report-sheet-measures": ("Tiltak", "Measures"),
    "report-by-strategy": ("Tiltakene etter strategi", "The measures by strategy"),
    "report-col-means": ("Betyr", "Means"),
    "report-col-count": ("Antall", "Number"),
    "report-by-area": ("{area}", "{area}"),
    "report-by-area-lead": ("Tiltak der {area} er hovedområdet.",
                            "Measures whose main area is {area}."),
    "report-measure-head": ("{rank}. {title}", "{rank}. {title}"),
    "report-f-why": ("Hvorfor", "Why"),
    "report-f-numbers": ("Tallene", "The figures"),
    "report-f-for": ("For hvem", "For whom"),
    "report-f-owners": ("Eiere", "Owners"),
    "report-f-coordinated": ("Koordineres av", "Coordinated by"),
    "report-f-how": ("Strategi og form", "Strategy and form"),
    "report-f-cost": ("Kostnad og arbeidstid", "Cost and working hours"),
    "report-f-status": ("I planen", "In the plan"),
    "report-f-source": ("Kilde", "Source"),
    "report-f-requires": ("Forutsetter", "Requires"),
    "report-for-level": ("Rettet mot {level}", "Aimed at {level}"),
    "report-for-roles": ("roller: {roles}", "roles: {roles}"),
    "report-for-sectors": ("sektorer: {sectors}", "sectors: {sectors}"),
    "report-no-owner": ("ingen sektor foreslått", "no sector proposed"),
    "report-owners-each": ("({share} hver)", "({share} each)"),
    "report-owners-all": ("Alle {count} sektorene ({share} hver)",
                          "All {count} sectors ({share} each)"),
    "report-fact-level": ("nivå {value}", "level {value}"),
    "report-fact-target": ("mål {value}", "target {value}"),
    "report-fact-gap": ("gap {value}", "gap {value}"),
    "report-fact-low": ("{value} svarer {n} eller lavere", "{value} answer {n} or lower"),
    "report-fact-high": ("{value} svarer {n} eller høyere", "{value} answer {n} or higher"),
    "report-status-phase": ("Ja, fase {phase}", "Yes, phase {phase}"),
    "report-status-left": ("Nei, fikk ikke plass", "No, it did not fit"),
    "report-status-not-considered": (
        "Nei: planen er laget av de {top} best rangerte forslagene",
        "No: the plan is made from the {top} best-ranked suggestions",
    ),
    "report-status-prereq": ("Ja, fase {phase} (lagt til fordi andre tiltak bygger på det)",
                             "Yes, phase {phase} (added because other measures build on it)"),
    "report-cost-hours": ("{cost}, {hours}", "{cost}, {hours}"),
    # plan
    "report-plan": ("Planen", "The plan"),
    "report-plan-lead": (
        "Tiltakene er ordnet i faser: et tiltak kommer i en senere fase når det bygger på et "
        "annet tiltak som må være på plass først. Tiltak som angår flere sektorer, eies av "
        "minst to sektorer sammen, slik at ansvaret ikke blir liggende hos én.",
        "The measures are ordered in phases: a measure comes in a later phase when it builds "
        "on another measure that has to be in place first. Measures that concern several "
        "sectors are owned by at least two sectors together, so that the responsibility does "
        "not rest with one.",
    ),
    "report-plan-lead-calendar": (
        "Tiltakene er lagt på en kalender: et tiltak starter når det som må være på plass "
        "først, er i gang, og når årets budsjett og kapasitet gir rom. Tiltak som angår flere "
        "sektorer, eies av flere sektorer sammen, hver med sin begrunnelse, slik at ansvaret "
        "ikke blir liggende hos én.",
        "The measures are placed on a calendar: a measure starts when what has to be in place "
        "first is under way and the year's budget and capacity leave room. Measures that "
        "concern several sectors are owned by several sectors together, each with its reason, "
        "so that the responsibility does not rest with one.",
    ),
    "report-plan-table-calendar": ("Tiltak, tidspunkt og eiere", "Measures, timing and owners"),
    "report-plan-empty": ("Ingen tiltak fikk plass i planen.",
                          "No measure fitted into the plan."),
    "report-timeline": ("Tidslinje", "Timeline"),
    "report-chart-gantt": ("Tiltakene fase for fase", "The measures phase by phase"),
    "report-chart-calendar": ("Tiltakene på kalenderen", "The measures on the calendar"),
    "report-chart-gantt-alt": (
        "Tidslinje med {count} tiltak i {phases} faser. {values}",
        "Timeline with {count} measures in {phases} phases. {values}",
    ),
    "report-chart-gantt-item": ("Fase {phase}: {measures}.", "Phase {phase}: {measures}."),
    "report-phase": ("Fase {phase}", "Phase {phase}"),
    "report-timeline-note": (
        "Fasene sier rekkefølgen, ikke datoer; tidspunkt for hver fase settes når planen "
        "vedtas.",
        "The phases give the order, not dates; the timing of each phase is set when the plan "
        "is adopted.",
    ),
    "report-plan-table": ("Tiltak, fase og eiere", "Measures, phase and owners"),
    "report-sheet-plan": ("Plan", "Plan"),
    "report-owners": ("Eierskap per sektor", "Ownership by sector"),
    "report-owners-lead": (
        "Arbeidstiden i planen fordelt på sektorene som eier tiltakene. Et tiltak som flere "
        "sektorer eier sammen, telles med hos hver av dem i kolonnen «Tiltak», så kolonnen "
        "summerer seg til mer enn planens {chosen} tiltak.",
        "The plan's working hours shared among the sectors that own the measures. A measure "
        "that several sectors own together counts for each of them in the column 'Measures', "
        "so the column adds up to more than the plan's {chosen} measures.",
    ),
    "report-owners-lead-single": (
        "Arbeidstiden i planen fordelt på sektorene som eier tiltakene.",
        "The plan's working hours shared among the sectors that own the measures.",
    ),
    "report-owners-unowned": (
        "{count} {count|tiltak|tiltak} i planen har ingen sektor som eier: {measures}. "
        "{count|Timene for det|Timene for dem} er ikke med i tabellen.",
        "{count} {count|measure|measures} in the plan {count|has|have} no owning sector: "
        "{measures}. {count|Its|Their} hours are not in the table.",
    ),
    "report-chart-owners": ("Timer per sektor", "Hours per sector"),
    "report-chart-owners-alt": (
        "Liggende søyler med timer per sektor: {values}.",
        "Horizontal bars with hours per sector: {values}.",
    ),
    "report-col-sector": ("Sektor", "Sector"),
    "report-col-share": ("Andel", "Share"),
    "report-col-measure-count": ("Tiltak", "Measures"),
    "report-sheet-owners": ("Eiere", "Owners"),
    "report-owners-none": ("Ingen sektor eier tiltak i planen.",
                           "No sector owns a measure in the plan."),
    "report-budget": ("Budsjett og kapasitet", "Budget and capacity"),
    "report-budget-table": ("Budsjett og kapasitet for planen",
                            "Budget and capacity for the plan"),
    "report-col-what": ("Hva", "What"),
    "report-col-limit": ("Ramme", "Limit"),
    "report-col-used": ("Brukt", "Used"),
    "report-col-left": ("Igjen", "Left"),
    "report-row-budget": ("Budsjett (kr)", "Budget (NOK)"),
    "report-row-capacity": ("Kapasitet (timer)", "Capacity (hours)"),
    "report-sheet-budget": ("Budsjett", "Budget"),
    "report-budget-whole": (
        "Rammene over gjelder hele planperioden; tabellen per år viser fordelingen.",
        "The limits above apply to the whole plan period; the table per year shows the spread.",
    ),
    "report-budget-years-own": (
        "Et år med «ingen egen grense» har ingen ramme for året alene; rammen for hele "
        "planen gjelder likevel.",
        "A year with 'no limit of its own' has no limit for that year alone; the limit for "
        "the whole plan still applies.",
    ),
    "report-budget-from-profile": ("Rammene er hentet fra profilen.",
                                   "The limits come from the profile."),
    "report-left": ("Utelatt, og hva som skal til", "Left out, and what it would take"),
    "report-left-none": ("Alle foreslåtte tiltak fikk plass innenfor rammene.",
                         "Every suggested measure fitted within the limits."),
    "report-left-lead": (
        "Disse tiltakene ble foreslått, men fikk ikke plass i planen; kolonnen «{why}» sier "
        "hva som stengte. Kolonnen til høyre sier hva som skal til for å få med hvert av dem: "
        "høyere rammer, en lengre planperiode eller plass til det det venter på. Kostnad og "
        "timer omfatter også tiltakene det bygger på som ikke er i planen (de er nevnt i "
        "kolonnen til høyre).",
        "These measures were suggested but did not fit into the plan; the column '{why}' says "
        "what stood in the way. The right-hand column says what it would take to include each "
        "of them: higher limits, a longer plan period, or room for what it waits for. Cost "
        "and hours include the measures it builds on that are not in the plan (named in the "
        "right-hand column).",
    ),
    "report-left-not-considered": (
        "{count} {count|forslag|forslag} utenfor de {top} best rangerte er ikke vurdert for "
        "planen og står derfor ikke her.",
        "{count} {count|suggestion|suggestions} outside the {top} best-ranked {count|was|were} "
        "not considered for the plan and so {count|is|are} not listed here.",
    ),
    "report-col-takes": ("Hva som skal til", "What it would take"),
    "report-sheet-left": ("Utelatt", "Left out"),
    "report-raise-budget": ("øk budsjettet med {more}", "raise the budget by {more}"),
    "report-raise-capacity": ("øk kapasiteten med {more}", "raise the capacity by {more}"),
    "report-with-needs": ("(sammen med {needs}, som det bygger på)",
                          "(together with {needs}, which it builds on)"),
    "report-fits": ("får plass uten å øke rammene", "fits without raising the limits"),
    "report-left-all": ("For å få med alle: {what}.", "To include them all: {what}."),
    "report-left-all-findings": ("For å få med alle som funnene støtter: {what}.",
                                 "To include all that the findings support: {what}."),
    "report-left-all-findings-but": (
        "For å få med alle som funnene støtter og som får plass innenfor planperioden: {what}. "
        "{count} {count|tiltak trenger|tiltak trenger} en lengre planperiode.",
        "To include all that the findings support and that fit within the plan period: "
        "{what}. {count} {count|measure needs|measures need} a longer plan period."),
    "report-left-fills": (
        "{count} {count|fast oppgave|faste oppgaver} fikk heller ikke plass; de er ikke regnet "
        "med her og tas med der det er plass igjen.",
        "{count} {count|standing task|standing tasks} did not fit either; they are not "
        "counted here and are taken where room is left."),
    "report-left-all-but": (
        "For å få med alle som får plass innenfor planperioden: {what}. {count} "
        "{count|tiltak trenger|tiltak trenger} en lengre planperiode.",
        "To include all that fit within the plan period: {what}. {count} "
        "{count|measure needs|measures need} a longer plan period.",
    ),
    "report-takes-horizon": ("en lengre planperiode; høyere rammer er ikke nok",
                             "a longer plan period; higher limits are not enough"),
    "report-takes-waits": ("at det det venter på, får plass først",
                           "that what it waits for gets room first"),
    "report-takes-no-room": ("at et tiltak med høyere prioritet tas ut",
                             "taking out a measure with a higher priority"),
    "report-raise-budget-year": ("øk budsjettet for {year} med {more}",
                                 "raise the budget for {year} by {more}"),
    "report-raise-capacity-year": ("øk kapasiteten for {year} med {more}",
                                   "raise the capacity for {year} by {more}"),
    "report-notes": ("Merknader", "Notes"),
    # follow-up
    "report-followup": ("Oppfølging og evaluering", "Follow-up and evaluation"),
    "report-followup-lead": (
        "Gjenta den samme kartleggingen hvert år (bindal-2024 6.2.10) og se om dimensjonene "
        "tiltakene retter seg mot, har flyttet seg. En endring innenfor usikkerheten i "
        "kartleggingen er ingen endring, og en kartlegging kan ikke bevise at et tiltak var "
        "årsaken. Piloter evalueres når de er ferdige, innen 12 måneder (bindal-2024 6.1.4).",
        "Repeat the same survey every year (bindal-2024 6.2.10) and see whether the "
        "dimensions the measures target have moved. A change within the survey's uncertainty "
        "is no change, and a survey cannot prove that a measure caused it. Pilots are "
        "evaluated when they end, within 12 months (bindal-2024 6.1.4).",
    ),
    "report-followup-table": ("Hva som viser at tiltakene virker",
                              "What will show that the measures work"),
    "report-col-evidence": ("Tegn på at det virker", "Sign that it works"),
    "report-col-watch": ("Følg med på", "Watch"),
    "report-col-when": ("Når", "When"),
    "report-sheet-followup": ("Oppfølging", "Follow-up"),
    "report-no-evidence": (
        "Katalogen har ikke et kriterium; avtal et synlig mål når tiltaket starter.",
        "The catalogue gives no criterion; agree on a visible goal when the measure starts.",
    ),
    "report-evidence-sourced": ("kilde: {sources}", "source: {sources}"),
    "report-evidence-own": ("vårt eget forslag, ikke fra kildene",
                            "our own suggestion, not from the sources"),
    "report-watch": ("{topic}: {level} mot mål {target}", "{topic}: {level} against {target}"),
    "report-when-pilot": ("når piloten avsluttes (under 12 måneder)",
                          "when the pilot ends (within 12 months)"),
    "report-when-survey": ("hvert år", "every year"),
    "report-when-yearly": ("ved neste årlige kartlegging", "at the next yearly survey"),
    # appendix
    "report-appendix": ("Vedlegg: metode", "Appendix: method"),
    "report-appendix-lead": (
        "Dette vedlegget forklarer hvordan tallene og valgene i planen er kommet fram, for "
        "dem som vil vite det.",
        "This appendix explains how the figures and choices in the plan were arrived at, for "
        "those who want to know.",
    ),
    "report-m-data": ("Data", "Data"),
    "report-m-data-survey": (
        "Profilen er laget av kartleggingen «{title}» ({file}): {used} svar brukt, {skipped} "
        "{skipped|rad|rader} hoppet over. Nivået er gjennomsnittet av svarene (1–5); "
        "fordelingen er andelen som svarte hvert trinn.",
        "The profile was made from the survey '{title}' ({file}): {used} answers used, "
        "{skipped} {skipped|row|rows} skipped. The level is the mean of the answers (1–5); the "
        "distribution is the share giving each answer.",
    ),
    "report-m-data-profile": (
        "Profilen ({file}) er gitt i formatet tiltak.profile/1; nivå, mål og fordeling er "
        "tatt slik profilen oppgir dem.",
        "The profile ({file}) is given in the format tiltak.profile/1; levels, targets and "
        "distributions are taken as the profile gives them.",
    ),
    "report-m-targets": (
        "Mål: profilens egne mål der de er gitt, ellers katalogens standardmål per område og "
        "dimensjon. Gap = mål − nivå når nivået er under målet, ellers 0.",
        "Targets: the profile's own targets where given, else the catalogue's default per "
        "area and dimension. Gap = target − level when the level is below the target, else 0.",
    ),
    "report-m-tests": ("Forskjeller mellom grupper", "Differences between groups"),
    "report-m-tests-text": (
        "Mann-Whitney U (to grupper) eller Kruskal-Wallis (flere grupper) på hver persons "
        "gjennomsnitt per område og dimensjon, bare for publiserte grupper; {tests} tester, "
        "p-verdiene justert samlet (Benjamini-Hochberg) og regnet som tydelige under "
        "α = {alpha}.",
        "Mann-Whitney U (two groups) or Kruskal-Wallis (more groups) on each person's mean "
        "per area and dimension, published groups only; {tests} tests, p-values adjusted "
        "together (Benjamini-Hochberg) and counted as clear below α = {alpha}.",
    ),
    "report-m-suggest": ("Forslagene", "The suggestions"),
    "report-m-suggest-text": (
        "Forslagene kommer fra {rules} regler i YAML som matcher profilen mot en katalog med "
        "{measures} tiltak. Hver regel gir poeng til tiltak når vilkårene holder; poengene "
        "summeres og rangerer tiltakene. Regler kan også holde tiltak tilbake (for eksempel "
        "kurs når holdningene er lave).",
        "The suggestions come from {rules} YAML rules that match the profile against a "
        "catalogue of {measures} measures. Each rule gives points to measures when its "
        "conditions hold; the points add up and rank the measures. Rules can also hold "
        "measures back (for example courses when attitudes are low).",
    ),
    "report-m-selection": ("Utvalget", "The selection"),
    "report-m-selection-text": (
        "Planen tar med det settet av tiltak som gir høyest samlet poeng innenfor budsjett "
        "og kapasitet, der et valgt tiltak alltid tar med seg forutsetningene sine. Det er "
        "løst eksakt som et heltallsprogram (0/1 MILP, HiGHS via scipy); ved likhet vinner "
        "tiltak med bedre rangering.{exact}",
        "The plan takes the set of measures with the highest total score within budget and "
        "capacity, a chosen measure always bringing its prerequisites. It is solved exactly "
        "as an integer programme (0/1 MILP, HiGHS via scipy); ties go to better-ranked "
        "measures.{exact}",
    ),
    "report-m-not-exact": (" Løseren ble ikke ferdig; utvalget er det beste som ble funnet.",
                           " The solver did not finish; the selection is the best found."),
    "report-m-phases": (
        "Faser: tiltakene ordnes etter forutsetningene sine (topologiske generasjoner i "
        "grafen av forutsetninger).",
        "Phases: the measures are ordered by their prerequisites (topological generations of "
        "the prerequisite graph).",
    ),
    "report-m-owners": ("Eierskap", "Ownership"),
    "report-m-owners-text": (
        "Eiere er sektorene som trenger tiltaket (gap i tiltakets områder i sektorens egne "
        "tall), sektorene katalogen knytter til det der profilen mangler tall, og sektorene "
        "de andre eierne henter kompetanse fra (avhengighetsgrafen), med tverrsektorielle "
        "organer som koordinatorer; andelene følger gapets størrelse, og hver eier har sin "
        "begrunnelse. Konsentrasjonen måles med Herfindahl-indeksen (summen av kvadrerte "
        "andeler; 1/n er helt jevnt): {hhi}.",
        "Owners are the sectors that need the measure (a gap in its areas in the sector's own "
        "figures), the sectors the catalogue links to it where the profile has no figures, "
        "and the sectors the other owners rely on for competence (the dependency graph), with "
        "cross-sector bodies as coordinators; shares follow the size of the gap, and each "
        "owner has its reason. Concentration is measured by the Herfindahl index (the sum of "
        "squared shares; 1/n is perfectly even): {hhi}.",
    ),
    "report-m-hhi": ("{hhi} på tvers av {n} sektorer", "{hhi} across {n} sectors"),
    "report-m-relax": (
        "Hva som skal til for et utelatt tiltak: den minste økningen i budsjett og kapasitet "
        "som gir plass til tiltaket og forutsetningene det mangler ved siden av planen.",
        "What a left-out measure would take: the smallest increase in budget and capacity "
        "that makes room for it and its missing prerequisites beside the plan.",
    ),
    "report-m-sources": ("Kilder", "Sources"),
    "report-m-sources-text": (
        "Tiltakene i planen bygger på disse dokumentene (nøkkel og avsnitt står ved hvert "
        "tiltak): {documents}.",
        "The measures in the plan draw on these documents (key and section are given with "
        "each measure): {documents}.",
    ),
    "report-m-determinism": (
        "Samme inndata gir alltid samme dokument.",
        "The same input always gives the same document.",
    ),
    "report-change": ("Endring siden forrige kartlegging", "Change since the last survey"),
    "report-change-lead": (
        "Forrige kartlegging hadde {before} svar, denne {after}. For hele organisasjonen er "
        "{improved} av {total} tall for område og dimensjon klart bedre, {declined} klart "
        "svakere og {unclear} uten klar endring.",
        "The last survey had {before} respondents, this one {after}. For the whole "
        "organisation, of {total} figures per area and dimension, {improved} are clearly "
        "better, {declined} clearly weaker and {unclear} show no clear change.",
    ),
    "report-change-not-compared": (
        "{count} tall kunne ikke sammenlignes: de mangler i en av kartleggingene eller har "
        "for få svar.",
        "{count} {count|figure|figures} could not be compared: missing from one of the two "
        "surveys or with too few answers.",
    ),
    "report-chart-change": ("Nivå i fjor og i år", "Level last year and this year"),
    "report-chart-change-alt": (
        "Søyler parvis for forrige og denne kartleggingen: {values}.",
        "Paired bars for the last and this survey: {values}.",
    ),
    "report-chart-change-item": ("{topic} {before} til {after} ({verdict})",
                                 "{topic} {before} to {after} ({verdict})"),
    "report-before": ("Forrige", "Last"),
    "report-after": ("Nå", "Now"),
    "report-col-change": ("Endring", "Change"),
    "report-col-verdict": ("Vurdering", "Verdict"),
    "report-change-table": ("Endring per område og dimensjon",
                            "Change per area and dimension"),
    "report-sheet-change": ("Endring", "Change"),
    "report-change-segment": ("{group}: {topic} {verdict} ({before} til {after}).",
                              "{group}: {topic} {verdict} ({before} to {after})."),
    "report-change-segments": ("Klare endringer i gruppene:", "Clear changes in the groups:"),
    "report-change-measures": ("Fjorårets tiltak:", "Last year's measures:"),
    "report-change-honest": (
        "En endring innenfor usikkerheten i kartleggingen regnes som ingen endring. En "
        "kartlegging kan ikke si at et tiltak var årsaken til en endring.",
        "A change within the survey's uncertainty counts as no change. A survey cannot say "
        "that a measure caused a change.",
    ),
    "report-m-change": (
        "Endring fra i fjor: Welchs konfidensintervall for forskjellen i gjennomsnitt, ut "
        "fra antall svar og fordelingen av dem ({confidence} konfidens), med {correction}-"
        "korreksjon for {comparisons} sammenligninger (α = {alpha}); grupper under {minimum} "
        "svar sammenlignes ikke.",
        "Change from last year: Welch's confidence interval for the difference in means, from "
        "the respondent counts and their distributions ({confidence} confidence), with a "
        "{correction} correction for {comparisons} comparisons (α = {alpha}); groups below "
        "{minimum} respondents are not compared.",
    ),
    "report-rounds": ("hvert år: {rounds}", "every year: {rounds}"),
    "report-status-when": ("Ja, {when}", "Yes, {when}"),
    "report-status-left-because": ("Nei: {why}", "No: {why}"),
    "report-chart-calendar-alt": (
        "Tidslinje fra {start} til {end} med {count} tiltak. {values}",
        "Timeline from {start} to {end} with {count} measures. {values}",
    ),
    "report-calendar-note": (
        "Planen starter {start} og varer {years} år. Et tiltak starter når det det bygger "
        "på er i gang, og når årets rammer gir rom; gjentatte tiltak (som den årlige "
        "kartleggingen) står med hver runde.",
        "The plan starts in {start} and runs for {years} years. A measure starts when what "
        "it builds on is under way and the year's limits leave room; recurring measures "
        "(such as the yearly survey) show each round.",
    ),
    "report-col-when-plan": ("Når", "When"),
    "report-per-year-table": ("Penger og timer per år", "Money and hours per year"),
    "report-col-year": ("År", "Year"),
    "report-col-budget-limit": ("Budsjett (kr)", "Budget (NOK)"),
    "report-col-capacity-limit": ("Kapasitet (timer)", "Capacity (hours)"),
    "report-col-starts": ("Starter", "Starting"),
    "report-col-running": ("Pågår", "Running"),
    "report-sheet-years": ("Per år", "Per year"),
    "report-col-left-why": ("Hvorfor utelatt", "Why left out"),
    "report-m-calendar": (
        "Kalender: tiltakene legges inn ett og ett, høyest prioritet først, i den første "
        "måneden forutsetningene og hvert års rammer tillater, slik at arbeidet holder et "
        "jevnt tempo gjennom planperioden. Varigheten kommer fra katalogen (en pilot under "
        "12 måneder, bindal-2024 6.1.4).",
        "Calendar: the measures are placed one by one, highest priority first, in the first "
        "month their prerequisites and every year's limits allow, so that the work keeps an "
        "even pace through the plan period. Durations come from the catalogue (a pilot under "
        "12 months, bindal-2024 6.1.4).",
    ),
    "report-chart-note": ("Figur: {title}", "Figure: {title}"),
})
