"""The progress bar: a total once the files are listed, the count chunk by chunk, off unless stderr is a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealerscreen.batch import run as batch
from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.cli import progress

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
    with progress.progress_bar(False) as bar:
        assert bar is None


def test_bar_has_a_total_and_time_left_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal the bar is told the total once the files are listed, then the count."""
    import io

    from rich.console import Console

    monkeypatch.setattr(batch, "CHUNK", 10)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    seen: list[int] = []
    with progress.progress_bar(True, "en", console=console) as bar:
        assert bar is not None
        shown = bar._progress  # what the live display draws, printed after each tick

        def expect(n: int) -> None:
            seen.append(n)
            bar.expect(n)

        def tick(n: int) -> None:
            bar.tick(n)
            console.print(shown.get_renderable())

        options = BatchOptions(jobs=1, progress=tick, expected=expect)
        run = screen(
            load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")], options=options
        )
    assert seen == [len(run.results)]  # 45 files listed: 45 expected
    out = buffer.getvalue()
    assert f"10/{len(run.results)}" in out and "ETA" in out
    assert f"{len(run.results)}/{len(run.results)}" in out
    assert "━" in out  # a bar, not only a count


@pytest.mark.parametrize("name", ["applicants.jsonl", "applicants.csv", "applicants.xlsx"])
def test_batch_files_are_counted_by_their_rows(name: str) -> None:
    """A JSON Lines, CSV or XLSX export's total is its records, as the batch then reads them."""
    from dealerscreen.intake.count import records_in

    path = ROOT / "samples" / "exports" / name
    options = BatchOptions(jobs=1, mapping=str(ROOT / "samples" / "exports" / "mapping.yaml"))
    run = screen(load_criteria("xiaomi-2s-2024"), [str(path)], options=options)
    assert records_in(str(path)) == len(run.results) + len(run.intake.invalid)


def test_quiet_or_piped_draws_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: True)
    assert progress.wanted()
    assert not progress.wanted(quiet=True)
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted()
