"""Extraction in worker processes: articles in, their triples out, in input order.

:func:`extract_all` runs :func:`newsgraph.loaders.extract.triples.extract` over a stream
of articles, in this process (``workers=1``) or in a pool of worker processes.
Results come back in input order whatever order the workers finish in, so a
caller that writes them one by one (ingest writes from its own process only)
leaves the store exactly as one worker would. At most a few articles per worker
are in flight, so an endless input is read as it is consumed.

On Linux the workers are forked from a process that has already loaded the
spaCy model, so they start at once and share its memory; elsewhere each worker
loads the model when it starts. Workers ignore Ctrl-C: the parent decides what
to keep, and stops them.

Example:
    >>> from newsgraph.loaders.read.article import Article
    >>> [(a.title, len(outcome) > 0) for a, outcome in extract_all(
    ...     [Article(text="Police in Minsk detained Anna Petrova.", title="One")])]
    [('One', True)]
"""
from __future__ import annotations

import collections
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, NamedTuple

from ..errors import describe
from ..loaders.read.article import Article

__all__ = ["extract_all", "extract_one", "Failure", "IN_FLIGHT_PER_WORKER"]

IN_FLIGHT_PER_WORKER = 4
"""Articles handed to each worker ahead of the one being written."""


class Failure(NamedTuple):
    """An article whose extraction raised: the one-line reason."""

    message: str


def extract_all(entries: Iterable, *, workers: int = 1, nlp=None, model: str | None = None,
                key: Callable[[Any], Any] | None = None, close_fds: Iterable[int] = (),
                extractor: Callable | None = None) -> Iterator[tuple[Any, list | Failure | None]]:
    """Yield ``(entry, outcome)`` for each entry, in input order.

    ``key(entry)`` (default: the entry itself) is the :class:`Article` to extract;
    anything else (a LoadError, say) passes through with outcome ``None``. The
    outcome is the list of extracted triples, or a :class:`Failure`. ``nlp`` (or
    ``model``) is the spaCy pipeline; ``close_fds`` are descriptors the workers must
    not keep open (a store's lock); ``extractor(article, nlp)`` replaces
    :func:`~newsgraph.loaders.extract.triples.extract` when ``workers`` is 1. Close the
    iterator (``contextlib.closing``) to stop the workers early.
    """
    from ..loaders.extract.nlp import load_nlp

    key = key or (lambda entry: entry)
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if nlp is None:
        nlp = load_nlp(model)
    if workers == 1:
        for entry in entries:
            article = key(entry)
            yield entry, (extract_one(article, nlp, extractor) if isinstance(article, Article) else None)
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(model, tuple(close_fds)))
    pending: collections.deque = collections.deque()
    try:
        for entry in entries:
            article = key(entry)
            pending.append((entry, pool.submit(_work, article) if isinstance(article, Article) else None))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield _next(pending)
        while pending:
            yield _next(pending)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _next(pending: collections.deque):
    entry, future = pending.popleft()
    return entry, (None if future is None else future.result())


def _start_worker(model: str | None, close_fds: tuple[int, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in close_fds:  # the parent's store lock must die with the parent, not with us
        try:
            os.close(fd)
        except OSError:
            pass
    global _NLP
    from ..loaders.extract.nlp import load_nlp

    _NLP = load_nlp(model)


_NLP = None


def _work(article: Article) -> list | Failure:
    return extract_one(article, _NLP)


def extract_one(article: Article, nlp, extractor: Callable | None = None) -> list | Failure:
    """The triples of one article, or the :class:`Failure` that stopped its extraction."""
    if extractor is None:
        from ..loaders.extract.triples import extract_triples as extractor

    try:
        return list(extractor(article, nlp))
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as exc:  # one article's failure must not stop the batch
        return Failure(describe(exc))

