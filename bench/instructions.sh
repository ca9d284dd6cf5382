#!/usr/bin/env bash
# Counts user-space instructions per request under callgrind for the bare Beast ceiling and
# agora's inline and worker-pool routes: unlike requests/s, the counts repeat on a busy machine.
# Builds like bench/run.sh; see bench/README.md.   BENCH_DURATION=6 bench/instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/stores.sh

duration="${BENCH_DURATION:-6}"
build=build-bench

bash scripts/setup.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAGORA_BUILD_BENCH=ON -DAGORA_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target agora-bench-server agora-bare-beast >/dev/null

work="$(mktemp -d /tmp/agora-instructions-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stores_stop
  rm -rf "$work"
}
trap cleanup EXIT
stores_start "$work" 2>/dev/null

# Instrumentation starts off, so start-up and warm-up are not counted.
callgrind=(valgrind --tool=callgrind --instr-atstart=no --dump-instr=no)
ceiling_port="$(stores_free_port 18381)"
"${callgrind[@]}" --callgrind-out-file="$work/bare.%p" "$build/bench/agora-bare-beast" "$ceiling_port" 1 2>/dev/null &
pids+=($!)
# Two agora servers: rate limits off (every request comes from one address), and on with limits
# so high that nothing is refused (each request counted in memory and synced to Redis).
agora_port="$(stores_free_port 18481)"
limited_port="$(stores_free_port 18581)"
high=1000000000
for server in "$agora_port:false" "$limited_port:true"; do
  IFS=: read -r port limits <<<"$server"
  AGORA_HTTP_PORT="$port" AGORA_HTTP_HOST=127.0.0.1 AGORA_HTTP_THREADS=1 AGORA_LOG_LEVEL=info \
    AGORA_KAFKA_BROKERS=embedded AGORA_RATE_LIMIT_ENABLED="$limits" \
    AGORA_RATE_LIMIT_POLICIES="auth=$high/60,read=$high/60,write=$high/60,admin=$high/60,search=$high/60" \
    "${callgrind[@]}" --callgrind-out-file="$work/agora.%p" \
    "$build/bench/agora-bench-server" serve --migrate --config-dir config >>"$work/agora.log" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 300); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { cat "$work/agora.log"; exit 1; }
done

# per_request NAME PID URL: instructions of the whole process while wrk runs, over wrk's requests.
per_request() {
  wrk -t1 -c4 -d2s "$3" >/dev/null  # warm-up
  callgrind_control -z "$2" >/dev/null 2>&1
  callgrind_control -i on "$2" >/dev/null 2>&1
  local requests
  requests="$(wrk -t1 -c4 -d"${duration}s" "$3" | awk '/requests in/ {print $1}')"
  callgrind_control -i off "$2" >/dev/null 2>&1
  callgrind_control -d "$1" "$2" >/dev/null 2>&1
  local dump
  for _ in $(seq 50); do
    dump="$(grep -l "^desc: Trigger: dump $1\$" "$work"/*."$2".* 2>/dev/null || true)"
    [[ -n $dump ]] && break
    sleep 0.2
  done
  awk -v n="$requests" '/^totals:/ {printf "%.0f\n", $2 / n}' "$dump"
}

ceiling="$(per_request bare "${pids[0]}" "http://127.0.0.1:$ceiling_port/")"
echo "agora instructions: ${duration}s of wrk -c4 per scenario under callgrind, 1 io thread, agora log level info"
printf '%-22s %14s %8s %8s %s\n' scenario "instr/request" ratio target verdict
printf '%-22s %14s %8s %8s\n' "bare beast (ceiling)" "$ceiling" "1.00" "-"
for scenario in "inline:1:$agora_port:/bench/inline:0.8" "worker pool:1:$agora_port:/bench/worker:0.5" \
  "inline, rate limited:2:$limited_port:/bench/inline:0.8"; do
  IFS=: read -r name server port path target <<<"$scenario"
  count="$(per_request "${name//[ ,]/-}" "${pids[$server]}" "http://127.0.0.1:$port$path")"
  ratio="$(awk -v a="$ceiling" -v b="$count" 'BEGIN {printf "%.2f", a / b}')"
  verdict="$(awk -v r="$ratio" -v t="$target" 'BEGIN {print (r >= t) ? "PASS" : "BELOW"}')"
  printf '%-22s %14s %8s %8s %s\n' "$name" "$count" "$ratio" "$target" "$verdict"
done
