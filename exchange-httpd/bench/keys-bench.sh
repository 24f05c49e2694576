#!/bin/bash
# /keys throughput benchmark (issue 7): cached /keys of a real exchange (PostgreSQL, three
# secmods, httpd, offline key-up; all from the install tree) next to a static-file baseline
# served by the same Netty stack (net.taler.http.StaticFileServer) with the same
# bytes, measured alternately in one run with wrk on loopback.
#
# Usage: mvn -B -q -DskipTests package && exchange-httpd/bench/keys-bench.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
DUR=${1:-10}
CONNS=${2:-16}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=$ROOT/dist/target/taler/bin
LIB=$ROOT/dist/target/taler/lib
[ -x "$B/taler-exchange-httpd" ] || { echo "build the install tree first: mvn -B -q -DskipTests package" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null || { echo "wrk missing" >&2; exit 1; }; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
W=$(mktemp -d /tmp/keys-bench.XXXXXX)
chmod 755 "$W"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$W"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$W/pg" "$W/sock"; [ "$(id -u)" = 0 ] && chown postgres "$W/pg" "$W/sock"
as_pg "$PGBIN/initdb" -D "$W/pg" -A trust >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$W/pg" -o "-k $W/sock -c listen_addresses='' -c fsync=off" -l "$W/pg/server.log" start >/dev/null
for i in $(seq 50); do as_pg "$PGBIN/pg_isready" -h "$W/sock" >/dev/null 2>&1 && break; sleep 0.2; done
as_pg psql -q -h "$W/sock" -d postgres -c "CREATE ROLE \"$(id -un)\" SUPERUSER LOGIN" 2>/dev/null || true
as_pg psql -q -h "$W/sock" -d postgres -c "CREATE DATABASE taler OWNER \"$(id -un)\""
PORT=$((20000 + RANDOM % 20000)); SPORT=$((PORT + 1))
cat > "$W/ex.conf" <<CONF
[taler]
CURRENCY = KUDOS
[PATHS]
TALER_HOME = $W/home
TALER_RUNTIME_DIR = $W/rt/
[exchange]
PORT = $PORT
BASE_URL = http://localhost:$PORT/
[exchangedb-postgres]
CONFIG = postgres:///taler?host=$W/sock
[exchange-offline]
MASTER_PRIV_FILE = $W/home/master.priv
SECM_TOFU_FILE = $W/home/tofu
CONF
for v in 0.1 0.5 1 2 5 10; do
  cat >> "$W/ex.conf" <<CONF
[coin_kudos_$v]
VALUE = KUDOS:$v
DURATION_WITHDRAW = 7 days
DURATION_SPEND = 2 years
DURATION_LEGAL = 3 years
FEE_DEPOSIT = KUDOS:0.01
FEE_WITHDRAW = KUDOS:0.01
FEE_REFRESH = KUDOS:0.01
FEE_REFUND = KUDOS:0.01
CIPHER = RSA
RSA_KEYSIZE = 2048
CONF
done
PUB=$("$B/taler-exchange-offline" -c "$W/ex.conf" setup)
"$B/taler-config" -c "$W/ex.conf" -s exchange -o MASTER_PUBLIC_KEY -V "$PUB"
"$B/taler-exchange-dbinit" -c "$W/ex.conf"
for s in rsa cs eddsa; do "$B/taler-exchange-secmod-$s" -c "$W/ex.conf" 2>"$W/$s.log" & PIDS+=($!); done
"$B/taler-exchange-httpd" -c "$W/ex.conf" 2>"$W/httpd.log" & PIDS+=($!)
for i in $(seq 150); do curl -sf "http://127.0.0.1:$PORT/management/keys" >/dev/null && break; sleep 0.2; done
"$B/taler-exchange-offline" -c "$W/ex.conf" download sign upload
for i in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/keys" > "$W/keys.json" && break; sleep 0.2; done
[ -s "$W/keys.json" ] || { curl -s "http://127.0.0.1:$PORT/keys"; tail -5 "$W/httpd.log"; exit 1; }
CP=$(ls "$LIB"/*.jar | tr '\n' ':')
java -cp "$CP" net.taler.http.StaticFileServer "$W/keys.json" "$SPORT" 2>"$W/static.log" & PIDS+=($!)
for i in $(seq 50); do curl -sf "http://127.0.0.1:$SPORT/static" >/dev/null && break; sleep 0.2; done
echo "/keys body: $(wc -c < "$W/keys.json") bytes, $(grep -o '"master_sig"' "$W/keys.json" | wc -l) master signatures; wrk ${DUR}s, $CONNS connections, 1 thread"
rate() { wrk -t1 -c"$CONNS" -d"${DUR}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
wrk -t1 -c"$CONNS" -d2s "http://127.0.0.1:$PORT/keys" >/dev/null; wrk -t1 -c"$CONNS" -d2s "http://127.0.0.1:$SPORT/static" >/dev/null
for round in 1 2; do
  k=$(rate "http://127.0.0.1:$PORT/keys"); s=$(rate "http://127.0.0.1:$SPORT/static")
  kd=$(rate -H 'Accept-Encoding: deflate' "http://127.0.0.1:$PORT/keys")
  printf 'round %d: /keys %10.0f req/s | static %10.0f req/s | ratio %.2f | /keys deflate %10.0f req/s\n' \
    "$round" "$k" "$s" "$(awk -v a="$k" -v b="$s" 'BEGIN{print a/b}')" "$kd"
done
