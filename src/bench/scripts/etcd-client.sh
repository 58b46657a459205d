#!/usr/bin/env bash
# The etcd client alone (EtcdClientBench), on a fresh three-member etcd cluster on loopback (data on
# this disk, fsync on): calls/s and this JVM's CPU per call, through the EtcdKvStore (jetcd) and
# through grpc-java's plain KV stubs, for a put, a heartbeat-shaped conditional write and a
# read-then-write. Builds nothing: run ./mvnw -q -Pbench test-compile first.
# Usage: src/bench/scripts/etcd-client.sh [THREADS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
THREADS=${1:-32}
SECONDS_PER_RUN=${2:-10}
[ -f target/test-classes/io/spear/next/bench/EtcdClientBench.class ] || { echo "run ./mvnw -q -Pbench test-compile first" >&2; exit 1; }
for tool in etcd curl; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install etcd-server curl)" >&2; exit 1; }; done
WORK=$(mktemp -d /tmp/sms-bench-etcd-client.XXXXXX)
ETCD_PIDS=()
cleanup() { local pid; for pid in "${ETCD_PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
. src/bench/scripts/harness.sh
CP=$(bench_classpath)
start_etcd_cluster "$WORK/etcd"
echo "### the etcd client alone: $THREADS threads, ${SECONDS_PER_RUN}s per run after as long a warm-up, $(date -u +%F), $(nproc) cores"
echo
echo "| client | calls (p put, w conditional write of 6 keys, r read of 4 keys) | threads | calls/s | client CPU ms per call |"
echo "|---|---|---:|---:|---:|"
for mode in p w rw; do
  for client in store grpc; do
    java -cp "$CP" io.spear.next.bench.EtcdClientBench "$ETCD_ENDPOINTS" "$THREADS" "$SECONDS_PER_RUN" $mode $client 2>/dev/null | grep '^|'
  done
done
