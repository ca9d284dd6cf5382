#!/usr/bin/env bash
# Measures Agora's HTTP path against a bare Boost.Beast server in one run and prints
# requests/s, p99 and the ratio of each scenario to that ceiling. See bench/README.md.
#   BENCH_DURATION=10 BENCH_CONNECTIONS=32 BENCH_SERVER_THREADS=1 BENCH_LOG_LEVEL=info bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/stores.sh

duration="${BENCH_DURATION:-10}"
connections="${BENCH_CONNECTIONS:-32}"
server_threads="${BENCH_SERVER_THREADS:-1}"
log_level="${BENCH_LOG_LEVEL:-info}"
# BENCH_SECTIONS: which parts to run, e.g. "cart" alone while working on the cart.
sections="${BENCH_SECTIONS:-platform catalog inventory events users notification cart checkout search ratelimit}"
wants() { [[ " $sections " == *" $1 "* ]]; }
build=build-bench

bash scripts/setup.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAGORA_BUILD_BENCH=ON -DAGORA_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target agora-bench-server agora-bare-beast agora-bench-ws agora-bench-search-lag >/dev/null
ulimit -n "$(ulimit -Hn)"  # a thousand WebSockets on each side

work="$(mktemp -d /tmp/agora-bench-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stores_stop
  rm -rf "$work"
}
trap cleanup EXIT
# pg_stat_statements counts the statements each scenario costs (the cost-per-operation rows).
STORES_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements" stores_start "$work" 2>/dev/null
"$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null

# Two cores: the servers get core 0, wrk gets core 1, the same for every scenario.
server_cpu=(taskset -c 0)
client_cpu=(taskset -c 1)
if [[ $(nproc) -lt 2 ]]; then server_cpu=(); client_cpu=(); fi
server_cores="$("${server_cpu[@]}" nproc)"  # nproc counts the cpus the pinning allows

ceiling_port="$(stores_free_port 18181)"
"${server_cpu[@]}" "$build/bench/agora-bare-beast" "$ceiling_port" "$server_threads" &
pids+=($!)

# The catalog: a generated catalog of BENCH_PRODUCTS products, imported before the server starts
# (the server then loads it into its read model); fx answers from fixed rates. Its categories are
# rows written first (the import takes products only, which name their category by its fixed id).
products="${BENCH_PRODUCTS:-100000}"
export AGORA_FX_PROVIDERS=fixed AGORA_FX_FIXED_BASE=EUR AGORA_FX_FIXED_RATES="USD=1.08,JPY=162.5,GBP=0.86"
"$build/bench/agora-bench-server" migrate --config-dir config >"$work/migrate.log" 2>&1
bench/catalog_products.sh --categories | "$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -qc \
  "\copy catalog.categories (id, parent_id, slug, name, created_at, updated_at) FROM pstdin WITH (FORMAT csv)"
bench/catalog_products.sh "$products" >"$work/products.ndjson"
import_started=$(date +%s.%N)
AGORA_LOG_LEVEL=warn "$build/bench/agora-bench-server" catalog import "$work/products.ndjson" --config-dir config \
  >"$work/import.log" 2>&1 || { tail -5 "$work/import.log"; exit 1; }
import_seconds="$(awk -v a="$import_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')"
"$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -Atc "SELECT id FROM catalog.products ORDER BY random() LIMIT 2000" >"$work/ids"
# quiet_database: vacuum and checkpoint now, so that autovacuum and checkpoints after the bulk
# writes do not land in the middle of a measurement.
quiet_database() { "$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -q -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null; }

# The notification module sends email to a local SMTP server (the tests' aiosmtpd, on the client's cpu).
smtp_port="$(stores_free_port 18325)"
"${client_cpu[@]}" /usr/bin/python3 test/smtp/agora_smtp.py serve "$smtp_port" "$work/mail" &
pids+=($!)
export AGORA_NOTIFICATION_SMTP_HOST=127.0.0.1 AGORA_NOTIFICATION_SMTP_PORT="$smtp_port" AGORA_NOTIFICATION_SMTP_TLS=none

agora_port="$(stores_free_port 18281)"
# start_agora PORT [VAR=VALUE...]: starts a server on PORT (rate limits off unless told: every
# scenario's requests come from one address) and waits until it is ready.
start_agora() {
  local port="$1"
  shift
  server_started=$(date +%s.%N)
  env AGORA_CART_MAX_QUANTITY=1000000 AGORA_HTTP_PORT="$port" AGORA_HTTP_HOST=127.0.0.1 \
    AGORA_HTTP_THREADS="$server_threads" AGORA_LOG_LEVEL="$log_level" AGORA_KAFKA_BROKERS=embedded \
    AGORA_SEARCH_INDEX_DIR="$work/search" AGORA_RATE_LIMIT_ENABLED=false "$@" \
    "${server_cpu[@]}" "$build/bench/agora-bench-server" serve --migrate --config-dir config >>"$work/agora.log" 2>&1 &
  agora_pid=$!
  pids+=("$agora_pid")
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$work/agora.log"; exit 1; }
}
start_agora "$agora_port"

# The import's events reach the server's dispatchers (the Kafka mirror) after it starts: let them
# drain before any scenario, or they would share the server's core with the measured requests.
for _ in $(seq 600); do
  backlog="$(curl -fs "http://127.0.0.1:$agora_port/metrics" | awk '$1 == "agora_outbox_backlog" {print $2}')"
  [[ ${backlog:-1} == 0 ]] && break
  sleep 1
done
[[ ${backlog:-1} == 0 ]] || echo "warning: $backlog events still pending delivery during the scenarios" >&2
api="http://127.0.0.1:$agora_port/api/v1"
# metric NAME{LABELS} [PORT]: a counter's value from /metrics (0 when absent), of the server on PORT
# (the first one unless told).
metric() { curl -fs "http://127.0.0.1:${2:-$agora_port}/metrics" | awk -v m="$1" '$1 == m {v = $2} END {print v + 0}'; }

# The search index builds itself from the catalog at start (searches answer 503 meanwhile): no
# scenario starts before it is built, or it would share the server's core with the build. Its time
# from the server's start is a figure of the search section. wait_for_index [PORT]: of the server on
# PORT (the first one unless told).
wait_for_index() {
  local port="${1:-$agora_port}"
  index_seconds=""
  for _ in $(seq 3000); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/search?limit=1") == 200 &&
      $(metric agora_search_documents "$port") == "$products" ]]; then
      index_seconds="$(awk -v a="$server_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')"
      break
    fi
    sleep 0.2
  done
  [[ -n $index_seconds ]] || echo "warning: the search index was not built within 10 minutes" >&2
}
wait_for_index
quiet_database
# token_of EMAIL PASSWORD: an access token of that account (it lasts 15 minutes).
token_of() {
  local token
  token="$(curl -fsS -H "Content-Type: application/json" \
    -d "{\"grant_type\":\"password\",\"email\":\"$1\",\"password\":\"$2\"}" "$api/auth/token" |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
  [[ -n $token ]] || { echo "no access token from $api/auth/token" >&2; return 1; }
  echo "$token"
}
# sign_up EMAIL PASSWORD: registers an account and prints an access token (it lasts 15 minutes,
# longer than the run).
sign_up() {
  curl -fsS -o /dev/null -H "Content-Type: application/json" \
    -d "{\"email\":\"$1\",\"password\":\"$2\",\"name\":\"Bench User\"}" "$api/auth/register"
  token_of "$1" "$2"
}


# measure CONNECTIONS URL [WRK ARGS...]: wrk prints "Requests/sec: N" and, with --latency, "99%  1.23ms".
# Errors would make the figures meaningless (a 401 is cheap), so they are reported.
measure() {
  local out rps p99
  out="$("${client_cpu[@]}" wrk -t1 -c"$1" -d"${duration}s" --latency "${@:2}")"
  grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s|^ *|warning: $2: |" >&2 || true
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  echo "$rps $p99"
}

# This machine's speed drifts by a factor of three within minutes (other tenants): each ratio
# divides by a ceiling measured right before its scenario, shown in the "ceiling" column.
# measure_ceiling [CONNECTIONS]: with BENCH_CONNECTIONS unless told.
measure_ceiling() {
  read -r ceiling_rps ceiling_p99 <<<"$(measure "${1:-$connections}" "http://127.0.0.1:$ceiling_port/")"
}

echo "agora bench: ${duration}s per scenario, $connections connections, wrk 1 thread on cpu 1," \
  "servers on cpu 0 with $server_threads io thread(s), agora log level $log_level"
if wants platform; then
  measure_ceiling
  printf '%-22s %12s %10s %8s %8s %-7s %s\n' scenario "requests/s" p99 ratio target verdict ceiling
  printf '%-22s %12.0f %10s %8s %8s\n' "bare beast (ceiling)" "$ceiling_rps" "$ceiling_p99" "1.00" "-"
  for scenario in "inline:/bench/inline:0.8" "worker pool:/bench/worker:0.5" "SELECT 1 via pool:/bench/db:-"; do
    IFS=: read -r name path target <<<"$scenario"
    measure_ceiling
    read -r rps p99 <<<"$(measure "$connections" "http://127.0.0.1:$agora_port$path")"
    if [[ $name == inline ]]; then inline_rps="$rps"; fi
    ratio="$(awk -v a="$rps" -v b="$ceiling_rps" 'BEGIN {printf "%.2f", a / b}')"
    verdict=""
    if [[ $target != "-" ]]; then
      verdict="$(awk -v r="$ratio" -v t="$target" 'BEGIN {print (r >= t) ? "PASS" : "BELOW"}')"
    fi
    printf '%-22s %12.0f %10s %8s %8s %-7s %.0f\n' "$name" "$rps" "$p99" "$ratio" "$target" "$verdict" "$ceiling_rps"
  done
fi

if wants catalog; then
  # Catalog reads on $products products: product pages (rendered once, then from memory on the io
  # thread), and a filtered, sorted listing page of 24 (p95 against the 10 ms target, 4 connections).
  "${client_cpu[@]}" wrk -t1 -c"$connections" -d2s -s bench/product_pages.lua "$api/catalog/products" -- "$work/ids" >/dev/null
  measure_ceiling
  read -r rps p99 <<<"$(measure "$connections" "$api/catalog/products" -s bench/product_pages.lua -- "$work/ids")"
  ratio="$(awk -v a="$rps" -v b="$ceiling_rps" 'BEGIN {printf "%.2f", a / b}')"
  verdict="$(awk -v r="$ratio" 'BEGIN {print (r >= 0.6) ? "PASS" : "BELOW"}')"
  rss_mb="$(( $(ps -o rss= -p "$agora_pid") / 1024 ))"
  printf '\n%-22s %12s %10s %8s %8s (import of %s products: %s s; server RSS %s MiB)\n' "catalog" "requests/s" p99 \
    ratio target "$products" "$import_seconds" "$rss_mb"
  printf '%-22s %12.0f %10s %8s %8s %-7s %.0f\n' "product by id (cached)" "$rps" "$p99" "$ratio" "0.6" "$verdict" \
    "$ceiling_rps"
  # Filtered listings have the 10 ms p95 target; the whole catalog sorted by price (every product
  # priced per request) is reported only.
  for listing in "brand=brand-7&attr.colour=black&sort=price|10" "attr.colour=red&min_price=1000&max_price=5000&sort=-price|10" \
    "brand=brand-3&brand=brand-4&sort=rating|10" "sort=price|-"; do
    IFS='|' read -r query target <<<"$listing"
    out="$("${client_cpu[@]}" wrk -t1 -c4 -d"${duration}s" --latency -s bench/p95.lua "$api/catalog/products?$query&limit=24")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p95="$(awk '$1 == "p95" {print $2}' <<<"$out")"
    verdict=""
    if [[ $target != "-" ]]; then verdict="$(awk -v p="${p95%ms}" -v t="$target" 'BEGIN {print (p + 0 < t) ? "PASS" : "BELOW"}')"; fi
    [[ $target == - ]] || target="${target}ms"
    printf '%-22s %12.0f %10s %8s %8s %s  ?%s\n' "listing (p95)" "$rps" "$p95" "-" "$target" "$verdict" "$query"
  done
fi

# Inventory: reserve one unit and release it again (bench/reservations.lua), on one hot SKU and
# spread over BENCH_SKUS SKUs, against pgbench -N on the same PostgreSQL measured right before: the
# durable-commit ceiling. Each pair costs two commits (reserve, release), so 0.5 is the most the
# ratio can be. p99 is over both requests. An administrator stocks the SKUs by CSV. Each row also
# shows what a pair costs the database and the event latency meanwhile.
skus="${BENCH_SKUS:-1000}"
admin_email="bench-admin-$(date +%s)-$$@example.com"
printf 'bench-%s-%s-%s-admin' "$RANDOM" "$RANDOM" "$RANDOM" >"$work/admin-password"
AGORA_LOG_LEVEL=warn "$build/bench/agora-bench-server" users create-admin --email "$admin_email" \
  --password-file "$work/admin-password" --config-dir config >"$work/admin.log" 2>&1 || { cat "$work/admin.log"; exit 1; }
admin_token="$(token_of "$admin_email" "$(cat "$work/admin-password")")"
curl -fsS -o /dev/null -H "Authorization: Bearer $admin_token" -H "Content-Type: application/json" \
  -d '{"code":"BENCH-1","name":"Bench warehouse"}' "$api/admin/inventory/warehouses"
{ echo "sku,warehouse,on_hand"; for ((i = 0; i < skus; i++)); do echo "SKU-$i-S,BENCH-1,1000000000"; done; } \
  >"$work/stock.csv"
curl -fsS -o "$work/stock-import.json" -H "Authorization: Bearer $admin_token" -H "Content-Type: text/csv" \
  --data-binary @"$work/stock.csv" "$api/admin/inventory/stock/import"
grep -q "\"imported\":$skus," "$work/stock-import.json" || { cat "$work/stock-import.json"; exit 1; }

pg=(-h 127.0.0.1 -p "$STORES_PG_PORT" -U agora)
"$STORES_PGBIN/createdb" "${pg[@]}" pgbench_scratch
"$STORES_PGBIN/pgbench" "${pg[@]}" -i -q -s 10 pgbench_scratch >"$work/pgbench-init.log" 2>&1
# pgbench -N (three statements and one commit a transaction) on the same PostgreSQL, measured right
# before each scenario it is the ceiling of.
pgbench_ceiling() {
  "${client_cpu[@]}" "$STORES_PGBIN/pgbench" "${pg[@]}" -N -M prepared -c "$connections" -j 1 -T "$duration" \
    pgbench_scratch 2>/dev/null | awk '$1 == "tps" {print $3; exit}'
}
# db_counters: "statements commits" of the agora database so far (pg_stat_statements, pg_stat_database).
db_counters() {
  sleep 1  # backends report their statistics when idle, at most once a second
  "$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -Atc "SELECT (SELECT sum(calls) FROM pg_stat_statements s
    JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'agora'), xact_commit FROM pg_stat_database
    WHERE datname = 'agora'" | tr '|' ' '
}
# histogram_snapshot PREFIX: the buckets of the histogram series whose bucket lines start with
# PREFIX ('name_bucket{' and its labels), "le count" per line.
histogram_snapshot() {
  curl -fs "http://127.0.0.1:$agora_port/metrics" | grep "^$1" |
    sed -E 's/.*le="([^"]+)"\} ([0-9]+)$/\1 \2/'
}
# lag_snapshot SUBSCRIBER: the buckets of its commit-to-handled histogram.
lag_snapshot() { histogram_snapshot "agora_events_lag_seconds_bucket{subscriber=\"$1\""; }
# quantile_between Q BEFORE AFTER: the Q quantile (ms) of what was observed between two snapshots,
# interpolated within its bucket as Prometheus' histogram_quantile does.
quantile_between() {
  awk -v q="$1" 'NR == FNR {before[$1] = $2; next}
       {le[n] = $1; c[n] = $2 - before[$1]; n++}
       END {total = c[n - 1]; if (total == 0) {print "-"; exit}
            target = q * total; lo = 0; prev = 0
            for (i = 0; i < n; i++) {
              if (c[i] >= target) {
                if (le[i] == "+Inf") {printf ">%.0f\n", lo * 1000; exit}
                printf "%.1f\n", (lo + (le[i] - lo) * (target - prev) / (c[i] - prev)) * 1000; exit
              }
              lo = le[i]; prev = c[i]
            }}' "$2" "$3"
}
p99_between() { quantile_between 0.99 "$1" "$2"; }

# reserve_release SKUS: "pairs/s p99 failures pairs" from bench/reservations.lua's summary.
reserve_release() {
  local out
  out="$("${client_cpu[@]}" wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/reservations.lua \
    "$api/inventory/reservations" -- "$admin_token" "$1")"
  awk '$1 == "reserved" {r = $2; f = $4; s = $6} $1 == "99%" {p = $2} END {printf "%.0f %s %d %d\n", r / s, p, f, r}' <<<"$out"
}
if wants inventory; then
  printf '\n%-22s %12s %10s %8s %8s %-7s %8s %8s %8s %8s %8s\n' "inventory" "pairs/s" p99 ratio target verdict \
    ceiling "stmt/pair" "commit/pair" "lag p99" "kafka p99"
  for scenario in "hot SKU:1:0.15" "spread ($skus SKUs):$skus:0.3"; do
    IFS=: read -r name count target <<<"$scenario"
    # Statistics as autovacuum keeps them in a running shop: plans made while the reservation
    # tables were empty scan them whole once they have grown (the hot scenario fills them).
    quiet_database
    ceiling="$(pgbench_ceiling)"
    lag_snapshot bench.one_row >"$work/lag-before"
    lag_snapshot kafka-mirror >"$work/kafka-before"
    read -r statements0 commits0 <<<"$(db_counters)"
    read -r rps p99 failures pairs <<<"$(reserve_release "$count")"
    read -r statements1 commits1 <<<"$(db_counters)"
    lag_snapshot bench.one_row >"$work/lag-after"
    lag_snapshot kafka-mirror >"$work/kafka-after"
    if [[ $failures -gt 0 ]]; then echo "warning: $name: $failures requests failed" >&2; fi
    ratio="$(awk -v a="$rps" -v b="$ceiling" 'BEGIN {printf "%.2f", a / b}')"
    verdict="$(awk -v r="$ratio" -v t="$target" 'BEGIN {print (r >= t) ? "PASS" : "BELOW"}')"
    per_pair() { awk -v a="$1" -v b="$2" -v n="$pairs" 'BEGIN {printf "%.1f", (b - a) / (n > 0 ? n : 1)}'; }
    printf '%-22s %12.0f %10s %8s %8s %-7s %8.0f %8s %8s %8s %8s\n' "$name" "$rps" "$p99" "$ratio" "$target" "$verdict" \
      "$ceiling" "$(per_pair "$statements0" "$statements1")" "$(per_pair "$commits0" "$commits1")" \
      "$(p99_between "$work/lag-before" "$work/lag-after")ms" "$(p99_between "$work/kafka-before" "$work/kafka-after")ms"
  done
  echo "(lag p99: commit to handled for bench.one_row, a handler writing one row, during the scenario: target < 20 ms;"
  echo " kafka p99: commit to the broker's delivery report: target < 50 ms)"
fi

if wants events; then
  # Drain: a backlog of BENCH_BACKLOG events committed at once (one transaction, 64 keys) on bench.events,
  # read by bench.one_row (one INSERT each) and the Kafka mirror (to the embedded cluster) at the same time.
  backlog="${BENCH_BACKLOG:-100000}"
  handled() { metric "agora_events_handled_total{subscriber=\"$1\"}"; }
  insert0="$(handled bench.one_row)"
  kafka0="$(handled kafka-mirror)"
  read -r statements0 commits0 <<<"$(db_counters)"
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$agora_port/bench/events?n=$backlog&keys=64"
  committed="$(date +%s.%N)"
  insert_done="" kafka_done=""
  for _ in $(seq 1200); do
    now="$(date +%s.%N)"
    [[ -z $insert_done ]] && (($(handled bench.one_row) - insert0 >= backlog)) && insert_done="$now"
    [[ -z $kafka_done ]] && (($(handled kafka-mirror) - kafka0 >= backlog)) && kafka_done="$now"
    [[ -n $insert_done && -n $kafka_done ]] && break
    sleep 0.05
  done
  read -r statements1 commits1 <<<"$(db_counters)"
  rate() { [[ -n $1 ]] && awk -v n="$backlog" -v a="$committed" -v b="$1" 'BEGIN {printf "%.0f", n / (b - a)}' || echo "unfinished"; }
  per_event() { awk -v a="$1" -v b="$2" -v n="$backlog" 'BEGIN {printf "%.2f", (b - a) / (2 * n)}'; }
  printf '\n%-22s %12s %8s %-7s %s\n' "events (backlog $backlog)" "events/s" target verdict "cost per delivered event"
  insert_rate="$(rate "$insert_done")"
  kafka_rate="$(rate "$kafka_done")"
  verdict() { awk -v r="$1" -v t="$2" 'BEGIN {print (r + 0 >= t) ? "PASS" : "BELOW"}'; }
  printf '%-22s %12s %8s %-7s %s statements, %s commits (publishing included, both subscribers)\n' "drain, one INSERT" \
    "$insert_rate" 10000 "$(verdict "$insert_rate" 10000)" "$(per_event "$statements0" "$statements1")" \
    "$(per_event "$commits0" "$commits1")"
  printf '%-22s %12s %8s %-7s\n' "drain, Kafka mirror" "$kafka_rate" 5000 "$(verdict "$kafka_rate" 5000)"
fi
if wants users; then
  # A bench account and one access token (it lasts 15 minutes, longer than the run).
  email="bench-$(date +%s)-$$@example.com"
  password="bench-$RANDOM-$RANDOM-$RANDOM"
  token="$(sign_up "$email" "$password")"

  # Token verification: ES256 on the request path, then the account read on the worker pool.
  read -r rps p99 <<<"$(measure "$connections" "$api/users/me" -H "Authorization: Bearer $token")"
  ratio="$(awk -v a="$rps" -v b="${inline_rps:-0}" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}')"
  printf '\n%-22s %12s %10s %8s %8s\n' "authenticated" "requests/s" p99 "/inline" target
  printf '%-22s %12.0f %10s %8s %8s\n' "GET /users/me" "$rps" "$p99" "$ratio" "-"

  # Login: Argon2id burns tens of ms of CPU per attempt, so a few connections saturate the server.
  login_connections=4
  read -r rps p99 <<<"$(measure "$login_connections" "$api/auth/token" -s bench/login.lua -- "$email" "$password")"
  per_core="$(awk -v a="$rps" -v c="$server_cores" 'BEGIN {printf "%.1f", a / c}')"
  printf '\n%-22s %12s %10s %8s %8s\n' "login ($login_connections conns)" "logins/s" p99 cores "per core"
  printf '%-22s %12.1f %10s %8s %8s\n' "password grant" "$rps" "$p99" "$server_cores" "$per_core"
fi

# Cart: BENCH_CART_CUSTOMERS customers (default: one per connection), each signed in with a cart of
# three lines; add-to-cart (one unit of one of its SKUs) and GET cart, round robin over the carts
# (bench/carts.lua), each against the bare-beast ceiling measured right before; then both again with
# Redis stopped (carts read and written in PostgreSQL).
if wants notification; then
  # The live inbox: BENCH_WS_CLIENTS customers (default 1000), each with the stream open; then, for
  # each rate of BENCH_WS_RATES (default "50 200" per second), BENCH_WS_SECONDS (15) of order.placed
  # events, each for a random one of them, timed from the POST that commits it to the in-app message
  # on that customer's stream (bench/ws_latency.cpp). Each also sends its email.
  ws_clients="${BENCH_WS_CLIENTS:-1000}"
  ws_password="bench-ws-$RANDOM-$RANDOM-password"
  sign_up "bench-ws-0@example.com" "$ws_password" >/dev/null
  # The other customers are copies of the first in SQL (its password hash); each signs in once.
  "$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -qc "INSERT INTO \"user\".accounts (id, email, password_hash, name,
    created_at, updated_at) SELECT gen_random_uuid(), 'bench-ws-' || i || '@example.com', password_hash, name, now(),
    now() FROM \"user\".accounts, generate_series(1, $ws_clients - 1) i WHERE email = 'bench-ws-0@example.com'"
  "$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -Atc "SELECT id || ' ' || email FROM \"user\".accounts
    WHERE email LIKE 'bench-ws-%'" >"$work/ws-accounts"
  export api ws_password
  # shellcheck disable=SC2016
  xargs -P 2 -L 1 bash -c 'echo "$0 $(curl -fsS -H "Content-Type: application/json" \
    -d "{\"grant_type\":\"password\",\"email\":\"$1\",\"password\":\"$ws_password\"}" "$api/auth/token" |
    sed -n "s/.*\"access_token\":\"\([^\"]*\)\".*/\1/p")"' <"$work/ws-accounts" >"$work/ws-tokens"
  printf '\n%-22s %8s %8s %8s %10s %10s %10s %8s %s\n' "notification" clients events received p50 p99 max target verdict
  for rate in ${BENCH_WS_RATES:-50 200}; do
    read -r clients events received p50 p99 max <<<"$("${client_cpu[@]}" "$build/bench/agora-bench-ws" "$agora_port" \
      "$work/ws-tokens" "$((rate * ${BENCH_WS_SECONDS:-15}))" "$rate")"
    verdict="$(awk -v p="$p99" -v n="$events" -v r="$received" 'BEGIN {print (p + 0 < 50 && r == n) ? "PASS" : "BELOW"}')"
    printf '%-22s %8s %8s %8s %10s %10s %10s %8s %s\n' "commit->in-app $rate/s" "$clients" "$events" "$received" \
      "${p50}ms" "${p99}ms" "${max}ms" "p99<50ms" "$verdict"
  done
  echo "(each event also sends its email: at 200/s the SMTP server, ~190 emails/s, is saturated meanwhile)"

  # Email: BENCH_EMAILS order.placed events of guests (default 5000) committed at once; emails/s
  # until the SMTP server took them all (sent, as agora counts them).
  emails="${BENCH_EMAILS:-5000}"
  sent() { metric 'agora_notification_sent_total{channel="email"}'; }
  before="$(sent)"
  for _ in $(seq 60); do  # the stream scenario's emails first
    sleep 1
    now="$(sent)"
    [[ $now == "$before" ]] && break
    before="$now"
  done
  started=$(date +%s.%N)
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$agora_port/bench/order_placed?n=$emails"
  for _ in $(seq 1200); do
    [[ $(sent) -ge $((before + emails)) ]] && break
    sleep 0.1
  done
  elapsed="$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}')"
  printf '%-22s %8s %8s %8s %10s (%s emails in %s s to aiosmtpd on cpu 1)\n' "emails/s (SMTP)" "-" "$emails" \
    "$(($(sent) - before))" "$(awk -v n="$emails" -v t="$elapsed" 'BEGIN {printf "%.0f", n / t}')" "$emails" "$elapsed"
fi

if wants cart; then
  customers="${BENCH_CART_CUSTOMERS:-$connections}"
  : >"$work/carts"
  for ((c = 0; c < customers; c++)); do
    token="$(sign_up "cart-$c-$(date +%s)-$$@example.com" "bench-$RANDOM-$RANDOM-$RANDOM")"
    cart="$(curl -fsS -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
      -d '{"currency":"USD","locale":"en"}' "$api/carts" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')"
    [[ -n $cart ]] || { echo "no cart for customer $c" >&2; exit 1; }
    line=("$token" "$cart")
    for k in 0 1 2; do
      sku="SKU-$(((c * 3 + k) % skus))-S"
      curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
        -d "{\"sku\":\"$sku\",\"quantity\":1}" "$api/carts/$cart/lines"
      line+=("$sku")
    done
    echo "${line[*]}" >>"$work/carts"
  done
  printf '\n%-22s %12s %10s %8s %8s %-7s %s\n' "cart ($customers carts)" "requests/s" p99 ratio target verdict ceiling
  for store in Redis PostgreSQL; do
    [[ $store == PostgreSQL ]] && stores_redis_stop
    for scenario in "add-to-cart:add:0.3" "GET cart:get:0.4"; do
      IFS=: read -r name op target <<<"$scenario"
      measure_ceiling
      read -r rps p99 <<<"$(measure "$connections" "$api/carts" -s bench/carts.lua -- "$work/carts" "$op")"
      ratio="$(awk -v a="$rps" -v b="$ceiling_rps" 'BEGIN {printf "%.2f", a / b}')"
      verdict="$(awk -v r="$ratio" -v t="$target" 'BEGIN {print (r >= t) ? "PASS" : "BELOW"}')"
      printf '%-22s %12.0f %10s %8s %8s %-7s %.0f\n' "$name ($store)" "$rps" "$p99" "$ratio" "$target" "$verdict" \
        "$ceiling_rps"
    done
  done
  stores_redis_start
  echo "(targets: add-to-cart >= 0.3 with p99 < 10 ms, GET cart >= 0.4, with Redis; with Redis stopped: reported)"
fi

# Checkout: guest carts of 1 to 3 lines on distinct SKUs (bench/checkout_carts.lua) are prepared
# first, then each is checked out once (bench/checkouts.lua) with the sandbox gateway, against
# pgbench -N measured right before. An order counts when it is paid (reserved, authorized, placed,
# captured: the whole saga); orders/s and the p99 from the checkout's transaction to paid come from
# the orders' own timestamps once the saga has drained; "answer p99" is the checkout request's (it
# waits for placed). Statements and commits per paid order cover the checkouts and every saga step.
if wants checkout; then
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$agora_port/bench/one_row?on=false"  # not the shop's cost
  prepare_s="${BENCH_CHECKOUT_PREPARE:-$((duration * 2))}"
  printf '\n%-22s %12s %10s %10s %8s %8s %-7s %8s %8s %8s\n' "checkout" "orders/s" "paid p99" "answer p99" ratio \
    target verdict ceiling "stmt/order" "commit/order"
  for scenario in "1-3 lines, spread:$skus:3:0.25" "1 line, hot SKU:1:1:-"; do
    IFS=: read -r name count max_lines target <<<"$scenario"
    : >"$work/checkout-carts"
    "${client_cpu[@]}" wrk -t1 -c"$connections" -d"${prepare_s}s" -s bench/checkout_carts.lua "$api/carts" -- \
      "$work/checkout-carts" "$count" "$max_lines" >/dev/null
    for _ in $(seq 300); do  # the carts' copies written behind, their events delivered
      [[ $(metric agora_outbox_backlog) == 0 && $(metric agora_cart_write_behind_lag_seconds) == 0 ]] && break
      sleep 0.2
    done
    quiet_database
    ceiling="$(pgbench_ceiling)"
    [[ -n ${BENCH_TOP_STATEMENTS:-} ]] && "$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -qAtc "SELECT pg_stat_statements_reset()" >/dev/null
    read -r statements0 commits0 <<<"$(db_counters)"
    started="$(date -u +%FT%T.%6NZ)"
    out="$("${client_cpu[@]}" wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/checkouts.lua "$api/checkout" \
      -- "$work/checkout-carts")"
    ended="$(date -u +%FT%T.%6NZ)"
    grep -E "Non-2xx|Socket errors" <<<"$out" | sed "s|^ *|warning: checkout ($name): |" >&2 || true
    answer_p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    window="created_at BETWEEN '$started' AND '$ended'"
    for _ in $(seq 300); do  # the saga drained: no order of the window still on its way
      open="$("$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -Atc "SELECT count(*) FROM \"order\".orders WHERE $window
        AND (status IN ('pending', 'awaiting_payment') OR (status = 'placed' AND payment_status <> 'paid'))")"
      [[ $open == 0 ]] && break
      sleep 0.2
    done
    read -r statements1 commits1 <<<"$(db_counters)"
    read -r paid others p99 <<<"$("$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -Atc "SELECT
      count(*) FILTER (WHERE payment_status = 'paid'), count(*) FILTER (WHERE payment_status <> 'paid'),
      coalesce(round((percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM paid_at - created_at))
        FILTER (WHERE payment_status = 'paid') * 1000)::numeric, 1), 0)
      FROM \"order\".orders WHERE $window" | tr '|' ' ')"
    [[ $others == 0 ]] || echo "warning: checkout ($name): $others orders of the window not paid" >&2
    rate="$(awk -v n="$paid" -v d="$duration" 'BEGIN {printf "%.0f", n / d}')"
    ratio="$(awk -v a="$rate" -v b="$ceiling" 'BEGIN {printf "%.2f", a / b}')"
    verdict=""
    if [[ $target != "-" ]]; then
      verdict="$(awk -v r="$ratio" -v t="$target" -v p="$p99" 'BEGIN {print (r >= t && p < 150) ? "PASS" : "BELOW"}')"
    fi
    per_order() { awk -v a="$1" -v b="$2" -v n="$paid" 'BEGIN {printf "%.1f", (b - a) / (n > 0 ? n : 1)}'; }
    printf '%-22s %12s %10s %10s %8s %8s %-7s %8.0f %8s %8s\n' "$name" "$rate" "${p99}ms" "$answer_p99" "$ratio" \
      "$target" "$verdict" "$ceiling" "$(per_order "$statements0" "$statements1")" "$(per_order "$commits0" "$commits1")"
    # BENCH_TOP_STATEMENTS=N: the N statements the scenario ran most, per paid order, with their time.
    if [[ -n ${BENCH_TOP_STATEMENTS:-} ]]; then
      "$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -qAtF ' | ' -c "SELECT round(calls::numeric / greatest($paid, 1), 2),
        round(total_exec_time::numeric / greatest($paid, 1), 3) || ' ms', left(regexp_replace(query, '\s+', ' ', 'g'), 110)
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'agora'
        ORDER BY calls DESC LIMIT $BENCH_TOP_STATEMENTS" | sed 's/^/    /'
    fi
  done
  echo "(target: >= 0.25 x pgbench -N with paid p99 < 150 ms on spread SKUs; the hot SKU is reported)"
  curl -fsS -o /dev/null -X POST "http://127.0.0.1:$agora_port/bench/one_row?on=true"
fi

# Search on the $products products: four kinds of searches (bench/search_queries.sh writes them,
# bench/search.lua sends them in turn), 4 connections, each p95 against its target and requests/s
# against the bare beast's with as many connections, measured right before; then how soon a change
# can be found while product updates stream in (agora-bench-search-lag), a reindex under a light
# query load, and the server's memory with the index open.
if wants search; then
  search_connections=4
  admin_token="$(token_of "$admin_email" "$(cat "$work/admin-password")")"  # the first may have expired
  # in_stock=true needs stock: the S variant of every 4th product is stocked too (the BENCH_SKUS ones
  # are already), a quarter of the catalog; each change reaches the index as a stock event.
  awk -v n="$products" -v skus="$skus" 'BEGIN {for (i = skus; i < n; i++) if (i % 4 == 0) print "SKU-" i "-S,BENCH-1,1000000000"}' |
    split -l 20000 - "$work/search-stock-"  # the request body limit is 1 MiB
  in_stock="$(awk -v n="$products" -v skus="$skus" 'BEGIN {for (i = 0; i < n; i++) c += (i < skus || i % 4 == 0); print c}')"
  stock_started=$(date +%s.%N)
  for part in "$work"/search-stock-*; do
    [[ -f $part ]] || continue  # none when BENCH_SKUS covers the catalog
    curl -fsS -o "$work/search-stock.json" -H "Authorization: Bearer $admin_token" -H "Content-Type: text/csv" \
      --data-binary @"$part" "$api/admin/inventory/stock/import"
    grep -q "\"imported\":$(wc -l <"$part")," "$work/search-stock.json" || { cat "$work/search-stock.json"; exit 1; }
  done
  for _ in $(seq 3000); do
    found="$(curl -fs "$api/search?in_stock=true&limit=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')"
    [[ ${found:-0} == "$in_stock" ]] && break
    sleep 0.2
  done
  [[ ${found:-0} == "$in_stock" ]] || echo "warning: search finds $found products in stock of $in_stock" >&2
  stock_seconds="$(awk -v a="$stock_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')"
  for _ in $(seq 600); do  # their events delivered (the Kafka mirror) before measuring
    [[ $(metric agora_outbox_backlog) == 0 ]] && break
    sleep 1
  done
  quiet_database

  # median_found PATHS_FILE: the median of what the file's first 21 requests found (matches, or suggestions).
  median_found() {
    head -21 "$1" | while read -r path; do
      { curl -fs "http://127.0.0.1:$agora_port$path" || true; } |
        awk '{if (match($0, /"total":[0-9]+/)) print substr($0, RSTART + 8, RLENGTH - 8); else print gsub(/"text":/, "")}'
    done | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
  }
  # search_load CONNECTIONS SECONDS PATHS_FILE [DELAY_MS]: bench/search.lua's summary line.
  search_load() {
    "${client_cpu[@]}" wrk -t1 -c"$1" -d"$2s" -s bench/search.lua "$api/search" -- "${@:3}"
  }
  dropped="$(metric agora_search_log_dropped_total)"
  printf '\n%-24s %10s %7s %8s %8s %8s %6s %8s %-7s %s\n' "search ($search_connections conns)" "requests/s" found p50 \
    p95 p99 ratio target verdict ceiling
  for scenario in "two words, 3 facets|two-words|10" "broad word, 4 facets|broad|10" \
    "filtered, 3 facets|filtered|10" "suggest, 2-5 letters|suggest|3"; do
    IFS='|' read -r name kind target <<<"$scenario"
    bench/search_queries.sh "$kind" 1000 >"$work/search-$kind"
    search_load "$search_connections" 2 "$work/search-$kind" >/dev/null  # warm-up
    measure_ceiling "$search_connections"
    out="$(search_load "$search_connections" "$duration" "$work/search-$kind")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    read -r p50 p95 p99 requests non2xx failures <<<"$(awk '$1 == "latency" {print $2, $3, $4, $6, $8, $9}' <<<"$out")"
    ((non2xx + failures == 0)) || echo "warning: $name: $non2xx answers not 2xx, $failures socket errors of $requests" >&2
    ratio="$(awk -v a="$rps" -v b="$ceiling_rps" 'BEGIN {printf "%.2f", a / b}')"
    verdict="$(awk -v p="$p95" -v t="$target" 'BEGIN {print (p + 0 < t) ? "PASS" : "BELOW"}')"
    printf '%-24s %10.0f %7s %8s %8s %8s %6s %8s %-7s %.0f\n' "$name" "$rps" "$(median_found "$work/search-$kind")" "${p50}ms" \
      "${p95}ms" "${p99}ms" "$ratio" "p95<${target}ms" "$verdict" "$ceiling_rps"
  done
  status_mib() { awk -v k="$1:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$agora_pid/status"; }
  rss_searched="$(status_mib VmRSS)"
  echo "(found: the median of what 21 of its requests found, matches or suggestions; filtered: in_stock=true" \
    "holds for $in_stock products, stocked and searchable in $stock_seconds s; searches the analytics log dropped:" \
    "$(awk -v a="$dropped" -v b="$(metric agora_search_log_dropped_total)" 'BEGIN {print b - a}'))"

  # Indexing lag: BENCH_SEARCH_UPDATES (default 25) title or price changes per second of random
  # products, while a probe changes another one's title and searches for the new word.
  updates_rate="${BENCH_SEARCH_UPDATES:-25}"
  "$STORES_PGBIN/psql" "$AGORA_DATABASE_URL" -AtF $'\t' -c "SELECT p.id, v.id, pr.amount, en.title, en.description,
    coalesce(de.title, ''), coalesce(de.description, '') FROM catalog.products p
    JOIN catalog.variants v ON v.product_id = p.id AND v.sku LIKE '%-S'
    JOIN catalog.prices pr ON pr.variant_id = v.id AND pr.currency = 'USD' AND pr.starts_at IS NULL AND pr.ends_at IS NULL
    JOIN catalog.product_texts en ON en.product_id = p.id AND en.locale = 'en'
    LEFT JOIN catalog.product_texts de ON de.product_id = p.id AND de.locale = 'de'
    ORDER BY random() LIMIT 2001" >"$work/search-targets"
  index_lag='agora_search_index_lag_seconds_bucket{'
  histogram_snapshot "$index_lag" >"$work/index-lag-before"
  read -r _ sent failed per_second _ probes missed p50 p99 max <<<"$("${client_cpu[@]}" "$build/bench/agora-bench-search-lag" \
    "$agora_port" "$admin_token" "$work/search-targets" "$updates_rate" "$duration")"
  histogram_snapshot "$index_lag" >"$work/index-lag-after"
  lag_p50="$(quantile_between 0.5 "$work/index-lag-before" "$work/index-lag-after")"
  lag_p99="$(quantile_between 0.99 "$work/index-lag-before" "$work/index-lag-after")"
  verdict="$(awk -v p="$p99" -v h="$lag_p99" -v m="$missed" -v f="$failed" \
    'BEGIN {print (m == 0 && f == 0 && p + 0 < 1000 && h ~ /^[0-9.]+$/ && h + 0 < 1000) ? "PASS" : "BELOW"}')"
  printf '\n%-24s %10s %7s %8s %8s %8s %6s %8s %-7s\n' "indexing lag" "updates/s" probes p50 p99 max "" target verdict
  printf '%-24s %10s %7s %8s %8s %8s %6s %8s %-7s\n' "update->searchable" "$per_second" "$probes" "${p50}ms" "${p99}ms" \
    "${max}ms" "" "p99<1s" "$verdict"
  printf '%-24s %10s %7s %8s %8s\n' "heard->committed (hist.)" "$per_second" "-" "${lag_p50}ms" "${lag_p99}ms"
  echo "($sent updates, $failed failed: titles and prices for ${duration}s; update->searchable: from sending a title" \
    "change to a search finding its new word, $missed of $probes probes not found within 5 s;" \
    "heard->committed: agora_search_index_lag_seconds meanwhile)"

  # Reindex: POST /admin/search/reindex, timed until agora_search_rebuilds_total counts the new
  # index swapped in, while 2 connections search (20 ms apart each); none should fail.
  rebuilds="$(metric agora_search_rebuilds_total)"
  # wrk itself in the background: a backgrounded function is a subshell, which would get the SIGINT.
  "${client_cpu[@]}" wrk -t1 -c2 -d3600s -s bench/search.lua "$api/search" -- "$work/search-two-words" 20 \
    >"$work/reindex-load" &
  load_pid=$!
  pids+=("$load_pid")
  sleep 1
  reindex_started=$(date +%s.%N)
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $admin_token" "$api/admin/search/reindex"
  reindex_seconds=""
  for _ in $(seq 6000); do
    if awk -v a="$(metric agora_search_rebuilds_total)" -v b="$rebuilds" 'BEGIN {exit !(a > b)}'; then
      reindex_seconds="$(awk -v a="$reindex_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')"
      break
    fi
    sleep 0.1
  done
  sleep 1
  kill -INT "$load_pid"  # wrk stops and prints its summary
  wait "$load_pid" || true
  read -r p50 p95 p99 requests non2xx failures <<<"$(awk '$1 == "latency" {print $2, $3, $4, $6, $8, $9}' "$work/reindex-load")"
  verdict="$(awk -v s="$reindex_seconds" -v e="$((non2xx + failures))" \
    'BEGIN {print (s != "" && s + 0 < 60 && e == 0) ? "PASS" : "BELOW"}')"
  printf '\n%-24s %10s %7s %8s %8s %8s %6s %8s %-7s\n' "reindex" seconds queries "not 2xx" p50 p99 "" target verdict
  printf '%-24s %10s %7s %8s %8s %8s %6s %8s %-7s\n' "rebuild and swap" "${reindex_seconds:-unfinished}" "$requests" \
    "$((non2xx + failures))" "${p50}ms" "${p99}ms" "" "<60s" "$verdict"
  printf '%-24s %10s\n' "built at server start" "${index_seconds:-unfinished}"
  echo "(rebuild and swap: from the POST to agora_search_rebuilds_total counting it, with the queries meanwhile;" \
    "built at server start: from starting the server to searches answering with all $products products indexed)"
  echo "server memory: RSS $rss_searched MiB after the searches, $(status_mib VmRSS) MiB after the reindex," \
    "peak $(status_mib VmHWM) MiB; index on disk $(du -sm "$work/search" | cut -f1) MiB"
fi

if wants ratelimit; then
  # Rate limits: the inline and product-by-id scenarios on the server so far (limits off) and on a
  # second one started beside it (limits on, high enough never to refuse: every request is counted,
  # decided in memory, synced to Redis every 10 ms; its own search index). The machine's speed
  # drifts within minutes by more than the limits cost, so the ceiling and both servers are driven
  # at once (three wrk on cpu 1, the three servers sharing cpu 0), for BENCH_RATELIMIT_ROUNDS rounds
  # of BENCH_RATELIMIT_SECONDS: whatever the machine does then, it does to all three. Two figures per
  # server: requests/s over the ceiling's, and the ceiling's CPU time per request over the server's
  # (from the threads' schedstat), which is what the throughput ratio is when the server alone bounds
  # it; three wrk on one core come close to bounding it themselves, which narrows the first figure.
  # Target: each ratio to the ceiling drops by at most 0.05 (the median of the rounds, both figures).
  ceiling_pid="${pids[0]}"
  unlimited_pid="$agora_pid"
  limited_port="$(stores_free_port 18291)"
  high=1000000000
  start_agora "$limited_port" AGORA_SEARCH_INDEX_DIR="$work/search-limited" AGORA_RATE_LIMIT_ENABLED=true \
    AGORA_RATE_LIMIT_POLICIES="auth=$high/60,read=$high/60,write=$high/60,admin=$high/60,search=$high/60"
  limited_pid="$agora_pid"
  wait_for_index "$limited_port"
  rounds="${BENCH_RATELIMIT_ROUNDS:-6}"
  duration="${BENCH_RATELIMIT_SECONDS:-10}"
  # args_of PORT inline|product|ceiling: sets `args`, the wrk arguments of a scenario on the server on PORT.
  args_of() {
    case "$2" in
      ceiling) args=("http://127.0.0.1:$ceiling_port/") ;;
      inline) args=("http://127.0.0.1:$1/bench/inline") ;;
      product) args=("http://127.0.0.1:$1/api/v1/catalog/products" -s bench/product_pages.lua -- "$work/ids") ;;
    esac
  }
  # cpu_ns PID: the CPU time of all the process's threads so far, in ns.
  cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{t += $1} END {printf "%.0f", t}'; }
  servers=("ceiling:$ceiling_pid:$ceiling_port" "off:$unlimited_pid:$agora_port" "on:$limited_pid:$limited_port")
  # The new server keeps working for a while after its index is built (the index's last commit, the
  # catalog's events on the Kafka mirror): work that CPU time per request would count. Wait (at most
  # a minute) until the two agora servers use less than 2% of a core over a second.
  settled=""
  for second in $(seq 60); do
    busy=0
    for pid in "$unlimited_pid" "$limited_pid"; do
      before="$(cpu_ns "$pid")"
      sleep 0.5
      if (($(cpu_ns "$pid") - before > 10000000)); then busy=1; fi
    done
    if ((busy == 0)); then
      settled="$second"
      break
    fi
  done
  [[ -n $settled ]] || echo "warning: the servers were still busy after a minute" >&2
  results="$work/ratelimit"
  declare -A cpu_before
  for round in 0 $(seq "$rounds"); do  # round 0 warms up (pages rendered, connections accepted)
    for name in inline product; do
      load=()
      for server in "${servers[@]}"; do
        IFS=: read -r role pid port <<<"$server"
        args_of "$port" "$([[ $role == ceiling ]] && echo ceiling || echo "$name")"
        cpu_before[$role]="$(cpu_ns "$pid")"
        "${client_cpu[@]}" wrk -t1 -c"$connections" -d"$((round == 0 ? 5 : duration))s" --latency "${args[@]}" \
          >"$work/ratelimit-$role" &
        load+=($!)
      done
      wait "${load[@]}"
      ((round > 0)) || continue
      row="$round $name"
      for server in "${servers[@]}"; do
        IFS=: read -r role pid port <<<"$server"
        grep -E "Non-2xx|Socket errors" "$work/ratelimit-$role" | sed "s|^ *|warning: $role $name: |" >&2 || true
        row+=" $(awk -v cpu="$(($(cpu_ns "$pid") - cpu_before[$role]))" '/requests in/ {n = $1} /Requests\/sec/ {r = $2}
          $1 == "99%" {p = $2} END {printf "%s %s %.0f", r, p, cpu / n}' "$work/ratelimit-$role")"
      done
      echo "$row" >>"$results"
    done
  done
  # $results: round name, then for the ceiling, off and on: req/s, p99, CPU ns per request.
  printf '\n%-24s %5s %9s %9s %9s %8s | %9s %9s %9s %6s %6s %6s %6s %6s %6s\n' "rate limits (${duration}s, at once)" \
    round "ceiling/s" "off/s" "on/s" "on p99" "cpu ns" "off ns" "on ns" "r off" "r on" drop "c off" "c on" drop
  for name in inline product; do
    awk -v n="$name" -v label="$([[ $name == inline ]] && echo inline || echo "product by id (cached)")" '
      function median(a, k,   i, j, t) {
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) {t = a[i]; a[i] = a[j]; a[j] = t}
        return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
      }
      $2 == n {
        k++
        rd[k] = ($6 - $9) / $3; cd[k] = $5 / $8 - $5 / $11
        printf "%-24s %5s %9.0f %9.0f %9.0f %8s | %9s %9s %9s %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f\n", label, $1, $3, $6, $9, $10,
          $5, $8, $11, $6 / $3, $9 / $3, rd[k], $5 / $8, $5 / $11, cd[k]
      }
      END {
        r = median(rd, k); c = median(cd, k)
        printf "%-24s median drop %.3f (requests/s), %.3f (CPU per request) over %d rounds (target <= 0.05): %s\n",
          label, r, c, k, (r <= 0.05 && c <= 0.05) ? "PASS" : "BELOW"
      }' "$results"
  done
  echo "(r: requests/s over the ceiling's; c: the ceiling's CPU time per request over the server's; drop: off - on;" \
    "the servers were quiet ${settled:-not even} ${settled:+s }after the new one's index was built)"
  carries() { curl -fsS -D - -o /dev/null "http://127.0.0.1:$1/bench/inline" | grep -ci '^ratelimit:' || true; }
  echo "(limited answers carry RateLimit: $([[ $(carries "$limited_port") == 1 ]] && echo yes || echo NO)," \
    "unlimited ones $([[ $(carries "$agora_port") == 0 ]] && echo "do not" || echo DO); refused:" \
    "$(metric 'agora_rate_limit_refused_total{class="read"}' "$limited_port"))"
fi
"$STORES_PGBIN/dropdb" "${pg[@]}" pgbench_scratch
