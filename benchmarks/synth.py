"""Synthetic applicants for the benchmark: valid, varied, the same for the same seed.

Each applicant is written as the YAML an analyst would receive (about 1.3 KB, every
section filled in, some facts left out), with cities and brands in English or Chinese,
so that parsing, validation and every rule kind do real work.
"""

from __future__ import annotations

import os
import random

CITIES = [
    ("Suzhou", "苏州"), ("Chongqing", "重庆"), ("Ningbo", "宁波"), ("Nanjing", "南京"),
    ("Wenzhou", "温州"), ("Wuxi", "无锡"), ("Xi'an", "西安"), ("Foshan", "佛山"),
    ("Zhengzhou", "郑州"), ("Changsha", "长沙"), ("Dongguan", "东莞"), ("Tianjin", "天津"),
    ("Hefei", "合肥"), ("Xiamen", "厦门"), ("Qingdao", "青岛"), ("Haikou", "海口"),
    ("Shijiazhuang", "石家庄"), ("Hangzhou", "杭州"), ("Lhasa", "拉萨"),
]  # fmt: skip
BRANDS = [
    ("BMW", "宝马"), ("Audi", "奥迪"), ("Mercedes-Benz", "奔驰"), ("Lexus", "雷克萨斯"),
    ("Volvo", "沃尔沃"), ("Cadillac", "凯迪拉克"), ("BYD", "比亚迪"), ("Tesla", "特斯拉"),
    ("Li Auto", "理想"), ("NIO", "蔚来"), ("XPeng", "小鹏"), ("Zeekr", "极氪"),
    ("Toyota", "丰田"), ("Honda", "本田"), ("Volkswagen", "大众"), ("Geely", "吉利"),
    ("Buick", "别克"), ("Changan", "长安"),
]  # fmt: skip
GROUPS = [
    "Jiangnan Huatong Auto Group", "Yunlan Motor Trading Group", "江南华通汽车集团",
    "Beichen Hengyu Automotive Group", "Xiangjiang Ruida Auto Group", "Qilu Haoyuan Auto Group",
]  # fmt: skip
DISTRICTS = ["core_commercial_district", "mainstream_auto_circle", "other"]
TENURES = ["owned", "leased", "under_negotiation", "none"]
STORE_TYPES = ["4S", "3S", "2S", "showroom", "repair_centre"]


def applicant_yaml(i: int, rng: random.Random) -> str:
    city = rng.choice(CITIES)[rng.random() < 0.3]
    kind = rng.choices(["national_dealer_group", "regional_merchant", "other"], weights=[3, 6, 1])[
        0
    ]
    lines = [
        "schema_version: 1",
        f"applicant_id: SYN-{i:07d}",
        f"legal_name: Synthetic Motors No. {i} Co., Ltd.",
        f"chinese_name: 合成汽车{i}号有限公司",
        "contact:",
        f"  name: Contact {i}",
        f"  email: contact{i}@synthetic.example.cn",
        f"  phone: +86 21 555-{i % 10000:04d}",
        f"submitted_on: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "standing:",
        f"  kind: {kind}",
    ]
    if kind == "national_dealer_group":
        lines += [
            f"  group_name: {rng.choice(GROUPS)}",
            f"  top100_rank: {rng.randint(1, 100)}",
            "  top100_list_year: 2023",
        ]
    lines += [
        f"  stores_in_province: {rng.randint(0, 60)}",
        f"  years_in_region: {rng.randint(0, 30)}",
        f"  regional_market_share_pct: {rng.randint(0, 150) / 10}",
        "target:",
        f"  city: {city}",
        f"  store_format: {rng.choice(['2S', '2S', '2S', '3S', '4S'])}",
        # the 2S scope (#12): now and then a store that would resell or deliver. By the
        # number, not the generator, so every other fact stays as it was.
        f"  resells_vehicles: {str(i % 37 == 5).lower()}",
        f"  delivers_vehicles: {str(i % 41 == 7).lower()}",
        "site:",
        f"  district_type: {rng.choice(DISTRICTS)}",
        f"  address: No. {rng.randint(1, 999)} Synthetic Road, {city}",
        f"  building_area_sqm: {rng.randint(800, 6000)}",
        f"  showroom_area_sqm: {rng.randint(200, 1500)}",
        f"  showroom_height_m: {rng.randint(40, 90) / 10}",
        f"  street_frontage_m: {rng.randint(10, 50)}",
        f"  parking_spaces: {rng.randint(5, 80)}",
        f"  tenure: {rng.choice(TENURES)}",
        "brand_agencies:",
    ]
    for brand in rng.sample(BRANDS, rng.randint(1, 4)):
        lines += [
            f"- brand: {brand[rng.random() < 0.3]}",
            f"  years: {rng.randint(0, 20)}",
            f"  stores: {rng.randint(1, 5)}",
            f"  store_type: {rng.choice(STORE_TYPES)}",
        ]
    lines += [
        "customers:",
        f"  active_customers: {rng.randint(500, 60000)}",
        f"  annual_new_car_sales: {rng.randint(100, 8000)}",
        f"  annual_service_visits: {rng.randint(1000, 60000)}",
        f"  satisfaction_score: {rng.randint(60, 100)}",
        "after_sales:",
        f"  mechanical_repair: {str(rng.random() < 0.9).lower()}",
        f"  sheet_metal: {str(rng.random() < 0.8).lower()}",
        f"  paint: {str(rng.random() < 0.8).lower()}",
        f"  repair_qualification_class: {rng.randint(1, 3)}",
        f"  certified_technicians: {rng.randint(0, 40)}",
        f"  workshop_at_site: {str(i % 19 != 3).lower()}",
        f"  workshop_area_sqm: {rng.randint(300, 3000)}",
        f"  workshop_parking_spaces: {rng.randint(0, 50)}",
        "finance:",
        f"  registered_capital_rmb_m: {rng.randint(5, 300)}",
        f"  automotive_revenue_rmb_m: {rng.randint(50, 8000)}",
    ]
    if rng.random() < 0.9:  # a missing fact now and then: the policies must decide
        lines.append(f"  debt_ratio_pct: {rng.randint(20, 90)}")
    # Documents behind the standing statements (#12), by the id and not the generator, so
    # every other fact stays what it was: two thirds submitted, a third none. None says it is
    # verified: that is the team's to say (--verifications), and an application that does
    # would be warned, twice, on every third file.
    if i % 3 < 2:
        lines.append("evidence:")
        for fact, document in (
            ("stores_in_province", "store_list"),
            ("years_in_region", "business_licence"),
        ):
            lines.append(f"- {{field: standing.{fact}, document: {document}}}")
    return "\n".join(lines) + "\n"


def generate(folder: str, n: int, seed: int = 2024) -> list[str]:
    """n files in 100 sub-folders (as a real intake is filed), sorted like `discover`."""
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        sub = os.path.join(folder, f"{i % 100:02d}")
        os.makedirs(sub, exist_ok=True)
        path = os.path.join(sub, f"syn-{i:07d}.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(applicant_yaml(i, rng))
        paths.append(path)
    return sorted(paths)
