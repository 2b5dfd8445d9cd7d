"""Generated batches: good applicants with varied facts, and broken ones with a known fault.

Values come from a seeded generator, so a failing run can be reproduced.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

CITIES = ["Suzhou", "苏州", "Wuxi", "Ningbo", "南京", "Xi'an", "Chongqing", "Hefei", "Lhasa"]
BRANDS = ["BMW", "宝马", "BYD", "Audi", "Toyota", "NIO", "理想", "Volvo"]
KINDS = ["national_dealer_group", "regional_merchant", "other"]
DISTRICTS = ["core_commercial_district", "mainstream_auto_circle", "other"]

TEMPLATE = """\
schema_version: 1
applicant_id: {id}
legal_name: {name}
standing: {{kind: {kind}, top100_rank: {rank}}}
target: {{city: "{city}", store_format: 2S}}
site:
  district_type: {district}
  building_area_sqm: {area}
  street_frontage_m: {frontage}
  showroom_height_m: {height}
  tenure: {tenure}
brand_agencies:
{agencies}
customers: {{active_customers: {customers}, annual_new_car_sales: {sales}, satisfaction_score: {sat}}}
after_sales: {{mechanical_repair: {mech}, sheet_metal: {sheet}, paint: true, repair_qualification_class: {cls}}}
finance: {{debt_ratio_pct: {debt}, registered_capital_rmb_m: {capital}}}
"""


def good_applicant(i: int, rng: random.Random) -> str:
    agencies = "\n".join(
        f"  - {{brand: {b}, years: {rng.randint(0, 15)}, stores: {rng.randint(1, 4)}}}"
        for b in rng.sample(BRANDS, rng.randint(1, 3))
    )
    return TEMPLATE.format(
        id=f"GEN-{i:04d}",
        name=f"Generated Motors {i} Co., Ltd.",
        kind=rng.choice(KINDS),
        rank=rng.choice(["null", rng.randint(1, 100)]),
        city=rng.choice(CITIES),
        district=rng.choice(DISTRICTS),
        area=rng.randint(500, 6000),
        frontage=rng.randint(5, 60),
        height=round(rng.uniform(3, 9), 1),
        tenure=rng.choice(["owned", "leased", "under_negotiation", "none"]),
        agencies=agencies,
        customers=rng.randint(0, 50000),
        sales=rng.randint(0, 9000),
        sat=rng.randint(50, 100),
        mech=rng.choice(["true", "false"]),
        sheet=rng.choice(["true", "false"]),
        cls=rng.randint(1, 3),
        debt=rng.randint(10, 95),
        capital=rng.randint(1, 500),
    )


@dataclass(frozen=True)
class Fault:
    """How to break a good file, and where the problem must then be reported."""

    name: str
    old: str  # a line start in the template to replace
    new: str
    field: str


FAULTS = [
    Fault(
        "negative-area", "  building_area_sqm:", "  building_area_sqm: -1", "site.building_area_sqm"
    ),
    Fault("debt-140", "finance:", "finance: {debt_ratio_pct: 140}", "finance.debt_ratio_pct"),
    Fault("misspelt", "  street_frontage_m:", "  street_frontag_m: 9", "site.street_frontag_m"),
    Fault("bad-bool", "after_sales:", "after_sales: {paint: maybe}", "after_sales.paint"),
    Fault("rank-0", "standing:", "standing: {kind: other, top100_rank: 0}", "standing.top100_rank"),
]


def broken_applicant(i: int, rng: random.Random) -> tuple[str, Fault, int]:
    """A broken file, its fault, and the 1-based line the fault is on."""
    fault = FAULTS[i % len(FAULTS)]
    lines = good_applicant(1000 + i, rng).splitlines()
    at = next(n for n, ln in enumerate(lines) if ln.startswith(fault.old))
    lines[at] = fault.new
    return "\n".join(lines) + "\n", fault, at + 1


def write_batch(
    folder: Path, good: int, broken: int, seed: int = 7
) -> dict[str, tuple[Fault, int]]:
    """`good` valid and `broken` invalid files; returns each broken file's fault and line."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(good):
        (folder / f"good-{i:04d}.yaml").write_text(good_applicant(i, rng), encoding="utf-8")
    faults: dict[str, tuple[Fault, int]] = {}
    for i in range(broken):
        text, fault, line = broken_applicant(i, rng)
        path = folder / f"broken-{i:03d}-{fault.name}.yaml"
        path.write_text(text, encoding="utf-8")
        faults[str(path)] = (fault, line)
    return faults
