#!/usr/bin/env bash
# Makes the two Microsoft base images the Dockerfile names (mcr.microsoft.com/dotnet/sdk:10.0 and
# aspnet:10.0) exist in buildah's local storage. It pulls them when the registry answers; on a machine that
# cannot reach it, it makes stand-ins, tagged with the exact names, so the Dockerfile builds unchanged:
#   - a Debian root filesystem (mmdebstrap, from this machine's own Debian sources) with .NET's runtime
#     dependencies, the non-root `app` user (uid 1654) and the environment of the real images
#     (APP_UID, ASPNETCORE_HTTP_PORTS=8080, DOTNET_RUNNING_IN_CONTAINER);
#   - aspnet: that, plus this machine's .NET and ASP.NET Core runtimes;
#   - sdk: aspnet, plus this machine's whole SDK, its CA certificates and NuGet configuration (a restore
#     inside the build must trust what this machine trusts).
# Stand-ins carry the label org.drrs-gateway.stand-in (what they were made from) and are remade when this
# machine's .NET or this script changes. DRRS_STAND_IN_IMAGES=always skips the pull.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=buildah-env.sh
source "$here/buildah-env.sh"

aspnet_image=mcr.microsoft.com/dotnet/aspnet:10.0
sdk_image=mcr.microsoft.com/dotnet/sdk:10.0
stand_in_label=org.drrs-gateway.stand-in
app_uid=1654

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime_version="$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | grep '^10\.' | sort -V | tail -n 1)"
sdk_version="$(dotnet --version)"
# shellcheck source=/dev/null
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:?/etc/os-release names no Debian codename}")"
stamp="debian-$suite sdk-$sdk_version aspnetcore-$runtime_version script-$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)"

label_of() {
  buildah inspect --type image --format "{{index .Docker.Config.Labels \"$stand_in_label\"}}" "$1" 2>/dev/null
}

image_is_current() {
  buildah inspect --type image "$1" >/dev/null 2>&1 || return 1
  local label
  label="$(label_of "$1")"
  # A pulled image has no stand-in label and is current as it is.
  [ -z "$label" ] || [ "$label" = "$stamp" ]
}

if image_is_current "$aspnet_image" && image_is_current "$sdk_image"; then
  echo "base images: present ($(label_of "$sdk_image" || true))"
  exit 0
fi

if [ "${DRRS_STAND_IN_IMAGES:-}" != "always" ] \
  && timeout 300 buildah pull -q "$aspnet_image" >/dev/null 2>&1 \
  && timeout 600 buildah pull -q "$sdk_image" >/dev/null 2>&1; then
  echo "base images: pulled"
  exit 0
fi
echo "base images: the registry cannot be reached; making stand-ins ($stamp)"

work="$(mktemp -d "${TMPDIR:-/tmp}/drrs-base-images.XXXXXX")"
containers=()
cleanup() {
  for container in "${containers[@]}"; do buildah rm "$container" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# The Debian sources this machine's apt uses (a mirror or snapshot it can reach); without any, Debian's own.
sources=()
for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$file" ] && grep -qE '^[[:space:]]*(deb |URIs:).*/debian' "$file" && sources+=("$file")
done
# Snapshot archives carry Release files whose Valid-Until has passed; proxies apt uses apply here too.
apt_options=(--aptopt='Acquire::Check-Valid-Until "false"')
while IFS= read -r option; do
  apt_options+=(--aptopt="$option")
done < <(apt-config dump | grep -E '^Acquire::(http|https)::Proxy ' || true)

# .NET's runtime dependencies, by the names this Debian release gives them (read off this machine's own
# packages, which run the same .NET).
installed_package() { dpkg-query -W -f='${Package}\n' "$1" 2>/dev/null | head -n 1; }
packages="ca-certificates,libc6,libgcc-s1,libstdc++6,tzdata,zlib1g"
packages+=",$(installed_package 'libicu[0-9]*')"
packages+=",$(installed_package 'libssl3*')"

rootfs="$work/rootfs"
mmdebstrap --quiet --variant=minbase --include="$packages" "${apt_options[@]}" \
  --customize-hook="chroot \"\$1\" groupadd --gid=$app_uid app" \
  --customize-hook="chroot \"\$1\" useradd --no-log-init --uid=$app_uid --gid=$app_uid --create-home app" \
  "$suite" "$rootfs" "${sources[@]}"

# aspnet: the dotnet host and the two shared frameworks, as the real image lays them out.
runtime="$work/dotnet-runtime"
mkdir -p "$runtime/shared"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$runtime/"
cp -a "$dotnet_root/shared/Microsoft.NETCore.App" "$dotnet_root/shared/Microsoft.AspNetCore.App" "$runtime/shared/"
container="$(buildah from scratch)"
containers+=("$container")
buildah copy --quiet "$container" "$rootfs" / >/dev/null
buildah copy --quiet "$container" "$runtime" /usr/share/dotnet >/dev/null
buildah run "$container" -- ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
buildah config \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env APP_UID=$app_uid \
  --env ASPNETCORE_HTTP_PORTS=8080 \
  --env DOTNET_RUNNING_IN_CONTAINER=true \
  --env DOTNET_VERSION="$runtime_version" \
  --env ASPNET_VERSION="$runtime_version" \
  --label "$stand_in_label=$stamp" \
  "$container"
buildah commit --quiet --format docker "$container" "$aspnet_image" >/dev/null

# sdk: built on aspnet, as the real one is, plus the whole SDK and what a restore here needs to trust.
container="$(buildah from "$aspnet_image")"
containers+=("$container")
buildah copy --quiet "$container" "$dotnet_root" /usr/share/dotnet >/dev/null
buildah copy --quiet "$container" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt >/dev/null
if [ -f "$HOME/.nuget/NuGet/NuGet.Config" ]; then
  buildah copy --quiet "$container" "$HOME/.nuget/NuGet/NuGet.Config" /root/.nuget/NuGet/NuGet.Config >/dev/null
fi
sdk_environment=(--env DOTNET_SDK_VERSION="$sdk_version" --env DOTNET_NOLOGO=true
  --env DOTNET_GENERATE_ASPNET_CERTIFICATE=false --env NUGET_XMLDOC_MODE=skip)
# Where this machine cannot check certificate revocation (a closed network), neither can the build.
if [ -n "${NUGET_CERT_REVOCATION_MODE:-}" ]; then
  sdk_environment+=(--env NUGET_CERT_REVOCATION_MODE="$NUGET_CERT_REVOCATION_MODE")
fi
buildah config "${sdk_environment[@]}" "$container"
buildah commit --quiet --format docker "$container" "$sdk_image" >/dev/null
echo "base images: stand-ins made"
