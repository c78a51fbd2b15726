#!/usr/bin/env bash
# Refresh the committed score tables that docs/evaluation.md shows (docs/figures/SET.score).
#   bash tools/update_figures.sh [SET ...]     SET: seeds demo heldout realdev odd even (default all)
# Runs tools/score_sets.sh (which needs ../shared: the sample articles, realdev and the scoring
# script) and copies each SET.score into docs/figures/. Misses are never copied: they quote the
# articles. With the seeds, it also keeps what `linked Ablyazov` prints on them
# (docs/figures/seeds-linked.txt, shown in README.md). Then `cog -r -I docs README.md docs/*.md`
# shows the new figures.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f ../shared/eval/score.py ]; then
  echo "error: ../shared/eval/score.py not found; the figures can only be refreshed next to ../shared" >&2
  exit 2
fi
sets=${*:-seeds demo heldout realdev odd even}
work=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-figures.XXXXXX")
trap 'rm -rf "$work"' EXIT
bash tools/score_sets.sh "$work" $sets
mkdir -p docs/figures
for set in $sets; do
  cp "$work/$set.score" "docs/figures/$set.score"
done
case " $sets " in *" seeds "*)
  COLUMNS=120 NO_COLOR=1 newsgraph --store "$work/seeds/store" linked Ablyazov \
    > docs/figures/seeds-linked.txt
  echo "updated: docs/figures/seeds-linked.txt" ;;
esac
echo "updated: $(for set in $sets; do printf 'docs/figures/%s.score ' "$set"; done)"
