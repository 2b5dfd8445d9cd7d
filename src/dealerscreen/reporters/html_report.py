"""`--format html`: one self-contained page a decision-maker opens in a browser.

No network: no external URL, font, stylesheet or script; the CSS is inline, the charts are
inline SVG, and one small inline script (`html_script`) opens every explanation when the
page is printed or saved as PDF, and sorts and filters the tables. On a narrow screen
(400 px) tables wrap rather than widen the page. Every piece of text from a file (names,
reasons, details) is html-escaped. Sections: summary, coverage flags, tier distribution,
ranked table (`html_ranked`), per-city shortlists, a points-by-criterion chart for each
shortlisted applicant, sensitivity of the shortlists to the weights (`html_sensitivity`),
the explanations (`html_applicant`: of every applicant, or of the rows that matter in a
large batch), and the manifest.
"""

from __future__ import annotations

from collections import Counter

from dealerscreen.reporters import html_ranked
from dealerscreen.reporters.citylines import city_heading, coverage_lines
from dealerscreen.reporters.html_applicant import explanations_section
from dealerscreen.reporters.html_parts import TABLE_END, e, table_head
from dealerscreen.reporters.html_parts import td as _td
from dealerscreen.reporters.html_parts import th as _th
from dealerscreen.reporters.html_parts import tr as _tr
from dealerscreen.reporters.html_script import TABLE_SCRIPT
from dealerscreen.reporters.html_sensitivity import sensitivity_section
from dealerscreen.reporters.html_style import CSS
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.reporters.svg import points_chart, tier_chart
from dealerscreen.reporters.team import team_html
from dealerscreen.words.evidence_words import status as evidence_status
from dealerscreen.words.telling import total_text

# Explanations one page holds: beyond it the page would take longer to open than to read,
# so a large batch's page explains the rows that matter (`html_ranked.explained`).
EXPLAINED_MAX = 2000


class HtmlReporter(Reporter):
    def render(self, view: View) -> str:
        data = view.data
        # the page reads its rows in several passes
        view.rows.remember(min(len(view.rows), EXPLAINED_MAX))
        msgs = view.msgs
        shown = html_ranked.explained(view.rows, EXPLAINED_MAX, view.compiled)
        linked = set(shown.ids())
        profile = view.compiled.profile
        title = msgs("title", title=profile.title, id=profile.id, version=profile.version)
        lang = msgs("lang.tag")
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            '<head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title>",
            f"<style>{CSS}</style></head>",
            "<body><main>",
            f"<h1>{e(title)}</h1>",
            f"<p>{e(msgs('counts', **data.counts))}</p>",
        ]
        lists = data.illustrative_lists
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
        out += sensitivity_section(view)
        out += explanations_section(view, shown)
        out += team_html(view)  # a programme's: the team's acts
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
        compiled = view.compiled
        counts = Counter(view.rows.tiers())  # read off the rows: neither explained nor decoded
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
        for position, _, shortlisted in view.rows.placed_rows():  # only the shortlist explained
            if not shortlisted:
                continue
            r = view.rows[position]
            ev = r.evaluation
            caption = f"{ev.applicant_id} · {msgs.city(ev)} · {total_text(ev, msgs)}"
            rows = [(c.title, c.points, c.max_points) for c in ev.criteria]
            out.append(
                f"<figure><figcaption>{e(caption)}</figcaption>"
                f"{points_chart(caption, rows)}</figure>"
            )
        return [*out, "</div></section>"]

    def _manifest(self, view: View) -> list[str]:
        msgs = view.msgs
        profile = view.compiled.profile
        manifest = view.manifest()
        out = [f'<section id="manifest"><h2>{e(msgs("manifest"))}</h2><table>']
        out.append(_tr([_th(msgs("manifest.tool")), _td(f"dealerscreen {manifest['version']}")]))
        out.append(_tr([_th(msgs("manifest.profile")), _td(f"{profile.id} v{profile.version}")]))
        out.append(_tr([_th(msgs("manifest.time")), _td(view.generated_at or "-")]))
        out.append("</table>")
        for label, files in (
            (msgs("manifest.criteria"), dict(sorted(view.compiled.loaded.files.items()))),
            (msgs("manifest.applicants"), dict(view.data.applicant_files())),
        ):
            out.append(f"<h3>{e(label)}</h3><table>")
            out += [
                _tr([_td(p), f"<td><code>{e(sha or '-')}</code></td>"]) for p, sha in files.items()
            ]
            out.append("</table>")
        return [*out, "</section>"]
