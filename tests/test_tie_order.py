"""Every tie-break key honours its order (issue 21 item 6).

Only numbers were reversed for `order: desc`; a date, a text, a yes/no or the applicant
id was compared as text, ascending, whatever the profile said: with `field:submitted_on,
desc` the earlier applicant was shortlisted. The two Shijiazhuang samples tie on every
criterion (quota 1), so the key after the total decides who is shortlisted; it is checked
in a batch (byte keys) and in memory (tuples), and told as the reader knows its values.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dealerscreen.batch.screening import ScreenRun, load_criteria, screen
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.separation import rank
from dealerscreen.words.explain import explain_lines
from dealerscreen.words.labels import Messages
from tests.conftest import ROOT

EARLY, LATE = "XM24-SJW-001", "XM24-SJW-002"  # Yanzhao Dingsheng, Taihang Hengxin
SAMPLES = ROOT / "samples" / "applicants"


def _profile(folder: Path, key: str, order: str) -> CompiledProfile:
    text = (ROOT / "criteria" / "xiaomi-2s-2024.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("tie_break:\n")
    rest = rest[rest.index("\nquota:") :]
    tie = f'tie_break:\n  - {{key: total}}\n  - {{key: "{key}", order: {order}}}\n'
    shutil.copytree(ROOT / "criteria" / "reference", folder / "reference", dirs_exist_ok=True)
    path = folder / f"profile-{order}.yaml"
    path.write_text(head + tie + rest, encoding="utf-8")
    return load_criteria(str(path))


@pytest.fixture(scope="module")
def applicants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two Shijiazhuang samples, submitted on different days."""
    folder = tmp_path_factory.mktemp("tied")
    for name, day in (
        ("shijiazhuang-yanzhao-dingsheng.json", "2024-01-05"),
        ("shijiazhuang-taihang-hengxin.json", "2024-01-20"),
    ):
        data = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
        data["submitted_on"] = day
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    return folder


def _shortlisted(run: ScreenRun) -> list[str]:
    return [r.evaluation.applicant_id for r in run.results if r.shortlisted]


# key, the one shortlisted in descending order, the values told (winner's, runner-up's)
CASES = [
    ("field:submitted_on", LATE, ("2024-01-20", "2024-01-05")),
    ("applicant_id", LATE, (LATE, EARLY)),
    (
        "field:legal_name",  # "Shijiazhuang Yanzhao ..." after "Shijiazhuang Taihang ..."
        EARLY,
        (
            "Shijiazhuang Yanzhao Dingsheng Automobile Sales & Service Co., Ltd.",
            "Shijiazhuang Taihang Hengxin Automobile Sales & Service Co., Ltd.",
        ),
    ),
]


@pytest.mark.parametrize(("key", "first", "values"), CASES, ids=[c[0] for c in CASES])
def test_a_descending_key_of_any_kind_ranks_the_greater_first(
    tmp_path: Path, applicants: Path, key: str, first: str, values: tuple[str, str]
) -> None:
    other = LATE if first == EARLY else EARLY
    for order, winner, loser in (("desc", first, other), ("asc", other, first)):
        compiled = _profile(tmp_path, key, order)
        run = screen(compiled, [str(applicants)])
        assert _shortlisted(run) == [winner], (key, order)
        listed = rank(compiled, [r.evaluation for r in run.results])
        assert [r.evaluation.applicant_id for r in listed if r.shortlisted] == [winner]
        assert [r.separation for r in listed] == [r.separation for r in run.results]
        runner_up = next(r for r in run.results if r.evaluation.applicant_id == loser)
        sep = runner_up.separation
        assert sep is not None and sep.other_id == winner and sep.key == key
        theirs, ours = values if order == "desc" else values[::-1]
        assert (sep.theirs, sep.ours) == (theirs, ours)
        told = "\n".join(explain_lines(runner_up, Messages("en")))
        # an id is no criterion: the tie is told as unbroken, the ids in their order
        said = f"({theirs} before {ours})" if key == "applicant_id" else f"({theirs} vs {ours})"
        assert said in told
