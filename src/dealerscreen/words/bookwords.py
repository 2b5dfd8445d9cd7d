"""The workbook's and the form's own words (#24): the one-page summary, the rules sheet
and the form with one question per row, in English.

Kept beside `labels.EN` (which takes them in) so that module stays one reader's size; the
Chinese is in the catalog (msgctxt "report:<key>") as for every label.
"""

from __future__ import annotations

EN: dict[str, str] = {
    "xlsx.summary": "Summary",
    "sum.title": "Shortlist by city: {title}",
    "sum.legend": "Totals are criteria points out of {max}, with any bonus beside them. Risks: provisional (shortlisted on statements the team has not verified yet), tie (only the application id decided), near miss (within the review margin of a line), coverage gap (fewer eligible applicants than places).",
    "col.shortlisted_named": "Shortlisted",
    "col.runner_up_named": "First runner-up",
    "col.risks": "Risks",
    "sum.applicant": "{name}\n{id} · {total} · tier {tier}",
    "sum.provisional": " · provisional",
    "sum.nobody": "none",
    "risk.none": "none found",
    "risk.no_eligible": "Coverage gap: no eligible applicant.",
    "risk.short": "Coverage gap: {n} eligible for {quota} places.",
    "risk.provisional": "Provisional: {id} is shortlisted on statements the team has not verified yet.",
    "risk.tie": "Tie: {first} and {second} are equal on every ranking key; only the application id put {first} first.",
    "risk.near_gate": "Near miss: {id}, {gate}: {fact} {value}, the line is {sym} {threshold}.",
    "risk.near_tier": "Near miss: {id} has {total}; tier {tier} starts at {at}.",
    "risk.more": "and {n} more: see the sheet {city}.",
    # the rules sheet
    "col.rule": "Rule",
    "col.requirement": "Requirement or scale",
    "col.basis": "Whose figure",
    "col.rationale": "The team's reasoning",
    "basis.word.published": "published by the maker",
    "basis.word.reported": "reported, not verified",
    "basis.word.team": "the screening team's",
    "basis.word.unstated": "not stated",
    "scale.points": "{range}: {points} pts",
    "scale.linear": "{zero} or less: 0 pts, {full} or more: {points} pts, in proportion between",
    "scale.default": "otherwise: {points} pts",
    "scale.at_least": "{at} or more",
    "scale.at_most": "{at} or less",
    "scale.fact": "{fact}: {scale}",
    "scale.bonus": "+{points} when it holds",
    # the explanations sheet, a row per rule
    "col.result": "Result",
    "col.words": "In words",
    "xlsx.not_met": "not met",
    "xlsx.not_stated": "not stated",
    # the application form, one question per row
    "form.q.intro": "One applicant per form. Write each answer in the yellow cell of its row, in the unit shown (a unit typed after the number is read too); where a cell has a list, choose from it. Leave an answer empty when the fact is not known. Send the file back as it is: it is read without any other file.",
    "form.q.no": "No.",
    "form.q.question": "Question",
    "form.q.answer": "Your answer",
    "form.q.unit": "Unit",
    "form.q.help": "How to answer",
    "form.q.example": "Example: {value}",
    "form.q.from_list": " Choose from the cell's list.",
}
