#!/usr/bin/env bash
# Every shipped case's outputs before and after a change: the JSON of each
# appraisal, its text report, and the NELC audit in each of its forms, as
# written by a base revision and by the working tree, compared byte for byte.
# A refactor that reshapes the model must leave them all identical; a
# deliberate difference is named in CHANGELOG.md.
#
#   scripts/compare-outputs.sh            against HEAD
#   scripts/compare-outputs.sh 017fd4f    against any revision
#   scripts/compare-outputs.sh 6fd2fb0 --reshape
#                                         the base's JSON first restated in
#                                         the one model's shape
#                                         (scripts/reshape-one-model.py), so
#                                         every figure is still compared
#
# The base is built in a git worktree under target/compare (kept, so a second
# run is quick); outputs go to target/compare/{base,head}. Exits 1 on any
# difference and prints the files that differ.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-HEAD}
RESHAPE=${2:-}
OUT=target/compare
TREE=$OUT/tree
mkdir -p "$OUT"

# The shipped scenarios and programmes, and the fixture that uses every
# feature of a file.
CASES=(
  data/nelc_2020/scenario.toml
  data/nelc_2020/scenario_by_rule.toml
  data/edge_of_care/scenario.toml
  data/youth_service/scenario.toml
  tests/testdata/multi_year/scenario.toml
)

# Run the examples of the checkout in $1, cases read from this tree, into $2.
outputs() {
  local checkout=$1 into=$2
  rm -rf "$into" && mkdir -p "$into"
  (cd "$checkout" && cargo build -q --release --example appraise --example nelc_2020)
  local bin=$checkout/target/release/examples
  for case in "${CASES[@]}"; do
    local name=${case//\//_}
    "$bin/appraise" "$case" > "$into/$name.txt"
    "$bin/appraise" "$case" --json > "$into/$name.json"
  done
  "$bin/nelc_2020" > "$into/nelc_audit.txt"
  "$bin/nelc_2020" --all > "$into/nelc_audit_all.txt"
  "$bin/nelc_2020" --exact > "$into/nelc_audit_exact.txt"
  "$bin/nelc_2020" --json > "$into/nelc_audit.json"
}

rev=$(git rev-parse "$BASE")
if [ ! -d "$TREE" ]; then
  git worktree add -q --detach "$TREE" "$rev"
else
  git -C "$TREE" checkout -q --detach "$rev"
fi
outputs "$TREE" "$OUT/base"
outputs . "$OUT/head"
if [ "$RESHAPE" = --reshape ]; then
  for f in "$OUT"/base/*.json; do
    name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("name") or "")' "$OUT/head/$(basename "$f")")
    python3 scripts/reshape-one-model.py "$f" "$name"
  done
fi

if diff -rq "$OUT/base" "$OUT/head"; then
  echo "ok: $(ls "$OUT/head" | wc -l) outputs identical to $BASE ($rev)"
else
  echo "outputs differ from $BASE: diff -r $OUT/base $OUT/head" >&2
  exit 1
fi
