"""Numbers a file may hold: finite, never a yes/no, and of a size a person could mean.

Applicant facts and criteria values are read strictly, whatever file they come from:

- never infinite or NaN (`.inf`, `1.0e+400`, JSON `Infinity` or `1e999`, CSV `inf`): a
  ranking would give infinity full points, and the same model read back from JSON (the
  parse cache, a report) would hold `null`;
- never a boolean: YAML 1.1 reads `yes`, `no`, `on`, `off` as booleans and spreadsheets
  hold TRUE and FALSE, and a number field would take them as 1 and 0;
- never one of YAML 1.1's other number forms: `010` (octal, 8), `0x10` (16), `0b11` (3),
  `1:30` (base 60, 90), or `1.0e-400` (read as 0). A reader means 10 by `010`, as a CSV
  reads it; rather than guess, the field refuses the form and says what YAML made of it
  (the loader keeps the written form: yamlsource/forms.py);
- at most `LIMIT` (10^15) in size, and a criteria number at most `PLACES` digits after
  the point: `1e99999` or `1e999999999` as a points value would otherwise crash or hang
  the first step that writes it out in full. 10^15 is below 2^53, so every whole number
  allowed is exact as a float too.

The types here carry these rules as pydantic validators, so a refusal is an ordinary
validation error, placed at its line and column like any other.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from dealerscreen.models.fields import show
from dealerscreen.models.yamlforms import BASE_60, BINARY, HEXADECIMAL, OCTAL, UNDERFLOW, Written

LIMIT = 10**15
PLACES = 15


def not_bool(value: Any) -> Any:
    """A number field refuses yes/no before pydantic would turn it into 1 or 0, and a
    number YAML read from another form than it looks (`010` as 8)."""
    cls = value.__class__
    if cls is int or cls is float:  # nearly every value: neither a bool nor `Written`
        return value
    if isinstance(value, bool):
        raise PydanticCustomError(
            "bool_not_number",
            "yes/no is not a number: write the number (YAML reads an unquoted yes, no, on, "
            "off, true or false as yes/no, as a spreadsheet does TRUE and FALSE)",
        )
    return not_written(value)


def not_written(value: Any) -> Any:
    """A value YAML read as a number from another form than it looks (`010` as 8) is
    refused where a number belongs, saying what YAML made of it (yamlsource/forms.py)."""
    if isinstance(value, Written):
        kind, template = _FORMS[value.form]
        raise PydanticCustomError(kind, template, {"text": value.text, "value": show(value)})
    return value


# (error type, message) per form; {value} is what YAML read, for the writer to see why.
_FORMS = {
    OCTAL: (
        "number_octal",
        "'{text}' begins with 0, which YAML reads as an octal number ({value}): write "
        "the number without the leading zero",
    ),
    HEXADECIMAL: (
        "number_hexadecimal",
        "'{text}' is a hexadecimal number to YAML ({value}): write the number in decimal digits",
    ),
    BINARY: (
        "number_binary",
        "'{text}' is a binary number to YAML ({value}): write the number in decimal digits",
    ),
    BASE_60: (
        "number_base60",
        "'{text}' holds ':', which YAML reads as a base-60 number ({value}): write the "
        "number in decimal digits",
    ),
    UNDERFLOW: (
        "number_underflow",
        "'{text}' is too small for a number and would be read as 0: write 0 if that is meant",
    ),
}


def _bounded(value: Decimal) -> Decimal:
    """A criteria number within LIMIT and PLACES; checked on its digits, never written out."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: pydantic refused inf and NaN before this
    if value.adjusted() > 15 or abs(value) > LIMIT:
        raise PydanticCustomError(
            "number_too_large", "a number may be at most 10^15 (1,000,000,000,000,000)"
        )
    zeros = len(digits) - len(bytes(digits).rstrip(b"\x00"))  # trailing zeros: 2.500 has one place
    places = -(exponent + zeros)
    if any(digits) and places > PLACES:
        raise PydanticCustomError(
            "number_too_precise", "a number may have at most 15 digits after the decimal point"
        )
    return value


# The constraints come first and the yes/no check last: pydantic runs a BeforeValidator
# before what stands to its left, and applies the constraints in the core schema (so
# `inf` is "not a finite number", not "more than 10^15", and the JSON Schema is plain).
NO_BOOL = BeforeValidator(not_bool)
# For a value that may be a number or something else (a reference entry's attribute):
# yes/no stays allowed there, a number in another form does not.
AS_WRITTEN = BeforeValidator(not_written)

# Applicant facts
Count = Annotated[int, Field(ge=0, le=LIMIT), NO_BOOL]
Measure = Annotated[float, Field(ge=0, le=LIMIT, allow_inf_nan=False), NO_BOOL]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False), NO_BOOL]
Rank = Annotated[int, Field(ge=1, le=LIMIT), NO_BOOL]  # 150 is a rank too: not top-100
Year = Annotated[int, Field(ge=2000, le=2100), NO_BOOL]

# Criteria values (band bounds, steps, points, quotas). Every constraint lives in the type:
# one given beside it in the field's Field() would follow the validators, and its JSON
# Schema would not be a schema.
Amount = Annotated[Decimal, AfterValidator(_bounded), NO_BOOL]
Points = Annotated[Decimal, Field(ge=0), AfterValidator(_bounded), NO_BOOL]
PositivePoints = Annotated[Decimal, Field(gt=0), AfterValidator(_bounded), NO_BOOL]
Whole = Annotated[int, Field(le=LIMIT), NO_BOOL]
AtLeastOne = Annotated[int, Field(ge=1, le=LIMIT), NO_BOOL]
