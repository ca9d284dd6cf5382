# Private PostgreSQL and Redis servers for local runs and benchmarks; source this file.
#   stores_start DIR   initdb (once) and start both on free loopback ports; exports
#                      AGORA_DATABASE_URL, AGORA_REDIS_URL, STORES_PG_PORT, STORES_PGBIN, STORES_AS_PG
#   stores_stop        stops both
#   stores_redis_stop, stores_redis_start   stop Redis alone and start it again (on the same port)
# STORES_PG_OPTIONS adds server options (the bench loads pg_stat_statements with it).
# Servers are started with setsid, so a Ctrl-C meant for agora does not stop them first.

stores_free_port() {
  local port
  for port in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port near $1" >&2
  return 1
}

stores_start() {
  STORES_DIR="$1"
  mkdir -p "$STORES_DIR"
  STORES_PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  STORES_AS_PG=()
  # PostgreSQL refuses to run as root: run it as the postgres user, who must reach the data dir.
  if [[ $(id -u) -eq 0 ]]; then
    STORES_AS_PG=(runuser -u postgres --)
    if ! runuser -u postgres -- test -x "$STORES_DIR"; then
      STORES_DIR="/var/tmp/agora-$(echo "$1" | md5sum | cut -c1-8)"
      echo "note: the postgres user cannot reach $1; keeping the stores' data in $STORES_DIR" >&2
      mkdir -p "$STORES_DIR"
    fi
    chown postgres:postgres "$STORES_DIR"
  fi
  STORES_PG_PORT="$(stores_free_port 55432)"
  STORES_REDIS_PORT="$(stores_free_port 56379)"

  if [[ ! -d "$STORES_DIR/pg" ]]; then
    "${STORES_AS_PG[@]}" "$STORES_PGBIN/initdb" -D "$STORES_DIR/pg" -U agora --auth=trust -E UTF8 --locale=C \
      >"$STORES_DIR/initdb.log"
  fi
  setsid "${STORES_AS_PG[@]}" "$STORES_PGBIN/pg_ctl" -D "$STORES_DIR/pg" -l "$STORES_DIR/postgres.log" -w \
    -o "-p $STORES_PG_PORT -k $STORES_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 ${STORES_PG_OPTIONS:-}" start >/dev/null
  "${STORES_AS_PG[@]}" "$STORES_PGBIN/psql" -h 127.0.0.1 -p "$STORES_PG_PORT" -U agora -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'agora'" | grep -q 1 ||
    "${STORES_AS_PG[@]}" "$STORES_PGBIN/createdb" -h 127.0.0.1 -p "$STORES_PG_PORT" -U agora agora
  stores_redis_start

  export AGORA_DATABASE_URL="postgresql://agora@127.0.0.1:$STORES_PG_PORT/agora"
  export AGORA_REDIS_URL="redis://127.0.0.1:$STORES_REDIS_PORT/0"
  echo "PostgreSQL on 127.0.0.1:$STORES_PG_PORT, Redis on 127.0.0.1:$STORES_REDIS_PORT, data in $STORES_DIR" >&2
}

stores_redis_start() {
  setsid redis-server --port "$STORES_REDIS_PORT" --bind 127.0.0.1 --dir "$STORES_DIR" --save "" \
    --appendonly no --daemonize yes --logfile "$STORES_DIR/redis.log"
}

stores_redis_stop() { redis-cli -p "$STORES_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; }

stores_stop() {
  "${STORES_AS_PG[@]}" "$STORES_PGBIN/pg_ctl" -D "$STORES_DIR/pg" -m fast stop >/dev/null 2>&1 || true
  stores_redis_stop
}
