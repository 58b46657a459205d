#!/usr/bin/env bash
# A fleet of Spear agents (FleetEmulator: registration.rs's cycle, Heartbeat then
# UpdateNodeResource every interval, 5 s deadlines, registering again after a failure) against the
# packaged service, through three runs:
#   1. RocksDB: the fleet beats; the service is killed (kill -9) and started again over the same
#      data and port; how long until every agent beats again, how many are left failing, whether
#      an acknowledged beat was lost.
#   2. etcd: two replicas over a three-member etcd cluster, the fleet split between them; one
#      replica is killed and its agents move to the other, as a Kubernetes Service would route
#      their new connections.
#   3. etcd alone: the same fleet putting its liveness and its report into etcd, for the steady
#      cost per agent-beat beside run 1's.
# Builds nothing: run ./mvnw package -DskipTests && ./mvnw -q -Pbench test-compile first.
# Usage: src/bench/scripts/fleet.sh [AGENTS] [INTERVAL_SECONDS] [ETCD_AGENTS]   (default 20000 5 AGENTS)
# ETCD_AGENTS sizes run 2: on one small machine two replicas, three etcd members and the fleet
# share the cores. Run 3 takes AGENTS, as run 1 does, so that their steady costs compare.
set -euo pipefail
cd "$(dirname "$0")/../../.."
AGENTS=${1:-20000}
INTERVAL=${2:-5}
ETCD_AGENTS=${3:-$AGENTS}
WARM=${SMS_BENCH_FLEET_WARM:-60}      # the JVM's warm-up under the fleet's load
STEADY=${SMS_BENCH_FLEET_STEADY:-30}  # the window that measures the steady cost
AFTER=${SMS_BENCH_FLEET_AFTER:-60}    # watched after the kill
JAR=${SMS_BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
HEAP=${SMS_BENCH_HEAP:--Xmx512m}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
[ -f target/test-classes/io/spear/next/bench/FleetEmulator.class ] || { echo "run ./mvnw -q -Pbench test-compile first" >&2; exit 1; }
for tool in etcd curl python3; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install etcd-server curl python3)" >&2; exit 1; }
done
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

WORK=$(mktemp -d /tmp/sms-fleet-bench.XXXXXX)
SHM=$(mktemp -d /dev/shm/sms-fleet-bench.XXXXXX)
PIDS=()
ETCD_PID=""
ETCD_PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}" "${ETCD_PIDS[@]}" $ETCD_PID; do kill -9 "$pid" 2>/dev/null || true; done
  rm -rf "$WORK" "$SHM"
}
trap cleanup EXIT

. src/bench/scripts/harness.sh
CP=$(bench_classpath)
SECONDS_TOTAL=$((WARM + STEADY + AFTER))

start_sms() { # name grpc-port extra-env...: sets SMS_PID and SMS_HTTP
  local name=$1 grpc=$2; shift 2
  SMS_HTTP=$(free_port)
  env MALLOC_ARENA_MAX=2 KV_BACKUP_DIR="$WORK/backups-$name" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$SMS_HTTP \
      QUARKUS_GRPC_SERVER_HOST=127.0.0.1 QUARKUS_GRPC_SERVER_PORT=$grpc "$@" \
      java $HEAP -Xlog:gc:file="$WORK/gc-sms-$name-%p.log" -jar "$JAR" >> "$WORK/sms-$name.log" 2>&1 &
  SMS_PID=$!
  PIDS+=($SMS_PID)
  await_ready "$SMS_HTTP" "$SMS_PID" "$WORK/sms-$name.log"
}

fleet() { # output-file agents emulator-args...: the fleet, in the background; sets FLEET_PID
  local out=$1 agents=$2; shift 2
  java -Xmx1g -Xlog:gc:file="$out.gc.log" -cp "$CP" io.spear.next.bench.FleetEmulator agents=$agents interval=$INTERVAL seconds=$SECONDS_TOTAL \
       steady=$WARM-$((WARM + STEADY)) "$@" > "$out" 2>&1 &
  FLEET_PID=$!
}

at_second() { # file N: waits until the fleet writing to file has run N seconds
  local seen
  while seen=$(grep -c '^[0-9]' "$1" 2>/dev/null || true); [ "${seen:-0}" -lt "$2" ]; do sleep 0.2; done
}

now_ms() { date +%s%3N; }

# --- 1. RocksDB, the service killed and started again over the same data -------------------------
GRPC=$(free_port)
start_sms rocksdb $GRPC KV_PATH="$WORK/data"
fleet "$WORK/rocksdb.txt" $AGENTS mode=sms targets=127.0.0.1:$GRPC cpu-pids=$SMS_PID ready-marker="$WORK/ready-rocksdb"
at_second "$WORK/rocksdb.txt" $((WARM + STEADY + 2))
kill -9 $SMS_PID
KILLED=$(now_ms)
start_sms rocksdb $GRPC KV_PATH="$WORK/data"
READY=$(now_ms)
echo "$READY" > "$WORK/ready-rocksdb"
wait $FLEET_PID || true
kill $SMS_PID; wait $SMS_PID 2>/dev/null || true
ROCKSDB_DOWN_MS=$((READY - KILLED))

# --- 2. two replicas on etcd, one killed ----------------------------------------------------------
start_etcd_cluster "$SHM/cluster"
ETCD_ENV=(KV_BACKEND=etcd KV_ETCD_ENDPOINTS=$ETCD_ENDPOINTS KV_ETCD_NAMESPACE=/fleet/ SMS_LEADER_LEASE_TTL=3s)
GRPC_A=$(free_port); GRPC_B=$(free_port)
start_sms a $GRPC_A "${ETCD_ENV[@]}"; PID_A=$SMS_PID
start_sms b $GRPC_B "${ETCD_ENV[@]}"; PID_B=$SMS_PID
fleet "$WORK/etcd.txt" $ETCD_AGENTS mode=sms targets=127.0.0.1:$GRPC_A,127.0.0.1:$GRPC_B cpu-pids=$PID_A,$PID_B,${ETCD_PIDS[0]},${ETCD_PIDS[1]},${ETCD_PIDS[2]} \
  ready-marker="$WORK/ready-etcd"
at_second "$WORK/etcd.txt" $((WARM + STEADY + 2))
kill -9 $PID_A
now_ms > "$WORK/ready-etcd" # B was ready all along: the clock starts at the kill
wait $FLEET_PID || true
kill $PID_B; wait $PID_B 2>/dev/null || true
stop_etcd_cluster

# --- 3. the fleet on etcd alone -----------------------------------------------------------------
start_etcd "$SHM/etcd"
fleet "$WORK/etcd-alone.txt" $AGENTS mode=etcd targets=127.0.0.1:$ETCD_PORT cpu-pids=$ETCD_PID
wait $FLEET_PID || true
stop_etcd

field() { grep -m1 "^$2" "$1" | sed "s/^$2//"; }
steady_us() { grep -m1 '^steady:' "$1" | sed -E 's/.* ([0-9]+) us per agent-beat.*/\1/'; }
echo
echo "Fleet: a beat every $INTERVAL s (Heartbeat + UpdateNodeResource), $(nproc) cores, $(date -u +%F)"
printf "| run | steady | every agent beating again | agents failing at the end | acknowledged beats lost |\n|---|---|---|---|---|\n"
printf "| $AGENTS agents, RocksDB, kill -9 and start again (down %.1f s) | %s | %s | %s | %s |\n" "$(awk "BEGIN { print $ROCKSDB_DOWN_MS / 1000 }")" \
  "$(field "$WORK/rocksdb.txt" 'steady: ')" "$(field "$WORK/rocksdb.txt" 'every agent beating again: ')" \
  "$(field "$WORK/rocksdb.txt" 'agents failing at the end: ')" "$(field "$WORK/rocksdb.txt" 'acknowledged beats lost: ')"
printf "| $ETCD_AGENTS agents, etcd, two replicas, one killed (CPU: both replicas and etcd) | %s | %s (after the kill) | %s | %s |\n" \
  "$(field "$WORK/etcd.txt" 'steady: ')" "$(field "$WORK/etcd.txt" 'every agent beating again: ')" \
  "$(field "$WORK/etcd.txt" 'agents failing at the end: ')" "$(field "$WORK/etcd.txt" 'acknowledged beats lost: ')"
printf "| $AGENTS agents, etcd alone, two puts per beat (CPU: etcd) | %s | | %s | |\n" \
  "$(field "$WORK/etcd-alone.txt" 'steady: ')" "$(field "$WORK/etcd-alone.txt" 'agents failing at the end: ')"
SMS_US=$(steady_us "$WORK/rocksdb.txt"); ETCD_US=$(steady_us "$WORK/etcd-alone.txt")
[ -n "$SMS_US" ] && [ -n "$ETCD_US" ] && [ "$SMS_US" -gt 0 ] \
  && printf "\nServer CPU per agent-beat: SMS on RocksDB %s us (%s agents), etcd alone %s us: etcd costs %.2fx the SMS\n" \
       "$SMS_US" "$AGENTS" "$ETCD_US" "$(awk "BEGIN { print $ETCD_US / $SMS_US }")"
grep -h '^LOST' "$WORK"/*.txt | head -5 || true
longest_pause() { grep -ho 'Pause.* \([0-9.]*\)ms' "$@" 2>/dev/null | sed -E 's/.* ([0-9.]+)ms/\1/' | sort -n | tail -1; }
printf "\nLongest GC pause: the services %s ms, the fleet %s ms\n" \
  "$(longest_pause "$WORK"/gc-sms-*.log)" "$(longest_pause "$WORK"/*.txt.gc.log)"
if [ -n "${SMS_BENCH_KEEP:-}" ]; then cp "$WORK"/*.txt "$WORK"/*.log "$SMS_BENCH_KEEP"/ 2>/dev/null || true; fi
