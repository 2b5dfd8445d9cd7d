"""A screening's decisions stored: each made into its row, and the rows written in one
transaction, sealed by a `screen` act, once the report is out.

A decision's stored record is the decision record as plain data (decide/plain.py): each
rule's verdict or points, the facts it read and the branch that held, by rule id, with
the ranking's place. It holds no words, so storing a decision does not put it into words
(which cost most of what storing did when the record was the json report's); the run
keeps what the records' rule ids name (the profile, its digest, each rule's field paths,
the criteria files' text).
Records stored before this form are the json report's per-applicant record: both are
JSON text with the same keys for what the record's columns are made of
(`decisions.record_columns`), and a plain one says so (`"schema"`).

The rows carry their ids and the run's (a decision's seal covers them). They are read
before the report (`next_ids`) and checked when the rows are written: when another
screening was stored in between, the rows take the next ids and are sealed anew from
their packed records.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from dealerscreen.decide import plain
from dealerscreen.models.clock import combined_digest
from dealerscreen.programme import chain, rundetail
from dealerscreen.programme.decisions import Latest, outcome, record_columns
from dealerscreen.programme.schema import decisions, head, runs

if TYPE_CHECKING:  # the screening: imported by `screen -p` alone
    from dealerscreen.batch.screenrun import ScreenRun

ZDICT_MAX = 32 * 1024  # zlib's window: a longer preset dictionary's start is never used
# zlib's level: against the run's dictionary, 3 packs a record to within a fifth of 9's
# size at under half its time (2,000 synthetic records: 0.075 s and 0.92 MB, 9 0.17 s and
# 0.75 MB); unpacking does not depend on it
LEVEL = 3
WRITE_CHUNK = 1000  # rows per insert: few round trips, no one statement of 100,000
SAMPLES = 16  # records read first to tell how many whole ones the dictionary holds
# A row's own values, in this order; the rest is the run's (id, run_id, criteria_digest,
# as_of), and `record` is None (the record is packed: `record_z`).
COLUMNS = ("city", "city_zh", "provisional", "wanted")  # decisions.record_columns
OWN = ("applicant_id", "submission_id", "outcome", "record_z", "digest", *COLUMNS)


def dictionary(texts: Sequence[bytes]) -> bytes:
    """A run's preset dictionary, of `texts`: records taken evenly across its ranking, from
    the first to the last (`sampled`), as many whole ones as zlib's window holds (the
    ranking puts like with like: the shortlisted, the reserve, the not eligible, most of a
    large batch; its first records alone were a poor dictionary for the rest). Each of the
    run's records is compressed against it (to about a twentieth of its size: the words of
    criteria, checks and reasons recur from applicant to applicant), and it is stored
    once, with the run (`runs.zdict`)."""
    if not texts:
        return b""
    taken = b"".join(texts)
    return taken[-ZDICT_MAX:]  # zlib's window holds the dictionary's end


def sampled(n: int, text_at: Callable[[int], bytes]) -> list[bytes]:
    """The records the dictionary is made of, of a run of `n` (`text_at(i)`: the record
    ranked i-th): the first and the last ranked and evenly between, as many as zlib's
    window holds at their mean length (told by a first few, taken the same way)."""
    if n == 0:
        return []
    last = n - 1

    def even(k: int) -> list[int]:
        k = max(1, min(n, k))
        return sorted({round(i * last / max(k - 1, 1)) for i in range(k)})

    made = {i: text_at(i) for i in even(SAMPLES)}
    mean = sum(len(t) for t in made.values()) / len(made)
    wanted = even(max(2, int(ZDICT_MAX // max(mean, 1))))
    return [made[i] if i in made else text_at(i) for i in wanted]


def pack(text: str, zdict: bytes) -> bytes:
    """One record compressed against its run's dictionary."""
    return packer(zdict)(text.encode("utf-8"))


def packer(zdict: bytes) -> Callable[[bytes], bytes]:
    """Records (their UTF-8 bytes) compressed against their run's dictionary
    (chain.record_text unpacks them): the compressor is primed with the dictionary once
    and copied for each record, the same bytes as a compressor primed anew per record
    (priming hashes the whole 32 KB dictionary: a fifth of the time packing took)."""
    primed = zlib.compressobj(level=LEVEL, zdict=zdict)

    def one(data: bytes) -> bytes:
        fresh = primed.copy()
        return fresh.compress(data) + fresh.flush()

    return one


def criteria_digest(run: ScreenRun) -> str:
    return combined_digest(dict(run.compiled.loaded.files))


def criteria_texts(run: ScreenRun) -> dict[str, str]:
    """The text of each criteria file the run decided by (the profile, its parents, its
    reference lists), by its path relative to the profile's folder: with them a stored
    record, which holds no words, can be read in words later, whatever the criteria have
    become since. Read again here, each kept only when its sha256 is the one the run was
    decided with (a file edited in the meantime is left out; the run's digest still names
    what decided)."""
    loaded = run.compiled.loaded
    base = Path(loaded.path).parent
    out: dict[str, str] = {}
    for rel, sha in sorted(loaded.files.items()):
        try:
            data = (base / rel).read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == sha:
            out[rel] = data.decode("utf-8", "surrogateescape")
    return out


def next_ids(conn: Connection) -> tuple[int, int]:
    """The ids the next screening run and its first decision will have, as the record
    stands (`Storing.write` checks them again under the writers' lock)."""
    run_id = int(conn.execute(select(func.coalesce(func.max(runs.c.id), 0))).scalar_one()) + 1
    first = int(conn.execute(select(func.coalesce(func.max(decisions.c.id), 0))).scalar_one()) + 1
    return run_id, first


class Storing:
    """One screening's decisions on their way to the record: each made into its row
    (`_row`) and written by `write`."""

    def __init__(
        self,
        run: ScreenRun,
        chosen: dict[str, Latest],
        as_of: str,
        ids: tuple[int, int],
        flags: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """`flags`: by applicant id, review flags the programme adds to the record's own
        (the reviewers' spread above the limit: reviewed.disagreeing)."""
        self.run, self.chosen, self.as_of, self.flags = run, chosen, as_of, flags or {}
        self.run_id, self.first = ids
        self.digest = criteria_digest(run)
        self.n = len(run.results)
        self._ids = plain.rule_ids(run.compiled)
        # Each row's own values (`OWN`), a tuple, and its seal.
        self._rows: list[tuple[Any, ...] | None] = [None] * self.n
        self._sealed = [""] * self.n
        # The records the dictionary is made of come first (every row is packed against
        # it); their rows are made once it is.
        early: dict[int, tuple[dict[str, Any], bytes]] = {}

        def text_at(i: int) -> bytes:
            early[i] = self._record(i)
            return early[i][1]

        self.zdict = dictionary(sampled(self.n, text_at)) or None
        self._pack = packer(self.zdict or b"")
        for i, (record, data) in early.items():
            self._row(i, record, data)

    def _record(self, i: int) -> tuple[dict[str, Any], bytes]:
        """The decision ranked i-th as plain data, and its JSON text."""
        record = plain.plain(self.run.results.ranked_at(i), self._ids)
        mine = self.chosen[record["applicant_id"]]
        record["source"] = mine.source  # the submission's, not the screening's own file
        if mine.applicant_id in self.flags:  # the team's acts, which files screened have not
            record["review_flags"] = [*record["review_flags"], *self.flags[mine.applicant_id]]
        return record, plain.dumps(record)

    def _row(self, i: int, record: dict[str, Any], data: bytes) -> None:
        mine = self.chosen[record["applicant_id"]]
        columns = record_columns(record)  # the record at hand, not parsed again
        own = (
            mine.applicant_id,
            mine.submission_id,
            outcome(record),
            self._pack(data),
            hashlib.sha256(data).hexdigest(),  # chain.sha256 of the text
            *(columns[name] for name in COLUMNS),
        )
        self._sealed[i] = self._seal(i, own, data.decode("utf-8"))
        self._rows[i] = own

    def _seal(self, i: int, own: tuple[Any, ...], text: str) -> str:
        fields = (self.first + i, self.run_id, own[0], own[1], self.digest, self.as_of)
        return chain.decision_seal(fields, own[2], text, own[4])

    def _written(self, start: int, stop: int) -> list[dict[str, Any]]:
        """Rows `start` to `stop` as the decisions table takes them: id in the ranking's
        order."""
        out = []
        for i in range(start, stop):
            own = self._rows[i]
            assert own is not None, "every decision made into its row"
            common = {"id": self.first + i, "run_id": self.run_id, "record": None}
            fixed = {"criteria_digest": self.digest, "as_of": self.as_of}
            out.append({**common, **fixed, **dict(zip(OWN, own, strict=True))})
        return out

    def decided(self) -> dict[str, dict[str, Any]]:
        """Each applicant's decision in this run, as `decisions.latest_decisions` reads a
        stored one (what the team's view beside the report reads, before the rows are
        written), from the ranked rows alone: no decision put into words, and a record
        decoded only for a city no entry's id names or a provisional decision's wanted
        facts. The stored columns are made from the record (`record_columns`);
        tests/programme/test_storing.py holds the two equal."""
        results, out = self.run.results, {}
        cities: dict[str, tuple[str, str | None] | None] = {}
        for position, row, shortlisted in results.placed_rows():
            city_id, wanted = row.city_id, []
            if city_id not in cities:
                cities[city_id] = self._entry_names(city_id)
            names = cities[city_id]
            if names is None or row.is_provisional:
                decision = results.decision_at(position, with_key=False)
                assert decision.shown is not None, "a ranked row's decision is complete"
                names = (decision.shown.city_name, decision.shown.city_name_zh)
                if decision.is_provisional:  # the record's evidence_wanted (Evaluation.wanted)
                    wanted = sorted({w.fact for some in decision.wanted for w in some})
            out[row.applicant_id] = {
                "run": self.run_id,
                "outcome": ("shortlisted" if shortlisted else "reserve")
                if row.eligible
                else "not-eligible",
                "as_of": self.as_of,
                "criteria_digest": self.digest,
                "city": names[0],
                "city_zh": names[1],
                "provisional": row.is_provisional,
                "wanted": wanted,
            }
        return out

    def _entry_names(self, city_id: str) -> tuple[str, str | None] | None:
        """The names a decision shows for a city the criteria's list resolves (engine's
        `_shown`), when `city_id` is certainly such a city: the list resolves the id itself
        to the entry of that id (a city as written that no entry names has its text for
        id, and resolving that text again would find none). None: read the record."""
        cities = self.run.compiled.cities
        entry = cities.resolve(city_id) if cities else None
        if entry is None or entry.id != city_id:
            return None
        return entry.display("en"), entry.name.get("zh")

    def write(self, conn: Connection, by: str, at: str) -> int:
        """Every decision, in the caller's transaction (those not read yet made now);
        returns the run's id."""
        for i, row in enumerate(self._rows):
            if row is None:
                self._row(i, *self._record(i))
        conn.execute(select(head).with_for_update()).all()  # the writers' queue (chain.py)
        ids = next_ids(conn)
        if ids != (self.run_id, self.first):  # another screening was stored meanwhile
            self._renumber(*ids)
        detail = {
            "profile": self.run.compiled.profile.id,
            "version": self.run.compiled.profile.version,
            "criteria_digest": self.digest,
            "record": plain.SCHEMA,  # what its decisions' records are (decide/plain.py)
            "reads": plain.reads(self.run.compiled),  # each rule's facts, by kind and id
            "criteria": criteria_texts(self.run),  # the words the records are read with
        }
        text = chain.canonical(detail)
        conn.execute(
            runs.insert().values(
                id=self.run_id, kind="screen", at=at, by=by, detail=text, zdict=self.zdict
            )
        )
        # Written in id order (the ranking's), a chunk at a time: SQLite fills its pages
        # when ids come in ascending order, half of each when not.
        for start in range(0, self.n, WRITE_CHUNK):
            stop = min(start + WRITE_CHUNK, self.n)
            conn.execute(decisions.insert(), self._written(start, stop))
        seal = chain.rows_digest(self._sealed)  # of the rows as written, in id order
        payload = {
            "run": self.run_id,
            "rows": seal,
            "count": self.n,
            "criteria_digest": self.digest,
            rundetail.SEAL: rundetail.seal(text),  # the detail too: what records are read with
        }
        chain.append(conn, "screen", None, by, at, None, payload)
        return self.run_id

    def _renumber(self, run_id: int, first: int) -> None:
        """The rows with the ids the record has room for now, sealed anew (their records
        read back from the packed text)."""
        self.run_id, self.first = run_id, first
        for i, own in enumerate(self._rows):
            assert own is not None
            text = chain.record_text(None, own[3], self.zdict)
            self._sealed[i] = self._seal(i, own, text)
