"""A case's expectations against its decision: one line per expectation that does not
hold, for a case (`compare*`) and for a ranking of cases (`order_failures`).

The lines are data: messages with their keys and values (criteriatext.SHAPES), json
keeps their English, the text report says them in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.engine import Decision, decide
from dealerscreen.decide.ranking import place
from dealerscreen.decide.review import near_misses
from dealerscreen.decide.separation import decisive
from dealerscreen.i18n.criteriatext import shape
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import show
from dealerscreen.models.problems import Message
from dealerscreen.outcomes.casefile import BuiltCase
from dealerscreen.outcomes.models import CaseFile, Expect, Ranking
from dealerscreen.yamlsource import dotted


def _number(value: Decimal) -> str:
    return show(value)


def _expected(what: str, want: object, got: object) -> Message:
    """ "{what}: expected {want}, got {got}", each value as Python writes it (a list, True)."""
    return shape("expected", what=what, want=f"{want}", got=f"{got}")


def compare(expect: Expect, ev: Decision, compiled: CompiledProfile) -> list[Message]:
    """Expected against the decision, one line per expectation that does not hold."""
    out: list[Message] = []
    given = expect.model_fields_set
    if expect.eligible is not None and expect.eligible != ev.eligible:
        out.append(_expected("eligible", expect.eligible, ev.eligible))
    if expect.failed_gates is not None:
        want, got = sorted(expect.failed_gates), sorted(ev.failed(compiled))
        if want != got:
            out.append(_expected("failed_gates", want, got))
    if "tier" in given and expect.tier != ev.tier:
        out.append(_expected("tier", expect.tier, ev.tier))
    if expect.total is not None and expect.total != ev.total:
        out.append(_expected("total", _number(expect.total), _number(ev.total)))
    if expect.min_total is not None and ev.total < expect.min_total:
        least, got_total = _number(expect.min_total), _number(ev.total)
        out.append(shape("expected.least", what="total", want=least, got=got_total))
    if expect.max_total is not None and ev.total > expect.max_total:
        most, got_total = _number(expect.max_total), _number(ev.total)
        out.append(shape("expected.most", what="total", want=most, got=got_total))
    by_id = ev.criterion_points(compiled)
    for cid, pts in sorted(expect.points.items()):
        if cid not in by_id:
            out.append(shape("no-criterion", what=f"points.{cid}", id=cid))
        elif by_id[cid] != pts:
            out.append(_expected(f"points.{cid}", _number(pts), _number(by_id[cid])))
    if expect.bonuses is not None:
        applied = zip(compiled.bonuses, ev.bonuses, strict=True)
        want, got = sorted(expect.bonuses), sorted(b.id for (b, _), v in applied if v is True)
        if want != got:
            out.append(_expected("bonuses", want, got))
    if expect.provisional is not None and expect.provisional != ev.is_provisional:
        out.append(_expected("provisional", expect.provisional, ev.is_provisional))
    if expect.provisional_gates is not None:
        want = sorted(expect.provisional_gates)
        got = sorted(compiled.gates[i][0].id for i in ev.provisional)
        if want != got:
            out.append(_expected("provisional_gates", want, got))
    return out


def compare_flags(expect: Expect, compiled: CompiledProfile, applicant: Applicant) -> list[Message]:
    """The advisories that flag the applicant against `flagged`: a check decides nothing,
    so `decide` leaves it out and it is run here, only for a case that names it."""
    if expect.flagged is None:
        return []
    got = sorted(c.id for c, check in compiled.checks if check(applicant).value is False)
    want = sorted(expect.flagged)
    return [] if got == want else [_expected("flagged", want, got)]


def compare_review(
    expect: Expect, compiled: CompiledProfile, applicant: Applicant, ev: Decision
) -> list[Message]:
    """The near misses marked for review against `needs_review` (#12)."""
    if expect.needs_review is None:
        return []
    got = sorted(f.code for f in near_misses(compiled, ev, applicant))
    if isinstance(expect.needs_review, bool):
        if bool(got) == expect.needs_review:
            return []
        return [_expected("needs_review", str(expect.needs_review).lower(), got or "false")]
    if sorted(expect.needs_review) == got:
        return []
    return [_expected("needs_review", sorted(expect.needs_review), got)]


def compare_names(expect: Expect, compiled: CompiledProfile, applicant: Applicant) -> list[Message]:
    """The names the closed lists do not know, and their suggestions, against `did_you_mean`."""
    if expect.did_you_mean is None:
        return []
    from dealerscreen.criteria.names import unknown_names

    got = {dotted(u.loc): list(u.suggested) for u in unknown_names(compiled, applicant)}
    if got == expect.did_you_mean:
        return []
    return [_expected("did_you_mean", expect.did_you_mean, got)]


def order_failures(
    ranking: Ranking, decisions: dict[str, Decision], compiled: CompiledProfile
) -> list[Message]:
    """Why the cases do not rank in the expected order (empty: they do)."""
    placed = place(decisions[c] for c in ranking.order)
    got = [placed.order[k].applicant_id for k in range(len(placed.order))]
    want = [decisions[c].applicant_id for c in ranking.order]
    failures = [shape("order.ineligible", id=c) for c in ranking.order if not decisions[c].eligible]
    if got != want and not failures:
        failures.append(_expected("order", want, got))
        failures.extend(
            shape(
                "order.total" if r.eligible else "order.total.out",
                id=r.applicant_id,
                total=show(r.total),
            )
            for r in (placed.order[k] for k in range(len(placed.order)))
        )
    if ranking.separated_by is not None and not failures:
        failures += _separation_failures(ranking, ranking.separated_by, decisions, compiled)
    return failures


def _separation_failures(
    ranking: Ranking,
    keys: list[str],
    decisions: dict[str, Decision],
    compiled: CompiledProfile,
) -> list[Message]:
    """Which ranking key put each case above the next, against `separated_by` (#12)."""
    out: list[Message] = []
    pairs = zip(ranking.order, ranking.order[1:], strict=False)
    for want, (upper, lower) in zip(keys, pairs, strict=True):
        got, _, _, _ = decisive(compiled, decisions[upper].sort_key, decisions[lower].sort_key)
        if got != want:
            out.append(shape("separated", upper=upper, lower=lower, want=want, got=str(got)))
    return out


def any_fails(compiled: CompiledProfile, spec: CaseFile, built: Sequence[BuiltCase]) -> bool:
    """Whether some case or ranking of the file fails under `compiled` (a mutant, say):
    decisions only, nothing explained, stopping at the first failure."""
    decisions: dict[str, Decision] = {}
    for b in built:
        if b.applicant is None:
            continue
        decision = decide(compiled, b.applicant)
        if compare(b.case.expect, decision, compiled) or compare_review(
            b.case.expect, compiled, b.applicant, decision
        ):
            return True
        decisions[b.case.id] = decision
    return any(
        all(c in decisions for c in r.order) and order_failures(r, decisions, compiled)
        for r in spec.rankings
    )
