#!/usr/bin/env bash
# Whole-process comparison of froi with the pandas and numpy peer baselines,
# side by side in one run, on the same inputs (docs/performance.md).
#
# Needs: hyperfine (Debian package), python3 with numpy and pandas
# (`python3 -m pip install -r ../shared/peers/requirements.txt`), and the peer
# scripts in ../shared/peers (or PEERS=path). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS=${PEERS:-../shared/peers}
OUT=${OUT:-target/bench-peers}
mkdir -p "$OUT"
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
python3 -c 'import numpy, pandas' || { echo "numpy and pandas are needed: pip install -r $PEERS/requirements.txt" >&2; exit 1; }

cargo build --release --example portfolio --example montecarlo
# Current numpy runs slower with these set (see the machine notes); unset them
# for the peers' sake, in this script only.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

for n in 10000 100000 1000000 10000000; do
  [ -f "$OUT/families_$n.csv" ] || python3 "$PEERS/make_families.py" "$n" > "$OUT/families_$n.csv"
done

echo "== same answers =="
for n in 100000; do
  ./target/release/examples/portfolio "$OUT/families_$n.csv"
  python3 "$PEERS/portfolio_pandas.py" "$OUT/families_$n.csv"
done
./target/release/examples/montecarlo 1000000 2020
python3 "$PEERS/montecarlo_numpy.py" 1000000 2020

echo "== appraisal of a family table, parse included =="
for n in 10000 100000 1000000 10000000; do
  runs=10; [ "$n" -ge 10000000 ] && runs=3
  hyperfine -N --warmup 1 --runs "$runs" --export-markdown "$OUT/portfolio_$n.md" \
    "taskset -c 0 ./target/release/examples/portfolio $OUT/families_$n.csv" \
    "taskset -c 0 python3 $PEERS/portfolio_pandas.py $OUT/families_$n.csv"
done

echo "== Monte Carlo, 10^6 draws, one core =="
hyperfine -N --warmup 1 --runs 10 --export-markdown "$OUT/montecarlo.md" \
  "taskset -c 0 ./target/release/examples/montecarlo 1000000 2020" \
  "taskset -c 0 python3 $PEERS/montecarlo_numpy.py 1000000 2020"
