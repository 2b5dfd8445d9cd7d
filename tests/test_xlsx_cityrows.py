"""The city sheets filled in the ranked sheet's pass (`xlsx_cityrows.CityRows`): whatever
order the pass meets a city's results in, and whichever it never meets, each city's sheet
gets its shortlist, runners-up and ineligible in their order, and the summary looks at
them in that order, as when each sheet was filled in a pass of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from dealerscreen.reporters.xlsx_cityrows import CityRows


@dataclass
class Group:
    """A section's group of results (`Results`, as the city sheets read it)."""

    rows: list[object]

    def __len__(self) -> int:
        return len(self.rows)

    def row_at(self, j: int) -> object:
        return self.rows[j]

    def __getitem__(self, j: int) -> Any:
        return ("read", self.rows[j])  # a result read back at the end


@dataclass
class Section:
    eligible: Group
    ineligible: Group


@dataclass
class SheetLike:
    rows: list[Any] = field(default_factory=list)

    def append(self, values: list[Any]) -> bool:
        self.rows.append(values)
        return True


@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=4),
    st.randoms(use_true_random=False),
    st.floats(0, 1),
)
def test_each_city_sheet_gets_its_rows_in_order(sizes: Any, rnd: Any, met: float) -> None:
    sections, order = [], []
    for k, (n_ok, n_out) in enumerate(sizes):
        ok = [f"c{k}-ok{j}" for j in range(n_ok)]
        out = [f"c{k}-out{j}" for j in range(n_out)]
        sections.append((Section(Group(ok), Group(out)), SheetLike()))  # type: ignore[arg-type]
        order.append(ok + out)
    looked: list[Any] = []
    city = CityRows(sections, looked.append)  # type: ignore[arg-type]
    every = [row for rows in order for row in rows] + ["elsewhere"]  # one in no city
    rnd.shuffle(every)
    for row in every[: round(met * len(every))]:  # the pass meets some, in any order
        city.take(row, ("met", row), [row])  # type: ignore[arg-type]
    city.finish(lambda r: [r[1]])
    for (_, sheet), rows in zip(sections, order, strict=True):
        assert [values[0] for values in sheet.rows] == rows
    assert sorted(map(str, looked)) == sorted(
        str(("met", row)) if row in every[: round(met * len(every))] else str(("read", row))
        for rows in order
        for row in rows
    )
    by_city = [[r[1] for r in looked if r[1].startswith(f"c{k}-")] for k in range(len(order))]
    assert by_city == order  # each city's results looked at in its sheet's order
