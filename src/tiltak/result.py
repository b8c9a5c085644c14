"""Results (format ``tiltak.result/1``), the public output contract of ``suggest``.

Results are immutable pydantic models. :meth:`Result.to_json` gives the
canonical JSON text: the same input always gives byte-identical output.
"""

from __future__ import annotations

import json
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from tiltak._args import check_count, checked
from tiltak._escape import without_surrogates
from tiltak._validation import Text
from tiltak.catalogue import Format, Source, Strategy

__all__ = [
    "RESULT_FORMAT",
    "Deferral",
    "Evidence",
    "FactValue",
    "ForRoles",
    "PartOf",
    "Reason",
    "Recommendation",
    "Result",
    "SegmentResult",
    "SubjectRef",
    "Suppression",
    "json_line",
]

RESULT_FORMAT = "tiltak.result/1"
FactValue = float | int | str | bool | list[str] | None


def json_line(data: object) -> bytes:
    """``data`` as one line of compact JSON (UTF-8, non-ASCII kept, newline at the end).

    orjson is several times faster than the json module here; the json module takes over
    for what orjson cannot write (integers beyond 64 bits), so any input gives a line.
    """
    import orjson  # fast to import, but only batch output needs it

    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        # A lone surrogate (a profile may write "\ud800") cannot be UTF-8: it becomes U+FFFD,
        # as in every other output (tiltak._escape.without_surrogates).
        data = _without_surrogates(data)
    try:
        return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                           default=_fragment) + "\n").encode()


def _without_surrogates(value: object) -> object:
    """``value`` with every text (keys too) free of lone surrogates; encoded fragments are
    left as they are (orjson wrote them, so they hold none)."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {without_surrogates(str(k)): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_surrogates(item) for item in value]
    return value


def _fragment(value: object) -> object:
    """The json module's view of an orjson.Fragment: its JSON text, parsed."""
    contents = getattr(value, "contents", None)
    if contents is None:
        raise TypeError(f"{type(value).__name__} is not JSON")
    return json.loads(contents)


class _Out(BaseModel):
    # Validators and serializers are built on first use (see tiltak._validation.Model): the
    # engine builds results without validation, and text output never serializes them.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Reason(_Out):
    """A rule that recommended the measure, what it added and the values it matched."""

    rule: str
    because: Text
    points: float
    facts: dict[str, FactValue]


class Evidence(_Out):
    """How to see that a measure worked; ``suggestion`` when no source states the criterion."""

    # Immutable (sources a tuple), so results may share one: the engine makes one per
    # measure, not one per recommendation (as ForRoles).
    text: Text
    suggestion: bool
    sources: tuple[Source, ...] = Field(default_factory=tuple)


class Deferral(_Out):
    """A rule that deferred the measure: it stays in the list, after the rest."""

    rule: str
    because: Text


class PartOf(_Out):
    """The measure is a module of a programme that is recommended too: it counts only
    ``counted`` (a share) of its points, so the programme and its modules do not each take a
    place at the top."""

    measure: str
    counted: float
    because: Text


class ForRoles(_Out):
    """The subject states no roles (a body, or a group without roles) and the measure's
    audience names roles: the measure is for the people among the subject who hold one of
    ``roles``, not for everyone in it. Immutable (a tuple), so results may share one."""

    roles: tuple[str, ...]
    because: Text


class Recommendation(_Out):
    measure: str
    rank: int
    score: float
    title: Text
    strategy: Strategy
    format: Format
    level: str
    areas: list[str]
    dimensions: list[str]
    sources: list[Source]
    reasons: list[Reason]
    deferred: list[Deferral] = Field(default_factory=list)
    evidence: Evidence | None = None
    #: Present only for a module of a programme that is recommended too (``score`` is then
    #: ``counted`` times the sum of the reasons' points); absent from the JSON otherwise.
    part_of: PartOf | None = None
    #: Present only when the subject states no roles and the measure is for some roles
    #: (catalogue ``audience``): for whom among the subject's people it is; absent otherwise.
    for_roles: ForRoles | None = None
    #: Present (true) only where the profile states a level and only standing tasks give the
    #: measure: it fills in after every measure the findings support, and a plan takes it only
    #: after them (docs/rule-language.md, standing tasks); absent otherwise.
    fills_in: bool = False

    @property
    def main_reason(self) -> Reason:
        return self.reasons[0]


class Suppression(_Out):
    """A measure that would have been recommended, and why it is not.

    ``rule`` names the suppressing rule; for exclusions by the profile's
    context it is null and ``context`` names the field (``running_measures``
    or ``avoid_formats``), or ``audience`` when the measure is not for the
    subject (the catalogue's ``audience``).
    """

    measure: str
    title: Text
    rule: str | None
    context: Literal["running_measures", "avoid_formats", "audience"] | None = None
    because: Text


class SubjectRef(_Out):
    kind: str
    id: str | None = None
    name: str | None = None


class SegmentResult(_Out):
    by: str
    value: str | int | float | bool
    respondents: int | None
    recommendations: list[Recommendation]
    suppressed: list[Suppression]
    needs: list[str]


class _Known(NamedTuple):
    """The measure and rule ids of the engine that made a result (one per engine, shared by
    its results): what ``tiltak.testing`` checks a test's ids against, so that a mistyped id
    fails a test instead of passing it. Not part of the JSON, nor of equality."""

    measures: frozenset[str]
    rules: frozenset[str]


class Result(_Out):
    format: Literal["tiltak.result/1"] = "tiltak.result/1"
    subject: SubjectRef
    respondents: int | None = None
    recommendations: list[Recommendation]
    suppressed: list[Suppression]
    needs: list[str]
    warnings: list[Text] = Field(default_factory=list)
    segments: list[SegmentResult] | None = None
    _known: _Known | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Equal when every field is: two results of the same values are equal whichever
        engine made them, or whether they were read back from JSON."""
        if not isinstance(other, Result):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def _with_known(self, known: _Known) -> Result:
        """This result, marked with the ids of the engine that made it (in place: the
        engine calls it once, before anyone else sees the result)."""
        object.__setattr__(self, "__pydantic_private__", {"_known": known})
        return self

    def to_json(self) -> str:
        """Canonical JSON text (UTF-8 safe, two-space indent, trailing newline)."""
        return json.dumps(self._data(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    def _data(self) -> dict[str, object]:
        """The JSON values: ``segments`` only when the profile has segments, a
        recommendation's ``part_of`` only when it is a module of a recommended programme,
        its ``for_roles`` only when it is for some of the subject's people, ``fills_in`` only
        when true."""
        data = self.model_dump(mode="json", exclude_none=False)
        if self.segments is None:
            del data["segments"]
        for part in (data, *(data.get("segments") or ())):
            for rec in part["recommendations"]:
                if rec["part_of"] is None:
                    del rec["part_of"]
                if rec["for_roles"] is None:
                    del rec["for_roles"]
                if not rec["fills_in"]:
                    del rec["fills_in"]
        return data

    def to_json_line(self) -> bytes:
        """Compact JSON (one line of UTF-8 ending in a newline), the form of batch output.

        The same values as :meth:`to_json`; numbers are written by orjson, so an exponent
        may be spelt differently (``1e-5`` rather than ``1e-05``).
        """
        return json_line(self._data())

    def measures(self) -> list[str]:
        """Recommended measure ids in rank order."""
        return [r.measure for r in self.recommendations]

    @checked
    def top(self, n: int | None) -> Result:
        """The same result with at most ``n`` recommendations (also per segment)."""
        check_count("Result.top", "n", n)
        if n is None:
            return self
        segments = None
        if self.segments is not None:
            segments = [
                s.model_copy(update={"recommendations": s.recommendations[:n]})
                for s in self.segments
            ]
        return self.model_copy(
            update={"recommendations": self.recommendations[:n], "segments": segments}
        )
