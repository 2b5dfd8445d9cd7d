"""One command, every figure of issue #6, side by side:

    python benchmarks/bench.py --n 100000          # or: python3 dev.py run-bench ...

Generates N synthetic applicants (fixed seed) into a folder (reused when it already holds
them: --folder), then measures, in this one run on this machine:

- floors: reading the bytes of every file; libyaml parsing alone (1 and all processes);
- `dealerscreen screen` cold (empty parse cache) and warm (after a criteria edit: a copy
  of the default profile with two weights moved), on 1 process and on all;
- peak memory (max RSS) of `screen --jobs 1` at N and at N/10;
- evaluations per second of the engine against GoRules zen-engine on the criteria both
  can express (see zen_table.py), checking that both give the same points;
- `dealerscreen --help` start-up against `python -c "import typer"`;
- with `--reports`: full reports of every applicant in every format, time and peak
  memory at N and N/10 against the table (reports.py; also runnable on its own).

`screen` runs as a subprocess with `--top 20`, the report of a CI check or an analyst's
first look; rendering all N rows is the reporter's cost, not screening's (see
docs/performance-history.md). Timings are medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from runs import dealerscreen_cmd, ensure_folder, machine, run_screen  # noqa: E402


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def read_all(files: Sequence[str]) -> int:
    total = 0
    for f in files:
        with open(f, "rb") as fh:
            total += len(fh.read())
    return total


def _parse_chunk(chunk: Sequence[str]) -> int:
    import yaml

    n = 0
    for f in chunk:
        with open(f, encoding="utf-8") as fh:
            n += len(yaml.load(fh.read(), Loader=yaml.CSafeLoader))
    return n


def parse_all(files: Sequence[str], procs: int) -> None:
    if procs == 1:
        _parse_chunk(files)
        return
    chunks = [files[i : i + 256] for i in range(0, len(files), 256)]
    with multiprocessing.get_context().Pool(procs) as pool:
        sum(pool.imap(_parse_chunk, chunks))


def _criteria_copy(into: Path) -> Path:
    """A copy of the shipped criteria; the default profile's path in it."""
    shutil.copytree(ROOT / "criteria", into)
    return into / "xiaomi-2s-2024.yaml"


def edited_profile(into: Path) -> str:
    """A copy of the shipped criteria with two weights moved (the sum stays 100)."""
    path = _criteria_copy(into)
    text = path.read_text(encoding="utf-8")
    for crit, old, new in (("regional-share", 5, 6), ("annual-sales", 8, 7)):
        text, n = re.subn(
            rf"(- id: {crit}\n(?:.*\n)*?    points: ){old}\n", rf"\g<1>{new}\n", text, count=1
        )
        assert n == 1, crit
    path.write_text(text, encoding="utf-8")
    return str(path)


def engine_vs_zen(files: Sequence[str], repeat: int) -> dict[str, Any]:
    import zen_table

    from dealerscreen.batch.screening import load_criteria
    from dealerscreen.decide.engine import decide, evaluate
    from dealerscreen.intake.loading import load_file

    compiled = load_criteria("xiaomi-2s-2024")
    applicants = [a for a in (load_file(f).applicant for f in files) if a is not None]
    ids = zen_table.table_criteria(compiled)
    scorers = [fn for crit, fn in compiled.criteria if crit.id in ids]
    word_free = [fn.decide for fn in scorers]
    try:
        import zen
    except ImportError:
        zen = None  # type: ignore[assignment]

    def ours_subset() -> None:
        for a in applicants:
            for fn in scorers:
                fn(a)

    def ours_fast() -> None:
        for a in applicants:
            for fn in word_free:
                fn(a)

    def ours_full() -> None:
        for a in applicants:
            evaluate(compiled, a)

    def ours_verdict() -> None:
        for a in applicants:
            decide(compiled, a, stop_early=True)

    out: dict[str, Any] = {
        "n": len(applicants),
        "criteria": ids,
        "ours_subset": median_time(ours_subset, repeat) / len(applicants),
        "ours_fast": median_time(ours_fast, repeat) / len(applicants),
        "ours_full": median_time(ours_full, repeat) / len(applicants),
        "ours_verdict": median_time(ours_verdict, repeat) / len(applicants),
        "eligible": sum(decide(compiled, a, stop_early=True).eligible for a in applicants)
        / len(applicants),
    }
    if zen is None:
        return out
    engine = zen.ZenEngine(
        {"loader": {"type": "static", "content": {"screen": zen_table.build_graph(compiled)}}}
    )
    contexts = [a.model_dump(mode="json") for a in applicants]

    def theirs() -> None:
        for c in contexts:
            engine.evaluate("screen", c)

    out["zen"] = median_time(theirs, repeat) / len(applicants)
    mismatches = compared = 0
    for a, c in zip(applicants, contexts, strict=True):
        result = engine.evaluate("screen", c)["result"]
        for crit_id, fn, fast in zip(ids, scorers, word_free, strict=True):
            mine = fn(a).points
            if mine is None:  # a missing fact: the profile's policy decides, not the table
                continue
            compared += 1
            # both of ours (explained and word-free) against zen's
            mismatches += float(mine) != float(result[crit_id]) or fast(a) != mine
    out["compared"], out["mismatches"] = compared, mismatches
    return out


def startup(repeat: int) -> tuple[float, float]:
    def run(args: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(args, stdout=subprocess.DEVNULL, check=True)

    typer_only = median_time(run([sys.executable, "-c", "import typer"]), repeat)
    help_ = median_time(run([*dealerscreen_cmd(), "--help"]), repeat)
    return help_, typer_only


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="applicants (default 20000)")
    parser.add_argument("--folder", help="where to generate them (reused if complete)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all' processes")
    parser.add_argument(
        "--reports",
        action="store_true",
        help="also time full reports of every applicant in every format (reports.py)",
    )
    opts = parser.parse_args()
    n, jobs, repeat = opts.n, opts.jobs, opts.repeat
    folder = Path(opts.folder or Path(tempfile.gettempdir()) / f"dealerscreen-bench-{n}")
    print(f"machine: {machine()}; N = {n:,}; all = {jobs} processes; median of {repeat}")
    t = time.perf_counter()
    files = ensure_folder(folder, n)
    print(f"applicants in {folder} ({time.perf_counter() - t:.1f} s to generate or find)")
    size = read_all(files)  # also warms the page cache, as for every run below

    rows: list[tuple[str, str]] = []
    read_s = median_time(lambda: read_all(files), repeat)
    rows.append(("read the bytes of every file", f"{read_s:.2f} s ({size / 1e6:.0f} MB)"))
    parse1 = median_time(lambda: parse_all(files, 1), 1)
    parse_j = median_time(lambda: parse_all(files, jobs), repeat)
    rows.append(("libyaml parse alone, 1 process", f"{parse1:.2f} s"))
    rows.append((f"libyaml parse alone, {jobs} processes", f"{parse_j:.2f} s"))

    work = Path(tempfile.mkdtemp(prefix="dealerscreen-bench-"))
    edited = edited_profile(work / "criteria")
    env = {**os.environ, "NO_COLOR": "1"}
    base = [str(folder), "--top", "20"]
    timings: dict[str, float] = {}
    for procs in (1, jobs):
        colds, warms = [], []
        for i in range(repeat if procs == jobs else 1):
            cache = str(work / f"cache-{procs}-{i}")
            cold, rc, _ = run_screen([*base, "-j", str(procs), "--cache-dir", cache], env)
            warm, rc2, _ = run_screen(
                [*base, "-j", str(procs), "--cache-dir", cache, "--criteria", edited], env
            )
            assert rc == 0 and rc2 == 0, (rc, rc2)
            colds.append(cold)
            warms.append(warm)
        timings[f"cold{procs}"], timings[f"warm{procs}"] = min(colds), min(warms)
        rows.append((f"screen cold (empty cache), {procs} process(es)", f"{min(colds):.2f} s"))
        rows.append((f"screen warm (criteria edited), {procs} process(es)", f"{min(warms):.2f} s"))

    tenth = [str(folder / f"{i:02d}") for i in range(10)]  # files spread i % 100: N/10
    _, _, rss_n = run_screen([str(folder), "--top", "20", "-j", "1", "--no-cache"], env)
    _, _, rss_10 = run_screen([*tenth, "--top", "20", "-j", "1", "--no-cache"], env)
    rows.append(("peak memory, screen -j1, N", f"{rss_n / 1024:.0f} MB"))
    rows.append(("peak memory, screen -j1, N/10", f"{rss_10 / 1024:.0f} MB"))

    eng = engine_vs_zen(files[:2000], repeat)
    rows.append(
        (
            f"engine, {len(eng['criteria'])} table criteria, per applicant",
            f"{eng['ours_subset'] * 1e6:.1f} us ({1 / eng['ours_subset']:,.0f}/s)",
        )
    )
    rows.append(
        (
            f"engine, the same {len(eng['criteria'])} criteria word-free (as a batch ranks)",
            f"{eng['ours_fast'] * 1e6:.1f} us ({1 / eng['ours_fast']:,.0f}/s)",
        )
    )
    rows.append(
        (
            "engine, full evaluate (all rules, explanations)",
            f"{eng['ours_full'] * 1e6:.1f} us ({1 / eng['ours_full']:,.0f}/s)",
        )
    )
    rows.append(
        (
            "engine, decide (as a batch ranks: word-free, stops at a failed gate)",
            f"{eng['ours_verdict'] * 1e6:.1f} us ({1 / eng['ours_verdict']:,.0f}/s); "
            f"{eng['eligible']:.0%} of these applicants eligible (only they are scored)",
        )
    )
    if "zen" in eng:
        rows.append(
            (
                "zen-engine, same criteria, engine.evaluate",
                f"{eng['zen'] * 1e6:.1f} us ({1 / eng['zen']:,.0f}/s); "
                f"{eng['mismatches']} of {eng['compared']} points differ",
            )
        )
    help_s, typer_s = startup(max(repeat, 5))
    rows.append(("dealerscreen --help", f"{help_s * 1000:.0f} ms"))
    rows.append(('python -c "import typer"', f"{typer_s * 1000:.0f} ms"))

    width = max(len(k) for k, _ in rows)
    print()
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")

    def verdict(label: str, ratio: float, target: str, ok: bool) -> None:
        print(f"  {label:<48} {ratio:6.2f}x  target {target:<8} {'met' if ok else 'NOT met'}")

    print("\ntargets (ratios in this run):")
    cold_ratio = timings[f"cold{jobs}"] / parse_j
    verdict(
        f"cold screen / libyaml parse ({jobs} processes)", cold_ratio, "<= 1.25", cold_ratio <= 1.25
    )
    warm_ratio = timings[f"warm{jobs}"] / read_s
    verdict(f"warm screen ({jobs} processes) / reading bytes", warm_ratio, "<= 5", warm_ratio <= 5)
    mem_ratio = rss_n / rss_10
    verdict("peak memory N / N/10", mem_ratio, "<= 1.5", mem_ratio <= 1.5)
    if "zen" in eng:
        speed = eng["zen"] / eng["ours_fast"]
        verdict("engine speed / zen-engine (same criteria)", speed, ">= 5", speed >= 5)
        explained = eng["zen"] / eng["ours_subset"]
        print(f"    (with every point's explanation made, as evaluate does: {explained:.2f}x)")
    startup_ratio = help_s / typer_s
    verdict("--help / import typer", startup_ratio, "<= 1.5", startup_ratio <= 1.5)
    shutil.rmtree(work, ignore_errors=True)
    if opts.reports:
        import reports

        print("\nfull reports of every applicant, one process (no --top):")
        for line in reports.full_reports(n, folder.parent / "reports", 1, 1, list(reports.FORMATS)):
            print(f"  {line}")


if __name__ == "__main__":
    main()
