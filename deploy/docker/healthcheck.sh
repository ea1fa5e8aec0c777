#!/usr/bin/env bash
# Container HEALTHCHECK for the aspnet runtime image, which ships neither curl nor wget: bash's /dev/tcp
# speaks just enough HTTP/1.1 to ask the app for a health endpoint. Exit 0 only on a 200 answer.
#
# Usage: healthcheck.sh [path]   (default /healthz)
# The port is Management__Port when set (health endpoints move there), else the first entry of
# ASPNETCORE_HTTP_PORTS, else 8080; HEALTHCHECK_HOST overrides 127.0.0.1 for tests.
set -euo pipefail

path="${1:-/healthz}"
http_ports="${ASPNETCORE_HTTP_PORTS:-8080}"
port="${Management__Port:-${http_ports%%[;,]*}}"
host="${HEALTHCHECK_HOST:-127.0.0.1}"

exec 3<>"/dev/tcp/${host}/${port}"
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3

# Only the status line matters; a silent app must fail the check rather than hang it.
status_line=""
IFS= read -r -t 5 status_line <&3 || true
exec 3<&-

case "$status_line" in
  "HTTP/1."[01]" 200"*) exit 0 ;;
  *) echo "unhealthy: ${path} on port ${port} answered '${status_line%$'\r'}'" >&2; exit 1 ;;
esac
