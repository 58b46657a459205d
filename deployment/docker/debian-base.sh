#!/bin/sh
# Makes a Java 17 runtime base image from Debian's packages, for machines that reach a Debian
# mirror but no image registry: a minimal bookworm (debootstrap) with openjdk-17-jre-headless and
# libjemalloc2 (the image's entry point preloads it: see Dockerfile.jvm), imported into podman. Usage: deployment/docker/debian-base.sh [IMAGE [MIRROR]] (as root; needs
# debootstrap and podman). MIRROR defaults to the one apt uses here, and apt's HTTP proxy, if it
# has one, is used too. The first run takes about 80 s; the root file system is kept as a tarball
# in $SMS_BASE_CACHE (default ~/.cache/spear-sms), so later runs import it in seconds.
set -eu
IMAGE=${1:-localhost/spear-jre17-jemalloc:bookworm}
CACHE=${SMS_BASE_CACHE:-$HOME/.cache/spear-sms}
TARBALL="$CACHE/jre17-jemalloc-bookworm.tar"

# the first Debian archive apt reads from (deb822 sources, then the one-line format)
apt_mirror() {
  for file in /etc/apt/sources.list.d/*.sources; do
    if [ -f "$file" ]; then
      awk '/^URIs:/ && $2 ~ /debian\/?$/ { print $2; exit }' "$file"
    fi
  done | head -n 1
  grep -hE '^deb +(\[[^]]*\] +)?https?://[^ ]*debian/? ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    2>/dev/null | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^http/) { print $i; exit } }' | head -n 1
}
MIRROR=${2:-$(apt_mirror | head -n 1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
if [ -z "${http_proxy:-}" ] && command -v apt-config >/dev/null; then
  eval "$(apt-config shell http_proxy Acquire::http::Proxy)"
  if [ -n "${http_proxy:-}" ]; then
    export http_proxy
  fi
fi

if podman image exists "$IMAGE"; then
  exit 0
fi
mkdir -p "$CACHE"
if [ ! -f "$TARBALL" ]; then
  rm -rf "$CACHE/rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,libjemalloc2 bookworm "$CACHE/rootfs" "$MIRROR"
  rm -rf "$CACHE/rootfs/var/cache/apt/archives/"*.deb "$CACHE/rootfs/var/lib/apt/lists/"*
  tar -C "$CACHE/rootfs" -cf "$TARBALL.partial" .
  mv "$TARBALL.partial" "$TARBALL"
  rm -rf "$CACHE/rootfs"
fi
podman import --change 'CMD ["/bin/sh"]' "$TARBALL" "$IMAGE"
