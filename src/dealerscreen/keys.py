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
  escaped and a two-byte terminator, so that a prefix sorts first.

Every part is self-delimiting, so the encoding of a key is never a prefix of another's.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

_BIAS = 1 << 31
_NEG_INF, _NEG, _ZERO, _POS, _POS_INF, _NAN = b"\x10", b"\x11", b"\x12", b"\x13", b"\x14", b"\x15"
_STR = b"\x20"
_DIGITS = bytes(range(0x30, 0x3A))
_COMPLEMENT = bytes.maketrans(_DIGITS, _DIGITS[::-1])


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
    return _STR + value.encode("utf-8", "surrogatepass").replace(b"\x00", b"\x00\xff") + b"\x00\x00"


def encode(parts: Iterable[Any]) -> bytes:
    """A sort key of (flag, value) pairs, values Decimal or str (see `engine._sort_key`)."""
    out = bytearray()
    for flag, value in parts:
        out.append(flag)
        if isinstance(value, Decimal):
            out += decimal_bytes(value)
        elif isinstance(value, str):
            out += str_bytes(value)
        else:
            raise TypeError(f"a sort key part must be a Decimal or a str, not {type(value)}")
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


def decode(data: bytes) -> tuple[tuple[int, Decimal | str], ...]:
    """The key `encode` was given, read back: each part's value compares as it did.

    A Decimal comes back as the same value, not the same spelling (1.50 is 1.5), which
    is all a sort key is for.
    """
    parts: list[tuple[int, Decimal | str]] = []
    i = 0
    while i < len(data):
        flag = data[i]
        if data[i + 1 : i + 2] == _STR:
            text, i = _str_at(data, i + 2)
            parts.append((flag, text))
        else:
            number, i = _decimal_at(data, i + 1)
            parts.append((flag, number))
    return tuple(parts)


def split(data: bytes) -> tuple[bytes, ...]:
    """A key's bytes cut into its parts' bytes: comparing the tuples compares the keys,
    since no part's encoding is a prefix of another's (so one part can be replaced)."""
    cuts: list[bytes] = []
    i = 0
    while i < len(data):
        start = i
        if data[i + 1 : i + 2] == _STR:
            _, i = _str_at(data, i + 2)
        else:
            _, i = _decimal_at(data, i + 1)
        cuts.append(data[start:i])
    return tuple(cuts)
