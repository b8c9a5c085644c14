"""Many profiles, one JSON line each: the batch path behind ``tiltak suggest --batch``.

Input is JSON Lines (one profile a line); output is one compact ``tiltak.result/1`` line per
valid profile, in input order. A line that is not a valid profile gives its
:class:`~tiltak.errors.ProfileError`, located by line number, and the others go on.
Memory stays constant: lines are read, evaluated and written as a stream, and with
``jobs > 1`` at most ``2 * jobs`` chunks are in flight at a time.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tiltak._i18n import add_messages
from tiltak.errors import Problem, ProfileError

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from tiltak.engine._engine import Engine

add_messages({
    "batch-line-too-large": (
        "linjen er større enn grensen på {limit} byte (kan heves med {variable})",
        "the line is larger than the limit of {limit} bytes (raise it with {variable})",
    ),
})

#: What one line gives: its number (1-based) and its JSON line or its error.
Outcome = tuple[int, bytes | ProfileError]
_CHUNK = 256  # lines per task for worker processes: large enough to hide the round trip

# One engine per worker process, loaded once by _start_worker (each worker has its own).
_worker_engine: Engine | None = None


@dataclasses.dataclass(frozen=True)
class EngineSpec:
    """How to load an engine in a worker process (an engine itself cannot be pickled)."""

    rules: str | Path | None = None
    catalogue: str | Path | None = None
    backend: str = "python"
    cache: bool = False  # take the compiled rules and catalogue from the cache (see load)

    def load(self) -> Engine:
        from tiltak.engine._engine import load

        return load(self.rules, self.catalogue, engine=self.backend, cache=self.cache)


def numbered(lines: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """Non-blank lines with their line numbers (1-based)."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def located(error: ProfileError, source: str, number: int) -> ProfileError:
    """The error with each problem placed in ``source`` at line ``number``: a problem the
    line's own text locates (a JSON syntax error, a duplicate key, a byte that is not
    UTF-8) keeps its column, so it reads ``file:line:column`` as a single profile's does."""
    return ProfileError([dataclasses.replace(
        p, key="batch-line-too-large" if p.key == "file-too-large" else p.key,
        file=source, line=number + (p.line - 1 if p.line else 0),
        column=p.column if p.line else None) for p in error.problems])


def evaluate_lines(engine: Engine, lines: Iterable[tuple[int, bytes]],
                   top: int | None = None) -> Iterator[Outcome]:
    """Each numbered line's result (a compact JSON line) or error, in order, in this process."""
    numbers: deque[int] = deque()

    def texts() -> Iterator[bytes]:
        for number, line in lines:
            numbers.append(number)
            yield line

    for outcome in engine.suggest_many_json(texts(), top):
        yield numbers.popleft(), outcome


def batch(spec: EngineSpec, lines: Iterable[bytes], *, top: int | None = None, jobs: int = 1,
          engine: Engine | None = None, chunk: int = _CHUNK) -> Iterator[Outcome]:
    """Evaluate JSON Lines, in input order, over ``jobs`` processes (1: this process).

    The output is the same whatever ``jobs`` is; blank lines are skipped.
    """
    if jobs <= 1:
        yield from evaluate_lines(engine or spec.load(), numbered(lines), top)
        return
    context = multiprocessing.get_context("spawn" if _threads_started() else None)
    with context.Pool(jobs, initializer=_start_worker, initargs=(spec,)) as pool:
        pending: deque[AsyncResult[list[tuple[int, bytes | tuple[Problem, ...]]]]] = deque()
        for part in _chunks(numbered(lines), chunk):
            pending.append(pool.apply_async(_work, (part, top)))
            if len(pending) >= 2 * jobs:
                yield from _unpacked(pending.popleft().get())
        while pending:
            yield from _unpacked(pending.popleft().get())


def _threads_started() -> bool:
    """Forking a process that runs other threads can deadlock; then spawn instead."""
    import threading

    return threading.active_count() > 1


def _chunks(items: Iterator[tuple[int, bytes]], size: int) -> Iterator[list[tuple[int, bytes]]]:
    part: list[tuple[int, bytes]] = []
    for item in items:
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def _unpacked(results: list[tuple[int, bytes | tuple[Problem, ...]]]) -> Iterator[Outcome]:
    for number, value in results:
        yield number, value if isinstance(value, bytes) else ProfileError(value)


def _start_worker(spec: EngineSpec) -> None:
    global _worker_engine
    _worker_engine = spec.load()


def _work(part: list[tuple[int, bytes]],
          top: int | None) -> list[tuple[int, bytes | tuple[Problem, ...]]]:
    assert _worker_engine is not None
    return [(number, value if isinstance(value, bytes) else value.problems)
            for number, value in evaluate_lines(_worker_engine, part, top)]
