"""Who signs the letters and by when to reply: a letters settings file (`letters --settings`).

The team keeps it beside its criteria; nothing in it comes from an applicant::

    schema_version: 1
    department: {en: Channel Development Department, zh: 渠道拓展部}
    signatory: {en: "Li Na, Channel Development Manager", zh: 渠道拓展经理 李娜}
    contact: {en: "Li Na, +86 10 5555 0100, partners@example.com", zh: "李娜，+86 10 5555 0100，partners@example.com"}
    place: {en: Beijing, zh: 北京}
    reply_within_days: 14

Every text is one text or texts by language ({en: ...}, {zh: ...}). The same fields may
stand in the profile's `letters:` section (criteria/models.py `Letters`), so a programme's
letters are signed the same way in every run; a settings file overrides it field by field,
and its deadline (`reply_by` or `reply_within_days`) replaces the profile's as one.
Without either, a letter still has its sender block, with blank lines to fill in by hand
before it is stamped (department: the programme's recruitment team; no reply date is
invented).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationError

from dealerscreen.criteria.models import Letters, Words
from dealerscreen.models.numbers import NO_BOOL
from dealerscreen.models.problems import FatalError
from dealerscreen.yamlsource import SourceError, parse_yaml, validation_problems
from dealerscreen.yamlsource.sourcefile import read_text

SETTINGS_MAX_BYTES = 100_000
DEADLINE = ("reply_by", "reply_within_days")


def in_lang(words: Words | None, lang: str) -> str | None:
    """The text for `lang`: the English one when there is none in that language."""
    if words is None or isinstance(words, str):
        return words
    return words.get(lang) or words.get("en") or next(iter(words.values()), None)  # type: ignore[call-overload]


class LetterSettings(Letters):
    """A letters settings file: the profile's `letters` fields, with a version."""

    schema_version: Annotated[Literal[1], NO_BOOL] = Field(1, description="Always 1.")


def sender_of(profile: Letters | None, file: Letters | None) -> Letters:
    """The sender block of a run: the settings file's fields over the profile's."""
    fields = profile.model_dump(exclude_unset=True) if profile is not None else {}
    if file is not None:
        own = file.model_dump(exclude_unset=True, exclude={"schema_version"})
        if any(key in own for key in DEADLINE):
            for key in DEADLINE:
                fields.pop(key, None)
        fields.update(own)
    return Letters.model_validate(fields)


def load_settings(path: str) -> LetterSettings:
    """The settings file read and checked; FatalError with located problems if it is not valid."""
    try:
        doc = parse_yaml(read_text(path, SETTINGS_MAX_BYTES).text, path)
    except SourceError as exc:
        raise FatalError([exc.problem]) from None
    try:
        return LetterSettings.model_validate(doc.data)
    except ValidationError as exc:
        raise FatalError(sorted(validation_problems(doc, exc, LetterSettings))) from None
