"""Hypothesis strategies for valid applicants, read off the pydantic models themselves.

Each field's type and constraints (Literal choices, ge/le bounds, optional or required,
nested models, lists) give its strategy, so a field added to the model is generated
without touching this file. Names a reference list resolves (cities, brands, groups) are
drawn from known names plus a few unknown ones, so that gates and lookups are exercised.
"""

from __future__ import annotations

import functools
import json
import tempfile
import types
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from dealerscreen.models.applicant import Applicant, Evidence, fact_paths

NAMES: dict[str, list[str]] = {
    "city": ["Suzhou", "苏州", "Wuxi", "Xi'an", "西安", "Chongqing", "Haikou", "Lhasa", "杭州"],
    "brand": ["BMW", "宝马", "Mercedes-Benz", "BYD", "比亚迪", "Toyota", "NIO", "Wuling"],
    "group_name": ["江南华通汽车集团", "Unknown Motor Group"],
    "field": list(fact_paths()),  # an evidence entry backs a fact of the file
    "verified_by": ["Li Na", "王磊"],
}
WORDS = st.text("abcdefghijklmnopqrstuvwxyz 苏州汽车", min_size=1, max_size=12).map(
    lambda s: s.strip() or "x"
)


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None]:
    low = high = None
    for m in metadata:
        if isinstance(m, FieldInfo):
            sub = _bounds(list(m.metadata))
            low, high = (
                sub[0] if sub[0] is not None else low,
                sub[1] if sub[1] is not None else high,
            )
        elif isinstance(m, annotated_types.Ge):
            low = float(m.ge)  # type: ignore[arg-type]
        elif isinstance(m, annotated_types.Le):
            high = float(m.le)  # type: ignore[arg-type]
    return low, high


def for_type(tp: Any, metadata: list[Any], name: str) -> st.SearchStrategy[Any]:
    origin = get_origin(tp)
    if origin is Annotated:
        base, *extra = get_args(tp)
        return for_type(base, [*metadata, *extra], name)
    if origin in (Union, types.UnionType):
        return st.one_of([for_type(arg, metadata, name) for arg in get_args(tp)])
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin is list:
        return st.lists(for_type(get_args(tp)[0], [], name), max_size=3)
    if origin is dict:  # reviews: an application's own scores (warned and ignored)
        keys = st.sampled_from(NAMES.get(name, ["site_visit", "interview"]))
        return st.dictionaries(keys, for_type(get_args(tp)[1], [], name), max_size=2)
    if tp is type(None):
        return st.none()
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return model_dicts(tp)
    low, high = _bounds(metadata)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(
            int(low) if low is not None else 0, int(high) if high is not None else 60_000
        )
    if tp is float:
        lo, hi = low if low is not None else 0.0, high if high is not None else 10_000.0
        # Values people write: whole numbers, or one or two decimals.
        return st.integers(int(lo * 100), int(hi * 100)).map(lambda n: n / 100)
    if tp is Decimal:  # as a file writes it: a number with up to two decimals
        return st.integers(0, 1000).map(lambda n: n / 100)
    if tp is date:
        return st.dates(date(2023, 1, 1), date(2025, 12, 31))
    if tp is str:
        return st.sampled_from(NAMES[name]) if name in NAMES else WORDS
    raise NotImplementedError(f"no strategy for {tp!r} ({name})")


@functools.cache  # a strategy is a value: one per model serves every draw
def model_dicts(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Dicts the model accepts: required fields always, optional ones sometimes."""
    # Each field's strategy made once, not at every draw: made anew, each of its `map`s
    # had hypothesis read its lambda's source again, half the time of a property run.
    fields = [
        (name, info.is_required(), for_type(info.annotation, list(info.metadata), name))
        for name, info in model.model_fields.items()
    ]

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, required, strategy in fields:
            if not required and draw(st.booleans()):
                continue
            out[name] = draw(strategy)
        if model is Evidence and not out.get("verified_by"):
            out.pop("verified_on", None)  # a date needs someone who verified
        return out

    return build()


def applicant_batches(max_size: int = 10) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Valid applicants with unique ids; some repeat another's facts, so ties occur."""

    @st.composite
    def build(draw: st.DrawFn) -> list[dict[str, Any]]:
        items = draw(st.lists(model_dicts(Applicant), min_size=1, max_size=max_size))
        twins = draw(st.lists(st.integers(0, len(items) - 1), max_size=3))
        items += [dict(items[i]) for i in twins]
        for i, item in enumerate(items):
            item["applicant_id"] = f"H-{i:03d}"
            Applicant.model_validate(item)  # a generator that makes invalid data is a bug
        return items

    return build()


def batch_folder(tmp_path: Path, items: list[dict[str, Any]]) -> Path:
    """A folder of its own under `tmp_path` (one per hypothesis example: a function's
    fixture is shared by its examples) holding each item as `<applicant_id>.json`."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    for item in items:
        text = json.dumps(item, ensure_ascii=False, default=str)
        (folder / f"{item['applicant_id']}.json").write_text(text, encoding="utf-8")
    return folder


# --- batch files as bytes: CSV and JSON Lines ----------------------------------------------

# The pieces a CSV reader must get right: quotes (opening, closing, doubled, inside an
# unquoted cell), commas, every line break (LF, CRLF, a bare CR), a byte-order mark, bytes
# that are not UTF-8, and cells long enough to pass a small --max-file-size.
CSV_PIECES = [
    b'"',
    b'""',
    b",",
    b'","',
    b"\n",
    b"\r",
    b"\r\n",
    b"x",
    b"Suzhou",
    b"3000",
    b" ",
    b"\xff",
    b"\xe4\xb8",
    b"\xef\xbb\xbf",
    b"y" * 40,
]


def csv_bytes(max_pieces: int = 40) -> st.SearchStrategy[bytes]:
    """Bytes made mostly of what matters to CSV, with some of anything."""
    piece = st.sampled_from(CSV_PIECES) | st.binary(max_size=6)
    return st.lists(piece, max_size=max_pieces).map(b"".join)


def chunked(text: bytes) -> st.SearchStrategy[list[bytes]]:
    """`text` cut into pieces at any places (as a long line is read, block by block)."""
    cuts = st.lists(st.integers(0, len(text)), max_size=6).map(sorted)
    return cuts.map(lambda at: [text[i:j] for i, j in zip([0, *at], [*at, len(text)], strict=True)])
