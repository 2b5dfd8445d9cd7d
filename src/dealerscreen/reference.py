"""Reference lists: cities, brands, dealer groups, each entry with names and aliases.

Applicant files say 苏州 or Suzhou, 宝马 or BMW: both resolve to one entry here, so a rule
never has to list spellings. Lists live in their own YAML files so profiles share them.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

RESOLVED_MAX = 50_000  # remembered spellings per list
_FOLD = re.compile(r"[\s\-_'’.·•]+")


def normalise(text: str) -> str:
    """The key aliases are matched on: width-folded, case-folded, without spaces or dashes.

    So "Xi'an", "XIAN" and "xi an" are one key, as are full-width and half-width forms.
    """
    return _FOLD.sub("", unicodedata.normalize("NFKC", text).casefold())


class RefEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id of the entry.")
    name: dict[str, str] = Field(
        description="Display names by language code; 'en' is required, 'zh' recommended."
    )
    aliases: list[str] = Field(default_factory=list, description="Other spellings that match.")
    tags: list[str] = Field(
        default_factory=list, description="Classes the entry belongs to (e.g. luxury, nev)."
    )
    attrs: dict[str, str | int | float | bool] = Field(
        default_factory=dict, description="Other facts of the entry (province, rank, ...)."
    )

    def display(self, lang: str = "en") -> str:
        return self.name.get(lang) or self.name.get("en") or self.id


class ReferenceListFile(BaseModel):
    """A reference-list file under criteria/."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = Field(1, description="Version of this file format; 1.")
    kind: str = Field(
        "reference-list", pattern="^reference-list$", description="Always 'reference-list'."
    )
    id: str = Field(description="Id of the list.")
    title: str = Field(description="What the list is.")
    year: int | None = Field(None, description="Year the list describes, if any.")
    source: str = Field(description="Where the list comes from.")
    illustrative: bool = Field(
        False,
        description="True when the entries are made up to show the mechanism, not real data. "
        "Reports say so wherever such a list decided something.",
    )
    closed: bool = Field(
        False,
        description="True when the list names every value an applicant should write (every "
        "car brand; a programme's cities): a name not on it then gets a located warning with "
        "the closest names. False for lists that select among many (top-100 groups), where a "
        "name not on the list is an ordinary answer.",
    )
    notes: str | None = Field(None, description="Anything a reader of the list should know.")
    entries: list[RefEntry] = Field(description="The entries.")


@dataclass(frozen=True)
class AliasCollision:
    key: str
    first: str
    second: str


class ReferenceList:
    """A loaded list with its alias index."""

    def __init__(self, spec: ReferenceListFile) -> None:
        self.spec = spec
        self.by_id = {e.id: e for e in spec.entries}
        self._index: dict[str, RefEntry] = {}
        self.collisions: list[AliasCollision] = []
        self._suggestions: dict[tuple[str, int, float], list[str]] = {}
        # raw text -> entry: a batch repeats a few hundred spellings, and normalising
        # (NFKC, casefold, a regex) costs more than the rule that asks
        self._resolved: dict[str, RefEntry | None] = {}
        for entry in spec.entries:
            for text in (entry.id, *entry.name.values(), *entry.aliases):
                key = normalise(text)
                other = self._index.get(key)
                if other is not None and other.id != entry.id:
                    self.collisions.append(AliasCollision(text, other.id, entry.id))
                    continue
                self._index[key] = entry

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def illustrative(self) -> bool:
        return self.spec.illustrative

    def resolve(self, text: str) -> RefEntry | None:
        try:
            return self._resolved[text]
        except KeyError:
            entry = self._index.get(normalise(text))
            if len(self._resolved) < RESOLVED_MAX:  # bounded: free text must not grow it
                self._resolved[text] = entry
            return entry

    def suggest(self, text: str, n: int = 3, cutoff: float = 0.6) -> list[str]:
        """The closest known names, for "did you mean" messages.

        Matched against every name and alias (so 苏洲 finds 苏州), shown by English name.
        Cached: difflib is slow, and a batch repeats the same unknown names.
        """
        key = (normalise(text), n, cutoff)
        cached = self._suggestions.get(key)
        if cached is None:
            cached = self._suggestions[key] = self._suggest(text, n, cutoff)
        return list(cached)

    def _suggest(self, text: str, n: int, cutoff: float) -> list[str]:
        close = difflib.get_close_matches(
            normalise(text), sorted(self._index), n=n * 3, cutoff=cutoff
        )
        shown: list[str] = []
        for key in close:
            name = self._index[key].display("en")
            if name not in shown:
                shown.append(name)
        return shown[:n]

    def tags(self) -> set[str]:
        return {t for e in self.spec.entries for t in e.tags}
