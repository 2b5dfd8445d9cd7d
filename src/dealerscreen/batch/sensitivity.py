"""How far each criterion's weight can move before a city's shortlist changes.

A what-if on one weight at a time, the others held fixed: a criterion worth w points that
gave an applicant p points gives it p * w'/w at weight w' (every rule scales its points
with the maximum). The profile itself must keep the weights adding up to max_points, so
this answers "how much does this weight matter here", not "is this a valid profile".

Totals move linearly with the weight, so a shortlist can only change where two applicants
of one city cross: each crossing is tried (at the crossing and just past it, so the
profile's tie-break decides exact ties), nearest first, up to the weight's own size
downwards (weight 0) and max_points upwards. Eligibility never depends on a weight.

Only a few applicants of a city can ever be in its shortlist (`_pool`): applicants who
got the same share of a criterion's points move together as its weight moves, so among
them the order never changes, and only the first `quota` of each share can reach the
shortlist. Points come from a few bands, so a city of thousands has a pool of tens, and
the crossings tried are those of the pool, not of every pair in the city.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from dealerscreen.batch.results import Results
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import keys

EPS = Decimal("0.0001")
CENT = Decimal("0.01")


Move = tuple[str, tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class WeightSensitivity:
    criterion: str
    title: str
    weight: Decimal
    down: Decimal | None  # smallest decrease that changes a shortlist; None: none does
    up: Decimal | None
    down_change: str | None  # "city: +in -out"
    up_change: str | None
    # The same changes as data, for a report that names the applicants: (city id, the
    # applicant ids that enter its shortlist, those that leave it)
    down_moves: tuple[Move, ...] = ()
    up_moves: tuple[Move, ...] = ()


@dataclass(frozen=True)
class Fragile:
    applicant_id: str
    city_id: str
    shortlisted: bool
    criterion: str
    delta: Decimal  # signed move of the weight that flips the applicant's status


@dataclass(frozen=True)
class Sensitivity:
    weights: tuple[WeightSensitivity, ...]
    fragile: tuple[Fragile, ...]  # within the `within` distance, nearest first
    within: Decimal


@dataclass(frozen=True)
class _Scored:
    """What the analysis reads of an eligible applicant's decision."""

    applicant_id: str
    city_id: str
    total: Decimal
    score: Decimal
    sort_key: tuple[object, ...]
    points: dict[str, Decimal]  # by criterion id, as counted in the score


def _scored(compiled: CompiledProfile, results: Results) -> list[_Scored]:
    """The eligible applicants' decisions, read off the rows: not evaluated and explained."""
    return [
        _Scored(
            d.applicant_id,
            d.city_id,
            d.total,
            d.score,
            d.sort_key,
            d.criterion_points(compiled),
        )
        for d in results.decisions(eligible_only=True)
    ]


Moving = tuple[tuple[int, Callable[[_Scored], Decimal], bool], ...]


def _moving(compiled: CompiledProfile, crit: str) -> Moving:
    """The parts of the sort key that move with `crit`'s weight (total, score, its own
    points), each with its place, what it reads and its order: found once per criterion.
    Every other part is the decision's own, as it ranked the batch."""
    reads: dict[str, Callable[[_Scored], Decimal]] = {
        "total": attrgetter("total"),
        "score": attrgetter("score"),
        f"criterion:{crit}": lambda e: e.points[crit],
    }
    return tuple(
        (i, reads[key], order == "desc")
        for i, (key, order) in enumerate(compiled.tie_break)
        if key in reads
    )


def _key(ev: _Scored, moving: Moving, d: Decimal, frac: Decimal) -> tuple[object, ...]:
    """The engine's sort key with the criterion's points scaled by its weight moved by d:
    the decision's key, with only the moving parts made anew."""
    if not d:
        return ev.sort_key  # the weight as it is: the key the batch was ranked by
    shift = frac * d
    parts = list(ev.sort_key)
    for i, read, desc in moving:
        parts[i] = keys.part(read(ev) + shift, desc)
    return tuple(parts)


class _Shortlists:
    """Each city's shortlist with one criterion's weight moved by d, worked out once per
    stretch of d over which the city's order cannot change.

    Two applicants' sort keys move linearly with d; their order can change only where
    one of the moving parts (total, score, the criterion's points) of the one meets the
    other's. Between two such points of a city, and at each, the city's order is one
    order: so a probe sorts only the cities whose stretch it has not seen, not all of
    them (the search probes every crossing of every city).
    """

    def __init__(
        self,
        compiled: CompiledProfile,
        by_city: dict[str, list[_Scored]],
        crit: str,
        fracs: dict[str, Decimal],
    ) -> None:
        self.compiled, self.by_city, self.crit, self.fracs = compiled, by_city, crit, fracs
        self.moving = _moving(compiled, crit)
        self.cuts: dict[str, list[Decimal]] = {}
        for city, evs in by_city.items():
            cuts = _crossings(evs, fracs, lambda e: e.total)
            cuts |= _crossings(evs, fracs, lambda e: e.score)
            cuts |= _crossings(evs, fracs, lambda e: e.points[crit])
            self.cuts[city] = sorted(cuts)
        self.seen: dict[tuple[str, bool, int], frozenset[str]] = {}

    def city(self, city: str, d: Decimal) -> frozenset[str]:
        cuts = self.cuts[city]
        i = bisect_left(cuts, d)
        stretch = (city, i < len(cuts) and cuts[i] == d, i)
        found = self.seen.get(stretch)
        if found is None:
            moving, fracs = self.moving, self.fracs
            ranked = sorted(
                self.by_city[city], key=lambda e: _key(e, moving, d, fracs[e.applicant_id])
            )
            quota = self.compiled.quota_for(city)
            chosen = ranked if quota is None else ranked[:quota]
            found = self.seen[stretch] = frozenset(e.applicant_id for e in chosen)
        return found

    def __call__(self, d: Decimal) -> dict[str, frozenset[str]]:
        return {city: self.city(city, d) for city in self.by_city}


def _pool(
    compiled: CompiledProfile,
    evs: list[_Scored],
    quota: int | None,
    crit: str,
    fracs: dict[str, Decimal],
) -> list[_Scored]:
    """The applicants of a city who can be shortlisted at some weight of `crit`: the first
    `quota` of each share of its points. The others always have `quota` applicants ahead
    (their own share's first, who move as they do). With no quota every applicant is
    shortlisted at every weight, and none can flip."""
    if quota is None:
        return []
    by_share: dict[Decimal, list[_Scored]] = defaultdict(list)
    for e in evs:
        by_share[fracs[e.applicant_id]].append(e)
    pool = []
    for group in by_share.values():
        group.sort(key=attrgetter("sort_key"))  # at the weight as it is: the batch's order
        pool += group[:quota]
    return pool


def _crossings(
    evs: list[_Scored],
    fracs: dict[str, Decimal],
    part: Callable[[_Scored], Decimal] = attrgetter("total"),
) -> set[Decimal]:
    """The moves of the weight at which one moving part (the total by default) of two
    applicants meets: each part moves by the applicant's share of the weight."""
    out: set[Decimal] = set()
    for i, a in enumerate(evs):
        fa, pa = fracs[a.applicant_id], part(a)
        for b in evs[i + 1 :]:
            fb = fracs[b.applicant_id]
            if fa != fb:
                out.add((part(b) - pa) / (fa - fb))
    return out


def _moves(base: dict[str, frozenset[str]], now: dict[str, frozenset[str]]) -> tuple[Move, ...]:
    return tuple(
        (city, tuple(sorted(now[city] - base[city])), tuple(sorted(base[city] - now[city])))
        for city in sorted(base)
        if base[city] != now[city]
    )


def _describe(moves: tuple[Move, ...]) -> str:
    parts = []
    for city, gained, lost in moves:
        plus = " ".join(f"+{a}" for a in gained)
        minus = " ".join(f"-{a}" for a in lost)
        parts.append(f"{city}: {plus} {minus}".strip())
    return "; ".join(parts)


def analyse(
    compiled: CompiledProfile, results: Results, within: Decimal = Decimal(2)
) -> Sensitivity:
    eligible = _scored(compiled, results)
    cities: dict[str, list[_Scored]] = defaultdict(list)
    for ev in eligible:
        cities[ev.city_id].append(ev)
    rows: list[WeightSensitivity] = []
    flips: dict[str, Fragile] = {}
    for crit, _ in compiled.criteria:
        weight = crit.points
        fracs = {ev.applicant_id: ev.points[crit.id] / weight for ev in eligible}
        by_city = {
            city: _pool(compiled, evs, compiled.quota_for(city), crit.id, fracs)
            for city, evs in cities.items()
        }
        shortlists = _Shortlists(compiled, by_city, crit.id, fracs)
        base = shortlists(Decimal(0))
        # A city is probed at its own crossings only: between two of them its shortlist
        # is one set, whatever other cities do. Nearest first, over every city, up to the
        # first change (the weight's) and on to `within` (the fragile applicants).
        crossings = {city: _crossings(evs, fracs) for city, evs in by_city.items()}
        first: dict[int, Decimal] = {}
        for sign, limit in ((-1, weight), (1, compiled.profile.max_points)):
            tries = sorted(
                (abs(c), city)
                for city, cs in crossings.items()
                for c in cs
                if c * sign >= 0 and abs(c) <= limit  # at 0: an exact tie, either way
            )
            for size, city in tries:
                if size > within and sign in first:
                    break
                for probe in (size, size + EPS):  # the tie-break decides at the crossing
                    d = Decimal(sign) * min(probe, limit)
                    ids = shortlists.city(city, d)
                    if ids == base[city]:
                        continue
                    if sign not in first or abs(d) < abs(first[sign]):
                        first[sign] = d  # another city's probe just past may come first
                    for aid in ids ^ base[city]:
                        if aid not in flips or abs(d) < abs(flips[aid].delta):
                            flips[aid] = Fragile(aid, city, aid in base[city], crit.id, d)
        found = {sign: (abs(d), _moves(base, shortlists(d))) for sign, d in first.items()}
        down, up = found.get(-1), found.get(1)
        rows.append(
            WeightSensitivity(
                crit.id,
                crit.title,
                weight,
                down[0].quantize(CENT) if down else None,
                up[0].quantize(CENT) if up else None,
                _describe(down[1]) if down else None,
                _describe(up[1]) if up else None,
                down[1] if down else (),
                up[1] if up else (),
            )
        )
    fragile = sorted(
        (f for f in flips.values() if abs(f.delta) <= within),
        key=lambda f: (abs(f.delta), f.applicant_id),
    )
    return Sensitivity(tuple(rows), tuple(fragile), within)
