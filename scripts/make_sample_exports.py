"""Write samples/exports/ from samples/applicants/: the same applicants as a JSON Lines
file, a CSV export and an XLSX export (columns from samples/exports/mapping.yaml).

    python scripts/make_sample_exports.py

Tests check that each screens with the same results as the YAML files; re-run this after
changing the samples and commit the outputs. The XLSX carries fixed document dates so
that it is byte-stable.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dealerscreen.intake.loading import load_batch  # noqa: E402
from dealerscreen.intake.mapping import load_mapping  # noqa: E402

OUT = ROOT / "samples" / "exports"


def cell(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def main() -> None:
    mapping = load_mapping(str(OUT / "mapping.yaml"))
    intake = load_batch([str(ROOT / "samples" / "applicants")])
    applicants = [x.applicant for x in intake.loaded if x.applicant is not None]
    headers = [c.header for c in mapping.columns]
    rows = []
    for a in applicants:
        data = a.model_dump(mode="json", exclude_defaults=True)
        rows.append([cell(data, c.path) for c in mapping.columns])

    with open(OUT / "applicants.jsonl", "w", encoding="utf-8") as fh:
        for a in applicants:
            fh.write(
                json.dumps(a.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False)
                + "\n"
            )

    def text(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "yes" if v else "no"
        return str(v)

    with open(OUT / "applicants.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows([[text(v) for v in row] for row in rows])

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Applications"
    sheet.append(headers)
    for row in rows:
        values: list[Any] = []
        for column, v in zip(mapping.columns, row, strict=True):
            if column.type == "date" and isinstance(v, str):
                v = dt.date.fromisoformat(v)  # a real date cell, as spreadsheets store them
            elif isinstance(v, bool):
                v = "是" if v else "否"  # yes/no as a Chinese team types them
            values.append(v)
        sheet.append(values)
    fixed = dt.datetime(2024, 1, 1)
    book.properties.created = fixed
    book.properties.modified = fixed
    book.save(OUT / "applicants.xlsx")
    print(f"wrote {len(rows)} applicants to {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
