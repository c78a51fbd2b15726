"""The server's simple HTML pages: the index, the named queries with a form each,
their results as tables, and a SPARQL form. Every value is HTML-escaped.

Example:
    >>> "<table>" in table_html(["name"], [["<b>Ann</b>"]]), "&lt;b&gt;Ann" in table_html(["name"], [["<b>Ann</b>"]])
    (True, True)
"""
from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

__all__ = ["page", "search_form", "index_page", "queries_page", "named_query_page", "sparql_page", "table_html"]

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222 }
table { border-collapse: collapse; font-size: 13px } td, th { border: 1px solid #ccc; padding: 3px 6px;
vertical-align: top; text-align: left } th { background: #f2f2f2 } code { background: #f4f4f4; padding: 0 3px }
form p { margin: .3em 0 } label { display: inline-block; min-width: 9em } textarea { width: 100%; height: 12em }
.note { color: #666 }
"""


def page(title: str, body: str) -> str:
    """A whole page around ``body`` (already HTML); ``title`` is escaped."""
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head>\n<body>\n"
            f"<p><a href=\"/\">newsgraph</a></p>\n<h1>{escape(title)}</h1>\n{body}\n</body></html>\n")


def search_form(value: str = "") -> str:
    """The search box: a name in any spelling, sent to ``/search``."""
    return ('<form class="search" action="/search" method="get" role="search">'
            '<label for="q">Find a person, organization or place</label> '
            f'<input id="q" name="q" type="search" value="{escape(value, quote=True)}" '
            'placeholder="a name in any spelling"> <button>Find</button></form>')


def index_page(store_name: str) -> str:
    """Links to everything the server offers."""
    return page("newsgraph", f"""
<p class="note">Serving <code>{escape(store_name)}</code>, read-only.</p>
{search_form()}
<ul>
<li><a href="/sparql">SPARQL endpoint</a> (<code>/sparql</code>): GET <code>?query=</code> or POST; SELECT and ASK
as JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE as Turtle, N-Triples or JSON-LD, by the Accept header.</li>
<li><a href="/queries">Named queries</a>: who is linked to whom, timelines, events, charges...</li>
<li><a href="/graph">The network</a>: who appears with whom.</li>
</ul>""")


def queries_page() -> str:
    """Every named query with its description and a form for its parameters."""
    from ..queries import load_queries

    items = []
    for q in load_queries().values():
        items.append(f"<li><a href=\"/queries/{quote(q.name)}\"><b>{escape(q.name)}</b></a> "
                     f"{escape(q.usage)}: {escape(q.description)}</li>")
    return page("Named queries", "<ul>\n" + "\n".join(items) + "\n</ul>")


def named_query_page(store, name: str, params: dict, max_rows: int) -> tuple[int, str]:
    """``(status, page)``: the form of query ``name`` and, once its required
    parameters are given, its rows as a table (at most ``max_rows``)."""
    from ..errors import QueryError
    from ..queries import get_query, run_named, table_view
    from ..queries.lookup import NameLookupError

    query = get_query(name)
    given = {k: v for k, v in params.items() if k in query.params and v.strip()}
    unknown = sorted(set(params) - set(query.params))
    form = _form(query, given)
    missing = [p for p in query.params.values() if not p.optional and p.name not in given]
    if unknown:
        return 400, page(name, form + f"<p>Unknown parameter {escape(unknown[0])}.</p>")
    if missing:
        return 200, page(name, form)
    try:
        rows = table_view(run_named(store, name, **given))
    except NameLookupError as exc:
        key = next((k for k, v in given.items() if v == exc.name), None)
        found = "".join(
            f"<li><a href=\"?{escape(urlencode({**given, key: str(c.iri)}))}\">{escape(str(c))}</a></li>"
            if key else f"<li>{escape(str(c))}</li>" for c in exc.candidates)
        extra = f"<p>Candidates:</p><ul>{found}</ul>" if found else ""
        return 400, page(name, form + f"<p>{escape(exc.message)}</p>{extra}")
    except QueryError as exc:
        return 400, page(name, form + f"<p>{escape(str(exc))}</p>")
    shown = list(rows)[:max_rows]
    cut = (f"<p class=\"note\">Showing the first {max_rows} of {len(rows)} rows.</p>"
           if len(rows) > max_rows else f"<p class=\"note\">{len(rows)} row{'' if len(rows) == 1 else 's'}.</p>")
    notes = "".join(f"<p class=\"note\">{escape(repr(m.query))} read as {escape(m.label)} "
                    f"({escape(m.kind)}).</p>" for m in getattr(rows, "lookups", []) if not m.exact)
    cells = [["" if t is None else str(t) for t in row] for row in shown]
    return 200, page(name, form + notes + cut + table_html(rows.vars, cells))


def sparql_page() -> str:
    """A form that sends a query to the endpoint."""
    example = "SELECT ?name WHERE { ?p a ng:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 20"
    return page("SPARQL", f"""
<p class="note">The prefixes ng:, rdf:, rdfs:, skos:, prov:, dcterms:, xsd: are declared; the default
graph is the union of all article graphs. Updates are refused.</p>
<form action="/sparql" method="get">
<textarea name="query">{escape(example)}</textarea>
<p><label>format</label> <select name="format">
<option>json</option><option>xml</option><option>csv</option><option>tsv</option>
<option>turtle</option><option>nt</option><option>json-ld</option></select>
<button>Run</button></p>
</form>""")


def table_html(columns: list[str], rows: list[list[str]]) -> str:
    """An HTML table; every cell is escaped."""
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "\n".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>\n<tr>{head}</tr>\n{body}\n</table>"


def _form(query, given: dict) -> str:
    fields = []
    for p in query.params.values():
        value = escape(str(given.get(p.name, "")), quote=True)
        hint = "" if not (p.optional or p.option) else " (optional)"
        fields.append(f"<p><label for=\"{escape(p.name)}\">{escape(p.name)}</label> "
                      f"<input id=\"{escape(p.name)}\" name=\"{escape(p.name)}\" value=\"{value}\"> "
                      f"<span class=\"note\">{escape(p.meaning)}{hint}</span></p>")
    return (f"<p>{escape(query.description)}</p>\n<form method=\"get\">\n" + "\n".join(fields)
            + "\n<p><button>Run</button></p>\n</form>")
