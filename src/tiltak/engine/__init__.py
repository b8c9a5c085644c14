"""The engine: compiled rules and a catalogue, evaluated against profiles.

``tiltak.load()`` gives an :class:`Engine` for the bundled defaults (or your
own rules and catalogue); ``engine.suggest(profile)`` gives a
:class:`~tiltak.result.Result`. An engine is immutable and keeps no state
between calls: share one across threads.

Backends only decide which rules fire (a *matcher*); everything else
(scores, reasons, suppression, ranking) is computed here, once, so all
backends give identical results by construction of this module and the
differential tests check the matchers.
"""

from tiltak.engine._engine import (
    ENGINES,
    Engine,
    Matcher,
    assemble,
    load,
    make_matcher,
    trace,
)

__all__ = [
    "ENGINES",
    "Engine",
    "Matcher",
    "assemble",
    "load",
    "make_matcher",
    "trace",
]
