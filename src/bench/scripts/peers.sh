# Sourced by the benchmark scripts: a free loopback port, and a single-member etcd (Debian's
# etcd-server) started and stopped by its PID. Expects WORK (a scratch directory) to be set.

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

stop_etcd() { kill "$ETCD_PID"; wait "$ETCD_PID" 2>/dev/null || true; ETCD_PID=""; }
