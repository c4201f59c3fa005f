#!/usr/bin/env bash
# Durable-platform start time: each platform main started N times on fresh state, timed from launch to its
# "crashtest-platform ready" line. Usage: ci/benchmark-platforms.sh [rounds]   (results: docs/benchmarks.md)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
declare -A mains=(
  [temporal]=dev.crashtest.agents.temporal.TemporalPlatformMain
  [restate]=dev.crashtest.agents.restate.RestatePlatformMain
  [dbos]=dev.crashtest.agents.dbos.PostgresPlatformMain
)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
for runtime in temporal restate dbos; do
  cp="$root/agents/$runtime/target/classes:$(cat "$root/agents/$runtime/target/runtime-classpath.txt")"
  for i in $(seq 1 "$rounds"); do
    state="$(mktemp -d)"; log="$state/platform.log"
    start=$(date +%s%N)
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" "${mains[$runtime]}" \
      --port "$(free_port)" --admin-port "$(free_port)" --state-dir "$state" >"$log" 2>&1 &
    pid=$!
    until grep -q "crashtest-platform ready" "$log" 2>/dev/null; do
      kill -0 "$pid" 2>/dev/null || { echo "$runtime: platform exited; see $log" >&2; exit 1; }
      sleep 0.02
    done
    echo "$runtime round $i: ready in $(( ($(date +%s%N) - start) / 1000000 )) ms"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$state"
  done
done
