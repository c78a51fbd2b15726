"""Query workers with a deadline: each query runs in a worker process, which is
killed, and replaced, if it has not answered in time.

A Python thread cannot be stopped in the middle of a pyoxigraph query, so
:class:`QueryRunner` keeps ``workers`` processes, each with the store open
read-only. A request borrows an idle worker, sends it a task and waits at most
``timeout`` seconds; past that the worker is killed (which stops the query at
once, and frees its place), a fresh one is started in the background, and the
request gets a :class:`Reply` with status 503 and a one-line reason. Each worker
reopens the store when its files change, so a server keeps up with later ingests.

**The quick lane.** Besides the ``workers``, ``quick_workers`` processes (1 by
default) take a request only when every other worker is busy, and give it
``quick_timeout`` seconds (2 s) instead of ``timeout``: so however many slow
queries run, a quick one (``ASK {}``, a lookup, a page) is answered at once, and
a slow one that lands in the quick lane is stopped early with a 503 that says
the server is busy. A request that finds no idle worker within ``timeout`` gets
503 too.

**Crashes.** A worker that dies under a query (the engine aborted on a Rust
panic, overflowed its stack, or the kernel killed it for memory) is replaced,
and the reply says which it was, with the panic's message when there is one.

Example:
    >>> import tempfile
    >>> from newsgraph.graph.store import Store
    >>> path = tempfile.mkdtemp() + "/s"
    >>> Store.open(path).close()
    >>> with QueryRunner(path, workers=1, timeout=30, quick_workers=0) as runner:
    ...     runner.run(("sparql", "ASK { }", "application/json", None, 10)).body
    b'{"head": {}, "boolean": true}'
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
import threading
import time
from pathlib import Path

from .defaults import DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, DEFAULT_QUICK_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_WORKERS
from .reply import Reply, text_reply

__all__ = ["QueryRunner", "Reply", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS", "DEFAULT_MAX_BYTES",
           "DEFAULT_QUICK_TIMEOUT", "DEFAULT_WORKERS"]



class _Worker:
    def __init__(self, context, path: str, lane: str):
        self.lane = lane
        log = tempfile.NamedTemporaryFile(prefix="newsgraph-worker-", suffix=".log", delete=False)
        log.close()
        self.log = log.name  # the worker's stderr: what Rust prints when it panics
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, path, self.log), daemon=True,
                                       name="newsgraph-query-worker")
        self.process.start()
        child.close()

    def ready(self, wait: float = 120.0) -> bool:
        """Wait until the worker has imported its modules and opened the store."""
        try:
            return self.conn.poll(wait) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            return False

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()
        try:
            os.unlink(self.log)
        except OSError:
            pass

    def death(self) -> str:
        """Why the worker died, in a few words, with the panic's message if Rust printed one."""
        from ..graph.safety import panic_message

        self.process.join(2)
        code = self.process.exitcode
        try:
            with open(self.log, "rb") as fh:
                fh.seek(max(0, os.path.getsize(self.log) - 65536))
                message = panic_message(fh.read().decode("utf-8", "replace"))
        except OSError:
            message = ""
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            if -code == signal.SIGKILL:
                return "the query worker was killed (SIGKILL: the system may have run out of memory)"
            how = f"killed by {name}"
        else:
            how = f"exit status {code}"
        return (f"the query engine crashed on this query ({how}{': ' + message if message else ''}); "
                "this is a bug in the engine (pyoxigraph), see docs/engine-crashes.md")


class QueryRunner:
    """``workers`` query processes plus ``quick_workers`` in the quick lane, over the
    store at ``path`` (read-only); see the module doc."""

    def __init__(self, path: str | os.PathLike, *, workers: int = DEFAULT_WORKERS,
                 timeout: float = DEFAULT_TIMEOUT, quick_workers: int = 1,
                 quick_timeout: float = DEFAULT_QUICK_TIMEOUT):
        if workers < 1 or quick_workers < 0:
            raise ValueError(f"workers must be at least 1 (not {workers}) and quick workers at least 0")
        self.path = str(path)
        self.timeout = float(timeout)
        self.quick_timeout = min(float(quick_timeout), self.timeout)
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._idle: dict[str, list] = {"main": [], "quick": []}
        self._cond = threading.Condition()
        self._all: set = set()
        self._closed = False
        started = [self._start(lane) for lane, n in (("main", workers), ("quick", quick_workers))
                   for _ in range(n)]
        for worker in started:  # answer the first request at once, not after the imports
            if not worker.ready():
                self.close()
                raise RuntimeError(f"a query worker did not start: {worker.death()}")
            self._idle[worker.lane].append(worker)

    def run(self, task: tuple) -> Reply:
        """Run ``task`` in a worker within the deadline; always returns a Reply."""
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while not (self._idle["main"] or self._idle["quick"]):
                left = deadline - time.monotonic()
                if left <= 0 or self._closed:
                    return text_reply(503, f"every query worker was busy for {self.timeout:g} s; try again later")
                self._cond.wait(left)
            worker = (self._idle["main"] or self._idle["quick"]).pop()
        limit = self.timeout if worker.lane == "main" else self.quick_timeout
        try:
            worker.conn.send(task)
            if worker.conn.poll(limit):
                reply = worker.conn.recv()
                self._give_back(worker)
                return reply
            if worker.lane == "main":
                why = text_reply(503, f"query timed out after {self.timeout:g} s (the server's limit): "
                                 "narrow it or add a LIMIT")
            else:
                why = text_reply(503, f"the server is busy with slow queries and this one needed more than "
                                 f"{self.quick_timeout:g} s; try again later")
        except (EOFError, OSError):
            why = text_reply(500, worker.death())
        self._replace(worker)
        return why

    def close(self) -> None:
        """Stop every worker."""
        with self._cond:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> QueryRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self, lane: str) -> _Worker:
        worker = _Worker(self._context, self.path, lane)
        with self._cond:
            self._all.add(worker)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._cond:
            self._idle[worker.lane].append(worker)
            self._cond.notify()

    def _replace(self, worker: _Worker) -> None:
        with self._cond:
            self._all.discard(worker)
        worker.stop()

        def start():
            if not self._closed:
                fresh = self._start(worker.lane)
                if self._closed or not fresh.ready():
                    fresh.stop()
                else:
                    self._give_back(fresh)

        threading.Thread(target=start, daemon=True).start()


# ---------------------------------------------------------------- in the worker

def _worker_main(conn, path: str, log: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us
    os.environ["RUST_BACKTRACE"] = "0"  # a panic prints its message, not 60 lines of backtrace
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    os.dup2(fd, 2)
    os.close(fd)
    from . import tasks

    opened = tasks.OpenStore(Path(path))
    try:
        opened.get()
        from ..exports import html, network  # noqa: F401 - what /graph needs, before the first request
    except Exception:  # noqa: BLE001 - the first task reports it
        pass
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(tasks.perform(opened, task))
