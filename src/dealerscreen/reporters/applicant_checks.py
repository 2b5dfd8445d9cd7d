"""What each check id of an applicant-file problem means: the rules of `screen --format sarif`.

The ids are those `docs/hardening.md` lists; pydantic's own error types (a value of the
wrong type or out of range) keep their names and share one description.
"""

from __future__ import annotations

from dealerscreen.reporters.sarif import Rule

_RULES = [
    ("empty", "an empty file, or one with only comments"),
    ("yaml-syntax", "a YAML syntax error, at its position"),
    ("json-syntax", "a JSON syntax error, at its position"),
    ("multiple-documents", "several YAML documents (---) in one file"),
    ("not-a-mapping", "a list or a single value instead of applicant fields"),
    ("duplicate-key", "a key written twice in one mapping"),
    ("unknown-field", 'a misspelt or unknown key, with "did you mean"'),
    ("missing", "a required fact is absent"),
    ("unknown-name", "a city or brand no reference list of the profile knows (a warning)"),
    ("duplicate-id", "an applicant id already used by another file"),
    ("criteria-file", "a profile or reference list given as an applicant"),
    ("binary", "not a text file"),
    ("encoding", "not UTF-8 (GBK/GB18030 is recognised and named)"),
    ("unreadable", "the file cannot be read (permissions)"),
    ("not-found", "a broken symbolic link, or a file that went away"),
    ("not-a-file", "a FIFO, a device or another file that is not a regular file"),
    ("too-large", "over --max-file-size, refused before it is parsed"),
    ("yaml-tag", "a !!python/... or custom tag: only plain YAML values are read"),
    ("yaml-value", "a value YAML cannot build, e.g. the date 2024-02-30"),
    ("too-deep", "nesting deeper than 100"),
    ("too-many-nodes", "an alias bomb: too many nodes"),
    ("recursive-alias", "an alias that contains itself"),
    ("cell-type", "a spreadsheet cell of the wrong type for its field, or in another unit"),
    ("fraction-percent", "a percentage field given a number between 0 and 1 (a warning)"),
    ("missing-column", "a column the mapping names is not in the export"),
    ("self-verified", "an application that says its documents are verified (a warning)"),
    ("verification-future", "a check of the team's dated after the run (a warning)"),
    ("verification-unmatched", "a check of the team's for an applicant not screened (a warning)"),
    ("open-quote", "a CSV quote not closed by the end of the file: the rest is one record"),
    ("duplicate-column", "a header the mapping reads is in two or more columns of the export"),
    ("constant-overlap", "a form's mapping sets a list or value in constants that a column fills"),
    ("mapping-changed", "an application form's own mapping differs from the template's"),
    ("above-first-row", "a row above the mapping's first_row read as an applicant (a warning)"),
]
# Advice: the applicant is screened all the same.
WARNINGS = {
    "unknown-name",
    "self-verified",
    "verification-future",
    "verification-unmatched",
    "above-first-row",
    "fraction-percent",
}

RULES: dict[str, Rule] = {
    rid: Rule(
        rid,
        summary,
        f"{summary}. Each problem is one located line: path:line:col: [level] field: "
        "message (check); the file is left out and the rest of the batch is screened.",
        "warning" if rid in WARNINGS else "error",
    )
    for rid, summary in _RULES
}


def unknown_rule(check: str) -> Rule:
    """A pydantic error type (float_parsing, greater_than_equal, literal_error, ...)."""
    return Rule(
        check,
        f"a value of the wrong type or out of range ({check})",
        "The message names the field, the value and what the applicant format allows "
        "(schemas/applicant.schema.json).",
    )
