"""The forms one name is written in: folded keys, administrative suffixes, pinyin.

People write 苏州 as 苏州市, Suzhou City, ＳＵＺＨＯＵ or Sūzhōu. `normalise` folds width,
case, tone marks and spacing into one key; `bare` also drops a trailing administrative
word (市, 省, Municipality, City, Shi, Province, Sheng); `pinyin_keys` reads a Chinese name
as toneless pinyin, so "Chongqing" and "Biyadi" find 重庆 and 比亚迪.

pypinyin is imported only when a pinyin form is first needed, and without its phrase
dictionary (see `_pinyin`): a name every list knows never pays for it, and
`reads_as_pinyin` keeps an English group name that no list knows from paying for it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from typing import Any

_FOLD = re.compile(r"[\s\-_'’.·•]+")
_MARKS = re.compile(r"[\u0300-\u036f]")  # Latin combining marks only: kana keep their dakuten
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A trailing administrative word, as its own word: "Huangshi" is a city, not "Huang" + 市.
_LATIN_SUFFIX = re.compile(
    r"[\s\-_'’.·•,]+(?:municipality|city|shi|province|sheng)[\s.]*$", re.IGNORECASE
)
# 市 or 省 after at least two characters: 沙市 stays whole.
_CJK_SUFFIX = re.compile(r"(?<=\S\S)\s*[市省]\s*$")
_TONE_DIGITS = re.compile(r"(?<=[a-z])[1-5]")

_INITIALS = ["", *"bpmfdtnlgkhjqxrzcsyw", "zh", "ch", "sh"]
_FINALS = "a o e i u v ai ei ui ao ou iu ie ue ve er an en in un vn ang eng ing ong"
_FINALS += " ia iao ian iang iong ua uo uai uan uang"
# Every initial with every final: a superset of real syllables, which is all a filter needs.
_SYLLABLES = frozenset(i + f for i in _INITIALS for f in _FINALS.split())
_PINYIN_MAX = 40  # longer than any place or brand written in pinyin


def _fold_width_case_marks(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", folded)))
    return folded


def normalise(text: str) -> str:
    """The key aliases are matched on: width, case and tone marks folded, without spaces
    or dashes. So "Xi'an", "XIAN", "Xī'ān" and "xi an" are one key, as are full-width and
    half-width forms."""
    return _FOLD.sub("", _fold_width_case_marks(text))


def bare(text: str) -> str | None:
    """`normalise(text)` without a trailing administrative word, or None when it has none.

    "Chongqing Municipality" -> "chongqing", "苏州市" -> "苏州", "Huangshi" -> None.
    """
    folded = _fold_width_case_marks(text).strip()
    for suffix in (_LATIN_SUFFIX, _CJK_SUFFIX):
        stripped = suffix.sub("", folded)
        if stripped != folded and stripped:
            return _FOLD.sub("", stripped)
    return None


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def untoned(key: str) -> str:
    """A folded key without tone numbers after letters: "xi1an1" -> "xian"."""
    return _TONE_DIGITS.sub("", key)


def reads_as_pinyin(key: str) -> bool:
    """Whether a folded Latin key splits into pinyin syllables ("suzhou", "xian"), so that
    it may be a pinyin spelling; "someregionalmotors" does not. Linear: one pass that
    marks where a syllable can end, never a backtracking regex."""
    n = len(key)
    if not 0 < n <= _PINYIN_MAX or not key.isascii() or not key.isalpha():
        return False
    ends = [True] + [False] * n
    for i in range(n):
        if ends[i]:
            for size in range(1, 7):
                if i + size <= n and key[i : i + size] in _SYLLABLES:
                    ends[i + size] = True
    return ends[n]


_READINGS_MAX = 32  # combinations of a name's readings kept: heteronyms multiply


def _pinyin() -> Any:
    """pypinyin without its phrase dictionary: loading that costs 0.6 s and 58 MB in every
    process that meets an unknown name. A name's every reading is taken from the
    character table instead (heteronyms), so 重庆 still reads chongqing and 厦门 xiamen,
    among the others. `setdefault`: a setting the user made is left as it is."""
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
    import pypinyin

    return pypinyin


@lru_cache(maxsize=4096)
def pinyin_keys(text: str) -> tuple[str, ...]:
    """Toneless pinyin keys of a name's Chinese characters, every reading of each (a
    heteronym such as 重 gives chongqing and zhongqing), with ü written u and v ("lvliang"
    and "luliang" for 吕梁); () when it has none."""
    if not has_cjk(text):
        return ()
    pypinyin = _pinyin()
    folded = unicodedata.normalize("NFKC", text)
    keys: list[str] = []
    for v_to_u in (False, True):
        readings = pypinyin.pinyin(
            folded, style=pypinyin.Style.NORMAL, heteronym=True, v_to_u=v_to_u
        )
        combos = [""]
        for choices in readings:
            combos = [c + r for c in combos for r in dict.fromkeys(choices)][:_READINGS_MAX]
        keys.extend(normalise(c) for c in combos)
    return tuple(dict.fromkeys(k for k in keys if k))
