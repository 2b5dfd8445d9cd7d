"""Gate verdicts kept with a cached applicant, so that a criteria edit re-decides only
what it changed.

Most of a large intake is shut out by a gate (85% of the benchmark's applicants), and a
shut-out applicant's decision is its gates' verdicts up to the first one not met. Those
verdicts depend on the applicant's facts (fixed: the cache entry is keyed by the file's
bytes), on each gate's own definition, and on what every gate reads besides: the
reference lists, which list holds the cities, the applicant schema and the code that
decides. So the cache entry of a file keeps, beside its model, the verdicts of the gates
it was decided on, each under a digest of that gate's definition and of what every gate
reads (`MemoKeys`). A later run whose gates, in order, up to the first one not met, have
the same digests decides that applicant from the memo: no model is validated, no rule
runs. An edit of a weight, a band or a bonus (the warm benchmark's edit) changes no
gate's digest; an edit of a gate changes that gate's, and the applicants whose decision
rests on it are decided from their model, as without a memo. An applicant that passes
every gate is always decided from its model: its points and sort key need the facts.

The unknown-name warnings of a file are kept too, under a digest of the fields that hold
names and of the reference lists; they are the advice `worker` gives, placed as before.

The memo is written when a file is parsed and never rewritten: a run after a gate edit
costs what it cost before the memo, and changes no entry (entries are shared by every
profile screened with the same cache).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decisionbytes import VERDICT
from dealerscreen.engine import Decision, gate_passes
from dealerscreen.models.applicant import SCHEMA_VERSION

if TYPE_CHECKING:  # names is imported by the worker only when a profile needs it
    from dealerscreen.names import NameField

Advised = list[tuple[tuple[str | int, ...], str, str]]  # (location, message, check)

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
# a verdict as a memo keeps it: the digit of the byte decisionbytes stores for it
_CHAR = {verdict: str(code) for verdict, code in VERDICT.items()}
_CODE = {char: verdict for verdict, char in _CHAR.items()}


@dataclass(frozen=True)
class MemoKeys:
    """The digests a memo is read against, made once per run from the compiled profile."""

    gates: tuple[str, ...]  # per gate, in order: its definition, with what every gate reads
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
        gates = tuple(_sha(base, gate.model_dump_json()) for gate, _ in compiled.gates)
        names = _sha(base, repr(name_fields))
        fails = tuple(
            frozenset(c for c, v in _CODE.items() if not gate_passes(gate, v))
            for gate, _ in compiled.gates
        )
        return MemoKeys(gates, names, "".join(gates), fails)


@dataclass(frozen=True)
class Memo:
    applicant_id: str
    city_id: str
    group: str | None
    digests: str  # the digests of the gates decided, in gate order, run together
    codes: str  # their verdicts, one character each (_CODE)
    names: str  # the names digest the advice was given under
    advice: Advised


def write(keys: MemoKeys, decision: Decision, advice: Advised) -> str:
    """The memo of a decision just made (in gate order, as far as it was decided): a flat
    JSON list, since every warm run reads one per applicant."""
    decided_gates = len(decision.gates)
    return json.dumps(
        [
            decision.applicant_id,
            decision.city_id,
            decision.group,
            "".join(keys.gates[:decided_gates]),
            "".join(_CHAR[v] for v in decision.gates),
            keys.names,
            [[list(loc), message, check] for loc, message, check in advice],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def read(text: str) -> Memo | None:
    """None: not a memo this version wrote (the caller decides from the model)."""
    try:
        applicant_id, city_id, group, digests, codes, names, advice = json.loads(text)
        if len(digests) != _WIDTH * len(codes) or not set(codes) <= _CODE.keys():
            return None
        return Memo(
            applicant_id,
            city_id,
            group,
            digests,
            codes,
            names,
            [(tuple(loc), message, check) for loc, message, check in advice] if advice else [],
        )
    except (ValueError, TypeError):
        return None


def shut_out_codes(keys: MemoKeys, memo: Memo) -> str | None:
    """The verdict codes of this run's gates up to the first one not met, when the memo
    holds each of them under the same key: the decision of an applicant shut out by a
    gate (`decisionbytes.shut_out_record`). None otherwise (a gate changed or was added
    before the one not met, or every gate passes): decide from the model."""
    codes = memo.codes
    if not keys.joined.startswith(memo.digests):  # the gates moved: find each by its key
        kept = {memo.digests[i * _WIDTH : (i + 1) * _WIDTH]: c for i, c in enumerate(codes)}
        found = []
        for digest in keys.gates:
            if digest not in kept:
                break
            found.append(kept[digest])
        codes = "".join(found)
    for i, (code, fails) in enumerate(zip(codes, keys.fails, strict=False)):
        if code in fails:
            return codes[: i + 1]
    return None
