"""Messages in Norwegian bokmål and English, and choosing between them."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

Lang = Literal["nb", "en"]
LANGS: tuple[Lang, ...] = ("nb", "en")

_NORWEGIAN_PREFIXES = ("nb", "nn", "no")
# Windows language ids (LANGID) of Norwegian: bokmål 0x0414, nynorsk 0x0814; primary id 0x14.
_NORWEGIAN_PRIMARY_LANGID = 0x14


def _windows_ui_lang_id() -> int | None:
    """The Windows user interface language id (GetUserDefaultUILanguage), or None elsewhere."""
    if not sys.platform.startswith("win"):
        return None
    try:
        import ctypes

        windll = ctypes.windll  # type: ignore[attr-defined,unused-ignore]
        return int(windll.kernel32.GetUserDefaultUILanguage())
    except (AttributeError, OSError):  # pragma: no cover - only on a broken Windows
        return None


def detect_lang(
    environ: Mapping[str, str] | None = None,
    windows_lang_id: Callable[[], int | None] | None = None,
) -> Lang:
    """Pick the language from the environment (``--lang`` is handled by the CLI before this).

    ``TILTAK_LANG`` wins; otherwise the first set of ``LC_ALL``, ``LC_MESSAGES``
    and ``LANG`` decides: a Norwegian locale gives ``nb``, anything else ``en``.
    Windows sets none of them, so there the user's display language decides
    (``windows_lang_id`` returns its LANGID; injectable for tests).
    """
    return detect_lang_source(environ, windows_lang_id)[0]


def unknown_lang_setting(environ: Mapping[str, str] | None = None) -> str | None:
    """``TILTAK_LANG``'s value when it is set but names no language tiltak has (it is then
    passed over for the locale, and the user should be told); None otherwise."""
    value = (os.environ if environ is None else environ).get("TILTAK_LANG", "")
    return value if value.strip() and _named_lang(value) is None else None


def _named_lang(value: str) -> Lang | None:
    """The language a ``TILTAK_LANG`` value names (``en``, ``nb``/``nn``/``no...``), or None."""
    explicit = value.strip().lower()
    if explicit == "en":
        return "en"
    if explicit in LANGS or explicit.startswith(_NORWEGIAN_PREFIXES):
        return "nb"
    return None


def detect_lang_source(
    environ: Mapping[str, str] | None = None,
    windows_lang_id: Callable[[], int | None] | None = None,
) -> tuple[Lang, str]:
    """The language and what decided it (``TILTAK_LANG=nb``, ``LANG=...``, ``Windows ...``)."""
    env = os.environ if environ is None else environ
    named = _named_lang(env.get("TILTAK_LANG", ""))
    if named is not None:
        return named, f"TILTAK_LANG={env['TILTAK_LANG']}"
    lang: Lang
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip().lower()
        if value:
            lang = "nb" if value.startswith(_NORWEGIAN_PREFIXES) else "en"
            return lang, f"{var}={env[var]}"
    lang_id = (windows_lang_id or _windows_ui_lang_id)()
    if lang_id is not None:
        lang = "nb" if lang_id & 0x3FF == _NORWEGIAN_PRIMARY_LANGID else "en"
        return lang, f"Windows UI language 0x{lang_id:04x}"
    return "en", "default"


# --- numbers ---------------------------------------------------------------------------------

SPACE = " "
"""The thousands separator in plain text (terminals, CSV, Markdown)."""
NARROW_NBSP = "\u202f"
"""A narrow no-break space: the thousands separator for documents (HTML, DOCX)."""


def format_number(value: float, lang: Lang, digits: int | None = 0, *, sep: str = SPACE) -> str:
    """A number as a reader of ``lang`` writes it: ``1 234,5`` (nb) or ``1,234.5`` (en).

    ``digits`` fixes the decimals; ``None`` shows as many as needed (at most six,
    trailing zeros dropped: 0.5 -> ``0,5``, 3.0 -> ``3``). ``sep`` is the nb
    thousands separator (a space; ``NARROW_NBSP`` in documents). Every number a
    user reads goes through here, so ``suggest``, ``plan`` and reports agree.
    """
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    text = f"{value:,.{6 if digits is None else digits}f}"
    if digits is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    if text.startswith("-") and text.strip("-0,.") == "":
        text = text[1:]  # no "-0"
    if lang == "nb":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", sep)
    return text


def format_percent(share: float, lang: Lang, digits: int = 0, *, sep: str = SPACE) -> str:
    """A share (0-1) as a percentage: ``7 %`` (nb, with a space) or ``7%`` (en)."""
    number = format_number(100 * share, lang, digits, sep=sep)
    if lang == "en":
        return f"{number}%"
    return f"{number} %" if sep == SPACE else f"{number}\u00a0%"


def format_nok(amount: float, lang: Lang, digits: int = 0, *, sep: str = SPACE) -> str:
    """An amount in kroner: ``400 000 kr`` (nb) or ``NOK 400,000`` (en)."""
    number = format_number(amount, lang, digits, sep=sep)
    return f"{number} kr" if lang == "nb" else f"NOK {number}"


def plural(count: int, lang: Lang, nb: tuple[str, str], en: tuple[str, str]) -> str:
    """``count`` with the right word form: ``1 rad``, ``3 rader`` / ``1 row``, ``3 rows``."""
    one, many = nb if lang == "nb" else en
    return f"{format_number(count, lang)} {one if count == 1 else many}"


class NumberFormatError(ValueError):
    """Text that is not a number (or an amount) in a form tiltak accepts.

    ``key`` and ``params`` name the message (both languages) that says why.
    """

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(message(key, "en", **params))


_DECIMAL = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_decimal(text: str) -> float:
    """A number with a decimal comma or point: ``0,5`` and ``0.5`` are both 0.5.

    No thousands separators here (``1.500`` would be ambiguous): for amounts of
    money or hours use :func:`parse_amount`.
    """
    clean = text.strip()
    if not _DECIMAL.match(clean):
        raise NumberFormatError("number-invalid", text=text)
    return float(clean.replace(",", "."))


_CURRENCY = re.compile(r"^(?:kr\.?|nok)\s*|\s*(?:kr\.?|nok|,-|\.-)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']")


def parse_amount(text: str, *, currency: bool = True) -> float:
    """An amount as people write it: ``400000``, ``400 000``, ``400.000``, ``kr 400 000``,
    ``400 000 kr``, ``400 000,-``, ``1 234,50`` or ``NOK 400,000``.

    Unambiguous by construction: a ``.`` or ``,`` followed by exactly three digits
    separates thousands (no amount of kroner or hours has three decimals); one
    followed by one or two digits at the end is the decimal mark. Anything else
    (``1.23.4``, ``40 00``, ``1,2345``) raises :class:`NumberFormatError`.
    ``currency`` allows ``kr``/``NOK`` before or after the number.
    """
    clean = text.strip()
    if currency:
        for _ in range(2):
            clean = _CURRENCY.sub("", clean).strip()
    if clean.startswith("-"):
        raise NumberFormatError("amount-negative", text=text)
    grouped = _SPACES.split(clean)
    if not clean or any(not part for part in grouped):
        raise NumberFormatError("amount-invalid", text=text)
    whole, decimals = clean, ""
    last = max(clean.rfind("."), clean.rfind(","))
    if last >= 0 and len(clean) - last - 1 in (1, 2):
        whole, decimals = clean[:last], clean[last + 1:]
        if not decimals.isdigit():
            raise NumberFormatError("amount-invalid", text=text)
    seps = {c for c in whole if not c.isdigit()}
    groups = re.split(r"[.,\s\u00a0\u202f\u2009_']", whole)
    if not whole or not all(g.isdigit() for g in groups):
        raise NumberFormatError("amount-invalid", text=text)
    if len(groups) > 1:
        marks = seps - {" ", "\u00a0", "\u202f", "\u2009", "_", "'"}
        ok = (len(marks) <= 1 and 1 <= len(groups[0]) <= 3
              and all(len(g) == 3 for g in groups[1:])
              and not (decimals and marks & {clean[last]}))
        if not ok:
            raise NumberFormatError("amount-invalid", text=text)
    return float("".join(groups) + ("." + decimals if decimals else ""))


# --- did you mean ----------------------------------------------------------------------------


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates that look like ``word`` (a typo, or a different case), best first."""
    pool = sorted(set(candidates))
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return [lowered[word.lower()]]
    import difflib  # only for a mistake: not on every command's start-up

    scored = sorted(((difflib.SequenceMatcher(None, word, c).ratio(), c) for c in pool),
                    key=lambda rc: (-rc[0], rc[1]))
    best = scored[0][0] if scored else 0.0
    return [c for r, c in scored[:n] if r >= 0.7 and r >= best - 0.1]


def did_you_mean(word: str, candidates: Iterable[str], lang: Lang) -> str:
    """`` (mente du «x»?)`` / `` (did you mean 'x'?)``, or ``""`` when nothing is close."""
    found = close_matches(word, candidates)
    if not found:
        return ""
    if lang == "nb":
        return " (mente du " + " eller ".join(f"«{f}»" for f in found) + "?)"
    return " (did you mean " + " or ".join(f"'{f}'" for f in found) + "?)"


_MESSAGES: dict[str, tuple[str, str]] = {
    # key: (nb, en)
    "error": ("feil", "error"),
    "input-invalid": ("{count} feil i inndata", "{count} {count|problem|problems} in the input"),
    "in-rule": ("regel {rule}:", "rule {rule}:"),
    # files
    "file-not-found": ("finner ikke filen {path}", "file not found: {path}"),
    "dir-not-found": ("finner ikke mappen {path}", "directory not found: {path}"),
    "no-yaml-files": ("ingen .yaml-filer i {path}", "no .yaml files in {path}"),
    "file-unreadable": ("kan ikke lese {path}: {reason}", "cannot read {path}: {reason}"),
    "not-encoding": (
        "teksten er ikke gyldig {encoding}: byten {byte} kan ikke leses{hint_nb}; lagre filen "
        "som UTF-8",
        "the text is not valid {encoding}: byte {byte} cannot be read{hint}; save the file as "
        "UTF-8",
    ),
    # YAML
    "yaml-syntax": ("YAML-feil: {problem}", "YAML syntax error: {problem}"),
    "yaml-yes-no": (
        "«{value}» er tekst, ikke ja/nei: skriv true eller false (eller «\"{value}\"» i "
        "anførselstegn hvis verdien virkelig er teksten {value})",
        "'{value}' is text, not yes/no: write true or false (or '\"{value}\"' in quotes if "
        "the value really is the text {value})",
    ),
    "rule-decimal-comma-flow": (
        "«{field}» ser ut som desimalene i {whole},{field}: inne i {{ }} skiller komma feltene; "
        "skriv {whole}.{field} (eller «{whole},{field}» i anførselstegn)",
        "'{field}' looks like the decimals of {whole},{field}: inside {{ }} a comma separates "
        "the fields; write {whole}.{field} (or '{whole},{field}' in quotes)",
    ),
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
        "ugyldig JSON: {problem_nb}",
        "invalid JSON: {problem}",
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
    "v-too-short": ("må ha minst {limit} {limit|element|elementer}",
                    "must have at least {limit} {limit|item|items}"),
    "v-too-long": ("kan ha høyst {limit} {limit|element|elementer}",
                   "may have at most {limit} {limit|item|items}"),
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
        "{kind_nb} «{id}» er definert to ganger (også i {other})",
        "{kind} '{id}' is defined twice (also in {other})",
    ),
    "cat-unknown-ref": ("ukjent {kind_nb} «{id}»", "unknown {kind} '{id}'"),
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
    "rule-placeholder-unknown": (
        "ukjent plassholder {value} i begrunnelsen; forventet en av {expected} "
        "(eventuelt med :OMRÅDE.DIMENSJON)",
        "unknown placeholder {value} in the reason; expected one of {expected} "
        "(optionally with :AREA.DIM)",
    ),
    "rule-placeholder-untested": (
        "plassholderen {value} viser til et faktum regelen ikke tester; en begrunnelse kan bare "
        "vise tall regelen ser på",
        "the placeholder {value} names a fact the rule does not test; a reason can only show "
        "numbers the rule looks at",
    ),
    "rule-per-attribute-untested": (
        "per_attribute gir poeng etter attributtet {value}, men regelen tester det ikke i "
        "«when»; poengene kan bare graderes etter noe regelen ser på (skriv for eksempel "
        "{{attribute: {value}, below: ...}})",
        "per_attribute grades the points by the attribute {value}, but the rule does not test it "
        "in 'when'; points can only be graded by what the rule looks at (write for example "
        "{{attribute: {value}, below: ...}})",
    ),
    "rule-placeholder-area-unmatched": (
        "plassholderen {value} kan stå uten område: regelen kan slå til uten at noe nivå, gap "
        "eller andel på et område holder (en rolle, et behov eller en «not» alene); en "
        "begrunnelse kan bare nevne områder der profilens tall slo til",
        "the placeholder {value} may have no area to name: the rule can fire without a level, "
        "gap or share in any area holding (a role, a need or a 'not' alone); a reason can only "
        "name areas where the profile's figures matched",
    ),
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
    "excluded-audience": (
        "Tiltaket er ikke for denne målgruppen ({subject}); det er for {audience}.",
        "The measure is not for this audience ({subject}); it is for {audience}.",
    ),
    "excluded-avoided-format": (
        "formatet «{format}» skal unngås",
        "the format '{format}' is to be avoided",
    ),
    # numbers people type
    "number-invalid": (
        "«{text}» er ikke et tall; skriv f.eks. 0,5 eller 12",
        "'{text}' is not a number; write e.g. 0.5 or 12",
    ),
    "amount-invalid": (
        "«{text}» er ikke et beløp tiltak kan lese entydig; skriv f.eks. 400000, «400 000» "
        "eller 400.000 (tusener med mellomrom eller punktum, øre etter komma)",
        "'{text}' is not an amount tiltak can read unambiguously; write e.g. 400000, "
        "'400 000' or 400,000 (thousands with a space or separator, at most two decimals)",
    ),
    "amount-negative": ("«{text}» er negativt; forventet 0 eller mer",
                        "'{text}' is negative; expected 0 or more"),
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


# The YAML reader's (libyaml / PyYAML) problem texts, in Norwegian. Matched from the start;
# what a pattern captures is kept (a character, a token).
_YAML_PROBLEMS_NB: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text) for pattern, text in (
        (r"^mapping values are not allowed",
         "kolon (:) er ikke tillatt her; sett teksten i anførselstegn hvis den inneholder "
         "«: », eller rett opp innrykket"),
        (r"^could not find expected ':'", "fant ikke forventet kolon (:) etter nøkkelen"),
        (r"^did not find expected key",
         "fant ikke forventet nøkkel; sjekk innrykket (like mange mellomrom på linjer som "
         "hører sammen)"),
        (r"^did not find expected '-' indicator",
         "fant ikke forventet «-»; sjekk innrykket i listen"),
        (r"^did not find expected node content", "fant ikke forventet verdi"),
        (r"^did not find expected ',' or '\]'", "forventet «,» eller «]» i listen"),
        (r"^did not find expected ',' or '\}'", "forventet «,» eller «}» i tabellen"),
        (r"^expected ',' or '\]'", "forventet «,» eller «]» i listen"),
        (r"^expected ',' or '\}'", "forventet «,» eller «}» i tabellen"),
        (r"^did not find expected <document start>", "fant mer tekst etter slutten av dokumentet"),
        (r"^expected <block end>", "innrykket stemmer ikke med linjene over"),
        (r"^did not find expected <block end>", "innrykket stemmer ikke med linjene over"),
        (r"^found character '(.*)' that cannot start any token",
         "tegnet «\\1» kan ikke begynne en verdi; sett verdien i anførselstegn"),
        (r"^found character that cannot start any token",
         "et tegn her kan ikke begynne en verdi (tabulator? bruk mellomrom)"),
        (r"^found a tab character",
         "tabulator i innrykket; bruk mellomrom"),
        (r"^found unexpected end of stream",
         "filen slutter midt i en verdi (mangler et avsluttende anførselstegn?)"),
        (r"^found unexpected ':'", "uventet kolon (:); sett teksten i anførselstegn"),
        (r"^found undefined alias", "ukjent alias (*navn)"),
        (r"^found unknown escape character", "ukjent escape-tegn (\\) i teksten i anførselstegn"),
        (r"^block sequence entries are not allowed here",
         "et listepunkt («- ») er ikke tillatt her; sjekk innrykket"),
        (r"^found duplicate anchor", "ankeret (&navn) står to ganger"),
        (r"^control characters are not allowed", "kontrolltegn er ikke tillatt i filen"),
        (r"^expected a single document in the file", "filen kan bare ha ett dokument (ett ---)"),
        (r"^while scanning a quoted scalar",
         "teksten i anførselstegn slutter ikke (mangler et avsluttende anførselstegn?)"),
        (r"^while scanning a simple key", "en nøkkel mangler kolon (:)"),
        (r"^while parsing a block mapping", "innrykket stemmer ikke i tabellen"),
        (r"^while parsing a flow", "en { } eller [ ] er ikke lukket riktig"),
        (r"^syntax error$", "syntaksfeil"),
    )
)


def yaml_problem_nb(problem: str) -> str:
    """The YAML reader's (English) problem text in Norwegian; unknown ones are marked as such."""
    for pattern, text in _YAML_PROBLEMS_NB:
        match = pattern.match(problem)
        if match:
            return match.expand(text)
    return f"syntaksfeil (YAML-leserens tekst: {problem})"


_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def _plural_word(match: re.Match[str], params: Mapping[str, Any]) -> str:
    """``{count|rad|rader}`` in a template: the word form that fits the number ``count``."""
    count = params.get(match.group(1))
    return match.group(2) if count == 1 else match.group(3)


def add_messages(table: Mapping[str, tuple[str, str]]) -> None:
    """Add a module's messages ``{key: (nb, en)}`` at import time; keys must be new."""
    clash = set(table) & set(_MESSAGES)
    if clash:
        raise ValueError(f"message keys defined twice: {sorted(clash)}")
    _MESSAGES.update(table)


def message(key: str, lang: Lang, /, **params: Any) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in.

    ``{count|rad|rader}`` in a template picks the singular when ``count`` is 1, so
    messages say "1 rad", "3 rader" instead of "rad(er)".

    A ``near=(word, candidates)`` parameter adds "did you mean ...?" when a
    candidate looks like the word a user typed (any message, either language).
    """
    try:
        nb, en = _MESSAGES[key]
    except KeyError:
        return key + (" " + repr(params) if params else "")
    template = nb if lang == "nb" else en
    if "|" in template:
        template = _PLURAL.sub(lambda m: _plural_word(m, params), template)
    if key == "yaml-syntax" and lang == "nb" and isinstance(params.get("problem"), str):
        params = {**params, "problem": yaml_problem_nb(params["problem"])}
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = template
    near = params.get("near")
    if isinstance(near, tuple) and len(near) == 2:
        text += did_you_mean(near[0], near[1], lang)
    return text


def known_keys() -> frozenset[str]:
    return frozenset(_MESSAGES)
