"""Explanation text formatted only when read.

Scoring 100,000 applicants formats a dozen explanations each, and a report shows a few of
them: so rules return a lazy text and the result records format it on first read.

A lazy text is a plain tuple, ``(tag, values)``: ``tag`` is ``"lang:key"`` of a phrase in
rules/phrases.py and ``values`` a dict of its placeholders; or ``("", part, part, ...)``:
texts joined by "; ". Plain tuples and dicts of strings and numbers, not objects, because
the garbage collector stops tracking those (objects of a class of ours it would traverse
on every collection: that cost more than the formatting saved) and pickle writes them
natively. No dependencies: result records import this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

Text = str | tuple[Any, ...]  # what Outcome.text, Points.text and result details hold

# Set by rules/phrases.py: (lang, key, values) -> str. A hook, so that result records do
# not import the phrase catalogues (and through them pydantic) to be unpickled.
render_phrase: Callable[[str, str, dict[str, Any]], str] | None = None
# Also set there: the separator of joined texts by language ("; ", in Chinese "；").
separators: dict[str, str] = {}


def _lang_of(parts: tuple[Any, ...]) -> str:
    """The language of joined texts: that of their first phrase."""
    for part in parts:
        if type(part) is tuple:
            tag = part[0]
            return tag.split(":", 1)[0] if tag else _lang_of(part[1:])
    return "en"


def text_of(text: Text) -> str:
    if type(text) is str:
        return text
    tag = text[0]
    if not tag:
        parts: tuple[Any, ...] = tuple(text[1:])
        return separators.get(_lang_of(parts), "; ").join(map(text_of, parts))
    if render_phrase is None:  # a lazy text is made by a rule, and rules import phrases
        raise RuntimeError("no phrase catalogue is registered (import dealerscreen.rules)")
    lang, key = tag.split(":", 1)
    values: dict[str, Any] = text[1]  # type: ignore[assignment]
    return render_phrase(lang, key, values)


def joined(parts: list[Text]) -> Text:
    """Texts joined by "; ", when read."""
    return parts[0] if len(parts) == 1 else ("", *parts)


class LazyText:
    """A dataclass field holding a `Text` that reads as a `str` (formatted once, on first read).

    Set through the dataclass's ``__init__`` (which a frozen dataclass does with
    ``object.__setattr__``, so this data descriptor sees it); no default.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> LazyText: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> str: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> str | LazyText:
        if obj is None:
            raise AttributeError(self.slot)  # tells dataclasses: no default
        value = obj.__dict__[self.slot]
        if type(value) is not str:
            value = obj.__dict__[self.slot] = text_of(value)
        return value

    def __set__(self, obj: object, value: Text) -> None:
        obj.__dict__[self.slot] = value
