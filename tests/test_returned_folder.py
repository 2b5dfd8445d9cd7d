"""A folder of returned forms and exports is read as the same files given one by one (#24).

A team saves the forms dealers send back into one folder and screens the folder: the
workbooks, CSV and JSON Lines files in it are read exactly as when each is named, and the
lock file Excel leaves beside an open workbook is skipped, said, and counted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from tests.conftest import ROOT

FORMS = ROOT / "tests" / "cases" / "forms"
EXPORTS = ROOT / "samples" / "exports"

FOLDERS = {
    # (files copied into the folder, the team's mapping or None)
    "forms and json lines": (
        [
            FORMS / "filled-in-order.xlsx",
            FORMS / "filled-as-typed.xlsx",
            EXPORTS / "applicants.jsonl",
        ],
        None,
    ),
    "a csv export": ([EXPORTS / "applicants.csv"], str(EXPORTS / "mapping.yaml")),
}


def _outcome(paths: list[str], mapping: str | None) -> tuple[dict[str, int], list[str], list[str]]:
    run = screen(load_criteria("xiaomi-2s-2024"), paths, options=BatchOptions(mapping=mapping))
    ids = sorted(r.evaluation.applicant_id for r in run.results)
    problems = sorted(
        f"{Path(p.path).name}:{p.line}:{p.column}:{p.check}" for p in run.intake.problems
    )
    return run.counts(), ids, problems


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_a_folder_reads_what_its_files_would_give(tmp_path: Path, name: str) -> None:
    files, mapping = FOLDERS[name]
    folder = tmp_path / "returned"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    (folder / f"~${files[0].name}").write_bytes(b"\x0bEXCEL LOCK")  # Excel's owner file
    (folder / "notes.txt").write_text("call back on Monday\n", encoding="utf-8")
    given = [str(folder / f.name) for f in files]

    alone, alone_ids, alone_problems = _outcome(given, mapping)
    counts, ids, problems = _outcome([str(folder)], mapping)

    assert alone["screened"] > 0 and ids == alone_ids
    assert problems == alone_problems
    assert (counts["screened"], counts["invalid"]) == (alone["screened"], alone["invalid"])
    assert counts["skipped"] == alone["skipped"] + 2  # the lock file and the notes
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]


def test_the_lock_file_and_other_files_are_said_why_they_are_skipped(tmp_path: Path) -> None:
    shutil.copy(FORMS / "filled-in-order.xlsx", tmp_path / "a.xlsx")
    (tmp_path / "~$a.xlsx").write_bytes(b"\x0bEXCEL LOCK")
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    run = screen(load_criteria("xiaomi-2s-2024"), [str(tmp_path)], options=BatchOptions())
    why = {Path(s.path).name: s.why for s in run.intake.skipped}
    assert "lock file" in why["~$a.xlsx"].english()
    assert ".csv or .xlsx" in why["notes.txt"].english()
