#!/usr/bin/env bash
# Score the extraction on the evaluation sets: seeds, demo, held-out, realdev (whole, odd, even).
#   bash tools/score_sets.sh OUT_DIR [SET ...]     SET: seeds demo heldout realdev odd even (default all)
# Each set is ingested into OUT_DIR/SET/store, exported to OUT_DIR/SET.ttl and scored with
# ../shared/eval/score.py; the score table goes to OUT_DIR/SET.score and the misses to OUT_DIR/SET.misses.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/score_sets.sh OUT_DIR [SET ...]}; shift
sets=${*:-seeds demo heldout realdev odd even}
shared=../shared
onto=newsgraph/ontology/newsgraph.ttl
mkdir -p "$out"
for set in $sets; do
  work="$out/$set"; rm -rf "$work" "$out/$set.ttl"; mkdir -p "$work"
  case $set in
    seeds) input=$shared/seeds; gold=$shared/gold ;;
    demo) input=examples/demo; gold=tests/data/demo_gold ;;
    heldout) input=examples/heldout; gold=tests/data/heldout_gold ;;
    realdev) input=$shared/realdev/realdev.jsonl; gold=$shared/realdev/gold ;;
    odd|even)
      if [ "$set" = odd ]; then pat='r[0-9][13579]'; else pat='r[0-9][02468]'; fi
      mkdir -p "$work/gold"
      for g in $shared/realdev/gold/$pat.json; do ln -s "$(realpath "$g")" "$work/gold/"; done
      input="$work/input.jsonl"; : > "$input"
      for g in $shared/realdev/gold/$pat.json; do
        n=$(basename "$g" .json)
        grep "\"id\": *\"$n\"" $shared/realdev/realdev.jsonl >> "$input" || true
      done
      gold="$work/gold" ;;
    *) echo "unknown set: $set" >&2; exit 2 ;;
  esac
  newsgraph --store "$work/store" ingest "$input" > "$work/ingest.log" 2>&1
  newsgraph --store "$work/store" export --format turtle -o "$out/$set.ttl" > /dev/null
  python $shared/eval/score.py --graph "$out/$set.ttl" --ontology $onto --gold "$gold" > "$out/$set.score"
  python $shared/eval/score.py --graph "$out/$set.ttl" --ontology $onto --gold "$gold" --misses > "$out/$set.misses"
  echo "== $set"; cat "$out/$set.score"
done
