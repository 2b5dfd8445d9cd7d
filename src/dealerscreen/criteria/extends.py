"""`extends:` for profiles: a phase or a market is a small file over a base profile.

The merge is done on the parsed data, before pydantic sees it, so the merged profile is
validated exactly like a hand-written one. What the merge keeps is *where each part was
written*, so a problem in an inherited rule is reported in the parent's file and a problem
in the child's own text at the child's line and column.

Merge rules (child over parent):

- ``gates``, ``criteria``, ``bonuses``, ``checks``, ``tiers``: by ``id``. A child item
  with a parent's id replaces it in place; a new id is appended; ``remove: [ids]`` drops
  parent items from any of these sections.
- mappings (``sources``, ``reference``, ``quota``, ...): merged key by key, recursively.
- anything else (``max_points``, ``tie_break``, ``title``, ...): the child's value wins.
- ``reference`` paths are relative to the file that wrote them, so inherited ones are
  rewritten relative to the child.

Example (``criteria/xiaomi-2s-2025-expansion.yaml``)::

    extends: xiaomi-2s-2024.yaml      # a path relative to this file, or a profile id
    id: xiaomi-2s-2025-expansion
    reference:
      cities: reference/cities-xiaomi-2s-2025-illustrative.yaml
    remove: [store-format-2s]
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dealerscreen.i18n.checktext import message
from dealerscreen.i18n.problemtext import say
from dealerscreen.models.problems import FatalError, Loc, Message, Problem
from dealerscreen.yamlsource import Document, locate

RULE_SECTIONS = ("gates", "criteria", "bonuses", "checks", "tiers")
MAX_DEPTH = 16  # a deeper chain is a mistake, and keeps a runaway chain finite


@dataclass
class Layout:
    """Where each part of a merged profile was written: the file and the location in it."""

    document: Document  # the profile that was asked for (the last child)
    keys: dict[tuple[str, ...], Document] = field(default_factory=dict)
    items: dict[str, list[tuple[Document, int]]] = field(default_factory=dict)
    chain: list[str] = field(default_factory=list)  # parents, nearest first

    def where(self, loc: Loc) -> tuple[Document, Loc]:
        if len(loc) >= 2 and isinstance(loc[1], int) and str(loc[0]) in self.items:
            items = self.items[str(loc[0])]
            if loc[1] < len(items):
                doc, index = items[loc[1]]
                return doc, (loc[0], index, *loc[2:])
        for depth in (2, 1):
            key = tuple(str(p) for p in loc[:depth])
            if len(key) == depth and key in self.keys:
                return self.keys[key], loc
        return self.document, loc

    def position(self, loc: Loc) -> tuple[str, int | None, int | None]:
        doc, inner = self.where(loc)
        line, col, _ = locate(doc.node, inner)
        return doc.path, line, col


def _problem(doc: Document, loc: Loc, message: Message, check: str) -> Problem:
    line, col, _ = locate(doc.node, loc)
    return Problem(doc.path, line, col, "error", message, ".".join(map(str, loc)), check)


def _rebase(refs: Any, parent_dir: Path, child_dir: Path) -> Any:
    if not isinstance(refs, dict):
        return refs
    return {
        name: os.path.relpath(parent_dir / rel, child_dir) if isinstance(rel, str) else rel
        for name, rel in refs.items()
    }


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def merge(
    child: Document,
    read: Callable[[str, Document], Document],
    resolve: Callable[[str, Document], str],
    seen: tuple[str, ...] = (),
) -> tuple[dict[str, Any], Layout]:
    """The child's data with its parents merged in, and where each part came from.

    `resolve(ref, child)` turns an `extends` value into a path; `read(path, child)`
    parses it. Both raise FatalError with located problems.
    """
    data = child.data
    layout = Layout(child)
    own_keys: set[tuple[str, ...]] = {(str(k),) for k in data}
    own_keys |= {(str(k), str(s)) for k, v in data.items() if isinstance(v, dict) for s in v}
    ref = data.get("extends")
    if ref is None:
        layout.keys = dict.fromkeys(own_keys, child)
        for section in RULE_SECTIONS:
            if isinstance(data.get(section), list):
                layout.items[section] = [(child, i) for i in range(len(data[section]))]
        return dict(data), layout
    if not isinstance(ref, str) or not ref.strip():
        raise FatalError(
            [
                _problem(
                    child,
                    ("extends",),
                    message("extends-empty"),
                    "extends-missing",
                )
            ]
        )
    if "id" not in data:
        raise FatalError(
            [
                _problem(
                    child,
                    ("extends",),
                    message("extends-id"),
                    "extends-id",
                )
            ]
        )
    me = os.path.realpath(child.path)
    if len(seen) >= MAX_DEPTH:
        raise FatalError(
            [_problem(child, ("extends",), message("extends-deep", n=MAX_DEPTH), "extends-cycle")]
        )
    try:
        parent_path = resolve(ref, child)
    except FatalError as exc:
        why = exc.problems[0].message if exc.problems else message("extends-not-found")
        check = "outside-criteria" if exc.problems and exc.problems[0].check == "outside" else None
        raise FatalError(
            [
                _problem(
                    child,
                    ("extends",),
                    say("criteria.extends-missing", ref=ref, rest=why),
                    check or "extends-missing",
                )
            ]
        ) from None
    if os.path.realpath(parent_path) in (*seen, me):
        cycle = " -> ".join(Path(p).name for p in (*seen, me, os.path.realpath(parent_path)))
        raise FatalError(
            [_problem(child, ("extends",), message("extends-cycle", cycle=cycle), "extends-cycle")]
        )
    parent_doc = read(parent_path, child)
    if not isinstance(parent_doc.data, dict) or parent_doc.data.get("kind") != "profile":
        raise FatalError(
            [
                _problem(
                    child, ("extends",), message("extends-not-profile", ref=ref), "extends-missing"
                )
            ]
        )
    base, layout_p = merge(parent_doc, read, resolve, (*seen, me))

    problems: list[Problem] = []
    merged = dict(base)
    layout.chain = [parent_path, *layout_p.chain]
    layout.keys = dict(layout_p.keys)
    layout.items = {s: list(v) for s, v in layout_p.items.items()}
    merged["reference"] = _rebase(
        base.get("reference", {}), Path(parent_path).parent, Path(child.path).parent
    )
    removed = data.get("remove") or []
    if not isinstance(removed, list):
        removed = []  # pydantic reports the wrong type at the child's position
    for key, value in data.items():
        if key in RULE_SECTIONS and isinstance(value, list) and isinstance(merged.get(key), list):
            items = list(merged[key])
            where = list(layout.items.get(key, []))
            index = {it.get("id"): n for n, it in enumerate(items) if isinstance(it, dict)}
            for i, item in enumerate(value):
                n = index.get(item.get("id")) if isinstance(item, dict) else None
                if n is None:
                    items.append(item)
                    where.append((child, i))
                else:  # an override by id keeps the parent's place in the order
                    items[n] = item
                    where[n] = (child, i)
            merged[key], layout.items[key] = items, where
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
            if key in RULE_SECTIONS and isinstance(value, list):
                layout.items[key] = [(child, i) for i in range(len(value))]
    for k in own_keys:
        layout.keys[k] = child
    for i, rid in enumerate(removed):
        hits = [
            s
            for s in RULE_SECTIONS
            if any(isinstance(it, dict) and it.get("id") == rid for it in merged.get(s) or [])
        ]
        if not hits:
            problems.append(
                _problem(child, ("remove", i), message("unknown-remove", id=rid), "unknown-remove")
            )
        for s in hits:
            keep = [
                (it, w)
                for it, w in zip(merged[s], layout.items[s], strict=True)
                if not (isinstance(it, dict) and it.get("id") == rid)
            ]
            merged[s] = [it for it, _ in keep]
            layout.items[s] = [w for _, w in keep]
    if problems:
        raise FatalError(problems)
    return merged, layout
