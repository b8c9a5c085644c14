"""``tiltak test``: run scenario files (regression tests for rules) and summarise."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tiltak._i18n import Lang, add_messages, message
from tiltak.cli._common import add_kb, add_lang, add_output, cached, emit, pick
from tiltak.errors import TiltakError

if TYPE_CHECKING:
    from tiltak.authoring.scenarios import Outcome

ORDER = 45
NAME = "test"

add_messages({
    "test-no-scenarios": ("fant ingen scenarioer i {paths}", "no scenarios found in {paths}"),
    "test-pass": ("OK  ", "PASS"),
    "test-fail": ("FEIL", "FAIL"),
    "test-top": ("beste {n}: {measures}", "top {n}: {measures}"),
    "test-bundled": ("de medfølgende scenarioene", "the bundled scenarios"),
})


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], lang: Lang) -> None:
    parser = sub.add_parser(
        NAME,
        help=pick(lang, "kjør scenarioer (regresjonstester for reglene)",
                  "run scenarios (regression tests for the rules)"),
        description=pick(
            lang,
            "Kjører scenariofiler: en profil og hvilke tiltak som skal være blant de N beste, "
            "ikke skal foreslås eller skal undertrykkes. Uten PATH kjøres de medfølgende "
            "scenarioene. Siste linje er alltid «N passed, M failed»; avslutter med 1 hvis "
            "noe feiler.",
            "Runs scenario files: a profile and which measures must be in the top N, must not "
            "be suggested or must be suppressed. Without PATH the bundled scenarios run. The "
            "last line is always 'N passed, M failed'; exits 1 if any fails.",
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=pick(lang, "scenariofil eller mappe", "scenario file or directory"))
    add_kb(parser, lang, cache=True)
    add_output(parser, lang, ("text", "json"))
    add_lang(parser, lang)
    parser.set_defaults(run=run)


def summary_line(outcomes: Sequence[Outcome]) -> str:
    """The last line of every run, in the same words in both languages (for scripts and CI)."""
    passed = sum(1 for o in outcomes if o.passed)
    return f"{passed} passed, {len(outcomes) - passed} failed"


def render(outcomes: Sequence[Outcome], lang: Lang) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        s = outcome.scenario
        mark = message("test-pass" if outcome.passed else "test-fail", lang)
        lines.append(f"{mark} {s.id} ({s.file}:{s.line})")
        if not outcome.passed:
            for failure in outcome.failures:
                lines.append(f"      - {failure.nb if lang == 'nb' else failure.en}")
            if outcome.top:
                lines.append("      " + message("test-top", lang, n=s.top,
                                                measures=", ".join(outcome.top)))
    lines.append(summary_line(outcomes))
    return "\n".join(lines) + "\n"


def to_json(outcomes: Sequence[Outcome]) -> str:
    passed = sum(1 for o in outcomes if o.passed)
    data = {
        "format": "tiltak.test/1",
        "passed": passed,
        "failed": len(outcomes) - passed,
        "scenarios": [
            {
                "id": o.scenario.id,
                "file": o.scenario.file,
                "line": o.scenario.line,
                "passed": o.passed,
                "top": list(o.top),
                "failures": [f.model_dump() for f in o.failures],
            }
            for o in outcomes
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def run(args: argparse.Namespace, lang: Lang) -> int:
    from tiltak.authoring.scenarios import default_scenarios, load_scenarios, run_scenarios
    from tiltak.engine import load

    engine = load(args.rules, args.catalogue, cache=cached(args))
    scenarios = load_scenarios(args.paths) if args.paths else default_scenarios()
    if not scenarios:
        where = ", ".join(args.paths) if args.paths else message("test-bundled", lang)
        raise TiltakError("test-no-scenarios", paths=where)
    outcomes = run_scenarios(engine, scenarios)
    emit(to_json(outcomes) if args.format == "json" else render(outcomes, lang), args.output,
         lang, args.format)
    return 0 if all(o.passed for o in outcomes) else 1
