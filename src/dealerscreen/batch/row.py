"""One screened applicant as one bytes object: what ranking sorts and every view reads.

Its fields are what ranking, city lists, multi-city groups and counts read without
decoding anything; its decision record (decide/record.py) follows them, which a report
decodes and puts into words only for the rows it shows.
"""

from __future__ import annotations

import struct

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import keys, record
from dealerscreen.decide.engine import Decision

# chunk, offset, length; city, id, group, record lengths; provisional. Lengths of 32
# bits: a dealer group's name is free text as long as the file allows (a 71 KB one
# overflowed 16 bits).
_TRAILER = struct.Struct("<IIIIIIIB")
_NO_GROUP = 0xFFFFFFFF  # the group length of an applicant that names no dealer group
# The last byte's bits: the decision is provisional; the record is in the spill (`spilled`).
_PROVISIONAL, _SPILLED = 1, 2
ELIGIBLE, INELIGIBLE = b"\x00", b"\x01"


class Row(bytes):
    """One screened applicant, as one bytes object (no per-object dict: `__slots__`).

    Layout: eligible flag, sort key (keys.py; for the ineligible just the id, their
    order), city id, applicant id, dealer-group key, then a fixed trailer. The flag and
    key come first and the key is never a prefix of another, so rows sort as
    `ranking.place` orders them. A row holds an applicant's whole `engine.Decision`: its
    fields are what ranking, city lists, multi-city groups and counts read, and the record
    after them (`record.encode`) the rest, which reports put into words.
    """

    __slots__ = ()

    @staticmethod
    def make(
        eligible: bool,
        key: bytes,
        city_id: str,
        applicant_id: str,
        span: tuple[int, int, int],
        group: str | None = None,
        record: bytes = b"",
        provisional: bool = False,
        spilled: int = 0,
    ) -> Row:
        """`span`: the chunk whose spill holds the model, the offset in it, the length.
        `record`: the rest of the decision (`record.encode`). `provisional`: the decision
        is (`Decision.is_provisional`), kept beside the record for the city lists.
        `spilled`: the record's length when it is not in the row but the first bytes of
        the spilled span (then `record` is empty): see `spilled`."""
        city, aid = city_id.encode(), applicant_id.encode()
        grp = b"" if group is None else group.encode()
        trailer = _TRAILER.pack(
            *span,
            len(city),
            len(aid),
            _NO_GROUP if group is None else len(grp),
            spilled or len(record),
            (_PROVISIONAL if provisional else 0) | (_SPILLED if spilled else 0),
        )
        flag = ELIGIBLE if eligible else INELIGIBLE
        return Row(b"".join((flag, key, city, aid, grp, record, trailer)))

    def _trailer(self) -> tuple[int, int, int, int, int, int, int]:
        chunk, offset, length, city, aid, grp, rec, bits = _TRAILER.unpack_from(
            self, len(self) - _TRAILER.size
        )
        return chunk, offset, length, city, aid, grp, 0 if bits & _SPILLED else rec

    @property
    def is_provisional(self) -> bool:
        """Eligible on claims not yet backed (`Decision.is_provisional`), read without
        decoding the record."""
        return bool(self[-1] & _PROVISIONAL)

    @property
    def spilled(self) -> int:
        """The length of the record when it is in the spill, the first bytes of the row's
        span, and not in the row (0 when it is in the row). An ineligible applicant's is
        (batch.results.ChunkWriter): they are most of a large batch, and a full report
        reads each of their records once, while the eligible rows' are read across the
        batch (the quota line, the batch figures); 100,000 records in the rows were most
        of a full report's memory beyond a `--top 20` run's."""
        if not self[-1] & _SPILLED:
            return 0
        return int(_TRAILER.unpack_from(self, len(self) - _TRAILER.size)[6])

    def _ends(self) -> tuple[int, int, int, int, int]:
        """Where the key, city, id, group and record end."""
        _, _, _, city, aid, grp, rec = self._trailer()
        record_end = len(self) - _TRAILER.size
        group_end = record_end - rec
        id_end = group_end - (0 if grp == _NO_GROUP else grp)
        city_end = id_end - aid
        return city_end - city, city_end, id_end, group_end, record_end

    @property
    def eligible(self) -> bool:
        return self[0] == 0

    @property
    def sort_key(self) -> bytes:
        return self  # not a copy: sorting 100,000 rows must not hold a second set

    @property
    def group(self) -> str | None:
        if self._trailer()[5] == _NO_GROUP:
            return None
        _, _, id_end, group_end, _ = self._ends()
        return self[id_end:group_end].decode()

    @property
    def applicant_id(self) -> str:
        _, city_end, id_end, _, _ = self._ends()
        return self[city_end:id_end].decode()

    @property
    def record(self) -> bytes:
        """The rest of the decision, as `record.encode` wrote it (empty when it is in the
        spill: `spilled`)."""
        _, _, _, group_end, record_end = self._ends()
        return self[group_end:record_end]

    @property
    def city_id(self) -> str:
        key_end, city_end, _, _, _ = self._ends()
        return self[key_end:city_end].decode()

    def decision(
        self, compiled: CompiledProfile, with_key: bool = True, spilled: bytes | None = None
    ) -> Decision:
        """The applicant's decision, read off this row: not decided again. `with_key`
        False leaves its sort key empty: decoding it is half the cost, and a reader of
        points (the reason column's batch figures) does not need it. `spilled`: the
        record, read from the spill, of a row that does not hold it (`Spill.decision`)."""
        key_end, city_end, id_end, group_end, record_end = self._ends()
        eligible = self.eligible
        if self.spilled and spilled is None:
            raise ValueError(f"the record of {self.applicant_id} is in the spill")
        return record.decode(
            self[group_end:record_end] if spilled is None else spilled,
            self[city_end:id_end].decode(),
            self[key_end:city_end].decode(),
            self.group,
            eligible,
            keys.decode(self[1:key_end]) if eligible and with_key else (),
        )

    def key_parts(self) -> tuple[keys.Part, ...]:
        """The sort key, decoded (an eligible row's; an ineligible row's is its id)."""
        return keys.decode(self[1 : self._ends()[0]])

    @property
    def span(self) -> tuple[int, int, int]:
        chunk, offset, length = self._trailer()[:3]
        return chunk, offset, length
