"""The on-disk store: a pyoxigraph (RocksDB) dataset, one named graph per article.

:class:`Store` speaks rdflib terms at its boundary and pyoxigraph inside. Every
graph is written in one atomic pyoxigraph call (a batch of new graphs as N-Quads text
through its loader or bulk loader, ``extend`` for a graph that grows, one SPARQL Update
for a changed one: :meth:`Store.replace_graphs`), so a crash, a full disk or a
``kill -9`` leaves each article graph either wholly old or wholly new, never half written.

Where the store lives: the ``path`` you pass, else ``$NEWSGRAPH_STORE``, else
``./newsgraph-store`` (:func:`default_store_path`). A ``http://`` or ``https://``
URL instead names a SPARQL server: :meth:`Store.open` then returns a
:class:`~newsgraph.graph.remote.RemoteStore`, which has this same interface.

Writers and readers
-------------------
* A writer (``Store.open(path)``) takes an exclusive advisory lock on
  ``PATH/.newsgraph.lock`` (``fcntl.flock``; the kernel drops it when the process
  dies, so a crash never leaves a stale lock). A second writer waits up to
  ``wait`` seconds and then gets :class:`~newsgraph.errors.StoreLockedError`
  naming the holder's pid. The lock comes before RocksDB creates a file, so a
  store another writer is still creating is "in use", not a stranger's folder.
  Where ``fcntl`` is missing (Windows) RocksDB's own
  lock still refuses a second writer, with the same error but no pid.
* A batch that dies (``kill -9``) between its article writes and its resolution
  pass leaves the marker ``PATH/.newsgraph.pending``; the next writer to open the
  store runs the pass first, so from then on readers see every name resolved again
  (``stats`` and ``validate`` warn while the marker is there).
* A reader (``Store.open(path, read_only=True)``) opens a read-only RocksDB
  instance and takes no lock, so queries and exports work while an ingest runs.
  It sees the store as it was when it opened. pyoxigraph calls reading beside a
  live writer "undefined behaviour"; what we measured (pyoxigraph 0.5.13, a writer
  replacing graphs and flushing continuously) is that a read sometimes fails
  because the writer compacted away a file the reader had not opened yet. The
  reader never writes, so the store is never at risk; :meth:`Store.query` reopens
  and retries such reads, and if they keep failing raises a one-line StoreError.

Example:
    >>> import tempfile
    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import RDFS
    >>> path = tempfile.mkdtemp() + "/store"
    >>> with Store.open(path) as store:
    ...     store.replace_graph("https://example.org/g", [
    ...         (URIRef("https://example.org/x"), RDFS.label, Literal("Ann Example"))])
    ...     rows = store.query("SELECT ?x ?name WHERE { ?x rdfs:label ?name }",
    ...                        {"name": Literal("Ann Example")})
    ...     [str(x) for x, _ in rows], rows.vars, len(store)
    (['https://example.org/x'], ['x', 'name'], 1)
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import time
from collections.abc import Iterable, Iterator
from importlib import import_module
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import Identifier

from ..errors import QueryError, StoreError, StoreLockedError, first_line
from ..ontology import ARTICLE_BASE, PREFIX_IRIS, bind_prefixes
from ..text.sparql import internal_query
from .index import INDEX_FILE, StoreIndex, data_signature
from .location import DEFAULT_STORE, STORE_ENV, default_store_path, remote_url

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows: RocksDB's own LOCK file still guards writers
    fcntl = None

__all__ = ["Store", "Rows", "StoreWriteError", "open_store", "default_store_path",
           "DEFAULT_STORE", "STORE_ENV", "to_oxigraph", "from_oxigraph", "remote_url", "fingerprint"]

LOCK_FILE = ".newsgraph.lock"
PENDING_FILE = ".newsgraph.pending"
_OWN_FILES = {LOCK_FILE, PENDING_FILE, INDEX_FILE, INDEX_FILE + "-journal", INDEX_FILE + "-wal", INDEX_FILE + "-shm"}
_ROCKSDB_FILE = re.compile(r"LOCK|LOG(\.old\.\d+)?|IDENTITY|(MANIFEST|OPTIONS)-\d+(\.dbtmp)?|\d+\.(log|sst)")
_RETRIES = 4

REMOTE_STORE = "newsgraph.graph.remote"
"""The module of :class:`~newsgraph.graph.remote.RemoteStore` (see :attr:`Store.remote_class`)."""

BULK_MIN = 2_000
"""New graphs holding at least this many quads in one call are written with pyoxigraph's
``bulk_extend`` (sorted files handed to RocksDB at once: about 3x faster than a transaction)."""

COMPACT_AFTER_BULK = 4
"""Bulk writes after which an ingest compacts the store as it ends (:meth:`Store.compact`)."""

BULK_MAX = 200_000
"""Quads per ``bulk_extend`` call, whole graphs only. pyoxigraph writes up to 1,000,000 quads as
one set of sorted files that RocksDB ingests in one atomic step; below that, a call is all or nothing."""


class StoreWriteError(StoreError):
    """The database refused a write (disk full, I/O error): nothing of that write was kept."""


# ---------------------------------------------------------------- term conversion

def to_oxigraph(term):
    """An rdflib term as a pyoxigraph term (``ValueError`` if it cannot be one).

    Plain literals and ``xsd:string`` literals are the same literal (RDF 1.1);
    language tags come back lower-cased (pyoxigraph normalises them).

    Example:
        >>> str(to_oxigraph(Literal('say "hi"\\n', lang="en")))
        '"say \\\\"hi\\\\"\\\\n"@en'
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and term.datatype != XSD.string:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        try:
            return ox.BlankNode(str(term))
        except ValueError:  # an rdflib id that is not a valid blank node label
            return ox.BlankNode("b" + hashlib.sha1(str(term).encode("utf-8", "surrogatepass")).hexdigest())
    raise ValueError(f"cannot store {type(term).__name__} term {term!r}")


def from_oxigraph(term):
    """A pyoxigraph term as an rdflib term (``None`` stays ``None``).

    Example:
        >>> from_oxigraph(ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer))))
        rdflib.term.Literal('1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise ValueError(f"unsupported pyoxigraph term {term!r}")


def _iri(value) -> ox.NamedNode:
    try:
        return ox.NamedNode(str(value))
    except ValueError as exc:
        raise StoreError(f"not a valid IRI {str(value)!r}: {exc}") from None


class _Terms(dict):
    """rdflib term -> pyoxigraph term, converted on first use and remembered: IRIs,
    predicates, classes and names repeat across triples and articles, and building a
    pyoxigraph term (an IRI is parsed) costs more than a dict look-up. ``position``
    (subject, predicate or object) is checked on conversion; past ``limit`` entries
    the memory starts again, so a long ingest holds a bounded amount. rdflib's term
    equality is exact (lexical form, datatype, language tag up to case, which
    pyoxigraph lower-cases), so equal keys convert to the same term.

    Example:
        >>> terms = _Terms("predicate")
        >>> terms[URIRef("https://example.org/p")] is terms[URIRef("https://example.org/p")]
        True
        >>> terms[Literal("p")]
        Traceback (most recent call last):
        ...
        ValueError: a predicate must be an IRI, not Literal 'p'
    """

    LONG = 80
    """Literals longer than this (sentences quoted as evidence) are converted, not remembered."""

    def __init__(self, position: str, limit: int = 50_000):
        super().__init__()
        self.position = position
        self.limit = limit

    def __missing__(self, term):
        node = to_oxigraph(term)
        if (self.position == "subject" and isinstance(node, ox.Literal)) or (
                self.position == "predicate" and not isinstance(node, ox.NamedNode)):
            kind = "an IRI" if self.position == "predicate" else "an IRI or a blank node"
            raise ValueError(f"a {self.position} must be {kind}, not {type(term).__name__} {str(term)!r}")
        if isinstance(node, ox.Literal) and len(term) > self.LONG:
            return node
        if len(self) >= self.limit:
            self.clear()
        self[term] = node
        return node


_SUBJECTS, _PREDICATES, _OBJECTS = _Terms("subject"), _Terms("predicate"), _Terms("object")


_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
"""Characters no IRI holds: one of them would end an IRI early in N-Quads text."""
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _nquads(graphs: dict[str, list]) -> tuple[str | None, int]:
    """``(N-Quads text, quads)`` of ``graphs`` (``{graph IRI: triples}``) written from the rdflib terms,
    as :func:`to_oxigraph` would convert them; ``(None, 0)`` if a term is not an IRI or a literal without
    a language tag, or an IRI holds a character that would end it early. Whether each IRI is valid is
    left to pyoxigraph's parser.

    >>> from rdflib.namespace import RDFS, XSD
    >>> x = URIRef("https://example.org/x")
    >>> print(_nquads({"https://example.org/g": [(x, RDFS.label, Literal('say "hi"')),
    ...                                          (x, RDFS.comment, Literal("1", datatype=XSD.integer))]})[0], end="")
    <https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "say \\"hi\\"" <https://example.org/g> .
    <https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#comment> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <https://example.org/g> .
    """
    lines: list[str] = []
    iris: list[str] = []
    line, iri = lines.append, iris.append
    n = 0
    for graph, triples in graphs.items():
        end = f" <{graph}> .\n"
        iri(graph)
        for s, p, o in triples:
            if type(s) is not URIRef or type(p) is not URIRef:
                return None, 0
            iri(s)
            iri(p)
            kind = type(o)
            if kind is URIRef:
                iri(o)
                line(f"<{s}> <{p}> <{o}>{end}")
            elif kind is Literal and not o.language:
                datatype = o.datatype
                if datatype is None or datatype == XSD.string:
                    line(f'<{s}> <{p}> "{str(o).translate(_LITERAL_ESCAPES)}"{end}')
                else:
                    iri(datatype)
                    line(f'<{s}> <{p}> "{str(o).translate(_LITERAL_ESCAPES)}"^^<{datatype}>{end}')
            else:
                return None, 0
        n += len(triples)
    if _NOT_IN_IRI.search("".join(iris)):
        return None, 0
    return "".join(lines), n


def _lines(quads) -> str:
    """Quads as the triple lines of a SPARQL ``INSERT DATA``/``DELETE DATA`` block
    (pyoxigraph writes each term as N-Triples, escaping literals)."""
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def _graph_lines(quads) -> str:
    """Quads as the ``GRAPH`` blocks of a SPARQL ``INSERT DATA``/``DELETE DATA`` request."""
    by_graph: dict = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q)
    return "\n".join(f"GRAPH {g} {{\n{_lines(qs)}\n}}" for g, qs in by_graph.items())


def _replace_text(name: ox.NamedNode, quads: list) -> str:
    """The one SPARQL Update that replaces graph ``name`` with ``quads``."""
    request = f"DROP SILENT GRAPH {name}"
    if quads:
        request += f" ;\nINSERT DATA {{ GRAPH {name} {{\n{_lines(quads)}\n}} }}"
    return request


class Rows(list):
    """The rows of a SELECT: a list of tuples of rdflib terms (``None`` if unbound).

    ``vars`` holds the column names, without ``?``.
    """

    def __init__(self, rows=(), vars=()):
        super().__init__(rows)
        self.vars = list(vars)


# ---------------------------------------------------------------- the store

class Store:
    """A newsgraph store on disk. Open with :meth:`Store.open` (or :func:`open_store`)."""

    remote_class: type[Store] | None = None
    """What opens a SPARQL server's URL: :class:`~newsgraph.graph.remote.RemoteStore`, which
    registers itself here when its module (:data:`REMOTE_STORE`) loads: named as text and
    imported on the first URL opened, as rdflib's plugin registry names its plugins, since
    it is a subclass of this class and this module cannot import it."""
    _index: StoreIndex | None = None
    _signature: str | None = None

    def __init__(self, path: Path, db: ox.Store, *, read_only: bool, lock_fd: int | None,
                 index: StoreIndex | None = None, signature: str | None = None):
        self.path = path
        self.read_only = read_only
        self._db = db
        self._lock_fd = lock_fd
        self._index = index  # a writer's side index (newsgraph.graph.index), kept in step with its writes
        self._signature = signature  # a reader: the store's files as it opened them (None: changing)

    # -- opening and closing

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, read_only: bool = False,
             wait: float = 0.0) -> Store:
        """Open (a writer creates) the store at ``path`` (default: :func:`default_store_path`).

        Raises StoreError (one line) if ``path`` is a file, a folder holding other
        things, or no store (read-only); StoreLockedError if another process writes.
        An ``http(s)://`` URL opens a :class:`~newsgraph.graph.remote.RemoteStore`.
        """
        url = remote_url(path if path is not None else default_store_path())
        if url is not None:
            if Store.remote_class is None:
                import_module(REMOTE_STORE)  # it sets Store.remote_class
            return Store.remote_class.open(url, read_only=read_only, wait=wait)
        path = Path(path) if path is not None else default_store_path()
        if path.exists() and not path.is_dir():
            raise StoreError(f"store path {path} is a file, not a store folder")
        if read_only:
            if not (path / "CURRENT").is_file():
                raise StoreError(f"no store at {path} (create one with `newsgraph ingest`)")
            before = data_signature(path)
            db = _open_db(path, read_only=True)
            signature = before if data_signature(path) == before else None  # no writer between the two looks
            return cls(path, db, read_only=True, lock_fd=None, signature=signature)
        # A writer creating a store holds the lock before RocksDB writes a file, and
        # CURRENT comes last: a folder with our lock file is looked at only under the
        # lock, so a store being created reads as "in use", never as someone's folder.
        # A folder of other files without our lock file is refused before we add one.
        if path.is_dir() and not (path / LOCK_FILE).exists():
            _refuse_strangers(path)
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create store folder {path}: {exc.strerror or exc}") from None
        lock_fd = _lock(path, wait)
        try:
            _refuse_strangers(path, rocksdb=True)
            new_store, before = not (path / "CURRENT").exists(), data_signature(path)
            db = _open_db(path, read_only=False)
        except BaseException:
            _unlock(lock_fd)
            raise
        store = cls(path, db, read_only=False, lock_fd=lock_fd,
                    index=StoreIndex.for_writer(path, before, new_store=new_store))
        if store.resolution_pending:
            store._finish_resolution()
        return store

    def close(self) -> None:
        """Flush (writers), release the database and the lock. Safe to call twice."""
        if self._db is None:
            return
        index, self._index = getattr(self, "_index", None), None
        try:
            if not self.read_only:
                if index is not None and index.needs_rebuild:
                    _rebuild_index(index, self._db)
                self._db.flush()
        except (OSError, RuntimeError):
            pass  # every committed write is already in the write-ahead log (a damaged file: see the write's error)
        finally:
            self._db = None  # pyoxigraph closes RocksDB when its last reference goes
            if index is not None and index.writer:  # the files as this writer leaves them: what readers check
                index.finish(data_signature(self.path))
            elif index is not None:
                index.close()
            _unlock(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "closed" if self._db is None else "read-only" if self.read_only else "writer"
        return f"<Store {str(self.path)!r} {mode}>"

    @property
    def db(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (raises StoreError once closed)."""
        if self._db is None:
            raise StoreError(f"store {self.path} is closed")
        return self._db

    # -- reading

    @property
    def lock_fd(self) -> int | None:
        """The descriptor of this writer's lock (None for a reader or a server): a process this
        one starts closes its copy, so the lock still goes when this process dies."""
        return getattr(self, "_lock_fd", None)

    def __len__(self) -> int:
        """Number of quads in all graphs."""
        return self._read(len)

    def count(self, graph: str | None = None) -> int:
        """Quads in the whole store, or triples in one named ``graph``."""
        if graph is None:
            return len(self)
        name = _iri(graph)
        return self._read(lambda db: sum(1 for _ in db.quads_for_pattern(None, None, None, name)))

    def state_token(self) -> str | None:
        """A text that changes whenever the stored data may have changed, for caches
        of what is derived from it (the name index of queries); None when it cannot
        be told. It is read from the store's files: every write grows RocksDB's log
        or adds a table file, so their names, sizes and times of change say it.

        >>> import tempfile
        >>> with Store.open(tempfile.mkdtemp() + "/s") as st:
        ...     before = st.state_token()
        ...     a = URIRef("https://example.org/a")
        ...     st.replace_graph("https://example.org/g", [(a, a, Literal("A"))])
        ...     st.flush()
        ...     before != st.state_token()
        True
        """
        return fingerprint(self.path)

    def index(self) -> StoreIndex | None:
        """The side index (:mod:`newsgraph.graph.index`) if it matches the store as this
        reader opened it (or, for a writer, if it followed every write so far), else None."""
        if self.read_only:
            if self._index is None and self._signature and self._db is not None:
                self._signature, self._index = None, StoreIndex.for_reader(self.path, self._signature)
            return self._index
        return self._index if self._index is not None and self._index.in_sync else None

    def graphs(self) -> list[str]:
        """The names of all named graphs, sorted."""
        return sorted(g.value for g in self._read(lambda db: list(db.named_graphs()))
                      if isinstance(g, ox.NamedNode))

    def article_iris(self) -> list[str]:
        """The IRIs of the stored articles (their graph names), sorted."""
        return [g for g in self.graphs() if g.startswith(ARTICLE_BASE)]

    def quads(self, graph: str | None = None) -> Iterator[tuple]:
        """Yield ``(s, p, o, graph)`` rdflib tuples, of one named graph or all."""
        name = None if graph is None else _iri(graph)
        try:
            for q in self.db.quads_for_pattern(None, None, None, name):
                yield (from_oxigraph(q.subject), from_oxigraph(q.predicate),
                       from_oxigraph(q.object), from_oxigraph(q.graph_name))
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot read store {self.path}: {first_line(exc)}") from None

    def query(self, sparql: str, bindings: dict | None = None, *, union: bool = True,
              allow_service: bool = False):
        """Run a SPARQL query; values in ``bindings`` are bound, never pasted into the text.

        ``bindings`` maps variable names (``"name"`` or ``"?name"``) to rdflib terms
        (other Python values become literals); in a SELECT, pyoxigraph requires a
        bound variable to be among the selected ones. With ``union`` (the default) the
        default graph is the union of all graphs; ``GRAPH ?g`` works either way.
        The prefixes of :data:`newsgraph.ontology.PREFIXES` (``ng:``, ``rdfs:``,
        ``skos:``...) are predeclared.

        A federated query (``SERVICE``) is refused with QueryError unless
        ``allow_service`` is given (:func:`newsgraph.graph.safety.check_query`).

        Returns :class:`Rows` for SELECT, ``bool`` for ASK, an rdflib ``Graph``
        for CONSTRUCT and DESCRIBE. Raises QueryError for a bad query.
        """
        from .safety import check_query

        check_query(sparql, allow_service=allow_service)
        substitutions = None
        if bindings:
            try:
                substitutions = {ox.Variable(str(k).lstrip("?$")): to_oxigraph(
                    v if isinstance(v, Identifier) else Literal(v)) for k, v in bindings.items()}
            except ValueError as exc:
                raise QueryError(f"bad query binding: {exc}") from None

        def run(db):
            result = db.query(sparql, prefixes=PREFIX_IRIS, use_default_graph_as_union=union,
                              substitutions=substitutions)
            if isinstance(result, ox.QueryBoolean):
                return bool(result)
            if isinstance(result, ox.QuerySolutions):
                names = [v.value for v in result.variables]
                # the same terms come back row after row (the bound person, a kind, a
                # link name); building an rdflib Literal costs some microseconds, a
                # dict look-up a tenth of one
                converted: dict = {None: None}

                def term(node):
                    try:
                        return converted[node]
                    except KeyError:
                        value = converted[node] = from_oxigraph(node)
                        return value

                return Rows((tuple(map(term, sol)) for sol in result), names)
            graph = bind_prefixes(Graph())
            for t in result:
                graph.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
            return graph

        try:
            return self._read(run, query=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {first_line(exc)}") from None

    def to_dataset(self) -> Dataset:
        """Every named graph as an rdflib ``Dataset`` (``default_union=True``), prefixes bound."""
        ds = bind_prefixes(Dataset(default_union=True))
        contexts: dict = {}
        for s, p, o, g in self.quads():
            ctx = contexts.get(g)
            if ctx is None:
                ctx = contexts[g] = ds.graph(g)
            ctx.add((s, p, o))
        return ds

    def rdflib(self, *, writable: bool = False) -> Dataset:
        """This store as an rdflib ``Dataset`` over the same on-disk database (oxrdflib; no copy):
        the default graph is the union of the article graphs, the prefixes are bound, and it is
        read-only unless ``writable`` (which needs the store open for writing). As in
        :meth:`query`, a variable bound by ``initBindings`` must be selected. See
        :mod:`newsgraph.graph.rdflib_view`.

        Example:
            >>> import tempfile
            >>> from rdflib import Literal, URIRef
            >>> from rdflib.namespace import RDFS
            >>> with Store.open(tempfile.mkdtemp() + "/s") as st:
            ...     st.replace_graph("https://example.org/g", [(URIRef("https://example.org/x"), RDFS.label,
            ...                                                 Literal("Ann Example"))])
            ...     g = st.rdflib()
            ...     [str(r.x) for r in g.query("SELECT ?x ?n WHERE { ?x rdfs:label ?n }",
            ...                                initBindings={"n": Literal("Ann Example")})]
            ['https://example.org/x']
        """
        from .rdflib_view import dataset

        if writable and self.read_only:
            raise StoreError(f"store {self.path} is open read-only; open it for writing to get "
                             "rdflib(writable=True)")
        if writable and self._index is not None:  # its writes go past the side index: rebuilt on closing
            self._index.begin_write()
            self._index.lost_track()
        return dataset(self.db, writable=writable)

    def stats(self) -> dict:
        """Counts for ``newsgraph stats``: articles, persons, organizations, places, events
        (total and ``event_types`` by class name), quads, triples (distinct over all
        graphs), the store path and its size in bytes on disk."""
        from ..ontology import NG
        from ..ontology.terms import event_classes

        by_type = {str(t): int(str(n)) for t, n in self.query(internal_query("stats_types"))}
        events = {str(c): c for c in event_classes()}
        n_events = self.query(internal_query("stats_events", event_classes=sorted(events)))[0][0]
        triples = self.query(internal_query("stats_triples"))[0][0]
        return {
            "path": str(self.path),
            "size_bytes": _disk_size(self.path),
            "articles": len(self.article_iris()),
            "persons": by_type.get(str(NG.Person), 0),
            "organizations": by_type.get(str(NG.Organization), 0),
            "places": by_type.get(str(NG.Place), 0),
            "events": int(str(n_events)),
            "event_types": {iri.rsplit("#", 1)[-1]: n for iri, n in sorted(by_type.items())
                            if iri in events},
            "quads": len(self),
            "triples": int(str(triples)),
        }

    # -- writing (writers only; each graph is replaced in one transaction)

    def replace_graph(self, graph_iri: str, triples: Iterable) -> None:
        """Atomically replace named graph ``graph_iri`` with ``triples`` (an rdflib
        Graph or any iterable of 3-tuples). Raises StoreError if a term cannot be
        stored (nothing written), StoreWriteError if the database refuses the write.
        See :meth:`replace_graphs` for how it is written."""
        self.replace_graphs([(graph_iri, triples)])

    def replace_graphs(self, graphs: Iterable[tuple[str, Iterable]]) -> dict[str, int]:
        """Replace each named graph of ``graphs`` (``(graph_iri, triples)`` pairs; a
        graph named twice gets its last triples), each atomically: a crash leaves every
        graph wholly old or wholly new. All terms are converted first, so a term that
        cannot be stored raises StoreError and nothing of the batch is written.

        A batch of graphs that are all new to the store (a first ingest) is written as
        N-Quads text made straight from the rdflib terms, which pyoxigraph parses and loads
        in one call (:meth:`_write_new`); the parser checks every term before the loader
        writes, so a term that cannot be stored leaves the store as it was, and the batch
        is then written as below, which names the term.

        Otherwise what each graph needs decides how it is written: new graphs go into one
        ``pyoxigraph`` ``extend`` (one transaction, no SPARQL) shared by the whole batch,
        or, when they hold :data:`BULK_MIN` quads or more, into ``bulk_extend`` calls of
        whole graphs (:data:`BULK_MAX` quads at most each; each call is one atomic
        RocksDB file ingestion); a graph that only gains triples goes into the
        ``extend``; a graph whose triples are already stored is
        not written at all; a graph that loses triples is changed by one SPARQL Update
        (``DELETE DATA``/``INSERT DATA`` of the difference, or ``DROP`` and ``INSERT
        DATA`` when blank nodes are to go) shared by the batch's other such graphs,
        written before the ``extend``. An empty ``triples`` removes the graph.

        Returns how many graphs were ``added`` (new or grown), ``changed``, ``removed``
        and ``unchanged``. A store without a local database (a SPARQL server) gets
        one ``DROP SILENT GRAPH ... ; INSERT DATA ...`` update per graph.

        Example:
            >>> import tempfile
            >>> from rdflib import Literal, URIRef
            >>> from rdflib.namespace import RDFS
            >>> x = URIRef("https://example.org/x")
            >>> with Store.open(tempfile.mkdtemp() + "/store") as store:
            ...     first = store.replace_graphs([("https://example.org/g", [(x, RDFS.label, Literal("A"))])])
            ...     again = store.replace_graphs([("https://example.org/g", [(x, RDFS.label, Literal("A"))])])
            ...     other = store.replace_graphs([("https://example.org/g", [(x, RDFS.label, Literal("B"))])])
            >>> first["added"], again["unchanged"], other["changed"]
            (1, 1, 1)
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        batch: dict[str, list] = {}
        for iri, triples in graphs:  # a graph named twice: its last triples, in that place
            batch.pop(str(iri), None)
            batch[str(iri)] = triples if isinstance(triples, (list, tuple)) else list(triples)
        graphs = batch
        index = self._index
        if isinstance(self._db, ox.Store):
            if index is not None:
                index.begin_write()
            try:
                counts = self._write_new(graphs)
            except BaseException:
                if index is not None:
                    index.lost_track()
                raise
            if counts is not None:
                if index is not None:
                    index.graphs_written(list(graphs.items()), _index_term)
                return counts
        prepared = self._prepare(graphs.items())
        if not isinstance(self._db, ox.Store):  # a SPARQL server (or a closed store)
            for name, quads, _triples in prepared.values():
                self.update(_replace_text(name, quads))
            return {"added": 0, "changed": len(prepared), "removed": 0, "unchanged": 0}
        counts = dict.fromkeys(("added", "changed", "removed", "unchanged"), 0)
        requests, alone, additions, new, kinds = [], [], [], [], []
        for name, quads, _triples in prepared.values():
            kind, request, extra = self._plan(name, quads)
            kinds.append(kind)
            if kind == "new":
                new.append(extra)
                kind = "added"
            else:
                additions += extra
            counts[kind] += 1
            if request:  # a blank node label may not be in two blocks of one request: those go alone
                (alone if "_:" in request else requests).append(request)
        written = [(name.value, triples) for (name, _quads, triples), kind in zip(prepared.values(), kinds)
                   if kind != "unchanged"]
        if index is not None and written:
            index.begin_write()
        try:
            for request in ([" ;\n".join(requests)] if requests else []) + alone:
                self._update(request)
            if sum(map(len, new)) < BULK_MIN:
                additions += [q for quads in new for q in quads]
            else:
                self._bulk_extend(new, additions)
            if additions:
                self._extend(additions)
        except BaseException:
            if index is not None:
                index.lost_track()
            raise
        if index is not None and written:
            index.graphs_written(written, _index_term)
        return counts

    def remove_graph(self, graph_iri: str) -> int:
        """Drop named graph ``graph_iri``; return how many triples it held (0 if none)."""
        n = self.count(graph_iri)
        self._write(f"DROP SILENT GRAPH {_iri(graph_iri)}", lambda index: index.graph_removed(str(graph_iri)))
        return n

    def rewrite_iris(self, mapping: dict[str, str]) -> None:
        """Replace each IRI ``old`` by ``mapping[old]`` wherever it is a subject or an
        object, in every named graph, in one transaction. Predicates are untouched."""
        if not mapping:
            return
        mapping = {str(k): str(v) for k, v in mapping.items()}
        self._write(self._rewrite_text(mapping), lambda index: index.iris_rewritten(mapping))

    def _rewrite_text(self, mapping: dict[str, str]) -> str:
        """The SPARQL Update of :meth:`rewrite_iris`: the quads that hold an ``old`` IRI, found by
        index look-ups, deleted and written again with ``new`` in their place (a join of the
        mapping with every quad would read the whole store: 0.09 s for 19 IRIs in a store of
        realdev x 3). Quads with a blank node go by pattern, as ``DELETE DATA`` cannot name one;
        the default graph is left as it is, as by the pattern (``GRAPH ?g`` names named graphs only)."""
        nodes = {_iri(old): _iri(new) for old, new in sorted(mapping.items())}

        def holding(db) -> list:
            found = (q for old in nodes for pattern in ((old, None, None), (None, None, old))
                     for q in db.quads_for_pattern(*pattern, None))
            return list(dict.fromkeys(q for q in found if not isinstance(q.graph_name, ox.DefaultGraph)))

        gone = self._read(holding)
        if not gone:
            return "DELETE DATA {}"
        if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in gone):
            values = " ".join(f"({old} {new})" for old, new in nodes.items())
            return ("DELETE { GRAPH ?g { ?old ?p ?o } } INSERT { GRAPH ?g { ?new ?p ?o } } "
                    f"WHERE {{ VALUES (?old ?new) {{ {values} }} GRAPH ?g {{ ?old ?p ?o }} }} ;\n"
                    "DELETE { GRAPH ?g { ?s ?p ?old } } INSERT { GRAPH ?g { ?s ?p ?new } } "
                    f"WHERE {{ VALUES (?old ?new) {{ {values} }} GRAPH ?g {{ ?s ?p ?old }} }}")
        moved = [ox.Quad(nodes.get(q.subject, q.subject), q.predicate, nodes.get(q.object, q.object), q.graph_name)
                 for q in gone]
        return f"DELETE DATA {{\n{_graph_lines(gone)}\n}} ;\nINSERT DATA {{\n{_graph_lines(moved)}\n}}"

    def update(self, sparql: str) -> None:
        """Run one SPARQL Update request as one transaction (internal: newsgraph's own
        writes go through here; all of it is applied or none of it). The side index cannot
        follow such a write: it is rebuilt when the store closes (:mod:`newsgraph.graph.index`)."""
        if self._index is not None:
            self._index.begin_write()
            self._index.lost_track()
        self._update(sparql)

    def _write(self, sparql: str, follow) -> None:
        """One update of newsgraph's own, then ``follow(index)`` tells the side index what it did."""
        index = self._index
        if index is None:  # no index (a SPARQL server: its own update)
            self.update(sparql)
            return
        index.begin_write()
        try:
            self._update(sparql)
        except BaseException:
            index.lost_track()
            raise
        follow(index)

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        try:
            self.db.update(sparql)
        except SyntaxError as exc:  # our own request is malformed: a bug, not the user's
            raise StoreError(f"internal update rejected: {first_line(exc)}") from None
        except (OSError, RuntimeError) as exc:
            raise StoreWriteError(f"cannot write to store {self.path}: {first_line(exc)}") from None

    def _bulk_extend(self, graphs: list[list], rest: list) -> None:
        """Write new graphs (lists of quads) with ``bulk_extend``, whole graphs per call and at
        most :data:`BULK_MAX` quads a call; a graph larger than that is added to ``rest``
        (for the transaction)."""
        chunk: list = []
        for quads in graphs:
            if len(quads) > BULK_MAX:
                rest += quads
                continue
            if len(chunk) + len(quads) > BULK_MAX:
                self._bulk(chunk)
                chunk = []
            chunk += quads
        if chunk:
            self._bulk(chunk)

    def _write_new(self, graphs: dict[str, list]) -> dict[str, int] | None:
        """Write ``graphs`` if every one is new to the store, straight from their rdflib terms as
        N-Quads text that pyoxigraph parses and loads in one call (:data:`BULK_MIN` quads or more: its
        bulk loader, else one transaction): about a third of the CPU of converting each term to a
        pyoxigraph object first. The parser checks every IRI before anything is written, so a term
        that cannot be stored leaves the store as it was. None (nothing written) when a graph is
        already stored, when a triple holds a term the text is not written for (a blank node, a
        language tag), or when the parser refuses the text: :meth:`replace_graphs` then goes term by
        term, and says which term cannot be stored."""
        if not graphs or sum(map(len, graphs.values())) > BULK_MAX or not all(graphs.values()):
            return None
        try:
            if any(self.db.contains_named_graph(ox.NamedNode(iri)) for iri in graphs):
                return None
        except ValueError:  # a graph name that is no IRI: said by the term-by-term path
            return None
        try:
            text, n = _nquads(graphs)
            data = text.encode("utf-8") if text is not None else None
        except (ValueError, TypeError):  # not triples, or a lone surrogate: the term-by-term path says so
            return None
        if data is None or not self._load(data, n):
            return None
        return {"added": len(graphs), "changed": 0, "removed": 0, "unchanged": 0}

    def _load(self, data: bytes, n: int) -> bool:
        """Load N-Quads ``data`` (``n`` quads) in one call, all or nothing: pyoxigraph's bulk loader
        from :data:`BULK_MIN` quads, else one transaction. False (nothing written) if the parser
        refuses a term."""
        try:
            if n >= BULK_MIN:
                self.db.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
                self._bulk_writes = getattr(self, "_bulk_writes", 0) + 1
            else:
                self.db.load(input=data, format=ox.RdfFormat.N_QUADS)
        except SyntaxError:  # the parser stops before the loader writes anything
            return False
        except (OSError, RuntimeError) as exc:
            raise StoreWriteError(f"cannot write to store {self.path}: {first_line(exc)}") from None
        return True

    def _bulk(self, quads: list) -> None:
        try:
            self.db.bulk_extend(quads)
        except (OSError, RuntimeError) as exc:
            raise StoreWriteError(f"cannot write to store {self.path}: {first_line(exc)}") from None
        self._bulk_writes = getattr(self, "_bulk_writes", 0) + 1

    def compact(self, *, after_bulk: int = COMPACT_AFTER_BULK) -> bool:
        """Compact the database if at least ``after_bulk`` bulk writes happened since the
        last compaction (0: always). Each bulk write adds sorted files that RocksDB would
        merge only later; until then queries read more files (measured: 1.5-2x the CPU
        time). Takes about a second per million quads. Returns whether it compacted."""
        if self.read_only or (after_bulk and getattr(self, "_bulk_writes", 0) < after_bulk):
            return False
        try:
            self.db.optimize()
        except (OSError, RuntimeError) as exc:
            raise StoreWriteError(f"cannot compact store {self.path}: {first_line(exc)}") from None
        self._bulk_writes = 0
        return True

    def _extend(self, quads: list) -> None:
        """Add pyoxigraph ``quads`` in one transaction (internal: all of them or none)."""
        try:
            self.db.extend(quads)
        except (OSError, RuntimeError) as exc:
            raise StoreWriteError(f"cannot write to store {self.path}: {first_line(exc)}") from None

    def flush(self) -> None:
        """Write memory buffers to disk files (shortens recovery after a crash)."""
        if not self.read_only:
            try:
                self.db.flush()
            except (OSError, RuntimeError) as exc:  # RocksDB says "Corruption" with a RuntimeError
                raise StoreWriteError(f"cannot flush store {self.path}: {first_line(exc)}") from None

    # -- the "resolution pending" marker (set while a batch is unresolved)

    @property
    def resolution_pending(self) -> bool:
        """True if an ingest or remove changed articles and did not finish its resolution pass."""
        return (self.path / PENDING_FILE).exists()

    def set_resolution_pending(self, pending: bool) -> None:
        marker = self.path / PENDING_FILE
        if pending:
            with open(marker, "w") as fh:
                fh.write(f"{os.getpid()}\n")
                fh.flush()
                os.fsync(fh.fileno())
        else:
            marker.unlink(missing_ok=True)

    def _finish_resolution(self) -> None:
        """Run the resolution pass that a killed ingest or remove left undone (the marker
        says so), so that readers see every name resolved again. If it fails (a damaged
        store), the marker stays and the writer goes on: its own pass will try again."""
        from .resolve import resolve

        try:
            resolve(self)
        except StoreError:
            return
        self.set_resolution_pending(False)
        self.flush()

    # -- internals

    def _prepare(self, graphs: Iterable[tuple[str, Iterable]]) -> dict[str, tuple]:
        """``{graph IRI: (ox.NamedNode, [ox.Quad], [rdflib triples])}``, the last triples of each graph;
        StoreError if a graph name or a term cannot be stored."""
        subjects, predicates, objects = _SUBJECTS, _PREDICATES, _OBJECTS
        quad = ox.Quad
        prepared: dict[str, tuple] = {}
        for graph_iri, triples in graphs:
            name = _iri(graph_iri)
            triples = triples if isinstance(triples, list) else list(triples)
            try:
                quads = [quad(subjects[s], predicates[p], objects[o], name) for s, p, o in triples]
            except (ValueError, TypeError) as exc:
                raise StoreError(f"graph {graph_iri}: cannot store a term ({first_line(exc)})") from None
            prepared.pop(name.value, None)  # a graph named twice: its last triples, in that place
            prepared[name.value] = (name, quads, triples)
        return prepared

    def _plan(self, name: ox.NamedNode, quads: list) -> tuple[str, str, list]:
        """How to make graph ``name`` hold exactly ``quads``: ``(kind, SPARQL update or
        "", quads to add)``, kind one of new, added, changed, removed, unchanged."""
        if not self._read(lambda db: db.contains_named_graph(name)):
            return ("new", "", quads) if quads else ("unchanged", "", [])
        if not quads:
            return "removed", f"DROP SILENT GRAPH {name}", []
        old = self._read(lambda db: set(db.quads_for_pattern(None, None, None, name)))
        new = set(quads)
        if new == old:
            return "unchanged", "", []
        gone = old - new
        if not gone:
            return "added", "", list(new - old)
        if any(isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in gone):
            return "changed", _replace_text(name, quads), []  # DELETE DATA cannot name blank nodes
        request = f"DELETE DATA {{ GRAPH {name} {{\n{_lines(gone)}\n}} }}"
        added = new - old
        if added:
            request += f" ;\nINSERT DATA {{ GRAPH {name} {{\n{_lines(added)}\n}} }}"
        return "changed", request, []

    def _read(self, fn, *, query: bool = False):
        """Call ``fn(db)``, turning pyoxigraph errors into ours. A reader whose files a
        live writer compacted away reopens the store and retries."""
        for attempt in range(_RETRIES):
            try:
                return fn(self.db)
            except (OSError, RuntimeError, ValueError, TypeError) as exc:
                text = first_line(exc)
                vanished = _vanished(exc)
                if self.read_only and vanished and attempt < _RETRIES - 1:
                    time.sleep(0.05 * (attempt + 1))
                    self._db = None
                    self._db = _open_db(self.path, read_only=True)
                    continue
                if query and not isinstance(exc, OSError) and not vanished:
                    if "in its SELECT projection" in text:
                        text += " (a bound variable must be selected)"
                    raise QueryError(f"query failed: {text}") from None
                raise StoreError(f"cannot read store {self.path}: {text}") from None


def open_store(path: str | os.PathLike | None = None, *, read_only: bool = False,
               wait: float = 0.0) -> Store:
    """Open a store: :meth:`Store.open` (use it in a ``with`` block); an ``http://`` URL
    gives a :class:`~newsgraph.graph.remote.RemoteStore` on that SPARQL server.

    Example:
        >>> import tempfile
        >>> with open_store(tempfile.mkdtemp() + "/s") as store:
        ...     len(store)
        0
    """
    return Store.open(path, read_only=read_only, wait=wait)


def fingerprint(path: Path) -> str | None:
    """What changes whenever the store at ``path`` may have changed (see :meth:`Store.state_token`):
    the names, sizes and times of change of its data files; None when they cannot be read."""
    signature = data_signature(path)
    return None if signature is None else f"{Path(path).resolve()}|{signature}"


# ---------------------------------------------------------------- helpers

def _open_db(path: Path, *, read_only: bool) -> ox.Store:
    for attempt in range(_RETRIES * 2):
        try:
            return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except (OSError, RuntimeError) as exc:
            text = first_line(exc)
            if read_only and _vanished(exc) and attempt < _RETRIES * 2 - 1:
                time.sleep(0.05 * (attempt + 1))  # a live writer compacted a file away: look again
                continue
            if not read_only and "lock" in text.lower():
                raise StoreLockedError(f"store {path} is in use by another newsgraph process") from None
            raise StoreError(f"cannot open store {path}: {text}") from None


def _refuse_strangers(path: Path, *, rocksdb: bool = False) -> None:
    """StoreError unless folder ``path`` is a store (it has ``CURRENT``) or holds
    only our own files, and with ``rocksdb`` the files RocksDB writes before
    ``CURRENT`` (a creation cut short: we hold the lock, so nobody is creating it)."""
    if (path / "CURRENT").exists():
        return
    strangers = [p.name for p in path.iterdir() if p.name not in _OWN_FILES
                 and not (rocksdb and _ROCKSDB_FILE.fullmatch(p.name))]
    if strangers:
        raise StoreError(f"{path} is a folder with other files in it, not a newsgraph store")


def _index_term(term):
    """The pyoxigraph term of a term given to the store, as it was stored (for the side index)."""
    return _OBJECTS[term]


def _rebuild_index(index: StoreIndex, db: ox.Store) -> None:
    """Rebuild a writer's side index from the store as it closes (a failure leaves it unused)."""
    try:
        index.rebuild(db)
    except (OSError, RuntimeError, ValueError):
        index.lost_track()


def _vanished(exc: BaseException) -> bool:
    return "No such file" in str(exc) or getattr(exc, "errno", None) == errno.ENOENT


def _lock(path: Path, wait: float) -> int | None:
    if fcntl is None:  # pragma: no cover
        return None
    lock_path = path / LOCK_FILE
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot lock store {path}: {exc.strerror or exc}") from None
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                os.close(fd)
                raise StoreLockedError(
                    f"store {path} is in use by another newsgraph process (pid {holder})") from None
            time.sleep(min(0.1, max(deadline - time.monotonic(), 0.01)))
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)  # closing the descriptor releases the flock


def _disk_size(path: Path) -> int:
    if not isinstance(path, Path):  # a server's URL: its size is not ours to see
        return 0
    total = 0
    for entry in path.rglob("*"):
        try:
            if entry.is_file():
                total += entry.stat().st_size
        except OSError:
            pass
    return total
