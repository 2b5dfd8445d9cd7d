"""Find and load a profile and its reference lists; every failure is a located problem.

A profile is named by a path or by the id of a profile in a criteria folder: the
folders in DEALERSCREEN_CRITERIA_PATH first, then the profiles shipped in the package
(or, in a checkout, the repository's criteria/ folder).

Criteria arrive in pull requests and are untrusted in CI: what a profile reads through
`reference:` and `extends:` must lie in a criteria root (the folder of the profile asked
for, a folder of DEALERSCREEN_CRITERIA_PATH, the shipped profiles), symbolic links
followed, and a reference list must say `kind: reference-list` before anything of it is
validated, so a profile cannot make CI read any YAML or JSON file and echo it in errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from dealerscreen.criteria.catalog import (
    CRITERIA_MAX_BYTES,
    find_profile,
    list_profiles,
    search_dirs,
)
from dealerscreen.criteria.extends import Layout, merge
from dealerscreen.criteria.models import Profile
from dealerscreen.i18n.checktext import message
from dealerscreen.i18n.problemtext import say as said
from dealerscreen.models.problems import FatalError, Message, Problem
from dealerscreen.reference.lists import ReferenceList, ReferenceListFile
from dealerscreen.rules import CONDITION_KINDS, SCORING_KINDS
from dealerscreen.yamlsource import (
    Document,
    SourceError,
    locate,
    parse_yaml,
    validation_problems,
)
from dealerscreen.yamlsource.sourcefile import SourceText, read_text

DEFAULT_PROFILE = "xiaomi-2s-2024"
UNION_TAGS = frozenset(CONDITION_KINDS) | frozenset(SCORING_KINDS)


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    path: str
    document: Document
    references: dict[str, ReferenceList]
    reference_docs: dict[str, Document]
    # sha256 by path relative to the profile's folder: stable wherever the criteria live.
    files: dict[str, str] = field(default_factory=dict)
    layout: Layout | None = None  # where each part was written, when the profile extends

    def position(self, loc: tuple[str | int, ...]) -> tuple[str, int | None, int | None]:
        """File, line and column of a location in the (merged) profile."""
        if self.layout is not None:
            return self.layout.position(loc)
        line, col, _ = locate(self.document.node, loc)
        return self.path, line, col


# Parsed criteria files, by the path as given and the sha256 of the bytes just read: a
# process that loads a profile again (a test run, a programme's commands) parses it once.
# The file is read every time, so an edit is a new key; a Document is frozen and nothing
# writes into its data (tests/test_once_per_process.py checks both).
# Bounded, so a long-lived process keeps a few small files, not every version of any size:
# _PARSED_MAX entries, the least recently used going first; a file over _PARSED_MAX_CHARS
# (the shipped ones are under 30,000) is parsed each time, as before.
_PARSED: dict[tuple[str, str], Document] = {}
_PARSED_MAX = 32
_PARSED_MAX_CHARS = 256_000
K = TypeVar("K")
V = TypeVar("V")


def _recalled(memo: dict[K, V], key: K) -> V | None:
    found = memo.pop(key, None)
    if found is not None:
        memo[key] = found  # now the most recently used
    return found


def _kept(memo: dict[K, V], key: K, value: V) -> V:
    while len(memo) >= _PARSED_MAX:
        memo.pop(next(iter(memo)))  # the least recently used
    memo[key] = value
    return value


def _parsed(source: SourceText) -> Document:
    key = (source.path, source.sha256)
    doc = _recalled(_PARSED, key)
    if doc is None:
        doc = parse_yaml(source.text, source.path)
        if len(source.text) <= _PARSED_MAX_CHARS:
            _kept(_PARSED, key, doc)
    return doc


def _read_doc(path: str) -> tuple[Document, str]:
    try:
        source = read_text(path, CRITERIA_MAX_BYTES)
        doc = _parsed(source)
    except SourceError as exc:
        raise FatalError([exc.problem]) from None
    if not isinstance(doc.data, dict):
        raise FatalError(
            [Problem(path, 1, 1, "error", said("criteria.not-a-mapping"), None, "not-a-mapping")]
        )
    return doc, source.sha256


class NotCriteria(Exception):
    """A file read for a profile is not of the kind it must be: nothing of it is shown."""


# Reference lists, by the same key as their parse: building a list's index (every name
# and alias normalised) is most of loading it. A ReferenceList is not changed once made;
# what it remembers of the names it resolved depends on its entries only.
_LISTS: dict[tuple[str, str], ReferenceList] = {}


def _load_list(path: str, kind: str | None = None) -> tuple[ReferenceList, Document, str]:
    doc, digest = _read_doc(path)
    if kind is not None and doc.data.get("kind") != kind:
        raise NotCriteria(path)
    found = _recalled(_LISTS, (path, digest))
    if found is None:
        try:
            spec = ReferenceListFile.model_validate(doc.data)
        except ValidationError as exc:
            problems = validation_problems(doc, exc, ReferenceListFile, UNION_TAGS)
            raise FatalError(problems) from None
        found = ReferenceList(spec)
        if (path, digest) in _PARSED:  # a small file: kept within the same bounds
            _kept(_LISTS, (path, digest), found)
    return found, doc, digest


def load_reference_list(path: str) -> tuple[ReferenceList, Document]:
    """One reference-list file on its own (for validation)."""
    found, doc, _ = _load_list(path)
    return found, doc


def criteria_roots(profile_path: str) -> list[str]:
    """The folders a profile may read from: its own, DEALERSCREEN_CRITERIA_PATH, shipped."""
    folders = [Path(profile_path).parent, *search_dirs()]
    return [os.path.realpath(f) for f in folders]


def confined(path: str | Path, roots: list[str]) -> bool:
    """True when PATH, its links followed, is in one of the roots (or below it)."""
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


OUTSIDE = message("outside")


def _resolve_parent(ref: str, child: Document, roots: list[str]) -> str:
    """`extends:` names a file relative to the child, or a profile id (the child's folder first)."""
    folder = Path(child.path).parent
    if ref.endswith((".yaml", ".yml")) or "/" in ref or os.sep in ref:
        path = folder / ref
        if not confined(path, roots):
            raise FatalError([Problem(str(path), None, None, "error", OUTSIDE, None, "outside")])
        if not path.is_file():
            raise FatalError(
                [Problem(str(path), None, None, "error", said("criteria.no-file"), None, "")]
            )
        return str(path)
    for info in list_profiles([folder, *search_dirs()]):
        if info.id == ref:
            return info.path
    raise FatalError([Problem(ref, None, None, "error", said("criteria.no-id"), None, "")])


def _load_profile_model(
    path: str, roots: list[str]
) -> tuple[Profile, Document, dict[str, str], Layout | None]:
    doc, digest = _read_doc(path)
    digests = {path: digest}

    def read(parent: str, child: Document) -> Document:
        parent_doc, parent_digest = _read_doc(parent)
        digests[parent] = parent_digest
        return parent_doc

    data, layout = merge(doc, read, lambda ref, child: _resolve_parent(ref, child, roots))
    extended = layout.chain != []
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        route = layout.where if extended else None
        raise FatalError(validation_problems(doc, exc, Profile, UNION_TAGS, route)) from None
    return profile, doc, digests, layout if extended else None


def load_profile(ref: str) -> LoadedProfile:
    path = find_profile(ref)
    roots = criteria_roots(path)  # its folder, DEALERSCREEN_CRITERIA_PATH's, the shipped
    profile, doc, digests, layout = _load_profile_model(path, roots)
    base = Path(path).parent
    files = {os.path.normpath(os.path.relpath(p, base)): d for p, d in digests.items()}
    references: dict[str, ReferenceList] = {}
    ref_docs: dict[str, Document] = {}
    problems: list[Problem] = []

    def refused(name: str, why: Message, check: str) -> Problem:
        loc = ("reference", name)
        file, line, col = layout.position(loc) if layout else (path, *locate(doc.node, loc)[:2])
        return Problem(file, line, col, "error", why, ".".join(loc), check)

    for name, rel in profile.reference.items():
        ref_path = os.path.normpath(base / rel)
        if not confined(ref_path, roots):
            problems.append(
                refused(name, message("outside.reference", ref=rel), "outside-criteria")
            )
            continue
        try:
            found, ref_doc, ref_digest = _load_list(ref_path, "reference-list")
        except NotCriteria:  # say nothing of what is in it
            why = message("not-a-list", ref=rel)
            problems.append(refused(name, why, "not-criteria"))
            continue
        except FatalError as exc:
            problems.extend(exc.problems)
            continue
        references[name] = found
        ref_docs[name] = ref_doc
        files[os.path.normpath(rel)] = ref_digest
    if problems:
        raise FatalError(problems)
    return LoadedProfile(profile, path, doc, references, ref_docs, files, layout)
