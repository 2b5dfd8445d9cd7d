"""Reference lists: cities, brands, dealer groups, each entry with names and aliases.

Applicant files say 苏州 or Suzhou, 宝马 or BMW: both resolve to one entry here, so a rule
never has to list spellings. Lists live in their own YAML files so profiles share them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from dealerscreen.models.numbers import AS_WRITTEN
from dealerscreen.reference.nameforms import has_cjk, normalise
from dealerscreen.reference.nameindex import NameIndex

RESOLVED_MAX = 50_000  # remembered spellings per list


class RefEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable id of the entry.")
    name: dict[str, str] = Field(
        description="Display names by language code; 'en' is required, 'zh' recommended."
    )
    aliases: list[str] = Field(default_factory=list, description="Other spellings that match.")
    tags: list[str] = Field(
        default_factory=list, description="Classes the entry belongs to (e.g. luxury, nev)."
    )
    attrs: dict[str, Annotated[str | int | float | bool, AS_WRITTEN]] = Field(
        default_factory=dict, description="Other facts of the entry (province, rank, ...)."
    )

    def display(self, lang: str = "en") -> str:
        return self.name.get(lang) or self.name.get("en") or self.id


class ReferenceListFile(BaseModel):
    """A reference-list file under criteria/."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    schema_version: Annotated[int, AS_WRITTEN] = Field(
        1, description="Version of this file format; 1."
    )
    kind: str = Field(
        "reference-list", pattern="^reference-list$", description="Always 'reference-list'."
    )
    id: str = Field(description="Id of the list.")
    title: str = Field(description="What the list is.")
    year: Annotated[int | None, AS_WRITTEN] = Field(
        None, description="Year the list describes, if any."
    )
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
        self._suggestions: dict[str, list[RefEntry]] = {}
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
        # The forms beyond the exact key (suffixes, pinyin), for misses only.
        self.forms = NameIndex(
            (e.id, text) for e in spec.entries for text in (*e.name.values(), *e.aliases)
        )

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def illustrative(self) -> bool:
        return self.spec.illustrative

    def resolve(self, text: str) -> RefEntry | None:
        """The entry `text` names, however it is written (see `dealerscreen.reference.nameindex`);
        None when no entry or more than one could be meant."""
        try:
            return self._resolved[text]
        except KeyError:
            entry = self._index.get(normalise(text))
            if entry is None:
                ids = self.forms.resolve(text)
                entry = self.by_id[next(iter(ids))] if len(ids) == 1 else None
            if len(self._resolved) < RESOLVED_MAX:  # bounded: free text must not grow it
                self._resolved[text] = entry
            return entry

    def suggest_entries(self, text: str, n: int = 3) -> list[RefEntry]:
        """The entries `text` may have meant, best first, for "did you mean" messages.

        By characters and by pinyin, against every name and alias: 苏洲 and Suzou find
        苏州. Cached per spelling: a batch repeats the same unknown names.
        """
        cached = self._suggestions.get(text)
        if cached is None:
            cached = [self.by_id[i] for i in self.forms.suggest(text)]
            if len(self._suggestions) < RESOLVED_MAX:
                self._suggestions[text] = cached
        return cached[:n]

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """`suggest_entries` as shown to the writer: by the name in the writer's script,
        with the other name beside it ("Suzhou (苏州)", "苏州 (Suzhou)")."""
        lang = "zh" if has_cjk(text) else "en"  # the list's names are in these two
        shown = []
        for entry in self.suggest_entries(text, n):
            first = entry.display(lang)
            second = next((name for code, name in entry.name.items() if code != lang), None)
            shown.append(f"{first} ({second})" if second and second != first else first)
        return shown

    def exact_keys(self) -> set[str]:
        """The folded keys of every id, name and alias: what resolves before any other form."""
        return set(self._index)

    def tags(self) -> set[str]:
        return {t for e in self.spec.entries for t in e.tags}
