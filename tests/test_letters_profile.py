"""The letters' sender block and reply deadline from the profile (#24): a `letters:`
section in the criteria, checked like the rest of the profile and by its JSON Schema; a
letters settings file (`letters --settings`) overrides it field by field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.yamlsource import parse_yaml
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
SIGNED = "tests/cases/letters/signed-by-profile.yaml"  # extends the sample programme
BLANKS = "XM24-CSX-003"  # a request for information: its closing names the deadline
RUNNER_UP = "XM24-SUZ-002"  # its sender block names the deadline


def letters(cli: Cli, out: Path, lang: str, *more: str) -> dict[str, str]:
    args = ["letters", "samples/applicants", "-o", str(out), "--lang", lang, "--criteria", SIGNED]
    result = cli(*args, "--as-of", "2024-02-01", *more)
    assert result.exit_code == 0, result.stderr
    return {p.stem: p.read_text(encoding="utf-8") for p in out.glob("*.md")}


def settings(tmp_path: Path, text: str) -> str:
    path = tmp_path / "settings.yaml"
    path.write_text("schema_version: 1\n" + text, encoding="utf-8")
    return str(path)


def test_the_profile_signs_the_letters(cli: Cli, tmp_path: Path) -> None:
    zh = letters(cli, tmp_path / "zh", "zh")
    for text in zh.values():
        assert "合作伙伴招募办公室（示例）" in text and "签发人：招募负责人 王芳（示例）" in text
        assert "联系人：+86 21 5555 0199，recruit@example.com" in text
        assert text.endswith("\n上海，2024年2月1日\n")
    assert "请于2024年2月11日前补充" in zh[BLANKS]  # ten days from the letter's date
    assert "回复截止日期：2024年2月11日" in zh[RUNNER_UP]
    en = letters(cli, tmp_path / "en", "en")
    assert "Signed: Wang Fang (example), Recruitment Lead" in en[RUNNER_UP]
    assert en[RUNNER_UP].split("\n")[2] == "Shanghai, 1 February 2024"
    assert "by 11 February 2024" in en[BLANKS]


def test_the_settings_file_overrides_the_profile(cli: Cli, tmp_path: Path) -> None:
    zh = letters(cli, tmp_path / "all", "zh", "--settings", "samples/letters-settings.yaml")
    assert "渠道拓展部（示例）" in zh[RUNNER_UP] and "王芳" not in zh[RUNNER_UP]
    assert "回复截止日期：2024年2月15日" in zh[RUNNER_UP]  # the file's 14 days, not 10
    assert zh[RUNNER_UP].endswith("\n北京，2024年2月1日\n")


def test_the_override_is_field_by_field(cli: Cli, tmp_path: Path) -> None:
    """A file with a signatory and a fixed date: the profile's department, contact and
    place stay; the file's date replaces the profile's ten days (one deadline, not two)."""
    path = settings(tmp_path, "signatory: {zh: 渠道经理 赵磊（示例）}\nreply_by: 2024-03-01\n")
    zh = letters(cli, tmp_path / "some", "zh", "--settings", path)
    text = zh[RUNNER_UP]
    assert "签发人：渠道经理 赵磊（示例）" in text and "王芳" not in text
    assert "合作伙伴招募办公室（示例）" in text and "recruit@example.com" in text
    assert "回复截止日期：2024年3月1日" in text
    assert "请于2024年3月1日前补充" in zh[BLANKS]


def test_without_a_section_or_file_no_deadline_is_invented(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plain"
    assert cli("letters", "samples/applicants", "-o", str(out), "--lang", "zh").exit_code == 0
    text = (out / f"{RUNNER_UP}.md").read_text(encoding="utf-8")
    assert "签发人：（待填写）" in text and "回复截止日期" not in text


@pytest.mark.parametrize(
    ("section", "valid"),
    [
        ({"place": {"zh": "上海"}, "reply_within_days": 10}, True),
        ({"reply_within_days": 400}, False),
        ({"signatory": {"fr": "Li"}}, False),
        ({"seal": "yes"}, False),
    ],
)
def test_the_schema_checks_the_section(section: dict[str, object], valid: bool) -> None:
    """The committed schema knows the section (the models refuse the same; a located
    problem: tests/cases/criteria-invalid/letters-deadline.yaml)."""
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "criteria.schema.json").read_text("utf-8"))
    doc = parse_yaml((ROOT / SIGNED).read_text("utf-8"), SIGNED).data
    assert jsonschema.Draft202012Validator(schema).is_valid(doc)
    doc["letters"] = section
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    assert (not errors) == valid, errors
