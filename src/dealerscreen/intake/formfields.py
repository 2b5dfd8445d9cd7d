"""The application form's fields, read off the applicant model so the form cannot drift.

Every leaf field of `Applicant` (a dotted path; list items as `brand_agencies[n].brand`)
becomes one `FormField`: its label, its unit (from the field name's suffix), its
description (the model's own in English; the words of every other language are in the
catalogs, msgctxt `form:`), the type a spreadsheet cell is read as, and its choices: the
values of a `Literal`, yes/no, or the names of a profile's reference list (cities,
brands). A test checks that every field of the model has its label and description in
each language, and that nothing here names a field the model no longer has.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from dealerscreen.i18n import catalogs
from dealerscreen.models.applicant import Applicant, fact_paths

BRAND_ROWS = 3  # brand agencies a form has room for, one set of columns each
# Rows of each list a form has room for: four documents cover the dealer-standing gate.
LIST_ROWS = {"brand_agencies": BRAND_ROWS, "evidence": 4}
# The screening team's, in its own verifications file (--verifications), never the dealer's:
# a form has no column for them (a value a dealer writes anyway is ignored and warned); so
# are the reviewers' scores (the team's review acts).
TEAM_ONLY = frozenset({"evidence[].verified_by", "evidence[].verified_on", "reviews"})
CONSTANTS = {"schema_version": 1}  # fields the form fills in itself

# The unit of a field, by its name's suffix, in English; other languages: the catalogs.
UNITS: dict[str, str] = {"_sqm": "sqm", "_rmb_m": "million RMB", "_pct": "%", "_m": "m"}
WITH_UNIT = "{text} ({unit})"  # a label and its unit

# The form's label of each leaf field, in English (`[]` stands for an item, `{n}` its number);
# its description in English is the model's own. Other languages: the catalogs (msgctxt
# "form:label.<key>", "form:description.<key>", "form:unit.<suffix>").
LABELS: dict[str, str] = {
    "applicant_id": "Application no.",
    "legal_name": "Legal name",
    "chinese_name": "Chinese name",
    "contact.name": "Contact",
    "contact.email": "E-mail",
    "contact.phone": "Phone",
    "submitted_on": "Submitted",
    "standing.kind": "Applicant type",
    "standing.group_name": "Dealer group",
    "standing.top100_rank": "Top-100 rank",
    "standing.top100_list_year": "Top-100 list year",
    "standing.stores_in_province": "Stores in the province",
    "standing.years_in_region": "Years in the region",
    "standing.regional_market_share_pct": "Regional share",
    "target.city": "City",
    "target.store_format": "Store format",
    "target.resells_vehicles": "Vehicle resale at the store",
    "target.delivers_vehicles": "Vehicle delivery at the store",
    "site.district_type": "District type",
    "site.address": "Site address",
    "site.building_area_sqm": "Building area",
    "site.showroom_area_sqm": "Showroom area",
    "site.showroom_height_m": "Showroom height",
    "site.street_frontage_m": "Street frontage",
    "site.parking_spaces": "Parking spaces",
    "site.tenure": "Site tenure",
    "brand_agencies[].brand": "Brand {n}",
    "brand_agencies[].years": "Brand {n} years",
    "brand_agencies[].stores": "Brand {n} stores",
    "brand_agencies[].store_type": "Brand {n} store type",
    "evidence[].field": "Evidence {n}: fact",
    "evidence[].document": "Evidence {n}: document",
    "evidence[].reference": "Evidence {n}: reference",
    "customers.active_customers": "Active customers",
    "customers.annual_new_car_sales": "New cars per year",
    "customers.annual_service_visits": "Service visits per year",
    "customers.satisfaction_score": "Satisfaction",
    "after_sales.mechanical_repair": "Mechanical repair",
    "after_sales.sheet_metal": "Sheet metal",
    "after_sales.paint": "Paint",
    "after_sales.workshop_at_site": "Workshop at the site",
    "after_sales.repair_qualification_class": "Repair class",
    "after_sales.certified_technicians": "Certified technicians",
    "after_sales.workshop_area_sqm": "Workshop area",
    "after_sales.workshop_parking_spaces": "Workshop parking",
    "finance.registered_capital_rmb_m": "Registered capital",
    "finance.automotive_revenue_rmb_m": "Automotive revenue",
    "finance.debt_ratio_pct": "Debt ratio",
}

# The example row: a made-up applicant that validates (a test checks it).
EXAMPLE: dict[str, Any] = {
    "applicant_id": "EXAMPLE-001",
    "legal_name": "Example Auto Sales & Service Co., Ltd.",
    "chinese_name": "示例汽车销售服务有限公司",
    "contact.name": "张三",
    "contact.email": "contact@example.com",
    "contact.phone": "+86 512 0000 0000",
    "submitted_on": date(2024, 1, 15),
    "standing.kind": "regional_merchant",
    "standing.group_name": "示例汽车集团",
    "standing.stores_in_province": 8,
    "standing.years_in_region": 12,
    "standing.regional_market_share_pct": 4.5,
    "target.store_format": "2S",
    "target.resells_vehicles": False,
    "target.delivers_vehicles": False,
    "site.district_type": "mainstream_auto_circle",
    "site.address": "示例路 1 号",
    "site.building_area_sqm": 3200,
    "site.showroom_area_sqm": 900,
    "site.showroom_height_m": 6.5,
    "site.street_frontage_m": 28,
    "site.parking_spaces": 40,
    "site.tenure": "leased",
    "brand_agencies[0].years": 6,
    "brand_agencies[0].stores": 2,
    "brand_agencies[0].store_type": "4S",
    "evidence[0].field": "standing.stores_in_province",
    "evidence[0].document": "store_list",
    "evidence[0].reference": "门店清单及营业执照（8 家）",
    "customers.active_customers": 18000,
    "customers.annual_new_car_sales": 3500,
    "customers.annual_service_visits": 26000,
    "customers.satisfaction_score": 91,
    "after_sales.mechanical_repair": True,
    "after_sales.sheet_metal": True,
    "after_sales.paint": True,
    "after_sales.workshop_at_site": True,
    "after_sales.repair_qualification_class": 2,
    "after_sales.certified_technicians": 14,
    "after_sales.workshop_area_sqm": 1500,
    "after_sales.workshop_parking_spaces": 30,
    "finance.registered_capital_rmb_m": 20,
    "finance.automotive_revenue_rmb_m": 600,
    "finance.debt_ratio_pct": 55,
}

# How a spreadsheet cell is read (a form's field, a column mapping's column): one name for both.
CellType = Literal["str", "int", "float", "bool", "date"]


@dataclass(frozen=True)
class FormField:
    path: str  # as a column mapping names it: "site.building_area_sqm", "brand_agencies[0].brand"
    key: str  # the path with list indexes as "[]": the key of LABELS
    n: int | None  # the list item's number (1-based), for a brand agency's columns
    type: CellType
    choices: tuple[Any, ...]  # an enumeration's values; () when free
    reference: str | None  # "cities" or "brands": choices from the profile's reference list
    required: bool
    description_en: str

    def label(self, lang: str) -> str:
        text = str(label(self.key, lang)).format(n=self.n)
        unit = self.unit(lang)
        return (
            catalogs.text(lang, "form:with-unit", WITH_UNIT).format(text=text, unit=unit)
            if unit
            else text
        )

    def unit(self, lang: str) -> str:
        return unit(self.path, lang)

    def description(self, lang: str) -> str:
        return catalogs.text(lang, "form:description." + self.key, self.description_en)


def label(key: str, lang: str) -> str | None:
    """The form's label of a field (LABELS' key: list items as `[]`) in `lang`; None for a
    field the form does not ask."""
    english = LABELS.get(key)
    return None if english is None else catalogs.text(lang, "form:label." + key, english)


def unit(path: str, lang: str) -> str:
    """The unit of the field at `path` in `lang` ('sqm', '平方米'), by its name's suffix."""
    for suffix, english in UNITS.items():
        if path.endswith(suffix):
            return catalogs.text(lang, "form:unit." + suffix, english)
    return ""


def __getattr__(name: str) -> dict[str, str]:
    """`EN`, the form's English by key for `python3 dev.py catalog`: made on demand, as
    the descriptions are the model's own (read off it by `form_fields`)."""
    if name != "EN":
        raise AttributeError(name)
    texts = {"label." + key: text for key, text in LABELS.items()}
    texts.update({"unit." + suffix: text for suffix, text in UNITS.items()})
    texts["with-unit"] = WITH_UNIT
    for field in form_fields():
        texts["description." + field.key] = field.description_en
    return texts


def _inner(annotation: Any) -> Any:
    """The type a field holds: without Optional, and without the constraints a number type
    carries (`Annotated[Literal[1, 2, 3], ...]` is a choice of whole numbers)."""
    while True:
        if get_origin(annotation) in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        elif get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        else:
            return annotation


def _kind(annotation: Any) -> tuple[CellType, tuple[Any, ...]]:
    inner = _inner(annotation)
    if get_origin(inner) is Literal:
        values = get_args(inner)
        return ("int" if all(isinstance(v, int) for v in values) else "str"), values
    if inner is bool:
        return "bool", ()
    if inner is date:
        return "date", ()
    if inner is int or (get_args(inner) and get_args(inner)[0] is int):
        return "int", ()
    if inner is float or (get_args(inner) and get_args(inner)[0] is float):
        return "float", ()
    return "str", ()


REFERENCES = {"target.city": "cities", "brand_agencies[].brand": "brands"}
FACT_FIELD = "evidence[].field"  # its choices are the form's facts, not an enumeration


def _walk(model: type[BaseModel], prefix: str, key: str, n: int | None) -> Iterator[FormField]:
    for name, info in model.model_fields.items():
        path, k = f"{prefix}{name}", f"{key}{name}"
        if path in CONSTANTS or k in TEAM_ONLY:
            continue
        inner = _inner(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            yield from _walk(inner, f"{path}.", f"{k}.", n)
            continue
        if get_origin(inner) is list:
            item = get_args(inner)[0]
            for i in range(LIST_ROWS.get(k, BRAND_ROWS)):
                yield from _walk(item, f"{path}[{i}].", f"{k}[].", i + 1)
            continue
        kind, choices = _kind(info.annotation)
        if k == FACT_FIELD:  # a fact of this form: a drop-down, not a typed path
            choices = fact_paths()
        yield FormField(
            path,
            k,
            n,
            kind,
            choices,
            REFERENCES.get(k),
            info.is_required() and n is None,
            info.description or "",
        )


@functools.cache
def enumerations() -> Mapping[str, tuple[str, ...]]:
    """{key: its values} of every field whose values are a `Literal` of words (site.tenure,
    standing.kind): what a cell may hold as the value's code or its words. Made once: it
    is read off the model (a class) and this module's constants, and asked for each cell
    a table gives such a field; read-only, as every caller shares it."""
    return types.MappingProxyType(
        {
            f.key: f.choices
            for f in _fields()
            if f.type == "str" and f.choices and f.key != FACT_FIELD
        }
    )


@functools.cache
def _fields() -> tuple[FormField, ...]:
    return tuple(_walk(Applicant, "", "", None))


def form_fields() -> list[FormField]:
    """Every field a dealer fills in, in the model's order (walked once per process: the
    model is a class; each caller gets its own list of the frozen fields)."""
    return list(_fields())


ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`
