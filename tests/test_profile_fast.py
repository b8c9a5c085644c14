"""The fast path of profile parsing accepts exactly what the strict path accepts (#14).

``parse_profile`` first tries ``_fast_profile`` (orjson and hand-written checks) and only
falls back to the strict path (json with hooks, pydantic) when the fast path declines. So
errors always come from the strict path; what must hold is that the fast path never accepts
what the strict path refuses, and that what it builds equals the strict path's models, down to
the type of every number and the fields a user gave.
"""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tiltak import _limits
from tiltak.errors import ProfileError
from tiltak.profile import (
    Profile,
    _fast_profile,
    _parse_strict,
    _parse_with_limits,
    parse_profile,
)

from .conftest import EXAMPLES

LIMITS = _limits.current({})

# Values that sit on or next to an edge of some field, of every JSON type.
_EDGE_VALUES = [
    None, True, False, 0, -1, 1, 2, 3, 5, 6, 0.0, -0.0, 0.2, 0.5, 1.0, 1.5, 4.999, 5.0,
    5.000001, 0.9999, 1e12, 1e12 + 1, 10_000_000, 10_000_001, 10**17, 10**18 - 1, 10**18,
    -(10**18) + 1, -(10**18), 10**19, 2**64, 2**64 + 1, 1e18, 1e300, -1e300, 1e-300, "",
    "x", "a" * 200, "a" * 201, "a" * 80, "a" * 81, "ab-c_1", "Ab", "-a", "a b", "abc\n", "æøå",
    "a:b", "employee", "group", "organisation", "course", "e-learning", "tiltak.profile/1",
    "tiltak.profile/2", "helse-og-velferd", "knowledge", [], {}, [1], ["a"], {"a": 1},
    [0.2, 0.2, 0.2, 0.2, 0.2], [0.2, 0.2, 0.2, 0.2], [0.5, 0.5, 0.0, 0.0, 0.0],
    [0.2, 0.2, 0.2, 0.2, 0.205], [0.2, 0.2, 0.2, 0.2, 0.22], [1, 0, 0, 0, 0], 0.9999999,
    5.0000001, 1.0000001, -0.1, 10**12 + 1, 1.0000001e12, "kurs", "3", [1.0000001, 0, 0, 0, 0],
    [-0.0, 0.0, 0.0, 0.0, 1.0], [0.2, 0.2, 0.2, 0.2, "0.2"], ["a", "b"], ["ab", "Ab"],
]
_EDGES = st.sampled_from(_EDGE_VALUES)
_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
# Each bound of a numeric field, on both sides, and numbers of the wrong kind.
_NUMBER_EDGES = [
    1, 1.0, 0.9999999, 5, 5.0, 5.0000001, 6, 0, 0.0, -0.0, -1, -0.0000001, 1.0000001, 0.2,
    10_000_000, 10_000_001, 10**12, 1e12, 10**12 + 1, 1.0000001e12, 10**18 - 1, 10**18,
    1e18, 2**64, 2.0, True, False, None, "3"]
_ANY = st.one_of(_EDGES, _FLOATS, st.integers(-(2**70), 2**70), st.text(max_size=5))


def _random(draw: st.DrawFn) -> random.Random:
    return random.Random(draw(st.integers(0, 2**64)))


def _rarely(draw: st.DrawFn, n: int) -> bool:
    """True about once in ``n + 1`` draws (hypothesis draws small integers far more often
    than the others, so ``integers(0, n) == 0`` would come up far more often than that)."""
    return _random(draw).randrange(n + 1) == 0


@st.composite
def _sometimes_(draw: st.DrawFn, valid: st.SearchStrategy[Any]) -> Any:
    return draw(_ANY) if _rarely(draw, 200) else draw(valid)


def _sometimes(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A valid value, rarely anything (most errors come from ``_one_change``)."""
    return _sometimes_(valid)


def _obj(draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]],
         required: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, strategy in fields.items():
        if (name in required and not _rarely(draw, 60)) or draw(st.booleans()):
            out[name] = draw(strategy)
    if _rarely(draw, 40):
        out[draw(st.sampled_from(["extra", "Level", "kind", "by"]))] = draw(_ANY)
    return out


_LEVEL = _sometimes(st.one_of(st.floats(1.0, 5.0), st.integers(1, 5),
                              st.sampled_from([1, 5, 1.0, 5.0])))
_COUNT = _sometimes(st.one_of(st.integers(0, 10_000_000), st.sampled_from([0, 10_000_000])))
_IDS = _sometimes(st.lists(st.sampled_from(["leader", "kurs", "a", "helse-og-velferd", "x_1"]),
                           max_size=3))


@st.composite
def _dimension(draw: st.DrawFn) -> Any:
    if _rarely(draw, 60):
        return draw(_ANY)
    shares = st.one_of(
        st.lists(st.integers(0, 9), min_size=5, max_size=5).filter(any).map(
            lambda counts: [c / sum(counts) for c in counts]),
        st.permutations([1, 0, 0.0, -0.0, 0]))
    shares = _sometimes(shares)
    return _obj(draw, {"level": _LEVEL, "target": st.one_of(st.none(), _LEVEL),
                       "distribution": _sometimes(shares), "respondents": _COUNT},
                required=("level",))


@st.composite
def _competence(draw: st.DrawFn) -> Any:
    if _rarely(draw, 60):
        return draw(_ANY)
    dims = st.sampled_from(["knowledge", "skills", "abilities", "attitudes"])
    if draw(st.booleans()):
        dims = st.sampled_from(["kunnskaper", " Evner ", "ferdigheter", "HOLDNINGER"])
    return draw(st.dictionaries(st.sampled_from(["ledelse", "digitalisering", "ukjent", "a:b"]),
                                st.dictionaries(dims, _dimension(), min_size=1, max_size=4),
                                min_size=1, max_size=3))


_SCALAR = _sometimes(st.one_of(st.booleans(), st.integers(-(10**19), 10**19), _FLOATS,
                               st.text(max_size=4)))


@st.composite
def _profile_data(draw: st.DrawFn) -> Any:
    subject = _obj(draw, {
        "kind": _sometimes(st.sampled_from(["employee", "group", "unit", "organisation"])),
        "id": _sometimes(st.text(max_size=5)), "name": _sometimes(st.text(max_size=5)),
        "sector": _sometimes(st.sampled_from(["helse-og-velferd", "stab", "oppvekst"])),
        "roles": _IDS,
        "attributes": _sometimes(st.dictionaries(
            st.one_of(st.text(max_size=3), st.sampled_from(
                ["average_position_percent", "part_time", "age_group"])),
            st.one_of(st.none(), _SCALAR, st.sampled_from([-0.5, 0, 68.8, 100, 100.5])),
            max_size=3)),
    }, required=("kind",))
    context = _obj(draw, {
        "sectors": _IDS, "running_measures": _IDS,
        "budget_nok": _sometimes(st.one_of(st.none(), st.floats(0, 1e12),
                                           st.sampled_from([0, -0.0, 1e12, 10**12]))),
        "capacity_hours": _sometimes(st.one_of(st.integers(0, 10**6), st.floats(0, 1e3))),
        "avoid_formats": _sometimes(st.lists(st.sampled_from(["course", "e-learning"]),
                                             max_size=2)),
    })
    segment = st.builds(dict, by=_sometimes(st.sampled_from(["sector", "role", "alder"])),
                        value=_SCALAR, respondents=_COUNT, competence=_competence())
    data = _obj(draw, {
        "format": _sometimes(st.just("tiltak.profile/1")),
        "subject": _ANY if _rarely(draw, 20) else st.just(subject),
        "respondents": _COUNT, "competence": _competence(),
        "context": st.just(context), "segments": _sometimes(st.lists(segment, max_size=2)),
    }, required=("format", "subject"))
    return draw(_ANY) if _rarely(draw, 60) else data


def _paths(value: Any, base: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [base]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*base, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*base, i))
    return out


@st.composite
def _one_change(draw: st.DrawFn) -> Any:
    """A (mostly valid) profile with one value replaced, one key removed or one added: a
    profile with a single error probes one check at a time."""
    data = draw(_profile_data())
    if not isinstance(data, dict) or draw(st.booleans()):
        return data
    data = json.loads(json.dumps(data))  # a deep copy
    path = _random(draw).choice(_paths(data)[1:])  # sampled_from favours the first
    *parents, last = path
    node = data
    for part in parents:
        node = node[part]
    action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
    if action == "replace" or (action == "delete" and isinstance(node, list)):
        old = node[last]
        numeric = isinstance(old, int | float) and not isinstance(old, bool)
        edges = _NUMBER_EDGES if numeric and draw(st.booleans()) else _EDGE_VALUES
        # sampled_from would favour the first few values; every edge should come up.
        node[last] = _random(draw).choice(edges) if draw(st.booleans()) else draw(_ANY)
    elif action == "delete":
        del node[last]
    elif isinstance(node, dict):
        key = draw(st.sampled_from(["extra", "level", "kind", "by", "value", "Knowledge",
                                    "kunnskap", "knowledge", "x", "evner"]))
        node[key] = draw(st.one_of(_ANY, st.builds(dict, level=_LEVEL)))
    else:
        node.append(draw(_ANY))
    return data


def _text(draw: st.DrawFn, data: Any) -> str | bytes:
    """``data`` as JSON text, sometimes with a twist only the text can carry."""
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    twist = draw(st.integers(0, 20))
    if twist == 0 and '{"' in text:  # a duplicate key
        at = text.index('{"') + 1
        end = text.index('"', at + 1) + 1
        text = text[:at] + text[at:end] + ': 1, ' + text[at:]
    elif twist == 1:  # a colon written as an escape
        text = text.replace("a:b", "a\\u003ab")
    elif twist == 2:
        text = " \n" + text.replace(", ", ",\n  ") + "\n"
    elif twist == 3:
        text = text.replace("0.2", "2e-1").replace("1.0", "1E0")
    elif twist == 4:
        text = text.replace("5.0", "NaN").replace("1e+300", "1e400")
    elif twist == 5:
        text = text.replace("1.0", "100000000000000000000000")
    elif twist == 6:
        return "\ufeff" + text if draw(st.booleans()) else ("\ufeff" + text).encode()
    return text.encode() if draw(st.booleans()) else text


def _shape(value: Any) -> Any:
    """A model or value with everything equality could blur spelt out: each model's class and
    the fields a user gave, each number's type, -0.0 apart from 0.0."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, sorted(value.model_fields_set),
                [(name, _shape(item)) for name, item in value.__dict__.items()],
                value.__pydantic_extra__, value.__pydantic_private__)
    if isinstance(value, dict):
        return ("dict", [(_shape(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [_shape(item) for item in value])
    if isinstance(value, float):
        return ("float", math.copysign(1.0, value), repr(value))
    return (type(value).__name__, value)


def _strict(text: str | bytes, limits: _limits.Limits = LIMITS) -> Profile | str:
    try:
        return _parse_strict(text, None, limits)
    except ProfileError as error:
        return error.render("en")


@settings(max_examples=1500, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_the_fast_path_accepts_only_what_the_strict_path_accepts(data: st.DataObject) -> None:
    text = _text(data.draw, data.draw(_one_change()))
    strict = _strict(text)
    fast = _fast_profile(text, LIMITS)
    event("fast" if fast is not None else "strict: valid" if isinstance(strict, Profile)
          else "strict: error")
    if fast is not None:
        assert isinstance(strict, Profile), strict
        assert _shape(fast) == _shape(strict)
        assert fast == strict
        assert fast.model_dump_json() == strict.model_dump_json()
    else:  # the fallback: what parse_profile says is the strict path's own word
        try:
            answer: Profile | str = _parse_with_limits(text, None, LIMITS)
        except ProfileError as error:
            answer = error.render("en")
        if isinstance(strict, str):
            assert answer == strict
        else:
            assert isinstance(answer, Profile) and _shape(answer) == _shape(strict)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_every_bundled_example_takes_the_fast_path(path: Path) -> None:
    # Not a matter of correctness (the strict path gives the same profile) but of speed: real
    # profiles, in any layout, must not fall back.
    raw = path.read_bytes()
    for text in (raw, raw.decode(), json.dumps(json.loads(raw))):
        fast = _fast_profile(text, LIMITS)
        assert fast is not None
        assert _shape(fast) == _shape(_strict(text))


@pytest.mark.parametrize(("text", "why"), [
    ('{"format": "tiltak.profile/1", "subject": {"kind": "unit", "kind": "group"}}',
     "duplicate key 'kind'"),
    ('{"format": "tiltak.profile/1", "subject": {"kind": "unit", "attributes": '
     '{"n": 1234567890123456789012}}}', "is too large"),
    ('{"format": "tiltak.profile/1", "subject": {"kind": "unit", "attributes": '
     '{"n": 1e999}}}', "not a number JSON allows"),
    ('{"format": "tiltak.profile/1", "subject": {"kind": "unit", "name": "a\\u003a",'
     ' "name": "b"}}', "duplicate key 'name'"),
    ('{"format": "tiltak.profile/1", "subject": {"kind": "unit"}, "competence": {"ledelse":'
     ' {"evner": {"level": 2}, "abilities": {"level": 3}}}}', "abilities"),
])
def test_what_only_the_text_shows_is_still_refused(text: str, why: str) -> None:
    assert _fast_profile(text, LIMITS) is None
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert why in caught.value.render("en")


def test_a_low_depth_limit_sends_profiles_to_the_strict_path() -> None:
    text = (EXAMPLES / "bindal-organisasjon.json").read_text(encoding="utf-8")
    low = _limits.current({"TILTAK_MAX_DEPTH": "3"})
    assert _fast_profile(text, low) is None
    assert isinstance(_strict(text, low), str)


_FULL = {
    "format": "tiltak.profile/1",
    "subject": {"kind": "group", "id": "g", "name": "G", "sector": "stab", "roles": ["leader"],
                "attributes": {"n": 1, "s": "x", "b": True, "f": 0.5, "z": None}},
    "respondents": 10,
    "competence": {"ledelse": {"knowledge": {"level": 3, "target": 4, "respondents": 5,
                                             "distribution": [1.0, 0, 0, 0, 0.0]}}},
    "context": {"sectors": ["stab"], "running_measures": [], "budget_nok": 1000,
                "capacity_hours": 10.5, "avoid_formats": ["course"]},
    "segments": [{"by": "alder", "value": "30-39", "respondents": 4,
                  "competence": {"ledelse": {"skills": {"level": 2}}}}],
}
_NUMBER_PATHS = [
    ("respondents",), ("competence", "ledelse", "knowledge", "level"),
    ("competence", "ledelse", "knowledge", "target"),
    ("competence", "ledelse", "knowledge", "respondents"),
    ("competence", "ledelse", "knowledge", "distribution", 0),
    ("competence", "ledelse", "knowledge", "distribution", 4),
    ("context", "budget_nok"), ("context", "capacity_hours"), ("subject", "attributes", "n"),
    ("segments", 0, "value"), ("segments", 0, "respondents"),
    ("segments", 0, "competence", "ledelse", "skills", "level"),
]


@pytest.mark.parametrize("path", _NUMBER_PATHS, ids=lambda p: ".".join(map(str, p)))
def test_every_numeric_bound_is_where_the_strict_path_has_it(path: tuple[Any, ...]) -> None:
    for value in _NUMBER_EDGES:
        data = json.loads(json.dumps(_FULL))
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
        text = json.dumps(data)
        strict, fast = _strict(text), _fast_profile(text, LIMITS)
        if fast is not None:
            assert isinstance(strict, Profile), (value, strict)
            assert _shape(fast) == _shape(strict), value
        elif isinstance(strict, Profile):  # declined: only numbers the text may spell as ints
            assert abs(value) >= 10**18, value  # type: ignore[arg-type]


# What the engine builds without validation (so that a cached `tiltak suggest` builds no
# validator) equals what validation builds: a segment's subject, texts, the empty context.

@pytest.mark.parametrize(("by", "value"), [
    ("sector", "teknisk"), ("role", "leader"), ("role", "top-leader"), ("alder", 3),
    ("ansatt", True), ("workplace", "Sentrum skole"),
])
def test_a_segments_subject_is_the_validated_subject(by: str, value: object) -> None:
    from tiltak.engine._facts import segment_view
    from tiltak.profile import Subject

    profile = parse_profile(json.dumps({
        "format": "tiltak.profile/1",
        "subject": {"kind": "sector", "id": "s1", "name": "Helse", "sector": "helse-og-velferd",
                    "roles": ["top-leader"], "attributes": {"region": "nord", "n": 2}},
        "segments": [{"by": by, "value": value, "respondents": 4}],
    }))
    subject = segment_view(profile, profile.segments[0]).subject
    validated = Subject(**{name: getattr(subject, name) for name in subject.model_fields_set})
    assert _shape(subject) == _shape(validated)


@pytest.mark.parametrize(("nb", "en", "made"), [
    ("Tekst", "Text", True), ("ø", "–", True),
    ("", "Text", False), ("Tekst", "", False),  # refused, as Text(...) refuses them
])
def test_own_text_is_the_validated_text(nb: str, en: str, made: bool) -> None:
    from pydantic import ValidationError

    from tiltak._validation import Text, own_text

    if made:
        assert _shape(own_text(nb, en)) == _shape(Text(nb=nb, en=en))
        return
    with pytest.raises(ValidationError) as ours:
        own_text(nb, en)
    with pytest.raises(ValidationError) as theirs:
        Text(nb=nb, en=en)
    assert ours.value.errors() == theirs.value.errors()


def test_the_empty_context_is_the_validated_one() -> None:
    from tiltak.profile import _NO_CONTEXT, Context

    assert _shape(_NO_CONTEXT) == _shape(Context())
    text = json.dumps({"format": "tiltak.profile/1", "subject": {"kind": "unit"}})
    assert _shape(parse_profile(text).context) == _shape(Context())
