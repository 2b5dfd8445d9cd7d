"""The closed sets of values the command line accepts, in one light module.

The CLI imports these at start-up to show every option's real choices in `--help` and to
complete them in the shell; the modules that act on a value import the same enum, so a new
format is added in one place. Nothing heavier than `enum` may be imported here.
"""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"
    sarif = "sarif"  # the invalid applicant files only, as a SARIF log
    xlsx = "xlsx"


# Formats that are files, not text: never written to a terminal.
BINARY_FORMATS = frozenset({ReportFormat.xlsx})


class FormFormat(StrEnum):
    xlsx = "xlsx"
    yaml = "yaml"


class LetterFormat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class TestFormat(StrEnum):
    __test__ = False  # not a pytest test class, whatever its name

    text = "text"
    json = "json"
    junit = "junit"
    github = "github"
    sarif = "sarif"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


class FailOn(StrEnum):
    tier_change = "tier-change"  # a tier or an eligibility changed
    eligibility_change = "eligibility-change"
    none = "none"


class SchemaName(StrEnum):
    applicant = "applicant"
    criteria = "criteria"
    reference_list = "reference-list"
    criteria_tests = "criteria-tests"
    verifications = "verifications"
