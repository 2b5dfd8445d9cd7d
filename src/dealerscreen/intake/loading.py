"""Applicant files in, applicant models or located problems out; every file is counted.

Folders are walked recursively in sorted order; YAML (.yaml, .yml) and JSON (.json) files
are read. A batch (`discover(..., batch=True)`) also takes from a folder what it takes
given directly: JSON Lines, CSV and XLSX files (a folder of returned application forms),
but not the lock file Excel leaves beside a workbook it has open. A bad file becomes
problems, never an exception, so the rest of a batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from dealerscreen.i18n.problemtext import say
from dealerscreen.intake.firstseen import FirstSeen
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import Message, Problem
from dealerscreen.yamlsource import (
    SourceError,
    dotted,
    locate,
    node_of,
    parse,
    validation_problems,
)
from dealerscreen.yamlsource.sourcefile import DEFAULT_MAX_BYTES, decode_text, read_text

SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")  # .jsonl: many applicants, see intake/
BATCH_SUFFIXES = (*SUFFIXES, ".csv", ".xlsx")  # what `screen` reads in a folder
# Excel keeps "~$form.xlsx" beside a workbook it has open: not a form, not readable
EXCEL_LOCK = "~$"

# Advice on a valid applicant (e.g. names no reference list knows): (location, message,
# check) triples that loading turns into located warnings, since only it has the document.
Advice = Callable[[Applicant], Iterable[tuple[tuple[str | int, ...], Message, str]]]


@dataclass(frozen=True, slots=True)
class Loaded:
    """One applicant file: its model, or the problems that kept it out."""

    path: str
    sha256: str | None
    applicant: Applicant | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Skipped:
    path: str
    why: Message


@dataclass
class Intake:
    """Everything found, so that found = screened + invalid + skipped always holds."""

    loaded: list[Loaded] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # about the run, not a file (the cache)
    # about an input that is no applicant's (the team's verifications): never invalid
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> list[Loaded]:
        return [x for x in self.loaded if x.applicant is not None]

    @property
    def invalid(self) -> list[Loaded]:
        return [x for x in self.loaded if x.applicant is None]

    @property
    def problems(self) -> list[Problem]:
        return [*(p for x in self.loaded for p in x.problems), *self.warnings]

    def files(self) -> Iterable[tuple[str, str | None]]:
        """(path, sha256) of every file read; a streamed batch keeps these on disk."""
        return [(x.path, x.sha256) for x in self.loaded]


def discover(
    paths: Iterable[str], batch: bool = False
) -> tuple[list[str], list[Skipped], list[Loaded]]:
    """Files to read, what was skipped and why, and paths that could not be read at all.
    `batch`: folders give the spreadsheets and JSON Lines files a batch reads too."""
    files: list[str] = []
    skipped: list[Skipped] = []
    broken: list[Loaded] = []
    # by real path: a file reached twice (two folders given, a link) is read once
    seen = FirstSeen(lambda: ((os.path.realpath(f), i) for i, f in enumerate(files)))

    def add(path: str, key: str | None = None) -> None:
        if seen.first(key or os.path.realpath(path), len(files)) != len(files):
            skipped.append(Skipped(path, say("skipped.twice")))
            return
        files.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found, real in _walk(path, skipped, broken, batch):
                add(found, real)
        elif path.exists():
            add(raw)
        else:
            why = say("broken-link") if path.is_symlink() else say("no-such-path")
            broken.append(
                Loaded(
                    raw, None, None, (Problem(raw, None, None, "error", why, None, "not-found"),)
                )
            )
    return files, skipped, broken


def holds(target: str, files: Sequence[str]) -> bool:
    """Whether any of `files` (found by walking the paths given) is `target` or under it."""
    root = os.path.abspath(target)
    inside = os.path.join(root, "")
    return any((a := os.path.abspath(f)) == root or a.startswith(inside) for f in files)


def _walk(
    root: Path, skipped: list[Skipped], broken: list[Loaded], batch: bool = False
) -> Iterator[tuple[str, str]]:
    """Files under root with their real paths, in `os.walk` order (a folder's files by
    name, then its sub-folders by name, symbolic links followed), hidden ones left out.

    `os.scandir` rather than `os.walk`: its entries say whether they are links without a
    system call per file, and a folder's real path is resolved once, not per file
    (realpath costs a system call per path component, 100,000 times over).
    """
    visited: set[str] = set()
    folders = [os.fspath(root)]
    suffixes = BATCH_SUFFIXES if batch else SUFFIXES
    while folders:
        dirpath = folders.pop()
        real = os.path.realpath(dirpath)
        if real in visited:  # a symlink loop: walk each real folder once
            continue
        visited.add(real)
        try:
            with os.scandir(dirpath) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:  # unreadable: as os.walk, go on without it
            continue
        subfolders: list[str] = []
        # os.path.join once per folder, not twice per file: a third of discovery's time
        inside, real_inside = os.path.join(dirpath, ""), os.path.join(real, "")
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # follows a link, as os.walk(followlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(inside + name)
                continue
            full = inside + name
            if not name.lower().endswith(suffixes) or (batch and name.startswith(EXCEL_LOCK)):
                if name.lower() not in ("readme.md", "readme.txt"):
                    skipped.append(Skipped(full, _not_read(name, batch)))
                continue
            link = entry.is_symlink()
            if link and not os.path.exists(full):
                problem = Problem(full, None, None, "error", say("broken-link"), None, "not-found")
                broken.append(Loaded(full, None, None, (problem,)))
                continue
            yield full, os.path.realpath(full) if link else real_inside + name
        folders.extend(reversed(subfolders))  # popped in name order


def _not_read(name: str, batch: bool) -> Message:
    if not batch:
        return say("skipped.suffix")
    if name.startswith(EXCEL_LOCK):
        return say("skipped.lock")
    return say("skipped.batch")


def load_file(
    path: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    advise: Advice | None = None,
    raw: bytes | None = None,
) -> Loaded:
    """`raw`: the file's bytes when the caller has read them already (a batch worker, to
    look the file up in the parse cache), so that a cache miss does not read it twice."""
    try:
        source = read_text(path, max_bytes) if raw is None else decode_text(path, raw)
        doc = parse(source.text, path)
    except SourceError as exc:
        return Loaded(path, None, None, (exc.problem,))
    data = doc.data
    if not isinstance(data, dict):
        what = type(data).__name__ if data is not None else "nothing"
        line, col, _ = locate(node_of(doc), ())
        problem = Problem(
            path,
            line,
            col,
            "error",
            say("not-a-mapping", what=what),
            None,
            "not-a-mapping",
        )
        return Loaded(path, source.sha256, None, (problem,))
    if data.get("kind") in ("profile", "reference-list"):
        line, col, _ = locate(node_of(doc), ("kind",))
        problem = Problem(
            path,
            line,
            col,
            "error",
            say("criteria-file", kind=str(data["kind"])),
            None,
            "criteria-file",
        )
        return Loaded(path, source.sha256, None, (problem,))
    try:
        applicant = Applicant.model_validate(data)
    except ValidationError as exc:
        return Loaded(path, source.sha256, None, tuple(validation_problems(doc, exc, Applicant)))
    advice = list(advise(applicant)) if advise else []
    node = node_of(doc) if advice else None  # JSON is composed only when a position is needed
    warnings = located(path, advice, lambda loc: locate(node, loc)[:2])
    return Loaded(path, source.sha256, applicant, warnings)


Advised = Iterable[tuple[tuple[str | int, ...], Message, str]]


def located(
    path: str,
    advice: Advised,
    position: Callable[[tuple[str | int, ...]], tuple[int | None, int | None]],
) -> tuple[Problem, ...]:
    """Advice as warnings at their line and column, in order (from a parse or the cache)."""
    warnings = [
        Problem(path, *position(loc), "warning", message, dotted(loc) or None, check)
        for loc, message, check in advice
    ]
    return tuple(sorted(warnings))


def _id_position(path: str, max_bytes: int) -> tuple[int | None, int | None]:
    """Where applicant_id is written; read again only for the rare duplicate id."""
    try:
        doc = parse(read_text(path, max_bytes).text, path)
    except SourceError:
        return None, None
    line, col, _ = locate(node_of(doc), ("applicant_id",))
    return line, col


def load_batch(
    paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, advise: Advice | None = None
) -> Intake:
    files, skipped, broken = discover(paths)
    intake = Intake(skipped=sorted(skipped, key=lambda s: (s.path, s.why)))
    intake.loaded.extend(sorted(broken, key=lambda b: b.path))
    first_seen: dict[str, str] = {}
    # Path order, not argument order: which of two files with one id is "first" (and the
    # order problems are listed in) must not depend on how the paths were typed.
    for path in sorted(files):
        item = load_file(path, max_bytes, advise)
        if item.applicant is not None:
            other = first_seen.setdefault(item.applicant.applicant_id, path)
            if other != path:
                problem = Problem(
                    path,
                    *_id_position(path, max_bytes),
                    "error",
                    say("duplicate-id", id=item.applicant.applicant_id, other=other),
                    "applicant_id",
                    "duplicate-id",
                )
                item = Loaded(path, item.sha256, None, (problem,))
        intake.loaded.append(item)
    return intake
