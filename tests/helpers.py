"""Small builders for tests: an applicant from a few facts, a bind context from lists."""

from __future__ import annotations

from typing import Any

from dealerscreen.models.applicant import Applicant
from dealerscreen.reference.lists import ReferenceList, ReferenceListFile
from dealerscreen.rules.base import BindContext


def applicant(**overrides: Any) -> Applicant:
    data: dict[str, Any] = {
        "schema_version": 1,
        "applicant_id": "T-1",
        "legal_name": "Test Motors Co., Ltd.",
        "standing": {"kind": "regional_merchant"},
        "target": {"city": "Suzhou", "store_format": "2S"},
    }
    for key, value in overrides.items():
        section, _, name = key.partition("__")
        if name:
            data.setdefault(section, {})[name] = value
        else:
            data[section] = value
    return Applicant.model_validate(data)


def reference(
    name: str, entries: list[dict[str, Any]], illustrative: bool = False
) -> ReferenceList:
    return ReferenceList(
        ReferenceListFile(
            id=name, title=name, source="test", entries=entries, illustrative=illustrative
        )  # type: ignore[arg-type]
    )


BRANDS = reference(
    "brands",
    [
        {"id": "bmw", "name": {"en": "BMW", "zh": "宝马"}, "tags": ["luxury"]},
        {"id": "byd", "name": {"en": "BYD", "zh": "比亚迪"}, "tags": ["nev"]},
        {"id": "toyota", "name": {"en": "Toyota", "zh": "丰田"}, "tags": ["mainstream"]},
    ],
)
CITIES = reference(
    "cities",
    [
        {"id": "suzhou", "name": {"en": "Suzhou", "zh": "苏州"}},
        {"id": "xian", "name": {"en": "Xi'an", "zh": "西安"}},
    ],
)


def context() -> BindContext:
    return BindContext(Applicant, {"brands": BRANDS, "cities": CITIES})
