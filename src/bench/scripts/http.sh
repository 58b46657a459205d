#!/usr/bin/env bash
# The service under load, on loopback, side by side with etcd. Builds nothing: run
#   ./mvnw package -DskipTests && ./mvnw -q -Pbench test-compile
# first. Usage: src/bench/scripts/http.sh N [DURATION_SECONDS]
# Preloads N nodes (each with a resource report) into a fresh data directory, starts the packaged
# service on it, drives each route with wrk (after a warm-up) and prints one table per
# configuration; then the same against etcd's v3 JSON gateway (Debian's etcd-server), at equal
# durability. The sweeper runs every 5 s with a 1 h timeout: it is measured in its steady state,
# where nothing expires, and cannot expire the preloaded nodes in the middle of a measurement.
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:?usage: http.sh N [DURATION_SECONDS [WARMUP_SECONDS]]}
DURATION=${2:-10}
# every route first runs unmeasured this long...
WARMUP=${3:-5}
# ...after the whole JVM ran a mix of every route this long: on 2 slow cores C2 keeps compiling
# for about a minute of load (measured: heartbeats at 1.1k/s after 15 s, 6k/s after 75 s)
JVM_WARMUP=${SMS_BENCH_JVM_WARMUP:-60}
THREADS=2
CONNECTIONS=32
JAR=${SMS_BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
HEAP=${SMS_BENCH_HEAP:--Xmx256m}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
[ -f target/test-classes/io/spear/next/bench/Preload.class ] || { echo "run ./mvnw -q -Pbench test-compile first" >&2; exit 1; }
for tool in wrk h2load etcd curl python3; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install wrk nghttp2-client etcd-server curl python3)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/sms-bench.XXXXXX)
SHM=$(mktemp -d /dev/shm/sms-bench.XXXXXX)
SMS_PID=""
ETCD_PID=""
cleanup() {
  [ -n "$SMS_PID" ] && kill "$SMS_PID" 2>/dev/null && wait "$SMS_PID" 2>/dev/null || true
  [ -n "$ETCD_PID" ] && kill "$ETCD_PID" 2>/dev/null && wait "$ETCD_PID" 2>/dev/null || true
  rm -rf "$WORK" "$SHM"
}
trap cleanup EXIT

. src/bench/scripts/harness.sh
CP=$(bench_classpath)
java -cp "$CP" io.spear.next.bench.Preload "$WORK/data" "$N" "$WORK/uuids.txt"

# the wrk scripts (wrk/): each prints "RESULT <requests/s> <p50 us> <p99 us> <non-2xx>" when done
WRK=src/bench/scripts/wrk
export UUIDS="$WORK/uuids.txt" BEAT="$WRK/beat.json"
# etcd's side of a heartbeat: the nodes' keys and a value of a heartbeat's size, base64 as the gateway takes them
export ETCD_KEYS="$WORK/etcd-keys.txt" ETCD_VALUE
python3 src/bench/scripts/py/etcd_keys.py "$WORK/uuids.txt" > "$ETCD_KEYS"
ETCD_VALUE=$(head -c 520 /dev/zero | tr '\0' x | base64 -w0)

run_wrk() { # name url script [ENV=VALUE...]: the script is wrk/SCRIPT.lua after wrk/common.lua
  local out name=$1 url=$2 script=$3
  shift 3
  # each wrk thread loads the script from its path: a file, not a pipe that only one can read
  cat "$WRK/common.lua" "$WRK/$script.lua" > "$WORK/run-$script.lua"
  if [ "$WARMUP" -gt 0 ]; then
    env "$@" wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s -s "$WORK/run-$script.lua" "$url" >/dev/null
  fi
  out=$(env "$@" wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s "$WORK/run-$script.lua" "$url" | grep '^RESULT') || true
  echo "$name ${out#RESULT }"
}

half_peak() { # name base-url peak: heartbeats sent open-loop at half the peak by 32 callers (h2load --h1
  # --rps, a node each, one connection each): each sends at its rate whatever the answers' delay,
  # so the latency is what a fleet below saturation sees. Prints "name req/s p50us p99us non-2xx".
  local logs="$WORK/logs-$1" pids=() uuid
  rm -rf "$logs"; mkdir -p "$logs"
  for uuid in $(head -n $CONNECTIONS "$WORK/uuids.txt"); do
    h2load --h1 -c1 -m1 -t1 --rps=$(( $3 / 2 / CONNECTIONS > 0 ? $3 / 2 / CONNECTIONS : 1 )) -D "$DURATION" \
      --warm-up-time=3 -d "$BEAT" -H "content-type: application/json" --log-file="$logs/$uuid.log" \
      "$2/api/v1/nodes/$uuid/heartbeat" > "$logs/$uuid.out" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
  summarize "$1" "$DURATION" 1 "$logs"
}

warm_jvm() { # base url
  cat "$WRK/common.lua" "$WRK/mix.lua" > "$WORK/run-mix.lua"
  wrk -t$THREADS -c$CONNECTIONS -d${JVM_WARMUP}s -s "$WORK/run-mix.lua" "$1" >/dev/null
}


table() { # title, then rows "name rps p50us p99us non2xx" on stdin; first row is the ceiling
  echo
  echo "### $1"
  echo
  echo "| route | req/s | p50 ms | p99 ms | non-2xx | of ceiling |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk 'NR == 1 { ceiling = $2 } { printf "| %s | %d | %.2f | %.2f | %d | %.0f%% |\n", $1, $2, $3 / 1000, $4 / 1000, $5, 100 * $2 / ceiling }'
}

# --- the service, default durability (WAL written, not fsynced) ------------------------------------
start_service "$WORK/sms.log" $HEAP
S="http://127.0.0.1:$SMS_PORT"
warm_jvm "$S"
{
  run_wrk "ceiling:GET_/q/health/live" "$S/q/health/live" plain
  run_wrk "heartbeat+resource" "$S" heartbeat
  run_wrk "register" "$S" register
  run_wrk "get_node" "$S" get
  run_wrk "list_page_of_100" "$S/api/v1/nodes?limit=100" plain
  run_wrk "list_100_by_label" "$S/api/v1/nodes?limit=100&label=tier%3Dt1" plain
  run_wrk "list_100_by_status" "$S/api/v1/nodes?limit=100&status=active" plain
  run_wrk "list_100_by_both" "$S/api/v1/nodes?limit=100&status=active&label=tier%3Dt1" plain
  run_wrk "list_100_by_label_gzip" "$S/api/v1/nodes?limit=100&label=tier%3Dt1" gzip
  run_wrk "list_100_by_selector_in_notin" "$S/api/v1/nodes?limit=100&selector=zone%20in%20(z1,z2),tier%20notin%20(t1)" plain
  run_wrk "resources_filter_sort_top_10" "$S/api/v1/resources?limit=10&filter=cpu_usage_percent%3C50&sort=-available_memory_bytes" plain
  run_wrk "cluster_stats" "$S/api/v1/cluster/stats" plain
} > "$WORK/sms.txt"
half_peak "heartbeat+resource_at_half_peak" "$S" "$(awk '$1 == "heartbeat+resource" { print $2 }' "$WORK/sms.txt")" >> "$WORK/sms.txt"
table "SMS, N=$N nodes, kv.rocksdb.sync=false, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s" < "$WORK/sms.txt"
HEARTBEAT_NOSYNC=$(awk '$1 == "heartbeat+resource" { print $2 }' "$WORK/sms.txt")
curl -s "$S/q/metrics" > "$WORK/metrics.txt"
export_nodes "$S" > "$WORK/nodes.jsonl"
PAGE_BYTES=$(curl -s "$S/api/v1/nodes?limit=100&label=tier%3Dt1" | wc -c)
PAGE_GZIP_BYTES=$(curl -s -H 'Accept-Encoding: gzip' "$S/api/v1/nodes?limit=100&label=tier%3Dt1" | wc -c)
RSS_KB=$(ps -o rss= -p "$SMS_PID" | tr -d ' ')
SWEEP_MAX=$(awk '/^sms_sweeper_duration_seconds_max/ { print $2 }' "$WORK/metrics.txt")
SWEEPS=$(awk '/^sms_sweeper_duration_seconds_count/ { print $2 }' "$WORK/metrics.txt")
STARTUP_DEFAULT=$READY
stop_service
DATA_BYTES=$(du -sb "$WORK/data" | cut -f1)

# --- the service with kv.rocksdb.sync=true (fsync per write), for the durable comparison -----------
start_service "$WORK/sms.log" KV_ROCKSDB_SYNC=true $HEAP
S="http://127.0.0.1:$SMS_PORT"
warm_jvm "$S"
run_wrk "heartbeat+resource" "$S" heartbeat > "$WORK/sms-sync.txt"
HEARTBEAT_SYNC=$(awk '{ print $2 }' "$WORK/sms-sync.txt")
half_peak "heartbeat+resource_at_half_peak" "$S" "$HEARTBEAT_SYNC" >> "$WORK/sms-sync.txt"
stop_service

# --- etcd, default fsync on this disk, then on tmpfs (no fsync cost) --------------------------------
# etcd's side of a listing: the nodes as the service serves them (its JSON, ~320 B each) under
# sms/nodes/, read a range at a time. 100 records is an unfiltered page; 400 is what a client of
# etcd reads for a page of 100 nodes with tier=t1 (1 node in 4), filtering on its side, unmeasured.
start_etcd "$WORK/etcd-disk"
E="http://127.0.0.1:$ETCD_PORT"
load_etcd_nodes "$E"
{ run_wrk "etcd_put" "$E" etcd-put; run_wrk "etcd_range_100" "$E" etcd-range LIMIT=100; run_wrk "etcd_range_400" "$E" etcd-range LIMIT=400; } > "$WORK/etcd-disk.txt"
stop_etcd
start_etcd "$SHM/etcd"
E="http://127.0.0.1:$ETCD_PORT"
load_etcd_nodes "$E"
{ run_wrk "etcd_put" "$E" etcd-put; run_wrk "etcd_range_100" "$E" etcd-range LIMIT=100; run_wrk "etcd_range_400" "$E" etcd-range LIMIT=400; } > "$WORK/etcd-tmpfs.txt"
stop_etcd

PUT_DISK=$(awk '$1 == "etcd_put" { print $2 }' "$WORK/etcd-disk.txt")
PUT_TMPFS=$(awk '$1 == "etcd_put" { print $2 }' "$WORK/etcd-tmpfs.txt")
echo
echo "### SMS with kv.rocksdb.sync=true, heartbeats"
echo
echo "| route | req/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---:|---:|---:|---:|"
awk '{ printf "| %s | %d | %.2f | %.2f | %d |\n", $1, $2, $3 / 1000, $4 / 1000, $5 }' "$WORK/sms-sync.txt"
echo
echo "### etcd 3.4 (v3 JSON gateway), same wrk settings"
echo
echo "| run | route | req/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---|---:|---:|---:|---:|"
awk '{ printf "| data on disk (fsync) | %s | %d | %.2f | %.2f | %d |\n", $1, $2, $3 / 1000, $4 / 1000, $5 }' "$WORK/etcd-disk.txt"
awk '{ printf "| data on tmpfs | %s | %d | %.2f | %.2f | %d |\n", $1, $2, $3 / 1000, $4 / 1000, $5 }' "$WORK/etcd-tmpfs.txt"
echo
echo "### SMS heartbeat vs etcd put at equal durability"
echo
echo "| durability | SMS heartbeat req/s | etcd put req/s | ratio |"
echo "|---|---:|---:|---:|"
awk -v s="$HEARTBEAT_SYNC" -v e="$PUT_DISK" 'BEGIN { printf "| fsync every write (kv.rocksdb.sync=true; etcd on disk) | %d | %d | %.2fx |\n", s, e, s / e }'
awk -v s="$HEARTBEAT_NOSYNC" -v e="$PUT_TMPFS" 'BEGIN { printf "| no fsync (default; etcd on tmpfs) | %d | %d | %.2fx |\n", s, e, s / e }'
echo
echo "### SMS listings vs etcd ranges (etcd on disk; a read does not wait for fsync)"
echo
echo "| listing | SMS req/s | etcd req/s | ratio |"
echo "|---|---:|---:|---:|"
ratio_row() { # label sms-route etcd-route
  awk -v label="$1" -v s="$(awk -v r="$2" '$1 == r { print $2 }' "$WORK/sms.txt")" \
      -v e="$(awk -v r="$3" '$1 == r { print $2 }' "$WORK/etcd-disk.txt")" \
      'BEGIN { printf "| %s | %d | %d | %.2fx |\n", label, s, e, s / e }'
}
ratio_row "page of 100 / range of 100 records" list_page_of_100 etcd_range_100
ratio_row "page of 100 by label (1 in 4) / range of 400 records, filtered by the client" list_100_by_label etcd_range_400
echo
echo "### Resources, N=$N"
echo
echo "| measure | value |"
echo "|---|---|"
printf "| startup to ready (s) | %.2f |\n" "$STARTUP_DEFAULT"
printf "| a page of 100 by label, plain / gzip (bytes) | %d / %d (%.1fx smaller) |\n" "$PAGE_BYTES" "$PAGE_GZIP_BYTES" \
  "$(echo "$PAGE_BYTES / $PAGE_GZIP_BYTES" | bc -l)"
printf "| RSS after the load (MiB, JVM %s) | %d |\n" "$HEAP" $((RSS_KB / 1024))
printf "| data directory (MiB) | %d |\n" $((DATA_BYTES / 1048576))
printf "| sweeper runs during the load / longest run (ms) | %s / %.1f |\n" "${SWEEPS%.*}" "$(awk -v s="${SWEEP_MAX:-0}" 'BEGIN { print s * 1000 }')"
