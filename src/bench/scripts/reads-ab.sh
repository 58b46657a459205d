#!/usr/bin/env bash
# Two (or more) builds side by side on the reads schedulers make and on beats whose figures move:
# preloads N nodes once, then for each jar in turn (give A B A B: figures swing between runs, only
# a ratio within one run counts) starts it on a fresh copy, warms it for WARM seconds per route
# and measures each route 10 s with wrk -t2 -c32, printing req/s, p99 and the service's CPU per
# request (/proc: user + system). Build each jar first (./mvnw package -DskipTests, copy
# target/quarkus-app away) and ./mvnw -q -Pbench test-compile once. Usage:
#   src/bench/scripts/reads-ab.sh N APP_DIR... (each a copy of target/quarkus-app)
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:?usage: reads-ab.sh N APP_DIR...}
shift
[ $# -ge 1 ] || { echo "usage: reads-ab.sh N APP_DIR..." >&2; exit 1; }
WARM=${WARM:-30}
. src/bench/scripts/harness.sh
one_service_scratch reads-ab
java -cp "$(bench_classpath)" io.spear.next.bench.Preload "$WORK/template" "$N" "$WORK/uuids.txt" >/dev/null
ROUTES=("/q/health/live" "/api/v1/nodes?limit=100&label=tier%3Dt1" "/api/v1/nodes?limit=100"
  "/api/v1/nodes?limit=100&selector=zone%20in%20(z1,z2),tier%20notin%20(t1)"
  "/api/v1/resources?filter=cpu_usage_percent%3C50&sort=-available_memory_bytes&limit=100" "beat")
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SMS_PID/stat"; }
run_wrk() { # seconds route [--latency]
  if [ "$2" = beat ]; then
    UUIDS="$WORK/uuids.txt" wrk -t2 -c32 -d"$1"s ${3:-} -s "$MOVING_BEAT" "http://127.0.0.1:$PORT"
  else
    wrk -t2 -c32 -d"$1"s ${3:-} "http://127.0.0.1:$PORT$2"
  fi
}
TICK_US=$((1000000 / $(getconf CLK_TCK)))
echo "| build | route | req/s | p99 ms | CPU µs per request |"
echo "|---|---|---:|---:|---:|"
for APP in "$@"; do
  rm -rf "$WORK/data"; cp -r "$WORK/template" "$WORK/data"
  JAR="$APP/quarkus-run.jar" start_service "$WORK/sms.log"
  PORT=$SMS_PORT
  for route in "${ROUTES[@]}"; do
    run_wrk "$WARM" "$route" >/dev/null
    before=$(cpu_ticks)
    out=$(run_wrk 10 "$route" --latency)
    after=$(cpu_ticks)
    read -r rps p99 requests <<< "$(echo "$out" | wrk_figures)"
    printf '| %s | `%s` | %d | %.1f | %d |\n' "$(basename "$APP")" "$route" "${rps%.*}" "$p99" \
      $(( (after - before) * TICK_US / requests ))
  done
  stop_service
done
