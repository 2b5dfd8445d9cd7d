"""A progress bar on stderr for long batches on a terminal; nothing in CI, piped, or --quiet.

The bar counts applicants screened against the total the inputs hold (`intake.count`,
known once the files are listed), with the time left; until the total is known (or for
standard input, where it never is) it is a spinner with the count. It disappears when
the batch is done, so the report is not interleaved with it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID


def wanted(quiet: bool = False) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


class Bar:
    """What the batch tells the bar: the expected total, then the running count."""

    def __init__(self, progress: Progress, task: TaskID) -> None:
        self._progress = progress
        self._task = task
        self._total: int | None = None
        self._done = 0

    def expect(self, total: int) -> None:
        self._total = max(total, self._done)
        self._progress.update(self._task, total=self._total)

    def tick(self, done: int) -> None:
        self._done = done
        if self._total is not None and done > self._total:  # the estimate was short
            self._total = done
            self._progress.update(self._task, total=done)
        self._progress.update(self._task, completed=done)


def _console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


@contextmanager
def progress_bar(
    enabled: bool, lang: str = "en", console: Console | None = None
) -> Iterator[Bar | None]:
    """`console`: where to draw (tests give one writing to a buffer); stderr by default."""
    if not enabled:
        yield None
        return
    from rich.progress import (  # only when a bar is shown
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from dealerscreen.words.labels import Messages

    msgs = Messages(lang)
    columns = (
        SpinnerColumn(),
        TextColumn(msgs("progress.screening")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("·"),
        TextColumn(msgs("progress.left")),  # the label before the time in both languages
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console or _console(), transient=True) as progress:
        task = progress.add_task("screen", total=None)
        yield Bar(progress, task)
