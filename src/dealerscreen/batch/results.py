"""A batch's results without holding every evaluation: ranking reads compact rows.

A full `Evaluation` (every gate, criterion, bonus and check with its words) takes about
20 KB in memory, and explaining costs several times what deciding does (`engine.decide`).
So a batch keeps, per applicant, one `Row`: the fields ranking, city lists and
multi-city groups read, the rest of its complete decision record (decide/record.py,
about 1.3 KB: each rule's verdict or points with the branch that held and the facts it
read), and where its model is spilled. It ranks the rows, and puts a row's record into
words only when a report reads its result (`--top 20` explains twenty): not decided
again, and its model not read back. Only a view that needs the whole applicant reads
the model from the spill again (what would change its decision: `Spill.applicant`).
"""

from __future__ import annotations

import os
import tempfile
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import IO, overload

from dealerscreen.batch.row import INELIGIBLE, Row
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import keys
from dealerscreen.decide.engine import Decision, explain
from dealerscreen.decide.ranking import Placed, place
from dealerscreen.decide.record import Ranked, tier_of
from dealerscreen.decide.separation import of_rows
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.result import Evaluation, Result, Separation

# Evaluations a report may keep while it reads the same rows more than once (about 20 KB
# each, so a few tens of MB): a larger batch reads the rest anew in each pass.
REMEMBERED_MAX = 2000


class Spill:
    """Each screened applicant's source and validated model (JSON), on disk.

    Each process that screens (the workers, or this one) appends a chunk's models to its
    own file in `folder` (`SpillWriter`) and says where; the parent keeps only that. So
    the models never cross a pipe: 100,000 of them are 130 MB the parent would otherwise
    receive, unpickle and write again while it shares the cores with the workers.
    """

    def __init__(self, compiled: CompiledProfile) -> None:
        self.compiled = compiled
        self._dir = tempfile.TemporaryDirectory(prefix="dealerscreen-")  # removed with us
        self.folder = self._dir.name
        self._names: list[str] = []  # spill files, by the index chunks refer to
        self._files: dict[int, IO[bytes]] = {}
        self._chunks = array("Q")  # per chunk: its file index << 40 | its offset
        # The last evaluations read: a report reads the top rows more than once.
        self._recent: OrderedDict[tuple[int, int], Evaluation] = OrderedDict()
        self.remembered = RECENT  # how many evaluations `_recent` keeps (`Results.remember`)

    def add_chunk(self, number: int, name: str, offset: int) -> None:
        """Chunks come in order, numbered from 0; rows name their chunk (`Row.span`)."""
        assert number == len(self._chunks), (number, len(self._chunks))
        if name not in self._names:
            # Opened at once and unlinked: the writer keeps appending through its own
            # descriptor, and a run that is killed leaves no spill behind.
            path = os.path.join(self.folder, name)
            self._files[len(self._names)] = open(path, "rb")  # noqa: SIM115 - open while the results are
            os.unlink(path)
            self._names.append(name)
        self._chunks.append(self._names.index(name) << 40 | offset)

    def _bytes(self, row: Row, start: int, end: int) -> bytes:
        """Bytes `start` to `end` of the row's spilled span."""
        chunk, offset, _ = row.span
        where = self._chunks[chunk]
        index, base = where >> 40, where & ((1 << 40) - 1)
        fh = self._files[index]
        fh.seek(base + offset + start)
        return fh.read(end - start)

    def _read(self, row: Row) -> tuple[str, str]:
        return unpack(self._bytes(row, row.spilled, row.span[2]))

    def decision(self, row: Row, with_key: bool = True) -> Decision:
        """The row's decision (`Row.decision`), its record read from the spill if it is there."""
        spilled = row.spilled
        return row.decision(
            self.compiled, with_key, spilled=self._bytes(row, 0, spilled) if spilled else None
        )

    def load(self, row: Row) -> Evaluation:
        """The row's decision in words, from its record alone: neither decided again nor
        its model read back."""
        where = row.span[:2]
        found = self._recent.get(where)
        if found is None:
            found = self._recent[where] = explain(self.compiled, self.decision(row))
            if len(self._recent) > self.remembered:
                self._recent.popitem(last=False)
        else:  # the least recently read go first
            self._recent.move_to_end(where)
        return found

    def applicant(self, row: Row) -> Applicant:
        """The validated model, read back: only for a view that needs the whole applicant
        (what would change its decision, which a trial decides anew)."""
        return Applicant.model_validate_json(model_json(*self._read(row)))

    def source_of(self, row: Row) -> str:
        return self._read(row)[0]


class SpillWriter:
    """One process's spill file in a `Spill`'s folder, appended a chunk at a time."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._file: IO[bytes] | None = None
        self._name = ""

    def write(self, data: bytes) -> tuple[str, int]:
        if self._file is None:
            self._name = f"spill-{os.getpid()}"
            self._file = open(os.path.join(self.folder, self._name), "ab")  # noqa: SIM115 - lives as long as the process
        offset = self._file.tell()
        self._file.write(data)
        self._file.flush()  # the parent may read it at once (a duplicate id's source)
        return self._name, offset


class ChunkWriter:
    """A worker's output for one chunk: the spill bytes of its applicants, and rows that
    point into them; the parent appends the bytes whole (`Spill.add_chunk`)."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.parts: list[bytes] = []
        self.size = 0

    def row(
        self,
        eligible: bool,
        key: bytes,
        city_id: str,
        applicant_id: str,
        blob: bytes,
        group: str | None = None,
        record: bytes = b"",
        provisional: bool = False,
    ) -> Row:
        """An ineligible applicant's record goes into the spill before its model, not into
        its row (`Row.spilled`)."""
        spilled = 0
        if record and not eligible:
            spilled, blob, record = len(record), record + blob, b""
        span = (self.index, self.size, len(blob))
        row = Row.make(
            eligible, key, city_id, applicant_id, span, group, record, provisional, spilled
        )
        self.parts.append(blob)
        self.size += len(blob)
        return row

    def data(self) -> bytes:
        return b"".join(self.parts)


RECENT = 512  # evaluations remembered: a report reads the top rows more than once


def pack(source: str, model_json: bytes) -> bytes:
    """What a worker sends for the spill: the source path and the validated model (or
    `RAW` and the file's bytes)."""
    return source.encode("utf-8", "surrogateescape") + b"\x00" + model_json


def unpack(blob: bytes) -> tuple[str, str]:
    source, _, model = blob.partition(b"\x00")
    return source.decode("utf-8", "surrogateescape"), model.decode()


# A `--top` run (`BatchOptions.shown`) reads back the models of the few rows it shows:
# its workers spill each file's bytes as read (after RAW, which no JSON begins with), not
# the model's JSON (written for every applicant, it was 2% of the run).
RAW = b"\x01"


def model_json(source: str, model: str) -> str:
    """A spilled model's JSON; of a file's bytes, the model they gave the worker (parsed
    and validated again, the same code over the same text), as JSON like any other."""
    if not model.startswith("\x01"):  # RAW
        return model
    from dealerscreen.yamlsource import parse

    data = parse(model[1:].removeprefix("\ufeff"), source).data  # as decode_text reads it
    return Applicant.model_validate(data).model_dump_json()


class Results(Sequence[Result]):
    """Ranked results, evaluated one at a time as they are read."""

    def __init__(
        self, placed: Placed[Row], spill: Spill, index: Sequence[int] | None = None
    ) -> None:
        self._placed = placed
        self._spill = spill
        self._index: Sequence[int] = range(len(placed.order)) if index is None else index

    @staticmethod
    def ranked(rows: list[Row], spill: Spill) -> Results:
        return Results(place(rows, self_ordered=True), spill)

    def applicant_of(self, result: Result) -> Applicant:
        """The model a result was decided from, found by its row: an eligible result's is
        at its rank; the ineligible follow, ordered by id (no table of 100,000 ids)."""
        order = self._placed.order
        if result.rank is not None:
            row = order[result.rank - 1]
        else:
            probe = INELIGIBLE + keys.str_bytes(result.evaluation.applicant_id)
            row = order[bisect_left(order, probe, lo=self._placed.eligible)]
        assert row.applicant_id == result.evaluation.applicant_id, result.evaluation.applicant_id
        return self._spill.applicant(row)

    def models(self) -> Iterator[tuple[Applicant, str]]:
        """Each screened applicant's validated model and source, in rank order, read back
        from the spill and not evaluated: for commands that decide them anew (`diff`)."""
        order = self._placed.order
        for i in self._index:
            source, model = self._spill._read(order[i])
            yield Applicant.model_validate_json(model_json(source, model)), source

    def find(self, applicant_id: str | None = None, source: str | None = None) -> Results:
        """The results with this id and/or read from this file (for a JSON Lines or CSV/XLSX
        file, each of its records), found by their rows: nothing is evaluated."""
        order = self._placed.order
        target = os.path.realpath(source) if source is not None else None
        found: list[int] = []
        for pos, i in enumerate(self._index):
            row = order[i]
            if applicant_id is not None and row.applicant_id != applicant_id:
                continue
            if target is not None:
                where = self._spill.source_of(row)
                file, colon, _ = where.rpartition(":")  # "file.jsonl:28": a record of a file
                if os.path.realpath(where) != target and not (
                    colon and os.path.realpath(file) == target
                ):
                    continue
            found.append(pos)
        return self.subset(found)

    def decisions(self, eligible_only: bool = False, with_key: bool = True) -> Iterator[Decision]:
        """Each result's decision, in rank order, read off its row: neither decided again
        nor explained, and no model read back (`with_key`: as `Row.decision` takes it)."""
        spill, order = self._spill, self._placed.order
        for i in self._index:
            if eligible_only and i >= self._placed.eligible:
                continue
            yield spill.decision(order[i], with_key)

    def tiers(self) -> Iterator[str | None]:
        """Each result's tier, in rank order, off its row. An ineligible applicant has none
        (`engine.decide`), so its record, in the spill, is not read; an eligible one's
        record is in its row, and only its tier is taken from it (`tier_of`)."""
        spill, order, eligible = self._spill, self._placed.order, self._placed.eligible
        for i in self._index:
            if i >= eligible:
                yield None
                continue
            row = order[i]
            yield spill.decision(row).tier if row.spilled else tier_of(row.record)

    def decision_at(self, position: int, with_key: bool = True) -> Decision:
        """The decision of the result at `position`, as `decisions` reads it."""
        return self._spill.decision(self.row_at(position), with_key)

    def ranked_at(self, position: int) -> Ranked:
        """The decision at `position` with its place in the ranking, read off its row and
        not put into words (what the programme stores, decide/plain.py)."""
        i = self._index[position]
        row, rank, city_rank, quota, shortlisted = self._placed.at(self._spill.compiled, i)
        decision = self._spill.decision(row, with_key=False)  # its rank is known
        return Ranked(decision, rank, city_rank, quota, shortlisted, self._separation(i))

    def remember(self, n: int) -> None:
        """Keep the last `n` evaluations read (at least the default): for a report that
        reads the same rows in several passes, each row is then evaluated once."""
        self._spill.remembered = max(RECENT, n)

    def placed_rows(self) -> Iterator[tuple[int, Row, bool]]:
        """(position in these results, row, shortlisted) of each result, without evaluating."""
        compiled, order = self._spill.compiled, self._placed.order
        for pos, i in enumerate(self._index):
            yield pos, order[i], self._placed.at(compiled, i)[4]

    def row_at(self, position: int) -> Row:
        return self._placed.order[self._index[position]]

    def subset(self, positions: Sequence[int]) -> Results:
        """These results at the given positions (in that order), evaluated as read."""
        return Results(self._placed, self._spill, [self._index[p] for p in positions])

    def ids(self) -> list[str]:
        order = self._placed.order
        return [order[i].applicant_id for i in self._index]

    def provisional_ids(self) -> list[str]:
        """The ids of the results whose decision is provisional, read off the rows' flags:
        no record is decoded."""
        order = self._placed.order
        return [order[i].applicant_id for i in self._index if order[i].is_provisional]

    def __len__(self) -> int:
        return len(self._index)

    @overload
    def __getitem__(self, index: int) -> Result: ...
    @overload
    def __getitem__(self, index: slice) -> Results: ...
    def __getitem__(self, index: int | slice) -> Result | Results:
        if isinstance(index, slice):
            return Results(self._placed, self._spill, self._index[index])
        i = self._index[index]
        row, rank, city_rank, quota, shortlisted = self._placed.at(self._spill.compiled, i)
        return Result(
            self._spill.load(row), rank, city_rank, quota, shortlisted, self._separation(i)
        )

    def _separation(self, i: int) -> Separation | None:
        return of_rows(self._spill.compiled, self._placed, i)

    def __iter__(self) -> Iterator[Result]:
        for i in range(len(self._index)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Results):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a list

    def in_city(self, city_id: str) -> Results:
        order = self._placed.order
        return Results(
            self._placed, self._spill, [i for i in self._index if order[i].city_id == city_id]
        )

    def eligible_count(self) -> int:
        if isinstance(self._index, range) and self._index == range(len(self._placed.order)):
            return self._placed.eligible
        return sum(1 for i in self._index if i < self._placed.eligible)
