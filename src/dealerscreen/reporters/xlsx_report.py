"""`--format xlsx`: the workbook a channel team filters, sorts and forwards.

Sheets, in order:

- Summary: one page for the manager who decides (`xlsx_summary`): per city the
  shortlisted applicants by name with their totals, the first runner-up, and the risks.
- Overview: the title, the counts, then one row per recruitment city (quota, eligible,
  shortlisted, runners-up, ineligible, coverage), cities short of their quota first.
- The team's acts, in a programme's report (`screen -p`): each applicant's decision as
  the programme shows it (an override in effect applied) beside the computed one, and
  the team's acts, as the other formats show them (`team.team_sheet`).
- Ranked: one row per applicant shown, in rank order: names, city, rank in the city,
  status, tier, points (total, score, bonus, each criterion's), the requirements not
  met, the one-line reason and the file.
- One sheet per recruitment city: its shortlist, then its runners-up, then its
  ineligible applicants, with the city's coverage line above the table.
- Explanations: each decision in words (the first `EXPLAINED_MAX` applicants in rank
  order), a row per rule: the decision, the requirements not met with their reasons, each
  criterion's points and the facts that earned them, the bonuses, the advisories, and the
  smallest change that would lift the applicant (`xlsx_explained`, which says why).
- Rules: every gate, criterion, bonus, advisory and tier of the profile in the report's
  language, with its line or scale, its points, whose figure it is (published or the
  team's, with the team's reasoning) and the source it cites (`xlsx_rules`).
- Manifest: versions, the run time, and the sha256 of every criteria and applicant file.

Each table has a bold, frozen header row and an autofilter; numbers are numbers, but a
total is told on its own scale ("93.75/100 + 10 bonus", beside the score and the bonus as
numbers), never as 103.75 of 100; headings, city names and tier names are in the report's
language (`--lang zh`). Columns are as wide as their values (`workbook.Sheet`); every sheet
prints on A4 landscape with its header row on each page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, BinaryIO, NamedTuple

from dealerscreen import __version__
from dealerscreen.batch.cityview import NO_ELIGIBLE, UNDER_QUOTA, CitySection
from dealerscreen.decide.explaining import points_by_criterion
from dealerscreen.models.result import Evaluation, Result
from dealerscreen.reporters.citylines import city_heading, coverage_line
from dealerscreen.reporters.interface import BinaryReporter, View
from dealerscreen.reporters.team import team_sheet
from dealerscreen.reporters.workbook import Book, Column, Sheet, parse_stamp
from dealerscreen.reporters.xlsx_cityrows import CityRows
from dealerscreen.reporters.xlsx_explained import Explanations
from dealerscreen.reporters.xlsx_rules import rows as rule_rows
from dealerscreen.reporters.xlsx_rules import rule_columns
from dealerscreen.reporters.xlsx_summary import Summary
from dealerscreen.words.evidence_words import document_lines, to_send
from dealerscreen.words.explain import one_line, points
from dealerscreen.words.labels import Messages
from dealerscreen.words.telling import total_text

# Applicants explained in full on the explanations sheet (about 20 rows each): beyond
# this the workbook would be slow to open; the json report explains every applicant.
EXPLAINED_MAX = 2000


def status(r: Result, msgs: Messages) -> str:
    if not r.evaluation.eligible:
        return msgs("status.ineligible")
    return msgs("shortlisted") if r.shortlisted else msgs("runner_up")


def provisional(r: Result, msgs: Messages) -> str | None:
    """A column of its own, so that a spreadsheet filter separates provisional from final."""
    return msgs("ev.provisional") if r.evaluation.provisional else None


def _points(view: View, ev: Evaluation) -> Sequence[Decimal | None]:
    """Each criterion's points, in the profile's order: a decision's read off its record,
    its criteria not put into words for them (the rows beyond the explained ones: 3.5%
    of the CPU of a workbook of 100,000, py-spy); the same points (test_told_lazily)."""
    by_id = points_by_criterion(ev)
    return [by_id.get(c.id) for c, _ in view.compiled.criteria]


class Said(NamedTuple):
    """A result's words that both its ranked row and its city row show."""

    status: str
    provisional: str | None
    tier: str
    total: str
    reason: str


class XlsxReporter(BinaryReporter):
    def write(self, view: View, out: BinaryIO) -> None:
        msgs = view.msgs
        profile = view.compiled.profile
        title = msgs("title", title=profile.title, id=profile.id, version=profile.version)
        view.rows.remember(min(len(view.rows), EXPLAINED_MAX))  # read by several sheets
        book = Book(parse_stamp(view.generated_at), title)
        capped = msgs("xlsx.capped", n="{n}", total="{total}")
        cities = view.cities()
        # Sheets appear in the order they are made; each streams to its own file, so the
        # ranked and explanations sheets are filled in one pass over the rows, and the
        # summary, first, is filled last from what the city sheets saw.
        summary = Summary(book, view, cities)
        self._overview(book, view, title, cities, capped)
        team_sheet(view, book)  # a programme's: the team's acts beside each decision
        # the ranked sheet is read on screen: its rows' heights are left to the program
        ranked = book.sheet(
            msgs("xlsx.ranked"),
            self._ranked_columns(view),
            freeze_columns=3,
            capped_note=capped,
            tall=False,
        )
        city_sheets = [(s, self._city_sheet(book, view, s, capped)) for s in cities]
        shown = min(len(view.rows), EXPLAINED_MAX)
        explained = Explanations(book, view, shown, capped)
        rules = book.sheet(msgs("xlsx.rules"), rule_columns(msgs), capped_note=capped)
        manifest = book.sheet(
            msgs("xlsx.manifest"),
            [Column(msgs("col.item"), 40), Column(msgs("col.value"), 66)],
            capped_note=capped,
        )
        multi = view.multi_city()
        # the city sheets are filled in the same pass, from the ranked rows' words
        city_rows = CityRows(city_sheets, summary.look)
        rows = view.rows
        for i, r in enumerate(rows):
            said = self._said(msgs, r)
            ranked.append(self._ranked_row(view, msgs, r, said))
            if i < shown:
                explained.add(r)
            city_rows.take(rows.row_at(i), r, self._city_row(view, msgs, r, multi, said))
        city_rows.finish(lambda r: self._city_row(view, msgs, r, multi, self._said(msgs, r)))
        summary.fill()
        for row in rule_rows(view.compiled, msgs):
            rules.append(row)
        for row in self._manifest_rows(view):
            manifest.append(row)
        book.save(out)

    # --- overview --------------------------------------------------------------------

    def _overview(
        self, book: Book, view: View, title: str, cities: Sequence[CitySection], capped: str
    ) -> None:
        msgs = view.msgs
        lists = view.data.illustrative_lists
        note = msgs("illustrative", lists=", ".join(lists)) if lists else ""
        columns = [
            Column(msgs("col.city"), 14, fit=True),
            Column(msgs("col.quota"), 10),
            Column(msgs("col.n_eligible"), 10),
            Column(msgs("col.n_shortlisted"), 10),
            Column(msgs("col.n_runners_up"), 10),
            Column(msgs("col.n_ineligible"), 10),
            Column(msgs("coverage"), 40),
        ]
        sheet = book.sheet(
            msgs("xlsx.overview"),
            columns,
            above=[title, msgs("counts", **view.data.counts), note],
            capped_note=capped,
        )
        flags = {NO_ELIGIBLE: msgs("flag.none"), UNDER_QUOTA: msgs("flag.short")}
        for s in cities:
            sheet.append(
                [
                    s.display(view.lang),
                    s.quota,
                    len(s.eligible),
                    len(s.shortlist),
                    len(s.runners_up),
                    len(s.ineligible),
                    flags.get(s.flag or "", msgs("flag.ok")),
                ]
            )

    # --- ranked ----------------------------------------------------------------------

    def _names(self, view: View) -> list[Column]:
        msgs = view.msgs
        legal = Column(msgs("col.legal_name"), 40, fit=True)
        chinese = Column(msgs("col.chinese_name"), 26, fit=True)
        return list(msgs.in_order(legal, chinese))

    def _ranked_columns(self, view: View) -> list[Column]:
        msgs = view.msgs
        criteria = [
            Column(
                msgs("col.criterion_points", criterion=c.title, max=points(c.points)),
                10,
            )
            for c, _ in view.compiled.criteria
        ]
        return [
            Column(msgs("col.rank"), 7),
            Column(msgs("col.id"), 16),
            *self._names(view),
            Column(msgs("col.group"), 24, fit=True),
            Column(msgs("col.city"), 12, fit=True),
            Column(msgs("col.rank_in_city"), 9),
            Column(msgs("col.quota"), 9),
            Column(msgs("col.status"), 12),
            Column(msgs("col.provisional"), 11),
            Column(msgs("col.tier"), 7),
            Column(msgs("col.total"), 12, fit=True),
            Column(msgs("col.score"), 8),
            Column(msgs("col.bonus"), 8),
            *criteria,
            Column(msgs("col.failed"), 36),
            Column(msgs("col.evidence_wanted"), 40),
            Column(msgs("col.reason"), 60),
            Column(msgs("col.file"), 40),
        ]

    def _said(self, msgs: Messages, r: Result) -> Said:
        """What the ranked and the city sheet both say of a result, put into words once."""
        ev = r.evaluation
        return Said(
            status(r, msgs),
            provisional(r, msgs),
            ev.tier or msgs("tier.out"),
            total_text(ev, msgs),
            one_line(r, msgs),
        )

    def _ranked_row(self, view: View, msgs: Messages, r: Result, said: Said) -> list[Any]:
        ev = r.evaluation
        return [
            r.rank,
            ev.applicant_id,
            *msgs.in_order(ev.legal_name, ev.chinese_name),
            ev.group_name,
            msgs.city(ev),
            r.city_rank,
            r.city_quota,
            said.status,
            said.provisional,
            said.tier,
            said.total,
            ev.score,
            ev.bonus,
            *_points(view, ev),
            msgs("reason.sep").join(g.title for g in ev.failed_gates),
            msgs("reason.sep").join(document_lines(to_send(ev), msgs)) or None,
            said.reason,
            ev.source_path,
        ]

    # --- cities ----------------------------------------------------------------------

    def _city_sheet(self, book: Book, view: View, s: CitySection, capped: str) -> Sheet:
        msgs = view.msgs
        columns = [
            Column(msgs("col.rank_in_city"), 9),
            Column(msgs("col.status"), 12),
            Column(msgs("col.id"), 16),
            Column(msgs("col.applicant"), 30, fit=True),
            Column(msgs("col.tier"), 7),
            Column(msgs("col.total"), 12, fit=True),
            Column(msgs("col.score"), 8),
            Column(msgs("col.bonus"), 8),
            Column(msgs("col.also_applies"), 18, fit=True),
            Column(msgs("col.reason"), 60),
            Column(msgs("col.provisional"), 11),
        ]
        above = [city_heading(view, s), coverage_line(view, s) or msgs("coverage.ok.city")]
        return book.sheet(
            s.display(view.lang), columns, above=above, freeze_columns=4, capped_note=capped
        )

    def _city_row(
        self, view: View, msgs: Messages, r: Result, multi: dict[str, list[str]], said: Said
    ) -> list[Any]:
        ev = r.evaluation
        others = ", ".join(view.city_name(c) for c in multi.get(ev.applicant_id, []))
        return [
            r.city_rank,
            said.status,
            ev.applicant_id,
            msgs.name(ev),
            said.tier,
            said.total,
            ev.score,
            ev.bonus,
            others or None,
            said.reason,
            said.provisional,
        ]

    # --- manifest --------------------------------------------------------------------

    def _manifest_rows(self, view: View) -> Iterator[list[Any]]:
        msgs = view.msgs
        data = view.data
        profile = view.compiled.profile
        lists = data.illustrative_lists
        yield [msgs("manifest.tool"), "dealerscreen"]
        yield [msgs("manifest.version"), __version__]
        yield [msgs("manifest.profile"), profile.id]
        yield [msgs("manifest.profile_version"), profile.version]
        yield [msgs("manifest.profile_title"), profile.title]
        yield [msgs("manifest.time"), view.generated_at or "-"]
        yield [msgs("manifest.lists"), ", ".join(lists) or "-"]
        yield []
        yield [msgs("manifest.criteria"), "sha256"]
        for path, sha in sorted(view.compiled.loaded.files.items()):
            yield [path, sha]
        yield []
        yield [msgs("manifest.applicants"), "sha256"]
        for path, digest in data.applicant_files():
            yield [path, digest or "-"]
