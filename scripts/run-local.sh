#!/usr/bin/env bash
# Starts Agora locally on :8080 with everything it needs: a private PostgreSQL cluster and a
# redis-server under .local/ on free ports, an SMTP server that keeps every email in .local/mail
# (a maildir), the embedded Kafka, migrations applied.
# Ctrl-C stops Agora (gracefully: in-flight requests finish) and then the servers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/stores.sh

bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target agora

stores_start "$(pwd)/.local"
smtp_port="$(stores_free_port 52525)"
/usr/bin/python3 test/smtp/agora_smtp.py serve "$smtp_port" "$(pwd)/.local/mail" &
smtp_pid=$!
trap 'kill "$smtp_pid" 2>/dev/null || true; stores_stop' EXIT
export AGORA_NOTIFICATION_SMTP_HOST=127.0.0.1 AGORA_NOTIFICATION_SMTP_PORT="$smtp_port"
export AGORA_NOTIFICATION_SMTP_TLS=none
export AGORA_SEARCH_INDEX_DIR="$(pwd)/.local/search"  # this instance's own index

export AGORA_ENV="${AGORA_ENV:-local}"
export AGORA_KAFKA_BROKERS="${AGORA_KAFKA_BROKERS:-embedded}"
export AGORA_HTTP_PORT="${AGORA_HTTP_PORT:-8080}"
./build/agora serve --migrate "$@" || true
