#!/usr/bin/env bash
# Builds the image the server's OCI image is layered on, from Debian's packages only (this project's machines reach
# Maven Central, Debian and npm, not a container registry): Debian 12 (minbase) with OpenJDK 17's headless runtime
# and a non-root user "cpis" (uid 10001), written as a Docker archive that Jib takes as its base
# (tar://target/image/cpis-base.tar). Needs root, debootstrap, umoci and skopeo (apt-get install debootstrap umoci
# skopeo). No container daemon is needed, here or in the Maven build.
#
#   bash scripts/build-base-image.sh [target/image]
set -euo pipefail
out="${1:-target/image}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates,curl bookworm "$work/rootfs" "$mirror"
chroot "$work/rootfs" groupadd --gid 10001 cpis
chroot "$work/rootfs" useradd --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin cpis
install -d -o 10001 -g 10001 "$work/rootfs/data"
# Not needed at run time: package lists, caches, documentation.
rm -rf "$work/rootfs/var/cache/apt/"* "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/usr/share/doc/"* \
    "$work/rootfs/usr/share/man/"*

umoci init --layout "$work/oci"
umoci new --image "$work/oci:base"
umoci unpack --image "$work/oci:base" "$work/bundle"
cp -a "$work/rootfs/." "$work/bundle/rootfs/"
umoci repack --image "$work/oci:base" "$work/bundle"
umoci config --image "$work/oci:base" --config.user 10001:10001 --config.workingdir /data \
    --config.env JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 --os linux --architecture amd64
rm -f "$out/cpis-base.tar"
skopeo copy "oci:$work/oci:base" "docker-archive:$out/cpis-base.tar:cpis-base:bookworm-jre17"
echo "base image: $out/cpis-base.tar"
