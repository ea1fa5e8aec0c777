#!/usr/bin/env bash
# Runs every test: unit, integration (real redis-server processes, real SOAP peers: JAX-WS RI and Tomcat
# backends, WCF, zeep and node-soap clients; a real Prometheus and promtool against the shipped alert rules
# and dashboard) and deployment checks; then the container tests, which build the Dockerfile's images with
# buildah and run them (after the rest, so image builds do not compete with timing-sensitive tests). Installs with apt (and npm, for node-soap) whatever the tests need
# and this machine lacks; the fixtures fail with a clear message, never skip, when something is still missing.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
needed=()
command -v redis-server >/dev/null 2>&1 || needed+=(redis-server)
command -v redis-sentinel >/dev/null 2>&1 || needed+=(redis-sentinel)
command -v javac >/dev/null 2>&1 || needed+=(default-jdk-headless)
[ -f /usr/share/java/jaxws-rt.jar ] || needed+=(libjaxws-java)
[ -f /usr/share/java/tomcat10-catalina.jar ] || needed+=(libtomcat10-java)
/usr/bin/python3 -c 'import zeep' >/dev/null 2>&1 || needed+=(python3-zeep)
command -v node >/dev/null 2>&1 || needed+=(nodejs)
command -v npm >/dev/null 2>&1 || needed+=(npm)
# Debian's prometheus package ships both the server and promtool.
{ command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; } || needed+=(prometheus)
# The container tests: buildah builds and runs the images, mmdebstrap makes the base-image stand-ins, ip
# gives compose's services their own network namespaces, docker-compose renders docker-compose.yml.
command -v buildah >/dev/null 2>&1 || needed+=(buildah)
command -v mmdebstrap >/dev/null 2>&1 || needed+=(mmdebstrap)
command -v ip >/dev/null 2>&1 || needed+=(iproute2)
command -v redis-cli >/dev/null 2>&1 || needed+=(redis-tools)
command -v docker-compose >/dev/null 2>&1 || needed+=(docker-compose)
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing for the tests: ${needed[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi
[ -d tests/peers/node/node_modules/soap ] || (cd tests/peers/node && npm ci --no-audit --no-fund --loglevel=error)

dotnet test DrrsGateway.sln --configuration Release "$@"
# buildah's chroot isolation needs root: under sudo when this script is not root.
$sudo_cmd env "PATH=$PATH" "HOME=$HOME" dotnet test tests/DrrsGateway.ContainerTests --configuration Release "$@"
