"""What a programme's screening read, as its reports name it: each submission screened,
by its source and the digest of the content recorded (submissions.digest).

`screen -p` (and `explain -p`) screen the newest submissions through a temporary JSON
Lines file (decisions.as_jsonl). Without these, a report's manifest named that file, gone
once the command ended, its digest changing with the file's name on every run, and each
applicant's source was a line of it: a report of a programme could not be traced to the
submissions it decided."""

from __future__ import annotations

from collections.abc import Mapping

from dealerscreen.batch.run import StreamedIntake
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.intake.filelog import FileLog
from dealerscreen.programme import chain
from dealerscreen.programme.decisions import Latest


def by_line(path: str, chosen: Mapping[str, Latest]) -> dict[str, str]:
    """Each line of the screening's file (as the batch labels it, `file:line`, in the
    order decisions.as_jsonl writes them) -> its submission's source."""
    return {f"{path}:{n}": chosen[key].source for n, key in enumerate(sorted(chosen), 1)}


def name_submissions(run: ScreenRun, chosen: Mapping[str, Latest]) -> None:
    """The run's list of what it read, made the submissions it screened, in source order."""
    if not isinstance(run.intake, StreamedIntake):  # a screening of a programme streams
        raise TypeError(f"a programme's screening reads a stream, not {type(run.intake)}")
    log = FileLog()
    for mine in sorted(chosen.values(), key=lambda m: (m.source, m.applicant_id)):
        log.add(mine.source, chain.sha256(mine.content))
    run.intake.log = log
