#!/usr/bin/env bash
# Times a second `./gridmap demo` (build, cluster and demo data already there) from the command
# to the moment a user sees the map: the page and the health check answer, a demo user signs in
# and a map layer comes back. Usage: bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
port=7079
./gridmap load-demo >/dev/null 2>&1   # make sure everything a second start reuses is in place
for i in $(seq "$runs"); do
  t0=$(date +%s%N)
  GRIDMAP_PORT=$port ./gridmap demo >/tmp/gridmap-startup.log 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://localhost:$port/" && curl -sf -o /dev/null "http://localhost:$port/api/health"; do
    sleep 0.1
    if ! kill -0 "$pid" 2>/dev/null; then cat /tmp/gridmap-startup.log; exit 1; fi
  done
  jar="$(mktemp)"
  curl -sf -o /dev/null -c "$jar" -H 'Content-Type: application/json' \
    -d '{"username":"viewer","password":"demo-viewer"}' "http://localhost:$port/api/login"
  curl -sf -o /dev/null -b "$jar" "http://localhost:$port/api/layers/communities"
  rm -f "$jar"
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  printf 'run %d: map served %d.%03d s after ./gridmap demo\n' "$i" $((ms / 1000)) $((ms % 1000))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
