"""Where the two sides of a diff come from: a file, a profile id, or `REV:path` in git.

`REV:path` is read at that revision together with the folder it sits in (its reference
lists, and the parents it `extends`, as they were then): the folder is exported with
`git archive` into a temporary directory, loaded, and the directory removed. A symbolic
link in that folder that points outside it (an absolute one, or `../` past the folder) is
left out of the copy: the profile cannot read through it (see `criteria.loading`), and
one such link must not stop the diff.

Which reading a spec gets is decided here, never by what happens to exist in the working
tree: a pull request can commit a folder named `origin/main:criteria/` holding its own
copy of the edited criteria, and a file named like a profile id. So a `REV:path` whose
REV git resolves to a commit is read from git even when a path of that name exists (a
warning says the path was not read); a spec written as a path (`./`, `../`, `/`) is
always a path; a name that is both a file here and a profile id is a usage error naming
both readings. The report says where each side came from (`Origin`).
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from dealerscreen.criteria.catalog import ProfileInfo, list_profiles
from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.diff.compare import Origin
from dealerscreen.i18n.problemtext import say
from dealerscreen.models.problems import FatalError, Message, Problem, UsageError, plain


def _written_as_path(spec: str) -> bool:
    """`./x`, `../x`, `/x` (and a drive on Windows): a path, whatever follows."""
    starts = ("./", "../", "/") if os.sep == "/" else ("./", "../", "/", ".\\", "..\\", "\\")
    return spec.startswith(starts) or os.path.isabs(spec)


def split_revision(spec: str) -> tuple[str, str] | None:
    """('main', 'criteria/x.yaml') for 'main:criteria/x.yaml'; None for a spec without
    ':' or written as a path. Whether 'main' is a revision is git's to say (`commit_of`)."""
    if ":" not in spec or _written_as_path(spec):
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path or (len(rev) == 1 and rev.isalpha() and os.name == "nt"):
        return None
    return rev, path


def commit_of(rev: str) -> str | None:
    """The commit `rev` names in the repository of the working folder, or None: not a
    revision there, not a repository, or no git."""
    if rev.startswith("-"):  # git would read it as an option
        return None
    try:
        return _ask(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], None)
    except OSError:
        return None


FETCH_HISTORY = "`fetch-depth: 0` in actions/checkout, or `git fetch --unshallow`"


def _fail(spec: str, message: Message | str, usage: bool = False) -> FatalError:
    # git's own words and the few without a key yet stay as they are (plain)
    said = plain(message) if isinstance(message, str) else message
    problems = [Problem(spec, None, None, "error", said, None, "bad-revision")]
    return UsageError(problems) if usage else FatalError(problems)


def _git(args: list[str], spec: str, cwd: str | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False, cwd=cwd)
    except OSError as exc:
        raise _fail(spec, f"cannot run git: {exc.strerror or exc}", usage=True) from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _fail(spec, f"git {args[0]} failed: {why[-1] if why else 'unknown error'}")
    return done.stdout


def _ask(args: list[str], cwd: str | None) -> str | None:
    """git's answer, or None when it says no."""
    done = subprocess.run(["git", *args], capture_output=True, check=False, cwd=cwd)
    return done.stdout.decode("utf-8", "replace").strip() if done.returncode == 0 else None


def _top(spec: str) -> str:
    try:
        return _git(["rev-parse", "--show-toplevel"], spec).decode().strip()
    except FatalError:
        raise _fail(
            spec, "REV:path reads criteria from git, and this is not a git repository", True
        ) from None


def _check_revision(spec: str, rev: str, path: str, top: str, commit: str) -> None:
    """Usage errors (exit 2) for a revision this clone does not have, or a file not in it
    (at `commit`, what `rev` named when the spec was resolved)."""
    if _ask(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top) is None:
        if _ask(["rev-parse", "--is-shallow-repository"], top) == "true":
            why = f"this clone is shallow (it has only its last commits): fetch the history, {FETCH_HISTORY}"
        else:
            why = f"not a branch, tag or commit of this clone; a shallow clone needs its history: {FETCH_HISTORY}"
        raise _fail(spec, f"unknown revision '{rev}': {why}", usage=True)
    if _ask(["cat-file", "-e", f"{commit}:{path}"], top) is None:
        if os.path.exists(spec):  # two readings, and the one git gives is not there
            raise _fail(spec, say("diff.ambiguous-revision", path=path, rev=rev, spec=spec), True)
        raise _fail(
            spec,
            f"'{path}' does not exist at revision '{rev}' (the path is relative to the "
            "repository root)",
            usage=True,
        )


def load_at_revision(spec: str, rev: str, path: str, commit: str | None = None) -> CompiledProfile:
    """The profile at `path` (relative to the repository root, as `git show` reads it), at
    `commit` when given: the commit the report names is the one read, even if `rev` moves."""
    if rev.startswith("-"):  # git would read it as an option (and answer with its usage)
        raise _fail(spec, f"'{rev}' is not a revision: a revision never starts with '-'")
    folder = str(PurePosixPath(path).parent)
    top = _top(spec)
    _check_revision(spec, rev, path, top, commit or rev)
    archive = _git(["archive", "--format=tar", commit or rev, "--", folder], spec, top)
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


def _profile_named(spec: str) -> ProfileInfo | None:
    """The profile whose id `spec` is, when it is written as an id would be (find_profile
    reads a name with a '/' or a .yaml ending as a path only)."""
    if spec.endswith((".yaml", ".yml")) or "/" in spec or os.sep in spec:
        return None
    return next((p for p in list_profiles() if p.id == spec), None)


def resolve(spec: str) -> Origin:
    """Which reading of `spec` is taken (see the module's docstring). Raises UsageError
    when a file here and a profile id both answer to it."""
    revision = split_revision(spec)
    if revision is not None:
        rev, path = revision
        commit = commit_of(rev)
        if commit is not None or not os.path.exists(spec):
            return Origin("git", path, rev, commit)  # no commit: load_at_revision says why
        return Origin("file", spec)
    profile = _profile_named(spec)
    if profile is not None and os.path.exists(spec):
        file = _shown(profile.path)
        why = say("diff.ambiguous-id", spec=spec, path=file)
        raise UsageError([Problem(spec, None, None, "error", why, None, "ambiguous-criteria")])
    return Origin("profile", _shown(profile.path)) if profile is not None else Origin("file", spec)


def _shown(path: str) -> str:
    """A shipped profile's file as the report names it: relative to here when inside."""
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


@dataclass(frozen=True)
class Loaded:
    """One side of the diff: its criteria, where they were read, and what to say of it."""

    compiled: CompiledProfile
    origin: Origin
    notes: tuple[Problem, ...] = ()


def _shadowed(spec: str, origin: Origin) -> tuple[Problem, ...]:
    """A warning when git was read and a path of the same name here was not."""
    if origin.kind != "git" or not os.path.exists(spec):
        return ()
    why = say("diff.shadowed", rev=origin.revision or "", commit=origin.commit or "", spec=spec)
    return (Problem(spec, None, None, "warning", why, None, "shadowed-path"),)


def load_side(spec: str, param: str | None = None) -> Loaded:
    """Raises FatalError with located problems when the criteria are invalid, UsageError
    (naming `param`, the option it came from) when they are not there or the spec reads
    two ways."""
    try:
        origin = resolve(spec)
        if origin.kind == "git" and origin.revision is not None:
            compiled = load_at_revision(spec, origin.revision, origin.path, origin.commit)
        else:
            compiled = compile_profile(load_profile(origin.path))
    except UsageError as exc:
        exc.param = exc.param or param
        raise
    return Loaded(compiled, origin, _shadowed(spec, origin))
