"""A decision letter built from one result: the decision, its reasons, what could change it.

Pure: a result, the model it was decided from and the what-if outlook in, a `Letter` out.
A letter says:

- the decision (`letter.kind_of`): shortlisted; runner-up, with the city's places and
  its place; not eligible; or, when every requirement failed only for a fact not stated,
  a request for those facts (补件通知) instead of a rejection;
- at most `MAX_REASONS` principal reasons, ordered by their effect, each naming the fact
  read from the application and the basis the rule rests on: a published requirement with
  its date, the programme's priorities, or a requirement (criterion) the recruitment team
  set, with the team's rationale for a requirement; never an internal id;
- for a provisional decision, the documents still to send and, apart, those received
  that the team is checking;
- what could change the decision (advice.py: measurable facts only);
- no points or weights unless asked (`with_points`);
- the closing, 此致 敬礼 in Chinese, and the sender block (settings.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from dealerscreen.criteria.basis import rationale_of
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.criteria.models import Letters, SourceRef
from dealerscreen.decide.whatif import Outlook
from dealerscreen.i18n.langs import localised
from dealerscreen.intake.formfields import label
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import FieldPathError, resolve_field, show
from dealerscreen.models.result import CriterionResult, GateResult, Result
from dealerscreen.words.evidence_words import awaiting_check, document_lines, to_send
from dealerscreen.words.factwords import fact_value
from dealerscreen.words.labels import Messages
from dealerscreen.words.letters.advice import measurable, worth_telling
from dealerscreen.words.letters.letter import Letter, LetterKind, kind_of
from dealerscreen.words.letters.settings import in_lang, sender_of
from dealerscreen.words.letters.texts import long_date, say
from dealerscreen.words.telling import how_separated, total_text

MAX_REASONS = 4


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
    words = label(_key(path), lang)
    if words is None:
        return path
    text = words.replace(" {n}", "").replace("{n}", "")
    return text[0].lower() + text[1:]  # inside a sentence (a script without case: as it is)


def _read(applicant: Applicant, path: str) -> Any:
    try:
        return resolve_field(Applicant, path).get(applicant)
    except (FieldPathError, AttributeError):
        return None


class LetterWriter:
    """Letters for one run, in one language, dated `day`, signed as the profile's
    `letters` section and, over it, `settings` (a letters settings file) say."""

    def __init__(
        self,
        compiled: CompiledProfile,
        msgs: Messages,
        day: date,
        with_points: bool,
        settings: Letters | None = None,
        cuts: dict[str, Any] | None = None,
    ) -> None:
        self.compiled = compiled
        self.msgs = msgs
        self.lang = msgs.lang
        self.day = day
        self.with_points = with_points
        self.settings = sender_of(compiled.profile.letters, settings)
        self.cuts = cuts or {}
        self._reads = {c.id: sorted(c.scoring.boundaries()) for c, _ in compiled.criteria}
        self._reads.update({g.id: sorted(g.condition.boundaries()) for g, _ in compiled.gates})

    def say(self, key: str, **values: object) -> str:
        return say(self.lang, key, **values)

    @property
    def _sep(self) -> str:
        return self.msgs.list_sep

    def basis(self, source: str, basis: str | None, kind: str, rule_id: str) -> str:
        """What a reason rests on. A rule the team set (`basis: team`) says so, with its
        rationale for a requirement, even when it cites a published article: the article
        names the requirement, the team chose the figure (3 stores, 1,000 customers). A
        criterion's rationale speaks of weights, which a letter leaves out."""
        ref: SourceRef | None = self.compiled.profile.sources.get(source)
        title = ""
        # A source's title is written in English only: said in English letters alone.
        written = localised({"en": ref.title}, self.lang, None) if ref is not None else None
        if written:
            title = self.say("basis.title", title=written)
        if basis != "team" and ref is not None and ref.published is not None:
            when = long_date(ref.published, self.lang)
            return self.say("basis.published", date=when, title=title)
        if basis != "team" and ref is not None and (ref.file or ref.url):
            return self.say("basis.document", title=title)
        if kind != "gate":
            return self.say("basis.team")
        text = self.say("basis.team.gate")
        why = rationale_of(self.compiled, kind, rule_id, self.lang)
        return f"{text}{self.msgs.space}{why}" if why else text

    def _value(self, path: str, value: Any) -> str:
        """A fact's value as a letter says it: every figure the applicant stated goes here,
        its thousands separated ('3,000 sqm', '3,000 平方米')."""
        return fact_value(path, value, self.msgs, group=True)

    def _named(self, paths: list[str], applicant: Applicant) -> str:
        """'stores in the province: 1; years in the region: 3': each fact with its value."""
        return self.msgs.semicolon.join(
            self.say(
                "named.stated",
                fact=fact_label(p, self.lang),
                value=self._value(p, _read(applicant, p)),
            )
            for p in paths
        )

    def _stated(self, title: str, paths: list[str], applicant: Applicant) -> str:
        """'{title}: your application states 22 m' or 'does not state the street frontage'."""
        stated = [p for p in paths if _read(applicant, p) is not None]
        if not stated:
            facts = self._sep.join(fact_label(p, self.lang) for p in paths)
            return self.say("reason.missing", title=title, facts=facts)
        if len(paths) == 1:
            value = self._value(paths[0], _read(applicant, paths[0]))
        else:  # a rule that reads several facts: each named
            value = self._named(stated, applicant)
        return self.say("reason.fact", title=title, value=value)

    def _gate(self, g: GateResult, applicant: Applicant) -> tuple[str, str]:
        crit_id, _, required = g.id.partition(":")
        if required == "required":  # a criterion whose fact the profile requires
            crit = next(c for c, _ in self.compiled.criteria if c.id == crit_id)
            paths = self._reads.get(crit_id, [])
            # no paths: a reviewer-scored criterion, nothing the applicant did not state
            text = self._stated(crit.title, paths, applicant) if paths else g.reason.strip()
            return text, self.basis(g.source, crit.basis, "criterion", crit.id)
        if g.missing:
            facts = self._sep.join(fact_label(p, self.lang) for p in g.missing)
            text = self.say("reason.missing", title=g.title, facts=facts)
        else:  # the requirement, and the stated facts it was decided on
            stated = [p for p in self._reads.get(g.id, []) if _read(applicant, p) is not None]
            reason = g.reason.strip()
            if stated:
                facts = self._named(stated, applicant)
                text = self.say("reason.gate.stated", title=g.title, reason=reason, facts=facts)
            else:
                text = self.say("reason.gate", title=g.title, reason=reason)
        return text, self.basis(g.source, g.basis, "gate", g.id)

    def facts_asked(self, paths: Sequence[str]) -> str:
        """Facts to send, as a list item begins: 'Years in the region, stores in the province'."""
        facts = self._sep.join(fact_label(p, self.lang) for p in paths)
        return facts[:1].upper() + facts[1:]  # a script without case: as it is

    def _request(self, g: GateResult) -> tuple[str, str]:
        """One fact (or several) to send, with the requirement that needs it."""
        facts = self.facts_asked(g.missing)
        title = g.title
        crit_id, _, required = g.id.partition(":")
        basis = self.basis(g.source, g.basis, "gate", g.id)
        if required == "required":
            crit = next(c for c, _ in self.compiled.criteria if c.id == crit_id)
            title = crit.title
            basis = self.basis(g.source, crit.basis, "criterion", crit.id)
        return self.say("request.item", facts=facts, title=title), basis

    def _criterion(self, c: CriterionResult, applicant: Applicant) -> tuple[str, str]:
        paths = [c.fact] if c.fact else self._reads.get(c.id, [])
        text = self._stated(c.title, paths, applicant)
        if self.with_points:
            text += self.say("points_of", points=show(c.points), max=show(c.max_points))
        return text, self.basis(c.source, c.basis, "criterion", c.id)

    def _runner_up(self, result: Result, values: dict[str, str]) -> list[str]:
        places = (
            self.say("places.one")
            if result.city_quota == 1
            else self.say("places", n=result.city_quota)
        )
        ordinal = self.msgs.ordinal(result.city_rank or 0)
        opening = [self.say("runner_up", places=places, ordinal=ordinal, **values)]
        sep = result.separation
        city = values["city"]
        if sep is not None and sep.other_above:  # what separated it, naming no one
            if sep.unbroken:
                opening.append(self.say("sep.unbroken", city=city))
            elif self.with_points:
                how = how_separated(sep, result.evaluation, self.msgs)
                opening.append(self.say("sep", city=city, how=how))
            elif sep.tied_on:  # a tie: said without the points a letter leaves out
                opening.append(self.say("sep.tie", city=city))
        return opening

    def write(self, result: Result, applicant: Applicant, outlook: Outlook) -> Letter:
        ev = result.evaluation
        kind = kind_of(result)
        programme = self.compiled.profile.title
        values = {"city": self.msgs.city(ev), "programme": programme}
        heading = self.say(f"reasons.{_HEADINGS[kind]}")
        if kind is LetterKind.request:
            opening = [self.say("request", **values)]
            asked: set[str] = set()  # a fact two requirements read is asked for once
            reasons = []
            for g in ev.failed_gates:
                if not set(g.missing) <= asked:
                    reasons.append(self._request(g))
                    asked.update(g.missing)
        elif kind is LetterKind.rejected:
            failed = ev.failed_gates
            opening = [self.say("rejected", n=len(failed), **values)]
            reasons = [self._gate(g, applicant) for g in failed[:MAX_REASONS]]
        elif kind is LetterKind.shortlisted:
            opening = [self.say("shortlisted", **values), self.say("next")]
            best = sorted(ev.criteria, key=lambda c: (-c.points, c.id))
            reasons = [self._criterion(c, applicant) for c in best[:MAX_REASONS] if c.points > 0]
        else:
            opening = self._runner_up(result, values)
            lost = sorted(
                (c for c in ev.criteria if c.points < c.max_points),
                key=lambda c: (c.points - c.max_points, c.id),
            )
            reasons = [self._criterion(c, applicant) for c in lost[:MAX_REASONS]]
        if self.with_points and ev.eligible:
            tier = self.msgs.tier(self.compiled, ev.tier)
            opening.append(self.say("total", total=total_text(ev, self.msgs), tier=tier))
        if ev.provisional:
            opening += self._documents(result)
        return Letter(
            applicant_id=ev.applicant_id,
            kind=kind,
            lang=self.lang,
            title=self.say(f"subject.{kind.value}", id=ev.applicant_id, **values),
            dated=self._dated(),
            salutation=self.say("dear", name=self.msgs.name(ev)),
            opening=opening,
            reasons_heading=heading,
            reasons=reasons,
            change_heading=self.say("change.heading"),
            changes=self._changes(result, applicant, outlook),
            closing=[self._closing(kind)],
            regards=self.say("regards").split("\n"),
            sender=self._sender(programme, kind),
        )

    def _documents(self, result: Result) -> list[str]:
        """The documents still to send, and apart those received and being checked."""
        ev, sep = result.evaluation, self.msgs.semicolon
        out = [self.say("provisional")]
        for key, wanted in (("send", to_send(ev)), ("awaiting", awaiting_check(ev))):
            if wanted:
                out.append(self.say(key, docs=sep.join(document_lines(wanted, self.msgs))))
        return out

    def _closing(self, kind: LetterKind) -> str:
        if kind is not LetterKind.request:
            return self.say("closing")
        deadline = self.settings.deadline(self.day)
        if deadline is None:
            return self.say("closing.request.soon")
        return self.say("closing.request", date=long_date(deadline, self.lang))

    def _sender(self, programme: str, kind: LetterKind) -> list[str]:
        """Department, signatory, contact, reply deadline and the place for the seal;
        what the settings leave out is a blank line to fill in by hand."""
        s, blank = self.settings, self.say("blank")
        department = in_lang(s.department, self.lang) or self.say("department", programme=programme)
        out = [
            department,
            self.say("signatory", name=in_lang(s.signatory, self.lang) or blank),
            self.say("contact", contact=in_lang(s.contact, self.lang) or blank),
        ]
        deadline = s.deadline(self.day)
        if deadline is not None and kind is not LetterKind.request:  # the request says it
            out.append(self.say("reply_by", date=long_date(deadline, self.lang)))
        out.append(self.say("seal"))
        return out

    def _dated(self) -> str:
        day = long_date(self.day, self.lang)
        place = in_lang(self.settings.place, self.lang)
        return self.say("dated", place=place, date=day) if place else day

    def _changes(self, result: Result, applicant: Applicant, outlook: Outlook) -> list[str]:
        """The change worth telling (advice.py), then, for an eligible applicant, the
        facts it left out that could count."""
        ev = result.evaluation
        kind = kind_of(result)
        if kind is LetterKind.request:
            return []  # the request lists what to send; nothing is decided yet
        out: list[str] = []
        change, capability = worth_telling(result, outlook, self.cuts)
        if change is not None and capability:
            for g in ev.failed_gates:
                if change.fact in self._reads.get(g.id, []):
                    out.append(self.say("change.capability", title=g.title))
        elif change is not None:
            fact = fact_label(change.fact, self.lang)
            old = self._value(change.fact, change.old)
            new = self._value(change.fact, change.new)
            key = "change.eligible" if change.became_eligible else "change.place"
            key += ".unstated" if change.old is None else ""
            out.append(self.say(key, fact=fact, old=old, new=new, city=self.msgs.city(ev)))
        elif kind is LetterKind.rejected:
            out.append(self.say("change.none"))
        if ev.eligible:
            missing = self._left_out(result, applicant)
            if missing:
                out.append(self.say("evidence", facts=self._sep.join(missing)))
        return out

    def _left_out(self, result: Result, applicant: Applicant) -> list[str]:
        missing: list[str] = []
        for c in result.evaluation.criteria:
            if c.missing_policy is None:
                continue
            for p in self._reads.get(c.id, []):
                label = fact_label(p, self.lang)
                if measurable(p) and _read(applicant, p) is None and label not in missing:
                    missing.append(label)
        return missing


_HEADINGS = {
    LetterKind.shortlisted: "strengths",
    LetterKind.runner_up: "short",
    LetterKind.rejected: "out",
    LetterKind.request: "request",
}
