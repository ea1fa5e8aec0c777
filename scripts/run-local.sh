#!/usr/bin/env bash
# One command for a newcomer: builds, then runs the simulated DRRS backend on 127.0.0.1:5080 and the
# gateway in front of it on 127.0.0.1:5000 with the embedded store. Ctrl+C stops both.
# GATEWAY_PORT / SIMULATOR_PORT change the ports; extra arguments go to the gateway.
set -euo pipefail
cd "$(dirname "$0")/.."

gateway_port="${GATEWAY_PORT:-5000}"
simulator_port="${SIMULATOR_PORT:-5080}"

dotnet build src/DrrsGateway/DrrsGateway.csproj --configuration Release --nologo --verbosity quiet
dotnet build src/DrrsGateway.Simulator/DrrsGateway.Simulator.csproj --configuration Release --nologo --verbosity quiet

ASPNETCORE_URLS="http://127.0.0.1:${simulator_port}" \
  dotnet src/DrrsGateway.Simulator/bin/Release/net10.0/DrrsGateway.Simulator.dll &
simulator_pid=$!
trap 'kill "$simulator_pid" 2>/dev/null || true' EXIT INT TERM

cat <<TXT

Simulated DRRS on http://127.0.0.1:${simulator_port}, gateway on http://127.0.0.1:${gateway_port}.
Try (twice within 30 s; the second call is refused with CAISO's message):
  curl -i -X POST -H 'X-Drrs-User: alice' \\
       http://127.0.0.1:${gateway_port}/sst/drrs/RetrieveDRLocations_DRRSv1_AP
SOAP calls, as CAISO's clients send them, are in README.md's quick start.

TXT

ASPNETCORE_URLS="http://127.0.0.1:${gateway_port}" \
ReverseProxy__Clusters__drrs__Destinations__primary__Address="http://127.0.0.1:${simulator_port}/" \
  dotnet src/DrrsGateway/bin/Release/net10.0/DrrsGateway.dll "$@"
