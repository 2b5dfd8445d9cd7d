"""Unknown names are warned about only for closed lists; selecting lists answer for themselves."""

from __future__ import annotations

from dealerscreen.names import unknown_names
from dealerscreen.screening import load_criteria
from tests.helpers import applicant


def test_unknown_brand_warns_with_closest_names_but_group_outside_top100_does_not() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    who = applicant(
        standing={"kind": "regional_merchant", "group_name": "Some Regional Motors"},
        brand_agencies=[{"brand": "Mercedes-Bens", "years": 3}, {"brand": "宝马", "years": 3}],
    )
    warnings = unknown_names(compiled, who)
    assert [w.loc for w in warnings] == [("brand_agencies", 0, "brand")]
    assert "closest known: Mercedes-Benz" in warnings[0].message


def test_chinese_typo_finds_the_city_through_its_aliases() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    assert compiled.cities is not None
    assert compiled.cities.suggest("苏洲市", cutoff=0.6) == ["Suzhou"]
