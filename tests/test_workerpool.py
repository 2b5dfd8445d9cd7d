"""The batch's worker processes (dealerscreen.batch.workerpool): results in order, errors raised
in the parent, and no worker left behind or waited for, however the work ends."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from typing import Any

import pytest

from dealerscreen.batch.workerpool import WorkerDied, ordered


def _ready() -> None:
    pass


def _broken_setup() -> None:
    raise ValueError("cannot set up")


def _slow_square(numbered: tuple[int, Any]) -> int:
    number, value = numbered
    time.sleep(0.02 if number % 3 else 0.06)  # out of order unless put back in order
    return int(value) ** 2


def _fails_on_five(numbered: tuple[int, Any]) -> int:
    if numbered[0] == 5:
        raise KeyError("five")
    return 0


def _pid(numbered: tuple[int, Any]) -> int:
    time.sleep(0.05)
    return os.getpid()


def _numbered(n: int) -> list[tuple[int, int]]:
    return [(i, i) for i in range(n)]


def _alive() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "dealerscreen-worker"]


def test_results_come_in_order_and_the_workers_end_at_once() -> None:
    started = time.monotonic()
    got = list(ordered(_numbered(40), 2, _ready, (), _slow_square, 8))
    assert got == [i * i for i in range(40)]
    assert time.monotonic() - started < 5  # a stopped worker is not waited for
    assert _alive() == []


def test_an_error_in_a_worker_is_raised_here() -> None:
    with pytest.raises(KeyError, match="five"):
        list(ordered(_numbered(10), 2, _ready, (), _fails_on_five, 4))
    assert _alive() == []


def test_an_error_setting_a_worker_up_is_raised_here() -> None:
    with pytest.raises(ValueError, match="cannot set up"):
        list(ordered(_numbered(3), 2, _broken_setup, (), _slow_square, 4))
    assert _alive() == []


def test_a_worker_killed_from_outside_ends_the_run_not_a_wait() -> None:
    results = ordered(_numbered(200), 2, _ready, (), _pid, 4)
    victim = next(results)
    os.kill(victim, signal.SIGKILL)
    started = time.monotonic()
    with pytest.raises(WorkerDied, match="exit code -9"):
        list(results)
    assert time.monotonic() - started < 5
    assert _alive() == []


def test_workers_are_killed_when_the_results_are_left_unread() -> None:
    results = ordered(_numbered(200), 2, _ready, (), _pid, 4)
    pids = {next(results), next(results), next(results)}
    results.close()
    assert _alive() == []
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
