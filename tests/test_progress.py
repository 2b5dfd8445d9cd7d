"""The progress line: counts chunk by chunk, and is off unless stderr is a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealerscreen import batch, progress
from dealerscreen.batch import BatchOptions
from dealerscreen.screening import load_criteria, screen

ROOT = Path(__file__).resolve().parents[1]


def test_progress_is_told_the_running_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "CHUNK", 10)
    seen: list[int] = []
    options = BatchOptions(jobs=1, progress=seen.append)
    run = screen(
        load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")], options=options
    )
    assert seen == sorted(seen) and seen[0] == 10 and seen[-1] == len(run.results)


def test_no_progress_line_when_piped_or_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert not progress.wanted()  # pytest captures stderr: not a terminal
    with progress.progress_line(False) as tick:
        assert tick is None
