#!/usr/bin/env bash
# Builds both images of the Dockerfile, unchanged, without a Docker daemon: buildah with chroot isolation,
# in Docker's image format (the OCI format drops HEALTHCHECK). Tags: drrs-gateway and drrs-simulator, as
# docker-compose.yml names them. Run from anywhere, as root (buildah's chroot isolation needs it):
#   sudo deploy/docker/build-images.sh
# The first run makes the base images (see stand-in-base-images.sh); later runs reuse them and every
# unchanged layer, from the folder buildah-env.sh names.
# DRRS_CONTAINER_ENGINE=docker builds the same two images with a Docker daemon instead (the real base
# images pulled, no root needed beyond Docker's own); the container tests run buildah's.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ "${DRRS_CONTAINER_ENGINE:-buildah}" = docker ]; then
  docker info >/dev/null 2>&1 || { echo "build-images.sh: no Docker daemon answers (docker info)" >&2; exit 1; }
  for target in simulator gateway; do
    docker build --file "$root/Dockerfile" --target "$target" --tag "drrs-$target" "$root"
  done
  exit 0
fi
# shellcheck source=buildah-env.sh
source "$here/buildah-env.sh"

if [ "$(id -u)" -ne 0 ]; then
  echo "build-images.sh: run as root (sudo): buildah's chroot isolation needs it" >&2
  exit 1
fi
for tool in buildah mmdebstrap; do
  command -v "$tool" >/dev/null 2>&1 || { echo "build-images.sh: $tool is not installed (apt-get install $tool)" >&2; exit 1; }
done

# Runs a step and says how long it took: operators plan around these times.
timed() {
  local label="$1" started=$SECONDS
  shift
  "$@"
  echo "$label: $((SECONDS - started)) s"
}

timed "base images" bash "$here/stand-in-base-images.sh"
for target in simulator gateway; do
  timed "drrs-$target" buildah bud --quiet --isolation chroot --format docker --layers \
    --file "$root/Dockerfile" --target "$target" --tag "drrs-$target" "$root"
done
