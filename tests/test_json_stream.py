"""Large reports: the json report is written a record at a time, byte for byte what one
`json.dumps` of the whole envelope would write (keys sorted, indent 2, UTF-8 as is)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import CliResult


@pytest.mark.parametrize(
    "args",
    [
        ("samples/applicants",),
        ("samples/applicants", "--top", "1"),
        # no results at all ("results": []): a listed city nobody in the file applied for
        ("samples/applicants/lhasa-gaoyuan-zhiyuan.json", "--city", "苏州"),
        ("samples/invalid",),
        ("samples/applicants", "--lang", "zh"),
    ],
)
def test_streamed_json_is_the_envelope_dumped_whole(
    cli: Callable[..., CliResult], args: tuple[str, ...]
) -> None:
    out = cli("screen", *args, "-f", "json")
    assert out.exit_code in (0, 1), out
    data = json.loads(out.stdout)
    assert out.stdout == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert isinstance(data["results"], list)


def test_html_explains_a_bounded_number_of_rows_and_says_so(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large batch's page stays one file that opens: it explains its first rows in rank
    order and names how to see the others."""
    from dealerscreen.reporters import html_report

    monkeypatch.setattr(html_report, "EXPLAINED_MAX", 3)
    out = cli("screen", "samples/applicants", "-f", "html")
    assert out.stdout.count('<article class="applicant"') == 3
    assert "Explanations of the first 3 of 53 applicants" in out.stdout
    assert "explain --id" in out.stdout


def test_html_leaves_the_weight_analysis_out_past_its_bound(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dealerscreen.reporters import html_report

    monkeypatch.setattr(html_report, "SENSITIVITY_MAX", 5)
    out = cli("screen", "samples/applicants", "-f", "html")
    assert "Not computed for this page" in out.stdout and "dealerscreen sensitivity" in out.stdout
