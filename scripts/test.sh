#!/usr/bin/env bash
# Builds Agora and runs every test with ctest, then the fuzz targets for a bounded time.
# Installs the Debian packages it needs first.
# The tests start their own PostgreSQL, redis-server and embedded Kafka on loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# The external-issuer tests run a real OpenID Provider (oidc-provider, test/oidc) on Node.js 20 or later;
# the payment tests a Stripe emulator (test/stripe) whose webhooks Stripe's own library signs, and a
# PayPal emulator (test/paypal) that needs nothing but Node.js itself; the push tests an FCM emulator
# (test/fcm) that verifies the service account's JWT with the jose library.
npm ci --prefix test/oidc --no-audit --no-fund
npm ci --prefix test/stripe --no-audit --no-fund
npm ci --prefix test/fcm --no-audit --no-fund
# The API document's test lints it with Redocly's CLI (test/redocly).
npm ci --prefix test/redocly --no-audit --no-fund

build="${AGORA_BUILD_DIR:-build}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${AGORA_BUILD_TYPE:-RelWithDebInfo}"
cmake --build "$build" -j "$(nproc)"
(cd "$build" && ctest --output-on-failure --timeout 900 -j "${AGORA_TEST_JOBS:-2}")
bash scripts/fuzz.sh
