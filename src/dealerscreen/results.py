"""A batch's results without holding every evaluation: ranking reads compact records.

A full `Evaluation` (every gate, criterion, bonus and check with its words) takes about
20 KB in memory; 100,000 of them would not fit a laptop comfortably, and unpickling them
from worker processes would cost the parent as much as scoring them. So a worker sends a
`Scored` record (what ranking needs) with the evaluation pickled and compressed; the
parent appends that blob to a temporary spill file and keeps only its offset. A result
is decoded when a reporter reads it, so `--top 20` decodes twenty.
"""

from __future__ import annotations

import json
import pickle
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from typing import IO, NamedTuple, overload

from dealerscreen.engine import Placing
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.result import Evaluation, Result


class Scored(NamedTuple):
    applicant_id: str
    eligible: bool
    city_id: str
    sort_key: tuple[object, ...]
    evaluation: Evaluation | None  # kept in memory (small batches, serial runs)
    blob: bytes | None = None  # in transit from a worker
    offset: int = -1  # in the spill file
    length: int = 0

    @staticmethod
    def of(ev: Evaluation, applicant: Applicant) -> Scored:
        """The evaluation and the model it came from (what-if outlooks need it), packed."""
        both = (ev, applicant.model_dump_json())
        blob = zlib.compress(pickle.dumps(both, pickle.HIGHEST_PROTOCOL), 1)
        return Scored(ev.applicant_id, ev.eligible, ev.city_id, ev.sort_key, None, blob)


class FileLog:
    """(path, sha256) of every file read, on disk: a manifest lists them, memory need not."""

    def __init__(self) -> None:
        self._file: IO[str] | None = None

    def add(self, path: str, sha256: str | None) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115
        self._file.seek(0, 2)
        self._file.write(json.dumps([path, sha256], ensure_ascii=False) + "\n")

    def __iter__(self) -> Iterator[tuple[str, str | None]]:
        if self._file is None:
            return
        self._file.seek(0)
        for line in self._file:
            path, sha = json.loads(line)
            yield path, sha


class Spill:
    """Evaluation blobs on disk; sort-key parts and city ids shared, not copied per record."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._end = 0
        self._shared: dict[object, object] = {}

    def keep(self, item: Scored) -> Scored:
        share = self._shared.setdefault
        key = tuple(share(part, part) for part in item.sort_key)
        city = str(share(item.city_id, item.city_id))
        if item.blob is None:
            return item._replace(sort_key=key, city_id=city)
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="dealerscreen-")  # noqa: SIM115 - lives as long as the results
        self._file.seek(self._end)
        self._file.write(item.blob)
        offset, self._end = self._end, self._end + len(item.blob)
        return Scored(
            item.applicant_id, item.eligible, city, key, None, None, offset, len(item.blob)
        )

    def _unpack(self, item: Scored) -> tuple[Evaluation, str]:
        assert self._file is not None
        self._file.seek(item.offset)
        both: tuple[Evaluation, str] = pickle.loads(zlib.decompress(self._file.read(item.length)))
        return both

    def load(self, item: Scored) -> Evaluation:
        if item.evaluation is not None:
            return item.evaluation
        return self._unpack(item)[0]

    def applicant(self, item: Scored) -> Applicant:
        return Applicant.model_validate_json(self._unpack(item)[1])

    def source_of(self, item: Scored) -> str:
        return self.load(item).source_path


class Results(Sequence[Result]):
    """Ranked results, decoded one at a time as they are read."""

    def __init__(self, placed: list[Placing[Scored]], spill: Spill) -> None:
        self._placed = placed
        self._spill = spill
        self._by_id: dict[str, Scored] | None = None  # built only if a report asks for models

    def applicant_of(self, result: Result) -> Applicant:
        if self._by_id is None:
            self._by_id = {p[0].applicant_id: p[0] for p in self._placed}
        return self._spill.applicant(self._by_id[result.evaluation.applicant_id])

    def __len__(self) -> int:
        return len(self._placed)

    @overload
    def __getitem__(self, index: int) -> Result: ...
    @overload
    def __getitem__(self, index: slice) -> Results: ...
    def __getitem__(self, index: int | slice) -> Result | Results:
        if isinstance(index, slice):
            return Results(self._placed[index], self._spill)
        item, rank, city_rank, quota, shortlisted = self._placed[index]
        return Result(self._spill.load(item), rank, city_rank, quota, shortlisted)

    def __iter__(self) -> Iterator[Result]:
        for i in range(len(self._placed)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Results | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a list

    def in_city(self, city_id: str) -> Results:
        return Results([p for p in self._placed if p[0].city_id == city_id], self._spill)

    def eligible_count(self) -> int:
        return sum(1 for p in self._placed if p[0].eligible)


def as_results(results: Sequence[Result]) -> Results | None:
    return results if isinstance(results, Results) else None
