"""The bulk path: articles to N-Quads shards that a server's bulk loader takes.

:func:`write_shards` extracts articles (in worker processes if asked, see
:mod:`newsgraph.pipeline.workers`) and writes their triples as N-Quads, each
article in its own named graph (the article IRI, as ``ingest`` stores it), up
to ``shard_size`` articles per file: ``articles-000001.nq``, ``articles-000002.nq``...
Each file is written under a temporary name and renamed when complete, so a
loader never sees half a shard. An article's quads are written sorted, so the
same input gives the same bytes however (and wherever) it was extracted.

Loading them, then the one cross-article resolution pass (which only a store
holding every article can run)::

    newsgraph extract articles/ -o shards/ --workers 2
    # into an on-disk store (the same engine as the oxigraph CLI), server stopped:
    oxigraph load --location newsgraph-store --file shards/*.nq
    newsgraph --store newsgraph-store resolve
    # or into a running Oxigraph server, through its Graph Store endpoint:
    curl -X POST -H 'Content-Type: application/n-quads' --data-binary @shards/articles-000001.nq \\
         http://127.0.0.1:7878/store
    newsgraph --store http://127.0.0.1:7878 resolve
    # Virtuoso (isql): ld_dir('/path/to/shards', '*.nq', 'urn:unused'); rdf_loader_run();

Example:
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Police in Ostravel detained activist Mara Quell on Monday.")
    >>> report = write_shards([folder / "a.txt"], folder / "shards")
    >>> report.articles, [p.name for p in report.shards], report.failed
    (1, ['articles-000001.nq'], [])
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import LoadError, SkippedInput, StoreError
from .ingest import read_safely
from ..graph.store import to_oxigraph
from .workers import Failure, extract_all

__all__ = ["write_shards", "ShardReport", "SHARD_SIZE", "SHARD_NAME"]

SHARD_SIZE = 1000
"""Articles per shard file, by default."""

SHARD_NAME = "articles-{:06d}.nq"


@dataclass
class ShardReport:
    """What :func:`write_shards` wrote: article and quad counts, the shard files, and
    ``(source, reason)`` for each input or article that failed."""

    articles: int = 0
    quads: int = 0
    shards: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.articles + len(self.failed)


def write_shards(paths: str | os.PathLike | Iterable, out_dir: str | os.PathLike, *,
                 workers: int = 1, shard_size: int = SHARD_SIZE, default_date: _dt.date | None = None,
                 fmt: str | None = None, model: str | None = None,
                 progress: Callable[[ShardReport], None] | None = None,
                 dask: str | None = None, follow_symlinks: bool = False) -> ShardReport:
    """Extract the articles of ``paths`` into N-Quads shards in ``out_dir`` (created).

    ``dask`` (a scheduler address such as ``tcp://host:8786``, or ``"local"`` for a
    LocalCluster of ``workers`` processes) extracts on a Dask cluster
    (:mod:`newsgraph.pipeline.dask_extract`) instead of local worker processes; the
    shards are the same. ``progress(report)`` is called after each article or failure.
    Raises StoreError if ``out_dir`` cannot be made or written.
    """
    if shard_size < 1:
        raise StoreError(f"shard size must be at least 1, not {shard_size}")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create folder {out}: {exc.strerror or exc}") from None
    inputs = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    entries = ((path, item) for path in inputs for item in read_safely(path, default_date, fmt, follow_symlinks))
    report = ShardReport()
    batch: list[ox.Quad] = []
    in_batch = 0
    if dask:
        from .dask_extract import extract_dask

        extracted = extract_dask(entries, address=dask, workers=workers, model=model, key=lambda entry: entry[1])
    else:
        extracted = extract_all(entries, workers=workers, model=model, key=lambda entry: entry[1])
    with contextlib.closing(extracted) as done:
        for (path, item), outcome in done:
            if isinstance(item, SkippedInput):
                report.notes.append(str(item))
            elif isinstance(item, LoadError):
                report.failed.append((item.source or "", item.reason))
            elif isinstance(outcome, Failure) or outcome is None:
                report.failed.append((getattr(item, "source", str(path)),
                                      outcome.message if outcome else "not an article"))
            else:
                try:
                    graph = ox.NamedNode(item.iri)
                    quads = sorted((ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph)
                                    for s, p, o in outcome), key=str)  # the same bytes on every run
                except ValueError as exc:
                    report.failed.append((item.source, f"cannot write a term ({exc})"))
                else:
                    batch.extend(quads)
                    in_batch += 1
                    report.articles += 1
                    report.quads += len(quads)
                    if in_batch == shard_size:
                        _flush(out, batch, report)
                        batch, in_batch = [], 0
            if progress is not None:
                progress(report)
    if batch:
        _flush(out, batch, report)
    return report


def _flush(out: Path, quads: list, report: ShardReport) -> None:
    target = out / SHARD_NAME.format(len(report.shards) + 1)
    temporary = target.with_name(f".{target.name}.part")
    try:
        ox.serialize(quads, str(temporary), format=ox.RdfFormat.N_QUADS)
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}") from None
    report.shards.append(target)
