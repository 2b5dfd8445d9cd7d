"""Plain YAML (maps, sequences, the core scalars) built in one quick pass; anything else is left to the checked way."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    pass

from dealerscreen.yamlsource.base import MAX_DEPTH
from dealerscreen.yamlsource.loader import _Constructor, plain_int


class _Unusual(Exception):
    """Something `_plain` leaves to the full, checked construction."""


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Scalar tags built by the checked constructor's functions (the safe constructor's, and
# numbers that keep their written form: forms.py); their values are immutable, so a text
# seen before gives the same object back (a batch repeats most values).
_SCALARS = {
    tag: fn
    for tag, fn in _Constructor.yaml_constructors.items()
    if tag
    in (
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    )
}
_BUILT: dict[tuple[str, str], Any] = {}
_CTOR = _Constructor()


def _plain(node: yaml.Node, depth: int) -> Any:
    """The data of a tree of plain YAML (maps, sequences, the core scalar types), as the
    checked constructor (`_Constructor`) would build it, in one quick pass; `_Unusual` for anything else
    (another tag, a merge key, a key written twice, a key that is not a scalar, nesting
    past MAX_DEPTH, a value the safe constructor refuses), which then takes the checked
    way: `_check_tree` and `_Constructor`, with their located errors.

    PyYAML's constructor is most of the cost of loading an applicant file (its generic
    per-node machinery: state, recursion guards, generators for collections); the
    parse cache spares it on a warm run, this spares most of it on a cold one. A map's
    scalar keys and values are built in its own loop, without a call each (most nodes
    are scalars). tests/test_yaml_fast.py checks it against the safe constructor.
    """
    cls = node.__class__
    if cls is _SCALAR:
        tag = node.tag
        return node.value if tag == _STR else _scalar(node, tag)
    if depth > MAX_DEPTH:
        raise _Unusual
    if cls is _MAPPING:
        if node.tag != _MAP:
            raise _Unusual
        out: dict[Any, Any] = {}
        pairs = node.value
        for key_node, value_node in pairs:
            if key_node.__class__ is not _SCALAR:
                raise _Unusual
            tag = key_node.tag
            if tag == _STR:
                key = key_node.value
            elif tag in _KEY_TAGS:
                key = _scalar(key_node, tag)
            else:  # merge (<<) and value (=) keys, other tags
                raise _Unusual
            if value_node.__class__ is _SCALAR:
                tag = value_node.tag
                out[key] = value_node.value if tag == _STR else _scalar(value_node, tag)
            else:
                out[key] = _plain(value_node, depth + 1)
        # Fewer keys than pairs: a key written twice (the checked way refuses it), or two
        # keys of one value (`1` and `1.0`: the checked way builds what PyYAML builds).
        if len(out) != len(pairs):
            raise _Unusual
        return out
    if cls is _SEQUENCE and node.tag == _SEQ:
        return [_plain(item, depth + 1) for item in node.value]
    raise _Unusual


def _scalar(node: yaml.Node, tag: str) -> Any:
    """A scalar that is not a string: as the checked constructor builds it. Decimal
    digits as written are the int they read as (`plain_int`); other texts are built once."""
    text = node.value
    if tag == _INT and plain_int(text):
        return int(text)
    key = (tag, text)
    try:
        return _BUILT[key]
    except KeyError:
        fn = _SCALARS.get(tag)
        if fn is None:
            raise _Unusual from None
        try:
            value = fn(_CTOR, node)
        except Exception:  # refused values are reported the checked way
            raise _Unusual from None
        if len(_BUILT) < BUILT_MAX:
            _BUILT[key] = value
        return value


_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
_INT = "tag:yaml.org,2002:int"
BUILT_MAX = 4096
_KEY_TAGS = frozenset((_STR, *_SCALARS))
