"""The committed JSON Schemas match the models, and an independent validator (jsonschema)
accepts every shipped sample and criteria file and rejects the broken samples."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from dealerscreen.cli.schemas import SchemaName, file_name, schema_text
from tests.conftest import ROOT

SCHEMAS = ROOT / "schemas"
APPLICANTS = sorted((ROOT / "samples" / "applicants").glob("*.*"))
INVALID = sorted(p for p in (ROOT / "samples" / "invalid").glob("*.*") if p.suffix != ".md")
CRITERIA = sorted((ROOT / "criteria").rglob("*.yaml"))


@cache  # checking a schema against its meta-schema is the slow part: once per schema
def validator(name: SchemaName) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / file_name(name)).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)  # type: ignore[no-any-return]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def as_json(path: Path) -> Any:
    """What an editor's validator sees: YAML dates as strings, keys as strings."""
    text = path.read_text(encoding="utf-8")
    # libyaml's safe loader: the data yaml.safe_load gives, several times sooner
    data = json.loads(text) if path.suffix == ".json" else yaml.load(text, Loader=_LOADER)
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize("name", list(SchemaName), ids=str)
def test_committed_schema_is_current(name: SchemaName) -> None:
    committed = (SCHEMAS / file_name(name)).read_text(encoding="utf-8")
    assert committed == schema_text(name), (
        f"schemas/{file_name(name)} is stale: dealerscreen schema {name} -o schemas/{file_name(name)}"
    )


@pytest.mark.parametrize("path", APPLICANTS, ids=lambda p: p.name)
def test_every_sample_applicant_is_schema_valid(path: Path) -> None:
    errors = list(validator(SchemaName.applicant).iter_errors(as_json(path)))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_every_invalid_sample_is_unparseable_or_schema_invalid(path: Path) -> None:
    try:
        data = as_json(path)
    except (yaml.YAMLError, json.JSONDecodeError):
        return  # a syntax error: no schema is asked
    if data is None:
        return  # an empty file
    assert list(validator(SchemaName.applicant).iter_errors(data)), f"{path.name} passes the schema"


def test_the_schema_rejects_the_broken_values_named_in_the_invalid_readme() -> None:
    schema_invalid = {
        "misspelled-field.yaml",
        "wrong-type.yaml",
        "out-of-range-debt-ratio.yaml",
        "out-of-range-rank.json",
        "missing-target.yaml",
    }
    rejected = {
        p.name
        for p in INVALID
        if p.name in schema_invalid
        and list(validator(SchemaName.applicant).iter_errors(as_json(p)))
    }
    assert rejected == schema_invalid


@pytest.mark.parametrize("path", CRITERIA, ids=lambda p: str(p.relative_to(ROOT / "criteria")))
def test_every_shipped_criteria_file_is_schema_valid_and_names_its_schema(path: Path) -> None:
    data = as_json(path)
    kinds = {
        "profile": SchemaName.criteria,
        "reference-list": SchemaName.reference_list,
        "criteria-tests": SchemaName.criteria_tests,
    }
    name = kinds[data["kind"]]
    errors = list(validator(name).iter_errors(data))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert found, f"{path} does not name its schema on the first line"
    assert (path.parent / found[1]).resolve() == (SCHEMAS / file_name(name)).resolve()


def test_a_standalone_profile_must_have_its_fields_but_a_child_need_not() -> None:
    check = validator(SchemaName.criteria)
    header = {"schema_version": 1, "kind": "profile", "id": "x"}
    assert list(check.iter_errors(header))  # no tiers, no max_points ...
    assert not list(check.iter_errors({**header, "extends": "xiaomi-2s-2024"}))


def test_cli_schema(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("schema", "applicant")
    assert out.exit_code == 0 and json.loads(out.stdout)["title"] == "Applicant"
    assert cli("schema", "nonsense").exit_code == 2
