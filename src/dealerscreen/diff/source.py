"""Where the two sides of a diff come from: a file, a profile id, or `REV:path` in git.

`REV:path` is read at that revision together with the folder it sits in (its reference
lists, and the parents it `extends`, as they were then): the folder is exported with
`git archive` into a temporary directory, loaded, and the directory removed. A symbolic
link in that folder that points outside it (an absolute one, or `../` past the folder) is
left out of the copy: the profile cannot read through it (see `criteria.loading`), and
one such link must not stop the diff.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import PurePosixPath

from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.problems import FatalError, Problem


def split_revision(spec: str) -> tuple[str, str] | None:
    """('main', 'criteria/x.yaml') for 'main:criteria/x.yaml'; None for a path or an id."""
    if os.path.exists(spec) or ":" not in spec:
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path or (len(rev) == 1 and rev.isalpha() and os.name == "nt"):
        return None
    return rev, path


def _fail(spec: str, message: str) -> FatalError:
    return FatalError([Problem(spec, None, None, "error", message, None, "bad-revision")])


def _git(args: list[str], spec: str, cwd: str | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False, cwd=cwd)
    except OSError as exc:
        raise _fail(spec, f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _fail(spec, f"git {args[0]} failed: {why[-1] if why else 'unknown error'}")
    return done.stdout


def load_at_revision(spec: str, rev: str, path: str) -> CompiledProfile:
    """The profile at `path` (relative to the repository root, as `git show` reads it)."""
    if rev.startswith("-"):  # git would read it as an option (and answer with its usage)
        raise _fail(spec, f"'{rev}' is not a revision: a revision never starts with '-'")
    folder = str(PurePosixPath(path).parent)
    top = _git(["rev-parse", "--show-toplevel"], spec).decode().strip()
    _git(["cat-file", "-e", f"{rev}:{path}"], spec, top)  # a clear error for a missing file
    archive = _git(["archive", "--format=tar", rev, "--", folder], spec, top)
    with tempfile.TemporaryDirectory(prefix="dealerscreen-rev-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter=_inside)
        return compile_profile(load_profile(os.path.join(tmp, path)))


def _inside(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
    """tarfile's `data` filter, but a member it refuses is skipped, not an error."""
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None


def load_side(spec: str) -> CompiledProfile:
    """Raises FatalError with located problems when the criteria cannot be loaded."""
    revision = split_revision(spec)
    if revision is not None:
        return load_at_revision(spec, *revision)
    return compile_profile(load_profile(spec))
