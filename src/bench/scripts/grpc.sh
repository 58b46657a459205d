#!/usr/bin/env bash
# Heartbeats over gRPC, side by side with etcd's native gRPC put, on loopback, driven by h2load
# (Debian's nghttp2-client: a unary gRPC call is an HTTP/2 POST of a framed protobuf). Builds
# nothing: run
#   ./mvnw package -DskipTests && ./mvnw -q -Pbench test-compile
# first. Usage: src/bench/scripts/grpc.sh N [DURATION_SECONDS]
#
# h2load repeats one body, so each of 32 h2load processes (one connection, one call in flight)
# sends its own: 32 nodes beating at once, or 32 keys put at once, and nothing waits on a lock
# another caller holds. Unary: sms.NodeService/Heartbeat with a full report against
# etcdserverpb.KV/Put of a 430-byte value. Streamed: StreamHeartbeats, each of the 32 callers an
# agent streaming 100 beats of its own node without waiting for each answer (the server answers
# in order; this measures the server's cost per streamed beat). Equal durability:
# kv.rocksdb.sync=true against etcd's data on disk (fsync), the default (no fsync) against etcd on
# tmpfs. The issue's own etcd figure (h2load -c4 -m8 -t2, one key) is rerun beside as the
# calibration. Unary beats are also sent open-loop at half the measured peak (h2load --rps), for
# the latency a fleet sees below saturation. Listings: ListNodes pages (plain, and by label) against
# etcd's Range over the same node records, copied from the service.
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:?usage: grpc.sh N [DURATION_SECONDS]}
DURATION=${2:-10}
WARMUP=3
# C2 needs about a minute of load on 2 slow cores before the service's numbers settle
JVM_WARMUP=${SMS_BENCH_JVM_WARMUP:-60}
CALLERS=32
BEATS_PER_STREAM=100
JAR=${SMS_BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
HEAP=${SMS_BENCH_HEAP:--Xmx256m}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
[ -f target/test-classes/io/spear/next/bench/GrpcBodies.class ] || { echo "run ./mvnw -q -Pbench test-compile first" >&2; exit 1; }
for tool in h2load etcd curl python3; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install nghttp2-client etcd-server curl python3)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/sms-grpc-bench.XXXXXX)
SHM=$(mktemp -d /dev/shm/sms-grpc-bench.XXXXXX)
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
java -cp "$CP" io.spear.next.bench.GrpcBodies heartbeat "$WORK/uuids.txt" "$WORK/beats" $CALLERS
java -cp "$CP" io.spear.next.bench.GrpcBodies stream "$WORK/uuids.txt" "$WORK/streams" $CALLERS $BEATS_PER_STREAM
java -cp "$CP" io.spear.next.bench.GrpcBodies etcd-put "$WORK/uuids.txt" "$WORK/puts" $CALLERS 430
java -cp "$CP" io.spear.next.bench.GrpcBodies list "$WORK/uuids.txt" "$WORK/list" $CALLERS
java -cp "$CP" io.spear.next.bench.GrpcBodies list "$WORK/uuids.txt" "$WORK/list-by-label" $CALLERS tier=t1
java -cp "$CP" io.spear.next.bench.GrpcBodies etcd-range "$WORK/uuids.txt" "$WORK/range-100" $CALLERS 100
java -cp "$CP" io.spear.next.bench.GrpcBodies etcd-range "$WORK/uuids.txt" "$WORK/range-400" $CALLERS 400


H2="h2load -H content-type:application/grpc -H te:trailers"

callers() { # name url bodies-dir seconds [messages per call [h2load flags]]: CALLERS processes, one call in flight each, their own body each
  local logs="$WORK/logs-${1//\//_}" pids=()
  rm -rf "$logs"; mkdir -p "$logs"
  for i in $(seq 0 $((CALLERS - 1))); do
    $H2 -c1 -m1 -t1 ${6:-} -D "$4" --warm-up-time=$WARMUP -d "$3/$i.grpc" --log-file="$logs/$i.log" "$2" > "$logs/$i.out" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
  summarize "$1" "$4" "${5:-1}" "$logs"
}

start_sms() { # extra env...
  start_service "$WORK/sms.log" "$@" $HEAP
  G="http://127.0.0.1:$GRPC_PORT/sms.NodeService"
  callers warm "$G/Heartbeat" "$WORK/beats" "$JVM_WARMUP" > /dev/null
  callers warm-stream "$G/StreamHeartbeats" "$WORK/streams" 10 $BEATS_PER_STREAM > /dev/null
}

stop_sms() { # counts the calls of the run that failed (CANCELLED: h2load stopping with calls in flight)
  NOT_OK=$(( ${NOT_OK:-0} + $(curl -s "http://127.0.0.1:$SMS_PORT/q/metrics" \
    | awk '/^grpc_server_processing_duration_seconds_count/ && !/status_code="(OK|CANCELLED)"/ { s += $2 } END { print int(s) }') ))
  kill "$SMS_PID"; wait "$SMS_PID" 2>/dev/null || true; SMS_PID=""
}


calibration() { # name: the issue's run, one 430-byte put repeated from 4 connections x 8 streams
  local logs="$WORK/logs-calibration"
  rm -rf "$logs"; mkdir -p "$logs"
  $H2 -c4 -m8 -t2 -D "$DURATION" --warm-up-time=$WARMUP -d "$WORK/puts/0.grpc" --log-file="$logs/0.log" \
      "http://127.0.0.1:$ETCD_PORT/etcdserverpb.KV/Put" > "$logs/0.out" 2>&1
  summarize "$1" "$DURATION" 1 "$logs"
}

sms_runs() {
  G="http://127.0.0.1:$GRPC_PORT/sms.NodeService"
  local unary
  unary=$(callers "unary_Heartbeat+report" "$G/Heartbeat" "$WORK/beats" "$DURATION")
  echo "$unary"
  local peak=${unary#* }; peak=${peak%% *}
  # open loop at half the peak: each caller sends at a fixed rate, whatever the answers' delay
  callers "unary_Heartbeat+report_at_half_peak" "$G/Heartbeat" "$WORK/beats" "$DURATION" 1 \
    "--rps=$(( peak / 2 / CALLERS > 0 ? peak / 2 / CALLERS : 1 ))"
  callers "StreamHeartbeats+report" "$G/StreamHeartbeats" "$WORK/streams" "$DURATION" $BEATS_PER_STREAM
}

# listings: a page of 100, and of 100 by label (1 node in 4), against etcd's Range of as many of
# the same records (exported from the service) as a client of etcd reads for them
sms_list_runs() { # after the listing path's own warm-up: the JVM's is of heartbeats only
  callers warm-list "$G/ListNodes" "$WORK/list" 20 > /dev/null
  callers warm-list "$G/ListNodes" "$WORK/list-by-label" 20 > /dev/null
  callers "ListNodes_page_of_100" "$G/ListNodes" "$WORK/list" "$DURATION"
  callers "ListNodes_100_by_label" "$G/ListNodes" "$WORK/list-by-label" "$DURATION"
}

etcd_list_runs() {
  callers "etcd_KV/Range_100" "http://127.0.0.1:$ETCD_PORT/etcdserverpb.KV/Range" "$WORK/range-100" "$DURATION"
  callers "etcd_KV/Range_400" "http://127.0.0.1:$ETCD_PORT/etcdserverpb.KV/Range" "$WORK/range-400" "$DURATION"
}

etcd_runs() {
  callers "etcd_KV/Put_430B" "http://127.0.0.1:$ETCD_PORT/etcdserverpb.KV/Put" "$WORK/puts" "$DURATION"
  calibration "etcd_KV/Put_430B_one_key_h2load_c4_m8"
}

start_sms
sms_runs > "$WORK/sms-nosync.txt"
sms_list_runs > "$WORK/sms-lists.txt"
export_nodes "http://127.0.0.1:$SMS_PORT" > "$WORK/nodes.jsonl"
stop_sms
start_sms KV_ROCKSDB_SYNC=true; sms_runs > "$WORK/sms-sync.txt"; stop_sms
start_etcd "$WORK/etcd-disk"
etcd_runs > "$WORK/etcd-disk.txt"
load_etcd_nodes "http://127.0.0.1:$ETCD_PORT"
etcd_list_runs > "$WORK/etcd-lists.txt"
stop_etcd
start_etcd "$SHM/etcd";       etcd_runs > "$WORK/etcd-tmpfs.txt"; stop_etcd

rows() { awk -v run="$1" '{ printf "| %s | %s | %d | %.2f | %.2f |\n", run, $1, $2, $3 / 1000, $4 / 1000 }'; }
echo
echo "### gRPC, N=$N nodes, ${DURATION}s per run, $CALLERS callers (h2load -c1 -m1 each): unary calls, or streams of $BEATS_PER_STREAM beats of one node"
echo
echo "| durability | call | beats or puts/s | p50 ms | p99 ms |"
echo "|---|---|---:|---:|---:|"
rows "SMS, kv.rocksdb.sync=true" < "$WORK/sms-sync.txt"
rows "etcd 3.4, data on disk (fsync)" < "$WORK/etcd-disk.txt"
rows "SMS, default (no fsync)" < "$WORK/sms-nosync.txt"
rows "etcd 3.4, data on tmpfs" < "$WORK/etcd-tmpfs.txt"
echo
echo "(streamed p50/p99: of a whole 100-beat stream. The one-key etcd row is the issue's own run, repeated as the calibration."
echo "Calls of the service that failed, warm-ups included: $NOT_OK; those h2load cancelled as each run ended are not counted.)"
echo
echo "### SMS heartbeats vs etcd put at equal durability (same run, same h2load arrangement)"
echo
echo "| durability | SMS unary | SMS streamed | etcd put | unary ratio | streamed ratio |"
echo "|---|---:|---:|---:|---:|---:|"
ratio() { # title sms-file etcd-file
  awk -v t="$1" 'FNR == NR { v[$1] = $2; next } $1 == "etcd_KV/Put_430B" { e = $2 }
    END { u = v["unary_Heartbeat+report"]; s = v["StreamHeartbeats+report"];
          printf "| %s | %d | %d | %d | %.2fx | %.2fx |\n", t, u, s, e, u / e, s / e }' "$2" "$3"
}
ratio "fsync every write" "$WORK/sms-sync.txt" "$WORK/etcd-disk.txt"
ratio "no fsync (etcd on tmpfs)" "$WORK/sms-nosync.txt" "$WORK/etcd-tmpfs.txt"
echo
echo "### Listings: SMS ListNodes vs etcd's Range over the same $N records (etcd on disk; a read waits for no fsync)"
echo
echo "| listing | SMS calls/s | p99 ms | etcd calls/s | p99 ms | ratio |"
echo "|---|---:|---:|---:|---:|---:|"
list_ratio() { # title sms-row etcd-row
  awk -v t="$1" -v s="$2" -v e="$3" 'FNR == NR { v[$1] = $2; p[$1] = $4; next } { v[$1] = $2; p[$1] = $4 }
    END { printf "| %s | %d | %.2f | %d | %.2f | %.2fx |\n", t, v[s], p[s] / 1000, v[e], p[e] / 1000, v[s] / v[e] }' \
    "$WORK/sms-lists.txt" "$WORK/etcd-lists.txt"
}
list_ratio "page of 100 / Range of 100" ListNodes_page_of_100 "etcd_KV/Range_100"
list_ratio "page of 100 by label (1 in 4) / Range of 400, the client filtering" ListNodes_100_by_label "etcd_KV/Range_400"
