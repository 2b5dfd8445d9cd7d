"""The words rule kinds use to explain a decision, in English and Chinese.

A rule picks its language when it compiles (the profile is compiled for one `--lang`), so
explanations cost no more per applicant. Field paths, list names and numbers stay as they
are: they are identifiers a reader finds in the applicant file. Both catalogues must have
the same keys and placeholders (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dealerscreen import lazytext
from dealerscreen.fields import show

EN: dict[str, str] = {
    "missing": "{path} is missing",
    "missing_needs": "{path} is missing (needs {sym} {wanted})",
    "needs": "{path} = {fact} (needs {sym} {wanted})",
    "list_missing": "{path} is missing (needs an entry of {what})",
    "not_in_list": "{path} = {fact} is not in {list}{hint}",
    "closest": " (did you mean {names}?)",
    "not_tagged": "{path} = {fact} ({name}) is not tagged {tag}",
    "in_list": "{path} = {shown} is in {what}",
    "listed": "{path} = {shown}: {attr} {found} on {list} (needs {op} {value})",
    "not_given": "{path} is not given",
    "given": "{path} is given",
    "none_holds": "none holds: {text}",
    "negated": "not: {text}",
    "items_match": "{path}: {n} of {total} items match (needs {need})",
    "items_nearest": "{path}: no item qualifies (needs {need}); nearest: {text}",
    "items": "{path}: {text}",
    "band": "{path} = {fact} in band {band}",
    "no_band": "{path} = {fact} is in no band",
    "any_value": "any value",
    "step": "{path} = {fact} {sym} {at}",
    "no_step": "{path} = {fact} reaches no step",
    "lookup": "{path} = {fact}",
    "not_in_table": "{path} = {fact} (not in table)",
    "scale": "{path} = {fact} on a scale {lo} → {hi}",
    "case": "{label}: {text}",
    "no_case": "no case holds",
    "op_in": "in",
    "op_not_in": "not in",
    "yes": "yes",
    "no": "no",
}

ZH: dict[str, str] = {
    "missing": "{path} 未填写",
    "missing_needs": "{path} 未填写（要求 {sym} {wanted}）",
    "needs": "{path} = {fact}（要求 {sym} {wanted}）",
    "list_missing": "{path} 未填写（须为 {what} 中的一项）",
    "not_in_list": "{path} = {fact} 不在 {list} 中{hint}",
    "closest": "（是否指：{names}？）",
    "not_tagged": "{path} = {fact}（{name}）不属于 {tag}",
    "in_list": "{path} = {shown} 属于 {what}",
    "listed": "{path} = {shown}：{list} 中的 {attr} 为 {found}（要求 {op} {value}）",
    "not_given": "{path} 未填写",
    "given": "{path} 已填写",
    "none_holds": "均不满足：{text}",
    "negated": "非：{text}",
    "items_match": "{path}：{n}/{total} 项符合（需要 {need} 项）",
    "items_nearest": "{path}：没有符合的项（需要 {need} 项）；最接近的一项：{text}",
    "items": "{path}：{text}",
    "band": "{path} = {fact}，位于区间 {band}",
    "no_band": "{path} = {fact} 不在任何区间",
    "any_value": "任意值",
    "step": "{path} = {fact} {sym} {at}",
    "no_step": "{path} = {fact} 未达到任何档位",
    "lookup": "{path} = {fact}",
    "not_in_table": "{path} = {fact}（不在表中）",
    "scale": "{path} = {fact}，按 {lo} → {hi} 线性计分",
    "case": "{label}：{text}",
    "no_case": "无匹配情形",
    "op_in": "属于",
    "op_not_in": "不属于",
    "yes": "是",
    "no": "否",
}

CATALOGUES = {"en": EN, "zh": ZH}


def _render(lang: str, key: str, values: dict[str, Any]) -> str:
    """A lazy phrase (see lazytext.py) in words; a value named ``fact`` is shown as written."""
    if "text" in values:
        values = {**values, "text": lazytext.text_of(values["text"])}
    if "fact" in values:
        values = {**values, "fact": Phrases(lang).show(values["fact"])}
    return CATALOGUES.get(lang, EN)[key].format(**values)


lazytext.render_phrase = _render
# One tag object per phrase, so that a pickle of many lazy texts writes each tag once.
TAGS = {lang: {key: f"{lang}:{key}" for key in cat} for lang, cat in CATALOGUES.items()}


@dataclass(frozen=True)
class Phrases:
    lang: str = "en"

    def __call__(self, key: str, **values: Any) -> str:
        return CATALOGUES.get(self.lang, EN)[key].format(**values)

    def later(self, key: str, **values: Any) -> tuple[str, dict[str, Any]]:
        """The phrase, formatted when read (a value named ``fact`` is shown by `show`, one
        named ``text`` is a `Text`)."""
        return (TAGS.get(self.lang, TAGS["en"])[key], values)

    def show(self, value: Any) -> str:
        """A fact as a reader writes it, with yes/no in the reader's language."""
        if isinstance(value, bool):
            return self("yes" if value else "no")
        return show(value)
