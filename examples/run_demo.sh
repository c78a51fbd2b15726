#!/usr/bin/env bash
# Install newsgraph, build a graph from the demo articles, and show what it holds.
#   bash examples/run_demo.sh            (store in ./demo-store, Turtle in ./demo.ttl)
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e . >/dev/null
export NEWSGRAPH_STORE="${NEWSGRAPH_STORE:-demo-store}"
newsgraph ingest examples/demo
echo
newsgraph stats
echo
newsgraph query 'SELECT ?person (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?p a ng:Person ; rdfs:label ?person ; ng:mentionedIn ?article } GROUP BY ?person ORDER BY DESC(?articles) ?person LIMIT 8'
echo
newsgraph export --format turtle -o demo.ttl
