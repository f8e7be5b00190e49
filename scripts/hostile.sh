#!/usr/bin/env bash
# Run froi's hostile set (scripts/hostile/make.py) through the release
# `froi` command, as a user would, and hold each run to the contract of
# docs/reliability.md: it ends by itself within 20 seconds, with exit code
# 0, 1 (bad input), 2 (bad usage) or 3 (a file not read or written), never
# a panic (101) or a signal; it never allocates past 2 GB (an address-space
# limit, so a larger allocation fails rather than succeeds); and it leaves
# every input file as it was.
#
#   scripts/hostile.sh            build, generate the set in a temporary folder, run it
#
# Needs python3 (standard library only) and cargo. Exit 0 when every case
# holds; otherwise the cases that broke the contract, and exit 1.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --features cli,xlsx
froi="$PWD/target/release/froi"
set_dir=$(mktemp -d)
trap 'rm -rf "$set_dir"' EXIT
python3 scripts/hostile/make.py "$set_dir"
failed=0
for folder in "$set_dir"/*/; do
  name=$(basename "$folder")
  mapfile -t args < "$folder/run"
  before=$(cd "$folder" && find . -type f ! -name run ! -name 'out*' -print0 | sort -z | xargs -0 sha256sum)
  start=$(date +%s%N)
  set +e
  (cd "$folder" && ulimit -v 2097152 && exec timeout 20 "$froi" --quiet "${args[@]}") \
    > "$folder/out.stdout" 2> "$folder/out.stderr"
  code=$?
  set -e
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  after=$(cd "$folder" && find . -type f ! -name run ! -name 'out*' -print0 | sort -z | xargs -0 sha256sum)
  why=""
  case $code in
    0|1|2|3) ;;
    124) why="ran past 20 s" ;;
    *) why="exit $code" ;;
  esac
  grep -q "panicked" "$folder/out.stderr" && why="${why:+$why; }panicked"
  grep -qi "memory allocation" "$folder/out.stderr" && why="${why:+$why; }ran out of memory"
  [ "$before" = "$after" ] || why="${why:+$why; }changed an input"
  message=$(head -c 160 "$folder/out.stderr" | tr '\n' ' ')
  if [ -n "$why" ]; then
    failed=1
    printf 'FAIL %-45s %6d ms  %s: %s\n' "$name" "$ms" "$why" "$message"
  else
    printf 'ok   %-45s %6d ms  exit %d %s\n' "$name" "$ms" "$code" "$message"
  fi
done
exit $failed
