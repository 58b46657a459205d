#!/bin/sh
# Makes a Java 17 runtime base image from Debian's packages, for machines that reach a Debian
# mirror but no image registry: a minimal bookworm (debootstrap) with openjdk-17-jre-headless,
# imported into podman. Usage: deployment/docker/debian-base.sh [IMAGE [MIRROR]] (as root; needs
# debootstrap and podman). The first run takes about 80 s; the root file system is kept as a
# tarball in $SMS_BASE_CACHE (default ~/.cache/spear-sms), so later runs import it in seconds.
set -eu
IMAGE=${1:-localhost/spear-jre17:bookworm}
MIRROR=${2:-http://deb.debian.org/debian}
CACHE=${SMS_BASE_CACHE:-$HOME/.cache/spear-sms}
TARBALL="$CACHE/jre17-bookworm.tar"

if podman image exists "$IMAGE"; then
  exit 0
fi
mkdir -p "$CACHE"
if [ ! -f "$TARBALL" ]; then
  rm -rf "$CACHE/rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$CACHE/rootfs" "$MIRROR"
  rm -rf "$CACHE/rootfs/var/cache/apt/archives/"*.deb "$CACHE/rootfs/var/lib/apt/lists/"*
  tar -C "$CACHE/rootfs" -cf "$TARBALL.partial" .
  mv "$TARBALL.partial" "$TARBALL"
  rm -rf "$CACHE/rootfs"
fi
podman import --change 'CMD ["/bin/sh"]' "$TARBALL" "$IMAGE"
