#!/usr/bin/env bash
# Whole-process comparison of froi with the peer programs in scripts/peers
# (pandas, polars, DuckDB, numpy), on the same inputs, after checking that
# every side gives the same answers (docs/performance.md).
#
# Runs from a fresh clone after:
#   apt-get install hyperfine
#   python3 -m pip install -r scripts/peers/requirements.txt
# Not run by CI. Tables go to target/bench-peers (10^7 rows is 370 MB).
#
#   scripts/bench-peers.sh                 one core each side, then all cores
#   ROWS="10000 1000000" DRAWS=1000000 scripts/bench-peers.sh   a shorter run
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=scripts/peers
OUT=${OUT:-target/bench-peers}
ROWS=${ROWS:-"10000 100000 1000000 10000000"}
DRAWS=${DRAWS:-"1000000 10000000"}
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
python3 -c 'import numpy, pandas, polars, duckdb' 2>/dev/null || {
  echo "the peers need numpy, pandas, polars and duckdb:" >&2
  echo "  python3 -m pip install -r $PEERS/requirements.txt" >&2
  exit 1
}

cargo build --release --features parallel --example portfolio --example montecarlo
# Current numpy runs slower with these set (see the machine notes); unset them
# for the peers' sake, in this script only.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

for n in $ROWS; do
  [ -f "$OUT/families_$n.csv" ] || python3 "$PEERS/make_families.py" "$n" > "$OUT/families_$n.csv"
done

echo "== machine =="
nproc; grep -m1 "model name" /proc/cpuinfo || true
python3 -c 'import sys, numpy, pandas, polars, duckdb; print(sys.version.split()[0], "numpy", numpy.__version__, "pandas", pandas.__version__, "polars", polars.__version__, "duckdb", duckdb.__version__)'
rustc --version; hyperfine --version

echo "== same answers =="
n=$(echo $ROWS | awk '{print $1}')
{
  ./target/release/examples/portfolio "$OUT/families_$n.csv"
  for peer in pandas polars duckdb; do python3 "$PEERS/portfolio_$peer.py" "$OUT/families_$n.csv"; done
} > "$OUT/answers.jsonl"
python3 "$PEERS/agree.py" portfolio "$OUT/answers.jsonl"
{
  ./target/release/examples/montecarlo 1000000 2020
  python3 "$PEERS/montecarlo_numpy.py" 1000000 2020
} > "$OUT/mc_answers.jsonl"
python3 "$PEERS/agree.py" montecarlo "$OUT/mc_answers.jsonl"

# One core each side, then every core each side.
for cores in one all; do
  if [ "$cores" = one ]; then
    pin="taskset -c 0"; export POLARS_MAX_THREADS=1 DUCKDB_THREADS=1 RAYON_NUM_THREADS=1
  else
    pin=""; unset POLARS_MAX_THREADS DUCKDB_THREADS RAYON_NUM_THREADS
  fi
  where="on $cores core"; [ "$cores" = all ] && where="on every core"
  echo "== appraisal of a family table, parse included, $where =="
  for n in $ROWS; do
    runs=10; [ "$n" -ge 10000000 ] && runs=3
    hyperfine -N --warmup 1 --runs "$runs" --export-json "$OUT/portfolio_${n}_$cores.json" \
      "$pin ./target/release/examples/portfolio $OUT/families_$n.csv" \
      "$pin python3 $PEERS/portfolio_pandas.py $OUT/families_$n.csv" \
      "$pin python3 $PEERS/portfolio_polars.py $OUT/families_$n.csv" \
      "$pin python3 $PEERS/portfolio_duckdb.py $OUT/families_$n.csv"
  done
  for draws in $DRAWS; do
    echo "== Monte Carlo, $draws draws, $where =="
    hyperfine -N --warmup 1 --runs 5 --export-json "$OUT/montecarlo_${draws}_$cores.json" \
      "$pin ./target/release/examples/montecarlo $draws 2020" \
      "$pin python3 $PEERS/montecarlo_numpy.py $draws 2020"
  done
done
python3 "$PEERS/ratios.py" "$OUT"/portfolio_*.json "$OUT"/montecarlo_*.json
echo "== peak memory, Monte Carlo, one core =="
for draws in $DRAWS; do
  /usr/bin/time -f "froi montecarlo $draws draws: %M KB" taskset -c 0 ./target/release/examples/montecarlo "$draws" 2020 > /dev/null
  /usr/bin/time -f "numpy $draws draws: %M KB" taskset -c 0 python3 "$PEERS/montecarlo_numpy.py" "$draws" 2020 > /dev/null
done
