"""What each test costs in CPU, for docs/performance-history.md's test-suite figures: on a shared
machine the clock mostly measures the wait for a core, CPU time does not.

    python3 dev.py test -p tests.costs -p no:cacheprovider   # one file per worker
    python -m tests.costs /tmp/dealerscreen-test-costs-*.jsonl    # the sums and the top 20

Each test's line: its id, the CPU of the test process and of the children it waited for
(subprocesses, browsers) while it ran (set-up and tear-down included), and the clock.
DEALERSCREEN_TEST_COSTS names the files' stem (default /tmp/dealerscreen-test-costs).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from typing import IO

import pytest

_OUT: list[IO[str]] = []


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    if not _OUT:
        stem = os.environ.get("DEALERSCREEN_TEST_COSTS", "/tmp/dealerscreen-test-costs")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        _OUT.append(open(f"{stem}-{worker}.jsonl", "w", encoding="utf-8"))  # noqa: SIM115
    (own0, kids0), clock0 = _cpu(), time.perf_counter()
    yield
    (own1, kids1), clock1 = _cpu(), time.perf_counter()
    line = {"id": item.nodeid, "self": own1 - own0, "children": kids1 - kids0}
    _OUT[0].write(json.dumps({**line, "wall": clock1 - clock0}) + "\n")
    _OUT[0].flush()


def main(paths: list[str]) -> None:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            rows += [json.loads(line) for line in lines]
    cpu = {r["id"]: r["self"] + r["children"] for r in rows}
    print(f"{len(rows)} tests, CPU {sum(cpu.values()):.1f} s", end="")
    print(f" (children {sum(r['children'] for r in rows):.1f} s)")
    for test, seconds in sorted(cpu.items(), key=lambda kv: -kv[1])[:20]:
        print(f"{seconds:6.2f}  {test}")


if __name__ == "__main__":
    main(sys.argv[1:])
