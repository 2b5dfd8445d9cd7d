"""How many worker processes a batch uses: all cores for a large one, where starting them
pays off, else none (the batch is read in this process)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence

from dealerscreen.intake import BATCH_SUFFIXES

PARALLEL_MIN = 1000  # below this many applicants, starting processes costs more than it saves
RECORD_BYTES = 600  # a rough size of one line or row, to guess a batch file's applicants


def _size_hint(paths: Sequence[str]) -> int:
    """About how many applicants: decides whether starting worker processes pays off."""
    if "-" in paths:
        return PARALLEL_MIN
    n = 0
    for raw in paths:
        if os.path.isdir(raw):
            for _dir, _sub, names in os.walk(raw):
                n += len(names)
                if n >= PARALLEL_MIN:
                    return n
        elif raw.lower().endswith(BATCH_SUFFIXES):
            with contextlib.suppress(OSError):
                n += os.path.getsize(raw) // RECORD_BYTES
        else:
            n += 1
    return n


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def is_large(paths: Sequence[str]) -> bool:
    """Large enough for worker processes and a progress line."""
    return _size_hint(paths) >= PARALLEL_MIN


def choose_jobs(paths: Sequence[str], jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    return cores() if is_large(paths) else 1
