"""Output formats: one module per format, each turning a run into text (or, for a
workbook, bytes); a registry by name.

The registry and the reporters' types are imported when first asked for (PEP 562): a
command that only writes text through `reporters.output` or `reporters.jsontext`
(status, history) does not pay for every format's module and the batch they read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dealerscreen.models.choices import ReportFormat

if TYPE_CHECKING:
    from dealerscreen.reporters.interface import BinaryReporter, Reporter

    REPORTERS: dict[ReportFormat, type[Reporter] | type[BinaryReporter]]

Format = ReportFormat  # the choices live in dealerscreen.models.choices, for the CLI's --help


def _registry() -> dict[Format, type[Reporter] | type[BinaryReporter]]:
    from dealerscreen.reporters.csv_report import CsvReporter
    from dealerscreen.reporters.html_report import HtmlReporter
    from dealerscreen.reporters.json_report import JsonReporter
    from dealerscreen.reporters.markdown import MarkdownReporter
    from dealerscreen.reporters.table import TableReporter
    from dealerscreen.reporters.xlsx_report import XlsxReporter

    return {
        Format.table: TableReporter,
        Format.json: JsonReporter,
        Format.csv: CsvReporter,
        Format.markdown: MarkdownReporter,
        Format.html: HtmlReporter,
        Format.xlsx: XlsxReporter,
    }


def __getattr__(name: str) -> object:
    if name == "REPORTERS":
        found = globals()["REPORTERS"] = _registry()  # once: later reads find it here
        return found
    if name in ("Reporter", "BinaryReporter"):
        from dealerscreen.reporters import interface

        return getattr(interface, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["REPORTERS", "BinaryReporter", "Format", "Reporter"]
