"""The screening team's checks of documents: kept by the team, apart from any application.

An application says which documents it sends (`Evidence`); whether the team has checked
one is the team's to say, in a file of its own named on the command line
(`--verifications FILE`), never in anything an applicant submits:

    schema_version: 1
    verifications:
      - {applicant_id: XM24-SUZ-001, field: standing.top100_rank, document: ranking_certificate,
         reference: "2023 list, entry 18", verified_by: Zhou Min, verified_on: 2024-01-15}

A check backs the applicant's fact whether or not the application listed that document.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dealerscreen.models.applicant import DocumentKind, ReviewScore, fact_paths, fact_paths_schema
from dealerscreen.models.facts import check_fact_path
from dealerscreen.models.numbers import NO_BOOL

Version = Annotated[Literal[1], NO_BOOL]


class TeamCheck(BaseModel):
    """One document the screening team has checked for one fact of an application."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )

    field: str = Field(
        description="The fact the document backs, as a field path of the applicant file, e.g. "
        "standing.stores_in_province.",
        json_schema_extra=fact_paths_schema,
    )
    document: DocumentKind = Field(description="Kind of document checked.")
    reference: str | None = Field(
        None, description="The document's number, title or file name, to find it again."
    )
    verified_by: str = Field(min_length=1, description="Who on the screening team checked it.")
    verified_on: date = Field(
        description="When it was checked: a check dated after the run's date (--as-of) does "
        "not count yet."
    )

    @field_validator("field")
    @classmethod
    def _known_fact(cls, value: str) -> str:
        return check_fact_path(value, fact_paths())


class TeamReview(BaseModel):
    """The reviewers' scores of one reviewer-scored criterion of one application, as a
    screening counts them (a programme's review acts dated on or before its as-of date)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    review: str = Field(min_length=1, description="The criterion reviewers score (site_visit).")
    score: ReviewScore = Field(description="The reviewers' scores, averaged.")


class Verification(TeamCheck):
    """A check, with the application it belongs to."""

    applicant_id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="The application's applicant_id.",
    )


class VerificationFile(BaseModel):
    """The team's verifications file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    schema_version: Version = Field(description="Version of this file format; 1.")
    verifications: list[Verification] = Field(
        default_factory=list, description="The documents the team has checked, one entry each."
    )
