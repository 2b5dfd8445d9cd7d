"""Byte sort keys order exactly as the tuples they encode."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dealerscreen.keys import decimal_bytes, decode, encode, split, str_bytes

decimals = st.decimals(allow_nan=False, allow_infinity=True, places=None) | st.sampled_from(
    [Decimal("0"), Decimal("-0"), Decimal("0.1"), Decimal("0.10"), Decimal("1E+3"), Decimal("-1")]
)
texts = st.text() | st.sampled_from(["", "a", "a\x00", "a\x00b", "ab", "\x00", "é", "\U0001f600"])


def _cmp(a: object, b: object) -> int:
    return (a > b) - (a < b)  # type: ignore[operator]


@given(decimals, decimals)
def test_decimals_compare_as_their_bytes(a: Decimal, b: Decimal) -> None:
    assert _cmp(a, b) == _cmp(decimal_bytes(a), decimal_bytes(b))


@given(texts, texts)
def test_strings_compare_as_their_bytes(a: str, b: str) -> None:
    assert _cmp(a, b) == _cmp(str_bytes(a), str_bytes(b))


shape = st.lists(st.sampled_from(["d", "s"]), min_size=1, max_size=4)


@given(st.data())
def test_keys_compare_as_their_bytes(data: st.DataObject) -> None:
    kinds = data.draw(shape)

    def key() -> tuple[tuple[int, object], ...]:
        parts: list[tuple[int, object]] = []
        for kind in kinds:
            if data.draw(st.booleans()) and kind == "d":
                parts.append((1, Decimal(0)))  # a missing fact
            else:
                parts.append((0, data.draw(decimals if kind == "d" else texts)))
        return tuple(parts)

    a, b = key(), key()
    assert _cmp(a, b) == _cmp(encode(a), encode(b))


def test_examples() -> None:
    assert (
        decimal_bytes(Decimal("-87.5"))
        < decimal_bytes(Decimal("-9"))
        < decimal_bytes(0 * Decimal(1))
    )
    assert decimal_bytes(Decimal("1.50")) == decimal_bytes(Decimal("1.5"))
    assert encode([(0, Decimal(5))]) < encode([(1, Decimal(0))])  # missing sorts last


@given(st.data())
def test_keys_read_back_as_the_values_they_encode(data: st.DataObject) -> None:
    """A batch row keeps only the bytes; what reads its decision gets the key back."""
    kinds = data.draw(shape)
    parts: list[tuple[int, object]] = []
    for kind in kinds:
        if data.draw(st.booleans()) and kind == "d":
            parts.append((1, Decimal(0)))
        else:
            parts.append((0, data.draw(decimals if kind == "d" else texts)))
    back = decode(encode(parts))
    assert back == tuple(parts)  # Decimals by value: 1.50 comes back as 1.5
    assert all(type(a[1]) is type(b[1]) for a, b in zip(back, parts, strict=True))
    cut = split(encode(parts))
    assert b"".join(cut) == encode(parts) and len(cut) == len(parts)
    assert tuple(encode([p]) for p in parts) == cut
