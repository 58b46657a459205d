#!/usr/bin/env bash
# How fast the service serves right after a restart under load, against its steady state. Preloads
# N nodes, starts the packaged service and, the moment it is ready, sends heartbeats with reports
# (wrk -t2 -c32, a random node each) for 10 s: the first 10 s after ready. The load goes on for
# WARM seconds, then 10 s more are measured: the steady state. Prints the time to ready, both rates
# and their ratio. Build first, as for http.sh. Usage:
#   src/bench/scripts/warmup.sh N [WARM_SECONDS]
# Environment: SMS_BENCH_JAVA (the java to run, default java), SMS_BENCH_JAVA_OPTS (its flags),
# SMS_BENCH_JAR, SMS_BENCH_AOT=1 (JDK 25 or later: a training run under the same load first records
# an AOT cache with -XX:AOTCacheOutput, and the measured run starts with -XX:AOTCache; build with
# -Dquarkus.package.jar.type=aot-jar so that the application's classes can be cached).
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:?usage: warmup.sh N [WARM_SECONDS]}
WARM=${2:-50}
JAVA=${SMS_BENCH_JAVA:-java}
JAR=${SMS_BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
read -r -a OPTS <<< "${SMS_BENCH_JAVA_OPTS:-}"
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
. src/bench/scripts/harness.sh
one_service_scratch warmup
java -cp "$(bench_classpath)" io.spear.next.bench.Preload \
  "$WORK/preloaded" "$N" "$WORK/uuids.txt"
cat > "$WORK/heartbeat.lua" <<'LUA'
uuids = {}
for line in io.lines(os.getenv("UUIDS")) do uuids[#uuids + 1] = line end
local body = '{"health_info":{"disk":"ok"},"resource":{"cpu_usage_percent":42.5,"memory_usage_percent":61.0,' ..
  '"total_memory_bytes":68719476736,"used_memory_bytes":41875931136,"available_memory_bytes":26843545600,' ..
  '"disk_usage_percent":40,"total_disk_bytes":1099511627776,"used_disk_bytes":439804651110,' ..
  '"network_rx_bytes_per_sec":125000,"network_tx_bytes_per_sec":80000,"load_average_1m":1.7,' ..
  '"load_average_5m":1.5,"load_average_15m":1.2}}'
request = function()
  return wrk.format("POST", "/api/v1/nodes/" .. uuids[math.random(#uuids)] .. "/heartbeat",
    {["Content-Type"] = "application/json"}, body)
end
LUA
export UUIDS="$WORK/uuids.txt"

start_sms() { # java flags...
  rm -rf "$WORK/data"; cp -r "$WORK/preloaded" "$WORK/data"
  PORT=$(free_port)
  T0=$(date +%s.%N)
  env MALLOC_ARENA_MAX=2 KV_PATH="$WORK/data" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT QUARKUS_GRPC_SERVER_PORT=0 \
    SMS_HEARTBEAT_TIMEOUT=1h "$JAVA" -Xmx256m "$@" -jar "$JAR" > "$WORK/sms.log" 2>&1 &
  SMS_PID=$!
  await_ready "$PORT" "$SMS_PID" "$WORK/sms.log"
  READY=$(echo "$(date +%s.%N) - $T0" | bc)
}

stop_sms() { kill "$SMS_PID"; wait "$SMS_PID" 2>/dev/null || true; SMS_PID=""; }

rate() { # seconds
  wrk -t2 -c32 -d"$1"s -s "$WORK/heartbeat.lua" "http://127.0.0.1:$PORT" | awk '/Requests\/sec/ { print $2 }'
}

AOT_FLAGS=()
if [ "${SMS_BENCH_AOT:-}" = 1 ]; then
  start_sms "${OPTS[@]}" -XX:AOTCacheOutput="$WORK/app.aot"
  rate $((WARM + 20)) > /dev/null # the training: the same load, as long as the measured run
  stop_sms                        # the cache is written as the JVM exits
  [ -f "$WORK/app.aot" ] || { cat "$WORK/sms.log"; echo "no AOT cache was written" >&2; exit 1; }
  AOT_FLAGS=(-XX:AOTCache="$WORK/app.aot")
fi
start_sms "${OPTS[@]}" "${AOT_FLAGS[@]}"
FIRST=$(rate 10)
rate "$WARM" > /dev/null
STEADY=$(rate 10)
stop_sms
echo
echo "| java | flags | ready s | first 10 s after ready, req/s | steady, req/s | ratio |"
echo "|---|---|---:|---:|---:|---:|"
printf "| %s | %s | %.2f | %.0f | %.0f | %.2f |\n" "$("$JAVA" -version 2>&1 | head -1 | tr -d '|')" \
  "${SMS_BENCH_JAVA_OPTS:-}${SMS_BENCH_AOT:+ (AOT cache from a training run)}" "$READY" "$FIRST" "$STEADY" \
  "$(echo "$FIRST / $STEADY" | bc -l)"
