"""JSON text as `json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)` writes it.

Every JSON report of the project is written so; the standard encoder does it in pure
Python once `indent` is set, and at 2,000 applicants a full json report spent 3 of its
8 seconds there. orjson writes the same bytes about ten times faster. Where the two could
differ, the standard encoder writes the text: a float orjson would print with an
exponent (`1e-5` where Python prints `1e-05`), a key that is not a string, a lone
surrogate or an integer wider than 64 bits (orjson refuses those). The property test
(tests/test_jsontext.py) holds the promise over arbitrary JSON-like data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
# A digit, `e`, then a signed or unsigned exponent: a float written in scientific form;
# or `0.0000` after no digit, a small float orjson writes without one. Either may also
# be inside a string ("1e5 sqm", a digest); then the standard encoder writes the text,
# which is only slower. Searched from the `e` and the literal: one pattern with both
# alternatives and a look-behind scanned every byte in Python's regex engine (2.4 s of
# a full json report at 2,000 applicants).
_EXPONENT = re.compile(rb"e[-+]?[0-9]")
_SMALL = b"0.0000"
_DIGITS = b"0123456789"


def scientific(out: bytes) -> bool:
    """Whether orjson's text `out` may hold a float the standard encoder writes otherwise."""
    for found in _EXPONENT.finditer(out):
        at = found.start()
        if at and out[at - 1] in _DIGITS:
            return True
    at = out.find(_SMALL)
    while at >= 0:
        if not at or out[at - 1] not in _DIGITS:
            return True
        at = out.find(_SMALL, at + 1)
    return False


def plain_float(value: Any) -> Any:
    """What orjson cannot take as it is: subclasses of float (the loader's `WrittenFloat`)
    are written as the float they are, as json.dumps writes them."""
    if isinstance(value, float):
        return float(value)
    raise TypeError(type(value).__name__)


def dumps(data: Any) -> str:
    """`data` as indented, key-sorted JSON text, byte for byte as `json.dumps` writes it."""
    try:
        out = orjson.dumps(data, default=plain_float, option=_OPTIONS)
    except (orjson.JSONEncodeError, TypeError):
        return _standard(data)
    if scientific(out):
        return _standard(data)
    return out.decode()


def member(data: Any, depth: int) -> bytes | str:
    """`dumps(data)` as the member of a list `depth` levels deep is written inside its
    parent: each line indented `depth + 1` levels, the first included.

    orjson's text comes as UTF-8 bytes, written as they are: a report of 100,000
    results is gigabytes of text, and decoding it, indenting it as a str and encoding it
    again for the file cost more than orjson's writing of it. orjson indents the value
    itself when it is written `depth + 1` lists deep, which is cheaper than inserting the
    indentation into each line afterwards; the lists' own brackets are cut off. Where the
    standard encoder must write the text, it comes as a str (a lone surrogate that only
    the writer can put into bytes, see `reporters.output`).
    """
    try:
        out: bytes | None = _nested(data, depth + 1)
    except (orjson.JSONEncodeError, TypeError):
        out = None
    if out is None or scientific(out):
        pad = "  " * (depth + 1)
        return pad + _standard(data).replace("\n", "\n" + pad)
    return out


def fragment(data: Any, depth: int) -> orjson.Fragment | None:
    """`data`'s text as orjson writes it, ready to stand as a value `depth` levels deep in
    a text made by `member_of`: its lines after the first indented as they will stand
    (orjson writes a fragment as it is given). None where the standard encoder must write
    it (as `dumps`)."""
    try:
        out = orjson.dumps(data, default=plain_float, option=_OPTIONS)
    except (orjson.JSONEncodeError, TypeError):
        return None
    if scientific(out):
        return None
    return orjson.Fragment(out.replace(b"\n", b"\n" + b"  " * depth))


def member_of(data: dict[str, Any], written: Iterable[str], depth: int) -> bytes | None:
    """`member(data, depth)` where the values of the keys `written` are lists of
    `fragment`s made `depth + 3` levels deep (a list's member in this member), each
    already checked: only the rest of `data` is searched for what orjson writes otherwise
    (`scientific`), from its compact text. None where the standard encoder must write it:
    then the caller writes `data` with its lists as data.

    Most of a json report's result is the parts of its rules (`parts.Parts`), the same
    for many applicants: written once each, they are not written, nor searched, again.
    """
    rest = dict(data)
    for key in written:
        del rest[key]
    try:
        if scientific(orjson.dumps(rest, default=plain_float)):
            return None
        return _nested(data, depth + 1)
    except (orjson.JSONEncodeError, TypeError):
        return None


def _nested(data: Any, nest: int) -> bytes:
    """orjson's text of `data` written `nest` lists deep, with the lists' brackets cut
    off and its own indentation kept: `[\n  [\n    ` before it and `\n  ]\n]` after it
    (as many bytes after as before). orjson's errors are the caller's to catch."""
    wrapped = data
    for _ in range(nest):
        wrapped = [wrapped]
    out = orjson.dumps(wrapped, default=plain_float, option=_OPTIONS)
    cut = _CUT[nest] if nest < len(_CUT) else _cut(nest)
    return out[cut : len(out) - cut]


def _cut(nest: int) -> int:
    return sum(2 + 2 * level for level in range(nest))


_CUT = [_cut(nest) for nest in range(8)]


def _standard(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
