#!/usr/bin/env bash
# The preview server under load and attack: for each pack, `casebook serve` on loopback, and
# for DURATION seconds at once
#   - wrk requesting a mix of document pages, the front page, other pages, redirects and
#     static assets (every answer must be 2xx or 3xx), and a second wrk requesting pages that
#     do not exist (every answer must be 404);
#   - an editor saving content files every 100-200 ms: valid edits, broken front matter and
#     its repair, in place and by rename (bench/load/editor.py);
#   - LISTENERS live-reload clients connected throughout (bench/load/listeners.py);
#   - malformed and oversized requests on new connections (bench/load/attacks.py).
# Then the server must still be running and answering. A run passes only with no socket
# errors, no unexpected status, no 5xx, every listener still connected and told of rebuilds,
# no complete request left unanswered, and the server alive.
#
#   bench/load_test.sh [PACK...]    PACK: `sample` (the repository's pack) or a number of
#                                   documents for gen-pack; default: sample 1000
#
# Settings (environment): DURATION=30 CONNECTIONS=16 LISTENERS=200 TIMEOUT=10 (seconds after
# which wrk counts a request as failed; the mix includes every static file, and a generated
# pack of 1,000 documents has JSON files of up to 45 MB)
# Needs wrk (Debian: apt-get install wrk), python3 and curl. Work files go to
# ${LOAD_DIR:-/tmp/casebook-load}; the packs there are copies, so edits never touch content/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then packs=("$@"); else packs=(sample 1000); fi
duration="${DURATION:-30}"
connections="${CONNECTIONS:-16}"
listeners="${LISTENERS:-200}"
timeout="${TIMEOUT:-10}"
work="${LOAD_DIR:-/tmp/casebook-load}"
mkdir -p "$work"
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }

cargo build --release --quiet
cargo build --release --quiet --example gen-pack
bin="$PWD/target/release/casebook"
gen="$PWD/target/release/examples/gen-pack"

# `field NAME LINE`: the value of NAME=… in a RESULT line (0 if a helper printed none).
field() {
  local value
  value=$(sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<< "$2")
  echo "${value:-0}"
}
# The server's resident memory in MB ("?" once it has gone).
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2> /dev/null || echo "?"; }

echo "Conditions: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start," \
  "$(uname -sr), $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
failures=0
for name in "${packs[@]}"; do
  pack="$work/pack-$name"
  rm -rf "$pack"
  if [ "$name" = sample ]; then
    mkdir -p "$pack"
    cp -r config.toml index.toml content "$pack/"
  else
    "$gen" --docs "$name" --out "$pack" > /dev/null
  fi
  logs="$work/logs-$name"
  rm -rf "$logs" && mkdir -p "$logs"

  "$bin" serve --root "$pack" --port 0 > "$logs/serve.out" 2> "$logs/serve.err" &
  server=$!
  address=""
  for _ in $(seq 600); do
    address=$(sed -n 's|.* at http://\([^/]*\)/.*|\1|p' "$logs/serve.out" | head -n1)
    [ -n "$address" ] && break
    kill -0 "$server" 2> /dev/null || { cat "$logs/serve.err" >&2; exit 1; }
    sleep 0.2
  done
  [ -n "$address" ] || { echo "casebook serve did not start" >&2; kill "$server"; exit 1; }
  mix=$(python3 bench/load/urls.py "$pack/public" "$logs/ok.txt" "$logs/missing.txt")
  documents=$(find "$pack/content" -name '*.md' -o -name '*.txt' | wc -l)
  echo
  echo "== $name pack: $documents documents ($mix), ${duration} s," \
    "$connections + 4 connections, $listeners live-reload listeners, at http://$address/"
  rss_before=$(rss_mb "$server")

  python3 bench/load/listeners.py "$address" "$listeners" $((duration + 10)) > "$logs/listeners.out" &
  listening=$!
  for _ in $(seq 300); do grep -qs READY "$logs/listeners.out" && break; sleep 0.1; done
  python3 bench/load/editor.py "$pack/content" "$duration" > "$logs/editor.out" &
  editing=$!
  python3 bench/load/attacks.py "$address" "$duration" > "$logs/attacks.out" &
  attacking=$!
  wrk -t 1 -c 4 -d "${duration}s" --timeout "${timeout}s" -s bench/load/mix.lua "http://$address" \
    -- "$logs/missing.txt" > "$logs/wrk-missing.out" &
  missing_wrk=$!
  wrk -t 2 -c "$connections" -d "${duration}s" --timeout "${timeout}s" -s bench/load/mix.lua \
    "http://$address" -- "$logs/ok.txt" > "$logs/wrk-ok.out"
  wait "$missing_wrk" "$editing" "$attacking" "$listening" || true

  alive=no
  if kill -0 "$server" 2> /dev/null \
    && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$address/")" = 200 ] \
    && [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://$address$(head -n1 "$logs/ok.txt" | cut -d'?' -f1)")" != 000 ]; then
    alive=yes
  fi
  rss_after=$(rss_mb "$server")
  kill "$server" 2> /dev/null || true
  wait "$server" 2> /dev/null || true

  ok=$(grep RESULT "$logs/wrk-ok.out" || true)
  missing=$(grep RESULT "$logs/wrk-missing.out" || true)
  edits=$(grep RESULT "$logs/editor.out" || true)
  listened=$(grep RESULT "$logs/listeners.out" || true)
  attacked=$(grep RESULT "$logs/attacks.out" || true)
  socket_errors() { echo $(($(field connect "$1") + $(field read "$1") + $(field write "$1") + $(field timeout "$1"))); }
  ok_errors=$(socket_errors "$ok")
  missing_errors=$(socket_errors "$missing")
  ok_bad=$(($(field status_404 "$ok") + $(field status_4xx_other "$ok") + $(field status_5xx "$ok") + $(field status_other "$ok")))
  missing_bad=$(($(field status_2xx "$missing") + $(field status_3xx "$missing") + $(field status_4xx_other "$missing") + $(field status_5xx "$missing") + $(field status_other "$missing")))
  fives=$(($(field status_5xx "$ok") + $(field status_5xx "$missing") + $(field status_5xx "$attacked")))
  rebuilds=$(grep -c 'changed: .* parsed' "$logs/serve.out" || true)
  failed_builds=$(grep -c 'the build failed; still serving' "$logs/serve.err" || true)
  panics=$(grep -c panicked "$logs/serve.err" || true)

  echo "pages and assets: $(field requests "$ok") requests, $(field rps "$ok") requests/s;" \
    "latency p50 $(field p50_ms "$ok") ms, p90 $(field p90_ms "$ok") ms, p99 $(field p99_ms "$ok") ms," \
    "max $(field max_ms "$ok") ms; socket errors $ok_errors;" \
    "2xx $(field status_2xx "$ok"), 3xx $(field status_3xx "$ok"), non-2xx/3xx $ok_bad" \
    "(5xx $(field status_5xx "$ok"))"
  echo "missing pages: $(field requests "$missing") requests, $(field rps "$missing") requests/s;" \
    "p99 $(field p99_ms "$missing") ms; socket errors $missing_errors; 404 $(field status_404 "$missing")," \
    "other statuses $missing_bad (5xx $(field status_5xx "$missing"))"
  echo "edits: $(field saves "$edits") saves ($(field valid "$edits") valid, $(field broken "$edits")" \
    "broken, $(field repairs "$edits") repairs); the server rebuilt $rebuilds times and reported" \
    "$failed_builds failed builds"
  echo "live reload: $(field open_at_end "$listened") of $(field listeners "$listened") listeners" \
    "connected at the end; each heard $(field built_min "$listened")-$(field built_max "$listened")" \
    "rebuilds and $(( $(field failed_events "$listened") / listeners )) failure notices"
  echo "malformed requests: $(field sent "$attacked") sent, $(field answered "$attacked") answered," \
    "$(field closed "$attacked") closed, $(field hung "$attacked") unfinished ones held," \
    "$(field unexpected_hangs "$attacked") complete ones unanswered, 5xx $(field status_5xx "$attacked")"
  grep -v RESULT "$logs/attacks.out"
  echo "afterwards: server alive and answering: $alive; resident memory ${rss_before} MB before," \
    "${rss_after} MB after; panics $panics"

  verdict=PASS
  if [ "$(field requests "$ok")" = 0 ] || [ "$(field requests "$missing")" = 0 ] \
    || [ "$(field sent "$attacked")" = 0 ] || [ "$(field saves "$edits")" = 0 ] \
    || [ "$ok_errors" != 0 ] || [ "$missing_errors" != 0 ] || [ "$ok_bad" != 0 ] \
    || [ "$missing_bad" != 0 ] || [ "$fives" != 0 ] || [ "$alive" != yes ] || [ "$panics" != 0 ] \
    || [ "$(field open_at_end "$listened")" != "$listeners" ] \
    || [ "$(field built_min "$listened")" = 0 ] \
    || [ "$(field unexpected_hangs "$attacked")" != 0 ] \
    || [ "$(field connect_failed "$attacked")" != 0 ]; then
    verdict=FAIL
    failures=$((failures + 1))
  fi
  echo "$verdict ($name pack; logs in $logs)"
done
exit $((failures > 0))
