"""Names an applicant wrote that the profile's reference lists do not know.

A city or brand is free text (苏州, Suzhou, Soochow); a rule looks it up in a reference
list. A name no list knows is not an error (the rules decide what it means: a city gate
fails, a brand earns nothing), but it is often a typo, and a silent "not a luxury brand"
would hide it. So each unknown name is a warning at its line and column, with "did you
mean" and the entries it may be (by characters and by pinyin: `dealerscreen.reference.nameindex`).
A name is unknown only when no written form of it resolves: 重庆市 and "Chongqing
Municipality" are Chongqing; 苏洲 is a typo, suggested, never resolved.

Which fields hold names, and in which list, is read from the profile itself: every
`in_list` rule (inside `any_item`, for each item of the list field) and the profile's
`city_list` for `target.city`. No field or list is named in code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.i18n.problemtext import say
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import Loc, Message, Value
from dealerscreen.rules.any_item import AnyItem
from dealerscreen.rules.in_list import InList

EACH = "[]"  # a path step meaning "each item of this list"


@dataclass(frozen=True, order=True)
class NameField:
    path: tuple[str, ...]  # attribute names, with EACH for the items of a list field
    list_name: str


@dataclass(frozen=True)
class UnknownName:
    loc: Loc  # where in the applicant, as a pydantic-style location
    message: Message
    suggested: tuple[str, ...] = ()  # ids of the entries it may mean, best first


def _walk(spec: Any, prefix: tuple[str, ...]) -> Iterator[NameField]:
    if isinstance(spec, InList):
        yield NameField((*prefix, *spec.field.split(".")), spec.list)
    elif isinstance(spec, AnyItem):
        yield from _walk(spec.where, (*prefix, *spec.field.split("."), EACH))
    elif isinstance(spec, BaseModel):
        for name in type(spec).model_fields:
            yield from _walk(getattr(spec, name), prefix)
    elif isinstance(spec, list | tuple):
        for item in spec:
            yield from _walk(item, prefix)
    elif isinstance(spec, dict):
        for item in spec.values():
            yield from _walk(item, prefix)


def name_fields(compiled: CompiledProfile) -> list[NameField]:
    """Every (field, list) pair the profile looks names up in, once each."""
    profile = compiled.profile
    found = set(_walk([profile.gates, profile.criteria, profile.bonuses, profile.checks], ()))
    if profile.city_list is not None and compiled.cities is not None:
        found.add(NameField(("target", "city"), profile.city_list))
    return sorted(found)


def _values(obj: Any, path: tuple[str, ...]) -> list[tuple[Loc, Any]]:
    """The values at a path (EACH: every item), with their locations. A loop, not a
    recursive generator: it runs for every applicant of a batch."""
    found: list[tuple[Loc, Any]] = [((), obj)]
    for step in path:
        deeper: list[tuple[Loc, Any]] = []
        for loc, value in found:
            if step == EACH:
                deeper.extend(((*loc, i), item) for i, item in enumerate(value or ()))
            else:
                inner = getattr(value, step, None)
                if inner is not None:
                    deeper.append(((*loc, step), inner))
        found = deeper
    return found


def _plain_values(obj: Any, path: tuple[str, ...]) -> list[Any]:
    """`_values` without locations: what a batch checks first, since names are known."""
    found = [obj]
    for step in path:
        if step == EACH:
            found = [item for value in found for item in (value or ())]
        else:
            found = [x for value in found if (x := getattr(value, step, None)) is not None]
    return found


def unknown_names(
    compiled: CompiledProfile, applicant: Applicant, fields: list[NameField] | None = None
) -> list[UnknownName]:
    out: dict[Loc, UnknownName] = {}
    references = compiled.loaded.references
    for nf in fields if fields is not None else name_fields(compiled):
        ref = references.get(nf.list_name)
        # Only a closed list makes an unknown name suspicious: a city outside the
        # recruitment list or a group outside the top 100 is an answer, not a typo.
        if ref is None or not ref.spec.closed:
            continue
        if all(
            not isinstance(v, str) or ref.resolve(v) is not None
            for v in _plain_values(applicant, nf.path)
        ):
            continue  # the common case, without building a location for every name
        for loc, value in _values(applicant, nf.path):
            if not isinstance(value, str) or ref.resolve(value) is not None or loc in out:
                continue
            close = ref.suggest(value)
            said = (
                say(
                    "unknown-name.hint",
                    value=repr(value),
                    list=nf.list_name,
                    names=" or ".join(close),
                )
                if close
                else say("unknown-name", value=repr(value), list=nf.list_name)
            )
            out[loc] = UnknownName(
                loc,
                said,
                tuple(e.id for e in ref.suggest_entries(value)),
            )
    return [out[k] for k in sorted(out, key=str)]


class UnknownCity(ValueError):
    """A city asked for (`--city`) that the profile's city list does not know."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.english())
        self.message = message


def wanted_city(compiled: CompiledProfile, text: str) -> str:
    """The city id a user's `--city` means. Raises UnknownCity, with the closest names (or
    every city when none is close), rather than let a typo select nothing."""
    cities = compiled.cities
    if cities is None:  # a profile without a city list compares the city as written
        return text
    entry = cities.resolve(text)
    if entry is not None:
        return entry.id
    close = cities.suggest(text)
    if close:
        names: Value = close[-1]
        for name in reversed(close[:-1]):  # "a or b or c", in the reader's words
            names = say("city.or", first=name, rest=names)
        hint = say("city.hint", names=names)
    else:
        hint = say("city.all", names=", ".join(e.display() for e in cities.spec.entries))
    profile = compiled.profile.id
    raise UnknownCity(say("city.unknown", text=repr(text), profile=profile, hint=hint))
