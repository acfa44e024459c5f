#!/usr/bin/env bash
# Casebook build benchmark: generates deterministic packs, times full builds, no-change
# rebuilds, one-document edits and template changes in `casebook serve`, and prints a table for
# BENCHMARKS.md.
#
#   bench/run.sh [SIZES...]        default sizes: 1000 10000 (add 100000 for the linearity check)
#
# With BASELINE=/path/to/an/older/casebook, each pack is also built by that binary and the two
# output folders are compared byte for byte: an optimisation must not change the output. The
# script then exits with 1 if any differ (the table says which, and where the list is).
#
# The preview's latencies are measured for packs of up to SERVE_MAX_DOCS documents (default
# 10000): `casebook serve` keeps the pack and its pages in memory (3.1-3.4 GB resident with
# 10,000 documents, BENCHMARKS.md), and a one-off build of 100,000 documents alone peaks at
# about 17 GB on a 24 GiB machine.
#
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time) and python3.
# Work files go to ${BENCH_DIR:-/tmp/casebook-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then sizes=("$@"); else sizes=(1000 10000); fi
work="${BENCH_DIR:-/tmp/casebook-bench}"
mkdir -p "$work"

cargo build --release --quiet
cargo build --release --quiet --example gen-pack
bin="$PWD/target/release/casebook"
gen="$PWD/target/release/examples/gen-pack"

echo "| docs | Markdown | full build (median) | no-change rebuild (median) | peak memory | output | serve: edit to pages written, to whole rebuild (medians) | serve: template change, the same | output against BASELINE |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
differs=0
for n in "${sizes[@]}"; do
  pack="$work/pack-$n"
  out="$work/out-$n"
  [ -d "$pack/content" ] || "$gen" --docs "$n" --out "$pack" --force > /dev/null
  markdown=$(du -sh "$pack/content" | cut -f1)
  runs=5; [ "$n" -ge 100000 ] && runs=2
  hyperfine --style none --runs "$runs" --export-json "$work/full-$n.json" \
    --prepare "rm -rf $out" "$bin build -q --root $pack -o $out" > /dev/null
  hyperfine --style none --runs "$runs" --export-json "$work/nochange-$n.json" \
    "$bin build -q --root $pack -o $out" > /dev/null
  rm -rf "$out"
  /usr/bin/time -f "%M" -o "$work/mem-$n.txt" "$bin" build -q --root "$pack" -o "$out"
  peak_mb=$(( $(cat "$work/mem-$n.txt") / 1024 ))
  size=$(du -sh "$out" | cut -f1)
  identity="not checked"
  if [ -n "${BASELINE:-}" ]; then
    rm -rf "$work/baseline-$n"
    "$BASELINE" build -q --root "$pack" -o "$work/baseline-$n"
    if diff -r -q "$work/baseline-$n" "$out" > "$work/identity-$n.txt"; then
      identity="identical"
    else
      identity="DIFFERS: $(wc -l < "$work/identity-$n.txt") paths, listed in $work/identity-$n.txt"
      differs=1
    fi
  fi
  if [ "$n" -le "${SERVE_MAX_DOCS:-10000}" ]; then
    edit=$(python3 bench/edit_latency.py "$bin" "$pack" 20)
    template=$(python3 bench/edit_latency.py "$bin" "$pack" 20 --template)
  else
    edit="not measured (SERVE_MAX_DOCS)"
    template="$edit"
  fi
  median() { python3 -c "import json,sys; print('%.2f s' % json.load(open(sys.argv[1]))['results'][0]['median'])" "$1"; }
  echo "| $n | $markdown | $(median "$work/full-$n.json") | $(median "$work/nochange-$n.json") | ${peak_mb} MB | $size | $edit | $template | $identity |"
done
echo
echo "Stage timings of the largest pack (casebook build --timings, output folder removed first):"
last="${sizes[-1]}"
rm -rf "$work/out-$last"
"$bin" build -q --root "$work/pack-$last" -o "$work/out-$last" --timings
exit "$differs"
