#!/usr/bin/env bash
# Bounded soak of the embedded store: a few minutes of mixed load (mostly new users, some repeat
# offenders) through the published gateway on loopback, sampling its memory. Passes when memory levels
# off: the last third of the run may not grow more than SOAK_MAX_GROWTH_MB over the middle third.
#   DURATION (seconds, default 180), CONNECTIONS (default 32), SOAK_MAX_GROWTH_MB (default 64)
set -euo pipefail
cd "$(dirname "$0")/../.."

duration="${DURATION:-180}"
connections="${CONNECTIONS:-32}"
max_growth_mb="${SOAK_MAX_GROWTH_MB:-64}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

for tool in wrk nginx; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get install -y -qq "$tool" >/dev/null
  fi
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
backend_port="$(free_port)"
gateway_port="$(free_port)"

# A fast stand-in for DRRS: nginx answering every request itself.
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  server { listen 127.0.0.1:$backend_port; location / { return 200 "ok"; } }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)

dotnet publish src/DrrsGateway -c Release -o "$work/gateway" --nologo -v quiet >/dev/null
ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" \
ReverseProxy__Clusters__drrs__Destinations__primary__Address="http://127.0.0.1:$backend_port/" \
  dotnet "$work/gateway/DrrsGateway.dll" > "$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$gateway_port/healthz" >/dev/null && break
  sleep 0.2
done

rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$gateway_pid/status"; }
echo "soak: ${duration}s, ${connections} connections; gateway pid $gateway_pid, RSS at start $(rss_mb) MB"

wrk -t2 -c"$connections" -d"${duration}s" -s tests/soak/mixed.lua "http://127.0.0.1:$gateway_port" > "$work/wrk.txt" &
wrk_pid=$!
pids+=("$wrk_pid")
samples=()
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep 10
  samples+=("$(rss_mb)")
  echo "  t=$(( ${#samples[@]} * 10 ))s RSS $(rss_mb) MB"
done
wait "$wrk_pid" || true
cat "$work/wrk.txt"

requests="$(awk '/requests in/ { print $1 }' "$work/wrk.txt")"
echo "requests: $requests (about 80% of them distinct users)"
count=${#samples[@]}
if [ "$count" -lt 6 ]; then echo "too few samples to judge levelling off"; exit 1; fi
third=$(( count / 3 ))
middle_peak=0; last_peak=0
for i in $(seq "$third" $(( 2 * third - 1 ))); do [ "${samples[$i]}" -gt "$middle_peak" ] && middle_peak=${samples[$i]}; done
for i in $(seq $(( 2 * third )) $(( count - 1 ))); do [ "${samples[$i]}" -gt "$last_peak" ] && last_peak=${samples[$i]}; done
growth=$(( last_peak - middle_peak ))
echo "peak RSS middle third ${middle_peak} MB, last third ${last_peak} MB: growth ${growth} MB (allowed ${max_growth_mb} MB)"
if [ "$growth" -gt "$max_growth_mb" ]; then echo "FAIL: memory did not level off"; exit 1; fi
echo "PASS: memory levelled off"
