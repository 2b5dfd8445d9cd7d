"""The closed set of rule kinds, registered in one place.

A condition decides true / false / unknown; a scoring kind turns facts into points. Each
kind is one module whose docstring is its user documentation, and one class that answers
everything asked of the kind (`ConditionKind` or `ScoringKind` in base.py: deciding,
words, boundaries, mutants, coverage branches, best and fewest points). Adding a kind
means one new module and one line in each union below; an unknown ``kind`` in YAML is a
load error, and a kind that lacks a piece fails tests/test_rule_kinds_complete.py.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from dealerscreen.rules.all_of import AllOf
from dealerscreen.rules.any_item import AnyItem
from dealerscreen.rules.any_of import AnyOf
from dealerscreen.rules.bands import Bands
from dealerscreen.rules.boolean import Boolean
from dealerscreen.rules.cases import Case, Cases
from dealerscreen.rules.compare import Compare
from dealerscreen.rules.in_list import InList
from dealerscreen.rules.linear import Linear
from dealerscreen.rules.listed import Listed
from dealerscreen.rules.lookup import Lookup
from dealerscreen.rules.not_ import Not
from dealerscreen.rules.present import Present
from dealerscreen.rules.reviewed import Reviewed
from dealerscreen.rules.thresholds import Thresholds

Condition = Annotated[
    Compare | InList | Listed | Present | AllOf | AnyOf | Not | AnyItem,
    Field(discriminator="kind"),
]
Scoring = Annotated[
    Bands | Thresholds | Lookup | Boolean | Linear | Cases | Reviewed,
    Field(discriminator="kind"),
]

CONDITION_KINDS = {
    cls.model_fields["kind"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in (Compare, InList, Listed, Present, AllOf, AnyOf, Not, AnyItem)
}
SCORING_KINDS = {
    cls.model_fields["kind"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in (Bands, Thresholds, Lookup, Boolean, Linear, Cases, Reviewed)
}

# The recursive kinds name `Condition` before it exists; resolve it now that it does.
for _cls in (AllOf, AnyOf, Not, AnyItem, Boolean, Case, Cases):
    _cls.model_rebuild(_types_namespace={"Condition": Condition})

__all__ = ["CONDITION_KINDS", "SCORING_KINDS", "Condition", "Scoring"]
