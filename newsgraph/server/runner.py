"""Query workers with a deadline: each query runs in a worker process, which is
killed, and replaced, if it has not answered in time.

A Python thread cannot be stopped in the middle of a pyoxigraph query, so
:class:`QueryRunner` keeps ``workers`` processes, each with the store open
read-only. A request borrows an idle worker, sends it a task and waits at most
``timeout`` seconds; past that the worker is killed (which stops the query at
once), a fresh one is started in the background, and the request gets a
:class:`Reply` with status 503 and a one-line reason. A request that finds no
idle worker within ``timeout`` gets 503 too. Each worker reopens the store when
its files change, so a server keeps up with later ingests.

Example:
    >>> import tempfile
    >>> from newsgraph.graph.store import Store
    >>> path = tempfile.mkdtemp() + "/s"
    >>> Store.open(path).close()
    >>> with QueryRunner(path, workers=1, timeout=30) as runner:
    ...     runner.run(("sparql", "ASK { }", "application/json", None, 10)).body
    b'{"head": {}, "boolean": true}'
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
from pathlib import Path

from .reply import Reply, text_reply as _text

__all__ = ["QueryRunner", "Reply", "DEFAULT_TIMEOUT", "DEFAULT_MAX_ROWS"]

DEFAULT_TIMEOUT = 30.0
"""Seconds a query may run."""

DEFAULT_MAX_ROWS = 10_000
"""Rows (or triples) a query may return; the rest is cut, and a header says so."""


class _Worker:
    def __init__(self, context, path: str):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, path), daemon=True,
                                       name="newsgraph-query-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryRunner:
    """A pool of ``workers`` query processes over the store at ``path`` (read-only)."""

    def __init__(self, path: str | os.PathLike, *, workers: int = 2, timeout: float = DEFAULT_TIMEOUT):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.path = str(path)
        self.timeout = float(timeout)
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._idle: queue.Queue = queue.Queue()
        self._all: set = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def run(self, task: tuple) -> Reply:
        """Run ``task`` in a worker within the deadline; always returns a Reply."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _text(503, f"every query worker was busy for {self.timeout:g} s; try again later")
        try:
            worker.conn.send(task)
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
            why = _text(503, f"query timed out after {self.timeout:g} s (the server's limit): "
                             "narrow it or add a LIMIT")
        except (EOFError, OSError):
            why = _text(500, "the query worker died (out of memory?); the query was not answered")
        self._replace(worker)
        return why

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> QueryRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> _Worker:
        worker = _Worker(self._context, self.path)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

        def start():
            if not self._closed:
                self._idle.put(self._start())

        threading.Thread(target=start, daemon=True).start()


# ---------------------------------------------------------------- in the worker

def _worker_main(conn, path: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us
    from . import tasks

    opened = tasks.OpenStore(Path(path))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(tasks.perform(opened, task))
