"""An applicant's `engine.Decision` as a few dozen bytes, and back.

A batch keeps one row per applicant (results.Row): the decision is that row, not a
value thrown away once the applicant is ranked. What the row cannot hold cheaply as
fields (each gate's verdict, each criterion's points, each bonus, the tier) is this
record; the sort key, city, id and dealer group are the row's own fields.

Layout: tier (1 byte: its place in the profile's tiers, 0 for none), complete (1 byte),
then the gates' verdicts and the bonuses' conditions (one byte each: 0 false, 1 true,
2 not known; a gate passed provisionally, on claims without the evidence the profile
requires, is 3: no byte more per row), each run ended by 0x1E; then, as ASCII, each criterion's points (empty
when its fact is missing), score, bonus and total, comma-separated. Decimal's `str` is
exact and reads back as the same Decimal; a shut-out applicant, decided only as far as
ranking needs (`decide(stop_early=True)`), keeps just the gates it was decided on.
"""

from __future__ import annotations

from decimal import Decimal

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.engine import Decision

_END = 0x1E
_VERDICT = {False: 0, True: 1, None: 2}  # a verdict's byte
_BACK: tuple[bool | None, ...] = (False, True, None, True)
_PROVISIONAL = 3
_ZERO = Decimal(0)


def _verdicts(values: tuple[bool | None, ...]) -> bytes:
    return bytes(_VERDICT[v] for v in values) + bytes((_END,))


def _gate_verdicts(d: Decision) -> bytes:
    if not d.provisional:
        return _verdicts(d.gates)
    codes = bytearray(_VERDICT[v] for v in d.gates)
    for i in d.provisional:
        codes[i] = _PROVISIONAL
    codes.append(_END)
    return bytes(codes)


def encode(compiled: CompiledProfile, d: Decision) -> bytes:
    tier = 0 if d.tier is None else 1 + [t.id for t in compiled.tiers].index(d.tier)
    head = bytes((tier, d.complete)) + _gate_verdicts(d) + _verdicts(d.bonuses)
    if not d.complete:
        return head
    numbers = ["" if p is None else str(p) for p in d.points]
    numbers += [str(d.score), str(d.bonus), str(d.total)]
    return head + ",".join(numbers).encode("ascii")


def numbers(record: bytes) -> tuple[list[str], str, str, str]:
    """A complete decision's points as written (each criterion's, empty for a missing
    fact; then score, bonus and total), without decoding the rest: what the reason
    column's batch figures read of every eligible row."""
    return _numbers_from(record, record.index(_END, record.index(_END, 2) + 1) + 1)


def _numbers_from(record: bytes, start: int) -> tuple[list[str], str, str, str]:
    *points, score, bonus, total = record[start:].decode("ascii").split(",")
    return points, score, bonus, total


def decode(
    compiled: CompiledProfile,
    record: bytes,
    applicant_id: str,
    city_id: str,
    group: str | None,
    eligible: bool,
    sort_key: tuple[object, ...],
) -> Decision:
    """The decision `encode` was given, with the row's own fields put back in place."""
    tier = None if record[0] == 0 else compiled.tiers[record[0] - 1].id
    complete = bool(record[1])
    gates_end = record.index(_END, 2)
    bonuses_end = record.index(_END, gates_end + 1)
    codes = record[2:gates_end]
    gates = tuple(_BACK[v] for v in codes)
    provisional = (
        tuple(i for i, v in enumerate(codes) if v == _PROVISIONAL) if _PROVISIONAL in codes else ()
    )
    bonuses = tuple(_BACK[v] for v in record[gates_end + 1 : bonuses_end])
    if not complete:
        return Decision(
            applicant_id, city_id, group, eligible, gates, (), (), _ZERO, _ZERO, _ZERO,
            None, (), complete=False, provisional=provisional,
        )  # fmt: skip
    points, score, bonus, total = _numbers_from(record, bonuses_end + 1)
    return Decision(
        applicant_id,
        city_id,
        group,
        eligible,
        gates,
        tuple(Decimal(p) if p else None for p in points),
        bonuses,
        Decimal(score),
        Decimal(bonus),
        Decimal(total),
        tier,
        sort_key,
        True,
        provisional,
    )
