#!/usr/bin/env bash
# What the service's memory and its collector cost at scale: preloads N nodes once, then for each
# set of JVM options in turn starts the packaged service on a fresh copy (-Xmx256m, jemalloc
# preloaded where installed, as the image does), drives 60 s of heartbeats whose figures move, 30 s
# of label pages and 20 s of sorted report queries (the warm-up), measures each read 10 s with 32
# callers and with one, and 10 s of beats, then prints RSS, the JVM's own share (native memory
# tracking), RocksDB's caches and every GC pause of the run. Service settings go in as -D options
# (-Dkv.rocksdb.block-cache-size=32MiB), and leading NAME=VALUE words are the process's environment
# ("MALLOC_CONF=narenas:2 -XX:+UseSerialGC"). Builds nothing: ./mvnw package -DskipTests and
# ./mvnw -q -Pbench test-compile first. Usage:
#   src/bench/scripts/memory.sh N "JVM OPTIONS" ...   e.g. memory.sh 1000000 "" "-XX:+UseSerialGC"
# SMS_BENCH_PRELOADED=DIR keeps the preloaded nodes in DIR for the next run (1M nodes take minutes).
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:?usage: memory.sh N "JVM OPTIONS"...}
shift
[ $# -ge 1 ] || set -- ""
JAR=${SMS_BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
. src/bench/scripts/harness.sh
one_service_scratch memory
NODES=${SMS_BENCH_PRELOADED:-$WORK/preloaded}
if [ ! -f "$NODES/uuids.txt" ] || [ "$(wc -l < "$NODES/uuids.txt")" != "$N" ]; then
  rm -rf "$NODES"; mkdir -p "$NODES"
  java -cp "$(bench_classpath)" io.spear.next.bench.Preload "$NODES/template" "$N" "$NODES/uuids.txt" >/dev/null
fi
JEMALLOC=$(ls /usr/lib/*-linux-gnu/libjemalloc.so.2 2>/dev/null | head -1 || true)
LABEL="/api/v1/nodes?limit=100&label=tier%3Dt1"
SORTED="/api/v1/resources?filter=cpu_usage_percent%3C50&sort=-available_memory_bytes&limit=100"
wrk_row() { # wrk options... : "req/s (p99 ms)", and what failed
  local out
  out=$(wrk --latency "$@")
  echo "$out" | wrk_figures | awk '{ printf "%d (%.1f)", $1, $2 }'
  echo "$out" | awk '/Non-2xx|Socket errors/ { printf " FAILED: %s", $0 }'
}
mib() { echo $(( $1 / 1024 )); }
echo "allocator: ${JEMALLOC:-glibc}; $N nodes; req/s (p99 ms), 32 callers unless marked"
echo
echo "| JVM options | label page | label page, 1 caller | sorted top 100 | sorted, 1 caller | beats | GC pauses: count, total ms, p99 ms, max ms | heap after GC, max MiB | RSS MiB | anonymous / file MiB | JVM committed: all / heap / GC MiB | RocksDB block cache / memtables MiB |"
echo "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"
for OPTS in "$@"; do
  rm -rf "$WORK/data"; cp -r "$NODES/template" "$WORK/data"
  ENVIRONMENT=(); JVM=()
  for word in $OPTS; do
    if [ ${#JVM[@]} -eq 0 ] && [[ $word =~ ^[A-Z_]+= ]]; then ENVIRONMENT+=("$word"); else JVM+=("$word"); fi
  done
  start_service "$WORK/sms.log" ${JEMALLOC:+LD_PRELOAD=$JEMALLOC} "${ENVIRONMENT[@]}" \
    -Xmx256m -XX:NativeMemoryTracking=summary -Xlog:gc:file="$WORK/gc.log" "${JVM[@]}"
  PORT=$SMS_PORT
  BEAT=(-s "$MOVING_BEAT" "http://127.0.0.1:$PORT")
  UUIDS="$NODES/uuids.txt" wrk -t2 -c32 -d60s "${BEAT[@]}" >/dev/null
  wrk -t2 -c32 -d30s "http://127.0.0.1:$PORT$LABEL" >/dev/null
  wrk -t2 -c32 -d20s "http://127.0.0.1:$PORT$SORTED" >/dev/null
  row="| \`${OPTS:-(defaults: G1)}\`"
  for route in "$LABEL" "$SORTED"; do
    row+=" | $(wrk_row -t2 -c32 -d10s "http://127.0.0.1:$PORT$route") | $(wrk_row -t1 -c1 -d10s "http://127.0.0.1:$PORT$route")"
  done
  row+=" | $(UUIDS="$NODES/uuids.txt" wrk_row -t2 -c32 -d10s "${BEAT[@]}")"
  # every pause the collector logged ("Pause Young ... 12.345ms", "Pause Full ...", "Pause Remark ...")
  row+=" | $(grep -oE 'Pause .* [0-9.]+ms$' "$WORK/gc.log" | grep -oE '[0-9.]+ms$' | tr -d ms | sort -n | awk '
      { p[NR] = $1; total += $1 }
      END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%d, %d, %.1f, %.1f", NR, total, p[i], p[NR] }')"
  # "... 80M->12M(247M) 2.1ms": the most the heap held after a collection, about the live data
  row+=" | $(grep -oE '[0-9]+M->[0-9]+M' "$WORK/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1)"
  row+=" | $(mib "$(awk '/VmRSS/ {print $2}' "/proc/$SMS_PID/status")")"
  row+=" | $(pmap -x $SMS_PID | awk '$1 ~ /^[0-9a-f]+$/ { if ($0 ~ /\[ *(anon|stack) *\]/) a += $3; else f += $3 } END { printf "%d / %d", a / 1024, f / 1024 }')"
  row+=" | $(jcmd $SMS_PID VM.native_memory summary | awk '
      function committed() { match($0, /committed=[0-9]+/); return substr($0, RSTART + 10, RLENGTH - 10) }
      /^Total:/ { t = committed() }
      /- +Java Heap/ { h = committed() }
      /- +GC / { g = committed() }
      END { printf "%d / %d / %d", t / 1024, h / 1024, g / 1024 }')"
  row+=" | $(curl -s "http://127.0.0.1:$PORT/q/metrics" | awk '
      /^sms_kv_block_cache_bytes/ { c = $2 } /^sms_kv_memtable_bytes/ { m = $2 }
      END { printf "%d / %d", c / 1048576, m / 1048576 }') |"
  echo "$row"
  kill $SMS_PID; wait $SMS_PID 2>/dev/null || true; SMS_PID=""
done
