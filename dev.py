#!/usr/bin/env python3
"""Set-up and run in one command, on a machine with only Python 3.11+.

    python3 dev.py screen [ARGS...]   # screen the shipped samples (or ARGS) with the default criteria
    python3 dev.py test [PYTEST ARGS] # run the test suite
    python3 dev.py lint               # ruff and mypy
    python3 dev.py run ARGS...        # any dealerscreen command

Each creates .venv on first use (or reuses it, reinstalling when pyproject.toml changed).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEALERSCREEN_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _stamp(extra: str) -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()


def ensure(extra: str = "") -> None:
    """Create the environment if needed and install the package (with an extra) into it."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit(f"dealerscreen needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print(f"dev.py: creating {VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    marker = VENV / f".installed{'-' + extra if extra else ''}"
    if marker.exists() and marker.read_text() == _stamp(extra):
        return
    target = f".[{extra}]" if extra else "."
    print(
        f"dev.py: installing dealerscreen{f'[{extra}]' if extra else ''} into {VENV}",
        file=sys.stderr,
    )
    subprocess.run(
        [
            str(BIN / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-e",
            target,
        ],
        cwd=ROOT,
        check=True,
    )
    marker.write_text(_stamp(extra))


def run(*cmd: str) -> int:
    return subprocess.call(list(cmd), cwd=ROOT)


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("screen", [])
    if task == "screen":
        ensure()
        return run(str(BIN / "dealerscreen"), "screen", *(rest or ["samples/applicants"]))
    if task == "run":
        ensure()
        return run(str(BIN / "dealerscreen"), *rest)
    if task == "test":
        ensure("dev")
        return run(str(BIN / "python"), "-m", "pytest", *rest)
    if task == "lint":
        ensure("dev")
        return (
            run(str(BIN / "ruff"), "check", "src", "tests", "dev.py")
            or run(str(BIN / "ruff"), "format", "--check", "src", "tests", "dev.py")
            or run(str(BIN / "mypy"))
        )
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
