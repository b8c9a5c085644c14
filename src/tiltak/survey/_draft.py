"""``tiltak survey init``: a draft survey definition from an export's header and answers.

Each column is guessed from its answers: agreement texts or small whole numbers are
questions, a few distinct texts a background variable, unique values (ids, times,
e-mail, names) and free text are left out. What only the adviser can know (which
competence area and dimension a question measures, the level of an unknown answer
text, what a background variable is) is left as ``fyll-inn`` or ``null`` with a
comment, so that the draft does not load until it is filled in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from tiltak._i18n import Lang
from tiltak.catalogue import Catalogue
from tiltak.survey._definition import norm
from tiltak.survey._read import read_any
from tiltak.survey._tenfactor import unit_id

FILL = "fyll-inn"
_AGREEMENT = {
    "helt uenig": 1, "svært uenig": 1, "uenig": 2, "nokså uenig": 2, "delvis uenig": 2,
    "litt uenig": 2, "verken enig eller uenig": 3, "nøytral": 3, "verken eller": 3,
    "nokså enig": 4, "delvis enig": 4, "litt enig": 4, "enig": 4, "helt enig": 5,
    "svært enig": 5, "vet ikke": None, "ikke relevant": None, "ønsker ikke å svare": None,
}
_SKIP_HEADER = re.compile(r"(^id$|\bid\b|tidspunkt|time|dato|date|e-?post|e-?mail|^navn$|"
                          r"^name$|ip-?adresse)", re.IGNORECASE)
_BY_GUESS = [
    (re.compile(r"sektor|tjenesteområde|kommunalområde", re.I), "sector"),
    (re.compile(r"år .*(arbeid|ansatt)|ansiennitet|hvor lenge", re.I), "seniority"),
    (re.compile(r"utdanning", re.I), "education"),
    (re.compile(r"personalansvar|leder|stilling|rolle", re.I), "role"),
    (re.compile(r"arbeidssted|enhet|avdeling", re.I), "workplace"),
    (re.compile(r"alder", re.I), "age"),
]
_MAX_BACKGROUND_VALUES = 30


@dataclass(frozen=True, slots=True)
class Draft:
    """The draft's YAML text and what was guessed (for the summary line)."""

    text: str
    questions: int
    background: int
    ignored: int


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _is_code(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}", text.strip()))


def draft_definition(export: str | Path, catalogue: Catalogue, lang: Lang = "nb",
                     header_row: int | None = None, encoding: str | None = None) -> Draft:
    """A draft definition (YAML text with comments in ``lang``) for an export."""
    table = read_any(export, [], header_row, encoding)
    nb = lang == "nb"
    rows = [r for _, r in table.rows if any(c.strip() for c in r)]
    scales: dict[str, list[str]] = {}          # scale name -> YAML lines
    scale_of_texts: dict[tuple[str, ...], str] = {}
    questions: list[str] = []
    background: list[str] = []
    ignored: list[str] = []
    respondent_id: str | None = None
    answer_keys: dict[int, set[str]] = {}       # column -> its normalised answers, once

    def keys_of(j: int) -> set[str]:
        if j not in answer_keys:
            answer_keys[j] = {norm(r[j]) for r in rows if j < len(r) and r[j].strip()}
        return answer_keys[j]

    for i, header in enumerate(table.header):
        if not header.strip():
            continue
        values = [r[i].strip() for r in rows if i < len(r) and r[i].strip()]
        distinct = list(dict.fromkeys(values))
        if not distinct:
            ignored.append(header)
            continue
        unique = len(distinct) == len(values) and len(values) > 1
        if _SKIP_HEADER.search(header) or (unique and len(distinct) > _MAX_BACKGROUND_VALUES):
            if respondent_id is None and unique and re.search(r"\bid\b|respondent", header,
                                                              re.I):
                respondent_id = header
            else:
                ignored.append(header)
            continue
        keys = {norm(v) for v in distinct}
        if keys <= set(_AGREEMENT):
            name = "enighet"
            if name not in scales:
                lines = [f"  {name}:", "    options:"]
                seen = sorted(keys, key=lambda k: (_AGREEMENT[k] is None, _AGREEMENT[k] or 0))
                for k in seen:
                    text = next(v for v in distinct if norm(v) == k)
                    lines.append(f"      {_q(text)}: {_level(_AGREEMENT[k])}")
                scales[name] = lines
            else:
                for k in keys:
                    text = next(v for v in distinct if norm(v) == k)
                    line = f"      {_q(text)}: {_level(_AGREEMENT[k])}"
                    if line not in scales[name]:
                        scales[name].append(line)
            questions.append(_question(header, name, nb))
            continue
        if all(_is_code(v) for v in distinct) and len(distinct) <= 11:
            codes = sorted({int(v) for v in distinct})
            name = "tall"
            if name not in scales:
                scales[name] = _code_scale(codes, nb)
            questions.append(_question(header, name, nb))
            continue
        if len(distinct) <= 7 and len(values) >= 2 * len(distinct) and \
                _guess_by(header) is None and \
                any(j != i and keys_of(j) == keys for j in range(len(table.header))):
            # the same few answer texts in several columns: a scale tiltak does not know
            key = tuple(sorted(keys))
            name = scale_of_texts.get(key) or f"skala{len(scale_of_texts) + 1}"
            if key not in scale_of_texts:
                scale_of_texts[key] = name
                comment = ("# FYLL INN nivå 1-5 for hvert svar (null = ikke svar)" if nb else
                           "# FILL IN level 1-5 for each answer (null = no answer)")
                scales[name] = [f"  {name}:", f"    options:   {comment}"]
                scales[name] += [f"      {_q(v)}: null" for v in distinct]
            questions.append(_question(header, name, nb))
            continue
        if len(distinct) <= _MAX_BACKGROUND_VALUES:
            background.append(_background(header, distinct, catalogue, nb))
            continue
        ignored.append(header)
    return Draft(_document(export, table.file, respondent_id, scales, questions, background,
                           ignored, catalogue, nb, header_row),
                 len(questions), len(background), len(ignored))


def _level(level: int | None) -> str:
    return "null" if level is None else str(level)


def _code_scale(codes: list[int], nb: bool) -> list[str]:
    lines = ["  tall:"]
    if codes and codes[-1] - codes[0] <= 4 and codes[0] in (0, 1):
        low = codes[0]
        comment = (f"# svarene er tall: {low} = lavest ... {low + 4} = høyest; sjekk retningen"
                   if nb else f"# answers are numbers: {low} = lowest ... {low + 4} = highest; "
                   f"check the direction")
        lines.append(f"    codes: {low}-{low + 4}   {comment}")
        return lines
    comment = ("# FYLL INN: nivå 1-5 for hver kode, null for «vet ikke» o.l." if nb else
               "# FILL IN: level 1-5 for each code, null for 'don't know' and the like")
    lines.append(f"    codes:   {comment}")
    lines += [f"      {c}: {c if 1 <= c <= 5 else 'null'}" for c in codes]
    return lines


def _question(header: str, scale: str, nb: bool) -> str:
    comment = ("# FYLL INN area og dimension" if nb else "# FILL IN area and dimension")
    return (f"  - column: {_q(header)}\n"
            f"    area: {FILL}        {comment}\n"
            f"    dimension: {FILL}\n"
            f"    scale: {scale}")


def _guess_by(header: str) -> str | None:
    return next((by for pattern, by in _BY_GUESS if pattern.search(header)), None)


def _background(header: str, distinct: list[str], catalogue: Catalogue, nb: bool) -> str:
    guess = _guess_by(header)
    by = guess or unit_id(header)[:40]
    guessed = guess is not None
    comment = ("# gjettet ut fra overskriften: sjekk" if guessed else
               "# FYLL INN hva variabelen er (sector, seniority, education, role ...)") if nb \
        else ("# guessed from the header: check" if guessed else
              "# FILL IN what the variable is (sector, seniority, education, role ...)")
    lines = [f"  - column: {_q(header)}", f"    by: {by}   {comment}",
             f"    name: {{nb: {_q(header)}, en: {_q(header)}}}", "    values:"]
    sector_note = ""
    if by == "sector":
        sector_note = ("   # id må være en sektor i katalogen: " if nb else
                       "   # id must be a catalogue sector: ") + ", ".join(catalogue.sectors)
    elif by == "role":
        sector_note = ("   # id må være en rolle i katalogen: " if nb else
                       "   # id must be a catalogue role: ") + ", ".join(catalogue.roles)
    no_answer = [v for v in distinct if norm(v) in ("ønsker ikke å svare", "vet ikke",
                                                      "vil ikke svare")]
    ids: set[str] = set()
    for v in distinct:
        if v in no_answer:
            continue
        vid = unit_id(v)
        while vid in ids:
            vid += "-2"
        ids.add(vid)
        lines.append(f"      - id: {vid}{sector_note}")
        sector_note = ""
        lines.append(f"        answers: [{_q(v)}]")
        lines.append(f"        label: {{nb: {_q(v)}, en: {_q(v)}}}")
    if no_answer:
        lines.append(f"    no_answer: [{', '.join(_q(v) for v in no_answer)}]")
    return "\n".join(lines)


def _document(export: str | Path, shown: str, respondent_id: str | None,
              scales: dict[str, list[str]], questions: list[str], background: list[str],
              ignored: list[str], catalogue: Catalogue, nb: bool,
              header_row: int | None) -> str:
    areas = ", ".join(catalogue.areas)
    if nb:
        head = [
            f"# Utkast til kartleggingsdefinisjon, laget av «tiltak survey init» fra {shown}.",
            "# Fyll inn dette før bruk (tiltak survey EKSPORT --survey DENNE-FILEN):",
            "#  1. Hvert spørsmål: area (et område i katalogen) og dimension (kunnskaper,",
            "#     ferdigheter, evner eller holdninger) der det står fyll-inn.",
            f"#     Områder: {areas}",
            "#  2. Skalaene: hvilket nivå (1-5) hvert svar står for; null = ikke svar",
            "#     (f.eks. «Vet ikke»). Negativt formulerte påstander: legg til reverse: true.",
            "#  3. Bakgrunnsvariablene: by, id og label for hver verdi (labels leses i",
            "#     rapporten, f.eks. «ansatte i helse og velferd»).",
            "#  4. title og id under; kolonner som ikke brukes, står nederst.",
            "# Definisjonen lastes ikke før alle fyll-inn er erstattet.",
        ]
    else:
        head = [
            f"# Draft survey definition, made by 'tiltak survey init' from {shown}.",
            "# Fill in before use (tiltak survey EXPORT --survey THIS-FILE):",
            "#  1. Each question: area (an area of the catalogue) and dimension (knowledge,",
            "#     skills, abilities or attitudes) where it says fyll-inn.",
            f"#     Areas: {areas}",
            "#  2. The scales: which level (1-5) each answer stands for; null = no answer",
            "#     (e.g. 'Vet ikke'). Negatively worded statements: add reverse: true.",
            "#  3. The background variables: by, and id and label of each value (labels are",
            "#     read in the report, e.g. 'staff in health and welfare').",
            "#  4. title and id below; columns not used are listed at the end.",
            "# The definition does not load until every fyll-inn is replaced.",
        ]
    stem = unit_id(Path(export).stem) or "kartlegging"
    out = [
        *head,
        "format: tiltak.survey/1",
        f"id: {stem}",
        f"title: {{nb: {_q('Kartlegging ' + Path(export).stem)}, "
        f"en: {_q('Survey ' + Path(export).stem)}}}",
    ]
    if respondent_id is not None:
        out.append(f"respondent_id: {_q(respondent_id)}")
    if header_row is not None:
        out.append(f"header_row: {header_row}")
    out.append("minimum_group: 5")
    out.append("scales:")
    if scales:
        for lines in scales.values():
            out += lines
    else:
        out += ["  enighet:", "    options: {" + ", ".join(
            f"{_q(k.capitalize())}: {_level(v)}" for k, v in
            [("helt uenig", 1), ("nokså uenig", 2), ("verken enig eller uenig", 3),
             ("nokså enig", 4), ("helt enig", 5), ("vet ikke", None)]) + "}"]
    out.append("questions:")
    out += questions or [_question(FILL, "enighet", nb)]
    if background:
        out.append("background:")
        out += background
    if ignored:
        out.append("# " + ("Kolonner som ikke brukes:" if nb else "Columns not used:"))
        out += [f"#   {h}" for h in ignored]
    return "\n".join(out) + "\n"
