"""docs/hardening.md names the test that holds each promise: every one it names exists.

A promise whose test was renamed or removed would still read as held; this keeps the
table honest. A name is `file.py::test` or, after one in the same cell, `::test`
(parametrized ids in brackets are left out of the check).
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "hardening.md"
NAME = re.compile(r"`(?:(test_\w+\.py))?(?:::(\w+))?(?:\[[^\]`]*\])?`")


def _named() -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| "):
            continue
        held_by = line.rstrip(" |").rsplit(" | ", 1)[-1]
        current: str | None = None
        for file, test in NAME.findall(held_by):
            current = file or current
            if current and (file or test):
                out.append((current, test or None))
    return out


@functools.cache  # the doc names many tests of one file: each file parsed once
def _tests(file: str) -> set[str]:
    tree = ast.parse((ROOT / "tests" / file).read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_every_test_the_doc_names_exists() -> None:
    named = _named()
    assert len(named) > 50  # the tables were read
    missing = [
        f"{file}::{test}" if test else file
        for file, test in named
        if not (ROOT / "tests" / file).exists() or (test and test not in _tests(file))
    ]
    assert not missing, f"docs/hardening.md names tests that do not exist: {missing}"
