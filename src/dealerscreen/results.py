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
from typing import IO, Any, NamedTuple, overload

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.engine import Placing
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.result import (
    Evaluation,
    Result,
    make_bonus,
    make_check,
    make_criterion,
    make_gate,
)


class Layout:
    """What every evaluation under one profile shares: ids, titles, reasons, sources.

    A packed evaluation keeps only what differs per applicant (verdicts, points, the raw
    explanation values), about a third of the pickle, which is a third of the time to
    pickle and compress; the rest comes back from the compiled profile when a report reads
    it. Gates a missing required fact added (`<criterion>:required`) are kept whole.
    """

    def __init__(self, compiled: CompiledProfile) -> None:
        self.gates = [(g.id, g.title, g.reason, g.source) for g, _ in compiled.gates]
        self.criteria = [(c.id, c.title, c.group, c.points, c.source) for c, _ in compiled.criteria]
        self.bonuses = [(b.id, b.title, b.source) for b, _ in compiled.bonuses]
        self.checks = [
            (c.id, c.title, c.level, c.verified, c.message, c.source) for c, _ in compiled.checks
        ]

    def pack(self, ev: Evaluation) -> tuple[object, ...]:
        n = len(self.gates)
        return (
            ev.applicant_id,
            ev.legal_name,
            ev.chinese_name,
            ev.group_name,
            ev.city_id,
            ev.city_name,
            ev.city_name_zh,
            ev.source_path,
            ev.eligible,
            tuple((g.passed, g.__dict__["_detail"], g.missing) for g in ev.gates[:n]),
            ev.gates[n:],
            tuple((c.points, c.__dict__["_detail"], c.missing_policy, c.fact) for c in ev.criteria),
            tuple((b.points, b.applied, b.__dict__["_detail"]) for b in ev.bonuses),
            tuple((k.passed, k.__dict__["_detail"]) for k in ev.checks),
            ev.score,
            ev.bonus,
            ev.total,
            ev.tier,
            ev.sort_key,
        )

    def unpack(self, packed: tuple[Any, ...]) -> Evaluation:
        head: tuple[Any, ...] = packed[:9]
        (gates, extra, criteria, bonuses, checks, score, bonus, total, tier, key) = packed[9:]
        aid, name, name_zh, group, city, city_name, city_zh, source, eligible = head
        return Evaluation(
            aid,
            name,
            name_zh,
            group,
            city,
            city_name,
            city_zh,
            source,
            eligible,
            gates=(
                *(
                    make_gate(i, t, passed, reason, detail, src, missing)
                    for (i, t, reason, src), (passed, detail, missing) in zip(
                        self.gates, gates, strict=True
                    )
                ),
                *extra,
            ),
            criteria=tuple(
                make_criterion(i, t, group, points, top, detail, src, policy, fact)
                for (i, t, group, top, src), (points, detail, policy, fact) in zip(
                    self.criteria, criteria, strict=True
                )
            ),
            bonuses=tuple(
                make_bonus(i, t, points, applied, detail, src)
                for (i, t, src), (points, applied, detail) in zip(
                    self.bonuses, bonuses, strict=True
                )
            ),
            checks=tuple(
                make_check(i, t, passed, level, verified, message, detail, src)
                for (i, t, level, verified, message, src), (passed, detail) in zip(
                    self.checks, checks, strict=True
                )
            ),
            score=score,
            bonus=bonus,
            total=total,
            tier=tier,
            sort_key=key,
        )


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
    def of(ev: Evaluation, applicant: Applicant, layout: Layout | None = None) -> Scored:
        """The evaluation and the model it came from (what-if outlooks need it), packed:
        compactly with the profile's layout (a `Spill` with the same layout reads it)."""
        both = (ev if layout is None else layout.pack(ev), applicant.model_dump_json())
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

    def __init__(self, layout: Layout | None = None) -> None:
        self.layout = layout  # set when the blobs were packed with it
        self._file: IO[bytes] | None = None
        self._end = 0
        self._shared: dict[object, object] = {}

    def keep(self, item: Scored) -> Scored:
        # Flattened, ((0, a), (1, b), (0, id)) -> (0, a, 1, b, 0, id): the same order (every
        # part is a pair), without a tuple per part; values shared, but not the last part,
        # the applicant id, which is unique (sharing it would only add a dict entry).
        share = self._shared.setdefault
        flat: list[object] = []
        parts: tuple[tuple[object, object], ...] = item.sort_key  # type: ignore[assignment]
        for flag, value in parts[:-1]:
            flat += (flag, share(value, value))
        flat += parts[-1]
        key = tuple(flat)
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
        both: tuple[Any, str] = pickle.loads(zlib.decompress(self._file.read(item.length)))
        ev, model = both
        if not isinstance(ev, Evaluation):
            assert self.layout is not None, "packed with a layout, read without"
            ev = self.layout.unpack(ev)
        return ev, model

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
