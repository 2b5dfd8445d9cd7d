"""The budget checked on the composed tree (no anchors, small files) refuses as the event pass does."""

from __future__ import annotations

import pytest

from dealerscreen.yamlsource import SourceError, parse_yaml
from dealerscreen.yamlsource import safe as yamlsource

DEEP_FLOW = "a: " + "[" * 150 + "]" * 150 + "\n"
DEEP_BLOCK = "".join("  " * i + f"k{i}:\n" for i in range(120)) + "  " * 120 + "v\n"
DEEP_SEQ = "- " * 130 + "x\n"
TEXTS = [
    DEEP_FLOW,
    DEEP_BLOCK,
    DEEP_SEQ,
    "a: 1\nb: [" + "[" * 101 + "]" * 101 + "]\na: 2\n",  # too deep and a duplicate key
    "a: 1\nb: 2\na: 3\n",
    "x: {" + "{a: " * 99 + "1" + "}" * 99 + "}\n",  # one level over the limit
    "a: [1, 2\n",
    "a: 1\n---\nb: 2\n",
    "{[1, [2, [3]]]: x}\n",
    "name: {en: Lynk & Co, zh: 领克}\nsum: 2 * 3\nend: &\n",  # text, not anchors or aliases
]


def outcome(text: str) -> object:
    try:
        return parse_yaml(text, "f.yaml").data
    except SourceError as exc:
        return exc.problem


@pytest.mark.parametrize("text", TEXTS)
def test_tree_check_refuses_as_the_event_pass(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not yamlsource._needs_event_pass(text)
    fast = outcome(text)
    monkeypatch.setattr(yamlsource, "_needs_event_pass", lambda _text: True)
    assert fast == outcome(text)


def test_anchors_deep_or_large_texts_take_the_event_pass() -> None:
    assert yamlsource._needs_event_pass("a: &x 1\nb: *x\n")
    assert yamlsource._needs_event_pass("a: R&D\n")  # text, but read as anchors may be
    assert yamlsource._needs_event_pass("a: 1\n---\nb: * c\n")  # a second document
    assert yamlsource._needs_event_pass("- &a [*a]\n") and yamlsource._needs_event_pass("*a")
    assert yamlsource._needs_event_pass("[" * 5000 + "]" * 5000)
    assert yamlsource._needs_event_pass("a: " + "x" * yamlsource.SAFE_CHARS)
    assert not yamlsource._needs_event_pass("a: 1\n")
