"""A comparison as text or Markdown, in Norwegian bokmål or English, in plain words."""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache

from tiltak._data import default_dir
from tiltak._escape import markdown
from tiltak._i18n import Lang, format_number, format_percent, message, plural
from tiltak._validation import DIMENSION_NAMES_NB
from tiltak.catalogue import Catalogue, load_catalogue
from tiltak.compare._model import Cell, Comparison, Group, Side
from tiltak.errors import TiltakError
from tiltak.profile import SEGMENT_VALUE_NAMES

_BY: dict[str, tuple[str, str]] = {
    "sector": ("sektor", "sector"),
    "seniority": ("ansiennitet", "years of service"),
    "education": ("utdanning", "education"),
    "role": ("rolle", "role"),
}
_VALUES = SEGMENT_VALUE_NAMES


@lru_cache(maxsize=1)
def _bundled() -> Catalogue | None:
    try:
        return load_catalogue(default_dir("catalogue"))
    except TiltakError:  # names are a nicety; ids still read well
        return None


_current: ContextVar[Catalogue | None] = ContextVar("tiltak_compare_catalogue", default=None)


def _catalogue() -> Catalogue | None:
    return _current.get() or _bundled()


def _m(key: str, lang: Lang, **params: object) -> str:
    return message(key, lang, **params)


def dec(value: float, lang: Lang, digits: int = 2, sign: bool = False) -> str:
    """A level or change as the reader writes it (2,38 / 2.38), with + on a rise."""
    text = format_number(value, lang, digits)
    return "+" + text if sign and text[0] != "-" and text.strip("0,.") else text


def pct(share: float | None, lang: Lang) -> str:
    return "–" if share is None else format_percent(share, lang)


def area_name(area: str, lang: Lang) -> str:
    cat = _catalogue()
    if cat is not None and area in cat.areas:
        return cat.areas[area].name.get(lang)
    return area


def dim_name(dim: str, lang: Lang) -> str:
    return DIMENSION_NAMES_NB[dim] if lang == "nb" else dim


def group_label(group: Group, lang: Lang) -> str:
    """How a reader sees a group: 'sector: Health and welfare', or the whole organisation."""
    if group.by is None:
        return _m("compare-r-whole", lang)
    by = _BY.get(group.by, (group.by, group.by))[0 if lang == "nb" else 1]
    value = str(group.value)
    cat = _catalogue()
    if cat is not None and group.by == "sector" and value in cat.sectors:
        shown = cat.sectors[value].name.get(lang)
    elif cat is not None and group.by == "role" and value in cat.roles:
        shown = cat.roles[value].name.get(lang)
    else:
        shown = _VALUES.get(value, (value, value))[0 if lang == "nb" else 1]
    return f"{by}: {shown}"


def _level(side: Side | None, lang: Lang) -> str:
    return "–" if side is None else dec(side.level, lang)


def _change(cell: Cell, lang: Lang) -> str:
    return "–" if cell.difference is None else dec(cell.difference, lang, sign=True)


def _interval(cell: Cell, lang: Lang) -> str:
    if cell.interval is None:
        return "–"
    return _m("compare-r-interval", lang, low=dec(cell.interval.low, lang, sign=True),
              high=dec(cell.interval.high, lang, sign=True))


def verdict_text(cell: Cell, lang: Lang) -> str:
    """'improved', or 'no clear change (within the noise)', in the reader's language."""
    text = _m(f"compare-v-{cell.verdict}", lang)
    if cell.verdict in ("no_clear_change", "not_compared") and cell.why != "within_noise":
        text += f" ({_m(f'compare-why-{cell.why}', lang)})"
    return text


def _shares(side: Side | None, which: str, lang: Lang) -> str:
    if side is None:
        return "–"
    return pct(side.low_share if which == "low" else side.high_share, lang)


def _name(c: Comparison, lang: Lang) -> str:
    return c.subject.name or c.subject.id or _m("compare-r-unnamed", lang)


def _count(n: int | None) -> str:
    return "?" if n is None else str(n)


def _method(c: Comparison, lang: Lang) -> str:
    name = "Holm" if c.method.correction == "holm" else "Benjamini-Hochberg"
    return _m("compare-r-method", lang, confidence=pct(c.method.confidence, lang),
              correction=name, comparisons=c.method.comparisons,
              risk=_m(f"compare-r-risk-{c.method.correction}", lang),
              alpha=pct(c.method.alpha, lang))


def _segment_changes(c: Comparison, lang: Lang) -> list[tuple[Group, Cell]]:
    return [(g, cell) for g, cell in c.changed() if g.by is not None]


def _groups(count: int, lang: Lang) -> str:
    return plural(count, lang, ("gruppe", "grupper"), ("group", "groups"))


def _not_compared_groups(c: Comparison) -> int:
    return sum(1 for g in c.segments if all(cell.verdict == "not_compared" for cell in g.cells))


def render_text(c: Comparison, lang: Lang) -> str:
    token = _current.set(c._catalogue)
    try:
        return _text(c, lang)
    finally:
        _current.reset(token)


def render_markdown(c: Comparison, lang: Lang) -> str:
    token = _current.set(c._catalogue)
    try:
        return _markdown(c, lang)
    finally:
        _current.reset(token)


def _text(c: Comparison, lang: Lang) -> str:
    out = [_m("compare-r-title", lang, name=_name(c, lang)),
           _m("compare-r-respondents", lang, before=_count(c.before.respondents),
              after=_count(c.after.respondents)), ""]
    out.append(_m("compare-r-whole", lang))
    last_area = None
    width = max((len(dim_name(cell.dimension, lang)) for cell in c.whole.cells), default=0)
    for cell in c.whole.cells:
        if cell.area != last_area:
            out.append(f"  {area_name(cell.area, lang)}")
            last_area = cell.area
        line = (f"    {dim_name(cell.dimension, lang).ljust(width)}  "
                f"{_level(cell.before, lang)} → {_level(cell.after, lang)}  "
                f"{_change(cell, lang)}")
        if cell.interval is not None:
            line += f" ({_interval(cell, lang)})"
        line += f"  {verdict_text(cell, lang)}"
        if cell.before is not None and cell.after is not None and \
                cell.before.low_share is not None and cell.after.low_share is not None:
            line += "; " + _m("compare-r-low-high", lang,
                              before=_shares(cell.before, "low", lang),
                              after=_shares(cell.after, "low", lang),
                              hbefore=_shares(cell.before, "high", lang),
                              hafter=_shares(cell.after, "high", lang))
        out.append(line)
    if c.segments:
        out += ["", _m("compare-r-segments", lang)]
        changes = _segment_changes(c, lang)
        if not changes:
            out.append("  " + _m("compare-r-no-segment-change", lang))
        for g, cell in changes:
            out.append(f"  - {group_label(g, lang)}: {area_name(cell.area, lang)}, "
                       f"{dim_name(cell.dimension, lang)} {_level(cell.before, lang)} → "
                       f"{_level(cell.after, lang)} ({_change(cell, lang)}, "
                       f"{_interval(cell, lang)}): {verdict_text(cell, lang)}")
        hidden = _not_compared_groups(c)
        if hidden:
            out.append("  " + _m("compare-r-not-compared-groups", lang,
                                 groups=_groups(hidden, lang), minimum=c.method.minimum))
    out += ["", _m("compare-r-measures", lang)]
    if not c.plan:
        out.append("  " + _m("compare-r-no-plan", lang))
    for fm in c.measures:
        out.append(f"  - {fm.title.get(lang)} ({fm.measure}) "
                   f"[{_m(f'compare-status-{fm.status}', lang)}]")
        out.append(f"    {fm.text.get(lang)}")
    out += ["", _method(c, lang)]
    if c.warnings:
        out += ["", _m("compare-r-warnings", lang)]
        out += [f"  - {w.get(lang)}" for w in c.warnings]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return markdown(text)


def _markdown(c: Comparison, lang: Lang) -> str:
    out = [f"# {_md(_m('compare-r-title', lang, name=_name(c, lang)))}", "",
           _m("compare-r-respondents", lang, before=_count(c.before.respondents),
              after=_count(c.after.respondents)), "",
           f"## {_m('compare-r-whole', lang)}", ""]
    cols = ["area", "dim", "before", "after", "change", "interval", "low", "high", "verdict"]
    out.append("| " + " | ".join(_m(f"compare-r-col-{k}", lang) for k in cols) + " |")
    out.append("|" + "|".join(["---", "---", "--:", "--:", "--:", "---", "--:", "--:", "---"])
               + "|")
    for cell in c.whole.cells:
        low = f"{_shares(cell.before, 'low', lang)} → {_shares(cell.after, 'low', lang)}"
        high = f"{_shares(cell.before, 'high', lang)} → {_shares(cell.after, 'high', lang)}"
        verdict = verdict_text(cell, lang)
        if cell.verdict in ("improved", "declined"):
            verdict = f"**{verdict}**"
        row = [area_name(cell.area, lang), dim_name(cell.dimension, lang),
               _level(cell.before, lang), _level(cell.after, lang), _change(cell, lang),
               _interval(cell, lang), low, high, verdict]
        out.append("| " + " | ".join(_md(x) for x in row) + " |")
    if c.segments:
        out += ["", f"## {_m('compare-r-segments', lang)}", ""]
        changes = _segment_changes(c, lang)
        if not changes:
            out.append(_m("compare-r-no-segment-change", lang))
        else:
            cols = ["group", "area", "dim", "before", "after", "change", "interval", "verdict"]
            out.append("| " + " | ".join(_m(f"compare-r-col-{k}", lang) for k in cols) + " |")
            out.append("|" + "|".join(["---", "---", "---", "--:", "--:", "--:", "---", "---"])
                       + "|")
            for g, cell in changes:
                row = [group_label(g, lang), area_name(cell.area, lang),
                       dim_name(cell.dimension, lang), _level(cell.before, lang),
                       _level(cell.after, lang), _change(cell, lang), _interval(cell, lang),
                       verdict_text(cell, lang)]
                out.append("| " + " | ".join(_md(x) for x in row) + " |")
        hidden = _not_compared_groups(c)
        if hidden:
            out += ["", _m("compare-r-not-compared-groups", lang, groups=_groups(hidden, lang),
                           minimum=c.method.minimum)]
    out += ["", f"## {_m('compare-r-measures', lang)}", ""]
    if not c.plan:
        out.append(_m("compare-r-no-plan", lang))
    else:
        cols = ["measure", "status", "followup"]
        out.append("| " + " | ".join(_m(f"compare-r-col-{k}", lang) for k in cols) + " |")
        out.append("|---|---|---|")
        for fm in c.measures:
            row = [fm.title.get(lang), _m(f"compare-status-{fm.status}", lang),
                   fm.text.get(lang)]
            out.append("| " + " | ".join(_md(x) for x in row) + " |")
    out += ["", _method(c, lang)]
    if c.warnings:
        out += ["", f"## {_m('compare-r-warnings', lang)}", ""]
        out += [f"- {w.get(lang)}" for w in c.warnings]
    return "\n".join(out) + "\n"
