"""Byte sort keys order exactly as the tuples they encode."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dealerscreen.decide.keys import (
    Desc,
    decimal_bytes,
    decode,
    encode,
    part,
    split,
    str_bytes,
    value_of,
)

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


shape = st.lists(st.sampled_from(["d", "s", "r"]), min_size=1, max_size=4)  # r: reversed text


def _draw(data: st.DataObject, kind: str) -> object:
    if kind == "d":
        return data.draw(decimals)
    text = data.draw(texts)
    return Desc(text) if kind == "r" else text


@given(texts, texts)
def test_descending_text_compares_reversed_as_its_bytes(a: str, b: str) -> None:
    assert _cmp(Desc(a), Desc(b)) == _cmp(b, a)
    assert _cmp(encode([(0, Desc(a))]), encode([(0, Desc(b))])) == _cmp(b, a)


@given(st.data())
def test_keys_compare_as_their_bytes(data: st.DataObject) -> None:
    kinds = data.draw(shape)

    def key() -> tuple[tuple[int, object], ...]:
        parts: list[tuple[int, object]] = []
        for kind in kinds:
            if data.draw(st.booleans()) and kind == "d":
                parts.append((1, Decimal(0)))  # a missing fact
            else:
                parts.append((0, _draw(data, kind)))
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
            parts.append((0, _draw(data, kind)))
    back = decode(encode(parts))
    assert back == tuple(parts)  # Decimals by value: 1.50 comes back as 1.5
    assert all(type(a[1]) is type(b[1]) for a, b in zip(back, parts, strict=True))
    cut = split(encode(parts))
    assert b"".join(cut) == encode(parts) and len(cut) == len(parts)
    assert tuple(encode([p]) for p in parts) == cut


kinds = st.sampled_from(["date", "bool", "number", "text"])


def _fact(data: st.DataObject, kind: str) -> object:
    if kind == "date":
        return data.draw(st.dates())
    if kind == "bool":
        return data.draw(st.booleans())
    if kind == "number":
        return data.draw(st.integers(-(10**6), 10**6) | st.floats(-1e6, 1e6, allow_nan=False))
    return data.draw(texts)


@given(st.data(), st.booleans())
def test_every_kind_of_key_honours_its_order(data: st.DataObject, desc: bool) -> None:
    """Dates, yes/no, numbers and text all rank by their order, as tuples and as bytes
    (issue 21 item 6: only numbers were reversed); a missing fact ranks last either way;
    the reader is told the value, not its sorting form."""
    kind = data.draw(kinds)
    a, b = _fact(data, kind), _fact(data, kind)
    pa, pb = part(a, desc), part(b, desc)
    natural = _cmp(Decimal(str(a)), Decimal(str(b))) if kind == "number" else _cmp(a, b)
    assert _cmp(pa, pb) == (-natural if desc else natural)
    assert _cmp(encode([pa]), encode([pb])) == _cmp(pa, pb)
    assert decode(encode([pa])) == (pa,)
    assert pa < part(None, desc) and encode([pa]) < encode([part(None, desc)])
    shown = value_of(pa, desc)
    if kind == "number":
        assert shown == Decimal(str(a))
    elif kind == "bool":
        assert shown == ("yes" if a else "no")
    else:
        assert shown == str(a)
    assert value_of(part(None, desc), desc) is None


def test_descending_examples() -> None:
    later, earlier = part(date(2024, 3, 1), True), part(date(2024, 2, 1), True)
    assert later < earlier and encode([later]) < encode([earlier])
    assert part(True, True) < part(False, True) and part(False, False) < part(True, False)
    assert part("XM-2", True) < part("XM-10", True)  # text order, reversed
    assert part("ab", True) < part("a", True)  # the longer first when reversed
    assert decode(encode([(0, Desc("a\x00b")), (0, Desc(""))])) == (
        (0, Desc("a\x00b")),
        (0, Desc("")),
    )
