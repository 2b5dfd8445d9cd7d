"""Listing profiles reads only their headers, and reads them as a full load would."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealerscreen.criteria.catalog import _profile_header
from dealerscreen.yamlsource import parse_yaml
from dealerscreen.yamlsource.sourcefile import read_text

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "criteria").rglob("*.yaml")) + sorted(
    (ROOT / "tests" / "data").rglob("*.yaml")
)


def full(path: Path) -> tuple[str, str, str] | None:
    try:
        data = parse_yaml(read_text(str(path), 5_000_000).text, str(path)).data
    except Exception:  # a file that does not parse is not listed either way
        return None
    if not isinstance(data, dict) or data.get("kind") != "profile":
        return None
    return str(data.get("id", path.stem)), str(data.get("title", "")), str(data.get("version", ""))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_header_is_what_a_full_parse_gives(path: Path) -> None:
    header = _profile_header(path)
    if header is not None or full(path) is not None:
        assert header == full(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kind: profile\nid: a\ntitle: A\nversion: 1.0\n", ("a", "A", "1.0")),
        ("rules: {x: [1, {kind: no}]}\nkind: profile\nversion: 2024-01-02\nid: b\n", ("b", "", "2024-01-02")),
        ("- kind: profile\n", None),
        ("kind: reference-list\nid: c\n", None),
        ("'kind': \"profile\"\ntitle: 'quoted: yes'\n", ("f", "quoted: yes", "")),
        ("", None),
        ("kind: profile\nid: !!python/object:os.system z\n", None),  # refused, as a load would
        ("kind: profile\nid: !!str 12\nversion: !!str 1.10\n", ("12", "", "1.10")),
    ],
)  # fmt: skip
def test_header_examples(tmp_path: Path, text: str, expected: object) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    assert _profile_header(path) == expected
