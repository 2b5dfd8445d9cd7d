"""PyYAML's safe loader, with remembered scalar tags, and a constructor whose every failure is located."""

from __future__ import annotations

import operator
import re
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    pass

from dealerscreen.models.yamlforms import float_form, int_form, written
from dealerscreen.yamlsource.base import _short


def construct_int(constructor: Any, node: yaml.ScalarNode) -> Any:
    value = yaml.constructor.SafeConstructor.construct_yaml_int(constructor, node)
    return written(value, str(node.value), int_form(str(node.value)))


def construct_float(constructor: Any, node: yaml.ScalarNode) -> Any:
    value = yaml.constructor.SafeConstructor.construct_yaml_float(constructor, node)
    return written(value, str(node.value), float_form(str(node.value), value))


try:  # libyaml's C parser is several times faster; fall back to pure Python if absent.
    _Base: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

RESOLVED_MAX = 4096  # remembered scalar spellings: keys and repeated values, not free text
_RESOLVED: dict[str, str] = {}  # a plain scalar's text -> its implicit tag
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# What follows holds because the safe loader has no path resolvers (a tag by where a node
# is): then the tag of a node without one is a function of its kind, and for a plain
# scalar of its text alone; PyYAML's `resolve` works that out by regular expressions.
assert not _Base.yaml_path_resolvers


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader with each node's implicit tag worked out once per spelling.

    The C parser asks Python for the tag of every node without one, and tells the path
    resolvers of every step down and up (two calls more per node). Without path
    resolvers (above) those two do nothing, so they are C functions that do nothing; a
    quoted scalar is a string, a collection a map or a sequence; and a plain scalar's tag
    is remembered by its text (an applicant file's keys and most of its values repeat
    across a batch). The same tags as PyYAML's `resolve`, at about three quarters of the
    composing time (docs/performance-history.md); tests/test_yaml_fast.py compares the trees.
    """

    descend_resolver = operator.is_  # (parent, index) -> a bool nobody reads
    ascend_resolver = tuple  # () -> (): a type is not bound as a method

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if not implicit[0]:  # quoted, or tagged "!": a string
                return _STR
            tag = _RESOLVED.get(value)
            if tag is None:
                first = value[:1]
                if value and first not in _FIRSTS:  # see _FIRSTS below
                    tag = _STR
                elif plain_int(value):
                    tag = _INT
                elif len(value) > SHORT_MAX and first in _SHORT_FIRSTS:  # "No. 652 Road"
                    tag = _STR
                else:  # PyYAML's resolvers under `first`, in their order, in one match
                    found = _MATCH[first](value)
                    tag = _STR if found is None else _TAGS[found.lastgroup or ""]
                if len(_RESOLVED) < RESOLVED_MAX:
                    _RESOLVED[value] = tag
            return tag
        return _MAP if kind is yaml.MappingNode else _SEQ


# PyYAML tries a plain scalar against the implicit resolvers listed under its first
# character (and under None, for any: the safe loader lists none there). A scalar whose
# first character lists none is a string; one of ASCII digits without a leading zero
# matches the int resolver, the only one of a digit's three (float, int, timestamp) that
# such text matches. A batch's names, addresses and counts are mostly new texts: past
# RESOLVED_MAX they would each take PyYAML's regular expressions (tests/test_yaml_resolve.py).
_FIRSTS = frozenset(_Base.yaml_implicit_resolvers)
assert None not in _FIRSTS
_INT = "tag:yaml.org,2002:int"


def _name(first: str, i: int) -> str:
    return f"r{ord(first[:1] or chr(0))}_{i}"


def _one_pattern(first: str, resolvers: list[tuple[str, re.Pattern[str]]]) -> re.Pattern[str]:
    """The resolvers listed under one first character as one expression: group i is the
    i-th resolver's own (with its own flags), so the first group that matches is the tag
    PyYAML's loop over them returns (an alternation tries its branches in order)."""
    branches = []
    for i, (_tag, regexp) in enumerate(resolvers):
        assert regexp.flags & ~(re.X | re.U) == 0, regexp  # only these can be scoped
        scoped = "(?x:" if regexp.flags & re.X else "(?:"
        branches.append(f"(?P<{_name(first, i)}>{scoped}{regexp.pattern}))")
    return re.compile("|".join(branches))


_MATCH = {
    first: _one_pattern(first, resolvers).match
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_TAGS = {  # a group's name -> its resolver's tag
    _name(first, i): tag
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
    for i, (tag, _) in enumerate(resolvers)
}
# Characters whose resolvers each match a few words only (booleans, null, '<<', '=', '!'):
# none longer than 5 characters ("false"), and `$` lets a match end before a last newline.
# A longer text starting with one of them ("No. 652 Synthetic Road") is a string at once:
# tests/test_yaml_resolve.py works out each resolver's longest match from its expression.
SHORT_TAGS = frozenset(
    "tag:yaml.org,2002:" + kind for kind in ("bool", "null", "merge", "value", "yaml")
)
SHORT_MAX = 6
_SHORT_FIRSTS = frozenset(
    first
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
    if all(tag in SHORT_TAGS for tag, _ in resolvers)
)


def plain_int(text: str) -> bool:
    """Decimal digits as written (ASCII, no sign, no '_', no leading zero): an int to
    YAML 1.1 that reads as it looks (yamlforms.int_form: no other form)."""
    return text.isdigit() and text.isascii() and (text[0] != "0" or text == "0")


class _TagError(yaml.constructor.ConstructorError):
    pass


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe construction whose every failure is located.

    PyYAML's safe constructors raise bare ValueError and friends for values such as
    `!!int abc` or the date 2024-02-30; here they become errors at the value's position.
    Unknown tags (`!!python/object`, `!foo`) stay errors, as in any safe loader.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.MarkedYAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            what = node.tag.rsplit(":", 1)[-1] if node.tag else "a value"
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {_short(node.value)} as {what} ({exc})", node.start_mark
            ) from None

    def construct_undefined(self, node: yaml.Node) -> Any:
        raise _TagError(
            None,
            None,
            f"tag '{node.tag}' is not allowed: only plain YAML values (no Python objects or "
            "custom tags) are read",
            node.start_mark,
        )


_Constructor.add_constructor(None, _Constructor.construct_undefined)  # type: ignore[type-var]
# Numbers in YAML 1.1's other forms (010, 0x10, 1:30, 1.0e-400) keep what they were written
# as, for a number field to refuse (forms.py).
_Constructor.add_constructor("tag:yaml.org,2002:int", construct_int)
_Constructor.add_constructor("tag:yaml.org,2002:float", construct_float)
