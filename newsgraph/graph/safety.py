"""Guards for SPARQL text that comes from a user: federated queries and engine crashes.

* :func:`check_query` refuses a query that holds a ``SERVICE`` pattern (a federated
  query makes the engine send an HTTP request to any address the query names: a
  server-side request forgery, and a port scanner with ``SERVICE SILENT``), unless
  ``allow_service`` is given. The pattern is found in the *parsed* query: rdflib's
  SPARQL parser builds the tree and every ``ServiceGraphPattern`` node in it counts,
  whatever the spelling, comments or escapes around it. pyoxigraph reads keywords
  only as written (it does not unescape ``\\u0053ERVICE``), so a text without the
  letters ``service`` in it, in any case, cannot hold one and is not parsed at all:
  the named queries cost nothing. A text rdflib cannot parse (a pyoxigraph extension)
  is refused if the word SERVICE stands in it as a keyword, outside strings, IRIs
  and comments; otherwise the engine gives its own syntax error.
* :func:`isolated` runs a function in a forked child process, so that a crash of the
  engine (a Rust panic that aborts, a stack overflow on a deeply nested query) is a
  one-line :class:`~newsgraph.errors.QueryError` instead of a dead process and a
  backtrace. See ``docs/engine-crashes.md``.

Example:
    >>> service_patterns("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    ['<http://127.0.0.1:9/sparql>']
    >>> service_patterns("SELECT ?service WHERE { ?service rdfs:label 'SERVICE <x>' }")
    []
    >>> check_query("SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    newsgraph.errors.QueryError: federated queries are refused: the query asks another server (SERVICE ?where); pass --allow-service to allow them
"""
from __future__ import annotations

import os
import pickle
import re
import signal
import sys
import tempfile
from functools import lru_cache

from ..errors import NewsgraphError, QueryError

__all__ = ["service_patterns", "check_query", "isolated", "SERVICE_REFUSED", "ENGINE_CRASH_DOC", "panic_message"]

SERVICE_REFUSED = "federated queries are refused: the query asks another server ({where}); " \
                  "pass --allow-service to allow them"
ENGINE_CRASH_DOC = "docs/engine-crashes.md"

# strings, IRIs and comments: where the word SERVICE is data, not a keyword
_NOT_KEYWORD = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                          r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE_WORD = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.I)


def service_patterns(query: str) -> list[str]:
    """The endpoints (IRIs as ``<...>``, or variables as ``?x``) of every ``SERVICE``
    pattern in ``query``, in order; ``[]`` if there is none. A query rdflib cannot
    parse gives ``["SERVICE"]`` when the keyword stands in it outside strings, IRIs
    and comments."""
    if "service" not in query.lower():
        return []
    return list(_parsed_services(query))


@lru_cache(maxsize=256)
def _parsed_services(query: str) -> tuple[str, ...]:
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except Exception:  # a syntax rdflib lacks, or too deep for its recursion: look at the words
        return ("SERVICE",) if _SERVICE_WORD.search(_NOT_KEYWORD.sub(" ", query)) else ()
    found: list[str] = []
    _walk(tree, found)
    return tuple(found)


def _walk(node, found: list, depth: int = 0) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    if depth > 500:  # deeper than rdflib itself parses; refuse rather than guess
        found.append("SERVICE")
        return
    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            term = node.get("term")
            found.append(f"?{term}" if isinstance(term, Variable) else f"<{term}>")
        children = node.values()
    elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
        children = node
    else:
        return
    for child in children:
        _walk(child, found, depth + 1)


def check_query(query: str, *, allow_service: bool = False) -> None:
    """Raise QueryError if ``query`` holds a ``SERVICE`` pattern and ``allow_service``
    is not given (see the module doc)."""
    if allow_service:
        return
    where = service_patterns(query)
    if where:
        shown = ", ".join(f"SERVICE {w}" if w != "SERVICE" else w for w in dict.fromkeys(where))
        raise QueryError(SERVICE_REFUSED.format(where=shown[:200]))


# ---------------------------------------------------------------- crash isolation

def isolated(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` run in a forked child process; its return value (which
    must pickle) or its exception comes back. If the child dies (the engine aborted on
    a Rust panic, or overflowed its stack), raise a one-line QueryError that says so,
    with the panic's message when Rust printed one. Where ``fork`` is missing, ``fn``
    runs here.

    Example:
        >>> isolated(sum, [1, 2, 3])
        6
        >>> isolated(os.abort)
        Traceback (most recent call last):
        ...
        newsgraph.errors.QueryError: the query engine crashed on this query (killed by SIGABRT) and no answer came back; see docs/engine-crashes.md
    """
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return fn(*args, **kwargs)
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    log = tempfile.TemporaryFile()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(read_end)
            os.dup2(log.fileno(), 2)  # a panic's message goes to the log, not the user's terminal
            os.environ["RUST_BACKTRACE"] = "0"
            import faulthandler

            faulthandler.disable()  # its report would go past the log, to the terminal
            try:
                outcome = ("ok", fn(*args, **kwargs))
            except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent
                outcome = ("error", _portable(exc))
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        except BaseException:  # noqa: BLE001
            code = 70
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    finally:
        _pid, status = os.waitpid(pid, 0)
    if data:
        try:
            kind, value = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a reply cut short: the child died while writing
            kind, value = None, None
        if kind == "ok":
            log.close()
            return value
        if kind == "error":
            log.close()
            raise value
    log.seek(0)
    message = panic_message(log.read(65536).decode("utf-8", "replace"))
    log.close()
    how = (f"killed by {signal.Signals(-os.waitstatus_to_exitcode(status)).name}"
           if os.WIFSIGNALED(status) else f"exit status {os.waitstatus_to_exitcode(status)}")
    detail = f"{how}: {message}" if message else how
    raise QueryError(f"the query engine crashed on this query ({detail}) and no answer came back; "
                     f"see {ENGINE_CRASH_DOC}")


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it pickles, else a QueryError carrying its first line (a pyo3
    PanicException, raised when a Rust panic unwinds, is one that does not)."""
    if isinstance(exc, NewsgraphError):
        try:
            pickle.dumps(exc)
            return exc
        except Exception:  # noqa: BLE001
            pass
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    if type(exc).__name__ == "PanicException":
        return QueryError(f"the query engine crashed on this query (a panic: {first}); see {ENGINE_CRASH_DOC}")
    if isinstance(exc, (KeyboardInterrupt, SystemExit)):
        return QueryError("interrupted")
    try:
        pickle.dumps(exc)
        return exc
    except Exception:  # noqa: BLE001
        return QueryError(f"{type(exc).__name__}: {first}")


def panic_message(log: str) -> str:
    """The one line that says why Rust panicked, from what it printed; "" if nothing."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if "panicked at" in line:
            rest = line.split("panicked at", 1)[1].strip()
            if rest.endswith(":") and i + 1 < len(lines) and not lines[i + 1].startswith("note:"):
                return lines[i + 1][:300]  # Rust >= 1.73: "panicked at FILE:LINE:COL:" then the message
            return rest[:300]
        if "overflowed its stack" in line or "stack overflow" in line:
            return "stack overflow (the query is nested too deeply)"
    return ""
