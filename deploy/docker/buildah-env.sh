# Sourced by the other scripts here (and by the container tests): points buildah at a folder of the
# project's own for its configuration and image storage, so nothing of the machine's containers setup
# (/etc/containers, /var/lib/containers) is read or written. The folder is a cache: images built once
# are reused by the next run. DRRS_CONTAINERS_HOME moves it.
DRRS_CONTAINERS_HOME="${DRRS_CONTAINERS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/drrs-gateway/containers}"
mkdir -p "$DRRS_CONTAINERS_HOME"

# overlay is fast and shares layers; it cannot stack on a root that is itself an overlay (some CI
# sandboxes), where vfs (full copies, slower, more disk) is the one driver that works.
if [ -z "${DRRS_CONTAINERS_DRIVER:-}" ]; then
  if awk '$2 == "/" && $3 == "overlay" { found = 1 } END { exit !found }' /proc/mounts; then
    DRRS_CONTAINERS_DRIVER=vfs
  else
    DRRS_CONTAINERS_DRIVER=overlay
  fi
fi

cat > "$DRRS_CONTAINERS_HOME/storage.conf" <<CONF
[storage]
driver = "$DRRS_CONTAINERS_DRIVER"
graphroot = "$DRRS_CONTAINERS_HOME/storage-$DRRS_CONTAINERS_DRIVER"
runroot = "$DRRS_CONTAINERS_HOME/run"
CONF

# runc, not crun: crun fails on this kind of VM (setrlimit, hybrid cgroups). Limits within the host's hard
# limits, for the same reason. buildah's chroot isolation, used here, needs neither, podman does.
cat > "$DRRS_CONTAINERS_HOME/containers.conf" <<'CONF'
[engine]
runtime = "runc"

[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
CONF

# Every image the project names is fully qualified; a short name is an error, not a guess at a registry.
cat > "$DRRS_CONTAINERS_HOME/registries.conf" <<'CONF'
unqualified-search-registries = []
short-name-mode = "enforcing"
CONF

export DRRS_CONTAINERS_HOME
export CONTAINERS_STORAGE_CONF="$DRRS_CONTAINERS_HOME/storage.conf"
export CONTAINERS_CONF="$DRRS_CONTAINERS_HOME/containers.conf"
export CONTAINERS_REGISTRIES_CONF="$DRRS_CONTAINERS_HOME/registries.conf"
# Build steps run with chroot isolation: no OCI runtime, no user namespaces, the host's network.
export BUILDAH_ISOLATION=chroot
