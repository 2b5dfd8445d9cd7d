"""What the tool says when things go wrong (issue #13 items 10, 12 and 18): the right
words, once, at the right place, and never a traceback."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.models.problems import ExitCode, Problem, plain
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
EXPORTS = ROOT / "samples" / "exports"


# --- item 10: problems sort whatever their positions -----------------------------------------


def test_problems_with_and_without_positions_sort() -> None:
    file_level = Problem(
        "a.csv", None, None, "error", plain("cannot read the table"), None, "unreadable"
    )
    at_row = Problem(
        "a.csv", 2, 15, "warning", plain("unknown city"), "target.city", "unknown-name"
    )
    no_column = Problem("a.csv", 2, None, "error", plain("row"), None, "x")
    other = Problem("b.csv", 1, 1, "error", plain("x"), None, "x")
    assert sorted([other, at_row, no_column, file_level]) == [
        file_level,
        no_column,
        at_row,
        other,
    ]
    assert at_row > file_level and max([file_level, at_row]) == at_row


def test_a_row_warning_and_a_record_error_in_one_export(cli: Cli, tmp_path: Path) -> None:
    """A row that warns (an unknown city, at its column), then a record over --max-file-size
    (at its line, without a column): exit 1, not 3. (The record was a file-level error,
    "cannot read the table", while the csv module's own limit on a cell ended the file.)"""
    rows = list(csv.reader((EXPORTS / "applicants.csv").open(encoding="utf-8-sig")))
    row = rows[1][:]
    row[rows[0].index("City")] = "Lhasa"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([rows[0], row])
    path = tmp_path / "export.csv"
    path.write_text(out.getvalue() + '"' + "x" * 200_000 + '"\n', encoding="utf-8")
    mapping = str(EXPORTS / "mapping.yaml")
    result = cli("screen", str(path), "--mapping", mapping, "--max-file-size", "100k")
    assert result.exit_code == ExitCode.INVALID_INPUT, result
    lines = result.stderr.splitlines()
    assert "internal error" not in result.stderr
    assert lines[0].startswith(f"{path}:2:") and "(unknown-name)" in lines[0]
    assert lines[1].startswith(f"{path}:3: [error] line is over the limit of 100,000 bytes")


# --- item 12: a revision's folder may hold links that point out of it -----------------------


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_base_at_a_revision_with_absolute_and_escaping_symlinks(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "criteria", repo / "criteria")
    (repo / "criteria" / "latest.yaml").symlink_to(ROOT / "criteria" / "xiaomi-2s-2024.yaml")
    (repo / "criteria" / "reference" / "up.yaml").symlink_to("../../outside.yaml")
    (repo / "criteria" / "same.yaml").symlink_to("xiaomi-2s-2024.yaml")  # inside: kept

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")
    monkeypatch.chdir(repo)
    samples = str(ROOT / "samples" / "applicants")
    for base in ("HEAD:criteria/xiaomi-2s-2024.yaml", "HEAD:criteria/same.yaml"):
        result = cli("diff", samples, "--base", base, "--criteria", "criteria/xiaomi-2s-2024.yaml")
        assert result.exit_code == ExitCode.OK, result
        assert "0 eligibility change(s), 0 tier change(s)" in result.stdout


# --- item 18: the right words ---------------------------------------------------------------

CORPUS = ROOT / "tests" / "cases" / "applicants-invalid"


def checks_of(cli: Cli, *paths: str) -> str:
    return cli("screen", *paths).stderr


def test_an_integer_key_and_a_string_key_are_not_duplicates(cli: Cli) -> None:
    shown = checks_of(cli, str(CORPUS / "int-and-string-key.yaml"))
    assert "duplicate" not in shown and "unknown field '1'" in shown


def test_a_4300_digit_integer_is_a_number_problem_not_a_duplicate_key(cli: Cli) -> None:
    shown = checks_of(cli, str(CORPUS / "long-integer.json"))
    assert "(number-too-long)" in shown and "duplicate" not in shown


def test_an_excel_date_serial_is_said_in_plain_words(cli: Cli) -> None:
    shown = checks_of(cli, str(CORPUS / "date-serial.yaml"))
    assert "expected a date written as YYYY-MM-DD" in shown and "date serial" in shown
    assert "Datetimes" not in shown and "zero time" not in shown


def test_too_many_values_names_aliases_only_when_there_are_some(tmp_path: Path) -> None:
    from dealerscreen.intake.loading import load_file
    from dealerscreen.yamlsource.base import MAX_NODES

    plain = tmp_path / "plain.yaml"
    plain.write_text("x: [" + "0," * (MAX_NODES + 1) + "]\n", encoding="utf-8")
    (problem,) = load_file(str(plain), max_bytes=10_000_000).problems
    assert problem.check == "too-many-nodes" and "alias" not in problem.text
    assert f"the file holds more than {MAX_NODES:,} values" in problem.text
    (bomb,) = load_file(str(CORPUS / "billion-laughs.yaml")).problems
    assert "(aliases)" in bomb.text


def test_a_revision_that_looks_like_an_option_is_refused_in_our_words(cli: Cli) -> None:
    samples = str(ROOT / "samples" / "applicants")
    for base in ("--output=..:criteria/xiaomi-2s-2024.yaml", "-x:criteria/xiaomi-2s-2024.yaml"):
        result = cli("diff", samples, f"--base={base}")
        assert result.exit_code == ExitCode.FATAL, result
        rev = base.split(":")[0]
        assert f"'{rev}' is not a revision: a revision never starts with '-'" in result.stderr
        assert "usage" not in result.stderr and "--path" not in result.stderr


# --- item 18: Ctrl-C and SIGTERM --------------------------------------------------------------

SIGNALLING = """
    import os, signal, sys
    import dealerscreen.intake.loading as loading
    real, calls, parent = loading.load_file, [], os.getpid()
    sig, where = sys.argv[1], sys.argv[2]
    def load_file(*args, **kwargs):
        calls.append(1)
        if len(calls) == 5 and (os.getpid() != parent) == (where == "worker"):
            if sig == "INT":  # Ctrl-C: the terminal signals the whole group
                os.killpg(os.getpgrp(), signal.SIGINT)
            else:
                os.kill(parent, signal.SIGTERM)
        return real(*args, **kwargs)
    loading.load_file = load_file
    from dealerscreen.cli.app import main
    sys.argv = ["dealerscreen", "screen", *sys.argv[3:]]
    main()
"""


def signalled(tmp_path: Path, sig: str, where: str, *args: str) -> subprocess.CompletedProcess[str]:
    from tests.batch import write_batch

    write_batch(tmp_path / "in", good=60, broken=0)
    (tmp_path / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "NO_COLOR": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(SIGNALLING),
            sig,
            where,
            str(tmp_path / "in"),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        start_new_session=True,  # a process group of its own, as a terminal gives a command
    )


def test_ctrl_c_with_workers_says_interrupted_once(tmp_path: Path) -> None:
    done = signalled(tmp_path, "INT", "worker", "--jobs", "2", "--no-cache")
    assert done.returncode == ExitCode.INTERRUPTED, done.stderr
    assert done.stderr == "dealerscreen: interrupted\n"
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_removes_temporary_folders(tmp_path: Path, jobs: str) -> None:
    where = "parent" if jobs == "1" else "worker"
    done = signalled(tmp_path, "TERM", where, "--jobs", jobs, "--no-cache")
    assert done.returncode == ExitCode.TERMINATED, done.stderr
    assert done.stderr == "dealerscreen: terminated\n"
    assert list((tmp_path / "tmp").iterdir()) == []


def test_csv_problems_name_the_line_when_cells_hold_line_breaks(cli: Cli, tmp_path: Path) -> None:
    rows = list(csv.reader((EXPORTS / "applicants.csv").open(encoding="utf-8-sig")))
    header = rows[0]
    first, second = rows[1][:], rows[2][:]
    first[header.index("Site address")] = "No. 66 Suhong West Road,\nSuzhou Industrial Park"
    second[header.index("Building sqm")] = "lots"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, first, second])
    path = tmp_path / "export.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    assert out.getvalue().splitlines()[3].startswith(second[0])  # the second record: line 4
    result = cli("screen", str(path), "--mapping", str(EXPORTS / "mapping.yaml"))
    assert result.exit_code == ExitCode.INVALID_INPUT, result
    column = header.index("Building sqm") + 1
    assert f"{path}:4:{column}: [error]" in result.stderr, result
