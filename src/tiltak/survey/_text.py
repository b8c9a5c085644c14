"""Messages for survey import, in Norwegian bokmål and English (keys start with ``survey-``)."""

from __future__ import annotations

from tiltak._i18n import add_messages

add_messages({
    # definition
    "survey-unknown-scale": (
        "ukjent svarskala «{value}»; definerte: {known}",
        "unknown answer scale '{value}'; defined: {known}",
    ),
    "survey-duplicate-column": (
        "kolonnen «{column}» er brukt to ganger (også i {other})",
        "column '{column}' is used twice (also in {other})",
    ),
    "survey-duplicate-by": (
        "bakgrunnsvariabelen «{by}» er definert to ganger",
        "background variable '{by}' is defined twice",
    ),
    "survey-duplicate-answer": (
        "svaret «{answer}» står to ganger (også i {other})",
        "answer '{answer}' is listed twice (also in {other})",
    ),
    "survey-duplicate-value": (
        "verdien «{value}» står to ganger", "value '{value}' is listed twice",
    ),
    "survey-minimum-low": (
        "minste gruppe må være minst 3 (anonymitet), fant {value}",
        "the minimum group must be at least 3 (anonymity), found {value}",
    ),
    "survey-no-questions": ("definisjonen har ingen spørsmål", "the definition has no questions"),
    "survey-scale-no-levels": (
        "skalaen har ingen svar med nivå 1-5", "the scale has no answer with a level 1-5",
    ),
    # reading the export
    "survey-unsupported-file": (
        "ukjent filtype «{suffix}»; forventet .csv, .txt eller .xlsx",
        "unknown file type '{suffix}'; expected .csv, .txt or .xlsx",
    ),
    "survey-binary": (
        "filen ser ikke ut som tekst (CSV) i en kjent koding (UTF-8, UTF-16, Windows-1252); "
        "lagre den på nytt som CSV (UTF-8) eller Excel-arbeidsbok (.xlsx)",
        "the file does not look like text (CSV) in a known encoding (UTF-8, UTF-16, "
        "Windows-1252); save it again as CSV (UTF-8) or an Excel workbook (.xlsx)",
    ),
    "survey-nul": (
        "et NUL-tegn (byte 0x00) står her: filen er ikke ren tekst; lagre den på nytt som CSV "
        "(UTF-8) eller Excel-arbeidsbok (.xlsx)",
        "a NUL character (byte 0x00) is here: the file is not plain text; save it again as CSV "
        "(UTF-8) or an Excel workbook (.xlsx)",
    ),
    "survey-quote-unclosed": (
        "anførselstegnet som begynner på linje {line}, kolonne {column} (celle {cell}) blir "
        "aldri lukket; en celle som begynner med \" må slutte med \" (og et anførselstegn inne "
        "i en celle skrives to ganger: \"\")",
        "the quote starting at line {line}, column {column} (cell {cell}) is never closed; a "
        "cell that starts with \" must end with \" (and a quote inside a cell is written "
        "twice: \"\")",
    ),
    "survey-quote-runs-on": (
        "anførselstegnet som begynner på linje {line}, kolonne {column} (celle {cell}) lukkes "
        "ikke på sin linje: cellen fortsetter til linje {at_line}, der et anførselstegn følges "
        "av mer tekst (kolonne {at_column}); lukk anførselstegnet, eller skriv et "
        "anførselstegn inne i en celle to ganger (\"\")",
        "the quote starting at line {line}, column {column} (cell {cell}) is not closed on its "
        "line: the cell runs on to line {at_line}, where a quote is followed by more text "
        "(column {at_column}); close the quote, or write a quote inside a cell twice (\"\")",
    ),
    "survey-quote-text-after": (
        "tekst etter anførselstegnet som lukker celle {cell} (som begynner i kolonne {column}); "
        "et anførselstegn inne i en celle skrives to ganger (\"\"), og hele cellen settes i "
        "anførselstegn",
        "text after the quote that closes cell {cell} (which starts at column {column}); a "
        "quote inside a cell is written twice (\"\"), with the whole cell in quotes",
    ),
    "survey-bad-encoding": (
        "filen kan ikke leses som {encoding} (byte {offset})",
        "the file cannot be read as {encoding} (byte {offset})",
    ),
    "survey-mojibake": (
        "teksten ser feilkodet ut («{sample}»): filen er trolig UTF-8, men ble lest som "
        "{encoding}; prøv --encoding utf-8",
        "the text looks mis-decoded ('{sample}'): the file is probably UTF-8 but was read as "
        "{encoding}; try --encoding utf-8",
    ),
    "survey-xlsx-unreadable": (
        "kan ikke lese Excel-filen: {reason}", "cannot read the Excel file: {reason}",
    ),
    "survey-empty-export": (
        "eksporten har ingen overskriftsrad", "the export has no header row",
    ),
    "survey-missing-column": (
        "kolonnen «{column}» ({what}) mangler i eksporten",
        "column '{column}' ({what}) is missing from the export",
    ),
    "survey-missing-column-close": (
        "kolonnen «{column}» ({what}) mangler i eksporten; mente du «{close}»? (endret "
        "spørsmålstekst må også endres i definisjonen)",
        "column '{column}' ({what}) is missing from the export; did you mean '{close}'? (a "
        "changed question text must also be changed in the definition)",
    ),
    "survey-column-twice": (
        "kolonnen «{column}» finnes to ganger i eksporten (også kolonne {other})",
        "column '{column}' appears twice in the export (also column {other})",
    ),
    "survey-unknown-answer": (
        "svaret «{answer}» står ikke i definisjonen; forventet en av: {expected}",
        "answer '{answer}' is not in the definition; expected one of: {expected}",
    ),
    "survey-row-width": (
        "raden har {got} felt, men overskriften har {expected}",
        "the row has {got} fields but the header has {expected}",
    ),
    "survey-duplicate-id": (
        "svar-ID «{id}» står to ganger (første gang på rad {first})",
        "respondent id '{id}' appears twice (first on row {first})",
    ),
    "survey-missing-id": ("svar-ID mangler", "the respondent id is missing"),
    "survey-no-rows": (
        "eksporten har ingen brukbare svar ({skipped} {skipped|rad|rader} hoppet over)",
        "the export has no usable answers ({skipped} {skipped|row|rows} skipped)",
    ),
    "survey-too-few": (
        "bare {count} svar; minst {minimum} trengs for å publisere noe (anonymitet)",
        "only {count} {count|response|responses}; at least {minimum} are needed to publish "
        "anything (anonymity)",
    ),
    "survey-unknown-definition": (
        "finner ikke kartleggingsdefinisjonen «{value}»; medfølgende: {known}",
        "survey definition '{value}' not found; bundled: {known}",
    ),
    # warnings and summary (stderr)
    "survey-summary": (
        "{used} svar brukt, {skipped} {skipped|rad|rader} hoppet over ({file})",
        "{used} {used|response|responses} used, {skipped} {skipped|row|rows} skipped ({file})",
    ),
    "survey-skip-empty": (
        "{count} {count|tom rad|tomme rader} hoppet over",
        "{count} empty {count|row|rows} skipped",
    ),
    "survey-skip-unanswered": (
        "{count} {count|rad|rader} uten svar på noen kompetansespørsmål hoppet over",
        "{count} {count|row|rows} with no answer to any competence question skipped",
    ),
    "survey-many-header-row": (
        "rad {row} ser ut som en ekstra overskriftsrad, ikke svar ({count} celler, f.eks. "
        "«{answer}»): sett header_row: {next} i definisjonen (kolonnenavnene står da på rad "
        "{next}), eller slett raden",
        "row {row} looks like a second header row, not answers ({count} cells, e.g. "
        "'{answer}'): set header_row: {next} in the definition (the column names are then "
        "read from row {next}), or delete the row",
    ),
    "survey-many-numeric": (
        "{count} svar i {columns} kolonne(r) er tall ({answers}; første i rad {row}, "
        "kolonne {col}), men skalaen har bare svartekster. Eksporten koder trolig "
        "svarene som tall: legg til "
        "«codes: 1-5» (eller en liste kode: nivå) i skalaen i definisjonen",
        "{count} answers in {columns} column(s) are numbers ({answers}; first in row {row}, "
        "column {col}), but the scale only has answer texts. The export probably codes "
        "answers as numbers: "
        "add 'codes: 1-5' (or a list code: level) to the scale in the definition",
    ),
    "survey-many-unknown": (
        "{count} svar i denne kolonnen finnes ikke i definisjonen ({answers}); forventet: "
        "{expected}. Har eksporten andre svartekster enn definisjonen? Legg dem til i "
        "skalaen eller bakgrunnsvariabelen",
        "{count} answers in this column are not in the definition ({answers}); expected: "
        "{expected}. Does the export use other answer texts than the definition? Add them "
        "to the scale or background variable",
    ),
    # 10-FAKTOR
    "survey-is-tenfactor": (
        "«{value}» er en kobling for KS 10-FAKTOR (snitt per enhet), ikke en "
        "kartleggingsdefinisjon: bruk import_tenfactor (eller tiltak survey TABELL --survey "
        "{value})",
        "'{value}' is a KS 10-FAKTOR mapping (means per unit), not a survey definition: use "
        "import_tenfactor (or tiltak survey TABLE --survey {value})",
    ),
    "tenfactor-summary": (
        "{units} enhet(er) fra 10-FAKTOR-tabellen ble til profiler ({file})",
        "{units} unit(s) from the 10-FAKTOR table became profiles ({file})",
    ),
    "tenfactor-withheld": (
        "{count} enhet(er) med færre enn {minimum} svar fikk ingen profil (anonymitet, som "
        "i KS' egne rapporter)",
        "{count} unit(s) with fewer than {minimum} respondents got no profile (anonymity, "
        "as in KS' own reports)",
    ),
    "tenfactor-duplicate-factor": (
        "faktor {number} står to ganger i koblingen", "factor {number} appears twice",
    ),
    "tenfactor-missing-unit": (
        "finner ingen kolonne med enhetsnavn (ventet en av {names})",
        "no column with unit names (expected one of {names})",
    ),
    "tenfactor-no-factors": (
        "finner ingen av de ti faktorene i overskriften (f.eks. {names}); er dette en "
        "10-FAKTOR-tabell med snitt per enhet?",
        "none of the ten factors is in the header (e.g. {names}); is this a 10-FAKTOR "
        "table with means per unit?",
    ),
    "tenfactor-warn-missing-factors": (
        "disse faktorene finnes ikke i tabellen og brukes ikke: {names}",
        "these factors are not in the table and are not used: {names}",
    ),
    "tenfactor-warn-no-counts": (
        "tabellen har ikke antall svar per enhet, så minstekravet ({minimum} svar) kan ikke "
        "kontrolleres; bruk bare tall KS selv har publisert for enheten",
        "the table has no respondent counts per unit, so the minimum ({minimum} "
        "respondents) cannot be checked; use only results KS itself published for the unit",
    ),
    "tenfactor-missing-name": ("enheten mangler navn", "the unit has no name"),
    "tenfactor-bad-count": (
        "antall svar «{value}» er ikke et helt tall", "respondents '{value}' is not a whole number",
    ),
    "tenfactor-bad-mean": (
        "«{value}» ({factor}) er ikke et snitt mellom 1 og 5",
        "'{value}' ({factor}) is not a mean between 1 and 5",
    ),
    "tenfactor-duplicate-unit": (
        "enheten «{unit}» står to ganger (første gang på rad {first})",
        "unit '{unit}' appears twice (first on row {first})",
    ),
    "tenfactor-no-units": (
        "ingen enhet fikk profil ({withheld} hadde færre enn {minimum} svar)",
        "no unit got a profile ({withheld} had fewer than {minimum} respondents)",
    ),
    "survey-warn-second-header": (
        "rad {row} er lest som en ekstra overskriftsrad (ingen av cellene er svar "
        "definisjonen kjenner)",
        "row {row} is read as a second header row (none of its cells is an answer the "
        "definition knows)",
    ),
    "survey-warn-header-row": (
        "kolonnenavnene ble funnet på rad {row}; radene over er lest som overskrifter "
        "(sett header_row i definisjonen for å velge selv)",
        "the column names were found on row {row}; the rows above are read as headings "
        "(set header_row in the definition to choose)",
    ),
    "survey-header-row-missing": (
        "definisjonen sier at kolonnenavnene står på rad {row} (header_row), men filen har "
        "ikke så mange rader",
        "the definition puts the column names on row {row} (header_row), but the file has "
        "fewer rows",
    ),
    "survey-warn-encoding": (
        "filen er ikke UTF-8; lest som {encoding}",
        "the file is not UTF-8; read as {encoding}",
    ),
    "survey-warn-ignored-columns": (
        "{count} {count|kolonne|kolonner} i eksporten brukes ikke av definisjonen: {columns}",
        "{count} {count|column|columns} in the export {count|is|are} not used by the "
        "definition: {columns}",
    ),
    "survey-withheld": (
        "{variable}: {count} {count|gruppe|grupper} ikke publisert (anonymitet: minst {minimum} "
        "svar per gruppe, og ingen skjult gruppe skal kunne regnes ut av de publiserte tallene)",
        "{variable}: {count} {count|group|groups} not published (anonymity: at least {minimum} "
        "responses per group, and no hidden group may be computable from the published numbers)",
    ),
    "survey-withheld-cells": (
        "{variable}: {count} område/dimensjon-{count|celle|celler} i publiserte grupper ikke "
        "publisert (for få svar på de spørsmålene, eller for å beskytte en skjult celle)",
        "{variable}: {count} area/dimension {count|cell|cells} in published groups not published "
        "(too few answers to those questions, or to protect a hidden cell)",
    ),
    "survey-audit-limited": (
        "anonymitetskontrollen nådde arbeidsgrensen sin; for å være sikker ble {count} "
        "gruppe(r) til holdt tilbake uten full kontroll (kan være flere enn nødvendig; "
        "høyere --audit-limit kontrollerer grundigere)",
        "the anonymity check reached its work limit; to stay safe {count} more group(s) "
        "were withheld without a full check (possibly more than needed; a higher "
        "--audit-limit checks more thoroughly)",
    ),
    "survey-withheld-total": (
        "{count} område/dimensjon-{count|celle|celler} for hele virksomheten ikke publisert "
        "(færre enn {minimum} svar)",
        "{count} area/dimension {count|cell|cells} for the whole organisation not published "
        "(fewer than {minimum} answers)",
    ),
    # findings
    "survey-finding-two": (
        "{topic} er høyere blant {high} enn blant {low}",
        "{topic} {verb} higher among {high} than among {low}",
    ),
    "survey-finding-many": (
        "{topic} er høyest blant {high} og lavest blant {low} (forskjeller etter {variable})",
        "{topic} {verb} highest among {high} and lowest among {low} (differences by "
        "{variable})",
    ),
    "survey-finding-stats": (
        "{test}, p {p} (justert {q}), effektstørrelse {effect_name} = {effect}, n = {n}",
        "{test}, p {p} (adjusted {q}), effect size {effect_name} = {effect}, n = {n}",
    ),
    # report
    "survey-report-title": ("Kartlegging: {title}", "Survey: {title}"),
    "survey-report-respondents": (
        "{count} svar brukt, {skipped} {skipped|rad|rader} hoppet over",
        "{count} {count|response|responses} used, {skipped} {skipped|row|rows} skipped",
    ),
    "survey-report-levels": ("Nivå for hele virksomheten", "Levels for the whole organisation"),
    "survey-report-findings": ("Forskjeller mellom grupper", "Differences between groups"),
    "survey-report-no-findings": (
        "Ingen sikre forskjeller mellom grupper (Benjamini-Hochberg, α = {alpha}).",
        "No reliable differences between groups (Benjamini-Hochberg, α = {alpha}).",
    ),
    "survey-report-method": (
        "Metode: Mann-Whitney U (to grupper) eller Kruskal-Wallis (flere), bare publiserte "
        "grupper, p-verdier justert for {tests} tester (Benjamini-Hochberg, α = {alpha}).",
        "Method: Mann-Whitney U (two groups) or Kruskal-Wallis (more), published groups only, "
        "p-values adjusted for {tests} tests (Benjamini-Hochberg, α = {alpha}).",
    ),
    "survey-report-anonymity": ("Anonymitet", "Anonymity"),
    "survey-report-all-published": (
        "Alle grupper er publisert (minst {minimum} svar i hver).",
        "All groups are published (at least {minimum} responses in each).",
    ),
    "survey-report-warnings": ("Advarsler", "Warnings"),
    "survey-report-hidden-cell": ("skjult", "withheld"),
    # CLI
    "survey-cli-definition-required": (
        "oppgi en kartleggingsdefinisjon med --survey FIL eller navnet på en medfølgende ({known})",
        "give a survey definition with --survey FILE or the name of a bundled one ({known})",
    ),
})
