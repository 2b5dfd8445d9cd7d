"""Sort keys as bytes: `encode(key) < encode(other)` exactly when `key < other`.

A batch ranks 100,000 applicants by keys like ``((0, Decimal("-87.5")), (1, 0), (0,
"XM-0042"))``; as Python tuples of Decimals each costs several hundred bytes, as bytes
about forty, which is what keeps a large batch's memory nearly flat (issue #6). Bytes
compare by memcmp, so each part is encoded to sort as its value does:

- a flag byte (0: a value, 1: missing, which sorts after every value);
- a Decimal: sign class (negative, zero, positive), then the exponent and the digits,
  complemented for negatives so that a larger magnitude sorts first; ±Infinity and NaN
  sort at the ends;
- a str: UTF-8 (whose byte order is code-point order, as `str` compares), with NUL
  escaped and a two-byte terminator, so that a prefix sorts first;
- a `Desc` (text that ranks in descending order): the bytes of its str, complemented.

Every part is self-delimiting, so the encoding of a key is never a prefix of another's;
that is also why complementing one reverses its order against any other.

`part` makes each part of a ranking key from a fact and its order, and `value_of` reads it
back as the reader knows it: the one place that knows how a key says "descending"
(the engine, the batch rows, sensitivity and separation all go through them).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from dealerscreen.models.fields import show, to_decimal

_BIAS = 1 << 31
_NEG_INF, _NEG, _ZERO, _POS, _POS_INF, _NAN = b"\x10", b"\x11", b"\x12", b"\x13", b"\x14", b"\x15"
_STR = b"\x20"
_DESC = b"\x21"
_DIGITS = bytes(range(0x30, 0x3A))
_COMPLEMENT = bytes.maketrans(_DIGITS, _DIGITS[::-1])
_INVERT = bytes(255 - b for b in range(256))  # every byte complemented: its order reversed
ZERO = Decimal(0)


class Desc:
    """Text of a key that ranks descending: compares as its text does, reversed.

    A number in descending order is simply negated; text, dates and yes/no have no
    negative, so they are wrapped (and encoded complemented, see `encode`).
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Desc) and other.text == self.text

    def __hash__(self) -> int:
        return hash((Desc, self.text))

    def __lt__(self, other: Desc) -> bool:
        return other.text < self.text

    def __gt__(self, other: Desc) -> bool:
        return other.text > self.text

    def __le__(self, other: Desc) -> bool:
        return other.text <= self.text

    def __ge__(self, other: Desc) -> bool:
        return other.text >= self.text

    def __repr__(self) -> str:
        return f"Desc({self.text!r})"


Value = Decimal | str | Desc
Part = tuple[int, Value]  # (missing?, value): a missing fact ranks last, in either order
MISSING: Part = (1, ZERO)


def part(value: object, desc: bool) -> Part:
    """One part of a ranking key from a fact (or points) and its key's order; smaller
    ranks first. Numbers compare as numbers; a date as its ISO text (which orders as the
    dates do); yes/no as "yes"/"no" ("no" first, as False before True); any other fact
    as its text."""
    if value is None:
        return MISSING
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        d = to_decimal(value)
        return (0, -d if desc else d)
    text = show(value) if isinstance(value, bool) else str(value)
    return (0, Desc(text) if desc else text)


def value_of(key_part: Any, desc: bool) -> Decimal | str | None:
    """The value of a part of a ranking key as the reader knows it (not negated, not
    reversed); None for a missing fact. `desc`: the key's order, as given to `part`."""
    flag, value = key_part
    if flag:
        return None
    if isinstance(value, Decimal):
        return -value if desc else value
    if isinstance(value, Desc):
        return value.text
    return str(value)


def decimal_bytes(value: Decimal) -> bytes:
    if value.is_nan():
        return _NAN
    if value.is_infinite():
        return _NEG_INF if value < 0 else _POS_INF
    if not value:
        return _ZERO
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits)).rstrip("0")  # 1.50 and 1.5 are one value
    adjusted = exponent + len(digits) - 1  # the power of ten of the first digit
    if sign:  # negative: a larger magnitude sorts first
        head = ((_BIAS - 1 - adjusted) & 0xFFFFFFFF).to_bytes(4, "big")
        return _NEG + head + text.encode().translate(_COMPLEMENT) + b"\xff"
    return _POS + (adjusted + _BIAS).to_bytes(4, "big") + text.encode() + b"\x00"


def str_bytes(value: str) -> bytes:
    return _STR + _escaped(value)


def _escaped(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass").replace(b"\x00", b"\x00\xff") + b"\x00\x00"


def desc_bytes(value: Desc) -> bytes:
    """Complemented: the escaped text never holds 0xff but as the escape's second byte,
    so its complement holds 0x00 only there, and ends in 0xff 0xff (see `_desc_at`)."""
    return _DESC + _escaped(value.text).translate(_INVERT)


def encode(parts: Iterable[Any]) -> bytes:
    """A sort key of (flag, value) pairs, values Decimal, str or Desc (see `part`)."""
    out = bytearray()
    for flag, value in parts:
        out.append(flag)
        if isinstance(value, Decimal):
            out += decimal_bytes(value)
        elif isinstance(value, str):
            out += str_bytes(value)
        elif isinstance(value, Desc):
            out += desc_bytes(value)
        else:
            raise TypeError(f"a sort key part must be a Decimal, str or Desc, not {type(value)}")
    return bytes(out)


def _decimal_at(data: bytes, i: int) -> tuple[Decimal, int]:
    """The Decimal encoded at data[i:], and where its encoding ends (`decimal_bytes`)."""
    tag = data[i : i + 1]
    if tag in (_NEG_INF, _POS_INF):
        return Decimal("-Infinity" if tag == _NEG_INF else "Infinity"), i + 1
    if tag == _NAN:
        return Decimal("NaN"), i + 1
    if tag == _ZERO:
        return Decimal(0), i + 1
    head = int.from_bytes(data[i + 1 : i + 5], "big")
    end = data.index(b"\xff" if tag == _NEG else b"\x00", i + 5)
    digits = data[i + 5 : end]
    if tag == _NEG:
        adjusted = _BIAS - 1 - head
        digits = digits.translate(_COMPLEMENT)
    else:
        adjusted = head - _BIAS
    numerals = tuple(d - 0x30 for d in digits)
    exponent = adjusted - len(numerals) + 1
    return Decimal((1 if tag == _NEG else 0, numerals, exponent)), end + 1


def _str_at(data: bytes, i: int) -> tuple[str, int]:
    """The str encoded at data[i:] (after its tag), and where its encoding ends."""
    out = bytearray()
    j = i
    while True:
        k = data.index(b"\x00", j)
        out += data[j:k]
        if data[k + 1] == 0xFF:  # an escaped NUL of the text
            out.append(0)
            j = k + 2
            continue
        return out.decode("utf-8", "surrogatepass"), k + 2


def _desc_at(data: bytes, i: int) -> tuple[Desc, int]:
    """The Desc encoded at data[i:] (after its tag), and where its encoding ends: its
    bytes are those of `_str_at`, complemented (0xff 0x00 an escaped NUL, 0xff 0xff the end)."""
    j = i
    while True:
        k = data.index(b"\xff", j)
        if data[k + 1] == 0x00:
            j = k + 2
            continue
        text, _ = _str_at(data[i : k + 2].translate(_INVERT), 0)
        return Desc(text), k + 2


def _part_at(data: bytes, i: int) -> tuple[Value, int]:
    """The value of the part whose flag is at data[i], and where the part ends."""
    tag = data[i + 1 : i + 2]
    if tag == _STR:
        return _str_at(data, i + 2)
    if tag == _DESC:
        return _desc_at(data, i + 2)
    return _decimal_at(data, i + 1)


def decode(data: bytes) -> tuple[Part, ...]:
    """The key `encode` was given, read back: each part's value compares as it did.

    A Decimal comes back as the same value, not the same spelling (1.50 is 1.5), which
    is all a sort key is for.
    """
    parts: list[Part] = []
    i = 0
    while i < len(data):
        flag = data[i]
        value, i = _part_at(data, i)
        parts.append((flag, value))
    return tuple(parts)


def split(data: bytes) -> tuple[bytes, ...]:
    """A key's bytes cut into its parts' bytes: comparing the tuples compares the keys,
    since no part's encoding is a prefix of another's (so one part can be replaced)."""
    cuts: list[bytes] = []
    i = 0
    while i < len(data):
        start = i
        _, i = _part_at(data, i)
        cuts.append(data[start:i])
    return tuple(cuts)
