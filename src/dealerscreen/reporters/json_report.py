"""`--format json`: a stable, documented envelope (see README, "JSON output").

Points are JSON numbers written from exact decimals; keys are sorted so output is
byte-identical for the same inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import orjson

from dealerscreen.decide import plain
from dealerscreen.decide.whatif import Outlook
from dealerscreen.i18n.problemtext import in_lang
from dealerscreen.models.result import BonusResult, CheckResult, CriterionResult, GateResult, Result
from dealerscreen.reporters import jsontext
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.reporters.parts import Parts
from dealerscreen.words.evidence_words import entry_records, wanted_records
from dealerscreen.words.explain import facts_to_ask, gate_reason, one_line
from dealerscreen.words.labels import EN_MESSAGES, Messages
from dealerscreen.words.telling import (
    review_codes,
    review_reasons,
    separation_sentence,
    total_text,
)

SCHEMA = "dealerscreen.screen/1"


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def outlook_record(outlook: Outlook) -> dict[str, Any]:
    change = outlook.change
    return {
        "top_tier": outlook.top_tier,
        "change": None
        if change is None
        else {
            "fact": change.fact,
            "rule": change.rule,
            "from": change.old,
            "to": change.new,
            "gain": number(change.gain),
            "tier": change.tier,
            "becomes_eligible": change.became_eligible,
        },
    }


def separation_record(result: Result, msgs: Messages) -> dict[str, Any] | None:
    """Who is across the applicant's city quota line, and which ranking key separated them."""
    sep = result.separation
    if sep is None:
        return None

    def value(v: Decimal | str | None) -> int | float | str | None:
        return number(v) if isinstance(v, Decimal) else v

    record = plain.separation(sep)  # the stored record's, its values as numbers
    record["value"], record["other_value"] = value(sep.ours), value(sep.theirs)
    record["text"] = separation_sentence(result, msgs)
    return record


def result_record(
    result: Result,
    msgs: Messages = EN_MESSAGES,
    outlook: Outlook | None = None,
    parts: PartsOf | None = None,
) -> dict[str, Any]:
    """The result as the report's data; `parts` makes its rules' lists (as data unless
    given: the report's own writing gives `_written`)."""
    made = parts or _parts
    ev = result.evaluation
    return {
        "applicant_id": ev.applicant_id,
        "legal_name": ev.legal_name,
        "chinese_name": ev.chinese_name,
        "group_name": ev.group_name,
        "city": {"id": ev.city_id, "name": ev.city_name, "name_zh": ev.city_name_zh},
        "source": ev.source_path,
        "eligible": ev.eligible,
        "tier": ev.tier,
        "rank": result.rank,
        "city_rank": result.city_rank,
        "city_quota": result.city_quota,
        "shortlisted": result.shortlisted,
        "score": number(ev.score),
        "bonus": number(ev.bonus),
        "total": number(ev.total),
        # #12: the scale the score is out of, the total in words, the quota line, review
        "max_points": number(ev.max_points),
        "total_text": total_text(ev, msgs),
        "separation": separation_record(result, msgs),
        "needs_review": review_reasons(result, msgs),
        "review_flags": review_codes(result),
        "reason": one_line(result, msgs),
        "provisional": ev.provisional,
        "evidence_wanted": wanted_records(ev),
        "evidence": entry_records(ev),
        "what_would_change": outlook_record(outlook) if outlook is not None else None,
        "not_stated": facts_to_ask(result),
        "gates": made(ev.gates, msgs.lang, ev.provisional, gate_record, msgs),
        "criteria": made(ev.criteria, "", False, criterion_record, msgs),
        "bonuses": made(ev.bonuses, "", False, bonus_record, msgs),
        "checks": made(ev.checks, "", False, check_record, msgs),
    }


def gate_record(g: GateResult, msgs: Messages, provisional: bool) -> dict[str, Any]:
    return {
        "id": g.id,
        "title": g.title,
        "passed": g.passed,
        "detail": g.detail,
        "reason": None if g.passed else gate_reason(g, msgs),
        "source": g.source,
        "basis": g.basis,
        "provisional": provisional and g.provisional,
    }


def criterion_record(c: CriterionResult, msgs: Messages, provisional: bool) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "group": c.group,
        "points": number(c.points),
        "max_points": number(c.max_points),
        "detail": c.detail,
        "fact": c.fact,
        "missing_policy": c.missing_policy,
        "source": c.source,
        "basis": c.basis,
    }


def bonus_record(b: BonusResult, msgs: Messages, provisional: bool) -> dict[str, Any]:
    return {
        "id": b.id,
        "title": b.title,
        "applied": b.applied,
        "points": number(b.points),
        "detail": b.detail,
        "source": b.source,
        "basis": b.basis,
    }


def check_record(c: CheckResult, msgs: Messages, provisional: bool) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "passed": c.passed,
        "level": c.level,
        "verified": c.verified,
        "message": c.message,
        "detail": c.detail,
        "source": c.source,
    }


# A rule's part of a record, by the result it is made from (`parts.Parts`), the reader's
# language (a gate's reason) and whether the applicant's decision is provisional (a
# gate's flag); the records share these dicts.
_PARTS: Parts[dict[str, Any]] = Parts()
Make = Callable[[Any, Messages, bool], dict[str, Any]]
PartsOf = Callable[[Iterable[Any], str, bool, Make, Messages], list[Any]]
# The lists of a result's rules' parts, in a record (the rest of it is the applicant's own)
RULE_LISTS = ("gates", "criteria", "bonuses", "checks")
# A result is a member of the envelope's list of results (depth 1, `_items`); its rules'
# parts stand in its lists, two levels deeper than itself.
_RESULT_DEPTH = 1
_PART_DEPTH = _RESULT_DEPTH + 3


def _parts(
    results: Iterable[Any], lang: str, provisional: bool, make: Make, msgs: Messages
) -> list[dict[str, Any]]:
    return _PARTS.each(results, (make, lang, provisional), make, msgs, provisional)


class _Unwritten(Exception):
    """A rule's part that the standard encoder must write (`jsontext.fragment`)."""


# Each part's text, made once as its dict is (same keys): most applicants share most parts.
_TEXTS: Parts[orjson.Fragment | None] = Parts()


def _text_of(result: Any, make: Make, msgs: Messages, provisional: bool) -> orjson.Fragment | None:
    return jsontext.fragment(make(result, msgs, provisional), _PART_DEPTH)


def _written(
    results: Iterable[Any], lang: str, provisional: bool, make: Make, msgs: Messages
) -> list[orjson.Fragment]:
    """The parts as their written text (`jsontext.fragment`), for `jsontext.member_of`."""
    texts = _TEXTS.each(results, (make, lang, provisional), _text_of, make, msgs, provisional)
    if None in texts:
        raise _Unwritten
    return texts  # type: ignore[return-value]  # no None, as just seen


_dumps = jsontext.dumps
# A member's text as bytes where orjson wrote it; `render` and the writer take both.
_member = jsontext.member


# The envelope's large parts (the results, the cities' lists, the multi-city groups, the
# manifest's file list) are written one member at a time, each where a placeholder stood
# in the text of the rest: 100,000 results are gigabytes as Python objects, and even the
# lists of ids are a million pieces to the standard encoder, which joins them at once.
def _placeholder(name: str) -> str:
    return f"\x00{name}\x00"


def _items(items: Iterable[Any], depth: int, written: bool = False) -> Iterator[bytes | str]:
    """A list `depth` levels deep, as `_dumps` of the whole would write it; `written`:
    the items are their texts already (`_member`'s)."""
    first = True
    for item in items:
        yield _joined("[\n" if first else ",\n", item if written else _member(item, depth))
        first = False
    yield "[]" if first else "\n" + "  " * depth + "]"


def _members(pairs: Iterable[tuple[str, Any]], depth: int) -> Iterator[bytes | str]:
    """An object `depth` levels deep from its (key, value) pairs in key order."""
    pad = "  " * (depth + 1)
    first = True
    for key, value in pairs:
        text = _member(value, depth)[len(pad) :]  # after the key, on the key's line
        yield _joined(("{\n" if first else ",\n") + pad + _dumps(key) + ": ", text)
        first = False
    yield "{}" if first else "\n" + "  " * depth + "}"


def _joined(before: str, text: bytes | str) -> bytes | str:
    """`before` and a member's text as one part, of the member's type (see `_member`)."""
    return before.encode() + text if isinstance(text, bytes) else before + text


def _around(text: str, parts: dict[str, Iterator[bytes | str]]) -> Iterator[bytes | str]:
    """The text with each placeholder replaced by its streamed part, in text order."""
    where = sorted((text.index(_dumps(_placeholder(name))), name) for name in parts)
    start = 0
    for at, name in where:
        yield text[start:at]
        yield from parts[name]
        start = at + len(_dumps(_placeholder(name)))
    yield text[start:]


class JsonReporter(Reporter):
    def render(self, view: View) -> str:
        return "".join(p if isinstance(p, str) else p.decode() for p in self.render_parts(view))

    def render_parts(self, view: View) -> Iterator[bytes | str]:
        """The same bytes as `json.dumps` of the whole envelope, made a part at a time:
        the large members as UTF-8 bytes, as orjson writes them (`jsontext.member`)."""
        data = view.data

        def cities() -> Iterator[dict[str, Any]]:
            for s in view.cities(keep=False):  # read once: not held through the results
                yield {
                    "id": s.city_id,
                    "name": s.display(view.lang),
                    "quota": s.quota,
                    "flag": s.flag,
                    "shortlist": s.shortlist.ids(),
                    "runners_up": s.runners_up.ids(),
                    "ineligible": s.ineligible.ids(),
                    "provisional": s.eligible.provisional_ids(),
                }

        def groups() -> Iterator[tuple[str, list[str]]]:
            yield from sorted(view.multi_city(keep=False).items())

        def record(r: Result, outlook: Outlook, parts: PartsOf | None = None) -> dict[str, Any]:
            made = result_record(r, view.msgs, outlook, parts)
            if view.team is not None:  # a programme's: the team's acts beside it
                made["team"] = view.team.get(r.evaluation.applicant_id)
            return made

        def results() -> Iterator[bytes | str]:
            for r in view.rows:
                outlook = view.outlook(r, keep=False)  # read once: not kept
                try:
                    text = jsontext.member_of(record(r, outlook, _written), RULE_LISTS, 1)
                except _Unwritten:
                    text = None
                # where the standard encoder must write some of it: the whole, as data
                yield text if text is not None else _member(record(r, outlook), _RESULT_DEPTH)

        envelope = {
            "schema": SCHEMA,
            "status": "ok" if not data.counts["invalid"] else "invalid-input",
            "manifest": {
                **view.manifest(with_files=False),
                "applicant_files": _placeholder("files"),
            },
            "lang": view.lang,
            "counts": data.counts,
            "results": _placeholder("results"),
            "cities": _placeholder("cities"),
            "multi_city_groups": _placeholder("groups"),
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "level": p.level,
                    "field": p.field,
                    "message": in_lang(p.message, view.lang),  # `check` is the stable id
                    "check": p.check,
                }
                for p in sorted(data.problems)
            ],
            "skipped": [{"path": s.path, "why": in_lang(s.why, view.lang)} for s in data.skipped],
        }
        parts = {
            "files": _members(data.applicant_files(), 2),
            "results": _items(results(), _RESULT_DEPTH, written=True),
            "cities": _items(cities(), 1),
            "groups": _members(groups(), 1),
        }
        yield from _around(_dumps(envelope), parts)
        yield "\n"
