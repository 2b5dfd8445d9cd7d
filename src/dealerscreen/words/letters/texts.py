"""The words of a decision letter, in English here and in the catalogs for Chinese.

A letter is a business letter a team signs and stamps: formal in both languages (in
Chinese 贵公司, 此致 敬礼, the date at the bottom in Chinese form), naming requirements as
the programme's entry requirements (准入要求) set by its recruitment team (招募团队),
never by an internal id. The msgctxt of each text is "letter:" + its key (see
scripts/catalog.py); a new text goes into EN and, with its Chinese, into ZH until
`python3 dev.py catalog` moves it into the .po.
"""

from __future__ import annotations

import functools
from datetime import date

from dealerscreen.i18n import langs
from dealerscreen.i18n.catalogs import translated

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

EN: dict[str, str] = {
    "subject.shortlisted": "{programme}: your application {id} ({city}), shortlisted",
    "subject.runner_up": "{programme}: your application {id} ({city}), reserve list",
    "subject.rejected": "{programme}: the decision on your application {id} ({city})",
    "subject.request": "{programme}: request for information on your application {id} ({city})",
    "dear": "Dear {name},",
    "shortlisted": "Thank you for your company's application, under the programme “{programme}”, to become our sales and service partner in {city}. We are pleased to inform you that your application has been shortlisted for the next stage of selection.",
    "next": "We will contact you shortly about the next steps.",
    "runner_up": "Thank you for your company's application, under the programme “{programme}”, to become our sales and service partner in {city}. Your application meets every entry requirement of the programme. This phase has {places} in {city}; your application ranked {ordinal} among the eligible applications for the city and is therefore on our reserve list. Should a place become available, we will contact you.",
    "places": "{n} places",
    "places.one": "one place",
    "rejected": "Thank you for your company's application, under the programme “{programme}”, to become our sales and service partner in {city}. We regret to inform you that your application cannot proceed in this phase, as it does not meet {n} of the programme's entry requirements.",
    "request": "Thank you for your company's application, under the programme “{programme}”, to become our sales and service partner in {city}. Before we can reach a decision, we need information that your application does not state. Your application remains open: this letter is not a rejection.",
    "total": "Your application scored {total} ({tier}).",
    "sep": "The last shortlisted application in {city} ranks above yours {how}.",
    "sep.unbroken": "The last shortlisted application in {city} is level with yours on every criterion; the team is reviewing the order of the two.",
    "sep.tie": "The last shortlisted application in {city} ranked level with yours overall; the programme's order of tie-breaks placed it first.",
    "reasons.out": "The entry requirements your application does not meet:",
    "reasons.short": "Where your application fell furthest short of the full mark:",
    "reasons.strengths": "What weighed most in favour of your application:",
    "reasons.request": "The information we need:",
    "reason.gate": "{title}: {reason}",
    "reason.gate.stated": "{title}: {reason} Your application states {facts}.",
    "named.stated": "{fact}: {value}",
    "reason.fact": "{title}: your application states {value}.",
    "reason.missing": "{title}: your application does not state the {facts}.",
    "request.item": "{facts} (entry requirement: {title}).",
    "points_of": " ({points} of {max} points)",
    "basis.published": "Basis: the programme's requirements published on {date}{title}.",
    "basis.document": "Basis: the programme's stated priorities{title}.",
    "basis.title": " ({title})",
    "basis.team.gate": "Basis: an entry requirement set by the recruitment team.",
    "basis.team": "Basis: an assessment criterion set by the recruitment team.",
    "change.heading": "What could change the decision:",
    "change.eligible": "If the {fact} were {new} instead of {old}, your application would meet the entry requirements.",
    "change.place": "If the {fact} were {new} instead of {old}, your application would rank within the places for {city}.",
    "change.eligible.unstated": "If your application stated the {fact} as {new}, it would meet the entry requirements.",
    "change.place.unstated": "If your application stated the {fact} as {new}, it would rank within the places for {city}.",
    "change.capability": "{title}: should your company come to meet this requirement, a new application with supporting evidence is welcome.",
    "change.none": "No single change to the facts in your application would change the decision on its own.",
    "evidence": "Your application does not state the {facts}: if you send these, with supporting documents, we will take them into account.",
    "provisional": "This decision is provisional: it rests on statements in your application that the team has not yet verified against documents. It becomes final once we have verified the documents listed below.",
    "send": "Documents still to send: {docs}.",
    "awaiting": "Documents received, which the team is now checking (nothing to send): {docs}.",
    "closing": "If any fact in this letter is not correct, please reply with the correct figures and supporting documents, and we will review your application again. Thank you for your interest in the programme and for the time your company gave to its application.",
    "closing.request": "Please send the information above, with supporting documents where you have them, by {date}. We will then complete the review of your application.",
    "closing.request.soon": "Please send the information above, with supporting documents where you have them, as soon as you can. We will then complete the review of your application.",
    "regards": "Yours faithfully,",
    "department": "The recruitment team, {programme}",
    "signatory": "Signed: {name}",
    "contact": "Contact: {contact}",
    "reply_by": "Please reply by: {date}",
    "seal": "(Seal)",
    "blank": "(to be filled in)",
    "dated": "{place}, {date}",
    "team.runner_up": "Thank you for your company's application, under the programme “{programme}”, to become our sales and service partner in {city}. After reviewing your application, the recruitment team has placed it on our reserve list. Should a place become available, we will contact you.",
    "team.rejected": "Thank you for your company's application, under the programme “{programme}”, to become our sales and service partner in {city}. We regret to inform you that, after reviewing your application, the recruitment team has decided that it cannot proceed in this phase.",
    "reasons.team": "The recruitment team's decision:",
    "basis.override": "Basis: a decision of the recruitment team ({by}).",
    "basis.override.approved": "Basis: a decision of the recruitment team ({by}, approved by {approver}).",
    "request.team.item": "{facts}.",
    "basis.request": "Basis: information the recruitment team has asked for.",
    # How a letter is written in the language (a translator's choice, like the words):
    "date.long": "{day} {month} {year}",
    **{f"month.{n}": name for n, name in enumerate(MONTHS, start=1)},
    "layout.dated": "top",  # "top": dated above the salutation; "bottom": below the sender
    "docx.indent": "0",  # a paragraph's first line starts this many characters in
    "docx.title": "left",  # the title's alignment: "left" or "center"
    "docx.latin_font": "theme",  # figures' and Latin names' font ("theme": the template's)
    "docx.latin_tag": "en-GB",  # the language tag of Latin text
}

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`

SECTION = "letter:"


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    return translated(lang, SECTION, EN, {"zh": ZH})


def say(lang: str, key: str, **values: object) -> str:
    """The letter's text `key` in `lang` (English when the language has no catalog)."""
    texts = catalogue(lang if lang in langs.SPOKEN else "en")
    return texts[key].format(**values)


def long_date(day: date, lang: str) -> str:
    """'1 February 2024'; in Chinese '2024年2月1日', as a letter is dated."""
    month = say(lang, f"month.{day.month}")
    return say(lang, "date.long", day=day.day, month=month, year=day.year)
