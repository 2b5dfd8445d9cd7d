"""Validate criteria files: load every profile and reference list found, run every check.

Nothing is printed and nothing raises for a bad file: every failure is a located Problem,
so one broken file never hides the problems of another.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dealerscreen.criteria.catalog import CRITERIA_MAX_BYTES
from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile, load_reference_list
from dealerscreen.i18n.checktext import message
from dealerscreen.intake.loading import discover, holds
from dealerscreen.models.problems import FatalError, Message, Problem
from dealerscreen.validation import CHECKS
from dealerscreen.validation.base import ListFile, Subject
from dealerscreen.yamlsource import Document, SourceError, locate, parse_yaml
from dealerscreen.yamlsource.sourcefile import read_text

# Files of these kinds live beside the criteria and are someone else's to check.
OTHER_KINDS = ("criteria-tests",)
DIRECTIVE = re.compile(r"#\s*dealerscreen:\s*disable=([\w,-]+)")


@dataclass
class ValidationResult:
    problems: list[Problem] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    skipped: list[tuple[str, Message]] = field(default_factory=list)
    # paths given that hold no criteria file (nor a file that failed to be one)
    empty: list[str] = field(default_factory=list)

    def failed(self, strict: bool) -> bool:
        return any(p.level == "error" or strict for p in self.problems)

    def counts(self) -> dict[str, int]:
        return {
            "profiles": len(self.profiles),
            "reference_lists": len(self.lists),
            "errors": sum(p.level == "error" for p in self.problems),
            "warnings": sum(p.level == "warning" for p in self.problems),
        }


def _kind(path: str) -> tuple[str | None, Document | None, Problem | None]:
    try:
        doc = parse_yaml(read_text(path, CRITERIA_MAX_BYTES).text, path)
    except SourceError as exc:
        return None, None, exc.problem
    data = doc.data
    return (str(data.get("kind")) if isinstance(data, dict) else None), doc, None


def _rename(problem: Problem) -> Problem:
    """Pydantic calls a missing `source` just "missing"; criteria authors look for missing-source."""
    if problem.check == "missing" and (problem.field or "").endswith("source"):
        return replace(problem, check="missing-source")
    return problem


def _disabled(path: str, cache: dict[str, set[str]]) -> set[str]:
    """Warning ids a file switches off with `# dealerscreen: disable=id,id`."""
    if path not in cache:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            text = ""
        cache[path] = {i for m in DIRECTIVE.finditer(text) for i in m.group(1).split(",")}
    return cache[path]


def validate(paths: Sequence[str]) -> ValidationResult:
    result = ValidationResult()
    files, skipped, broken = discover(paths)
    result.skipped = [(s.path, s.why) for s in skipped]
    problems: list[Problem] = [p for b in broken for p in b.problems]
    compiled: list[CompiledProfile] = []
    lists: dict[str, ListFile] = {}
    for path in files:
        kind, doc, bad = _kind(path)
        if bad is not None:
            problems.append(bad)
        elif kind == "profile":
            result.profiles.append(path)
            try:
                compiled.append(compile_profile(load_profile(path)))
            except FatalError as exc:
                problems.extend(exc.problems)
        elif kind == "reference-list":
            result.lists.append(path)
            try:
                ref, ref_doc = load_reference_list(path)
            except FatalError as exc:
                problems.extend(exc.problems)
                continue
            lists[os.path.realpath(path)] = ListFile(path, ref_doc, ref)
        elif kind in OTHER_KINDS:
            result.skipped.append((path, message("other-kind", kind=kind)))
        else:
            line, col, _ = locate(doc.node if doc else None, ("kind",))
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    "error",
                    message("not-criteria"),
                    "kind",
                    "not-criteria",
                )
            )
    for c in compiled:  # lists a profile loads from outside the paths given are checked too
        for name, list_doc in c.loaded.reference_docs.items():
            lists.setdefault(
                os.path.realpath(list_doc.path),
                ListFile(list_doc.path, list_doc, c.loaded.references[name]),
            )
    subject = Subject(tuple(compiled), tuple(lists[k] for k in sorted(lists)))
    for check in CHECKS.values():
        if check.run is not None:
            problems.extend(check.run(subject))
    # A path given with nothing to check under it is a wrong path, not a clean one.
    looked_at = [*result.profiles, *result.lists, *(p.path for p in problems)]
    result.empty = [t for t in paths if not holds(t, looked_at)]
    cache: dict[str, set[str]] = {}
    result.problems = sorted(
        {
            p
            for p in map(_rename, problems)
            if not (p.level == "warning" and p.check in _disabled(p.path, cache))
        }
    )
    return result
