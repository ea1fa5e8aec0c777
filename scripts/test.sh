#!/usr/bin/env bash
# Runs every test: unit, integration (against a real redis-server the fixtures start on free loopback
# ports) and deployment checks. Installs redis-server through apt first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server not found: installing it with apt-get (the integration tests need a real Redis)."
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server >/dev/null
fi

dotnet test DrrsGateway.sln --configuration Release "$@"
