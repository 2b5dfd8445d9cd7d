"""What a letter advises: only what the applicant can truly change, and only when it counts.

The what-if search (decide/whatif.py) finds the smallest single change of a fact that
reaches the next tier, or eligibility. A letter filters it, never the search:

- advice names only measurable facts (an area, a count, a share): a letter never tells
  an applicant which of its own yes/no or category answers to flip ("if the workshop at
  the site were yes"). For a capability the applicant says it lacks, it names the
  requirement and welcomes a new application with evidence;
- a runner-up hears of a change only when it would bring the application within the
  city's places (its total above the last shortlisted one's); a higher tier that leaves
  its place as it is is no news to it; a shortlisted applicant hears of none;
- facts an application left out are named only to an eligible applicant, where stating
  them can count; an ineligible one is told that no single change would do, and nothing
  after it contradicts that.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

from dealerscreen.decide.whatif import Change, Outlook
from dealerscreen.models.applicant import SELF_CLAIMS, Applicant
from dealerscreen.models.fields import FieldPathError, resolve_field
from dealerscreen.models.result import Result


def measurable(path: str) -> bool:
    """A fact with a number for a value (not yes/no, a category, a name or a claimed rank)."""
    if path in SELF_CLAIMS:
        return False
    try:
        annotation: Any = resolve_field(Applicant, path).annotation
    except FieldPathError:
        return False
    while get_origin(annotation) in (Union, types.UnionType, getattr(types, "Annotated", None)):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return False
        annotation = args[0]
    if get_origin(annotation) is not None and get_args(annotation):  # Annotated[int, ...]
        annotation = get_args(annotation)[0]
    return annotation in (int, float, Decimal)


def cut_totals(results: Iterable[Result]) -> dict[str, Decimal]:
    """Each city's last shortlisted total: what a runner-up must pass to take a place."""
    cuts: dict[str, Decimal] = {}
    for r in results:
        if r.shortlisted:
            city, total = r.evaluation.city_id, r.evaluation.total
            cuts[city] = min(total, cuts.get(city, total))
    return cuts


def worth_telling(
    result: Result, outlook: Outlook, cuts: dict[str, Decimal]
) -> tuple[Change | None, bool]:
    """(a change to tell, whether it is a capability to welcome back rather than a figure)."""
    change = outlook.change
    if change is None or result.shortlisted:
        return None, False
    ev = result.evaluation
    if not ev.eligible:
        return change, not measurable(change.fact)
    cut = cuts.get(ev.city_id)
    if cut is None or not measurable(change.fact) or ev.total + change.gain <= cut:
        return None, False
    return change, False
