"""The applicant file: one dealer's application, filled in by hand or exported.

Every field has a description (it becomes the JSON Schema's documentation), units are in
the field names (`_sqm`, `_m`, `_rmb_m` = million RMB, `_pct` = percent 0-100), and
`extra="forbid"` turns a misspelled key into an error instead of a silent default.
Almost every fact is optional: the criteria decide what a missing fact means.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from dealerscreen.models import facts
from dealerscreen.models.numbers import NO_BOOL, Count, Measure, Percent, Rank, Year

SCHEMA_VERSION = 1

# Numbers are strict (dealerscreen.models.numbers): finite, never yes/no, at most 10^15.
RepairClass = Annotated[Literal[1, 2, 3], NO_BOOL]
Version = Annotated[Literal[1], NO_BOOL]


class _Model(BaseModel):
    # defer_build: each model's validator is built when first used, not on import (the
    # inner ones are only ever used through Applicant): tests/test_cli_startup.py
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


# What an applicant says of itself, or which reference list it is on: never advice. The
# what-if search ("what would change the outcome") names only facts an applicant can
# change by acting (more stores, a workshop, a site), not a label, a claimed rank or a
# different city to apply in.
SELF_CLAIMS = frozenset(
    {
        "standing.kind",
        "standing.group_name",
        "standing.top100_rank",
        "standing.top100_list_year",
        "target.city",
    }
)


class Contact(_Model):
    name: str | None = Field(None, description="Person handling the application.")
    email: str | None = Field(None, description="Contact e-mail address.")
    phone: str | None = Field(None, description="Contact telephone number.")


class Standing(_Model):
    kind: Literal["national_dealer_group", "regional_merchant", "other"] = Field(
        description="What kind of applicant this is: a national dealer group, a strong "
        "regional merchant (business within one region), or other."
    )
    group_name: str | None = Field(
        None,
        description="Name of the dealer group the applicant belongs to, as matched against "
        "the top-100 reference list (Chinese or English; aliases are resolved).",
    )
    top100_rank: Rank | None = Field(
        None,
        description="Rank the applicant states for its group on the national dealer-group "
        "ranking (a rank above 100 is a valid answer: not top-100). The reference list's "
        "rank decides where the group is listed; a stated rank that disagrees is flagged.",
    )
    top100_list_year: Year | None = Field(
        None, description="Year of the top-100 list the claimed rank is from."
    )
    stores_in_province: Count | None = Field(
        None, description="Automotive stores the applicant operates in the target province."
    )
    years_in_region: Count | None = Field(
        None, description="Years the applicant has done automotive business in the region."
    )
    regional_market_share_pct: Percent | None = Field(
        None, description="Applicant's share of new-car retail in its region, percent (0-100)."
    )


class Target(_Model):
    city: str = Field(
        description="City applied for, in English or Chinese (e.g. Suzhou or 苏州); resolved "
        "through the profile's city list."
    )
    store_format: Literal["2S", "3S", "4S"] = Field(
        description="Store format applied for: 2S = agency sales + authorized service."
    )
    # A 2S store's scope as published (seed-003): agency sales and authorized after-sales,
    # "excluding vehicle resale and delivery functions". Asked outright, because choosing
    # "2S" on a form does not show the applicant knows what the format leaves out.
    resells_vehicles: bool | None = Field(
        None,
        description="Whether the proposed store would also resell vehicles (整车转售): buy cars, "
        "new or used, and sell them on its own account, besides selling as the maker's agent. "
        "A 2S store does not.",
    )
    delivers_vehicles: bool | None = Field(
        None,
        description="Whether the proposed store would hand sold vehicles over to their buyers "
        "(整车交付). A 2S store does not: delivery is the maker's own delivery centres' work.",
    )


class Site(_Model):
    district_type: Literal["core_commercial_district", "mainstream_auto_circle", "other"] | None = (
        Field(
            None,
            description="Where the proposed site is: a core commercial district, a mainstream "
            "automotive business circle, or other.",
        )
    )
    address: str | None = Field(None, description="Street address of the proposed site.")
    building_area_sqm: Measure | None = Field(
        None, description="Total building area of the site, square metres."
    )
    showroom_area_sqm: Measure | None = Field(None, description="Showroom area, square metres.")
    showroom_height_m: Measure | None = Field(
        None, description="Clear height of the showroom, metres."
    )
    street_frontage_m: Measure | None = Field(
        None, description="Length of street frontage, metres."
    )
    parking_spaces: Count | None = Field(None, description="Customer parking spaces at the site.")
    tenure: Literal["owned", "leased", "under_negotiation", "none"] | None = Field(
        None, description="Whether the site is owned, leased, under negotiation, or not yet found."
    )


class BrandAgency(_Model):
    brand: str = Field(
        description="Brand represented (English or Chinese, e.g. BMW or 宝马); resolved through "
        "the profile's brand list."
    )
    years: Count = Field(description="Years the applicant has represented this brand.")
    stores: Count = Field(1, description="Stores the applicant runs for this brand.")
    store_type: Literal["4S", "3S", "2S", "showroom", "repair_centre"] | None = Field(
        None, description="Kind of store run for this brand."
    )


class Customers(_Model):
    active_customers: Count | None = Field(
        None, description="Customers with a purchase or service visit in the last 24 months."
    )
    annual_new_car_sales: Count | None = Field(
        None, description="New cars sold in the last full year, all brands."
    )
    annual_service_visits: Count | None = Field(
        None, description="After-sales service visits in the last full year."
    )
    satisfaction_score: Percent | None = Field(
        None, description="Customer satisfaction score, 0-100 (brand survey or own survey)."
    )


class AfterSales(_Model):
    mechanical_repair: bool | None = Field(None, description="Offers mechanical repair (机修).")
    sheet_metal: bool | None = Field(None, description="Offers sheet-metal repair (钣金).")
    paint: bool | None = Field(None, description="Offers paint work (喷漆).")
    workshop_at_site: bool | None = Field(
        None,
        description="Whether the proposed site has its own repair workshop (bays for mechanical "
        "repair, sheet metal and paint on the premises). False for a showroom without one, "
        "such as a shop in a mall whose repairs are done elsewhere.",
    )
    repair_qualification_class: RepairClass | None = Field(
        None,
        description="Motor-vehicle repair qualification class: 1 (一类, highest), 2 (二类) or "
        "3 (三类).",
    )
    certified_technicians: Count | None = Field(
        None, description="Technicians holding a manufacturer or national certification."
    )
    workshop_area_sqm: Measure | None = Field(
        None, description="Area of the repair workshop, square metres."
    )
    workshop_parking_spaces: Count | None = Field(
        None, description="Parking spaces serving the repair workshop."
    )


class Finance(_Model):
    registered_capital_rmb_m: Measure | None = Field(
        None, description="Registered capital, million RMB."
    )
    automotive_revenue_rmb_m: Measure | None = Field(
        None, description="Automotive revenue in the last full year, million RMB."
    )
    debt_ratio_pct: Percent | None = Field(
        None, description="Debt-to-asset ratio, percent (0-100)."
    )


# What a dealer can send to back a claim. Kept to the kinds a channel team asks for in
# China: a business licence (营业执照), audited accounts (审计报告), a ranking certificate
# (the association's top-100 list), a store list with licences, a lease or property deed,
# the repair qualification certificate (维修资质证书), brand authorisations, sales and
# customer records; `other` for the rest (named in `reference`).
DocumentKind = Literal[
    "business_licence",
    "audited_accounts",
    "tax_records",
    "ranking_certificate",
    "store_list",
    "lease",
    "property_deed",
    "repair_qualification_certificate",
    "brand_authorisation",
    "sales_records",
    "customer_records",
    "other",
]


class Evidence(_Model):
    """A document behind one fact of the application: submitted, and verified or not.

    One flat entry per document (fact path, kind, reference), so a hand-written file lists
    them under `evidence:` and a spreadsheet export fills them as columns
    (`evidence[0].field`, `evidence[0].document`, ...). Who checked it and when are the
    screening team's to say, in its own verifications file (`--verifications`): an
    application that writes them is warned (`self-verified`) and they are ignored, so that
    nothing an applicant submits makes its own decision final (verifications.py fills them
    in from the team's checks before deciding).
    """

    field: str = Field(
        description="The fact the document backs, as a field path of this file, e.g. "
        "standing.stores_in_province (brand_agencies for the agency experience).",
        json_schema_extra=lambda schema: fact_paths_schema(schema),  # defined below the model
    )
    document: DocumentKind = Field(description="Kind of document.")
    reference: str | None = Field(
        None, description="The document's number, title or file name, to find it again."
    )
    verified_by: str | None = Field(
        None,
        description="Who on the screening team checked the document: set from the team's "
        "verifications file (--verifications) only; a value an application writes here is "
        "ignored, with a warning (the document counts as submitted, not verified).",
    )
    verified_on: date | None = Field(
        None,
        description="When the team checked it: from the verifications file only, as verified_by.",
    )

    @field_validator("field")
    @classmethod
    def _known_fact(cls, value: str) -> str:
        return facts.check_fact_path(value, fact_paths())

    @property
    def verified(self) -> bool:
        return bool(self.verified_by)


class ReviewScore(_Model):
    """The screening team's reviewers' scores of one reviewer-scored criterion (a site
    visit, an interview): each reviewer's latest score, averaged. Set from the team's
    review acts only (`dealerscreen review`), never from an application."""

    mean: Decimal = Field(description="The reviewers' average score, to two places.")
    reviewers: Count = Field(description="How many reviewers scored it.")
    spread: Decimal = Field(description="The highest score less the lowest.")


class Applicant(_Model):
    """One dealer's application to become a sales-and-service partner."""

    schema_version: Version = Field(description="Version of this file format; 1.")
    applicant_id: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
        description="Unique id of the application (letters, digits, '.', '_', '-').",
    )
    legal_name: str = Field(min_length=1, description="Registered legal name of the applicant.")
    chinese_name: str | None = Field(None, description="Chinese name, if different.")
    contact: Contact = Field(default_factory=Contact, description="Who to contact.")
    submitted_on: date | None = Field(None, description="Date the application was submitted.")
    standing: Standing = Field(description="Standing of the applicant: group or regional.")
    target: Target = Field(description="City and store format applied for.")
    site: Site = Field(default_factory=Site, description="The proposed store site.")
    brand_agencies: list[BrandAgency] = Field(
        default_factory=list, description="Brands the applicant has represented as an agent."
    )
    customers: Customers = Field(default_factory=Customers, description="Customer resources.")
    after_sales: AfterSales = Field(
        default_factory=AfterSales, description="After-sales capability at the proposed site."
    )
    finance: Finance = Field(default_factory=Finance, description="Financial standing.")
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Documents behind the facts above, one entry per document: a fact "
        "without one is a claim (a profile may require evidence for a gate's facts).",
    )
    # Left out of the content when empty: an application without it reads, and is stored
    # (its digest in a programme's record), exactly as before reviews were counted.
    reviews: dict[str, ReviewScore] = Field(
        default_factory=dict,
        exclude_if=lambda reviews: not reviews,
        description="Reviewers' scores by reviewer-scored criterion (site_visit, interview): "
        "set from the screening team's review acts only; scores an application writes here "
        "are ignored, with a warning.",
    )


@cache
def fact_paths() -> tuple[str, ...]:
    """Every fact path of the applicant model, in the model's order."""
    return facts.fact_paths_of(Applicant)


def fact_paths_schema(schema: dict[str, Any]) -> None:
    """The JSON Schema of an evidence entry's `field`: one of the fact paths, so an editor
    completes them (called when the schema is made, once the model exists)."""
    schema["enum"] = list(fact_paths())
