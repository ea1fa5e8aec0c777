#!/usr/bin/env bash
# DrrsGateway benchmark harness (issue 6). One command, everything on 127.0.0.1, every process stopped
# on exit. Publishes the gateway (Release), starts nginx as a fast stand-in backend and redis-server on
# free loopback ports, then runs the gateway in three modes, one at a time (policy off, embedded store,
# Redis store), and loads it with wrk:
#   1 new-user      every request from a new user: each an allowed, store-writing decision
#   2 flood         one user flooding one service: every request after the first refused (429)
#   3 well-behaved  a few low-rate allowed users, alone and beside the flood: their p50/p99
#   4 backend       wrk straight to nginx: the ceiling of the load generator and backend
#   5 generic       every request a new user on the generic endpoint (POST /sst/runtime.asvc, SOAPAction,
#                   ~2.2 kB WS-Security envelope): the gateway peeks at the envelope to key it
# and a memory scenario: 1,000,000 live keys in the embedded store, RSS before and after.
# The modes run in REPEAT rounds (off, embedded, redis, off, ...); the report gives medians over the
# rounds. Prints a markdown report and writes it to $RESULTS. Not part of `dotnet test`: run by hand.
#
# Settings (environment):
#   DURATION=10         seconds per measured run
#   WARMUP=45           least warm-up of a fresh gateway, s; it goes on in 5 s steps until two steps agree
#                       within 5% (at most WARMUP_MAX=150): .NET's tiered JIT needs ~40 s under load here
#   REPEAT=3            rounds over the modes              MODES="off embedded redis" (also: nopeek, the
#                       embedded store with Aup__Soap__EnvelopeCheck=WhenHeadersNameNone: the generic endpoint keyed by action)
#   SCENARIOS="new-user flood well-behaved generic"   which of scenarios 1, 2, 3 and 5 run in each mode
#   CONNECTIONS=32      wrk connections for load           THREADS=1          wrk threads for load
#   GOOD_CONNECTIONS=4  well-behaved connections           GOOD_DELAY_MS=10   pause between their requests
#   KEYS=1000000        live keys for the memory scenario (0 skips it)       KEYS_TIMEOUT=300  its bound, s
#   LOGCOST=1           in round 1, also run scenario 2 with all logging off: what logging costs (0 skips)
#   PIN=1               pin the gateway to GATEWAY_CPUS=0, wrk/nginx/redis to LOAD_CPUS=1 (0: no pinning)
#   RESULTS=tests/benchmarks/results/<UTC time>.md     KEEP_TMP=0 (1 keeps the temp dir with every log)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-45}"
WARMUP_MAX="${WARMUP_MAX:-150}"
REPEAT="${REPEAT:-3}"
MODES="${MODES:-off embedded redis}"
SCENARIOS="${SCENARIOS:-new-user flood well-behaved generic}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
GOOD_CONNECTIONS="${GOOD_CONNECTIONS:-4}"
GOOD_DELAY_MS="${GOOD_DELAY_MS:-10}"
KEYS="${KEYS:-1000000}"
KEYS_TIMEOUT="${KEYS_TIMEOUT:-300}"
LOGCOST="${LOGCOST:-1}"
PIN="${PIN:-1}"
GATEWAY_CPUS="${GATEWAY_CPUS:-0}"
LOAD_CPUS="${LOAD_CPUS:-1}"
RESULTS="${RESULTS:-$here/results/$(date -u +%Y%m%dT%H%M%SZ).md}"
KEEP_TMP="${KEEP_TMP:-0}"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

for mode in $MODES; do
  case "$mode" in off | embedded | redis | nopeek) ;; *) die "unknown mode '$mode' (off, embedded, redis, nopeek)" ;; esac
done
for scenario in $SCENARIOS; do
  case "$scenario" in new-user | flood | well-behaved | generic) ;;
    *) die "unknown scenario '$scenario' (new-user, flood, well-behaved, generic)" ;; esac
done
want_mode() { [[ " $MODES " == *" $1 "* ]]; }
want_scenario() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# --- tools -------------------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if want_mode redis; then
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  log "installing with apt-get: ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is needed to publish the gateway"

pinning=0
if [ "$PIN" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then pinning=1; fi
# Command prefixes that pin when pinning. Arrays, not a function: a backgrounded simple command is
# exec'd, so $! is the real process (taskset and env exec too) and kill reaches it.
pin_gateway=()
pin_load=()
if [ "$pinning" = 1 ]; then
  pin_gateway=(taskset -c "$GATEWAY_CPUS")
  pin_load=(taskset -c "$LOAD_CPUS")
fi

# --- processes and cleanup ---------------------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/drrs-bench.XXXXXX")"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$KEEP_TMP" = 1 ]; then log "logs kept in $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() {
  local kept=() p
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  pids=("${kept[@]}")
}
stop_pid() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget_pid "$1"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

used_ports=" "
# A loopback port nothing listens on, not handed out before in this run.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    [[ "$used_ports" == *" $port "* ]] && continue
    if ! port_in_use "$port"; then
      used_ports+="$port "
      echo "$port"
      return 0
    fi
  done
  die "no free loopback port found"
}

wait_for_http() {
  local url="$1" what="$2" pid="$3"
  for _ in $(seq 1 300); do
    if curl -fs -o /dev/null --max-time 1 "$url"; then return 0; fi
    kill -0 "$pid" 2>/dev/null || die "$what exited during start-up"
    sleep 0.1
  done
  die "$what did not answer $url within 30 s"
}

# --- backend: nginx answering every request with a fixed small body ----------------------------------
nginx_port="$(free_port)"
mkdir -p "$tmp/nginx"
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      default_type text/xml;
      return 200 '<ok/>';
    }
  }
}
EOF
"${pin_load[@]}" "$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" \
  >"$tmp/nginx/stdout.log" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
wait_for_http "http://127.0.0.1:$nginx_port/" nginx "$nginx_pid"
log "nginx on 127.0.0.1:$nginx_port (pid $nginx_pid)"

# --- Redis -------------------------------------------------------------------------------------------
redis_port=""
if want_mode redis; then
  redis_port="$(free_port)"
  "${pin_load[@]}" redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
    --dir "$tmp" --daemonize no --loglevel warning >"$tmp/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  for _ in $(seq 1 100); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    kill -0 "$redis_pid" 2>/dev/null || die "redis-server exited during start-up (see $tmp/redis.log)"
    sleep 0.1
  done
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 || die "redis-server did not answer"
  log "redis-server on 127.0.0.1:$redis_port (pid $redis_pid)"
fi

# --- gateway -----------------------------------------------------------------------------------------
publish="$tmp/gateway"
log "publishing the gateway (Release) to $publish"
dotnet publish "$repo/src/DrrsGateway" -c Release -o "$publish" --nologo -v q >"$tmp/publish.log" 2>&1 \
  || { cat "$tmp/publish.log" >&2; die "dotnet publish failed"; }

gateway_port="$(free_port)"
gateway_url="http://127.0.0.1:$gateway_port"
gateway_pid=""
gateway_log=""

# start_gateway NAME [VAR=value ...]: the published gateway with its shipped appsettings.json (logging
# included), configured only through environment variables.
start_gateway() {
  local name="$1"; shift
  gateway_log="$tmp/gateway-$name.log"
  # A gateway left over from the previous mode would answer the health check in the new one's place.
  if port_in_use "$gateway_port"; then die "port $gateway_port is still in use"; fi
  "${pin_gateway[@]}" env \
    ASPNETCORE_URLS="$gateway_url" \
    ReverseProxy__Clusters__drrs__Destinations__primary__Address="http://127.0.0.1:$nginx_port/" \
    Aup__Identity__TrustedHeader=X-Drrs-User \
    "$@" \
    dotnet "$publish/DrrsGateway.dll" >"$gateway_log" 2>&1 &
  gateway_pid=$!
  pids+=("$gateway_pid")
  wait_for_http "$gateway_url/healthz" "gateway ($name)" "$gateway_pid"
  log "gateway ($name) on $gateway_url (pid $gateway_pid)"
}

stop_gateway() {
  stop_pid "$gateway_pid"
  gateway_pid=""
}

# Kilobytes from /proc/<pid>/status (VmRSS: now, VmHWM: peak).
proc_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
# CPU time (user + system) of a process so far, in clock ticks.
proc_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
clk_tck="$(getconf CLK_TCK)"

# --- wrk runs ----------------------------------------------------------------------------------------
declare -A R   # R[<run>.<field>]; run = <scenario>.<mode>.<round> before aggregation, then without round
runs=" "       # every <scenario>.<mode> measured

# run_wrk RUN URL SCRIPT SECONDS CONNECTIONS THREADS [VAR=value ...]: one wrk run; the fields of its
# BENCH line go into R, and the gateway's CPU time over the run (when a gateway is up) into R[RUN.cpu_us].
# With until_done_dir set, the run ends early once every wrk thread left its file there.
until_done_dir=""
run_wrk() {
  local run="$1" url="$2" script="$3" secs="$4" conns="$5" threads="$6"; shift 6
  local out="$tmp/wrk-$run.txt" t0="" line kv wrk_pid
  [ -n "$gateway_pid" ] && t0="$(proc_ticks "$gateway_pid")"
  "${pin_load[@]}" env BENCH_TAG="${run//./-}-$RANDOM" "$@" \
    wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s -s "$here/$script" "$url" >"$out" 2>&1 &
  wrk_pid=$!
  pids+=("$wrk_pid")
  if [ -n "$until_done_dir" ]; then
    while kill -0 "$wrk_pid" 2>/dev/null; do
      if [ "$(find "$until_done_dir" -type f | wc -l)" -ge "$threads" ]; then
        kill -INT "$wrk_pid" 2>/dev/null || true  # wrk stops and prints its summary
        break
      fi
      sleep 0.2
    done
  fi
  wait "$wrk_pid" || { cat "$out" >&2; die "wrk failed ($run)"; }
  forget_pid "$wrk_pid"
  line="$(grep '^BENCH ' "$out" || true)"
  [ -n "$line" ] || { cat "$out" >&2; die "wrk printed no summary ($run)"; }
  for kv in ${line#BENCH }; do R["$run.${kv%%=*}"]="${kv#*=}"; done
  if [ -n "$t0" ]; then
    R["$run.cpu_us"]=$(( ($(proc_ticks "$gateway_pid") - t0) * 1000000 / clk_tck ))
  fi
  case "$run" in warm.*) ;; *) [[ "$runs" == *" ${run%.*} "* ]] || runs+="${run%.*} " ;; esac
}

# warm NAME URL SCRIPT LEAST [MOST]: load in 5 s steps for at least LEAST seconds, then until two
# consecutive steps agree within 5% on req/s, at most MOST (default WARMUP_MAX) seconds. A fresh .NET process runs its first tens
# of seconds on unoptimised (tier-0) code: on one core under load it was 3x slower for ~40 s here.
declare -A WARMED  # seconds of warm-up and the last step's req/s, per NAME
warm() {
  local name="$1" url="$2" script="$3" least="$4" most="${5:-$WARMUP_MAX}" spent=0 step=0 previous="" current
  while :; do
    step=$((step + 1))
    run_wrk "warm.$name.$step" "$url" "$script" 5 "$CONNECTIONS" "$THREADS"
    spent=$((spent + 5))
    current="${R[warm.$name.$step.rps]}"
    if [ "$spent" -ge "$least" ] && [ -n "$previous" ] \
      && awk -v a="$current" -v b="$previous" 'BEGIN { d = (a - b) / b; exit !(d < 0.05 && d > -0.05) }'; then
      break
    fi
    if [ "$spent" -ge "$most" ]; then
      log "warm-up of $name did not settle within ${most} s (last steps: $previous, $current req/s)"
      break
    fi
    previous="$current"
  done
  WARMED[$name]="${spent} s, $(printf '%.0f' "$current") req/s at the end"
}

# probe MODE: the same request twice with curl, the way the scenarios send it; records both statuses and
# whether the second answer carries CAISO's message. wrk only counts non-2xx, so this says what they are.
declare -A PROBE
probe() {
  local mode="$1" user="probe-$1-$RANDOM" first second body
  local args=(-s -X POST -H "X-Drrs-User: $user" -H 'Content-Type: text/xml; charset=utf-8'
    -H 'SOAPAction: http://www.caiso.com/soa/SubmitDRRSLocations_v1' --data '<x/>' --max-time 5)
  first="$(curl "${args[@]}" -o /dev/null -w '%{http_code}' "$gateway_url/sst/runtime.asvc/SubmitDRRSLocations_v1")"
  second="$(curl "${args[@]}" -o "$tmp/probe-$mode.body" -w '%{http_code}' "$gateway_url/sst/runtime.asvc/SubmitDRRSLocations_v1")"
  body="without CAISO's message"
  grep -q 'CAISO DRRS Acceptable Use Policy Violation' "$tmp/probe-$mode.body" && body="with CAISO's message"
  PROBE[$mode]="$first, then $second $body"
  want_scenario generic || return 0
  # Scenario 5's request: the generic endpoint, keyed from the envelope (or the action, nopeek).
  user="probe-generic-$mode-$RANDOM"
  args=(-s -X POST -H "X-Drrs-User: $user" -H 'Content-Type: text/xml; charset=utf-8'
    -H 'SOAPAction: "http://www.caiso.com/soa/RetrieveDRRSLocations_v1"' --data-binary "@$here/generic-envelope.xml" --max-time 5)
  first="$(curl "${args[@]}" -o /dev/null -w '%{http_code}' "$gateway_url/sst/runtime.asvc")"
  second="$(curl "${args[@]}" -o "$tmp/probe-generic-$mode.body" -w '%{http_code}' "$gateway_url/sst/runtime.asvc")"
  body="without CAISO's message"
  grep -q 'CAISO DRRS Acceptable Use Policy Violation' "$tmp/probe-generic-$mode.body" && body="with CAISO's message"
  PROBE[generic.$mode]="$first, then $second $body"
}

declare -A RSS_PEAK LOG_MB
note_gateway() {  # peak RSS (max over rounds) and stdout log size of the gateway about to stop
  local mode="$1" hwm
  hwm="$(proc_kb "$gateway_pid" VmHWM)"
  if [ -z "${RSS_PEAK[$mode]:-}" ] || [ "$hwm" -gt "${RSS_PEAK[$mode]}" ]; then RSS_PEAK[$mode]="$hwm"; fi
  LOG_MB[$mode]="$(awk -v b="$(stat -c %s "$gateway_log")" 'BEGIN { printf "%.1f", b / 1048576 }')"
}

# run_mode MODE ROUND [VAR=value ...]: scenarios 1, 5, 2, 3 (those in SCENARIOS) against a fresh gateway.
# Scenario 1 always warms the gateway up, measured or not.
run_mode() {
  local mode="$1" round="$2"; shift 2
  start_gateway "$mode-$round" "$@"
  [ "$round" = 1 ] && probe "$mode"
  log "[$mode, round $round] scenario 1: every request from a new user"
  warm "new-user.$mode.$round" "$gateway_url" new-user.lua "$WARMUP"
  if want_scenario new-user; then
    run_wrk "new-user.$mode.$round" "$gateway_url" new-user.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  fi
  if want_scenario generic; then
    # The envelope peek is code scenario 1 never ran: warmed up on its own, like the flood.
    log "[$mode, round $round] scenario 5: new users on the generic endpoint"
    warm "generic.$mode.$round" "$gateway_url" generic-endpoint.lua 10 30
    run_wrk "generic.$mode.$round" "$gateway_url" generic-endpoint.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  fi
  if want_scenario flood; then
    log "[$mode, round $round] scenario 2: one user flooding one service"
    warm "flood.$mode.$round" "$gateway_url" flood.lua 10 30
    run_wrk "flood.$mode.$round" "$gateway_url" flood.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  fi
  if want_scenario well-behaved; then
    run_well_behaved "$mode" "$round"
  fi
  note_gateway "$mode"
  stop_gateway
}

# run_well_behaved MODE ROUND: scenario 3 on the running gateway.
run_well_behaved() {
  local mode="$1" round="$2"
  log "[$mode, round $round] scenario 3: well-behaved users alone, then beside the flood"
  run_wrk "good-alone.$mode.$round" "$gateway_url" well-behaved.lua "$DURATION" "$GOOD_CONNECTIONS" 1 \
    BENCH_DELAY_MS="$GOOD_DELAY_MS"
  "${pin_load[@]}" env BENCH_TAG="flood3-$mode-$round-$RANDOM" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((DURATION + 2))s" --timeout 5s -s "$here/flood.lua" "$gateway_url" \
    >"$tmp/wrk-flood-beside.$mode.$round.txt" 2>&1 &
  local flood_pid=$!
  pids+=("$flood_pid")
  sleep 1  # the flood is under way before the well-behaved users start, and outlasts them
  run_wrk "good-flood.$mode.$round" "$gateway_url" well-behaved.lua "$DURATION" "$GOOD_CONNECTIONS" 1 \
    BENCH_DELAY_MS="$GOOD_DELAY_MS"
  wait "$flood_pid" || true
  forget_pid "$flood_pid"
}

log "scenario 4: wrk straight to nginx"
warm backend "http://127.0.0.1:$nginx_port" new-user.lua 5 30
run_wrk backend.nginx.1 "http://127.0.0.1:$nginx_port" new-user.lua "$DURATION" "$CONNECTIONS" "$THREADS"

for round in $(seq 1 "$REPEAT"); do
  for mode in $MODES; do
    case "$mode" in
      off) run_mode off "$round" Aup__Enabled=false ;;
      embedded) run_mode embedded "$round" ;;
      redis)
        redis-cli -p "$redis_port" flushall >/dev/null
        run_mode redis "$round" ConnectionStrings__Redis="127.0.0.1:$redis_port" ;;
      # The embedded store with no envelope peek: generic-endpoint requests keyed by their SOAPAction.
      nopeek) run_mode nopeek "$round" Aup__Soap__EnvelopeCheck=WhenHeadersNameNone ;;
    esac
  done
  # What logging costs, for reading scenario 2 only: the same flood with refusal events (Information)
  # filtered out. Never a headline figure: the shipped configuration logs every refusal.
  if [ "$LOGCOST" = 1 ] && [ "$round" = 1 ] && want_mode embedded && want_scenario flood; then
    start_gateway "embedded-nolog-$round" Serilog__MinimumLevel__Default=Fatal
    log "[embedded, logging off, round $round] scenario 2"
    warm "new-user.embedded-nolog.$round" "$gateway_url" new-user.lua "$WARMUP"
    warm "flood.embedded-nolog.$round" "$gateway_url" flood.lua 10 30
    run_wrk "flood.embedded-nolog.$round" "$gateway_url" flood.lua "$DURATION" "$CONNECTIONS" "$THREADS"
    stop_gateway
  fi
done

# Memory: KEYS distinct users through the embedded store. The window is an hour here so every lock is
# still live (unswept) when RSS is read; a lock's size does not depend on the window.
keys_done=0
if [ "$KEYS" -gt 0 ]; then
  start_gateway embedded-keys Aup__WindowSeconds=3600
  log "[embedded] memory: $KEYS live keys (at most ${KEYS_TIMEOUT} s)"
  # Short: every warm-up request leaves a live key too (they are counted). Memory needs no optimised code.
  run_wrk warm.keys "$gateway_url" new-user.lua 3 "$CONNECTIONS" "$THREADS"
  sleep 1
  rss_before="$(proc_kb "$gateway_pid" VmRSS)"
  keys_started=$SECONDS
  mkdir -p "$tmp/keys-done"
  until_done_dir="$tmp/keys-done"
  run_wrk keys.embedded.1 "$gateway_url" million-keys.lua "$KEYS_TIMEOUT" "$CONNECTIONS" "$THREADS" \
    BENCH_KEYS="$KEYS" BENCH_THREADS="$THREADS" BENCH_DONE_DIR="$tmp/keys-done"
  until_done_dir=""
  keys_seconds=$(( SECONDS - keys_started ))
  sleep 1
  rss_after="$(proc_kb "$gateway_pid" VmRSS)"
  hwm_after="$(proc_kb "$gateway_pid" VmHWM)"
  # Every 2xx answer was an allowed decision for a user never seen before: one live lock each.
  keys_done=$(( ${R[keys.embedded.1.requests]} - ${R[keys.embedded.1.non2xx]} + ${R[warm.keys.requests]} - ${R[warm.keys.non2xx]} ))
  stop_gateway
fi

# --- aggregation: median over rounds of every field --------------------------------------------------
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A ROUNDS_RPS  # "a / b / c": req/s of each round, to show the spread
for run in $runs; do
  for field in requests rps p50_us p90_us p99_us max_us non2xx socket_errors timeouts cpu_us; do
    values=""
    for round in $(seq 1 "$REPEAT"); do
      [ -n "${R[$run.$round.$field]:-}" ] && values+="${R[$run.$round.$field]} "
    done
    [ -n "$values" ] && R["$run.$field"]="$(echo "$values" | median)"
  done
  spread=""
  for round in $(seq 1 "$REPEAT"); do
    [ -n "${R[$run.$round.rps]:-}" ] && spread+="${spread:+ / }$(printf '%.0f' "${R[$run.$round.rps]}")"
  done
  ROUNDS_RPS[$run]="$spread"
done

# --- report ------------------------------------------------------------------------------------------
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
has() { [ -n "${R[$1.requests]:-}" ]; }
rps() { printf '%.0f' "${R[$1.rps]}"; }
cpu_per_req() {
  if [ -n "${R[$1.cpu_us]:-}" ]; then
    awk -v c="${R[$1.cpu_us]}" -v n="${R[$1.requests]}" 'BEGIN { printf "%.0f", c / n }'
  else
    echo "-"
  fi
}
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = (dir == "ge") ? (v + 0 >= t + 0) : (v + 0 <= t + 0); print ok ? "met" : "**not met**" }'; }

mkdir -p "$(dirname "$RESULTS")"
{
  echo "# DrrsGateway benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'),"
  echo "$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)."
  if [ "$pinning" = 1 ]; then
    echo "Gateway pinned to CPU $GATEWAY_CPUS; wrk, nginx and redis-server to CPU $LOAD_CPUS."
  else
    echo "No CPU pinning."
  fi
  echo "wrk: $THREADS thread(s), $CONNECTIONS connections, ${DURATION} s per measured run; $REPEAT round(s), medians shown."
  echo "Scenarios: $SCENARIOS. Each fresh gateway is warmed up with scenario 1 for at least ${WARMUP} s, until its"
  echo "req/s settles (5 s steps agreeing within 5%), then with scenario 5 and the flood (when run) for 10 to 30 s each."
  echo "Warm-up of each gateway (scenario 1):"
  for mode in off embedded redis nopeek embedded-nolog; do
    for round in $(seq 1 "$REPEAT"); do
      [ -n "${WARMED[new-user.$mode.$round]:-}" ] && printf '%s' "$mode #$round: ${WARMED[new-user.$mode.$round]}; "
    done
  done
  echo
  want_scenario well-behaved && echo "Well-behaved users: $GOOD_CONNECTIONS connections, ${GOOD_DELAY_MS} ms pause between requests."
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (above ~2 means something else shared the cores)."
  echo
  echo "## Throughput and latency"
  echo
  echo "Ratios are to policy off in the same run. Gateway CPU/req: the gateway's CPU time (user + system)"
  echo "per request, less sensitive than req/s to other load on the machine."
  echo
  echo "| scenario | mode | req/s | ratio to off | p50 ms | p99 ms | non-2xx | socket errors | gateway CPU/req µs | req/s per round |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
  for scenario in new-user generic flood; do
    for mode in off embedded redis nopeek embedded-nolog; do
      has "$scenario.$mode" || continue
      label="$mode"
      case "$mode" in
        embedded-nolog) label="embedded, logging off (diagnostic)" ;;
        nopeek) label="embedded, EnvelopeCheck=WhenHeadersNameNone" ;;
      esac
      r="-"; has "$scenario.off" && r="$(ratio "${R[$scenario.$mode.rps]}" "${R[$scenario.off.rps]}")"
      echo "| $scenario | $label | $(rps "$scenario.$mode") | $r | $(ms "${R[$scenario.$mode.p50_us]}") | $(ms "${R[$scenario.$mode.p99_us]}") | $(printf '%.0f' "${R[$scenario.$mode.non2xx]}") | $(printf '%.0f' "${R[$scenario.$mode.socket_errors]}") | $(cpu_per_req "$scenario.$mode") | ${ROUNDS_RPS[$scenario.$mode]} |"
    done
  done
  echo "| backend (nginx direct) | - | $(rps backend.nginx) | - | $(ms "${R[backend.nginx.p50_us]}") | $(ms "${R[backend.nginx.p99_us]}") | ${R[backend.nginx.non2xx]} | ${R[backend.nginx.socket_errors]} | - | |"
  echo
  echo "non-2xx: 0 expected for new-user, generic and policy off; for flood, every request but the first (the refusals)."
  echo "A request as the scenarios send it (SOAP 1.1), twice for one user, was answered:"
  for mode in off embedded redis nopeek; do
    [ -n "${PROBE[$mode]:-}" ] && echo "$mode: ${PROBE[$mode]};"
  done
  if want_scenario generic; then
    echo "and scenario 5's request (generic endpoint):"
    for mode in off embedded redis nopeek; do
      [ -n "${PROBE[generic.$mode]:-}" ] && echo "$mode: ${PROBE[generic.$mode]};"
    done
  fi
  # Scenario 5 beside scenario 1: what keying by the envelope costs. CPU differences are µs per request.
  if has generic.embedded; then
    cpu_diff() {
      if [ -n "${R[$1.cpu_us]:-}" ] && [ -n "${R[$2.cpu_us]:-}" ]; then
        awk -v a="${R[$1.cpu_us]}" -v n="${R[$1.requests]}" -v b="${R[$2.cpu_us]}" -v m="${R[$2.requests]}" \
          'BEGIN { printf "%+.0f", a / n - b / m }'
      else
        echo "-"
      fi
    }
    echo
    echo "## Generic endpoint: the envelope peek"
    echo
    echo "New users throughout. Path-routed: scenario 1 (~200 B envelope, keyed from path and headers). Generic:"
    echo "scenario 5 (POST /sst/runtime.asvc, ~2.2 kB envelope). The two rows of one mode come from one gateway"
    echo "process; modes are separate processes. Ratios and CPU differences are against the row named."
    echo
    echo "| request | mode | req/s | ratio to off (same request) | CPU/req µs | CPU/req − off µs | vs nopeek: req/s ratio | vs nopeek: CPU/req µs |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    for scenario in new-user generic; do
      for mode in off embedded nopeek; do
        has "$scenario.$mode" || continue
        r="-"; d="-"; has "$scenario.off" && { r="$(ratio "${R[$scenario.$mode.rps]}" "${R[$scenario.off.rps]}")"; d="$(cpu_diff "$scenario.$mode" "$scenario.off")"; }
        rn="-"; dn="-"; has "$scenario.nopeek" && [ "$mode" = embedded ] && { rn="$(ratio "${R[$scenario.$mode.rps]}" "${R[$scenario.nopeek.rps]}")"; dn="$(cpu_diff "$scenario.$mode" "$scenario.nopeek")"; }
        label="path-routed"; [ "$scenario" = generic ] && label="generic"
        echo "| $label | $mode | $(rps "$scenario.$mode") | $r | $(cpu_per_req "$scenario.$mode") | $d | $rn | $dn |"
      done
    done
  fi
  echo
  if want_scenario well-behaved; then
  echo "## Well-behaved users beside a flood"
  echo
  echo "| mode | req/s | alone p50 ms | alone p99 ms | with flood p50 ms | with flood p99 ms | p99 ratio | their non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for mode in off embedded redis nopeek; do
    has "good-alone.$mode" || continue
    echo "| $mode | $(rps "good-alone.$mode") | $(ms "${R[good-alone.$mode.p50_us]}") | $(ms "${R[good-alone.$mode.p99_us]}") | $(ms "${R[good-flood.$mode.p50_us]}") | $(ms "${R[good-flood.$mode.p99_us]}") | $(ratio "${R[good-flood.$mode.p99_us]}" "${R[good-alone.$mode.p99_us]}") | $(awk -v a="${R[good-alone.$mode.non2xx]}" -v b="${R[good-flood.$mode.non2xx]}" 'BEGIN { print a + b }') |"
  done
  echo
  fi
  echo "## Gateway memory"
  echo
  echo "| mode | peak RSS (VmHWM) MB | stdout log of one round MB |"
  echo "|---|---:|---:|"
  for mode in off embedded redis nopeek; do
    [ -n "${RSS_PEAK[$mode]:-}" ] || continue
    echo "| $mode | $(mb "${RSS_PEAK[$mode]}") | ${LOG_MB[$mode]} |"
  done
  if [ "$KEYS" -gt 0 ]; then
    extra_kb=$(( rss_after - rss_before ))
    echo
    echo "Embedded store, $keys_done live keys (window 3600 s so none expires; driven in ${keys_seconds} s):"
    echo "RSS before $(mb "$rss_before") MB, after $(mb "$rss_after") MB, extra **$(mb "$extra_kb") MB**"
    echo "($(awk -v k="$extra_kb" -v n="$keys_done" 'BEGIN { printf "%.0f", k * 1024 / n }') bytes per key); peak RSS $(mb "$hwm_after") MB."
  fi
  echo
  echo "## Targets"
  echo
  echo "| target | this run | verdict |"
  echo "|---|---:|---|"
  if has new-user.off && has new-user.redis; then
    v="$(ratio "${R[new-user.redis.rps]}" "${R[new-user.off.rps]}")"
    echo "| Redis store, every request a new user: ≥ 0.80 of policy-off req/s (stretch 0.90) | $v | $(verdict "$v" 0.80 ge) (stretch: $(verdict "$v" 0.90 ge)) |"
  fi
  if has new-user.off && has new-user.embedded; then
    v="$(ratio "${R[new-user.embedded.rps]}" "${R[new-user.off.rps]}")"
    echo "| Embedded store, every request a new user: ≥ 0.95 of policy-off req/s | $v | $(verdict "$v" 0.95 ge) |"
  fi
  for mode in embedded redis; do
    if has flood.off && has "flood.$mode"; then
      v="$(ratio "${R[flood.$mode.rps]}" "${R[flood.off.rps]}")"
      echo "| One user flooding ($mode): refusals at ≥ 2× policy-off req/s | $v× | $(verdict "$v" 2 ge) |"
    fi
  done
  for mode in embedded redis; do
    if has "good-alone.$mode"; then
      v="$(ratio "${R[good-flood.$mode.p99_us]}" "${R[good-alone.$mode.p99_us]}")"
      echo "| Well-behaved users' p99 beside the flood ($mode): ≤ 2× without it | $v× | $(verdict "$v" 2 le) |"
    fi
  done
  if [ "$KEYS" -gt 0 ]; then
    short=""
    [ "$keys_done" -lt "$KEYS" ] && short=" (only $keys_done of $KEYS keys within ${KEYS_TIMEOUT} s)"
    echo "| Embedded store, $KEYS live keys: ≤ 200 MB extra RSS | $(mb "$extra_kb") MB | $(verdict "$(mb "$extra_kb")" 200 le)$short |"
  fi
} >"$RESULTS"

cat "$RESULTS"
log "results written to $RESULTS"
