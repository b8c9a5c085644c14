"""Every text of the comparison, in Norwegian bokmål and English."""

from __future__ import annotations

from typing import Any

from tiltak._i18n import add_messages
from tiltak._validation import Text

add_messages({
    # errors
    "compare-input-type": (
        "forventet en profil (fil, JSON eller tabell) eller en eksport, fant {got}",
        "expected a profile (file, JSON or mapping) or a survey export, found {got}",
    ),
    "compare-needs-survey": (
        "ser ut som en eksport fra en spørreundersøkelse; oppgi definisjonen med --survey "
        "(for eksempel --survey ksaa)",
        "looks like a survey export; give its definition with --survey (for example "
        "--survey ksaa)",
    ),
    "compare-subject-differs": (
        "{field} er «{value}» her, men «{other_value}» i {other}; begge årene må gjelde "
        "den samme",
        "{field} is '{value}' here but '{other_value}' in {other}; both years must describe "
        "the same subject",
    ),
    "compare-survey-differs": (
        "undersøkelsen er «{value}» her, men «{other_value}» i {other}; bare to runder av "
        "samme undersøkelse kan sammenlignes",
        "the survey is '{value}' here but '{other_value}' in {other}; only two rounds of the "
        "same survey can be compared",
    ),
    "compare-area-missing": (
        "området «{area}» finnes ikke i {other}; de to årene må måle de samme områdene",
        "area '{area}' is not in {other}; the two years must measure the same areas",
    ),
    "compare-questions-differ": (
        "{area}/{dimension} måles ikke likt som i {other} (ulike {detail_nb}); endrede "
        "spørsmål eller svarskalaer gir tall som ikke kan sammenlignes",
        "{area}/{dimension} is not measured as in {other} (different {detail}); changed "
        "questions or answer scales give numbers that cannot be compared",
    ),
    "compare-plan-not-plan": (
        "forventet en plan (tiltak.plan/1) som JSON-objekt, fant {got}",
        "expected a plan (tiltak.plan/1) as a JSON object, found {got}",
    ),
    "compare-plan-format": (
        "«{value}» er ikke en plan; forventet format {expected} (fra tiltak plan --format json)",
        "'{value}' is not a plan; expected format {expected} (from tiltak plan --format json)",
    ),
    "compare-plan-unknown-measure": (
        "tiltaket «{value}» finnes ikke i katalogen",
        "measure '{value}' is not in the catalogue",
    ),
    "compare-plan-subject": (
        "planen gjelder «{value}», men undersøkelsen gjelder «{other_value}»",
        "the plan is for '{value}' but the survey is about '{other_value}'",
    ),
    "compare-not-running": (
        "tiltaket «{value}» er ikke i gang og kan ikke avsluttes; i gang: {running}",
        "measure '{value}' is not running, so it cannot be ended; running: {running}",
    ),
    "compare-bad-option": (
        "{name} = {value}: forventet {expected}",
        "{name} = {value}: expected {expected}",
    ),
    # warnings
    "compare-warn-bound": (
        "Noen nivåer har ingen svarfordeling. Der er den største mulige spredningen for "
        "nivået brukt, så en endring må være større for å regnes som klar.",
        "Some levels have no answer distribution. For those the widest spread possible for "
        "the level was assumed, so a change must be larger to count as clear.",
    ),
    "compare-warn-group-count": (
        "Noen nivåer mangler antall svar; antallet i hele gruppen er brukt i stedet.",
        "Some levels have no respondent count; the count for the whole group was used "
        "instead.",
    ),
    "compare-warn-nothing": (
        "Ingenting kunne sammenlignes.",
        "Nothing could be compared.",
    ),
    # measures
    "compare-m-improved": (
        "Bedre: {dims}. Undersøkelsen kan ikke si om det var tiltaket som gjorde forskjellen.",
        "Improved: {dims}. The survey cannot say whether the measure made the difference.",
    ),
    "compare-m-declined": ("Svakere: {dims}.", "Declined: {dims}."),
    "compare-m-unchanged": ("Ingen klar endring: {dims}.", "No clear change: {dims}."),
    "compare-m-targets-reached": (
        "Alle målene tiltaket retter seg mot, er nådd: foreslå å avslutte det eller gjøre det "
        "til en del av den vanlige driften.",
        "Every target the measure aims at is reached: propose ending it or making it part of "
        "ordinary work.",
    ),
    "compare-m-no-movement": (
        "Tiltaket har gått i {months} måneder (planlagt {duration}) uten klar bedring i det "
        "det retter seg mot: vurder om det virker som tenkt.",
        "The measure has run for {months} months (planned: {duration}) without a clear "
        "improvement in what it targets: review whether it works as intended.",
    ),
    "compare-m-improving": (
        "Fortsett; målet er ikke nådd ennå.",
        "Continue; the target is not reached yet.",
    ),
    "compare-m-not-started": (
        "For tidlig å si: planen starter tiltaket i {start}, etter den andre målingen.",
        "Too early to say: the plan starts the measure in {start}, after the second survey.",
    ),
    "compare-m-too-early": (
        "For tidlig å si: tiltaket har gått i {months} av planlagt {duration} måneder.",
        "Too early to say: the measure has run {months} of its planned {duration} months.",
    ),
    "compare-m-not-surveyed": (
        "Undersøkelsen måler ikke det tiltaket retter seg mot ({dims}); følg det opp på "
        "annen måte.",
        "The survey does not measure what the measure targets ({dims}); follow it up "
        "another way.",
    ),
    # verdicts and reasons
    "compare-v-improved": ("bedre", "improved"),
    "compare-v-declined": ("svakere", "declined"),
    "compare-v-no_clear_change": ("ingen klar endring", "no clear change"),
    "compare-v-not_compared": ("ikke sammenlignet", "not compared"),
    "compare-why-clear_change": ("klar endring", "clear change"),
    "compare-why-within_noise": ("innenfor usikkerheten", "within the noise"),
    "compare-why-not_clear_after_correction": (
        "ikke klar når så mange tall sammenlignes",
        "not clear when this many numbers are compared",
    ),
    "compare-why-not_published_before": (
        "ikke publisert i første måling (holdt tilbake for anonymitet eller ingen svar)",
        "not published in the first survey (withheld for anonymity or no answers)",
    ),
    "compare-why-not_published_after": (
        "ikke publisert i andre måling (holdt tilbake for anonymitet eller ingen svar)",
        "not published in the second survey (withheld for anonymity or no answers)",
    ),
    "compare-why-below_minimum": (
        "færre svar enn minstegrensen i ett av årene",
        "fewer respondents than the minimum in one of the years",
    ),
    "compare-why-no_respondent_count": (
        "antall svar er ukjent",
        "the number of respondents is unknown",
    ),
    "compare-status-propose_ending": ("foreslå å avslutte", "propose ending"),
    "compare-status-review": ("vurder", "review"),
    "compare-status-continue": ("fortsett", "continue"),
    "compare-status-not_assessed": ("ikke vurdert", "not assessed"),
    # report
    "compare-r-title": ("Sammenligning av to målinger: {name}",
                        "Comparison of two surveys: {name}"),
    "compare-r-unnamed": ("uten navn", "unnamed"),
    "compare-r-respondents": (
        "Første måling: {before} svar. Andre måling: {after} svar.",
        "First survey: {before} respondents. Second survey: {after} respondents.",
    ),
    "compare-r-method": (
        "Metode: endringen i gjennomsnittsnivå med {confidence} konfidensintervall (Welchs "
        "t-test); {correction}-korreksjon over {comparisons} sammenligninger, slik at sjansen "
        "for {risk} er høyst {alpha}. En endring innenfor usikkerheten er «ingen klar endring», "
        "aldri fremgang.",
        "Method: the change in mean level with a {confidence} confidence interval (Welch's "
        "t-test); {correction} correction over {comparisons} comparisons, so that the chance "
        "of {risk} is at most {alpha}. A change within the noise is 'no clear change', never "
        "progress.",
    ),
    "compare-r-risk-holm": (
        "at minst én rapportert endring bare er tilfeldig",
        "even one reported change being chance",
    ),
    "compare-r-risk-bh": (
        "tilfeldige endringer blant de rapporterte i snitt",
        "chance changes among those reported, on average,",
    ),
    "compare-r-whole": ("Hele organisasjonen", "The whole organisation"),
    "compare-r-segments": ("Grupper med klar endring", "Groups with a clear change"),
    "compare-r-no-segment-change": (
        "Ingen gruppe har en klar endring.",
        "No group has a clear change.",
    ),
    "compare-r-not-compared-groups": (
        "Ikke sammenlignet: {groups} (holdt tilbake for anonymitet, færre svar enn {minimum}, "
        "eller bare med i ett av årene).",
        "Not compared: {groups} (withheld for anonymity, fewer than {minimum} respondents, or "
        "present in one year only).",
    ),
    "compare-r-measures": ("Tiltakene i fjorårets plan", "The measures in last year's plan"),
    "compare-r-no-plan": (
        "Gi fjorårets plan (--plan) for å følge opp tiltakene.",
        "Give last year's plan (--plan) to follow up its measures.",
    ),
    "compare-r-warnings": ("Merknader", "Notes"),
    "compare-r-low-high": ("lave {before} → {after}, høye {hbefore} → {hafter}",
                           "low {before} → {after}, high {hbefore} → {hafter}"),
    "compare-r-interval": ("{low} til {high}", "{low} to {high}"),
    "compare-r-col-area": ("Område", "Area"),
    "compare-r-col-dim": ("Dimensjon", "Dimension"),
    "compare-r-col-before": ("Før", "Before"),
    "compare-r-col-after": ("Etter", "After"),
    "compare-r-col-change": ("Endring", "Change"),
    "compare-r-col-interval": ("Usikkerhet", "Interval"),
    "compare-r-col-low": ("Lave svar (1–2)", "Low answers (1–2)"),
    "compare-r-col-high": ("Høye svar (4–5)", "High answers (4–5)"),
    "compare-r-col-verdict": ("Vurdering", "Verdict"),
    "compare-r-col-group": ("Gruppe", "Group"),
    "compare-r-col-measure": ("Tiltak", "Measure"),
    "compare-r-col-status": ("Status", "Status"),
    "compare-r-col-followup": ("Oppfølging", "Follow-up"),
})


def message_text(key: str, /, **params: Any) -> Text:
    """A message in both languages."""
    return Text.of(key, **params)
