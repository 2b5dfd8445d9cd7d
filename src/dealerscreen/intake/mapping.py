"""The column mapping: which spreadsheet column fills which applicant field.

Exports from a partner portal or a spreadsheet have their own column headers; a small YAML
file names, for each header, the applicant field it fills (a dotted path, with `[n]` for
the n-th item of a list) and, for text cells, the type to read it as:

    kind: column-mapping
    title: Partner portal export
    constants: {schema_version: 1}        # fields every row gets
    columns:
      Application no.: applicant_id
      City: target.city
      Repair class: {field: after_sales.repair_qualification_class, type: int}
      Brand 1: brand_agencies[0].brand
      Brand 1 years: {field: brand_agencies[0].years, type: int}

`constants` are merged into each row key by key; for the same field a non-empty cell
wins. A constant that is a list or a single value with a column filling inside it is
refused (`constant-overlap`): which of its items a column meant cannot be known.

Types: `str` (default), `int`, `float`, `bool` (yes/no, y/n, true/false, 1/0, 是/否,
有/无) and `date` (YYYY-MM-DD). An empty cell leaves its field out, as if the fact were not given.
A cell of an enumeration field holds its value's code or words ("leased", "租赁"):
`intake.choicecells`.

Numbers in text cells are read exactly (never through a float, so a long integer keeps its
digits) and by the mapping's `decimal` separator: `.` (the default; `,` groups thousands,
as in 1,234.5) or `,` (`.` or a space groups thousands, as in 1.234,5). A number written
the other way (`7,5` with `.`, `7.5` with `,`) is refused, never misread as 75. A number
may carry its field's own unit and full-width digits ("3,500 ㎡", "58%"): see
`dealerscreen.intake.units`; a percent-formatted XLSX cell is the percentage it shows.

`first_row` (default 2) is the first row of data: rows between the header and it hold
notes or an example (the application form's descriptions and example row).

An application form made by `dealerscreen template` carries its mapping in a hidden sheet
(`EMBEDDED_SHEET`), so a filled form is read without `--mapping`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dealerscreen.i18n.checktext import path_message
from dealerscreen.i18n.problemtext import say
from dealerscreen.intake import choicecells, units
from dealerscreen.intake.formfields import CellType
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import FieldPathError, resolve_field
from dealerscreen.models.numbers import LIMIT
from dealerscreen.models.problems import FatalError, Message, Problem
from dealerscreen.yamlsource import SourceError, locate, parse_yaml, validation_problems
from dealerscreen.yamlsource.sourcefile import read_text

_INDEX = re.compile(r"\[(\d+)\]")
_TRUE = {"yes", "y", "true", "1", "是", "有", "x"}
_FALSE = {"no", "n", "false", "0", "否", "无"}
Separator = Literal[".", ","]
_EXPONENT = r"(?:[eE][+-]?[0-9]+)?"
# Numbers as people write them, by decimal separator: plain, or with thousands grouped.
_NUMBER = {
    ".": (
        re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)" + _EXPONENT),
        re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?"),
    ),
    ",": (
        re.compile(r"[+-]?(?:[0-9]+(?:,[0-9]*)?|,[0-9]+)" + _EXPONENT),
        re.compile(r"[+-]?[0-9]{1,3}(?:([. \u00a0\u202f])[0-9]{3})(?:\1[0-9]{3})*(?:,[0-9]*)?"),
    ),
}


class ColumnSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    field: str = Field(
        description="Applicant field this column fills, e.g. site.building_area_sqm."
    )
    type: CellType = Field("str", description="How to read a text cell.")


class MappingFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["column-mapping"]
    title: str = ""
    constants: dict[str, Any] = Field(default_factory=dict, description="Fields set on every row.")
    first_row: int = Field(2, ge=2, description="First row of data (the header is row 1).")
    columns: dict[str, str | ColumnSpec] = Field(description="Column header -> applicant field.")
    decimal: Separator = Field(
        ".",
        description="Decimal separator of numbers in text cells: '.' (1,234.5) or ',' "
        "(1.234,5). A number written the other way is refused, never misread.",
    )


@dataclass(frozen=True)
class Column:
    header: str
    path: tuple[str | int, ...]  # ("brand_agencies", 0, "brand")
    field: str  # the path as written
    type: CellType


class CellError(ValueError):
    def __init__(self, message: Message) -> None:
        super().__init__(message.english())
        self.message = message


@dataclass(frozen=True)
class Mapping:
    path: str
    columns: tuple[Column, ...]
    constants: dict[str, Any]
    decimal: Separator = "."
    first_row: int = 2

    def filled(self, row: dict[str, Any]) -> dict[str, Any]:
        """A row's fields with the constants merged in key by key: a row's value wins over
        a constant for the same field, and a constant's other fields stay (`constants:
        {after_sales: {workshop_at_site: true}}` beside a column of `after_sales.paint`)."""
        return _merged(self.constants, row)

    def convert(self, column: Column, value: Any, percent: bool = False) -> Any:
        """A cell's value as the field wants it; None for an empty cell. `percent`: the cell
        is formatted as a percentage, so Excel holds 58 % as 0.58 (see `intake.units`)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, str):
            if percent and column.type in ("int", "float") and _is_number(value):
                return self._percent_cell(column, value)
            if column.type == "str" and not isinstance(value, date):
                # a spreadsheet stores "2023" or an id typed as a number as a number
                return (
                    str(int(value))
                    if isinstance(value, float) and value.is_integer()
                    else str(value)
                )
            return value
        text = value.strip()
        if column.type in ("int", "float"):
            return _typed(column, self.number_in(column, text), text)
        try:
            if column.type == "date":
                return date.fromisoformat(text)
        except ValueError:
            raise CellError(say("cell.type", text=f"'{text}'", type=column.type)) from None
        if column.type == "bool":
            low = units.half_width(text).strip().lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise CellError(say("cell.yes-no", text=f"'{text}'")) from None
        return _choice(column, text)

    def _percent_cell(self, column: Column, value: float) -> Any:
        """A number in a cell formatted as a percentage: what the cell shows, for a
        percentage field; an error for any other (which of the two was meant is unknown)."""
        # repr: the float's shortest digits (0.58, not 0.57999...), times 100 exactly
        shown = Decimal(repr(value)) * 100
        text = f"{shown.normalize():f}%"
        if units.unit_of(column.field) != "pct":
            raise CellError(say("cell.percent-format", text=f"'{text}'"))
        return _typed(column, shown, text)

    def number_in(self, column: Column, text: str) -> Decimal:
        """A number in a text cell as people type it: in full-width digits, with thousands
        grouped, followed by the field's own unit; CellError for any other unit, naming
        the one the field takes (a number read without its unit would be wrong)."""
        plain = units.half_width(text)
        split = None
        try:
            return self.number(plain)
        except CellError:
            split = units.split_unit(plain)
            if split is None:
                raise
        digits, unit = split
        if not units.is_own(column.field, unit):
            raise CellError(_wrong_unit(text, column.field))
        return self.number(digits)

    def number(self, text: str) -> Decimal:
        """A number in a text cell, exactly, by the mapping's decimal separator; CellError
        for anything else (infinity, NaN, the other separator, beyond 10^15)."""
        plain, grouped = _NUMBER[self.decimal]
        if plain.fullmatch(text):
            digits = text.replace(",", ".")  # a comma here can only be the decimal one
        elif grouped.fullmatch(text):
            marks = "," if self.decimal == "." else ". \u00a0\u202f"
            digits = "".join(c for c in text if c not in marks).replace(",", ".")
        else:
            other = "," if self.decimal == "." else "."
            if other in text:
                raise CellError(
                    say("cell.decimal", text=f"'{text}'", decimal=self.decimal, other=other)
                )
            raise CellError(say("cell.number", text=f"'{text}'"))
        number = Decimal(digits)
        if (number and number.adjusted() >= 16) or abs(number) > LIMIT:
            raise CellError(say("cell.huge", text=f"'{text}'"))
        return number


def _choice(column: Column, text: str) -> str:
    """A text cell as written; of an enumeration field, the value its code or words mean
    (choicecells), and a CellError naming the values for anything else."""
    values = choicecells.choices_of(column.field)
    if not values:
        return text
    code = choicecells.read_choice(column.field, text)
    if code is None:
        raise CellError(say("cell.choice", text=f"'{text}'", choices=choicecells.listed(values)))
    return code


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _typed(column: Column, number: Decimal, text: str) -> float | int:
    if column.type == "float":
        return float(number)
    if number != number.to_integral_value():
        raise CellError(say("cell.whole", text=f"'{text}'"))
    return int(number)


# What a cell with a unit that is not its field's is told, by the field's unit.
def _wrong_unit(text: str, field: str) -> Message:
    return say(f"cell.unit-{units.unit_of(field) or 'none'}", text=f"'{text}'")


def _merged(constants: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    out = dict(constants)
    for key, value in row.items():
        below = constants.get(key)
        # A row's value wins at a leaf; a list a column fills never meets a constant's
        # (parse_mapping refuses that overlap: see _overlap).
        if isinstance(below, dict) and isinstance(value, dict):
            value = _merged(below, value)
        out[key] = value
    return out


def _overlap(constants: dict[str, Any], path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The part of a column's path where the constants hold a list or a value that the
    column would fill inside (they cannot be merged: which items or which is meant?);
    () when they hold none there."""
    node: Any = constants
    for i, part in enumerate(path):
        if not isinstance(node, dict):
            return path[:i]
        if part not in node:
            return ()
        node = node[part]
    return ()


def _split(field: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for piece in field.split("."):
        m = _INDEX.search(piece)
        if m:
            parts.append(piece[: m.start()])
            parts.append(int(m.group(1)))
        else:
            parts.append(piece)
    return tuple(parts)


def _check_field(field: str) -> None:
    """The path must name a field of the applicant model (list items through `[n]`)."""
    head, _, tail = field.partition("[")
    ref = resolve_field(Applicant, head)
    if tail:
        _, _, rest = tail.partition("]")
        if ref.item_model is None:
            raise FieldPathError("not-records", where=head, path=field)
        if rest.startswith("."):
            resolve_field(ref.item_model, rest[1:])


EMBEDDED_SHEET = "dealerscreen-mapping"  # an application form's hidden sheet: the mapping in A2


def load_mapping(path: str) -> Mapping:
    """Raises FatalError with located problems when the mapping is invalid."""
    try:
        return parse_mapping(read_text(path).text, path)
    except SourceError as exc:
        raise FatalError([exc.problem]) from None


def parse_mapping(text: str, path: str) -> Mapping:
    """The mapping in a text (a file's, or a form's hidden sheet); FatalError when invalid."""
    try:
        doc = parse_yaml(text, path)
    except SourceError as exc:
        raise FatalError([exc.problem]) from None
    try:
        spec = MappingFile.model_validate(doc.data)
    except ValidationError as exc:
        raise FatalError(validation_problems(doc, exc, MappingFile)) from None
    columns: list[Column] = []
    problems: list[Problem] = []
    for header, raw in spec.columns.items():
        col = raw if isinstance(raw, ColumnSpec) else ColumnSpec(field=raw)
        try:
            _check_field(col.field)
        except FieldPathError as exc:
            line, column, _ = locate(doc.node, ("columns", header))
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    "error",
                    path_message(exc),
                    f"columns.{header}",
                    "unknown-field",
                )
            )
            continue
        made = Column(header, _split(col.field), col.field, col.type)
        inside = _overlap(spec.constants, made.path)
        if inside:
            problems.append(_overlap_problem(path, doc.node, inside, made))
            continue
        columns.append(made)
    if problems:
        raise FatalError(problems)
    return Mapping(path, tuple(columns), dict(spec.constants), spec.decimal, spec.first_row)


def _overlap_problem(
    path: str, node: yaml.Node | None, inside: tuple[str | int, ...], column: Column
) -> Problem:
    line, col, _ = locate(node, ("constants", *inside))
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in inside).lstrip(".")
    message = say("constant-overlap", name=where, header=column.header, field=column.field)
    return Problem(path, line, col, "error", message, f"constants.{where}", "constant-overlap")
