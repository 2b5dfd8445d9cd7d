"""Full reports of every applicant, as users run them: time and peak memory per format.

    python benchmarks/reports.py --n 2000            # and --n 100000 for the large batch

Generates N synthetic applicants (the same fixed seed as bench.py; reused: --folder) and
N/10, then runs `dealerscreen screen` once per format with no `--top`, writing the report
to a file, and prints each run's seconds and peak RSS with its ratio to the terminal
table of the same batch (the target: every format at most 1.5x the table), and the peak
memory of the json report against `--top 20` (target: at most 2x). All figures come from
this one run on this machine: compare the ratios, not the seconds of another day.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from runs import ensure_folder, machine, run_screen  # noqa: E402

FORMATS = ("table", "csv", "markdown", "json", "html", "xlsx")


def measure(folder: Path, args: list[str], repeat: int, env: dict[str, str]) -> tuple[float, int]:
    """Median seconds and the largest peak RSS (KB) of `repeat` runs."""
    runs = [run_screen([str(folder), *args], env) for _ in range(repeat)]
    for _, rc, _ in runs:
        if rc not in (0, 1):  # 1: some synthetic files are invalid on purpose? none are
            raise SystemExit(f"screen exited {rc} for {args}")
    return statistics.median(r[0] for r in runs), max(r[2] for r in runs)


def full_reports(n: int, base: Path, jobs: int, repeat: int, formats: list[str]) -> list[str]:
    """Print the table of figures at N/10 and N; return the verdicts on the targets."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1704153600", "NO_COLOR": "1"}
    out = Path(tempfile.mkdtemp(prefix="dealerscreen-reports-"))
    print("| N | report | seconds | x table | peak MB | x table |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    verdicts: list[str] = []
    for size in (n // 10, n):
        folder = base / str(size)
        ensure_folder(folder, size)
        common = ["--no-cache", "-j", str(jobs)]
        table_s, table_kb = measure(folder, [*common, "-o", str(out / "r.table")], repeat, env)
        for fmt in formats:
            if fmt == "table":
                seconds, kb = table_s, table_kb
            else:
                target = [*common, "-f", fmt, "-o", str(out / f"r.{fmt}")]
                seconds, kb = measure(folder, target, repeat, env)
            print(
                f"| {size:,} | {fmt} | {seconds:.2f} | {seconds / table_s:.2f} | "
                f"{kb / 1024:.0f} | {kb / table_kb:.2f} |",
                flush=True,
            )
            if fmt != "table":
                ratio = seconds / table_s
                verdicts.append(
                    f"N={size:,} {fmt} <= 1.5x table: {ratio:.2f}x {'ok' if ratio <= 1.5 else 'MISSED'}"
                )
        if size == n and "json" in formats:
            _, top_kb = measure(
                folder, [*common, "--top", "20", "-o", str(out / "top")], repeat, env
            )
            _, json_kb = measure(folder, [*common, "-f", "json", "-o", str(out / "r.json")], 1, env)
            ratio = json_kb / top_kb
            verdicts.append(
                f"N={size:,} json peak memory <= 2x --top 20: {ratio:.2f}x "
                f"({json_kb / 1024:.0f} / {top_kb / 1024:.0f} MB) {'ok' if ratio <= 2 else 'MISSED'}"
            )
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="applicants (default 2000)")
    parser.add_argument("--folder", help="where to generate them (reused if complete)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure (median)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated")
    opts = parser.parse_args()
    formats = [f for f in opts.formats.split(",") if f]
    base = Path(opts.folder or Path(tempfile.gettempdir()) / "dealerscreen-reports")
    print(f"machine: {machine()}; jobs = {opts.jobs}; median of {opts.repeat}; no parse cache")
    print()
    verdicts = full_reports(opts.n, base, opts.jobs, opts.repeat, formats)
    print()
    for line in verdicts:
        print(line)


if __name__ == "__main__":
    main()
