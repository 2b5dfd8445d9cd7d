"""The facts of an applicant file a document can back: its field paths, once.

An evidence entry names the fact it backs by path (`standing.stores_in_province`); a
typo must be an error at the entry's line, not evidence silently backing nothing. The
paths are read off the applicant model itself, so a new field is a fact at once.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from dealerscreen.models.fields import _strip_optional, resolve_field

# Parts of the file that are not facts about the dealer: nothing to back with a document
# (`reviews` are the team's own scores, not the applicant's to state or document).
NOT_FACTS = frozenset(
    {"schema_version", "applicant_id", "contact", "submitted_on", "evidence", "reviews"}
)


def _walk(model: type[BaseModel], prefix: str) -> list[str]:
    out: list[str] = []
    for name in model.model_fields:
        path = f"{prefix}{name}"
        if not prefix and name in NOT_FACTS:
            continue
        ref = resolve_field(model, name)
        inner = _sub_model(ref.annotation)
        if inner is not None:
            out += _walk(inner, f"{path}.")
        else:  # a leaf, or a list of items (brand_agencies) backed as a whole
            out.append(path)
    return out


def _sub_model(annotation: Any) -> type[BaseModel] | None:
    inner = _strip_optional(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def fact_paths_of(model: type[BaseModel]) -> tuple[str, ...]:
    """Every fact path of an applicant model, in the model's order (the model is passed in:
    it validates its evidence entries with these paths, so it cannot be imported here)."""
    return tuple(_walk(model, ""))


def check_fact_path(path: str, paths: tuple[str, ...]) -> str:
    """The path, if it is one of `paths`; else a ValueError that suggests the nearest one."""
    if path in paths:
        return path
    hint = difflib.get_close_matches(path, paths, n=1, cutoff=0.6)
    # An error type of our own: its key and values, not only words (problemtext.VALIDATORS).
    if hint:
        raise PydanticCustomError(
            "not_a_fact_hint",
            "'{path}' is not a fact of the application; did you mean '{hint}'?",
            {"path": path, "hint": hint[0]},
        )
    raise PydanticCustomError(
        "not_a_fact", "'{path}' is not a fact of the application", {"path": path}
    )
