"""The application form's fields, read off the applicant model so the form cannot drift.

Every leaf field of `Applicant` (a dotted path; list items as `brand_agencies[n].brand`)
becomes one `FormField`: its label in English and Chinese, its unit (from the field
name's suffix), its description (the model's own in English, `ZH_DESCRIPTIONS` in
Chinese), the type a spreadsheet cell is read as, and its choices: the values of a
`Literal`, yes/no, or the names of a profile's reference list (cities, brands). A test
checks that every field of the model has its Chinese label and description here, and that
nothing here names a field the model no longer has.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from dealerscreen.i18n import valuetext
from dealerscreen.models.applicant import Applicant, fact_paths

BRAND_ROWS = 3  # brand agencies a form has room for, one set of columns each
# Rows of each list a form has room for: four documents cover the dealer-standing gate.
LIST_ROWS = {"brand_agencies": BRAND_ROWS, "evidence": 4}
# The screening team's, in its own verifications file (--verifications), never the dealer's:
# a form has no column for them (a value a dealer writes anyway is ignored and warned); so
# are the reviewers' scores (the team's review acts).
TEAM_ONLY = frozenset({"evidence[].verified_by", "evidence[].verified_on", "reviews"})
CONSTANTS = {"schema_version": 1}  # fields the form fills in itself

UNITS: dict[str, dict[str, str]] = {
    "_sqm": {"en": "sqm", "zh": "平方米"},
    "_rmb_m": {"en": "million RMB", "zh": "百万元"},
    "_pct": {"en": "%", "zh": "%"},
    "_m": {"en": "m", "zh": "米"},
}

# Label (en, zh) and Chinese description of each leaf field; `[]` stands for an item.
LABELS: dict[str, tuple[str, str, str]] = {
    "applicant_id": (
        "Application no.",
        "申请编号",
        "申请的唯一编号（字母、数字、点、下划线或连字符）。",
    ),
    "legal_name": ("Legal name", "法定名称", "申请方的注册法定名称。"),
    "chinese_name": ("Chinese name", "中文名称", "中文名称（如与法定名称不同）。"),
    "contact.name": ("Contact", "联系人", "负责本次申请的联系人。"),
    "contact.email": ("E-mail", "电子邮箱", "联系人电子邮箱。"),
    "contact.phone": ("Phone", "联系电话", "联系人电话。"),
    "submitted_on": ("Submitted", "提交日期", "提交申请的日期（年-月-日）。"),
    "standing.kind": (
        "Applicant type",
        "申请方类型",
        "全国经销商集团、区域实力商家（在本区域经营）或其他。",
    ),
    "standing.group_name": (
        "Dealer group",
        "所属经销商集团",
        "申请方所属经销商集团的名称（中文或英文），用于与百强名单比对。",
    ),
    "standing.top100_rank": ("Top-100 rank", "百强排名", "申请方自报的全国经销商集团百强排名。"),
    "standing.top100_list_year": (
        "Top-100 list year",
        "百强名单年份",
        "所报百强排名出自哪一年的名单。",
    ),
    "standing.stores_in_province": (
        "Stores in the province",
        "省内门店数",
        "申请方在目标省份经营的汽车门店数量。",
    ),
    "standing.years_in_region": (
        "Years in the region",
        "区域经营年限",
        "申请方在本区域从事汽车业务的年数。",
    ),
    "standing.regional_market_share_pct": (
        "Regional share",
        "区域市场份额",
        "申请方在本区域新车零售中的份额，百分比（0-100）。",
    ),
    "target.city": ("City", "申请城市", "申请的城市（中文或英文），须为招募城市之一。"),
    "target.store_format": (
        "Store format",
        "门店形态",
        "申请的门店形态：2S = 代理销售 + 授权服务。",
    ),
    "target.resells_vehicles": (
        "Vehicle resale at the store",
        "整车转售",
        "拟建门店是否还会转售车辆（以自身名义购入新车或二手车再出售），而非仅作为厂家代理销售。2S 门店不做整车转售。",
    ),
    "target.delivers_vehicles": (
        "Vehicle delivery at the store",
        "整车交付",
        "拟建门店是否向购车客户交付车辆。2S 门店不做整车交付：交付由厂家自营交付中心负责。",
    ),
    "site.district_type": (
        "District type",
        "选址商圈类型",
        "拟选址所在位置：核心商圈、主流汽车商圈或其他。",
    ),
    "site.address": ("Site address", "选址地址", "拟选址的详细地址。"),
    "site.building_area_sqm": ("Building area", "建筑面积", "场地总建筑面积。"),
    "site.showroom_area_sqm": ("Showroom area", "展厅面积", "展厅面积。"),
    "site.showroom_height_m": ("Showroom height", "展厅层高", "展厅净高。"),
    "site.street_frontage_m": ("Street frontage", "临街面宽", "临街面的长度。"),
    "site.parking_spaces": ("Parking spaces", "客户停车位", "场地内的客户停车位数量。"),
    "site.tenure": ("Site tenure", "场地落实情况", "场地为自有、租赁、洽谈中，或尚未落实。"),
    "brand_agencies[].brand": (
        "Brand {n}",
        "代理品牌 {n}",
        "曾代理或正在代理的品牌（中文或英文）。",
    ),
    "brand_agencies[].years": ("Brand {n} years", "品牌 {n} 代理年限", "代理该品牌的年数。"),
    "brand_agencies[].stores": ("Brand {n} stores", "品牌 {n} 门店数", "为该品牌经营的门店数量。"),
    "brand_agencies[].store_type": (
        "Brand {n} store type",
        "品牌 {n} 门店类型",
        "为该品牌经营的门店类型。",
    ),
    "evidence[].field": (
        "Evidence {n}: fact",
        "证明文件 {n}：证明事项",
        "该文件证明的申请事项，写字段路径（如 standing.stores_in_province）。",
    ),
    "evidence[].document": (
        "Evidence {n}: document",
        "证明文件 {n}：文件类型",
        "文件类型：营业执照、审计报告、百强排名证明、门店清单等。",
    ),
    "evidence[].reference": (
        "Evidence {n}: reference",
        "证明文件 {n}：文件编号",
        "文件编号、标题或文件名，便于查找。",
    ),
    "customers.active_customers": (
        "Active customers",
        "活跃客户数",
        "近 24 个月内有购车或售后到店记录的客户数。",
    ),
    "customers.annual_new_car_sales": (
        "New cars per year",
        "年新车销量",
        "上一完整年度的新车销量（所有品牌）。",
    ),
    "customers.annual_service_visits": (
        "Service visits per year",
        "年售后进厂台次",
        "上一完整年度的售后进厂台次。",
    ),
    "customers.satisfaction_score": (
        "Satisfaction",
        "客户满意度",
        "客户满意度得分，0-100（品牌调查或自有调查）。",
    ),
    "after_sales.mechanical_repair": ("Mechanical repair", "机修", "是否提供机修服务。"),
    "after_sales.sheet_metal": ("Sheet metal", "钣金", "是否提供钣金服务。"),
    "after_sales.paint": ("Paint", "喷漆", "是否提供喷漆服务。"),
    "after_sales.workshop_at_site": (
        "Workshop at the site",
        "店内维修车间",
        "拟选址是否有自己的维修车间（在场地内设有机修、钣金、喷漆工位）；如商场内门店、维修在别处完成，填否。",
    ),
    "after_sales.repair_qualification_class": (
        "Repair class",
        "维修资质等级",
        "机动车维修资质：1（一类，最高）、2（二类）或 3（三类）。",
    ),
    "after_sales.certified_technicians": (
        "Certified technicians",
        "持证技师",
        "持有厂家或国家认证的技师人数。",
    ),
    "after_sales.workshop_area_sqm": ("Workshop area", "维修车间面积", "维修车间面积。"),
    "after_sales.workshop_parking_spaces": (
        "Workshop parking",
        "车间停车位",
        "服务维修车间的停车位数量。",
    ),
    "finance.registered_capital_rmb_m": ("Registered capital", "注册资本", "注册资本。"),
    "finance.automotive_revenue_rmb_m": (
        "Automotive revenue",
        "汽车业务收入",
        "上一完整年度的汽车业务收入。",
    ),
    "finance.debt_ratio_pct": ("Debt ratio", "资产负债率", "资产负债率，百分比（0-100）。"),
}

# What each choice of an enumeration means, in words (valuetext.py: one place for them).
CHOICES_EN: dict[str, str] = valuetext.EN
CHOICES_ZH: dict[str, str] = valuetext.words("zh")

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
        en, zh, _ = LABELS[self.key]
        text = (zh if lang == "zh" else en).format(n=self.n)
        unit = self.unit(lang)
        if not unit:
            return text
        return f"{text}（{unit}）" if lang == "zh" else f"{text} ({unit})"

    def unit(self, lang: str) -> str:
        for suffix, names in UNITS.items():
            if self.path.endswith(suffix):
                return names[lang if lang in names else "en"]
        return ""

    def description(self, lang: str) -> str:
        return LABELS[self.key][2] if lang == "zh" else self.description_en


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


def enumerations() -> dict[str, tuple[str, ...]]:
    """{key: its values} of every field whose values are a `Literal` of words (site.tenure,
    standing.kind): what a cell may hold as the value's code or its words."""
    return {
        f.key: f.choices
        for f in form_fields()
        if f.type == "str" and f.choices and f.key != FACT_FIELD
    }


def form_fields() -> list[FormField]:
    """Every field a dealer fills in, in the model's order."""
    return list(_walk(Applicant, "", "", None))
