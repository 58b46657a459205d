#!/usr/bin/env bash
# Starts and stops the packaged service N times on RocksDB, gRPC on a fixed loopback port and on
# every event loop (sms.grpc.all-event-loops=true), and checks each start: ready within 60 s, more
# than one gRPC event loop (GrpcEventLoops' log line), a gRPC health check answered, and SIGTERM
# ending it (exit code 143, or 0). Quarkus' own quarkus.grpc.server.instances=2 failed about one
# start in twelve here (quarkusio/quarkus#54810).
# Builds nothing: run ./mvnw package -DskipTests first. Usage: src/bench/scripts/grpc-starts.sh N
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:?usage: grpc-starts.sh N}
JAR=${SMS_BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
for tool in h2load curl python3; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install nghttp2-client curl python3)" >&2; exit 1; }
done
. src/bench/scripts/harness.sh
one_service_scratch grpc-starts
printf '\0\0\0\0\0' > "$WORK/health.grpc" # an empty grpc.health.v1.HealthCheckRequest, framed

ok=0 failed=0 loops="" ready_ms=() stop_ms=()
for i in $(seq 1 "$N"); do
  HTTP=$(free_port); GRPC=$(free_port); LOG="$WORK/sms-$i.log"
  start=$(date +%s%3N)
  SMS_GRPC_ALL_EVENT_LOOPS=true KV_PATH="$WORK/data-$i" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$HTTP QUARKUS_GRPC_SERVER_HOST=127.0.0.1 \
    QUARKUS_GRPC_SERVER_PORT=$GRPC java -Xmx256m -jar "$JAR" > "$LOG" 2>&1 &
  SMS_PID=$!
  problem=""
  until curl -sf "http://127.0.0.1:$HTTP/q/health/ready" >/dev/null; do
    if ! kill -0 $SMS_PID 2>/dev/null; then problem="exited before ready"; break; fi
    if (( $(date +%s%3N) - start > 60000 )); then problem="not ready within 60 s"; break; fi
    sleep 0.05
  done
  if [ -z "$problem" ]; then
    ready_ms+=($(( $(date +%s%3N) - start )))
    n=$(sed -nE 's/.*gRPC serves port [0-9]+ on ([0-9]+) event loops.*/\1/p' "$LOG")
    loops="$loops ${n:-1}"
    [ "${n:-1}" -gt 1 ] || problem="gRPC on one event loop"
    h2load -n1 -c1 -H content-type:application/grpc -H te:trailers -d "$WORK/health.grpc" \
      "http://127.0.0.1:$GRPC/grpc.health.v1.Health/Check" 2>&1 | grep -q '1 succeeded' || problem="${problem:+$problem; }gRPC health check failed"
  fi
  stopped=$(date +%s%3N)
  kill "$SMS_PID" 2>/dev/null || true
  code=0; wait "$SMS_PID" || code=$?
  SMS_PID=""
  stop_ms+=($(( $(date +%s%3N) - stopped )))
  [ "$code" = 143 ] || [ "$code" = 0 ] || [ -n "$problem" ] || problem="exit code $code after SIGTERM"
  if [ -n "$problem" ]; then
    failed=$((failed + 1)); echo "start $i: $problem; its log ends:" >&2; tail -20 "$LOG" >&2
  else
    ok=$((ok + 1))
  fi
  rm -rf "$WORK/data-$i"
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print NR ? v[int((NR + 1) / 2)] : "-" }'; }
echo "| starts | good | failed | gRPC event loops | ready, median ms | stop, median ms |"
echo "|---:|---:|---:|---|---:|---:|"
echo "| $N | $ok | $failed | $(printf '%s\n' $loops | sort -n | uniq -c | awk '{ printf "%s%d loops x %d", (NR > 1 ? ", " : ""), $2, $1 }') | $(median "${ready_ms[@]}") | $(median "${stop_ms[@]}") |"
[ "$failed" = 0 ]
