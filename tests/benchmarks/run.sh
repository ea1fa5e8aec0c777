#!/usr/bin/env bash
# DrrsGateway benchmark harness (issues 6 and 12). One command, everything on 127.0.0.1, every process
# stopped on exit. Publishes the gateway and the .NET reference projects (Release), starts nginx as a fast
# stand-in backend and redis-server on free loopback ports, then runs each server mode, one at a time,
# fresh, pinned to one CPU, and loads it with wrk:
#   1 new-user      every request from a new user: each an allowed, store-writing decision
#   2 flood         one user flooding one service: every request after the first refused
#   3 well-behaved  a few low-rate allowed users, alone and beside the flood: their p50/p99
#   4 backend       wrk straight to nginx: the ceiling of the load generator and backend
#   5 generic       every request a new user on the generic endpoint (POST /sst/runtime.asvc, SOAPAction,
#                   ~2.2 kB WS-Security envelope): the gateway peeks at the envelope to key it
# and a memory scenario: 1,000,000 live keys in the embedded store, RSS before and after; and hold mode:
# HOLD_CALLS calls held at once (memory and CPU per held call, how long each was held), and new users
# measured alone and beside HOLD_KEEP users kept held; and, with a Redis mode, Redis memory per live lock.
# Modes: the gateway (off, embedded, redis, nopeek, and the BREAKDOWN variants) and the reference rows (bare
# YARP, YARP + RedisRateLimiting, YARP + ASP.NET Core's rate limiter, HAProxy with the exact policy). They
# run in REPEAT rounds; the report gives medians over the rounds, every ratio the targets name with a
# verdict, and writes it to $RESULTS. Not part of `dotnet test`: run by hand. Settings: see README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-45}"
WARMUP_MAX="${WARMUP_MAX:-180}"
REPEAT="${REPEAT:-3}"
MODES="${MODES:-bare off embedded redis redislimiter ratelimiter haproxy yarp-redis-floor yarp-memory-floor kestrel-refusal}"
SCENARIOS="${SCENARIOS:-new-user flood well-behaved generic}"
BREAKDOWN="${BREAKDOWN:-}"
BREAKDOWN_BASE="${BREAKDOWN_BASE:-redis}"
BREAKDOWN_SCENARIOS="${BREAKDOWN_SCENARIOS:-new-user flood}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-1}"
GOOD_CONNECTIONS="${GOOD_CONNECTIONS:-4}"
GOOD_DELAY_MS="${GOOD_DELAY_MS:-10}"
KEYS="${KEYS:-1000000}"
KEYS_TIMEOUT="${KEYS_TIMEOUT:-300}"
HOLD="${HOLD:-1}"
HOLD_CALLS="${HOLD_CALLS:-10000}"
HOLD_KEEP="${HOLD_KEEP:-1000}"
HOLD_WINDOW="${HOLD_WINDOW:-10}"
LOGCOST="${LOGCOST:-1}"
PROFILE="${PROFILE:-0}"
PROFILE_MODE="${PROFILE_MODE:-redis}"
PROFILE_SECONDS="${PROFILE_SECONDS:-$DURATION}"
PIN="${PIN:-1}"
GATEWAY_CPUS="${GATEWAY_CPUS:-0}"
LOAD_CPUS="${LOAD_CPUS:-1}"
RESULTS="${RESULTS:-$here/results/$(date -u +%Y%m%dT%H%M%SZ).md}"
KEEP_TMP="${KEEP_TMP:-0}"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- modes -------------------------------------------------------------------------------------------
gateway_modes=" off embedded redis nopeek "
reference_modes=" bare redislimiter ratelimiter haproxy yarp-redis-floor yarp-memory-floor kestrel-refusal "
declare -A LABEL=(
  [bare]="YARP bare" [redislimiter]="YARP + RedisRateLimiting" [ratelimiter]="YARP + ASP.NET Core RateLimiter"
  [haproxy]="HAProxy, exact policy" [off]="gateway, policy off" [embedded]="gateway, embedded store"
  [redis]="gateway, Redis" [nopeek]="gateway, embedded, EnvelopeCheck=WhenHeadersNameNone"
  [embedded-nolog]="gateway, embedded, logging off (diagnostic)"
  [yarp-redis-floor]="floor: YARP + one Redis SET … GET" [yarp-memory-floor]="floor: YARP + ConcurrentDictionary"
  [kestrel-refusal]="ceiling: Kestrel refusing every call"
)
for mode in $MODES; do
  [[ "$gateway_modes$reference_modes" == *" $mode "* ]] \
    || die "unknown mode '$mode' (gateway: off embedded redis nopeek; reference rows: bare redislimiter ratelimiter haproxy yarp-redis-floor yarp-memory-floor kestrel-refusal)"
done
for scenario in $SCENARIOS $BREAKDOWN_SCENARIOS; do
  case "$scenario" in new-user | flood | well-behaved | generic) ;;
    *) die "unknown scenario '$scenario' (new-user, flood, well-behaved, generic)" ;; esac
done

# Cost breakdown: gateway variants, each the BREAKDOWN_BASE mode plus some environment variables, run as
# extra modes "bd-NAME" in every round. BREAKDOWN is a list of "NAME:VAR=value VAR=value" items separated by
# ";" or newlines (values without spaces); the item "switches" stands for every switch the gateway has today.
switches="
nootel: OTEL_SDK_DISABLED=true
noaspnetmetrics: Telemetry__AspNetCoreInstrumentation=false
nohttpclientmetrics: Telemetry__HttpClientInstrumentation=false
noruntimemetrics: Telemetry__RuntimeInstrumentation=false
norequestlog: RequestLog__Enabled=false
nologs: Serilog__MinimumLevel__Default=Fatal Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime=Fatal RequestLog__Level=Verbose
nocatalog: Aup__Services__Enabled=false
noenvelope: Aup__Soap__EnvelopeCheck=WhenHeadersNameNone
noadvertise: Aup__AdvertisePolicy=false
nometadata: Aup__Soap__ForwardMetadataReads=false"
# And all of them at once: what is left above bare YARP then has no switch.
switches_preset="$switches
allswitches: $(echo "$switches" | sed 's/^[^:]*://' | tr ' ' '\n' | grep . | awk '!seen[$0]++' | tr '\n' ' ')"
declare -A BD_ENV
breakdown_modes=""
if [ -n "$BREAKDOWN" ]; then
  [[ " off embedded redis " == *" $BREAKDOWN_BASE "* ]] || die "BREAKDOWN_BASE must be off, embedded or redis"
  items="$(printf '%s\n' "$BREAKDOWN" | tr ';' '\n' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' \
    | awk -v preset="$switches_preset" '$0 == "switches" { print preset; next } { print }' | grep . || true)"
  while IFS= read -r item; do
    name="${item%%:*}"
    vars="${item#*:}"
    [[ "$item" == *:* && "$name" =~ ^[A-Za-z0-9_-]+$ ]] || die "BREAKDOWN item '$item' is not NAME:VAR=value ..."
    for kv in $vars; do
      [[ "$kv" =~ ^[A-Za-z_][A-Za-z0-9_.]*= ]] || die "BREAKDOWN item '$name': '$kv' is not VAR=value"
    done
    [ -z "${BD_ENV[$name]:-}" ] || die "BREAKDOWN names '$name' twice"
    BD_ENV[$name]="$(echo $vars)"
    LABEL[bd-$name]="gateway ($BREAKDOWN_BASE), $name"
    breakdown_modes+="bd-$name "
  done <<<"$items"
  # The base and bare YARP are what the variants are read against: they run too.
  [[ " $MODES " == *" $BREAKDOWN_BASE "* ]] || MODES="$MODES $BREAKDOWN_BASE"
  [[ " $MODES " == *" bare "* ]] || MODES="bare $MODES"
fi
all_modes="$(echo $MODES $breakdown_modes)"

want_mode() { [[ " $all_modes " == *" $1 "* ]]; }
want_scenario() { [[ " $SCENARIOS " == *" $1 "* ]]; }
is_gateway() { [[ "$gateway_modes" == *" $1 "* || "$1" == bd-* || "$1" == embedded-nolog ]]; }
# mode_runs MODE SCENARIO: whether SCENARIO is measured in MODE. Breakdown variants run BREAKDOWN_SCENARIOS;
# the generic endpoint means something only to the gateway and the bare YARP it is compared with.
mode_runs() {
  case "$1" in
    bd-*) [[ " $BREAKDOWN_SCENARIOS " == *" $2 "* ]] ;;
    redislimiter | ratelimiter | haproxy | yarp-redis-floor | yarp-memory-floor) [ "$2" != generic ] && want_scenario "$2" ;;
    # It refuses every call: there are no well-behaved users to measure.
    kestrel-refusal) [ "$2" != generic ] && [ "$2" != well-behaved ] && want_scenario "$2" ;;
    *) want_scenario "$2" ;;
  esac
}
uses_redis() { [[ "$1" == redis || "$1" == redislimiter || "$1" == yarp-redis-floor || ( "$1" == bd-* && "$BREAKDOWN_BASE" == redis ) ]]; }
need_redis=0
for mode in $all_modes; do uses_redis "$mode" && need_redis=1; done
need_gateway=0
[ "$KEYS" -gt 0 ] && need_gateway=1
[ "$HOLD" = 1 ] && need_gateway=1
for mode in $all_modes; do is_gateway "$mode" && need_gateway=1; done

# --- tools -------------------------------------------------------------------------------------------
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ "$HOLD" = 1 ] && { command -v ss >/dev/null 2>&1 || need+=(iproute2); }
if [ "$need_redis" = 1 ]; then
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
fi
if want_mode haproxy; then
  command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || need+=(haproxy)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  log "installing with apt-get: ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
haproxy_bin="$(command -v haproxy || echo /usr/sbin/haproxy)"
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is needed to publish the gateway"

pinning=0
if [ "$PIN" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then pinning=1; fi
# Command prefixes that pin when pinning. Arrays, not a function: a backgrounded simple command is
# exec'd, so $! is the real process (taskset and env exec too) and kill reaches it.
pin_server=()
pin_load=()
if [ "$pinning" = 1 ]; then
  pin_server=(taskset -c "$GATEWAY_CPUS")
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
# A loopback port nothing listens on, not handed out before in this run. Called in the main shell only
# (never in $(...)) so used_ports keeps what it handed out: the port is left in $port.
free_port() {
  for _ in $(seq 1 200); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    [[ "$used_ports" == *" $port "* ]] && continue
    if ! port_in_use "$port"; then
      used_ports+="$port "
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
free_port; nginx_port="$port"
mkdir -p "$tmp/nginx"
cat >"$tmp/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
# Hold mode releases thousands of held calls within seconds: each may open its own backend connection.
worker_rlimit_nofile 20000;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 16384; }
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
if [ "$need_redis" = 1 ]; then
  free_port; redis_port="$port"
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

# --- publish -----------------------------------------------------------------------------------------
# publish PROJECT_DIR NAME: Release build into $tmp/NAME.
publish() {
  log "publishing $2 (Release)"
  dotnet publish "$1" -c Release -o "$tmp/$2" --nologo -v q >"$tmp/publish-$2.log" 2>&1 \
    || { cat "$tmp/publish-$2.log" >&2; die "dotnet publish of $2 failed"; }
}
[ "$need_gateway" = 1 ] && publish "$repo/src/DrrsGateway" gateway
want_mode bare && publish "$here/BareYarp" BareYarp
want_mode ratelimiter && publish "$here/YarpRateLimiter" YarpRateLimiter
want_mode redislimiter && publish "$here/YarpRedisRateLimiting" YarpRedisRateLimiting
want_mode yarp-redis-floor && publish "$here/YarpRedisFloor" YarpRedisFloor
want_mode yarp-memory-floor && publish "$here/YarpMemoryFloor" YarpMemoryFloor
want_mode kestrel-refusal && publish "$here/KestrelRefusal" KestrelRefusal
[ "$HOLD" = 1 ] && publish "$here/HoldLoad" HoldLoad
package_version() { sed -n "s/.*Include=\"$1\" Version=\"\([^\"]*\)\".*/\1/p" "$repo/Directory.Packages.props" "$here/Directory.Packages.props" | head -1; }
LABEL[bare]+=" (Yarp.ReverseProxy $(package_version Yarp.ReverseProxy))"
LABEL[redislimiter]+=" $(package_version RedisRateLimiting) (fixed window, no reset)"
LABEL[ratelimiter]+=" (fixed window, in memory)"
LABEL[yarp-redis-floor]+=" (StackExchange.Redis $(package_version StackExchange.Redis))"
if want_mode haproxy; then
  haproxy_version="$("$haproxy_bin" -v 2>/dev/null | awk 'NR == 1 { print $3 }')"
  LABEL[haproxy]="HAProxy $haproxy_version, exact policy (stick table, one thread)"
fi

# --- servers -----------------------------------------------------------------------------------------
free_port; server_port="$port"
server_url="http://127.0.0.1:$server_port"
server_pid=""
server_log=""

# launch NAME COMMAND...: one server, pinned, on server_port, its output to a file; waits for /healthz (the
# gateway's own, proxied to nginx by the others).
launch() {
  local name="$1"; shift
  server_log="$tmp/server-$name.log"
  # A server left over from the previous mode would answer the health check in the new one's place.
  if port_in_use "$server_port"; then die "port $server_port is still in use"; fi
  "${pin_server[@]}" "$@" >"$server_log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  wait_for_http "$server_url/healthz" "$name" "$server_pid"
  log "$name on $server_url (pid $server_pid)"
}

# start_gateway NAME [VAR=value ...]: the published gateway with its shipped appsettings.json (logging
# included), configured only through environment variables.
start_gateway() {
  local name="$1"; shift
  launch "gateway-$name" env \
    ASPNETCORE_URLS="$server_url" \
    ReverseProxy__Clusters__drrs__Destinations__primary__Address="http://127.0.0.1:$nginx_port/" \
    Aup__Identity__TrustedHeader=X-Drrs-User \
    "$@" \
    dotnet "$tmp/gateway/DrrsGateway.dll"
}

# start_reference NAME PROJECT [VAR=value ...]: one of the .NET reference projects.
start_reference() {
  local name="$1" project="$2"; shift 2
  launch "$name" env ASPNETCORE_URLS="$server_url" BENCH_BACKEND="http://127.0.0.1:$nginx_port/" "$@" \
    dotnet "$tmp/$project/$project.dll"
}

# haproxy_config NAME WINDOW PORT: haproxy/haproxy.cfg.template for one server, checked by haproxy.
haproxy_config() {
  sed -e "s/@PORT@/$3/; s/@BACKEND_PORT@/$nginx_port/; s/@WINDOW@/$2/g" \
    "$here/haproxy/haproxy.cfg.template" >"$tmp/haproxy-$1.cfg"
  "$haproxy_bin" -c -q -f "$tmp/haproxy-$1.cfg" || die "haproxy rejected its configuration ($tmp/haproxy-$1.cfg)"
}

# start_mode MODE ROUND: a fresh server for MODE. Redis is emptied first, so every mode starts alike.
start_mode() {
  local mode="$1" round="$2" vars=() kv
  if uses_redis "$mode"; then redis-cli -p "$redis_port" flushall >/dev/null; fi
  case "$mode" in
    off) start_gateway "off-$round" Aup__Enabled=false ;;
    embedded) start_gateway "embedded-$round" ;;
    redis) start_gateway "redis-$round" ConnectionStrings__Redis="127.0.0.1:$redis_port" ;;
    # The embedded store with no envelope peek: generic-endpoint requests keyed by their SOAPAction.
    nopeek) start_gateway "nopeek-$round" Aup__Soap__EnvelopeCheck=WhenHeadersNameNone ;;
    bd-*)
      case "$BREAKDOWN_BASE" in
        off) vars=(Aup__Enabled=false) ;;
        redis) vars=(ConnectionStrings__Redis="127.0.0.1:$redis_port") ;;
      esac
      for kv in ${BD_ENV[${mode#bd-}]}; do vars+=("$kv"); done
      start_gateway "$mode-$round" "${vars[@]}" ;;
    bare) start_reference "bare-$round" BareYarp ;;
    ratelimiter) start_reference "ratelimiter-$round" YarpRateLimiter ;;
    redislimiter) start_reference "redislimiter-$round" YarpRedisRateLimiting BENCH_REDIS="127.0.0.1:$redis_port" ;;
    yarp-redis-floor) start_reference "yarp-redis-floor-$round" YarpRedisFloor BENCH_REDIS="127.0.0.1:$redis_port" ;;
    yarp-memory-floor) start_reference "yarp-memory-floor-$round" YarpMemoryFloor ;;
    kestrel-refusal) start_reference "kestrel-refusal-$round" KestrelRefusal ;;
    haproxy)
      haproxy_config "haproxy-$round" 30 "$server_port"
      launch "haproxy-$round" "$haproxy_bin" -db -f "$tmp/haproxy-haproxy-$round.cfg" ;;
  esac
}

stop_server() {
  stop_pid "$server_pid"
  server_pid=""
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
# BENCH line go into R, and the server's CPU time over the run (when a server is up) into R[RUN.cpu_us].
# With until_done_dir set, the run ends early once every wrk thread left its file there.
until_done_dir=""
run_wrk() {
  local run="$1" url="$2" script="$3" secs="$4" conns="$5" threads="$6"; shift 6
  local out="$tmp/wrk-$run.txt" t0="" line kv wrk_pid
  [ -n "$server_pid" ] && t0="$(proc_ticks "$server_pid")"
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
    R["$run.cpu_us"]=$(( ($(proc_ticks "$server_pid") - t0) * 1000000 / clk_tck ))
  fi
  case "$run" in warm.* | profile-*) ;; *) [[ "$runs" == *" ${run%.*} "* ]] || runs+="${run%.*} " ;; esac
}

# jit_snapshot PID: "tid:ticks" of each of the process's tiered-compilation threads (".NET Tiered Com",
# the runtime's background JIT), for jit_work.
jit_snapshot() {
  local task
  for task in /proc/"$1"/task/*; do
    [ "$(cat "$task/comm" 2>/dev/null)" = ".NET Tiered Com" ] || continue
    printf '%s:%s ' "${task##*/}" "$(proc_ticks "${task#/proc/}" 2>/dev/null || echo 0)"
  done
}
# jit_work PID SNAPSHOT: clock ticks the tiered-compilation threads ran since SNAPSHOT. The runtime ends
# that thread when idle and starts a new one for new work, so a thread not in SNAPSHOT counts in full.
jit_work() {
  local -A before=()
  local item total=0
  for item in $2; do before[${item%%:*}]="${item#*:}"; done
  for item in $(jit_snapshot "$1"); do total=$(( total + ${item#*:} - ${before[${item%%:*}]:-0} )); done
  echo "$total"
}

# warm NAME URL SCRIPT LEAST [MOST]: load in 5 s steps for at least LEAST seconds, then until two
# consecutive steps agree within 5% on req/s and the server's background JIT did no work (at most 2
# ticks) in the last step, at most MOST (default WARMUP_MAX) seconds. A fresh .NET process runs its first
# tens of seconds on unoptimised and then instrumented code while the one tiered-compilation thread,
# sharing the core with the request threads, recompiles the hot methods: on one core under load here that
# took 50-60 s for bare YARP and 65-90 s for the gateway, and the req/s plateaus on the way (a fresh
# gateway held ~2,000 for 25 s) fooled a req/s-only test into stopping early (the "bimodal" runs).
declare -A WARMED  # seconds of warm-up and the last step's req/s, per NAME
warm() {
  local name="$1" url="$2" script="$3" least="$4" most="${5:-$WARMUP_MAX}" spent=0 step=0 previous="" current
  local before jit=0
  while :; do
    step=$((step + 1))
    before="$(jit_snapshot "$server_pid")"
    run_wrk "warm.$name.$step" "$url" "$script" 5 "$CONNECTIONS" "$THREADS"
    jit="$(jit_work "$server_pid" "$before")"
    spent=$((spent + 5))
    current="${R[warm.$name.$step.rps]}"
    if [ "$spent" -ge "$least" ] && [ -n "$previous" ] && [ "$jit" -le 2 ] \
      && awk -v a="$current" -v b="$previous" 'BEGIN { d = (a - b) / b; exit !(d < 0.05 && d > -0.05) }'; then
      break
    fi
    if [ "$spent" -ge "$most" ]; then
      log "warm-up of $name did not settle within ${most} s (last steps: $previous, $current req/s; JIT $jit ticks in the last)"
      break
    fi
    previous="$current"
  done
  WARMED[$name]="${spent} s, $(printf '%.0f' "$current") req/s at the end"
  [ "$jit" -le 2 ] || WARMED[$name]+=" (JIT still busy)"
}

# probe_pair URL PATH ACTION DATA_ARGS...: one user's request twice, then the same user on another service
# (a small body); prints "first, then second with/without CAISO's message; other service third".
probe_pair() {
  local url="$1" path="$2" action="$3" user="probe-$RANDOM$RANDOM" first second other body; shift 3
  local args=(-s -X POST -H "X-Drrs-User: $user" -H 'Content-Type: text/xml; charset=utf-8' --max-time 5)
  first="$(curl "${args[@]}" -H "SOAPAction: $action" "$@" -o /dev/null -w '%{http_code}' "$url$path")"
  second="$(curl "${args[@]}" -H "SOAPAction: $action" "$@" -o "$tmp/probe.body" -w '%{http_code}' "$url$path")"
  other="$(curl "${args[@]}" -H 'SOAPAction: http://www.caiso.com/soa/RetrieveDRRSBatchStatus_v1' --data '<x/>' \
    -o /dev/null -w '%{http_code}' "$url/sst/runtime.asvc/RetrieveDRRSBatchStatus_v1")"
  body="without CAISO's message"
  grep -q 'CAISO DRRS Acceptable Use Policy Violation' "$tmp/probe.body" && body="with CAISO's message"
  echo "$first, then $second $body; other service $other"
}

# probe MODE: what the scenarios' non-2xx answers are (wrk only counts them).
declare -A PROBE
probe() {
  local mode="$1"
  PROBE[$mode]="$(probe_pair "$server_url" /sst/runtime.asvc/SubmitDRRSLocations_v1 \
    http://www.caiso.com/soa/SubmitDRRSLocations_v1 --data '<x/>')"
  mode_runs "$mode" generic || return 0
  # Scenario 5's request: the generic endpoint, keyed from the envelope (or the action, nopeek).
  PROBE[generic.$mode]="$(probe_pair "$server_url" /sst/runtime.asvc \
    '"http://www.caiso.com/soa/RetrieveDRRSLocations_v1"' --data-binary "@$here/generic-envelope.xml")"
}

# HAProxy's policy checked against the timeline of the README with a 2 s window: every request, refused
# too, restarts the window. Run once, on its own port, before the rounds.
HAPROXY_CHECK=""
check_haproxy() {
  local check_port pid user="check-$RANDOM" answers="" expected="200 429 200 429 429 200" step
  free_port; check_port="$port"
  haproxy_config check 2 "$check_port"
  "$haproxy_bin" -db -f "$tmp/haproxy-check.cfg" >"$tmp/haproxy-check.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  wait_for_http "http://127.0.0.1:$check_port/healthz" "haproxy (check)" "$pid"
  # At 0 s allowed; 0 s refused; other service allowed; 1 s refused (the window now ends at 3 s); 2.5 s
  # refused (a window from the first call alone would have ended at 2 s); 5 s allowed (2.5 s after the last).
  for step in "0 S" "0 S" "0 T" "1 S" "1.5 S" "2.5 S"; do
    sleep "${step%% *}"
    answers+="$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Drrs-User: $user" -H "SOAPAction: ${step#* }" \
      --data '<x/>' --max-time 5 "http://127.0.0.1:$check_port/sst/runtime.asvc/x") "
  done
  stop_pid "$pid"
  answers="${answers% }"
  if [ "$answers" = "$expected" ]; then
    HAPROXY_CHECK="exact (2 s window: $answers, as expected)"
  else
    HAPROXY_CHECK="**NOT exact** (2 s window: got $answers, expected $expected)"
    log "HAProxy policy check failed: got $answers, expected $expected"
  fi
}

declare -A RSS_PEAK LOG_MB
note_server() {  # peak RSS (max over rounds) and output log size of the server about to stop
  local mode="$1" hwm
  hwm="$(proc_kb "$server_pid" VmHWM)"
  if [ -z "${RSS_PEAK[$mode]:-}" ] || [ "$hwm" -gt "${RSS_PEAK[$mode]}" ]; then RSS_PEAK[$mode]="$hwm"; fi
  LOG_MB[$mode]="$(awk -v b="$(stat -c %s "$server_log")" 'BEGIN { printf "%.1f", b / 1048576 }')"
}

# --- profiles (PROFILE=1) ----------------------------------------------------------------------------
# dotnet-trace and dotnet-counters (NuGet tools, into the temp folder) against one warm gateway, during an
# extra new-user and an extra flood run after round 1's measured ones. Not measured: tracing costs CPU.
profile_dir="${RESULTS%.md}-profile"
tools="$tmp/tools"
install_profilers() {
  log "installing dotnet-trace and dotnet-counters into $tools"
  local tool
  for tool in dotnet-trace dotnet-counters; do
    dotnet tool install "$tool" --tool-path "$tools" >"$tmp/tool-$tool.log" 2>&1 \
      || { cat "$tmp/tool-$tool.log" >&2; die "dotnet tool install $tool failed"; }
  done
  DOTNET_ROOT="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
  export DOTNET_ROOT
}

# profile_run SCENARIO SCRIPT [PREFIX [TOOLS]]: two wrk runs of PROFILE_SECONDS, one traced with dotnet-trace,
# one watched by dotnet-counters (apart, so neither profiles the other's events); then the trace's topN
# reports and profile-summary.py's top frames of busy samples (thread-time samples include every waiting
# thread). PREFIX starts every file's name (bare YARP's baseline trace: "bare-"); TOOLS (default "trace
# counters") which of the two runs happen.
profile_run() {
  local scenario="$1" script="$2" prefix="${3:-}" tools_wanted="${4:-trace counters}" span tool tool_pid
  span="$(printf '00:00:%02d:%02d' $(( (PROFILE_SECONDS + 2) / 60 )) $(( (PROFILE_SECONDS + 2) % 60 )))"
  mkdir -p "$profile_dir"
  log "[profile, ${prefix:-$PROFILE_MODE-}] $scenario: $tools_wanted, ${PROFILE_SECONDS} s each"
  for tool in $tools_wanted; do
    if [ "$tool" = trace ]; then
      "${pin_load[@]}" "$tools/dotnet-trace" collect -p "$server_pid" --duration "$span" --format Speedscope \
        -o "$profile_dir/$prefix$scenario.nettrace" >"$tmp/trace-$prefix$scenario.log" 2>&1 &
    else
      "${pin_load[@]}" "$tools/dotnet-counters" collect -p "$server_pid" --duration "$span" --format csv \
        --counters System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft.AspNetCore.Server.Kestrel,System.Net.Http \
        -o "$profile_dir/$prefix$scenario-counters.csv" >"$tmp/counters-$prefix$scenario.log" 2>&1 &
    fi
    tool_pid=$!
    pids+=("$tool_pid")
    sleep 1  # the session is open before the load starts
    run_wrk "profile-$tool.$prefix$scenario" "$server_url" "$script" "$PROFILE_SECONDS" "$CONNECTIONS" "$THREADS"
    wait "$tool_pid" || log "dotnet-$tool failed: $(tail -3 "$tmp/$tool-$prefix$scenario.log")"
    forget_pid "$tool_pid"
  done
  local trace="$profile_dir/$prefix$scenario"
  if [ -s "$trace.nettrace" ]; then
    "$tools/dotnet-trace" report "$trace.nettrace" topN -n 200 >"$trace-topN-exclusive.txt" 2>&1 || true
    "$tools/dotnet-trace" report "$trace.nettrace" topN -n 200 --inclusive >"$trace-topN-inclusive.txt" 2>&1 || true
    rm -f "$trace.nettrace.etlx"  # the report's cache, as large as the trace
  fi
  if [ -s "$trace.speedscope.json" ] && command -v python3 >/dev/null 2>&1; then
    python3 "$here/profile-summary.py" "$trace.speedscope.json" "${R[profile-trace.$prefix$scenario.requests]}" 20 \
      >"$trace-top-frames.txt" 2>&1 || true
  fi
}

# profile_counters FILE RPS: the counters that say where CPU and memory go, means over the run, and per
# request where that reads better (csv rows: time, provider, name, type, value).
profile_counters() {
  [ -s "$1" ] || { echo "(no counters)"; return 0; }
  awk -F',' -v rps="$2" '
    NR > 1 { s[$3] += $NF; n[$3]++ }
    function mean(k) { return n[k] ? s[k] / n[k] : 0 }
    END {
      cpu = mean("dotnet.process.cpu.time (s / 1 sec)[cpu.mode=user]") + mean("dotnet.process.cpu.time (s / 1 sec)[cpu.mode=system]")
      printf "| CPU (user + system), share of one core | %.0f%% (user %.0f%%) |\n", cpu * 100, mean("dotnet.process.cpu.time (s / 1 sec)[cpu.mode=user]") * 100
      if (rps > 0) {
        printf "| CPU per request | %.0f µs |\n", cpu * 1e6 / rps
        printf "| allocated per request | %.1f kB |\n", mean("dotnet.gc.heap.total_allocated (By / 1 sec)") / rps / 1024
        printf "| gen0 / gen1 / gen2 collections per 1,000 requests | %.2f / %.2f / %.2f |\n", \
          mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0]") * 1000 / rps, \
          mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen1]") * 1000 / rps, \
          mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen2]") * 1000 / rps
        printf "| thread-pool work items per request | %.1f |\n", mean("dotnet.thread_pool.work_item.count ({work_item} / 1 sec)") / rps
      }
      printf "| GC pause, share of the time | %.1f%% |\n", mean("dotnet.gc.pause.time (s / 1 sec)") * 100
      printf "| lock contentions per second | %.1f |\n", mean("dotnet.monitor.lock_contentions ({contention} / 1 sec)")
      printf "| working set | %.0f MB |\n", mean("dotnet.process.memory.working_set (By)") / 1048576
    }' "$1"
}

# --- the rounds --------------------------------------------------------------------------------------
# run_mode MODE ROUND: scenarios 1, 5, 2, 3 (those MODE runs) against a fresh server. Scenario 1 always
# warms it up, measured or not; HAProxy compiles nothing, so its warm-up only waits for steady figures.
run_mode() {
  local mode="$1" round="$2" least="$WARMUP"
  [ "$mode" = haproxy ] && least=5
  start_mode "$mode" "$round"
  [ "$round" = 1 ] && probe "$mode"
  log "[$mode, round $round] scenario 1: every request from a new user"
  warm "new-user.$mode.$round" "$server_url" new-user.lua "$least"
  if mode_runs "$mode" new-user; then
    run_wrk "new-user.$mode.$round" "$server_url" new-user.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  fi
  if mode_runs "$mode" generic; then
    # The envelope peek is code scenario 1 never ran: warmed up on its own, like the flood.
    log "[$mode, round $round] scenario 5: new users on the generic endpoint"
    warm "generic.$mode.$round" "$server_url" generic-endpoint.lua 10 30
    run_wrk "generic.$mode.$round" "$server_url" generic-endpoint.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  fi
  if mode_runs "$mode" flood; then
    log "[$mode, round $round] scenario 2: one user flooding one service"
    warm "flood.$mode.$round" "$server_url" flood.lua 10 30
    run_wrk "flood.$mode.$round" "$server_url" flood.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  fi
  if mode_runs "$mode" well-behaved; then
    run_well_behaved "$mode" "$round"
  fi
  if [ "$PROFILE" = 1 ] && [ "$round" = 1 ] && [ "$mode" = "$PROFILE_MODE" ]; then
    profile_run new-user new-user.lua
    profile_run flood flood.lua
  fi
  if [ "$PROFILE" = 1 ] && [ "$round" = 1 ] && [ "$mode" = bare ]; then
    profile_run new-user new-user.lua bare- trace  # the baseline of profile-costs.py's per-part table
  fi
  note_server "$mode"
  stop_server
}

# run_well_behaved MODE ROUND: scenario 3 on the running server.
run_well_behaved() {
  local mode="$1" round="$2"
  log "[$mode, round $round] scenario 3: well-behaved users alone, then beside the flood"
  run_wrk "good-alone.$mode.$round" "$server_url" well-behaved.lua "$DURATION" "$GOOD_CONNECTIONS" 1 \
    BENCH_DELAY_MS="$GOOD_DELAY_MS"
  "${pin_load[@]}" env BENCH_TAG="flood3-$mode-$round-$RANDOM" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((DURATION + 2))s" --timeout 5s -s "$here/flood.lua" "$server_url" \
    >"$tmp/wrk-flood-beside.$mode.$round.txt" 2>&1 &
  local flood_pid=$!
  pids+=("$flood_pid")
  sleep 1  # the flood is under way before the well-behaved users start, and outlasts them
  run_wrk "good-flood.$mode.$round" "$server_url" well-behaved.lua "$DURATION" "$GOOD_CONNECTIONS" 1 \
    BENCH_DELAY_MS="$GOOD_DELAY_MS"
  wait "$flood_pid" || true
  forget_pid "$flood_pid"
}

if [ "$PROFILE" = 1 ]; then
  is_gateway "$PROFILE_MODE" && want_mode "$PROFILE_MODE" || die "PROFILE_MODE=$PROFILE_MODE is not a gateway mode of this run"
  install_profilers
fi
want_mode haproxy && check_haproxy

# The machine's own cost of a wake-up (issue 23): a loopback ping-pong across the server's and the load's
# cores and on the server's core alone, before the rounds and after them, so a reader can tell a slow VM
# from slow code. Each reading: "wall_us=… cpu_us=…" per round trip (pingpong.py).
declare -A PINGPONG
first_cpu() { echo "$1" | sed 's/[^0-9].*//'; }
pingpong() {
  local when="$1" a b
  command -v python3 >/dev/null 2>&1 || return 0
  if [ "$pinning" = 1 ]; then a="$(first_cpu "$GATEWAY_CPUS")"; b="$(first_cpu "$LOAD_CPUS")"; else a=0; b=1; fi
  [ "$(nproc)" -ge 2 ] && PINGPONG[$when.cross]="$(timeout 60 python3 "$here/pingpong.py" "$a" "$b" 2>&1 | tail -1)"
  PINGPONG[$when.one]="$(timeout 60 python3 "$here/pingpong.py" "$a" "$a" 2>&1 | tail -1)"
  log "ping-pong ($when): CPUs $a-$b ${PINGPONG[$when.cross]:-}; CPU $a alone ${PINGPONG[$when.one]}"
}
pingpong before

log "scenario 4: wrk straight to nginx"
warm backend "http://127.0.0.1:$nginx_port" new-user.lua 5 30
run_wrk backend.nginx.1 "http://127.0.0.1:$nginx_port" new-user.lua "$DURATION" "$CONNECTIONS" "$THREADS"

for round in $(seq 1 "$REPEAT"); do
  for mode in $all_modes; do
    run_mode "$mode" "$round"
  done
  # What logging costs, for reading scenario 2 only: the same flood with refusal events (Information)
  # filtered out. Never a headline figure: the shipped configuration logs every refusal.
  if [ "$LOGCOST" = 1 ] && [ "$round" = 1 ] && want_mode embedded && want_scenario flood; then
    start_gateway "embedded-nolog-$round" Serilog__MinimumLevel__Default=Fatal
    log "[embedded, logging off, round $round] scenario 2"
    warm "new-user.embedded-nolog.$round" "$server_url" new-user.lua "$WARMUP"
    warm "flood.embedded-nolog.$round" "$server_url" flood.lua 10 30
    run_wrk "flood.embedded-nolog.$round" "$server_url" flood.lua "$DURATION" "$CONNECTIONS" "$THREADS"
    stop_server
  fi
done

pingpong after

# Memory: KEYS distinct users through the embedded store. The window is an hour here so every lock is
# still live (unswept) when RSS is read; a lock's size does not depend on the window.
keys_done=0
if [ "$KEYS" -gt 0 ]; then
  start_gateway embedded-keys Aup__WindowSeconds=3600
  log "[embedded] memory: $KEYS live keys (at most ${KEYS_TIMEOUT} s)"
  # Short: every warm-up request leaves a live key too (they are counted). Memory needs no optimised code.
  run_wrk warm.keys "$server_url" new-user.lua 3 "$CONNECTIONS" "$THREADS"
  sleep 1
  rss_before="$(proc_kb "$server_pid" VmRSS)"
  keys_started=$SECONDS
  mkdir -p "$tmp/keys-done"
  until_done_dir="$tmp/keys-done"
  run_wrk keys.embedded.1 "$server_url" million-keys.lua "$KEYS_TIMEOUT" "$CONNECTIONS" "$THREADS" \
    BENCH_KEYS="$KEYS" BENCH_THREADS="$THREADS" BENCH_DONE_DIR="$tmp/keys-done"
  until_done_dir=""
  keys_seconds=$(( SECONDS - keys_started ))
  sleep 1
  rss_after="$(proc_kb "$server_pid" VmRSS)"
  hwm_after="$(proc_kb "$server_pid" VmHWM)"
  # Every 2xx answer was an allowed decision for a user never seen before: one live lock each.
  keys_done=$(( ${R[keys.embedded.1.requests]} - ${R[keys.embedded.1.non2xx]} + ${R[warm.keys.requests]} - ${R[warm.keys.non2xx]} ))
  stop_server
fi

# Redis memory per lock (issue 23): a fresh Redis gateway with an hour's window (no lock expires while
# measured), new users through its warm-up and one measured run. Redis's used_memory with no key (after
# FLUSHALL, the gateway connected) and at the end, over DBSIZE, gives bytes per live lock, the hash
# tables' buckets included (a delta over part of the run would land on or miss a table's doubling).
redis_lock_bytes=""
if want_mode redis && [ -n "$redis_port" ]; then
  redis-cli -p "$redis_port" flushall >/dev/null
  start_gateway redis-locks ConnectionStrings__Redis="127.0.0.1:$redis_port" Aup__WindowSeconds=3600
  log "[redis] memory per lock: new users, window 3600 s"
  redis_memory() { redis-cli -p "$redis_port" info memory | awk -F: '$1 == "used_memory" { print $2 + 0 }'; }
  locks_memory_before="$(redis_memory)"
  warm redis-locks "$server_url" new-user.lua "$WARMUP"
  run_wrk redis-locks.redis.1 "$server_url" new-user.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  locks_memory_after="$(redis_memory)"
  redis_locks="$(redis-cli -p "$redis_port" dbsize | awk '{ print $1 + 0 }')"
  # A lock's size follows its key's length (the user's name): the report says how long these were.
  # 200 random keys (redis-cli 7.0 has no --count for --scan, and a pipe cut short by head fails the run).
  locks_key_chars="$(for _ in $(seq 200); do redis-cli -p "$redis_port" randomkey; done | awk '{ s += length($0) } END { if (NR) printf "%.0f", s / NR }')"
  [ "$redis_locks" -gt 0 ] && redis_lock_bytes=$(( (locks_memory_after - locks_memory_before) / redis_locks ))
  stop_server
fi

# Hold mode (Aup__Mode=Hold), per store: a fresh gateway with a HOLD_WINDOW s window, warmed with new users.
# 1. New users alone, then beside HOLD_KEEP users each calling in a loop (after its first call every call
#    waits its slot): what held calls cost the calls that are forwarded at once.
# 2. HOLD_CALLS users call once (forwarded), then all call again at once: every second call is held until its
#    user's slot. RSS after the first calls and once every held call is connected gives memory per held call;
#    the gateway's CPU over the second calls (received, held, released, forwarded) per call, against a new
#    user's forwarded call, gives what holding costs.
declare -A HOLDR  # HOLDR[<store>.<field>]
hold_stores=""
if [ "$HOLD" = 1 ]; then
  hold_stores="embedded"
  [ -n "$redis_port" ] && hold_stores+=" redis"
fi
# established_to PORT: TCP connections established to the server's port (its held calls' callers).
established_to() { ss -Htn state established "( sport = :$1 )" | wc -l; }
# hold_line FILE PREFIX: the HOLD line of a HoldLoad run into HOLDR[PREFIX.<field>].
hold_line() {
  local line kv
  line="$(grep '^HOLD ' "$1" || true)"
  [ -n "$line" ] || { cat "$1" >&2; die "HoldLoad printed no summary ($2)"; }
  for kv in ${line#HOLD }; do HOLDR["$2.${kv%%=*}"]="${kv#*=}"; done
}
for store in $hold_stores; do
  store_env=()
  [ "$store" = redis ] && { redis-cli -p "$redis_port" flushall >/dev/null; store_env=(ConnectionStrings__Redis="127.0.0.1:$redis_port"); }
  start_gateway "hold-$store" Aup__Mode=Hold Aup__WindowSeconds="$HOLD_WINDOW" "${store_env[@]}"
  log "[hold-$store] warm-up, then new users alone and beside $HOLD_KEEP held users"
  warm "hold-$store" "$server_url" new-user.lua "$WARMUP"
  run_wrk "hold-alone.$store.1" "$server_url" new-user.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  keep_seconds=$(( DURATION + HOLD_WINDOW + 5 ))
  "${pin_load[@]}" env BENCH_TAG="keep-$store-$RANDOM" dotnet "$tmp/HoldLoad/HoldLoad.dll" keep "$server_url" "$HOLD_KEEP" "$keep_seconds" \
    >"$tmp/hold-keep-$store.txt" 2>&1 &
  keep_pid=$!
  pids+=("$keep_pid")
  # Every kept user's second call is held a window after its first: give them time to be on the wire.
  sleep 3
  HOLDR[$store.keep_connected]="$(established_to "$server_port")"
  run_wrk "hold-beside.$store.1" "$server_url" new-user.lua "$DURATION" "$CONNECTIONS" "$THREADS"
  wait "$keep_pid" || log "HoldLoad keep ($store) exited non-zero: see its HOLD line"
  forget_pid "$keep_pid"
  hold_line "$tmp/hold-keep-$store.txt" "$store.keep"

  log "[hold-$store] $HOLD_CALLS calls held at once"
  sleep "$HOLD_WINDOW"   # the kept users' last slots pass
  "${pin_load[@]}" env BENCH_TAG="burst-$store-$RANDOM" HOLD_PAUSE_MS=3000 \
    dotnet "$tmp/HoldLoad/HoldLoad.dll" burst "$server_url" "$HOLD_CALLS" >"$tmp/hold-burst-$store.txt" 2>&1 &
  burst_pid=$!
  pids+=("$burst_pid")
  for _ in $(seq 1 600); do grep -q '^PRIMED' "$tmp/hold-burst-$store.txt" && break; kill -0 "$burst_pid" 2>/dev/null || break; sleep 0.1; done
  HOLDR[$store.rss_primed]="$(proc_kb "$server_pid" VmRSS)"
  burst_ticks="$(proc_ticks "$server_pid")"
  for _ in $(seq 1 300); do
    [ "$(established_to "$server_port")" -ge "$HOLD_CALLS" ] && break
    kill -0 "$burst_pid" 2>/dev/null || break
    sleep 0.1
  done
  HOLDR[$store.connected]="$(established_to "$server_port")"
  HOLDR[$store.rss_held]="$(proc_kb "$server_pid" VmRSS)"
  wait "$burst_pid" || log "HoldLoad burst ($store) exited non-zero: see its HOLD line"
  forget_pid "$burst_pid"
  HOLDR[$store.burst_cpu_us]=$(( ($(proc_ticks "$server_pid") - burst_ticks) * 1000000 / clk_tck ))
  hold_line "$tmp/hold-burst-$store.txt" "$store.burst"
  stop_server
done

# --- aggregation: median over rounds of every field --------------------------------------------------
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A ROUNDS_RPS ROUNDS_CPU  # "a / b / c": req/s and CPU µs/req of each round, to show the spread
for run in $runs; do
  for field in requests rps p50_us p90_us p99_us max_us non2xx socket_errors timeouts cpu_us cpu_per_req; do
    values=""
    for round in $(seq 1 "$REPEAT"); do
      if [ "$field" = cpu_per_req ] && [ -n "${R[$run.$round.cpu_us]:-}" ]; then
        R["$run.$round.cpu_per_req"]="$(awk -v c="${R[$run.$round.cpu_us]}" -v n="${R[$run.$round.requests]}" 'BEGIN { printf "%.2f", c / n }')"
      fi
      [ -n "${R[$run.$round.$field]:-}" ] && values+="${R[$run.$round.$field]} "
    done
    [ -n "$values" ] && R["$run.$field"]="$(echo "$values" | median)"
  done
  spread=""
  cpu_spread=""
  for round in $(seq 1 "$REPEAT"); do
    [ -n "${R[$run.$round.rps]:-}" ] && spread+="${spread:+ / }$(printf '%.0f' "${R[$run.$round.rps]}")"
    [ -n "${R[$run.$round.cpu_per_req]:-}" ] && cpu_spread+="${cpu_spread:+ / }$(printf '%.0f' "${R[$run.$round.cpu_per_req]}")"
  done
  ROUNDS_RPS[$run]="$spread"
  ROUNDS_CPU[$run]="$cpu_spread"
done

# --- report ------------------------------------------------------------------------------------------
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
has() { [ -n "${R[$1.requests]:-}" ]; }
rps() { printf '%.0f' "${R[$1.rps]}"; }
# CPU µs per request: the median over rounds of each round's CPU time / requests.
cpu_per_req() { if [ -n "${R[$1.cpu_per_req]:-}" ]; then printf '%.0f' "${R[$1.cpu_per_req]}"; else echo "-"; fi; }
cpu_ratio() { if [ -n "${R[$1.cpu_per_req]:-}" ] && [ -n "${R[$2.cpu_per_req]:-}" ]; then ratio "${R[$1.cpu_per_req]}" "${R[$2.cpu_per_req]}"; else echo "n/a"; fi; }
# cpu_diff A B: CPU µs/req of run A minus that of run B, signed.
cpu_diff() {
  if [ -n "${R[$1.cpu_per_req]:-}" ] && [ -n "${R[$2.cpu_per_req]:-}" ]; then
    awk -v a="${R[$1.cpu_per_req]}" -v b="${R[$2.cpu_per_req]}" 'BEGIN { printf "%+.0f", a - b }'
  else
    echo "-"
  fi
}
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { if (v == "n/a") { print "n/a"; exit } ok = (dir == "ge") ? (v + 0 >= t + 0) : (v + 0 <= t + 0); print ok ? "PASS" : "**FAIL**" }'; }
report_modes() { local m; for m in bare redislimiter ratelimiter haproxy yarp-redis-floor yarp-memory-floor kestrel-refusal off embedded redis nopeek embedded-nolog $breakdown_modes; do echo "$m"; done; }
label() { echo "${LABEL[$1]:-$1}"; }
targets_head() { echo "| target | this run | verdict |"; echo "|---|---:|---|"; }
# target TEXT VALUE UNIT THRESHOLD ge|le: one row of a targets table.
target() { echo "| $1 | $2$3 | $(verdict "$2" "$4" "$5") |"; }

mkdir -p "$(dirname "$RESULTS")"
{
  echo "# DrrsGateway benchmark"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'),"
  echo "$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)."
  if [ "$pinning" = 1 ]; then
    echo "Each server pinned to CPU $GATEWAY_CPUS; wrk, nginx and redis-server to CPU $LOAD_CPUS."
  else
    echo "No CPU pinning."
  fi
  echo "wrk: $THREADS thread(s), $CONNECTIONS connections, ${DURATION} s per measured run; $REPEAT round(s), medians shown."
  echo "Modes, in this order in every round: $all_modes. Scenarios: $SCENARIOS${breakdown_modes:+ (breakdown variants: $BREAKDOWN_SCENARIOS)}."
  echo "Each fresh server is warmed up with scenario 1 for at least ${WARMUP} s (HAProxy 5 s), until its req/s"
  echo "settles (5 s steps agreeing within 5%, the background JIT idle in the last), then with scenario 5 and the flood (when run) for 10 to 30 s each."
  echo "Warm-up of each server (scenario 1):"
  for mode in $(report_modes); do
    for round in $(seq 1 "$REPEAT"); do
      [ -n "${WARMED[new-user.$mode.$round]:-}" ] && printf '%s' "$mode #$round: ${WARMED[new-user.$mode.$round]}; "
    done
  done
  echo
  want_scenario well-behaved && echo "Well-behaved users: $GOOD_CONNECTIONS connections, ${GOOD_DELAY_MS} ms pause between requests."
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (above ~2 means something else shared the cores)."
  [ -n "$HAPROXY_CHECK" ] && echo "HAProxy's policy: $HAPROXY_CHECK."
  if [ -n "${PINGPONG[before.one]:-}" ]; then
    echo "The machine's wake-up cost (tests/benchmarks/pingpong.py: one byte back and forth over loopback TCP"
    echo "between two Python processes, µs per round trip, wall and CPU of both): across the two cores"
    echo "${PINGPONG[before.cross]:--} before the rounds, ${PINGPONG[after.cross]:--} after; on one core"
    echo "${PINGPONG[before.one]} before, ${PINGPONG[after.one]:--} after."
  fi
  echo
  echo "## Side by side"
  echo
  echo "Every row a fresh server on the same core, in the same rounds. CPU µs/req: the server's CPU time (user +"
  echo "system) over the measured run divided by its requests, median over rounds. Flood: forwarded by bare YARP"
  echo "and the policy-off gateway, refused by the others."
  echo
  echo "| system | new-user req/s per round | median | CPU µs/req per round | median | one-user flood req/s per round | median | flood CPU µs/req |"
  echo "|---|---|---:|---|---:|---|---:|---:|"
  for mode in $(report_modes); do
    has "new-user.$mode" || has "flood.$mode" || continue
    nu="- | - | - | -"; fl="- | - | -"
    has "new-user.$mode" && nu="${ROUNDS_RPS[new-user.$mode]} | $(rps "new-user.$mode") | ${ROUNDS_CPU[new-user.$mode]:--} | $(cpu_per_req "new-user.$mode")"
    has "flood.$mode" && fl="${ROUNDS_RPS[flood.$mode]} | $(rps "flood.$mode") | $(cpu_per_req "flood.$mode")"
    echo "| $(label "$mode") | $nu | $fl |"
  done
  echo
  echo "## Throughput and latency"
  echo
  echo "Ratios are to bare YARP and to the gateway with the policy off, same scenario, same run."
  echo
  echo "| scenario | mode | req/s | ratio to bare | ratio to off | p50 ms | p99 ms | non-2xx | socket errors | CPU/req µs | CPU/req − bare µs | req/s per round |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for scenario in new-user generic flood; do
    for mode in $(report_modes); do
      has "$scenario.$mode" || continue
      rb="-"; db="-"; has "$scenario.bare" && { rb="$(ratio "${R[$scenario.$mode.rps]}" "${R[$scenario.bare.rps]}")"; db="$(cpu_diff "$scenario.$mode" "$scenario.bare")"; }
      ro="-"; has "$scenario.off" && ro="$(ratio "${R[$scenario.$mode.rps]}" "${R[$scenario.off.rps]}")"
      echo "| $scenario | $(label "$mode") | $(rps "$scenario.$mode") | $rb | $ro | $(ms "${R[$scenario.$mode.p50_us]}") | $(ms "${R[$scenario.$mode.p99_us]}") | $(printf '%.0f' "${R[$scenario.$mode.non2xx]}") | $(printf '%.0f' "${R[$scenario.$mode.socket_errors]}") | $(cpu_per_req "$scenario.$mode") | $db | ${ROUNDS_RPS[$scenario.$mode]} |"
    done
  done
  echo "| backend (nginx direct) | - | $(rps backend.nginx) | - | - | $(ms "${R[backend.nginx.p50_us]}") | $(ms "${R[backend.nginx.p99_us]}") | ${R[backend.nginx.non2xx]} | ${R[backend.nginx.socket_errors]} | - | - | |"
  echo
  echo "non-2xx: 0 expected for new-user and generic, and for the flood through bare YARP and policy off; for the"
  echo "other floods, every request but the first (the refusals). A request as the scenarios send it (SOAP 1.1),"
  echo "twice for one user, then that user on another service, was answered:"
  for mode in $(report_modes); do
    [ -n "${PROBE[$mode]:-}" ] && echo "$mode: ${PROBE[$mode]};"
  done
  if want_scenario generic; then
    echo "and scenario 5's request (generic endpoint):"
    for mode in $(report_modes); do
      [ -n "${PROBE[generic.$mode]:-}" ] && echo "$mode: ${PROBE[generic.$mode]};"
    done
  fi
  # Scenario 5 beside scenario 1: what keying by the envelope costs. CPU differences are µs per request.
  if has generic.embedded; then
    echo
    echo "## Generic endpoint: the envelope peek"
    echo
    echo "New users throughout. Path-routed: scenario 1 (~200 B envelope, keyed from path and headers). Generic:"
    echo "scenario 5 (POST /sst/runtime.asvc, ~2.2 kB envelope). The two rows of one mode come from one server"
    echo "process; modes are separate processes. Ratios and CPU differences are against the row named."
    echo
    echo "| request | mode | req/s | ratio to off (same request) | CPU/req µs | CPU/req − off µs | vs nopeek: req/s ratio | vs nopeek: CPU/req µs |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    for scenario in new-user generic; do
      for mode in bare off embedded nopeek; do
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
  for mode in $(report_modes); do
    has "good-alone.$mode" || continue
    echo "| $(label "$mode") | $(rps "good-alone.$mode") | $(ms "${R[good-alone.$mode.p50_us]}") | $(ms "${R[good-alone.$mode.p99_us]}") | $(ms "${R[good-flood.$mode.p50_us]}") | $(ms "${R[good-flood.$mode.p99_us]}") | $(ratio "${R[good-flood.$mode.p99_us]}" "${R[good-alone.$mode.p99_us]}") | $(awk -v a="${R[good-alone.$mode.non2xx]}" -v b="${R[good-flood.$mode.non2xx]}" 'BEGIN { print a + b }') |"
  done
  echo
  fi
  if [ -n "$breakdown_modes" ]; then
    base="$BREAKDOWN_BASE"
    echo "## Cost breakdown"
    echo
    echo "The gateway ($(label "$base")) with features switched off through settings, one variant at a time."
    echo "\"Saves\": CPU µs/req of the base minus that of the variant, what the switched-off part costs per request."
    echo "\"Above bare\": what the variant still costs over bare YARP."
    echo
    echo "| variant | settings | new-user req/s | ratio to bare | CPU µs/req | above bare µs | saves µs | flood req/s | flood CPU µs/req | flood saves µs |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for mode in $(echo bare off "$base" $breakdown_modes | tr " " "\n" | awk '!seen[$0]++'); do
      nu="new-user.$mode"; fl="flood.$mode"
      has "$nu" || has "$fl" || continue
      settings="(shipped)"
      case "$mode" in bare) settings="-" ;; off) settings="Aup__Enabled=false" ;; bd-*) settings="\`${BD_ENV[${mode#bd-}]}\`" ;; esac
      a="-"; b="-"; c="-"; d="-"; e="-"; f="-"; g="-"; h="-"
      if has "$nu"; then
        a="$(rps "$nu")"; c="$(cpu_per_req "$nu")"
        has new-user.bare && { b="$(ratio "${R[$nu.rps]}" "${R[new-user.bare.rps]}")"; d="$(cpu_diff "$nu" new-user.bare)"; }
        has "new-user.$base" && [ "$mode" != bare ] && e="$(cpu_diff "new-user.$base" "$nu")"
      fi
      if has "$fl"; then
        f="$(rps "$fl")"; g="$(cpu_per_req "$fl")"
        has "flood.$base" && [ "$mode" != bare ] && h="$(cpu_diff "flood.$base" "$fl")"
      fi
      echo "| $(label "$mode") | $settings | $a | $b | $c | $d | $e | $f | $g | $h |"
    done
    echo
  fi
  echo "## Memory"
  echo
  echo "| mode | peak RSS (VmHWM) MB | output log of one round MB |"
  echo "|---|---:|---:|"
  for mode in $(report_modes); do
    [ -n "${RSS_PEAK[$mode]:-}" ] || continue
    echo "| $(label "$mode") | $(mb "${RSS_PEAK[$mode]}") | ${LOG_MB[$mode]} |"
  done
  if [ "$KEYS" -gt 0 ]; then
    extra_kb=$(( rss_after - rss_before ))
    echo
    echo "Embedded store, $keys_done live keys (window 3600 s so none expires; driven in ${keys_seconds} s):"
    echo "RSS before $(mb "$rss_before") MB, after $(mb "$rss_after") MB, extra **$(mb "$extra_kb") MB**"
    echo "($(awk -v k="$extra_kb" -v n="$keys_done" 'BEGIN { printf "%.0f", k * 1024 / n }') bytes per key); peak RSS $(mb "$hwm_after") MB."
  fi
  if [ -n "$hold_stores" ]; then
    echo
    echo "## Hold mode"
    echo
    echo "A fresh gateway per store with \`Aup__Mode=Hold\` and a ${HOLD_WINDOW} s window (hold margin and bounds as shipped)."
    echo "Held at once: $HOLD_CALLS users each call once, then all call again at once; every second call waits for"
    echo "its user's slot (a window plus the margin after the first). Memory per held call: RSS once every held"
    echo "call is connected, less RSS after the first calls, per call (the caller's connection included, as each"
    echo "participant program brings one). CPU per held call: the gateway's CPU over the second calls, each"
    echo "received, held, released and forwarded, against a new user's call forwarded at once. Mixed: new users"
    echo "(the new-user scenario) alone, then beside $HOLD_KEEP users each calling in a loop, so that each keeps one"
    echo "call held."
    echo
    echo "| store | held at once (connected) | answered 200 | held ms p50 / p99 / max | RSS after first calls MB | extra per held call KB | CPU µs per held call | new user's CPU µs/req |"
    echo "|---|---:|---:|---|---:|---:|---:|---:|"
    for store in $hold_stores; do
      extra_per_call="$(awk -v a="${HOLDR[$store.rss_held]}" -v b="${HOLDR[$store.rss_primed]}" -v n="$HOLD_CALLS" 'BEGIN { printf "%.1f", (a - b) / n }')"
      cpu_per_held="$(awk -v c="${HOLDR[$store.burst_cpu_us]}" -v n="$HOLD_CALLS" 'BEGIN { printf "%.0f", c / n }')"
      alone_cpu="-"; has "hold-alone.$store" && alone_cpu="$(awk -v c="${R[hold-alone.$store.1.cpu_us]}" -v n="${R[hold-alone.$store.1.requests]}" 'BEGIN { printf "%.0f", c / n }')"
      echo "| $store | $HOLD_CALLS (${HOLDR[$store.connected]}) | ${HOLDR[$store.burst.ok]} of ${HOLDR[$store.burst.requests]} | ${HOLDR[$store.burst.held_p50_ms]} / ${HOLDR[$store.burst.held_p99_ms]} / ${HOLDR[$store.burst.held_max_ms]} | $(mb "${HOLDR[$store.rss_primed]}") | $extra_per_call | $cpu_per_held | $alone_cpu |"
    done
    echo
    echo "| store | new users alone req/s, p99 ms | beside $HOLD_KEEP held users req/s, p99 ms | req/s ratio | p99 ratio | held calls answered 200 (held ms p50 / p99) |"
    echo "|---|---|---|---:|---:|---|"
    for store in $hold_stores; do
      a="hold-alone.$store.1"; b="hold-beside.$store.1"
      echo "| $store | $(printf '%.0f' "${R[$a.rps]}"), $(ms "${R[$a.p99_us]}") | $(printf '%.0f' "${R[$b.rps]}"), $(ms "${R[$b.p99_us]}") | $(ratio "${R[$b.rps]}" "${R[$a.rps]}") | $(ratio "${R[$b.p99_us]}" "${R[$a.p99_us]}") | ${HOLDR[$store.keep.ok]} of ${HOLDR[$store.keep.requests]} (${HOLDR[$store.keep.held_p50_ms]} / ${HOLDR[$store.keep.held_p99_ms]}) |"
    done
  fi
  echo
  echo "## Targets (issue 23: against the floor of the same stack)"
  echo
  echo "Each ratio is the gateway's req/s over the floor's, and for CPU the floor's µs per request over the"
  echo "gateway's (so ≥ reads the same way: 1.00 is as cheap as the floor)."
  echo
  targets_head
  # floor_targets MODE FLOOR SCENARIO THRESHOLD: req/s and CPU rows of one issue 23 target.
  floor_targets() {
    has "$3.$1" && has "$3.$2" || return 0
    target "$(label "$1"), $3: req/s ≥ $4 of $(label "$2") ($(rps "$3.$1") against $(rps "$3.$2"))" \
      "$(ratio "${R[$3.$1.rps]}" "${R[$3.$2.rps]}")" "" "$4" ge
    target "Same: CPU per request, the reference's ÷ the gateway's ≥ $4 ($(cpu_per_req "$3.$1") against $(cpu_per_req "$3.$2") µs)" \
      "$(cpu_ratio "$3.$2" "$3.$1")" "" "$4" ge
  }
  floor_targets redis yarp-redis-floor new-user 0.90
  floor_targets embedded yarp-memory-floor new-user 0.90
  floor_targets redis kestrel-refusal flood 0.80
  floor_targets embedded kestrel-refusal flood 0.80
  for mode in redis embedded; do
    has "good-alone.$mode" && has "good-flood.$mode" && target \
      "Well-behaved users' p99 beside the flood ($mode): ≤ 1.5× their p99 alone ($(ms "${R[good-flood.$mode.p99_us]}") against $(ms "${R[good-alone.$mode.p99_us]}") ms)" \
      "$(ratio "${R[good-flood.$mode.p99_us]}" "${R[good-alone.$mode.p99_us]}")" × 1.5 le
  done
  if [ "$KEYS" -gt 0 ]; then
    target "Embedded store, $keys_done live keys: ≤ 200 MB extra RSS" "$(mb $(( rss_after - rss_before )))" " MB" 200 le
  fi
  [ -n "$redis_lock_bytes" ] && target \
    "Redis, $redis_locks live locks, keys of ~$locks_key_chars characters: ≤ 160 bytes of Redis memory per lock (used_memory $(mb $((locks_memory_before / 1024))) → $(mb $((locks_memory_after / 1024))) MB)" \
    "$redis_lock_bytes" " B" 160 le
  echo
  echo "## Targets (issue 12: against bare YARP, kept as reference)"
  echo
  targets_head
  if has new-user.bare && has new-user.redis; then
    target "Gateway, Redis, shipped settings, every request a new user: ≥ 0.90 of bare YARP's req/s" \
      "$(ratio "${R[new-user.redis.rps]}" "${R[new-user.bare.rps]}")" "" 0.90 ge
    target "Same: CPU per request ≤ 1.10× bare YARP's ($(cpu_per_req new-user.redis) against $(cpu_per_req new-user.bare) µs)" \
      "$(cpu_ratio new-user.redis new-user.bare)" × 1.10 le
  fi
  # Bare YARP's forwarding rate: its flood row (the same requests, forwarded), else its new-user row.
  forwarding=""
  if has flood.bare; then forwarding=flood.bare; elif has new-user.bare; then forwarding=new-user.bare; fi
  for mode in redis embedded; do
    [ -n "$forwarding" ] && has "flood.$mode" && target \
      "One user flooding ($mode): refusals/s ≥ 3× bare YARP forwarding ($(rps "$forwarding") req/s, ${forwarding%.bare})" \
      "$(ratio "${R[flood.$mode.rps]}" "${R[$forwarding.rps]}")" × 3 ge
  done
  for mode in redis embedded; do
    has "good-alone.$mode" && target "Well-behaved users' p99 beside the flood ($mode): ≤ 2× their p99 alone" \
      "$(ratio "${R[good-flood.$mode.p99_us]}" "${R[good-alone.$mode.p99_us]}")" × 2 le
  done
  if [ "$KEYS" -gt 0 ]; then
    short=""
    [ "$keys_done" -lt "$KEYS" ] && short=" (only $keys_done of $KEYS keys within ${KEYS_TIMEOUT} s)"
    target "Embedded store, $KEYS live keys: ≤ 200 MB extra RSS$short" "$(mb "$extra_kb")" " MB" 200 le
  fi
  if has new-user.embedded && has new-user.nopeek; then
    echo "| Envelope check on calls whose headers name the operation: costs nothing (embedded − nopeek, new-user) | $(cpu_diff new-user.embedded new-user.nopeek) µs | (read against the rounds' spread) |"
  fi
  if has new-user.off || has flood.off; then
    echo
    echo "Earlier targets (issue 6: against the gateway with the policy off):"
    echo
    targets_head
    if has new-user.off && has new-user.redis; then
      v="$(ratio "${R[new-user.redis.rps]}" "${R[new-user.off.rps]}")"
      echo "| Redis store, new users: ≥ 0.80 of policy-off req/s (stretch 0.90) | $v | $(verdict "$v" 0.80 ge) (stretch: $(verdict "$v" 0.90 ge)) |"
    fi
    has new-user.off && has new-user.embedded && target "Embedded store, new users: ≥ 0.95 of policy-off req/s" \
      "$(ratio "${R[new-user.embedded.rps]}" "${R[new-user.off.rps]}")" "" 0.95 ge
    for mode in embedded redis; do
      has flood.off && has "flood.$mode" && target "One user flooding ($mode): refusals at ≥ 2× policy-off req/s" \
        "$(ratio "${R[flood.$mode.rps]}" "${R[flood.off.rps]}")" × 2 ge
    done
  fi
  if [ "$PROFILE" = 1 ]; then
    echo
    echo "## Profiles ($(label "$PROFILE_MODE"), round 1, after its measured runs)"
    echo
    echo "dotnet-trace (its default profile: .NET thread stacks sampled at ~100 Hz, waiting threads included) and"
    echo "dotnet-counters, each during one extra ${PROFILE_SECONDS} s run of each scenario, not measured. Top frames: the"
    echo "trace's busy samples only (tests/benchmarks/profile-summary.py), as shares of busy time. Every file"
    echo "(nettrace, speedscope JSON, dotnet-trace topN lists, counters CSV) is in $profile_dir/."
    for scenario in new-user flood; do
      traced=0; has "profile-trace.$scenario" && traced="${R[profile-trace.$scenario.rps]}"
      counted=0; has "profile-counters.$scenario" && counted="${R[profile-counters.$scenario.rps]}"
      echo
      echo "### $scenario ($(printf '%.0f' "$traced") req/s while traced, $(printf '%.0f' "$counted") while counted)"
      echo
      echo '```'
      if [ -s "$profile_dir/$scenario-top-frames.txt" ]; then
        cat "$profile_dir/$scenario-top-frames.txt"
      elif [ -s "$profile_dir/$scenario-topN-inclusive.txt" ]; then
        sed -n '1,40p' "$profile_dir/$scenario-topN-inclusive.txt"
      else
        echo "(no trace)"
      fi
      echo '```'
      if [ -s "$profile_dir/$scenario.speedscope.json" ] && command -v python3 >/dev/null 2>&1; then
        profile_baseline=()
        if [ "$scenario" = new-user ] && [ -s "$profile_dir/bare-new-user.speedscope.json" ]; then
          profile_baseline=("$profile_dir/bare-new-user.speedscope.json" "${R[profile-trace.bare-new-user.requests]}")
        fi
        echo
        echo "Per part (tests/benchmarks/profile-costs.py: each busy sample charged to the first part on its stack,"
        echo "innermost first; traced µs, so read as shares${profile_baseline:+; the baseline column is bare YARP traced the same way}):"
        echo
        python3 "$here/profile-costs.py" "$profile_dir/$scenario.speedscope.json" "${R[profile-trace.$scenario.requests]}" \
          "${profile_baseline[@]}" 2>&1 || true
      fi
      echo
      echo "| dotnet-counters (means over the run) | value |"
      echo "|---|---:|"
      profile_counters "$profile_dir/$scenario-counters.csv" "$counted"
    done
  fi
} >"$RESULTS"

cat "$RESULTS"
log "results written to $RESULTS"
