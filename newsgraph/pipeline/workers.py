"""Extraction in worker processes: articles in, their triples out, in input order.

:func:`extract_all` runs :func:`newsgraph.loaders.extract.triples.extract` over a stream
of articles, in this process (``workers=1``) or in a pool of worker processes.
Results come back in input order whatever order the workers finish in, so a
caller that writes them one by one (ingest writes from its own process only)
leaves the store exactly as one worker would. At most a few batches of articles
are read ahead, so an endless input is read as it is consumed.

Articles are parsed a batch at a time, with one ``nlp.pipe`` call
(:data:`PARSE_BATCH` articles in this process, :data:`WORKER_BATCH` per task in a
worker): the model takes about a tenth less CPU so than called once per article, and
gives the same parses. A batch that fails to parse is parsed article by article, so a
bad text fails only its own article.

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

__all__ = ["extract_all", "extract_batch", "extract_one", "batches", "articles_in", "Failure", "Parsed", "IN_FLIGHT_PER_WORKER", "PARSE_BATCH",
           "PARSE_BATCH_CHARS", "WORKER_BATCH"]

IN_FLIGHT_PER_WORKER = 4
"""Articles handed to each Dask worker ahead of the one being written (:mod:`~newsgraph.pipeline.dask_extract`)."""

PARSE_BATCH = 32
"""Articles parsed together by one ``nlp.pipe`` call in this process (``workers=1``)."""

PARSE_BATCH_CHARS = 200_000
"""...or fewer, once their texts reach this many characters."""

WORKER_BATCH = 2
"""Articles per task sent to a worker process (parsed there by one ``nlp.pipe`` call); each worker
has two such tasks in hand ahead of the one being written. Small tasks share the last articles
out evenly: with 4 a task, 27 articles made 7 tasks, 16 articles for one worker and 11 for the
other, and two workers ran 1.66x faster than one; with 2, 1.84x, for the same CPU time
(demo x 3, five runs in turns, 2026-12-07)."""


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
        for batch in batches(entries, key, PARSE_BATCH):
            parsed = Parsed(nlp, [a.full_text for a in articles_in(batch, key)])
            for entry in batch:
                article = key(entry)
                yield entry, (extract_one(article, parsed, extractor) if isinstance(article, Article) else None)
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                               initargs=(model, tuple(close_fds)))
    pending: collections.deque = collections.deque()
    try:
        for batch in batches(entries, key, WORKER_BATCH):
            articles = articles_in(batch, key)
            pending.append((batch, pool.submit(_work, articles) if articles else None))
            while len(pending) >= workers * 2:
                yield from _next(pending, key)
        while pending:
            yield from _next(pending, key)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def batches(entries: Iterable, key: Callable, size: int) -> Iterator[list]:
    """The entries in lists of up to ``size`` articles (or :data:`PARSE_BATCH_CHARS` characters of text)."""
    batch: list = []
    n = chars = 0
    for entry in entries:
        batch.append(entry)
        article = key(entry)
        if isinstance(article, Article):
            n += 1
            chars += len(article.full_text)
        if n >= size or chars >= PARSE_BATCH_CHARS:
            yield batch
            batch, n, chars = [], 0, 0
    if batch:
        yield batch


def articles_in(batch: list, key: Callable) -> list[Article]:
    """The articles of a batch of :func:`batches`, in order (``key(entry)`` of the entries that hold one)."""
    return [a for a in map(key, batch) if isinstance(a, Article)]


def _next(pending: collections.deque, key: Callable):
    batch, future = pending.popleft()
    outcomes = iter(future.result() if future is not None else ())
    for entry in batch:
        yield entry, (next(outcomes) if isinstance(key(entry), Article) else None)


class Parsed:
    """``nlp`` with a batch of texts parsed ahead by one ``nlp.pipe`` call: called on one of those
    texts it gives that text's doc (once), on any other text it parses as ``nlp`` does. If the
    batch cannot be parsed as a whole, each text is parsed on its own when asked for, so a text
    the model fails on fails only its own article.

    >>> from newsgraph.loaders.extract.nlp import load_nlp
    >>> parsed = Parsed(load_nlp(), ["Police detained Anna Petrova.", "Ivan Sidorov was released."])
    >>> [t.text for t in parsed("Ivan Sidorov was released.").ents]
    ['Ivan Sidorov']
    """

    def __init__(self, nlp, texts: list[str]):
        self.nlp = nlp
        self.docs: dict = {}
        if len(texts) > 1:
            try:
                self.docs = dict(zip(texts, nlp.pipe(texts, batch_size=len(texts))))
            except (KeyboardInterrupt, SystemExit, MemoryError):
                raise
            except Exception:  # noqa: BLE001 - each text is parsed again, on its own, when asked for
                self.docs = {}

    def __call__(self, text: str):
        doc = self.docs.pop(text, None)
        return doc if doc is not None else self.nlp(text)

    def __getattr__(self, name: str):
        return getattr(self.nlp, name)


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


def _work(articles: list[Article]) -> list[list | Failure]:
    return extract_batch(articles, _NLP)


def extract_batch(articles: list[Article], nlp) -> list[list | Failure]:
    """Each article's triples, or the :class:`Failure` that stopped its extraction, in order, the
    texts parsed by one ``nlp.pipe`` call (:class:`Parsed`): one task of a worker, local or Dask."""
    parsed = Parsed(nlp, [a.full_text for a in articles])
    return [extract_one(article, parsed) for article in articles]


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

