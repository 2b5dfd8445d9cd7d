"""Worker processes for a batch: chunks out, results back in submission order.

Not `multiprocessing.Pool`: its workers share one task queue behind a lock that an idle
worker holds while it waits, so a signal to the whole process group (`timeout`, a
cancelled CI job) killed workers holding it, and `Pool.terminate()` waited for that lock
for ever. Here each worker has a pipe of its own each way, and nothing is shared: the
workers ignore SIGINT and SIGTERM (the parent alone decides, and says so once), and the
parent, whatever ends it, kills them (SIGKILL) and reaps them on its way out. A worker
that dies of anything else ends the run with an error rather than a wait for a result
that will never come.

Each worker takes at most PER_WORKER chunks at a time: one it works on, one waiting, so
it never waits for the parent. Sending happens in a thread per worker: a chunk larger than
a pipe's buffer must not block the parent while that worker, busy, cannot read it but
wants its result read.
"""

from __future__ import annotations

import atexit
import multiprocessing
import pickle
import queue
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

Out = TypeVar("Out")
Numbered = tuple[int, Any]  # a chunk and its number: given to `work` as it is
PER_WORKER = 2
_STOP = pickle.dumps(None)  # what a worker is sent when the work is done
JOIN_WAIT = 10.0  # seconds a worker asked to stop may take before it is killed


class WorkerDied(RuntimeError):
    """A worker process ended while it held chunks (killed from outside, out of memory)."""


class _Failed:
    """An exception a worker raised, sent back to be raised in the parent."""

    def __init__(self, exc: BaseException) -> None:
        try:
            pickle.dumps(exc)
            self.exc: BaseException = exc
        except Exception:  # an exception that does not pickle: its words, at least
            self.exc = RuntimeError(f"{type(exc).__name__}: {exc}")


def _serve(
    tasks: Connection,
    results: Connection,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    work: Callable[[Any], Any],
) -> None:
    # The parent handles both and kills the workers: a worker must not die half-way
    # through a message (a group's Ctrl-C or SIGTERM reaches every process of the group).
    # Blocked since before the fork (`Workers`), so none reaches the parent's handlers here.
    for signum in _SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    _unblock()
    failed: _Failed | None = None
    try:
        initializer(*initargs)
    except Exception as exc:
        failed = _Failed(exc)  # said in reply to the first chunk
    while True:
        try:
            task = tasks.recv()
        except EOFError:  # the parent is gone
            return
        if task is None:
            return
        if failed is not None:
            results.send(failed)
            continue
        try:
            results.send(work(task))
        except Exception as exc:
            results.send(_Failed(exc))


_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_MASKS = hasattr(signal, "pthread_sigmask")  # not on Windows


def _block() -> set[int | signal.Signals]:
    """Block SIGINT and SIGTERM in this thread; the mask it had, to put back."""
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)) if _MASKS else set()


def _restore(mask: set[int | signal.Signals]) -> None:
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _unblock() -> None:
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)


class _Worker:
    def __init__(self, ctx: Any, args: tuple[Any, ...]) -> None:
        their_tasks, self.tasks = ctx.Pipe(duplex=False)
        self.results, their_results = ctx.Pipe(duplex=False)
        self.process = ctx.Process(
            target=_serve, args=(their_tasks, their_results, *args), name="dealerscreen-worker"
        )
        self.process.start()
        their_tasks.close()  # theirs now: a pipe's end left open here would hide their exit
        their_results.close()
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.held: deque[int] = deque()  # numbers of the chunks sent, in order
        self.sender = threading.Thread(target=self._send, name="dealerscreen-send", daemon=True)

    def _send(self) -> None:
        while (data := self.outbox.get()) is not None:
            try:
                self.tasks.send_bytes(data)
            except OSError:  # the worker is gone: the parent finds out from its results
                return

    def end(self) -> None:
        """Killed, reaped, its sender ended (a write to a dead worker fails at once), and
        only then its pipes closed: never a descriptor closed under a thread writing it."""
        if self.process.exitcode is None:
            self.process.kill()
        self.process.join()
        self.outbox.put(None)
        if self.sender.is_alive():
            self.sender.join(JOIN_WAIT)
        self.tasks.close()
        self.results.close()


class Workers(Generic[Out]):
    """`jobs` processes that run `work` on numbered chunks, each set up by `initializer`."""

    def __init__(
        self,
        jobs: int,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
        work: Callable[[Numbered], Out],
    ) -> None:
        ctx = multiprocessing.get_context()
        self._workers: list[_Worker] = []
        atexit.register(self.kill)  # before multiprocessing's own exit, which would wait
        try:
            mask = _block()  # a signal now is acted on here once the workers ignore it
            try:
                for _ in range(jobs):
                    self._workers.append(_Worker(ctx, (initializer, initargs, work)))
            finally:
                _restore(mask)
            for w in self._workers:  # threads only once every process is forked
                w.sender.start()
        except BaseException:
            self.kill()
            raise

    def map(self, chunks: Iterable[Numbered], window: int) -> Iterator[Out]:
        """Each chunk's result in the order of its number (0, 1, ...), with at most
        `window` chunks sent or done and not yet given back."""
        chunks = iter(chunks)
        done: dict[int, Out] = {}
        by_pipe = {w.results: w for w in self._workers}
        held = 0
        given = 0
        more = True
        while True:
            while more and held + len(done) < window:
                free = min(self._workers, key=lambda w: len(w.held))
                if len(free.held) >= PER_WORKER:
                    break
                item = next(chunks, None)
                if item is None:
                    more = False
                    break
                free.held.append(item[0])
                free.outbox.put(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))
                held += 1
            if given in done:
                yield done.pop(given)
                given += 1
                continue
            if not held:
                return
            for pipe in wait([w.results for w in self._workers if w.held]):
                w = by_pipe[pipe]
                done[w.held.popleft()] = self._receive(w)
                held -= 1

    @staticmethod
    def _receive(w: _Worker) -> Any:
        try:
            got = w.results.recv()
        except EOFError:
            w.process.join(JOIN_WAIT)
            raise WorkerDied(
                f"a worker process ended while screening (exit code {w.process.exitcode})"
            ) from None
        if isinstance(got, _Failed):
            raise got.exc
        return got

    def close(self) -> None:
        """The work is done: each worker asked to end, and killed if it does not."""
        for w in self._workers:
            w.outbox.put(_STOP)
        for w in self._workers:
            w.process.join(JOIN_WAIT)
        self.kill()

    def kill(self) -> None:
        """Every worker ended now (SIGKILL) and reaped; safe to call more than once."""
        atexit.unregister(self.kill)
        workers, self._workers = self._workers, []
        for w in workers:
            if w.process.exitcode is None:
                w.process.kill()
        for w in workers:
            w.end()


def ordered(
    chunks: Iterable[Numbered],
    jobs: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
    work: Callable[[Numbered], Out],
    window: int,
) -> Generator[Out, None, None]:
    """`work` of each chunk in worker processes, in order; every worker gone when this
    ends, however it ends (a signal's SystemExit, an error, or closing the iterator)."""
    workers: Workers[Out] = Workers(jobs, initializer, initargs, work)
    try:
        yield from workers.map(chunks, window)
        workers.close()
    finally:
        workers.kill()
