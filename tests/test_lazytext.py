"""Lazy explanation texts: the words a result shows are the words formatted eagerly."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

from dealerscreen.models.lazytext import joined, text_of
from dealerscreen.models.result import (
    BonusResult,
    CheckResult,
    CriterionResult,
    GateResult,
    make_bonus,
    make_check,
    make_criterion,
    make_gate,
)
from dealerscreen.rules.phrases import Phrases


@pytest.mark.parametrize("lang", ["en", "zh", "xx"])
def test_a_lazy_phrase_reads_as_the_eager_one(lang: str) -> None:
    say = Phrases(lang)
    lazy = say.later("needs", path="site.area", fact=True, sym="≥", wanted="3")
    assert text_of(lazy) == say("needs", path="site.area", fact=say.show(True), sym="≥", wanted="3")
    inner = say.later("band", path="a", fact=3000.0, band="≥ 5")
    both = say.later("none_holds", text=joined([inner, "plain"]))
    assert text_of(both) == say(
        "none_holds",
        text=say("band", path="a", fact="3000", band="≥ 5") + say("join_sep") + "plain",
    )
    # Chinese text joins with a full-width semicolon, English with "; "
    assert say("join_sep") == {"zh": "；"}.get(lang, "; ")


def test_fast_builders_make_the_same_records() -> None:
    detail = Phrases().later("lookup", path="p", fact=Decimal("2.50"))
    cases = [
        (GateResult, make_gate, ("g", "G", False, "why", detail, "src", ("p",), "team", False, ())),
        (
            CriterionResult,
            make_criterion,
            (
                "c",
                "C",
                None,
                Decimal(1),
                Decimal(2),
                detail,
                "s",
                None,
                "p",
                "published",
                (),
                False,
            ),
        ),
        (BonusResult, make_bonus, ("b", "B", Decimal(0), False, detail, "s", None)),
        (CheckResult, make_check, ("k", "K", None, "warn", True, "msg", detail, "s", ("p",))),
    ]
    for cls, make, values in cases:
        slow, fast = cls(*values), make(*values)
        assert slow == fast and hash(slow) == hash(fast)
        assert fast.detail == "p = 2.5"
        assert pickle.loads(pickle.dumps(make(*values))) == slow
    with pytest.raises(ValueError):
        make_gate("too", "few")
