"""The team's acts shown wherever a programme's decision shows (screen reports, explain),
history in the order things happened, and the programme commands in Chinese."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.englishcheck import english_runs
from tests.programme.helpers import SAMPLES, Made
from tests.test_chinese_throughout import NAMES  # the inputs' own names and words

TIE = "XM24-SUZ-002"
REASON = "runner-up of a tie"


@pytest.fixture
def overridden(made: Made, monkeypatch: pytest.MonkeyPatch) -> Made:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1706000000")  # every event at one time
    made.replay(
        ("intake", SAMPLES),
        ("screen", "-f", "json"),
        ("override", TIE, "--to", "shortlisted", "--reason", REASON, "--by", "Li"),
        ("approve", "3", "--by", "Wang"),
    )
    return made


def test_a_programme_report_shows_the_override_beside_the_decision(overridden: Made) -> None:
    report = json.loads(overridden.run("screen", "-f", "json").stdout)
    mine = next(r for r in report["results"] if r["applicant_id"] == TIE)
    assert mine["team"]["shown"] == "shortlisted" and mine["team"]["computed"] == "reserve"
    assert mine["team"]["override"]["by"] == "Li" and mine["team"]["override"]["reason"] == REASON
    said = f"override 3 by Li to shortlisted: {REASON} (approved by Wang)"
    for fmt in ("table", "markdown", "html"):
        out = overridden.run("screen", "-f", fmt)
        assert said in out.stdout.replace("\n      ", " "), fmt
    files = overridden._cli("screen", SAMPLES, "-f", "json")  # a report of files: no team
    assert all("team" not in r for r in json.loads(files.stdout)["results"])


def test_a_programme_workbook_shows_the_override_beside_the_decision(
    overridden: Made, tmp_path: Path
) -> None:
    """The workbook says what the other reports (and the letter) say: the decision that
    holds beside the computed one, with the override's author and reason."""
    import openpyxl

    path = tmp_path / "report.xlsx"
    assert overridden.run("screen", "-f", "xlsx", "-o", str(path)).exit_code == 0
    book = openpyxl.load_workbook(path, read_only=True)
    assert "The team's acts" in book.sheetnames
    rows = [r for r in book["The team's acts"].iter_rows(values_only=True) if r[0] == TIE]
    assert len(rows) == 1 and rows[0][2:4] == ("shortlisted", "reserve"), rows
    assert f"override 3 by Li to shortlisted: {REASON} (approved by Wang)" in str(rows[0][4])
    files = tmp_path / "files.xlsx"  # a report of files: no such sheet
    assert overridden._cli("screen", SAMPLES, "-f", "xlsx", "-o", str(files)).exit_code == 0
    assert "The team's acts" not in openpyxl.load_workbook(files, read_only=True).sheetnames


def test_explain_of_a_programme_shows_the_override(overridden: Made) -> None:
    out = overridden.run("explain", "--id", TIE)
    assert out.exit_code == 0, out
    assert f"override 3 by Li to shortlisted: {REASON}" in out.stdout
    assert overridden.run("explain", "--id", "NO-SUCH").exit_code == 2


def test_history_keeps_the_order_of_events_of_one_time(overridden: Made) -> None:
    assert overridden.run("screen", "-f", "json").exit_code == 0  # after the acts
    events = json.loads(overridden.run("history", TIE, "-f", "json").stdout)
    assert len({e["at"] for e in events}) == 1
    kinds = [e["event"] for e in events]
    assert kinds == ["submission", "decision", "override", "approve", "decision"], kinds


def test_the_programme_commands_in_chinese(overridden: Made) -> None:
    names = NAMES | {REASON, "Li", "Wang", overridden.folder.name}
    for argv in (
        ["status"],
        ["status", "-f", "html"],
        ["history", TIE],
        ["explain", "--id", TIE],
        ["stage", TIE, "contract"],
        ["note", "NO-SUCH", "x"],
        ["programme", "check"],
    ):
        out = overridden.run(*argv, "--lang", "zh")
        # the usage synopsis names the arguments as typed (ID STAGE): identifiers
        text = "".join(x for x in (out.stdout + out.stderr).splitlines(True) if "用法：" not in x)
        assert english_runs(text, names) == [], (argv, english_runs(text, names))
        assert "签约" in text or argv[0] != "stage"
    board = overridden.run("status", "--lang", "zh").stdout
    assert "初筛" in board and "苏州" in board
