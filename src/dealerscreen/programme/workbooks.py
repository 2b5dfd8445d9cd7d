"""The status board and the whole record as XLSX workbooks, through the project's workbook
helper (reporters/workbook.py: streamed, the same bytes for the same record and as-of date).

The status workbook is for people, in the reader's language: the pipeline, what waits on
whom (one row per applicant and reason, so a filter finds them), and every applicant. The
export keeps the record's own table and field names, as `programme export -f json` does:
it is the record itself, one sheet per table, for an auditor or another program.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from dealerscreen.programme.boards import city_names, listed
from dealerscreen.reporters.workbook import Book, Column, parse_stamp
from dealerscreen.words.teamwords import flag_text, say, shown_text, stage_name


def write_status(found: dict[str, Any], lang: str, out: BinaryIO) -> None:
    """Three sheets: the pipeline (cities by stages, with totals), what waits, applicants."""
    title = say("status.title", lang, title=found["programme"])
    book = Book(parse_stamp(found["as_of"]), title)
    city_in, stages = city_names(found, lang), found["stages"]
    word = {k: say("status." + k, lang) for k in ("city", "total", "id", "name", "stage")}
    pipeline = book.sheet(
        say("status.html-pipeline", lang),
        [
            Column(word["city"], 14, fit=True),
            *(Column(stage_name(s, lang), 8) for s in stages),
            Column(word["total"], 8),
        ],
        above=[say("status.as-of", lang, title=found["programme"], as_of=found["as_of"])],
        freeze_columns=1,
    )
    for city, counts in found["pipeline"].items():
        pipeline.append(
            [city_in.get(city, city), *(counts.get(s) for s in stages), sum(counts.values())]
        )
    sums = [sum(c.get(s, 0) for c in found["pipeline"].values()) for s in stages]
    pipeline.append([word["total"], *sums, sum(sums)])
    waiting = book.sheet(
        say("status.waiting", lang),
        [Column(say("status.waiting", lang), 30, fit=True), Column(word["id"], 16)],
    )
    for key, ids in found["waiting"].items():
        for applicant_id in ids:
            waiting.append([say("waiting." + key, lang), applicant_id])
    applicants = book.sheet(
        say("status.applicants", lang),
        [
            Column(word["id"], 16),
            Column(word["name"], 24, fit=True),
            Column(word["city"], 12, fit=True),
            Column(word["stage"], 14, fit=True),
            Column(say("status.decision", lang), 40, wrap=True),
            Column(say("status.flags", lang), 40, wrap=True),
        ],
        above=[listed(found, lang)],  # which applicants: those acted on or waiting, or all
        freeze_columns=1,
    )
    for a in found["applicants"]:
        applicants.append(
            [
                a["applicant_id"],
                a["name"],
                city_in[a["city"]],
                stage_name(a["stage"], lang),
                shown_text(a, lang),
                "\n".join(flag_text(f, lang) for f in a["flags"]),
            ]
        )
    book.save(out)


def _cell(value: Any) -> Any:
    """A field as a cell: numbers and text as they are, structures as JSON text."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


WIDE = {"content", "record", "detail", "problems", "reason", "source", "text"}


def write_export(record: dict[str, Any], stamp: str, out: BinaryIO) -> None:
    """The programme's settings (field, value), then each table of the record in id order,
    one row per row, its columns the record's field names; after the runs, the criteria
    files' text each screening kept, a file to a row (a run's together are longer than a
    cell holds)."""
    book = Book(parse_stamp(stamp), f"{record['programme']['title']}: {record['schema']}")
    settings = book.sheet("programme", [Column("field", 20), Column("value", 60, wrap=True)])
    settings.append(["schema", record["schema"]])
    for key, value in sorted(record["programme"].items()):
        settings.append([key, _cell(value)])
    for table in ("runs", "criteria", "submissions", "decisions", "acts"):
        rows: list[dict[str, Any]] = record[table]
        names = sorted({k for r in rows for k in r}) or ["id"]
        # read as data: one line a row, a long value cut at its cell's border and whole
        # in the cell (wrapped, it spilled over the rows below on screen and on paper)
        sheet = book.sheet(
            table,
            [Column(n, 40 if n in WIDE else 14) for n in names],
            freeze_columns=1,
            tall=False,
            wraps=False,
        )
        for r in rows:
            sheet.append([_cell(r.get(n)) for n in names])
    book.save(out)
