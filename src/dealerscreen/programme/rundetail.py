"""A run's detail (runs.detail) against the act that recorded the run, for `programme check`.

A screening run's detail holds what its decisions' records are read with: the profile,
its criteria digest, each rule's facts (`reads`) and the text of each criteria file it
decided by (`criteria`, storing.criteria_texts). Its decisions' rows are sealed by the
screen act; since this module, the detail's text is too: the act's payload carries its
sha256 (`SEAL`), and a detail edited by hand (a kept criteria text, `reads`, the digest)
no longer matches it. An intake run's detail (the inputs given) is sealed the same way:
the export writes it as part of the record.

Runs recorded before carry no such seal, and are not migrated (a seal made now would
seal whatever the detail holds now). What can be checked of them without it is checked:
- a screening's detail names the criteria digest its act's payload names (the payload
  is sealed by the chain);
- the criteria texts it keeps, when their file set is complete, make that digest (each
  text's sha256 by its path, as `models.clock.combined_digest` made it of the files).
  A text was kept only when its file still had the digest it was decided with, so a set
  may lack a file (one edited while the run was stored): then it cannot be told from an
  edited set, and nothing is said. A set is complete when it holds the run's profile
  and every file its texts name (a path or a profile id in `extends:`, a reference
  list's path); an edit that also names a file that is not kept, or makes a text no
  longer YAML, or changes the profile's id in the detail and in its text, is not found.
- `reads`, the profile's id and version, and the record's schema name of such a run
  cannot be checked: nothing sealed holds them. Nor can an intake run's detail.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from typing import Any

from dealerscreen.models.clock import combined_digest
from dealerscreen.yamlsource import SourceError, parse_yaml

SEAL = "detail_digest"  # the act payload's key: sha256 of the run's detail text as stored


def seal(text: str) -> str:
    """The sha256 of a run's detail text (its canonical JSON, as stored)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def changed(kind: str, payload: Mapping[str, Any], text: str | None) -> bool:
    """Whether the detail `text` of the run an intake or screen act recorded (None: no
    such run row) is not what the act sealed, or, for a run recorded before detail was
    sealed, disagrees with what is sealed of it."""
    if SEAL in payload:
        return text is None or seal(text) != payload[SEAL]
    if kind != "screen":  # an intake run's inputs: nothing sealed says what they were
        return False
    if text is None:
        return True
    try:
        detail = json.loads(text)
    except ValueError:  # written as canonical JSON: no longer JSON is an edit
        return True
    if not isinstance(detail, dict):
        return True
    digest = payload.get("criteria_digest")
    if digest is None:
        return False
    if detail.get("criteria_digest") != digest:
        return True
    texts = detail.get("criteria")
    if texts is None:  # recorded before runs kept their criteria texts
        return False
    if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
        return True
    return made_digest(texts) != digest and complete(texts, detail.get("profile"))


def made_digest(texts: Mapping[str, str]) -> str:
    """The criteria digest the texts make, as the run's was made of its files."""
    return combined_digest(
        {
            path: hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
            for path, text in texts.items()
        }
    )


def complete(texts: Mapping[str, str], profile: object) -> bool:
    """Whether the kept texts hold the run's `profile` (its id) and every file it was
    loaded from: its parents (`extends:`, a path relative to the file or a profile's id)
    and the reference lists of the merged profile (a child's list of a name over its
    parent's; each path relative to the file that wrote it, as criteria/extends.py reads
    them). The texts' paths are relative to the profile's folder. A text that cannot be
    read as YAML names what cannot be told: not complete."""
    data: dict[str, dict[str, Any]] = {}
    for path, text in texts.items():
        try:
            parsed = parse_yaml(text, path).data
        except (SourceError, ValueError):
            return False
        if not isinstance(parsed, dict):
            return False
        data[path] = parsed
    by_id = {d.get("id"): path for path, d in data.items() if d.get("kind") == "profile"}
    at = by_id.get(profile)
    lists: dict[str, str] = {}  # a reference list's name -> its path, the child's first
    for _ in range(len(data)):  # a chain longer than the texts goes round: not told
        if at not in data:  # the profile's own text, or a parent's, left out
            return False
        mine = data[at]
        named = mine.get("reference") or {}
        if not isinstance(named, dict):
            return False
        for name, rel in named.items():
            if not isinstance(rel, str):
                return False
            lists.setdefault(name, os.path.normpath(os.path.join(os.path.dirname(at), rel)))
        parent = mine.get("extends")
        if not isinstance(parent, str):
            return all(path in data for path in lists.values())
        if parent.endswith((".yaml", ".yml")) or "/" in parent:  # as the loader tells
            at = os.path.normpath(os.path.join(os.path.dirname(at), parent))
        else:
            at = by_id.get(parent)
    return False
