"""Case files read: each file validated, the profile it names compiled, and each case's
applicant built (defaults merged, the case's verifications applied), or the located
problems that keep it from running.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dealerscreen.criteria.catalog import CRITERIA_MAX_BYTES, find_profile
from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.i18n import checktext
from dealerscreen.i18n.problemtext import say
from dealerscreen.intake.loading import load_file
from dealerscreen.intake.verifications import effective, self_verified
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import Problem, UsageError
from dealerscreen.models.verification import TeamReview
from dealerscreen.outcomes.models import Case, CaseFile
from dealerscreen.yamlsource import (
    Document,
    SourceError,
    dotted,
    locate,
    parse_yaml,
    validation_problems,
)
from dealerscreen.yamlsource.positions import error_message
from dealerscreen.yamlsource.sourcefile import read_text

KIND = "criteria-tests"


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
        message = (
            what if spec.profile in what.english() else say("at", path=spec.profile, rest=what)
        )
        problem = Problem(doc.path, line, col, "error", message, "profile", exc.problems[0].check)
        raise CaseFileError([problem]) from None


class CaseFileError(Exception):
    """A case file that cannot run: its located problems."""

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
                    checktext.message(
                        "invalid-applicant", field=dotted(err["loc"]), rest=error_message(err)
                    ),
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
    """The applicant with the case's checks and reviewers' scores applied; an applicant
    that verifies its own documents or scores itself is an error in a case (it would be
    ignored, and the case would pin less than it says): the team's checks go under
    `verifications:`, its scores under `reviews:`. `at`: where to place it (the
    case's file path), else at the entry in the case or in the defaults."""
    problems = []
    for loc, _said, check in self_verified(applicant):
        where = ("cases", i, "applicant", *loc)
        line, col, reached = locate(doc.node, at or where)
        if not reached and at is None:
            line, col, _ = locate(doc.node, ("defaults", *loc))
        message = checktext.message(
            "invalid-applicant", field=dotted(loc), rest=checktext.message(check)
        )
        problems.append(Problem(doc.path, line, col, "error", message, dotted(where), check))
    if problems:
        return None, source, problems
    scores = [TeamReview(review=k, score=v) for k, v in case.reviews.items()]
    return effective(applicant, [*case.verifications, *scores]), source, []


@dataclass(frozen=True)
class LoadedCases:
    """A case file, read and validated, with the profile it names, compiled."""

    path: str
    doc: Document
    spec: CaseFile
    compiled: CompiledProfile


def load_cases(path: str) -> LoadedCases:
    """Raises CaseFileError (the case file is wrong) or FatalError (its profile is invalid)."""
    try:
        doc = parse_yaml(read_text(path, CRITERIA_MAX_BYTES).text, path)
    except SourceError as exc:
        raise CaseFileError([exc.problem]) from None
    try:
        spec = CaseFile.model_validate(doc.data)
    except ValidationError as exc:
        raise CaseFileError(validation_problems(doc, exc, CaseFile)) from None
    return LoadedCases(path, doc, spec, _profile(doc, spec))


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


def is_case_file(path: str) -> bool:
    try:
        doc = parse_yaml(read_text(path, CRITERIA_MAX_BYTES).text, path)
    except SourceError:
        return path.endswith((".yaml", ".yml"))  # let run_file report it
    return isinstance(doc.data, dict) and doc.data.get("kind") == KIND
