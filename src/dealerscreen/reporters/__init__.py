"""Output formats: one module per format, each turning a run into text; a registry by name."""

from __future__ import annotations

from enum import StrEnum

from dealerscreen.reporters.interface import Reporter
from dealerscreen.reporters.json_report import JsonReporter
from dealerscreen.reporters.table import TableReporter


class Format(StrEnum):
    table = "table"
    json = "json"


REPORTERS: dict[Format, type[Reporter]] = {
    Format.table: TableReporter,
    Format.json: JsonReporter,
}

__all__ = ["REPORTERS", "Format", "Reporter"]
