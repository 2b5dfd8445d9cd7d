"""The words for each value of an enumeration of the applicant model, in one place.

An applicant file writes `site.tenure: leased`; a reader is shown "leased" or "租赁".
EN holds the English words of every string value a `Literal` of `Applicant` allows (a
test checks that none is missing); the other languages are in the catalog (msgctxt
`value:` + the value). Values that are names already ("2S", "4S") are shown as written.
"""

from __future__ import annotations

import functools

from dealerscreen.i18n.catalogs import translated

EN: dict[str, str] = {
    "national_dealer_group": "national dealer group",
    "regional_merchant": "regional merchant",
    "other": "other",
    "core_commercial_district": "core commercial district",
    "mainstream_auto_circle": "mainstream automotive business circle",
    "owned": "owned",
    "leased": "leased",
    "under_negotiation": "under negotiation",
    "none": "not yet found",
    "showroom": "showroom",
    "repair_centre": "repair centre",
    # documents behind a fact (evidence[].document)
    "business_licence": "business licence",
    "audited_accounts": "audited accounts",
    "tax_records": "tax records",
    "ranking_certificate": "ranking certificate",
    "store_list": "store list",
    "lease": "lease",
    "property_deed": "property deed",
    "repair_qualification_certificate": "repair qualification certificate",
    "brand_authorisation": "brand authorisation",
    "sales_records": "sales records",
    "customer_records": "customer records",
    # what an absent fact is called where a value would stand ("from missing to ...")
    "missing": "missing",
    # the names profiles give their reference lists, and the lists' tags
    "cities": "cities",
    "top100": "top100",
    "brands": "brands",
    "luxury": "luxury",
    "nev": "nev",
}

AS_WRITTEN = frozenset({"2S", "3S", "4S"})  # store formats: the same in every language


@functools.cache
def words(lang: str) -> dict[str, str]:
    """{value: its words in `lang`}."""
    return translated(lang, "value:", EN)


def label(value: str, lang: str) -> str:
    """The words for `value` in `lang`; the value itself when it is no enumeration value."""
    return words(lang).get(value, value)


ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`
