"""`--format html`: one self-contained page a decision-maker opens in a browser.

No network: no external URL, font, stylesheet or script; the CSS is inline, the charts are
inline SVG, and one small inline script (`html_script`) opens every explanation when the
page is printed or saved as PDF, and sorts and filters the tables. On a narrow screen
(400 px) tables wrap rather than widen the page. Every piece of text from a file (names,
reasons, details) is html-escaped. Sections: summary, coverage flags, tier distribution,
ranked table (`html_ranked`), per-city shortlists, a points-by-criterion chart for each
shortlisted applicant, sensitivity of the shortlists to the weights, the explanations
(of every applicant, or of the rows that matter in a large batch), and the manifest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from dealerscreen.batch.results import Results
from dealerscreen.batch.sensitivity import Move, analyse
from dealerscreen.models.result import Result
from dealerscreen.reporters import html_ranked
from dealerscreen.reporters.html_parts import TABLE_END, e, table_head
from dealerscreen.reporters.html_parts import td as _td
from dealerscreen.reporters.html_parts import th as _th
from dealerscreen.reporters.html_parts import tr as _tr
from dealerscreen.reporters.html_script import TABLE_SCRIPT
from dealerscreen.reporters.html_style import CSS
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.reporters.svg import points_chart, tier_chart
from dealerscreen.reporters.table import city_heading, coverage_lines
from dealerscreen.words.evidence_words import status as evidence_status
from dealerscreen.words.evidence_words import wanted_lines
from dealerscreen.words.explain import biggest_losses, one_line, outlook_line, points
from dealerscreen.words.telling import review_reasons, separation_sentence, total_text

# Explanations one page holds: beyond it the page would take longer to open than to read,
# so a large batch's page explains the rows that matter (`html_ranked.explained`).
EXPLAINED_MAX = 2000
# The weight analysis compares every two eligible applicants of a city: past this many
# eligible applicants the page says so instead of taking minutes to open.
SENSITIVITY_MAX = 5000


class _Names:
    """Applicants' names by id, for the few a section names (each evaluated once)."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.known: dict[str, str] = {}

    def __call__(self, applicant_id: str) -> str:
        name = self.known.get(applicant_id)
        if name is None:
            results = self.view.run.results
            if isinstance(results, Results):
                found = results.find(applicant_id=applicant_id)
            else:
                found = [r for r in results if r.evaluation.applicant_id == applicant_id]
            name = self.view.msgs.name(found[0].evaluation) if found else applicant_id
            self.known[applicant_id] = name
        return name

    def moves(self, moves: tuple[Move, ...]) -> str:
        """'Nanjing: A enters the shortlist, B leaves it', in names."""
        msgs = self.view.msgs
        sep = "，" if msgs.lang == "zh" else ", "
        parts = []
        for city, gained, lost in moves:
            said = []
            if gained:
                said.append(msgs("sens.enters", names=sep.join(map(self, gained))))
            if lost:
                said.append(msgs("sens.leaves", names=sep.join(map(self, lost))))
            parts.append(msgs("sens.move", city=self.view.city_name(city), changes=sep.join(said)))
        return "; ".join(parts)


class HtmlReporter(Reporter):
    def render(self, view: View) -> str:
        run = view.run
        if isinstance(view.rows, Results):  # the page reads its rows in several passes
            view.rows.remember(min(len(view.rows), EXPLAINED_MAX))
        msgs = view.msgs
        shown = html_ranked.explained(view.rows, EXPLAINED_MAX, run.compiled)
        linked = set(
            shown.ids()
            if isinstance(shown, Results)
            else [r.evaluation.applicant_id for r in shown]
        )
        profile = run.compiled.profile
        title = msgs("title", title=profile.title, id=profile.id, version=profile.version)
        lang = "zh-CN" if view.lang == "zh" else "en"
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title>",
            f"<style>{CSS}</style></head>",
            "<body><main>",
            f"<h1>{e(title)}</h1>",
            f"<p>{e(msgs('counts', **run.counts()))}</p>",
        ]
        lists = run.illustrative_lists()
        if lists:
            out.append(f'<p class="note">{e(msgs("illustrative", lists=", ".join(lists)))}</p>')
        out.append(f'<p class="note">{e(view.basis_line())}</p>')
        out.append(f'<p class="muted"><code>{e(view.manifest_line())}</code></p>')
        sections = [
            ("coverage", msgs("coverage")),
            ("tiers", msgs("chart.tiers")),
            ("ranked", msgs("ranked")),
            ("cities", msgs("cities")),
            ("charts", msgs("charts")),
            ("sensitivity", msgs("sens.title")),
            ("explanations", msgs("explanations")),
            ("manifest", msgs("manifest")),
        ]
        out.append("<nav>" + "".join(f'<a href="#{k}">{e(t)}</a>' for k, t in sections) + "</nav>")
        out += self._coverage(view)
        out += self._tiers(view)
        out += html_ranked.ranked_section(view, linked)
        out += self._cities(view, linked)
        out += self._charts(view)
        out += self._sensitivity(view)
        out += self._explanations(view, shown)
        out += self._manifest(view)
        out.append(f"</main>{TABLE_SCRIPT}</body></html>")
        return "\n".join(out) + "\n"

    def _coverage(self, view: View) -> list[str]:
        flags = coverage_lines(view)
        out = [f'<section id="coverage"><h2>{e(view.msgs("coverage"))}</h2>']
        if flags:
            out.append('<ul class="flags">' + "".join(f"<li>{e(f)}</li>" for f in flags) + "</ul>")
        else:
            out.append(f"<p>{e(view.msgs('coverage.ok'))}</p>")
        return [*out, "</section>"]

    def _tiers(self, view: View) -> list[str]:
        msgs = view.msgs
        compiled = view.run.compiled
        counts = Counter(r.evaluation.tier for r in view.rows)
        bars = [(msgs.tier(compiled, t.id), counts.get(t.id, 0), False) for t in compiled.tiers]
        bars.append((msgs("tier.out"), counts.get(None, 0), True))
        chart = tier_chart(msgs("chart.tiers"), bars)
        return [f'<section id="tiers"><h2>{e(msgs("chart.tiers"))}</h2>', chart, "</section>"]

    def _cities(self, view: View, linked: set[str]) -> list[str]:
        msgs = view.msgs
        multi = view.multi_city()
        out = [f'<section id="cities"><h2>{e(msgs("cities"))}</h2>', '<div class="cities">']
        for s in view.cities():
            cls = "city flagged" if s.flag else "city"
            out.append(f'<article class="{cls}" id="city-{e(s.city_id)}">')
            out.append(f"<h3>{e(city_heading(view, s))}</h3>")
            if not s.eligible:
                out.append(f"<p>{e(msgs('city.none'))}</p></article>")
                continue
            out.append(
                table_head(
                    [
                        _th("#", True),
                        _th(msgs("col.id")),
                        _th(msgs("col.tier")),
                        _th(msgs("col.total"), True),
                        _th(msgs("col.status")),
                    ]
                )
            )
            for r in s.eligible:
                ev = r.evaluation
                status = msgs("shortlisted") if r.shortlisted else msgs("runner_up")
                status = evidence_status(ev, status, msgs)
                others = multi.get(ev.applicant_id)
                if others:
                    names = ", ".join(view.city_name(c) for c in others)
                    status += " ◆ " + msgs("city.multi", cities=names)
                aid = e(ev.applicant_id)
                ident = (
                    f'<a class="nw" href="#a-{aid}">{aid}</a>' if ev.applicant_id in linked else aid
                )
                out.append(
                    _tr(
                        [
                            _td(r.city_rank, True),
                            f"<td>{ident}<br>{e(msgs.name(ev))}</td>",
                            _td(ev.tier),
                            _td(total_text(ev, msgs), True),
                            _td(status),
                        ],
                        "short" if r.shortlisted else "",
                    )
                )
            out.append(TABLE_END + "</article>")
        out.append("</div>")
        out.append(f'<p class="muted">{e(msgs("city.multi_legend"))}</p>')
        return [*out, "</section>"]

    def _charts(self, view: View) -> list[str]:
        msgs = view.msgs
        out = [f'<section id="charts"><h2>{e(msgs("charts"))}</h2>', '<div class="figs">']
        for r in view.rows:
            if not r.shortlisted:
                continue
            ev = r.evaluation
            caption = f"{ev.applicant_id} · {msgs.city(ev)} · {total_text(ev, msgs)}"
            rows = [(c.title, c.points, c.max_points) for c in ev.criteria]
            out.append(
                f"<figure><figcaption>{e(caption)}</figcaption>"
                f"{points_chart(caption, rows)}</figure>"
            )
        return [*out, "</div></section>"]

    def _sensitivity(self, view: View) -> list[str]:
        msgs = view.msgs
        eligible = view.run.counts()["eligible"]
        if eligible > SENSITIVITY_MAX:
            note = msgs("sens.bounded", n=f"{eligible:,}", max=f"{SENSITIVITY_MAX:,}")
            return [
                f'<section id="sensitivity"><h2>{e(msgs("sens.title"))}</h2>',
                f'<p class="note">{e(note)}</p>',
                "</section>",
            ]
        report = analyse(view.run.compiled, view.run.results)
        out = [f'<section id="sensitivity"><h2>{e(msgs("sens.title"))}</h2>']
        out.append(f'<p class="muted">{e(msgs("sens.note"))}</p>')
        out.append(
            table_head(
                [
                    _th(msgs("col.criterion")),
                    _th(msgs("col.weight"), True),
                    _th(msgs("col.down"), True),
                    _th(msgs("col.up"), True),
                    _th(msgs("col.changes")),
                ]
            )
        )
        names = _Names(view)
        for w in report.weights:
            change = "; ".join(names.moves(m) for m in (w.down_moves, w.up_moves) if m)
            out.append(
                _tr(
                    [
                        _td(w.title),
                        _td(points(w.weight), True),
                        _td(points(w.down) if w.down is not None else "—", True),
                        _td(points(w.up) if w.up is not None else "—", True),
                        _td(change),
                    ]
                )
            )
        out.append(TABLE_END)
        within = points(report.within)
        if report.fragile:
            out.append(f"<p>{e(msgs('sens.fragile', within=within))}</p><ul>")
            for f in report.fragile:
                status = msgs("shortlisted") if f.shortlisted else msgs("runner_up")
                sign = "+" if f.delta > 0 else "−"
                out.append(
                    "<li>"
                    + e(
                        msgs(
                            "sens.fragile_row",
                            id=names(f.applicant_id),
                            city=view.city_name(f.city_id),
                            status=status,
                            criterion=f.criterion,
                            direction=sign,
                            delta=points(abs(f.delta)),
                        )
                    )
                    + "</li>"
                )
            out.append("</ul>")
        else:
            out.append(f"<p>{e(msgs('sens.none_fragile', within=within))}</p>")
        return [*out, "</section>"]

    def _explanations(self, view: View, shown: Sequence[Result]) -> list[str]:
        msgs = view.msgs
        out = [f'<section id="explanations"><h2>{e(msgs("explanations"))}</h2>']
        if len(view.rows) > len(shown):
            note = msgs("explanations.chosen", n=f"{len(shown):,}", total=f"{len(view.rows):,}")
            out.append(f'<p class="note">{e(note)}</p>')
        for r in shown:
            out += self._applicant(view, r)
        return [*out, "</section>"]

    def _applicant(self, view: View, r: Result) -> list[str]:
        msgs = view.msgs
        compiled = view.run.compiled
        ev = r.evaluation
        badge = "ok" if ev.eligible else "bad"
        out = [
            f'<article class="applicant" id="a-{e(ev.applicant_id)}">',
            f"<h3>{e(ev.applicant_id)} — {e(msgs.full_name(ev, ' '))}</h3>",
            f'<p><span class="badge {badge}">{e(msgs.tier(compiled, ev.tier))}</span> '
            f"{e(total_text(ev, msgs))} · {e(one_line(r, msgs))}</p>",
        ]
        told = separation_sentence(r, msgs)
        if told:
            out.append(f"<p>{e(told)}</p>")
        review = review_reasons(r, msgs)
        if review:
            out.append(f"<p><b>{e(msgs('review.heading'))}</b></p><ul>")
            out += [f"<li>{e(reason)}</li>" for reason in review]
            out.append("</ul>")
        if ev.failed_gates:
            out.append(f"<p>{e(msgs('ex.failed'))}</p><ul>")
            out += [
                f"<li><b>{e(g.title)}</b>{e(msgs.colon)}{e(g.reason.strip())} <span class='muted'>{e(msgs.paren(g.detail).strip())}</span></li>"
                for g in ev.failed_gates
            ]
            out.append("</ul>")
        if ev.provisional:
            out.append(f"<p>{e(msgs('ev.send'))}</p><ul>")
            out += [f"<li>{e(line)}</li>" for line in wanted_lines(ev, msgs)]
            out.append("</ul>")
        losses = biggest_losses(r)
        if losses:
            out.append(f"<p>{e(msgs('ex.losses'))}</p><ul>")
            out += [
                "<li>"
                + e(
                    msgs(
                        "ex.loss",
                        criterion=c.title,
                        points=points(c.points),
                        max=points(c.max_points),
                        detail=c.detail,
                    )
                )
                + "</li>"
                for c in losses
            ]
            out.append("</ul>")
        out.append(
            f"<p><b>{e(msgs('ex.whatif'))}</b> {e(outlook_line(view.outlook(r), compiled, msgs))}</p>"
        )
        rows = [
            _tr(
                [
                    _td(points(c.points), True),
                    _td(points(c.max_points), True),
                    _td(c.title),
                    _td(c.detail),
                ]
            )
            for c in ev.criteria
        ]
        rows += [
            _tr(
                [
                    _td(f"+{points(b.points)}", True),
                    _td("", True),
                    _td(f"{msgs('ex.bonus')}{msgs.colon}{b.title}"),
                    _td(b.detail),
                ]
            )
            for b in ev.bonuses
        ]
        head = _tr(
            [
                _th(msgs("col.points"), True),
                _th(msgs("col.max"), True),
                _th(msgs("col.criterion")),
                _th(""),
            ]
        )
        gates = "".join(
            f"<li>[{e(msgs('ex.pass') if g.passed else msgs('ex.fail'))}] {e(g.title)}{e(msgs.colon)}{e(g.detail)}</li>"
            for g in ev.gates
        )
        out.append(
            f"<details><summary>{e(msgs('ex.details'))}</summary>"
            f"<ul>{gates}</ul><table>{head}{''.join(rows)}</table>"
            f'<p class="muted">{e(ev.source_path)}</p></details>'
        )
        return [*out, "</article>"]

    def _manifest(self, view: View) -> list[str]:
        msgs = view.msgs
        run = view.run
        profile = run.compiled.profile
        manifest = view.manifest()
        out = [f'<section id="manifest"><h2>{e(msgs("manifest"))}</h2><table>']
        out.append(_tr([_th(msgs("manifest.tool")), _td(f"dealerscreen {manifest['version']}")]))
        out.append(_tr([_th(msgs("manifest.profile")), _td(f"{profile.id} v{profile.version}")]))
        out.append(_tr([_th(msgs("manifest.time")), _td(view.generated_at or "-")]))
        out.append("</table>")
        for label, files in (
            (msgs("manifest.criteria"), dict(sorted(run.compiled.loaded.files.items()))),
            (msgs("manifest.applicants"), run.applicant_files()),
        ):
            out.append(f"<h3>{e(label)}</h3><table>")
            out += [
                _tr([_td(p), f"<td><code>{e(sha or '-')}</code></td>"]) for p, sha in files.items()
            ]
            out.append("</table>")
        return [*out, "</section>"]
