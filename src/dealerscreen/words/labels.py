"""Report labels: the English texts here, the other languages in the gettext catalogs.

Only the framing is translated here. Names come from data: cities from the profile's city
list (`name: {en, zh}`), tiers from their `label`; rule details come from the rule kinds'
own phrases (rules/phrases.py).

A new text: add its key and English to EN, then its Chinese either straight into
`locale/zh/LC_MESSAGES/dealerscreen.po` (msgctxt "report:<key>") or into the ZH dict
below, and run `python3 dev.py catalog`, which moves ZH's entries into the .po, empties
ZH here and compiles the .mo (a test fails while ZH holds anything). Until then an entry
of ZH is used as it is. Every key must have both languages with the same
placeholders (tests/test_catalogs.py).
"""

from __future__ import annotations

from typing import TypeVar

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.i18n import langs, punctuation
from dealerscreen.i18n.catalogs import translated
from dealerscreen.i18n.langs import SPOKEN, Lang
from dealerscreen.models.result import Evaluation
from dealerscreen.words import bookwords

LANGS: tuple[Lang, ...] = SPOKEN
T = TypeVar("T")

EN: dict[str, str] = {
    "title": "{title} — profile {id} v{version}",
    "col.rank": "Rank",
    "col.id": "ID",
    "col.applicant": "Applicant",
    "col.city": "City",
    "col.city_rank": "City rank",
    "col.tier": "Tier",
    "col.total": "Total",
    "col.score": "Score",
    "col.bonus": "Bonus",
    "col.reason": "Reason",
    "col.points": "Points",
    "col.max": "Max",
    "col.criterion": "Criterion",
    "col.weight": "Weight",
    "col.down": "Down by",
    "col.up": "Up by",
    "col.changes": "First change",
    "col.status": "Status",
    "table.dropped": "Not shown at this width: {columns} (a wider terminal shows them; `dealerscreen explain` tells one applicant in full).",
    "legend.city_rank": "City rank: the place among the city's eligible applicants; the first ones, up to the city's quota, are shortlisted, the others runners-up.",
    "counts": "{found} files: {screened} screened ({eligible} eligible), {invalid} invalid, {skipped} skipped.",
    "summary": "{found} found, {screened} screened, {invalid} invalid, {skipped} skipped",
    "summary.warnings": ", {n} warning(s)",
    "illustrative": "Note: reference list(s) {lists} are ILLUSTRATIVE, not real data.",
    "manifest.line": "{tool} {version} · profile {profile} v{profile_version} · criteria sha256 {criteria} · applicants sha256 {applicants} ({n} files) · run {time}",
    "manifest.line.one": "{tool} {version} · profile {profile} v{profile_version} · criteria sha256 {criteria} · applicants sha256 {applicants} ({n} file) · run {time}",
    "manifest": "Manifest",
    "manifest.tool": "Tool",
    "manifest.profile": "Profile",
    "manifest.time": "Run time",
    "manifest.criteria": "Criteria files (sha256)",
    "manifest.applicants": "Applicant files (sha256)",
    "tier.out": "out",
    "yes": "yes",
    "no": "no",
    "reason.out": "Out: {gate}{more}",
    "reason.more": " (+{n} more)",
    "reason.weakest": "Weakest: {criterion} {points}/{max}",
    "reason.full": "full points",
    "line.ineligible": "Ineligible: {reason}{more}",
    "line.where": "{ordinal} in {city}",
    "line.quota": " (quota {quota}): {status}",
    "line.loss": "; most points lost on {criterion} ({points}/{max})",
    "shortlisted": "shortlisted",
    "runner_up": "runner-up",
    "ranked": "Ranked applicants",
    "cities": "Cities",
    "coverage": "Coverage",
    "coverage.none": "{city}: no eligible applicant (quota {quota})",
    "coverage.short": "{city}: {n} eligible for a quota of {quota}",
    "coverage.ok": "Every city has at least its quota of eligible applicants.",
    "city.head": "{city} — quota {quota}, {n} eligible, {out} ineligible",
    "city.no_quota": "no quota",
    "city.shortlist": "Shortlist",
    "city.runners_up": "Runners-up",
    "city.none": "(none)",
    "city.multi": "also applies in {cities}",
    "city.multi_legend": "◆ the dealer group also applies in another city.",
    "explanations": "Explanations",
    "explanations.bounded": "Explanations of the first {n} of {total} applicants, in rank order; `dealerscreen explain --id ID PATH...` explains any other, and the json report explains all.",
    "charts": "Points by criterion (shortlisted applicants)",
    "chart.tiers": "Tier distribution",
    "ex.city": "City: {city}    File: {file}",
    "ex.eligible": "Decision: ELIGIBLE, tier {tier}, {total}; rank {rank} overall, {ordinal} in {city}{status}",
    "ex.status": " (quota {quota}: {status})",
    "ex.ineligible": "Decision: INELIGIBLE ({n} requirement(s) not met)",
    "ex.gates": "Requirements (gates):",
    "ex.details": "Full breakdown: every requirement and every point",
    "ex.pass": "pass",
    "ex.fail": "FAIL",
    "ex.why": "Why",
    "ex.points": "Points: {score}/{max} from criteria + {bonus} bonus",
    "ex.missing": " (not stated: {policy})",
    "ex.missing.zero": "scored 0",
    "ex.missing.neutral": "scored half the points",
    "ex.missing.fail": "required",
    "ex.unreviewed.zero": " (scored 0 until the team's review)",
    "ex.unreviewed.neutral": " (scored half the points until the team's review)",
    "ex.unreviewed.fail": " (required: not eligible until the team's review)",
    "ex.bonus": "bonus",
    "ex.advisories": "Advisories:",
    "ex.unverified": " (unverified requirement)",
    "ex.check.detail": " {detail}",  # what an advisory found, after its message
    "basis.published": "published",
    "basis.reported": "reported, unverified",
    "basis.team": "team's judgement",
    "basis.unstated": "basis not stated",
    "basis.part.published": "{n} published",
    "basis.part.reported": "{n} reported (unverified)",
    "basis.part.team": "{n} on the team's judgement",
    "basis.part.unstated": "{n} with no stated basis",
    "basis.sep": ", ",
    "basis.line": "Basis of the score: of {max} points, {points}. Bonus points: {bonuses}. Gates: {gates}.",
    "ex.basis.team": "The team's threshold, not a published requirement: {rationale}",
    "reason.not_stated": "Not stated: {facts}. Without it the requirement is not met: {requirement}.",
    "ex.not_stated": "not stated, so not checked: {facts}",
    "ex.ask": "Facts to ask the applicant for (not stated in the application):",
    "ex.basis.reported": "From an unverified report, not a published requirement.",
    "ex.unknown": "unknown",
    "ex.losses": "Most points lost:",
    "ex.loss": "{criterion}: {points} of {max} ({detail})",
    "ex.failed": "Requirements not met:",
    "ex.whatif": "What would change the outcome:",
    "ex.change.tier": "{fact} {old} → {new} would add {gain} points and reach tier {tier}.",
    "ex.change.eligible": "{fact} {old} → {new} would make it eligible (tier {tier}).",
    "ex.change.top": "Already in the top tier.",
    "ex.change.none": "No change of a single fact reaches the next tier.",
    "sens.title": "Sensitivity of the city shortlists to each criterion's weight",
    "sens.note": "What-if on one weight at a time, others fixed (a real profile keeps the weights adding up to max_points). Moves are in points of weight; '—' means no shortlist changes in that direction.",
    "sens.fragile": "Fragile: shortlist status flips when a weight moves by {within} points or less",
    "sens.fragile_row": "{id} ({city}, {status}): {criterion} {direction}{delta}",
    "sens.move": "{city}: {changes}",
    "sens.enters": "{names} enters the shortlist",
    "sens.leaves": "{names} leaves it",
    "sens.none_fragile": "No applicant's shortlist status flips within {within} points.",
    "sens.bounded": "Not computed for this page: {n} eligible applicants, and the page analyses up to {max}. `dealerscreen sensitivity PATH...` computes it for any batch (its time grows with the square of each city's eligible applicants).",
    # The xlsx workbook: sheets, column headings, and the words in its cells
    "xlsx.overview": "Overview",
    "xlsx.ranked": "Ranked",
    "xlsx.explanations": "Explanations",
    "xlsx.manifest": "Manifest",
    "xlsx.rules": "Rules",
    "form.sheet": "Application",
    "form.version": " ({id} v{version})",
    "form.field": "{label}: {text}",
    "form.lists": "Lists",
    "form.title": "Application form: {title}",
    "form.line_pt": "15",  # a line of the form's help, in points (a CJK line is taller)
    "form.intro": "One applicant per row from row {row} on (row 2 describes each column, row 3 is an example and is not read). Leave a cell empty when a fact is not known. Send the file back as it is: it is read without any other file.",
    "form.required": "Required.",
    "form.choices": "Choose one of: {choices}.",
    "form.list": "Choose from the list ({n} names; English or Chinese).",
    "form.unit": "Unit: {unit}.",
    "form.yes_no": "yes or no.",
    "form.yaml_intro": "One applicant per file. Change the example values to yours; delete a line (or leave it commented out with #) when the fact is not known.",
    "form.bad_value": "Choose a value from the list.",
    "form.bad_whole": "Write a whole number, 0 or more.",
    "form.bad_number": "Write a number, 0 or more.",
    "form.bad_date": "Write a date after 2000-01-01, such as 2024-01-15.",
    "form.hidden_note": "The column mapping of this form, read by dealerscreen: do not edit.",
    "xlsx.failed": "{reason} ({detail})",
    "xlsx.advisory": "{message} ({detail})",
    "col.source_title": "Source title",
    "col.published": "Published",
    "xlsx.explained_all": "Every decision in words: {n} applicants in rank order, a row for each rule; the Rules sheet names the source of each rule.",
    "xlsx.capped": "Only the first {n} of {total} rows fit in a sheet; the csv and json reports hold them all.",
    "col.legal_name": "Legal name",
    "col.chinese_name": "Chinese name",
    "col.group": "Dealer group",
    "col.rank_in_city": "Rank in city",
    "col.quota": "City quota",
    "col.criterion_points": "{criterion} (of {max})",
    "col.failed": "Requirements not met",
    "col.file": "File",
    "col.also_applies": "Also applies in",
    "col.n_eligible": "Eligible",
    "col.n_shortlisted": "Shortlisted",
    "col.n_runners_up": "Runners-up",
    "col.n_ineligible": "Ineligible",
    "col.part": "Part",
    "col.item": "Item",
    "col.source": "Source",
    "col.value": "Value",
    "status.ineligible": "ineligible",
    "flag.none": "no eligible applicant",
    "flag.short": "fewer eligible than the quota",
    "flag.ok": "covered",
    "coverage.ok.city": "At least its quota of eligible applicants.",
    "part.decision": "Decision",
    "part.gate": "Requirement",
    "part.criterion": "Criterion",
    "part.bonus": "Bonus",
    "part.advisory": "Advisory",
    "part.whatif": "What would change",
    "manifest.version": "Version",
    "manifest.profile_version": "Profile version",
    "manifest.profile_title": "Profile title",
    "manifest.lists": "Illustrative reference lists",
    # review (#12): ties, quotas and near misses told; totals on the scale they are out of
    "total.of": "{score}/{max}",
    "total.bonus": "{score}/{max} + {bonus} bonus",
    "sep.key.total": "total",
    "sep.key.score": "criteria points",
    "sep.key.bonus": "bonus points",
    "sep.key.criterion": "{title} points",
    "sep.key.field": "{field}",
    "sep.key.applicant_id": "applicant id",
    "sep.not_stated": "not stated",
    "sep.runner_up": "Runner-up in {city}: the quota is {quota} and {other} ranks above {how}.",
    "sep.shortlisted": "Shortlisted in {city} on the last place of the quota ({quota}): {other}, the first runner-up, ranks below {how}.",
    "sep.by": "by {by} ({theirs} vs {ours})",
    "sep.tie": "with the same {tied}; the tie was broken by {by} ({theirs} vs {ours})",
    "sep.unbroken": "with the same {tied}: no criterion broke the tie, only the applicant id did ({first} before {second}); needs review",
    "sep.line.tie": "; tied with {other} on {tied}, broken by {by} ({theirs} vs {ours})",
    "sep.line.unbroken": "; tied with {other} on every criterion: needs review",
    "review.heading": "Needs review:",
    "review.mark": "needs review",
    "review.gate": "{gate}: {field} is {value}, within the review margin ({margin}) of the team's threshold {sym} {threshold}.",
    "review.tier": "{total} points is within the review margin ({margin}) of tier {tier}, which starts at {at}.",
    "review.tie": "The tie with {other} across the city's quota line was broken only by the applicant id.",
    "review.basis": "Review margin: {rationale}",
    "total.cell": "{score}+{bonus}",
    "legend.total": "Total: the criteria points out of {max}, then the bonus beside them (93+5: 93 of {max} and a 5-point bonus).",
    # html/terminal (#14)
    "progress.screening": "Screening",
    "progress.left": "ETA",
    "reason.strong": "Strong: {criterion}",
    "reason.weak": "weak: {criterion} scored {points} of {max}; batch average {mean}",
    "reason.no_weak": "nothing below the batch average",
    "reason.sep": "; ",
    "reason.behind_cut": "{gap} points behind {city} #{place}, most on {criterion} (−{delta})",
    "reason.behind_cut.part": "{gap} points behind {city} #{place}; the largest part on {criterion} (−{delta})",
    "reason.tied": "Same total as {city} #{place}; placed after it by the tie-break",
    "reason.bonus": "bonus points",
    "reason.out_missing": "Out: {gate} (not stated: {facts}){more}",
    "html.filter": "Filter",
    "html.filter_hint": "ID, name, city, reason…",
    "html.all_cities": "All cities",
    "html.all_tiers": "All tiers",
    "html.all_statuses": "All statuses",
    "html.status_out": "not eligible",
    "html.shown": "{n} of {total} rows shown",
    "html.sort_hint": "Select a column heading to sort by it; again to reverse.",
    "explanations.chosen": "Explanations of {n} of {total} applicants: the shortlisted, then the runners-up next in line (up to twice a city's quota), then the others in rank order; `dealerscreen explain --id ID PATH...` explains any other, and the json report explains all.",
    "html.compact": "{n} applicants are listed here without an explanation on this page (their IDs are not links): `dealerscreen explain --id ID PATH...` explains any of them.",
    # evidence (#12)
    "ev.provisional": "provisional",
    "ev.final": "final",
    "ev.status": "{status}, provisional",
    "ev.decision": "Provisional: eligible on statements the team has not yet seen verified documents for ({gates}); final once the documents below are verified.",
    "ev.gate": "Provisional: no verified document yet for {facts}.",
    "ev.basis.team": "Asking for these documents is the screening team's policy, not a published requirement: {rationale}",
    "ev.heading": "Evidence listed in the application:",
    "ev.entry": "{fact}: {document}{reference}, {status}",
    "ev.reference": " ({reference})",
    "ev.verified": "verified by {by}",
    "ev.verified_on": "verified by {by} on {date}",
    "ev.submitted": "submitted, not verified",
    "ev.send.only": "Documents to send:",
    "ev.awaiting": "Documents received, being checked by the team (nothing to send):",
    "ev.want": "{fact}: {documents}",
    "ev.any": "any document",
    "ev.or": " or ",
    "ev.line": " (provisional: {parts})",
    "ev.line.send": "documents to send for {facts}",
    "ev.line.awaiting": "documents for {facts} being checked",
    "ev.city": "provisional",
    "col.provisional": "Provisional",
    "col.evidence_wanted": "Documents to send",
    "doc.business_licence": "business licence",
    "doc.audited_accounts": "audited accounts",
    "doc.tax_records": "tax records",
    "doc.ranking_certificate": "top-100 ranking certificate",
    "doc.store_list": "list of stores with their licences",
    "doc.lease": "lease",
    "doc.property_deed": "property deed",
    "doc.repair_qualification_certificate": "repair qualification certificate",
    "doc.brand_authorisation": "brand authorisation",
    "doc.sales_records": "sales records",
    "doc.customer_records": "customer records",
    "doc.other": "other document",
}

EN.update(bookwords.EN)  # the workbook's summary and rules sheet
EN.update(punctuation.EN)  # a language's punctuation and order of words

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`

CATALOGUES: dict[str, dict[str, str]] = {  # ZH: not yet moved into the .po
    lang: translated(lang, "report:", EN, {"zh": ZH}) for lang in SPOKEN
}


def _catalogue(lang: str) -> dict[str, str]:
    """A language's labels: built at import for the languages spoken then, else now."""
    found = CATALOGUES.get(lang)
    return found if found is not None else translated(lang, "report:", EN, {"zh": ZH})


def ordinal(n: int, lang: str = "en") -> str:
    if lang != "en":
        return _catalogue(lang)["ordinal"].format(n=n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Messages:
    """Labels for one language; names of cities and tiers from the profile's data."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in langs.SPOKEN else "en"
        self.catalogue = _catalogue(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        return self.catalogue[key].format(**values)

    def ordinal(self, n: int) -> str:
        return ordinal(n, self.lang)

    def city(self, ev: Evaluation) -> str:
        return langs.localised({"zh": ev.city_name_zh}, self.lang, ev.city_name)

    def name(self, ev: Evaluation) -> str:
        """The applicant's name: its Chinese name in a Chinese report, when it has one."""
        return langs.localised({"zh": ev.chinese_name}, self.lang, ev.legal_name)

    def tier(self, compiled: CompiledProfile, tier_id: str | None) -> str:
        """The tier's label in this language ('B: strong'), or its id; 'out' when none."""
        if tier_id is None:
            return self("tier.out")
        for tier in compiled.tiers:
            if tier.id == tier_id:
                return tier.label.get(self.lang) or tier.label.get("en") or tier.id
        return tier_id

    def yes_no(self, value: bool) -> str:
        return self("yes") if value else self("no")

    # Punctuation (the catalog's): Chinese text takes full-width colons and brackets, with
    # no space around.
    @property
    def colon(self) -> str:
        return self.catalogue["punct.colon"]

    @property
    def list_sep(self) -> str:
        """Between the items of a list in running text: ', ', in Chinese '、'."""
        return self.catalogue["punct.list"]

    @property
    def comma(self) -> str:
        return self.catalogue["punct.comma"]

    @property
    def semicolon(self) -> str:
        return self.catalogue["punct.semicolon"]

    @property
    def space(self) -> str:
        """Between two words or sentences: ' ', in Chinese nothing."""
        return self("punct.space", before="", after="")

    def paren(self, text: str) -> str:
        """' (text)' after a word; '（text）' in Chinese."""
        return self("punct.paren", text=text)

    def in_order(self, first: T, other: T) -> tuple[T, T]:
        """Two names, or their columns, in the order `names` says them."""
        template = self.catalogue["punct.names"]
        swapped = template.index("{other}") < template.index("{first}")
        return (other, first) if swapped else (first, other)

    def names(self, first: str, other: str | None, sep: str = " ") -> str:
        """Two names of one thing, the reader's first: 'Suzhou 苏州', in Chinese '苏州 Suzhou'."""
        if not other or other == first:
            return first
        return self("punct.names", first=first, other=other, sep=sep)

    def full_name(self, ev: Evaluation, sep: str = "  ") -> str:
        """The applicant's legal and Chinese names, the Chinese first in a Chinese report."""
        return self.names(ev.legal_name, ev.chinese_name, sep)

    def city_names(self, ev: Evaluation) -> str:
        return self.names(ev.city_name, ev.city_name_zh)


EN_MESSAGES = Messages("en")
