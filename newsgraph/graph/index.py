"""The store's side index: the quads the name look-up and ``linked`` read, in SQLite beside the store.

Answering "who is linked to X" from pyoxigraph takes a plan of a dozen joins over
string-keyed RocksDB look-ups, and finding a name took reading every name of the
store. This index keeps a copy of the quads of the predicates those questions read
(``mirrored.tsv`` beside this module) in ``PATH/.newsgraph-index.sqlite``: terms as
integer ids (table ``term``: kind 0 IRI, 1 literal, 2 blank node; ``extra`` the
literal's ``@lang`` or datatype IRI, empty for ``xsd:string``), quads as ``(g, s, p, o)``
ids with an index each way (``p, s`` and ``p, o``), and the folded tokens of every
name (``name_form``, ``name_token``: :func:`newsgraph.text.names.fold_tokens` of each
``rdfs:label`` and ``skos:altLabel``), so that a name is found by its tokens.
:mod:`newsgraph.queries.indexed` asks it.

It is kept in step by the store's own writes: :meth:`Store.replace_graphs`,
:meth:`~Store.remove_graph` and :meth:`~Store.rewrite_iris` (what ``ingest``,
``remove``, ``resolve`` and the event merge write through) each change it after the
store. It is trusted only when it is known to match the store:

* a writer, on closing the store, records the store's data files as it left them
  (names, sizes, times of change: :func:`data_signature`) in the index; a reader
  uses the index only if the files it finds are those (any other write, by any
  program, changes them);
* a writer marks the index unmatched before its first write, so a writer that dies
  half way leaves an index nobody trusts;
* a write the index cannot follow (a SPARQL Update through :meth:`Store.update`, a
  failed write), an index missing or made by other code (``SCHEMA``: this module,
  the predicates, the folding of names) is rebuilt from the store by the writer as
  it closes: a full read of the mirrored predicates (about 15 s per million quads).
  A store with triples in its default graph (never written by newsgraph) is not
  indexed: its readers ask the store.

Readers that find no usable index ask the store as before; a SPARQL server has none.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import SKOS
    >>> from newsgraph.graph.store import Store
    >>> path = Path(tempfile.mkdtemp()) / "store"
    >>> ann = URIRef("https://w3id.org/newsgraph/id/person/ann")
    >>> with Store.open(path) as st:
    ...     st.replace_graph("https://w3id.org/newsgraph/article/1", [(ann, SKOS.altLabel, Literal("Ann Ode"))])
    >>> index = StoreIndex.for_reader(path)
    >>> with index.reading() as con:
    ...     con.execute("SELECT tokens FROM name_form").fetchall()
    [('an ode',)]
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..text import names as _folding
from ..text.data import file_bytes

__all__ = ["StoreIndex", "IndexUnusable", "data_signature", "INDEX_FILE", "mirrored_predicates", "schema_version"]

INDEX_FILE = ".newsgraph-index.sqlite"
"""The index's file in the store folder."""

FORMAT = 1
"""The layout of the index's tables and what goes in them: a change to either must raise it."""

DATA_FILE = re.compile(r"CURRENT|IDENTITY|(MANIFEST|OPTIONS)-\d+|\d+\.(log|sst|blob)")
"""The store's own data files (RocksDB's; not its LOCK and LOG, not ours)."""

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
NAME_PREDICATES = (RDFS_LABEL, SKOS_ALT_LABEL)
"""The predicates whose objects are names (folded into ``name_form``)."""

_TABLES = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE term(id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, value TEXT NOT NULL, extra TEXT NOT NULL);
CREATE UNIQUE INDEX term_key ON term(value, kind, extra);
CREATE TABLE quad(g INTEGER NOT NULL, s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL,
                  PRIMARY KEY (g, s, p, o)) WITHOUT ROWID;
CREATE INDEX quad_pso ON quad(p, s, o, g);
CREATE INDEX quad_pos ON quad(p, o, s, g);
CREATE TABLE name_form(form INTEGER PRIMARY KEY, tokens TEXT NOT NULL);
CREATE TABLE name_token(token TEXT NOT NULL, form INTEGER NOT NULL, PRIMARY KEY (token, form)) WITHOUT ROWID;
"""
# No ANALYZE, on purpose: with its statistics SQLite builds Bloom filters over whole tables
# for joins it expects to miss, a scan of every quad per query.

_MEMO_LIMIT = 200_000

PENDING_QUADS = 100_000
"""A writer's graphs are written to the index once they hold this many mirrored quads (or sooner,
before the index is read or changed otherwise, and when the store closes)."""

MMAP_BYTES = 1 << 30
"""How much of the index a reader maps into memory (SQLite's ``mmap_size``): the whole file, for any
store up to about 10 million quads; the pages come from the operating system's cache in place."""


class IndexUnusable(Exception):
    """The index does not match the store (any more): ask the store itself."""


def data_signature(path) -> str | None:
    """The store's data files as ``name,size,mtime_ns`` joined by ``;`` (None if unreadable):
    any write to the store changes it; reading does not. Unlike
    :func:`~newsgraph.graph.store.fingerprint` it leaves out the folder, so a copied store
    (times kept) keeps its index.

    Example:
        >>> import tempfile
        >>> data_signature(tempfile.mkdtemp())
        ''
    """
    try:
        entries = sorted((e.name, e.stat()) for e in os.scandir(path) if DATA_FILE.fullmatch(e.name))
    except OSError:
        return None
    return ";".join(f"{n},{st.st_size},{st.st_mtime_ns}" for n, st in entries)


@lru_cache(maxsize=1)
def mirrored_predicates() -> tuple[str, ...]:
    """The IRIs of ``mirrored.tsv``: the predicates whose quads the index keeps."""
    text = resources.files(__package__).joinpath("mirrored.tsv").read_text(encoding="utf-8")
    return tuple(line.split("\t", 1)[0].strip() for line in text.splitlines()
                 if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def schema_version() -> str:
    """What an index depends on besides the store: the layout of its tables (:data:`FORMAT`), the
    predicates kept and the folding of names (its code and transliteration rules). An index of
    another version is rebuilt."""
    digest = hashlib.sha256()
    for part in (str(FORMAT).encode(), "\n".join(mirrored_predicates()).encode(), _source(_folding),
                 file_bytes("rules", "transliteration.jsonl")):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:32]


def _source(module) -> bytes:
    try:
        return Path(module.__file__).read_bytes()
    except (OSError, TypeError):
        return repr(module).encode()


class StoreIndex:
    """The side index of one store folder: :meth:`for_reader` to read it, :meth:`for_writer`
    (from :meth:`Store.open`) to keep it in step with a writer's session."""

    def __init__(self, path: Path, con: sqlite3.Connection, *, writer: bool, in_sync: bool,
                 signature: str | None = None):
        self.path = path
        self.con = con
        self.writer = writer
        self.in_sync = in_sync  # the index matches the store as this session sees it
        self.signature = signature  # a reader: the store's files when it was looked at
        self._writing = False
        self._ids: dict = {}  # (kind, value, extra) -> id
        self._keys: dict = {}  # pyoxigraph term -> (kind, value, extra)
        self._by_term: dict = {}  # a writer's term (rdflib) -> id
        self._mirrored: dict = {}  # a writer's predicate term -> whether the index keeps its quads
        self._pending: dict = {}  # graph IRI -> its mirrored triples, not written to the index yet
        self._pending_quads = 0
        self._convert = None
        self._vocabulary: dict = {}
        self.cache: dict = {}
        """What readers derive from this index's term ids (compiled statements), kept with it."""

    # ------------------------------------------------------------ opening

    @classmethod
    def for_reader(cls, path, signature: str | None = None) -> StoreIndex | None:
        """The index of the store at ``path`` if it matches the store's files (``signature``,
        as :func:`data_signature` gave it when the reader opened the store; now if None),
        else None."""
        path = Path(path)
        file = path / INDEX_FILE
        if signature is None:
            signature = data_signature(path)
        if not signature or not file.is_file():
            return None
        try:
            con = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0,
                                  isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            return None
        index = cls(path, con, writer=False, in_sync=True, signature=signature)
        try:
            con.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")  # pages read in place, not copied in by read()
            index._check()
        except (IndexUnusable, sqlite3.Error):
            con.close()
            return None
        return index

    @classmethod
    def for_writer(cls, path, signature: str | None, *, new_store: bool) -> StoreIndex | None:
        """The index of a store a writer just opened (``signature``: its files before it opened,
        ``new_store``: it did not exist). Created if missing; None if it cannot be written
        (the store is then left without one: readers ask the store)."""
        file = Path(path) / INDEX_FILE
        for attempt in range(2):
            try:
                con = sqlite3.connect(str(file), timeout=30.0, isolation_level=None, check_same_thread=False)
                con.execute("PRAGMA cache_size = -65536")  # 64 MB: a big write stays in memory until it commits
                # write-ahead log, synced at checkpoints only: a commit costs no fsync, readers never wait for
                # the writer, and a power cut loses at most the last commits, never the file (nor our check:
                # the store's files then differ from what the index last recorded)
                con.execute("PRAGMA journal_mode = WAL")
                con.execute("PRAGMA synchronous = NORMAL")
                meta = _meta(con)
                if meta.get("schema") != schema_version():
                    _create(con)
                    in_sync = new_store
                else:
                    in_sync = (bool(signature) and meta.get("valid_for") == signature
                               or new_store and not meta.get("valid_for"))
                return cls(Path(path), con, writer=True, in_sync=in_sync)
            except sqlite3.DatabaseError:  # not a database (any more): start it again, to be rebuilt
                with contextlib.suppress(sqlite3.Error, UnboundLocalError):
                    con.close()
                if attempt:
                    return None
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(OSError):
                        Path(f"{file}{suffix}").unlink()
            except sqlite3.Error:
                return None
        return None

    def _check(self) -> None:
        meta = _meta(self.con)
        if meta.get("schema") != schema_version() or not self.signature or meta.get("valid_for") != self.signature:
            raise IndexUnusable(f"the index of {self.path} does not match the store")

    @contextlib.contextmanager
    def reading(self):
        """A connection to read from in one transaction, in which the index matches the store;
        :class:`IndexUnusable` if it does not (a writer changed the store since)."""
        if self.writer:
            self._write_pending()
            if not self.in_sync:
                raise IndexUnusable(f"the index of {self.path} is being rebuilt")
            yield self.con
            return
        self.con.execute("BEGIN")
        try:
            self._check()
            yield self.con
        finally:
            self.con.execute("COMMIT")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.con.close()

    # ------------------------------------------------------------ terms

    def vocabulary(self, iris) -> dict[str, int]:
        """``{iri: term id}`` for IRIs of the vocabulary (predicates, classes); -1 for one the
        index has never seen (it matches nothing)."""
        out = {}
        for iri in iris:
            found = self._vocabulary.get(iri)
            if found is None:
                row = self.con.execute("SELECT id FROM term WHERE value = ? AND kind = 0 AND extra = ''",
                                       (iri,)).fetchone()
                found = self._vocabulary[iri] = row[0] if row else -1
            out[iri] = found
        return out

    def terms(self, ids) -> dict[int, tuple[int, str, str]]:
        """``{id: (kind, value, extra)}`` of term ids."""
        wanted = sorted({i for i in ids if i is not None})
        out = {}
        for start in range(0, len(wanted), 900):
            chunk = wanted[start:start + 900]
            rows = self.con.execute(
                f"SELECT id, kind, value, extra FROM term WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
            out.update(zip([r[0] for r in rows], [r[1:] for r in rows]))
        return out

    # ------------------------------------------------------------ following a writer

    def begin_write(self) -> None:
        """Before the store's first write of this session: nobody trusts the index until
        :meth:`finish` (a writer that dies leaves it unmatched)."""
        if self._writing:
            return
        self._writing = True
        self._transaction(lambda con: con.execute("INSERT OR REPLACE INTO meta VALUES ('valid_for', '')"))

    def lost_track(self) -> None:
        """A write the index did not follow: it is rebuilt when the writer closes."""
        self.in_sync = False
        self._pending, self._pending_quads = {}, 0

    def graphs_written(self, graphs, convert) -> None:
        """Graphs now holding exactly these triples: ``[(graph IRI, [(s, p, o)])]`` (none: the graph
        is gone), their terms of any kind that ``convert`` turns into pyoxigraph terms (the store's
        rdflib terms: each is converted once, then known by itself). They are written to the index
        :data:`PENDING_QUADS` at a time (one transaction for many of the store's: a transaction
        costs more than its rows), and before anything reads or changes the index otherwise."""
        if not self.in_sync:
            return
        kept_of = self._mirrored
        mirrored = set(mirrored_predicates())
        for graph_iri, triples in graphs:
            kept = []
            for t in triples:
                ok = kept_of.get(t[1])
                if ok is None:
                    ok = kept_of[t[1]] = convert(t[1]).value in mirrored
                if ok:
                    kept.append(t)
            self._pending_quads += len(kept) - len(self._pending.pop(str(graph_iri), ()))
            self._pending[str(graph_iri)] = kept
        self._convert = convert
        if self._pending_quads >= PENDING_QUADS:
            self._write_pending()

    def _write_pending(self) -> None:
        """Write the graphs :meth:`graphs_written` holds back, in one transaction."""
        written, convert = list(self._pending.items()), self._convert
        self._pending, self._pending_quads = {}, 0
        if not written or not self.in_sync:
            return
        kept_of = self._mirrored

        def write(con):
            terms = set()
            for _g, kept in written:
                for t in kept:
                    terms.update(t)
            ids = self._ids_of_terms(terms, convert)
            graphs_ = self._term_ids({(0, g, "") for g, _kept in written})
            gids = [graphs_[(0, g, "")] for g, _kept in written]
            con.executemany("DELETE FROM quad WHERE g = ?", [(gid,) for gid in gids])
            con.executemany("INSERT OR IGNORE INTO quad VALUES (?, ?, ?, ?)", [
                (gid, ids[s], ids[p], ids[o]) for gid, (_g, kept) in zip(gids, written) for s, p, o in kept])
            names = self._name_predicates(convert, kept_of)
            forms = {}
            for _g, kept in written:
                for _s, p, o in kept:
                    if p in names:
                        key = self._key(convert(o))
                        if key[0] == 1:
                            forms[ids[o]] = key[1]
            self._fold_names(con, forms)
        self._follow(write)

    def _name_predicates(self, convert, known) -> set:
        """The predicate terms seen so far that are rdfs:label or skos:altLabel."""
        return {p for p, ok in known.items() if ok and convert(p).value in NAME_PREDICATES}

    def _ids_of_terms(self, terms, convert) -> dict:
        """``{term: id}`` for terms of any kind (``convert`` gives their pyoxigraph terms), remembered
        by the term itself; new ones added to ``term``."""
        memo = self._by_term
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        missing = [t for t in terms if t not in memo]
        if missing:
            keys = [self._key(convert(t)) for t in missing]
            ids = self._term_ids(keys)
            memo.update(zip(missing, (ids[k] for k in keys)))
        return memo

    def graph_removed(self, graph_iri: str) -> None:
        if not self.in_sync:
            return
        self._write_pending()
        self._follow(lambda con: con.execute(
            "DELETE FROM quad WHERE g = (SELECT id FROM term WHERE value = ? AND kind = 0 AND extra = '')",
            (graph_iri,)))

    def iris_rewritten(self, mapping: dict[str, str]) -> None:
        """Each IRI ``old`` now ``mapping[old]`` wherever it was a subject or an object
        (:meth:`Store.rewrite_iris`)."""
        if not self.in_sync:
            return
        if set(mapping.values()) & set(mapping):  # a chain: the store rewrote in one step; rebuild
            self.lost_track()
            return
        self._write_pending()
        predicates = list(self.vocabulary(mirrored_predicates()).values())

        def write(con):
            moves = []  # (old id, new id) of the IRIs whose quads move to another term
            for old, new in sorted(mapping.items()):
                row = con.execute("SELECT id FROM term WHERE value = ? AND kind = 0 AND extra = ''", (old,)).fetchone()
                if row is None:
                    continue  # in no quad the index keeps
                old_id = row[0]
                row = con.execute("SELECT id FROM term WHERE value = ? AND kind = 0 AND extra = ''", (new,)).fetchone()
                graph = con.execute("SELECT 1 FROM quad WHERE g = ? LIMIT 1", (old_id,)).fetchone()
                self._ids.clear()
                self._by_term.clear()
                if row is None and graph is None and old_id not in predicates:
                    con.execute("UPDATE term SET value = ? WHERE id = ?", (new, old_id))  # renamed in place
                    continue
                moves.append((old_id, row[0] if row else con.execute(
                    "INSERT INTO term(kind, value, extra) VALUES (0, ?, '')", (new,)).lastrowid))
            if not moves:
                return
            # all subjects, then all objects: no IRI is both rewritten and a new one (no chain), so this
            # ends as rewriting one IRI after the other would
            con.execute("CREATE TEMP TABLE IF NOT EXISTS moved(old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
            con.execute("DELETE FROM temp.moved")
            con.executemany("INSERT INTO temp.moved VALUES (?, ?)", moves)
            for p in predicates:
                con.execute("INSERT OR IGNORE INTO quad SELECT q.g, m.new, q.p, q.o FROM temp.moved m "
                            "CROSS JOIN quad q ON q.p = ? AND q.s = m.old", (p,))
                con.execute("DELETE FROM quad WHERE p = ? AND s IN (SELECT old FROM temp.moved)", (p,))
            for p in predicates:
                con.execute("INSERT OR IGNORE INTO quad SELECT q.g, q.s, q.p, m.new FROM temp.moved m "
                            "CROSS JOIN quad q ON q.p = ? AND q.o = m.old", (p,))
                con.execute("DELETE FROM quad WHERE p = ? AND o IN (SELECT old FROM temp.moved)", (p,))
        self._follow(write)

    @property
    def needs_rebuild(self) -> bool:
        return self.writer and not self.in_sync

    def rebuild(self, db) -> None:
        """Read the mirrored quads of ``db`` (the open ``pyoxigraph.Store``) into a new index.
        A store with triples in its default graph is left unindexed."""
        import pyoxigraph as ox

        if next(iter(db.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
            return

        def write(con):
            _create(con, transaction=False)
            self._ids.clear()
            self._by_term.clear()
            self._vocabulary.clear()
            self.cache.clear()
            for iri in mirrored_predicates():
                predicate = ox.NamedNode(iri)
                batch = []
                for q in db.quads_for_pattern(None, predicate, None, None):
                    batch.append(q)
                    if len(batch) >= 20_000:
                        self._insert(con, batch, iri)
                        batch = []
                self._insert(con, batch, iri)
        self._writing = True
        self.in_sync = True
        self._pending, self._pending_quads = {}, 0
        self._follow(write)

    def finish(self, signature: str | None) -> None:
        """The writer closed the store, leaving its files as ``signature``: from now on the index
        is trusted by readers who find them so (if it followed every write)."""
        try:
            self._write_pending()
            if self.in_sync and signature:
                self._transaction(lambda con: con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('valid_for', ?)", (signature,)))
            self.con.execute("PRAGMA journal_mode = DELETE")  # one file again, with no log beside it for readers
        except sqlite3.Error:
            pass
        finally:
            self.close()

    # ------------------------------------------------------------ internals

    def _follow(self, write) -> None:
        """Run ``write(con)`` in one transaction; an index that cannot follow is rebuilt later."""
        try:
            self._transaction(write)
        except sqlite3.Error:
            self.lost_track()

    def _transaction(self, write) -> None:
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            write(con)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def _insert(self, con, quads, predicate: str) -> None:
        import pyoxigraph as ox

        if not quads:
            return
        key = self._key
        ids = self._term_ids({key(t) for q in quads for t in (q.graph_name, q.subject, q.predicate, q.object)})
        con.executemany("INSERT OR IGNORE INTO quad VALUES (?, ?, ?, ?)", [
            (ids[key(q.graph_name)], ids[key(q.subject)], ids[key(q.predicate)], ids[key(q.object)]) for q in quads])
        if predicate in NAME_PREDICATES:
            self._fold_names(con, {ids[key(q.object)]: q.object.value for q in quads if isinstance(q.object, ox.Literal)})

    def _fold_names(self, con, forms: dict[int, str]) -> None:
        """Fold the names not folded yet (``{term id: text}``) into ``name_form`` and ``name_token``."""
        if not forms:
            return
        known = set()
        wanted = sorted(forms)
        for start in range(0, len(wanted), 900):
            chunk = wanted[start:start + 900]
            known.update(r[0] for r in con.execute(
                f"SELECT form FROM name_form WHERE form IN ({','.join('?' * len(chunk))})", chunk))
        new = [(i, _folding.fold_tokens(forms[i])) for i in wanted if i not in known]
        con.executemany("INSERT INTO name_form VALUES (?, ?)", [(i, " ".join(tokens)) for i, tokens in new])
        con.executemany("INSERT OR IGNORE INTO name_token VALUES (?, ?)",
                        [(token, i) for i, tokens in new for token in set(tokens)])

    def _key(self, term) -> tuple[int, str, str]:
        """A pyoxigraph term as ``(kind, value, extra)``, remembered."""
        found = self._keys.get(term)
        if found is not None:
            return found
        import pyoxigraph as ox

        if isinstance(term, ox.NamedNode):
            found = (0, term.value, "")
        elif isinstance(term, ox.Literal):
            if term.language:
                found = (1, term.value, "@" + term.language)
            else:
                datatype = term.datatype.value
                found = (1, term.value, "" if datatype == XSD_STRING else datatype)
        elif isinstance(term, ox.BlankNode):
            found = (2, term.value, "")
        else:
            raise ValueError(f"no index key for {term!r}")
        if len(self._keys) >= _MEMO_LIMIT:
            self._keys.clear()
        self._keys[term] = found
        return found

    def _term_ids(self, keys) -> dict[tuple, int]:
        """``{key: id}`` covering ``keys`` (``(kind, value, extra)``), new ones added to ``term``."""
        if len(self._ids) >= _MEMO_LIMIT:
            self._ids.clear()
        ids = self._ids
        missing = list({k for k in keys if k not in ids})
        con = self.con
        if missing:
            con.execute("CREATE TEMP TABLE IF NOT EXISTS wanted(kind INTEGER, value TEXT, extra TEXT)")
            con.execute("DELETE FROM temp.wanted")
            con.executemany("INSERT INTO temp.wanted VALUES (?, ?, ?)", missing)
            con.execute("INSERT OR IGNORE INTO term(kind, value, extra) SELECT kind, value, extra FROM temp.wanted")
            for kind, value, extra, i in con.execute(
                    "SELECT w.kind, w.value, w.extra, t.id FROM temp.wanted w CROSS JOIN term t "
                    "ON t.value = w.value AND t.kind = w.kind AND t.extra = w.extra"):
                ids[(kind, value, extra)] = i
        return ids


def _meta(con) -> dict[str, str]:
    try:
        return dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.OperationalError:  # a new file: no tables yet
        return {}


def _create(con, *, transaction: bool = True) -> None:
    """Empty the index and create its tables, stamped with :func:`schema_version` and matching nothing yet."""
    statements = [f"DROP TABLE IF EXISTS {name}" for name in ("meta", "term", "quad", "name_form", "name_token")]
    statements += [s.strip() for s in _TABLES.split(";") if s.strip()]
    statements += [f"INSERT INTO meta VALUES ('schema', '{schema_version()}')", "INSERT INTO meta VALUES ('valid_for', '')"]
    if transaction:
        con.execute("BEGIN IMMEDIATE")
    for statement in statements:
        con.execute(statement)
    if transaction:
        con.execute("COMMIT")
