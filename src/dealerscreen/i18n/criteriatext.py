"""The words of the criteria-as-code commands (validate, test, diff, schema, profiles), in
English; the other languages are in the gettext catalogs (msgctxt `words:` + key).

`EN` is what the commands' formats and the CLI write, by key (`words`). `SHAPES` are the
lines `test` makes in its core as data (why a case failed, what a coverage item is): json
keeps them in English, a text report says them in the reader's language. Each is made
with its key and values (`shape`, msgctxt `shape:` + key): why a case failed, and what a
coverage item is (the rule kinds name their branches so, without the criterion).
"""

from __future__ import annotations

import functools

from dealerscreen.i18n.catalogs import translated
from dealerscreen.models.problems import Message, Value

EN: dict[str, str] = {
    "verdict.ok": "ok",
    "verdict.failed": "FAILED",
    "verdict.below": "FAILED: {ids} below {minimum}",
    # validate
    "validate.summary": "dealerscreen validate: {profiles} profile(s), {reference_lists} reference list(s): {errors} error(s), {warnings} warning(s){mode}: {verdict}",
    "validate.strict": " (strict: warnings fail)",
    "validate.nothing": "no criteria file (kind: profile or reference-list) in {paths}",
    # test
    "test.summary": "dealerscreen test: {files} file(s), {cases} case(s): {passed} passed, {failed} failed, {errors} error(s): {verdict}",
    "test.no-cases": "FAILED (no test cases found)",
    "test.case": "{status} {case}  ({where})",
    "test.pass": "PASS",
    "test.fail": "FAIL",
    "test.error": "ERROR",
    "test.explanation": "explanation:",
    "test.no-folder": "dealerscreen test: no {folder}/ folder here: no expected-outcome cases to run",
    "test.nothing": "no case file (kind: criteria-tests) in {paths}",
    "test.needs-coverage": "needs --coverage",
    "test.needs-mutate": "needs --mutate",
    "test.extra-formats": "--coverage and --mutate report as text or json",
    "test.json-one": "json reports --coverage or --mutate, one at a time",
    "coverage.line": "coverage {profile} ({path}): {hit}/{counted} ({percent}): {kinds}",
    "coverage.missed": "{where}: [coverage] {field}: {label}: no case reaches it",
    "coverage.excused": "{field}: {label}: not counted, no case can reach it: {why}",
    "coverage.minimum": "dealerscreen test --coverage: minimum {minimum}: {verdict}",
    "kind.gates": "gates",
    "kind.bands": "bands",
    "kind.steps": "steps",
    "kind.cases": "cases",
    "kind.tables": "tables",
    "kind.ranges": "ranges",
    "kind.bonuses": "bonuses",
    "kind.tiers": "tiers",
    "kind.quotas": "quotas",
    "kind.reviews": "reviews",
    "mutation.line": "mutation {profile} ({path}): {killed} of {live} mutants killed ({score}), {stillborn} stillborn",
    "mutation.sampled": "{made} of {possible} possible mutants made: at most {per_list} elements of each list and {per_profile} mutants a profile, the same ones on every run",
    "mutation.accepted": "{where}: [survived, accepted] {mutant}: {why}",
    "mutation.survived": "{where}: [survived] {mutant}: no case notices (add a case that tells them apart, or accept it with why)",
    "mutation.minimum": "dealerscreen test --mutate: minimum {minimum} killed: {verdict}",
    # diff
    "diff.head": "dealerscreen diff: {head}",
    "diff.counts": "{screened} applicants screened under both: {eligibility} eligibility change(s), {tier} tier change(s), {rank} rank move(s), {cities} city shortlist change(s); {total_only} more with a new total only.",
    "diff.eligibility": "Eligibility changes",
    "diff.tiers": "Tier changes",
    "diff.ranks": "Rank moves",
    "diff.cities": "City shortlists",
    "diff.section": "{title}:",
    "diff.line": "{id} ({city}): tier {tier_before} → {tier_after}, rank {rank_before} → {rank_after}, total {total_before} → {total_after}",
    "diff.why": "why: {why}",
    "diff.out": "out",
    "diff.more": "{names} and {n} more",
    "diff.newly": "{id} (newly eligible)",
    "diff.overtaken": "overtaken by {names}",
    "diff.overtook": "overtook {names}",
    "diff.moved-up": "moved up: {names}, ranked ahead before, no longer eligible",
    "diff.unchanged": "its own outcome did not change",
    "diff.cause": "{kind} {id}: {before} → {after}",
    "diff.kind.gate": "gate",
    "diff.kind.criterion": "criterion",
    "diff.kind.bonus": "bonus",
    "diff.kind.bonus-cap": "bonus cap",
    "diff.kind.tier": "tier",
    "diff.kind.tie-break": "tie-break",
    "diff.kind.quota": "quota",
    "diff.value.absent": "absent",
    "diff.value.pass": "pass",
    "diff.value.FAIL": "FAIL",
    "diff.value.none": "none",
    "diff.value.from": "from {points}",
    "diff.col.applicant": "Applicant",
    "diff.col.city": "City",
    "diff.col.tier": "Tier",
    "diff.col.rank": "Rank",
    "diff.col.total": "Total",
    "diff.col.why": "Why",
    "diff.col.in": "In",
    "diff.col.out": "Out",
    "diff.rows-more": "…and {n} more (see `--format json`).",
    "diff.no-change": "No applicant's outcome changed.",
    "diff.heading": "{title} ({n})",
    "diff.side": "{id} v{version} ({spec})",
    "diff.from": "{side}: {origin}",
    "diff.from.base": "base",
    "diff.from.new": "new",
    "diff.origin.git": "git {where}, commit {commit}",
    "diff.origin.file": "file {path}",
    "diff.origin.profile": "profile {id}, file {path}",
    "diff.city": "{city}: {moves}",
    "diff.list-sep": ", ",
    "diff.why-sep": "; ",
}

# Lines made in the core (outcomes/, diff/), by their shape.
SHAPES: dict[str, str] = {
    # why a case failed (outcomes/expect.py, outcomes/runner.py)
    "expected": "{what}: expected {want}, got {got}",
    "expected.least": "{what}: expected at least {want}, got {got}",
    "expected.most": "{what}: expected at most {want}, got {got}",
    "no-criterion": "{what}: the profile has no criterion '{id}'",
    "order.ineligible": "order: case {id} is ineligible, so it has no rank",
    "order.total": "  {id}: total {total}",
    "order.total.out": "  {id}: total {total} (ineligible)",
    "separated": "separated_by: {upper} above {lower} by {want} expected, got {got}",
    # what a coverage item is (outcomes/coverage.py)
    "band": "band {band} of {criterion}",
    "step": "step {step} of {criterion}",
    "no-step": "no step reached (0 points) of {criterion}",
    "case": "case {case} of {criterion}",
    "no-case": "no case holds (default {points} points) of {criterion}",
    "table": "{field} = {value} of {criterion}",
    "zero-at": "at or beyond zero_at {at} (no points) of {criterion}",
    "full-at": "at or beyond full_at {at} (full points) of {criterion}",
    "between": "between {low} and {high} of {criterion}",
    "holds": "condition holds (full points) of {criterion}",
    "not-holds": "condition does not hold (no points) of {criterion}",
    "gate.passed": "gate {id} passed",
    "gate.complete": "gate {id} passed, evidence complete",
    "gate.provisional": "gate {id} passed provisionally",
    "gate.failed": "gate {id} failed",
    "bonus.applied": "bonus {id} applied",
    "bonus.not-applied": "bonus {id} not applied",
    "tier.reached": "tier {id} reached",
    "quota": "quota {n} of {city}: an eligible case there",
    "quota.default": "default quota {n}: an eligible case in another city",
    "review.tier": "review margin: a case just below a tier",
    "review.gate": "review margin of {field}: a case that misses a gate by that much",
}

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`

ZH_SHAPES: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`


@functools.cache
def words(lang: str) -> dict[str, str]:
    """The texts of EN in `lang` (ZH's entries until `python3 dev.py catalog` moves them)."""
    return translated(lang, "words:", EN, {"zh": ZH})


def say(lang: str, key: str, **values: object) -> str:
    return words(lang)[key].format(**values)


def shape(key: str, /, **values: Value) -> Message:
    """The line `key` of SHAPES with its values (why a case failed, a coverage item): put
    in the reader's language where it is printed (problemtext.in_lang)."""
    return Message("shape:" + key, SHAPES[key], tuple(values.items()))


def branch_words(key: str, /, **values: Value) -> Message:
    """A line of SHAPES as a rule kind names one of its coverage branches: with every
    value but the criterion, which coverage adds (outcomes/coverage.py `of_criterion`)."""
    return Message("shape:" + key, SHAPES[key], tuple(values.items()))
