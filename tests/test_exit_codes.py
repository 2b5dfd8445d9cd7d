"""The README's exit-code table, enforced: every command is run to every code the table
gives it, and to no other (a code a command can end in but the table does not name fails).

Each row runs the real entry point (`dealerscreen.cli.app.main`) in-process, as a shell would:
click's usage errors, the Ctrl-C handler and the last-resort internal-error line included.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import typer

import dealerscreen.cli.app as cli_module
import dealerscreen.cli.channel as cli_channel
import dealerscreen.cli.criteria_cmds as cli_criteria
from dealerscreen.cli.app import app, main
from dealerscreen.models.problems import ExitCode
from tests.conftest import ROOT, SOURCE_DATE_EPOCH

README = ROOT / "README.md"
SAMPLE = "samples/applicants/suzhou-jiangnan-huatong.yaml"
INVALID_CRITERIA = "tests/cases/criteria-invalid/points-sum.yaml"
BASE = "criteria/xiaomi-2s-2024.yaml"
EDITED = "criteria/xiaomi-2s-2025-expansion.yaml"  # a real edit of the base: Hangzhou's applicant
NO_DIR = "{tmp}/no/such/folder/out.txt"  # an --output that cannot be written
INVALID_CHECKS = "tests/cases/exit-codes/invalid-verifications.yaml"

# The programme commands: a record in {tmp} holding SAMPLE's applicant and an override
# (act 2, by Li) before each run (`run_main`).
PROG = ["-p", "tests/cases/programme", "--db", "sqlite:///{tmp}/record.sqlite"]
SUZ = "XM24-SUZ-001"
PROGRAMME_RUNS: dict[str, list[str]] = {
    "intake": ["intake", SAMPLE, *PROG],
    "verify": ["verify", SUZ, "standing.top100_rank", "--document", "ranking_certificate", *PROG],
    "request": ["request", SUZ, "site.building_area_sqm", "--due", "2030-01-01", *PROG],
    "override": ["override", SUZ, "--to", "reserve", "--reason", "r", *PROG],
    "approve": ["approve", "2", "--by", "Wang", *PROG],
    "stage": ["stage", SUZ, "due-diligence", *PROG],
    "review": ["review", SUZ, "site_visit=5", *PROG],
    "note": ["note", SUZ, "hello", *PROG],
    "status": ["status", *PROG],
    "history": ["history", SUZ, *PROG],
    "programme": ["programme", "check", *PROG],
}

# The same record with its override's act edited by hand (`run_main`); a record that
# cannot be opened.
EDITED_PROG = ["-p", "tests/cases/programme", "--db", "sqlite:///{tmp}/edited.sqlite"]
NO_RECORD = "sqlite:///{tmp}/no/such/folder/record.sqlite"

# (command, code, what it shows, argv). "{tmp}" is an empty temporary folder.
RUNS: list[tuple[str, int, str, list[str]]] = [
    *((c, 0, "programme", argv) for c, argv in PROGRAMME_RUNS.items()),
    *(
        (c, 2, "no programme", [*argv[: argv.index("-p")], "-p", "{tmp}"])
        for c, argv in PROGRAMME_RUNS.items()
    ),
    *(
        (c, 3, "record cannot be opened", [*argv[: argv.index("--db")], "--db", NO_RECORD])
        for c, argv in PROGRAMME_RUNS.items()
    ),
    ("programme", 1, "a hand edit", ["programme", "check", *EDITED_PROG]),
    ("stage", 2, "an illegal move", ["stage", SUZ, "contract", *PROG]),
    ("override", 2, "no reason", ["override", SUZ, "--to", "reserve", *PROG]),
    (
        "request",
        2,
        "not a date",
        ["request", SUZ, "site.building_area_sqm", "--due", "1/2/30", *PROG],
    ),
    (
        "verify",
        2,
        "unknown id",
        ["verify", "NO-SUCH", "standing.top100_rank", "--document", "ranking_certificate", *PROG],
    ),
    ("letters", 2, "--unsent of files", ["letters", SAMPLE, "-o", "{tmp}/l", "--unsent"]),
    ("intake", 1, "invalid applicants", ["intake", "samples/invalid", *PROG]),
    # 0: ok
    ("screen", 0, "samples", ["screen", "samples/applicants"]),
    ("explain", 0, "a sample", ["explain", SAMPLE]),
    ("sensitivity", 0, "samples", ["sensitivity", "samples/applicants"]),
    ("profiles", 0, "list", ["profiles"]),
    ("validate", 0, "shipped", ["validate", "--strict"]),
    ("test", 0, "shipped", ["test"]),
    ("diff", 0, "same criteria", ["diff", "samples/applicants", "--base", BASE]),
    ("schema", 0, "applicant", ["schema", "applicant"]),
    ("letters", 0, "samples", ["letters", "samples/applicants", "-o", "{tmp}/letters"]),
    ("template", 0, "xlsx form", ["template", "-o", "{tmp}/form.xlsx"]),
    # 1: findings
    ("screen", 1, "invalid applicants", ["screen", "samples/invalid"]),
    ("explain", 1, "no such id", ["explain", "--id", "NO-SUCH-ID", "samples/applicants"]),
    ("sensitivity", 1, "invalid applicants", ["sensitivity", "samples/invalid"]),
    ("letters", 1, "invalid applicants", ["letters", "samples/invalid", "-o", "{tmp}/letters"]),
    ("validate", 1, "problems", ["validate", "tests/cases/validate/band-overlap.yaml"]),
    (
        "validate",
        1,
        "strict warning",
        ["validate", "--strict", "tests/cases/validate/band-gap.yaml"],
    ),
    ("test", 1, "failed cases", ["test", "tests/cases/outcomes/failing.yaml"]),
    (
        "test",
        1,
        "coverage below minimum",
        ["test", "tests/cases/outcomes/partial.yaml", "--coverage", "--min-coverage", "90"],
    ),
    (
        "test",
        1,
        "mutation score below minimum",
        ["test", "tests/cases/outcomes/partial.yaml", "--mutate", "--min-killed", "90"],
    ),
    (
        "diff",
        1,
        "--fail-on",
        [
            "diff",
            "samples/applicants",
            "--base",
            BASE,
            "-c",
            EDITED,
            "--fail-on",
            "eligibility-change",
        ],
    ),
    # 2: usage
    ("screen", 2, "missing path", ["screen", "samples/nope"]),
    ("screen", 2, "unknown profile", ["screen", "samples/applicants", "-c", "no-such-profile"]),
    ("screen", 2, "missing criteria file", ["screen", "samples/applicants", "-c", "nope.yaml"]),
    ("screen", 2, "missing mapping", ["screen", "samples/applicants", "--mapping", "nope.yaml"]),
    ("explain", 2, "missing path", ["explain", "samples/nope.yaml"]),
    ("explain", 2, "unknown profile", ["explain", SAMPLE, "-c", "no-such-profile"]),
    ("sensitivity", 2, "missing path", ["sensitivity", "samples/nope"]),
    ("profiles", 2, "unknown option", ["profiles", "--all"]),
    ("validate", 2, "missing path", ["validate", "no/such/folder"]),
    ("validate", 2, "nothing to validate", ["validate", "{tmp}"]),
    ("validate", 2, "only case files", ["validate", "criteria/tests"]),
    ("test", 2, "missing path", ["test", "no/such/folder"]),
    ("test", 2, "no case file", ["test", "{tmp}"]),
    ("test", 2, "unknown format", ["test", "--format", "tap"]),
    ("diff", 2, "unknown profile", ["diff", "samples/applicants", "--base", "no-such-profile"]),
    (
        "diff",
        2,
        "unknown revision",
        ["diff", "samples/applicants", "--base", f"no-such-rev:{BASE}"],
    ),
    ("diff", 2, "missing path", ["diff", "samples/nope", "--base", BASE]),
    ("schema", 2, "unknown name", ["schema", "nope"]),
    ("letters", 2, "missing path", ["letters", "samples/nope", "-o", "{tmp}/letters"]),
    ("screen", 2, "missing verifications", ["screen", SAMPLE, "--verifications", "nope.yaml"]),
    ("template", 2, "unknown format", ["template", "-f", "pdf"]),
    # 3: fatal
    ("screen", 3, "invalid criteria", ["screen", "samples/applicants", "-c", INVALID_CRITERIA]),
    ("explain", 3, "invalid criteria", ["explain", SAMPLE, "-c", INVALID_CRITERIA]),
    ("explain", 3, "invalid verifications", ["explain", SAMPLE, "--verifications", INVALID_CHECKS]),
    (
        "sensitivity",
        3,
        "invalid criteria",
        ["sensitivity", "samples/applicants", "-c", INVALID_CRITERIA],
    ),
    ("validate", 3, "output not writable", ["validate", "-o", NO_DIR]),
    ("test", 3, "invalid profile", ["test", "tests/cases/exit-codes/invalid-profile.yaml"]),
    ("diff", 3, "invalid base", ["diff", "samples/applicants", "--base", INVALID_CRITERIA]),
    ("schema", 3, "output not writable", ["schema", "applicant", "-o", NO_DIR]),
    (
        "letters",
        3,
        "invalid criteria",
        ["letters", "samples/applicants", "-o", "{tmp}/l", "-c", INVALID_CRITERIA],
    ),
    ("template", 3, "output not writable", ["template", "-o", NO_DIR]),
]
COMMANDS: list[str] = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
# Ctrl-C, for every command: how to run it, and where to interrupt it.
INTERRUPTS = {
    "screen": ["screen", "samples/applicants"],
    "explain": ["explain", SAMPLE],
    "sensitivity": ["sensitivity", "samples/applicants"],
    "profiles": ["profiles"],
    "validate": ["validate"],
    "test": ["test"],
    "diff": ["diff", "samples/applicants", "--base", BASE],
    "schema": ["schema", "applicant"],
    "letters": ["letters", SAMPLE, "-o", "{tmp}/letters"],
    "template": ["template", "-f", "yaml"],
    **PROGRAMME_RUNS,
}

# The commands that write a report to stdout: each ends 141 when its reader is gone.
# (`letters` writes files only.)
# (The programme commands' pipes: their record is made by `run_main`, in-process.)
WRITES_STDOUT = {
    c: argv for c, argv in INTERRUPTS.items() if c != "letters" and c not in PROGRAMME_RUNS
}


def documented() -> dict[int, set[str]]:
    """The README's table: for each code, the commands it names ("all": every one)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    table: dict[int, set[str]] = {}
    for m in re.finditer(r"^\| *(\d+) \|.*\| *([a-z, ]+) *\|$", section, re.M):
        names = {n.strip() for n in m[2].split(",")}
        table[int(m[1])] = set(COMMANDS) if names == {"all"} else names
    return table


def run_main(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, tmp: Path, prepare: bool = True
) -> int:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("DEALERSCREEN_DEBUG", raising=False)
    if prepare and "sqlite:///{tmp}/record.sqlite" in argv:
        _programme_record(tmp)
    if prepare and "sqlite:///{tmp}/edited.sqlite" in argv:
        _programme_record(tmp, "edited.sqlite")
        _hand_edit(tmp / "edited.sqlite")
    monkeypatch.setattr(
        sys, "argv", ["dealerscreen", *(a.replace("{tmp}", str(tmp)) for a in argv)]
    )
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as info:
            main()
    finally:
        signal.signal(signal.SIGINT, previous)
    code = info.value.code
    return 0 if code is None else int(code)


# The record the programme rows start from, made for real once per test process (in a
# folder of its own) and copied for each row: the same two commands every time.
_RECORD: list[Path] = []


def _programme_record(tmp: Path, name: str = "record.sqlite") -> None:
    from typer.testing import CliRunner

    if not _RECORD:
        made = tmp.parent / "exit-codes-record"  # beside the test's tmp_path
        made.mkdir()
        where = [a.replace("{tmp}", str(made)) for a in PROG]
        for argv in (
            ["intake", SAMPLE],
            ["override", SUZ, "--to", "reserve", "--reason", "r", "--by", "Li"],
        ):
            assert CliRunner().invoke(app, [*argv, *where]).exit_code == 0
        _RECORD.append(made)
    for part in sorted(_RECORD[0].glob("record.sqlite*")):  # the database, and its WAL if any
        shutil.copyfile(part, tmp / part.name.replace("record.sqlite", name))


def _hand_edit(path: Path) -> None:
    import sqlite3

    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE acts SET reason = 'edited' WHERE kind = 'override'")


def test_the_table_names_every_code_and_command() -> None:
    table = documented()
    assert sorted(table) == sorted(int(c) for c in ExitCode)
    assert set().union(*table.values()) == set(COMMANDS)


def test_every_documented_pair_is_run_and_no_other() -> None:
    claimed = {(cmd, code) for code, cmds in documented().items() for cmd in cmds}
    run = {(cmd, code) for cmd, code, _, _ in RUNS} | {(c, 130) for c in INTERRUPTS}
    run |= {(c, 143) for c in INTERRUPTS}
    run |= {(c, 141) for c in WRITES_STDOUT}
    assert claimed - run == set(), "documented, never run"
    assert run - claimed == set(), "run, not documented"
    assert set(INTERRUPTS) == set(COMMANDS)


@pytest.mark.parametrize(
    ("command", "code", "argv"),
    [pytest.param(cmd, code, argv, id=f"{cmd}-{code}-{what}") for cmd, code, what, argv in RUNS],
)
def test_exit_code(
    command: str,
    code: int,
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert argv[0] == command
    got = run_main(argv, monkeypatch, tmp_path)
    out, err = capsys.readouterr()
    assert got == code, (
        f"exit {got}, expected {code}\n--- stdout\n{out[-2000:]}\n--- stderr\n{err[-2000:]}"
    )
    assert "Traceback" not in out + err
    if code == ExitCode.USAGE:
        assert out == "", "a usage error reports nothing"
        assert "Error:" in err
    if code == ExitCode.FATAL and command not in ("validate", "schema"):
        assert out == "" or command == "test", "invalid criteria: no report"


@pytest.mark.parametrize("command", sorted(INTERRUPTS))
def test_ctrl_c_exits_130(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def interrupt(*_: Any, **__: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C, delivered to the handler

    monkeypatch.setattr(cli_module, "emit", interrupt)
    monkeypatch.setattr(cli_criteria, "emit", interrupt)
    monkeypatch.setattr(cli_channel, "emit", interrupt)
    monkeypatch.setattr("dealerscreen.reporters.output.write_atomic", interrupt)
    monkeypatch.setattr("dealerscreen.criteria.catalog.list_profiles", interrupt)
    monkeypatch.setattr("dealerscreen.programme.record.open_programme", interrupt)
    assert run_main(INTERRUPTS[command], monkeypatch, tmp_path, False) == ExitCode.INTERRUPTED
    assert capsys.readouterr().err.strip().endswith("dealerscreen: interrupted")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_shallow_clone_is_told_to_fetch_its_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    origin = tmp_path / "origin"
    shutil.copytree(ROOT / "criteria", origin / "criteria")

    def git(*args: str, cwd: Path = origin) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=cwd,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    for n in range(2):
        (origin / "criteria" / "note.txt").write_text(str(n), encoding="utf-8")
        git("add", ".")
        git("commit", "-qm", f"commit {n}")
    git("clone", "-q", "--depth", "1", f"file://{origin}", str(tmp_path / "clone"), cwd=tmp_path)
    clone = tmp_path / "clone"
    monkeypatch.chdir(clone)
    monkeypatch.setattr(
        sys,
        "argv",
        [
            "dealerscreen",
            "diff",
            str(ROOT / "samples/applicants"),
            "--base",
            f"HEAD~1:{BASE}",
            "-c",
            BASE,
        ],
    )
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "unknown revision 'HEAD~1'" in err and "this clone is shallow" in err
    assert "fetch-depth: 0" in err


@pytest.mark.parametrize("command", sorted(INTERRUPTS))
def test_sigterm_exits_143(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def terminate(*_: Any, **__: Any) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # what a process manager sends

    monkeypatch.setattr(cli_module, "emit", terminate)
    monkeypatch.setattr(cli_criteria, "emit", terminate)
    monkeypatch.setattr(cli_channel, "emit", terminate)
    monkeypatch.setattr("dealerscreen.reporters.output.write_atomic", terminate)
    monkeypatch.setattr("dealerscreen.criteria.catalog.list_profiles", terminate)
    monkeypatch.setattr("dealerscreen.programme.record.open_programme", terminate)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        assert run_main(INTERRUPTS[command], monkeypatch, tmp_path, False) == ExitCode.TERMINATED
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert capsys.readouterr().err.strip().endswith("dealerscreen: terminated")


@pytest.mark.parametrize("command", sorted(set(INTERRUPTS) - set(PROGRAMME_RUNS)))
def test_a_reader_that_went_away_ends_quietly_with_141(command: str, tmp_path: Path) -> None:
    """`dealerscreen screen | head`: a pipe whose reader has gone. Exit 141, as for any
    program SIGPIPE ends, with nothing on stderr (no "cannot write", no exit 3 or 1)."""
    argv = [a.replace("{tmp}", str(tmp_path)) for a in INTERRUPTS[command]]
    read_end, write_end = os.pipe()
    os.close(read_end)  # gone before the first byte: every write gets EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from dealerscreen.cli.start import main; main()", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
            check=False,
        )
    finally:
        os.close(write_end)
    if command in WRITES_STDOUT:
        assert done.returncode == ExitCode.CLOSED, done.stderr
        assert "Broken pipe" not in done.stderr and "cannot write" not in done.stderr
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    else:
        assert done.returncode == ExitCode.OK, done.stderr
