"""Per-applicant cost of the steps of a cold run, on one core: parse, evaluate, pack.

    python benchmarks/steps.py [--folder /tmp/dealerscreen-bench-20000] [--n 2000]

Uses the folder bench.py generated. Prints microseconds per applicant (best of 3):
parse_yaml against yaml.load(CSafeLoader) alone, and evaluate + pack as a worker does it.
"""

from __future__ import annotations

import argparse
import glob
import os
import tempfile
import time
from collections.abc import Callable

import yaml

from dealerscreen.engine import evaluate
from dealerscreen.loading import load_file
from dealerscreen.results import Layout, Scored
from dealerscreen.screening import load_criteria
from dealerscreen.yamlsource import parse_yaml


def best(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.path.join(tempfile.gettempdir(), "dealerscreen-bench-20000")
    parser.add_argument("--folder", default=default)
    parser.add_argument("--n", type=int, default=2000)
    opts = parser.parse_args()
    files = sorted(glob.glob(os.path.join(opts.folder, "**", "*.yaml"), recursive=True))
    files = files[: opts.n]
    texts = [open(f, encoding="utf-8").read() for f in files]  # noqa: SIM115

    def parse_ours() -> None:  # results dropped, as a worker does: no collector cost
        for f, t in zip(files, texts, strict=True):
            parse_yaml(t, f)

    def parse_alone() -> None:
        for t in texts:
            yaml.load(t, yaml.CSafeLoader)

    ours = best(parse_ours, len(files))
    alone = best(parse_alone, len(files))
    print(f"parse_yaml {ours:.0f} us; yaml.load(CSafeLoader) {alone:.0f} us; {ours / alone:.2f}x")
    compiled = load_criteria("xiaomi-2s-2024")
    layout = Layout(compiled)
    applicants = [a for a in (load_file(f).applicant for f in files) if a is not None]

    def worker_loop() -> None:
        for a in applicants:
            Scored.of(evaluate(compiled, a), a, layout)

    evs = [evaluate(compiled, a) for a in applicants]

    def pack_only() -> None:
        for e, a in zip(evs, applicants, strict=True):
            Scored.of(e, a, layout)

    pack = best(pack_only, len(evs))
    size = sum(
        len(Scored.of(e, a, layout).blob or b"") for e, a in zip(evs, applicants, strict=True)
    )
    print(
        f"evaluate + pack (a worker's loop) {best(worker_loop, len(applicants)):.0f} us; "
        f"pack alone {pack:.0f} us, {size / len(evs):.0f} B"
    )


if __name__ == "__main__":
    main()
