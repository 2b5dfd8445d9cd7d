"""Safe YAML loading within a budget: depth, size and aliases refused before anything is built; duplicate keys refused; libyaml's own limits mapped to the project's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from dealerscreen.i18n.problemtext import say
from dealerscreen.models.problems import Problem

if TYPE_CHECKING:  # pydantic is imported where models are, not to read a YAML file
    pass

from dealerscreen.yamlsource.base import (
    MAX_DEPTH,
    MAX_NODES,
    Document,
    SourceError,
    _mark_problem,
    _reader_problem,
    _refuse,
)
from dealerscreen.yamlsource.fast import _plain, _Unusual
from dealerscreen.yamlsource.loader import _Constructor, _Loader, _TagError

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
    message = say("too-deep.parser")
    return Problem(path, line, col, "error", message, None, "too-deep")


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
                    # `1` (an int) and `'1'` (a string) are different keys: the tag tells.
                    same = (key.tag, key.value)
                    if same in seen and key.value != "<<":
                        first = seen[same].start_mark.line + 1
                        duplicate = SourceError(
                            Problem(
                                path,
                                key.start_mark.line + 1,
                                key.start_mark.column + 1,
                                "error",
                                say("duplicate-key.line", key=key.value, line=first),
                                None,
                                "duplicate-key",
                            )
                        )
                    seen[same] = key
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
            say("too-deep", n=f"{max_depth}"),
            "too-deep",
        )
    if duplicate is not None:
        raise duplicate


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


# An anchor or an alias is '&' or '*' followed at once by its name (libyaml: letters,
# digits, '-', '_'); one followed by a space or the end is text ("Lynk & Co", a brand of
# the shipped list, sent every run through the event pass and the checked constructor).
# Unless the text has a second document (a '---' or '...' line), where composing would
# stop at its start and the event pass read on: such a text keeps the event pass.
_ANCHOR_OR_ALIAS = re.compile(r"[&*]\S|^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)


def _needs_event_pass(text: str) -> bool:
    if len(text) > SAFE_CHARS:
        return True
    if ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text) is not None:
        return True
    indicators = sum(map(text.count, "[{-:?"))
    return indicators > SAFE_INDICATORS


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
    aliases = False
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
                        say("too-deep", n=f"{max_depth}"),
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
                        say("recursive-alias", anchor=event.anchor or ""),
                        "recursive-alias",
                    )
                size = sizes.get(event.anchor or "", 1)
                total += size
                aliases = True
            if size and stack:
                anchor, so_far = stack[-1]
                stack[-1] = (anchor, so_far + size)
            if total > max_nodes:
                raise _refuse(
                    path,
                    event.start_mark,
                    say("alias-bomb", n=f"{max_nodes:,}")
                    if aliases
                    else say("too-many-nodes", n=f"{max_nodes:,}"),
                    "too-many-nodes",
                )
    except yaml.YAMLError as exc:
        raise _source_error(path, text, exc) from None
    finally:
        loader.dispose()


def _source_error(path: str, text: str, exc: yaml.YAMLError) -> SourceError:
    """A parser's error as the located problem: syntax (or a limit of libyaml's), or a
    character YAML does not accept."""
    if isinstance(exc, yaml.MarkedYAMLError):
        return SourceError(_syntax_problem(path, text, exc))
    return SourceError(_reader_problem(path, text, exc))


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
            message = say("multiple-documents")
            raise _refuse(path, exc.problem_mark, message, "multiple-documents") from None
        raise _source_error(path, text, exc) from None
    except yaml.YAMLError as exc:
        raise _source_error(path, text, exc) from None
    finally:
        loader.dispose()
    return node, event_pass


def parse_yaml(text: str, path: str) -> Document:
    node, event_pass = _compose(text, path)
    if node is None:
        raise SourceError(Problem(path, None, None, "error", say("empty"), None, "empty"))
    if not event_pass:  # no aliases (the event pass runs when there are): no shared nodes
        try:
            return Document(path, _plain(node, 1), node)
        except _Unusual:
            pass  # the checked, located way below says what is wrong, or builds it
    _check_tree(path, node, True, None if event_pass else MAX_DEPTH)
    try:
        data = _Constructor().construct_document(node)
    except _TagError as exc:
        raise SourceError(_mark_problem(path, exc, "yaml-tag", "yaml-tag")) from None
    except yaml.constructor.ConstructorError as exc:
        raise SourceError(_mark_problem(path, exc, "yaml-value", "yaml-value")) from None
    return Document(path, data, node)
