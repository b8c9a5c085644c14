"""Every public function, given an argument of a wrong type, raises a TiltakError
(ArgumentError, or the input error of its kind), never a TypeError, AttributeError or a
pydantic ValidationError from inside: the promise of SECURITY.md for library callers."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import tiltak
from tiltak.errors import TiltakError

from .conftest import EXAMPLES

MODULES = ["tiltak", "tiltak.profile", "tiltak.catalogue", "tiltak.result", "tiltak.engine",
           "tiltak.plan", "tiltak.report", "tiltak.compare", "tiltak.survey", "tiltak.graph",
           "tiltak.testing", "tiltak.authoring.lint", "tiltak.authoring.explain",
           "tiltak.authoring.diff", "tiltak.authoring.scenarios", "tiltak.authoring.schema"]
# Documented otherwise: format_for raises ValueError for a suffix it cannot tell (the CLI
# words it); json_line encodes any JSON value, as json.dumps does.
# compare's survey definitions are read (and checked) only for an export: with profiles,
# as here, they are not used (tiltak.survey stays unimported).
EXEMPT = {"tiltak.report.format_for", "tiltak.result.json_line"}
UNUSED = {"tiltak.compare.compare(survey)", "tiltak.compare.compare(before_survey)"}
PROFILE = str(EXAMPLES / "bindal-organisasjon.json")
ENGINE_METHODS = ("suggest", "suggest_many", "suggest_many_json", "explain", "facts")


def _functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            value = getattr(module, attr)
            if inspect.isfunction(value) and f"{name}.{attr}" not in EXEMPT:
                yield f"{name}.{attr}", value
    engine = tiltak.load()
    for attr in ENGINE_METHODS:
        if hasattr(engine, attr):
            yield f"Engine.{attr}", getattr(engine, attr)


def _cases() -> Iterator[tuple[str, Callable[..., Any], str]]:
    seen: set[str] = set()
    for label, function in _functions():
        for param in inspect.signature(function).parameters.values():
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                continue
            key = f"{label}({param.name})"
            if key not in seen and key not in UNUSED:
                seen.add(key)
                yield key, function, param.name


CASES = list(_cases())


@pytest.mark.parametrize(("function", "name"), [(f, n) for _, f, n in CASES],
                         ids=[key for key, _, _ in CASES])
def test_a_wrong_type_is_a_tiltak_error(function: Callable[..., Any], name: str,
                                        default_engine: tiltak.Engine) -> None:
    good = {"engine": default_engine, "lang": "en"}
    kwargs: dict[str, Any] = {}
    for param in inspect.signature(function).parameters.values():
        if param.name == name:
            kwargs[name] = object()
        elif param.default is param.empty and param.kind not in (param.VAR_POSITIONAL,
                                                                 param.VAR_KEYWORD):
            kwargs[param.name] = good.get(param.name, PROFILE)
    with pytest.raises(TiltakError):
        outcome = function(**kwargs)
        if inspect.isgenerator(outcome):
            list(outcome)


@pytest.mark.parametrize(("kwargs", "path"), [
    ({"kind": "kommune"}, "subject.kind"),
    ({"respondents": -1}, "respondents"),
    ({"digitalisering": {"evner": 7}}, "competence.digitalisering"),
])
def test_make_profile_says_what_is_wrong_as_a_profile_error(kwargs: dict[str, Any],
                                                            path: str) -> None:
    from tiltak.errors import ProfileError
    from tiltak.testing import make_profile

    with pytest.raises(ProfileError) as caught:
        make_profile(**kwargs)
    assert path in caught.value.render("en")
