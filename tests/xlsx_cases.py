"""The hostile XLSX workbooks of tests/cases/batch-files, made rather than hand-written.

    python -m tests.xlsx_cases    # writes them into tests/cases/batch-files/

Each is a small workbook with the corpus mapping's headers (`.mapping.yaml`) and one
fault an exporter or an attacker puts there: a stale <dimension> tag, formulas without
saved values, merged cells, TRUE in a number column, shared strings that unpack to far
more than the file, a zip that declares less than it holds, more shared strings than are
read (written part by part, as an attacker writes them: `parts_workbook`).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
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


_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Shared:
    """A cell that holds the shared string of this index."""

    index: int


def _cell(ref: str, value: Any) -> str:
    if isinstance(value, Shared):
        return f'<c r="{ref}" t="s"><v>{value.index}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def parts_workbook(
    rows: list[list[Any]],
    strings: bytes | None = None,
    extra: dict[str, tuple[str, bytes]] | None = None,
) -> bytes:
    """A workbook written part by part: one sheet of `rows` (numbers, inline text, or
    `Shared` strings), the shared strings part `strings` (the
    whole XML, or None for none), and `extra` parts (name -> (content type, bytes)),
    each deflated at the highest level, as a small file that unpacks to much is made."""
    sheet = "".join(
        f'<row r="{r}">'
        + "".join(_cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row) if v is not None)
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    parts = {
        "xl/workbook.xml": (
            _TYPES + "sheet.main+xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS[:-1]}"><sheets>'
            '<sheet name="Applicants" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode(),
        ),
        "xl/worksheets/sheet1.xml": (
            _TYPES + "worksheet+xml",
            f'<worksheet xmlns="{_MAIN}"><sheetData>{sheet}</sheetData></worksheet>'.encode(),
        ),
        **({"xl/sharedStrings.xml": (_TYPES + "sharedStrings+xml", strings)} if strings else {}),
        **(extra or {}),
    }
    rels = '<Relationship Id="rId1" Type="{0}worksheet" Target="worksheets/sheet1.xml"/>'
    types = "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, (t, _) in parts.items())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{types}'
            "</Types>",
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + rels.format(_RELS)
            + "</Relationships>",
        )
        for name, (_kind, body) in parts.items():
            book.writestr(name, body)
    return out.getvalue()


def shared_strings(texts: list[bytes], repeat: int = 1) -> bytes:
    """A shared strings part: `texts` (XML-escaped already), the whole list `repeat` times."""
    items = b"".join(b"<si><t>" + t + b"</t></si>" for t in texts)
    return b'<sst xmlns="' + _MAIN.encode() + b'">' + items * repeat + b"</sst>"


HEADERS_SHARED: list[Any] = [Shared(i) for i in range(len(HEADERS))]


def many_strings() -> bytes:
    """1,100,000 shared strings of one letter in 47 KB: more than are read (the attack:
    27.6 million, 470 MB unpacked from 1.1 MB, 251 s and 2.66 GB for openpyxl). The header
    row's cells are the first nine strings."""
    head = shared_strings([h.encode().replace(b"&", b"&amp;") for h in HEADERS])
    strings = head[: -len(b"</sst>")] + b"<si><t>a</t></si>" * 1_099_991 + b"</sst>"
    return parts_workbook([HEADERS_SHARED, row(1)], strings)


CASES: dict[str, Callable[[], bytes]] = {
    "stale-dimension.xlsx": stale_dimension,
    "formula-no-value.xlsx": formula_no_value,
    "merged-cells.xlsx": merged,
    "true-as-number.xlsx": true_as_number,
    "unpacks-huge.xlsx": bomb,
    "lying-size.xlsx": lying_size,
    "shared-strings-many.xlsx": many_strings,
}


def main() -> None:
    for name, make in CASES.items():
        (CORPUS / name).write_bytes(make())
        print(f"wrote {CORPUS / name}")


if __name__ == "__main__":
    main()
