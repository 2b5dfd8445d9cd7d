"""Per-applicant cost of each step of a cold and a warm run, on one core.

    python benchmarks/steps.py [--folder /tmp/dealerscreen-bench-20000] [--n 2000]

Uses a folder bench.py generated. Prints microseconds per applicant (best of 3): the
parse against yaml.load(CSafeLoader) alone, validation, the decision a batch
ranks by and the full explained evaluation a report shows; for the warm path, reading
the bytes, hashing them and validating the cached model JSON.
"""

from __future__ import annotations

import argparse
import gc
import glob
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import Any

import yaml

from dealerscreen.batch.screening import load_criteria
from dealerscreen.batch.worker import _read_bytes
from dealerscreen.decide.engine import decide, evaluate
from dealerscreen.models.applicant import Applicant
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
    compiled = load_criteria("xiaomi-2s-2024")
    data = [parse_yaml(t, f).data for f, t in zip(files, texts, strict=True)]
    applicants = [Applicant.model_validate(d) for d in data]
    models = [a.model_dump_json() for a in applicants]
    gc.freeze()  # as a worker does after set-up (batch._settle)
    n = len(files)

    # Results are dropped as a worker drops them: keeping thousands alive makes the
    # garbage collector the main cost.
    def each(fn: Callable[[Any], object], items: Sequence[Any]) -> Callable[[], None]:
        def run() -> None:
            for item in items:
                fn(item)

        return run

    rows = [
        ("yaml.load(CSafeLoader) alone", best(each(lambda t: yaml.load(t, yaml.CSafeLoader), texts), n)),
        ("parse_yaml (ours: budget, duplicate keys, positions)", best(lambda: [parse_yaml(t, f) and None for f, t in zip(files, texts, strict=True)], n)),
        ("validate the parsed data (pydantic)", best(each(Applicant.model_validate, data), n)),
        ("decide (what a batch ranks by)", best(each(lambda a: decide(compiled, a, stop_early=True), applicants), n)),
        ("evaluate (explained, what a report shows)", best(each(lambda a: evaluate(compiled, a), applicants), n)),
        ("warm: read the bytes (os.read)", best(each(lambda f: _read_bytes(f, 1 << 20), files), n)),
        ("warm: sha256 of the bytes", best(each(lambda t: hashlib.sha256(t.encode()).hexdigest(), texts), n)),
        ("warm: validate the cached model JSON", best(each(Applicant.model_validate_json, models), n)),
    ]  # fmt: skip
    width = max(len(k) for k, _ in rows)
    for label, us in rows:
        print(f"  {label:<{width}}  {us:7.1f} us")


if __name__ == "__main__":
    main()
