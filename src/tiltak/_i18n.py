"""Messages in Norwegian bokmål and English, and choosing between them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal

Lang = Literal["nb", "en"]
LANGS: tuple[Lang, ...] = ("nb", "en")

_NORWEGIAN_PREFIXES = ("nb", "nn", "no")


def detect_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """Pick the language from the environment.

    ``TILTAK_LANG`` wins; otherwise the first set of ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG`` decides: a Norwegian locale gives ``nb``,
    anything else ``en``.
    """
    env = os.environ if environ is None else environ
    explicit = env.get("TILTAK_LANG", "").strip().lower()
    if explicit in LANGS:
        return "nb" if explicit == "nb" else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip().lower()
        if value:
            return "nb" if value.startswith(_NORWEGIAN_PREFIXES) else "en"
    return "en"


_MESSAGES: dict[str, tuple[str, str]] = {
    # key: (nb, en)
    "error": ("feil", "error"),
    "input-invalid": ("{count} feil i inndata", "{count} problem(s) in the input"),
    "in-rule": ("regel {rule}:", "rule {rule}:"),
    # files
    "file-not-found": ("finner ikke filen {path}", "file not found: {path}"),
    "dir-not-found": ("finner ikke mappen {path}", "directory not found: {path}"),
    "no-yaml-files": ("ingen .yaml-filer i {path}", "no .yaml files in {path}"),
    "file-unreadable": ("kan ikke lese {path}: {reason}", "cannot read {path}: {reason}"),
    "not-utf8": (
        "filen er ikke UTF-8 (byte {offset})",
        "the file is not UTF-8 (byte {offset})",
    ),
    # YAML
    "yaml-syntax": ("YAML-feil: {problem}", "YAML syntax error: {problem}"),
    "yaml-duplicate-key": (
        "nøkkelen «{key}» står to ganger (første gang på linje {first_line})",
        "duplicate key '{key}' (first on line {first_line})",
    ),
    "yaml-tag": (
        "YAML-taggen {tag} er ikke tillatt; regler er data, ikke kode",
        "YAML tag {tag} is not allowed; rules are data, not code",
    ),
    "yaml-key-type": ("nøkler må være tekst, fant {got}", "keys must be text, found {got}"),
    "yaml-empty": ("filen er tom", "the file is empty"),
    # JSON
    "json-syntax": (
        "ugyldig JSON på linje {line}, kolonne {column}: {problem}",
        "invalid JSON at line {line}, column {column}: {problem}",
    ),
    # generic validation (pydantic error types)
    "v-missing": ("mangler; feltet er påkrevd", "missing; this field is required"),
    "v-extra": ("ukjent felt «{field}»", "unknown field '{field}'"),
    "v-type": ("forventet {expected_nb}, fant {got}", "expected {expected}, found {got}"),
    "v-ge": ("{value} er under {limit}", "{value} is below {limit}"),
    "v-le": ("{value} er over {limit}", "{value} is above {limit}"),
    "v-gt": ("{value} må være over {limit}", "{value} must be above {limit}"),
    "v-lt": ("{value} må være under {limit}", "{value} must be below {limit}"),
    "v-choice": (
        "«{value}» er ikke gyldig; forventet en av: {expected}",
        "'{value}' is not valid; expected one of: {expected}",
    ),
    "v-too-short": ("må ha minst {limit} element(er)", "must have at least {limit} item(s)"),
    "v-too-long": ("kan ha høyst {limit} element(er)", "may have at most {limit} item(s)"),
    "v-pattern": (
        "«{value}» har feil form; bruk små bokstaver a-z, sifre, - og _",
        "'{value}' has the wrong form; use lower-case a-z, digits, - and _",
    ),
    "v-other": ("ugyldig verdi: {detail}", "invalid value: {detail}"),
    # profiles
    "profile-format": (
        "ukjent format «{value}»; forventet «tiltak.profile/1»",
        "unknown format '{value}'; expected 'tiltak.profile/1'",
    ),
    "profile-unknown-area": (
        "ukjent kompetanseområde «{area}»; kjente: {known}",
        "unknown competence area '{area}'; known: {known}",
    ),
    "profile-unknown-dimension": (
        "ukjent dimensjon «{dimension}»; forventet knowledge, skills, abilities, attitudes "
        "(eller kunnskaper, ferdigheter, evner, holdninger)",
        "unknown dimension '{dimension}'; expected knowledge, skills, abilities, attitudes "
        "(or kunnskaper, ferdigheter, evner, holdninger)",
    ),
    "profile-dimension-twice": (
        "dimensjonen {dimension} står to ganger (også som norsk navn)",
        "dimension {dimension} is given twice (also under its Norwegian name)",
    ),
    "profile-distribution-sum": (
        "andelene summerer til {total}; de må summere til 1 (±0,01)",
        "the shares add up to {total}; they must add up to 1 (within 0.01)",
    ),
    "profile-unknown-sector": ("ukjent sektor «{value}»", "unknown sector '{value}'"),
    "profile-unknown-role": ("ukjent rolle «{value}»", "unknown role '{value}'"),
    "profile-unknown-measure": ("ukjent tiltak «{value}»", "unknown measure '{value}'"),
    "profile-not-object": (
        "en profil må være et JSON-objekt, fant {got}",
        "a profile must be a JSON object, found {got}",
    ),
    # catalogue
    "cat-duplicate-id": (
        "{kind} «{id}» er definert to ganger (også i {other})",
        "{kind} '{id}' is defined twice (also in {other})",
    ),
    "cat-unknown-ref": ("ukjent {kind} «{id}»", "unknown {kind} '{id}'"),
    "cat-prerequisite-self": (
        "tiltaket kan ikke være forutsetning for seg selv",
        "a measure cannot be its own prerequisite",
    ),
    "cat-no-areas": ("katalogen har ingen kompetanseområder", "the catalogue has no areas"),
    # rules
    "rule-unknown-area": (
        "ukjent kompetanseområde «{area}»; kjente: {known}",
        "unknown competence area '{area}'; known: {known}",
    ),
    "rule-unknown-dimension": (
        "ukjent dimensjon «{dimension}»; forventet knowledge, skills, abilities, attitudes "
        "(eller kunnskaper, ferdigheter, evner, holdninger)",
        "unknown dimension '{dimension}'; expected knowledge, skills, abilities, attitudes "
        "(or kunnskaper, ferdigheter, evner, holdninger)",
    ),
    "rule-bad-ref": (
        "«{value}» må skrives OMRÅDE.DIMENSJON, f.eks. digitalisering.evner",
        "'{value}' must be written AREA.DIMENSION, e.g. digitalisering.abilities",
    ),
    "rule-unknown-measure": ("ukjent tiltak «{value}»", "unknown measure '{value}'"),
    "rule-unknown-need": (
        "behovet «{value}» utledes ikke av noen regel",
        "need '{value}' is not derived by any rule",
    ),
    "rule-unknown-role": ("ukjent rolle «{value}»", "unknown role '{value}'"),
    "rule-unknown-sector": ("ukjent sektor «{value}»", "unknown sector '{value}'"),
    "rule-unknown-format": (
        "ukjent format «{value}»; forventet en av: {expected}",
        "unknown format '{value}'; expected one of: {expected}",
    ),
    "rule-duplicate-id": (
        "regel-id «{id}» brukes to ganger (også i {other})",
        "rule id '{id}' is used twice (also in {other})",
    ),
    "rule-need-cycle": (
        "behovene avhenger av hverandre i ring: {cycle}",
        "needs depend on each other in a cycle: {cycle}",
    ),
    "rule-condition-kind": (
        "en betingelse må ha nøyaktig én av: {expected}; fant {got}",
        "a condition must have exactly one of: {expected}; found {got}",
    ),
    "rule-condition-field": (
        "«{field}» hører ikke til en {kind}-betingelse; tillatt: {expected}",
        "'{field}' does not belong in a {kind} condition; allowed: {expected}",
    ),
    "rule-no-comparison": (
        "{kind}-betingelsen trenger minst én av: {expected}",
        "the {kind} condition needs at least one of: {expected}",
    ),
    "rule-impossible-range": (
        "betingelsen kan aldri holde: {detail}",
        "the condition can never hold: {detail}",
    ),
    "rule-level-range": (
        "{value} er utenfor nivåskalaen 1-5",
        "{value} is outside the level scale 1-5",
    ),
    "rule-share-range": (
        "{value} er ikke en andel mellom 0 og 1",
        "{value} is not a share between 0 and 1",
    ),
    "rule-share-level": (
        "en andel-betingelse trenger enten at_or_below eller at_or_above (et nivå 1-5)",
        "a share condition needs either at_or_below or at_or_above (a level 1-5)",
    ),
    "rule-empty-then": (
        "regelen gjør ingenting; «then» trenger recommend, derive, suppress eller defer",
        "the rule does nothing; 'then' needs recommend, derive, suppress or defer",
    ),
    "rule-reason-missing": (
        "begrunnelsen mangler på språket «{lang}»",
        "the reason is missing in language '{lang}'",
    ),
    # engine
    "engine-unknown": (
        "ukjent motor «{name}»; forventet en av: {expected}",
        "unknown engine '{name}'; expected one of: {expected}",
    ),
    "engine-unavailable": (
        "motoren «{name}» er ikke installert; installer med: {install}",
        "the '{name}' engine is not installed; install it with: {install}",
    ),
    "engine-failed": ("motoren «{name}» feilet: {detail}", "the '{name}' engine failed: {detail}"),
    # context exclusions in results
    "excluded-running": (
        "tiltaket er allerede i gang",
        "the measure is already running",
    ),
    "excluded-avoided-format": (
        "formatet «{format}» skal unngås",
        "the format '{format}' is to be avoided",
    ),
    # CLI
    "cli-write-failed": ("kunne ikke skrive {path}: {reason}", "could not write {path}: {reason}"),
    "cli-interrupted": ("avbrutt", "interrupted"),
    "cli-internal": (
        "intern feil ({error}: {detail}); dette er en feil i tiltak, ikke i inndataene. "
        "Kjør med TILTAK_DEBUG=1 for detaljer og meld fra.",
        "internal error ({error}: {detail}); this is a bug in tiltak, not in your input. "
        "Run with TILTAK_DEBUG=1 for details and report it.",
    ),
}


def add_messages(table: Mapping[str, tuple[str, str]]) -> None:
    """Add a module's messages ``{key: (nb, en)}`` at import time; keys must be new."""
    clash = set(table) & set(_MESSAGES)
    if clash:
        raise ValueError(f"message keys defined twice: {sorted(clash)}")
    _MESSAGES.update(table)


def message(key: str, lang: Lang, /, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    try:
        nb, en = _MESSAGES[key]
    except KeyError:
        return key + (" " + repr(params) if params else "")
    template = nb if lang == "nb" else en
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def known_keys() -> frozenset[str]:
    return frozenset(_MESSAGES)
