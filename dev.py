#!/usr/bin/env python3
"""Set-up and run in one command, on a machine with only Python 3.11+.

    python3 dev.py screen [ARGS...]    # screen the shipped samples (or ARGS) with the default criteria
    python3 dev.py test [PYTEST ARGS]  # run the test suite, with the locked versions
    python3 dev.py test --latest       # the same against the newest versions pyproject.toml allows
    python3 dev.py lint                # ruff and mypy
    python3 dev.py run ARGS...         # any dealerscreen command
    python3 dev.py lock                # refresh requirements/*.txt from pyproject.toml (uses uv)
    python3 dev.py catalog [--check]   # update the translation catalogs (.po, .mo) with Babel

screen, run, test and lint use .venv (DEALERSCREEN_VENV moves it), created on first use and
filled from the lock files in requirements/ (exact versions, checked against their hashes);
it is refilled when a lock file or pyproject.toml changes. `test --latest` uses .venv-latest.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("DEALERSCREEN_VENV", ROOT / ".venv"))
LATEST_VENV = Path(os.environ.get("DEALERSCREEN_LATEST_VENV", ROOT / ".venv-latest"))
TOOLS_VENV = ROOT / ".venv-tools"
LOCKS = ROOT / "requirements"
UV = "uv==0.13.9"  # the tool that writes the lock files; pinned so a refresh is repeatable
PIP = ["-m", "pip", "--disable-pip-version-check"]


def say(text: str) -> None:
    print(f"dev.py: {text}", file=sys.stderr, flush=True)


def bindir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def step(what: str, cmd: list[str]) -> None:
    """Run one set-up command, saying what it does and how long it took."""
    say(f"{what} ...")
    started = time.monotonic()
    if subprocess.call(cmd, cwd=ROOT) != 0:
        sys.exit(f"dev.py: {what}: failed (the command's own words are above)")
    say(f"{what}: done in {time.monotonic() - started:.0f} s")


def create(env: Path) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        sys.exit(f"dealerscreen needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    python = bindir(env) / "python"
    if not python.exists():
        say(f"creating the environment {env}")
        venv.EnvBuilder(with_pip=True).create(env)
    return python


def ensure(lock: str) -> None:
    """.venv holds exactly the versions of requirements/<lock>.txt and dealerscreen itself.

    The project is installed editable without build isolation: its build backend comes
    from the lock too, so nothing unpinned is downloaded.
    """
    python = create(VENV)
    lock_file = LOCKS / f"{lock}.txt"
    stamp = hashlib.sha256(lock_file.read_bytes() + (ROOT / "pyproject.toml").read_bytes())
    marker = VENV / f".installed-{lock}"
    if marker.exists() and marker.read_text() == stamp.hexdigest():
        return
    rel = lock_file.relative_to(ROOT)
    step(
        f"installing the locked versions of {rel} into {VENV}",
        [str(python), *PIP, "install", "--quiet", "--require-hashes", "-r", str(lock_file)],
    )
    step(
        "installing dealerscreen itself (editable)",
        [str(python), *PIP, "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", "."],
    )
    marker.write_text(stamp.hexdigest())


def ensure_latest() -> Path:
    """.venv-latest: the newest releases that pyproject.toml's bounds allow, asked for anew
    on every run, so that an upstream release that breaks the project is seen here first."""
    python = create(LATEST_VENV)
    step(
        f"installing the newest allowed versions into {LATEST_VENV}",
        [
            str(python),
            *PIP,
            "install",
            "--quiet",
            "--upgrade",
            "--upgrade-strategy",
            "eager",
            "-e",
            ".[dev]",
        ],
    )
    return python


def drift(python: Path) -> list[str]:
    """Packages whose installed version differs from the lock: what the newest run tests."""
    locked: dict[str, str] = {}
    for line in (LOCKS / "dev.txt").read_text().splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(";")[0].strip(" \\").split("==")
            locked[name.lower().replace("_", "-")] = version
    out = subprocess.run(
        [str(python), *PIP, "list", "--format", "freeze"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    changed = []
    for line in out.splitlines():
        if "==" in line:
            name, version = line.split("==")
            key = name.lower().replace("_", "-")
            if key in locked and locked[key] != version:
                changed.append(f"{name} {locked[key]} -> {version}")
    return changed


def run(*cmd: str, env: dict[str, str] | None = None) -> int:
    return subprocess.call(list(cmd), cwd=ROOT, env=env)


def test_env() -> dict[str, str]:
    """A test run writes compiled modules (to the __pycache__ folders git ignores) even
    where PYTHONDONTWRITEBYTECODE is set: the suite starts two workers and, for its
    end-to-end tests, many more Pythons, and without them each one compiled every module
    of the project and of the tests it imports again (a worker's collection 5.4 -> 2.9 s of
    CPU once they are there, a `screen` of the samples 0.64 -> 0.53 s)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def lock() -> int:
    python = create(TOOLS_VENV)
    uv = bindir(TOOLS_VENV) / "uv"
    if not uv.exists():
        step(f"installing {UV} into {TOOLS_VENV}", [str(python), *PIP, "install", "--quiet", UV])
    common = ["pip", "compile", "--universal", "--python-version", "3.11", "--generate-hashes"]
    common += ["--quiet", "--custom-compile-command", "python3 dev.py lock"]
    inputs = ["pyproject.toml", "requirements/build.in"]
    step(
        "locking requirements/dev.txt (dealerscreen, its dev tools and its build backend)",
        [str(uv), *common, *inputs, "--extra", "dev", "-o", "requirements/dev.txt", "--upgrade"],
    )
    # The run lock is the dev lock's subset, so one .venv serves `screen` and `test`.
    step(
        "locking requirements/run.txt (within the dev lock)",
        [str(uv), *common, *inputs, "-c", "requirements/dev.txt", "-o", "requirements/run.txt"],
    )
    return 0


def main(argv: list[str]) -> int:
    task, rest = (argv[0], argv[1:]) if argv else ("screen", [])
    if task == "screen":
        ensure("run")
        # the samples with the team's checks of their documents (kept apart from them)
        samples = ["samples/applicants", "--verifications", "samples/verifications.yaml"]
        return run(str(bindir(VENV) / "dealerscreen"), "screen", *(rest or samples))
    if task == "run":
        ensure("run")
        return run(str(bindir(VENV) / "dealerscreen"), *rest)
    if task == "test" and "--latest" in rest:
        rest.remove("--latest")
        python = ensure_latest()
        changed = drift(python)
        if not changed:  # the very versions the locked run tests: running again adds nothing
            say(
                "newest versions, where they differ from the lock: none (the locked run tests them)"
            )
            return 0
        say("newest versions, where they differ from the lock: " + ", ".join(changed))
        return run(str(python), "-m", "pytest", *rest, env=test_env())
    if task == "test":
        ensure("dev")
        return run(str(bindir(VENV) / "python"), "-m", "pytest", *rest, env=test_env())
    if task == "lint":
        ensure("dev")
        tools = bindir(VENV)
        return (
            run(str(tools / "ruff"), "check", "src", "tests", "benchmarks", "dev.py")
            or run(str(tools / "ruff"), "format", "--check", "src", "tests", "benchmarks", "dev.py")
            or run(str(tools / "mypy"))
        )
    if task == "lock":
        return lock()
    if task == "catalog":  # scripts/catalog.py says what it does
        ensure("dev")
        return run(str(bindir(VENV) / "python"), "scripts/catalog.py", *rest)
    if task == "clean":
        for env in (VENV, LATEST_VENV, TOOLS_VENV):
            shutil.rmtree(env, ignore_errors=True)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
