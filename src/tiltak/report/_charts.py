"""Charts drawn with matplotlib (Agg): SVG for HTML, PNG for Word. Deterministic bytes.

Each chart gets its own figure (no pyplot state), a fixed SVG hash salt (the
chart's id, so ids differ between charts in one HTML page) and no date or
creator metadata, so the same model gives the same bytes on every run.
"""

from __future__ import annotations

import io
import re
import threading
from typing import Any, Literal

from tiltak._i18n import Lang
from tiltak.report._format import dec, number, pct
from tiltak.report._model import Chart

INK = "#1a1a1a"
MUTED = "#595959"
GRID = "#d9d9d9"
LEVEL = "#1f4e79"
TARGET = "#b4451a"
ANSWERS = ("#b2182b", "#ef8a62", "#bdbdbd", "#67a9cf", "#2166ac")
ANSWER_TEXT = ("#ffffff", INK, INK, INK, "#ffffff")
PHASES = ("#1f4e79", "#2e7d6b", "#7a4e9a", "#b4451a", "#5b6770", "#8a6d1f")
WIDTH = 6.4  # inches: fits an A4 page with margins at 100 %

_LOCK = threading.Lock()  # rcParams are process-global: draw one chart at a time
_STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": GRID,
    "axes.labelcolor": INK,
    "axes.titlesize": 10,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "svg.fonttype": "none",
    "svg.image_inline": True,
}


def _mpl() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    return matplotlib


def render(chart: Chart, fmt: Literal["svg", "png"], dpi: int = 200) -> bytes:
    """The chart as SVG text (UTF-8 bytes, no XML prolog) or a PNG image."""
    mpl = _mpl()
    from matplotlib.figure import Figure

    with _LOCK, mpl.rc_context({**_STYLE, "svg.hashsalt": f"tiltak-{chart.id}"}):
        height = _height(chart)
        fig = Figure(figsize=(WIDTH, height))
        _DRAW[chart.kind](fig, chart)
        _margins(fig, chart, height)
        out = io.BytesIO()
        if fmt == "svg":
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
            return _clean_svg(out.getvalue())
        fig.savefig(out, format="png", dpi=dpi,
                    metadata={"Software": None})
        return out.getvalue()


def _label_width(labels: tuple[str, ...], size: float) -> float:
    """The widest label in inches, measured from the font (no drawing needed)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure = TextToPath()
    font = FontProperties(family="DejaVu Sans", size=size)
    widest = max((measure.get_text_width_height_descent(t, font, ismath=False)[0]
                  for t in labels), default=0.0)
    return float(widest) / 72.0


def _margins(fig: Any, chart: Chart, height: float) -> None:
    """Fixed margins from the labels' measured widths: one drawing pass, not a layout loop."""
    size = 8.0 if chart.kind == "gantt" else 9.0
    shown = tuple(_short(t) for t in chart.labels) if chart.kind == "gantt" else (
        tuple(_short(t, 44) for t in chart.labels) if chart.kind == "hbar" else chart.labels)
    left = _label_width(shown, size) + 0.2
    top = 0.4 if chart.kind in ("levels", "distribution", "before-after", "gantt") else 0.15
    bottom = 0.15 if chart.kind == "gantt" else 0.55
    right = 0.45 if chart.kind == "distribution" else 0.15
    fig.subplots_adjust(left=left / WIDTH, right=1 - right / WIDTH, top=1 - top / height,
                        bottom=bottom / height)


def _clean_svg(data: bytes) -> bytes:
    """Drop the XML prolog and DOCTYPE so the SVG can sit inline in HTML."""
    text = data.decode("utf-8")
    start = text.find("<svg")
    text = text[start:]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    return text.encode("utf-8")


def _height(chart: Chart) -> float:
    rows = len(chart.labels)
    if chart.kind == "gantt":
        return 0.8 + 0.19 * rows
    if chart.kind == "hbar":
        return 0.8 + 0.34 * rows
    return 0.95 + 0.38 * rows


def _lang(chart: Chart) -> Lang:
    return "nb" if chart.lang == "nb" else "en"


def _frame(ax: Any) -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_axisbelow(True)


def _level_axis(ax: Any, chart: Chart, ys: Any, xmax: float) -> None:
    """The 1-5 level scale along x, with the areas or dimensions as rows."""
    from matplotlib.ticker import FuncFormatter

    lang = _lang(chart)
    ax.set_yticks(ys, chart.labels)
    ax.set_xlim(1, xmax)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.spines["bottom"].set_bounds(1, 5)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: number(x, lang)))
    ax.set_xlabel(chart.axis, color=MUTED)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    _frame(ax)


def _levels(fig: Any, chart: Chart) -> None:

    lang = _lang(chart)
    ax = fig.add_subplot()
    level, target = chart.series
    ys = list(range(len(chart.labels)))[::-1]
    bars = ax.barh(ys, [v - 1 for v in level.values], left=1, height=0.55, color=LEVEL)
    marks = ax.scatter(target.values, ys, marker="D", s=42, color=TARGET, zorder=3,
                       edgecolors="white", linewidths=0.8)
    right = 5.45
    for y, v, t in zip(ys, level.values, target.values, strict=True):
        # Beside a target marker the level alone reads as the target's value: name both.
        text = f"{dec(v, lang)} ({target.name.lower()} {dec(t, lang)})" if t > v \
            else dec(v, lang)
        ax.text(max(v, t) + 0.12, y, text, va="center", ha="left", color=INK, fontsize=9.5)
        right = max(right, max(v, t) + 0.12 + 0.065 * len(text))  # room for the label
    _level_axis(ax, chart, ys, right)
    ax.legend([bars, marks], [level.name, target.name], loc="lower left",
              bbox_to_anchor=(0, 1.0), ncols=2, frameon=False, fontsize=8.5,
              borderaxespad=0.2, handletextpad=0.4)


def _distribution(fig: Any, chart: Chart) -> None:
    from matplotlib.ticker import FuncFormatter

    lang = _lang(chart)
    ax = fig.add_subplot()
    ys = list(range(len(chart.labels)))[::-1]
    left = [0.0] * len(ys)
    for k, series in enumerate(chart.series):
        ax.barh(ys, series.values, left=left, height=0.6, color=ANSWERS[k], label=series.name,
                edgecolor="white", linewidth=0.6)
        for y, x0, v in zip(ys, left, series.values, strict=True):
            if v >= 0.08:
                ax.text(x0 + v / 2, y, pct(v, lang), ha="center", va="center", fontsize=7.5,
                        color=ANSWER_TEXT[k])
        left = [a + b for a, b in zip(left, series.values, strict=True)]
    ax.set_yticks(ys, chart.labels)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: pct(x, lang)))
    ax.set_xlabel(chart.axis, color=MUTED)
    _frame(ax)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=5, frameon=False,
              fontsize=8, borderaxespad=0.2, handlelength=1.2, handletextpad=0.4,
              columnspacing=1.0)


def _short(text: str, width: int = 52) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _gantt(fig: Any, chart: Chart) -> None:
    """Phases (one column each) or months (``axis`` "months": a column per year)."""
    ax = fig.add_subplot()
    start, length, *rounds = chart.series
    ys = list(range(len(chart.labels)))[::-1]
    colours = [PHASES[(g - 1) % len(PHASES)] for g in chart.groups]
    unit = 12 if chart.axis == "months" else 1
    gap = 0.04 * unit
    ax.barh(ys, [max(v - 2 * gap, gap) for v in length.values],
            left=[v + gap for v in start.values], height=0.62, color=colours)
    for extra in rounds:
        shown = [(y, s, n, c) for y, s, n, c in zip(ys, extra.values, length.values, colours,
                                                      strict=True) if s >= 0]
        ax.barh([y for y, *_ in shown], [max(n - 2 * gap, gap) for *_, n, _ in shown],
                left=[s + gap for _, s, *_ in shown], height=0.62,
                color=[c for *_, c in shown])
    ax.set_yticks(ys, [_short(t) for t in chart.labels], fontsize=8)
    phases = len(chart.ticks)
    ax.set_xlim(0, max(phases, 1) * unit)
    ax.set_xticks([(i + 0.5) * unit for i in range(phases)], chart.ticks)
    ax.xaxis.tick_top()
    ax.tick_params(axis="x", length=0, labelcolor=INK)
    for i in range(1, phases):
        ax.axvline(i * unit, color=GRID, linewidth=0.8)
    ax.set_ylim(-0.6, len(ys) - 0.4)
    _frame(ax)
    ax.spines["bottom"].set_visible(False)


def _hbar(fig: Any, chart: Chart) -> None:
    from matplotlib.ticker import FuncFormatter

    lang = _lang(chart)
    ax = fig.add_subplot()
    (series,) = chart.series
    ys = list(range(len(chart.labels)))[::-1]
    ax.barh(ys, series.values, height=0.6, color=LEVEL)
    top = max(series.values, default=1.0) or 1.0
    for y, v in zip(ys, series.values, strict=True):
        ax.text(v + top * 0.01, y, number(v, lang), va="center", ha="left", fontsize=8.5,
                color=INK)
    ax.set_yticks(ys, [_short(t, 44) for t in chart.labels])
    ax.set_xlim(0, top * 1.15)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: number(x, lang)))
    ax.set_xlabel(chart.axis, color=MUTED)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    _frame(ax)


def _before_after(fig: Any, chart: Chart) -> None:

    lang = _lang(chart)
    ax = fig.add_subplot()
    before, after = chart.series
    ys = list(range(len(chart.labels)))[::-1]
    ax.barh([y + 0.18 for y in ys], [v - 1 for v in before.values], left=1, height=0.34,
            color="#9fb6cd", label=before.name)
    ax.barh([y - 0.18 for y in ys], [v - 1 for v in after.values], left=1, height=0.34,
            color=LEVEL, label=after.name)
    for y, v in zip(ys, after.values, strict=True):
        ax.text(v + 0.04, y - 0.18, dec(v, lang), va="center", fontsize=8)
    _level_axis(ax, chart, ys, 5.3)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=2, frameon=False, fontsize=8.5)


_DRAW = {
    "levels": _levels,
    "distribution": _distribution,
    "gantt": _gantt,
    "hbar": _hbar,
    "before-after": _before_after,
}
