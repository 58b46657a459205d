# The benchmark scripts' harness, sourced by each: the classpath of the bench classes, a scratch
# directory and the one service's cleanup, the service started (on free ports, waited for until
# ready) and stopped, wrk's figures, a free loopback port, etcd (one member or three) started and
# stopped by its PID, the service's nodes copied into etcd (for etcd's side of a listing), and the
# summary of h2load's request logs. The wrk scripts are files of their own in wrk/ (MOVING_BEAT:
# heartbeats whose figures move), the Python helpers in py/.
# Expects WORK (a scratch directory; one_service_scratch makes one) to be set when its functions run,
# and the project root as the working directory.

# the test and main classes with every test-scope dependency (Preload, the bench clients); the
# dependency list is resolved again only when pom.xml changed
bench_classpath() {
  [ target/bench.classpath -nt pom.xml ] || ./mvnw -q -B -Pbench dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
  echo "target/test-classes:target/classes:$(cat target/bench.classpath)"
}

# For a script that runs one service at a time: a scratch directory WORK, and SMS_PID, the service
# running if any; both are stopped and removed when the script exits.
one_service_scratch() { # name
  WORK=$(mktemp -d "/tmp/sms-$1.XXXXXX")
  SMS_PID=""
  trap one_service_cleanup EXIT
}
one_service_cleanup() {
  [ -n "$SMS_PID" ] && kill "$SMS_PID" 2>/dev/null && wait "$SMS_PID" 2>/dev/null || true
  rm -rf "$WORK"
}

MOVING_BEAT=src/bench/scripts/wrk/moving-beat.lua

# Starts the packaged service ($JAR, run by ${JAVA:-java}) on free loopback ports (HTTP SMS_PORT,
# gRPC GRPC_PORT), its data in $WORK/data, and waits until it is ready: sets SMS_PID and READY
# (seconds from start to ready). The sweeper runs in its steady state (every 5 s with a 1 h
# timeout: nothing expires during a measurement) and glibc keeps two arenas, as in the images.
# Arguments: the log file, ENV=VALUE settings (these override the defaults), then java's options
# (-Xmx256m when none are given).
start_service() { # log [ENV=VALUE...] [JAVA-OPTION...]
  local log=$1 t0
  shift
  local -a environment=()
  while [ $# -gt 0 ] && [[ $1 =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; do environment+=("$1"); shift; done
  [ $# -gt 0 ] || set -- -Xmx256m
  SMS_PORT=$(free_port); GRPC_PORT=$(free_port)
  t0=$(date +%s.%N)
  env MALLOC_ARENA_MAX=2 KV_PATH="$WORK/data" KV_BACKUP_DIR="$WORK/backups" QUARKUS_HTTP_HOST=127.0.0.1 \
      QUARKUS_HTTP_PORT="$SMS_PORT" QUARKUS_GRPC_SERVER_HOST=127.0.0.1 QUARKUS_GRPC_SERVER_PORT="$GRPC_PORT" \
      SMS_HEARTBEAT_CHECK_INTERVAL=5s SMS_HEARTBEAT_TIMEOUT=1h "${environment[@]}" \
      "${JAVA:-java}" "$@" -jar "$JAR" > "$log" 2>&1 &
  SMS_PID=$!
  await_ready "$SMS_PORT" "$SMS_PID" "$log"
  READY=$(echo "$(date +%s.%N) - $t0" | bc)
}

stop_service() { kill "$SMS_PID"; wait "$SMS_PID" 2>/dev/null || true; SMS_PID=""; }

# waits until the service (its PID, answering on its HTTP port) is ready; if it exits first, prints
# its log and ends the script
await_ready() { # http-port pid log
  until curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null; do
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.05
  done
}

# wrk's --latency report, read on stdin, as "REQUESTS_PER_SECOND P99_MS REQUESTS"
wrk_figures() {
  awk '/requests in/ { requests = $1 }
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { p99 = $2; if (p99 ~ /us$/) p99 = p99 / 1000; else if (p99 ~ /ms$/) p99 = p99 + 0; else p99 = p99 * 1000 }
    END { print rps, p99, requests }'
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_etcd() { # data dir: sets ETCD_PORT and ETCD_PID
  ETCD_PORT=$(free_port); local peer=$(free_port)
  etcd --data-dir "$1" --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
       --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
       --initial-cluster "default=http://127.0.0.1:$peer" > "$WORK/etcd.log" 2>&1 &
  ETCD_PID=$!
  until curl -sf "http://127.0.0.1:$ETCD_PORT/health" >/dev/null; do
    kill -0 $ETCD_PID 2>/dev/null || { cat "$WORK/etcd.log"; exit 1; }
    sleep 0.1
  done
}

export_nodes() { # base url: every node as the service lists it, one JSON document a line
  python3 src/bench/scripts/py/export_nodes.py "$1"
}

load_etcd_nodes() { # etcd base url: writes $WORK/nodes.jsonl (export_nodes) under sms/nodes/UUID, 128 puts a txn
  python3 src/bench/scripts/py/load_etcd_nodes.py "$1" "$WORK/nodes.jsonl"
}

stop_etcd() { kill "$ETCD_PID"; wait "$ETCD_PID" 2>/dev/null || true; ETCD_PID=""; }

start_etcd_cluster() { # data root: three members on loopback; sets ETCD_ENDPOINTS and ETCD_PIDS
  local root=$1 cluster="" i
  local -a client peer
  for i in 0 1 2; do client[$i]=$(free_port); peer[$i]=$(free_port); cluster+="${cluster:+,}m$i=http://127.0.0.1:${peer[$i]}"; done
  ETCD_PIDS=(); ETCD_ENDPOINTS=""
  for i in 0 1 2; do
    etcd --name m$i --data-dir "$root/m$i" --listen-client-urls "http://127.0.0.1:${client[$i]}" \
         --advertise-client-urls "http://127.0.0.1:${client[$i]}" --listen-peer-urls "http://127.0.0.1:${peer[$i]}" \
         --initial-advertise-peer-urls "http://127.0.0.1:${peer[$i]}" --initial-cluster "$cluster" \
         --initial-cluster-token "bench-$$" --initial-cluster-state new --log-level warn > "$WORK/etcd-m$i.log" 2>&1 &
    ETCD_PIDS+=($!)
    ETCD_ENDPOINTS+="${ETCD_ENDPOINTS:+,}http://127.0.0.1:${client[$i]}"
  done
  for i in 0 1 2; do
    until curl -sf "http://127.0.0.1:${client[$i]}/health" | grep -q '"true"'; do
      kill -0 "${ETCD_PIDS[$i]}" 2>/dev/null || { cat "$WORK/etcd-m$i.log"; exit 1; }
      sleep 0.1
    done
  done
}

stop_etcd_cluster() { local pid; for pid in "${ETCD_PIDS[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done; ETCD_PIDS=(); }

summarize() { # name seconds messages-per-request logs-dir: "name msgs/s p50us p99us not-200"
  # h2load's log has a line per request: start (us), HTTP status, elapsed (us). A gRPC error is
  # an HTTP 200 too (grpc-status is in the trailers): grpc.sh counts those from the server's metrics
  cat "$4"/*.log | python3 src/bench/scripts/py/summarize.py "$1" "$2" "$3"
}
