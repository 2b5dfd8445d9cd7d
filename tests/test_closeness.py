"""The suggestions' closeness (`reference.closeness`) is rapidfuzz's, number for number.

`nameindex` suggests names by edits (optimal string alignment) and orders them by
Jaro-Winkler similarity; both were rapidfuzz's and are now computed here (importing
rapidfuzz cost about 15 ms of a run that meets an unknown name). Here both are compared
with rapidfuzz on generated strings, the float exactly: suggestions keep their order.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA, JaroWinkler

from dealerscreen.reference import closeness
from dealerscreen.reference.closeness import edits_within, jaro_winkler

ROOT = Path(__file__).resolve().parents[1]
# Few letters, so that strings share characters, swap neighbours and repeat; Chinese too.
words = st.text(alphabet="abcdeuz苏州洲 ", max_size=12)


@settings(max_examples=2000, deadline=None)
@given(words, words, st.integers(min_value=0, max_value=3))
def test_edits_are_rapidfuzzs(a: str, b: str, limit: int) -> None:
    distance = OSA.distance(a, b)
    assert edits_within(a, b, limit) == (distance if distance <= limit else None), (a, b)


@settings(max_examples=2000, deadline=None)
@given(words, words)
def test_jaro_winkler_is_rapidfuzzs(a: str, b: str) -> None:
    assert jaro_winkler(a, b) == JaroWinkler.similarity(a, b), (a, b)


def test_names_of_the_lists() -> None:
    """Every pair of the shipped lists' names and aliases, and a few misspellings."""
    import yaml

    texts = ["Suzou", "Hangzhou", "Lhasa", "拉萨", "杭州", "Mercedes-Bens", "苏洲", "Biyadi"]
    for path in sorted((ROOT / "criteria" / "reference").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            texts += [*entry["name"].values(), *entry.get("aliases", ())]
    for a in texts:
        for b in texts[:80]:
            assert jaro_winkler(a, b) == JaroWinkler.similarity(a, b), (a, b)
            assert edits_within(a, b, 2) == (d if (d := OSA.distance(a, b)) <= 2 else None)


def test_suggesting_imports_no_rapidfuzz() -> None:
    code = (
        "import sys, yaml\n"
        "from dealerscreen.reference.lists import ReferenceList, ReferenceListFile\n"
        f"path = {str(ROOT / 'criteria' / 'reference' / 'brands-cn.yaml')!r}\n"
        "brands = ReferenceList(ReferenceListFile.model_validate(yaml.safe_load(open(path, encoding='utf-8'))))\n"
        "print(brands.suggest('Mercedes-Bens'), brands.suggest('宝马汽'))\n"
        "print(sorted(m for m in sys.modules if m.startswith('rapidfuzz')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    said, modules = done.stdout.splitlines()
    assert "Mercedes-Benz" in said and modules == "[]", done.stdout


@settings(max_examples=500, deadline=None)
@given(words, st.lists(words, max_size=8), st.integers(min_value=0, max_value=2))
def test_close_keys_either_way(query: str, keys: list[str], limit: int) -> None:
    """Compared here (the first QUICK_KEYS of a process) or by rapidfuzz: the same keys."""
    expected = [(i, d) for i, k in enumerate(keys) if (d := OSA.distance(query, k)) <= limit]
    before = closeness._compared
    try:
        for compared in (0, closeness.QUICK_KEYS):
            closeness._compared = compared
            assert closeness.close_keys(query, keys, limit) == expected, compared
    finally:
        closeness._compared = before
