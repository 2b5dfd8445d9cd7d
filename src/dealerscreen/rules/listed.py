"""`listed`: what a reference list says of the entry a fact names, not what the applicant claims.

The fact (a name) is resolved through the list, aliases and Chinese names included; the
entry's attribute ``attr`` is compared with ``value``. A name the list does not know
fails (the list is the reference: a claim is not), an entry without the attribute fails,
and a missing fact is unknown. Use it for a group's top-100 rank, so that the rank that
decides is the list's, whatever rank the application states. With ``against`` instead of
``value``, the entry's attribute is compared with another fact of the applicant (does the
stated rank agree with the list's?); unknown when that fact is missing.

Passes::

    kind: listed
    field: standing.group_name
    list: top100
    attr: rank
    op: le
    value: 20
    # given {standing: {kind: national_dealer_group, group_name: 江南华通}}: passes    (rank 2 on the list)

Fails::

    kind: listed
    field: standing.group_name
    list: top100
    attr: rank
    op: le
    value: 20
    # given {standing: {kind: national_dealer_group, group_name: Nowhere Motors, top100_rank: 9}}: fails    (a claim, not on the list)
    # given {standing: {kind: other}}: unknown

Example::

    kind: listed
    field: standing.group_name
    list: top100
    attr: rank
    op: eq
    against: standing.top100_rank
    # given {standing: {kind: national_dealer_group, group_name: 江南华通, top100_rank: 2}}: passes
    # given {standing: {kind: national_dealer_group, group_name: 江南华通, top100_rank: 1}}: fails
    # given {standing: {kind: national_dealer_group, group_name: 江南华通}}: unknown
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.i18n.checktext import message
from dealerscreen.models.fields import show, to_decimal
from dealerscreen.models.lazytext import Text
from dealerscreen.rules.base import (
    FACTS,
    VALUE,
    BindContext,
    BindError,
    CondFn,
    ConditionKind,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    Rule,
    Traced,
)
from dealerscreen.rules.compare import OPS, SYMBOL, compared

NumOp = Literal["eq", "ne", "lt", "le", "gt", "ge"]


class Listed(ConditionKind):
    kind: Literal["listed"] = Field(
        description="Compare an attribute of the reference-list entry a fact names."
    )
    field: str = Field(description="Dotted path of the applicant fact (a name).")
    list: str = Field(description="Name of a reference list declared in the profile.")
    attr: str = Field(description="Attribute of the entry (its `attrs`), e.g. rank.")
    op: NumOp = Field(description="Comparison: eq ne lt le gt ge.")
    value: Decimal | None = Field(None, description="What the entry's attribute is compared with.")
    against: str | None = Field(
        None, description="Or: dotted path of another fact it is compared with (not both)."
    )

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        ref = ctx.field(self.field, loc)
        ref_list = ctx.reference(self.list, loc)
        attr, limit, op = self.attr, self.value, OPS[self.op]
        if not any(attr in e.attrs for e in ref_list.spec.entries):
            raise BindError(
                (*loc, "attr"),
                message("unknown-attr", list=self.list, attr=attr),
                "unknown-attr",
            )
        if (self.value is None) == (self.against is None):
            raise BindError(loc, message("value-or-against"), "bad-value")
        other = ctx.field(self.against, (*loc, "against")) if self.against is not None else None
        used = ctx.used_entries.setdefault(self.list, set())
        used.update(e.id for e in ref_list.spec.entries if attr in e.attrs)
        say = ctx.say
        path, list_name, symbol = self.field, say.show(self.list), SYMBOL[self.op]

        def of(fact: Any) -> Decimal | None:
            """The entry's attribute, or None when the name is not on the list."""
            entry = ref_list.resolve(str(fact)) if fact is not None else None
            found = entry.attrs.get(attr) if entry is not None else None
            if found is None or isinstance(found, bool | str):
                return None
            return to_decimal(found)

        def wanted(stated: Any) -> Decimal | None:
            if other is None:
                return limit
            return None if stated is None else to_decimal(stated)

        def verdict(fact: Any, stated: Any) -> bool | None:
            if fact is None:
                return None
            target = wanted(stated)
            if target is None:
                return None
            found = of(fact)
            return found is not None and bool(op(found, target))

        def decide(applicant: Any) -> bool | None:
            return verdict(ref.get(applicant), other.get(applicant) if other else None)

        def trace(applicant: Any) -> Traced:
            fact = ref.get(applicant)
            if other is None:
                return (verdict(fact, None), (fact,), None, ())
            stated = other.get(applicant)
            return (verdict(fact, stated), (fact, stated), None, ())

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            named = traced[FACTS][0]
            stated = traced[FACTS][1] if other is not None else None
            if traced[VALUE] is None:
                if named is not None and other is not None:
                    return say.later("missing", path=other.path), (other.path,)
                return say.later("list_missing", path=path, what=list_name), (path,)
            fact = str(named)
            entry = ref_list.resolve(fact)
            if entry is None:
                return say.later("not_in_list", path=path, fact=fact, list=list_name, hint=""), ()
            found = of(named)
            target = wanted(stated)
            return say.later(
                "listed",
                path=path,
                shown=fact
                if entry.display() == fact
                else say("named", fact=fact, name=entry.display()),
                list=list_name,
                attr=attr,
                found="-" if found is None else show(found),
                op=symbol,
                value=show(target) if other is None else f"{other.path} = {show(target)}",
            ), ()

        return Rule(decide, trace, words, (path,) if other is None else (path, other.path))

    def boundaries(self) -> Facts:
        # The number is the list's attribute's boundary, not the name's: a name has none.
        return {self.field: set()}

    def stepwise(self) -> bool:
        return False  # the verdict changes at the list's names, not at boundaries

    @classmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        return compared(data, loc, m)
