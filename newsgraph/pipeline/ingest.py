"""Ingest: read articles, extract their triples, store one named graph per article.

Each article is read, extracted (:func:`newsgraph.loaders.extract.triples.extract`) and
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
(:mod:`newsgraph.pipeline.workers`) while this process reads the inputs and does
every write, in input order, so the store ends up exactly as with one worker.

If a batch dies half way (a crash, ``kill -9``, power cut), the articles stored
so far are whole and the store says ``resolution_pending``; the next command that
opens it for writing (``ingest``, ``remove``, ``resolve``) runs the resolution pass
first (:meth:`Store.open`), and running ``ingest`` again finishes the batch.

If the store refuses a write after some articles of the batch were stored (a full
disk, a damaged file), the error raised names how many were stored: an article is
reported as failed only if it is not in the store.

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

from ..errors import LoadError, SkippedInput, StoreError, describe
from ..ontology import ARTICLE_BASE
from ..loaders.read.articles import read_articles
from ..graph.resolve import resolve
from ..graph.store import Store, StoreWriteError
from .workers import Failure, extract_all

__all__ = ["ingest", "remove", "resolve_store", "IngestReport", "FLUSH_EVERY", "WRITE_BATCH",
           "WRITE_BATCH_QUADS"]

FLUSH_EVERY = 250
"""Flush the database to its files every this many articles (bounds crash recovery time)."""

WRITE_BATCH = 256
"""Articles written per store call (one atomic write for the new ones): what a crash can lose.
Each call to pyoxigraph's bulk loader has a fixed cost (about 12 ms of CPU, and a set of files
RocksDB merges later), so 256 articles a call write about twice the quads per CPU second of 64."""

WRITE_BATCH_QUADS = 50_000
"""...or fewer, once their quads reach this many (a few long articles make a batch)."""


@dataclass
class IngestReport:
    """What an :func:`ingest` did.

    ``articles`` counts the articles stored by this batch (``replaced`` of them were
    already in the store); ``failed`` lists ``(source, message)`` per file or article
    that could not be read or extracted; ``persons``/``organizations``/``places``/
    ``events``/``triples`` are the store's totals after the batch; ``notes`` lists
    inputs left out on purpose (a symbolic link out of a folder), ``stored`` the
    sources of the articles stored.
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
    notes: list[str] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)

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
           workers: int = 1, follow_symlinks: bool = False) -> IngestReport:
    """Ingest files, folders or ``-`` (stdin) into ``store`` (a path, ``None`` for the
    default, or an open writable :class:`Store`).

    ``progress(report)`` is called after each article or failure. ``workers`` > 1
    extracts in that many processes (see the module doc). A symbolic link that leads
    out of a folder given is left out (a note) unless ``follow_symlinks``. Raises
    StoreError/StoreLockedError if the store cannot be opened or written,
    ExtractError if the model cannot load. On KeyboardInterrupt the articles stored
    so far are kept, the resolution pass runs, and the interrupt is re-raised.
    """
    from ..loaders.extract.nlp import load_nlp

    started = time.monotonic()
    with _writer(store, wait) as st:
        nlp = load_nlp(model)
        report = IngestReport(store=str(st.path))
        known = set(st.article_iris())
        st.set_resolution_pending(True)
        batch = _Batch(st, known, report)
        try:
            inputs = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
            entries = ((path, item) for path in inputs
                       for item in read_safely(path, default_date, fmt, follow_symlinks))
            lock = [fd for fd in [st.lock_fd] if fd is not None]
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
        except StoreError as exc:
            raise _with_stored(exc, report) from None
        try:
            _finish(st, report)
        except StoreError as exc:
            raise _with_stored(exc, report, after=True) from None
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
    return iris


def resolve_store(store: str | os.PathLike | Store | None, *, wait: float = 0.0) -> dict:
    """Run the cross-article resolution pass alone, as ingest ends: after a bulk load
    of N-Quads shards (:mod:`newsgraph.pipeline.shards`). Returns what
    :func:`~newsgraph.graph.resolve.resolve` returns (``merged``: IRIs merged)."""
    with _writer(store, wait) as st:
        st.set_resolution_pending(True)
        result = resolve(st)
        st.set_resolution_pending(False)
        st.flush()
    return result


# ---------------------------------------------------------------- internals

def extract(article, nlp) -> list:
    """The triples of :func:`newsgraph.loaders.extract.triples.extract` as a list
    (:func:`~newsgraph.loaders.extract.triples.extract_triples`), imported on the first call, so
    that importing this module does not load the extractor."""
    from ..loaders.extract.triples import extract_triples

    return extract_triples(article, nlp)


def _with_stored(exc: StoreError, report: IngestReport, *, after: bool = False) -> StoreError:
    """``exc`` told with what the batch had stored: the articles are in the store even
    though the batch did not finish, so none of them is reported as failed."""
    if not report.stored:
        return exc
    shown = ", ".join(report.stored[:3]) + (f" and {len(report.stored) - 3} more" if len(report.stored) > 3 else "")
    n = len(report.stored)
    what = "the resolution pass failed" if after else "the batch stopped"
    return type(exc)(f"{exc} ({n} article{'' if n == 1 else 's'} of this batch {'was' if n == 1 else 'were'} "
                     f"stored before {what}: "
                     f"{shown}; their names are not merged until an ingest or `newsgraph resolve` finishes)")


class _Batch:
    """Extracted articles waiting to be written together (:data:`WRITE_BATCH`)."""

    def __init__(self, st: Store, known: set, report: IngestReport):
        self.st, self.known, self.report = st, known, report
        self.items: list = []
        self.quads = 0
        self.flushed = 0

    def add(self, item, path, outcome) -> None:
        """Take one extracted article, or record why it failed; write the batch when full."""
        if isinstance(item, SkippedInput):
            self.report.notes.append(str(item))
            return
        if isinstance(item, LoadError):
            self.report.failed.append((item.source or "", item.reason))
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
                _count_stored(item, self.known, self.report)
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
        if _holds(st, item.iri, triples):  # the write went through after all: not a failure
            report.notes.append(f"{item.source}: stored, though the store said: {describe(exc)}")
        else:
            report.failed.append((item.source, describe(exc)))
            return
    _count_stored(item, known, report)


def _count_stored(item, known: set, report: IngestReport) -> None:
    report.articles += 1
    report.stored.append(str(item.source))
    if item.iri in known:
        report.replaced += 1
    known.add(item.iri)


def _holds(st: Store, iri: str, triples) -> bool:
    """True if graph ``iri`` holds exactly ``triples`` (False when it cannot be read)."""
    try:
        return {(s, p, o) for s, p, o, _g in st.quads(iri)} == set(triples)
    except Exception:  # noqa: BLE001 - unreadable: it cannot be told stored
        return False


def read_safely(path, default_date, fmt, follow_symlinks=False):
    """read_articles for one input; a reader crash (a bug) becomes a failure of that input."""
    try:
        yield from read_articles([path], default_date=default_date, fmt=fmt, follow_symlinks=follow_symlinks)
    except Exception as exc:
        yield LoadError(f"cannot read ({describe(exc)})", source=path)


def _finish(st: Store, report: IngestReport) -> None:
    result = resolve(st)
    st.set_resolution_pending(False)
    st.compact()  # after many bulk writes: their files merged, so queries read fewer
    st.flush()
    report.merged = result.get("merged", 0)
    counts = st.stats()
    for key in ("persons", "organizations", "places", "events", "triples"):
        setattr(report, key, counts[key])


def _find_articles(st: Store, ref: str) -> list[str]:
    given = str(ref)
    ref = given.strip()
    if not ref:  # Path("") is the current folder: never read it as "every article under here"
        raise StoreError("give the article to remove: its IRI, a hash prefix (4+ hex digits) or the "
                         "file it came from (an empty name matches nothing)")
    iris = st.article_iris()
    if ref.startswith(("http://", "https://")):
        if ref not in iris:
            raise StoreError(f"no article {ref} in store {st.path}")
        return [ref]
    path = Path(given) if Path(given).exists() else Path(ref)
    if path.is_dir():
        raise StoreError(f"{ref} is a folder: remove takes one article (its IRI, a hash prefix, or the file "
                         "it came from)")
    if path.exists():
        wanted = []
        for item in read_articles([path]):
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
