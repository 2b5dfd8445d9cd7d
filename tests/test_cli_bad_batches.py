"""The installed command on bad batches: located lines, exit 1, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from dealerscreen.models.problems import ExitCode
from tests.batch import write_batch
from tests.conftest import ROOT, CliResult

CORPUS = Path(__file__).parent / "cases" / "applicants-invalid"
Cli = Callable[..., CliResult]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from dealerscreen.cli.start import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120"},
    )


def test_whole_corpus_in_a_subprocess() -> None:
    for fmt in ("table", "json"):
        done = run_cli("screen", str(CORPUS), "--format", fmt)
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        assert done.returncode == ExitCode.INVALID_INPUT, done.stderr
    lines = done.stderr.splitlines()
    cases = [
        p
        for p in CORPUS.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.name != "README.md"
    ]
    for path in cases:
        assert any(ln.startswith(str(path)) for ln in lines) or path.name in (
            "bom.yaml",
            "a.yaml",  # the first holder of a duplicated id is screened
        ), f"{path.name} not reported"
    counts = json.loads(done.stdout)["counts"]
    assert counts["found"] == len(cases)
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    warned = sum("[warning]" in ln for ln in lines)
    assert lines[-1] == (
        f"dealerscreen: {counts['found']} found, {counts['screened']} screened, "
        f"{counts['invalid']} invalid, {counts['skipped']} skipped"
        + (f", {warned} warning(s)" if warned else "")  # warnings are counted too
    )


def test_100_good_and_20_broken(cli: Cli, tmp_path: Path) -> None:
    """The issue's "done when": the 100 are screened, the 20 listed with path, field, line."""
    faults = write_batch(tmp_path / "batch", good=100, broken=20)
    result = cli("screen", str(tmp_path / "batch"), "--format", "json")
    assert result.exit_code == ExitCode.INVALID_INPUT, result
    report = json.loads(result.stdout)
    assert report["counts"] == {**report["counts"], "found": 120, "screened": 100, "invalid": 20}
    assert report["status"] == "invalid-input"
    assert {r["applicant_id"] for r in report["results"]} == {f"GEN-{i:04d}" for i in range(100)}
    errors = [p for p in report["problems"] if p["level"] == "error"]
    assert len(errors) == 20
    for p in errors:
        fault, line = faults[p["path"]]
        assert (p["field"], p["line"]) == (fault.field, line), p
    # The same facts on stderr, one parsable line each.
    for path, (fault, line) in faults.items():
        assert any(
            ln.startswith(f"{path}:{line}:") and f"[error] {fault.field}:" in ln
            for ln in result.stderr.splitlines()
        ), path
