"""Large reports: the json report is written a record at a time, byte for byte what one
`json.dumps` of the whole envelope would write (keys sorted, indent 2, UTF-8 as is)."""

from __future__ import annotations

import json
import re
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
    """A large batch's page stays one file that opens: it explains a bounded number of
    rows, says so, and names how to see the others; the ranked table still lists all,
    linking only to the explanations the page holds."""
    from dealerscreen.reporters import html_report

    monkeypatch.setattr(html_report, "EXPLAINED_MAX", 3)
    out = cli("screen", "samples/applicants", "-f", "html")
    assert out.stdout.count('<article class="applicant"') == 3
    assert "Explanations of 3 of 53 applicants: the shortlisted" in out.stdout
    assert "explain --id" in out.stdout
    assert "50 applicants are listed here without an explanation" in out.stdout
    links = re.findall(r'href="#a-([^"]+)"', out.stdout)
    assert set(links) == set(re.findall(r'<article class="applicant" id="a-([^"]+)"', out.stdout))
    assert out.stdout.count('<tr class="') + out.stdout.count("<tr data-city=") >= 53


def test_html_explains_the_rows_that_matter_first(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its bound the page explains every shortlisted applicant and the runners-up next
    in line (a city's places up to twice its quota) before others that rank higher."""
    from dealerscreen.reporters import html_report

    data = json.loads(cli("screen", "samples/applicants", "-f", "json").stdout)["results"]
    short = [r["applicant_id"] for r in data if r["shortlisted"]]
    in_line = [
        r["applicant_id"]
        for r in data
        if r["eligible"] and not r["shortlisted"] and r["city_rank"] <= 2 * r["city_quota"]
    ]
    behind = [
        r["applicant_id"] for r in data if r["eligible"] and r["city_rank"] > 2 * r["city_quota"]
    ]
    assert short and in_line and behind
    limit = len(short) + len(in_line)
    monkeypatch.setattr(html_report, "EXPLAINED_MAX", limit)
    page = cli("screen", "samples/applicants", "-f", "html").stdout
    shown = re.findall(r'<article class="applicant" id="a-([^"]+)"', page)
    assert set(shown) == set(short + in_line)
    rank = {r["applicant_id"]: i for i, r in enumerate(data)}
    assert shown == sorted(shown, key=rank.__getitem__)  # in rank order
    # a runner-up further back in its city is left out though it ranks above some shown
    assert min(rank[b] for b in behind) < max(rank[s] for s in shown)


def test_html_leaves_the_weight_analysis_out_past_its_bound(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dealerscreen.reporters import html_sensitivity

    monkeypatch.setattr(html_sensitivity, "SENSITIVITY_MAX", 5)
    out = cli("screen", "samples/applicants", "-f", "html")
    assert "Not computed for this page" in out.stdout and "dealerscreen sensitivity" in out.stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_result_whose_parts_need_the_standard_encoder_is_written_the_same(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    """A rule's part is written once, as orjson writes it, and stands in each result that
    holds it; a part orjson would write otherwise (a float with an exponent, a lone
    surrogate) has no such text, and its result is written whole by the standard encoder.
    The report is the same either way: here every third part is refused its text."""
    from dealerscreen.reporters import json_report, jsontext

    first = cli("screen", "samples/applicants", "-f", "json", "--lang", lang)
    real, made = jsontext.fragment, [0]

    def refusing(data: object, depth: int) -> object:
        made[0] += 1
        return None if made[0] % 3 == 0 else real(data, depth)

    monkeypatch.setattr(jsontext, "fragment", refusing)
    json_report._TEXTS.clear()
    try:
        second = cli("screen", "samples/applicants", "-f", "json", "--lang", lang)
    finally:
        json_report._TEXTS.clear()  # no text made while refusing is kept for other tests
    assert made[0] > 30
    assert second.stdout == first.stdout
