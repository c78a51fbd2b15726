"""Ingest: read articles, extract their triples, store one named graph per article.

Each article is read, extracted (:func:`newsgraph.loaders.extract.extract`) and
stored with :meth:`Store.replace_graphs`, up to :data:`WRITE_BATCH` articles (or
:data:`WRITE_BATCH_QUADS` quads) per call, in one transaction for the new ones
(a reader sees each article wholly stored or not at all; a crash loses at most
the batch being written, and running ingest again stores it). Re-ingesting an
article (same text, so same IRI) replaces exactly its graph, and writes nothing
if its triples are unchanged.
A file that cannot be read or an article whose extraction fails is recorded in
the report and the batch goes on. After the batch, the cross-article resolution
pass (:func:`newsgraph.graph.resolve.resolve`) runs once.

With ``workers=N`` (N > 1) the extraction runs in N worker processes
(:mod:`newsgraph.graph.workers`) while this process reads the inputs and does
every write, in input order, so the store ends up exactly as with one worker.

If a batch dies half way (a crash, ``kill -9``, power cut), the articles stored
so far are whole and the store says ``resolution_pending``; running ``ingest``
again (with any files) finishes the job.

Example:
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Police in Ostravel detained activist Mara Quell on Monday.")
    >>> report = ingest(folder / "store", [folder / "a.txt"])
    >>> report.articles, report.failed
    (1, [])
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LoadError, NewsgraphError, StoreError
from ..loaders.article import ARTICLE_BASE
from ..loaders.read import read_articles
from .resolve import resolve
from .store import Store, StoreWriteError, remote_url
from .workers import Failure, extract_all

__all__ = ["ingest", "remove", "resolve_store", "IngestReport", "FLUSH_EVERY", "WRITE_BATCH",
           "WRITE_BATCH_QUADS"]

FLUSH_EVERY = 250
"""Flush the database to its files every this many articles (bounds crash recovery time)."""

WRITE_BATCH = 64
"""Articles written per store call (one transaction for the new ones): what a crash can lose."""

WRITE_BATCH_QUADS = 50_000
"""...or fewer, once their quads reach this many (a few long articles make a batch)."""


@dataclass
class IngestReport:
    """What an :func:`ingest` did.

    ``articles`` counts the articles stored by this batch (``replaced`` of them were
    already in the store); ``failed`` lists ``(source, message)`` per file or article
    that could not be read or extracted; ``persons``/``organizations``/``places``/
    ``events``/``triples`` are the store's totals after the batch.
    """

    articles: int = 0
    replaced: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    persons: int = 0
    organizations: int = 0
    places: int = 0
    events: int = 0
    triples: int = 0
    merged: int = 0
    seconds: float = 0.0
    store: str = ""
    pending: int = 0
    """Articles extracted and waiting for their batch to be written."""

    @property
    def entities(self) -> int:
        return self.persons + self.organizations + self.places

    @property
    def done(self) -> int:
        """Articles and files handled so far (stored, failed, or extracted and waiting to be stored)."""
        return self.articles + len(self.failed) + self.pending


def ingest(store: str | os.PathLike | Store | None, paths: str | os.PathLike | Iterable, *,
           default_date: _dt.date | None = None, fmt: str | None = None, model: str | None = None,
           progress: Callable[[IngestReport], None] | None = None, wait: float = 0.0,
           workers: int = 1) -> IngestReport:
    """Ingest files, folders or ``-`` (stdin) into ``store`` (a path, ``None`` for the
    default, or an open writable :class:`Store`).

    ``progress(report)`` is called after each article or failure. ``workers`` > 1
    extracts in that many processes (see the module doc). Raises
    StoreError/StoreLockedError if the store cannot be opened or written,
    ExtractError if the model cannot load. On KeyboardInterrupt the articles stored
    so far are kept, the resolution pass runs, and the interrupt is re-raised.
    """
    from ..loaders.nlp import load_nlp

    started = time.monotonic()
    with _writer(store, wait) as st:
        nlp = load_nlp(model)
        report = IngestReport(store=str(st.path))
        known = set(st.article_iris())
        st.set_resolution_pending(True)
        batch = _Batch(st, known, report)
        try:
            inputs = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
            entries = ((path, item) for path in inputs for item in _read_safely(path, default_date, fmt))
            lock = [fd for fd in [getattr(st, "_lock_fd", None)] if fd is not None]
            with contextlib.closing(extract_all(
                    entries, workers=workers, nlp=nlp, model=model, key=lambda entry: entry[1],
                    close_fds=lock, extractor=lambda article, nlp: extract(article, nlp))) as done:
                for (path, item), outcome in done:
                    batch.add(item, path, outcome)
                    if progress is not None:
                        progress(report)
                batch.write()
        except KeyboardInterrupt:
            batch.write()  # what was extracted is stored and resolved, then the interrupt goes on
            _finish(st, report)
            raise
        _finish(st, report)
    _warm_names(store)
    report.seconds = time.monotonic() - started
    return report


def remove(store: str | os.PathLike | Store | None, article: str, *, wait: float = 0.0) -> list[str]:
    """Remove one article — by IRI, content-hash prefix (4+ hex digits) or its source
    file (re-read to find its IRI; a JSON-lines file removes all its articles) — then
    run the resolution pass. Returns the removed article IRIs. Raises StoreError if
    nothing matches or a hash prefix is ambiguous.
    """
    with _writer(store, wait) as st:
        iris = _find_articles(st, article)
        st.set_resolution_pending(True)
        for iri in iris:
            st.remove_graph(iri)
        resolve(st)
        st.set_resolution_pending(False)
    _warm_names(store)
    return iris


def resolve_store(store: str | os.PathLike | Store | None, *, wait: float = 0.0) -> dict:
    """Run the cross-article resolution pass alone, as ingest ends: after a bulk load
    of N-Quads shards (:mod:`newsgraph.graph.shards`). Returns what
    :func:`~newsgraph.graph.resolve.resolve` returns (``merged``: IRIs merged)."""
    with _writer(store, wait) as st:
        st.set_resolution_pending(True)
        result = resolve(st)
        st.set_resolution_pending(False)
        st.flush()
    _warm_names(store)
    return result


# ---------------------------------------------------------------- internals

def extract(article, nlp) -> list:
    """:func:`newsgraph.loaders.extract.extract`, imported on the first call, so that importing
    this module (every CLI command does, through the package) does not load the extractor."""
    from ..loaders.extract import extract as extract_article

    return extract_article(article, nlp)


class _Batch:
    """Extracted articles waiting to be written together (:data:`WRITE_BATCH`)."""

    def __init__(self, st: Store, known: set, report: IngestReport):
        self.st, self.known, self.report = st, known, report
        self.items: list = []
        self.quads = 0
        self.flushed = 0

    def add(self, item, path, outcome) -> None:
        """Take one extracted article, or record why it failed; write the batch when full."""
        if isinstance(item, LoadError):
            self.report.failed.append(_failure(item, path))
            return
        if isinstance(outcome, Failure) or outcome is None:
            reason = outcome.message if outcome is not None else f"not an article: {type(item).__name__}"
            self.report.failed.append((getattr(item, "source", str(path)), reason))
            return
        self.items.append((item, outcome))
        self.quads += len(outcome)
        self.report.pending += 1
        if len(self.items) >= WRITE_BATCH or self.quads >= WRITE_BATCH_QUADS:
            self.write()

    def write(self) -> None:
        """Store the batch: in one call, or article by article if one of them cannot be stored
        (that one is recorded as failed, the others are stored)."""
        items, self.items, self.quads = self.items, [], 0
        if not items:
            return
        self.report.pending -= len(items)
        try:
            self.st.replace_graphs([(item.iri, triples) for item, triples in items])
        except StoreWriteError:
            raise  # the database refuses writes: no point going on
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except Exception:  # a term that cannot be stored: nothing was written; find which article
            for item, triples in items:
                _store_one(self.st, item, triples, self.known, self.report)
        else:
            for item, _triples in items:
                _stored(item, self.known, self.report)
        if self.report.done // FLUSH_EVERY > self.flushed:
            self.flushed = self.report.done // FLUSH_EVERY
            self.st.flush()


def _store_one(st: Store, item, triples, known: set, report: IngestReport) -> None:
    """Store one article's extracted triples, or record why it cannot be stored."""
    try:
        st.replace_graph(item.iri, triples)
    except StoreWriteError:
        raise  # the database refuses writes: no point going on
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as exc:  # one article's failure must not stop the batch
        report.failed.append((item.source, _describe(exc)))
        return
    _stored(item, known, report)


def _stored(item, known: set, report: IngestReport) -> None:
    report.articles += 1
    if item.iri in known:
        report.replaced += 1
    known.add(item.iri)


def _warm_names(store) -> None:
    """After a write that closed the store, read its names into the name cache
    (:func:`newsgraph.queries.lookup.load_names`, kept under the store's new state token),
    so that the first query by name after an ingest finds them ready. Not for an open
    Store handed in (it is still being written) nor for a SPARQL server (no token)."""
    if isinstance(store, Store) or remote_url(store) is not None:
        return
    from ..queries.lookup import load_names

    try:
        with Store.open(store, read_only=True) as st:
            load_names(st)
    except NewsgraphError:  # only a cache: the next query reads the names itself
        pass


def _read_safely(path, default_date, fmt):
    """read_articles for one input; a reader crash (a bug) becomes a failure of that input."""
    try:
        yield from read_articles([path], default_date=default_date, fmt=fmt)
    except Exception as exc:
        yield LoadError(f"{path}: cannot read ({_describe(exc)})")


def _finish(st: Store, report: IngestReport) -> None:
    result = resolve(st)
    st.set_resolution_pending(False)
    st.compact()  # after many bulk writes: their files merged, so queries read fewer
    st.flush()
    report.merged = result.get("merged", 0)
    counts = st.stats()
    for key in ("persons", "organizations", "places", "events", "triples"):
        setattr(report, key, counts[key])


def _failure(exc: LoadError, path) -> tuple[str, str]:
    """Split a LoadError ``"SOURCE: reason"`` read from input ``path`` into ``(SOURCE, reason)``."""
    text = str(exc)
    for prefix in (str(path), "<stdin>"):
        cut = text.find(": ", len(prefix)) if text.startswith(prefix) else -1
        if cut >= 0:
            return text[:cut], text[cut + 2:]
    return "", text


def _describe(exc: BaseException) -> str:
    if isinstance(exc, NewsgraphError):
        return str(exc)
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _find_articles(st: Store, ref: str) -> list[str]:
    ref = str(ref).strip()
    iris = st.article_iris()
    if ref.startswith(("http://", "https://")):
        if ref not in iris:
            raise StoreError(f"no article {ref} in store {st.path}")
        return [ref]
    if Path(ref).exists():
        wanted = []
        for item in read_articles([ref]):
            if isinstance(item, LoadError):
                raise item
            wanted.append(item.iri)
        found = [i for i in dict.fromkeys(wanted) if i in iris]
        if not found:
            raise StoreError(f"no article from {ref} is in store {st.path}")
        return found
    key = ref.lower()
    if len(key) >= 4 and all(c in "0123456789abcdef" for c in key):
        found = [i for i in iris if i[len(ARTICLE_BASE):].startswith(key)]
        if len(found) > 1:
            raise StoreError(f"{ref} matches {len(found)} articles; give more digits")
        if found:
            return found
    raise StoreError(f"no article matches {ref!r} (give an article IRI, a hash prefix or a file)")


class _writer:
    """Context manager: an open writer Store; opens and closes it if given a path."""

    def __init__(self, store, wait: float):
        self.given = store if isinstance(store, Store) else None
        self.path = None if self.given else store
        self.wait = wait
        self.st = None

    def __enter__(self) -> Store:
        if self.given is not None:
            if self.given.read_only:
                raise StoreError(f"store {self.given.path} is open read-only")
            return self.given
        self.st = Store.open(self.path, wait=self.wait)
        return self.st

    def __exit__(self, *exc) -> None:
        if self.st is not None:
            self.st.close()
