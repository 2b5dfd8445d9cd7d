"""The case file: applicants and what a profile must decide about them.

Like `opa test`, but for outcomes and rankings. A file names one profile and holds cases;
each case is an applicant (inline, merged over the file's `defaults`, or a path) and the
decisions the profile must make about it.

Example (``criteria/tests/xiaomi-2s-2024.yaml``)::

    schema_version: 1
    kind: criteria-tests
    profile: ../xiaomi-2s-2024.yaml     # relative to this file, or a profile id
    defaults: {...applicant facts every inline case starts from...}
    cases:
      - id: gate-recruitment-city
        applicant: {target: {city: Lhasa}}   # merged over defaults; null deletes a fact
        expect: {eligible: false, failed_gates: [recruitment-city]}
      - id: tier-a-on-threshold
        applicant: {...}
        expect: {tier: A, total: 80}
      - id: rank-claim-without-certificate
        applicant: {...}
        expect: {eligible: true, provisional: true, provisional_gates: [dealer-standing]}
      - id: rank-certificate-checked
        applicant: {...}
        verifications:                       # the team's checks (an applicant's own count not)
          - {field: standing.top100_rank, document: ranking_certificate,
             verified_by: Li Na, verified_on: 2024-01-20}
        expect: {provisional: false}
      - id: site-visited
        applicant: {...}
        reviews: {site_visit: {mean: 7.5, reviewers: 2, spread: 1}}   # the team's, averaged
        expect: {total: 80}
    rankings:
      - id: suzhou-order
        order: [strong, middling, weak]      # case ids, best first; all must be eligible
        separated_by: [total, "criterion:standing"]   # optional: the key of each pair
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from dealerscreen.i18n import checktext
from dealerscreen.models.applicant import ReviewScore
from dealerscreen.models.verification import TeamCheck


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Expect(_Model):
    eligible: bool | None = Field(None, description="Whether the applicant must be eligible.")
    failed_gates: list[str] | None = Field(
        None,
        description="Exactly the gates that must fail (ids; a criterion whose missing fact "
        "fails the applicant is '<criterion-id>:required'). [] means none fails.",
    )
    tier: str | None = Field(
        None, description="The tier it must get; write null to require no tier (ineligible)."
    )
    total: Decimal | None = Field(None, description="The exact total (criteria + bonus).")
    min_total: Decimal | None = Field(None, description="Lowest acceptable total.")
    max_total: Decimal | None = Field(None, description="Highest acceptable total.")
    points: dict[str, Decimal] = Field(
        default_factory=dict, description="Exact points of named criteria."
    )
    bonuses: list[str] | None = Field(None, description="Exactly the bonuses that must apply.")
    flagged: list[str] | None = Field(
        None,
        description="Exactly the advisory checks that flag the applicant (ids): their "
        "condition does not hold on the facts stated (a check whose fact is not stated is "
        "not checked, so not flagged). [] means none flags it.",
    )
    provisional: bool | None = Field(
        None,
        description="Whether the decision must be provisional: eligible on claims a gate "
        "requires evidence for (false: final, or ineligible).",
    )
    provisional_gates: list[str] | None = Field(
        None,
        description="Exactly the gates passed on claims without the evidence they require "
        "(ids). [] means none.",
    )
    did_you_mean: dict[str, list[str]] | None = Field(
        None,
        description="Exactly the names a closed reference list does not know, by field path "
        "(target.city, brand_agencies[0].brand), each with the ids of the entries suggested, "
        "best first ([] for none). {} means every name is known.",
    )
    needs_review: bool | list[str] | None = Field(
        None,
        description="Whether the decision is marked for review as a near miss of a gate or "
        "tier (review_margin): true or false, or exactly the reasons (gate:<id>, tier:<id>).",
    )

    @model_validator(mode="after")
    def _expects_something(self) -> Expect:
        # A case that expects nothing can never fail: almost always a mis-indented block.
        if not self.model_fields_set:
            raise PydanticCustomError("no_expectation", checktext.EN["no-expectation"])
        return self


class Case(_Model):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="Id of the case.")
    description: str | None = Field(None, description="What the case pins, in words.")
    applicant: dict[str, Any] | str = Field(
        description="Applicant facts merged over `defaults` (null deletes a fact), or the "
        "path of an applicant file relative to this file."
    )
    verifications: list[TeamCheck] = Field(
        default_factory=list,
        description="The screening team's checks of the case's documents, as a verifications "
        "file states them (without applicant_id): the only way a document counts as verified; "
        "an applicant's own verified_by or verified_on is an error here.",
    )
    reviews: dict[str, ReviewScore] = Field(
        default_factory=dict,
        description="The team's reviewers' scores by reviewer-scored criterion (site_visit), "
        "averaged, as a programme's review acts give them: the only scores a `reviewed` "
        "criterion counts; an applicant's own `reviews` is an error here.",
    )
    expect: Expect = Field(description="What the profile must decide.")


class Ranking(_Model):
    id: str = Field(description="Id of the ranking check.")
    description: str | None = Field(None, description="What the order pins, in words.")
    order: list[str] = Field(
        min_length=2, description="Case ids, best first: ranked among themselves alone."
    )
    separated_by: list[str] | None = Field(
        None,
        description="For each neighbouring pair of `order`, the ranking key that put the first "
        "above the second: total, a tie_break key (criterion:<id>, field:<path>) or "
        "applicant_id (a tie no key of the profile broke).",
    )

    @model_validator(mode="after")
    def _one_per_pair(self) -> Ranking:
        if self.separated_by is not None and len(self.separated_by) != len(self.order) - 1:
            raise PydanticCustomError(
                "pairs",
                checktext.EN["pairs"],
                {"n": len(self.separated_by), "pairs": len(self.order) - 1},
            )
        return self


class Accepted(_Model):
    mutant: str | None = Field(
        None,
        description="A surviving mutant, as `dealerscreen test --mutate` names it "
        "(`<field>: <change>`, e.g. `tiers[3].min_points: 0 → 1`).",
    )
    uncovered: str | None = Field(
        None,
        description="An item `dealerscreen test --coverage` lists that no case can reach, by "
        "its field (e.g. `criteria[0].scoring` for a default no applicant can get).",
    )
    why: str = Field(description="Why no case need reach it: what makes it harmless.")

    @model_validator(mode="after")
    def _one_of(self) -> Accepted:
        if (self.mutant is None) == (self.uncovered is None):
            raise PydanticCustomError("accepted_one", checktext.EN["accepted-one"])
        return self


class CaseFile(_Model):
    schema_version: Literal[1] = Field(description="Version of this file format; 1.")
    kind: Literal["criteria-tests"] = Field(description="Always 'criteria-tests'.")
    profile: str = Field(description="Profile file (relative to this file) or profile id.")
    description: str | None = Field(None, description="What these cases are for.")
    defaults: dict[str, Any] = Field(
        default_factory=dict, description="Applicant facts every inline case starts from."
    )
    cases: list[Case] = Field(min_length=1, description="The cases.")
    rankings: list[Ranking] = Field(default_factory=list, description="Expected orders.")
    accepted: list[Accepted] = Field(
        default_factory=list,
        description="Mutants that may survive `dealerscreen test --mutate` and items "
        "`--coverage` may find unreached, each with the reason no case can.",
    )
