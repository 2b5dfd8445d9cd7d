"""Where a full report's time goes: each stage of one `screen` run, against the parse floor.

    python benchmarks/stages.py --n 2000 --folder /tmp/bench-targets
    python benchmarks/stages.py --n 100000 --folder /tmp/bench-targets-100k --formats json

targets.py says whether each report is within its ratio of the floor (libyaml parsing the
same files in one process); this says of what the ratio is made, so that the next step
can be chosen by the numbers. Each format is run as `screen FOLDER -f FMT --jobs 1
--no-cache`, in a subprocess of its own, with a clock wrapped around the functions that
make each stage. A stage's time is its own CPU time, less the stages it calls:

- start: the interpreter, the imports, the criteria loaded and compiled, the options
  (the process's CPU time less every stage below);
- parse: the YAML of each file composed (`yamlsource.parse`);
- intake: the rest of reading a file (its bytes, validation, warnings, the spill);
- decide: `engine.decide` of each applicant, and its record packed (`record.encode`);
- read back: each decision read back from the spill (`record.decode`);
- words: the rules put into words (`decide.explaining`), made once per distinct record;
- what-if: what would change each decision (`decide.whatif.outlook`);
- report: the rest of the report stage (the records, the layout, writing the file).

Each figure is the median of --repeat runs, as CPU seconds and as a multiple of the
floor: the report's ratio in targets.py is their sum. The clocks cost about a microsecond
a call: each run is paired with one without them, whose CPU time is printed below.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from runs import run_timed  # noqa: E402

STAGES = ("start", "parse", "intake", "decide", "read back", "words", "what-if", "report")


class Clock:
    """Each wrapped function's own CPU time: its time less that of the wrapped calls in it."""

    def __init__(self) -> None:
        self.own: Counter[str] = Counter()
        self._inner: list[float] = []

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            self._inner.append(0.0)
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.process_time() - started
                self.own[stage] += spent - self._inner.pop()
                if self._inner:
                    self._inner[-1] += spent

        return timed


def _patch(clock: Clock, stage: str, owner: Any, name: str) -> None:
    """Wrap `owner.name` (where the caller looks it up): a name that moved fails here,
    not silently as a stage that reads zero."""
    fn = getattr(owner, name)
    setattr(owner, name, clock.wrap(stage, fn))


def child(fmt: str, folder: str, out: str) -> None:
    """One run, in this process: the stages' seconds as JSON on the last line of stdout."""
    clock = Clock()
    from dealerscreen.batch import screening, worker
    from dealerscreen.cli import app
    from dealerscreen.decide import explaining, record
    from dealerscreen.intake import loading
    from dealerscreen.reporters import interface

    _patch(clock, "batch", screening, "screen_batch")
    _patch(clock, "parse", loading, "parse")
    _patch(clock, "decide", worker, "decide")
    _patch(clock, "decide", record, "encode")
    _patch(clock, "read back", record, "decode")
    _patch(clock, "what-if", interface, "outlook")
    _patch(clock, "report stage", app, "emit_report")
    for kind in list(explaining._MAKE):
        explaining._MAKE[kind] = clock.wrap("words", explaining._MAKE[kind])
    _patch(clock, "words", explaining, "_gates")  # a row's requirements not met, alone
    sys.argv = ["dealerscreen", "screen", folder, "-f", fmt, "-o", out, "--jobs", "1"]
    sys.argv += ["--no-cache"]
    try:
        app.main()
    except SystemExit as done:
        if done.code not in (0, None):
            raise
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stages = dict(clock.own)
    cpu = usage.ru_utime + usage.ru_stime
    stages["intake"] = stages.pop("batch", 0.0)
    stages["report"] = stages.pop("report stage", 0.0)
    stages["start"] = cpu - sum(stages.values())
    print(json.dumps({"cpu": cpu, "stages": stages}))
    sys.stdout.flush()
    os._exit(0)  # no teardown: what the console script does (cli/start.py)


def run(fmt: str, folder: str, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """The stages of one run with the clocks, and the CPU seconds of one without them."""
    out = work / f"report.{fmt}"
    cmd = [sys.executable, __file__, "--child", fmt, folder, str(out)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{fmt}: exit {done.returncode}\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    args = ["screen", folder, "-f", fmt, "-o", str(out), "--jobs", "1", "--no-cache"]
    result["plain"] = run_timed(args, env)[1]
    return result


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    from runs import bytecode_compiled, ensure_folder, machine
    from targets import FORMATS, parse_floor

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="applicants (default 2000)")
    parser.add_argument("--folder", help="where to generate them (reused if complete)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per format (median)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    opts = parser.parse_args()
    folder = Path(opts.folder or Path(tempfile.gettempdir()) / f"dealerscreen-bench-{opts.n}")
    files = ensure_folder(folder, opts.n)
    print(bytecode_compiled())
    print(f"machine: {machine()}; N = {opts.n:,} in {folder}; one process; median of {opts.repeat}")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1704153600", "NO_COLOR": "1"}
    work = Path(tempfile.mkdtemp(prefix="dealerscreen-stages-"))
    formats = [f for f in opts.formats.split(",") if f]
    floors: list[float] = []
    found: dict[str, dict[str, float]] = {}
    for fmt in formats:
        runs = []
        for _ in range(opts.repeat):
            floors.append(parse_floor(files, 1)[1])  # sampled between the runs (targets.Floor)
            runs.append(run(fmt, str(folder), work, env))
        found[fmt] = {s: statistics.median(r["stages"].get(s, 0.0) for r in runs) for s in STAGES}
        found[fmt]["total"] = sum(found[fmt][s] for s in STAGES)
        found[fmt]["plain"] = statistics.median(r["plain"] for r in runs)
    floor = statistics.median(floors)
    print(
        f"floor: libyaml parse of the {len(files):,} files, {floor:.2f} s CPU (median of "
        f"{len(floors)} samples, {min(floors):.2f}-{max(floors):.2f} s)"
    )
    print("each stage: CPU seconds, and x the floor")
    head = f"{'stage':<10}" + "".join(f"{fmt:>18}" for fmt in formats)
    print(head)
    for stage in (*STAGES, "total"):
        cells = "".join(
            f"{found[f][stage]:>9.2f} s {found[f][stage] / floor:>5.2f}x" for f in formats
        )
        print(f"{stage:<10}{cells}")
    print(
        f"{'no clocks':<10}"
        + "".join(
            f"{found[f]['plain']:>9.2f} s {found[f]['plain'] / floor:>5.2f}x" for f in formats
        )
    )


if __name__ == "__main__":
    main()
