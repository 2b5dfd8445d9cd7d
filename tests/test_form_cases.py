"""Filled application forms from tests/cases/forms (issue 21, items 2 and 5).

Each case is screened alone against the default profile with the mapping the form carries
(no --mapping). Its entry in `.expectations.yaml` names the counts it must give and the
located problems it must report. The forms are made by `python -m tests.form_cases` from
the form `template` writes now; `test_the_forms_are_made_from_the_current_template` says
when they must be made again.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.models.problems import Problem
from tests import form_cases
from tests.test_xlsx_limits import said_in_chinese

CORPUS = Path(__file__).parent / "cases" / "forms"
CASES: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / ".expectations.yaml").read_text(encoding="utf-8")
)


@functools.cache
def profile() -> CompiledProfile:
    return load_criteria(form_cases.PROFILE)


def matches(expect: dict[str, Any], p: Problem) -> bool:
    line, _, column = str(expect["at"]).partition(":")
    return (
        (line, column or "-") == (str(p.line or "-"), str(p.column or "-"))
        and p.check == expect["check"]
        and p.level == expect.get("level", "error")
        and expect.get("field", p.field) == p.field
        and expect.get("words", "") in p.text
    )


def test_every_case_has_expectations_and_a_maker() -> None:
    entries = {p.name for p in CORPUS.iterdir() if not p.name.startswith(".")} - {"README.md"}
    assert entries == set(CASES) == set(form_cases.CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_form_case(name: str) -> None:
    case = CASES[name]
    path = str(CORPUS / name)
    run = screen(profile(), [path], options=BatchOptions())
    problems = run.intake.problems
    shown = "\n".join(p.render() for p in problems)
    counts = run.counts()
    for key in ("found", "screened", "invalid"):
        if key in case:
            assert counts[key] == case[key], f"{key}: {counts}\n{shown}"
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    for p in problems:  # in the file, or in its mapping sheet
        assert p.path in (path, f"{path}[dealerscreen-mapping]"), p.render()
    for expect in case.get("problems", []):
        assert any(matches(expect, p) for p in problems), f"expected {expect}\ngot:\n{shown}"
    if case.get("only-these", False):
        assert len(problems) == len(case.get("problems", [])), shown
    for p in problems:
        said_in_chinese(p)


def _cells(data: bytes) -> list[tuple[str, list[tuple[Any, ...]]]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return [(s.title, list(s.iter_rows(values_only=True))) for s in book.worksheets]


def test_the_forms_are_made_from_the_current_template() -> None:
    """Every cell of every sheet as the maker gives it now (cells, not bytes: another
    openpyxl may write the same cells differently)."""
    stale = [
        name
        for name, make in form_cases.CASES.items()
        if _cells((CORPUS / name).read_bytes()) != _cells(make())
    ]
    assert not stale, f"made from an older form: run `python -m tests.form_cases` ({stale})"
