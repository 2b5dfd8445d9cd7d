"""`cases`: the points of the first case whose condition holds, else ``default``.

For criteria that depend on several facts, such as standing: a top-20 group, a top-100
group and a strong regional merchant each earn different points.

Example::

    kind: cases
    cases:
      - when: {kind: compare, field: standing.top100_rank, op: le, value: 20}
        points: 25
      - when: {kind: in_list, field: standing.group_name, list: top100}
        points: 20
    default: 0
    # given {standing: {kind: national_dealer_group, top100_rank: 12}}: 25 of 25 points
    # given {standing: {kind: national_dealer_group, group_name: Nowhere Motors, top100_rank: 60}}: 0 of 25 points
    # given {standing: {kind: regional_merchant, group_name: Nowhere Motors}}: missing    (rank unknown)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.i18n.criteriatext import branch_words
from dealerscreen.models.fields import show
from dealerscreen.models.lazytext import Text, joined
from dealerscreen.models.numbers import Points
from dealerscreen.rules.base import (
    BRANCH,
    PARTS,
    VALUE,
    BindContext,
    Branch,
    Branches,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    ScoreFn,
    Scorer,
    ScoringKind,
    Spec,
    Traced,
    check_points,
    merged,
)

if TYPE_CHECKING:
    from dealerscreen.rules.base import ConditionKind as Condition


class Case(Spec):
    when: Condition = Field(description="Condition for this case.")
    points: Points = Field(description="Points when it holds.")
    label: str | dict[str, str] | None = Field(
        None,
        description="Words for this case in explanations: a text, or texts by language "
        "({en: ..., zh: ...}).",
    )

    def words(self, lang: str) -> str | None:
        if isinstance(self.label, dict):
            return (
                self.label.get(lang)
                or self.label.get("en")
                or next(iter(self.label.values()), None)
            )
        return self.label


class Cases(ScoringKind):
    kind: Literal["cases"] = Field(description="Points of the first case that holds.")
    cases: list[Case] = Field(min_length=1, description="The cases, tried in order.")
    default: Points = Field(Decimal(0), description="Points when no case holds.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        compiled = []
        for i, case in enumerate(self.cases):
            check_points(case.points, max_points, (*loc, "cases", i, "points"))
            compiled.append((case.when.compile(ctx, (*loc, "cases", i, "when")), case))
        default, say = self.default, ctx.say
        labels = [case.words(say.lang) for case in self.cases]

        fast = [(check.decide, case.points) for check, case in compiled]
        traces = [(check.trace, case.points) for check, case in compiled]

        def decide(applicant: Any) -> Decimal | None:
            unknown = False
            for check, case_points in fast:
                value = check(applicant)
                if value is True:
                    return case_points
                if value is None:
                    unknown = True
            return None if unknown else default

        def trace(applicant: Any) -> Traced:
            """The cases tried, up to the one that holds (the branch, its index)."""
            unknown = False
            parts: list[Traced] = []
            for j, (check, case_points) in enumerate(traces):
                said = check(applicant)
                parts.append(said)
                if said[VALUE] is True:
                    return (case_points, (), j, tuple(parts))
                if said[VALUE] is None:
                    unknown = True
            return (None if unknown else default, (), None, tuple(parts))

        def words(traced: Traced) -> tuple[Text, tuple[str, ...], str | None]:
            j = traced[BRANCH]
            if j is not None:  # the case that gave the points
                text, _ = compiled[j][0].words(traced[PARTS][j])
                label = labels[j]
                return (say.later("case", label=label, text=text) if label else text), (), None
            unknown: list[Text] = []
            missing: list[str] = []
            for (check, _), said in zip(compiled, traced[PARTS], strict=True):
                if said[VALUE] is None:
                    text, lacking = check.words(said)
                    unknown.append(text)
                    missing.extend(lacking)
            if traced[VALUE] is None:  # each unknown said once: three cases read one group name
                once = list({str(t): t for t in unknown}.values())
                return joined(once), tuple(dict.fromkeys(missing)), None
            return say.later("no_case"), (), None

        return Scorer(decide, trace, words)

    def branches(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Branches:
        """Each case, and the default (no case holds)."""
        checks = [
            c.when.compile(ctx, (*loc, "cases", j, "when")).decide for j, c in enumerate(self.cases)
        ]
        each = [
            Branch("cases", (*loc, "cases", j), branch_words("case", case=c.words("en") or j + 1))
            for j, c in enumerate(self.cases)
        ]
        default = Branch("cases", loc, branch_words("no-case", points=show(self.default)))

        def took(applicant: Any, points: Decimal | None) -> Branch | None:
            if points is None:
                return None
            return next(
                (each[j] for j, check in enumerate(checks) if check(applicant) is True), default
            )

        return Branches((*each, default), took, default=True)

    def best_points(self, full: Decimal) -> Decimal:
        return max([*(c.points for c in self.cases), self.default])

    def fewest_points(self, full: Decimal) -> Decimal:
        return min([c.points for c in self.cases] + [self.default])

    def boundaries(self) -> Facts:
        return merged(*(c.when.boundaries() for c in self.cases))

    def stepwise(self) -> bool:
        return all(c.when.stepwise() for c in self.cases)

    @classmethod
    def mutants(cls, data: Data, loc: Loc, points: Decimal, m: Mutations[M]) -> Iterator[M]:
        """Each case's condition mutated and its points moved by one; the default too."""
        cases = data["cases"]
        for j in m.pick(len(cases), (*loc, "cases")):
            yield from m.condition((*loc, "cases", j, "when"), cases[j]["when"])
            yield from m.moved((*loc, "cases", j), "points", cases[j]["points"], Decimal(0))
        yield from m.moved(loc, "default", data["default"], Decimal(0))
