"""How close two spellings are: edits (optimal string alignment) and Jaro-Winkler.

The suggestions of `nameindex` need both: the edits from an unknown spelling to every
key of a list, the similarity for the few keys close enough. rapidfuzz computes them in
C++, but importing it costs about 15 ms of every run that meets a name no list knows,
more than a batch's few unknown spellings take here (2,000 applicants: four spellings,
840 keys compared, 5 ms). So keys are compared here until QUICK_KEYS have been, and by
rapidfuzz after that (a batch with many different misspellings: here it would take
about 30 times as long). The definitions are rapidfuzz's (`OSA.distance`,
`JaroWinkler.similarity` with prefix weight 0.1), computed the same way to the same
float: tests/test_closeness.py compares them on generated strings.
"""

from __future__ import annotations

from collections.abc import Sequence

QUICK_KEYS = 4_000  # keys compared here in a process before rapidfuzz is worth its import
_compared = 0


def close_keys(query: str, keys: Sequence[str], limit: int) -> list[tuple[int, int]]:
    """(index, edits) of every key at most `limit` edits from `query`, in key order."""
    global _compared
    if _compared < QUICK_KEYS:
        _compared += len(keys)
        found = ((i, edits_within(query, key, limit)) for i, key in enumerate(keys))
        return [(i, edits) for i, edits in found if edits is not None]
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    close = process.extract(query, keys, scorer=OSA.distance, score_cutoff=limit, limit=None)
    return sorted((i, int(edits)) for _key, edits, i in close)


def edits_within(a: str, b: str, limit: int) -> int | None:
    """The optimal string alignment distance of `a` and `b` (insert, delete, substitute,
    swap two neighbours; no part edited twice) when it is at most `limit`, else None.
    Rows of the table stop once every cell passes `limit` (a row's least cell never
    falls below the row before's)."""
    if abs(len(a) - len(b)) > limit:
        return None
    if a == b:
        return 0
    if limit <= 0:
        return None
    n = len(b)
    before: list[int] = []
    prev = list(range(n + 1))
    for i in range(1, len(a) + 1):
        ca = a[i - 1]
        row = [i] + [0] * n
        least = i
        for j in range(1, n + 1):
            cb = b[j - 1]
            cell = min(prev[j - 1] + (ca != cb), row[j - 1] + 1, prev[j] + 1)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cell = min(cell, before[j - 2] + 1)
            row[j] = cell
            least = min(least, cell)
        if least > limit:
            return None
        before, prev = prev, row
    return prev[n] if prev[n] <= limit else None


def jaro_winkler(s1: str, s2: str) -> float:
    """rapidfuzz's `JaroWinkler.similarity(s1, s2)`: Jaro, raised by a common prefix of up
    to 4 characters (weight 0.1) when above 0.7."""
    prefix = 0
    for x, y in zip(s1[:4], s2[:4], strict=False):
        if x != y:
            break
        prefix += 1
    sim = _jaro(s1, s2)
    if sim > 0.7:
        sim += prefix * 0.1 * (1.0 - sim)
        sim = min(sim, 1.0)
    return sim


def _jaro(s1: str, s2: str) -> float:
    if not s1 and not s2:
        return 1.0
    pattern_len, text_len = len(s1), len(s2)
    if not pattern_len or not text_len:
        return 0.0
    if pattern_len == 1 and text_len == 1:
        return float(s1[0] == s2[0])
    if text_len > pattern_len:
        bound = text_len // 2 - 1
        if text_len > pattern_len + bound:
            s2 = s2[: pattern_len + bound]
    else:
        bound = pattern_len // 2 - 1
        if pattern_len > text_len + bound:
            s1 = s1[: text_len + bound]
    s1_flags = [False] * pattern_len
    s2_flags = [False] * text_len
    common = 0
    for i, ch in enumerate(s1):
        for j in range(max(0, i - bound), min(i + bound, text_len - 1) + 1):
            if not s2_flags[j] and s2[j] == ch:
                s1_flags[i] = s2_flags[j] = True
                common += 1
                break
    if not common:
        return 0.0
    k = transpositions = 0
    for i, flagged in enumerate(s1_flags):
        if flagged:
            j = k
            while not s2_flags[j]:
                j += 1
            k = j + 1
            if s1[i] != s2[j]:
                transpositions += 1
    return _similarity(pattern_len, text_len, common, transpositions)


def _similarity(pattern_len: int, text_len: int, common: int, transpositions: int) -> float:
    transpositions //= 2
    sim = 0.0
    sim += common / pattern_len
    sim += common / text_len
    sim += (common - transpositions) / common
    return sim / 3.0
