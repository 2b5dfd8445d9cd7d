"""Parse YAML or JSON text safely, keep node positions, and map pydantic errors to them.

Only safe loading is used (`!!python/...` tags are errors). The parse keeps the node tree
so that a pydantic location such as ('site', 'building_area_sqm') can be reported at
the line and column where the user wrote it.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from dealerscreen.problems import Problem

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    from pydantic import BaseModel, ValidationError

try:  # libyaml's C parser is several times faster; fall back to pure Python if absent.
    _Base: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

RESOLVED_MAX = 4096  # remembered scalar spellings: keys and repeated values, not free text
_RESOLVED: dict[tuple[str, bool, bool], str] = {}


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader with each plain scalar's implicit tag remembered.

    The C parser asks Python to resolve the tag of every scalar (a regex per candidate
    type); an applicant file's keys and most of its values repeat across a batch. The
    safe loader has no path resolvers, so the tag is a function of the text and its style
    alone, and remembering it changes nothing but the time.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, bool(implicit[0]), bool(implicit[1]))
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < RESOLVED_MAX:
                _RESOLVED[key] = tag
        return tag


# A hand-written applicant has a few hundred nodes and a depth under ten; a large profile a
# few thousand. These bounds are far above that and far below what hurts: libyaml's
# composer recurses in C (a 400,000-deep file crashes the interpreter), and aliases can
# make a 1 KB file stand for billions of nodes ("billion laughs").
MAX_DEPTH = 100
MAX_NODES = 200_000


class SourceError(Exception):
    """A file that cannot be read as a document; carries its located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render())
        self.problem = problem


@dataclass(frozen=True)
class Document:
    path: str
    data: Any
    node: yaml.Node | None  # None for JSON until a position is needed
    text: str = ""


def _mark_problem(
    path: str, exc: yaml.MarkedYAMLError, check: str, kind: str = "YAML syntax error"
) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or str(exc)
    if exc.context:
        what = f"{exc.context}: {what}"
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return Problem(path, line, col, "error", f"{kind}: {what}", None, check)


def _reader_problem(path: str, text: str, exc: yaml.YAMLError) -> Problem:
    """A character YAML does not accept (a control character), or another unmarked error."""
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"character {ord(char):#06x} is not allowed in YAML ({exc.reason})"
        return Problem(path, line, col, "error", message, None, "yaml-syntax")
    return Problem(path, None, None, "error", f"YAML error: {exc}", None, "yaml-syntax")


# libyaml (0.2.6 and later) stops at a nesting limit of its own, 1000 levels by default, with
# "exceeded maximum nesting depth". Its scanner looks ahead (a flow collection may be a key),
# so it can reach that limit before the event pass of `check_budget` has seen level
# MAX_DEPTH + 1. The C parser's limit is the project's limit: the problem is `too-deep`,
# located where the nesting first passes MAX_DEPTH, as found by the pure-Python parser (which
# has no limit of its own) over the text that libyaml read before it stopped.
_C_LIMIT_WORDS = ("nesting",)


def _is_c_limit(exc: yaml.MarkedYAMLError) -> bool:
    words = f"{exc.context or ''} {exc.problem or ''}".lower()
    return any(word in words for word in _C_LIMIT_WORDS)


def _syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A syntax error, or libyaml's own nesting limit reported as the project's `too-deep`."""
    if not _is_c_limit(exc):
        return _mark_problem(path, exc, "yaml-syntax")
    mark = exc.problem_mark or exc.context_mark
    end = mark.index + 1 if mark is not None else len(text)
    try:
        check_budget(text[:end], path, loader_class=yaml.SafeLoader)
    except SourceError as inner:
        if inner.problem.check == "too-deep":
            return inner.problem
    # libyaml's limit below the project's (not so today): refuse at the point it stopped.
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    message = "nested deeper than the YAML parser allows; refused"
    return Problem(path, line, col, "error", message, None, "too-deep")


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


def _check_tree(path: str, node: yaml.Node, keys: bool, max_depth: int | None) -> None:
    """One walk of a composed tree: nesting depth (when `check_budget` did not run) and keys.

    PyYAML keeps the last of two equal keys silently; a hand-typed file means a mistake.
    Depth is refused first, at the first collection too deep in document order, as the
    event pass would (`check_budget`); then the first duplicate key this walk meets.
    """
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    visited: set[int] = set()  # aliases share nodes: check each once
    duplicate: SourceError | None = None
    too_deep: yaml.Node | None = None
    while stack:
        current, depth = stack.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        if isinstance(current, yaml.MappingNode):
            if max_depth is not None and depth > max_depth:
                too_deep = _first(too_deep, current)
                continue
            seen: dict[Any, yaml.Node] = {}
            for key, value in current.value:
                if keys and duplicate is None and isinstance(key, yaml.ScalarNode):
                    if key.value in seen and key.value != "<<":
                        first = seen[key.value].start_mark.line + 1
                        duplicate = SourceError(
                            Problem(
                                path,
                                key.start_mark.line + 1,
                                key.start_mark.column + 1,
                                "error",
                                f"duplicate key '{key.value}' (first at line {first})",
                                None,
                                "duplicate-key",
                            )
                        )
                    seen[key.value] = key
                if max_depth is not None and not isinstance(key, yaml.ScalarNode):
                    stack.append((key, depth + 1))  # a collection as a key nests too
                stack.append((value, depth + 1))
            if duplicate is not None and max_depth is None:
                raise duplicate
        elif isinstance(current, yaml.SequenceNode):
            if max_depth is not None and depth > max_depth:
                too_deep = _first(too_deep, current)
                continue
            stack.extend((item, depth + 1) for item in current.value)
    if too_deep is not None:
        raise _refuse(
            path,
            too_deep.start_mark,
            f"nested more than {max_depth} levels deep; refused",
            "too-deep",
        )
    if duplicate is not None:
        raise duplicate


class _Unusual(Exception):
    """Something `_plain` leaves to the full, checked construction."""


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Scalar tags built by the safe constructor's own functions; their values are immutable,
# so a text seen before gives the same object back (a batch repeats most values).
_SCALARS = {
    tag: fn
    for tag, fn in yaml.constructor.SafeConstructor.yaml_constructors.items()
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
_CTOR = yaml.constructor.SafeConstructor()


def _plain(node: yaml.Node, depth: int) -> Any:
    """The data of a tree of plain YAML (maps, sequences, the core scalar types), as the
    safe constructor would build it, in one quick pass; `_Unusual` for anything else
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


def _first(a: yaml.Node | None, b: yaml.Node) -> yaml.Node:
    if a is None:
        return b
    return b if b.start_mark.index < a.start_mark.index else a


def _check_duplicate_keys(path: str, node: yaml.Node) -> None:
    _check_tree(path, node, True, None)


# Without anchors and aliases a file's values are fewer than twice its characters, and its
# nesting is no deeper than its collection indicators ('[', '{', '-', ':', '?': each
# collection owns one, opening it or its first entry). Below this many, libyaml's composer
# is safe (it recursed 10,000 levels here; 30,000 crashed the interpreter), so the event
# pass of `check_budget` can be skipped and the depth checked on the composed tree.
SAFE_INDICATORS = 4_000
SAFE_CHARS = MAX_NODES // 2


def _needs_event_pass(text: str) -> bool:
    if len(text) > SAFE_CHARS or "&" in text or "*" in text:
        return True
    indicators = sum(map(text.count, "[{-:?"))
    return indicators > SAFE_INDICATORS


def _refuse(path: str, mark: Any, message: str, check: str) -> SourceError:
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return SourceError(Problem(path, line, col, "error", message, None, check))


def check_budget(
    text: str,
    path: str,
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
    loader_class: type[Any] = _Loader,
) -> None:
    """Refuse deep nesting, alias bombs and recursive aliases before anything is composed.

    One pass over the parser's events (libyaml's parser is iterative, unlike its composer):
    each anchor's expanded size is known when its node ends, so every alias adds what it
    stands for and the running total is the size the data would have once built, computed
    in time linear in the text. An alias to a node still open is a recursive structure.
    """
    loader = loader_class(text)
    sizes: dict[str, int] = {}
    stack: list[tuple[str | None, int]] = []  # (anchor, expanded size so far) per open node
    total = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            size = 0
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append((event.anchor, 1))
                if len(stack) > max_depth:
                    raise _refuse(
                        path,
                        event.start_mark,
                        f"nested more than {max_depth} levels deep; refused",
                        "too-deep",
                    )
                total += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                total += 1
                if event.anchor is not None:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if any(anchor == event.anchor for anchor, _ in stack):
                    raise _refuse(
                        path,
                        event.start_mark,
                        f"alias *{event.anchor} refers to a node that contains it; refused",
                        "recursive-alias",
                    )
                size = sizes.get(event.anchor or "", 1)
                total += size
            if size and stack:
                anchor, so_far = stack[-1]
                stack[-1] = (anchor, so_far + size)
            if total > max_nodes:
                raise _refuse(
                    path,
                    event.start_mark,
                    f"the data would expand to more than {max_nodes:,} values (aliases); refused",
                    "too-many-nodes",
                )
    except yaml.MarkedYAMLError as exc:
        raise SourceError(_syntax_problem(path, text, exc)) from None
    except yaml.YAMLError as exc:
        raise SourceError(_reader_problem(path, text, exc)) from None
    finally:
        loader.dispose()


def compose(text: str, path: str, check_keys: bool = False) -> yaml.Node | None:
    """The node tree, within the depth and size budget; duplicate keys refused if asked."""
    node, event_pass = _compose(text, path)
    if node is not None and (check_keys or not event_pass):
        _check_tree(path, node, check_keys, None if event_pass else MAX_DEPTH)
    return node


def _compose(text: str, path: str) -> tuple[yaml.Node | None, bool]:
    """The node tree and whether the event pass checked its depth (else the caller must)."""
    event_pass = _needs_event_pass(text)
    if event_pass:
        check_budget(text, path)
    loader = _Loader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            mark = exc.problem_mark
            raise SourceError(
                Problem(
                    path,
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                    "error",
                    "several YAML documents in one file; put one applicant per file",
                    None,
                    "multiple-documents",
                )
            ) from None
        raise SourceError(_mark_problem(path, exc, "yaml-syntax")) from None
    except yaml.MarkedYAMLError as exc:
        raise SourceError(_syntax_problem(path, text, exc)) from None
    except yaml.YAMLError as exc:
        raise SourceError(_reader_problem(path, text, exc)) from None
    finally:
        loader.dispose()
    return node, event_pass


def parse_yaml(text: str, path: str) -> Document:
    node, event_pass = _compose(text, path)
    if node is None:
        raise SourceError(Problem(path, None, None, "error", "the file is empty", None, "empty"))
    if not event_pass:  # no aliases (the event pass runs when there are): no shared nodes
        try:
            return Document(path, _plain(node, 1), node)
        except _Unusual:
            pass  # the checked, located way below says what is wrong, or builds it
    _check_tree(path, node, True, None if event_pass else MAX_DEPTH)
    try:
        data = _Constructor().construct_document(node)
    except _TagError as exc:
        raise SourceError(_mark_problem(path, exc, "yaml-tag", "YAML tag refused")) from None
    except yaml.constructor.ConstructorError as exc:
        raise SourceError(_mark_problem(path, exc, "yaml-value", "YAML value error")) from None
    return Document(path, data, node)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key '{key}'")
        out[key] = value
    return out


def parse_json(text: str, path: str) -> Document:
    if not text.strip():
        raise SourceError(Problem(path, None, None, "error", "the file is empty", None, "empty"))
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise SourceError(
            Problem(
                path,
                exc.lineno,
                exc.colno,
                "error",
                f"JSON syntax error: {exc.msg}",
                None,
                "json-syntax",
            )
        ) from None
    except RecursionError:
        raise SourceError(
            Problem(
                path,
                None,
                None,
                "error",
                f"nested more than {MAX_DEPTH} levels deep; refused",
                None,
                "too-deep",
            )
        ) from None
    except ValueError as exc:
        _locate_duplicate_json_key(text, path)
        raise SourceError(
            Problem(path, None, None, "error", str(exc), None, "duplicate-key")
        ) from None
    if _depth(data) > MAX_DEPTH:
        raise SourceError(
            Problem(
                path,
                None,
                None,
                "error",
                f"nested more than {MAX_DEPTH} levels deep; refused",
                None,
                "too-deep",
            )
        )
    return Document(path, data, None, text)


def _locate_duplicate_json_key(text: str, path: str) -> None:
    """Raise the duplicate-key problem at its position, read with the YAML composer."""
    try:
        node = compose(text, path)
    except SourceError:
        return  # not YAML-compatible JSON: the caller reports it without a position
    if node is not None:
        _check_duplicate_keys(path, node)


def _depth(data: Any) -> int:
    """Nesting depth of parsed JSON, without recursion (JSON has no aliases to bound)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item)
    return deepest


def parse(text: str, path: str) -> Document:
    if path.lower().endswith(".json"):
        return parse_json(text, path)
    return parse_yaml(text, path)


def node_of(doc: Document) -> yaml.Node | None:
    """The node tree, composing JSON lazily: most JSON files never need a position."""
    if doc.node is not None:
        return doc.node
    try:
        # JSON is (nearly) YAML, so the YAML composer gives JSON positions too.
        return compose(doc.text, doc.path)
    except SourceError:
        return None


def locate(node: yaml.Node | None, loc: Sequence[str | int]) -> tuple[int | None, int | None, bool]:
    """Line and column (1-based) of a location; the bool says whether it was reached fully.

    When the location names a key that is absent (a missing field), the nearest existing
    parent is returned.
    """
    if node is None:
        return None, None, False
    current = node
    for part in loc:
        if isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    current = v
                    break
            else:
                return current.start_mark.line + 1, current.start_mark.column + 1, False
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(current.value):
                return current.start_mark.line + 1, current.start_mark.column + 1, False
            current = current.value[part]
        else:
            break
    mark = current.start_mark
    return mark.line + 1, mark.column + 1, True


def _key_position(
    node: yaml.Node | None, loc: Sequence[str | int]
) -> tuple[int | None, int | None]:
    """Position of the key itself (for unknown keys, whose value is beside the point)."""
    if node is None or not loc:
        return None, None
    parent_line, parent_col, _ = locate(node, loc[:-1])
    current = node
    for part in loc[:-1]:
        if isinstance(current, yaml.MappingNode):
            current = next((v for k, v in current.value if k.value == str(part)), current)
        elif (
            isinstance(current, yaml.SequenceNode)
            and isinstance(part, int)
            and part < len(current.value)
        ):
            current = current.value[part]
    if isinstance(current, yaml.MappingNode):
        for k, _v in current.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(loc[-1]):
                return k.start_mark.line + 1, k.start_mark.column + 1
    return parent_line, parent_col


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    from pydantic import BaseModel

    """The model class that owns the last element of a location, for "did you mean"."""
    from dealerscreen.fields import _strip_optional

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        if part not in current.model_fields:
            return current
        inner = _strip_optional(current.model_fields[part].annotation)
        args = getattr(inner, "__args__", None)
        if args and getattr(inner, "__origin__", None) is list:
            inner = _strip_optional(args[0])
        current = inner
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def validation_problems(
    doc: Document,
    exc: ValidationError,
    model: type[BaseModel] | None = None,
    union_tags: Collection[str] = (),
    route: Callable[[tuple[str | int, ...]], tuple[Document, tuple[str | int, ...]]] | None = None,
) -> list[Problem]:
    """One located problem per pydantic error, with "did you mean" for unknown keys.

    `route` maps a location of merged data (a profile that extends another) to the file
    and location where that part was written.
    """
    home = doc
    nodes: dict[str, yaml.Node | None] = {}  # composing a JSON file once, however many errors
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        # A discriminated union puts its tag ("compare") in the location; it is not a key.
        full = tuple(p for p in err["loc"] if p not in union_tags)
        doc, loc = route(full) if route else (home, full)
        if doc.path not in nodes:
            nodes[doc.path] = node_of(doc)
        node = nodes[doc.path]
        kind = err["type"]
        field = dotted(loc) or None
        if kind == "extra_forbidden":
            line, col = _key_position(node, loc)
            message = f"unknown field '{loc[-1]}'"
            owner = _model_at(model, loc[:-1]) if model else None
            if owner is not None:
                hint = difflib.get_close_matches(str(loc[-1]), list(owner.model_fields), n=1)
                if hint:
                    message += f"; did you mean '{hint[0]}'?"
            problems.append(Problem(doc.path, line, col, "error", message, field, "unknown-field"))
            continue
        line, col, _ = locate(node, loc)
        if kind == "union_tag_invalid":
            ctx = err.get("ctx", {})
            tag = str(ctx.get("tag", ""))
            known = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
            hint = difflib.get_close_matches(tag, known, n=1)
            message = f"unknown kind '{tag}'" + (f"; did you mean '{hint[0]}'?" if hint else "")
            message += f" (known: {', '.join(known)})"
            line, col, _ = locate(node, (*loc, "kind"))
            problems.append(Problem(doc.path, line, col, "error", message, field, "unknown-kind"))
            continue
        if kind == "missing":
            message = f"required field '{loc[-1]}' is missing"
        else:
            message = f"{err['msg']} (got {_short(err.get('input'))})"
        problems.append(Problem(doc.path, line, col, "error", message, field, kind))
    return sorted(set(problems))
