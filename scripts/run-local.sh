#!/usr/bin/env bash
# Starts Agora locally on :8080 with everything it needs: a private PostgreSQL cluster and a
# redis-server under .local/ on free ports, the embedded Kafka, migrations applied.
# Ctrl-C stops Agora (gracefully: in-flight requests finish) and then both servers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/stores.sh

bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target agora

stores_start "$(pwd)/.local"
trap stores_stop EXIT

export AGORA_ENV="${AGORA_ENV:-local}"
export AGORA_KAFKA_BROKERS="${AGORA_KAFKA_BROKERS:-embedded}"
export AGORA_HTTP_PORT="${AGORA_HTTP_PORT:-8080}"
./build/agora serve --migrate "$@" || true
