"""A name's pinyin read from the table (`reference/pinyin.txt`) is pypinyin's.

`nameforms.pinyin_keys` reads each character's readings from a table made from pypinyin
(scripts/pinyin_table.py) instead of importing it (about 40 ms of every run that meets a
name no list knows). Here every line of the table is compared with the installed
pypinyin, and the keys of generated names (Chinese characters with several readings or
none, ASCII, characters outside the table) with the keys pypinyin itself gives, as
`pinyin_keys` made them before the table.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealerscreen.reference import nameforms
from dealerscreen.reference.nameforms import TABLE_RANGES, normalise, pinyin_keys

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pypinyin() -> object:
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    import pypinyin

    return pypinyin


def by_pypinyin(pypinyin: object, text: str) -> tuple[str, ...]:
    """`pinyin_keys` as it was before the table: pypinyin reads the whole name."""
    import unicodedata

    if not nameforms.has_cjk(text):
        return ()
    folded = unicodedata.normalize("NFKC", text)
    keys: list[str] = []
    for v_to_u in (False, True):
        readings = pypinyin.pinyin(  # type: ignore[attr-defined]
            folded,
            style=pypinyin.Style.NORMAL,  # type: ignore[attr-defined]
            heteronym=True,
            v_to_u=v_to_u,
        )
        combos = [""]
        for choices in readings:
            combos = [c + r for c in combos for r in dict.fromkeys(choices)][:32]
        keys.extend(normalise(c) for c in combos)
    return tuple(dict.fromkeys(k for k in keys if k))


def test_every_line_is_pypinyins(pypinyin: object) -> None:
    lines = nameforms._table()
    codes = [cp for first, last in TABLE_RANGES for cp in range(first, last + 1)]
    assert len(lines) == len(codes) + 1 and lines[-1] == ""  # one line each, and the end
    for cp in codes:
        char = chr(cp)
        (readings,) = pypinyin.pinyin(  # type: ignore[attr-defined]
            char,
            style=pypinyin.Style.NORMAL,
            heteronym=True,  # type: ignore[attr-defined]
        )
        line = lines[nameforms._line(cp)]  # type: ignore[index]
        assert (line.split(" ") if line else [char]) == readings, hex(cp)


# Heteronyms (重 行 乐 吕 厦 欸: ê), a character pypinyin has no reading for (㐂), a
# compatibility ideograph NFKC turns into another (豈), one it keeps (﨎), characters the
# table does not hold (〇 is Chinese to pypinyin, 𠀀 beyond the ranges, é, the middle
# dot, a full-width letter NFKC folds), ASCII letters (v, which ü is written as), digits,
# spaces and punctuation.
ALPHABET = "重行乐吕厦欸苏州杭拉萨市省长安㐂豈﨎〇𠀀é·Ａ vVuBMW1-'"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=8))
def test_keys_are_pypinyins(pypinyin: object, text: str) -> None:
    pinyin_keys.cache_clear()
    assert pinyin_keys(text) == by_pypinyin(pypinyin, text), text


def test_names_of_the_lists(pypinyin: object) -> None:
    """Every name and alias of the shipped reference lists reads as pypinyin reads it."""
    import yaml

    for path in sorted((ROOT / "criteria" / "reference").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            for text in (*entry["name"].values(), *entry.get("aliases", ())):
                pinyin_keys.cache_clear()
                assert pinyin_keys(text) == by_pypinyin(pypinyin, text), text


def test_a_pinyin_spelling_resolves_without_importing_pypinyin() -> None:
    """Resolving "Zhongqing" (重庆 read by 重's other reading), suggesting for 苏洲 and
    Suzou: no pypinyin in the process (it was imported for the first name read as pinyin)."""
    code = (
        "import sys, yaml\n"
        "from dealerscreen.reference.lists import ReferenceList, ReferenceListFile\n"
        f"path = {str(ROOT / 'criteria' / 'reference' / 'cities-xiaomi-2s-2025-illustrative.yaml')!r}\n"
        "cities = ReferenceList(ReferenceListFile.model_validate(yaml.safe_load(open(path, encoding='utf-8'))))\n"
        "assert cities.resolve('Zhongqing').id == 'chongqing'\n"
        "assert cities.suggest('苏洲') and cities.suggest('Suzou'), cities.suggest('Suzou')\n"
        "print(sorted(m for m in sys.modules if m.startswith('pypinyin')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]"], done.stdout
