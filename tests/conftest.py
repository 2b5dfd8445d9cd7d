"""Shared fixtures: run the CLI in-process, and golden files regenerated only on purpose."""

from __future__ import annotations

import functools
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from dealerscreen.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
SOURCE_DATE_EPOCH = "1704153600"  # 2024-01-02T00:00:00Z, the day the 17 cities were announced
# The screening team's checks of the samples' documents, kept apart from the applications:
# the sample reports are made with them (an application cannot verify its own documents).
CHECKS = ("--verifications", "samples/verifications.yaml")


def fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """`code` run by this Python in a process of its own, so that what it imports, builds
    or collects starts from nothing; its output as text (a failure fails the test)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)


# Started first: the files whose tests take long on the clock, mostly waiting on other
# programs (pip installing the published hooks, Chromium, LibreOffice) or deciding by brute
# force. Last in file order, one of them could still run alone at the end of a parallel
# run while the other worker had nothing left; first, the short tests fill in around them.
FIRST = (  # the longest first
    "test_precommit.py",
    "test_html_browser.py",
    "test_whatif_kinds.py",
    "test_workbook_summary.py",
    "test_letters_docx.py",
)


MEMORY_TEMP = "/dev/shm"
MEMORY_TEMP_FREE = 1 << 30  # the suite's files at once are a few MB; a small one is not used


def pytest_configure(config: pytest.Config) -> None:
    """Temporary files in memory, where the system has a large enough memory-backed
    folder and the developer named no TMPDIR: before pytest makes its temporary folder
    (lazily, after this) and starts the workers, which inherit it with the commands the
    tests start. `_no_fsync` cannot reach SQLite's own syncs, of the parse cache and the
    programme record that many tests create anew: about 4,900 a run, 3-4 ms each on a
    disk (a core idle while its worker waits), none on tmpfs, where writing and deleting
    the files costs less system time too."""
    if "TMPDIR" in os.environ or not os.path.isdir(MEMORY_TEMP):
        return
    try:
        roomy = shutil.disk_usage(MEMORY_TEMP).free >= MEMORY_TEMP_FREE
    except OSError:
        return
    if roomy and os.access(MEMORY_TEMP, os.W_OK | os.X_OK):
        os.environ["TMPDIR"] = MEMORY_TEMP
        tempfile.tempdir = None  # read TMPDIR again


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def place(item: pytest.Item) -> int:
        name = item.path.name
        return FIRST.index(name) if name in FIRST else len(FIRST)

    items.sort(key=place)  # stable: the tests of a file in their order, the rest in file order


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files from the current output (do it on purpose, then review the diff).",
    )


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = b""  # what a binary report (xlsx) wrote

    def __str__(self) -> str:  # shown when an assertion fails
        return f"exit={self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


class OneBuildRunner(CliRunner):
    """typer's test runner, with the command (click's, made from the app's functions and
    their signatures) built once: building it again for every run, as typer's runner does,
    makes the same command each time and costs more than a small run itself."""

    def invoke(
        self, app: typer.Typer, args: str | Sequence[str] | None = None, **kwargs: Any
    ) -> Any:
        with mock.patch.object(typer.testing, "_get_command", _built):
            return super().invoke(app, args, **kwargs)


@functools.cache
def _built(app: typer.Typer) -> Any:
    return typer.main.get_command(app)


@pytest.fixture(scope="session")
def _own_folders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("own")


_SERIAL = itertools.count()
_FOLDERS = ("DEALERSCREEN_CACHE_DIR", "cache"), ("DEALERSCREEN_STATE_DIR", "state")


@pytest.fixture(scope="session", autouse=True)
def _session_cache(_own_folders: Path) -> Iterator[None]:
    """The folders a module's or the session's fixture screens with: they are made before
    any test's own (`_own_cache`), and without these they used the user's parse cache."""
    with pytest.MonkeyPatch.context() as env:
        for var, name in _FOLDERS:
            folder = _own_folders / f"{name}-session"
            folder.mkdir()
            env.setenv(var, str(folder))
        yield


@pytest.fixture(scope="session", autouse=True)
def _no_fsync() -> Iterator[None]:
    """Files the tests write are not forced to the disk: each `fsync` waited about a
    millisecond on the disk, some 2,500 of them a run, and no test can see whether a file
    reached the platters (test_safety checks the order of `fsync` and the rename with
    stand-ins of its own). Commands a test starts as processes of their own still sync."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


@pytest.fixture(autouse=True)
def _own_cache(_own_folders: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never read or write the user's parse cache (nor put one in their tmp_path), nor
    the secret that seals its entries: each test has new empty folders of its own.

    Numbered here, in one folder per test process: `tmp_path_factory.mktemp` lists the
    whole temporary folder to find its next number, and that folder grew by these two
    for every test run, so each test's set-up cost more than the one before. Named, not
    made: a run makes them when it first writes there, as it makes the user's (most tests
    write none: made for each, 4,000 of the 4,200 a run left stayed empty), and they go
    when the test ends (a cache is made again from its files)."""
    n = next(_SERIAL)
    folders = [_own_folders / f"{name}{n}" for _, name in _FOLDERS]
    for (var, _), folder in zip(_FOLDERS, folders, strict=True):
        monkeypatch.setenv(var, str(folder))
    yield
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language follows the locale when --lang is not given: tests run in an English
    one, whatever the developer's, unless they set another."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    # Reports state their run time: fix it so golden files stay byte-identical.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)

    def run(*args: str) -> CliResult:
        result = OneBuildRunner().invoke(app, list(args), catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)

    return run


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.write_text(actual, encoding="utf-8")
        assert path.exists(), f"no golden file {name}: run pytest --update-golden, then review it"
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, (
            f"{name} differs from the golden file; run pytest --update-golden on purpose"
        )

    return check


@functools.cache
def samples_screened() -> Any:
    from dealerscreen.batch.screening import load_criteria, screen

    return screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")])


@pytest.fixture
def samples_run() -> Any:
    """The shipped samples screened against the default criteria, once per process: for
    tests that only read a run (its results, its words), never change it."""
    return samples_screened()
