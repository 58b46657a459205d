#!/usr/bin/env bash
# Where a route's time goes: preloads N nodes, starts the packaged service with Java Flight
# Recorder, drives one route with wrk (warm-up first, then a recorded run) and prints the hottest
# methods (top frame of each CPU sample) and the share of samples whose stack passes through each
# layer. Build first, as for http.sh. Usage:
#   src/bench/scripts/profile.sh N heartbeat|list_label|list_status|get [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:?usage: profile.sh N ROUTE [SECONDS]}
ROUTE=${2:?usage: profile.sh N ROUTE [SECONDS]}
SECONDS_RECORDED=${3:-20}
JAR=${SMS_BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
WORK=$(mktemp -d /tmp/sms-profile.XXXXXX)
SMS_PID=""
# PROFILE_KEEP=DIR keeps the recording and its printed samples there, for a closer look
cleanup() {
  [ -n "$SMS_PID" ] && kill "$SMS_PID" 2>/dev/null && wait "$SMS_PID" 2>/dev/null || true
  [ -n "${PROFILE_KEEP:-}" ] && mkdir -p "$PROFILE_KEEP" && cp "$WORK"/route.jfr "$WORK"/samples.txt "$PROFILE_KEEP"/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
. src/bench/scripts/harness.sh
java -cp "$(bench_classpath)" io.spear.next.bench.Preload \
  "$WORK/data" "$N" "$WORK/uuids.txt"
start_service "$WORK/sms.log" -Xmx256m -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints
PORT=$SMS_PORT
ROUTE_LUA=src/bench/scripts/wrk/profile-route.lua
export UUIDS="$WORK/uuids.txt" ROUTE BEAT=src/bench/scripts/wrk/beat.json
wrk -t2 -c32 -d60s -s "$ROUTE_LUA" "http://127.0.0.1:$PORT" > /dev/null # C2 needs about a minute here
jcmd $SMS_PID JFR.start name=route settings=profile filename="$WORK/route.jfr" > /dev/null
wrk -t2 -c32 -d${SECONDS_RECORDED}s -s "$ROUTE_LUA" "http://127.0.0.1:$PORT" | grep -E "Requests/sec|Latency" &
WRK=$!
sleep $((SECONDS_RECORDED / 2)); top -H -b -n1 -d1 | head -25 > "$WORK/top.txt"; wait $WRK
jcmd $SMS_PID JFR.stop name=route > /dev/null
jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/route.jfr" > "$WORK/samples.txt"
echo
cat "$WORK/top.txt"
echo
echo "### hottest methods (top frame), % of CPU samples"
awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); top[$0]++; n++ }
     END { for (m in top) printf "%5.1f%%  %s\n", 100 * top[m] / n, m }' "$WORK/samples.txt" | sort -rn | head -25
echo
echo "### samples whose stack passes through (a sample counts once per layer)"
awk -v layers="io.spear.next.registry|io.spear.next.storage.kv.rocksdb|org.rocksdb|com.google.protobuf|com.fasterxml.jackson|org.hibernate.validator|io.quarkus.security|io.smallrye.jwt|io.quarkus.resteasy.reactive|org.jboss.resteasy.reactive|io.micrometer|io.netty|io.vertx|io.spear.next.sms" '
  BEGIN { k = split(layers, names, "|") }
  /stackTrace = \[/ { inside = 1; delete seen; n++; next }
  inside && /^[ \t]*\]/ { inside = 0; next }
  inside { for (i = 1; i <= k; i++) if (!(i in seen) && index($0, names[i]) > 0) { seen[i] = 1; hits[i]++ } }
  END { for (i = 1; i <= k; i++) printf "%5.1f%%  %s\n", 100 * hits[i] / n, names[i] }' "$WORK/samples.txt" | sort -rn
