"""Ctrl-C and SIGTERM as the README's exit codes, with the clean-up `finally` blocks do."""

from __future__ import annotations

import signal
from typing import NoReturn

from dealerscreen.cli.language import usage_words
from dealerscreen.cli.stderr import err
from dealerscreen.models.problems import ExitCode


def on_interrupt(signum: int, frame: object) -> NoReturn:
    # SystemExit, not KeyboardInterrupt: click would turn the latter into "Aborted!" and
    # exit 1. `finally` blocks still run, so an output being written is cleaned up.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    err(usage_words("cli.interrupted"))
    raise SystemExit(ExitCode.INTERRUPTED)


def on_terminate(signum: int, frame: object) -> NoReturn:
    # SIGTERM's default ends the process where it stands: temporary folders (the batch's
    # spill files, a revision's criteria) and files would stay. As SystemExit, `finally`
    # blocks and the temporary folders' clean-up run. (Workers ignore it: see workerpool.)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    err(usage_words("cli.terminated"))
    raise SystemExit(ExitCode.TERMINATED)
