"""The decision record: everything decided of one applicant, as plain data, and its bytes.

`engine.decide` makes it once per applicant, and every view reads it: ranking its sort
key, city lists its city and group, the reason column its points, the explanation (and
every report built on it) the words its rules' records say (`engine.explain`). Nothing
is decided again, and no branch is worked out again: each rule's record (`Traced`) keeps
its verdict or points, the band, step, case or table entry that held, the facts it read
and the records of its inner conditions.

A batch keeps the record as bytes in its row (`encode`, `decode`): pickle, because the
facts keep their own types (a Decimal, a date, a name) and the C pickler is the fastest
way Python has to write and read nested tuples. The fields a row holds already (id,
city, group, eligibility, sort key) and what follows from the rules' records (each
gate's verdict, each criterion's points) are not written twice.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from dealerscreen.criteria.models import Criterion, Gate
from dealerscreen.models.applicant import Evidence
from dealerscreen.models.result import ReviewFlag, Separation, Wanted
from dealerscreen.rules.base import VALUE, Traced

if TYPE_CHECKING:
    from dealerscreen.criteria.compile import CompiledProfile

ZERO = Decimal(0)
HALF = Decimal("0.5")
value_of = itemgetter(VALUE)  # a rule's record -> its verdict or points, in C: map(value_of, ...)


class Shown(NamedTuple):
    """What a report shows of the applicant beside its decision (read once, when decided)."""

    legal_name: str
    chinese_name: str | None
    group_name: str | None  # as the file writes it (`Decision.group` is its key)
    city_name: str  # the reference entry's English name, or the text as written
    city_name_zh: str | None
    source_path: str
    evidence: tuple[Evidence, ...] = ()  # the documents the application lists


class Decision(NamedTuple):
    """What the profile decides for one applicant, and what decided it.

    Made once per applicant by the rules' deciding functions (`engine.decide`). The first
    fields are what ranking reads; the records after them (each rule's `Traced`, in
    profile order) are what the words are made from. A decision made for a what-if trial
    (`decide(stop_early=True)`) has no records and is not complete: it is never shown.
    """

    applicant_id: str
    city_id: str
    group: str | None  # the dealer group's key (`CompiledProfile.group_key`), if it names one
    eligible: bool
    gates: tuple[bool | None, ...]  # each gate's verdict, in profile order (None: not known)
    points: tuple[Decimal | None, ...]  # each criterion's points (None: its fact is missing)
    bonuses: tuple[bool | None, ...]  # each bonus's condition
    score: Decimal
    bonus: Decimal
    total: Decimal
    tier: str | None
    sort_key: tuple[object, ...]
    # False: decided only as far as a what-if trial needs, without the rules' records.
    complete: bool = True
    # Gates (by index) passed on claims without the evidence the profile requires for them:
    # the applicant is ranked on its claims, and the decision is provisional until it sends
    # the documents. Empty for almost every applicant of a profile that requires none.
    provisional: tuple[int, ...] = ()
    gate_records: tuple[Traced, ...] = ()
    criterion_records: tuple[Traced, ...] = ()
    bonus_records: tuple[Traced, ...] = ()
    checks: tuple[Traced, ...] = ()  # advisories: they decide nothing, so only explain
    wanted: tuple[tuple[Wanted, ...], ...] = ()  # per provisional gate: documents to send
    review: tuple[ReviewFlag, ...] = ()  # near misses of a gate or tier (review.py)
    shown: Shown | None = None

    @property
    def is_provisional(self) -> bool:
        """An eligible applicant whose eligibility rests on claims not yet backed: an
        ineligible one is out on its own claims, final."""
        return self.eligible and bool(self.provisional)

    def criterion_points(self, compiled: CompiledProfile) -> dict[str, Decimal]:
        """Each criterion's points as counted in the score (a missing fact's by its policy)."""
        return {
            c.id: missing_points(c) if p is None else p
            for (c, _), p in zip(compiled.criteria, self.points, strict=True)
        }

    def failed(self, compiled: CompiledProfile) -> tuple[str, ...]:
        """Ids of the gates not met, and of the criteria whose required fact is missing."""
        out = [
            g.id
            for (g, _), v in zip(compiled.gates, self.gates, strict=True)
            if not gate_passes(g, v)
        ]
        out += [
            f"{c.id}:required"
            for (c, _), p in zip(compiled.criteria, self.points, strict=True)
            if p is None and c.missing == "fail"
        ]
        return tuple(out)


class Ranked(NamedTuple):
    """A decision with its place in the batch's ranking, read off its row without putting
    it into words (batch.results.Results.ranked_at): what a programme stores of it, as
    plain data (decide/plain.py)."""

    decision: Decision
    rank: int | None  # among the eligible; None when not eligible
    city_rank: int | None
    city_quota: int | None
    shortlisted: bool
    separation: Separation | None


def gate_passes(gate: Gate, value: bool | None) -> bool:
    """A gate whose fact is missing passes only if the profile says so (`missing: pass`)."""
    return value if value is not None else gate.missing == "pass"


def missing_points(crit: Criterion) -> Decimal:
    """Points for a criterion whose fact is missing, when its policy is not `fail`."""
    return crit.points * HALF if crit.missing == "neutral" else ZERO


def encode(d: Decision) -> bytes:
    """A complete decision's bytes, without what its row holds as fields (an eligible
    applicant's sort key is its row's; an ineligible one's row holds only its id)."""
    assert d.complete, "only a complete decision is kept"
    return pickle.dumps(
        (
            d.score,
            d.bonus,
            d.total,
            d.tier,
            d.provisional,
            d.gate_records,
            d.criterion_records,
            d.bonus_records,
            d.checks,
            tuple(
                tuple((w.fact, w.documents, w.verified, w.submitted) for w in ws) for ws in d.wanted
            )
            if d.wanted
            else (),
            d.review,
            _shown_data(d.shown),
            None if d.eligible else d.sort_key,  # the row orders the ineligible by id alone
        ),
        protocol=pickle.HIGHEST_PROTOCOL,
    )


def decode(
    record: bytes,
    applicant_id: str,
    city_id: str,
    group: str | None,
    eligible: bool,
    sort_key: tuple[object, ...],
) -> Decision:
    """The decision `encode` was given, with the row's own fields put back in place."""
    (score, bonus, total, tier, provisional, gates, criteria, bonuses, checks, wanted, review,
     shown, own_key) = pickle.loads(record)  # fmt: skip
    # `_make`, not the named constructor: it binds 21 keywords in Python on every read.
    return _make_decision(
        (
            applicant_id,
            city_id,
            group,
            eligible,
            tuple(map(value_of, gates)),
            tuple(map(value_of, criteria)),
            tuple(map(value_of, bonuses)),
            score,
            bonus,
            total,
            tier,
            sort_key if own_key is None else own_key,
            True,
            provisional,
            gates,
            criteria,
            bonuses,
            checks,
            tuple(tuple(Wanted(*w) for w in ws) for ws in wanted) if wanted else (),
            review,
            _shown(shown),
        )
    )


_make_decision = Decision._make


# Plain tuples, not the records' own classes: a pydantic model or a dataclass pickles its
# class and a dict of fields each time (an applicant's evidence list was a quarter of the
# record's bytes).
_EVIDENCE = ("field", "document", "reference", "verified_by", "verified_on")
_evidence_data = attrgetter(*_EVIDENCE)  # an entry -> its fields' values, in C


def _shown_data(shown: Shown | None) -> tuple[Any, ...] | None:
    if shown is None:
        return None
    return (*shown[:-1], tuple(map(_evidence_data, shown.evidence)))


def _shown(data: tuple[Any, ...] | None) -> Shown | None:
    if data is None:
        return None
    *fields, evidence = data
    return Shown._make((*fields, tuple(map(_evidence, evidence))))


# Entries read back, by their fields' values: a batch's applicants list the same few
# documents, and `model_construct` binds its keywords in Python (a fifth of reading a
# record back). An entry is frozen, so one object may stand for all its equals; its
# values are texts, None and a date, of which equal ones are of one type (a date is
# never equal to a datetime), so an entry found is the entry that would be made.
EVIDENCE_MAX = 4096
_EVIDENCE_MADE: dict[tuple[Any, ...], Evidence] = {}


def _evidence(values: tuple[Any, ...]) -> Evidence:
    made = _EVIDENCE_MADE.get(values)
    if made is None:
        made = Evidence.model_construct(**dict(zip(_EVIDENCE, values, strict=True)))
        if len(_EVIDENCE_MADE) < EVIDENCE_MAX:  # bounded: free text must not grow it
            _EVIDENCE_MADE[values] = made
    return made


def tier_of(record: bytes) -> str | None:
    """The tier of a record, without building the decision: what the tier chart counts."""
    tier: str | None = pickle.loads(record)[3]
    return tier


def points_of(record: bytes) -> tuple[tuple[Decimal | None, ...], Decimal, Decimal]:
    """Each criterion's points (None: its fact is missing), the bonus and the total of a
    record, without building the decision: what the reason column reads of every row."""
    fields = pickle.loads(record)
    return tuple(map(value_of, fields[6])), fields[1], fields[2]
