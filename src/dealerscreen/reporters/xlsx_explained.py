"""The workbook's Explanations sheet: every decision in words, one row per rule (#24).

Its shape is long: a row for each rule that speaks about an applicant, not a row for
each applicant. An applicant's rows come together, in rank order:

- the decision: its total, and in words the tier or "ineligible" (provisional or not),
  the quota line and the reasons to look at it again;
- each requirement not met: its title, "not met" or "not stated", and why;
- each criterion: its title, its points out of its most, and the facts that earned them
  (with what a fact not stated scored);
- each bonus it earned, each advisory it did not pass (an unverified requirement said so);
- what would change the outcome.

Each row repeats the applicant's rank and id and names its part and its rule, so that a
filter or a sort keeps every row readable alone ("Debt ratio" of every applicant, or
every row of one applicant); the name is on the applicant's first row, the decision, so
that a printed page reads as a block per applicant (and the name's column is no wider
than a Chinese name, an English one wrapping to two lines).

Why not a row per applicant, a column per rule, as before: 21 long texts side by side are
a row as tall as its longest text. Left to the spreadsheet program, the row was one line
high and LibreOffice drew each text over the rows below it, on screen and in print; given
its height, a row was up to 918 points high (Excel keeps 409) and the printed sheet 559
pages of two cut rows each. Here a cell holds one rule's words in one wide column, so each
row is as tall as that text (`workbook.Sheet`, `tall`), a few lines, and the sheet prints
at the width of one landscape page. A text longer than the tallest row is told over
several rows of the same rule (`celltext.pieces`), never cut.

What the applicant states and what the team has checked stay apart as in the other
reports: a criterion's words say which facts were not stated and how that scored, an
advisory's which requirement is unverified; the Rules sheet names each rule's source.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dealerscreen.models.result import CheckResult, CriterionResult, GateResult, Result
from dealerscreen.reporters.celltext import pieces
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.parts import Parts
from dealerscreen.reporters.workbook import FIT_MAX, Book, Column
from dealerscreen.words.explain import missing_note, outlook_line, points
from dealerscreen.words.labels import Messages
from dealerscreen.words.telling import review_reasons, separation_sentence, total_text

WORDS_WIDTH = FIT_MAX  # the words' column: as wide as the workbook makes one (72)
NAME_WIDTH = 40  # a Chinese company name of 18 characters on one line


class Explanations:
    """The sheet, made before the rows are walked (its place among the sheets), filled
    with `add` for each applicant explained."""

    def __init__(self, book: Book, view: View, shown: int, capped: str) -> None:
        msgs = self.msgs = view.msgs  # one for every row (`View.msgs` makes one a call)
        self.view = view
        columns = [
            Column(msgs("col.rank"), 7),
            Column(msgs("col.id"), 16),
            Column(msgs("col.applicant"), NAME_WIDTH, wrap=True),
            Column(msgs("col.part"), 10, fit=True),
            Column(msgs("col.rule"), 30, wrap=True),
            Column(msgs("col.result"), 10, fit=True),
            Column(msgs("col.words"), WORDS_WIDTH, wrap=True),
        ]
        self.sheet = book.sheet(
            msgs("xlsx.explanations"),
            columns,
            above=[self._note(shown)],
            freeze_columns=3,
            capped_note=capped,
        )
        self.width = self.sheet.widths[-1]
        # the words every applicant's rows repeat, looked up once
        self.part = {
            key: msgs(f"part.{key}")
            for key in ("decision", "gate", "criterion", "bonus", "advisory", "whatif")
        }
        self.not_met, self.not_stated = msgs("xlsx.not_met"), msgs("xlsx.not_stated")

    def _note(self, shown: int) -> str:
        msgs = self.msgs
        total = len(self.view.rows)
        if shown < total:
            return msgs("explanations.bounded", n=f"{shown:,}", total=f"{total:,}")
        return msgs("xlsx.explained_all", n=f"{total:,}")

    def add(self, r: Result) -> None:
        """The applicant's rows; a text taller than a row goes on in the rows after it."""
        ev = r.evaluation
        rank, at = r.rank, ev.applicant_id
        name: str | None = self.msgs.name(ev)
        for part, rule, result, words in self._told(r):
            for piece in pieces(words, self.width) if words else (None,):
                self.sheet.append((rank, at, name, part, rule, result, piece))
                name = None  # once, on the decision's row

    def _told(self, r: Result) -> Iterator[tuple[str, str | None, Any, str | None]]:
        """(part, rule, result, words) for each row of the applicant, in order."""
        view, part = self.view, self.part
        msgs = self.msgs
        compiled = view.compiled
        ev = r.evaluation
        lang = msgs.lang
        decision = msgs.tier(compiled, ev.tier) if ev.eligible else msgs("status.ineligible")
        if ev.provisional:
            decision = msgs("ev.status", status=decision)
        # the quota line and the reasons to look again, under the decision (#12)
        told = [separation_sentence(r, msgs) or "", *review_reasons(r, msgs)]
        yield (
            part["decision"],
            None,
            total_text(ev, msgs),
            "\n".join([decision, *filter(None, told)]),
        )
        failed = _PARTS.each(ev.failed_gates, ("failed", lang), _failed, msgs)
        for g, words in zip(ev.failed_gates, failed, strict=True):
            yield part["gate"], g.title, self.not_stated if g.missing else self.not_met, words
        criteria = _CRITERIA.each(ev.criteria, ("points", lang), _points, msgs)
        for c, (score, words) in zip(ev.criteria, criteria, strict=True):
            yield part["criterion"], c.title, score, words
        for b in ev.bonuses:
            if b.applied:
                yield part["bonus"], b.title, f"+{points(b.points)}", b.detail or None
        for k in ev.checks:
            if k.passed is not True:
                result = self.not_stated if k.missing else self.not_met
                yield (
                    part["advisory"],
                    k.title,
                    result,
                    _PARTS.get(k, ("advisory", lang), _advisory, msgs),
                )
        yield part["whatif"], None, None, outlook_line(view.outlook(r, keep=False), compiled, msgs)


# The sheet's text for one rule's result, made once per result and the reader's language
# (`parts.Parts`): most applicants share most results.
_PARTS: Parts[str] = Parts()


def _failed(g: GateResult, msgs: Messages) -> str:
    return msgs("xlsx.failed", reason=g.reason.strip(), detail=g.detail)


_CRITERIA: Parts[tuple[str, str]] = Parts()  # a criterion's points and words


def _points(c: CriterionResult, msgs: Messages) -> tuple[str, str]:
    score = f"{points(c.points)}/{points(c.max_points)}"  # digits: the same in every language
    return score, c.detail + missing_note(c, msgs)


def _advisory(k: CheckResult, msgs: Messages) -> str:
    tag = "" if k.verified else msgs("ex.unverified")
    return msgs("xlsx.advisory", message=k.message + tag, detail=k.detail)
