"""SIGTERM to the whole process group ends a parallel run within seconds (issue 21 item 11).

`timeout` and a cancelled CI job signal every process of the command's group. The workers
of a `multiprocessing.Pool` died holding its queue's lock, and `Pool.terminate()` then
waited for that lock for ever. The run is signalled here from outside, mid-run: it must
end with exit 143, say so once, and leave no temporary file behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dealerscreen.models.problems import ExitCode
from tests.batch import write_batch

# Says when the run is under way: a worker has parsed files of a chunk after the first.
MARKED = """
    import os, sys
    import dealerscreen.intake.loading as loading
    real, calls, parent = loading.load_file, [], os.getpid()
    marker = sys.argv[1]
    def load_file(*args, **kwargs):
        calls.append(1)
        if len(calls) == 600 and os.getpid() != parent:
            open(marker, "w").close()
        return real(*args, **kwargs)
    loading.load_file = load_file
    from dealerscreen.cli.app import main
    sys.argv = ["dealerscreen", "screen", *sys.argv[2:]]
    main()
"""


def _wait_for(path: Path, process: subprocess.Popen[str], seconds: float) -> None:
    end = time.monotonic() + seconds
    while not path.exists():
        assert process.poll() is None, "the run ended before it was signalled"
        assert time.monotonic() < end, "the run never got under way"
        time.sleep(0.01)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 applicants, written once for both signals: a run only reads them (--no-cache
    writes nothing beside them)."""
    folder = tmp_path_factory.mktemp("signals") / "in"
    write_batch(folder, good=3000, broken=0)
    return folder


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="no process groups here")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_signal_to_the_whole_group_ends_a_parallel_run(
    tmp_path: Path, batch: Path, signame: str
) -> None:
    tmp, marker = tmp_path / "tmp", tmp_path / "under-way"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "NO_COLOR": "1"}
    script = textwrap.dedent(MARKED)
    args = [str(marker), str(batch), "--jobs", "2", "--no-cache", "-f", "json"]
    process = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # a group of its own, as a shell or CI runner gives it
    )
    try:
        _wait_for(marker, process, 120)
        os.killpg(process.pid, getattr(signal, signame))
        sent = time.monotonic()
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running 10 s after {signame} to its group")
        assert time.monotonic() - sent < 10
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    expected = ExitCode.TERMINATED if signame == "SIGTERM" else ExitCode.INTERRUPTED
    said = "terminated" if signame == "SIGTERM" else "interrupted"
    assert process.returncode == expected, stderr
    assert stderr == f"dealerscreen: {said}\n"
    assert list(tmp.iterdir()) == []
    with pytest.raises(ProcessLookupError):  # no worker is left in the group
        os.killpg(process.pid, 0)
