"""Run case files: build each applicant, screen it, compare decisions with expectations.

Pure: returns outcomes and problems, never prints. A case that fails carries the
expected-against-actual lines and the full explanation of the decision.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dealerscreen.criteria.catalog import CRITERIA_MAX_BYTES, find_profile
from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.decide.engine import Decision, decide, explain, place
from dealerscreen.decide.review import near_misses
from dealerscreen.decide.separation import decisive, rank
from dealerscreen.i18n import checktext
from dealerscreen.intake.loading import discover, holds, load_file
from dealerscreen.intake.verifications import effective, self_verified
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import show
from dealerscreen.models.problems import FatalError, Problem, UsageError
from dealerscreen.models.result import ID_KEY
from dealerscreen.outcomes.models import Case, CaseFile, Expect, Ranking
from dealerscreen.words.explain import explain_lines
from dealerscreen.words.labels import Messages
from dealerscreen.yamlsource import (
    Document,
    SourceError,
    dotted,
    locate,
    parse_yaml,
    validation_problems,
)
from dealerscreen.yamlsource.sourcefile import read_text

KIND = "criteria-tests"


@dataclass(frozen=True)
class CaseResult:
    """One case or ranking check: passed, failed (with why), or not runnable (problems)."""

    file: str
    line: int | None
    id: str
    profile: str
    failures: tuple[str, ...] = ()
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


def merge(base: Any, over: Any) -> Any:
    """Deep merge for applicant facts: mappings merge, a null deletes, anything else replaces."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return over
    out = dict(base)
    for key, value in over.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge(out.get(key), value)
    return out


def _number(value: Decimal) -> str:
    return show(value)


def compare(expect: Expect, ev: Decision, compiled: CompiledProfile) -> list[str]:
    """Expected against the decision, one line per expectation that does not hold."""
    out: list[str] = []
    given = expect.model_fields_set
    if expect.eligible is not None and expect.eligible != ev.eligible:
        out.append(f"eligible: expected {expect.eligible}, got {ev.eligible}")
    if expect.failed_gates is not None:
        want, got = sorted(expect.failed_gates), sorted(ev.failed(compiled))
        if want != got:
            out.append(f"failed_gates: expected {want}, got {got}")
    if "tier" in given and expect.tier != ev.tier:
        out.append(f"tier: expected {expect.tier}, got {ev.tier}")
    if expect.total is not None and expect.total != ev.total:
        out.append(f"total: expected {_number(expect.total)}, got {_number(ev.total)}")
    if expect.min_total is not None and ev.total < expect.min_total:
        out.append(f"total: expected at least {_number(expect.min_total)}, got {_number(ev.total)}")
    if expect.max_total is not None and ev.total > expect.max_total:
        out.append(f"total: expected at most {_number(expect.max_total)}, got {_number(ev.total)}")
    by_id = ev.criterion_points(compiled)
    for cid, pts in sorted(expect.points.items()):
        if cid not in by_id:
            out.append(f"points.{cid}: the profile has no criterion '{cid}'")
        elif by_id[cid] != pts:
            out.append(f"points.{cid}: expected {_number(pts)}, got {_number(by_id[cid])}")
    if expect.bonuses is not None:
        applied = zip(compiled.bonuses, ev.bonuses, strict=True)
        want, got = sorted(expect.bonuses), sorted(b.id for (b, _), v in applied if v is True)
        if want != got:
            out.append(f"bonuses: expected {want}, got {got}")
    if expect.provisional is not None and expect.provisional != ev.is_provisional:
        out.append(f"provisional: expected {expect.provisional}, got {ev.is_provisional}")
    if expect.provisional_gates is not None:
        want = sorted(expect.provisional_gates)
        got = sorted(compiled.gates[i][0].id for i in ev.provisional)
        if want != got:
            out.append(f"provisional_gates: expected {want}, got {got}")
    return out


def compare_flags(expect: Expect, compiled: CompiledProfile, applicant: Applicant) -> list[str]:
    """The advisories that flag the applicant against `flagged`: a check decides nothing,
    so `decide` leaves it out and it is run here, only for a case that names it."""
    if expect.flagged is None:
        return []
    got = sorted(c.id for c, check in compiled.checks if check(applicant).value is False)
    want = sorted(expect.flagged)
    return [] if got == want else [f"flagged: expected {want}, got {got}"]


def compare_review(
    expect: Expect, compiled: CompiledProfile, applicant: Applicant, ev: Decision
) -> list[str]:
    """The near misses marked for review against `needs_review` (#12)."""
    if expect.needs_review is None:
        return []
    got = sorted(f.code for f in near_misses(compiled, ev, applicant))
    if isinstance(expect.needs_review, bool):
        if bool(got) == expect.needs_review:
            return []
        return [f"needs_review: expected {str(expect.needs_review).lower()}, got {got or 'false'}"]
    if sorted(expect.needs_review) == got:
        return []
    return [f"needs_review: expected {sorted(expect.needs_review)}, got {got}"]


def compare_names(expect: Expect, compiled: CompiledProfile, applicant: Applicant) -> list[str]:
    """The names the closed lists do not know, and their suggestions, against `did_you_mean`."""
    if expect.did_you_mean is None:
        return []
    from dealerscreen.criteria.names import unknown_names

    got = {dotted(u.loc): list(u.suggested) for u in unknown_names(compiled, applicant)}
    if got == expect.did_you_mean:
        return []
    return [f"did_you_mean: expected {expect.did_you_mean}, got {got}"]


def _profile(doc: Document, spec: CaseFile) -> CompiledProfile:
    """The profile the cases name: a path relative to the case file, or a profile id."""
    ref = spec.profile
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        ref = os.path.normpath(Path(doc.path).parent / ref)
    try:
        return compile_profile(load_profile(find_profile(ref)))
    except UsageError as exc:  # not there: the case file's problem, at its `profile:`
        line, col, _ = locate(doc.node, ("profile",))
        what = exc.problems[0].message
        message = what if spec.profile in what else f"{spec.profile}: {what}"
        problem = Problem(doc.path, line, col, "error", message, "profile", exc.problems[0].check)
        raise _CaseFileError([problem]) from None


class _CaseFileError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems


def _applicant(
    doc: Document, spec: CaseFile, i: int, case: Case
) -> tuple[Applicant | None, str, list[Problem]]:
    """The case's applicant as it is decided (the case's `verifications` applied), or the
    located problems that keep it from running."""
    if isinstance(case.applicant, str):
        path = str(Path(doc.path).parent / case.applicant)
        loaded = load_file(path)
        if loaded.applicant is None:
            return None, path, list(loaded.problems)
        return _checked(doc, i, case, loaded.applicant, path, ("cases", i, "applicant"))
    data = merge(spec.defaults, case.applicant)
    data.setdefault("applicant_id", case.id)
    try:
        applicant = Applicant.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = ("cases", i, "applicant", *err["loc"])
            line, col, reached = locate(doc.node, loc)
            if not reached:  # the fact may come from the defaults
                d_line, d_col, d_reached = locate(doc.node, ("defaults", *err["loc"]))
                if d_reached:
                    line, col = d_line, d_col
            problems.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    "error",
                    f"applicant {dotted(err['loc'])}: {err['msg']}",
                    dotted(loc),
                    "invalid-applicant",
                )
            )
        return None, doc.path, problems
    return _checked(doc, i, case, applicant, doc.path, None)


def _checked(
    doc: Document,
    i: int,
    case: Case,
    applicant: Applicant,
    source: str,
    at: tuple[str | int, ...] | None,
) -> tuple[Applicant | None, str, list[Problem]]:
    """The applicant with the case's checks applied; an applicant that verifies its own
    documents is an error in a case (it would be ignored, and the case would pin less than
    it says): the team's checks go under `verifications:`. `at`: where to place it (the
    case's file path), else at the entry in the case or in the defaults."""
    problems = []
    for loc, _said, check in self_verified(applicant):
        where = ("cases", i, "applicant", *loc)
        line, col, reached = locate(doc.node, at or where)
        if not reached and at is None:
            line, col, _ = locate(doc.node, ("defaults", *loc))
        message = f"applicant {dotted(loc)}: {checktext.message('self-verified')}"
        problems.append(Problem(doc.path, line, col, "error", message, dotted(where), check))
    if problems:
        return None, source, problems
    return effective(applicant, case.verifications), source, []


@dataclass(frozen=True)
class LoadedCases:
    """A case file, read and validated, with the profile it names, compiled."""

    path: str
    doc: Document
    spec: CaseFile
    compiled: CompiledProfile


def load_cases(path: str) -> LoadedCases:
    """Raises _CaseFileError (the case file is wrong) or FatalError (its profile is invalid)."""
    try:
        doc = parse_yaml(read_text(path, CRITERIA_MAX_BYTES).text, path)
    except SourceError as exc:
        raise _CaseFileError([exc.problem]) from None
    try:
        spec = CaseFile.model_validate(doc.data)
    except ValidationError as exc:
        raise _CaseFileError(validation_problems(doc, exc, CaseFile)) from None
    return LoadedCases(path, doc, spec, _profile(doc, spec))


def run_file(path: str) -> tuple[list[CaseResult], list[Problem]]:
    """Raises FatalError when the profile the cases name is invalid."""
    try:
        loaded = load_cases(path)
    except _CaseFileError as exc:
        return [], exc.problems
    return run_loaded(loaded), []


@dataclass(frozen=True)
class BuiltCase:
    """A case's applicant, built once (coverage and mutation decide it again and again)."""

    case: Case
    line: int | None
    column: int | None
    applicant: Applicant | None  # None: it could not be built (see problems)
    source: str
    problems: tuple[Problem, ...]
    seconds: float


def build_cases(loaded: LoadedCases) -> list[BuiltCase]:
    built = []
    for i, case in enumerate(loaded.spec.cases):
        started = time.perf_counter()
        line, col, _ = locate(loaded.doc.node, ("cases", i))
        applicant, source, problems = _applicant(loaded.doc, loaded.spec, i, case)
        seconds = time.perf_counter() - started
        built.append(BuiltCase(case, line, col, applicant, source, tuple(problems), seconds))
    return built


def order_failures(
    ranking: Ranking, decisions: dict[str, Decision], compiled: CompiledProfile
) -> list[str]:
    """Why the cases do not rank in the expected order (empty: they do)."""
    placed = place(decisions[c] for c in ranking.order)
    got = [placed.order[k].applicant_id for k in range(len(placed.order))]
    want = [decisions[c].applicant_id for c in ranking.order]
    failures = [
        f"order: case {c} is ineligible, so it has no rank"
        for c in ranking.order
        if not decisions[c].eligible
    ]
    if got != want and not failures:
        failures.append(f"order: expected {want}, got {got}")
        failures.extend(
            f"  {r.applicant_id}: total {show(r.total)}" + ("" if r.eligible else " (ineligible)")
            for r in (placed.order[k] for k in range(len(placed.order)))
        )
    if ranking.separated_by is not None and not failures:
        failures += _separation_failures(ranking, ranking.separated_by, decisions, compiled)
    return failures


def _separation_failures(
    ranking: Ranking,
    keys: list[str],
    decisions: dict[str, Decision],
    compiled: CompiledProfile,
) -> list[str]:
    """Which ranking key put each case above the next, against `separated_by` (#12)."""
    out: list[str] = []
    pairs = zip(ranking.order, ranking.order[1:], strict=False)
    for want, (upper, lower) in zip(keys, pairs, strict=True):
        got, _, _, _ = decisive(compiled, decisions[upper].sort_key, decisions[lower].sort_key)
        if got != want:
            out.append(f"separated_by: {upper} above {lower} by {want} expected, got {got}")
    return out


def any_fails(compiled: CompiledProfile, spec: CaseFile, built: Sequence[BuiltCase]) -> bool:
    """Whether some case or ranking of the file fails under `compiled` (a mutant, say):
    decisions only, nothing explained, stopping at the first failure."""
    decisions: dict[str, Decision] = {}
    for b in built:
        if b.applicant is None:
            continue
        decision = decide(compiled, b.applicant)
        if compare(b.case.expect, decision, compiled) or compare_review(
            b.case.expect, compiled, b.applicant, decision
        ):
            return True
        decisions[b.case.id] = decision
    return any(
        all(c in decisions for c in r.order) and order_failures(r, decisions, compiled)
        for r in spec.rankings
    )


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
        ev = decide(compiled, b.applicant)
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
            decision = ev if said is compiled else decide(said, b.applicant)
            explained = explain(said, b.applicant, decision, b.source)
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
                f"ranking names unknown or broken cases: {', '.join(unknown)}",
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
                f"separated_by names {', '.join(strange)}, not a ranking key of the profile "
                f"(known: {', '.join(known)})",
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


def is_case_file(path: str) -> bool:
    try:
        doc = parse_yaml(read_text(path, CRITERIA_MAX_BYTES).text, path)
    except SourceError:
        return path.endswith((".yaml", ".yml"))  # let run_file report it
    return isinstance(doc.data, dict) and doc.data.get("kind") == KIND


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
        except _CaseFileError as exc:
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
