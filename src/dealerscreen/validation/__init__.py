"""Validation of criteria files: every check, registered in one place by id.

A check that looks across a profile once it compiles (bands, tiers, unused entries) is a
module here with a `run()`; a check the loader or compiler enforces is registered from
`enforced.py`. Each entry's `doc` is its user documentation with a failing example.
"""

from __future__ import annotations

from dealerscreen.validation import (
    alias_collision,
    band_gap,
    band_overlap,
    basis_missing,
    bonus_cap,
    missing_rewarded,
    points_unreachable,
    shared_form,
    tier_gap,
    tier_overlap,
    tier_unreachable,
    unused_entry,
    unused_list,
)
from dealerscreen.validation.base import Check
from dealerscreen.validation.enforced import ENFORCED

CHECKS: dict[str, Check] = {
    check.id: check
    for check in (
        *ENFORCED,
        alias_collision.CHECK,
        shared_form.CHECK,
        band_overlap.CHECK,
        band_gap.CHECK,
        tier_unreachable.CHECK,
        tier_overlap.CHECK,
        tier_gap.CHECK,
        points_unreachable.CHECK,
        bonus_cap.CHECK,
        basis_missing.CHECK,
        missing_rewarded.CHECK,
        unused_list.CHECK,
        unused_entry.CHECK,
    )
}

__all__ = ["CHECKS", "Check"]
