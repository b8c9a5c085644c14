"""Render results as text tables and Markdown, in Norwegian or English."""

from __future__ import annotations

import re
import textwrap
import unicodedata

from tiltak._escape import markdown
from tiltak._i18n import Lang, format_number, plural
from tiltak.catalogue import Catalogue, Role, Sector
from tiltak.engine._engine import role_names
from tiltak.profile import SEGMENT_VALUE_NAMES, SUBJECT_KIND_NAMES
from tiltak.result import Recommendation, Result, SegmentResult, SubjectRef, Suppression

_SENTENCE = re.compile(r"(.+?[.!?])(?=\s+[A-ZÆØÅ«(]|$)", re.DOTALL)
_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Forslag til tiltak for {name}", "Suggested measures for {name}"),
    "respondents": ("{n} svar", "{n} respondents"),
    "respondent": ("{n} svar", "{n} respondent"),
    "rank": ("#", "#"),
    "measure": ("Tiltak", "Measure"),
    "score": ("Poeng", "Score"),
    "strategy": ("Strategi", "Strategy"),
    "reason": ("Hovedbegrunnelse", "Main reason"),
    # Where nothing is suggested, said as an HR adviser would (not "no rule fired").
    "none": ("Profilen viser ingen mangler som reglene kjenner igjen, så ingen tiltak foreslås.",
             "The profile shows no shortfall the rules recognise, so no measures are "
             "suggested."),
    "none-segment": ("Denne gruppens svar viser ingen mangler som reglene kjenner igjen: ingen "
                     "egne tiltak.",
                     "This group's answers show no shortfall the rules recognise: no measures "
                     "of its own."),
    "none-suppressed": ("Det foreslås ingen tiltak: alt reglene ville foreslått, er tatt ut.",
                        "No measures are suggested: everything the rules would suggest has "
                        "been taken out."),
    "suppressed": ("Ikke foreslått", "Not suggested"),
    "segment": ("{by}: {value}", "{by}: {value}"),
    "needs": ("Behov", "Needs"),
    "warnings": ("Merknader", "Warnings"),
    "deferred": ("utsatt", "deferred"),
    "module": ("modul", "module"),
    "fills-in": ("fast oppgave", "standing task"),
    "fills-in-note": ("«Fast oppgave»: gis ut fra hvem profilen gjelder, ikke ut fra et funn, "
                      "og kommer derfor etter tiltakene funnene gir.",
                      "'Standing task': given for who the profile is about, not for a finding, "
                      "so it comes after the measures the findings give."),
    "for-some": ("for {roles}", "for {roles}"),
    "or": ("eller", "or"),
    "sources": ("Kilder", "Sources"),
    "by-rule": ("regel {rule}", "rule {rule}"),
    "shown": ("Viser {shown} av {total} forslag. Alle, med begrunnelser: --all.",
              "Showing {shown} of {total} suggestions. All of them, with reasons: --all."),
    "hidden-suppressed": ("{n} ikke foreslått; --all viser hvorfor.",
                          "{n} not suggested; --all shows why."),
}
_MEASURES = (("tiltak", "tiltak"), ("measure", "measures"))
_SEGMENT_BY: dict[str, tuple[str, str]] = {
    "sector": ("Sektor", "Sector"),
    "role": ("Rolle", "Role"),
    "unit": ("Enhet", "Unit"),
    "group": ("Gruppe", "Group"),
    "age": ("Alder", "Age"),
    "seniority": ("Ansiennitet", "Years of service"),
    "education": ("Utdanning", "Education"),
    "position": ("Stilling", "Position"),
}
STRATEGY_NAMES: dict[str, tuple[str, str]] = {
    "mobilise": ("mobilisere", "mobilise"),
    "develop": ("utvikle", "develop"),
    "recruit": ("rekruttere", "recruit"),
    "phase-out": ("avvikle", "phase out"),
}


def _w(key: str, lang: Lang, **params: object) -> str:
    nb, en = _WORDS[key]
    return (nb if lang == "nb" else en).format(**params)


def _respondents(n: int) -> str:
    """The key for "n respondents": one employee's own profile says "1 respondent" in English."""
    return "respondent" if n == 1 else "respondents"


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "nb" else pair[1]


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _wrap(text: str, width: int) -> list[str]:
    """A title over several lines of at most ``width`` (never cut: every word is kept)."""
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [""]


def score_text(score: float, lang: Lang) -> str:
    """A score as the tables show it: one decimal, in the reader's number format."""
    return format_number(score, lang, 1)


def subject_label(subject: SubjectRef, lang: Lang) -> str:
    """How a heading names the subject: its name, its id, or its kind in words."""
    return subject.name or subject.id or _kind(subject.kind, lang)


def _kind(kind: str, lang: Lang) -> str:
    """A kind of subject in words (the kind itself if it has none)."""
    return _pick(SUBJECT_KIND_NAMES.get(kind, (kind, kind)), lang)


def _heading(result: Result, lang: Lang) -> str:
    subject = result.subject
    name = subject_label(subject, lang)
    extra = [_kind(subject.kind, lang)]
    if result.respondents is not None:
        extra.append(_w(_respondents(result.respondents), lang, n=result.respondents))
    return f"{_w('title', lang, name=name)} ({', '.join(extra)})"


def _marks(rec: Recommendation, lang: Lang) -> str:
    """What the strategy column adds: deferred, a module of a recommended programme, or a
    standing task that fills in after the findings."""
    marks = _mark_words(rec, lang)
    return f" ({', '.join(marks)})" if marks else ""


def _mark_words(rec: Recommendation, lang: Lang) -> list[str]:
    return [_w(word, lang) for word, on in (("deferred", rec.deferred),
                                            ("module", rec.part_of),
                                            ("fills-in", rec.fills_in)) if on]


#: The widest line of the ``--all`` table: it fits a terminal of 100 columns.
TABLE_WIDTH = 100
_TITLE_WIDTH = 36  # the measure column; the main reason takes what is left
_REASON_MIN = 30


def _nothing(lang: Lang, segment: bool, suppressed: bool) -> list[str]:
    """What a list says where it suggests nothing: why, in plain words."""
    key = "none-suppressed" if suppressed else "none-segment" if segment else "none"
    return textwrap.wrap(_w(key, lang), width=TABLE_WIDTH)


def _table(recs: list[Recommendation], lang: Lang, segment: bool = False,
           suppressed: bool = False) -> list[str]:
    """The ``--all`` table, at most :data:`TABLE_WIDTH` columns wide. A mark (deferred,
    module, standing task) goes under the strategy, in brackets, so that it neither widens
    the column for every row nor pushes the reasons into a narrow strip."""
    if not recs:
        return _nothing(lang, segment, suppressed)
    titles = [_wrap(r.title.get(lang), _TITLE_WIDTH) for r in recs]
    strategies = [[_pick(STRATEGY_NAMES[r.strategy], lang),
                   *(f"({mark})" for mark in _mark_words(r, lang))] for r in recs]
    w_title = max(_width(_w("measure", lang)), *(_width(line) for t in titles for line in t))
    w_strategy = max(_width(_w("strategy", lang)),
                     *(_width(line) for s in strategies for line in s))
    w_score = max(len(_w("score", lang)), 5)
    indent = 3 + 2 + w_title + 2 + w_score + 2 + w_strategy + 2
    w_reason = max(_REASON_MIN, TABLE_WIDTH - indent)
    header = "  ".join([
        f"{_w('rank', lang):>3}", _pad(_w("measure", lang), w_title),
        f"{_w('score', lang):>{w_score}}", _pad(_w("strategy", lang), w_strategy),
        _w("reason", lang),
    ])
    lines = [header, "-" * (indent + w_reason)]
    for rec, title, strategy in zip(recs, titles, strategies, strict=True):
        wrapped = _wrap(_reason_cell(rec, lang), w_reason)
        for i in range(max(len(title), len(strategy), len(wrapped))):
            first = i == 0
            lines.append("  ".join([
                f"{rec.rank:>3}" if first else "   ",
                _pad(title[i] if i < len(title) else "", w_title),
                f"{score_text(rec.score, lang):>{w_score}}" if first else " " * w_score,
                _pad(strategy[i] if i < len(strategy) else "", w_strategy),
                wrapped[i] if i < len(wrapped) else "",
            ]).rstrip())
    return lines


def _reason_cell(rec: Recommendation, lang: Lang) -> str:
    """The main reason's first sentence, and for whom the measure is when the subject states
    no roles and the measure is for some roles (a measure for system roles given to a unit is
    for some of its people, and the table says so)."""
    reason = first_sentence(rec.main_reason.because.get(lang))
    if rec.for_roles is not None:
        reason += " " + rec.for_roles.because.get(lang)
    return reason


def for_some_mark(rec: Recommendation, lang: Lang, catalogue: Catalogue | None) -> str:
    """`` (for leder eller prosessleder)`` after the title of a measure that is for some of a
    role-less subject's people, naming the roles (ids without a catalogue); else ``""``."""
    if rec.for_roles is None:
        return ""
    roles = list(rec.for_roles.roles)
    if catalogue is not None:
        roles = role_names(catalogue, roles, 0 if lang == "nb" else 1)
    listed = ", ".join(roles[:-1]) + f" {_w('or', lang)} " + roles[-1] if len(roles) > 1 \
        else "".join(roles)
    return f" ({_w('for-some', lang, roles=listed)})"


def _compact(recs: list[Recommendation], lang: Lang, limit: int,
             catalogue: Catalogue | None = None, segment: bool = False,
             suppressed: bool = False) -> list[str]:
    """One line per measure: rank, score, strategy and the whole title; a measure for some of a
    body's roles names them after its title, which they qualify (not after the strategy)."""
    if not recs:
        return _nothing(lang, segment, suppressed)
    shown = recs[:limit]
    strategies = [_pick(STRATEGY_NAMES[r.strategy], lang) + _marks(r, lang) for r in shown]
    w_strategy = max(_width(_w("strategy", lang)), *(_width(s) for s in strategies))
    w_score = max(len(_w("score", lang)), 5)
    lines = ["  ".join([f"{_w('rank', lang):>3}", f"{_w('score', lang):>{w_score}}",
                        _pad(_w("strategy", lang), w_strategy), _w("measure", lang)])]
    for rec, strategy in zip(shown, strategies, strict=True):
        lines.append("  ".join([f"{rec.rank:>3}", f"{score_text(rec.score, lang):>{w_score}}",
                                _pad(strategy, w_strategy), rec.title.get(lang)
                                + for_some_mark(rec, lang, catalogue)]))
    return lines


def render_compact(result: Result, lang: Lang, limit: int = 10,
                   catalogue: Catalogue | None = None) -> str:
    """The short answer: the ``limit`` best measures, one line each (``--all`` gives the rest)."""
    lines = [_heading(result, lang), ""]
    lines += _compact(result.recommendations, lang, limit, catalogue,
                      suppressed=bool(result.suppressed))
    total = len(result.recommendations)
    notes = []
    if any(r.fills_in for r in result.recommendations[:limit]):
        notes.append(_w("fills-in-note", lang))
    if total > limit:
        notes.append(_w("shown", lang, shown=limit, total=total))
    if result.suppressed:
        notes.append(_w("hidden-suppressed", lang,
                        n=plural(len(result.suppressed), lang, *_MEASURES)))
    if notes:
        lines += ["", *notes]
    if result.warnings:
        lines += ["", _w("warnings", lang) + ":"]
        lines += [f"  - {w.get(lang)}" for w in result.warnings]
    for segment in result.segments or []:
        lines += ["", _segment_title(segment, lang, catalogue), ""]
        lines += _compact(segment.recommendations, lang, min(limit, 5), catalogue, True,
                          bool(segment.suppressed))
    return "\n".join(lines) + "\n"


def first_sentence(text: str) -> str:
    """The first sentence of a reason: the table's summary (the full text is in json/markdown)."""
    match = _SENTENCE.match(text.strip())
    return match.group(1) if match else text.strip()


def _suppressed_lines(items: list[Suppression], lang: Lang) -> list[str]:
    if not items:
        return []
    lines = ["", _w("suppressed", lang) + ":"]
    for item in items:
        who = _w("by-rule", lang, rule=item.rule) if item.rule else f"context.{item.context}"
        lines += _item(f"{item.title.get(lang)} ({item.measure}): {item.because.get(lang)} "
                       f"[{who}]")
    return lines


def _item(text: str) -> list[str]:
    """A list item wrapped to the table's width, its later lines under its text."""
    return textwrap.wrap(text, width=TABLE_WIDTH, initial_indent="  - ",
                         subsequent_indent="    ", break_long_words=False,
                         break_on_hyphens=False) or ["  -"]


def render_text(result: Result, lang: Lang, catalogue: Catalogue | None = None) -> str:
    lines = [_heading(result, lang), ""]
    lines += _table(result.recommendations, lang, suppressed=bool(result.suppressed))
    if any(r.fills_in for r in result.recommendations):
        lines += ["", *textwrap.wrap(_w("fills-in-note", lang), width=TABLE_WIDTH,
                                     break_on_hyphens=False)]
    lines += _suppressed_lines(result.suppressed, lang)
    if result.warnings:
        lines += ["", _w("warnings", lang) + ":"]
        for warning in result.warnings:
            lines += _item(warning.get(lang))
    for segment in result.segments or []:
        lines += ["", _segment_title(segment, lang, catalogue), ""]
        lines += _table(segment.recommendations, lang, True, bool(segment.suppressed))
        lines += _suppressed_lines(segment.suppressed, lang)
    return "\n".join(lines) + "\n"


def _segment_title(segment: SegmentResult, lang: Lang, catalogue: Catalogue | None) -> str:
    """``Sektor: Helse og velferd``: the catalogue's names where it has them, not ids."""
    by = _pick(_SEGMENT_BY.get(segment.by, (segment.by, segment.by)), lang)
    value: object = segment.value
    entry: Sector | Role | None = None
    if catalogue is not None and segment.by == "sector":
        entry = catalogue.sectors.get(str(value))
    elif catalogue is not None and segment.by == "role":
        entry = catalogue.roles.get(str(value))
    if entry is not None:
        value = entry.name.get(lang)
    elif isinstance(value, str) and value in SEGMENT_VALUE_NAMES:
        value = _pick(SEGMENT_VALUE_NAMES[value], lang)
    elif isinstance(value, bool):
        value = _pick(("ja", "yes") if value else ("nei", "no"), lang)
    elif isinstance(value, int | float):
        value = format_number(value, lang, None)
    title = _w("segment", lang, by=by, value=value)
    if segment.respondents is not None:
        title += f" ({_w(_respondents(segment.respondents), lang, n=segment.respondents)})"
    return title


def _md_table(recs: list[Recommendation], lang: Lang, segment: bool = False,
              suppressed: bool = False) -> list[str]:
    if not recs:
        return [markdown(" ".join(_nothing(lang, segment, suppressed)))]
    lines = [
        f"| # | {_w('measure', lang)} | {_w('score', lang)} | {_w('strategy', lang)} | "
        f"{_w('reason', lang)} | {_w('sources', lang)} |",
        "|---:|---|---:|---|---|---|",
    ]
    for rec in recs:
        sources = ", ".join(f"{s.document} {s.section}" for s in rec.sources)
        strategy = _pick(STRATEGY_NAMES[rec.strategy], lang) + _marks(rec, lang)
        lines.append(
            f"| {rec.rank} | {markdown(rec.title.get(lang))} (`{rec.measure}`) | "
            f"{score_text(rec.score, lang)} | {strategy} | "
            f"{markdown(rec.main_reason.because.get(lang))}{_md_for_roles(rec, lang)} | "
            f"{markdown(sources)} |"
        )
    return lines


def _md_for_roles(rec: Recommendation, lang: Lang) -> str:
    return "" if rec.for_roles is None else " *" + markdown(rec.for_roles.because.get(lang)) + "*"


def render_markdown(result: Result, lang: Lang, catalogue: Catalogue | None = None) -> str:
    lines = [f"# {markdown(_heading(result, lang))}", ""]
    lines += _md_table(result.recommendations, lang, suppressed=bool(result.suppressed))
    if any(r.fills_in for r in result.recommendations):
        lines += ["", markdown(_w("fills-in-note", lang))]
    if result.suppressed:
        lines += ["", f"## {_w('suppressed', lang)}", ""]
        for item in result.suppressed:
            who = f"`{item.rule}`" if item.rule else f"`context.{item.context}`"
            lines.append(f"- **{markdown(item.title.get(lang))}** (`{item.measure}`): "
                         f"{markdown(item.because.get(lang))} ({who})")
    if result.warnings:
        lines += ["", f"## {_w('warnings', lang)}", ""]
        lines += [f"- {markdown(w.get(lang))}" for w in result.warnings]
    for segment in result.segments or []:
        lines += ["", f"## {markdown(_segment_title(segment, lang, catalogue))}", ""]
        lines += _md_table(segment.recommendations, lang, True, bool(segment.suppressed))
    return "\n".join(lines) + "\n"
