"""The report as one self-contained HTML page (Jinja2, autoescaped; charts as inline SVG)."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

from tiltak.report import _charts
from tiltak.report._model import Bullets, Cell, Chart, Facts, Paragraph, Report, Table


def _svg(chart: Chart) -> Markup:
    """The chart's SVG, scaled to the page, labelled for screen readers."""
    text = _charts.render(chart, "svg").decode("utf-8")
    label = str(escape(chart.alt))
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                  rf'<svg\1 width="100%" role="img" aria-label="{label}"', text, count=1)
    text = text.replace(">", f"><title>{escape(chart.title)}</title>", 1)
    return Markup(text)  # matplotlib escapes every text it writes (tested)


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(svg=_svg, is_paragraph=lambda b: isinstance(b, Paragraph),
                       is_bullets=lambda b: isinstance(b, Bullets),
                       is_facts=lambda b: isinstance(b, Facts),
                       is_table=lambda b: isinstance(b, Table),
                       is_chart=lambda b: isinstance(b, Chart))
    env.filters["lines"] = _lines
    return env


_WHOLE_LINE = 40  # a listed line up to this long is never wrapped (a sector's short name)


def _lines(cell: Cell) -> Markup | str:
    """A cell's text; one that lists things one a line (the owners of a measure) gives each
    on its own line, a short one kept whole, so that the browser widens the column to
    "Oppvekst og kultur" instead of breaking every name in two. Only the model's own lines
    become lines: a newline inside a text from the input stays text."""
    if cell.lines is None:
        return cell.text
    return Markup("<br>").join(
        Markup('<span class="line">{}</span>').format(line) if len(line) <= _WHOLE_LINE
        else escape(line) for line in cell.lines)


def _template(name: str) -> str:
    return resources.files("tiltak.report").joinpath("templates", name).read_text("utf-8")


def to_html(report: Report) -> bytes:
    """The page as UTF-8 bytes."""
    env = _env()
    css = _template("report.css")
    page: str = env.get_template("report.html.j2").render(report=report, css=Markup(css))
    return page.encode("utf-8")
