"""The reporter interface: a run in, text out. Where the text goes is the CLI's business."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from dealerscreen.models.result import Result
from dealerscreen.screening import ScreenRun


@dataclass(frozen=True)
class View:
    """What to show: the run, the rows chosen, and rendering options."""

    run: ScreenRun
    rows: Sequence[Result]
    width: int = 120
    color: bool = False


class Reporter(ABC):
    @abstractmethod
    def render(self, view: View) -> str:
        """The whole report as text."""
