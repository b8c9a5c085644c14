"""Norwegian number habits: one formatter for every number a user reads, and amounts and
decimals typed the Norwegian way (issue #13)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiltak._i18n import (
    NARROW_NBSP,
    NumberFormatError,
    close_matches,
    detect_lang,
    did_you_mean,
    format_nok,
    format_number,
    format_percent,
    parse_amount,
    parse_decimal,
    plural,
)
from tiltak.cli import main

from .conftest import EXAMPLES


@pytest.mark.parametrize(("value", "lang", "digits", "expected"), [
    (400000, "nb", 0, "400 000"),
    (400000, "en", 0, "400,000"),
    (1234.5, "nb", 1, "1 234,5"),
    (1234.5, "en", 1, "1,234.5"),
    (6.25, "nb", 1, "6,2"),  # banker's rounding of the float 6.25, as Python formats it
    (0.5, "nb", None, "0,5"),
    (3.0, "nb", None, "3"),
    (-0.01, "nb", 1, "0,0"),
    (999, "nb", 0, "999"),
])
def test_format_number(value: float, lang: str, digits: int | None, expected: str) -> None:
    assert format_number(value, lang, digits) == expected  # type: ignore[arg-type]


def test_percent_nok_and_document_spaces() -> None:
    assert format_percent(0.07, "nb") == "7 %"
    assert format_percent(0.07, "en") == "7%"
    assert format_nok(400000, "nb") == "400 000 kr"
    assert format_nok(400000, "en") == "NOK 400,000"
    assert format_nok(400000, "nb", sep=NARROW_NBSP) == "400\u202f000 kr"


def test_plural_words() -> None:
    assert plural(1, "nb", ("rad", "rader"), ("row", "rows")) == "1 rad"
    assert plural(3, "nb", ("rad", "rader"), ("row", "rows")) == "3 rader"
    assert plural(0, "en", ("rad", "rader"), ("row", "rows")) == "0 rows"


@pytest.mark.parametrize(("text", "expected"), [
    ("400000", 400000), ("400 000", 400000), ("400.000", 400000), ("400,000", 400000),
    ("kr 400 000", 400000), ("400 000 kr", 400000), ("400 000,-", 400000),
    ("NOK 400,000", 400000), ("400\u00a0000", 400000), ("400\u202f000 kr", 400000),
    ("1.234.567", 1234567), ("1 234,50", 1234.5), ("1,234.50", 1234.5), ("1,5", 1.5),
    ("0", 0),
])
def test_amounts_people_write(text: str, expected: float) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize("text", [
    "400 00", "1.2345", "1.234,567", "abc", "", "1.234.56", "4,00,000", "-5", "400 000 000,5,5",
])
def test_ambiguous_amounts_are_refused(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_amount(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_amounts_read_back(value: int) -> None:
    for lang in ("nb", "en"):
        assert parse_amount(format_nok(value, lang)) == value  # type: ignore[arg-type]


def test_decimal_comma() -> None:
    assert parse_decimal("0,5") == 0.5
    assert parse_decimal("0.05") == 0.05
    with pytest.raises(NumberFormatError):
        parse_decimal("1.500,5")


@pytest.mark.parametrize(("env", "windows", "expected"), [
    ({"TILTAK_LANG": "nb", "LANG": "en_US.UTF-8"}, None, "nb"),
    ({"TILTAK_LANG": "en", "LANG": "nb_NO.UTF-8"}, None, "en"),
    ({"LANG": "nb_NO.UTF-8"}, None, "nb"),
    ({"LC_ALL": "nn_NO.UTF-8", "LANG": "en_US"}, None, "nb"),
    ({"LANG": "de_DE.UTF-8"}, 0x0414, "en"),   # a locale set: it decides
    ({}, 0x0414, "nb"),                        # Windows, Norwegian bokmål UI
    ({}, 0x0814, "nb"),                        # Windows, nynorsk UI
    ({}, 0x0409, "en"),                        # Windows, English UI
    ({}, None, "en"),
])
def test_language_from_the_platform(env: dict[str, str], windows: int | None,
                                    expected: str) -> None:
    assert detect_lang(env, lambda: windows) == expected


def test_did_you_mean() -> None:
    assert close_matches("sugest", ["suggest", "survey", "plan"]) == ["suggest"]
    assert close_matches("HR-Adviser", ["hr-adviser", "leader"]) == ["hr-adviser"]
    assert did_you_mean("xyzzy", ["suggest"], "nb") == ""
    assert did_you_mean("ledr", ["leader"], "nb") == " (mente du «leader»?)"


@pytest.mark.parametrize(("budget", "shown"), [
    ("400.000", "400 000 kr"), ("400 000", "400 000 kr"), ("kr 400 000", "400 000 kr"),
    ("400 000 kr", "400 000 kr"),
])
def test_plan_budget_as_typed(budget: str, shown: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", str(EXAMPLES / "bindal-organisasjon.json"), "--budget", budget,
                 "--lang", "nb"]) == 0
    assert f"Budsjett: {shown}" in capsys.readouterr().out


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_ambiguous_budget_refused_in_the_users_language(lang: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["plan", "x.json", "--budget", "400 00", "--lang", lang])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert ("ikke et beløp" if lang == "nb" else "not an amount") in err


@pytest.mark.parametrize(("count", "nb", "en"), [
    (1, "1 gruppe ikke publisert", "1 group not published"),
    (3, "3 grupper ikke publisert", "3 groups not published"),
])
def test_messages_use_plural_forms(count: int, nb: str, en: str) -> None:
    import importlib

    from tiltak._i18n import message

    importlib.import_module("tiltak.survey._text")  # registers the survey's messages
    params = {"variable": "sektor", "count": count, "minimum": 5}
    assert nb in message("survey-withheld", "nb", **params)
    assert en in message("survey-withheld", "en", **params)
    assert "(r)" not in message("survey-withheld", "nb", **params)
