"""The programme record's cost (#23): intake + screen of a programme against screening the files.

    python benchmarks/programme.py --n 2000            # and --n 100000 for the large batch
    python benchmarks/programme.py --n 10000 --repeat 3  # each timing the median of 3 rounds

Generates N synthetic applicants (benchmarks/synth.py, the seed of bench.py; reused:
--folder), screens the folder as files, then makes a programme (SQLite), records the folder
(`intake`) and screens it (`screen -p`); then times `status` and `history` of one applicant,
and weighs the database. Prints a table with each target and PASS or MISS:

- intake + screen of the programme at most 1.5x the same `screen` of the files (judged on
  CPU seconds: on a shared machine the wall clock varies by more than the difference),
  as two commands (`intake`, then `screen -p`) and as one (`screen PATH -p DIR`, into a
  second programme made for it);
- `status` and `history` each under a second of CPU (the whole command, start-up
  included: the start-up alone, `dealerscreen --version`, is printed beside them);
- the database under 2x the submissions' JSON (their validated content as stored).

Every figure comes from this one run on this machine: compare the ratios, not the seconds
of another day. CPU seconds are printed beside the wall ones (a shared machine slows the
wall clock, not the CPU time).
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from runs import bytecode_compiled, ensure_folder, machine, run_timed  # noqa: E402


def timed(
    args: list[str], env: dict[str, str], ok: tuple[int, ...] = (0, 1)
) -> tuple[float, float, float]:
    """Wall and CPU seconds and peak memory (MB) of one command; a failing one stops the
    benchmark."""
    wall, cpu, rc, kb = run_timed(args, env)
    if rc not in ok:
        raise SystemExit(f"dealerscreen {' '.join(args)} exited {rc}")
    return wall, cpu, kb / 1024


def one_id(files: list[str]) -> str:
    """An applicant_id of the folder, for `history`."""
    found = re.search(r"^applicant_id:\s*['\"]?([^'\"\s]+)", Path(files[0]).read_text(), re.M)
    if found is None:
        raise SystemExit(f"{files[0]}: no applicant_id")
    return found[1]


def weigh(record: Path) -> tuple[int, int]:
    """Bytes of the database (with its WAL, if one is left) and of the submissions' JSON."""
    size = sum(p.stat().st_size for p in record.parent.glob(record.name + "*"))
    conn = sqlite3.connect(record)
    try:
        query = "SELECT SUM(LENGTH(CAST(content AS BLOB))) FROM submissions"
        content = conn.execute(query).fetchone()[0]
    finally:
        conn.close()
    return size, int(content or 0)


def _seconds(figure: tuple[float, float, float]) -> str:
    return f"{figure[0]:.2f} s ({figure[1]:.2f} s CPU, peak {figure[2]:.0f} MB)"


Figure = tuple[float, float, float]  # wall seconds, CPU seconds, peak MB


def median(figures: list[Figure]) -> Figure:
    """Each of wall, CPU and peak memory: its median over the rounds."""
    return (
        statistics.median(f[0] for f in figures),
        statistics.median(f[1] for f in figures),
        statistics.median(f[2] for f in figures),
    )


def one_round(
    folder: Path, work: Path, common: list[str], env: dict[str, str]
) -> tuple[Figure, Figure, Figure, Figure]:
    """The files screened, then the same as a programme, each into a new programme: in two
    commands (intake, then screen -p) and in one (`screen PATH -p DIR`)."""
    files_s = timed(["screen", str(folder), *common, "-o", str(work / "files.txt")], env)
    prog = Path(tempfile.mkdtemp(dir=work)) / "prog"
    timed(["programme", "init", str(prog), "--criteria", "xiaomi-2s-2024"], env, (0,))
    where = ["-p", str(prog)]
    intake_s = timed(["intake", str(folder), *where], env)
    screen_s = timed(["screen", *where, *common, "-o", str(work / "prog.txt")], env)
    once = Path(tempfile.mkdtemp(dir=work)) / "once"
    timed(["programme", "init", str(once), "--criteria", "xiaomi-2s-2024"], env, (0,))
    once_s = timed(
        ["screen", str(folder), "-p", str(once), *common, "-o", str(work / "o.txt")], env
    )
    return files_s, intake_s, screen_s, once_s


def measure(n: int, base: Path, jobs: int, rounds: int) -> list[tuple[str, str, str, bool]]:
    """The figures at N, each as (what, figure, target, met); each timing the median of
    `rounds` rounds, the files and the programme screened in turn in each (a shared
    machine's other work then weighs on both sides alike)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1704153600", "NO_COLOR": "1"}
    print(bytecode_compiled())
    folder = base / str(n)
    files = ensure_folder(folder, n)
    work = Path(tempfile.mkdtemp(prefix="dealerscreen-programme-"))
    common = ["--no-cache", "-j", str(jobs)]
    made = [one_round(folder, work, common, env) for _ in range(rounds)]
    files_s, intake_s, screen_s, once_s = (median([m[k] for m in made]) for k in range(4))
    prog = next(work.glob("*/prog"))  # the first round's, for status, history and its size
    where = ["-p", str(prog)]
    status_s = timed(["status", *where, "-o", str(work / "status.txt")], env, (0,))
    history_s = timed(["history", one_id(files), *where, "-o", str(work / "h.txt")], env, (0,))
    start_s = timed(["--version"], env, (0,))  # what any command costs before it works
    db, content = weigh(prog / "record.sqlite")
    ratio = (intake_s[0] + screen_s[0]) / files_s[0]
    cpu_ratio = (intake_s[1] + screen_s[1]) / files_s[1]
    mb = 1024 * 1024
    return [
        ("screen of the files", _seconds(files_s), "", True),
        ("intake", _seconds(intake_s), "", True),
        ("screen -p", _seconds(screen_s), "", True),
        (
            "intake + screen -p / files",
            f"{ratio:.2f}x ({cpu_ratio:.2f}x CPU)",
            "<= 1.5x",
            cpu_ratio <= 1.5,  # CPU: the wall clock of a shared machine is noise
        ),
        (
            "screen PATH -p (both in one command)",
            _seconds(once_s),
            "",
            True,
        ),
        (
            "screen PATH -p / files",
            f"{once_s[0] / files_s[0]:.2f}x ({once_s[1] / files_s[1]:.2f}x CPU)",
            "<= 1.5x",
            once_s[1] / files_s[1] <= 1.5,
        ),
        ("start-up (--version)", f"{start_s[0]:.2f} s ({start_s[1]:.2f} s CPU)", "", True),
        # CPU, as the ratio: on a shared machine the wall clock is the other work's
        ("status", f"{status_s[0]:.2f} s ({status_s[1]:.2f} s CPU)", "< 1 s", status_s[1] < 1),
        (
            "history ID",
            f"{history_s[0]:.2f} s ({history_s[1]:.2f} s CPU)",
            "< 1 s",
            history_s[1] < 1,
        ),
        (
            "database / submissions' JSON",
            f"{db / content:.2f}x ({db / mb:.1f} / {content / mb:.1f} MB)",
            "< 2x",
            db / content < 2,
        ),
    ]


def table(n: int, rows: list[tuple[str, str, str, bool]]) -> list[str]:
    lines = [f"| N = {n:,} | figure | target | |", "| --- | ---: | --- | --- |"]
    for what, figure, target, met in rows:
        verdict = ("PASS" if met else "MISS") if target else ""
        lines.append(f"| {what} | {figure} | {target} | {verdict} |")
    return lines


def main(argv: list[str] | None = None) -> Any:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="applicants (default 2000)")
    parser.add_argument("--folder", help="where to generate them (reused if complete)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="rounds; each timing their median (default 1)"
    )
    opts = parser.parse_args(argv)
    base = Path(opts.folder or Path(tempfile.gettempdir()) / "dealerscreen-programme")
    print(f"machine: {machine()}; jobs = {opts.jobs}; no parse cache; SQLite; ", end="")
    print(f"median of {opts.repeat} round(s)")
    print()
    for line in table(opts.n, measure(opts.n, base, opts.jobs, opts.repeat)):
        print(line, flush=True)


if __name__ == "__main__":
    main()
