"""Extraction on a Dask cluster: articles in, their triples out, in input order.

:func:`extract_dask` is :func:`newsgraph.pipeline.workers.extract_all` with the
workers on a `dask.distributed <https://distributed.dask.org>`_ cluster instead of
this machine's process pool: ``address`` is a scheduler (``tcp://host:8786``,
started with ``dask-scheduler``; workers joined with ``dask-worker``), or
``"local"`` for a :class:`~distributed.LocalCluster` of ``workers`` processes on
this machine. The extraction itself is the pure function
:func:`newsgraph.loaders.extract.extract`; this process reads the inputs and
takes the results back in input order, so whatever writes them (``newsgraph
extract``'s shards, :mod:`newsgraph.pipeline.shards`) writes exactly what one worker
would.

- Each worker loads the spaCy model once: a worker plugin loads it when the
  worker starts (or joins later, or is restarted), and the task reuses it
  (:func:`newsgraph.loaders.extract.nlp.load_nlp` keeps it per process).
- Articles go to the workers :data:`DASK_BATCH` at a time, each batch parsed by one
  ``nlp.pipe`` call there; at most a few articles per worker thread are in flight, so an
  endless input is read as it is consumed and memory stays bounded.
- An article whose extraction raises is a :class:`~newsgraph.pipeline.workers.Failure`
  (reported, the run goes on). A worker that dies (killed, out of memory, its host
  gone) loses nothing: the scheduler runs its articles again elsewhere; a batch
  that kills every worker it lands on (after Dask's
  ``distributed.scheduler.allowed-failures``, 3 retries) is sent again one article a
  task, so only the article that kills its workers fails.

Every worker needs newsgraph and its model installed (the same versions as here).
"""
from __future__ import annotations

import collections
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import ExtractError, NewsgraphError, describe
from ..loaders.read.article import Article
from .workers import IN_FLIGHT_PER_WORKER, Failure, articles_in, batches, extract_batch

__all__ = ["extract_dask", "LOCAL", "CONNECT_TIMEOUT", "DASK_BATCH"]

DASK_BATCH = 4
"""Articles per Dask task. One article a task cost a Dask worker about 45 % more time than the
same articles in one local process (realdev x 3: 9.66 s against 6.65 s): the scheduler's round
trip for each article, and parses one at a time."""

LOCAL = "local"
"""The ``--dask`` address that starts a LocalCluster on this machine."""

CONNECT_TIMEOUT = 30
"""Seconds to wait for the scheduler to answer."""

PLUGIN_NAME = "newsgraph-model"

try:  # dask is an extra: without it this module imports, and --dask says how to install it
    from distributed import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover - dask not installed
    _WorkerPlugin = object


def _distributed():
    try:
        import distributed
    except ImportError:
        raise NewsgraphError("--dask needs dask.distributed: pip install 'newsgraph[dask]'") from None
    return distributed


class LoadModel(_WorkerPlugin):
    """Loads the spaCy model once, when a worker starts, joins or restarts."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None):
        self.model = model

    def setup(self, worker):
        from ..loaders.extract.nlp import load_nlp

        load_nlp(self.model)


def extract_articles(articles: list[Article], model: str | None) -> list[list | Failure]:
    """The task each worker runs: :func:`~newsgraph.pipeline.workers.extract_batch` with the worker's
    model (a model that cannot load raises ExtractError, which stops the run)."""
    from ..loaders.extract.nlp import load_nlp

    return extract_batch(articles, load_nlp(model))


class _Cluster:
    """A Client on ``address``, and the LocalCluster it started if ``address`` is ``local``."""

    def __init__(self, address: str, workers: int):
        distributed = _distributed()
        self.cluster = None
        try:
            if address == LOCAL:
                self.cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                    silence_logs=logging.ERROR)
                self.client = distributed.Client(self.cluster, timeout=CONNECT_TIMEOUT)
            else:
                self.client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            raise NewsgraphError(f"cannot reach the Dask scheduler at {address}: {describe(exc)}") from None

    def threads(self) -> int:
        info = self.client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def close(self) -> None:
        for thing in (getattr(self, "client", None), self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # closing after a failure: nothing more to do
                    pass


def extract_dask(entries: Iterable, *, address: str = LOCAL, workers: int = 2, model: str | None = None,
                 key: Callable[[Any], Any] | None = None) -> Iterator[tuple[Any, list | Failure | None]]:
    """Yield ``(entry, outcome)`` for each entry, in input order, extracting on the Dask
    cluster at ``address`` (``"local"``: a LocalCluster of ``workers`` processes).

    ``key(entry)`` is the :class:`Article` to extract; anything else passes through with
    outcome ``None``. The outcome is the list of triples or a :class:`Failure`. Raises
    NewsgraphError if the scheduler cannot be reached, ExtractError if the model cannot
    load on a worker. Close the iterator (``contextlib.closing``) to stop early; a
    LocalCluster is shut down then, a remote cluster is left running.
    """
    key = key or (lambda entry: entry)
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    distributed = _distributed()
    cluster = _Cluster(address, workers)
    try:
        client = cluster.client
        client.register_plugin(LoadModel(model), name=PLUGIN_NAME)
        in_flight = max(2, cluster.threads() * IN_FLIGHT_PER_WORKER // DASK_BATCH)
        run = uuid.uuid4().hex[:8]
        pending: collections.deque = collections.deque()

        for number, chunk in enumerate(batches(entries, key, DASK_BATCH)):
            articles = articles_in(chunk, key)
            pending.append((chunk, client.submit(extract_articles, articles, model, pure=False,
                                                 key=f"newsgraph-extract-{run}-{number}") if articles else None))
            while len(pending) >= in_flight:
                yield from _next(pending, distributed, client, key, model, run)
        while pending:
            yield from _next(pending, distributed, client, key, model, run)
    finally:
        cluster.close()


def _next(pending: collections.deque, distributed, client, key: Callable, model: str | None, run: str):
    """Yield ``(entry, outcome)`` for each entry of the oldest chunk in flight."""
    chunk, future = pending.popleft()
    articles = articles_in(chunk, key)
    outcomes = _outcomes(future, distributed) if future is not None else []
    if outcomes is _DIED:  # the batch killed every worker it ran on: each article alone, so one fails
        outcomes = []
        for article in articles:
            alone = _outcomes(client.submit(extract_articles, [article], model, pure=False,
                                            key=f"newsgraph-extract-{run}-alone-{uuid.uuid4().hex[:8]}"), distributed)
            outcomes.append(Failure("the Dask workers running it died every time") if alone is _DIED
                            else alone if isinstance(alone, Failure) else alone[0])
    elif isinstance(outcomes, Failure):
        outcomes = [outcomes] * len(articles)
    it = iter(outcomes)
    for entry in chunk:
        yield entry, (next(it) if isinstance(key(entry), Article) else None)


_DIED = object()
"""What :func:`_outcomes` gives for a task whose workers all died running it."""


def _outcomes(future, distributed):
    """The task's list of outcomes; a :class:`Failure` if it raised outside the extraction;
    :data:`_DIED` if the workers running it died every time."""
    try:
        return future.result()
    except ExtractError:
        raise  # the model cannot load on a worker: no article can be extracted
    except distributed.KilledWorker:
        return _DIED
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # a task that raised outside the extraction: its articles fail
        return Failure(describe(exc))
    finally:
        future.release()
