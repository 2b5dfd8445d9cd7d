"""`in_list`: the fact names an entry of a reference list (aliases count).

With ``tag``, the entry must also carry that tag (a brand tagged ``luxury``). Unknown when
the fact is missing.

Passes::

    kind: in_list
    field: target.city
    list: cities
    # given {target: {city: 苏州}}: passes    (an alias of Suzhou)

Passes (only the entries tagged phase-1 count)::

    kind: in_list
    field: target.city
    list: cities
    tag: phase-1
    # given {target: {city: Suzhou}}: passes

Fails::

    kind: in_list
    field: target.city
    list: cities
    # given {target: {city: Lhasa}}: fails
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from dealerscreen.i18n.checktext import message
from dealerscreen.models.lazytext import Text
from dealerscreen.rules.base import (
    FACTS,
    VALUE,
    BindContext,
    BindError,
    CondFn,
    ConditionKind,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    Rule,
    Traced,
)


class InList(ConditionKind):
    kind: Literal["in_list"] = Field(description="Membership of a fact in a reference list.")
    field: str = Field(description="Dotted path of the applicant fact (a name).")
    list: str = Field(description="Name of a reference list declared in the profile.")
    tag: str | None = Field(None, description="Only entries with this tag count.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        ref = ctx.field(self.field, loc)
        ref_list = ctx.reference(self.list, loc)
        tag = self.tag
        if tag is not None and tag not in ref_list.tags():
            known = ", ".join(sorted(ref_list.tags())) or "none"
            raise BindError(
                (*loc, "tag"),
                message("unknown-tag", list=self.list, tag=tag, known=known),
                "unknown-tag",
            )
        used = ctx.used_entries.setdefault(self.list, set())
        used.update(e.id for e in ref_list.spec.entries if tag is None or tag in e.tags)
        say = ctx.say
        path, list_name = self.field, say.show(self.list)  # a list's name in words (zh)
        what = say("list_tag", list=list_name, tag=say.show(tag)) if tag else list_name

        def decide(applicant: Any) -> bool | None:
            fact = ref.get(applicant)
            if fact is None:
                return None
            entry = ref_list.resolve(str(fact))
            return entry is not None and (tag is None or tag in entry.tags)

        def trace(applicant: Any) -> Traced:
            return (decide(applicant), (ref.get(applicant),), None, ())

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            value = traced[VALUE]
            if value is None:
                return say.later("list_missing", path=path, what=what), (path,)
            fact = traced[FACTS][0]
            entry = ref_list.resolve(str(fact))
            if entry is None:
                close = ref_list.suggest(str(fact), n=2)
                hint = say("closest", names=say("list_sep").join(close)) if close else ""
                text = say.later(
                    "not_in_list", path=path, fact=str(fact), list=list_name, hint=hint
                )
                return text, ()
            if not value:  # listed, without the tag
                text = say.later(
                    "not_tagged",
                    path=path,
                    fact=str(fact),
                    name=entry.display(),
                    tag=say.show(tag),
                )
                return text, ()
            name = entry.display()
            shown = fact if name == fact else say("named", fact=fact, name=name)
            return say.later("in_list", path=path, shown=shown, what=what), ()

        return Rule(decide, trace, words, (path,))

    def boundaries(self) -> Facts:
        return {self.field: set()}

    def stepwise(self) -> bool:
        return False  # the verdict changes at the list's entries, not at boundaries

    @classmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        """With a tag, any entry of the list counted; without, none (the list is data)."""
        if data.get("tag"):
            yield from m.set(loc, "tag", None, f"any entry, not only tag {data['tag']}")
