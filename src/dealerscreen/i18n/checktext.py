"""The messages of problems in criteria files, in English: `validate` and the loader's.

The validation checks, the loader, the compiler and the rule kinds make their problems'
messages with `message` (msgctxt `check:` + key). A problem keeps its message as data
(json and SARIF carry its English, whatever the locale); it is put into the reader's
language where it is printed, from its key and values (problemtext.py).

A value named `rest` is itself a message; `entries` is a `Listed` of ids joined by "and",
which a translation joins its own way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dealerscreen.models.problems import Message, Value

if TYPE_CHECKING:  # a type only: the models (and pydantic) load when a command needs them
    from dealerscreen.models.fields import FieldPathError

EN: dict[str, str] = {
    # validation/: the checks across a compiled profile and its lists
    "alias-collision": "'{key}' of entry '{entry}' already names entry '{other}'",
    "band-gap": "values from {low} to below {high} are in no band of criterion '{criterion}' (0 points)",
    "band-overlap": "band {band} overlaps band {other} in criterion '{criterion}'",
    "band-overlap.from": "band {band} overlaps band {other} in criterion '{criterion}' (from {low})",
    "basis-missing": "{rest} has no basis: say whether its numbers are published, reported or the team's judgement (basis: published | reported | team)",
    "basis-missing.team": "{rest} is the team's judgement but gives no rationale: say why in one line",
    "part.gate": "gate '{id}'",
    "part.criterion": "criterion '{id}'",
    "part.bonus": "bonus '{id}'",
    "part.tier": "tier '{id}'",
    "part.evidence": "the evidence gate '{id}' requires",
    "part.quota": "the city quota",
    "part.margin": "the review margin",
    "bonus-cap-unreachable": "bonus_cap is {cap} but the bonuses add up to {total}: the cap never applies",
    "missing-rewarded": "criterion '{criterion}' gives {half} points when its fact is not stated but as few as {worst} when it is: leaving it out pays (use missing: zero, or give missing_rationale)",
    "points-unreachable": "criterion '{criterion}' declares {points} points but its scoring gives at most {top}",
    "shared-form": "'{key}' is a form of entries {entries}: written so, it resolves to neither and both are suggested",
    "tier-gap": "totals below {low} are in no tier",
    "tier-overlap": "tiers {first} and {second} both start at {low}",
    "tier-unreachable": "tier {tier} needs {low} points; the best possible total is {best}",
    "unused-entry": "entry '{entry}' of {list} is used by no rule",
    "unused-list": "reference list '{list}' is used by no rule",
    "not-criteria": "not a criteria file: expected kind: profile or kind: reference-list",
    "other-kind": "a {kind} file (run `dealerscreen test`)",
    # criteria/compile.py
    "duplicate-id": "duplicate rule id '{id}' (first in {first})",
    "unknown-source": "source '{source}' is not declared in sources (declared: {known})",
    "points-sum": "criteria points add up to {total}, not max_points {max}",
    "city-list": "city_list '{list}' is not a reference list of the profile",
    "unknown-city": "quota names '{name}', which is not in {list}",
    "tier-ids": "tier ids must be unique",
    "unknown-criterion": "no criterion '{id}'",
    "bad-tie-break": "unknown tie-break key '{key}'",
    "tie-break-not-value": "'{path}' is a group of facts or a list, not one value: a tie-break orders by one number, date, yes/no or text",
    # rules/ and the fields they read (fields.py, criteria/nearness.py, evidence.py)
    "unknown-list": "unknown reference list '{name}' (known: {known})",
    "not-a-number": "'{path}' is not a number",
    "points-over-max": "{points} points is more than the criterion's maximum of {max}",
    "bad-value": "{value} cannot be a value of '{path}': {rest}",
    "unknown-tag": "list '{list}' has no tag '{tag}' (tags: {known})",
    "empty-scale": "full_at must differ from zero_at",
    "empty-band": "band min must be below max",
    "unknown-attr": "no entry of list '{list}' has attribute '{attr}'",
    "value-or-against": "give either value or against",
    "not-items": "'{field}' is not a list of items",
    "needs-list": "'{op}' needs a list value",
    "unknown-path": "unknown field '{path}': {where} has no '{part}'",
    "unknown-path.hint": "unknown field '{path}': {where} has no '{part}'; did you mean '{hint}'?",
    "unknown-path.top": "unknown field '{path}': the applicant has no '{part}'",
    "unknown-path.top.hint": "unknown field '{path}': the applicant has no '{part}'; did you mean '{hint}'?",
    "no-sub-fields": "'{where}' has no sub-fields, so '{path}' is unknown",
    "not-records": "'{where}' is not a list of records, so '{path}' is unknown",
    "not-a-fact": "'{path}' is not a fact of the application",
    "not-a-fact.hint": "'{path}' is not a fact of the application; did you mean '{hint}'?",
    "unused-margin": "no gate compares {path} with a threshold (ge, gt, le, lt): the margin moves nothing",
    "evidence-fact": "gate '{gate}' does not read '{path}', so no document can back its decision (it reads: {reads})",
    "evidence-none": "gate '{gate}' reads no fact of the application to back",
    "evidence-word": "write 'required' or the details (verified, facts, basis, rationale), not {value}",
    # criteria/extends.py and criteria/loading.py
    "extends-empty": "extends must name a profile: a path or a profile id",
    "extends-id": "a profile that extends another needs its own id",
    "extends-deep": "extends chain deeper than {n}",
    "extends-cycle": "extends is circular: {cycle}",
    "extends-not-profile": "extends '{ref}' is not a profile file",
    "extends-not-found": "not found",
    "unknown-remove": "remove: no inherited rule '{id}'",
    "outside": "is outside the criteria folders (the profile's folder and DEALERSCREEN_CRITERIA_PATH)",
    "outside.reference": "reference '{ref}' is outside the criteria folders (the profile's folder and DEALERSCREEN_CRITERIA_PATH)",
    "not-a-list": "reference '{ref}' is not a reference list (no 'kind: reference-list')",
    # case files of `dealerscreen test` (outcomes/)
    "invalid-applicant": "applicant {field}: {rest}",
    "self-verified": "an application cannot verify its own documents; write the team's check under the case's verifications",
    "self-reviewed": "an application cannot score its own review; write the team's scores under the case's reviews",
    "unknown-case": "ranking names unknown or broken cases: {ids}",
    "unknown-key": "separated_by names {keys}, not a ranking key of the profile (known: {known})",
    "no-expectation": "expect names no expectation (eligible, failed_gates, tier, ...)",
    "pairs": "separated_by names {n} key(s); the order has {pairs} neighbouring pair(s)",
    "accepted-one": "name either a mutant or an uncovered item",
}

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`


def path_message(exc: FieldPathError) -> Message:
    """What a field path that names no field is told (models/fields.py)."""
    return message(exc.key, **exc.values)


def message(name: str, /, **values: Value) -> Message:
    """The message `name` with its values: what a check puts in its problem."""
    return Message("check:" + name, EN[name], tuple(values.items()))
