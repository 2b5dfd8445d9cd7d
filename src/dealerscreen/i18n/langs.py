"""Which language to speak: `--lang` as people write it, else the locale of the environment.

`--lang` takes a language tag in any common spelling, case-insensitive: `zh`, `zh-CN`,
`zh_CN`, `zh-Hans`, `zh-Hans-CN`, `zh_CN.UTF-8`; `en`, `en-US`, `en_GB`. Without it the
POSIX locale variables decide, in POSIX order: `LC_ALL`, then `LC_MESSAGES`, then `LANG`,
the first one set and not empty; `C` and `POSIX` (and an unset environment) mean English.
Imports nothing but the standard library: the CLI calls it before any command runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeVar

Lang = Literal["en", "zh"]
SPOKEN: tuple[Lang, ...] = ("en", "zh")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
T = TypeVar("T")


def parse(tag: str) -> Lang | None:
    """The language a tag or a locale name asks for, or None when it is not one we speak.

    'zh-Hant' (traditional script) is still Chinese: the texts are in simplified
    characters, which a reader of traditional ones reads better than English.
    """
    base = tag.strip().split(".")[0].split("@")[0]  # zh_CN.UTF-8@pinyin -> zh_CN
    primary = base.replace("_", "-").split("-")[0].lower()
    if primary in ("c", "posix"):
        return "en"
    for lang in SPOKEN:
        if primary == lang:
            return lang
    return None


def from_environment(environ: Mapping[str, str]) -> Lang:
    """The language of the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set
    (an empty one counts as unset, as POSIX says); English when none is, or when it names
    a language we do not speak."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return parse(value) or "en"
    return "en"


def choose(option: str | None, environ: Mapping[str, str]) -> Lang:
    """`--lang` when given (ValueError when it is no language we speak), else the locale."""
    if option is None:
        return from_environment(environ)
    found = parse(option)
    if found is None or option.strip().lower() in ("c", "posix"):
        raise ValueError(option)
    return found


def localised(by_lang: Mapping[str, T | None], lang: str, base: T) -> T:
    """Data that exists in some languages only, in `lang`: its value for `lang` when the
    data has one (not empty), else `base`, the value as written (a city's `name_zh`:
    `localised({"zh": ev.city_name_zh}, lang, ev.city_name)`). The one place a view picks
    data by language; texts come from the catalogs, a language's ways from its catalog
    too (i18n/punctuation.py), so no view asks which language it is."""
    found = by_lang.get(lang)
    return base if found is None or found == "" else found
