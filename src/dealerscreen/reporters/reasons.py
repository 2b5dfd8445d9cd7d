"""The reason column: a few words that tell one applicant's row from the next.

"Weakest: Dealer-group standing 18/25" was true of nearly every row, because most points
are lost on the criterion with the largest maximum. So each row is set against the batch
instead of against the maximum:

- a runner-up: how far behind the city's last shortlisted applicant it is, and on which
  criterion (or the bonus) most of that gap lies, or, when no one part is most of it, its
  largest part; a tie says the tie-break placed it;
- any other eligible applicant: its strongest and its weakest criterion, each the one
  furthest above (below) the batch's average as a share of the criterion's maximum, the
  points said as points of the maximum ("scored 2 of 5"), never as a bare figure a reader
  takes for the fact (a 2 % debt ratio);
- an ineligible one: the first requirement not met (or that the fact was not stated).

The batch's figures come from the decisions the rows already hold (`Results.decisions`):
nothing is explained or decided again, so 100,000 rows cost one pass over bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dealerscreen.batch.results import Results
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import record
from dealerscreen.decide.engine import missing_points
from dealerscreen.models.fields import show
from dealerscreen.models.result import Result
from dealerscreen.words.labels import Messages

BONUS = "bonus"  # the key of the bonus points, beside the criteria's ids


@dataclass(frozen=True)
class Cut:
    """A city's last shortlisted applicant: what its runners-up are measured against."""

    city_rank: int
    total: Decimal
    points: dict[str, Decimal]  # criterion id (and BONUS) -> points


class BatchFigures:
    """Per criterion the batch's average points, and each city's cut."""

    def __init__(self) -> None:
        self.sums: dict[str, Decimal] = {}
        self.eligible = 0
        self.cuts: dict[str, Cut] = {}
        self._in_city: dict[str, int] = {}

    def add(
        self, city_id: str, total: Decimal, points: dict[str, Decimal], shortlisted: bool
    ) -> None:
        """One eligible applicant, in rank order."""
        self.eligible += 1
        for key, value in points.items():
            if key == BONUS:
                continue
            self.sums[key] = self.sums.get(key, Decimal(0)) + value
        rank = self._in_city[city_id] = self._in_city.get(city_id, 0) + 1
        if shortlisted:  # rank order: the last one seen is the city's last shortlisted
            self.cuts[city_id] = Cut(rank, total, points)

    def mean(self, key: str) -> Decimal:
        return self.sums.get(key, Decimal(0)) / self.eligible if self.eligible else Decimal(0)

    @staticmethod
    def of(compiled: CompiledProfile, results: Results) -> BatchFigures:
        figures = BatchFigures()
        # Only the numbers of each eligible row's record: 15,000 of them at N = 100,000
        missing = [(c.id, missing_points(c)) for c, _ in compiled.criteria]
        for _, row, shortlisted in results.placed_rows():
            if not row.eligible:
                break  # the ineligible follow the eligible
            written, bonus, total = record.points_of(row.record)
            points = {
                cid: if_missing if p is None else p
                for (cid, if_missing), p in zip(missing, written, strict=True)
            }
            points[BONUS] = bonus
            figures.add(row.city_id, total, points, shortlisted)
        return figures


class Reasons:
    """The reason column for the rows of one run; the batch is read on first use."""

    def __init__(self, compiled: CompiledProfile, results: Results) -> None:
        self._compiled = compiled
        self._results = results
        self._figures: BatchFigures | None = None

    @property
    def figures(self) -> BatchFigures:
        if self._figures is None:
            self._figures = BatchFigures.of(self._compiled, self._results)
        return self._figures

    def __call__(self, result: Result, msgs: Messages) -> str:
        ev = result.evaluation
        if not ev.eligible:
            return _out(result, msgs) + _review_mark(result, msgs)
        cut = self.figures.cuts.get(ev.city_id)
        if not result.shortlisted and cut is not None:
            return _behind_cut(result, cut, msgs) + _review_mark(result, msgs)
        return self._against_batch(result, msgs) + _review_mark(result, msgs)

    def _against_batch(self, result: Result, msgs: Messages) -> str:
        """Its strongest and weakest criterion, each set against the batch's average as
        a share of the criterion's maximum (so a 25-point criterion does not always win)."""
        figures = self.figures
        strong, strong_by = None, Decimal(0)
        weak, weak_by = None, Decimal(0)
        for c in result.evaluation.criteria:
            if c.max_points <= 0:
                continue
            above = (c.points - figures.mean(c.id)) / c.max_points
            if above > strong_by:
                strong, strong_by = c, above
            elif -above > weak_by:
                weak, weak_by = c, -above
        parts = []
        if strong is not None:
            parts.append(msgs("reason.strong", criterion=strong.title))
        if weak is not None:
            mean = figures.mean(weak.id).quantize(Decimal("0.1"))
            parts.append(  # points, said as points: "Debt ratio 2" read as a 2 % ratio
                msgs(
                    "reason.weak",
                    criterion=weak.title,
                    points=show(weak.points),
                    max=show(weak.max_points),
                    mean=show(mean),
                )
            )
        else:
            parts.append(msgs("reason.no_weak"))
        return msgs("reason.sep").join(parts)


def _review_mark(result: Result, msgs: Messages) -> str:
    """'; needs review' when a margin or a tie the id alone broke puts it up for review;
    ' · provisional' when it is eligible on claims still to be documented (#12)."""
    mark = (
        msgs("reason.sep") + msgs("review.mark") if result.review else ""
    )  # explain.one_line says more
    if result.evaluation.provisional:
        mark += f" · {msgs('ev.provisional')}"
    return mark


def _out(result: Result, msgs: Messages) -> str:
    failed = result.evaluation.failed_gates
    more = msgs("reason.more", n=len(failed) - 1) if len(failed) > 1 else ""
    first = failed[0]
    if first.missing:
        return msgs(
            "reason.out_missing", gate=first.title, facts=", ".join(first.missing), more=more
        )
    return msgs("reason.out", gate=first.title, more=more)


def _behind_cut(result: Result, cut: Cut, msgs: Messages) -> str:
    ev = result.evaluation
    city = msgs.city(ev)
    gap = cut.total - ev.total
    if gap <= 0:
        return msgs("reason.tied", city=city, place=cut.city_rank)
    titles = {c.id: c.title for c in ev.criteria}
    own = {c.id: c.points for c in ev.criteria}
    own[BONUS] = ev.bonus
    titles[BONUS] = msgs("reason.bonus")
    # Where most of the gap lies: the largest shortfall against the cut, in profile order.
    key, delta = max(
        ((k, cut.points.get(k, Decimal(0)) - own[k]) for k in titles),
        key=lambda kv: kv[1],
    )
    # "most" only when it is: 5 of a 26.75-point gap is its largest part, not most of it
    key_most = "reason.behind_cut" if delta * 2 > gap else "reason.behind_cut.part"
    return msgs(
        key_most,
        gap=show(gap),
        city=city,
        place=cut.city_rank,
        criterion=titles[key],
        delta=show(delta),
    )
