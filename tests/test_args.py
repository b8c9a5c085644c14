"""@checked: a call given positionally is checked exactly as the same call given by keyword."""

from __future__ import annotations

from typing import Any

import pytest

from tiltak._args import checked
from tiltak.errors import ArgumentError


@checked
def _plain(name: str, count: int, ratio: float = 1.0, tags: list[str] | None = None) -> str:
    return f"{name}:{count}:{ratio}:{tags}"


@checked
def _keyword_only(name: str, *, count: int) -> str:
    return f"{name}:{count}"


@checked
def _star(name: str, *rest: int) -> str:
    return f"{name}:{rest}"


class _Holder:
    @checked
    def method(self, name: str, top: int | None = None) -> str:
        return f"{name}:{top}"


def _outcome(call: Any) -> str:
    try:
        return "ok " + call()
    except ArgumentError as error:
        return f"error {error}"


@pytest.mark.parametrize(("positional", "by_keyword"), [
    (lambda: _plain("a", 2), lambda: _plain(name="a", count=2)),
    (lambda: _plain("a", 2, 0.5, ["x"]), lambda: _plain(name="a", count=2, ratio=0.5, tags=["x"])),
    (lambda: _plain(1, 2), lambda: _plain(name=1, count=2)),
    (lambda: _plain("a", True), lambda: _plain(name="a", count=True)),
    (lambda: _plain("a", 2, float("nan")), lambda: _plain(name="a", count=2, ratio=float("nan"))),
    (lambda: _plain("a", 2, 1.0, "xy"), lambda: _plain(name="a", count=2, ratio=1.0, tags="xy")),
    (lambda: _plain("a", 2, 1.0, [1]), lambda: _plain(name="a", count=2, ratio=1.0, tags=[1])),
    (lambda: _Holder().method("a", 3), lambda: _Holder().method(name="a", top=3)),
    (lambda: _Holder().method("a", "3"), lambda: _Holder().method(name="a", top="3")),
    (lambda: _star("a", 1, 2), lambda: _star("a", *[1, 2])),
])
def test_positional_and_keyword_calls_are_checked_alike(positional: Any, by_keyword: Any) -> None:
    assert _outcome(positional) == _outcome(by_keyword)


@pytest.mark.parametrize("call", [
    lambda: _plain("a"),                 # a required argument missing
    lambda: _plain("a", 2, 1.0, None, 5),  # one too many
    lambda: _keyword_only("a"),          # the keyword-only argument missing
    lambda: _keyword_only(),             # nothing given
    lambda: _star(),
    lambda: _star("a", "b"),             # a wrong extra positional
])
def test_wrong_calls_are_argument_errors_not_type_errors(call: Any) -> None:
    with pytest.raises(ArgumentError):
        call()
