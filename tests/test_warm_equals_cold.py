"""A warm run is a run without the cache (issue 21, "Done when"): after random edits of
the criteria (a gate's threshold, a band's edge, a rank limit, a weight, an alias taken
from a reference list) and of the applicant files (a number changed, a city changed, a
file broken, removed or copied under another name), a run that reads the parse cache
(entries made under the old criteria, for the old files) reports exactly what
`--no-cache` reports, on stdout and on stderr.

Few examples, each a fresh folder and cache, so that it runs in seconds.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealerscreen.models.problems import ExitCode
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
SAMPLES = sorted((ROOT / "samples" / "applicants").iterdir())
PROFILE = "xiaomi-2s-2024.yaml"

# Edits of the criteria: a text in the default profile or its reference lists, and what
# it becomes given a drawn number (every one keeps the criteria valid).
CRITERIA_EDITS: dict[str, tuple[str, Callable[[int], str], st.SearchStrategy[int]]] = {
    "customer gate": (
        "customers.active_customers, op: ge, value: 1000}",
        lambda n: f"customers.active_customers, op: ge, value: {n}}}",
        st.integers(0, 40_000),
    ),
    "regional stores": (
        "standing.stores_in_province, op: ge, value: 3}",
        lambda n: f"standing.stores_in_province, op: ge, value: {n}}}",
        st.integers(0, 60),
    ),
    "listed rank": (
        "attr: rank, op: le, value: 20}",
        lambda n: f"attr: rank, op: le, value: {n}}}",
        st.integers(1, 49),
    ),
    "threshold": ("{at: 90, points: 5}", lambda n: f"{{at: {n}, points: 5}}", st.integers(81, 94)),
    "tier": (
        "{id: B, min_points: 65,",
        lambda n: f"{{id: B, min_points: {n},",
        st.integers(51, 79),
    ),
    "weights": ("    points: 5\n", lambda n: "    points: 6\n", st.just(0)),
    "city alias": (
        "aliases: [南京市, Nanjing Shi, Nanking]",
        lambda n: "aliases: [南京市, Nanking]",
        st.just(0),
    ),
    "quota": (
        "by_city: {chongqing: 2, tianjin: 2}",
        lambda n: f"by_city: {{chongqing: {n}}}",
        st.integers(1, 3),
    ),
}


@st.composite
def criteria_edits(draw: st.DrawFn) -> list[tuple[str, str]]:
    names = draw(st.lists(st.sampled_from(sorted(CRITERIA_EDITS)), unique=True, max_size=3))
    out = []
    for name in names:
        old, new, numbers = CRITERIA_EDITS[name]
        out.append((old, new(draw(numbers))))
    return out


NUMBER = re.compile(r"(:\s*)(\d+(?:\.\d+)?)(?=\s*[,}\n])")
CITIES = ["Suzhou", "南京", "Lhasa", "Xi'an", "Nowhere"]


@st.composite
def file_edits(draw: st.DrawFn) -> list[tuple[str, int, int]]:
    """(what, which file, a drawn number) for a few of the batch's files."""
    kinds = st.sampled_from(["number", "number", "city", "break", "remove", "copy"])
    return draw(st.lists(st.tuples(kinds, st.integers(0, 11), st.integers(0, 100_000)), max_size=4))


def _edit_criteria(folder: Path, edits: list[tuple[str, str]]) -> None:
    files = [folder / PROFILE, *sorted((folder / "reference").glob("*.yaml"))]
    for old, new in edits:
        path = next(p for p in files if old in p.read_text(encoding="utf-8"))
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def _edit_file(folder: Path, what: str, index: int, n: int) -> None:
    files = sorted(folder.iterdir())
    if not files:
        return
    path = files[index % len(files)]
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    if what == "number":
        found = list(NUMBER.finditer(text))
        if found:
            m = found[n % len(found)]
            text = f"{text[: m.start(2)]}{n}{text[m.end(2) :]}"
    elif what == "city":
        city = CITIES[n % len(CITIES)]
        text = re.sub(r'(city"?:\s*)"?[^",\n}]+"?', lambda m: f'{m[1]}"{city}"', text, count=1)
    elif what == "break":
        text = text[: n % max(len(text), 1)]  # cut short: invalid, or valid without a field
    elif what == "remove":
        path.unlink()
        return
    elif what == "copy":  # the same applicant again, under a name sorted first or last
        shutil.copyfile(path, folder / f"{'0' if n % 2 else 'z'}-copy-{len(files)}{path.suffix}")
        return
    path.write_text(text, encoding="utf-8", errors="surrogateescape")


QUICK = settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@QUICK
@given(
    picks=st.lists(st.integers(0, len(SAMPLES) - 1), min_size=6, max_size=12, unique=True),
    criteria=criteria_edits(),
    files=file_edits(),
)
def test_a_warm_run_after_random_edits_is_a_run_without_the_cache(
    cli: Cli, picks: list[int], criteria: list[tuple[str, str]], files: list[tuple[str, int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        inputs, rules, cache = base / "in", base / "criteria", base / "cache"
        inputs.mkdir()
        for i in picks:
            shutil.copyfile(SAMPLES[i], inputs / SAMPLES[i].name)
        shutil.copytree(ROOT / "criteria", rules)
        profile = str(rules / PROFILE)
        cold = cli(
            "screen", str(inputs), "-f", "json", "--criteria", profile, "--cache-dir", str(cache)
        )
        assert cold.exit_code in (ExitCode.OK, ExitCode.INVALID_INPUT), cold
        _edit_criteria(rules, criteria)
        for what, index, n in files:
            _edit_file(inputs, what, index, n)
        run = ("screen", str(inputs), "-f", "json", "--criteria", profile)
        warm = cli(*run, "--cache-dir", str(cache))
        plain = cli(*run, "--no-cache")
        assert warm.exit_code == plain.exit_code, (warm, plain)
        assert warm.stdout == plain.stdout
        assert warm.stderr == plain.stderr


# (text in the default criteria, its replacement): a weight moved with the total it must
# add up to, and a gate's threshold
WEIGHTS = [("    points: 5\n", "    points: 6\n"), ("max_points: 100\n", "max_points: 101\n")]
GATE = [(CRITERIA_EDITS["customer gate"][0], CRITERIA_EDITS["customer gate"][1](400))]


@pytest.mark.parametrize("edits", [WEIGHTS, GATE], ids=["weights", "gate"])
def test_a_warm_run_of_every_sample_after_an_edit_is_a_run_without_the_cache(
    cli: Cli, tmp_path: Path, edits: list[tuple[str, str]]
) -> None:
    """The whole sample batch, a weight or a gate's threshold moved, on one process and
    on two: no entry made under the old criteria changes a decision under the new."""
    inputs, rules, cache = tmp_path / "in", tmp_path / "criteria", str(tmp_path / "cache")
    shutil.copytree(ROOT / "samples" / "applicants", inputs)
    shutil.copytree(ROOT / "criteria", rules)
    profile = str(rules / PROFILE)
    cold = cli("screen", str(inputs), "-f", "json", "--criteria", profile, "--cache-dir", cache)
    assert cold.exit_code == ExitCode.OK, cold
    _edit_criteria(rules, edits)
    for jobs in ("1", "2"):
        run = ("screen", str(inputs), "-f", "json", "--criteria", profile, "-j", jobs)
        warm = cli(*run, "--cache-dir", cache)
        plain = cli(*run, "--no-cache")
        assert warm.exit_code == plain.exit_code == ExitCode.OK, warm
        assert warm.stdout == plain.stdout
        assert warm.stderr == plain.stderr
