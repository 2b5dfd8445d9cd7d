"""The reporter interface: a run's data in, text (or, for a workbook, bytes) out.

A reporter reads plain data (`RunData`, made once from a run by its caller), never the
run that made it. Where the report goes is the CLI's business."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from dealerscreen import __version__
from dealerscreen.batch.cityview import CitySection, city_sections, multi_city_groups
from dealerscreen.batch.results import Results
from dealerscreen.batch.rundata import RunData
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decide.whatif import Outlook, outlook
from dealerscreen.models.clock import combined_digest
from dealerscreen.models.result import Result
from dealerscreen.reporters.reasons import Reasons
from dealerscreen.words.basis import basis_line
from dealerscreen.words.labels import Messages


@dataclass(frozen=True)
class View:
    """What to show: the run's data, the rows chosen (one ranked batch, `Results`: each row's
    decision record, put into words as it is read), and rendering options.

    Derived parts (per-city sections, what-if outlooks) are computed on first use and kept,
    so a report that shows them twice pays once.
    """

    data: RunData
    rows: Results
    width: int = 120
    color: bool = False
    lang: str = "en"
    generated_at: str | None = None  # ISO-8601 UTC; fixed by --as-of / SOURCE_DATE_EPOCH
    by_city: bool = False
    city_id: str | None = None  # set when the user chose one city
    bom: bool = False  # csv: start with a UTF-8 byte-order mark (for Excel)
    # a programme's report: each applicant's standing (the team's acts), by id (team.py)
    team: Mapping[str, Mapping[str, Any]] | None = None
    _cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def compiled(self) -> CompiledProfile:
        return self.data.compiled

    @property
    def msgs(self) -> Messages:
        return Messages(self.lang)

    def manifest(self, with_files: bool = True) -> dict[str, object]:
        return self.data.manifest(self.generated_at, with_files)

    def manifest_line(self) -> str:
        """The manifest in one line: versions, fingerprints of the inputs, and the time."""
        profile = self.compiled.profile
        applicants, n = self.data.applicant_digest()
        return self.msgs(
            "manifest.line.one" if n == 1 else "manifest.line",  # "1 files" read wrongly
            tool="dealerscreen",
            version=__version__,
            profile=profile.id,
            profile_version=profile.version,
            criteria=combined_digest(dict(self.compiled.loaded.files))[:16],
            applicants=applicants[:16],
            n=n,
            time=self.generated_at or "-",
        )

    def basis_line(self) -> str:
        """How much of the score rests on published figures and how much on the team's."""
        return basis_line(self.compiled, self.msgs)

    def cities(self, keep: bool = True) -> list[CitySection]:
        """The per-city sections; kept for a second read unless `keep` is False."""
        found = self._cache.get("cities")
        if found is None:
            sections = city_sections(self.compiled, self.data.results)
            if self.city_id is not None:
                sections = [s for s in sections if s.city_id == self.city_id]
            if keep:
                self._cache["cities"] = sections
            return sections
        return found  # type: ignore[return-value]

    def multi_city(self, keep: bool = True) -> dict[str, list[str]]:
        """Applicant id -> other cities its dealer group applies in."""
        found = self._cache.get("multi")
        if found is None:
            groups = multi_city_groups(self.data.results)
            if keep:
                self._cache["multi"] = groups
            return groups
        return found  # type: ignore[return-value]

    def city_name(self, city_id: str) -> str:
        cities = self.compiled.cities
        entry = cities.by_id.get(city_id) if cities else None
        return entry.display(self.lang) if entry else city_id

    def reason(self, result: Result) -> str:
        """The reason column's words for this row, set against the whole batch (`reasons`)."""
        found = self._cache.get("reasons")
        if not isinstance(found, Reasons):
            found = self._cache["reasons"] = Reasons(self.compiled, self.data.results)
        return found(result, self.msgs)

    def outlook(self, result: Result, keep: bool = True) -> Outlook:
        """What would change the result; kept for a second read unless `keep` is False (a
        report that reads each once, over a large batch, should not hold them all)."""
        key = f"outlook:{result.evaluation.applicant_id}"
        found = self._cache.get(key)
        if found is None:
            # the model is read back only if the search looks at a fact
            found = outlook(
                self.compiled, lambda: self.data.results.applicant_of(result), result.evaluation
            )
            if keep:
                self._cache[key] = found
        return found  # type: ignore[return-value]


class Reporter(ABC):
    @abstractmethod
    def render(self, view: View) -> str:
        """The whole report as text."""

    def render_parts(self, view: View) -> Iterator[bytes | str]:
        """The report in parts, in order: a reporter that can write a large report as it
        makes it overrides this, so that the whole text is never held at once. A part may
        be UTF-8 bytes where they are made as bytes (the json report's members)."""
        yield self.render(view)


class BinaryReporter(ABC):
    """A report that is a file, not text (a workbook): written to a seekable binary file.

    The CLI never writes one to a terminal, and writes it to `--output` atomically."""

    @abstractmethod
    def write(self, view: View, out: BinaryIO) -> None:
        """The whole report, written to `out`."""
