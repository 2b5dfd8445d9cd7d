"""Decision letters: what an applicant is told, in plain words, built from its decision.

Pure: a result, the model it was decided from and the what-if outlook in, a `Letter` out
(a title, a salutation, paragraphs and lists); `reporters/letter_format.py` writes it as
Markdown or HTML. A letter says:

- the decision: shortlisted, runner-up (with the city's quota and the applicant's place),
  or not eligible;
- at most `MAX_REASONS` principal reasons, ordered by their effect: the requirements not
  met (in the profile's order: each one alone shuts the applicant out); for a runner-up,
  the criteria where it fell furthest short of the full mark; for a shortlisted applicant,
  those that weighed most in its favour. Each names the fact read from the application
  (or that it is not stated) and the basis the rule rests on (its `source`: a published
  requirement with its date, a document, or the screening team's own weighting);
- that the decision is provisional, when it rests on statements a gate wants documents
  for, and which documents to send (#12);
- what the applicant could change, or send with evidence, to be reconsidered: the
  smallest single change the what-if search finds, and the facts it did not state;
- no points or weights unless asked (`with_points`).

Every sentence comes from the message catalogues (i18n.py) in the letter's language; field
names are the application form's labels (formfields.py); rule titles and gate reasons are
the profile's own words, in its translation. Chinese letters show a source by its key and
date, not by its (English) title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dealerscreen.criteria.basis import rationale_of
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.criteria.models import SourceRef
from dealerscreen.decide.whatif import Outlook
from dealerscreen.intake.formfields import LABELS
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import FieldPathError, resolve_field
from dealerscreen.models.result import CriterionResult, GateResult, Result
from dealerscreen.words.evidence_words import wanted_lines
from dealerscreen.words.explain import points
from dealerscreen.words.factwords import fact_value
from dealerscreen.words.labels import Messages
from dealerscreen.words.telling import how_separated, total_text

MAX_REASONS = 4


@dataclass(frozen=True)
class Letter:
    applicant_id: str
    title: str
    date: str
    salutation: str
    opening: list[str]
    reasons_heading: str
    reasons: list[tuple[str, str]]  # (the reason, its basis)
    change_heading: str
    changes: list[str]
    closing: list[str] = field(default_factory=list)
    signature: str = ""


def _key(path: str) -> str:
    """A field path as formfields.LABELS names it: list items as `[]`."""
    out, depth = [], 0
    for ch in path:
        if ch == "[":
            depth += 1
            out.append("[]")
        elif ch == "]":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def fact_label(path: str, lang: str) -> str:
    """The application form's name of a fact ('building area', '建筑面积'); the path else."""
    words = LABELS.get(_key(path))
    if words is None:
        return path
    text = (words[1] if lang == "zh" else words[0]).replace(" {n}", "").replace("{n}", "")
    return text if lang == "zh" else text[0].lower() + text[1:]


def _read(applicant: Applicant, path: str) -> Any:
    try:
        return resolve_field(Applicant, path).get(applicant)
    except (FieldPathError, AttributeError):
        return None


class LetterWriter:
    """Letters for one run, in one language."""

    def __init__(
        self, compiled: CompiledProfile, msgs: Messages, date: str, with_points: bool
    ) -> None:
        self.compiled = compiled
        self.msgs = msgs
        self.date = date
        self.with_points = with_points
        self._reads = {c.id: sorted(c.scoring.boundaries()) for c, _ in compiled.criteria}
        self._reads.update({g.id: sorted(g.condition.boundaries()) for g, _ in compiled.gates})

    def basis(
        self, source: str, basis: str | None = None, kind: str = "", rule_id: str = ""
    ) -> str:
        """What a reason rests on. A rule the team set (`basis: team`) says so, with its
        rationale, even when it cites a published article: the article names the
        requirement, the team chose the figure (3 stores, 1,000 customers). Only a gate's
        rationale is quoted: a criterion's speaks of weights, which a letter leaves out."""
        msgs = self.msgs
        ref: SourceRef | None = self.compiled.profile.sources.get(source)
        title = "" if ref is None or msgs.lang == "zh" else f": {ref.title}"
        if basis == "team":
            text = msgs("letter.basis.team", source=source, title=title)
            gate = kind == "gate" and rule_id
            why = rationale_of(self.compiled, kind, rule_id, msgs.lang) if gate else None
            return f"{text}{'' if msgs.lang == 'zh' else ' '}{why}" if why else text
        if ref is not None and ref.published is not None:
            return msgs("letter.basis.published", source=source, date=ref.published, title=title)
        if ref is not None and (ref.file or ref.url):
            return msgs("letter.basis.document", source=source, title=title)
        return msgs("letter.basis.team", source=source, title=title)

    def _stated(self, title: str, paths: list[str], applicant: Applicant) -> str:
        """'{title}: your application states 22 m' or 'does not state the street frontage'."""
        msgs = self.msgs
        sep = "、" if msgs.lang == "zh" else ", "
        stated = [p for p in paths if _read(applicant, p) is not None]
        if not stated:
            facts = sep.join(fact_label(p, msgs.lang) for p in paths)
            return msgs("letter.reason.missing", title=title, facts=facts)
        if len(paths) == 1:
            value = fact_value(paths[0], _read(applicant, paths[0]), msgs)
        else:  # a rule that reads several facts: each named
            value = sep.join(
                msgs(
                    "letter.named",
                    fact=fact_label(p, msgs.lang),
                    value=fact_value(p, _read(applicant, p), msgs),
                )
                for p in stated
            )
        return msgs("letter.reason.fact", title=title, value=value)

    def _gate(self, g: GateResult, applicant: Applicant) -> tuple[str, str]:
        msgs = self.msgs
        crit_id, _, required = g.id.partition(":")
        if required == "required":  # a criterion whose fact the profile requires
            crit = next(c for c, _ in self.compiled.criteria if c.id == crit_id)
            paths = self._reads.get(crit_id, [])
            return self._stated(crit.title, paths, applicant), self.basis(
                g.source, crit.basis, "criterion", crit.id
            )
        if g.missing:
            facts = ("、" if msgs.lang == "zh" else ", ").join(
                fact_label(p, msgs.lang) for p in g.missing
            )
            text = msgs("letter.reason.missing", title=g.title, facts=facts)
        else:
            text = msgs("letter.reason.gate", title=g.title, reason=g.reason.strip())
        return text, self.basis(g.source, g.basis, "gate", g.id)

    def _criterion(self, c: CriterionResult, applicant: Applicant) -> tuple[str, str]:
        paths = [c.fact] if c.fact else self._reads.get(c.id, [])
        text = self._stated(c.title, paths, applicant)
        if self.with_points:
            text += self.msgs("letter.points_of", points=points(c.points), max=points(c.max_points))
        return text, self.basis(c.source, c.basis, "criterion", c.id)

    def write(self, result: Result, applicant: Applicant, outlook: Outlook) -> Letter:
        msgs = self.msgs
        ev = result.evaluation
        city = msgs.city(ev)
        programme = self.compiled.profile.title
        name = msgs.name(ev)
        if not ev.eligible:
            failed = ev.failed_gates
            opening = [msgs("letter.ineligible", city=city, n=len(failed))]
            heading = msgs("letter.reasons.out")
            reasons = [self._gate(g, applicant) for g in failed[:MAX_REASONS]]
        elif result.shortlisted:
            opening = [msgs("letter.shortlisted", city=city), msgs("letter.next")]
            heading = msgs("letter.reasons.strengths")
            best = sorted(ev.criteria, key=lambda c: (-c.points, c.id))
            reasons = [self._criterion(c, applicant) for c in best[:MAX_REASONS] if c.points > 0]
        else:
            opening = [
                msgs(
                    "letter.runner_up",
                    city=city,
                    places=(
                        msgs("letter.places.one")
                        if result.city_quota == 1
                        else msgs("letter.places", n=result.city_quota)
                    ),
                    ordinal=msgs.ordinal(result.city_rank or 0),
                )
            ]
            sep = result.separation
            if sep is not None and sep.other_above:  # what separated it, naming no one
                if sep.unbroken:
                    opening.append(msgs("letter.sep.unbroken", city=city))
                elif self.with_points:
                    opening.append(msgs("letter.sep", city=city, how=how_separated(sep, ev, msgs)))
                elif sep.tied_on:  # a tie: said without the points a letter leaves out
                    opening.append(msgs("letter.sep.tie", city=city))
            heading = msgs("letter.reasons.short")
            lost = sorted(
                (c for c in ev.criteria if c.points < c.max_points),
                key=lambda c: (c.points - c.max_points, c.id),
            )
            reasons = [self._criterion(c, applicant) for c in lost[:MAX_REASONS]]
        if self.with_points and ev.eligible:
            tier = msgs.tier(self.compiled, ev.tier)
            opening.append(msgs("letter.total", total=total_text(ev, msgs), tier=tier))
        if ev.provisional:
            docs = ("；" if msgs.lang == "zh" else "; ").join(wanted_lines(ev, msgs))
            opening += [msgs("letter.provisional"), msgs("letter.send", docs=docs)]
        return Letter(
            applicant_id=ev.applicant_id,
            title=msgs("letter.subject", programme=programme, id=ev.applicant_id, city=city),
            date=msgs("letter.date", date=self.date),
            salutation=msgs("letter.dear", name=name),
            opening=opening,
            reasons_heading=heading,
            reasons=reasons,
            change_heading=msgs("letter.change.heading"),
            changes=self._changes(result, applicant, outlook),
            closing=[msgs("letter.closing")],
            signature=msgs("letter.signature", programme=programme),
        )

    def _changes(self, result: Result, applicant: Applicant, outlook: Outlook) -> list[str]:
        """The smallest single change found, then the facts the application left out."""
        msgs = self.msgs
        ev = result.evaluation
        out: list[str] = []
        change = outlook.change
        if change is not None:
            fact = fact_label(change.fact, msgs.lang)
            old = (
                fact_value(change.fact, change.old, msgs)
                if change.old is not None
                else msgs("letter.not_stated")
            )
            new = fact_value(change.fact, change.new, msgs)
            key = "letter.change.eligible" if change.became_eligible else "letter.change.tier"
            out.append(msgs(key, fact=fact, old=old, new=new))
        elif not outlook.top_tier and not result.shortlisted:
            out.append(msgs("letter.change.none"))
        sep = "、" if msgs.lang == "zh" else ", "
        missing: list[str] = []
        for c in ev.criteria:
            if c.missing_policy is None:
                continue
            for p in self._reads.get(c.id, []):
                label = fact_label(p, msgs.lang)
                if _read(applicant, p) is None and label not in missing:
                    missing.append(label)
        if missing:
            out.append(msgs("letter.evidence", facts=sep.join(missing)))
        return out
