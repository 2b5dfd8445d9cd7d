"""Plain YAML (maps, sequences, the core scalars) built in one quick pass; anything else is left to the checked way."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    pass

from dealerscreen.yamlsource.base import MAX_DEPTH
from dealerscreen.yamlsource.loader import _Constructor


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
    parse cache spares it on a warm run, this spares most of it on a cold one.
    tests/test_yaml_fast.py checks it against the safe constructor.
    """
    cls = node.__class__
    if cls is yaml.ScalarNode:
        tag = node.tag
        if tag == _STR:
            return node.value
        key = (tag, node.value)
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
    if depth > MAX_DEPTH:
        raise _Unusual
    if cls is yaml.MappingNode:
        if node.tag != _MAP:
            raise _Unusual
        out: dict[Any, Any] = {}
        written: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.value in written:
                raise _Unusual
            if key_node.tag not in _KEY_TAGS:  # merge (<<) and value (=) keys, other tags
                raise _Unusual
            written.add(key_node.value)
            out[_plain(key_node, depth)] = _plain(value_node, depth + 1)
        return out
    if cls is yaml.SequenceNode and node.tag == _SEQ:
        return [_plain(item, depth + 1) for item in node.value]
    raise _Unusual


BUILT_MAX = 4096
_KEY_TAGS = frozenset((_STR, *_SCALARS))
