"""The console script's entry (cli/start.py) has the garbage collector wait while the
commands are imported: at Python's threshold the import alone made 94 collections of the
youngest generation, each traversing the objects made so far (about 25 ms of every
command, `--version` and `--help` included)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.conftest import ROOT, fresh_python

# Told when the command has run: before the entry's way out (`start.leave`, which runs
# the exit handlers and ends the process), or at the app's own SystemExit.
COUNTED = (
    "import gc, sys\n"
    "made = []\n"
    "gc.callbacks.append(lambda phase, info: made.append(1) if phase == 'start' else None)\n"
    "sys.argv = ['dealerscreen', '--version']\n"
    "from dealerscreen.cli import start\n"
    "way_out = start.leave\n"
    "def told(code):\n"
    "    print(len(made), file=sys.stderr, flush=True)\n"
    "    way_out(code)\n"
    "start.leave = told\n"
    "from {module} import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    print(len(made), file=sys.stderr)\n"
)


def _collections(module: str) -> int:
    out = fresh_python(COUNTED.format(module=module))
    assert out.stdout.startswith("dealerscreen "), out.stdout  # the version was printed
    return int(out.stderr.split()[-1])


def test_the_console_script_starts_through_the_entry_that_holds_collections() -> None:
    (script,) = entry_points(group="console_scripts", name="dealerscreen")
    assert script.value == "dealerscreen.cli.start:main"


def test_a_command_starts_without_collecting_what_it_imports() -> None:
    assert _collections("dealerscreen.cli.start") <= 3
    assert _collections("dealerscreen.cli.app") > 20  # imported first, as before: collected


def _ended(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


# A module-level object whose finaliser speaks: the interpreter's teardown runs it.
SPEAKS = (
    "import atexit, sys\n"
    "class Speaks:\n"
    "    def __del__(self):\n"
    "        sys.stderr.write('torn down\\n')\n"
    "kept = Speaks()\n"
    "atexit.register(lambda: print('handlers ran', file=sys.stderr))\n"
    "print('out', end='')\n"  # left in the buffer: the way out flushes it
)


@pytest.mark.parametrize(
    ("code", "status", "said"),
    [("0", 0, ""), ("None", 0, ""), ("4", 4, ""), ("'a message'", 1, "a message"), ("256", 0, "")],
)
def test_the_entry_leaves_without_the_teardown(code: str, status: int, said: str) -> None:
    """The way out ends the process with the command's exit code (as `sys.exit` takes
    it), after the exit handlers and with the output flushed, but without taking the
    interpreter apart (no object is freed one by one): a finaliser does not run."""
    ended = _ended(SPEAKS + f"from dealerscreen.cli.start import leave\nleave({code})\n")
    assert ended.returncode == status
    assert ended.stdout == "out"
    assert "handlers ran" in ended.stderr and said in ended.stderr
    assert "torn down" not in ended.stderr
    ordinary = _ended(SPEAKS + f"import sys\nsys.exit({code})\n")
    assert ordinary.returncode == status and "torn down" in ordinary.stderr  # as it was


def test_a_thread_still_at_work_is_waited_for() -> None:
    ended = _ended(
        SPEAKS + "import threading, time\n"
        "threading.Thread(target=lambda: (time.sleep(0.2), print('thread done'))).start()\n"
        "from dealerscreen.cli.start import leave\nleave(3)\n"
    )
    assert ended.returncode == 3 and "thread done" in ended.stdout


def test_a_screening_through_the_entry_leaves_no_spill_behind(tmp_path: Path) -> None:
    """The exit handlers still run: the folder the batch spilled its models to is gone,
    and the report is whole."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    ended = subprocess.run(
        [sys.executable, "-c", "from dealerscreen.cli.start import main; main()",
         "screen", str(ROOT / "samples" / "applicants"), "-f", "json", "-j", "2"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert ended.returncode in (0, 1), ended.stderr
    assert len(json.loads(ended.stdout)["results"]) > 30
    assert list(tmp_path.iterdir()) == []


def test_a_command_ends_without_collecting_its_young_objects(tmp_path: Path) -> None:
    """A report's run leaves some 100,000 objects in the youngest generation: had the
    entry put Python's threshold (700) back, `app.main` would put that back at its end
    and they were all collected on the way out, for nothing (38 ms of a csv report of
    2,000 applicants). No collection between the report written and the process's end."""
    out_file = tmp_path / "report.csv"
    code = (
        "import gc, sys\n"
        "made = []\n"
        "gc.callbacks.append(lambda phase, info: made.append(1) if phase == 'start' else None)\n"
        f"sys.argv = ['dealerscreen', 'screen', 'samples/applicants', '-f', 'csv', "
        f"'-o', {str(out_file)!r}, '-q']\n"
        "from dealerscreen.cli import start\n"
        "from dealerscreen.cli import app as cli\n"
        "emit = cli.emit_report\n"
        "ended = []\n"
        "def counted(*args, **kwargs):\n"
        "    try:\n"
        "        return emit(*args, **kwargs)\n"
        "    finally:\n"
        "        ended.append(len(made))\n"
        "cli.emit_report = counted\n"
        "way_out = start.leave\n"
        "def told(code):\n"
        "    print(ended[0], len(made), file=sys.stderr, flush=True)\n"
        "    way_out(code)\n"
        "start.leave = told\n"
        "start.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out_file.exists(), done.stderr
    at_end, at_exit = map(int, done.stderr.split()[-2:])
    assert at_exit == at_end, (at_end, at_exit)
