#!/usr/bin/env bash
# `make deploy-test`: the stack of compose.yaml, run as processes on this machine (no
# container engine needed), then smoke-tested through the proxy, then stopped.
#
#   PostgreSQL primary   initdb in a temporary folder, port $PG_PRIMARY_PORT
#   PostgreSQL replica   pg_basebackup of the primary (streaming, hot standby), $PG_REPLICA_PORT
#   Redis                the server at $REDIS_URL (started here if none answers)
#   2 web processes      rightstrack serve on $WEB_PORTS (DATABASE_REPLICA_URL, REDIS_URL set)
#   1 worker             rightstrack db-worker
#   proxy                nginx (Debian package, installed when missing) on $PROXY_PORT
#
# Every address is on the loopback; every wait is bounded; everything started here is
# stopped on exit (trap), whatever happened.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${BIN:-$REPO/.venv/bin}"
PROXY_PORT="${PROXY_PORT:-8115}"
WEB_PORTS="${WEB_PORTS:-8116 8104}"
PG_PRIMARY_PORT="${PG_PRIMARY_PORT:-8117}"
PG_REPLICA_PORT="${PG_REPLICA_PORT:-8118}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/5}"
SAMPLE="$REPO/data/sample/upr-info/1-5.csv.gz"

say() { printf '[deploy-test] %s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

# --- what this needs, installed when missing (Debian packages) ---------------------
need_apt=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
ls /usr/lib/postgresql/*/bin/pg_basebackup >/dev/null 2>&1 || need_apt+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

WORK="$(mktemp -d /tmp/rightstrack-deploy-XXXXXX)"
chmod 755 "$WORK"
PIDS=()
AS_PG=()
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); fi

cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  [ -f "$WORK/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  [ -d "$WORK/replica" ] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/replica" -m fast stop >/dev/null 2>&1
  [ -d "$WORK/primary" ] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/primary" -m fast stop >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds="$1" what="$2"; shift 2
  for _ in $(seq 1 $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  fail "$what did not come up in ${seconds}s"
}

# --- PostgreSQL primary and streaming replica ---------------------------------------
say "PostgreSQL primary on $PG_PRIMARY_PORT"
mkdir -p "$WORK/primary" "$WORK/sock" "$WORK/pglog"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/primary" "$WORK/sock" "$WORK/pglog"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/primary" -U postgres -A trust >/dev/null
cat >> "$WORK/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PRIMARY_PORT
unix_socket_directories = '$WORK/sock'
wal_level = replica
max_wal_senders = 5
hot_standby = on
CONF
echo "host replication postgres 127.0.0.1/32 trust" >> "$WORK/primary/pg_hba.conf"
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/primary" -l "$WORK/pglog/primary.log" -w start >/dev/null
PRIMARY="postgres://postgres@127.0.0.1:$PG_PRIMARY_PORT/rightstrack"
"$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres rightstrack

say "PostgreSQL replica on $PG_REPLICA_PORT (pg_basebackup, streaming)"
mkdir -p "$WORK/replica"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/replica" && chmod 700 "$WORK/replica"
"${AS_PG[@]}" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres \
  -D "$WORK/replica" -R -X stream >/dev/null
cat >> "$WORK/replica/postgresql.conf" <<CONF
port = $PG_REPLICA_PORT
CONF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/replica" -l "$WORK/pglog/replica.log" -w start >/dev/null
REPLICA="postgres://postgres@127.0.0.1:$PG_REPLICA_PORT/rightstrack"
[ "$("$PGBIN/psql" -h 127.0.0.1 -p "$PG_REPLICA_PORT" -U postgres -Atc 'select pg_is_in_recovery()')" = t ] \
  || fail "the replica is not a standby"

# --- Redis --------------------------------------------------------------------------
if ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1; then
  say "starting redis-server on 6379"
  redis-server --port 6379 --bind 127.0.0.1 --save '' --daemonize no >"$WORK/redis.log" 2>&1 &
  PIDS+=($!)
  wait_for 20 "redis" redis-cli -u "$REDIS_URL" ping
fi
redis-cli -u "$REDIS_URL" flushdb >/dev/null

# --- the application ----------------------------------------------------------------
export DATABASE_URL="$PRIMARY" DATABASE_REPLICA_URL="$REPLICA" REDIS_URL
export RIGHTSTRACK_DATA_DIR="$WORK/data" DJANGO_SETTINGS_MODULE=rightstrack.settings
export RIGHTSTRACK_ALLOWED_HOSTS="127.0.0.1,localhost"
mkdir -p "$RIGHTSTRACK_DATA_DIR/static"
# an empty manifest: plain static names (collectstatic costs ~30 s of CPU; docs/operations.md)
echo '{"paths": {}, "version": "1.1"}' > "$RIGHTSTRACK_DATA_DIR/static/staticfiles.json"
say "migrate, seed, import $(basename "$SAMPLE") on the primary"
"$BIN/rightstrack" migrate -v0
"$BIN/rightstrack" seed-reference -v0
"$BIN/rightstrack" import "$SAMPLE" -v0
PRIMARY_COUNT="$("$PGBIN/psql" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -d rightstrack -Atc 'select count(*) from catalog_recommendation')"

upstreams=""
for port in $WEB_PORTS; do
  say "web process on $port"
  "$BIN/rightstrack" serve --bind "127.0.0.1:$port" --workers 2 >"$WORK/web-$port.log" 2>&1 &
  PIDS+=($!)
  upstreams+="    server 127.0.0.1:$port;"$'\n'
done
say "worker"
"$BIN/rightstrack" db-worker >"$WORK/worker.log" 2>&1 &
PIDS+=($!)

sed -e "s#@WORK@#$WORK#g" -e "s#@PROXY_PORT@#$PROXY_PORT#g" "$REPO/deploy/nginx.conf" \
  | awk -v ups="$upstreams" '{ if ($0 ~ /@UPSTREAMS@/) printf "%s", ups; else print }' \
  > "$WORK/nginx.conf"
for port in $WEB_PORTS; do wait_for 90 "web on $port" curl -fsS "http://127.0.0.1:$port/"; done
say "nginx on $PROXY_PORT"
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
wait_for 20 "nginx" curl -fsS "http://127.0.0.1:$PROXY_PORT/"

# --- smoke tests through the proxy --------------------------------------------------
P="http://127.0.0.1:$PROXY_PORT"
check() { say "ok: $*"; }
code="$(curl -s -o /dev/null -w '%{http_code}' "$P/recommendations/")"
[ "$code" = 200 ] || fail "list page answered $code"; check "list page 200"
curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' "$P/recommendations/" | grep -qi '^content-encoding: gzip' \
  || fail "list page not gzipped"; check "list page gzipped through the proxy"
curl -fsS "$P/api/v1/recommendations?limit=5" | grep -q '"results"\|"items"\|"data"' \
  || fail "API list"; check "API list"
etag="$(curl -s -D - -o /dev/null -b "$WORK/jar" -c "$WORK/jar" "$P/" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')"
code="$(curl -s -o /dev/null -w '%{http_code}' -b "$WORK/jar" -H "If-None-Match: $etag" "$P/")"
[ "$code" = 304 ] || fail "conditional GET answered $code"; check "conditional GET 304"
for _ in $(seq 1 50); do
  REPLICA_COUNT="$("$PGBIN/psql" -h 127.0.0.1 -p "$PG_REPLICA_PORT" -U postgres -d rightstrack -Atc 'select count(*) from catalog_recommendation')"
  [ "$REPLICA_COUNT" = "$PRIMARY_COUNT" ] && break; sleep 0.2
done
[ "$REPLICA_COUNT" = "$PRIMARY_COUNT" ] || fail "replica has $REPLICA_COUNT rows, primary $PRIMARY_COUNT"
check "replica streamed the import: $REPLICA_COUNT recommendations"
before="$("$PGBIN/psql" -h 127.0.0.1 -p "$PG_REPLICA_PORT" -U postgres -d rightstrack -Atc "select coalesce(sum(xact_commit),0) from pg_stat_database where datname='rightstrack'")"
# Ten different lists: a visitor's second visit of the same list is a kept page, which
# reads only the change token (portal/pages.py RecommendationList.cached).
for i in $(seq 1 10); do curl -fsS -o /dev/null "$P/recommendations/?page=$i"; done
# A backend reports its counts at most once a second while busy, and within 10 s once
# idle (PostgreSQL 15's cumulative statistics): fast pages are counted up to 10 s later.
for _ in $(seq 1 75); do
  after="$("$PGBIN/psql" -h 127.0.0.1 -p "$PG_REPLICA_PORT" -U postgres -d rightstrack -Atc "select coalesce(sum(xact_commit),0) from pg_stat_database where datname='rightstrack'")"
  [ "$after" -gt "$((before + 5))" ] && break; sleep 0.2
done
[ "$after" -gt "$((before + 5))" ] || fail "list pages did not read from the replica ($before -> $after)"
check "list pages read from the replica ($before -> $after transactions there)"
[ "$(redis-cli -u "$REDIS_URL" --scan --pattern 'rightstrack:*' | wc -l)" -gt 0 ] \
  || fail "nothing in the Redis cache"; check "cache in Redis"
served="$(awk '{print $NF}' "$WORK/access.log" | sort -u | wc -l)"
[ "$served" -ge 2 ] || fail "the proxy used $served web process(es)"; check "the proxy spread requests over $served web processes"
code="$(curl -s -o /dev/null -w '%{http_code}' "$P/static/rightstrack.css")"
[ "$code" = 200 ] || fail "static file answered $code"; check "static file"
for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || fail "process $pid died"; done
check "web processes and worker alive"
say "passed"
