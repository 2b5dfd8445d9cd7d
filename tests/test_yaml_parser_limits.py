"""The YAML parser's own limits are the project's limits, whatever PyYAML/libyaml is installed.

libyaml 0.2.6 stops at a nesting depth of its own (1000), and its scanner can get there
before the project's depth check sees level 101. These tests assert the behaviour a user
sees (refused, `too-deep`, located where the nesting passes 100 levels), not the words or
the limit of any libyaml release.
"""

from __future__ import annotations

import pytest
import yaml

from dealerscreen.yamlsource import MAX_DEPTH, SourceError, parse_yaml
from dealerscreen.yamlsource import safe as yamlsource

# (text, line, column of the collection that opens level MAX_DEPTH + 1)
DEEP = {
    # past any libyaml limit, few indicators: the composed-tree path
    "flow-1200": ("site: " + "[" * 1200 + "]" * 1200 + "\n", 1, 7 + MAX_DEPTH - 1),
    # past libyaml's limit with enough indicators to take the event pass
    "flow-5000": ("site: " + "[" * 5000 + "]" * 5000 + "\n", 1, 7 + MAX_DEPTH - 1),
    "flow-maps": ("a: " + "{b: " * 1200 + "1" + "}" * 1200 + "\n", 1, 4 + (MAX_DEPTH - 1) * 4),
    "block": ("".join("  " * i + f"k{i}:\n" for i in range(1200)) + "  " * 1200 + "v\n", 101, 1),
    "just-over": ("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", 1, 4 + MAX_DEPTH - 1),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_is_too_deep_at_the_real_depth(name: str) -> None:
    text, line, column = DEEP[name]
    with pytest.raises(SourceError) as caught:
        parse_yaml(text, "f.yaml")
    problem = caught.value.problem
    assert (problem.check, problem.line) == ("too-deep", line), problem.render()
    # the block case opens level 101 at a key whose column depends on the writer's indent
    if name != "block":
        assert problem.column == column, problem.render()
    assert f"more than {MAX_DEPTH} levels" in problem.text


def test_the_pure_python_parser_agrees() -> None:
    """The same refusal without libyaml: the project's limit does not depend on the C parser."""
    text, line, column = DEEP["flow-1200"]
    with pytest.raises(SourceError) as caught:
        yamlsource.check_budget(text, "f.yaml", loader_class=yaml.SafeLoader)
    assert (caught.value.problem.check, caught.value.problem.line) == ("too-deep", line)
    assert caught.value.problem.column == column


def test_a_parser_limit_below_the_projects_is_still_too_deep() -> None:
    """Were a future libyaml to stop below level 101, the file is refused as too deep where
    the parser stopped, not reported as a syntax error."""
    text = "a: " + "[" * 20 + "]" * 20 + "\n"
    mark = yaml.Mark("f.yaml", 13, 0, 13, None, None)
    exc = yaml.scanner.ScannerError(
        "while increasing flow level", mark, "exceeded maximum nesting depth", mark
    )
    problem = yamlsource._syntax_problem("f.yaml", text, exc)
    assert (problem.check, problem.line, problem.column) == ("too-deep", 1, 14)


def test_an_ordinary_syntax_error_stays_a_syntax_error() -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml("a: [1, 2\n", "f.yaml")
    assert caught.value.problem.check == "yaml-syntax"
