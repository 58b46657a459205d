# The benchmark scripts' harness, sourced by each: the classpath of the bench classes, a scratch
# directory and the one service's cleanup, waiting for a started service to be ready, wrk's
# figures, a free loopback port, the moving-figures beat for wrk,
# etcd (one member or three) started and stopped by its PID, the service's nodes copied into etcd
# (for etcd's side of a listing), and the summary of h2load's request logs.
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

# a wrk script of heartbeats to random nodes of $UUIDS (a file, a uuid a line) whose report's
# figures are new each time, as an agent's are: each beat moves the figures' index entries
write_beat_lua() { # file
  cat > "$1" <<'LUA'
uuids = {}
for line in io.lines(os.getenv("UUIDS")) do uuids[#uuids + 1] = line end
math.randomseed(os.time())
request = function()
  local body = string.format('{"resource":{"cpu_usage_percent":%.1f,"memory_usage_percent":%.1f,' ..
    '"total_memory_bytes":68719476736,"used_memory_bytes":41875931136,"available_memory_bytes":%d,' ..
    '"disk_usage_percent":%.1f,"total_disk_bytes":1099511627776,"used_disk_bytes":439804651110,' ..
    '"network_rx_bytes_per_sec":125000,"network_tx_bytes_per_sec":80000,"load_average_1m":%.2f,' ..
    '"load_average_5m":1.5,"load_average_15m":1.2}}',
    math.random() * 100, math.random() * 100, math.random(1, 68719476736), math.random() * 100, math.random() * 8)
  return wrk.format("POST", "/api/v1/nodes/" .. uuids[math.random(#uuids)] .. "/heartbeat",
    {["Content-Type"] = "application/json"}, body)
end
LUA
}

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
  python3 - "$1" <<'PY'
import json, sys, urllib.parse, urllib.request
base, token = sys.argv[1], None
while True:
    query = "limit=1000" + ("&page_token=" + urllib.parse.quote(token) if token else "")
    page = json.load(urllib.request.urlopen(base + "/api/v1/nodes?" + query))
    for node in page["nodes"]:
        print(json.dumps(node, separators=(",", ":")))
    token = page.get("next_page_token")
    if not token:
        break
PY
}

load_etcd_nodes() { # etcd base url: writes $WORK/nodes.jsonl (export_nodes) under sms/nodes/UUID, 128 puts a txn
  python3 - "$1" "$WORK/nodes.jsonl" <<'PY'
import base64, json, sys, urllib.request
url, lines = sys.argv[1] + "/v3/kv/txn", open(sys.argv[2]).read().splitlines()
b64 = lambda text: base64.b64encode(text.encode()).decode()
for i in range(0, len(lines), 128):
    puts = [{"request_put": {"key": b64("sms/nodes/" + json.loads(line)["uuid"]), "value": b64(line)}}
            for line in lines[i:i + 128]]
    request = urllib.request.Request(url, json.dumps({"success": puts}).encode(), {"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
PY
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
  cat "$4"/*.log | python3 -c '
import sys
name, seconds, per = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
rows = [l.split() for l in sys.stdin]
ok = sorted(int(f[2]) for f in rows if f[1] == "200")
pct = lambda p: ok[min(len(ok) - 1, int(p * len(ok)))] if ok else 0
print(name, int(len(ok) * per / seconds), pct(0.50), pct(0.99), len(rows) - len(ok))' "$1" "$2" "$3"
}
