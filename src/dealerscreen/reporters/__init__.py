"""Output formats: one module per format, each turning a run into text (or, for a
workbook, bytes); a registry by name.

The registry imports a format's module when it is asked for that format: a json report
need not load rich and openpyxl (about 60 ms of CPU before any work), nor does a command
that only writes JSON text (`reporters.jsontext`), which imports this package first.
The reporters' types are imported when first asked for too (PEP 562): `reporters.interface`
reads the batch, which `status` and `history` (writing through `reporters.output`) never
need.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from dealerscreen.models.choices import ReportFormat

if TYPE_CHECKING:
    from dealerscreen.reporters.interface import BinaryReporter, Reporter

    AnyReporter = type[Reporter] | type[BinaryReporter]

Format = ReportFormat  # the choices live in dealerscreen.models.choices, for the CLI's --help


def _table() -> AnyReporter:
    from dealerscreen.reporters.table import TableReporter

    return TableReporter


def _json() -> AnyReporter:
    from dealerscreen.reporters.json_report import JsonReporter

    return JsonReporter


def _csv() -> AnyReporter:
    from dealerscreen.reporters.csv_report import CsvReporter

    return CsvReporter


def _markdown() -> AnyReporter:
    from dealerscreen.reporters.markdown import MarkdownReporter

    return MarkdownReporter


def _html() -> AnyReporter:
    from dealerscreen.reporters.html_report import HtmlReporter

    return HtmlReporter


def _xlsx() -> AnyReporter:
    from dealerscreen.reporters.xlsx_report import XlsxReporter

    return XlsxReporter


class _Registry(Mapping[Format, "AnyReporter"]):
    """Format -> its reporter class, the module imported on first use."""

    def __init__(self, loaders: dict[Format, Callable[[], AnyReporter]]) -> None:
        self._loaders = loaders

    def __getitem__(self, fmt: Format) -> AnyReporter:
        return self._loaders[fmt]()

    def __iter__(self) -> Iterator[Format]:
        return iter(self._loaders)

    def __len__(self) -> int:
        return len(self._loaders)


REPORTERS: Mapping[Format, AnyReporter] = _Registry(
    {
        Format.table: _table,
        Format.json: _json,
        Format.csv: _csv,
        Format.markdown: _markdown,
        Format.html: _html,
        Format.xlsx: _xlsx,
    }
)


def __getattr__(name: str) -> object:
    if name in ("Reporter", "BinaryReporter"):
        from dealerscreen.reporters import interface

        return getattr(interface, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["REPORTERS", "BinaryReporter", "Format", "Reporter"]
