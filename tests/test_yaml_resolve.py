"""Our loader composes the tree PyYAML's safe loader composes, tag for tag.

`yamlsource.loader._Loader` works a node's implicit tag out without PyYAML's `resolve`
where the safe loader's rules make it plain (a quoted scalar is a string, a collection a
map or a sequence, a plain scalar's tag remembered by its text) and tells no path
resolver of each step (it has none). Here its trees are compared with the C safe
loader's (the same parser, with PyYAML's own resolution), node for node: kind, tag,
value, style and position; on every YAML file of the repository,
YAML 1.1's awkward scalars plain, quoted and tagged, and generated documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dealerscreen.yamlsource import SourceError, loader, safe
from dealerscreen.yamlsource.loader import _Loader
from tests.test_yaml_fast import AWKWARD, YAML_FILES, check, documents

ROOT = Path(__file__).resolve().parents[1]


def _tree(node: yaml.Node | None, seen: dict[int, int] | None = None) -> Any:
    """A node as plain data: kind, tag, value, position and style. A node met again (an
    alias) is its number in the order first met."""
    if node is None:
        return None
    seen = {} if seen is None else seen
    if id(node) in seen:
        return ("again", seen[id(node)])
    seen[id(node)] = len(seen)
    where = (node.start_mark.index, node.end_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return ("s", node.tag, node.value, where, node.style)
    if isinstance(node, yaml.MappingNode):
        items = [(_tree(k, seen), _tree(v, seen)) for k, v in node.value]
        return ("m", node.tag, items, where, node.flow_style)
    return ("q", node.tag, [_tree(x, seen) for x in node.value], where, node.flow_style)


def _composed(loader: type[Any], text: str) -> Any:
    reader = loader(text)
    try:
        return reader.get_single_node()
    finally:
        reader.dispose()


def same_tree(text: str) -> None:
    try:  # what the budget refuses (too deep, alias bombs) is never composed
        safe.check_budget(text, "x.yaml")
    except SourceError:
        return
    try:
        expected = _composed(yaml.CSafeLoader, text)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            _composed(_Loader, text)
        return
    ours = _composed(_Loader, text)
    assert _tree(ours) == _tree(expected), text


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return  # a test case of bytes that are not UTF-8: no tree to compare
    same_tree(text)


@pytest.mark.parametrize("scalar", AWKWARD)
def test_awkward_scalars_plain_quoted_and_tagged(scalar: str) -> None:
    quoted = scalar.replace("'", "''")
    for text in (
        f"a: {scalar}\n",
        f"{scalar}: v\nother: 1\n",
        f"- {scalar}\n- '{quoted}'\n- ! {scalar}\n",
        f"[{scalar}, '{quoted}', {{k: {scalar}}}]\n",
        f"a: &x {scalar}\nb: *x\n<<: {{c: {scalar}}}\n",
        f"! {{k: {scalar}}}\n",
    ):
        same_tree(text)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_generated_documents(data: Any) -> None:
    for flow in (False, True):
        same_tree(yaml.safe_dump({"root": data}, default_flow_style=flow, allow_unicode=True))


def test_new_plain_texts_take_no_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's names, addresses and counts are mostly texts the loader has not seen
    (it remembers RESOLVED_MAX): each took PyYAML's `resolve` and its regular
    expressions. A text whose first character no implicit resolver is listed under is a
    string, decimal digits as written an int, a long text under the booleans' letters a
    string, and the rest one match of the resolvers under its first character, without
    PyYAML's `resolve`; the tags are PyYAML's."""
    asked: list[str] = []
    original = yaml.resolver.BaseResolver.resolve

    def counted(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if isinstance(self, _Loader):
            asked.append(value)
        return original(self, kind, value, implicit)

    monkeypatch.setattr(yaml.resolver.BaseResolver, "resolve", counted)
    monkeypatch.setattr(loader, "_RESOLVED", {})
    values = ["Synthetic Motors 4242", "拉萨", "contact4242@x.cn", "52503427", "0", "Ünter"]
    others = ["No. 4242", "+86 21", "2024-04-03", "042", "1_0", "true", "4.5", "", "Null"]
    text = "".join(f"- {v}\n" for v in (*values, *others))
    same_tree(text)
    assert asked == []


def _pyyaml_tag(value: str) -> str:
    tag: str = yaml.resolver.Resolver.resolve(_RESOLVER, yaml.ScalarNode, value, (True, False))
    return tag


_RESOLVER = yaml.resolver.Resolver()


@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet="0123456789+-_:.exbotrueYNnyFfalsOLl~<=!&*Tt \n", max_size=9)
    | st.sampled_from(["yes", "No", "NULL", "~", "<<", "=", "!", "&", "*", "false\n", "on\n"])
    | st.text(max_size=12)
)
def test_the_loader_resolves_a_plain_text_as_pyyaml(value: str) -> None:
    """Every rule of `_Loader.resolve` (the remembered tags, the quick ones by first
    character, the resolvers in one match) gives PyYAML's tag, first seen and again."""
    monkeypatch = pytest.MonkeyPatch()
    with monkeypatch.context() as m:
        m.setattr(loader, "_RESOLVED", {})
        ours = _Loader("")
        try:
            for _ in range(2):
                assert ours.resolve(yaml.ScalarNode, value, (True, False)) == _pyyaml_tag(value)
        finally:
            ours.dispose()


def test_the_words_resolvers_are_short() -> None:
    """A text longer than SHORT_MAX whose first character lists only the resolvers of a
    few words (booleans, null, '<<', '=', '!') is a string without a match: each such
    resolver's expression matches at most SHORT_MAX characters (its longest word and the
    newline `$` lets a match end before)."""
    import re._parser as sre_parse  # the expression's widths, as `re` works them out

    firsts = 0
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        if first not in loader._SHORT_FIRSTS:
            continue
        firsts += 1
        for tag, regexp in resolvers:
            assert tag in loader.SHORT_TAGS
            _low, high = sre_parse.parse(regexp.pattern, regexp.flags).getwidth()
            assert high + 1 <= loader.SHORT_MAX, (tag, regexp.pattern)
    assert firsts >= 15  # the booleans' letters, '~', '' and the rest


# Plain scalars as a batch writes them, from the characters YAML 1.1's implicit resolvers
# turn on: digits, signs, '_', ':', '.', 'e', 'x', 'b', 'o', and letters of the booleans.
plain = st.text(alphabet="0123456789+-_:.exbotrueYNnyF ", min_size=1, max_size=8).map(str.strip)


@settings(max_examples=500, deadline=None)
@given(plain, plain)
@example(key="0", value="0x_")  # PyYAML's resolver takes it for an int its constructor refuses
def test_a_plain_scalar_is_what_yaml_reads_whichever_way_it_takes(key: str, value: str) -> None:
    """The loader's quick rules for new plain scalars (a string by its first character,
    decimal digits an int) give the tree and the values PyYAML's resolver gives: as a
    key and as a value, first seen and again."""
    text = f"{key or 'k'}: {value or 'v'}\nagain: {value or 'v'}\n"
    same_tree(text)
    if value and key and key != "again":
        check(text)  # the quick build matches the checked one (or steps aside)
        try:
            expected = yaml.safe_load(text)
        except (yaml.YAMLError, ValueError):  # PyYAML's int('', 16) of '0x_' is a ValueError
            with pytest.raises(SourceError):
                safe.parse_yaml(text, "x.yaml")
            return
        found = safe.parse_yaml(text, "x.yaml").data
        assert found == expected, text
        kinds = (bool, int, float, str)  # bool first: True == 1
        assert [next((k for k in kinds if isinstance(v, k)), type(v)) for v in found.values()] == [
            next((k for k in kinds if isinstance(v, k)), type(v)) for v in expected.values()
        ], text  # an int stays an int (a written int is one), a text a text
