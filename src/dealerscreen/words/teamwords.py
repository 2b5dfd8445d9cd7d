"""The programme record's words: the team's acts beside a decision, the status board, a
history, and what the programme commands say; English here, the other languages in the
gettext catalogs (msgctxt "team:<key>", `python3 dev.py catalog`).

A standing (programme/queries.py) is plain data; its flags are keys with values, put into
words here, in the reader's language. Stage names of the default stages are words of the
catalog (初筛, 补件, ...); a stage a programme.yaml adds is shown as written there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dealerscreen.i18n.catalogs import translated
from dealerscreen.i18n.punctuation import punct

EN: dict[str, str] = {
    "stage.screen": "screen",
    "stage.information-requested": "information requested",
    "stage.due-diligence": "due diligence",
    "stage.site-visit": "site visit",
    "stage.letter-of-intent": "letter of intent",
    "stage.contract": "contract",
    "stage.rejected": "rejected",
    "stage.withdrawn": "withdrawn",
    "outcome.shortlisted": "shortlisted",
    "outcome.reserve": "reserve",
    "outcome.not-eligible": "not eligible",
    "outcome.awaiting-information": "awaiting information",
    "outcome.not-screened": "not screened",
    "team.title": "The team's acts",
    "team.none": "No act of the team yet.",
    "team.stage": "stage: {stage}",
    "team.shown": "decision: {shown}",
    "team.computed": "computed: {computed}",
    "team.col.shown": "decision",
    "team.col.computed": "computed",
    "team.override": "override {act} by {by} to {to}: {reason}",
    "team.override.approved": "approved by {by}",
    "team.override.waiting": "awaits approval",
    "team.request": "information requested (act {act}): {facts}, due {due}",
    "team.verified": "verified by the team: {facts}",
    "team.reviews": "reviews: {reviews}",
    "team.review": "{criterion} {mean} ({n} reviewer(s))",
    "team.reviews.model": "Reviewers' scores count in the decision only for the criteria the profile scores from reviews (kind: reviewed), averaged over the reviewers; any other score is shown beside the decision, not counted in it.",
    "flag.override-changed": "the decision override {act} overrode has changed: was {was}, now {now}",
    "flag.override-waiting": "override {act} awaits approval",
    "flag.request-overdue": "request {act} is overdue (due {due})",
    "flag.provisional": "provisional: verifications missing",
    "flag.reviewers-disagree": "reviewers disagree on {criterion} (spread {spread})",
    "status.as-of": "{title} · as of {as_of}",
    "status.pipeline": "Pipeline (city: stage n)",
    "status.waiting": "Waiting",
    "status.applicants": "Applicants",
    "status.applicants.acted": "Applicants the team has acted on or that wait on someone: {n} of {total} (--all lists every one)",
    "status.applicants.all": "Applicants: all {total}",
    "status.none-listed": "none: the team has acted on no applicant, and none waits",
    "team.listed": "The applicants the team has acted on or flagged; every other decision stands as computed, at the first stage.",
    "status.html-pipeline": "Pipeline",
    "status.html-as-of": "As of {as_of}",
    "status.title": "{title}: status",
    "status.city": "city",
    "status.id": "id",
    "status.name": "name",
    "status.decision": "decision",
    "status.flags": "flags",
    "status.stage": "stage",
    "status.total": "total",
    "waiting.overdue_requests": "overdue requests",
    "waiting.awaiting_information": "awaiting information",
    "waiting.missing_verifications": "missing verifications",
    "waiting.overrides_awaiting_approval": "overrides awaiting approval",
    "history.submission": "submission v{version} sha256 {digest} from {source}",
    "history.decision": "decision {outcome} (run {run}, as of {as_of}, criteria sha256 {digest})",
    "history.act": "act {act} {kind} by {by}",
    "history.reason": "reason: {reason}",
    "history.letter": "letter {kind} ({outcome}) sha256 {digest} to {path}",
    "letter.shortlisted": "shortlisted",
    "letter.runner_up": "runner-up",
    "letter.rejected": "rejected",
    "letter.request": "request for information",
    "act.verify": "verify",
    "act.request": "request",
    "act.override": "override",
    "act.approve": "approve",
    "act.stage": "stage",
    "act.review": "review",
    "act.note": "note",
    "act.intake": "intake",
    "act.screen": "screen",
    "act.letter": "letter",
    "act.round": "next round",
    "msg.no-applicant": "no applicant '{id}' in the record (intake its application first)",
    "msg.core": "{text}",
    "msg.not-a-date": "'{text}' is not a date: write it as YYYY-MM-DD",
    "msg.not-a-document": "'{text}' is not a kind of document: {kinds}",
    "msg.not-stated": "{id} does not state {fact}: there is nothing to verify",
    "msg.due-past": "the due date {due} is already past",
    "msg.not-an-outcome": "'{text}' is not an outcome: {outcomes}",
    "msg.no-reason": "an override needs a reason: --reason TEXT",
    "msg.not-an-override": "act {act} is not an override",
    "msg.own-override": "act {act} is {by}'s own override: a second person approves it",
    "msg.approved-already": "act {act} was approved already (act {other})",
    "msg.not-a-stage": "'{text}' is not a stage: {stages}",
    "msg.stage-end": "{id} is at '{now}' and cannot move to '{to}': '{now}' is an end",
    "msg.illegal-move": "{id} is at '{now}' and cannot move to '{to}'; from '{now}' it may move to: {moves}",
    "msg.not-a-score": "'{text}' is not CRITERION=SCORE with a reviewer-scored criterion: {known}",
    "msg.score-range": "'{text}': a score is a number from {low} to {high}",
    "msg.no-score": "give at least one CRITERION=SCORE",
    "msg.no-text": "a note needs its text",
    "msg.db-kind": "unknown kind of database: {url}",
    "msg.db-url": "not a database URL: {url} ({detail})",
    "msg.db-psycopg": "a PostgreSQL record needs psycopg: pip install 'dealerscreen[postgres]'",
    "msg.db-newer": "the record's schema is '{found}', made by a newer version of dealerscreen than this one (which knows up to '{head}'): upgrade dealerscreen to open it",
    "msg.db-open": "cannot open the record {url}: {detail}",
    "msg.db-write": "the record could not be written: {detail}",
    "msg.no-programme-in": "no {file} in {folder}",
    "msg.no-programme": "no {file} here or in any folder above: give -p DIR, or make one with `dealerscreen programme init DIR --criteria ID`",
    "msg.exists": "{path} already exists",
    "msg.name-too-long": "a name of at most {max} characters, not {n}",
    "msg.path-and-programme": "give PATH or -p DIR, not both",
    "msg.checks-are-acts": "a programme's checks are its verify acts",
    "msg.history-none": "no applicant '{id}' in the record",
    "msg.explain-id": "name the programme's applicant to explain with --id",
    "msg.made": "programme made in {folder} (edit {folder}/programme.yaml for its stages)",
    "msg.intake": "intake {run}: {new} new, {changed} changed, {unchanged} unchanged, {invalid} invalid, {skipped} skipped",
    "msg.recorded": "act {act}: {kind}{about}, by {by}, recorded",
    "msg.intact": "the record is intact: {n} acts, each matching its digest and chain",
    "msg.chain-prev": "act {act} ({kind}): the act before it is not the one it was appended after",
    "msg.chain-edited": "act {act} ({kind}): its content does not match its digest (edited)",
    "msg.chain-submissions": "act {act} ({kind}): the submissions it recorded were changed",
    "msg.chain-decisions": "act {act} ({kind}): the decisions it recorded were changed",
    "msg.chain-removed": "the record holds {n} acts, but {counted} were appended: acts were removed",
    "msg.letters": "{n} letter(s) written to {folder} and recorded; {same} not written: told already (--unsent)",
    "msg.unsent-files": "--unsent compares with the letters a programme's record keeps: give -p DIR",
    "msg.round": "next round made in {folder} under {criteria}: {n} applicant(s) carried",
    "msg.round-unscreened": "{folder} has no decision yet: screen it before its next round",
    "msg.chain-unsealed": "{table} of run {run} are sealed by no act: added by hand",
    "msg.chain-run-detail": "act {act} ({kind}): the detail of run {run} it recorded was changed",
    "history.verify": "act {act}: {by} verified {fact} ({value}) against {document}",
    "history.verify.ref": "reference {reference}",
    "history.verify.expires": "valid until {expires}",
    "history.request": "act {act}: {by} asked for {facts}, due {due}",
    "history.request.open": "act {act}: {by} asked for {facts}",
    "history.override": "act {act}: {by} overrode the decision: {was} -> {to}",
    "history.override.approval": "takes effect when a second person approves it",
    "history.approve": "act {act}: {by} approved override act {target}",
    "history.stage": "act {act}: {by} moved the stage: {was} -> {to}",
    "history.review": "act {act}: {by} scored {scores}",
    "history.note": "act {act}: {by} noted: {text}",
    "msg.round-db-exists": "the next round's database {url} holds tables already: give an empty one with --into-db URL",
    "msg.round-db-make": "cannot make the next round's database {name} ({detail}): have it made (empty), or give the next round's database with --into-db URL",
    "msg.decision-digest": "decision {decision} of {id} (run {run}): its record does not match its digest (edited)",
    "msg.decision-columns": "decision {decision} of {id} (run {run}): {columns} not what its record says (edited)",
}

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`


def say(key: str, lang: str, **values: object) -> str:
    """The text of `key` in `lang` (a pending ZH text until the catalog has it)."""
    return translated(lang, "team:", EN, {"zh": ZH})[key].format(**values)


def act_name(kind: str, lang: str) -> str:
    key = "act." + kind
    return say(key, lang) if key in EN else kind


def letter_name(kind: str, lang: str) -> str:
    key = "letter." + kind
    return say(key, lang) if key in EN else kind


def stage_name(stage: str, lang: str) -> str:
    key = "stage." + stage
    return say(key, lang) if key in EN else stage


def outcome_name(outcome: str | None, lang: str) -> str:
    key = f"outcome.{outcome or 'not-screened'}"
    return say(key, lang) if key in EN else str(outcome)


def flag_text(flag: Mapping[str, Any], lang: str) -> str:
    """A standing's flag ({"flag": key, ...values}) in words."""
    values = {k: v for k, v in flag.items() if k != "flag"}
    for name in ("was", "now"):
        if name in values:
            values[name] = outcome_name(values[name], lang)
    if "spread" in values:
        values["spread"] = f"{values['spread']:g}"
    return say("flag." + str(flag["flag"]), lang, **values)


def override_text(o: Mapping[str, Any], lang: str) -> str:
    text = say(
        "team.override",
        lang,
        act=o["act"],
        by=o["by"],
        to=outcome_name(o["to"], lang),
        reason=o["reason"],
    )
    after = (
        say("team.override.approved", lang, by=o["approved_by"])
        if o.get("approved_by")
        else (say("team.override.waiting", lang) if not o["in_effect"] else "")
    )
    return text + paren(after, lang) if after else text


def shown_text(standing: Mapping[str, Any], lang: str) -> str:
    """The decision as the programme shows it, with the override that made it."""
    shown = outcome_name(standing["shown"], lang)
    o = standing.get("override")
    if o and o["in_effect"]:
        return shown + paren(override_text(o, lang), lang)
    return shown


def team_lines(standing: Mapping[str, Any], lang: str) -> list[str]:
    """What the team did about one applicant, a line each: stage, the decision shown (and
    the computed one when an act changed it), override, open requests, checks, reviews,
    flags."""
    lines = [say("team.stage", lang, stage=stage_name(standing["stage"], lang))]
    lines.append(say("team.shown", lang, shown=outcome_name(standing["shown"], lang)))
    if standing["shown"] != standing["computed"]:
        lines.append(say("team.computed", lang, computed=outcome_name(standing["computed"], lang)))
    if standing.get("override"):
        lines.append(override_text(standing["override"], lang))
    for r in standing.get("requests") or []:
        facts = ", ".join(r["facts"])
        lines.append(say("team.request", lang, act=r["act"], facts=facts, due=r["due"] or "-"))
    if standing.get("verified"):
        lines.append(say("team.verified", lang, facts=", ".join(standing["verified"])))
    if standing.get("reviews"):
        lines.append(say("team.reviews", lang, reviews=reviews_text(standing["reviews"], lang)))
    lines += ["! " + flag_text(f, lang) for f in standing.get("flags") or []]
    return lines


def reviews_text(reviews: Mapping[str, Mapping[str, Any]], lang: str) -> str:
    return "; ".join(
        say("team.review", lang, criterion=k, mean=f"{r['mean']:g}", n=r["reviewers"])
        for k, r in reviews.items()
    )


def paren(text: str, lang: str) -> str:
    """`text` in parentheses, as the language writes them (" (…)", in Chinese "（…）")."""
    return punct(lang, "punct.paren").format(text=text)
