#!/usr/bin/env bash
# Instructions executed by one template change in `casebook build --watch`, counted by
# valgrind's callgrind: unlike times on a shared virtual machine, the count barely moves from
# run to run, so two versions a few per cent apart can be told apart.
#
#   bench/template_instructions.sh CASEBOOK_BINARY PACK_DIR OUT [TEMPLATES_DIR]
#
# Builds the pack under callgrind (slow: about a minute and a half for 1,000 documents), zeroes
# the counts once the first build is done, writes `templates/bench-edit.html` (a template no
# page uses: every page is rendered again from the same pack), waits for the rebuild, and
# dumps the counts to OUT.1. The pack's `templates/` is made for the run and removed after;
# TEMPLATES_DIR, if given, is copied into it first (to count a variant of a template).
# Read the result with `callgrind_annotate --inclusive=yes OUT.1`.
#
# Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
bin=$1 pack=$2 out=$3 extra=${4:-}
work=$(mktemp -d)
log="$work/watch.log"
rm -rf "$pack/templates"
mkdir -p "$pack/templates"
[ -n "$extra" ] && cp "$extra"/* "$pack/templates/"
RAYON_NUM_THREADS=2 valgrind --tool=callgrind --callgrind-out-file="$out" \
  "$bin" build --watch --root "$pack" -o "$work/site" > "$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  rm -rf "$pack/templates" "$work"
}
trap cleanup EXIT
until grep -q "Watching" "$log"; do sleep 1; done
sleep 2
callgrind_control -z "$pid" > /dev/null 2>&1
echo "<p>bench</p>" > "$pack/templates/bench-edit.html"
until grep -q "pages rendered" "$log"; do sleep 1; done
sleep 1
callgrind_control -d "$pid" > /dev/null 2>&1
sleep 1
grep "pages rendered" "$log"
callgrind_annotate --inclusive=yes "$out.1" 2> /dev/null | grep "PROGRAM TOTALS"
