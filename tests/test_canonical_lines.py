"""A programme's screening reads its stored submissions as JSON Lines whose every line is
the canonical text of an applicant validated when it was recorded (`Record.canonical`):
pydantic reads such a line in one step. It must give the very model the located reading
gives (`validate_record` of the same line as any JSON Lines file's), and a line the model
refuses must get the same located problems."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings

from dealerscreen.intake import Record, loading, validate_record
from dealerscreen.models.applicant import Applicant
from dealerscreen.programme.submissions import content_of
from tests.strategies import applicant_batches

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(
    p
    for folder in ("samples/applicants", "tests/cases/applicants-invalid")
    for p in (ROOT / folder).iterdir()
    if p.suffix in (".yaml", ".yml", ".json")
)


def _both(text: str) -> tuple[tuple[Applicant | None, object], tuple[Applicant | None, object]]:
    plain = Record("latest.jsonl", 1, text=text)
    return validate_record(replace(plain, canonical=True)), validate_record(plain)


def _same(text: str) -> None:
    (fast, fast_problems), (located, problems) = _both(text)
    assert fast_problems == problems
    # repr tells apart what == does not: Decimal 1.5 and 1.50, 1 and 1.0, True and 1
    assert repr(fast) == repr(located)
    if fast is not None and located is not None:
        assert fast.model_dump() == located.model_dump()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_stored_sample_reads_as_the_located_reading_reads_it(path: Path) -> None:
    loaded = loading.load_file(str(path))
    if loaded.applicant is None:  # an invalid file is stored with its problems, never screened
        return
    _same(content_of(loaded.applicant))


@settings(max_examples=60, deadline=None)
@given(batch=applicant_batches(max_size=3))
def test_any_stored_applicant_reads_as_the_located_reading_reads_it(
    batch: list[dict[str, object]],
) -> None:
    for item in batch:
        _same(content_of(Applicant.model_validate(item)))


@pytest.mark.parametrize(
    "text",
    [
        '{"applicant_id": "X-1"}',  # fields missing (a hand edit of the record)
        '{"applicant_id": "X-1", "applicant_id": "X-2"}',  # a key twice, fields missing
        '{"applicant_id": NaN}',
        "[1, 2]",
        "{",
    ],
)
def test_a_line_the_model_refuses_gets_the_located_problems(text: str) -> None:
    (fast, fast_problems), (located, problems) = _both(text)
    assert fast is None and located is None
    assert fast_problems == problems and problems


def test_a_canonical_line_is_not_parsed_the_located_way(monkeypatch: pytest.MonkeyPatch) -> None:
    import dealerscreen.intake as intake

    def refused(*args: object) -> None:
        raise AssertionError("parsed the located way")

    monkeypatch.setattr(intake, "parse_json", refused)
    loaded = loading.load_file(str(SAMPLES[0]))
    assert loaded.applicant is not None
    text = content_of(loaded.applicant)
    applicant, problems = validate_record(Record("latest.jsonl", 1, text=text, canonical=True))
    assert applicant is not None and problems == ()
