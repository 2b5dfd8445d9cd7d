"""Who signs the letters and by when to reply: a letters settings file (`letters --settings`).

The team keeps it beside its criteria; nothing in it comes from an applicant::

    schema_version: 1
    department: {en: Channel Development Department, zh: 渠道拓展部}
    signatory: {en: "Li Na, Channel Development Manager", zh: 渠道拓展经理 李娜}
    contact: {en: "Li Na, +86 10 5555 0100, partners@example.com", zh: "李娜，+86 10 5555 0100，partners@example.com"}
    place: {en: Beijing, zh: 北京}
    reply_within_days: 14

Every text is one text or texts by language ({en: ..., zh: ...}). Without a file a letter
still has its sender block, with blank lines to fill in by hand before it is stamped
(department: the programme's recruitment team; no reply date is invented).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dealerscreen.models.numbers import NO_BOOL
from dealerscreen.models.problems import FatalError
from dealerscreen.yamlsource import SourceError, parse_yaml, validation_problems
from dealerscreen.yamlsource.sourcefile import read_text

SETTINGS_MAX_BYTES = 100_000

Words = str | dict[Literal["en", "zh"], str]


def in_lang(words: Words | None, lang: str) -> str | None:
    """The text for `lang`: the English one when there is none in that language."""
    if words is None or isinstance(words, str):
        return words
    return words.get(lang) or words.get("en") or next(iter(words.values()), None)  # type: ignore[call-overload]


class LetterSettings(BaseModel):
    """The sender block of every letter of a run."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    schema_version: Annotated[Literal[1], NO_BOOL] = Field(1, description="Always 1.")
    department: Words | None = Field(
        None, description="The department that sends the letters (default: the recruitment team)."
    )
    signatory: Words | None = Field(None, description="Who signs, with the role.")
    contact: Words | None = Field(None, description="Whom to write or call, and how.")
    place: Words | None = Field(None, description="Where the letters are written, before the date.")
    reply_within_days: Annotated[int, NO_BOOL] | None = Field(
        None, ge=1, le=365, description="Days from the letter's date to the reply deadline."
    )
    reply_by: date | None = Field(None, description="The reply deadline, when it is a fixed date.")

    def deadline(self, dated: date) -> date | None:
        if self.reply_by is not None:
            return self.reply_by
        if self.reply_within_days is not None:
            return dated + timedelta(days=self.reply_within_days)
        return None


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
