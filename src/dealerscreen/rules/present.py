"""`present`: the fact is given in the file (not missing, and not an empty list).

Never unknown: this is the condition that asks about missing facts.

Passes::

    kind: present
    field: site.address      # applicant gives site.address

Fails::

    kind: present
    field: finance.debt_ratio_pct    # applicant leaves it out
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from dealerscreen.rules.base import BindContext, CondFn, Loc, Outcome, Spec, with_verdict


class Present(Spec):
    kind: Literal["present"] = Field(description="The fact is given.")
    field: str = Field(description="Dotted path of the applicant fact.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        ref = ctx.field(self.field, loc)
        path, say = self.field, ctx.say

        def check(applicant: Any) -> Outcome:
            fact = ref.get(applicant)
            if fact is None or fact == []:
                return Outcome(False, say.later("not_given", path=path))
            return Outcome(True, say.later("given", path=path))

        def verdict(applicant: Any) -> bool | None:
            fact = ref.get(applicant)
            return not (fact is None or fact == [])

        return with_verdict(check, verdict)
