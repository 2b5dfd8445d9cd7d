"""A progress line on stderr for long batches on a terminal; nothing in CI or when piped.

The count is of applicants screened so far (a streaming batch does not know its total in
advance); the line disappears when the batch is done, so the report is not interleaved.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Tick = Callable[[int], None]


def wanted() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_line(enabled: bool) -> Iterator[Tick | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console  # only when a bar is shown
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed:,} applicants screened"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("screen", total=None)
        yield lambda done: bar.update(task, completed=done)
