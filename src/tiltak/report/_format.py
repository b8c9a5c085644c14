"""Numbers in documents: 400 000 kr, 7 %, 2,4 (nb) or NOK 400,000, 7%, 2.4 (en).

Thin wrappers over tiltak._i18n's one formatter, with the document separators: a
narrow no-break space between thousands, a no-break space before units.
"""

from __future__ import annotations

from tiltak._i18n import NARROW_NBSP, Lang, format_number, format_percent

NBSP = "\u00a0"


def number(value: float, lang: Lang, digits: int = 0) -> str:
    """Thousands grouped, ``digits`` decimals."""
    return format_number(value, lang, digits, sep=NARROW_NBSP)


def dec(value: float, lang: Lang) -> str:
    """A level, target or gap on the 1-5 scale: one decimal."""
    return number(value, lang, 1)


def pct(share: float, lang: Lang) -> str:
    """A share 0-1 as whole percent: "7 %" (nb), "7%" (en)."""
    return format_percent(share, lang, sep=NARROW_NBSP)


def nok(value: float, lang: Lang) -> str:
    """An amount in kroner: "400 000 kr" (nb), "NOK 400,000" (en)."""
    return f"{number(value, lang)}{NBSP}kr" if lang == "nb" else f"NOK{NBSP}{number(value, lang)}"


def hours(value: float, lang: Lang) -> str:
    """Hours of work: "1 800 timer" (nb), "1,800 hours" (en)."""
    return f"{number(value, lang)}{NBSP}{'timer' if lang == 'nb' else 'hours'}"


def join(items: list[str], lang: Lang) -> str:
    """ "a, b og c" (nb) or "a, b and c" (en)."""
    if len(items) <= 1:
        return "".join(items)
    word = " og " if lang == "nb" else " and "
    return ", ".join(items[:-1]) + word + items[-1]
