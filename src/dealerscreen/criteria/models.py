"""The criteria file (a profile): the YAML a channel team edits, as pydantic models.

A profile holds gates (disqualify), criteria (score), bonuses (priority), checks
(advisories that never change a score), tiers, a tie-break order and city quotas; it
names its reference lists, which live in their own files so profiles share them.
Every rule cites the requirement it encodes in `source`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from dealerscreen.i18n import checktext
from dealerscreen.i18n.langs import Lang
from dealerscreen.models.applicant import DocumentKind
from dealerscreen.models.numbers import NO_BOOL, AtLeastOne, Points, PositivePoints, Whole
from dealerscreen.rules import Condition, Scoring


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


Basis = Literal["published", "reported", "team"]
BASIS = (
    "Where the rule's numbers come from: published (in the cited source), reported (an "
    "unverified source) or team (the screening team's judgement: say why in `rationale`)."
)
RATIONALE = "Why the team chose this, in one line: required when the basis is team."

Id = str  # kept a plain alias so error messages show the user's text, not a pattern dump


class SourceRef(_Model):
    title: str = Field(description="Title of the article or document.")
    file: str | None = Field(None, description="Path of a local copy, relative to the repository.")
    url: str | None = Field(None, description="Where it was published.")
    published: date | None = Field(None, description="Publication date.")
    note: str | None = Field(None, description="What it supports, and how far to trust it.")


class GateText(_Model):
    title: str | None = Field(None, description="The gate's title in this language.")
    reason: str | None = Field(None, description="The gate's reason in this language.")
    rationale: str | None = Field(None, description="The rationale in this language.")


class TitleText(_Model):
    title: str = Field(description="The title in this language.")
    rationale: str | None = Field(None, description="The rationale in this language.")


class CheckText(_Model):
    title: str | None = Field(None, description="The check's title in this language.")
    message: str | None = Field(None, description="The check's message in this language.")


class RationaleText(_Model):
    rationale: str = Field(description="The rationale in this language.")


class ProfileText(_Model):
    title: str | None = Field(None, description="The profile's title in this language.")
    description: str | None = Field(None, description="The profile's description in this language.")


TRANSLATIONS = "Texts in other languages, by language code (zh); used with --lang."


class EvidenceRule(_Model):
    """Which documents must back the facts a gate passes on, or the pass is provisional.

    An applicant that passes on facts without them is still ranked on its claims, marked
    provisional, with the documents to send. A fact the application does not state needs
    none: the gate decides what a missing fact means.
    """

    required: bool = Field(
        True, description="Whether evidence is required (false switches off an inherited rule)."
    )
    verified: bool = Field(
        False,
        description="True: a document counts only once the screening team has verified it "
        "(verified_by); false: a submitted document is enough.",
    )
    facts: dict[str, list[DocumentKind]] | None = Field(
        None,
        description="The facts that need a document, each with the kinds accepted ([]: any "
        "kind); default: every fact the gate reads, any kind.",
    )
    basis: Basis | None = Field(None, description=BASIS)
    rationale: str | None = Field(None, description=RATIONALE)
    translations: dict[Lang, RationaleText] = Field(default_factory=dict, description=TRANSLATIONS)


EVIDENCE = (
    "Documents the facts this gate passes on need, else the decision is provisional: "
    "'required' (any document for each fact the gate reads) or the details."
)


def _or_required(schema: dict[str, Any]) -> None:
    """The schema of a gate's `evidence`: the shorthand 'required' too, for editors."""
    schema.setdefault("anyOf", []).insert(0, {"const": "required"})


class Gate(_Model):
    id: Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id of the gate.")
    title: str = Field(description="Short name of the requirement.")
    reason: str = Field(description="Why an applicant that fails is out, in words it can be sent.")
    source: str = Field(description="Key of the requirement's source in `sources`.")
    condition: Condition = Field(description="What an applicant must meet to pass.")
    missing: Literal["fail", "pass"] = Field(
        "fail", description="What a missing fact means: fail the gate (default) or pass it."
    )
    basis: Basis | None = Field(None, description=BASIS)
    rationale: str | None = Field(None, description=RATIONALE)
    evidence: EvidenceRule | None = Field(
        None, description=EVIDENCE, json_schema_extra=_or_required
    )
    translations: dict[Lang, GateText] = Field(default_factory=dict, description=TRANSLATIONS)

    @field_validator("evidence", mode="before")
    @classmethod
    def _spelt_out(cls, value: object) -> object:
        # One shape for every reader: the shorthand is the rule with its defaults. Any
        # other word gets one message, not one per member of a union.
        if value == "required":
            return {}
        if isinstance(value, str):
            raise PydanticCustomError(
                "evidence_word", checktext.EN["evidence-word"], {"value": repr(value)}
            )
        return value

    @property
    def evidence_rule(self) -> EvidenceRule | None:
        """The evidence this gate requires, if any (`required: false` requires none)."""
        rule = self.evidence
        return rule if rule is not None and rule.required else None


class Criterion(_Model):
    id: Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id of the criterion.")
    title: str = Field(description="Short name of what is scored.")
    group: str | None = Field(
        None, description="Requirement the criterion belongs to, for reports."
    )
    points: PositivePoints = Field(description="Maximum points the criterion can give.")
    scoring: Scoring = Field(description="How facts become points.")
    missing: Literal["fail", "zero", "neutral"] = Field(
        "zero",
        description="What a missing fact means: fail (the applicant is ineligible), zero "
        "points, or neutral (half the points).",
    )
    missing_rationale: str | None = Field(
        None,
        description="Why a fact not stated may score more than the worst stated answer "
        "(validate warns about missing: neutral without it).",
    )
    source: str = Field(description="Key of the requirement's source in `sources`.")
    basis: Basis | None = Field(None, description=BASIS)
    rationale: str | None = Field(None, description=RATIONALE)
    translations: dict[Lang, TitleText] = Field(default_factory=dict, description=TRANSLATIONS)


class Bonus(_Model):
    id: Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id of the bonus.")
    title: str = Field(description="Short name of the priority.")
    points: PositivePoints = Field(description="Points added when the condition holds.")
    condition: Condition = Field(description="When the bonus applies.")
    source: str = Field(description="Key of the requirement's source in `sources`.")
    basis: Basis | None = Field(None, description=BASIS)
    rationale: str | None = Field(None, description=RATIONALE)
    translations: dict[Lang, TitleText] = Field(default_factory=dict, description=TRANSLATIONS)


class Check(_Model):
    id: Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id of the check.")
    title: str = Field(description="Short name of the check.")
    message: str = Field(description="What a reader is told when the check fails.")
    level: Literal["warning", "info"] = Field("warning", description="How loud the message is.")
    verified: bool = Field(
        True, description="False when the requirement comes from an unconfirmed report."
    )
    condition: Condition = Field(description="What the applicant should meet.")
    source: str = Field(description="Key of the requirement's source in `sources`.")
    translations: dict[Lang, CheckText] = Field(default_factory=dict, description=TRANSLATIONS)


class Tier(_Model):
    id: str = Field(description="Tier id, e.g. A.")
    min_points: Points = Field(description="Lowest total (bonuses included) in this tier.")
    label: dict[str, str] = Field(default_factory=dict, description="Tier name by language.")
    basis: Basis | None = Field(None, description=BASIS)
    rationale: str | None = Field(None, description=RATIONALE)


class TieBreak(_Model):
    key: str = Field(
        description="'total', 'bonus', 'criterion:<id>', 'field:<path>' or 'applicant_id'."
    )
    order: Literal["asc", "desc"] = Field("desc", description="Which end ranks first.")


class Quota(_Model):
    default: AtLeastOne | None = Field(None, description="Partners wanted per city.")
    by_city: dict[str, Whole] = Field(
        default_factory=dict, description="Quota per city (city id or alias)."
    )
    basis: Basis | None = Field(None, description=BASIS)
    rationale: str | None = Field(None, description=RATIONALE)


class ReviewMargin(_Model):
    """How close to a line an applicant must be for a person to look again (#12)."""

    points: Points | None = Field(
        None,
        description="An eligible applicant this many points or fewer below the next tier's "
        "lowest total needs review.",
    )
    fields: dict[str, PositivePoints] = Field(
        default_factory=dict,
        description="By numeric applicant fact a gate compares (standing.stores_in_province): "
        "an applicant shut out only by gates it misses by this much or less needs review.",
    )
    basis: Basis | None = Field(None, description=BASIS)
    rationale: str | None = Field(None, description=RATIONALE)
    translations: dict[Lang, RationaleText] = Field(default_factory=dict, description=TRANSLATIONS)


Words = str | dict[Lang, str]  # one text, or texts by language


class Letters(BaseModel):
    """Who signs the decision letters and by when applicants reply: a profile's `letters`
    section, or a letters settings file (`letters --settings`), which overrides it field
    by field (its deadline, `reply_by` or `reply_within_days`, as one)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )

    department: Words | None = Field(
        None, description="The department that sends the letters (default: the recruitment team)."
    )
    signatory: Words | None = Field(None, description="Who signs, with the role.")
    contact: Words | None = Field(None, description="Whom to write or call, and how.")
    place: Words | None = Field(None, description="Where the letters are written, before the date.")
    # The bounds inside the Annotated: on the optional, pydantic would write them into the
    # JSON Schema as unknown keywords ("ge"), which no editor checks.
    reply_within_days: Annotated[int, Field(ge=1, le=365), NO_BOOL] | None = Field(
        None, description="Days from the letter's date to the reply deadline."
    )
    reply_by: date | None = Field(None, description="The reply deadline, when it is a fixed date.")

    def deadline(self, dated: date) -> date | None:
        if self.reply_by is not None:
            return self.reply_by
        if self.reply_within_days is not None:
            return dated + timedelta(days=self.reply_within_days)
        return None


class Profile(_Model):
    schema_version: Literal[1] = Field(description="Version of this file format; 1.")
    kind: Literal["profile"] = Field(description="Always 'profile'.")
    id: Id = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Id of the profile.")
    title: str = Field(description="What programme, market or phase this profile screens for.")
    version: str = Field(description="Version of the criteria; bump it on every edit.")
    effective_date: date = Field(description="Date from which these criteria apply.")
    description: str | None = Field(None, description="Notes for readers.")
    translations: dict[Lang, ProfileText] = Field(default_factory=dict, description=TRANSLATIONS)
    extends: str | None = Field(
        None,
        description="Profile this one builds on: a path relative to this file, or a profile id. "
        "Rules with the same id override the parent's; mappings merge key by key.",
    )
    remove: list[str] = Field(
        default_factory=list,
        description="Ids of inherited gates, criteria, bonuses, checks or tiers to drop.",
    )
    sources: dict[str, SourceRef] = Field(description="The documents rules cite, by key.")
    reference: dict[str, str] = Field(
        default_factory=dict,
        description="Reference lists by name: path of a reference-list file relative to this file.",
    )
    city_list: str | None = Field(
        None, description="Reference list of recruitment cities: for per-city ranks and quotas."
    )
    max_points: PositivePoints = Field(description="What the criteria's points add up to.")
    bonus_cap: Points | None = Field(None, description="Most bonus points one applicant gets.")
    gates: list[Gate] = Field(default_factory=list, description="Requirements that disqualify.")
    criteria: list[Criterion] = Field(default_factory=list, description="Scored criteria.")
    bonuses: list[Bonus] = Field(default_factory=list, description="Priority bonuses.")
    checks: list[Check] = Field(default_factory=list, description="Advisory checks.")
    tiers: list[Tier] = Field(min_length=1, description="Tiers, by lowest total.")
    tie_break: list[TieBreak] = Field(
        default_factory=lambda: [TieBreak(key="total")],
        description="Order of ranking keys; applicant_id ascending is always last.",
    )
    quota: Quota = Field(default_factory=Quota, description="Partners wanted per city.")
    review_margin: ReviewMargin | None = Field(
        None, description="Near misses of a gate threshold or a tier that need review."
    )
    letters: Letters | None = Field(
        None, description="The sender block and reply deadline of the decision letters."
    )
