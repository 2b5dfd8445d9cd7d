"""`extends:` merges a child profile over its parent; problems keep the file they are in."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.criteria.loading import load_profile
from dealerscreen.models.problems import FatalError

PARENTS = Path(__file__).parent / "cases" / "validate" / "parents"


@pytest.fixture(autouse=True)
def _parents_are_a_criteria_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """The children here are in tmp_path: their parents' folder must be a criteria root."""
    monkeypatch.setenv("DEALERSCREEN_CRITERIA_PATH", str(PARENTS.parent))


def child(tmp_path: Path, body: str) -> str:
    path = tmp_path / "child.yaml"
    head = f"schema_version: 1\nkind: profile\nid: child\nextends: {PARENTS / 'base.yaml'}\n"
    path.write_text(head + body, encoding="utf-8")
    return str(path)


def test_override_by_id_keeps_order_and_append_and_remove(tmp_path: Path) -> None:
    path = child(
        tmp_path,
        "remove: [format]\n"
        "gates:\n"
        "  - {id: city, title: City 2, reason: r, source: test,"
        " condition: {kind: present, field: target.city}}\n"
        "  - {id: site, title: Site, reason: r, source: test,"
        " condition: {kind: present, field: site.tenure}}\n",
    )
    profile = load_criteria(path).profile
    assert [(g.id, g.title) for g in profile.gates] == [("city", "City 2"), ("site", "Site")]
    assert [c.id for c in profile.criteria] == ["frontage"]  # inherited
    assert profile.id == "child" and profile.title == "Base for extends cases"


def test_inherited_reference_paths_are_rebased(tmp_path: Path) -> None:
    loaded = load_profile(child(tmp_path, ""))
    assert "cities" in loaded.references and loaded.references["cities"].resolve("苏州")


def test_a_problem_in_the_child_is_at_the_childs_position(tmp_path: Path) -> None:
    path = child(
        tmp_path,
        "criteria:\n  - {id: frontage, title: F, points: 10, source: nope,\n     scoring: {kind: thresholds, field: site.street_frontage_m, steps: [{at: 1, points: 10}]}}\n",
    )
    with pytest.raises(FatalError) as info:
        load_criteria(path)
    (p,) = info.value.problems
    assert (p.path, p.line, p.check) == (path, 6, "unknown-source")


def test_a_problem_in_the_parent_is_reported_in_the_parent(tmp_path: Path) -> None:
    parent = tmp_path / "parent.yaml"
    parent.write_text(
        (PARENTS / "base.yaml")
        .read_text(encoding="utf-8")
        .replace("../reference", str(PARENTS.parent / "reference"))
        .replace("field: target.store_format", "field: target.store_fromat"),
        encoding="utf-8",
    )
    path = tmp_path / "c.yaml"
    path.write_text(
        "schema_version: 1\nkind: profile\nid: c\nextends: parent.yaml\n", encoding="utf-8"
    )
    with pytest.raises(FatalError) as info:
        load_criteria(str(path))
    (p,) = info.value.problems
    assert (p.path, p.line, p.check) == (str(parent), 23, "unknown-field")


def test_schema_error_in_inherited_rule_points_at_the_parent(tmp_path: Path) -> None:
    parent = tmp_path / "parent.yaml"
    parent.write_text(
        (PARENTS / "base.yaml")
        .read_text(encoding="utf-8")
        .replace("../reference", str(PARENTS.parent / "reference"))
        .replace("    reason: 2S only.\n", "    raeson: 2S only.\n"),
        encoding="utf-8",
    )
    path = tmp_path / "c.yaml"
    path.write_text(
        "schema_version: 1\nkind: profile\nid: c\nextends: parent.yaml\n", encoding="utf-8"
    )
    with pytest.raises(FatalError) as info:
        load_criteria(str(path))
    paths = {(p.path, p.line, p.check) for p in info.value.problems}
    assert (str(parent), 21, "unknown-field") in paths, info.value.problems


def test_extends_by_profile_id_and_shipped_expansion_example() -> None:
    compiled = load_criteria("xiaomi-2s-2025-expansion")
    base = load_criteria("xiaomi-2s-2024")
    assert [g.id for g, _ in compiled.gates] == [g.id for g, _ in base.gates]
    assert compiled.cities is not None and compiled.cities.resolve("杭州") is not None
    assert compiled.cities.illustrative  # the added cities are examples, and reports say so
    assert compiled.quota_for("tianjin") == 2 and compiled.quota_for("hangzhou") == 2
    assert set(compiled.loaded.files) >= {"xiaomi-2s-2024.yaml", "xiaomi-2s-2025-expansion.yaml"}
