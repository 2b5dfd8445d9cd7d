"""What the benchmark scripts share: the synthetic folder, the machine, one timed `screen`.

Its own module so that bench.py and reports.py both import it and neither imports the other.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import synth

SEED = 2024


def ensure_folder(folder: Path, n: int) -> list[str]:
    # The generator's own digest is in the marker: a folder made by an older synth.py (one
    # whose applicants lack a fact a new gate asks for) is made again, never reused.
    made_by = hashlib.sha256(Path(synth.__file__).read_bytes()).hexdigest()[:12]
    marker = folder / f".synth-{n}-{SEED}-{made_by}"
    if not marker.exists():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        synth.generate(str(folder), n, SEED)
        marker.write_text("complete\n")
    return sorted(str(p) for p in folder.rglob("*.yaml"))


def bytecode_compiled() -> str:
    """The package compiled to bytecode, as an install of it is (pip compiles what it
    installs): with PYTHONDONTWRITEBYTECODE set, or after an edit, a run would otherwise
    compile a hundred modules from source each time (about 0.1 s), which no user pays
    twice. Returns a line saying so for the printout."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("dealerscreen")
    assert spec is not None and spec.submodule_search_locations
    where = next(iter(spec.submodule_search_locations))
    ok = compileall.compile_dir(where, quiet=1)
    return f"bytecode: {where} compiled ({'ok' if ok else 'with errors'}), as an install is"


def dealerscreen_cmd() -> list[str]:
    return [sys.executable, "-c", "from dealerscreen.cli.start import main; main()"]  # the script


def run_screen(args: Sequence[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, exit code and peak RSS (KB) of one `screen` subprocess and its workers."""
    return run_command(["screen", *args], env)


def run_command(args: Sequence[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Seconds, exit code and peak RSS (KB) of one `dealerscreen` subprocess (any command)."""
    seconds, _, rc, rss = run_timed(args, env)
    return seconds, rc, rss


def run_timed(args: Sequence[str], env: dict[str, str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (user + system, with any workers), exit code and peak RSS
    (KB) of one `dealerscreen` subprocess: on a shared machine the CPU time is the figure
    that does not depend on what else runs."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "dt = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(dt, u.ru_utime + u.ru_stime, rc, u.ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *dealerscreen_cmd(), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, cpu, rc, rss = out.stdout.split()
    return float(seconds), float(cpu), int(rc), int(rss)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Python {sys.version.split()[0]}"
