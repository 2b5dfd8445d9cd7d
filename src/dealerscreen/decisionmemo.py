"""What each rule decided of a cached applicant, kept with it, so that a criteria edit
re-decides only what it changed.

A rule's verdict (a gate's pass or fail, a criterion's points, a bonus's condition)
depends on the applicant's facts (fixed: the cache entry is keyed by the file's bytes), on
the rule's own definition, and on what every rule reads besides: the reference lists,
which list holds the cities, the applicant schema and the code that decides. So the cache
entry of a file keeps, beside its model, each verdict of its decision under a digest of
that rule's definition and of what every rule reads (`MemoKeys`).

- Most of a large intake is shut out by a gate (85% of the benchmark's applicants), and a
  shut-out applicant's decision is its gates' verdicts up to the first one not met. A
  later run whose gates, up to that one, have the same digests decides the applicant
  from the memo alone: no model is validated, no rule runs (`shut_out_codes`).
- An applicant that passes every gate is decided from its model (its sort key and any
  changed rule need the facts), but each rule whose digest is unchanged gives the value
  it gave before instead of deciding again (`known`).

An edit of a weight or a band changes that criterion's digest alone; an edit of a gate
changes that gate's, and the applicants whose decision rests on it are decided from their
model, as without a memo. The unknown-name warnings of a file are kept too, under a
digest of the fields that hold names and of the reference lists.

The memo is written when a file is parsed and never rewritten: a run after an edit costs
at most what it cost before the memo, and changes no entry (entries are shared by every
profile screened with the same cache).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from dealerscreen.criteria.compile import CompiledProfile, Deciders
from dealerscreen.engine import Decision, gate_passes
from dealerscreen.models.applicant import SCHEMA_VERSION

if TYPE_CHECKING:  # names is imported by the worker only when a profile needs it
    from dealerscreen.names import NameField

Advised = list[tuple[tuple[str | int, ...], str, str]]  # (location, message, check)
V = TypeVar("V")

_code: str | None = None


def code_digest() -> str:
    """Of this package's source: a changed rule implementation changes every verdict's
    key, even between two builds with the same version number (a development install)."""
    global _code
    if _code is None:
        digest = hashlib.sha256()
        root = Path(__file__).parent
        for path in sorted(root.rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
        _code = digest.hexdigest()
    return _code


def _sha(*parts: str) -> str:
    """64 bits of SHA-256: keys a few dozen definitions apart; the entry's own seal is
    what guards it against edits (cache.seal)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:16]


_WIDTH = 16  # hex digits of a digest (`_sha`)
# a verdict as a memo keeps it: the digit decisionbytes stores for it
_CODE = {"0": False, "1": True, "2": None}
_CHAR = {False: "0", True: "1", None: "2"}


@dataclass(frozen=True)
class MemoKeys:
    """The digests a memo is read against, made once per run from the compiled profile."""

    gates: tuple[str, ...]  # per rule, in order: its definition, with what every rule reads
    criteria: tuple[str, ...]
    bonuses: tuple[str, ...]
    names: str  # the name fields and the reference lists, for the unknown-name warnings
    joined: str  # the gates' digests run together, as a memo keeps them
    fails: tuple[frozenset[str], ...]  # per gate, the verdict codes that do not meet it

    @staticmethod
    def of(compiled: CompiledProfile, name_fields: list[NameField]) -> MemoKeys:
        profile = compiled.profile
        lists = compiled.loaded.references
        base = _sha(
            code_digest(),
            str(SCHEMA_VERSION),
            json.dumps(profile.reference, sort_keys=True),
            str(profile.city_list),
            *(f"{name}={lists[name].spec.model_dump_json()}" for name in sorted(lists)),
        )
        gates = tuple(_sha(base, "gate", g.model_dump_json()) for g, _ in compiled.gates)
        fails = tuple(
            frozenset(c for c, v in _CODE.items() if not gate_passes(gate, v))
            for gate, _ in compiled.gates
        )
        return MemoKeys(
            gates,
            tuple(_sha(base, "criterion", c.model_dump_json()) for c, _ in compiled.criteria),
            tuple(_sha(base, "bonus", b.model_dump_json()) for b, _ in compiled.bonuses),
            _sha(base, "names", repr(name_fields)),
            "".join(gates),
            fails,
        )


@dataclass(frozen=True)
class Memo:
    applicant_id: str
    city_id: str
    group: str | None
    digests: str  # the digests of the gates decided, in gate order, run together
    codes: str  # their verdicts, one character each (_CODE)
    names: str  # the names digest the advice was given under
    advice: Advised
    # a decision made in full (every gate met): the criteria's points and the bonuses'
    # verdicts, each list's digests run together; empty for a shut-out applicant
    criteria: str
    points: list[str | None]
    bonuses: str
    bonus_codes: str


def write(keys: MemoKeys, decision: Decision, advice: Advised) -> str:
    """The memo of a decision just made (in rule order, as far as it was decided): a
    flat JSON list, since every warm run reads one per applicant."""
    full = decision.complete
    return json.dumps(
        [
            decision.applicant_id,
            decision.city_id,
            decision.group,
            "".join(keys.gates[: len(decision.gates)]),
            "".join(_CHAR[v] for v in decision.gates),
            keys.names,
            [[list(loc), message, check] for loc, message, check in advice],
            "".join(keys.criteria) if full else "",
            [None if p is None else str(p) for p in decision.points] if full else [],
            "".join(keys.bonuses) if full else "",
            "".join(_CHAR[v] for v in decision.bonuses) if full else "",
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def read(text: str | bytes) -> Memo | None:
    """None: not a memo this version wrote (the caller decides from the model)."""
    try:
        (
            applicant_id, city_id, group, digests, codes, names, advice,
            criteria, points, bonuses, bonus_codes,
        ) = json.loads(text)  # fmt: skip
        whole = (
            len(digests) == _WIDTH * len(codes)
            and len(criteria) == _WIDTH * len(points)
            and len(bonuses) == _WIDTH * len(bonus_codes)
            and set(codes + bonus_codes) <= _CODE.keys()
        )
        if not whole:
            return None
        return Memo(
            applicant_id,
            city_id,
            group,
            digests,
            codes,
            names,
            [(tuple(loc), message, check) for loc, message, check in advice] if advice else [],
            criteria,
            points,
            bonuses,
            bonus_codes,
        )
    except (ValueError, TypeError):
        return None


def _kept(wanted: Sequence[str], kept: str, values: Sequence[V]) -> list[tuple[bool, V | None]]:
    """Per digest wanted, in order: whether the memo keeps a value under it, and which."""
    by = {kept[i * _WIDTH : (i + 1) * _WIDTH]: v for i, v in enumerate(values)}
    return [(w in by, by.get(w)) for w in wanted]


def shut_out_codes(keys: MemoKeys, memo: Memo) -> str | None:
    """The verdict codes of this run's gates up to the first one not met, when the memo
    holds each of them under the same key: the decision of an applicant shut out by a
    gate (`decisionbytes.shut_out_record`). None otherwise (a gate changed or was added
    before the one not met, or every gate passes): decide from the model."""
    codes = memo.codes
    if not keys.joined.startswith(memo.digests):  # the gates moved: find each by its key
        by = {memo.digests[i * _WIDTH : (i + 1) * _WIDTH]: c for i, c in enumerate(codes)}
        found = []
        for digest in keys.gates:
            if digest not in by:
                break
            found.append(by[digest])
        codes = "".join(found)
    for i, (code, fails) in enumerate(zip(codes, keys.fails, strict=False)):
        if code in fails:
            return codes[: i + 1]
    return None


_constants: dict[tuple[str, str], Callable[[Any], Any]] = {}


def _always(value: bool | Decimal | None) -> Callable[[Any], Any]:
    """A deciding function that gives what was decided before. One per distinct value,
    kept: a batch's points take a few dozen values (by their text: 5 and 5.0 are two)."""
    key = (type(value).__name__, str(value))
    fn = _constants.get(key)
    if fn is None:

        def fn(_applicant: Any) -> Any:
            return value

        if len(_constants) < 4096:
            _constants[key] = fn
    return fn


def _replaced(
    rules: tuple[tuple[Any, Callable[[Any], Any]], ...], kept: list[tuple[bool, Any]]
) -> tuple[tuple[Any, Callable[[Any], Any]], ...]:
    return tuple(
        (rule, _always(value) if there else fn)
        for (rule, fn), (there, value) in zip(rules, kept, strict=True)
    )


def known(compiled: CompiledProfile, keys: MemoKeys, memo: Memo) -> Deciders | None:
    """The profile's deciding functions, each rule the memo keeps a value for under its
    digest replaced by that value (`engine.decide(deciders=...)`); None when the memo
    holds no more than gates (a shut-out applicant) or nothing this run can use."""
    if not memo.criteria and not memo.bonuses:
        return None
    gates = _kept(keys.gates, memo.digests, [_CODE[c] for c in memo.codes])
    points = [None if p is None else Decimal(p) for p in memo.points]
    criteria = _kept(keys.criteria, memo.criteria, points)
    bonuses = _kept(keys.bonuses, memo.bonuses, [_CODE[c] for c in memo.bonus_codes])
    if not any(there for there, _ in (*gates, *criteria, *bonuses)):
        return None
    fast = compiled.deciders
    return Deciders(
        _replaced(fast.gates, gates),
        _replaced(fast.criteria, criteria),
        _replaced(fast.bonuses, bonuses),
        fast.needs,
    )
