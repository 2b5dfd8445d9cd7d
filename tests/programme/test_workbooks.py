"""`status -f xlsx` and `programme export -f xlsx`, read back with openpyxl: the board's
sheets say what the json status says, in the reader's language; the export holds every row
of every table of the record, field for field as `export -f json` does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dealerscreen.programme.boards import listed
from dealerscreen.words.teamwords import flag_text, say, stage_name
from tests.programme import test_board
from tests.programme.helpers import Made
from tests.programme.test_board import AS_OF, LATE, MOVED, WAITS

acted = test_board.acted  # the same programme and acts as the html board's tests


def rows(path: Path, sheet: str, skip: int = 1) -> list[list[Any]]:
    ws = load_workbook(path)[sheet]  # not read-only: that drops a row's empty last cells
    return [list(r) for r in ws.iter_rows(min_row=skip + 1, values_only=True)]


def test_the_status_workbook_says_what_the_status_says(acted: Made, tmp_path: Path) -> None:
    book = tmp_path / "status.xlsx"
    result = acted.run("status", "-f", "xlsx", "--as-of", AS_OF, "--lang", "zh", "-o", str(book))
    assert result.exit_code == 0, result
    found = json.loads(acted.run("status", "-f", "json", "--as-of", AS_OF).stdout)
    titles = [say(k, "zh") for k in ("status.html-pipeline", "status.waiting", "status.applicants")]
    assert load_workbook(book, read_only=True).sheetnames == titles
    pipeline = rows(book, titles[0], skip=1)
    assert pipeline[0][1:-1] == [stage_name(s, "zh") for s in found["stages"]]
    counted = {r[0]: r[1:] for r in pipeline[1:-1]}
    assert len(counted) == len(found["pipeline"])
    assert pipeline[-1][0] == say("status.total", "zh")
    assert pipeline[-1][-1] == found["total"]
    waiting = {(r[0], r[1]) for r in rows(book, titles[1])}
    assert (say("waiting.overdue_requests", "zh"), LATE) in waiting
    assert (say("waiting.overrides_awaiting_approval", "zh"), WAITS) in waiting
    assert len(waiting) == sum(len(ids) for ids in found["waiting"].values())
    said = rows(book, titles[2], skip=0)
    assert said[0][0] == listed(found, "zh")  # which applicants the sheet lists, above them
    applicants = {r[0]: r for r in said[2:]}
    assert list(applicants) == [a["applicant_id"] for a in found["applicants"]]
    assert applicants[MOVED][3] == stage_name("due-diligence", "zh")
    late = {"flag": "request-overdue", "act": 3, "due": "2030-01-31"}
    assert flag_text(late, "zh") in applicants[LATE][5]


def test_the_status_workbook_is_the_same_bytes_for_the_same_date(
    acted: Made, tmp_path: Path
) -> None:
    made = []
    for name in ("a.xlsx", "b.xlsx"):
        acted.run("status", "-f", "xlsx", "--as-of", AS_OF, "-o", str(tmp_path / name))
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]


def _cell(value: Any) -> Any:
    return (
        json.dumps(value, ensure_ascii=False, sort_keys=True)
        if isinstance(value, dict | list)
        else value
    )


@pytest.mark.parametrize("table", ["runs", "criteria", "submissions", "decisions", "acts"])
def test_the_export_workbook_holds_every_row_of_the_record(
    acted: Made, tmp_path: Path, table: str
) -> None:
    book = tmp_path / "record.xlsx"
    assert acted.run("programme", "export", "-f", "xlsx", "-o", str(book)).exit_code == 0
    record = json.loads(acted.run("programme", "export").stdout)
    read = rows(book, table, skip=0)
    names, got = read[0], read[1:]
    want = [[_cell(r.get(n)) for n in names] for r in record[table]]
    assert got == want
    assert set(names) == {k for r in record[table] for k in r}
    settings = dict((r[0], r[1]) for r in rows(book, "programme"))
    assert settings["title"] == record["programme"]["title"]
