"""`dealerscreen test` with --coverage and --mutate: the cases run once, the extras read
what they built, and one report and one verdict come out. The CLI calls `quality_report`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dealerscreen.models.choices import TestFormat
from dealerscreen.outcomes import coverage as cov
from dealerscreen.outcomes import coverage_report, mutation_report
from dealerscreen.outcomes import mutate as mut
from dealerscreen.outcomes.casefile import BuiltCase, LoadedCases
from dealerscreen.outcomes.formats import FORMATS
from dealerscreen.outcomes.runner import TestRun, run_tests

EXTRA_FORMATS = (TestFormat.text, TestFormat.github, TestFormat.json)


@dataclass(frozen=True)
class Report:
    run: TestRun
    text: str
    short: bool  # coverage or mutation score below its minimum


def quality_report(
    paths: Sequence[str],
    fmt: TestFormat,
    coverage: bool = False,
    min_coverage: float | None = None,
    mutate: bool = False,
    min_killed: float | None = None,
    lang: str = "en",
) -> Report:
    """Run the cases; with `coverage` or `mutate`, measure them too (fmt: text, github or
    json, and json for one of the two only: the CLI checks it)."""
    covering = cov.Collector() if coverage else None
    mutating = mut.Collector() if mutate else None

    def visit(loaded: LoadedCases, built: list[BuiltCase]) -> None:
        for collector in (covering, mutating):
            if collector is not None:
                collector(loaded, built)

    # The formats for people speak the reader's language; json, JUnit and SARIF, read by
    # programs, stay English whatever the locale.
    run = run_tests(paths, visit, lang if fmt in (TestFormat.text, TestFormat.github) else "en")
    if mutating is not None:
        mutating.run()
    short = bool(
        (covering and covering.below(min_coverage)) or (mutating and mutating.below(min_killed))
    )
    if fmt is TestFormat.json and covering is not None:
        return Report(run, coverage_report.as_json(covering, run, min_coverage), short)
    if fmt is TestFormat.json and mutating is not None:
        return Report(run, mutation_report.as_json(mutating, run, min_killed), short)
    text = FORMATS[fmt](run, lang)
    if covering is not None:
        text += coverage_report.text(covering, min_coverage, lang)
    if mutating is not None:
        text += mutation_report.text(mutating, min_killed, lang)
    return Report(run, text, short)
