"""A rule's result is made once per distinct record (decide/explained.py), and a json
record's rule parts once per result (json_report._part): what they give back is what
making it anew gives, whatever else the key could have left out.

Each test below fails when one part of a key is taken out: the record's exact form (its
pickle, not the record, which is equal for True and 1), the rule and its kind, the
compiled profile (its language), a gate waiting for documents, the reader's language of
a json part, the applicant's provisional flag, and the result itself.
"""

from __future__ import annotations

import enum
import json
import pickle
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealerscreen.batch.screening import load_criteria
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide import explained
from dealerscreen.decide.engine import Decision, explain
from dealerscreen.decide.explaining import RULES
from dealerscreen.models.result import Evaluation, GateResult, Result, make_gate
from dealerscreen.reporters import html_applicant, json_report, markdown, parts, xlsx_explained
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.json_report import result_record
from dealerscreen.reporters.markdown import MarkdownReporter
from dealerscreen.reporters.workbook import Book
from dealerscreen.reporters.xlsx_explained import Explanations
from dealerscreen.rules.base import Traced
from dealerscreen.words.labels import Messages


@pytest.fixture
def run(samples_run: ScreenRun) -> ScreenRun:
    return samples_run


def _alone(compiled: CompiledProfile, decision: Decision) -> Evaluation:
    """The decision explained with nothing remembered: each rule's result made anew."""

    def made(
        self: explained.Explained,
        compiled: CompiledProfile,
        kind: str,
        i: int,
        traced: Traced,
        make: Callable[[CompiledProfile, int, Traced], Any],
    ) -> Any:
        return make(compiled, i, traced)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(explained.Explained, "get", made)
        told = explain(compiled, decision)
        for kind in RULES:  # its rules put into words here (each kind when first read)
            getattr(told, kind)
        return told


def _decisions(run: ScreenRun) -> list[Decision]:
    return list(run.results.decisions())


def test_every_sample_explained_together_as_alone(run: ScreenRun) -> None:
    """All the samples explained one after the other (sharing what they can) give each the
    evaluation it has explained alone: no rule's result is another rule's, another kind's,
    or that of a gate waiting for documents (a provisional applicant's)."""
    decisions = _decisions(run)
    assert any(d.provisional for d in decisions)  # the samples have both kinds
    assert any(not d.provisional for d in decisions)
    explained.clear()
    together = [explain(run.compiled, d) for d in decisions]
    for d, ev in zip(decisions, together, strict=True):
        assert ev == _alone(run.compiled, d), d.applicant_id
        assert tuple(i for i, g in enumerate(ev.gates) if g.provisional) == d.provisional


@pytest.mark.parametrize("bound", [3, 40])
def test_a_small_memo_in_two_generations_explains_as_alone(
    run: ScreenRun, bound: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A memo that fills many times over (the young generation becoming the old, the old
    going) still gives each decision its own words, and results are still shared: fewer
    are made than the decisions' rules ask for."""
    monkeypatch.setattr(explained, "MEMO_MAX", bound)
    decisions = _decisions(run) * 2  # the second time round, found where they are
    made = [0]
    real = explained.Explained.get

    def counting(self: explained.Explained, *args: Any) -> Any:
        *rest, make = args

        def counted(*made_args: Any) -> Any:
            made[0] += 1
            return make(*made_args)

        return real(self, *rest, counted)

    monkeypatch.setattr(explained.Explained, "get", counting)
    explained.clear()
    together = [explain(run.compiled, d) for d in decisions]
    for ev in together:
        for kind in RULES:
            getattr(ev, kind)
    asked = sum(len(getattr(ev, kind)) for ev in together for kind in RULES)
    monkeypatch.setattr(explained.Explained, "get", real)
    for d, ev in zip(decisions, together, strict=True):
        assert ev == _alone(run.compiled, d), d.applicant_id
    assert 0 < made[0] < asked


def test_equal_records_of_another_form_are_not_shared(run: ScreenRun) -> None:
    """A record with the fact True and one with 1 are equal in Python but read differently
    ('yes', '1'): each is explained in its own words."""
    compiled = run.compiled
    index = next(i for i, (g, _) in enumerate(compiled.gates) if g.id == "workshop-at-site")
    d = next(d for d in _decisions(run) if d.gate_records[index][1] == (True,))
    record = d.gate_records[index]
    other = (record[0], (1,), *record[2:])
    assert other == record
    records = (*d.gate_records[:index], other, *d.gate_records[index + 1 :])
    changed = d._replace(gate_records=records)
    explained.clear()
    first = explain(compiled, d).gates[index].detail
    second = explain(compiled, changed).gates[index].detail
    assert second == _alone(compiled, changed).gates[index].detail
    assert first != second


def test_a_profile_compiled_for_another_language_has_its_own_words(run: ScreenRun) -> None:
    """The same decision explained for an English reader, then by the profile compiled for
    a Chinese one, is in Chinese."""
    zh = load_criteria("xiaomi-2s-2024", "zh")
    explained.clear()
    for d in _decisions(run):
        english = explain(run.compiled, d)
        chinese = explain(zh, d)
        assert chinese == _alone(zh, d)
        assert english != chinese


def _result(run: ScreenRun) -> Result:
    """The first sample with a failed gate for want of a fact (its reason is in words of
    the reader's language)."""
    for result in run.results:
        if any(g.missing and not g.passed for g in result.evaluation.gates):
            return result
    raise AssertionError("no sample misses a fact a gate needs")


def test_a_json_part_is_in_the_readers_language(run: ScreenRun) -> None:
    result = _result(run)
    json_report._PARTS.clear()
    english = result_record(result, Messages("en"))["gates"]
    chinese = result_record(result, Messages("zh"))["gates"]
    json_report._PARTS.clear()
    assert chinese == result_record(result, Messages("zh"))["gates"]
    assert english != chinese


def test_a_json_gate_part_follows_the_applicants_provisional_flag(run: ScreenRun) -> None:
    """One gate result (provisional itself) in a final and a provisional applicant's
    record: its part says provisional only in the second."""
    gate = next(g for r in run.results for g in r.evaluation.gates if g.provisional)
    msgs = Messages("en")
    json_report._PARTS.clear()
    [final] = json_report._parts([gate], "en", False, json_report.gate_record, msgs)
    [waiting] = json_report._parts([gate], "en", True, json_report.gate_record, msgs)
    assert final["provisional"] is False and waiting["provisional"] is True
    # and its text, written once for each (`json_report._written`)
    json_report._TEXTS.clear()
    [final_text] = json_report._written([gate], "en", False, json_report.gate_record, msgs)
    [waiting_text] = json_report._written([gate], "en", True, json_report.gate_record, msgs)
    assert json.loads(orjson.dumps(final_text)) == final
    assert json.loads(orjson.dumps(waiting_text)) == waiting


@pytest.mark.parametrize("bound", [None, 5])
def test_a_json_part_is_never_that_of_a_result_gone_before(
    bound: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results made and dropped one after another (Python may give the next one the same
    address): each part is its own result's, also when the memo's generations turn over
    many times (a bound of 5)."""
    if bound is not None:
        monkeypatch.setattr(parts, "MAX", bound)
    json_report._PARTS.clear()
    json_report._TEXTS.clear()
    msgs = Messages("en")
    for i in range(200):
        gate: GateResult = make_gate("g", "G", True, "", f"detail {i}", "s", (), None, False, ())
        [part] = json_report._parts([gate], "en", False, json_report.gate_record, msgs)
        [text] = json_report._written([gate], "en", False, json_report.gate_record, msgs)
        assert part["detail"] == f"detail {i}"
        assert json.loads(orjson.dumps(text))["detail"] == f"detail {i}"
        del gate, part, text


def test_a_check_is_never_given_a_gates_result(run: ScreenRun) -> None:
    """A check whose record is the same as a gate's at the same place in the profile is a
    check, explained as alone."""
    compiled = run.compiled
    d = _decisions(run)[0]
    tried = 0
    for i in range(min(len(d.gate_records), len(d.checks))):
        checks = (*d.checks[:i], d.gate_records[i], *d.checks[i + 1 :])
        changed = d._replace(checks=checks)
        try:
            alone = _alone(compiled, changed)
        except Exception:
            continue
        explained.clear()
        assert explain(compiled, d) == _alone(compiled, d)
        explain(compiled, d)
        assert explain(compiled, changed) == alone
        tried += 1
    assert tried


def test_an_html_row_is_in_the_readers_language(run: ScreenRun) -> None:
    """A page explaining the same results in English, then in Chinese, writes each rule's
    row in its reader's words (html_applicant's rows remembered by result and language)."""
    result = _result(run)
    html_applicant._PARTS.clear()
    english = _page(run, result, "en")
    chinese = _page(run, result, "zh")
    html_applicant._PARTS.clear()
    assert chinese == _page(run, result, "zh")
    assert english != chinese


def _page(run: ScreenRun, result: Result, lang: str) -> str:
    """The rule rows of `result`'s article (its gates and its criteria and bonuses)."""
    article = "".join(
        html_applicant.applicant_article(View(run.data(), run.results, lang=lang), result)
    )
    return article[article.index("<details>") :]


def test_a_markdown_line_is_in_the_readers_language(run: ScreenRun) -> None:
    """An explanation's lines of failed requirements and lost points, made for an English
    reader and then a Chinese one, are each in their reader's words."""
    result = _result(run)
    assert result.evaluation.failed_gates
    markdown._PARTS.clear()
    english = _explained_md(run, result, "en")
    chinese = _explained_md(run, result, "zh")
    markdown._PARTS.clear()
    assert chinese == _explained_md(run, result, "zh")
    assert english != chinese


def _explained_md(run: ScreenRun, result: Result, lang: str) -> list[str]:
    lines = MarkdownReporter()._explanation(View(run.data(), run.results, lang=lang), result)
    return [line for line in lines if line.startswith("- ")]


def test_a_workbook_explanation_is_in_the_readers_language(run: ScreenRun) -> None:
    """The explanation sheet's words of failed requirements, points, bonuses and
    advisories, made for an English reader and then a Chinese one, are each in their
    reader's words, and made once per language."""
    with_bonus = next(r for r in run.results if any(b.applied for b in r.evaluation.bonuses))
    told: list[tuple[Any, Any]] = []
    for result in (_result(run), with_bonus):
        _clear_sheet_parts()
        english = _sheet_words(run, result, "en")
        chinese = _sheet_words(run, result, "zh")
        _clear_sheet_parts()
        assert chinese == _sheet_words(run, result, "zh")  # made anew: the same
        # the words the sheet adds to a rule's detail (a requirement's reason, an
        # advisory's message, what a fact not stated scored) are each reader's own
        told += [(a, b) for (kind, a), (_, b) in zip(english, chinese, strict=True) if kind]
    assert told and all(a != b for a, b in told)


def _clear_sheet_parts() -> None:
    xlsx_explained._PARTS.clear()
    xlsx_explained._CRITERIA.clear()


def _sheet_words(run: ScreenRun, result: Result, lang: str) -> list[tuple[bool, Any]]:
    """The words of `result`'s rule rows: its failed requirements, each criterion, the
    bonuses and the advisories (after its decision; before what would change it), each
    with whether the sheet adds words of its own to the rule's detail."""
    view = View(run.data(), run.results, lang=lang)
    sheet = Explanations(Book(datetime(2024, 1, 2), "memo"), view, 0, "")
    ev = result.evaluation
    added = [True] * len(ev.failed_gates)
    added += [c.missing_policy is not None for c in ev.criteria]
    added += [False] * sum(1 for b in ev.bonuses if b.applied)
    added += [True] * sum(1 for k in ev.checks if k.passed is not True)
    rows = list(sheet._told(result))[1:-1]
    return list(zip(added, (words for _, _, _, words in rows), strict=True))


class _Level(enum.IntEnum):
    ONE = 1  # equal to 1 and True, but reads "_Level.ONE"


# Values equal in Python but of another type or form (each reads differently), and others.
_TWINS: list[list[Any]] = [
    [True, 1, 1.0, Decimal(1), Decimal("1.0"), Decimal("1.00"), Decimal("1E+0"), _Level.ONE],
    [False, 0, 0.0, -0.0, Decimal(0), Decimal("-0"), Decimal("0.0"), Decimal("0E+1")],
    [10, 10.0, Decimal(10), Decimal("1E+1"), Decimal("10.0")],
    [date(2024, 1, 2), datetime(2024, 1, 2)],
    ["1", "a", "", "宁波"],
    [None],
    [float("nan"), float("inf"), -float("inf")],
]
_scalar = st.one_of(
    st.sampled_from([v for group in _TWINS for v in group]),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(max_size=4),
)
_facts = st.lists(st.one_of(_scalar, st.tuples(_scalar, _scalar)), max_size=3).map(tuple)
_branch = st.one_of(st.none(), st.integers(0, 3))
_leaf = st.tuples(_scalar, _facts, _branch, st.just(()))
_records = st.recursive(
    _leaf,
    lambda inner: st.tuples(_scalar, _facts, _branch, st.lists(inner, max_size=2).map(tuple)),
    max_leaves=4,
)


def _form(value: Any) -> Any:
    """The reference: each value's pickle, value by value (pickle says each value's type
    and form; a whole record's pickle also says which of its values are the same object)."""
    if type(value) is tuple:
        return tuple(_form(v) for v in value)
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _twin(data: st.DataObject, value: Any) -> Any:
    """`value` with each value replaced by an equal one, of its own or another form."""
    if type(value) is tuple:
        return tuple(_twin(data, v) for v in value)
    if isinstance(value, Decimal) and value.is_nan():  # a signalling NaN refuses ==
        return value
    for group in _TWINS:
        if any(type(v) is type(value) and v == value for v in group):
            same = [v for v in group if v == value]  # nan is not nan
            return data.draw(st.sampled_from(same)) if same else value
    return value


@settings(max_examples=400, deadline=None)
@given(_records, _records, st.data())
def test_a_record_key_tells_apart_exactly_what_pickle_does(
    a: Traced, b: Traced, data: st.DataObject
) -> None:
    """Two records get the same memo key when, and only when, they hold values of the same
    types and forms: True and 1, 1.0 and 1, Decimal 1.5 and 1.50, 0.0 and -0.0, a date
    and a datetime, 1 and an enumeration's member are told apart; equal pickles always
    get equal keys (explained.record_key)."""
    twin = _twin(data, a)
    for x, y in ((a, b), (a, twin), (b, _twin(data, b))):
        same_key = explained.record_key(x) == explained.record_key(y)
        assert same_key == (_form(x) == _form(y)), (x, y)
        if pickle.dumps(x) == pickle.dumps(y):
            assert same_key, (x, y)
