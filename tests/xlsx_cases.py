"""The hostile XLSX workbooks of tests/cases/batch-files, made rather than hand-written.

    python -m tests.xlsx_cases    # writes them into tests/cases/batch-files/

Each is a small workbook with the corpus mapping's headers (`.mapping.yaml`) and one
fault an exporter or an attacker puts there: a stale <dimension> tag, formulas without
saved values, merged cells, TRUE in a number column, shared strings that unpack to far
more than the file, a zip that declares less than it holds.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEADERS = [
    "Application no.",
    "Legal name",
    "Applicant type",
    "Top-100 rank",
    "City",
    "Store format",
    "Building sqm",
    "Parking spaces",
    "Revenue RMB m",
]
NAMES = {"Top_100_rank": "Top-100 rank"}
CORPUS = Path(__file__).parent / "cases" / "batch-files"


def row(i: int, **cells: Any) -> list[Any]:
    values = {
        "Application no.": f"XM24-XLSX-{i:03d}",
        "Legal name": f"Workbook Motors {i}",
        "Applicant type": "regional_merchant",
        "City": "Suzhou",
        "Store format": "2S",
        "Building sqm": 3000,
        "Parking spaces": 40,
        "Revenue RMB m": 250,
    }
    values.update({NAMES.get(k, k.replace("_", " ")): v for k, v in cells.items()})
    return [values.get(h) for h in HEADERS]


def workbook(rows: list[list[Any]], edit: Callable[[Any], None] | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Applicants"
    sheet.append(HEADERS)
    for r in rows:
        sheet.append(r)
    if edit is not None:
        edit(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook with one part's bytes changed (the others copied as they are)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == part:
                body = change(body)
            dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def stale_dimension() -> bytes:
    """Five rows, a <dimension> that says one: openpyxl read-only stopped at it."""
    data = workbook([row(i) for i in range(1, 6)])
    return rewrite(
        data,
        "xl/worksheets/sheet1.xml",
        lambda b: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C2"', b),
    )


def formula_no_value() -> bytes:
    """Formulas as a program that does not compute them writes them: no cached value."""
    return workbook([row(1), row(2, Building_sqm="=60*50"), row(3, Parking_spaces="=SUM(1,2)")])


def merged() -> bytes:
    """Rows 3 and 4 share a merged City cell with row 2: their city reads as empty."""

    def merge(sheet: Any) -> None:
        sheet.merge_cells("E2:E4")

    return workbook([row(1), row(2), row(3), row(4)], merge)


def true_as_number() -> bytes:
    """A spreadsheet TRUE in a number column is not 1."""
    return workbook([row(1), row(2, Parking_spaces=True), row(3, Top_100_rank=True)])


def bomb() -> bytes:
    """A sheet that unpacks to 2 MB from a file of a few KB (the attack: shared strings of
    1 GB from 2 MB, 19 s and 1.2 GB to read); the case's limit is 1M."""
    filler = b"<!-- " + b"A" * 2_000_000 + b" --></worksheet>"
    data = workbook([row(1)])
    return rewrite(data, "xl/worksheets/sheet1.xml", lambda b: b.replace(b"</worksheet>", filler))


def lying_size() -> bytes:
    """A zip whose directory says the sheet unpacks to 100 bytes while it holds more."""
    data = workbook([row(i) for i in range(1, 4)])
    name = b"xl/worksheets/sheet1.xml"
    out = bytearray(data)
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while (at := out.find(signature, at)) != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", out, at + size_at, 100)
            at += 4
    return bytes(out)


CASES: dict[str, Callable[[], bytes]] = {
    "stale-dimension.xlsx": stale_dimension,
    "formula-no-value.xlsx": formula_no_value,
    "merged-cells.xlsx": merged,
    "true-as-number.xlsx": true_as_number,
    "unpacks-huge.xlsx": bomb,
    "lying-size.xlsx": lying_size,
}


def main() -> None:
    for name, make in CASES.items():
        (CORPUS / name).write_bytes(make())
        print(f"wrote {CORPUS / name}")


if __name__ == "__main__":
    main()
