#!/usr/bin/env bash
# Renders the Kubernetes kustomizations and the compose file with their own tools, where installed, and
# says which it skipped. Neither needs a cluster or a Docker daemon. Exit 1 when a rendering fails.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kustomizations=(deploy/base deploy/overlays/lab deploy/overlays/external-redis deploy/overlays/monitoring)
skipped=()
failed=0

render() {
  local label="$1"
  shift
  if "$@" > /dev/null; then
    echo "ok: ${label}"
  else
    echo "FAILED: ${label}" >&2
    failed=1
  fi
}

if command -v kubectl > /dev/null 2>&1; then
  for dir in "${kustomizations[@]}"; do
    render "kubectl kustomize ${dir}" kubectl kustomize "${root}/${dir}"
  done
elif command -v kustomize > /dev/null 2>&1; then
  for dir in "${kustomizations[@]}"; do
    render "kustomize build ${dir}" kustomize build "${root}/${dir}"
  done
else
  skipped+=("kustomize rendering (neither kubectl nor kustomize installed)")
fi

# Compose v2 (the docker plugin) first, then the standalone v1; both validate without a daemon.
if command -v docker > /dev/null 2>&1 && docker compose version > /dev/null 2>&1; then
  render "docker compose config" docker compose --project-directory "${root}" -f "${root}/docker-compose.yml" config --quiet
elif command -v docker-compose > /dev/null 2>&1; then
  render "docker-compose config" docker-compose --project-directory "${root}" -f "${root}/docker-compose.yml" config --quiet
else
  skipped+=("compose validation (neither 'docker compose' nor docker-compose installed)")
fi

for item in ${skipped[@]+"${skipped[@]}"}; do
  echo "skipped: ${item}"
done
exit "${failed}"
