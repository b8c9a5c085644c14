"""Checking the arguments of public library functions against their type hints.

A caller who passes an int where a path is expected, a dict where a Result is
expected or ``top=-1`` should get a :class:`~tiltak.errors.ArgumentError`
that names the function, the argument and what was expected, not a TypeError
or AttributeError from deep inside. :func:`checked` reads the function's type
hints once and checks each call with ``isinstance`` only (cheap, thread-safe).
Floats must be finite; ``bool`` is not accepted as a number; text is not
accepted where a list of things is expected.
"""

from __future__ import annotations

import collections.abc as abc
import functools
import inspect
import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args, get_origin

from tiltak._i18n import add_messages
from tiltak.errors import ArgumentError

__all__ = ["check_count", "check_profiles", "check_value", "checked"]

add_messages(
    {
        "arg-type": (
            "{function}: argumentet {name} må være {expected}, ikke {got}",
            "{function}: argument {name} must be {expected}, not {got}",
        ),
        "arg-value": (
            "{function}: argumentet {name} må være {expected_nb}, ikke {got}",
            "{function}: argument {name} must be {expected}, not {got}",
        ),
    }
)

F = TypeVar("F", bound=Callable[..., Any])
_COLLECTIONS = (abc.Iterable, abc.Sequence, abc.Collection, list, tuple, set, frozenset)


@dataclass(frozen=True, slots=True)
class _Accepts:
    """What one parameter accepts: types, literal values, element check for lists."""

    types: tuple[type, ...] = ()
    literals: tuple[object, ...] = ()
    elements: _Accepts | None = None
    text_ok: bool = True  # False when only a collection (not a str) is meant
    anything: bool = False

    def describe(self) -> str:
        names = [t.__name__ for t in self.types if t is not type(None)]
        names += [repr(v) for v in self.literals]
        if type(None) in self.types:
            names.append("None")
        return " or ".join(dict.fromkeys(names)) or "?"


def _merge(parts: list[_Accepts]) -> _Accepts:
    if any(p.anything for p in parts):
        return _Accepts(anything=True)
    elements = [p.elements for p in parts if p.elements is not None]
    return _Accepts(
        types=tuple(t for p in parts for t in p.types),
        literals=tuple(v for p in parts for v in p.literals),
        elements=_merge(elements) if elements else None,
        text_ok=any(str in p.types for p in parts) or all(p.text_ok for p in parts),
    )


def _accepts(hint: Any) -> _Accepts:
    origin = get_origin(hint)
    if hint is Any or hint is object or isinstance(hint, TypeVar):
        return _Accepts(anything=True)
    if origin is typing.Annotated:
        return _accepts(get_args(hint)[0])
    if origin in (typing.Union, types.UnionType):
        return _merge([_accepts(arg) for arg in get_args(hint)])
    if origin is Literal:
        return _Accepts(literals=get_args(hint))
    if hint is None or hint is type(None):
        return _Accepts(types=(type(None),))
    if hint is float:
        return _Accepts(types=(float, int))
    if origin is not None:
        if not isinstance(origin, type):
            return _Accepts(anything=True)
        args = get_args(hint)
        if origin in _COLLECTIONS and args and origin is not tuple:
            return _Accepts(types=(origin,), elements=_accepts(args[0]), text_ok=False)
        return _Accepts(types=(origin,), text_ok=origin not in _COLLECTIONS)
    if isinstance(hint, type):
        return _Accepts(types=(hint,), text_ok=hint not in _COLLECTIONS)
    return _Accepts(anything=True)


def _ok(value: object, accepts: _Accepts) -> bool:
    if accepts.anything:
        return True
    if accepts.literals and any(value == v and type(value) is type(v) for v in accepts.literals):
        return True
    if isinstance(value, bool) and bool not in accepts.types:
        return False
    if isinstance(value, str | bytes) and not accepts.text_ok:
        return False
    if not isinstance(value, accepts.types):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if accepts.elements is not None and isinstance(value, list | tuple | set | frozenset | dict):
        return all(_ok(item, accepts.elements) for item in value)
    return True


def _refuse(label: str, name: str, value: object, accepts: _Accepts) -> ArgumentError:
    """The error for ``value`` of argument ``name``: for a collection of the right kind whose
    item is wrong, the item (``segments[0] must be Mapping, not int``), not the collection."""
    if accepts.elements is not None and isinstance(value, list | tuple | set | frozenset) \
            and isinstance(value, accepts.types):
        for index, item in enumerate(value):
            if not _ok(item, accepts.elements):
                return _refuse(label, f"{name}[{index}]", item, accepts.elements)
    return ArgumentError("arg-type", function=label, name=name, expected=accepts.describe(),
                         got=_got(value))


def _got(value: object) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bool | type(None)):
        return repr(value)
    return type(value).__name__


def _hints(function: Callable[..., Any]) -> dict[str, _Accepts]:
    """The parameters' accepted values; a hint that cannot be resolved accepts anything."""
    out: dict[str, _Accepts] = {}
    namespace = dict(getattr(function, "__globals__", {}))
    for name, raw in getattr(function, "__annotations__", {}).items():
        if name == "return":
            continue
        try:
            hint = eval(raw, namespace) if isinstance(raw, str) else raw
        except Exception:  # a name only imported for type checking
            continue
        out[name] = _accepts(hint)
    return out


def checked(function: F) -> F:
    """Check each call's arguments against ``function``'s type hints (ArgumentError if wrong)."""
    signature = inspect.signature(function)
    label = function.__qualname__
    cache: list[dict[str, _Accepts]] = []
    # Calls with positional arguments only that fill the leading plain parameters, at least
    # the required ones (the common call), pair names and values without Signature.bind, which
    # cost more than some of the functions it guards; bind would pair them the same way.
    plain: list[str] = []
    for param in signature.parameters.values():
        if param.kind is not param.POSITIONAL_OR_KEYWORD:
            break
        plain.append(param.name)
    required = sum(1 for param in signature.parameters.values()
                   if param.default is param.empty
                   and param.kind is not param.VAR_POSITIONAL
                   and param.kind is not param.VAR_KEYWORD)
    # A required keyword-only parameter cannot be filled positionally: bind says so.
    names = tuple(plain) if required <= len(plain) else ()
    if not names:
        required = 1  # no fast path at all (not even for a call without arguments)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not cache:
            cache.append(_hints(function))
        if not kwargs and required <= len(args) <= len(names):
            hints = cache[0]
            for name, value in zip(names, args, strict=False):
                accepts = hints.get(name)
                if accepts is not None and name != "self" and not _ok(value, accepts):
                    raise _refuse(label, name, value, accepts)
            return function(*args)
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise ArgumentError("arg-type", function=label, name="(call)",
                                expected=str(signature), got=str(exc)) from None
        for name, value in bound.arguments.items():
            accepts = cache[0].get(name)
            if accepts is None or name == "self":
                continue
            param = signature.parameters[name]
            # each keyword of **kwargs by its own name; each of *args by its position
            named: list[tuple[str, object]] = (
                list(value.items()) if param.kind is param.VAR_KEYWORD
                else [(f"{name}[{i}]", item) for i, item in enumerate(value)]
                if param.kind is param.VAR_POSITIONAL else [(name, value)])
            for shown, item in named:
                if not _ok(item, accepts):
                    raise _refuse(label, shown, item, accepts)
        return function(*args, **kwargs)

    return typing.cast(F, wrapper)


def check_count(function: str, name: str, value: int | None, minimum: int = 1) -> None:
    """A whole number of at least ``minimum`` (or None)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ArgumentError("arg-value", function=function, name=name,
                            expected=f"a whole number >= {minimum}",
                            expected_nb=f"et heltall >= {minimum}",
                            got=repr(value) if isinstance(value, int) else _got(value))


def check_profiles(function: str, profiles: object) -> None:
    """Many profiles: an iterable that is not itself one profile (text, bytes, a mapping or a
    model, each of which iterates over its characters, bytes, keys or fields)."""
    one = isinstance(profiles, str | bytes | abc.Mapping) or hasattr(profiles, "model_fields")
    if one or not isinstance(profiles, abc.Iterable):
        raise ArgumentError("arg-value", function=function, name="profiles",
                            expected="an iterable of profiles (a list, a generator, a file's "
                                     "lines)",
                            expected_nb="en samling profiler (en liste, en generator, linjene "
                                        "i en fil)",
                            got=_got(profiles))


def check_value(function: str, name: str, ok: bool, value: object, expected: str,
                expected_nb: str) -> None:
    """Raise ArgumentError unless ``ok``."""
    if not ok:
        shown = repr(value) if isinstance(value, int | float | str) else _got(value)
        raise ArgumentError("arg-value", function=function, name=name, expected=expected,
                            expected_nb=expected_nb, got=shown[:60])
