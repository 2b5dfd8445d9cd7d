"""Properties that hold for any input, checked with hypothesis on small, fast runs.

- Any bytes, any YAML, as an applicant or as criteria: a located problem or a result,
  never an exception.
- Valid applicants, generated from the pydantic models, rank the same whatever the order
  of the files.
- Screening a batch and screening each file alone give each applicant the same evaluation.
"""

from __future__ import annotations

import functools
import json
import random
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake.loading import load_file
from dealerscreen.models.problems import FatalError
from tests.batch import good_applicant
from tests.strategies import applicant_batches

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MINI = Path(__file__).parent / "data" / "profiles" / "mini.yaml"

# Words an applicant or a profile uses, so that generated mappings get past the first key.
VOCABULARY = [
    "schema_version",
    "applicant_id",
    "legal_name",
    "standing",
    "kind",
    "target",
    "city",
    "store_format",
    "site",
    "building_area_sqm",
    "brand_agencies",
    "brand",
    "years",
    "finance",
    "debt_ratio_pct",
    "id",
    "title",
    "version",
    "gates",
    "criteria",
    "points",
    "scoring",
    "condition",
    "field",
    "list",
    "tag",
    "bands",
    "compare",
    "op",
    "value",
    "in_list",
    "any_item",
    "where",
    "tiers",
    "min_points",
    "reference",
    "profile",
]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from([*VOCABULARY, "2S", "Suzhou", "苏州", "BMW", "ge", "lt", "1.0", "-1"])
)
keys = st.sampled_from(VOCABULARY) | st.text(max_size=8)
data = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=30,
)


def yaml_text(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


def load_bytes(raw: bytes, suffix: str) -> None:
    """Load raw bytes as an applicant file: any outcome but an exception is fine."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"applicant{suffix}"
        path.write_bytes(raw)
        item = load_file(str(path))
    assert (item.applicant is None) == bool([p for p in item.problems if p.level == "error"])
    for p in item.problems:
        assert p.path == str(path) and p.text and p.check


@FAST
@given(st.binary(max_size=300), st.sampled_from([".yaml", ".json"]))
def test_any_bytes_as_an_applicant(raw: bytes, suffix: str) -> None:
    load_bytes(raw, suffix)


@FAST
@given(st.text(max_size=200), st.sampled_from([".yaml", ".json"]))
def test_any_text_as_an_applicant(text: str, suffix: str) -> None:
    load_bytes(text.encode("utf-8", "surrogatepass"), suffix)


@FAST
@given(data)
def test_any_yaml_as_an_applicant(value: Any) -> None:
    load_bytes(yaml_text(value).encode("utf-8"), ".yaml")


@FAST
@given(st.dictionaries(st.sampled_from(VOCABULARY), data, max_size=8), st.randoms())
def test_any_yaml_mixed_into_a_valid_applicant(extra: dict[str, Any], rnd: random.Random) -> None:
    base = yaml.safe_load(good_applicant(0, random.Random(rnd.random())))
    base.update(extra)
    load_bytes(yaml_text(base).encode("utf-8"), ".yaml")


def load_profile_text(text: str) -> None:
    """Load criteria text beside the mini profile's reference lists: FatalError or a profile."""
    folder = MINI.parent
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", dir=folder, encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        try:
            load_criteria(fh.name)
        except FatalError as exc:
            assert exc.problems
            assert all(p.text and p.check for p in exc.problems)


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_as_criteria(raw: bytes) -> None:
    load_profile_text(raw.decode("utf-8", "replace"))


@functools.cache
def mini_profile() -> dict[str, Any]:
    loaded = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += paths_of(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += paths_of(v, (*prefix, i))
    return out


@FAST
@given(st.data(), data)
def test_any_yaml_swapped_into_a_valid_profile(draw: st.DataObject, value: Any) -> None:
    """Replace one node of a valid profile by arbitrary data: every stage must cope."""
    profile = yaml.safe_load(yaml_text(mini_profile()))  # a deep copy
    where = draw.draw(st.sampled_from(paths_of(profile)[1:]))
    parent = profile
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = value
    load_profile_text(yaml_text(profile))


# --- screening properties -----------------------------------------------------------------


@functools.cache
def xiaomi() -> CompiledProfile:
    return load_criteria("xiaomi-2s-2024")


def write_applicants(folder: Path, items: list[dict[str, Any]]) -> list[str]:
    """One file per applicant, YAML or JSON in turn."""
    paths = []
    for i, item in enumerate(items):
        if i % 2:
            path = folder / f"a{i:03d}.json"
            path.write_text(json.dumps(item, ensure_ascii=False, default=str), encoding="utf-8")
        else:
            path = folder / f"a{i:03d}.yaml"
            path.write_text(yaml_text(item), encoding="utf-8")
        paths.append(str(path))
    return paths


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicant_batches(), st.randoms())
def test_ranking_does_not_depend_on_file_order(
    items: list[dict[str, Any]], rnd: random.Random
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_applicants(Path(tmp), items)
        shuffled = paths[:]
        rnd.shuffle(shuffled)
        first = screen(xiaomi(), paths)
        second = screen(xiaomi(), shuffled)
    assert not first.intake.invalid, [p.render() for p in first.intake.problems]
    assert first.results == second.results
    assert len(first.results) == len(paths)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(applicant_batches())
def test_batch_and_alone_give_the_same_evaluation(items: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_applicants(Path(tmp), items)
        batch = {r.evaluation.applicant_id: r.evaluation for r in screen(xiaomi(), paths).results}
        assert len(batch) == len(paths)
        for path in paths:
            (alone,) = screen(xiaomi(), [path]).results
            assert batch[alone.evaluation.applicant_id] == alone.evaluation
