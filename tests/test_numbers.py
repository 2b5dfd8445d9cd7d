"""Numbers are strict wherever they are read (dealerscreen.models.numbers): never infinite or NaN,
never a yes/no, never beyond 10^15; a criteria number that would crash or hang the run is a
located error. Issue #13, items 1, 8 and 11."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pytest
from pydantic import BaseModel, ValidationError

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.fields import _strip_optional, resolve_field
from dealerscreen.models.problems import FatalError
from tests.conftest import ROOT

CASES = Path(__file__).parent / "cases"
GOOD: dict[str, Any] = {
    "schema_version": 1,
    "applicant_id": "XM24-NUM",
    "legal_name": "Number Motors",
    "standing": {"kind": "regional_merchant"},
    "target": {"city": "Suzhou", "store_format": "2S"},
}


def number_fields(model: type[BaseModel] = Applicant, prefix: str = "") -> list[str]:
    """Dotted paths of every int, float or numeric Literal field (list items as `.0.`)."""
    out = []
    for name, info in model.model_fields.items():
        inner = _strip_optional(info.annotation)
        if get_origin(inner) is list:
            inner, name = get_args(inner)[0], f"{name}.0"
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out += number_fields(inner, f"{prefix}{name}.")
        elif inner in (int, float) or (
            get_origin(inner) not in (Union, types.UnionType)
            and all(type(a) is int for a in get_args(inner))
            and get_args(inner)
        ):
            out.append(prefix + name)
    return out


def with_value(path: str, value: Any) -> dict[str, Any]:
    data: dict[str, Any] = {**GOOD, "standing": dict(GOOD["standing"])}
    here: Any = data
    parts = path.split(".")
    for i, part in enumerate(parts[:-1]):
        nxt: Any = [] if parts[i + 1] == "0" else {}
        if part == "0":
            here.append({"brand": "BMW", "years": 1})
            here = here[0]
        else:
            here = here.setdefault(part, nxt) if part not in here else here[part]
    if parts[-1] == "0":
        here.append(value)
    else:
        here[parts[-1]] = value
    return data


FIELDS = number_fields()
HOSTILE = [
    float("inf"),
    float("-inf"),
    float("nan"),
    "inf",
    "-Infinity",
    "nan",
    "1e400",
    10**16,
    10**400,
    1e300,
    "1" * 5000,
]


def test_the_walk_finds_the_number_fields() -> None:
    assert {"site.parking_spaces", "standing.top100_rank", "schema_version"} <= set(FIELDS)
    assert "after_sales.repair_qualification_class" in FIELDS
    assert "brand_agencies.0.years" in FIELDS and "finance.debt_ratio_pct" in FIELDS


@pytest.mark.parametrize("field", FIELDS)
def test_no_number_field_takes_a_yes_no(field: str) -> None:
    """`top100_rank: yes` is not rank 1, `parking_spaces: on` is not 1 (item 8)."""
    for value in (True, False):
        with pytest.raises(ValidationError) as info:
            Applicant.model_validate(with_value(field, value))
        assert {e["type"] for e in info.value.errors()} == {"bool_not_number"}, field


@pytest.mark.parametrize("field", FIELDS)
def test_an_accepted_number_is_finite_bounded_and_reads_back_the_same(field: str) -> None:
    """Non-finite and oversized numbers are refused (item 1); whatever is accepted comes back
    unchanged from its JSON, as the parse cache and the reports read it."""
    for value in HOSTILE:
        try:
            applicant = Applicant.model_validate(with_value(field, value))
        except ValidationError:
            continue
        assert Applicant.model_validate_json(applicant.model_dump_json()) == applicant, value
        raise AssertionError(f"{field} accepted {value!r:.40}")


def test_cold_and_warm_runs_agree_on_a_non_finite_number(tmp_path: Path) -> None:
    """The attack: `.inf` ranked with full points cold, and as missing from the cache."""
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(CASES / "applicants-invalid" / "infinity.yaml", folder)
    shutil.copy(CASES / "applicants-invalid" / "bom.yaml", folder)
    profile = load_criteria("xiaomi-2s-2024")
    options = BatchOptions(cache_dir=str(tmp_path / "cache"))
    cold = screen(profile, [str(folder)], options=options)
    warm = screen(profile, [str(folder)], options=options)
    assert [r.evaluation for r in cold.results] == [r.evaluation for r in warm.results]
    assert cold.intake.problems == warm.intake.problems
    assert {p.check for p in cold.intake.problems} == {"finite_number"}
    assert [r.evaluation.applicant_id for r in cold.results] == ["XM24-OK-BOM"]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from dealerscreen.cli.start import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,  # the attack: 1e999999999 grew past 450 MB and never ended
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.mark.parametrize("name", ["endless-number.yaml", "huge-number.yaml"])
def test_an_enormous_criteria_number_is_a_located_error_not_a_hang(name: str) -> None:
    """`1e99999` crashed (int() over 4,300 digits), `1e999999999` hung validate and screen
    (item 11): a pull request's criteria must not stall CI."""
    path = str(CASES / "criteria-invalid" / name)
    for args, code in (
        (("validate", path), 1),
        (("screen", "samples/applicants", "--criteria", path), 3),
    ):
        done = run_cli(*args)
        said = done.stdout + done.stderr
        assert done.returncode == code, said
        assert "Traceback" not in said and "internal error" not in said
        assert f"{path}:" in said and "(number_too_large)" in said


def test_a_compare_value_is_bounded_by_the_field_it_names() -> None:
    """A criteria value compared with a fact is read as that fact is: `1e999999999` on a
    float field is infinity, refused; on an int field it is not an integer."""
    from dealerscreen.rules.base import BindError, value_check

    ref = resolve_field(Applicant, "site.street_frontage_m")
    for value in ("1e999999999", float("inf"), True, 10**16):
        with pytest.raises(BindError):
            value_check(ref, value, ("gates", 0, "condition", "value"))


def test_a_model_cached_under_the_looser_rules_is_not_read(tmp_path: Path) -> None:
    """A cache filled before numbers were strict held `top100_rank: yes` as rank 1: a warm
    run must not take it, or it would rank what a cold run refuses."""
    import hashlib

    from dealerscreen import __version__
    from dealerscreen.intake import cache
    from dealerscreen.models.applicant import SCHEMA_VERSION

    case = CASES / "applicants-invalid" / "yes-as-number.yaml"
    sha = hashlib.sha256(case.read_bytes()).hexdigest()
    loose = {**GOOD, "applicant_id": "XM24-BAD-YES", "site": {"parking_spaces": 1}}
    stored = cache.ParseCache(str(tmp_path))
    stored.put(f"2/{__version__}/{SCHEMA_VERSION}/yaml/{sha}", b"A" + json.dumps(loose).encode())
    stored.close()
    run = screen(
        load_criteria("xiaomi-2s-2024"),
        [str(case)],
        options=BatchOptions(cache_dir=str(tmp_path)),
    )
    assert not run.results
    assert {p.check for p in run.intake.problems} == {"bool_not_number"}


YAML_FORMS = {  # unquoted text: what YAML 1.1 reads, and the error a number field gives
    "010": (8, "number_octal"),
    "0100": (64, "number_octal"),
    "1:30": (90, "number_base60"),
    "190:00": (11400, "number_base60"),
    "0x10": (16, "number_hexadecimal"),
    "0b11": (3, "number_binary"),
    "1.0e-400": (0, "number_underflow"),
}


def _yaml_with(field: str, text: str) -> str:
    """GOOD as YAML with one number field written as `text`, unquoted."""
    import yaml

    marker = "@@NUMBER@@"
    return yaml.safe_dump(with_value(field, marker)).replace(f"'{marker}'", text)


@pytest.mark.parametrize("field", FIELDS)
def test_no_number_field_takes_another_yaml_number_form(field: str) -> None:
    """`top100_rank: 010` was rank 8, `parking_spaces: 1:30` was 90 (issue 21 item 9): every
    number field refuses YAML 1.1's octal, hexadecimal, binary, base-60 and underflowing
    forms with the located error of its form, saying what YAML made of it."""
    from dealerscreen.yamlsource import parse_yaml

    for text, (read_as, kind) in YAML_FORMS.items():
        doc = parse_yaml(_yaml_with(field, text), "x.yaml")
        with pytest.raises(ValidationError) as info:
            Applicant.model_validate(doc.data)
        errors = info.value.errors()
        assert {e["type"] for e in errors} == {kind}, (field, text)
        said = errors[0]["msg"]
        assert f"'{text}'" in said and (kind == "number_underflow" or f"({read_as})" in said)
    for plain in ("10", "2024", "1", "0.5"):  # written plainly: read, or refused for its value
        try:
            Applicant.model_validate(parse_yaml(_yaml_with(field, plain), "x.yaml").data)
        except ValidationError as exc:
            assert not {e["type"] for e in exc.errors()} & {k for _, k in YAML_FORMS.values()}


def test_a_criteria_number_and_compare_value_refuse_the_forms_too() -> None:
    """Criteria are read by the same loader: `max_points: 010` (a case in
    tests/cases/criteria-invalid) and a compare value on a number field are refused."""
    from dealerscreen.rules.base import BindError, value_check
    from dealerscreen.yamlsource import parse_yaml

    ref = resolve_field(Applicant, "standing.top100_rank")
    for text in YAML_FORMS:
        value = parse_yaml(f"value: {text}\n", "c.yaml").data["value"]
        with pytest.raises(BindError) as info:
            value_check(ref, value, ("gates", 0, "condition", "value"))
        assert f"'{text}'" in str(info.value)
    with pytest.raises(FatalError) as bad:
        load_criteria(str(CASES / "criteria-invalid" / "octal-points.yaml"))
    assert [p.check for p in bad.value.problems] == ["number_octal"]


def test_a_model_cached_with_a_yaml_number_form_read_as_yaml_read_it_is_not_read(
    tmp_path: Path,
) -> None:
    """A cache filled before the forms were refused holds `top100_rank: 010` as rank 8:
    a warm run must refuse the file as a cold run does."""
    import hashlib

    from dealerscreen import __version__
    from dealerscreen.intake import cache
    from dealerscreen.models.applicant import SCHEMA_VERSION

    case = CASES / "applicants-invalid" / "yaml-number-forms.yaml"
    sha = hashlib.sha256(case.read_bytes()).hexdigest()
    standing = {"kind": "national_dealer_group", "top100_rank": 8}
    loose = {**GOOD, "applicant_id": "XM24-BAD-FORMS", "standing": standing}
    stored = cache.ParseCache(str(tmp_path))
    stored.put(f"4/{__version__}/{SCHEMA_VERSION}/yaml/{sha}", b"A" + json.dumps(loose).encode())
    stored.close()
    run = screen(
        load_criteria("xiaomi-2s-2024"), [str(case)], options=BatchOptions(cache_dir=str(tmp_path))
    )
    assert not run.results
    assert "number_octal" in {p.check for p in run.intake.problems}


def test_each_form_has_its_message_in_the_catalog() -> None:
    """The messages numbers.py raises are the templates the translation reads them by."""
    from dealerscreen.i18n import problemtext
    from dealerscreen.models import numbers

    for kind, template in numbers._FORMS.values():
        assert problemtext.PYDANTIC[kind] == template, kind


def test_a_reference_attribute_refuses_the_forms(tmp_path: Path) -> None:
    """A top-100 entry's `rank: 010` was rank 8; a yes/no attribute stays a yes/no."""
    from dealerscreen.validation.runner import validate

    path = tmp_path / "groups.yaml"
    path.write_text(
        "schema_version: 1\nkind: reference-list\nid: groups\ntitle: t\nsource: t\n"
        "entries:\n  - {id: a, name: {en: A}, attrs: {rank: 010, listed: yes}}\n",
        encoding="utf-8",
    )
    problems = validate([str(path)]).problems
    assert [(p.line, p.column, p.check) for p in problems] == [(7, 42, "number_octal")]
