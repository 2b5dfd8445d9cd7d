"""Hostile batch files from tests/cases/batch-files: JSON Lines, CSV and XLSX cases.

Each case is screened alone against the default profile, CSV and XLSX with the folder's
`.mapping.yaml`. Its entry in `.expectations.yaml` names the counts it must give (every
line or row counted, whatever went wrong) and the located problems it must report, in the
applicant corpus's form: `LINE:COL CHECK [field=FIELD] [words in the message]`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.yamlsource.sourcefile import parse_size
from tests.test_bad_inputs import Expect, parse_expect

CORPUS = Path(__file__).parent / "cases" / "batch-files"
MAPPING = CORPUS / ".mapping.yaml"
CASES: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / ".expectations.yaml").read_text(encoding="utf-8")
)


@functools.cache
def profile() -> CompiledProfile:
    return load_criteria("xiaomi-2s-2024")


def screen_case(name: str, case: dict[str, Any]) -> ScreenRun:
    sizes = case.get("options", {})
    options = BatchOptions(
        mapping=str(CORPUS / case.get("mapping", MAPPING.name)),
        max_batch_bytes=parse_size(sizes.get("max-batch-size", "500M")),
    )
    return screen(
        profile(),
        [str(CORPUS / name)],
        max_bytes=parse_size(sizes.get("max-file-size", "1M")),
        options=options,
    )


def test_every_case_has_expectations() -> None:
    entries = {p.name for p in CORPUS.iterdir() if not p.name.startswith(".")} - {"README.md"}
    assert entries == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_batch_case(name: str) -> None:
    case = CASES[name]
    run = screen_case(name, case)
    problems = run.intake.problems
    shown = "\n".join(p.render() for p in problems)
    counts = run.counts()
    for key in ("found", "screened", "invalid"):
        if key in case:
            assert counts[key] == case[key], f"{key}: {counts}\n{shown}"
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    for text in case.get("problems", []):
        expect = parse_expect(name, text)
        assert isinstance(expect, Expect)
        level = "warning" if text.startswith("warning ") else "error"
        if level == "warning":
            expect = parse_expect(name, text.removeprefix("warning "))
            assert isinstance(expect, Expect)
        mine = [p for p in problems if p.path == str(CORPUS / name) and p.level == level]
        assert any(expect.matches(p) for p in mine), f"expected {expect}\ngot:\n{shown}"
    if case.get("only-these", False):
        assert len(problems) == len(case.get("problems", [])), shown


def test_the_whole_batch_corpus_in_a_subprocess() -> None:
    """The installed command on every case at once: exit 1, never a traceback, every case
    reported, and the counts add up to the cases' own."""
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    names = sorted(n for n, c in CASES.items() if "options" not in c and "mapping" not in c)
    done = subprocess.run(
        [sys.executable, "-c", "from dealerscreen.cli.start import main; main()", "screen"]
        + [str(CORPUS / n) for n in names]
        + ["--mapping", str(MAPPING), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    assert done.returncode == 1, done.stderr
    counts = json.loads(done.stdout)["counts"]
    assert counts["found"] == sum(CASES[n]["found"] for n in names)
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    for name in names:
        if CASES[name].get("problems"):
            assert str(CORPUS / name) in done.stderr, name
