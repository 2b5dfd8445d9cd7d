"""Run case files: build each applicant, screen it, compare decisions with expectations.

Pure: returns outcomes and problems, never prints. A case that fails carries the
expected-against-actual lines and the full explanation of the decision. Reading the files
and building the applicants is casefile.py's; the comparing, expect.py's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.decide.engine import Decision, decide, explain
from dealerscreen.decide.separation import rank
from dealerscreen.i18n.checktext import message
from dealerscreen.intake.loading import discover, holds
from dealerscreen.models.problems import FatalError, Message, Problem
from dealerscreen.models.result import ID_KEY
from dealerscreen.outcomes.casefile import (
    BuiltCase,
    CaseFileError,
    LoadedCases,
    build_cases,
    is_case_file,
    load_cases,
)
from dealerscreen.outcomes.expect import (
    compare,
    compare_flags,
    compare_names,
    compare_review,
    order_failures,
)
from dealerscreen.words.explain import explain_lines
from dealerscreen.words.labels import Messages
from dealerscreen.yamlsource import dotted, locate


@dataclass(frozen=True)
class CaseResult:
    """One case or ranking check: passed, failed (with why), or not runnable (problems)."""

    file: str
    line: int | None
    id: str
    profile: str
    failures: tuple[Message, ...] = ()  # why, each put in the reader's language when shown
    explanation: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    column: int | None = None
    seconds: float = 0.0  # how long the case took: building, deciding, comparing

    @property
    def status(self) -> str:
        return "error" if self.problems else ("fail" if self.failures else "pass")


@dataclass
class TestRun:
    outcomes: list[CaseResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # files that could not be read
    files: list[str] = field(default_factory=list)
    criteria_invalid: bool = False  # a profile the cases name does not load (exit 3)
    empty: list[str] = field(default_factory=list)  # paths given that hold no case file

    @property
    def ok(self) -> bool:
        return (
            bool(self.outcomes)
            and not self.problems
            and all(o.status == "pass" for o in self.outcomes)
        )

    def counts(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "cases": len(self.outcomes),
            "passed": sum(o.status == "pass" for o in self.outcomes),
            "failed": sum(o.status == "fail" for o in self.outcomes),
            "errors": sum(o.status == "error" for o in self.outcomes) + len(self.problems),
        }


def run_file(path: str) -> tuple[list[CaseResult], list[Problem]]:
    """Raises FatalError when the profile the cases name is invalid."""
    try:
        loaded = load_cases(path)
    except CaseFileError as exc:
        return [], exc.problems
    return run_loaded(loaded), []


def run_loaded(
    loaded: LoadedCases, built: Sequence[BuiltCase] | None = None, lang: str = "en"
) -> list[CaseResult]:
    """Every case and ranking of a file; a failed case comes with its explanation in `lang`."""
    path, doc, spec, compiled = loaded.path, loaded.doc, loaded.spec, loaded.compiled
    telling: list[CompiledProfile] = []  # the profile in `lang`'s words, once one is needed
    pid = compiled.profile.id
    outcomes: list[CaseResult] = []
    evaluations: dict[str, Decision] = {}
    for b in built if built is not None else build_cases(loaded):
        case, line, col = b.case, b.line, b.column
        if b.applicant is None:
            outcomes.append(
                CaseResult(
                    path, line, case.id, pid, problems=b.problems, column=col, seconds=b.seconds
                )
            )
            continue
        started = time.perf_counter()
        ev = decide(compiled, b.applicant, source_path=b.source)
        evaluations[case.id] = ev
        failures = compare(case.expect, ev, compiled)
        failures += compare_flags(case.expect, compiled, b.applicant)
        failures += compare_names(case.expect, compiled, b.applicant)
        failures += compare_review(case.expect, compiled, b.applicant, ev)
        # a failed case is shown with its full explanation: the words of this decision
        explanation: tuple[str, ...] = ()
        if failures:
            if not telling:
                said = compiled if lang == "en" else compile_profile(compiled.loaded, lang)
                telling.append(said)
            said = telling[0]
            # The record, in the words of `lang`'s profile: not decided again.
            explained = explain(said, ev)
            explanation = tuple(explain_lines(rank(said, [explained])[0], Messages(lang)))
        seconds = b.seconds + time.perf_counter() - started
        outcomes.append(
            CaseResult(path, line, case.id, pid, tuple(failures), explanation, (), col, seconds)
        )
    for j, ranking in enumerate(spec.rankings):
        started = time.perf_counter()
        line, col, _ = locate(doc.node, ("rankings", j))
        unknown = [c for c in ranking.order if c not in evaluations]
        if unknown:
            problem = Problem(
                path,
                line,
                col,
                "error",
                message("unknown-case", ids=", ".join(unknown)),
                dotted(("rankings", j)),
                "unknown-case",
            )
            outcomes.append(
                CaseResult(path, line, ranking.id, pid, problems=(problem,), column=col)
            )
            continue
        known = [k for k, _ in compiled.tie_break] + [ID_KEY]
        strange = [k for k in ranking.separated_by or () if k not in known]
        if strange:
            line, col, _ = locate(doc.node, ("rankings", j, "separated_by"))
            problem = Problem(
                path,
                line,
                col,
                "error",
                message("unknown-key", keys=", ".join(strange), known=", ".join(known)),
                dotted(("rankings", j, "separated_by")),
                "unknown-key",
            )
            outcomes.append(
                CaseResult(path, line, ranking.id, pid, problems=(problem,), column=col)
            )
            continue
        failures = order_failures(ranking, evaluations, compiled)
        seconds = time.perf_counter() - started
        outcomes.append(
            CaseResult(path, line, ranking.id, pid, tuple(failures), (), (), col, seconds)
        )
    return outcomes


Visit = Callable[[LoadedCases, list[BuiltCase]], None]


def run_tests(paths: Sequence[str], visit: Visit | None = None, lang: str = "en") -> TestRun:
    """Run every case file found; `visit` sees each file that ran, with its built cases
    (coverage and mutation testing read them without building them again). The reasons a
    case fails are data, in English; its explanation is in `lang`."""
    files, _, broken = discover(paths)
    run = TestRun(problems=[p for b in broken for p in b.problems])
    for path in files:
        # A folder may hold other YAML (profiles); a file named explicitly must be a case file.
        if path not in paths and not is_case_file(path):
            continue
        run.files.append(path)
        try:
            loaded = load_cases(path)
        except CaseFileError as exc:
            run.problems.extend(exc.problems)
            continue
        except FatalError as exc:  # the profile is invalid: no case of this file can run
            run.criteria_invalid = True
            run.problems.extend(exc.problems)
            continue
        built = build_cases(loaded)
        run.outcomes.extend(run_loaded(loaded, built, lang))
        if visit is not None:
            visit(loaded, built)
    # Case files that share a profile would each repeat its load problems.
    run.problems = sorted(set(run.problems))
    run.empty = [t for t in paths if not holds(t, [*run.files, *(p.path for p in run.problems)])]
    return run
