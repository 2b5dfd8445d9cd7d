"""The quick construction of plain YAML gives what the checked constructor gives.

`yamlsource.fast._plain` builds maps, sequences and the core scalars in one pass and hands
anything else to the checked way. Here it is compared with the checked way's constructor
(`_Constructor`: PyYAML's `SafeConstructor`, with numbers in YAML 1.1's other forms kept
recognisable) on every YAML file of the repository, on YAML 1.1's awkward scalars, and on
generated documents; and both with `SafeConstructor`, value for value.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dealerscreen import yamlsource
from dealerscreen.models.yamlforms import Written
from dealerscreen.yamlsource import fast, parse_yaml, safe
from dealerscreen.yamlsource.fast import _Unusual
from dealerscreen.yamlsource.loader import _Constructor

ROOT = Path(__file__).resolve().parents[1]
YAML_FILES = sorted(
    p
    for folder in ("samples", "criteria", "tests/cases", "tests/data")
    for p in (ROOT / folder).rglob("*.y*ml")
)


def same(a: Any, b: Any, exact: bool = True) -> bool:
    """Equal, of the same types; `exact` False: a number kept with its written form is
    the number PyYAML reads (what the safe constructor gives)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, Written) and not exact:
        return type(b) is type(a).__mro__[1] and a == b  # WrittenInt: an int, and so on
    if type(a) is not type(b):
        return False
    if isinstance(a, Written) and (a.text, a.form) != (b.text, b.form):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k], exact) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y, exact) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def check(text: str) -> bool:
    """True when the quick way built it (and it matched), False when it stepped aside."""
    if safe._needs_event_pass(text):
        return False  # aliases, or too large: parse_yaml never takes the quick way then
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False
    if node is None:
        return False
    try:
        quick = fast._plain(node, 1)
    except _Unusual:
        return False
    try:
        full = _Constructor().construct_document(node)
        safe_full = yaml.constructor.SafeConstructor().construct_document(node)
    except yaml.YAMLError:
        pytest.fail(f"built quickly what the safe constructor refuses: {text!r}")
    assert same(quick, full), text
    assert same(quick, safe_full, exact=False), text
    return True


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return
    check(text)


AWKWARD = [
    "yes", "No", "ON", "off", "y", "n", "~", "null", "Null", "", "010", "0o10", "0x1F",
    "0b101", "1_000", "+1", "-0", "1e3", "1.5e-3", ".inf", "-.Inf", ".nan", "1:30",
    "190:20:30", "2024-01-01", "2024-01-01 10:00:00", "2024-01-01T10:00:00Z",
    "2024-02-30", "2001-12-14t21:59:43.10-05:00", "=", "<<", "'quoted'", '"1"', "!!str 1",
    "!!int 7", "!!float 1", "!!binary aGk=", "!!set {a}", "!custom x", "[a, 1]", "{a: 1}",
    "0.1", "-.5", "1.", "12e03", "0o8", "0x", "+.inf", "TRUE", "False", "0100", "190:00",
    "0b11", "1.0e-400", "-010", "+0x1F", "0_10", "00", "1:30.5", "1.e-400", "0.0e-400",
    "!!int 010", "!!float 1.0e-400", "1e-400", "-0.0",
]  # fmt: skip


@pytest.mark.parametrize("scalar", AWKWARD)
def test_awkward_scalars_as_values_and_keys(scalar: str) -> None:
    check(f"a: {scalar}\n")
    check(f"- {scalar}\n- x\n")
    check(f"{scalar}: v\nother: 1\n")


def test_what_it_leaves_to_the_checked_way() -> None:
    for text in ("a: 1\na: 2\n", "<<: {a: 1}\nb: 2\n", "? [a]\n: 1\n", "a: !!set {x}\n"):
        assert not check(text)
    deep = "a:\n" + "".join("  " * i + " b:\n" for i in range(1, yamlsource.MAX_DEPTH + 2))
    assert not check(deep + "  " * (yamlsource.MAX_DEPTH + 2) + " c: 1\n")


def test_keys_of_one_value_and_one_text() -> None:
    """Two keys of one value (`1` and `1.0`, `true` and `1`) are one key of the mapping
    PyYAML builds; the quick way leaves them to the checked way, which builds it. One text
    under two tags (`1` and `"1"`) is two keys, built the quick way."""
    for text in ("1: a\n1.0: b\n", "true: a\n1: b\n", "0x1: a\n1: b\n", "k: {1: a, 1.0: b}\n"):
        assert not check(text), text
        assert parse_yaml(text, "x.yaml").data == yaml.safe_load(text), text
    for text in ('1: a\n"1": b\n', "'true': a\ntrue: b\n"):
        assert check(text), text
        assert parse_yaml(text, "x.yaml").data == yaml.safe_load(text), text


def test_parse_yaml_still_locates_what_it_refuses() -> None:
    with pytest.raises(yamlsource.SourceError) as dup:
        parse_yaml("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert (dup.value.problem.line, dup.value.problem.check) == (3, "duplicate-key")
    with pytest.raises(yamlsource.SourceError) as bad:
        parse_yaml("when: 2024-02-30\n", "x.yaml")
    assert (bad.value.problem.line, bad.value.problem.check) == (1, "yaml-value")


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(AWKWARD),
    st.dates(),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.sampled_from(AWKWARD), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.booleans())
def test_generated_documents(data: Any, flow: bool) -> None:
    check(yaml.safe_dump({"root": data}, default_flow_style=flow, allow_unicode=True))


FORMS = [  # text, what YAML 1.1 reads, its form
    ("010", 8, "octal"), ("0100", 64, "octal"), ("-010", -8, "octal"), ("00", 0, "octal"),
    ("0x10", 16, "hexadecimal"), ("0b11", 3, "binary"), ("1:30", 90, "base-60"),
    ("190:00", 11400, "base-60"), ("1:30.5", 90.5, "base-60"), ("1.0e-400", 0.0, "underflow"),
    ("10", 10, None), ("1_000", 1000, None), ("0", 0, None), ("-0", 0, None),
    ("0.0e-400", 0.0, None), ("00.5", 0.5, None), ("1.5e+3", 1500.0, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "value", "form"), FORMS, ids=[f[0] for f in FORMS])
def test_numbers_keep_their_written_form_both_ways(text: str, value: Any, form: str | None) -> None:
    """The quick way and the checked way (an alias sends a file that way) build the same
    number, which knows what it was written as when YAML read it from another form."""
    quick = parse_yaml(f"a: {text}\n", "x.yaml").data["a"]
    checked = parse_yaml(f"a: &n {text}\nb: *n\n", "x.yaml").data["a"]
    for got in (quick, checked):
        assert got == value and not isinstance(got, bool)
        if form is None:
            assert not isinstance(got, Written)
        else:
            assert isinstance(got, Written) and (got.text, got.form) == (text, form)
    quoted = parse_yaml(f"a: '{text}'\n", "x.yaml").data["a"]
    assert quoted == text and not isinstance(quoted, Written)  # quoted: text, as written


def test_plain_decimal_ints_take_no_constructor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A count written in decimal digits (most numbers of a batch, nearly all new: the
    built-value memo holds BUILT_MAX) is the int it reads as, without PyYAML's
    constructor and the written-form check; any other form still takes them."""
    int_tag = "tag:yaml.org,2002:int"
    built = fast._SCALARS[int_tag]
    asked: list[str] = []

    def counted(constructor: Any, node: yaml.ScalarNode) -> Any:
        asked.append(node.value)
        return built(constructor, node)

    monkeypatch.setitem(fast._SCALARS, int_tag, counted)
    monkeypatch.setattr(fast, "_BUILT", {})
    texts = ["52503", "0", "7", "1234567890123", "010", "1_000", "-5", "+5", "00"]
    text = "".join(f"k{i}: {t}\n" for i, t in enumerate(texts))
    assert check(text)  # the quick way, as the safe constructor builds it
    assert asked == ["010", "1_000", "-5", "+5", "00"]
    data = parse_yaml(text, "x.yaml").data
    assert [type(v) for v in data.values()][:4] == [int] * 4
