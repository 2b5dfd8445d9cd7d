"""`screen -p` places its warnings as the screen of the files does: the file, and the line
and column of the fact (a YAML or JSON file), or the batch file, its row and the fact's
column (CSV, XLSX), or its line (JSON Lines). Intake keeps the places with the submission;
a submission recorded without them (before migration v0006) still screens, its warnings
at its source."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import text

from tests.programme.helpers import SAMPLES, Cli, Made

MAPPING = ("--mapping", "samples/exports/mapping.yaml")
INPUTS = [
    (SAMPLES,),
    ("samples/exports/applicants.csv", *MAPPING),
    ("samples/exports/applicants.xlsx", *MAPPING),
    ("samples/exports/applicants.jsonl",),
]


def _warnings(out: str) -> list[tuple[Any, ...]]:
    said = json.loads(out)["problems"]
    return sorted(
        (p["path"], p["line"], p["column"], p["field"], p["check"], p["message"])
        for p in said
        if p["level"] == "warning"
    )


@pytest.mark.parametrize("given", INPUTS, ids=["files", "csv", "xlsx", "jsonl"])
def test_a_programmes_warnings_are_where_the_files_screen_puts_them(
    made: Made, cli: Cli, given: tuple[str, ...]
) -> None:
    files = cli("screen", *given, "-f", "json")
    assert files.exit_code in (0, 1), files
    wanted = _warnings(files.stdout)
    assert wanted and all(w[1] is not None for w in wanted)  # each has its line
    assert made.run("intake", *given).exit_code == 0
    screened = made.run("screen", "-f", "json")
    assert screened.exit_code in (0, 1), screened
    assert _warnings(screened.stdout) == wanted


def test_a_submission_recorded_without_places_still_screens(made: Made) -> None:
    assert made.run("intake", SAMPLES).exit_code == 0
    engine = made.engine()
    with engine.begin() as conn:  # as a record made before v0006 holds them
        conn.execute(text("UPDATE submissions SET places = NULL"))
    engine.dispose()
    screened = made.run("screen", "-f", "json")
    assert screened.exit_code in (0, 1), screened
    found = _warnings(screened.stdout)
    assert found and all(w[0].startswith(SAMPLES) and w[1] is None for w in found)
