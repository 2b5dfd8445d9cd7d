"""A profile in the reader's language: rule titles, reasons and messages from `translations`.

Applied once, before compiling, so every result, explanation and report of a `--lang zh`
run carries the Chinese words the profile's authors wrote, and none of the reporters has
to know about translations. A text with no translation stays as written (the profile's own
language, English in the shipped profiles).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from dealerscreen.criteria.models import Gate, Profile


def _apply(model: BaseModel, lang: str) -> Any:
    texts = getattr(model, "translations", {}).get(lang)
    if texts is None:
        return model
    update = {k: v for k, v in texts.model_dump().items() if v is not None}
    return model.model_copy(update=update)


def _gate(gate: Gate, lang: str) -> Gate:
    """A gate and its evidence rule's rationale, in the language."""
    out: Gate = _apply(gate, lang)
    if gate.evidence is not None:
        out = out.model_copy(update={"evidence": _apply(gate.evidence, lang)})
    return out


def localise(profile: Profile, lang: str) -> Profile:
    if lang == "en":
        return profile
    localised: Profile = _apply(profile, lang)
    return localised.model_copy(
        update={
            "gates": [_gate(g, lang) for g in profile.gates],
            "criteria": [_apply(c, lang) for c in profile.criteria],
            "bonuses": [_apply(b, lang) for b in profile.bonuses],
            "checks": [_apply(c, lang) for c in profile.checks],
            "review_margin": profile.review_margin and _apply(profile.review_margin, lang),
        }
    )
