"""The console script's entry: the garbage collector told to wait before the commands are
imported, and the process left without taking the interpreter apart.

Importing the commands makes some 90,000 objects that live as long as the process. At
Python's threshold (a collection of the youngest generation every 700 allocations) they
were traversed 94 times on the way, about 25 ms of every command, before `app.main` could
raise it.

When a command is done, Python's own exit frees every object one by one: the modules,
their classes and validators, a report's decisions and their words. That is CPU time
spent on memory the operating system takes back at once anyway: 15-30 ms of `--help`
(a fifth of it) and 0.15 s of an html report of 2,000 applicants, measured as the
process's CPU time after its exit handlers against its whole CPU time. So once the
command has ended, its exit handlers run (the spill's folder removed, the worker
processes joined), its output is flushed, and the process ends with its exit code
(`os._exit`). Only when no other thread is alive: a thread still at work is waited for,
as Python's exit does.

Nothing is imported here before the commands are but `gc` and `sys`.
"""

from __future__ import annotations

import gc
import sys

from dealerscreen.cli import START_YOUNG

# The youngest generation's threshold once a command has ended: no collection before the
# process does (a batch's own threshold, worker.YOUNG, may be larger than START_YOUNG).
ENDED = 1 << 30


def main() -> None:
    # Not put back once the commands are imported: `app.main` puts back at its end what
    # it found, and this process ends then. Put back at Python's 700, the youngest
    # generation's objects of a whole run (a batch's, a report's: some 100,000) were
    # collected on the way out, each traversed once more for nothing (38 ms of a csv
    # report of 2,000 applicants: gc.callbacks, CPU time); `ENDED` keeps it from that.
    previous = gc.get_threshold()
    gc.set_threshold(START_YOUNG, *previous[1:])
    from dealerscreen.cli.app import main as run

    gc.set_threshold(ENDED, *previous[1:])  # what app.main puts back: the process ends
    try:
        run()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: str | int | None) -> None:
    """End the process with `code` (as `sys.exit` takes it) without the interpreter's
    teardown; or, while another thread is alive, by the ordinary exit. (Its modules are
    imported here, where the command has imported them already, not before the commands
    are: at Python's threshold they were 3 collections more.)"""
    import atexit
    import contextlib
    import os
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("text"): the text to standard error, and 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe or stream: what it took is what is out
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status & 0xFF)  # as the exit status holds it: sys.exit(256) ends 0, -1 ends 255
