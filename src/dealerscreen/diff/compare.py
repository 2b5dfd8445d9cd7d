"""Compare two screenings of the same applicants: what changed, for whom, and which rules.

Pure: two compiled profiles and the applicants in, a DiffResult out. Each applicant is
evaluated and ranked under both; an applicant is reported when its eligibility, tier,
overall rank, city rank, shortlist place or total changed. The causes are the rules
whose outcome differs for that applicant (a gate passed or failed, a criterion's points,
a bonus applied); an applicant whose own rules did not change but whose rank moved was
displaced by others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import keys
from dealerscreen.decide.engine import Decision, decide, gate_passes, missing_points
from dealerscreen.decide.ranking import Placed, place
from dealerscreen.diff.passing import passing
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import show

KINDS = ("eligibility", "tier", "rank", "city-rank", "shortlist", "points")


@dataclass(frozen=True, slots=True)
class Side:
    eligible: bool
    tier: str | None
    rank: int | None
    city_rank: int | None
    shortlisted: bool
    total: Decimal
    # the total on its scale (#12): criteria points out of max_points, and the bonus
    score: Decimal = Decimal(0)
    bonus: Decimal = Decimal(0)
    max_points: Decimal = Decimal(0)

    def total_text(self) -> str:
        """'72/100 + 5': never a 77 on a 100-point scale without saying so."""
        out = f"{show(self.score)}/{show(self.max_points)}"
        return out + (f" + {show(self.bonus)}" if self.bonus else "")


@dataclass(frozen=True, slots=True)
class Cause:
    kind: str  # gate, criterion, bonus, bonus-cap
    id: str
    before: str
    after: str

    def text(self) -> str:
        return f"{self.kind} {self.id}: {self.before} → {self.after}"


@dataclass(frozen=True, slots=True)  # slots: one per changed applicant
class Change:
    applicant_id: str
    city: str
    before: Side
    after: Side
    kinds: tuple[str, ...]  # which of KINDS changed
    causes: tuple[Cause, ...]  # empty: displaced by others, its own points unchanged
    overtaken_by: tuple[str, ...] = ()  # behind it (or not eligible) before, ahead of it now
    overtook: tuple[str, ...] = ()  # ahead of it before, behind it now
    newly_eligible: tuple[str, ...] = ()  # of overtaken_by: those not eligible before
    dropped_out: tuple[str, ...] = ()  # ahead of it before, not eligible now


@dataclass(frozen=True)
class CityChange:
    city: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Origin:
    """Where one side's criteria were read, as the report names it."""

    kind: str  # file, profile (named by its id) or git
    path: str  # the file read; for git, the path in the repository at that revision
    revision: str | None = None  # git: as written
    commit: str | None = None  # git: the commit the revision named, in full


@dataclass(frozen=True)
class Label:
    spec: str
    id: str
    version: str
    origin: Origin | None = None


@dataclass
class DiffResult:
    base: Label
    new: Label
    screened: int
    changes: list[Change] = field(default_factory=list)
    cities: list[CityChange] = field(default_factory=list)
    # the run's verdict, as the json envelope states it: ok, failed (--fail-on matched) or
    # invalid-input (some applicant files were invalid); set by whoever runs the diff
    status: str = "ok"
    # each city's name in another language, by its English name, for a report in that
    # language (json names cities in English): {"zh": {"Suzhou": "苏州"}}
    city_names: dict[str, dict[str, str]] = field(default_factory=dict)

    def having(self, kind: str) -> list[Change]:
        return [c for c in self.changes if kind in c.kinds]

    def counts(self) -> dict[str, int]:
        out = {"screened": self.screened, "changed": len(self.changes)}
        out.update({k: len(self.having(k)) for k in KINDS})
        out["cities"] = len(self.cities)
        return out


@dataclass(frozen=True, slots=True)  # slots: two per applicant of the batch
class _Placed:
    """One applicant's decision under one profile, and its place in that batch."""

    decision: _Kept
    rank: int | None
    city_rank: int | None
    city_quota: int | None
    shortlisted: bool


def _side(r: _Placed, max_points: Decimal) -> Side:
    d = r.decision
    return Side(
        d.eligible,
        d.tier,
        r.rank,
        r.city_rank,
        r.shortlisted,
        d.total,
        d.score,
        d.bonus,
        max_points,
    )


def _pf(passed: bool | None) -> str:
    return "absent" if passed is None else ("pass" if passed else "FAIL")


@dataclass(frozen=True)
class _Outcomes:
    """What a decision says rule by rule, by id, as the causes compare them."""

    gates: dict[str, bool]  # and "<criterion>:required" for a missing fact that shuts out
    criteria: dict[str, tuple[Decimal, Decimal]]  # points, max points
    bonuses: dict[str, Decimal]  # points added (0 when not applied), before the cap
    bonus: Decimal  # after the cap


def _outcomes(compiled: CompiledProfile, d: _Kept) -> _Outcomes:
    gates = {g.id: gate_passes(g, v) for (g, _), v in zip(compiled.gates, d.gates, strict=True)}
    points = {  # as counted in the score (`Decision.criterion_points`)
        c.id: missing_points(c) if p is None else p
        for (c, _), p in zip(compiled.criteria, d.points, strict=True)
    }
    for (c, _), p in zip(compiled.criteria, d.points, strict=True):
        if p is None and c.missing == "fail":
            gates[f"{c.id}:required"] = False
            points[c.id] = Decimal(0)
    criteria = {c.id: (points[c.id], c.points) for c, _ in compiled.criteria}
    bonuses = {
        b.id: b.points if v is True else Decimal(0)
        for (b, _), v in zip(compiled.bonuses, d.bonuses, strict=True)
    }
    return _Outcomes(gates, criteria, bonuses, d.bonus)


def causes(old: _Outcomes, new: _Outcomes) -> list[Cause]:
    out: list[Cause] = []
    og, ng = old.gates, new.gates
    for gid in sorted(og.keys() | ng.keys()):
        if og.get(gid) != ng.get(gid):
            out.append(Cause("gate", gid, _pf(og.get(gid)), _pf(ng.get(gid))))
    oc, nc = old.criteria, new.criteria
    for cid in sorted(oc.keys() | nc.keys()):
        a, b = oc.get(cid), nc.get(cid)
        if a is None or b is None or a != b:
            before = f"{show(a[0])}/{show(a[1])}" if a else "absent"
            after = f"{show(b[0])}/{show(b[1])}" if b else "absent"
            out.append(Cause("criterion", cid, before, after))
    ob, nb = old.bonuses, new.bonuses
    for bid in sorted(ob.keys() | nb.keys()):
        x, y = ob.get(bid), nb.get(bid)
        if x is None or y is None or x != y:
            before = f"+{show(x)}" if x is not None else "absent"
            after = f"+{show(y)}" if y is not None else "absent"
            out.append(Cause("bonus", bid, before, after))
    raw_old = sum(ob.values(), Decimal(0))
    raw_new = sum(nb.values(), Decimal(0))
    if old.bonus != new.bonus and raw_old == raw_new:
        out.append(Cause("bonus-cap", "bonus_cap", f"+{show(old.bonus)}", f"+{show(new.bonus)}"))
    return out


def profile_causes(
    base: CompiledProfile,
    new: CompiledProfile,
    old: _Placed,
    now: _Placed,
    kinds: tuple[str, ...],
) -> list[Cause]:
    """Edits outside the rules that change an outcome: tier thresholds, tie-break, quotas."""
    out: list[Cause] = []
    if "tier" in kinds:
        old_t = {t.id: t.min_points for t in base.tiers}
        new_t = {t.id: t.min_points for t in new.tiers}
        for tid in sorted(old_t.keys() | new_t.keys()):
            if old_t.get(tid) != new_t.get(tid) and tid in (old.decision.tier, now.decision.tier):
                before = f"from {show(old_t[tid])}" if tid in old_t else "absent"
                after = f"from {show(new_t[tid])}" if tid in new_t else "absent"
                out.append(Cause("tier", tid, before, after))
    if ("rank" in kinds or "city-rank" in kinds) and base.tie_break != new.tie_break:
        keys = [", ".join(k for k, _ in side.tie_break) for side in (base, new)]
        out.append(Cause("tie-break", "tie_break", keys[0], keys[1]))
    if "shortlist" in kinds and old.city_quota != now.city_quota:
        quota = [str(q) if q is not None else "none" for q in (old.city_quota, now.city_quota)]
        out.append(Cause("quota", now.decision.city_id, quota[0], quota[1]))
    return out


def _kinds(a: Side, b: Side) -> tuple[str, ...]:
    pairs = {
        "eligibility": (a.eligible, b.eligible),
        "tier": (a.tier, b.tier),
        "rank": (a.rank, b.rank),
        "city-rank": (a.city_rank, b.city_rank),
        "shortlist": (a.shortlisted, b.shortlisted),
        "points": (a.total, b.total),
    }
    return tuple(k for k in KINDS if pairs[k][0] != pairs[k][1])


def _label(spec: str, compiled: CompiledProfile, origin: Origin | None) -> Label:
    return Label(spec, compiled.profile.id, compiled.profile.version, origin)


class _Kept(NamedTuple):
    """What a diff reads of a decision: its verdicts, points, total, tier, and its sort key
    as bytes (keys.py), which rank as the key does in a tenth of the memory of its tuple of
    Decimals. Two are kept per applicant until both sides are ranked: a whole `Decision`
    (the rules' records, the words' data, the review) of each side of a 100,000 batch held
    gigabytes."""

    applicant_id: str
    city_id: str
    eligible: bool
    gates: tuple[bool | None, ...]
    points: tuple[Decimal | None, ...]
    bonuses: tuple[bool | None, ...]
    score: Decimal
    bonus: Decimal
    total: Decimal
    tier: str | None
    sort_key: bytes


def _kept(d: Decision) -> _Kept:
    return _Kept(
        d.applicant_id,
        d.city_id,
        d.eligible,
        d.gates,
        d.points,
        d.bonuses,
        d.score,
        d.bonus,
        d.total,
        d.tier,
        keys.encode(d.sort_key),
    )


def _decided(
    base: CompiledProfile, new: CompiledProfile, applicants: Iterable[tuple[Applicant, str]]
) -> tuple[list[_Kept], list[_Kept]]:
    """Each applicant decided under both profiles as it is read (one pass, one model alive
    at a time: the models of a large batch are never all in memory), only what a diff
    reads of each decision kept."""
    before: list[_Kept] = []
    after: list[_Kept] = []
    for applicant, _ in applicants:
        before.append(_kept(decide(base, applicant)))
        after.append(_kept(decide(new, applicant)))
    return before, after


def _ranked(compiled: CompiledProfile, decisions: list[_Kept]) -> dict[str, _Placed]:
    """Each applicant's decision (not explained) placed in the batch, by id."""
    placed: Placed[_Kept] = place(decisions)
    decisions.clear()  # `placed.order` holds them now
    out = {}
    for i in range(len(placed.order)):
        d, rank_, city_rank, quota, shortlisted = placed.at(compiled, i)
        out[d.applicant_id] = _Placed(d, rank_, city_rank, quota, shortlisted)
    return out


def _city_name(compiled: CompiledProfile, city_id: str, lang: str = "en") -> str:
    entry = compiled.cities.by_id.get(city_id) if compiled.cities else None
    return entry.display(lang) if entry else city_id


def _city_names(compiled: CompiledProfile, lang: str) -> dict[str, str]:
    entries = compiled.cities.by_id.values() if compiled.cities else ()
    return {e.display("en"): e.display(lang) for e in entries}


def compare(
    base: CompiledProfile,
    new: CompiledProfile,
    applicants: Iterable[tuple[Applicant, str]],
    base_spec: str = "",
    new_spec: str = "",
    origins: tuple[Origin | None, Origin | None] = (None, None),
) -> DiffResult:
    """Both sides decide every applicant with their rules' deciding functions; nothing is
    explained: a cause is a rule whose decided outcome differs. The applicants are read
    once, lazily (`Results.models`): each is decided under both profiles as it is read."""
    olds, news = _decided(base, new, applicants)
    screened = len(olds)
    before = _ranked(base, olds)
    after = _ranked(new, news)
    result = DiffResult(
        _label(base_spec, base, origins[0]), _label(new_spec, new, origins[1]), screened
    )
    result.city_names["zh"] = _city_names(new, "zh")
    # Each applicant's two sides are made as it is looked at, and kept only if it changed.
    sides: dict[str, tuple[Side, Side]] = {}
    changed: list[str] = []
    for aid in sorted(before, key=lambda i: (after[i].rank or 10**9, before[i].rank or 10**9, i)):
        pair = (
            _side(before[aid], base.profile.max_points),
            _side(after[aid], new.profile.max_points),
        )
        if _kinds(*pair):
            sides[aid] = pair
            changed.append(aid)
    ranks = {aid: (before[aid].rank, after[aid].rank) for aid in before}
    passings = passing(ranks, changed)
    for aid in changed:
        a, b = sides[aid]
        kinds = _kinds(a, b)
        why = causes(_outcomes(base, before[aid].decision), _outcomes(new, after[aid].decision))
        why += profile_causes(base, new, before[aid], after[aid], kinds)
        city = _city_name(new, after[aid].decision.city_id)
        p = passings[aid]
        result.changes.append(
            Change(
                aid,
                city,
                a,
                b,
                kinds,
                tuple(why),
                p.overtaken_by,
                p.overtook,
                p.newly_eligible,
                p.dropped_out,
            )
        )
    lists: dict[str, tuple[set[str], set[str]]] = {}
    for side, results in ((0, before), (1, after)):
        for aid, r in results.items():
            # One name per city for both sides, even when the new city list spells it otherwise.
            entry = lists.setdefault(_city_name(new, after[aid].decision.city_id), (set(), set()))
            if r.shortlisted:
                entry[side].add(aid)
    for city in sorted(lists):
        old, new_ = lists[city]
        if old != new_:
            result.cities.append(
                CityChange(city, tuple(sorted(new_ - old)), tuple(sorted(old - new_)))
            )
    return result
