#!/usr/bin/env bash
# Container HEALTHCHECK for the aspnet runtime image, which ships neither curl nor wget: bash's /dev/tcp
# speaks just enough HTTP/1.1 to ask the app for a health endpoint. Exit 0 only on a 200 answer.
#
# Usage: healthcheck.sh [path]   (default /healthz)
# The port is the one ASP.NET Core listens on for plain HTTP, in its own order: Management__Port when set
# (health endpoints move there), else the first http:// entry of ASPNETCORE_URLS (which wins over
# ASPNETCORE_HTTP_PORTS, as in ASP.NET Core), else the first entry of ASPNETCORE_HTTP_PORTS, else 8080.
# The host is the URL's when it names one address, else 127.0.0.1; HEALTHCHECK_HOST overrides it for tests.
set -euo pipefail

path="${1:-/healthz}"
host="127.0.0.1"
if [ -n "${Management__Port:-}" ]; then
  port="${Management__Port}"
elif [ -n "${ASPNETCORE_URLS:-}" ]; then
  port=""
  IFS=';,' read -r -a urls <<< "${ASPNETCORE_URLS}"
  for url in "${urls[@]}"; do
    url="${url//[[:space:]]/}"
    case "$url" in
      http://*)
        authority="${url#http://}"
        authority="${authority%%/*}"
        if [[ "$authority" =~ ^(\[[^]]*\]|[^:]*)(:([0-9]+))?$ ]]; then
          port="${BASH_REMATCH[3]:-80}"
          address="${BASH_REMATCH[1]}"
          # Wildcards and names bind every interface (or loopback): ask loopback. One IPv4 address: ask it.
          if [[ "$address" =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ && "$address" != "0.0.0.0" ]]; then
            host="$address"
          fi
        fi
        break
        ;;
    esac
  done
  if [ -z "$port" ]; then
    echo "unhealthy: ASPNETCORE_URLS (${ASPNETCORE_URLS}) has no http:// endpoint to probe; set Management__Port" >&2
    exit 1
  fi
else
  http_ports="${ASPNETCORE_HTTP_PORTS:-8080}"
  port="${http_ports%%[;,]*}"
fi
host="${HEALTHCHECK_HOST:-$host}"

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
