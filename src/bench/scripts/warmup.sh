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
# heartbeats with a full report to random nodes (the common part prints a summary rate() ignores)
cat src/bench/scripts/wrk/common.lua src/bench/scripts/wrk/heartbeat.lua > "$WORK/heartbeat.lua"
export BEAT=src/bench/scripts/wrk/beat.json
export UUIDS="$WORK/uuids.txt"

start_sms() { # java flags...
  rm -rf "$WORK/data"; cp -r "$WORK/preloaded" "$WORK/data"
  start_service "$WORK/sms.log" -Xmx256m "$@"
  PORT=$SMS_PORT
}

rate() { # seconds
  wrk -t2 -c32 -d"$1"s -s "$WORK/heartbeat.lua" "http://127.0.0.1:$PORT" | awk '/Requests\/sec/ { print $2 }'
}

AOT_FLAGS=()
if [ "${SMS_BENCH_AOT:-}" = 1 ]; then
  start_sms "${OPTS[@]}" -XX:AOTCacheOutput="$WORK/app.aot"
  rate $((WARM + 20)) > /dev/null # the training: the same load, as long as the measured run
  stop_service                    # the cache is written as the JVM exits
  [ -f "$WORK/app.aot" ] || { cat "$WORK/sms.log"; echo "no AOT cache was written" >&2; exit 1; }
  AOT_FLAGS=(-XX:AOTCache="$WORK/app.aot")
fi
start_sms "${OPTS[@]}" "${AOT_FLAGS[@]}"
FIRST=$(rate 10)
rate "$WARM" > /dev/null
STEADY=$(rate 10)
stop_service
echo
echo "| java | flags | ready s | first 10 s after ready, req/s | steady, req/s | ratio |"
echo "|---|---|---:|---:|---:|---:|"
printf "| %s | %s | %.2f | %.0f | %.0f | %.2f |\n" "$("$JAVA" -version 2>&1 | head -1 | tr -d '|')" \
  "${SMS_BENCH_JAVA_OPTS:-}${SMS_BENCH_AOT:+ (AOT cache from a training run)}" "$READY" "$FIRST" "$STEADY" \
  "$(echo "$FIRST / $STEADY" | bc -l)"
