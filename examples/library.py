"""newsgraph from Python: build a store from the demo articles, ask it, export it.

    python examples/library.py [STORE]        (default: ./library-store)
"""
import sys
from pathlib import Path

import newsgraph

store = sys.argv[1] if len(sys.argv) > 1 else "library-store"
demo = Path(__file__).resolve().parent / "demo"

report = newsgraph.ingest(store, [demo])  # files, folders, or "-" for stdin
print(f"{report.articles} articles: {report.persons} persons, {report.events} events")

# A named query (see `newsgraph queries`), parameters bound, names looked up forgivingly.
timeline = newsgraph.run_named(store, "timeline", person="Jumaliyev")
for row in timeline[:3]:
    fields = dict(zip(timeline.vars, row))
    print(fields["date"], fields["type"], fields["role"])

# Any SPARQL over all article graphs, with values bound, never pasted.
rows = newsgraph.run_sparql(store, """
    SELECT DISTINCT ?place ?date ?type WHERE {
      ?event ng:place/rdfs:label ?place ; a ?type ; ng:date ?date }
    ORDER BY ?date ?type LIMIT 4""", {"place": "Osh"})
for place, date, kind in rows:
    print(place, date, kind.split("#")[-1])

newsgraph.export(store, "turtle", "library.ttl")
print("wrote library.ttl")
