#!/usr/bin/env bash
# Installs everything image-manager's demo and test suite need on a fresh Debian/Ubuntu machine (as root, or with
# sudo): the container tools, the distribution registry, qemu for arm64 emulation, a static busybox per
# architecture (the tiny base for test images), Chromium for the catalog tests, then the npm dependencies.
# Safe to run again: each step checks what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(buildah podman skopeo umoci docker-registry qemu-user-static busybox-static debootstrap docker.io
  rsync chromium apache2-utils openssl git ca-certificates uidmap runc)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A static arm64 busybox: the smallest possible arm64 base image, so arm64 builds are testable under qemu.
BUSYBOX_DIR=.image-manager/tools/busybox
if [ ! -x "$BUSYBOX_DIR/arm64/busybox" ]; then
  echo "==> fetching busybox-static:arm64"
  $SUDO dpkg --add-architecture arm64
  $SUDO apt-get update -qq
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download busybox-static:arm64 >/dev/null && dpkg-deb -x busybox-static_*_arm64.deb out)
  mkdir -p "$BUSYBOX_DIR/arm64" "$BUSYBOX_DIR/amd64"
  cp "$tmp/out/bin/busybox" "$BUSYBOX_DIR/arm64/busybox"
  rm -rf "$tmp"
fi
if [ ! -x "$BUSYBOX_DIR/amd64/busybox" ]; then
  mkdir -p "$BUSYBOX_DIR/amd64"
  cp /bin/busybox "$BUSYBOX_DIR/amd64/busybox"
fi

# qemu binfmt handlers for emulated arm64 (once per boot; "File exists" means it is already registered).
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  $SUDO mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
  if [ -f /usr/lib/binfmt.d/qemu-aarch64.conf ]; then
    $SUDO sh -c 'cat /usr/lib/binfmt.d/qemu-aarch64.conf > /proc/sys/fs/binfmt_misc/register' 2>/dev/null || true
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
