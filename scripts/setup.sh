#!/usr/bin/env bash
# Installs every Debian 12 package Agora needs to build, run, test and benchmark.
# Safe to run twice: apt-get skips what is already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libpq-dev libhiredis-dev librdkafka-dev
  libfmt-dev libspdlog-dev catch2 libtomlplusplus-dev
  libsodium-dev libssl-dev libcurl4-openssl-dev libexpat1-dev libicu-dev libgoogle-perftools-dev
  libkainjow-mustache-dev python3-aiosmtpd libxapian-dev
  postgresql postgresql-contrib redis-server
  wrk kcat curl procps
  clang libclang-rt-14-dev clang-format-14
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The build installs the API docs viewer with npm (web/api-docs); the external-issuer tests run a real
# OpenID Provider on Node.js (test/oidc). A Node.js that is already there (e.g. from NodeSource, which
# bundles npm) is kept: Debian's npm would conflict with it.
command -v npm >/dev/null || missing+=(nodejs npm)

if ((${#missing[@]})); then
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -q
  $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
