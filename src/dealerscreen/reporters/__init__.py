"""Output formats: one module per format, each turning a run into text (or, for a
workbook, bytes); a registry by name."""

from __future__ import annotations

from dealerscreen.models.choices import ReportFormat
from dealerscreen.reporters.csv_report import CsvReporter
from dealerscreen.reporters.html_report import HtmlReporter
from dealerscreen.reporters.interface import BinaryReporter, Reporter
from dealerscreen.reporters.json_report import JsonReporter
from dealerscreen.reporters.markdown import MarkdownReporter
from dealerscreen.reporters.table import TableReporter
from dealerscreen.reporters.xlsx_report import XlsxReporter

Format = ReportFormat  # the choices live in dealerscreen.models.choices, for the CLI's --help


REPORTERS: dict[Format, type[Reporter] | type[BinaryReporter]] = {
    Format.table: TableReporter,
    Format.json: JsonReporter,
    Format.csv: CsvReporter,
    Format.markdown: MarkdownReporter,
    Format.html: HtmlReporter,
    Format.xlsx: XlsxReporter,
}

__all__ = ["REPORTERS", "BinaryReporter", "Format", "Reporter"]
