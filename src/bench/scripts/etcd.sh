#!/usr/bin/env bash
# kv.backend=etcd under load: two packaged SMS replicas over one three-member etcd cluster on
# loopback (data on this disk, fsync on, as in production), beside raw etcd puts of the same size
# on the same cluster. Builds nothing: run
#   ./mvnw package -DskipTests && ./mvnw -q -Pbench test-compile
# first. Usage: src/bench/scripts/etcd.sh N [DURATION_SECONDS]
# Prints: the heartbeat rate through both replicas (wrk, closed loop) against etcd's put rate
# through two members' JSON gateways, the conflict retries, and heartbeat latency at half the
# measured rate (h2load --rps, open loop: percentiles from every request's own time); the cores the
# SMS replicas and the etcd members used in each run, and the store calls per heartbeat.
# SMS_BENCH_JVM_WARMUP (seconds of beats before measuring), SMS_BENCH_JAVA_OPTS (say, a JFR recording),
# SMS_BENCH_SOAK_SECONDS (then a soak of that length, with etcd's database size each minute).
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${1:?usage: etcd.sh N [DURATION_SECONDS]}
DURATION=${2:-20}
JVM_WARMUP=${SMS_BENCH_JVM_WARMUP:-600} # on 2 shared cores the JIT settles after about 8 minutes of beats
CONNECTIONS=16 # per replica (and per etcd member for the puts)
JAR=${SMS_BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw package -DskipTests first" >&2; exit 1; }
[ -f target/test-classes/io/spear/next/bench/Preload.class ] || { echo "run ./mvnw -q -Pbench test-compile first" >&2; exit 1; }
for tool in wrk h2load etcd curl; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install wrk nghttp2-client etcd-server curl)" >&2; exit 1; }; done

WORK=$(mktemp -d /tmp/sms-bench-etcd.XXXXXX)
SMS_PIDS=()
ETCD_PIDS=()
cleanup() {
  local pid
  for pid in "${SMS_PIDS[@]}" "${ETCD_PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
. src/bench/scripts/harness.sh

CP=$(bench_classpath)

start_etcd_cluster "$WORK/etcd"
KV_ETCD_NAMESPACE=/bench/ java -cp "$CP" io.spear.next.bench.Preload "etcd=$ETCD_ENDPOINTS" "$N" "$WORK/uuids.txt"
IFS=, read -r -a MEMBERS <<< "$ETCD_ENDPOINTS"

PORTS=()
for r in 0 1; do
  start_service "$WORK/sms-$r.log" KV_BACKEND=etcd KV_ETCD_ENDPOINTS="$ETCD_ENDPOINTS" KV_ETCD_NAMESPACE=/bench/ \
    -Xmx256m ${SMS_BENCH_JAVA_OPTS:-}
  SMS_PIDS+=("$SMS_PID")
  PORTS+=("$SMS_PORT")
done

# a heartbeat with a full report, as http.sh sends it
BODY=$(cat src/bench/scripts/wrk/beat.json)
# every wrk script ends with the same report: "RESULT <req/s> <p50 us> <p99 us> <non-2xx> <requests>"
cat > "$WORK/result.lua" <<'LUA'
function done(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.0f %.0f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), summary.errors.status, summary.requests))
end
LUA
# each beat reports a new cpu figure, as agents do: the cluster totals move with every beat. An
# agent talks to one replica (its connection, or its gRPC stream, stays there): the nodes are split
# between the replicas, and each wrk process beats its replica's half (UUIDS).
awk 'NR % 2 == 1' "$WORK/uuids.txt" > "$WORK/uuids-0.txt"
awk 'NR % 2 == 0' "$WORK/uuids.txt" > "$WORK/uuids-1.txt"
cat > "$WORK/beat.lua" <<LUA
uuids = {}
for line in io.lines(os.getenv("UUIDS") or "$WORK/uuids.txt") do uuids[#uuids + 1] = line end
-- each wrk process its own sequence (two processes started in one second would share os.time())
math.randomseed(tonumber(os.getenv("SEED") or "1") * 7919 + os.time())
local head = '$BODY'
request = function()
  local body = head:gsub('"cpu_usage_percent":42.5', '"cpu_usage_percent":' .. string.format("%.1f", math.random() * 100))
  return wrk.format("POST", "/api/v1/nodes/" .. uuids[math.random(#uuids)] .. "/heartbeat", {["Content-Type"] = "application/json"}, body)
end
LUA
# a put of the same size: a node key and a heartbeat-sized value, base64 as the gateway wants
VALUE_B64=$(head -c ${#BODY} /dev/zero | tr '\0' 'x' | base64 -w0)
cat > "$WORK/put.lua" <<LUA
uuids = {}
for line in io.lines("$WORK/uuids.txt") do uuids[#uuids + 1] = line end
math.randomseed(tonumber(os.getenv("SEED") or "1") * 7919 + os.time())
local function b64(s)
  local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  return ((s:gsub('.', function(x) local r, b = '', x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and '1' or '0') end return r end) .. '0000')
    :gsub('%d%d%d?%d?%d?%d?', function(x) if #x < 6 then return '' end local c = 0
      for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end return chars:sub(c + 1, c + 1) end)
    .. ({'', '==', '='})[#s % 3 + 1])
end
request = function()
  return wrk.format("POST", "/v3/kv/put", nil, '{"key":"' .. b64("/raw/" .. uuids[math.random(#uuids)]) .. '","value":"$VALUE_B64"}')
end
LUA

cat "$WORK/result.lua" >> "$WORK/beat.lua"
cat "$WORK/result.lua" >> "$WORK/put.lua"

pair() { # url0 url1 script duration: two wrk processes at once, one per target; prints summed rps, worst p50/p99, non-2xx
  SEED=1 UUIDS="$WORK/uuids-0.txt" wrk -t1 -c$CONNECTIONS -d${4}s --latency -s "$WORK/$3" "$1" | grep '^RESULT' > "$WORK/pair-0" &
  local w0=$!
  SEED=2 UUIDS="$WORK/uuids-1.txt" wrk -t1 -c$CONNECTIONS -d${4}s --latency -s "$WORK/$3" "$2" | grep '^RESULT' > "$WORK/pair-1" &
  local w1=$!
  wait $w0 $w1
  cat "$WORK/pair-0" "$WORK/pair-1" | awk '{ rps += $2; if ($3 > p50) p50 = $3; if ($4 > p99) p99 = $4; bad += $5; n += $6 }
    END { printf "%d %.2f %.2f %d %d\n", rps, p50 / 1000, p99 / 1000, bad, n }'
}

A="http://127.0.0.1:${PORTS[0]}"
B="http://127.0.0.1:${PORTS[1]}"
echo "warming the JVMs for ${JVM_WARMUP}s..." >&2
pair "$A" "$B" beat.lua "$JVM_WARMUP" > /dev/null
conflicts() { local sum=0 r v; for r in 0 1; do v=$(curl -s "http://127.0.0.1:${PORTS[$r]}/q/metrics" | awk '/^sms_registry_conflicts_total/ { print $2 }'); sum=$(echo "$sum + ${v:-0}" | bc); done; echo "$sum"; }
# where the two cores go during a run: CPU seconds of the SMS JVMs and of the etcd members (utime +
# stime from /proc), and the machine's idle time (/proc/stat), per second of the run
ticks() { local pid sum=0; for pid in "$@"; do sum=$(( sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") )); done; echo $sum; }
idle() { awk '/^cpu / { print $5 + $6 }' /proc/stat; }
cpu_share() { # before-line after-line: "sms etcd idle" in cores
  read -r s0 e0 i0 <<< "$1"; read -r s1 e1 i1 <<< "$2"
  local hz; hz=$(getconf CLK_TCK)
  echo "scale=2; ($s1 - $s0) / $hz / $DURATION" | bc | tr '\n' ' '
  echo "scale=2; ($e1 - $e0) / $hz / $DURATION" | bc | tr '\n' ' '
  echo "scale=2; ($i1 - $i0) / $hz / $DURATION" | bc
}
snapshot() { echo "$(ticks "${SMS_PIDS[@]}") $(ticks "${ETCD_PIDS[@]}") $(idle)"; }
# store calls by operation, summed over both replicas: "operation count" lines
store_calls() { local r; for r in 0 1; do curl -s "http://127.0.0.1:${PORTS[$r]}/q/metrics"; done |
  awk -F'[{}]' '/^sms_kv_operations_seconds_count/ { match($2, /operation="[^"]*"/); op = substr($2, RSTART + 11, RLENGTH - 12); split($3, v, " "); n[op] += v[1] }
  END { for (op in n) print op, n[op] }' | sort; }
C0=$(conflicts)
K0=$(store_calls)
T0=$(snapshot)
SMS=$(pair "$A" "$B" beat.lua "$DURATION")
T1=$(snapshot)
K1=$(store_calls)
C1=$(conflicts)
ETCD=$(pair "${MEMBERS[0]}" "${MEMBERS[1]}" put.lua "$DURATION")
T2=$(snapshot)

# latency at half the measured heartbeat rate, open loop (h2load --rps per client, HTTP/1.1)
SMS_RPS=$(echo "$SMS" | cut -d' ' -f1)
PER_CLIENT=$(( SMS_RPS / 2 / (2 * CONNECTIONS) )); [ "$PER_CLIENT" -ge 1 ] || PER_CLIENT=1
printf '%s' "$BODY" > "$WORK/body.json"
H2LOAD_PIDS=()
for r in 0 1; do
  awk -v base="http://127.0.0.1:${PORTS[$r]}" 'NR <= 1000 { print base "/api/v1/nodes/" $1 "/heartbeat" }' "$WORK/uuids-$r.txt" > "$WORK/uris-$r.txt"
  h2load --h1 -c$CONNECTIONS --rps=$PER_CLIENT -D $DURATION -d "$WORK/body.json" -H 'Content-Type: application/json' \
         --log-file="$WORK/h2load-$r.log" -i "$WORK/uris-$r.txt" > "$WORK/h2load-$r.out" 2>&1 &
  H2LOAD_PIDS+=($!)
done
wait "${H2LOAD_PIDS[@]}"
# log lines: start time (us), status, request time (us)
HALF=$(cat "$WORK"/h2load-*.log | awk '{ print $3, $2 }' | sort -n | awk '{ t[NR] = $1; if ($2 >= 300 || $2 < 200) bad++ }
  END { printf "%d %.2f %.2f %d", NR / '"$DURATION"', t[int(NR * 0.5)] / 1000, t[int(NR * 0.99)] / 1000, bad }')

read -r s_rps s_p50 s_p99 s_bad s_n <<< "$SMS"
read -r e_rps e_p50 e_p99 e_bad e_n <<< "$ETCD"
read -r h_rps h_p50 h_p99 h_bad <<< "$HALF"
echo
echo "### kv.backend=etcd: two SMS replicas, one 3-member etcd (fsync), N=$N nodes, ${DURATION}s, $(date -u +%F), $(nproc) cores"
echo
echo "| load | req/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---:|---:|---:|---:|"
echo "| heartbeat+resource through both replicas (wrk, 2×$CONNECTIONS connections) | $s_rps | $s_p50 | $s_p99 | $s_bad |"
echo "| etcd put of ${#BODY} B through two members (wrk, 2×$CONNECTIONS connections) | $e_rps | $e_p50 | $e_p99 | $e_bad |"
echo "| heartbeat at half that rate (h2load --rps, open loop) | $h_rps | $h_p50 | $h_p99 | $h_bad |"
echo
echo "| run | SMS replicas (cores) | etcd members (cores) | idle (cores) |"
echo "|---|---:|---:|---:|"
echo "| heartbeats | $(cpu_share "$T0" "$T1" | sed 's/ / | /g') |"
echo "| etcd puts | $(cpu_share "$T1" "$T2" | sed 's/ / | /g') |"
echo
echo "store calls per heartbeat (both replicas):"
join -a2 -e0 -o 0,1.2,2.2 <(echo "$K0") <(echo "$K1") | awk -v n="$(echo "$SMS" | cut -d' ' -f5)" '$3 > $2 { printf "  %s %.3f\n", $1, ($3 - $2) / n }'
echo
echo "heartbeats / etcd puts: $(echo "scale=2; $s_rps / $e_rps" | bc)x; conflict retries: $(echo "$C1 - $C0" | bc) of $s_n heartbeats ($(echo "scale=3; 100 * ($C1 - $C0) / $s_n" | bc) %)"

# The soak (SMS_BENCH_SOAK_SECONDS, say 1800): heartbeats through both replicas for that long at the
# rate they sustain, with the leader compacting etcd's history every sms.leader.compaction-interval
# (60 s by default); every minute, the largest member's database size (file and in use) against
# half of etcd's quota (2 GiB by default, as here).
SOAK=${SMS_BENCH_SOAK_SECONDS:-}
[ -n "$SOAK" ] || exit 0
QUOTA=$((2 * 1024 * 1024 * 1024))
beats() { local r sum=0 v; for r in 0 1; do v=$(curl -s "http://127.0.0.1:${PORTS[$r]}/q/metrics" | awk '/^sms_heartbeats_total/ { s += $2 } END { printf "%d", s }'); sum=$((sum + v)); done; echo $sum; }
db() { # "revision db-bytes in-use-bytes", the largest over the members
  local m
  for m in "${MEMBERS[@]}"; do curl -s -X POST "$m/v3/maintenance/status" -d '{}'; echo; done |
    sed -E 's/.*"revision":"?([0-9]+).*"dbSize":"?([0-9]+).*"dbSizeInUse":"?([0-9]+).*/\1 \2 \3/' |
    awk '{ if ($1 > r) r = $1; if ($2 > d) d = $2; if ($3 > u) u = $3 } END { print r, d, u }'
}
echo
echo "### soak: ${SOAK}s of heartbeats through both replicas, compaction every 60 s, quota $((QUOTA >> 20)) MiB"
echo
echo "| minute | heartbeats/s | etcd revision | db size MiB | in use MiB |"
echo "|---:|---:|---:|---:|---:|"
pair "$A" "$B" beat.lua "$SOAK" > "$WORK/soak" &
SOAK_PID=$!
b0=$(beats); largest=0; minute=0
while kill -0 $SOAK_PID 2>/dev/null; do
  sleep 60
  minute=$((minute + 1))
  b1=$(beats)
  read -r rev size used <<< "$(db)"
  [ "$size" -gt "$largest" ] && largest=$size
  echo "| $minute | $(( (b1 - b0) / 60 )) | $rev | $((size >> 20)) | $((used >> 20)) |"
  b0=$b1
done
wait $SOAK_PID
read -r k_rps k_p50 k_p99 k_bad k_n <<< "$(cat "$WORK/soak")"
echo
echo "soak: $k_n heartbeats, $k_rps/s, p99 $k_p99 ms, $k_bad non-2xx; largest database $((largest >> 20)) MiB of the $((QUOTA >> 21)) MiB bar (half the quota)"
