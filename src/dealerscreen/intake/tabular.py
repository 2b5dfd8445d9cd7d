"""Spreadsheet exports, CSV and XLSX: one applicant per row, columns named by a mapping.

The first row holds the headers. Each later row becomes one `Record` whose data is the
applicant's fields, built through the mapping (see `dealerscreen.intake.mapping`); a cell
that cannot be read as its type is a problem at its row and column, and the other rows
go on. openpyxl is imported only when an XLSX file is read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import Any

from dealerscreen.intake import Record
from dealerscreen.intake.mapping import EMBEDDED_SHEET, CellError, Mapping, parse_mapping
from dealerscreen.problems import FatalError, Problem


def _set(target: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    """Nested assignment; list items are collected by index and compacted in `_lists`."""
    current: Any = target
    for i, part in enumerate(path[:-1]):
        nxt = path[i + 1]
        default: Any = {} if isinstance(nxt, str) else {"__list__": True}
        current = current.setdefault(part, default)
    current[path[-1]] = value


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        if value.pop("__list__", False):
            return [_lists(value[k]) for k in sorted(value)]
        return {k: _lists(v) for k, v in value.items()}
    return value


def _rows_csv(path: str) -> Iterator[Sequence[Any]]:
    # utf-8-sig: spreadsheet programs write a byte-order mark in front of CSV exports
    with open(path, encoding="utf-8-sig", newline="") as fh:
        yield from csv.reader(fh)


def _rows_xlsx(path: str) -> Iterator[Sequence[Any]]:
    import openpyxl  # heavy: only when a workbook is read

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    finally:
        book.close()


def embedded_mapping(path: str) -> Mapping | Problem | None:
    """The mapping an application form carries in its hidden sheet; None when the workbook
    has none (or is no workbook: reading it will say so), a problem when it is invalid."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a workbook: read_table reports it
        return None
    try:
        if EMBEDDED_SHEET not in book.sheetnames:
            return None
        text = book[EMBEDDED_SHEET]["A2"].value
    finally:
        book.close()
    if not isinstance(text, str):
        return None
    try:
        return parse_mapping(text, f"{path}[{EMBEDDED_SHEET}]")
    except FatalError as exc:
        return exc.problems[0]


def read_table(path: str, mapping: Mapping) -> Iterator[Record | Problem]:
    reader = _rows_xlsx if path.lower().endswith(".xlsx") else _rows_csv
    try:
        rows = reader(path)
        header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
        positions = {h: i for i, h in enumerate(header) if h}
        missing = [c.header for c in mapping.columns if c.header not in positions]
        if missing:
            message = (
                f"columns named in {mapping.path} are not in the header row: {', '.join(missing)}"
            )
            yield Problem(path, 1, None, "error", message, None, "missing-column")
            return
        used = [(c, positions[c.header]) for c in mapping.columns]
        fields = tuple((c.field, i + 1, c.header) for c, i in used)
        for number, row in enumerate(rows, start=2):
            if number < mapping.first_row:
                continue  # the form's descriptions and example row
            if not any(cell not in (None, "") for cell in row):
                continue  # blank rows at the end of an export
            data: dict[str, Any] = {}
            bad: list[Problem] = []
            for column, i in used:
                cell = row[i] if i < len(row) else None
                try:
                    value = mapping.convert(column, cell)
                except CellError as exc:
                    bad.append(
                        Problem(
                            path,
                            number,
                            i + 1,
                            "error",
                            f"column '{column.header}': {exc}",
                            column.field,
                            "cell-type",
                        )
                    )
                    continue
                if value is not None:
                    _set(data, column.path, value)
            if bad:
                yield Record(path, number, columns=fields, problems=tuple(bad))
                continue
            merged = {**mapping.constants, **_lists(data)}
            yield Record(path, number, data=merged, columns=fields)
    except (OSError, csv.Error, ValueError, KeyError) as exc:
        # openpyxl raises ValueError/KeyError/zipfile errors for a file that is not a workbook
        yield Problem(
            path, None, None, "error", f"cannot read the table: {exc}", None, "unreadable"
        )
    except Exception as exc:  # zipfile.BadZipFile and kin from a corrupt .xlsx
        yield Problem(
            path, None, None, "error", f"cannot read the workbook: {exc}", None, "unreadable"
        )
