"""`--format markdown`: the report for a pull request or a wiki page.

Sections: summary and coverage flags, the ranked table, each city's shortlist and
runners-up, every applicant's explanation (failed requirements, the three criteria that
lost most points, what would change the outcome), and the manifest.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

from dealerscreen.batch.results import REMEMBERED_MAX
from dealerscreen.models.result import CriterionResult, GateResult, Result
from dealerscreen.reporters.citylines import city_heading, coverage_lines
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.reporters.parts import Parts
from dealerscreen.reporters.team import team_markdown
from dealerscreen.words.evidence_words import document_sections
from dealerscreen.words.explain import (
    biggest_losses,
    city_standing,
    one_line,
    outlook_line,
    points,
)
from dealerscreen.words.labels import Messages
from dealerscreen.words.safetext import markdown
from dealerscreen.words.telling import review_reasons, separation_sentence, total_text


def cell(text: object) -> str:
    """Text safe inside a table cell or a line: see `safetext.markdown`."""
    return markdown(str(text))


def row(*cells: object) -> str:
    return "| " + " | ".join(cell(c) for c in cells) + " |"


def _text(lines: list[str]) -> str:
    """Lines as `"\n".join(lines) + "\n"` writes them: the parts of a report so made join
    to the same text as its lines joined at once."""
    return "".join(line + "\n" for line in lines)


class MarkdownReporter(Reporter):
    def render(self, view: View) -> str:
        return "".join(self.render_parts(view))

    def render_parts(self, view: View) -> Iterator[str]:
        """The report a section (a city, an applicant's explanation) at a time: at 100,000
        applicants its lines, their text joined and that text encoded were all held at
        once (975 MB)."""
        data = view.data
        msgs = view.msgs
        # the ranked table, the cities and the explanations read the rows in turn: each
        # row put into words once (as the html and xlsx reports do), up to as many
        view.rows.remember(min(len(view.rows), REMEMBERED_MAX))
        profile = view.compiled.profile
        out: list[str] = [
            "# " + cell(msgs("title", title=profile.title, id=profile.id, version=profile.version)),
            "",
            cell(msgs("counts", **data.counts)),
        ]
        lists = data.illustrative_lists
        if lists:
            out += ["", "> " + cell(msgs("illustrative", lists=", ".join(lists)))]
        out += ["", "> " + cell(view.basis_line())]
        out += ["", f"`{view.manifest_line()}`", "", "## " + msgs("coverage"), ""]
        flags = coverage_lines(view)
        out += [f"- ⚠ {cell(f)}" for f in flags] or [cell(msgs("coverage.ok"))]

        out += ["", "## " + msgs("ranked"), ""]
        out.append(
            row(
                *(
                    msgs(k)
                    for k in (
                        "col.rank",
                        "col.id",
                        "col.applicant",
                        "col.city",
                        "col.city_rank",
                        "col.tier",
                        "col.total",
                        "col.reason",
                    )
                )
            )
        )
        out.append("|---:|---|---|---|---:|:---:|---:|---|")
        # The explanations come after the cities but are made in this pass over the rows
        # and kept in a temporary file until then: a second pass read each decision back
        # and put it into words again, every one of them past the rows a run remembers
        # (`REMEMBERED_MAX`). Lone surrogates (a name read from a JSON file) are kept as
        # they are, for the writer to show as it shows them elsewhere.
        with tempfile.TemporaryFile(
            "w+", encoding="utf-8", errors="surrogatepass", newline=""
        ) as explained:
            lengths: list[int] = []  # of each explanation, in characters
            for r in view.rows:
                ev = r.evaluation
                out.append(
                    row(
                        r.rank if r.rank is not None else "-",
                        ev.applicant_id,
                        msgs.name(ev),
                        msgs.city(ev),
                        city_standing(r),
                        ev.tier or msgs("tier.out"),
                        total_text(ev, msgs),
                        view.reason(r),
                    )
                )
                lengths.append(explained.write(_text(["", *self._explanation(view, r)])))
            yield _text(out)
            yield from self._cities(view)
            explained.seek(0)
            for length in lengths:  # an applicant's explanation a part, as made
                yield explained.read(length)
        yield from self._manifest(view)

    def _cities(self, view: View) -> Iterator[str]:
        msgs = view.msgs
        out = ["", "## " + msgs("cities")]
        multi = view.multi_city()
        colon, comma = msgs.colon.rstrip(), msgs.comma  # the colon in bold, its space after
        for s in view.cities():
            out += ["", "### " + cell(city_heading(view, s)), ""]
            for label, group in (
                (msgs("city.shortlist"), s.shortlist),
                (msgs("city.runners_up"), s.runners_up),
            ):
                items = []
                for r in group:
                    ev = r.evaluation
                    mark = f"· {msgs('ev.city')}" if ev.provisional else ""
                    if ev.applicant_id in multi:
                        names = msgs.list_sep.join(
                            view.city_name(c) for c in multi[ev.applicant_id]
                        )
                        mark += " ◆ " + msgs("city.multi", cities=names)
                    tier_total = f"{ev.tier}{comma}{total_text(ev, msgs)}"
                    items.append(
                        f"{r.city_rank}. `{ev.applicant_id}` {cell(msgs.name(ev))}"
                        + msgs.paren(tier_total)
                        + (f" {cell(mark)}" if mark else "")
                    )
                listed = msgs("reason.sep").join(items) if items else msgs("city.none")
                out.append(f"**{label}{colon}** " + listed)
                out.append("")
            if out[-1] == "":
                out.pop()
            yield _text(out)
            out = []
        out += ["", cell(msgs("city.multi_legend"))]

        out += ["", "## " + msgs("explanations")]
        yield _text(out)

    def _manifest(self, view: View) -> Iterator[str]:
        msgs, data, profile = view.msgs, view.data, view.compiled.profile
        out = [*team_markdown(view)]  # a programme's: the team's acts
        out += ["", "## " + msgs("manifest"), ""]
        manifest = view.manifest(with_files=False)  # the files are listed below, streamed
        said = msgs.colon
        out.append(f"- {msgs('manifest.tool')}{said}dealerscreen {manifest['version']}")
        out.append(f"- {msgs('manifest.profile')}{said}{profile.id} v{cell(profile.version)}")
        out.append(f"- {msgs('manifest.time')}{said}{view.generated_at or '-'}")
        out += ["", row(msgs("manifest.criteria"), "sha256"), "|---|---|"]
        out += [row(p, sha) for p, sha in sorted(view.compiled.loaded.files.items())]
        out += ["", row(msgs("manifest.applicants"), "sha256"), "|---|---|"]
        yield _text(out)
        yield from (_text([row(p, sha or "-")]) for p, sha in data.applicant_files())

    def _explanation(self, view: View, r: Result) -> list[str]:
        msgs = view.msgs
        ev = r.evaluation
        # both names in a Chinese report, the Chinese first
        name = msgs.names(ev.legal_name, msgs.name(ev), " ")
        lines = [f"### `{ev.applicant_id}` {cell(name)}", ""]
        tier = msgs.tier(view.compiled, ev.tier)
        lines.append(f"**{cell(tier)}** · {total_text(ev, msgs)} · {cell(one_line(r, msgs))}")
        told = separation_sentence(r, msgs)
        if told:
            lines += ["", cell(told)]
        review = review_reasons(r, msgs)
        if review:
            lines += ["", msgs("review.heading")]
            lines += [f"- {cell(reason)}" for reason in review]
        failed = ev.failed_gates
        if failed:
            lines += ["", msgs("ex.failed")]
            lines += _PARTS.each(failed, ("failed", msgs.lang), _failed_line, msgs)
        for heading, docs in document_sections(ev, msgs) if ev.provisional else ():
            lines += ["", heading]
            lines += [f"- {cell(w)}" for w in docs]
        losses = biggest_losses(r)
        if losses:
            lines += ["", msgs("ex.losses")]
            lines += _PARTS.each(losses, ("loss", msgs.lang), _loss_line, msgs)
        lines += [
            "",
            msgs("ex.whatif")
            + msgs.space
            # read once, so not kept: a report of 100,000 held every outlook to its end
            + cell(outlook_line(view.outlook(r, keep=False), view.compiled, msgs)),
        ]
        return lines


# An explanation's line for one rule's result, made once per result and the reader's
# language (`parts.Parts`): most applicants share most results.
_PARTS: Parts[str] = Parts()


def _failed_line(g: GateResult, msgs: Messages) -> str:
    return f"- {cell(g.title)}{msgs.colon}{cell(g.reason.strip())}{msgs.paren(cell(g.detail))}"


def _loss_line(c: CriterionResult, msgs: Messages) -> str:
    said = msgs(
        "ex.loss",
        criterion=c.title,
        points=points(c.points),
        max=points(c.max_points),
        detail=c.detail,
    )
    return "- " + cell(said)
